# Start a throwaway PostgreSQL for the store tests and export its URL as QUOTEGRAPH_TEST_PG.
#
# Meant to be sourced (`.ci/run` does, before `make test`):
#     source scripts/ci_postgres.sh
# It installs Debian's postgresql when no server binaries are found (root or sudo needed), runs
# initdb in a temporary directory as a non-root user (postgres, else nobody), starts the server on
# 127.0.0.1 on a free port with its socket in that directory, and stops it and removes the
# directory when the sourcing shell exits (set QG_PG_KEEP=1 to leave it running; then stop it with
# `pg_ctl -D "$QG_PG_DIR/data" stop`); QG_PG_NO_INSTALL=1 never installs. Nothing is started when QUOTEGRAPH_TEST_PG is already set.
# Without PostgreSQL it fails under CI=true and only warns otherwise (the PostgreSQL tests skip).

qg_pg_start() {
    if [ -n "${QUOTEGRAPH_TEST_PG:-}" ]; then
        return 0
    fi
    local bindir sudo="" user port
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bindir" ] && [ -z "${QG_PG_NO_INSTALL:-}" ]; then
        [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
        if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
            echo "ci_postgres: installing Debian's postgresql" >&2
            $sudo apt-get update -qq >&2 &&
                DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
        fi
        bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    if [ -z "$bindir" ]; then
        echo "ci_postgres: no PostgreSQL server found and none could be installed" >&2
        return 1
    fi
    QG_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/quotegraph-pg.XXXXXX")
    export QG_PG_DIR
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if [ "$(id -u)" -eq 0 ]; then
        user=postgres
        getent passwd postgres >/dev/null || user=nobody
        chown "$user" "$QG_PG_DIR"
        QG_PG_USER=$user  # global: the EXIT trap runs after this function's locals are gone
        _qg_pg_as() { runuser -u "$QG_PG_USER" -- "$@"; }
    else
        _qg_pg_as() { "$@"; }
    fi
    _qg_pg_as "$bindir/initdb" -D "$QG_PG_DIR/data" -U quotegraph -A trust --no-sync -E UTF8 \
        --locale=C.UTF-8 >"$QG_PG_DIR/initdb.log" 2>&1 || {
        cat "$QG_PG_DIR/initdb.log" >&2
        return 1
    }
    _qg_pg_as "$bindir/pg_ctl" -D "$QG_PG_DIR/data" -l "$QG_PG_DIR/server.log" -w -t 60 \
        -o "-p $port -k $QG_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
        start >/dev/null || {
        cat "$QG_PG_DIR/server.log" >&2
        return 1
    }
    QG_PG_CTL="$bindir/pg_ctl"
    export QG_PG_CTL
    export QUOTEGRAPH_TEST_PG="postgresql://quotegraph@127.0.0.1:$port/postgres"
    echo "ci_postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $QUOTEGRAPH_TEST_PG" >&2
    if [ -z "${QG_PG_KEEP:-}" ]; then
        trap qg_pg_stop EXIT
    fi
}

qg_pg_stop() {
    if [ -n "${QG_PG_DIR:-}" ] && [ -d "$QG_PG_DIR/data" ]; then
        _qg_pg_as "$QG_PG_CTL" -D "$QG_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$QG_PG_DIR"
    fi
}

if ! qg_pg_start; then
    if [ "${CI:-}" = "true" ]; then
        echo "ci_postgres: PostgreSQL is required under CI=true" >&2
        return 1 2>/dev/null || exit 1
    fi
    echo "ci_postgres: PostgreSQL tests will be skipped" >&2
fi
