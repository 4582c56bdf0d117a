#!/usr/bin/env bash
# Registry speed: import 1,000,000 generated entrepreneurs into a fresh SQLite database (rows/s,
# validation included), then time the list query for each single filter. Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
W=/tmp/fg-bench
mkdir -p "$W"
cmake -S . -B build -DFENGGUI_BENCH=ON >/dev/null
cmake --build build -j "$(nproc)" --target fenggui registry_bench
[ -f "$W/people-$N.csv" ] || python3 bench/gen_people.py "$N" > "$W/people-$N.csv"
rm -f "$W"/people.db*
start=$(date +%s.%N)
build/fenggui --db "sqlite:$W/people.db" import entrepreneurs "$W/people-$N.csv"
end=$(date +%s.%N)
echo "import: $N rows in $(echo "$end - $start" | bc) s = $(echo "$N / ($end - $start)" | bc) rows/s"
FENGGUI_BENCH_DB="sqlite:$W/people.db" build/registry_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
