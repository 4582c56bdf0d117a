#pragma once
// The HTTP routes of the competitions module (docs/api.md); registered by competitions/module.cc.
#include "competitions/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::competitions {

void register_routes(http::Router& r, Contests& contests, Registration& registration, Judging& judging,
                     Awards& awards, regions::Service& regions);

}  // namespace fg::competitions
