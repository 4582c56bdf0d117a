#include "http/message.h"

namespace fg::http {

std::optional<std::string> Request::cookie(const std::string& name) const {
  std::string c = header("cookie");
  size_t pos = 0;
  while (pos < c.size()) {
    size_t end = c.find(';', pos);
    if (end == std::string::npos) end = c.size();
    std::string part = c.substr(pos, end - pos);
    size_t s = part.find_first_not_of(' ');
    if (s != std::string::npos) part = part.substr(s);
    size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

bool Request::english() const {
  std::string l = header("accept-language");
  return l.size() >= 2 && (l[0] == 'e' || l[0] == 'E') && (l[1] == 'n' || l[1] == 'N');
}

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return 400;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::too_large: return 413;
    case ErrorKind::invalid: return 422;
    case ErrorKind::locked: return 429;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

Response Response::json(const Json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::error(const Error& e, bool english) {
  Json err = {{"code", e.code}, {"message", e.message(english)}};
  if (!e.field.empty()) err["field"] = e.field;
  if (!e.ref.empty()) err["ref"] = e.ref;
  Response r = json(Json{{"error", err}}, status_for(e.kind));
  if (e.retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after));
  return r;
}

Response Response::bytes(std::string data, std::string content_type, std::string download_name) {
  Response r;
  r.body = std::move(data);
  r.content_type = std::move(content_type);
  if (!download_name.empty()) {
    r.headers.emplace_back("Content-Disposition", content_disposition(download_name));
  }
  return r;
}

std::string url_decode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_as_space && c == '+') ? ' ' : c;
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view q) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= q.size() && !q.empty()) {
    size_t end = q.find('&', pos);
    if (end == std::string_view::npos) end = q.size();
    std::string_view part = q.substr(pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string key = url_decode(part.substr(0, eq), true);
      std::string val = eq == std::string_view::npos ? "" : url_decode(part.substr(eq + 1), true);
      out[key] = val;
    }
    if (end == q.size()) break;
    pos = end + 1;
  }
  return out;
}

std::string content_disposition(const std::string& filename) {
  std::string enc;
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      enc += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      enc += buf;
    }
  }
  std::string ascii;
  for (unsigned char c : filename) {
    if ((c & 0xC0) == 0x80) continue;  // one '_' per UTF-8 character, not per byte
    ascii += (c < 128 && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + enc;
}

}  // namespace fg::http
