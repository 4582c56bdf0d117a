// The registry list query at scale: every single filter of the people list page, against a
// database already holding the rows (bench/run-registry.sh imports 1,000,000 first).
//   FENGGUI_BENCH_DB=sqlite:/tmp/fg-bench/people.db build/registry_bench
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "db/database.h"
#include "people/store.h"

namespace {

fg::db::Database& database() {
  static auto db = fg::db::Database::open(std::getenv("FENGGUI_BENCH_DB") ? std::getenv("FENGGUI_BENCH_DB")
                                                                           : "sqlite:/tmp/fg-bench/people.db");
  return *db;
}

void run(benchmark::State& state, fg::people::PersonQuery q) {
  auto c = database().acquire();
  int64_t total = 0;
  for (auto _ : state) {
    auto rows = fg::people::store::list_people(*c, q, &total);
    benchmark::DoNotOptimize(rows);
  }
  state.counters["matches"] = static_cast<double>(total);
}

void BM_List_NoFilter(benchmark::State& s) { run(s, {}); }
void BM_List_County(benchmark::State& s) {
  fg::people::PersonQuery q;
  for (const auto& t : {"410581", "410581101", "410581102", "410581103", "410581104", "410581105", "410581106",
                        "410581107", "410581108", "410581109", "410581110", "410581111", "410581112", "410581113",
                        "410581114", "410581115", "410581116", "410581001", "410581002", "410581003", "410581004"}) {
    q.region_codes.push_back(t);
  }
  run(s, q);
}
void BM_List_Township(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.region_codes = {"410581107"};
  run(s, q);
}
void BM_List_NamePrefix(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.q = "王12";
  run(s, q);
}
void BM_List_IdTail(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.q = "1234";
  run(s, q);
}
void BM_List_Category(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.category = "veteran";
  run(s, q);
}
void BM_List_StartRange(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.start_from = "2021-03-01";
  q.start_to = "2021-03-31";
  run(s, q);
}
void BM_List_SortedByName(benchmark::State& s) {
  fg::people::PersonQuery q;
  q.sort = "name";
  run(s, q);
}

BENCHMARK(BM_List_NoFilter)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_County)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_Township)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_NamePrefix)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_IdTail)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_Category)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_StartRange)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_List_SortedByName)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
