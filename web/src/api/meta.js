// What the server declares about itself (GET /meta): permissions, menu, the ledger kinds' columns,
// the audit codes and the enumerations. It does not change while the server runs: fetched once
// per page load.
import { reactive } from 'vue'
import { http } from './http.js'

let pending = null

export function getMeta() {
  if (!pending) {
    pending = http.get('/meta').catch((err) => {
      pending = null // a failed fetch is tried again next time
      throw err
    })
  }
  return pending
}

/** The columns of each ledger kind: { kind: [{ key, zh, required }] }. */
export const ledgerColumns = () =>
  getMeta().then((meta) => Object.fromEntries((meta.ledger_kinds || []).map((k) => [k.kind, k.columns || []])))

/**
 * The codes of the server's enumerations, { name: [code, …] } in display order (docs/api.md
 * "Meta"), e.g. enums.loan_statuses. Filled by loadEnumerations(), which the router awaits before
 * it opens a page that needs a login; labels are the locales' (web/test/enumerations.test.mjs).
 */
export const enums = reactive({})

let enumsLoaded = false
export async function loadEnumerations() {
  if (enumsLoaded) return
  const meta = await getMeta()
  Object.assign(enums, meta.enumerations || {})
  enumsLoaded = true
}
