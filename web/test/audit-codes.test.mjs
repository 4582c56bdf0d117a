// Every action and entity code the server writes to the audit log has a label in both locales, so
// the audit page never shows a raw code and its filters offer every code.
//
// The codes are read from the C++ sources (src/): each audit::record / audit::record_outbox call,
// and each call of a function that forwards its codes to them. A code given as a variable is
// resolved from where its values are spelled out (the comparisons `action == "…"` in the same
// file, or a label table named below); a variable that cannot be resolved fails the test, so a new
// kind of call is never skipped silently.
//
//   node --test web/test/
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zhCN from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SRC = path.join(ROOT, 'src')

// Functions that take (connection, actor, action, entity, …) and pass them on to audit::record.
// Calls inside their own bodies forward parameters and are not codes themselves.
const FORWARDERS = [{ file: 'auth/service.cc', name: 'record_state', definition: 'void Service::record_state(' }]

// Variables whose values are a label table rather than comparisons in the same file.
const TABLES = {
  'loans/workflow.cc in.action': { file: 'loans/model.h', table: 'kActions' },
}

function sourceFiles(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p))
    else if (/\.(cc|h)$/.test(name)) out.push(p)
  }
  return out
}

/** The comma-separated arguments of the call whose '(' is at `open`, nesting and strings respected. */
function callArguments(text, open) {
  const args = []
  let depth = 0
  let start = open + 1
  for (let i = open; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++
    } else if ('([{'.includes(ch)) {
      depth++
    } else if (')]}'.includes(ch)) {
      depth--
      if (depth === 0) {
        args.push(text.slice(start, i).trim())
        return args
      }
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  throw new Error('unbalanced call')
}

const literals = (expr) => [...expr.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1])
const lineOf = (text, index) => text.slice(0, index).split('\n').length

function tableKeys(file, table) {
  const text = readFileSync(path.join(SRC, file), 'utf8')
  const at = text.indexOf(`${table} = {`)
  assert.ok(at >= 0, `${table} in src/${file}`)
  const body = callArguments(text, text.indexOf('{', at)).join(',')
  return [...body.matchAll(/\{\s*"([^"]+)"\s*,/g)].map((m) => m[1])
}

/** The codes an argument can take: its literals, or else the values its variable is compared with. */
function codesOf(expr, file, text, where) {
  const found = literals(expr)
  if (found.length) return found
  const known = TABLES[`${file} ${expr}`]
  if (known) return tableKeys(known.file, known.table)
  const name = expr.split(/\.|->/).pop()
  const compared = [...text.matchAll(new RegExp(`\\b${name}\\s*==\\s*"([^"]+)"`, 'g'))].map((m) => m[1])
  assert.ok(compared.length, `cannot tell which codes ${where} records as \`${expr}\``)
  return compared
}

function serverCodes() {
  const actions = new Set()
  const entities = new Set()
  const callee = new RegExp(`\\b(audit::record_outbox|audit::record|${FORWARDERS.map((f) => f.name).join('|')})\\s*\\(`, 'g')
  for (const full of sourceFiles(SRC)) {
    const file = path.relative(SRC, full).split(path.sep).join('/')
    if (file.startsWith('audit/')) continue // the recorder itself
    const text = readFileSync(full, 'utf8')
    const skip = FORWARDERS.filter((f) => f.file === file).map((f) => {
      const start = text.indexOf(f.definition)
      assert.ok(start >= 0, `${f.definition} in src/${file}`)
      return [start, text.indexOf('\n}\n', start)]
    })
    for (const m of text.matchAll(callee)) {
      const open = m.index + m[0].length - 1
      if (skip.some(([a, b]) => m.index >= a && m.index <= b)) continue
      const args = callArguments(text, open)
      if (args.length < 4 || /^(const\s|void\s)/.test(args[2]) || /std::string&/.test(args[2])) continue // a declaration
      const where = `src/${file}:${lineOf(text, m.index)}`
      for (const code of codesOf(args[2], file, text, where)) actions.add(code)
      for (const code of codesOf(args[3], file, text, where)) entities.add(code)
    }
  }
  return { actions: [...actions].sort(), entities: [...entities].sort() }
}

const codes = serverCodes()

test('the sources give the codes every module records', () => {
  // a reader that found nothing would make the checks below pass for nothing
  for (const code of ['login', 'create', 'county_approve', 'mark_paid', 'score', 'add_trainee']) {
    assert.ok(codes.actions.includes(code), `action ${code}`)
  }
  for (const code of ['session', 'loan_application', 'subsidy_claim', 'competition_entry', 'training_class', 'market_entities']) {
    assert.ok(codes.entities.includes(code), `entity ${code}`)
  }
})

for (const [locale, messages] of [['zh-CN', zhCN], ['en', en]]) {
  test(`${locale} labels every audit action and entity`, () => {
    const missingActions = codes.actions.filter((c) => !messages.audit.actions[c])
    const missingEntities = codes.entities.filter((c) => !messages.audit.entities[c])
    assert.deepEqual({ actions: missingActions, entities: missingEntities }, { actions: [], entities: [] })
  })
}
