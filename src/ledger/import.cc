#include "ledger/import.h"

#include <algorithm>

namespace fg::ledger {

ImportReport start_report(const Schema& schema, const Table& t, const ColumnMap& cm) {
  ImportReport rep;
  rep.kind = schema.kind;
  rep.encoding = t.encoding;
  rep.unknown_columns = cm.unknown;
  rep.rows = static_cast<int64_t>(t.rows.size());
  return rep;
}

void finish_report(ImportReport& rep, const Table& t, const Schema& schema) {
  std::stable_sort(rep.errors.begin(), rep.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  int64_t rows = 0;
  int last = -1;
  for (const auto& e : rep.errors) {
    if (e.line != last) ++rows;
    last = e.line;
  }
  rep.rejected = rows;
  if (!rep.errors.empty()) rep.rejects_csv = rejects_csv(t, rep.errors, &schema);
}

}  // namespace fg::ledger
