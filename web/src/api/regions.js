import { http } from './http.js'

export const getRegions = () => http.get('/regions')
export const createRegion = ({ code, name, parent_code }) =>
  http.post('/regions', { code, name, parent_code })
/** patch: any of { name, excluded_from_parent, has_platform } */
export const updateRegion = (code, patch) => http.patch(`/regions/${encodeURIComponent(code)}`, patch)
