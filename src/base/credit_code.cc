#include "base/credit_code.h"

#include "base/text.h"

namespace fg {

namespace {

constexpr const char* kField = "credit_code";
// GB 32100-2015 table of code characters; a character's value is its index.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int char_value(char c) {
  const std::size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

}  // namespace

char CreditCode::check_char(std::string_view first17) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int value = char_value(first17[i]);
    if (value < 0) return '\0';
    sum += value * kWeights[i];
  }
  return kAlphabet[(31 - sum % 31) % 31];
}

Result<CreditCode> CreditCode::parse(std::string_view text) {
  const std::string code = to_upper_ascii(trim(text));
  const std::size_t length = utf8_length(code);
  if (length != 18) {
    const std::string n = std::to_string(length);
    return invalid_field(kField, "统一社会信用代码应为18位，实际为" + n + "位",
                         "credit code must have 18 characters, not " + n);
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (char_value(code[i]) >= 0) continue;
    const std::string position =
        std::to_string(utf8_length(std::string_view(code).substr(0, i)) + 1);
    // Quote the character only when it is ASCII; a multi-byte one is named by position alone.
    const bool ascii = static_cast<unsigned char>(code[i]) < 0x80;
    const std::string quoted = ascii ? std::string("“") + code[i] + "”" : "";
    const std::string quoted_en = ascii ? std::string(" \"") + code[i] + "\"" : "";
    return invalid_field(
        kField,
        "统一社会信用代码第" + position + "位字符" + quoted +
            "不合法，只能使用数字和除I、O、Z、S、V以外的大写字母",
        "credit code character " + position + quoted_en +
            " is not allowed: use digits and capital letters other than I, O, Z, S, V");
  }
  const char expected = check_char(std::string_view(code).substr(0, 17));
  if (code[17] != expected) {
    return invalid_field(kField, std::string("统一社会信用代码校验位错误，应为") + expected,
                         std::string("credit code check character is wrong; expected ") + expected);
  }
  return CreditCode(code);
}

std::string CreditCode::region_prefix() const { return code_.substr(2, 6); }

}  // namespace fg
