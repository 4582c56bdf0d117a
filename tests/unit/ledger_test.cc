// Unit tests of src/ledger's reading side: encoding detection (UTF-8, UTF-8 with BOM, GB18030),
// the CSV reader, the XLSX reader, header mapping, the rejects file and the typed cell parsers
// (docs/interchange.md). Expected values are literals: Excel serials and byte offsets were
// worked out by hand (44439 = 2021-08-31 in the 1900 system, 42977 in the 1904 system).
#include <gtest/gtest.h>
#include <iconv.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ledger/csv.h"
#include "ledger/encoding.h"
#include "ledger/limits.h"
#include "ledger/table.h"
#include "ledger/xlsx_reader.h"
#include "ledger/xlsx_writer.h"

namespace fg::ledger {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

std::string gb18030_from_utf8(std::string_view utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  EXPECT_NE(iconv(cd, &src, &src_left, &dst, &dst_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

std::filesystem::path temp_path(std::string_view suffix) {
  static std::atomic<int> counter{0};
  return std::filesystem::path(::testing::TempDir()) /
         ("ledger_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
          std::string(suffix));
}

std::string slurp_and_remove(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  in.close();
  std::filesystem::remove(path);
  return ss.str();
}

// A workbook written with libxlsxwriter directly, for what fg::ledger::write_xlsx does not
// write (date formats, booleans, rich text, inline strings).
std::string libxlsxwriter_workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                                   bool constant_memory = false) {
  const auto path = temp_path(".xlsx");
  lxw_workbook_options opts{};
  opts.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  EXPECT_NE(wb, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  fill(wb, ws);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return slurp_and_remove(path);
}

// A zip with the given entries, for hand-written SpreadsheetML.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto path = temp_path(".zip");
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zf, nullptr);
  for (const auto& [name, content] : entries) {
    EXPECT_EQ(zipOpenNewFileInZip64(zf, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr,
                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zf, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(zf), ZIP_OK);
  }
  EXPECT_EQ(zipClose(zf, nullptr), ZIP_OK);
  return slurp_and_remove(path);
}

using Cells = std::vector<std::string>;

Table read_ok(std::string_view bytes, std::string_view name) {
  Result<Table> t = read_table(bytes, name);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().en);
  return t.ok() ? std::move(*t) : Table{};
}

RowSet csv_ok(std::string text) {
  Result<RowSet> r = parse_csv(std::move(text));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().en);
  return r.ok() ? std::move(*r) : RowSet{};
}

Cells cells(const CsvRow& row) { return Cells(row.cells.begin(), row.cells.end()); }

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

Schema entrepreneurs_schema() {
  return Schema{"entrepreneurs",
                {{"id_number", "身份证号", true},
                 {"name", "姓名", true},
                 {"region_code", "区划代码", true},
                 {"category", "人员类别", true},
                 {"start_date", "创业日期", true},
                 {"phone", "联系电话", false},
                 {"return_date", "返乡日期", false}}};
}

// ---------------------------------------------------------------------------------------------
// Encoding

// 𠮷 (U+20BB7, a variant of 吉 found in names) is outside GBK: GB18030 needs four bytes for it.
const std::string kLedgerUtf8 =
    "身份证号,姓名,区划代码\r\n"
    "410523199001011234,张三,410526\r\n"
    "41052319900101123X,\"李四，𠮷\",410500\r\n";

TEST(EncodingTest, DetectsUtf8Utf8BomAndGb18030) {
  const std::string gb = gb18030_from_utf8(kLedgerUtf8);
  ASSERT_NE(gb, kLedgerUtf8);
  ASSERT_NE(gb.find("\x95\x34\xB2\x35"), std::string::npos);  // 𠮷 in GB18030 (four bytes)
  struct Case {
    std::string bytes;
    const char* encoding;
  };
  for (const Case& c : {Case{kLedgerUtf8, "utf-8"}, Case{"\xEF\xBB\xBF" + kLedgerUtf8, "utf-8-bom"},
                        Case{gb, "gb18030"}}) {
    std::string detected;
    Result<std::string> text = to_utf8(c.bytes, &detected);
    ASSERT_TRUE(text.ok()) << c.encoding;
    EXPECT_EQ(*text, kLedgerUtf8) << c.encoding;
    EXPECT_EQ(detected, c.encoding);
  }
}

TEST(EncodingTest, SameTableFromEveryEncoding) {
  const std::string gb = gb18030_from_utf8(kLedgerUtf8);
  for (const std::string& bytes : {kLedgerUtf8, "\xEF\xBB\xBF" + kLedgerUtf8, gb}) {
    const Table t = read_ok(bytes, "台账.csv");
    EXPECT_EQ(t.header, (Cells{"身份证号", "姓名", "区划代码"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].line, 2);
    EXPECT_EQ(cells(t.rows[0]), (Cells{"410523199001011234", "张三", "410526"}));
    EXPECT_EQ(t.rows[1].line, 3);
    EXPECT_EQ(cells(t.rows[1]), (Cells{"41052319900101123X", "李四，𠮷", "410500"}));
  }
  EXPECT_EQ(read_ok(gb, "a.csv").encoding, "gb18030");
  EXPECT_EQ(read_ok("\xEF\xBB\xBF" + kLedgerUtf8, "a.csv").encoding, "utf-8-bom");
}

TEST(EncodingTest, AsciiIsUtf8) {
  std::string detected;
  Result<std::string> text = to_utf8("a,b\n1,2\n", &detected);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "a,b\n1,2\n");
  EXPECT_EQ(detected, "utf-8");
  EXPECT_TRUE(to_utf8("", nullptr).ok());
}

TEST(EncodingTest, BadBytesNameTheirOffset) {
  // 0xFF is neither UTF-8 nor GB18030.
  Result<std::string> r = to_utf8("abc\xFFxyz", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_encoding");
  EXPECT_TRUE(contains(r.error().zh, "第3字节")) << r.error().zh;
  EXPECT_TRUE(contains(r.error().en, "offset 3")) << r.error().en;

  // A GB18030 lead byte cut off by the end of the file.
  r = to_utf8("ab\xD5", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().zh, "第2字节")) << r.error().zh;
  EXPECT_TRUE(contains(r.error().zh, "截断")) << r.error().zh;

  // After a UTF-8 BOM the offset counts the BOM's three bytes.
  r = to_utf8("\xEF\xBB\xBF" "a\xFF", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().en, "offset 4")) << r.error().en;

  r = to_utf8("\xFF\xFE" "a\0b\0", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().en, "UTF-16")) << r.error().en;
}

TEST(EncodingTest, NulBytesAreAnErrorNamingTheirOffset) {
  // UTF-16 without a byte-order mark passes for UTF-8 but for its NULs; no ledger holds one, and
  // PostgreSQL text cannot store one.
  Result<std::string> r = to_utf8(std::string("a\0,\0b\0", 6), nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_encoding");
  EXPECT_TRUE(contains(r.error().zh, "第1字节")) << r.error().zh;
  EXPECT_TRUE(contains(r.error().en, "offset 1 is NUL")) << r.error().en;
  r = to_utf8(std::string("\xEF\xBB\xBF" "a,b\n\0", 8), nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().en, "offset 7 is NUL")) << r.error().en;
  Result<Table> t = read_table(std::string("\xD5\xC5\0", 3), "gbk.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(contains(t.error().en, "offset 2 is NUL")) << t.error().en;
}

// ---------------------------------------------------------------------------------------------
// CSV

TEST(CsvTest, QuotedFieldsAndLineNumbers) {
  const std::string text =
      "a,b,c\r\n"                            // line 1
      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"    // line 2
      "2,\"two\nlines\",z\n"                 // lines 3-4
      "3,\"three\r\nline\r\nfield\",w\r\n"   // lines 5-7
      "4,,\n"                                // line 8
      "5,\"\",\"\"\"\"\n";                   // line 9
  const RowSet set = csv_ok(text);
  const std::vector<CsvRow>& rows = set.rows;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(cells(rows[0]), (Cells{"a", "b", "c"}));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(cells(rows[1]), (Cells{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(cells(rows[2]), (Cells{"2", "two\nlines", "z"}));
  EXPECT_EQ(rows[3].line, 5);
  EXPECT_EQ(cells(rows[3]), (Cells{"3", "three\r\nline\r\nfield", "w"}));
  EXPECT_EQ(rows[4].line, 8);
  EXPECT_EQ(cells(rows[4]), (Cells{"4", "", ""}));
  EXPECT_EQ(rows[5].line, 9);
  EXPECT_EQ(cells(rows[5]), (Cells{"5", "", "\""}));
}

TEST(CsvTest, LineEndsAndBlankLines) {
  // No final line break.
  RowSet set = csv_ok("a,b\n1,2");
  const std::vector<CsvRow>& rows = set.rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(cells(rows[1]), (Cells{"1", "2"}));

  // A blank line in the middle is a record of one empty cell; the final break is not a record.
  set = csv_ok("a\n\nb\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(cells(rows[1]), (Cells{""}));
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(cells(rows[2]), (Cells{"b"}));

  // Lone CR (old Excel for Mac), also inside quotes.
  set = csv_ok("a,b\r\"1\r1\",2\r3,4\r");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(cells(rows[1]), (Cells{"1\r1", "2"}));
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_EQ(cells(rows[2]), (Cells{"3", "4"}));

  // A trailing separator at the very end is an empty last field.
  set = csv_ok("a,b,");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cells(rows[0]), (Cells{"a", "b", ""}));

  EXPECT_TRUE(csv_ok("").rows.empty());
  EXPECT_EQ(csv_ok("\n").rows.size(), 1u);

  // Short texts too: the store must not be moved after views are taken (SSO).
  set = csv_ok("\"x\"\"y\",b");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cells(rows[0]), (Cells{"x\"y", "b"}));
}

TEST(CsvTest, StrayQuotesAreKeptAsExcelDoes) {
  const RowSet set = csv_ok("\"ab\"c,d\"e, \"f\"\n");
  const std::vector<CsvRow>& rows = set.rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(cells(rows[0]), (Cells{"abc", "d\"e", " \"f\""}));
}

TEST(CsvTest, UnterminatedQuoteNamesTheLineItOpensOn) {
  Result<RowSet> r = parse_csv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "csv_unterminated_quote");
  EXPECT_EQ(r.error().zh, "CSV格式错误：第2行开始的引号没有闭合");
  EXPECT_EQ(r.error().en, "malformed CSV: the quote opened on line 2 is never closed");

  // The line counts the break inside the earlier quoted field.
  r = parse_csv("x\n\"a\nb\",\"c\nd\n");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().zh, "第3行")) << r.error().zh;
}

// ---------------------------------------------------------------------------------------------
// Limits (limits.h): at most 256 columns, and padding bounded by the cells present

TEST(LimitsTest, ColumnLetters) {
  EXPECT_EQ(column_letters(0), "A");
  EXPECT_EQ(column_letters(25), "Z");
  EXPECT_EQ(column_letters(26), "AA");
  EXPECT_EQ(column_letters(255), "IV");
  EXPECT_EQ(column_letters(256), "IW");
  EXPECT_EQ(column_letters(299), "KN");
  EXPECT_EQ(column_letters(16383), "XFD");
}

TEST(CsvTest, WideHeaderIsAnErrorNamingTheColumnNotAnAllocationFailure) {
  // The reported upload: a 100,000-column header over 100,000 short lines (about 400 KB). The
  // reader used to reserve lines × header width cell views (160 GB) and throw std::bad_alloc.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "x,";
  text.back() = '\n';
  for (int i = 0; i < 100000; ++i) text += "1\n";
  Result<Table> t = read_table(text, "wide.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "too_many_columns");
  EXPECT_EQ(t.error().kind, ErrorKind::invalid);
  EXPECT_EQ(t.error().zh,
            "第1行第257列（单元格IW1）有内容，超出列数上限：台账最多256列（A–IV列）；"
            "请删除多余的列后再导入");
  EXPECT_EQ(t.error().en,
            "line 1, column 257 (cell IW1) holds data beyond the column limit: a ledger has at "
            "most 256 columns (A to IV); delete the extra columns and import again");
}

TEST(CsvTest, BlankFieldsBeyondTheColumnLimitAreDropped) {
  // Excel saves every line of a sheet whose used range runs to column KN with 300 fields.
  const std::string trail(297, ',');
  const std::string text = "a,b,c" + trail + "\n1,2,3" + trail + "\n4,5, " + trail + " \n";
  const RowSet set = csv_ok(text);
  ASSERT_EQ(set.rows.size(), 3u);
  for (const CsvRow& row : set.rows) EXPECT_EQ(row.cells.size(), kMaxColumns);
  EXPECT_EQ(cells(set.rows[1])[2], "3");
  EXPECT_EQ(cells(set.rows[1])[255], "");

  // Data there is an error naming its line and column, counted as the file has them (the
  // dropped blanks before it included).
  Result<RowSet> r = parse_csv("a\n\"x\ny\"" + trail + ",,z\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_many_columns");
  EXPECT_TRUE(contains(r.error().en, "line 2, column 300 (cell KN2)")) << r.error().en;
}

TEST(CsvTest, CellViewsAreBoundedByTheTextNotByLinesTimesHeaderWidth) {
  // A 256-column header over 200,000 empty lines: 20,000 cells' worth of text. Reserving
  // lines × header width would hold 51 million views (820 MB).
  std::string text;
  for (std::size_t i = 0; i < kMaxColumns; ++i) text += "h,";
  text.back() = '\n';
  text += std::string(200000, '\n');
  const std::size_t size = text.size();
  const RowSet set = csv_ok(std::move(text));
  EXPECT_EQ(set.rows.size(), 200001u);
  EXPECT_LE(set.store->cells.capacity(), size + 1);
}

// ---------------------------------------------------------------------------------------------
// read_table

TEST(TableTest, DropsBlankRowsAndTrimsHeader) {
  const std::string text =
      "\n"
      "\xEF\xBB\xBF 身份证号　,姓名\n"  // a BOM that was not at the start of the file, blanks
      ",\n"
      "1,张三\n"
      "\xE3\x80\x80, \n"
      "2,李四\n";
  const Table t = read_ok(text, "x.csv");
  EXPECT_EQ(t.header_line, 2);
  EXPECT_EQ(t.header, (Cells{"身份证号", "姓名"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].line, 4);
  EXPECT_EQ(t.rows[1].line, 6);
  EXPECT_EQ(cells(t.rows[1]), (Cells{"2", "李四"}));
}

TEST(TableTest, RefusesEmptyFilesAndXls) {
  for (std::string_view empty : {"", "\n\n", ",,\r\n \r\n"}) {
    Result<Table> t = read_table(empty, "a.csv");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "empty_file");
  }
  Result<Table> t = read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), "a.xls");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "xls_not_supported");
  t = read_table("a,b\n", "renamed.xlsx");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "xlsx_not_zip");
}

// ---------------------------------------------------------------------------------------------
// Header mapping

TEST(MapHeaderTest, ChineseNamesInAnyOrderWithRequiredMarks) {
  const Schema s = entrepreneurs_schema();
  Result<ColumnMap> m =
      map_header(s, {"姓名*", "区划代码（必填）", "身份证号", "备注", "人员类别＊", "创业日期", ""});
  ASSERT_TRUE(m.ok()) << m.error().zh;
  EXPECT_EQ(m->index, (std::vector<int>{2, 0, 1, 4, 5, -1, -1}));
  EXPECT_EQ(m->unknown, (Cells{"备注"}));
  EXPECT_FALSE(m->has(5));
  const RowSet set = csv_ok("张三,410526,410523199001011234,x,graduate,2021-08-31\n张三\n");
  EXPECT_EQ(m->cell(set.rows[0], 0), "410523199001011234");
  EXPECT_EQ(m->cell(set.rows[0], 4), "2021-08-31");
  EXPECT_EQ(m->cell(set.rows[0], 5), "");  // absent column
  EXPECT_EQ(m->cell(set.rows[1], 2), "");  // short row
}

TEST(MapHeaderTest, EnglishKeysAnyCaseAndMixed) {
  Result<ColumnMap> m = map_header(entrepreneurs_schema(),
                                   {"START_DATE", "Category", "region_code", "name", "ID_Number",
                                    "联系电话", "return_date", "extra", "其他"});
  ASSERT_TRUE(m.ok()) << m.error().zh;
  EXPECT_EQ(m->index, (std::vector<int>{4, 3, 2, 1, 0, 5, 6}));
  EXPECT_EQ(m->unknown, (Cells{"extra", "其他"}));
}

TEST(MapHeaderTest, FullWidthParenthesesMatch) {
  const Schema loans{"loans",
                     {{"amount_yuan", "贷款金额(元)", true}, {"term_months", "期限(月)", true}}};
  Result<ColumnMap> m = map_header(loans, {"期限(月)", "贷款金额（元）*"});
  ASSERT_TRUE(m.ok()) << m.error().zh;
  EXPECT_EQ(m->index, (std::vector<int>{1, 0}));
}

TEST(MapHeaderTest, MissingRequiredColumnsAreNamed) {
  const Schema s = entrepreneurs_schema();
  Result<ColumnMap> m = map_header(s, {"姓名", "区划代码", "人员类别", "创业日期", "联系电话"});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "missing_column");
  EXPECT_EQ(m.error().field, "id_number");
  EXPECT_EQ(m.error().zh, "缺少必填列：身份证号（id_number）");

  m = map_header(s, {"name", "region_code", "category"});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().field, "id_number");
  EXPECT_EQ(m.error().zh, "缺少必填列：身份证号（id_number）、创业日期（start_date）");
  EXPECT_EQ(m.error().en, "missing required columns: id_number (身份证号), start_date (创业日期)");
}

TEST(MapHeaderTest, ColumnNamedTwiceIsAnError) {
  Result<ColumnMap> m = map_header(entrepreneurs_schema(),
                                   {"身份证号", "name", "姓名", "区划代码", "人员类别", "创业日期"});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "duplicate_column");
  EXPECT_EQ(m.error().field, "name");
  EXPECT_EQ(m.error().zh, "表头中“姓名（name）”出现了两次（第2列和第3列）");
}

// ---------------------------------------------------------------------------------------------
// Rejects file

TEST(RejectsTest, OneLinePerBadRowWithReasons) {
  const Table t = read_ok(
      "身份证号,姓名,创业日期\n"
      "410523199001011234,张三,2021-13-01\n"
      "1,\"李,四\",2021-01-01\n"
      "\n"
      "41052319900101123X,王五,2021-01-02\n"
      "2,\"赵\"\"六\"\"\",2021-01-03,多余\n",
      "ledger.csv");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[3].line, 6);
  const std::vector<RowError> errors = {
      {3, "id_number", "身份证号位数不对", "wrong length"},
      {2, "start_date", "日期不存在", "no such date"},
      {3, "name", "姓名含有逗号", "comma in name"},
      {3, "id_number", "身份证号校验码错误", "bad check digit"},
      {6, "", "多出一列", "one cell too many"},
  };
  EXPECT_EQ(rejects_csv(t, errors),
            "\xEF\xBB\xBF"
            "身份证号,姓名,创业日期,,错误行号,错误列,错误原因\r\n"
            "\t410523199001011234,张三,2021-13-01,,2,start_date,日期不存在\r\n"
            "1,\"李,四\",2021-01-01,,3,id_number；name,"
            "身份证号位数不对；姓名含有逗号；身份证号校验码错误\r\n"
            "2,\"赵\"\"六\"\"\",2021-01-03,多余,6,,多出一列\r\n");

  const Schema s = entrepreneurs_schema();
  const std::string with_names = rejects_csv(t, {errors[1], errors[2]}, &s);
  EXPECT_EQ(with_names,
            "\xEF\xBB\xBF"
            "身份证号,姓名,创业日期,错误行号,错误列,错误原因\r\n"
            "\t410523199001011234,张三,2021-13-01,2,创业日期,日期不存在\r\n"
            "1,\"李,四\",2021-01-01,3,姓名,姓名含有逗号\r\n");

  // The rejects file reads back: same cells once trimmed, extra columns unknown.
  const Table back = read_ok(with_names, "rejects.csv");
  EXPECT_EQ(back.encoding, "utf-8-bom");
  ASSERT_EQ(back.rows.size(), 2u);
  EXPECT_EQ(*parse_required_text(back.rows[0].cells[0], "id_number"), "410523199001011234");
  EXPECT_EQ(back.rows[1].cells[1], "李,四");
  Result<ColumnMap> m = map_header(Schema{"x", {{"id_number", "身份证号", true}}}, back.header);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->unknown, (Cells{"姓名", "创业日期", "错误行号", "错误列", "错误原因"}));
}

// ---------------------------------------------------------------------------------------------
// Typed cell parsers

TEST(CellParserTest, RequiredText) {
  Result<std::string> r = parse_required_text(" 张三\xE3\x80\x80", "name");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "张三");
  r = parse_required_text("\xE3\x80\x80 ", "name");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "name");
  EXPECT_EQ(r.error().zh, "不能为空");
}

TEST(CellParserTest, Dates) {
  for (std::string_view text : {"2021-08-31", "2021/08/31", "2021/8/31", "2021年8月31日",
                                " 2021-08-31 ", "2021/8/31 0:00", "2021-08-31 00:00:00"}) {
    Result<Date> d = parse_date_cell(text, "start_date");
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(*d, Date(2021, 8, 31)) << text;
  }
  for (std::string_view text : {"", "2021-02-29", "31/08/2021", "2021-08-31 noon", "44439"}) {
    Result<Date> d = parse_date_cell(text, "start_date");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.error().field, "start_date") << text;
  }
}

TEST(CellParserTest, NonNegativeIntegers) {
  struct Case {
    const char* text;
    int64_t value;
  };
  for (const Case& c : {Case{"0", 0}, Case{"42", 42}, Case{" 7 ", 7}, Case{"1,234", 1234},
                        Case{"413,000,000", 413000000}, Case{"50000.00", 50000},
                        Case{"123456789012345678", 123456789012345678}}) {
    Result<int64_t> n = parse_nonneg_int(c.text, "jobs");
    ASSERT_TRUE(n.ok()) << c.text;
    EXPECT_EQ(*n, c.value) << c.text;
  }
  for (const char* text : {"", "-1", "1.5", "1,23", "12,345,67", ",123", "abc", "1e3", "+5",
                           "1234567890123456789", "1 000", "3."}) {
    Result<int64_t> n = parse_nonneg_int(text, "jobs");
    ASSERT_FALSE(n.ok()) << text;
    EXPECT_EQ(n.error().field, "jobs") << text;
  }
  EXPECT_EQ(parse_nonneg_int("-1", "jobs").error().zh, "“-1”不是非负整数");
}

TEST(CellParserTest, Enumerations) {
  const std::vector<std::pair<std::string, std::string>> category = {
      {"migrant_worker", "农民工"}, {"graduate", "高校毕业生"}, {"other", "其他"}};
  for (const char* text : {"graduate", "GRADUATE", "高校毕业生", " 高校毕业生\xE3\x80\x80"}) {
    Result<std::string> r = parse_enum(text, "category", category);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_EQ(*r, "graduate") << text;
  }
  Result<std::string> r = parse_enum("学生", "category", category);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "category");
  EXPECT_EQ(r.error().zh,
            "“学生”不是可选值，应为：农民工（migrant_worker）、高校毕业生（graduate）、其他（other）");
}

TEST(CellParserTest, YesNo) {
  for (const char* text : {"yes", "Y", "TRUE", "是", "1", " 是 "}) {
    Result<bool> r = parse_yes_no(text, "credit_village");
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_TRUE(*r) << text;
  }
  for (const char* text : {"no", "N", "false", "否", "0"}) {
    Result<bool> r = parse_yes_no(text, "credit_village");
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_FALSE(*r) << text;
  }
  for (const char* text : {"", "maybe", "对"}) {
    Result<bool> r = parse_yes_no(text, "credit_village");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().field, "credit_village");
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

TEST(XlsxTest, RoundTripThroughTheProjectWriter) {
  Sheet sheet;
  sheet.name = "台账";
  sheet.headers = {"身份证号", "姓名", "带动就业人数", "金额", "备注", "区划代码"};
  sheet.rows = {
      {std::string("410523199001011234"), std::string("张三"), int64_t{3}, 2.5, std::monostate{},
       std::string("410526")},
      {std::string("41052319900101123X"), std::string("李四"), int64_t{0}, 1234567890123.0,
       std::string("有 \"引号\", 逗号"), int64_t{410500}},
      // An ID typed as a number has lost its last digits in Excel already; it reads as Excel
      // shows it, and validation refuses it.
      {int64_t{410523199001011234}, std::string("王五"), int64_t{-2}, 0.1 + 0.2},
  };
  const Table t = read_ok(write_xlsx(sheet), "台账.xlsx");
  EXPECT_EQ(t.encoding, "xlsx");
  EXPECT_EQ(t.header_line, 1);
  EXPECT_EQ(t.header, sheet.headers);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(cells(t.rows[0]), (Cells{"410523199001011234", "张三", "3", "2.5", "", "410526"}));
  EXPECT_EQ(t.rows[1].line, 3);
  EXPECT_EQ(cells(t.rows[1]), (Cells{"41052319900101123X", "李四", "0", "1234567890123",
                                    "有 \"引号\", 逗号", "410500"}));
  EXPECT_EQ(t.rows[2].line, 4);
  EXPECT_EQ(cells(t.rows[2]), (Cells{"4.10523199001011E+17", "王五", "-2", "0.3"}));

  // Bytes win over the name.
  EXPECT_EQ(read_ok(write_xlsx(sheet), "upload.csv").rows.size(), 3u);
}

TEST(XlsxTest, DateCellsBooleansRichTextAndGaps) {
  const std::string bytes = libxlsxwriter_workbook([](lxw_workbook* wb, lxw_worksheet* ws) {
    lxw_format* iso = workbook_add_format(wb);
    format_set_num_format(iso, "yyyy-mm-dd");
    lxw_format* builtin14 = workbook_add_format(wb);
    format_set_num_format_index(builtin14, 14);
    lxw_format* chinese = workbook_add_format(wb);
    format_set_num_format(chinese, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* time = workbook_add_format(wb);
    format_set_num_format(time, "hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);

    worksheet_write_string(ws, 0, 0, "日期", nullptr);
    worksheet_write_string(ws, 0, 1, "内置", nullptr);
    worksheet_write_string(ws, 0, 2, "中文", nullptr);
    worksheet_write_string(ws, 0, 3, "时间", nullptr);
    worksheet_write_string(ws, 0, 4, "金额", nullptr);
    worksheet_write_string(ws, 0, 5, "布尔", nullptr);
    worksheet_write_string(ws, 0, 6, "姓名", nullptr);

    worksheet_write_number(ws, 1, 0, 44439, iso);
    lxw_datetime dt{2021, 8, 31, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 1, &dt, builtin14);
    worksheet_write_number(ws, 1, 2, 44197.75, chinese);  // 2021-01-01 18:00
    worksheet_write_number(ws, 1, 3, 0.5, time);
    worksheet_write_number(ws, 1, 4, 44439, money);
    worksheet_write_boolean(ws, 1, 5, 1, nullptr);
    lxw_rich_string_tuple zhang{nullptr, const_cast<char*>("张")};
    lxw_rich_string_tuple san{bold, const_cast<char*>("三")};
    lxw_rich_string_tuple* rich[] = {&zhang, &san, nullptr};
    worksheet_write_rich_string(ws, 1, 6, rich, nullptr);

    // Row 3 is left out; in row 4 columns B–E are empty, C only formatted.
    worksheet_write_string(ws, 3, 0, "007", nullptr);
    worksheet_write_blank(ws, 3, 2, iso);
    worksheet_write_boolean(ws, 3, 5, 0, nullptr);
  });
  const Table t = read_ok(bytes, "dates.xlsx");
  EXPECT_EQ(t.header, (Cells{"日期", "内置", "中文", "时间", "金额", "布尔", "姓名"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(cells(t.rows[0]),
            (Cells{"2021-08-31", "2021-08-31", "2021-01-01", "0.5", "44439", "TRUE", "张三"}));
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_EQ(cells(t.rows[1]), (Cells{"007", "", "", "", "", "FALSE"}));
}

TEST(XlsxTest, InlineStrings) {
  // libxlsxwriter's constant-memory mode writes strings inline (t="inlineStr").
  const std::string bytes = libxlsxwriter_workbook(
      [](lxw_workbook*, lxw_worksheet* ws) {
        worksheet_write_string(ws, 0, 0, "身份证号", nullptr);
        worksheet_write_string(ws, 0, 1, "姓名", nullptr);
        worksheet_write_string(ws, 1, 0, "410523199001011234", nullptr);
        worksheet_write_string(ws, 1, 1, "张三", nullptr);
      },
      /*constant_memory=*/true);
  const Table t = read_ok(bytes, "inline.xlsx");
  EXPECT_EQ(t.header, (Cells{"身份证号", "姓名"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(cells(t.rows[0]), (Cells{"410523199001011234", "张三"}));
}

constexpr const char* kMain =
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

TEST(XlsxTest, FallsBackToSheet1AndReadsPrefixedElements) {
  // No workbook.xml, every element prefixed, rows and cells without references, Excel's
  // _xHHHH_ escapes, phonetic guides, formula and error results.
  const std::string sst = std::string("<x:sst xmlns:x=\"") + kMain + "\">"
      "<x:si><x:t>编号</x:t></x:si>"
      "<x:si><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space=\"preserve\">三 </x:t></x:r>"
      "<x:rPh sb=\"0\" eb=\"1\"><x:t>ZHANG</x:t></x:rPh></x:si>"
      "<x:si><x:t>a_x000D_b_x005F_x0041_</x:t></x:si>"
      "</x:sst>";
  const std::string sheet = std::string("<x:worksheet xmlns:x=\"") + kMain + "\"><x:sheetData>"
      "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>备注</x:t></x:is></x:c>"
      "<x:c t=\"str\"><x:f>A1</x:f><x:v>公式</x:v></x:c></x:row>"
      "<x:row><x:c t=\"s\"><x:v>1</x:v></x:c><x:c t=\"s\"><x:v>2</x:v></x:c>"
      "<x:c t=\"e\"><x:v>#N/A</x:v></x:c><x:c><x:v>12</x:v></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  const Table t = read_ok(
      zip_of({{"xl/sharedStrings.xml", sst}, {"xl/worksheets/sheet1.xml", sheet}}), "a.xlsx");
  EXPECT_EQ(t.header, (Cells{"编号", "备注", "公式"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_EQ(cells(t.rows[0]), (Cells{"张三 ", "a\rb_x0041_", "#N/A", "12"}));
}

TEST(XlsxTest, FirstSheetComesFromTheWorkbookAnd1904Dates) {
  const std::string workbook = std::string("<workbook xmlns=\"") + kMain +
      "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<workbookPr date1904=\"1\"/>"
      "<sheets><sheet name=\"台账\" sheetId=\"2\" r:id=\"rId7\"/>"
      "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/worksheet\" Target=\"/xl/worksheets/../data/ledger.xml\"/>"
      "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/styles\" Target=\"theme/../my-styles.xml\"/>"
      "</Relationships>";
  const std::string styles = std::string("<styleSheet xmlns=\"") + kMain + "\">"
      "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"[$-804]0.00&quot;元&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"mm:ss\"/></numFmts>"
      "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"165\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>";
  const std::string ledger = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>日期</t></is></c>"
      "<c r=\"C3\" t=\"inlineStr\"><is><t>金额</t></is></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>42977</v></c><c r=\"B4\" s=\"4\"><v>42977.9</v></c>"
      "<c r=\"C4\" s=\"2\"><v>42977</v></c><c r=\"D4\" s=\"3\"><v>0.25</v></c></row>"
      "</sheetData></worksheet>";
  const std::string other = std::string("<worksheet xmlns=\"") + kMain +
      "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>说明</t></is></c></row>"
      "</sheetData></worksheet>";
  const Table t = read_ok(zip_of({{"xl/workbook.xml", workbook},
                                  {"xl/_rels/workbook.xml.rels", rels},
                                  {"xl/my-styles.xml", styles},
                                  {"xl/worksheets/sheet1.xml", other},
                                  {"xl/data/ledger.xml", ledger}}),
                          "a.xlsx");
  EXPECT_EQ(t.header_line, 3);
  EXPECT_EQ(t.header, (Cells{"日期", "", "金额"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 4);
  EXPECT_EQ(cells(t.rows[0]), (Cells{"2021-08-31", "2021-08-31", "42977", "0.25"}));
}

TEST(XlsxTest, BrokenWorkbooksAreErrors) {
  Result<RowSet> r = read_xlsx("not a zip");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_not_zip");
  EXPECT_TRUE(contains(r.error().zh, "XLSX")) << r.error().zh;

  r = read_xlsx(zip_of({{"hello.txt", "hi"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_no_worksheet");

  r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_xml");
  EXPECT_TRUE(contains(r.error().en, "xl/worksheets/sheet1.xml")) << r.error().en;

  r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml",
                         "<worksheet><sheetData><row><c t=\"s\"><v>5</v></c></row></sheetData>"
                         "</worksheet>"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_shared_string");

  // A truncated upload.
  Sheet sheet{"s", {"a"}, {{std::string("b")}}, {}};
  const std::string bytes = write_xlsx(sheet);
  for (std::size_t keep : {std::size_t{4}, std::size_t{100}, bytes.size() / 2, bytes.size() - 10}) {
    EXPECT_FALSE(read_xlsx(std::string_view(bytes).substr(0, keep)).ok()) << keep;
  }
}

TEST(XlsxTest, RowNumbersBeyondExcelAreErrors) {
  // A row number is at most 1,048,576 (ECMA-376 Part 1, 18.3.1.73). The reader counted on from
  // whatever it was given, and a row after r="2147483647" overflowed int.
  for (std::string_view r : {"1048577", "2147483647", "99999999999999999999"}) {
    const std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
        "<row r=\"" + std::string(r) + "\"><c><v>1</v></c></row><row><c><v>2</v></c></row>"
        "</sheetData></worksheet>";
    Result<RowSet> rows = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", sheet}}));
    ASSERT_FALSE(rows.ok()) << r;
    EXPECT_EQ(rows.error().code, "xlsx_bad_row");
    EXPECT_TRUE(contains(rows.error().zh, "行号" + std::string(r))) << rows.error().zh;
  }
  const std::string last = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row r=\"1048575\"><c><v>1</v></c></row><row><c><v>2</v></c></row></sheetData></worksheet>";
  Result<RowSet> rows = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", last}}));
  ASSERT_TRUE(rows.ok()) << rows.error().en;
  EXPECT_EQ(rows->rows.back().line, 1048576);
}

TEST(XlsxTest, TheSharedStringCountIsNotTrusted) {
  // Found by fuzz/xlsx_parts_fuzz: uniqueCount="4294967295" reserved 64 GB of slices.
  const std::string sst = std::string("<sst xmlns=\"") + kMain +
      "\" uniqueCount=\"4294967295\"><si><t>姓名</t></si><si><t>张三</t></si></sst>";
  const std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row><c t=\"s\"><v>0</v></c></row><row><c t=\"s\"><v>1</v></c></row></sheetData></worksheet>";
  const Table t = read_ok(
      zip_of({{"xl/sharedStrings.xml", sst}, {"xl/worksheets/sheet1.xml", sheet}}), "a.xlsx");
  EXPECT_EQ(t.header, (Cells{"姓名"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(cells(t.rows[0]), (Cells{"张三"}));
}

// Limits the address space of this (child) process to what it maps now plus `extra` bytes, so
// that an allocation beyond that fails.
void limit_address_space(std::size_t extra) {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  const auto limit = static_cast<rlim_t>(pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) + extra);
  const rlimit r{limit, limit};
  ::setrlimit(RLIMIT_AS, &r);
}

TEST(XlsxTest, TheDeclaredPartSizeIsNotReservedBeyondWhatTheFileCanHold) {
  // A zip whose headers claim 500 MiB for a sheet of a few hundred bytes: the reader reserved
  // the claimed size before inflating. In a child limited to 128 MiB more than it has, the sheet
  // must read (the data and its CRC are intact; the size is only the writer's word), not end in
  // std::bad_alloc.
  std::string bytes = zip_of({{"xl/worksheets/sheet1.xml",
                               std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData/></worksheet>"}});
  const auto set_size = [&](std::size_t at) {  // little-endian uncompressed size (APPNOTE 4.4.9)
    const uint32_t claimed = 500u << 20;
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((claimed >> (8 * i)) & 0xFF);
  };
  set_size(22);                                        // local file header
  set_size(bytes.find(std::string("PK\x01\x02", 4)) + 24);  // central directory header
  EXPECT_EXIT(
      {
        limit_address_space(std::size_t{128} << 20);
        const Result<RowSet> r = read_xlsx(bytes);
        std::exit(r.ok() && r->rows.empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(XlsxTest, PartsThatAreNotUtf8AreErrors) {
  // ECMA-376 Part 2, M1.17: XML parts are UTF-8 (or UTF-16, which no writer in use makes).
  const std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row><c><v>\xC9</v></c></row></sheetData></worksheet>";
  Result<RowSet> r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_encoding");
  EXPECT_EQ(r.error().en, "cannot read the XLSX file: xl/worksheets/sheet1.xml is not UTF-8 (offset " +
                              std::to_string(sheet.find('\xC9')) + "; UTF-16 is not supported)");
}

TEST(XlsxTest, CellsThatAreNotTextAreErrorsNamingTheCell) {
  // Character references to what is not an XML character break well-formedness (XML 1.0, 4.1
  // "Legal Character"); Excel's escape of NUL is well-formed but no cell text.
  const auto sheet_with = [](std::string_view text) {
    return zip_of({{"xl/worksheets/sheet1.xml",
                    std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
                        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>ok</t></is></c>"
                        "<c r=\"C2\" t=\"inlineStr\"><is><t>" + std::string(text) +
                        "</t></is></c></row></sheetData></worksheet>"}});
  };
  for (std::string_view bad : {"&#xD800;", "&#x110000;", "a&#0;b"}) {
    Result<RowSet> r = read_xlsx(sheet_with(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "xlsx_bad_xml");
    EXPECT_TRUE(contains(r.error().en, "invalid character")) << r.error().en;
  }
  Result<RowSet> r = read_xlsx(sheet_with("a_x0000_b"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_text");
  EXPECT_EQ(r.error().zh, "XLSX文件无法读取：单元格C2含有无效字符（不是UTF-8文本或含有NUL）");
}

TEST(XlsxTest, AZipBombOfEmptyElementsCostsNoMemory) {
  // 64 MiB of <c/> deflate to 63 KB. Parsed into a tree they took 1 GB (16 bytes a byte of
  // XML); streamed, the reader holds only cells, and this sheet has one.
  std::string bytes;
  {
    std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData><row><c><v>1</v></c>";
    sheet.reserve((std::size_t{64} << 20) + 64);
    while (sheet.size() < (std::size_t{64} << 20)) sheet += "<c/><c/><c/><c/><c/><c/><c/><c/>";
    sheet += "</row></sheetData></worksheet>";
    bytes = zip_of({{"xl/worksheets/sheet1.xml", sheet}});
  }
  ASSERT_LT(bytes.size(), 100u << 10);
  struct rusage before {};
  getrusage(RUSAGE_SELF, &before);  // the peak so far includes the 64 MiB of XML, now freed
  Result<RowSet> r = read_xlsx(bytes);
  struct rusage after {};
  getrusage(RUSAGE_SELF, &after);
  ASSERT_TRUE(r.ok()) << r.error().en;
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(cells(r->rows[0]), (Cells{"1"}));
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 64 * 1024) << "KiB";  // ru_maxrss is in KiB
}

TEST(XlsxTest, TextAcrossTheInflatedChunksOfAPart) {
  // Parts are parsed in 64 KiB chunks: a character whose bytes straddle two chunks reads whole,
  // and a bad byte far into the part is named by its offset in the part.
  const std::string head = std::string("<worksheet xmlns=\"") + kMain +
      "\"><sheetData><row><c t=\"inlineStr\"><is><t>";
  const std::string pad(65535 - head.size(), 'a');  // 张 starts at byte 65535
  const std::string tail = "张三</t></is></c></row></sheetData></worksheet>";
  Result<RowSet> r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", head + pad + tail}}));
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_EQ(r->rows[0].cells[0], pad + "张三");

  const std::string bad = head + std::string(100000, 'a') + "\xE5\x87</t></is></c></row></sheetData></worksheet>";
  r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", bad}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_encoding");
  EXPECT_TRUE(contains(r.error().en, "(offset " + std::to_string(head.size() + 100000) + ";"))
      << r.error().en;
}

TEST(XlsxTest, DocumentTypeDeclarationsAndDeepNestingAreErrors) {
  // ECMA-376 Part 2, M1.18: a DTD in a part is an error (and the way to an entity expansion).
  const std::string dtd = std::string("<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>") +
      "<worksheet xmlns=\"" + kMain + "\"><sheetData><row><c t=\"inlineStr\"><is><t>&a;</t>"
      "</is></c></row></sheetData></worksheet>";
  Result<RowSet> r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", dtd}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_xml");
  EXPECT_TRUE(contains(r.error().en, "document type declaration")) << r.error().en;

  std::string deep = std::string("<worksheet xmlns=\"") + kMain + "\">";
  for (int i = 0; i < 300; ++i) deep += "<extLst>";
  for (int i = 0; i < 300; ++i) deep += "</extLst>";
  r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", deep + "</worksheet>"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "xlsx_bad_xml");
  EXPECT_TRUE(contains(r.error().en, "deeper than 256 levels")) << r.error().en;
}

// A sheet of `rows` rows, each holding the inline string "x" in the given column only.
std::string sheet_with_one_cell_per_row(std::string_view column, int rows) {
  std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>";
  for (int i = 1; i <= rows; ++i) {
    const std::string n = std::to_string(i);
    sheet += "<row r=\"" + n + "\"><c r=\"" + std::string(column) + n +
             "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  }
  return zip_of({{"xl/worksheets/sheet1.xml", sheet + "</sheetData></worksheet>"}});
}

TEST(XlsxTest, DataBeyondTheColumnLimitIsAnErrorNamingTheCell) {
  // The reported upload (46 KB): 8,192 rows of one cell at XFD. Each row used to be padded to
  // 16,384 cells and copied, 4 GB in all.
  const std::string bytes = sheet_with_one_cell_per_row("XFD", 8192);
  Result<Table> t = read_table(bytes, "wide.xlsx");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "too_many_columns");
  EXPECT_EQ(t.error().zh,
            "第1行第16384列（单元格XFD1）有内容，超出列数上限：台账最多256列（A–IV列）；"
            "请删除多余的列后再导入");
  EXPECT_TRUE(contains(t.error().en, "line 1, column 16384 (cell XFD1)")) << t.error().en;

  // The same past the last referenced cell, without references.
  const std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row r=\"3\"><c r=\"IV3\"><v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>";
  Result<RowSet> r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(contains(r.error().en, "line 3, column 257 (cell IW3)")) << r.error().en;
}

TEST(XlsxTest, BlankCellsBeyondTheColumnLimitAreDropped) {
  const std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
      "<c r=\"XFD1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c>"
      "<c r=\"IW1\" s=\"3\"/></row></sheetData></worksheet>";
  const Table t = read_ok(zip_of({{"xl/worksheets/sheet1.xml", sheet}}), "a.xlsx");
  EXPECT_EQ(t.header, (Cells{"a"}));
}

TEST(XlsxTest, PaddingBeyondTheBudgetIsAnError) {
  // Within the column limit, rows of one cell at IV pad 255 empty cells each: the budget of
  // 16 per filled cell plus 2^20 runs out at row 4,388 (255 × 4388 > 16 × 4388 + 1048576).
  Result<Table> t = read_table(sheet_with_one_cell_per_row("IV", 8192), "sparse.xlsx");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "too_sparse");
  EXPECT_EQ(t.error().kind, ErrorKind::invalid);
  EXPECT_TRUE(contains(t.error().zh, "读到第4388行时")) << t.error().zh;
  EXPECT_TRUE(contains(t.error().en, "by line 4388")) << t.error().en;

  // One row less than that reads, and what the reader holds stays within the bound.
  t = read_table(sheet_with_one_cell_per_row("IV", 4387), "sparse.xlsx");
  ASSERT_TRUE(t.ok()) << t.error().en;
  EXPECT_EQ(t->store->cells.size(), 4387u * kMaxColumns);
  EXPECT_LE(t->store->cells.size(), 4387u * (1 + kPaddingPerCell) + kPaddingAllowance);
}

TEST(XlsxTest, SparseLedgersWellWithinTheBudgetRead) {
  // A ten-column ledger whose rows fill only the first and the last column, 20,000 rows.
  std::string sheet = std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>";
  for (int i = 1; i <= 20000; ++i) {
    const std::string n = std::to_string(i);
    sheet += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"J" + n +
             "\"><v>1</v></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  Result<RowSet> r = read_xlsx(zip_of({{"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_TRUE(r.ok()) << r.error().en;
  ASSERT_EQ(r->rows.size(), 20000u);
  EXPECT_EQ(r->rows[19999].cells.size(), 10u);
  EXPECT_EQ(r->rows[19999].cells[9], "1");
}

}  // namespace
}  // namespace fg::ledger
