#include "http/json_body.h"

namespace fg::http {

namespace {

Error wrong_type(const char* field, const char* zh_type, const char* en_type) {
  return make_error(ErrorKind::bad_request, "bad_field", field, std::string("字段 ") + field + " 应为" + zh_type,
                    std::string("Field ") + field + " must be " + en_type);
}

}  // namespace

Result<Json> parse_json_object(std::string_view body) {
  if (body.empty()) return Json::object();
  // One pass before parsing, so that a body past the limits is refused before anything is built
  // for it: nlohmann allocates as it goes, and a callback refusing deep levels would still cost
  // a pointer per level. The scan follows strings (RFC 8259, 7) to tell brackets and escapes
  // in text from structure; whether the body is JSON at all is the parser's to say.
  int depth = 0;
  bool in_string = false;
  bool nul = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        nul = nul || body.substr(i + 1, 5) == "u0000";  // the only way JSON text holds U+0000
        ++i;                                            // the escaped character is not structure
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        const std::string n = std::to_string(kMaxJsonDepth);
        return make_error(ErrorKind::bad_request, "bad_json", "",
                          "请求内容的 JSON 嵌套超过 " + n + " 层",
                          "The request body nests JSON deeper than " + n + " levels");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return make_error(ErrorKind::bad_request, "bad_json", "", "请求内容不是有效的 JSON 对象",
                      "The request body is not a valid JSON object");
  }
  if (nul) {
    return make_error(ErrorKind::bad_request, "bad_json", "",
                      "请求内容含有空字符（\\u0000），任何字段都不能含有",
                      "The request body holds a NUL character (\\u0000), which no field may contain");
  }
  return j;
}

Result<std::optional<std::string>> opt_string(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return wrong_type(field, "文本", "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<bool>> opt_bool(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return wrong_type(field, "true 或 false", "true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<std::string> req_string(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
    return make_error(ErrorKind::invalid, "required", field, std::string("请填写 ") + field,
                      std::string("Field ") + field + " is required");
  }
  if (!it->is_string()) return wrong_type(field, "文本", "a string");
  return it->get<std::string>();
}

}  // namespace fg::http
