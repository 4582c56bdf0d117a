#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "http/router.h"

namespace fg::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string web_root;             // built web app (web/dist); empty: API only
  int threads = 4;
  size_t body_limit = 64u << 20;    // large enough for ledger uploads, small enough to refuse abuse
  int read_timeout_seconds = 30;
  // Reverse proxies whose X-Forwarded-For / Forwarded headers name the client (addresses or CIDR
  // networks; http/client_address.h). Empty: the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
  int hash_threads = 0;             // password-hashing pool; 0: max(1, cores / 2)
  int hash_queue_per_thread = 8;    // requests that may wait for the pool, per thread; more → 503
  int hash_max_wait_ms = 5000;      // a request that waited longer is answered 503, not hashed
};

// The hashing pool's size when hash_threads is 0.
int default_hash_threads();

// Serves the router and the web app until SIGINT or SIGTERM, then stops accepting, lets
// requests in progress finish (up to a few seconds) and returns.
void serve(const Router& router, const ServerOptions& options);

// Static files of the single-page app; unknown paths fall back to index.html.
Response static_file(const std::string& web_root, const std::string& path);

}  // namespace fg::http
