#!/usr/bin/env bash
# bench/store_bench.sh — the store's figures: ingest rate of ../shared/corpus into SQLite and PostgreSQL
# (documents/s, events/s, with the story merge timed apart), database size per 1,000 events, then a 1M-event
# store per backend (bench/store_gen copies the corpus events with shifted dates and new ids) and the latency
# of date-range + actor queries over it, with each backend's query plan. PostgreSQL runs as a throwaway server
# on a Unix socket (as tests/t_store_pg.sh). Not part of `make check`; needs ../shared. Takes ~10 minutes.
# Usage: bash bench/store_bench.sh [BUILD_DIR] [EVENTS]   (default build, 1000000)
set -u
cd "$(dirname "$0")/.." || exit 1
B=${1:-build}
N=${2:-1000000}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
CORPUS="$top/../shared/corpus"
[ -d "$CORPUS" ] || { echo "store_bench: $CORPUS is needed" >&2; exit 1; }
make --no-print-directory -s O="$B" "$B/factum" "$B/bench/store_gen" >/dev/null || exit 1
FACTUM=$B/factum GEN=$B/bench/store_gen
DIR=$(mktemp -d /tmp/factum-store-bench-XXXXXX)
AS=()
[ "$(id -u)" = 0 ] && { chown postgres "$DIR"; AS=(runuser -u postgres --); }
cleanup() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/pg" -m fast stop >/dev/null 2>&1; rm -rf "$DIR"; }
trap cleanup EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

"${AS[@]}" "$PGBIN/initdb" -D "$DIR/pg" -A trust -U factum -E UTF8 >/dev/null 2>&1 || { echo "initdb failed" >&2; exit 1; }
# Durable settings (fsync on) except shared_buffers sized for the 1M store.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/pg" -w -l "$DIR/pg.log" \
    -o "-c listen_addresses= -c unix_socket_directories=$DIR -c shared_buffers=512MB" start >/dev/null || exit 1
chmod 755 "$DIR"
for db in corpus big; do "${AS[@]}" "$PGBIN/createdb" -h "$DIR" -U factum "$db"; done
PG="host=$DIR user=factum dbname"
psqlc() { "$PGBIN/psql" -h "$DIR" -U factum -d "$1" -Atc "$2"; }

echo "# factum store benchmark — $(date -u +%F) — $(nproc) cores, $(uname -m), $(sqlite3 --version | cut -d' ' -f1) sqlite, PostgreSQL $(psqlc corpus 'show server_version')"
docs_in=$(cat "$CORPUS"/*.jsonl | wc -l)
echo "# corpus: $docs_in documents, $(du -cb "$CORPUS"/*.jsonl | tail -n 1 | cut -f1) bytes"

# ---- 1. ingest rate ------------------------------------------------------------------------------------
ingest() {   # label url count-cmd size-cmd
    local label=$1 url=$2 t0 t1 t2 ev docs size
    t0=$(now)
    "$FACTUM" ingest --quiet --no-merge --db "$url" "$CORPUS"/*.jsonl || { echo "ingest failed" >&2; exit 1; }
    t1=$(now)
    "$FACTUM" merge --db "$url" >/dev/null 2>&1 || echo "# (factum merge failed or missing)"
    t2=$(now)
    ev=$($3 events); docs=$($3 documents); size=$($4)
    echo "ingest $label: $docs documents, $ev events in $(calc "$t1 - $t0" 2) s =" \
         "$(calc "$docs / ($t1 - $t0)" 0) documents/s, $(calc "$ev / ($t1 - $t0)" 0) events/s;" \
         "merge $(calc "$t2 - $t1" 2) s; size $(calc "$size / 1048576" 1) MiB = $(calc "$size / $ev" 0) bytes/event" \
         "= $(calc "$size / $ev * 1000 / 1048576" 2) MiB per 1,000 events"
}
lite_count() { sqlite3 "$DIR/corpus.db" "select count(*) from $1"; }
lite_size() { sqlite3 "$DIR/corpus.db" "pragma wal_checkpoint(truncate)" >/dev/null; stat -c %s "$DIR/corpus.db"; }
pg_count() { psqlc corpus "select count(*) from $1"; }
pg_size() { psqlc corpus "vacuum analyze" >/dev/null; psqlc corpus "select pg_database_size(current_database()) - pg_database_size('template1')"; }
ingest sqlite "$DIR/corpus.db" lite_count lite_size
ingest postgresql "$PG=corpus" pg_count pg_size

# ---- 2. 1M events ----------------------------------------------------------------------------------------
"$GEN" "$DIR/corpus.db" "$DIR/big.db" "$N" | sed 's/^/generate: /'
sqlite3 "$DIR/big.db" "pragma wal_checkpoint(truncate); analyze" >/dev/null
echo "generate: sqlite size $(calc "$(stat -c %s "$DIR/big.db") / 1048576" 0) MiB"
"$GEN" "$DIR/corpus.db" "$PG=big" "$N" | sed 's/^/generate: /'
psqlc big "vacuum analyze" >/dev/null
echo "generate: postgresql size $(calc "$(psqlc big "select pg_database_size('big')") / 1048576" 0) MiB"

# ---- 3. date range + actor over 1M -------------------------------------------------------------------------
echo "# query latency on one open handle (store_gen --query: fm_store_query, rows read to the end)"
for url in "$DIR/big.db" "$PG=big"; do
    for q in "2020-01-01 2020-03-31 USA 0" "2020-01-01 2020-03-31 USA 100" "2020-01-01 2020-12-31 USA 100" \
             "2020-03-01 2020-03-31 president 0" "1987-01-01 1987-12-31 ISR 0" "1990-01-01 1999-12-31 USAGOV 100"; do
        set -- $q
        "$GEN" --query "$url" "$1" "$2" "$3" "$4" 25
    done
done
# The plans: the (day_lo, day_hi, event_id) index bounds the scan on both backends.
SQL="SELECT e.event_id, e.json FROM events e LEFT JOIN story_links l ON l.event_id = e.event_id AND l.relation = 'member'
 LEFT JOIN stories s ON s.story_id = l.story_id WHERE 1 = 1 AND e.day_lo >= 18262 AND e.day_hi <= 18352 AND e.day_lo <= 18352
 AND (substr(e.source_code, 1, 3) = 'USA' OR substr(e.target_code, 1, 3) = 'USA') ORDER BY e.day_lo, e.day_hi, e.event_id LIMIT 101"
echo "# sqlite plan:"; sqlite3 "$DIR/big.db" "EXPLAIN QUERY PLAN $SQL" | sed 's/^/#   /'
echo "# postgresql plan:"; psqlc big "EXPLAIN (ANALYZE, COSTS OFF) $SQL" | sed 's/^/#   /'
