// HTTP handlers for searching and exporting the audit log (city administrators and auditors).
#include "audit/routes.h"

#include <nlohmann/json.hpp>

#include "audit/store.h"
#include "auth/rules.h"
#include "base/date.h"
#include "ledger/xlsx_writer.h"

namespace fg::audit {

namespace {
using http::Context;
using http::Json;
using http::Response;

Result<Filter> filter_from(const http::Request& req, bool paged) {
  Filter f;
  f.q = req.q("q");
  f.username = req.q("username");
  f.action = req.q("action");
  f.entity = req.q("entity");
  for (auto [name, target] : {std::pair{"from", &f.from}, {"to", &f.to}}) {
    std::string v = req.q(name);
    if (v.empty()) continue;
    auto d = Date::parse(v);
    if (!d) {
      return make_error(ErrorKind::bad_request, "bad_parameter", name, std::string("日期格式应为 YYYY-MM-DD：") + v,
                        std::string("Dates are YYYY-MM-DD: ") + v);
    }
    *target = d->iso();
  }
  // An export is capped so one click cannot exhaust the server.
  FG_CHECK(http::read_page(req, paged, f, 100000));
  return f;
}

Result<void> require_reader(const Context& ctx) {
  if (auth::can_read_audit(ctx.user().role)) return {};
  return make_error(ErrorKind::forbidden, "forbidden", "", "只有市局管理员和审计人员可以查看审计日志",
                    "Only city administrators and auditors may read the audit log");
}

constexpr int kFlushWaitMs = 1000;

// The entries `f` selects, for a reader of the audit log.
Result<Page<Entry>> read_entries(const Context& ctx, db::Database& db, Outbox& outbox, const Filter& f) {
  FG_CHECK(require_reader(ctx));
  // The entries still in the auth state database's outbox first (logins, logouts, locks): while
  // a bulk import holds the writer lock they wait for the next flush, the page does not.
  (void)outbox.flush(kFlushWaitMs);
  auto c = db.acquire();
  return search(*c, f);
}
}  // namespace

void register_routes(http::Router& r, db::Database& db, Outbox& outbox) {

  r.get("/api/v1/audit", [&outbox, &db](Context& ctx) -> Result<Response> {
    FG_TRY(auto f, filter_from(ctx.req, true));
    FG_TRY(auto page, read_entries(ctx, db, outbox, f));
    Json items = Json::array();
    for (const auto& e : page.items) {
      items.push_back({{"id", e.id}, {"at", e.at}, {"user_id", e.user_id ? Json(*e.user_id) : Json()},
                       {"username", e.username}, {"role", e.role}, {"action", e.action}, {"entity", e.entity},
                       {"entity_id", e.entity_id}, {"region_code", e.region_code}, {"before", e.before},
                       {"after", e.after}, {"ip", e.ip}, {"source", e.source}});
    }
    return Response::json({{"items", items}, {"total", page.total}, {"page", f.page}, {"page_size", f.page_size}});
  }, http::Access::to(auth::Permission::audit_read));

  r.get("/api/v1/audit/export.xlsx", [&outbox, &db](Context& ctx) -> Result<Response> {
    FG_TRY(auto f, filter_from(ctx.req, false));
    FG_TRY(auto page, read_entries(ctx, db, outbox, f));
    ledger::Sheet sheet{"审计日志",
                        {"时间", "用户", "角色", "操作", "对象", "对象编号", "区划", "修改前", "修改后", "IP", "来源"},
                        {},
                        {26, 14, 14, 14, 12, 14, 12, 40, 40, 16, 8}};
    auto dump = [](const Json& j) { return j.is_null() ? std::string() : j.dump(); };
    for (const auto& e : page.items) {
      sheet.rows.push_back({e.at, e.username, e.role, e.action, e.entity, e.entity_id, e.region_code, dump(e.before),
                            dump(e.after), e.ip, e.source});
    }
    return Response::bytes(ledger::write_xlsx(sheet),
                           ledger::kXlsxMime, "审计日志.xlsx");
  }, http::Access::to(auth::Permission::audit_read));
}

}  // namespace fg::audit
