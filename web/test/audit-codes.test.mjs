// Every action and entity code the server declares for its audit log (each module's descriptor,
// src/<module>/module.cc, read from the binary: `fenggui meta`) has a label in both locales, so
// the audit page never shows a raw code and its filters offer every code. That the log holds no
// code a module did not declare is checked against the live server (tests/api/zz-meta.test.mjs).
//
//   FG_BINARY=build/fenggui node --test web/test/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { locales } from './locales.mjs'

const BIN = process.env.FG_BINARY || fileURLToPath(new URL('../../build/fenggui', import.meta.url))
const META = JSON.parse(execFileSync(BIN, ['meta'], { encoding: 'utf8', maxBuffer: 1 << 24 }))

test('the server declares the codes its modules record', () => {
  assert.ok(META.audit.actions.length >= 20, `${META.audit.actions.length} actions`)
  assert.ok(META.audit.entities.length >= 10, `${META.audit.entities.length} entities`)
})

for (const [locale, messages] of Object.entries(locales)) {
  test(`${locale} labels every audit action and entity`, () => {
    const missing = []
    for (const a of META.audit.actions) if (!messages.audit.actions[a.code]) missing.push(`action ${a.code}`)
    for (const e of META.audit.entities) if (!messages.audit.entities[e.code]) missing.push(`entity ${e.code}`)
    assert.deepEqual(missing, [], `${locale}: add to audit.actions / audit.entities`)
  })
}
