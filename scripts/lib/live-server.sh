# Sourced (bash) by the scripts that test a live server: scripts/contract-test, scripts/sdk-journey,
# scripts/docs-test. One server at a time, on a fresh database, on a free loopback port.
#
#   live_server_start <sqlite|postgres> <path/to/todo-api> <outdir>
#       Fresh database (a SQLite file in a temp dir, or a new PostgreSQL database created through
#       TEST_POSTGRES_URL), server started with a random JWT secret, waits (<= 60 s) for readiness.
#       Sets LIVE_BASE (http://127.0.0.1:PORT/api/v1), LIVE_ORIGIN (http://127.0.0.1:PORT),
#       LIVE_DB_URL, LIVE_TMP (temp dir, removed on stop). Server log: <outdir>/server.log.
#   live_server_stop      Stops the server, drops the PostgreSQL database, removes the temp dir.
#                         Safe to call twice; the caller should also `trap live_server_stop EXIT`.
#   live_require_postgres_in_ci <script name>
#       Exits 1 when CI is set but TEST_POSTGRES_URL is not (PostgreSQL must be tested in CI).
#   live_databases        Prints the databases to test: sqlite, plus postgres when TEST_POSTGRES_URL is set.

LIVE_PID="" LIVE_TMP="" LIVE_PG_DB="" LIVE_BASE="" LIVE_ORIGIN="" LIVE_DB_URL=""

live_require_postgres_in_ci() {
  if [ -z "${TEST_POSTGRES_URL:-}" ] && [ -n "${CI:-}" ]; then
    echo "$1: CI is set but TEST_POSTGRES_URL is not; PostgreSQL must be tested in CI" >&2; exit 1
  fi
}

live_databases() {
  echo sqlite
  if [ -n "${TEST_POSTGRES_URL:-}" ]; then echo postgres; fi
}

live_server_start() {
  local db=$1 bin=$2 out=$3 port i
  mkdir -p "$out"
  LIVE_TMP=$(mktemp -d)
  if [ "$db" = sqlite ]; then
    LIVE_DB_URL="sqlite://$LIVE_TMP/live.db"
  else
    LIVE_PG_DB=live_$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')
    psql "$TEST_POSTGRES_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $LIVE_PG_DB"
    local admin=${TEST_POSTGRES_URL%%\?*}   # swap the database name, keep any ?query
    LIVE_DB_URL="${admin%/*}/$LIVE_PG_DB${TEST_POSTGRES_URL#"$admin"}"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  LIVE_ORIGIN=http://127.0.0.1:$port
  LIVE_BASE=$LIVE_ORIGIN/api/v1

  DATABASE_URL=$LIVE_DB_URL LISTEN_ADDR=127.0.0.1:$port DATA_DIR=$LIVE_TMP \
    JWT_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n') \
    "$bin" >"$out/server.log" 2>&1 &
  LIVE_PID=$!

  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "$LIVE_BASE/health/ready" 2>/dev/null && return 0
    if ! kill -0 "$LIVE_PID" 2>/dev/null || [ "$i" = 120 ]; then
      echo "live-server [$db]: not ready on $LIVE_BASE; last log lines:" >&2
      tail -n 30 "$out/server.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

live_server_stop() {
  if [ -n "$LIVE_PID" ]; then kill "$LIVE_PID" 2>/dev/null || true; wait "$LIVE_PID" 2>/dev/null || true; fi
  if [ -n "$LIVE_PG_DB" ]; then
    psql "$TEST_POSTGRES_URL" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $LIVE_PG_DB WITH (FORCE)" || true
  fi
  if [ -n "$LIVE_TMP" ]; then rm -rf "$LIVE_TMP"; fi
  LIVE_PID="" LIVE_TMP="" LIVE_PG_DB=""
}
