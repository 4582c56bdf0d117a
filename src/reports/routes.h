#pragma once
// The HTTP routes of the reports module (docs/api.md); registered by reports/module.cc.
#include "base/clock.h"
#include "db/database.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::reports {

void register_routes(http::Router& r, db::Database& db, regions::Service& regions, const Clock& clock);

}  // namespace fg::reports
