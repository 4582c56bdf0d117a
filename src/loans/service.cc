// What the loan services share: who may read which application and loan.
#include "loans/service.h"

#include <algorithm>

#include "auth/permissions.h"
#include "loans/rules.h"
#include "people/store.h"

namespace fg::loans {


bool ServiceBase::office(Role r) { return auth::allows(r, auth::Permission::reports_read); }

Result<std::vector<std::string>> ServiceBase::scope_for(const Actor& actor, const std::string& region) {
  return regions_.list_scope(actor, region);
}

std::string ServiceBase::own_id_number(db::Connection& c, const auth::User& u) {
  if (!u.person_id) return "";
  auto p = people::store::find_person(c, *u.person_id);
  return p ? p->id_number : "";
}

Result<void> ServiceBase::can_read_app(const Actor& actor, const Application& a) {
  if (!actor.user) return {};
  const auto& u = *actor.user;
  auto tree = regions_.tree();
  bool ok = false;
  switch (u.role) {
    case Role::city_admin:
    case Role::auditor: ok = true; break;
    case Role::county_officer:
    case Role::township_staff: ok = tree->within(a.region_code, u.region_code); break;
    case Role::bank:
      ok = tree->within(a.region_code, u.region_code) &&
           std::find(kBankVisible.begin(), kBankVisible.end(), a.status) != kBankVisible.end();
      break;
    case Role::entrepreneur: ok = u.person_id && *u.person_id == a.person_id; break;
    default: ok = false;
  }
  if (!ok) return errors::forbidden("无权查看此贷款申请", "You may not see this application");
  return {};
}

Result<Application> ServiceBase::readable_app(db::Connection& c, const Actor& actor, int64_t id) {
  auto a = store::find_application(c, id);
  if (!a) return errors::not_found("贷款申请不存在", "No such application");
  FG_CHECK(can_read_app(actor, *a));
  return *a;
}

Result<Loan> ServiceBase::readable_loan(db::Connection& c, const Actor& actor, int64_t id) {
  auto l = store::find_loan(c, id);
  if (!l) return errors::not_found("贷款不存在", "No such loan");
  if (!actor.user) return *l;
  const auto& u = *actor.user;
  auto tree = regions_.tree();
  bool ok = false;
  if (office(u.role) || u.role == Role::bank) ok = tree->within(l->region_code, u.region_code);
  if (u.role == Role::entrepreneur && u.person_id) {
    std::string own = own_id_number(c, u);
    ok = !own.empty() && own == l->id_number;
  }
  if (!ok) return errors::forbidden("无权查看此贷款", "You may not see this loan");
  return *l;
}

}  // namespace fg::loans
