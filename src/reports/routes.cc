// HTTP handlers for reports: the progress report, the league of child regions, the monthly trend.
#include "ledger/xlsx_writer.h"
#include "reports/routes.h"

#include <nlohmann/json.hpp>

#include "auth/permissions.h"
#include "activities/model.h"
#include "activities/store.h"
#include "reports/progress.h"

namespace fg::reports {

namespace {
using http::Context;
using http::Json;
using http::Response;

bool can_read(auth::Role r) { return auth::allows(r, auth::Permission::reports_read); }

struct Args {
  std::string region;
  Date from, to;
};

Result<Args> args(const Context& ctx, regions::Service& regions, const Clock& clock) {
  if (!can_read(ctx.user().role)) {
    return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权查看统计报告", "Your role may not read reports");
  }
  Args a;
  a.region = ctx.req.q("region", ctx.user().region_code);
  FG_CHECK(regions.require_scope(ctx.user(), a.region));
  Date today = clock.today();
  std::string from = ctx.req.q("from"), to = ctx.req.q("to");
  auto t = to.empty() ? Result<Date>(today) : Date::parse(to);
  if (!t) return make_error(ErrorKind::bad_request, "bad_parameter", "to", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD");
  auto f = from.empty() ? Result<Date>(*Date::from_ymd(t->year(), 1, 1)) : Date::parse(from);
  if (!f) return make_error(ErrorKind::bad_request, "bad_parameter", "from", "日期格式应为 YYYY-MM-DD", "Dates are YYYY-MM-DD");
  a.from = *f;
  a.to = *t;
  return a;
}

// The region's progress and each child region's (a child whose figures fail is left out).
struct Family {
  Progress parent;
  std::vector<Progress> children;
};
Result<Family> family(db::Database& db, const regions::Tree& tree, const Args& ar) {
  auto c = db.acquire();
  FG_TRY(auto p, compute_progress(*c, tree, ar.region, ar.from, ar.to));
  Family f{std::move(p), {}};
  for (const auto& code : tree.children(ar.region)) {
    if (auto cp = compute_progress(*c, tree, code, ar.from, ar.to)) f.children.push_back(std::move(*cp));
  }
  return f;
}
}  // namespace

void register_routes(http::Router& r, db::Database& db, regions::Service& regions, const Clock& clock) {

  r.get("/api/v1/reports/progress", [&db, &regions, &clock](Context& ctx) -> Result<Response> {
    FG_TRY(auto ar, args(ctx, regions, clock));
    auto c = db.acquire();
    FG_TRY(auto p, compute_progress(*c, *regions.tree(), ar.region, ar.from, ar.to));
    return Response::json(progress_json(p));
  }, http::Access::to(auth::Permission::reports_read));

  r.get("/api/v1/reports/progress.xlsx", [&db, &regions, &clock](Context& ctx) -> Result<Response> {
    FG_TRY(auto ar, args(ctx, regions, clock));
    FG_TRY(auto f, family(db, *regions.tree(), ar));
    return Response::bytes(progress_xlsx(f.parent, f.children),
                           ledger::kXlsxMime,
                           f.parent.region.name + "返乡创业工作进度" + ar.to.iso() + ".xlsx");
  }, http::Access::to(auth::Permission::reports_read));

  r.get("/api/v1/reports/latest", [&db, &clock](Context& ctx) -> Result<Response> {
    if (!can_read(ctx.user().role)) {
      return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权查看统计报告", "Your role may not read reports");
    }
    auto c = db.acquire();
    return Response::json({{"to", activities::store::latest_date(*c).value_or(clock.today().iso())}});
  }, http::Access::to(auth::Permission::reports_read));

  // One line per child region (counties of the city, townships of a county): the league table.
  r.get("/api/v1/reports/league", [&db, &regions, &clock](Context& ctx) -> Result<Response> {
    FG_TRY(auto ar, args(ctx, regions, clock));
    FG_TRY(auto f, family(db, *regions.tree(), ar));
    Json rows = Json::array();
    for (const auto& cp : f.children) {
      Json j = progress_json(cp);
      j.erase("text");
      j["region"]["excluded_from_parent"] = cp.region.excluded_from_parent;
      j["region"]["level"] = cp.region.level;
      rows.push_back(j);
    }
    return Response::json({{"parent", progress_json(f.parent)}, {"rows", rows}});
  }, http::Access::to(auth::Permission::reports_read));

  // Distinct people per month and indicator in the year of `to`, for the trend chart.
  r.get("/api/v1/reports/trend", [&db, &regions, &clock](Context& ctx) -> Result<Response> {
    FG_TRY(auto ar, args(ctx, regions, clock));
    auto c = db.acquire();
    auto counts = monthly_people(*c, *regions.tree(), ar.region, ar.to.year());
    Json months = Json::array();
    for (int m = 1; m <= 12; ++m) {
      Json month{{"month", m}};
      for (size_t k = 0; k < activities::kIndicators.size(); ++k) {
        month[activities::kIndicators[k].first] = counts[static_cast<size_t>(m - 1)][k];
      }
      months.push_back(month);
    }
    return Response::json({{"year", ar.to.year()}, {"region", ar.region}, {"months", months}});
  }, http::Access::to(auth::Permission::reports_read));
}

}  // namespace fg::reports
