// The reports module: the progress report (进度报表), dashboard and trends, read off the kept totals.
#include "app/module.h"
#include "reports/routes.h"

namespace fg::reports {
namespace {
constexpr app::MenuEntry kMenuEntries[] = {{"dashboard", 10, auth::Permission::reports_read}};
}  // namespace

extern const app::Module kModule{
    .name = "reports",
    .routes = [](http::Router& r, app::Kernel& k) { register_routes(r, k.db(), k.get<regions::Service>(), k.clock()); },
    .menu = kMenuEntries,
};

}  // namespace fg::reports
