#!/usr/bin/env bash
# Crash safety of `factum ingest`: kills it with SIGKILL at random points (at
# least 20 times, each run resuming the same database), checks the database
# after every kill, then re-runs to completion: PRAGMA integrity_check must say
# ok and the store must hold exactly the events of a clean run.
set -u
cd "$(dirname "$0")/.."
F=${FACTUM:-$PWD/build/factum}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
KILLS=${FACTUM_CRASH_KILLS:-24}
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
command -v sqlite3 > /dev/null || { echo "ok 1 - crash test # SKIP no sqlite3"; exit 0; }

# 1000 articles built from a few wire-style sentences with varying places,
# numbers and dates, so that documents, events and stories differ.
python3 - "$T/in.jsonl" <<'P'
import json, sys
places = ["Mosul", "Baghdad", "Basra", "Kirkuk", "Erbil", "Fallujah", "Ramadi", "Tikrit"]
verbs = ["attacked", "shelled", "raided", "bombed"]
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        p, q, v = places[i % 8], places[(i // 8) % 8], verbs[i % 4]
        day = 1 + i % 28
        text = (f"BAGHDAD, April {day} (Reuters) - Iraqi troops {v} Islamic State militants near {p} on Sunday, "
                f"two security sources said. Police arrested {i % 50 + 2} people in {q}. "
                f"The United States condemned the attack and Iran denied it had sent weapons to the group.")
        f.write(json.dumps({"id": f"doc{i:04d}", "date": f"2024-04-{day:02d}", "text": text}) + "\n")
P
events() { sqlite3 "$1" 'select count(*) from documents; select count(*) from events; select count(*) from stories;' | tr '\n' ' '; }
dump() { "$F" query --db "$1" --format jsonl | sort > "$2"; }

s=$(date +%s%N)
"$F" ingest -q --batch 20 --db "$T/clean.db" "$T/in.jsonl"; rc=$?
ms=$(( ($(date +%s%N) - s) / 1000000 ))
ok "$([ "$rc" = 0 ]; echo $?)" "clean ingest of 1000 documents in ${ms} ms"
dump "$T/clean.db" "$T/clean.events"
clean_counts=$(events "$T/clean.db")
ok "$([ -s "$T/clean.events" ]; echo $?)" "clean run stored events ($clean_counts)"

[ "$ms" -lt 200 ] && ms=200
bad_integrity=0 killed=0 completed=0 tries=0
# Each run resumes the same database; a run that completes before its kill
# starts the database afresh, so that every kill lands mid-ingest.
while [ "$killed" -lt "$KILLS" ] && [ "$tries" -lt $((KILLS * 3)) ]; do
    tries=$((tries + 1))
    "$F" ingest -q --batch 20 --db "$T/crash.db" "$T/in.jsonl" 2> /dev/null &
    pid=$!
    sleep "$(awk -v r="$RANDOM" -v ms="$ms" 'BEGIN { printf "%.3f", (r % 1000) / 1000 * ms / 1000 }')"
    kill -9 "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null; st=$?
    if [ "$(sqlite3 "$T/crash.db" 'PRAGMA integrity_check' 2>&1)" != ok ]; then
        bad_integrity=$((bad_integrity + 1))
    fi
    if [ "$st" = 137 ]; then killed=$((killed + 1))
    else completed=$((completed + 1)); rm -f "$T/crash.db" "$T/crash.db-wal" "$T/crash.db-shm"; fi
done
ok "$([ "$killed" -ge "$KILLS" ]; echo $?)" "$killed runs killed with SIGKILL mid-ingest ($completed finished before their kill)"
ok "$([ "$bad_integrity" = 0 ]; echo $?)" "integrity_check ok after every kill ($bad_integrity bad of $tries)"
"$F" ingest -q --batch 20 --db "$T/crash.db" "$T/in.jsonl"; rc=$?
ok "$([ "$rc" = 0 ]; echo $?)" "re-run after the kills completes (status $rc)"
ok "$([ "$(sqlite3 "$T/crash.db" 'PRAGMA integrity_check')" = ok ]; echo $?)" "integrity_check ok after the re-run"
dump "$T/crash.db" "$T/crash.events"
crash_counts=$(events "$T/crash.db")
ok "$([ "$crash_counts" = "$clean_counts" ]; echo $?)" "same documents, events and stories as the clean run ($crash_counts)"
if cmp -s "$T/clean.events" "$T/crash.events"; then ok 0 "exactly the events of the clean run"
else ok 1 "exactly the events of the clean run"; diff "$T/clean.events" "$T/crash.events" | head -n 4 | cut -c1-200 | sed 's/^/#   /'; fi
# a second re-run changes nothing
"$F" ingest --batch 20 --db "$T/crash.db" "$T/in.jsonl" 2> "$T/err"; rc=$?
ok "$([ "$rc" = 0 ] && grep -q '0 stored, 1000 unchanged' "$T/err"; echo $?)" "a further re-run stores nothing (1000 unchanged)"
echo "1..$n"
exit $failed
