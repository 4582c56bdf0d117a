#include "base/text.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace fg {

namespace {

// Length in bytes of the well-formed UTF-8 sequence at the start of s, or 0 when there is none.
// Follows the table of well-formed byte sequences in the Unicode Standard (ch. 3, table 3-7).
std::size_t utf8_sequence_length(std::string_view s) {
  if (s.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 == 0xE0) {
    n = 3;
    lo = 0xA0;  // no overlong forms
  } else if (b0 >= 0xE1 && b0 <= 0xEC) {
    n = 3;
  } else if (b0 == 0xED) {
    n = 3;
    hi = 0x9F;  // no UTF-16 surrogates
  } else if (b0 >= 0xEE && b0 <= 0xEF) {
    n = 3;
  } else if (b0 == 0xF0) {
    n = 4;
    lo = 0x90;  // no overlong forms
  } else if (b0 >= 0xF1 && b0 <= 0xF3) {
    n = 4;
  } else if (b0 == 0xF4) {
    n = 4;
    hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  const auto b1 = static_cast<unsigned char>(s[1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return n;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";          // U+00A0
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";     // U+FEFF

// Bytes of the blank at the start (from_end false) or end of s, or 0.
std::size_t blank_length(std::string_view s, bool from_end) {
  if (s.empty()) return 0;
  if (is_ascii_space(from_end ? s.back() : s.front())) return 1;
  for (std::string_view blank : {kIdeographicSpace, kNoBreakSpace, kByteOrderMark}) {
    if (from_end ? ends_with(s, blank) : starts_with(s, blank)) return blank.size();
  }
  return 0;
}

}  // namespace

std::string trim(std::string_view s) {
  while (const std::size_t n = blank_length(s, false)) s.remove_prefix(n);
  while (const std::size_t n = blank_length(s, true)) s.remove_suffix(n);
  return std::string(s);
}

std::size_t first_invalid_utf8(std::string_view s) {
  // Ledger files are mostly ASCII, so runs of it are skipped eight bytes at a time.
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t n = utf8_sequence_length(s.substr(i));
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

std::size_t utf8_length(std::string_view s) {
  std::size_t count = 0;
  while (!s.empty()) {
    const std::size_t n = utf8_sequence_length(s);
    s.remove_prefix(n == 0 ? 1 : n);
    ++count;
  }
  return count;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::vector<std::string> split_nonempty(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (const auto& part : split(s, sep)) {
    std::string t = trim(part);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  for (;;) {
    const std::size_t pos = s.find(sep);
    if (pos == std::string_view::npos) {
      parts.emplace_back(s);
      return parts;
    }
    parts.emplace_back(s.substr(0, pos));
    s.remove_prefix(pos + 1);
  }
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string excerpt(std::string_view s, std::size_t max_bytes) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026
  std::string out;
  while (!s.empty()) {
    const std::size_t n = utf8_sequence_length(s);
    const std::string_view piece = n == 0 ? kReplacement : s.substr(0, n);
    if (out.size() + piece.size() > max_bytes) {
      out += kEllipsis;
      break;
    }
    out += piece;
    s.remove_prefix(n == 0 ? 1 : n);
  }
  return out;
}

namespace {
// The code point of the well-formed sequence of n bytes at the start of s.
char32_t decode(std::string_view s, std::size_t n) {
  const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (n == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

bool unsafe_code_point(char32_t c) {
  if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
  if (c >= 0xFDD0 && c <= 0xFDEF) return true;
  return (c & 0xFFFE) == 0xFFFE;  // U+FFFE, U+FFFF, U+1FFFE, … U+10FFFF
}

// Length of the unsafe character at the start of s (at least 1), or 0 when it is safe.
std::size_t unsafe_length(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 >= 0x20 && b0 < 0x80) return 0;  // the common case, ASCII text
  const std::size_t n = utf8_sequence_length(s);
  if (n == 0) return 1;
  return unsafe_code_point(decode(s, n)) ? n : 0;
}
}  // namespace

std::size_t find_unsafe_char(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (unsafe_length(s.substr(i)) > 0) return i;
    const std::size_t n = utf8_sequence_length(s.substr(i));
    i += n == 0 ? 1 : n;
  }
  return std::string_view::npos;
}

std::string describe_char_at(std::string_view s, std::size_t at) {
  char buf[16];
  const std::string_view rest = s.substr(at);
  const std::size_t n = utf8_sequence_length(rest);
  if (n == 0) {
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(rest[0])));
  } else {
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(decode(rest, n)));
  }
  return buf;
}

std::string xml_safe(std::string_view s) {
  const std::size_t first = find_unsafe_char(s);
  if (first == std::string_view::npos) return std::string(s);
  std::string out(s.substr(0, first));
  for (std::size_t i = first; i < s.size();) {
    if (const std::size_t bad = unsafe_length(s.substr(i)); bad > 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      i += bad;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s.substr(i));
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

bool starts_escaped_formula(std::string_view s) {
  const std::size_t quotes = s.find_first_not_of('\'');
  return quotes != 0 && quotes != std::string_view::npos && starts_formula(s.substr(quotes));
}

bool starts_formula(std::string_view s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

}  // namespace fg
