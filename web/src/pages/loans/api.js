// Guarantee loans API (docs/api.md "Guarantee loans 创业担保贷款").
import { http, download, request, ApiError, API_BASE, acceptLanguage, buildUrl, notifyError, unauthorized } from '../../api/http.js'
import { csrfToken } from '../../store/session.js'
import { t } from '../../i18n/index.js'

const enc = encodeURIComponent

// ---- policies ----
export const listPolicies = () => http.get('/policies')
export const createPolicy = (p) => http.post('/policies', p)
export const updatePolicy = (id, p) => http.put(`/policies/${enc(id)}`, p)

// ---- applications ----
export const checkApplication = (body) => http.post('/loan-applications/check', body)
export const listApplications = (query) => http.get('/loan-applications', query)
export const queueCounts = () => http.get('/loan-applications/queue-counts')
export const getApplication = (id) => http.get(`/loan-applications/${enc(id)}`)
export const applicationAction = (id, body) => http.post(`/loan-applications/${enc(id)}/actions`, body)
export const bulkAction = (body) => http.post('/loan-applications/bulk', body)
export const revealApplicant = (id) => http.post(`/loan-applications/${enc(id)}/reveal`)
export const attachmentUrl = (id, aid) => `${API_BASE}/loan-applications/${enc(id)}/attachments/${enc(aid)}`
export const deleteAttachment = (id, aid) => http.del(`/loan-applications/${enc(id)}/attachments/${enc(aid)}`)

/**
 * POST / PUT of an application. A refusal for eligibility (422 `ineligible`) carries the reasons
 * next to the error object: the thrown ApiError gets them as `err.reasons`.
 */
export async function saveApplication(id, body) {
  const method = id ? 'PUT' : 'POST'
  const path = id ? `/loan-applications/${enc(id)}` : '/loan-applications'
  const headers = {
    'Accept-Language': acceptLanguage(),
    Accept: 'application/json',
    'Content-Type': 'application/json',
  }
  const csrf = csrfToken()
  if (csrf) headers['X-CSRF-Token'] = csrf
  let res
  try {
    res = await fetch(buildUrl(path), { method, headers, credentials: 'same-origin', body: JSON.stringify(body) })
  } catch {
    const err = new ApiError({ status: 0, code: 'network', message: t('common.networkError') })
    notifyError(err)
    throw err
  }
  let payload = null
  try {
    payload = await res.json()
  } catch {
    // not JSON
  }
  if (res.ok) return payload
  const e = (payload && payload.error) || {}
  const err = new ApiError({
    status: res.status,
    code: e.code || `http_${res.status}`,
    message: e.message || (res.status >= 500 ? t('common.serverError') : `HTTP ${res.status}`),
    field: e.field || '',
    requestId: e.request_id || res.headers.get('X-Request-Id') || '',
  })
  err.reasons = (payload && Array.isArray(payload.reasons) && payload.reasons) || (Array.isArray(e.reasons) ? e.reasons : null)
  if (res.status === 401) unauthorized(err)
  else if (res.status >= 500) notifyError(err)
  throw err
}

/** Uploads a file's bytes as the body of POST …/attachments?filename= (progress through XHR). */
export function uploadAttachment(id, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${API_BASE}/loan-applications/${enc(id)}/attachments?${new URLSearchParams({ filename: file.name })}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', acceptLanguage())
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    const csrf = csrfToken()
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.upload.onprogress = (e) => {
      if (onProgress) onProgress(e.lengthComputable && e.total ? Math.round((e.loaded * 100) / e.total) : 0)
    }
    xhr.onerror = () => {
      const err = new ApiError({ status: 0, code: 'network', message: t('common.networkError') })
      notifyError(err)
      reject(err)
    }
    xhr.onload = () => {
      let payload = null
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload)
      const e = (payload && payload.error) || {}
      const err = new ApiError({
        status: xhr.status,
        code: e.code || `http_${xhr.status}`,
        message: e.message || (xhr.status >= 500 ? t('common.serverError') : `HTTP ${xhr.status}`),
        field: e.field || '',
        requestId: e.request_id || xhr.getResponseHeader('X-Request-Id') || '',
      })
      if (xhr.status === 401) unauthorized(err)
      else if (xhr.status >= 500) notifyError(err)
      reject(err)
    }
    xhr.send(file)
  })
}

/** The attachment as a download (with the session cookie). */
export const downloadAttachment = (id, aid, filename) =>
  download(`/loan-applications/${enc(id)}/attachments/${enc(aid)}`, null, filename)

// ---- loans ----
export const listLoans = (query) => http.get('/loans', query)
export const exportLoans = (query, fallbackName) => download('/loans/export.xlsx', query, fallbackName)
export const getLoan = (id) => http.get(`/loans/${enc(id)}`)
export const addRepayment = (id, body) => http.post(`/loans/${enc(id)}/repayments`, body)
export const compensateLoan = (id, body) => http.post(`/loans/${enc(id)}/compensate`, body)
export const loanFigures = (query) => http.get('/loans/figures', query)

// ---- interest subsidy claims ----
export const listClaims = (query) => http.get('/subsidy-claims', query)
export const createClaim = (body) => http.post('/subsidy-claims', body)
export const getClaim = (id) => http.get(`/subsidy-claims/${enc(id)}`)
export const claimAction = (id, action) => http.post(`/subsidy-claims/${enc(id)}/actions`, { action })
export const downloadClaim = (id, fallbackName) => download(`/subsidy-claims/${enc(id)}.xlsx`, null, fallbackName)

export { request }
