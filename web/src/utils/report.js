// Display helpers for the progress report (interchange.md "The progress report"): the letter's
// way of writing numbers (12.93万人, 4.13亿元, 76.28%) and the indicators.
import { enums } from '../api/meta.js'

/** Support kinds offered in the activity form (free text on the server); the indicators and
 * training modes are the server's enums.indicators, enums.training_modes. */
export const SUPPORT_KINDS = ['创业担保贷款', '一次性创业补贴', '场地支持', '社保补贴', '创业运营补贴', '其他']

/** Colours shared by the cards, the table and the charts. */
export const INDICATOR_COLORS = { training: '#2563eb', mentoring: '#d97706', support: '#0d9488' }
export const AHEAD_COLOR = '#15803d'
export const BEHIND_COLOR = '#c81e1e'

// "12.90" → "12.9", "10.00" → "10": two decimals with trailing zeros dropped.
function trimDecimals(hundredths) {
  return (hundredths / 100).toFixed(2).replace(/\.?0+$/, '')
}

/** 1234567 → "1,234,567". */
export function formatInt(n) {
  if (n === null || n === undefined || n === '') return '—'
  return Number(n).toLocaleString('en-US')
}

/** 76.28 → "76.28%" (null → "—"). */
export function formatPct(v) {
  if (v === null || v === undefined) return '—'
  return `${Number(v).toFixed(2)}%`
}

/**
 * A count the way the letter writes it: { value, big } where big is true when it is given in 万
 * (10,000 or more: 129300 → "12.93", rounded half up, trailing zeros dropped). English keeps the
 * whole number with separators.
 */
export function countParts(n, locale) {
  const v = Number(n) || 0
  if (locale !== 'en' && v >= 10000) return { value: trimDecimals(Math.floor((v + 50) / 100)), big: true }
  return { value: formatInt(v), big: false }
}

/**
 * An amount of yuan the way the letter writes it → { value, unit }: 亿元 from 1亿, 万元 from 1万,
 * else 元 (English: million yuan / yuan). Computed in integer fen.
 */
export function amountParts(yuan, locale) {
  const fen = Math.round((Number(yuan) || 0) * 100)
  if (locale === 'en') {
    if (fen >= 1e8) return { value: trimDecimals(Math.floor((fen + 5e5) / 1e6)), unit: 'million yuan' }
    return { value: formatInt(Math.round(fen / 100)), unit: 'yuan' }
  }
  if (fen >= 1e10) return { value: trimDecimals(Math.floor((fen + 5e7) / 1e8)), unit: '亿元' }
  if (fen >= 1e6) return { value: trimDecimals(Math.floor((fen + 5e3) / 1e4)), unit: '万元' }
  return { value: formatInt(Math.round(fen / 100)), unit: '元' }
}

/** 'YYYY-MM-DD' → { y, m, d } numbers. */
export function ymd(date) {
  const [y, m, d] = String(date || '').split('-').map(Number)
  return { y, m, d }
}

/** The period in words: 2021年1月1日至8月31日 / 1 Jan – 31 Aug 2021. */
export function periodText(from, to, locale) {
  if (!from || !to) return ''
  const a = ymd(from)
  const b = ymd(to)
  if (locale === 'en') {
    const mon = (m) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]
    const left = a.y === b.y ? `${a.d} ${mon(a.m)}` : `${a.d} ${mon(a.m)} ${a.y}`
    return `${left} – ${b.d} ${mon(b.m)} ${b.y}`
  }
  const right = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`
  return `${a.y}年${a.m}月${a.d}日至${right}`
}

/** The date in words: 2021年8月31日 / 31 Aug 2021. */
export function dateText(date, locale) {
  if (!date) return ''
  const { y, m, d } = ymd(date)
  if (locale === 'en') {
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]
    return `${d} ${mon} ${y}`
  }
  return `${y}年${m}月${d}日`
}

/** The indicator line of a progress report ({ indicator, actual, target, completion, ahead_of_schedule }). */
export function indicatorOf(progress, indicator) {
  const list = (progress && progress.indicators) || []
  return list.find((i) => i.indicator === indicator) || { indicator, actual: 0, target: null, completion: null, ahead_of_schedule: null }
}

/** A league row flattened for the table (sortable by plain props). */
export function flattenProgress(p) {
  const row = {
    code: p.region.code,
    name: p.region.name,
    level: p.region.level || '',
    excluded: !!p.region.excluded_from_parent,
    people: p.cumulative.entrepreneurs,
    entities: p.cumulative.market_entities,
    enterprises: p.cumulative.enterprises,
    jobs: p.cumulative.jobs,
    loanAmount: p.loans ? p.loans.amount_yuan : 0,
    borrowers: p.loans ? p.loans.borrowers : 0,
  }
  for (const ind of enums.indicators) {
    const i = indicatorOf(p, ind)
    row[`${ind}_actual`] = i.actual
    row[`${ind}_target`] = i.target
    row[`${ind}_completion`] = i.completion
    row[`${ind}_ahead`] = i.ahead_of_schedule
  }
  return row
}

/** 'YYYY-MM-DD' checks. */
export const isDay = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s)
