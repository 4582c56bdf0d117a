// Money of the guarantee loans: the API speaks integer fen (`…_fen`) and basis points (`rate_bp`);
// the pages show 元 with separators, 万元 / 亿元 for large sums, and rates in %.
// Conversions go through strings and integers so that no float error creeps into an amount.

/** 1234567 (fen) → "12,345.67" (元). */
export function yuan(fen, { decimals = 2 } = {}) {
  if (fen === null || fen === undefined || fen === '') return '—'
  const n = Number(fen)
  if (!Number.isFinite(n)) return '—'
  const neg = n < 0
  const abs = Math.abs(Math.round(n))
  const whole = Math.floor(abs / 100)
  const cents = abs % 100
  let s = whole.toLocaleString('en-US')
  if (decimals > 0) s += '.' + String(cents).padStart(2, '0')
  return (neg ? '-' : '') + s
}

/** fen → 万元 with up to `digits` decimals, trailing zeros dropped: 5000000 → "5". */
export function wan(fen, digits = 2) {
  if (fen === null || fen === undefined || fen === '') return '—'
  const v = Number(fen) / 1e6
  return trim(v.toFixed(digits))
}

/** fen → 亿元: 123456789000 → "12.35". */
export function yi(fen, digits = 2) {
  if (fen === null || fen === undefined || fen === '') return '—'
  return trim((Number(fen) / 1e10).toFixed(digits))
}

function trim(s) {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}

/**
 * A large amount the way reports write it → { value, unit }: 亿元 from 1亿, else 万元
 * (English: million yuan / yuan). `unitKey` picks the i18n key of the unit.
 */
export function bigAmount(fen, locale) {
  const n = Number(fen) || 0
  if (locale === 'en') {
    if (n >= 1e8) return { value: trim((n / 1e8).toFixed(2)), unit: 'million yuan' }
    return { value: yuan(n, { decimals: 0 }), unit: 'yuan' }
  }
  if (n >= 1e10) return { value: yi(n), unit: '亿元' }
  return { value: wan(n), unit: '万元' }
}

/**
 * Text typed as 元 ("12,345.6", "12345") → integer fen, or null when it is not an amount
 * (more than two decimals, letters, negative).
 */
export function parseYuan(text) {
  const s = String(text === null || text === undefined ? '' : text)
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '')
  if (!/^\d{1,13}(\.\d{0,2})?$/.test(s)) return null
  const [w, f = ''] = s.split('.')
  return Number(w) * 100 + Number((f + '00').slice(0, 2))
}

/** fen → the text a 元 input shows when editing ("12345.6" style without separators). */
export function fenToInput(fen) {
  if (fen === null || fen === undefined) return ''
  const n = Math.round(Number(fen))
  const cents = n % 100
  return cents ? `${Math.floor(n / 100)}.${String(cents).padStart(2, '0')}` : String(Math.floor(n / 100))
}

/** 435 → "4.35%"; null → "—". */
export function ratePct(bp) {
  if (bp === null || bp === undefined || bp === '') return '—'
  return `${(Number(bp) / 100).toFixed(2)}%`
}

/** "4.35" (percent) → 435 basis points, or null. */
export function parseRate(text) {
  const s = String(text === null || text === undefined ? '' : text).trim().replace(/%$/, '')
  if (!/^\d{1,2}(\.\d{0,2})?$/.test(s)) return null
  const [w, f = ''] = s.split('.')
  return Number(w) * 100 + Number((f + '00').slice(0, 2))
}

/** 10000 bp → "100%", 5000 → "50%". */
export function sharePct(bp) {
  if (bp === null || bp === undefined) return '—'
  return `${trim((Number(bp) / 100).toFixed(2))}%`
}
