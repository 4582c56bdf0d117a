#pragma once
// The 18-character citizen identity number of GB 11643-1999 (公民身份号码): a 6-digit address
// code (GB/T 2260 region where first registered), an 8-digit birth date YYYYMMDD, a 3-digit
// sequence code whose last digit is odd for men and even for women, and a check character
// computed by ISO 7064 MOD 11-2. It is the natural key of a person in Fenggui, so it is parsed
// once, at the edge, and carried as this type afterwards.
#include <compare>
#include <string>
#include <string_view>
#include <utility>

#include "base/date.h"
#include "base/error.h"

namespace fg {

class IdNumber {
 public:
  enum class Sex { male, female };

  // Trims surrounding blanks, upper-cases a final x, then checks in order: 18 characters,
  // 17 digits followed by a digit or X, a birth date that exists, is not before 1900-01-01 and
  // is not after `today`, and the check character. Each failure has its own zh/en message and
  // field "id_number". Messages never repeat the number itself: it is personal data, and error
  // messages travel to logs and rejects files.
  static Result<IdNumber> parse(std::string_view text, Date today);
  // The same against Date::today_cst(); prefer the overload above where the date matters to a
  // test or to a reproducible import.
  static Result<IdNumber> parse(std::string_view text);

  // The GB 11643-1999 check character for the first 17 digits: sum of digit × weight
  // (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) mod 11, mapped through "10X98765432". Returns '\0' when
  // first17 is not exactly 17 ASCII digits. Public for test-data generators.
  static char check_char(std::string_view first17);

  const std::string& str() const { return number_; }
  Date birth_date() const { return birth_date_; }
  // GB 11643-1999: the 17th digit (last of the sequence code) is odd for men, even for women.
  Sex sex() const;
  // The six-digit address code, e.g. "410502" (文峰区). It records where the number was issued,
  // not where the person lives now.
  std::string region_prefix() const;
  // Age in whole years on the given date; a 29 February birthday counts from 1 March in common
  // years. Negative when `on` is before the birth date.
  int age_on(Date on) const;
  // "4105**********123X": first 4 and last 4 characters, for lists and logs where the full
  // number is not needed.
  std::string masked() const;

  friend auto operator<=>(const IdNumber& a, const IdNumber& b) { return a.number_ <=> b.number_; }
  friend bool operator==(const IdNumber& a, const IdNumber& b) { return a.number_ == b.number_; }

 private:
  IdNumber(std::string number, Date birth_date)
      : number_(std::move(number)), birth_date_(birth_date) {}

  std::string number_;
  Date birth_date_;
};

}  // namespace fg
