// Health, login, sessions, lockout, unauthenticated access (docs/api.md "Sessions", "Auth").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import {
  Client,
  adminClient,
  createUser,
  assertError,
  assertUserShape,
  uniqueName,
  ADMIN_USER,
  ADMIN_PASSWORD,
  API,
} from './client.mjs'

describe('health', () => {
  test('GET /health answers 200 without login, with the documented shape', async () => {
    const res = await new Client().get('/health')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type'), /application\/json/)
    assert.equal(res.json.status, 'ok')
    assert.ok(['sqlite', 'postgresql'].includes(res.json.database), `database: ${res.json.database}`)
    assert.equal(typeof res.json.version, 'string')
    assert.ok(res.json.version.length > 0)
  })
})

describe('login', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('200 sets an HttpOnly SameSite=Strict fg_session cookie and returns user, csrf_token, modules', async () => {
    const c = new Client()
    const res = await c.login(ADMIN_USER, ADMIN_PASSWORD)
    assert.equal(res.status, 200, res.text)
    const cookie = res.setCookies.find((s) => s.startsWith('fg_session='))
    assert.ok(cookie, `Set-Cookie fg_session missing: ${res.setCookies}`)
    assert.match(cookie, /^fg_session=[^;]{16,}/, 'session id is not empty')
    assert.match(cookie, /;\s*HttpOnly/i)
    assert.match(cookie, /;\s*SameSite=Strict/i)
    assert.match(cookie, /;\s*Path=\//i)
    assertUserShape(res.json.user)
    assert.equal(res.json.user.username, ADMIN_USER)
    assert.equal(res.json.user.role, 'city_admin')
    assert.equal(typeof res.json.csrf_token, 'string')
    assert.ok(res.json.csrf_token.length >= 16, 'csrf token long enough')
    assert.deepEqual(res.json.modules, ['home', 'dashboard', 'people', 'entities', 'activities', 'targets', 'loans', 'imports', 'regions', 'users', 'audit', 'competitions'])
    // the session id must not be the csrf token
    assert.ok(!cookie.includes(res.json.csrf_token))
  })

  test('wrong password → 401 invalid_credentials; unknown user → exactly the same body', async () => {
    const u = await createUser(admin, { role: 'entrepreneur' })
    const wrong = await new Client().login(u.username, 'Wrong12345')
    assertError(wrong, 401, 'invalid_credentials')
    assert.equal(wrong.json.error.message, '用户名或密码错误')
    assert.ok(!wrong.setCookies.some((s) => /^fg_session=[^;]+/.test(s) && !/Max-Age=0/i.test(s)), 'no session cookie')
    const unknown = await new Client().login(uniqueName('nobody'), 'Wrong12345')
    assertError(unknown, 401, 'invalid_credentials')
    assert.equal(unknown.text, wrong.text, 'body must not reveal whether the user exists')
  })

  test('login requires Content-Type: application/json → 400 otherwise', async () => {
    const body = JSON.stringify({ username: ADMIN_USER, password: ADMIN_PASSWORD })
    for (const ct of [null, 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await new Client().request('POST', '/auth/login', { raw: body, headers: { 'Content-Type': ct } })
      assertError(res, 400)
      assert.ok(!res.setCookies.some((s) => s.startsWith('fg_session=') && !/Max-Age=0/i.test(s)), `no cookie for ${ct}`)
    }
  })

  test('messages in English with Accept-Language: en', async () => {
    const en = await new Client({ lang: 'en' }).login(uniqueName('nobody'), 'Wrong12345')
    const err = assertError(en, 401, 'invalid_credentials')
    assert.match(err.message, /^[\x20-\x7e]+$/, `English message expected: ${err.message}`)
    assert.match(err.message, /password/i)
    const en2 = await new Client().get('/me', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    assertError(en2, 401, 'unauthenticated')
    assert.match(en2.json.error.message, /^[\x20-\x7e]+$/, `English message expected: ${en2.json.error.message}`)
    const zh = await new Client().get('/me')
    assert.match(zh.json.error.message, /[\u4e00-\u9fff]/, 'Chinese by default')
  })

  test('a disabled user gets 401 invalid_credentials with the right password', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const off = await admin.patch(`/users/${u.user.id}`, { disabled: true })
    assert.equal(off.status, 200, off.text)
    const res = await new Client().login(u.username, u.password)
    assertError(res, 401, 'invalid_credentials')
  })
})

describe('lockout', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('5 wrong passwords → the 6th attempt, even with the right password, gets 429 locked', async () => {
    const u = await createUser(admin, { role: 'bank' })
    for (let i = 1; i <= 5; i++) {
      const res = await new Client().login(u.username, `Wrong${i}xyz1`)
      assertError(res, 401, 'invalid_credentials')
    }
    const right = await new Client().login(u.username, u.password)
    assertError(right, 429, 'locked')
    assert.ok(!right.setCookies.some((s) => s.startsWith('fg_session=') && !/Max-Age=0/i.test(s)), 'no session')
    const wrongAgain = await new Client().login(u.username, 'Wrong9xyz')
    assertError(wrongAgain, 429, 'locked')
    const en = await new Client({ lang: 'en' }).login(u.username, u.password)
    assertError(en, 429, 'locked')
    assert.match(en.json.error.message, /^[\x20-\x7e]+$/)
  })

  test('an unknown username locks the same way, with the same body (existence not revealed)', async () => {
    const u = await createUser(admin, { role: 'expert' })
    const ghost = uniqueName('ghost')
    const real = []
    const fake = []
    for (let i = 1; i <= 5; i++) {
      real.push(await new Client().login(u.username, `Wrong${i}xyz1`))
      fake.push(await new Client().login(ghost, `Wrong${i}xyz1`))
    }
    for (let i = 0; i < 5; i++) {
      assertError(fake[i], 401, 'invalid_credentials')
      assert.equal(fake[i].text, real[i].text, `attempt ${i + 1}: same body`)
    }
    const realLocked = await new Client().login(u.username, u.password)
    const fakeLocked = await new Client().login(ghost, u.password)
    assertError(realLocked, 429, 'locked')
    assertError(fakeLocked, 429, 'locked')
    assert.equal(fakeLocked.text, realLocked.text, 'same 429 body for existing and unknown user')
  })

  test('a lock on one username does not affect another', async () => {
    const victim = await createUser(admin, { role: 'mentor' })
    const other = await createUser(admin, { role: 'mentor' })
    for (let i = 0; i < 5; i++) await new Client().login(victim.username, 'Wrong1xyz')
    assertError(await new Client().login(victim.username, victim.password), 429, 'locked')
    const ok = await new Client().login(other.username, other.password)
    assert.equal(ok.status, 200, ok.text)
  })
})

describe('session', () => {
  test('GET /me: 401 without cookie, 200 after login; logout → 204 and the old cookie is dead', async () => {
    assertError(await new Client().get('/me'), 401, 'unauthenticated')
    assertError(await new Client().get('/me', { headers: { Cookie: 'fg_session=0123456789abcdef' } }), 401, 'unauthenticated')

    const c = new Client()
    const login = await c.login(ADMIN_USER, ADMIN_PASSWORD)
    assert.equal(login.status, 200)
    const me = await c.get('/me')
    assert.equal(me.status, 200, me.text)
    assertUserShape(me.json.user)
    assert.equal(me.json.user.username, ADMIN_USER)
    assert.equal(me.json.csrf_token, login.json.csrf_token, '/me returns the session csrf token')
    assert.deepEqual(me.json.modules, login.json.modules)
    assert.ok(me.json.user.last_login_at, 'last_login_at set after a login')

    const oldCookie = c.cookie
    const out = await c.logout()
    assert.equal(out.status, 204, out.text)
    assert.equal(out.text, '')
    const clear = out.setCookies.find((s) => s.startsWith('fg_session='))
    assert.ok(clear, 'logout clears the cookie')
    assert.match(clear, /^fg_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i)

    const stale = new Client()
    stale.cookie = oldCookie
    assertError(await stale.get('/me'), 401, 'unauthenticated')
    stale.csrf = login.json.csrf_token
    assertError(await stale.post('/auth/logout'), 401, 'unauthenticated')
  })

  test('modules per role follow docs/api.md', async () => {
    const admin = await adminClient()
    const expected = {
      county_officer: ['home', 'dashboard', 'people', 'entities', 'activities', 'targets', 'loans', 'imports', 'regions', 'users', 'competitions'],
      township_staff: ['home', 'dashboard', 'people', 'entities', 'activities', 'targets', 'loans', 'imports', 'regions'],
      expert: ['home', 'competitions'],
      mentor: ['home'],
      bank: ['home', 'loans', 'imports', 'regions'],
      entrepreneur: ['home', 'loans', 'competitions'],
      auditor: ['home', 'dashboard', 'people', 'entities', 'activities', 'targets', 'loans', 'regions', 'audit', 'competitions'],
    }
    for (const [role, modules] of Object.entries(expected)) {
      const u = await createUser(admin, { role })
      const res = await new Client().login(u.username, u.password)
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json.modules, modules, `modules of ${role}`)
      assert.equal(res.json.user.role, role)
    }
  })
})

describe('unauthenticated access', () => {
  const routes = [
    ['GET', '/me'],
    ['POST', '/me/password'],
    ['POST', '/auth/logout'],
    ['GET', '/regions'],
    ['POST', '/regions'],
    ['PATCH', '/regions/410581'],
    ['GET', '/users'],
    ['GET', '/users?q=a&page=1&page_size=20'],
    ['GET', '/users/export.xlsx'],
    ['POST', '/users'],
    ['PATCH', '/users/1'],
    ['POST', '/users/1/password'],
    ['GET', '/audit'],
    ['GET', '/audit/export.xlsx'],
    ['GET', '/entrepreneurs'],
    ['GET', '/entrepreneurs/export.xlsx'],
    ['GET', '/entrepreneurs/1'],
    ['POST', '/entrepreneurs'],
    ['PUT', '/entrepreneurs/1'],
    ['DELETE', '/entrepreneurs/1'],
    ['POST', '/entrepreneurs/1/reveal'],
    ['GET', '/market-entities'],
    ['POST', '/market-entities'],
    ['GET', '/activities'],
    ['POST', '/activities'],
    ['GET', '/targets'],
    ['PUT', '/targets'],
    ['POST', '/imports/entrepreneurs'],
    ['GET', '/imports/entrepreneurs/template.xlsx'],
    ['GET', '/reports/progress'],
    ['GET', '/reports/progress.xlsx'],
    ['GET', '/reports/league'],
    ['GET', '/reports/trend'],
    ['GET', '/reports/latest'],
  ]
  for (const [method, path] of routes) {
    test(`${method} ${path} without login → 401 JSON`, async () => {
      const body = method === 'GET' ? undefined : {}
      const res = await new Client().request(method, path, { body })
      assertError(res, 401, 'unauthenticated')
    })
  }

  test('unknown /api/v1 routes → 404 JSON, logged in or not', async () => {
    assertError(await new Client().get('/nope'), 404, 'not_found')
    assertError(await new Client().request('POST', '/nope', { body: {} }), 404, 'not_found')
    const admin = await adminClient()
    assertError(await admin.get('/nope'), 404, 'not_found')
    assertError(await admin.get('/users/nope/deeper'), 404)
    // an API 404 is JSON, never the web app's index.html
    const raw = await fetch(`${API}/nope/too`)
    assert.equal(raw.status, 404)
    assert.match(raw.headers.get('content-type'), /json/)
  })
})
