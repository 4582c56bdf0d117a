// CSRF: X-CSRF-Token on every state-changing request, foreign Origin refused (docs/api.md "Sessions and CSRF").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { Client, adminClient, createUser, assertError, BASE_URL, ADMIN_USER, ADMIN_PASSWORD } from './client.mjs'

describe('csrf', () => {
  let admin
  let target // a user the admin may change
  before(async () => {
    admin = await adminClient()
    target = await createUser(admin, { role: 'entrepreneur' })
  })

  const cases = () => [
    ['PATCH', `/users/${target.user.id}`, { display_name: 'csrf 改名' }],
    ['POST', '/users', { username: `csrf_${Date.now()}`, display_name: 'x', password: 'Passw0rd99', role: 'expert', region_code: '410581' }],
    ['PATCH', '/regions/410581001', { name: '被篡改' }],
    ['POST', `/users/${target.user.id}/password`, { password: 'Hacked12345' }],
    ['POST', '/me/password', { old_password: ADMIN_PASSWORD, new_password: 'Hacked12345' }],
  ]

  test('valid session, no X-CSRF-Token → 403 csrf', async () => {
    for (const [method, path, body] of cases()) {
      const res = await admin.request(method, path, { body, csrf: false })
      assertError(res, 403, 'csrf')
    }
  })

  test('wrong X-CSRF-Token → 403 csrf', async () => {
    for (const [method, path, body] of cases()) {
      for (const token of ['deadbeef', admin.csrf.slice(0, -1) + (admin.csrf.endsWith('0') ? '1' : '0'), '']) {
        const res = await admin.request(method, path, { body, headers: { 'X-CSRF-Token': token } })
        assertError(res, 403, 'csrf')
      }
    }
  })

  test("another session's token is refused", async () => {
    const other = await adminClient()
    assert.notEqual(other.csrf, admin.csrf)
    const res = await admin.patch(`/users/${target.user.id}`, { display_name: 'x' }, { headers: { 'X-CSRF-Token': other.csrf } })
    assertError(res, 403, 'csrf')
  })

  test('Origin of another host with the right token → 403', async () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      for (const [method, path, body] of cases()) {
        const res = await admin.request(method, path, { body, headers: { Origin: origin } })
        assertError(res, 403, 'csrf')
      }
    }
    // login from a foreign origin is refused too
    const login = await new Client().login(ADMIN_USER, ADMIN_PASSWORD, { headers: { Origin: 'http://evil.example' } })
    assertError(login, 403)
  })

  test('nothing was changed by the refused requests; the same request with token and own Origin works', async () => {
    const list = await admin.get(`/users?q=${encodeURIComponent(target.username)}`)
    assert.equal(list.status, 200)
    const row = list.json.items.find((u) => u.username === target.username)
    assert.ok(row)
    assert.equal(row.display_name, target.user.display_name, 'display name unchanged')
    const regions = await admin.get('/regions')
    const lz = regions.json.tree.children.find((c) => c.code === '410581')
    assert.notEqual(lz.children.find((t) => t.code === '410581001').name, '被篡改')
    // the target's password still works
    assert.equal((await new Client().login(target.username, target.password)).status, 200)
    // admin's password unchanged
    assert.equal((await new Client().login(ADMIN_USER, ADMIN_PASSWORD)).status, 200)

    const ok = await admin.patch(
      `/users/${target.user.id}`,
      { display_name: 'csrf ok' },
      { headers: { Origin: BASE_URL } },
    )
    assert.equal(ok.status, 200, ok.text)
    assert.equal(ok.json.display_name, 'csrf ok')
  })

  test('GET needs no token', async () => {
    const res = await admin.get('/users?page_size=1', { headers: { 'X-CSRF-Token': null } })
    assert.equal(res.status, 200)
  })
})
