#include "ledger/xlsx_reader.h"

#include <minizip/unzip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/date.h"
#include "base/text.h"
#include "ledger/limits.h"

namespace fg::ledger {

namespace {

// A ledger sheet of a million rows is about 150 MB of XML; a part far beyond that is a zip bomb
// or not a ledger, and is refused before it is inflated into memory.
constexpr uint64_t kMaxPartBytes = uint64_t{512} << 20;

// Excel's largest column and row, XFD1048576 (ECMA-376 Part 1, 18.3.1.4 and 18.3.1.73): what a
// cell reference or row number can name. A ledger is narrower still (limits.h).
constexpr int kExcelColumns = 16384;
constexpr int kExcelRows = 1048576;

Error xlsx_error(std::string code, std::string zh, std::string en) {
  return make_error(ErrorKind::invalid, std::move(code), "", "XLSX文件无法读取：" + zh,
                    "cannot read the XLSX file: " + en);
}

// A part name or cell reference from the file, fit to quote in a message: part names come from
// the workbook's relationships and may be anything, and messages must be UTF-8 (they end up in
// JSON).
std::string quoted(std::string_view text) { return excerpt(text, 120); }

// ---------------------------------------------------------------------------------------------
// Zip access from memory: minizip reads through these callbacks instead of stdio.

struct MemoryFile {
  const char* data = nullptr;
  ZPOS64_T size = 0;
  ZPOS64_T pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void* /*filename*/, int mode) {
  if (mode & ZLIB_FILEFUNC_MODE_WRITE) return nullptr;
  auto* f = static_cast<MemoryFile*>(opaque);
  f->pos = 0;
  return f;
}

uLong ZCALLBACK mem_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const ZPOS64_T n = std::min<ZPOS64_T>(size, f->size - f->pos);
  std::memcpy(buf, f->data + f->pos, static_cast<std::size_t>(n));
  f->pos += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK mem_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->pos;
}

long ZCALLBACK mem_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = f->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = f->size; break;
    default: return -1;
  }
  if (offset > f->size - base) return -1;
  f->pos = base + offset;
  return 0;
}

int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

class Zip {
 public:
  explicit Zip(std::string_view bytes) {
    file_.data = bytes.data();
    file_.size = bytes.size();
    zlib_filefunc64_def io{};
    io.zopen64_file = mem_open;
    io.zread_file = mem_read;
    io.zwrite_file = mem_write;
    io.ztell64_file = mem_tell;
    io.zseek64_file = mem_seek;
    io.zclose_file = mem_close;
    io.zerror_file = mem_error;
    io.opaque = &file_;
    zip_ = unzOpen2_64("memory.xlsx", &io);
  }
  ~Zip() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  bool ok() const { return zip_ != nullptr; }

  // The part's bytes; nullopt when the zip has no such entry. Part names are matched without
  // regard to case, as Open Packaging Conventions require (ECMA-376 Part 2, 9.1.1.1).
  Result<std::optional<std::string>> read(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return std::optional<std::string>();
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return damaged(name);
    }
    if (info.uncompressed_size > kMaxPartBytes) return too_large(name);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return damaged(name);
    std::string out;
    // The directory's size is the writer's word too, so it is not reserved beyond what the
    // file could inflate to: deflate expands at most 1032 to 1 (zlib's technical limit), and a
    // 200-byte upload must not reserve 512 MiB.
    out.reserve(static_cast<std::size_t>(
        std::min<uint64_t>(info.uncompressed_size, uint64_t{1032} * file_.size)));
    char buf[1 << 16];
    for (;;) {
      const int n = unzReadCurrentFile(zip_, buf, sizeof buf);
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return damaged(name);
      }
      if (n == 0) break;
      // The size in the directory is the writer's word; the inflated stream is the fact.
      if (out.size() + static_cast<std::size_t>(n) > kMaxPartBytes) {
        unzCloseCurrentFile(zip_);
        return too_large(name);
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) return damaged(name);  // CRC mismatch
    return std::optional<std::string>(std::move(out));
  }

 private:
  static Error damaged(const std::string& name) {
    return xlsx_error("xlsx_damaged", "压缩包中的" + quoted(name) + "已损坏",
                      "the part " + quoted(name) + " is damaged");
  }
  static Error too_large(const std::string& name) {
    return xlsx_error("xlsx_too_large", quoted(name) + "解压后超过512MB",
                      "the part " + quoted(name) + " is larger than 512 MiB uncompressed");
  }

  MemoryFile file_;
  unzFile zip_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// XML helpers. Most writers use SpreadsheetML as the default namespace, but some (.NET Open XML
// SDK, some Java tools) prefix every element ("x:c"); elements are matched by local name.

std::string_view local_name(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon != nullptr ? colon + 1 : name;
}

bool is(const pugi::xml_node& n, std::string_view local) {
  return n.type() == pugi::node_element && local_name(n.name()) == local;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (is(c, local)) return c;
  }
  return {};
}

Result<void> parse_xml(pugi::xml_document& doc, std::string& text, const std::string& part) {
  // XML parts are UTF-8 or UTF-16 (ECMA-376 Part 2, "XML Usage", M1.17), and every spreadsheet
  // writer in use writes UTF-8. pugixml does not check, and a bad byte would pass into cells and
  // on into JSON, which must be UTF-8, so a part is checked before it is parsed; a UTF-16 part
  // fails here too, with a message that says so.
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    const std::string at = std::to_string(bad);
    return xlsx_error("xlsx_bad_encoding",
                      quoted(part) + "不是UTF-8编码（第" + at + "字节；不支持UTF-16）",
                      quoted(part) + " is not UTF-8 (offset " + at + "; UTF-16 is not supported)");
  }
  // In place: no second copy of a sheet that may be 100+ MB. parse_ws_pcdata_single keeps a
  // cell that is all spaces (<t xml:space="preserve"> </t>) instead of dropping it.
  const pugi::xml_parse_result r = doc.load_buffer_inplace(
      text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
      pugi::encoding_utf8);
  if (!r) {
    const std::string at = std::to_string(r.offset);
    return xlsx_error("xlsx_bad_xml", quoted(part) + "不是格式正确的XML（第" + at + "字节：" +
                                          r.description() + "）",
                      quoted(part) + " is not well-formed XML (offset " + at + ": " +
                          r.description() + ")");
  }
  return {};
}

// Excel writes characters XML 1.0 cannot hold (and a literal "_x") as _xHHHH_ (ECMA-376 Part 1,
// 22.9.2.19 ST_Xstring); a carriage return in a cell arrives as _x000D_.
void append_xstring(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = s.find("_x", i);
    if (at == std::string_view::npos || at + 7 > s.size() || s[at + 6] != '_') {
      out.append(s.substr(i, at == std::string_view::npos ? std::string_view::npos : at + 2 - i));
      if (at == std::string_view::npos) return;
      i = at + 2;
      continue;
    }
    unsigned code = 0;
    const auto [ptr, ec] = std::from_chars(s.data() + at + 2, s.data() + at + 6, code, 16);
    if (ec != std::errc() || ptr != s.data() + at + 6) {
      out.append(s.substr(i, at + 2 - i));
      i = at + 2;
      continue;
    }
    out.append(s.substr(i, at - i));
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      out.append("\xEF\xBF\xBD");  // a lone surrogate cannot be UTF-8: U+FFFD
    } else {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
    i = at + 7;
  }
}

// Text of a shared-string item <si> or an inline string <is>: a plain <t>, or rich-text runs
// <r><t>…</t></r> concatenated. <rPh> (phonetic guide) text is not cell text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node n = item.first_child(); n; n = n.next_sibling()) {
    if (is(n, "t")) {
      append_xstring(out, n.child_value());
    } else if (is(n, "r")) {
      if (pugi::xml_node t = child(n, "t")) append_xstring(out, t.child_value());
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parts of the package.

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml" absolute → zip entry
// name, with "." and ".." segments resolved.
std::string resolve_target(std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : "xl/" + std::string(target);
  std::vector<std::string> parts;
  for (const std::string& seg : split(joined, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (const std::string& seg : parts) {
    if (!out.empty()) out.push_back('/');
    out += seg;
  }
  return out;
}

struct WorkbookInfo {
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  std::string shared_strings_part = "xl/sharedStrings.xml";
  std::string styles_part = "xl/styles.xml";
  bool date1904 = false;
};

Result<WorkbookInfo> read_workbook(Zip& zip) {
  WorkbookInfo info;
  auto wb_bytes = zip.read("xl/workbook.xml");
  if (!wb_bytes) return wb_bytes.error();
  if (!wb_bytes->has_value()) return info;
  pugi::xml_document wb;
  if (auto r = parse_xml(wb, **wb_bytes, "xl/workbook.xml"); !r) return r.error();
  const pugi::xml_node workbook = wb.document_element();
  if (pugi::xml_node pr = child(workbook, "workbookPr")) {
    const std::string_view v = pr.attribute("date1904").value();
    info.date1904 = v == "1" || v == "true";
  }
  // The relationship id of the first <sheet>; its attribute is r:id with whatever prefix the
  // writer bound to the relationships namespace.
  std::string first_sheet_rid;
  if (pugi::xml_node sheet = child(child(workbook, "sheets"), "sheet")) {
    for (pugi::xml_attribute a = sheet.first_attribute(); a; a = a.next_attribute()) {
      if (std::strchr(a.name(), ':') != nullptr && local_name(a.name()) == "id") {
        first_sheet_rid = a.value();
      }
    }
  }
  auto rels_bytes = zip.read("xl/_rels/workbook.xml.rels");
  if (!rels_bytes) return rels_bytes.error();
  if (!rels_bytes->has_value()) return info;
  pugi::xml_document rels;
  if (auto r = parse_xml(rels, **rels_bytes, "xl/_rels/workbook.xml.rels"); !r) return r.error();
  for (pugi::xml_node rel = rels.document_element().first_child(); rel; rel = rel.next_sibling()) {
    if (!is(rel, "Relationship")) continue;
    const std::string_view type = rel.attribute("Type").value();
    const std::string target = resolve_target(rel.attribute("Target").value());
    if (!first_sheet_rid.empty() && first_sheet_rid == rel.attribute("Id").value()) {
      info.sheet_part = target;
    } else if (type.ends_with("/sharedStrings")) {
      info.shared_strings_part = target;
    } else if (type.ends_with("/styles")) {
      info.styles_part = target;
    }
  }
  return info;
}

// A cell's text as (offset, length) in the CellStore text being built: offsets, not views,
// while the text still grows.
using Slice = std::pair<std::size_t, std::size_t>;

Slice append_slice(std::string& text, std::string_view s) {
  const std::size_t at = text.size();
  text.append(s);
  return {at, s.size()};
}

// The shared-string table, appended to `text` once; cells that use a string point at it.
Result<std::vector<Slice>> read_shared_strings(Zip& zip, const std::string& part,
                                               std::string& text) {
  std::vector<Slice> strings;
  auto bytes = zip.read(part);
  if (!bytes) return bytes.error();
  if (!bytes->has_value()) return strings;
  pugi::xml_document doc;
  if (auto r = parse_xml(doc, **bytes, part); !r) return r.error();
  const pugi::xml_node sst = doc.document_element();
  // uniqueCount is the writer's word (ECMA-376 Part 1, 18.4.9) and may be anything, 4294967295
  // included (64 GB of slices): it is believed only as far as the part could hold that many
  // items, each at least "<si/>".
  strings.reserve(std::min<std::size_t>(sst.attribute("uniqueCount").as_uint(),
                                        (*bytes)->size() / std::string_view("<si/>").size()));
  for (pugi::xml_node si = sst.first_child(); si; si = si.next_sibling()) {
    if (is(si, "si")) strings.push_back(append_slice(text, string_item_text(si)));
  }
  return strings;
}

// True when a number format code shows a date: it has a year, day or month part outside quoted
// literals, escapes and [...] sections. "m" is a month unless hours or seconds are present
// ("mm:ss", "h:mm" are minutes), which is also how Excel reads it.
bool is_date_format_code(std::string_view code) {
  bool date = false;
  bool month_or_minute = false;
  bool time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped literal, padding or fill character: the next byte is not a code
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == ';') {
      break;  // a date format's first section decides
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      date = true;
    } else if (c == 'm' || c == 'M') {
      month_or_minute = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      time = true;
    }
  }
  return date || (month_or_minute && !time);
}

// Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30): 14–17 and 22 in every
// locale, and the zh-CN ones Chinese Excel writes by id alone (27–31, 36, 50–54, 57, 58:
// yyyy"年"m"月", m"月"d"日", yyyy"年"m"月"d"日" and the like). Time-only formats (18–21, 45–47, and
// zh-CN 32–35, 55, 56) are not dates: a time of day is not a ledger value, so such a cell keeps
// its number and date validation reports it.
bool is_builtin_date_format(unsigned id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

// For each cell style index (<c s="N">), whether its number format is a date.
Result<std::vector<bool>> read_date_styles(Zip& zip, const std::string& part) {
  std::vector<bool> date_styles;
  auto bytes = zip.read(part);
  if (!bytes) return bytes.error();
  if (!bytes->has_value()) return date_styles;
  pugi::xml_document doc;
  if (auto r = parse_xml(doc, **bytes, part); !r) return r.error();
  const pugi::xml_node sheet = doc.document_element();
  std::unordered_map<unsigned, bool> custom;
  for (pugi::xml_node f = child(sheet, "numFmts").first_child(); f; f = f.next_sibling()) {
    if (!is(f, "numFmt")) continue;
    custom[f.attribute("numFmtId").as_uint()] =
        is_date_format_code(f.attribute("formatCode").value());
  }
  for (pugi::xml_node xf = child(sheet, "cellXfs").first_child(); xf; xf = xf.next_sibling()) {
    if (!is(xf, "xf")) continue;
    const unsigned id = xf.attribute("numFmtId").as_uint();
    const auto it = custom.find(id);
    date_styles.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
  }
  return date_styles;
}

// "C5" → column index 2 and row 5; false when the reference is malformed.
bool parse_cell_ref(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  int col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > kExcelColumns) return false;
    ++i;
  }
  if (i == 0) return false;
  int r = 0;
  const auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || ptr != ref.data() + ref.size() || r < 1) return false;
  column = col - 1;
  row = r;
  return true;
}

// The text Excel would show for a number in the General format, without its 11-character
// width limit: integers exactly, others with 15 significant digits.
std::string format_number(std::string_view raw) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || ptr != raw.data() + raw.size()) return std::string(raw);
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::floor(v) == v && std::fabs(v) < kExactIntegers) {
    return std::to_string(static_cast<int64_t>(v));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15G", v);
  return buf;
}

// A date cell's serial → "YYYY-MM-DD" (the time of day, the fraction, is dropped); the number
// itself when it names no day, so that the date validator reports what the sheet holds.
std::string format_date_serial(std::string_view raw, bool date1904) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || !std::isfinite(v) ||
      std::fabs(v) > 1e7) {
    return format_number(raw);
  }
  // The 1904 system (old Mac workbooks) counts from 1904-01-01 = 0, which is 1900-system 1462.
  const int64_t serial = static_cast<int64_t>(std::floor(v)) + (date1904 ? 1462 : 0);
  Result<Date> d = Date::from_excel_serial_checked(serial);
  return d ? d->iso() : format_number(raw);
}

struct SheetContext {
  const std::vector<Slice>& shared;
  const std::vector<bool>& date_styles;
  bool date1904;
};

// The cell's text (see read_xlsx), appended to `text` unless it is a shared string already
// there.
Result<Slice> cell_text(const pugi::xml_node& c, const SheetContext& ctx, std::string& text) {
  const std::string_view type = c.attribute("t").value();
  const pugi::xml_node v = child(c, "v");
  const std::string_view value = v.child_value();
  if (type == "s") {
    unsigned index = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
    if (ec != std::errc() || ptr != value.data() + value.size() || index >= ctx.shared.size()) {
      const std::string ref = quoted(c.attribute("r").value());
      return xlsx_error("xlsx_bad_shared_string", "单元格" + ref + "引用了不存在的共享字符串",
                        "cell " + ref + " refers to a shared string that does not exist");
    }
    return ctx.shared[index];
  }
  if (type == "inlineStr") return append_slice(text, string_item_text(child(c, "is")));
  if (type == "str" || type == "e") {  // formula text result; error value such as #N/A
    std::string out;
    append_xstring(out, value);
    return append_slice(text, out);
  }
  if (type == "b") return append_slice(text, value == "1" ? "TRUE" : value.empty() ? "" : "FALSE");
  if (type == "d") {  // ISO 8601 date cell (Strict and some writers): keep the day
    return append_slice(text, value.substr(0, value.find('T')));
  }
  if (value.empty()) return Slice{0, 0};
  const unsigned style = c.attribute("s").as_uint();
  if (style < ctx.date_styles.size() && ctx.date_styles[style]) {
    return append_slice(text, format_date_serial(value, ctx.date1904));
  }
  return append_slice(text, format_number(value));
}

Result<RowSet> read_sheet(pugi::xml_node worksheet, const SheetContext& ctx,
                          std::shared_ptr<CellStore> store) {
  std::string& text = store->text;
  std::vector<Slice> cells;             // every row's cells, row after row
  std::vector<int> lines;               // per row
  std::vector<std::size_t> first_cell;  // per row, index into cells
  std::vector<Slice> row_cells;         // the row being read, by column
  PaddingBudget budget;                 // the empty slots padding adds (limits.h)
  const pugi::xml_node sheet_data = child(worksheet, "sheetData");
  int next_row = 1;
  for (pugi::xml_node r = sheet_data.first_child(); r; r = r.next_sibling()) {
    if (!is(r, "row")) continue;
    // The r attribute is optional (ECMA-376 Part 1, 18.3.1.73); without it rows follow on.
    const int number = r.attribute("r").as_int(0);
    const int line = number > 0 ? number : next_row;
    if (line > kExcelRows) {
      const std::string n = std::to_string(line);
      return xlsx_error("xlsx_bad_row", "行号" + n + "超出Excel的范围（最多1048576行）",
                        "row number " + n + " is beyond what Excel allows (1,048,576 rows)");
    }
    next_row = line + 1;
    row_cells.clear();
    std::size_t filled = 0;
    int next_col = 0;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (!is(c, "c")) continue;
      int col = next_col;
      int ref_row = 0;
      if (pugi::xml_attribute ref = c.attribute("r")) {
        if (!parse_cell_ref(ref.value(), col, ref_row)) col = next_col;
      }
      next_col = col + 1;
      Result<Slice> cell = cell_text(c, ctx, text);
      if (!cell) return cell.error();
      if (cell->second == 0) continue;  // a styled but empty cell does not widen the row
      const auto index = static_cast<std::size_t>(col);
      // A cell past the column limit: dropped when blank, else an error naming it. Checked
      // before the row is widened, so that a lone far cell costs nothing.
      Result<bool> keep =
          admit_column(line, index, std::string_view(text).substr(cell->first, cell->second));
      if (!keep) return keep.error();
      if (!*keep) continue;
      if (row_cells.size() <= index) row_cells.resize(index + 1, Slice{0, 0});
      if (row_cells[index].second == 0) ++filled;  // a column given twice counts once
      row_cells[index] = *cell;
    }
    if (auto b = budget.add_row(line, row_cells.size(), filled); !b) return b.error();
    lines.push_back(line);
    first_cell.push_back(cells.size());
    cells.insert(cells.end(), row_cells.begin(), row_cells.end());
  }
  first_cell.push_back(cells.size());

  // Cell text is UTF-8 without NUL, as everywhere after the readers (base/text.h). The parts
  // were checked as they were read, but character references (&#xD800;, XML 1.0 4.1 "Legal
  // Character", which pugixml does not enforce) and Excel's _x0000_ escape can still make a
  // surrogate, a code point above U+10FFFF or a NUL; such a cell is named. One pass over the
  // whole text first: a well-formed sheet pays no more.
  if (first_invalid_utf8(text) != std::string::npos || text.find('\0') != std::string::npos) {
    for (std::size_t row = 0; row < lines.size(); ++row) {
      for (std::size_t i = first_cell[row]; i < first_cell[row + 1]; ++i) {
        const std::string_view cell = std::string_view(text).substr(cells[i].first, cells[i].second);
        if (is_valid_utf8(cell) && cell.find('\0') == std::string_view::npos) continue;
        const std::string ref = column_letters(i - first_cell[row]) + std::to_string(lines[row]);
        return xlsx_error("xlsx_bad_text", "单元格" + ref + "含有无效字符（不是UTF-8文本或含有NUL）",
                          "cell " + ref + " holds invalid characters (not UTF-8 text, or NUL)");
      }
    }
  }

  // The text is final now: offsets become views, and rows spans of them.
  store->cells.reserve(cells.size());
  for (const auto& [offset, length] : cells) {
    store->cells.emplace_back(text.data() + offset, length);
  }
  RowSet set;
  set.rows.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    set.rows[i].line = lines[i];
    set.rows[i].cells = std::span<const std::string_view>(
        store->cells.data() + first_cell[i], first_cell[i + 1] - first_cell[i]);
  }
  set.store = std::move(store);
  return set;
}

}  // namespace

Result<RowSet> read_xlsx(std::string_view bytes) {
  if (!bytes.starts_with("PK\x03\x04")) {
    return xlsx_error("xlsx_not_zip", "文件不是XLSX格式（不是zip压缩包）",
                      "the file is not an XLSX workbook (not a zip archive)");
  }
  Zip zip(bytes);
  if (!zip.ok()) {
    return xlsx_error("xlsx_not_zip", "zip压缩包已损坏或不完整",
                      "the zip archive is damaged or incomplete");
  }
  Result<WorkbookInfo> info = read_workbook(zip);
  if (!info) return info.error();
  Result<std::optional<std::string>> sheet_bytes = zip.read(info->sheet_part);
  if (!sheet_bytes) return sheet_bytes.error();
  if (!sheet_bytes->has_value()) {
    return xlsx_error("xlsx_no_worksheet", "找不到第一个工作表（" + quoted(info->sheet_part) + "）",
                      "the first worksheet (" + quoted(info->sheet_part) + ") is missing");
  }
  auto store = std::make_shared<CellStore>();
  Result<std::vector<Slice>> shared =
      read_shared_strings(zip, info->shared_strings_part, store->text);
  if (!shared) return shared.error();
  Result<std::vector<bool>> date_styles = read_date_styles(zip, info->styles_part);
  if (!date_styles) return date_styles.error();

  pugi::xml_document doc;
  if (auto r = parse_xml(doc, **sheet_bytes, info->sheet_part); !r) return r.error();
  const pugi::xml_node worksheet = doc.document_element();
  if (!is(worksheet, "worksheet")) {
    return xlsx_error("xlsx_no_worksheet", quoted(info->sheet_part) + "不是工作表（可能是图表页）",
                      quoted(info->sheet_part) + " is not a worksheet (perhaps a chart sheet)");
  }
  return read_sheet(worksheet, SheetContext{*shared, *date_styles, info->date1904},
                    std::move(store));
}

}  // namespace fg::ledger
