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
// The parts between seps, each trimmed, the empty ones left out: "a, ,b" → {"a", "b"}.
std::vector<std::string> split_nonempty(std::string_view s, char sep);
// The parts with sep between them: {"a", "b"} → "a,b" (a list kept in one text column).
std::string join(const std::vector<std::string>& parts, char sep);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// The user's text made safe to quote in an error message: invalid UTF-8 bytes become U+FFFD
// (messages end up in JSON, which must be valid UTF-8) and text longer than max_bytes is cut at
// a character boundary and ends with "…", so one bad cell cannot flood a rejects file.
std::string excerpt(std::string_view s, std::size_t max_bytes = 64);

// Characters no stored text may hold: those XML 1.0 cannot carry (§2.2 Char: C0 controls other
// than tab, LF and CR) and Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last
// two code points of every plane, Unicode ch. 23.7), plus invalid UTF-8. A name holding U+FFFE
// made sharedStrings.xml malformed and so every XLSX export that included it (issue 11.9).
// Returns the byte offset of the first such character, or npos when the text is clean.
std::size_t find_unsafe_char(std::string_view s);
// The code point at s[at] as "U+FFFE" (or "0xNN" for a byte that starts no valid sequence), for
// messages that must say which character was refused.
std::string describe_char_at(std::string_view s, std::size_t at);
// s with every character find_unsafe_char would stop at replaced by U+FFFD: what output formats
// that must stay well-formed (XLSX, DOCX) write, whatever an older database may hold.
std::string xml_safe(std::string_view s);

// True when a spreadsheet would read a cell starting with s as a formula: = + - @ and the tab and
// carriage return that some Excel versions skip before one (OWASP, CSV Injection).
bool starts_formula(std::string_view s);
// True when s is one or more apostrophes followed by what starts_formula accepts ("'=1", "''-x"):
// the shape of a cell our CSV writer escaped. The writer escapes these too (one more apostrophe)
// and the reader takes exactly one off, so text that really begins "'-" survives the round trip.
bool starts_escaped_formula(std::string_view s);

}  // namespace fg
