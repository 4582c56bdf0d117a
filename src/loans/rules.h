#pragma once
#include <vector>

#include "auth/model.h"
#include "base/error.h"
#include "loans/model.h"
#include "regions/model.h"

namespace fg::loans {

// Statuses a bank or guarantee fund sees: from the county's approval on.
inline const std::vector<std::string> kBankVisible = {"county_approved", "guaranteed", "bank_approved", "disbursed",
                                                      "repaying", "settled", "compensated"};

// The policy in force on `date` (the latest whose dates cover it), or nullptr.
const Policy* policy_on(const std::vector<Policy>& policies, const std::string& date);
// The policy a decision cited by its document number; the one in force on `date` when that
// document is no longer in the library.
const Policy* policy_named(const std::vector<Policy>& policies, const std::string& doc_no, const std::string& date);

int64_t limit_of(const Policy& p, const std::string& borrower_type);

// A loan's amount must be within the limit of the policy in force on its disbursement date for
// its borrower type; the refusal names that policy and its clause. Returns the policy used.
Result<const Policy*> check_limit(const std::vector<Policy>& policies, const std::string& borrower_type,
                                  int64_t amount_fen, const std::string& date);

// A policy as the city types it: every field checked, each error naming its field.
Result<void> check_policy(const Policy& p);

// What the registry and the loan tables know about an applicant, for the eligibility rules.
struct Applicant {
  std::string category;         // key of people::kCategories
  std::string birth_date;       // YYYY-MM-DD
  int prior_loans = 0;          // guarantee loans ever disbursed to this person
  std::string outstanding_loan; // loan_no of a loan not yet repaid, or empty
  std::string open_application; // app_no of another application in progress, or empty
};

// Every rule, each citing the policy in force on `date` that sets it; the application is
// eligible when every reason is ok. With no policy in force, one failing reason says so.
std::vector<Reason> eligibility(const Policy* policy, const Applicant& who, const ApplicationInput& in,
                                const std::string& date);
bool all_ok(const std::vector<Reason>& reasons);

// Years completed on `date` by someone born on `birth_date`.
int age_on(const std::string& birth_date, const std::string& date);

// Monthly instalments from the disbursement date: due the same day of each following month
// (clamped to the month's end). Interest is amount × rate / 12 per month on the outstanding
// principal; every amount is rounded half up to the fen and the last period takes the remainder.
std::vector<Installment> build_schedule(int64_t amount_fen, int term_months, int rate_bp, const std::string& method,
                                        const std::string& disbursed_date);

// Applies a repayment to the schedule in due-date order (interest and principal separately);
// returns the due date of the first instalment still not fully paid (empty when none).
std::string allocate(std::vector<Installment>& schedule, int64_t principal_fen, int64_t interest_fen);

// Days `today` is past `next_due_date` (0 when not overdue or no due date).
int overdue_days(const std::string& next_due_date, const std::string& today);

// Subsidy on interest paid: interest × min(1, cap ÷ loan rate) × the policy's share, half up.
int64_t subsidy_of(int64_t interest_fen, std::optional<int> loan_rate_bp, const Policy& p);

// The workflow. next_status: the status an action leads to from `from`, or empty when the
// action is not allowed there.
std::string next_status(const std::string& from, const std::string& action);
bool is_pending(const std::string& status);  // waiting for a step of the workflow

// Whether this user owns the step that `status` waits for, for an application in `region_code`.
bool owns_step(const auth::User& u, const std::string& status, const std::string& region_code,
               const regions::Tree& tree);
// Whether this user may take `action` on an application in `status` (role and region; the
// transition itself is checked by next_status).
bool may_act(const auth::User& u, const std::string& action, const std::string& status,
             const std::string& region_code, int64_t person_id, const regions::Tree& tree);

std::string label(const Labels& labels, const std::string& key);

// "2026Q3" → first and last day of the quarter.
Result<std::pair<std::string, std::string>> quarter_range(const std::string& quarter);

}  // namespace fg::loans
