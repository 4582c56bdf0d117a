#include "base/privacy.h"

#include <algorithm>

namespace fg {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
}  // namespace

std::string mask_id_number(std::string_view id) {
  if (id.size() < 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone_number(std::string_view p) {
  if (p.size() <= 4) return std::string(p.size(), '*');
  const std::size_t hidden = std::max<std::size_t>(4, (p.size() * 4 + 10) / 11);
  const std::size_t visible = p.size() - hidden;
  const std::size_t head = std::min<std::size_t>(3, visible / 2);
  const std::size_t tail = std::min<std::size_t>(4, visible - head);
  return std::string(p.substr(0, head)) + std::string(p.size() - head - tail, '*') +
         std::string(p.substr(p.size() - tail));
}

namespace {
// Length of the digit run at text[i] (a final X counted for an 18-character ID number).
std::size_t run_at(std::string_view text, std::size_t i) {
  std::size_t end = i;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end - i == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
  return end - i;
}

// How many characters from text[i] form a personal number, 0 when none does: an ID number (15 or
// 18 characters, or any run of 15 or more), a mobile number (11 digits starting with 1), a
// landline with its area code (10–12 digits starting with 0, or 0AA(A)-LLLLLLL(L)).
std::size_t personal_number_at(std::string_view text, std::size_t i) {
  const std::size_t n = run_at(text, i);
  const auto bounded = [&](std::size_t len) { return i + len == text.size() || !is_alnum(text[i + len]); };
  if (!bounded(n)) {
    return 0;
  }
  if (n >= 15) return n;
  if (n == 11 && text[i] == '1') return n;
  if (n >= 10 && n <= 12 && text[i] == '0') return n;
  if (n >= 3 && n <= 4 && text[i] == '0' && i + n < text.size() && text[i + n] == '-') {
    const std::size_t local = run_at(text, i + n + 1);
    if (local >= 7 && local <= 8 && bounded(n + 1 + local)) return n + 1 + local;
  }
  return 0;
}
}  // namespace

std::string mask_personal_numbers(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i]) || (i > 0 && is_alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    if (const std::size_t n = personal_number_at(text, i); n > 0) {
      const std::string_view number = text.substr(i, n);
      out.append(text.substr(copied, i - copied));
      out += n >= 15 && number.find('-') == std::string_view::npos ? mask_id_number(number) : mask_phone_number(number);
      copied = i + n;
      i += n;
      continue;
    }
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace fg
