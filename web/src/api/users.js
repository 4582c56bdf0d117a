import { http, download } from './http.js'

/** query: { q, role, region, disabled, sort, page, page_size } */
export const listUsers = (query) => http.get('/users', query)
export const exportUsers = (query, fallbackName) => download('/users/export.xlsx', query, fallbackName)
export const createUser = (user) => http.post('/users', user)
/** patch: any of { display_name, role, region_code, disabled } */
export const updateUser = (id, patch) => http.patch(`/users/${encodeURIComponent(id)}`, patch)
export const resetUserPassword = (id, password) =>
  http.post(`/users/${encodeURIComponent(id)}/password`, { password })
