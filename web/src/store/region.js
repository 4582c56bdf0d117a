// The region tree and the region picked in the top bar. The pick is kept in sessionStorage and
// is always the user's scope region or one below it; later modules filter by it.
import { reactive, computed } from 'vue'
import { getRegions } from '../api/regions.js'
import { findNode, indexTree } from '../utils/regions.js'

const STORAGE_KEY = 'fg.region'

function readStored() {
  try {
    return sessionStorage.getItem(STORAGE_KEY) || ''
  } catch {
    return ''
  }
}

function writeStored(code) {
  try {
    if (code) sessionStorage.setItem(STORAGE_KEY, code)
    else sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    // ignore
  }
}

export const regionStore = reactive({
  tree: null,
  scope: '',
  selected: readStored(),
  loading: false,
  error: null,
})

const index = computed(() => (regionStore.tree ? indexTree(regionStore.tree) : new Map()))

/** The user's own region (root of everything they may see). */
export const scopeNode = computed(() => findNode(regionStore.tree, regionStore.scope))

/** The picked region, or the scope region when nothing (valid) is picked. */
export const selectedNode = computed(() => {
  const root = scopeNode.value
  if (!root) return null
  return findNode(root, regionStore.selected) || root
})

export const selectedCode = computed(() => (selectedNode.value ? selectedNode.value.code : ''))

export function regionName(code) {
  const hit = index.value.get(code)
  return hit ? hit.node.name : code || ''
}

export function regionParent(code) {
  const hit = index.value.get(code)
  return hit ? hit.parent : null
}

/** A region {code, name} as "林州市 · 姚村镇" for a township, the name alone for a county. */
export function regionLabel(region) {
  if (!region) return ''
  const parent = regionParent(region.code)
  return parent && parent.level === 'county' ? `${parent.name} · ${region.name}` : region.name
}

export function setSelectedRegion(code) {
  const root = scopeNode.value
  const ok = root && findNode(root, code)
  regionStore.selected = ok ? code : root ? root.code : ''
  writeStored(regionStore.selected)
}

let pending = null
/** Loads (or with force, reloads) the tree. Resolves when done; errors are rethrown. */
export function loadRegions(force = false) {
  if (regionStore.tree && !force) return Promise.resolve()
  if (pending) return pending
  regionStore.loading = true
  pending = getRegions()
    .then((data) => {
      regionStore.tree = data.tree
      regionStore.scope = data.scope
      regionStore.error = null
      // keep the pick only if it is still inside the scope
      const root = findNode(data.tree, data.scope)
      if (!root || !findNode(root, regionStore.selected)) {
        regionStore.selected = root ? root.code : ''
        writeStored(regionStore.selected)
      }
    })
    .catch((err) => {
      regionStore.error = err
      throw err
    })
    .finally(() => {
      regionStore.loading = false
      pending = null
    })
  return pending
}

export function resetRegions() {
  regionStore.tree = null
  regionStore.scope = ''
  regionStore.selected = ''
  regionStore.error = null
  writeStored('')
}
