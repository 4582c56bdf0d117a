import { http, download } from './http.js'

// Registry: market entities 市场主体 (docs/api.md).
/** query: { q, region, entity_type, registered_from, registered_to, sort, page, page_size } */
export const listEntities = (query) => http.get('/market-entities', query)
/** format: 'xlsx' | 'csv'; query: the list filters (no paging) */
export const exportEntities = (format, query, fallbackName) =>
  download(`/market-entities/export.${format}`, query, fallbackName)
/** → Entity + { founders, history, can_edit, can_delete } */
export const getEntity = (id) => http.get(`/market-entities/${encodeURIComponent(id)}`)
/** entity: { credit_code, name, entity_type, region_code, registered_date, industry, jobs, founder_id_numbers } */
export const createEntity = (entity) => http.post('/market-entities', entity)
/** the same body; the server keeps the stored credit code */
export const updateEntity = (id, entity) => http.put(`/market-entities/${encodeURIComponent(id)}`, entity)
export const deleteEntity = (id, reason) => http.del(`/market-entities/${encodeURIComponent(id)}`, { reason })
