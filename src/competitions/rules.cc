#include "competitions/rules.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "base/text.h"

namespace fg::competitions {

namespace {
Error setup_error(const std::string& field, const std::string& zh, const std::string& en) {
  return invalid_field(field, zh, en);
}
}  // namespace

Result<void> validate_setup(const Competition& c) {
  if (trim(c.name).empty() || utf8_length(c.name) > 100) {
    return setup_error("name", "请填写大赛名称（不超过100个字）", "The contest needs a name (at most 100 characters)");
  }
  if (c.year < 2000 || c.year > 2100) return setup_error("year", "年度应为2000–2100", "The year must be 2000–2100");
  if (!Date::parse(c.registration_deadline)) {
    return setup_error("registration_deadline", "报名截止日期无效", "The registration deadline is not a valid date");
  }
  if (c.provincial_quota < 0 || c.provincial_quota > 1000) {
    return setup_error("provincial_quota", "省赛名额应为0–1000", "The provincial quota must be 0–1000");
  }
  if (c.groups.empty() || c.groups.size() > 10) {
    return setup_error("groups", "请设置1–10个组别", "Set up 1–10 groups");
  }
  std::set<std::string> keys;
  for (const auto& g : c.groups) {
    if (g.key.empty() || g.key.size() > 30 || trim(g.name).empty()) {
      return setup_error("groups", "每个组别需要代码和名称", "Every group needs a key and a name");
    }
    if (!keys.insert(g.key).second) return setup_error("groups", "组别代码重复：" + g.key, "Duplicate group key: " + g.key);
    if (std::find(kGroupRules.begin(), kGroupRules.end(), g.rule) == kGroupRules.end()) {
      return setup_error("groups", "组别规则应为 under_years、min_years、township 或 any",
                         "A group rule is under_years, min_years, township or any");
    }
    if ((g.rule == "under_years" || g.rule == "min_years") && (g.years < 1 || g.years > 50)) {
      return setup_error("groups", "组别“" + g.name + "”的年限应为1–50年", "Group " + g.key + " needs 1–50 years");
    }
    if (g.roadshow_slots < 0 || g.roadshow_slots > 500 || g.first_prizes < 0 || g.second_prizes < 0 ||
        g.third_prizes < 0 || g.first_prizes + g.second_prizes + g.third_prizes > g.roadshow_slots) {
      return setup_error("groups", "组别“" + g.name + "”的路演名额与奖项数不合理（奖项总数不能超过路演名额）",
                         "Group " + g.key + ": prizes cannot exceed its roadshow slots");
    }
  }
  if (!c.stage("online")) return setup_error("stages", "需要网络评审阶段（online）", "An online review stage is required");
  std::set<std::string> kinds;
  for (const auto& s : c.stages) {
    if (s.kind != "online" && s.kind != "roadshow") {
      return setup_error("stages", "阶段类型应为 online 或 roadshow", "A stage is online or roadshow");
    }
    if (!kinds.insert(s.kind).second) return setup_error("stages", "阶段重复：" + s.kind, "Duplicate stage: " + s.kind);
    if (!Date::parse(s.deadline)) return setup_error("stages", "阶段截止日期无效", "A stage deadline is not a valid date");
    if (s.experts_per_entry < 1 || s.experts_per_entry > 15) {
      return setup_error("stages", "每个项目的评审专家数应为1–15", "Experts per entry must be 1–15");
    }
    if (s.load_cap < 1 || s.load_cap > 1000) return setup_error("stages", "专家评审上限应为1–1000", "Load cap must be 1–1000");
    if (s.criteria.empty()) return setup_error("stages", "每个阶段需要评分细则", "Every stage needs scoring criteria");
    int sum = 0;
    for (const auto& k : s.criteria) {
      if (trim(k.name).empty() || k.weight < 1 || k.max_score < 1 || k.max_score > 1000) {
        return setup_error("stages", "评分项需要名称、正权重和满分", "A criterion needs a name, a weight and a maximum");
      }
      sum += k.weight;
    }
    if (sum != 100) {
      return setup_error("stages", "“" + s.name + "”的评分权重合计应为100，现为" + std::to_string(sum),
                         "The weights of stage " + s.kind + " sum to " + std::to_string(sum) + ", not 100");
    }
  }
  return {};
}

int full_years(Date from, Date to) {
  int y = to.year() - from.year();
  if (to.month() < from.month() || (to.month() == from.month() && to.day() < from.day())) --y;
  return y;
}

Result<void> check_group(const Group& g, Date registered, const std::string& region_level, Date reference) {
  if (registered > reference) {
    return invalid_field("registered_date", "登记日期不能晚于报名截止日期", "Registered after the registration deadline");
  }
  int age = full_years(registered, reference);
  if (g.rule == "under_years" && age >= g.years) {
    return invalid_field("group_key",
                         "“" + g.name + "”要求登记注册未满" + std::to_string(g.years) + "年，该主体已登记" +
                             std::to_string(age) + "年",
                         "Group " + g.key + " is for entities registered under " + std::to_string(g.years) +
                             " years; this one is " + std::to_string(age));
  }
  if (g.rule == "min_years" && age < g.years) {
    return invalid_field("group_key",
                         "“" + g.name + "”要求登记注册满" + std::to_string(g.years) + "年，该主体仅" +
                             std::to_string(age) + "年",
                         "Group " + g.key + " is for entities registered " + std::to_string(g.years) +
                             " years or more; this one is " + std::to_string(age));
  }
  if (g.rule == "township" && region_level != "township") {
    return invalid_field("group_key", "“" + g.name + "”要求在乡镇（街道）及以下登记注册",
                         "Group " + g.key + " is for entities registered at township level or below");
  }
  return {};
}

std::optional<std::string> conflict_of(const Judge& j, const Candidate& c) {
  if (!j.county_code.empty() && j.county_code == c.county_code) return "same_county";
  if (!j.credit_code.empty() && j.credit_code == c.credit_code) return "same_entity";
  for (const auto& r : j.relations) {
    std::string t = trim(r);
    if (t.empty()) continue;
    if (t == c.credit_code || t == c.leader_id_number || t == c.entity_name) return "declared_relation";
  }
  return std::nullopt;
}

Error conflict_error(const std::string& reason) {
  std::string zh = reason == "same_county"   ? "专家与参赛项目同属一个县（市、区）"
                   : reason == "same_entity" ? "专家与参赛项目属同一市场主体"
                                             : "专家申报了与该项目的利害关系";
  std::string en = reason == "same_county"   ? "the expert is of the entry's county"
                   : reason == "same_entity" ? "the expert belongs to the entry's entity"
                                             : "the expert declared a relation to the entry";
  return make_error(ErrorKind::invalid, "conflict_of_interest", "expert_user_id", "存在利益冲突，不能分配：" + zh,
                    "Conflict of interest, cannot assign: " + en);
}

AssignmentPlan plan_assignments(const std::vector<Candidate>& entries, const std::vector<Judge>& judges, int n,
                                int cap, const std::set<std::pair<int64_t, int64_t>>& existing) {
  AssignmentPlan plan;
  std::map<int64_t, int> load;
  std::map<std::pair<int64_t, std::string>, int> group_load;
  std::map<int64_t, std::string> group_of;
  for (const auto& e : entries) group_of[e.entry_id] = e.group_key;
  for (const auto& [entry, expert] : existing) {
    ++load[expert];
    if (auto it = group_of.find(entry); it != group_of.end()) ++group_load[{expert, it->second}];
  }
  // Interleave the groups: g1[0], g2[0], g3[0], g1[1], …
  std::map<std::string, std::vector<const Candidate*>> by_group;
  std::vector<std::string> order;
  for (const auto& e : entries) {
    if (!by_group.count(e.group_key)) order.push_back(e.group_key);
    by_group[e.group_key].push_back(&e);
  }
  std::vector<const Candidate*> queue;
  for (size_t i = 0;; ++i) {
    bool any = false;
    for (const auto& g : order) {
      if (i < by_group[g].size()) {
        queue.push_back(by_group[g][i]);
        any = true;
      }
    }
    if (!any) break;
  }
  for (const Candidate* e : queue) {
    int have = 0;
    for (const auto& j : judges) have += existing.count({e->entry_id, j.user_id}) ? 1 : 0;
    std::vector<const Judge*> free;
    for (const auto& j : judges) {
      if (existing.count({e->entry_id, j.user_id})) continue;
      if (load[j.user_id] >= cap) continue;
      if (conflict_of(j, *e)) continue;
      free.push_back(&j);
    }
    std::sort(free.begin(), free.end(), [&](const Judge* a, const Judge* b) {
      auto ka = std::tuple(group_load[{a->user_id, e->group_key}], load[a->user_id], a->user_id);
      auto kb = std::tuple(group_load[{b->user_id, e->group_key}], load[b->user_id], b->user_id);
      return ka < kb;
    });
    for (const Judge* j : free) {
      if (have >= n) break;
      plan.pairs.emplace_back(e->entry_id, j->user_id);
      ++load[j->user_id];
      ++group_load[{j->user_id, e->group_key}];
      ++have;
    }
    if (have < n) plan.short_entries.push_back(e->entry_id);
  }
  return plan;
}

Result<void> check_score(const Criterion& c, int score) {
  if (score < 0 || score > c.max_score) {
    return invalid_field("score", "“" + c.name + "”的分数应为0–" + std::to_string(c.max_score),
                         "The score of " + c.name + " must be 0–" + std::to_string(c.max_score));
  }
  return {};
}

double weighted_total(const std::vector<Criterion>& rubric, const std::map<int64_t, int>& scores) {
  double t = 0;
  for (const auto& c : rubric) {
    auto it = scores.find(c.id);
    if (it != scores.end()) t += static_cast<double>(c.weight) * it->second / c.max_score;
  }
  return t;
}

double trimmed_mean(std::vector<double> xs) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  size_t lo = 0, hi = xs.size();
  if (xs.size() >= 5) {
    ++lo;
    --hi;
  }
  double s = 0;
  for (size_t i = lo; i < hi; ++i) s += xs[i];
  return s / static_cast<double>(hi - lo);
}

namespace {
std::pair<double, double> mean_sd(const std::vector<double>& xs) {
  if (xs.empty()) return {0, 0};
  double m = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
  double v = 0;
  for (double x : xs) v += (x - m) * (x - m);
  return {m, std::sqrt(v / static_cast<double>(xs.size()))};
}
}  // namespace

std::vector<Mark> normalise(const std::vector<Mark>& marks) {
  std::vector<double> all;
  std::map<int64_t, std::vector<double>> own;
  for (const auto& m : marks) {
    all.push_back(m.total);
    own[m.expert_id].push_back(m.total);
  }
  auto [mu, sigma] = mean_sd(all);
  std::map<int64_t, std::pair<double, double>> stats;
  for (const auto& [e, xs] : own) stats[e] = mean_sd(xs);
  std::vector<Mark> out = marks;
  for (auto& m : out) {
    auto [me, se] = stats[m.expert_id];
    m.total = (own[m.expert_id].size() < 2 || se == 0) ? mu : mu + sigma * (m.total - me) / se;
  }
  return out;
}

std::vector<ExpertFlag> disagreement(const std::vector<Mark>& marks, double threshold) {
  std::map<int64_t, std::vector<const Mark*>> by_entry;
  for (const auto& m : marks) by_entry[m.entry_id].push_back(&m);
  std::map<int64_t, ExpertFlag> flags;
  for (const auto& m : marks) flags[m.expert_id].expert_id = m.expert_id;
  std::map<int64_t, double> sum;
  for (const auto& [entry, ms] : by_entry) {
    if (ms.size() < 3) continue;
    for (const Mark* m : ms) {
      double others = 0;
      for (const Mark* o : ms) {
        if (o != m) others += o->total;
      }
      others /= static_cast<double>(ms.size() - 1);
      sum[m->expert_id] += std::fabs(m->total - others);
      ++flags[m->expert_id].compared;
    }
  }
  std::vector<ExpertFlag> out;
  for (auto& [id, f] : flags) {
    if (f.compared > 0) f.mean_deviation = round2(sum[id] / f.compared);
    f.flagged = f.compared > 0 && f.mean_deviation > threshold;
    out.push_back(f);
  }
  return out;
}

double round2(double x) { return static_cast<double>(centi(x)) / 100.0; }
int64_t centi(double x) { return static_cast<int64_t>(std::llround(x * 100.0 + (x >= 0 ? 1e-9 : -1e-9))); }

std::vector<Standing> rank(const std::vector<std::pair<int64_t, std::string>>& entries, const std::vector<Mark>& marks,
                           bool normalise_first) {
  std::vector<Mark> used = normalise_first ? normalise(marks) : marks;
  std::map<int64_t, std::vector<const Mark*>> by_entry;
  for (const auto& m : used) by_entry[m.entry_id].push_back(&m);
  std::vector<Standing> out;
  for (const auto& [id, group] : entries) {
    Standing s;
    s.entry_id = id;
    s.group_key = group;
    std::vector<double> leads;
    for (const Mark* m : by_entry[id]) {
      s.marks.push_back(m->total);
      leads.push_back(m->lead);
    }
    s.n = static_cast<int>(s.marks.size());
    if (s.n > 0) {
      s.score = round2(trimmed_mean(s.marks));
      s.lead = round2(std::accumulate(leads.begin(), leads.end(), 0.0) / static_cast<double>(leads.size()));
    }
    out.push_back(std::move(s));
  }
  std::map<std::string, int> gpos;
  for (const auto& [id, g] : entries) gpos.emplace(g, static_cast<int>(gpos.size()));
  std::sort(out.begin(), out.end(), [&](const Standing& a, const Standing& b) {
    if (a.group_key != b.group_key) return gpos[a.group_key] < gpos[b.group_key];
    if ((a.n > 0) != (b.n > 0)) return a.n > 0;
    if (centi(a.score) != centi(b.score)) return centi(a.score) > centi(b.score);
    if (centi(a.lead) != centi(b.lead)) return centi(a.lead) > centi(b.lead);
    return a.entry_id < b.entry_id;
  });
  std::map<std::string, int> next;
  for (auto& s : out) {
    if (s.n > 0) s.rank = ++next[s.group_key];
  }
  return out;
}

std::vector<int64_t> select_top(const std::vector<Standing>& standings, const std::map<std::string, int>& slots) {
  std::vector<int64_t> out;
  for (const auto& s : standings) {
    auto it = slots.find(s.group_key);
    if (s.rank > 0 && it != slots.end() && s.rank <= it->second) out.push_back(s.entry_id);
  }
  return out;
}

std::map<int64_t, std::string> award(const std::vector<Standing>& standings, const std::vector<Group>& groups) {
  std::map<int64_t, std::string> out;
  for (const auto& s : standings) {
    if (s.rank == 0) continue;
    for (const auto& g : groups) {
      if (g.key != s.group_key) continue;
      if (s.rank <= g.first_prizes) out[s.entry_id] = "first";
      else if (s.rank <= g.first_prizes + g.second_prizes) out[s.entry_id] = "second";
      else if (s.rank <= g.first_prizes + g.second_prizes + g.third_prizes) out[s.entry_id] = "third";
    }
  }
  return out;
}

std::vector<int64_t> provincial(const std::map<int64_t, std::string>& prizes, const std::vector<Standing>& standings,
                                int quota) {
  std::map<int64_t, double> score;
  for (const auto& s : standings) score[s.entry_id] = s.score;
  auto level = [](const std::string& p) { return p == "first" ? 1 : p == "second" ? 2 : 3; };
  std::vector<std::pair<int64_t, std::string>> w(prizes.begin(), prizes.end());
  std::sort(w.begin(), w.end(), [&](const auto& a, const auto& b) {
    if (level(a.second) != level(b.second)) return level(a.second) < level(b.second);
    if (centi(score[a.first]) != centi(score[b.first])) return centi(score[a.first]) > centi(score[b.first]);
    return a.first < b.first;
  });
  std::vector<int64_t> out;
  for (const auto& [id, p] : w) {
    if (static_cast<int>(out.size()) >= quota) break;
    out.push_back(id);
  }
  return out;
}

}  // namespace fg::competitions
