/* quantities.h — counts a sentence states for its event: killed, injured,
 * arrested, munitions fired, participants; and the number-phrase reader
 * ("at least five", "1,200", "twenty-three", "dozens") other modules share.
 * It never invents a number: "dozens" is kept as text with value -1. */
#ifndef FM_QUANTITIES_H
#define FM_QUANTITIES_H
#include <stddef.h>
#include <stdint.h>
#include "factum.h"
#include "text.h"

/* A number phrase at tokens [start, end): value >= 0, or -1 with vague = 1
 * for "dozens", "hundreds", "several", "tens of thousands", "a number of". */
typedef struct fm_number {
    int64_t value;
    int vague;
    size_t start, end;
} fm_number;

/* 1 if token t's lookup form is word (upper case), ignoring abbreviation
 * dots ("P.M." is "PM"); _in: any word of a NULL-terminated list. */
int fm_token_word_is(const fm_token *t, const char *word);
int fm_token_word_in(const fm_token *t, const char *const *list);

/* Reads a number phrase starting exactly at tok[i]: digits ("5", "1,200",
 * "3.5 million"), number words ("twenty-three", "two hundred and fifty",
 * "a dozen"), vague quantities. Times ("21:50"), ordinals ("5th") and number
 * adjectives ("15-year-old") are not counts. Returns 1 and fills *out, else 0. */
int fm_number_parse(const fm_token *tok, size_t n, size_t i, fm_number *out);

/* Index after hedges that qualify a count without changing it: "at least",
 * "more than", "nearly", "some", "up to", "an estimated", "another"... */
size_t fm_number_skip_hedges(const fm_token *tok, size_t n, size_t i);

/* Fills *q from the sentence tokens tok[0..n) for the event whose clause is
 * tokens [from, to): a count anchored inside the clause beats one outside it,
 * an earlier one beats a later one. Vague counts get their words (allocated
 * in a, which may be NULL: then text stays NULL). Fields already set in *q
 * are left alone. Returns the number of fields set by this call. */
int fm_quantities_find(const char *text, const fm_token *tok, size_t n, size_t from, size_t to,
                       fm_arena *a, fm_quantities *q);
/* fm_quantities_find in two steps, so that a sentence is read once for all
 * its events: the sentence's candidate counts, then one event's pick (the same
 * answer as fm_quantities_find for that event). */
#define FM_QUANT_MAX_CANDS 32
typedef struct fm_quantity_cand { size_t at; fm_number num; } fm_quantity_cand;
typedef struct fm_quantity_set {
    fm_quantity_cand c[5][FM_QUANT_MAX_CANDS];   /* killed, injured, arrested, munitions, participants */
    size_t n[5];
    int overflow;             /* more than FM_QUANT_MAX_CANDS of one kind: pick reads the sentence again */
} fm_quantity_set;
void fm_quantities_collect(const fm_token *tok, size_t n, fm_quantity_set *out);
int fm_quantities_pick(const fm_quantity_set *s, const char *text, const fm_token *tok, size_t n,
                       size_t from, size_t to, fm_arena *a, fm_quantities *q);
/* The first word of a list the count scanner skips by a word class that lacks
 * that class (tokenize.re must list it), or NULL: a test checks it is NULL. */
const char *fm_quantities_unclassed(void);

#endif
