// Thin fetch wrapper for the Fenggui API (/api/v1, see docs/api.md).
// - same-origin cookies (fg_session), JSON bodies, Accept-Language from the UI language;
// - X-CSRF-Token (from login or GET /me, kept in memory only) on every state-changing request;
// - errors {"error":{code,message,field}} become a thrown ApiError;
// - 401 from anything but /auth/login and /me calls the unauthorized handler (→ /login);
// - network failures and 5xx show a message (with the request id when the server gives one).
import { ElMessage } from 'element-plus'
import { currentLocale, t } from '../i18n/index.js'

export const API_BASE = '/api/v1'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const NO_REDIRECT_ON_401 = new Set(['/auth/login', '/me'])

let csrfToken = ''
let unauthorizedHandler = null

export function setCsrfToken(token) {
  csrfToken = token || ''
}

/** The token of the current session (for requests not made through `request`, e.g. uploads). */
export function getCsrfToken() {
  return csrfToken
}

export function setUnauthorizedHandler(fn) {
  unauthorizedHandler = fn
}

/** A 401 on a call made while logged in: the session has ended (→ login page). */
export function unauthorized(err) {
  err.handled = true
  if (unauthorizedHandler) unauthorizedHandler(err)
}

export class ApiError extends Error {
  constructor({ status, code, message, field = '', requestId = '', ref = '' }) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.requestId = requestId
    // the id of an existing record the error points to (409 duplicate_person / duplicate_entity)
    this.ref = ref
    // true once the user has been told (global message or redirect): callers stay quiet.
    this.handled = false
  }
}

export function buildUrl(path, query) {
  const url = API_BASE + path
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${url}?${qs}` : url
}

export function acceptLanguage() {
  return currentLocale() === 'en' ? 'en' : 'zh-CN'
}

/** Shows an error message (with the request id) and marks the error as handled. */
export function notifyError(err) {
  err.handled = true
  // the server's message may already name the request id
  const id = err.requestId && !err.message.includes(err.requestId) ? t('common.requestId', { id: err.requestId }) : ''
  ElMessage({ type: 'error', message: err.message + id, showClose: true, grouping: true, duration: 6000 })
}

function fallbackMessage(status) {
  if (status >= 500) return t('common.serverError')
  return `HTTP ${status}`
}

function filenameFrom(disposition) {
  if (!disposition) return ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1].trim() : ''
}

/**
 * request('GET', '/users', { query: {page: 1} }) → parsed JSON (null for 204).
 * responseType 'blob' → { blob, filename }.
 */
export async function request(method, path, { query, body, responseType = 'json' } = {}) {
  const headers = { 'Accept-Language': acceptLanguage() }
  if (responseType === 'json') headers.Accept = 'application/json'
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let res
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw announced(networkError())
  }

  const headerRequestId = res.headers.get('X-Request-Id') || ''
  if (res.ok) {
    if (res.status === 204) return null
    if (responseType === 'blob') {
      return { blob: await res.blob(), filename: filenameFrom(res.headers.get('Content-Disposition')) }
    }
    const text = await res.text()
    if (!text) return null
    try {
      return JSON.parse(text)
    } catch {
      const err = new ApiError({
        status: res.status,
        code: 'bad_response',
        message: t('common.serverError'),
        requestId: headerRequestId,
      })
      notifyError(err)
      throw err
    }
  }

  let payload = null
  try {
    payload = await res.json()
  } catch {
    // not JSON (e.g. a proxy error page)
  }
  const err = apiError(res.status, payload, headerRequestId)
  if (res.status === 401 && NO_REDIRECT_ON_401.has(path)) throw err
  throw announced(err)
}

/**
 * The ApiError for a refused request: the status, the reply's JSON ({"error": {…}}, or null when
 * it was not JSON) and the X-Request-Id header. `err.payload` keeps the whole reply for callers
 * that read more of it (the reasons of a refused loan application).
 */
export function apiError(status, payload, headerRequestId = '') {
  const e = (payload && payload.error) || {}
  const err = new ApiError({
    status,
    code: e.code || `http_${status}`,
    message: e.message || fallbackMessage(status),
    field: e.field || '',
    requestId: e.request_id || headerRequestId,
    ref: e.ref === undefined || e.ref === null ? '' : String(e.ref),
  })
  err.payload = payload
  return err
}

/** What the user is told without the caller: a 401 ends the session, a 5xx or no network is shown. */
export function announced(err) {
  if (err.status === 401) unauthorized(err)
  else if (err.status >= 500 || err.status === 0) notifyError(err)
  return err
}

export const networkError = () => new ApiError({ status: 0, code: 'network', message: t('common.networkError') })

export const http = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body) => request('POST', path, { body: body === undefined ? {} : body }),
  patch: (path, body) => request('PATCH', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  // DELETE may carry a body (the registry wants {"reason"})
  del: (path, body) => request('DELETE', path, { body }),
}

/** Downloads a file (e.g. an XLSX or CSV export) with the session cookie and the UI language. */
export async function download(path, query, fallbackName) {
  const { blob, filename } = await request('GET', path, { query, responseType: 'blob' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename || fallbackName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
