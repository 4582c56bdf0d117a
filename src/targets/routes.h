#pragma once
// The HTTP routes of the targets module (docs/api.md); registered by targets/module.cc.
#include "targets/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::targets {

void register_routes(http::Router& r, Service& svc, regions::Service& regions);

}  // namespace fg::targets
