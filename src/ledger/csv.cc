#include "ledger/csv.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "ledger/limits.h"

namespace fg::ledger {

namespace {

// Line breaks in [b, e): LF, CRLF (once) and a lone CR. `after` is the byte following e, needed
// to tell a CR at the end of the range from half a CRLF.
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
  return make_error(ErrorKind::invalid, "csv_unterminated_quote", "",
                    "CSV格式错误：第" + l + "行开始的引号没有闭合",
                    "malformed CSV: the quote opened on line " + l + " is never closed");
}

bool ends_unquoted_field(char c) { return c == ',' || c == '\n' || c == '\r'; }

}  // namespace

Result<RowSet> parse_csv(std::string utf8) {
  // The text moves into the store before any view is taken: moving a short std::string copies
  // its bytes, which would leave views behind.
  auto store = std::make_shared<CellStore>();
  store->text = std::move(utf8);
  char* p = store->text.data();
  char* const end = p + store->text.size();
  std::vector<std::string_view>& cells = store->cells;

  // Records are about as many as line breaks; cells about that times the header's width, but
  // never more than one per byte (each field but the last ends in a separator): a wide header
  // over many short lines must not reserve their product.
  const auto line_breaks = static_cast<std::size_t>(std::count(p, end, '\n'));
  const std::size_t max_cells = store->text.size() + 1;
  std::vector<int> lines;               // per record
  std::vector<std::size_t> first_cell;  // per record, index into cells
  lines.reserve(line_breaks + 1);
  first_cell.reserve(line_breaks + 2);

  // The field's column in its record: beyond the column limit a field is dropped when blank
  // and an error otherwise (limits.h). The test is inline: this runs for every cell of a
  // million-row file.
  std::size_t column = 0;
  int record_line = 1;
  std::optional<Error> beyond;  // set when a field beyond the limit holds data
  const auto add_field = [&](const char* b, std::size_t n) {
    if (column < kMaxColumns) [[likely]] {
      cells.emplace_back(b, n);
    } else if (!beyond) {  // the first one: the record is read to its end, then refused
      if (Result<bool> keep = admit_column(record_line, column, std::string_view(b, n)); !keep) {
        beyond = keep.error();
      }
    }
    ++column;
  };

  int line = 1;
  while (p < end) {
    lines.push_back(line);
    first_cell.push_back(cells.size());
    record_line = line;
    column = 0;
    for (;;) {  // one field per iteration
      if (p < end && *p == '"') {
        const int quote_line = line;
        // Unescaping only shortens, so the cell is rewritten over its own quoted source.
        char* const cell = p;
        char* w = p;
        ++p;
        for (;;) {
          auto* q = static_cast<char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
          if (q == nullptr) return unterminated_quote(quote_line);
          line += count_line_breaks(p, q, '"');
          std::memmove(w, p, static_cast<std::size_t>(q - p));
          w += q - p;
          p = q + 1;
          if (p < end && *p == '"') {  // a doubled quote is one literal quote
            *w++ = '"';
            ++p;
            continue;
          }
          break;
        }
        // Excel keeps whatever follows the closing quote up to the separator.
        char* const rest = p;
        while (p < end && !ends_unquoted_field(*p)) ++p;
        std::memmove(w, rest, static_cast<std::size_t>(p - rest));
        w += p - rest;
        add_field(cell, static_cast<std::size_t>(w - cell));
      } else {
        char* const cell = p;
        while (p < end && !ends_unquoted_field(*p)) ++p;
        add_field(cell, static_cast<std::size_t>(p - cell));
      }
      if (p == end) break;
      if (*p == ',') {
        ++p;
        if (p == end) {  // "a,b," at the very end: the last field is empty
          add_field(p, 0);
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
    if (beyond) return *beyond;
    if (lines.size() == 1) cells.reserve(std::min((line_breaks + 1) * cells.size(), max_cells));
  }
  first_cell.push_back(cells.size());

  // The cell array is final now, so spans into it stay valid.
  RowSet set;
  set.rows.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    set.rows[i].line = lines[i];
    set.rows[i].cells = std::span<const std::string_view>(cells.data() + first_cell[i],
                                                          first_cell[i + 1] - first_cell[i]);
  }
  set.store = std::move(store);
  return set;
}

}  // namespace fg::ledger
