#!/usr/bin/env bash
# Logins and small requests during a large web import (issue 11.5): starts a server on a fresh
# database (sqlite by default, or DB=postgresql://…), uploads N generated entrepreneurs through
# POST /api/v1/imports/entrepreneurs and, while it runs, logs in once every 200 ms and reads
# /api/v1/me, printing each answer's status and latency. Loopback only, bounded in count.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-700000}"
BIN="${BIN:-build/fenggui}"   # e.g. another build's binary, to compare before and after
W="${W:-/tmp/fg-bench}"
mkdir -p "$W"
[ -f "$W/people-$N.csv" ] || python3 bench/gen_people.py "$N" > "$W/people-$N.csv"
DB="${DB:-sqlite:$W/login.db}"
case "$DB" in sqlite:*) p="${DB#sqlite:}"; rm -f "$p"* "${p%.db}-auth.db"*;; esac
"$BIN" --db "$DB" user add --username admin --password Renshe2021x --role city_admin --region 410500 --name 管理员 >/dev/null
PORT=$((20000 + RANDOM % 20000))
"$BIN" --db "$DB" serve --port "$PORT" >"$W/login-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" 2>/dev/null && break; sleep 0.1; done
B="http://127.0.0.1:$PORT/api/v1"
login() { curl -s -c "$W/jar-login" -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
            -d '{"username":"admin","password":"Renshe2021x"}' "$B/auth/login"; }
curl -s -c "$W/jar" -o /dev/null -H 'Content-Type: application/json' -d '{"username":"admin","password":"Renshe2021x"}' "$B/auth/login"
CSRF=$(curl -s -b "$W/jar" "$B/me" | python3 -c 'import sys,json;print(json.load(sys.stdin)["csrf_token"])')
echo "binary: $BIN; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
curl -sS -b "$W/jar" -o "$W/import-result.json" -w 'import: %{http_code} in %{time_total} s\n' -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: text/csv' --data-binary "@$W/people-$N.csv" "$B/imports/entrepreneurs?filename=people.csv" &
UPLOAD=$!
worst=0; n=0; bad=0
for i in $(seq 1 300); do
  kill -0 $UPLOAD 2>/dev/null || break
  read -r code secs < <(login)
  read -r mcode msecs < <(curl -s -b "$W/jar-login" -o /dev/null -w '%{http_code} %{time_total}\n' "$B/me")
  t=$(printf '%.0f' "$(echo "$secs * 1000" | bc)")
  printf '  t=%5.1fs login %s %5d ms   /me %s %s s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$code" "$t" "$mcode" "$msecs"
  n=$((n + 1)); [ "$code" = 200 ] || bad=$((bad + 1)); [ "$t" -gt "$worst" ] && worst=$t
  sleep 0.2
done
wait $UPLOAD || true
echo "logins during the import: $n, not 200: $bad, slowest: $worst ms; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "import json;r=json.load(open('$W/import-result.json'));print('import result:', {k:r.get(k) for k in ('rows','inserted','written','error_count')})"
