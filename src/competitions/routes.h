#pragma once
// The HTTP routes of the competitions module (docs/api.md); registered by competitions/module.cc.
#include "competitions/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::competitions {

void register_routes(http::Router& r, Service& svc, regions::Service& regions);

}  // namespace fg::competitions
