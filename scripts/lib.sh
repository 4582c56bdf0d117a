# Shared helpers for scripts/start and scripts/test (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# Configure and build the binary (and the tests unless told otherwise), then the web app.
build_all() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  log "build: cmake (warnings as errors: $werror)"
  cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFENGGUI_WERROR="$werror" \
        -DFENGGUI_TESTS="${FENGGUI_TESTS:-ON}" >/dev/null
  cmake --build "$ROOT/build" -j "$JOBS"
  build_web
}

build_web() {
  local stamp="$ROOT/web/dist/.built-from"
  local now
  now="$(cd "$ROOT/web" && find src public index.html vite.config.js package-lock.json -type f -print0 2>/dev/null \
         | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$now" ]; then
    log "web: up to date"
    return
  fi
  log "web: vite build"
  (cd "$ROOT/web" && npm run build --silent)
  echo "$now" > "$stamp"
}

# A TCP port nobody listens on.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port found" >&2; return 1
}

# wait_http URL [seconds]: until the URL answers 200.
wait_http() {
  local url="$1" secs="${2:-30}"
  for _ in $(seq 1 $((secs * 10))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2; return 1
}

# A throwaway PostgreSQL 15 cluster in a temporary folder, on loopback. Sets PG_URL and PG_DIR.
pg_bin() {
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  dirname "$(command -v initdb)"
}
pg_start() {
  local bin; bin="$(pg_bin)"
  PG_DIR="$(mktemp -d /tmp/fenggui-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    as=(runuser -u postgres --)   # initdb refuses to run as root
  fi
  log "postgresql: throwaway cluster in $PG_DIR on port $PG_PORT"
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_URL PG_DIR PG_PORT
}
pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local bin; bin="$(pg_bin)"
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
pg_createdb() {  # pg_createdb NAME → prints the URL of a new empty database
  local bin; bin="$(pg_bin)"
  "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$PG_PORT/$1"
}
