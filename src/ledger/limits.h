#pragma once
// What a ledger file may hold, applied by both readers where they place a cell, so that what a
// reader builds in memory is bounded by what the file holds and an upload cannot make the server
// allocate far more than its own size.
//
// Cells are 16-byte views (csv.h), so the cost of a RowSet is its number of cell slots. A CSV
// slot always costs at least one byte of input (its separator); an XLSX row, though, is padded
// to the column of its last filled cell (cells Excel leaves out come out as ""), so one short
// <c r="XFD8"> made 16,384 slots. Two limits bound that:
//   - a ledger has at most kMaxColumns columns;
//   - padding: the empty slots a reader adds between filled cells are at most kPaddingPerCell
//     per filled cell plus kPaddingAllowance in all, so slots ≤ 17 × filled cells + 2^20.
// Both are errors naming where the file breaks them (docs/api.md: a file that cannot be read is
// a 422 naming the problem).
#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"

namespace fg::ledger {

// At most 256 columns (A to IV). Every import kind of docs/interchange.md has at most 10
// columns and the rejects file adds 3; 256 was the width of every Excel sheet before Excel 2007
// (.xls, BIFF8), so any ledger kept in Excel 97–2003 fits, with room for the columns staff add
// for their own notes. A cell beyond the limit that holds anything but blanks is an error
// naming the cell; a blank one is dropped, since a CSV saved from a sheet whose used range runs
// wide has a trail of empty fields on every line, and XLSX writers keep styled empty cells.
inline constexpr std::size_t kMaxColumns = 256;

// The padding budget (see above). 16 per filled cell is far more than a real ledger needs (a
// row with only its first and tenth column filled pads 8 per 2 filled cells); the allowance
// of 2^20 slots (16 MiB of views) lets any small sheet be as sparse as the column limit allows.
inline constexpr std::size_t kPaddingPerCell = 16;
inline constexpr std::size_t kPaddingAllowance = std::size_t{1} << 20;

// Column letters of a 0-based column index, as in a cell reference (ECMA-376 Part 1, 18.3.1.4):
// 0 → "A", 25 → "Z", 26 → "AA", 255 → "IV", 16383 → "XFD".
std::string column_letters(std::size_t index);

// Whether a cell at 0-based `column` of the row on `line` is kept: true within kMaxColumns;
// false beyond it when the cell is blank (the reader drops it); an error naming the cell and
// the limit when it holds data.
Result<bool> admit_column(int line, std::size_t column, std::string_view text);

// Counts the padding of the rows a reader builds against the budget.
class PaddingBudget {
 public:
  // A row of `width` slots, `filled` of which hold text, read from `line`. An error naming the
  // line once the padding so far exceeds the budget.
  Result<void> add_row(int line, std::size_t width, std::size_t filled);

 private:
  std::size_t filled_ = 0;
  std::size_t padding_ = 0;
};

}  // namespace fg::ledger
