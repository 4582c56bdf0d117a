#pragma once
// The registry's ledger kinds of interchange.md: `entrepreneurs` and `market_entities`.
#include <string>
#include <vector>

#include "auth/model.h"
#include "db/database.h"
#include "ledger/table.h"
#include "regions/service.h"

namespace fg::people {

struct ImportOptions {
  bool skip_invalid = false;  // write the good rows, report the bad (default: all or nothing)
};

struct ImportReport {
  std::string kind;
  std::string encoding;
  int64_t rows = 0;
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;
  bool written = false;  // false: the file was refused and nothing was written
  std::vector<ledger::RowError> errors;
  std::vector<std::string> unknown_columns;
  std::string rejects_csv;  // the bad rows with reasons, when there are any
};

const ledger::Schema& entrepreneur_schema();
const ledger::Schema& entity_schema();
const ledger::Schema* schema_for(const std::string& kind);

// Validates every row (rights and region included), then writes in one transaction. The natural
// key (id_number, credit_code) makes a second import of the same file change nothing.
Result<ImportReport> import_ledger(db::Database& db, regions::Service& regions, const auth::Actor& actor,
                                   const std::string& kind, std::string_view bytes, const std::string& filename,
                                   const ImportOptions& options);

// An XLSX template: Chinese headers (required ones marked *) and one example row.
std::string template_xlsx(const std::string& kind);

}  // namespace fg::people
