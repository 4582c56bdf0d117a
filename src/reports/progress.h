#pragma once
// The progress report of interchange.md: for any region and period, from live data, the figures
// of the bureau's letter and the letter's own paragraph.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/error.h"
#include "db/database.h"
#include "regions/model.h"

namespace fg::reports {

struct IndicatorLine {
  std::string indicator;                       // training | mentoring | support
  int64_t actual = 0;                          // distinct people with a record in the period
  std::optional<int64_t> target;               // the year's target (own, else children's sum)
  std::optional<int64_t> completion;           // hundredths of a percent: 7628 = 76.28%
  bool ahead = false;                          // completion ≥ time progress
};

struct Progress {
  regions::Region region;
  Date from, to;
  std::vector<regions::Region> excluded;
  int64_t time_progress = 0;                   // hundredths of a percent
  int64_t entrepreneurs = 0, market_entities = 0, enterprises = 0, jobs = 0;
  std::vector<IndicatorLine> indicators;
  int64_t loan_fen = 0, borrowers = 0;
};

// Time progress (时间进度): month/12 when `to` is a month's last day, else day of year / days in
// year; in hundredths of a percent, rounded half up.
int64_t time_progress(Date to);

// Fails when the region does not exist or from > to or the period spans two years.
Result<Progress> compute_progress(db::Connection& c, const regions::Tree& tree, const std::string& region_code,
                                  Date from, Date to);

// Distinct people per calendar month of `year` and indicator (kIndicators order): the dashboard's
// trend. From the monthly tables of migration 0008, like compute_progress's whole months.
std::vector<std::array<int64_t, 3>> monthly_people(db::Connection& c, const regions::Tree& tree,
                                                   const std::string& region_code, int year);

nlohmann::json progress_json(const Progress& p);
// The paragraph in the letter's style (12.93万人, 4.13亿元, 76.28%, （不包含滑县）).
std::string progress_text(const Progress& p);
// The same as a workbook: summary, indicators, and one line per child region.
std::string progress_xlsx(const Progress& p, const std::vector<Progress>& children);

}  // namespace fg::reports
