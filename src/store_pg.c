/* store_pg.c — the PostgreSQL backend of the event store, through libpq:
 * parameterised statements only (PQexecParams, text format), advisory locks
 * for migrations, merges and per-document ingest. Never logs the password. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

/* libpq messages span lines; a diagnostic is one line. */
static void report_msg(fm_store *s, const char *what, const char *m)
{
    char line[400];
    size_t n = 0;
    for (; *m && n + 1 < sizeof line; m++) {
        char c = (*m == '\n' || *m == '\t') ? ' ' : *m;
        if (c == ' ' && (n == 0 || line[n - 1] == ' ')) continue;
        line[n++] = c;
    }
    while (n && line[n - 1] == ' ') n--;
    line[n] = 0;
    fm_store_report(s, FM_ERROR, "%s%s%s", what, *what ? ": " : "", line);
}

static int report_pg(fm_store *s, const char *what)
{
    report_msg(s, what, PQerrorMessage((PGconn *)s->conn));
    return -1;
}

/* libpq prints notices to stderr by default; the library never prints. */
static void on_notice(void *arg, const PGresult *res)
{
    fm_store *s = arg;
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (sev && !strcmp(sev, "WARNING")) {
        const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        fm_store_report(s, FM_WARNING, "%s", m ? m : "warning");
    }
}

static int pg_run(fm_store *s, const char *sql, const fm_sql_value *p, int np,
                  fm_sql_row_fn fn, void *user, int64_t *changes)
{
    enum { MAXP = 64 };
    char num[MAXP][32];
    const char *vals[MAXP] = {0};
    if (np > MAXP) {
        fm_store_report(s, FM_ERROR, "too many parameters");
        return -1;
    }
    for (int i = 0; i < np; i++) {
        switch (p[i].type) {
        case FM_SQL_TEXT: vals[i] = p[i].s; break;
        case FM_SQL_INT: snprintf(num[i], sizeof num[i], "%lld", (long long)p[i].i); vals[i] = num[i]; break;
        case FM_SQL_REAL: snprintf(num[i], sizeof num[i], "%.17g", p[i].d); vals[i] = num[i]; break;
        default: vals[i] = NULL; break;
        }
    }
    /* Types are left to the server to infer from the statement. */
    PGresult *r = PQexecParams(s->conn, sql, np, NULL, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        report_msg(s, "", PQresultErrorMessage(r));
        PQclear(r);
        return -1;
    }
    int rc = 0;
    if (st == PGRES_TUPLES_OK && fn) {
        int ncol = PQnfields(r), nrow = PQntuples(r);
        const char *cols[64];
        if (ncol > 64) ncol = 64;
        for (int i = 0; i < nrow && !rc; i++) {
            for (int k = 0; k < ncol; k++) cols[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
            if (fn(user, ncol, cols)) rc = 1;
        }
    }
    if (changes) *changes = strtoll(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return rc;
}

static int pg_exec(fm_store *s, const char *sql) { return pg_run(s, sql, NULL, 0, NULL, NULL, NULL); }

static int got_true(void *user, int ncol, const char *const *col)
{
    *(int *)user = ncol > 0 && col[0] && col[0][0] == 't';
    return 0;
}

static int pg_lock(fm_store *s, int64_t key)
{
    fm_sql_value p[1] = { fm_sql_int(key) };
    return pg_run(s, "SELECT pg_advisory_lock($1)", p, 1, NULL, NULL, NULL);
}

static int pg_unlock(fm_store *s, int64_t key)
{
    fm_sql_value p[1] = { fm_sql_int(key) };
    return pg_run(s, "SELECT pg_advisory_unlock($1)", p, 1, NULL, NULL, NULL);
}

static int pg_try_xact_lock(fm_store *s, int64_t key)
{
    fm_sql_value p[1] = { fm_sql_int(key) };
    int got = 0;
    if (pg_run(s, "SELECT pg_try_advisory_xact_lock($1)", p, 1, got_true, &got, NULL)) return -1;
    return got;
}

static void pg_close(fm_store *s)
{
    PQfinish(s->conn);
    s->conn = NULL;
}

static const fm_store_backend pg_backend = {
    .name = "postgresql",
    .run = pg_run,
    .exec = pg_exec,
    .begin_sql = "BEGIN",
    .lock = pg_lock,
    .unlock = pg_unlock,
    .try_xact_lock = pg_try_xact_lock,
    .close = pg_close,
};

int fm_store_pg_open(fm_store *s, const char *conninfo, int read_only)
{
    s->be = &pg_backend;
    snprintf(s->where, sizeof s->where, "postgresql");
    PGconn *c = PQconnectdb(conninfo);
    if (!c) {
        fm_store_report(s, FM_ERROR, "out of memory");
        return -1;
    }
    s->conn = c;
    if (PQstatus(c) != CONNECTION_OK) return report_pg(s, "connect");
    /* Only host and database name in messages: never the URL (password). */
    const char *host = PQhost(c);
    snprintf(s->where, sizeof s->where, "postgresql:%s/%s", host && host[0] != '/' ? host : "local", PQdb(c));
    PQsetNoticeReceiver(c, on_notice, s);
    if (pg_exec(s, "SET client_min_messages = warning")) return -1;
    if (read_only && pg_exec(s, "SET default_transaction_read_only = on")) return -1;
    return 0;
}
