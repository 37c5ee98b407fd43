/* test_split_tokens.c — fm_sentence_split_tokens (one tokenizer pass per
 * document) against fm_sentence_split + fm_tokenize of each sentence alone:
 * the same spans and, token by token, the same offsets, kinds, flags, norms and
 * word classes (the one pass reads classes through a memo kept across
 * documents, as a coder does; fm_tokenize alone reads them afresh).
 * Hand-written cases (tests/cases/split_tokens.txt) and, when ../shared is
 * there, every document of the shared corpora. */
#include "text.h"
#include "reader.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CASES FM_DATADIR "/../tests/cases/split_tokens.txt"
#define SHARED FM_DATADIR "/../../shared"

typedef struct tally { size_t docs, sentences, tokens, bad; char first_bad[200]; fm_wclass_memo *memo; } tally;

static int same_token(const fm_token *a, const fm_token *b)
{
    return a->start == b->start && a->end == b->end && a->kind == b->kind && a->flags == b->flags &&
           a->wclass == b->wclass && a->norm_len == b->norm_len && (a->norm == b->norm || (a->norm && b->norm && !strcmp(a->norm, b->norm)));
}

/* Compares both ways of reading text; counts per sentence go to counts (if not NULL). */
static void check_doc(const char *text, size_t len, const char *name, tally *t, size_t *counts, size_t *n_counts)
{
    fm_arena a;
    fm_arena_init(&a, 64 * 1024);
    fm_span_vec ref = {0}, got = {0}, ranges = {0};
    fm_token_vec toks = {0}, alone = {0};
    int ok = fm_sentence_split(text, len, &ref) == 0 &&
             fm_sentence_split_tokens(text, len, &a, &toks, &got, &ranges, t->memo) == 0 &&
             ref.n == got.n && ranges.n == got.n;
    for (size_t s = 0; ok && s < ref.n; s++) {
        ok = ref.a[s].start == got.a[s].start && ref.a[s].end == got.a[s].end;
        alone.n = 0;
        ok = ok && fm_tokenize(text, ref.a[s].start, ref.a[s].end, &a, &alone) == 0;
        size_t n = ranges.a[s].end - ranges.a[s].start;
        ok = ok && n == alone.n;
        for (size_t k = 0; ok && k < n; k++) ok = same_token(&toks.a[ranges.a[s].start + k], &alone.a[k]);
        if (counts && s < 16) counts[s] = n;
        t->tokens += n;
    }
    if (n_counts) *n_counts = got.n;
    t->docs++;
    t->sentences += got.n;
    if (!ok && t->bad++ == 0) snprintf(t->first_bad, sizeof t->first_bad, "%s", name);
    fm_span_vec_free(&ref);
    fm_span_vec_free(&got);
    fm_span_vec_free(&ranges);
    fm_token_vec_free(&toks);
    fm_token_vec_free(&alone);
    fm_arena_free(&a);
}

static void hand_cases(fm_wclass_memo *memo)
{
    FILE *f = fopen(CASES, "r");
    TAP_OK(f != NULL, "%s opens", CASES);
    if (!f) return;
    char line[4096], text[4096];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n') continue;
        char *arrow = strstr(line, " => ");
        if (!arrow) continue;
        *arrow = 0;
        size_t n = 0;
        for (char *p = line; *p; p++) {
            if (p[0] == '\\' && p[1] == 'n') { text[n++] = '\n'; p++; }
            else text[n++] = *p;
        }
        size_t want[16], nw = 0;
        for (char *p = arrow + 4; nw < 16;) {
            char *e;
            long v = strtol(p, &e, 10);
            if (e == p) break;
            want[nw++] = (size_t)v;
            p = e;
        }
        tally t = { .memo = memo };
        size_t got[16] = {0}, ng = 0;
        check_doc(text, n, "case", &t, got, &ng);
        int same = ng == nw;
        for (size_t k = 0; same && k < nw; k++) same = got[k] == want[k];
        TAP_OK(t.bad == 0, "split_tokens.txt:%d: tokens as if each sentence were read alone", lineno);
        TAP_OK(same, "split_tokens.txt:%d: %zu sentences with the token counts written down", lineno, nw);
        if (!same) {
            printf("#   got");
            for (size_t k = 0; k < ng && k < 16; k++) printf(" %zu", got[k]);
            printf("\n");
        }
    }
    fclose(f);
}

static void corpus(const char *file, fm_wclass_memo *memo)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/%s", SHARED, file);
    if (access(path, R_OK) != 0) {
        printf("# %s not found: skipped\n", path);
        return;
    }
    fm_reader_options o = { .format = FM_FORMAT_JSONL };
    fm_reader *r = fm_reader_open(path, &o, NULL, NULL);
    TAP_OK(r != NULL, "%s opens", file);
    if (!r) return;
    tally t = { .memo = memo };
    fm_doc d;
    while (fm_reader_next(r, &d) == 1) check_doc(d.text, d.len, d.id, &t, NULL, NULL);
    fm_reader_close(r);
    TAP_OK(t.bad == 0 && t.docs > 0, "%s: %zu documents, %zu sentences, %zu tokens read once are the tokens read "
           "sentence by sentence%s%s", file, t.docs, t.sentences, t.tokens, t.bad ? "; first difference in " : "",
           t.bad ? t.first_bad : "");
}

int main(void)
{
    fm_wclass_memo *memo = calloc(1, sizeof *memo);   /* one for all: a word's class is read back */
    if (!memo) return 1;
    hand_cases(memo);
    corpus("reuters21578.jsonl", memo);
    corpus("current-events-2025.jsonl", memo);
    corpus("wikinews-2019-2020.jsonl", memo);
    free(memo);
    return TAP_DONE();
}
