#!/usr/bin/env bash
# t_validate.sh — the validation suites as regression floors: factum's own cases
# (tests/cases/validate/) always, and the TABARI and PETRARCH suites when the
# peers' data is at ../shared (the PLOVER gold records: t_plover.sh). One TAP line per suite with its pass rate; the
# floors are what the coder reached minus 3 points (raise them, never lower).
set -u
cd "$(dirname "$0")/.."
B=${FACTUM_BUILD:-build}
FACTUM=${FACTUM:-$PWD/$B/factum}
SHARED=$(git rev-parse --show-toplevel 2>/dev/null)/../shared
[ -d "$SHARED" ] || SHARED=../shared

FLOOR_CASES=89
FLOOR_TABARI=92
FLOOR_PETRARCH=68

# `factum validate` once main.c has it, else the unit test's --run driver.
if "$FACTUM" validate --help >/dev/null 2>&1; then
    run() { "$FACTUM" validate "$@"; }
elif [ -x "$B/tests/test_validate" ]; then
    run() { "$B/tests/test_validate" --run "$@"; }
else
    echo "not ok 1 - neither '$FACTUM validate' nor $B/tests/test_validate"
    exit 1
fi

n=0
suite() {   # name, floor, file
    local name=$1 floor=$2 file=$3 log line passed failed rate
    n=$((n + 1))
    log="$B/validate.$(echo "$name" | tr 'A-Z ' 'a-z_').log"
    run "$file" >"$log" 2>"$log.err"
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        echo "not ok $n - $name validation: no result line (see $log.err)"
        return
    fi
    passed=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")
    failed=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
    if [ $((passed + failed)) = 0 ]; then
        echo "not ok $n - $name validation: no record was run"
        return
    fi
    rate=$(awk -v p="$passed" -v f="$failed" 'BEGIN { printf "%.1f", 100 * p / (p + f) }')
    if awk -v r="$rate" -v fl="$floor" 'BEGIN { exit !(r >= fl) }'; then
        echo "ok $n - $name validation $rate% (floor $floor%): $line"
    else
        echo "not ok $n - $name validation $rate% is below the floor $floor%: $line (failures in $log)"
    fi
}

suite "factum cases" "$FLOOR_CASES" tests/cases/validate/basic.txt
if [ -f "$SHARED/peers/tabari/validation/Validate.text" ]; then
    suite TABARI "$FLOOR_TABARI" "$SHARED/peers/tabari/validation/Validate.text"
    suite PETRARCH "$FLOOR_PETRARCH" "$SHARED/peers/petrarch2/text/PETR.UnitTest.records.xml"
else
    n=$((n + 1)); echo "ok $n - # SKIP TABARI validation: no ../shared"
    n=$((n + 1)); echo "ok $n - # SKIP PETRARCH validation: no ../shared"
fi
echo "1..$n"
