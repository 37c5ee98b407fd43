/* mode.c — the mode of one event from its own clause: negation, hedges,
 * threats, plans and conditions before the verb, and the attribution frames
 * that cover it. Reads tokens only; never changes who the event's actors are. */
#include "mode.h"
#include <string.h>

/* The cue lists below, one bit each of a token's mode marks; MODE_LISTS at
 * the end of this file names the arrays. */
enum {
    M_AUX_ADVERBS, M_BE_WORDS, M_CLAUSE_BOUNDS, M_CONDITIONALS, M_FIRST_PERSON, M_FUTURE_ADJ, M_HEDGE_VERBS,
    M_HEDGES, M_INTENTS, M_MODAL_GAP, M_MODALS, M_NEGATORS, M_PREVENTERS, M_SELF_PRONOUNS, M_STOPPERS, M_LISTS
};
static const char *const *const MODE_LISTS[M_LISTS];

static const char *nm(const fm_token *t) { return t->norm ? t->norm : ""; }

/* Every cue test runs for every token of the clause and nearly all fail on the
 * first byte: test it inline before calling strcmp. */
static inline int same(const char *s, const char *w)
{
    return s[0] == w[0] && strcmp(s, w) == 0;
}

static int is(const fm_token *tok, size_t n, size_t i, const char *w)
{
    return i < n && same(nm(&tok[i]), w);
}

static int in_set(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (same(s, *set)) return 1;
    return 0;
}

/* tok[i] is in word list M_*: a bit of its marks (wordlist.h), or without
 * marks (fm_mode_of of bare tokens) a scan of the list */
static inline int is_in(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, int list)
{
    if (i >= n) return 0;
    return mk ? (int)(mk[i].in[FM_WL_MODE] >> list & 1) : in_set(nm(&tok[i]), MODE_LISTS[list]);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static char punct_of(const char *text, const fm_token *t)
{
    if (t->kind == FM_TOK_WORD || t->kind == FM_TOK_NUMBER || t->kind == FM_TOK_POSS ||
        t->kind == FM_TOK_SYMBOL)
        return 0;
    if (text) return text[t->start];
    return nm(t)[0] ? nm(t)[0] : '?';
}

/* ---- cue lists ------------------------------------------------------------ */

static const char *const clause_bounds[] = {
    "THAT", "BUT", "WHILE", "WHEREAS", "BECAUSE", "ALTHOUGH", "THOUGH", "WHICH", "WHO", NULL
};

static const char *const negators[] = {
    "NOT", "NEVER", "NO", "NOBODY", "NONE", "NEITHER", "NOR", "NOTHING", "WITHOUT", NULL
};
/* "stopped shelling", "failed to reach": the act did not (or no longer) happen */
static const char *const stoppers[] = {
    "STOPPED", "HALTED", "CEASED", "SUSPENDED", "FAILED", "REFUSED", "ABANDONED", "DECLINED",
    "STOPS", "HALTS", "CEASES", "SUSPENDS", "FAIL", "FAILS", "REFUSE", "REFUSES", "ABANDONS", "DECLINES", NULL
};

/* "prevented Hamas from attacking" did not happen; "legislation to prevent Trump from using
 * military force" may yet: the act right after FROM (the past forms negate) */
static const char *const preventers[] = {
    "PREVENT", "PREVENTS", "PREVENTING", "BAR", "BARS", "BARRING", "BLOCK", "BLOCKS", "BLOCKING", "DETER",
    "DETERS", "DETERRING", "PROHIBIT", "PROHIBITS", "PROHIBITING", "STOP", "STOPS", "STOPPING",
    "PREVENTED", "BARRED", "BLOCKED", "DETERRED", "PROHIBITED", "STOPPED", "KEPT", NULL
};

static const char *const modals[] = {
    "WILL", "WOULD", "COULD", "MAY", "MIGHT", "SHALL", "SHOULD", "WON'T", "WOULDN'T",
    "COULDN'T", "SHOULDN'T", "MUST", NULL
};
static const char *const conditionals[] = { "IF", "UNLESS", "WHETHER", NULL };
/* what may stand between a modal and its verb: "will not", "would also be" */
static const char *const modal_gap[] = {
    "NOT", "NEVER", "ALSO", "BE", "HAVE", "BEEN", "STILL", "SOON", "THEN", "AGAIN", "FURTHER",
    "NO", "LONGER", "TO", "CONTINUE", "JOINTLY", "EVER", "EVEN", "ONLY", "FIRST",
    "ITS", "THEIR", "THE", NULL   /* "will continue its attacks": an act named by its noun */
};
/* governors of a future act: "threatened to strike", "plans to", "ordered troops to" */
static const char *const intents[] = {
    "THREATENED", "THREATENS", "THREATEN", "THREATENING", "VOWED", "VOWS", "VOW", "PLANS",
    "PLANNED", "PLANNING", "PLAN", "INTENDS", "INTENDED", "INTEND", "AIMS", "AIMED", "AIM",
    "SEEKS", "SOUGHT", "SEEK", "WANTS", "WANTED", "WANT", "READY", "PREPARED", "PREPARING",
    "EXPECTED", "SET", "SCHEDULED", "GOING", "ABOUT", "PLEDGED", "PLEDGES", "PROMISED",
    "PROMISES", "AGREED", "AGREES", "DECIDED", "OFFERED", "OFFERS", "ORDERED", "URGED", "URGES",
    "ASKED", "DEMANDED", "CALLED", "CALLS", "PROPOSED", "PROPOSES", "CONSIDERING", "WEIGHING",
    "THREAT", "THREATS", "WARNED", "WARNS", "WARNING", "DUE", "LIKELY", "HOPES", "HOPED",
    "INVITED", "AUTHORIZED", "AUTHORISED", "APPROVED",
    "PLOT", "BID", "PROPOSAL", NULL   /* "a plot by X to", "in a bid to", "a proposal by X to" */
};
/* adjectives of a future act right before it: "a planned offensive" */
static const char *const future_adj[] = {
    "PLANNED", "POSSIBLE", "POTENTIAL", "IMMINENT", "PROPOSED", "UPCOMING", "FUTURE",
    "THREATENED", "EXPECTED", "PROSPECTIVE", "RETALIATORY", NULL
};
static const char *const hedges[] = {
    "REPORTEDLY", "ALLEGEDLY", "PURPORTEDLY", "APPARENTLY", "SUPPOSEDLY", "ALLEGED",
    "PURPORTED", "UNCONFIRMED", "OSTENSIBLY", "PRESUMABLY", "LIKELY", "PROBABLY",
    NULL
};
/* "believed to have", "said to have", "suspected of", "accused of", "blamed for" */
static const char *const hedge_verbs[] = {
    "SAID", "BELIEVED", "THOUGHT", "SUSPECTED", "ACCUSED", "BLAMED", "REPORTED", "ALLEGED", "RUMOURED",
    "RUMORED", "UNDERSTOOD", "ESTIMATED", NULL
};
static const char *const be_words[] = { "IS", "ARE", "WAS", "WERE", "BEEN", "BEING", "BE", NULL };
static const char *const self_pronouns[] = {
    "IT", "THEY", "WE", "I", "HE", "SHE", "ITS", "OUR", "THEIR", "HIS", NULL
};
/* a quote before its speaker that starts with the speaker's own word: "We did not attack," */
static const char *const first_person[] = { "WE", "I", "OUR", "MY", NULL };
/* One word that may stand between BE and a hedge verb: an -ly adverb or a time word. */
static int between_adverb(const fm_token *t)
{
    static const char *const words[] = { "YESTERDAY", "TODAY", "ALSO", "NOW", "EARLIER", "LATER", "INITIALLY",
                                         "FIRST", "ALREADY", "STILL", "ONLY", NULL };
    if (t->kind != FM_TOK_WORD || !t->norm) return 0;
    if (t->norm_len > 4 && !strcmp(t->norm + t->norm_len - 2, "LY")) return 1;
    for (const char *const *w = words; *w; w++)
        if (!strcmp(t->norm, *w)) return 1;
    return 0;
}

static const char *const aux_adverbs[] = {
    "HAD", "HAS", "HAVE", "ALSO", "SUCCESSFULLY", "JUST", "RECENTLY", "EARLIER", "LATER",
    "THEN", "ALREADY", "AGAIN", "DID", "DOES", "DO", NULL
};

static int is_negation(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    /* the class holds negators and every n't form; other tokens are no words */
    if (tok[i].kind == FM_TOK_WORD && !(tok[i].wclass & FM_WC_NEGATION)) return 0;
    const char *w = nm(&tok[i]);
    if (is_in(mk, tok, n, i, M_NEGATORS)) {
        /* "not only", "no longer" still negate; "no." is a number sign */
        if (is(tok, n, i, "NOT") && is(tok, n, i + 1, "ONLY")) return 0;
        return 1;
    }
    if (ends_with(w, "N'T") || ends_with(w, "N\xE2\x80\x99T")) {
        if (strcmp(w, "WON'T") == 0 || strcmp(w, "WOULDN'T") == 0) return 1;
        return 1;
    }
    return 0;
}

static int is_modal(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    if (tok[i].kind == FM_TOK_WORD && !(tok[i].wclass & FM_WC_MODAL)) return 0;
    /* "Theresa May stepped down", "on 5 May": a capitalised May inside a sentence, or
     * before a number, is a name or the month */
    /* (but "the U.S. May ask": wire copy capitalises the word after an abbreviation) */
    if ((tok[i].flags & FM_TOKF_CAP) && is(tok, n, i, "MAY") &&
        ((i > 0 && !ends_with(nm(&tok[i - 1]), ".")) || (i + 1 < n && tok[i + 1].kind == FM_TOK_NUMBER)))
        return 0;
    const char *w = nm(&tok[i]);
    return is_in(mk, tok, n, i, M_MODALS) || ends_with(w, "'LL") || ends_with(w, "'D");
}

/* A modal governs the verb only across auxiliaries and adverbs: "will not
 * strike" yes, "will respond to Iran's attack" not for "attack". */
static int governs(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t k, size_t vs)
{
    for (size_t j = k + 1; j < vs; j++) {
        const char *w = nm(&tok[j]);
        if (is_in(mk, tok, n, j, M_MODAL_GAP) || ends_with(w, "LY") || ends_with(w, "N'T")) continue;
        return 0;
    }
    return 1;
}

/* "will monitor the agreement and continue its attacks": the second verb of AND shares the
 * modal when nothing but modal-gap words (no subject of its own) stand between AND and it
 * (the caller's clause has no comma or clause word in between) */
static int governs_conjunct(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t k, size_t vs)
{
    size_t a = vs;
    while (a > k + 2 && is_in(mk, tok, n, a - 1, M_MODAL_GAP)) a--;
    if (!(a > k + 2 && is(tok, n, a - 1, "AND")) || ends_with(nm(&tok[a]), "ED")) return 0;
    /* ("will ban the network after the group broke into the base and vandalized": a
     * clause of its own) */
    static const char *const opens[] = { "AFTER", "BEFORE", "WHEN", "SINCE", "UNTIL", "ONCE", "AS", "BECAUSE", NULL };
    for (size_t j = k + 1; j < a; j++)
        if (in_set(nm(&tok[j]), opens)) return 0;
    return 1;
}

/* Start of the verb's own clause: after the last comma, semicolon or clause
 * word before verb_start, but not before floor. */
static size_t clause_start(const fm_word_marks *mk, const char *text, const fm_token *tok, size_t n, size_t vs, size_t floor)
{
    size_t k = vs;
    while (k > floor) {
        char c = punct_of(text, &tok[k - 1]);
        if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') break;
        if (is_in(mk, tok, n, k - 1, M_CLAUSE_BOUNDS)) break;
        k--;
    }
    return k;
}

/* "the army said it struck", "Hamas said its fighters fired": the speaker
 * reports its own act. gap is tok[s, vs). Passives ("it was hit") are not. */
static int self_report(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t s, size_t vs)
{
    if (s >= vs || !is_in(mk, tok, n, s, M_SELF_PRONOUNS)) return 0;
    size_t k = s + 1;
    if (is(tok, n, s, "ITS") || is(tok, n, s, "OUR") || is(tok, n, s, "THEIR") || is(tok, n, s, "HIS")) {
        if (k >= vs) return 0;          /* "its" must own the actor: "its forces" */
        k++;
        if (k < vs && !is_in(mk, tok, n, k, M_AUX_ADVERBS)) k++;   /* "its air defences" */
    }
    for (; k < vs; k++) {
        if (is_in(mk, tok, n, k, M_AUX_ADVERBS) || is_negation(mk, tok, n, k)) continue;
        if (is_in(mk, tok, n, k, M_BE_WORDS)) {
            /* "it was behind the attack" is a claim; "it was hit" is not */
            size_t b = k + 1;
            while (b < vs && (is_in(mk, tok, n, b, M_BE_WORDS) || is_negation(mk, tok, n, b))) b++;
            if (is(tok, n, b, "BEHIND") || is(tok, n, b, "RESPONSIBLE")) return 1;
            return 0;
        }
        return 0;
    }
    return 1;
}

fm_mode fm_mode_of(const char *text, const fm_token *tok, size_t n,
                   size_t verb_start, size_t verb_end,
                   const fm_attrib_frame *frames, size_t n_frames)
{
    return fm_mode_of_marked(text, tok, NULL, n, verb_start, verb_end, frames, n_frames);
}

fm_mode fm_mode_of_marked(const char *text, const fm_token *tok, const fm_word_marks *mk, size_t n,
                          size_t verb_start, size_t verb_end,
                          const fm_attrib_frame *frames, size_t n_frames)
{
    if (!tok || verb_start >= n) return FM_MODE_ASSERTED;
    if (verb_end <= verb_start) verb_end = verb_start + 1;
    if (verb_end > n) verb_end = n;
    size_t vs = verb_start, ve = verb_end;

    size_t idx[FM_MAX_ATTRIBUTION * 2];
    size_t m = fm_attribution_for(frames, n_frames, vs, ve, idx, sizeof idx / sizeof idx[0]);
    const fm_attrib_frame *inner = m ? &frames[idx[0]] : NULL;
    size_t floor = inner ? inner->scope_start : 0;
    size_t cs = clause_start(mk, text, tok, n, vs, floor);

    for (size_t k = 0; k < m; k++)
        if (frames[idx[k]].kind == FM_ATTRIB_DENY) return FM_MODE_DENIED;

    /* negation and modals in the clause, up to the verb (the verb phrase may
     * itself hold "did not attack") */
    int negated = 0, hypothetical = 0, hedged = 0, conditional = 0;
    size_t first_modal = n;
    for (size_t k = cs; k < ve; k++) {
        int before = k < vs;
        if (before && is_in(mk, tok, n, k, M_CONDITIONALS)) hypothetical = conditional = 1;
        if (before && is_modal(mk, tok, n, k) && (governs(mk, tok, n, k, vs) || governs_conjunct(mk, tok, n, k, vs))) {
            hypothetical = 1;
            if (first_modal == n) first_modal = k;
        }
        if (is_negation(mk, tok, n, k) && (vs < k + 7 || k >= vs)) {
            /* "no group claimed responsibility for the attack" negates the claim */
            int crossed = 0;
            for (size_t j = k + 1; j < vs; j++)
                if (is(tok, n, j, "RESPONSIBILITY") || (fm_speech_verb(&tok[j]) && j > k + 1) ||
                    fm_attribution_in_head(frames, n_frames, j))
                    crossed = 1;
            if (!crossed) {
                if (first_modal < k) hypothetical = 1;   /* "will not strike" */
                else negated = 1;
            }
        }
        if (before && is_in(mk, tok, n, k, M_STOPPERS) && vs <= k + 3) negated = 1;
        if (before && is(tok, n, k, "LONGER") && k > 0 && is(tok, n, k - 1, "NO")) negated = 1;
        if (before && is_in(mk, tok, n, k, M_PREVENTERS) && vs <= k + 6 && vs > k + 2 && is(tok, n, vs - 1, "FROM")) {
            size_t l = strlen(nm(&tok[k]));
            if (l > 2 && (nm(&tok[k])[l - 1] == 'D' || is(tok, n, k, "KEPT"))) negated = 1;
            else hypothetical = 1;
        }
        if (before && is_in(mk, tok, n, k, M_INTENTS)) {
            /* "threatened to strike", "ordered troops to withdraw", "plans for an attack" */
            for (size_t j = k + 1; j < vs && j <= k + 5; j++)
                if ((is(tok, n, j, "TO") && governs(mk, tok, n, j, vs)) ||
                    ((is(tok, n, j, "FOR") || is(tok, n, j, "OF") || is(tok, n, j, "ON")) &&
                     j == k + 1 && vs <= k + 4)) {
                    hypothetical = 1;
                    break;
                }
            if (k + 1 == vs) {
                /* "a threatened strike" */
                if (is_in(mk, tok, n, k, M_FUTURE_ADJ)) hypothetical = 1;
            }
        }
        if (before && is_in(mk, tok, n, k, M_FUTURE_ADJ) && vs <= k + 2 &&
            !is(tok, n, k, "EXPECTED") && !is(tok, n, k, "THREATENED"))
            hypothetical = 1;
        if (before && is_in(mk, tok, n, k, M_HEDGES)) {
            if (is(tok, n, k, "LIKELY") && is(tok, n, k + 1, "TO")) hypothetical = 1;
            else hedged = 1;
        }
        if (before && is_in(mk, tok, n, k, M_HEDGE_VERBS) && k > cs &&
            (is_in(mk, tok, n, k - 1, M_BE_WORDS) ||
             /* "was yesterday reported to have", "is widely believed to" */
             (k > cs + 1 && is_in(mk, tok, n, k - 2, M_BE_WORDS) && between_adverb(&tok[k - 1])))) {
            /* "is said to have", "were reported killed", "is accused of", "was blamed for" */
            if (is(tok, n, k + 1, "TO") || is(tok, n, k + 1, "OF") || is(tok, n, k + 1, "FOR") || k + 1 == vs)
                hedged = 1;
        }
        if (before && (is(tok, n, k, "SUSPECTED") || is(tok, n, k, "ACCUSED")) &&
            is(tok, n, k + 1, "OF"))
            hedged = 1;
        if (before && (is(tok, n, k, "REPORTS") || is(tok, n, k, "CLAIMS")) && is(tok, n, k + 1, "OF"))
            hedged = 1;
    }

    /* "a military incursion by India is imminent": a future act named by its noun and
     * said to be coming after it */
    static const char *const coming[] = { "IMMINENT", "LIKELY", "EXPECTED", "POSSIBLE", "LOOMING", "FEARED", NULL };
    for (size_t k = ve; k + 1 < n && k < ve + 6; k++) {
        if (tok[k].kind == FM_TOK_PUNCT || is_in(mk, tok, n, k, M_CLAUSE_BOUNDS)) break;
        if (!is_in(mk, tok, n, k, M_BE_WORDS)) continue;
        size_t j = k + 1;
        if (j + 1 < n && (is(tok, n, j, "NOW") || is(tok, n, j, "ALSO"))) j++;
        if (in_set(nm(&tok[j]), coming) && !is(tok, n, j + 1, "TO")) hypothetical = 1;
        break;
    }

    int self = 0, claim = 0, attributed = 0;
    if (inner) {
        size_t s = inner->scope_start;
        if (inner->kind == FM_ATTRIB_CLAIM) claim = 1;
        else if (inner->kind != FM_ATTRIB_ACCORDING_TO && inner->kind != FM_ATTRIB_ACCUSE &&
                 s > inner->cue && self_report(mk, tok, n, s, vs))
            self = 1;
        else if (s < inner->cue) {
            /* a quote before its speaker: "We did not attack," the colonel said. */
            if (s < n && tok[s].kind == FM_TOK_QUOTE) s++;
            if (is_in(mk, tok, n, s, M_FIRST_PERSON) && (is(tok, n, s, "WE") || is(tok, n, s, "I")
                    ? self_report(mk, tok, n, s, vs) : 1) && inner->kind != FM_ATTRIB_ACCORDING_TO)
                self = 1;
        }
        attributed = 1;
    }
    /* "if Japan fails to meet them", "unless Israel does not withdraw": a condition, whatever
     * it negates */
    if (conditional) return FM_MODE_HYPOTHETICAL;
    if (negated && self) return FM_MODE_DENIED;
    if (negated) return FM_MODE_NEGATED;
    if (hypothetical) return FM_MODE_HYPOTHETICAL;
    if (claim || self) return FM_MODE_CLAIMED;
    if (attributed || hedged) return FM_MODE_REPORTED;
    return FM_MODE_ASSERTED;
}

static const char *const *const MODE_LISTS[M_LISTS] = {
    [M_AUX_ADVERBS] = aux_adverbs, [M_BE_WORDS] = be_words, [M_CLAUSE_BOUNDS] = clause_bounds,
    [M_CONDITIONALS] = conditionals, [M_FIRST_PERSON] = first_person, [M_FUTURE_ADJ] = future_adj,
    [M_HEDGE_VERBS] = hedge_verbs, [M_HEDGES] = hedges, [M_INTENTS] = intents, [M_MODAL_GAP] = modal_gap,
    [M_MODALS] = modals, [M_NEGATORS] = negators, [M_PREVENTERS] = preventers, [M_SELF_PRONOUNS] = self_pronouns, [M_STOPPERS] = stoppers,
};
/* is_in compares the norm of any token, as the lists' scan did */
const fm_wordlist_group fm_mode_words = { MODE_LISTS, M_LISTS, 0 };
