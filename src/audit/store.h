#pragma once
#include "base/page.h"
#include <vector>

#include "audit/model.h"
#include "auth/model.h"
#include "db/database.h"
#include "ledger/import.h"

namespace fg::audit {

// Appends one entry inside the caller's transaction, so the change and its record commit together.
void record(db::Connection& c, const auth::Actor& actor, const std::string& action,
            const std::string& entity, const std::string& entity_id, const std::string& region_code,
            const nlohmann::json& before, const nlohmann::json& after);

// The entry of a ledger import (the file and its counts, placed in the importer's region), then
// the import's transaction committed: every import ends so. Returns the report, marked written.
ledger::ImportReport commit_import(db::Connection& c, db::Transaction& tx, const auth::Actor& actor,
                                   const std::string& kind, const std::string& filename, ledger::ImportReport rep);

// The same entry into the outbox of the SQLite auth state database (docs/decisions.md 31), inside
// the caller's transaction there; flush_outbox moves it to audit_log. `at` defaults to now.
void record_outbox(db::Connection& state, const auth::Actor& actor, const std::string& action,
                   const std::string& entity, const std::string& entity_id, const std::string& region_code,
                   const nlohmann::json& before, const nlohmann::json& after, const std::string& at = {});

// Copies up to `limit` of the oldest outbox entries into audit_log in one transaction of the
// records' database (an entry already there, by its outbox_id, is skipped; a login's entry also
// sets users.last_login_at if that is older). Returns the id of the last entry copied, 0 if none.
int64_t copy_outbox(db::Connection& main, db::Connection& state, int limit = 500);
// Deletes the outbox entries up to `last_id` (after copy_outbox committed them); returns how many.
int64_t delete_outbox(db::Connection& state, int64_t last_id);
// copy then delete until the outbox is empty, the statements of the records' database waiting at
// most `lock_wait_ms` for its writer lock (throws DbError::busy() past that). Returns the count.
int64_t flush_outbox(db::Database& main, db::Database& state, int lock_wait_ms);

Page<Entry> search(db::Connection& c, const Filter& f);
// The newest `limit` entries about one record (the history on a person's or an entity's page).
std::vector<Entry> history(db::Connection& c, const std::string& entity, const std::string& entity_id, int limit = 200);

}  // namespace fg::audit
