#pragma once
// Quarterly interest-subsidy claims (贴息申报): a county (or the city) claims the subsidy on the
// repayments of a quarter, the city confirms payment. Read by the city, county officers and the
// auditor.
#include <utility>

#include "loans/service.h"

namespace fg::loans {

class Claims : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  static bool claims_reader(auth::Role r);
  Result<Page<Claim>> claims(const auth::Actor& actor, const std::string& region, const std::string& status, int page,
                             int page_size);
  Result<Claim> create_claim(const auth::Actor& actor, const std::string& quarter, const std::string& region);
  struct ClaimLine {
    std::string loan_no, person_name, id_number, paid_date, policy_doc_no;
    int64_t interest_fen = 0, subsidy_fen = 0;
    int share_bp = 0;
  };
  Result<std::pair<Claim, std::vector<ClaimLine>>> claim(const auth::Actor& actor, int64_t id);
  Result<Claim> claim_action(const auth::Actor& actor, int64_t id, const std::string& action);
  // Whether the actor may see this claim at all (404 when there is none).
  Result<void> reach_claim(const auth::Actor& actor, int64_t id);
};

}  // namespace fg::loans
