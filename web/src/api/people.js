import { http, download } from './http.js'

// Registry: returnee entrepreneurs 返乡创业人员 (docs/api.md).
/** query: { q, region, category, start_from, start_to, sort, page, page_size } */
export const listPeople = (query) => http.get('/entrepreneurs', query)
/** format: 'xlsx' | 'csv'; query: the list filters (no paging) */
export const exportPeople = (format, query, fallbackName) =>
  download(`/entrepreneurs/export.${format}`, query, fallbackName)
/** → Person + { entities, history, can_reveal, can_edit, can_delete } */
export const getPerson = (id) => http.get(`/entrepreneurs/${encodeURIComponent(id)}`)
/** → { id_number, phone } in full (recorded in the audit log as `reveal`) */
export const revealPerson = (id) => http.post(`/entrepreneurs/${encodeURIComponent(id)}/reveal`)
/** person: { id_number, name, phone, category, region_code, return_date, start_date } */
export const createPerson = (person) => http.post('/entrepreneurs', person)
/** the same body; the server keeps the stored ID number */
export const updatePerson = (id, person) => http.put(`/entrepreneurs/${encodeURIComponent(id)}`, person)
export const deletePerson = (id, reason) => http.del(`/entrepreneurs/${encodeURIComponent(id)}`, { reason })
