#include "loans/store.h"

#include "attachments/store.h"
#include "base/text.h"
#include "db/bulk.h"
#include "db/columns.h"

#include <algorithm>
#include <span>
#include <sstream>

namespace fg::loans::store {

namespace {

db::Param opt(const std::string& s) { return s.empty() ? db::Param(nullptr) : db::Param(s); }
db::Param opt_int(const std::optional<int>& v) { return v ? db::Param(*v) : db::Param(nullptr); }

void read_eligible_categories(Policy& out, const db::Row& r, size_t i) { out.eligible_categories = split_nonempty(r.str(i), ','); }
const db::Columns<Policy> kPolicy{
    {"id", &Policy::id}, {"doc_no", &Policy::doc_no}, {"issuer", &Policy::issuer}, {"title", &Policy::title},
    {"effective_from", &Policy::effective_from}, {"effective_to", &Policy::effective_to},
    {"individual_limit_fen", &Policy::individual_limit_fen},
    {"partnership_limit_fen", &Policy::partnership_limit_fen},
    {"organization_limit_fen", &Policy::organization_limit_fen}, {"clause", &Policy::clause},
    {"max_term_months", &Policy::max_term_months}, {"rate_cap_bp", &Policy::rate_cap_bp},
    {"subsidy_share_bp", &Policy::subsidy_share_bp}, {"eligible_categories", &read_eligible_categories},
    {"min_age", &Policy::min_age}, {"max_age", &Policy::max_age}, {"max_loans", &Policy::max_loans},
    {"credit_village_waiver", &Policy::credit_village_waiver}};

const db::Columns<Application> kApplication{
    {"id", &Application::id}, {"app_no", &Application::app_no}, {"person_id", &Application::person_id},
    {"id_number", &Application::id_number}, {"name", &Application::name},
    {"region_code", &Application::region_code}, {"county_code", &Application::county_code},
    {"entity_id", &Application::entity_id}, {"borrower_type", &Application::borrower_type},
    {"amount_fen", &Application::amount_fen}, {"term_months", &Application::term_months},
    {"purpose", &Application::purpose}, {"business", &Application::business},
    {"guarantee_mode", &Application::guarantee_mode}, {"rate_bp", &Application::rate_bp},
    {"repayment_method", &Application::repayment_method}, {"bank", &Application::bank},
    {"status", &Application::status}, {"policy_doc_no", &Application::policy_doc_no},
    {"limit_fen", &Application::limit_fen}, {"eligibility", &Application::eligibility},
    {"submitted_by", &Application::submitted_by}, {"submitted_at", &Application::submitted_at},
    {"updated_at", &Application::updated_at}, {"loan_id", &Application::loan_id}};

const db::Columns<Loan> kLoan{
    {"id", &Loan::id}, {"loan_no", &Loan::loan_no}, {"id_number", &Loan::id_number}, {"name", &Loan::name},
    {"region_code", &Loan::region_code}, {"county_code", &Loan::county_code},
    {"borrower_type", &Loan::borrower_type}, {"amount_fen", &Loan::amount_fen},
    {"disbursed_date", &Loan::disbursed_date}, {"term_months", &Loan::term_months}, {"bank", &Loan::bank},
    {"credit_village", &Loan::credit_village}, {"policy_doc_no", &Loan::policy_doc_no},
    {"created_at", &Loan::created_at}, {"rate_bp", &Loan::rate_bp},
    {"repayment_method", &Loan::repayment_method}, {"status", &Loan::status},
    {"repaid_principal_fen", &Loan::repaid_principal_fen}, {"next_due_date", &Loan::next_due_date},
    {"application_id", &Loan::application_id}, {"compensated_date", &Loan::compensated_date}};

// (key, count) rows of a GROUP BY.
std::vector<std::pair<std::string, int64_t>> counts(db::Connection& c, const std::string& sql, const db::Params& p) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : c.query(sql, p)) out.emplace_back(r.str(0), r.i64(1));
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == 'X' || ch == 'x'; });
}
// Search text: a full ID number, its last 4–6 characters, else a name prefix or part of the record number.
void search(const std::string& text, const char* number_col, db::Filter& f) {
  if (text.empty()) return;
  if (text.size() == 18 && all_digits(text)) {
    f.where("id_number = ?", {text});
  } else if (text.size() >= 4 && text.size() <= 6 && all_digits(text)) {
    f.where("id_number LIKE ?", {"%" + text});
  } else {
    f.where(std::string("(name LIKE ? OR ") + number_col + " LIKE ?)", {text + "%", "%" + text + "%"});
  }
}
}  // namespace

std::string scope_sql(const char* column, const std::vector<std::string>& scope, db::Params& p) {
  if (scope.empty()) return "1=1";
  std::string s = std::string(column) + " IN (";
  for (size_t i = 0; i < scope.size(); ++i) {
    s += i ? ",?" : "?";
    p.emplace_back(scope[i]);
  }
  return s + ")";
}

// A policy's columns in the order the INSERT and the UPDATE below name them.
db::Params policy_params(const Policy& p) {
  return {p.doc_no, p.issuer, p.title, p.effective_from, opt(p.effective_to), p.individual_limit_fen,
          p.partnership_limit_fen, p.organization_limit_fen, p.clause, p.max_term_months, p.rate_cap_bp,
          p.subsidy_share_bp, join(p.eligible_categories, ','), p.min_age, p.max_age, p.max_loans,
          p.credit_village_waiver};
}
db::Params with_id(db::Params p, int64_t id) {
  p.emplace_back(id);
  return p;
}

std::vector<Policy> load_policies(db::Connection& c) {
  return kPolicy.all(c, "FROM policies ORDER BY effective_from, id");
}

std::optional<Policy> find_policy(db::Connection& c, int64_t id) {
  return kPolicy.one(c, "FROM policies WHERE id = ?", {id});
}

int64_t insert_policy(db::Connection& c, const Policy& p) {
  return c.query_one(
              "INSERT INTO policies (doc_no, issuer, title, effective_from, effective_to, individual_limit_fen, "
              "partnership_limit_fen, organization_limit_fen, clause, max_term_months, rate_cap_bp, subsidy_share_bp, "
              "eligible_categories, min_age, max_age, max_loans, credit_village_waiver) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              policy_params(p))
      ->i64(0);
}

void update_policy(db::Connection& c, const Policy& p) {
  c.execute("UPDATE policies SET doc_no = ?, issuer = ?, title = ?, effective_from = ?, effective_to = ?, "
            "individual_limit_fen = ?, partnership_limit_fen = ?, organization_limit_fen = ?, clause = ?, "
            "max_term_months = ?, rate_cap_bp = ?, subsidy_share_bp = ?, eligible_categories = ?, min_age = ?, "
            "max_age = ?, max_loans = ?, credit_village_waiver = ? WHERE id = ?",
            with_id(policy_params(p), p.id));
}

std::optional<int64_t> policy_id_of(db::Connection& c, const std::string& doc_no) {
  auto r = c.query_one("SELECT id FROM policies WHERE doc_no = ?", {doc_no});
  if (!r) return std::nullopt;
  return r->i64(0);
}

bool policy_cited(db::Connection& c, const std::string& doc_no) {
  return c.query_one("SELECT 1 FROM loans WHERE policy_doc_no = ?", {doc_no}) ||
         c.query_one("SELECT 1 FROM loan_applications WHERE policy_doc_no = ?", {doc_no});
}

std::optional<Application> find_application(db::Connection& c, int64_t id) {
  return kApplication.one(c, "FROM loan_applications WHERE id = ?", {id});
}

int64_t insert_application(db::Connection& c, const Application& a) {
  return c.query_one(
              "INSERT INTO loan_applications (app_no, person_id, id_number, name, region_code, county_code, entity_id, "
              "borrower_type, amount_fen, term_months, purpose, business, guarantee_mode, rate_bp, repayment_method, "
              "bank, status, policy_doc_no, limit_fen, eligibility, submitted_by, submitted_at, updated_at, loan_id) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {a.app_no, a.person_id, a.id_number, a.name, a.region_code, a.county_code, db::Param(a.entity_id),
               a.borrower_type, a.amount_fen, a.term_months, a.purpose, a.business, a.guarantee_mode,
               opt_int(a.rate_bp), opt(a.repayment_method), opt(a.bank), a.status, a.policy_doc_no, a.limit_fen,
               a.eligibility, a.submitted_by, a.submitted_at, a.updated_at, db::Param(a.loan_id)})
      ->i64(0);
}

void update_application(db::Connection& c, const Application& a) {
  c.execute("UPDATE loan_applications SET entity_id = ?, borrower_type = ?, amount_fen = ?, term_months = ?, "
            "purpose = ?, business = ?, guarantee_mode = ?, rate_bp = ?, repayment_method = ?, bank = ?, status = ?, "
            "policy_doc_no = ?, limit_fen = ?, eligibility = ?, submitted_at = ?, updated_at = ?, loan_id = ? "
            "WHERE id = ?",
            {db::Param(a.entity_id), a.borrower_type, a.amount_fen, a.term_months, a.purpose, a.business,
             a.guarantee_mode, opt_int(a.rate_bp), opt(a.repayment_method), opt(a.bank), a.status, a.policy_doc_no,
             a.limit_fen, a.eligibility, a.submitted_at, a.updated_at, db::Param(a.loan_id), a.id});
}

void set_app_no(db::Connection& c, int64_t id, const std::string& app_no) {
  c.execute("UPDATE loan_applications SET app_no = ? WHERE id = ?", {app_no, id});
}

void set_application_status(db::Connection& c, int64_t id, const std::string& status, const std::string& at) {
  c.execute("UPDATE loan_applications SET status = ?, updated_at = ? WHERE id = ?", {status, at, id});
}

std::optional<std::string> open_application_no(db::Connection& c, int64_t person_id, int64_t except) {
  auto r = c.query_one("SELECT app_no FROM loan_applications WHERE person_id = ? AND id <> ? AND status IN "
                       "('submitted', 'township_checked', 'county_approved', 'guaranteed', 'bank_approved', 'returned')",
                       {person_id, except});
  if (!r) return std::nullopt;
  return r->str(0);
}

void insert_step(db::Connection& c, int64_t application_id, const Step& s) {
  c.execute("INSERT INTO loan_steps (application_id, action, from_status, to_status, username, role, at, comment, "
            "policy_doc_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {application_id, s.action, opt(s.from_status), s.to_status, s.username, s.role, s.at, opt(s.comment),
             opt(s.policy_doc_no)});
}

std::vector<Step> steps_of(db::Connection& c, int64_t application_id) {
  std::vector<Step> out;
  for (const auto& r : c.query("SELECT action, from_status, to_status, username, role, at, comment, policy_doc_no "
                               "FROM loan_steps WHERE application_id = ? ORDER BY id",
                               {application_id})) {
    out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7)});
  }
  return out;
}

std::vector<Application> list_applications(db::Connection& c, const AppQuery& q, int64_t* total) {
  db::Filter f;
  f.any_of("region_code", q.region_codes).any_of("status", q.statuses).equals("person_id", q.person_id);
  search(q.q, "app_no", f);
  if (!q.from.empty()) f.where("submitted_at >= ?", {q.from});
  if (!q.to.empty()) f.where("submitted_at < ?", {q.to + "~"});  // timestamps on that day sort below "YYYY-MM-DD~"
  return kApplication.page(c, "loan_applications", f, db::order_by(q.sort, kApplicationSorts, "id DESC"), q.page,
                           q.page_size, total);
}

std::vector<Attachment> attachments_of(db::Connection& c, int64_t application_id) {
  return attachments::store::list(c, kAttachmentOwner, application_id);
}

std::optional<Loan> find_loan(db::Connection& c, int64_t id) {
  return kLoan.one(c, "FROM loans WHERE id = ?", {id});
}

std::optional<Loan> find_loan_by_no(db::Connection& c, const std::string& loan_no) {
  return kLoan.one(c, "FROM loans WHERE loan_no = ?", {loan_no});
}

int64_t insert_loan(db::Connection& c, const Loan& l) {
  return c.query_one(
              "INSERT INTO loans (loan_no, id_number, name, region_code, county_code, borrower_type, amount_fen, "
              "disbursed_date, term_months, bank, credit_village, policy_doc_no, created_at, rate_bp, "
              "repayment_method, status, repaid_principal_fen, next_due_date, application_id, limit_fen) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {l.loan_no, l.id_number, l.name, l.region_code, l.county_code, l.borrower_type, l.amount_fen,
               l.disbursed_date, l.term_months, opt(l.bank), l.credit_village, l.policy_doc_no, l.created_at,
               opt_int(l.rate_bp), opt(l.repayment_method), l.status, l.repaid_principal_fen, opt(l.next_due_date),
               db::Param(l.application_id), db::Param(l.limit_fen)})
      ->i64(0);
}

void update_ledger_loan(db::Connection& c, const Loan& l) {
  c.execute("UPDATE loans SET id_number = ?, name = ?, region_code = ?, county_code = ?, borrower_type = ?, "
            "amount_fen = ?, disbursed_date = ?, term_months = ?, bank = ?, credit_village = ?, policy_doc_no = ?, "
            "limit_fen = ? WHERE loan_no = ?",
            {l.id_number, l.name, l.region_code, l.county_code, l.borrower_type, l.amount_fen, l.disbursed_date,
             l.term_months, l.bank, l.credit_village, l.policy_doc_no, db::Param(l.limit_fen), l.loan_no});
}

void insert_ledger_loan(db::Connection& c, const Loan& l) {
  c.execute("INSERT INTO loans (loan_no, id_number, name, region_code, county_code, borrower_type, amount_fen, "
            "disbursed_date, term_months, bank, credit_village, policy_doc_no, created_at, limit_fen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {l.loan_no, l.id_number, l.name, l.region_code, l.county_code, l.borrower_type, l.amount_fen,
             l.disbursed_date, l.term_months, l.bank, l.credit_village, l.policy_doc_no, l.created_at,
             db::Param(l.limit_fen)});
}

std::unordered_map<std::string, Loan> loans_by_no(db::Connection& c, const std::vector<std::string>& loan_nos) {
  std::unordered_map<std::string, Loan> out;
  db::each_in_chunks(c, "SELECT " + kLoan.list() + " FROM loans WHERE loan_no", loan_nos, [&](const db::Row& r) {
    Loan l = kLoan.read(r);
    std::string no = l.loan_no;
    out.emplace(std::move(no), std::move(l));
  });
  return out;
}

void insert_ledger_loans(db::Connection& c, const std::vector<const Loan*>& loans) {
  db::BulkInsert rows(c, "INSERT INTO loans (loan_no, id_number, name, region_code, county_code, borrower_type, "
                         "amount_fen, disbursed_date, term_months, bank, credit_village, policy_doc_no, created_at, "
                         "limit_fen)", 14);
  for (const Loan* l : loans) {
    rows.add({db::Param::borrow(l->loan_no), db::Param::borrow(l->id_number), db::Param::borrow(l->name),
              db::Param::borrow(l->region_code), db::Param::borrow(l->county_code),
              db::Param::borrow(l->borrower_type), l->amount_fen, db::Param::borrow(l->disbursed_date),
              l->term_months, db::Param::borrow(l->bank), l->credit_village, db::Param::borrow(l->policy_doc_no),
              db::Param::borrow(l->created_at), db::Param(l->limit_fen)});
  }
  rows.finish();
}

std::vector<PriorLoan> loans_of_person(db::Connection& c, const std::string& id_number) {
  std::vector<PriorLoan> out;
  for (const auto& r : c.query("SELECT loan_no, disbursed_date, term_months, status, application_id FROM loans "
                               "WHERE id_number = ?", {id_number})) {
    out.push_back({r.str(0), r.str(1), r.str(3), r.i64(2), !r.is_null(4)});
  }
  return out;
}

void set_repaid(db::Connection& c, int64_t loan_id, int64_t repaid_principal_fen, const std::string& status,
                const std::string& next_due_date) {
  c.execute("UPDATE loans SET repaid_principal_fen = ?, status = ?, next_due_date = ? WHERE id = ?",
            {repaid_principal_fen, status, opt(next_due_date), loan_id});
}

void set_compensated(db::Connection& c, int64_t loan_id, const std::string& date) {
  c.execute("UPDATE loans SET status = 'compensated', compensated_date = ? WHERE id = ?", {date, loan_id});
}

std::vector<Loan> list_loans(db::Connection& c, const LoanQuery& q, int64_t* total) {
  db::Filter f;
  f.any_of("region_code", q.region_codes).equals("id_number", q.id_number);
  if (q.status == "overdue") {
    f.where("status IN ('disbursed', 'repaying') AND next_due_date < ?", {q.today});
  } else {
    f.equals("status", q.status);
  }
  search(q.q, "loan_no", f);
  f.between("disbursed_date", q.from, q.to);
  return kLoan.page(c, "loans", f, db::order_by(q.sort, kLoanSorts, "disbursed_date DESC, id DESC"), q.page,
                    q.page_size, total);
}

std::vector<Installment> schedule_of(db::Connection& c, int64_t loan_id) {
  std::vector<Installment> out;
  for (const auto& r : c.query("SELECT period, due_date, principal_fen, interest_fen, paid_principal_fen, "
                               "paid_interest_fen FROM loan_schedule WHERE loan_id = ? ORDER BY period",
                               {loan_id})) {
    out.push_back({static_cast<int>(r.i64(0)), r.str(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
  }
  return out;
}

void save_schedule(db::Connection& c, int64_t loan_id, const std::vector<Installment>& s) {
  c.execute("DELETE FROM loan_schedule WHERE loan_id = ?", {loan_id});
  for (const auto& it : s) {
    c.execute("INSERT INTO loan_schedule (loan_id, period, due_date, principal_fen, interest_fen, paid_principal_fen, "
              "paid_interest_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {loan_id, it.period, it.due_date, it.principal_fen, it.interest_fen, it.paid_principal_fen,
               it.paid_interest_fen});
  }
}

std::vector<Repayment> repayments_of(db::Connection& c, int64_t loan_id) {
  std::vector<Repayment> out;
  for (const auto& r : c.query("SELECT id, loan_id, paid_date, principal_fen, interest_fen, ref, subsidy_fen, claim_id, "
                               "recorded_by, recorded_at FROM loan_repayments WHERE loan_id = ? ORDER BY paid_date, id",
                               {loan_id})) {
    out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4), r.str(5), r.i64(6), r.opt_i64(7), r.str(8),
                   r.str(9)});
  }
  return out;
}

bool repayment_ref_exists(db::Connection& c, int64_t loan_id, const std::string& ref) {
  return c.query_one("SELECT 1 FROM loan_repayments WHERE loan_id = ? AND ref = ?", {loan_id, ref}).has_value();
}

int64_t insert_repayment(db::Connection& c, const Repayment& r) {
  return c.query_one("INSERT INTO loan_repayments (loan_id, paid_date, principal_fen, interest_fen, ref, subsidy_fen, "
                     "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {r.loan_id, r.paid_date, r.principal_fen, r.interest_fen, r.ref, r.subsidy_fen, r.recorded_by,
                      r.recorded_at})
      ->i64(0);
}

// ---- figures ----

Disbursed disbursed(db::Connection& c, const std::vector<std::string>& scope, const std::string& from,
                    const std::string& to) {
  db::Params p{from, to};
  auto r = c.query_one("SELECT COALESCE(SUM(amount_fen), 0), COUNT(DISTINCT id_number), COUNT(*) FROM loans "
                       "WHERE disbursed_date >= ? AND disbursed_date <= ? AND " + scope_sql("region_code", scope, p), p);
  return {r->i64(0), r->i64(1), r->i64(2)};
}

Book book(db::Connection& c, const std::vector<std::string>& scope, const std::string& today) {
  Book b;
  db::Params p{today};
  auto r = c.query_one("SELECT COALESCE(SUM(amount_fen - repaid_principal_fen), 0), "
                       "COALESCE(SUM(CASE WHEN next_due_date < ? THEN 1 ELSE 0 END), 0) FROM loans "
                       "WHERE status IN ('disbursed', 'repaying') AND rate_bp IS NOT NULL AND " +
                           scope_sql("region_code", scope, p), p);
  b.outstanding_fen = r->i64(0);
  b.overdue_loans = r->i64(1);
  db::Params q{today};
  b.overdue_fen = c.query_i64("SELECT COALESCE(SUM(amount_fen - repaid_principal_fen), 0) FROM loans "
                              "WHERE status IN ('disbursed', 'repaying') AND rate_bp IS NOT NULL AND next_due_date < ? AND " +
                                  scope_sql("region_code", scope, q), q);
  db::Params cp;
  b.compensated_loans =
      c.query_i64("SELECT COUNT(*) FROM loans WHERE status = 'compensated' AND " + scope_sql("region_code", scope, cp), cp);
  return b;
}

SubsidySums subsidy_sums(db::Connection& c, const std::vector<std::string>& scope, const std::string& from,
                         const std::string& to) {
  db::Params p{from, to};
  std::string w = scope_sql("l.region_code", scope, p);
  auto r = c.query_one(
      "SELECT COALESCE(SUM(CASE WHEN s.status IN ('submitted', 'paid') THEN r.subsidy_fen ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN s.status = 'paid' THEN r.subsidy_fen ELSE 0 END), 0), COALESCE(SUM(r.subsidy_fen), 0), "
      "COALESCE(SUM(r.interest_fen), 0) FROM loan_repayments r JOIN loans l ON l.id = r.loan_id "
      "LEFT JOIN subsidy_claims s ON s.id = r.claim_id WHERE r.paid_date >= ? AND r.paid_date <= ? AND " + w, p);
  return {r->i64(0), r->i64(1), r->i64(2), r->i64(3)};
}

std::vector<std::pair<std::string, int64_t>> applications_by_status(db::Connection& c,
                                                                    const std::vector<std::string>& scope) {
  db::Params p;
  return counts(c, "SELECT status, COUNT(*) FROM loan_applications WHERE " + scope_sql("region_code", scope, p) +
                       " GROUP BY status", p);
}

std::vector<RegionSum> disbursed_by_region(db::Connection& c, const std::vector<std::string>& scope,
                                           const std::string& from, const std::string& to) {
  db::Params p{from, to};
  std::vector<RegionSum> out;
  for (const auto& r : c.query("SELECT region_code, SUM(amount_fen), COUNT(*) FROM loans WHERE disbursed_date >= ? "
                               "AND disbursed_date <= ? AND " + scope_sql("region_code", scope, p) +
                                   " GROUP BY region_code", p)) {
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> borrowers_by_region(db::Connection& c,
                                                                     const std::vector<std::string>& scope,
                                                                     const std::string& from, const std::string& to) {
  db::Params p{from, to};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query("SELECT DISTINCT region_code, id_number FROM loans WHERE disbursed_date >= ? AND "
                               "disbursed_date <= ? AND " + scope_sql("region_code", scope, p), p)) {
    out.emplace_back(r.str(0), r.str(1));
  }
  return out;
}

std::vector<std::pair<std::string, int64_t>> overdue_by_region(db::Connection& c, const std::vector<std::string>& scope,
                                                               const std::string& today) {
  db::Params p{today};
  return counts(c, "SELECT region_code, COUNT(*) FROM loans WHERE status IN ('disbursed', 'repaying') "
                   "AND rate_bp IS NOT NULL AND next_due_date < ? AND " + scope_sql("region_code", scope, p) +
                       " GROUP BY region_code", p);
}

std::vector<MonthSum> disbursed_by_month(db::Connection& c, const std::vector<std::string>& scope,
                                         const std::string& from, const std::string& to) {
  db::Params p{from, to};
  std::vector<MonthSum> out;
  for (const auto& r : c.query("SELECT substr(disbursed_date, 1, 7) AS m, SUM(amount_fen), COUNT(DISTINCT id_number) "
                               "FROM loans WHERE disbursed_date >= ? AND disbursed_date <= ? AND " +
                                   scope_sql("region_code", scope, p) + " GROUP BY substr(disbursed_date, 1, 7) ORDER BY m",
                               p)) {
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  }
  return out;
}

std::optional<Claim> find_claim(db::Connection& c, int64_t id) {
  auto r = c.query_one("SELECT id, quarter, region_code, status, total_interest_fen, total_subsidy_fen, "
                       "(SELECT COUNT(*) FROM loan_repayments WHERE claim_id = subsidy_claims.id), created_by, "
                       "created_at, submitted_at, paid_at FROM subsidy_claims WHERE id = ?",
                       {id});
  if (!r) return std::nullopt;
  return Claim{r->i64(0), r->str(1), r->str(2), r->str(3), r->i64(4), r->i64(5), r->i64(6),
               r->str(7), r->str(8), r->str(9), r->str(10)};
}

std::vector<Claim> list_claims(db::Connection& c, const std::vector<std::string>& scope, const std::string& status,
                               int page, int page_size, int64_t* total) {
  db::Filter f;
  f.any_of("region_code", scope).equals("status", status);
  std::string sql = "FROM subsidy_claims" + f.sql();
  if (total) *total = c.query_i64("SELECT COUNT(*) " + sql, f.params());
  sql += " ORDER BY quarter DESC, id DESC";
  db::add_page(sql, f.params(), page, page_size);
  std::vector<Claim> out;
  for (const auto& r : c.query("SELECT id " + sql, f.params())) {
    if (auto cl = find_claim(c, r.i64(0))) out.push_back(*cl);
  }
  return out;
}

int64_t insert_claim(db::Connection& c, const std::string& quarter, const std::string& region_code,
                     const std::string& by, const std::string& at) {
  return c.query_one("INSERT INTO subsidy_claims (quarter, region_code, status, total_interest_fen, "
                     "total_subsidy_fen, created_by, created_at) VALUES (?, ?, 'draft', 0, 0, ?, ?) RETURNING id",
                     {quarter, region_code, by, at})
      ->i64(0);
}

int64_t fill_claim(db::Connection& c, int64_t claim_id, const std::vector<std::string>& scope, const std::string& from,
                   const std::string& to) {
  db::Params p{claim_id, from, to};
  int64_t n = c.execute("UPDATE loan_repayments SET claim_id = ? WHERE claim_id IS NULL AND subsidy_fen > 0 AND "
                        "paid_date >= ? AND paid_date <= ? AND loan_id IN (SELECT id FROM loans WHERE " +
                            scope_sql("region_code", scope, p) + ")",
                        p);
  auto sums = c.query_one("SELECT SUM(interest_fen), SUM(subsidy_fen) FROM loan_repayments WHERE claim_id = ?",
                          {claim_id});
  c.execute("UPDATE subsidy_claims SET total_interest_fen = ?, total_subsidy_fen = ? WHERE id = ?",
            {sums->i64(0), sums->i64(1), claim_id});
  return n;
}

std::vector<ClaimRow> claim_rows(db::Connection& c, int64_t claim_id) {
  std::vector<ClaimRow> out;
  for (const auto& r : c.query("SELECT l.loan_no, l.name, l.id_number, r.paid_date, l.policy_doc_no, r.interest_fen, "
                               "r.subsidy_fen, l.disbursed_date FROM loan_repayments r JOIN loans l ON l.id = r.loan_id "
                               "WHERE r.claim_id = ? ORDER BY l.loan_no, r.paid_date",
                               {claim_id})) {
    out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(7), r.i64(5), r.i64(6)});
  }
  return out;
}

void set_claim_submitted(db::Connection& c, int64_t id, const std::string& at) {
  c.execute("UPDATE subsidy_claims SET status = 'submitted', submitted_at = ? WHERE id = ?", {at, id});
}

void set_claim_paid(db::Connection& c, int64_t id, const std::string& at) {
  c.execute("UPDATE subsidy_claims SET status = 'paid', paid_at = ? WHERE id = ?", {at, id});
}

void delete_claim(db::Connection& c, int64_t id) {
  c.execute("UPDATE loan_repayments SET claim_id = NULL WHERE claim_id = ?", {id});
  c.execute("DELETE FROM subsidy_claims WHERE id = ?", {id});
}

}  // namespace fg::loans::store
