// Display helpers shared by the registry pages (people and market entities).
import { regionName } from '../store/region.js'

/** "林州市 · 姚村镇" for a township, "林州市" for a county (region/county as the server sends). */
export function regionText(region, county) {
  if (!region || !region.code) return ''
  const name = region.name || regionName(region.code)
  if (!county || !county.code || county.code === region.code) return name
  return `${county.name || regionName(county.code)} · ${name}`
}

/** A default region for a new record: the picked region when it is a county or a township. */
export function defaultRecordRegion(node) {
  return node && (node.level === 'county' || node.level === 'township') ? node.code : ''
}
