#!/usr/bin/env bash
# bench/serve_bench.sh — `factum serve` under wrk on loopback: a store of EVENTS (default 150,000) events built
# by bench/store_gen from the ingested ../shared/corpus, then wrk -d30s --latency against /api/events with
# filters (date range + actor, + code, + bbox, and the stats). Prints wrk's summary lines: requests/s, p99
# latency, and the error counts (non-2xx and socket errors), which must be zero. Not part of `make check`.
# Usage: bash bench/serve_bench.sh [BUILD_DIR] [EVENTS] [DURATION]   (default build 150000 30s)
set -u
cd "$(dirname "$0")/.." || exit 1
B=${1:-build}
N=${2:-150000}
D=${3:-30s}
top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
CORPUS="$top/../shared/corpus"
[ -d "$CORPUS" ] || { echo "serve_bench: $CORPUS is needed" >&2; exit 1; }
command -v wrk >/dev/null || { echo "serve_bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
make --no-print-directory -s O="$B" "$B/factum" "$B/bench/store_gen" >/dev/null || exit 1
DIR=$(mktemp -d /tmp/factum-serve-bench-XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT

"$B/factum" ingest --quiet --no-merge --db "$DIR/corpus.db" "$CORPUS"/*.jsonl || exit 1
"$B/bench/store_gen" "$DIR/corpus.db" "$DIR/s.db" "$N" || exit 1
"$B/factum" merge --db "$DIR/s.db" >/dev/null || exit 1
sqlite3 "$DIR/s.db" "pragma wal_checkpoint(truncate); analyze" >/dev/null
echo "# store: $(sqlite3 "$DIR/s.db" 'select count(*) from events') events, $(sqlite3 "$DIR/s.db" 'select count(*) from stories') stories; $(nproc) cores; wrk -t2 -c16 -d$D --latency"
"$B/factum" serve --db "$DIR/s.db" --listen 127.0.0.1:0 2>"$DIR/serve.log" &
PID=$!
PORT=
for _ in $(seq 100); do
    PORT=$(sed -n 's|.*listening on http://[^ ]*:\([0-9]*\)/.*|\1|p' "$DIR/serve.log" | head -n 1)
    [ -n "$PORT" ] && break; sleep 0.1
done
[ -n "$PORT" ] || { echo "serve did not start" >&2; cat "$DIR/serve.log" >&2; exit 1; }
U=http://127.0.0.1:$PORT
for path in "/api/events?from=2020-01-01&to=2020-06-30&actor=USA&limit=100" \
            "/api/events?from=1987-01-01&to=1987-12-31&code=19&limit=100" \
            "/api/events?from=2019-01-01&to=2021-12-31&bbox=30,25,40,35&limit=100" \
            "/api/events.geojson?from=2025-01-01&to=2025-01-31&limit=500" \
            "/api/stats?from=2020-01-01&to=2020-12-31&actor=USA"; do
    curl -sf -o /dev/null "$U$path" || { echo "GET $path failed" >&2; exit 1; }
    echo "## GET $path ($(curl -s "$U$path" | wc -c) bytes)"
    wrk -t2 -c16 -d"$D" --latency "$U$path" >"$DIR/wrk.txt" 2>&1
    grep -E 'Requests/sec|Transfer/sec|^ +99%|^ +50%|Non-2xx|Socket errors|requests in' "$DIR/wrk.txt" | sed 's/^ */   /'
    grep -q -E 'Non-2xx|Socket errors' "$DIR/wrk.txt" && echo "   ERRORS above"
done
kill -TERM "$PID"; wait "$PID"; echo "# server exit status $? (0 = clean stop)"; PID=
