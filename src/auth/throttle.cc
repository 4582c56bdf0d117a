#include "auth/throttle.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cmath>

namespace fg::auth {

void AttemptLimiter::refill(Bucket& b, int64_t now) const {
  if (now > b.at) {
    b.tokens = std::min(policy_.burst, b.tokens + static_cast<double>(now - b.at) * policy_.per_minute / 60.0);
    b.at = now;
  }
}

int64_t AttemptLimiter::take(const std::string& key, int64_t now) {
  std::lock_guard lock(m_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= policy_.max_addresses) {
      // Forget the addresses whose buckets are full again: they are as if never seen.
      std::erase_if(buckets_, [&](const auto& kv) {
        Bucket b = kv.second;
        refill(b, now);
        return b.tokens >= policy_.burst;
      });
      // Still full (a flood from very many addresses): start afresh rather than refuse newcomers;
      // the bounded hashing pool still caps the work.
      if (buckets_.size() >= policy_.max_addresses) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{policy_.burst, now}).first;
  }
  Bucket& b = it->second;
  refill(b, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  if (policy_.per_minute <= 0) return 60;
  // (1e-9: 0.333… of a token refilled in thirds must not round up to one second more.)
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1 - b.tokens) * 60.0 / policy_.per_minute - 1e-9)));
}

void AttemptLimiter::give_back(const std::string& key, int64_t now) {
  std::lock_guard lock(m_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return;
  refill(it->second, now);
  it->second.tokens = std::min(policy_.burst, it->second.tokens + 1);
}

void AttemptLimiter::set_policy(RatePolicy p) {
  std::lock_guard lock(m_);
  policy_ = p;
  buckets_.clear();
}

RatePolicy AttemptLimiter::policy() const {
  std::lock_guard lock(m_);
  return policy_;
}

size_t AttemptLimiter::addresses() const {
  std::lock_guard lock(m_);
  return buckets_.size();
}

std::string address_key(std::string_view ip) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(ip), ec);
  if (ec || !a.is_v6()) return std::string(ip);
  auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace fg::auth
