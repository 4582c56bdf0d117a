// Every code of every enumeration the server declares (each module's descriptor,
// src/<module>/module.cc, read from the binary: `fenggui meta`) has a label in both locales, so
// no page shows a raw code; a code added on the server without its labels fails here.
//
//   FG_BINARY=build/fenggui node --test web/test/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { locales } from './locales.mjs'

const BIN = process.env.FG_BINARY || fileURLToPath(new URL('../../build/fenggui', import.meta.url))
const META = JSON.parse(execFileSync(BIN, ['meta'], { encoding: 'utf8', maxBuffer: 1 << 24 }))

// The i18n messages that label each enumeration's codes (`${key}.${code}`); null: its codes are
// the Chinese words shown as they are (a training mode).
const LABELS = {
  application_statuses: 'loans.status',
  loan_statuses: 'loans.status',
  borrower_types: 'loans.borrowerTypes',
  guarantee_modes: 'loans.guaranteeModes',
  repayment_methods: 'loans.repaymentMethods',
  claim_statuses: 'loans.claimStatus',
  categories: 'categories',
  entity_types: 'entityTypes',
  indicators: 'indicators',
  training_modes: null,
  phases: 'competitions.phases',
  entry_statuses: 'competitions.statuses',
  group_rules: 'competitions.rules',
  prizes: 'competitions.prizes',
  roles: 'roles',
}

const lookup = (messages, path) => path.split('.').reduce((m, k) => (m && typeof m === 'object' ? m[k] : undefined), messages)

test('the server declares the enumerations the web app labels', () => {
  assert.deepEqual(Object.keys(META.enumerations).sort(), Object.keys(LABELS).sort(), 'add the new enumeration to LABELS')
  for (const [name, codes] of Object.entries(META.enumerations)) assert.ok(codes.length > 0, name)
})

for (const [locale, messages] of Object.entries(locales)) {
  test(`${locale} labels every code of every enumeration`, () => {
    const missing = []
    for (const [name, codes] of Object.entries(META.enumerations)) {
      const key = LABELS[name]
      if (key === null) continue
      for (const code of codes) {
        const label = key && lookup(messages, `${key}.${code}`)
        if (typeof label !== 'string' || !label) missing.push(`${name}: ${key}.${code}`)
      }
    }
    assert.deepEqual(missing, [], `${locale}: add the labels`)
  })
}
