#pragma once
// Small string helpers shared by the parsers. Text in Fenggui is UTF-8 everywhere (the ledger
// reader converts GB18030 on the way in), so these work on bytes and know UTF-8 only as far as
// they must: the whitespace Excel and Chinese input methods leave behind, and validity.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fg {

// Strips ASCII whitespace, the ideographic space U+3000 (a Chinese IME's space bar), the
// no-break space U+00A0 (text pasted from web pages) and the byte-order mark U+FEFF (the first
// cell of a CSV saved by Excel as "UTF-8") from both ends.
std::string trim(std::string_view s);

// True when s is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequences.
bool is_valid_utf8(std::string_view s);
// The offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode
// Standard ch. 3, table 3-7), or std::string_view::npos when s is well-formed: for messages that
// tell staff where in a file the bad byte is.
std::size_t first_invalid_utf8(std::string_view s);

// Number of code points in s; each byte that does not start a valid sequence counts as one.
std::size_t utf8_length(std::string_view s);

std::string to_lower_ascii(std::string_view s);
std::string to_upper_ascii(std::string_view s);

// Splits at every sep: "a,,b" → {"a", "", "b"}; "" → {""}. No trimming, no quoting (CSV has its
// own reader).
std::vector<std::string> split(std::string_view s, char sep);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// The user's text made safe to quote in an error message: invalid UTF-8 bytes become U+FFFD
// (messages end up in JSON, which must be valid UTF-8) and text longer than max_bytes is cut at
// a character boundary and ends with "…", so one bad cell cannot flood a rejects file.
std::string excerpt(std::string_view s, std::size_t max_bytes = 64);

}  // namespace fg
