#!/usr/bin/env bash
# t_serve_abuse.sh — `factum serve` under hostile clients: malformed and
# oversized requests, slow and greedy clients, POST /api/code over its rate
# (tests/http_abuse.js). The server runs with small limits so the test is quick.
set -u
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
FACTUM=${FACTUM:-$PWD/$B/factum}
if ! command -v node >/dev/null; then echo "ok 1 # SKIP node missing"; exit 0; fi
tmp=$(mktemp -d /tmp/factum-t-abuse-XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

"$FACTUM" ingest --quiet --db "$tmp/s.db" tests/cases/serve/*.txt >/dev/null 2>&1
ok $? "a store to serve"
"$FACTUM" serve --db "$tmp/s.db" --listen 127.0.0.1:0 --threads 2 --timeout 2 --code-rate 4 \
    --max-body 131072 --max-connections 48 2>"$tmp/serve.log" &
pid=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://[^ ]*:\([0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -n 1)
    [ -n "$port" ] && break; sleep 0.1
done
[ -n "$port" ]; ok $? "server started with --threads 2 --timeout 2 --code-rate 4"
if [ -n "$port" ]; then
    out=$(timeout 120 node tests/http_abuse.js "$port" $((n + 1)) 2>&1)
    echo "$out" | grep -E '^(ok|not ok|#)'
    n=$((n + $(grep -cE '^(ok|not ok) ' <<<"$out")))
fi
kill -0 "$pid" 2>/dev/null; ok $? "the server is still running"
kill -TERM "$pid"; wait "$pid"; ok $? "and stops cleanly on SIGTERM"
pid=
! grep -E 'Sanitizer|runtime error' "$tmp/serve.log" >/dev/null; ok $? "no sanitizer report from the server"
echo "1..$n"
