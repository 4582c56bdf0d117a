// Login flood on loopback: how long an authenticated GET /api/v1/me takes while anonymous
// clients post wrong logins as fast as the server answers them (issue 11, #10).
//
//   FG_BASE_URL=http://127.0.0.1:PORT FG_ADMIN_USER=admin FG_ADMIN_PASSWORD=… \
//   FG_SERVER_PID=<pid of fenggui serve> node bench/login-flood.mjs [--flooders 16] [--seconds 20] \
//     [--sources one|many] [--path /me]
//
// The measuring client connects from 127.0.0.2. --sources one: every flooder connects from 127.0.0.1 (one client address, the per-address limit
// applies); many: flooder i connects from 127.0.1.(i+1), so each stays under its own limit and only
// the bounded hashing pool stands between the flood and the other requests. Only loopback
// addresses are used; every loop stops at the deadline, and the measured requests are bounded in
// count too. With FG_SERVER_PID the server's CPU time (user + system, all threads) is read from
// /proc before and after each phase.
import http from 'node:http'
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

const args = process.argv.slice(2)
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : def
}
const FLOODERS = Number(opt('flooders', 16))
const SECONDS = Number(opt('seconds', 20))
const SOURCES = opt('sources', 'one')
const PATH = opt('path', '/me') // the measured authenticated request, e.g. /users?page_size=20
const MAX_MEASURED = 5000
const base = new URL(process.env.FG_BASE_URL || 'http://127.0.0.1:18181')
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new Error('loopback only')
const pid = process.env.FG_SERVER_PID
const ticks = 100 // USER_HZ

function cpuSeconds() {
  if (!pid) return NaN
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ')
  return (Number(rest[11]) + Number(rest[12])) / ticks // utime, stime
}

function request(method, path, { body, headers = {}, agent, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body)
    const h = { ...headers }
    if (data !== undefined) {
      h['Content-Type'] = 'application/json'
      h['Content-Length'] = Buffer.byteLength(data)
    }
    const req = http.request(
      { host: base.hostname.replace(/[[\]]/g, ''), port: base.port, method, path: `/api/v1${path}`, headers: h, agent, localAddress },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }))
      },
    )
    req.setTimeout(30000, () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    if (data !== undefined) req.write(data)
    req.end()
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN
}
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN
}

async function measureMe(cookie, agent, until, max) {
  const times = []
  while (Date.now() < until && times.length < max) {
    const t0 = process.hrtime.bigint()
    const r = await request('GET', PATH, { headers: { Cookie: cookie }, agent })
    if (r.status !== 200) throw new Error(`GET ${PATH}: ${r.status} ${r.text}`)
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  return times
}

async function main() {
  // The measuring client has an address of its own (not the flooders').
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.2' })
  const login = await request('POST', '/auth/login', {
    body: { username: process.env.FG_ADMIN_USER || 'admin', password: process.env.FG_ADMIN_PASSWORD },
    agent,
  })
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${login.text}`)
  const cookie = login.headers['set-cookie'].find((c) => c.startsWith('fg_session=')).split(';')[0]

  // Phase 1: quiet server, 5 s or 500 requests.
  let cpu0 = cpuSeconds()
  let t0 = Date.now()
  const quiet = await measureMe(cookie, agent, Date.now() + 5000, 500)
  const quietCpu = (cpuSeconds() - cpu0) / ((Date.now() - t0) / 1000)

  // Phase 2: the flood, and GET /me measured one after another while it lasts.
  const statuses = {}
  const deadline = Date.now() + SECONDS * 1000
  const flooders = []
  for (let i = 0; i < FLOODERS; i++) {
    const localAddress = SOURCES === 'many' ? `127.0.1.${i + 1}` : '127.0.0.1'
    const a = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress })
    flooders.push(
      (async () => {
        while (Date.now() < deadline) {
          const username = `flood_${randomBytes(4).toString('hex')}`
          try {
            const r = await request('POST', '/auth/login', { body: { username, password: 'Wrong12345x' }, agent: a, localAddress })
            statuses[r.status] = (statuses[r.status] || 0) + 1
            if (r.status === 429 || r.status === 503) {
              // A well-behaved client would wait Retry-After; a flooder does not.
            }
          } catch (e) {
            statuses[e.message] = (statuses[e.message] || 0) + 1
          }
        }
      })(),
    )
  }
  await new Promise((r) => setTimeout(r, 1000)) // let the flood reach its steady state
  cpu0 = cpuSeconds()
  t0 = Date.now()
  const flooded = await measureMe(cookie, agent, deadline, MAX_MEASURED)
  const floodWall = (Date.now() - t0) / 1000
  const floodCpu = (cpuSeconds() - cpu0) / floodWall
  await Promise.all(flooders)

  const fmt = (x) => Math.round(x * 10) / 10
  console.log(
    JSON.stringify(
      {
        measured: `GET /api/v1${PATH}`,
        flooders: FLOODERS,
        sources: SOURCES,
        seconds: SECONDS,
        quiet: { n: quiet.length, median_ms: fmt(median(quiet)), p95_ms: fmt(pct(quiet, 0.95)), server_cpu_cores: fmt(quietCpu) },
        flooded: {
          n: flooded.length,
          median_ms: fmt(median(flooded)),
          p95_ms: fmt(pct(flooded, 0.95)),
          max_ms: fmt(Math.max(...flooded)),
          server_cpu_cores: fmt(floodCpu),
        },
        login_statuses: statuses,
        login_per_second: fmt(Object.values(statuses).reduce((a, b) => a + b, 0) / SECONDS),
      },
      null,
      1,
    ),
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
