#!/usr/bin/env bash
# t_plover.sh — the PLOVER gold-standard records (../shared/peers/plover/PLOVER_GSR_CAMEO.json) as
# regression floors: gold event type among factum's events, gold source and target country right
# (tools/plover_gold.js, default lexicon). The floors are what the coder reached minus about 3 points
# (raise them, never lower). Skipped without ../shared or node.
set -u
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
FACTUM=${FACTUM:-$PWD/$B/factum}
SHARED=$(git rev-parse --show-toplevel 2>/dev/null)/../shared
[ -d "$SHARED" ] || SHARED=../shared
GOLD=$SHARED/peers/plover/PLOVER_GSR_CAMEO.json

FLOOR_TYPE=72
FLOOR_SOURCE=82
FLOOR_TARGET=72

if [ ! -f "$GOLD" ] || ! command -v node >/dev/null 2>&1; then
    echo "ok 1 - # SKIP PLOVER gold records: no $GOLD or no node"
    echo "1..1"
    exit 0
fi
out=$(node tools/plover_gold.js "$GOLD" "$FACTUM" 2>&1)
n=0
floor() {   # label, line prefix, floor
    local label=$1 prefix=$2 fl=$3 line rate
    n=$((n + 1))
    line=$(grep -F "$prefix" <<<"$out" | head -n 1)
    rate=$(sed -nE 's/.*= ([0-9.]+)%.*/\1/p' <<<"$line")
    if [ -z "$rate" ]; then
        echo "not ok $n - PLOVER $label: no result line"
    elif awk -v r="$rate" -v f="$fl" 'BEGIN { exit !(r >= f) }'; then
        echo "ok $n - PLOVER $label $rate% (floor $fl%): ${line#*: }"
    else
        echo "not ok $n - PLOVER $label $rate% is below the floor $fl%: ${line#*: }"
    fi
}
floor "event type" "gold PLOVER event among" "$FLOOR_TYPE"
floor "source country" "gold source country right" "$FLOOR_SOURCE"
floor "target country" "gold target country right" "$FLOOR_TARGET"
echo "1..$n"
