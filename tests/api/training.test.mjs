// Training classes (培训班) over HTTP: a class with trainees whose completion becomes training
// records that the progress report counts; bad input named, role and region enforced.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import { Client, adminClient, assertError, idNumber, userClient } from './client.mjs'

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10)
const yesterday = day(-1)

let admin, linzhou, tangyin, yaocun, auditor, expert
before(async () => {
  admin = await adminClient()
  linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
  tangyin = await userClient(admin, { role: 'county_officer', region_code: '410523' })
  yaocun = await userClient(admin, { role: 'township_staff', region_code: '410581107' })
  auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
  expert = await userClient(admin, { role: 'expert', region_code: '410500' })
})

const cls = (over = {}) => ({
  name: 'SYB创业培训班', mode: '课堂培训+创业实训', region_code: '410581107', start_date: day(-10),
  end_date: yesterday, hours: 56, organizer: '林州市就业训练中心', ...over,
})

test('a class: bad input named, region and role enforced', async () => {
  assertError(await yaocun.post('/training-classes', cls({ name: '' })), 422, 'invalid_field', 'name')
  assertError(await yaocun.post('/training-classes', cls({ mode: '随便' })), 422, 'invalid_field', 'mode')
  assertError(await yaocun.post('/training-classes', cls({ end_date: day(-20) })), 422, 'invalid_field', 'end_date')
  assertError(await yaocun.post('/training-classes', cls({ hours: 0 })), 422, 'invalid_field', 'hours')
  assertError(await yaocun.post('/training-classes', cls({ hours: '56' })), 400, 'bad_field', 'hours')
  assertError(await tangyin.post('/training-classes', cls()), 403)
  assertError(await auditor.post('/training-classes', cls()), 403)
  assertError(await expert.get('/training-classes'), 403)
  assertError(await new Client().get('/training-classes'), 401)
})

test('trainees complete the class and become training records the report counts', async () => {
  const made = await yaocun.post('/training-classes', cls())
  assert.equal(made.status, 201, made.text)
  const id = made.json.id
  const a = idNumber('410581', { from: 1980, years: 15 })
  const b = idNumber('410581', { from: 1980, years: 15 })
  assertError(await yaocun.post(`/training-classes/${id}/trainees`, { id_number: a }), 422, 'invalid_field', 'name')
  assertError(await yaocun.post(`/training-classes/${id}/trainees`, { id_number: '410581198001011234', name: '错号' }), 422)
  const ta = await yaocun.post(`/training-classes/${id}/trainees`, { id_number: a, name: '学员甲' })
  assert.equal(ta.status, 201, ta.text)
  assert.match(ta.json.id_number, /\*/)
  assertError(await yaocun.post(`/training-classes/${id}/trainees`, { id_number: a, name: '学员甲' }), 409)
  const tb = await yaocun.post(`/training-classes/${id}/trainees`, { id_number: b, name: '学员乙' })
  assert.equal(tb.status, 201)
  assertError(await tangyin.get(`/training-classes/${id}`), 403)

  const before = await linzhou.get('/reports/progress', { query: { region: '410581107', from: yesterday, to: yesterday } })
  const trainedBefore = before.json.indicators.find((i) => i.indicator === 'training').actual
  const done = await yaocun.post(`/training-classes/${id}/completion`, { trainee_ids: [ta.json.id, tb.json.id], completed: true })
  assert.equal(done.status, 200, done.text)
  assert.equal(done.json.completed, 2)
  assert.ok(done.json.trainee_list.every((t) => t.completed && t.activity_id))
  const after = await linzhou.get('/reports/progress', { query: { region: '410581107', from: yesterday, to: yesterday } })
  assert.equal(after.json.indicators.find((i) => i.indicator === 'training').actual, trainedBefore + 2)
  const acts = await linzhou.get('/activities', { query: { indicator: 'training', q: a } })
  assert.equal(acts.json.total, 1)
  assert.equal(acts.json.items[0].course, 'SYB创业培训班')
  assert.equal(acts.json.items[0].hours, 56)

  assertError(await yaocun.request('DELETE', `/training-classes/${id}/trainees/${ta.json.id}`), 409)
  const undo = await yaocun.post(`/training-classes/${id}/completion`, { trainee_ids: [ta.json.id], completed: false })
  assert.equal(undo.json.completed, 1)
  assert.equal((await linzhou.get('/activities', { query: { indicator: 'training', q: a } })).json.total, 0)
  assert.equal((await yaocun.request('DELETE', `/training-classes/${id}/trainees/${ta.json.id}`)).status, 204)

  const list = await auditor.get('/training-classes', { query: { q: 'SYB' } })
  assert.ok(list.json.items.some((k) => k.id === id && k.trainees === 1 && k.completed === 1))
})

test('a class that has not ended cannot be completed', async () => {
  const made = await yaocun.post('/training-classes', cls({ start_date: day(-1), end_date: day(5) }))
  assert.equal(made.status, 201, made.text)
  const t = await yaocun.post(`/training-classes/${made.json.id}/trainees`, { id_number: idNumber('410581', { from: 1985, years: 10 }), name: '学员丙' })
  assertError(await yaocun.post(`/training-classes/${made.json.id}/completion`, { trainee_ids: [t.json.id], completed: true }),
    422, 'invalid_field', 'end_date')
})
