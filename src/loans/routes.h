#pragma once
// The HTTP routes of the loans module (docs/api.md); registered by loans/module.cc.
#include "loans/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::loans {

void register_routes(http::Router& r, Service& svc, regions::Service& regions);

}  // namespace fg::loans
