// What the server declares about itself (GET /meta): permissions, menu, the ledger kinds' columns
// and the audit codes. It does not change while the server runs: fetched once per page load.
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
