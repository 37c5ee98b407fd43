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
    size_t len = strcspn(word, " ");   /* a phrase: its first word */
    if (fm_strmap_get(&w->words, word, len, &r)) return &w->rows[r];
    if (w->n_rows == cap || fm_strmap_put(&w->words, word, len, (uint32_t)w->n_rows)) return NULL;
    memset(&w->rows[w->n_rows], 0, sizeof w->rows[0]);
    return &w->rows[w->n_rows++];
}

/* The lexicon ids of the list words: row_by_id, and the lengths of the words
 * the lexicon lacks (a token without an id may be one only at such a length). */
static int index_by_lexicon(fm_wordlists *w, const fm_lexicon *lx)
{
    w->n_ids = lx->n_words;
    w->row_by_id = calloc(w->n_ids ? w->n_ids : 1, sizeof *w->row_by_id);
    if (!w->row_by_id || w->n_rows >= UINT16_MAX) return -1;
    for (size_t i = 0; i < w->words.cap; i++) {
        const fm_strmap_slot *sl = &w->words.slots[i];
        if (!sl->key) continue;
        uint32_t id = fm_lexicon_word_find(lx, sl->key, sl->len);
        if (id != FM_NO_WORD && id < w->n_ids) w->row_by_id[id] = (uint16_t)(sl->value + 1);
        else w->unknown_lens[(unsigned char)sl->key[0]] |= sl->len < 32 ? 1u << sl->len : 1u;
    }
    return 0;
}

int fm_wordlists_init(fm_wordlists *w, const fm_lexicon *lx)
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
        w->kinds[g] = grp->kinds ? grp->kinds : ~0u;
        for (size_t i = 0; i < grp->n; i++)
            for (const char *const *p = grp->lists[i]; *p; p++) {
                fm_word_marks *m = row_of(w, *p, cap);
                if (!m) { fm_wordlists_free(w); return -1; }
                m->in[g] |= (uint64_t)1 << i;
            }
    }
    for (int k = 0; k < 32; k++)
        for (int g = 0; g < FM_WL_GROUPS; g++) w->by_kind[k].in[g] = w->kinds[g] & 1u << k ? ~(uint64_t)0 : 0;
    if (index_by_lexicon(w, lx)) { fm_wordlists_free(w); return -1; }
    return 0;
}

void fm_wordlists_free(fm_wordlists *w)
{
    fm_strmap_free(&w->words);
    free(w->rows);
    free(w->row_by_id);
    memset(w, 0, sizeof *w);
}

/* The row of a token t without a lexicon id, or NULL: a lookup of its norm
 * when a list word the lexicon lacks has its length. */
static const fm_word_marks *row_of_unknown(const fm_wordlists *w, const fm_token *t)
{
    uint32_t r;
    /* norm_len is capped at 0xFFFF: a longer norm is no list word anyway */
    uint32_t len_bit = t->norm_len < 32 ? 1u << t->norm_len : 1u;
    if (!(w->unknown_lens[(unsigned char)t->norm[0]] & len_bit)) return NULL;
    uint32_t h = FM_HASH_SEED;   /* fm_hash, and the probe, inline: a call each cost as much */
    for (size_t i = 0; i < t->norm_len; i++) h = fm_hash_byte(h, (unsigned char)t->norm[i]);
    if (!fm_strmap_get_hashed(&w->words, t->norm, t->norm_len, fm_hash_final(h), &r)) return NULL;
    return &w->rows[r];
}

void fm_wordlists_mark(const fm_wordlists *w, const fm_token *tok, const fm_tok_ids *ids, size_t n,
                       fm_word_marks *out)
{
    static const fm_word_marks none;
    /* w's fields in locals: the stores to out could otherwise be w's own, and
     * be read again for every token */
    const fm_word_marks *rows = w->rows;
    const uint16_t *row_by_id = w->row_by_id;
    uint32_t n_ids = w->n_ids;
    for (size_t i = 0; i < n; i++) {
        const fm_token *t = &tok[i];
        uint32_t id = ids[i].exact;
        const fm_word_marks *row = NULL;
        /* by the token's lexicon id (most tokens), else by its norm */
        if (!t->norm) row = NULL;
        else if (id != FM_NO_WORD && id < n_ids) row = row_by_id[id] ? &rows[row_by_id[id] - 1] : NULL;
        else row = row_of_unknown(w, t);
        if (!row) { out[i] = none; continue; }          /* most tokens: in no list */
        const fm_word_marks *mask = &w->by_kind[t->kind & 31];
        for (int g = 0; g < FM_WL_GROUPS; g++) out[i].in[g] = row->in[g] & mask->in[g];
    }
}

int fm_wordlist_has(const char *const *list, const char *norm)
{
    for (; *list; list++)
        if ((*list)[0] == norm[0] && strcmp(*list, norm) == 0) return 1;
    return 0;
}
