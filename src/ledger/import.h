#pragma once
// What every ledger kind's import returns, and the dispatcher that routes a kind to its module.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "ledger/table.h"

namespace fg::ledger {

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
  std::vector<RowError> errors;
  std::vector<std::string> unknown_columns;
  std::string rejects_csv;  // the bad rows with reasons, when there are any
};

// The report an import of `t` against `schema` starts from: its kind, encoding, row count and the
// header's columns the schema does not know.
ImportReport start_report(const Schema& schema, const Table& t, const ColumnMap& cm);
// Sorts the errors by line, counts the rejected rows and renders the rejects file.
void finish_report(ImportReport& rep, const Table& t, const Schema& schema);

}  // namespace fg::ledger
