// The two locales as the app builds them (src/i18n/index.js): the base files with every module's
// messages merged in (src/pages/<module>/messages.js), read here without Vite.
import { readdirSync, existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'
import { mergeMessages } from '../src/i18n/merge.js'

const pages = fileURLToPath(new URL('../src/pages/', import.meta.url))
const parts = []
for (const dir of readdirSync(pages)) {
  const file = `${pages}${dir}/messages.js`
  if (existsSync(file)) parts.push((await import(pathToFileURL(file).href)).default)
}
export const moduleMessageCount = parts.length
export const locales = {
  'zh-CN': mergeMessages(zhCN, ...parts.map((m) => m['zh-CN'])),
  en: mergeMessages(en, ...parts.map((m) => m.en)),
}
