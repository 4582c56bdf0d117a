// Deep-merges a module's messages into a locale. A module adds keys; it never replaces one the
// locale (or another module) already has, so two modules cannot silently fight over a text.
export function mergeMessages(base, ...parts) {
  const out = structuredClone(base)
  for (const part of parts) mergeInto(out, part ?? {}, '')
  return out
}

function mergeInto(target, part, path) {
  for (const [key, value] of Object.entries(part)) {
    const at = path ? `${path}.${key}` : key
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (target[key] === undefined) target[key] = {}
      else if (typeof target[key] !== 'object') throw new Error(`i18n: ${at} is a text and a group`)
      mergeInto(target[key], value, at)
    } else {
      if (target[key] !== undefined) throw new Error(`i18n: ${at} is defined twice`)
      target[key] = value
    }
  }
}
