// The authorisation matrix: every route of the binary's route table × every role × a target inside
// and one outside the caller's region, against the answers written down once in
// authz-matrix.expect.mjs (read its header for the format and how to add a route).
//
// The route table comes from the binary (`fenggui routes --format json`): FG_ROUTES_JSON names a
// file holding it, else FG_BINARY (default build/fenggui) is run. scripts/test sets FG_BINARY.
//
// Fixtures are made through the API: for 林州市 410581 (`in`) and 汤阴县 410523 (`out`) each, people,
// an entity, an activity, a training class, an account, a loan application waiting for the guarantee
// fund, a disbursed loan, a subsidy claim, and competition entries (one contest open for
// registration, one in scoring with the matrix expert assigned to the 林州 entry).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'

import { Client, adminClient, createUser, idNumber, rnd } from './client.mjs'
import { EXPECT, ROLES } from './authz-matrix.expect.mjs'

// ---- the route table, read from the binary at load time so that one test is made per route
function loadRoutes() {
  if (process.env.FG_ROUTES_JSON) return JSON.parse(readFileSync(process.env.FG_ROUTES_JSON, 'utf8'))
  const bin = process.env.FG_BINARY || fileURLToPath(new URL('../../build/fenggui', import.meta.url))
  return JSON.parse(execFileSync(bin, ['routes', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 24 }))
}
const ROUTES = loadRoutes()
// The permission table (src/auth/permissions.h), from the same binary: `fenggui permissions`.
function loadPermissions() {
  if (process.env.FG_PERMISSIONS_JSON) return JSON.parse(readFileSync(process.env.FG_PERMISSIONS_JSON, 'utf8'))
  const bin = process.env.FG_BINARY || fileURLToPath(new URL('../../build/fenggui', import.meta.url))
  return JSON.parse(execFileSync(bin, ['permissions', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 24 }))
}
const PERMISSIONS = loadPermissions()
// Permissions that open a page of the menu without guarding a route of their own.
const MENU_ONLY = ['regions.browse', 'competitions.browse']
// Permissions a module checks on one step inside a route that another permission guards: the
// route, and the request that asks for that step (on the `in` fixtures).
const STEPS = {
  'loans.import': { route: 'POST /api/v1/imports/{kind}', req: () => ({ params: { kind: 'loans' }, raw: Buffer.alloc(0) }) },
  // Payment is asked of a submitted claim (a draft answers "illegal transition" first).
  'loans.claims_pay': {
    route: 'POST /api/v1/subsidy-claims/{id}/actions',
    setup: async (t) => ok(await clients.county_officer.post(`/subsidy-claims/${t.claim}/actions`, { action: 'submit' }), 'submit the claim'),
    req: (t) => ({ params: { id: t.claim }, body: { action: 'mark_paid' } }),
  },
}
// The matrix's `fund` account is a bank account (org_kind guarantee_fund).
const baseRole = (role) => (role === 'fund' ? 'bank' : role)
const keyOf = (r) => `${r.method} ${r.pattern}`

// ---- helpers for fixtures
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
const today = day(0)
const quarter = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCode(county) {
  let body = `92${county}MA`
  while (body.length < 17) body += CC[Math.floor(Math.random() * 10)]
  const c = 31 - ([...body].reduce((s, ch, i) => s + CC.indexOf(ch) * CW[i], 0) % 31)
  return body + CC[c === 31 ? 0 : c]
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

async function ok(res, what, status = [200, 201]) {
  const want = Array.isArray(status) ? status : [status]
  assert.ok(want.includes(res.status), `fixture ${what}: ${res.status} ${res.text.slice(0, 400)}`)
  return res.json
}

const SIDES = {
  in: { county: '410581', township: '410581001' },
  out: { county: '410523', township: '410523100' },
}
// Where each matrix account sits (client.mjs defaultRegionFor); `fund` is a bank of org_kind guarantee_fund.
const ACCOUNT = {
  city_admin: { role: 'city_admin', region_code: '410500' },
  county_officer: { role: 'county_officer', region_code: '410581' },
  township_staff: { role: 'township_staff', region_code: '410581001' },
  expert: { role: 'expert', region_code: '410581' },
  mentor: { role: 'mentor', region_code: '410581' },
  bank: { role: 'bank', region_code: '410581', org_kind: 'bank', org_name: '林州农商银行' },
  fund: { role: 'bank', region_code: '410581', org_kind: 'guarantee_fund', org_name: '安阳市创业贷款担保中心' },
  entrepreneur: { role: 'entrepreneur', region_code: '410581' },
  auditor: { role: 'auditor', region_code: '410500' },
}

let admin
const poolExperts = [] // accounts this test put in the one expert pool of all contests
const clients = {} // role → logged-in Client
const accounts = {} // role → {username, password, user}
const T = { in: null, out: null } // the targets

async function register(county, township, name) {
  for (;;) {
    const id = idNumber(county, { from: 1980, years: 15 })
    const res = await admin.post('/entrepreneurs', {
      id_number: id, name, phone: '13812345678', category: 'migrant_worker', region_code: township, start_date: '2021-03-01',
    })
    if (res.status === 409) continue
    const p = await ok(res, `person ${name}`)
    return { id: p.id, id_number: id }
  }
}

function entityBody(township, founders) {
  return {
    credit_code: creditCode(township.slice(0, 6)), name: `矩阵测试企业${rnd(6)}`, entity_type: 'enterprise', region_code: township,
    registered_date: '2021-02-01', jobs: 3, founder_id_numbers: founders,
  }
}
function activityBody(township, person) {
  return { indicator: 'support', id_number: person.id_number, name: '矩阵测试人', region_code: township, date: today, support_kind: 'subsidy' }
}
function applicationBody(person, entityId) {
  return {
    id_number: person.id_number, borrower_type: 'individual', amount_fen: 10000000, term_months: 24, purpose: '购置设备',
    business: '农产品加工', guarantee_mode: 'counter_guarantee', ...(entityId ? { entity_id: entityId } : {}),
  }
}
function entryBody(over = {}) {
  return {
    group_key: 'startup', project: '矩阵测试项目', summary: '简介', team: '甲\n乙', leader_name: '矩阵测试人',
    leader_id_number: idNumber('410581'), phone: '13812345678', entity_name: `矩阵测试厂${rnd(6)}`,
    credit_code: creditCode('410581'), registered_date: day(-400), region_code: SIDES.in.township, ...over,
  }
}
function contestBody() {
  return {
    name: `授权矩阵测试大赛 ${rnd(6)}`, year: Number(today.slice(0, 4)), registration_deadline: day(30), provincial_quota: 1,
    normalise: false,
    groups: [{ key: 'startup', name: '初创组', rule: 'under_years', years: 3, roadshow_slots: 1, prizes: { first: 1, second: 0, third: 0 } }],
    stages: [{ kind: 'online', name: '网络评审', deadline: day(40), experts_per_entry: 1, load_cap: 10,
      criteria: [{ name: '创新性', weight: 100, max_score: 10 }] }],
  }
}

before(async () => {
  admin = await adminClient()
  const helper = async (fields) => {
    const u = await createUser(admin, fields)
    return new Client().loginOk(u.username, u.password)
  }
  // Helpers that walk the fixtures through the workflows (not part of the matrix).
  const h = {
    in: { ts: await helper({ role: 'township_staff', region_code: SIDES.in.township }), co: await helper({ role: 'county_officer', region_code: '410581' }) },
    out: { ts: await helper({ role: 'township_staff', region_code: SIDES.out.township }), co: await helper({ role: 'county_officer', region_code: '410523' }) },
  }
  const fundCity = await helper({ role: 'bank', region_code: '410500', org_kind: 'guarantee_fund', org_name: '安阳市创业贷款担保中心' })
  const bankCity = await helper({ role: 'bank', region_code: '410500', org_kind: 'bank', org_name: '安阳农商银行' })
  const entrantOut = await helper({ role: 'entrepreneur', region_code: '410523' })
  const expertOtherAcc = await createUser(admin, { role: 'expert', region_code: '410500' })
  poolExperts.push(expertOtherAcc.user.id)

  for (const side of ['in', 'out']) {
    const { county, township } = SIDES[side]
    const t = { side, county, township }
    t.personA = await register(county, township, side === 'in' ? '林州甲' : '汤阴甲')
    t.personB = await register(county, township, side === 'in' ? '林州乙' : '汤阴乙')
    T[side] = t
  }
  // The matrix accounts; the entrepreneur is 林州's person A.
  for (const role of ROLES) {
    const fields = { ...ACCOUNT[role] }
    if (role === 'entrepreneur') fields.id_number = T.in.personA.id_number
    const acc = await createUser(admin, fields)
    accounts[role] = acc
    clients[role] = await new Client().loginOk(acc.username, acc.password)
  }

  for (const side of ['in', 'out']) {
    const t = T[side]
    const { ts, co } = h[side]
    t.entity = await ok(await admin.post('/market-entities', entityBody(t.township, [t.personA.id_number])), 'entity')
    t.activity = (await ok(await admin.post('/activities', {
      indicator: 'mentoring', id_number: t.personA.id_number, name: '矩阵测试人', region_code: t.township, date: today, mentor: '王老师', topic: '财务',
    }), 'activity')).id
    t.class = (await ok(await admin.post('/training-classes', {
      name: '矩阵测试培训班', mode: '课堂培训+创业实训', region_code: t.township, start_date: day(-10), end_date: day(-1), hours: 16,
    }), 'class')).id
    await ok(await admin.post(`/training-classes/${t.class}/trainees`, { id_number: t.personB.id_number }), 'trainee')
    t.user = (await createUser(admin, { role: 'township_staff', region_code: t.township })).user.id

    // Application of person A, waiting for the guarantee fund (so bank and fund see it), with an attachment.
    const app = await ok(await ts.post('/loan-applications', applicationBody(t.personA)), 'application A')
    t.application = app.id
    t.attachment = (await ok(await ts.request('POST', `/loan-applications/${app.id}/attachments`, {
      raw: PDF, query: { filename: '材料.pdf' }, headers: { 'Content-Type': 'application/pdf' },
    }), 'attachment')).id
    await ok(await ts.post(`/loan-applications/${app.id}/actions`, { action: 'township_check' }), 'township_check A')
    await ok(await co.post(`/loan-applications/${app.id}/actions`, { action: 'county_approve' }), 'county_approve A')
    // A ledger loan of person A.
    const loanNo = `MX${rnd(10)}`
    const csv = `loan_no,id_number,name,region_code,borrower_type,amount_yuan,disbursed_date,term_months\n${loanNo},${t.personA.id_number},矩阵测试人,${t.township},individual,50000,2021-06-01,24\n`
    await ok(await admin.request('POST', '/imports/loans', { raw: Buffer.from(csv), headers: { 'Content-Type': 'text/csv' }, query: { filename: 'loans.csv' } }), 'loan import')
    t.loan = (await ok(await admin.get('/loans', { query: { q: loanNo } }), 'loan lookup')).items[0].id
    // Person B's application to disbursement, a repayment and the county's subsidy claim.
    const appB = await ok(await ts.post('/loan-applications', applicationBody(t.personB)), 'application B')
    await ok(await ts.post(`/loan-applications/${appB.id}/actions`, { action: 'township_check' }), 'township_check B')
    await ok(await co.post(`/loan-applications/${appB.id}/actions`, { action: 'county_approve' }), 'county_approve B')
    await ok(await fundCity.post(`/loan-applications/${appB.id}/actions`, { action: 'guarantee' }), 'guarantee B')
    await ok(await bankCity.post(`/loan-applications/${appB.id}/actions`, { action: 'bank_approve', rate_bp: 435, repayment_method: 'equal_principal' }), 'bank_approve B')
    const paid = await ok(await bankCity.post(`/loan-applications/${appB.id}/actions`, { action: 'disburse', disbursed_date: today }), 'disburse B')
    await ok(await bankCity.post(`/loans/${paid.loan_id}/repayments`, { paid_date: today, principal_fen: 100000, interest_fen: 36250, ref: `MX-${rnd(8)}` }), 'repayment B')
    t.claim = (await ok(await co.post('/subsidy-claims', { quarter, region_code: t.county }), 'claim')).id
  }
  // An entity of 汤阴 founded by 林州's person A (the loan check's entity reference).
  T.in.entityOfInPerson = T.in.entity.id
  T.out.entityOfInPerson = (await ok(await admin.post('/market-entities', entityBody(T.out.township, [T.in.personA.id_number])), 'cross entity')).id

  // Contest R: open for registration. Contest S: in scoring, the matrix expert assigned to 林州's entry.
  const entrant = { in: clients.entrepreneur, out: entrantOut }
  const contestR = (await ok(await admin.post('/competitions', contestBody()), 'contest R')).id
  const contestS = (await ok(await admin.post('/competitions', contestBody()), 'contest S')).id
  for (const k of [contestR, contestS]) await ok(await admin.post(`/competitions/${k}/phase`, { phase: 'registration' }), 'registration')
  for (const side of ['in', 'out']) {
    const t = T[side]
    const body = () => entryBody({ region_code: t.township, leader_id_number: idNumber(t.county), credit_code: creditCode(t.county) })
    const upload = (entry) => entrant[side].request('POST', `/competition-entries/${entry}/files`, {
      raw: PDF, headers: { 'Content-Type': 'application/octet-stream' }, query: { kind: 'plan', filename: '计划书.pdf' },
    })
    t.entryR = (await ok(await entrant[side].post(`/competitions/${contestR}/entries`, body()), 'entry R')).id
    t.fileR = (await ok(await upload(t.entryR), 'file R')).id
    t.entryS = (await ok(await entrant[side].post(`/competitions/${contestS}/entries`, body()), 'entry S')).id
    t.fileS = (await ok(await upload(t.entryS), 'file S')).id
    await ok(await h[side].co.post(`/competition-entries/${t.entryS}/review`, { decision: 'pass' }), 'review S')
    t.contestR = contestR
    t.contestS = contestS
  }
  await ok(await admin.post(`/competitions/${contestS}/phase`, { phase: 'review' }), 'review phase')
  const experts = { in: accounts.expert.user.id, out: expertOtherAcc.user.id }
  poolExperts.push(accounts.expert.user.id)
  for (const side of ['in', 'out']) {
    // A county of neither entry, so no conflict of interest keeps the expert off either.
    await ok(await admin.request('PUT', `/competition-experts/${experts[side]}`, {
      body: { specialty: '农业', affiliation: '安阳职业技术学院', county_code: '410502' },
    }), 'expert pool')
    T[side].assignment = (await ok(await admin.post(`/competitions/${contestS}/assignments`, {
      stage: 'online', entry_id: T[side].entryS, expert_user_id: experts[side],
    }), 'assignment')).id
    T[side].expertUser = accounts.expert.user.id
  }
  await ok(await admin.post(`/competitions/${contestS}/phase`, { phase: 'scoring' }), 'scoring phase')
  const policies = await ok(await admin.get('/policies'), 'policies')
  for (const side of ['in', 'out']) {
    Object.assign(T[side], {
      policy: policies.items[0].id,
      in: T.in,
      nonce: () => rnd(10),
      entityBody, activityBody, applicationBody, entryBody,
    })
  }
  started = Date.now()
})

// The expert pool serves every contest: the matrix's experts leave it (a disabled account is out
// of the pool) so that other suites' automatic assignments do not count them.
after(async () => {
  for (const id of poolExperts) await admin.patch(`/users/${id}`, { disabled: true })
})

// ---- the matrix
const WIDE = ['city_admin', 'auditor'] // city-wide accounts: 汤阴 is inside their region too
let requests = 0
let started = 0

function variantsOf(e) {
  if (!e.variants) return [{ name: '', ...e }]
  return e.variants.map((v) => ({ ...e, variants: undefined, ...v }))
}
function denyFor(e, role) {
  if (typeof e.deny === 'number') return e.deny
  return (e.deny && e.deny[role]) || 403
}
function expected(e, role, side) {
  if (e.public) return 'allowed'
  if (!e.roles.includes(role)) return 'denied'
  if (e.scope !== 'region' || side === 'in') return 'allowed'
  return (e.wide || WIDE).includes(role) ? 'allowed' : 'denied'
}
function build(route, e, t) {
  const r = e.req ? e.req(t) : {}
  const path = route.pattern.replace(/\{(\w+)\}/g, (_, name) => {
    assert.ok(r.params && r.params[name] !== undefined, `${keyOf(route)}: the expectation gives no value for {${name}}`)
    return encodeURIComponent(String(r.params[name]))
  })
  return { path: path.replace(/^\/api\/v1/, ''), opts: { body: r.body, raw: r.raw, query: r.query, headers: r.headers || {} } }
}
async function call(route, e, client, t) {
  const { path, opts } = build(route, e, t)
  requests++
  return client.request(route.method, path, opts)
}
function judge(e, role, want, res) {
  if (res.status === 500) return `500 ${res.text.slice(0, 200)}`
  if (e.public && e.status !== undefined) return res.status === e.status ? null : `expected ${e.status}, got ${res.status}`
  const deny = role ? denyFor(e, role) : 403
  if (want === 'allowed') {
    if (res.status === 401 || res.status === 403 || (res.status === deny && deny !== 403)) {
      return `allowed, got ${res.status} ${res.text.slice(0, 160)}`
    }
    return null
  }
  return res.status === deny ? null : `expected ${deny}, got ${res.status} ${res.text.slice(0, 160)}`
}

describe('authorisation matrix', () => {
  test('the route table and the expectations name the same routes', () => {
    const keys = new Set(ROUTES.map(keyOf))
    const missing = [...keys].filter((k) => !(k in EXPECT))
    const stale = Object.keys(EXPECT).filter((k) => !keys.has(k))
    assert.deepEqual(missing, [], `routes without an expectation (add them to authz-matrix.expect.mjs): ${missing.join(', ')}`)
    assert.deepEqual(stale, [], `expectations for routes that no longer exist: ${stale.join(', ')}`)
    for (const r of ROUTES) {
      const e = EXPECT[keyOf(r)]
      if (!e) continue
      assert.equal(!!e.public, r.access === 'public', `${keyOf(r)}: the table says ${r.access}`)
      for (const v of variantsOf(e)) {
        if (v.public) continue
        assert.ok(Array.isArray(v.roles) && v.roles.every((x) => ROLES.includes(x)), `${keyOf(r)} ${v.name}: roles`)
        assert.ok(['region', 'none'].includes(v.scope), `${keyOf(r)} ${v.name}: scope`)
      }
    }
  })

  for (const route of ROUTES) {
    const e = EXPECT[keyOf(route)]
    if (!e) continue
    test(keyOf(route), async () => {
      const wrong = []
      for (const v of variantsOf(e)) {
        const label = v.name ? ` [${v.name}]` : ''
        // Without a session: 401 on every route that is not public.
        const anon = await call(route, v, new Client(), T.in)
        const anonWant = v.public ? 'allowed' : null
        const anonBad = anonWant ? judge(v, null, 'allowed', anon) : anon.status === 401 ? null : `expected 401, got ${anon.status}`
        if (anonBad) wrong.push(`anonymous${label}: ${anonBad}`)
        for (const role of ROLES) {
          for (const side of v.scope === 'region' ? ['in', 'out'] : ['in']) {
            let client = clients[role]
            if (v.session === 'fresh') client = await new Client().loginOk(accounts[role].username, accounts[role].password)
            const want = expected(v, role, side)
            const res = await call(route, v, client, T[side])
            const bad = judge(v, role, want, res)
            if (bad) wrong.push(`${role}/${v.scope === 'region' ? side : '-'}${label}: ${bad}`)
          }
        }
      }
      assert.deepEqual(wrong, [], `${keyOf(route)}:\n  ${wrong.join('\n  ')}`)
    })
  }

  // The permission table walked against the live API (issue 12, point 3): every route names a
  // permission whose roles are exactly the route's; each account's GET /me lists exactly its
  // role's permissions; and on every route of a permission, a role without it gets 403 from the
  // router before anything else, a role with it (where the route's own rule admits it) gets in.
  test('the permission table: each account holds exactly the permissions of its role', async () => {
    const wrong = []
    for (const role of ROLES) {
      const me = await clients[role].get('/me')
      const want = PERMISSIONS.filter((p) => p.roles.includes(baseRole(role))).map((p) => p.key)
      if (JSON.stringify(me.json.permissions) !== JSON.stringify(want)) wrong.push(`${role}: ${JSON.stringify(me.json.permissions)}`)
    }
    assert.deepEqual(wrong, [])
  })
  for (const perm of PERMISSIONS) {
    test(`permission ${perm.key}`, async () => {
      const routes = ROUTES.filter((r) => r.permission === perm.key)
      if (MENU_ONLY.includes(perm.key)) {
        assert.equal(routes.length, 0, `${perm.key} guards routes: take it off MENU_ONLY`)
        return
      }
      const wrong = []
      const holdsIt = (role) => perm.roles.includes(baseRole(role))
      // A role with the permission gets past every check of it: anything but 401, 403 or 500
      // (a fixture an earlier test consumed may be gone: 404 is fine here).
      const admitted = (res) => (res.status === 401 || res.status === 403 || res.status === 500 ? `got ${res.status} ${res.text.slice(0, 160)}` : null)
      if (STEPS[perm.key]) {
        const step = STEPS[perm.key]
        const route = ROUTES.find((r) => keyOf(r) === step.route)
        assert.ok(route, `${perm.key}: no route ${step.route}`)
        if (step.setup) await step.setup(T.in)
        // Those without it first: a holder's call may use the step up (a claim paid is paid).
        for (const role of [...ROLES].sort((a, b) => holdsIt(a) - holdsIt(b))) {
          if (!route.roles.includes(baseRole(role))) continue // refused by the route's own permission
          const res = await call(route, { req: step.req }, clients[role], T.in)
          const bad = holdsIt(role) ? admitted(res) : res.status === 403 ? null : `expected 403, got ${res.status} ${res.text.slice(0, 160)}`
          if (bad) wrong.push(`${step.route} ${role}: ${bad}`)
        }
        assert.deepEqual(wrong, [], `${perm.key}:\n  ${wrong.join('\n  ')}`)
        return
      }
      assert.ok(routes.length > 0, `${perm.key} guards no route`)
      for (const route of routes) {
        assert.deepEqual(route.roles, perm.roles, `${keyOf(route)}: the router's roles differ from the table's`)
        for (const v of variantsOf(EXPECT[keyOf(route)])) {
          for (const role of ROLES) {
            const holds = holdsIt(role)
            if (holds && !v.roles.includes(role)) continue // narrowed by the module's own rule (bank vs fund)
            const res = await call(route, v, clients[role], T.in)
            const bad = holds ? admitted(res) : res.status === 403 ? null : `expected 403, got ${res.status}`
            if (bad) wrong.push(`${keyOf(route)} ${role}: ${bad}`)
          }
        }
      }
      assert.deepEqual(wrong, [], `${perm.key}:\n  ${wrong.join('\n  ')}`)
    })
  }

  test('size and time of the matrix', (t) => {
    t.diagnostic(`authz matrix: ${ROUTES.length} routes, ${requests} requests, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    assert.ok(requests > ROUTES.length * ROLES.length)
  })
})
