// Small HTTP client for the Fenggui API tests (docs/api.md).
// - keeps the fg_session cookie and the csrf_token from login / GET /me;
// - sends JSON bodies, X-CSRF-Token on state-changing requests (unless told not to);
// - every call resolves to a Response-like object {status, headers, json, text, bytes, setCookies}.
//
// Configuration (environment):
//   FG_BASE_URL        e.g. http://127.0.0.1:18181   (no trailing /api/v1)
//   FG_ADMIN_USER      an existing city_admin
//   FG_ADMIN_PASSWORD  its password
//
// Run (Node 20, no npm packages):
//   FG_BASE_URL=http://127.0.0.1:18181 FG_ADMIN_USER=admin FG_ADMIN_PASSWORD=… node --test tests/api/
// Every other account is created through the API with a random suffix, so the suite can run
// again against the same database.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import http from 'node:http'

export const BASE_URL = (process.env.FG_BASE_URL || 'http://127.0.0.1:18181').replace(/\/+$/, '')
export const API = `${BASE_URL}/api/v1`
export const ADMIN_USER = process.env.FG_ADMIN_USER || 'admin'
export const ADMIN_PASSWORD = process.env.FG_ADMIN_PASSWORD || 'Renshe2021x'

export const ROLES = [
  'city_admin',
  'county_officer',
  'township_staff',
  'expert',
  'mentor',
  'bank',
  'entrepreneur',
  'auditor',
]
export const NON_ADMIN_ROLES = ROLES.filter((r) => r !== 'city_admin')

/** Where each role may be placed (a township_staff account needs a township). */
export const TOWNSHIP_OF_LINZHOU = '410581001' // 林州市 开元街道 (any existing township under 410581 works)
export function defaultRegionFor(role) {
  if (role === 'city_admin' || role === 'auditor') return '410500'
  if (role === 'township_staff') return TOWNSHIP_OF_LINZHOU
  return '410581'
}

/** A short random suffix so that the suite can run twice against one database. */
export function rnd(n = 6) {
  return randomBytes(8).toString('hex').slice(0, n)
}

export function uniqueName(prefix) {
  return `${prefix}_${rnd(8)}`
}

export const STRONG_PASSWORD = 'Passw0rd2024'

/**
 * The server sees a connection's source address as the client's (docs/api.md "Client address"):
 * a Client made with {from: address} connects from that loopback address, so tests of the
 * per-address lock and rate limit each get an address of their own. PROXY_ADDRESS is the one the
 * test server trusts as a reverse proxy (scripts/test starts it with --trusted-proxy 127.0.0.3).
 */
export const PROXY_ADDRESS = process.env.FG_TRUSTED_PROXY || '127.0.0.3'
export function loopbackAddress() {
  const b = randomBytes(3)
  return `127.${1 + (b[0] % 250)}.${b[1]}.${1 + (b[2] % 250)}`
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const M = '10X98765432'
/** A valid GB 11643 number for a county, with a random birth date and serial (so reruns differ). */
export function idNumber(county = '410581', { from = 1960, years = 40 } = {}) {
  const y = from + Math.floor(Math.random() * years)
  const m = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')
  const d = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')
  const body = `${county}${y}${m}${d}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`
  const sum = [...body].reduce((s, c, i) => s + Number(c) * W[i], 0)
  return body + M[sum % 11]
}

export class Client {
  constructor({ lang, from, headers } = {}) {
    this.cookie = '' // value of fg_session
    this.csrf = ''
    this.lang = lang || ''
    this.from = from || '' // local (source) address of the connection; default: the system's choice
    this.headers = headers || {} // sent with every request (e.g. X-Forwarded-For)
    this.user = null
    this.modules = []
  }

  /**
   * request('POST', '/users', {body, headers, csrf: false, raw}) → result object.
   * body: a JS value (sent as JSON) unless `raw` is given (string/Buffer sent as is).
   * path is relative to /api/v1 unless it starts with http.
   */
  async request(method, path, { body, raw, headers = {}, csrf = true, cookie = true, query } = {}) {
    let url = path.startsWith('http') ? path : API + path
    if (query) {
      const qs = new URLSearchParams()
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.append(k, String(v))
      const s = qs.toString()
      if (s) url += (url.includes('?') ? '&' : '?') + s
    }
    const h = { Accept: 'application/json', ...this.headers, ...headers }
    if (this.lang && !('Accept-Language' in h)) h['Accept-Language'] = this.lang
    if (cookie && this.cookie) h.Cookie = `fg_session=${this.cookie}`
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method)
    if (unsafe && csrf && this.csrf && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = this.csrf
    let payload
    if (raw !== undefined) {
      payload = raw
    } else if (body !== undefined) {
      payload = JSON.stringify(body)
      if (!('Content-Type' in h)) h['Content-Type'] = 'application/json'
    }
    for (const k of Object.keys(h)) if (h[k] === null) delete h[k] // null = drop header
    const started = Date.now()
    const res = this.from
      ? await requestFrom(this.from, url, method, h, payload)
      : await fetch(url, { method, headers: h, body: payload, redirect: 'manual' })
    const bytes = Buffer.from(await res.arrayBuffer())
    const ms = Date.now() - started
    const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : []
    this.#absorbCookies(setCookies)
    const text = bytes.toString('utf8')
    let json
    const ct = res.headers.get('content-type') || ''
    if (ct.includes('json') && text) {
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
    }
    return { status: res.status, headers: res.headers, json, text, bytes, setCookies, url, method, ms }
  }

  #absorbCookies(list) {
    for (const c of list) {
      const m = /^fg_session=([^;]*)/.exec(c)
      if (!m) continue
      const expired = /max-age=0\b/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)
      this.cookie = expired ? '' : m[1]
    }
  }

  get(path, opts) {
    return this.request('GET', path, opts)
  }
  post(path, body, opts = {}) {
    return this.request('POST', path, { ...opts, body })
  }
  patch(path, body, opts = {}) {
    return this.request('PATCH', path, { ...opts, body })
  }

  /** POST /auth/login; on 200 keeps cookie, csrf token, user and modules. */
  async login(username, password, opts = {}) {
    const res = await this.post('/auth/login', { username, password }, opts)
    if (res.status === 200 && res.json) {
      this.csrf = res.json.csrf_token
      this.user = res.json.user
      this.modules = res.json.modules
    }
    return res
  }

  /** login that must succeed. */
  async loginOk(username, password) {
    const res = await this.login(username, password)
    assert.equal(res.status, 200, `login ${username}: ${res.status} ${res.text}`)
    return this
  }

  async logout() {
    return this.post('/auth/logout', undefined)
  }
}

/** fetch's answer shape (status, headers, arrayBuffer()) for a request from a given local address. */
function requestFrom(localAddress, url, method, headers, payload) {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const h = { ...headers }
    if (payload !== undefined) h['Content-Length'] = Buffer.byteLength(payload)
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, localAddress, agent: false },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const hs = new Headers()
          for (let i = 0; i < res.rawHeaders.length; i += 2) hs.append(res.rawHeaders[i], res.rawHeaders[i + 1])
          const body = Buffer.concat(chunks)
          resolve({ status: res.statusCode, headers: hs, arrayBuffer: async () => body })
        })
      },
    )
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/** A logged-in client for FG_ADMIN_USER. */
export async function adminClient(opts) {
  return new Client(opts).loginOk(ADMIN_USER, ADMIN_PASSWORD)
}

/**
 * Creates an account through the API as `admin` and returns {user, username, password}.
 * fields: {role, region_code, username, display_name, password, org_kind, org_name, id_number}
 */
export async function createUser(admin, fields = {}) {
  const role = fields.role || 'entrepreneur'
  const username = fields.username || uniqueName(`t_${role.slice(0, 6)}`)
  const password = fields.password || STRONG_PASSWORD
  const body = {
    username,
    display_name: fields.display_name || `测试 ${username}`,
    password,
    role,
    region_code: fields.region_code || defaultRegionFor(role),
  }
  for (const k of ['org_kind', 'org_name', 'id_number']) if (fields[k]) body[k] = fields[k]
  const res = await admin.post('/users', body)
  assert.equal(res.status, 201, `create ${role} ${username}: ${res.status} ${res.text}`)
  return { user: res.json, username, password }
}

/** Creates a user and returns a client logged in as that user. */
export async function userClient(admin, fields = {}) {
  const u = await createUser(admin, fields)
  const c = await new Client().loginOk(u.username, u.password)
  return Object.assign(c, { account: u })
}

/** Asserts an API error response: status, JSON error shape, optional code and field. */
export function assertError(res, status, code, field) {
  const where = `${res.method} ${res.url.replace(BASE_URL, '')}`
  assert.equal(res.status, status, `${where}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`)
  assert.match(res.headers.get('content-type') || '', /application\/json/, `${where}: error must be JSON`)
  assert.ok(res.json && typeof res.json.error === 'object', `${where}: body must be {"error":{…}}: ${res.text}`)
  assert.equal(typeof res.json.error.code, 'string', `${where}: error.code`)
  assert.equal(typeof res.json.error.message, 'string', `${where}: error.message`)
  assert.ok(res.json.error.message.length > 0, `${where}: error.message empty`)
  if (code !== undefined) assert.equal(res.json.error.code, code, `${where}: error.code ${res.text}`)
  if (field !== undefined) assert.equal(res.json.error.field, field, `${where}: error.field ${res.text}`)
  return res.json.error
}

/** Asserts the documented User shape. */
export function assertUserShape(u) {
  assert.equal(typeof u, 'object')
  assert.equal(typeof u.id, 'number', 'user.id')
  assert.equal(typeof u.username, 'string', 'user.username')
  assert.equal(typeof u.display_name, 'string', 'user.display_name')
  assert.ok(ROLES.includes(u.role), `user.role ${u.role}`)
  assert.equal(typeof u.region, 'object', 'user.region')
  assert.match(u.region.code, /^\d{6}(\d{3})?$/, 'user.region.code')
  assert.equal(typeof u.region.name, 'string', 'user.region.name')
  assert.equal(typeof u.disabled, 'boolean', 'user.disabled')
  assert.equal(typeof u.created_at, 'string', 'user.created_at')
  assert.ok('last_login_at' in u, 'user.last_login_at present')
  assert.ok(!('password' in u) && !('password_hash' in u), 'no password in User')
}

/** Depth-first walk of a region tree. */
export function* walk(node, parent = null) {
  yield { node, parent }
  for (const c of node.children || []) yield* walk(c, node)
}

/**
 * Minimal ZIP reader (enough for XLSX): returns Map(name → Buffer) of the archive's files.
 * Throws if the buffer is not a well-formed ZIP.
 */
export async function unzip(buf) {
  const { inflateRawSync } = await import('node:zlib')
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const files = new Map()
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry')
    const method = buf.readUInt16LE(p + 10)
    const csize = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    const lNameLen = buf.readUInt16LE(local + 26)
    const lExtraLen = buf.readUInt16LE(local + 28)
    const start = local + 30 + lNameLen + lExtraLen
    const data = buf.subarray(start, start + csize)
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data))
    p += 46 + nameLen + extraLen + commentLen
  }
  return files
}

/** All text of an XLSX (shared strings + inline strings of every sheet), for "contains" checks. */
export async function xlsxText(buf) {
  const files = await unzip(buf)
  let out = ''
  for (const [name, data] of files) {
    if (name === 'xl/sharedStrings.xml' || name.startsWith('xl/worksheets/')) out += data.toString('utf8') + '\n'
  }
  return out
}
