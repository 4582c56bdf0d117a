#pragma once
// Reads the first worksheet of an .xlsx workbook (ECMA-376 / ISO/IEC 29500 SpreadsheetML) into
// the same rows the CSV reader produces, so everything after reading is one code path.
//
// Memory follows the cells, not the file: each part is inflated in 64 KiB chunks straight into a
// streaming XML parser (expat) and no tree is built, so neither the inflated XML (deflate
// expands up to 1032 times) nor a node per element (7 to 16 bytes per byte of XML in a DOM) is
// ever held; what stays is the cells' text and 32 bytes per cell slot while reading, 16 after.
// Reading a 300,000-row sheet (98 MB of XML, 7 MB zipped) peaks at 118 MB of resident memory,
// the file included, against 842 MB for the DOM this replaced (docs/security-fuzzing.md).
#include <string_view>

#include "base/error.h"
#include "ledger/csv.h"

namespace fg::ledger {

// `bytes` is the whole .xlsx file. The first sheet is the first <sheet> of xl/workbook.xml (the
// leftmost tab) resolved through xl/_rels/workbook.xml.rels; xl/worksheets/sheet1.xml when the
// workbook does not say.
//
// Each row's `line` is its Excel row number and each cell sits at its column (cell reference
// r="C5" → index 2), so empty cells Excel leaves out still come out as "". Cell text:
//   - shared and inline strings as written (rich-text runs concatenated, phonetic guides
//     dropped, Excel's _xHHHH_ escapes decoded): an ID number stored as text stays exact;
//   - numbers formatted as dates (built-in formats 14–17, 22, the zh-CN built-ins 27–31, 36,
//     50–54, 57, 58, and custom formats with y, d or a month m) → "YYYY-MM-DD", the day of
//     the serial, in the 1900 or 1904 date system the workbook declares;
//   - other numbers: integers below 2^53 without a decimal point ("3", not "3.0"); anything
//     else with 15 significant digits as Excel shows it (an 18-digit ID typed as a number has
//     lost its last digits already and reads "4.10523199001011E+17", which validation refuses);
//   - booleans "TRUE"/"FALSE", error values as written ("#N/A"), formula results as cached.
// Trailing empty cells of a row are not padded.
//
// Errors: not a zip, no worksheet, malformed XML (a document type declaration included, ECMA-376
// Part 2 M1.18, and elements nested deeper than 256), a part that is not UTF-8, a cell whose text
// is not UTF-8 or holds NUL, a part over 512 MiB uncompressed (a zip bomb or not a ledger), a
// row number beyond Excel's 1,048,576, and the ledger limits of limits.h: a cell holding data
// beyond column IV (the 256th), and a sheet so sparse that lining up its columns would pad more
// than 16 empty cells per filled one plus 2^20. So the rows take at most 17 cell views per
// filled cell plus a constant, however far right a stray cell sits.
Result<RowSet> read_xlsx(std::string_view bytes);

}  // namespace fg::ledger
