/* quantities.c — reads number phrases and the counts a sentence states
 * (killed, injured, arrested, munitions, participants) from its tokens.
 * Word lists are const tables; nothing here allocates except vague-count text. */
#include "quantities.h"
#include <string.h>

/* Inlined into every list scan here: this runs for every word of every list
 * on every token of a sentence, and the first byte settles almost all calls. */
static inline int word_is(const fm_token *t, const char *w)
{
    /* The tokenizer may keep abbreviation dots ("P.M.", "DEC.") or split
     * them off; comparing without dots makes both spellings match. */
    const char *s = t->norm;
    if (!s || t->norm_len == 0) return 0;
    if (s[0] != w[0] && s[0] != '.') return 0;
    size_t i = 0, k = 0, len = t->norm_len;
    while (i < len) {
        if (s[i] == '.') { i++; continue; }
        if (!w[k] || s[i] != w[k]) return 0;
        i++, k++;
    }
    return w[k] == 0 && k > 0;
}

static inline int word_in(const fm_token *t, const char *const *list)
{
    const char *s = t->norm;
    if (!s || t->norm_len == 0) return 0;
    for (size_t i = 0; list[i]; i++)
        if ((list[i][0] == s[0] || s[0] == '.') && word_is(t, list[i])) return 1;
    return 0;
}

int fm_token_word_is(const fm_token *t, const char *w) { return word_is(t, w); }
int fm_token_word_in(const fm_token *t, const char *const *list) { return word_in(t, list); }

typedef struct word_value { const char *word; int value; } word_value;

static const word_value units[] = {
    {"ZERO", 0}, {"ONE", 1}, {"TWO", 2}, {"THREE", 3}, {"FOUR", 4}, {"FIVE", 5},
    {"SIX", 6}, {"SEVEN", 7}, {"EIGHT", 8}, {"NINE", 9}, {"TEN", 10},
    {"ELEVEN", 11}, {"TWELVE", 12}, {"THIRTEEN", 13}, {"FOURTEEN", 14},
    {"FIFTEEN", 15}, {"SIXTEEN", 16}, {"SEVENTEEN", 17}, {"EIGHTEEN", 18},
    {"NINETEEN", 19}, {"TWENTY", 20}, {"THIRTY", 30}, {"FORTY", 40},
    {"FIFTY", 50}, {"SIXTY", 60}, {"SEVENTY", 70}, {"EIGHTY", 80}, {"NINETY", 90},
    {NULL, 0}
};
static const word_value scales[] = {
    {"HUNDRED", 100}, {"THOUSAND", 1000}, {"MILLION", 1000000}, {"BILLION", 1000000000},
    {NULL, 0}
};

/* tab: units or scales, whose words all have the tokenizer's FM_WC_NUMBER */
static int lookup(const word_value *tab, const fm_token *t, int *v)
{
    if (t->kind != FM_TOK_WORD || !(t->wclass & FM_WC_NUMBER)) return 0;
    for (size_t i = 0; tab[i].word; i++)
        if (word_is(t, tab[i].word)) { *v = tab[i].value; return 1; }
    return 0;
}

/* Digits with thousands commas and an optional decimal part; value scaled by
 * 10 to keep one decimal ("1.5 million"). Anything else (21:50) fails. */
static int digits_value(const fm_token *t, int64_t *tenths)
{
    const char *s = t->norm;
    int64_t v = 0;
    int frac = -1, nd = 0;
    for (size_t i = 0; i < t->norm_len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (frac >= 0) { if (frac == 0) v += c - '0'; frac++; continue; }
            if (v > INT64_C(100000000000)) return 0;
            v = v * 10 + (c - '0');
            nd++;
        } else if (c == ',' && frac < 0 && nd > 0) {
            continue;
        } else if (c == '.' && frac < 0 && nd > 0) {
            v *= 10;
            frac = 0;
        } else {
            return 0;
        }
    }
    if (nd == 0) return 0;
    if (frac < 0) v *= 10;
    *tenths = v;
    return 1;
}

static const char *const vague_words[] = {
    "DOZENS", "HUNDREDS", "THOUSANDS", "MILLIONS", "SCORES", "SEVERAL", "MANY",
    "NUMEROUS", "COUNTLESS", "TENS", NULL
};

static int hyphen_next(const fm_token *tok, size_t n, size_t i)
{
    return i + 1 < n && (tok[i + 1].flags & FM_TOKF_HYPHEN);
}

int fm_number_parse(const fm_token *tok, size_t n, size_t i, fm_number *out)
{
    if (i >= n) return 0;
    const fm_token *t = &tok[i];
    int v;
    memset(out, 0, sizeof *out);
    out->start = i;
    /* a number phrase starts with digits, a number word, a vague quantity or "a"/"an" */
    if (t->kind != FM_TOK_NUMBER && !(t->wclass & (FM_WC_NUMBER | FM_WC_HEDGE))) return 0;

    /* vague: "dozens", "tens of thousands", "hundreds of thousands", "a number of" */
    if ((t->wclass & FM_WC_NUMBER) && word_in(t, vague_words)) {   /* all of them have the bit */
        size_t j = i + 1;
        if (j + 1 < n && word_is(&tok[j], "OF") &&
            (word_is(&tok[j + 1], "THOUSANDS") || word_is(&tok[j + 1], "MILLIONS")) &&
            (word_is(t, "TENS") || word_is(t, "HUNDREDS")))
            j += 2;
        else if (word_is(t, "TENS"))
            return 0;
        out->value = -1, out->vague = 1, out->end = j;
        return 1;
    }
    if ((word_is(t, "A") || word_is(t, "AN")) && i + 2 < n) {
        if (word_is(&tok[i + 1], "NUMBER") && word_is(&tok[i + 2], "OF")) {
            out->value = -1, out->vague = 1, out->end = i + 2;
            return 1;
        }
        if (word_is(&tok[i + 1], "FEW")) {
            out->value = -1, out->vague = 1, out->end = i + 2;
            return 1;
        }
    }
    if ((word_is(t, "A") || word_is(t, "AN")) && i + 1 < n) {
        if (word_is(&tok[i + 1], "DOZEN")) {
            out->value = 12, out->end = i + 2;
            return 1;
        }
        if (lookup(scales, &tok[i + 1], &v)) {
            out->value = v, out->end = i + 2;
            return 1;
        }
        return 0;
    }

    if (t->kind == FM_TOK_NUMBER) {
        int64_t tenths;
        if (!digits_value(t, &tenths)) return 0;
        size_t j = i + 1;
        /* "15-year-old", "5th": adjectives and ordinals, not counts */
        if (hyphen_next(tok, n, i) || (j < n && (tok[j].flags & FM_TOKF_NOSPACE) && tok[j].kind == FM_TOK_WORD))
            return 0;
        if (j < n && lookup(scales, &tok[j], &v) && v >= 1000) {
            tenths *= v;
            j++;
        }
        out->value = tenths / 10;
        out->end = j;
        return 1;
    }

    /* number words: "two hundred and fifty", "twenty-three", "1.5"-free */
    int64_t total = 0, current = 0;
    size_t j = i;
    int any = 0;
    while (j < n) {
        const fm_token *w = &tok[j];
        if (lookup(units, w, &v)) {
            if (any && current % 100 != 0 && !(w->flags & FM_TOKF_HYPHEN)) break;
            current += v;
        } else if (any && lookup(scales, w, &v)) {
            if (v == 100) current = (current ? current : 1) * 100;
            else { total += (current ? current : 1) * v; current = 0; }
        } else if (any && word_is(w, "DOZEN")) {
            current = (current ? current : 1) * 12;
        } else if (any && word_is(w, "AND") && j + 1 < n && lookup(units, &tok[j + 1], &v) &&
                   (current >= 100 || total > 0)) {
            /* "two hundred and fifty" */
        } else {
            break;
        }
        any = 1;
        j++;
    }
    if (!any) return 0;
    /* "one-year-old", "two-day": a hyphenated word after a number word is an adjective */
    if (j < n && (tok[j].flags & FM_TOKF_HYPHEN)) return 0;
    out->value = total + current;
    out->end = j;
    return 1;
}

/* The hedges before a count, by first letter: two-word ones ("at least") and
 * one-word ones (second NULL). A token is tested against its letter's only,
 * the two-word ones first. */
typedef struct hedge { const char *first, *second; } hedge;
static const hedge hedges_a[] = {
    {"AT", "LEAST"}, {"AT", "MOST"}, {"AN", "ESTIMATED"}, {"A", "FURTHER"}, {"AN", "ADDITIONAL"}, {"A", "TOTAL"},
    {"AS", "MANY"}, {"ALMOST", NULL}, {"ABOUT", NULL}, {"AROUND", NULL}, {"APPROXIMATELY", NULL},
    {"ANOTHER", NULL}, {"ABOVE", NULL}, {"AS", NULL}, {NULL, NULL} };
static const hedge hedges_b[] = { {"BETWEEN", NULL}, {NULL, NULL} };
static const hedge hedges_c[] = { {"CLOSE", "TO"}, {NULL, NULL} };
static const hedge hedges_e[] = { {"ESTIMATED", NULL}, {NULL, NULL} };
static const hedge hedges_f[] = { {"FEWER", "THAN"}, {NULL, NULL} };
static const hedge hedges_j[] = { {"JUST", NULL}, {NULL, NULL} };
static const hedge hedges_l[] = { {"LESS", "THAN"}, {NULL, NULL} };
static const hedge hedges_m[] = { {"MORE", "THAN"}, {NULL, NULL} };
static const hedge hedges_n[] = { {"NEARLY", NULL}, {NULL, NULL} };
static const hedge hedges_o[] = { {"OVER", NULL}, {"ONLY", NULL}, {"OF", NULL}, {NULL, NULL} };
static const hedge hedges_p[] = { {"PERHAPS", NULL}, {"POSSIBLY", NULL}, {NULL, NULL} };
static const hedge hedges_r[] = { {"ROUGHLY", NULL}, {NULL, NULL} };
static const hedge hedges_s[] = { {"SOME", NULL}, {NULL, NULL} };
static const hedge hedges_u[] = { {"UP", "TO"}, {"UNDER", NULL}, {"UPWARDS", NULL}, {NULL, NULL} };

/* The hedges t may begin: those of its first letter after any dots (word_is
 * skips them), or NULL. */
static const hedge *hedges_for(const fm_token *t)
{
    const char *s = t->norm;
    size_t k = 0;
    if (!s) return NULL;
    while (k < t->norm_len && s[k] == '.') k++;
    if (k == t->norm_len) return NULL;
    switch (s[k]) {
    case 'A': return hedges_a;
    case 'B': return hedges_b;
    case 'C': return hedges_c;
    case 'E': return hedges_e;
    case 'F': return hedges_f;
    case 'J': return hedges_j;
    case 'L': return hedges_l;
    case 'M': return hedges_m;
    case 'N': return hedges_n;
    case 'O': return hedges_o;
    case 'P': return hedges_p;
    case 'R': return hedges_r;
    case 'S': return hedges_s;
    case 'U': return hedges_u;
    default: return NULL;
    }
}

size_t fm_number_skip_hedges(const fm_token *tok, size_t n, size_t i)
{
    for (int guard = 0; guard < 4 && i < n; guard++) {
        size_t was = i;
        if (!(tok[i].wclass & FM_WC_HEDGE)) break;   /* every hedge's first word has the bit */
        for (const hedge *h = hedges_for(&tok[i]); h && h->first; h++) {
            if (!word_is(&tok[i], h->first)) continue;
            if (h->second) {
                if (i + 1 < n && word_is(&tok[i + 1], h->second)) { i += 2; break; }
                continue;
            }
            /* "of" and "as" only as glue inside a hedge ("a total of", "as many as") */
            if ((word_is(&tok[i], "OF") || word_is(&tok[i], "AS")) && guard == 0) return i;
            i++;
            break;
        }
        if (i == was) break;
    }
    return i;
}

/* ---- counts ------------------------------------------------------------ */

enum { Q_KILLED, Q_INJURED, Q_ARRESTED, Q_MUNITIONS, Q_PARTICIPANTS, Q_N };
_Static_assert(Q_N == 5, "fm_quantity_set holds five kinds");

/* Active verbs whose object is the count: "killing two", "arrested 15 people". */
static const char *const active_killed[] = {
    "KILL", "KILLS", "KILLED", "KILLING", "MASSACRED", "MASSACRING", "EXECUTED", "EXECUTING", NULL };
static const char *const active_injured[] = {
    "WOUND", "WOUNDS", "WOUNDED", "WOUNDING", "INJURE", "INJURES", "INJURED", "INJURING", NULL };
static const char *const active_arrested[] = {
    "ARREST", "ARRESTS", "ARRESTED", "ARRESTING", "DETAIN", "DETAINS", "DETAINED", "DETAINING", NULL };

/* Words after the count: "five people were killed", "12 dead", "40 deaths". */
static const char *const after_killed[] = {
    "KILLED", "DEAD", "DIED", "DIE", "DEATHS", "FATALITIES", "PERISHED", "EXECUTED",
    "MASSACRED", "SLAIN", "DROWNED", NULL };
static const char *const after_injured[] = {
    "WOUNDED", "INJURED", "HURT", "INJURIES", NULL };
static const char *const after_arrested[] = {
    "ARRESTED", "DETAINED", "ARRESTS", "DETENTIONS", NULL };

/* These forms are also active past tense ("two gunmen killed the mayor"):
 * counted as passive only after an auxiliary or when no object follows. */
static const char *const ambiguous_past[] = {
    "KILLED", "WOUNDED", "INJURED", "ARRESTED", "DETAINED", "EXECUTED", "MASSACRED", "HURT", NULL };

static const char *const auxiliaries[] = {
    "WAS", "WERE", "IS", "ARE", "BE", "BEEN", "BEING", "HAVE", "HAS", "HAD", "REPORTEDLY",
    "ALLEGEDLY", "ALSO", "LATER", "ALL", "EACH", "REPORTED", "CONFIRMED", "FEARED", "BELIEVED",
    "SAID", "THOUGHT", "TO", "NOW", "SERIOUSLY", "CRITICALLY", "SEVERELY", "LIGHTLY", "SLIGHTLY",
    "FATALLY", "BADLY", "MORTALLY", "SHOT", "STABBED", "BEATEN", "BURNED", "CRUSHED",
    "OTHERS", "MORE", "PEOPLE", "LEFT", "LAY", "LIE", "LIES", NULL };

static const char *const object_starts[] = {
    "A", "AN", "THE", "HIS", "HER", "THEIR", "ITS", "THIS", "THAT", "THESE", "THOSE", "ALL",
    "HIMSELF", "HERSELF", "THEMSELVES", "HIM", "THEM", "US", "ME", NULL };

/* Where a backward look for the subject's count stops. */
static const char *const clause_breaks[] = {
    "AND", "BUT", "WHILE", "AFTER", "WHEN", "WHO", "WHICH", "THAT", "BEFORE", "AS", "BECAUSE",
    "SAID", "SAYS", "WHERE", "KILLING", "WOUNDING", "INJURING", "ARRESTING", "KILLED", "KILLS",
    "INCLUDING", "AMONG", "WHILST", "OR", "THOUGH", NULL };

static const char *const munition_plural[] = {
    "ROCKETS", "MISSILES", "DRONES", "SHELLS", "MORTARS", "BOMBS", "GRENADES", "PROJECTILES",
    "ROUNDS", "UAVS", "WARHEADS", "MUNITIONS", NULL };
static const char *const munition_single[] = {
    "ROCKET", "MISSILE", "DRONE", "SHELL", "MORTAR", "BOMB", "GRENADE", "PROJECTILE", "ROUND", "UAV", NULL };
static const char *const participant_nouns[] = {
    "PROTESTERS", "PROTESTORS", "DEMONSTRATORS", "MARCHERS", "RALLYGOERS", "PROTESTERS", NULL };
static const char *const crowd_nouns[] = {
    "PEOPLE", "SUPPORTERS", "RESIDENTS", "STUDENTS", "WORKERS", "FARMERS", "WOMEN", "MEN",
    "CITIZENS", "ACTIVISTS", "OPPONENTS", "PERSONS", "DRIVERS", "TEACHERS", "DOCTORS", NULL };
static const char *const rally_verbs[] = {
    "RALLIED", "RALLY", "RALLYING", "MARCHED", "MARCH", "MARCHING", "PROTESTED", "PROTEST",
    "PROTESTING", "DEMONSTRATED", "DEMONSTRATE", "DEMONSTRATING", "GATHERED", "GATHER",
    "GATHERING", "ATTENDED", "JOINED", "TOOK", "TAKE", "TAKING", "FLOODED", "FILLED", "THRONGED",
    "STAGED", "CHANTED", "CHANTING", "ASSEMBLED", NULL };
/* A count followed by these is a measure, not a number of people or things. */
static const char *const measure_nouns[] = {
    "PERCENT", "PER", "YEARS", "YEAR", "DAYS", "DAY", "HOURS", "HOUR", "WEEKS", "MONTHS",
    "MINUTES", "KM", "KILOMETRES", "KILOMETERS", "MILES", "METRES", "METERS", "TIMES", "TONS",
    "TONNES", "DOLLARS", "EUROS", "AM", "PM", NULL };

typedef struct match {
    int found;
    int inside;          /* anchor inside the event's clause */
    size_t anchor;
    fm_number num;
} match;

static int is_boundary(const fm_token *t)
{
    return t->kind == FM_TOK_PUNCT || t->kind == FM_TOK_OPEN || t->kind == FM_TOK_CLOSE || t->kind == FM_TOK_QUOTE;
}

/* Reads a count at i (after hedges): a number phrase that is not a measure.
 * allow_article: "a soldier" counts as one. */
/* "the migrants' September 2015 deaths", "the 2019 attacks": four digits of a year after a
 * month, a determiner or a possessive are a date, not a count (a count that size has a comma) */
static int year_not_count(const fm_token *tok, const fm_number *num)
{
    static const char *const before_year[] = { "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
        "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "THE", "'S", "ITS", "THEIR", "HIS", "HER", NULL };
    const fm_token *t = &tok[num->start];
    if (num->end != num->start + 1 || t->kind != FM_TOK_NUMBER || t->norm_len != 4 || num->value < 1800 ||
        num->value > 2100 || num->start == 0)
        return 0;
    return word_in(&tok[num->start - 1], before_year);
}

static int read_count(const fm_token *tok, size_t n, size_t i, int allow_article, fm_number *out)
{
    i = fm_number_skip_hedges(tok, n, i);
    if (i >= n) return 0;
    if (fm_number_parse(tok, n, i, out)) {
        if (year_not_count(tok, out)) return 0;
        if (out->end < n && word_in(&tok[out->end], measure_nouns)) return 0;
        if (out->end < n && tok[out->end].kind == FM_TOK_SYMBOL && tok[out->end].norm_len &&
            tok[out->end].norm[0] == '%') return 0;
        /* "one of the ..." is fine; a bare "one" before a number-unit is not */
        return 1;
    }
    fm_number after;
    if (allow_article && (word_is(&tok[i], "A") || word_is(&tok[i], "AN")) &&
        i + 1 < n && (tok[i + 1].kind == FM_TOK_WORD || tok[i + 1].kind == FM_TOK_NUMBER) &&
        !word_in(&tok[i + 1], object_starts) && !fm_number_parse(tok, n, i + 1, &after)) {
        out->value = 1, out->vague = 0, out->start = i, out->end = i + 1;
        return 1;
    }
    return 0;
}

/* "the death toll from yesterday's attack at a festival in Vancouver, British Columbia,
 * rises to eleven": the toll's own verb, however far, says to what it rose (up to a
 * semicolon or another toll: a clause of its own) */
static int toll_rise_count(const fm_token *tok, size_t n, size_t i, fm_number *out)
{
    static const char *const rise[] = { "RISES", "ROSE", "RISEN", "RISING", "INCREASES", "INCREASED", "CLIMBS",
                                        "CLIMBED", "REACHES", "REACHED", NULL };
    for (size_t j = i + 1; j + 1 < n && j < i + 40; j++) {
        if ((tok[j].kind == FM_TOK_PUNCT && !strcmp(tok[j].norm, ";")) || word_is(&tok[j], "TOLL")) return 0;
        if (!word_in(&tok[j], rise)) continue;
        size_t k = j + 1;
        if (word_is(&tok[k], "TO")) k++;
        return read_count(tok, n, k, 0, out);
    }
    return 0;
}

static void offer(match *m, size_t anchor, int inside, const fm_number *num)
{
    if (m->found && (m->inside || !inside)) return;   /* first wins, inside beats outside */
    m->found = 1, m->inside = inside, m->anchor = anchor, m->num = *num;
}

/* Where the scan's offers go: straight into the matches of one event's clause
 * [from, to), or into a sentence's candidate lists (fm_quantities_collect) from
 * which each event picks the same way later. */
typedef struct sink {
    match *m;                 /* one event */
    size_t from, to;
    fm_quantity_set *set;     /* or the sentence */
} sink;

static void offer_at(sink *sk, int c, size_t i, size_t anchor, const fm_number *num)
{
    if (sk->set) {
        fm_quantity_set *s = sk->set;
        if (s->n[c] == FM_QUANT_MAX_CANDS) { s->overflow = 1; return; }
        s->c[c][s->n[c]].at = i;
        s->c[c][s->n[c]].num = *num;
        s->n[c]++;
        return;
    }
    offer(&sk->m[c], anchor, i >= sk->from && i < sk->to, num);
}

/* Token ranges of numbers already counted as killed/injured/arrested. */
typedef struct used_set { fm_span r[64]; size_t n; } used_set;

static void use(used_set *u, const fm_number *num)
{
    if (u->n < 64) u->r[u->n++] = (fm_span){ (uint32_t)num->start, (uint32_t)num->end };
}

static int used_at(const used_set *u, size_t i)
{
    for (size_t k = 0; k < u->n; k++)
        if (i >= u->r[k].start && i < u->r[k].end) return 1;
    return 0;
}

static const char *const aside_starts[] = {
    "INCLUDING", "AMONG", "MOSTLY", "MOST", "MANY", "SOME", "ALL", "MAINLY", "NEARLY", NULL };

/* Start of the window that ends at token v: back to a boundary, at most 10 tokens. */
static size_t window_start(const fm_token *tok, size_t v)
{
    size_t lo = v;
    while (lo > 0 && v - lo < 10 && !is_boundary(&tok[lo - 1]) &&
           !word_in(&tok[lo - 1], clause_breaks))
        lo--;
    return lo;
}

/* "between four and 70 people": a range counts as its lower end (the
 * conservative figure event data sets keep). prev is the count before num. */
static int range_low(const fm_token *tok, const fm_number *prev, fm_number *num)
{
    if (prev->start == 0 || !word_is(&tok[prev->start - 1], "BETWEEN") || num->start != prev->end + 1 ||
        !word_is(&tok[prev->end], "AND") || prev->vague || num->vague || prev->value > num->value)
        return 0;
    num->value = prev->value;
    num->start = prev->start;
    return 1;
}

/* The last count in tok[lo, hi). */
static int last_count(const fm_token *tok, size_t lo, size_t hi, fm_number *out)
{
    int found = 0;
    for (size_t j = lo; j < hi;) {
        fm_number num;
        if (read_count(tok, hi, j, 1, &num) && num.end <= hi) {
            if (found) range_low(tok, out, &num);
            *out = num;
            found = 1;
            j = num.end;
        } else {
            j++;
        }
    }
    return found;
}

/* Count before a passive form or a noun: "five people were killed",
 * "one member of the group was killed", "a soldier was killed", "12 dead";
 * an aside between commas is stepped over ("nine people, including two
 * children, were killed" is nine). */
/* The count of the list member before the one starting at `at`, read after its
 * separator ("and", ", and" or ","): the count, then up to four words of its noun
 * ("two of his guards", "five soldiers"). Sets *sep_and when the separator holds AND. */
static int member_before(const fm_token *tok, size_t at, int *sep_and, fm_number *out)
{
    size_t k = at;
    if (k > 0 && word_is(&tok[k - 1], "AND")) {
        k--, *sep_and = 1;
        if (k > 0 && tok[k - 1].kind == FM_TOK_PUNCT && tok[k - 1].norm[0] == ',') k--;
    } else if (k > 0 && tok[k - 1].kind == FM_TOK_PUNCT && tok[k - 1].norm[0] == ',') {
        k--;
    } else {
        return 0;
    }
    size_t lo = k;
    while (lo > 0 && k - lo < 6 && (tok[lo - 1].kind == FM_TOK_WORD || tok[lo - 1].kind == FM_TOK_NUMBER)) lo--;
    for (size_t j = lo; j < k; j++) {
        fm_number num;
        if (read_count(tok, k, j, 1, &num) && num.start == j && num.end <= k && num.end + 4 >= k) {
            /* "killed, including a child, and 35 injured": an aside is no member */
            if (j > 0 && word_in(&tok[j - 1], aside_starts)) return 0;
            /* a noun's words only: "twelve people are killed and four others" is two clauses */
            for (size_t w = num.end; w < k; w++)
                if (tok[w].kind != FM_TOK_WORD || (tok[w].wclass & (FM_WC_AUX | FM_WC_COUNT | FM_WC_CONJ)))
                    return 0;
            *out = num;
            return 1;
        }
    }
    return 0;
}

/* "three others", "one more": a count of people apart from those named before */
static int others_count(const fm_token *tok, const fm_number *num, size_t v)
{
    for (size_t w = num->end; w < v && w < num->end + 3; w++)
        if (word_is(&tok[w], "OTHERS") || word_is(&tok[w], "OTHER") || word_is(&tok[w], "MORE")) return 1;
    return 0;
}

/* "A government administrator, two of his guards and a passerby are killed": the counts
 * of a list joined by AND add up (four), as a coder would tally them; a vague member
 * ("dozens") or a range leaves the last count alone. */
static void list_total(const fm_token *tok, size_t v, fm_number *out)
{
    if (out->vague || (out->start > 0 && word_is(&tok[out->start - 1], "BETWEEN")) || others_count(tok, out, v)) return;
    int64_t total = out->value;
    size_t start = out->start;
    int sep_and = 0, members = 1;
    fm_number m;
    while (members < 8 && member_before(tok, start, &sep_and, &m)) {
        if (m.vague) return;
        total += m.value, start = m.start, members++;
    }
    if (members < 2 || !sep_and) return;
    out->value = total;
    out->start = start;
}

static int count_before(const fm_token *tok, size_t v, fm_number *out)
{
    size_t lo = window_start(tok, v);
    if (last_count(tok, lo, v, out)) {
        /* the window stops at AND: "between four and 70 people were killed" */
        for (size_t j = out->start >= 5 ? out->start - 5 : 0; out->start >= 2 && j + 1 < out->start; j++) {
            fm_number low;
            if (fm_number_parse(tok, out->start, j, &low) && low.end + 1 == out->start) {
                range_low(tok, &low, out);
                break;
            }
        }
        list_total(tok, v, out);
        return 1;
    }
    if (lo < 2 || tok[lo - 1].kind != FM_TOK_PUNCT || tok[lo - 1].norm[0] != ',') return 0;
    for (size_t k = lo - 1; k-- > 0 && lo - k < 12;) {
        if (tok[k].kind == FM_TOK_PUNCT) {
            if (tok[k].norm[0] != ',' || !word_in(&tok[k + 1], aside_starts)) return 0;
            return last_count(tok, window_start(tok, k), k, out);
        }
    }
    return 0;
}

static int passive_here(const fm_token *tok, size_t n, size_t v)
{
    if (!word_in(&tok[v], ambiguous_past)) return 1;
    if (v > 0 && word_in(&tok[v - 1], auxiliaries)) return 1;
    if (v + 1 >= n) return 1;
    const fm_token *nx = &tok[v + 1];
    fm_number num;
    if (word_in(nx, object_starts)) return 0;
    if (read_count(tok, n, v + 1, 0, &num)) return 0;
    return 1;
}

/* The words scan's second loop acts on at a token, by first letter, so that
 * a token that is none of them costs one switch instead of a pass over every
 * list: the first words of fm_number_skip_hedges' hedges and of
 * fm_number_parse's number phrases (read_count fails at any other word). The
 * first loop's words (the active and after lists above and TOLL) are the
 * tokenizer's FM_WC_COUNT class. A word added to one of those lists must be
 * added here or there. */
static const char *const counts_a[] = { "A", "AN", "AT", "AS", "ALMOST", "ABOUT", "AROUND", "APPROXIMATELY", "ANOTHER",
                                        "ABOVE", NULL };
static const char *const counts_b[] = { "BETWEEN", NULL };
static const char *const counts_c[] = { "CLOSE", "COUNTLESS", NULL };
static const char *const counts_d[] = { "DOZENS", NULL };
static const char *const counts_e[] = { "ESTIMATED", "EIGHT", "EIGHTEEN", "EIGHTY", "ELEVEN", NULL };
static const char *const counts_f[] = { "FEWER", "FOUR", "FOURTEEN", "FORTY", "FIVE", "FIFTEEN", "FIFTY", NULL };
static const char *const counts_h[] = { "HUNDREDS", NULL };
static const char *const counts_j[] = { "JUST", NULL };
static const char *const counts_l[] = { "LESS", NULL };
static const char *const counts_m[] = { "MORE", "MILLIONS", "MANY", NULL };
static const char *const counts_n[] = { "NEARLY", "NUMEROUS", "NINE", "NINETEEN", "NINETY", NULL };
/* (not OF: a hedge's glue ("a total of"), which read_count never starts at) */
static const char *const counts_o[] = { "OVER", "ONLY", "ONE", NULL };
static const char *const counts_p[] = { "PERHAPS", "POSSIBLY", NULL };
static const char *const counts_r[] = { "ROUGHLY", NULL };
static const char *const counts_s[] = { "SOME", "SCORES", "SEVERAL", "SIX", "SIXTEEN", "SIXTY", "SEVEN", "SEVENTEEN",
                                        "SEVENTY", NULL };
static const char *const counts_t[] = { "THOUSANDS", "TENS", "TWO", "THREE", "TEN", "TWELVE", "THIRTEEN", "TWENTY",
                                        "THIRTY", NULL };
static const char *const counts_u[] = { "UP", "UNDER", "UPWARDS", NULL };
static const char *const counts_z[] = { "ZERO", NULL };

/* 1 if t may be one of the words of the table for its first letter (tables
 * indexed 'A'..'Z', NULL: none); a leading dot (word_is skips dots) may be anything. */
static int may_be(const fm_token *t, const char *const *const *by_letter)
{
    if (!t->norm || !t->norm_len) return 0;
    unsigned char c = (unsigned char)t->norm[0];
    if (c == '.') return 1;
    if (c < 'A' || c > 'Z' || !by_letter[c - 'A']) return 0;
    return word_in(t, by_letter[c - 'A']);
}

static const char *const *const count_starts[26] = {
    ['A' - 'A'] = counts_a, ['B' - 'A'] = counts_b, ['C' - 'A'] = counts_c, ['D' - 'A'] = counts_d,
    ['E' - 'A'] = counts_e, ['F' - 'A'] = counts_f, ['H' - 'A'] = counts_h, ['J' - 'A'] = counts_j,
    ['L' - 'A'] = counts_l, ['M' - 'A'] = counts_m, ['N' - 'A'] = counts_n, ['O' - 'A'] = counts_o,
    ['P' - 'A'] = counts_p, ['R' - 'A'] = counts_r, ['S' - 'A'] = counts_s, ['T' - 'A'] = counts_t,
    ['U' - 'A'] = counts_u, ['Z' - 'A'] = counts_z,
};

static void scan(const fm_token *tok, size_t n, sink *sk)
{
    used_set used = { .n = 0 };
    static const char *const *const active[3] = { active_killed, active_injured, active_arrested };
    static const char *const *const after[3] = { after_killed, after_injured, after_arrested };

    for (size_t i = 0; i < n; i++) {
        fm_number num;
        if (!(tok[i].wclass & FM_WC_COUNT)) continue;   /* the class is the triggers' words */
        for (int c = 0; c < 3; c++) {
            if (word_in(&tok[i], active[c]) && read_count(tok, n, i + 1, 1, &num) &&
                !(word_in(&tok[i], ambiguous_past) && i > 0 && word_in(&tok[i - 1], auxiliaries) &&
                  !word_is(&tok[i - 1], "HAVE") && !word_is(&tok[i - 1], "HAS") &&
                  !word_is(&tok[i - 1], "HAD"))) {
                offer_at(sk, c, i, i, &num);
                use(&used, &num);
            } else if (word_in(&tok[i], after[c]) && passive_here(tok, n, i) &&
                       !(i > 0 && (word_is(&tok[i - 1], "OF") || word_is(&tok[i - 1], "FROM"))) &&   /* "die of injuries" */
                       count_before(tok, i, &num)) {
                offer_at(sk, c, i, i, &num);
                use(&used, &num);
            }
        }
        /* "the death toll rose to 40", "a toll of 12", "toll rose from 25 to 40" */
        if (word_is(&tok[i], "TOLL")) {
            int got = 0;
            for (size_t j = i + 1; j < n && j < i + 9 && !is_boundary(&tok[j]); j++) {
                if (word_is(&tok[j], "FROM")) {
                    if (fm_number_parse(tok, n, j + 1, &num)) j = num.end - 1;
                    continue;
                }
                if (read_count(tok, n, j, 0, &num)) {
                    offer_at(sk, Q_KILLED, i, i, &num);
                    use(&used, &num);
                    got = 1;
                    break;
                }
            }
            if (!got && toll_rise_count(tok, n, i, &num)) {
                offer_at(sk, Q_KILLED, i, i, &num);
                use(&used, &num);
            }
        }
    }

    for (size_t i = 0; i < n; i++) {
        fm_number num;
        if (tok[i].kind != FM_TOK_NUMBER &&
            (!(tok[i].wclass & (FM_WC_NUMBER | FM_WC_HEDGE)) || !may_be(&tok[i], count_starts)))
            continue;
        if (used_at(&used, i) || !read_count(tok, n, i, 0, &num) || used_at(&used, num.start)) continue;
        size_t j = num.end;
        size_t next_i = num.end - 1;
        if (j < n && word_is(&tok[j], "OF")) j++;
        /* up to two modifiers: "five Katyusha rockets", "two ballistic missiles" */
        for (size_t k = 0; k < 3 && j + k < n; k++) {
            const fm_token *w = &tok[j + k];
            if (w->kind != FM_TOK_WORD) break;
            int plural = word_in(w, munition_plural);
            int single = num.value == 1 && word_in(w, munition_single);
            if ((plural || single) && !(j + k + 1 < n && (word_is(&tok[j + k + 1], "STRIKES") ||
                                                          word_is(&tok[j + k + 1], "ATTACKS") ||
                                                          word_is(&tok[j + k + 1], "STRIKE") ||
                                                          word_is(&tok[j + k + 1], "ATTACK")))) {
                /* "rounds" alone is too loose: only "mortar/artillery/tank rounds" */
                if (word_is(w, "ROUNDS") && !(k > 0 && (word_is(&tok[j + k - 1], "MORTAR") ||
                                                                 word_is(&tok[j + k - 1], "ARTILLERY") ||
                                                                 word_is(&tok[j + k - 1], "TANK"))))
                    break;
                offer_at(sk, Q_MUNITIONS, i, num.start, &num);
                break;
            }
            if (word_in(w, participant_nouns)) {
                offer_at(sk, Q_PARTICIPANTS, i, num.start, &num);
                break;
            }
            if (word_in(w, crowd_nouns)) {
                for (size_t r = j + k + 1; r < n && r < j + k + 5 && !is_boundary(&tok[r]); r++)
                    if (word_in(&tok[r], rally_verbs)) {
                        offer_at(sk, Q_PARTICIPANTS, i, num.start, &num);
                        break;
                    }
                break;
            }
        }
        /* "a crowd of 5,000", "crowds of thousands" */
        if (i >= 2 && word_is(&tok[i - 1], "OF") &&
            (word_is(&tok[i - 2], "CROWD") || word_is(&tok[i - 2], "CROWDS")))
            offer_at(sk, Q_PARTICIPANTS, i, num.start, &num);
        i = next_i;     /* "two hundred and fifty" is one count, not also "fifty" */
    }

}

static void finish(const char *text, const fm_token *tok, fm_arena *a, const match *m, fm_quantities *q, int *set_out)
{
    fm_count *dst[Q_N] = { &q->killed, &q->injured, &q->arrested, &q->munitions, &q->participants };
    int set = 0;
    for (int c = 0; c < Q_N; c++) {
        if (!m[c].found || dst[c]->set) continue;
        dst[c]->set = 1;
        dst[c]->value = m[c].num.vague ? -1 : m[c].num.value;
        dst[c]->text = NULL;
        if (m[c].num.vague && a && text) {
            const fm_token *s = &tok[m[c].num.start], *e = &tok[m[c].num.end - 1];
            dst[c]->text = fm_arena_strndup(a, text + s->start, e->end - s->start);
        }
        set++;
    }
    *set_out = set;
}

int fm_quantities_find(const char *text, const fm_token *tok, size_t n, size_t from, size_t to,
                       fm_arena *a, fm_quantities *q)
{
    match m[Q_N];
    memset(m, 0, sizeof m);
    sink sk = { m, from, to, NULL };
    scan(tok, n, &sk);
    int set;
    finish(text, tok, a, m, q, &set);
    return set;
}

void fm_quantities_collect(const fm_token *tok, size_t n, fm_quantity_set *out)
{
    memset(out->n, 0, sizeof out->n);
    out->overflow = 0;
    sink sk = { NULL, 0, 0, out };
    scan(tok, n, &sk);
}

int fm_quantities_pick(const fm_quantity_set *s, const char *text, const fm_token *tok, size_t n,
                       size_t from, size_t to, fm_arena *a, fm_quantities *q)
{
    if (s->overflow) return fm_quantities_find(text, tok, n, from, to, a, q);
    match m[Q_N];
    memset(m, 0, sizeof m);
    for (int c = 0; c < Q_N; c++)
        for (size_t j = 0; j < s->n[c]; j++) {
            size_t i = s->c[c][j].at;
            offer(&m[c], i, i >= from && i < to, &s->c[c][j].num);
        }
    int set;
    finish(text, tok, a, m, q, &set);
    return set;
}

/* The lists the scanners pass by unless a token has a class bit must hold only
 * words of that class (the tokenizer's table is written apart from them): the
 * first listed word without its bit, or NULL. */
static const char *unclassed_in(const char *const *list, uint16_t bit)
{
    for (; *list; list++)
        if (!(fm_word_class(*list) & bit)) return *list;
    return NULL;
}

static const char *unclassed_values(const word_value *tab, uint16_t bit)
{
    for (; tab->word; tab++)
        if (!(fm_word_class(tab->word) & bit)) return tab->word;
    return NULL;
}

const char *fm_quantities_unclassed(void)
{
    static const char *const toll[] = { "TOLL", NULL };
    const char *const *counts[] = { active_killed, active_injured, active_arrested, after_killed, after_injured,
                                    after_arrested, toll };
    const char *w = NULL;
    for (size_t k = 0; !w && k < sizeof counts / sizeof counts[0]; k++) w = unclassed_in(counts[k], FM_WC_COUNT);
    if (!w) w = unclassed_in(vague_words, FM_WC_NUMBER);
    if (!w) w = unclassed_values(units, FM_WC_NUMBER);
    if (!w) w = unclassed_values(scales, FM_WC_NUMBER);
    return w;
}
