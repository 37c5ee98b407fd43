#!/usr/bin/env bash
# shard.sh — the one place that decides which input records belong to which
# shard, so that every array task (and a re-run of it) picks the same records
# and the shards together are exactly the input, each record once.
#
#   shard.sh files SHARD NSHARDS LIST   print the input files of shard SHARD (0-based)
#   shard.sh lines SHARD NSHARDS LIST   print the JSONL records of shard SHARD
#   shard.sh mode  NSHARDS LIST         print "files" or "lines" (what auto picks)
#
# LIST is a file naming one input file per line (plain or gzip JSONL). Whole
# files are cheapest (each worker reads only its own files) but balance only
# when there are several files per shard; splitting by record balances any
# input but every worker reads (and decompresses) all of it.
set -euo pipefail

usage() { echo "usage: shard.sh files|lines SHARD NSHARDS LIST | shard.sh mode NSHARDS LIST" >&2; exit 2; }
is_count() { [[ $1 =~ ^[0-9]+$ ]]; }

# Files, largest first, each to the shard with the fewest bytes so far (ties:
# lowest shard). Sizes and names are the only input, so every task computes
# the same assignment.
assign_files() {   # shard nshards list
    local f
    while IFS= read -r f; do
        [ -n "$f" ] || continue
        printf '%s\t%s\n' "$(stat -L -c %s -- "$f")" "$f"
    done <"$3" | sort -t $'\t' -k1,1nr -k2,2 |
        awk -F '\t' -v want="$1" -v n="$2" '{
            best = 0
            for (i = 1; i < n; i++) if (load[i] < load[best]) best = i
            load[best] += $1
            if (best == want) print $2
        }'
}

# Non-empty lines of all files in list order, line k to shard k mod NSHARDS.
# A newline after each file keeps a last line without one from running into
# the next file's first line; the empty lines this adds are not counted.
split_lines() {   # shard nshards list
    local f
    while IFS= read -r f; do
        [ -n "$f" ] || continue
        zcat -f -- "$f"
        echo
    done <"$3" | awk -v want="$1" -v n="$2" 'NF { if (k++ % n == want) print }'
}

[ $# -ge 1 ] || usage
case $1 in
files|lines)
    [ $# = 4 ] && is_count "$2" && is_count "$3" && [ "$3" -gt 0 ] && [ "$2" -lt "$3" ] || usage
    [ -r "$4" ] || { echo "shard.sh: cannot read list $4" >&2; exit 2; }
    if [ "$1" = files ]; then assign_files "$2" "$3" "$4"; else split_lines "$2" "$3" "$4"; fi
    ;;
mode)
    [ $# = 3 ] && is_count "$2" && [ "$2" -gt 0 ] || usage
    nfiles=$(grep -c . "$3" || true)
    # four files a shard keep the largest-first assignment within ~25% of even
    if [ "$nfiles" -ge $(( 4 * $2 )) ]; then echo files; else echo lines; fi
    ;;
*) usage ;;
esac
