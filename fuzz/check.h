#pragma once
// What every fuzz target checks beyond "no crash, no sanitizer report": the contracts the rest of
// Fenggui relies on. A broken contract aborts, so libFuzzer saves the input as a crash.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/text.h"
#include "ledger/limits.h"
#include "ledger/table.h"

#define FG_FUZZ_CHECK(cond)                                                             \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

namespace fg::fuzz {

// An error is a value with a code and a message in both languages that is valid UTF-8: it goes
// into JSON responses and rejects files.
inline void check_error(const Error& e) {
  FG_FUZZ_CHECK(!e.code.empty());
  FG_FUZZ_CHECK(!e.zh.empty() && !e.en.empty());
  FG_FUZZ_CHECK(is_valid_utf8(e.zh) && is_valid_utf8(e.en) && is_valid_utf8(e.field));
}

// Rows of a reader: every cell views the store's text (or is empty), is valid UTF-8 (text is
// UTF-8 everywhere after the reader, text.h), rows are at most kMaxColumns wide, and the cell
// slots are bounded by what the file holds (limits.h).
inline void check_rows(const std::vector<ledger::CsvRow>& rows, const ledger::CellStore* store,
                       bool padded) {
  std::size_t slots = 0;
  std::size_t filled = 0;
  for (const ledger::CsvRow& row : rows) {
    FG_FUZZ_CHECK(row.line >= 1);
    FG_FUZZ_CHECK(row.cells.size() <= ledger::kMaxColumns);
    slots += row.cells.size();
    for (std::string_view cell : row.cells) {
      if (cell.empty()) continue;
      ++filled;
      FG_FUZZ_CHECK(store != nullptr);
      FG_FUZZ_CHECK(cell.data() >= store->text.data() &&
                    cell.data() + cell.size() <= store->text.data() + store->text.size());
      FG_FUZZ_CHECK(is_valid_utf8(cell));
    }
  }
  if (padded) {
    FG_FUZZ_CHECK(slots <= (1 + ledger::kPaddingPerCell) * filled + ledger::kPaddingAllowance);
  } else {
    // A CSV field costs at least its separator.
    FG_FUZZ_CHECK(slots <= (store != nullptr ? store->text.size() : 0) + 1);
  }
}

}  // namespace fg::fuzz

namespace fg::fuzz {

// A table read from a file, written out as the rejects file of --skip-invalid with every row
// rejected, reads back as the same header and rows (interchange.md: "fixing the rows and
// importing the file again works"). Cells are compared trimmed, as every cell parser trims:
// the rejects file may prefix a long number with a tab so that Excel keeps its digits. The
// three columns the rejects file adds must fit the column limit.
inline void check_rejects_round_trip(const ledger::Table& t) {
  std::size_t width = t.header.size();
  for (const ledger::CsvRow& row : t.rows) width = std::max(width, row.cells.size());
  if (width + 3 > ledger::kMaxColumns) return;
  std::vector<ledger::RowError> errors;
  for (const ledger::CsvRow& row : t.rows) errors.push_back({row.line, "", "坏", "bad"});
  const std::string rejects = ledger::rejects_csv(t, errors);
  Result<ledger::Table> back = ledger::read_table(rejects, "rejects.csv");
  FG_FUZZ_CHECK(back.ok());
  FG_FUZZ_CHECK(back->encoding == "utf-8-bom");
  FG_FUZZ_CHECK(back->header.size() == width + 3);
  for (std::size_t i = 0; i < width; ++i) {
    FG_FUZZ_CHECK(back->header[i] == (i < t.header.size() ? t.header[i] : std::string()));
  }
  FG_FUZZ_CHECK(back->rows.size() == t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& a = t.rows[r].cells;
    const auto& b = back->rows[r].cells;
    FG_FUZZ_CHECK(b.size() == width + 3);
    for (std::size_t i = 0; i < width; ++i) {
      FG_FUZZ_CHECK(trim(b[i]) == (i < a.size() ? trim(a[i]) : std::string()));
    }
    FG_FUZZ_CHECK(b[width] == std::to_string(t.rows[r].line));
  }
}

// A table as read_table returns it: the header is the first non-blank row, trimmed; no data row
// is blank.
inline void check_table(const ledger::Table& t, bool padded) {
  FG_FUZZ_CHECK(t.store != nullptr);
  FG_FUZZ_CHECK(t.header_line >= 1);
  FG_FUZZ_CHECK(!t.header.empty());
  FG_FUZZ_CHECK(std::any_of(t.header.begin(), t.header.end(),
                            [](const std::string& h) { return !ledger::is_blank(h); }));
  for (const std::string& h : t.header) FG_FUZZ_CHECK(h == trim(h) && is_valid_utf8(h));
  for (const ledger::CsvRow& row : t.rows) {
    FG_FUZZ_CHECK(!std::all_of(row.cells.begin(), row.cells.end(), ledger::is_blank));
  }
  check_rows(t.rows, t.store.get(), padded);
}

}  // namespace fg::fuzz
