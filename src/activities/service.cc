#include "activities/service.h"

#include "auth/permissions.h"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <unordered_map>

#include "activities/rules.h"
#include "activities/store.h"
#include "audit/store.h"
#include "base/text.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::activities {

using auth::Actor;
using auth::Role;

namespace {
bool is_cli(const Actor& a) { return !a.user && a.source == "cli"; }
using errors::forbidden;
nlohmann::json audit_json(const Activity& a) {
  return {{"indicator", a.indicator}, {"id_number", people::mask_id(a.id_number)}, {"name", a.name},
          {"region_code", a.region_code}, {"date", a.date}, {"detail", a.detail}};
}
bool same(const Activity& a, const Activity& b) {
  return a.name == b.name && a.region_code == b.region_code && a.detail == b.detail;
}
Error person_outside() {
  return make_error(ErrorKind::forbidden, "forbidden_region", "id_number", "该身份证号的人员登记在您的管辖范围以外",
                    "This ID number belongs to a person registered outside your region");
}
}  // namespace

Result<void> Service::require_person_scope(db::Connection& c, const Actor& actor, const std::string& id_number) {
  if (!actor.user) return {};
  auto p = people::store::find_person_by_id_number(c, id_number);
  if (p && !regions_.in_scope(*actor.user, p->region_code)) return person_outside();
  return {};
}


const ledger::Schema& Service::schema() {
  static const ledger::Schema s{"activities",
                                {{"indicator", "指标", true},
                                 {"id_number", "身份证号", true},
                                 {"name", "姓名", true},
                                 {"region_code", "区划代码", true},
                                 {"date", "日期", true},
                                 {"detail", "内容", false}}};
  return s;
}

Result<Page<Activity>> Service::list(const Actor& actor, Query q, const std::string& region) {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::activities_read))) return forbidden();
  auto scope = regions_.list_scope(actor, region);
  if (!scope) return scope.error();
  q.region_codes = *scope;
  if (!q.indicator.empty()) {
    auto k = people::enum_key(kIndicators, q.indicator);
    if (!k) return make_error(ErrorKind::bad_request, "bad_parameter", "indicator", "指标无效", "Unknown indicator");
    q.indicator = *k;
  }
  Page<Activity> page;
  auto c = db_.acquire();
  page.items = store::list(*c, q, &page.total);
  return page;
}

Result<Activity> Service::record(const Actor& actor, const ActivityInput& in) {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::activities_write))) return forbidden();
  if (actor.user) {
    if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  }
  auto a = validate_activity(in, *regions_.tree(), clock_.today());
  if (!a) return a.error();
  if (actor.user) {
    if (auto r = regions_.require_scope(*actor.user, a->region_code); !r) return r.error();
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  // The record names a person: when they are registered, in the caller's region too.
  if (auto r = require_person_scope(*c, actor, a->id_number); !r) return r.error();
  if (auto old = store::find_key(*c, a->indicator, a->id_number, a->date)) {
    Error e = make_error(ErrorKind::conflict, "duplicate_activity", "date", "该人员当天已有同一指标的记录",
                         "This person already has a record of this indicator on that date");
    if (!actor.user || regions_.in_scope(*actor.user, old->region_code)) e.ref = std::to_string(old->id);
    return e;
  }
  a->created_at = clock_.now_iso();
  a->id = store::insert(*c, *a);
  audit::record(*c, actor, "create", "activity", std::to_string(a->id), a->region_code, nullptr, audit_json(*a));
  tx.commit();
  return a;
}

Result<std::vector<Activity>> Service::of_person(const Actor& actor, const std::string& id_number) {
  Query q;
  q.q = id_number;
  q.page_size = 200;
  FG_TRY(auto scope, regions_.list_scope(actor, ""));
  q.region_codes = scope;
  auto c = db_.acquire();
  return store::list(*c, q, nullptr);
}

Result<void> Service::reach(const Actor& actor, int64_t id) {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::activities_read))) return forbidden();
  auto c = db_.acquire();
  auto a = store::find(*c, id);
  if (!a) return make_error(ErrorKind::not_found, "not_found", "", "记录不存在", "No such record");
  if (actor.user) return regions_.require_scope(*actor.user, a->region_code);
  return {};
}

Result<void> Service::remove(const Actor& actor, int64_t id, const std::string& reason) {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::activities_write))) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto a = store::find(*c, id);
  if (!a) return make_error(ErrorKind::not_found, "not_found", "", "记录不存在", "No such record");
  if (actor.user) {
    if (auto r = regions_.require_scope(*actor.user, a->region_code); !r) return r.error();
  }
  if (utf8_length(trim(reason)) < 4) {
    return invalid_field("reason", "删除必须填写原因（至少4个字）", "Deletion needs a reason (at least 4 characters)");
  }
  store::remove(*c, id);
  audit::record(*c, actor, "delete", "activity", std::to_string(id), a->region_code, audit_json(*a),
                {{"reason", trim(reason)}});
  tx.commit();
  return {};
}

Result<ledger::ImportReport> Service::import(const Actor& actor, const ledger::Table& t,
                                             const ledger::ImportOptions& opt, const std::string& filename) {
  if (!is_cli(actor) && (!actor.user || !auth::allows(actor.user->role, auth::Permission::activities_write))) {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权导入台账", "Your role may not import ledgers");
  }
  FG_TRY(auto cm, ledger::map_header(schema(), t.header));
  auto rep = ledger::start_report(schema(), t, cm);
  auto tree = regions_.tree();
  Date today = clock_.today();
  std::string now = clock_.now_iso();
  std::vector<Activity> good;
  std::vector<int> good_lines;
  good.reserve(t.rows.size());
  std::unordered_map<std::string, int> seen;
  for (const auto& row : t.rows) {
    std::string date(trim(cm.cell(row, 4)));
    if (auto d = ledger::parse_date_cell(cm.cell(row, 4), "date")) date = d->iso();
    ActivityInput in{std::string(cm.cell(row, 0)), std::string(cm.cell(row, 1)), std::string(cm.cell(row, 2)),
                     std::string(cm.cell(row, 3)), date, std::string(cm.cell(row, 5)), "", "", "", "", "", ""};
    auto a = validate_activity(in, *tree, today);
    if (!a) {
      rep.errors.push_back({row.line, a.error().field, a.error().zh, a.error().en});
      continue;
    }
    if (actor.user && !tree->within(a->region_code, actor.user->region_code)) {
      rep.errors.push_back({row.line, "region_code", "区划 " + a->region_code + " 不在您的管辖范围内",
                            "Region " + a->region_code + " is outside your region"});
      continue;
    }
    auto [it, fresh] = seen.emplace(a->indicator + "|" + a->id_number + "|" + a->date, row.line);
    if (!fresh) {
      rep.errors.push_back({row.line, "date", "与第" + std::to_string(it->second) + "行重复（同一人、同一指标、同一日期）",
                            "Same person, indicator and date as line " + std::to_string(it->second)});
      continue;
    }
    a->created_at = now;
    good.push_back(std::move(*a));
    good_lines.push_back(row.line);
  }
  if (actor.user && !good.empty()) {
    // As on the page: a row about a registered person of another region is refused.
    auto c = db_.acquire();
    auto tree_now = regions_.tree();
    std::vector<std::string> id_numbers;
    id_numbers.reserve(good.size());
    for (const auto& a : good) id_numbers.push_back(a.id_number);
    // id_number → registered region
    const auto region_of = people::store::regions_by_id_number(*c, id_numbers);
    std::vector<Activity> kept;
    kept.reserve(good.size());
    for (size_t i = 0; i < good.size(); ++i) {
      auto it = region_of.find(good[i].id_number);
      if (it != region_of.end() && !tree_now->within(it->second, actor.user->region_code)) {
        Error e = person_outside();
        rep.errors.push_back({good_lines[i], e.field, e.zh, e.en});
        continue;
      }
      kept.push_back(std::move(good[i]));
    }
    good = std::move(kept);
  }
  ledger::finish_report(rep, t, schema());
  if (!rep.errors.empty() && !opt.skip_invalid) return rep;
  auto c = db_.acquire();
  db::Transaction tx(*c);
  // The stored records of the file's people looked up all at once (by indicator, ID number and
  // date, the natural key), the new ones written many per statement.
  std::unordered_map<std::string, Activity> stored;
  {
    std::vector<std::string> people;
    people.reserve(good.size());
    for (const auto& a : good) people.push_back(a.id_number);
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    for (auto& a : store::of_people(*c, people)) {
      std::string key = a.indicator + "|" + a.id_number + "|" + a.date;
      stored.emplace(std::move(key), std::move(a));
    }
  }
  std::vector<const Activity*> to_insert;
  to_insert.reserve(good.size());
  for (auto& a : good) {
    auto found = stored.find(a.indicator + "|" + a.id_number + "|" + a.date);
    const Activity* old = found == stored.end() ? nullptr : &found->second;
    if (!old) {
      to_insert.push_back(&a);
    } else if (same(*old, a)) {
      ++rep.unchanged;
    } else {
      a.id = old->id;
      store::update(*c, a);
      audit::record(*c, actor, "import_update", "activity", std::to_string(a.id), a.region_code, audit_json(*old),
                    audit_json(a));
      ++rep.updated;
    }
  }
  store::insert_many(*c, to_insert);
  rep.inserted = static_cast<int64_t>(to_insert.size());
  return audit::commit_import(*c, tx, actor, "activities", filename, std::move(rep));
}

}  // namespace fg::activities
