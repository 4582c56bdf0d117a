// Each module's messages (web/src/pages/<module>/messages.js: { 'zh-CN': {…}, en: {…} }), collected
// by glob like its routes, so a new module edits no locale file.
import { mergeMessages } from './merge.js'

const files = import.meta.glob('../pages/*/messages.js', { eager: true, import: 'default' })
const parts = Object.values(files)

export function withModules(locale, base) {
  return mergeMessages(base, ...parts.map((m) => m[locale]))
}
