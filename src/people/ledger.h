#pragma once
// The registry's ledger kinds of interchange.md: `entrepreneurs` and `market_entities`.
#include <string>
#include <vector>

#include "auth/model.h"
#include "db/database.h"
#include "base/clock.h"
#include "ledger/import.h"
#include "ledger/table.h"
#include "regions/service.h"

namespace fg::people {

using ledger::ImportOptions;
using ledger::ImportReport;

const ledger::Schema& entrepreneur_schema();
const ledger::Schema& entity_schema();
const ledger::Schema* schema_for(const std::string& kind);

// Validates every row (rights and region included), then writes in one transaction. The natural
// key (id_number, credit_code) makes a second import of the same file change nothing.
Result<ImportReport> import_table(db::Database& db, regions::Service& regions, const auth::Actor& actor,
                                  const std::string& kind, const ledger::Table& table, const std::string& filename,
                                  const ImportOptions& options, const Clock& clock = Clock::system());


}  // namespace fg::people
