#pragma once
// The one source of "now" for every service (issue 12.5). Services never read the system clock
// themselves: they hold the Clock the application was built with, so tests and the demo can put
// the time where the story needs it (the demo writes 2021's contest and last year's loans at the
// dates they happened instead of back-dating rows afterwards). Civil dates are China Standard
// Time (UTC+08:00, no daylight saving), as the bureau's documents use.
//
// Not behind the clock, on purpose: the audit log's `at` (the time a write really happened is
// evidence; docs/decisions.md 36), HTTP timings (steady clock) and backups' file names.
#include <atomic>
#include <cstdint>
#include <string>

#include "base/date.h"

namespace fg {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t unix_seconds() const = 0;
  // The civil date in China Standard Time.
  Date today() const;
  // ISO 8601 with the +08:00 offset, to the second: 2021-08-31T09:30:00+08:00.
  std::string now_iso() const;
  // The machine's clock; what the server and the command line run on.
  static const Clock& system();
};

// A clock that stands where it is put and moves only when told: the demo's story and tests.
// Safe to read from several threads while one sets it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t unix_seconds) : at_(unix_seconds) {}
  int64_t unix_seconds() const override { return at_.load(std::memory_order_relaxed); }
  void set(int64_t unix_seconds) { at_.store(unix_seconds, std::memory_order_relaxed); }
  // `date` at hh:mm China Standard Time.
  void set(const Date& date, int hour = 9, int minute = 0);
  void advance(int64_t seconds) { at_.fetch_add(seconds, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> at_;
};

}  // namespace fg
