// The regions module: the administrative tree (区划) every record is placed in.
#include "app/module.h"
#include "regions/routes.h"

namespace fg::regions {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"regions", 90, auth::Permission::regions_browse}};
constexpr app::AuditCode kAuditEntities[] = {{"region", "区划", "Region"}};
constexpr app::AuditCode kAuditActions[] = {{"create", "新增", "Create"}, {"update", "修改", "Update"}};
}  // namespace

extern const app::Module kModule{
    .name = "regions",
    .build = [](app::Kernel& k) { k.make<Service>(k.db()).seed_if_empty(); },
    .routes = [](http::Router& r, app::Kernel& k) { register_routes(r, k.get<Service>()); },
    .menu = kMenuEntries,
    .audit_entities = kAuditEntities,
    .audit_actions = kAuditActions,
};

}  // namespace fg::regions
