#pragma once
// How fast one client address may try to log in, whatever the usernames (issue 11, #10): a token
// bucket per address, held in memory by the server process. It is checked before any password
// hashing, so a flood from one address costs a map look-up per attempt, not 200 ms of Argon2.
// (The lock per username and address, in the database, is the other half: it limits guesses at
// one account; this limits work and username spraying from one address.)
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fg::auth {

struct RatePolicy {
  double burst = 20;                 // attempts an address may make at once
  double per_minute = 20;            // then one more every 3 s
  size_t max_addresses = 100000;     // memory bound; see AttemptLimiter::take
};

class AttemptLimiter {
 public:
  explicit AttemptLimiter(RatePolicy policy = {}) : policy_(policy) {}

  // Takes one attempt for `key` at `now` (unix seconds). 0 when allowed; otherwise nothing is
  // taken and the answer is the whole seconds until the next attempt will be allowed (≥ 1).
  int64_t take(const std::string& key, int64_t now);
  // Returns the attempt of a login that succeeded: a successful login is not what the limit is
  // for, and an office behind one address should not be held up by its own staff logging in.
  void give_back(const std::string& key, int64_t now);

  void set_policy(RatePolicy p);
  RatePolicy policy() const;
  size_t addresses() const;

 private:
  struct Bucket {
    double tokens = 0;
    int64_t at = 0;
  };
  void refill(Bucket& b, int64_t now) const;
  mutable std::mutex m_;
  RatePolicy policy_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The key under which an address is limited and locked: an IPv4 address as it is; an IPv6
// address by its /64 prefix ("2001:db8:1:2::/64"), since one subscriber usually holds a whole
// /64 and could otherwise step through 2^64 addresses. Anything else unchanged.
std::string address_key(std::string_view ip);

}  // namespace fg::auth
