import { http } from './http.js'

// Training, mentoring and support records 培训、辅导、扶持 (docs/api.md "Activities").
/** query: { indicator, q, region, from, to, page, page_size } → { items, total, page, page_size } */
export const listActivities = (query) => http.get('/activities', query)
/** activity: { indicator, id_number, name, region_code, date, detail?, course?, mode?, hours?, mentor?, topic?, support_kind? } */
export const createActivity = (activity) => http.post('/activities', activity)
export const deleteActivity = (id, reason) => http.del(`/activities/${encodeURIComponent(id)}`, { reason })
