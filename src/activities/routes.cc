// HTTP handlers for training, mentoring and support records.
#include <nlohmann/json.hpp>

#include "activities/service.h"
#include "app/app.h"
#include "people/rules.h"

namespace fg::activities {

namespace {
using app::web::fail;
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
}  // namespace

void register_routes(app::App& a) {
  auto& r = a.router();
  auto& svc = a.activities();
  auto& regions = a.regions();

  r.get("/api/v1/activities", [&svc, &regions](Context& ctx) {
    Query q;
    q.indicator = ctx.req.q("indicator");
    q.q = ctx.req.q("q");
    for (auto [name, target] : {std::pair{"from", &q.from}, {"to", &q.to}}) {
      std::string v = ctx.req.q(name);
      if (v.empty()) continue;
      auto d = Date::parse(v);
      if (!d) {
        return fail(ctx, make_error(ErrorKind::bad_request, "bad_parameter", name, "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD"));
      }
      *target = d->iso();
    }
    auto p = app::web::paging(ctx.req);
    if (!p) return fail(ctx, p.error());
    q.page = p->first;
    q.page_size = p->second;
    auto page = svc.list(ctx.actor(), q, ctx.req.q("region"));
    if (!page) return fail(ctx, page.error());
    auto t = regions.tree();
    Json items = Json::array();
    for (const auto& x : page->items) items.push_back(activity_json(x, *t));
    return Response::json({{"items", items}, {"total", page->total}, {"page", q.page}, {"page_size", q.page_size}});
  });

  r.post("/api/v1/activities", [&svc, &regions](Context& ctx) {
    auto body = ctx.json_body();
    if (!body) return fail(ctx, body.error());
    ActivityInput in;
    for (auto [field, target] :
         {std::pair{"indicator", &in.indicator}, {"id_number", &in.id_number}, {"name", &in.name},
          {"region_code", &in.region_code}, {"date", &in.date}, {"detail", &in.detail}, {"course", &in.course},
          {"mode", &in.mode}, {"mentor", &in.mentor}, {"topic", &in.topic}, {"support_kind", &in.support_kind}}) {
      auto v = app::web::opt_string(*body, field);
      if (!v) return fail(ctx, v.error());
      *target = v->value_or("");
    }
    if (auto it = body->find("hours"); it != body->end() && it->is_number_integer()) {
      in.hours = std::to_string(it->get<int64_t>());
    }
    auto res = svc.record(ctx.actor(), in);
    if (!res) return fail(ctx, res.error());
    return Response::json(activity_json(*res, *regions.tree()), 201);
  });

  r.del("/api/v1/activities/{id}", [&svc](Context& ctx) {
    int64_t id = 0;
    try {
      id = std::stoll(ctx.param("id"));
    } catch (...) {
      return fail(ctx, make_error(ErrorKind::not_found, "not_found", "", "记录不存在", "No such record"));
    }
    auto body = ctx.json_body();
    if (!body) return fail(ctx, body.error());
    auto reason = app::web::opt_string(*body, "reason");
    if (!reason) return fail(ctx, reason.error());
    auto res = svc.remove(ctx.actor(), id, reason->value_or(""));
    if (!res) return fail(ctx, res.error());
    return Response::no_content();
  });
}

}  // namespace fg::activities
