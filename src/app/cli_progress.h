#pragma once
// The command line's progress line for a ledger import (issue 13.4): phase, rows read, rows/s and
// the time so far, redrawn on stderr a few times a second while the import runs — only when stderr
// is a terminal (a script's log or a pipe gets nothing). The upload page shows the same phases.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace fg::app {

class CliProgress {
 public:
  // enabled: usually isatty(STDERR_FILENO). Nothing is drawn and no thread runs when false.
  CliProgress(std::string kind, bool enabled);
  ~CliProgress();  // stops and clears the line
  CliProgress(const CliProgress&) = delete;
  CliProgress& operator=(const CliProgress&) = delete;

  // "读取 reading", "校验并写入 checking and writing" …
  void phase(std::string name);
  void bytes(uint64_t done, uint64_t total);
  void rows(int64_t n);

  // The line as drawn now (for the tests and the drawer).
  std::string line() const;

 private:
  void draw_loop();

  std::string kind_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  mutable std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::string phase_;
  uint64_t bytes_done_ = 0, bytes_total_ = 0;
  int64_t rows_ = -1;
  std::thread drawer_;
};

}  // namespace fg::app
