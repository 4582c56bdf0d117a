// GET /api/v1/meta (docs/api.md "Meta"): what the modules declare in their descriptors — the
// permission table, the menu, the ledger schemas, the audit codes and the enumerations — for the web app to read
// instead of copying. Named zz- so that it runs last: by then every other file has written its
// entries into the audit log, and each of their codes must be one the modules declare.
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { Client, adminClient } from './client.mjs'

describe('meta', () => {
  let admin
  let meta
  before(async () => {
    admin = await adminClient()
    const res = await admin.get('/meta')
    assert.equal(res.status, 200, res.text)
    meta = res.json
  })

  test('needs a session', async () => {
    assert.equal((await new Client().get('/meta')).status, 401)
  })

  test('ledger kinds of interchange.md with their columns, and their templates', async () => {
    const kinds = meta.ledger_kinds.map((k) => k.kind)
    assert.deepEqual(kinds.sort(), ['activities', 'entrepreneurs', 'loans', 'market_entities', 'targets'])
    for (const k of meta.ledger_kinds) {
      assert.ok(k.columns.length > 0 && k.columns.some((c) => c.required), `${k.kind}: columns`)
      const t = await admin.get(`/imports/${k.kind}/template.xlsx`)
      assert.equal(t.status, 200, `${k.kind} template`)
    }
  })

  test('enumerations of the modules, each a list of codes', async () => {
    const names = Object.keys(meta.enumerations).sort()
    for (const n of ['application_statuses', 'loan_statuses', 'borrower_types', 'guarantee_modes', 'repayment_methods', 'claim_statuses',
      'categories', 'entity_types', 'indicators', 'training_modes', 'phases', 'entry_statuses', 'group_rules', 'prizes', 'roles']) {
      assert.ok(names.includes(n), `enumeration ${n}`)
    }
    for (const [n, codes] of Object.entries(meta.enumerations)) {
      assert.ok(Array.isArray(codes) && codes.length > 0 && codes.every((c) => typeof c === 'string' && c), `${n}: codes`)
      assert.equal(new Set(codes).size, codes.length, `${n}: no duplicates`)
    }
    assert.deepEqual(meta.enumerations.phases, ['setup', 'registration', 'review', 'scoring', 'roadshow', 'awarded', 'published'])
    assert.ok(!meta.enumerations.application_statuses.includes('overdue'))
    assert.ok(meta.enumerations.loan_statuses.includes('overdue'))
    assert.ok(meta.enumerations.roles.includes('city_admin'))
  })

  test('the menu of GET /me is the descriptors\' menu the caller may open, in order', async () => {
    const me = await admin.get('/me')
    const order = new Map(meta.menu.map((m) => [m.module, m.order]))
    for (const m of me.json.modules) assert.ok(order.has(m), `menu entry ${m} is declared`)
    const orders = me.json.modules.map((m) => order.get(m))
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b))
    assert.deepEqual(me.json.permissions, meta.permissions.filter((p) => p.roles.includes('city_admin')).map((p) => p.key))
  })

  test('every action and entity in the audit log is a declared audit code with both labels', async () => {
    const actions = new Set(meta.audit.actions.map((a) => a.code))
    const entities = new Set(meta.audit.entities.map((e) => e.code))
    for (const a of [...meta.audit.actions, ...meta.audit.entities]) assert.ok(a.zh && a.en, `${a.code}: labels`)
    const seen = { actions: new Set(), entities: new Set() }
    for (let page = 1; page <= 100; page++) {
      const res = await admin.get('/audit', { query: { page, page_size: 200 } })
      assert.equal(res.status, 200, res.text)
      for (const e of res.json.items) {
        seen.actions.add(e.action)
        seen.entities.add(e.entity)
      }
      if (page * 200 >= res.json.total) break
    }
    assert.deepEqual([...seen.actions].filter((a) => !actions.has(a)), [], 'undeclared actions')
    assert.deepEqual([...seen.entities].filter((e) => !entities.has(e)), [], 'undeclared entities')
    assert.ok(seen.actions.size >= 10, `the log held ${seen.actions.size} kinds of action`)
  })
})
