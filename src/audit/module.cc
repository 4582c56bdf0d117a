// The audit module: the log of every write, sign-in and auditor's read, and its outbox.
#include "app/module.h"
#include "audit/routes.h"

namespace fg::audit {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"audit", 110, auth::Permission::audit_read}};
constexpr app::AuditCode kAuditEntities[] = {{"api", "接口", "API"}, {"database", "数据库", "Database"}};
constexpr app::AuditCode kAuditActions[] = {{"read", "查看", "Read"}, {"demo", "载入演示数据", "Demo data loaded"}};
}  // namespace

extern const app::Module kModule{
    .name = "audit",
    .build = [](app::Kernel& k) { k.make<Outbox>(k.db(), k.auth_state_db()); },
    .routes = [](http::Router& r, app::Kernel& k) { register_routes(r, k.db(), k.get<Outbox>()); },
    .menu = kMenuEntries,
    .audit_entities = kAuditEntities, .audit_actions = kAuditActions,
};

}  // namespace fg::audit
