#!/usr/bin/env bash
# Starts and stops the storage servers the store contract tests run against, on 127.0.0.1 only:
#   PostgreSQL 15 (Debian's postgresql), Azurite 3.35.0 (Azure Blob) and s3rver 3.7.1 (S3), both from npm.
#
#   tests/stores/servers.sh start   installs what is missing (npm packages cached in ~/.cache/modelwatch-stores),
#                                   starts the three servers and prints `export NAME=value` lines for the tests:
#                                   eval "$(tests/stores/servers.sh start)"
#   tests/stores/servers.sh stop    stops what `start` started (by the process ids it recorded)
#
# `start` fails when a server does not start, so a run that evals it never passes with a store untested;
# it also exports MODELWATCH_STORES_REQUIRED=1, which turns a test's "server missing" skip into a failure.
set -euo pipefail

state="${MODELWATCH_STORES_STATE:-${TMPDIR:-/tmp}/modelwatch-stores}"
cache="${MODELWATCH_STORES_CACHE:-$HOME/.cache/modelwatch-stores}"
pg_bin=/usr/lib/postgresql/15/bin
azurite_version=3.35.0
s3rver_version=3.7.1

say() { echo "servers.sh: $*" >&2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something accepts connections on 127.0.0.1:$1 (at most $2 seconds) while process $3 lives.
wait_port() {
  local port=$1 limit=$2 pid=$3 i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

secret() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

install_postgres() {
  if [ -x "$pg_bin/initdb" ]; then return 0; fi
  say "installing postgresql (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq postgresql-15 || apt-get install -y -qq postgresql; } >&2
  [ -x "$pg_bin/initdb" ]
}

install_npm() {
  local bin="$cache/npm/node_modules/.bin"
  if [ -x "$bin/azurite-blob" ] && [ -x "$bin/s3rver" ] \
    && grep -q "\"version\": \"$azurite_version\"" "$cache/npm/node_modules/azurite/package.json" \
    && grep -q "\"version\": \"$s3rver_version\"" "$cache/npm/node_modules/s3rver/package.json"; then
    return 0
  fi
  say "installing azurite@$azurite_version and s3rver@$s3rver_version (npm, cached in $cache/npm)"
  mkdir -p "$cache/npm"
  (cd "$cache/npm" && npm install --no-audit --no-fund --loglevel=error "azurite@$azurite_version" "s3rver@$s3rver_version" >&2)
}

# Runs a command as the postgres user when this script runs as root (initdb refuses root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  install_postgres
  local data="$state/postgres" port password
  port=$(free_port)
  password=$(secret)
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$state" "$data"; chmod 700 "$data"; fi
  printf '%s\n' "$password" > "$state/pgpass.tmp"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$state/pgpass.tmp"; fi
  as_postgres "$pg_bin/initdb" -D "$data/db" -U modelwatch --auth=scram-sha-256 --pwfile="$state/pgpass.tmp" -E UTF8 --no-locale >"$state/postgres-initdb.log" 2>&1
  rm -f "$state/pgpass.tmp"
  as_postgres "$pg_bin/pg_ctl" -D "$data/db" -l "$state/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=200" start >&2
  echo "export MODELWATCH_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=modelwatch;Password=$password;Database=postgres'"
  echo "export MODELWATCH_TEST_POSTGRES_PASSWORD='$password'"
}

start_azurite() {
  local port key
  port=$(free_port)
  # An account of its own, so the tests can check that its key never reaches a log or an exception.
  key=$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(64)).decode())')
  AZURITE_ACCOUNTS="modelwatch:$key" setsid "$cache/npm/node_modules/.bin/azurite-blob" \
    --blobHost 127.0.0.1 --blobPort "$port" \
    --skipApiVersionCheck --inMemoryPersistence --disableTelemetry --silent \
    >"$state/azurite.log" 2>&1 &
  echo $! > "$state/azurite.pid"
  wait_port "$port" 60 "$!" || { say "Azurite did not start:"; cat "$state/azurite.log" >&2; return 1; }
  echo "export MODELWATCH_TEST_AZURITE='DefaultEndpointsProtocol=http;AccountName=modelwatch;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/modelwatch;'"
  echo "export MODELWATCH_TEST_AZURITE_KEY='$key'"
}

start_s3rver() {
  local port
  port=$(free_port)
  mkdir -p "$state/s3rver"
  setsid "$cache/npm/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$port" --directory "$state/s3rver" \
    --silent --no-vhost-buckets >"$state/s3rver.log" 2>&1 &
  echo $! > "$state/s3rver.pid"
  wait_port "$port" 60 "$!" || { say "s3rver did not start:"; cat "$state/s3rver.log" >&2; return 1; }
  # s3rver knows one account, with the access key S3RVER and the secret key S3RVER.
  echo "export MODELWATCH_TEST_S3='http://127.0.0.1:$port'"
}

stop() {
  for name in azurite s3rver; do
    if [ -f "$state/$name.pid" ]; then
      kill -- "-$(cat "$state/$name.pid")" 2>/dev/null || kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
  if [ -f "$state/postgres/db/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$state/postgres/db" -m immediate -w stop >&2 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start)
    stop
    mkdir -p "$state"
    trap 'say "stopping what started"; stop' ERR
    install_npm
    start_postgres
    start_azurite
    start_s3rver
    echo "export MODELWATCH_STORES_REQUIRED=1"
    say "started PostgreSQL, Azurite and s3rver on 127.0.0.1 (state in $state)"
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
