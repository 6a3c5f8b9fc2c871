#!/usr/bin/env bash
# Start PostgreSQL, MariaDB and Redis for the generated-project tests.
#
# Each server runs on 127.0.0.1 on a free port, with a throwaway data directory
# under $SCAFFOLD_SERVICES_DIR (default /tmp/scaffold-services), never as the
# Debian system service. Missing packages are installed from Debian (needs root).
# The admin URLs go to tests/services/services.env ($SCAFFOLD_SERVICES_ENV);
# source it before pytest:
#
#     bash tests/services/start.sh && . tests/services/services.env
#
# Running it again reuses the servers that still answer. tests/services/stop.sh
# stops them and removes the data.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${SCAFFOLD_SERVICES_DIR:-/tmp/scaffold-services}"
ENV_FILE="${SCAFFOLD_SERVICES_ENV:-$HERE/services.env}"
USER_NAME=scaffold
PASSWORD=scaffold

log() { echo "services: $*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a command as the user a server runs as: postgres/mysql as root, else ourselves.
as_user() {
    local user="$1"
    shift
    if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

wait_for() {
    local what="$1"
    shift
    for _ in $(seq 1 120); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.25
    done
    die "$what did not come up (log under $ROOT)"
}

# ---------------------------------------------------------------- packages

postgres_bin() {
    local initdb
    # shellcheck disable=SC2012 # version folders are plain numbers
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$initdb" ] && dirname "$initdb"
}

missing_packages() {
    [ -n "$(postgres_bin || true)" ] || echo postgresql
    command -v psql >/dev/null || echo postgresql-client
    command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || echo mariadb-server
    command -v mariadb >/dev/null || echo mariadb-client
    command -v redis-server >/dev/null || echo redis-server
    command -v redis-cli >/dev/null || echo redis-tools
    # The Django template's mysqlclient driver builds against these.
    dpkg -s libmariadb-dev >/dev/null 2>&1 || echo libmariadb-dev
    command -v pkg-config >/dev/null || echo pkg-config
}

install_packages() {
    local missing
    missing="$(missing_packages | tr '\n' ' ')"
    [ -z "${missing// /}" ] && return 0
    is_root || die "missing packages: $missing (run this script as root to install them)"
    log "installing $missing"
    # Keep the packages' own system services from starting: ours run on free ports.
    local policy=/usr/sbin/policy-rc.d created_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
    [ -z "$created_policy" ] || rm -f "$policy"
}

# ---------------------------------------------------------------- servers

start_postgres() {
    local dir="$ROOT/postgres" bin port
    bin="$(postgres_bin)"
    if [ -f "$dir/port" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$(cat "$dir/port")"; then
        POSTGRES_PORT="$(cat "$dir/port")"
        log "PostgreSQL already up on port $POSTGRES_PORT"
        return 0
    fi
    [ ! -d "$dir" ] || stop_postgres_dir "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    if is_root; then chown postgres:postgres "$dir"; fi
    port="$(free_port)"
    as_user postgres "$bin/initdb" -D "$dir/data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log"
    # Throwaway data: durability settings off for speed.
    as_user postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null
    echo "$port" >"$dir/port"
    as_user postgres psql -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD';
CREATE DATABASE $USER_NAME OWNER $USER_NAME;
SQL
    POSTGRES_PORT="$port"
    log "PostgreSQL up on port $port"
}

stop_postgres_dir() {
    local dir="$1" bin
    bin="$(postgres_bin || true)"
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
        as_user postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}

mariadb_client() {
    # The OS user that runs the script is a MariaDB admin through the socket.
    mariadb --no-defaults --socket="$ROOT/mariadb/mariadb.sock" -u "$(id -un)" "$@"
}

start_mariadb() {
    local dir="$ROOT/mariadb" port mariadbd user
    if [ -f "$dir/port" ] && mariadb_client -e "SELECT 1" >/dev/null 2>&1; then
        MYSQL_PORT="$(cat "$dir/port")"
        log "MariaDB already up on port $MYSQL_PORT"
        return 0
    fi
    [ ! -d "$dir" ] || stop_pid_file "$dir/mariadb.pid"
    rm -rf "$dir"
    mkdir -p "$dir"
    if is_root; then
        user=mysql
        chown mysql:mysql "$dir"
    else
        user="$(id -un)"
    fi
    mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
    port="$(free_port)"
    mariadb-install-db --no-defaults --user="$user" --datadir="$dir/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
        || die "mariadb-install-db failed: see $dir/install.log"
    # Throwaway data: no binary log, no flush per commit.
    setsid "$mariadbd" --no-defaults --user="$user" --datadir="$dir/data" \
        --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --log-error="$dir/mariadb.log" \
        --bind-address=127.0.0.1 --port="$port" --skip-name-resolve --skip-log-bin \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        </dev/null >/dev/null 2>&1 &
    echo "$port" >"$dir/port"
    wait_for MariaDB mariadb_client -e "SELECT 1"
    mariadb_client <<SQL
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
GRANT ALL ON *.* TO '$USER_NAME'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL ON *.* TO '$USER_NAME'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS $USER_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
    # Time zone tables, as a production server has them (Django's TruncDate & co).
    mariadb-tzinfo-to-sql /usr/share/zoneinfo 2>/dev/null | mariadb_client mysql
    MYSQL_PORT="$port"
    log "MariaDB up on port $port"
}

start_redis() {
    local dir="$ROOT/redis" port
    if [ -f "$dir/port" ] && redis-cli -p "$(cat "$dir/port")" ping >/dev/null 2>&1; then
        REDIS_PORT="$(cat "$dir/port")"
        log "Redis already up on port $REDIS_PORT"
        return 0
    fi
    [ ! -d "$dir" ] || stop_pid_file "$dir/redis.pid"
    rm -rf "$dir"
    mkdir -p "$dir"
    port="$(free_port)"
    # 256 databases: the harness gives every test a database number of its own.
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
        --save "" --appendonly no --databases 256
    echo "$port" >"$dir/port"
    wait_for Redis redis-cli -p "$port" ping
    REDIS_PORT="$port"
    log "Redis up on port $port"
}

stop_pid_file() {
    local pid_file="$1" pid
    [ -f "$pid_file" ] || return 0
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
}

main() {
    case "$ROOT" in "" | /) die "SCAFFOLD_SERVICES_DIR must be a folder of its own" ;; esac
    install_packages
    mkdir -p "$ROOT"
    chmod 755 "$ROOT"
    start_postgres
    start_mariadb
    start_redis
    cat >"$ENV_FILE" <<EOF
export SCAFFOLD_POSTGRES_URL=postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$POSTGRES_PORT/$USER_NAME
export SCAFFOLD_MYSQL_URL=mysql://$USER_NAME:$PASSWORD@127.0.0.1:$MYSQL_PORT/$USER_NAME
export SCAFFOLD_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
EOF
    log "ready in ${SECONDS}s; URLs in $ENV_FILE"
}

# stop.sh sources this file for its helpers; only run when executed.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
