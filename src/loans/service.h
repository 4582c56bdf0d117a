#pragma once
// Guarantee loans (创业担保贷款) are served by three services, one per stage of a loan's life, on
// one shared base: Applications (policies, applications and their approval workflow,
// workflow.h), Servicing (disbursed loans: the ledger, repayments, compensation, figures,
// servicing.h) and Claims (the quarterly interest-subsidy claims, claims.h). Every method
// checks the actor's role and region itself.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "auth/model.h"
#include "base/clock.h"
#include "db/database.h"
#include "loans/model.h"
#include "loans/store.h"
#include "regions/service.h"

namespace fg::loans {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

// What the three services share: the database, the regions, the clock, and who may read which
// application and loan.
class ServiceBase {
 public:
  ServiceBase(db::Database& db, regions::Service& regions, const Clock& clock)
      : db_(db), regions_(regions), clock_(clock) {}
  // Today in China Standard Time, by the application's clock.
  std::string today() const { return clock_.today().iso(); }
  // The offices that read every application and loan of their region (the auditor city-wide).
  static bool office(auth::Role r);

 protected:
  Result<std::vector<std::string>> scope_for(const auth::Actor& actor, const std::string& region);
  Result<void> can_read_app(const auth::Actor& actor, const Application& a);
  // Application `id` when the actor may read it: 404 when there is none, else can_read_app.
  Result<Application> readable_app(db::Connection& c, const auth::Actor& actor, int64_t id);
  Result<Loan> readable_loan(db::Connection& c, const auth::Actor& actor, int64_t id);
  // The ID number of the entrepreneur an account is linked to; empty when there is none.
  std::string own_id_number(db::Connection& c, const auth::User& u);

  db::Database& db_;
  regions::Service& regions_;
  const Clock& clock_;
};

}  // namespace fg::loans
