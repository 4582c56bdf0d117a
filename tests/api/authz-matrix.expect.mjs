// Who may call what: the expected answer of every route of the API for every role, written down
// once. tests/api/authz-matrix.test.mjs reads the route table from the binary (`fenggui routes
// --format json`) and fails when a route has no entry here or an entry names a route that no
// longer exists: a new route is not done until its line is added.
//
// An entry, keyed "METHOD /pattern" exactly as the route table prints it:
//   roles   the roles that may call it (the nine of ROLES below; `fund` is a `bank` account of
//           org_kind guarantee_fund). Every other role must get `deny`.
//   scope   'region': the route acts on a record (or a region) that the caller's region must
//           reach. It is called twice per role: on the fixture of 林州市 410581 (`in`: inside the
//           region of every 林州 account, and owned by / assigned to the matrix entrepreneur and
//           expert) and on that of 汤阴县 410523 (`out`). A role of `roles` is allowed `out` only
//           when it is in `wide` (default: the city-wide accounts, city_admin and auditor).
//           Lists and reports take the target's township as `region` (inside every 林州 account's
//           region, a township officer's included).
//           'none': no target; called once per role.
//   deny    the status a refused role gets: 403 (default), or per role, e.g. { entrepreneur: 404 }
//           where even the existence of another's record is private (docs/api.md says which).
//   req     (t) => ({ params, query, body, raw, headers }) for target t (fixtures, see the test):
//           path parameters by name, and the input. Bodies are chosen to be harmless: they fail
//           validation *after* the authorisation checks (an allowed role then gets 400/404/409/
//           422, never 401/403), or act on throwaway fixtures.
//   variants [{ name, ...entry }]: several cells sets for one route, e.g. the record of the path
//           and each record the body refers to (a trainee's person, an entity's founder).
//   public  no session needed: every caller, anonymous or not, gets the same non-401/403 answer
//           (or `status` exactly).
//   session 'fresh': the call uses a fresh login of the role (logout ends the session).
//
// Allowed means: not 401, not 403, not 500, and not the route's `deny` status (so where a refusal
// is a 404, an allowed call must not be one). Refused means exactly `deny`. Every non-public route
// must also answer 401 to a caller without a session.

export const ROLES = ['city_admin', 'county_officer', 'township_staff', 'expert', 'mentor', 'bank', 'fund', 'entrepreneur', 'auditor']

const ALL = ROLES
const ADMIN = ['city_admin']
const OFFICE = ['city_admin', 'county_officer', 'township_staff', 'auditor'] // docs/api.md: the office roles
const WRITERS = ['city_admin', 'county_officer', 'township_staff']
const AUDIT_READERS = ['city_admin', 'auditor']
const BANKS = ['bank', 'fund']
const APPLICANT_SIDE = ['township_staff', 'county_officer', 'entrepreneur'] // who files and fixes an application
const LOAN_READERS = [...OFFICE, ...BANKS, 'entrepreneur'] // an entrepreneur: their own only
const CONTEST_READERS = ['city_admin', 'auditor', 'county_officer', 'entrepreneur', 'expert']
const EMPTY = Buffer.alloc(0)

export const EXPECT = {
  // ---- platform
  'GET /api/v1/health': { public: true },
  'POST /api/v1/auth/login': {
    public: true, status: 401, // wrong credentials for everyone; a random name so no lock builds up
    req: (t) => ({ body: { username: `nobody_${t.nonce()}`, password: 'Wrong12345' } }),
  },
  'POST /api/v1/auth/logout': { roles: ALL, scope: 'none', session: 'fresh' },
  'GET /api/v1/me': { roles: ALL, scope: 'none' },
  // What the web app reads instead of copying: permissions, menu, ledger schemas, audit codes.
  'GET /api/v1/meta': { roles: ALL, scope: 'none' },
  'POST /api/v1/me/password': { roles: ALL, scope: 'none', req: () => ({ body: {} }) },
  'POST /api/v1/me/notices/seen': { roles: ALL, scope: 'none', req: () => ({ body: {} }) },

  // ---- users: the city administers; a county officer lists their county's accounts
  'GET /api/v1/users': { roles: ['city_admin', 'county_officer'], scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/users/export.xlsx': { roles: ['city_admin', 'county_officer'], scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'POST /api/v1/users': { roles: ADMIN, scope: 'none', req: () => ({ body: {} }) },
  'PATCH /api/v1/users/{id}': { roles: ADMIN, scope: 'region', req: (t) => ({ params: { id: t.user }, body: {} }) },
  'POST /api/v1/users/{id}/password': { roles: ADMIN, scope: 'region', req: (t) => ({ params: { id: t.user }, body: {} }) },

  // ---- regions: public reference data; the city edits
  'GET /api/v1/regions': { roles: ALL, scope: 'none' },
  'POST /api/v1/regions': { roles: ADMIN, scope: 'none', req: () => ({ body: {} }) },
  'PATCH /api/v1/regions/{code}': { roles: ADMIN, scope: 'region', req: (t) => ({ params: { code: t.township }, body: {} }) },

  // ---- audit log
  'GET /api/v1/audit': { roles: AUDIT_READERS, scope: 'none', req: () => ({ query: { page_size: 1 } }) },
  'GET /api/v1/audit/export.xlsx': { roles: AUDIT_READERS, scope: 'none', req: () => ({ query: { from: t0(), entity: 'region' } }) },

  // ---- registry: read by the office roles, written by the city, counties and townships, in region
  'GET /api/v1/entrepreneurs': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/entrepreneurs/export.xlsx': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township, q: t.personA.id_number } }) },
  'GET /api/v1/entrepreneurs/export.csv': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township, q: t.personA.id_number } }) },
  'GET /api/v1/entrepreneurs/{id}': { roles: OFFICE, scope: 'region', req: (t) => ({ params: { id: t.personA.id } }) },
  'POST /api/v1/entrepreneurs/{id}/reveal': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.personA.id } }) },
  'POST /api/v1/entrepreneurs': { roles: WRITERS, scope: 'region', req: (t) => ({ body: { region_code: t.township } }) },
  'PUT /api/v1/entrepreneurs/{id}': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.personA.id }, body: {} }) },
  'DELETE /api/v1/entrepreneurs/{id}': { roles: ADMIN, scope: 'region', req: (t) => ({ params: { id: t.personA.id }, body: {} }) },

  'GET /api/v1/market-entities': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/market-entities/export.xlsx': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township, q: t.entity.credit_code } }) },
  'GET /api/v1/market-entities/export.csv': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township, q: t.entity.credit_code } }) },
  'GET /api/v1/market-entities/{id}': { roles: OFFICE, scope: 'region', req: (t) => ({ params: { id: t.entity.id } }) },
  'POST /api/v1/market-entities': {
    roles: WRITERS, scope: 'region',
    variants: [
      { name: 'region', req: (t) => ({ body: { region_code: t.township } }) },
      // An entity of 林州 founded by the target's person: a founder outside the caller's region is refused.
      { name: 'founder', req: (t) => ({ body: t.entityBody(t.in.township, [t.personA.id_number]) }) },
    ],
  },
  'PUT /api/v1/market-entities/{id}': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.entity.id }, body: {} }) },
  'DELETE /api/v1/market-entities/{id}': { roles: ADMIN, scope: 'region', req: (t) => ({ params: { id: t.entity.id }, body: {} }) },

  // ---- ledger imports: per kind (docs/api.md "Ledger imports"); an empty file is refused after the rights
  'POST /api/v1/imports/{kind}': {
    scope: 'none',
    variants: [
      { name: 'entrepreneurs', roles: WRITERS, req: () => ({ params: { kind: 'entrepreneurs' }, raw: EMPTY }) },
      { name: 'market_entities', roles: WRITERS, req: () => ({ params: { kind: 'market_entities' }, raw: EMPTY }) },
      { name: 'activities', roles: WRITERS, req: () => ({ params: { kind: 'activities' }, raw: EMPTY }) },
      { name: 'targets', roles: ['city_admin', 'county_officer'], req: () => ({ params: { kind: 'targets' }, raw: EMPTY }) },
      { name: 'loans', roles: ['city_admin', 'county_officer', ...BANKS], req: () => ({ params: { kind: 'loans' }, raw: EMPTY }) },
    ],
  },
  // A template is a blank form with one example row: no data, so every account may download it.
  'GET /api/v1/imports/{kind}/template.xlsx': { roles: ALL, scope: 'none', req: () => ({ params: { kind: 'entrepreneurs' } }) },

  // ---- activities and training classes: office roles read, writers write, in region
  'GET /api/v1/activities': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'POST /api/v1/activities': {
    roles: WRITERS, scope: 'region',
    variants: [
      { name: 'region', req: (t) => ({ body: { region_code: t.township } }) },
      // A record in 林州 for the target's registered person: a person outside the caller's region is refused.
      { name: 'person', req: (t) => ({ body: t.activityBody(t.in.township, t.personA) }) },
    ],
  },
  'DELETE /api/v1/activities/{id}': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.activity }, body: {} }) },
  'GET /api/v1/training-classes': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'POST /api/v1/training-classes': { roles: WRITERS, scope: 'region', req: (t) => ({ body: { region_code: t.township } }) },
  'GET /api/v1/training-classes/{id}': { roles: OFFICE, scope: 'region', req: (t) => ({ params: { id: t.class } }) },
  'POST /api/v1/training-classes/{id}/trainees': {
    roles: WRITERS, scope: 'region',
    variants: [
      { name: 'class', req: (t) => ({ params: { id: t.class }, body: {} }) },
      // issue 11 #3: 林州's class, the target's registered person as trainee.
      { name: 'person', req: (t) => ({ params: { id: t.in.class }, body: { id_number: t.personA.id_number } }) },
    ],
  },
  'DELETE /api/v1/training-classes/{id}/trainees/{tid}': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.class, tid: 999999999 } }) },
  'POST /api/v1/training-classes/{id}/completion': { roles: WRITERS, scope: 'region', req: (t) => ({ params: { id: t.class }, body: {} }) },

  // ---- targets and reports: the office roles (the web menu's dashboard and targets), in region
  'GET /api/v1/targets': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'PUT /api/v1/targets': {
    roles: ['city_admin', 'county_officer'], scope: 'region',
    req: (t) => ({ body: { year: 2021, cells: [{ region_code: t.township, indicator: 'no_such_indicator', target: 1 }] } }),
  },
  'GET /api/v1/reports/progress': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/reports/progress.xlsx': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/reports/league': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/reports/trend': { roles: OFFICE, scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/reports/latest': { roles: OFFICE, scope: 'none' },

  // ---- guarantee loans
  'GET /api/v1/policies': { roles: ALL, scope: 'none' },
  'POST /api/v1/policies': { roles: ADMIN, scope: 'none', req: () => ({ body: {} }) },
  'PUT /api/v1/policies/{id}': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.policy }, body: {} }) },
  'POST /api/v1/loan-applications/check': {
    roles: ['city_admin', ...APPLICANT_SIDE], scope: 'region', wide: ['city_admin', 'entrepreneur'], // an entrepreneur: always their own record
    variants: [
      { name: 'applicant', req: (t) => ({ body: { id_number: t.personA.id_number } }) },
      // The applicant of 林州 with an entity they founded in the target's county.
      { name: 'entity', req: (t) => ({ body: t.applicationBody(t.in.personA, t.entityOfInPerson) }) },
    ],
  },
  'POST /api/v1/loan-applications': {
    roles: ['city_admin', ...APPLICANT_SIDE], scope: 'region', wide: ['city_admin', 'entrepreneur'],
    req: (t) => ({ body: { id_number: t.personA.id_number } }),
  },
  'GET /api/v1/loan-applications': { roles: LOAN_READERS, scope: 'region', wide: ['city_admin', 'auditor', 'entrepreneur'], req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/loan-applications/queue-counts': { roles: LOAN_READERS, scope: 'none' },
  'POST /api/v1/loan-applications/bulk': { roles: ['township_staff', 'county_officer', ...BANKS, 'entrepreneur'], scope: 'none', req: () => ({ body: {} }) },
  // The application (county_approved, so the bank and the fund see it) of the target's person A;
  // in 林州 it is the matrix entrepreneur's own.
  'GET /api/v1/loan-applications/{id}': { roles: LOAN_READERS, scope: 'region', req: (t) => ({ params: { id: t.application } }) },
  'PUT /api/v1/loan-applications/{id}': { roles: APPLICANT_SIDE, scope: 'region', req: (t) => ({ params: { id: t.application }, body: {} }) },
  'POST /api/v1/loan-applications/{id}/actions': { roles: ['township_staff', 'county_officer', ...BANKS, 'entrepreneur'], scope: 'region', req: (t) => ({ params: { id: t.application }, body: {} }) },
  'POST /api/v1/loan-applications/{id}/reveal': { roles: [...WRITERS, ...BANKS], scope: 'region', req: (t) => ({ params: { id: t.application } }) },
  'POST /api/v1/loan-applications/{id}/attachments': { roles: APPLICANT_SIDE, scope: 'region', req: (t) => ({ params: { id: t.application }, raw: EMPTY, query: { filename: 'x.pdf' } }) },
  'GET /api/v1/loan-applications/{id}/attachments/{aid}': { roles: LOAN_READERS, scope: 'region', req: (t) => ({ params: { id: t.application, aid: t.attachment } }) },
  'DELETE /api/v1/loan-applications/{id}/attachments/{aid}': { roles: APPLICANT_SIDE, scope: 'region', req: (t) => ({ params: { id: t.application, aid: 999999999 } }) },
  'GET /api/v1/loans': { roles: LOAN_READERS, scope: 'region', wide: ['city_admin', 'auditor', 'entrepreneur'], req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/loans/export.xlsx': { roles: LOAN_READERS, scope: 'region', wide: ['city_admin', 'auditor', 'entrepreneur'], req: (t) => ({ query: { region: t.township, q: t.personA.id_number } }) },
  'GET /api/v1/loans/figures': { roles: [...OFFICE, ...BANKS], scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'GET /api/v1/loans/{id}': { roles: LOAN_READERS, scope: 'region', req: (t) => ({ params: { id: t.loan } }) },
  'POST /api/v1/loans/{id}/repayments': { roles: ['bank'], scope: 'region', req: (t) => ({ params: { id: t.loan }, body: {} }) },
  'POST /api/v1/loans/{id}/compensate': { roles: ['fund'], scope: 'region', req: (t) => ({ params: { id: t.loan }, body: {} }) },
  'GET /api/v1/subsidy-claims': { roles: ['city_admin', 'county_officer', 'auditor'], scope: 'region', req: (t) => ({ query: { region: t.township } }) },
  'POST /api/v1/subsidy-claims': { roles: ['city_admin', 'county_officer'], scope: 'region', req: (t) => ({ body: { region_code: t.county } }) },
  'GET /api/v1/subsidy-claims/{id}': { roles: ['city_admin', 'county_officer', 'auditor'], scope: 'region', req: (t) => ({ params: { id: t.claim } }) },
  'POST /api/v1/subsidy-claims/{id}/actions': { roles: ['city_admin', 'county_officer'], scope: 'region', req: (t) => ({ params: { id: t.claim }, body: {} }) },

  // ---- competitions: contests visible to all; entries by owner, county, assignment (docs/api.md)
  'GET /api/v1/competitions': { roles: ALL, scope: 'none' },
  'POST /api/v1/competitions': { roles: ADMIN, scope: 'none', req: () => ({ body: {} }) },
  'GET /api/v1/competitions/{id}': { roles: ALL, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'PUT /api/v1/competitions/{id}': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestR }, body: {} }) },
  'POST /api/v1/competitions/{id}/phase': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestR }, body: {} }) },
  'GET /api/v1/competition-experts': { roles: AUDIT_READERS, scope: 'none' },
  'PUT /api/v1/competition-experts/{user_id}': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { user_id: t.expertUser }, body: {} }) },
  'PUT /api/v1/competition-experts/me/relations': { roles: ['expert'], scope: 'none', req: () => ({ body: {} }) },
  // Lists are filtered to what the caller may see, never refused for a contest.
  'GET /api/v1/competitions/{id}/entries': { roles: CONTEST_READERS, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'POST /api/v1/competitions/{id}/entries': {
    roles: ['entrepreneur'], scope: 'region',
    variants: [
      { name: 'region', req: (t) => ({ params: { id: t.contestR }, body: { region_code: t.township } }) },
      // An entry of 林州 naming the target's registered entity, or led by the target's registered person.
      { name: 'entity', req: (t) => ({ params: { id: t.contestR }, body: t.entryBody({ credit_code: t.entity.credit_code }) }) },
      { name: 'leader', req: (t) => ({ params: { id: t.contestR }, body: t.entryBody({ leader_id_number: t.personA.id_number }) }) },
    ],
  },
  // The entry in the scoring contest: in 林州 the matrix entrepreneur's, assigned to the matrix expert.
  'GET /api/v1/competition-entries/{id}': { roles: CONTEST_READERS, scope: 'region', deny: { entrepreneur: 404, expert: 404 }, req: (t) => ({ params: { id: t.entryS } }) },
  'PUT /api/v1/competition-entries/{id}': { roles: ['entrepreneur'], scope: 'region', deny: { entrepreneur: 404 }, req: (t) => ({ params: { id: t.entryR }, body: {} }) },
  'POST /api/v1/competition-entries/{id}/review': { roles: ['city_admin', 'county_officer'], scope: 'region', req: (t) => ({ params: { id: t.entryR }, body: {} }) },
  'POST /api/v1/competition-entries/{id}/files': { roles: ['entrepreneur'], scope: 'region', deny: { entrepreneur: 404 }, req: (t) => ({ params: { id: t.entryR }, raw: EMPTY, query: { kind: 'plan', filename: 'x.pdf' } }) },
  'GET /api/v1/competition-entries/{id}/files/{file_id}': { roles: CONTEST_READERS, scope: 'region', deny: { entrepreneur: 404, expert: 404 }, req: (t) => ({ params: { id: t.entryS, file_id: t.fileS } }) },
  'DELETE /api/v1/competition-entries/{id}/files/{file_id}': { roles: ['entrepreneur'], scope: 'region', deny: { entrepreneur: 404 }, req: (t) => ({ params: { id: t.entryR, file_id: t.fileR } }) },
  'POST /api/v1/competitions/{id}/assignments/auto': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestS }, body: { stage: 'no_such_stage' } }) },
  'POST /api/v1/competitions/{id}/assignments': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestS }, body: {} }) },
  'GET /api/v1/competitions/{id}/assignments': { roles: AUDIT_READERS, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'GET /api/v1/my/competition-assignments': { roles: ['expert'], scope: 'none' },
  // In 林州 the matrix expert's own assignment; in 汤阴 another expert's, which answers as if it did not exist.
  'GET /api/v1/my/competition-assignments/{id}': { roles: ['expert'], scope: 'region', deny: { expert: 404 }, req: (t) => ({ params: { id: t.assignment } }) },
  'PUT /api/v1/my/competition-assignments/{id}/scores': { roles: ['expert'], scope: 'region', deny: { expert: 404 }, req: (t) => ({ params: { id: t.assignment }, body: {} }) },
  'GET /api/v1/competitions/{id}/results': { roles: AUDIT_READERS, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'POST /api/v1/competitions/{id}/roadshow': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'POST /api/v1/competitions/{id}/awards': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'POST /api/v1/competitions/{id}/publish': { roles: ADMIN, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'GET /api/v1/competitions/{id}/scores.xlsx': { roles: AUDIT_READERS, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'GET /api/v1/competitions/{id}/rankings.xlsx': { roles: AUDIT_READERS, scope: 'none', req: (t) => ({ params: { id: t.contestS } }) },
  'GET /api/v1/public/competitions': { public: true },
  'GET /api/v1/public/competitions/{id}': { public: true, req: (t) => ({ params: { id: t.contestS } }) },
}

// The audit export is bounded to today's region edits, so it stays small on a long-lived database.
function t0() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
}
