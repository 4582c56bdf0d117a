// Uploads of a file's bytes as the raw body of a POST (the server reads the type from the bytes;
// the name goes in ?filename=). XMLHttpRequest rather than fetch, so that a page can show the
// upload's progress (xhr.upload.onprogress). Used by ledger imports, loan application attachments
// and competition entry files.
import { acceptLanguage, announced, apiError, buildUrl, getCsrfToken, networkError } from './http.js'

/**
 * upload(path, file, { query, contentType, onProgress, onUploaded, accepts }) → the reply's JSON.
 * onProgress(loaded, total) follows the bytes; onUploaded() fires once they are sent (the server
 * then checks and writes). `accepts(status, payload)` says whether a reply other than 2xx is an
 * answer rather than an error (an import refused with its report is a 422 with a body to show).
 * Otherwise rejects with an ApiError, told to the user as `request` does.
 */
export function upload(path, file, { query = {}, contentType = 'application/octet-stream', onProgress, onUploaded, accepts } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, { filename: file.name, ...query }))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', acceptLanguage())
    xhr.setRequestHeader('Content-Type', contentType)
    const csrf = getCsrfToken()
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf)
    xhr.upload.onprogress = (e) => {
      if (onProgress) onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    }
    xhr.upload.onload = () => {
      if (onUploaded) onUploaded()
    }
    xhr.onerror = () => reject(announced(networkError()))
    xhr.onload = () => {
      let payload = null
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        // not JSON (e.g. a proxy error page)
      }
      const ok = xhr.status >= 200 && xhr.status < 300
      if (ok || (accepts && accepts(xhr.status, payload))) resolve(payload)
      else reject(announced(apiError(xhr.status, payload, xhr.getResponseHeader('X-Request-Id') || '')))
    }
    xhr.send(file)
  })
}

