#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace fg::db {

// Applies the numbered migrations (src/db/migrations/NNNN_name.sql, compiled in) that the
// database has not seen yet, each in its own transaction, in order. Returns the names applied.
// Dialect differences are spelled as tokens in the SQL: {{pk}} (auto-increment integer key),
// {{bigint}}, {{blob}}; what differs more (triggers) goes in sections that a line "-- @sqlite" or
// "-- @postgresql" opens and "-- @both" closes.
// `set` names another schema: "authstate" applies authstate_NNNN_*.sql (the SQLite auth state
// database, docs/decisions.md 31), each database keeping its own schema_migrations.
std::vector<std::string> migrate(Database& db, std::string_view set = {});
inline constexpr std::string_view kAuthStateSet = "authstate";

std::string render_migration(std::string_view sql, Dialect dialect);

}  // namespace fg::db
