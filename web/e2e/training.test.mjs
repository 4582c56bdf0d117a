// Browser end-to-end test of the training classes 培训班 on the Activities page: the city
// administrator creates a class in 姚村镇 (410581107) that ended yesterday (after an end date before
// the start date is refused inline), adds two trainees (a registered entrepreneur, and an
// unregistered person with a name), marks both completed, sees the completion count, and finds
// their training records in the Activities list. Runs Debian's Chromium through playwright-core.
//
//   FG_BASE_URL, FG_ADMIN_USER / FG_ADMIN_PASSWORD, FG_SCREENSHOTS, FG_CHROMIUM (see helpers.mjs)
//
// Every run uses new ID numbers and a new class name, so reruns against the same database do not collide.
import { describe } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, ADMIN_USER, ADMIN_PASSWORD, useBrowser, sel, inputOf, settled, idCheckChar, rand, pad, shot, e2eTests, login as signIn, DASHBOARD, fieldError, pickOption, pickRegion, rowTexts, typeDate, api } from './helpers.mjs'

/** A valid GB 11643 number of a 林州市 (410581) birth register. */
function makeIdNumber() {
  const y = 1970 + rand(30)
  const first17 = `410581${y}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
  return first17 + idCheckChar(first17)
}

/** YYYY-MM-DD in China Standard Time, `days` from today. */
function cstDay(days = 0) {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3)
  return d.toISOString().slice(0, 10)
}

const browser = useBrowser()
const e2e = e2eTests(browser)
// the office roles land on the progress dashboard
const login = (page, username, password) => signIn(page, username, password, DASHBOARD)

describe('training classes (city administrator)', () => {
  e2e('creates a class, adds two trainees, completes them, and finds their training records', async (t, page) => {
    const registeredId = makeIdNumber()
    let newId = makeIdNumber()
    while (newId === registeredId) newId = makeIdNumber()
    const registeredName = ['赵登记', '钱登记', '孙登记'][rand(3)]
    const newName = ['李新学', '周新学', '吴新学'][rand(3)]
    const className = `姚村镇返乡创业培训班${pad(rand(100000), 5)}`
    const yesterday = cstDay(-1)
    const start = cstDay(-10)

    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    const created = await api(page, 'POST', '/api/v1/entrepreneurs', {
      id_number: registeredId,
      name: registeredName,
      category: 'migrant_worker',
      region_code: '410581107',
      start_date: '2022-03-01',
    })
    assert.equal(created.status, 201, JSON.stringify(created.json))

    await page.locator(sel('menu-activities')).click()
    await page.waitForURL(/\/activities/)
    await page.locator(sel('activities-view-classes')).click()
    await page.locator(sel('tc-table')).waitFor()
    await settled(page)

    // the dialog: an end date before the start date is refused under the end date
    await page.locator(sel('tc-create')).click()
    await page.locator(sel('tc-dialog')).waitFor()
    await inputOf(page, 'tc-form-name').fill(className)
    await pickOption(page, 'tc-form-mode', '技能培训+创业培训')
    await pickRegion(page, 'tc-form-region', '姚村镇')
    await typeDate(page, 'tc-form-start', yesterday)
    await typeDate(page, 'tc-form-end', start)
    await inputOf(page, 'tc-form-hours').fill('40')
    await inputOf(page, 'tc-form-organizer').fill('林州市就业训练中心')
    await page.locator(sel('tc-form-save')).click()
    await page.locator(`.el-form-item:has(${sel('tc-form-end')}) .el-form-item__error`).waitFor()
    assert.match(await fieldError(page, 'tc-form-end'), /结业日期不能早于开班日期/)
    await shot(page, 'training-01-end-before-start.png')

    await typeDate(page, 'tc-form-start', start)
    await typeDate(page, 'tc-form-end', yesterday)
    await page.locator(sel('tc-form-save')).click()
    await page.locator(sel('tc-dialog')).waitFor({ state: 'hidden' })

    // the new class opens in the drawer
    const drawer = page.locator(sel('tc-detail'))
    await drawer.locator('.el-drawer__title', { hasText: className }).waitFor()
    await drawer.locator(sel('tc-detail-facts')).waitFor()
    assert.match(await drawer.locator(sel('tc-detail-facts')).innerText(), /技能培训\+创业培训/)
    assert.equal(await page.locator(sel('tc-not-ended')).count(), 0, 'the class has ended')

    // a registered entrepreneur brings their name; an unregistered person needs one
    await inputOf(page, 'tc-add-id-number').fill(registeredId)
    await page.locator(sel('tc-add-submit')).click()
    await drawer.locator(`${sel('tc-trainees')} .el-table__row`, { hasText: registeredName }).waitFor()

    await inputOf(page, 'tc-add-id-number').fill(newId)
    await page.locator(sel('tc-add-submit')).click()
    await page.locator(`.el-form-item:has(${sel('tc-add-name')}) .el-form-item__error`).waitFor()
    assert.notEqual(await fieldError(page, 'tc-add-name'), '', 'name required for an unregistered person')
    await inputOf(page, 'tc-add-name').fill(newName)
    await page.locator(sel('tc-add-submit')).click()
    await drawer.locator(`${sel('tc-trainees')} .el-table__row`, { hasText: newName }).waitFor()
    assert.equal((await rowTexts(page, 'tc-trainees')).length, 2)
    assert.match(await page.locator(sel('tc-detail-completed')).innerText(), /^0 \/ 2/)
    await shot(page, 'training-02-trainees.png')

    // select both and mark them completed
    await drawer.locator(`${sel('tc-trainees')} .el-table__header .el-checkbox`).click()
    await page.locator(sel('tc-complete')).click()
    await page.locator(sel('tc-detail-completed'), { hasText: /^2 \/ 2/ }).waitFor()
    const rows = await rowTexts(page, 'tc-trainees')
    assert.ok(rows.every((r) => r.includes('已结业')), rows.join('\n'))
    await shot(page, 'training-03-completed.png')

    // the list counts them
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })
    await inputOf(page, 'tc-q').fill(className)
    // the search is debounced: wait for the list to hold this class alone
    await page.waitForFunction(
      (name) => {
        const rows = [...document.querySelectorAll('[data-test="tc-table"] .el-table__body tr.el-table__row')]
        return rows.length === 1 && rows[0].innerText.includes(name)
      },
      className,
    )
    await settled(page)
    const classRows = await rowTexts(page, 'tc-table')
    assert.equal(classRows.length, 1, classRows.join('\n'))
    assert.match(classRows[0], /40\s+2\s+2/)
    assert.match(classRows[0], /100%/)
    await shot(page, 'training-04-classes.png')

    // the Activities list shows a training record for each, dated the end date
    await page.locator(sel('activities-view-records')).click()
    await page.locator(sel('activities-table')).waitFor()
    for (const name of [newName, registeredName]) {
      await inputOf(page, 'activities-q').fill(name)
      // the search is debounced: wait until every row is this person's
      await page.waitForFunction((n) => {
        const rows = [...document.querySelectorAll('[data-test="activities-table"] .el-table__body tr.el-table__row')]
        return rows.length > 0 && rows.every((r) => r.innerText.includes(n))
      }, name)
      await settled(page)
      const recs = (await rowTexts(page, 'activities-table')).filter((r) => r.includes(name) && r.includes(className))
      assert.equal(recs.length, 1, `one record for ${name}:\n${(await rowTexts(page, 'activities-table')).join('\n')}`)
      assert.match(recs[0], new RegExp(`^${yesterday}\\s+创业培训`))
      assert.match(recs[0], /技能培训\+创业培训/)
    }
    await shot(page, 'training-05-records.png')
  })
})
