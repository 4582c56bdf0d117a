// HTTP handlers for training, mentoring and support records.
#include "activities/routes.h"

#include "http/reach.h"

#include <nlohmann/json.hpp>

#include "activities/service.h"
#include "people/rules.h"

namespace fg::activities {

namespace {
using http::Context;
using http::Json;
using http::Response;

Json activity_json(const Activity& a, const regions::Tree& t) {
  const auto* r = t.find(a.region_code);
  return {{"id", a.id},
          {"indicator", a.indicator},
          {"indicator_label", people::label_of(kIndicators, a.indicator)},
          {"id_number", people::mask_id(a.id_number)},
          {"name", a.name},
          {"region", {{"code", a.region_code}, {"name", r ? r->name : ""}}},
          {"date", a.date},
          {"detail", a.detail},
          {"course", a.course},
          {"mode", a.mode},
          {"hours", a.hours},
          {"mentor", a.mentor},
          {"topic", a.topic},
          {"support_kind", a.support_kind},
          {"created_at", a.created_at}};
}
Json class_json(const TrainingClass& k, const regions::Tree& t) {
  const auto* r = t.find(k.region_code);
  return {{"id", k.id},           {"name", k.name},
          {"mode", k.mode},       {"region", {{"code", k.region_code}, {"name", r ? r->name : ""}}},
          {"start_date", k.start_date}, {"end_date", k.end_date},
          {"hours", k.hours},     {"organizer", k.organizer},
          {"trainees", k.trainees}, {"completed", k.completed},
          {"created_by", k.created_by}, {"created_at", k.created_at}};
}

Json class_detail_json(const Service::ClassDetail& d, const regions::Tree& t) {
  Json j = class_json(d.cls, t);
  Json list = Json::array();
  for (const auto& x : d.trainees) {
    const auto* r = t.find(x.region_code);
    list.push_back({{"id", x.id}, {"id_number", people::mask_id(x.id_number)}, {"name", x.name},
                    {"region", {{"code", x.region_code}, {"name", r ? r->name : ""}}}, {"completed", x.completed},
                    {"activity_id", x.activity_id ? Json(*x.activity_id) : Json()}, {"registered", x.registered},
                    {"added_at", x.added_at}});
  }
  j["trainee_list"] = list;
  j["trainees_outside_scope"] = d.hidden_trainees;
  return j;
}
}  // namespace

nlohmann::json person_section(Service& svc, const auth::Actor& actor, const std::string& id_number) {
  Json acts = Json::array();
  auto list = svc.of_person(actor, id_number);
  if (!list) return acts;
  for (const auto& x : *list) {
    acts.push_back({{"id", x.id}, {"indicator", x.indicator},
                    {"indicator_label", people::label_of(kIndicators, x.indicator)}, {"date", x.date},
                    {"detail", x.detail}, {"course", x.course}, {"mode", x.mode}, {"hours", x.hours},
                    {"mentor", x.mentor}, {"topic", x.topic}, {"support_kind", x.support_kind}});
  }
  return acts;
}

void register_routes(http::Router& r, Service& svc, regions::Service& regions) {
  using http::Access;
  const Access read = Access::to(auth::Permission::activities_read), write = Access::to(auth::Permission::activities_write);
  auto activity = http::reach_by_id(
      [&svc](const auth::Actor& a, int64_t id) { return svc.reach(a, id); });
  auto training_class = http::reach_by_id(
      [&svc](const auth::Actor& a, int64_t id) { return svc.reach_class(a, id); });

  r.get("/api/v1/activities", [&svc, &regions](Context& ctx) -> Result<Response> {
    Query q;
    q.indicator = ctx.req.q("indicator");
    q.q = ctx.req.q("q");
    FG_TRY(auto from, http::query_date(ctx.req, "from"));
    FG_TRY(auto to, http::query_date(ctx.req, "to"));
    if (from) q.from = from->iso();
    if (to) q.to = to->iso();
    FG_CHECK(http::read_page(ctx.req, true, q));
    FG_TRY(auto page, svc.list(ctx.actor(), q, ctx.req.q("region")));
    auto t = regions.tree();
    return Response::json(http::page_json(page, q.page, q.page_size,
                                          [&](const auto& x) { return activity_json(x, *t); }));
  }, read);

  r.post("/api/v1/activities", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    ActivityInput in;
    FG_CHECK(http::read_strings(body, {{"indicator", &in.indicator}, {"id_number", &in.id_number}, {"name", &in.name},
          {"region_code", &in.region_code}, {"date", &in.date}, {"detail", &in.detail}, {"course", &in.course},
          {"mode", &in.mode}, {"mentor", &in.mentor}, {"topic", &in.topic}, {"support_kind", &in.support_kind}}));
    // Hours stay text for the rules (a ledger cell may hold "56学时"); a number is written out.
    if (auto it = body.find("hours"); it != body.end() && it->is_number_integer()) {
      in.hours = it->dump();
    }
    FG_TRY(auto res, svc.record(ctx.actor(), in));
    return Response::json(activity_json(res, *regions.tree()), 201);
  }, write);

  // ---- training classes 培训班 ----
  r.get("/api/v1/training-classes", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto p, http::query_paging(ctx.req));
    FG_TRY(auto page, svc.classes(ctx.actor(), ctx.req.q("region"), ctx.req.q("q"), p.page, p.size));
    auto t = regions.tree();
    return Response::json(http::page_json(page, p.page, p.size, [&](const auto& k) { return class_json(k, *t); }));
  }, read);

  r.post("/api/v1/training-classes", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    ClassInput in;
    FG_CHECK(http::read_strings(body, {{"name", &in.name}, {"mode", &in.mode}, {"region_code", &in.region_code},
                                 {"start_date", &in.start_date}, {"end_date", &in.end_date},
                                 {"organizer", &in.organizer}}));
    FG_TRY(auto hours, http::opt_int(body, "hours", INT32_MIN, INT32_MAX));  // the rules bound it
    if (hours) in.hours = *hours;
    FG_TRY(auto k, svc.create_class(ctx.actor(), in));
    return Response::json(class_json(k, *regions.tree()), 201);
  }, write);

  r.get("/api/v1/training-classes/{id}", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto d, svc.get_class(ctx.actor(), id));
    return Response::json(class_detail_json(d, *regions.tree()));
  }, read.reach("training_class", training_class));

  r.post("/api/v1/training-classes/{id}/trainees", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto idn, http::req_string(body, "id_number"));
    FG_TRY(auto name, http::opt_string(body, "name"));
    FG_TRY(auto t, svc.add_trainee(ctx.actor(), id, idn, name.value_or("")));
    const auto* reg = regions.tree()->find(t.region_code);
    return Response::json({{"id", t.id}, {"id_number", people::mask_id(t.id_number)}, {"name", t.name},
                           {"region", {{"code", t.region_code}, {"name", reg ? reg->name : ""}}},
                           {"completed", false}, {"registered", t.registered}},
                          201);
  }, write.reach("training_class", training_class));

  r.del("/api/v1/training-classes/{id}/trainees/{tid}", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(int64_t tid, ctx.id("tid"));
    FG_CHECK(svc.remove_trainee(ctx.actor(), id, tid));
    return Response::no_content();
  }, write.reach("training_class", training_class));

  r.post("/api/v1/training-classes/{id}/completion", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t id, ctx.id());
    FG_TRY(auto body, ctx.json_body());
    FG_TRY(auto done, http::opt_bool(body, "completed"));
    if (!body.contains("trainee_ids")) return http::bad_field("trainee_ids", "学员编号的数组", "an array of trainee ids");
    FG_TRY(auto ids, http::id_list(body, "trainee_ids"));
    FG_TRY(auto d, svc.set_completed(ctx.actor(), id, ids, done.value_or(true)));
    return Response::json(class_detail_json(d, *regions.tree()));
  }, write.reach("training_class", training_class));

  r.del("/api/v1/activities/{id}", http::delete_with_reason([&svc](const auth::Actor& a, int64_t id, const std::string& reason) {
    return svc.remove(a, id, reason);
  }), write.reach("activity", activity));
}

}  // namespace fg::activities
