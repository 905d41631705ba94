#!/usr/bin/env bash
# CI on Citus (docs/scale-out.md): installs Citus 13.2 from ../shared/citus (beside the repository),
# makes a loopback cluster — a coordinator and two workers, each its own PostgreSQL 15 — and runs the
# integration suite against the coordinator with one distributed (tenant) schema per test file, plus
# the two-region check (test/citus/). Run as root, after PostgreSQL 15 + PostGIS are installed.
#   .ci/citus.sh            cluster + tests
#   .ci/citus.sh cluster    cluster only (prints the coordinator's URL)
#   .ci/citus.sh tests      tests only, on the cluster `cluster` made (.ci/run starts it in the background)
#   .ci/citus.sh drop       stops and removes the three test clusters
# CITUS_COORDINATOR_PORT, CITUS_WORKER_PORTS ("5441 5442") and CITUS_CLUSTER_NAME (the nodes' name
# prefix, "citus") make a second cluster beside the first, e.g. for a CI run from a second clone.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

COORDINATOR_PORT=${CITUS_COORDINATOR_PORT:-5440}
WORKER_PORTS=(${CITUS_WORKER_PORTS:-5441 5442})
CLUSTER_NAME=${CITUS_CLUSTER_NAME:-citus}
NODES=("${CLUSTER_NAME}_coordinator" "${CLUSTER_NAME}_worker1" "${CLUSTER_NAME}_worker2")
PORTS=("$COORDINATOR_PORT" "${WORKER_PORTS[@]}")
CITUS_URL="postgres://postgres:postgres@127.0.0.1:${COORDINATOR_PORT}/postgres"

step() { printf '\n=== citus: %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
sql_on() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $1 -d postgres -tA -c \"$2\""; }

if [ "${1:-}" = drop ]; then
  for n in "${NODES[@]}"; do pg_dropcluster 15 "$n" --stop 2>/dev/null || true; done
  exit 0
fi

run_tests() {
  step "integration tests on Citus (one distributed schema per test file)"
  local started
  started=$(date +%s)
  VMESTE_TEST_CITUS=1 DATABASE_URL="$CITUS_URL" npx vitest run --config test/citus/vitest.config.ts
  echo "Citus run: $(($(date +%s) - started)) s"
}
[ "${1:-}" = tests ] && { run_tests; exit 0; }

step "install Citus"
pg_version=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null || true)
if [ -n "$pg_version" ] && dpkg --compare-versions "$pg_version" lt 15.20; then
  echo "PostgreSQL $pg_version is older than 15.20, which the prebuilt Citus needs (it would fail to load:" >&2
  echo "undefined symbol have_createdb_privilege). Upgrade it: apt-get update && apt-get install postgresql-15" >&2
  exit 1
fi
if [ -f /usr/lib/postgresql/15/lib/citus.so ] && [ -f /usr/share/postgresql/15/extension/citus.control ]; then
  echo "already installed"
else
  bash "$repo/../shared/citus/install.sh"
fi

# What a failed start needs to be understood (the CI log is all there is of a fresh machine's run).
diagnose() {
  echo "--- citus: diagnostics (${1})"
  pg_lsclusters || true
  for n in "${NODES[@]}"; do
    echo "--- log of $n (last 40 lines)"
    tail -n 40 "/var/log/postgresql/postgresql-15-$n.log" 2>/dev/null || echo "(no log)"
  done
  df -h /var/lib/postgresql /tmp 2>/dev/null || true
  free -m || true
  uptime || true
}

# waits up to $3 s for node $1 on port $2 to accept connections, starting it again while it is down
wait_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + $3)) next_start=$((SECONDS + 10))
  while [ "$SECONDS" -lt "$deadline" ]; do
    pg_isready -q -t 5 -h 127.0.0.1 -p "$port" -U postgres && return 0
    if [ "$SECONDS" -ge "$next_start" ] && pg_lsclusters -h | awk -v n="$name" '$2 == n {print $4}' | grep -qx down; then
      echo "starting $name again"
      pg_ctlcluster 15 "$name" start || true
      next_start=$((SECONDS + 10))
    fi
    sleep 1
  done
  echo "$name (port $port) did not accept connections within $3 s"
  return 1
}

# Citus turns TLS on when its extension is created (a self-signed certificate, then a reload) and
# connects between nodes with sslmode=require: a node is used only once a new backend sees ssl on,
# i.e. once its postmaster has reloaded (on a loaded machine a citus_add_node could outrun it).
wait_ssl() {
  local port=$1 deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do [ "$(sql_on "$port" "SHOW ssl")" = on ] && return 0; sleep 1; done
  echo "the node on port $port did not turn TLS on within 60 s"
  return 1
}

cluster_up() {
  local i name port conf
  for i in 0 1 2; do
    name=${NODES[$i]}
    port=${PORTS[$i]}
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$name"; then
      # --no-sync: initdb's final fsync of a throw-away test cluster only waits on a disk npm ci keeps busy
      pg_createcluster 15 "$name" -p "$port" -- --no-sync >/dev/null || return 1
      conf=/etc/postgresql/15/$name
      cat >"$conf/conf.d/citus.conf" <<EOF
# A Citus node of the CI cluster (docs/scale-out.md lists the production settings).
listen_addresses = '127.0.0.1'
shared_preload_libraries = 'citus'
# Every write spanning coordinator and worker commits in two phases.
max_prepared_transactions = 200
max_connections = 200
# The webhook outbox trigger on report_events (docs/decisions/0011): Citus refuses triggers on
# distributed tables without it; the trigger writes only to a table of the same (co-located) schema.
citus.enable_unsafe_triggers = on
# Online moves of a region (citus_schema_move) replicate logically.
wal_level = logical
# Test data only: nothing here needs to survive a crash.
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
EOF
      # Loopback only, test data only: the coordinator reaches the workers without a password.
      # (Production: pg_dist_authinfo or a .pgpass for the nodes' connections, TLS between machines.)
      sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
    fi
    # "already running" is fine; any other failure shows in the readiness wait and the node's log
    pg_ctlcluster 15 "$name" start || true
  done
  for i in 0 1 2; do
    wait_ready "${NODES[$i]}" "${PORTS[$i]}" 120 || return 1
    sql_on "${PORTS[$i]}" "CREATE EXTENSION IF NOT EXISTS citus" || return 1
  done
  for port in "${PORTS[@]}"; do wait_ssl "$port" || return 1; done
  sql_on "$COORDINATOR_PORT" "ALTER USER postgres PASSWORD 'postgres'" || return 1
  sql_on "$COORDINATOR_PORT" "SELECT citus_set_coordinator_host('127.0.0.1', $COORDINATOR_PORT)" >/dev/null || return 1
  for port in "${WORKER_PORTS[@]}"; do
    sql_on "$COORDINATOR_PORT" "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null || return 1
  done
  sql_on "$COORDINATOR_PORT" "SELECT nodename || ':' || nodeport || ' ' || noderole || CASE WHEN shouldhaveshards THEN ' (holds shards)' ELSE '' END FROM pg_dist_node ORDER BY nodeport"
}

step "coordinator :${PORTS[0]}, workers :${PORTS[1]} :${PORTS[2]}"
if ! cluster_up; then
  diagnose "first attempt failed"
  # One clean second attempt: a half-made cluster (a node that never started, a node added to
  # nothing) is dropped whole rather than patched.
  step "second attempt, from new clusters"
  for n in "${NODES[@]}"; do pg_dropcluster 15 "$n" --stop 2>/dev/null || true; done
  cluster_up || { diagnose "second attempt failed"; exit 1; }
fi
[ "${1:-}" = cluster ] && { echo "$CITUS_URL"; exit 0; }

run_tests
