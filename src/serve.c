/* serve.c — the HTTP API and the web page of `factum serve` (libmicrohttpd).
 * Owns request routing, parameter validation, JSON replies and the fixed list
 * of static files. It only reads the store, never builds SQL from values and
 * never shows a client a path, an SQL text or a library message. */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "arena.h"
#include "buf.h"
#include "export.h"
#include "rate_limit.h"
#include "serve.h"
#include "store.h"
#include "strmap.h"
#include "vec.h"

#define API_LIMIT_DEFAULT 100
#define API_LIMIT_MAX 500         /* rows per page of /api/events, /api/stories */
#define GEOJSON_LIMIT_MAX 5000    /* markers per map load */
#define STORY_EVENTS_MAX 200      /* other reports shown with one event */
#define STATIC_MAX_BYTES (8u << 20)

/* ---- the fixed list of files the page needs -------------------------------- */

typedef struct static_file {
    const char *url;
    int from_node;               /* 0: web_dir, 1: node_dir */
    const char *path;
    const char *type;
} static_file;

static const static_file STATIC_FILES[] = {
    { "/", 0, "index.html", "text/html; charset=utf-8" },
    { "/index.html", 0, "index.html", "text/html; charset=utf-8" },
    { "/app.js", 0, "app.js", "text/javascript; charset=utf-8" },
    { "/style.css", 0, "style.css", "text/css; charset=utf-8" },
    { "/static/leaflet.js", 1, "leaflet/dist/leaflet.js", "text/javascript; charset=utf-8" },
    { "/static/leaflet.css", 1, "leaflet/dist/leaflet.css", "text/css; charset=utf-8" },
    { "/static/images/layers.png", 1, "leaflet/dist/images/layers.png", "image/png" },
    { "/static/images/layers-2x.png", 1, "leaflet/dist/images/layers-2x.png", "image/png" },
    { "/static/images/marker-icon.png", 1, "leaflet/dist/images/marker-icon.png", "image/png" },
    { "/static/images/marker-icon-2x.png", 1, "leaflet/dist/images/marker-icon-2x.png", "image/png" },
    { "/static/images/marker-shadow.png", 1, "leaflet/dist/images/marker-shadow.png", "image/png" },
    { "/static/leaflet.markercluster.js", 1, "leaflet.markercluster/dist/leaflet.markercluster.js",
      "text/javascript; charset=utf-8" },
    { "/static/MarkerCluster.css", 1, "leaflet.markercluster/dist/MarkerCluster.css", "text/css; charset=utf-8" },
    { "/static/MarkerCluster.Default.css", 1, "leaflet.markercluster/dist/MarkerCluster.Default.css",
      "text/css; charset=utf-8" },
    { "/static/topojson-client.min.js", 1, "topojson-client/dist/topojson-client.min.js",
      "text/javascript; charset=utf-8" },
    { "/static/countries-110m.json", 1, "world-atlas/countries-110m.json", "application/json" },
};
#define N_STATIC (sizeof STATIC_FILES / sizeof STATIC_FILES[0])

typedef struct loaded_file { char *data; size_t len; } loaded_file;

struct fm_server {
    fm_serve_options opt;
    fm_diag_fn diag;
    void *user;
    struct MHD_Daemon *daemon;
    unsigned port;
    fm_store *store;
    pthread_mutex_t store_lock;  /* one connection: requests take turns */
    fm_lexicon *lexicon;
    fm_coder *coder;
    pthread_mutex_t coder_lock;
    fm_rate_limit *code_rate;    /* POST /api/code per client */
    unsigned code_busy;          /* POST /api/code requests coding or waiting for the coder (atomic) */
    loaded_file files[N_STATIC];
    char *token;
};

static void report(fm_server *srv, fm_diag_level lv, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(fm_server *srv, fm_diag_level lv, const char *fmt, ...)
{
    if (!srv->diag) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    srv->diag(srv->user, lv, "serve", msg);
}

/* ---- replies -------------------------------------------------------------- */

typedef struct reply {
    unsigned status;
    const char *type;
    fm_buf body;
    const loaded_file *file;     /* a static file instead of body */
    const char *set_cookie;
    unsigned retry_after;        /* seconds, for 429 and 503 */
} reply;

static void reply_error(reply *r, unsigned status, const char *msg)
{
    r->status = status;
    r->type = "application/json";
    fm_buf_clear(&r->body);
    fm_buf_adds(&r->body, "{\"error\":");
    fm_buf_json_cstr(&r->body, msg);
    fm_buf_adds(&r->body, "}\n");
}

static enum MHD_Result send_reply(struct MHD_Connection *c, reply *r)
{
    struct MHD_Response *resp;
    if (r->body.failed) reply_error(r, 500, "out of memory");
    if (r->file) {
        resp = MHD_create_response_from_buffer(r->file->len, r->file->data, MHD_RESPMEM_PERSISTENT);
    } else {
        /* MHD frees the body: hand over the buffer. */
        size_t len = r->body.len;
        char *data = r->body.data;
        if (!data) { data = malloc(1); len = 0; }
        resp = data ? MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE) : NULL;
        if (!resp) free(data);
        fm_buf_init(&r->body);
    }
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->type ? r->type : "application/json");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    /* Everything the page uses comes from this server. */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Cache-Control", r->file ? "no-cache" : "no-store");
    if (r->status == 401) MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"factum\"");
    if (r->set_cookie) MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
    if (r->retry_after) {
        char ra[16];
        snprintf(ra, sizeof ra, "%u", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", ra);
    }
    enum MHD_Result ret = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* ---- parameters --------------------------------------------------------- */

typedef struct params {
    fm_query q;                  /* filters, bbox included: the store pages */
    size_t limit, offset;
    const char *error;           /* the first bad parameter, for the 400 */
    char errbuf[160];
} params;

static int bad(params *p, const char *name, const char *why)
{
    if (!p->error) {
        snprintf(p->errbuf, sizeof p->errbuf, "bad parameter '%s': %s", name, why);
        p->error = p->errbuf;
    }
    return -1;
}

static int all_chars(const char *s, size_t min, size_t max, int (*ok)(int))
{
    size_t n = strlen(s);
    if (n < min || n > max) return 0;
    for (; *s; s++)
        if (!ok((unsigned char)*s)) return 0;
    return 1;
}
static int is_upper_alpha(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_plover_char(int c) { return is_upper_alpha(c) || c == '_' || c == '-'; }
static int is_actor_char(int c) { return c >= 0x20 && c != 0x7f; }   /* UTF-8 bytes pass */

static int parse_size(const char *s, size_t max, size_t *out)
{
    if (!all_chars(s, 1, 9, is_digit)) return -1;
    unsigned long v = strtoul(s, NULL, 10);
    if (v > max) return -1;
    *out = v;
    return 0;
}

static int parse_bbox(const char *s, double b[4])
{
    char tmp[128];
    if (strlen(s) >= sizeof tmp) return -1;
    snprintf(tmp, sizeof tmp, "%s", s);
    char *save = NULL, *tok = strtok_r(tmp, ",", &save);
    int n = 0;
    for (; tok && n < 4; tok = strtok_r(NULL, ",", &save)) {
        char *end;
        errno = 0;
        double v = strtod(tok, &end);
        if (end == tok || *end || errno || !isfinite(v)) return -1;
        b[n++] = v;
    }
    if (n != 4 || tok) return -1;
    if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > b[2] || b[1] > b[3]) return -1;
    return 0;
}

static const char *const EVENT_PARAMS[] = { "from", "to", "actor", "country", "code", "plover", "mode", "bbox",
                                            "limit", "cursor", "token", NULL };

typedef struct key_check { const char *const *allowed; params *p; } key_check;

static enum MHD_Result check_key(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    key_check *kc = cls;
    for (const char *const *a = kc->allowed; *a; a++)
        if (!strcmp(*a, key)) return MHD_YES;
    bad(kc->p, "?", "unknown parameter");
    /* Name the parameter only when it is plain, so nothing odd is echoed. */
    if (all_chars(key, 1, 32, is_actor_char) && !strchr(key, '"'))
        snprintf(kc->p->errbuf, sizeof kc->p->errbuf, "unknown parameter '%s'", key);
    else
        snprintf(kc->p->errbuf, sizeof kc->p->errbuf, "unknown parameter");
    return MHD_NO;
}

/* Reads and checks the filters every list endpoint shares. */
static int parse_params(struct MHD_Connection *c, params *p, size_t limit_max)
{
    memset(p, 0, sizeof *p);
    key_check kc = { EVENT_PARAMS, p };
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_key, &kc);
    if (p->error) return -1;
    const char *v;
    int64_t lo, hi;
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "from")) && *v) {
        if (fm_date_days(v, &lo, &hi)) return bad(p, "from", "must be YYYY, YYYY-MM or YYYY-MM-DD");
        p->q.from = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "to")) && *v) {
        if (fm_date_days(v, &lo, &hi)) return bad(p, "to", "must be YYYY, YYYY-MM or YYYY-MM-DD");
        p->q.to = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "actor")) && *v) {
        if (!all_chars(v, 1, 64, is_actor_char)) return bad(p, "actor", "1-64 printable characters");
        p->q.actor = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "country")) && *v) {
        if (!all_chars(v, 2, 3, is_upper_alpha))
            return bad(p, "country", "ISO 3166 alpha-2 (location) or alpha-3 (actor), upper case");
        p->q.country = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "code")) && *v) {
        if (!all_chars(v, 1, 4, is_digit)) return bad(p, "code", "a CAMEO code prefix of 1-4 digits");
        p->q.code = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "plover")) && *v) {
        if (!all_chars(v, 2, 32, is_plover_char)) return bad(p, "plover", "a PLOVER event type such as ASSAULT");
        p->q.plover = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "mode")) && *v) {
        static const char *const modes[] = { "asserted", "reported", "claimed", "denied", "negated", "hypothetical" };
        int ok = 0;
        for (int i = 0; i < 6; i++) ok |= !strcmp(v, modes[i]);
        if (!ok) return bad(p, "mode", "one of asserted, reported, claimed, denied, negated, hypothetical");
        p->q.mode = v;
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "bbox")) && *v) {
        if (parse_bbox(v, p->q.bbox)) return bad(p, "bbox", "minlon,minlat,maxlon,maxlat in degrees");
        p->q.has_bbox = 1;
    }
    p->limit = limit_max < API_LIMIT_DEFAULT ? limit_max : API_LIMIT_DEFAULT;
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit")) && *v) {
        if (parse_size(v, 1000000000, &p->limit) || p->limit == 0) return bad(p, "limit", "a positive number");
        if (p->limit > limit_max) p->limit = limit_max;   /* capped, not refused */
    }
    if ((v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "cursor")) && *v) {
        if (parse_size(v, 1000000000, &p->offset)) return bad(p, "cursor", "a cursor from next_cursor");
    }
    return 0;
}

/* ---- event rows ---------------------------------------------------------------- */

typedef struct list_state {
    fm_server *srv;
    const params *p;
    size_t written;
    int more;
    fm_export_format geo;        /* FM_EXPORT_GEOJSON, or JSONL for the plain list */
    int stories;
    fm_buf *out;
} list_state;

static void story_json(fm_buf *b, const fm_story_info *s)
{
    fm_buf_adds(b, "{\"id\":");
    fm_buf_json_cstr(b, s->id);
    fm_buf_printf(b, ",\"n_events\":%d,\"n_documents\":%d,\"n_sources\":%d,\"n_mentions\":%d,\"n_denials\":%d,"
                     "\"contested\":%s,\"first_report\":", s->n_events, s->n_documents, s->n_sources,
                  s->n_mentions, s->n_denials, s->contested ? "true" : "false");
    fm_buf_json_cstr(b, s->first_report);
    fm_buf_adds(b, ",\"last_report\":");
    fm_buf_json_cstr(b, s->last_report);
    fm_buf_adds(b, "}");
}

static int list_row(void *user, const fm_store_row *row)
{
    list_state *ls = user;
    if (ls->written == ls->p->limit) { ls->more = 1; return 1; }
    if (ls->geo == FM_EXPORT_GEOJSON) {
        if (fm_export_event(FM_EXPORT_GEOJSON, row->json, row->json_len, row->story, ls->written, ls->out,
                            ls->srv->diag, ls->srv->user))
            return 0;
    } else {
        if (ls->written) fm_buf_addc(ls->out, ',');
        if (ls->stories && row->story) {
            fm_buf_adds(ls->out, "{\"story\":");
            story_json(ls->out, row->story);
            fm_buf_adds(ls->out, ",\"event\":");
            fm_buf_add(ls->out, row->json, row->json_len);
            fm_buf_adds(ls->out, "}");
        } else {
            fm_buf_add(ls->out, row->json, row->json_len);
        }
    }
    ls->written++;
    return 0;
}

/* Runs the query of p into out; 0 or -1 (store error, already reported). */
static int run_list(fm_server *srv, params *p, list_state *ls)
{
    fm_query q = p->q;
    ls->srv = srv;
    ls->p = p;
    /* One row past the page tells whether there is a next one. */
    q.limit = p->limit + 1;
    q.offset = p->offset;
    pthread_mutex_lock(&srv->store_lock);
    long n = fm_store_query(srv->store, &q, list_row, ls);
    pthread_mutex_unlock(&srv->store_lock);
    return n < 0 ? -1 : 0;
}

static void api_events(fm_server *srv, struct MHD_Connection *c, reply *r, int geojson, int stories)
{
    params p;
    if (parse_params(c, &p, geojson ? GEOJSON_LIMIT_MAX : API_LIMIT_MAX)) { reply_error(r, 400, p.error); return; }
    if (geojson && !MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit")) p.limit = GEOJSON_LIMIT_MAX;
    p.q.stories = stories;
    list_state ls = { 0 };
    ls.out = &r->body;
    ls.stories = stories;
    ls.geo = geojson ? FM_EXPORT_GEOJSON : FM_EXPORT_JSONL;
    if (geojson) fm_export_begin(FM_EXPORT_GEOJSON, &r->body);
    else fm_buf_adds(&r->body, stories ? "{\"stories\":[" : "{\"events\":[");
    if (run_list(srv, &p, &ls)) { reply_error(r, 500, "the store could not answer"); return; }
    if (geojson) {
        fm_export_end(FM_EXPORT_GEOJSON, &r->body);
        r->type = "application/geo+json";
    } else {
        fm_buf_printf(&r->body, "],\"count\":%zu,\"next_cursor\":", ls.written);
        if (ls.more) fm_buf_printf(&r->body, "\"%zu\"", p.offset + ls.written);
        else fm_buf_adds(&r->body, "null");
        fm_buf_adds(&r->body, "}\n");
        r->type = "application/json";
    }
    r->status = 200;
}

/* ---- stats ------------------------------------------------------------------------ */

typedef struct tally { const char *key; long n; } tally;
FM_VEC(tally_vec, tally)

/* One group-by answer: keys copied out of the store's row buffers. */
typedef struct counter { fm_arena *keys; tally_vec v; int failed; int days_only; long sum; } counter;

static int count_group(void *user, const char *key, int64_t n)
{
    counter *c = user;
    c->sum += (long)n;
    if (!key || !*key) return 0;
    if (c->days_only && strlen(key) != 10) return 0;   /* a month or a year is no day of the timeline */
    char *k = fm_arena_strdup(c->keys, key);
    tally t = { k, (long)n };
    if (!k || tally_vec_push(&c->v, t)) c->failed = 1;
    return c->failed;
}

static int by_count_desc(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    return x->n != y->n ? (y->n > x->n ? 1 : -1) : strcmp(x->key, y->key);
}

static void counter_json(fm_buf *b, const char *name, const char *keyname, counter *c, int sort_by_count)
{
    /* The store gives key order; qsort(NULL, 0) would be undefined. */
    if (sort_by_count && c->v.n > 1) qsort(c->v.a, c->v.n, sizeof(tally), by_count_desc);
    fm_buf_printf(b, ",\"%s\":[", name);
    for (size_t i = 0; i < c->v.n; i++) {
        fm_buf_printf(b, "%s{\"%s\":", i ? "," : "", keyname);
        fm_buf_json_cstr(b, c->v.a[i].key);
        fm_buf_printf(b, ",\"n\":%ld}", c->v.a[i].n);
    }
    fm_buf_adds(b, "]");
}

static void api_stats(fm_server *srv, struct MHD_Connection *c, reply *r)
{
    params p;
    if (parse_params(c, &p, API_LIMIT_MAX)) { reply_error(r, 400, p.error); return; }
    static const char *const by[5] = { "date", "root", "quad_class", "location_country", "source_country" };
    fm_arena keys;
    fm_arena_init(&keys, 4096);
    counter total = { &keys, { 0 }, 0, 0, 0 }, groups[5];
    for (int i = 0; i < 5; i++) groups[i] = (counter){ &keys, { 0 }, 0, i == 0, 0 };
    int failed = 0;
    pthread_mutex_lock(&srv->store_lock);
    failed = fm_store_count_by(srv->store, &p.q, NULL, count_group, &total) < 0;
    for (int i = 0; i < 5 && !failed; i++)
        failed = fm_store_count_by(srv->store, &p.q, by[i], count_group, &groups[i]) < 0 || groups[i].failed;
    pthread_mutex_unlock(&srv->store_lock);
    if (failed) {
        reply_error(r, 500, "the store could not answer");
    } else {
        long days = 0;
        for (size_t i = 0; i < groups[0].v.n; i++) days += groups[0].v.a[i].n;
        fm_buf *b = &r->body;
        fm_buf_printf(b, "{\"total\":%ld,\"undated\":%ld", total.sum, total.sum - days);
        counter_json(b, "by_day", "date", &groups[0], 0);
        counter_json(b, "by_root", "root", &groups[1], 0);
        counter_json(b, "by_quad_class", "quad_class", &groups[2], 0);
        counter_json(b, "by_country", "country", &groups[3], 1);
        counter_json(b, "by_source_country", "country", &groups[4], 1);
        fm_buf_adds(b, "}\n");
        r->status = 200;
        r->type = "application/json";
    }
    for (int i = 0; i < 5; i++) tally_vec_free(&groups[i].v);
    tally_vec_free(&total.v);
    fm_arena_free(&keys);
}

/* ---- one event with its evidence, document and story ---------------------------- */

FM_VEC(id_vec, char *)

typedef struct detail_state {
    fm_buf *out;
    int n;
    const char *skip_id;         /* the event itself, left out of "related" */
    fm_arena *ids;
    id_vec stories;              /* ids of the stories listed, for "related" */
    int failed;
} detail_state;

static int detail_event(void *user, const fm_store_event *ev)
{
    detail_state *d = user;
    fm_buf_adds(d->out, "{\"event\":");
    fm_buf_add(d->out, ev->json, ev->json_len);
    fm_buf_adds(d->out, ",\"document\":{\"title\":");
    fm_buf_json_cstr(d->out, ev->title);
    fm_buf_adds(d->out, ",\"source\":");
    fm_buf_json_cstr(d->out, ev->source);
    fm_buf_adds(d->out, ",\"url\":");
    fm_buf_json_cstr(d->out, ev->url);
    fm_buf_adds(d->out, ",\"date\":");
    fm_buf_json_cstr(d->out, ev->doc_date);
    fm_buf_adds(d->out, "}");
    d->n++;
    return 1;
}

static int detail_story(void *user, const char *relation, const fm_story_info *s)
{
    detail_state *d = user;
    fm_buf_adds(d->out, d->n++ ? "," : "");
    fm_buf_adds(d->out, "{\"relation\":");
    fm_buf_json_cstr(d->out, relation);
    fm_buf_adds(d->out, ",\"story\":");
    story_json(d->out, s);
    fm_buf_adds(d->out, "}");
    char *id = fm_arena_strdup(d->ids, s->id);
    if (!id || id_vec_push(&d->stories, id)) d->failed = 1;
    return d->failed;
}

static int detail_member(void *user, const fm_store_event *ev)
{
    detail_state *d = user;
    if (d->skip_id && !strcmp(ev->event_id, d->skip_id)) return 0;
    if (d->n == STORY_EVENTS_MAX) return 1;
    fm_buf_adds(d->out, d->n++ ? "," : "");
    fm_buf_adds(d->out, "{\"relation\":");
    fm_buf_json_cstr(d->out, ev->relation);
    fm_buf_adds(d->out, ",\"title\":");
    fm_buf_json_cstr(d->out, ev->title);
    fm_buf_adds(d->out, ",\"source\":");
    fm_buf_json_cstr(d->out, ev->source);
    fm_buf_adds(d->out, ",\"event\":");
    fm_buf_add(d->out, ev->json, ev->json_len);
    fm_buf_adds(d->out, "}");
    return 0;
}

static int is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

static void api_event(fm_server *srv, const char *id, reply *r)
{
    if (!all_chars(id, 1, 32, is_hex)) { reply_error(r, 400, "bad event id: lower-case hex digits expected"); return; }
    fm_store *s = srv->store;
    fm_arena ids;
    fm_arena_init(&ids, 1024);
    detail_state d = { &r->body, 0, id, &ids, { 0 }, 0 };
    pthread_mutex_lock(&srv->store_lock);
    int found = fm_store_get_event(s, id, detail_event, &d);
    int rc = found < 0;
    if (found == 1) {
        /* Stories it belongs to ('member') or denies ('denial'), and each
         * story's other reports. */
        fm_buf_adds(&r->body, ",\"stories\":[");
        d.n = 0;
        rc = fm_store_event_stories(s, id, detail_story, &d) < 0 || d.failed;
        fm_buf_adds(&r->body, "],\"related\":[");
        d.n = 0;
        for (size_t i = 0; i < d.stories.n && !rc && d.n < STORY_EVENTS_MAX; i++)
            rc = fm_store_story_events(s, d.stories.a[i], STORY_EVENTS_MAX + 1, detail_member, &d) < 0;
        fm_buf_adds(&r->body, "]}\n");
    }
    pthread_mutex_unlock(&srv->store_lock);
    id_vec_free(&d.stories);
    fm_arena_free(&ids);
    if (rc) reply_error(r, 500, "the store could not answer");
    else if (!found) reply_error(r, 404, "no such event");
    else { r->status = 200; r->type = "application/json"; }
}

/* ---- POST /api/code ---------------------------------------------------------------- */

static void api_code(fm_server *srv, struct MHD_Connection *c, const char *body, size_t len, reply *r)
{
    const char *date = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "date");
    int64_t lo, hi;
    if (date && (strlen(date) != 10 || fm_date_days(date, &lo, &hi))) {
        reply_error(r, 400, "bad parameter 'date': must be YYYY-MM-DD");
        return;
    }
    if (len == 0) { reply_error(r, 400, "empty body: post the article text"); return; }
    fm_doc doc = { .id = "posted", .date = date, .text = body, .len = len, .where = "POST /api/code" };
    char *out = NULL;
    size_t out_len = 0, cap = 0, n = 0;
    const fm_event *ev;
    pthread_mutex_lock(&srv->coder_lock);
    int rc = fm_coder_code(srv->coder, &doc, &ev, &n);
    fm_buf *b = &r->body;
    if (rc == 0) {
        fm_buf_adds(b, "{\"events\":[");
        for (size_t i = 0; i < n; i++) {
            out_len = 0;
            if (fm_event_write_json(&ev[i], &doc, &out, &out_len, &cap)) { rc = -1; break; }
            while (out_len && (out[out_len - 1] == '\n')) out_len--;
            if (i) fm_buf_addc(b, ',');
            fm_buf_add(b, out, out_len);
        }
        fm_buf_printf(b, "],\"count\":%zu}\n", n);
    }
    pthread_mutex_unlock(&srv->coder_lock);
    free(out);
    if (rc) reply_error(r, 422, "the text could not be coded");
    else { r->status = 200; r->type = "application/json"; }
}

/* ---- authentication -------------------------------------------------------------------- */

/* Compares without an early exit, so timing does not tell a prefix. */
static int same_secret(const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = na != nb;
    for (size_t i = 0; i < na; i++) d |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return d == 0;
}

static int authorised(fm_server *srv, struct MHD_Connection *c, const char *url, reply *r)
{
    if (!srv->token) return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (h && !strncmp(h, "Bearer ", 7) && same_secret(h + 7, srv->token)) return 1;
    const char *ck = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "factum_token");
    if (ck && same_secret(ck, srv->token)) return 1;
    /* The page itself may be opened once with ?token=; a cookie then carries it. */
    const char *qt = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    if (qt && !strcmp(url, "/") && same_secret(qt, srv->token)) {
        if (r) r->set_cookie = NULL;
        return 2;
    }
    return 0;
}

/* ---- routing ---------------------------------------------------------------------------- */

typedef struct request {
    fm_buf body;
    int too_big;
    unsigned rate_wait;          /* POST /api/code over the client's rate: seconds to wait */
} request;

/* The client a rate applies to: an IPv4 address, or the /64 of an IPv6 one
 * (one host usually holds a whole /64). */
static size_t client_key(struct MHD_Connection *c, unsigned char key[16])
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET) {
        memcpy(key, &((const struct sockaddr_in *)sa)->sin_addr, 4);
        return 4;
    }
    if (sa && sa->sa_family == AF_INET6) {
        const unsigned char *a = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
        if (!memcmp(a, v4mapped, 12)) { memcpy(key, a + 12, 4); return 4; }
        memcpy(key, a, 8);
        return 8;
    }
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Coding holds a worker thread: at most all but one of them may code (or
 * wait for the coder) at once, so GET requests always have a thread. */
static void api_code_guarded(fm_server *srv, struct MHD_Connection *c, const request *req, reply *r)
{
    if (req->rate_wait) {
        reply_error(r, 429, "too many POST /api/code requests from this client");
        r->retry_after = req->rate_wait;
        return;
    }
    unsigned max_busy = srv->opt.threads > 1 ? srv->opt.threads - 1 : 1;
    if (__atomic_add_fetch(&srv->code_busy, 1, __ATOMIC_ACQ_REL) > max_busy) {
        __atomic_sub_fetch(&srv->code_busy, 1, __ATOMIC_ACQ_REL);
        reply_error(r, 503, "the coder is busy");
        r->retry_after = 1;
        return;
    }
    api_code(srv, c, req->body.data ? req->body.data : "", req->body.len, r);
    __atomic_sub_fetch(&srv->code_busy, 1, __ATOMIC_ACQ_REL);
}

static void route(fm_server *srv, struct MHD_Connection *c, const char *url, const char *method,
                  const request *req, reply *r)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!strcmp(url, "/api/code")) {
        if (strcmp(method, "POST")) { reply_error(r, 405, "use POST"); return; }
        if (req->too_big) { reply_error(r, 413, "body too large"); return; }
        api_code_guarded(srv, c, req, r);
        return;
    }
    if (!strncmp(url, "/api/", 5)) {
        if (!get) { reply_error(r, 405, "use GET"); return; }
        if (!strcmp(url, "/api/events")) api_events(srv, c, r, 0, 0);
        else if (!strcmp(url, "/api/events.geojson")) api_events(srv, c, r, 1, 0);
        else if (!strcmp(url, "/api/stories")) api_events(srv, c, r, 0, 1);
        else if (!strcmp(url, "/api/stats")) api_stats(srv, c, r);
        else if (!strncmp(url, "/api/events/", 12)) api_event(srv, url + 12, r);
        else reply_error(r, 404, "no such endpoint");
        return;
    }
    for (size_t i = 0; i < N_STATIC; i++) {
        if (strcmp(url, STATIC_FILES[i].url)) continue;
        if (!get) { reply_error(r, 405, "use GET"); return; }
        if (!srv->files[i].data) { reply_error(r, 404, "not installed (run make deps)"); return; }
        r->status = 200;
        r->type = STATIC_FILES[i].type;
        r->file = &srv->files[i];
        return;
    }
    reply_error(r, 404, "not found");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    fm_server *srv = cls;
    request *req = *con_cls;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req) return MHD_NO;
        fm_buf_init(&req->body);
        *con_cls = req;
        /* Refuse a declared oversize body before reading it. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > srv->opt.max_body) req->too_big = 1;
        /* The rate is taken when the request arrives, so a refused body is
         * not kept; only authorised requests count against it. */
        if (!strcmp(url, "/api/code") && !strcmp(method, "POST") && !req->too_big && authorised(srv, c, url, NULL)) {
            unsigned char key[16];
            size_t klen = client_key(c, key);
            req->rate_wait = fm_rate_limit_take(srv->code_rate, key, klen, now_seconds());
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!req->too_big && req->body.len + *upload_size > srv->opt.max_body) req->too_big = 1;
        if (!req->too_big && !req->rate_wait) fm_buf_add(&req->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    reply r = { 0 };
    fm_buf_init(&r.body);
    int auth = authorised(srv, c, url, &r);
    char cookie[320];
    if (!auth) {
        reply_error(&r, 401, "a token is required");
    } else {
        if (auth == 2) {
            snprintf(cookie, sizeof cookie, "factum_token=%s; HttpOnly; SameSite=Strict; Path=/", srv->token);
            r.set_cookie = cookie;
        }
        route(srv, c, url, method, req, &r);
    }
    enum MHD_Result ret = send_reply(c, &r);
    fm_buf_free(&r.body);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    request *req = *con_cls;
    if (!req) return;
    fm_buf_free(&req->body);
    free(req);
    *con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    fm_server *srv = cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) msg[--n] = 0;
    if (srv->diag) srv->diag(srv->user, FM_WARNING, "serve: http", msg);
}

/* ---- start / stop ---------------------------------------------------------------------- */

/* Splits "HOST:PORT" / "[V6]:PORT" and resolves numerically or by name. */
static int resolve(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[256], port[16];
    const char *colon;
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':' || (size_t)(close - listen - 1) >= sizeof host) return -1;
        snprintf(host, sizeof host, "%.*s", (int)(close - listen - 1), listen + 1);
        colon = close + 1;
    } else {
        colon = strrchr(listen, ':');
        if (!colon || (size_t)(colon - listen) >= sizeof host) return -1;
        snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    }
    if (!all_chars(colon + 1, 1, 5, is_digit) || atoi(colon + 1) > 65535) return -1;
    snprintf(port, sizeof port, "%s", colon + 1);
    struct addrinfo hints = { 0 }, *ai = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
    if (getaddrinfo(host[0] ? host : NULL, port, &hints, &ai) || !ai) return -1;
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

static int sockaddr_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    if (ss->ss_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)ss)->sin6_addr);
    return 0;
}

int fm_serve_is_loopback(const char *listen)
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (!listen || resolve(listen, &ss, &len)) return -1;
    return sockaddr_loopback(&ss);
}

static void load_files(fm_server *srv)
{
    for (size_t i = 0; i < N_STATIC; i++) {
        const static_file *f = &STATIC_FILES[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", f->from_node ? srv->opt.node_dir : srv->opt.web_dir, f->path);
        FILE *fp = fopen(path, "rb");
        if (!fp) { report(srv, FM_WARNING, "%s: %s (the page will miss it)", path, strerror(errno)); continue; }
        fm_buf b;
        fm_buf_init(&b);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len <= STATIC_MAX_BYTES) fm_buf_add(&b, chunk, n);
        int err = ferror(fp);
        fclose(fp);
        if (err || b.failed || b.len > STATIC_MAX_BYTES) {
            report(srv, FM_WARNING, "%s: cannot read or too large", path);
            fm_buf_free(&b);
            continue;
        }
        srv->files[i].data = b.data ? b.data : strdup("");
        srv->files[i].len = b.len;
    }
}

fm_server *fm_serve_start(const fm_serve_options *opt, fm_diag_fn diag, void *user)
{
    fm_server *srv = calloc(1, sizeof *srv);
    if (!srv) return NULL;
    srv->opt = *opt;
    srv->diag = diag;
    srv->user = user;
    pthread_mutex_init(&srv->store_lock, NULL);
    pthread_mutex_init(&srv->coder_lock, NULL);
    fm_serve_options *o = &srv->opt;
    if (!o->listen) o->listen = "127.0.0.1:8080";
    if (!o->web_dir) o->web_dir = FM_DATADIR "/../web";
    if (!o->node_dir) o->node_dir = FM_DATADIR "/../node_modules";
    if (!o->max_body) o->max_body = 256 * 1024;
    if (!o->max_connections) o->max_connections = 64;
    if (!o->timeout_s) o->timeout_s = 30;
    if (!o->threads) o->threads = 4;
    if (!o->code_per_minute) o->code_per_minute = 30;
    if (!o->code_burst) o->code_burst = o->code_per_minute < 10 ? o->code_per_minute : 10;
    srv->code_rate = fm_rate_limit_new(o->code_per_minute, o->code_burst, 4096);
    if (!srv->code_rate) goto fail;
    struct sockaddr_storage ss;
    socklen_t sslen;
    if (!o->db) { report(srv, FM_ERROR, "no store given (--db)"); goto fail; }
    if (resolve(o->listen, &ss, &sslen)) { report(srv, FM_ERROR, "cannot parse listen address '%s'", o->listen); goto fail; }
    if (!sockaddr_loopback(&ss) && !(o->token && *o->token) && !o->public_ok) {
        report(srv, FM_ERROR, "%s is not a loopback address: give --token-file (or --public)", o->listen);
        goto fail;
    }
    if (o->token && *o->token) {
        for (const char *t = o->token; *t; t++)
            if (!isgraph((unsigned char)*t) || *t == ';' || *t == ',') {
                report(srv, FM_ERROR, "the token must be printable ASCII without spaces, ';' or ','");
                goto fail;
            }
        srv->token = strdup(o->token);
        if (!srv->token) goto fail;
    }
    o->token = NULL;
    /* A SQLite path that does not exist yet becomes an empty store (the
     * only write the server makes), so the page can be tried before any
     * ingest; an existing store is never migrated or written. */
    if (!fm_store_url_is_pg(o->db) && access(o->db, F_OK) != 0 && errno == ENOENT) {
        fm_store *fresh = fm_store_open(o->db, diag, user);
        if (!fresh) goto fail;
        fm_store_close(fresh);
        report(srv, FM_WARNING, "%s did not exist: serving a new, empty store", o->db);
    }
    /* The server never writes: no migration, no write lock, writes refused. */
    srv->store = fm_store_open_readonly(o->db, diag, user);
    if (!srv->store) goto fail;
    srv->lexicon = fm_lexicon_new(diag, user);
    /* Malformed dictionary lines are reported and skipped, as in `factum code`. */
    if (srv->lexicon) fm_lexicon_load_default(srv->lexicon);
    if (!srv->lexicon || fm_lexicon_finish(srv->lexicon)) {
        report(srv, FM_ERROR, "cannot load the default lexicon");
        goto fail;
    }
    fm_options co = { 0 };
    co.max_doc_bytes = o->max_body;
    srv->coder = fm_coder_new(srv->lexicon, &co, diag, user);
    if (!srv->coder) goto fail;
    load_files(srv);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_AUTO;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    /* The logger goes first so that no option's complaint reaches stderr. */
    srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                                   MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
                                   MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                                   MHD_OPTION_THREAD_POOL_SIZE, o->threads,
                                   MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
                                   MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->max_connections > 16 ? 16u : o->max_connections,
                                   MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s,
                                   MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                                   MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                                   MHD_OPTION_END);
    if (!srv->daemon) { report(srv, FM_ERROR, "cannot listen on %s", o->listen); goto fail; }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : 0;
    return srv;
fail:
    fm_serve_stop(srv);
    return NULL;
}

unsigned fm_serve_port(const fm_server *srv) { return srv->port; }

void fm_serve_stop(fm_server *srv)
{
    if (!srv) return;
    if (srv->daemon) MHD_stop_daemon(srv->daemon);
    fm_store_close(srv->store);
    fm_coder_free(srv->coder);
    fm_lexicon_free(srv->lexicon);
    for (size_t i = 0; i < N_STATIC; i++) free(srv->files[i].data);
    free(srv->token);
    pthread_mutex_destroy(&srv->store_lock);
    pthread_mutex_destroy(&srv->coder_lock);
    fm_rate_limit_free(srv->code_rate);
    free(srv);
}
