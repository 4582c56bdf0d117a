// Every page the server's menu names (GET /meta `menu`, read from the binary: `fenggui meta`)
// is registered by its module's own web/src/pages/<folder>/routes.js — a route of that name and
// an icon — and has a menu label in both locales: a module added on the server without its web
// part fails here, and no list elsewhere in the web app has to be edited.
//
//   FG_BINARY=build/fenggui node --test web/test/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync, existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { locales, moduleMessageCount } from './locales.mjs'
import { mergeMessages } from '../src/i18n/merge.js'

const BIN = process.env.FG_BINARY || fileURLToPath(new URL('../../build/fenggui', import.meta.url))
const META = JSON.parse(execFileSync(BIN, ['meta'], { encoding: 'utf8', maxBuffer: 1 << 24 }))
const PAGES = fileURLToPath(new URL('../src/pages/', import.meta.url))

async function registered() {
  const routes = new Map()
  const icons = {}
  for (const folder of readdirSync(PAGES)) {
    const file = `${PAGES}${folder}/routes.js`
    if (!existsSync(file)) continue
    const m = await import(pathToFileURL(file).href)
    for (const r of m.default) routes.set(r.name, { folder, ...r })
    Object.assign(icons, m.icons || {})
  }
  return { routes, icons }
}

test('every menu entry of the server is a page its module registers, with an icon and labels', async () => {
  const { routes, icons } = await registered()
  assert.ok(META.menu.length >= 10, 'the server declares its menu')
  for (const { module } of META.menu) {
    const r = routes.get(module)
    assert.ok(r, `no pages/*/routes.js registers the page "${module}"`)
    assert.equal(r.meta.module, module, `the route "${module}" is guarded by its own menu entry`)
    assert.ok(icons[module], `no icon for the menu entry "${module}"`)
    for (const [name, msgs] of Object.entries(locales)) {
      assert.ok(msgs.menu && msgs.menu[module], `no ${name} label menu.${module}`)
    }
  }
})

test('a detail page is guarded by the menu entry of its module', async () => {
  const { routes } = await registered()
  const menu = new Set(META.menu.map((e) => e.module))
  for (const [name, r] of routes) {
    assert.ok(menu.has(r.meta.module), `route ${name} names an unknown module ${r.meta.module}`)
  }
})

// A module's texts live beside its pages (pages/<module>/messages.js) and reach both locales by
// merging; a key given twice is an error rather than a silent override.
test("a module's own messages are merged into both locales, and may not replace a key", () => {
  assert.ok(moduleMessageCount >= 1, 'at least one module keeps its messages beside its pages')
  for (const msgs of Object.values(locales)) {
    assert.ok(msgs.targets && msgs.targets.title, 'targets.title comes from pages/targets/messages.js')
    assert.ok(msgs.audit.entities.target, 'a module adds its audit labels to the shared group')
    assert.ok(msgs.audit.actions.create, 'and the base keeps its own')
  }
  assert.throws(() => mergeMessages({ a: { b: 'x' } }, { a: { b: 'y' } }), /a\.b is defined twice/)
  assert.deepEqual(mergeMessages({ a: { b: 'x' } }, { a: { c: 'y' } }), { a: { b: 'x', c: 'y' } })
})
