/* verb_match.c — walks compiled verb patterns over a clause. Words after '*'
 * are matched left to right after the verb, words before it right to left;
 * words may have other words between them unless joined by '_'; '+' and '$'
 * bind the actor found there as target and source. */
#include "verb_match.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int word_matches(const fm_lexicon *lx, const fm_pat_elem *e, const fm_tok_ids *ids, const fm_token *t)
{
    if (ids->exact == e->id) return 1;
    if (!e->stem) return 0;
    for (int k = 0; k < ids->n_pre; k++) if (ids->pre[k] == e->id) return 1;
    (void)lx; (void)t;
    return 0;
}

typedef struct walk {
    fm_coder *c;
    const fm_token *tok;
    size_t n, lo, hi;      /* clause bounds */
    int source, target;
    int depth;             /* synsets inside synsets */
} walk;

static int seq_forward(walk *w, const fm_pat_elem *el, size_t ne, size_t pos, int anchored, size_t *end);

/* Tokens covered by the longest member of synset set that starts at i, or 0:
 * every member tried in turn (the table below caches this per sentence). */
static size_t syn_len_slow(walk *w, uint32_t set, size_t i)
{
    const fm_lexicon *lx = w->c->lx;
    if (set >= lx->synsets.n || w->depth > 4) return 0;
    const fm_u32_vec *m = &lx->synsets.a[set];
    size_t best = 0;
    w->depth++;
    for (size_t k = 0; k + 1 < m->n; k += 2) {
        size_t end;
        int s = w->source, t = w->target;
        if (seq_forward(w, &lx->elems.a[m->a[k]], m->a[k + 1], i, 1, &end) && end - i > best) best = end - i;
        w->source = s; w->target = t;
    }
    w->depth--;
    return best;
}

/* The same from the sentence's table. A member matches the same way under
 * any clause end it fits in (matching is greedy and a nearer end only takes
 * matches away), so a hit that ends by w->hi is the answer; one that runs
 * past it is recomputed under the nearer end. */
static size_t syn_len_at(walk *w, uint32_t set, size_t i)
{
    const fm_coder *c = w->c;
    if (i < c->syn_from || c->lx->syn_unindexed[set]) return syn_len_slow(w, set, i);
    if (!c->syn_cnt[i]) return 0;      /* (and syn_hits may hold nothing: no pointer into it) */
    const fm_syn_hit *h = &c->syn_hits.a[c->syn_off[i]];
    for (uint32_t k = 0; k < c->syn_cnt[i]; k++) {
        if (h[k].set != set) continue;
        return i + h[k].len <= w->hi ? h[k].len : syn_len_slow(w, set, i);
    }
    return 0;
}

/* 1 if token i is a later capitalised word of a named actor's own phrase: "Forces" in
 * "the Syrian Democratic Forces" is a name, not the troops of a pattern's &TROOPS (TABARI
 * matches verb patterns over text whose actors are codes already). Synonym sets only: a
 * pattern's own words may be written for a name ("(FROM THE ORGANIZATION)" [---]). */
static int inside_name(const walk *w, size_t i)
{
    if (!(w->tok[i].flags & FM_TOKF_CAP) || w->c->lx->tabari_verbs) return 0;
    for (size_t k = 0; k < w->c->mentions.n; k++) {
        const fm_mention *m = &w->c->mentions.a[k];
        if (!(m->start < i && i < m->end && m->name && !m->agent_only && !m->pronoun)) continue;
        /* the actor dictionary's own phrase, not an agent after it ("Syrian Armed Forces":
         * "Syrian" is the actor, "Armed Forces" its troops) */
        uint32_t v;
        size_t len = fm_trie_longest(&w->c->lx->actors, w->c->ids, w->n, m->start, &v);
        return m->start + len > i;
    }
    return 0;
}

/* Element e at exactly token i (forward); returns tokens consumed or 0. */
static size_t elem_at(walk *w, const fm_pat_elem *e, size_t i)
{
    if (i >= w->hi || (e->kind == FM_PE_SYN && inside_name(w, i))) return 0;
    switch (e->kind) {
    case FM_PE_WORD: return word_matches(w->c->lx, e, &w->c->ids[i], &w->tok[i]) ? 1 : 0;
    case FM_PE_SYN: return syn_len_at(w, e->id, i);
    default: return 0;
    }
}

/* Forward match of el[0..ne) from token pos, the end in *end; gaps allowed
 * unless an element is adjacent (anchored: the first must start at pos). */
static int seq_forward(walk *w, const fm_pat_elem *el, size_t ne, size_t pos, int anchored, size_t *end)
{
    for (size_t k = 0; k < ne; k++) {
        const fm_pat_elem *e = &el[k];
        int adjacent = e->adjacent || (anchored && k == 0);
        if (e->kind == FM_PE_TARGET || e->kind == FM_PE_SOURCE || e->kind == FM_PE_SKIP) {
            int m = fm_mention_at(w->c, pos, w->hi, !adjacent, w->tok);
            if (m >= 0 && e->kind != FM_PE_SKIP && fm_mention_aside(w->c, w->tok, pos, m, e->kind == FM_PE_SOURCE))
                m = -1;
            if (m < 0) {
                if (e->kind != FM_PE_SKIP) return 0;
                if (pos >= w->hi) return 0;
                pos++;                   /* ^ over a plain noun */
            } else {
                /* the first '+' of a pattern binds the target: "* + (IN +)" met
                 * a minister in Riyadh, the minister is the target */
                if (e->kind == FM_PE_TARGET && w->target < 0) w->target = m;
                else if (e->kind == FM_PE_SOURCE) w->source = m;
                pos = w->c->mentions.a[m].end;
            }
            continue;
        }
        if (e->kind == FM_PE_COMPOUND) continue;
        size_t limit = adjacent ? pos + 1 : w->hi;
        size_t got = 0, at = pos;
        for (; at < limit && at < w->hi; at++) if ((got = elem_at(w, e, at))) break;
        if (!got) return 0;
        pos = at + got;
    }
    *end = pos;
    return 1;
}

static int match_forward(walk *w, const fm_pat_elem *el, size_t ne, size_t pos)
{
    size_t end;
    return seq_forward(w, el, ne, pos, 0, &end);
}

/* Backward match of the pre elements, the last element nearest the verb. */
static int match_backward(walk *w, const fm_pat_elem *el, size_t ne, size_t pos, int joined)
{
    for (size_t s = ne; s-- > 0;) {
        const fm_pat_elem *e = &el[s];
        int adj = s + 1 < ne ? el[s + 1].adjacent : joined;   /* joined to the element after it */
        if (e->kind == FM_PE_TARGET || e->kind == FM_PE_SOURCE || e->kind == FM_PE_SKIP) {
            int found = -1;
            for (size_t m = w->c->mentions.n; m-- > 0;) {
                const fm_mention *mm = &w->c->mentions.a[m];
                if (mm->end > pos || mm->start < w->lo || mm->weapon) continue;
                /* "the toll from strikes by the U.S. in Yemen": a place after in / near / at
                 * is where, not the source (a '$' joined to what follows it, "IN $_*", is
                 * that very phrase: "killed in Israeli strikes") */
                if (e->kind == FM_PE_SOURCE && !adj && fm_mention_aside(w->c, w->tok, w->lo, (int)m, 1)) continue;
                found = (int)m;
                break;
            }
            if (found < 0) { if (e->kind != FM_PE_SKIP || pos <= w->lo) return 0; pos--; continue; }
            /* walked from the verb outwards: the last one bound is the first in the pattern */
            if (e->kind == FM_PE_TARGET) w->target = found;
            else if (e->kind == FM_PE_SOURCE) w->source = found;
            pos = w->c->mentions.a[found].start;
            continue;
        }
        if (e->kind == FM_PE_COMPOUND) continue;
        /* the element covers [at, at + got) with at + got <= pos; an adjacent
         * one must end right at pos (a synset member may span several words) */
        int hit = 0;
        size_t save_hi = w->hi;
        w->hi = pos;
        for (size_t at = pos; at-- > w->lo;) {
            if (adj && pos - at > 8) break;
            size_t got = elem_at(w, e, at);
            if (got && (!adj || at + got == pos)) { pos = at; hit = 1; break; }
        }
        w->hi = save_hi;
        if (!hit) return 0;
    }
    return 1;
}

/* The longest member of each indexed synset that token i's words start, as
 * (set, tokens) pairs in best (0 tokens: no member matches), sets in the
 * order the word-by-word index lists them. Only members whose first word is
 * one of the token's words can match, so the rest of a set is never tried.
 * Returns the number of sets, or SIZE_MAX when more than cap. */
static size_t member_lengths(walk *w, const fm_tok_ids *ids, size_t i, fm_syn_hit *best, size_t cap)
{
    const fm_lexicon *lx = w->c->lx;
    size_t nb = 0;
    for (int p = -1; p < ids->n_pre; p++) {
        uint32_t word = p < 0 ? ids->exact : ids->pre[p];
        if (word >= lx->n_words) continue;
        for (uint32_t k = lx->syn_mem_first[word]; k < lx->syn_mem_first[word + 1]; k++) {
            const fm_syn_member *mb = &lx->syn_members[k];
            size_t j = nb && best[nb - 1].set == mb->set ? nb - 1 : 0;
            while (j < nb && best[j].set != mb->set) j++;
            if (j == nb) {
                if (nb == cap) return SIZE_MAX;
                best[nb++] = (fm_syn_hit){ mb->set, 0 };
            }
            size_t end;
            int s = w->source, t = w->target;
            w->depth++;
            if (seq_forward(w, &lx->elems.a[mb->elem], mb->n, i, 1, &end) && end - i > best[j].len)
                best[j].len = (uint32_t)(end - i);
            w->depth--;
            w->source = s; w->target = t;
        }
    }
    return nb;
}

/* Marks the words of the sentence and builds each token's synset hits, right
 * to left: a member's nested synsets start after its first word, so their
 * hits are in the table when a member needs them. Returns 0 or -1 (no memory:
 * every lookup then takes the slow way). */
static int sentence_tables(fm_coder *c, const fm_token *tok, size_t n)
{
    const fm_lexicon *lx = c->lx;
    c->syn_valid = 1;
    c->syn_from = SIZE_MAX;
    if (!c->word_stamp) {
        c->word_stamp = calloc(lx->n_words + 1, sizeof *c->word_stamp);
        c->syn_stamp = calloc(lx->synsets.n + 1, sizeof *c->syn_stamp);
        if (!c->word_stamp || !c->syn_stamp) return -1;
    }
    if (n > c->syn_tok_cap) {
        uint32_t *o = realloc(c->syn_off, n * sizeof *o);
        if (!o) return -1;
        c->syn_off = o;
        uint32_t *k = realloc(c->syn_cnt, n * sizeof *k);
        if (!k) return -1;
        c->syn_cnt = k;
        c->syn_tok_cap = n;
    }
    if (++c->stamp == 0) {   /* wrapped: old stamps could read as current */
        memset(c->syn_stamp, 0, (lx->synsets.n + 1) * sizeof *c->syn_stamp);
        c->stamp = 1;
    }
    if (++c->word_stamp_now == 0) {
        memset(c->word_stamp, 0, (lx->n_words + 1) * sizeof *c->word_stamp);
        c->word_stamp_now = 1;
    }
    c->syn_hits.n = 0;
    c->word_stamp[lx->n_words] = c->word_stamp_now;   /* the guard of a pattern that needs no word */
    for (size_t i = 0; i < n; i++) {
        const fm_tok_ids *ids = &c->ids[i];
        if (ids->exact < lx->n_words) c->word_stamp[ids->exact] = c->word_stamp_now;
        for (int p = 0; p < ids->n_pre; p++)
            if (ids->pre[p] < lx->n_words) c->word_stamp[ids->pre[p]] = c->word_stamp_now;
    }
    walk w = { c, tok, n, 0, n, -1, -1, 0 };
    for (size_t i = n; i-- > 0;) {
        const fm_tok_ids *ids = &c->ids[i];
        c->syn_off[i] = (uint32_t)c->syn_hits.n;
        c->syn_cnt[i] = 0;
        if (!(ids->starts & FM_STARTS_SYNSET)) { c->syn_from = i; continue; }   /* starts no member */
        fm_syn_hit best[64];
        size_t nb = member_lengths(&w, ids, i, best, sizeof best / sizeof *best);
        if (nb != SIZE_MAX) {
            for (size_t b = 0; b < nb; b++) {
                if (!best[b].len) continue;
                if (fm_syn_hit_vec_push(&c->syn_hits, best[b])) return -1;
                c->syn_cnt[i]++;
                c->syn_stamp[best[b].set] = c->stamp;
            }
            c->syn_from = i;
            continue;
        }
        for (int p = -1; p < ids->n_pre; p++) {
            uint32_t word = p < 0 ? ids->exact : ids->pre[p];
            if (word >= lx->n_words) continue;
            for (uint32_t k = lx->syn_first[word]; k < lx->syn_first[word + 1]; k++) {
                uint32_t set = lx->syn_sets[k];
                if (lx->syn_unindexed[set]) continue;
                int dup = 0;
                for (uint32_t j = 0; j < c->syn_cnt[i] && !dup; j++) dup = c->syn_hits.a[c->syn_off[i] + j].set == set;
                if (dup) continue;
                size_t len = syn_len_slow(&w, set, i);
                if (!len) continue;
                fm_syn_hit hit = { set, (uint32_t)len };
                if (fm_syn_hit_vec_push(&c->syn_hits, hit)) return -1;
                c->syn_cnt[i]++;
                c->syn_stamp[set] = c->stamp;
            }
        }
        c->syn_from = i;
    }
    return 0;
}

/* 1 if e is a word or an indexed synset that is nowhere in the sentence. */
static inline int elem_absent(const fm_coder *c, const fm_pat_elem *e)
{
    const fm_lexicon *lx = c->lx;
    if (e->kind == FM_PE_WORD) return e->id < lx->n_words && c->word_stamp[e->id] != c->word_stamp_now;
    return e->kind == FM_PE_SYN && e->id < lx->synsets.n && !lx->syn_unindexed[e->id] &&
           c->syn_stamp[e->id] != c->stamp;
}

/* 0 if a word or an indexed synset of the elements is nowhere in the
 * sentence: the pattern cannot match, and walking it is skipped. */
static int may_match(const fm_coder *c, const fm_pat_elem *el, size_t ne)
{
    for (size_t k = 0; k < ne; k++)
        if (elem_absent(c, &el[k])) return 0;
    return 1;
}

/* The elements from index i on; NULL when the lexicon has none at all (a
 * pattern without elements: &NULL[0] would be undefined). */
static inline const fm_pat_elem *elems_at(const fm_lexicon *lx, uint32_t i)
{
    return lx->elems.a ? lx->elems.a + i : NULL;
}

/* src[0, n) into dst, cut to fit (what snprintf "%.*s" did, without a
 * format to parse for each of the sentence's verbs) */
static void copy_code(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The first pattern from p on (np if none) whose guard word the sentence
 * has: four patterns a step while all four miss, as nearly all do (the
 * one-at-a-time loop spends most of its instructions on its own branches). */
static inline uint32_t next_guarded(const uint32_t *guard, const uint8_t *seen, uint8_t stamp, uint32_t p,
                                    uint32_t np)
{
    while (np - p >= 4 && seen[guard[p]] != stamp && seen[guard[p + 1]] != stamp &&
           seen[guard[p + 2]] != stamp && seen[guard[p + 3]] != stamp)
        p += 4;
    while (p < np && seen[guard[p]] != stamp) p++;
    return p;
}

int fm_verb_match_code(fm_coder *c, const fm_token *tok, size_t n, size_t v, size_t clause_start,
                       size_t clause_end, fm_verb_match *out)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    memset(out, 0, sizeof *out);
    out->source = out->target = -1;
    if (!h->form) return 0;
    const fm_lexicon *lx = c->lx;
    const fm_verb_entry *ve = &lx->verb_entries.a[h->form->verb];
    if (!c->syn_valid) sentence_tables(c, tok, n);
    int filter = c->syn_from == 0 || n == 0;
    int best_weight = -1;
    /* "is willing to withdraw troops": a verb phrase ending in "to" lends it to its patterns
     * "(TO WITHDRAW &TROOPS)" (not to "*_TO", which the phrase itself already is) */
    uint32_t to_id = h->end > h->start + 1 && fm_is_word(&tok[h->end - 1], "TO") ? fm_lexicon_word_find(lx, "TO", 2)
                                                                                 : FM_NO_WORD;
    const uint32_t *guard = lx->pattern_guard + ve->first_pattern;
    const uint8_t *seen = c->word_stamp, stamp = c->word_stamp_now;
    for (uint32_t p = 0, np = ve->n_patterns; p < np; p++) {
        /* the word the pattern needs: nine patterns in ten are out at this one
         * look-up, in a loop of its own (four instructions a pattern) */
        if (filter) {
            p = next_guarded(guard, seen, stamp, p, np);
            if (p == np) break;
        }
        const fm_pattern *pat = &lx->patterns.a[ve->first_pattern + p];
        int weight = lx->tabari_verbs ? pat->length : pat->weight;
        if (weight <= best_weight) continue;
        /* most patterns fail on their first word: tested here before the calls */
        if (filter && ((pat->n_post && elem_absent(c, &lx->elems.a[pat->post])) ||
                       !(may_match(c, elems_at(lx, pat->post), pat->n_post) &&
                         may_match(c, elems_at(lx, pat->pre), pat->n_pre)))) continue;
        walk w = { c, tok, n, clause_start, clause_end, -1, -1, 0 };
        const fm_pat_elem *first = elems_at(lx, pat->post);
        size_t post_from = to_id != FM_NO_WORD && pat->n_post > 1 && first->kind == FM_PE_WORD && first->id == to_id
                               ? h->end - 1 : h->end;
        if (pat->n_post && !match_forward(&w, first, pat->n_post, post_from)) continue;
        if (pat->n_pre && !match_backward(&w, &lx->elems.a[pat->pre], pat->n_pre, h->start, pat->pre_joined)) continue;
        best_weight = weight;
        out->pattern = pat;
        out->source = w.source;
        out->target = w.target;
    }
    const char *code = out->pattern ? out->pattern->code : h->form->code[0] ? h->form->code : ve->code;
    const char *code2 = out->pattern ? out->pattern->code2 : h->form->code[0] ? h->form->code2 : ve->code2;
    out->rule = out->pattern ? out->pattern->text : ve->name;
    if (fm_code_is(code, '#')) out->discard = 1;
    else if (fm_code_is(code, '+')) out->complex = 1;
    else if (!fm_code_is(code, '-')) {
        size_t l = strlen(code);
        out->subordinate = l && code[l - 1] == '?';
        out->dominant = l && code[l - 1] == '!';
        if (out->subordinate || out->dominant) l--;
        copy_code(out->code, sizeof out->code, code, l);
    }
    size_t l2 = strlen(code2);
    if (l2 && (code2[l2 - 1] == '?' || code2[l2 - 1] == '!')) l2--;
    copy_code(out->code2, sizeof out->code2, code2, l2);
    return out->code[0] || out->code2[0] || out->discard || out->complex;
}

/* A verb that codes only with what it acts on ("take the town", "capture the
 * city") says what a town is worth to it in its pattern "* (THE TOWN)": that
 * code holds for a town named by its own name ("take Al-Kamlin", "captured
 * Pokrovsk"), which no pattern word can match. The caller has found the place. */
int fm_verb_town_code(const fm_coder *c, size_t v, fm_verb_match *out)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    memset(out, 0, sizeof *out);
    out->source = out->target = -1;
    if (!h->form || c->lx->tabari_verbs) return 0;
    const fm_lexicon *lx = c->lx;
    uint32_t the = fm_lexicon_word_find(lx, "THE", 3), town = fm_lexicon_word_find(lx, "TOWN", 4);
    if (the == FM_NO_WORD || town == FM_NO_WORD) return 0;
    const fm_verb_entry *ve = &lx->verb_entries.a[h->form->verb];
    for (uint32_t p = 0; p < ve->n_patterns; p++) {
        const fm_pattern *pat = &lx->patterns.a[ve->first_pattern + p];
        const fm_pat_elem *e = elems_at(lx, pat->post);
        if (pat->n_pre || pat->n_post != 2 || e[0].kind != FM_PE_WORD || e[1].kind != FM_PE_WORD ||
            e[0].id != the || e[1].id != town || !pat->code[0] || pat->code2[0])
            continue;
        const char *code = pat->code;
        size_t l = strlen(code);
        if (l && (code[l - 1] == '?' || code[l - 1] == '!' || code[0] == '#' || code[0] == '+' || code[0] == '-'))
            return 0;
        snprintf(out->code, sizeof out->code, "%.5s", code);
        out->pattern = pat;
        out->rule = pat->text;
        return 1;
    }
    return 0;
}

/* 1 if a member of the synonym set called name (no '&') is written at token
 * `at`, or anywhere in the sentence when at is SIZE_MAX. */
int fm_synset_in_sentence(fm_coder *c, const fm_token *tok, size_t n, const char *name, size_t at)
{
    const fm_lexicon *lx = c->lx;
    uint32_t set;
    if (!fm_strmap_get(&lx->synset_names, name, strlen(name), &set) || set >= lx->synsets.n) return 0;
    if (!c->syn_valid) sentence_tables(c, tok, n);
    walk w = { c, tok, n, 0, n, -1, -1, 0 };
    if (at != SIZE_MAX) return at < n && syn_len_at(&w, set, at) > 0;
    if (c->syn_from == 0 && !lx->syn_unindexed[set]) return c->syn_stamp[set] == c->stamp;
    for (size_t i = 0; i < n; i++) if (syn_len_slow(&w, set, i)) return 1;   /* no table: member by member */
    return 0;
}
