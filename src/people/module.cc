// The registry module: returnee entrepreneurs (创业人员) and market entities (市场主体).
#include "app/module.h"
#include "people/model.h"
#include "people/ledger.h"
#include "people/routes.h"

namespace fg::people {
namespace {
using S = std::string;
constexpr app::MenuEntry kMenuEntries[] = {{"people", 20, auth::Permission::people_read},
                                    {"entities", 30, auth::Permission::people_read}};
constexpr app::AuditCode kAuditEntities[] = {{"entrepreneur", "创业人员", "Returnee entrepreneur"},
                                        {"market_entity", "市场主体", "Market entity"},
                                        {"entrepreneurs", "创业人员台账", "Entrepreneurs ledger"},
                                        {"market_entities", "市场主体台账", "Market entities ledger"}};
constexpr app::AuditCode kAuditActions[] = {{"reveal", "查看完整信息", "Reveal full record"}};

const app::Enumeration kEnumerations[] = {
    {"categories", [] { return app::keys_of(kCategories); }},
    {"entity_types", [] { return app::keys_of(kEntityTypes); }},
};

constexpr char kEntrepreneurs[] = "entrepreneurs";
constexpr char kMarketEntities[] = "market_entities";
// The `run` of both registry ledgers: one import (people/ledger.h) told which kind it reads.
template <const char* Kind>
Result<ledger::ImportReport> import_kind(app::Kernel& k, const auth::Actor& a, const ledger::Table& t,
                                         const ledger::ImportOptions& o, const std::string& f) {
  return import_table(k.db(), k.get<regions::Service>(), a, Kind, t, f, o, k.clock());
}
}  // namespace

// Examples carry real check characters (the standard's own sample ID number, a valid credit code).
const app::LedgerKind kLedgerKinds[] = {
    {"entrepreneurs", "返乡创业人员", auth::Permission::people_write, entrepreneur_schema,
     [] {
       return std::vector<ledger::Cell>{S("11010519491231002X"), S("张三"), S("410581107"), S("农民工"),
                                        S("2021-03-01"), S("13812345678"), S("2020-12-15")};
     },
     import_kind<kEntrepreneurs>},
    {"market_entities", "市场主体", auth::Permission::people_write, entity_schema,
     [] {
       return std::vector<ledger::Cell>{S("91350100M000100Y43"), S("林州市某某种植专业合作社"), S("农民专业合作社"),
                                        S("410581107"), S("2021-04-01"), S("11010519491231002X"), int64_t{12},
                                        S("种植业")};
     },
     import_kind<kMarketEntities>},
};

extern const app::Module kModule{
    .name = "people",
    .build = app::make_scoped<Service>,
    .routes = app::routes_with<register_routes, Service, regions::Service>,
    .menu = kMenuEntries, .ledger_kinds = kLedgerKinds,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
    .enumerations = kEnumerations,
};

}  // namespace fg::people
