#include "targets/service.h"

#include "auth/permissions.h"

#include <nlohmann/json.hpp>
#include <set>

#include "activities/model.h"
#include "audit/store.h"
#include "base/date.h"
#include "base/text.h"
#include "people/rules.h"
#include "targets/store.h"

namespace fg::targets {

using auth::Actor;
using auth::Role;

namespace {
// Who reads the grid: the office roles. Targets are the office's own yardstick (the web menu's
// 目标任务): not for banks, funds, experts, mentors or entrepreneurs (issue 11 #11).
bool can_read(Role r) { return auth::allows(r, auth::Permission::targets_read); }
// Who may set cells at all: the city and county officers.
bool can_set(Role r) { return auth::allows(r, auth::Permission::targets_set); }
bool is_cli(const Actor& a) { return !a.user && a.source == "cli"; }

void write_cell(db::Connection& c, const Actor& actor, int year, const std::string& region, const std::string& indicator,
                std::optional<int64_t> value, const std::string& now) {
  auto before = store::find(c, year, region, indicator);
  if (before == value) return;
  store::remove(c, year, region, indicator);
  if (value) store::insert(c, {year, region, indicator, *value}, now);
  auto j = [](std::optional<int64_t> v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  audit::record(c, actor, "set", "target", std::to_string(year) + "/" + region + "/" + indicator, region,
                {{"target", j(before)}}, {{"target", j(value)}});
}
}  // namespace

const ledger::Schema& Service::schema() {
  static const ledger::Schema s{"targets",
                                {{"year", "年度", true},
                                 {"region_code", "区划代码", true},
                                 {"indicator", "指标", true},
                                 {"target", "目标数", true}}};
  return s;
}

Result<void> Service::require_set(const Actor& actor, const std::string& region_code) {
  if (is_cli(actor)) return {};
  if (!actor.user) return make_error(ErrorKind::forbidden, "forbidden", "", "无权设置目标", "You may not set targets");
  auto tree = regions_.tree();
  if (actor.user->role == Role::city_admin) return {};
  if (actor.user->role == Role::county_officer && region_code != actor.user->region_code &&
      tree->within(region_code, actor.user->region_code)) {
    return {};
  }
  return make_error(ErrorKind::forbidden, "forbidden", "region_code",
                    "只有市局可以设置县区目标，县区经办人可以设置本县乡镇的目标",
                    "The city sets county targets; a county officer sets those of the county's townships");
}

Result<Service::Grid> Service::grid(const Actor& actor, int year, const std::string& region_code) {
  if (actor.user && !can_read(actor.user->role)) {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权查看目标任务", "Your role may not read targets");
  }
  auto tree = regions_.tree();
  if (!tree->find(region_code)) return invalid_field("region", "区划代码不存在", "No such region");
  if (actor.user && !tree->within(region_code, actor.user->region_code)) {
    return make_error(ErrorKind::forbidden, "forbidden_region", "region", "无权访问该区划的数据", "No access to that region");
  }
  Grid g;
  g.year = year;
  g.region_code = region_code;
  std::set<std::string> wanted{region_code};
  for (const auto& c : tree->children(region_code)) wanted.insert(c);
  auto c = db_.acquire();
  for (const auto& [region, per] : load_year(*c, year)) {
    if (wanted.count(region)) g.values[region] = per;
  }
  return g;
}

Result<int> Service::set(const Actor& actor, int year, const std::vector<Cell>& cells) {
  if (actor.user && !can_set(actor.user->role)) return require_set(actor, "").error();
  auto tree = regions_.tree();
  // Authorisation first: every cell's region, before the values are looked at.
  for (const auto& cell : cells) {
    if (!tree->find(cell.region_code)) {
      return invalid_field("region_code", "区划代码不存在：" + excerpt(cell.region_code, 12), "No such region");
    }
    if (auto r = require_set(actor, cell.region_code); !r) return r.error();
  }
  if (year < 2000 || year > 2100) return invalid_field("year", "年度应在2000–2100之间", "The year must be 2000–2100");
  for (const auto& cell : cells) {
    if (!people::enum_key(activities::kIndicators, cell.indicator)) {
      return invalid_field("indicator", "指标无效：" + excerpt(cell.indicator, 20), "Unknown indicator");
    }
    if (cell.target && (*cell.target < 0 || *cell.target > 100000000)) {
      return invalid_field("target", "目标数应为0–1亿之间的整数", "A target is a whole number from 0 to 100,000,000");
    }
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  for (const auto& cell : cells) {
    write_cell(*c, actor, year, cell.region_code, *people::enum_key(activities::kIndicators, cell.indicator), cell.target,
               clock_.now_iso());
  }
  tx.commit();
  return static_cast<int>(cells.size());
}

Result<ledger::ImportReport> Service::import(const Actor& actor, const ledger::Table& t, const ledger::ImportOptions& opt,
                                             const std::string& filename) {
  if (!is_cli(actor) && (!actor.user || !can_set(actor.user->role))) {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权导入目标", "Your role may not import targets");
  }
  FG_TRY(auto cm, ledger::map_header(schema(), t.header));
  auto rep = ledger::start_report(schema(), t, cm);
  auto tree = regions_.tree();
  struct Good {
    int year;
    std::string region, indicator;
    int64_t target;
  };
  std::vector<Good> good;
  std::map<std::string, int> seen;
  for (const auto& row : t.rows) {
    auto year = ledger::parse_nonneg_int(cm.cell(row, 0), "year");
    if (!year || *year < 2000 || *year > 2100) {
      rep.errors.push_back({row.line, "year", "年度应为2000–2100之间的整数", "The year must be a whole number 2000–2100"});
      continue;
    }
    std::string region(trim(cm.cell(row, 1)));
    if (!tree->find(region)) {
      rep.errors.push_back({row.line, "region_code", "区划代码不存在：" + excerpt(region, 12), "No such region code"});
      continue;
    }
    auto ind = ledger::parse_enum(cm.cell(row, 2), "indicator", activities::kIndicators);
    if (!ind) {
      rep.errors.push_back({row.line, "indicator", ind.error().zh, ind.error().en});
      continue;
    }
    auto target = ledger::parse_nonneg_int(cm.cell(row, 3), "target");
    if (!target) {
      rep.errors.push_back({row.line, "target", target.error().zh, target.error().en});
      continue;
    }
    if (auto r = require_set(actor, region); !r) {
      rep.errors.push_back({row.line, "region_code", r.error().zh, r.error().en});
      continue;
    }
    std::string key = std::to_string(*year) + region + *ind;
    auto [it, fresh] = seen.emplace(key, row.line);
    if (!fresh) {
      rep.errors.push_back({row.line, "indicator", "与第" + std::to_string(it->second) + "行重复",
                            "Same year, region and indicator as line " + std::to_string(it->second)});
      continue;
    }
    good.push_back({static_cast<int>(*year), region, *ind, *target});
  }
  ledger::finish_report(rep, t, schema());
  if (!rep.errors.empty() && !opt.skip_invalid) return rep;
  auto c = db_.acquire();
  db::Transaction tx(*c);
  for (const auto& g : good) {
    auto before = store::find(*c, g.year, g.region, g.indicator);
    if (before == g.target) {
      ++rep.unchanged;
      continue;
    }
    (before ? rep.updated : rep.inserted)++;
    write_cell(*c, actor, g.year, g.region, g.indicator, g.target, clock_.now_iso());
  }
  return audit::commit_import(*c, tx, actor, "targets", filename, std::move(rep));
}

std::map<std::string, std::map<std::string, int64_t>> load_year(db::Connection& c, int year) {
  return store::of_year(c, year);
}

}  // namespace fg::targets
