// el-form rules that several forms share, built on the checks of validators.js (which return
// null, or { key, params } naming an i18n message). `t` words the messages.
import { regionStore } from '../store/region.js'
import { findNode } from './regions.js'
import { checkText, normalizeIdNumber, parseIdNumber } from './validators.js'

/** Answers an el-form validator's callback with a check's result. */
export const failWith = (t) => (cb, e) => (e ? cb(new Error(t(e.key, e.params || {}))) : cb())

/**
 * A citizen ID number: no complaint while a still short run of digits is typed; a wrong
 * character, the full length or leaving the field checks it all. `today()` is the day of the
 * birth-date check; on leaving, `more(number)` may add a check of its own (null or { key }).
 */
export function idNumberRules(t, today, more = () => null) {
  const fail = failWith(t)
  const check = (v) => {
    const r = parseIdNumber(v, today())
    return r.ok ? null : r.error
  }
  const whileTyping = (_r, v, cb) => {
    const s = normalizeIdNumber(v)
    return s.length < 18 && /^[0-9]*$/.test(s) ? cb() : fail(cb, check(v))
  }
  const full = (_r, v, cb) => {
    if (!normalizeIdNumber(v)) return cb(new Error(t('rules.idRequired')))
    const r = parseIdNumber(v, today())
    return fail(cb, r.ok ? more(r.number) : r.error)
  }
  return [
    { required: true, validator: whileTyping, trigger: 'change' },
    { validator: full, trigger: 'blur' },
  ]
}

/** The region of a record: required, a county or a township (never the city). */
export const recordRegionRules = (t) => [
  {
    required: true,
    validator: (_r, v, cb) => {
      if (!v) return cb(new Error(t('rules.regionRequired')))
      const node = findNode(regionStore.tree, v)
      if (node && node.level === 'city') return cb(new Error(t('rules.regionLevel')))
      return cb()
    },
    trigger: 'change',
  },
]

/** Text of at most `max` characters, required when `requiredKey` names its message. */
export const textRules = (t, max, requiredKey, tooLongKey, trigger = ['change', 'blur']) => [
  { required: !!requiredKey, validator: (_r, v, cb) => failWith(t)(cb, checkText(v, max, requiredKey, tooLongKey)), trigger },
]
