#include "base/id_number.h"

#include <utility>

#include "base/text.h"

namespace fg {

namespace {

constexpr const char* kField = "id_number";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits_value(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

char IdNumber::check_char(std::string_view first17) {
  // ISO 7064 MOD 11-2 as given in GB 11643-1999: the weight of position i (1-based) is
  // 2^(18-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[12] = "10X98765432";
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_digit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheck[sum % 11];
}

Result<IdNumber> IdNumber::parse(std::string_view text) { return parse(text, Date::today_cst()); }

Result<IdNumber> IdNumber::parse(std::string_view text, Date today) {
  std::string number = trim(text);
  if (!number.empty() && number.back() == 'x') number.back() = 'X';

  // Length in characters, so that full-width digits are reported as bad characters, not as a
  // wrong length.
  const std::size_t length = utf8_length(number);
  if (length != 18) {
    const std::string n = std::to_string(length);
    return invalid_field(kField, "身份证号应为18位，实际为" + n + "位",
                         "id number must have 18 characters, not " + n);
  }
  bool well_formed = number.size() == 18 && (number[17] == 'X' || is_digit(number[17]));
  for (std::size_t i = 0; well_formed && i < 17; ++i) well_formed = is_digit(number[i]);
  if (!well_formed) {
    return invalid_field(kField, "身份证号应由17位数字和1位数字或X组成",
                         "id number must be 17 digits followed by a digit or X");
  }

  // Birth date code (GB 11643-1999): characters 7–14 as YYYYMMDD.
  const std::string_view digits = number;
  const std::string yyyymmdd(digits.substr(6, 8));
  auto birth = Date::from_ymd(digits_value(digits.substr(6, 4)), digits_value(digits.substr(10, 2)),
                              digits_value(digits.substr(12, 2)));
  if (!birth) {
    return invalid_field(kField, "身份证号中的出生日期" + yyyymmdd + "不存在",
                         "id number holds a birth date that does not exist: " + yyyymmdd);
  }
  // Nobody alive and starting a business was born before 1900; such a date is a typing error.
  if (*birth < Date(1900, 1, 1) || *birth > today) {
    return invalid_field(
        kField, "身份证号中的出生日期" + yyyymmdd + "不合理（早于1900年或晚于今天）",
        "id number holds an impossible birth date: " + yyyymmdd + " (before 1900 or after today)");
  }

  const char expected = check_char(digits.substr(0, 17));
  if (number[17] != expected) {
    return invalid_field(kField, std::string("身份证号校验位错误，应为") + expected,
                         std::string("id number check character is wrong; expected ") + expected);
  }
  return IdNumber(std::move(number), *birth);
}

IdNumber::Sex IdNumber::sex() const {
  return (number_[16] - '0') % 2 == 1 ? Sex::male : Sex::female;
}

std::string IdNumber::region_prefix() const { return number_.substr(0, 6); }

int IdNumber::age_on(Date on) const {
  int age = on.year() - birth_date_.year();
  if (on.month() < birth_date_.month() ||
      (on.month() == birth_date_.month() && on.day() < birth_date_.day())) {
    --age;
  }
  return age;
}

std::string IdNumber::masked() const {
  return number_.substr(0, 4) + std::string(10, '*') + number_.substr(14, 4);
}

}  // namespace fg
