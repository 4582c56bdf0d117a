// Issue 11 (hardening): the probes that found the defects, kept as tests. Each names its point.
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { BASE_URL, adminClient, userClient, assertError, idNumber, xlsxText } from './client.mjs'

/** Sends raw bytes on one connection and resolves to everything the server sent before it closed. */
function rawExchange(bytes, { timeoutMs = 3000 } = {}) {
  const { hostname, port } = new URL(BASE_URL)
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: hostname, port: Number(port) }, () => sock.write(bytes))
    let got = ''
    const timer = setTimeout(() => {
      sock.destroy()
      resolve({ text: got, closed: false })
    }, timeoutMs)
    sock.on('data', (d) => { got += d.toString('latin1') })
    sock.on('end', () => { clearTimeout(timer); resolve({ text: got, closed: true }) })
    sock.on('error', (e) => { clearTimeout(timer); reject(e) })
  })
}

const statusLines = (text) => text.split('\r\n').filter((l) => /^HTTP\/1\.[01] \d{3}/.test(l))

describe('hardening', () => {
  let admin, linzhou, auditor
  before(async () => {
    admin = await adminClient()
    linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
    auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
  })

  test('11.14 an unknown transfer coding is refused and its body is never served as a second request', async () => {
    const smuggled = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'
    for (const [te, status] of [['xchunked', 501], ['gzip, chunked', 501], ['chunked, gzip', 501], ['identity', 501], ['chunked, chunked', 400]]) {
      // Where chunked is last, Beast reads a chunked body: give it an empty one, then the smuggled request.
      const body = te.endsWith('chunked') ? `0\r\n\r\n${smuggled}` : smuggled
      const req = `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${te}\r\nContent-Type: application/json\r\n\r\n${body}`
      const { text, closed } = await rawExchange(req)
      const lines = statusLines(text)
      assert.equal(lines.length, 1, `${te}: exactly one answer, got ${JSON.stringify(lines)}`)
      assert.match(lines[0], new RegExp(` ${status} `), `${te}: ${lines[0]}`)
      assert.ok(closed, `${te}: the connection is closed`)
    }
    // A malformed chunked body gets a 400 and the connection closes.
    const bad = await rawExchange(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${smuggled}`)
    assert.deepEqual(statusLines(bad.text).map((l) => l.split(' ')[1]), ['400'])
    // A plain request still works.
    const ok = await rawExchange('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    assert.match(statusLines(ok.text)[0], / 200 /)
  })

  test('11.14 a NUL or control character in the path or query is a 400, never a file of another type', async () => {
    for (const path of ['/index.html%00.png', '/assets/x%00.js', '/api/v1/health%00', '/index.html%0d%0aX:%20y']) {
      const res = await fetch(`${BASE_URL}${path}`)
      assert.equal(res.status, 400, `${path}: ${res.status}`)
      assert.doesNotMatch(res.headers.get('content-type') || '', /image|javascript/)
    }
    assertError(await linzhou.get('/entrepreneurs', { query: { q: 'a\u0000b' } }), 400, 'bad_character', 'q')
  })

  test('11.9 a noncharacter or control character in any JSON field is refused naming the field', async () => {
    const person = { id_number: idNumber(), name: '李\uFFFE四', category: '农民工', region_code: '410581107', start_date: '2021-03-01' }
    assertError(await linzhou.post('/entrepreneurs', person), 400, 'bad_character', 'name')
    assertError(await linzhou.post('/entrepreneurs', { ...person, name: '李四', phone: '138\u00001234567' }), 400, 'bad_character', 'phone')
    const res = await linzhou.post('/entrepreneurs', { ...person, name: '李四' })
    assert.equal(res.status, 201, res.text)
  })

  test('11.6 the CSV export escapes every formula trigger, "-" included', async () => {
    const names = ['-2+3', '=SUM(A1)', '+1', '@x']
    for (const name of names) {
      const res = await linzhou.post('/entrepreneurs', { id_number: idNumber(), name, category: '农民工', region_code: '410581107', start_date: '2021-03-02' })
      assert.equal(res.status, 201, `${name}: ${res.text}`)
    }
    const csv = await linzhou.get('/entrepreneurs/export.csv', { query: { start_from: '2021-03-02', start_to: '2021-03-02' } })
    assert.equal(csv.status, 200)
    for (const name of names) assert.ok(csv.text.includes(`"'${name}"`), `${name} escaped`)
    for (const line of csv.text.split('\r\n')) {
      for (const cell of line.split(',')) assert.doesNotMatch(cell, /^[=+\-@]/, `cell ${cell}`)
    }
  })

  test('11.12 the audit log and its export keep what an auditor searched masked', async () => {
    const id = idNumber('410523')
    const phone = '13912345678'
    assert.equal((await auditor.get('/entrepreneurs', { query: { q: id } })).status, 200)
    assert.equal((await auditor.get('/entrepreneurs', { query: { q: phone } })).status, 200)
    const log = await admin.get('/audit', { query: { entity: 'api', page_size: 50 } })
    assert.equal(log.status, 200, log.text)
    assert.ok(log.json.items.some((e) => JSON.stringify(e.after).includes(`${id.slice(0, 4)}**********${id.slice(14)}`)),
      'the masked search is on record')
    assert.ok(!log.text.includes(id), 'no full ID number in the audit page')
    assert.ok(!log.text.includes(phone), 'no full phone number in the audit page')
    const x = await admin.get('/audit/export.xlsx', { query: { entity: 'api' } })
    assert.equal(x.status, 200)
    const text = await xlsxText(x.bytes)
    assert.ok(!text.includes(id) && !text.includes(phone), 'nor in its export')
  })
})
