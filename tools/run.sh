#!/usr/bin/env bash
# make run: codes the bundled samples into the embedded SQLite store
# (factum.db), prints a summary, then serves the page (Ctrl-C stops it).
set -eu
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
DB=${FACTUM_DB:-factum.db}
"$B/factum" ingest --db "$DB" --summary samples/*.txt
echo
echo "stored in $DB. Next:"
echo "  $B/factum query --db $DB --code 19 --format csv      # assaults, as CSV"
echo "  $B/factum code --date 2024-04-22 your-article.txt    # code an article to JSON Lines"
if "$B/factum" serve --help >/dev/null 2>&1; then
    echo "serving $DB at http://127.0.0.1:${FACTUM_PORT:-8080}/  (Ctrl-C stops it)"
    exec "$B/factum" serve --db "$DB" --listen "127.0.0.1:${FACTUM_PORT:-8080}"
fi
