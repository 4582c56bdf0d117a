// Health, login, sessions, lockout, login rate, password policy, unauthenticated access
// (docs/api.md "Sessions", "Auth", "Client address").
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
  PROXY_ADDRESS,
  STRONG_PASSWORD,
  loopbackAddress,
  userClient,
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

// Every test of the lock and of the rate limit connects from loopback addresses of its own
// (client.mjs loopbackAddress), so that they neither share a lock nor one address's allowance.
describe('lockout', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('5 wrong passwords → the 6th attempt, even with the right password, gets 429 locked', async () => {
    const u = await createUser(admin, { role: 'bank' })
    const from = loopbackAddress()
    for (let i = 1; i <= 5; i++) {
      const res = await new Client({ from }).login(u.username, `Wrong${i}xyz1`)
      assertError(res, 401, 'invalid_credentials')
    }
    const right = await new Client({ from }).login(u.username, u.password)
    assertError(right, 429, 'locked')
    assert.ok(!right.setCookies.some((s) => s.startsWith('fg_session=') && !/Max-Age=0/i.test(s)), 'no session')
    const wrongAgain = await new Client({ from }).login(u.username, 'Wrong9xyz')
    assertError(wrongAgain, 429, 'locked')
    const en = await new Client({ lang: 'en', from }).login(u.username, u.password)
    assertError(en, 429, 'locked')
    assert.match(en.json.error.message, /^[\x20-\x7e]+$/)
  })

  test('an unknown username locks the same way, with the same body (existence not revealed)', async () => {
    const u = await createUser(admin, { role: 'expert' })
    const ghost = uniqueName('ghost')
    const from = loopbackAddress()
    const real = []
    const fake = []
    for (let i = 1; i <= 5; i++) {
      real.push(await new Client({ from }).login(u.username, `Wrong${i}xyz1`))
      fake.push(await new Client({ from }).login(ghost, `Wrong${i}xyz1`))
    }
    for (let i = 0; i < 5; i++) {
      assertError(fake[i], 401, 'invalid_credentials')
      assert.equal(fake[i].text, real[i].text, `attempt ${i + 1}: same body`)
    }
    const realLocked = await new Client({ from }).login(u.username, u.password)
    const fakeLocked = await new Client({ from }).login(ghost, u.password)
    assertError(realLocked, 429, 'locked')
    assertError(fakeLocked, 429, 'locked')
    assert.equal(fakeLocked.text, realLocked.text, 'same 429 body for existing and unknown user')
    // The two locks began one login apart (≈ 200 ms of Argon2), so their remaining seconds may be
    // one apart when a second boundary falls between them; never more.
    const gap = Math.abs(Number(fakeLocked.headers.get('retry-after')) - Number(realLocked.headers.get('retry-after')))
    assert.ok(gap <= 1, `same Retry-After (±1 s): ${fakeLocked.headers.get('retry-after')} vs ${realLocked.headers.get('retry-after')}`)
  })

  test('a lock on one username does not affect another', async () => {
    const victim = await createUser(admin, { role: 'mentor' })
    const other = await createUser(admin, { role: 'mentor' })
    const from = loopbackAddress()
    for (let i = 0; i < 5; i++) await new Client({ from }).login(victim.username, 'Wrong1xyz')
    assertError(await new Client({ from }).login(victim.username, victim.password), 429, 'locked')
    const ok = await new Client({ from }).login(other.username, other.password)
    assert.equal(ok.status, 200, ok.text)
  })

  // Issue 11 #4: five anonymous requests used to lock the account for everyone, again and again.
  test('the lock holds for the address the failures came from only: the account logs in from elsewhere', async () => {
    const victim = await createUser(admin, { role: 'county_officer' })
    const attacker = loopbackAddress()
    for (let i = 0; i < 5; i++) assertError(await new Client({ from: attacker }).login(victim.username, `Guess${i}abc`), 401, 'invalid_credentials')
    const locked = assertError(await new Client({ from: attacker }).login(victim.username, victim.password), 429, 'locked')
    const ok = await new Client({ from: loopbackAddress() }).login(victim.username, victim.password)
    assert.equal(ok.status, 200, `the owner, from another address: ${ok.text}`)
    // The message names neither the account's region nor any other (no region or township code).
    assert.doesNotMatch(locked.message, /\d{6}/, locked.message)
  })

  test('429 locked carries Retry-After: the first lock of a pair lasts one minute', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const from = loopbackAddress()
    for (let i = 0; i < 5; i++) await new Client({ from }).login(u.username, 'Wrong1xyz')
    const res = await new Client({ from }).login(u.username, u.password)
    assertError(res, 429, 'locked')
    const after = Number(res.headers.get('retry-after'))
    assert.ok(after >= 1 && after <= 60, `Retry-After ${res.headers.get('retry-after')}`)
    assert.match(res.json.error.message, /1\s*分钟/, res.json.error.message)
  })

  test('the owner is told at the next login and by GET /me until they acknowledge it; the lock is audited', async () => {
    const owner = await createUser(admin, { role: 'township_staff' })
    const attacker = loopbackAddress()
    for (let i = 0; i < 5; i++) await new Client({ from: attacker }).login(owner.username, `Guess${i}abc`)
    const c = new Client({ from: loopbackAddress() })
    const login = await c.login(owner.username, owner.password)
    assert.equal(login.status, 200, login.text)
    assert.ok(Array.isArray(login.json.notices), `notices in the login answer: ${login.text}`)
    assert.equal(login.json.notices.length, 1, login.text)
    const n = login.json.notices[0]
    assert.equal(n.kind, 'login_locked')
    assert.equal(n.ip, attacker)
    assert.equal(n.failures, 5)
    assert.match(n.first_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    assert.match(n.last_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    assert.match(n.locked_until, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    assert.ok(n.message.includes(attacker) && n.message.includes('5'), n.message)
    assert.match(n.message, /[\u4e00-\u9fff]/)
    const me = await c.get('/me')
    assert.deepEqual(me.json.notices, login.json.notices, 'GET /me shows the same notices')
    const en = await c.get('/me', { headers: { 'Accept-Language': 'en' } })
    assert.match(en.json.notices[0].message, /^[\x20-\x7e]+$/, en.json.notices[0].message)
    assert.match(en.json.notices[0].message, /5 failed logins/)
    assertError(await c.post('/me/notices/seen', {}, { csrf: false }), 403, 'csrf')
    const seen = await c.post('/me/notices/seen', {})
    assert.equal(seen.status, 204, seen.text)
    assert.deepEqual((await c.get('/me')).json.notices, [])
    assert.deepEqual((await new Client().login(owner.username, owner.password)).json.notices, [], 'not shown again')

    const audit = await admin.get('/audit', { query: { action: 'login_locked', q: owner.username } })
    assert.equal(audit.status, 200, audit.text)
    const entry = audit.json.items.find((e) => e.entity_id === owner.username)
    assert.ok(entry, `a login_locked audit entry: ${audit.text}`)
    assert.equal(entry.ip, attacker)
    assert.equal(entry.after.failures, 5)
    assert.ok(entry.after.locked_until)
  })

  test('no notice for an account nobody attacked; the login answer always has notices', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const res = await new Client().login(u.username, u.password)
    assert.deepEqual(res.json.notices, [])
  })
})

describe('client address behind a trusted proxy', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const from = loopbackAddress()
    for (let i = 0; i < 5; i++) {
      const c = new Client({ from, headers: { 'X-Forwarded-For': loopbackAddress() } })
      assertError(await c.login(u.username, 'Wrong1xyz'), 401, 'invalid_credentials')
    }
    const c = new Client({ from, headers: { 'X-Forwarded-For': loopbackAddress() } })
    assertError(await c.login(u.username, u.password), 429, 'locked')
  })

  test('from the trusted proxy, the rightmost forwarded address is the client', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const client = loopbackAddress()
    // The client's own (forged) entry comes first; the proxy appends the address it saw.
    const viaProxy = (addr) => new Client({ from: PROXY_ADDRESS, headers: { 'X-Forwarded-For': `10.9.8.7, ${addr}` } })
    for (let i = 0; i < 5; i++) assertError(await viaProxy(client).login(u.username, 'Wrong1xyz'), 401, 'invalid_credentials')
    assertError(await viaProxy(client).login(u.username, u.password), 429, 'locked')
    const other = await viaProxy(loopbackAddress()).login(u.username, u.password)
    assert.equal(other.status, 200, `another client behind the same proxy: ${other.text}`)
    assert.equal(other.json.notices[0].ip, client)
  })

  test('Forwarded (RFC 7239) is read when X-Forwarded-For is absent', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const client = loopbackAddress()
    const viaProxy = (addr) => new Client({ from: PROXY_ADDRESS, headers: { Forwarded: `for="${addr}:4711";proto=http` } })
    for (let i = 0; i < 5; i++) await viaProxy(client).login(u.username, 'Wrong1xyz')
    assertError(await viaProxy(client).login(u.username, u.password), 429, 'locked')
    assert.equal((await viaProxy(loopbackAddress()).login(u.username, u.password)).status, 200)
  })
})

describe('login rate per client address', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('beyond 20 attempts at once from one address → 429 rate_limited with Retry-After, before any password check', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const from = loopbackAddress()
    // 20 at once, then one every 3 s: while the attempts are hashed (≈ 0.2 s each) a few more come in.
    const times = []
    const started = Date.now()
    let limited
    while (times.length < 40) {
      // Spraying: a different (unknown) username each time, so no lock is involved.
      const res = await new Client({ from }).login(uniqueName('spray'), 'Wrong1xyz')
      if (res.status === 429) {
        limited = res
        break
      }
      assertError(res, 401, 'invalid_credentials')
      times.push(res.ms)
    }
    const refilled = Math.floor((Date.now() - started) / 3000) + 1
    assert.ok(limited, `no 429 after ${times.length} attempts`)
    assert.ok(times.length >= 20 && times.length <= 20 + refilled, `${times.length} attempts allowed in ${Date.now() - started} ms`)
    times.sort((a, b) => a - b)
    const err = assertError(limited, 429, 'rate_limited')
    const after = Number(limited.headers.get('retry-after'))
    assert.ok(after >= 1 && after <= 60, `Retry-After ${limited.headers.get('retry-after')}`)
    assert.ok(limited.ms < times[10] / 2, `refused without hashing: ${limited.ms} ms, a hashed attempt ${times[10]} ms`)
    assert.match(err.message, /[\u4e00-\u9fff]/)
    const en = assertError(await new Client({ from, lang: 'en' }).login(u.username, u.password), 429, 'rate_limited')
    assert.match(en.message, /^[\x20-\x7e]+$/)
    // Other addresses are not affected.
    assert.equal((await new Client({ from: loopbackAddress() }).login(u.username, u.password)).status, 200)
  })

  test('successful logins do not use up the allowance', async () => {
    const u = await createUser(admin, { role: 'mentor' })
    const from = loopbackAddress()
    for (let i = 0; i < 24; i++) {
      const res = await new Client({ from }).login(u.username, u.password)
      assert.equal(res.status, 200, `login ${i + 1}: ${res.text}`)
    }
  })
})

describe('password hashing runs on its own bounded pool', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  // Issue 11 #10: each login costs ≈ 200 ms of Argon2 on a server thread; a handful of anonymous
  // logins held up every other request.
  test('GET /me is answered while logins are still hashing', async () => {
    const logins = []
    let done = 0
    for (let i = 0; i < 8; i++) {
      logins.push(new Client({ from: loopbackAddress() }).login(uniqueName('slow'), 'Wrong1xyz').then((r) => (done++, r)))
    }
    await new Promise((r) => setTimeout(r, 50))
    const me = await admin.get('/me')
    const doneWhenMeAnswered = done
    assert.equal(me.status, 200, me.text)
    const answers = await Promise.all(logins)
    for (const r of answers) assert.ok([401, 503].includes(r.status), `${r.status} ${r.text}`)
    assert.ok(doneWhenMeAnswered < 4, `GET /me waited for ${doneWhenMeAnswered} of 8 logins (${me.ms} ms)`)
  })

  test('when the pool and its queue are full, a login is refused at once with 503 busy and Retry-After', async () => {
    // The pool holds max(1, cores / 2) running + 8 waiting per thread: 64 at once overflow it on
    // machines of up to 13 cores (this project's have 2).
    const logins = []
    for (let i = 0; i < 64; i++) logins.push(new Client({ from: loopbackAddress() }).login(uniqueName('burst'), 'Wrong1xyz'))
    const answers = await Promise.all(logins)
    const busy = answers.filter((r) => r.status === 503)
    for (const r of answers) assert.ok([401, 503].includes(r.status), `${r.status} ${r.text}`)
    assert.ok(busy.length > 0, 'some refused')
    assertError(busy[0], 503, 'busy')
    assert.equal(busy[0].headers.get('retry-after'), '1')
  })
})

// Issue 11 #7: a password change used to leave the account's other sessions alive.
describe('password change', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })

  test('ends every other session of the account; the current one stays', async () => {
    const u = await createUser(admin, { role: 'expert' })
    const current = await new Client().loginOk(u.username, u.password)
    const other = await new Client().loginOk(u.username, u.password)
    const bystander = await userClient(admin, { role: 'expert' })
    const res = await current.post('/me/password', { old_password: u.password, new_password: 'Renewed2022x' })
    assert.equal(res.status, 204, res.text)
    assertError(await other.get('/me'), 401, 'unauthenticated')
    assert.equal((await current.get('/me')).status, 200, 'the session that changed it stays')
    assert.equal((await bystander.get('/me')).status, 200, 'other accounts are untouched')
    assert.equal((await new Client().login(u.username, 'Renewed2022x')).status, 200)
  })
})

// Issue 11 #15, OWASP ASVS 4.0 2.1.
describe('password policy', () => {
  let admin
  before(async () => {
    admin = await adminClient()
  })
  const base = (username = uniqueName('pw')) => ({ username, display_name: '测试', role: 'expert', region_code: '410581' })

  test('common passwords are refused, ignoring case, with a message naming the field', async () => {
    for (const password of ['password1', 'Password1', 'PASSWORD1', 'qwerty123', '1qaz2wsx', 'woaini1314', 'Passw0rd1', 'abcd1234']) {
      const err = assertError(await admin.post('/users', { ...base(), password }), 422, 'invalid_field', 'password')
      assert.match(err.message, /^密码/, err.message)
      assert.match(err.message, /常见/, err.message)
    }
    const en = assertError(await admin.post('/users', { ...base(), password: 'password1' }, { headers: { 'Accept-Language': 'en' } }), 422, 'invalid_field', 'password')
    assert.match(en.message, /^The password .*common/i, en.message)
  })

  test('a password equal to or containing the username is refused, ignoring case', async () => {
    const username = uniqueName('zhang')
    for (const password of [username, username.toUpperCase(), `${username}9`, `X${username.toUpperCase()}1`]) {
      const err = assertError(await admin.post('/users', { ...base(username), password }), 422, 'invalid_field', 'password')
      assert.match(err.message, /用户名/, err.message)
    }
  })

  test('the same rules for a reset and for one\u2019s own change (field new_password)', async () => {
    const c = await userClient(admin, { role: 'mentor' })
    const err = assertError(await c.post('/me/password', { old_password: c.account.password, new_password: 'Password1' }), 422, 'invalid_field', 'new_password')
    assert.match(err.message, /^新密码/, err.message)
    const own = assertError(await c.post('/me/password', { old_password: c.account.password, new_password: `${c.account.username}1` }), 422, 'invalid_field', 'new_password')
    assert.match(own.message, /用户名/)
    assertError(await admin.post(`/users/${c.user.id}/password`, { password: 'Qwerty123' }), 422, 'invalid_field', 'password')
    assertError(await admin.post(`/users/${c.user.id}/password`, { password: `${c.account.username}x1` }), 422, 'invalid_field', 'password')
  })

  test('the passwords of the suite, the scripts and the demo pass', async () => {
    for (const password of [STRONG_PASSWORD, 'Fenggui2021', 'County2021x', 'Loans2021x', 'Renshe2021x']) {
      const res = await admin.post('/users', { ...base(), password })
      assert.equal(res.status, 201, `${password}: ${res.text}`)
    }
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
