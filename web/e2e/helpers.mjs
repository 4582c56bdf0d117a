// What the browser tests share: configuration, one Chromium per test file, a fresh context per
// test that fails on uncaught page errors, and selectors for the app's data-test attributes.
//
//   FG_BASE_URL          server with the built web app, e.g. http://127.0.0.1:18181
//   FG_ADMIN_USER / FG_ADMIN_PASSWORD     an existing city_admin
//   FG_COUNTY_USER / FG_COUNTY_PASSWORD   an existing county_officer of 林州市 (410581)
//   FG_SCREENSHOTS       folder for full-page screenshots (default /work/main/build/screenshots)
//   FG_CHROMIUM          browser binary (default /usr/bin/chromium)
import { before, after, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
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

// ---- what the test files share ------------------------------------------------------------------

/**
 * A screenshot of the whole page. The layout scrolls inside its main area (and a dialog inside its
 * overlay), so the window grows to the content first; success messages fade after 3 s, so the
 * picture waits for them to go.
 */
export async function shot(page, name) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  await page.waitForTimeout(300)
  const vp = page.viewportSize()
  const h = await page.evaluate(() => {
    const heights = [document.documentElement.scrollHeight]
    const main = document.querySelector('.main')
    if (main) heights.push(main.scrollHeight + main.getBoundingClientRect().top)
    for (const o of document.querySelectorAll('.el-overlay-dialog')) if (o.offsetParent !== null || o.getClientRects().length) heights.push(o.scrollHeight)
    return Math.max(...heights)
  })
  if (h > vp.height) {
    await page.setViewportSize({ width: vp.width, height: Math.min(h, 4000) })
    await page.waitForTimeout(400) // charts follow the window size
  }
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true, animations: 'disabled' })
  if (h > vp.height) await page.setViewportSize(vp)
}

/** The context options of a phone (390 px wide, touch). */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

/**
 * e2eTests(browser, open) → e2e('name', async (t, page, ctx) => …, openOptions): a test with a fresh
 * context (`open(t, openOptions)`, by default openPage); on failure a screenshot
 * FAILED-<name>.png is saved next to the others and named in the error.
 */
export function e2eTests(browser, open = (t, opts) => openPage(browser(), t, opts)) {
  return function e2e(name, fn, opts = {}) {
    test(name, async (t) => {
      const ctx = await open(t, opts)
      try {
        await fn(t, ctx.page, ctx)
      } catch (err) {
        const file = `FAILED-${name.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60)}.png`
        await shot(ctx.page, file).catch(() => {})
        err.message += `\n  url: ${ctx.page.url()}\n  screenshot: ${path.join(SHOTS, file)}`
        throw err
      }
      ctx.assertNoPageErrors()
    })
  }
}

/** Fills the login form and sends it (the page is on /login). */
export async function fillLogin(page, username, password) {
  await inputOf(page, 'login-username').fill(username)
  await inputOf(page, 'login-password').fill(password)
  await page.locator(sel('login-submit')).click()
}

/**
 * Logs in through the form and waits for the address to be `lands` (a RegExp or a predicate on
 * the URL; by default anywhere but /login) and for the shell (its user menu).
 */
export async function login(page, username, password, lands = (u) => !u.pathname.startsWith('/login')) {
  await page.goto(`${BASE}/login`)
  await page.locator(sel('login-submit')).waitFor()
  await fillLogin(page, username, password)
  await page.waitForURL(lands)
  await page.locator(sel('user-menu')).waitFor()
}

/** The office roles land on the progress dashboard. */
export const DASHBOARD = /\/dashboard(\?|$)/

/** Waits until the page title reads `expected` (string: exactly; RegExp: matches), then checks it. */
export async function expectTitle(page, expected) {
  const title = page.locator(sel('page-title'), { hasText: expected })
  try {
    await title.waitFor()
  } catch {
    // fall through to a readable assertion
  }
  const text = (await page.locator(sel('page-title')).first().innerText()).trim()
  if (expected instanceof RegExp) assert.match(text, expected)
  else assert.equal(text, expected)
}

/** The data-test names of the visible side-menu entries, in order. */
export async function menuEntries(page) {
  return page.locator(`.el-menu-item[data-test^="menu-"]`).evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-test')),
  )
}

/** The message under the form field carrying data-test `name` ('' when there is none). */
export async function fieldError(page, name) {
  const err = page.locator(`.el-form-item:has(${sel(name)}) .el-form-item__error`)
  return (await err.count()) ? (await err.first().innerText()).trim() : ''
}

/** Picks an option of an Element Plus select by its visible text. */
export async function pickOption(page, name, text) {
  await page.locator(sel(name)).click()
  await page.locator(`.el-select-dropdown__item:has-text("${text}") >> visible=true`).first().click()
}

/** Picks a node of a RegionTreeSelect by its visible name (a township of 林州市 is expanded to). */
export async function pickRegion(page, name, regionName) {
  await page.locator(`${sel(name)} .el-select__wrapper`).click()
  const node = page.locator(`.el-tree-node__content:has-text("${regionName}") >> visible=true`).first()
  // the tree opens at the scope's root: expand 林州市 when the township is not shown yet
  if (!(await node.isVisible().catch(() => false))) {
    await page.locator(`.el-tree-node__content:has-text("林州市") >> visible=true`).first().locator('.el-tree-node__expand-icon').click()
  }
  await node.click()
  await page.locator(`${sel(name)} .el-select__selected-item`, { hasText: regionName }).first().waitFor()
}

/** Types a date into a date picker (value-format YYYY-MM-DD) and closes its panel. */
export async function typeDate(page, name, value) {
  const input = inputOf(page, name)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/** Rows of an Element Plus table with data-test `name`, as text. */
export async function rowTexts(page, name) {
  return page.locator(`${sel(name)} .el-table__body tr.el-table__row`).evaluateAll((trs) => trs.map((tr) => tr.innerText))
}

/** In the page's session: a JSON request to the API with the CSRF token of GET /me. */
export async function api(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/v1/me')).json()
      const res = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, json: text ? JSON.parse(text) : null }
    },
    { method, url, body },
  )
}
