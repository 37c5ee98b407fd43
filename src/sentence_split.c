/* sentence_split.c — sentence spans of a news article and the dateline at its
 * head ("BAGHDAD, April 22 (Reuters) -"). Works on the tokenizer's output (so
 * abbreviations, decimals and quotes are seen the same way everywhere) plus the
 * line breaks between tokens; it never looks at case-folded forms. */
#include "text.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- dateline ----------------------------------------------------------- */

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};

static int is_upper_ascii(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_ascii(int c) { return c >= 'a' && c <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static unsigned char lower_ascii(unsigned char c) { return is_upper_ascii(c) ? (unsigned char)(c | 32) : c; }

/* Bytes of name that p[0, n) starts with, ASCII case aside; 0 if it does not. */
static size_t starts_caseless(const char *p, size_t n, const char *name)
{
    size_t m = 0;
    for (; name[m]; m++)
        if (m >= n || lower_ascii((unsigned char)p[m]) != lower_ascii((unsigned char)name[m])) return 0;
    return m;
}

/* Length of a month name at p (with an optional period), else 0. */
static size_t month_at(const char *p, size_t n)
{
    if (n == 0 || !is_upper_ascii(p[0] & ~32)) return 0;   /* every name starts with a letter */
    for (size_t i = 0; i < sizeof month_names / sizeof month_names[0]; i++) {
        size_t m = starts_caseless(p, n, month_names[i]);
        if (!m) continue;
        if (m < n && (is_lower_ascii(p[m]) || is_upper_ascii(p[m]))) continue;
        return m < n && p[m] == '.' ? m + 1 : m;
    }
    return 0;
}

/* "April 22", "Feb 26", "22 April", optionally followed by ", 2024": length or 0. */
static size_t date_at(const char *p, size_t n)
{
    size_t i = month_at(p, n);
    if (i) {
        if (i >= n || p[i] != ' ') return 0;
        i++;
        size_t d = i;
        while (i < n && is_digit(p[i]) && i - d < 2) i++;
        if (i == d) return 0;
    } else {
        while (i < n && is_digit(p[i]) && i < 2) i++;
        if (i == 0 || i >= n || p[i] != ' ') return 0;
        size_t m = month_at(p + i + 1, n - i - 1);
        if (!m) return 0;
        i += 1 + m;
    }
    if (i + 6 <= n && p[i] == ',' && p[i + 1] == ' ' && is_digit(p[i + 2]) && is_digit(p[i + 3]) &&
        is_digit(p[i + 4]) && is_digit(p[i + 5]))
        i += 6;
    return i;
}

/* A run of place words ("NEW YORK", "KHAN YOUNIS", "Gaza Strip") at p: each
 * starts with a capital; *allcaps says whether no letter is lower case. */
static size_t place_words_at(const char *p, size_t n, int *allcaps)
{
    size_t i = 0, end = 0;
    int words = 0;
    *allcaps = 1;
    while (i < n && words < 5) {
        unsigned char c = (unsigned char)p[i];
        if (!is_upper_ascii(c) && c < 0xC0) break;
        size_t w = i;
        while (i < n) {
            c = (unsigned char)p[i];
            if (is_lower_ascii(c)) *allcaps = 0;
            else if (!(is_upper_ascii(c) || c >= 0x80 || c == '\'' || c == '.' || c == '-')) break;
            i++;
        }
        if (i - w > 30) return 0;
        end = i;
        words++;
        if (i + 1 < n && p[i] == ' ' && (is_upper_ascii((unsigned char)p[i + 1]) || (unsigned char)p[i + 1] >= 0xC0)
            && !month_at(p + i + 1, n - i - 1))
            i++;
        else break;
    }
    return end;
}

/* A dash ending a dateline: "-", "--", en or em dash; its length or 0. */
static size_t dash_at(const char *p, size_t n)
{
    if (n >= 2 && p[0] == '-' && p[1] == '-') return 2;
    if (n >= 1 && p[0] == '-') return 1;
    if (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
        return 3;
    return 0;
}

size_t fm_dateline(const char *text, size_t len, fm_span *place, fm_span *outlet)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) i++;
    if (len - i > 200) len = i + 200;   /* a dateline is short; do not scan a paragraph */
    size_t pstart = i;
    /* every dateline ends in a dash ("-" or the lead byte of an en or em
     * dash) before len: a wrapped line without one is passed over here, not
     * after place_words_at has tried each capital on it for a month name */
    if (!memchr(text + i, '-', len - i) && !memchr(text + i, 0xE2, len - i)) return 0;
    int allcaps;
    size_t pw = place_words_at(text + i, len - i, &allcaps);
    if (!pw) return 0;
    size_t pend = i + pw;
    i = pend;
    fm_span out = {0, 0};
    /* ", Ukraine", ", April 22", ", Gaza Strip, Jan 5" */
    while (i + 2 < len && text[i] == ',' && text[i + 1] == ' ') {
        size_t d = date_at(text + i + 2, len - i - 2);
        if (d) { i += 2 + d; continue; }
        int caps2;
        size_t w = place_words_at(text + i + 2, len - i - 2, &caps2);
        if (!w) return 0;
        i += 2 + w;
    }
    if (i + 1 < len && text[i] == ' ' && text[i + 1] == '(') {
        size_t o = i + 2, k = o;
        while (k < len && text[k] != ')' && text[k] != '\n' && k - o < 30) k++;
        if (k >= len || text[k] != ')' || k == o) return 0;
        out.start = (uint32_t)o;
        out.end = (uint32_t)k;
        i = k + 1;
    }
    if (!allcaps && out.end == 0) return 0;   /* "Baghdad -" alone is too weak */
    while (i < len && text[i] == ' ') i++;
    size_t d = dash_at(text + i, len - i);
    if (!d) return 0;
    i += d;
    if (i < len && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r' ||
                     (unsigned char)text[i] == 0xC2))
        return 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    if (i + 1 < len && (unsigned char)text[i] == 0xC2 && (unsigned char)text[i + 1] == 0xA0) i += 2;
    if (place) { place->start = (uint32_t)pstart; place->end = (uint32_t)pend; }
    if (outlet) *outlet = out;
    return i;
}

/* ---- sentences ---------------------------------------------------------- */

/* Capitalised words that begin sentences far more often than they follow an
 * abbreviation such as "U.S." or "Inc." */
static const char *const starters[] = {
    "A", "According", "After", "Also", "An", "And", "As", "At", "Before", "But", "By",
    "Earlier", "For", "From", "He", "Her", "His", "However", "I", "If", "In", "It", "Its",
    "Last", "Later", "Meanwhile", "Most", "On", "Our", "She", "Since", "Some", "That",
    "The", "Their", "There", "These", "They", "This", "Those", "Under", "We", "When",
    "While", "With", "Yet",
};

/* Words after which a line break does not end a headline: the line wraps. */
static const char *const continuations[] = {
    "a", "about", "after", "against", "an", "and", "are", "as", "at", "be", "been",
    "before", "between", "but", "by", "for", "from", "had", "has", "have", "in", "into",
    "is", "its", "near", "nor", "of", "on", "or", "over", "than", "that", "the", "their",
    "to", "under", "was", "were", "which", "while", "who", "whose", "will", "with",
    "would",
};

/* After "3 p.m." these name the time, they do not start a sentence. */
static const char *const time_followers[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Eastern", "Central", "Pacific", "Mountain", "local",
};

typedef struct splitter {
    const char *text;
    const fm_token *t;
    size_t n;
    size_t wrap;        /* line width of hard-wrapped text (Reuters-21578, e-mail), else 0 */
} splitter;

/* Hard-wrapped text breaks lines at a fixed width: many lines are about as
 * long as the longest one. There a line break is only the wrap, not the end
 * of a headline ("a senior\nBritish official said"). Returns the width or 0. */
/* The end of the line starting at text + start: its newline, or len. */
static size_t line_end(const char *text, size_t len, size_t start)
{
    const char *nl = memchr(text + start, '\n', len - start);
    return nl ? (size_t)(nl - text) : len;
}

static size_t wrap_width(const char *text, size_t len)
{
    size_t longest = 0, lines = 0;
    for (size_t start = 0, i; start <= len; start = i + 1) {
        i = line_end(text, len, start);
        size_t l = i - start;
        if (l > 0) lines++;
        if (l > longest) longest = l;
    }
    if (lines < 4 || longest < 40 || longest > 200) return 0;
    size_t full = 0;
    for (size_t start = 0, i; start <= len; start = i + 1) {
        i = line_end(text, len, start);
        if ((i - start) * 100 >= longest * 80) full++;
    }
    return full >= 3 && full * 10 >= lines * 4 ? longest : 0;
}

/* Length in bytes of the line holding byte offset at. */
static size_t line_length(const char *text, size_t len, size_t at)
{
    size_t a = at, b = at;
    while (a > 0 && text[a - 1] != '\n') a--;
    while (b < len && text[b] != '\n') b++;
    return b - a;
}

/* Token k is written w, byte for byte (one loop: the first byte rejects most). */
static int tok_is(const splitter *s, size_t k, const char *w)
{
    size_t n = s->t[k].end - s->t[k].start;
    const char *p = s->text + s->t[k].start;
    for (size_t i = 0; i < n; i++)
        if (!w[i] || w[i] != p[i]) return 0;
    return w[n] == '\0';
}

static int tok_in(const splitter *s, size_t k, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (tok_is(s, k, list[i])) return 1;
    return 0;
}
#define TOK_IN(s, k, list) tok_in(s, k, list, sizeof list / sizeof list[0])

static int attached(const splitter *s, size_t k) { return (s->t[k].flags & FM_TOKF_NOSPACE) != 0; }

/* Line breaks between token k and k + 1 (most gaps are one byte or none). */
static inline __attribute__((always_inline)) int newlines_after(const splitter *s, size_t k)
{
    uint32_t i = s->t[k].end, e = s->t[k + 1].start;
    if (e - i <= 1) return i < e && s->text[i] == '\n';
    int nl = 0;
    for (; i < e; i++) nl += s->text[i] == '\n';
    return nl;
}

/* Full stops, question and exclamation marks, ellipses; Arabic and CJK ones too. */
static const char *const terminals[] = {
    ".", "!", "?", "...", "\u2026", "\u3002", "\u06D4", "\u061F", "\uFF0E", "\uFF01", "\uFF1F",
};

/* The tokenizer gives every terminal, and no other mark, the PUNCT norm ".",
 * "!", "?" or "...": the first byte of the norm (a literal, never folded)
 * decides what a pass over the list of spellings did; the list says which
 * they are. */
static inline __attribute__((always_inline)) int is_terminal(const splitter *s, size_t k)
{
    const fm_token *t = &s->t[k];
    if (t->kind != FM_TOK_PUNCT) return 0;
    if (!t->norm) return TOK_IN(s, k, terminals);
    return t->norm[0] == '.' || t->norm[0] == '!' || t->norm[0] == '?';
}

/* A word carrying the period of an abbreviation ("U.S.", "Gen.", "J."). */
static int is_abbreviation_word(const splitter *s, size_t k)
{
    return s->t[k].kind == FM_TOK_WORD && s->text[s->t[k].end - 1] == '.';
}

/* A word in a script without case (Arabic, Chinese): any word may start a sentence. */
static int caseless_word(const splitter *s, size_t k)
{
    const unsigned char *p = (const unsigned char *)s->text + s->t[k].start;
    if (*p < 0x80) return 0;
    utf8proc_int32_t cp;
    if (utf8proc_iterate(p, s->t[k].end - s->t[k].start, &cp) <= 0) return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LO;
}

static int capital_word(const splitter *s, size_t k)
{
    return s->t[k].kind == FM_TOK_WORD && ((s->t[k].flags & FM_TOKF_CAP) || caseless_word(s, k));
}

/* Can token k begin a sentence after a full stop? */
static int starts_sentence(const splitter *s, size_t k)
{
    const fm_token *t = &s->t[k];
    if (capital_word(s, k) || t->kind == FM_TOK_NUMBER) return 1;
    if ((t->kind == FM_TOK_QUOTE || t->kind == FM_TOK_OPEN) && k + 1 < s->n)
        return capital_word(s, k + 1) || s->t[k + 1].kind == FM_TOK_NUMBER;
    return 0;
}

static int is_am_pm(const splitter *s, size_t k)
{
    return tok_is(s, k, "p.m.") || tok_is(s, k, "a.m.") || tok_is(s, k, "P.M.") || tok_is(s, k, "A.M.");
}

/* If a sentence ends with token j (or with closing quotes and brackets right
 * after it), the index of its last token; else (size_t)-1. */
static size_t sentence_end_at(const splitter *s, size_t j)
{
    const size_t none = (size_t)-1;
    if (j + 1 >= s->n) return j;
    int nl = newlines_after(s, j);
    if (nl >= 2) return j;   /* a blank line always ends a sentence */
    int terminal = is_terminal(s, j), abbreviation = !terminal && is_abbreviation_word(s, j);
    if (terminal || abbreviation) {
        size_t k = j;
        while (k + 1 < s->n && attached(s, k + 1) &&
               (s->t[k + 1].kind == FM_TOK_CLOSE || s->t[k + 1].kind == FM_TOK_QUOTE ||
                (terminal && is_terminal(s, k + 1))))
            k++;
        if (k + 1 >= s->n || newlines_after(s, k) >= 2) return k;
        if (attached(s, k + 1)) return none;   /* "Amazon.com", "3.5" never split */
        if (terminal) {
            /* after "..." only a capitalised word starts a new sentence */
            if (s->t[j].end - s->t[j].start > 1 && !capital_word(s, k + 1)) return none;
            return starts_sentence(s, k + 1) ? k : none;
        }
        /* "U.S. The": the period of an abbreviation may end a sentence too */
        if (k > j && starts_sentence(s, k + 1)) return k;
        if (is_am_pm(s, j)) {
            /* ("at about 7:45 p.m. "No Coalition troops were injured": an opening quote first) */
            size_t w = k + 1;
            if ((s->t[w].kind == FM_TOK_QUOTE || s->t[w].kind == FM_TOK_OPEN) && w + 1 < s->n) w++;
            return capital_word(s, w) && !(s->t[w].flags & FM_TOKF_ALLCAPS) &&
                   !TOK_IN(s, w, time_followers) && !TOK_IN(s, w, month_names) ? k : none;
        }
        return s->t[k + 1].kind == FM_TOK_WORD && TOK_IN(s, k + 1, starters) ? k : none;
    }
    if (nl == 1) {
        /* a headline: a line without final punctuation before a capitalised line */
        const fm_token *t = &s->t[j];
        if (t->kind == FM_TOK_PUNCT || t->kind == FM_TOK_OPEN || t->kind == FM_TOK_DASH) return none;
        if (t->kind == FM_TOK_QUOTE && !attached(s, j)) return none;
        if (t->kind == FM_TOK_WORD && TOK_IN(s, j, continuations)) return none;
        if (s->wrap && line_length(s->text, s->t[s->n - 1].end, t->start) * 100 >= s->wrap * 75) return none;
        return starts_sentence(s, j + 1) ? j : none;
    }
    return none;
}

/* Is token k the first thing on its line? */
static int at_line_start(const splitter *s, size_t k)
{
    uint32_t i = s->t[k].start;
    while (i > 0 && s->text[i - 1] != '\n') {
        char c = s->text[i - 1];
        if (c != ' ' && c != '\t' && c != '\r') return 0;
        i--;
    }
    return 1;
}

/* Sentences of the document tokens t[0, n); with idx, also each sentence's
 * token range [first, last + 1) in t. */
static int split(const char *text, size_t len, const fm_token *t, size_t n, fm_span_vec *out, fm_span_vec *idx)
{
    splitter s = {text, t, n, wrap_width(text, len)};
    size_t i = 0;
    while (i < s.n) {
        if (at_line_start(&s, i)) {   /* a dateline opens the article or follows its headline */
            size_t d = fm_dateline(text + s.t[i].start, len - s.t[i].start, NULL, NULL);
            if (d) {
                uint32_t after = s.t[i].start + (uint32_t)d;
                while (i < s.n && s.t[i].start < after) i++;
                continue;
            }
        }
        size_t j = i;
        size_t last;
        while ((last = sentence_end_at(&s, j)) == (size_t)-1) j++;
        fm_span sp = {s.t[i].start, s.t[last].end};
        if (fm_span_vec_push(out, sp)) return -1;
        if (idx && fm_span_vec_push(idx, (fm_span){ (uint32_t)i, (uint32_t)(last + 1) })) return -1;
        i = last + 1;
    }
    return 0;
}

int fm_sentence_split(const char *text, size_t len, fm_span_vec *out)
{
    if (!text || len == 0) return 0;
    if (len > UINT32_MAX) return -1;
    fm_token_vec tv = {0};
    if (fm_tokenize(text, 0, (uint32_t)len, NULL, &tv)) {
        fm_token_vec_free(&tv);
        return -1;
    }
    int rc = split(text, len, tv.a, tv.n, out, NULL);
    fm_token_vec_free(&tv);
    return rc;
}

/* Would fm_tokenize of the sentence alone give its tokens t[i, e) of the whole
 * document? The scanner carries state from token to token: a token joined to
 * the one before it (no blank between, or a dropped joining hyphen) and an
 * open single quote (which decides whether "rebels' " is a possessive) are
 * read differently when the sentence is scanned alone. Everything else the
 * scanner decides within the sentence: a sentence never ends where a token
 * runs on into the next one. 0: scan it alone to be sure. */
static int same_alone(const char *text, const fm_token *t, size_t i, size_t e)
{
    uint32_t b = t[i].start;
    if (b > 0) {
        char c = text[b - 1];
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\v' && c != '\f') return 0;
    }
    for (size_t k = i; k < e; k++) {
        const fm_token *x = &t[k];
        if (x->kind == FM_TOK_QUOTE && x->norm && x->norm[0] == '\'') return 0;
        /* a possessive made of a quote mark, not of "'s" */
        if (x->kind == FM_TOK_POSS && x->end - x->start != 2 && x->end - x->start != 4) return 0;
    }
    return 1;
}

int fm_sentence_split_tokens(const char *text, size_t len, fm_arena *a, fm_token_vec *tokens,
                             fm_span_vec *out, fm_span_vec *ranges, fm_wclass_memo *memo)
{
    if (!text || len == 0) return 0;
    if (len > UINT32_MAX || !a) return -1;
    fm_token_vec all = {0};
    fm_span_vec idx = {0};
    /* norms do not steer the scanner: the splitter sees what fm_sentence_split sees */
    int rc = fm_tokenize_memo(text, 0, (uint32_t)len, a, &all, memo) ? -1 : split(text, len, all.a, all.n, out, &idx);
    for (size_t k = 0; rc == 0 && k < idx.n; k++) {
        size_t i = idx.a[k].start, e = idx.a[k].end, from = tokens->n;
        if (same_alone(text, all.a, i, e)) {
            if (fm_token_vec_reserve(tokens, tokens->n + (e - i))) { rc = -1; break; }
            memcpy(tokens->a + tokens->n, all.a + i, (e - i) * sizeof *all.a);
            tokens->n += e - i;
        } else if (fm_tokenize_memo(text, out->a[out->n - idx.n + k].start, out->a[out->n - idx.n + k].end, a, tokens,
                                    memo)) {
            rc = -1;
            break;
        }
        if (fm_span_vec_push(ranges, (fm_span){ (uint32_t)from, (uint32_t)tokens->n })) rc = -1;
    }
    fm_token_vec_free(&all);
    fm_span_vec_free(&idx);
    return rc;
}
