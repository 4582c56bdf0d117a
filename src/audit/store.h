#pragma once
#include <vector>

#include "audit/model.h"
#include "auth/model.h"
#include "db/database.h"

namespace fg::audit {

// Appends one entry inside the caller's transaction, so the change and its record commit together.
void record(db::Connection& c, const auth::Actor& actor, const std::string& action,
            const std::string& entity, const std::string& entity_id, const std::string& region_code,
            const nlohmann::json& before, const nlohmann::json& after);

struct Page {
  std::vector<Entry> items;
  int64_t total = 0;
};
Page search(db::Connection& c, const Filter& f);

}  // namespace fg::audit
