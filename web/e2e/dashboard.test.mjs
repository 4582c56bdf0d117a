// Browser end-to-end test of the progress modules, on a database that starts empty (regions and
// accounts only): the county officer of 林州市 imports training, mentoring and support records
// through 台账导入 (a good file, then a file with one bad row that is refused with its line, column
// and reason, then the same file with “跳过错误行”), records and deletes one through the form, sets a
// township's target on 目标任务, and finds it all on 工作进度: the training actual counts each person
// once, the league table lists the townships, a number leads to the records behind it. The city
// administrator lands on the dashboard, sees 滑县 kept out of the totals, exports the workbook, prints,
// and drills down into 林州市. Runs Debian's Chromium through playwright-core under node:test.
//
//   FG_BASE_URL          server with the built web app, e.g. http://127.0.0.1:18181
//   FG_ADMIN_USER / FG_ADMIN_PASSWORD     an existing city_admin
//   FG_COUNTY_USER / FG_COUNTY_PASSWORD   an existing county_officer of 林州市 (410581)
//   FG_SCREENSHOTS       folder for full-page screenshots (default /work/main/build/screenshots)
//   FG_CHROMIUM          browser binary (default /usr/bin/chromium)
//
// Every run makes new ID numbers and compares with the figures read before it imports, so reruns
// against the same database pass too. Dates are in the current year (China Standard Time) up to today.
import { after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  BASE, ADMIN_USER, ADMIN_PASSWORD, COUNTY_USER, COUNTY_PASSWORD,
  useBrowser, openPage, sel, inputOf, settled, idCheckChar, rand, pad,
  shot, e2eTests, login as signIn, DASHBOARD, expectTitle, menuEntries, pickRegion, rowTexts, api,
} from './helpers.mjs'

const COUNTY = '410581'

const TMP = mkdtempSync(path.join(os.tmpdir(), 'fg-e2e-dashboard-'))

// ---- test data --------------------------------------------------------------------------------

/** A valid GB 11643 number of a 林州市 birth register → { number, wrong, check }. */
function makeIdNumber() {
  const first17 = `${COUNTY}${1965 + rand(35)}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
  const check = idCheckChar(first17)
  const wrong = '0123456789X'.replace(check, '')[rand(10)]
  return { number: first17 + check, wrong: first17 + wrong, check }
}

/** Today in China Standard Time (the server's "not in the future"). */
function todayCst() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date())
  const get = (type) => parts.find((p) => p.type === type).value
  return `${get('year')}-${get('month')}-${get('day')}`
}
const TODAY = todayCst()
const YEAR = TODAY.slice(0, 4)
const JAN1 = `${YEAR}-01-01`
/** The day before today when it is in the same year, else today (on 1 January). */
const EARLIER = (() => {
  const d = new Date(`${TODAY}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  const s = d.toISOString().slice(0, 10)
  return s.startsWith(YEAR) ? s : TODAY
})()

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = ['建国', '秀英', '志强', '海燕', '文博', '春梅', '国栋', '丽娟', '晓东', '玉兰', '振华', '红霞']
const personName = () => SURNAMES[rand(SURNAMES.length)] + GIVEN[rand(GIVEN.length)]

// Four people of this run; the first two and the third live in two 林州市 townships (set in the
// first test from the region tree).
const people = Array.from({ length: 4 }, () => ({ ...makeIdNumber(), name: personName() }))
const state = { towns: [], base: null, baseTown: null, target: null }

const formatInt = (n) => Number(n).toLocaleString('en-US')
const csv = (rows) => `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`
const HEADER = ['指标', '身份证号', '姓名', '区划代码', '日期', '内容']

// ---- browser ----------------------------------------------------------------------------------

const browser = useBrowser()
after(() => rmSync(TMP, { recursive: true, force: true }))
// The print view calls window.print(): note it instead of opening a dialog.
const open = (t) =>
  openPage(browser(), t, {
    contextOptions: { acceptDownloads: true },
    initScript: () => {
      window.print = () => {
        window.__printed = (window.__printed || 0) + 1
      }
    },
  })
const e2e = e2eTests(browser, open)
// the office roles land on the progress dashboard
const login = (page, username, password) => signIn(page, username, password, DASHBOARD)

/** The progress report (JSON) as the logged-in user sees it. */
async function progress(page, region) {
  const res = await api(page, 'GET', `/api/v1/reports/progress?region=${region}&from=${JAN1}&to=${TODAY}`)
  assert.equal(res.status, 200, JSON.stringify(res.json))
  return res.json
}
const actualOf = (p, ind) => p.indicators.find((i) => i.indicator === ind).actual

/** Uploads `file` on the imports page and waits for the result panel. */
async function upload(page, file) {
  await page.locator(sel('import-file')).setInputFiles(file)
  await page.locator(sel('import-picked'), { hasText: path.basename(file) }).waitFor()
  await page.locator(sel('import-submit')).click()
  await page.locator(sel('import-result')).waitFor()
}

// ---- tests ------------------------------------------------------------------------------------

describe('county officer of 林州市', () => {
  e2e('imports a file of training, mentoring and support records', async (t, page) => {
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

    // two townships of 林州市, from the region tree; the figures before this run's records
    const regions = await api(page, 'GET', '/api/v1/regions')
    const county = regions.json.tree.children.find((c) => c.code === COUNTY)
    state.towns = county.children.slice(0, 2).map((n) => ({ code: n.code, name: n.name }))
    assert.equal(state.towns.length, 2, '林州市 has townships')
    state.base = await progress(page, COUNTY)
    state.baseTown = await progress(page, state.towns[0].code)

    await page.locator(sel('menu-imports')).click()
    await page.waitForURL(/\/imports/)
    await expectTitle(page, '台账导入')
    await page.locator(`${sel('import-kind-activities')}`).click()
    const cols = page.locator(sel('import-columns'))
    assert.match(await cols.innerText(), /指标\*[\s\S]*身份证号\*[\s\S]*姓名\*[\s\S]*区划代码\*[\s\S]*日期\*[\s\S]*内容/)

    // the template
    const [template] = await Promise.all([page.waitForEvent('download'), page.locator(sel('import-template')).click()])
    assert.match(template.suggestedFilename(), /\.xlsx$/)

    // person 0 trained twice (two days; once a person on 1 January) and mentored; 1 and 2 trained
    const [p0, p1, p2] = people
    const [t0, t1] = state.towns
    const rows = [
      HEADER,
      ['创业培训', p0.number, p0.name, t0.code, TODAY, 'SYB创业培训班'],
      ['创业培训', p1.number, p1.name, t0.code, TODAY, '网络创业培训班'],
      ['training', p2.number, p2.name, t1.code, TODAY, '技能培训+创业培训'],
      ['创业辅导', p0.number, p0.name, t0.code, TODAY, '导师：李明 · 市场营销'],
    ]
    if (EARLIER !== TODAY) rows.splice(2, 0, ['创业培训', p0.number, p0.name, t0.code, EARLIER, 'SYB创业培训班（第二期）'])
    const file = path.join(TMP, `林州市培训记录-${Date.now()}.csv`)
    writeFileSync(file, '\uFEFF' + csv(rows))

    // sent with XMLHttpRequest (upload progress), the file's bytes as the body
    const sent = page.waitForRequest((r) => r.url().includes('/api/v1/imports/activities?') && r.method() === 'POST')
    await upload(page, file)
    const req = await sent
    assert.equal(req.resourceType(), 'xhr')
    const url = new URL(req.url())
    assert.equal(url.searchParams.get('filename'), path.basename(file))
    assert.equal(url.searchParams.get('skip_invalid'), '0')
    const headers = await req.allHeaders()
    assert.ok(headers['x-csrf-token'], 'CSRF token sent')
    assert.equal(headers['accept-language'], 'zh-CN')

    await page.locator(sel('import-written')).waitFor()
    const result = await page.locator(sel('import-result')).innerText()
    assert.match(result, /导入成功/)
    const stats = await page.locator(sel('import-stats')).innerText()
    assert.match(stats, new RegExp(`数据行\\s*${rows.length - 1}\\b`))
    assert.match(stats, new RegExp(`新增\\s*${rows.length - 1}\\b`))
    assert.match(stats, /有误\s*0\b/)
    assert.match(stats, /utf-8/i)
    assert.equal(await page.locator(sel('import-errors')).count(), 0)
    await shot(page, 'imports.png')

    // the same file again changes nothing
    await upload(page, file)
    await page.locator(sel('import-stats'), { hasText: new RegExp(`未变\\s*${rows.length - 1}\\b`) }).waitFor()
    assert.match(await page.locator(sel('import-stats')).innerText(), /新增\s*0\b/)
  })

  e2e('a file with a bad row is refused with line, column and reason; skipping writes the good rows', async (t, page) => {
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    await page.locator(sel('menu-imports')).click()
    await page.waitForURL(/\/imports/)
    await page.locator(sel('import-kind-activities')).click()

    const p3 = people[3]
    const bad = people[1]
    const file = path.join(TMP, `有误的台账-${Date.now()}.csv`)
    writeFileSync(
      file,
      csv([
        HEADER,
        ['创业扶持', p3.number, p3.name, state.towns[1].code, TODAY, '一次性创业补贴'],
        ['创业扶持', bad.wrong, bad.name, state.towns[0].code, TODAY, '场地支持'],
      ]),
    )
    await upload(page, file)
    const refused = page.locator(sel('import-refused'))
    await refused.waitFor()
    assert.match(await refused.innerText(), /文件有误，未写入任何数据/)
    const errors = await rowTexts(page, 'import-errors')
    assert.equal(errors.length, 1, errors.join('\n'))
    assert.match(errors[0], /^\s*3\s/, 'line 3 (the header is line 1)')
    assert.match(errors[0], /身份证号/)
    assert.match(errors[0], new RegExp(`校验位错误，应为${bad.check}`))

    // the error report: the server's CSV, byte-order mark and all
    const [report] = await Promise.all([page.waitForEvent('download'), page.locator(sel('import-download-errors')).click()])
    assert.match(report.suggestedFilename(), /\.csv$/)
    const text = readFileSync(await report.path(), 'utf8')
    assert.equal(text.charCodeAt(0), 0xfeff, 'starts with a BOM')
    assert.match(text, /错误原因/)
    assert.match(text, /校验位错误/)
    await shot(page, 'import-errors.png')

    // nothing was written
    const none = await api(page, 'GET', `/api/v1/activities?q=${p3.number}`)
    assert.equal(none.json.total, 0)

    // “跳过错误行”: the good row is written, the bad one listed
    await page.locator(sel('import-skip')).click()
    await upload(page, file)
    await page.locator(sel('import-written')).waitFor()
    assert.match(await page.locator(sel('import-result')).innerText(), /1 行有误未导入/)
    const stats = await page.locator(sel('import-stats')).innerText()
    assert.match(stats, /新增\s*1\b/)
    assert.match(stats, /有误\s*1\b/)
    assert.equal((await rowTexts(page, 'import-errors')).length, 1)
    const one = await api(page, 'GET', `/api/v1/activities?q=${p3.number}`)
    assert.equal(one.json.total, 1)
  })

  e2e('records an activity through the form, is told of a duplicate, deletes it with a reason', async (t, page) => {
    const id = makeIdNumber()
    const name = personName()
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    await page.locator(sel('menu-activities')).click()
    await page.waitForURL(/\/activities/)
    await expectTitle(page, '培训辅导扶持')
    await settled(page)

    const fill = async () => {
      await page.locator(sel('activities-create')).click()
      await page.locator(sel('activity-dialog')).waitFor()
      await page.locator(sel('activity-form-indicator-mentoring')).click()
      await inputOf(page, 'activity-form-id-number').fill(id.wrong)
      const err = page.locator(`.el-form-item:has(${sel('activity-form-id-number')}) .el-form-item__error`)
      await err.waitFor()
      assert.equal((await err.innerText()).trim(), `身份证号校验位错误，应为${id.check}`)
      await inputOf(page, 'activity-form-id-number').fill(id.number)
      await page.locator(sel('activity-derived')).waitFor()
      await inputOf(page, 'activity-form-name').fill(name)
      await pickRegion(page, 'activity-form-region', state.towns[1].name)
      assert.equal(await inputOf(page, 'activity-form-date').inputValue(), TODAY)
      await inputOf(page, 'activity-form-mentor').fill('李明')
      await inputOf(page, 'activity-form-topic').fill('市场营销')
      await page.locator(sel('activity-form-save')).click()
    }

    await fill()
    await page.locator('.el-message--success', { hasText: name }).waitFor()
    await page.locator(sel('activity-dialog')).waitFor({ state: 'hidden' })
    const row = page.locator(`${sel('activities-table')} .el-table__body tr.el-table__row`, { hasText: name }).first()
    await row.waitFor()
    assert.match(await row.innerText(), /创业辅导[\s\S]*导师：李明 · 市场营销/)

    // the same person, indicator and day again
    await fill()
    const dup = page.locator(sel('activity-duplicate'))
    await dup.waitFor()
    assert.match(await dup.innerText(), /该人员当天已有同一指标的记录/)
    await page.locator(`${sel('activity-dialog')} .el-dialog__footer button`, { hasText: '取消' }).click()
    await page.locator(sel('activity-dialog')).waitFor({ state: 'hidden' })

    // delete with a reason
    await row.locator('[data-test^="activity-delete-"]').click()
    const reason = page.locator(`textarea${sel('delete-reason')}, ${sel('delete-reason')} textarea`).first()
    await reason.fill('重复登记，已核实')
    await page.locator(sel('delete-confirm')).click()
    await page.locator('.el-message--success', { hasText: `已删除 ${name}` }).waitFor()
    const gone = await api(page, 'GET', `/api/v1/activities?q=${id.number}`)
    assert.equal(gone.json.total, 0)
  })

  e2e('sets a township target on 目标任务', async (t, page) => {
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    await page.locator(sel('menu-targets')).click()
    await page.waitForURL(/\/targets$/)
    await expectTitle(page, '目标任务')
    await page.locator(`${sel('targets-year')} .el-select__selected-item`, { hasText: `${YEAR}年` }).waitFor()
    const town = state.towns[0]
    await page.locator(sel(`target-row-${town.code}`)).waitFor()
    await settled(page)

    // the county's own cells are not the county officer's to set
    assert.equal(await page.locator(`${sel(`target-${COUNTY}-training`)} input`).count(), 0, 'no input on the county row')
    const cell = inputOf(page, `target-${town.code}-training`)
    const current = await cell.inputValue()
    const value = String(current === '20' ? 30 : 20)
    await cell.fill(value)
    await cell.press('Tab')
    await page.locator(sel('targets-save'), { hasText: '保存（1项）' }).waitFor()
    await page.locator(sel('targets-save')).click()
    await page.locator('.el-message--success', { hasText: `已保存 1 项${YEAR}年目标任务` }).waitFor()
    state.target = Number(value)

    // kept after a reload; the county row shows its townships' sum in grey when it has none itself
    await page.reload()
    await page.locator(sel(`target-row-${town.code}`)).waitFor()
    await settled(page)
    assert.equal(await inputOf(page, `target-${town.code}-training`).inputValue(), value)
    const own = await api(page, 'GET', `/api/v1/targets?year=${YEAR}&region=${COUNTY}`)
    if (own.json.rows[0].training === null) {
      const sum = page.locator(sel(`target-sum-${COUNTY}-training`))
      await sum.waitFor()
      assert.match(await sum.innerText(), /^按下级合计：[\d,]+$/)
    }
    await shot(page, 'targets.png')
  })

  e2e('the dashboard counts each trained person once and lists the townships', async (t, page) => {
    await login(page, COUNTY_USER, COUNTY_PASSWORD)
    const expected = actualOf(state.base, 'training') + 3
    const expectedTown = actualOf(state.baseTown, 'training') + 2
    const now = await progress(page, COUNTY)
    assert.equal(actualOf(now, 'training'), expected, 'the server counts people, not records')

    await page.goto(`${BASE}/dashboard?region=${COUNTY}&from=${JAN1}&to=${TODAY}`)
    await expectTitle(page, '工作进度')
    const training = page.locator(sel('indicator-training'))
    await training.locator(sel('indicator-actual'), { hasText: new RegExp(`^${formatInt(expected)}$`) }).waitFor()
    assert.equal((await training.locator(sel('indicator-actual')).innerText()).trim(), formatInt(expected))
    // a township now has a target: the county is judged against the townships' sum
    const target = now.indicators.find((i) => i.indicator === 'training').target
    assert.ok(target >= state.target, `training target ${target}`)
    assert.match(await training.locator(sel('indicator-target')).innerText(), new RegExp(`全年目标 ${formatInt(target)}`))
    assert.match(await training.innerText(), /按时序完成|落后于时间进度/)
    assert.match(await page.locator(sel('indicator-support')).innerText(), /创业扶持/)
    await page.locator(sel('card-people')).waitFor()
    await page.locator(`${sel('dashboard-cards')} ${sel('card-loans')}`).waitFor()
    assert.match(await page.locator(sel('progress-text')).innerText(), new RegExp(`林州市[\\s\\S]*创业培训人数${expected}人`))

    // the league: the townships of 林州市, this run's township with its two trained people
    const league = page.locator(sel('league-table'))
    await league.locator(sel(`league-row-${state.towns[0].code}`)).waitFor()
    await settled(page)
    assert.match(await league.innerText(), new RegExp(state.towns[1].name))
    assert.equal((await page.locator(sel(`league-training-${state.towns[0].code}`)).innerText()).trim(), formatInt(expectedTown))
    // the charts are drawn
    await page.locator(`${sel('chart-completion')} canvas`).waitFor()
    await page.locator(`${sel('chart-trend')} canvas`).waitFor()
    await shot(page, 'dashboard-county.png')

    // the number leads to the people behind it
    await training.locator(sel('indicator-actual')).click()
    await page.waitForURL(/\/activities\?/)
    const q = new URL(page.url()).searchParams
    assert.equal(q.get('indicator'), 'training')
    assert.equal(q.get('region'), COUNTY)
    assert.equal(q.get('from'), JAN1)
    assert.equal(q.get('to'), TODAY)
    await expectTitle(page, '培训辅导扶持')
    await page.locator(`${sel('activities-indicator')} .el-tabs__item.is-active`, { hasText: '创业培训' }).waitFor()
    await settled(page)
    const listed = (await rowTexts(page, 'activities-table')).join('\n')
    for (const p of people.slice(0, 3)) assert.ok(listed.includes(p.name), `${p.name} is listed:\n${listed}`)
    assert.ok(!listed.includes('创业辅导'), 'training only')
    await shot(page, 'activities.png')

    // a full ID number finds that person's records (two days of training for person 0)
    await inputOf(page, 'activities-q').fill(people[0].number)
    await page.waitForResponse((r) => r.url().includes('/api/v1/activities?') && r.url().includes(people[0].number))
    await settled(page)
    const own = await rowTexts(page, 'activities-table')
    assert.equal(own.length, EARLIER === TODAY ? 1 : 2, own.join('\n'))
    for (const r of own) assert.ok(r.includes(`${people[0].number.slice(0, 4)}**********${people[0].number.slice(14)}`), r)
  })
})

describe('city administrator', () => {
  e2e('lands on the dashboard, sees the city with 滑县 kept out, exports, prints and drills down', async (t, page) => {
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
    await expectTitle(page, '工作进度')
    // the period: 1 January … the latest record's date (this run's records are dated today)
    const latest = await api(page, 'GET', '/api/v1/reports/latest')
    const to = latest.json.to
    await page.waitForURL((u) => u.searchParams.get('to') === to && u.searchParams.get('from') === `${to.slice(0, 4)}-01-01`)
    assert.equal(await inputOf(page, 'dashboard-dates').inputValue(), `${to.slice(0, 4)}-01-01`)

    await page.locator(sel('card-people')).waitFor()
    assert.match(await page.locator(sel('dashboard-excluded')).innerText(), /不包含滑县/)
    assert.match(await page.locator(sel('progress-text')).innerText(), /全市[\s\S]*（不包含滑县）/)
    const league = page.locator(sel('league-table'))
    await league.locator(sel('league-row-410581')).waitFor()
    await settled(page)
    const rows = await rowTexts(page, 'league-table')
    assert.equal(rows.length, 9, 'nine counties')
    const hua = rows.find((r) => r.includes('滑县'))
    assert.ok(hua && hua.includes('不计入合计'), hua)
    assert.match(await league.locator('.el-table__footer').innerText(), /合计/)
    await page.locator(`${sel('chart-completion')} canvas`).waitFor()
    await page.locator(`${sel('chart-trend')} canvas`).waitFor()
    await shot(page, 'dashboard.png')

    // the workbook of the same figures
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator(sel('dashboard-export')).click()])
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/)

    // the printable view opens and prints
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator(sel('dashboard-print')).click()])
    await popup.waitForURL(/\/dashboard\/print\?/)
    await popup.locator(sel('print-text')).waitFor()
    assert.match(await popup.locator(sel('print-text')).innerText(), /不包含滑县/)
    assert.match(await popup.locator(sel('print-league')).innerText(), /林州市/)
    await popup.waitForFunction(() => window.__printed > 0)
    await popup.close()

    // drill down: a county's row sets the region picker and shows its townships
    await league.locator(sel('league-row-410581')).click()
    await page.locator(`${sel('region-picker')} .el-select__selected-item`, { hasText: '林州市' }).first().waitFor()
    await page.waitForURL((u) => u.searchParams.get('region') === COUNTY)
    await league.locator(sel(`league-row-${state.towns[0].code || '410581001'}`)).waitFor()
    await settled(page)
    assert.ok((await rowTexts(page, 'league-table')).length > 9, 'the townships of 林州市')
  })
})
