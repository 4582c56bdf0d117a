#include "http/client_address.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace fg::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<boost::asio::ip::address> parse_ip(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  }
  return a;
}

std::array<uint8_t, 16> as_v6_bytes(const boost::asio::ip::address& a) {
  if (a.is_v4()) return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

// "[v6]:port", "[v6]", "v4:port", "v4", "v6" → the address text without brackets and port.
std::string_view strip_port(std::string_view s) {
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    return close == std::string_view::npos ? std::string_view() : s.substr(1, close - 1);
  }
  if (std::count(s.begin(), s.end(), ':') == 1) return s.substr(0, s.find(':'));
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(trim(s.substr(pos, end - pos)));
    pos = end + 1;
  }
  return out;
}

// The for= value of each element of a Forwarded header, in order ("" where an element has none).
std::vector<std::string> forwarded_for(std::string_view header) {
  std::vector<std::string> out;
  for (auto element : split(header, ',')) {
    std::string value;
    for (auto pair : split(element, ';')) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      std::string key(trim(pair.substr(0, eq)));
      for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key != "for") continue;
      auto v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      value = std::string(v);
    }
    out.push_back(value);
  }
  return out;
}

}  // namespace

std::optional<std::string> normalize_address(std::string_view text) {
  auto a = parse_ip(strip_port(trim(text)));
  if (!a) return std::nullopt;
  return a->to_string();
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies t;
  for (const auto& joined : entries) {
    std::string s = joined;
    for (auto& c : s) {
      if (c == ',') c = ' ';
    }
    for (auto entry : split(s, ' ')) {
      if (entry.empty()) continue;
      auto bad = [&] {
        return make_error(ErrorKind::bad_request, "bad_parameter", "trusted-proxy",
                          "受信任代理应为 IP 地址或 CIDR 网段（如 10.0.0.0/8）：" + std::string(entry),
                          "A trusted proxy is an IP address or a CIDR network (e.g. 10.0.0.0/8): " +
                              std::string(entry));
      };
      auto slash = entry.find('/');
      auto a = parse_ip(entry.substr(0, slash));
      if (!a) return bad();
      int max_bits = a->is_v4() ? 32 : 128;
      int bits = max_bits;
      if (slash != std::string_view::npos) {
        auto p = entry.substr(slash + 1);
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), bits);
        if (ec != std::errc() || end != p.data() + p.size() || p.empty() || bits < 0 || bits > max_bits) return bad();
      }
      Net n;
      n.bytes = as_v6_bytes(*a);
      n.prefix = a->is_v4() ? bits + 96 : bits;
      t.nets_.push_back(n);
      t.described_.push_back(a->to_string() + "/" + std::to_string(bits));
    }
  }
  return t;
}

bool TrustedProxies::contains(std::string_view address) const {
  auto a = parse_ip(address);
  if (!a) return false;
  auto b = as_v6_bytes(*a);
  for (const auto& n : nets_) {
    int full = n.prefix / 8, rest = n.prefix % 8;
    bool match = std::equal(b.begin(), b.begin() + full, n.bytes.begin());
    if (match && rest) {
      uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
      match = (b[full] & mask) == (n.bytes[full] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string client_address(std::string_view peer_in, std::string_view xff, std::string_view forwarded,
                           const TrustedProxies& trusted) {
  std::string peer = normalize_address(peer_in).value_or(std::string(peer_in));
  if (trusted.empty() || !trusted.contains(peer)) return peer;
  std::vector<std::string> hops;
  if (!trim(xff).empty()) {
    for (auto h : split(xff, ',')) hops.emplace_back(h);
  } else if (!trim(forwarded).empty()) {
    hops = forwarded_for(forwarded);
  }
  // From the right: skip our own proxies; the first address that is not one is the client.
  std::string client = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto a = normalize_address(*it);
    if (!a) break;  // "unknown", an obfuscated name or garbage: nothing further left is vouched for
    client = *a;
    if (!trusted.contains(*a)) break;
  }
  return client;
}

}  // namespace fg::http
