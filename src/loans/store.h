#pragma once
// SQL for the loan tables. Every value is a bound parameter; sort keys come from fixed lists.
#include <optional>
#include <unordered_map>
#include <vector>

#include "db/database.h"
#include "loans/model.h"

#include <string_view>

namespace fg::loans::store {

// The columns a list may be sorted by; the routes check `sort` against these same lists.
inline constexpr std::string_view kApplicationSorts[] = {"id", "amount_fen", "submitted_at", "updated_at", "term_months"};
inline constexpr std::string_view kLoanSorts[] = {"disbursed_date", "amount_fen", "next_due_date", "loan_no", "id"};

std::vector<Policy> load_policies(db::Connection& c);
std::optional<Policy> find_policy(db::Connection& c, int64_t id);
int64_t insert_policy(db::Connection& c, const Policy& p);
void update_policy(db::Connection& c, const Policy& p);
std::optional<int64_t> policy_id_of(db::Connection& c, const std::string& doc_no);
// Whether a loan or an application cites the document (its number then cannot change).
bool policy_cited(db::Connection& c, const std::string& doc_no);

std::optional<Application> find_application(db::Connection& c, int64_t id);
int64_t insert_application(db::Connection& c, const Application& a);
void update_application(db::Connection& c, const Application& a);
void set_app_no(db::Connection& c, int64_t id, const std::string& app_no);
// The status a loan's servicing moves its application to (repaying, settled, compensated).
void set_application_status(db::Connection& c, int64_t id, const std::string& status, const std::string& at);
// The number of the person's application in progress (or returned to them), other than `except`.
std::optional<std::string> open_application_no(db::Connection& c, int64_t person_id, int64_t except);
void insert_step(db::Connection& c, int64_t application_id, const Step& s);
std::vector<Step> steps_of(db::Connection& c, int64_t application_id);

struct AppQuery {
  std::vector<std::string> region_codes;  // empty: all
  std::vector<std::string> statuses;      // empty: all
  std::optional<int64_t> person_id;
  std::string q;                           // name, app number, or ID number (full or last digits)
  std::string from, to;                    // submitted between (dates)
  std::string sort = "-id";
  int page = 1;
  int page_size = 20;
};
std::vector<Application> list_applications(db::Connection& c, const AppQuery& q, int64_t* total);

std::vector<Attachment> attachments_of(db::Connection& c, int64_t application_id);  // without their bytes

std::optional<Loan> find_loan(db::Connection& c, int64_t id);
std::optional<Loan> find_loan_by_no(db::Connection& c, const std::string& loan_no);
int64_t insert_loan(db::Connection& c, const Loan& l);
// A ledger import's correction of a loan it brought in before (identity, amount, term, policy).
void update_ledger_loan(db::Connection& c, const Loan& l);
// A line of the loans ledger (interchange.md): a disbursement without servicing data.
void insert_ledger_loan(db::Connection& c, const Loan& l);
// The ledger import's bulk path: the stored loans among these numbers (by number), and new ledger
// loans in multi-row statements, in the caller's transaction.
std::unordered_map<std::string, Loan> loans_by_no(db::Connection& c, const std::vector<std::string>& loan_nos);
void insert_ledger_loans(db::Connection& c, const std::vector<const Loan*>& loans);
// What the eligibility rules need of a person's earlier loans.
struct PriorLoan {
  std::string loan_no, disbursed_date, status;
  int64_t term_months = 0;
  bool serviced = false;  // disbursed through the workflow (has a schedule), not a ledger line
};
std::vector<PriorLoan> loans_of_person(db::Connection& c, const std::string& id_number);
void set_repaid(db::Connection& c, int64_t loan_id, int64_t repaid_principal_fen, const std::string& status,
                const std::string& next_due_date);
void set_compensated(db::Connection& c, int64_t loan_id, const std::string& date);
struct LoanQuery {
  std::vector<std::string> region_codes;
  std::string id_number;                  // an entrepreneur's own
  std::string status;                     // disbursed|repaying|settled|compensated|overdue
  std::string today;                      // for overdue
  std::string q;
  std::string from, to;                   // disbursed between
  std::string sort = "-disbursed_date";
  int page = 1;
  int page_size = 20;                     // 0: all
};
std::vector<Loan> list_loans(db::Connection& c, const LoanQuery& q, int64_t* total);

std::vector<Installment> schedule_of(db::Connection& c, int64_t loan_id);
void save_schedule(db::Connection& c, int64_t loan_id, const std::vector<Installment>& s);
std::vector<Repayment> repayments_of(db::Connection& c, int64_t loan_id);
bool repayment_ref_exists(db::Connection& c, int64_t loan_id, const std::string& ref);
int64_t insert_repayment(db::Connection& c, const Repayment& r);

// The loan figures (GET /loans/figures) over a report scope (empty: everything): each a plain
// aggregate, so the figures stay exact under every write.
struct Disbursed {
  int64_t fen = 0, borrowers = 0, loans = 0;
};
Disbursed disbursed(db::Connection& c, const std::vector<std::string>& scope, const std::string& from,
                    const std::string& to);
// Serviced loans only (with a schedule): ledger imports carry only their disbursement.
struct Book {
  int64_t outstanding_fen = 0, overdue_loans = 0, overdue_fen = 0, compensated_loans = 0;
};
Book book(db::Connection& c, const std::vector<std::string>& scope, const std::string& today);
struct SubsidySums {
  int64_t claimed_fen = 0, paid_fen = 0, due_fen = 0, interest_fen = 0;
};
SubsidySums subsidy_sums(db::Connection& c, const std::vector<std::string>& scope, const std::string& from,
                         const std::string& to);
std::vector<std::pair<std::string, int64_t>> applications_by_status(db::Connection& c,
                                                                    const std::vector<std::string>& scope);
struct RegionSum {
  std::string region_code;
  int64_t fen = 0, loans = 0;
};
std::vector<RegionSum> disbursed_by_region(db::Connection& c, const std::vector<std::string>& scope,
                                           const std::string& from, const std::string& to);
// (region code, ID number) of every borrower lent to in the period, each pair once.
std::vector<std::pair<std::string, std::string>> borrowers_by_region(db::Connection& c,
                                                                     const std::vector<std::string>& scope,
                                                                     const std::string& from, const std::string& to);
std::vector<std::pair<std::string, int64_t>> overdue_by_region(db::Connection& c, const std::vector<std::string>& scope,
                                                               const std::string& today);
struct MonthSum {
  std::string month;  // YYYY-MM
  int64_t fen = 0, borrowers = 0;
};
std::vector<MonthSum> disbursed_by_month(db::Connection& c, const std::vector<std::string>& scope,
                                         const std::string& from, const std::string& to);

std::optional<Claim> find_claim(db::Connection& c, int64_t id);
// Newest quarter first; `status` empty: all.
std::vector<Claim> list_claims(db::Connection& c, const std::vector<std::string>& scope, const std::string& status,
                               int page, int page_size, int64_t* total);
int64_t insert_claim(db::Connection& c, const std::string& quarter, const std::string& region_code,
                     const std::string& by, const std::string& at);
// Puts the scope's unclaimed subsidised repayments paid in [from, to] on the claim and sets its
// totals; returns how many repayments it took.
int64_t fill_claim(db::Connection& c, int64_t claim_id, const std::vector<std::string>& scope, const std::string& from,
                   const std::string& to);
struct ClaimRow {
  std::string loan_no, person_name, id_number, paid_date, policy_doc_no, disbursed_date;
  int64_t interest_fen = 0, subsidy_fen = 0;
};
std::vector<ClaimRow> claim_rows(db::Connection& c, int64_t claim_id);
void set_claim_submitted(db::Connection& c, int64_t id, const std::string& at);
void set_claim_paid(db::Connection& c, int64_t id, const std::string& at);
// A withdrawn draft: its repayments are free to be claimed again.
void delete_claim(db::Connection& c, int64_t id);

// "region_code IN (…)" for a non-empty scope, "1=1" otherwise.
std::string scope_sql(const char* column, const std::vector<std::string>& scope, db::Params& p);

}  // namespace fg::loans::store
