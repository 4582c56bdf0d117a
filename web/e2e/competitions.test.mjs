// Browser end-to-end test of 创业大赛: one contest walked through in every role. The city sets it up
// in the setup dialog and opens registration; an entrepreneur registers (a wrong group is refused
// under the field), uploads a PDF (an .exe is refused); the 林州市 county officer returns it with
// a reason and, once fixed, passes it; the city tries an assignment with a conflict of interest
// (refused on the page) and assigns automatically; an expert scores on a phone-sized screen and
// sees nobody else's scores; the city reads the aggregation, selects the roadshow, awards and
// publishes; the public notice shows the awards without login. Screenshots of each step.
// Steps that are not about the browser (more accounts, the other experts' scores) use the API.
//
//   FG_BASE_URL, FG_ADMIN_USER / FG_ADMIN_PASSWORD, FG_COUNTY_USER / FG_COUNTY_PASSWORD (林州市),
//   FG_SCREENSHOTS, FG_CHROMIUM: see helpers.mjs.
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import {
  BASE, ADMIN_USER, ADMIN_PASSWORD, COUNTY_USER, COUNTY_PASSWORD, SHOTS,
  useBrowser, openPage, sel, inputOf, settled, idCheckChar, rand, pad,
  shot, login, pickOption, PHONE,
} from './helpers.mjs'
import { Client, createUser } from '../../tests/api/client.mjs'

const browser = useBrowser()

/** The message under a form field, once the server has answered (up to 5 s). */
async function fieldError(page, name) {
  const err = page.locator(`.el-form-item:has(${sel(name)}) .el-form-item__error`)
  await err.first().waitFor({ timeout: 5000 }).catch(() => {})
  return (await err.count()) ? (await err.first().innerText()).trim() : ''
}
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const inDays = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10)

function idNumber() {
  const first17 = `410581${1970 + rand(30)}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
  return first17 + idCheckChar(first17)
}
const CA = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCode() {
  let s = '92410581MA'
  while (s.length < 17) s += CA[rand(10)]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CA.indexOf(s[i]) * CW[i]
  return s + CA[(31 - (sum % 31)) % 31]
}

/** The <textarea> of an Element Plus textarea carrying data-test. */
const textareaOf = (page, name) => page.locator(`textarea${sel(name)}, ${sel(name)} textarea`).first()

/** Opens the contest through the menu and the list. */
async function openContest(page, name) {
  await page.goto(`${BASE}/competitions`)
  await page.locator(sel('competition-table')).waitFor()
  await page.locator(`${sel('competition-table')} .el-table__row`, { hasText: name }).first().click()
  await page.locator(sel('competition-page')).waitFor()
  await settled(page)
}

async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click()
}

const contestName = `凤归中原返乡创业大赛 E2E ${Math.random().toString(36).slice(2, 6)}`
let admin, contest, owner, experts, entryId
const leaderId = idNumber()
const entity = { name: `林州市红旗渠食品厂${rand(1000)}`, code: creditCode() }

before(async () => {
  admin = await new Client().loginOk(ADMIN_USER, ADMIN_PASSWORD)
  owner = await createUser(admin, { role: 'entrepreneur', region_code: '410581', display_name: '王建国' })
  experts = []
  for (const [name, county] of [['李专家', '410502'], ['赵专家', '410503'], ['孙专家', '410505'], ['林州专家', '410581']]) {
    const u = await createUser(admin, { role: 'expert', region_code: '410500', display_name: name })
    const res = await admin.request('PUT', `/competition-experts/${u.user.id}`, { body: { specialty: '现代农业', affiliation: '安阳工学院', county_code: county } })
    assert.equal(res.status, 200, res.text)
    experts.push({ ...u, county, name })
  }
})

describe('创业大赛 in the browser, in every role', () => {
  test('the city sets up the contest and opens registration', async (t) => {
    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(sel('menu-competitions')).click()
    await page.locator(sel('competitions-page')).waitFor()
    await page.locator(sel('new-competition')).click()
    const dialog = page.locator(sel('setup-dialog'))
    await dialog.waitFor()
    // Weights that do not sum to 100 are shown as typed.
    await inputOf(page, 'setup-name').fill(contestName)
    const deadline = inputOf(page, 'setup-deadline')
    await deadline.click()
    await deadline.fill(inDays(20))
    await deadline.press('Enter')
    for (const [kind, days] of [['online', 30], ['roadshow', 40]]) {
      const d = inputOf(page, `stage-${kind}-deadline`)
      await d.click()
      await d.fill(inDays(days))
      await d.press('Enter')
    }
    // Smaller slots and prizes than the default, so that two entries can fill the contest.
    for (let i = 0; i < 3; i++) {
      const nums = page.locator(`${sel(`group-${i}`)} .el-input-number input`)
      const n = await nums.count()
      // [years?] slots first second third
      const base = n - 4
      await nums.nth(base).fill('1')
      await nums.nth(base + 1).fill('1')
      await nums.nth(base + 2).fill('0')
      await nums.nth(base + 3).fill('0')
      await nums.nth(base + 3).press('Tab')
    }
    await shot(page, 'competitions-setup.png')
    await page.locator(sel('setup-save')).click()
    await page.locator(sel('competition-page')).waitFor()
    await page.locator(sel('page-title'), { hasText: contestName }).waitFor()
    contest = (await admin.get('/competitions')).json.items.find((k) => k.name === contestName)
    assert.ok(contest, 'the contest was created')
    assert.deepEqual(contest.groups.map((g) => g.roadshow_slots), [1, 1, 1])
    // online stage: 3 experts per entry
    await admin.request('PUT', `/competitions/${contest.id}`, {
      body: { ...contest, stages: contest.stages.map((s) => (s.kind === 'online' ? { ...s, experts_per_entry: 3 } : { ...s, experts_per_entry: 1 })) },
    })
    await page.locator(sel('advance')).click()
    await confirmBox(page)
    await page.locator(sel('phase'), { hasText: '报名中' }).waitFor()
    await page.locator('.el-tabs__item', { hasText: '大赛设置' }).click()
    await page.locator(sel('groups-table')).waitFor()
    assert.match(await page.locator(sel('groups-table')).innerText(), /登记注册未满 3 年/)
    await shot(page, 'competitions-city-setup.png')
    assertNoPageErrors()
  })

  test('an entrepreneur registers: a wrong group is refused under the field; a PDF is accepted, an .exe refused', async (t) => {
    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await login(page, owner.username, owner.password)
    await page.locator(sel('menu-competitions')).click()
    await openContest(page, contestName)
    await page.locator(sel('register')).click()
    const dialog = page.locator(sel('entry-dialog'))
    await dialog.waitFor()
    await pickOption(page, 'entry-group', '成长组')
    await inputOf(page, 'entry-project').fill('红旗渠小米深加工')
    await textareaOf(page, 'entry-summary').fill('以林州小米为原料的深加工项目，带动周边农户120户')
    await textareaOf(page, 'entry-team').fill('王建国 负责人\n李秀英 财务')
    await inputOf(page, 'entry-leader').fill('王建国')
    await inputOf(page, 'entry-leader-id').fill(leaderId)
    await inputOf(page, 'entry-phone').fill('13812345678')
    await inputOf(page, 'entry-entity').fill(entity.name)
    await inputOf(page, 'entry-credit').fill(entity.code)
    const reg = inputOf(page, 'entry-registered')
    await reg.click()
    await reg.fill(inDays(-400))
    await reg.press('Enter')
    await page.locator(`${sel('entry-region')} .el-select__wrapper`).click()
    await page.locator('.el-tree-node__content:has-text("姚村镇") >> visible=true').first().click()
    await page.locator(sel('entry-save')).click()
    assert.match(await fieldError(page, 'entry-group'), /成长组/)
    await shot(page, 'competitions-entry-wrong-group.png')
    await pickOption(page, 'entry-group', '初创组')
    await page.locator(sel('entry-save')).click()
    await page.locator(sel('entry-files')).waitFor()
    const dir = mkdtempSync(path.join(tmpdir(), 'fg-e2e-'))
    const pdf = path.join(dir, '商业计划书.pdf')
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    const exe = path.join(dir, 'plan.pdf')
    writeFileSync(exe, 'MZ\x90\x00 not really a pdf')
    await page.locator(sel('entry-file')).setInputFiles(pdf)
    await page.locator(`${sel('entry-files')} li`, { hasText: '商业计划书.pdf' }).waitFor()
    await page.locator(sel('entry-file')).setInputFiles(exe)
    await page.locator(sel('file-error')).waitFor()
    assert.match(await page.locator(sel('file-error')).innerText(), /PDF/)
    await shot(page, 'competitions-entry-upload.png')
    await page.keyboard.press('Escape')
    await page.locator(`${sel('entries-table')} .el-table__row`, { hasText: '红旗渠小米深加工' }).waitFor()
    await shot(page, 'competitions-entrepreneur.png')
    const mine = await new Client().loginOk(owner.username, owner.password)
    entryId = (await mine.get(`/competitions/${contest.id}/entries`)).json.items[0].id
    assertNoPageErrors()
  })

  test('the county officer returns the entry with a reason, then passes it once fixed', async (t) => {
    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    await openContest(page, contestName)
    const row = page.locator(`${sel('entries-table')} .el-table__row`, { hasText: '红旗渠小米深加工' })
    await row.waitFor()
    await page.locator(sel(`return-${entryId}`)).click()
    await page.locator('.el-message-box__input input').fill('缺少财务预测')
    await confirmBox(page)
    await row.locator('.el-tag', { hasText: '已退回' }).waitFor()
    await shot(page, 'competitions-county-returned.png')
    // The entrepreneur fixes it (the same form, through the API here).
    const mine = await new Client().loginOk(owner.username, owner.password)
    const e = (await mine.get(`/competition-entries/${entryId}`)).json
    const fix = await mine.request('PUT', `/competition-entries/${entryId}`, {
      body: { group_key: 'startup', project: e.project, summary: `${e.summary}；补充了三年财务预测`, team: e.team, leader_name: e.leader_name, leader_id_number: leaderId, phone: '13812345678', entity_name: e.entity_name, credit_code: e.credit_code, registered_date: e.registered_date, region_code: e.region.code },
    })
    assert.equal(fix.status, 200, fix.text)
    await page.reload()
    await row.locator('.el-tag', { hasText: '待审核' }).waitFor()
    await page.locator(sel(`pass-${entryId}`)).click()
    await row.locator('.el-tag', { hasText: '审核通过' }).waitFor()
    await shot(page, 'competitions-county-review.png')
    assertNoPageErrors()
  })

  test('the city: a conflict of interest blocks an assignment; automatic assignment avoids it', async (t) => {
    // A second entry (growth group) so that the results have two groups.
    const mine = await new Client().loginOk(owner.username, owner.password)
    const b = await mine.post(`/competitions/${contest.id}/entries`, {
      group_key: 'growth', project: '太行山核桃种植', summary: '核桃种植与初加工', team: '王建国', leader_name: '王建国', leader_id_number: idNumber(),
      entity_name: `林州市太行核桃专业合作社${rand(1000)}`, credit_code: creditCode(), registered_date: '2015-03-01', region_code: '410581107',
    })
    assert.equal(b.status, 201, b.text)
    const county = await new Client().loginOk(COUNTY_USER, COUNTY_PASSWORD)
    assert.equal((await county.post(`/competition-entries/${b.json.id}/review`, { decision: 'pass' })).status, 200)
    assert.equal((await admin.post(`/competitions/${contest.id}/phase`, { phase: 'review' })).status, 200)

    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    await openContest(page, contestName)
    await page.locator('.el-tabs__item', { hasText: '专家与分配' }).click()
    await page.locator(sel('experts-table')).waitFor()
    await pickOption(page, 'assign-entry', '红旗渠小米深加工')
    await pickOption(page, 'assign-expert', '林州专家')
    await page.locator(sel('assign-one')).click()
    await page.locator(sel('assign-error')).waitFor()
    assert.match(await page.locator(sel('assign-error')).innerText(), /利益冲突/)
    await shot(page, 'competitions-conflict.png')
    await page.locator(sel('auto-assign')).click()
    await page.locator(`${sel('assignments-table')} .el-table__row`).nth(5).waitFor()
    const rows = await page.locator(`${sel('assignments-table')} .el-table__row`).allInnerTexts()
    assert.equal(rows.length, 6)
    assert.ok(!rows.some((r) => r.includes('林州专家')), 'the 林州 expert is never assigned to 林州 entries')
    await shot(page, 'competitions-assignments.png')
    await page.locator(sel('advance')).click()
    await confirmBox(page)
    await page.locator(sel('phase'), { hasText: '网络评审' }).waitFor()
    assertNoPageErrors()
  })

  test('an expert scores on a phone and sees no other expert’s scores', async (t) => {
    const ex = experts[0]
    const { page, assertNoPageErrors } = await openPage(browser(), t, { contextOptions: PHONE })
    await login(page, ex.username, ex.password)
    await page.goto(`${BASE}/competitions`)
    await page.locator(sel('my-tasks')).waitFor()
    await page.locator('.task', { hasText: '红旗渠小米深加工' }).first().click()
    await page.locator(sel('score-page')).waitFor()
    const inputs = page.locator(`input${sel('score-input')}, ${sel('score-input')} input`)
    await inputs.first().waitFor()
    // Nothing filled in: the form names the first criterion.
    await page.locator(sel('score-save')).click()
    await page.locator('.el-form-item__error').first().waitFor()
    for (let i = 0; i < (await inputs.count()); i++) {
      await inputs.nth(i).fill('8')
      await inputs.nth(i).press('Tab')
    }
    await textareaOf(page, 'comment-input').fill('市场调研扎实，带动农户效果好')
    await page.locator(sel('score-save')).click()
    await page.locator('.el-message--success').waitFor()
    assert.match(await page.locator(sel('total')).innerText(), /80/)
    const text = await page.locator(sel('score-page')).innerText()
    for (const other of experts.slice(1)) assert.ok(!text.includes(other.name), `no trace of ${other.name}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 392, `no sideways scrolling on a phone (${width}px)`)
    await shot(page, 'competitions-expert-phone.png')
    // The other scores through the API: entry a 80, 90, 70 → 80.00; entry b 60, 58, 50 → 56.00.
    const sheet = { 红旗渠小米深加工: [[9, 9, 9, 9], [7, 7, 7, 7]], 太行山核桃种植: [[6, 6, 6, 6], [5, 5, 7, 7], [5, 5, 5, 5]] }
    for (const e of experts.slice(0, 3)) {
      const c = await new Client().loginOk(e.username, e.password)
      for (const a of (await c.get('/my/competition-assignments')).json.items) {
        if (a.competition.id !== contest.id || a.complete) continue
        const s = sheet[a.entry.project].shift()
        const res = await c.request('PUT', `/my/competition-assignments/${a.id}/scores`, {
          body: { scores: a.stage.criteria.map((cr, i) => ({ criterion_id: cr.id, score: s[i] })) },
        })
        assert.equal(res.status, 200, res.text)
      }
    }
    assertNoPageErrors()
  })

  test('the city reads the aggregation, selects the roadshow, awards and publishes', async (t) => {
    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await login(page, ADMIN_USER, ADMIN_PASSWORD)
    await openContest(page, contestName)
    await page.locator('.el-tabs__item', { hasText: '评审结果' }).click()
    await page.locator(sel('results-table')).waitFor()
    assert.match(await page.locator(sel('method')).innerText(), /截尾均值/)
    const table = await page.locator(sel('results-table')).innerText()
    assert.match(table, /80/)
    assert.match(table, /56/)
    await shot(page, 'competitions-results.png')
    await page.locator(sel('select-roadshow')).click()
    await confirmBox(page)
    await page.locator(sel('phase'), { hasText: '项目路演' }).waitFor()
    // roadshow: one expert per entry, through the API
    assert.equal((await admin.post(`/competitions/${contest.id}/assignments/auto`, { stage: 'roadshow' })).status, 200)
    for (const e of experts) {
      const c = await new Client().loginOk(e.username, e.password)
      for (const a of (await c.get('/my/competition-assignments')).json.items) {
        if (a.competition.id !== contest.id || a.stage.kind !== 'roadshow') continue
        await c.request('PUT', `/my/competition-assignments/${a.id}/scores`, { body: { scores: [{ criterion_id: a.stage.criteria[0].id, score: 91 }] } })
      }
    }
    await page.reload()
    await page.locator('.el-tabs__item', { hasText: '评审结果' }).click()
    await page.locator(sel('make-awards')).click()
    await confirmBox(page)
    await page.locator(sel('phase'), { hasText: '已评奖' }).waitFor()
    await page.locator(sel('publish')).click()
    await confirmBox(page)
    await page.locator(sel('phase'), { hasText: '已公示' }).waitFor()
    await settled(page)
    await shot(page, 'competitions-published.png')
    const support = await admin.get('/activities', { query: { indicator: 'support', q: leaderId } })
    assert.ok(support.json.items.some((a) => a.support_kind === 'award' && a.date === today), 'the winner became a support record')
    assertNoPageErrors()
  })

  test('the public notice (公示) without login', async (t) => {
    const { page, assertNoPageErrors } = await openPage(browser(), t)
    await page.goto(`${BASE}/notice/competitions/${contest.id}`)
    await page.locator(sel('public-results')).waitFor()
    await page.locator(sel('awards-startup')).waitFor()
    const text = await page.locator(sel('public-results')).innerText()
    assert.match(text, /红旗渠小米深加工/)
    assert.match(text, /一等奖/)
    assert.ok(!text.includes(leaderId), 'no ID numbers in the notice')
    await shot(page, 'competitions-public-notice.png')
    assertNoPageErrors()
  })
})
