#pragma once
#include <vector>

#include "auth/model.h"
#include "db/database.h"
#include "ledger/import.h"
#include "loans/model.h"
#include "regions/service.h"

namespace fg::loans {

std::vector<Policy> load_policies(db::Connection& c);

class Service {
 public:
  Service(db::Database& db, regions::Service& regions) : db_(db), regions_(regions) {}

  static bool can_import(auth::Role r);
  // The `loans` ledger kind of interchange.md: disbursed loans, each checked against the limit of
  // the policy in force on its disbursement date; the policy applied is stored with the loan.
  Result<ledger::ImportReport> import(const auth::Actor& actor, const ledger::Table& table,
                                      const ledger::ImportOptions& opt, const std::string& filename);
  static const ledger::Schema& schema();

 private:
  db::Database& db_;
  regions::Service& regions_;
};

}  // namespace fg::loans
