// Role checks on the server: every non-admin role is refused the admin writes; audit and users
// listing only for the documented roles (docs/api.md "Roles and regions").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { adminClient, userClient, createUser, assertError, NON_ADMIN_ROLES, rnd } from './client.mjs'

describe('roles', () => {
  let admin
  let victim
  const clients = {}
  before(async () => {
    admin = await adminClient()
    victim = await createUser(admin, { role: 'entrepreneur' })
    for (const role of NON_ADMIN_ROLES) clients[role] = await userClient(admin, { role })
  })

  for (const role of NON_ADMIN_ROLES) {
    test(`${role}: admin writes → 403 forbidden`, async () => {
      const c = clients[role]
      const name = `r_${rnd(8)}`
      assertError(
        await c.post('/users', { username: name, display_name: name, password: 'Passw0rd77', role: 'city_admin', region_code: '410500' }),
        403,
        'forbidden',
      )
      assertError(await c.patch(`/users/${victim.user.id}`, { display_name: 'hacked' }), 403, 'forbidden')
      assertError(await c.patch(`/users/${victim.user.id}`, { role: 'city_admin' }), 403, 'forbidden')
      // not even on their own account (a role change would be an escalation)
      assertError(await c.patch(`/users/${c.user.id}`, { role: 'city_admin' }), 403, 'forbidden')
      assertError(await c.post(`/users/${victim.user.id}/password`, { password: 'Hacked12345' }), 403, 'forbidden')
      assertError(
        await c.post('/regions', { code: `410581${900 + Math.floor(Math.random() * 100)}`, name: '越权镇', parent_code: '410581' }),
        403,
        'forbidden',
      )
      assertError(await c.patch('/regions/410581001', { name: '越权' }), 403, 'forbidden')
      assertError(await c.patch('/regions/410581001', { has_platform: true }), 403, 'forbidden')
      // the account list must not have changed
      const check = await admin.get(`/users?q=${name}`)
      assert.equal(check.json.total, 0, 'no account was created')
    })

    test(`${role}: GET /audit → ${role === 'auditor' ? 200 : 403}`, async () => {
      const res = await clients[role].get('/audit?page_size=5')
      const xlsx = await clients[role].get('/audit/export.xlsx')
      if (role === 'auditor') {
        assert.equal(res.status, 200, res.text)
        assert.ok(Array.isArray(res.json.items))
        assert.equal(xlsx.status, 200)
      } else {
        assertError(res, 403, 'forbidden')
        assertError(xlsx, 403, 'forbidden')
      }
    })

    test(`${role}: GET /users → ${role === 'county_officer' ? 200 : 403}`, async () => {
      const res = await clients[role].get('/users')
      const xlsx = await clients[role].get('/users/export.xlsx')
      if (role === 'county_officer') {
        assert.equal(res.status, 200, res.text)
        assert.equal(xlsx.status, 200)
      } else {
        assertError(res, 403, 'forbidden')
        assertError(xlsx, 403, 'forbidden')
      }
    })

    test(`${role}: GET /regions and /me work`, async () => {
      const me = await clients[role].get('/me')
      assert.equal(me.status, 200)
      assert.equal(me.json.user.role, role)
      const r = await clients[role].get('/regions')
      assert.equal(r.status, 200, r.text)
      assert.equal(r.json.scope, clients[role].user.region.code)
    })
  }

  test('victim unchanged after all refused writes', async () => {
    const res = await admin.get(`/users?q=${victim.username}`)
    const row = res.json.items.find((u) => u.username === victim.username)
    assert.equal(row.display_name, victim.user.display_name)
    assert.equal(row.role, 'entrepreneur')
  })

  test('city_admin: GET /users and /audit → 200', async () => {
    assert.equal((await admin.get('/users')).status, 200)
    assert.equal((await admin.get('/audit')).status, 200)
  })
})
