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
build/fenggui --db "sqlite:$W/people.db" migrate >/dev/null
# The machine is often shared: the load average and the process CPU time (user + sys, all
# threads) say how far the wall time can be trusted. FENGGUI_LOG=debug prints the phases.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
/usr/bin/time -f "import CPU: %U s user + %S s sys" \
  build/fenggui --db "sqlite:$W/people.db" import entrepreneurs "$W/people-$N.csv"
end=$(date +%s.%N)
echo "import: $N rows in $(echo "$end - $start" | bc) s = $(echo "$N / ($end - $start)" | bc) rows/s"
FENGGUI_BENCH_DB="sqlite:$W/people.db" build/registry_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
