// Guarantee loans over HTTP (docs/api.md "Guarantee loans"): policies, eligibility with cited
// policies, the workflow in every role with illegal steps and wrong regions, attachments,
// disbursement, repayment, the subsidy claim and its XLSX, the ledger export and the figures.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { Client, adminClient, assertError, idNumber, userClient, xlsxText } from './client.mjs'

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const year = today.slice(0, 4)
const quarter = `${year}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`

let admin, linzhou, tangyin, yaocun, fund, bank, auditor, expert
let person // {id_number, id}
before(async () => {
  admin = await adminClient()
  linzhou = await userClient(admin, { role: 'county_officer', region_code: '410581' })
  tangyin = await userClient(admin, { role: 'county_officer', region_code: '410523' })
  yaocun = await userClient(admin, { role: 'township_staff', region_code: '410581107' })
  fund = await userClient(admin, { role: 'bank', region_code: '410500', org_kind: 'guarantee_fund', org_name: '安阳市创业贷款担保中心' })
  bank = await userClient(admin, { role: 'bank', region_code: '410500', org_kind: 'bank', org_name: '林州农商银行' })
  auditor = await userClient(admin, { role: 'auditor', region_code: '410500' })
  expert = await userClient(admin, { role: 'expert', region_code: '410500' })
  person = await register('410581107', 1985)
})

/** Registers a person (born in `born`, so the age rule passes) and returns {id_number, id}. */
async function register(region, born = 1985) {
  for (;;) {
    const id = idNumber('410581', { from: born - 5, years: 10 })
    const res = await linzhou.post('/entrepreneurs', {
      id_number: id, name: '贷款测试人', phone: '13812345678', category: 'migrant_worker', region_code: region,
      start_date: '2021-03-01',
    })
    if (res.status === 409) continue
    assert.equal(res.status, 201, res.text)
    return { id_number: id, id: res.json.id }
  }
}

const application = (over = {}) => ({
  id_number: person.id_number, borrower_type: 'individual', amount_fen: 15000000, term_months: 24,
  purpose: '购置农机', business: '小麦种植', guarantee_mode: 'counter_guarantee', ...over,
})
const act = (client, id, action, extra = {}) => client.post(`/loan-applications/${id}/actions`, { action, ...extra })

describe('policies', () => {
  test('everyone logged in reads them; the seeded documents carry their terms', async () => {
    const res = await expert.get('/policies')
    assert.equal(res.status, 200)
    const docs = res.json.items.map((p) => p.doc_no)
    assert.ok(docs.includes('安政办〔2016〕97号') && docs.includes('安政办〔2020〕14号'))
    const p2020 = res.json.items.find((p) => p.doc_no === '安政办〔2020〕14号')
    assert.equal(p2020.individual_limit_fen, 20000000)
    assert.equal(p2020.organization_limit_fen, 150000000)
    assert.equal(p2020.effective_from, '2020-04-30')
    assert.equal(p2020.in_force_today, true)
    assert.ok(Array.isArray(p2020.eligible_categories))
    assertError(await new Client().get('/policies'), 401)
  })

  test('only the city writes them; bad fields are named', async () => {
    const body = {
      doc_no: `测试〔${Date.now()}〕1号`, issuer: '安阳市人民政府办公室', title: '测试政策', effective_from: '2000-01-01',
      effective_to: '2000-12-31', individual_limit_fen: 1000000, partnership_limit_fen: 2000000,
      organization_limit_fen: 2000000, max_term_months: 24, rate_cap_bp: 500, subsidy_share_bp: 10000,
      eligible_categories: ['migrant_worker'], min_age: 18, max_age: 60, max_loans: 3, credit_village_waiver: true,
    }
    assertError(await linzhou.post('/policies', body), 403)
    assertError(await admin.post('/policies', { ...body, effective_to: '1999-01-01' }), 422, 'invalid_field', 'effective_to')
    assertError(await admin.post('/policies', { ...body, eligible_categories: ['nobody'] }), 422, 'invalid_field', 'eligible_categories')
    const made = await admin.post('/policies', body)
    assert.equal(made.status, 201, made.text)
    assertError(await admin.post('/policies', body), 409, 'conflict', 'doc_no')
    const edited = await admin.request('PUT', `/policies/${made.json.id}`, { body: { ...body, title: '测试政策（修订）' } })
    assert.equal(edited.status, 200, edited.text)
    assert.equal(edited.json.title, '测试政策（修订）')
  })
})

describe('eligibility', () => {
  test('every rule is reported, each citing the policy in force', async () => {
    const res = await yaocun.post('/loan-applications/check', application())
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json.eligible, true)
    assert.equal(res.json.policy.doc_no, '安政办〔2020〕14号')
    const codes = res.json.reasons.map((r) => r.code)
    for (const c of ['category', 'limit', 'term', 'age', 'outstanding', 'repeat', 'open_application', 'guarantee']) {
      assert.ok(codes.includes(c), `reason ${c}`)
    }
    for (const r of res.json.reasons) assert.equal(r.policy_doc_no, '安政办〔2020〕14号')
  })

  test('over the limit of today: refused with the policy named, nothing stored', async () => {
    const res = await yaocun.post('/loan-applications/check', application({ amount_fen: 20000100, term_months: 60 }))
    assert.equal(res.json.eligible, false)
    const limit = res.json.reasons.find((r) => r.code === 'limit')
    assert.equal(limit.ok, false)
    assert.match(limit.message, /20万元/)
    assert.equal(res.json.reasons.find((r) => r.code === 'term').ok, false)
    const sub = await yaocun.post('/loan-applications', application({ amount_fen: 20000100 }))
    assertError(sub, 422, 'ineligible')
    assert.ok(sub.json.reasons.some((r) => r.code === 'limit' && !r.ok))
  })

  test('bad input names the field; unknown people and other regions are refused', async () => {
    assertError(await yaocun.post('/loan-applications', application({ borrower_type: 'friend' })), 422, 'invalid_field', 'borrower_type')
    assertError(await yaocun.post('/loan-applications', application({ purpose: '' })), 422, 'invalid_field', 'purpose')
    assertError(await yaocun.post('/loan-applications', application({ amount_fen: '100' })), 400, 'bad_field', 'amount_fen')
    assertError(await yaocun.post('/loan-applications', application({ id_number: idNumber('410581') })), 422, 'invalid_field', 'id_number')
    assertError(await tangyin.post('/loan-applications', application()), 403)
    assertError(await expert.post('/loan-applications', application()), 403)
  })
})

describe('the workflow', () => {
  let id, loanId
  test('township submits; the queue of each role shows what waits for it', async () => {
    const res = await yaocun.post('/loan-applications', application())
    assert.equal(res.status, 201, res.text)
    assert.equal(res.json.status, 'submitted')
    assert.match(res.json.app_no, /^DB\d{4}-\d{6}$/)
    assert.equal(res.json.policy_doc_no, '安政办〔2020〕14号')
    assert.equal(res.json.limit_fen, 20000000)
    assert.match(res.json.person.id_number, /\*/, 'masked')
    id = res.json.id
    const again = await yaocun.post('/loan-applications', application())
    assertError(again, 422, 'ineligible')
    assert.ok(again.json.reasons.some((r) => r.code === 'open_application' && !r.ok))
    const mine = await yaocun.get('/loan-applications', { query: { queue: 'mine' } })
    assert.ok(mine.json.items.some((a) => a.id === id))
    const countyQueue = await linzhou.get('/loan-applications', { query: { queue: 'mine' } })
    assert.ok(!countyQueue.json.items.some((a) => a.id === id), 'not yet the county’s turn')
    const counts = await yaocun.get('/loan-applications/queue-counts')
    assert.ok(counts.json.mine >= 1)
  })

  test('attachments: PDF accepted, other content refused whatever its name', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255]), Buffer.from('\n%%EOF')])
    const up = await yaocun.request('POST', `/loan-applications/${id}/attachments`, {
      raw: pdf, query: { filename: '营业执照.pdf' }, headers: { 'Content-Type': 'application/pdf' },
    })
    assert.equal(up.status, 201, up.text)
    const bad = await yaocun.request('POST', `/loan-applications/${id}/attachments`, {
      raw: Buffer.from('MZ\x90\x00this is an exe'), query: { filename: 'plan.pdf' },
    })
    assertError(bad, 422, 'invalid_field', 'file')
    const down = await linzhou.get(`/loan-applications/${id}/attachments/${up.json.id}`)
    assert.equal(down.status, 200)
    assert.deepEqual(down.bytes, pdf)
    assert.equal(down.headers.get('x-content-type-options'), 'nosniff')
    assertError(await tangyin.get(`/loan-applications/${id}/attachments/${up.json.id}`), 403)
  })

  test('illegal steps are refused; the wrong role and region too', async () => {
    assertError(await act(linzhou, id, 'county_approve'), 409, 'illegal_transition')
    assertError(await act(bank, id, 'disburse', { disbursed_date: today }), 403)
    assertError(await act(linzhou, id, 'township_check'), 403)
    assertError(await act(yaocun, id, 'fly'), 422, 'invalid_field', 'action')
    assertError(await tangyin.get(`/loan-applications/${id}`), 403)
    assertError(await new Client().get(`/loan-applications/${id}`), 401)
    const detail = await yaocun.get(`/loan-applications/${id}`)
    assert.deepEqual(detail.json.allowed_actions.sort(), ['reject', 'return', 'township_check'])
  })

  test('returned with a reason, fixed and resubmitted', async () => {
    assert.equal((await act(yaocun, id, 'township_check')).status, 200)
    assertError(await act(tangyin, id, 'county_approve'), 403)
    assertError(await act(linzhou, id, 'return'), 422, 'invalid_field', 'comment')
    const ret = await act(linzhou, id, 'return', { comment: '请补充经营场所证明' })
    assert.equal(ret.json.status, 'returned')
    const fixed = await yaocun.request('PUT', `/loan-applications/${id}`, { body: application({ amount_fen: 12000000 }) })
    assert.equal(fixed.status, 200, fixed.text)
    assert.equal(fixed.json.amount_fen, 12000000)
    assert.equal((await act(yaocun, id, 'resubmit')).json.status, 'submitted')
    assert.equal((await act(yaocun, id, 'township_check')).json.status, 'township_checked')
  })

  test('bulk approval by the county; then the fund and the bank', async () => {
    const bulk = await linzhou.post('/loan-applications/bulk', { action: 'county_approve', ids: [id, 999999999] })
    assert.equal(bulk.status, 200, bulk.text)
    assert.deepEqual(bulk.json.done, [id])
    assert.equal(bulk.json.failed.length, 1)
    assert.equal(bulk.json.failed[0].id, 999999999)
    assertError(await act(bank, id, 'guarantee'), 403)
    assert.equal((await act(fund, id, 'guarantee')).json.status, 'guaranteed')
    assertError(await act(bank, id, 'bank_approve', { rate_bp: 900, repayment_method: 'equal_principal' }), 422, 'invalid_field', 'rate_bp')
    assertError(await act(bank, id, 'bank_approve', { rate_bp: 435, repayment_method: 'whenever' }), 422, 'invalid_field', 'repayment_method')
    const ok = await act(bank, id, 'bank_approve', { rate_bp: 435, repayment_method: 'equal_principal' })
    assert.equal(ok.json.status, 'bank_approved', ok.text)
    assert.equal(ok.json.bank, '林州农商银行')
    assertError(await act(bank, id, 'disburse', { disbursed_date: '2999-01-01' }), 422, 'invalid_field', 'disbursed_date')
    const paid = await act(bank, id, 'disburse', { disbursed_date: today })
    assert.equal(paid.status, 200, paid.text)
    assert.equal(paid.json.status, 'disbursed')
    loanId = paid.json.loan_id
    assert.ok(loanId)
    const detail = await auditor.get(`/loan-applications/${id}`)
    assert.equal(detail.status, 200)
    assert.deepEqual(detail.json.steps.map((s) => s.action),
      ['submit', 'township_check', 'return', 'resubmit', 'township_check', 'county_approve', 'guarantee', 'bank_approve', 'disburse'])
    assert.equal(detail.json.steps[2].comment, '请补充经营场所证明')
    assert.ok(detail.json.steps.every((s) => s.username && s.at))
    assert.deepEqual(detail.json.allowed_actions, [])
    assert.equal(detail.json.loan.policy_doc_no, '安政办〔2020〕14号')
    // The bank needs the full ID number to lend: shown on request, and the view is audited.
    assertError(await auditor.post(`/loan-applications/${id}/reveal`), 403)
    assertError(await tangyin.post(`/loan-applications/${id}/reveal`), 403)
    const full = await bank.post(`/loan-applications/${id}/reveal`)
    assert.equal(full.status, 200, full.text)
    assert.equal(full.json.id_number, person.id_number)
    assert.equal(full.json.phone, '13812345678')
    const log = await admin.get('/audit', { query: { action: 'reveal', entity: 'loan_application' } })
    assert.ok(log.json.items.some((e) => e.entity_id === String(id) && e.username === bank.account.username))
  })

  test('the loan: schedule, repayment by the bank, subsidy and its quarterly claim', async () => {
    const loan = await bank.get(`/loans/${loanId}`)
    assert.equal(loan.status, 200, loan.text)
    assert.equal(loan.json.schedule.length, 24)
    assert.equal(loan.json.schedule[0].principal_fen, 500000) // 120000 yuan / 24
    assert.equal(loan.json.schedule[0].interest_fen, 43500) // 120000 × 4.35% / 12
    assert.equal(loan.json.overdue_days, 0)
    assertError(await fund.post(`/loans/${loanId}/repayments`, { paid_date: today, principal_fen: 1, interest_fen: 0, ref: 'x' }), 403)
    assertError(await bank.post(`/loans/${loanId}/repayments`, { paid_date: today, principal_fen: 99999999, interest_fen: 0, ref: 'x' }),
      422, 'invalid_field', 'principal_fen')
    // Issue 11.2: one repayment of INT64_MAX interest broke GET /loans/figures for everyone.
    const huge = `{"paid_date":"${today}","principal_fen":1,"interest_fen":9223372036854775807,"ref":"TX-HUGE"}`
    assertError(await bank.post(`/loans/${loanId}/repayments`, undefined, { raw: huge, headers: { 'Content-Type': 'application/json' } }),
      422, 'invalid_field', 'interest_fen')
    assert.equal((await linzhou.get('/loans/figures', { query: { from: `${year}-01-01`, to: today } })).status, 200)
    const rep = await bank.post(`/loans/${loanId}/repayments`, { paid_date: today, principal_fen: 500000, interest_fen: 43500, ref: 'TX-1' })
    assert.equal(rep.status, 201, rep.text)
    assert.equal(rep.json.subsidy_fen, 43500, 'under the rate cap, the whole interest is subsidised')
    assertError(await bank.post(`/loans/${loanId}/repayments`, { paid_date: today, principal_fen: 1, interest_fen: 0, ref: 'TX-1' }), 409)
    const after = await linzhou.get(`/loans/${loanId}`)
    assert.equal(after.json.status, 'repaying')
    assert.equal(after.json.repaid_principal_fen, 500000)
    assert.equal(after.json.schedule[0].paid_principal_fen, 500000)

    assertError(await yaocun.post('/subsidy-claims', { quarter }), 403)
    assertError(await linzhou.post('/subsidy-claims', { quarter: '2026Q9' }), 422, 'invalid_field', 'quarter')
    const claim = await linzhou.post('/subsidy-claims', { quarter, region_code: '410581' })
    assert.equal(claim.status, 201, claim.text)
    assert.ok(claim.json.total_subsidy_fen >= 43500)
    const lines = await linzhou.get(`/subsidy-claims/${claim.json.id}`)
    assert.ok(lines.json.lines.some((l) => l.subsidy_fen === 43500 && l.policy_doc_no === '安政办〔2020〕14号'))
    const x = await linzhou.get(`/subsidy-claims/${claim.json.id}.xlsx`)
    assert.equal(x.status, 200)
    assert.match(x.headers.get('content-type'), /spreadsheetml/)
    assert.match(await xlsxText(x.bytes), /贴息金额/)
    assertError(await tangyin.get(`/subsidy-claims/${claim.json.id}`), 403)
    assertError(await linzhou.post(`/subsidy-claims/${claim.json.id}/actions`, { action: 'mark_paid' }), 409, 'illegal_transition')
    assert.equal((await linzhou.post(`/subsidy-claims/${claim.json.id}/actions`, { action: 'submit' })).json.status, 'submitted')
    assertError(await linzhou.post(`/subsidy-claims/${claim.json.id}/actions`, { action: 'mark_paid' }), 403)
    assert.equal((await admin.post(`/subsidy-claims/${claim.json.id}/actions`, { action: 'mark_paid' })).json.status, 'paid')
  })

  test('ledger list, export and figures follow role and region', async () => {
    const list = await linzhou.get('/loans', { query: { q: person.id_number } })
    assert.equal(list.status, 200)
    assert.equal(list.json.total, 1)
    assert.equal(list.json.items[0].status, 'repaying')
    assert.equal((await tangyin.get('/loans', { query: { q: person.id_number } })).json.total, 0)
    assertError(await tangyin.get('/loans', { query: { region: '410581' } }), 403, 'forbidden_region')
    assertError(await tangyin.get(`/loans/${loanId}`), 403)
    assertError(await expert.get('/loans'), 403)
    assertError(await linzhou.get('/loans', { query: { status: 'lost' } }), 400)
    const x = await linzhou.get('/loans/export.xlsx', { query: { q: person.id_number } })
    assert.equal(x.status, 200)
    const text = await xlsxText(x.bytes)
    assert.match(text, /安政办〔2020〕14号/)
    assert.ok(!text.includes(person.id_number), 'ID numbers masked in the export')
    const figs = await linzhou.get('/loans/figures', { query: { from: `${year}-01-01`, to: today } })
    assert.equal(figs.status, 200, figs.text)
    assert.ok(figs.json.disbursed_fen >= 12000000)
    assert.ok(figs.json.borrowers >= 1)
    assert.ok(figs.json.subsidy_paid_fen >= 43500)
    assert.ok(Array.isArray(figs.json.monthly) && Array.isArray(figs.json.by_county))
    assert.equal(typeof figs.json.pipeline.submitted, 'number')
    const report = await linzhou.get('/reports/progress', { query: { region: '410581', from: `${year}-01-01`, to: today } })
    assert.ok(report.json.loans.amount_yuan >= 120000, 'the progress report reads the disbursed loan')
  })
})

describe('the entrepreneur on the portal', () => {
  test('applies for themself only and sees only their own', async () => {
    const me = await register('410581107', 1990)
    const ent = await userClient(admin, { role: 'entrepreneur', region_code: '410581107', id_number: me.id_number })
    assert.equal(ent.user.person_id, me.id)
    assert.ok(ent.modules.includes('loans'))
    const chk = await ent.post('/loan-applications/check', { borrower_type: 'individual', amount_fen: 5000000, term_months: 12 })
    assert.equal(chk.json.eligible, true, chk.text)
    const mine = await ent.post('/loan-applications', {
      id_number: person.id_number, borrower_type: 'individual', amount_fen: 5000000, term_months: 12,
      purpose: '开网店', business: '电商', guarantee_mode: 'credit_village',
    })
    assert.equal(mine.status, 201, mine.text)
    assert.equal(mine.json.person.id, me.id, 'an entrepreneur applies for themself whatever ID number is sent')
    const list = await ent.get('/loan-applications')
    assert.ok(list.json.items.every((a) => a.person.id === me.id))
    const others = await yaocun.get('/loan-applications')
    const other = others.json.items.find((a) => a.person.id !== me.id)
    if (other) assertError(await ent.get(`/loan-applications/${other.id}`), 403)
    assertError(await ent.post(`/loan-applications/${mine.json.id}/actions`, { action: 'township_check' }), 403)
    const unlinked = await userClient(admin, { role: 'entrepreneur', region_code: '410581107' })
    assertError(await unlinked.post('/loan-applications/check', { borrower_type: 'individual', amount_fen: 100, term_months: 12 }), 403)
    const dup = await admin.post('/users', {
      username: `dup_${Date.now()}`, display_name: 'x', password: 'Passw0rd2024', role: 'entrepreneur',
      region_code: '410581107', id_number: me.id_number,
    })
    assertError(dup, 409, 'conflict', 'id_number')
  })
})
