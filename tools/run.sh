#!/usr/bin/env bash
# make run: codes the bundled samples and shows what came out.
set -eu
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
out=samples.events.jsonl
"$B/factum" code --summary samples/*.txt > "$out"
echo
echo "wrote $(wc -l < "$out") events to $out"
echo "next: $B/factum code --date 2024-04-22 your-article.txt    (see README.md)"
