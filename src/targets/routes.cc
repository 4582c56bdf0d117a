// HTTP handlers for annual targets: the grid (rows = the region and its children, columns =
// indicators) and saving changed cells.
#include "targets/routes.h"

#include <nlohmann/json.hpp>

#include "activities/model.h"
#include "targets/service.h"

namespace fg::targets {

namespace {
using http::Context;
using http::Json;
using http::Response;
}  // namespace

void register_routes(http::Router& r, Service& svc, regions::Service& regions) {

  r.get("/api/v1/targets", [&svc, &regions](Context& ctx) -> Result<Response> {
    FG_TRY(int64_t year, http::query_int(ctx.req, "year", 2000, 2100, svc.today().year()));
    std::string region = ctx.req.q("region", ctx.user().region_code);
    FG_TRY(auto g, svc.grid(ctx.actor(), year, region));
    auto tree = regions.tree();
    Json rows = Json::array();
    std::vector<std::string> codes{region};
    for (const auto& c : tree->children(region)) codes.push_back(c);
    for (const auto& code : codes) {
      const auto* reg = tree->find(code);
      Json row = {{"code", code}, {"name", reg->name}, {"level", reg->level},
                  {"excluded_from_parent", reg->excluded_from_parent},
                  {"editable", static_cast<bool>(svc.require_set(ctx.actor(), code))}};
      for (const auto& [ind, label] : activities::kIndicators) {
        auto it = g.values.find(code);
        row[ind] = it != g.values.end() && it->second.count(ind) ? Json(it->second.at(ind)) : Json();
      }
      rows.push_back(row);
    }
    return Response::json({{"year", year}, {"region", region}, {"rows", rows}});
  }, http::Access::to(auth::Permission::targets_read));

  r.put("/api/v1/targets", [&svc](Context& ctx) -> Result<Response> {
    FG_TRY(auto body, ctx.json_body());
    auto cells = body.find("cells");
    if (!body.contains("year") || body.at("year").is_null()) {
      return http::bad_field("year", "2000–2100 的整数", "an integer from 2000 to 2100");
    }
    FG_TRY(int64_t year, http::req_int(body, "year", 2000, 2100));
    if (cells == body.end() || !cells->is_array()) {
      return make_error(ErrorKind::bad_request, "bad_field", "cells", "请提供要保存的目标", "Field cells must be a list");
    }
    std::vector<Service::Cell> list;
    for (const auto& c : *cells) {
      if (!c.is_object() || !c.value("region_code", Json()).is_string() || !c.value("indicator", Json()).is_string()) {
        return make_error(ErrorKind::bad_request, "bad_field", "cells", "目标格式错误", "Malformed cell");
      }
      Service::Cell cell{c["region_code"], c["indicator"], std::nullopt};
      // Bounded by the rules (no negative target); here only its type and a sane size.
      FG_TRY(cell.target, http::opt_int(c, "target", INT32_MIN, INT32_MAX));
      list.push_back(cell);
    }
    FG_TRY(auto res, svc.set(ctx.actor(), static_cast<int>(year), list));
    return Response::json({{"saved", res}});
  }, http::Access::to(auth::Permission::targets_set));
}

}  // namespace fg::targets
