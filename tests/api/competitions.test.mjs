// Entrepreneurship competitions (创业大赛) over HTTP (docs/api.md § Competitions), walked as the
// 2021 “凤归中原” contest: the city sets up the contest, an entrepreneur registers and uploads, the
// county returns then passes, experts are assigned (a conflict of interest blocks), score without
// seeing each other, the aggregation is checked by hand, roadshow, awards, publication, exports.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { Client, adminClient, assertError, userClient, xlsxText } from './client.mjs'

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const M = '10X98765432'
/** A valid GB 11643 number for a county, random birth date and serial. */
function idNumber(county = '410581') {
  const y = 1960 + Math.floor(Math.random() * 40)
  const m = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')
  const d = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')
  const body = `${county}${y}${m}${d}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`
  const sum = [...body].reduce((s, c, i) => s + Number(c) * W[i], 0)
  return body + M[sum % 11]
}
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCode(prefix = '92410581MA') {
  let body = prefix
  while (body.length < 17) body += CC[Math.floor(Math.random() * 10)]
  const c = 31 - ([...body].reduce((s, ch, i) => s + CC.indexOf(ch) * CW[i], 0) % 31)
  return body + CC[c === 31 ? 0 : c]
}
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

export function contestBody(overrides = {}) {
  return {
    name: `凤归中原返乡创业大赛安阳初赛 ${Math.random().toString(36).slice(2, 6)}`,
    year: Number(day(0).slice(0, 4)),
    registration_deadline: day(30),
    provincial_quota: 2,
    normalise: false,
    groups: [
      { key: 'startup', name: '初创组', rule: 'under_years', years: 3, roadshow_slots: 1, prizes: { first: 1, second: 0, third: 0 } },
      { key: 'growth', name: '成长组', rule: 'min_years', years: 3, roadshow_slots: 1, prizes: { first: 1, second: 0, third: 0 } },
      { key: 'rural', name: '乡村振兴组', rule: 'township', roadshow_slots: 1, prizes: { first: 1, second: 0, third: 0 } },
    ],
    stages: [
      { kind: 'online', name: '网络评审', deadline: day(40), experts_per_entry: 3, load_cap: 10,
        criteria: [{ name: '创新性', weight: 60, max_score: 10 }, { name: '市场前景', weight: 40, max_score: 10 }] },
      { kind: 'roadshow', name: '项目路演', deadline: day(50), experts_per_entry: 1, load_cap: 10,
        criteria: [{ name: '路演表现', weight: 100, max_score: 100 }] },
    ],
    ...overrides,
  }
}

function entryBody(fields = {}) {
  return {
    group_key: 'startup',
    project: '红旗渠小米深加工',
    summary: '以林州小米为原料的深加工项目',
    team: '王建国\n李秀英',
    leader_name: '王建国',
    leader_id_number: idNumber('410581'),
    phone: '13812345678',
    entity_name: `林州市建国食品厂${Math.random().toString(36).slice(2, 6)}`,
    credit_code: creditCode(),
    registered_date: day(-400),
    region_code: '410581107',
    ...fields,
  }
}

let admin, linzhou, tangyin, owner, stranger, auditor, exA, exB, exC, exX, exY
let contest, startup, growth
const upload = (client, entryId, bytes, filename, kind = 'plan') =>
  client.request('POST', `/competition-entries/${entryId}/files`, {
    raw: bytes,
    headers: { 'Content-Type': 'application/octet-stream' },
    query: { kind, filename },
  })

before(async () => {
  admin = await adminClient()
  linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
  tangyin = await userClient(admin, { role: 'county_officer', region_code: '410523' })
  owner = await userClient(admin, { role: 'entrepreneur', region_code: '410581' })
  stranger = await userClient(admin, { role: 'entrepreneur', region_code: '410581' })
  auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
  exA = await userClient(admin, { role: 'expert', region_code: '410500' })
  exB = await userClient(admin, { role: 'expert', region_code: '410500' })
  exC = await userClient(admin, { role: 'expert', region_code: '410500' })
  exX = await userClient(admin, { role: 'expert', region_code: '410500' })
  exY = await userClient(admin, { role: 'expert', region_code: '410500' })
})

describe('a contest walked through in every role', () => {
  test('the city sets up the contest; other roles may not; the rubric weights must sum to 100', async () => {
    assertError(await owner.post('/competitions', contestBody()), 403, 'forbidden')
    assertError(await new Client().get('/competitions'), 401)
    const bad = contestBody()
    bad.stages[0].criteria[1].weight = 30
    assertError(await admin.post('/competitions', bad), 422, 'invalid_field', 'stages')
    const res = await admin.post('/competitions', contestBody())
    assert.equal(res.status, 201, res.text)
    contest = res.json
    assert.equal(contest.phase, 'setup')
    assert.deepEqual(contest.groups.map((g) => g.name), ['初创组', '成长组', '乡村振兴组'])
    assert.equal(contest.stages[0].criteria.length, 2)
    assertError(await owner.post(`/competitions/${contest.id}/entries`, entryBody()), 409, 'registration_closed')
    const open = await admin.post(`/competitions/${contest.id}/phase`, { phase: 'registration' })
    assert.equal(open.status, 200, open.text)
    assert.equal(open.json.phase, 'registration')
    const list = await owner.get('/competitions')
    assert.ok(list.json.items.some((k) => k.id === contest.id))
  })

  test('the entrepreneur registers: the group is checked against its rule, the region against the account', async () => {
    const wrong = await owner.post(`/competitions/${contest.id}/entries`, entryBody({ group_key: 'growth' }))
    const err = assertError(wrong, 422, 'invalid_field', 'group_key')
    assert.match(err.message, /成长组/)
    assertError(await owner.post(`/competitions/${contest.id}/entries`, entryBody({ group_key: 'rural', region_code: '410581' })), 422, 'invalid_field', 'group_key')
    assertError(await owner.post(`/competitions/${contest.id}/entries`, entryBody({ leader_id_number: '410581198501011234' })), 422, undefined, 'leader_id_number')
    assertError(await owner.post(`/competitions/${contest.id}/entries`, entryBody({ region_code: '410523100' })), 403)
    assertError(await linzhou.post(`/competitions/${contest.id}/entries`, entryBody()), 403, 'forbidden')
    const a = await owner.post(`/competitions/${contest.id}/entries`, entryBody())
    assert.equal(a.status, 201, a.text)
    startup = a.json
    assert.equal(startup.status, 'submitted')
    assert.match(startup.leader_id_number, /\*{10}/)
    const b = await owner.post(`/competitions/${contest.id}/entries`, entryBody({ group_key: 'growth', project: '太行山核桃种植', entity_name: `林州市太行核桃专业合作社${Math.random().toString(36).slice(2, 6)}`, registered_date: '2015-03-01' }))
    assert.equal(b.status, 201, b.text)
    growth = b.json
    assertError(await owner.post(`/competitions/${contest.id}/entries`, entryBody({ credit_code: startup.credit_code })), 409, 'duplicate_entry', 'credit_code')
    const mine = await owner.get(`/competitions/${contest.id}/entries`)
    assert.equal(mine.json.total, 2)
    assert.equal((await stranger.get(`/competitions/${contest.id}/entries`)).json.total, 0)
    assertError(await stranger.get(`/competition-entries/${startup.id}`), 404)
  })

  test('attachments: PDF and images by their magic bytes only, stored and served back', async () => {
    const ok = await upload(owner, startup.id, PDF, '商业计划书.pdf')
    assert.equal(ok.status, 201, ok.text)
    assert.equal(ok.json.content_type, 'application/pdf')
    assertError(await upload(owner, startup.id, Buffer.from('MZ\x90\x00\x03 program'), 'setup.exe'), 422, 'file_type', 'file')
    assertError(await upload(owner, startup.id, Buffer.from('MZ\x90\x00\x03 program'), 'plan.pdf'), 422, 'file_type', 'file')
    assertError(await upload(owner, startup.id, PDF, 'plan.exe'), 422, 'file_type', 'file')
    assertError(await upload(stranger, startup.id, PDF, 'plan.pdf'), 404)
    const back = await owner.get(`/competition-entries/${startup.id}/files/${ok.json.id}`)
    assert.equal(back.status, 200)
    assert.equal(back.headers.get('content-type'), 'application/pdf')
    assert.deepEqual(back.bytes, PDF)
    const detail = await linzhou.get(`/competition-entries/${startup.id}`)
    assert.equal(detail.json.files.length, 1)
    assertError(await stranger.get(`/competition-entries/${startup.id}/files/${ok.json.id}`), 404)
  })

  test('the county returns with a reason, the entrepreneur fixes, the county passes; another county may not', async () => {
    assertError(await tangyin.post(`/competition-entries/${startup.id}/review`, { decision: 'pass' }), 403)
    assert.equal((await tangyin.get(`/competitions/${contest.id}/entries`)).json.total, 0)
    assertError(await tangyin.get(`/competition-entries/${startup.id}`), 403)
    assertError(await linzhou.post(`/competition-entries/${startup.id}/review`, { decision: 'return' }), 422, 'invalid_field', 'reason')
    const ret = await linzhou.post(`/competition-entries/${startup.id}/review`, { decision: 'return', reason: '商业计划书缺少财务预测' })
    assert.equal(ret.status, 200, ret.text)
    assert.equal(ret.json.status, 'returned')
    const queue = await linzhou.get(`/competitions/${contest.id}/entries`, { query: { status: 'returned' } })
    assert.equal(queue.json.total, 1)
    const fix = await owner.request('PUT', `/competition-entries/${startup.id}`, { body: entryBody({ credit_code: startup.credit_code, entity_name: startup.entity_name, summary: '补充了财务预测' }) })
    assert.equal(fix.status, 200, fix.text)
    assert.equal(fix.json.status, 'submitted')
    for (const e of [startup, growth]) {
      const pass = await linzhou.post(`/competition-entries/${e.id}/review`, { decision: 'pass' })
      assert.equal(pass.status, 200, pass.text)
      assert.equal(pass.json.status, 'passed')
    }
    assert.equal((await admin.post(`/competitions/${contest.id}/phase`, { phase: 'review' })).status, 200)
    assertError(await owner.request('PUT', `/competition-entries/${startup.id}`, { body: entryBody({ credit_code: startup.credit_code }) }), 409, 'registration_closed')
    assertError(await upload(owner, startup.id, PDF, 'late.pdf'), 409, 'registration_closed')
  })

  test('the expert pool; a conflict of interest blocks an assignment; automatic assignment avoids it', async () => {
    const pool = [
      [exA, '410502'], [exB, '410503'], [exC, '410505'],
      [exX, '410581'], // of 林州, the entries' county
      [exY, '410506'],
    ]
    for (const [c, county] of pool) {
      const res = await admin.request('PUT', `/competition-experts/${c.account.user.id}`, { body: { specialty: '现代农业', affiliation: '安阳工学院', county_code: county } })
      assert.equal(res.status, 200, res.text)
    }
    assertError(await admin.request('PUT', `/competition-experts/${owner.account.user.id}`, { body: { specialty: '农业', affiliation: '某单位' } }), 422, 'invalid_field', 'user_id')
    // Expert Y declares a relation with the growth entry's entity.
    const decl = await exY.request('PUT', '/competition-experts/me/relations', { body: { relations: [growth.entity_name] } })
    assert.equal(decl.status, 200, decl.text)
    assertError(await exA.request('PUT', `/competition-experts/${exA.account.user.id}`, { body: { specialty: 'x', affiliation: 'y' } }), 403)
    const blocked = await admin.post(`/competitions/${contest.id}/assignments`, { stage: 'online', entry_id: startup.id, expert_user_id: exX.account.user.id })
    assertError(blocked, 422, 'conflict_of_interest', 'expert_user_id')
    assertError(await admin.post(`/competitions/${contest.id}/assignments`, { stage: 'online', entry_id: growth.id, expert_user_id: exY.account.user.id }), 422, 'conflict_of_interest')
    const auto = await admin.post(`/competitions/${contest.id}/assignments/auto`, { stage: 'online' })
    assert.equal(auto.status, 200, auto.text)
    assert.equal(auto.json.created, 6)
    assert.deepEqual(auto.json.short_entries, [])
    const list = await admin.get(`/competitions/${contest.id}/assignments`, { query: { stage: 'online' } })
    assert.equal(list.json.total, 6)
    assert.ok(!list.json.items.some((a) => a.expert_user_id === exX.account.user.id), 'the 林州 expert is never assigned')
    assert.ok(!list.json.items.some((a) => a.expert_user_id === exY.account.user.id && a.entry_id === growth.id), 'the related expert is never assigned')
    assertError(await exA.get(`/competitions/${contest.id}/assignments`), 403)
    assert.equal((await admin.post(`/competitions/${contest.id}/phase`, { phase: 'scoring' })).status, 200)
  })

  test('experts see only their own assignments and scores; scores are range-checked and audited', async () => {
    const scoresOf = {} // expert → assignments
    for (const c of [exA, exB, exC, exY]) {
      const res = await c.get('/my/competition-assignments')
      assert.equal(res.status, 200, res.text)
      scoresOf[c.account.username] = res.json.items.filter((i) => i.competition.id === contest.id)
    }
    const total = Object.values(scoresOf).reduce((s, l) => s + l.length, 0)
    assert.equal(total, 6)
    const [first] = Object.values(scoresOf).filter((l) => l.length)[0]
    const ownerName = Object.keys(scoresOf).find((k) => scoresOf[k].includes(first))
    const otherClient = [exA, exB, exC, exY].find((c) => c.account.username !== ownerName)
    // Another expert's assignment does not exist for them: neither to read nor to score.
    assertError(await otherClient.get(`/my/competition-assignments/${first.id}`), 404)
    const crit = first.stage.criteria
    assertError(await otherClient.request('PUT', `/my/competition-assignments/${first.id}/scores`, { body: { scores: [{ criterion_id: crit[0].id, score: 5 }] } }), 404)
    assertError(await owner.get('/my/competition-assignments'), 403)
    // Experts never see the entrant's ID number.
    assert.ok(!('leader_id_number' in first.entry))

    // Hand-made scores. Startup: 8/8 → 80, 9/9 → 90, 7/7 → 70 (mean 80.00).
    // Growth: 6/6 → 60, 5/7 → 58, 5/5 → 50 (mean 56.00). Total = 60% × s1/10 + 40% × s2/10.
    const sheet = { [startup.id]: [[8, 8], [9, 9], [7, 7]], [growth.id]: [[6, 6], [5, 7], [5, 5]] }
    const used = { [startup.id]: 0, [growth.id]: 0 }
    for (const c of [exA, exB, exC, exY]) {
      for (const a of scoresOf[c.account.username]) {
        const [s1, s2] = sheet[a.entry.id][used[a.entry.id]++]
        assertError(await c.request('PUT', `/my/competition-assignments/${a.id}/scores`, { body: { scores: [{ criterion_id: a.stage.criteria[0].id, score: 11 }] } }), 422, 'invalid_field', 'score')
        const res = await c.request('PUT', `/my/competition-assignments/${a.id}/scores`, {
          body: { scores: [{ criterion_id: a.stage.criteria[0].id, score: s1, comment: '创新点清楚' }, { criterion_id: a.stage.criteria[1].id, score: s2 }] },
        })
        assert.equal(res.status, 200, res.text)
        assert.equal(res.json.complete, true)
        assert.equal(res.json.scores.length, 2)
      }
    }
    // A change of score is on the record with before and after.
    const mineA = scoresOf[exA.account.username][0]
    const again = mineA.entry.id === startup.id ? 8 : 6
    await exA.request('PUT', `/my/competition-assignments/${mineA.id}/scores`, { body: { scores: [{ criterion_id: mineA.stage.criteria[0].id, score: again - 1 }] } })
    await exA.request('PUT', `/my/competition-assignments/${mineA.id}/scores`, { body: { scores: [{ criterion_id: mineA.stage.criteria[0].id, score: again }] } })
    const log = await admin.get('/audit', { query: { entity: 'competition_assignment', page_size: 200 } })
    assert.equal(log.status, 200, log.text)
    const rescored = log.json.items.filter((i) => i.entity_id === String(mineA.id) && i.action === 'rescore')
    assert.ok(rescored.length >= 2, `rescore entries: ${JSON.stringify(log.json.items.slice(0, 3))}`)
    assert.ok(rescored[0].before && rescored[0].after)
  })

  test('aggregation checked by hand; experts may not see results; the top K per group go to the roadshow', async () => {
    assertError(await exA.get(`/competitions/${contest.id}/results`), 403)
    assertError(await linzhou.get(`/competitions/${contest.id}/results`), 403)
    const res = await auditor.get(`/competitions/${contest.id}/results`, { query: { stage: 'online' } })
    assert.equal(res.status, 200, res.text)
    const row = (id) => res.json.rows.find((r) => r.entry_id === id)
    assert.equal(row(startup.id).score, 80)
    assert.equal(row(growth.id).score, 56)
    assert.deepEqual(row(growth.id).marks.map((m) => m.raw).sort(), [50, 58, 60])
    assert.equal(row(startup.id).rank, 1)
    assert.equal(row(startup.id).selected, true)
    assert.match(res.json.method.zh, /截尾均值/)
    assert.equal(res.json.experts.every((f) => f.flagged === false), true)
    const rs = await admin.post(`/competitions/${contest.id}/roadshow`)
    assert.equal(rs.status, 200, rs.text)
    assert.equal(rs.json.phase, 'roadshow')
    const picked = await admin.get(`/competitions/${contest.id}/entries`, { query: { roadshow: 'true' } })
    assert.equal(picked.json.total, 2)
    assert.equal(picked.json.items.find((e) => e.id === startup.id).online_score, 80)
  })

  test('roadshow scoring, awards per group, the provincial quota', async () => {
    const auto = await admin.post(`/competitions/${contest.id}/assignments/auto`, { stage: 'roadshow' })
    assert.equal(auto.status, 200, auto.text)
    assert.equal(auto.json.created, 2)
    for (const c of [exA, exB, exC, exY]) {
      for (const a of (await c.get('/my/competition-assignments')).json.items) {
        if (a.competition.id !== contest.id || a.stage.kind !== 'roadshow') continue
        assert.equal(a.open, true)
        const res = await c.request('PUT', `/my/competition-assignments/${a.id}/scores`, { body: { scores: [{ criterion_id: a.stage.criteria[0].id, score: a.entry.id === startup.id ? 92 : 88 }] } })
        assert.equal(res.status, 200, res.text)
      }
    }
    assertError(await admin.post(`/competitions/${contest.id}/publish`), 409, 'wrong_phase')
    const aw = await admin.post(`/competitions/${contest.id}/awards`)
    assert.equal(aw.status, 200, aw.text)
    assert.equal(aw.json.phase, 'awarded')
    const e = await admin.get(`/competition-entries/${startup.id}`)
    assert.equal(e.json.prize, 'first')
    assert.equal(e.json.roadshow_score, 92)
    assert.equal(e.json.provincial, true)
  })

  test('publication: the public notice without login, award winners become support records', async () => {
    assertError(await new Client().get(`/public/competitions/${contest.id}`), 404)
    const pub = await admin.post(`/competitions/${contest.id}/publish`)
    assert.equal(pub.status, 200, pub.text)
    assert.equal(pub.json.phase, 'published')
    const open = await new Client().get(`/public/competitions/${contest.id}`)
    assert.equal(open.status, 200, open.text)
    assert.equal(open.json.awards.length, 2)
    assert.deepEqual(open.json.awards.map((a) => a.prize_label), ['一等奖', '一等奖'])
    assert.ok(!JSON.stringify(open.json).includes(startup.credit_code), 'no credit codes in the notice')
    const list = await new Client().get('/public/competitions')
    assert.ok(list.json.items.some((k) => k.id === contest.id))
    const support = await admin.get('/activities', { query: { indicator: 'support', region: '410581', q: '王建国' } })
    assert.ok(support.json.items.some((a) => a.support_kind === 'award' && a.detail.includes('一等奖')), support.text.slice(0, 400))
  })

  test('score sheets and rankings as XLSX, for the city and the auditor only', async () => {
    for (const path of ['scores.xlsx', 'rankings.xlsx']) {
      const res = await admin.get(`/competitions/${contest.id}/${path}`)
      assert.equal(res.status, 200, res.text.slice(0, 200))
      assert.equal(res.headers.get('content-type'), XLSX)
      const text = await xlsxText(res.bytes)
      assert.ok(text.includes('红旗渠小米深加工'), path)
      assert.equal((await auditor.get(`/competitions/${contest.id}/${path}`)).status, 200)
      assertError(await exA.get(`/competitions/${contest.id}/${path}`), 403)
      assertError(await linzhou.get(`/competitions/${contest.id}/${path}`), 403)
    }
  })
})
