#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages, starts a throw-away cluster for the
# store tests and prints the line that points the tests at it:
#
#     eval "$(tools/ci/postgres.sh)"     # exports CROSSCHECK_TEST_POSTGRES
#     eval "$CROSSCHECK_PG_STOP"          # stops the cluster when done
#
# Everything but that `export` line goes to stderr, so `eval` only sees it.
# The cluster lives in $CROSSCHECK_PG_DIR (default: a fresh temporary directory),
# listens on 127.0.0.1:$CROSSCHECK_PG_PORT (default: 54329, or the next free
# port when that one is taken) and on a socket in that
# directory, and is stopped with `pg_ctl -D "$CROSSCHECK_PG_DIR/data" stop`
# (the script prints the exact command). Running it twice reuses a running cluster.
set -euo pipefail

port="${CROSSCHECK_PG_PORT:-54329}"
dir="${CROSSCHECK_PG_DIR:-$(mktemp -d /tmp/crosscheck-pg.XXXXXX)}"
user=crosscheck
database=crosscheck
password=crosscheck

log() { echo "postgres.sh: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's `postgresql` package pulls in the current major version; its server
# binaries live outside PATH, under /usr/lib/postgresql/<major>/bin.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing postgresql from Debian's packages"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >&2
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
log "using $bin"

# The server refuses to run as root: run it as the `postgres` system user the
# package created (or as the calling user when that is not root).
if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    run_as() { runuser -u "$owner" -- "$@"; }
else
    owner="$(id -un)"
    run_as() { "$@"; }
fi

mkdir -p "$dir"
chown "$owner" "$dir"
data="$dir/data"

if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a cluster in $data"
    pwfile="$dir/pwfile"
    printf '%s\n' "$password" >"$pwfile"
    chown "$owner" "$pwfile"
    run_as "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >&2
    rm -f "$pwfile"
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if run_as "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Already running: its port is the fourth line of postmaster.pid.
    port="$(sed -n 4p "$data/postmaster.pid")"
else
    # A cluster left running by an earlier run (another directory) may hold the
    # port: take the next free one unless the caller chose the port.
    if [ -z "${CROSSCHECK_PG_PORT:-}" ]; then
        while port_busy "$port"; do
            log "port $port is taken"
            port=$((port + 1))
        done
    fi
    log "starting on 127.0.0.1:$port"
    # fsync off: a CI cluster is thrown away, and the tests do many small commits.
    run_as "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >&2
fi

export PGPASSWORD="$password"
if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database"
fi

stop="$bin/pg_ctl -D $data -m fast stop"
if [ "$(id -u)" -eq 0 ]; then stop="runuser -u $owner -- $stop"; fi
log "ready; stop it with: $stop"
echo "export CROSSCHECK_TEST_POSTGRES='postgres://$user:$password@127.0.0.1:$port/$database'"
echo "export CROSSCHECK_PG_STOP='$stop'"
