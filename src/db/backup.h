#pragma once
#include <string>

#include "base/error.h"
#include "db/database.h"

namespace fg::db {
// SQLite: the online backup API (a consistent copy while the server runs).
// PostgreSQL: pg_dump in plain SQL, run without a shell.
Result<void> backup(Database& db, const std::string& url, const std::string& out_path);
}  // namespace fg::db
