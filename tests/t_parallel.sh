#!/usr/bin/env bash
# t_parallel.sh — `factum code -j N` must write the same bytes, in the same order, as -j 1: on the samples
# repeated to a few hundred documents, on several files and stdin, with --summary, and (when ../shared is
# there) on the first lines of each corpus. It also checks the -j option's usage errors.
# Run by tests/run.sh ($FACTUM set), or by hand: bash tests/t_parallel.sh (default build/factum).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/tap.sh

# 14 samples x 20 = 280 documents, as separate files (one reader each)
files=()
for i in $(seq 1 20); do files+=(samples/*.txt); done
"$FACTUM" code -q "${files[@]}" > "$tmp/j1.jsonl"; rc1=$?
ok "$rc1" "-j 1 codes ${#files[@]} sample documents (exit $rc1)"
test "$(wc -l < "$tmp/j1.jsonl")" -gt 200; ok $? "the samples give events ($(wc -l < "$tmp/j1.jsonl") lines)"
for j in 2 3 8; do
    "$FACTUM" code -q -j $j "${files[@]}" > "$tmp/j$j.jsonl"; rc=$?
    ok "$rc" "-j $j exits 0"
    cmp -s "$tmp/j1.jsonl" "$tmp/j$j.jsonl"; ok $? "-j $j output is byte-identical to -j 1 (samples)"
done

# one JSON Lines stream on stdin: documents of one reader interleave across workers
node -e '
const fs = require("fs");
const out = [];
for (let k = 0; k < 20; k++)
  for (const f of fs.readdirSync("samples").filter(f => f.endsWith(".txt")).sort()) {
    const t = fs.readFileSync("samples/" + f, "utf8").replace(/^Date: *(\S+)\s*\n/, "");
    const d = (fs.readFileSync("samples/" + f, "utf8").match(/^Date: *(\S+)/) || [])[1] || null;
    out.push(JSON.stringify({ id: k + "-" + f, date: d, text: t }));
  }
fs.writeFileSync(process.argv[1], out.join("\n") + "\n");' "$tmp/samples.jsonl" 2>/dev/null
if [ -s "$tmp/samples.jsonl" ]; then
    "$FACTUM" code -q -j 1 < "$tmp/samples.jsonl" > "$tmp/s1.jsonl"
    "$FACTUM" code -q -j 2 < "$tmp/samples.jsonl" > "$tmp/s2.jsonl"
    test -s "$tmp/s1.jsonl" && cmp -s "$tmp/s1.jsonl" "$tmp/s2.jsonl"
    ok $? "-j 2 on 280 JSON Lines documents from stdin is byte-identical to -j 1"
fi

# --summary is printed from the events in input order: same text
"$FACTUM" code -j 1 --summary samples/*.txt 2> "$tmp/sum1.txt" > /dev/null
"$FACTUM" code -j 3 --summary samples/*.txt 2> "$tmp/sum3.txt" > /dev/null
grep -q 'events per CAMEO root' "$tmp/sum1.txt" && cmp -s "$tmp/sum1.txt" "$tmp/sum3.txt"
ok $? "--summary with -j 3 is the same as with -j 1"

# a skipped record still makes exit status 2 and does not shift the others
printf '%s\n' '{"id":"a","date":"2024-01-02","text":"Iraqi forces attacked Mosul."}' 'not json' \
    '{"id":"b","date":"2024-01-03","text":"Turkish troops shelled Kurdish rebels near Afrin."}' > "$tmp/bad.jsonl"
"$FACTUM" code -q -j 1 "$tmp/bad.jsonl" > "$tmp/b1.jsonl"; r1=$?
"$FACTUM" code -q -j 2 "$tmp/bad.jsonl" > "$tmp/b2.jsonl"; r2=$?
test "$r1" = 2 -a "$r2" = 2 && cmp -s "$tmp/b1.jsonl" "$tmp/b2.jsonl"
ok $? "a malformed record: exit 2 with -j 1 and -j 2 ($r1, $r2), same output"

"$FACTUM" code -j 0 samples/01-rockets-syria-base.txt > /dev/null 2>&1; test $? = 1; ok $? "-j 0 is a usage error"
"$FACTUM" code -j x samples/01-rockets-syria-base.txt > /dev/null 2>&1; test $? = 1; ok $? "-j x is a usage error"
"$FACTUM" code --jobs=65 samples/01-rockets-syria-base.txt > /dev/null 2>&1; test $? = 1; ok $? "--jobs 65 is a usage error"

# part of the shared corpora, when the checkout sits next to ../shared (CI)
top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
corpus="$top/../shared/corpus"
if [ -d "$corpus" ]; then
    for f in reuters21578 current-events-2025 wikinews-2019-2020; do
        [ -f "$corpus/$f.jsonl" ] || continue
        head -n 400 "$corpus/$f.jsonl" > "$tmp/part.jsonl"
        "$FACTUM" code -q -j 1 "$tmp/part.jsonl" > "$tmp/c1.jsonl"
        "$FACTUM" code -q -j 2 "$tmp/part.jsonl" > "$tmp/c2.jsonl"
        test -s "$tmp/c1.jsonl" && cmp -s "$tmp/c1.jsonl" "$tmp/c2.jsonl"
        ok $? "-j 2 on the first 400 records of $f is byte-identical to -j 1 ($(wc -l < "$tmp/c1.jsonl") events)"
    done
else
    echo "# ../shared/corpus not found: corpus comparison skipped"
fi
echo "1..$n"
