// HTTP handlers for the region tree.
#include "regions/routes.h"

#include <nlohmann/json.hpp>

#include "auth/rules.h"

namespace fg::regions {

namespace {
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

Json ref_json(const Tree& t, const std::string& code) {
  const auto* r = t.find(code);
  return {{"code", code}, {"name", r ? r->name : ""}};
}

void register_routes(http::Router& r, Service& svc) {

  // Region names and codes are public reference data, so everyone gets the whole tree; `scope`
  // says where the caller's own rights begin, and every data endpoint checks it on its own.
  r.get("/api/v1/regions", [&svc](Context& ctx) -> Result<Response> {
    auto t = svc.tree();
    const Region* root = t->find(t->root_code());
    return Response::json({{"scope", ctx.user().region_code}, {"tree", root ? region_json(*t, *root, true) : Json()}});
  });

  r.post("/api/v1/regions", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    Region reg;
    for (auto [field, target] : {std::pair{"code", &reg.code}, {"name", &reg.name}, {"parent_code", &reg.parent_code}}) {
      FG_TRY(auto v, http::req_string(body, field));
      *target = v;
    }
    FG_TRY(auto res, svc.add(ctx.actor(), reg));
    return Response::json(region_json(*svc.tree(), res, true), 201);
  }, http::Access::to(auth::Permission::regions_admin));

  r.patch("/api/v1/regions/{code}", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    Service::Change ch;
    FG_TRY(auto name, http::opt_string(body, "name"));
    FG_TRY(auto ex, http::opt_bool(body, "excluded_from_parent"));
    FG_TRY(auto hp, http::opt_bool(body, "has_platform"));
    ch.name = name;
    ch.excluded_from_parent = ex;
    ch.has_platform = hp;
    FG_TRY(auto res, svc.change(ctx.actor(), ctx.param("code"), ch));
    return Response::json(region_json(*svc.tree(), res, true));
  }, http::Access::to(auth::Permission::regions_admin));
}

}  // namespace fg::regions
