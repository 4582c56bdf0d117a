// Judging: experts' assignments to the entries of a stage, and their scores.
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

Result<Judging::AssignReport> Judging::auto_assign(const Actor& actor, int64_t competition_id,
                                                   const std::string& stage_kind) {
  if (!is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(Competition k, assignable_contest(*c, competition_id, stage_kind));
  const Stage* s = k.stage(stage_kind);
  std::vector<Candidate> cands;
  for (const auto& e : stage_entries(*c, k, stage_kind)) cands.push_back(candidate(e));
  std::vector<Judge> judges;
  for (const auto& x : store::experts(*c)) judges.push_back(judge(x));
  std::set<std::pair<int64_t, int64_t>> existing;
  for (const auto& a : store::assignments(*c, s->id)) existing.insert({a.entry_id, a.expert_user_id});
  auto plan = plan_assignments(cands, judges, s->experts_per_entry, s->load_cap, existing);
  std::string now = clock_.now_iso();
  for (const auto& [entry, expert] : plan.pairs) {
    store::insert_assignment(*c, {0, entry, s->id, expert, now});
  }
  audit::record(*c, actor, "assign", "competition", std::to_string(competition_id), actor.user->region_code, nullptr,
                {{"stage", stage_kind}, {"created", plan.pairs.size()}, {"short_entries", plan.short_entries}});
  tx.commit();
  return AssignReport{static_cast<int>(plan.pairs.size()), plan.short_entries};
}

Result<Assignment> Judging::assign(const Actor& actor, int64_t competition_id, const std::string& stage_kind,
                                   int64_t entry_id, int64_t expert_user_id) {
  if (!is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  FG_TRY(Competition k, assignable_contest(*c, competition_id, stage_kind));
  const Stage* s = k.stage(stage_kind);
  auto e = store::entry(*c, entry_id);
  if (!e || e->competition_id != competition_id) return invalid_field("entry_id", "参赛项目不存在", "No such entry");
  if (stage_kind == "online" ? e->status != "passed" : !e->roadshow) {
    return invalid_field("entry_id", "该项目不在本轮评审范围内", "The entry is not in this stage");
  }
  auto x = store::expert(*c, expert_user_id);
  if (!x) return invalid_field("expert_user_id", "专家不在专家库中", "The expert is not in the pool");
  if (auto why = conflict_of(judge(*x), candidate(*e))) return conflict_error(*why);
  auto all = store::assignments(*c, s->id);
  int load = 0;
  for (const auto& a : all) {
    if (a.expert_user_id == expert_user_id) ++load;
    if (a.expert_user_id == expert_user_id && a.entry_id == entry_id) {
      return make_error(ErrorKind::conflict, "duplicate_assignment", "expert_user_id", "该专家已分配此项目",
                        "The expert already has this entry");
    }
  }
  if (load >= s->load_cap) {
    return invalid_field("expert_user_id", "该专家已达评审上限（" + std::to_string(s->load_cap) + "）",
                         "The expert has reached the load cap (" + std::to_string(s->load_cap) + ")");
  }
  Assignment a{0, entry_id, s->id, expert_user_id, clock_.now_iso()};
  a.id = store::insert_assignment(*c, a);
  audit::record(*c, actor, "assign", "competition_assignment", std::to_string(a.id), e->region_code, nullptr,
                {{"entry_id", entry_id}, {"stage", stage_kind}, {"expert_user_id", expert_user_id}});
  tx.commit();
  return a;
}

Result<std::vector<Judging::AssignmentView>> Judging::assignments(const Actor& actor, int64_t competition_id,
                                                                  const std::string& stage_kind) {
  if (!is_reader(actor)) return forbidden();
  auto c = db_.acquire();
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  FG_TRY(const Stage* s, stage_of(*k, stage_kind));
  std::map<int64_t, std::string> names;
  for (const auto& x : store::experts(*c)) names[x.user_id] = x.display_name;
  std::map<int64_t, int> counted;
  for (const auto& sc : store::scores(*c, s->id)) ++counted[sc.assignment_id];
  std::vector<AssignmentView> out;
  for (const auto& a : store::assignments(*c, s->id)) {
    out.push_back({a, stage_kind, names[a.expert_user_id],
                   counted[a.id] == static_cast<int>(s->criteria.size())});
  }
  return out;
}

Result<std::vector<Judging::MyAssignment>> Judging::my_assignments(const Actor& actor) {
  if (!is(actor, Role::expert)) return forbidden();
  auto c = db_.acquire();
  std::vector<MyAssignment> out;
  std::map<int64_t, Competition> contests;
  for (const auto& a : store::assignments_of_expert(*c, actor.user->id)) {
    auto e = store::entry(*c, a.entry_id);
    if (!e) continue;
    auto it = contests.find(e->competition_id);
    if (it == contests.end()) it = contests.emplace(e->competition_id, *store::find(*c, e->competition_id)).first;
    const Stage* st = nullptr;
    for (const auto& s : it->second.stages) {
      if (s.id == a.stage_id) st = &s;
    }
    if (!st) continue;
    out.push_back({a, it->second, *st, *e, store::scores_of(*c, a.id), scoreable(it->second, *st, clock_.today())});
  }
  return out;
}

Result<Judging::MyAssignment> Judging::my_assignment(const Actor& actor, int64_t assignment_id) {
  if (!is(actor, Role::expert)) return forbidden();
  auto c = db_.acquire();
  auto a = store::assignment(*c, assignment_id);
  // Another expert's assignment answers as if it did not exist.
  if (!a || a->expert_user_id != actor.user->id) return errors::not_found("评审任务不存在", "No such assignment");
  auto e = store::entry(*c, a->entry_id);
  auto k = store::find(*c, e->competition_id);
  for (const auto& s : k->stages) {
    if (s.id == a->stage_id) return MyAssignment{*a, *k, s, *e, store::scores_of(*c, a->id), scoreable(*k, s, clock_.today())};
  }
  return errors::not_found("评审任务不存在", "No such assignment");
}

Result<Judging::MyAssignment> Judging::save_scores(const Actor& actor, int64_t assignment_id,
                                                   const std::vector<ScoreInput>& in) {
  auto mine = my_assignment(actor, assignment_id);
  if (!mine) return mine.error();
  if (!scoreable(mine->k, mine->stage, clock_.today())) {
    return wrong_phase(mine->k, "本轮评分未开放或已过截止日期（" + mine->stage.deadline + "）",
                       "Scoring of this stage is not open or past its deadline (" + mine->stage.deadline + ")");
  }
  if (in.empty()) return invalid_field("scores", "请填写评分", "Scores are required");
  std::map<int64_t, const Criterion*> rubric;
  for (const auto& cr : mine->stage.criteria) rubric[cr.id] = &cr;
  for (const auto& s : in) {
    auto it = rubric.find(s.criterion_id);
    if (it == rubric.end()) return invalid_field("criterion_id", "评分项不属于本轮评审", "The criterion is not of this stage");
    if (auto ok = check_score(*it->second, s.score); !ok) return ok.error();
    if (utf8_length(s.comment) > 500) return invalid_field("comment", "评语不能超过500个字", "Comment is longer than 500 characters");
  }
  auto c = db_.acquire();
  db::Transaction tx(*c);
  json before = json::object(), after = json::object();
  for (const auto& s : store::scores_of(*c, assignment_id)) {
    before[std::to_string(s.criterion_id)] = {{"score", s.score}, {"comment", s.comment}};
  }
  after = before;
  std::string now = clock_.now_iso();
  for (const auto& s : in) {
    std::string comment = trim(s.comment);
    store::upsert_score(*c, {assignment_id, s.criterion_id, s.score, comment, now});
    after[std::to_string(s.criterion_id)] = {{"score", s.score}, {"comment", comment}};
  }
  if (before != after) {
    audit::record(*c, actor, before.empty() ? "score" : "rescore", "competition_assignment",
                  std::to_string(assignment_id), mine->e.region_code, before, after);
  }
  tx.commit();
  return my_assignment(actor, assignment_id);
}

}  // namespace fg::competitions
