/* store_sqlite.c — the SQLite backend of the event store: one connection in
 * WAL mode, prepared statements cached per SQL text. Translates the shared
 * "$N" placeholders to SQLite's "?N"; never builds SQL from values. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "store.h"
#include "strmap.h"
#include "vec.h"

FM_VEC(fm_stmt_vec, sqlite3_stmt *)

typedef struct sqlite_conn {
    sqlite3 *db;
    fm_strmap cache;      /* SQL text (a malloc'd copy) -> index in stmts */
    fm_stmt_vec stmts;
} sqlite_conn;

static int report_db(fm_store *s, const char *what)
{
    sqlite_conn *c = s->conn;
    fm_store_report(s, FM_ERROR, "%s: %s", what, sqlite3_errmsg(c->db));
    return -1;
}

/* "$12" -> "?12": the placeholders only; '$' never appears elsewhere in our SQL. */
static sqlite3_stmt *prepare(fm_store *s, const char *sql)
{
    sqlite_conn *c = s->conn;
    uint32_t idx;
    /* Key by the SQL text itself: our statements are constant strings or are
     * built from constant fragments, so the set stays small. */
    if (fm_strmap_get(&c->cache, sql, strlen(sql), &idx)) {
        sqlite3_stmt *st = c->stmts.a[idx];
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    fm_buf b;
    fm_buf_init(&b);
    for (const char *p = sql; *p; p++) fm_buf_addc(&b, *p == '$' ? '?' : *p);
    sqlite3_stmt *st = NULL;
    if (b.failed || sqlite3_prepare_v3(c->db, fm_buf_cstr(&b), -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fm_buf_free(&b);
        report_db(s, "prepare");
        return NULL;
    }
    fm_buf_free(&b);
    char *key = strdup(sql);
    if (!key || fm_stmt_vec_push(&c->stmts, st) ||
        fm_strmap_put(&c->cache, key, strlen(key), (uint32_t)(c->stmts.n - 1))) {
        /* Not cached: still usable once; finalize would be lost, so refuse. */
        free(key);
        sqlite3_finalize(st);
        fm_store_report(s, FM_ERROR, "out of memory");
        return NULL;
    }
    return st;
}

static int sq_run(fm_store *s, const char *sql, const fm_sql_value *p, int np,
                  fm_sql_row_fn fn, void *user, int64_t *changes)
{
    sqlite_conn *c = s->conn;
    sqlite3_stmt *st = prepare(s, sql);
    if (!st) return -1;
    for (int i = 0; i < np; i++) {
        int rc;
        switch (p[i].type) {
        case FM_SQL_TEXT: rc = sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_STATIC); break;
        case FM_SQL_INT: rc = sqlite3_bind_int64(st, i + 1, p[i].i); break;
        case FM_SQL_REAL: rc = sqlite3_bind_double(st, i + 1, p[i].d); break;
        default: rc = sqlite3_bind_null(st, i + 1); break;
        }
        if (rc != SQLITE_OK) return report_db(s, "bind");
    }
    int ncol = sqlite3_column_count(st), rc;
    const char *cols[64];
    if (ncol > 64) ncol = 64;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!fn) continue;
        for (int k = 0; k < ncol; k++) cols[k] = (const char *)sqlite3_column_text(st, k);
        if (fn(user, ncol, cols)) { sqlite3_reset(st); return 1; }
    }
    if (rc != SQLITE_DONE) {
        report_db(s, "step");
        sqlite3_reset(st);
        return -1;
    }
    if (changes) *changes = sqlite3_changes64(c->db);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return 0;
}

static int sq_exec(fm_store *s, const char *sql)
{
    sqlite_conn *c = s->conn;
    char *err = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fm_store_report(s, FM_ERROR, "%s", err ? err : sqlite3_errmsg(c->db));
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int sq_lock(fm_store *s, int64_t key) { return 0; }
static int sq_try_xact_lock(fm_store *s, int64_t key) { return 1; }

static void sq_close(fm_store *s)
{
    sqlite_conn *c = s->conn;
    if (!c) return;
    for (size_t i = 0; i < c->stmts.n; i++) sqlite3_finalize(c->stmts.a[i]);
    for (size_t i = 0; i < c->cache.cap; i++) free((char *)c->cache.slots[i].key);
    fm_strmap_free(&c->cache);
    fm_stmt_vec_free(&c->stmts);
    sqlite3_close(c->db);
    free(c);
    s->conn = NULL;
}

static const fm_store_backend sqlite_backend = {
    .name = "sqlite",
    .run = sq_run,
    .exec = sq_exec,
    .begin_sql = "BEGIN IMMEDIATE",
    .lock = sq_lock,
    .unlock = sq_lock,
    .try_xact_lock = sq_try_xact_lock,
    .close = sq_close,
};

int fm_store_sqlite_open(fm_store *s, const char *path, int read_only)
{
    sqlite_conn *c = calloc(1, sizeof *c);
    if (!c) return -1;
    fm_strmap_init(&c->cache);
    s->be = &sqlite_backend;
    s->conn = c;
    snprintf(s->where, sizeof s->where, "sqlite:%s", path);
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        report_db(s, "open");
        return -1;
    }
    /* Several ingest processes may share one file: wait for the writer lock
     * rather than fail. WAL + synchronous=NORMAL survives a killed process
     * (not a power cut) with every committed batch intact. */
    sqlite3_busy_timeout(c->db, 30000);
    sqlite3_extended_result_codes(c->db, 1);
    /* A reader leaves the journal mode to the writers (a WAL file stays WAL)
     * and refuses writes even if the file's permissions would allow them. */
    if (read_only) return sq_exec(s, "PRAGMA query_only = 1");
    /* Switching a new file to WAL while another process opens it can return
     * SQLITE_BUSY without consulting the busy handler: retry a while. */
    for (int tries = 0;; tries++) {
        int rc = sqlite3_exec(c->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK) break;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) return report_db(s, "journal_mode");
        if (tries == 500) return report_db(s, "journal_mode");
        sqlite3_sleep(10);
    }
    if (sq_exec(s, "PRAGMA synchronous=NORMAL") ||
        sq_exec(s, "PRAGMA foreign_keys=ON"))
        return -1;
    return 0;
}
