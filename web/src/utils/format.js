// Timestamps come from the server as ISO 8601 in China Standard Time (…+08:00): they are shown
// as the civil time they name, without converting to the browser's zone.
export function formatDateTime(value, seconds = true) {
  if (!value) return ''
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/.exec(String(value))
  return m ? `${m[1]} ${m[2]}${seconds && m[3] ? m[3] : ''}` : String(value)
}

export function formatPercent(part, whole) {
  if (!whole) return '0.00%'
  return `${((part * 100) / whole).toFixed(2)}%`
}

export function todayStamp() {
  const d = new Date()
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`
}
