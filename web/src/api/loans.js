// Guarantee loans API (docs/api.md "Guarantee loans 创业担保贷款").
import { http, download, API_BASE } from './http.js'
import { upload } from './upload.js'

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
  try {
    return id ? await http.put(`/loan-applications/${enc(id)}`, body) : await http.post('/loan-applications', body)
  } catch (err) {
    const p = err.payload
    const e = (p && p.error) || {}
    err.reasons = (p && Array.isArray(p.reasons) && p.reasons) || (Array.isArray(e.reasons) ? e.reasons : null)
    throw err
  }
}

/** Uploads a file as an attachment; onProgress(percent) follows the upload. */
export const uploadAttachment = (id, file, onProgress) =>
  upload(`/loan-applications/${enc(id)}/attachments`, file, {
    contentType: file.type || 'application/octet-stream',
    onProgress: (loaded, total) => onProgress && onProgress(total ? Math.round((loaded * 100) / total) : 0),
  })

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

