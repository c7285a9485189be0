#!/usr/bin/env bash
# Sets up and starts everything the tracker needs on this machine, with no
# Docker: a Python venv, a private PostgreSQL and Redis on loopback, the
# database schema, a Celery worker and the web server.
#
#   scripts/stack.sh run    the service, seeded, until Ctrl-C   (make run)
#   scripts/stack.sh test   throwaway services, then the tests  (make test)
#   scripts/stack.sh bench-parser|bench-ingest|bench-queries   the benchmarks (bench/)
#
# Data lives under .var/ (git-ignored): .var/run for the service, .var/test for
# the tests (wiped at every start).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

PIDS=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  [ -n "${REDIS_DIR:-}" ] && redis_stop
  [ -n "${PGDATA:-}" ] && pg_stop
  exit "$code"
}

deps() {
  if [ ! -x "$PY" ]; then
    log "Creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha"
  local want
  want=$(cat requirements.txt requirements-model.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "Installing Python requirements"
    # Debian's pip 23 mis-resolves trafilatura's lxml extra: upgrade pip first.
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -r requirements.txt
    "$PY" -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
    echo "$want" > "$stamp"
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "Installing redis-server with apt-get"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
      die "redis-server is not installed. Install it (Debian: sudo apt-get install redis-server) and run again."
    fi
  fi
  command -v pg_config >/dev/null 2>&1 || die "PostgreSQL is not installed (Debian: apt-get install postgresql)."
  PGBIN=$(pg_config --bindir)
  [ -x "$PGBIN/initdb" ] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries (initdb) not found; install Debian's postgresql package."
}

# Run a PostgreSQL binary as the owner of the data: postgres when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

secrets() {
  mkdir -p .var
  # Private to its owner; the umask stays in the subshell, or every folder made
  # after it (.var/bench, say) would shut out the postgres user. Each secret is
  # generated once, and one added later is appended to an older file.
  (
    umask 077
    touch .var/secrets.env
    for name in DATABASE_PASSWORD ADMIN_PASSWORD_DEFAULT SECRET_KEY REDIS_PASSWORD; do
      grep -q "^$name=" .var/secrets.env && continue
      case $name in
        ADMIN_PASSWORD_DEFAULT) bytes=12 ;;
        SECRET_KEY) bytes=50 ;;
        *) bytes=16 ;;
      esac
      # URL-safe and hex alphabets only: these go into URLs and shell lines unquoted.
      if [ "$name" = ADMIN_PASSWORD_DEFAULT ] || [ "$name" = SECRET_KEY ]; then
        value=$("$PYTHON" -c "import secrets; print(secrets.token_urlsafe($bytes))")
      else
        value=$("$PYTHON" -c "import secrets; print(secrets.token_hex($bytes))")
      fi
      echo "$name=$value" >> .var/secrets.env
    done
  )
  local given_key=${SECRET_KEY:-}
  # shellcheck disable=SC1091
  . .var/secrets.env
  # A SECRET_KEY set by the caller wins over the generated one.
  export SECRET_KEY=${given_key:-$SECRET_KEY}
}

pg_start() { # $1 = data root, $2 = port
  local root=$1 port=$2
  PGDATA="$root/pg"
  PGPORT=$port
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$ROOT"; then
    # The checkout is not reachable by the postgres user (a private home, say):
    # keep the data where it can be, and say where.
    PGDATA="/var/tmp/tracker-$(echo "$ROOT" | sha256sum | cut -c1-12)-$(basename "$root")/pg"
    log "PostgreSQL data in $PGDATA (the checkout is not readable by the postgres user)"
  fi
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$(dirname "$PGDATA")"
  chmod 700 "$PGDATA"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "Creating a PostgreSQL cluster in $PGDATA"
    local pwfile
    pwfile=$(mktemp)
    echo "$DATABASE_PASSWORD" > "$pwfile"
    chmod 644 "$pwfile"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  # Loopback only; the socket lives beside the data, away from the system's.
  # PG_EXTRA_OPTS adds server options (say, "-c shared_preload_libraries=pg_stat_statements" to profile a bench).
  # random_page_cost 1.1: the data sits on SSD or in the page cache, where a
  # random read costs about what a sequential one does; at the default (4) the
  # planner walks the primary key instead of a (supplier, -id) index.
  # max_connections 300: each web thread that has served a request keeps its
  # connection (CONN_MAX_AGE), and gunicorn.conf.py runs WEB_WORKERS x WEB_THREADS
  # (2 x 64) of them; the default 100 would refuse some under a crowd of slow clients.
  # autovacuum_naptime 10s: a new database's first statistics come within seconds.
  # Until a table is analyzed, each connection keeps the plans it made while the
  # table was empty: the foreign-key checks and the recipient trigger then read
  # every statement row for each new link, which grows with the table.
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGDATA -c fsync=${PG_FSYNC:-on} -c random_page_cost=1.1 -c autovacuum_naptime=10s -c max_connections=300 ${PG_EXTRA_OPTS:-}" \
    start >/dev/null \
    || { tail -n 20 "$PGDATA/server.log" >&2; die "PostgreSQL did not start"; }
  local exists
  exists=$(as_pg "$PGBIN/psql" -h "$PGDATA" -p "$port" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='tracker'")
  if [ "$exists" != 1 ]; then
    # CREATEDB lets the test runner create its throwaway test database.
    as_pg "$PGBIN/psql" -h "$PGDATA" -p "$port" -U postgres -q -c \
      "CREATE ROLE tracker LOGIN CREATEDB PASSWORD '$DATABASE_PASSWORD'"
    as_pg "$PGBIN/psql" -h "$PGDATA" -p "$port" -U postgres -q -c "CREATE DATABASE tracker OWNER tracker"
  fi
}

pg_stop() {
  [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
}

redis_start() { # $1 = data root, $2 = port
  REDIS_DIR="$1/redis"
  REDIS_PORT=$2
  mkdir -p "$REDIS_DIR"
  # A password, even on loopback: any local process (or a page in a browser
  # speaking to 127.0.0.1) could otherwise read the queue and the counters.
  # Given on standard input so that it shows in no process list.
  printf 'requirepass %s\n' "$REDIS_PASSWORD" | redis-server - --port "$REDIS_PORT" --bind 127.0.0.1 \
    --dir "$REDIS_DIR" --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --appendonly yes --save "" >/dev/null
  for _ in $(seq 50); do
    REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  die "Redis did not start (see $REDIS_DIR/redis.log)"
}

redis_stop() {
  REDISCLI_AUTH=$REDIS_PASSWORD redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

export_env() { # $1 = environment name
  export TRACKER_ENV=$1
  export DATABASE_HOST=127.0.0.1 DATABASE_PORT=$PGPORT DATABASE_NAME=tracker DATABASE_USER=tracker
  export DATABASE_PASSWORD
  export REDIS_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0"
  export PG_BINDIR="$PGBIN" PGDATA_DIR="$PGDATA" REDIS_DATA_DIR="$REDIS_DIR"
}

# The web server: every setting is in gunicorn.conf.py (also used by the
# Dockerfile, docker-compose.yml and tests/security/test_slow_clients.py).
web_start() { # $1 = address:port; the rest goes to gunicorn
  local bind=$1
  shift
  exec "$VENV/bin/gunicorn" --config "$ROOT/gunicorn.conf.py" --bind "$bind" \
    --access-logfile - --error-logfile - "$@"
}

cmd_run() {
  deps
  secrets
  trap cleanup EXIT INT TERM
  pg_start "$ROOT/.var/run" "${PG_PORT:-54320}"
  redis_start "$ROOT/.var/run" "${REDIS_PORT_RUN:-63790}"
  export_env local
  log "Migrating the database"
  "$PY" manage.py migrate --noinput
  local user=${ADMIN_USER:-admin} password=${ADMIN_PASSWORD:-$ADMIN_PASSWORD_DEFAULT}
  "$PY" manage.py ensure_admin --username "$user" --password "$password"
  local token
  token=$("$PY" manage.py drf_create_token "$user" | awk '{print $3}')
  log "Starting a Celery worker (log: .var/run/worker.log)"
  "$VENV/bin/celery" -A workers.celery worker --beat --loglevel=INFO --concurrency="${WORKERS:-2}" \
    --schedule "$ROOT/.var/run/celerybeat-schedule" >"$ROOT/.var/run/worker.log" 2>&1 &
  PIDS+=($!)
  log "Starting the web server on http://127.0.0.1:8000/"
  web_start 127.0.0.1:8000 >"$ROOT/.var/run/web.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    curl -fsS http://127.0.0.1:8000/healthz >/dev/null 2>&1 && break
    sleep 0.2
  done
  log "Submitting the seed articles through the API"
  "$PY" manage.py submit_seeds --api http://127.0.0.1:8000 --token "$token"
  cat <<TXT

  Admin:    http://127.0.0.1:8000/admin/   (user: $user  password: $password)
  API:      http://127.0.0.1:8000/api/
  API docs: http://127.0.0.1:8000/api/docs/
  Token:    $token
            curl -H "Authorization: Token $token" http://127.0.0.1:8000/api/statements/

  Logs in .var/run/ (web.log, worker.log). Ctrl-C stops everything.
TXT
  wait -n "${PIDS[@]}" || true
  log "A process stopped; shutting down"
}

cmd_test() {
  deps
  secrets
  trap cleanup EXIT INT TERM
  # The admin's browser test drives Debian's chromium through Playwright, which
  # is never allowed to download a browser of its own.
  export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [ ! -x "$CHROMIUM_PATH" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "Installing chromium with apt-get"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      log "chromium is not installed (Debian: sudo apt-get install chromium); the browser test will fail"
    fi
  fi
  # TEST_DIR and the ports may be set to run several suites side by side.
  local dir=${TEST_DIR:-$ROOT/.var/test}
  rm -rf "$dir"
  # Test data is thrown away: durability is not what these tests measure.
  PG_FSYNC=off pg_start "$dir" "${PG_TEST_PORT:-54321}"
  redis_start "$dir" "${REDIS_TEST_PORT:-63791}"
  export_env test
  log "Running the tests"
  "$PY" -m pytest "$@"
}

# Benchmarks (bench/): the parser alone, or a private stack of their own under
# .var/bench/KIND, torn down when the benchmark ends: ingestion on PostgreSQL
# 54361, Redis 63831, web 127.0.0.1:8001 and two worker processes; queries on
# 54362, 63832 and 8002 (so that the two never meet).
cmd_bench() { # $1 = parser | ingest | queries; the rest goes to the benchmark
  local kind=${1:-}
  [ $# -gt 0 ] && shift
  deps
  case "$kind" in
    parser) PYTHONUNBUFFERED=1 "$PY" -m bench.parser "$@"; return ;;
    ingest|queries) ;;
    *) die "usage: $0 bench parser|ingest|queries [ARGS]  (or bench-parser, bench-ingest, bench-queries)" ;;
  esac
  secrets
  trap cleanup EXIT INT TERM
  local dir=${BENCH_DIR:-$ROOT/.var/bench}/$kind
  local offset=0
  [ "$kind" = queries ] && offset=1
  local port=${BENCH_WEB_PORT:-$((8001 + offset))}
  # Ingestion starts from an empty database every time; the query data set takes
  # minutes to generate, so it is kept and reused (bench.queries checks its sizes).
  [ "$kind" = ingest ] && rm -rf "$dir"
  mkdir -p "$dir"
  # Query data is generated, not precious: no fsync. Ingestion keeps it, as in service.
  if [ "$kind" = queries ]; then PG_FSYNC=off; else PG_FSYNC=on; fi
  PG_FSYNC=$PG_FSYNC pg_start "$dir" "${PG_BENCH_PORT:-$((54361 + offset))}"
  redis_start "$dir" "${REDIS_BENCH_PORT:-$((63831 + offset))}"
  export_env local
  # The per-account throttles and quotas (tracker/api/quotas.py) would be what is
  # measured otherwise: one token sends every request of a benchmark.
  export SUBMIT_RATE=${BENCH_SUBMIT_RATE:-1000000/minute} DEBUG=false
  export READ_RATE=${BENCH_READ_RATE:-1000000/minute} SUBMIT_BYTES_PER_DAY=${BENCH_SUBMIT_BYTES_PER_DAY:-100000000000}
  export EXPORT_ROWS_PER_HOUR=${BENCH_EXPORT_ROWS_PER_HOUR:-1000000000} EXPORT_MAX_ROWS=${BENCH_EXPORT_MAX_ROWS:-1000000000}
  "$PY" manage.py migrate --noinput >/dev/null
  "$PY" manage.py ensure_admin --username bench --password "$ADMIN_PASSWORD_DEFAULT" >/dev/null
  local token
  token=$("$PY" manage.py drf_create_token bench | awk '{print $3}')
  local args=(--api "http://127.0.0.1:$port" --token "$token")
  if [ "$kind" = ingest ]; then
    log "Starting a Celery worker with ${BENCH_WORKERS:-2} processes (log: $dir/worker.log)"
    # BENCH_WORKER_NICE=10 runs the parse below the web server's priority.
    nice -n "${BENCH_WORKER_NICE:-0}" "$VENV/bin/celery" -A workers.celery worker --loglevel=INFO --concurrency="${BENCH_WORKERS:-2}" \
      --without-mingle --without-gossip -n "bench-$$@%h" --pidfile "$dir/worker.pid" >"$dir/worker.log" 2>&1 &
    PIDS+=($!)
    args+=(--worker-pid "$!" --processes "${BENCH_WORKERS:-2}" --worker-log "$dir/worker.log")
  fi
  log "Starting the web server on http://127.0.0.1:$port/ (log: $dir/web.log)"
  web_start "127.0.0.1:$port" --pid "$dir/web.pid" >"$dir/web.log" 2>&1 &
  PIDS+=($!)
  args+=(--web-pid "$!")
  for _ in $(seq 150); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || die "the web server did not start (see $dir/web.log)"
  export PYTHONUNBUFFERED=1
  log "Running bench.$kind"
  "$PY" -m "bench.$kind" "${args[@]}" "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  deps) deps ;;
  secrets) secrets ;;  # writes .var/secrets.env if missing (tests/security/test_hardening.py)
  bench) shift; cmd_bench "$@" ;;
  bench-parser|bench-ingest|bench-queries) kind=${1#bench-}; shift; cmd_bench "$kind" "$@" ;;
  *) echo "usage: $0 run|test|deps|secrets|bench KIND|bench-parser|bench-ingest|bench-queries" >&2; exit 2 ;;
esac
