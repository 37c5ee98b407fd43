#!/usr/bin/env bash
# Bad-input matrix for the CLI: empty, binary, invalid/overlong UTF-8, NUL
# bytes, a 100 MB line, deep and huge JSON, XML entity expansion, a malformed
# dictionary, out-of-range dates, unusable databases, a full disk, missing and
# read-only paths, a pathological sentence. Each must give a clear message, a
# defined exit status (0 ok, 1 usage, 2 input skipped) and keep good records.
set -u
cd "$(dirname "$0")/.."
F=${FACTUM:-$PWD/build/factum}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
# check NAME WANT_RC WANT_DOCS MSG_REGEX -- command: runs it (stdout = events),
# compares exit status, the doc ids of the events and the message on stderr.
check() {
    local name=$1 want_rc=$2 want_docs=$3 msg=$4; shift 5
    "$@" > "$T/out" 2> "$T/err"; local rc=$?
    local docs; docs=$(grep -o '"doc":{"id":"[^"]*"' "$T/out" | sed 's/.*"id":"//; s/"$//' | sort -u | tr '\n' ' ')
    docs=${docs% }
    local bad=""
    [ "$rc" = "$want_rc" ] || bad="$bad status $rc (want $want_rc);"
    [ "$docs" = "$want_docs" ] || bad="$bad events of [$docs] (want [$want_docs]);"
    if [ -n "$msg" ] && ! grep -Eq -- "$msg" "$T/err"; then bad="$bad no message /$msg/;"; fi
    grep -Eq 'AddressSanitizer|runtime error|LeakSanitizer' "$T/err" && bad="$bad sanitizer report;"
    ok "$([ -z "$bad" ]; echo $?)" "$name${bad:+ —$bad}"
    [ -z "$bad" ] || sed 's/^/#   /' "$T/err" | head -n 5
}
GOOD='"date":"2024-04-22","text":"Iraqi troops attacked Islamic State militants near Mosul."}'
good() { printf '{"id":"%s",%s\n' "$1" "$GOOD"; }

: > "$T/empty.txt"
check "empty file" 2 "" "empty input" -- "$F" code --date 2024-04-22 "$T/empty.txt"
check "empty stdin" 2 "" "empty input" -- "$F" code --date 2024-04-22 < "$T/empty.txt"
head -c 4096 /dev/urandom > "$T/binary.dat"; printf '\0' >> "$T/binary.dat"
check "binary file" 2 "" "binary input|invalid UTF-8" -- "$F" code --date 2024-04-22 "$T/binary.dat"

# one bad record between two good ones: the good ones are coded, the bad named by file:line
mixed() { { good g1; printf '%s\n' "$1"; good g2; } > "$T/mixed.jsonl"; }
mixed "$(printf '{"id":"b","date":"2024-04-22","text":"bad \xff\xfe byte"}')"
check "invalid UTF-8 record skipped, neighbours coded" 2 "g1 g2" 'mixed.jsonl:2: .*invalid UTF-8' -- "$F" code "$T/mixed.jsonl"
mixed "$(printf '{"id":"b","date":"2024-04-22","text":"overlong \xc0\xaf slash"}')"
check "overlong UTF-8 (C0 AF) skipped" 2 "g1 g2" 'mixed.jsonl:2: .*invalid UTF-8' -- "$F" code "$T/mixed.jsonl"
mixed "$(printf '{"id":"b","date":"2024-04-22","text":"surrogate \xed\xa0\x80 here"}')"
check "UTF-8 surrogate (ED A0 80) skipped" 2 "g1 g2" 'mixed.jsonl:2: .*invalid UTF-8' -- "$F" code "$T/mixed.jsonl"
{ good g1; printf '{"id":"b","date":"2024-04-22","text":"raw \0 nul"}\n'; good g2; } > "$T/nul.jsonl"
check "raw NUL byte in a record" 2 "g1 g2" 'nul.jsonl:2: .*NUL' -- "$F" code "$T/nul.jsonl"
mixed '{"id":"b","date":"2024-04-22","text":"escaped \u0000 nul"}'
check "escaped \\u0000 in JSON" 2 "g1 g2" 'mixed.jsonl:2:' -- "$F" code "$T/mixed.jsonl"
printf 'Iraqi troops attacked Mosul.\0\0\0 Police arrested 12 people.\n' > "$T/nul.txt"
check "NUL bytes in a text file" 2 "" "NUL|binary" -- "$F" code --date 2024-04-22 "$T/nul.txt"

{ good g1; printf '{"id":"huge","date":"2024-04-22","text":"'; head -c 100000000 /dev/zero | tr '\0' a; printf '"}\n'; good g2; } > "$T/huge.jsonl"
check "100 MB single line skipped, neighbours coded" 2 "g1 g2" 'huge.jsonl:2: .*longer than' -- "$F" code "$T/huge.jsonl"
if grep -q __asan_init "$F"; then   # ASan reserves terabytes of address space: ulimit -v cannot apply
    ok 0 "100 MB line read in under 1 GB of address space # SKIP sanitizer build"
else
    ( ulimit -v 1000000 2>/dev/null; "$F" code -q "$T/huge.jsonl" > /dev/null 2>&1; echo $? > "$T/rc" )
    ok "$([ "$(cat "$T/rc")" = 2 ]; echo $?)" "100 MB line read in under 1 GB of address space"
fi
rm -f "$T/huge.jsonl"
{ tr '\0' 'a' < /dev/zero | head -c 30000000; echo; } > "$T/huge.txt"
check "30 MB plain-text line" 2 "" "longer than|too large|skipped" -- "$F" code --date 2024-04-22 "$T/huge.txt"
rm -f "$T/huge.txt"

{ good g1; printf '{"id":"deep","date":"2024-04-22","text":"x","n":'; printf '[%.0s' $(seq 100000); printf ']%.0s' $(seq 100000); echo '}'; good g2; } > "$T/deep.jsonl"
check "JSON nested 100000 deep" 2 "g1 g2" 'deep.jsonl:2: .*nested' -- "$F" code "$T/deep.jsonl"
{ good g1; printf '{"id":"wide","date":"2024-04-22","text":"x","a":['; seq -s, 1 300000 | tr -d '\n'; echo ']}'; good g2; } > "$T/wide.jsonl"
check "JSON with 300000 values" 2 "g1 g2" 'wide.jsonl:2:' -- "$F" code "$T/wide.jsonl"
{ good g1; echo '{"id":"trunc","date":"2024-04-22","text":"Iraqi troops'; echo '[1,2,3]'; echo '{"id":7,"date":"2024-04-22","text":"x"}'; good g2; } > "$T/shape.jsonl"
check "truncated, non-object and mistyped JSON records" 2 "g1 g2" 'shape.jsonl:3:' -- "$F" code "$T/shape.jsonl"

cat > "$T/laughs.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<Sentences>
<Sentence date="20240422" id="x1" sentence="true" source="T"><Text>Iraqi troops attacked Mosul &lol9; &ext; &amp; more.</Text></Sentence>
<Sentence date="20240422" id="x2" sentence="true" source="T"><Text>Iraqi troops attacked Islamic State militants near Mosul.</Text></Sentence>
</Sentences>
X
check "XML entity expansion is not performed" 0 "x1 x2" "" -- "$F" code --format petrarch "$T/laughs.xml"
ok "$(! grep -q 'lollol\|root:' "$T/out"; echo $?)" "no expanded entity or external file in the output"
printf '<Sentences><Sentence date="20240422" id="u1"><Text>Iraqi troops attacked Mosul' > "$T/trunc.xml"
check "unterminated XML record" 2 "" "trunc.xml" -- "$F" code --format petrarch "$T/trunc.xml"

mkdir -p "$T/dict"; cp data/lexicon/*.actors data/lexicon/*.agents "$T/dict/"
{ cat data/lexicon/verbs.verbs; printf '\n--- BROKEN [0x9\n- * * [\n&\n+\n\xff\xfe junk [\n'; } > "$T/dict/verbs.verbs"
good g1 > "$T/good.jsonl"
"$F" code --dict "$T/dict" "$T/good.jsonl" > "$T/out" 2> "$T/err"; rc=$?
ok "$({ [ "$rc" = 0 ] || [ "$rc" = 2 ]; } && grep -q '"doc":{"id":"g1"' "$T/out"; echo $?)" "malformed dictionary lines: good entries still code (status $rc)"
ok "$(grep -Eq 'verbs\.verbs:[0-9]+' "$T/err"; echo $?)" "malformed dictionary lines reported as file:line"
"$F" code --dict "$T/no-such-dict" "$T/good.jsonl" > /dev/null 2> "$T/err"; rc=$?
# the CLI still codes (with an empty lexicon) and exits 0: see the report
ok "$({ [ "$rc" = 0 ] || [ "$rc" = 2 ]; } && grep -q 'no-such-dict' "$T/err"; echo $?)" "missing dictionary path: message (status $rc)"

{ good g1; for d in 2024-02-30 2023-02-29 99999-01-01 0000-00-00 2024-13-01 -2024-01-01 2024-1-1; do
    printf '{"id":"d%s","date":"%s","text":"Iraqi troops attacked Mosul."}\n' "$d" "$d"; done; good g2; } > "$T/dates.jsonl"
check "out-of-range record dates skipped" 2 "g1 g2" 'dates.jsonl:2: .*invalid date' -- "$F" code "$T/dates.jsonl"
printf '{"id":"old","date":"1900-03-01","text":"Iraqi troops attacked Mosul yesterday."}\n{"id":"far","date":"9999-12-31","text":"Iraqi troops attacked Mosul tomorrow, next year and in 10000 days."}\n' > "$T/edge.jsonl"
check "dates at the ends of the calendar" 0 "far old" "" -- "$F" code "$T/edge.jsonl"
check "--date out of range is a usage error" 1 "" "--date" -- "$F" code --date 2024-13-45 "$T/good.jsonl"
check "--date 0000-00-00 is a usage error" 1 "" "--date" -- "$F" code --date 0000-00-00 "$T/good.jsonl"

check "missing input file" 2 "" "no-such-file.txt: .*No such file" -- "$F" code "$T/no-such-file.txt"
check "missing input among good files" 2 "g1" "no-such-file.txt" -- "$F" code "$T/good.jsonl" "$T/no-such-file.txt"
check "a directory as input" 2 "" "dir" -- "$F" code "$T/dict"
check "database in a missing directory" 2 "" "unable to open|No such file" -- "$F" ingest --db "$T/no/such/dir/x.db" "$T/good.jsonl"
check "database in a read-only place (/proc)" 2 "" "unable to open|read-only|denied" -- "$F" ingest --db /proc/self/factum-test.db "$T/good.jsonl"
head -c 8192 /dev/urandom > "$T/junk.db"
check "a file that is not a database" 2 "" "not a database" -- "$F" ingest --db "$T/junk.db" "$T/good.jsonl"
check "query on a file that is not a database" 2 "" "not a database" -- "$F" query --db "$T/junk.db"
# Permissions do not bind root: as root the query runs as nobody (setpriv).
asuser=()
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && asuser=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# ... if nobody can run factum where the clone is (a home directory of mode 700 would stop it)
[ ${#asuser[@]} -gt 0 ] && ! "${asuser[@]}" "$F" code --help >/dev/null 2>&1 && asuser=()
if [ "$(id -u)" != 0 ] || [ ${#asuser[@]} -gt 0 ]; then
    "$F" ingest -q --db "$T/unreadable.db" "$T/good.jsonl"; chmod 000 "$T/unreadable.db"; chmod 755 "$T"
    check "unreadable database" 2 "" "unable to open|denied" -- "${asuser[@]}" "$F" query --db "$T/unreadable.db"
    chmod 600 "$T/unreadable.db"; chmod 700 "$T"
else
    ok 0 "unreadable database # SKIP running as root, and nobody cannot run factum here"
fi
"$F" ingest -q --db "$T/lock.db" "$T/good.jsonl"
# a writer holding the database for 3 s: ingest waits for it and then stores
(printf 'BEGIN EXCLUSIVE;\nINSERT INTO documents SELECT * FROM documents WHERE 0;\n'; sleep 3; echo 'COMMIT;') | sqlite3 "$T/lock.db" &
sleep 0.5
good g2 > "$T/good2.jsonl"
"$F" ingest -q --db "$T/lock.db" "$T/good2.jsonl"; rc=$?
wait
ok "$([ "$rc" = 0 ] && [ "$(sqlite3 "$T/lock.db" 'select count(*) from documents')" = 2 ]; echo $?)" "locked database: ingest waits for the lock and stores (status $rc)"

for i in $(seq 1 300); do good "m$i"; done > "$T/many.jsonl"
(trap '' XFSZ; ulimit -f 8; "$F" code "$T/many.jsonl" > "$T/full.out" 2> "$T/err"; echo $? > "$T/rc")
ok "$([ "$(cat "$T/rc")" = 2 ] && grep -q 'writing output' "$T/err"; echo $?)" "disk full on stdout (ulimit -f): message and status 2"
(trap '' XFSZ; ulimit -f 400; "$F" ingest --batch 50 --db "$T/full.db" "$T/many.jsonl" 2> "$T/err"; echo $? > "$T/rc")
docs=$(sqlite3 "$T/full.db" 'select count(*) from documents' 2>/dev/null)
ok "$([ "$(cat "$T/rc")" = 2 ] && grep -Eqi 'disk|full|large|I/O' "$T/err"; echo $?)" "disk full during ingest: message and status 2"
ok "$([ "$(sqlite3 "$T/full.db" 'PRAGMA integrity_check')" = ok ] && [ $((docs % 50)) = 0 ]; echo $?)" "disk full during ingest: database intact, whole batches only ($docs documents)"
"$F" ingest -q --batch 50 --db "$T/full.db" "$T/many.jsonl"; rc=$?
ok "$([ "$rc" = 0 ] && [ "$(sqlite3 "$T/full.db" 'select count(*) from documents')" = 300 ]; echo $?)" "after space is freed a re-run stores every document (status $rc)"

# 10,000+ tokens in one sentence with deeply nested clauses, coded in bounded time
python3 - "$T/patho.jsonl" <<'P'
import json, sys
s = "Iraqi troops attacked Mosul"
for i in range(500):
    s += ", and officials said that the militants, who had been told by the police (who said that the army, which"
s += " attacked Baghdad" + ")" * 500 + "."
words = " ".join(["Iraqi troops attacked Mosul and"] * 2000) + " Baghdad."
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "p1", "date": "2024-04-22", "text": s}) + "\n")
    f.write(json.dumps({"id": "p2", "date": "2024-04-22", "text": words}) + "\n")
    f.write(json.dumps({"id": "p3", "date": "2024-04-22", "text": "(" * 20000 + "Iraqi troops attacked Mosul." + ")" * 20000}) + "\n")
P
s=$(date +%s)
timeout 60 "$F" code "$T/patho.jsonl" > "$T/out" 2> "$T/err"; rc=$?
e=$(( $(date +%s) - s ))
ok "$({ [ "$rc" = 0 ] || [ "$rc" = 2 ]; } && [ "$e" -le 30 ]; echo $?)" "pathological sentences (10,000+ tokens, 500 nested clauses) coded in ${e}s (status $rc)"

echo "1..$n"
exit $failed
