/* time_normalize.c — finds date and time expressions in a sentence's tokens and
 * resolves them against the document date (weekdays, yesterday, "last month",
 * "April 15-17", "three days after the attack", "9:50 p.m."). No state, no I/O. */
#include "time_normalize.h"
#include "quantities.h"
#include <stdio.h>
#include <string.h>

const char *fm_date_precision_name(fm_date_precision p)
{
    switch (p) {
    case FM_PREC_TIME: return "time";
    case FM_PREC_DAY: return "day";
    case FM_PREC_WEEK: return "week";
    case FM_PREC_MONTH: return "month";
    case FM_PREC_YEAR: return "year";
    default: return "document";
    }
}

/* ---- civil dates as day numbers (0 = 1970-01-01, proleptic Gregorian) --- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

static int weekday_of(int64_t z)          /* 1970-01-01 was a Thursday */
{
    int64_t w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int fm_date_parse(const char *s, int *y, int *m, int *d)
{
    if (!s) return -1;
    int v[3] = {0, 0, 0};
    const int width[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++) {
        for (int k = 0; k < width[f]; k++, s++) {
            if (*s < '0' || *s > '9') return -1;
            v[f] = v[f] * 10 + (*s - '0');
        }
        if (f < 2 && *s++ != '-') return -1;
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) return -1;
    *y = v[0], *m = v[1], *d = v[2];
    return 0;
}

void fm_date_add_days(int *y, int *m, int *d, int days)
{
    civil_from_days(days_from_civil(*y, *m, *d) + days, y, m, d);
}

int fm_date_weekday(int y, int m, int d)
{
    return weekday_of(days_from_civil(y, m, d));
}

/* v in width decimal digits, zero-padded (v < 10^width) */
static void put_digits(char *out, unsigned v, int width)
{
    for (int k = width; k-- > 0; v /= 10) out[k] = (char)('0' + v % 10);
}

/* by hand, not snprintf: every event's date passes here, and each field
 * fits its width, so the bytes are those "%04d-%02u-%02u" writes */
void fm_when_format(const fm_when *w, char out[11])
{
    int y = w->year < 0 ? 0 : w->year > 9999 ? 9999 : w->year;
    unsigned mo = (unsigned)w->month % 100u, da = (unsigned)w->day % 100u;
    put_digits(out, (unsigned)y, 4);
    if (w->precision == FM_PREC_YEAR) { out[4] = 0; return; }
    out[4] = '-';
    put_digits(out + 5, mo, 2);
    if (w->precision == FM_PREC_MONTH) { out[7] = 0; return; }
    out[7] = '-';
    put_digits(out + 8, da, 2);
    out[10] = 0;
}

void fm_date_format(int y, int m, int d, char out[11])
{
    /* a field past its width: snprintf's own bytes (truncated to 10) */
    if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return;
    }
    fm_when w = { .year = y, .month = m, .day = d, .precision = FM_PREC_DAY };
    fm_when_format(&w, out);
}

void fm_when_relative_to(fm_when *w, const fm_when *base)
{
    if (!w->relative_to_event) return;
    w->relative_to_event = 0;
    if (base->precision == FM_PREC_DAY || base->precision == FM_PREC_TIME ||
        base->precision == FM_PREC_DOCUMENT) {
        int64_t z = days_from_civil(base->year, base->month, base->day) + w->offset_days;
        civil_from_days(z, &w->year, &w->month, &w->day);
        w->precision = base->precision == FM_PREC_DOCUMENT ? FM_PREC_DOCUMENT : FM_PREC_DAY;
    } else {
        w->year = base->year, w->month = base->month, w->day = base->day;
        w->precision = base->precision;
    }
}

/* ---- reading expressions ---------------------------------------------- */

typedef struct ctx {
    const fm_token *tok;
    size_t n;
    int y, m, d;        /* document date */
    int64_t doc;        /* its day number */
} ctx;

/* fm_token_word_is behind a first-byte test (a dot may come first: "P.M."):
 * every parser below probes every token, and nearly all probes fail there.
 * The words here have no dots and their lengths fold to constants: a norm as
 * long as the word is equal to it or no match (a dot would make the rest too
 * short), a shorter one never matches; only a longer one may hold dots. */
static inline __attribute__((always_inline)) int word_is(const fm_token *t, const char *w)
{
    const char *s = t->norm;
    size_t wl = strlen(w);
    if (!s || !wl || t->norm_len < wl || (s[0] != w[0] && s[0] != '.')) return 0;
    if (t->norm_len == wl) return memcmp(s, w, wl) == 0;
    return fm_token_word_is(t, w);
}

static inline __attribute__((always_inline)) int W(const ctx *c, size_t i, const char *w)
{
    return i < c->n && word_is(&c->tok[i], w);
}

static int WIN(const ctx *c, size_t i, const char *const *list)
{
    if (i >= c->n) return 0;
    for (; *list; list++)
        if (word_is(&c->tok[i], *list)) return 1;
    return 0;
}

static const char *const month_names[12] = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
    "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"
};
static const char *const month_abbrev[12] = {
    "JAN", "FEB", "MAR", "APR", "", "JUN", "JUL", "AUG", "SEPT", "OCT", "NOV", "DEC"
};
static const char *const weekday_names[7] = {
    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"
};
static const char *const day_parts[] = {
    "MORNING", "AFTERNOON", "EVENING", "NIGHT", "NIGHTTIME", "DAWN", "MIDDAY", NULL
};
/* Words before a bare month name or year that make it a date ("in April"). */
static const char *const date_cues[] = {
    "IN", "SINCE", "OF", "UNTIL", "TILL", "BY", "THROUGH", "THROUGHOUT", "DURING", "FROM",
    "BEFORE", "AFTER", "END", "BEGINNING", "START", "MIDDLE", "EARLY", "LATE", "MID", "ON",
    "BETWEEN", "AND", "TO", NULL
};
/* Heads of names that a date opens ("the March 23 Movement", "the 14 March
 * Alliance", "the 6 April Youth Movement", "February 17 Revolution"). */
static const char *const name_heads[] = {
    "MOVEMENT", "ALLIANCE", "REVOLUTION", "FRONT", "COALITION", "BRIGADE", "BRIGADES", "GROUP",
    "PARTY", "UPRISING", "ACCORD", "ACCORDS", "AGREEMENT", "DECLARATION", "STREET", "SQUARE",
    "BRIDGE", "HOSPITAL", "STADIUM", "UNIVERSITY", "CORRIDOR", NULL
};
static const char *const speech_verbs[] = {
    "SAID", "SAYS", "SAY", "TOLD", "ANNOUNCED", "STATED", "ADDED", "REPORTED", "CONFIRMED",
    "STATEMENT", "WROTE", "TWEETED", "DECLARED", "CLAIMED", "ANNOUNCEMENT", "POSTED", NULL
};

/* 1..12 for a month at i (abbreviations need a dot or a day number after them;
 * "May" and "March" must be capitalised to be months at all). */
static int month_at(const ctx *c, size_t i, size_t *next)
{
    if (i >= c->n || c->tok[i].kind != FM_TOK_WORD) return 0;
    const fm_token *t = &c->tok[i];
    if (!(t->wclass & FM_WC_MONTH)) return 0;   /* the tokenizer's class holds every name below */
    for (int k = 0; k < 12; k++) {
        if (word_is(t, month_names[k])) {
            if ((k == 2 || k == 4) && !(t->flags & FM_TOKF_CAP)) return 0;
            *next = i + 1;
            return k + 1;
        }
        if (!month_abbrev[k][0]) continue;
        int is = word_is(t, month_abbrev[k]) || (k == 8 && word_is(t, "SEP"));
        if (!is || !(t->flags & FM_TOKF_CAP)) continue;
        int dot = memchr(t->norm, '.', t->norm_len) != NULL;
        size_t j = i + 1;
        if (!dot && j < c->n && c->tok[j].kind == FM_TOK_PUNCT && c->tok[j].norm_len == 1 &&
            c->tok[j].norm[0] == '.' && (c->tok[j].flags & FM_TOKF_NOSPACE)) {
            dot = 1;
            j++;
        }
        if (dot || (j < c->n && c->tok[j].kind == FM_TOK_NUMBER)) {
            *next = j;
            return k + 1;
        }
    }
    return 0;
}

static int weekday_at(const ctx *c, size_t i)
{
    if (i >= c->n || !(c->tok[i].wclass & FM_WC_WEEKDAY)) return -1;
    for (int k = 0; k < 7; k++)
        if (W(c, i, weekday_names[k])) return k;
    return -1;
}

/* Small integer from a NUMBER token made of digits only; -1 otherwise. */
static int small_int(const fm_token *t, size_t max_digits)
{
    if (t->kind != FM_TOK_NUMBER || t->norm_len == 0 || t->norm_len > max_digits) return -1;
    int v = 0;
    for (size_t k = 0; k < t->norm_len; k++) {
        if (t->norm[k] < '0' || t->norm[k] > '9') return -1;
        v = v * 10 + (t->norm[k] - '0');
    }
    return v;
}

/* Day of month at i: "15", "15th" (one token or "15" + "th"); sets *next. */
static int day_at(const ctx *c, size_t i, size_t *next)
{
    if (i >= c->n) return 0;
    const fm_token *t = &c->tok[i];
    int v = small_int(t, 2);
    if (v >= 1 && v <= 31) {
        size_t j = i + 1;
        if (j < c->n && (c->tok[j].flags & FM_TOKF_NOSPACE) &&
            (W(c, j, "ST") || W(c, j, "ND") || W(c, j, "RD") || W(c, j, "TH")))
            j++;
        /* "15-year-old", "5 people": a hyphenated word or a noun is not a date */
        if (j < c->n && (c->tok[j].flags & FM_TOKF_HYPHEN) && c->tok[j].kind == FM_TOK_WORD) return 0;
        *next = j;
        return v;
    }
    if (t->kind == FM_TOK_WORD && t->norm_len >= 3 && t->norm_len <= 4 && t->norm[0] >= '0' &&
        t->norm[0] <= '9') {
        v = 0;
        size_t k = 0;
        while (k < t->norm_len && t->norm[k] >= '0' && t->norm[k] <= '9') v = v * 10 + (t->norm[k++] - '0');
        const char *suf = t->norm + k;
        size_t sl = t->norm_len - k;
        if (sl == 2 && (!memcmp(suf, "ST", 2) || !memcmp(suf, "ND", 2) || !memcmp(suf, "RD", 2) ||
                        !memcmp(suf, "TH", 2)) && v >= 1 && v <= 31) {
            *next = i + 1;
            return v;
        }
    }
    return 0;
}

static int year_at(const ctx *c, size_t i)
{
    if (i >= c->n) return 0;
    int v = small_int(&c->tok[i], 4);
    if (v >= 1900 && v <= 2100 && c->tok[i].norm_len == 4) {
        if (i + 1 < c->n && (c->tok[i + 1].flags & FM_TOKF_HYPHEN)) return 0;   /* "2024-25 season" */
        return v;
    }
    return 0;
}

static void when_init(fm_when *w)
{
    memset(w, 0, sizeof *w);
    w->hour = w->minute = -1;
}

static void set_day(fm_when *w, int64_t z)
{
    civil_from_days(z, &w->year, &w->month, &w->day);
    w->precision = FM_PREC_DAY;
}

static void set_week(fm_when *w, int64_t z)     /* the Monday of z's week */
{
    civil_from_days(z - weekday_of(z), &w->year, &w->month, &w->day);
    w->precision = FM_PREC_WEEK;
}

static void set_month(fm_when *w, int y, int m)   /* m may be out of 1..12 */
{
    int idx = y * 12 + (m - 1);
    w->year = idx >= 0 ? idx / 12 : (idx - 11) / 12;
    w->month = idx - w->year * 12 + 1;
    w->day = 0;
    w->precision = FM_PREC_MONTH;
}

static void set_year(fm_when *w, int y)
{
    w->year = y, w->month = 0, w->day = 0;
    w->precision = FM_PREC_YEAR;
}

enum { MOD_NONE, MOD_LAST, MOD_NEXT, MOD_THIS };

/* 1 if "will", "shall", "'ll" or "is due / scheduled to" stands in the few words
 * before token i of its clause (no comma, semicolon or full stop between). */
static int future_before(const ctx *c, size_t i)
{
    for (size_t k = i, w = 0; k-- > 0 && w < 10; w++) {
        const fm_token *t = &c->tok[k];
        if (t->kind == FM_TOK_PUNCT) return 0;
        if (W(c, k, "WILL") || W(c, k, "SHALL") || W(c, k, "SCHEDULED") || W(c, k, "DUE") ||
            (t->norm && t->norm_len > 3 && !strcmp(t->norm + t->norm_len - 3, "'LL")))
            return 1;
    }
    return 0;
}

/* Month and optional day, year resolved by the rule "the most recent one not
 * after the document date unless the text says next". */
static void resolve_month_day(const ctx *c, fm_when *w, int mon, int day, int year, int mod)
{
    if (!year) {
        year = c->y;
        int after = day ? (mon > c->m || (mon == c->m && day > c->d)) : mon > c->m;
        int same = day ? (mon == c->m && day == c->d) : mon == c->m;
        if (mod == MOD_NEXT) { if (!after) year++; }
        else if (mod == MOD_LAST) { if (after || same) year--; }
        else if (mod == MOD_THIS) { }
        else if (after) year--;
    }
    if (day) {
        if (day > days_in_month(year, mon)) day = days_in_month(year, mon);
        w->year = year, w->month = mon, w->day = day;
        w->precision = FM_PREC_DAY;
    } else {
        set_month(w, year, mon);
    }
}

/* "Sunday, April 21" / "Sunday (April 21)": the explicit date after a weekday. */
static int explicit_after_weekday(const ctx *c, size_t j, fm_when *w, size_t *end);

/* A date (no time) starting at token i; sets *end past it. */
static int parse_date_at(const ctx *c, size_t i, fm_when *w, size_t *end)
{
    size_t start = i;
    int mod = MOD_NONE, edge = 0;
    when_init(w);
    if (W(c, i, "EARLY") || W(c, i, "LATE") || W(c, i, "MID") || W(c, i, "EARLIER") ||
        W(c, i, "LATER")) {
        edge = 1;
        i++;
        if (W(c, i, "ON") || W(c, i, "IN")) i++;
    }
    if (W(c, i, "LAST") || W(c, i, "PAST") || W(c, i, "PREVIOUS")) mod = MOD_LAST, i++;
    else if (W(c, i, "NEXT") || W(c, i, "COMING")) mod = MOD_NEXT, i++;
    else if (W(c, i, "THIS")) {
        mod = MOD_THIS, i++;
        if (W(c, i, "COMING") || W(c, i, "PAST")) mod = W(c, i, "COMING") ? MOD_NEXT : MOD_LAST, i++;
    }
    if (i >= c->n) return 0;

    /* deictic days */
    if (mod == MOD_NONE) {
        int64_t z = 0;
        int hit = 1;
        if (W(c, i, "YESTERDAY")) z = c->doc - 1;
        else if (W(c, i, "TODAY") || W(c, i, "TONIGHT")) z = c->doc;
        else if (W(c, i, "TOMORROW")) z = c->doc + 1;
        else if (W(c, i, "OVERNIGHT") && !edge) {
            /* "overnight into Sunday": the named day governs */
            size_t j = i + 1;
            if (W(c, j, "INTO") || W(c, j, "ON") || W(c, j, "TO")) j++;
            if (weekday_at(c, j) >= 0 && parse_date_at(c, j, w, end)) return 1;
            z = c->doc;
        } else hit = 0;
        if (hit) {
            set_day(w, z);
            i++;
            if (WIN(c, i, day_parts)) i++;
            *end = i;
            return 1;
        }
    }
    if (mod != MOD_NONE) {
        if (WIN(c, i, day_parts)) {
            if (mod == MOD_NEXT) return 0;
            set_day(w, mod == MOD_LAST && (W(c, i, "NIGHT") || W(c, i, "EVENING")) ? c->doc - 1 : c->doc);
            *end = i + 1;
            return 1;
        }
        if (W(c, i, "WEEK") || W(c, i, "WEEKEND")) {
            int64_t z = c->doc;
            if (W(c, i, "WEEKEND")) {
                /* the most recent Saturday (on or before), or the coming one */
                int64_t sat = z - ((weekday_of(z) - 5 + 7) % 7);
                if (mod == MOD_NEXT) sat = z + ((5 - weekday_of(z) + 7) % 7 ? (5 - weekday_of(z) + 7) % 7 : 7);
                else if (mod == MOD_LAST && weekday_of(z) >= 5) sat -= 7;
                set_week(w, sat);
            } else {
                set_week(w, z + (mod == MOD_LAST ? -7 : mod == MOD_NEXT ? 7 : 0));
            }
            *end = i + 1;
            return 1;
        }
        if (W(c, i, "MONTH")) {
            set_month(w, c->y, c->m + (mod == MOD_LAST ? -1 : mod == MOD_NEXT ? 1 : 0));
            *end = i + 1;
            return 1;
        }
        if (W(c, i, "YEAR")) {
            set_year(w, c->y + (mod == MOD_LAST ? -1 : mod == MOD_NEXT ? 1 : 0));
            *end = i + 1;
            return 1;
        }
    }

    /* weekdays: on or before the document date; "last": strictly before; "next": after */
    int wd = weekday_at(c, i);
    if (wd >= 0) {
        int64_t z = c->doc;
        int back = (weekday_of(z) - wd + 7) % 7;
        if (mod == MOD_NEXT) z += (wd - weekday_of(z) + 7) % 7 ? (wd - weekday_of(z) + 7) % 7 : 7;
        else if (mod == MOD_LAST) z -= back ? back : 7;
        else z -= back;
        size_t j = i + 1;
        if (j < c->n && c->tok[j].kind == FM_TOK_POSS) j++;
        if (WIN(c, j, day_parts)) j++;
        if (explicit_after_weekday(c, j, w, end)) return 1;
        set_day(w, z);
        *end = j;
        return 1;
    }

    /* "April 15", "Apr. 15th, 2024", "April 15-17", "May 2023", "in early February" */
    size_t j;
    int mon = month_at(c, i, &j);
    if (mon) {
        size_t k;
        int day = day_at(c, j, &k);
        int year = 0;
        if (day) {
            j = k;
            /* "April 15-17": the first day governs */
            if (j + 1 < c->n && c->tok[j].kind == FM_TOK_DASH && small_int(&c->tok[j + 1], 2) > 0) j += 2;
            else if (j < c->n && (c->tok[j].flags & FM_TOKF_HYPHEN) && small_int(&c->tok[j], 2) > 0) j++;
            size_t y = j;
            if (y < c->n && c->tok[y].kind == FM_TOK_PUNCT && c->tok[y].norm[0] == ',') y++;
            if ((year = year_at(c, y))) j = y + 1;
        } else if ((year = year_at(c, j))) {
            j++;
        } else if (!(edge || mod != MOD_NONE || (start > 0 && WIN(c, start - 1, date_cues)))) {
            return 0;
        }
        /* "Reagan will travel to West Berlin on June 12" (written in April): a date the
         * future tense speaks of lies ahead in its year */
        if (!year && mod == MOD_NONE && future_before(c, start)) mod = MOD_THIS;
        resolve_month_day(c, w, mon, day, year, mod);
        *end = j;
        return 1;
    }

    /* "15 April 2024", "5th of May" */
    int day = day_at(c, i, &j);
    if (day && mod == MOD_NONE) {
        if (W(c, j, "OF")) j++;
        size_t k;
        mon = month_at(c, j, &k);
        if (mon) {
            int year = year_at(c, k);
            if (year) k++;
            resolve_month_day(c, w, mon, day, year, mod);
            *end = k;
            return 1;
        }
    }

    /* "in 2019", "since 2014", "in early 2023" (not "his 2006 and 2011 presidential campaigns":
     * years joined by AND with no cue before the first modify a noun) */
    int year = year_at(c, i);
    int modifier_pair = year && start >= 3 && W(c, start - 1, "AND") && year_at(c, start - 2) &&
                        !WIN(c, start - 3, date_cues);
    if (year && mod == MOD_NONE && !modifier_pair && (edge || (start > 0 && WIN(c, start - 1, date_cues)))) {
        set_year(w, year);
        *end = i + 1;
        return 1;
    }
    return 0;
}

static int explicit_after_weekday(const ctx *c, size_t j, fm_when *w, size_t *end)
{
    size_t k = j;
    int paren = 0;
    if (k < c->n && c->tok[k].kind == FM_TOK_PUNCT && c->tok[k].norm[0] == ',') k++;
    else if (k < c->n && c->tok[k].kind == FM_TOK_OPEN) k++, paren = 1;
    size_t e, tmp;
    if (!(month_at(c, k, &tmp) || day_at(c, k, &tmp))) return 0;
    fm_when x;
    if (!parse_date_at(c, k, &x, &e) || x.precision != FM_PREC_DAY) return 0;
    if (paren && e < c->n && c->tok[e].kind == FM_TOK_CLOSE) e++;
    *w = x;
    *end = e;
    return 1;
}

/* "a.m."/"pm"/"p.m." possibly split into "p" "." "m" "." */
static int am_pm_at(const ctx *c, size_t i, int *pm, size_t *end)
{
    if (W(c, i, "AM") || W(c, i, "PM")) {
        *pm = W(c, i, "PM");
        size_t j = i + 1;
        if (j < c->n && c->tok[j].kind == FM_TOK_PUNCT && c->tok[j].norm[0] == '.' &&
            (c->tok[j].flags & FM_TOKF_NOSPACE) && memchr(c->tok[i].norm, '.', c->tok[i].norm_len))
            j++;
        *end = j;
        return 1;
    }
    if ((W(c, i, "A") || W(c, i, "P")) && i + 2 < c->n && c->tok[i + 1].kind == FM_TOK_PUNCT &&
        W(c, i + 2, "M")) {
        *pm = W(c, i, "P");
        size_t j = i + 3;
        if (j < c->n && c->tok[j].kind == FM_TOK_PUNCT && c->tok[j].norm[0] == '.') j++;
        *end = j;
        return 1;
    }
    return 0;
}

static const char *const time_lead[] = {
    "AT", "AROUND", "ABOUT", "BEFORE", "AFTER", "JUST", "NEAR", "SHORTLY", "UNTIL", "BY", "APPROXIMATELY", NULL
};

/* "21:50", "9:50 p.m.", "9 pm", "at 0400 GMT", "at noon", "around midnight". */
static int parse_time_at(const ctx *c, size_t i, fm_when *w, size_t *end)
{
    if (i >= c->n) return 0;
    const fm_token *t = &c->tok[i];
    int h = -1, mi = 0, pm = -1;
    size_t j = i + 1, e;
    if (t->kind == FM_TOK_NUMBER) {
        const char *colon = memchr(t->norm, ':', t->norm_len);
        if (colon && colon - t->norm >= 1 && colon - t->norm <= 2 && t->norm + t->norm_len - colon == 3) {
            h = 0;
            for (const char *p = t->norm; p < colon; p++) {
                if (*p < '0' || *p > '9') return 0;
                h = h * 10 + (*p - '0');
            }
            if (colon[1] < '0' || colon[1] > '5' || colon[2] < '0' || colon[2] > '9') return 0;
            mi = (colon[1] - '0') * 10 + (colon[2] - '0');
            if (am_pm_at(c, j, &pm, &e)) j = e;
        } else {
            int v = small_int(t, 4);
            if (v < 0) return 0;
            if (t->norm_len <= 2 && v >= 1 && v <= 12 && am_pm_at(c, j, &pm, &e)) {
                h = v, j = e;
            } else if (t->norm_len == 4 && v % 100 < 60 && v / 100 < 24 && i > 0 &&
                       WIN(c, i - 1, time_lead) && (W(c, j, "GMT") || W(c, j, "UTC") || W(c, j, "LOCAL") ||
                                                    W(c, j, "HRS") || W(c, j, "HOURS"))) {
                h = v / 100, mi = v % 100;
            } else {
                return 0;
            }
        }
    } else if (t->kind == FM_TOK_WORD && t->norm_len >= 3 && t->norm_len <= 4 && t->norm[0] >= '0' &&
               t->norm[0] <= '9' && t->norm[t->norm_len - 1] == 'M' &&
               (t->norm[t->norm_len - 2] == 'A' || t->norm[t->norm_len - 2] == 'P')) {
        /* "10pm" as one token */
        h = t->norm[0] - '0';
        if (t->norm_len == 4) {
            if (t->norm[1] < '0' || t->norm[1] > '9') return 0;
            h = h * 10 + (t->norm[1] - '0');
        }
        pm = t->norm[t->norm_len - 2] == 'P';
    } else if ((W(c, i, "NOON") || W(c, i, "MIDNIGHT") || W(c, i, "MIDDAY")) && i > 0 && WIN(c, i - 1, time_lead)) {
        h = W(c, i, "MIDNIGHT") ? 0 : 12;
    } else {
        return 0;
    }
    if (pm >= 0) {
        if (h < 1 || h > 12) return 0;
        if (h == 12) h = 0;
        if (pm) h += 12;
    }
    if (h > 23) return 0;
    if (W(c, j, "LOCAL") && W(c, j + 1, "TIME")) j += 2;
    else if (W(c, j, "GMT") || W(c, j, "UTC") || W(c, j, "HRS") || W(c, j, "HOURS")) j++;
    when_init(w);
    w->hour = h, w->minute = mi;
    *end = j;
    return 1;
}

/* ---- relative and span expressions -------------------------------------- */

typedef enum unit { U_NONE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE } unit;

/* the time units; their words are the tokenizer's FM_WC_UNIT class (fm_time_unclassed) */
static const struct { const char *w; unit u; int plural; } units[] = {
    {"MINUTE", U_HOUR, 0}, {"MINUTES", U_HOUR, 1}, {"HOUR", U_HOUR, 0}, {"HOURS", U_HOUR, 1},
    {"DAY", U_DAY, 0}, {"DAYS", U_DAY, 1}, {"WEEK", U_WEEK, 0}, {"WEEKS", U_WEEK, 1},
    {"MONTH", U_MONTH, 0}, {"MONTHS", U_MONTH, 1}, {"YEAR", U_YEAR, 0}, {"YEARS", U_YEAR, 1},
    {"DECADE", U_DECADE, 0}, {"DECADES", U_DECADE, 1}, {NULL, U_NONE, 0}
};

const char *fm_time_unclassed(void)
{
    for (size_t k = 0; units[k].w; k++)
        if (!(fm_word_class(units[k].w) & FM_WC_UNIT)) return units[k].w;
    for (int k = 0; k < 12; k++) {
        if (!(fm_word_class(month_names[k]) & FM_WC_MONTH)) return month_names[k];
        if (month_abbrev[k][0] && !(fm_word_class(month_abbrev[k]) & FM_WC_MONTH)) return month_abbrev[k];
    }
    if (!(fm_word_class("SEP") & FM_WC_MONTH)) return "SEP";
    for (int k = 0; k < 7; k++)
        if (!(fm_word_class(weekday_names[k]) & FM_WC_WEEKDAY)) return weekday_names[k];
    return NULL;
}

static unit unit_at(const ctx *c, size_t i, int *plural)
{
    if (i >= c->n || !(c->tok[i].wclass & FM_WC_UNIT)) return U_NONE;   /* the class is this table's words */
    for (size_t k = 0; units[k].w; k++)
        if (W(c, i, units[k].w)) {
            *plural = units[k].plural;
            return units[k].u;
        }
    return U_NONE;
}

/* The date n units before the document date, at the unit's precision. */
static void set_back(const ctx *c, fm_when *w, unit u, int64_t n)
{
    switch (u) {
    case U_HOUR: set_day(w, c->doc - (n >= 24 ? n / 24 : 0)); break;
    case U_DAY: set_day(w, c->doc - n); break;
    case U_WEEK: set_week(w, c->doc - 7 * n); break;
    case U_MONTH: set_month(w, c->y, c->m - (int)n); break;
    case U_YEAR: set_year(w, c->y - (int)n); break;
    case U_DECADE: set_year(w, c->y - 10 * (int)n); break;
    default: break;
    }
}

/* A count before a unit: "three", "72", "a", "a few" (few/several -> -1). */
static int unit_count(const ctx *c, size_t i, int64_t *v, size_t *next)
{
    fm_number num;
    if ((W(c, i, "A") || W(c, i, "AN") || W(c, i, "ONE")) && i + 1 < c->n) {
        int pl;
        if (unit_at(c, i + 1, &pl) && !pl) { *v = 1, *next = i + 1; return 1; }
    }
    if (W(c, i, "FEW") || W(c, i, "SEVERAL") || W(c, i, "COUPLE")) {
        *v = -1, *next = i + 1;
        if (W(c, *next, "OF")) (*next)++;
        return 1;
    }
    if (fm_number_parse(c->tok, c->n, i, &num) && !num.vague) {
        *v = num.value, *next = num.end;
        return 1;
    }
    return 0;
}

/* "three days after the attack", "two days ago", "the next day", "hours after". */
static int parse_relative_at(const ctx *c, size_t i, fm_when *w, size_t *end)
{
    int64_t n = 0;
    size_t j = i;
    int pl = 0;
    unit u;
    when_init(w);
    int the = W(c, i, "THE");
    if (the && (W(c, i + 1, "NEXT") || W(c, i + 1, "FOLLOWING") || W(c, i + 1, "PREVIOUS")) &&
        W(c, i + 2, "DAY")) {
        w->relative_to_event = 1;
        w->offset_days = W(c, i + 1, "PREVIOUS") ? -1 : 1;
        set_day(w, c->doc);
        w->precision = FM_PREC_DOCUMENT;
        *end = i + 3;
        return 1;
    }
    if (the && W(c, i + 1, "DAY") && (W(c, i + 2, "AFTER") || W(c, i + 2, "BEFORE"))) {
        n = 1, j = i + 1;
    } else if (the && c->tok[i].kind != FM_TOK_NUMBER &&
               !(c->tok[i].wclass & (FM_WC_UNIT | FM_WC_NUMBER | FM_WC_HEDGE))) {
        return 0;   /* "the" of no unit or number class: unit_at and unit_count fail */
    } else if ((u = unit_at(c, i, &pl)) != U_NONE && pl && (W(c, i + 1, "AFTER") || W(c, i + 1, "LATER") ||
                                                        W(c, i + 1, "BEFORE") || W(c, i + 1, "EARLIER"))) {
        n = -1, j = i;         /* "hours after", "days later": an unknown small offset */
    } else if (!unit_count(c, i, &n, &j)) {
        return 0;
    }
    u = unit_at(c, j, &pl);
    if (u == U_NONE) return 0;
    size_t k = j + 1;
    if (W(c, k, "AGO")) {
        if (n < 0) return 0;
        set_back(c, w, u, n);
        *end = k + 1;
        return 1;
    }
    int sign;
    if (W(c, k, "AFTER") || W(c, k, "LATER")) sign = 1;
    else if (W(c, k, "BEFORE") || W(c, k, "EARLIER")) sign = -1;
    else return 0;
    int64_t days = n < 0 ? 0 : u == U_DAY ? n : u == U_WEEK ? 7 * n : u == U_HOUR ? n / 24 : -1;
    if (days < 0 || days > 3660) return 0;   /* months after an event: too coarse to shift by */
    /* "two days after April 15": an absolute anchor in the text */
    fm_when base;
    size_t e;
    if ((W(c, k, "AFTER") || W(c, k, "BEFORE")) && parse_date_at(c, k + 1, &base, &e) &&
        base.precision == FM_PREC_DAY) {
        set_day(w, days_from_civil(base.year, base.month, base.day) + sign * days);
        *end = e;
        return 1;
    }
    w->relative_to_event = 1;
    w->offset_days = (int)(sign * days);
    set_day(w, c->doc);
    w->precision = FM_PREC_DOCUMENT;
    *end = k + 1;
    return 1;
}

/* "deadliest", "largest", "highest": a superlative adjective */
static int superlative(const fm_token *t)
{
    static const char *const not_superlative[] = { "WEST", "REST", "ARREST", "PROTEST", "INTEREST", "CONTEST",
                                                   "HARVEST", "FOREST", "REQUEST", "UNREST", "MOLEST", NULL };
    return t->kind == FM_TOK_WORD && t->norm_len > 4 && !strcmp(t->norm + t->norm_len - 3, "EST") &&
           !fm_token_word_in(t, not_superlative);
}

static int comparison_since(const ctx *c, size_t i)
{
    if (!W(c, i, "SINCE") || i == 0) return 0;
    if (W(c, i - 1, "TIME") || W(c, i - 1, "EVER")) return 1;
    /* "the deadliest attack on the city since": a superlative a few words back */
    for (size_t k = i, steps = 0; k-- > 0 && steps < 6; steps++) {
        if (c->tok[k].kind != FM_TOK_WORD) return 0;
        if (superlative(&c->tok[k]) || W(c, k, "WORST") || W(c, k, "BIGGEST")) return 1;
    }
    return 0;
}

/* Spans and tallies: "since October", "over the past three months", "in recent
 * weeks", "so far this year", "throughout 2023", "for two years". */
static int parse_span_at(const ctx *c, size_t i, fm_when *w, size_t *end)
{
    size_t e, j;
    int pl = 0;
    unit u;
    int64_t n;
    when_init(w);
    /* "for the first time since 2002", "the deadliest attack since October": a
     * comparison with the past, not a tally running since then */
    if (comparison_since(c, i)) return 0;
    if (W(c, i, "SINCE") || W(c, i, "THROUGHOUT")) {
        j = i + 1;
        if (W(c, j, "THE") && (W(c, j + 1, "START") || W(c, j + 1, "BEGINNING") || W(c, j + 1, "END")) &&
            W(c, j + 2, "OF"))
            j += 3;
        if (W(c, j, "THE") && (u = unit_at(c, j + 1, &pl)) != U_NONE && !pl) {
            set_back(c, w, u, 0);
            e = j + 2;
        } else if (!parse_date_at(c, j, w, &e)) {
            return 0;
        }
        /* "killed in raids since yesterday": a day's report, not a tally */
        w->is_span = !(W(c, j, "YESTERDAY") || (W(c, j, "LAST") && W(c, j + 1, "NIGHT")));
        *end = e;
        return 1;
    }
    if ((W(c, i, "OVER") || W(c, i, "IN") || W(c, i, "DURING") || W(c, i, "WITHIN") || W(c, i, "FOR")) &&
        W(c, i + 1, "THE") && (W(c, i + 2, "PAST") || W(c, i + 2, "LAST") || W(c, i + 2, "PREVIOUS"))) {
        j = i + 3;
        n = 1;
        if (!unit_count(c, j, &n, &j)) n = 1;
        u = unit_at(c, j, &pl);
        if (u == U_NONE) return 0;
        /* "over the past 24 hours", "in the last day", "in the past two days": a daily
         * report of the latest strikes, not a tally (the same 48 hours either way) */
        if ((u == U_HOUR && n > 0 && n <= 48) || (u == U_DAY && n > 0 && n <= 2)) {
            set_day(w, c->doc);
            *end = j + 1;
            return 1;
        }
        /* "killed over the past week", "in the past three days": a window no longer than
         * a week is a date of week precision, as "last week" is (ACLED's weekly
         * precision), not a tally; the week is the one holding the window's middle */
        if ((u == U_WEEK && n == 1 && !pl) || (u == U_DAY && (n < 0 || (n > 0 && n <= 7)))) {
            set_week(w, c->doc - (u == U_WEEK ? 3 : n > 0 ? n / 2 : 1));   /* "a few days": three */
            *end = j + 1;
            return 1;
        }
        /* "over the past months": no number, so only the coarser unit is known */
        if (n < 0 || (pl && j == i + 3)) {
            set_back(c, w, u == U_DECADE ? U_DECADE : (unit)(u + 1), 0);
            if (u == U_HOUR) set_day(w, c->doc);
        } else {
            set_back(c, w, u, n);
        }
        w->is_span = 1;
        *end = j + 1;
        return 1;
    }
    if (W(c, i, "IN") && W(c, i + 1, "RECENT") && (u = unit_at(c, i + 2, &pl)) != U_NONE && pl) {
        if (u == U_DAY) {                       /* "in recent days": the week, as above */
            set_week(w, c->doc - 3);
            *end = i + 3;
            return 1;
        }
        set_back(c, w, u == U_DECADE ? U_DECADE : (unit)(u + 1), 0);
        w->is_span = 1;
        *end = i + 3;
        return 1;
    }
    if (W(c, i, "SO") && W(c, i + 1, "FAR")) {
        j = i + 2;
        if (W(c, j, "THIS") && (u = unit_at(c, j + 1, &pl)) != U_NONE && !pl) {
            set_back(c, w, u, 0);
            e = j + 2;
        } else if (W(c, j, "IN") && parse_date_at(c, j + 1, w, &e)) {
        } else {
            return 0;
        }
        w->is_span = 1;
        *end = e;
        return 1;
    }
    if (W(c, i, "FOR")) {
        j = i + 1;
        if (W(c, j, "MORE") && W(c, j + 1, "THAN")) j += 2;
        if ((u = unit_at(c, j, &pl)) != U_NONE && pl && u >= U_WEEK) {     /* "for years" */
            set_back(c, w, u == U_DECADE ? U_DECADE : (unit)(u + 1), 0);
            w->is_span = 1;
            *end = j + 1;
            return 1;
        }
        if (unit_count(c, j, &n, &j) && n > 0 && (u = unit_at(c, j, &pl)) != U_NONE) {
            /* "knocked off-air for an hour", "held for three days": how long a state
             * lasted, neither a tally nor the event's date */
            if (u <= U_DAY) { *end = j + 1; return 0; }
            set_back(c, w, u, n);
            w->is_span = 1;
            *end = j + 1;
            return 1;
        }
    }
    return 0;
}

/* ---- choosing ------------------------------------------------------------ */

typedef fm_when_cand cand;
#define MAX_CANDS FM_WHEN_MAX_CANDS

/* The parsers collect tries at a token, in its order (comparison_since,
 * always tried, is not among them). */
enum { P_RELATIVE = 1, P_SPAN = 2, P_DATE = 4, P_TIME = 8, P_ALL = 15 };

/* Every word that one of the parsers above (comparison_since, parse_relative_at
 * with unit_count and fm_number_parse, parse_span_at, parse_date_at,
 * parse_time_at) accepts at the token it starts from, by first letter, with
 * the parsers that may accept it there: parse_relative_at a count ("a", "one",
 * "few", a number word), a plural unit ("hours after") or "the" ("the next
 * day"); parse_span_at its prepositions ("since", "over", "for", "so far");
 * parse_date_at the modifiers ("early", "last", "this"), the deictic days,
 * weekdays and months; parse_time_at "noon", "midnight", "midday". A token
 * that is none of them, no number and no word starting with a digit starts
 * nothing, and collect skips it without running the parsers, and runs only
 * the listed ones on a word: they test dozens of words each. A parser that
 * learns a new first word must add it here. */
typedef struct start_word { const char *w; unsigned char len, parsers; } start_word;
#define SW(w, p) { w, sizeof w - 1, p }
#define SW_END { NULL, 0, 0 }
static const start_word starts_a[] = { SW("A", P_RELATIVE), SW("AN", P_RELATIVE), SW("APR", P_DATE),
                                       SW("APRIL", P_DATE), SW("AUG", P_DATE), SW("AUGUST", P_DATE), SW_END };
static const start_word starts_c[] = { SW("COUPLE", P_RELATIVE), SW("COMING", P_DATE), SW("COUNTLESS", P_RELATIVE),
                                       SW_END };
static const start_word starts_d[] = { SW("DAY", P_RELATIVE), SW("DAYS", P_RELATIVE), SW("DECADE", P_RELATIVE),
                                       SW("DECADES", P_RELATIVE), SW("DURING", P_SPAN), SW("DOZENS", P_RELATIVE),
                                       SW("DEC", P_DATE), SW("DECEMBER", P_DATE), SW_END };
static const start_word starts_e[] = { SW("EARLY", P_DATE), SW("EARLIER", P_DATE), SW("EIGHT", P_RELATIVE),
                                       SW("EIGHTEEN", P_RELATIVE), SW("EIGHTY", P_RELATIVE), SW("ELEVEN", P_RELATIVE),
                                       SW_END };
static const start_word starts_f[] = { SW("FEW", P_RELATIVE), SW("FOR", P_SPAN), SW("FOUR", P_RELATIVE),
                                       SW("FOURTEEN", P_RELATIVE), SW("FORTY", P_RELATIVE), SW("FIVE", P_RELATIVE),
                                       SW("FIFTEEN", P_RELATIVE), SW("FIFTY", P_RELATIVE), SW("FRIDAY", P_DATE),
                                       SW("FEB", P_DATE), SW("FEBRUARY", P_DATE), SW_END };
static const start_word starts_h[] = { SW("HOUR", P_RELATIVE), SW("HOURS", P_RELATIVE), SW("HUNDREDS", P_RELATIVE),
                                       SW_END };
static const start_word starts_i[] = { SW("IN", P_SPAN), SW_END };
static const start_word starts_j[] = { SW("JAN", P_DATE), SW("JANUARY", P_DATE), SW("JUN", P_DATE),
                                       SW("JUNE", P_DATE), SW("JUL", P_DATE), SW("JULY", P_DATE), SW_END };
static const start_word starts_l[] = { SW("LATE", P_DATE), SW("LATER", P_DATE), SW("LAST", P_DATE), SW_END };
static const start_word starts_m[] = { SW("MINUTE", P_RELATIVE), SW("MINUTES", P_RELATIVE), SW("MONTH", P_RELATIVE),
                                       SW("MONTHS", P_RELATIVE), SW("MID", P_DATE), SW("MIDNIGHT", P_TIME),
                                       SW("MIDDAY", P_TIME), SW("MILLIONS", P_RELATIVE), SW("MANY", P_RELATIVE),
                                       SW("MONDAY", P_DATE), SW("MARCH", P_DATE), SW("MAR", P_DATE),
                                       SW("MAY", P_DATE), SW_END };
static const start_word starts_n[] = { SW("NEXT", P_DATE), SW("NINE", P_RELATIVE), SW("NINETEEN", P_RELATIVE),
                                       SW("NINETY", P_RELATIVE), SW("NUMEROUS", P_RELATIVE), SW("NOON", P_TIME),
                                       SW("NOVEMBER", P_DATE), SW("NOV", P_DATE), SW_END };
static const start_word starts_o[] = { SW("ONE", P_RELATIVE), SW("OVER", P_SPAN), SW("OVERNIGHT", P_DATE),
                                       SW("OCTOBER", P_DATE), SW("OCT", P_DATE), SW_END };
static const start_word starts_p[] = { SW("PAST", P_DATE), SW("PREVIOUS", P_DATE), SW_END };
static const start_word starts_s[] = { SW("SINCE", P_SPAN), SW("SO", P_SPAN), SW("SEVERAL", P_RELATIVE),
                                       SW("SCORES", P_RELATIVE), SW("SIX", P_RELATIVE), SW("SIXTEEN", P_RELATIVE),
                                       SW("SIXTY", P_RELATIVE), SW("SEVEN", P_RELATIVE), SW("SEVENTEEN", P_RELATIVE),
                                       SW("SEVENTY", P_RELATIVE), SW("SATURDAY", P_DATE), SW("SUNDAY", P_DATE),
                                       SW("SEPTEMBER", P_DATE), SW("SEPT", P_DATE), SW("SEP", P_DATE), SW_END };
static const start_word starts_t[] = { SW("THE", P_RELATIVE), SW("THROUGHOUT", P_SPAN), SW("THIS", P_DATE),
                                       SW("TODAY", P_DATE), SW("TONIGHT", P_DATE), SW("TOMORROW", P_DATE),
                                       SW("TWO", P_RELATIVE), SW("THREE", P_RELATIVE), SW("TEN", P_RELATIVE),
                                       SW("TWELVE", P_RELATIVE), SW("THIRTEEN", P_RELATIVE), SW("TWENTY", P_RELATIVE),
                                       SW("THIRTY", P_RELATIVE), SW("TENS", P_RELATIVE), SW("THOUSANDS", P_RELATIVE),
                                       SW("TUESDAY", P_DATE), SW("THURSDAY", P_DATE), SW_END };
static const start_word starts_w[] = { SW("WEEK", P_RELATIVE), SW("WEEKS", P_RELATIVE), SW("WITHIN", P_SPAN),
                                       SW("WEDNESDAY", P_DATE), SW_END };
static const start_word starts_y[] = { SW("YEAR", P_RELATIVE), SW("YEARS", P_RELATIVE), SW("YESTERDAY", P_DATE),
                                       SW_END };
static const start_word starts_z[] = { SW("ZERO", P_RELATIVE), SW_END };
#undef SW
#undef SW_END

/* The parsers of the word of list that t is, as word_is compares (dots
 * aside), or 0. */
static unsigned start_parsers(const fm_token *t, const start_word *list)
{
    const char *s = t->norm;
    int dots = 0;
    for (size_t k = 0; k < t->norm_len; k++) dots |= s[k] == '.';
    for (; list->w; list++)
        if (dots ? fm_token_word_is(t, list->w)
                 : t->norm_len == list->len && s[1] == list->w[1] && !memcmp(s, list->w, list->len))
            return list->parsers;
    return 0;
}

/* The parsers that may accept a date or time starting at t (P_*), 0 for most
 * tokens. */
static unsigned may_start(const fm_token *t)
{
    /* a number is no word of the parsers (their words are letters only) */
    if (t->kind == FM_TOK_NUMBER) return P_RELATIVE | P_DATE | P_TIME;
    if (!t->norm || !t->norm_len) return 0;
    if (t->kind == FM_TOK_WORD && t->norm[0] >= 'A' && !(t->wclass & FM_WC_TIME)) return 0;   /* the lists below */
    const start_word *list;
    switch (t->norm[0]) {
    case '.':
        /* word_is skips dots: let the parsers decide, unless there is nothing
         * else (a full stop), which no word and no number is */
        for (size_t k = 1; k < t->norm_len; k++)
            if (t->norm[k] != '.') return P_ALL;
        return 0;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return P_ALL;
    case 'A': list = starts_a; break;
    case 'C': list = starts_c; break;
    case 'D': list = starts_d; break;
    case 'E': list = starts_e; break;
    case 'F': list = starts_f; break;
    case 'H': list = starts_h; break;
    case 'I': list = starts_i; break;
    case 'J': list = starts_j; break;
    case 'L': list = starts_l; break;
    case 'M': list = starts_m; break;
    case 'N': list = starts_n; break;
    case 'O': list = starts_o; break;
    case 'P': list = starts_p; break;
    case 'S': list = starts_s; break;
    case 'T': list = starts_t; break;
    case 'W': list = starts_w; break;
    case 'Y': list = starts_y; break;
    case 'Z': list = starts_z; break;
    default: return 0;
    }
    return start_parsers(t, list);
}

static const char *const relative_words[] = { "WHICH", "WHO", "WHOM", "WHOSE", "WHERE", NULL };

/* ", which the rebels had taken the previous day": a date inside a relative
 * clause set off by a comma dates what the clause says, not the sentence's
 * other verbs. Sets k->rel and k->rel_end when the date at i is in one. */
static void relative_clause(const ctx *c, size_t i, cand *k)
{
    size_t j = i;
    while (j > 0 && !(c->tok[j - 1].kind == FM_TOK_PUNCT && c->tok[j - 1].norm && c->tok[j - 1].norm[0] == ','))
        j--;
    /* the comma, then the pronoun (after a preposition: ", in which") */
    if (j == 0 || j >= i) return;
    size_t r = j;
    if (r + 1 < i && !WIN(c, r, relative_words) && WIN(c, r + 1, relative_words)) r++;
    if (!WIN(c, r, relative_words)) return;
    size_t e = i;
    while (e < c->n && !(c->tok[e].kind == FM_TOK_PUNCT && c->tok[e].norm &&
                         (c->tok[e].norm[0] == ',' || c->tok[e].norm[0] == ';')))
        e++;
    k->rel = r;
    k->rel_end = e;
}

/* A date that opens a name: a capitalised name head right after it, or after
 * one more capitalised word. */
static int name_after(const ctx *c, size_t e)
{
    for (size_t j = e; j < c->n && j <= e + 1; j++) {
        if (c->tok[j].kind != FM_TOK_WORD || !(c->tok[j].flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS))) return 0;
        if (WIN(c, j, name_heads)) return 1;
    }
    return 0;
}

/* 1 if the date after UNTIL, BY, EFFECTIVE or STARTING lies ahead of the document: after it ("until January
 * 30, 2026", "until next year"), or a month and day that resolved into the past fell more
 * than half a year back ("by October 31" written in August) */
static const char *const event_nouns[] = { "ATTACK", "ATTACKS", "MASSACRE", "MASSACRES", "BOMBING", "BOMBINGS",
    "SHOOTING", "SHOOTINGS", "ASSAULT", "UPRISING", "REVOLUTION", "RIOTS", "COUP", "INVASION", "RAID", NULL };

static int event_name_date(const ctx *c, const fm_when *w, size_t s, size_t e)
{
    if (w->precision != FM_PREC_DAY || s == 0 || !W(c, s - 1, "THE") || e >= c->n || !WIN(c, e, event_nouns))
        return 0;
    for (size_t k = s; k < e; k++) if (year_at(c, k)) return 0;    /* "the October 7, 2023 attacks" says it */
    return days_from_civil(w->year, w->month, w->day) < c->doc - 1;
}

static int deadline_ahead(const ctx *c, const fm_when *w, size_t s, size_t e)
{
    if (w->relative_to_event || w->precision == FM_PREC_DOCUMENT) return 0;
    int64_t first = days_from_civil(w->year, w->month ? w->month : 1, w->day ? w->day : 1);
    if (first > c->doc) return 1;
    if (w->precision != FM_PREC_DAY) return 0;
    for (size_t k = s; k < e; k++) if (year_at(c, k)) return 0;    /* "by October 31, 2019" says so */
    return first < c->doc - 180;
}

static size_t collect(const ctx *c, cand *out)
{
    size_t nc = 0;
    for (size_t i = 0; i < c->n && nc < MAX_CANDS; i++) {
        unsigned parsers = may_start(&c->tok[i]);
        if (!parsers) continue;
        cand k;
        size_t e = 0;
        memset(&k, 0, sizeof k);
        if (comparison_since(c, i)) {             /* the date compared with is not the event's */
            if (parse_date_at(c, i + 1, &k.w, &e) && e > i + 1) i = e - 1;
            continue;
        }
        /* a parser may_start leaves out would fail here */
        if ((parsers & P_RELATIVE && parse_relative_at(c, i, &k.w, &e)) ||
            (parsers & P_SPAN && parse_span_at(c, i, &k.w, &e)) || (parsers & P_DATE && parse_date_at(c, i, &k.w, &e)))
            k.has_date = 1;
        else if (parsers & P_TIME && parse_time_at(c, i, &k.w, &e))
            k.has_time = 1;
        else
            continue;
        if (e <= i) e = i + 1;
        if (k.has_date && name_after(c, e)) { i = e - 1; continue; }
        /* "during the October 7 attacks", "since the September 11 attacks": a month and day
         * between THE and the noun of an event name it, and its year is not said (news calls a
         * recent one "Tuesday's attack": only yesterday's or today's is kept) */
        if (k.has_date && event_name_date(c, &k.w, i, e)) { i = e - 1; continue; }
        /* "closed its airspace until May 14", "must leave by October 31", "tariffs effective
         * February 10", "a ban goes into effect on January 30", "a deadline of November 27": the
         * end of a state, a deadline or a start still to come is not when the act took place
         * ("until mid-1986" in 1987 still dates what lasted until then) */
        if (k.has_date && !k.w.is_span && i > 0 && (W(c, i - 1, "UNTIL") || W(c, i - 1, "TILL") || W(c, i - 1, "BY") ||
                                                    W(c, i - 1, "EFFECTIVE") || W(c, i - 1, "STARTING") ||
                                                    (i > 1 && W(c, i - 1, "ON") && W(c, i - 2, "EFFECT")) ||
                                                    (i > 1 && W(c, i - 1, "OF") && W(c, i - 2, "DEADLINE"))) &&
            deadline_ahead(c, &k.w, i, e)) {
            i = e - 1;
            continue;
        }
        k.ts = i, k.te = e;
        size_t p = i;
        if (p > 0 && (W(c, p - 1, "ON") || W(c, p - 1, "LATE") || W(c, p - 1, "EARLY") || W(c, p - 1, "EARLIER")))
            p--;
        k.speech = p > 0 && WIN(c, p - 1, speech_verbs);
        relative_clause(c, i, &k);
        out[nc++] = k;
        i = e - 1;
    }
    /* a time joins the date next to it: "on Sunday at 21:50", "9:50 p.m. on Sunday" */
    for (size_t a = 0; a < nc; a++) {
        if (!out[a].has_time || out[a].has_date) continue;
        size_t best = nc, gap_best = 5;
        for (size_t b = 0; b < nc; b++) {
            if (!out[b].has_date || out[b].w.is_span || out[b].w.relative_to_event ||
                (out[b].w.precision != FM_PREC_DAY && out[b].w.precision != FM_PREC_DOCUMENT))
                continue;
            size_t gap = out[b].te <= out[a].ts ? out[a].ts - out[b].te : out[a].te <= out[b].ts ? out[b].ts - out[a].te : 0;
            if (gap < gap_best) gap_best = gap, best = b;
        }
        if (best < nc) {
            cand *d = &out[best];
            d->w.hour = out[a].w.hour, d->w.minute = out[a].w.minute;
            d->w.precision = FM_PREC_TIME;
            d->has_time = 1;
            if (out[a].ts < d->ts) d->ts = out[a].ts;
            if (out[a].te > d->te) d->te = out[a].te;
            memmove(&out[a], &out[a + 1], (nc - a - 1) * sizeof *out);
            nc--;
            a--;
        } else {
            /* a time alone is on the document date */
            int y, m, d;
            civil_from_days(c->doc, &y, &m, &d);
            out[a].w.year = y, out[a].w.month = m, out[a].w.day = d;
            out[a].w.precision = FM_PREC_TIME;
            out[a].has_date = 1;
        }
    }
    return nc;
}

void fm_when_collect(const fm_token *tok, size_t n, int doc_y, int doc_m, int doc_d, fm_when_set *out)
{
    out->n = 0;
    if (!tok || n == 0 || doc_m < 1 || doc_m > 12 || doc_d < 1 || doc_d > 31) return;
    ctx c = { tok, n, doc_y, doc_m, doc_d, days_from_civil(doc_y, doc_m, doc_d) };
    out->n = collect(&c, out->c);
}

/* "exchange fire despite a ceasefire in place since August", "amid a blockade imposed in
 * March": a date after the verb inside a DESPITE or AMID phrase dates that phrase's noun,
 * not the event (the phrase ends at a comma) */
static int of_a_noun(const fm_token *tok, size_t verb, size_t ts)
{
    for (size_t k = ts; k-- > verb + 1;) {
        if (tok[k].kind == FM_TOK_PUNCT) return 0;
        if (word_is(&tok[k], "DESPITE") || word_is(&tok[k], "AMID") || word_is(&tok[k], "AMIDST")) return 1;
    }
    return 0;
}

int fm_when_pick(const fm_when_set *set, const fm_token *tok, size_t n, size_t from, size_t to, size_t verb,
                 fm_when *w)
{
    const cand *cs = set->c;
    size_t nc = set->n;
    if (nc == 0) return 0;
    if (to > n) to = n;
    size_t best = nc;
    uint64_t best_score = UINT64_MAX;
    for (size_t k = 0; k < nc; k++) {
        uint64_t dist;
        if (cs[k].rel_end && (verb < cs[k].rel || verb >= cs[k].rel_end)) continue;
        if (of_a_noun(tok, verb, cs[k].ts)) continue;
        if (cs[k].te > from && cs[k].ts < to) dist = 0;
        else if (cs[k].te <= from) dist = from - cs[k].te + 1;
        else dist = cs[k].ts - to + 1;
        /* inside beats outside; a date of the saying ("said on Monday") loses
         * to any other; nearer beats farther; earlier breaks ties */
        uint64_t score = (dist ? (1u << 20) : 0) + (cs[k].speech ? (1u << 16) : 0) + dist * 2 +
                         (cs[k].te <= from ? 0 : 1);
        if (score < best_score) best_score = score, best = k;
    }
    if (best == nc) return 0;
    *w = cs[best].w;
    w->start = tok[cs[best].ts].start;
    w->end = tok[cs[best].te - 1].end;
    return 1;
}

int fm_when_find(const char *text, const fm_token *tok, size_t n, size_t from, size_t to,
                 int doc_y, int doc_m, int doc_d, fm_when *w)
{
    (void)text;
    fm_when_set set;
    fm_when_collect(tok, n, doc_y, doc_m, doc_d, &set);
    return fm_when_pick(&set, tok, n, from, to, from, w);
}
