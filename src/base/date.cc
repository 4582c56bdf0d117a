#include "base/date.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "base/text.h"

namespace fg {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kCstOffsetSeconds = 8 * 3600;  // China Standard Time is UTC+8 all year

bool is_valid_ymd(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= Date::days_in_month(year, month);
}

// Division rounding toward negative infinity, so dates before the epoch work.
int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

Error date_format_error(std::string_view text) {
  const std::string t = excerpt(text);
  return invalid_field(
      "", "日期格式无效：“" + t + "”，应为YYYY-MM-DD、YYYY/MM/DD或YYYY年M月D日",
      "invalid date \"" + t + "\": expected YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日");
}

Error no_such_date_error(std::string_view text) {
  const std::string t = excerpt(text);
  return invalid_field("", "日期不存在：“" + t + "”", "no such date: \"" + t + "\"");
}

// Reads between min_digits and max_digits ASCII digits from the front of s.
bool take_number(std::string_view& s, std::size_t min_digits, std::size_t max_digits, int& out) {
  std::size_t n = 0;
  int value = 0;
  while (n < s.size() && n < max_digits && s[n] >= '0' && s[n] <= '9') {
    value = value * 10 + (s[n] - '0');
    ++n;
  }
  if (n < min_digits) return false;
  s.remove_prefix(n);
  out = value;
  return true;
}

bool take(std::string_view& s, std::string_view token) {
  if (!s.starts_with(token)) return false;
  s.remove_prefix(token.size());
  return true;
}

// "YYYY-MM-DD", the year zero-padded to four digits.
std::string format_ymd(int year, int month, int day) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

}  // namespace

Date::Date(int year, int month, int day) : year_(year), month_(month), day_(day) {
  if (!is_valid_ymd(year, month, day)) {
    throw std::out_of_range("fg::Date: no such date " + format_ymd(year, month, day));
  }
}

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (!is_valid_ymd(year, month, day)) return no_such_date_error(format_ymd(year, month, day));
  return Date(Unchecked{}, year, month, day);
}

Result<Date> Date::parse(std::string_view text) {
  const std::string trimmed = trim(text);
  std::string_view s = trimmed;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!take_number(s, 4, 4, year)) return date_format_error(text);
  // The separator after the year decides the rest: "-" and "/" repeat, 年 is followed by 月 日.
  std::string_view after_month;
  std::string_view after_day;
  if (take(s, "-")) {
    after_month = "-";
  } else if (take(s, "/")) {
    after_month = "/";
  } else if (take(s, "年")) {
    after_month = "月";
    after_day = "日";
  } else {
    return date_format_error(text);
  }
  if (!take_number(s, 1, 2, month) || !take(s, after_month) || !take_number(s, 1, 2, day) ||
      !take(s, after_day) || !s.empty()) {
    return date_format_error(text);
  }
  if (year < 1 || !is_valid_ymd(year, month, day)) return no_such_date_error(text);
  return Date(Unchecked{}, year, month, day);
}

Date Date::from_excel_serial(int64_t serial) {
  // Day 0 of the count is 1899-12-31 up to the phantom 1900-02-29, 1899-12-30 after it.
  static const int64_t kDec31_1899 = Date(1899, 12, 31).days_since_epoch();
  if (serial < 60) return from_days(kDec31_1899 + serial);
  if (serial == 60) return Date(Unchecked{}, 1900, 2, 28);
  return from_days(kDec31_1899 - 1 + serial);
}

Result<Date> Date::from_excel_serial_checked(int64_t serial) {
  constexpr int64_t kDec31_9999 = 2958465;  // Excel's largest date serial
  if (serial < 1 || serial == 60 || serial > kDec31_9999) {
    const std::string n = std::to_string(serial);
    return invalid_field("", "Excel日期序号" + n + "不对应任何日期",
                         "Excel date serial " + n + " names no date");
  }
  return from_excel_serial(serial);
}

int64_t Date::days_since_epoch() const {
  // days_from_civil: count in 400-year eras starting on 1 March, so the leap day is last.
  const int64_t y = static_cast<int64_t>(year_) - (month_ <= 2 ? 1 : 0);
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;                          // [0, 399]
  const int64_t mp = (month_ + 9) % 12;                       // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + day_ - 1;          // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date Date::from_days(int64_t days) {
  // civil_from_days, the inverse of the above.
  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date(Unchecked{}, year, month, day);
}

Date Date::today_cst() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  return from_days(floor_div(seconds + kCstOffsetSeconds, kSecondsPerDay));
}

bool Date::is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int Date::days_in_year(int year) { return is_leap_year(year) ? 366 : 365; }

int Date::days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

std::string Date::iso() const { return format_ymd(year_, month_, day_); }

int Date::day_of_year() const {
  const int64_t jan1 = Date(Unchecked{}, year_, 1, 1).days_since_epoch();
  return static_cast<int>(days_since_epoch() - jan1) + 1;
}

bool Date::is_last_day_of_month() const { return day_ == days_in_month(year_, month_); }

Date Date::add_days(int days) const { return from_days(days_since_epoch() + days); }

Date Date::add_months(int months) const {
  const int64_t index = static_cast<int64_t>(year_) * 12 + (month_ - 1) + months;
  const int year = static_cast<int>(floor_div(index, 12));
  const int month = static_cast<int>(index - static_cast<int64_t>(year) * 12) + 1;
  const int last = days_in_month(year, month);
  return Date(Unchecked{}, year, month, day_ < last ? day_ : last);
}

std::string cst_iso(int64_t unix_seconds) {
  const int64_t seconds = unix_seconds + kCstOffsetSeconds;
  const int64_t days = floor_div(seconds, kSecondsPerDay);
  const int64_t second_of_day = seconds - days * kSecondsPerDay;
  const Date date = Date::from_days(days);
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d+08:00", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return date.iso() + buf;
}

std::string now_cst_iso() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return cst_iso(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

}  // namespace fg
