// HTTP handlers for annual targets: the grid (rows = the region and its children, columns =
// indicators) and saving changed cells.
#include <nlohmann/json.hpp>

#include "activities/model.h"
#include "app/app.h"
#include "targets/service.h"

namespace fg::targets {

namespace {
using app::web::fail;
using http::Context;
using http::Json;
using http::Response;
}  // namespace

void register_routes(app::App& a) {
  auto& r = a.router();
  auto& svc = a.targets();
  auto& regions = a.regions();

  r.get("/api/v1/targets", [&svc, &regions](Context& ctx) {
    int year = Date::today_cst().year();
    if (std::string y = ctx.req.q("year"); !y.empty()) {
      try {
        year = std::stoi(y);
      } catch (...) {
        return fail(ctx, make_error(ErrorKind::bad_request, "bad_parameter", "year", "年度无效", "Bad year"));
      }
    }
    std::string region = ctx.req.q("region", ctx.user().region_code);
    auto g = svc.grid(ctx.actor(), year, region);
    if (!g) return fail(ctx, g.error());
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
        auto it = g->values.find(code);
        row[ind] = it != g->values.end() && it->second.count(ind) ? Json(it->second.at(ind)) : Json();
      }
      rows.push_back(row);
    }
    return Response::json({{"year", year}, {"region", region}, {"rows", rows}});
  }, http::Access::to(auth::Permission::targets_read));

  r.put("/api/v1/targets", [&svc](Context& ctx) {
    auto body = ctx.json_body();
    if (!body) return fail(ctx, body.error());
    auto year = body->find("year");
    auto cells = body->find("cells");
    if (year == body->end() || !year->is_number_integer()) {
      return fail(ctx, make_error(ErrorKind::bad_request, "bad_field", "year", "请提供年度", "Field year must be an integer"));
    }
    if (cells == body->end() || !cells->is_array()) {
      return fail(ctx, make_error(ErrorKind::bad_request, "bad_field", "cells", "请提供要保存的目标", "Field cells must be a list"));
    }
    std::vector<Service::Cell> list;
    for (const auto& c : *cells) {
      if (!c.is_object() || !c.value("region_code", Json()).is_string() || !c.value("indicator", Json()).is_string()) {
        return fail(ctx, make_error(ErrorKind::bad_request, "bad_field", "cells", "目标格式错误", "Malformed cell"));
      }
      Service::Cell cell{c["region_code"], c["indicator"], std::nullopt};
      if (auto t = c.find("target"); t != c.end() && !t->is_null()) {
        if (!t->is_number_integer()) {
          return fail(ctx, make_error(ErrorKind::bad_request, "bad_field", "target", "目标数应为整数", "A target is a whole number"));
        }
        cell.target = t->get<int64_t>();
      }
      list.push_back(cell);
    }
    auto res = svc.set(ctx.actor(), year->get<int>(), list);
    if (!res) return fail(ctx, res.error());
    return Response::json({{"saved", *res}});
  }, http::Access::to(auth::Permission::targets_set));
}

}  // namespace fg::targets
