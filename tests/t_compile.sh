#!/usr/bin/env bash
# t_compile.sh — `factum compile` and the compiled lexicon: coding with it must write the same bytes as coding
# from the dictionaries it was made of (factum's default lexicon, a TABARI set, and the full Phoenix set
# when ../shared is there, on the samples and the first lines of each corpus); a damaged, truncated or
# foreign file, or one loaded beside another dictionary, is refused with a message and nothing is coded.
# Run by tests/run.sh ($FACTUM set), or by hand: bash tests/t_compile.sh (default build/factum).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tap.sh

# the default lexicon, on the samples (each a document)
"$FACTUM" compile -q -o "$tmp/default.fmlex"; ok $? "factum compile writes the default lexicon"
test -s "$tmp/default.fmlex"; ok $? "the compiled lexicon is not empty"
"$FACTUM" code -q samples/*.txt > "$tmp/src.jsonl"
"$FACTUM" code -q --dict "$tmp/default.fmlex" samples/*.txt > "$tmp/img.jsonl"; rc=$?
ok "$rc" "factum code --dict default.fmlex exits 0"
test "$(wc -l < "$tmp/src.jsonl")" -gt 50; ok $? "the samples give events ($(wc -l < "$tmp/src.jsonl"))"
cmp -s "$tmp/src.jsonl" "$tmp/img.jsonl"; ok $? "default lexicon: compiled and source give the same bytes on the samples"
"$FACTUM" code -q -j 2 --dict "$tmp/default.fmlex" samples/*.txt > "$tmp/img2.jsonl"
cmp -s "$tmp/src.jsonl" "$tmp/img2.jsonl"; ok $? "... and at -j 2"

# refusals: damaged, truncated, foreign, not alone; each with a message naming the file, and no output
cp "$tmp/default.fmlex" "$tmp/flip.fmlex"
size=$(stat -c %s "$tmp/flip.fmlex")
printf '\x5a' | dd of="$tmp/flip.fmlex" bs=1 seek=$((size / 2)) conv=notrunc status=none
"$FACTUM" code --dict "$tmp/flip.fmlex" samples/01-rockets-syria-base.txt > "$tmp/out" 2> "$tmp/err"; rc=$?
test "$rc" != 0 && ! test -s "$tmp/out" && grep -q "flip.fmlex: not a complete compiled lexicon" "$tmp/err"
ok $? "a byte changed in the middle: refused with a message, nothing coded (exit $rc)"
head -c $((size - 100)) "$tmp/default.fmlex" > "$tmp/short.fmlex"
"$FACTUM" code --dict "$tmp/short.fmlex" samples/01-rockets-syria-base.txt > "$tmp/out" 2> "$tmp/err"; rc=$?
test "$rc" != 0 && ! test -s "$tmp/out" && grep -q "short.fmlex: not a complete compiled lexicon" "$tmp/err"
ok $? "a truncated file: refused (exit $rc)"
cp "$tmp/default.fmlex" "$tmp/other.fmlex"
printf '\x07' | dd of="$tmp/other.fmlex" bs=1 seek=8 conv=notrunc status=none   # the first record size
"$FACTUM" code --dict "$tmp/other.fmlex" samples/01-rockets-syria-base.txt > "$tmp/out" 2> "$tmp/err"; rc=$?
test "$rc" != 0 && grep -q "compiled by another build" "$tmp/err"; ok $? "a file of another layout: refused (exit $rc)"
"$FACTUM" code --dict data/lexicon --dict "$tmp/default.fmlex" samples/01-rockets-syria-base.txt > "$tmp/out" 2> "$tmp/err"
rc=$?
test "$rc" != 0 && grep -q "loaded alone" "$tmp/err"; ok $? "a compiled lexicon after another dictionary: refused (exit $rc)"
"$FACTUM" code --dict "$tmp/default.fmlex" --dict data/lexicon samples/01-rockets-syria-base.txt > "$tmp/out" 2> "$tmp/err"
rc=$?
test "$rc" != 0 && ! test -s "$tmp/out" && grep -q "loaded alone" "$tmp/err"
ok $? "a dictionary after a compiled lexicon: refused, nothing coded (exit $rc)"
"$FACTUM" compile -q > /dev/null 2>&1; rc=$?
test "$rc" = 1; ok $? "factum compile without -o is a usage error (exit $rc)"
"$FACTUM" compile -q -o /nonexistent/dir/x.fmlex 2> /dev/null; rc=$?
test "$rc" = 2; ok $? "an unwritable output: exit 2"

# TABARI's 2012 dictionaries (its .verbs file switches the TABARI sentence rules: the flag must survive)
TD=../shared/peers/tabari/dictionaries
if [ -d "$TD" ] && [ -d ../shared/corpus ]; then
    head -n 400 ../shared/corpus/reuters21578.jsonl > "$tmp/r.jsonl"
    "$FACTUM" compile -q -o "$tmp/tabari.fmlex" --dict "$TD"; ok $? "factum compile writes the TABARI set (a directory)"
    "$FACTUM" code -q --dict "$TD" "$tmp/r.jsonl" > "$tmp/ts.jsonl"
    "$FACTUM" code -q --dict "$tmp/tabari.fmlex" "$tmp/r.jsonl" > "$tmp/ti.jsonl"
    test -s "$tmp/ts.jsonl" && cmp -s "$tmp/ts.jsonl" "$tmp/ti.jsonl"
    ok $? "TABARI set, first 400 Reuters records: compiled and source give the same bytes ($(wc -l < "$tmp/ts.jsonl") events)"
fi

# the full Phoenix set on the first records of each corpus
DD=../shared/peers/petrarch2/dictionaries
if [ -d "$DD" ] && [ -d ../shared/corpus ]; then
    dicts=()
    for f in CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt \
             Phoenix.agents.txt Phoenix.discards.txt Phoenix.IssueCoding.txt; do dicts+=(--dict "$DD/$f"); done
    "$FACTUM" compile -q -o "$tmp/phoenix.fmlex" "${dicts[@]}"; ok $? "factum compile writes the Phoenix set"
    for c in reuters21578 current-events-2025 wikinews-2019-2020; do
        head -n 400 "../shared/corpus/$c.jsonl" > "$tmp/c.jsonl"
        "$FACTUM" code -q "${dicts[@]}" "$tmp/c.jsonl" > "$tmp/ps.jsonl"
        "$FACTUM" code -q --dict "$tmp/phoenix.fmlex" "$tmp/c.jsonl" > "$tmp/pi.jsonl"
        test -s "$tmp/ps.jsonl" && cmp -s "$tmp/ps.jsonl" "$tmp/pi.jsonl"
        ok $? "Phoenix set, first 400 records of $c: compiled and source give the same bytes ($(wc -l < "$tmp/ps.jsonl") events)"
    done
else
    echo "# ../shared not found: the Phoenix comparison is skipped"
fi
echo "1..$n"
