// Contests: setup, phases and the expert pool.
#include "competitions/service.h"
#include "competitions/internal.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "activities/support.h"
#include "attachments/service.h"
#include "audit/store.h"
#include "auth/store.h"
#include "base/credit_code.h"
#include "base/id_number.h"
#include "base/text.h"
#include "ledger/xlsx_writer.h"
#include "people/rules.h"
#include "people/store.h"

namespace fg::competitions {

using auth::Actor;
using auth::Role;
using nlohmann::json;
using namespace detail;

Result<Competition> Contests::create(const Actor& actor, Competition k) {
  if (!is_city(actor)) return forbidden();
  if (auto v = validate_setup(k); !v) return v.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  k.created_at = k.updated_at = clock_.now_iso();
  k.id = store::insert(*c, k);
  audit::record(*c, actor, "create", "competition", std::to_string(k.id), actor.user->region_code, nullptr,
                setup_json(k));
  tx.commit();
  return *store::find(*c, k.id);
}

Result<Competition> Contests::update(const Actor& actor, int64_t id, Competition k) {
  if (!is_city(actor)) return forbidden();
  if (auto v = validate_setup(k); !v) return v.error();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::find(*c, id);
  if (!old) return errors::not_found("大赛不存在", "No such contest");
  if (old->phase != "setup" && old->phase != "registration") {
    return wrong_phase(*old, "报名结束后不能再修改大赛设置", "The setup cannot change after registration");
  }
  if (old->phase == "registration") {
    // Groups and rules are what entrants relied on: only dates, names and the rubric may change.
    if (k.groups.size() != old->groups.size()) {
      return wrong_phase(*old, "报名开始后不能增删组别", "Groups cannot be added or removed once registration opened");
    }
  }
  k.id = id;
  k.updated_at = clock_.now_iso();
  store::replace(*c, k);
  audit::record(*c, actor, "update", "competition", std::to_string(id), actor.user->region_code, setup_json(*old),
                setup_json(k));
  tx.commit();
  return *store::find(*c, id);
}

Result<std::vector<Competition>> Contests::list(const Actor& actor) {
  if (!actor.user) return forbidden();
  auto c = db_.acquire();
  return store::list(*c);
}

Result<Competition> Contests::advance(const Actor& actor, int64_t id, const std::string& phase) {
  if (!is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = store::find(*c, id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  int from = phase_index(k->phase), to = phase_index(phase);
  if (to < 1 || to > phase_index("scoring")) {
    return invalid_field("phase", "只能由此推进到 registration、review 或 scoring；其后请用路演遴选、评奖和公示",
                         "Only registration, review or scoring here; later phases come with selection, awards and publication");
  }
  if (to != from + 1) {
    return wrong_phase(*k, "阶段只能依次推进", "Phases advance one at a time");
  }
  if (phase == "scoring") {
    if (store::count_passed(*c, id) == 0) return wrong_phase(*k, "还没有通过资料审核的项目", "No entry has passed the material review");
  }
  std::string now = clock_.now_iso();
  store::set_phase(*c, id, phase, now);
  audit::record(*c, actor, "phase", "competition", std::to_string(id), actor.user->region_code,
                {{"phase", k->phase}}, {{"phase", phase}});
  tx.commit();
  return *store::find(*c, id);
}

Result<std::vector<Expert>> Contests::experts(const Actor& actor) {
  if (!is_reader(actor)) return forbidden();
  auto c = db_.acquire();
  return store::experts(*c);
}

Result<Expert> Contests::save_expert(const Actor& actor, Expert e) {
  if (!is_city(actor)) return forbidden();
  e.specialty = trim(e.specialty);
  e.affiliation = trim(e.affiliation);
  if (e.specialty.empty() || utf8_length(e.specialty) > 50) {
    return invalid_field("specialty", "请填写专业领域（不超过50个字）", "Specialty is required (at most 50 characters)");
  }
  if (e.affiliation.empty() || utf8_length(e.affiliation) > 100) {
    return invalid_field("affiliation", "请填写工作单位（不超过100个字）", "Affiliation is required (at most 100 characters)");
  }
  auto tree = regions_.tree();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto u = auth::store::find_by_id(*c, e.user_id);
  if (!u || u->role != Role::expert) {
    return invalid_field("user_id", "该账号不存在或不是评审专家", "No such account with the expert role");
  }
  if (e.county_code.empty()) e.county_code = people::county_of(*tree, u->region_code);
  if (!e.county_code.empty()) {
    const auto* r = tree->find(e.county_code);
    if (!r || r->level != "county") return invalid_field("county_code", "县区代码无效", "Not a county code");
  }
  if (!e.credit_code.empty()) {
    auto cc = CreditCode::parse(e.credit_code);
    if (!cc) return cc.error();
    e.credit_code = cc->str();
  }
  std::vector<std::string> rel;
  for (const auto& r : e.relations) {
    std::string t = trim(r);
    if (!t.empty()) rel.push_back(t.substr(0, 100));
  }
  e.relations = rel;
  auto old = store::expert(*c, e.user_id);
  store::save_expert(*c, e, clock_.now_iso());
  auto now = store::expert(*c, e.user_id);
  auto js = [](const Expert& x) {
    return json{{"specialty", x.specialty}, {"affiliation", x.affiliation}, {"county_code", x.county_code},
                {"credit_code", x.credit_code}, {"relations", x.relations}};
  };
  audit::record(*c, actor, old ? "update" : "create", "competition_expert", std::to_string(e.user_id), "",
                old ? js(*old) : json(nullptr), js(*now));
  tx.commit();
  return *now;
}

Result<Expert> Contests::declare_relations(const Actor& actor, const std::vector<std::string>& relations) {
  if (!is(actor, Role::expert)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::expert(*c, actor.user->id);
  if (!old) return make_error(ErrorKind::not_found, "not_in_pool", "", "您尚未加入专家库", "You are not in the expert pool");
  Expert e = *old;
  e.relations.clear();
  for (const auto& r : relations) {
    std::string t = trim(r);
    if (!t.empty()) e.relations.push_back(t.substr(0, 100));
  }
  if (e.relations.size() > 50) return invalid_field("relations", "最多申报50项", "At most 50 relations");
  store::save_expert(*c, e, clock_.now_iso());
  audit::record(*c, actor, "declare", "competition_expert", std::to_string(e.user_id), "",
                {{"relations", old->relations}}, {{"relations", e.relations}});
  tx.commit();
  return *store::expert(*c, e.user_id);
}

}  // namespace fg::competitions
