#include "base/clock.h"

#include <chrono>

namespace fg {

namespace {
constexpr int64_t kCstOffset = 8 * 3600;
constexpr int64_t kDay = 86400;
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

class SystemClock final : public Clock {
 public:
  int64_t unix_seconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};
}  // namespace

Date Clock::today() const { return Date::from_days(floor_div(unix_seconds() + kCstOffset, kDay)); }

std::string Clock::now_iso() const { return cst_iso(unix_seconds()); }

const Clock& Clock::system() {
  static const SystemClock clock;
  return clock;
}

void ManualClock::set(const Date& date, int hour, int minute) {
  set(date.days_since_epoch() * kDay - kCstOffset + hour * 3600 + minute * 60);
}

}  // namespace fg
