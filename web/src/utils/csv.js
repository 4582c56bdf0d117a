// CSV with a UTF-8 byte-order mark and CRLF line ends, which Excel opens with Chinese intact.

function cell(value) {
  let s = value === null || value === undefined ? '' : String(value)
  // Keep spreadsheet programs from reading a cell as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`
  return s
}

export function toCsv(header, rows) {
  const lines = [header, ...rows].map((r) => r.map(cell).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export function saveText(text, filename, type = 'text/csv;charset=utf-8') {
  const blob = new Blob([text], { type })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
