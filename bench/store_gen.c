/* store_gen.c — builds a large event store for bench/store_bench.sh: the
 * events of a store ingested from a real corpus, copied N times into another
 * store through fm_store_put_doc, each copy with new ids and dates shifted by
 * copy * SHIFT days. Not part of the library; prints only its own summary.
 * usage: store_gen FROM_STORE TO_STORE EVENTS [SHIFT_DAYS]   (stops at EVENTS)
 *        store_gen --query STORE FROM TO ACTOR LIMIT REPS   (fm_store_query latency: median, p95, max) */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store.h"

typedef struct template_event {
    json_t *json;                /* the stored record, parsed */
    char doc_id[96], doc_date[11], date[11];
} template_event;

typedef struct templates { template_event *a; size_t n, cap; } templates;

static void diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    fprintf(stderr, "%s: %s: %s\n", lv == FM_ERROR ? "error" : "warning", where, msg);
}

static int take(void *user, const fm_store_row *row)
{
    templates *t = user;
    json_t *j = json_loadb(row->json, row->json_len, 0, NULL);
    if (!j) return 0;
    const char *d = json_string_value(json_object_get(j, "date"));
    if (!d || strlen(d) != 10) { json_decref(j); return 0; }   /* day dates only: shifting is exact */
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 4096;
        t->a = realloc(t->a, t->cap * sizeof *t->a);
        if (!t->a) return 1;
    }
    template_event *e = &t->a[t->n++];
    e->json = j;
    snprintf(e->doc_id, sizeof e->doc_id, "%s", row->doc_id);
    const char *dd = json_string_value(json_object_get(json_object_get(j, "doc"), "date"));
    snprintf(e->doc_date, sizeof e->doc_date, "%s", dd && strlen(dd) == 10 ? dd : d);
    snprintf(e->date, sizeof e->date, "%s", d);
    return 0;
}

static void shift(const char *in, int days, char out[11])
{
    struct tm tm = { 0 };
    sscanf(in, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday += days;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static const char *jstr(json_t *o, const char *a, const char *b)
{
    json_t *v = json_object_get(o, a);
    if (b) v = json_is_object(v) ? json_object_get(v, b) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void actor(json_t *j, const char *k, fm_actor *a)
{
    a->text = jstr(j, k, "text");
    a->code = jstr(j, k, "code");
    a->country = jstr(j, k, "country");
    a->name = jstr(j, k, "name");
}

static fm_mode mode_of(const char *m)
{
    static const char *const names[] = { "asserted", "reported", "claimed", "denied", "negated", "hypothetical" };
    for (int i = 0; m && i < 6; i++)
        if (!strcmp(m, names[i])) return (fm_mode)i;
    return FM_MODE_ASSERTED;
}

static int count_row(void *user, const fm_store_row *row)
{
    (*(long *)user)++;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Times one filter REPS times on one open handle (the server's situation). */
static int time_query(int argc, char **argv)
{
    if (argc < 8) { fprintf(stderr, "usage: store_gen --query STORE FROM TO ACTOR LIMIT REPS\n"); return 2; }
    fm_store *s = fm_store_open_readonly(argv[2], diag, NULL);
    if (!s) return 1;
    fm_query q = { 0 };
    q.from = *argv[3] ? argv[3] : NULL;
    q.to = *argv[4] ? argv[4] : NULL;
    q.actor = *argv[5] ? argv[5] : NULL;
    q.limit = (size_t)atol(argv[6]);
    int reps = atoi(argv[7]);
    if (reps < 1) reps = 1;
    double *ms = calloc((size_t)reps, sizeof *ms);
    long rows = 0;
    for (int r = 0; r < reps; r++) {
        rows = 0;
        double t0 = now_ms();
        if (fm_store_query(s, &q, count_row, &rows) < 0) { free(ms); fm_store_close(s); return 1; }
        ms[r] = now_ms() - t0;
    }
    qsort(ms, (size_t)reps, sizeof *ms, cmp_double);
    printf("%s from=%s to=%s actor=%s limit=%s: %ld rows, median %.2f ms, p95 %.2f ms, max %.2f ms (%d runs)\n",
           fm_store_backend_name(s), argv[3], argv[4], argv[5], argv[6], rows, ms[reps / 2],
           ms[(int)(reps * 0.95) < reps ? (int)(reps * 0.95) : reps - 1], ms[reps - 1], reps);
    free(ms);
    fm_store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--query")) return time_query(argc, argv);
    if (argc < 4) { fprintf(stderr, "usage: store_gen FROM_STORE TO_STORE EVENTS [SHIFT_DAYS]\n"); return 2; }
    long want = atol(argv[3]);
    int step = argc > 4 ? atoi(argv[4]) : 97;
    fm_store *from = fm_store_open_readonly(argv[1], diag, NULL);
    if (!from) return 1;
    templates t = { 0 };
    fm_query q = { 0 };
    if (fm_store_query(from, &q, take, &t) < 0 || !t.n) { fprintf(stderr, "no events in %s\n", argv[1]); return 1; }
    fm_store_close(from);
    fm_store *to = fm_store_open(argv[2], diag, NULL);
    if (!to) return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long events = 0, docs = 0, in_batch = 0;
    int rc = fm_store_begin(to);
    for (int copy = 0; events < want && rc == 0; copy++) {
        /* One document per template document (its events are consecutive). */
        for (size_t i = 0; i < t.n && events < want && rc == 0;) {
            size_t j = i;
            while (j < t.n && !strcmp(t.a[j].doc_id, t.a[i].doc_id) && j - i < 64) j++;
            char doc_id[128], doc_date[11], text[160];
            snprintf(doc_id, sizeof doc_id, "g%d:%s", copy, t.a[i].doc_id);
            shift(t.a[i].doc_date, copy * step, doc_date);
            snprintf(text, sizeof text, "generated copy %d of %s", copy, t.a[i].doc_id);
            fm_doc doc = { doc_id, doc_date, NULL, jstr(t.a[i].json, "doc", "source"), NULL, text, strlen(text), "gen" };
            fm_event ev[64];
            char *json[64];
            size_t n = j - i;
            for (size_t k = 0; k < n; k++) {
                json_t *src = t.a[i + k].json;
                fm_event *e = &ev[k];
                memset(e, 0, sizeof *e);
                /* 16 hex digits, unique per (copy, template) */
                snprintf(e->id, sizeof e->id, "%04x%012zx", copy & 0xffff, i + k);
                shift(t.a[i + k].date, copy * step, e->date);
                e->date_precision = "day";
                snprintf(e->code, sizeof e->code, "%s", jstr(src, "code", NULL) ? jstr(src, "code", NULL) : "");
                snprintf(e->root, sizeof e->root, "%s", jstr(src, "root", NULL) ? jstr(src, "root", NULL) : "");
                e->plover_event = jstr(src, "plover", "event");
                e->mode = mode_of(jstr(src, "mode", NULL));
                e->quad_class = (int)json_integer_value(json_object_get(src, "quad_class"));
                e->goldstein = json_number_value(json_object_get(src, "goldstein"));
                actor(src, "source", &e->source);
                json_t *tg = json_object_get(src, "target");
                if (json_is_object(tg)) { e->has_target = 1; actor(src, "target", &e->target); }
                json_t *loc = json_object_get(src, "location");
                if (json_is_object(loc) && json_is_number(json_object_get(loc, "lat"))) {
                    e->has_location = 1;
                    e->location.name = jstr(loc, "name", NULL);
                    const char *cc = jstr(loc, "country", NULL);
                    if (cc) snprintf(e->location.country, sizeof e->location.country, "%s", cc);
                    e->location.lat = json_number_value(json_object_get(loc, "lat"));
                    e->location.lon = json_number_value(json_object_get(loc, "lon"));
                }
                json_t *sen = json_object_get(src, "sentence");
                e->sentence_index = (int)json_integer_value(json_object_get(sen, "index"));
                /* the stored record says what the row says */
                json_t *copyj = json_deep_copy(src);
                json_object_set_new(copyj, "id", json_string(e->id));
                json_object_set_new(copyj, "date", json_string(e->date));
                json_t *d = json_object_get(copyj, "doc");
                if (json_is_object(d)) {
                    json_object_set_new(d, "id", json_string(doc_id));
                    json_object_set_new(d, "date", json_string(doc_date));
                }
                json[k] = json_dumps(copyj, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
                json_decref(copyj);
            }
            char hash[17];
            fm_store_doc_hash(&doc, hash);
            int st = fm_store_put_doc(to, &doc, hash, ev, (const char *const *)json, n);
            for (size_t k = 0; k < n; k++) free(json[k]);
            if (st < 0) rc = -1;
            if (st == FM_STORE_STORED) { events += (long)n; docs++; }
            if (++in_batch == 1000) {
                in_batch = 0;
                if (fm_store_commit(to) || fm_store_begin(to)) rc = -1;
            }
            i = j;
        }
    }
    if (rc == 0 && fm_store_commit(to)) rc = -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("store_gen: %ld documents, %ld events in %.1f s (%.0f events/s) into %s\n", docs, events, dt,
           dt > 0 ? (double)events / dt : 0, fm_store_backend_name(to));
    fm_store_close(to);
    for (size_t i = 0; i < t.n; i++) json_decref(t.a[i].json);
    free(t.a);
    return rc ? 1 : 0;
}
