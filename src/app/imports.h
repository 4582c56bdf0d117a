#pragma once
// Ledger import across modules: one entry point for the command line and the upload endpoint,
// routing each kind of interchange.md to the module that owns it.
#include <string>
#include <string_view>
#include <vector>

#include "app/module.h"
#include "ledger/import.h"

namespace fg::app {

const std::vector<std::string>& import_kinds();
const ledger::Schema* import_schema(const std::string& kind);
// Whether the actor may import this kind (docs/api.md "Ledger imports"): 404 unknown_kind, 403 when
// the role may not. The module's import checks again, row by row for the region.
Result<void> may_import(const auth::Actor& actor, const std::string& kind);

Result<ledger::ImportReport> import_ledger(Kernel& kernel, const auth::Actor& actor, const std::string& kind,
                                           std::string_view bytes, const std::string& filename,
                                           const ledger::ImportOptions& options);

// The same with the file already read into a table (the command line reads it itself, to show
// its progress).
Result<ledger::ImportReport> import_table(Kernel& kernel, const auth::Actor& actor, const std::string& kind,
                                          const ledger::Table& table, const std::string& filename,
                                          const ledger::ImportOptions& options);
// An XLSX template: Chinese headers (required ones marked *) and one example row.
std::string import_template(const std::string& kind);


}  // namespace fg::app
