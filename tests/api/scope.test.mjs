// Region scope beyond the record itself (issue 11, hardening): what a record refers to must lie in
// the caller's region too (#3), targets are the office's (#11), and nothing of another county's
// records comes back in an answer — not in an error, not inside a record of one's own (#13).
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { adminClient, assertError, idNumber, rnd, userClient } from './client.mjs'

const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCode(county = '410581') {
  let body = `92${county}MA`
  while (body.length < 17) body += CC[Math.floor(Math.random() * 10)]
  const c = 31 - ([...body].reduce((s, ch, i) => s + CC.indexOf(ch) * CW[i], 0) % 31)
  return body + CC[c === 31 ? 0 : c]
}
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
const today = day(0)
const year = today.slice(0, 4)

let admin, linzhou, tangyin
before(async () => {
  admin = await adminClient()
  linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
  tangyin = await userClient(admin, { role: 'county_officer', region_code: '410523' })
})

/** Registers a person through `client` and returns {id, id_number, name}. */
async function register(client, township, name) {
  for (;;) {
    const id_number = idNumber(township.slice(0, 6), { from: 1980, years: 15 })
    const res = await client.post('/entrepreneurs', { id_number, name, category: 'migrant_worker', region_code: township, start_date: '2021-03-01' })
    if (res.status === 409) continue
    assert.equal(res.status, 201, res.text)
    return { id: res.json.id, id_number, name }
  }
}

function upload(client, kind, csv) {
  return client.request('POST', `/imports/${kind}`, { raw: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'text/csv' }, query: { filename: `${kind}.csv` } })
}

describe('#3 a county officer writes only into their own figures', () => {
  test("another county's person cannot be made a trainee, and the answer does not name them", async () => {
    const name = `汤阴学员${rnd(4)}`
    const other = await register(tangyin, '410523100', name)
    const k = await linzhou.post('/training-classes', {
      name: '跨区测试班', mode: '课堂培训+创业实训', region_code: '410581', start_date: day(-5), end_date: day(-1), hours: 8,
    })
    assert.equal(k.status, 201, k.text)
    const countBefore = async () =>
      (await tangyin.get('/reports/progress', { query: { region: '410523', from: `${year}-01-01`, to: today } })).json.indicators
        .find((i) => i.indicator === 'training').actual
    const before = await countBefore()
    const res = await linzhou.post(`/training-classes/${k.json.id}/trainees`, { id_number: other.id_number })
    assertError(res, 403, 'forbidden_region', 'id_number')
    assert.ok(!res.text.includes(name), 'the refusal does not name the person')
    const detail = await linzhou.get(`/training-classes/${k.json.id}`)
    assert.equal(detail.json.trainee_list.length, 0)
    // Even with a trainee the city added, the county cannot complete them into 汤阴's figures, nor see them.
    const added = await admin.post(`/training-classes/${k.json.id}/trainees`, { id_number: other.id_number })
    assert.equal(added.status, 201, added.text)
    const seen = await linzhou.get(`/training-classes/${k.json.id}`)
    assert.equal(seen.json.trainee_list.length, 0, "another county's trainee is not listed")
    assert.equal(seen.json.trainees_outside_scope, 1)
    assert.ok(!seen.text.includes(name))
    assertError(await linzhou.post(`/training-classes/${k.json.id}/completion`, { trainee_ids: [added.json.id], completed: true }),
      403, 'forbidden_region')
    assert.equal(await countBefore(), before, "汤阴's training count did not move")
    // 林州's own people are added as before.
    const mine = await register(linzhou, '410581001', '林州学员')
    assert.equal((await linzhou.post(`/training-classes/${k.json.id}/trainees`, { id_number: mine.id_number })).status, 201)
  })

  test("an activity, a loan application's entity and a competition entry refer only to records in the caller's region", async () => {
    const other = await register(tangyin, '410523100', `汤阴人员${rnd(4)}`)
    const mine = await register(linzhou, '410581001', '林州人员')
    // Activity: 林州's region, 汤阴's person.
    const act = { indicator: 'mentoring', id_number: other.id_number, name: '某人', region_code: '410581001', date: today, mentor: '王老师', topic: '营销' }
    assertError(await linzhou.post('/activities', act), 403, 'forbidden_region', 'id_number')
    const csv = `指标,身份证号,姓名,区划代码,日期\n创业辅导,${mine.id_number},甲,410581001,${today}\n创业辅导,${other.id_number},乙,410581001,${today}\n`
    const imp = await upload(linzhou, 'activities', csv)
    assert.equal(imp.status, 422, imp.text)
    assert.deepEqual(imp.json.errors.map((e) => [e.line, e.column]), [[3, 'id_number']])
    // A duplicate of 汤阴's own record gives 汤阴 its ref, and 林州 nothing of it.
    const theirs = await tangyin.post('/activities', { ...act, region_code: '410523100' })
    assert.equal(theirs.status, 201, theirs.text)
    const dup = await tangyin.post('/activities', { ...act, region_code: '410523100' })
    assertError(dup, 409, 'duplicate_activity')
    assert.equal(dup.json.error.ref, String(theirs.json.id))

    // Loan application: 林州's applicant with an entity they founded in 汤阴 (registered by the city).
    const ent = await admin.post('/market-entities', {
      credit_code: creditCode('410523'), name: `跨区企业${rnd(4)}`, entity_type: 'enterprise', region_code: '410523100',
      registered_date: '2021-02-01', jobs: 2, founder_id_numbers: [mine.id_number],
    })
    assert.equal(ent.status, 201, ent.text)
    const app = { id_number: mine.id_number, borrower_type: 'individual', amount_fen: 5000000, term_months: 12, purpose: '设备', business: '加工', entity_id: ent.json.id }
    assertError(await linzhou.post('/loan-applications/check', app), 403, 'forbidden_region', 'entity_id')
    assert.equal((await admin.post('/loan-applications/check', app)).status, 200)

    // Competition entry of a 林州 entrant naming 汤阴's registered entity or person.
    const k = await admin.post('/competitions', {
      name: `跨区测试大赛 ${rnd(4)}`, year: Number(year), registration_deadline: day(20), provincial_quota: 1,
      groups: [{ key: 'startup', name: '初创组', rule: 'under_years', years: 3, roadshow_slots: 1, prizes: { first: 1, second: 0, third: 0 } }],
      stages: [{ kind: 'online', name: '网络评审', deadline: day(30), experts_per_entry: 1, load_cap: 5, criteria: [{ name: '创新', weight: 100, max_score: 10 }] }],
    })
    assert.equal(k.status, 201, k.text)
    assert.equal((await admin.post(`/competitions/${k.json.id}/phase`, { phase: 'registration' })).status, 200)
    const entrant = await userClient(admin, { role: 'entrepreneur', region_code: '410581' })
    const entry = (over) => ({
      group_key: 'startup', project: '项目', summary: '简介', team: '甲', leader_name: '甲', leader_id_number: idNumber('410581'),
      entity_name: '某厂', credit_code: creditCode(), registered_date: day(-300), region_code: '410581001', ...over,
    })
    assertError(await entrant.post(`/competitions/${k.json.id}/entries`, entry({ credit_code: ent.json.credit_code })), 403, 'forbidden_region', 'credit_code')
    assertError(await entrant.post(`/competitions/${k.json.id}/entries`, entry({ leader_id_number: other.id_number })), 403, 'forbidden_region', 'leader_id_number')
    assert.equal((await entrant.post(`/competitions/${k.json.id}/entries`, entry({ leader_id_number: mine.id_number }))).status, 201)
  })
})

describe('#11 targets are read by the office roles only', () => {
  for (const [role, fields] of [
    ['bank', { role: 'bank', region_code: '410500', org_kind: 'bank', org_name: '某银行' }],
    ['guarantee fund', { role: 'bank', region_code: '410500', org_kind: 'guarantee_fund', org_name: '担保中心' }],
    ['expert', { role: 'expert', region_code: '410500' }],
    ['mentor', { role: 'mentor', region_code: '410500' }],
    ['entrepreneur', { role: 'entrepreneur', region_code: '410581' }],
  ]) {
    test(`${role}: GET /targets → 403`, async () => {
      const c = await userClient(admin, fields)
      assertError(await c.get('/targets', { query: { year } }), 403, 'forbidden')
      assertError(await c.get('/targets', { query: { year, region: '410500' } }), 403, 'forbidden')
    })
  }
  test('the office roles read them, in their region', async () => {
    const auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
    const staff = await userClient(admin, { role: 'township_staff', region_code: '410581001' })
    assert.equal((await auditor.get('/targets', { query: { year, region: '410500' } })).status, 200)
    assert.equal((await staff.get('/targets', { query: { year } })).status, 200)
    assert.equal((await linzhou.get('/targets', { query: { year } })).status, 200)
    assertError(await linzhou.get('/targets', { query: { year, region: '410523' } }), 403, 'forbidden_region')
  })
})

describe("#13 another county's records do not leak", () => {
  test('a duplicate credit code says only that it is registered elsewhere', async () => {
    const name = `汤阴某合作社${rnd(6)}`
    const founder = await register(tangyin, '410523100', '汤阴创办人')
    const code = creditCode('410523')
    const body = { credit_code: code, name, entity_type: 'cooperative', region_code: '410523100', registered_date: '2021-02-01', jobs: 1, founder_id_numbers: [founder.id_number] }
    const made = await tangyin.post('/market-entities', body)
    assert.equal(made.status, 201, made.text)
    const mine = await register(linzhou, '410581001', '林州创办人')
    const dup = await linzhou.post('/market-entities', { ...body, region_code: '410581001', founder_id_numbers: [mine.id_number] })
    const err = assertError(dup, 409, 'duplicate_entity', 'credit_code')
    assert.ok(!dup.text.includes(name), `no name of another county's business: ${dup.text}`)
    assert.equal(err.ref, undefined, 'no id either')
    assert.match(err.message, /其他区划/)
    const own = assertError(await tangyin.post('/market-entities', body), 409, 'duplicate_entity')
    assert.equal(own.ref, String(made.json.id), 'within the county: the record to open instead')
    assert.ok(own.message.includes(name))
  })

  test('founders from another county are left out of an entity in scope, and kept by an edit', async () => {
    const ours = await register(linzhou, '410581001', '林州合伙人')
    const theirName = `汤阴合伙人${rnd(4)}`
    const theirs = await register(tangyin, '410523100', theirName)
    const ent = await admin.post('/market-entities', {
      credit_code: creditCode(), name: `林州跨县合伙企业${rnd(4)}`, entity_type: 'enterprise', region_code: '410581001',
      registered_date: '2021-02-01', jobs: 4, founder_id_numbers: [ours.id_number, theirs.id_number],
    })
    assert.equal(ent.status, 201, ent.text)
    const seen = await linzhou.get(`/market-entities/${ent.json.id}`)
    assert.equal(seen.status, 200)
    assert.deepEqual(seen.json.founders.map((p) => p.id), [ours.id])
    assert.deepEqual(seen.json.founder_ids, [ours.id])
    assert.equal(seen.json.founders_outside_scope, 1)
    assert.ok(!seen.text.includes(theirName) && !seen.text.includes(theirs.id_number.slice(-4) + '"'), seen.text)
    const listed = await linzhou.get('/market-entities', { query: { q: ent.json.credit_code } })
    assert.ok(!listed.json.items[0].founder_ids.includes(theirs.id), 'nor in the list')
    // The county edits its entity: the founder it cannot see stays.
    const edit = await linzhou.request('PUT', `/market-entities/${ent.json.id}`, {
      body: { name: ent.json.name, entity_type: 'enterprise', region_code: '410581001', registered_date: '2021-02-01', jobs: 5, founder_id_numbers: [ours.id_number] },
    })
    assert.equal(edit.status, 200, edit.text)
    const all = await admin.get(`/market-entities/${ent.json.id}`)
    assert.deepEqual(all.json.founders.map((p) => p.id).sort(), [ours.id, theirs.id].sort())
    assert.equal(all.json.founders_outside_scope, 0)
    // And 汤阴 sees its person, not 林州's entity.
    const person = await tangyin.get(`/entrepreneurs/${theirs.id}`)
    assert.equal(person.json.entities.length, 0)
    assert.equal(person.json.entities_outside_scope, 1)
  })

  test('an import row of a person or entity registered elsewhere is reported at its own line', async () => {
    const theirs = await register(tangyin, '410523100', '汤阴某人')
    const ok1 = idNumber('410581')
    const csv = `身份证号,姓名,区划代码,人员类别,创业日期\n${ok1},林州甲,410581001,农民工,2021-04-01\n${theirs.id_number},改登记,410581001,农民工,2021-04-01\n`
    const res = await upload(linzhou, 'entrepreneurs', csv)
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(res.json.errors.map((e) => [e.line, e.column]), [[3, 'id_number']])
    assert.match(res.json.errors[0].message, /已在其他区划登记/)
    assert.equal(res.json.rejected, 1)
    assert.match(res.json.rejects_csv, /改登记/)

    const founder = await register(tangyin, '410523100', '汤阴法人')
    const code = creditCode('410523')
    assert.equal((await tangyin.post('/market-entities', {
      credit_code: code, name: '汤阴某厂', entity_type: 'enterprise', region_code: '410523100', registered_date: '2021-02-01', jobs: 1,
      founder_id_numbers: [founder.id_number],
    })).status, 201)
    const mine = await register(linzhou, '410581001', '林州法人')
    const ecsv = `统一社会信用代码,名称,主体类型,区划代码,登记日期,创办人身份证号,带动就业人数\n${creditCode()},林州某厂,企业,410581001,2021-03-01,${mine.id_number},2\n${code},冒名某厂,企业,410581001,2021-03-01,${mine.id_number},2\n`
    const eres = await upload(linzhou, 'market_entities', ecsv)
    assert.equal(eres.status, 422, eres.text)
    assert.deepEqual(eres.json.errors.map((e) => [e.line, e.column]), [[3, 'credit_code']])
    assert.match(eres.json.errors[0].message, /已在其他区划登记/)
  })
})
