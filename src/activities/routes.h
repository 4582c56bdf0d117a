#pragma once
// The HTTP routes of the activities module (docs/api.md); registered by activities/module.cc.
#include "activities/service.h"
#include "regions/service.h"
#include "http/router.h"

namespace fg::activities {

void register_routes(http::Router& r, Service& svc, regions::Service& regions);
// The person's training, mentoring and support records, for the person's page (people::Section).
nlohmann::json person_section(Service& svc, const auth::Actor& actor, const std::string& id_number);

}  // namespace fg::activities
