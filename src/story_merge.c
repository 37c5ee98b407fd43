/* story_merge.c — merging reports into stories: which events are the same
 * real-world event (CAMEO family, actors, place, date) and fm_store_merge,
 * which recomputes the linked components deterministically (story id = the
 * smallest member event id, whatever the ingest order) and writes only the
 * stories and links that changed. */
#define _GNU_SOURCE   /* qsort_r: comparators get the events without a global */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "buf.h"
#include "story_merge.h"
#include "vec.h"

#define LOCK_MERGE 0x666d6d726763LL   /* "fmmrgc" */

int fm_merge_is_report(const char *mode)
{
    return mode && (!strcmp(mode, "asserted") || !strcmp(mode, "reported") || !strcmp(mode, "claimed"));
}

int fm_merge_is_denial(const char *mode) { return mode && (!strcmp(mode, "denied") || !strcmp(mode, "negated")); }

static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

/* Fighting is coded 18x, 19x or 20x by different reports of one attack. */
static int family(const char *root)
{
    if (!root) return -1;
    if (!strcmp(root, "18") || !strcmp(root, "19") || !strcmp(root, "20")) return 19;
    return atoi(root);
}

/* An actor nobody names matches anyone; else the codes or the countries agree. */
static int actors_match(const char *code_a, const char *cty_a, const char *code_b, const char *cty_b)
{
    if ((!code_a && !cty_a) || (!code_b && !cty_b)) return 1;
    return same(code_a, code_b) || same(cty_a, cty_b);
}

int fm_merge_compatible(const fm_merge_event *a, const fm_merge_event *b, const fm_merge_options *opt)
{
    double km = opt && opt->max_km > 0 ? opt->max_km : 50.0;
    int window = opt && opt->window_days > 0 ? opt->window_days : 1;
    int span = opt && opt->max_span_days > 0 ? opt->max_span_days : 31;
    if (same(a->doc_id, b->doc_id) || !a->dated || !b->dated) return 0;
    /* "2024" says too little about when to tie two reports together. */
    if (a->day_hi - a->day_lo >= span || b->day_hi - b->day_lo >= span) return 0;
    if (a->day_lo > b->day_hi + window || b->day_lo > a->day_hi + window) return 0;
    if (family(a->root) != family(b->root) || family(a->root) < 0) return 0;
    if (!actors_match(a->source_code, a->source_country, b->source_code, b->source_country)) return 0;
    if (!actors_match(a->target_code, a->target_country, b->target_code, b->target_country)) return 0;
    if (a->has_point && b->has_point) return fm_store_km(a->lat, a->lon, b->lat, b->lon) <= km;
    if (a->location_country && b->location_country) return same(a->location_country, b->location_country);
    return 1;
}

/* ---- loading ---------------------------------------------------------------- */

FM_VEC(fm_merge_event_vec, fm_merge_event)
FM_VEC(fm_str_vec, char *)

typedef struct merge_state {
    fm_arena arena;
    fm_merge_event_vec ev;
    fm_str_vec have_links, have_stories;
    int failed;
} merge_state;

static const char *dup(merge_state *m, const char *s) { return s ? fm_arena_strdup(&m->arena, s) : NULL; }

static int load_event(void *user, int ncol, const char *const *c)
{
    merge_state *m = user;
    fm_merge_event e;
    memset(&e, 0, sizeof e);
    e.id = dup(m, c[0]);
    e.doc_id = dup(m, c[1]);
    e.doc_source = dup(m, c[2]);
    e.doc_date = dup(m, c[3]);
    e.root = dup(m, c[4]);
    e.code = dup(m, c[5]);
    e.mode = dup(m, c[6]);
    e.precision = dup(m, c[7]);
    e.source_code = dup(m, c[8]);
    e.source_country = dup(m, c[9]);
    e.target_code = dup(m, c[10]);
    e.target_country = dup(m, c[11]);
    e.location_country = dup(m, c[12]);
    e.dated = c[13] && c[14];
    if (e.dated) {
        e.day_lo = strtoll(c[13], NULL, 10);
        e.day_hi = strtoll(c[14], NULL, 10);
    }
    e.has_point = c[15] && c[16];
    if (e.has_point) {
        e.lat = strtod(c[15], NULL);
        e.lon = strtod(c[16], NULL);
    }
    e.date = dup(m, c[17]);
    if (fm_merge_event_vec_push(&m->ev, e)) m->failed = 1;
    return 0;
}

/* Existing rows as one tab-separated line each, NULL as "\N", to compare
 * with what the merge wants without caring how each backend types them. */
static int load_line(void *user, int ncol, const char *const *c, fm_str_vec *into, merge_state *m)
{
    fm_buf b;
    fm_buf_init(&b);
    for (int k = 0; k < ncol; k++) {
        if (k) fm_buf_addc(&b, '\t');
        fm_buf_adds(&b, c[k] ? c[k] : "\\N");
    }
    char *s = b.failed ? NULL : fm_arena_strdup(&m->arena, fm_buf_cstr(&b));
    fm_buf_free(&b);
    if (!s || fm_str_vec_push(into, s)) m->failed = 1;
    return 0;
}

static int load_link(void *user, int ncol, const char *const *c)
{
    merge_state *m = user;
    return load_line(user, ncol, c, &m->have_links, m);
}

static int load_story(void *user, int ncol, const char *const *c)
{
    merge_state *m = user;
    return load_line(user, ncol, c, &m->have_stories, m);
}

static int cmp_event_id(const void *a, const void *b)
{
    return strcmp(((const fm_merge_event *)a)->id, ((const fm_merge_event *)b)->id);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* ---- components ------------------------------------------------------------- */

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* The smaller index (= smaller event id) becomes the root: the story id. */
static void unite(size_t *parent, size_t a, size_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
}

typedef struct mention { size_t story, event; int denial; } mention;
FM_VEC(fm_mention_vec, mention)
FM_VEC(fm_size_vec, size_t)

static int cmp_null_last(const char *a, const char *b)
{
    if (!a || !b) return a ? -1 : b ? 1 : 0;
    return strcmp(a, b);
}

static int cmp_mention_doc(const void *a, const void *b, void *arg)
{
    const mention *x = a, *y = b;
    const fm_merge_event *ev = arg;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return strcmp(ev[x->event].doc_id, ev[y->event].doc_id);
}

static int cmp_mention_source(const void *a, const void *b, void *arg)
{
    const mention *x = a, *y = b;
    const fm_merge_event *ev = arg;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return cmp_null_last(ev[x->event].doc_source, ev[y->event].doc_source);
}

static int cmp_by_day(const void *a, const void *b, void *arg)
{
    const fm_merge_event *ev = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (ev[i].day_lo != ev[j].day_lo) return ev[i].day_lo < ev[j].day_lo ? -1 : 1;
    return i < j ? -1 : i > j;
}

typedef struct story_stats {
    int n_events, n_documents, n_sources, n_mentions, n_denials;
    const char *first_report, *last_report;
} story_stats;

static int span_ok(const fm_merge_event *e, const fm_merge_options *opt)
{
    int span = opt && opt->max_span_days > 0 ? opt->max_span_days : 31;
    return e->dated && e->day_hi - e->day_lo < span;
}

/* The days a ranged merge covers: events whose day_lo is in [lo, hi]. */
typedef struct merge_scope {
    int ranged;
    int64_t lo, hi;
    int64_t need_lo, need_hi;    /* out: the day_lo extent of every story touching [lo, hi] */
} merge_scope;

static int in_scope(const merge_scope *sc, const fm_merge_event *e)
{
    return !sc->ranged || (e->dated && e->day_lo >= sc->lo && e->day_lo <= sc->hi);
}

/* Rows to write, one line each in the column order of the loads below; in a
 * ranged merge only those of events in scope, and the extent of the stories
 * (with the denials that point at them) that touch the scope. */
static int want_rows(merge_state *m, const fm_merge_options *opt, merge_scope *sc, fm_str_vec *links, fm_str_vec *stories)
{
    size_t n = m->ev.n;
    fm_merge_event *ev = m->ev.a;
    int window = opt && opt->window_days > 0 ? opt->window_days : 1;
    int span = opt && opt->max_span_days > 0 ? opt->max_span_days : 31;
    size_t *parent = malloc((n ? n : 1) * sizeof *parent);
    fm_size_vec by_day = { 0 };
    fm_mention_vec men = { 0 };
    story_stats *st = calloc(n ? n : 1, sizeof *st);
    fm_buf line;
    fm_buf_init(&line);
    int rc = -1;
    if (!parent || !st) goto out;
    for (size_t i = 0; i < n; i++) {
        parent[i] = i;
        if (span_ok(&ev[i], opt) && (fm_merge_is_report(ev[i].mode) || fm_merge_is_denial(ev[i].mode)))
            if (fm_size_vec_push(&by_day, i)) goto out;
    }
    if (by_day.n) qsort_r(by_day.a, by_day.n, sizeof *by_day.a, cmp_by_day, ev);

    /* Reports: connected components of "compatible", which do not depend on
     * the order events arrived in. Each pair is seen from its earlier day. */
    for (size_t x = 0; x < by_day.n; x++) {
        size_t i = by_day.a[x];
        if (!fm_merge_is_report(ev[i].mode)) continue;
        for (size_t y = x + 1; y < by_day.n && ev[by_day.a[y]].day_lo <= ev[i].day_hi + window; y++) {
            size_t j = by_day.a[y];
            if (fm_merge_is_report(ev[j].mode) && fm_merge_compatible(&ev[i], &ev[j], opt)) unite(parent, i, j);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!fm_merge_is_report(ev[i].mode)) continue;
        mention mt = { find(parent, i), i, 0 };
        if (fm_mention_vec_push(&men, mt)) goto out;
    }
    /* Denials point at the stories they deny; they never join one. */
    for (size_t x = 0; x < by_day.n; x++) {
        size_t d = by_day.a[x];
        if (!fm_merge_is_denial(ev[d].mode)) continue;
        size_t first = men.n;
        /* every report within reach: its day_lo is in [lo - span - window, hi + window] */
        for (size_t y = 0; y < by_day.n; y++) {
            size_t j = by_day.a[y];
            if (ev[j].day_lo > ev[d].day_hi + window) break;
            if (ev[j].day_lo < ev[d].day_lo - span - window || !fm_merge_is_report(ev[j].mode)) continue;
            if (!fm_merge_compatible(&ev[d], &ev[j], opt)) continue;
            size_t root = find(parent, j);
            int seen = 0;
            for (size_t k = first; k < men.n && !seen; k++) seen = men.a[k].story == root;
            if (!seen) {
                mention mt = { root, d, 1 };
                if (fm_mention_vec_push(&men, mt)) goto out;
            }
        }
    }

    /* Counts: distinct documents and sources over members and denials. */
    if (men.n) qsort_r(men.a, men.n, sizeof *men.a, cmp_mention_doc, ev);
    for (size_t k = 0; k < men.n; k++) {
        mention *mt = &men.a[k];
        story_stats *s = &st[mt->story];
        const fm_merge_event *e = &ev[mt->event];
        s->n_mentions++;
        if (mt->denial) s->n_denials++;
        else s->n_events++;
        if (k == 0 || men.a[k - 1].story != mt->story || strcmp(ev[men.a[k - 1].event].doc_id, e->doc_id))
            s->n_documents++;
        if (e->doc_date && (!s->first_report || strcmp(e->doc_date, s->first_report) < 0)) s->first_report = e->doc_date;
        if (e->doc_date && (!s->last_report || strcmp(e->doc_date, s->last_report) > 0)) s->last_report = e->doc_date;
        if (!in_scope(sc, e)) continue;
        fm_buf_clear(&line);
        fm_buf_printf(&line, "%s\t%s\t%s", e->id, ev[mt->story].id, mt->denial ? "denial" : "member");
        char *l = fm_arena_strdup(&m->arena, fm_buf_cstr(&line));
        if (!l || fm_str_vec_push(links, l)) goto out;
    }
    if (men.n) qsort_r(men.a, men.n, sizeof *men.a, cmp_mention_source, ev);
    if (sc->ranged) {
        /* A denial ties together every story it denies: one group, one extent. */
        size_t *group = malloc((n ? n : 1) * sizeof *group);
        int64_t *gmin = malloc((n ? n : 1) * sizeof *gmin), *gmax = malloc((n ? n : 1) * sizeof *gmax);
        unsigned char *touch = calloc(n ? n : 1, 1);
        if (!group || !gmin || !gmax || !touch) { free(group); free(gmin); free(gmax); free(touch); goto out; }
        for (size_t i = 0; i < n; i++) group[i] = find(parent, i);
        for (size_t k = 0; k < men.n; k++)
            if (men.a[k].denial) unite(group, men.a[k].story, men.a[k].event);
        for (size_t i = 0; i < n; i++) { gmin[i] = INT64_MAX; gmax[i] = INT64_MIN; }
        for (size_t k = 0; k < men.n; k++) {
            const fm_merge_event *e = &ev[men.a[k].event];
            size_t g = find(group, men.a[k].event);
            if (!e->dated) continue;
            if (e->day_lo < gmin[g]) gmin[g] = e->day_lo;
            if (e->day_lo > gmax[g]) gmax[g] = e->day_lo;
            if (in_scope(sc, e)) touch[g] = 1;
        }
        for (size_t i = 0; i < n; i++) {
            if (!touch[i]) continue;
            if (gmin[i] < sc->need_lo) sc->need_lo = gmin[i];
            if (gmax[i] > sc->need_hi) sc->need_hi = gmax[i];
        }
        free(group);
        free(gmin);
        free(gmax);
        free(touch);
    }
    for (size_t k = 0; k < men.n; k++) {
        const char *src = ev[men.a[k].event].doc_source;
        if (src && (k == 0 || men.a[k - 1].story != men.a[k].story ||
                    cmp_null_last(ev[men.a[k - 1].event].doc_source, src)))
            st[men.a[k].story].n_sources++;
    }
    for (size_t i = 0; i < n; i++) {
        const story_stats *s = &st[i];
        if (!s->n_events) continue;
        const fm_merge_event *e = &ev[i];
        if (!in_scope(sc, e)) continue;
        fm_buf_clear(&line);
        fm_buf_printf(&line, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%d\t%s\t%s\t%s", e->id, s->n_events, s->n_documents,
                      s->n_sources, s->n_mentions, s->n_denials, s->first_report ? s->first_report : "\\N",
                      s->last_report ? s->last_report : "\\N", s->n_denials > 0, e->date ? e->date : "\\N",
                      e->code ? e->code : "\\N", e->root ? e->root : "\\N");
        char *l = fm_arena_strdup(&m->arena, fm_buf_cstr(&line));
        if (!l || fm_str_vec_push(stories, l)) goto out;
    }
    rc = line.failed || m->arena.failed ? -1 : 0;
out:
    free(parent);
    free(st);
    fm_size_vec_free(&by_day);
    fm_mention_vec_free(&men);
    fm_buf_free(&line);
    return rc;
}

/* ---- writing the difference --------------------------------------------- */

/* Splits a line into at most 16 fields in place; "\N" becomes NULL. */
static int split(char *line, fm_sql_value *out, int max)
{
    int n = 0;
    for (char *p = line; n < max;) {
        char *tab = strchr(p, '\t');
        if (tab) *tab = 0;
        out[n++] = strcmp(p, "\\N") ? fm_sql_text(p) : fm_sql_null();
        if (!tab) break;
        p = tab + 1;
    }
    return n;
}

static size_t key_len(const char *line, int fields)
{
    const char *p = line;
    for (int f = 0; f < fields; f++) {
        const char *tab = strchr(p, '\t');
        if (!tab) return strlen(line);
        p = tab + 1;
    }
    return (size_t)(p - line - 1);
}

static int cmp_key(const char *a, const char *b, int fields)
{
    size_t la = key_len(a, fields), lb = key_len(b, fields);
    int c = strncmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

/* Walks both sorted lists: rows only in "have" are deleted, rows only in
 * "want" (or differing beyond the key) are written. Returns rows keyed. */
static int apply_diff(fm_store *s, fm_str_vec *have, fm_str_vec *want, int key_fields,
                      const char *del_sql, const char *ins_sql, int ncols, int *changed)
{
    if (have->n) qsort(have->a, have->n, sizeof *have->a, cmp_str);
    if (want->n) qsort(want->a, want->n, sizeof *want->a, cmp_str);
    size_t i = 0, j = 0;
    fm_sql_value v[16];
    while (i < have->n || j < want->n) {
        int c = i == have->n ? 1 : j == want->n ? -1 : cmp_key(have->a[i], want->a[j], key_fields);
        if (c == 0 && !strcmp(have->a[i], want->a[j])) { i++; j++; continue; }
        if (c <= 0) {
            split(have->a[i], v, key_fields);
            if (s->be->run(s, del_sql, v, key_fields, NULL, NULL, NULL)) return -1;
            i++;
            if (c < 0) { (*changed)++; continue; }
        }
        if (split(want->a[j], v, ncols) != ncols) return -1;
        if (s->be->run(s, ins_sql, v, ncols, NULL, NULL, NULL)) return -1;
        (*changed)++;
        j++;
    }
    return 0;
}

/* columns: min, max (both NULL when no stored story touches the scope) */
static int extent_row(void *user, int ncol, const char *const *col)
{
    int64_t *ext = user;
    if (col[0] && strtoll(col[0], NULL, 10) < ext[0]) ext[0] = strtoll(col[0], NULL, 10);
    if (col[1] && strtoll(col[1], NULL, 10) > ext[1]) ext[1] = strtoll(col[1], NULL, 10);
    return 0;
}

static void merge_state_free(merge_state *m)
{
    fm_str_vec_free(&m->have_links);
    fm_str_vec_free(&m->have_stories);
    fm_merge_event_vec_free(&m->ev);
    fm_arena_free(&m->arena);
    memset(m, 0, sizeof *m);
    fm_arena_init(&m->arena, 0);
}

#define EVENT_COLUMNS "SELECT event_id, doc_id, doc_source, doc_date, root, code, mode, date_precision," \
                      " source_code, source_country, target_code, target_country, location_country," \
                      " day_lo, day_hi, lat, lon, date FROM events"

/* Widens [lo, hi] until every story touching it, as computed now and as
 * stored from earlier merges, lies inside it; leaves m loaded with the
 * events of the final scope and its margin, and want with its rows. */
static int settle_scope(fm_store *s, merge_state *m, const fm_merge_options *opt, merge_scope *sc,
                        fm_str_vec *want_links, fm_str_vec *want_stories)
{
    int window = opt && opt->window_days > 0 ? opt->window_days : 1;
    int span = opt && opt->max_span_days > 0 ? opt->max_span_days : 31;
    /* Two events are compatible only when their day_lo are less than
     * span + window apart (a denial reaches as far): the margin to load. */
    int64_t margin = (int64_t)span + window + 1;
    for (;;) {
        merge_state_free(m);
        want_links->n = want_stories->n = 0;
        fm_sql_value p[2] = { fm_sql_int(sc->lo - margin), fm_sql_int(sc->hi + margin) };
        if (s->be->run(s, EVENT_COLUMNS " WHERE day_lo BETWEEN $1 AND $2", p, 2, load_event, m, NULL)) return -1;
        if (m->failed) return -2;
        if (m->ev.n) qsort(m->ev.a, m->ev.n, sizeof *m->ev.a, cmp_event_id);
        sc->need_lo = sc->lo;
        sc->need_hi = sc->hi;
        if (want_rows(m, opt, sc, want_links, want_stories)) return -2;
        /* Stories stored by earlier merges may reach further; so may those
         * that lost a member to a re-coded document (a link to no event),
         * wherever they are: they are rewritten by the next merge. */
        int64_t old[2] = { sc->need_lo, sc->need_hi };
        fm_sql_value q[2] = { fm_sql_int(sc->lo), fm_sql_int(sc->hi) };
        if (s->be->run(s, "SELECT min(e.day_lo), max(e.day_lo) FROM story_links l JOIN events e ON e.event_id = l.event_id"
                          " WHERE l.story_id IN (SELECT l2.story_id FROM story_links l2"
                          " LEFT JOIN events e2 ON e2.event_id = l2.event_id"
                          " WHERE e2.day_lo BETWEEN $1 AND $2 OR e2.event_id IS NULL)",
                       q, 2, extent_row, old, NULL))
            return -1;
        if (old[0] < sc->need_lo) sc->need_lo = old[0];
        if (old[1] > sc->need_hi) sc->need_hi = old[1];
        if (sc->need_lo >= sc->lo && sc->need_hi <= sc->hi) return 0;
        if (sc->need_lo < sc->lo) sc->lo = sc->need_lo;
        if (sc->need_hi > sc->hi) sc->hi = sc->need_hi;
    }
}

int fm_store_merge(fm_store *s, const fm_merge_options *opt)
{
    if (s->in_tx) {
        fm_store_report(s, FM_ERROR, "merge: commit the open batch first");
        return -1;
    }
    merge_scope sc = { 0 };
    if (opt && (opt->from || opt->to)) {
        int64_t lo, hi;
        sc.ranged = 1;
        sc.lo = -(INT64_C(1) << 40);
        sc.hi = INT64_C(1) << 40;
        if ((opt->from && fm_date_days(opt->from, &sc.lo, &hi)) || (opt->to && fm_date_days(opt->to, &lo, &sc.hi))) {
            fm_store_report(s, FM_ERROR, "merge: dates must be YYYY, YYYY-MM or YYYY-MM-DD");
            return -1;
        }
        if (sc.lo > sc.hi) {
            fm_store_report(s, FM_ERROR, "merge: the range ends before it starts");
            return -1;
        }
    }
    merge_state m;
    memset(&m, 0, sizeof m);
    fm_arena_init(&m.arena, 0);
    fm_str_vec want_links = { 0 }, want_stories = { 0 };
    int changed = 0, rc = -1;
    if (s->be->lock(s, LOCK_MERGE)) goto out;
    if (fm_store_begin(s)) goto unlock;
    if (sc.ranged) {
        int st = settle_scope(s, &m, opt, &sc, &want_links, &want_stories);
        if (st == -1) goto fail;
        if (st == -2) goto oom;
        fm_sql_value p[2] = { fm_sql_int(sc.lo), fm_sql_int(sc.hi) };
        if (s->be->run(s, "SELECT l.event_id, l.story_id, l.relation FROM story_links l"
                          " LEFT JOIN events e ON e.event_id = l.event_id"
                          " WHERE e.day_lo BETWEEN $1 AND $2 OR e.event_id IS NULL",
                       p, 2, load_link, &m, NULL) ||
            s->be->run(s, "SELECT story_id, n_events, n_documents, n_sources, n_mentions, n_denials, first_report,"
                          " last_report, contested, date, code, root FROM stories"
                          " WHERE story_id IN (SELECT event_id FROM events WHERE day_lo BETWEEN $1 AND $2)"
                          " OR story_id IN (SELECT l.story_id FROM story_links l LEFT JOIN events e"
                          " ON e.event_id = l.event_id WHERE e.day_lo BETWEEN $1 AND $2 OR e.event_id IS NULL)",
                       p, 2, load_story, &m, NULL))
            goto fail;
    } else {
        if (s->be->run(s, EVENT_COLUMNS, NULL, 0, load_event, &m, NULL) ||
            s->be->run(s, "SELECT event_id, story_id, relation FROM story_links", NULL, 0, load_link, &m, NULL) ||
            s->be->run(s, "SELECT story_id, n_events, n_documents, n_sources, n_mentions, n_denials, first_report,"
                          " last_report, contested, date, code, root FROM stories", NULL, 0, load_story, &m, NULL))
            goto fail;
        if (m.failed) goto oom;
        /* Index order = id order, so the smallest index of a component is its id. */
        if (m.ev.n) qsort(m.ev.a, m.ev.n, sizeof *m.ev.a, cmp_event_id);
        if (want_rows(&m, opt, &sc, &want_links, &want_stories)) goto oom;
    }
    if (m.failed) goto oom;
    int link_changes = 0;
    if (apply_diff(s, &m.have_links, &want_links, 2,
                   "DELETE FROM story_links WHERE event_id = $1 AND story_id = $2",
                   "INSERT INTO story_links (event_id, story_id, relation) VALUES ($1, $2, $3)", 3, &link_changes) ||
        apply_diff(s, &m.have_stories, &want_stories, 1, "DELETE FROM stories WHERE story_id = $1",
                   "INSERT INTO stories (story_id, n_events, n_documents, n_sources, n_mentions, n_denials,"
                   " first_report, last_report, contested, date, code, root)"
                   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", 12, &changed))
        goto fail;
    if (fm_store_commit(s)) goto unlock;
    rc = changed;
    goto unlock;
oom:
    fm_store_report(s, FM_ERROR, "merge: out of memory");
fail:
    fm_store_rollback(s);
unlock:
    s->be->unlock(s, LOCK_MERGE);
out:
    fm_str_vec_free(&want_links);
    fm_str_vec_free(&want_stories);
    fm_str_vec_free(&m.have_links);
    fm_str_vec_free(&m.have_stories);
    fm_merge_event_vec_free(&m.ev);
    fm_arena_free(&m.arena);
    return rc;
}
