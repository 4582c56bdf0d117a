#include "ledger/xlsx_reader.h"

#include <expat.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
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
// or not a ledger. Parts are streamed, so this bounds the time spent, not memory.
constexpr uint64_t kMaxPartBytes = uint64_t{512} << 20;

// Excel's largest column and row, XFD1048576 (ECMA-376 Part 1, 18.3.1.4 and 18.3.1.73): what a
// cell reference or row number can name. A ledger is narrower still (limits.h).
constexpr int kExcelColumns = 16384;
constexpr int kExcelRows = 1048576;

// Elements nest at most this deep in a part. The deepest cell content of SpreadsheetML is 7
// levels (worksheet, sheetData, row, c, is, r, t) and extensions add a few; the parser keeps
// every open element, so without a limit a part of nothing but nested elements would cost
// memory in proportion to its inflated size.
constexpr int kMaxXmlDepth = 256;

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

  // Part names are matched without regard to case, as Open Packaging Conventions require
  // (ECMA-376 Part 2, 9.1.1.1).
  bool has(const std::string& name) { return unzLocateFile(zip_, name.c_str(), 2) == UNZ_OK; }

  // Inflates the part in 64 KiB chunks into `sink`, so that no part is ever held whole; false
  // when the zip has no such entry. The size the zip directory states is the writer's word and
  // is checked first; the inflated stream is the fact and is counted as it comes.
  Result<bool> stream(const std::string& name,
                      const std::function<Result<void>(std::string_view)>& sink) {
    if (!has(name)) return false;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      return damaged(name);
    }
    if (info.uncompressed_size > kMaxPartBytes) return too_large(name);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return damaged(name);
    std::string buf(std::size_t{1} << 16, '\0');
    uint64_t total = 0;
    for (;;) {
      const int n = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return damaged(name);
      }
      if (n == 0) break;
      total += static_cast<uint64_t>(n);
      if (total > kMaxPartBytes) {
        unzCloseCurrentFile(zip_);
        return too_large(name);
      }
      if (auto r = sink(std::string_view(buf.data(), static_cast<std::size_t>(n))); !r) {
        unzCloseCurrentFile(zip_);
        return r.error();
      }
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) return damaged(name);  // CRC mismatch
    return true;
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
// Streaming XML. Each part is parsed by expat as it is inflated and no tree is built: a handler
// keeps what a ledger needs as the elements go by, so memory follows the cells a sheet holds,
// not the size of its XML. (A DOM costs 7 to 16 bytes per byte of XML, and deflate expands up to
// 1032 times: a 63 KB upload of empty <c/> elements took 1 GB.)
//
// Most writers use SpreadsheetML as the default namespace, but some (.NET Open XML SDK, some Java
// tools) prefix every element ("x:c"); elements are matched by local name. Attributes of
// SpreadsheetML are unprefixed and are matched by name.

std::string_view local_name(const char* name) {
  const char* start = name;
  const char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') start = p + 1;
  }
  return std::string_view(start, static_cast<std::size_t>(p - start));
}

// The value of the unprefixed attribute `name` of an element (expat's name/value array), or
// nullptr.
const char* attribute(const char** atts, const char* name) {
  for (; *atts != nullptr; atts += 2) {
    if (std::strcmp(atts[0], name) == 0) return atts[1];
  }
  return nullptr;
}

// An attribute value as a whole unsigned number; `fallback` when absent or not one.
unsigned attribute_uint(const char** atts, const char* name, unsigned fallback) {
  const char* v = attribute(atts, name);
  if (v == nullptr) return fallback;
  const std::string_view s(v);
  unsigned n = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && ptr == s.data() + s.size() ? n : fallback;
}

// What a part's elements are to a reader: called for each element as it opens and closes (depth
// 1 for the root) and for the character data directly inside the element open at `depth`. An
// error stops the parse and becomes its result.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual Result<void> start(std::string_view name, const char** atts, int depth) = 0;
  virtual Result<void> end(std::string_view name, int depth) = 0;
  virtual void text(std::string_view /*s*/, int /*depth*/) {}
};

class XmlParser {
 public:
  XmlParser(const std::string& part, XmlHandler& handler)
      : part_(part), handler_(handler), parser_(XML_ParserCreate("UTF-8")) {
    if (parser_ == nullptr) return;
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
  }
  ~XmlParser() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // The next bytes of the part. XML parts are UTF-8 or UTF-16 (ECMA-376 Part 2, "XML Usage",
  // M1.17), and every spreadsheet writer in use writes UTF-8, so the parser is told UTF-8 and the
  // bytes are checked before it sees them: a bad byte, a UTF-16 part included, is an error
  // naming its offset. A sequence cut by the end of a chunk waits for the next one.
  Result<void> feed(std::string_view chunk) {
    std::string joined;
    std::string_view data = chunk;
    if (!carry_.empty()) {
      joined = carry_ + std::string(chunk);
      data = joined;
    }
    std::size_t complete = data.size();
    for (std::size_t back = 1; back <= 3 && back <= data.size(); ++back) {
      const auto b = static_cast<unsigned char>(data[data.size() - back]);
      if (b < 0x80) break;
      if (b >= 0xC0) {  // the lead byte of the last sequence
        const std::size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (length > back) complete = data.size() - back;
        break;
      }
    }
    const std::string_view ready = data.substr(0, complete);
    if (const std::size_t bad = first_invalid_utf8(ready); bad != std::string_view::npos) {
      return not_utf8(offset_ + bad);
    }
    carry_ = std::string(data.substr(complete));
    offset_ += ready.size();
    return parse(ready, false);
  }

  // The end of the part.
  Result<void> finish() {
    if (!carry_.empty()) return not_utf8(offset_);  // a sequence the part's end cuts short
    return parse({}, true);
  }

 private:
  Result<void> parse(std::string_view data, bool last) {
    if (parser_ == nullptr) {
      return make_error(ErrorKind::internal, "xml_parser", "", "无法创建XML解析器",
                        "cannot create an XML parser");
    }
    if (XML_Parse(parser_, data.data(), static_cast<int>(data.size()), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_ERROR) {
      return {};
    }
    if (error_) return *error_;
    const std::string at = std::to_string(XML_GetCurrentByteIndex(parser_));
    const std::string what = XML_ErrorString(XML_GetErrorCode(parser_));
    return xlsx_error("xlsx_bad_xml",
                      quoted(part_) + "不是格式正确的XML（第" + at + "字节：" + what + "）",
                      quoted(part_) + " is not well-formed XML (offset " + at + ": " + what + ")");
  }

  Error not_utf8(uint64_t offset) const {
    const std::string at = std::to_string(offset);
    return xlsx_error("xlsx_bad_encoding",
                      quoted(part_) + "不是UTF-8编码（第" + at + "字节；不支持UTF-16）",
                      quoted(part_) + " is not UTF-8 (offset " + at + "; UTF-16 is not supported)");
  }

  // Ends the parse with `e`. Expat may still deliver a callback or two before it returns, which
  // are ignored.
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<XmlParser*>(data);
    if (self->error_) return;
    if (++self->depth_ > kMaxXmlDepth) {
      const std::string n = std::to_string(kMaxXmlDepth);
      self->fail(xlsx_error("xlsx_bad_xml", quoted(self->part_) + "的元素嵌套超过" + n + "层",
                            quoted(self->part_) + " nests elements deeper than " + n + " levels"));
      return;
    }
    if (auto r = self->handler_.start(local_name(name), atts, self->depth_); !r) {
      self->fail(r.error());
    }
  }

  static void XMLCALL on_end(void* data, const XML_Char* name) {
    auto* self = static_cast<XmlParser*>(data);
    if (self->error_) return;
    if (auto r = self->handler_.end(local_name(name), self->depth_); !r) self->fail(r.error());
    --self->depth_;
  }

  static void XMLCALL on_text(void* data, const XML_Char* s, int len) {
    auto* self = static_cast<XmlParser*>(data);
    if (self->error_) return;
    self->handler_.text(std::string_view(s, static_cast<std::size_t>(len)), self->depth_);
  }

  // Document type declarations are an error in package parts (ECMA-376 Part 2, M1.18): they
  // are how entity expansion attacks work, and no writer emits one.
  static void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                                 int) {
    auto* self = static_cast<XmlParser*>(data);
    self->fail(xlsx_error("xlsx_bad_xml", quoted(self->part_) + "含有文档类型声明（DTD），不允许",
                          quoted(self->part_) + " has a document type declaration, which is not allowed"));
  }

  const std::string& part_;
  XmlHandler& handler_;
  XML_Parser parser_;
  std::optional<Error> error_;
  int depth_ = 0;
  std::string carry_;    // the start of a UTF-8 sequence the last chunk cut short
  uint64_t offset_ = 0;  // bytes of the part handed to the parser so far
};

// Streams the part through `handler`; false when the package has no such part.
Result<bool> parse_part(Zip& zip, const std::string& part, XmlHandler& handler) {
  XmlParser parser(part, handler);
  Result<bool> found = zip.stream(part, [&](std::string_view chunk) { return parser.feed(chunk); });
  if (!found || !*found) return found;
  if (auto r = parser.finish(); !r) return r.error();
  return true;
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

// xl/workbook.xml: the date system (<workbookPr date1904>) and the relationship id of the first
// <sheet> of the first <sheets>, whose attribute is r:id with whatever prefix the writer bound
// to the relationships namespace.
class WorkbookHandler final : public XmlHandler {
 public:
  Result<void> start(std::string_view name, const char** atts, int depth) override {
    if (depth == 2 && name == "workbookPr" && !seen_pr_) {
      seen_pr_ = true;
      const char* v = attribute(atts, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (depth == 2 && name == "sheets" && !seen_sheets_) {
      seen_sheets_ = in_sheets_ = true;
    } else if (depth == 3 && in_sheets_ && name == "sheet" && !seen_sheet_) {
      seen_sheet_ = true;
      for (const char** a = atts; *a != nullptr; a += 2) {
        if (std::strchr(a[0], ':') != nullptr && local_name(a[0]) == "id") first_sheet_rid = a[1];
      }
    }
    return {};
  }
  Result<void> end(std::string_view name, int depth) override {
    if (depth == 2 && name == "sheets") in_sheets_ = false;
    return {};
  }

  bool date1904 = false;
  std::string first_sheet_rid;

 private:
  bool seen_pr_ = false;
  bool seen_sheets_ = false;
  bool in_sheets_ = false;
  bool seen_sheet_ = false;
};

// xl/_rels/workbook.xml.rels: where the first sheet, the shared strings and the styles are.
class RelsHandler final : public XmlHandler {
 public:
  RelsHandler(WorkbookInfo& info, const std::string& first_sheet_rid)
      : info_(info), first_sheet_rid_(first_sheet_rid) {}
  Result<void> start(std::string_view name, const char** atts, int depth) override {
    if (depth != 2 || name != "Relationship") return {};
    const char* id = attribute(atts, "Id");
    const char* type_attr = attribute(atts, "Type");
    const char* target_attr = attribute(atts, "Target");
    const std::string_view type = type_attr != nullptr ? type_attr : "";
    const std::string target = resolve_target(target_attr != nullptr ? target_attr : "");
    if (!first_sheet_rid_.empty() && id != nullptr && first_sheet_rid_ == id) {
      info_.sheet_part = target;
    } else if (type.ends_with("/sharedStrings")) {
      info_.shared_strings_part = target;
    } else if (type.ends_with("/styles")) {
      info_.styles_part = target;
    }
    return {};
  }
  Result<void> end(std::string_view, int) override { return {}; }

 private:
  WorkbookInfo& info_;
  const std::string& first_sheet_rid_;
};

Result<WorkbookInfo> read_workbook(Zip& zip) {
  WorkbookInfo info;
  WorkbookHandler workbook;
  Result<bool> found = parse_part(zip, "xl/workbook.xml", workbook);
  if (!found) return found.error();
  if (!*found) return info;
  info.date1904 = workbook.date1904;
  RelsHandler rels(info, workbook.first_sheet_rid);
  if (Result<bool> r = parse_part(zip, "xl/_rels/workbook.xml.rels", rels); !r) return r.error();
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

// The text of a string item: a shared string <si> or an inline string <is>, holding a plain <t>
// or rich-text runs <r><t>…</t></r>, concatenated; the text of a <rPh> (phonetic guide) is not
// cell text. Fed the elements below the item, with the item's own depth.
class StringItem {
 public:
  void reset() {
    text_.clear();
    in_run_ = run_text_seen_ = false;
    sink_ = 0;
  }
  void start(std::string_view name, int depth, int item_depth) {
    if (depth == item_depth + 1 && name == "t") {
      sink_ = depth;
    } else if (depth == item_depth + 1 && name == "r") {
      in_run_ = true;
      run_text_seen_ = false;
    } else if (depth == item_depth + 2 && in_run_ && name == "t" && !run_text_seen_) {
      run_text_seen_ = true;  // a run's first <t>
      sink_ = depth;
    }
  }
  void end(std::string_view name, int depth, int item_depth) {
    if (sink_ != 0 && depth == sink_) {  // the <t> being read
      append_xstring(text_, t_);
      t_.clear();
      sink_ = 0;
    } else if (depth == item_depth + 1 && name == "r") {
      in_run_ = false;
    }
  }
  void text(std::string_view s, int depth) {
    if (sink_ != 0 && depth == sink_) t_.append(s);
  }
  const std::string& value() const { return text_; }

 private:
  std::string text_;
  std::string t_;  // the <t> being read, before its _xHHHH_ escapes are decoded
  bool in_run_ = false;
  bool run_text_seen_ = false;
  int sink_ = 0;  // depth of the <t> being read, 0 for none
};

// xl/sharedStrings.xml: the <si> items of the root, appended to `text` once; cells that use a
// string point at it.
class SharedStringsHandler final : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::string& text) : text_(text) {}
  Result<void> start(std::string_view name, const char**, int depth) override {
    if (depth == 2 && name == "si") {
      in_item_ = true;
      item_.reset();
    } else if (in_item_) {
      item_.start(name, depth, 2);
    }
    return {};
  }
  Result<void> end(std::string_view name, int depth) override {
    if (!in_item_) return {};
    if (depth == 2) {
      strings.push_back(append_slice(text_, item_.value()));
      in_item_ = false;
    } else {
      item_.end(name, depth, 2);
    }
    return {};
  }
  void text(std::string_view s, int depth) override {
    if (in_item_) item_.text(s, depth);
  }

  std::vector<Slice> strings;

 private:
  std::string& text_;
  StringItem item_;
  bool in_item_ = false;
};

Result<std::vector<Slice>> read_shared_strings(Zip& zip, const std::string& part,
                                               std::string& text) {
  SharedStringsHandler handler(text);
  if (Result<bool> r = parse_part(zip, part, handler); !r) return r.error();
  return std::move(handler.strings);
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

// xl/styles.xml: for each cell style index (<c s="N">), whether its number format is a date.
class StylesHandler final : public XmlHandler {
 public:
  Result<void> start(std::string_view name, const char** atts, int depth) override {
    if (depth == 2 && name == "numFmts" && !seen_formats_) {
      seen_formats_ = in_formats_ = true;
    } else if (depth == 2 && name == "cellXfs" && !seen_xfs_) {
      seen_xfs_ = in_xfs_ = true;
    } else if (depth == 3 && in_formats_ && name == "numFmt") {
      const char* code = attribute(atts, "formatCode");
      custom_[attribute_uint(atts, "numFmtId", 0)] =
          is_date_format_code(code != nullptr ? code : "");
    } else if (depth == 3 && in_xfs_ && name == "xf") {
      xf_formats_.push_back(attribute_uint(atts, "numFmtId", 0));
    }
    return {};
  }
  Result<void> end(std::string_view name, int depth) override {
    if (depth == 2 && name == "numFmts") in_formats_ = false;
    if (depth == 2 && name == "cellXfs") in_xfs_ = false;
    return {};
  }

  // After the part: the formats the styles name, custom ones wherever they were declared.
  std::vector<bool> date_styles() const {
    std::vector<bool> out;
    out.reserve(xf_formats_.size());
    for (unsigned id : xf_formats_) {
      const auto it = custom_.find(id);
      out.push_back(it != custom_.end() ? it->second : is_builtin_date_format(id));
    }
    return out;
  }

 private:
  std::unordered_map<unsigned, bool> custom_;
  std::vector<unsigned> xf_formats_;
  bool seen_formats_ = false;
  bool in_formats_ = false;
  bool seen_xfs_ = false;
  bool in_xfs_ = false;
};

Result<std::vector<bool>> read_date_styles(Zip& zip, const std::string& part) {
  StylesHandler handler;
  if (Result<bool> r = parse_part(zip, part, handler); !r) return r.error();
  return handler.date_styles();
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

// The worksheet: <row>s of the first <sheetData>, each <c> placed at its column (see read_xlsx).
class SheetHandler final : public XmlHandler {
 public:
  SheetHandler(const SheetContext& ctx, std::string& text, const std::string& part)
      : ctx_(ctx), text_(text), part_(part) {}

  Result<void> start(std::string_view name, const char** atts, int depth) override {
    switch (depth) {
      case 1:
        if (name != "worksheet") {
          return xlsx_error("xlsx_no_worksheet", quoted(part_) + "不是工作表（可能是图表页）",
                            quoted(part_) + " is not a worksheet (perhaps a chart sheet)");
        }
        break;
      case 2:
        if (name == "sheetData" && !seen_data_) seen_data_ = in_data_ = true;
        break;
      case 3:
        if (in_data_ && name == "row") return start_row(atts);
        break;
      case 4:
        if (in_row_ && name == "c") start_cell(atts);
        break;
      case 5:
        if (!in_cell_) break;
        if (name == "v" && !seen_value_) {
          seen_value_ = true;
          in_value_ = true;
        } else if (name == "is" && !seen_inline_) {
          seen_inline_ = in_inline_ = true;
          inline_.reset();
        }
        break;
      default:
        if (in_inline_) inline_.start(name, depth, 5);
    }
    return {};
  }

  Result<void> end(std::string_view name, int depth) override {
    switch (depth) {
      case 2:
        if (name == "sheetData") in_data_ = false;
        break;
      case 3:
        if (in_row_) return end_row();
        break;
      case 4:
        if (in_cell_) return end_cell();
        break;
      case 5:
        if (name == "v") in_value_ = false;
        if (name == "is") in_inline_ = false;
        break;
      default:
        if (in_inline_) inline_.end(name, depth, 5);
    }
    return {};
  }

  void text(std::string_view s, int depth) override {
    if (in_value_ && depth == 5) {
      value_.append(s);
    } else if (in_inline_) {
      inline_.text(s, depth);
    }
  }

  // After the part: the rows, their cells viewing the store's text.
  Result<RowSet> finish(std::shared_ptr<CellStore> store) {
    first_cell_.push_back(cells_.size());
    // Cell text is UTF-8 without NUL, as everywhere after the readers (base/text.h). The parts
    // were checked as they were read, and expat refuses character references to what is not a
    // character (XML 1.0, 4.1 "Legal Character"), but Excel's escapes decode to anything:
    // _x0000_ is a NUL. Such a cell is named. One pass over the whole text first: a well-formed
    // sheet pays no more.
    if (first_invalid_utf8(text_) != std::string::npos || text_.find('\0') != std::string::npos) {
      for (std::size_t row = 0; row < lines_.size(); ++row) {
        for (std::size_t i = first_cell_[row]; i < first_cell_[row + 1]; ++i) {
          const std::string_view cell =
              std::string_view(text_).substr(cells_[i].first, cells_[i].second);
          if (is_valid_utf8(cell) && cell.find('\0') == std::string_view::npos) continue;
          const std::string ref = column_letters(i - first_cell_[row]) + std::to_string(lines_[row]);
          return xlsx_error("xlsx_bad_text", "单元格" + ref + "含有无效字符（不是UTF-8文本或含有NUL）",
                            "cell " + ref + " holds invalid characters (not UTF-8 text, or NUL)");
        }
      }
    }
    // The text is final now: offsets become views, and rows spans of them.
    store->cells.reserve(cells_.size());
    for (const auto& [offset, length] : cells_) {
      store->cells.emplace_back(store->text.data() + offset, length);
    }
    RowSet set;
    set.rows.resize(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      set.rows[i].line = lines_[i];
      set.rows[i].cells = std::span<const std::string_view>(
          store->cells.data() + first_cell_[i], first_cell_[i + 1] - first_cell_[i]);
    }
    set.store = std::move(store);
    return set;
  }

 private:
  enum class Type { number, shared, inline_string, formula_text, error, boolean, iso_date };

  static Error bad_row(const std::string& n) {
    return xlsx_error("xlsx_bad_row", "行号" + n + "超出Excel的范围（最多1048576行）",
                      "row number " + n + " is beyond what Excel allows (1,048,576 rows)");
  }

  Result<void> start_row(const char** atts) {
    // The r attribute is optional (ECMA-376 Part 1, 18.3.1.73); without it, or when it is not a
    // number, rows follow on. A number past Excel's last row, however many digits it has, is an
    // error, and so is a row without a number after that last row.
    line_ = next_row_;
    if (const char* r = attribute(atts, "r")) {
      const std::string_view digits(r);
      uint64_t number = 0;
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
      const bool all_digits = ptr == digits.data() + digits.size() &&
                              (ec == std::errc() || ec == std::errc::result_out_of_range);
      if (all_digits && (ec != std::errc() || number > static_cast<uint64_t>(kExcelRows))) {
        return bad_row(quoted(digits));
      }
      if (all_digits && number > 0) line_ = static_cast<int>(number);
    }
    if (line_ > kExcelRows) return bad_row(std::to_string(line_));
    next_row_ = line_ + 1;
    in_row_ = true;
    row_cells_.clear();
    filled_ = 0;
    next_col_ = 0;
    return {};
  }

  void start_cell(const char** atts) {
    in_cell_ = true;
    seen_value_ = seen_inline_ = in_value_ = in_inline_ = false;
    value_.clear();
    col_ = next_col_;
    const char* r = attribute(atts, "r");
    ref_ = r != nullptr ? r : "";
    int ref_row = 0;
    if (r != nullptr && !parse_cell_ref(ref_, col_, ref_row)) col_ = next_col_;
    next_col_ = col_ + 1;
    const char* t = attribute(atts, "t");
    const std::string_view type = t != nullptr ? t : "";
    type_ = type == "s"           ? Type::shared
            : type == "inlineStr" ? Type::inline_string
            : type == "str"       ? Type::formula_text
            : type == "e"         ? Type::error
            : type == "b"         ? Type::boolean
            : type == "d"         ? Type::iso_date
                                  : Type::number;
    style_ = attribute_uint(atts, "s", 0);
  }

  // The cell's text (see read_xlsx), appended to the text unless it is a shared string already
  // there.
  Result<Slice> cell_text() {
    const std::string_view value = value_;
    switch (type_) {
      case Type::shared: {
        unsigned index = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc() || ptr != value.data() + value.size() || index >= ctx_.shared.size()) {
          const std::string ref = quoted(ref_);
          return xlsx_error("xlsx_bad_shared_string", "单元格" + ref + "引用了不存在的共享字符串",
                            "cell " + ref + " refers to a shared string that does not exist");
        }
        return ctx_.shared[index];
      }
      case Type::inline_string:
        return append_slice(text_, seen_inline_ ? inline_.value() : std::string_view());
      case Type::formula_text:  // a formula's text result
      case Type::error: {       // an error value such as #N/A
        std::string out;
        append_xstring(out, value);
        return append_slice(text_, out);
      }
      case Type::boolean:
        return append_slice(text_, value == "1" ? "TRUE" : value.empty() ? "" : "FALSE");
      case Type::iso_date:  // ISO 8601 date cell (Strict and some writers): keep the day
        return append_slice(text_, value.substr(0, value.find('T')));
      case Type::number:
        break;
    }
    if (value.empty()) return Slice{0, 0};
    if (style_ < ctx_.date_styles.size() && ctx_.date_styles[style_]) {
      return append_slice(text_, format_date_serial(value, ctx_.date1904));
    }
    return append_slice(text_, format_number(value));
  }

  Result<void> end_cell() {
    in_cell_ = in_value_ = in_inline_ = false;
    Result<Slice> cell = cell_text();
    if (!cell) return cell.error();
    if (cell->second == 0) return {};  // a styled but empty cell does not widen the row
    const auto index = static_cast<std::size_t>(col_);
    // A cell past the column limit: dropped when blank, else an error naming it. Checked before
    // the row is widened, so that a lone far cell costs nothing.
    Result<bool> keep =
        admit_column(line_, index, std::string_view(text_).substr(cell->first, cell->second));
    if (!keep) return keep.error();
    if (!*keep) return {};
    if (row_cells_.size() <= index) row_cells_.resize(index + 1, Slice{0, 0});
    if (row_cells_[index].second == 0) ++filled_;  // a column given twice counts once
    row_cells_[index] = *cell;
    return {};
  }

  Result<void> end_row() {
    in_row_ = false;
    if (auto b = budget_.add_row(line_, row_cells_.size(), filled_); !b) return b.error();
    lines_.push_back(line_);
    first_cell_.push_back(cells_.size());
    cells_.insert(cells_.end(), row_cells_.begin(), row_cells_.end());
    return {};
  }

  const SheetContext& ctx_;
  std::string& text_;        // the CellStore's text, shared strings first
  const std::string& part_;
  std::vector<Slice> cells_;             // every row's cells, row after row
  std::vector<int> lines_;               // per row
  std::vector<std::size_t> first_cell_;  // per row, index into cells_
  PaddingBudget budget_;                 // the empty slots padding adds (limits.h)
  bool seen_data_ = false;
  bool in_data_ = false;
  // The row being read.
  bool in_row_ = false;
  int line_ = 0;
  int next_row_ = 1;
  int next_col_ = 0;
  std::vector<Slice> row_cells_;  // by column
  std::size_t filled_ = 0;
  // The cell being read.
  bool in_cell_ = false;
  int col_ = 0;
  std::string ref_;
  Type type_ = Type::number;
  unsigned style_ = 0;
  bool seen_value_ = false;
  bool in_value_ = false;
  std::string value_;  // its first <v>
  bool seen_inline_ = false;
  bool in_inline_ = false;
  StringItem inline_;  // its first <is>
};

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
  if (!zip.has(info->sheet_part)) {
    return xlsx_error("xlsx_no_worksheet", "找不到第一个工作表（" + quoted(info->sheet_part) + "）",
                      "the first worksheet (" + quoted(info->sheet_part) + ") is missing");
  }
  auto store = std::make_shared<CellStore>();
  Result<std::vector<Slice>> shared =
      read_shared_strings(zip, info->shared_strings_part, store->text);
  if (!shared) return shared.error();
  Result<std::vector<bool>> date_styles = read_date_styles(zip, info->styles_part);
  if (!date_styles) return date_styles.error();

  const SheetContext ctx{*shared, *date_styles, info->date1904};
  SheetHandler sheet(ctx, store->text, info->sheet_part);
  if (Result<bool> r = parse_part(zip, info->sheet_part, sheet); !r) return r.error();
  return sheet.finish(std::move(store));
}

}  // namespace fg::ledger
