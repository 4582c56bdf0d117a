// Users administration (docs/api.md "Users").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import {
  Client,
  adminClient,
  createUser,
  userClient,
  assertError,
  assertUserShape,
  xlsxText,
  rnd,
  STRONG_PASSWORD,
  ADMIN_USER,
} from './client.mjs'

describe('users: create', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('POST /users → 201 User; the new account can log in', async () => {
    const username = `u_new_${rnd(8)}`
    const res = await admin.post('/users', {
      username,
      display_name: '张三',
      password: STRONG_PASSWORD,
      role: 'township_staff',
      region_code: '410581001',
    })
    assert.equal(res.status, 201, res.text)
    assertUserShape(res.json)
    assert.equal(res.json.username, username)
    assert.equal(res.json.display_name, '张三')
    assert.equal(res.json.role, 'township_staff')
    assert.deepEqual(res.json.region, { code: '410581001', name: '开元街道' })
    assert.equal(res.json.disabled, false)
    assert.equal(res.json.last_login_at, null)
    assert.match(res.json.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
    const login = await new Client().login(username, STRONG_PASSWORD)
    assert.equal(login.status, 200, login.text)
    assert.equal(login.json.user.id, res.json.id)
  })

  test('duplicate username → 409 conflict', async () => {
    const u = await createUser(admin, { role: 'expert' })
    const res = await admin.post('/users', {
      username: u.username,
      display_name: 'dup',
      password: STRONG_PASSWORD,
      role: 'expert',
      region_code: '410581',
    })
    assertError(res, 409, 'conflict')
    assertError(
      await admin.post('/users', { username: ADMIN_USER, display_name: 'dup', password: STRONG_PASSWORD, role: 'expert', region_code: '410581' }),
      409,
      'conflict',
    )
  })

  test('bad fields → 422 naming the field', async () => {
    const base = () => ({
      username: `u_bad_${rnd(8)}`,
      display_name: '坏',
      password: STRONG_PASSWORD,
      role: 'entrepreneur',
      region_code: '410581',
    })
    for (const password of ['short1', 'abcdefghijk', '1234567890', 'Ab1']) {
      assertError(await admin.post('/users', { ...base(), password }), 422, 'invalid_field', 'password')
    }
    for (const region_code of ['999999', '410599', '4105', '410581999999']) {
      assertError(await admin.post('/users', { ...base(), region_code }), 422, 'invalid_field', 'region_code')
    }
    // township staff must sit at a township
    for (const region_code of ['410581', '410500']) {
      assertError(
        await admin.post('/users', { ...base(), role: 'township_staff', region_code }),
        422,
        'invalid_field',
        'region_code',
      )
    }
    assertError(await admin.post('/users', { ...base(), role: 'king' }), 422, 'invalid_field', 'role')
    for (const username of ['ab', 'a b c', 'x'.repeat(33), '用户甲']) {
      assertError(await admin.post('/users', { ...base(), username }), 422, 'invalid_field', 'username')
    }
    // none of them was created
    const list = await admin.get('/users?q=u_bad_')
    assert.equal(list.json.total, 0)
  })

  test('a missing field is refused and named', async () => {
    const { username, ...rest } = {
      username: 'x',
      display_name: 'x',
      password: STRONG_PASSWORD,
      role: 'expert',
      region_code: '410581',
    }
    const res = await admin.post('/users', rest)
    assert.ok([400, 422].includes(res.status), `${res.status} ${res.text}`)
    assert.equal(res.json.error.field, 'username')
  })
})

describe('users: list and export', () => {
  let admin
  let tag
  let a, b, c
  before(async () => {
    admin = await adminClient()
    tag = rnd(8)
    a = await createUser(admin, { username: `lst_${tag}_a`, role: 'county_officer', region_code: '410581' })
    b = await createUser(admin, { username: `lst_${tag}_b`, role: 'entrepreneur', region_code: '410523' })
    c = await createUser(admin, { username: `lst_${tag}_c`, role: 'township_staff', region_code: '410581001' })
  })

  const names = (res) => res.json.items.map((u) => u.username)

  test('q finds the accounts; the page object has the documented shape', async () => {
    const res = await admin.get(`/users?q=${tag}`)
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json.total, 3)
    assert.equal(res.json.page, 1)
    assert.equal(res.json.page_size, 20)
    assert.deepEqual(names(res).sort(), [a.username, b.username, c.username])
    for (const u of res.json.items) assertUserShape(u)
    assert.equal((await admin.get(`/users?q=${tag}zzz`)).json.total, 0)
  })

  test('role and region filters (region = the whole subtree)', async () => {
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&role=entrepreneur`)), [b.username])
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&region=410581&sort=username`)), [a.username, c.username])
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&region=410581001`)), [c.username])
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&region=410523`)), [b.username])
    assert.equal((await admin.get(`/users?q=${tag}&region=410500`)).json.total, 3)
    assert.equal((await admin.get(`/users?q=${tag}&role=entrepreneur&region=410581`)).json.total, 0)
    assertError(await admin.get('/users?role=king'), 400, undefined, 'role')
  })

  test('sort', async () => {
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&sort=username`)), [a.username, b.username, c.username])
    assert.deepEqual(names(await admin.get(`/users?q=${tag}&sort=-username`)), [c.username, b.username, a.username])
    const byCreated = (await admin.get(`/users?q=${tag}&sort=created_at`)).json.items
    for (let i = 1; i < byCreated.length; i++) assert.ok(byCreated[i - 1].created_at <= byCreated[i].created_at)
    const byCreatedDesc = (await admin.get(`/users?q=${tag}&sort=-created_at`)).json.items
    for (let i = 1; i < byCreatedDesc.length; i++) assert.ok(byCreatedDesc[i - 1].created_at >= byCreatedDesc[i].created_at)
    assert.equal((await admin.get(`/users?q=${tag}&sort=last_login_at`)).status, 200)
  })

  test('paging; page_size over 200 or not a number → 400', async () => {
    const p1 = await admin.get(`/users?q=${tag}&sort=username&page=1&page_size=2`)
    assert.equal(p1.status, 200)
    assert.deepEqual(names(p1), [a.username, b.username])
    assert.equal(p1.json.total, 3)
    assert.equal(p1.json.page, 1)
    assert.equal(p1.json.page_size, 2)
    const p2 = await admin.get(`/users?q=${tag}&sort=username&page=2&page_size=2`)
    assert.deepEqual(names(p2), [c.username])
    assert.equal(p2.json.page, 2)
    assert.equal(p2.json.total, 3)
    const p3 = await admin.get(`/users?q=${tag}&sort=username&page=3&page_size=2`)
    assert.deepEqual(names(p3), [])
    assertError(await admin.get('/users?page_size=500'), 400, undefined, 'page_size')
    assertError(await admin.get('/users?page_size=0'), 400, undefined, 'page_size')
    assertError(await admin.get('/users?page_size=abc'), 400, undefined, 'page_size')
    assertError(await admin.get('/users?page=0'), 400, undefined, 'page')
    assertError(await admin.get('/users?page=-1'), 400, undefined, 'page')
    assert.equal((await admin.get('/users?page_size=200')).status, 200)
  })

  test('export.xlsx: spreadsheet with Chinese headers and the filtered rows', async () => {
    const res = await admin.get(`/users/export.xlsx?q=${tag}&region=410581`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type'), /spreadsheetml/)
    assert.equal(res.bytes.subarray(0, 2).toString(), 'PK')
    assert.match(res.headers.get('content-disposition') || '', /attachment/)
    const text = await xlsxText(res.bytes)
    assert.ok(text.includes('用户名'), 'Chinese header 用户名')
    assert.ok(text.includes(a.username) && text.includes(c.username), 'filtered rows present')
    assert.ok(!text.includes(b.username), 'row outside the filter absent')
    assertError(await admin.get('/users/export.xlsx?role=king'), 400)
  })
})

describe('users: change', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('PATCH display_name, role and region → 200 User', async () => {
    const u = await createUser(admin, { role: 'entrepreneur' })
    const res = await admin.patch(`/users/${u.user.id}`, { display_name: '李四（改）' })
    assert.equal(res.status, 200, res.text)
    assertUserShape(res.json)
    assert.equal(res.json.display_name, '李四（改）')
    assert.equal(res.json.role, 'entrepreneur')
    const moved = await admin.patch(`/users/${u.user.id}`, { role: 'mentor', region_code: '410523' })
    assert.equal(moved.status, 200, moved.text)
    assert.equal(moved.json.role, 'mentor')
    assert.deepEqual(moved.json.region, { code: '410523', name: '汤阴县' })
    assert.equal(moved.json.display_name, '李四（改）')
    const list = await admin.get(`/users?q=${u.username}`)
    assert.equal(list.json.items[0].display_name, '李四（改）')
    assertError(await admin.patch(`/users/${u.user.id}`, { region_code: '123' }), 422, 'invalid_field', 'region_code')
    assertError(await admin.patch(`/users/${u.user.id}`, { role: 'township_staff' }), 422, 'invalid_field', 'region_code')
    assertError(await admin.patch('/users/99999999', { display_name: 'x' }), 404, 'not_found')
  })

  test('disable: that user can no longer log in and existing sessions end; enable again', async () => {
    const u = await userClient(admin, { role: 'bank' })
    const second = await new Client().loginOk(u.account.username, u.account.password)
    assert.equal((await u.get('/me')).status, 200)
    const off = await admin.patch(`/users/${u.user.id}`, { disabled: true })
    assert.equal(off.status, 200, off.text)
    assert.equal(off.json.disabled, true)
    assertError(await u.get('/me'), 401, 'unauthenticated')
    assertError(await second.get('/regions'), 401, 'unauthenticated')
    assertError(await new Client().login(u.account.username, u.account.password), 401, 'invalid_credentials')
    assert.deepEqual(
      (await admin.get(`/users?q=${u.account.username}&disabled=true`)).json.items.map((x) => x.username),
      [u.account.username],
    )
    assert.equal((await admin.get(`/users?q=${u.account.username}&disabled=false`)).json.total, 0)
    const on = await admin.patch(`/users/${u.user.id}`, { disabled: false })
    assert.equal(on.status, 200)
    assert.equal(on.json.disabled, false)
    assert.equal((await new Client().login(u.account.username, u.account.password)).status, 200)
  })

  test('an administrator cannot disable or demote themself (422)', async () => {
    const me = admin.user
    assertError(await admin.patch(`/users/${me.id}`, { disabled: true }), 422)
    assertError(await admin.patch(`/users/${me.id}`, { role: 'auditor' }), 422)
    const still = await admin.get('/me')
    assert.equal(still.status, 200)
    assert.equal(still.json.user.role, 'city_admin')
    assert.equal(still.json.user.disabled, false)
  })

  test('password reset → 204; old password fails, new works, sessions end', async () => {
    const u = await userClient(admin, { role: 'expert' })
    const res = await admin.post(`/users/${u.user.id}/password`, { password: 'Reset98765' })
    assert.equal(res.status, 204, res.text)
    assert.equal(res.text, '')
    assertError(await u.get('/me'), 401, 'unauthenticated')
    assertError(await new Client().login(u.account.username, u.account.password), 401, 'invalid_credentials')
    assert.equal((await new Client().login(u.account.username, 'Reset98765')).status, 200)
    assertError(await admin.post(`/users/${u.user.id}/password`, { password: 'weak' }), 422, 'invalid_field', 'password')
    assertError(await admin.post('/users/99999999/password', { password: 'Reset98765' }), 404, 'not_found')
  })
})
