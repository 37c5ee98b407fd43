/* store.h — the event store: documents, sentences, events, attributions and
 * stories in one schema (migrations versioned in the database), on SQLite
 * (a path) or PostgreSQL (a postgres:// URL). Backend-neutral API; the SQL
 * is the same text for both; values are always bound as parameters. */
#ifndef FM_STORE_H
#define FM_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "factum.h"

typedef struct fm_store fm_store;

/* url: "postgres://..." / "postgresql://..." / "host=... dbname=..." (libpq
 * conninfo containing '=') opens PostgreSQL; anything else is a SQLite path
 * (WAL mode). Applies pending schema migrations. NULL on failure (reported;
 * a password in the URL is never reported). */
fm_store *fm_store_open(const char *url, fm_diag_fn diag, void *user);
/* The same store for reading only (serve, exports): no migration runs, no
 * lock is taken, and every write (begin, put_doc, merge) is refused. SQLite
 * opens the file read-only and with query_only; PostgreSQL makes every
 * transaction read-only. Refuses a database without factum's schema or with
 * a newer one; an older one is read with a warning. NULL on failure. */
fm_store *fm_store_open_readonly(const char *url, fm_diag_fn diag, void *user);
/* 1 when fm_store_open would take url for PostgreSQL, 0 for a SQLite path. */
int fm_store_url_is_pg(const char *url);
void fm_store_close(fm_store *s);
const char *fm_store_backend_name(const fm_store *s);   /* "sqlite" / "postgresql" */
int fm_store_schema_version(fm_store *s);               /* -1 on error */

/* A batch is one transaction: commit makes every document of it visible at
 * once; a crash (kill -9) before commit leaves nothing of it. */
int fm_store_begin(fm_store *s);
int fm_store_commit(fm_store *s);
int fm_store_rollback(fm_store *s);

/* 16 hex digits identifying a document's content (date + text): a document
 * re-ingested with the same id and hash is left alone. */
void fm_store_doc_hash(const fm_doc *doc, char out[17]);

/* 1: stored with this hash; 0: absent (or stored with another hash); -1 error. */
int fm_store_has_doc(fm_store *s, const char *doc_id, const char *content_hash);

/* Stores doc with its events. json[i] (may be NULL as a whole) is ev[i] as
 * written by fm_event_write_json, kept verbatim; when NULL a minimal record is
 * stored. A document already stored with the same hash is not touched; with
 * another hash its sentences, events and attributions are replaced.
 * Returns FM_STORE_STORED, FM_STORE_UNCHANGED, FM_STORE_BUSY (PostgreSQL: another
 * worker is storing this document id in an open transaction; retry it after
 * commit), or -1 on error (the batch should be rolled back). */
enum { FM_STORE_UNCHANGED = 0, FM_STORE_STORED = 1, FM_STORE_BUSY = 2 };
int fm_store_put_doc(fm_store *s, const fm_doc *doc, const char *content_hash,
                     const fm_event *ev, const char *const *json, size_t n);

/* Counts, for tests and `factum stats`: table is one of "documents",
 * "sentences", "events", "attributions", "stories", "story_links". -1 error. */
int64_t fm_store_count(fm_store *s, const char *table);

/* ---- stories (story_merge.c) ------------------------------------------ */

typedef struct fm_merge_options {
    double max_km;        /* places at most this far apart (0 = 50 km) */
    int window_days;      /* dates at most this many days apart (0 = 1) */
    int max_span_days;    /* a date coarser than this never merges (0 = 31: month) */
    /* "YYYY[-MM[-DD]]" or NULL (open end): only events whose date starts in
     * [from, to] are merged, and only their stories are rewritten. The range
     * is first widened until no story, old or new, has a member outside it,
     * so per-range merges (one per year of an archive, or the last days
     * after a daily ingest) give the stories of one merge over everything.
     * Stories that lost a member to a re-coded document are always in
     * scope. Undated events get their stories only from a merge without a
     * range; both NULL: the whole store. */
    const char *from, *to;
} fm_merge_options;

/* Links events of different documents that describe the same real-world
 * event into stories (id = smallest member event id), links denials to the
 * stories they deny, and rewrites only the stories that changed. Runs in its
 * own transaction (PostgreSQL: under an advisory lock, so concurrent merges
 * queue). Returns the number of stories written or deleted, -1 on error. */
int fm_store_merge(fm_store *s, const fm_merge_options *opt);

/* ---- queries ------------------------------------------------------------ */

typedef struct fm_query {
    const char *from, *to;  /* "YYYY[-MM[-DD]]": event dates inside [from, to] */
    const char *actor;      /* CAMEO code prefix (upper-case, no spaces) or words of the text/name */
    const char *country;    /* alpha-3: source/target country; alpha-2: location country */
    const char *code;       /* CAMEO event code prefix */
    const char *plover;     /* PLOVER event type */
    const char *mode;       /* asserted, reported, ... */
    int near;               /* 1: location within km of lat,lon */
    double lat, lon, km;
    int has_bbox;           /* 1: location inside bbox (edges included) */
    double bbox[4];         /* min lon, min lat, max lon, max lat; min lon > max lon crosses 180 */
    int stories;            /* 1: one row per story (its smallest-id event), not per event */
    size_t limit, offset;   /* paging (limit 0 = all), rows sorted by date then id */
} fm_query;

typedef struct fm_story_info {
    const char *id;
    int n_events, n_documents, n_sources, n_mentions, n_denials;
    const char *first_report, *last_report;   /* document dates, or NULL */
    int contested;
} fm_story_info;

typedef struct fm_store_row {
    const char *event_id, *doc_id, *date;
    const char *json; size_t json_len;        /* the event record, one line, no '\n' */
    const fm_story_info *story;               /* NULL when not in a story */
} fm_store_row;

/* Return non-zero from the callback to stop. Returns rows delivered, -1 error. */
typedef int (*fm_row_cb)(void *user, const fm_store_row *row);
long fm_store_query(fm_store *s, const fm_query *q, fm_row_cb cb, void *user);

/* Group-by counts over the events fm_store_query would return (limit and
 * offset are ignored). by: "date", "root", "code", "quad_class", "plover",
 * "mode", "source_code", "source_country", "target_code", "target_country",
 * "location_country", or NULL for one group (key NULL) holding the total.
 * Groups come in key order (SQL NULL, as key NULL, may come first or last);
 * values are their text. Returns the number of groups, -1 on error. */
typedef int (*fm_count_cb)(void *user, const char *key, int64_t n);
long fm_store_count_by(fm_store *s, const fm_query *q, const char *by, fm_count_cb cb, void *user);

/* One stored event with its document; the strings live until cb returns. */
typedef struct fm_store_event {
    const char *event_id, *relation;          /* relation: "member"/"denial" in a story, else NULL */
    const char *json; size_t json_len;
    const char *doc_id, *title, *source, *url, *doc_date;
} fm_store_event;
typedef int (*fm_event_cb)(void *user, const fm_store_event *ev);
typedef int (*fm_story_cb)(void *user, const char *relation, const fm_story_info *story);

/* The event with this id: 1 (cb called once), 0 no such event, -1 error. */
int fm_store_get_event(fm_store *s, const char *event_id, fm_event_cb cb, void *user);
/* The stories an event belongs to ("member", first) or denies ("denial"),
 * by story id. Returns the number delivered, -1 on error. */
long fm_store_event_stories(fm_store *s, const char *event_id, fm_story_cb cb, void *user);
/* A story's events (members and denials) by date then id, at most limit
 * (0 = all). Returns the number delivered, -1 on error. */
long fm_store_story_events(fm_store *s, const char *story_id, size_t limit, fm_event_cb cb, void *user);

/* ---- for the backends (store_sqlite.c, store_pg.c, story_merge.c) ------- */

typedef enum fm_sql_type { FM_SQL_NULL, FM_SQL_TEXT, FM_SQL_INT, FM_SQL_REAL } fm_sql_type;
typedef struct fm_sql_value { fm_sql_type type; const char *s; int64_t i; double d; } fm_sql_value;

/* One result row: col[k] is the text of column k, NULL for SQL NULL. */
typedef int (*fm_sql_row_fn)(void *user, int ncol, const char *const *col);

typedef struct fm_store_backend {
    const char *name;
    /* Statements written with $1..$n placeholders (PostgreSQL style). */
    int (*run)(fm_store *s, const char *sql, const fm_sql_value *p, int np,
               fm_sql_row_fn fn, void *user, int64_t *changes);
    int (*exec)(fm_store *s, const char *sql);      /* no parameters, no rows */
    const char *begin_sql;                          /* "BEGIN IMMEDIATE" / "BEGIN" */
    /* Session lock for migrations and merges; unlock is a no-op on SQLite,
     * where BEGIN IMMEDIATE already serialises writers. */
    int (*lock)(fm_store *s, int64_t key);
    int (*unlock)(fm_store *s, int64_t key);
    /* PostgreSQL: try a transaction-scoped lock on key: 1 got it, 0 busy. */
    int (*try_xact_lock)(fm_store *s, int64_t key);
    void (*close)(fm_store *s);
} fm_store_backend;

struct fm_store {
    const fm_store_backend *be;
    void *conn;
    fm_diag_fn diag;
    void *user;
    char where[128];      /* "sqlite:path" or "postgresql:host/db" (no password) */
    int in_tx;
    int read_only;        /* opened by fm_store_open_readonly */
};

void fm_store_report(fm_store *s, fm_diag_level lv, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fm_store_sqlite_open(fm_store *s, const char *path, int read_only);
int fm_store_pg_open(fm_store *s, const char *conninfo, int read_only);

static inline fm_sql_value fm_sql_text(const char *v) { fm_sql_value x = { v ? FM_SQL_TEXT : FM_SQL_NULL, v, 0, 0 }; return x; }
static inline fm_sql_value fm_sql_int(int64_t v) { fm_sql_value x = { FM_SQL_INT, NULL, v, 0 }; return x; }
static inline fm_sql_value fm_sql_real(double v) { fm_sql_value x = { FM_SQL_REAL, NULL, 0, v }; return x; }
static inline fm_sql_value fm_sql_null(void) { fm_sql_value x = { FM_SQL_NULL, NULL, 0, 0 }; return x; }

/* Great-circle distance in km. */
double fm_store_km(double lat1, double lon1, double lat2, double lon2);
/* Days since 1970-01-01 covered by "YYYY", "YYYY-MM", "YYYY-MM-DD"; 0 on success. */
int fm_date_days(const char *date, int64_t *lo, int64_t *hi);
#endif
