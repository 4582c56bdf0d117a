// The regions module: the administrative tree (区划) every record is placed in.
#include "app/module.h"
#include "regions/routes.h"

namespace fg::regions {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"regions", 90, auth::Permission::regions_browse}};
constexpr app::AuditCode kAuditEntities[] = {{"region", "区划", "Region"}};
}  // namespace

extern const app::Module kModule{
    .name = "regions",
    .build = [](app::Kernel& k) { k.make<Service>(k.db()).seed_if_empty(); },
    .routes = app::routes_with<register_routes, Service>,
    .menu = kMenuEntries,
    .audit_entities = kAuditEntities,
};

}  // namespace fg::regions
