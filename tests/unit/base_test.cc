// Unit tests of src/base: dates, money, identity numbers (GB 11643-1999), unified social credit
// codes (GB 32100-2015), report number formatting and text helpers. Expected values are
// literals worked out independently (by hand or with a separate script), never recomputed with
// the code under test, so that a wrong implementation fails.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "base/chinese_number.h"
#include "base/clock.h"
#include "base/credit_code.h"
#include "base/date.h"
#include "base/id_number.h"
#include "base/money.h"
#include "base/text.h"

namespace fg {
namespace {

// ---------------------------------------------------------------------------------------------
// Date

TEST(DateTest, ParsesEveryLedgerFormat) {
  struct Case {
    const char* text;
    int y, m, d;
  };
  const std::vector<Case> cases = {
      {"2021-08-31", 2021, 8, 31},
      {"2021/08/31", 2021, 8, 31},
      {"2021-8-5", 2021, 8, 5},
      {"2021/8/5", 2021, 8, 5},
      {"2021年8月31日", 2021, 8, 31},
      {"2021年08月05日", 2021, 8, 5},
      {"2020-02-29", 2020, 2, 29},
      {"2000-02-29", 2000, 2, 29},
      {"1900-01-01", 1900, 1, 1},
      {" 2021-01-01 ", 2021, 1, 1},
      {"\xE3\x80\x80"
       "2021-12-31",
       2021, 12, 31},
      {"0001-01-01", 1, 1, 1},
      {"9999-12-31", 9999, 12, 31},
  };
  for (const Case& c : cases) {
    const auto r = Date::parse(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().en;
    EXPECT_EQ(r->year(), c.y) << c.text;
    EXPECT_EQ(r->month(), c.m) << c.text;
    EXPECT_EQ(r->day(), c.d) << c.text;
  }
}

TEST(DateTest, RejectsMalformedText) {
  const std::vector<std::string> bad = {
      "",
      "2021",
      "2021-08",
      "2021-08-31x",
      "21-08-31",
      "2021.08.31",
      "20210831",
      "2021-008-01",
      "2021-08-031",
      "2021-08/31",
      "2021/08-31",
      "2021年8月31",
      "2021年8-31日",
      "2021-08-31 12:00",
      "２０２１-08-31",
      "-2021-08-31",
      "2021--08-31",
  };
  for (const std::string& text : bad) {
    const auto r = Date::parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid) << text;
    EXPECT_EQ(r.error().code, "invalid_field") << text;
    EXPECT_EQ(r.error().field, "") << text;
    EXPECT_NE(r.error().zh.find("日期格式无效"), std::string::npos) << r.error().zh;
    EXPECT_NE(r.error().en.find("invalid date"), std::string::npos) << r.error().en;
  }
}

TEST(DateTest, ErrorMessagesNameTheText) {
  const auto r = Date::parse("2021-13-01");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().zh, "日期不存在：“2021-13-01”");
  EXPECT_EQ(r.error().en, "no such date: \"2021-13-01\"");
  const auto f = Date::parse("明天");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().zh, "日期格式无效：“明天”，应为YYYY-MM-DD、YYYY/MM/DD或YYYY年M月D日");
  EXPECT_EQ(f.error().en, "invalid date \"明天\": expected YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日");
}

TEST(DateTest, RejectsDaysThatDoNotExist) {
  const std::vector<std::string> bad = {
      "2021-02-29", "2019-02-29", "1900-02-29", "2100-02-29", "2021年2月29日", "2021/2/29",
      "2021-02-30", "2021-04-31", "2021-06-31", "2021-09-31", "2021-11-31",    "2021-00-10",
      "2021-13-01", "2021-01-00", "2021-01-32", "0000-01-01",
  };
  for (const std::string& text : bad) {
    const auto r = Date::parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().zh, "日期不存在：“" + text + "”");
  }
}

TEST(DateTest, LeapYears) {
  struct Case {
    int year;
    bool leap;
  };
  for (const Case& c : std::vector<Case>{{2020, true},
                                         {2021, false},
                                         {2000, true},
                                         {1900, false},
                                         {2100, false},
                                         {2400, true},
                                         {2024, true},
                                         {2023, false}}) {
    EXPECT_EQ(Date::is_leap_year(c.year), c.leap) << c.year;
    EXPECT_EQ(Date::days_in_year(c.year), c.leap ? 366 : 365) << c.year;
  }
}

TEST(DateTest, DaysInMonth) {
  const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(Date::days_in_month(2021, m), common[m - 1]) << m;
    EXPECT_EQ(Date::days_in_month(2020, m), m == 2 ? 29 : common[m - 1]) << m;
  }
  EXPECT_EQ(Date::days_in_month(1900, 2), 28);
  EXPECT_EQ(Date::days_in_month(2000, 2), 29);
  EXPECT_EQ(Date::days_in_month(2021, 0), 0);
  EXPECT_EQ(Date::days_in_month(2021, 13), 0);
}

TEST(DateTest, FromYmdChecks) {
  EXPECT_TRUE(Date::from_ymd(2020, 2, 29).ok());
  const auto r = Date::from_ymd(2021, 2, 29);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().zh, "日期不存在：“2021-02-29”");
  EXPECT_THROW(Date(2021, 2, 29), std::out_of_range);
  EXPECT_THROW(Date(2021, 0, 1), std::out_of_range);
  EXPECT_NO_THROW(Date(2024, 2, 29));
}

TEST(DateTest, Iso) {
  EXPECT_EQ(Date(2021, 8, 31).iso(), "2021-08-31");
  EXPECT_EQ(Date(2021, 1, 5).iso(), "2021-01-05");
  EXPECT_EQ(Date(1, 1, 1).iso(), "0001-01-01");
  EXPECT_EQ(Date().iso(), "1970-01-01");
}

TEST(DateTest, DayOfYear) {
  struct Case {
    Date date;
    int expected;
  };
  for (const Case& c : std::vector<Case>{{Date(2021, 1, 1), 1},
                                         {Date(2021, 8, 31), 243},
                                         {Date(2020, 8, 31), 244},
                                         {Date(2021, 12, 31), 365},
                                         {Date(2020, 12, 31), 366},
                                         {Date(2020, 3, 1), 61},
                                         {Date(2021, 3, 1), 60}}) {
    EXPECT_EQ(c.date.day_of_year(), c.expected) << c.date.iso();
  }
}

TEST(DateTest, LastDayOfMonth) {
  EXPECT_TRUE(Date(2021, 8, 31).is_last_day_of_month());
  EXPECT_FALSE(Date(2021, 8, 30).is_last_day_of_month());
  EXPECT_TRUE(Date(2021, 2, 28).is_last_day_of_month());
  EXPECT_FALSE(Date(2020, 2, 28).is_last_day_of_month());
  EXPECT_TRUE(Date(2020, 2, 29).is_last_day_of_month());
  EXPECT_TRUE(Date(2021, 4, 30).is_last_day_of_month());
  EXPECT_TRUE(Date(2021, 12, 31).is_last_day_of_month());
}

TEST(DateTest, Comparison) {
  EXPECT_LT(Date(2021, 8, 30), Date(2021, 8, 31));
  EXPECT_LT(Date(2021, 8, 31), Date(2021, 9, 1));
  EXPECT_LT(Date(2020, 12, 31), Date(2021, 1, 1));
  EXPECT_GT(Date(2021, 10, 1), Date(2021, 9, 30));
  EXPECT_EQ(Date(2021, 8, 31), *Date::parse("2021年8月31日"));
  EXPECT_NE(Date(2021, 8, 31), Date(2021, 8, 30));
  EXPECT_LE(Date(2021, 8, 31), Date(2021, 8, 31));
  EXPECT_GE(Date(2021, 8, 31), Date(2021, 8, 31));
}

TEST(DateTest, DaysSinceEpochBothWays) {
  struct Case {
    Date date;
    int64_t days;
  };
  const std::vector<Case> cases = {
      {Date(1970, 1, 1), 0},      {Date(1970, 1, 2), 1},      {Date(1969, 12, 31), -1},
      {Date(2021, 8, 31), 18870}, {Date(1900, 1, 1), -25567}, {Date(2000, 2, 29), 11016},
      {Date(2000, 3, 1), 11017},  {Date(1, 1, 1), -719162},   {Date(9999, 12, 31), 2932896},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.date.days_since_epoch(), c.days) << c.date.iso();
    EXPECT_EQ(Date::from_days(c.days), c.date) << c.days;
  }
  // Round trip across every day of a few centuries, including 1900 and 2000.
  Date d(1890, 1, 1);
  for (int64_t n = d.days_since_epoch(); n < Date(2110, 1, 1).days_since_epoch(); ++n) {
    ASSERT_EQ(Date::from_days(n).days_since_epoch(), n);
    ASSERT_EQ(Date::from_days(n), d);
    d = d.add_days(1);
  }
}

TEST(DateTest, AddDays) {
  EXPECT_EQ(Date(2021, 8, 31).add_days(1), Date(2021, 9, 1));
  EXPECT_EQ(Date(2021, 12, 31).add_days(1), Date(2022, 1, 1));
  EXPECT_EQ(Date(2020, 2, 28).add_days(1), Date(2020, 2, 29));
  EXPECT_EQ(Date(2021, 2, 28).add_days(1), Date(2021, 3, 1));
  EXPECT_EQ(Date(2021, 3, 1).add_days(-1), Date(2021, 2, 28));
  EXPECT_EQ(Date(2021, 1, 1).add_days(365), Date(2022, 1, 1));
  EXPECT_EQ(Date(2020, 1, 1).add_days(365), Date(2020, 12, 31));
  EXPECT_EQ(Date(2021, 8, 31).add_days(0), Date(2021, 8, 31));
}

TEST(DateTest, AddMonthsClampsTheDay) {
  struct Case {
    Date from;
    int months;
    Date expected;
  };
  const std::vector<Case> cases = {
      {Date(2021, 1, 31), 1, Date(2021, 2, 28)},  {Date(2020, 1, 31), 1, Date(2020, 2, 29)},
      {Date(2021, 3, 31), 1, Date(2021, 4, 30)},  {Date(2021, 8, 31), 4, Date(2021, 12, 31)},
      {Date(2021, 11, 15), 2, Date(2022, 1, 15)}, {Date(2021, 1, 15), -1, Date(2020, 12, 15)},
      {Date(2021, 3, 31), -1, Date(2021, 2, 28)}, {Date(2020, 2, 29), 12, Date(2021, 2, 28)},
      {Date(2020, 2, 29), 48, Date(2024, 2, 29)}, {Date(2021, 8, 31), 36, Date(2024, 8, 31)},
      {Date(2021, 8, 31), 0, Date(2021, 8, 31)},  {Date(2021, 1, 1), -13, Date(2019, 12, 1)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.from.add_months(c.months), c.expected) << c.from.iso() << " + " << c.months;
  }
}

TEST(DateTest, ExcelSerials1900System) {
  struct Case {
    int64_t serial;
    Date expected;
  };
  const std::vector<Case> cases = {
      {1, Date(1900, 1, 1)},      {59, Date(1900, 2, 28)},    {61, Date(1900, 3, 1)},
      {62, Date(1900, 3, 2)},     {44197, Date(2021, 1, 1)},  {44439, Date(2021, 8, 31)},
      {43951, Date(2020, 4, 30)}, {45000, Date(2023, 3, 15)}, {2958465, Date(9999, 12, 31)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Date::from_excel_serial(c.serial), c.expected) << c.serial;
    const auto checked = Date::from_excel_serial_checked(c.serial);
    ASSERT_TRUE(checked.ok()) << c.serial;
    EXPECT_EQ(*checked, c.expected) << c.serial;
  }
  // 60 is Lotus's phantom 1900-02-29.
  EXPECT_EQ(Date::from_excel_serial(60), Date(1900, 2, 28));
  EXPECT_EQ(Date::from_excel_serial(0), Date(1899, 12, 31));
  for (int64_t bad : {int64_t{60}, int64_t{0}, int64_t{-1}, int64_t{2958466}}) {
    const auto r = Date::from_excel_serial_checked(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().zh, "Excel日期序号" + std::to_string(bad) + "不对应任何日期");
  }
}

TEST(DateTest, ClockFunctionsHaveTheRightShape) {
  const Date today = Date::today_cst();
  EXPECT_GE(today, Date(2024, 1, 1));
  EXPECT_LE(today, Date(2200, 1, 1));
  const std::string now = now_cst_iso();
  ASSERT_EQ(now.size(), 25u) << now;
  EXPECT_EQ(now.substr(19), "+08:00");
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[13], ':');
  EXPECT_EQ(now[16], ':');
  const auto date = Date::parse(now.substr(0, 10));
  ASSERT_TRUE(date.ok()) << now;
  // The two calls straddle midnight at most by one day.
  EXPECT_LE(*date, today.add_days(1));
  EXPECT_GE(*date, today);
}

// ---------------------------------------------------------------------------------------------
// Money

TEST(FenTest, ParsesLedgerAmounts) {
  struct Case {
    const char* text;
    int64_t fen;
  };
  const std::vector<Case> cases = {
      {"150000", 15000000},
      {"150000.5", 15000050},
      {"150000.50", 15000050},
      {"150000.05", 15000005},
      {"15万", 15000000},
      {"15万元", 15000000},
      {"20万元", 20000000},
      {"1.5亿", 15000000000},
      {"4.13亿元", 41300000000},
      {"7.2亿元", 72000000000},
      {"1,500,000.00", 150000000},
      {"1,500,000", 150000000},
      {"150,000", 15000000},
      {"5000元", 500000},
      {"0", 0},
      {"0.01", 1},
      {"007", 700},
      {" 150000 ", 15000000},
      {"\xEF\xBB\xBF"
       "150000",
       15000000},
      {"1.234567万", 1234567},  // 12345.67 元: six places of 万 are exact in fen
      {"0.0000000001亿", 1},    // 0.01 元
      {"12.5万元", 12500000},
      {"1,234.5万", 1234500000},
  };
  for (const Case& c : cases) {
    const auto r = Fen::parse_yuan(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().en;
    EXPECT_EQ(r->fen(), c.fen) << c.text;
  }
}

TEST(FenTest, RejectsBadAmounts) {
  struct Case {
    const char* text;
    const char* zh;
  };
  const std::string format = "，应为以元为单位的数字，如150000、150000.50、15万元";
  const std::vector<Case> cases = {
      {"-5", "金额不能为负数：“-5”"},
      {"-0.01", "金额不能为负数：“-0.01”"},
      {"－5", "金额不能为负数：“－5”"},
      {"1.234", "金额最多精确到分：“1.234”"},
      {"150000.500", "金额最多精确到分：“150000.500”"},
      {"1.2345678万", "金额最多精确到分：“1.2345678万”"},
      {"1.00000000001亿", "金额最多精确到分：“1.00000000001亿”"},
      {"", "金额为空"},
      {"   ", "金额为空"},
      {"99999999999999999999", "金额过大：“99999999999999999999”"},
      {"92233720368547759万", "金额过大：“92233720368547759万”"},
  };
  for (const Case& c : cases) {
    const auto r = Fen::parse_yuan(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().zh, c.zh) << c.text;
    EXPECT_EQ(r.error().field, "") << c.text;
    EXPECT_EQ(r.error().code, "invalid_field") << c.text;
  }
  const std::vector<std::string> junk = {
      "abc",      "15万万",  "万",       "元",     "万元",          "1.5.0", ".5", "5.",
      "1,50,000", "15,0000", "1500,000", ",150",   "150,",          "1 500", "+5", "15千",
      "¥150",     "1e5",     "0x10",     "15元万", "1,500,000.0,0", "５０",
  };
  for (const std::string& text : junk) {
    const auto r = Fen::parse_yuan(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().zh, "金额格式无效：“" + text + "”" + format) << text;
    EXPECT_EQ(r.error().en, "invalid amount \"" + text +
                                "\": expected a number of yuan such as 150000, 150000.50 or 15万元")
        << text;
  }
}

TEST(FenTest, LargestAmountFits) {
  const auto max = Fen::parse_yuan("92233720368547758.07");
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->fen(), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(Fen::parse_yuan("92233720368547758.08").ok());
}

TEST(FenTest, YuanString) {
  struct Case {
    int64_t fen;
    const char* text;
  };
  for (const Case& c :
       std::vector<Case>{{15000000, "150000.00"},
                         {15000050, "150000.50"},
                         {15000005, "150000.05"},
                         {0, "0.00"},
                         {1, "0.01"},
                         {-5, "-0.05"},
                         {-150000, "-1500.00"},
                         {std::numeric_limits<int64_t>::min(), "-92233720368547758.08"}}) {
    EXPECT_EQ(Fen(c.fen).yuan_string(), c.text) << c.fen;
  }
}

TEST(FenTest, Arithmetic) {
  const Fen a = Fen::from_yuan(150000);
  const Fen b(50);
  EXPECT_EQ(a.fen(), 15000000);
  EXPECT_EQ((a + b).fen(), 15000050);
  EXPECT_EQ((a - b).fen(), 14999950);
  EXPECT_EQ((b - a).fen(), -14999950);
  EXPECT_EQ((Fen::from_yuan(5000) * 86).fen(), 43000000);
  EXPECT_EQ((86 * Fen::from_yuan(5000)).yuan_string(), "430000.00");
  Fen sum;
  sum += a;
  sum += b;
  sum -= Fen(100);
  EXPECT_EQ(sum.fen(), 14999950);
  EXPECT_LT(b, a);
  EXPECT_GT(a, b);
  EXPECT_EQ(Fen::from_yuan(200000), *Fen::parse_yuan("20万元"));
  EXPECT_NE(a, b);
  EXPECT_LE(Fen::from_yuan(150000), *Fen::parse_yuan("15万"));
}

// ---------------------------------------------------------------------------------------------
// IdNumber (GB 11643-1999)

const Date kToday(2021, 8, 31);

TEST(IdNumberTest, CheckCharacter) {
  struct Case {
    const char* first17;
    char check;
  };
  // Worked out independently of the code under test; covers every check character.
  const std::vector<Case> cases = {
      {"11010519491231002", 'X'},  // the standard's own example
      {"41050219880801000", '2'}, {"41050219880802001", '6'}, {"41050219880803002", 'X'},
      {"41050219880804003", '3'}, {"41050219880805004", '7'}, {"41050219880806005", '0'},
      {"41050219880807006", '4'}, {"41050219880808007", '8'}, {"41050219880809008", '1'},
      {"41050219880818017", '5'}, {"41050219880819018", '9'}, {"41050219900101123", '6'},
  };
  for (const Case& c : cases) EXPECT_EQ(IdNumber::check_char(c.first17), c.check) << c.first17;
  EXPECT_EQ(IdNumber::check_char("1101051949123100"), '\0');
  EXPECT_EQ(IdNumber::check_char("110105194912310021"), '\0');
  EXPECT_EQ(IdNumber::check_char("1101051949123100A"), '\0');
}

TEST(IdNumberTest, AcceptsValidNumbers) {
  struct Case {
    const char* text;
    const char* normalised;
    Date birth;
    IdNumber::Sex sex;
  };
  const std::vector<Case> cases = {
      {"11010519491231002X", "11010519491231002X", Date(1949, 12, 31), IdNumber::Sex::female},
      {"11010519491231002x", "11010519491231002X", Date(1949, 12, 31), IdNumber::Sex::female},
      {"  11010519491231002X\xE3\x80\x80", "11010519491231002X", Date(1949, 12, 31),
       IdNumber::Sex::female},
      {"410502199001011236", "410502199001011236", Date(1990, 1, 1), IdNumber::Sex::male},
      {"410522198506150021", "410522198506150021", Date(1985, 6, 15), IdNumber::Sex::female},
      {"410581199202290038", "410581199202290038", Date(1992, 2, 29), IdNumber::Sex::male},
      {"410502200002290017", "410502200002290017", Date(2000, 2, 29), IdNumber::Sex::male},
      {"41050219880803002X", "41050219880803002X", Date(1988, 8, 3), IdNumber::Sex::female},
  };
  for (const Case& c : cases) {
    const auto r = IdNumber::parse(c.text, kToday);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().en;
    EXPECT_EQ(r->str(), c.normalised);
    EXPECT_EQ(r->birth_date(), c.birth) << c.text;
    EXPECT_EQ(r->sex(), c.sex) << c.text;
  }
}

TEST(IdNumberTest, GeneratedNumbersRoundTrip) {
  // What a test-data generator does: 17 digits + check_char.
  for (const char* first17 : {"41050219491231002", "41052320010101555", "41052619700615888"}) {
    const std::string number = std::string(first17) + IdNumber::check_char(first17);
    const auto r = IdNumber::parse(number, kToday);
    ASSERT_TRUE(r.ok()) << number << ": " << r.error().en;
    EXPECT_EQ(r->str(), number);
  }
}

TEST(IdNumberTest, WrongCheckCharacter) {
  struct Case {
    const char* text;
    const char* zh;
    const char* en;
  };
  const std::vector<Case> cases = {
      {"110105194912310021", "身份证号校验位错误，应为X",
       "id number check character is wrong; expected X"},
      {"410502199001011235", "身份证号校验位错误，应为6",
       "id number check character is wrong; expected 6"},
      {"41050219900101123X", "身份证号校验位错误，应为6",
       "id number check character is wrong; expected 6"},
      // One digit mistyped in the body.
      {"410502199001011246", "身份证号校验位错误，应为4",
       "id number check character is wrong; expected 4"},
  };
  for (const Case& c : cases) {
    const auto r = IdNumber::parse(c.text, kToday);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().field, "id_number");
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().zh, c.zh) << c.text;
    EXPECT_EQ(r.error().en, c.en) << c.text;
  }
}

TEST(IdNumberTest, WrongLengthAndCharacters) {
  struct Case {
    std::string text;
    const char* zh;
  };
  const std::vector<Case> cases = {
      {"", "身份证号应为18位，实际为0位"},
      {"11010519491231002", "身份证号应为18位，实际为17位"},
      {"11010519491231002XX", "身份证号应为18位，实际为19位"},
      {"410502900101123", "身份证号应为18位，实际为15位"},  // first-generation 15-digit numbers
      {"1101051949123100X2", "身份证号应由17位数字和1位数字或X组成"},
      {"11010519491231002Y", "身份证号应由17位数字和1位数字或X组成"},
      {"11010519491 31002X", "身份证号应由17位数字和1位数字或X组成"},
      {"x10105194912310021", "身份证号应由17位数字和1位数字或X组成"},
      // Full-width digits: 18 characters but not ASCII digits.
      {"\xEF\xBC\x91"
       "1010519491231002X",
       "身份证号应由17位数字和1位数字或X组成"},
  };
  for (const Case& c : cases) {
    const auto r = IdNumber::parse(c.text, kToday);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().field, "id_number");
    EXPECT_EQ(r.error().zh, c.zh) << c.text;
    EXPECT_FALSE(r.error().en.empty());
  }
}

TEST(IdNumberTest, BadBirthDate) {
  struct Case {
    std::string first17;
    const char* zh;
  };
  const std::vector<Case> cases = {
      {"41050219910229001", "身份证号中的出生日期19910229不存在"},  // 1991 is not a leap year
      {"41050219000229001", "身份证号中的出生日期19000229不存在"},  // nor is 1900
      {"41050219901301001", "身份证号中的出生日期19901301不存在"},
      {"41050219900431001", "身份证号中的出生日期19900431不存在"},
      {"41050219900100001", "身份证号中的出生日期19900100不存在"},
      {"41050218991231001", "身份证号中的出生日期18991231不合理（早于1900年或晚于今天）"},
      {"41050220210901001", "身份证号中的出生日期20210901不合理（早于1900年或晚于今天）"},
  };
  for (const Case& c : cases) {
    // A correct check character, so that only the date is at fault.
    const std::string number = c.first17 + IdNumber::check_char(c.first17);
    const auto r = IdNumber::parse(number, kToday);
    ASSERT_FALSE(r.ok()) << number;
    EXPECT_EQ(r.error().field, "id_number");
    EXPECT_EQ(r.error().zh, c.zh) << number;
    // The message must not repeat the number (personal data).
    EXPECT_EQ(r.error().zh.find(number), std::string::npos);
    EXPECT_EQ(r.error().en.find(number), std::string::npos);
  }
  // Born on the day itself is fine.
  const std::string born_today =
      std::string("41050220210831001") + IdNumber::check_char("41050220210831001");
  EXPECT_TRUE(IdNumber::parse(born_today, kToday).ok());
  EXPECT_FALSE(IdNumber::parse(born_today, Date(2021, 8, 30)).ok());
}

TEST(IdNumberTest, DefaultTodayOverload) {
  EXPECT_TRUE(IdNumber::parse("11010519491231002X").ok());
  EXPECT_FALSE(IdNumber::parse("110105194912310021").ok());
}

TEST(IdNumberTest, Accessors) {
  const auto r = IdNumber::parse("41052219850615002 1", kToday);
  ASSERT_FALSE(r.ok());  // an inner space is not trimmed
  const auto id = IdNumber::parse("410522198506150021", kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->region_prefix(), "410522");
  EXPECT_EQ(id->masked(), "4105**********0021");
  const auto x = IdNumber::parse("11010519491231002X", kToday);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->masked(), "1101**********002X");
  EXPECT_EQ(x->region_prefix(), "110105");
}

TEST(IdNumberTest, AgeOn) {
  const auto id = IdNumber::parse("410522198506150021", kToday);  // born 1985-06-15
  ASSERT_TRUE(id.ok());
  struct Case {
    Date on;
    int age;
  };
  for (const Case& c : std::vector<Case>{{Date(2021, 8, 31), 36},
                                         {Date(2021, 6, 15), 36},
                                         {Date(2021, 6, 14), 35},
                                         {Date(1985, 6, 15), 0},
                                         {Date(1986, 6, 14), 0},
                                         {Date(1985, 6, 14), -1}}) {
    EXPECT_EQ(id->age_on(c.on), c.age) << c.on.iso();
  }
  const auto leap = IdNumber::parse("410581199202290038", kToday);  // born 1992-02-29
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ(leap->age_on(Date(2021, 2, 28)), 28);
  EXPECT_EQ(leap->age_on(Date(2021, 3, 1)), 29);
  EXPECT_EQ(leap->age_on(Date(2020, 2, 29)), 28);
}

TEST(IdNumberTest, ComparesByNumber) {
  const auto a = IdNumber::parse("11010519491231002x", kToday);
  const auto b = IdNumber::parse("11010519491231002X", kToday);
  const auto c = IdNumber::parse("410502199001011236", kToday);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_LT(*a, *c);
}

// ---------------------------------------------------------------------------------------------
// CreditCode (GB 32100-2015)

TEST(CreditCodeTest, AcceptsValidCodes) {
  // The first is a published example; the others were computed with an independent script,
  // chosen to cover a check character of 0 (31 → 0) and of the last letter Y.
  for (const char* text :
       {"91350100M000100Y43", "91410500MA3X4B7C1J", "92410522MA40ABCD1J", "93410581MA44XYK01Y",
        "91410502MA9GK8L211", "52410500MJY1234561", "91410500MA47000070", "91410500MA470000HY"}) {
    const auto r = CreditCode::parse(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().en;
    EXPECT_EQ(r->str(), text);
  }
}

TEST(CreditCodeTest, CheckCharacter) {
  struct Case {
    const char* first17;
    char check;
  };
  for (const Case& c : std::vector<Case>{{"91350100M000100Y4", '3'},
                                         {"91410500MA3X4B7C1", 'J'},
                                         {"91410500MA4700007", '0'},
                                         {"91410500MA470000H", 'Y'},
                                         {"52410500MJY123456", '1'}}) {
    EXPECT_EQ(CreditCode::check_char(c.first17), c.check) << c.first17;
  }
  EXPECT_EQ(CreditCode::check_char("91350100M000100Y"), '\0');
  EXPECT_EQ(CreditCode::check_char("91350100I000100Y4"), '\0');
  EXPECT_EQ(CreditCode::check_char("91350100m000100Y4"), '\0');
}

TEST(CreditCodeTest, NormalisesAndExtractsRegion) {
  const auto r = CreditCode::parse(" 91350100m000100y43 ");
  ASSERT_TRUE(r.ok()) << r.error().en;
  EXPECT_EQ(r->str(), "91350100M000100Y43");
  EXPECT_EQ(r->region_prefix(), "350100");
  const auto a = CreditCode::parse("91410500MA3X4B7C1J");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->region_prefix(), "410500");
  EXPECT_LT(*r, *a);
  EXPECT_EQ(*r, *CreditCode::parse("91350100M000100Y43"));
}

TEST(CreditCodeTest, RejectsBadCodes) {
  struct Case {
    std::string text;
    const char* zh;
    const char* en;
  };
  const std::vector<Case> cases = {
      {"91350100M000100Y44", "统一社会信用代码校验位错误，应为3",
       "credit code check character is wrong; expected 3"},
      {"91410500MA47000071", "统一社会信用代码校验位错误，应为0",
       "credit code check character is wrong; expected 0"},
      {"91350100M000100Y4", "统一社会信用代码应为18位，实际为17位",
       "credit code must have 18 characters, not 17"},
      {"91350100M000100Y433", "统一社会信用代码应为18位，实际为19位",
       "credit code must have 18 characters, not 19"},
      {"", "统一社会信用代码应为18位，实际为0位", "credit code must have 18 characters, not 0"},
      {"91350100I000100Y43",
       "统一社会信用代码第9位字符“I”不合法，只能使用数字和除I、O、Z、S、V以外的大写字母",
       "credit code character 9 \"I\" is not allowed: use digits and capital letters other "
       "than I, O, Z, S, V"},
      {"91350100M000100O43",
       "统一社会信用代码第16位字符“O”不合法，只能使用数字和除I、O、Z、S、V以外的大写字母",
       "credit code character 16 \"O\" is not allowed: use digits and capital letters other "
       "than I, O, Z, S, V"},
      {"9135010-M000100Y43",
       "统一社会信用代码第8位字符“-”不合法，只能使用数字和除I、O、Z、S、V以外的大写字母",
       "credit code character 8 \"-\" is not allowed: use digits and capital letters other "
       "than I, O, Z, S, V"},
      {"91350100M000100Y4\xE4\xB8\x89",
       "统一社会信用代码第18位字符不合法，只能使用数字和除I、O、Z、S、V以外的大写字母",
       "credit code character 18 is not allowed: use digits and capital letters other than I, "
       "O, Z, S, V"},
  };
  for (const Case& c : cases) {
    const auto r = CreditCode::parse(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().field, "credit_code");
    EXPECT_EQ(r.error().code, "invalid_field");
    EXPECT_EQ(r.error().zh, c.zh) << c.text;
    EXPECT_EQ(r.error().en, c.en) << c.text;
  }
  for (const char* letter : {"Z", "S", "V"}) {
    std::string code = "91350100M000100Y43";
    code[10] = letter[0];
    const auto r = CreditCode::parse(code);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_NE(r.error().zh.find("第11位"), std::string::npos) << r.error().zh;
  }
}

// ---------------------------------------------------------------------------------------------
// Chinese number formatting (the letter's figures)

TEST(ChineseNumberTest, Fixed2Trim) {
  struct Case {
    int64_t num, den;
    const char* text;
  };
  const std::vector<Case> cases = {
      {129300, 10000, "12.93"},
      {72, 10, "7.2"},
      {5, 1, "5"},
      {500, 100, "5"},
      {1, 3, "0.33"},
      {2, 3, "0.67"},
      {1, 8, "0.13"},
      {1, 200, "0.01"},
      {1, 201, "0"},
      {12345, 1000, "12.35"},
      {12344, 1000, "12.34"},
      {-12345, 1000, "-12.35"},
      {12345, -1000, "-12.35"},
      {-1, 1000, "0"},
      {0, 7, "0"},
      {7, 0, "0"},
      {99999, 10000, "10"},
      {1005, 100, "10.05"},
      {1050, 100, "10.5"},
      {std::numeric_limits<int64_t>::max(), 1, "9223372036854775807"},
      {std::numeric_limits<int64_t>::min(), 100, "-92233720368547758.08"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(fixed2_trim(c.num, c.den), c.text) << c.num << "/" << c.den;
  }
}

TEST(ChineseNumberTest, CountCn) {
  struct Case {
    int64_t n;
    const char* text;
  };
  const std::vector<Case> cases = {
      {129300, "12.93万"},      {104600, "10.46万"}, {24600, "2.46万"},
      {491600, "49.16万"},      {1907, "1907"},      {0, "0"},
      {9999, "9999"},           {10000, "1万"},      {10001, "1万"},
      {10050, "1.01万"},        {10049, "1万"},      {129349, "12.93万"},
      {129350, "12.94万"},      {120000, "12万"},    {123000, "12.3万"},
      {99999, "10万"},          {5388, "5388"},      {2670, "2670"},
      {1000000000, "100000万"},
  };
  for (const Case& c : cases) EXPECT_EQ(count_cn(c.n), c.text) << c.n;
}

TEST(ChineseNumberTest, YuanCn) {
  struct Case {
    int64_t fen;
    const char* text;
  };
  const std::vector<Case> cases = {
      {41300000000, "4.13亿元"},  // 2021 Jan–Aug loans
      {72000000000, "7.2亿元"},   // 2020 loans
      {20000000, "20万元"},       // individual loan limit, 安政办〔2020〕14号
      {150000000, "150万元"},     // organisation loan limit
      {15000000, "15万元"},
      {1000000, "1万元"},      // 10000元 is 1万元
      {10000000, "10万元"},    // demonstration township award
      {100000000, "100万元"},  // yearly awards forecast
      {500000, "5000元"},      // 创业之星 award
      {999999, "9999.99元"},
      {1250, "12.5元"},
      {0, "0元"},
      {10000000000, "1亿元"},
      {1234567890, "1234.57万元"},
      {9999999999, "1亿元"},  // 99999999.99元 would be "10000万元"
      {9999994999, "9999.99万元"},
      {123456789012, "12.35亿元"},
  };
  for (const Case& c : cases) EXPECT_EQ(yuan_cn(Fen(c.fen)), c.text) << c.fen;
}

TEST(ChineseNumberTest, PercentHundredths) {
  struct Case {
    int64_t num, den;
    int64_t hundredths;
    const char* text;
  };
  const std::vector<Case> cases = {
      {1907, 2500, 7628, "76.28"},     // training
      {7978, 5400, 14774, "147.74"},   // mentoring
      {12392, 8200, 15112, "151.12"},  // support
      {8, 12, 6667, "66.67"},          // time progress at the end of August
      {243, 365, 6658, "66.58"},       // time progress on a day that ends no month
      {1, 1, 10000, "100.00"},        {0, 2500, 0, "0.00"},
      {1, 3, 3333, "33.33"},          {1, 20000, 1, "0.01"},  // 0.005% rounds half up
      {1, 20001, 0, "0.00"},          {5, 0, 0, "0.00"},
  };
  for (const Case& c : cases) {
    const int64_t h = percent_hundredths(c.num, c.den);
    EXPECT_EQ(h, c.hundredths) << c.num << "/" << c.den;
    EXPECT_EQ(percent_string(h), c.text) << c.num << "/" << c.den;
  }
  EXPECT_EQ(percent_hundredths(std::numeric_limits<int64_t>::max(), 1),
            std::numeric_limits<int64_t>::max());
}

TEST(ChineseNumberTest, PercentString) {
  struct Case {
    int64_t hundredths;
    const char* text;
  };
  for (const Case& c : std::vector<Case>{{7628, "76.28"},
                                         {14774, "147.74"},
                                         {15112, "151.12"},
                                         {6667, "66.67"},
                                         {10000, "100.00"},
                                         {5, "0.05"},
                                         {50, "0.50"},
                                         {0, "0.00"},
                                         {-5, "-0.05"},
                                         {-12345, "-123.45"}}) {
    EXPECT_EQ(percent_string(c.hundredths), c.text) << c.hundredths;
  }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

TEST(TextTest, Trim) {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"   ", ""},
      {" a b ", "a b"},
      {"\t\r\nabc\r\n", "abc"},
      {"\xE3\x80\x80"
       "张三"
       "\xE3\x80\x80",
       "张三"},  // U+3000
      {"\xEF\xBB\xBF"
       "id_number",
       "id_number"},                                  // BOM
      {"\xEF\xBB\xBF \xE3\x80\x80 x \xC2\xA0", "x"},  // mixed, NBSP
      {"张\xE3\x80\x80三", "张\xE3\x80\x80三"},       // inner blanks stay
      {"\xE3\x80", "\xE3\x80"},                       // truncated U+3000
  };
  for (const Case& c : cases) EXPECT_EQ(trim(c.in), c.out) << c.in;
}

TEST(TextTest, IsValidUtf8) {
  struct Case {
    std::string s;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"abc", true},
      {"凤归", true},
      {"\xF0\x9F\x98\x80", true},  // U+1F600
      {"\xF4\x8F\xBF\xBF", true},  // U+10FFFF
      {"\xEF\xBB\xBF", true},      // BOM
      {"\xC2\xA0", true},
      {"\x80", false},              // lone continuation byte
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong
      {"\xED\xA0\x80", false},      // surrogate U+D800
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xF5\x80\x80\x80", false},
      {"\xE5\x87", false},  // truncated 凤
      {"\xFF", false},
      {"\xD5\xC5\xC8\xFD", false},  // 张三 in GBK
      {std::string("a\0b", 3), true},
  };
  for (const Case& c : cases) EXPECT_EQ(is_valid_utf8(c.s), c.valid) << testing::PrintToString(c.s);
}

TEST(TextTest, FirstInvalidUtf8) {
  EXPECT_EQ(first_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("凤归 ledger text of some length"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("\xFF"), 0u);
  // Past the eight-byte ASCII steps, and inside a run of them.
  EXPECT_EQ(first_invalid_utf8("abcdefgh\xC0\xAF"), 8u);
  EXPECT_EQ(first_invalid_utf8("abcdefghij\xED\xA0\x80xyz"), 10u);
  EXPECT_EQ(first_invalid_utf8("凤\xE5\x87"), 3u);  // truncated at the end
}

TEST(TextTest, Utf8Length) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("凤归"), 2u);
  EXPECT_EQ(utf8_length("a\xFF"
                        "b"),
            3u);
}

TEST(TextTest, CaseConversion) {
  EXPECT_EQ(to_lower_ascii("Training ABC xyz 培训"), "training abc xyz 培训");
  EXPECT_EQ(to_upper_ascii("91350100m000100y43 培训"), "91350100M000100Y43 培训");
  EXPECT_EQ(to_lower_ascii(""), "");
}

TEST(TextTest, Split) {
  struct Case {
    std::string in;
    char sep;
    std::vector<std::string> out;
  };
  const std::vector<Case> cases = {
      {"a,b,c", ',', {"a", "b", "c"}},
      {"a,,b", ',', {"a", "", "b"}},
      {"", ',', {""}},
      {",", ',', {"", ""}},
      {"abc", ',', {"abc"}},
      {"a,b,", ',', {"a", "b", ""}},
      {"410500/410502", '/', {"410500", "410502"}},
      {" a , b ", ',', {" a ", " b "}},
  };
  for (const Case& c : cases) EXPECT_EQ(split(c.in, c.sep), c.out) << c.in;
}

TEST(TextTest, StartsAndEndsWith) {
  EXPECT_TRUE(starts_with("410522", "4105"));
  EXPECT_FALSE(starts_with("4105", "410522"));
  EXPECT_TRUE(starts_with("abc", ""));
  EXPECT_TRUE(starts_with("凤归中原", "凤归"));
  EXPECT_FALSE(starts_with("", "a"));
  EXPECT_TRUE(ends_with("15万元", "元"));
  EXPECT_FALSE(ends_with("15万", "元"));
}

TEST(TextTest, Excerpt) {
  EXPECT_EQ(excerpt("abc"), "abc");
  EXPECT_EQ(excerpt("a\xFF"
                    "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(excerpt("abcdef", 4), "abcd\xE2\x80\xA6");
  EXPECT_EQ(excerpt("凤归中原", 7), "凤归\xE2\x80\xA6");  // never cuts a character in half
  EXPECT_EQ(excerpt(std::string(100, 'a')).size(), 64u + 3u);
  EXPECT_TRUE(is_valid_utf8(excerpt("\xC0\xAF\xED\xA0\x80")));
}

}  // namespace
// The one clock (issue 12.5): a civil date in China Standard Time is the UTC day after 16:00 UTC.
TEST(Clock, ManualClockReadsChinaStandardTime) {
  ManualClock c(0);
  EXPECT_EQ(c.today().iso(), "1970-01-01");
  EXPECT_EQ(c.now_iso(), "1970-01-01T08:00:00+08:00");
  c.set(*Date::parse("2021-08-31"), 23, 59);
  EXPECT_EQ(c.now_iso(), "2021-08-31T23:59:00+08:00");
  EXPECT_EQ(c.today().iso(), "2021-08-31");
  c.advance(60);  // a minute later it is September in 安阳, still August 31 in UTC
  EXPECT_EQ(c.today().iso(), "2021-09-01");
  EXPECT_EQ(c.unix_seconds(), 1630425600);  // 2021-08-31T16:00:00Z
  c.set(*Date::parse("1969-12-31"), 0, 0);
  EXPECT_EQ(c.now_iso(), "1969-12-31T00:00:00+08:00");
  EXPECT_EQ(c.today().iso(), "1969-12-31");
}

TEST(Clock, SystemClockAgreesWithTheDateFunctions) {
  const Clock& c = Clock::system();
  // The two reads may straddle midnight; they agree on one of the two sides.
  Date before = Date::today_cst();
  Date d = c.today();
  Date after = Date::today_cst();
  EXPECT_TRUE(d == before || d == after);
  EXPECT_EQ(c.now_iso().size(), 25u);
}

}  // namespace fg
