// Audit log (docs/api.md "Audit log").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { Client, adminClient, createUser, userClient, assertError, xlsxText, uniqueName } from './client.mjs'

function shiftDay(ymd, days) {
  const d = new Date(`${ymd}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

describe('audit', () => {
  let admin
  let u
  let ghost
  before(async () => {
    admin = await adminClient()
    u = await createUser(admin, { role: 'entrepreneur' })
    const p = await admin.patch(`/users/${u.user.id}`, { display_name: '审计 改名' })
    assert.equal(p.status, 200)
    ghost = uniqueName('ghost')
    await new Client().login(ghost, 'Wrong12345')
    await new Client().login(u.username, 'Wrong12345')
  })

  test('entity=user: create and update entries with before/after, newest first', async () => {
    const res = await admin.get(`/audit?entity=user&q=${u.username}&page_size=50`)
    assert.equal(res.status, 200, res.text)
    for (const k of ['items', 'total', 'page', 'page_size']) assert.ok(k in res.json, k)
    const mine = res.json.items.filter((e) => e.entity_id === String(u.user.id))
    for (const e of res.json.items) {
      for (const k of ['id', 'at', 'username', 'role', 'action', 'entity', 'entity_id', 'region_code', 'before', 'after', 'ip']) {
        assert.ok(k in e, `entry has ${k}`)
      }
      assert.equal(e.entity, 'user')
    }
    const create = mine.find((e) => e.action === 'create')
    const update = mine.find((e) => e.action === 'update')
    assert.ok(create, 'create entry')
    assert.ok(update, 'update entry')
    assert.equal(create.before, null)
    assert.equal(create.after.username, u.username)
    assert.equal(create.after.role, 'entrepreneur')
    assert.ok(!JSON.stringify(create).includes(u.password), 'no password in the log')
    assert.equal(update.before.display_name, u.user.display_name)
    assert.equal(update.after.display_name, '审计 改名')
    assert.equal(update.username, admin.user.username)
    assert.equal(update.role, 'city_admin')
    assert.ok(update.id > create.id)
    assert.ok(mine.indexOf(update) < mine.indexOf(create), 'newest first')
    const ids = res.json.items.map((e) => e.id)
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x), 'ordered newest first')
  })

  test('action=login_failed is recorded, for unknown and known usernames', async () => {
    const res = await admin.get('/audit?action=login_failed&page_size=200')
    assert.equal(res.status, 200)
    assert.ok(res.json.items.length > 0)
    for (const e of res.json.items) assert.equal(e.action, 'login_failed')
    assert.ok(JSON.stringify(res.json.items).includes(ghost), 'failure for an unknown name logged')
    assert.ok(JSON.stringify(res.json.items).includes(u.username), 'failure for a known name logged')
    const logins = await admin.get(`/audit?action=login&page_size=5`)
    assert.ok(logins.json.items.length > 0, 'logins are logged')
  })

  test('an auditor can read, and the read is itself logged', async () => {
    const auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
    const marker = uniqueName('mark')
    const read = await auditor.get(`/audit?q=${marker}`)
    assert.equal(read.status, 200, read.text)
    assert.equal(read.json.total, 0)
    const x = await auditor.get('/audit/export.xlsx?action=login')
    assert.equal(x.status, 200)
    const res = await admin.get(`/audit?action=read&username=${auditor.account.username}&page_size=50`)
    assert.equal(res.status, 200)
    assert.ok(res.json.items.length >= 1, 'auditor read logged')
    for (const e of res.json.items) {
      assert.equal(e.action, 'read')
      assert.equal(e.username, auditor.account.username)
      assert.equal(e.role, 'auditor')
    }
    assert.ok(JSON.stringify(res.json.items).includes(marker), 'the logged read names the query')
  })

  test('username filter', async () => {
    const res = await admin.get(`/audit?username=${admin.user.username}&page_size=20`)
    assert.ok(res.json.items.length > 0)
    for (const e of res.json.items) assert.equal(e.username, admin.user.username)
  })

  test('from/to filters by day; bad dates → 400', async () => {
    const all = await admin.get(`/audit?entity=user&q=${u.username}&action=create`)
    const entry = all.json.items.find((e) => e.entity_id === String(u.user.id))
    assert.ok(entry)
    const day = entry.at.slice(0, 10)
    const has = async (qs) =>
      (await admin.get(`/audit?entity=user&q=${u.username}&action=create&${qs}`)).json.items.some((e) => e.id === entry.id)
    assert.equal(await has(`from=${day}&to=${day}`), true, `from=to=${day} includes ${entry.at}`)
    assert.equal(await has(`from=${day}`), true)
    assert.equal(await has(`to=${day}`), true)
    assert.equal(await has(`from=${shiftDay(day, 1)}`), false, 'from the next day excludes it')
    assert.equal(await has(`to=${shiftDay(day, -1)}`), false, 'to the previous day excludes it')
    assert.equal((await admin.get('/audit?from=2030-01-01&to=2020-01-01')).json.total, 0)
    for (const bad of ['2024-13-01', 'yesterday', '20240105', '2024-02-30', '2023-02-29', '2024-01-05x']) {
      assertError(await admin.get(`/audit?from=${bad}`), 400, undefined, 'from')
      assertError(await admin.get(`/audit?to=${bad}`), 400, undefined, 'to')
    }
    assertError(await admin.get('/audit?page_size=500'), 400, undefined, 'page_size')
  })

  test('paging', async () => {
    const p1 = await admin.get('/audit?page_size=2&page=1')
    const p2 = await admin.get('/audit?page_size=2&page=2')
    assert.equal(p1.json.items.length, 2)
    assert.equal(p1.json.page_size, 2)
    assert.equal(p2.json.page, 2)
    assert.ok(p1.json.items[1].id > p2.json.items[0].id)
  })

  test('export.xlsx with filters', async () => {
    const res = await admin.get(`/audit/export.xlsx?entity=user&q=${u.username}`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type'), /spreadsheetml/)
    assert.equal(res.bytes.subarray(0, 2).toString(), 'PK')
    const text = await xlsxText(res.bytes)
    assert.ok(text.includes(u.username))
    assertError(await admin.get('/audit/export.xlsx?from=bad'), 400)
  })
})
