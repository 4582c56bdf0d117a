#pragma once
// RFC 4180 CSV, as Excel writes and reads it: comma separator, fields optionally in double
// quotes, a quote inside a quoted field doubled, line breaks allowed inside quotes.
//
// Bureau ledgers reach 10^6 rows, and at that size memory is the cost: a std::string per cell
// plus a vector per row is ~400 bytes a row of eight cells and mostly page faults. So cells are
// views: all rows of a file share one CellStore (the text, with quoted fields unescaped in
// place, and one array of cell views), and a row is a line number and a span of that array —
// ~150 bytes a row and no allocation per cell or per row.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace fg::ledger {

// What the cells of a RowSet or Table point into. Immutable once built; shared so that copies
// of a table stay valid.
struct CellStore {
  std::string text;                     // cell bytes
  std::vector<std::string_view> cells;  // every row's cells, row after row, viewing `text`
};

// One record. `line` is the physical line (1-based) where the record starts, so the header is
// line 1 and a record after a field with an embedded line break is numbered as a text editor or
// Excel would show it. The XLSX reader fills `line` with the Excel row number.
// A CsvRow views its store: use it while the RowSet or Table it came from is alive.
struct CsvRow {
  int line = 0;
  std::span<const std::string_view> cells;
};

struct RowSet {
  std::vector<CsvRow> rows;
  std::shared_ptr<CellStore> store;  // read_table adjusts views (the export apostrophe) before sharing it
};

// Parses UTF-8 text (see to_utf8), taking it over to unescape quoted fields in place. Line
// breaks are CRLF, LF or a lone CR (old Excel for Mac); a final line break does not start an
// empty record, but a blank line in the middle is a record with one empty cell (read_table
// drops such rows). Cells are not trimmed.
//
// Like Excel, and unlike a strict RFC 4180 reader, text after a closing quote is kept
// ("ab"c → abc) and a quote inside an unquoted field is literal (ab"c → ab"c): refusing a whole
// ledger over a stray quote helps nobody. Errors: a quote that is never closed, which would
// otherwise swallow the rest of the file (it names the line where the quoted field opens), and a
// field holding data beyond the 256th column (limits.h; blank fields there are dropped), which
// names the line and column. Memory is linear in the text whatever the header's width: at
// most one cell view per byte.
Result<RowSet> parse_csv(std::string utf8);

}  // namespace fg::ledger
