// The targets module: annual targets (年度目标任务) per region and indicator.
#include "app/module.h"
#include "targets/routes.h"

namespace fg::targets {
namespace {
using S = std::string;
constexpr app::MenuEntry kMenuEntries[] = {{"targets", 50, auth::Permission::targets_read}};
constexpr app::AuditCode kAuditEntities[] = {{"target", "目标任务", "Target"}, {"targets", "目标任务台账", "Targets ledger"}};
constexpr app::AuditCode kAuditActions[] = {{"set", "设定", "Set"}};
const app::LedgerKind kLedgerKinds[] = {
    {"targets", "目标任务", auth::Permission::targets_set, Service::schema,
     [] { return std::vector<ledger::Cell>{int64_t{2021}, S("410581"), S("创业培训"), int64_t{300}}; }, app::import_into<Service>},
};
}  // namespace

extern const app::Module kModule{
    .name = "targets",
    .build = app::make_scoped<Service>,
    .routes = app::routes_with<register_routes, Service, regions::Service>,
    .menu = kMenuEntries, .ledger_kinds = kLedgerKinds,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
};

}  // namespace fg::targets
