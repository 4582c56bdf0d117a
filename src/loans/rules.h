#pragma once
#include <vector>

#include "base/error.h"
#include "loans/model.h"

namespace fg::loans {

// The policy in force on `date` (the latest whose dates cover it), or nullptr.
const Policy* policy_on(const std::vector<Policy>& policies, const std::string& date);

int64_t limit_of(const Policy& p, const std::string& borrower_type);

// A loan's amount must be within the limit of the policy in force on its disbursement date for
// its borrower type; the refusal names that policy and its clause. Returns the policy used.
Result<const Policy*> check_limit(const std::vector<Policy>& policies, const std::string& borrower_type,
                                  int64_t amount_fen, const std::string& date);

}  // namespace fg::loans
