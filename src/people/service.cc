#include "people/service.h"

#include "auth/permissions.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit/store.h"
#include "base/credit_code.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/text.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::people {

using auth::Actor;
using auth::Role;

namespace {
using errors::forbidden;
using errors::not_found;
Error reason_required() {
  return invalid_field("reason", "删除必须填写原因（至少4个字）", "Deletion needs a reason (at least 4 characters)");
}
bool is_cli(const Actor& a) { return !a.user && a.source == "cli"; }
}  // namespace

nlohmann::json person_audit_json(const Entrepreneur& p) {
  // The audit log keeps the masked ID: readers of the log need to know what changed, not the number.
  return {{"id_number", mask_id(p.id_number)}, {"name", p.name}, {"phone", mask_phone(p.phone)},
          {"category", p.category}, {"region_code", p.region_code}, {"return_date", p.return_date},
          {"start_date", p.start_date}};
}

nlohmann::json entity_audit_json(const MarketEntity& e) {
  return {{"credit_code", e.credit_code}, {"name", e.name}, {"entity_type", e.entity_type},
          {"region_code", e.region_code}, {"registered_date", e.registered_date}, {"industry", e.industry},
          {"jobs", e.jobs}, {"founder_ids", e.founder_ids}};
}

bool Service::can_read(Role r) { return auth::allows(r, auth::Permission::people_read); }
bool Service::can_write(Role r) { return auth::allows(r, auth::Permission::people_write); }
bool Service::can_reveal(Role r) { return auth::allows(r, auth::Permission::people_reveal); }

Result<void> Service::require_read(const Actor& actor) const {
  if (is_cli(actor) || (actor.user && can_read(actor.user->role))) return {};
  return forbidden();
}

Result<void> Service::require_write(const Actor& actor, const std::string& region_code) {
  if (is_cli(actor)) return {};
  if (!actor.user || !can_write(actor.user->role)) return forbidden();
  if (!region_code.empty()) return regions_.require_scope(*actor.user, region_code);
  return {};
}

Result<std::vector<std::string>> Service::scope_for(const Actor& actor, const std::string& region) {
  return regions_.list_scope(actor, region);
}

template <class T, class Query>
Result<Page<T>> Service::scoped_page(const Actor& actor, Query& q, const std::string& region,
                                              std::vector<T> (*list)(db::Connection&, const Query&, int64_t*)) {
  FG_CHECK(require_read(actor));
  FG_TRY(q.region_codes, scope_for(actor, region));
  Page<T> page;
  auto c = db_.acquire();
  page.items = list(*c, q, &page.total);
  return page;
}

template <class T>
Result<T> Service::in_reach(const Actor& actor, std::optional<T> found, const char* zh, const char* en) {
  if (!found) return not_found(zh, en);
  if (actor.user) FG_CHECK(regions_.require_scope(*actor.user, found->region_code));
  return *found;
}

Result<Page<Entrepreneur>> Service::list_people(const Actor& actor, PersonQuery q, const std::string& region) {
  if (!q.category.empty()) {
    auto k = enum_key(kCategories, q.category);
    if (!k) return make_error(ErrorKind::bad_request, "bad_parameter", "category", "人员类别无效", "Unknown category");
    q.category = *k;
  }
  return scoped_page(actor, q, region, store::list_people);
}

Result<Entrepreneur> Service::get_person(const Actor& actor, int64_t id) {
  FG_CHECK(require_read(actor));
  auto c = db_.acquire();
  return in_reach(actor, store::find_person(*c, id), "人员不存在", "No such person");
}

Result<Entrepreneur> Service::reveal_person(const Actor& actor, int64_t id) {
  if (!is_cli(actor) && (!actor.user || !can_reveal(actor.user->role))) return forbidden();
  auto p = get_person(actor, id);
  if (!p) return p;
  auto c = db_.acquire();
  db::Transaction tx(*c);
  audit::record(*c, actor, "reveal", "entrepreneur", std::to_string(id), p->region_code, nullptr,
                {{"fields", {"id_number", "phone"}}});
  tx.commit();
  return p;
}

Result<Entrepreneur> Service::register_person(const Actor& actor, const EntrepreneurInput& in) {
  if (auto r = require_write(actor, ""); !r) return r.error();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  }
  auto p = validate_person(in, *regions_.tree(), clock_.today());
  if (!p) return p.error();
  if (auto r = require_write(actor, p->region_code); !r) return r.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  if (auto existing = store::find_person_by_id_number(*c, p->id_number)) {
    Error e = make_error(ErrorKind::conflict, "duplicate_person", "id_number",
                         "该身份证号已登记（" + existing->name + "），请打开已有记录",
                         "This ID number is already registered (" + existing->name + "); open the existing record");
    if (!actor.user || regions_.in_scope(*actor.user, existing->region_code)) {
      e.ref = std::to_string(existing->id);
    } else {
      e.zh = "该身份证号已在其他区划登记，请联系市局或所在县区核实";
      e.en = "This ID number is registered in another region; ask the city or that county to check";
    }
    return e;
  }
  p->created_at = p->updated_at = clock_.now_iso();
  p->id = store::insert_person(*c, *p);
  audit::record(*c, actor, "create", "entrepreneur", std::to_string(p->id), p->region_code, nullptr,
                person_audit_json(*p));
  tx.commit();
  return p;
}

Result<Entrepreneur> Service::update_person(const Actor& actor, int64_t id, const EntrepreneurInput& in_raw) {
  auto before = get_person(actor, id);
  if (!before) return before;
  if (auto r = require_write(actor, before->region_code); !r) return r.error();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in_raw.region_code); !r) return r.error();
  }
  EntrepreneurInput in = in_raw;
  in.id_number = before->id_number;  // identity never changes; a wrong number is deleted and re-registered
  auto p = validate_person(in, *regions_.tree(), clock_.today());
  if (!p) return p.error();
  if (auto r = require_write(actor, p->region_code); !r) return r.error();
  p->id = id;
  p->created_at = before->created_at;
  p->updated_at = clock_.now_iso();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  store::update_person(*c, *p);
  audit::record(*c, actor, "update", "entrepreneur", std::to_string(id), p->region_code, person_audit_json(*before),
                person_audit_json(*p));
  tx.commit();
  return p;
}

Result<void> Service::require_delete(const Actor& actor, const std::string& reason) const {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::people_delete))) {
    return errors::forbidden("只有市局管理员可以删除记录", "Only the city administrator may delete records");
  }
  if (utf8_length(trim(reason)) < 4) return reason_required();
  return {};
}

Result<void> Service::delete_person(const Actor& actor, int64_t id, const std::string& reason) {
  FG_CHECK(require_delete(actor, reason));
  auto before = get_person(actor, id);
  if (!before) return before.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  store::delete_person(*c, id);
  nlohmann::json after = {{"reason", trim(reason)}};
  audit::record(*c, actor, "delete", "entrepreneur", std::to_string(id), before->region_code,
                person_audit_json(*before), after);
  tx.commit();
  return {};
}

std::vector<MarketEntity> Service::entities_of(int64_t person_id) {
  auto c = db_.acquire();
  return store::entities_of_person(*c, person_id);
}

std::vector<Entrepreneur> Service::founders_of(int64_t entity_id) {
  auto c = db_.acquire();
  return store::founders_of(*c, entity_id);
}

std::set<int64_t> Service::outside_scope(const Actor& actor, const std::vector<int64_t>& person_ids) {
  std::set<int64_t> out;
  if (!actor.user || person_ids.empty()) return out;
  auto tree = regions_.tree();
  if (actor.user->region_code == tree->root_code()) return out;
  auto c = db_.acquire();
  for (const auto& [id, region] : store::regions_by_person_id(*c, person_ids)) {
    if (!tree->within(region, actor.user->region_code)) out.insert(id);
  }
  return out;
}

std::vector<audit::Entry> Service::history(const std::string& entity, int64_t id) {
  auto c = db_.acquire();
  return audit::history(*c, entity, std::to_string(id));
}

Result<std::vector<int64_t>> Service::resolve_founders(db::Connection& c, const Actor& actor,
                                                      const std::vector<std::string>& id_numbers) {
  std::vector<int64_t> ids;
  for (const auto& raw : id_numbers) {
    auto idn = IdNumber::parse(raw, clock_.today());
    if (!idn) {
      Error e = idn.error();
      e.field = "founder_id_number";
      return e;
    }
    auto p = store::find_person_by_id_number(c, idn->str());
    if (!p) {
      return invalid_field("founder_id_number", "创办人（" + idn->masked() + "）尚未登记，请先登记人员",
                           "Founder " + idn->masked() + " is not registered yet; register the person first");
    }
    if (actor.user && !regions_.in_scope(*actor.user, p->region_code)) {
      return make_error(ErrorKind::forbidden, "forbidden_region", "founder_id_number",
                        "创办人（" + idn->masked() + "）不在您的区划内", "Founder " + idn->masked() + " is outside your region");
    }
    if (std::find(ids.begin(), ids.end(), p->id) == ids.end()) ids.push_back(p->id);
  }
  return ids;
}

Result<Page<MarketEntity>> Service::list_entities(const Actor& actor, EntityQuery q, const std::string& region) {
  if (!q.entity_type.empty()) {
    auto k = enum_key(kEntityTypes, q.entity_type);
    if (!k) return make_error(ErrorKind::bad_request, "bad_parameter", "entity_type", "主体类型无效", "Unknown entity type");
    q.entity_type = *k;
  }
  return scoped_page(actor, q, region, store::list_entities);
}

Result<MarketEntity> Service::get_entity(const Actor& actor, int64_t id) {
  FG_CHECK(require_read(actor));
  auto c = db_.acquire();
  return in_reach(actor, store::find_entity(*c, id), "市场主体不存在", "No such market entity");
}

Result<MarketEntity> Service::register_entity(const Actor& actor, const EntityInput& in) {
  if (auto r = require_write(actor, ""); !r) return r.error();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  }
  auto e = validate_entity(in, *regions_.tree(), clock_.today());
  if (!e) return e.error();
  if (auto r = require_write(actor, e->region_code); !r) return r.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  if (auto existing = store::find_entity_by_code(*c, e->credit_code)) {
    // Name and id only to a caller whose region holds the record: another county's business is
    // none of theirs (issue 11 #13), as for a known ID number.
    if (!actor.user || regions_.in_scope(*actor.user, existing->region_code)) {
      Error err = make_error(ErrorKind::conflict, "duplicate_entity", "credit_code",
                             "该统一社会信用代码已登记（" + existing->name + "）",
                             "This credit code is already registered (" + existing->name + ")");
      err.ref = std::to_string(existing->id);
      return err;
    }
    return make_error(ErrorKind::conflict, "duplicate_entity", "credit_code",
                      "该统一社会信用代码已在其他区划登记，请联系市局或所在县区核实",
                      "This credit code is registered in another region; ask the city or that county to check");
  }
  auto founders = resolve_founders(*c, actor, in.founder_id_numbers);
  if (!founders) return founders.error();
  e->founder_ids = *founders;
  e->created_at = e->updated_at = clock_.now_iso();
  e->id = store::insert_entity(*c, *e);
  audit::record(*c, actor, "create", "market_entity", std::to_string(e->id), e->region_code, nullptr,
                entity_audit_json(*e));
  tx.commit();
  return e;
}

Result<MarketEntity> Service::update_entity(const Actor& actor, int64_t id, const EntityInput& in_raw) {
  auto before = get_entity(actor, id);
  if (!before) return before;
  if (auto r = require_write(actor, before->region_code); !r) return r.error();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in_raw.region_code); !r) return r.error();
  }
  EntityInput in = in_raw;
  in.credit_code = before->credit_code;
  auto e = validate_entity(in, *regions_.tree(), clock_.today());
  if (!e) return e.error();
  if (auto r = require_write(actor, e->region_code); !r) return r.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto founders = resolve_founders(*c, actor, in.founder_id_numbers);
  if (!founders) return founders.error();
  e->founder_ids = *founders;
  // Founders the caller cannot see (they were never shown to them) stay as they are: a county
  // edits its entity without dropping a founder registered elsewhere.
  for (int64_t kept : outside_scope(actor, before->founder_ids)) {
    if (std::find(e->founder_ids.begin(), e->founder_ids.end(), kept) == e->founder_ids.end()) {
      e->founder_ids.push_back(kept);
    }
  }
  e->id = id;
  e->created_at = before->created_at;
  e->updated_at = clock_.now_iso();
  store::update_entity(*c, *e);
  audit::record(*c, actor, "update", "market_entity", std::to_string(id), e->region_code, entity_audit_json(*before),
                entity_audit_json(*e));
  tx.commit();
  return e;
}

Result<void> Service::delete_entity(const Actor& actor, int64_t id, const std::string& reason) {
  FG_CHECK(require_delete(actor, reason));
  auto before = get_entity(actor, id);
  if (!before) return before.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  store::delete_entity(*c, id);
  audit::record(*c, actor, "delete", "market_entity", std::to_string(id), before->region_code,
                entity_audit_json(*before), {{"reason", trim(reason)}});
  tx.commit();
  return {};
}

}  // namespace fg::people
