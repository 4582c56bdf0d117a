// The progress report at issue 4's volume (1.3 M people, 1 M entities, 3 M activity records):
// compute_progress for the whole city (滑县 kept out, so the scope is a list of regions), one
// county and one township, over a month, January–August and a full year, on a database that
// bench/run-report.sh has loaded. Either engine:
//   FENGGUI_BENCH_DB=sqlite:/tmp/fg-perf/report.db build/report_bench
//   FENGGUI_BENCH_DB=postgresql://… build/report_bench
// Report p50/p95 with --benchmark_repetitions=N (run-report.sh does).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "db/database.h"
#include "regions/service.h"
#include "reports/progress.h"

namespace {

fg::db::Database& database() {
  static auto db = fg::db::Database::open(std::getenv("FENGGUI_BENCH_DB") ? std::getenv("FENGGUI_BENCH_DB")
                                                                           : "sqlite:/tmp/fg-perf/report.db");
  return *db;
}

void run(benchmark::State& state, const char* region, const char* from, const char* to) {
  static fg::regions::Service regions(database());
  auto tree = regions.tree();
  auto c = database().acquire();
  fg::Date f = *fg::Date::parse(from), t = *fg::Date::parse(to);
  int64_t people = 0, trained = 0;
  for (auto _ : state) {
    auto p = fg::reports::compute_progress(*c, *tree, region, f, t);
    if (!p) {
      state.SkipWithError(p.error().en.c_str());
      return;
    }
    people = p->entrepreneurs;
    trained = p->indicators[0].actual;
    benchmark::DoNotOptimize(p);
  }
  state.counters["people"] = static_cast<double>(people);
  state.counters["trained"] = static_cast<double>(trained);
}

// The latest full year the generator fills (2025) is also its busiest.
// One call per repetition, so that the repetitions' statistics are those of single reports.
double p95(const std::vector<double>& v) {
  std::vector<double> s = v;
  std::sort(s.begin(), s.end());
  return s.empty() ? 0 : s[std::min(s.size() - 1, static_cast<size_t>(0.95 * static_cast<double>(s.size())))];
}
double p50(const std::vector<double>& v) {
  std::vector<double> s = v;
  std::sort(s.begin(), s.end());
  return s.empty() ? 0 : s[s.size() / 2];
}

// The dashboard's trend chart: distinct people per month and indicator over the city's year.
void BM_City_Trend(benchmark::State& state) {
  static fg::regions::Service regions(database());
  auto tree = regions.tree();
  auto c = database().acquire();
  int64_t august = 0;
  for (auto _ : state) {
    auto months = fg::reports::monthly_people(*c, *tree, "410500", 2025);
    august = months[7][0];
    benchmark::DoNotOptimize(months);
  }
  state.counters["trained_aug"] = static_cast<double>(august);
}

void BM_City_Month(benchmark::State& s) { run(s, "410500", "2025-08-01", "2025-08-31"); }
void BM_City_JanAug(benchmark::State& s) { run(s, "410500", "2025-01-01", "2025-08-31"); }
void BM_City_Year(benchmark::State& s) { run(s, "410500", "2025-01-01", "2025-12-31"); }
void BM_City_OddDays(benchmark::State& s) { run(s, "410500", "2025-03-17", "2025-10-09"); }
void BM_City_EarlyYear(benchmark::State& s) { run(s, "410500", "2017-01-01", "2017-12-31"); }
void BM_County_JanAug(benchmark::State& s) { run(s, "410581", "2025-01-01", "2025-08-31"); }
void BM_County_Year(benchmark::State& s) { run(s, "410581", "2025-01-01", "2025-12-31"); }
void BM_Township_Year(benchmark::State& s) { run(s, "410581107", "2025-01-01", "2025-12-31"); }
void BM_Excluded_Year(benchmark::State& s) { run(s, "410526", "2025-01-01", "2025-12-31"); }

BENCHMARK(BM_City_Trend)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_City_Month)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_City_JanAug)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_City_Year)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_City_OddDays)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_City_EarlyYear)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_County_JanAug)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_County_Year)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_Township_Year)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);
BENCHMARK(BM_Excluded_Year)->Unit(benchmark::kMillisecond)->Iterations(1)->ComputeStatistics("p50", p50)->ComputeStatistics("p95", p95);

}  // namespace

BENCHMARK_MAIN();
