/* store.c — the backend-neutral part of the event store: opening by URL, the
 * schema and its migrations, idempotent document ingest, counts and queries.
 * All SQL here is constant text (or constant fragments) with $N parameters. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "store.h"

/* ---- schema ------------------------------------------------------------ */

/* Each migration is a list of statements, applied in one transaction and
 * recorded in fm_schema. Append new versions; never edit an applied one.
 * Types are spelled so that SQLite and PostgreSQL read them the same way. */
static const char *const migration_1[] = {
    "CREATE TABLE documents ("
    " doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, doc_date TEXT,"
    " title TEXT, source TEXT, url TEXT, n_events INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE sentences ("
    " doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,"
    " sentence_index INTEGER NOT NULL, start_byte BIGINT NOT NULL, end_byte BIGINT NOT NULL,"
    " text TEXT, PRIMARY KEY (doc_id, sentence_index))",
    "CREATE TABLE events ("
    " event_id TEXT PRIMARY KEY,"
    " doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,"
    " sentence_index INTEGER, date TEXT, date_precision TEXT, day_lo BIGINT, day_hi BIGINT,"
    " code TEXT, root TEXT, plover TEXT, mode TEXT, quad_class INTEGER, goldstein DOUBLE PRECISION,"
    " source_code TEXT, source_country TEXT, target_code TEXT, target_country TEXT, actors_fold TEXT,"
    " location_name TEXT, location_country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
    " killed BIGINT, doc_source TEXT, doc_date TEXT, json TEXT NOT NULL)",
    "CREATE INDEX events_doc ON events (doc_id)",
    "CREATE INDEX events_day ON events (day_lo, day_hi, event_id)",
    "CREATE INDEX events_code ON events (code)",
    "CREATE INDEX events_root ON events (root, day_lo)",
    "CREATE INDEX events_plover ON events (plover)",
    "CREATE INDEX events_mode ON events (mode)",
    "CREATE INDEX events_source_code ON events (source_code)",
    "CREATE INDEX events_target_code ON events (target_code)",
    "CREATE INDEX events_source_country ON events (source_country)",
    "CREATE INDEX events_target_country ON events (target_country)",
    "CREATE INDEX events_location_country ON events (location_country)",
    "CREATE INDEX events_latlon ON events (lat, lon)",
    "CREATE TABLE attributions ("
    " event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, text TEXT, code TEXT, via TEXT, PRIMARY KEY (event_id, idx))",
    "CREATE TABLE stories ("
    " story_id TEXT PRIMARY KEY, n_events INTEGER NOT NULL, n_documents INTEGER NOT NULL,"
    " n_sources INTEGER NOT NULL, n_mentions INTEGER NOT NULL, n_denials INTEGER NOT NULL,"
    " first_report TEXT, last_report TEXT, contested INTEGER NOT NULL, date TEXT,"
    " code TEXT, root TEXT)",
    /* relation: 'member' (one story per event) or 'denial' (a denial may deny
     * more than one story). No foreign keys: the merge owns consistency. */
    "CREATE TABLE story_links ("
    " event_id TEXT NOT NULL, story_id TEXT NOT NULL, relation TEXT NOT NULL,"
    " PRIMARY KEY (event_id, story_id))",
    "CREATE INDEX story_links_story ON story_links (story_id)",
    NULL
};

static const char *const *const migrations[] = { migration_1 };
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
#define LOCK_MIGRATE 0x666d6d6967LL   /* advisory lock keys, "fmmig" */

void fm_store_report(fm_store *s, fm_diag_level lv, const char *fmt, ...)
{
    if (!s->diag) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->diag(s->user, lv, s->where, msg);
}

static int first_int(void *user, int ncol, const char *const *col)
{
    *(int64_t *)user = (ncol > 0 && col[0]) ? strtoll(col[0], NULL, 10) : 0;
    return 0;
}

int fm_store_schema_version(fm_store *s)
{
    int64_t v = 0;
    if (s->be->run(s, "SELECT max(version) FROM fm_schema", NULL, 0, first_int, &v, NULL)) return -1;
    return (int)v;
}

static int migrate(fm_store *s)
{
    if (s->be->lock(s, LOCK_MIGRATE)) return -1;
    int rc = -1;
    if (s->be->exec(s, s->be->begin_sql)) goto out;
    if (s->be->exec(s, "CREATE TABLE IF NOT EXISTS fm_schema (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"))
        goto fail;
    int v = fm_store_schema_version(s);
    if (v < 0) goto fail;
    if (v > N_MIGRATIONS) {
        fm_store_report(s, FM_ERROR, "schema version %d is newer than this factum (%d)", v, N_MIGRATIONS);
        goto fail;
    }
    for (; v < N_MIGRATIONS; v++) {
        for (const char *const *q = migrations[v]; *q; q++)
            if (s->be->exec(s, *q)) goto fail;
        char stamp[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
        fm_sql_value p[2] = { fm_sql_int(v + 1), fm_sql_text(stamp) };
        if (s->be->run(s, "INSERT INTO fm_schema (version, applied) VALUES ($1, $2)", p, 2, NULL, NULL, NULL))
            goto fail;
    }
    if (s->be->exec(s, "COMMIT")) goto fail;
    rc = 0;
    goto out;
fail:
    s->be->exec(s, "ROLLBACK");
out:
    s->be->unlock(s, LOCK_MIGRATE);
    return rc;
}

/* ---- open, transactions -------------------------------------------------- */

int fm_store_url_is_pg(const char *url)
{
    return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13) || strchr(url, '=') != NULL;
}

static fm_store *open_store(const char *url, int read_only, fm_diag_fn diag, void *user)
{
    fm_store *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->diag = diag;
    s->user = user;
    s->read_only = read_only;
    snprintf(s->where, sizeof s->where, "store");
    int rc = fm_store_url_is_pg(url) ? fm_store_pg_open(s, url, read_only) : fm_store_sqlite_open(s, url, read_only);
    if (rc || (!read_only && migrate(s))) {
        fm_store_close(s);
        return NULL;
    }
    return s;
}

fm_store *fm_store_open(const char *url, fm_diag_fn diag, void *user) { return open_store(url, 0, diag, user); }

static int has_schema_table(void *user, int ncol, const char *const *col)
{
    *(int *)user = 1;
    return 1;
}

fm_store *fm_store_open_readonly(const char *url, fm_diag_fn diag, void *user)
{
    fm_store *s = open_store(url, 1, diag, user);
    if (!s) return NULL;
    /* Asking the catalogue first keeps a foreign database from failing with
     * an SQL message about a missing table. */
    int found = 0;
    int rc = !strcmp(s->be->name, "sqlite")
                 ? s->be->run(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fm_schema'",
                              NULL, 0, has_schema_table, &found, NULL)
                 : s->be->run(s, "SELECT 1 FROM information_schema.tables WHERE table_name = 'fm_schema'"
                                 " AND table_schema = current_schema()", NULL, 0, has_schema_table, &found, NULL);
    int v = rc < 0 ? -1 : found ? fm_store_schema_version(s) : 0;
    if (v < 0) goto fail;
    if (v == 0) {
        fm_store_report(s, FM_ERROR, "not a factum store (no schema): ingest into it first");
        goto fail;
    }
    if (v > N_MIGRATIONS) {
        fm_store_report(s, FM_ERROR, "schema version %d is newer than this factum (%d)", v, N_MIGRATIONS);
        goto fail;
    }
    if (v < N_MIGRATIONS)
        fm_store_report(s, FM_WARNING, "schema version %d, this factum has %d: read as is (a read-write open"
                        " migrates it)", v, N_MIGRATIONS);
    return s;
fail:
    fm_store_close(s);
    return NULL;
}

void fm_store_close(fm_store *s)
{
    if (!s) return;
    if (s->be && s->conn) {
        if (s->in_tx) s->be->exec(s, "ROLLBACK");
        s->be->close(s);
    }
    free(s);
}

const char *fm_store_backend_name(const fm_store *s) { return s->be->name; }

int fm_store_begin(fm_store *s)
{
    if (s->read_only) {
        fm_store_report(s, FM_ERROR, "the store was opened read-only");
        return -1;
    }
    if (s->in_tx) {
        fm_store_report(s, FM_ERROR, "begin: a batch is already open");
        return -1;
    }
    if (s->be->exec(s, s->be->begin_sql)) return -1;
    s->in_tx = 1;
    return 0;
}

int fm_store_commit(fm_store *s)
{
    if (!s->in_tx) return 0;
    s->in_tx = 0;
    if (s->be->exec(s, "COMMIT")) {
        s->be->exec(s, "ROLLBACK");
        return -1;
    }
    return 0;
}

int fm_store_rollback(fm_store *s)
{
    if (!s->in_tx) return 0;
    s->in_tx = 0;
    return s->be->exec(s, "ROLLBACK");
}

/* ---- documents ----------------------------------------------------------- */

static uint64_t fnv64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) { h ^= c[i]; h *= 1099511628211ULL; }
    return h;
}

void fm_store_doc_hash(const fm_doc *doc, char out[17])
{
    uint64_t h = 14695981039346656037ULL;
    const char *date = doc->date ? doc->date : "";
    h = fnv64(h, date, strlen(date) + 1);   /* the NUL separates date from text */
    if (doc->text) h = fnv64(h, doc->text, doc->len);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

typedef struct text_out { char *s; } text_out;

static int first_text(void *user, int ncol, const char *const *col)
{
    text_out *t = user;
    free(t->s);
    t->s = (ncol > 0 && col[0]) ? strdup(col[0]) : NULL;
    return 0;
}

/* 1 same hash, 0 absent, 2 present with another hash, -1 error. */
static int doc_state(fm_store *s, const char *doc_id, const char *hash)
{
    text_out t = { NULL };
    int found = 0;
    fm_sql_value p[1] = { fm_sql_text(doc_id) };
    /* A sentinel column tells "row with NULL" from "no row". */
    if (s->be->run(s, "SELECT content_hash FROM documents WHERE doc_id = $1", p, 1, first_text, &t, NULL))
        return -1;
    if (t.s) found = strcmp(t.s, hash) == 0 ? 1 : 2;
    free(t.s);
    return found;
}

int fm_store_has_doc(fm_store *s, const char *doc_id, const char *content_hash)
{
    int st = doc_state(s, doc_id, content_hash);
    return st < 0 ? -1 : st == 1;
}

int fm_date_days(const char *date, int64_t *lo, int64_t *hi)
{
    if (!date) return -1;
    size_t n = strlen(date);
    int y = 0, m = 0, d = 0;
    for (size_t i = 0; i < n; i++)
        if (!(isdigit((unsigned char)date[i]) || ((i == 4 || i == 7) && date[i] == '-'))) return -1;
    if (n == 4) sscanf(date, "%4d", &y);
    else if (n == 7) sscanf(date, "%4d-%2d", &y, &m);
    else if (n == 10) sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
    else return -1;
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if ((n >= 7 && (m < 1 || m > 12))) return -1;
    int m_lo = n >= 7 ? m : 1, m_hi = n >= 7 ? m : 12;
    int last = mdays[m_hi - 1] + (m_hi == 2 && leap);
    if (n == 10 && (d < 1 || d > mdays[m - 1] + (m == 2 && leap))) return -1;
    int d_lo = n == 10 ? d : 1, d_hi = n == 10 ? d : last;
    /* days from civil (proleptic Gregorian), Howard Hinnant's formula */
    int64_t out[2];
    for (int k = 0; k < 2; k++) {
        int64_t yy = y, mm = k ? m_hi : m_lo, dd = k ? d_hi : d_lo;
        yy -= mm <= 2;
        int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
        int64_t yoe = yy - era * 400;
        int64_t doy = (153 * (mm + (mm > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        out[k] = era * 146097 + doe - 719468;
    }
    *lo = out[0];
    *hi = out[1];
    return 0;
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/* Upper-case ASCII fold of the actors' words, "|"-separated, for --actor TEXT. */
static void actors_fold(const fm_event *e, fm_buf *b)
{
    const char *parts[6] = { e->source.text, e->source.name, e->source.code,
                             e->has_target ? e->target.text : NULL, e->has_target ? e->target.name : NULL,
                             e->has_target ? e->target.code : NULL };
    fm_buf_clear(b);
    fm_buf_addc(b, '|');
    for (int i = 0; i < 6; i++) {
        if (!parts[i] || !*parts[i]) continue;
        for (const char *p = parts[i]; *p; p++) fm_buf_addc(b, (char)toupper((unsigned char)*p));
        fm_buf_addc(b, '|');
    }
}

static int insert_event(fm_store *s, const fm_doc *doc, const fm_event *e, const char *json, fm_buf *fold, fm_buf *tmp)
{
    int64_t lo = 0, hi = 0;
    int dated = fm_date_days(e->date, &lo, &hi) == 0;
    actors_fold(e, fold);
    if (!json) {
        /* no record given: write the event as factum code would */
        fm_buf_clear(tmp);
        if (fm_event_write_json(e, doc, &tmp->data, &tmp->len, &tmp->cap)) return -1;
        if (tmp->len && tmp->data[tmp->len - 1] == '\n') tmp->data[--tmp->len] = 0;
        json = fm_buf_cstr(tmp);
    } else {
        /* The record is one line; the trailing newline belongs to the writer. */
        size_t n = strlen(json);
        if (n && json[n - 1] == '\n') {
            fm_buf_clear(tmp);
            fm_buf_add(tmp, json, n - 1);
            json = fm_buf_cstr(tmp);
        }
    }
    if (fold->failed || tmp->failed) {
        fm_store_report(s, FM_ERROR, "out of memory");
        return -1;
    }
    const fm_place *loc = e->has_location ? &e->location : NULL;
    fm_sql_value p[26] = {
        fm_sql_text(e->id), fm_sql_text(doc->id), fm_sql_int(e->sentence_index),
        fm_sql_text(nz(e->date)), fm_sql_text(e->date_precision),
        dated ? fm_sql_int(lo) : fm_sql_null(), dated ? fm_sql_int(hi) : fm_sql_null(),
        fm_sql_text(nz(e->code)), fm_sql_text(nz(e->root)), fm_sql_text(nz(e->plover_event)),
        fm_sql_text(fm_mode_name(e->mode)), fm_sql_int(e->quad_class), fm_sql_real(e->goldstein),
        fm_sql_text(nz(e->source.code)), fm_sql_text(nz(e->source.country)),
        fm_sql_text(e->has_target ? nz(e->target.code) : NULL),
        fm_sql_text(e->has_target ? nz(e->target.country) : NULL),
        fm_sql_text(fm_buf_cstr(fold)),
        fm_sql_text(loc ? nz(loc->name) : NULL), fm_sql_text(loc ? nz(loc->country) : NULL),
        loc ? fm_sql_real(loc->lat) : fm_sql_null(), loc ? fm_sql_real(loc->lon) : fm_sql_null(),
        e->quantities.killed.set && e->quantities.killed.value >= 0 ? fm_sql_int(e->quantities.killed.value) : fm_sql_null(),
        fm_sql_text(nz(doc->source)), fm_sql_text(nz(doc->date)), fm_sql_text(json),
    };
    if (s->be->run(s,
            "INSERT INTO events (event_id, doc_id, sentence_index, date, date_precision, day_lo, day_hi,"
            " code, root, plover, mode, quad_class, goldstein, source_code, source_country,"
            " target_code, target_country, actors_fold, location_name, location_country, lat, lon,"
            " killed, doc_source, doc_date, json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
            " $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)"
            " ON CONFLICT (event_id) DO NOTHING", p, 26, NULL, NULL, NULL))
        return -1;
    for (int k = 0; k < e->n_attribution && k < FM_MAX_ATTRIBUTION; k++) {
        const fm_attribution *a = &e->attribution[k];
        fm_sql_value q[5] = { fm_sql_text(e->id), fm_sql_int(k), fm_sql_text(a->text),
                              fm_sql_text(a->code), fm_sql_text(a->via) };
        if (s->be->run(s, "INSERT INTO attributions (event_id, idx, text, code, via)"
                          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", q, 5, NULL, NULL, NULL))
            return -1;
    }
    return 0;
}

static int insert_sentences(fm_store *s, const fm_doc *doc, const fm_event *ev, size_t n, fm_buf *tmp)
{
    for (size_t i = 0; i < n; i++) {
        const fm_event *e = &ev[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) seen = ev[j].sentence_index == e->sentence_index;
        if (seen) continue;
        const char *text = NULL;
        if (doc->text && e->sentence_end > e->sentence_start && e->sentence_end <= doc->len) {
            fm_buf_clear(tmp);
            fm_buf_add(tmp, doc->text + e->sentence_start, e->sentence_end - e->sentence_start);
            text = fm_buf_cstr(tmp);
        }
        fm_sql_value p[5] = { fm_sql_text(doc->id), fm_sql_int(e->sentence_index),
                              fm_sql_int(e->sentence_start), fm_sql_int(e->sentence_end), fm_sql_text(text) };
        if (s->be->run(s, "INSERT INTO sentences (doc_id, sentence_index, start_byte, end_byte, text)"
                          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", p, 5, NULL, NULL, NULL))
            return -1;
    }
    return 0;
}

int fm_store_put_doc(fm_store *s, const fm_doc *doc, const char *content_hash,
                     const fm_event *ev, const char *const *json, size_t n)
{
    if (!doc || !doc->id || !content_hash) {
        fm_store_report(s, FM_ERROR, "put_doc: document without id or hash");
        return -1;
    }
    int own_tx = !s->in_tx;
    if (own_tx && fm_store_begin(s)) return -1;
    /* PostgreSQL: two workers storing the same id at once would wait on each
     * other's unique keys and, across batches, could deadlock; the second
     * backs off instead. */
    int got = s->be->try_xact_lock(s, (int64_t)fnv64(14695981039346656037ULL, doc->id, strlen(doc->id)));
    if (got <= 0) {
        if (own_tx) fm_store_rollback(s);
        return got < 0 ? -1 : FM_STORE_BUSY;
    }
    int rc = -1;
    int st = doc_state(s, doc->id, content_hash);
    if (st < 0) goto done;
    if (st == 1) { rc = FM_STORE_UNCHANGED; goto done; }
    fm_sql_value id[1] = { fm_sql_text(doc->id) };
    if (st == 2) {
        /* New content under a known id: the old coding goes away whole
         * (attributions by cascade; story links are the merge's business). */
        if (s->be->run(s, "DELETE FROM events WHERE doc_id = $1", id, 1, NULL, NULL, NULL) ||
            s->be->run(s, "DELETE FROM sentences WHERE doc_id = $1", id, 1, NULL, NULL, NULL) ||
            s->be->run(s, "DELETE FROM documents WHERE doc_id = $1", id, 1, NULL, NULL, NULL))
            goto done;
    }
    fm_sql_value d[7] = { fm_sql_text(doc->id), fm_sql_text(content_hash), fm_sql_text(nz(doc->date)),
                          fm_sql_text(nz(doc->title)), fm_sql_text(nz(doc->source)), fm_sql_text(nz(doc->url)),
                          fm_sql_int((int64_t)n) };
    int64_t added = 0;
    if (s->be->run(s, "INSERT INTO documents (doc_id, content_hash, doc_date, title, source, url, n_events)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (doc_id) DO NOTHING",
                   d, 7, NULL, NULL, &added))
        goto done;
    if (added == 0) { rc = FM_STORE_UNCHANGED; goto done; }
    fm_buf fold, tmp;
    fm_buf_init(&fold);
    fm_buf_init(&tmp);
    rc = insert_sentences(s, doc, ev, n, &tmp);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = insert_event(s, doc, &ev[i], json ? json[i] : NULL, &fold, &tmp);
    fm_buf_free(&fold);
    fm_buf_free(&tmp);
    if (rc == 0) rc = FM_STORE_STORED;
done:
    if (own_tx) {
        if (rc >= 0 && fm_store_commit(s)) rc = -1;
        else if (rc < 0) fm_store_rollback(s);
    }
    return rc;
}

int64_t fm_store_count(fm_store *s, const char *table)
{
    static const char *const names[] = { "documents", "sentences", "events", "attributions", "stories", "story_links" };
    static const char *const sql[] = {
        "SELECT count(*) FROM documents", "SELECT count(*) FROM sentences", "SELECT count(*) FROM events",
        "SELECT count(*) FROM attributions", "SELECT count(*) FROM stories", "SELECT count(*) FROM story_links",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(table, names[i])) continue;
        int64_t v = 0;
        return s->be->run(s, sql[i], NULL, 0, first_int, &v, NULL) ? -1 : v;
    }
    return -1;
}

/* ---- queries --------------------------------------------------------------- */

typedef struct query_state {
    const fm_query *q;
    fm_row_cb cb;
    void *user;
    long delivered;
    size_t skipped;       /* rows passed over for the offset when paging in C */
    int page_in_c;
    int stop;
} query_state;

static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(fmin(1.0, sqrt(a)));
}

double fm_store_km(double lat1, double lon1, double lat2, double lon2) { return km_between(lat1, lon1, lat2, lon2); }

/* columns: 0 event_id 1 doc_id 2 date 3 json 4 story_id 5 n_events 6 n_documents
 * 7 n_sources 8 n_mentions 9 n_denials 10 first_report 11 last_report 12 contested 13 lat 14 lon */
static int query_row(void *user, int ncol, const char *const *col)
{
    query_state *qs = user;
    const fm_query *q = qs->q;
    if (q->near) {
        if (!col[13] || !col[14]) return 0;
        if (km_between(q->lat, q->lon, strtod(col[13], NULL), strtod(col[14], NULL)) > q->km) return 0;
    }
    if (qs->page_in_c) {
        if (qs->skipped < q->offset) { qs->skipped++; return 0; }
        if (q->limit && (size_t)qs->delivered >= q->limit) return 1;
    }
    fm_story_info story;
    fm_store_row row = { col[0], col[1], col[2], col[3], col[3] ? strlen(col[3]) : 0, NULL };
    if (col[4]) {
        story = (fm_story_info){ col[4], atoi(col[5] ? col[5] : "0"), atoi(col[6] ? col[6] : "0"),
                                 atoi(col[7] ? col[7] : "0"), atoi(col[8] ? col[8] : "0"),
                                 atoi(col[9] ? col[9] : "0"), col[10], col[11], atoi(col[12] ? col[12] : "0") };
        row.story = &story;
    }
    qs->delivered++;
    if (qs->cb(qs->user, &row)) { qs->stop = 1; return 1; }
    return 0;
}

static int is_code_like(const char *s)
{
    if (strlen(s) < 3) return 0;
    for (; *s; s++)
        if (!(isupper((unsigned char)*s) || isdigit((unsigned char)*s))) return 0;
    return 1;
}

/* The FROM and WHERE of a query, shared by rows and counts. Only constant
 * fragments go into the SQL; every value is a parameter (p has room for 24).
 * like holds the LIKE pattern and must live until the statement has run. */
static int query_where(fm_store *s, const fm_query *q, fm_buf *sql, fm_buf *like, fm_sql_value *p, int *np_out)
{
    int np = 0;
    if (q->stories)
        fm_buf_adds(sql, " FROM stories s JOIN events e ON e.event_id = s.story_id WHERE 1 = 1");
    else
        fm_buf_adds(sql, " FROM events e LEFT JOIN story_links l ON l.event_id = e.event_id AND l.relation = 'member'"
                         " LEFT JOIN stories s ON s.story_id = l.story_id WHERE 1 = 1");
    int64_t lo, hi;
    if (q->from) {
        if (fm_date_days(q->from, &lo, &hi)) goto bad_date;
        p[np++] = fm_sql_int(lo);
        fm_buf_printf(sql, " AND e.day_lo >= $%d", np);
    }
    if (q->to) {
        if (fm_date_days(q->to, &lo, &hi)) goto bad_date;
        p[np++] = fm_sql_int(hi);
        fm_buf_printf(sql, " AND e.day_hi <= $%d", np);
        /* Redundant for the result (day_lo <= day_hi), but it bounds the
         * scan of the (day_lo, ...) index from above as well. */
        p[np++] = fm_sql_int(hi);
        fm_buf_printf(sql, " AND e.day_lo <= $%d", np);
    }
    if (q->actor && *q->actor) {
        if (is_code_like(q->actor)) {
            p[np++] = fm_sql_text(q->actor);
            p[np++] = fm_sql_int((int64_t)strlen(q->actor));
            fm_buf_printf(sql, " AND (substr(e.source_code, 1, $%d) = $%d OR substr(e.target_code, 1, $%d) = $%d)",
                          np, np - 1, np, np - 1);
        } else {
            fm_buf_addc(like, '%');
            for (const char *c = q->actor; *c; c++) {
                if (*c == '%' || *c == '_' || *c == '\\') fm_buf_addc(like, '\\');
                fm_buf_addc(like, (char)toupper((unsigned char)*c));
            }
            fm_buf_addc(like, '%');
            p[np++] = fm_sql_text(fm_buf_cstr(like));
            fm_buf_printf(sql, " AND e.actors_fold LIKE $%d ESCAPE '\\'", np);
        }
    }
    if (q->country && *q->country) {
        p[np++] = fm_sql_text(q->country);
        if (strlen(q->country) == 2) fm_buf_printf(sql, " AND e.location_country = $%d", np);
        else fm_buf_printf(sql, " AND (e.source_country = $%d OR e.target_country = $%d)", np, np);
    }
    if (q->code && *q->code) {
        p[np++] = fm_sql_text(q->code);
        p[np++] = fm_sql_int((int64_t)strlen(q->code));
        fm_buf_printf(sql, " AND substr(e.code, 1, $%d) = $%d", np, np - 1);
    }
    if (q->plover && *q->plover) {
        p[np++] = fm_sql_text(q->plover);
        fm_buf_printf(sql, " AND e.plover = $%d", np);
    }
    if (q->mode && *q->mode) {
        p[np++] = fm_sql_text(q->mode);
        fm_buf_printf(sql, " AND e.mode = $%d", np);
    }
    if (q->has_bbox) {
        /* Exact in SQL, so the store can page: the stored lat/lon are the
         * numbers of the record. A box whose west edge is east of its east
         * edge wraps around the 180th meridian. */
        const double *b = q->bbox;
        p[np++] = fm_sql_real(b[1]);
        p[np++] = fm_sql_real(b[3]);
        fm_buf_printf(sql, " AND e.lat BETWEEN $%d AND $%d", np - 1, np);
        p[np++] = fm_sql_real(b[0]);
        p[np++] = fm_sql_real(b[2]);
        if (b[0] <= b[2]) fm_buf_printf(sql, " AND e.lon BETWEEN $%d AND $%d", np - 1, np);
        else fm_buf_printf(sql, " AND (e.lon >= $%d OR e.lon <= $%d)", np - 1, np);
    }
    if (q->near) {
        /* A bounding box the index can use; the exact distance is checked per row. */
        double dlat = q->km / 111.0;
        p[np++] = fm_sql_real(q->lat - dlat);
        p[np++] = fm_sql_real(q->lat + dlat);
        fm_buf_printf(sql, " AND e.lat BETWEEN $%d AND $%d", np - 1, np);
        double c = cos(q->lat * M_PI / 180.0);
        if (c > 0.01) {
            double dlon = q->km / (111.0 * c);
            if (q->lon - dlon > -180 && q->lon + dlon < 180) {
                p[np++] = fm_sql_real(q->lon - dlon);
                p[np++] = fm_sql_real(q->lon + dlon);
                fm_buf_printf(sql, " AND e.lon BETWEEN $%d AND $%d", np - 1, np);
            }
        }
    }
    *np_out = np;
    return 0;
bad_date:
    fm_store_report(s, FM_ERROR, "query: date must be YYYY, YYYY-MM or YYYY-MM-DD");
    return -1;
}

long fm_store_query(fm_store *s, const fm_query *q, fm_row_cb cb, void *user)
{
    fm_buf sql, like;
    fm_buf_init(&sql);
    fm_buf_init(&like);
    fm_sql_value p[28];
    int np = 0;
    long rc = -1;
    fm_buf_adds(&sql, "SELECT e.event_id, e.doc_id, e.date, e.json, s.story_id, s.n_events, s.n_documents,"
                      " s.n_sources, s.n_mentions, s.n_denials, s.first_report, s.last_report, s.contested,"
                      " e.lat, e.lon");
    if (query_where(s, q, &sql, &like, p, &np)) goto out;
    fm_buf_adds(&sql, " ORDER BY e.day_lo, e.day_hi, e.event_id");
    query_state qs = { q, cb, user, 0, 0, q->near, 0 };
    if (!q->near && (q->limit || q->offset)) {
        p[np++] = fm_sql_int(q->limit ? (int64_t)q->limit : INT64_MAX);
        p[np++] = fm_sql_int((int64_t)q->offset);
        fm_buf_printf(&sql, " LIMIT $%d OFFSET $%d", np - 1, np);
    }
    if (sql.failed || like.failed) {
        fm_store_report(s, FM_ERROR, "out of memory");
        goto out;
    }
    if (s->be->run(s, fm_buf_cstr(&sql), p, np, query_row, &qs, NULL) < 0) goto out;
    rc = qs.delivered;
out:
    fm_buf_free(&sql);
    fm_buf_free(&like);
    return rc;
}

/* ---- counts ---------------------------------------------------------------- */

typedef struct count_state {
    const fm_query *q;
    fm_count_cb cb;
    void *user;
    long groups;
    int stop;
    /* near: rows come per (key, lat, lon), summed here per key */
    char *key;
    int key_null, have;
    int64_t n;
} count_state;

static int count_flush(count_state *cs)
{
    if (!cs->have) return 0;
    cs->have = 0;
    cs->groups++;
    if (cs->cb(cs->user, cs->key_null ? NULL : cs->key, cs->n)) { cs->stop = 1; return 1; }
    return 0;
}

/* columns: key, n (then lat, lon when near) */
static int count_row(void *user, int ncol, const char *const *col)
{
    count_state *cs = user;
    int64_t n = col[1] ? strtoll(col[1], NULL, 10) : 0;
    if (!cs->q->near) {
        cs->groups++;
        if (cs->cb(cs->user, col[0], n)) { cs->stop = 1; return 1; }
        return 0;
    }
    if (!col[2] || !col[3] || km_between(cs->q->lat, cs->q->lon, strtod(col[2], NULL), strtod(col[3], NULL)) > cs->q->km)
        return 0;
    int same = cs->have && (col[0] ? !cs->key_null && !strcmp(col[0], cs->key) : cs->key_null);
    if (!same) {
        if (count_flush(cs)) return 1;
        free(cs->key);
        cs->key = col[0] ? strdup(col[0]) : NULL;
        cs->key_null = !col[0];
        if (col[0] && !cs->key) return -1;
        cs->have = 1;
        cs->n = 0;
    }
    cs->n += n;
    return 0;
}

long fm_store_count_by(fm_store *s, const fm_query *q, const char *by, fm_count_cb cb, void *user)
{
    /* Column names come from this list only, never from the caller. */
    static const char *const columns[] = { "date", "root", "code", "quad_class", "plover", "mode", "source_code",
                                           "source_country", "target_code", "target_country", "location_country" };
    const char *col = NULL;
    for (size_t i = 0; by && i < sizeof columns / sizeof columns[0]; i++)
        if (!strcmp(by, columns[i])) col = columns[i];
    if (by && !col) {
        fm_store_report(s, FM_ERROR, "count: cannot group by '%.40s'", by);
        return -1;
    }
    fm_buf sql, like;
    fm_buf_init(&sql);
    fm_buf_init(&like);
    fm_sql_value p[28];
    int np = 0;
    long rc = -1;
    count_state cs = { q, cb, user, 0, 0, NULL, 0, 0, 0 };
    /* A key is text on both backends, so callers see "4", not 4 or 4.0. */
    if (col) fm_buf_printf(&sql, "SELECT CAST(e.%s AS TEXT), count(*)", col);
    else fm_buf_adds(&sql, "SELECT NULL, count(*)");
    if (q->near) fm_buf_adds(&sql, ", e.lat, e.lon");
    if (query_where(s, q, &sql, &like, p, &np)) goto out;
    if (col || q->near) {
        fm_buf_printf(&sql, " GROUP BY %s%s", col ? "1" : "", q->near ? (col ? ", 3, 4" : "3, 4") : "");
        if (col) fm_buf_adds(&sql, " ORDER BY 1");
    }
    if (sql.failed || like.failed) {
        fm_store_report(s, FM_ERROR, "out of memory");
        goto out;
    }
    if (s->be->run(s, fm_buf_cstr(&sql), p, np, count_row, &cs, NULL) < 0) goto out;
    if (q->near && !cs.stop) {
        /* No row in reach still makes a total of 0. */
        if (!col && !cs.have) { cs.have = 1; cs.key_null = 1; cs.n = 0; }
        count_flush(&cs);
    }
    rc = cs.groups;
out:
    free(cs.key);
    fm_buf_free(&sql);
    fm_buf_free(&like);
    return rc;
}

/* ---- one event, its stories, a story's events ------------------------------ */

typedef struct event_state { fm_event_cb cb; void *user; long n; int one; } event_state;

/* columns: event_id, relation, json, doc_id, title, source, url, doc_date */
static int event_row(void *user, int ncol, const char *const *col)
{
    event_state *es = user;
    fm_store_event ev = { col[0], col[1], col[2] ? col[2] : "", col[2] ? strlen(col[2]) : 0,
                          col[3], col[4], col[5], col[6], col[7] };
    es->n++;
    return es->cb(es->user, &ev) || es->one;
}

int fm_store_get_event(fm_store *s, const char *event_id, fm_event_cb cb, void *user)
{
    event_state es = { cb, user, 0, 1 };
    fm_sql_value p[1] = { fm_sql_text(event_id) };
    if (s->be->run(s, "SELECT e.event_id, NULL, e.json, e.doc_id, d.title, d.source, d.url, d.doc_date FROM events e"
                      " JOIN documents d ON d.doc_id = e.doc_id WHERE e.event_id = $1",
                   p, 1, event_row, &es, NULL) < 0)
        return -1;
    return es.n > 0;
}

typedef struct story_state { fm_story_cb cb; void *user; long n; } story_state;

/* columns: story_id, relation, n_events, n_documents, n_sources, n_mentions, n_denials, first, last, contested */
static int story_row(void *user, int ncol, const char *const *col)
{
    story_state *ss = user;
    fm_story_info st = { col[0], atoi(col[2] ? col[2] : "0"), atoi(col[3] ? col[3] : "0"),
                         atoi(col[4] ? col[4] : "0"), atoi(col[5] ? col[5] : "0"), atoi(col[6] ? col[6] : "0"),
                         col[7], col[8], atoi(col[9] ? col[9] : "0") };
    ss->n++;
    return ss->cb(ss->user, col[1], &st);
}

long fm_store_event_stories(fm_store *s, const char *event_id, fm_story_cb cb, void *user)
{
    story_state ss = { cb, user, 0 };
    fm_sql_value p[1] = { fm_sql_text(event_id) };
    /* 'member' sorts after 'denial': descending puts the membership first. */
    if (s->be->run(s, "SELECT s.story_id, l.relation, s.n_events, s.n_documents, s.n_sources, s.n_mentions,"
                      " s.n_denials, s.first_report, s.last_report, s.contested FROM story_links l"
                      " JOIN stories s ON s.story_id = l.story_id WHERE l.event_id = $1"
                      " ORDER BY l.relation DESC, s.story_id", p, 1, story_row, &ss, NULL) < 0)
        return -1;
    return ss.n;
}

long fm_store_story_events(fm_store *s, const char *story_id, size_t limit, fm_event_cb cb, void *user)
{
    event_state es = { cb, user, 0, 0 };
    fm_sql_value p[2] = { fm_sql_text(story_id), fm_sql_int(limit ? (int64_t)limit : INT64_MAX) };
    if (s->be->run(s, "SELECT e.event_id, l.relation, e.json, e.doc_id, d.title, d.source, d.url, d.doc_date"
                      " FROM story_links l JOIN events e ON e.event_id = l.event_id"
                      " JOIN documents d ON d.doc_id = e.doc_id"
                      " WHERE l.story_id = $1 ORDER BY e.day_lo, e.event_id LIMIT $2",
                   p, 2, event_row, &es, NULL) < 0)
        return -1;
    return es.n;
}
