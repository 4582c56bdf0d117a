// Client-side copies of the server's input rules (the server checks them again).
export const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/

export function isStrongPassword(pw) {
  return typeof pw === 'string' && pw.length >= 8 && pw.length <= 128 && /[A-Za-z]/.test(pw) && /[0-9]/.test(pw)
}

/** The el-form rules of a new password: `requiredKey` names the message when it is empty. */
export const newPasswordRules = (t, requiredKey) => [
  { required: true, message: () => t(requiredKey), trigger: 'blur' },
  { validator: (_r, v, cb) => (isStrongPassword(v) ? cb() : cb(new Error(t('password.rule')))), trigger: 'blur' },
]

/** Roles whose region must be of one level (server rule). */
export const ROLE_REGION_LEVEL = {
  city_admin: 'city',
  county_officer: 'county',
  township_staff: 'township',
}

// ---- Registry (返乡创业人员, 市场主体): the rules of src/base/id_number.cc, credit_code.cc and
// src/people/rules.cc. Checks return null when the value is fine, or { key, params } naming an
// i18n message (rules.*) worded like the server's.

// Person categories and market entity types are the server's enums.categories, enums.entity_types.

export const PERSON_NAME_MAX = 30
export const ENTITY_NAME_MAX = 60
export const INDUSTRY_MAX = 30
export const JOBS_MAX_DIGITS = 7
export const DELETE_REASON_MIN = 4

/** Length in characters (code points), as the server counts (utf8_length). */
export function charLength(s) {
  return [...String(s ?? '')].length
}

/** Today in China Standard Time as YYYY-MM-DD: the server's "not in the future" uses this day. */
export function todayCst(now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now)
  const get = (type) => parts.find((p) => p.type === type).value
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** 'YYYY-MM-DD' of a Date picked in the date picker (its local calendar day). */
export function isoDay(date) {
  const p = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`
}

function dateExists(y, m, d) {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999 check character of the first 17 digits ('' unless 17 ASCII digits). */
export function idCheckChar(first17) {
  if (!/^[0-9]{17}$/.test(first17 || '')) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** Trims and upper-cases a final x, as the server does before checking. */
export function normalizeIdNumber(text) {
  const s = String(text ?? '').trim()
  return s.endsWith('x') ? `${s.slice(0, -1)}X` : s
}

/**
 * Parses a citizen ID number (GB 11643): 18 characters, 17 digits + digit or X, a birth date that
 * exists and lies between 1900-01-01 and today, and the check character.
 * → { ok: true, number, birthDate: 'YYYY-MM-DD', sex: 'male'|'female' } or { ok: false, error }.
 */
export function parseIdNumber(text, today = todayCst()) {
  const number = normalizeIdNumber(text)
  const length = charLength(number)
  if (length !== 18) return { ok: false, error: { key: 'rules.idLength', params: { n: length } } }
  if (!/^[0-9]{17}[0-9X]$/.test(number)) return { ok: false, error: { key: 'rules.idFormat' } }
  const ymd = number.slice(6, 14)
  const y = Number(ymd.slice(0, 4))
  const m = Number(ymd.slice(4, 6))
  const d = Number(ymd.slice(6, 8))
  if (!dateExists(y, m, d)) return { ok: false, error: { key: 'rules.idBirthMissing', params: { date: ymd } } }
  const birthDate = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`
  if (birthDate < '1900-01-01' || birthDate > today) {
    return { ok: false, error: { key: 'rules.idBirthRange', params: { date: ymd } } }
  }
  const expected = idCheckChar(number.slice(0, 17))
  if (number[17] !== expected) return { ok: false, error: { key: 'rules.idCheck', params: { c: expected } } }
  return { ok: true, number, birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' }
}

/** The server's mask for lists: first 4 and last 4 characters. */
export function maskIdNumber(number) {
  const s = String(number ?? '')
  if (s.length < 8) return '*'.repeat(s.length)
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4)
}

export const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100-2015 check character of the first 17 characters ('' unless all are in the alphabet). */
export function creditCheckChar(first17) {
  const s = first17 || ''
  if (s.length !== 17) return ''
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(s[i])
    if (v < 0) return ''
    sum += v * CREDIT_WEIGHTS[i]
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]
}

/** Trims and upper-cases ASCII letters, as the server does. */
export function normalizeCreditCode(text) {
  return String(text ?? '')
    .trim()
    .replace(/[a-z]/g, (c) => c.toUpperCase())
}

/** Checks a unified social credit code (GB 32100) → { ok: true, code } or { ok: false, error }. */
export function parseCreditCode(text) {
  const code = normalizeCreditCode(text)
  const chars = [...code]
  if (chars.length !== 18) return { ok: false, error: { key: 'rules.creditLength', params: { n: chars.length } } }
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (CREDIT_ALPHABET.includes(ch)) continue
    const ascii = ch.charCodeAt(0) < 0x80
    return ascii
      ? { ok: false, error: { key: 'rules.creditChar', params: { pos: i + 1, ch } } }
      : { ok: false, error: { key: 'rules.creditCharAt', params: { pos: i + 1 } } }
  }
  const expected = creditCheckChar(code.slice(0, 17))
  if (code[17] !== expected) return { ok: false, error: { key: 'rules.creditCheck', params: { c: expected } } }
  return { ok: true, code }
}

/** Phone (optional): an 11-character mobile number starting with 1, or a landline starting with 0
 *  of 7–13 characters; digits and hyphens only. */
export function checkPhone(text) {
  const p = String(text ?? '').trim()
  if (!p) return null
  const digits = /^[0-9-]+$/.test(p)
  const mobile = digits && p.length === 11 && p[0] === '1'
  const landline = digits && p.length >= 7 && p.length <= 13 && p[0] === '0'
  return mobile || landline ? null : { key: 'rules.phone' }
}

/** Required text of at most `max` characters (after trimming). */
export function checkText(text, max, requiredKey, tooLongKey) {
  const s = String(text ?? '').trim()
  if (!s) return requiredKey ? { key: requiredKey } : null
  return charLength(s) > max ? { key: tooLongKey, params: { max } } : null
}

/** A YYYY-MM-DD date: required or not, not after today, and not before `notBefore` when given. */
export function checkDate(value, { required = false, today = todayCst(), notBefore = '', requiredKey = 'rules.dateRequired' } = {}) {
  if (!value) return required ? { key: requiredKey } : null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { key: 'rules.dateInvalid' }
  if (value > today) return { key: 'rules.dateFuture' }
  if (notBefore && value < notBefore) return { key: 'rules.dateBeforeBirth', params: { date: notBefore } }
  return null
}

/** Jobs created: a non-negative whole number of at most 7 digits. */
export function checkJobs(value) {
  if (value === null || value === undefined || value === '') return { key: 'rules.jobsRequired' }
  const s = String(value).trim()
  return /^[0-9]{1,7}$/.test(s) ? null : { key: 'rules.jobs' }
}

/** A deletion reason: at least 4 characters after trimming. */
export function isDeleteReason(text) {
  return charLength(String(text ?? '').trim()) >= DELETE_REASON_MIN
}
