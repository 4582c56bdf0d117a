#pragma once
// Disbursed loans (贷后管理): the loan ledger and its import, repayments, compensation by the
// guarantee fund, and the loan figures.
#include "ledger/import.h"
#include "loans/service.h"

namespace fg::loans {

class Servicing : public ServiceBase {
 public:
  using ServiceBase::ServiceBase;

  struct LoanListQuery {
    std::string status, q, region, from, to;
    std::string sort = "-disbursed_date";
    int page = 1, page_size = 20;
  };
  Result<Page<Loan>> loans(const auth::Actor& actor, const LoanListQuery& q);
  struct LoanDetail {
    Loan loan;
    std::vector<Installment> schedule;
    std::vector<Repayment> repayments;
  };
  Result<LoanDetail> loan(const auth::Actor& actor, int64_t id);
  // Whether the actor may see this loan at all (404 when there is none).
  Result<void> reach_loan(const auth::Actor& actor, int64_t id);
  Result<Repayment> repay(const auth::Actor& actor, int64_t loan_id, const Repayment& in);
  Result<Loan> compensate(const auth::Actor& actor, int64_t loan_id, const std::string& date,
                          const std::string& comment);
  Result<nlohmann::json> figures(const auth::Actor& actor, const std::string& region, const std::string& from,
                                 const std::string& to);

  // The `loans` ledger kind of interchange.md: disbursed loans, each checked against the limit of
  // the policy in force on its disbursement date; the policy applied is stored with the loan.
  static bool can_import(auth::Role r);
  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();
};

}  // namespace fg::loans
