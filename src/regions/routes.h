#pragma once
// The HTTP routes of the regions module (docs/api.md); registered by regions/module.cc.
#include "regions/service.h"
#include "http/router.h"

namespace fg::regions {

// A region as other records name it in the API: {"code", "name"} ("" when the tree has no such code).
http::Json ref_json(const Tree& t, const std::string& code);

void register_routes(http::Router& r, Service& svc);

}  // namespace fg::regions
