// A registry record's change history in words, for ChangeHistory: the label of a field and the
// text of a value. `labels` gives the i18n key of fields labelled as on the record's own page
// (name, region), `enums` the i18n prefix of coded values (category → categories.*); other fields
// are labelled under fields.*, and region codes are shown with their name.
import { useI18n } from 'vue-i18n'
import { regionName } from '../store/region.js'

export function useHistoryText({ labels = {}, enums = {} } = {}) {
  const { t, te } = useI18n()

  function fieldLabel(key) {
    if (labels[key]) return t(labels[key])
    return te(`fields.${key}`) ? t(`fields.${key}`) : key
  }

  function valueText(key, v) {
    if (enums[key] && te(`${enums[key]}.${v}`)) return t(`${enums[key]}.${v}`)
    if (key === 'region_code') {
      const name = regionName(v)
      return name && name !== v ? `${name} (${v})` : String(v)
    }
    if (typeof v === 'object') return JSON.stringify(v)
    return String(v)
  }

  return { fieldLabel, valueText }
}
