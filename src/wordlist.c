/* wordlist.c — see wordlist.h. Builds the word -> lists table of a coder and
 * marks tokens; knows nothing of what the lists mean. */
#include "wordlist.h"
#include <stdlib.h>
#include <string.h>

static const fm_wordlist_group *const GROUPS[FM_WL_GROUPS] = {
    [FM_WL_CLAUSE] = &fm_clause_words,
    [FM_WL_ATTRIBUTION] = &fm_attribution_words,
    [FM_WL_MODE] = &fm_mode_words,
};

/* The row of word, made (all bits clear) when new; NULL when out of memory. */
static fm_word_marks *row_of(fm_wordlists *w, const char *word, size_t cap)
{
    uint32_t r;
    size_t len = strlen(word);
    if (fm_strmap_get(&w->words, word, len, &r)) return &w->rows[r];
    if (w->n_rows == cap || fm_strmap_put(&w->words, word, len, (uint32_t)w->n_rows)) return NULL;
    memset(&w->rows[w->n_rows], 0, sizeof w->rows[0]);
    return &w->rows[w->n_rows++];
}

int fm_wordlists_init(fm_wordlists *w)
{
    memset(w, 0, sizeof *w);
    fm_strmap_init(&w->words);
    size_t cap = 0;                    /* every word of every list: no more rows than that */
    for (int g = 0; g < FM_WL_GROUPS; g++)
        for (size_t i = 0; i < GROUPS[g]->n; i++)
            for (const char *const *p = GROUPS[g]->lists[i]; *p; p++) cap++;
    w->rows = malloc((cap ? cap : 1) * sizeof *w->rows);
    if (!w->rows) return -1;
    for (int g = 0; g < FM_WL_GROUPS; g++) {
        const fm_wordlist_group *grp = GROUPS[g];
        if (grp->n > 64) { fm_wordlists_free(w); return -1; }
        for (size_t i = 0; i < grp->n; i++)
            for (const char *const *p = grp->lists[i]; *p; p++) {
                fm_word_marks *m = row_of(w, *p, cap);
                if (!m) { fm_wordlists_free(w); return -1; }
                m->in[g] |= (uint64_t)1 << i;
            }
    }
    return 0;
}

void fm_wordlists_free(fm_wordlists *w)
{
    fm_strmap_free(&w->words);
    free(w->rows);
    memset(w, 0, sizeof *w);
}

void fm_wordlists_mark(const fm_wordlists *w, const fm_token *tok, size_t n, fm_word_marks *out)
{
    for (size_t i = 0; i < n; i++) {
        const fm_token *t = &tok[i];
        uint32_t r;
        /* norm_len is capped at 0xFFFF: a longer norm is no list word anyway */
        if (!t->norm || !fm_strmap_get(&w->words, t->norm, t->norm_len, &r)) {
            memset(&out[i], 0, sizeof out[i]);
            continue;
        }
        for (int g = 0; g < FM_WL_GROUPS; g++) {
            unsigned kinds = GROUPS[g]->kinds;
            out[i].in[g] = !kinds || (kinds >> t->kind & 1) ? w->rows[r].in[g] : 0;
        }
    }
}

int fm_wordlist_has(const char *const *list, const char *norm)
{
    for (; *list; list++)
        if ((*list)[0] == norm[0] && strcmp(*list, norm) == 0) return 1;
    return 0;
}
