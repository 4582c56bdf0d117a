// The SpreadsheetML side of the XLSX reader (ECMA-376 Part 1): the input is up to five XML parts
// separated by NUL bytes — the worksheet, the shared strings, the styles, the workbook and the
// workbook's relationships — which the target stores in a valid zip (stored_zip.h) for
// read_table. NUL cannot occur in XML 1.0, so the separator costs no coverage.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check.h"
#include "ledger/table.h"
#include "stored_zip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fg;
  static const char* const kParts[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                       "xl/styles.xml", "xl/workbook.xml",
                                       "xl/_rels/workbook.xml.rels"};
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string_view>> entries;
  for (const char* name : kParts) {
    const std::size_t nul = rest.find('\0');
    const std::string_view part = rest.substr(0, nul);
    if (!part.empty()) entries.emplace_back(name, part);
    if (nul == std::string_view::npos) break;
    rest.remove_prefix(nul + 1);
  }
  const std::string zip = fuzz::stored_zip(entries);

  Result<ledger::Table> table = ledger::read_table(zip, "upload.xlsx");
  if (!table) {
    fuzz::check_error(table.error());
    return 0;
  }
  fuzz::check_table(*table, /*padded=*/true);
  for (const ledger::CsvRow& row : table->rows) {
    FG_FUZZ_CHECK(row.line <= 1048576);  // Excel's last row (ECMA-376 Part 1, 18.3.1.73)
    FG_FUZZ_CHECK(!row.cells.back().empty());  // trailing empty cells are not padded
  }
  fuzz::check_rejects_round_trip(*table);
  return 0;
}
