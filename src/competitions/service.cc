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

namespace fg::competitions {

using auth::Actor;
using auth::Role;
using nlohmann::json;

namespace {

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

}  // namespace

std::string prize_label(const std::string& prize) {
  return prize == "first" ? "一等奖" : prize == "second" ? "二等奖" : prize == "third" ? "三等奖" : "";
}

namespace {
Error refuse_file(const attachments::Policy&, attachments::Refusal r) {
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
}  // namespace

Result<std::string> sniff_content_type(const std::string& filename, const std::string& bytes) {
  FG_TRY(auto up, attachments::accept(kFiles, filename, bytes));
  return up.content_type;
}

// ---- setup -----------------------------------------------------------------------------------

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

Result<Competition> ServiceBase::get(const Actor& actor, int64_t id) {
  if (!actor.user) return forbidden();
  auto c = db_.acquire();
  auto k = store::find(*c, id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  return *k;
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

// ---- experts ---------------------------------------------------------------------------------

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

// ---- entries ---------------------------------------------------------------------------------

namespace {
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
}  // namespace

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

Result<Entry> Registration::register_entry(const Actor& actor, int64_t competition_id, const EntryInput& in) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  Date today = clock_.today();
  if (auto ok = editable(*k, today); !ok) return ok.error();
  auto e = validate_entry(in, *k, *regions_.tree(), today);
  if (!e) return e.error();
  if (auto r = regions_.require_scope(*actor.user, e->region_code); !r) return r.error();
  if (auto r = require_references(*c, actor, *e); !r) return r.error();
  if (auto old = store::entry_by_code(*c, competition_id, e->credit_code)) {
    Error err = make_error(ErrorKind::conflict, "duplicate_entry", "credit_code", "该市场主体已报名本届大赛",
                           "This entity has already entered the contest");
    if (old->owner_user_id == actor.user->id) err.ref = std::to_string(old->id);
    return err;
  }
  e->competition_id = competition_id;
  e->owner_user_id = actor.user->id;
  e->status = "submitted";
  e->created_at = e->updated_at = clock_.now_iso();
  e->id = store::insert_entry(*c, *e);
  audit::record(*c, actor, "create", "competition_entry", std::to_string(e->id), e->region_code, nullptr,
                entry_audit(*e));
  tx.commit();
  return *store::entry(*c, e->id);
}

Result<Entry> Registration::update_entry(const Actor& actor, int64_t entry_id, const EntryInput& in) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::entry(*c, entry_id);
  if (!old || old->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto r = regions_.require_scope_of_new(*actor.user, in.region_code); !r) return r.error();
  auto k = store::find(*c, old->competition_id);
  Date today = clock_.today();
  if (auto ok = editable(*k, today); !ok) return ok.error();
  auto e = validate_entry(in, *k, *regions_.tree(), today);
  if (!e) return e.error();
  if (auto r = regions_.require_scope(*actor.user, e->region_code); !r) return r.error();
  if (auto r = require_references(*c, actor, *e); !r) return r.error();
  if (e->credit_code != old->credit_code) {
    if (store::entry_by_code(*c, old->competition_id, e->credit_code)) {
      return make_error(ErrorKind::conflict, "duplicate_entry", "credit_code", "该市场主体已报名本届大赛",
                        "This entity has already entered the contest");
    }
  }
  Entry n = *old;
  n.group_key = e->group_key;
  n.project = e->project;
  n.summary = e->summary;
  n.team = e->team;
  n.leader_name = e->leader_name;
  n.leader_id_number = e->leader_id_number;
  n.phone = e->phone;
  n.entity_name = e->entity_name;
  n.credit_code = e->credit_code;
  n.registered_date = e->registered_date;
  n.region_code = e->region_code;
  n.county_code = e->county_code;
  // A changed entry goes back to the county for review (a returned one is thereby resubmitted).
  n.status = "submitted";
  n.updated_at = clock_.now_iso();
  store::update_entry(*c, n);
  audit::record(*c, actor, "update", "competition_entry", std::to_string(n.id), n.region_code, entry_audit(*old),
                entry_audit(n));
  tx.commit();
  return *store::entry(*c, n.id);
}

Result<void> Registration::reach_own_entry(const Actor& actor, int64_t entry_id) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  return {};
}

Result<Entry> Registration::entry(const Actor& actor, int64_t entry_id) {
  if (!actor.user) return forbidden();
  auto c = db_.acquire();
  auto e = store::entry(*c, entry_id);
  if (!e) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto ok = can_see(*actor.user, *c, *e); !ok) return ok.error();
  return *e;
}

Result<Registration::EntryPage> Registration::entries(const Actor& actor, store::EntryQuery q) {
  if (!actor.user) return forbidden();
  const auto& u = *actor.user;
  auto tree = regions_.tree();
  switch (u.role) {
    case Role::city_admin:
    case Role::auditor:
      break;
    case Role::county_officer: {
      q.county_codes = {people::county_of(*tree, u.region_code)};
      break;
    }
    case Role::entrepreneur:
      q.owner = u.id;
      break;
    case Role::expert:
      q.expert = u.id;
      break;
    default:
      return forbidden();
  }
  auto c = db_.acquire();
  if (!store::find(*c, q.competition_id)) return errors::not_found("大赛不存在", "No such contest");
  EntryPage page;
  page.items = store::entries(*c, q, &page.total);
  return page;
}

Result<Entry> Registration::review(const Actor& actor, int64_t entry_id, const std::string& decision,
                             const std::string& reason) {
  if (!is(actor, Role::county_officer) && !is_city(actor)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto old = store::entry(*c, entry_id);
  if (!old) return errors::not_found("参赛项目不存在", "No such entry");
  if (auto r = regions_.require_scope(*actor.user, old->region_code); !r) return r.error();
  if (decision != "pass" && decision != "return") {
    return invalid_field("decision", "审核结论应为 pass（通过）或 return（退回）", "Decision is pass or return");
  }
  std::string why = trim(reason);
  if (decision == "return" && utf8_length(why) < 4) {
    return invalid_field("reason", "退回须说明原因（至少4个字）", "A return needs a reason (at least 4 characters)");
  }
  if (utf8_length(why) > 500) return invalid_field("reason", "原因不能超过500个字", "Reason is longer than 500 characters");
  auto k = store::find(*c, old->competition_id);
  if (k->phase != "registration" && k->phase != "review") {
    return wrong_phase(*k, "资料审核已结束", "The material review is over");
  }
  Entry n = *old;
  n.status = decision == "pass" ? "passed" : "returned";
  n.return_reason = decision == "return" ? why : "";
  n.reviewed_by = actor.user->username;
  n.reviewed_at = n.updated_at = clock_.now_iso();
  store::update_entry(*c, n);
  audit::record(*c, actor, "review", "competition_entry", std::to_string(n.id), n.region_code, entry_audit(*old),
                entry_audit(n));
  tx.commit();
  return n;
}

// ---- attachments -----------------------------------------------------------------------------

Result<FileMeta> Registration::add_file(const Actor& actor, int64_t entry_id, const std::string& kind,
                                   const std::string& filename, const std::string& bytes) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  if (kind != "plan" && kind != "other") {
    return invalid_field("kind", "附件类型应为 plan（商业计划书）或 other（其他）", "Kind is plan or other");
  }
  FG_TRY(auto up, attachments::accept(kFiles, filename, bytes));
  auto k = store::find(*c, e->competition_id);
  if (auto ok = editable(*k, clock_.today()); !ok) return ok.error();
  FG_TRY(auto m, attachments::add(*c, kFiles, entry_id, kind, up, bytes, actor.name(), clock_.now_iso()));
  audit::record(*c, actor, "upload", "competition_file", std::to_string(m.id), e->region_code, nullptr,
                {{"entry_id", entry_id}, {"kind", kind}, {"filename", m.filename}, {"content_type", m.content_type},
                 {"size", m.size}});
  tx.commit();
  return m;
}

Result<std::vector<FileMeta>> Registration::files(const Actor& actor, int64_t entry_id) {
  auto e = entry(actor, entry_id);
  if (!e) return e.error();
  auto c = db_.acquire();
  return attachments::list(*c, kFiles, entry_id);
}

Result<std::pair<FileMeta, std::string>> Registration::file(const Actor& actor, int64_t entry_id, int64_t file_id) {
  auto e = entry(actor, entry_id);
  if (!e) return e.error();
  auto c = db_.acquire();
  auto f = attachments::find(*c, kFiles, entry_id, file_id);
  if (!f) return errors::not_found("附件不存在", "No such file");
  return std::make_pair(std::move(f->meta), std::move(f->bytes));
}

Result<void> Registration::delete_file(const Actor& actor, int64_t entry_id, int64_t file_id) {
  if (!is(actor, Role::entrepreneur)) return forbidden();
  auto c = db_.acquire();
  db::Transaction tx(*c);
  auto e = store::entry(*c, entry_id);
  if (!e || e->owner_user_id != actor.user->id) return errors::not_found("参赛项目不存在", "No such entry");
  auto k = store::find(*c, e->competition_id);
  if (auto ok = editable(*k, clock_.today()); !ok) return ok.error();
  auto f = attachments::find(*c, kFiles, entry_id, file_id);
  if (!f) return errors::not_found("附件不存在", "No such file");
  attachments::remove(*c, kFiles, entry_id, file_id);
  audit::record(*c, actor, "delete", "competition_file", std::to_string(file_id), e->region_code,
                {{"entry_id", entry_id}, {"filename", f->meta.filename}}, nullptr);
  tx.commit();
  return {};
}

// ---- assignments and scores ------------------------------------------------------------------

namespace {
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
}  // namespace

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
  auto s = stage_of(*k, stage_kind);
  if (!s) return s.error();
  std::map<int64_t, std::string> names;
  for (const auto& x : store::experts(*c)) names[x.user_id] = x.display_name;
  std::map<int64_t, int> counted;
  for (const auto& sc : store::scores(*c, (*s)->id)) ++counted[sc.assignment_id];
  std::vector<AssignmentView> out;
  for (const auto& a : store::assignments(*c, (*s)->id)) {
    out.push_back({a, stage_kind, names[a.expert_user_id],
                   counted[a.id] == static_cast<int>((*s)->criteria.size())});
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

// ---- aggregation, selection, awards, publication ---------------------------------------------

Result<Awards::Result_> Awards::results(const Actor& actor, int64_t competition_id, const std::string& stage_kind) {
  if (!is_reader(actor)) return forbidden();
  auto c = db_.acquire();
  auto k = store::find(*c, competition_id);
  if (!k) return errors::not_found("大赛不存在", "No such contest");
  auto s = stage_of(*k, stage_kind);
  if (!s) return s.error();
  Result_ r;
  r.k = *k;
  r.stage = **s;
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

// ---- exports ---------------------------------------------------------------------------------

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
