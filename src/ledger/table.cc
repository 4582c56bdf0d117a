#include "ledger/table.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>

#include "base/text.h"
#include "ledger/encoding.h"
#include "ledger/xlsx_reader.h"

namespace fg::ledger {

namespace {

// The compound-file signature of Excel 97–2003 .xls (and of password-protected .xlsx, which
// Excel wraps the same way).
constexpr std::string_view kOleSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// A header cell or schema name reduced to what identifies the column: trimmed, ASCII letters
// lowercased, full-width parentheses made ASCII, required marks ("*", "＊", "(必填)") removed
// from either end.
std::string column_name_key(std::string_view text) {
  std::string s = trim(text);
  replace_all(s, "（", "(");
  replace_all(s, "）", ")");
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view mark : {"*", "＊", "(必填)"}) {
      if (s.ends_with(mark)) {
        s = trim(std::string_view(s).substr(0, s.size() - mark.size()));
        changed = true;
      }
      if (s.starts_with(mark)) {
        s = trim(std::string_view(s).substr(mark.size()));
        changed = true;
      }
    }
  }
  return to_lower_ascii(s);
}

std::string column_label(const Column& c) { return c.zh + "（" + c.key + "）"; }

}  // namespace

void append_csv_field(std::string& out, std::string_view cell) {
  const bool long_number =
      cell.size() >= 12 && std::all_of(cell.begin(), cell.end(), [](char c) {
        return c >= '0' && c <= '9';
      });
  // A cell a spreadsheet would run as a formula gets the apostrophe Excel itself uses to mark
  // text; read_table takes it off again, so a rejects file imports as it is once fixed.
  const bool formula = starts_formula(cell) || starts_escaped_formula(cell);
  const bool quote = formula || cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    if (long_number) out.push_back('\t');
    out.append(cell);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

void append_csv_line(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, cells[i]);
  }
  out.append("\r\n");
}

Error empty_cell(std::string_view key) {
  return invalid_field(std::string(key), "不能为空", "must not be empty");
}

// Digits only, at least one.
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Refuses a file holding a character no stored text may hold (find_unsafe_char), naming the
// first such cell, and takes off the apostrophe append_csv_field puts before a formula-like cell.
Result<void> check_and_unescape(RowSet& set) {
  if (find_unsafe_char(set.store->text) != std::string::npos) {
    for (const CsvRow& row : set.rows) {
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const std::size_t at = find_unsafe_char(row.cells[c]);
        if (at == std::string::npos) continue;
        const std::string where = std::to_string(row.line);
        const std::string col = std::to_string(c + 1);
        const std::string ch = describe_char_at(row.cells[c], at);
        return make_error(ErrorKind::invalid, "bad_character", "",
                          "第" + where + "行第" + col + "列含有不能保存的字符（" + ch + "），请删除后重新导入",
                          "line " + where + ", column " + col + " holds a character that cannot be stored (" + ch +
                              "); remove it and import again");
      }
    }
  }
  for (std::string_view& cell : set.store->cells) {
    if (starts_escaped_formula(cell)) cell.remove_prefix(1);
  }
  return {};
}

}  // namespace

bool is_blank(std::string_view cell) {
  // fg::trim(cell).empty() without allocating: this runs on every cell of a million-row file.
  while (!cell.empty()) {
    if (ascii_space(cell.front())) {
      cell.remove_prefix(1);
    } else if (cell.starts_with("\xE3\x80\x80") || cell.starts_with("\xEF\xBB\xBF")) {
      cell.remove_prefix(3);  // U+3000 ideographic space, U+FEFF byte-order mark
    } else if (cell.starts_with("\xC2\xA0")) {
      cell.remove_prefix(2);  // U+00A0 no-break space
    } else {
      return false;
    }
  }
  return true;
}

Result<Table> read_table(std::string_view bytes, std::string_view filename_hint) {
  Table table;
  RowSet set;
  const std::string name = to_lower_ascii(filename_hint);
  if (bytes.starts_with(kOleSignature) || (name.ends_with(".xls") && !bytes.starts_with("PK"))) {
    return make_error(ErrorKind::invalid, "xls_not_supported", "",
                      "不支持Excel 97-2003（.xls）或加密的工作簿，请在Excel中另存为.xlsx或CSV",
                      "Excel 97-2003 (.xls) and encrypted workbooks are not supported; save the "
                      "file from Excel as .xlsx or CSV");
  }
  if (bytes.starts_with("PK\x03\x04") || name.ends_with(".xlsx") || name.ends_with(".xlsm")) {
    Result<RowSet> r = read_xlsx(bytes);
    if (!r) return r.error();
    set = std::move(*r);
    table.encoding = "xlsx";
  } else {
    Result<std::string> text = to_utf8(bytes, &table.encoding);
    if (!text) return text.error();
    Result<RowSet> r = parse_csv(std::move(*text));
    if (!r) return r.error();
    set = std::move(*r);
  }
  // Before blank rows are dropped: a cell "'\t" is blank once its export apostrophe is off.
  if (auto clean = check_and_unescape(set); !clean) return clean.error();
  std::erase_if(set.rows, [](const CsvRow& row) {
    return std::all_of(row.cells.begin(), row.cells.end(), is_blank);
  });
  if (set.rows.empty()) {
    return make_error(ErrorKind::invalid, "empty_file", "", "文件为空：没有表头行",
                      "the file is empty: there is no header row");
  }
  table.header_line = set.rows.front().line;
  table.header.reserve(set.rows.front().cells.size());
  for (std::string_view cell : set.rows.front().cells) table.header.push_back(trim(cell));
  table.rows = std::move(set.rows);
  table.rows.erase(table.rows.begin());  // shifts in place: no second array of a million rows
  table.store = std::move(set.store);
  return table;
}

Result<ColumnMap> map_header(const Schema& schema, const std::vector<std::string>& header) {
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    by_name.emplace(column_name_key(schema.columns[i].key), i);
    by_name.emplace(column_name_key(schema.columns[i].zh), i);
  }
  ColumnMap map;
  map.index.assign(schema.columns.size(), -1);
  for (std::size_t h = 0; h < header.size(); ++h) {
    const std::string name = column_name_key(header[h]);
    if (name.empty()) continue;
    const auto it = by_name.find(name);
    if (it == by_name.end()) {
      map.unknown.push_back(trim(header[h]));
      continue;
    }
    const Column& column = schema.columns[it->second];
    int& slot = map.index[it->second];
    if (slot >= 0) {
      const std::string a = std::to_string(slot + 1);
      const std::string b = std::to_string(h + 1);
      return make_error(ErrorKind::invalid, "duplicate_column", column.key,
                        "表头中“" + column_label(column) + "”出现了两次（第" + a + "列和第" + b +
                            "列）",
                        "the header names column " + column.key + " (" + column.zh +
                            ") twice (columns " + a + " and " + b + ")");
    }
    slot = static_cast<int>(h);
  }
  std::string missing_zh;
  std::string missing_en;
  std::string first_missing;
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    const Column& column = schema.columns[i];
    if (!column.required || map.index[i] >= 0) continue;
    if (first_missing.empty()) {
      first_missing = column.key;
    } else {
      missing_zh += "、";
      missing_en += ", ";
    }
    missing_zh += column_label(column);
    missing_en += column.key + " (" + column.zh + ")";
  }
  if (!first_missing.empty()) {
    return make_error(ErrorKind::invalid, "missing_column", first_missing,
                      "缺少必填列：" + missing_zh, "missing required columns: " + missing_en);
  }
  return map;
}

std::string rejects_csv(const Table& table, const std::vector<RowError>& errors,
                        const Schema* schema) {
  std::map<int, std::vector<const RowError*>> by_line;
  for (const RowError& e : errors) by_line[e.line].push_back(&e);
  std::unordered_map<std::string, std::string> zh_of;
  if (schema != nullptr) {
    for (const Column& c : schema->columns) zh_of.emplace(c.key, c.zh);
  }

  std::size_t width = table.header.size();
  for (const CsvRow& row : table.rows) {
    if (by_line.contains(row.line)) width = std::max(width, row.cells.size());
  }
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> line = table.header;
  line.resize(width);
  line.insert(line.end(), {"错误行号", "错误列", "错误原因"});
  append_csv_line(out, line);
  for (const CsvRow& row : table.rows) {
    const auto it = by_line.find(row.line);
    if (it == by_line.end()) continue;
    line.assign(row.cells.begin(), row.cells.end());
    line.resize(width);
    std::vector<std::string> named;  // several reasons may concern one column: name it once
    std::string columns;
    std::string reasons;
    for (const RowError* e : it->second) {
      std::string column = e->column;
      if (const auto z = zh_of.find(column); z != zh_of.end()) column = z->second;
      if (!column.empty() && std::find(named.begin(), named.end(), column) == named.end()) {
        if (!columns.empty()) columns += "；";
        columns += column;
        named.push_back(std::move(column));
      }
      if (!reasons.empty()) reasons += "；";
      reasons += e->zh;
    }
    line.push_back(std::to_string(row.line));
    line.push_back(std::move(columns));
    line.push_back(std::move(reasons));
    append_csv_line(out, line);
  }
  return out;
}

Result<std::string> parse_required_text(std::string_view cell, std::string_view key) {
  std::string s = trim(cell);
  if (s.empty()) return empty_cell(key);
  return s;
}

Result<Date> parse_date_cell(std::string_view cell, std::string_view key) {
  const std::string s = trim(cell);
  if (s.empty()) return empty_cell(key);
  std::string_view date = s;
  // "2021/8/31 0:00" or "2021-08-31 00:00:00": a date-time cell saved as CSV; the day counts.
  if (const std::size_t space = date.find(' '); space != std::string_view::npos) {
    const std::string_view time = date.substr(space + 1);
    const std::vector<std::string> parts = split(time, ':');
    if ((parts.size() == 2 || parts.size() == 3) &&
        std::all_of(parts.begin(), parts.end(),
                    [](const std::string& p) { return p.size() <= 2 && all_digits(p); })) {
      date = date.substr(0, space);
    }
  }
  Result<Date> d = Date::parse(date);
  if (!d) {
    Error e = d.error();
    e.field = std::string(key);
    return e;
  }
  return d;
}

Result<int64_t> parse_nonneg_int(std::string_view cell, std::string_view key) {
  const std::string s = trim(cell);
  if (s.empty()) return empty_cell(key);
  const std::string quoted = excerpt(s);
  const auto not_an_integer = [&] {
    return invalid_field(std::string(key), "“" + quoted + "”不是非负整数",
                         "\"" + quoted + "\" is not a non-negative integer");
  };
  std::string_view v = s;
  if (const std::size_t dot = v.find('.'); dot != std::string_view::npos) {
    const std::string_view fraction = v.substr(dot + 1);
    if (!all_digits(fraction) || fraction.find_first_not_of('0') != std::string_view::npos) {
      return not_an_integer();
    }
    v = v.substr(0, dot);
  }
  std::string digits;
  if (v.find(',') != std::string_view::npos) {
    // Thousands separators only where they belong: 1-3 digits, then groups of exactly 3.
    const std::vector<std::string> groups = split(v, ',');
    if (groups.front().empty() || groups.front().size() > 3) return not_an_integer();
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (!all_digits(groups[i]) || (i > 0 && groups[i].size() != 3)) return not_an_integer();
      digits += groups[i];
    }
  } else {
    digits = std::string(v);
  }
  if (!all_digits(digits)) return not_an_integer();
  if (digits.size() > 18) {
    return invalid_field(std::string(key), "“" + quoted + "”数值过大", "\"" + quoted + "\" is too large");
  }
  int64_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

Result<std::string> parse_enum(std::string_view cell, std::string_view key,
                               const std::vector<std::pair<std::string, std::string>>& key_label) {
  const std::string s = trim(cell);
  if (s.empty()) return empty_cell(key);
  const std::string lower = to_lower_ascii(s);
  for (const auto& [k, label] : key_label) {
    if (lower == to_lower_ascii(k) || s == label) return k;
  }
  std::string allowed_zh;
  std::string allowed_en;
  for (const auto& [k, label] : key_label) {
    if (!allowed_zh.empty()) {
      allowed_zh += "、";
      allowed_en += ", ";
    }
    allowed_zh += label + "（" + k + "）";
    allowed_en += k + " (" + label + ")";
  }
  const std::string quoted = excerpt(s);
  return invalid_field(std::string(key), "“" + quoted + "”不是可选值，应为：" + allowed_zh,
                       "\"" + quoted + "\" is not one of: " + allowed_en);
}

Result<bool> parse_yes_no(std::string_view cell, std::string_view key) {
  const std::string s = to_lower_ascii(trim(cell));
  if (s.empty()) return empty_cell(key);
  if (s == "yes" || s == "y" || s == "true" || s == "1" || s == "是") return true;
  if (s == "no" || s == "n" || s == "false" || s == "0" || s == "否") return false;
  const std::string quoted = excerpt(trim(cell));
  return invalid_field(std::string(key), "“" + quoted + "”应为“是”或“否”",
                       "\"" + quoted + "\" should be yes or no");
}

}  // namespace fg::ledger
