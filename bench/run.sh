#!/usr/bin/env bash
# bench/run.sh — what `make bench` runs: codes the shared corpora with the full Phoenix dictionaries and every
# context stage, at -j 1 and -j 2, next to `wc -w` on the same bytes, then counts callgrind instructions per KB
# of text on a fixed slice and where they go, and peak memory on Reuters streamed 64 times over (1 GB of text).
# Writes bench/results.txt (and prints it). Needs ../shared.
# Usage: bash bench/run.sh [BUILD_DIR]   (BENCH_REPEAT=N takes the best of N timed runs, default 5;
#        BENCH_FLAT=N streams Reuters N times for the memory row, default 64, 0 leaves it out)
set -u
cd "$(dirname "$0")/.." || exit 1
B=${1:-build}
FACTUM=$B/factum
STATS=$B/bench/bench_stats
REPEAT=${BENCH_REPEAT:-5}   # best of 5: wall clock on a shared VM moves by 10-30% between runs
OUT=bench/results.txt
top=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
SHARED="$top/../shared"
DD="$SHARED/peers/petrarch2/dictionaries"
PHOENIX="CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt
         Phoenix.agents.txt Phoenix.discards.txt Phoenix.IssueCoding.txt"
CORPORA="reuters21578 current-events-2025 wikinews-2019-2020"

if [ ! -d "$SHARED/corpus" ] || [ ! -d "$DD" ]; then
    echo "bench: $SHARED/corpus and $DD are needed (the checkout must sit next to ../shared)" >&2
    exit 1
fi
for x in "$FACTUM" "$STATS"; do [ -x "$x" ] || { echo "bench: $x is not built (make bench builds it)" >&2; exit 1; }; done
dict_paths=(); dict_args=()
for f in $PHOENIX; do dict_paths+=("$DD/$f"); dict_args+=(--dict "$DD/$f"); done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

# run_timed OUTFILE CMD... : sets WALL (best of REPEAT), RSS_KB and CPU (user+sys s) of that run
run_timed() {
    local out=$1; shift
    WALL=; RSS_KB=
    for _ in $(seq 1 "$REPEAT"); do
        local t0 t1 w
        t0=$(now)
        /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" > "$out" 2> "$tmp/err"
        t1=$(now)
        w=$(calc "$t1 - $t0" 3)
        if [ -z "$WALL" ] || awk "BEGIN { exit !($w < $WALL) }"; then
            WALL=$w
            read -r RSS_KB u sy < <(tail -n 1 "$tmp/rss")
            CPU=$(calc "$u + $sy" 2)
        fi
    done
}

{
echo "# factum benchmark — make bench (bench/run.sh)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null) $(git diff --quiet 2>/dev/null || echo '(with uncommitted changes)')"
echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min load average before the run: other work skews wall clock)"
echo "machine:  $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uname -sr)"
echo "compiler: $(${CC:-cc} --version | head -n 1); build dir $B"
echo "dictionaries: $(echo $PHOENIX | tr '\n' ' ') (../shared/peers/petrarch2/dictionaries), gazetteer $B/gazetteer.bin"
echo
} > "$OUT"

# ---- dictionary load ----
load_src=$("$STATS" load "${dict_paths[@]}")
IMAGE="$tmp/phoenix.fmlex"
t0=$(now)
"$FACTUM" compile -q -o "$IMAGE" "${dict_args[@]}" || { echo "bench: factum compile failed" >&2; exit 1; }
t1=$(now)
compile_s=$(calc "$t1 - $t0" 3)
load_img=$("$STATS" load "$IMAGE")
printf '{"id":"x","date":"2024-01-01","text":"Iraqi forces attacked Mosul."}\n' > "$tmp/one.jsonl"
run_timed "$tmp/one.out" "$FACTUM" code -q "${dict_args[@]}" "$tmp/one.jsonl"
startup_wall=$WALL startup_rss=$RSS_KB
run_timed "$tmp/one.out" "$FACTUM" code -q --dict "$IMAGE" "$tmp/one.jsonl"
startup_img_wall=$WALL startup_img_rss=$RSS_KB
{
echo "## dictionary load (full Phoenix set)"
echo "from source, in process (fm_lexicon_new .. fm_lexicon_finish, best of 3): $(echo "$load_src" | awk '{print $2 " s, " $4 " words"}')"
echo "from the compiled lexicon (factum compile -o phoenix.fmlex --dict x7: $compile_s s, $(calc "$(stat -c %s "$IMAGE") / 1000000" 1) MB),"
echo "  in process, best of 3: $(echo "$load_img" | awk '{print $2 " s, " $4 " words"}')"
echo "factum code on one sentence (start-up + load + gazetteer + code): $startup_wall s from source, peak RSS"
echo "  $((startup_rss / 1024)) MB; $startup_img_wall s from the compiled lexicon, peak RSS $((startup_img_rss / 1024)) MB"
echo
echo "## coding (factum code -q --dict phoenix.fmlex FILE > out, the seven files compiled; wall clock, best of $REPEAT)"
echo "MB/s and per-second rates count article text (the documents' text fields), over the whole run including the"
echo "dictionary load; 'coding MB/s' leaves the load out. wc -w: the same file through 'wc -w'; ratio = factum / wc -w."
echo "The last row codes Reuters from the seven source files (--dict x7): the same output bytes, checked."
echo
echo "MB = 10^6 bytes. CPU s = user + sys of the process (steadier than wall clock on a shared machine)."
echo
echo "| corpus | text MB | docs | sentences | -j | wall s | CPU s | MB/s | coding MB/s | sentences/s | events/s | peak RSS MB | wc -w s | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >> "$OUT"
load_s=$(echo "$load_img" | awk '{print $2}')
load_src_s=$(echo "$load_src" | awk '{print $2}')

# time_once OUTFILE CMD... : one run; sets T_WALL, T_RSS (KB), T_CPU (user+sys s)
time_once() {
    local out=$1; shift
    local t0 t1
    t0=$(now)
    /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" > "$out" 2> "$tmp/err"
    t1=$(now)
    T_WALL=$(calc "$t1 - $t0" 3)
    local u sy
    read -r T_RSS u sy < <(tail -n 1 "$tmp/rss")
    T_CPU=$(calc "$u + $sy" 2)
}
# keep KEY : the run just timed replaces BEST_*[KEY] when faster
declare -A BEST_WALL BEST_RSS BEST_CPU
keep() {
    if [ -z "${BEST_WALL[$1]:-}" ] || awk "BEGIN { exit !($T_WALL < ${BEST_WALL[$1]}) }"; then
        BEST_WALL[$1]=$T_WALL BEST_RSS[$1]=$T_RSS BEST_CPU[$1]=$T_CPU
    fi
}
# row LABEL MB DOCS SENTS J KEY EVENTS LOAD_S WC_S NOTE
row() {
    local w=${BEST_WALL[$6]}
    echo "| $1 | $2 | $3 | $4 | $5 | $w | ${BEST_CPU[$6]} | $(calc "$2 / $w" 2) | $(calc "$2 / ($w - $8)" 2) |" \
         "$(calc "$4 / $w" 0) | $(calc "$7 / $w" 0) | $(calc "${BEST_RSS[$6]} / 1024" 0) | $9 |" \
         "$( [ -n "$9" ] && calc "$w / $9" 0 )${10} |"
}

# The configurations of a corpus are timed in turn, round after round (best of REPEAT each): wall clock on
# a shared VM drifts by 10-30% over tens of seconds, and interleaving gives each the same weather.
ref=reuters21578
for c in $CORPORA; do
    f="$SHARED/corpus/$c.jsonl"
    [ -f "$f" ] || continue
    read -r _ docs _ bytes _ sents < <("$STATS" count "$f")
    mb=$(calc "$bytes / 1000000" 2)
    wc_best=
    for _ in $(seq 1 "$REPEAT"); do
        t0=$(now); wc -w < "$f" > /dev/null; t1=$(now)
        w=$(calc "$t1 - $t0" 3)
        if [ -z "$wc_best" ] || awk "BEGIN { exit !($w < $wc_best) }"; then wc_best=$w; fi
        time_once "$tmp/j1.jsonl" "$FACTUM" code -q -j 1 --dict "$IMAGE" "$f"; keep "$c-1"
        time_once "$tmp/j2.jsonl" "$FACTUM" code -q -j 2 --dict "$IMAGE" "$f"; keep "$c-2"
        if [ "$c" = "$ref" ]; then
            time_once "$tmp/src.jsonl" "$FACTUM" code -q -j 1 "${dict_args[@]}" "$f"; keep "$c-src"
        fi
    done
    events=$(wc -l < "$tmp/j1.jsonl")
    same=""
    cmp -s "$tmp/j1.jsonl" "$tmp/j2.jsonl" || same=" (OUTPUT DIFFERS FROM -j 1)"
    row "$c" "$mb" "$docs" "$sents" 1 "$c-1" "$events" "$load_s" "$wc_best" "" >> "$OUT"
    row "$c" "$mb" "$docs" "$sents" 2 "$c-2" "$events" "$load_s" "$wc_best" "$same" >> "$OUT"
    echo "speedup -j 2 / -j 1 on $c: $(calc "${BEST_WALL[$c-1]} / ${BEST_WALL[$c-2]}" 2)x" >> "$tmp/speedups"
    if [ "$c" = "$ref" ]; then
        same=""
        cmp -s "$tmp/src.jsonl" "$tmp/j1.jsonl" || same=" (OUTPUT DIFFERS FROM THE COMPILED LEXICON'S)"
        src_row=$(row "$c, --dict x7" "$mb" "$docs" "$sents" 1 "$c-src" "$events" "$load_src_s" "$wc_best" "$same")
    fi
done
[ -n "${src_row:-}" ] && echo "$src_row" >> "$OUT"
{ echo; cat "$tmp/speedups" 2>/dev/null; echo; } >> "$OUT"

# ---- memory in input size: Reuters FLAT times over, streamed through a pipe (nothing on disk) ----
FLAT=${BENCH_FLAT:-64}
ref_f="$SHARED/corpus/$ref.jsonl"
if [ "$FLAT" -gt 0 ] && [ -f "$ref_f" ]; then
    read -r _ _ _ ref_bytes _ _ < <("$STATS" count "$ref_f")
    t0=$(now)
    for _ in $(seq 1 "$FLAT"); do cat "$ref_f"; done |
        /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$FACTUM" code -q -j 2 --dict "$IMAGE" - > /dev/null 2> "$tmp/err"
    rc=${PIPESTATUS[1]}
    t1=$(now)
    read -r big_rss _ _ < <(tail -n 1 "$tmp/rss")
    {
    echo "## memory in input size (factum code -q -j 2 --dict phoenix.fmlex - < reuters21578 x $FLAT, from a pipe)"
    echo "text: $(calc "$FLAT * $ref_bytes / 1000000000" 2) GB in $(calc "$t1 - $t0" 1) s (exit $rc); peak RSS $((big_rss / 1024)) MB," \
         "against $(calc "${BEST_RSS[$ref-2]} / 1024" 0) MB for one copy at -j 2"
    echo
    } >> "$OUT"
fi

# ---- callgrind: a stable instruction count to compare across commits ----
if command -v valgrind > /dev/null 2>&1; then
    head -n 300 "$SHARED/corpus/reuters21578.jsonl" > "$tmp/slice.jsonl"
    read -r _ _ _ slice_bytes _ _ < <("$STATS" count "$tmp/slice.jsonl")
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.all" "$FACTUM" code -q --dict "$IMAGE" \
        "$tmp/slice.jsonl" > /dev/null 2> "$tmp/cg.err"
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.load" "$FACTUM" code -q --dict "$IMAGE" \
        "$tmp/one.jsonl" > /dev/null 2>> "$tmp/cg.err"
    ir_all=$(awk '/^summary:/ {print $2}' "$tmp/cg.all")
    ir_load=$(awk '/^summary:/ {print $2}' "$tmp/cg.load")
    {
    echo "## callgrind (valgrind --tool=callgrind factum code -q --dict phoenix.fmlex on the first 300 records of reuters21578,"
    echo "## $slice_bytes bytes of text; the same run on one sentence is the start-up and load)"
    echo "instructions, whole run:        $ir_all"
    echo "instructions, start-up + load:  $ir_load"
    echo "coding instructions per KB of text: $(calc "($ir_all - $ir_load) / ($slice_bytes / 1024)" 0)"
    echo
    echo "where the coding instructions go (inclusive, % of the coding instructions; stages overlap where one calls another):"
    callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg.all" 2>/dev/null | tr -d ',' | awk -v tot="$((ir_all - ir_load))" '
        match($0, /src\/[^: ]+:[A-Za-z_0-9.]+ \[/) {
            name = substr($0, RSTART, RLENGTH - 2); sub(/^[^:]*:/, "", name)
            if (seen[name]++) next
            ir[name] = $1
        }
        END {
            n = split("fm_reader_next:reading input (reader.c)|fm_sentence_split:sentence splitting (sentence_split.c)|" \
                "fm_sentence_split_tokens:splitting and tokenizing in one pass (sentence_split.c)|" \
                "fm_tokenize_memo:tokenizing (tokenize.re)|fm_tok_ids_memo:word ids of tokens (phrase_trie.c, memo first)|" \
                "fm_find_mentions:actor and agent matching (clause.c)|" \
                "fm_find_verbs:verb matching (clause.c)|fm_verb_match_code:verb patterns (verb_match.c)|" \
                "fm_trie_longest_at:  all trie lookups, in the three above (phrase_trie.c)|" \
                "fm_context_sentence:context stage (context.c)|fm_attribution_frames_marked:attribution frames (attribution.c)|" \
                "fm_when_collect:  dates (time_normalize.c)|fm_geo_sentence:  places (geo.c)|" \
                "fm_quantities_collect:  counts (quantities.c)|fm_mode_of_marked:  mode (mode.c)|" \
                "fm_event_write_json:output (event_json.c)", rows, "|")
            for (k = 1; k <= n; k++) {
                split(rows[k], kv, ":")
                if (kv[1] in ir) printf "  %-58s %6.1f%%  %s\n", kv[2], 100 * ir[kv[1]] / tot, kv[1]
            }
        }'
    echo
    echo "top functions by own instructions (whole run):"
    callgrind_annotate "$tmp/cg.all" 2>/dev/null | awk '/file:function/ {on = 1; getline; next} on && NF && n < 15 { print "  " $0; n++ }'
    } >> "$OUT"
else
    echo "callgrind: valgrind is not installed (apt-get install valgrind)" >> "$OUT"
fi
cat "$OUT"
