/* attribution.c — finds speech and attribution frames in the tokens of one
 * sentence: the speaker, the outlet or channel (via) and the clause vouched
 * for. Word lists are const tables here; no actor coding, no allocation. */
#include "attribution.h"
#include <string.h>

/* The word lists of the rules below, one bit each of a token's attribution
 * marks; ATTRIBUTION_LISTS at the end of this file names the arrays. */
enum {
    A_ACCORDING_STOPS, A_ADJUNCT_LINKS, A_APPOSITION_TITLES, A_BE_WORDS, A_BEFORE_ADJ, A_CHANNEL_NOUNS,
    A_CLAUSE_WORDS, A_DENIAL_OBJECTS, A_DISPUTE_DETS, A_DISPUTE_NOUNS, A_DISPUTE_VERBS, A_FALSITY_WORDS,
    A_FINITE_WORDS, A_GERUND_PREPS, A_INVERTIBLE, A_ISSUE_VERBS, A_JOINS, A_MONTHS, A_NEGATORS, A_NP_ENDERS,
    A_OUTLET_AFTER, A_OUTLET_BEFORE, A_PARTICIPLES, A_PARTS_OF_DAY, A_PLATFORM_DETS, A_PLATFORM_TAILS,
    A_PRE_CUE_WORDS, A_RELATIVES, A_REPORT_NOUNISH, A_RESPONSIBILITY_VERBS, A_SUBJECT_PRONOUNS, A_TIME_SINGLE,
    A_TOLD_PRONOUNS, A_WEEKDAYS, A_ACCORDING, A_PLAIN_SPEECH,
    A_OUTLETS, A_PLATFORMS,   /* phrase lists: the bit marks a token that is a phrase's first word */
    A_LISTS
};
static const char *const *const ATTRIBUTION_LISTS[A_LISTS];

/* ---- token helpers ------------------------------------------------------ */

static const char *nm(const fm_token *t) { return t->norm ? t->norm : ""; }

/* Every comparison first tests the first byte: almost all fail there, and a
 * strcmp call per (token, list word) pair was the largest cost of a sentence. */
static int is(const fm_token *tok, size_t n, size_t i, const char *w)
{
    if (i >= n) return 0;
    const char *s = nm(&tok[i]);
    if (s[0] != w[0]) return 0;
    /* the rest inline too: the words are short, and a call cost more than them */
    while (*s && *s == *w) s++, w++;
    return *s == *w;
}

static int in_set(const char *s, const char *const *set)
{
    for (char c = s[0]; *set; set++)
        if ((*set)[0] == c && strcmp(s, *set) == 0) return 1;
    return 0;
}

/* tok[i] is in word list A_*: a bit of its marks (wordlist.h), or without
 * marks (fm_attribution_frames of bare tokens) a scan of the list */
static inline int is_in(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, int list)
{
    if (i >= n) return 0;
    return mk ? (int)(mk[i].in[FM_WL_ATTRIBUTION] >> list & 1) : in_set(nm(&tok[i]), ATTRIBUTION_LISTS[list]);
}

/* Tokens of phrase ("ASSOCIATED PRESS") matched at tok[i], else 0. */
static size_t phrase_at(const fm_token *tok, size_t n, size_t i, const char *phrase)
{
    size_t k = 0;
    const char *p = phrase;
    if (i >= n || nm(&tok[i])[0] != p[0]) return 0;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (i + k >= n) return 0;
        const char *w = nm(&tok[i + k]);
        if (strlen(w) != len || memcmp(w, p, len) != 0) return 0;
        k++;
        p += len;
        if (*p == ' ') p++;
    }
    return k;
}

/* Runs for every token a speaker or via range holds, against lists of some
 * seventy phrases: the first word is compared here, inline, and only phrases
 * that start with it are matched in full. */
static size_t longest_at(const fm_token *tok, size_t n, size_t i, const char *const *list)
{
    if (i >= n || tok[i].kind != FM_TOK_WORD) {
        /* a phrase may start with a non-word token only through its norm */
        size_t best = 0;
        for (; *list; list++) {
            size_t k = phrase_at(tok, n, i, *list);
            if (k > best) best = k;
        }
        return best;
    }
    const char *w = nm(&tok[i]);
    size_t wl = strlen(w), best = 0;
    for (; *list; list++) {
        const char *p = *list;
        if (p[0] != w[0] || strncmp(p, w, wl) != 0 || (p[wl] != ' ' && p[wl] != '\0')) continue;
        size_t k = phrase_at(tok, n, i, p);
        if (k > best) best = k;
    }
    return best;
}

/* The punctuation character of a break token, or 0 for words and numbers. */
static char punct_of(const char *text, const fm_token *t)
{
    if (t->kind == FM_TOK_WORD || t->kind == FM_TOK_NUMBER || t->kind == FM_TOK_POSS) return 0;
    if (t->kind == FM_TOK_SYMBOL) return 0;
    if (text) return text[t->start];
    return nm(t)[0] ? nm(t)[0] : '?';
}

static int is_break(const char *text, const fm_token *t) { return punct_of(text, t) != 0; }

static int is_comma(const char *text, const fm_token *tok, size_t n, size_t i)
{
    return i < n && tok[i].kind == FM_TOK_PUNCT && punct_of(text, &tok[i]) == ',';
}

/* ---- word lists ---------------------------------------------------------- */

typedef struct speech_word { const char *w; int kind; } speech_word;

/* Speech verbs by first letter: fm_speech_verb runs on every token of every
 * sentence (several times), so it looks at one short list, not all of them. */
#define SW_END {NULL, 0}
static const speech_word speech_a[] = {
    {"ADDED", FM_ATTRIB_SAY}, {"ADDS", FM_ATTRIB_SAY}, {"ADDING", FM_ATTRIB_SAY},
    {"ASSERTED", FM_ATTRIB_SAY}, {"ACKNOWLEDGED", FM_ATTRIB_SAY}, {"ADMITTED", FM_ATTRIB_SAY},
    {"ANNOUNCED", FM_ATTRIB_CLAIM}, {"ANNOUNCES", FM_ATTRIB_CLAIM},
    {"ACCUSE", FM_ATTRIB_ACCUSE}, {"ACCUSED", FM_ATTRIB_ACCUSE}, {"ACCUSES", FM_ATTRIB_ACCUSE},
    {"ACCUSING", FM_ATTRIB_ACCUSE}, SW_END };
static const speech_word speech_b[] = { {"BLAME", FM_ATTRIB_ACCUSE}, {"BLAMED", FM_ATTRIB_ACCUSE},
    {"BLAMES", FM_ATTRIB_ACCUSE}, SW_END };
static const speech_word speech_c[] = {
    {"CONFIRMED", FM_ATTRIB_SAY}, {"CONFIRMS", FM_ATTRIB_SAY},
    {"CLAIMED", FM_ATTRIB_CLAIM}, {"CLAIMS", FM_ATTRIB_CLAIM}, {"CLAIMING", FM_ATTRIB_CLAIM}, SW_END };
static const speech_word speech_d[] = {
    {"DECLARED", FM_ATTRIB_SAY},
    {"DENIED", FM_ATTRIB_DENY}, {"DENIES", FM_ATTRIB_DENY}, {"DENYING", FM_ATTRIB_DENY}, SW_END };
static const speech_word speech_e[] = {
    {"EXPLAINED", FM_ATTRIB_SAY}, {"EMPHASIZED", FM_ATTRIB_SAY}, {"EMPHASISED", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_i[] = { {"INSISTED", FM_ATTRIB_SAY}, {"INSISTS", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_m[] = { {"MAINTAINED", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_n[] = { {"NOTED", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_q[] = { {"QUOTED", FM_ATTRIB_REPORT}, SW_END };
static const speech_word speech_r[] = {
    {"REITERATED", FM_ATTRIB_SAY},
    {"REPORTED", FM_ATTRIB_REPORT}, {"REPORTS", FM_ATTRIB_REPORT}, {"REPORTING", FM_ATTRIB_REPORT}, SW_END };
static const speech_word speech_s[] = {
    {"SAID", FM_ATTRIB_SAY}, {"SAYS", FM_ATTRIB_SAY}, {"SAY", FM_ATTRIB_SAY}, {"SAYING", FM_ATTRIB_SAY},
    {"STATED", FM_ATTRIB_SAY}, {"STRESSED", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_t[] = {
    {"TOLD", FM_ATTRIB_SAY}, {"TELLS", FM_ATTRIB_SAY}, {"TELLING", FM_ATTRIB_SAY},
    {"TWEETED", FM_ATTRIB_SAY}, SW_END };
static const speech_word speech_w[] = {
    {"WROTE", FM_ATTRIB_SAY}, {"WARNED", FM_ATTRIB_WARN}, {"WARNS", FM_ATTRIB_WARN}, SW_END };
#undef SW_END

static const speech_word *speech_words_for(char c)
{
    switch (c) {
    case 'A': return speech_a;
    case 'B': return speech_b;
    case 'C': return speech_c;
    case 'D': return speech_d;
    case 'E': return speech_e;
    case 'I': return speech_i;
    case 'M': return speech_m;
    case 'N': return speech_n;
    case 'Q': return speech_q;
    case 'R': return speech_r;
    case 'S': return speech_s;
    case 'T': return speech_t;
    case 'W': return speech_w;
    default: return NULL;
    }
}

/* News outlets; generic ones ("state media") too. Matched on lookup forms, so
 * "Al-Jazeera" and "Al Jazeera" are both AL JAZEERA. */
static const char *const outlets[] = {
    "REUTERS", "AFP", "AGENCE FRANCE PRESSE", "AP", "ASSOCIATED PRESS", "AL JAZEERA",
    "AL ARABIYA", "AL MAYADEEN", "AL MANAR", "BBC", "CNN", "IRNA", "ISNA", "TASNIM",
    "FARS NEWS", "MEHR", "SANA", "KCNA", "YONHAP", "TASS", "RIA", "RIA NOVOSTI", "INTERFAX",
    "XINHUA", "WAFA", "ANADOLU", "BERNAMA", "ANTARA", "KYODO", "NHK", "DPA", "EFE", "ANSA",
    "BLOOMBERG", "NEW YORK TIMES", "WASHINGTON POST", "WALL STREET JOURNAL", "FINANCIAL TIMES",
    "AXIOS", "POLITICO", "FOX NEWS", "SKY NEWS", "NBC", "ABC", "CBS", "NPR", "PRESS TV", "RT",
    "CCTV", "CGTN", "GLOBAL TIMES", "HAARETZ", "YNET", "TIMES OF ISRAEL", "ARMY RADIO",
    "CHANNEL 12", "IRAQI NEWS AGENCY", "INA", "MENA", "SAUDI PRESS AGENCY", "SPA", "WAM", "QNA",
    "KUNA", "NNA", "UKRINFORM", "UNIAN", "SUSPILNE", "KYIV INDEPENDENT", "PTI", "ANI",
    "STATE MEDIA", "STATE TELEVISION", "STATE TV", "STATE NEWS AGENCY", "STATE BROADCASTER",
    "STATE RADIO", "STATE RUN MEDIA", "STATE RUN TELEVISION", "STATE RUN TV",
    "STATE RUN NEWS AGENCY", "OFFICIAL MEDIA", "OFFICIAL NEWS AGENCY", "LOCAL MEDIA",
    "PUBLIC BROADCASTER", "LOCAL TELEVISION", "NEWS AGENCY",
    NULL
};

/* Channels a speaker uses; X only counts after "on". */
static const char *const platforms[] = {
    "TELEGRAM", "TWITTER", "FACEBOOK", "INSTAGRAM", "YOUTUBE", "TIKTOK", "WHATSAPP",
    "TRUTH SOCIAL", "SOCIAL MEDIA", "WEBSITE", "TELEGRAM CHANNEL", NULL
};

/* Head nouns of a channel phrase: "a statement", "a televised address". */
static const char *const channel_nouns[] = {
    "STATEMENT", "STATEMENTS", "COMMUNIQUE", "ADDRESS", "SPEECH", "CONFERENCE", "BRIEFING",
    "INTERVIEW", "POST", "VIDEO", "MESSAGE", "RELEASE", "TWEET", "BROADCAST", "REMARKS",
    "COMMENTS", "BULLETIN", "INTERVIEWS", "POSTS", NULL
};

static const char *const weekdays[] = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", NULL
};
static const char *const months[] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEPT",
    "SEP", "OCT", "NOV", "DEC", NULL
};
static const char *const according_words[] = { "ACCORDING", NULL };   /* "according to" opens a frame */
static const char *const parts_of_day[] = { "MORNING", "NIGHT", "EVENING", "AFTERNOON", NULL };

/* Words that end a subject phrase when walking back from a speech verb. */
static const char *const clause_words[] = {
    "THAT", "WHO", "WHOM", "WHAT", "WHICH", "BUT", "WHILE", "WHEREAS", "BECAUSE", "IF", "WHEN", "AFTER",
    "BEFORE", "ALTHOUGH", "THOUGH", "AS", "SO", "YET", "WHERE", "UNTIL", "SINCE", NULL
};

/* Between a subject and its speech verb: "the army also said", "police had said". */
static const char *const pre_cue_words[] = {
    "ALSO", "LATER", "EARLIER", "HAS", "HAD", "HAVE", "PREVIOUSLY", "SEPARATELY", "REPEATEDLY",
    "FURTHER", "FIRST", "THEN", "AGAIN", "OFTEN", "INITIALLY", "SUBSEQUENTLY", "OFFICIALLY",
    "PUBLICLY", "YESTERDAY", "TODAY", NULL
};

static const char *const be_words[] = { "IS", "ARE", "WAS", "WERE", "BEEN", "BEING", "BE", NULL };
static const char *const negators[] = { "NOT", "NO", "NEVER", "NOBODY", "NONE", NULL };

static const char *const dispute_nouns[] = {
    "CLAIMS", "CLAIM", "REPORTS", "REPORT", "ACCUSATIONS", "ACCUSATION", "ALLEGATIONS",
    "ALLEGATION", "SUGGESTIONS", "ASSERTIONS", "ACCOUNTS", "ACCOUNT", "STORIES", "RUMOURS",
    "RUMORS", NULL
};
static const char *const falsity_words[] = {
    "FABRICATED", "FALSE", "BASELESS", "UNFOUNDED", "LIES", "LIE", "FAKE", "PROPAGANDA",
    "GROUNDLESS", "NONSENSE", "UNTRUE", "FABRICATION", "FABRICATIONS", "ABSURD", "LUDICROUS",
    "DISINFORMATION", NULL
};

const char *fm_attrib_kind_name(int kind)
{
    switch (kind) {
    case FM_ATTRIB_SAY: return "say";
    case FM_ATTRIB_ACCORDING_TO: return "according_to";
    case FM_ATTRIB_STATEMENT: return "statement";
    case FM_ATTRIB_REPORT: return "report";
    case FM_ATTRIB_CLAIM: return "claim";
    case FM_ATTRIB_DENY: return "deny";
    case FM_ATTRIB_ACCUSE: return "accuse";
    case FM_ATTRIB_WARN: return "warn";
    default: return "none";
    }
}

/* fm_speech_verb of a word token with the tokenizer's speech class bit */
int fm_speech_verb_listed(const fm_token *t)
{
    const char *w = nm(t);
    const speech_word *s = speech_words_for(w[0]);
    if (s)
        for (; s->w; s++)
            if (s->w[1] == w[1] && strcmp(w, s->w) == 0) return s->kind;
    return 0;
}

int fm_outlet_at(const fm_token *tok, size_t n, size_t i, size_t *len)
{
    size_t k = longest_at(tok, n, i, outlets);
    size_t p = longest_at(tok, n, i, platforms);
    if (p > k) k = p;
    if (len) *len = k;
    return k > 0;
}

/* fm_outlet_at with the sentence's marks: a phrase of either list starts only at
 * a token marked as the first word of one, so most tokens need no scan of them */
static int outlet_at(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, size_t *len)
{
    if (mk && i < n && !(mk[i].in[FM_WL_ATTRIBUTION] & ((uint64_t)1 << A_OUTLETS | (uint64_t)1 << A_PLATFORMS))) {
        if (len) *len = 0;
        return 0;
    }
    return fm_outlet_at(tok, n, i, len);
}

/* ---- phrases -------------------------------------------------------------- */

typedef struct range { size_t s, e; } range;

static const char *const outlet_before[] = {
    "THE", "OFFICIAL", "SEMI", "STATE", "RUN", "IRAN'S", "SYRIA'S", "CHINA'S", "RUSSIA'S", NULL
};
static const char *const outlet_after[] = {
    "NEWS", "AGENCY", "TELEVISION", "TV", "CHANNEL", "NEWSPAPER", "DAILY", "RADIO", NULL
};

/* The first outlet named in tok[from, to), grown to its full name:
 * "Syrian state news agency SANA", "Iran's official IRNA news agency". */
static int outlet_in(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t from, size_t to, range *r)
{
    for (size_t i = from; i < to; i++) {
        size_t k;
        if (!outlet_at(mk, tok, n, i, &k) || i + k > to) continue;
        size_t s = i, e = i + k;
        for (;;) {
            size_t m;
            if (e < to && is_in(mk, tok, n, e, A_OUTLET_AFTER)) e++;
            else if (e < to && outlet_at(mk, tok, n, e, &m) && e + m <= to) e += m;
            else break;
        }
        while (s > from && (is_in(mk, tok, n, s - 1, A_OUTLET_BEFORE) || tok[s - 1].kind == FM_TOK_POSS ||
                            (tok[s - 1].kind == FM_TOK_WORD && (tok[s - 1].flags & FM_TOKF_CAP) &&
                             !is_in(mk, tok, n, s - 1, A_CLAUSE_WORDS))))
            s--;
        /* "the official" is part of the name; a stray "'s" is not a start */
        while (s < e && tok[s].kind == FM_TOK_POSS) s++;
        r->s = s;
        r->e = e;
        return 1;
    }
    return 0;
}

/* A channel phrase starting at i (after "in"/"at"/"during"): "a statement",
 * "a televised address", "a news conference". Returns its end or 0. */
static size_t channel_at(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    for (size_t k = i; k < n && k < i + 5; k++) {
        if (tok[k].kind != FM_TOK_WORD) return 0;
        if (is_in(mk, tok, n, k, A_CHANNEL_NOUNS)) return k + 1;
        if (tok[k].flags & FM_TOKF_CAP && k > i) return 0;
    }
    return 0;
}

static const char *const time_single[] = {
    "YESTERDAY", "TODAY", "TONIGHT", "LATER", "ALSO", "SEPARATELY", "AGAIN", "EARLIER",
    "PUBLICLY", "OFFICIALLY", "PREVIOUSLY", NULL
};

/* Time words after a speech verb: "on Sunday", "on April 3", "late on Tuesday",
 * "yesterday", "last week". Returns tokens consumed. */
static size_t time_at(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    size_t k = i;
    if (is(tok, n, k, "LATE") || is(tok, n, k, "EARLY") || is(tok, n, k, "EARLIER")) {
        if (is(tok, n, k + 1, "ON")) k++;
        else return 1;
    }
    if (is(tok, n, k, "ON")) {
        if (is_in(mk, tok, n, k + 1, A_WEEKDAYS)) {
            k += 2;
            if (is_in(mk, tok, n, k, A_PARTS_OF_DAY)) k++;
            return k - i;
        }
        if (is_in(mk, tok, n, k + 1, A_MONTHS)) {
            k += 2;
            if (k < n && tok[k].kind == FM_TOK_NUMBER) k++;
            return k - i;
        }
        return 0;
    }
    if (is(tok, n, k, "LAST") || is(tok, n, k, "THIS")) {
        if (is_in(mk, tok, n, k + 1, A_WEEKDAYS) || is_in(mk, tok, n, k + 1, A_PARTS_OF_DAY) ||
            is(tok, n, k + 1, "WEEK") || is(tok, n, k + 1, "MONTH") || is(tok, n, k + 1, "YEAR"))
            return 2;
        return 0;
    }
    if (is_in(mk, tok, n, k, A_TIME_SINGLE)) return is_in(mk, tok, n, k + 1, A_PARTS_OF_DAY) ? 2 : 1;
    return 0;
}

static const char *const platform_dets[] = { "ITS", "THEIR", "HIS", "HER", "THE", "A", "AN", "OFFICIAL", NULL };
static const char *const platform_tails[] = { "CHANNEL", "ACCOUNT", "PAGE", "FEED", "NEWS", "AGENCY",
    "TELEVISION", "TV", NULL };

/* A platform or outlet after "on"/"with"/"to"/"by": "on its Telegram channel",
 * "on X", "on state television". Sets *r and returns tokens consumed. */
static size_t platform_at(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, range *r)
{
    size_t k = i;
    while (k < n && k < i + 3 && is_in(mk, tok, n, k, A_PLATFORM_DETS)) k++;
    size_t len = 0;
    /* the tokenizer may read a sentence-final "X." as an initial */
    if ((is(tok, n, k, "X") || is(tok, n, k, "X.")) && k > 0 && is(tok, n, i - 1, "ON")) len = 1;
    else if (!outlet_at(mk, tok, n, k, &len)) return 0;
    range o;
    if (len > 1 || !outlet_in(mk, tok, n, k, k + len, &o)) { o.s = k; o.e = k + len; }
    size_t e = k + len;
    while (e < n && is_in(mk, tok, n, e, A_PLATFORM_TAILS)) e++;
    if (is_in(mk, tok, n, k + len, A_PLATFORM_TAILS) && !is(tok, n, k + len, "CHANNEL") &&
        !is(tok, n, k + len, "ACCOUNT") && !is(tok, n, k + len, "PAGE") && !is(tok, n, k + len, "FEED"))
        o.e = e;
    *r = o;
    return e - i;
}

static const char *const adjunct_links[] = { "ON", "WITH", "TO", "BY", "POSTED", "PUBLISHED",
    "ISSUED", "RELEASED", "CARRIED", "BROADCAST",
    "AIRED", NULL };

/* Adjuncts after a speech verb: times, channels and outlets ("said in a
 * statement on Telegram on Sunday"). Fills *via when one names an outlet or
 * channel (the most specific: the platform over the channel phrase). Returns
 * the index after the adjuncts. */
static size_t adjuncts(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, range *via)
{
    for (;;) {
        size_t k, e;
        range r;
        if ((k = time_at(mk, tok, n, i)) > 0) { i += k; continue; }
        if ((is(tok, n, i, "IN") || is(tok, n, i, "AT") || is(tok, n, i, "DURING") ||
             is(tok, n, i, "VIA") || is(tok, n, i, "THROUGH")) && (e = channel_at(mk, tok, n, i + 1))) {
            via->s = i + 1;
            via->e = e;
            i = e;
            /* "in a statement posted on Telegram", "in an interview with Al Jazeera" */
            size_t j = i;
            while (j < n && j < i + 2 && is_in(mk, tok, n, j, A_ADJUNCT_LINKS)) j++;
            if (j > i && (k = platform_at(mk, tok, n, j, &r))) { *via = r; i = j + k; }
            continue;
        }
        if ((is(tok, n, i, "ON") || is(tok, n, i, "TO") || is(tok, n, i, "VIA")) &&
            (k = platform_at(mk, tok, n, i + 1, &r))) {
            *via = r;
            i += 1 + k;
            continue;
        }
        if (is(tok, n, i, "TO") && (is(tok, n, i + 1, "REPORTERS") || is(tok, n, i + 1, "JOURNALISTS"))) {
            i += 2;
            continue;
        }
        return i;
    }
}

static const char *const told_pronouns[] = { "HIM", "HER", "THEM", "US", "ME", "IT", NULL };

/* The object of "told": an outlet (the via), reporters, a news conference, or
 * a named listener followed by "that". Returns the index after it. */
static size_t told_object(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i, range *via)
{
    range r;
    size_t k, e;
    if ((k = platform_at(mk, tok, n, i, &r))) { *via = r; return i + k; }
    if (is(tok, n, i, "REPORTERS") || is(tok, n, i, "JOURNALISTS") || is(tok, n, i, "PARLIAMENT"))
        return i + 1;
    if (is(tok, n, i, "THE") && (is(tok, n, i + 1, "PRESS") || is(tok, n, i + 1, "MEDIA")))
        return i + 2;
    if ((e = channel_at(mk, tok, n, i))) { via->s = i; via->e = e; return e; }
    if (is_in(mk, tok, n, i, A_TOLD_PRONOUNS)) return i + 1;
    /* "told lawmakers that", "told the Security Council that" */
    for (k = i; k < n && k < i + 6; k++) {
        if (is(tok, n, k, "THAT")) return k;
        if (tok[k].kind != FM_TOK_WORD && tok[k].kind != FM_TOK_POSS) break;
    }
    return i;
}

/* A subject phrase ending just before index e (exclusive), walking back over
 * words; *stop gets the index of the token that ended it (or (size_t)-1). */
static size_t np_before(const fm_word_marks *mk, const char *text, const fm_token *tok, size_t n, size_t e, size_t *stop)
{
    size_t k = e;
    while (k > 0 && e - k < 14) {
        const fm_token *t = &tok[k - 1];
        if (t->kind == FM_TOK_CLOSE) {
            /* "the Federal Security Service (FSB) said" */
            size_t o = k - 1;
            while (o > 0 && tok[o].kind != FM_TOK_OPEN && k - o < 8) o--;
            if (tok[o].kind == FM_TOK_OPEN && o > 0) { k = o; continue; }
        }
        if (is_break(text, t) || is_in(mk, tok, n, k - 1, A_CLAUSE_WORDS)) break;
        /* another speech verb ends the subject, unless passive: "officials quoted by" */
        if (fm_speech_verb(t) && !(k < e && is(tok, n, k, "BY"))) break;
        if (is(tok, n, k - 1, "ACCORDING")) break;
        k--;
    }
    *stop = k > 0 ? k - 1 : (size_t)-1;
    return k;
}

static const char *const np_enders[] = { "IN", "ON", "AT", "THAT", "WHO", "WHICH", "ADDING",
    "CITING", "SAYING", "WHILE", "BUT", "AS", "DURING",
    "TO", NULL };

/* A phrase starting at s: up to a break, a clause word or a preposition that
 * starts an adjunct. Returns its end. */
static size_t np_after(const fm_word_marks *mk, const char *text, const fm_token *tok, size_t n, size_t s)
{
    size_t k = s;
    while (k < n && k - s < 14 && !is_break(text, &tok[k]) && !is_in(mk, tok, n, k, A_NP_ENDERS) &&
           !fm_speech_verb(&tok[k]))
        k++;
    return k;
}

static const char *const issue_verbs[] = { "ISSUED", "RELEASED", "PUBLISHED", "POSTED", NULL };

/* Splits a speaker phrase into speaker and via: "a statement by the army",
 * "officials quoted by state media", "the army's statement", "Hamas issued a
 * statement", or an outlet alone ("the Associated Press": both). */
static void split_speaker(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t s, size_t e, range *sp, range *via)
{
    sp->s = s;
    sp->e = e;
    if (s >= e) return;
    for (size_t k = s; k + 1 < e; k++) {
        if ((is(tok, n, k, "QUOTED") || is(tok, n, k, "CITED")) && is(tok, n, k + 1, "BY")) {
            sp->e = k;
            range o;
            if (!outlet_in(mk, tok, n, k + 2, e, &o)) { o.s = k + 2; o.e = e; }
            *via = o;
            return;
        }
    }
    size_t c = channel_at(mk, tok, n, s);
    if (c && c < e) {
        size_t k = c;
        if (is(tok, n, k, "ISSUED") || is(tok, n, k, "RELEASED") || is(tok, n, k, "POSTED")) k++;
        if (is(tok, n, k, "BY") || is(tok, n, k, "FROM") || is(tok, n, k, "OF")) {
            via->s = s;
            via->e = c;
            sp->s = k + 1;
            return;
        }
    }
    for (size_t k = s + 1; k + 1 < e; k++) {
        if (tok[k].kind == FM_TOK_POSS && channel_at(mk, tok, n, k + 1) == e) {
            sp->e = k;
            via->s = k + 1;
            via->e = e;
            return;
        }
        if (is_in(mk, tok, n, k, A_ISSUE_VERBS) && channel_at(mk, tok, n, k + 1)) {
            size_t ce = channel_at(mk, tok, n, k + 1);
            sp->e = k;
            via->s = k + 1;
            via->e = ce;
            range r;
            size_t pk;
            if (is(tok, n, ce, "ON") && (pk = platform_at(mk, tok, n, ce + 1, &r))) *via = r;
            return;
        }
    }
    range o;
    if (outlet_in(mk, tok, n, s, e, &o) && o.e == e && o.s <= s + 1) {
        *via = o;
        sp->s = s;
    }
}

static void frame_init(fm_attrib_frame *f, size_t cue, int kind)
{
    memset(f, 0, sizeof *f);
    f->cue = cue;
    f->kind = kind;
    f->speaker_start = f->speaker_end = cue;
    f->via_start = f->via_end = cue;
    f->scope_start = f->scope_end = cue;
}

static size_t head_start(const fm_attrib_frame *f)
{
    size_t h = f->cue;
    if (f->speaker_end > f->speaker_start && f->speaker_start < h) h = f->speaker_start;
    if (f->via_end > f->via_start && f->via_start < h) h = f->via_start;
    return h;
}

static size_t head_end(const fm_attrib_frame *f)
{
    size_t h = f->cue + 1;
    if (f->speaker_end > h) h = f->speaker_end;
    if (f->via_end > h) h = f->via_end;
    return h;
}

/* Start of the clause that holds index i: after the last ';' or ':' (or 0). */
static size_t sentence_part_start(const char *text, const fm_token *tok, size_t i)
{
    while (i > 0) {
        char c = punct_of(text, &tok[i - 1]);
        if (c == ';' || c == ':') break;
        i--;
    }
    return i;
}

/* Where a leading frame's reported clause starts: after "that", a colon or an
 * opening quote. */
static size_t skip_that(const char *text, const fm_token *tok, size_t n, size_t i)
{
    while (i < n && (is(tok, n, i, "THAT") || tok[i].kind == FM_TOK_QUOTE ||
                     punct_of(text, &tok[i]) == ':' || punct_of(text, &tok[i]) == ','))
        i++;
    return i;
}

/* ---- frames ----------------------------------------------------------------- */

typedef struct finder {
    const char *text;
    const fm_token *tok;
    const fm_word_marks *marks;   /* parallel to tok, or NULL */
    size_t n;
    fm_attrib_frame *out;
    size_t cap, count;
    fm_attrib_frame last;      /* the previous frame, for "..., adding that" */
    int has_last;
} finder;

static void emit(finder *fd, const fm_attrib_frame *f)
{
    if (fd->count < fd->cap) fd->out[fd->count] = *f;
    fd->count++;
    fd->last = *f;
    fd->has_last = 1;
}

/* Scope for a frame whose head follows its clause: "..., police said." */
static void trailing_scope(finder *fd, fm_attrib_frame *f, size_t stop)
{
    size_t s = sentence_part_start(fd->text, fd->tok, stop);
    size_t e = stop;
    while (e > s && is_break(fd->text, &fd->tok[e - 1]) && fd->tok[e - 1].kind != FM_TOK_QUOTE) e--;
    f->scope_start = s;
    f->scope_end = e;
}

static const char *const according_stops[] = { "WHO", "WHICH", "THAT", "WHILE", "BUT", NULL };

/* "according to X": returns the index after the frame's head. */
static size_t according_to(finder *fd, size_t i)
{
    const fm_token *tok = fd->tok;
    const fm_word_marks *mk = fd->marks;
    size_t n = fd->n;
    fm_attrib_frame f;
    frame_init(&f, i, FM_ATTRIB_ACCORDING_TO);
    size_t s = i + 2, e = s;
    while (e < n && !is_break(fd->text, &tok[e]) && !is_in(mk, tok, n, e, A_ACCORDING_STOPS)) e++;
    range sp = { s, e }, via = { i, i };
    split_speaker(mk, tok, n, s, e, &sp, &via);
    if (via.e > via.s && channel_at(mk, tok, n, s) == via.e && via.s == s) f.kind = FM_ATTRIB_STATEMENT;
    f.speaker_start = sp.s;
    f.speaker_end = sp.e;
    f.via_start = via.s;
    f.via_end = via.e;
    size_t part = sentence_part_start(fd->text, tok, i);
    if (i == part || (i == part + 1 && tok[part].kind == FM_TOK_QUOTE)) {
        f.scope_start = skip_that(fd->text, tok, n, e);
        f.scope_end = n;
    } else if (is_comma(fd->text, tok, n, i - 1) && is_comma(fd->text, tok, n, e) && e + 2 < n) {
        /* "The attack, according to police, killed five": the whole sentence */
        f.scope_start = part;
        f.scope_end = n;
    } else {
        trailing_scope(fd, &f, i);
    }
    emit(fd, &f);
    return e;
}

static const char *const dispute_verbs[] = { "REJECTED", "REJECTS", "DISMISSED", "DISMISSES",
    "REJECTING", "DISMISSING", "REFUTING", "DENYING",
    "DENIED", "DENIES",
    "REFUTED", "DISPUTED", "CALLED", "CALLS", "DESCRIBED",
    "BRANDED", "DENOUNCED", NULL };
static const char *const dispute_dets[] = { "THE", "THESE", "SUCH", "ANY", "AS", "MEDIA", "NEWS",
    "PRESS", "THOSE", "ALL", NULL };

/* "X rejected claims that ...", "X called the reports fabricated". */
static size_t dispute(finder *fd, size_t i)
{
    const fm_token *tok = fd->tok;
    const fm_word_marks *mk = fd->marks;
    size_t n = fd->n;
    if (!is_in(mk, tok, n, i, A_DISPUTE_VERBS)) return 0;
    size_t k = i + 1;
    while (k < n && k < i + 4 && (is_in(mk, tok, n, k, A_DISPUTE_DETS) || tok[k].kind == FM_TOK_POSS ||
           (tok[k].kind == FM_TOK_WORD && !is_in(mk, tok, n, k, A_DISPUTE_NOUNS) &&
            (tok[k].flags & FM_TOKF_CAP))))
        k++;
    if (!is_in(mk, tok, n, k, A_DISPUTE_NOUNS)) return 0;
    size_t noun = k;
    int needs_falsity = is(tok, n, i, "CALLED") || is(tok, n, i, "CALLS") ||
                        is(tok, n, i, "DESCRIBED") || is(tok, n, i, "BRANDED") ||
                        is(tok, n, i, "DENOUNCED");
    size_t fals = n;
    for (size_t j = noun + 1; j < n; j++)
        if (is_in(mk, tok, n, j, A_FALSITY_WORDS)) { fals = j; break; }
    if (needs_falsity && fals == n) return 0;
    fm_attrib_frame f;
    frame_init(&f, i, FM_ATTRIB_DENY);
    size_t stop;
    size_t s = np_before(mk, fd->text, tok, n, i, &stop);
    f.speaker_start = s;
    f.speaker_end = i;
    f.scope_start = skip_that(fd->text, tok, n, noun + 1);
    f.scope_end = n;
    if (fals < n) {
        size_t e = fals;
        while (e > f.scope_start && (is(tok, n, e - 1, "AS") || is(tok, n, e - 1, "A") ||
                                     is(tok, n, e - 1, "COMPLETELY") || is(tok, n, e - 1, "TOTALLY")))
            e--;
        f.scope_end = e;
        if (f.scope_end < f.scope_start) f.scope_end = f.scope_start;
    }
    emit(fd, &f);
    return noun + 1;
}

static const char *const responsibility_verbs[] = { "TOOK", "TAKES", "ASSUMED", "ACCEPTED", NULL };

/* "X took responsibility for ...". */
static size_t responsibility(finder *fd, size_t i)
{
    const fm_token *tok = fd->tok;
    const fm_word_marks *mk = fd->marks;
    size_t n = fd->n;
    if (!is_in(mk, tok, n, i, A_RESPONSIBILITY_VERBS) || !is(tok, n, i + 1, "RESPONSIBILITY")) return 0;
    fm_attrib_frame f;
    frame_init(&f, i, FM_ATTRIB_CLAIM);
    size_t stop;
    f.speaker_start = np_before(mk, fd->text, tok, n, i, &stop);
    f.speaker_end = i;
    f.scope_start = i + 2 + (is(tok, n, i + 2, "FOR") ? 1 : 0);
    f.scope_end = n;
    emit(fd, &f);
    return i + 2;
}

/* speech()'s lists: nouns before "reports"/"claims", words before an adjectival participle,
 * after a gerund, objects of a denial, titles, relatives, inverted verbs, pronouns, finite words */
static const char *const report_nounish[] = { "THE", "A", "NO", "ANY", "MEDIA", "NEWS", "THESE",
    "SUCH", "UNCONFIRMED", "INITIAL", "EARLY", "LOCAL",
    "CONFLICTING", "PRESS", "SOME", "OTHER", "RECENT",
    "MANY", "SEVERAL", "EARLIER", "PREVIOUS", "THOSE",
    NULL };
static const char *const before_adj[] = { "TO", "OF", "FOR", "AFTER", "AGAINST", "ABOUT",
    "OVER", "AMID", "DESPITE", "IN", "ON", "WITH", "THE", "A", "AN", "ITS", "THEIR", "HIS",
    "HER", "NO", "ANY", "FIRST", "LAST", NULL };
static const char *const participles[] = { "REPORTED", "CLAIMED", "ANNOUNCED", "CONFIRMED",
    "DENIED", "STATED", "DECLARED", NULL };
static const char *const gerund_preps[] = { "TO", "ON", "IN", "FOR", "ABOUT", "OF", "UP", NULL };
static const char *const denial_objects[] = { "THAT", "ANY", "INVOLVEMENT", "RESPONSIBILITY",
    "HAVING", "IT", "THEY", "WRONGDOING", "CHARGES",
    "ALL", "EVER", "ACCUSATIONS", "ALLEGATIONS", NULL };
static const char *const apposition_titles[] = { "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "MINISTER",
    "COMMANDER", "CHIEF", "HEAD", "LEADER", "DIRECTOR", "SECRETARY", "GOVERNOR", "MAYOR", "SPOKESMEN", NULL };
static const char *const relatives[] = { "WHO", "WHICH", "WHOSE", NULL };
static const char *const invertible[] = { "SAID", "SAYS", "ADDED", "WROTE", "EXPLAINED",
    "NOTED", "INSISTED", "STRESSED", "WARNED", NULL };
static const char *const subject_pronouns[] = { "HE", "SHE", "IT", "THEY", "WE", "I", "YOU", NULL };
static const char *const finite_words[] = { "HAD", "HAS", "HAVE", "WILL", "WOULD", "DID", "DOES", "DO",
    "NOT", "COULD", "CAN", "MAY", "MIGHT", "SHOULD", "MUST", NULL };

/* The plain present of speech verbs, "groups report that", "officials confirm that":
 * not in the tokenizer's speech class, since "the report", "a state" and "the claim"
 * are nouns far more often; a frame only before THAT and after a subject that a
 * plural verb can have (plain_subject_before). */
static const char *const plain_speech[] = { "REPORT", "STATE", "CONFIRM", "CLAIM", "ANNOUNCE", "ADMIT",
    "ACKNOWLEDGE", "INSIST", "ALLEGE", "ASSERT", "DENY", "WARN", NULL };

static const char *const plain_subject_words[] = { "POLICE", "PEOPLE", "WE", "THEY", "I", "YOU", NULL };
static const char *const plain_not_plural[] = { "NEWS", "TIMES", "ITS", "HIS", "THIS", "UNITED", "STATES", NULL };

/* the subject's head right before i (over "also", "categorically"): a plural
 * ("groups", "officials", "the Houthis"), police, people, a pronoun, or a comma closing
 * an apposition ("groups in Ituri, DR Congo, report that"); a singular head is a
 * noun's modifier ("a newspaper report that", "its annual report that") */
static int plain_subject_before(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    size_t k = i;
    while (k > 0 && tok[k - 1].kind == FM_TOK_WORD &&
           (is_in(mk, tok, n, k - 1, A_PRE_CUE_WORDS) ||
            (tok[k - 1].norm_len > 4 && !strcmp(nm(&tok[k - 1]) + tok[k - 1].norm_len - 2, "LY"))))
        k--;
    if (k == 0) return 0;
    if (is_comma(NULL, tok, n, k - 1)) return 1;
    if (tok[k - 1].kind != FM_TOK_WORD) return 0;
    /* "groups in Ituri report that", "officials of the Puntland State": the head before
     * a place phrase */
    size_t b = k - 1;
    while (b > 0 && tok[b].kind == FM_TOK_WORD && (tok[b].flags & FM_TOKF_CAP)) b--;
    if (b < k - 1 && b > 0 && is(tok, n, b, "THE")) b--;
    if (b < k - 1 && b > 0 && (is(tok, n, b, "IN") || is(tok, n, b, "OF") || is(tok, n, b, "FROM")) &&
        tok[b - 1].kind == FM_TOK_WORD)
        k = b;
    const char *p = nm(&tok[k - 1]);
    size_t pl = strlen(p);
    int plural = pl > 3 && p[pl - 1] == 'S' && p[pl - 2] != 'S' && !in_set(p, plain_not_plural);
    if (!plural && !in_set(p, plain_subject_words)) return 0;
    /* "a New York Times report that": the phrase is a noun's */
    for (size_t j = k - 1, words = 0; j-- > 0 && words < 8 && tok[j].kind == FM_TOK_WORD; words++)
        if (is(tok, n, j, "A") || is(tok, n, j, "AN")) return 0;
    return 1;
}

static int plain_speech_kind(const fm_word_marks *mk, const fm_token *tok, size_t n, size_t i)
{
    if (!is(tok, n, i + 1, "THAT") || !plain_subject_before(mk, tok, n, i)) return 0;
    const char *w = nm(&tok[i]);
    if (!strcmp(w, "REPORT")) return FM_ATTRIB_REPORT;
    if (!strcmp(w, "CLAIM") || !strcmp(w, "ALLEGE")) return FM_ATTRIB_CLAIM;
    if (!strcmp(w, "DENY")) return FM_ATTRIB_DENY;
    if (!strcmp(w, "WARN")) return FM_ATTRIB_WARN;
    return FM_ATTRIB_SAY;
}

int fm_plain_speech_verb(const fm_token *tok, size_t n, size_t i)
{
    return is_in(NULL, tok, n, i, A_PLAIN_SPEECH) ? plain_speech_kind(NULL, tok, n, i) : 0;
}

/* A speech verb at i. Returns the index after the frame's head, or i + 1. */
static size_t speech(finder *fd, size_t i, int kind)
{
    const char *text = fd->text;
    const fm_token *tok = fd->tok;
    const fm_word_marks *mk = fd->marks;
    size_t n = fd->n;
    fm_attrib_frame f;
    frame_init(&f, i, kind);
    range via = { i, i }, sp = { i, i };

    /* Nouns, not verbs: "media reports said", "the claims". */
    if ((is(tok, n, i, "REPORTS") || is(tok, n, i, "CLAIMS")) &&
        i == sentence_part_start(text, tok, i))
        return i + 1;                                  /* "Reports indicate ..." */
    if ((is(tok, n, i, "REPORTS") || is(tok, n, i, "CLAIMS")) && i > 0) {
        if (is_in(mk, tok, n, i - 1, A_REPORT_NOUNISH) || tok[i - 1].kind == FM_TOK_POSS) return i + 1;
    }
    /* "which side was to blame", "much of the blame lay with": the bare form after TO or
     * a determiner is no verb */
    if ((is(tok, n, i, "BLAME") || is(tok, n, i, "ACCUSE")) && i > 0 &&
        (is_in(mk, tok, n, i - 1, A_BEFORE_ADJ) || is_in(mk, tok, n, i - 1, A_REPORT_NOUNISH) ||
         is(tok, n, i - 1, "MUCH") || tok[i - 1].kind == FM_TOK_POSS))
        return i + 1;
    if (is(tok, n, i, "CONFIRMED") && (i + 1 < n && (is(tok, n, i + 1, "DEAD") ||
        is(tok, n, i + 1, "DEATHS") || is(tok, n, i + 1, "CASES") || is(tok, n, i + 1, "KILLED"))))
        return i + 1;

    /* Passive: "was reported by state media", "was claimed by Islamic State";
     * without "by" it is a hedge for fm_mode_of, not a frame. */
    size_t aux = i;
    while (aux > 0 && (is_in(mk, tok, n, aux - 1, A_BE_WORDS) || is(tok, n, aux - 1, "ALSO") ||
                       is(tok, n, aux - 1, "WIDELY") || is(tok, n, aux - 1, "FIRST") ||
                       is(tok, n, aux - 1, "HAS") || is(tok, n, aux - 1, "HAVE") ||
                       is(tok, n, aux - 1, "HAD")))
        aux--;
    int passive = 0, reduced = 0;
    for (size_t k = aux; k < i; k++) if (is_in(mk, tok, n, k, A_BE_WORDS)) passive = 1;
    if (!passive && is(tok, n, i + 1, "BY")) passive = reduced = 1;   /* "a region claimed by" */
    /* "in response to reported attempts", "the reported strike": an adjective */
    if (!passive && i > 0 && is_in(mk, tok, n, i, A_PARTICIPLES) && is_in(mk, tok, n, i - 1, A_BEFORE_ADJ) &&
        !is(tok, n, i + 1, "THAT"))
        return i + 1;
    /* "was not claimed by any group": nobody vouches */
    if (passive && i > 0 && (is(tok, n, i - 1, "NOT") || is(tok, n, i - 1, "NEVER"))) return i + 1;
    if (passive && (is(tok, n, i + 2, "NO") || is(tok, n, i + 2, "ANY"))) return i + 1;
    if (passive || (aux == i && i > 0 && is(tok, n, i - 1, "AS"))) {
        size_t b = i + 1;
        if (!is(tok, n, b, "BY")) return i + 1;
        size_t e = np_after(mk, text, tok, n, b + 1);
        split_speaker(mk, tok, n, b + 1, e, &sp, &via);
        f.speaker_start = sp.s;
        f.speaker_end = sp.e;
        f.via_start = via.s;
        f.via_end = via.e;
        size_t stop = aux;
        if (aux > 0 && is(tok, n, aux - 1, "AS")) stop = aux - 1;
        trailing_scope(fd, &f, stop);
        if (reduced) {
            /* a reduced relative vouches only for its own phrase */
            size_t b2 = stop;
            while (b2 > f.scope_start && !is_break(text, &tok[b2 - 1]) &&
                   !is_in(mk, tok, n, b2 - 1, A_CLAUSE_WORDS))
                b2--;
            f.scope_start = b2;
            if (f.scope_end < f.scope_start) f.scope_end = f.scope_start;
        }
        /* "X was reported by Y": the clause starts at the sentence part */
        emit(fd, &f);
        return e;
    }

    /* "eight men in Gaza City accused of being collaborators": a participle right
     * before its "of"/"for" has no object, so it is a reduced relative (or a
     * headline passive): the accused stand before it and the sentence names no
     * accuser. The frame vouches for the charge only, and its speaker is empty. */
    if (kind == FM_ATTRIB_ACCUSE && (is(tok, n, i, "ACCUSED") || is(tok, n, i, "BLAMED")) &&
        (is(tok, n, i + 1, "OF") || is(tok, n, i + 1, "FOR"))) {
        size_t e = i + 1;
        while (e < n && !(is_break(text, &tok[e]) && tok[e].kind != FM_TOK_QUOTE)) e++;
        f.scope_start = i + 1;
        f.scope_end = e;
        emit(fd, &f);
        return i + 1;
    }

    /* "Reuters quoted a military official as saying ..." */
    if (is(tok, n, i, "QUOTED")) {
        size_t k = i + 1;
        while (k + 1 < n && k < i + 15 && !(is(tok, n, k, "AS") && is(tok, n, k + 1, "SAYING"))) k++;
        if (!(is(tok, n, k, "AS") && is(tok, n, k + 1, "SAYING"))) return i + 1;
        size_t stop;
        size_t s = np_before(mk, text, tok, n, i, &stop);
        range o;
        if (outlet_in(mk, tok, n, s, i, &o)) { f.via_start = o.s; f.via_end = o.e; }
        else { f.via_start = s; f.via_end = i; }
        split_speaker(mk, tok, n, i + 1, k, &sp, &via);
        f.speaker_start = sp.s;
        f.speaker_end = sp.e;
        f.cue = i;
        f.scope_start = skip_that(text, tok, n, k + 2);
        f.scope_end = n;
        emit(fd, &f);
        return k + 2;
    }

    /* "..., adding that ...", "..., saying ...": the speaker of the main clause */
    /* Participles ("..., saying", "accusing him of") have no subject of their
     * own: they continue the previous speaker, or name none. */
    const char *w = nm(&tok[i]);
    size_t wl = strlen(w);
    if (wl > 3 && strcmp(w + wl - 3, "ING") == 0) {
        /* "against reporting on", "adding to the toll": gerunds, not speech */
        if (!is_comma(text, tok, n, i - 1) || is_in(mk, tok, n, i + 1, A_GERUND_PREPS)) return i + 1;
        if (fd->has_last) {
            f.speaker_start = fd->last.speaker_start;
            f.speaker_end = fd->last.speaker_end;
            f.via_start = fd->last.via_start;
            f.via_end = fd->last.via_end;
        }
        f.scope_start = skip_that(text, tok, n, i + 1);
        f.scope_end = n;
        emit(fd, &f);
        return i + 1;
    }

    /* "denied a request", "denied bail" are refusals, not denials of an event */
    if (kind == FM_ATTRIB_DENY) {
        size_t k = i + 1;
        if (is(tok, n, k, "THE") || is(tok, n, k, "THESE") || is(tok, n, k, "SUCH")) k++;
        const char *o = k < n ? nm(&tok[k]) : "";
        size_t ol = strlen(o);
        int ok = is_in(mk, tok, n, k, A_DENIAL_OBJECTS) || is_in(mk, tok, n, k, A_DISPUTE_NOUNS) ||
                 (ol > 4 && strcmp(o + ol - 3, "ING") == 0) || k >= n || is_break(text, &tok[k]);
        if (!ok) return i + 1;
    }

    /* the subject, walking back over "also", "has", "on Sunday" */
    size_t e = i;
    while (e > 0 && is_in(mk, tok, n, e - 1, A_PRE_CUE_WORDS)) e--;
    if (e >= 2 && is(tok, n, e - 2, "ON") && is_in(mk, tok, n, e - 1, A_WEEKDAYS)) e -= 2;
    /* "Ivan's condition was on Wednesday reported to": a hedge, not a frame */
    if (e > 0 && e < i && is_in(mk, tok, n, e - 1, A_BE_WORDS)) return i + 1;
    size_t stop;
    size_t s = np_before(mk, text, tok, n, e, &stop);
    /* "residents told the press the officers claimed": not past the outer clause's start */
    if (fd->has_last && fd->last.scope_start > fd->last.cue && s < fd->last.scope_start &&
        fd->last.scope_start <= e)
        s = fd->last.scope_start;
    while (s < e && (is(tok, n, s, "AND") || is(tok, n, s, "OR") || is(tok, n, s, "BUT"))) s++;
    /* "Abdurrahman Mangal, spokesperson for the provincial governor, said" */
    int inverted = 0;
    if (s == e && stop != (size_t)-1 && is_comma(text, tok, n, stop)) {
        /* "Hamas, which controls Gaza, said" / "Saad Maan, a spokesman, said" */
        size_t stop2;
        size_t s2 = np_before(mk, text, tok, n, stop, &stop2);
        if (stop2 != (size_t)-1 && is_in(mk, tok, n, stop2, A_RELATIVES) && is_comma(text, tok, n, stop2 - 1)) {
            size_t stop3;
            size_t s3 = np_before(mk, text, tok, n, stop2 - 1, &stop3);
            if (s3 < stop2 - 1) { s = s3; e = stop2 - 1; stop = stop3; }
        } else if (stop2 != (size_t)-1 && is_comma(text, tok, n, stop2) && s2 < stop &&
                   (is(tok, n, s2, "A") || is(tok, n, s2, "AN") || is(tok, n, s2, "THE") ||
                    is_in(mk, tok, n, s2, A_APPOSITION_TITLES))) {
            size_t stop3;
            size_t s3 = np_before(mk, text, tok, n, stop2, &stop3);
            if (s3 < stop2 && (stop3 == (size_t)-1 || is_break(text, &tok[stop3]))) {
                s = s3; e = stop; stop = stop3;
            }
        } else if (stop2 != (size_t)-1 && is_comma(text, tok, n, stop2) && s2 < stop && stop - s2 <= 3) {
            /* "A district court in Helsinki, Finland, denies" */
            int names = 1;
            for (size_t k = s2; k < stop; k++)
                if (!(tok[k].flags & FM_TOKF_CAP)) names = 0;
            size_t stop3;
            size_t s3 = np_before(mk, text, tok, n, stop2, &stop3);
            if (names && s3 < stop2 && (stop3 == (size_t)-1 || is_break(text, &tok[stop3]))) {
                s = s3; e = stop; stop = stop3;
            }
        }
    }
    if (s == e && stop != (size_t)-1 && is_in(mk, tok, n, i, A_INVERTIBLE) && !is_in(mk, tok, n, i + 1, A_SUBJECT_PRONOUNS)) {
        /* ", said the ministry." — the phrase must close the sentence part */
        size_t ae = np_after(mk, text, tok, n, i + 1);
        range v = { i, i };
        size_t end = adjuncts(mk, tok, n, ae, &v);
        /* "... and said Russian troops had not crossed": a clause, not a speaker */
        int clause = 0;
        for (size_t k = i + 1; k < ae; k++)
            if (is_in(mk, tok, n, k, A_FINITE_WORDS) || is_in(mk, tok, n, k, A_BE_WORDS)) clause = 1;
        if (ae > i + 1 && !clause && (end >= n || is_break(text, &tok[end]))) { inverted = 1; s = i + 1; e = ae; }
    }
    /* "... announces his resignation and also announces that": the same subject */
    if (!inverted && s < e && (is(tok, n, e - 1, "AND") || is(tok, n, e - 1, "OR")) && fd->has_last) {
        s = fd->last.speaker_start;
        e = fd->last.speaker_end;
    }
    /* "no group has claimed", "police did not say": nobody vouches for anything */
    for (size_t k = s; k < i; k++) {
        const char *w = nm(&tok[k]);
        size_t wl = strlen(w);
        if (is_in(mk, tok, n, k, A_NEGATORS) || (wl > 3 && strcmp(w + wl - 3, "N'T") == 0)) return i + 1;
    }
    split_speaker(mk, tok, n, s, e, &sp, &via);
    f.speaker_start = sp.s;
    f.speaker_end = sp.e;
    /* "In a statement, the ministry said", "In a post on X, Zelenskiy said" */
    if (!inverted && stop != (size_t)-1 && is_comma(text, tok, n, stop) && via.e <= via.s) {
        size_t part = sentence_part_start(text, tok, stop);
        range v = { i, i };
        if (adjuncts(mk, tok, n, part, &v) == stop && v.e > v.s) via = v;
    }

    size_t after = inverted ? e : i + 1;
    if (is(tok, n, i, "TOLD") || is(tok, n, i, "TELLS") || is(tok, n, i, "TELLING"))
        after = told_object(mk, tok, n, after, &via);
    after = adjuncts(mk, tok, n, after, &via);

    /* ", citing two security sources": the outlet passes on someone's word */
    range cited = { 0, 0 };
    if (is_comma(text, tok, n, after) && is(tok, n, after + 1, "CITING")) after++;
    if (is(tok, n, after, "CITING")) {
        size_t ce = np_after(mk, text, tok, n, after + 1);
        cited.s = after + 1;
        cited.e = ce;
        after = adjuncts(mk, tok, n, ce, &via);
        if (is_comma(text, tok, n, after) && after + 2 < n && !is(tok, n, after + 1, "ADDING") &&
            !is(tok, n, after + 1, "SAYING"))
            after++;
    }
    if (cited.e > cited.s) {
        range o;
        if (f.speaker_end > f.speaker_start &&
            outlet_in(mk, tok, n, f.speaker_start, f.speaker_end, &o) && o.e == f.speaker_end) {
            via = o;
        } else if (via.e <= via.s && f.speaker_end > f.speaker_start) {
            via.s = f.speaker_start;
            via.e = f.speaker_end;
        }
        f.speaker_start = cited.s;
        f.speaker_end = cited.e;
    }
    f.via_start = via.s;
    f.via_end = via.e;

    int clause_follows = after < n && !is_break(text, &tok[after]) ? 1 : 0;
    if (after < n && (is(tok, n, after, "THAT") || punct_of(text, &tok[after]) == ':' ||
                      tok[after].kind == FM_TOK_QUOTE))
        clause_follows = 1;
    if (after + 1 < n && is_comma(text, tok, n, after) && (is(tok, n, after + 1, "THAT")))
        clause_follows = 1;
    size_t head_s = head_start(&f);
    int before_content = 0;
    if (stop != (size_t)-1 && !inverted) before_content = head_s > sentence_part_start(text, tok, head_s);
    if (inverted) before_content = 1;
    if (!clause_follows && before_content) {
        /* the head closes the sentence part: the clause came before it */
        trailing_scope(fd, &f, inverted ? i : stop);
    } else {
        f.scope_start = skip_that(text, tok, n, after);
        f.scope_end = n;
        /* "SANA reported that ..., citing an army commander." */
        for (size_t k = f.scope_start; k + 2 < n && cited.e <= cited.s; k++) {
            if (tok[k].kind != FM_TOK_PUNCT || !is_comma(text, tok, n, k) || !is(tok, n, k + 1, "CITING")) continue;
            size_t ce = np_after(mk, text, tok, n, k + 2);
            if (ce > k + 2 && (ce >= n || (ce + 1 == n && is_break(text, &tok[ce])))) {
                range o;
                if (f.speaker_end > f.speaker_start &&
                    outlet_in(mk, tok, n, f.speaker_start, f.speaker_end, &o) && o.e == f.speaker_end) {
                    f.via_start = o.s;
                    f.via_end = o.e;
                    f.speaker_start = k + 2;
                    f.speaker_end = ce;
                    f.scope_end = k;
                }
            }
            break;
        }
    }
    if (f.scope_end < f.scope_start) f.scope_end = f.scope_start;
    emit(fd, &f);
    size_t h = head_end(&f);
    return h > i + 1 && h <= after ? h : i + 1;
}

static const char *const joins[] = { "BUT", "WHILE", "WHEREAS", "AND", "HOWEVER", "THOUGH",
    "ALTHOUGH", NULL };

/* A leading frame's clause ends where the next account starts: "Hamas said
 * Israel struck the hospital, but Israel said a rocket misfired." Nested
 * reports ("officials said witnesses told them ...") stay inside. */
static void trim_scopes(const fm_word_marks *mk, const char *text, const fm_token *tok, size_t n, fm_attrib_frame *fr, size_t m)
{
    for (size_t a = 0; a < m; a++) {
        if (fr[a].scope_start <= fr[a].cue) continue;      /* trailing frame */
        for (size_t b = a + 1; b < m; b++) {
            size_t h = head_start(&fr[b]);
            if (h <= fr[a].scope_start) h = fr[b].cue;   /* "..., saying": speaker is earlier */
            if (h <= fr[a].scope_start || h >= fr[a].scope_end) continue;
            size_t p = h;
            if (fr[b].scope_start < fr[b].cue && fr[b].scope_start <= fr[a].cue) {
                /* "X said ..., the RIA news agency reported": b vouches for all of a */
                while (p > fr[a].scope_start && is_break(text, &tok[p - 1]) &&
                       tok[p - 1].kind != FM_TOK_QUOTE)
                    p--;
                fr[a].scope_end = p;
                break;
            }
            int joined = p > 0 && is_in(mk, tok, n, p - 1, A_JOINS);
            if (joined) p--;
            if (p > 0 && (is_break(text, &tok[p - 1]) && tok[p - 1].kind != FM_TOK_QUOTE)) {
                fr[a].scope_end = p - 1;
                break;
            }
            /* "The RSF denied losing the town and said its forces repelled
             * the attack": a second speech verb of the same speaker, joined
             * straight to a's clause, starts a new account. */
            int own_speaker = fr[b].speaker_end > fr[b].speaker_start && fr[b].speaker_start > fr[a].cue;
            if (joined && h == fr[b].cue && !own_speaker) {
                fr[a].scope_end = p;
                if (fr[b].speaker_end <= fr[b].speaker_start) {   /* it speaks for a's speaker */
                    fr[b].speaker_start = fr[a].speaker_start;
                    fr[b].speaker_end = fr[a].speaker_end;
                }
                break;
            }
        }
    }
}

size_t fm_attribution_frames(const char *text, const fm_token *tok, size_t n,
                             fm_attrib_frame *out, size_t cap)
{
    return fm_attribution_frames_marked(text, tok, NULL, n, out, cap);
}

size_t fm_attribution_frames_marked(const char *text, const fm_token *tok, const fm_word_marks *mk, size_t n,
                                    fm_attrib_frame *out, size_t cap)
{
    finder fd = { text, tok, mk, n, out, cap, 0, {0}, 0 };
    if (!tok || n == 0) return 0;
    /* a frame opens only at ACCORDING, a dispute or responsibility verb or a
     * speech verb (the tokenizer's speech class): with marks, a token that is
     * none of them is passed over by one test */
    const uint64_t openers = (uint64_t)1 << A_ACCORDING | (uint64_t)1 << A_DISPUTE_VERBS |
                             (uint64_t)1 << A_RESPONSIBILITY_VERBS | (uint64_t)1 << A_PLAIN_SPEECH;
    size_t i = 0;
    while (i < n) {
        if (mk && !(mk[i].in[FM_WL_ATTRIBUTION] & openers) && !(tok[i].wclass & FM_WC_SPEECH)) { i++; continue; }
        size_t next = 0;
        int kind;
        if (is(tok, n, i, "ACCORDING") && is(tok, n, i + 1, "TO")) next = according_to(&fd, i);
        /* their own first tests, inline: most tokens open neither */
        else if ((is_in(mk, tok, n, i, A_DISPUTE_VERBS) && (next = dispute(&fd, i))) ||
                 (is_in(mk, tok, n, i, A_RESPONSIBILITY_VERBS) && (next = responsibility(&fd, i)))) { }
        else if ((kind = fm_speech_verb(&tok[i]))) next = speech(&fd, i, kind);
        else if (is_in(mk, tok, n, i, A_PLAIN_SPEECH) && (kind = plain_speech_kind(mk, tok, n, i)))
            next = speech(&fd, i, kind);
        i = next > i ? next : i + 1;
    }
    trim_scopes(mk, text, tok, n, out, fd.count < cap ? fd.count : cap);
    return fd.count;
}

static size_t scope_width(const fm_attrib_frame *f) { return f->scope_end - f->scope_start; }

size_t fm_attribution_for(const fm_attrib_frame *frames, size_t n_frames,
                          size_t verb_start, size_t verb_end, size_t *idx, size_t cap)
{
    size_t m = 0;
    if (verb_end <= verb_start) verb_end = verb_start + 1;
    for (size_t i = 0; i < n_frames && cap; i++) {
        const fm_attrib_frame *f = &frames[i];
        if (f->cue >= verb_start && f->cue < verb_end) continue;
        if (verb_start < f->scope_start || verb_end > f->scope_end) continue;
        /* insertion by scope width, innermost first; when full, a narrower
         * frame pushes out the widest */
        size_t w = scope_width(f), j = m;
        if (m == cap) {
            if (scope_width(&frames[idx[cap - 1]]) <= w) continue;
            j = cap - 1;
        } else {
            m++;
        }
        while (j > 0 && scope_width(&frames[idx[j - 1]]) > w) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    return m;
}

int fm_attribution_in_head(const fm_attrib_frame *frames, size_t n_frames, size_t i)
{
    for (size_t k = 0; k < n_frames; k++) {
        const fm_attrib_frame *f = &frames[k];
        if (i == f->cue) return 1;
        if (f->kind == FM_ATTRIB_ACCORDING_TO && i == f->cue + 1) return 1;
        if (i >= f->speaker_start && i < f->speaker_end) return 1;
        if (i >= f->via_start && i < f->via_end) return 1;
    }
    return 0;
}

static const char *const *const ATTRIBUTION_LISTS[A_LISTS] = {
    [A_ACCORDING_STOPS] = according_stops, [A_ADJUNCT_LINKS] = adjunct_links,
    [A_APPOSITION_TITLES] = apposition_titles, [A_BE_WORDS] = be_words, [A_BEFORE_ADJ] = before_adj,
    [A_CHANNEL_NOUNS] = channel_nouns, [A_CLAUSE_WORDS] = clause_words, [A_DENIAL_OBJECTS] = denial_objects,
    [A_DISPUTE_DETS] = dispute_dets, [A_DISPUTE_NOUNS] = dispute_nouns, [A_DISPUTE_VERBS] = dispute_verbs,
    [A_FALSITY_WORDS] = falsity_words, [A_FINITE_WORDS] = finite_words, [A_GERUND_PREPS] = gerund_preps,
    [A_INVERTIBLE] = invertible, [A_ISSUE_VERBS] = issue_verbs, [A_JOINS] = joins, [A_MONTHS] = months,
    [A_NEGATORS] = negators, [A_NP_ENDERS] = np_enders, [A_OUTLET_AFTER] = outlet_after,
    [A_OUTLET_BEFORE] = outlet_before, [A_PARTICIPLES] = participles, [A_PARTS_OF_DAY] = parts_of_day,
    [A_PLATFORM_DETS] = platform_dets, [A_PLATFORM_TAILS] = platform_tails, [A_PRE_CUE_WORDS] = pre_cue_words,
    [A_RELATIVES] = relatives, [A_REPORT_NOUNISH] = report_nounish,
    [A_RESPONSIBILITY_VERBS] = responsibility_verbs, [A_SUBJECT_PRONOUNS] = subject_pronouns,
    [A_TIME_SINGLE] = time_single, [A_TOLD_PRONOUNS] = told_pronouns, [A_WEEKDAYS] = weekdays,
    [A_ACCORDING] = according_words, [A_PLAIN_SPEECH] = plain_speech,
    [A_OUTLETS] = outlets, [A_PLATFORMS] = platforms,   /* tested only through outlet_at */
};
/* is_in compares the norm of any token, as the lists' scan did */
const fm_wordlist_group fm_attribution_words = { ATTRIBUTION_LISTS, A_LISTS, 0 };
