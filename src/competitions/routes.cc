// HTTP handlers of entrepreneurship competitions (创业大赛); docs/api.md § Competitions.
#include "ledger/xlsx_writer.h"
#include "competitions/routes.h"

#include "attachments/routes.h"
#include "http/reach.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "competitions/store.h"
#include "competitions/service.h"
#include "people/rules.h"
#include "regions/routes.h"

namespace fg::competitions {

namespace {
using http::Context;
using http::Json;
using http::Response;

Json group_json(const Group& g) {
  return {{"key", g.key}, {"name", g.name}, {"rule", g.rule}, {"years", g.years}, {"roadshow_slots", g.roadshow_slots},
          {"prizes", {{"first", g.first_prizes}, {"second", g.second_prizes}, {"third", g.third_prizes}}}};
}
Json stage_json(const Stage& s) {
  Json crit = Json::array();
  for (const auto& c : s.criteria) {
    crit.push_back({{"id", c.id}, {"name", c.name}, {"weight", c.weight}, {"max_score", c.max_score}});
  }
  return {{"id", s.id}, {"kind", s.kind}, {"name", s.name}, {"deadline", s.deadline},
          {"experts_per_entry", s.experts_per_entry}, {"load_cap", s.load_cap}, {"criteria", crit}};
}
Json competition_json(const Competition& k) {
  Json groups = Json::array(), stages = Json::array();
  for (const auto& g : k.groups) groups.push_back(group_json(g));
  for (const auto& s : k.stages) stages.push_back(stage_json(s));
  return {{"id", k.id}, {"name", k.name}, {"year", k.year}, {"phase", k.phase},
          {"registration_deadline", k.registration_deadline}, {"provincial_quota", k.provincial_quota},
          {"normalise", k.normalise}, {"published_at", k.published_at.empty() ? Json(nullptr) : Json(k.published_at)},
          {"groups", groups}, {"stages", stages}, {"created_at", k.created_at}, {"updated_at", k.updated_at}};
}
Json opt_score(const std::optional<int64_t>& centi) {
  return centi ? Json(static_cast<double>(*centi) / 100.0) : Json(nullptr);
}
// `full`: the owner, the county and the city see the ID number masked and the phone; experts see
// the project, not the person's numbers.
Json entry_json(const Entry& e, const regions::Tree& t, bool full) {
  Json j = {{"id", e.id},
            {"competition_id", e.competition_id},
            {"group_key", e.group_key},
            {"project", e.project},
            {"summary", e.summary},
            {"team", e.team},
            {"leader_name", e.leader_name},
            {"entity_name", e.entity_name},
            {"registered_date", e.registered_date},
            {"region", regions::ref_json(t, e.region_code)},
            {"county", regions::ref_json(t, e.county_code)},
            {"status", e.status},
            {"return_reason", e.return_reason},
            {"roadshow", e.roadshow},
            {"prize", e.prize.empty() ? Json(nullptr) : Json(e.prize)},
            {"provincial", e.provincial},
            {"updated_at", e.updated_at}};
  if (full) {
    j["leader_id_number"] = people::mask_id(e.leader_id_number);
    j["phone"] = people::mask_phone(e.phone);
    j["credit_code"] = e.credit_code;
    j["reviewed_by"] = e.reviewed_by;
    j["reviewed_at"] = e.reviewed_at;
    j["online_score"] = opt_score(e.online_score_centi);
    j["online_rank"] = e.online_rank ? Json(*e.online_rank) : Json(nullptr);
    j["roadshow_score"] = opt_score(e.roadshow_score_centi);
    j["roadshow_rank"] = e.roadshow_rank ? Json(*e.roadshow_rank) : Json(nullptr);
    j["created_at"] = e.created_at;
  }
  return j;
}
Json file_json(const FileMeta& f) {
  return {{"id", f.id}, {"entry_id", f.owner_id}, {"kind", f.kind}, {"filename", f.filename},
          {"content_type", f.content_type}, {"size", f.size}, {"created_at", f.uploaded_at}};
}
Json expert_json(const Expert& x, const regions::Tree& t) {
  return {{"user_id", x.user_id}, {"username", x.username}, {"display_name", x.display_name},
          {"specialty", x.specialty}, {"affiliation", x.affiliation},
          {"county", x.county_code.empty() ? Json(nullptr) : regions::ref_json(t, x.county_code)},
          {"credit_code", x.credit_code}, {"relations", x.relations}};
}
// An expert's view of an assignment: the entry without personal numbers, the rubric, own scores.
Json my_assignment_json(const Judging::MyAssignment& m, const regions::Tree& t) {
  Json scores = Json::array();
  for (const auto& s : m.scores) {
    scores.push_back({{"criterion_id", s.criterion_id}, {"score", s.score}, {"comment", s.comment},
                      {"updated_at", s.updated_at}});
  }
  const Group* g = m.k.group(m.e.group_key);
  return {{"id", m.a.id},
          {"competition", {{"id", m.k.id}, {"name", m.k.name}, {"phase", m.k.phase}}},
          {"stage", stage_json(m.stage)},
          {"open", m.open},
          {"group", g ? g->name : m.e.group_key},
          {"entry", entry_json(m.e, t, false)},
          {"scores", scores},
          {"complete", m.scores.size() == m.stage.criteria.size()}};
}

// Each object of the array `field` of `b` (none when it is absent), read by `read_one`; 400 naming
// the field when it is not an array or holds something other than an object.
template <class T, class Read>
Result<std::vector<T>> objects_of(const Json& b, const std::string& field, const char* zh, const char* en, Read read_one) {
  auto it = b.find(field);
  if (it == b.end()) return std::vector<T>{};
  if (!it->is_array()) {
    return make_error(ErrorKind::bad_request, "bad_field", field, "字段 " + field + " 应为数组",
                      "Field " + field + " must be an array");
  }
  std::vector<T> out;
  for (const auto& o : *it) {
    if (!o.is_object()) return make_error(ErrorKind::bad_request, "bad_field", field, zh, en);
    FG_TRY(T x, read_one(o));
    out.push_back(std::move(x));
  }
  return out;
}

Result<Competition> parse_setup(const Json& b) {
  Competition k;
  auto str = [&](const Json& j, const char* f) -> Result<std::string> {
    auto it = j.find(f);
    if (it == j.end() || it->is_null()) return std::string();
    if (!it->is_string()) {
      return make_error(ErrorKind::bad_request, "bad_field", f, std::string("字段 ") + f + " 应为文本",
                        std::string("Field ") + f + " must be a string");
    }
    return it->get<std::string>();
  };
  auto num = [&](const Json& j, const char* f, int fallback) -> Result<int> {
    auto it = j.find(f);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) {
      return make_error(ErrorKind::bad_request, "bad_field", f, std::string("字段 ") + f + " 应为整数",
                        std::string("Field ") + f + " must be an integer");
    }
    return static_cast<int>(std::clamp<int64_t>(it->get<int64_t>(), -1000000, 1000000));
  };
#define FG_TAKE(var, expr)              \
  {                                     \
    auto _v = (expr);                   \
    if (!_v) return _v.error();         \
    var = *_v;                          \
  }
  FG_TAKE(k.name, str(b, "name"));
  FG_TAKE(k.year, num(b, "year", 0));
  FG_TAKE(k.registration_deadline, str(b, "registration_deadline"));
  FG_TAKE(k.provincial_quota, num(b, "provincial_quota", 0));
  if (auto it = b.find("normalise"); it != b.end() && !it->is_null()) {
    if (!it->is_boolean()) return make_error(ErrorKind::bad_request, "bad_field", "normalise", "字段 normalise 应为 true 或 false", "Field normalise must be true or false");
    k.normalise = it->get<bool>();
  }
  FG_TRY(k.groups, objects_of<Group>(b, "groups", "组别应为对象", "A group must be an object", [&](const Json& g) -> Result<Group> {
    Group x;
    FG_TAKE(x.key, str(g, "key"));
    FG_TAKE(x.name, str(g, "name"));
    FG_TAKE(x.rule, str(g, "rule"));
    FG_TAKE(x.years, num(g, "years", 0));
    FG_TAKE(x.roadshow_slots, num(g, "roadshow_slots", 0));
    Json prizes = g.contains("prizes") && g["prizes"].is_object() ? g["prizes"] : Json::object();
    FG_TAKE(x.first_prizes, num(prizes, "first", 0));
    FG_TAKE(x.second_prizes, num(prizes, "second", 0));
    FG_TAKE(x.third_prizes, num(prizes, "third", 0));
    return x;
  }));
  FG_TRY(k.stages, objects_of<Stage>(b, "stages", "阶段应为对象", "A stage must be an object", [&](const Json& s) -> Result<Stage> {
    Stage x;
    FG_TAKE(x.kind, str(s, "kind"));
    FG_TAKE(x.name, str(s, "name"));
    FG_TAKE(x.deadline, str(s, "deadline"));
    FG_TAKE(x.experts_per_entry, num(s, "experts_per_entry", 0));
    FG_TAKE(x.load_cap, num(s, "load_cap", 0));
    if (x.name.empty()) x.name = x.kind == "online" ? "网络评审" : "项目路演";
    if (s.contains("criteria") && s["criteria"].is_array()) {
      for (const auto& c : s["criteria"]) {
        if (!c.is_object()) continue;
        Criterion cr;
        FG_TAKE(cr.name, str(c, "name"));
        FG_TAKE(cr.weight, num(c, "weight", 0));
        FG_TAKE(cr.max_score, num(c, "max_score", 0));
        x.criteria.push_back(std::move(cr));
      }
    }
    return x;
  }));
  return k;
}

Result<EntryInput> parse_entry(const Json& b) {
  EntryInput in;
  FG_CHECK(http::read_strings(b, {{"group_key", &in.group_key}, {"project", &in.project}, {"summary", &in.summary}, {"team", &in.team},
        {"leader_name", &in.leader_name}, {"leader_id_number", &in.leader_id_number}, {"phone", &in.phone},
        {"entity_name", &in.entity_name}, {"credit_code", &in.credit_code}, {"registered_date", &in.registered_date},
        {"region_code", &in.region_code}}));
  return in;
}

std::string stage_param(const Context& ctx) { return ctx.req.q("stage", "online"); }

// The contests and the expert pool.
void contest_routes(http::Router& r, Contests& contests, regions::Service& regions) {
  using http::Access;
  const Access admin = Access::to(auth::Permission::competitions_admin);
  const Access pool_readers = Access::to(auth::Permission::competitions_pool_read);
  const Access experts = Access::to(auth::Permission::competitions_score);
  // -- contests
  r.get("/api/v1/competitions", [&contests](Context& ctx) -> Result<Response> {
    FG_TRY(auto list, contests.list(ctx.actor()));
    Json items = Json::array();
    for (const auto& k : list) items.push_back(competition_json(k));
    return Response::json({{"items", items}, {"total", items.size()}});
  });
  r.post("/api/v1/competitions", [&contests](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto k, parse_setup(body));
    FG_TRY(auto res, contests.create(ctx.actor(), k));
    return Response::json(competition_json(res), 201);
  }, admin);
  r.get("/api/v1/competitions/{id}", [&contests](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto k, contests.get(ctx.actor(), id));
    return Response::json(competition_json(k));
  });
  r.put("/api/v1/competitions/{id}", [&contests](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto k, parse_setup(body));
    FG_TRY(auto res, contests.update(ctx.actor(), id, k));
    return Response::json(competition_json(res));
  }, admin);
  r.post("/api/v1/competitions/{id}/phase", [&contests](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto phase, http::req_string(body, "phase"));
    FG_TRY(auto res, contests.advance(ctx.actor(), id, phase));
    return Response::json(competition_json(res));
  }, admin);

  // -- expert pool
  r.get("/api/v1/competition-experts", [&contests, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto list, contests.experts(ctx.actor()));
    auto t = regions.tree();
    Json items = Json::array();
    for (const auto& x : list) items.push_back(expert_json(x, *t));
    return Response::json({{"items", items}, {"total", items.size()}});
  }, pool_readers);
  r.put("/api/v1/competition-experts/{user_id}", [&contests, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id("user_id"));
    FG_TRY(auto body, ctx.json_body());
    Expert x;
    x.user_id = id;
    FG_CHECK(http::read_strings(body, {{"specialty", &x.specialty}, {"affiliation", &x.affiliation},
                                 {"county_code", &x.county_code}, {"credit_code", &x.credit_code}}));
    if (auto it = body.find("relations"); it != body.end() && it->is_array()) {
      for (const auto& s : *it) {
        if (s.is_string()) x.relations.push_back(s.get<std::string>());
      }
    }
    FG_TRY(auto res, contests.save_expert(ctx.actor(), x));
    return Response::json(expert_json(res, *regions.tree()));
  }, admin);
  r.put("/api/v1/competition-experts/me/relations", [&contests, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    std::vector<std::string> rel;
    auto it = body.find("relations");
    if (it == body.end() || !it->is_array()) {
      return make_error(ErrorKind::bad_request, "bad_field", "relations", "字段 relations 应为文本数组",
                        "Field relations must be an array of strings");
    }
    for (const auto& s : *it) {
      if (s.is_string()) rel.push_back(s.get<std::string>());
    }
    FG_TRY(auto res, contests.declare_relations(ctx.actor(), rel));
    return Response::json(expert_json(res, *regions.tree()));
  }, experts);
}

// Entries, their county review and their files.
void entry_routes(http::Router& r, Registration& registration, regions::Service& regions) {
  using auth::Role;
  using http::Access;
  const Access entrants = Access::to(auth::Permission::competitions_enter);
  const Access reviewers = Access::to(auth::Permission::competitions_review);
  const Access entry_readers = Access::to(auth::Permission::competitions_entries_read);
  auto entry = http::reach_by_id(
      [&registration](const auth::Actor& a, int64_t id) { return registration.entry(a, id); });
  auto own_entry = http::reach_by_id(
      [&registration](const auth::Actor& a, int64_t id) { return registration.reach_own_entry(a, id); });
  // -- entries
  r.get("/api/v1/competitions/{id}/entries", [&registration, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    store::EntryQuery q;
    q.competition_id = id;
    q.status = ctx.req.q("status");
    q.group_key = ctx.req.q("group");
    q.q = ctx.req.q("q");
    q.roadshow_only = ctx.req.q("roadshow") == "true";
    FG_TRY(auto sort, http::query_sort(ctx.req, {store::kEntrySorts}, "id"));
    q.sort = sort.spec();
    if (!q.status.empty() && std::find(kEntryStatuses.begin(), kEntryStatuses.end(), q.status) == kEntryStatuses.end()) {
      return make_error(ErrorKind::bad_request, "bad_parameter", "status", "状态无效", "Unknown status");
    }
    FG_CHECK(http::read_page(ctx.req, true, q));
    FG_TRY(auto page, registration.entries(ctx.actor(), q));
    auto t = regions.tree();
    bool full = ctx.user().role != auth::Role::expert;
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& e) { return entry_json(e, *t, full); }));
  }, entry_readers);
  r.post("/api/v1/competitions/{id}/entries", [&registration, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, parse_entry(body));
    FG_TRY(auto res, registration.register_entry(ctx.actor(), id, in));
    return Response::json(entry_json(res, *regions.tree(), true), 201);
  }, entrants);
  r.get("/api/v1/competition-entries/{id}", [&registration, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto e, registration.entry(ctx.actor(), id));
    FG_TRY(auto files, registration.files(ctx.actor(), id));
    Json j = entry_json(e, *regions.tree(), ctx.user().role != auth::Role::expert);
    j["files"] = Json::array();
    for (const auto& f : files) j["files"].push_back(file_json(f));
    return Response::json(j);
  }, entry_readers.reach("competition_entry", entry));
  r.put("/api/v1/competition-entries/{id}", [&registration, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto in, parse_entry(body));
    FG_TRY(auto res, registration.update_entry(ctx.actor(), id, in));
    return Response::json(entry_json(res, *regions.tree(), true));
  }, entrants.reach("own_competition_entry", own_entry));
  r.post("/api/v1/competition-entries/{id}/review", [&registration, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto decision, http::req_string(body, "decision"));
    FG_TRY(auto reason, http::opt_string(body, "reason"));
    FG_TRY(auto res, registration.review(ctx.actor(), id, decision, reason.value_or("")));
    return Response::json(entry_json(res, *regions.tree(), true));
  }, reviewers.reach("competition_entry", entry));
  r.post("/api/v1/competition-entries/{id}/files", [&registration](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, registration.add_file(ctx.actor(), id, ctx.req.q("kind", "plan"), ctx.req.q("filename"), ctx.req.body));
    return Response::json(file_json(res), 201);
  }, entrants.reach("own_competition_entry", own_entry));
  r.get("/api/v1/competition-entries/{id}/files/{file_id}", attachments::download([&registration](const auth::Actor& a, int64_t id, int64_t fid) {
    return registration.file(a, id, fid);
  }, "file_id"), entry_readers.reach("competition_entry", entry));
  r.del("/api/v1/competition-entries/{id}/files/{file_id}", attachments::removal([&registration](const auth::Actor& a, int64_t id, int64_t fid) {
    return registration.delete_file(a, id, fid);
  }, "file_id"), entrants.reach("own_competition_entry", own_entry));
}

// Experts' assignments and scores.
void scoring_routes(http::Router& r, Judging& judging, regions::Service& regions) {
  using http::Access;
  const Access admin = Access::to(auth::Permission::competitions_admin);
  const Access pool_readers = Access::to(auth::Permission::competitions_pool_read);
  const Access experts = Access::to(auth::Permission::competitions_score);
  auto assignment = http::reach_by_id(
      [&judging](const auth::Actor& a, int64_t id) { return judging.my_assignment(a, id); });
  // -- assignments and scoring
  r.post("/api/v1/competitions/{id}/assignments/auto", [&judging](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto stage, http::opt_string(body, "stage"));
    FG_TRY(auto res, judging.auto_assign(ctx.actor(), id, stage.value_or("online")));
    return Response::json({{"created", res.created}, {"short_entries", res.short_entries}});
  }, admin);
  r.post("/api/v1/competitions/{id}/assignments", [&judging](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto stage, http::opt_string(body, "stage"));
    int64_t entry = 0, expert = 0;
    for (auto [field, target] : {std::pair{"entry_id", &entry}, {"expert_user_id", &expert}}) {
      auto it = body.find(field);
      if (it == body.end() || !it->is_number_integer()) {
        return make_error(ErrorKind::bad_request, "bad_field", field, std::string("字段 ") + field + " 应为整数",
                          std::string("Field ") + field + " must be an integer");
      }
      *target = it->get<int64_t>();
    }
    FG_TRY(auto res, judging.assign(ctx.actor(), id, stage.value_or("online"), entry, expert));
    return Response::json({{"id", res.id}, {"entry_id", res.entry_id}, {"expert_user_id", res.expert_user_id}}, 201);
  }, admin);
  r.get("/api/v1/competitions/{id}/assignments", [&judging](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto list, judging.assignments(ctx.actor(), id, stage_param(ctx)));
    Json items = Json::array();
    for (const auto& v : list) {
      items.push_back({{"id", v.a.id}, {"entry_id", v.a.entry_id}, {"expert_user_id", v.a.expert_user_id},
                       {"expert_name", v.expert_name}, {"stage", v.stage_kind}, {"complete", v.complete}});
    }
    return Response::json({{"items", items}, {"total", items.size()}});
  }, pool_readers);
  r.get("/api/v1/my/competition-assignments", [&judging, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto list, judging.my_assignments(ctx.actor()));
    auto t = regions.tree();
    Json items = Json::array();
    for (const auto& m : list) items.push_back(my_assignment_json(m, *t));
    return Response::json({{"items", items}, {"total", items.size()}});
  }, experts);
  r.get("/api/v1/my/competition-assignments/{id}", [&judging, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto m, judging.my_assignment(ctx.actor(), id));
    return Response::json(my_assignment_json(m, *regions.tree()));
  }, experts.reach("own_assignment", assignment));
  r.put("/api/v1/my/competition-assignments/{id}/scores", [&judging, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    auto it = body.find("scores");
    if (it == body.end() || !it->is_array()) {
      return make_error(ErrorKind::bad_request, "bad_field", "scores", "字段 scores 应为数组",
                        "Field scores must be an array");
    }
    std::vector<Judging::ScoreInput> in;
    for (const auto& s : *it) {
      if (!s.is_object() || !s.contains("criterion_id") || !s["criterion_id"].is_number_integer() ||
          !s.contains("score") || !s["score"].is_number_integer()) {
        return make_error(ErrorKind::bad_request, "bad_field", "score", "每项评分需要整数 criterion_id 和 score",
                          "Each score needs an integer criterion_id and score");
      }
      std::string comment = s.contains("comment") && s["comment"].is_string() ? s["comment"].get<std::string>() : "";
      in.push_back({s["criterion_id"].get<int64_t>(),
                    static_cast<int>(std::clamp<int64_t>(s["score"].get<int64_t>(), -1, 100000)), comment});
    }
    FG_TRY(auto m, judging.save_scores(ctx.actor(), id, in));
    return Response::json(my_assignment_json(m, *regions.tree()));
  }, experts.reach("own_assignment", assignment));
}

// Aggregation, roadshow, awards, publication and the public notice.
void result_routes(http::Router& r, Awards& awards, regions::Service& regions) {
  using http::Access;
  const Access admin = Access::to(auth::Permission::competitions_admin);
  const Access pool_readers = Access::to(auth::Permission::competitions_pool_read);
  const Access experts = Access::to(auth::Permission::competitions_score);
  // -- aggregation, roadshow, awards, publication
  r.get("/api/v1/competitions/{id}/results", [&awards, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, awards.results(ctx.actor(), id, stage_param(ctx)));
    auto t = regions.tree();
    std::set<int64_t> sel(res.selected.begin(), res.selected.end());
    Json rows = Json::array();
    for (const auto& s : res.standings) {
      const Entry& e = res.entries[s.entry_id];
      Json marks = Json::array();
      for (const auto& m : res.marks[s.entry_id]) {
        marks.push_back({{"expert_id", m.expert_id}, {"expert_name", m.expert_name}, {"raw", m.raw}, {"used", m.used}});
      }
      rows.push_back({{"entry_id", s.entry_id}, {"project", e.project}, {"entity_name", e.entity_name},
                      {"group_key", s.group_key}, {"county", regions::ref_json(*t, e.county_code)}, {"n", s.n},
                      {"marks", marks}, {"score", s.n > 0 ? Json(s.score) : Json(nullptr)},
                      {"lead", s.n > 0 ? Json(s.lead) : Json(nullptr)}, {"rank", s.rank > 0 ? Json(s.rank) : Json(nullptr)},
                      {"selected", sel.count(s.entry_id) > 0},
                      {"prize", e.prize.empty() ? Json(nullptr) : Json(e.prize)}, {"provincial", e.provincial}});
    }
    Json flags = Json::array();
    for (const auto& f : res.flags) {
      flags.push_back({{"expert_id", f.expert_id}, {"expert_name", res.expert_names[f.expert_id]},
                       {"mean_deviation", f.mean_deviation}, {"compared", f.compared}, {"flagged", f.flagged}});
    }
    std::string lead_name;
    for (const auto& c : res.stage.criteria) {
      if (lead_name.empty()) lead_name = c.name;
    }
    int w = 0;
    for (const auto& c : res.stage.criteria) {
      if (c.weight > w) {
        w = c.weight;
        lead_name = c.name;
      }
    }
    Json method = {
        {"zh", std::string("每位专家的总分 = Σ 权重 × 得分 ÷ 满分（0–100）") +
                   (res.k.normalise ? "；先按专家做 z 分数标准化（μ + σ·(x − μₑ)/σₑ）" : "") +
                   "；每个项目取截尾均值（评分数不少于5个时去掉一个最高分和一个最低分），保留两位小数。"
                   "同分时依次比较：“" + lead_name + "”（权重最大的评分项）的平均得分率、报名先后。"
                   "某专家与其他专家对同一项目均分的平均偏差超过15分时予以标记。"},
        {"en", std::string("Each expert's total = Σ weight × score ÷ maximum (0–100)") +
                   (res.k.normalise ? "; first normalised per expert by z-score (μ + σ·(x − μₑ)/σₑ)" : "") +
                   "; per entry the trimmed mean (with 5 or more scores the highest and the lowest are dropped), "
                   "at 2 decimals. Ties: the mean share of “" + lead_name + "” (the heaviest criterion), then "
                   "earlier registration. An expert is flagged whose marks lie on average more than 15 points from "
                   "the other experts' mean for the same entries."}};
    return Response::json({{"competition", competition_json(res.k)}, {"stage", stage_json(res.stage)},
                           {"normalised", res.k.normalise}, {"method", method}, {"rows", rows}, {"experts", flags}});
  }, pool_readers);
  r.post("/api/v1/competitions/{id}/roadshow", [&awards](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, awards.select_roadshow(ctx.actor(), id));
    return Response::json(competition_json(res));
  }, admin);
  r.post("/api/v1/competitions/{id}/awards", [&awards](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, awards.award(ctx.actor(), id));
    return Response::json(competition_json(res));
  }, admin);
  r.post("/api/v1/competitions/{id}/publish", [&awards](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, awards.publish(ctx.actor(), id));
    return Response::json(competition_json(res));
  }, admin);
  r.get("/api/v1/competitions/{id}/scores.xlsx", [&awards](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto x, awards.scores_xlsx(ctx.actor(), id));
    return Response::bytes(std::move(x), ledger::kXlsxMime, "评分表" + std::to_string(id) + ".xlsx");
  }, pool_readers);
  r.get("/api/v1/competitions/{id}/rankings.xlsx", [&awards](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto x, awards.rankings_xlsx(ctx.actor(), id));
    return Response::bytes(std::move(x), ledger::kXlsxMime, "排名" + std::to_string(id) + ".xlsx");
  }, pool_readers);

  // -- the public notice (公示): no login
  r.get("/api/v1/public/competitions", [&awards](Context&) {
    auto list = awards.published();
    Json items = Json::array();
    for (const auto& k : *list) {
      items.push_back({{"id", k.id}, {"name", k.name}, {"year", k.year}, {"published_at", k.published_at}});
    }
    return Response::json({{"items", items}});
  }, http::Access::public_route);
  r.get("/api/v1/public/competitions/{id}", [&awards, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto res, awards.public_results(id));
    auto t = regions.tree();
    const auto& k = res.first;
    Json awards = Json::array();
    for (const auto& e : res.second) {
      const Group* g = k.group(e.group_key);
      awards.push_back({{"group_key", e.group_key}, {"group", g ? g->name : e.group_key}, {"prize", e.prize},
                        {"prize_label", prize_label(e.prize)}, {"project", e.project}, {"entity_name", e.entity_name},
                        {"leader_name", e.leader_name}, {"county", regions::ref_json(*t, e.county_code)},
                        {"roadshow_score", opt_score(e.roadshow_score_centi)}, {"provincial", e.provincial}});
    }
    Json groups = Json::array();
    for (const auto& g : k.groups) groups.push_back({{"key", g.key}, {"name", g.name}});
    return Response::json({{"id", k.id}, {"name", k.name}, {"year", k.year}, {"published_at", k.published_at},
                           {"provincial_quota", k.provincial_quota}, {"groups", groups}, {"awards", awards}});
  }, http::Access::public_route);
}

}  // namespace

// docs/api.md § Competitions: the city runs the contest, the auditor reads it; entries belong to
// their entrant, the county of their region and the experts assigned to them.
void register_routes(http::Router& r, Contests& contests, Registration& registration, Judging& judging,
                     Awards& awards, regions::Service& regions) {
  contest_routes(r, contests, regions);
  entry_routes(r, registration, regions);
  scoring_routes(r, judging, regions);
  result_routes(r, awards, regions);
}

}  // namespace fg::competitions
