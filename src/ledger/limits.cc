#include "ledger/limits.h"

#include <algorithm>

#include "ledger/table.h"

namespace fg::ledger {

std::string column_letters(std::size_t index) {
  // Bijective base 26: A–Z, then AA–ZZ, then AAA–XFD.
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.push_back(static_cast<char>('A' + (n - 1) % 26));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<bool> admit_column(int line, std::size_t column, std::string_view text) {
  if (column < kMaxColumns) return true;
  if (is_blank(text)) return false;
  const std::string l = std::to_string(line);
  const std::string n = std::to_string(column + 1);
  const std::string cell = column_letters(column) + l;
  const std::string max = std::to_string(kMaxColumns);
  const std::string last = column_letters(kMaxColumns - 1);
  return make_error(ErrorKind::invalid, "too_many_columns", "",
                    "第" + l + "行第" + n + "列（单元格" + cell + "）有内容，超出列数上限：台账最多" +
                        max + "列（A–" + last + "列）；请删除多余的列后再导入",
                    "line " + l + ", column " + n + " (cell " + cell +
                        ") holds data beyond the column limit: a ledger has at most " + max +
                        " columns (A to " + last + "); delete the extra columns and import again");
}

Result<void> PaddingBudget::add_row(int line, std::size_t width, std::size_t filled) {
  filled_ += filled;
  padding_ += width - filled;
  if (padding_ <= kPaddingPerCell * filled_ + kPaddingAllowance) return {};
  const std::string l = std::to_string(line);
  const std::string per = std::to_string(kPaddingPerCell);
  const std::string allowance = std::to_string(kPaddingAllowance);
  return make_error(ErrorKind::invalid, "too_sparse", "",
                    "工作表过于稀疏：读到第" + l +
                        "行时，为对齐各列而补出的空单元格已超过上限（每个有内容的单元格" + per +
                        "个，另加" + allowance + "个）；请删除表中零散的单元格和多余的列后再导入",
                    "the sheet is too sparse: by line " + l +
                        " the empty cells needed to line up its columns exceed the limit (" + per +
                        " per filled cell plus " + allowance +
                        "); delete stray cells and unused columns and import again");
}

}  // namespace fg::ledger
