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
#include "base/page.h"
#include "base/text.h"
#include "db/database.h"
#include "loans/model.h"
#include "loans/store.h"
#include "regions/scoped_service.h"

namespace fg::loans {

// The module's own words for the vocabulary it uses everywhere.
using auth::Actor;
using auth::Role;
using errors::forbidden;
using errors::not_found;

// The text, period, order and page of a list request, into the store's query.
template <class StoreQuery, class ListQuery>
void take_list_fields(StoreQuery& q, const ListQuery& lq) {
  q.q = std::string(trim(lq.q));
  q.from = lq.from;
  q.to = lq.to;
  q.sort = lq.sort;
  q.page = lq.page;
  q.page_size = lq.page_size;
}

// What the three services share: the database, the regions, the clock, and who may read which
// application and loan.
class ServiceBase : public regions::ScopedService {
 public:
  using ScopedService::ScopedService;
  // Today in China Standard Time, by the application's clock, as loans store dates (ISO text).
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

};

}  // namespace fg::loans
