import { http, download } from './http.js'

// Reports: the progress report of interchange.md, its league of child regions and the monthly
// trend (docs/api.md "Reports").
/** → { to: 'YYYY-MM-DD' }: the date of the latest activity record (today when none) */
export const getLatest = () => http.get('/reports/latest')
/** query: { region, from, to } → Progress (with `text`) */
export const getProgress = (query) => http.get('/reports/progress', query)
/** query: { region, from, to } → { parent: Progress, rows: [Progress of each child region] } */
export const getLeague = (query) => http.get('/reports/league', query)
/** query: { region, to } → { year, region, months: [{ month, training, mentoring, support }×12] } */
export const getTrend = (query) => http.get('/reports/trend', query)
/** query: { region, from, to }: the workbook (summary, indicators, one line per child region) */
export const exportProgress = (query, fallbackName) => download('/reports/progress.xlsx', query, fallbackName)
