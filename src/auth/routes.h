#pragma once
// The HTTP routes of the auth module (docs/api.md); registered by auth/module.cc.
#include <functional>
#include <string>
#include <vector>

#include "auth/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::auth {

// The menu entries a role may open (app/module.h menu_for), for GET /me.
using MenuOf = std::function<std::vector<std::string>(Role)>;
void register_routes(http::Router& r, Service& svc, regions::Service& regions, bool secure, MenuOf menu_of);

}  // namespace fg::auth
