/* test_time.c — date arithmetic and the date/time expressions of
 * tests/cases/time.txt (document date | sentence | expected, written by hand). */
#include "tap.h"
#include "time_normalize.h"
#include <stdlib.h>

#ifndef FM_DATADIR
#define FM_DATADIR "data"
#endif

static void check_arithmetic(void)
{
    int y, m, d;
    TAP_OK(fm_date_parse("2024-02-29", &y, &m, &d) == 0 && y == 2024 && m == 2 && d == 29, "parse leap day");
    TAP_OK(fm_date_parse("2023-02-29", &y, &m, &d) != 0, "2023-02-29 rejected");
    TAP_OK(fm_date_parse("2024-13-01", &y, &m, &d) != 0, "month 13 rejected");
    TAP_OK(fm_date_parse("2024-4-01", &y, &m, &d) != 0, "short month rejected");
    TAP_OK(fm_date_parse(NULL, &y, &m, &d) != 0, "NULL rejected");
    y = 2024, m = 3, d = 1;
    fm_date_add_days(&y, &m, &d, -1);
    TAP_OK(y == 2024 && m == 2 && d == 29, "2024-03-01 minus one day is 2024-02-29");
    y = 2024, m = 12, d = 31;
    fm_date_add_days(&y, &m, &d, 1);
    TAP_OK(y == 2025 && m == 1 && d == 1, "new year");
    y = 1999, m = 12, d = 31;
    fm_date_add_days(&y, &m, &d, 366);
    TAP_OK(y == 2000 && m == 12 && d == 31, "2000 is a leap year");
    y = 1900, m = 2, d = 28;
    fm_date_add_days(&y, &m, &d, 1);
    TAP_OK(y == 1900 && m == 3 && d == 1, "1900 is not a leap year");
    TAP_OK(fm_date_weekday(2024, 4, 21) == 6, "2024-04-21 is a Sunday");
    TAP_OK(fm_date_weekday(1970, 1, 1) == 3, "1970-01-01 is a Thursday");
    TAP_OK(fm_date_weekday(2000, 2, 29) == 1, "2000-02-29 is a Tuesday");
    TAP_OK(fm_date_weekday(1969, 12, 31) == 2, "1969-12-31 is a Wednesday");

    fm_when w = { .year = 2024, .month = 4, .day = 21, .precision = FM_PREC_DAY };
    char out[11];
    fm_when_format(&w, out);
    TAP_STREQ(out, "2024-04-21", "format day");
    w.precision = FM_PREC_MONTH;
    fm_when_format(&w, out);
    TAP_STREQ(out, "2024-04", "format month");
    w.precision = FM_PREC_YEAR;
    fm_when_format(&w, out);
    TAP_STREQ(out, "2024", "format year");
    TAP_STREQ(fm_date_precision_name(FM_PREC_WEEK), "week", "precision name week");
    TAP_STREQ(fm_date_precision_name(FM_PREC_DOCUMENT), "document", "precision name document");

    fm_when rel = { .relative_to_event = 1, .offset_days = 3, .precision = FM_PREC_DOCUMENT };
    fm_when base = { .year = 2024, .month = 2, .day = 27, .precision = FM_PREC_DAY };
    fm_when_relative_to(&rel, &base);
    TAP_OK(rel.year == 2024 && rel.month == 3 && rel.day == 1 && rel.precision == FM_PREC_DAY &&
           !rel.relative_to_event, "three days after 2024-02-27 is 2024-03-01");
    fm_when rel2 = { .relative_to_event = 1, .offset_days = 3, .precision = FM_PREC_DOCUMENT };
    fm_when mbase = { .year = 2024, .month = 2, .precision = FM_PREC_MONTH };
    fm_when_relative_to(&rel2, &mbase);
    TAP_OK(rel2.year == 2024 && rel2.month == 2 && rel2.precision == FM_PREC_MONTH, "relative to a month keeps the month");
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = 0;
    return s;
}

/* Expected: "none" | "rel=+3" | "<date> <precision> [time=HH:MM] [span]". */
static void check_case(const char *where, const char *docdate, char *sentence, char *expected)
{
    char text[1024];
    size_t len = 0, open = (size_t)-1, close = (size_t)-1;
    for (const char *p = sentence; *p && len + 1 < sizeof text; p++) {
        if (*p == '{') open = len;
        else if (*p == '}') close = len;
        else text[len++] = *p;
    }
    text[len] = 0;
    int y, m, d;
    if (fm_date_parse(docdate, &y, &m, &d)) {
        TAP_OK(0, "%s: bad document date %s", where, docdate);
        return;
    }
    fm_arena a;
    fm_arena_init(&a, 0);
    fm_token_vec v = {0};
    fm_tokenize(text, 0, (uint32_t)len, &a, &v);
    size_t from = 0, to = v.n;
    if (open != (size_t)-1) {
        from = to = v.n;
        for (size_t i = v.n; i-- > 0;) {
            if (v.a[i].start >= open) from = i;
            if (v.a[i].start >= close) to = i;
        }
    }
    fm_when w;
    int found = fm_when_find(text, v.a, v.n, from, to, y, m, d, &w);
    char got[128], date[11];
    if (!found) {
        snprintf(got, sizeof got, "none");
    } else if (w.relative_to_event) {
        snprintf(got, sizeof got, "rel=%+d", w.offset_days);
    } else {
        fm_when_format(&w, date);
        int n = snprintf(got, sizeof got, "%s %s", date, fm_date_precision_name(w.precision));
        if (w.hour >= 0) n += snprintf(got + n, sizeof got - (size_t)n, " time=%02d:%02d", w.hour, w.minute);
        if (w.is_span) snprintf(got + n, sizeof got - (size_t)n, " span");
    }
    TAP_STREQ(got, expected, "%s: %s", where, text);
    fm_token_vec_free(&v);
    fm_arena_free(&a);
}

static int check_cases(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[2048];
    int lineno = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *bar1 = strchr(s, '|'), *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
        char where[64];
        snprintf(where, sizeof where, "time.txt:%d", lineno);
        if (!bar2) {
            TAP_OK(0, "%s: malformed case line", where);
            continue;
        }
        *bar1 = *bar2 = 0;
        check_case(where, trim(s), trim(bar1 + 1), trim(bar2 + 1));
        cases++;
    }
    fclose(f);
    return cases;
}

int main(void)
{
    check_arithmetic();
    int n = check_cases(FM_DATADIR "/../tests/cases/time.txt");
    if (n < 0) n = check_cases("tests/cases/time.txt");
    TAP_OK(n >= 100, "time.txt has %d cases", n);
    const char *gap = fm_time_unclassed();
    TAP_OK(gap == NULL, "every unit, month and weekday word has the tokenizer's class for it (%s)", gap ? gap : "all do");
    return TAP_DONE();
}
