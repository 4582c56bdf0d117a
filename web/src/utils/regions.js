// Helpers over the region tree returned by GET /regions.

export function walk(node, fn, parent = null, depth = 0) {
  if (!node) return
  fn(node, parent, depth)
  for (const child of node.children || []) walk(child, fn, node, depth + 1)
}

export function findNode(root, code) {
  if (!root || !code) return null
  let found = null
  walk(root, (n) => {
    if (!found && n.code === code) found = n
  })
  return found
}

/** Map code → { node, parent } for the whole tree. */
export function indexTree(root) {
  const map = new Map()
  walk(root, (node, parent) => map.set(node.code, { node, parent }))
  return map
}

/**
 * Counts under (and including) root. A region flagged excluded_from_parent, and everything
 * below it, is left out of the "counted" figures, the way the bureau's totals leave out 滑县.
 */
export function regionStats(root) {
  const stats = {
    counties: 0,
    countiesCounted: 0,
    townships: 0,
    townshipsCounted: 0,
    platforms: 0,
    platformsCounted: 0,
    excluded: [], // [{ node, parent }]
  }
  if (!root) return stats
  const visit = (node, parent, excludedAbove) => {
    const isExcluded = node !== root && !!node.excluded_from_parent
    if (isExcluded) stats.excluded.push({ node, parent })
    const counted = !excludedAbove && !isExcluded
    if (node.level === 'county') {
      stats.counties++
      if (counted) stats.countiesCounted++
    } else if (node.level === 'township') {
      stats.townships++
      if (counted) stats.townshipsCounted++
      if (node.has_platform) {
        stats.platforms++
        if (counted) stats.platformsCounted++
      }
    }
    for (const child of node.children || []) visit(child, node, !counted)
  }
  visit(root, null, false)
  return stats
}

/**
 * A copy of the tree keeping the nodes that match the keyword (by name or code) and their
 * ancestors; a matching node keeps its whole subtree. Returns null when nothing matches.
 */
export function filterTree(node, keyword) {
  const kw = (keyword || '').trim().toLowerCase()
  if (!node) return null
  if (!kw) return node
  const matches = node.name.toLowerCase().includes(kw) || node.code.toLowerCase().includes(kw)
  if (matches) return node
  const kids = (node.children || []).map((c) => filterTree(c, kw)).filter(Boolean)
  if (kids.length === 0) return null
  return { ...node, children: kids }
}

/** Depth-first list of every node of the tree. */
export function flatten(root) {
  const out = []
  walk(root, (node, parent, depth) => out.push({ node, parent, depth }))
  return out
}

export const CHILD_LEVEL = { city: 'county', county: 'township' }

/** Client-side copy of the server's code rule for a new child region. */
export function childCodeRule(parent) {
  if (!parent) return null
  if (parent.level === 'city') return { level: 'county', length: 6, prefix: parent.code.slice(0, 4) }
  if (parent.level === 'county') return { level: 'township', length: 9, prefix: parent.code.slice(0, 6) }
  return null
}
