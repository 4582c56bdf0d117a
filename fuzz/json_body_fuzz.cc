// What a JSON request body goes through before a handler sees it (http/json_body.h): parsing into
// an object as Context::json_body does, then the typed field readers the routes use, on every
// key of the object and on names routes read. A parsed body keeps the limits of json_body.h,
// and must dump (as responses echo values) and read back equal.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check.h"
#include "http/json_body.h"

namespace {

void read_field(const fg::http::Json& j, const char* field) {
  using namespace fg;
  Result<std::optional<std::string>> s = http::opt_string(j, field);
  if (!s) fuzz::check_error(s.error());
  Result<std::optional<bool>> b = http::opt_bool(j, field);
  if (!b) fuzz::check_error(b.error());
  Result<std::string> r = http::req_string(j, field);
  if (!r) fuzz::check_error(r.error());
  // The three agree on what the field is.
  FG_FUZZ_CHECK(!(s.ok() && s->has_value() && b.ok() && b->has_value()));
  if (r.ok()) FG_FUZZ_CHECK(s.ok() && s->has_value() && **s == *r && !r->empty());
}

// The limits parse_json_object promises, checked on what it returns: at most kMaxJsonDepth
// levels and no string or key holding U+0000. Walked with a stack of its own, since the value
// may be as deep as the limit allows.
void check_shape(const fg::http::Json& root) {
  using fg::http::Json;
  std::vector<std::pair<const Json*, int>> todo{{&root, 1}};
  while (!todo.empty()) {
    const auto [j, depth] = todo.back();
    todo.pop_back();
    if (j->is_string()) FG_FUZZ_CHECK(j->get_ref<const std::string&>().find('\0') == std::string::npos);
    if (!j->is_structured()) continue;
    FG_FUZZ_CHECK(depth <= fg::http::kMaxJsonDepth);
    for (auto it = j->begin(); it != j->end(); ++it) {
      if (j->is_object()) FG_FUZZ_CHECK(it.key().find('\0') == std::string::npos);
      todo.emplace_back(&*it, depth + 1);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fg;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  Result<http::Json> j = http::parse_json_object(body);
  if (!j) {
    fuzz::check_error(j.error());
    FG_FUZZ_CHECK(j.error().kind == ErrorKind::bad_request);
    return 0;
  }
  FG_FUZZ_CHECK(j->is_object());
  check_shape(*j);
  for (const auto& [key, value] : j->items()) read_field(*j, key.c_str());
  for (const char* name : {"id_number", "name", "reason", "enabled", "password", ""}) {
    read_field(*j, name);
  }
  const std::string dumped = j->dump();
  FG_FUZZ_CHECK(is_valid_utf8(dumped));
  Result<http::Json> again = http::parse_json_object(dumped);
  FG_FUZZ_CHECK(again.ok());
  FG_FUZZ_CHECK(*again == *j);
  return 0;
}
