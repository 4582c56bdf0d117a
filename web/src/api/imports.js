// Ledger imports (docs/api.md "Ledger imports").
import { download, apiError } from './http.js'
import { upload } from './upload.js'

/** The template workbook of a kind (Chinese headers, required ones marked *, an example row). */
export const downloadTemplate = (kind, fallbackName) => download(`/imports/${encodeURIComponent(kind)}/template.xlsx`, null, fallbackName)

/**
 * Sends the file's bytes as the body of POST /imports/{kind}?filename=&skip_invalid=.
 * onProgress(loaded, total) follows the upload; onUploaded() fires once the bytes are sent
 * (the server then checks and writes). Resolves with { written: true|false, report } for the
 * import report (200 written, 422 refused); rejects with an ApiError otherwise (a file that cannot
 * be read or lacks a required column is a 422 error object naming the column).
 */
export const uploadLedger = (kind, file, { skipInvalid = false, onProgress, onUploaded } = {}) =>
  upload(`/imports/${encodeURIComponent(kind)}`, file, {
    query: { skip_invalid: skipInvalid ? '1' : '0' },
    onProgress,
    onUploaded,
    accepts: (status, payload) => status === 422 && isReport(payload),
  }).then((report) => {
    if (!isReport(report)) throw apiError(200, null)
    return { written: !!report.written, report }
  })

const isReport = (payload) => payload && typeof payload === 'object' && Array.isArray(payload.errors) && 'written' in payload
