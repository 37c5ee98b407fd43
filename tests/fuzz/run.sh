#!/usr/bin/env bash
# Runs libFuzzer harnesses of build-fuzz/ for SECONDS each: first the crash
# regression inputs of tests/fuzz/regress/<name>/ (each must pass), then the
# fuzzer from the seed corpus tests/fuzz/corpus/<name>/ (new inputs go to
# build-fuzz/corpus/<name>/, crashes to build-fuzz/crashes/). One TAP line per
# harness with its executions and time. usage: run.sh SECONDS NAME...
set -u
cd "$(dirname "$0")/../.."
secs=$1; shift
B=build-fuzz
: "${FACTUM_GAZETTEER:=$PWD/${FACTUM_BUILD:-build}/gazetteer.bin}"
[ -f "$FACTUM_GAZETTEER" ] || FACTUM_GAZETTEER=$PWD/build/gazetteer.bin
export FACTUM_GAZETTEER
# leaks are checked at exit of each run; a UBSan report stops the run
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$B/crashes" "$B/logs"
n=$((${FUZZ_TAP_FIRST:-1} - 1)) failed=0
for h in "$@"; do
    n=$((n + 1))
    bin=$B/fuzz_$h
    if [ ! -x "$bin" ]; then echo "not ok $n - fuzz_$h: not built (make fuzz-build)"; failed=1; continue; fi
    # a fixed seed (FUZZ_SEED to change it) so that a smoke run explores the same
    # inputs first on every machine; longer runs still go beyond them
    opts=(-seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1)
    [ -f "tests/fuzz/$h.dict" ] && opts+=("-dict=tests/fuzz/$h.dict")
    reg=(tests/fuzz/regress/"$h"/*)
    if [ -e "${reg[0]}" ]; then
        if ! "$bin" "${opts[@]}" "${reg[@]}" > "$B/logs/$h.regress.log" 2>&1; then
            echo "not ok $n - fuzz_$h: a regression input fails (see $B/logs/$h.regress.log)"; failed=1; continue
        fi
    fi
    mkdir -p "$B/corpus/$h"
    "$bin" "${opts[@]}" -max_total_time="$secs" -artifact_prefix="$B/crashes/$h-" \
        "$B/corpus/$h" "tests/fuzz/corpus/$h" > "$B/logs/$h.log" 2>&1
    rc=$?
    if grep -q 'no gazetteer' "$B/logs/$h.log"; then echo "ok $n - fuzz_$h # SKIP no gazetteer"; continue; fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/logs/$h.log" | tail -n 1)
    t=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$B/logs/$h.log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$B/logs/$h.log" | tail -n 1)
    if [ "$rc" = 0 ]; then
        echo "ok $n - fuzz_$h: ${runs:-?} executions in ${t:-$secs} s (${runs:+$((runs / (${t:-$secs} > 0 ? ${t:-$secs} : 1)))}/s, ${cov:-cov: ?})"
    else
        echo "not ok $n - fuzz_$h: status $rc after ${runs:-?} executions"
        grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz_[a-z]+:' "$B/logs/$h.log" | sed 's/^/#   /'
        grep -m1 'Test unit written to' "$B/logs/$h.log" | sed 's/^/#   /'
        failed=1
    fi
done
echo "1..$n"
exit $failed
