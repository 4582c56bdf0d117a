#pragma once
// The HTTP routes of the audit module (docs/api.md); registered by audit/module.cc.
#include "audit/outbox.h"
#include "db/database.h"
#include "http/router.h"

namespace fg::audit {

void register_routes(http::Router& r, db::Database& db, Outbox& outbox);

}  // namespace fg::audit
