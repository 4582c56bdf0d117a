#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/router.h"

namespace fg::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string web_root;             // built web app (web/dist); empty: API only
  int threads = 4;
  size_t body_limit = 64u << 20;    // large enough for ledger uploads, small enough to refuse abuse
  int read_timeout_seconds = 30;
};

// Serves the router and the web app until SIGINT or SIGTERM, then stops accepting, lets
// requests in progress finish (up to a few seconds) and returns.
void serve(const Router& router, const ServerOptions& options);

// Static files of the single-page app; unknown paths fall back to index.html.
Response static_file(const std::string& web_root, const std::string& path);

}  // namespace fg::http
