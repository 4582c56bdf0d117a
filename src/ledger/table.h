#pragma once
// The file-level entry point of imports: bytes of a CSV or XLSX ledger → header and rows, the
// header mapped onto a module's column schema, typed cell parsers, and the rejects file of
// `import --skip-invalid`. The contract these implement is docs/interchange.md.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/error.h"
#include "ledger/csv.h"

namespace fg::ledger {

struct Table {
  std::string encoding;              // "utf-8", "utf-8-bom", "gb18030" or "xlsx"
  int header_line = 1;               // line of the header (a file may start with blank lines)
  std::vector<std::string> header;   // trimmed
  std::vector<CsvRow> rows;          // data rows, cells as in the file; blank rows dropped
  std::shared_ptr<const CellStore> store;  // what the rows' cells view; copies share it
};

// XLSX when the bytes are a zip ("PK\3\4") or the name ends in .xlsx, CSV otherwise (encoding
// detected by to_utf8). The header is the first row that is not blank. Errors: an unreadable
// file, an old binary .xls, a file with no header, a cell holding a character no stored text may
// hold (base/text.h find_unsafe_char; the error names line and column). A cell that starts with
// the apostrophe our CSV exports put before a formula-like text ("'=2+5") is read without it.
Result<Table> read_table(std::string_view bytes, std::string_view filename_hint);

// True when the cell holds only blanks (those fg::trim removes).
bool is_blank(std::string_view cell);

// ---------------------------------------------------------------------------------------------
// Column schemas

struct Column {
  std::string key;        // English key, e.g. "id_number"
  std::string zh;         // Chinese name, e.g. "身份证号"
  bool required = false;  // the column must be present (its cells are checked by the module)
};

struct Schema {
  std::string kind;  // import kind, e.g. "entrepreneurs"
  std::vector<Column> columns;
};

// Where each schema column is in the file.
struct ColumnMap {
  std::vector<int> index;             // per schema column, in schema order: row index or -1
  std::vector<std::string> unknown;   // header text of columns the schema does not know

  // The cell of schema column `column` in `row`; "" when the column is absent or the row short.
  std::string_view cell(const CsvRow& row, std::size_t column) const {
    const int i = index[column];
    return i >= 0 && static_cast<std::size_t>(i) < row.cells.size()
               ? row.cells[static_cast<std::size_t>(i)]
               : std::string_view();
  }
  bool has(std::size_t column) const { return index[column] >= 0; }
};

// Maps a header onto a schema. A header cell names a column by its key (any case) or its
// Chinese name; a Chinese name may carry the required marks templates use ("姓名*", "姓名＊",
// "姓名（必填）"), and full-width and ASCII parentheses are the same ("贷款金额（元）" =
// "贷款金额(元)"). Columns may come in any order. Empty header cells are ignored. Errors: a
// required column missing (all of them listed; the field is the first one's key), a column
// named twice.
Result<ColumnMap> map_header(const Schema& schema, const std::vector<std::string>& header);

// ---------------------------------------------------------------------------------------------
// Row errors and the rejects file

struct RowError {
  int line = 0;        // CsvRow::line
  std::string column;  // schema key, or empty when the row as a whole is at fault
  std::string zh;
  std::string en;
};

// One RFC 4180 field of a CSV file Excel opens as it was written: quoted when it must be; a cell
// a spreadsheet would run as a formula (= + - @ tab CR, base/text.h starts_formula) gets Excel's
// text apostrophe, which read_table takes off again; a cell of 12 or more digits (an ID number
// missing its check letter, a loan number) gets a leading tab, because Excel would otherwise show
// 4.10523E+17 and, once saved, keep only 15 digits (the tab is a blank the cell parsers trim).
void append_csv_field(std::string& out, std::string_view cell);

// The rejects file of --skip-invalid: UTF-8 with a BOM and CRLF line ends (so Excel opens it
// right), the original header and the bad rows as they were, plus 错误行号 (line in the original
// file), 错误列 and 错误原因; a row with several errors gets one line, its columns and reasons
// joined with "；". Rows come in file order. With a schema, 错误列 shows the Chinese names.
// Fixing the rows and importing the file again works: the three extra columns are unknown
// columns, reported but harmless.
std::string rejects_csv(const Table& table, const std::vector<RowError>& errors,
                        const Schema* schema = nullptr);

// ---------------------------------------------------------------------------------------------
// Typed cell parsers. Each trims the cell first; errors have the field set to `key` and quote
// the cell. Optional columns: test is_blank() before calling.

// Trimmed text; empty is an error.
Result<std::string> parse_required_text(std::string_view cell, std::string_view key);

// YYYY-MM-DD (also what the XLSX reader makes of date cells), YYYY/MM/DD, YYYY年M月D日; a
// trailing time of day ("2021/8/31 0:00", as Excel's CSV export writes date-time cells) is
// ignored.
Result<Date> parse_date_cell(std::string_view cell, std::string_view key);

// A non-negative integer up to 18 digits. Thousands separators ("1,234", from a formatted Excel
// column saved as CSV) and an all-zero fraction ("50000.00", money columns) are accepted.
Result<int64_t> parse_nonneg_int(std::string_view cell, std::string_view key);

// One of an enumeration, given as {key, Chinese label} pairs: the key (any case) or the label.
// Returns the key.
Result<std::string> parse_enum(std::string_view cell, std::string_view key,
                               const std::vector<std::pair<std::string, std::string>>& key_label);

// yes/no, y/n, true/false (any case), 是/否, 1/0.
Result<bool> parse_yes_no(std::string_view cell, std::string_view key);

}  // namespace fg::ledger
