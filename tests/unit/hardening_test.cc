// Issue 11 (hardening): the text-safety, formula-escape and masking mechanisms every module's
// input and output pass through. Each case names the defect it keeps fixed.
#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "auth/passwords.h"
#include "auth/service.h"
#include "base/privacy.h"
#include "db/migrate.h"
#include "http/router.h"
#include "regions/service.h"
#include "test_db.h"
#include "base/text.h"
#include "ledger/table.h"
#include "ledger/xlsx_writer.h"

namespace fg {
namespace {

constexpr const char* kFFFE = "\xEF\xBF\xBE";  // U+FFFE, a noncharacter

TEST(UnsafeTextTest, FindsControlsNoncharactersAndBadUtf8) {
  EXPECT_EQ(find_unsafe_char("张三 Zhang\t\r\n"), std::string::npos) << "tab, CR and LF are text";
  EXPECT_EQ(find_unsafe_char(std::string("ab") + kFFFE), 2u);
  EXPECT_EQ(find_unsafe_char("\xEF\xBF\xBF"), 0u) << "U+FFFF";
  EXPECT_EQ(find_unsafe_char("x\xEF\xB7\x90"), 1u) << "U+FDD0";
  EXPECT_EQ(find_unsafe_char("\xF0\x9F\xBF\xBE"), 0u) << "U+1FFFE";
  EXPECT_EQ(find_unsafe_char("\xF0\x9F\x98\x80"), std::string::npos) << "an emoji is text";
  EXPECT_EQ(find_unsafe_char(std::string("a\0b", 3)), 1u) << "NUL";
  EXPECT_EQ(find_unsafe_char("a\x1b"), 1u) << "ESC";
  EXPECT_EQ(find_unsafe_char("\xC3\x28"), 0u) << "invalid UTF-8";
  EXPECT_EQ(find_unsafe_char("\xEF\xBC\x88"), std::string::npos) << "full-width parenthesis";
  EXPECT_EQ(describe_char_at(std::string("ab") + kFFFE, 2), "U+FFFE");
  EXPECT_EQ(describe_char_at("\xC3\x28", 0), "0xC3");
}

TEST(UnsafeTextTest, XmlSafeReplacesOnlyWhatXmlCannotCarry) {
  EXPECT_EQ(xml_safe(std::string("张") + kFFFE + "三"), "张\xEF\xBF\xBD三");
  EXPECT_EQ(xml_safe(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(xml_safe("林州市 <&> \"x\""), "林州市 <&> \"x\"");
}

TEST(FormulaTest, EveryTriggerOwaspNames) {
  for (std::string s : {"=2+5", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"}) EXPECT_TRUE(starts_formula(s)) << s;
  for (std::string s : {"", "张三", "2021-01-01", "'=1", " =1"}) EXPECT_FALSE(starts_formula(s)) << s;
}

// Issue 11.6: the rejects CSV went out as typed ("=2+5"), and the export skipped "-".
TEST(FormulaTest, RejectsFileEscapesFormulasAndReadsBackTheSame) {
  const std::string csv =
      "姓名,身份证号,内容\n"
      "\"=2+5\",1,\"-HYPERLINK(\"\"http://x\"\")\"\n"
      "@x,2,\"\t=1\"\n"
      "+86,3,\"\r=1\"\n";
  auto t = ledger::read_table(csv, "in.csv");
  ASSERT_TRUE(t) << t.error().en;
  ASSERT_EQ(t->rows.size(), 3u);
  std::vector<ledger::RowError> errors;
  for (const auto& r : t->rows) errors.push_back({r.line, "", "错", "bad"});
  const std::string out = ledger::rejects_csv(*t, errors);
  for (std::string_view s : {"\"'=2+5\"", "\"'-HYPERLINK(\"\"http://x\"\")\"", "\"'@x\"", "\"'\t=1\"", "\"'+86\"",
                             "\"'\r=1\""}) {
    EXPECT_NE(out.find(s), std::string::npos) << s;
  }
  for (std::size_t at = out.find("\r\n"); at != std::string::npos; at = out.find("\r\n", at + 2)) {
    const std::size_t start = at + 2;
    if (start < out.size()) {
      EXPECT_FALSE(starts_formula(out.substr(start))) << "a line starts a formula";
    }
  }
  // Fixed and imported again, the apostrophe is gone: the cells are what they were.
  auto again = ledger::read_table(out, "rejects.csv");
  ASSERT_TRUE(again) << again.error().en;
  ASSERT_EQ(again->rows.size(), 3u);
  EXPECT_EQ(again->rows[0].cells[0], "=2+5");
  EXPECT_EQ(again->rows[0].cells[2], "-HYPERLINK(\"http://x\")");
  EXPECT_EQ(again->rows[1].cells[0], "@x");
  EXPECT_EQ(again->rows[2].cells[0], "+86");
  EXPECT_EQ(again->rows[2].cells[2], "\r=1");
}

// Found by the csv fuzz target: text that itself began "'-" lost its apostrophe on re-import.
TEST(FormulaTest, TextStartingWithAnApostropheAndATriggerSurvivesTheRoundTrip) {
  EXPECT_TRUE(starts_escaped_formula("'-0"));
  EXPECT_TRUE(starts_escaped_formula("''=1"));
  EXPECT_FALSE(starts_escaped_formula("'"));
  EXPECT_FALSE(starts_escaped_formula("'abc"));
  EXPECT_FALSE(starts_escaped_formula("-1"));
  for (std::string cell : {"'-0", "''=1", "'", "'abc", "=1", "-HYPERLINK(1)"}) {
    std::string csv = "a,b\n";
    ledger::append_csv_field(csv, cell);
    csv += ",x\n";
    auto t = ledger::read_table(csv, "x.csv");
    ASSERT_TRUE(t) << t.error().en;
    ASSERT_EQ(t->rows.size(), 1u);
    EXPECT_EQ(t->rows[0].cells[0], cell) << csv;
  }
}

// Found by the csv fuzz target: "'\t" is blank once unescaped, so it cannot make a header row.
TEST(FormulaTest, ARowBlankOnceUnescapedIsDropped) {
  auto t = ledger::read_table("'\t,,\n姓名,身份证号\n张三,1\n", "x.csv");
  ASSERT_TRUE(t) << t.error().en;
  EXPECT_EQ(t->header_line, 2);
  EXPECT_EQ(t->header[0], "姓名");
}

TEST(FormulaTest, CsvFieldQuotesAndEscapes) {
  std::string out;
  ledger::append_csv_field(out, "-5");
  EXPECT_EQ(out, "\"'-5\"");
  out.clear();
  ledger::append_csv_field(out, "张三");
  EXPECT_EQ(out, "张三");
  out.clear();
  ledger::append_csv_field(out, "410523199001011234");
  EXPECT_EQ(out, "\t410523199001011234") << "Excel keeps all 18 digits";
}

// Issue 11.9: a name holding U+FFFE made sharedStrings.xml invalid, so every XLSX export
// holding the record was corrupt. On input the file is refused naming line and column.
TEST(UnsafeTextTest, LedgerCellWithNoncharacterIsRefusedNamingLineAndColumn) {
  const std::string csv = std::string("身份证号,姓名\n410523199001011234,张三\n410523199001011235,李") + kFFFE + "四\n";
  auto t = ledger::read_table(csv, "x.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "bad_character");
  EXPECT_NE(t.error().zh.find("第3行第2列"), std::string::npos) << t.error().zh;
  EXPECT_NE(t.error().en.find("U+FFFE"), std::string::npos) << t.error().en;
}

std::string unzip_entry(const std::string& zip_bytes, const char* name) {
  const auto path = std::filesystem::temp_directory_path() / ("hardening_" + std::to_string(::getpid()) + ".xlsx");
  { std::ofstream(path, std::ios::binary) << zip_bytes; }
  unzFile z = unzOpen(path.c_str());
  std::string out;
  if (z && unzLocateFile(z, name, 0) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[4096];
    for (int n; (n = unzReadCurrentFile(z, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    unzCloseCurrentFile(z);
  }
  if (z) unzClose(z);
  std::filesystem::remove(path);
  return out;
}

// ... and whatever an older database holds, an export stays well-formed XML.
TEST(UnsafeTextTest, XlsxExportStaysWellFormed) {
  ledger::Sheet s{"人员", {"姓名", "备注"}, {{std::string("李") + kFFFE + "四", std::string("a\x01z")}, {std::string("=1+1"), int64_t{5}}}, {}};
  const std::string bytes = ledger::write_xlsx(s);
  const std::string shared = unzip_entry(bytes, "xl/sharedStrings.xml");
  ASSERT_FALSE(shared.empty());
  EXPECT_EQ(shared.find(kFFFE), std::string::npos);
  const std::string sheet = unzip_entry(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "text is never written as a formula";
  // The reader's XML parser (expat) refuses malformed XML: reading the export back proves it well-formed.
  auto back = ledger::read_table(bytes, "x.xlsx");
  ASSERT_TRUE(back) << back.error().en;
  ASSERT_EQ(back->rows.size(), 2u);
  EXPECT_EQ(back->rows[0].cells[0], "李\xEF\xBF\xBD四");
  EXPECT_EQ(back->rows[1].cells[0], "=1+1");
}

// Issue 11.8: 0372123 was shown whole and 03721234 as 037*1234.
TEST(PrivacyTest, PhoneMaskHidesAFixedShare) {
  EXPECT_EQ(mask_phone_number("13812345678"), "138****5678");
  EXPECT_EQ(mask_phone_number("0372123"), "0****23");
  EXPECT_EQ(mask_phone_number("03721234"), "03****34");
  EXPECT_EQ(mask_id_number("41052319900101123X"), "4105**********123X");
}

// Issue 11.12: the audit log kept {"q":"410523…"} as typed.
TEST(PrivacyTest, PersonalNumbersInFreeTextAreMasked) {
  EXPECT_EQ(mask_personal_numbers("41052319900101123X"), "4105**********123X");
  EXPECT_EQ(mask_personal_numbers("查410523199001011234和13812345678"), "查4105**********1234和138****5678");
  EXPECT_EQ(mask_personal_numbers("/api/v1/x?q=41052319900101123x&page=1"), "/api/v1/x?q=4105**********123x&page=1");
  EXPECT_EQ(mask_personal_numbers("电话0372-5551234"), "电话037*****1234");
  EXPECT_EQ(mask_personal_numbers("03725551234"), "037****1234");
  // Codes that are not personal stay whole: a credit code, a loan number, dates, region codes,
  // amounts in fen.
  for (std::string s : {"91410581MA44X1234Q", "DB2026-000012", "2021-08-31", "20210831", "page=123456", "410581001",
                        "410581001001", "83333300", "2026-04-15T10:00:00+08:00"}) {
    EXPECT_EQ(mask_personal_numbers(s), s) << s;
  }
}

// Issue 11.5: while a bulk import held the writer lock, requests whose session was due for its
// sliding extension waited the whole busy timeout and then failed with "database is locked".
class BusyDatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    FG_SKIP_UNLESS_ENGINE(GetParam());
    tdb = std::make_unique<testing::TestDatabase>(GetParam());
    db = db::Database::open(tdb->url());
    db::migrate(*db);
    regions = std::make_unique<regions::Service>(*db);
    regions->seed_if_empty();
    auth = std::make_unique<auth::Service>(*db, *regions, clock);
    ASSERT_TRUE(auth->create_user(auth::Actor::cli(), {"admin", "管理员", "Renshe2021x", "city_admin", "410500"}));
  }
  std::unique_ptr<testing::TestDatabase> tdb;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<regions::Service> regions;
  std::unique_ptr<auth::Service> auth;
  ManualClock clock{1630368000};
};

TEST_P(BusyDatabaseTest, ASessionIsServedWhileAnotherWriterHoldsTheLock) {
  auto login = auth->login("admin", "Renshe2021x", "127.0.0.1");
  ASSERT_TRUE(login) << login.error().en;
  clock.advance(600);  // due for its sliding extension
  auto importer = db->acquire();
  importer->begin();  // what a bulk import's transaction holds: the writer lock (SQLite), the row (PostgreSQL)
  importer->execute("UPDATE sessions SET expires_at = expires_at WHERE token_hash = ?", {auth::token_hash(login->token)});
  std::optional<auth::Session> s;
  EXPECT_NO_THROW(s = auth->authenticate(login->token));
  EXPECT_TRUE(s) << "the session is served; its extension waits for a free moment";
  importer->rollback();
}

INSTANTIATE_TEST_SUITE_P(Engines, BusyDatabaseTest, ::testing::ValuesIn(testing::engines()),
                         [](const auto& info) { return info.param; });

TEST(BusyDatabaseTest, ABusyDatabaseIsA503WithRetryAfterNeverA500) {
  http::Router router;
  router.get("/api/v1/x", [](http::Context&) -> http::Response { throw db::DbError("SQLite: database is locked", false, true); },
             http::Access::public_route);
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/x";
  const http::Response res = router.dispatch(req, "rid");
  EXPECT_EQ(res.status, 503);
  bool retry_after = false;
  for (const auto& [k, v] : res.headers) retry_after = retry_after || k == "Retry-After";
  EXPECT_TRUE(retry_after);
  EXPECT_NE(res.body.find("\"busy\""), std::string::npos) << res.body;
}

}  // namespace
}  // namespace fg
