/* event_json.c — one event as one line of JSON, in the field order of
 * ../shared/spec/event-record.md. Unknown values are null, never invented. */
#include "factum.h"
#include "buf.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Numbers are written by hand: vfprintf was ~2% of a coding run. The digits
 * go straight into the buffer, counted first (no copy through a scratch
 * array and a memcpy call of unknown length). */
static void put_int(fm_buf *b, long long v)
{
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    size_t digits = 1;
    for (unsigned long long x = u; x >= 10; x /= 10) digits++;
    size_t n = digits + (v < 0);
    if (fm_buf_reserve(b, n)) return;
    char *d = b->data + b->len;
    if (v < 0) *d = '-';
    char *p = d + n;
    /* two digits per division: most numbers here are offsets of 3 to 6 digits */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    for (; u >= 100; u /= 100) { p -= 2; memcpy(p, pairs + 2 * (u % 100), 2); }
    if (u >= 10) { p -= 2; memcpy(p, pairs + 2 * u, 2); }
    else *--p = (char)('0' + u);
    b->len += n;
    b->data[b->len] = 0;
}

/* v with `places` decimals, the same bytes as printf's "%.Nf". x * 10^N is
 * within a few ulps of the exact product; when it falls that close to a half
 * (printf rounds the exact binary value), the sign of the exact product minus
 * the half, which one fma gives, says which way (the exact product is never a
 * half: no binary fraction is a decimal tie at one to four places). Outside
 * the easy range, and for a negative zero, the answer is left to printf. */
static void put_fixed(fm_buf *b, double v, int places)
{
    static const double scale[] = { 1, 10, 100, 1000, 10000 };
    double x = v * scale[places];
    double q = nearbyint(x);
    if (!isfinite(x) || fabs(x) > 1e9) {
        fm_buf_printf(b, "%.*f", places, v);
        return;
    }
    int tie = 0;
    if (fabs(fabs(x - q) - 0.5) < 1e-6) {
        double half = floor(x) + 0.5, above = fma(v, scale[places], -half);
        q = above > 0 ? half + 0.5 : half - 0.5;
        tie = above == 0;   /* only with no places: printf's own rounding */
    }
    if (tie || (q == 0 && signbit(v))) {
        fm_buf_printf(b, "%.*f", places, v);
        return;
    }
    long long n = (long long)q;
    unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    char tmp[32];
    char *p = tmp + sizeof tmp;
    for (int i = 0; i < places; i++) { *--p = (char)('0' + u % 10); u /= 10; }
    if (places) *--p = '.';
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (n < 0) *--p = '-';
    fm_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* keys are this file's literals: nothing in them needs escaping (the others
 * are written as one literal with their comma and colon) */
static inline void key(fm_buf *b, const char *k, int first)
{
    if (!first) fm_buf_addc(b, ',');
    fm_buf_addc(b, '"');
    fm_buf_adds(b, k);
    fm_buf_add(b, "\":", 2);
}

static void str_or_null(fm_buf *b, const char *s)
{
    if (s) fm_buf_json_cstr(b, s);
    else fm_buf_adds(b, "null");
}

static void actor(fm_buf *b, const fm_actor *a)
{
    fm_buf_adds(b, "{\"text\":");
    fm_buf_json_cstr(b, a->text ? a->text : "");
    fm_buf_adds(b, ",\"code\":");
    str_or_null(b, a->code);
    fm_buf_adds(b, ",\"country\":");
    str_or_null(b, a->country);
    fm_buf_adds(b, ",\"name\":");
    str_or_null(b, a->name);
    fm_buf_addc(b, '}');
}

static void place(fm_buf *b, const fm_place *p)
{
    fm_buf_adds(b, "{\"name\":");
    str_or_null(b, p->name);
    fm_buf_adds(b, ",\"country\":");
    str_or_null(b, p->country[0] ? p->country : NULL);
    fm_buf_adds(b, ",\"admin1\":");
    str_or_null(b, p->admin1);
    fm_buf_adds(b, ",\"lat\":");
    put_fixed(b, p->lat, 4);
    fm_buf_adds(b, ",\"lon\":");
    put_fixed(b, p->lon, 4);
    fm_buf_adds(b, ",\"geonameid\":");
    if (p->geonameid > 0) put_int(b, (long long)p->geonameid);
    else fm_buf_adds(b, "null");
    fm_buf_adds(b, ",\"precision\":");
    str_or_null(b, p->precision);
    fm_buf_addc(b, '}');
}

static void count(fm_buf *b, const char *name, const fm_count *c, int *first)
{
    if (!c->set) return;
    key(b, name, *first);
    *first = 0;
    if (c->value >= 0) put_int(b, (long long)c->value);
    else fm_buf_json_cstr(b, c->text ? c->text : "unspecified");
}

static void write_event(fm_buf *b, const fm_event *ev, const fm_doc *doc)
{
    fm_buf_adds(b, "{\"id\":");
    fm_buf_json_cstr(b, ev->id);
    fm_buf_adds(b, ",\"doc\":{\"id\":");
    fm_buf_json_cstr(b, doc->id);
    fm_buf_adds(b, ",\"date\":");
    str_or_null(b, doc->date);
    fm_buf_adds(b, ",\"source\":");
    str_or_null(b, doc->source);
    fm_buf_adds(b, ",\"url\":");
    str_or_null(b, doc->url);
    fm_buf_adds(b, "},\"sentence\":{\"index\":");
    put_int(b, ev->sentence_index);
    fm_buf_adds(b, ",\"start\":");
    put_int(b, ev->sentence_start);
    fm_buf_adds(b, ",\"end\":");
    put_int(b, ev->sentence_end);
    fm_buf_addc(b, '}');
    fm_buf_adds(b, ",\"evidence\":");
    fm_buf_json_str(b, ev->evidence, ev->evidence_len);
    fm_buf_adds(b, ",\"code\":");
    fm_buf_json_cstr(b, ev->code);
    fm_buf_adds(b, ",\"root\":");
    fm_buf_json_cstr(b, ev->root);
    fm_buf_adds(b, ",\"plover\":{\"event\":");
    str_or_null(b, ev->plover_event);
    fm_buf_adds(b, ",\"mode\":");
    fm_buf_json_cstr(b, ev->plover_mode ? ev->plover_mode : "");
    fm_buf_adds(b, ",\"context\":");
    fm_buf_json_cstr(b, ev->plover_context ? ev->plover_context : "");
    fm_buf_addc(b, '}');
    if (ev->quad_class) { fm_buf_adds(b, ",\"quad_class\":"); put_int(b, ev->quad_class); }
    else fm_buf_adds(b, ",\"quad_class\":null");
    if (ev->quad_class && isfinite(ev->goldstein)) { fm_buf_adds(b, ",\"goldstein\":"); put_fixed(b, ev->goldstein, 1); }
    else fm_buf_adds(b, ",\"goldstein\":null");
    fm_buf_adds(b, ",\"source\":");
    actor(b, &ev->source);
    fm_buf_adds(b, ",\"target\":");
    if (ev->has_target) actor(b, &ev->target);
    else fm_buf_adds(b, "null");
    fm_buf_adds(b, ",\"mode\":");
    fm_buf_json_cstr(b, fm_mode_name(ev->mode));
    fm_buf_adds(b, ",\"attribution\":");
    fm_buf_addc(b, '[');
    for (int i = 0; i < ev->n_attribution; i++) {
        const fm_attribution *a = &ev->attribution[i];
        if (i) fm_buf_addc(b, ',');
        fm_buf_adds(b, "{\"text\":");
        fm_buf_json_cstr(b, a->text ? a->text : "");
        fm_buf_adds(b, ",\"code\":");
        str_or_null(b, a->code);
        fm_buf_adds(b, ",\"via\":");
        str_or_null(b, a->via);
        fm_buf_addc(b, '}');
    }
    fm_buf_addc(b, ']');
    fm_buf_adds(b, ",\"date\":");
    str_or_null(b, ev->date[0] ? ev->date : NULL);
    fm_buf_adds(b, ",\"date_precision\":");
    str_or_null(b, ev->date_precision);
    fm_buf_adds(b, ",\"time\":");
    str_or_null(b, ev->time[0] ? ev->time : NULL);
    fm_buf_adds(b, ",\"location\":");
    if (ev->has_location) place(b, &ev->location);
    else fm_buf_adds(b, "null");
    if (ev->has_origin) { fm_buf_adds(b, ",\"origin\":"); place(b, &ev->origin); }
    fm_buf_adds(b, ",\"quantities\":");
    fm_buf_addc(b, '{');
    int first = 1;
    count(b, "killed", &ev->quantities.killed, &first);
    count(b, "injured", &ev->quantities.injured, &first);
    count(b, "arrested", &ev->quantities.arrested, &first);
    count(b, "munitions", &ev->quantities.munitions, &first);
    count(b, "participants", &ev->quantities.participants, &first);
    fm_buf_addc(b, '}');
    /* not in the contract's table: the sentence's issues, only when an issue dictionary names some */
    if (ev->n_issues > 0) {
        fm_buf_adds(b, ",\"issues\":");
        fm_buf_addc(b, '[');
        for (int i = 0; i < ev->n_issues; i++) {
            if (i) fm_buf_addc(b, ',');
            fm_buf_json_cstr(b, ev->issues[i]);
        }
        fm_buf_addc(b, ']');
    }
    fm_buf_adds(b, ",\"rule\":");
    str_or_null(b, ev->rule);
    /* not in the contract's table, which allows more fields: the verb as written, for highlighting */
    if (ev->verb_end > ev->verb_start && ev->verb_end <= doc->len) {
        fm_buf_adds(b, ",\"verb\":");
        fm_buf_adds(b, "{\"text\":");
        fm_buf_json_str(b, doc->text + ev->verb_start, ev->verb_end - ev->verb_start);
        fm_buf_adds(b, ",\"start\":");
        put_int(b, ev->verb_start);
        fm_buf_adds(b, ",\"end\":");
        put_int(b, ev->verb_end);
        fm_buf_addc(b, '}');
    }
    fm_buf_adds(b, "}\n");
}

int fm_event_write_json(const fm_event *ev, const fm_doc *doc, char **out, size_t *len, size_t *cap)
{
    fm_buf b = { *out, *len, *cap, 0 };
    write_event(&b, ev, doc);
    *out = b.data;
    *len = b.len;
    *cap = b.cap;
    return b.failed ? -1 : 0;
}
