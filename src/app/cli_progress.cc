#include "app/cli_progress.h"

#include <cstdio>

namespace fg::app {

CliProgress::CliProgress(std::string kind, bool enabled) : kind_(std::move(kind)), enabled_(enabled) {
  if (enabled_) drawer_ = std::thread([this] { draw_loop(); });
}

CliProgress::~CliProgress() {
  if (!enabled_) return;
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  drawer_.join();
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

void CliProgress::phase(std::string name) {
  std::lock_guard lock(m_);
  phase_ = std::move(name);
}

void CliProgress::bytes(uint64_t done, uint64_t total) {
  std::lock_guard lock(m_);
  bytes_done_ = done;
  bytes_total_ = total;
}

void CliProgress::rows(int64_t n) {
  std::lock_guard lock(m_);
  rows_ = n;
}

std::string CliProgress::line() const {
  std::lock_guard lock(m_);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char buf[256];
  std::string out = "导入 " + kind_ + " · " + phase_;
  if (rows_ >= 0) {
    std::snprintf(buf, sizeof buf, " · %lld 行 rows · %.0f 行/秒 rows/s", static_cast<long long>(rows_),
                  secs > 0 ? static_cast<double>(rows_) / secs : 0.0);
    out += buf;
  } else if (bytes_total_ > 0) {
    std::snprintf(buf, sizeof buf, " · %.1f / %.1f MB (%.0f%%)", static_cast<double>(bytes_done_) / 1e6,
                  static_cast<double>(bytes_total_) / 1e6, 100.0 * static_cast<double>(bytes_done_) /
                                                               static_cast<double>(bytes_total_));
    out += buf;
  }
  std::snprintf(buf, sizeof buf, " · %.1f s", secs);
  return out + buf;
}

void CliProgress::draw_loop() {
  std::unique_lock lock(m_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(200));
    if (stop_) break;
    lock.unlock();
    std::string l = line();
    std::fprintf(stderr, "\r\x1b[K%s", l.c_str());
    std::fflush(stderr);
    lock.lock();
  }
}

}  // namespace fg::app
