#pragma once
// What a JSON request body goes through before a handler sees its values: parsing into an object,
// and the typed field readers every module's routes use. Apart from the router so that they can
// be tested and fuzzed without a server (fuzz/json_body_fuzz.cc).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "http/message.h"

namespace fg::http {

// Objects and arrays nest at most this deep: no request of docs/api.md goes beyond 4 levels.
// Deeper bodies are refused, before they are parsed, because each level costs nlohmann a heap
// allocation (a body of 64 MiB of "[" would take ≈ 2.4 GB) and its dump() recurses once per
// level, so a deep value echoed into a response or an audit record would overflow the stack.
inline constexpr int kMaxJsonDepth = 64;

// The body as a JSON object (RFC 8259); an empty body is an empty object. Anything else is a 400
// "bad_json" saying what is wrong: not JSON or not an object, nested deeper than kMaxJsonDepth,
// and a 400 "bad_character" naming the field for a string (key or value) holding a character no
// stored text may hold (base/text.h find_unsafe_char): U+0000 — PostgreSQL text cannot hold it
// and libpq would cut the value short there silently — other controls, U+FFFE and the like.
Result<Json> parse_json_object(std::string_view body);

// Optional typed fields: absent or null is nullopt; a wrong type is a 400 naming the field.
Result<std::optional<std::string>> opt_string(const Json& j, const char* field);
// Optional text fields into a record's strings, in the order given: an absent or null field
// leaves "", the first of a wrong type is a 400 naming it (as opt_string).
struct StringField {
  const char* name;
  std::string* target;
};
Result<void> read_strings(const Json& j, std::initializer_list<StringField> fields);
Result<std::optional<bool>> opt_bool(const Json& j, const char* field);
// A required text field: absent, null or "" is a 422 "required" naming it; a wrong type a 400.
Result<std::string> req_string(const Json& j, const char* field);

}  // namespace fg::http
