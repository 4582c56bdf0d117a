#!/usr/bin/env bash
# Builds the fuzz targets (fuzz/CMakeLists.txt: clang, libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer) into build-fuzz/ and runs each, one after the other, for the given
# number of seconds (default 10) on a copy of its seed corpus in fuzz/corpus/, so a run never
# adds files to the repository. Exit status is non-zero when any target reports a crash, a
# sanitizer error, a leak, an input over the memory limits or a timeout; the input is kept in
# build-fuzz/artifacts/ and the end of the log printed.
#
# Usage: fuzz/run.sh [SECONDS] [TARGET…]      (targets: csv xlsx xlsx_parts json_body codes)
# Environment: FUZZ_BUILD (build folder), JOBS, FUZZ_ARGS (extra libFuzzer flags, e.g. -runs=N).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-10}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv xlsx xlsx_parts json_body codes)
BUILD="${FUZZ_BUILD:-$ROOT/build-fuzz}"
JOBS="${JOBS:-2}"

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (scripts/install-deps installs it)" >&2; exit 1; }
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
mkdir -p "$BUILD"
if ! { CXX=clang++ cmake -S "$ROOT/fuzz" -B "$BUILD" -DFENGGUI_WERROR="$werror" &&
       cmake --build "$BUILD" -j "$JOBS"; } >"$BUILD/build.log" 2>&1; then
  tail -40 "$BUILD/build.log" >&2
  echo "fuzz: build failed (log: $BUILD/build.log)" >&2
  exit 1
fi
for t in "${targets[@]}"; do
  [ -x "$BUILD/${t}_fuzz" ] || { echo "fuzz: no target $t" >&2; exit 1; }
done

# Inputs are small, so that a run spends its time on many of them (4 KiB hold every CSV and
# JSON structure, 256 bytes any code or date); XLSX inputs are zips of XML, which need room, and
# 32 KiB of zip inflate to 32 MiB. Memory: an allocation over 512 MB or a process over 2 GB is a
# failure (the readers hold what the cells need; an input this small needs far less).
max_len() {
  case "$1" in
    xlsx) echo 32768 ;;
    xlsx_parts) echo 8192 ;;
    csv | json_body) echo 4096 ;;
    *) echo 256 ;;
  esac
}
dict_for() {
  case "$1" in
    xlsx | xlsx_parts) echo "$ROOT/fuzz/xlsx.dict" ;;
    *) echo "$ROOT/fuzz/$1.dict" ;;
  esac
}

WORK="$(mktemp -d /tmp/fenggui-fuzz.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BUILD/artifacts"
failed=()
for t in "${targets[@]}"; do
  cp -r "$ROOT/fuzz/corpus/$t" "$WORK/$t"
  log="$WORK/$t.log"
  start=$(date +%s)
  rc=0
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  "$BUILD/${t}_fuzz" "$WORK/$t" -max_total_time="$secs" -max_len="$(max_len "$t")" \
    -dict="$(dict_for "$t")" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=25 \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t-" ${FUZZ_ARGS:-} \
    >"$log" 2>&1 || rc=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  printf 'fuzz %-10s %s inputs, %s/s, %ss, corpus %s files\n' "$t" "${runs:-?}" "${speed:-?}" \
    "$(( $(date +%s) - start ))" "$(find "$WORK/$t" -type f | wc -l)"
  if [ "$rc" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz $t FAILED (exit $rc); last lines of the log:" >&2
    grep -v '^#[0-9]' "$log" | tail -40 >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $BUILD/artifacts/)" >&2
  exit 1
fi
