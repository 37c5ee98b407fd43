/* wordlist.h — "is this token in word list L" as one bit test. The rule files
 * (clause.c, attribution.c, mode.c) keep their word lists as NULL-terminated
 * const arrays where the rules read them, and name them in one group each (at
 * most 64 lists, list i is bit i). A coder builds one fm_wordlists from the
 * groups (word -> the lists it is in) and marks each sentence's tokens once,
 * one lookup per token; a rule then tests a bit of the token's marks. A list
 * entry of several blank-separated words marks its first word: a rule that
 * matches the list's phrases need try them only at a token so marked. */
#ifndef FM_WORDLIST_H
#define FM_WORDLIST_H
#include <stddef.h>
#include <stdint.h>
#include "lexicon.h"
#include "strmap.h"
#include "text.h"

typedef struct fm_wordlist_group {
    const char *const *const *lists;   /* lists[i] is bit i: at most 64 */
    size_t n;
    unsigned kinds;                    /* 1 << fm_token_kind of the tokens its lists hold; 0: any token */
} fm_wordlist_group;

/* The groups, defined in their rule files. */
enum { FM_WL_CLAUSE, FM_WL_ATTRIBUTION, FM_WL_MODE, FM_WL_GROUPS };
extern const fm_wordlist_group fm_clause_words, fm_attribution_words, fm_mode_words;

/* A token's lists: bit i of in[g] when its norm is a word of group g's list i. */
typedef struct fm_word_marks { uint64_t in[FM_WL_GROUPS]; } fm_word_marks;

typedef struct fm_wordlists {
    fm_strmap words;          /* word (keys are the lists' own strings) -> row */
    fm_word_marks *rows;
    size_t n_rows;
    /* Most tokens already carry the lexicon's id of their word (fm_tok_ids):
     * row + 1 by that id (0: in no list) spares them the hash lookup. */
    uint16_t *row_by_id;
    uint32_t n_ids;
    /* bit l of unknown_lens[b]: some list word of length l (l < 32; 0 for longer)
     * that is no lexicon word starts with byte b */
    uint32_t unknown_lens[256];
    unsigned kinds[FM_WL_GROUPS];   /* each group's kinds, ~0u for any */
    /* by_kind[k].in[g]: all ones when group g holds tokens of kind k, else 0 */
    fm_word_marks by_kind[32];
} fm_wordlists;

/* Builds the table of every group for tokens looked up in lx; 0, or -1 when
 * out of memory. */
int fm_wordlists_init(fm_wordlists *w, const fm_lexicon *lx);
void fm_wordlists_free(fm_wordlists *w);
/* out[i] = the marks of tok[i], for i < n; ids[i] is tok[i]'s fm_tok_ids_of. */
void fm_wordlists_mark(const fm_wordlists *w, const fm_token *tok, const fm_tok_ids *ids, size_t n,
                       fm_word_marks *out);
/* The test without marks, for a caller that has none (a public helper that
 * gets bare tokens): 1 if norm is a word of list. */
int fm_wordlist_has(const char *const *list, const char *norm);
#endif
