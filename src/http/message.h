#pragma once
// The server's own request/response types: routes and tests use these and never see Beast.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"

namespace fg::http {

using Json = nlohmann::json;

struct Request {
  std::string method;                         // "GET", "POST", …
  std::string path;                           // decoded path, no query
  std::map<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> headers; // names lower-case
  std::string body;
  std::string remote_ip;                      // the client's address (http/client_address.h)
  std::string peer_ip;                        // the socket's peer: a trusted proxy, or the client
  std::map<std::string, std::string> params;  // path parameters filled by the router

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string q(const std::string& name, const std::string& fallback = {}) const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
  }
  std::optional<std::string> cookie(const std::string& name) const;
  bool english() const;  // Accept-Language starts with "en"
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string file_path;  // when set, the server streams this file instead of body

  static Response json(const Json& j, int status = 200);
  static Response no_content();
  static Response error(const Error& e, bool english);
  static Response bytes(std::string data, std::string content_type, std::string download_name = {});
};

int status_for(ErrorKind kind);

// Percent-decoding for paths and query strings ("+" as space only in queries).
std::string url_decode(std::string_view s, bool plus_as_space);
std::map<std::string, std::string> parse_query(std::string_view q);

// RFC 5987 filename for Content-Disposition, so Chinese file names survive.
std::string content_disposition(const std::string& filename);

}  // namespace fg::http
