// Browser end-to-end test of the registry pages: a county officer registers a returnee
// entrepreneur (with the ID number checked as they type), finds them by the last digits of the
// ID number, reveals the full number, registers a market entity they founded and sees it on their
// page; a known ID number offers the existing record; the city administrator deletes a person
// with a reason. Runs Debian's Chromium through playwright-core under node:test.
//
//   FG_BASE_URL          server with the built web app, e.g. http://127.0.0.1:18181
//   FG_ADMIN_USER / FG_ADMIN_PASSWORD     an existing city_admin
//   FG_COUNTY_USER / FG_COUNTY_PASSWORD   an existing county_officer of 林州市 (410581)
//   FG_SCREENSHOTS       folder for full-page screenshots (default /work/main/build/screenshots)
//   FG_CHROMIUM          browser binary (default /usr/bin/chromium)
//
// Every run generates new ID numbers and credit codes (random serials), so reruns against the
// same database do not collide.
import { describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE, ADMIN_USER, ADMIN_PASSWORD, COUNTY_USER, COUNTY_PASSWORD,
  useBrowser, openPage, sel, inputOf, settled, idCheckChar, rand, pad,
  shot, e2eTests, login as signIn, DASHBOARD, expectTitle, fieldError, pickOption, pickRegion, rowTexts, api, typeDate,
} from './helpers.mjs'

// ---- test data: valid numbers with random serials ---------------------------------------------

/**
 * A valid GB 11643 number of a 林州市 (410581) birth register whose check character is a digit
 * (the list finds "its last 4–6 digits"). → { number, birthDate, sex, wrong } where `wrong` is the
 * same number with a wrong last character.
 */
function makeIdNumber() {
  for (;;) {
    const y = 1970 + rand(30)
    const m = 1 + rand(12)
    const d = 1 + rand(28)
    const serial = pad(rand(1000), 3)
    const first17 = `410581${y}${pad(m, 2)}${pad(d, 2)}${serial}`
    const check = idCheckChar(first17)
    if (check === 'X') continue
    const wrong = String((Number(check) + 1 + rand(8)) % 10)
    return {
      number: first17 + check,
      wrong: first17 + wrong,
      check,
      birthDate: `${y}-${pad(m, 2)}-${pad(d, 2)}`,
      sex: Number(serial[2]) % 2 === 1 ? '男' : '女',
    }
  }
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** A valid GB 32100 code of an enterprise registered in 林州市 with a random identifier. */
function makeCreditCode() {
  let first17 = '91410581MA'
  while (first17.length < 17) first17 += CREDIT_ALPHABET[rand(CREDIT_ALPHABET.length)]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i]
  const check = CREDIT_ALPHABET[(31 - (sum % 31)) % 31]
  const wrong = CREDIT_ALPHABET[(CREDIT_ALPHABET.indexOf(check) + 1) % 31]
  return { code: first17 + check, wrong: first17 + wrong, check }
}

const masked = (number) => `${number.slice(0, 4)}${'*'.repeat(10)}${number.slice(14)}`

// ---- browser ----------------------------------------------------------------------------------

const browser = useBrowser()
const open = (t) => openPage(browser(), t)
const e2e = e2eTests(browser, open)
// the office roles land on the progress dashboard
const login = (page, username, password) => signIn(page, username, password, DASHBOARD)

/** Waits until the form item holding data-test `name` shows no validation message (it fades out). */
async function expectNoFieldError(page, name) {
  const err = page.locator(`.el-form-item:has(${sel(name)}) .el-form-item__error`)
  try {
    await err.first().waitFor({ state: 'detached', timeout: 3000 })
  } catch {
    // fall through to a readable assertion
  }
  assert.equal(await fieldError(page, name), '', `no error under ${name}`)
}

// ---- tests ------------------------------------------------------------------------------------

describe('county officer of 林州市', () => {
  e2e('registers a person and a business they founded, finds and reveals them', async (t, page) => {
    const id = makeIdNumber()
    const credit = makeCreditCode()
    const tail = id.number.slice(-4)
    const personName = ['张志远', '李建华', '王秀兰', '刘德明', '陈玉梅', '杨国庆'][rand(6)]
    const phone = `139${pad(rand(1e8), 8)}`
    const entityName = `林州市太行${pad(rand(10000), 4)}农业发展有限公司`

    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    const menu = await page.locator(`.el-menu-item[data-test^="menu-"]`).evaluateAll((els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-test')),
    )
    assert.deepEqual(menu, [
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
    assert.equal((await page.locator(sel('menu-people')).innerText()).trim(), '返乡创业人员')

    // ---- the list and the registration form
    await page.locator(sel('menu-people')).click()
    await page.waitForURL(/\/people$/)
    await expectTitle(page, '返乡创业人员')
    assert.equal(await inputOf(page, 'people-q').getAttribute('placeholder'), '姓名、身份证号或其后4–6位')
    await settled(page)
    await page.locator(sel('people-create')).click()
    const dialog = page.locator(`${sel('person-dialog')}`)
    await dialog.waitFor()

    // a wrong check character is reported while typing, before saving
    await inputOf(page, 'person-form-id-number').pressSequentially(id.wrong, { delay: 5 })
    await page.locator(`.el-form-item:has(${sel('person-form-id-number')}) .el-form-item__error`).waitFor()
    assert.equal(await fieldError(page, 'person-form-id-number'), `身份证号校验位错误，应为${id.check}`)
    assert.equal(await page.locator(sel('person-derived')).count(), 0, 'nothing derived from a wrong number')

    // the right one: the error goes and the birth date and sex appear
    await inputOf(page, 'person-form-id-number').press('Backspace')
    await inputOf(page, 'person-form-id-number').press(id.check)
    await page.locator(sel('person-derived')).waitFor()
    assert.equal((await page.locator(sel('person-derived')).innerText()).trim(), `出生日期 ${id.birthDate} · ${id.sex}`)
    await expectNoFieldError(page, 'person-form-id-number')

    // a phone number that is neither mobile nor landline is refused as typed
    await inputOf(page, 'person-form-phone').fill('2345678')
    await page.locator(`.el-form-item:has(${sel('person-form-phone')}) .el-form-item__error`).waitFor()
    assert.match(await fieldError(page, 'person-form-phone'), /11位手机号/)
    await inputOf(page, 'person-form-phone').fill(phone)
    await inputOf(page, 'person-form-name').fill(personName)
    await pickOption(page, 'person-form-category', '农民工')
    await pickRegion(page, 'person-form-region', '姚村镇')
    await typeDate(page, 'person-form-return-date', '2019-05-01')
    await typeDate(page, 'person-form-start-date', '2020-03-15')
    assert.equal(await inputOf(page, 'person-form-start-date').inputValue(), '2020-03-15')
    await expectNoFieldError(page, 'person-form-phone')
    await shot(page, 'person-form.png')

    await page.locator(sel('person-form-save')).click()
    await page.locator('.el-message--success', { hasText: `已登记 ${personName}` }).waitFor()
    await dialog.waitFor({ state: 'hidden' })

    // the new record heads the list (newest first)
    const table = sel('people-table')
    await page.locator(`${table} .el-table__body tr.el-table__row`, { hasText: personName }).first().waitFor()
    await settled(page)
    await shot(page, 'people-list.png')

    // found by the last 4 digits of the ID number; the list shows it masked
    await inputOf(page, 'people-q').fill(tail)
    await page.waitForResponse((r) => r.url().includes('/api/v1/entrepreneurs?') && r.url().includes(`q=${tail}`))
    await settled(page)
    const rows = await rowTexts(page, 'people-table')
    assert.ok(rows.length >= 1, 'found by the last 4 digits')
    for (const r of rows) assert.ok(r.includes(tail), `every row ends in ${tail}: ${r}`)
    const row = rows.find((r) => r.includes(personName))
    assert.ok(row, `${personName} is in the result`)
    assert.ok(row.includes(masked(id.number)), `masked ID in the row: ${row}`)
    assert.ok(!row.includes(id.number), 'the full ID number is not in the list')
    assert.match(row, /林州市 · 姚村镇/)
    assert.match(row, /农民工/)
    assert.ok(row.includes('2020-03-15') && row.includes('2019-05-01'), row)

    // ---- the detail page: masked until revealed
    await page.locator(`${table} .el-table__body tr.el-table__row`, { hasText: personName }).first().click()
    await page.waitForURL(/\/people\/\d+$/)
    const personUrl = page.url()
    await expectTitle(page, personName)
    const info = page.locator(sel('person-info'))
    await info.waitFor()
    assert.equal((await page.locator(sel('person-id-masked')).innerText()).trim(), masked(id.number))
    assert.ok(!(await info.innerText()).includes(id.number), 'full number not shown before revealing')
    assert.ok((await info.innerText()).includes(id.birthDate), 'birth date shown')
    assert.match(await info.innerText(), /审计日志/)
    await page.locator(sel('person-reveal')).click()
    await page.locator(sel('person-full-id')).waitFor()
    assert.equal((await page.locator(sel('person-full-id')).innerText()).trim(), id.number)
    assert.equal((await page.locator(sel('person-phone')).innerText()).trim(), phone)
    assert.equal(await page.locator(sel('person-reveal')).count(), 0)
    // the view itself is in the record's history
    await page.locator(`${sel('history')} .el-tag`, { hasText: '查看完整信息' }).first().waitFor()
    assert.match(await page.locator(sel('history')).innerText(), /新建/)

    // ---- a market entity founded by this person
    await page.locator(sel('menu-entities')).click()
    await page.waitForURL(/\/entities$/)
    await expectTitle(page, '市场主体')
    await settled(page)
    await page.locator(sel('entities-create')).click()
    const edialog = page.locator(sel('entity-dialog'))
    await edialog.waitFor()
    await inputOf(page, 'entity-form-credit-code').fill(credit.wrong)
    await page.locator(`.el-form-item:has(${sel('entity-form-credit-code')}) .el-form-item__error`).waitFor()
    assert.equal(await fieldError(page, 'entity-form-credit-code'), `统一社会信用代码校验位错误，应为${credit.check}`)
    await inputOf(page, 'entity-form-credit-code').fill(credit.code)
    await page.locator(sel('entity-code-ok')).waitFor()
    await expectNoFieldError(page, 'entity-form-credit-code')
    await pickOption(page, 'entity-form-type', '企业')
    await inputOf(page, 'entity-form-name').fill(entityName)
    await pickRegion(page, 'entity-form-region', '姚村镇')
    await typeDate(page, 'entity-form-date', '2021-06-01')
    await inputOf(page, 'entity-form-industry').fill('农副产品加工')
    await inputOf(page, 'entity-form-jobs').fill('-3')
    await page.locator(`.el-form-item:has(${sel('entity-form-jobs')}) .el-form-item__error`).waitFor()
    assert.match(await fieldError(page, 'entity-form-jobs'), /非负整数/)
    await inputOf(page, 'entity-form-jobs').fill('12')
    await inputOf(page, 'entity-form-founder-0').fill(id.number)
    // the founder is looked up among the registered people
    await page.locator(sel('entity-founder-name-0'), { hasText: personName }).waitFor()
    await expectNoFieldError(page, 'entity-form-jobs')
    await shot(page, 'entity-form.png')
    await page.locator(sel('entity-form-save')).click()
    await page.locator('.el-message--success', { hasText: entityName }).waitFor()
    await edialog.waitFor({ state: 'hidden' })
    await page.locator(`${sel('entities-table')} .el-table__body tr.el-table__row`, { hasText: entityName }).first().waitFor()
    await settled(page)
    await shot(page, 'entities-list.png')

    // found by its credit code; its page lists the founder (masked) and links to them
    await inputOf(page, 'entities-q').fill(credit.code)
    await page.waitForResponse((r) => r.url().includes('/api/v1/market-entities?') && r.url().includes(credit.code))
    await settled(page)
    const erows = await rowTexts(page, 'entities-table')
    assert.equal(erows.length, 1, `one entity for ${credit.code}`)
    assert.ok(erows[0].includes(entityName) && erows[0].includes('企业') && erows[0].includes('12'), erows[0])
    await page.locator(`${sel('entities-table')} .el-table__body tr.el-table__row`).first().click()
    await page.waitForURL(/\/entities\/\d+$/)
    await expectTitle(page, entityName)
    await page.locator(sel('entity-founders')).waitFor()
    const frows = await rowTexts(page, 'entity-founders')
    assert.equal(frows.length, 1)
    assert.ok(frows[0].includes(personName) && frows[0].includes(masked(id.number)), frows[0])
    assert.equal((await page.locator(sel('entity-credit-code')).innerText()).trim(), credit.code)
    await shot(page, 'entity-detail.png')

    // back on the person's page, the business is listed
    await page.locator(`${sel('entity-founders')} .el-table__body tr.el-table__row`).first().click()
    await page.waitForURL(/\/people\/\d+$/)
    assert.equal(page.url(), personUrl)
    await expectTitle(page, personName)
    await page.locator(`${sel('person-entities')} .el-table__body tr.el-table__row`, { hasText: entityName }).waitFor()
    const prow = (await rowTexts(page, 'person-entities')).join('\n')
    assert.ok(prow.includes(credit.code), prow)
    await shot(page, 'person-detail.png')
  })

  e2e('a known ID number offers the existing record instead of a second one', async (t, page) => {
    const id = makeIdNumber()
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    const created = await api(page, 'POST', '/api/v1/entrepreneurs', {
      id_number: id.number,
      name: '王已登',
      category: 'graduate',
      region_code: '410581101',
      start_date: '2022-01-10',
    })
    assert.equal(created.status, 201, JSON.stringify(created.json))

    await page.locator(sel('menu-people')).click()
    await page.waitForURL(/\/people$/)
    await page.locator(sel('people-create')).click()
    await page.locator(sel('person-dialog')).waitFor()
    await inputOf(page, 'person-form-id-number').fill(id.number)
    await page.locator(sel('person-derived')).waitFor()
    await inputOf(page, 'person-form-name').fill('王已登')
    await pickOption(page, 'person-form-category', '高校毕业生')
    await pickRegion(page, 'person-form-region', '合涧镇')
    await typeDate(page, 'person-form-start-date', '2022-01-10')
    await page.locator(sel('person-form-save')).click()
    const dup = page.locator(sel('person-duplicate'))
    await dup.waitFor()
    assert.match(await dup.innerText(), /该身份证号已登记/)
    await page.locator(sel('person-duplicate-open')).click()
    await page.waitForURL(new RegExp(`/people/${created.json.id}$`))
    await expectTitle(page, '王已登')
  })
})

describe('city administrator', () => {
  e2e('deletes a person, giving a reason', async (t, page) => {
    const id = makeIdNumber()
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    const created = await api(page, 'POST', '/api/v1/entrepreneurs', {
      id_number: id.number,
      name: '赵待删',
      category: 'other',
      region_code: '410502',
      start_date: '2021-09-01',
    })
    assert.equal(created.status, 201, JSON.stringify(created.json))
    const pid = created.json.id

    await page.goto(`${BASE}/people/${pid}`)
    await expectTitle(page, '赵待删')
    await page.locator(sel('person-delete')).click()
    const reason = page.locator(`textarea${sel('delete-reason')}, ${sel('delete-reason')} textarea`).first()
    await reason.waitFor()
    const confirm = page.locator(sel('delete-confirm'))
    assert.ok(await confirm.isDisabled(), 'no reason: cannot confirm')
    await reason.fill('重复')
    assert.ok(await confirm.isDisabled(), 'a reason of 2 characters is too short')
    const why = '重复登记，已与乡镇核实'
    await reason.fill(why)
    assert.ok(await confirm.isEnabled())
    await confirm.click()
    await page.waitForURL(/\/people$/)
    await page.locator('.el-message--success', { hasText: '赵待删' }).waitFor()
    await expectTitle(page, '返乡创业人员')

    // gone on the server, and the reason is in the audit log
    const after = await api(page, 'GET', `/api/v1/entrepreneurs/${pid}`)
    assert.equal(after.status, 404)
    const audit = await api(page, 'GET', `/api/v1/audit?entity=entrepreneur&action=delete&page_size=50`)
    assert.equal(audit.status, 200)
    const entry = audit.json.items.find((e) => e.entity_id === String(pid))
    assert.ok(entry, 'the deletion is in the audit log')
    assert.equal(entry.after.reason, why)
  })
})
