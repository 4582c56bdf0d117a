// CSV ledgers as an upload reaches them: encoding detection (to_utf8: UTF-8, UTF-8 with a BOM,
// GB18030), the RFC 4180 reader, and read_table for a file named .csv, with the contracts of
// check.h on every result.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "ledger/csv.h"
#include "ledger/encoding.h"
#include "ledger/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fg;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  std::string encoding;
  Result<std::string> text = ledger::to_utf8(bytes, &encoding);
  if (!text) {
    fuzz::check_error(text.error());
  } else {
    FG_FUZZ_CHECK(encoding == "utf-8" || encoding == "utf-8-bom" || encoding == "gb18030");
    FG_FUZZ_CHECK(is_valid_utf8(*text));
    FG_FUZZ_CHECK(encoding != "utf-8" || *text == bytes);  // UTF-8 is taken as it is
    Result<ledger::RowSet> set = ledger::parse_csv(*text);
    if (!set) {
      fuzz::check_error(set.error());
    } else {
      fuzz::check_rows(set->rows, set->store.get(), /*padded=*/false);
      for (std::size_t i = 1; i < set->rows.size(); ++i) {
        FG_FUZZ_CHECK(set->rows[i].line > set->rows[i - 1].line);
      }
    }
  }

  Result<ledger::Table> table = ledger::read_table(bytes, "upload.csv");
  if (!table) {
    fuzz::check_error(table.error());
  } else {
    // A zip is read as XLSX whatever its name; its rows are padded by column.
    const bool xlsx = table->encoding == "xlsx";
    fuzz::check_table(*table, xlsx);
    if (!xlsx) fuzz::check_rejects_round_trip(*table);
  }
  return 0;
}
