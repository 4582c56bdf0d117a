// Awards: aggregation of a stage, the roadshow selection, prizes, the public notice (公示) and the exports.
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

Result<Awards::Result_> Awards::results(const Actor& actor, int64_t competition_id, const std::string& stage_kind) {
  if (!is_reader(actor)) return forbidden();
  auto c = db_.acquire();
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  FG_TRY(const Stage* s, stage_of(*k, stage_kind));
  Result_ r;
  r.k = *k;
  r.stage = *s;
  for (const auto& x : store::experts(*c)) r.expert_names[x.user_id] = x.display_name;
  std::vector<std::pair<int64_t, std::string>> list;
  for (const auto& e : stage_entries(*c, *k, stage_kind)) {
    r.entries[e.id] = e;
    list.emplace_back(e.id, e.group_key);
  }
  std::map<int64_t, std::map<int64_t, int>> by_assignment;
  for (const auto& sc : store::scores(*c, r.stage.id)) by_assignment[sc.assignment_id][sc.criterion_id] = sc.score;
  const Criterion* lead = lead_criterion(r.stage);
  std::vector<Mark> marks;
  for (const auto& a : store::assignments(*c, r.stage.id)) {
    const auto& sc = by_assignment[a.id];
    if (sc.size() != r.stage.criteria.size() || !r.entries.count(a.entry_id)) continue;  // only complete score sheets count
    double lead_share = lead ? 100.0 * sc.at(lead->id) / lead->max_score : 0;
    marks.push_back({a.entry_id, a.expert_user_id, weighted_total(r.stage.criteria, sc), lead_share});
  }
  std::vector<Mark> used = k->normalise ? normalise(marks) : marks;
  for (size_t i = 0; i < marks.size(); ++i) {
    r.marks[marks[i].entry_id].push_back(
        {marks[i].expert_id, r.expert_names[marks[i].expert_id], round2(marks[i].total), round2(used[i].total)});
  }
  r.standings = rank(list, marks, k->normalise);
  r.flags = disagreement(marks);
  if (stage_kind == "online") {
    std::map<std::string, int> slots;
    for (const auto& g : k->groups) slots[g.key] = g.roadshow_slots;
    r.selected = select_top(r.standings, slots);
  }
  return r;
}

Result<Competition> Awards::select_roadshow(const Actor& actor, int64_t competition_id) {
  if (!is_city(actor)) return forbidden();
  auto r = results(actor, competition_id, "online");
  if (!r) return r.error();
  if (r->k.phase != "scoring") return wrong_phase(r->k, "只能在网络评审阶段遴选路演项目", "Roadshow selection follows online scoring");
  if (r->selected.empty()) return wrong_phase(r->k, "还没有完成评分的项目", "No entry has complete scores");
  auto c = db_.acquire();
  db::Transaction tx(*c);
  std::set<int64_t> chosen(r->selected.begin(), r->selected.end());
  std::string now = clock_.now_iso();
  for (const auto& s : r->standings) {
    Entry e = r->entries[s.entry_id];
    e.roadshow = chosen.count(s.entry_id) > 0;
    e.online_score_centi = s.n > 0 ? std::optional<int64_t>(centi(s.score)) : std::nullopt;
    e.online_rank = s.rank > 0 ? std::optional<int64_t>(s.rank) : std::nullopt;
    e.updated_at = now;
    store::update_entry(*c, e);
  }
  store::set_phase(*c, competition_id, "roadshow", now);
  audit::record(*c, actor, "select_roadshow", "competition", std::to_string(competition_id), actor.user->region_code,
                {{"phase", "scoring"}}, {{"phase", "roadshow"}, {"selected", r->selected}});
  tx.commit();
  return *store::find(*c, competition_id);
}

Result<Competition> Awards::award(const Actor& actor, int64_t competition_id) {
  if (!is_city(actor)) return forbidden();
  auto c0 = db_.acquire();
  auto k0 = store::find(*c0, competition_id);
  if (!k0) return errors::not_found("大赛不存在", "No such contest");
  if (k0->phase != "roadshow") return wrong_phase(*k0, "只能在路演阶段评奖", "Awards follow the roadshow");
  std::string kind = k0->stage("roadshow") ? "roadshow" : "online";
  auto r = results(actor, competition_id, kind);
  if (!r) return r.error();
  std::vector<Standing> standings;
  for (const auto& s : r->standings) {
    if (r->entries[s.entry_id].roadshow) standings.push_back(s);
  }
  bool any = std::any_of(standings.begin(), standings.end(), [](const Standing& s) { return s.n > 0; });
  if (!any) return wrong_phase(r->k, "路演评分尚未完成", "No roadshow scores yet");
  auto prizes = competitions::award(standings, r->k.groups);
  auto prov = provincial(prizes, standings, r->k.provincial_quota);
  std::set<int64_t> prov_set(prov.begin(), prov.end());
  auto c = db_.acquire();
  db::Transaction tx(*c);
  std::string now = clock_.now_iso();
  json winners = json::array();
  for (const auto& s : standings) {
    Entry e = r->entries[s.entry_id];
    if (kind == "roadshow") {
      e.roadshow_score_centi = s.n > 0 ? std::optional<int64_t>(centi(s.score)) : std::nullopt;
      e.roadshow_rank = s.rank > 0 ? std::optional<int64_t>(s.rank) : std::nullopt;
    }
    auto it = prizes.find(s.entry_id);
    e.prize = it == prizes.end() ? "" : it->second;
    e.provincial = prov_set.count(s.entry_id) > 0;
    e.updated_at = now;
    store::update_entry(*c, e);
    if (!e.prize.empty()) winners.push_back({{"entry_id", e.id}, {"prize", e.prize}, {"provincial", e.provincial}});
  }
  store::set_phase(*c, competition_id, "awarded", now);
  audit::record(*c, actor, "award", "competition", std::to_string(competition_id), actor.user->region_code,
                {{"phase", "roadshow"}}, {{"phase", "awarded"}, {"winners", winners}});
  tx.commit();
  return *store::find(*c, competition_id);
}

Result<Competition> Awards::publish(const Actor& actor, int64_t competition_id) {
  if (!is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  if (k->phase != "awarded") return wrong_phase(*k, "评奖完成后才能公示", "Publication follows the awards");
  store::EntryQuery q;
  q.competition_id = competition_id;
  q.roadshow_only = true;
  std::string now = clock_.now_iso();
  std::string today = clock_.today().iso();
  int records = 0;
  for (const auto& e : store::entries(*c, q)) {
    if (e.prize.empty()) continue;
    // The award is support (扶持) of the person who leads the project: it feeds the reports.
    const Group* g = k->group(e.group_key);
    std::string detail =
        excerpt(k->name + " " + (g ? g->name : e.group_key) + prize_label(e.prize) + "：" + e.project, 580);
    if (!activities::record_support(*c, actor,
                                    {e.leader_id_number, e.leader_name, e.region_code, e.county_code, today, "award",
                                     detail},
                                    now)) {
      continue;
    }
    ++records;
  }
  store::set_phase(*c, competition_id, "published", now);
  audit::record(*c, actor, "publish", "competition", std::to_string(competition_id), actor.user->region_code,
                {{"phase", "awarded"}}, {{"phase", "published"}, {"support_records", records}});
  tx.commit();
  return *store::find(*c, competition_id);
}

Result<std::pair<Competition, std::vector<Entry>>> Awards::public_results(int64_t competition_id) {
  auto c = db_.acquire();
  auto k = store::find(*c, competition_id);
  if (!k || k->phase != "published") return errors::not_found("已公示的大赛不存在", "No such published contest");
  store::EntryQuery q;
  q.competition_id = competition_id;
  q.roadshow_only = true;
  std::vector<Entry> winners;
  for (auto& e : store::entries(*c, q)) {
    if (!e.prize.empty()) winners.push_back(std::move(e));
  }
  std::map<std::string, size_t> pos;
  for (size_t i = 0; i < k->groups.size(); ++i) pos[k->groups[i].key] = i;
  auto level = [](const std::string& p) { return p == "first" ? 1 : p == "second" ? 2 : 3; };
  std::sort(winners.begin(), winners.end(), [&](const Entry& a, const Entry& b) {
    return std::tuple(pos[a.group_key], level(a.prize), a.roadshow_rank.value_or(0), a.id) <
           std::tuple(pos[b.group_key], level(b.prize), b.roadshow_rank.value_or(0), b.id);
  });
  return std::make_pair(*k, winners);
}

Result<std::vector<Competition>> Awards::published() {
  auto c = db_.acquire();
  std::vector<Competition> out;
  for (auto& k : store::list(*c)) {
    if (k.phase == "published") out.push_back(std::move(k));
  }
  return out;
}

Result<std::string> Awards::scores_xlsx(const Actor& actor, int64_t competition_id) {
  if (!is_reader(actor)) return forbidden();
  auto k = get(actor, competition_id);
  if (!k) return k.error();
  auto c = db_.acquire();
  std::map<int64_t, std::string> names;
  for (const auto& x : store::experts(*c)) names[x.user_id] = x.display_name;
  std::vector<ledger::Sheet> sheets;
  for (const auto& s : k->stages) {
    ledger::Sheet sh;
    sh.name = s.kind == "online" ? "网络评审评分表" : "路演评分表";
    sh.headers = {"项目编号", "项目名称", "组别", "专家"};
    for (const auto& cr : s.criteria) {
      sh.headers.push_back(cr.name + "（" + std::to_string(cr.weight) + "%，满分" + std::to_string(cr.max_score) + "）");
    }
    sh.headers.push_back("加权总分");
    sh.headers.push_back("评语");
    std::map<int64_t, std::map<int64_t, Score>> by;
    for (const auto& sc : store::scores(*c, s.id)) by[sc.assignment_id][sc.criterion_id] = sc;
    for (const auto& a : store::assignments(*c, s.id)) {
      auto e = store::entry(*c, a.entry_id);
      const Group* g = k->group(e->group_key);
      std::vector<ledger::Cell> row{e->id, e->project, g ? g->name : e->group_key, names[a.expert_user_id]};
      std::map<int64_t, int> plain;
      std::string comments;
      for (const auto& cr : s.criteria) {
        auto it = by[a.id].find(cr.id);
        if (it == by[a.id].end()) {
          row.emplace_back(std::monostate{});
          continue;
        }
        row.emplace_back(static_cast<int64_t>(it->second.score));
        plain[cr.id] = it->second.score;
        if (!it->second.comment.empty()) comments += (comments.empty() ? "" : "；") + cr.name + "：" + it->second.comment;
      }
      if (plain.size() == s.criteria.size()) row.emplace_back(round2(weighted_total(s.criteria, plain)));
      else row.emplace_back(std::monostate{});
      row.emplace_back(comments);
      sh.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(sh));
  }
  return ledger::write_xlsx(sheets);
}

Result<std::string> Awards::rankings_xlsx(const Actor& actor, int64_t competition_id) {
  if (!is_reader(actor)) return forbidden();
  auto k = get(actor, competition_id);
  if (!k) return k.error();
  auto tree = regions_.tree();
  std::vector<ledger::Sheet> sheets;
  for (const auto& s : k->stages) {
    auto r = results(actor, competition_id, s.kind);
    if (!r) return r.error();
    ledger::Sheet sh;
    sh.name = s.kind == "online" ? "网络评审排名" : "路演排名";
    sh.headers = {"组别", "名次", "项目编号", "项目名称", "市场主体", "县（市、区）", "评分数", "截尾均值", "结果"};
    std::set<int64_t> sel(r->selected.begin(), r->selected.end());
    for (const auto& st : r->standings) {
      const Entry& e = r->entries[st.entry_id];
      const Group* g = k->group(e.group_key);
      const auto* county = tree->find(e.county_code);
      std::string outcome = s.kind == "online" ? (sel.count(e.id) ? "入围路演" : "") : prize_label(e.prize);
      if (s.kind != "online" && e.provincial) outcome += "（推荐省赛）";
      sh.rows.push_back({g ? g->name : e.group_key, st.rank > 0 ? ledger::Cell(static_cast<int64_t>(st.rank)) : ledger::Cell(),
                         e.id, e.project, e.entity_name, county ? county->name : e.county_code,
                         static_cast<int64_t>(st.n), st.n > 0 ? ledger::Cell(st.score) : ledger::Cell(), outcome});
    }
    sheets.push_back(std::move(sh));
  }
  return ledger::write_xlsx(sheets);
}

}  // namespace fg::competitions
