#include "ledger/csv.h"

#include <algorithm>
#include <cstring>

namespace fg::ledger {

namespace {

// Line breaks in [b, e): LF, CRLF (once) and a lone CR. `after` is the byte following e (or
// '\0' at the end of the input), needed to tell a CR at the end of the range from half a CRLF.
int count_line_breaks(const char* b, const char* e, char after) {
  int n = 0;
  for (const char* p = b; p < e; ++p) {
    if (*p == '\n') {
      ++n;
    } else if (*p == '\r') {
      const char next = p + 1 < e ? p[1] : after;
      if (next != '\n') ++n;
    }
  }
  return n;
}

Error unterminated_quote(int line) {
  const std::string l = std::to_string(line);
  return make_error(ErrorKind::bad_request, "csv_unterminated_quote", "",
                    "CSV格式错误：第" + l + "行开始的引号没有闭合",
                    "malformed CSV: the quote opened on line " + l + " is never closed");
}

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view utf8) {
  const char* p = utf8.data();
  const char* const end = p + utf8.size();
  std::vector<CsvRow> rows;
  // One allocation for the row array: records are about as many as line breaks.
  rows.reserve(static_cast<std::size_t>(std::count(p, end, '\n')) + 1);
  std::size_t width = 8;  // cells of the previous record, to reserve for the next
  int line = 1;
  while (p < end) {
    CsvRow& row = rows.emplace_back();
    row.line = line;
    row.cells.reserve(width);
    for (;;) {  // one field per iteration
      if (p < end && *p == '"') {
        const int quote_line = line;
        ++p;
        std::string& cell = row.cells.emplace_back();
        for (;;) {
          const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
          if (q == nullptr) return unterminated_quote(quote_line);
          line += count_line_breaks(p, q, '"');
          cell.append(p, q);
          p = q + 1;
          if (p < end && *p == '"') {  // a doubled quote is one literal quote
            cell.push_back('"');
            ++p;
            continue;
          }
          break;
        }
        // Excel keeps whatever follows the closing quote up to the separator.
        const char* s = p;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
        cell.append(s, p);
      } else {
        const char* s = p;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
        row.cells.emplace_back(s, p);
      }
      if (p == end) break;
      if (*p == ',') {
        ++p;
        if (p == end) {  // "a,b," at the very end: the last field is empty
          row.cells.emplace_back();
          break;
        }
        continue;
      }
      // Line break: CRLF, LF or a lone CR ends the record.
      if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
      ++p;
      ++line;
      break;
    }
    width = std::max(width, row.cells.size());
  }
  return rows;
}

}  // namespace fg::ledger
