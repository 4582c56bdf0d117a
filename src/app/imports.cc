#include "app/imports.h"

#include <nlohmann/json.hpp>

#include "ledger/xlsx_writer.h"
#include "people/ledger.h"

namespace fg::app {

const std::vector<std::string>& import_kinds() {
  static const std::vector<std::string> kinds = {"entrepreneurs", "market_entities", "activities", "targets", "loans"};
  return kinds;
}

const ledger::Schema* import_schema(const std::string& kind) {
  if (kind == "activities") return &activities::Service::schema();
  if (kind == "targets") return &targets::Service::schema();
  if (kind == "loans") return &loans::Service::schema();
  return people::schema_for(kind);
}

Result<void> may_import(const auth::Actor& actor, const std::string& kind) {
  if (!import_schema(kind)) {
    return make_error(ErrorKind::not_found, "unknown_kind", "kind", "不支持的台账类型：" + kind.substr(0, 40),
                      "Unknown ledger kind: " + kind.substr(0, 40));
  }
  if (!actor.user) return {};
  auth::Role r = actor.user->role;
  auth::Permission needed = kind == "targets"      ? auth::Permission::targets_set
                            : kind == "loans"      ? auth::Permission::loans_import
                            : kind == "activities" ? auth::Permission::activities_write
                                                   : auth::Permission::people_write;  // people, entities
  if (auth::allows(r, needed)) return {};
  return make_error(ErrorKind::forbidden, "forbidden", "", "您的角色无权导入此类台账", "Your role may not import this ledger");
}

Result<ledger::ImportReport> import_ledger(App& app, const auth::Actor& actor, const std::string& kind,
                                           std::string_view bytes, const std::string& filename,
                                           const ledger::ImportOptions& options) {
  if (!import_schema(kind)) {
    return make_error(ErrorKind::not_found, "unknown_kind", "kind", "不支持的台账类型：" + kind.substr(0, 40),
                      "Unknown ledger kind: " + kind.substr(0, 40));
  }
  auto table = ledger::read_table(bytes, filename);
  if (!table) return table.error();
  if (kind == "activities") return app.activities().import(actor, *table, options, filename);
  if (kind == "targets") return app.targets().import(actor, *table, options, filename);
  if (kind == "loans") return app.loans().import(actor, *table, options, filename);
  return people::import_table(app.db(), app.regions(), actor, kind, *table, filename, options);
}

std::string import_template(const std::string& kind) {
  const ledger::Schema* schema = import_schema(kind);
  if (!schema) return {};
  using S = std::string;
  ledger::Sheet sheet;
  sheet.name = kind;
  for (const auto& c : schema->columns) {
    sheet.headers.push_back(c.zh + (c.required ? "*" : ""));
    sheet.widths.push_back(c.key.find("id_number") != S::npos || c.key == "credit_code" ? 22 : 14);
  }
  // Examples carry real check characters (the standard's own sample ID number, a valid credit code).
  if (kind == "entrepreneurs") {
    sheet.rows.push_back({S("11010519491231002X"), S("张三"), S("410581107"), S("农民工"), S("2021-03-01"),
                          S("13812345678"), S("2020-12-15")});
  } else if (kind == "market_entities") {
    sheet.rows.push_back({S("91350100M000100Y43"), S("林州市某某种植专业合作社"), S("农民专业合作社"), S("410581107"),
                          S("2021-04-01"), S("11010519491231002X"), int64_t{12}, S("种植业")});
  } else if (kind == "activities") {
    sheet.rows.push_back({S("创业培训"), S("11010519491231002X"), S("张三"), S("410581107"), S("2021-05-10"),
                          S("SYB创业培训班（课堂培训+创业实训）")});
  } else if (kind == "targets") {
    sheet.rows.push_back({int64_t{2021}, S("410581"), S("创业培训"), int64_t{300}});
  } else {
    sheet.rows.push_back({S("LZ2021-0001"), S("11010519491231002X"), S("张三"), S("410581107"), S("个人"),
                          int64_t{200000}, S("2021-06-15"), int64_t{24}, S("林州农商银行"), S("否")});
  }
  return ledger::write_xlsx(sheet);
}

void register_import_routes(App& a) {
  auto& r = a.router();
  // Ledger upload: the body is the file itself (CSV or XLSX); ?filename= names it for the log.
  r.post("/api/v1/imports/{kind}", [&a](http::Context& ctx) -> Result<http::Response> {
    ledger::ImportOptions opt;
    std::string skip = ctx.req.q("skip_invalid");
    opt.skip_invalid = skip == "1" || skip == "true";
    std::string filename = ctx.req.q("filename", "upload");
    if (ctx.req.body.empty()) return http::fail(ctx, invalid_field("file", "请选择要导入的文件", "Choose a file to import"));
    auto rep = import_ledger(a, ctx.actor(), ctx.param("kind"), ctx.req.body, filename, opt);
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
    if (!import_schema(kind)) {
      return http::fail(ctx, make_error(ErrorKind::not_found, "unknown_kind", "kind", "不支持的台账类型", "Unknown ledger kind"));
    }
    static const std::map<std::string, std::string> names = {{"entrepreneurs", "返乡创业人员"},
                                                             {"market_entities", "市场主体"},
                                                             {"activities", "培训辅导扶持记录"},
                                                             {"targets", "目标任务"},
                                                             {"loans", "创业担保贷款"}};
    return http::Response::bytes(import_template(kind),
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 names.at(kind) + "导入模板.xlsx");
  });
}

}  // namespace fg::app
