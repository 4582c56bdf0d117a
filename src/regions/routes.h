#pragma once
// The HTTP routes of the regions module (docs/api.md); registered by regions/module.cc.
#include "regions/service.h"
#include "auth/service.h"
#include "http/router.h"

namespace fg::regions {

void register_routes(http::Router& r, Service& svc, auth::Service& auth);

}  // namespace fg::regions
