#!/usr/bin/env bash
# Stop the servers started by tests/services/start.sh and remove their data.
set -euo pipefail

# Settings (ROOT, ENV_FILE) and the stop helpers live in start.sh.
# shellcheck source=tests/services/start.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/start.sh"

case "$ROOT" in "" | /) die "SCAFFOLD_SERVICES_DIR must be a folder of its own" ;; esac
stop_postgres_dir "$ROOT/postgres"
stop_pid_file "$ROOT/mariadb/mariadb.pid"
stop_pid_file "$ROOT/redis/redis.pid"
rm -rf "$ROOT" "$ENV_FILE"
log "stopped; removed $ROOT"
