// Ledger imports (docs/api.md "Ledger imports"). The upload goes through XMLHttpRequest rather
// than fetch so that the page can show the upload's progress (xhr.upload.onprogress).
import { download, ApiError, API_BASE, acceptLanguage, notifyError, unauthorized } from './http.js'
import { csrfToken } from '../store/session.js'
import { t } from '../i18n/index.js'

/** The template workbook of a kind (Chinese headers, required ones marked *, an example row). */
export const downloadTemplate = (kind, fallbackName) => download(`/imports/${encodeURIComponent(kind)}/template.xlsx`, null, fallbackName)

/**
 * Sends the file's bytes as the body of POST /imports/{kind}?filename=&skip_invalid=.
 * onProgress(loaded, total) follows the upload; onUploaded() fires once the bytes are sent
 * (the server then checks and writes). Resolves with { written: true|false, report } for the
 * import report (200 written, 422 refused); rejects with an ApiError otherwise (a file that cannot
 * be read or lacks a required column is a 422 error object naming the column).
 */
export function uploadLedger(kind, file, { skipInvalid = false, onProgress, onUploaded } = {}) {
  return new Promise((resolve, reject) => {
    const params = new URLSearchParams({ filename: file.name, skip_invalid: skipInvalid ? '1' : '0' })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${API_BASE}/imports/${encodeURIComponent(kind)}?${params}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', acceptLanguage())
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    const csrf = csrfToken()
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.upload.onprogress = (e) => {
      if (onProgress) onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    }
    xhr.upload.onload = () => {
      if (onUploaded) onUploaded()
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
        // not JSON (e.g. a proxy error page)
      }
      const isReport = payload && typeof payload === 'object' && Array.isArray(payload.errors) && 'written' in payload
      if ((xhr.status === 200 || xhr.status === 422) && isReport) {
        resolve({ written: xhr.status === 200 && !!payload.written, report: payload })
        return
      }
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
