/* verb_match.h — choosing the code of a verb occurrence from its dictionary
 * patterns (the most specific pattern that matches its clause wins). */
#ifndef FM_VERB_MATCH_H
#define FM_VERB_MATCH_H
#include "coder.h"

typedef struct fm_verb_match {
    const fm_pattern *pattern;  /* NULL: the verb's default code */
    char code[6], code2[6];     /* without the '?' / '!' suffix */
    int subordinate, dominant;  /* [023?]: only when nothing else; [111!]: only these */
    int discard, complex;       /* [###], [+++]: the sentence yields no events */
    int source, target;         /* mentions bound by $ and +, or -1 */
    const char *rule;
} fm_verb_match;

/* 1 if verb hit v has a code in clause tok[clause_start, clause_end). */
int fm_verb_match_code(fm_coder *c, const fm_token *tok, size_t n, size_t v, size_t clause_start,
                       size_t clause_end, fm_verb_match *out);

/* 1 with the code of verb hit v's pattern "* (THE TOWN)", for a town named by
 * its name as the verb's object ("take Al-Kamlin"); the caller has found it. */
int fm_verb_town_code(const fm_coder *c, size_t v, fm_verb_match *out);
/* 1 if a member of synonym set `name` (without '&': "MISHAP") is written at
 * token `at`, or anywhere in the sentence when at is SIZE_MAX. */
int fm_synset_in_sentence(fm_coder *c, const fm_token *tok, size_t n, const char *name, size_t at);
#endif
