// Browser end-to-end test of the guarantee loans (创业担保贷款) in every role of the workflow:
// township staff of 姚村镇 (410581107) apply for a registered returnee and see the eligibility
// reasons with their policy documents as they type (an amount over the limit is refused before
// submitting); a step that is not theirs is neither offered nor accepted; the 林州市 county officer
// returns the application with a reason, the township resubmits, the county approves it in bulk;
// the guarantee fund approves, the bank approves with a rate and disburses; the bank records a
// repayment and the loan shows its schedule; a 汤阴县 county officer cannot open it; the city
// administrator sees the figures and the policies. An entrepreneur sees their own application on
// a phone-sized screen.
//
//   FG_BASE_URL, FG_ADMIN_USER / FG_ADMIN_PASSWORD (a city_admin), FG_SCREENSHOTS, FG_CHROMIUM
//
// Accounts and the person are created through the API as the administrator with random suffixes,
// so reruns against the same database do not collide.
import { describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN_USER, ADMIN_PASSWORD, useBrowser, sel, inputOf, settled, idCheckChar, rand, pad, shot, e2eTests, pickOption, login as signIn, PHONE, api as pageApi } from './helpers.mjs'

const API = `${BASE}/api/v1`
const PASSWORD = 'Loans2021x'
const TOWNSHIP = '410581107' // 林州市 姚村镇
const suffix = `${Date.now().toString(36).slice(-4)}${pad(rand(1000), 3)}`

// ---- a small API client (cookie + CSRF) for the set-up ----------------------------------------
class Api {
  constructor() {
    this.cookie = ''
    this.csrf = ''
  }
  async call(method, url, body) {
    const headers = { Accept: 'application/json' }
    if (this.cookie) headers.Cookie = `fg_session=${this.cookie}`
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetch(API + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    for (const c of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
      const m = /^fg_session=([^;]*)/.exec(c)
      if (m) this.cookie = m[1]
    }
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    return { status: res.status, json }
  }
  async login(username, password) {
    const r = await this.call('POST', '/auth/login', { username, password })
    assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.json)}`)
    this.csrf = r.json.csrf_token
    return r.json
  }
}

/** A valid ID number of someone born in 林州市 in 1980–1995 (aged 30–45: within every age rule). */
function makeIdNumber() {
  for (;;) {
    const y = 1980 + rand(15)
    const first17 = `410581${y}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
    const check = idCheckChar(first17)
    if (check !== 'X') return first17 + check
  }
}

const people = {}
const accounts = {
  township: { role: 'township_staff', region_code: TOWNSHIP, display_name: '姚村镇经办人' },
  county: { role: 'county_officer', region_code: '410581', display_name: '林州市经办人' },
  fund: { role: 'bank', region_code: '410500', org_kind: 'guarantee_fund', org_name: '安阳市创业担保中心', display_name: '担保中心' },
  bank: { role: 'bank', region_code: '410500', org_kind: 'bank', org_name: '安阳农商银行', display_name: '农商银行' },
  tangyin: { role: 'county_officer', region_code: '410523', display_name: '汤阴县经办人' },
  entrepreneur: { role: 'entrepreneur', region_code: TOWNSHIP, display_name: '创业者' },
}
let admin

before(async () => {
  admin = new Api()
  await admin.login(ADMIN_USER, ADMIN_PASSWORD)
  // the borrower: a registered returnee of 姚村镇
  for (;;) {
    const id = makeIdNumber()
    const r = await admin.call('POST', '/entrepreneurs', {
      id_number: id,
      name: ['赵春生', '孙丽娟', '周建军', '吴海燕'][rand(4)],
      phone: `139${pad(rand(1e8), 8)}`,
      category: 'migrant_worker',
      region_code: TOWNSHIP,
      return_date: '2024-03-01',
      start_date: '2024-06-01',
    })
    if (r.status === 409) continue
    assert.equal(r.status, 201, `register person: ${JSON.stringify(r.json)}`)
    people.borrower = { id: r.json.id, idNumber: id, name: r.json.name }
    break
  }
  accounts.entrepreneur.id_number = people.borrower.idNumber
  for (const [key, a] of Object.entries(accounts)) {
    a.username = `e2e_loan_${key}_${suffix}`
    const r = await admin.call('POST', '/users', { ...a, username: a.username, password: PASSWORD })
    assert.equal(r.status, 201, `create ${key}: ${JSON.stringify(r.json)}`)
  }
})

// ---- browser ----------------------------------------------------------------------------------
const browser = useBrowser()
const e2e = e2eTests(browser)

/** Logs in as one of the accounts made for this file (by key), or as the city administrator. */
async function login(page, key) {
  const a = accounts[key]
  await signIn(page, a ? a.username : ADMIN_USER, a ? PASSWORD : ADMIN_PASSWORD)
}

async function openApplication(page, id) {
  await page.goto(`${BASE}/loans/applications/${id}`)
  await page.locator(sel('loan-app-status')).waitFor()
  await settled(page)
}

async function statusText(page) {
  return (await page.locator(sel('loan-app-status')).innerText()).trim()
}

async function expectStatus(page, text) {
  await page.locator(sel('loan-app-status'), { hasText: text }).waitFor()
  assert.equal(await statusText(page), text)
}

/** Runs a workflow action from the detail page through its dialog. */
async function act(page, action, { comment, rate } = {}) {
  await page.locator(sel(`loan-action-${action}`)).click()
  const dialog = page.locator(`.el-dialog${sel('loan-action-dialog')}, ${sel('loan-action-dialog')}`).first()
  await dialog.waitFor()
  if (rate) await inputOf(page, 'loan-action-rate').fill(rate)
  if (comment) await page.locator(`textarea${sel('loan-action-comment')}, ${sel('loan-action-comment')} textarea`).first().fill(comment)
  await page.locator(sel('loan-action-submit')).click()
  await dialog.waitFor({ state: 'hidden' })
}

async function actions(page) {
  return page.locator(`${sel('loan-app-actions')} [data-test^="loan-action-"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))
}

/** Today in China Standard Time, YYYY-MM-DD. */
function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
}

// ---- the workflow, step by step (the tests share the application) -----------------------------
let appId = 0
let loanId = 0

describe('guarantee loan workflow', () => {
  e2e('township staff apply and see the eligibility reasons; an illegal step is neither offered nor accepted', async (t, page) => {
    await login(page, 'township')
    await page.locator(sel('menu-loans')).first().click()
    await page.waitForURL(/\/loans(\?|$)/)
    await page.locator(sel('loan-app-table')).waitFor()
    await settled(page)

    await page.locator(sel('loan-create')).click()
    await page.locator(sel('loan-form-submit')).waitFor()
    await inputOf(page, 'loan-form-id-number').fill(people.borrower.idNumber)
    // over every limit: the server says why, and submitting stays disabled
    await inputOf(page, 'loan-form-amount').fill('99000000')
    await page.locator(`${sel('loan-reasons')} li[data-ok="0"]`).first().waitFor()
    assert.ok(await page.locator(sel('loan-form-submit')).isDisabled(), 'submit disabled while ineligible')
    const cited = await page.locator(`${sel('loan-reasons')} li`).first().innerText()
    assert.match(cited, /〔\d{4}〕/, `a reason cites its policy document: ${cited}`)

    await inputOf(page, 'loan-form-amount').fill('200000')
    await page.locator(sel('loan-form-amount-wan'), { hasText: '20' }).waitFor()
    await page.locator(sel('loan-check-state'), { hasText: '符合申请条件' }).waitFor()
    const reasons = await page.locator(`${sel('loan-reasons')} li`).evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))
    assert.ok(reasons.length >= 5, `every rule listed (${reasons.length})`)
    assert.ok(reasons.every((ok) => ok === '1'), 'all rules pass')
    await inputOf(page, 'loan-form-business').fill('姚村镇农产品电商')
    await page.locator(`textarea${sel('loan-form-purpose')}, ${sel('loan-form-purpose')} textarea`).first().fill('购置冷库设备、进货')
    await shot(page, 'loans-new-application.png')
    assert.ok(await page.locator(sel('loan-form-submit')).isEnabled(), 'submit enabled when eligible')
    await page.locator(sel('loan-form-submit')).click()
    await page.waitForURL(/\/loans\/applications\/\d+/)
    appId = Number(/applications\/(\d+)/.exec(page.url())[1])
    await expectStatus(page, '待乡镇审核')

    // only the township's own step (and return / reject) is offered
    const offered = await actions(page)
    assert.ok(offered.includes('loan-action-township_check'), `township_check offered: ${offered}`)
    assert.ok(!offered.includes('loan-action-county_approve'), 'county_approve not offered to township staff')
    // and the server refuses a step that is not theirs
    const refused = await pageApi(page, 'POST', `/api/v1/loan-applications/${appId}/actions`, { action: 'county_approve' })
    assert.ok([403, 409].includes(refused.status), `county_approve by township staff → ${refused.status}`)
    const illegal = await pageApi(page, 'POST', `/api/v1/loan-applications/${appId}/actions`, { action: 'disburse', disbursed_date: '2026-01-01' })
    assert.ok([403, 409].includes(illegal.status), `disburse from submitted → ${illegal.status}`)

    // an attachment (a PDF, recognised by its content)
    await page.locator(sel('loan-attachment-input')).setInputFiles({
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    })
    await page.locator(`${sel('loan-attachments')} .el-table__body tr`, { hasText: '营业执照.pdf' }).waitFor()

    await act(page, 'township_check')
    await expectStatus(page, '待县区复核')
  })

  e2e('the county officer returns it with a reason; the township resubmits', async (t, page) => {
    assert.ok(appId, 'an application exists')
    await login(page, 'county')
    await page.goto(`${BASE}/loans`)
    await page.locator(sel(`loan-app-row-${appId}`)).waitFor()
    await page.locator(`${sel('loan-queue-count')} .el-badge__content`).first().waitFor()
    await settled(page)
    await shot(page, 'loans-applications.png')
    await page.locator(sel(`loan-app-row-${appId}`)).click()
    await page.waitForURL(new RegExp(`/loans/applications/${appId}`))
    await expectStatus(page, '待县区复核')
    // return needs a comment
    await page.locator(sel('loan-action-return')).click()
    await page.locator(sel('loan-action-submit')).click()
    await page.locator(`${sel('loan-action-dialog')} .el-form-item__error`).first().waitFor()
    await page.locator(`textarea${sel('loan-action-comment')}, ${sel('loan-action-comment')} textarea`).first().fill('请补充营业执照复印件')
    await page.locator(sel('loan-action-submit')).click()
    await expectStatus(page, '已退回')
    await page.locator(sel('loan-step-comment'), { hasText: '请补充营业执照复印件' }).waitFor()

    await page.context().clearCookies()
    await login(page, 'township')
    await openApplication(page, appId)
    await expectStatus(page, '已退回')
    await page.locator(sel('loan-step-comment'), { hasText: '请补充营业执照复印件' }).waitFor()
    // the applicant side edits the returned application, then resubmits it
    await page.locator(sel('loan-app-edit')).click()
    await inputOf(page, 'loan-form-amount').fill('180000')
    await page.locator(sel('loan-form-submit')).click()
    await page.locator(sel('loan-app-amount'), { hasText: '180,000.00' }).waitFor()
    await act(page, 'resubmit')
    await expectStatus(page, '待乡镇审核')
    await act(page, 'township_check')
    await expectStatus(page, '待县区复核')
  })

  e2e('the county officer approves the queue in bulk', async (t, page) => {
    await login(page, 'county')
    await page.goto(`${BASE}/loans`)
    const row = page.locator(`${sel('loan-app-table')} .el-table__row:has(${sel(`loan-app-row-${appId}`)})`)
    await row.waitFor()
    await settled(page)
    await row.locator('.el-checkbox').first().click()
    await page.locator(sel('loan-bulk-approve')).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message--success').first().waitFor()
    await openApplication(page, appId)
    await expectStatus(page, '待担保审核')
  })

  e2e('the guarantee fund approves; the bank approves with a rate and disburses', async (t, page) => {
    await login(page, 'fund')
    await openApplication(page, appId)
    assert.deepEqual((await actions(page)).filter((a) => a.includes('bank_approve') || a.includes('disburse')), [])
    await act(page, 'guarantee')
    await expectStatus(page, '待银行审批')

    await page.context().clearCookies()
    await login(page, 'bank')
    await openApplication(page, appId)
    await act(page, 'bank_approve', { rate: '3.45' })
    await expectStatus(page, '待放款')
    await act(page, 'disburse')
    await expectStatus(page, '已放款')
    await page.locator(sel('loan-app-loan-link')).waitFor()
    await page.locator(sel('loan-timeline')).waitFor()
    // The bank sees the borrower's ID number masked until it asks (the view is audited).
    assert.match(await page.locator(sel('loan-app-id-number')).innerText(), /\*/)
    await page.locator(sel('loan-app-reveal')).click()
    await page.waitForFunction(
      ([s, id]) => document.querySelector(s)?.innerText.includes(id),
      [sel('loan-app-id-number'), people.borrower.idNumber],
    )
    await shot(page, 'loans-application-detail.png')
  })

  e2e('the bank records a repayment; the loan shows its schedule', async (t, page) => {
    await login(page, 'bank')
    await openApplication(page, appId)
    await page.locator(sel('loan-app-loan-link')).click()
    await page.waitForURL(/\/loans\/\d+$/)
    loanId = Number(/\/loans\/(\d+)$/.exec(page.url())[1])
    await page.locator(`${sel('loan-schedule')} .el-table__body tr`).first().waitFor()
    const periods = await page.locator(`${sel('loan-schedule')} .el-table__body tr`).count()
    assert.equal(periods, 24, 'one row per month of the term')
    await page.locator(sel('loan-repay')).click()
    await inputOf(page, 'loan-repay-ref').fill(`E2E${suffix}`)
    await page.locator(sel('loan-repay-save')).click()
    await page.locator(`${sel('loan-repayments')} .el-table__body tr`).first().waitFor()
    assert.equal(await page.locator(`${sel('loan-repayments')} .el-table__body tr`).count(), 1)
    await settled(page)
    await shot(page, 'loans-loan-detail.png')
  })

  e2e('the county claims the interest subsidy of the quarter; the city marks it paid', async (t, page) => {
    await login(page, 'county')
    await page.goto(`${BASE}/loans?tab=claims`)
    await page.locator(sel('loan-claims-table')).waitFor()
    await page.locator(sel('loan-claim-create')).click()
    const quarter = ['第一季度', '第二季度', '第三季度', '第四季度'][Math.floor((Number(today().slice(5, 7)) - 1) / 3)]
    await pickOption(page, 'loan-claim-year', `${today().slice(0, 4)}年`)
    await pickOption(page, 'loan-claim-quarter', quarter)
    await page.locator(sel('loan-claim-save')).click()
    const lines = page.locator(`${sel('loan-claim-lines')} .el-table__body tr`)
    await lines.first().waitFor()
    assert.ok((await lines.count()) >= 1, 'the repayment is claimed')
    await shot(page, 'loans-claim-detail.png')
    await page.locator(sel('loan-claim-submit')).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator(`${sel('loan-claim-detail')} .el-tag`, { hasText: '已申报' }).first().waitFor()

    await page.context().clearCookies()
    await login(page)
    await page.goto(`${BASE}/loans?tab=claims`)
    await page.locator(`${sel('loan-claims-table')} .el-table__row`, { hasText: '已申报' }).first().click()
    await page.locator(sel('loan-claim-paid')).click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator(`${sel('loan-claim-detail')} .el-tag`, { hasText: '已拨付' }).first().waitFor()
  })

  e2e('a county officer of another county cannot open it', async (t, page) => {
    await login(page, 'tangyin')
    await page.goto(`${BASE}/loans/applications/${appId}`)
    await page.locator(`${sel('detail-error')}, ${sel('forbidden')}`).first().waitFor()
    assert.equal(await page.locator(sel('loan-app-status')).count(), 0)
    await page.goto(`${BASE}/loans/${loanId}`)
    await page.locator(`${sel('detail-error')}, ${sel('forbidden')}`).first().waitFor()
  })

  e2e('the city administrator sees the figures, the ledger and the policies', async (t, page) => {
    await login(page)
    await page.goto(`${BASE}/loans?tab=ledger`)
    await page.locator(sel(`loan-row-${loanId}`)).waitFor()
    await page.goto(`${BASE}/loans?tab=figures`)
    await page.locator(sel('chart-loans-monthly')).waitFor()
    await settled(page)
    await page.locator(`${sel('chart-loans-monthly')} canvas`).waitFor()
    await page.waitForTimeout(600)
    await shot(page, 'loans-figures.png')
    await page.goto(`${BASE}/loans?tab=policies`)
    await page.locator(`${sel('loan-policies-table')} .el-table__body tr`).first().waitFor()
    await page.locator(sel('policy-in-force')).first().waitFor()
    await shot(page, 'loans-policies.png')
  })

  e2e(
    'an entrepreneur sees their own application on a phone',
    async (t, page) => {
      await login(page, 'entrepreneur')
      await page.goto(`${BASE}/loans`)
      await page.locator(sel(`loan-app-card-${appId}`)).waitFor()
      await shot(page, 'loans-entrepreneur-phone.png')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 392, `no horizontal scrolling at 390 px (${width})`)
    },
    { contextOptions: PHONE },
  )
})
