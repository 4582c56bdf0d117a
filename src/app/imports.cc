#include "app/imports.h"

#include <nlohmann/json.hpp>

#include "ledger/xlsx_writer.h"

namespace fg::app {

// Every kind comes from a module's descriptor (app/module.h LedgerKind): this file knows none.
const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds = ledger_kinds();
  return kinds;
}

const ledger::Schema* import_schema(const std::string& kind) {
  const LedgerKind* k = ledger_kind(kind);
  return k ? &k->schema() : nullptr;
}

namespace {
Error unknown_kind(const std::string& kind) {
  return make_error(ErrorKind::not_found, "unknown_kind", "kind", "不支持的台账类型：" + kind.substr(0, 40),
                    "Unknown ledger kind: " + kind.substr(0, 40));
}
}  // namespace

Result<void> may_import(const auth::Actor& actor, const std::string& kind) {
  const LedgerKind* k = ledger_kind(kind);
  if (!k) return unknown_kind(kind);
  if (!actor.user || auth::allows(actor.user->role, k->permission)) return {};
  return errors::forbidden("您的角色无权导入此类台账", "Your role may not import this ledger");
}

Result<ledger::ImportReport> import_ledger(Kernel& kernel, const auth::Actor& actor, const std::string& kind,
                                           std::string_view bytes, const std::string& filename,
                                           const ledger::ImportOptions& options) {
  const LedgerKind* k = ledger_kind(kind);
  if (!k) return unknown_kind(kind);
  FG_TRY(auto table, ledger::read_table(bytes, filename));
  return k->run(kernel, actor, table, options, filename);
}

Result<ledger::ImportReport> import_table(Kernel& kernel, const auth::Actor& actor, const std::string& kind,
                                          const ledger::Table& table, const std::string& filename,
                                          const ledger::ImportOptions& options) {
  const LedgerKind* k = ledger_kind(kind);
  if (!k) return unknown_kind(kind);
  return k->run(kernel, actor, table, options, filename);
}

std::string import_template(const std::string& kind) {
  const LedgerKind* k = ledger_kind(kind);
  if (!k) return {};
  ledger::Sheet sheet;
  sheet.name = kind;
  for (const auto& c : k->schema().columns) {
    sheet.headers.push_back(c.zh + (c.required ? "*" : ""));
    sheet.widths.push_back(c.key.find("id_number") != std::string::npos || c.key == "credit_code" ? 22 : 14);
  }
  sheet.rows.push_back(k->example());
  return ledger::write_xlsx(sheet);
}

namespace {
void register_routes(http::Router& r, Kernel& kernel) {
  // Ledger upload: the body is the file itself (CSV or XLSX); ?filename= names it for the log.
  r.post("/api/v1/imports/{kind}", [&kernel](http::Context& ctx) -> Result<http::Response> {
    ledger::ImportOptions opt;
    std::string skip = ctx.req.q("skip_invalid");
    opt.skip_invalid = skip == "1" || skip == "true";
    std::string filename = ctx.req.q("filename", "upload");
    if (ctx.req.body.empty()) return http::fail(ctx, invalid_field("file", "请选择要导入的文件", "Choose a file to import"));
    auto rep = import_ledger(kernel, ctx.actor(), ctx.param("kind"), ctx.req.body, filename, opt);
    if (!rep) return http::fail(ctx, rep.error());
    nlohmann::json errors = nlohmann::json::array();
    for (size_t i = 0; i < rep->errors.size() && i < 1000; ++i) {
      const auto& e = rep->errors[i];
      errors.push_back({{"line", e.line}, {"column", e.column}, {"message", ctx.english() ? e.en : e.zh}});
    }
    nlohmann::json j = {{"kind", rep->kind}, {"encoding", rep->encoding}, {"rows", rep->rows},
                        {"inserted", rep->inserted}, {"updated", rep->updated}, {"unchanged", rep->unchanged},
                        {"rejected", rep->rejected}, {"written", rep->written}, {"errors", errors},
                        {"error_count", rep->errors.size()}, {"unknown_columns", rep->unknown_columns},
                        {"rejects_csv", rep->rejects_csv}};
    return http::Response::json(j, rep->written ? 200 : 422);
  }, http::Access::to(auth::Permission::imports_run)
         .reach("ledger_kind", [](const http::Context& ctx) { return may_import(ctx.actor(), ctx.param("kind")); }));

  r.get("/api/v1/imports/{kind}/template.xlsx", [](http::Context& ctx) -> Result<http::Response> {
    const std::string& kind = ctx.param("kind");
    const LedgerKind* k = ledger_kind(kind);
    if (!k) return unknown_kind(kind);
    return http::Response::bytes(import_template(kind), ledger::kXlsxMime, std::string(k->title) + "导入模板.xlsx");
  });
}

constexpr MenuEntry kMenuEntries[] = {{"imports", 70, auth::Permission::imports_run}};
}  // namespace

// Ledger imports: the upload page and endpoints for every kind the modules declare.
extern const Module kImportsModule{
    .name = "imports",
    .routes = register_routes,
    .menu = kMenuEntries,
};

}  // namespace fg::app
