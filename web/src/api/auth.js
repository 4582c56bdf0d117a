import { http } from './http.js'

export const login = (username, password) => http.post('/auth/login', { username, password })
export const logout = () => http.post('/auth/logout')
export const me = () => http.get('/me')
export const changePassword = (oldPassword, newPassword) =>
  http.post('/me/password', { old_password: oldPassword, new_password: newPassword })
export const acknowledgeNotices = () => http.post('/me/notices/seen')
