// Registry, ledger imports, activities, targets and the progress report over HTTP (docs/api.md):
// success, bad input, no login, wrong role and wrong region for each.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { Client, adminClient, assertError, idNumber, rnd, userClient, xlsxText } from './client.mjs'

const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCode() {
  let body = '92410581MA'
  while (body.length < 17) body += CC[Math.floor(Math.random() * 10)]
  const c = 31 - ([...body].reduce((s, ch, i) => s + CC.indexOf(ch) * CW[i], 0) % 31)
  return body + CC[c === 31 ? 0 : c]
}
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const year = today.slice(0, 4)

let admin, linzhou, tangyin, yaocun, expert, auditor
before(async () => {
  admin = await adminClient()
  linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
  tangyin = await userClient(admin, { role: 'county_officer', region_code: '410523' })
  yaocun = await userClient(admin, { role: 'township_staff', region_code: '410581107' })
  expert = await userClient(admin, { role: 'expert', region_code: '410500' })
  auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
})

function upload(client, kind, csv, query = {}) {
  return client.request('POST', `/imports/${kind}`, {
    raw: Buffer.from(csv, 'utf8'),
    headers: { 'Content-Type': 'text/csv' },
    query: { filename: `${kind}.csv`, ...query },
  })
}

describe('entrepreneurs', () => {
  test('township staff register, the ID number deduplicates, lists are masked and scoped', async () => {
    const id = idNumber()
    const person = { id_number: id, name: '王建国', phone: '13812345678', category: '农民工', region_code: '410581107', start_date: '2021-03-01' }
    const res = await yaocun.post('/entrepreneurs', person)
    assert.equal(res.status, 201, res.text)
    assert.equal(res.json.id_number, `${id.slice(0, 4)}**********${id.slice(14)}`)
    assert.equal(res.json.phone, '138****5678')
    assert.equal(res.json.birth_date, `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)
    const dup = await linzhou.post('/entrepreneurs', person)
    assertError(dup, 409, 'duplicate_person', 'id_number')
    assert.equal(dup.json.error.ref, String(res.json.id))
    const found = await linzhou.get('/entrepreneurs', { query: { q: id.slice(14) } })
    assert.equal(found.status, 200)
    assert.ok(found.json.items.some((p) => p.id === res.json.id))
    for (const p of found.json.items) assert.match(p.id_number, /^\d{4}\*{10}[\dX]{4}$/)
    assertError(await tangyin.get(`/entrepreneurs/${res.json.id}`), 403, 'forbidden_region')
    assertError(await tangyin.get('/entrepreneurs', { query: { region: '410581' } }), 403, 'forbidden_region')
    assertError(await expert.get('/entrepreneurs'), 403, 'forbidden')
    assertError(await new Client().get('/entrepreneurs'), 401, 'unauthenticated')
    const detail = await auditor.get(`/entrepreneurs/${res.json.id}`)
    assert.equal(detail.status, 200)
    assert.equal(detail.json.can_reveal, false)
    assertError(await auditor.post(`/entrepreneurs/${res.json.id}/reveal`), 403, 'forbidden')
    const full = await linzhou.post(`/entrepreneurs/${res.json.id}/reveal`)
    assert.equal(full.json.id_number, id)
    const audit = await admin.get('/audit', { query: { entity: 'entrepreneur', action: 'reveal' } })
    assert.ok(audit.json.items.some((e) => e.entity_id === String(res.json.id)))
  })

  test('bad input names the field; other counties and other roles are refused', async () => {
    const good = { id_number: idNumber(), name: '李秀英', category: 'graduate', region_code: '410581107', start_date: '2021-03-01' }
    const wrong = good.id_number.slice(0, 17) + (good.id_number[17] === '0' ? '1' : '0')
    assertError(await yaocun.post('/entrepreneurs', { ...good, id_number: wrong }), 422, 'invalid_field', 'id_number')
    assertError(await yaocun.post('/entrepreneurs', { ...good, category: '农民' }), 422, 'invalid_field', 'category')
    assertError(await yaocun.post('/entrepreneurs', { ...good, start_date: '2999-01-01' }), 422, 'invalid_field', 'start_date')
    assertError(await yaocun.post('/entrepreneurs', { ...good, region_code: '410523100' }), 403, 'forbidden_region')
    assertError(await expert.post('/entrepreneurs', good), 403, 'forbidden')
    assertError(await yaocun.post('/entrepreneurs', { ...good, name: 5 }), 400, 'bad_field', 'name')
    assertError(await yaocun.get('/entrepreneurs', { query: { sort: 'password' } }), 400, 'bad_parameter', 'sort')
  })

  test('only the city deletes, and only with a reason', async () => {
    const res = await yaocun.post('/entrepreneurs', { id_number: idNumber(), name: '赵六', category: 'veteran', region_code: '410581107', start_date: '2020-05-01' })
    assert.equal(res.status, 201, res.text)
    assertError(await linzhou.request('DELETE', `/entrepreneurs/${res.json.id}`, { body: { reason: '录入错误的记录' } }), 403, 'forbidden')
    assertError(await admin.request('DELETE', `/entrepreneurs/${res.json.id}`, { body: { reason: '' } }), 422, undefined, 'reason')
    assert.equal((await admin.request('DELETE', `/entrepreneurs/${res.json.id}`, { body: { reason: '录入错误的记录' } })).status, 204)
    assertError(await admin.get(`/entrepreneurs/${res.json.id}`), 404, 'not_found')
  })

  test('exports are masked XLSX and CSV with Chinese headers', async () => {
    const x = await linzhou.get('/entrepreneurs/export.xlsx')
    assert.equal(x.status, 200)
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK')
    const text = await xlsxText(x.bytes)
    assert.match(text, /身份证号/)
    assert.doesNotMatch(text, /\d{17}[\dX]/, 'no full ID number in an export')
    const c = await linzhou.get('/entrepreneurs/export.csv')
    assert.equal(c.status, 200)
    assert.ok(c.text.startsWith('\ufeff身份证号,姓名'))
  })
})

describe('market entities', () => {
  test('founders must be registered in scope; the credit code check character is verified', async () => {
    const id = idNumber()
    assert.equal((await yaocun.post('/entrepreneurs', { id_number: id, name: '孙七', category: '农民工', region_code: '410581107', start_date: '2021-01-05' })).status, 201)
    const code = creditCode()
    const body = { credit_code: code, name: '林州市孙七种植专业合作社', entity_type: '农民专业合作社', region_code: '410581107', registered_date: '2021-02-01', jobs: 6, founder_id_numbers: [id] }
    const res = await yaocun.post('/market-entities', body)
    assert.equal(res.status, 201, res.text)
    assert.equal(res.json.entity_type, 'cooperative')
    assertError(await yaocun.post('/market-entities', body), 409, 'duplicate_entity')
    assertError(await yaocun.post('/market-entities', { ...body, credit_code: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }), 422, 'invalid_field', 'credit_code')
    assertError(await yaocun.post('/market-entities', { ...body, credit_code: creditCode(), founder_id_numbers: [idNumber()] }), 422, 'invalid_field', 'founder_id_number')
    assertError(await tangyin.get(`/market-entities/${res.json.id}`), 403, 'forbidden_region')
    const detail = await linzhou.get(`/market-entities/${res.json.id}`)
    assert.equal(detail.json.founders.length, 1)
  })
})

describe('ledger imports', () => {
  test('all or nothing by default; skip_invalid writes the good rows; re-import changes nothing', async () => {
    const a = idNumber(), b = idNumber()
    const csv = `身份证号,姓名,区划代码,人员类别,创业日期\n${a},周八,410581107,农民工,2021-04-01\n${b.slice(0, 17)}${b[17] === '0' ? '1' : '0'},吴九,410581107,农民工,2021-04-01\n`
    const refused = await upload(linzhou, 'entrepreneurs', csv)
    assert.equal(refused.status, 422)
    assert.equal(refused.json.written, false)
    assert.equal(refused.json.errors[0].line, 3)
    assert.equal(refused.json.errors[0].column, 'id_number')
    assert.equal((await linzhou.get('/entrepreneurs', { query: { q: a } })).json.total, 0, 'nothing written')
    const skipped = await upload(linzhou, 'entrepreneurs', csv, { skip_invalid: 1 })
    assert.equal(skipped.status, 200)
    assert.equal(skipped.json.inserted, 1)
    assert.equal(skipped.json.rejected, 1)
    assert.match(skipped.json.rejects_csv, /错误原因/)
    const again = await upload(linzhou, 'entrepreneurs', csv, { skip_invalid: 1 })
    assert.equal(again.json.inserted, 0)
    assert.equal(again.json.unchanged, 1)
  })

  test('a county imports only its own rows; unknown kinds and roles are refused; templates download', async () => {
    const csv = `id_number,name,region_code,category,start_date\n${idNumber('410523')},郑十,410523100,graduate,2021-04-01\n`
    const res = await upload(linzhou, 'entrepreneurs', csv)
    assert.equal(res.status, 422)
    assert.equal(res.json.errors[0].column, 'region_code')
    assertError(await upload(linzhou, 'nope', csv), 404, 'unknown_kind')
    assertError(await upload(expert, 'entrepreneurs', csv), 403, 'forbidden')
    assertError(await upload(linzhou, 'entrepreneurs', '姓名\n张三\n'), 422, undefined, 'id_number')
    const t = await linzhou.get('/imports/loans/template.xlsx')
    assert.equal(t.status, 200)
    assert.match(await xlsxText(t.bytes), /贷款金额/)
  })

  test('a loan over the limit of its date is refused, naming the policy', async () => {
    const id = idNumber()
    const no = `T${rnd(8)}`
    const over = `loan_no,id_number,name,region_code,borrower_type,amount_yuan,disbursed_date,term_months\n${no},${id},钱一,410581107,individual,200000,2020-04-29,24\n`
    const res = await upload(linzhou, 'loans', over)
    assert.equal(res.status, 422)
    assert.equal(res.json.errors[0].column, 'amount_yuan')
    assert.match(res.json.errors[0].message, /安政办〔2016〕97号/)
    const ok = await upload(linzhou, 'loans', over.replace('2020-04-29', '2020-04-30'))
    assert.equal(ok.status, 200, ok.text)
    assertError(await upload(yaocun, 'loans', over), 403, 'forbidden')
  })
})

describe('activities, targets and the progress report', () => {
  test('distinct people per indicator in scope against targets set on children', async () => {
    const a = idNumber(), b = idNumber()
    const from = `${year}-01-01`
    const csv = `指标,身份证号,姓名,区划代码,日期\n创业培训,${a},甲,410581107,${from}\n创业培训,${a},甲,410581107,${today}\n创业培训,${b},乙,410581101,${today}\n`
    const up = await upload(yaocun, 'activities', csv)
    assert.equal(up.status, 422, '410581101 is outside 姚村镇')
    assert.equal(up.json.written, false)
    assert.equal(up.json.errors[0].column, 'region_code')
    const ok = await upload(linzhou, 'activities', csv)
    assert.equal(ok.status, 200, ok.text)
    const setT = await linzhou.request('PUT', '/targets', { body: { year: Number(year), cells: [{ region_code: '410581107', indicator: 'training', target: 40 }, { region_code: '410581101', indicator: 'training', target: 60 }] } })
    assert.equal(setT.status, 200, setT.text)
    assertError(await linzhou.request('PUT', '/targets', { body: { year: Number(year), cells: [{ region_code: '410581', indicator: 'training', target: 5 }] } }), 403)
    assertError(await tangyin.request('PUT', '/targets', { body: { year: Number(year), cells: [{ region_code: '410581107', indicator: 'training', target: 5 }] } }), 403)
    const grid = await linzhou.get('/targets', { query: { year, region: '410581' } })
    assert.equal(grid.json.rows[0].code, '410581')
    assert.equal(grid.json.rows.find((r) => r.code === '410581107').training, 40)
    const town = await linzhou.get('/reports/progress', { query: { region: '410581107', from, to: today } })
    assert.equal(town.status, 200, town.text)
    const training = town.json.indicators.find((i) => i.indicator === 'training')
    assert.ok(training.actual >= 1)
    assert.equal(training.target, 40)
    const county = await linzhou.get('/reports/progress', { query: { region: '410581', from, to: today } })
    assert.equal(county.json.indicators[0].target, 100, 'the county has no own target: its townships sum')
    assert.deepEqual(county.json.indicators.map((i) => i.indicator), ['training', 'mentoring', 'support'])
    assert.equal(typeof county.json.text, 'string')
    assertError(await linzhou.get('/reports/progress', { query: { region: '410523', from, to: today } }), 403, 'forbidden_region')
    assertError(await expert.get('/reports/progress'), 403, 'forbidden')
    assertError(await linzhou.get('/reports/progress', { query: { from: '2020-01-01', to: '2021-01-01' } }), 422, undefined, 'from')
    const league = await admin.get('/reports/league', { query: { region: '410500', from, to: today } })
    assert.equal(league.json.rows.length, 9)
    assert.equal(league.json.rows.find((r) => r.region.code === '410526').region.excluded_from_parent, true)
    const city = await admin.get('/reports/progress', { query: { region: '410500', from, to: today } })
    assert.deepEqual(city.json.excluded_regions, [{ code: '410526', name: '滑县' }])
    const x = await admin.get('/reports/progress.xlsx', { query: { region: '410500', from, to: today } })
    assert.match(await xlsxText(x.bytes), /时间进度/)
    const trend = await linzhou.get('/reports/trend', { query: { region: '410581', to: today } })
    assert.equal(trend.json.months.length, 12)
    const list = await auditor.get('/activities', { query: { indicator: 'training', region: '410581' } })
    assert.ok(list.json.total >= 2)
  })

  test('recording an activity by page: duplicates refused, deletion needs a reason', async () => {
    const body = { indicator: 'mentoring', id_number: idNumber(), name: '导师辅导对象', region_code: '410581107', date: today, mentor: '王德强', topic: '财务管理' }
    const res = await yaocun.post('/activities', body)
    assert.equal(res.status, 201, res.text)
    assertError(await yaocun.post('/activities', body), 409, 'duplicate_activity')
    assertError(await yaocun.post('/activities', { ...body, date: '2999-01-01' }), 422, undefined, 'date')
    assertError(await auditor.post('/activities', body), 403, 'forbidden')
    assertError(await yaocun.request('DELETE', `/activities/${res.json.id}`, { body: {} }), 422, undefined, 'reason')
    assert.equal((await yaocun.request('DELETE', `/activities/${res.json.id}`, { body: { reason: '重复登记' } })).status, 204)
  })
})
