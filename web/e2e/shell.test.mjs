// Browser end-to-end test of the application shell: login, menu per role, pages, language switch,
// logout, and the 403 page. Runs Debian's Chromium through playwright-core under node:test.
//
//   FG_BASE_URL          server with the built web app, e.g. http://127.0.0.1:18181
//   FG_ADMIN_USER / FG_ADMIN_PASSWORD     an existing city_admin
//   FG_COUNTY_USER / FG_COUNTY_PASSWORD   an existing county_officer of 林州市 (410581)
//   FG_SCREENSHOTS       folder for full-page screenshots (default /work/main/build/screenshots)
//   FG_CHROMIUM          browser binary (default /usr/bin/chromium)
import { describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE, ADMIN_USER, ADMIN_PASSWORD, COUNTY_USER, COUNTY_PASSWORD,
  useBrowser, openPage, sel, inputOf, settled,
  shot, e2eTests, fillLogin, menuEntries, login as signIn, DASHBOARD,
} from './helpers.mjs'
import { Client, createUser, loopbackAddress } from '../../tests/api/client.mjs'

const browser = useBrowser()
const open = (t) => openPage(browser(), t)
const e2e = e2eTests(browser, open)

/**
 * Logs in through the form: the office roles land on the progress dashboard; then opens home
 * through the menu and waits for it.
 */
async function login(page, username, password) {
  await signIn(page, username, password, DASHBOARD)
  await page.locator(sel('menu-dashboard')).waitFor()
  await page.locator(sel('menu-home')).click()
  await page.waitForURL(/\/home$/)
  await page.locator(sel('home-whoami')).waitFor()
}

/** The text of the page's <h1> once the page is the shell's (the login page has gone). */
async function pageTitle(page) {
  await page.locator(sel('login-submit')).waitFor({ state: 'detached' })
  const title = page.locator(sel('page-title'))
  await title.waitFor()
  return (await title.innerText()).trim()
}

/** Waits until the page title reads `expected` (string: exactly; RegExp: matches), then checks it. */
async function expectTitle(page, expected) {
  await page.locator(sel('login-submit')).waitFor({ state: 'detached' })
  const title = page.locator(sel('page-title'), { hasText: expected })
  try {
    await title.waitFor()
  } catch {
    // fall through to a readable assertion
  }
  const text = await pageTitle(page)
  if (expected instanceof RegExp) assert.match(text, expected)
  else assert.equal(text, expected)
}

describe('login', () => {
  e2e('the login page is in Chinese; a wrong password shows 用户名或密码错误', async (t, page) => {
    await page.goto(`${BASE}/`)
    await page.waitForURL(/\/login/)
    await page.locator(sel('login-submit')).waitFor()
    assert.equal(await page.locator(sel('page-title')).innerText(), '凤归 · 返乡创业服务信息系统')
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN')
    assert.equal(await page.locator(sel('login-error')).count(), 0, 'no error before submitting')
    await shot(page, 'login.png')

    await fillLogin(page, ADMIN_USER, `${ADMIN_PASSWORD}-wrong`)
    const error = page.locator(sel('login-error'))
    await error.waitFor()
    assert.match(await error.innerText(), /用户名或密码错误/)
    assert.match(page.url(), /\/login/, 'still on the login page')
    assert.equal(await page.locator(sel('menu-home')).count(), 0, 'no shell')
    await shot(page, 'login-error.png')

    // an empty form is stopped in the browser (required fields)
    await inputOf(page, 'login-username').fill('')
    await page.locator(sel('login-submit')).click()
    await page.locator('.el-form-item__error').first().waitFor()
  })
})

// Issue 11 #4: failed logins that locked an address out of an account are shown to its owner.
describe('login notices', () => {
  e2e('the owner sees who failed to log in to the account, once, and acknowledges it', async (t, page) => {
    const admin = await new Client().loginOk(ADMIN_USER, ADMIN_PASSWORD)
    const u = await createUser(admin, { role: 'mentor' })
    const attacker = loopbackAddress()
    for (let i = 0; i < 5; i++) await new Client({ from: attacker }).login(u.username, `Guess${i}abc`)
    await page.goto(`${BASE}/login`)
    await page.locator(sel('login-submit')).waitFor()
    await fillLogin(page, u.username, u.password)
    const box = page.locator('.login-notices')
    await box.waitFor()
    const text = await box.innerText()
    assert.ok(text.includes('账号安全提醒') && text.includes(attacker) && text.includes('登录失败 5 次'), text)
    await shot(page, 'login-notice.png')
    await box.locator('.el-button--primary').click()
    await box.waitFor({ state: 'hidden' })
    await page.waitForFunction(async () => (await (await fetch('/api/v1/me')).json()).notices.length === 0)
    await page.reload()
    await page.locator(sel('home-whoami')).waitFor()
    assert.equal(await page.locator('.login-notices').count(), 0, 'not shown again')
  })
})

describe('city administrator', () => {
  e2e('sees every module, lands on the dashboard and can open each page', async (t, page) => {
    await login(page, ADMIN_USER, ADMIN_PASSWORD)

    assert.deepEqual(await menuEntries(page), [
      'menu-home',
      'menu-dashboard',
      'menu-people',
      'menu-entities',
      'menu-activities',
      'menu-targets',
      'menu-loans',
      'menu-imports',
      'menu-regions',
      'menu-users',
      'menu-audit',
      'menu-competitions',
    ])
    await expectTitle(page, /您好/)
    await page.locator(`${sel('user-menu')}`).waitFor()
    assert.match(await page.locator(sel('user-role-label')).innerText(), /市局管理员/)
    // the statistics come from the region tree: nine counties for Anyang
    await page.locator(sel('stat-counties')).waitFor()
    assert.match(await page.locator(sel('stat-counties')).innerText(), /(^|\s)9(\s|$)/)
    assert.match(await page.locator(sel('stat-excluded')).innerText(), /滑县/)
    await shot(page, 'home-admin.png')

    // regions
    await page.locator(sel('menu-regions')).click()
    await page.waitForURL(/\/regions$/)
    await expectTitle(page, '行政区划')
    const linzhou = page.locator(sel('region-name-410581'))
    await linzhou.waitFor()
    assert.equal((await linzhou.innerText()).trim(), '林州市')
    assert.equal((await page.locator(sel('region-name-410500')).innerText()).trim(), '安阳市')
    await shot(page, 'regions.png')

    // users
    await page.locator(sel('menu-users')).click()
    await page.waitForURL(/\/users$/)
    await expectTitle(page, '用户管理')
    const adminRow = page.locator(sel(`user-row-${ADMIN_USER}`))
    await adminRow.waitFor()
    assert.equal((await adminRow.innerText()).trim(), ADMIN_USER)
    await settled(page)
    await page.locator(sel('users-create')).waitFor()
    await shot(page, 'users.png')

    // audit
    await page.locator(sel('menu-audit')).click()
    await page.waitForURL(/\/audit$/)
    await expectTitle(page, '审计日志')
    const rows = page.locator(`${sel('audit-table')} .el-table__body tr.el-table__row`)
    await rows.first().waitFor()
    await settled(page)
    assert.ok((await rows.count()) > 0, 'audit entries listed')
    // our own login is among the newest entries
    assert.match(await page.locator(sel('audit-table')).innerText(), new RegExp(ADMIN_USER))
    await shot(page, 'audit.png')

    // home again through the menu
    await page.locator(sel('menu-home')).click()
    await page.waitForURL(/\/home$/)
  })

  e2e('switching the language to English changes the visible texts, and back', async (t, page) => {
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    const menuText = async (m) => (await page.locator(sel(`menu-${m}`)).innerText()).trim()
    assert.equal(await menuText('home'), '首页')
    assert.equal(await menuText('users'), '用户管理')

    await page.locator(`${sel('lang-switch')} ${sel('lang-en')}`).first().click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await page.locator(sel('menu-home'), { hasText: 'Home' }).waitFor()
    assert.equal(await menuText('home'), 'Home')
    assert.equal(await menuText('regions'), 'Regions')
    assert.equal(await menuText('users'), 'Users')
    assert.equal(await menuText('audit'), 'Audit log')
    await expectTitle(page, /^Hello, /)
    assert.match(await page.locator(sel('user-role-label')).innerText(), /City administrator/)
    assert.equal(await page.locator(`${sel('lang-en')}`).first().getAttribute('aria-pressed'), 'true')
    assert.match(await page.title(), /[A-Za-z]/)
    await shot(page, 'home-en.png')

    // pages render in English too
    await page.locator(sel('menu-users')).click()
    await page.waitForURL(/\/users$/)
    await expectTitle(page, 'Users')

    // the choice survives a reload
    await page.reload()
    await page.locator(sel('menu-home'), { hasText: 'Home' }).waitFor()
    await expectTitle(page, 'Users')

    // back to Chinese
    await page.locator(`${sel('lang-switch')} ${sel('lang-zh-CN')}`).first().click()
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    await page.locator(sel('menu-home'), { hasText: '首页' }).waitFor()
    assert.equal(await menuText('audit'), '审计日志')
    await expectTitle(page, '用户管理')
  })

  e2e('on the login page in English, the server error message comes in English', async (t, page) => {
    await page.goto(`${BASE}/login`)
    await page.locator(sel('login-submit')).waitFor()
    await page.locator(`${sel('lang-switch')} ${sel('lang-en')}`).first().click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await page.locator(sel('login-submit'), { hasText: 'Sign in' }).waitFor()
    await fillLogin(page, `nobody_${Date.now()}`, 'Wrong12345')
    const error = page.locator(sel('login-error'))
    await error.waitFor()
    assert.match(await error.innerText(), /wrong username or password/i)
    await shot(page, 'login-error-en.png')
  })

  e2e('logout returns to the login page; / afterwards shows the login page', async (t, page) => {
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(sel('user-menu')).click()
    const logout = page.locator(sel('logout'))
    await logout.waitFor({ state: 'visible' })
    await logout.click()
    await page.waitForURL(/\/login/)
    await page.locator(sel('login-submit')).waitFor()
    assert.equal(await page.locator(sel('menu-home')).count(), 0)
    await shot(page, 'logout.png')

    // the server session is gone too: a fresh load of / lands on the login page
    await page.goto(`${BASE}/`)
    await page.waitForURL(/\/login/)
    await page.locator(sel('login-submit')).waitFor()
    assert.equal(await page.locator(sel('menu-home')).count(), 0)
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status)
    assert.equal(me, 401)

    // a protected page remembers where to return to
    await page.goto(`${BASE}/users`)
    await page.waitForURL(/\/login\?redirect=(%2F|\/)users/)
    await fillLogin(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.waitForURL(/\/users$/)
    await expectTitle(page, '用户管理')
  })
})

describe('county officer of 林州市', () => {
  e2e('sees every module but audit; /audit shows the 403 page without data', async (t, page, { apiCalls }) => {
    await login(page, COUNTY_USER, COUNTY_PASSWORD)

    assert.deepEqual(await menuEntries(page), [
      'menu-home',
      'menu-dashboard',
      'menu-people',
      'menu-entities',
      'menu-activities',
      'menu-targets',
      'menu-loans',
      'menu-imports',
      'menu-regions',
      'menu-users',
      'menu-competitions',
    ])
    assert.equal(await page.locator(sel('menu-audit')).count(), 0)
    assert.match(await page.locator(sel('user-role-label')).innerText(), /县区经办人/)
    assert.match(await page.locator(sel('home-whoami')).innerText(), /林州市/)
    await page.locator(sel('stat-townships')).waitFor()
    await shot(page, 'home-county.png')

    // regions: their own county at the root, not the city
    await page.locator(sel('menu-regions')).click()
    await page.waitForURL(/\/regions$/)
    await page.locator(sel('region-name-410581')).waitFor()
    assert.equal(await page.locator(sel('region-name-410500')).count(), 0, 'the city is outside the scope')
    assert.equal(await page.locator('[data-test^="region-add-"]').count(), 0, 'no admin actions')
    await shot(page, 'regions-county.png')

    // users: read-only list of 林州市 accounts
    await page.locator(sel('menu-users')).click()
    await page.waitForURL(/\/users$/)
    await page.locator(sel(`user-row-${COUNTY_USER}`)).waitFor()
    await settled(page)
    assert.equal(await page.locator(sel(`user-row-${ADMIN_USER}`)).count(), 0, 'the city admin is not listed')
    const regionsShown = await page
      .locator(`${sel('users-table')} .el-table__body tr.el-table__row`)
      .evaluateAll((trs) => trs.map((tr) => tr.innerText))
    assert.ok(regionsShown.length > 0)
    for (const row of regionsShown) assert.match(row, /410581/, `row outside 林州市: ${row}`)
    await shot(page, 'users-county.png')

    // typed address of a page the role may not use
    const before = apiCalls.length
    await page.goto(`${BASE}/audit`)
    await page.waitForURL(/\/403/)
    const forbidden = page.locator(sel('forbidden'))
    await forbidden.waitFor()
    await expectTitle(page, /403/)
    assert.match(await forbidden.innerText(), /无权访问/)
    assert.equal(await page.locator(sel('audit-table')).count(), 0, 'no audit table')
    assert.deepEqual(
      apiCalls.slice(before).filter((c) => c.includes('/api/v1/audit')),
      [],
      'the audit API was not called',
    )
    assert.equal(await page.locator(sel('menu-audit')).count(), 0)
    await shot(page, 'forbidden-county.png')

    // the way back
    await page.locator(sel('back-home')).click()
    await page.waitForURL(/\/home$/)
  })
})
