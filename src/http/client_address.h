#pragma once
// Which address a request came from. The socket's peer, unless that peer is a reverse proxy the
// operator trusts (`serve --trusted-proxy`), in which case the proxy's X-Forwarded-For (or
// Forwarded, RFC 7239) header names the client. Anyone can send those headers, so they are read
// only from a trusted peer, and from the right: each proxy appends the address it received the
// request from, so the rightmost entry that is not a trusted proxy is the first address no
// trusted party vouches for beyond — the client as far as we can know.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace fg::http {

class TrustedProxies {
 public:
  // Each entry an address ("192.0.2.10", "::1") or a network in CIDR form ("10.0.0.0/8",
  // "fd00::/8"); entries may also be separated by commas or spaces within one string.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);
  bool empty() const { return nets_.empty(); }
  bool contains(std::string_view address) const;
  const std::vector<std::string>& described() const { return described_; }

 private:
  struct Net {
    std::array<uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d)
    int prefix = 128;                 // in IPv6 bits
  };
  std::vector<Net> nets_;
  std::vector<std::string> described_;
};

// The canonical text of an address: brackets and a port stripped ("[::1]:80" → "::1",
// "192.0.2.1:4711" → "192.0.2.1"), IPv4-mapped IPv6 shown as IPv4. nullopt when not an address.
std::optional<std::string> normalize_address(std::string_view text);

// The client's address for a request received from `peer` (see the top of this file). The
// headers are used only when `peer` is trusted: X-Forwarded-For when present, else the `for=`
// parameters of Forwarded (so a proxy that writes only Forwarded must drop a client's own
// X-Forwarded-For). A missing or malformed header leaves the peer's address.
std::string client_address(std::string_view peer, std::string_view x_forwarded_for, std::string_view forwarded,
                           const TrustedProxies& trusted);

}  // namespace fg::http
