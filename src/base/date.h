#pragma once
// Civil dates. Everything the bureau records (birth, return, start of business, disbursement,
// report periods) is a calendar day in China Standard Time (UTC+8, no daylight saving), so a date
// is a plain year-month-day with no time zone; only today_cst() and now_cst_iso() read a clock.
// The calendar is the proleptic Gregorian one of ISO 8601 (GB/T 7408).
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace fg {

class Date {
 public:
  // 1970-01-01, the epoch of days_since_epoch().
  constexpr Date() = default;
  // For dates known to be valid (literals, stored columns). An impossible month or day is a bug
  // in the caller and throws std::out_of_range; input from people goes through parse() or
  // from_ymd() instead.
  Date(int year, int month, int day);

  // Checked construction: an Error naming the date when it does not exist.
  static Result<Date> from_ymd(int year, int month, int day);

  // Accepts what bureau ledgers contain (see docs interchange.md "Dates"): YYYY-MM-DD,
  // YYYY/MM/DD, the same with one-digit month or day (2021-8-5), and YYYY年M月D日; blanks around
  // the text are ignored. The year has four digits, 0001–9999. The error has no field (the
  // caller knows which column it was) and quotes the text.
  static Result<Date> parse(std::string_view text);

  // Excel's 1900 date system: serial 1 is 1900-01-01. Excel copies Lotus 1-2-3 in treating 1900
  // as a leap year, so serial 60 is the non-existent 1900-02-29 and every serial from 61 on is
  // one day ahead of a plain count: 61 is 1900-03-01. Serial 60 maps to 1900-02-28 here;
  // serials below 1 count back from 1899-12-31 (serial 0, which Excel shows as 1900-01-00).
  static Date from_excel_serial(int64_t serial);
  // The same, refusing serials that name no real day: below 1, 60, and beyond 9999-12-31.
  static Result<Date> from_excel_serial_checked(int64_t serial);

  // Days since 1970-01-01 (negative before), and back; H. Hinnant's days_from_civil /
  // civil_from_days algorithms, exact for every year an int holds.
  int64_t days_since_epoch() const;
  static Date from_days(int64_t days);

  // The current date in China Standard Time (UTC+8) from std::chrono::system_clock.
  static Date today_cst();

  static bool is_leap_year(int year);
  static int days_in_year(int year);
  static int days_in_month(int year, int month);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }

  // "2021-08-31" (ISO 8601 extended form, as stored and as sent in JSON).
  std::string iso() const;
  // 1 for 1 January; 243 for 2021-08-31.
  int day_of_year() const;
  bool is_last_day_of_month() const;

  Date add_days(int days) const;
  // Moves by whole months and clamps the day to the target month: 2021-01-31 + 1 → 2021-02-28.
  Date add_months(int months) const;

  // Member order (year, month, day) makes the defaulted comparison chronological.
  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

 private:
  struct Unchecked {};
  constexpr Date(Unchecked, int year, int month, int day) : year_(year), month_(month), day_(day) {}

  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

// The current instant in China Standard Time, to the second: "2026-11-27T20:31:05+08:00"
// (ISO 8601 with offset), for created_at/updated_at and audit records.
std::string now_cst_iso();
// The same for a given instant (unix seconds).
std::string cst_iso(int64_t unix_seconds);

}  // namespace fg
