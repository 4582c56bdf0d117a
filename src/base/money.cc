#include "base/money.h"

#include <cstdio>
#include <limits>

#include "base/text.h"

namespace fg {

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

int64_t pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

Error format_error(std::string_view text) {
  const std::string t = excerpt(text);
  return invalid_field(
      "", "金额格式无效：“" + t + "”，应为以元为单位的数字，如150000、150000.50、15万元",
      "invalid amount \"" + t +
          "\": expected a number of yuan such as 150000, 150000.50 or 15万元");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The integer part: plain digits, or digits grouped by commas in threes ("1,500,000").
bool valid_integer_part(std::string_view s) {
  if (s.empty()) return false;
  if (s.find(',') == std::string_view::npos) {
    for (char c : s) {
      if (!is_digit(c)) return false;
    }
    return true;
  }
  bool first = true;
  for (const std::string& group : split(s, ',')) {
    if (group.empty() || group.size() > 3 || (!first && group.size() != 3)) return false;
    for (char c : group) {
      if (!is_digit(c)) return false;
    }
    first = false;
  }
  return true;
}

// Digits of s (commas skipped) as a number; false on overflow.
bool accumulate(std::string_view s, int64_t& out) {
  int64_t value = 0;
  for (char c : s) {
    if (c == ',') continue;
    const int d = c - '0';
    if (value > (kMax - d) / 10) return false;
    value = value * 10 + d;
  }
  out = value;
  return true;
}

}  // namespace

Result<Fen> Fen::parse_yuan(std::string_view text) {
  const std::string trimmed = trim(text);
  std::string_view s = trimmed;
  if (s.empty()) return invalid_field("", "金额为空", "amount is empty");
  if (s.starts_with("-") || s.starts_with("－")) {  // ASCII or full-width minus
    const std::string t = excerpt(text);
    return invalid_field("", "金额不能为负数：“" + t + "”",
                         "amount must not be negative: \"" + t + "\"");
  }
  if (s.ends_with("元")) s.remove_suffix(std::string_view("元").size());
  // Unit: fen per unit and the decimal places that stay exact in fen (10^places fen per unit).
  int places = 2;
  if (s.ends_with("万")) {
    s.remove_suffix(std::string_view("万").size());
    places = 6;
  } else if (s.ends_with("亿")) {
    s.remove_suffix(std::string_view("亿").size());
    places = 10;
  }
  const std::size_t point = s.find('.');
  const std::string_view integer_part = s.substr(0, point);
  const std::string_view fraction_part =
      point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
  if (!valid_integer_part(integer_part)) return format_error(text);
  if (point != std::string_view::npos) {
    if (fraction_part.empty()) return format_error(text);
    for (char c : fraction_part) {
      if (!is_digit(c)) return format_error(text);
    }
  }
  if (fraction_part.size() > static_cast<std::size_t>(places)) {
    const std::string t = excerpt(text);
    return invalid_field("", "金额最多精确到分：“" + t + "”",
                         "amount is more precise than one fen (0.01 yuan): \"" + t + "\"");
  }
  const int64_t unit = pow10(places);
  int64_t whole = 0;
  int64_t fraction = 0;
  bool fits = accumulate(integer_part, whole) && accumulate(fraction_part, fraction);
  // fraction has at most `places` digits, so scaling it to fen stays below `unit`.
  fraction *= pow10(places - static_cast<int>(fraction_part.size()));
  fits = fits && whole <= (kMax - fraction) / unit;
  if (!fits) {
    const std::string t = excerpt(text);
    return invalid_field("", "金额过大：“" + t + "”", "amount too large: \"" + t + "\"");
  }
  return Fen(whole * unit + fraction);
}

std::string Fen::yuan_string() const {
  // Magnitude in unsigned arithmetic so that the most negative value does not overflow.
  const uint64_t magnitude =
      fen_ < 0 ? 0 - static_cast<uint64_t>(fen_) : static_cast<uint64_t>(fen_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", fen_ < 0 ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100),
                static_cast<unsigned long long>(magnitude % 100));
  return buf;
}

}  // namespace fg
