// HTTP handlers for the region tree.
#include "regions/routes.h"

#include <nlohmann/json.hpp>

#include "auth/rules.h"

namespace fg::regions {

namespace {
using http::fail;
using http::Context;
using http::Json;
using http::Response;

Json region_json(const Tree& t, const Region& r, bool with_children) {
  Json j = {{"code", r.code}, {"name", r.name}, {"level", r.level}, {"parent_code", r.parent_code},
            {"excluded_from_parent", r.excluded_from_parent}, {"has_platform", r.has_platform}};
  if (with_children) {
    Json kids = Json::array();
    for (const auto& c : t.children(r.code)) kids.push_back(region_json(t, *t.find(c), true));
    j["children"] = kids;
  }
  return j;
}
}  // namespace

void register_routes(http::Router& r, Service& svc, auth::Service& auth) {

  // Region names and codes are public reference data, so everyone gets the whole tree; `scope`
  // says where the caller's own rights begin, and every data endpoint checks it on its own.
  r.get("/api/v1/regions", [&svc](Context& ctx) -> Result<Response> {
    auto t = svc.tree();
    const Region* root = t->find(t->root_code());
    return Response::json({{"scope", ctx.user().region_code}, {"tree", root ? region_json(*t, *root, true) : Json()}});
  });

  r.post("/api/v1/regions", [&svc, &auth](Context& ctx) -> Result<Response> {
    if (auto ok = auth.require_admin(ctx.actor()); !ok) return fail(ctx, ok.error());
    auto body = ctx.json_body();
    if (!body) return fail(ctx, body.error());
    Region reg;
    for (auto [field, target] : {std::pair{"code", &reg.code}, {"name", &reg.name}, {"parent_code", &reg.parent_code}}) {
      auto v = http::req_string(*body, field);
      if (!v) return fail(ctx, v.error());
      *target = *v;
    }
    auto res = svc.add(ctx.actor(), reg);
    if (!res) return fail(ctx, res.error());
    return Response::json(region_json(*svc.tree(), *res, true), 201);
  }, http::Access::to(auth::Permission::regions_admin));

  r.patch("/api/v1/regions/{code}", [&svc, &auth](Context& ctx) -> Result<Response> {
    if (auto ok = auth.require_admin(ctx.actor()); !ok) return fail(ctx, ok.error());
    auto body = ctx.json_body();
    if (!body) return fail(ctx, body.error());
    Service::Change ch;
    auto name = http::opt_string(*body, "name");
    if (!name) return fail(ctx, name.error());
    auto ex = http::opt_bool(*body, "excluded_from_parent");
    if (!ex) return fail(ctx, ex.error());
    auto hp = http::opt_bool(*body, "has_platform");
    if (!hp) return fail(ctx, hp.error());
    ch.name = *name;
    ch.excluded_from_parent = *ex;
    ch.has_platform = *hp;
    auto res = svc.change(ctx.actor(), ctx.param("code"), ch);
    if (!res) return fail(ctx, res.error());
    return Response::json(region_json(*svc.tree(), *res, true));
  }, http::Access::to(auth::Permission::regions_admin));
}

}  // namespace fg::regions
