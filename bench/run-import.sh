#!/usr/bin/env bash
# Ledger import speed (issue 13): builds the five ledgers of interchange.md at the letter's size
# (134.3k entrepreneurs, 106.9k market entities, 34.5k activity records, 8.3k loans, the targets) or
# N times that (--scale N), imports them with `fenggui import KIND FILE --db URL` into a fresh SQLite
# database and, when a PostgreSQL URL is given, a fresh PostgreSQL one, and in the same run loads the
# same files into plain tables with `sqlite3 .import` / `psql \copy`. Prints rows/s, wall and CPU
# time (user + sys) per kind and each ratio. Results: docs/performance.md ("Ledger import").
#
#   bench/run-import.sh [--scale N] [--pg postgresql://…]     (or PG_URL=…; BIN=another/fenggui to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=1
PG="${PG_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2;;
    --pg) PG="$2"; shift 2;;
    *) echo "usage: $0 [--scale N] [--pg URL]" >&2; exit 2;;
  esac
done
BIN="${BIN:-build/fenggui}"
W="${W:-/tmp/fg-bench}"
D="$W/ledgers-x$SCALE"
KINDS="entrepreneurs market_entities activities loans targets"
mkdir -p "$W"
[ -x "$BIN" ] || { echo "no $BIN: build first" >&2; exit 2; }
[ -f "$D/targets.csv" ] || python3 bench/gen_report_data.py --ledger "$D" $((134300 * SCALE)) $((106900 * SCALE)) \
                                    $((34500 * SCALE)) $((8300 * SCALE))
T="$W/import-times"
# run NAME CMD…: runs CMD, appends "NAME wall cpu" (seconds) to $T; output of CMD to $W/NAME.log.
run() {
  local name="$1"; shift
  /usr/bin/time -o "$W/time.tmp" -f "%e %U %S" "$@" >"$W/$name.log" 2>&1 || { cat "$W/$name.log" >&2; exit 1; }
  read -r wall user sys <"$W/time.tmp"
  echo "$name $wall $(echo "$user + $sys" | bc)" >>"$T"
}
rows() { echo $(($(wc -l <"$D/$1.csv") - 1)); }
header() { head -1 "$D/$1.csv"; }
: >"$T"
echo "binary: $BIN; scale: $SCALE; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- SQLite: fenggui, then sqlite3 .import of the same files into plain tables
DB="$W/import.db"
rm -f "$DB" "$DB"-* "${DB%.db}-auth.db"*
"$BIN" migrate --db "sqlite:$DB" >/dev/null
for k in $KINDS; do run "sqlite.fenggui.$k" "$BIN" import "$k" "$D/$k.csv" --db "sqlite:$DB"; done
PLAIN="$W/plain.db"
rm -f "$PLAIN"
{
  for k in $KINDS; do echo "CREATE TABLE $k ($(header "$k" | sed 's/,/ TEXT, /g') TEXT);"; done
} | sqlite3 "$PLAIN"
for k in $KINDS; do run "sqlite.plain.$k" sqlite3 "$PLAIN" ".import --csv --skip 1 $D/$k.csv $k"; done

# --- PostgreSQL: the same, with psql \copy
if [ -n "$PG" ]; then
  psql -q "$PG" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  "$BIN" migrate --db "$PG" >/dev/null
  for k in $KINDS; do run "pg.fenggui.$k" "$BIN" import "$k" "$D/$k.csv" --db "$PG"; done
  psql -q "$PG" -c "DROP SCHEMA IF EXISTS plain CASCADE; CREATE SCHEMA plain;" >/dev/null
  for k in $KINDS; do psql -q "$PG" -c "CREATE TABLE plain.$k ($(header "$k" | sed 's/,/ TEXT, /g') TEXT)" >/dev/null; done
  for k in $KINDS; do run "pg.plain.$k" psql -q "$PG" -c "\\copy plain.$k FROM '$D/$k.csv' WITH (FORMAT csv, HEADER true)"; done
fi

# --- the table: per kind and for all five files
python3 - "$T" "$D" $KINDS <<'EOF'
import sys
times = {}
for line in open(sys.argv[1]):
    name, wall, cpu = line.split()
    times[name] = (float(wall), float(cpu))
d, kinds = sys.argv[2], sys.argv[3:]
rows = {k: sum(1 for _ in open(f'{d}/{k}.csv', encoding='utf-8')) - 1 for k in kinds}
for engine, plain in (('sqlite', 'sqlite3 .import'), ('pg', 'psql \\copy')):
    if f'{engine}.fenggui.{kinds[0]}' not in times:
        continue
    print(f'\n{engine}: fenggui import vs {plain} (same files, same run)')
    print(f'{"kind":16} {"rows":>9} {"wall s":>8} {"CPU s":>7} {"rows/s":>9} | {"plain wall":>10} {"CPU s":>7} {"rows/s":>9} | {"ratio wall":>10} {"ratio CPU":>9}')
    total = [0, 0.0, 0.0, 0.0, 0.0]
    for k in kinds + ['all five']:
        if k == 'all five':
            n, fw, fc, pw, pc = total
        else:
            n = rows[k]
            fw, fc = times[f'{engine}.fenggui.{k}']
            pw, pc = times[f'{engine}.plain.{k}']
            for i, v in enumerate((n, fw, fc, pw, pc)):
                total[i] += v
        r = lambda t: f'{n / t / 1000:8.1f}k' if t > 0 else '       -'
        q = lambda a, b: f'{b / a * 100:9.1f}%' if a > 0 else '         -'
        print(f'{k:16} {n:9} {fw:8.2f} {fc:7.2f} {r(fw)} | {pw:10.2f} {pc:7.2f} {r(pw)} | {q(fw, pw)} {q(fc, pc):>9}')
print('\nratio = plain loader time / fenggui time (100 % = as fast as the plain loader)')
EOF
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
