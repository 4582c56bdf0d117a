import { ElMessage } from 'element-plus'

/** Shows an error unless it was already shown (network, 5xx, 401 redirect). */
export function reportError(err) {
  if (!err || err.handled) return
  ElMessage({ type: 'error', message: err.message || String(err), showClose: true, grouping: true })
}

/**
 * For forms: an API error naming one of the form's fields goes under that field
 * (serverErrors is a reactive {field: message} bound to el-form-item :error);
 * anything else is shown as a message. fieldMap maps server field names to form props.
 */
export function applyServerError(err, serverErrors, fieldMap = {}) {
  if (err && !err.handled && err.field) {
    const prop = fieldMap[err.field] || err.field
    if (prop in serverErrors) {
      serverErrors[prop] = err.message
      return
    }
  }
  reportError(err)
}

export function clearServerErrors(serverErrors) {
  for (const key of Object.keys(serverErrors)) serverErrors[key] = ''
}
