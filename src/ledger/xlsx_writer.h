#pragma once
// Writes one-sheet XLSX workbooks (exports, templates, score sheets) with libxlsxwriter.
#include <string>
#include <variant>
#include <vector>

namespace fg::ledger {

using Cell = std::variant<std::monostate, std::string, int64_t, double>;

// The media type of an .xlsx file (ECMA-376), for downloads.
inline constexpr const char* kXlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

struct Sheet {
  std::string name;                       // sheet tab, e.g. "用户"
  std::vector<std::string> headers;       // first row, bold, frozen
  std::vector<std::vector<Cell>> rows;
  std::vector<double> widths;             // optional column widths in characters
};

// Returns the .xlsx file's bytes. Throws std::runtime_error if libxlsxwriter fails.
std::string write_xlsx(const Sheet& sheet);
std::string write_xlsx(const std::vector<Sheet>& sheets);

}  // namespace fg::ledger
