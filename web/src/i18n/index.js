// vue-i18n setup (composition mode). The chosen language is remembered in localStorage and sent
// to the server as Accept-Language so that its error messages come in the same language.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'
import { withModules } from './modules.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'fg.lang'

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LOCALES.includes(saved)) return saved
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': withModules('zh-CN', zhCN), en: withModules('en', en) },
})

function applyDocument(locale) {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.fullTitle')
}
applyDocument(i18n.global.locale.value)

export function currentLocale() {
  return i18n.global.locale.value
}

export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // ignore
  }
  applyDocument(locale)
}

export const t = (...args) => i18n.global.t(...args)
