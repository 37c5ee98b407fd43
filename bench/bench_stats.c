/* bench_stats.c — the two figures bench/run.sh cannot get from `factum code`
 * itself: how much article text and how many sentences the inputs hold, and
 * how long loading a dictionary set takes inside the process (no start-up).
 *   bench_stats count FILE...     -> "docs N text_bytes B sentences S"
 *   bench_stats load PATH...      -> "load_seconds T words W" (best of 3) */
#include "factum.h"
#include "lexicon.h"
#include "reader.h"
#include "text.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static void quiet(void *user, fm_diag_level level, const char *where, const char *msg)
{
    (void)level; (void)where; (void)msg;
    (*(long *)user)++;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int count(int argc, char **argv)
{
    long warnings = 0, docs = 0;
    unsigned long long bytes = 0, sentences = 0;
    fm_span_vec spans = {0};
    fm_reader_options ro = {0};
    for (int i = 0; i < argc; i++) {
        fm_reader *r = fm_reader_open(argv[i], &ro, quiet, &warnings);
        if (!r) { fprintf(stderr, "bench_stats: cannot read %s\n", argv[i]); return 1; }
        fm_doc d;
        while (fm_reader_next(r, &d) == 1) {
            docs++;
            bytes += d.len;
            spans.n = 0;
            fm_sentence_split(d.text, d.len, &spans);
            sentences += spans.n;
        }
        fm_reader_close(r);
    }
    fm_span_vec_free(&spans);
    printf("docs %ld text_bytes %llu sentences %llu\n", docs, bytes, sentences);
    return 0;
}

static int load(int argc, char **argv)
{
    double best = 1e9;
    unsigned words = 0;
    for (int round = 0; round < 3; round++) {
        long warnings = 0;
        double t0 = now();
        fm_lexicon *lx = fm_lexicon_new(quiet, &warnings);
        if (!lx) return 1;
        if (argc == 0) fm_lexicon_load_default(lx);
        for (int i = 0; i < argc; i++) fm_lexicon_load_path(lx, argv[i]);
        int bad = fm_lexicon_finish(lx);
        double t = now() - t0;
        words = lx->n_words;
        fm_lexicon_free(lx);
        if (bad) { fprintf(stderr, "bench_stats: the lexicon did not load\n"); return 1; }
        if (t < best) best = t;
    }
    printf("load_seconds %.4f words %u\n", best, words);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "count")) return count(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "load")) return load(argc - 2, argv + 2);
    fprintf(stderr, "usage: bench_stats count FILE... | load DICT...\n");
    return 1;
}
