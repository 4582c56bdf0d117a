#include "competitions/service.h"

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

#include "competitions/internal.h"

namespace fg::competitions {

using auth::Actor;
using auth::Role;
using nlohmann::json;
using namespace detail;

namespace detail {

using errors::forbidden;
Error wrong_phase(const Competition& k, const std::string& zh, const std::string& en) {
  return make_error(ErrorKind::conflict, "wrong_phase", "phase", zh + "（当前阶段：" + k.phase + "）",
                    en + " (phase: " + k.phase + ")");
}
bool is(const Actor& a, Role r) { return a.user && a.user->role == r; }
bool is_city(const Actor& a) { return is(a, Role::city_admin); }
bool is_reader(const Actor& a) { return is(a, Role::city_admin) || is(a, Role::auditor); }
int phase_index(const std::string& p) {
  auto it = std::find(kPhases.begin(), kPhases.end(), p);
  return it == kPhases.end() ? -1 : static_cast<int>(it - kPhases.begin());
}

json setup_json(const Competition& k) {
  json groups = json::array();
  for (const auto& g : k.groups) {
    groups.push_back({{"key", g.key}, {"name", g.name}, {"rule", g.rule}, {"years", g.years},
                      {"roadshow_slots", g.roadshow_slots}, {"first", g.first_prizes}, {"second", g.second_prizes},
                      {"third", g.third_prizes}});
  }
  json stages = json::array();
  for (const auto& s : k.stages) {
    json crit = json::array();
    for (const auto& c : s.criteria) crit.push_back({{"name", c.name}, {"weight", c.weight}, {"max_score", c.max_score}});
    stages.push_back({{"kind", s.kind}, {"name", s.name}, {"deadline", s.deadline},
                      {"experts_per_entry", s.experts_per_entry}, {"load_cap", s.load_cap}, {"criteria", crit}});
  }
  return {{"name", k.name}, {"year", k.year}, {"registration_deadline", k.registration_deadline},
          {"provincial_quota", k.provincial_quota}, {"normalise", k.normalise}, {"groups", groups}, {"stages", stages}};
}

json entry_audit(const Entry& e) {
  return {{"competition_id", e.competition_id}, {"group_key", e.group_key}, {"project", e.project},
          {"entity_name", e.entity_name}, {"credit_code", e.credit_code}, {"leader_name", e.leader_name},
          {"leader_id_number", people::mask_id(e.leader_id_number)}, {"region_code", e.region_code},
          {"status", e.status}, {"return_reason", e.return_reason}};
}

// The heaviest criterion: the tie-break's second key.
const Criterion* lead_criterion(const Stage& s) {
  const Criterion* best = nullptr;
  for (const auto& c : s.criteria) {
    if (!best || c.weight > best->weight) best = &c;
  }
  return best;
}

}  // namespace detail

std::string prize_label(const std::string& prize) {
  return prize == "first" ? "一等奖" : prize == "second" ? "二等奖" : prize == "third" ? "三等奖" : "";
}

namespace detail {
static Error refuse_file(const attachments::Policy&, attachments::Refusal r) {
  using attachments::Refusal;
  switch (r) {
    case Refusal::no_name: return invalid_field("filename", "请提供文件名", "A file name is required");
    case Refusal::empty: return invalid_field("file", "文件为空", "The file is empty");
    case Refusal::too_large:
      return make_error(ErrorKind::too_large, "too_large", "file", "文件不能超过10MB", "Files are limited to 10 MB");
    case Refusal::too_many: return invalid_field("file", "每个项目最多10个附件", "At most 10 attachments per entry");
    case Refusal::wrong_type: break;
  }
  return make_error(ErrorKind::invalid, "file_type", "file", "只接受 PDF、PNG 或 JPEG 文件（按文件内容判断，扩展名须一致）",
                    "Only PDF, PNG or JPEG files are accepted (judged by content; the extension must agree)");
}
// An entry's files: PDF and images by content with an extension that agrees, kMaxFileBytes, 10 an
// entry; a name is required and a long one keeps its end (the extension).
const attachments::Policy kFiles{.owner_kind = std::string(kFileOwner),
                                 .max_bytes = kMaxFileBytes,
                                 .max_count = 10,
                                 .extension_must_agree = true,
                                 .name = {.max_bytes = 120, .keep_end = true, .fallback = ""},
                                 .refuse = &refuse_file};
}  // namespace detail

Result<std::string> sniff_content_type(const std::string& filename, const std::string& bytes) {
  FG_TRY(auto up, attachments::accept(kFiles, filename, bytes));
  return up.content_type;
}

namespace detail {
Result<Entry> validate_entry(const EntryInput& in, const Competition& k, const regions::Tree& tree, Date today) {
  Entry e;
  auto text = [](const std::string& s, const char* field, size_t max, const char* zh, const char* en,
                 bool required) -> Result<std::string> {
    std::string t = trim(s);
    if ((required && t.empty()) || utf8_length(t) > max) {
      return invalid_field(field, std::string(zh) + "（不超过" + std::to_string(max) + "个字）",
                           std::string(en) + " (at most " + std::to_string(max) + " characters)");
    }
    return t;
  };
  struct F {
    const std::string& in;
    std::string* out;
    const char* field;
    size_t max;
    const char* zh;
    const char* en;
    bool required;
  };
  for (const F& f : {F{in.project, &e.project, "project", 100, "请填写项目名称", "Project name is required", true},
                     F{in.summary, &e.summary, "summary", 2000, "请填写项目简介", "Summary is required", true},
                     F{in.team, &e.team, "team", 1000, "请填写团队成员", "Team is required", true},
                     F{in.leader_name, &e.leader_name, "leader_name", 30, "请填写负责人姓名", "Leader name is required", true},
                     F{in.entity_name, &e.entity_name, "entity_name", 100, "请填写市场主体名称", "Entity name is required", true},
                     F{in.phone, &e.phone, "phone", 20, "联系电话过长", "Phone is too long", false}}) {
    auto v = text(f.in, f.field, f.max, f.zh, f.en, f.required);
    if (!v) return v.error();
    *f.out = *v;
  }
  auto id = IdNumber::parse(trim(in.leader_id_number), today);
  if (!id) {
    Error err = id.error();
    err.field = "leader_id_number";
    return err;
  }
  e.leader_id_number = id->str();
  auto cc = CreditCode::parse(in.credit_code);
  if (!cc) return cc.error();
  e.credit_code = cc->str();
  auto reg = Date::parse(trim(in.registered_date));
  if (!reg) return invalid_field("registered_date", "登记日期无效", "Not a valid registration date");
  if (*reg > today) return invalid_field("registered_date", "登记日期不能晚于今天", "Registered in the future");
  e.registered_date = reg->iso();
  std::string code = trim(in.region_code);
  const auto* region = tree.find(code);
  if (!region || region->level == "city") {
    return invalid_field("region_code", "区划应为县（市、区）或乡镇（街道）", "The region must be a county or a township");
  }
  e.region_code = code;
  e.county_code = people::county_of(tree, code);
  const Group* g = k.group(trim(in.group_key));
  if (!g) return invalid_field("group_key", "请选择参赛组别", "Choose a group of the contest");
  e.group_key = g->key;
  auto deadline = Date::parse(k.registration_deadline);
  if (auto ok = check_group(*g, *reg, region->level, *deadline); !ok) return ok.error();
  return e;
}

Result<void> editable(const Competition& k, Date today) {
  auto deadline = Date::parse(k.registration_deadline);
  if (k.phase != "registration" || today > *deadline) {
    return make_error(ErrorKind::conflict, "registration_closed", "", "报名已截止，报名表已锁定",
                      "Registration is closed; the entry is locked");
  }
  return {};
}
}  // namespace detail

namespace detail {
Result<const Stage*> stage_of(const Competition& k, const std::string& kind) {
  const Stage* s = k.stage(kind);
  if (!s) return invalid_field("stage", "大赛没有该评审阶段：" + kind.substr(0, 20), "The contest has no stage " + kind.substr(0, 20));
  return s;
}
// Online assignments during review or scoring; roadshow assignments during the roadshow.
bool assignable(const Competition& k, const std::string& kind) {
  return kind == "online" ? (k.phase == "review" || k.phase == "scoring") : k.phase == "roadshow";
}
// The contest, when experts may be assigned to its stage `stage_kind` now.
Result<Competition> assignable_contest(db::Connection& c, int64_t competition_id, const std::string& stage_kind) {
  auto k = store::find(c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  FG_CHECK(stage_of(*k, stage_kind));
  if (!assignable(*k, stage_kind)) return wrong_phase(*k, "当前阶段不能分配该轮评审", "Not the phase to assign this stage");
  return *k;
}
// A stage is scored in its phase and up to its deadline.
bool scoreable(const Competition& k, const Stage& s, Date today) {
  bool phase = s.kind == "online" ? k.phase == "scoring" : k.phase == "roadshow";
  auto deadline = Date::parse(s.deadline);
  return phase && (!deadline || today <= *deadline);
}
std::vector<Entry> stage_entries(db::Connection& c, const Competition& k, const std::string& kind) {
  store::EntryQuery q;
  q.competition_id = k.id;
  if (kind == "online") q.status = "passed";
  else q.roadshow_only = true;
  auto list = store::entries(c, q);
  std::map<std::string, size_t> pos;
  for (size_t i = 0; i < k.groups.size(); ++i) pos[k.groups[i].key] = i;
  std::stable_sort(list.begin(), list.end(), [&](const Entry& a, const Entry& b) {
    return pos[a.group_key] < pos[b.group_key];
  });
  return list;
}
Candidate candidate(const Entry& e) {
  return {e.id, e.group_key, e.county_code, e.credit_code, e.entity_name, e.leader_id_number};
}
Judge judge(const Expert& x) { return {x.user_id, x.county_code, x.credit_code, x.relations}; }
}  // namespace detail


Result<Competition> ServiceBase::get(const Actor& actor, int64_t id) {
  if (!actor.user) return forbidden();
  auto c = db_.acquire();
  auto k = store::find(*c, id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  return *k;
}

Result<void> ServiceBase::can_see(const auth::User& u, db::Connection& c, const Entry& e) {
  switch (u.role) {
    case Role::city_admin:
    case Role::auditor:
      return {};
    case Role::county_officer:
      return regions_.require_scope(u, e.region_code);
    case Role::entrepreneur:
      if (e.owner_user_id == u.id) return {};
      break;
    case Role::expert:
      for (const auto& a : store::assignments_of_entry(c, e.id)) {
        if (a.expert_user_id == u.id) return {};
      }
      break;
    default:
      return forbidden();
  }
  return errors::not_found("参赛项目不存在", "No such entry");
}

Result<void> ServiceBase::require_references(db::Connection& c, const Actor& actor, const Entry& e) {
  if (!actor.user) return {};
  // An entry names an entity and a leader; when they are on the registry, they are records of
  // their region, which the entrant's region must hold (as it holds the entry's own).
  auto tree = regions_.tree();
  auto entity_at = people::store::entity_region(c, e.credit_code);
  if (entity_at && !tree->within(*entity_at, actor.user->region_code)) {
    return make_error(ErrorKind::forbidden, "forbidden_region", "credit_code", "该市场主体登记在您的区划以外",
                      "That entity is registered outside your region");
  }
  auto leader = people::store::find_person_ref(c, e.leader_id_number);
  if (leader && !tree->within(leader->region_code, actor.user->region_code)) {
    return make_error(ErrorKind::forbidden, "forbidden_region", "leader_id_number", "该负责人登记在您的区划以外",
                      "That leader is registered outside your region");
  }
  return {};
}

}  // namespace fg::competitions
