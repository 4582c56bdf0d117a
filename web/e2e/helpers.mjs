// What the browser tests share: configuration, one Chromium per test file, a fresh context per
// test that fails on uncaught page errors, and selectors for the app's data-test attributes.
//
//   FG_BASE_URL          server with the built web app, e.g. http://127.0.0.1:18181
//   FG_ADMIN_USER / FG_ADMIN_PASSWORD     an existing city_admin
//   FG_COUNTY_USER / FG_COUNTY_PASSWORD   an existing county_officer of 林州市 (410581)
//   FG_SCREENSHOTS       folder for full-page screenshots (default /work/main/build/screenshots)
//   FG_CHROMIUM          browser binary (default /usr/bin/chromium)
import { before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const BASE = (process.env.FG_BASE_URL || 'http://127.0.0.1:18181').replace(/\/+$/, '')
export const ADMIN_USER = process.env.FG_ADMIN_USER || 'admin'
export const ADMIN_PASSWORD = process.env.FG_ADMIN_PASSWORD || 'Renshe2021x'
export const COUNTY_USER = process.env.FG_COUNTY_USER || 'e2e_county'
export const COUNTY_PASSWORD = process.env.FG_COUNTY_PASSWORD || 'County2021x'
export const SHOTS = process.env.FG_SCREENSHOTS || '/work/main/build/screenshots'
export const CHROMIUM = process.env.FG_CHROMIUM || '/usr/bin/chromium'
export const TIMEOUT = 15000

mkdirSync(SHOTS, { recursive: true })

/**
 * Launches Chromium before the file's tests and closes it after; returns a getter for it.
 * The flags keep Chromium off the network this machine does not have (Debian's build, as root).
 */
export function useBrowser() {
  let browser
  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  })
  after(async () => {
    if (browser) await browser.close()
  })
  return () => browser
}

/**
 * A fresh context (no cookies, no localStorage) and page at 1366×768 in zh-CN, closed when test `t`
 * ends. `contextOptions` extend the context's; `initScript` runs in every page before the app.
 * Returns {page, apiCalls, assertNoPageErrors}: the API requests the page made, and a check that
 * no uncaught error happened in the page.
 */
export async function openPage(browser, t, { contextOptions = {}, initScript } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', ...contextOptions })
  if (initScript) await context.addInitScript(initScript)
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  const pageErrors = []
  const apiCalls = []
  page.on('pageerror', (err) => pageErrors.push(err))
  page.on('request', (req) => {
    const u = new URL(req.url())
    if (u.pathname.startsWith('/api/')) apiCalls.push(`${req.method()} ${u.pathname}`)
  })
  t.after(async () => {
    await context.close()
  })
  return {
    page,
    apiCalls,
    assertNoPageErrors() {
      assert.deepEqual(pageErrors.map(String), [], 'uncaught errors in the page')
    },
  }
}

export const sel = (name) => `[data-test="${name}"]`
/** The <input> of an Element Plus input carrying data-test (the attribute may sit on the wrapper or the input). */
export const inputOf = (page, name) => page.locator(`input${sel(name)}, ${sel(name)} input`).first()

/** Waits until no Element Plus loading mask is shown (tables, buttons). */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))
}

// GB 11643 check character, for generating valid ID numbers.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export function idCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return '10X98765432'[sum % 11]
}
export const rand = (n) => Math.floor(Math.random() * n)
export const pad = (n, w) => String(n).padStart(w, '0')
