#!/usr/bin/env bash
# Scale-out with Slurm (deploy/slurm/). Always: shard.sh splits hand-made input
# into disjoint, complete, balanced shards. With FACTUM_TEST_SLURM=1 (make
# check-slurm; needs root, slurm-wlm, munge, PostgreSQL 15 and ../shared/corpus):
# a single-node cluster and a throwaway PostgreSQL in a temp dir, the corpus
# coded by a 4-task array and by one process, and the two databases compared.
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
B=${FACTUM_BUILD:-build}
FACTUM=${FACTUM:-$ROOT/$B/factum}
SL=$ROOT/deploy/slurm
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
same() { if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | head -n 5 | sed 's/^/# /'; fi; }

DIR=$(mktemp -d /tmp/factum-slurm-XXXXXX)
PG_STARTED=0 CLUSTER_STARTED=0
AS=()
cleanup() {
    if [ "$CLUSTER_STARTED" = 1 ]; then
        [ -f "$DIR/cluster/slurm.conf" ] && SLURM_CONF=$DIR/cluster/slurm.conf scancel --quiet --user=root 2>/dev/null
        "$SL/local-cluster.sh" stop "$DIR/cluster"
    fi
    [ "$PG_STARTED" = 1 ] && "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/pg/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$DIR"
}
trap cleanup EXIT

# ---- shard.sh on hand-made input ------------------------------------------
S=$DIR/shard
mkdir -p "$S"
# 10 records: a.jsonl 4 (one blank line between), b.jsonl.gz 3, c.jsonl 3 without
# a final newline; the blank line is not a record.
printf '{"id":"a1"}\n{"id":"a2"}\n\n{"id":"a3"}\n{"id":"a4"}\n' >"$S/a.jsonl"
printf '{"id":"b1"}\n{"id":"b2"}\n{"id":"b3"}\n' | gzip -c >"$S/b.jsonl.gz"
printf '{"id":"c1"}\n{"id":"c2"}\n{"id":"c3"}' >"$S/c.jsonl"
printf '%s\n' "$S/a.jsonl" "$S/b.jsonl.gz" "$S/c.jsonl" >"$S/list"
for k in 0 1 2; do "$SL/shard.sh" lines $k 3 "$S/list" >"$S/lines.$k"; done
same "lines: record k goes to shard k mod 3 (shard 0)" <(printf '{"id":"%s"}\n' a1 a4 b3 c3) "$S/lines.0"
same "lines: shard 1" <(printf '{"id":"%s"}\n' a2 b1 c1) "$S/lines.1"
same "lines: shard 2 (gzip read, no final newline)" <(printf '{"id":"%s"}\n' a3 b2 c2) "$S/lines.2"
check "lines: the last record of c.jsonl (no newline) is whole" \
    test "$(tail -n 1 "$S/lines.0")" = '{"id":"c3"}'
check "lines: one shard is the whole input (10 records)" test "$("$SL/shard.sh" lines 0 1 "$S/list" | wc -l)" = 10
same "lines: the same shard twice is the same" "$S/lines.1" <("$SL/shard.sh" lines 1 3 "$S/list")

# Files of 100, 60, 50, 40 and 10 bytes over 2 shards, largest first to the
# lighter shard: 100->0, 60->1, 50->1 (110), 40->0 (140), 10->1 (120).
for f in p:100 q:60 r:50 s:40 t:10; do head -c "${f#*:}" /dev/zero | tr '\0' x >"$S/${f%:*}.jsonl"; done
printf '%s\n' "$S"/{t,s,r,q,p}.jsonl >"$S/flist"
same "files: shard 0 gets the 100- and 40-byte files" <(printf '%s\n' "$S/p.jsonl" "$S/s.jsonl") \
    <("$SL/shard.sh" files 0 2 "$S/flist")
same "files: shard 1 gets 60, 50, 10" <(printf '%s\n' "$S/q.jsonl" "$S/r.jsonl" "$S/t.jsonl") \
    <("$SL/shard.sh" files 1 2 "$S/flist")
check "files: a shard beyond the files is empty" test -z "$("$SL/shard.sh" files 5 6 "$S/flist")"
check "mode: 5 files over 1 process -> files" test "$("$SL/shard.sh" mode 1 "$S/flist")" = files
check "mode: 5 files over 2 processes -> lines" test "$("$SL/shard.sh" mode 2 "$S/flist")" = lines
"$SL/shard.sh" lines 3 3 "$S/list" >/dev/null 2>&1
check "shard.sh: shard 3 of 3 is a usage error (2)" test $? = 2
"$SL/submit.sh" --db x >/dev/null 2>&1
check "submit.sh: no --input is a usage error (2)" test $? = 2

# ---- the job array on a real cluster ----------------------------------------
SHARED="$(git rev-parse --show-toplevel 2>/dev/null || echo "$ROOT")/../shared"
skip=
if [ "${FACTUM_TEST_SLURM:-0}" != 1 ]; then skip="cluster run only with FACTUM_TEST_SLURM=1 (make check-slurm)"
elif [ "$(id -u)" != 0 ]; then skip="cluster run needs root"
elif ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then skip="slurm-wlm or munge not installed"
elif [ ! -x "$PGBIN/initdb" ]; then skip="PostgreSQL binaries missing"
elif [ ! -d "$SHARED/corpus" ]; then skip="$SHARED/corpus missing"
elif [ ! -x "$FACTUM" ]; then skip="$FACTUM missing"
fi
if [ -n "$skip" ]; then
    ok "# SKIP $skip"
    exit $failed
fi

# Both runs read one frozen copy of the dictionaries: the tree may change
# while the test runs, and the comparison is about sharding, not dictionaries.
cp -r data "$DIR/data"
cp "$FACTUM" "$DIR/factum"
export FACTUM_DATA=$DIR/data
F=$DIR/factum

mkdir -p "$DIR/pg"
chmod 755 "$DIR"
AS=(runuser -u postgres --)
chown postgres "$DIR/pg"
if ! "${AS[@]}" "$PGBIN/initdb" -D "$DIR/pg/data" -A trust -U factum --no-sync -E UTF8 >"$DIR/initdb.log" 2>&1; then
    not_ok "initdb"; sed 's/^/# /' "$DIR/initdb.log"; exit 1
fi
if ! "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/pg/data" -w -l "$DIR/pg/server.log" \
        -o "-c listen_addresses= -c unix_socket_directories=$DIR/pg -c fsync=off -c max_connections=40" start >/dev/null 2>&1; then
    not_ok "PostgreSQL did not start"; sed 's/^/# /' "$DIR/pg/server.log"; exit 1
fi
PG_STARTED=1
chmod 755 "$DIR/pg"
for db in single array; do "${AS[@]}" "$PGBIN/createdb" -h "$DIR/pg" -U factum "$db" || { not_ok "createdb $db"; exit 1; }; done
URL_SINGLE="host=$DIR/pg user=factum dbname=single"
URL_ARRAY="postgresql://factum@/array?host=$DIR/pg"

t0=$(date +%s.%N)
"$F" ingest --quiet --db "$URL_SINGLE" "$SHARED"/corpus/*.jsonl 2>"$DIR/single.err"
check "single-process ingest of the corpus" test $? = 0
t1=$(date +%s.%N)

CLUSTER_STARTED=1   # set before: a half-started cluster is stopped too
if ! "$SL/local-cluster.sh" start "$DIR/cluster" >"$DIR/cluster.out" 2>&1; then
    not_ok "single-node cluster starts"; sed 's/^/# /' "$DIR/cluster.out" "$DIR"/cluster/log/* 2>/dev/null | tail -n 20; exit 1
fi
ok "single-node cluster starts"
export SLURM_CONF=$DIR/cluster/slurm.conf

t2=$(date +%s.%N)
ids=$("$SL/submit.sh" --input "$SHARED/corpus/*.jsonl" --db "$URL_ARRAY" --tasks 4 --cores 1 \
      --factum "$F" --log-dir "$DIR/logs" --wait 2>"$DIR/submit.err")
check "4-task array and merge job completed" test $? = 0
t3=$(date +%s.%N)
sed 's/^/# /' "$DIR/submit.err"
read -r array_id merge_id <<<"$ids"
check "each of the 4 tasks coded its shard (logs)" \
    test "$(cat "$DIR"/logs/factum-code-"${array_id}"_*.out 2>/dev/null | grep -c '^task [0-3]/4 (1 cores, by lines): done')" = 4
check "the merge job ran after the array" grep -q '^merge: done' "$DIR/logs/factum-merge-${merge_id}.out"
start_merge=$(scontrol show job "$merge_id" | grep -o 'StartTime=[^ ]*')
ends=$(scontrol show job "$array_id" | grep -o 'EndTime=[^ ]*' | sort | tail -n 1)
check "merge started no earlier than the last task ended" test "${start_merge#*=}" \> "${ends#*=}" -o "${start_merge#*=}" = "${ends#*=}"

psql_dump() {   # db sql
    "$PGBIN/psql" -h "$DIR/pg" -U factum -d "$1" -XAtq -c "$2"
}
compare_dbs() {   # label
    local d
    for d in single array; do
        local u="host=$DIR/pg user=factum dbname=$d"
        "$F" query --db "$u" --format jsonl | LC_ALL=C sort >"$DIR/$d.events"
        "$F" query --db "$u" --format jsonl --stories | LC_ALL=C sort >"$DIR/$d.stories"
        "$F" query --db "$u" --format csv | LC_ALL=C sort >"$DIR/$d.csv"
        psql_dump "$d" "select * from documents order by doc_id" >"$DIR/$d.docs"
        psql_dump "$d" "select * from stories order by story_id" >"$DIR/$d.storyrows"
        psql_dump "$d" "select * from story_links order by 1, 2" >"$DIR/$d.links"
        psql_dump "$d" "select (select count(*) from documents), (select count(*) from sentences),
            (select count(*) from events), (select count(*) from attributions), (select count(*) from stories),
            (select count(*) from story_links), (select count(*) - count(distinct event_id) from events)" >"$DIR/$d.counts"
    done
    cut -d '"' -f 4 "$DIR/single.events" >"$DIR/single.ids"
    check "$1: the single run coded events (> 10000)" test "$(wc -l <"$DIR/single.ids")" -gt 10000
    check "$1: the single run has stories of several events" \
        test "$(awk -F '|' '$2 > 1' "$DIR/single.storyrows" | wc -l)" -gt 100
    same "$1: same event ids" "$DIR/single.ids" <(cut -d '"' -f 4 "$DIR/array.events")
    same "$1: same event records (sorted JSON Lines)" "$DIR/single.events" "$DIR/array.events"
    same "$1: same stories (query --stories)" "$DIR/single.stories" "$DIR/array.stories"
    same "$1: same story of every event (csv story columns)" "$DIR/single.csv" "$DIR/array.csv"
    same "$1: same documents" "$DIR/single.docs" "$DIR/array.docs"
    same "$1: same stories table" "$DIR/single.storyrows" "$DIR/array.storyrows"
    same "$1: same story links" "$DIR/single.links" "$DIR/array.links"
    same "$1: same row counts in every table, no duplicate event id" "$DIR/single.counts" "$DIR/array.counts"
    echo "# $1: documents|sentences|events|attributions|stories|links|dup = $(cat "$DIR/array.counts")"
}
compare_dbs "4 tasks"

# A re-run (a requeued array) over whole files, 2 tasks x 2 cores, into the
# same database changes nothing: documents are skipped by content hash.
ids2=$("$SL/submit.sh" --input "$SHARED/corpus/*.jsonl" --db "$URL_ARRAY" --tasks 2 --cores 2 --shard-by files \
       --factum "$F" --log-dir "$DIR/logs2" --wait 2>"$DIR/submit2.err")
check "re-run: 2 tasks x 2 cores by files completed" test $? = 0
read -r array2 _ <<<"$ids2"
check "re-run: 4 ingest processes in 2 tasks" \
    test "$(cat "$DIR"/logs2/factum-code-"${array2}"_*.out 2>/dev/null | grep -c '^shard [0-3]/4: ')" = 4
compare_dbs "after re-run"

# A task that fails: the merge job is cancelled, not left pending, and
# submit.sh --wait says so.
printf '#!/bin/sh\n[ "$1" = query ] && exit 0\nexit 3\n' >"$DIR/broken-factum"
chmod +x "$DIR/broken-factum"
ids3=$("$SL/submit.sh" --input "$SHARED/corpus/*.jsonl" --db "$URL_ARRAY" --tasks 2 \
       --factum "$DIR/broken-factum" --log-dir "$DIR/logs3" --wait 2>"$DIR/submit3.err")
check "failing tasks: submit.sh --wait exits non-zero" test $? != 0
read -r _ merge3 <<<"$ids3"
check "failing tasks: the merge job was cancelled" \
    bash -c "scontrol show job $merge3 | grep -q 'JobState=CANCELLED'"

awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
    'BEGIN { printf "# single process: %.1f s; 4-task array + merge (submit to done): %.1f s\n", b - a, d - c }'
exit $failed
