import { http } from './http.js'

// Annual targets 目标任务 (docs/api.md "Targets").
/** → { year, region, rows: [{ code, name, level, excluded_from_parent, editable, training, mentoring, support }] } */
export const getTargets = (year, region) => http.get('/targets', { year, region })
/** cells: [{ region_code, indicator, target: number | null }] → { saved: N } */
export const saveTargets = (year, cells) => http.put('/targets', { year, cells })
