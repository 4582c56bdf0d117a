// XLSX ledgers as uploaded: the whole file, zip container included (minizip through the reader's
// in-memory callbacks, the 512 MiB part limit, CRC checks), through read_table for a file named
// .xlsx. Mutations inside compressed data mostly fail the CRC, so the XML handling is fuzzed by
// xlsx_parts_fuzz, which builds a valid zip around its input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check.h"
#include "ledger/table.h"
#include "ledger/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fg;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<ledger::Table> table = ledger::read_table(bytes, "upload.xlsx");
  if (!table) {
    fuzz::check_error(table.error());
    return 0;
  }
  FG_FUZZ_CHECK(table->encoding == "xlsx");
  fuzz::check_table(*table, /*padded=*/true);
  fuzz::check_rejects_round_trip(*table);
  return 0;
}
