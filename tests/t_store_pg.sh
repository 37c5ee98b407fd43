#!/usr/bin/env bash
# Runs the store unit test against a throwaway PostgreSQL 15: initdb into a
# temp dir, a server on a Unix socket in that dir (no TCP), three databases,
# the test binary, then stop and remove. Skipped when PostgreSQL is absent.
set -u
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
T="$B/tests/test_store"
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$T" ]; then
    echo "ok 1 - # SKIP PostgreSQL binaries or $T missing"
    exit 0
fi
DIR=$(mktemp -d /tmp/factum-pg-XXXXXX)
AS=()
if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the server runs as the postgres user.
    chown postgres "$DIR"
    AS=(runuser -u postgres --)
fi
cleanup() {
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$DIR"
}
trap cleanup EXIT
if ! "${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -A trust -U factum --no-sync -E UTF8 >"$DIR/initdb.log" 2>&1; then
    echo "not ok 1 - initdb failed"; sed 's/^/# /' "$DIR/initdb.log"; exit 1
fi
if ! "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
        -o "-c listen_addresses= -c unix_socket_directories=$DIR -c fsync=off -c max_connections=40" start >/dev/null 2>&1; then
    echo "not ok 1 - PostgreSQL did not start"; sed 's/^/# /' "$DIR/server.log"; exit 1
fi
for db in factum_a factum_b factum_c; do
    "${AS[@]}" "$PGBIN/createdb" -h "$DIR" -U factum "$db" || { echo "not ok 1 - createdb $db"; exit 1; }
done
# The test binary runs as the calling user; the socket dir must let it in.
chmod 755 "$DIR"
FACTUM_TEST_PG="host=$DIR user=factum dbname=factum_a" \
FACTUM_TEST_PG2="postgresql://factum@/factum_b?host=$DIR" \
FACTUM_TEST_PG3="host=$DIR user=factum dbname=factum_c" \
    "$T"
