/* cameo.c — loads data/cameo/codes.tsv (CAMEO code -> Goldstein, quad class,
 * PLOVER event/mode/context, name) into an immutable table with parent-code
 * fallback. Reports malformed lines as file:line through the diag callback. */
#include "cameo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strmap.h"
#include "vec.h"

FM_VEC(fm_cameo_vec, fm_cameo_code)

struct fm_cameo_table {
    fm_arena arena;        /* owns every string of every code */
    fm_cameo_vec codes;
    fm_strmap index;       /* code -> position in codes */
};

#define CAMEO_FIELDS 7

static void report(fm_diag_fn diag, void *user, fm_diag_level lvl, const char *path, long line,
                   const char *msg)
{
    if (!diag) return;
    char where[512];
    if (line > 0) snprintf(where, sizeof where, "%s:%ld", path, line);
    else snprintf(where, sizeof where, "%s", path);
    diag(user, lvl, where, msg);
}

/* A CAMEO event code is 2 to 4 decimal digits ("01", "042", "1712"). */
static int valid_code(const char *s, size_t n)
{
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Splits line (modified in place) on tabs into at most max fields; returns
 * the field count, or max + 1 when the line has more fields than that. */
static int split_tabs(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max) return max + 1;
        field[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) return n;
        *tab = '\0';
        p = tab + 1;
    }
}

/* Parses one data line into t; returns NULL on success or a message. */
static const char *parse_line(fm_cameo_table *t, char *line, char *msgbuf, size_t msgcap)
{
    char *f[CAMEO_FIELDS];
    int n = split_tabs(line, f, CAMEO_FIELDS);
    if (n != CAMEO_FIELDS) {
        snprintf(msgbuf, msgcap, "expected %d tab-separated fields, found %s%d", CAMEO_FIELDS,
                 n > CAMEO_FIELDS ? "more than " : "", n > CAMEO_FIELDS ? CAMEO_FIELDS : n);
        return msgbuf;
    }
    size_t clen = strlen(f[0]);
    if (!valid_code(f[0], clen)) {
        snprintf(msgbuf, msgcap, "bad CAMEO code \"%.16s\" (want 2-4 digits)", f[0]);
        return msgbuf;
    }
    char *end;
    errno = 0;
    double g = strtod(f[1], &end);
    if (end == f[1] || *end || errno || g < -10.0 || g > 10.0) {
        snprintf(msgbuf, msgcap, "bad Goldstein value \"%.32s\" (want a number in -10..10)", f[1]);
        return msgbuf;
    }
    if (!(f[2][0] >= '1' && f[2][0] <= '4' && f[2][1] == '\0')) {
        snprintf(msgbuf, msgcap, "bad quad class \"%.16s\" (want 1..4)", f[2]);
        return msgbuf;
    }
    uint32_t dummy;
    if (fm_strmap_get(&t->index, f[0], clen, &dummy)) {
        snprintf(msgbuf, msgcap, "duplicate code %s (first one kept)", f[0]);
        return msgbuf;
    }
    fm_cameo_code c;
    memset(&c, 0, sizeof c);
    memcpy(c.code, f[0], clen);
    c.goldstein = g;
    c.quad_class = f[2][0] - '0';
    c.plover_event = fm_arena_strdup(&t->arena, f[3]);
    c.plover_mode = fm_arena_strdup(&t->arena, f[4]);
    c.plover_context = fm_arena_strdup(&t->arena, f[5]);
    c.name = fm_arena_strdup(&t->arena, f[6]);
    if (t->arena.failed || fm_cameo_vec_push(&t->codes, c)) return "out of memory";
    /* keys point into the arena copy of the code, which never moves */
    const char *key = fm_arena_strndup(&t->arena, f[0], clen);
    if (!key || fm_strmap_put(&t->index, key, (uint32_t)clen, (uint32_t)(t->codes.n - 1)))
        return "out of memory";
    return NULL;
}

fm_cameo_table *fm_cameo_load(const char *path, fm_diag_fn diag, void *user)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open CAMEO code table: %s", strerror(errno));
        report(diag, user, FM_ERROR, path, 0, msg);
        return NULL;
    }
    fm_cameo_table *t = calloc(1, sizeof *t);
    if (!t) {
        fclose(fp);
        report(diag, user, FM_ERROR, path, 0, "out of memory");
        return NULL;
    }
    fm_arena_init(&t->arena, 16384);
    fm_strmap_init(&t->index);

    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int fatal = 0;
    char msgbuf[160];
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (got == 0 || line[0] == '#') continue;
        const char *err = parse_line(t, line, msgbuf, sizeof msgbuf);
        if (!err) continue;
        if (strcmp(err, "out of memory") == 0) {
            report(diag, user, FM_ERROR, path, lineno, err);
            fatal = 1;
            break;
        }
        report(diag, user, FM_WARNING, path, lineno, err);
    }
    free(line);
    fclose(fp);
    if (!fatal && t->codes.n == 0) {
        report(diag, user, FM_ERROR, path, 0, "no CAMEO codes found");
        fatal = 1;
    }
    if (fatal) {
        fm_cameo_free(t);
        return NULL;
    }
    return t;
}

const fm_cameo_code *fm_cameo_find(const fm_cameo_table *t, const char *code)
{
    if (!t || !code) return NULL;
    size_t n = strnlen(code, 5);
    if (n > 4) return NULL;
    /* "1712" -> "171" -> "17": a code the table lacks still gets its family's values */
    for (; n >= 2; n--) {
        uint32_t pos;
        if (fm_strmap_get(&t->index, code, n, &pos)) return &t->codes.a[pos];
    }
    return NULL;
}

void fm_cameo_free(fm_cameo_table *t)
{
    if (!t) return;
    fm_strmap_free(&t->index);
    fm_cameo_vec_free(&t->codes);
    fm_arena_free(&t->arena);
    free(t);
}
