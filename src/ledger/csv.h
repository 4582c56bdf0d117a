#pragma once
// RFC 4180 CSV, as Excel writes and reads it: comma separator, fields optionally in double
// quotes, a quote inside a quoted field doubled, line breaks allowed inside quotes. Bureau
// ledgers reach 10^5–10^6 rows, so the reader is a single pass with no per-character work
// beyond a comparison.
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace fg::ledger {

// One record. `line` is the physical line (1-based) where the record starts, so the header is
// line 1 and a record after a field with an embedded line break is numbered as a text editor or
// Excel's row number would show it. The XLSX reader fills `line` with the Excel row number.
struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

// Parses UTF-8 text (see to_utf8). Line breaks are CRLF, LF or a lone CR (old Excel for Mac);
// a final line break does not start an empty record, but a blank line in the middle is a record
// with one empty cell (read_table drops such rows). Cells are not trimmed.
//
// Like Excel, and unlike a strict RFC 4180 reader, text after a closing quote is kept
// ("ab"c → abc) and a quote inside an unquoted field is literal (ab"c → ab"c): refusing a whole
// ledger over a stray quote helps nobody. The one error is a quote that is never closed, which
// would otherwise swallow the rest of the file; it names the line where the quoted field opens.
Result<std::vector<CsvRow>> parse_csv(std::string_view utf8);

}  // namespace fg::ledger
