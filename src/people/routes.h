#pragma once
// The HTTP routes of the people module (docs/api.md); registered by people/module.cc.
#include "people/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::people {

void register_routes(http::Router& r, Service& svc, regions::Service& regions);

}  // namespace fg::people
