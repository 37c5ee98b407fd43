/* time_normalize.h — when an event happened: date expressions in a sentence
 * resolved against the document date ("on Sunday", "yesterday", "April 15-17",
 * "last month", "at 21:50 local time"), with a precision. */
#ifndef FM_TIME_NORMALIZE_H
#define FM_TIME_NORMALIZE_H
#include <stddef.h>
#include <stdint.h>
#include "text.h"

typedef enum fm_date_precision {
    FM_PREC_DOCUMENT = 0, FM_PREC_TIME, FM_PREC_DAY, FM_PREC_WEEK, FM_PREC_MONTH, FM_PREC_YEAR
} fm_date_precision;
const char *fm_date_precision_name(fm_date_precision p);

typedef struct fm_when {
    int year, month, day;          /* month/day 0 when not known at that precision */
    fm_date_precision precision;
    int hour, minute;              /* -1 when no time given */
    int is_span;                   /* "since October", "over the past months": a span or tally */
    int relative_to_event;         /* "three days after the attack": needs another event's date */
    int offset_days;               /* for relative_to_event */
    uint32_t start, end;           /* the expression in the document */
} fm_when;

/* Civil-date helpers. */
int fm_date_parse(const char *s, int *y, int *m, int *d);        /* "YYYY-MM-DD" -> 0 */
void fm_date_add_days(int *y, int *m, int *d, int days);
int fm_date_weekday(int y, int m, int d);                         /* 0 = Monday */

/* Finds the date/time expression that governs tokens [from, to) of a sentence
 * (the tokens of the sentence are tok[0..n)). doc_y/m/d is the document date.
 * Returns 1 and fills *w if one was found, else 0. */
int fm_when_find(const char *text, const fm_token *tok, size_t n, size_t from, size_t to,
                 int doc_y, int doc_m, int doc_d, fm_when *w);

/* fm_when_find in two steps, so that the sentence is read once for all its
 * events: the candidate expressions of a sentence, then the pick for one
 * event's tokens [from, to). */
#define FM_WHEN_MAX_CANDS 24
typedef struct fm_when_cand {
    fm_when w;
    size_t ts, te;       /* tokens */
    int has_date, has_time, speech;
    size_t rel, rel_end; /* in ", which ... ," (tokens [rel, rel_end)): the relative clause's own; rel_end 0: not */
} fm_when_cand;
typedef struct fm_when_set { fm_when_cand c[FM_WHEN_MAX_CANDS]; size_t n; } fm_when_set;
void fm_when_collect(const fm_token *tok, size_t n, int doc_y, int doc_m, int doc_d, fm_when_set *out);
/* verb: the event's verb token; a date in a relative clause it is not in is not its date */
int fm_when_pick(const fm_when_set *set, const fm_token *tok, size_t n, size_t from, size_t to, size_t verb,
                 fm_when *w);

/* Resolves a relative_to_event w ("three days after the attack") against the
 * date of that event: day-precise bases shift by offset_days, coarser ones are
 * copied. Clears relative_to_event. */
void fm_when_relative_to(fm_when *w, const fm_when *base);

/* Writes w's date as ISO 8601 at its precision ("2024-04-21", "2024-02", "2024"). */
void fm_when_format(const fm_when *w, char out[11]);
/* y-m-d as snprintf "%04d-%02d-%02d" writes it into out, with no snprintf
 * where the fields fit (the document date of every event without its own). */
void fm_date_format(int y, int m, int d, char out[11]);
/* The first time-unit, month or weekday word without the tokenizer's class for it
 * (FM_WC_UNIT, FM_WC_MONTH, FM_WC_WEEKDAY), or NULL: a test checks it is NULL. */
const char *fm_time_unclassed(void);

#endif
