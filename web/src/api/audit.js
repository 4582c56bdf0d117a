import { http, download } from './http.js'

/** query: { q, username, action, entity, from, to, page, page_size } */
export const listAudit = (query) => http.get('/audit', query)
export const exportAudit = (query, fallbackName) => download('/audit/export.xlsx', query, fallbackName)
