#pragma once
// SQL for the loan tables. Every value is a bound parameter; sort keys come from fixed lists.
#include <optional>
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

std::optional<Application> find_application(db::Connection& c, int64_t id);
int64_t insert_application(db::Connection& c, const Application& a);
void update_application(db::Connection& c, const Application& a);
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
int64_t insert_loan(db::Connection& c, const Loan& l);
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

std::optional<Claim> find_claim(db::Connection& c, int64_t id);

// "region_code IN (…)" for a non-empty scope, "1=1" otherwise.
std::string scope_sql(const char* column, const std::vector<std::string>& scope, db::Params& p);

}  // namespace fg::loans::store
