#include "http/json_body.h"

#include "base/text.h"

namespace fg::http {

namespace {

// The first string in j (a value or a key, at any depth) holding a character no stored text may
// hold (base/text.h find_unsafe_char: U+0000 and other controls, noncharacters such as U+FFFE),
// as an error naming its field: one check for every JSON body, so no module can store text that
// would corrupt its exports or that PostgreSQL would cut short (libpq ends text at U+0000).
std::optional<Error> unsafe_text(const Json& j, const std::string& field) {
  const auto check = [&](const std::string& text, const std::string& name) -> std::optional<Error> {
    const std::size_t at = find_unsafe_char(text);
    if (at == std::string::npos) return std::nullopt;
    const std::string ch = describe_char_at(text, at);
    return make_error(ErrorKind::bad_request, "bad_character", name,
                      "字段 " + name + " 含有不能保存的字符（" + ch + "），请删除后重试",
                      "Field " + name + " holds a character that cannot be stored (" + ch + "); remove it and retry");
  };
  if (j.is_string()) return check(j.get_ref<const std::string&>(), field);
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      const std::string name = field.empty() ? key : field + "." + key;
      if (auto e = check(key, name)) return e;
      if (auto e = unsafe_text(value, name)) return e;
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (auto e = unsafe_text(j[i], field + "[" + std::to_string(i) + "]")) return e;
    }
  }
  return std::nullopt;
}

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
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character is not structure
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
  if (auto e = unsafe_text(j, "")) return *e;
  return j;
}

Result<std::optional<std::string>> opt_string(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return wrong_type(field, "文本", "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<void> read_strings(const Json& j, std::initializer_list<StringField> fields) {
  for (const auto& f : fields) {
    FG_TRY(auto v, opt_string(j, f.name));
    *f.target = v.value_or("");
  }
  return {};
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
