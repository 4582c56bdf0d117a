// Regions: the Anyang tree, a county officer's scope, and the city_admin writes (docs/api.md "Regions").
import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { adminClient, userClient, createUser, assertError, walk } from './client.mjs'

const COUNTIES = ['410502', '410503', '410505', '410506', '410522', '410523', '410526', '410527', '410581']

function assertRegionShape(r, { children = true } = {}) {
  assert.match(r.code, /^\d{6}(\d{3})?$/, `code ${r.code}`)
  assert.equal(typeof r.name, 'string')
  assert.ok(r.name.length > 0)
  assert.ok(['city', 'county', 'township'].includes(r.level), `level ${r.level}`)
  assert.equal(typeof r.excluded_from_parent, 'boolean')
  assert.equal(typeof r.has_platform, 'boolean')
  if (children || 'children' in r) assert.ok(Array.isArray(r.children), `children of ${r.code}`)
  assert.ok('parent_code' in r)
}

describe('region tree and a county officer of 林州市', () => {
  let admin
  let officer
  before(async () => {
    admin = await adminClient()
    officer = await userClient(admin, { role: 'county_officer', region_code: '410581' })
    // accounts elsewhere, so that the county filter has something to leave out
    await createUser(admin, { role: 'county_officer', region_code: '410523' })
    await createUser(admin, { role: 'entrepreneur', region_code: '410526' })
    await createUser(admin, { role: 'township_staff', region_code: '410581001' })
  })

  test('GET /regions: scope 410581 and the whole tree from 410500 with its nine counties', async () => {
    const res = await officer.get('/regions')
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json.scope, '410581')
    const tree = res.json.tree
    assert.equal(tree.code, '410500')
    assert.equal(tree.name, '安阳市')
    assert.equal(tree.level, 'city')
    assert.deepEqual(tree.children.map((c) => c.code).sort(), COUNTIES)
    for (const c of tree.children) {
      assert.equal(c.level, 'county', c.code)
      assert.equal(c.parent_code, '410500', c.code)
    }
    const hua = tree.children.find((c) => c.code === '410526')
    assert.equal(hua.name, '滑县')
    assert.equal(hua.excluded_from_parent, true, '滑县 is excluded from the Anyang totals')
    for (const c of tree.children.filter((c) => c.code !== '410526')) assert.equal(c.excluded_from_parent, false, c.code)
    assert.equal(tree.children.find((c) => c.code === '410581').name, '林州市')
    for (const { node, parent } of walk(tree)) {
      assertRegionShape(node)
      if (parent) assert.equal(node.parent_code, parent.code)
      if (node.level === 'township') {
        assert.match(node.code, /^\d{9}$/)
        assert.ok(node.code.startsWith(parent.code), `${node.code} under ${parent.code}`)
        assert.equal(parent.level, 'county')
      }
    }
  })

  test('township service platforms: 69 townships have has_platform', async () => {
    const res = await admin.get('/regions')
    let n = 0
    for (const { node } of walk(res.json.tree)) if (node.level === 'township' && node.has_platform) n++
    assert.equal(n, 69)
    // the officer sees the same tree
    const mine = await officer.get('/regions')
    assert.deepEqual(mine.json.tree, res.json.tree)
    assert.equal(res.json.scope, '410500')
  })

  test('GET /users: only 林州市 accounts', async () => {
    const res = await officer.get('/users?page_size=200')
    assert.equal(res.status, 200, res.text)
    assert.ok(res.json.items.length >= 2, 'at least the officer and the township staff')
    for (const u of res.json.items) assert.ok(u.region.code.startsWith('410581'), `${u.username} in ${u.region.code}`)
    assert.ok(res.json.items.some((u) => u.username === officer.account.username))
    assert.ok(res.json.items.some((u) => u.region.code === '410581001'), 'township accounts of the county included')
    if (res.json.total <= 200) assert.equal(res.json.items.length, res.json.total)
    // a region filter inside the county works
    const sub = await officer.get('/users?region=410581001')
    assert.equal(sub.status, 200, sub.text)
    for (const u of sub.json.items) assert.equal(u.region.code, '410581001')
    // the export is restricted the same way
    const x = await officer.get('/users/export.xlsx')
    assert.equal(x.status, 200)
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK')
  })

  test('GET /users outside the county → 403 forbidden_region', async () => {
    for (const region of ['410523', '410500', '410526', '410523001']) {
      assertError(await officer.get(`/users?region=${region}`), 403, 'forbidden_region')
    }
    assertError(await officer.get('/users/export.xlsx?region=410523'), 403, 'forbidden_region')
  })

  test('a county officer cannot write users or regions', async () => {
    assertError(
      await officer.post('/users', { username: 'co_x_' + Date.now(), display_name: 'x', password: 'Passw0rd11', role: 'entrepreneur', region_code: '410581' }),
      403,
      'forbidden',
    )
    assertError(await officer.patch(`/users/${officer.user.id}`, { display_name: 'x' }), 403, 'forbidden')
    assertError(await officer.patch('/regions/410581', { name: 'x' }), 403, 'forbidden')
  })
})

describe('regions admin', () => {
  let admin
  let code
  before(async () => {
    admin = await adminClient()
  })

  test('POST /regions: a township under 林州市 → 201', async () => {
    // random 9xx code; retry on the rare clash with an earlier run
    let res
    for (let i = 0; i < 20; i++) {
      code = `410581${900 + Math.floor(Math.random() * 100)}`
      res = await admin.post('/regions', { code, name: `测试镇${code.slice(6)}`, parent_code: '410581' })
      if (res.status !== 409) break
    }
    assert.equal(res.status, 201, res.text)
    assertRegionShape(res.json, { children: false })
    assert.equal(res.json.code, code)
    assert.equal(res.json.level, 'township')
    assert.equal(res.json.parent_code, '410581')
    assert.equal(res.json.name, `测试镇${code.slice(6)}`)
    const tree = (await admin.get('/regions')).json.tree
    const lz = tree.children.find((c) => c.code === '410581')
    assert.ok(lz.children.some((t) => t.code === code), 'new township in the tree')
  })

  test('POST /regions: bad codes → 422 field code; existing code → 409', async () => {
    for (const bad of ['410582901', '41058190', '4105819001', 'abcdefghi', '410523901']) {
      assertError(await admin.post('/regions', { code: bad, name: '坏镇', parent_code: '410581' }), 422, 'invalid_field', 'code')
    }
    assertError(await admin.post('/regions', { code, name: '重复镇', parent_code: '410581' }), 409, 'conflict')
    assertError(await admin.post('/regions', { code: '410581001', name: '重复镇', parent_code: '410581' }), 409, 'conflict')
  })

  test('PATCH /regions/{code}: rename and toggle has_platform → 200', async () => {
    const renamed = await admin.patch(`/regions/${code}`, { name: `改名镇${code.slice(6)}` })
    assert.equal(renamed.status, 200, renamed.text)
    assertRegionShape(renamed.json, { children: false })
    assert.equal(renamed.json.name, `改名镇${code.slice(6)}`)
    assert.equal(renamed.json.code, code)
    const before = renamed.json.has_platform
    try {
      const on = await admin.patch(`/regions/${code}`, { has_platform: !before })
      assert.equal(on.status, 200, on.text)
      assert.equal(on.json.has_platform, !before)
      assert.equal(on.json.name, `改名镇${code.slice(6)}`, 'a toggle keeps the name')
      const tree = (await admin.get('/regions')).json.tree
      const node = tree.children.find((c) => c.code === '410581').children.find((t) => t.code === code)
      assert.equal(node.has_platform, !before)
      assert.equal(node.name, `改名镇${code.slice(6)}`)
    } finally {
      // back to the original value so the count of 69 platforms holds on the next run
      const off = await admin.patch(`/regions/${code}`, { has_platform: before })
      assert.equal(off.status, 200, off.text)
      assert.equal(off.json.has_platform, before)
    }
  })

  test('PATCH /regions: unknown code → 404; wrong type → 400; empty name → 422', async () => {
    assertError(await admin.patch('/regions/410581000', { name: 'x' }), 404, 'not_found')
    assertError(await admin.patch(`/regions/${code}`, { has_platform: 'yes' }), 400, undefined, 'has_platform')
    assertError(await admin.patch(`/regions/${code}`, { name: '' }), 422, undefined, 'name')
  })

  test('the region writes are audited', async () => {
    const res = await admin.get(`/audit?entity=region&q=${code}&page_size=50`)
    assert.equal(res.status, 200, res.text)
    const mine = res.json.items.filter((e) => e.entity_id === code)
    assert.ok(mine.some((e) => e.action === 'create' && e.before === null && e.after), 'create entry')
    const upd = mine.filter((e) => e.action === 'update')
    assert.ok(upd.length >= 3, `update entries: ${upd.length}`)
    assert.ok(upd.some((e) => e.before && e.after && e.before.name !== e.after.name), 'rename with before/after')
  })
})
