#!/usr/bin/env bash
# submit.sh — submits a factum coding run to Slurm: a job array that codes and
# stores shards of the input into one PostgreSQL database, then one merge job
# that links stories after every array task succeeded. See README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: submit.sh --input GLOB --db URL [options] [-- SBATCH-OPTIONS...]
  --input GLOB     input files (JSONL, gzip or not); quote it, expanded here, sorted; repeatable
  --db URL         PostgreSQL URL or conninfo, reachable from every node
  --tasks N        array tasks (default 4)
  --cores C        cores per task = ingest processes per task (default 1)
  --shard-by M     files | lines | auto (default auto: whole files when there are
                   at least 4 per process, else records round-robin)
  --factum PATH    factum binary, same path on every node (default: factum on PATH)
  --log-dir DIR    job logs and the input list, on a shared filesystem (default ./factum-slurm-logs)
  --batch N        documents per transaction (default 500)
  --wait           wait for both jobs and exit non-zero unless both completed
Prints "ARRAY_JOB_ID MERGE_JOB_ID". Options after -- go to both sbatch calls
(e.g. --partition=batch --time=02:00:00); SBATCH_* environment variables work too.
USAGE
    exit 2
}

HERE=$(dirname "$(readlink -f "$0")")
inputs=() db='' tasks=4 cores=1 shard_by=auto factum=${FACTUM:-} log_dir=./factum-slurm-logs batch=500 wait=0
while [ $# -gt 0 ]; do
    case $1 in
    --input) inputs+=("${2:?}"); shift 2 ;;
    --db) db=${2:?}; shift 2 ;;
    --tasks) tasks=${2:?}; shift 2 ;;
    --cores) cores=${2:?}; shift 2 ;;
    --shard-by) shard_by=${2:?}; shift 2 ;;
    --factum) factum=${2:?}; shift 2 ;;
    --log-dir) log_dir=${2:?}; shift 2 ;;
    --batch) batch=${2:?}; shift 2 ;;
    --wait) wait=1; shift ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) echo "submit.sh: unknown option $1" >&2; usage ;;
    esac
done
extra=("$@")
[ ${#inputs[@]} -gt 0 ] && [ -n "$db" ] || usage
[[ $tasks =~ ^[1-9][0-9]*$ && $cores =~ ^[1-9][0-9]*$ && $batch =~ ^[1-9][0-9]*$ ]] ||
    { echo "submit.sh: --tasks, --cores and --batch need positive numbers" >&2; exit 2; }
case $shard_by in files|lines|auto) ;; *) echo "submit.sh: --shard-by files|lines|auto" >&2; exit 2 ;; esac
if [ -z "$factum" ]; then factum=$(command -v factum) || { echo "submit.sh: no factum on PATH; use --factum" >&2; exit 2; }; fi
factum=$(readlink -f "$factum")
[ -x "$factum" ] || { echo "submit.sh: $factum is not executable" >&2; exit 2; }

mkdir -p "$log_dir"
log_dir=$(readlink -f "$log_dir")
# The list is fixed now, so every task shards the same files even if the
# folder changes while the array runs.
list="$log_dir/input-$(date +%Y%m%d-%H%M%S)-$$.list"
shopt -s nullglob
for g in "${inputs[@]}"; do
    # shellcheck disable=SC2206  # the glob is meant to expand here
    files=($g)
    for f in "${files[@]}"; do [ -f "$f" ] && readlink -f -- "$f"; done
done | LC_ALL=C sort -u >"$list"
shopt -u nullglob
n=$(grep -c . "$list" || true)
[ "$n" -gt 0 ] || { echo "submit.sh: no input files match ${inputs[*]}" >&2; exit 2; }
[ "$shard_by" = auto ] && shard_by=$("$HERE/shard.sh" mode $(( tasks * cores )) "$list")

# Checked here, where a failure is cheap: the database is reachable and its
# schema is created once before many workers race to create it.
"$factum" query --db "$db" --limit 1 >/dev/null || { echo "submit.sh: cannot open $db" >&2; exit 2; }

export FACTUM="$factum" FACTUM_DB="$db" FACTUM_LIST="$list" FACTUM_SHARD_BY="$shard_by" \
       FACTUM_BATCH="$batch" FACTUM_SLURM_DIR="$HERE"
array=$(sbatch --parsable --export=ALL --array=0-$(( tasks - 1 )) --cpus-per-task="$cores" \
        --output="$log_dir/factum-code-%A_%a.out" "${extra[@]}" "$HERE/factum-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
        --output="$log_dir/factum-merge-%j.out" "${extra[@]}" "$HERE/factum-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
echo "submit.sh: $n files by $shard_by, $tasks tasks x $cores cores; logs in $log_dir" >&2
[ "$wait" = 1 ] || exit 0

# Polling squeue is faster than sbatch --wait; without accounting, the final
# state comes from scontrol while the controller still remembers the jobs.
while [ -n "$(squeue -h -j "$array,$merge" -o %i 2>/dev/null)" ]; do sleep 1; done
states=$({ scontrol show job "$array"; scontrol show job "$merge"; } 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort | uniq -c) || true
echo "$states" >&2
if echo "$states" | grep -q 'JobState=' && ! echo "$states" | grep -v 'JobState=COMPLETED' | grep -q .; then exit 0; fi
exit 1
