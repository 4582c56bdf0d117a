#pragma once
// The HTTP routes of the loans module (docs/api.md); registered by loans/module.cc.
#include "http/router.h"
#include "loans/claims.h"
#include "loans/servicing.h"
#include "loans/workflow.h"
#include "regions/service.h"

namespace fg::loans {

void register_routes(http::Router& r, Applications& apps, Servicing& book, Claims& claims, regions::Service& regions);

}  // namespace fg::loans
