#include "base/text.h"

#include <cstdint>
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

}  // namespace fg
