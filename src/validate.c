/* validate.c — reads the three validation formats into one fm_vsuite (records
 * with an expected set of events), runs them through a lexicon and coder built
 * from the suite's own dictionaries, and reports failures. It must not judge
 * more than the exact-set rule: record passes iff produced set == expected set. */
#define _GNU_SOURCE   /* memmem */
#include "validate.h"
#include "buf.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SUITE_BYTES (64u << 20)

/* ---- small helpers ---- */

typedef struct reader_ctx {
    fm_vsuite *s;
    fm_diag_fn diag;
    void *user;
    const char *file;        /* path as given, for messages */
    char dir[4096];          /* folder of the suite, for relative names */
    fm_buf options;          /* options in effect, "k=v k=v" */
    fm_buf unsupported;      /* distinct option names seen */
    int require_dyad;        /* PETRARCH's require_dyad; TABARI always */
} reader_ctx;

static void say(reader_ctx *c, fm_diag_level lv, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(reader_ctx *c, fm_diag_level lv, long line, const char *fmt, ...)
{
    char where[4200], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0) snprintf(where, sizeof where, "%s:%ld", c->file, line);
    else snprintf(where, sizeof where, "%s", c->file);
    if (c->diag) c->diag(c->user, lv, where, msg);
}

static char *read_all(const char *path, size_t *len, fm_diag_fn diag, void *user)
{
    FILE *f = fopen(path, "rb");
    char msg[512];
    if (!f) {
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        if (diag) diag(user, FM_ERROR, path, msg);
        return NULL;
    }
    fm_buf b;
    fm_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        fm_buf_add(&b, chunk, n);
        if (b.len > MAX_SUITE_BYTES) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || b.failed || b.len > MAX_SUITE_BYTES) {
        snprintf(msg, sizeof msg, "%s", bad ? "read error" : b.failed ? "out of memory" : "larger than 64 MiB");
        if (diag) diag(user, FM_ERROR, path, msg);
        fm_buf_free(&b);
        return NULL;
    }
    fm_buf_addc(&b, 0);   /* make sure data exists even when empty */
    *len = b.len - 1;
    return b.data;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) { (*s)++; (*n)--; }
    while (*n && isspace((unsigned char)(*s)[*n - 1])) (*n)--;
}

static int is_upper_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (toupper((unsigned char)s[i]) != toupper((unsigned char)w[i])) return 0;
    return 1;
}

/* dir of path, or "." */
static void dir_of(const char *path, char *dir, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, cap, ".");
    else if (slash == path) snprintf(dir, cap, "/");
    else snprintf(dir, cap, "%.*s", (int)(slash - path), path);
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* "name" found in one of the folders (relative to the suite's folder). */
static const char *find_dict(reader_ctx *c, const char *name, size_t n, const char *const *subdirs)
{
    char p[8400];
    if (n && name[0] == '/') {
        snprintf(p, sizeof p, "%.*s", (int)n, name);
        return file_exists(p) ? fm_arena_strdup(&c->s->arena, p) : NULL;
    }
    for (int i = 0; subdirs[i]; i++) {
        snprintf(p, sizeof p, "%s/%s%.*s", c->dir, subdirs[i], (int)n, name);
        if (file_exists(p)) return fm_arena_strdup(&c->s->arena, p);
    }
    return NULL;
}

static void add_dict(reader_ctx *c, const char *name, size_t n, long line, const char *const *subdirs)
{
    trim(&name, &n);
    if (!n) return;
    const char *p = find_dict(c, name, n, subdirs);
    if (!p) { say(c, FM_ERROR, line, "dictionary '%.*s' not found next to the suite", (int)n, name); return; }
    if (c->s->n_dicts < (int)(sizeof c->s->dicts / sizeof c->s->dicts[0])) c->s->dicts[c->s->n_dicts++] = p;
}

/* "YYMMDD", "YYYYMMDD" (longer: first 8 digits) or "YYYY-MM-DD" -> "YYYY-MM-DD", else NULL */
static const char *norm_date(reader_ctx *c, const char *s, size_t n)
{
    int y, m, d;
    char digits[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof digits - 1; i++)
        if (isdigit((unsigned char)s[i])) digits[k++] = s[i];
        else if (s[i] != '-') return NULL;
    digits[k] = 0;
    if (k >= 8) {
        if (sscanf(digits, "%4d%2d%2d", &y, &m, &d) != 3) return NULL;
    } else if (k >= 6) {
        /* TABARI's two-digit years: the suite's dates run 1983..2015 */
        if (sscanf(digits, "%2d%2d%2d", &y, &m, &d) != 3) return NULL;
        y += y < 30 ? 2000 : 1900;
    } else return NULL;
    if (m < 1 || m > 12 || d < 1 || d > 31) return NULL;
    return fm_arena_printf(&c->s->arena, "%04d-%02d-%02d", y, m, d);
}

static fm_vrecord *new_record(reader_ctx *c, const char *id, size_t id_len, long line)
{
    fm_vrecord r;
    memset(&r, 0, sizeof r);
    r.id = fm_arena_strndup(&c->s->arena, id, id_len);
    r.where = fm_arena_printf(&c->s->arena, "%s:%ld", c->file, line);
    r.first_expected = c->s->events.n;
    r.options = c->options.len ? fm_arena_strdup(&c->s->arena, fm_buf_cstr(&c->options)) : NULL;
    r.require_dyad = c->require_dyad;
    if (fm_vrecord_vec_push(&c->s->records, r)) return NULL;
    return &c->s->records.a[c->s->records.n - 1];
}

static int add_event(reader_ctx *c, fm_vrecord *r, const char *src, size_t ns, const char *tgt, size_t nt,
                     const char *code, size_t nc)
{
    fm_vevent e;
    fm_arena *a = &c->s->arena;
    trim(&src, &ns); trim(&tgt, &nt); trim(&code, &nc);
    e.source = (ns == 0 || (ns == 1 && src[0] == '-')) ? NULL : fm_arena_strndup(a, src, ns);
    e.target = (nt == 0 || (nt == 1 && tgt[0] == '-')) ? NULL : fm_arena_strndup(a, tgt, nt);
    e.code = fm_arena_strndup(a, code, nc);
    if (fm_vevent_vec_push(&c->s->events, e)) return -1;
    r->n_expected++;
    return 0;
}

/* Options: the state string shows what is switched on; every name is
 * remembered once so the run can say which switches the coder lacks. */
static void set_option(reader_ctx *c, const char *key, size_t nk, const char *val, size_t nv)
{
    trim(&key, &nk); trim(&val, &nv);
    char k[128], v[256];
    snprintf(k, sizeof k, "%.*s", (int)nk, key);
    snprintf(v, sizeof v, "%.*s", (int)nv, val);
    for (char *p = k; *p; p++) if (*p == ' ') *p = '_';
    /* stop_on_error only steers PETRARCH's own loop */
    if (!strcmp(k, "stop_on_error")) return;
    /* the harness does this one itself: it drops produced events without a
     * source or target code before comparing */
    if (!strcmp(k, "require_dyad")) { c->require_dyad = !strcasecmp(v, "true"); return; }
    /* rebuild the state without the old value of this key */
    fm_buf next;
    fm_buf_init(&next);
    const char *s = c->options.len ? fm_buf_cstr(&c->options) : "";
    size_t kl = strlen(k);
    while (*s) {
        const char *e = strstr(s, "; ");
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (!(n > kl && !strncmp(s, k, kl) && s[kl] == '=')) {
            if (next.len) fm_buf_adds(&next, "; ");
            fm_buf_add(&next, s, n);
        }
        s += n;
        if (e) s += 2;
    }
    int off = !strcasecmp(v, "FALSE") || !strcasecmp(v, "OFF") || !strcmp(v, "0") || !v[0];
    /* "COMMA: OFF" keeps every comma clause; without the key TABARI's limits apply */
    if (!off || !strcmp(k, "COMMA")) {
        if (next.len) fm_buf_adds(&next, "; ");
        fm_buf_printf(&next, "%s=%s", k, v);
    }
    fm_buf_free(&c->options);
    c->options = next;
    /* switches the coder has (see record_options) */
    static const char *const known[] = { "CODE", "MINIMUM_WORDS", "CONVERT_AGENT", "CONVERT_AGENTS", "DEFAULT",
                                         "COMMA", "FORWARD", "COMPLEX", NULL };
    for (int i = 0; known[i]; i++) if (!strcmp(k, known[i])) return;
    const char *u = c->unsupported.len ? fm_buf_cstr(&c->unsupported) : "";
    const char *hit = strstr(u, k);
    if (hit && (hit == u || hit[-1] == ' ') && (hit[kl] == ',' || hit[kl] == 0)) return;
    if (c->unsupported.len) fm_buf_adds(&c->unsupported, ", ");
    fm_buf_adds(&c->unsupported, k);
}

/* ---- TABARI: Validate.project + Validate.text ---- */

static const char *const SAME_DIR[] = { "", NULL };

/* <tag> value lines of a .project file */
static int project_value(const char *data, const char *tag, const char **val, size_t *n)
{
    const char *p = strstr(data, tag);
    if (!p) return 0;
    p += strlen(tag);
    const char *e = p;
    while (*e && *e != '\n' && *e != '\r') e++;
    *val = p;
    *n = (size_t)(e - p);
    trim(val, n);
    /* a value is one word: "TABARI.Demo.actors" */
    size_t k = 0;
    while (k < *n && !isspace((unsigned char)(*val)[k])) k++;
    *n = k;
    return k > 0;
}

/* The .options file's commands ("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR",
 * "SET: MINIMUM WORDS = 5") are the state the first record starts from. */
static void read_options_file(reader_ctx *c, const char *name, size_t nn)
{
    char p[8400];
    snprintf(p, sizeof p, "%s/%.*s", c->dir, (int)nn, name);
    size_t len;
    char *data = read_all(p, &len, NULL, NULL);
    if (!data) return;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && data[e] != '\n') e++;
        const char *s = data + i;
        size_t n = e - i;
        i = e + 1;
        trim(&s, &n);
        const char *colon = n ? memchr(s, ':', n) : NULL;
        if (!colon || (n >= 2 && s[0] == '/' && s[1] == '/') || is_upper_word(s, n, "LABEL:")) continue;
        const char *rest = colon + 1;
        size_t ncmd = (size_t)(colon - s), nrest = n - ncmd - 1;
        trim(&rest, &nrest);
        const char *eq = memchr(rest, '=', nrest);
        if (is_upper_word(s, ncmd, "SET") && eq)
            set_option(c, rest, (size_t)(eq - rest), eq + 1, nrest - (size_t)(eq - rest) - 1);
        else if (is_upper_word(s, ncmd, "SET") && is_upper_word(rest, nrest, "CODE "))
            set_option(c, "CODE", 4, rest + 5, nrest - 5);
        else if (!is_upper_word(s, ncmd, "SET"))
            set_option(c, s, ncmd, rest, nrest);
    }
    free(data);
}

static void project_dicts(reader_ctx *c, const char *proj)
{
    const char *ov;
    size_t on;
    if (project_value(proj, "<optionsfile>", &ov, &on)) read_options_file(c, ov, on);
    static const char *const tags[] = { "<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>",
                                         "<discardfile>", "<issuesfile>", NULL };
    for (int i = 0; tags[i]; i++) {
        const char *v;
        size_t n;
        if (project_value(proj, tags[i], &v, &n)) add_dict(c, v, n, 0, SAME_DIR);
    }
}

/* The .project in the suite's folder whose <textfile> names this text. */
static void find_project(reader_ctx *c, const char *text_path)
{
    const char *base = strrchr(text_path, '/');
    base = base ? base + 1 : text_path;
    DIR *d = opendir(c->dir);
    if (!d) return;
    char best[8400] = "";
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 8 || strcmp(de->d_name + n - 8, ".project")) continue;
        char p[8400];
        snprintf(p, sizeof p, "%s/%s", c->dir, de->d_name);
        size_t len;
        char *data = read_all(p, &len, NULL, NULL);
        if (!data) continue;
        const char *v;
        size_t vn;
        /* sorted choice so the result does not depend on readdir order */
        if (project_value(data, "<textfile>", &v, &vn) && vn == strlen(base) && !strncmp(v, base, vn) &&
            (!best[0] || strcmp(p, best) < 0))
            snprintf(best, sizeof best, "%s", p);
        free(data);
    }
    closedir(d);
    if (!best[0]) return;
    size_t len;
    char *data = read_all(best, &len, c->diag, c->user);
    if (!data) return;
    project_dicts(c, data);
    free(data);
}

static int tabari_header(const char *s, size_t n, const char **id, size_t *id_len, size_t *date_len)
{
    size_t i = 0;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    if (i < 6 || i > 9 || i == n || (s[i] != ' ' && s[i] != '\t')) return 0;
    *date_len = i;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t st = i;
    while (i < n && !isspace((unsigned char)s[i])) i++;
    if (i == st) return 0;
    *id = s + st;
    *id_len = i - st;
    return 1;
}

/* The events block: {...} items; "-{...}" is not checked; a '{' whose '}' is
 * missing runs to the end of the block (seen in MINIMUM WORDS records). */
static void tabari_block(reader_ctx *c, fm_vrecord *r, const char *b, size_t n, long line,
                         int *n_checked, int *n_unchecked, int *n_options)
{
    size_t i = 0;
    while (i < n) {
        if (b[i] != '{') { i++; continue; }
        size_t j = i;
        while (j > 0 && (b[j - 1] == ' ' || b[j - 1] == '\t')) j--;
        int unchecked = j > 0 && b[j - 1] == '-';
        size_t st = i + 1, e = st;
        while (e < n && b[e] != '}') e++;
        const char *s = b + st;
        size_t len = e - st;
        i = e < n ? e + 1 : n;
        trim(&s, &len);
        if (!len) continue;
        if (is_upper_word(s, len, "OPTION:")) {
            (*n_options)++;
            s += 7; len -= 7;
            trim(&s, &len);
            const char *colon = memchr(s, ':', len);
            if (!colon) { say(c, FM_WARNING, line, "record %s: OPTION without a command", r->id); continue; }
            const char *cmd = s;
            size_t ncmd = (size_t)(colon - s);
            const char *rest = colon + 1;
            size_t nrest = len - ncmd - 1;
            trim(&rest, &nrest);
            const char *eq = memchr(rest, '=', nrest);
            if (is_upper_word(cmd, ncmd, "SET") && eq) {
                set_option(c, rest, (size_t)(eq - rest), eq + 1, nrest - (size_t)(eq - rest) - 1);
            } else if (is_upper_word(cmd, ncmd, "SET") && is_upper_word(rest, nrest, "CODE ")) {
                set_option(c, "CODE", 4, rest + 5, nrest - 5);
            } else {
                set_option(c, cmd, ncmd, rest, nrest);
            }
            continue;
        }
        if (unchecked) { (*n_unchecked)++; continue; }
        (*n_checked)++;
        fm_vexpect k = FM_VX_EVENTS;
        if (len == 3 && !memcmp(s, "---", 3)) k = FM_VX_NONE;
        else if (len == 3 && !memcmp(s, "###", 3)) k = FM_VX_DISCARD;
        else if (len == 3 && !memcmp(s, "+++", 3)) k = FM_VX_COMPLEX;
        if (k != FM_VX_EVENTS) {
            if (r->expect == FM_VX_EVENTS && r->n_expected)
                say(c, FM_WARNING, line, "record %s: {%.*s} after events; events kept", r->id, (int)len, s);
            else r->expect = k;
            continue;
        }
        const char *s1 = memchr(s, '/', len);
        const char *s2 = s1 ? memchr(s1 + 1, '/', len - (size_t)(s1 + 1 - s)) : NULL;
        if (!s2) { say(c, FM_WARNING, line, "record %s: cannot read event {%.*s}", r->id, (int)len, s); continue; }
        const char *code = s2 + 1;
        size_t ncode = len - (size_t)(code - s);
        const char *cs = code; size_t cn = ncode;
        trim(&cs, &cn);
        if (cn == 3 && !memcmp(cs, "000", 3)) {   /* { --- / --- / 000 }: no event */
            if (!r->n_expected) r->expect = FM_VX_NONE;
            continue;
        }
        if (r->expect != FM_VX_EVENTS) {
            /* "{+++} then events" is the suite's way of saying what codes
             * with the complex filter off; factum has no such filter */
            if (r->expect != FM_VX_COMPLEX)
                say(c, FM_WARNING, line, "record %s: events after {---}/{###}; events kept", r->id);
            r->expect = FM_VX_EVENTS;
        }
        add_event(c, r, s, (size_t)(s1 - s), s1 + 1, (size_t)(s2 - s1 - 1), code, ncode);
    }
}

/* Reads records: header "YYMMDD ID", text up to "/ *", block up to "* /". A
 * record with only OPTION items is not a test; records after FINAL-01 need
 * other options files (the suite says so) and are skipped. */
static int read_tabari(reader_ctx *c, const char *data, size_t len)
{
    enum { OUT, TEXT, BLOCK } st = OUT;
    fm_buf text, block;
    fm_buf_init(&text);
    fm_buf_init(&block);
    fm_vrecord *r = NULL;
    size_t ri = 0;
    long line = 0, rline = 0;
    int after_final = 0;
    const char *p = data, *end = data + len;
    const char *date = NULL;
    size_t date_len = 0;

#define FINISH_RECORD()                                                                            \
    do {                                                                                           \
        if (r) {                                                                                   \
            int nc = 0, nu = 0, no = 0;                                                            \
            tabari_block(c, r, block.data ? block.data : "", block.len, rline, &nc, &nu, &no);     \
            const char *t = text.data ? text.data : "";                                            \
            size_t tn = text.len;                                                                  \
            trim(&t, &tn);                                                                         \
            char *rt = fm_arena_strndup(&c->s->arena, t, tn);                                      \
            /* TABARI reads a record's lines as one sentence: a line break is a blank */             \
            for (size_t q = 0; rt && q < tn; q++) if (rt[q] == '\n' || rt[q] == '\r') rt[q] = ' ';    \
            r->text = rt;                                                                          \
            r->text_len = tn;                                                                      \
            r->date = norm_date(c, date, date_len);                                                \
            if (!r->date) say(c, FM_WARNING, rline, "record %s: bad date '%.*s'", r->id, (int)date_len, date); \
            if (nc == 0 && nu == 0 && no > 0) {                                                    \
                c->s->records.n = ri; /* options only: not a test */                               \
            } else if (after_final) r->skip = "after FINAL-01: needs other options";               \
            else if (nc == 0 && nu) r->skip = "not checked (-{...})";                              \
            else if (nc == 0) r->skip = "no expected events";                                      \
            if (!after_final && !strncmp(r->id, "FINAL", 5)) after_final = 1;                     \
            r = NULL;                                                                              \
        }                                                                                          \
    } while (0)

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t n = (size_t)(e - p);
        if (n && p[n - 1] == '\r') n--;
        line++;
        const char *id;
        size_t id_len, dl;
        if (st != BLOCK && tabari_header(p, n, &id, &id_len, &dl)) {
            FINISH_RECORD();
            ri = c->s->records.n;
            r = new_record(c, id, id_len, line);
            if (!r) break;
            rline = line;
            date = p;
            date_len = dl;
            fm_buf_clear(&text);
            fm_buf_clear(&block);
            st = TEXT;
        } else if (st == TEXT) {
            const char *open = NULL;
            for (size_t i = 0; i + 1 < n; i++) if (p[i] == '/' && p[i + 1] == '*') { open = p + i; break; }
            if (open) {
                fm_buf_add(&text, p, (size_t)(open - p));
                const char *rest = open + 2;
                size_t rn = n - (size_t)(rest - p);
                const char *close = NULL;
                for (size_t i = 0; i + 1 < rn; i++) if (rest[i] == '*' && rest[i + 1] == '/') { close = rest + i; break; }
                fm_buf_add(&block, rest, close ? (size_t)(close - rest) : rn);
                st = close ? OUT : BLOCK;
            } else {
                fm_buf_add(&text, p, n);
                fm_buf_addc(&text, '\n');
            }
        } else if (st == BLOCK) {
            const char *close = NULL;
            for (size_t i = 0; i + 1 < n; i++) if (p[i] == '*' && p[i + 1] == '/') { close = p + i; break; }
            fm_buf_add(&block, p, close ? (size_t)(close - p) : n);
            fm_buf_addc(&block, '\n');
            if (close) st = OUT;
        } else if (r) {
            /* after the block, up to a blank line: event lines ("{ USAGOV / ARN / 064 }") that
             * a record's author wrote past its closing mark (AGENTS-11) still expect events */
            size_t k = 0;
            while (k < n && isspace((unsigned char)p[k])) k++;
            if (k == n) {
                FINISH_RECORD();
            } else if (memchr(p, '{', n) && memchr(p, '}', n) && memchr(p, '/', n)) {
                const char *close = NULL;
                for (size_t i = 0; i + 1 < n; i++) if (p[i] == '*' && p[i + 1] == '/') { close = p + i; break; }
                fm_buf_add(&block, p, close ? (size_t)(close - p) : n);
                fm_buf_addc(&block, '\n');
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (st == BLOCK && r) say(c, FM_WARNING, rline, "record %s: '/*' block not closed", r->id);
    FINISH_RECORD();
#undef FINISH_RECORD
    int failed = text.failed || block.failed;
    fm_buf_free(&text);
    fm_buf_free(&block);
    return failed ? -1 : 0;
}

/* ---- PETRARCH XML ---- */

/* Value of attribute name in the tag [s, e): 'x', "x", spaces around '=' all
 * allowed. Returns 1 and sets val/n. */
static int xml_attr(const char *s, const char *e, const char *name, const char **val, size_t *n)
{
    size_t nl = strlen(name);
    const char *p = s;
    while (p < e) {
        while (p < e && !isalpha((unsigned char)*p)) {
            if (*p == '"' || *p == '\'') {   /* skip a stray value */
                const char *q = memchr(p + 1, *p, (size_t)(e - p - 1));
                p = q ? q + 1 : e;
            } else p++;
        }
        const char *ns = p;
        while (p < e && (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == ':')) p++;
        size_t len = (size_t)(p - ns);
        while (p < e && isspace((unsigned char)*p)) p++;
        if (p >= e || *p != '=') continue;
        p++;
        while (p < e && isspace((unsigned char)*p)) p++;
        const char *vs, *ve;
        if (p < e && (*p == '"' || *p == '\'')) {
            vs = p + 1;
            ve = memchr(vs, *p, (size_t)(e - vs));
            if (!ve) ve = e;
            p = ve < e ? ve + 1 : e;
        } else {
            vs = p;
            while (p < e && !isspace((unsigned char)*p) && *p != '>' && *p != '/') p++;
            ve = p;
        }
        if (len == nl && !strncasecmp(ns, name, nl)) { *val = vs; *n = (size_t)(ve - vs); return 1; }
    }
    return 0;
}

/* Copies s[0,n) decoding the five XML entities and &#N; / &#xN; (ASCII only). */
static char *xml_text(fm_arena *a, const char *s, size_t n, size_t *out_len)
{
    char *d = fm_arena_alloc(a, n + 1);
    if (!d) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&') {
            static const struct { const char *e; char c; } ents[] = {
                { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' } };
            int done = 0;
            for (size_t j = 0; j < sizeof ents / sizeof ents[0] && !done; j++) {
                size_t el = strlen(ents[j].e);
                if (i + el <= n && !memcmp(s + i, ents[j].e, el)) { d[k++] = ents[j].c; i += el - 1; done = 1; }
            }
            if (!done && i + 3 < n && s[i + 1] == '#') {
                char *endp;
                int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
                long v = strtol(s + i + 2 + hex, &endp, hex ? 16 : 10);
                if (*endp == ';' && v > 0 && v < 128 && endp < s + n) {
                    d[k++] = (char)v;
                    i = (size_t)(endp - s);
                    done = 1;
                }
            }
            if (done) continue;
        }
        d[k++] = s[i];
    }
    d[k] = 0;
    *out_len = k;
    return d;
}

/* Inner text of <tag>...</tag> within [s, e), or 0. */
static int xml_inner(const char *s, const char *e, const char *tag, const char **val, size_t *n)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = memmem(s, (size_t)(e - s), open, strlen(open));
    if (!a) return 0;
    a += strlen(open);
    const char *b = memmem(a, (size_t)(e - a), close, strlen(close));
    if (!b) return 0;
    *val = a;
    *n = (size_t)(b - a);
    trim(val, n);
    return 1;
}

static long line_at(const char *data, const char *p, const char **mark, long *mark_line)
{
    /* counts newlines incrementally from the last position asked about */
    for (const char *q = *mark; q < p; q++) if (*q == '\n') (*mark_line)++;
    *mark = p;
    (void)data;
    return *mark_line;
}

static int tag_is(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);
    return (size_t)(end - p) > n + 1 && p[0] == '<' && !strncmp(p + 1, name, n) &&
           (isspace((unsigned char)p[n + 1]) || p[n + 1] == '>' || p[n + 1] == '/');
}

static void petrarch_sentence(reader_ctx *c, const char *tag_s, const char *tag_e, const char *body,
                              const char *body_e, long line, const char *include)
{
    const char *v;
    size_t n;
    const char *id = "?";
    size_t idn = 1;
    if (xml_attr(tag_s, tag_e, "id", &v, &n)) { id = v; idn = n; }
    else say(c, FM_WARNING, line, "<Sentence> without id");
    size_t ri = c->s->records.n;
    fm_vrecord *r = new_record(c, id, idn, line);
    if (!r) return;
    if (xml_attr(tag_s, tag_e, "date", &v, &n)) {
        r->date = norm_date(c, v, n);
        if (!r->date) say(c, FM_WARNING, line, "sentence %s: bad date '%.*s'", r->id, (int)n, v);
    }
    if (include && xml_attr(tag_s, tag_e, "category", &v, &n)) {
        /* PETRARCH codes only the categories its <Include> lists */
        int found = 0;
        const char *p = include;
        while (*p && !found) {
            while (*p == ' ') p++;
            size_t k = 0;
            while (p[k] && p[k] != ' ') k++;
            if (k == n && !strncmp(p, v, n)) found = 1;
            p += k;
        }
        if (!found) r->skip = fm_arena_printf(&c->s->arena, "category %.*s not in <Include>", (int)n, v);
    }
    int have_text = 0, checked = 0;
    const char *p = body;
    while (p < body_e) {
        const char *lt = memchr(p, '<', (size_t)(body_e - p));
        if (!lt) break;
        if (!strncmp(lt, "<!--", 4)) {
            const char *q = memmem(lt, (size_t)(body_e - lt), "-->", 3);
            p = q ? q + 3 : body_e;
            continue;
        }
        const char *gt = memchr(lt, '>', (size_t)(body_e - lt));
        if (!gt) break;
        if (tag_is(lt, body_e, "Text")) {
            const char *ce = memmem(gt + 1, (size_t)(body_e - gt - 1), "</Text>", 7);
            if (!ce) { say(c, FM_WARNING, line, "sentence %s: <Text> not closed", r->id); break; }
            const char *t = gt + 1;
            size_t tn = (size_t)(ce - t);
            trim(&t, &tn);
            r->text = xml_text(&c->s->arena, t, tn, &r->text_len);
            have_text = 1;
            p = ce + 7;
        } else if (tag_is(lt, body_e, "Parse")) {
            /* the parse trees are ignored: factum codes from the text alone */
            const char *ce = memmem(gt + 1, (size_t)(body_e - gt - 1), "</Parse>", 8);
            p = ce ? ce + 8 : body_e;
        } else if (tag_is(lt, body_e, "EventCoding")) {
            checked++;
            const char *src, *tgt, *code;
            size_t ns, nt, nc;
            if (xml_attr(lt, gt, "noevents", &v, &n)) {
                if (n == 4 && !strncasecmp(v, "true", 4)) r->expect = FM_VX_NONE;
            } else if (xml_attr(lt, gt, "error", &v, &n)) {
                if (n == 15 && !strncmp(v, "bad_input_parse", 15))
                    r->skip = "error=bad_input_parse is about the <Parse> tree, which factum does not read";
                else if (strstr(fm_arena_strndup(&c->s->arena, v, n), "discard"))
                    r->expect = FM_VX_DISCARD;
                else r->expect = FM_VX_ERROR;
            } else if (xml_attr(lt, gt, "eventcode", &code, &nc)) {
                if (!xml_attr(lt, gt, "sourcecode", &src, &ns)) { src = ""; ns = 0; }
                if (!xml_attr(lt, gt, "targetcode", &tgt, &nt)) { tgt = ""; nt = 0; }
                add_event(c, r, src, ns, tgt, nt, code, nc);
            } else {
                say(c, FM_WARNING, line, "sentence %s: <EventCoding> without eventcode", r->id);
                checked--;
            }
            p = gt + 1;
        } else p = gt + 1;
    }
    r = &c->s->records.a[ri];
    if (!have_text) { r->text = ""; if (!r->skip) r->skip = "no <Text>"; }
    /* PETRARCH's harness reads no <EventCoding> as "no events" (PATTERN-06) */
    if (!checked) r->expect = FM_VX_NONE;
    if (r->n_expected && r->expect != FM_VX_EVENTS) {
        say(c, FM_WARNING, line, "sentence %s: both events and noevents/error; events kept", r->id);
        r->expect = FM_VX_EVENTS;
    }
}

static int read_petrarch(reader_ctx *c, const char *data, size_t len)
{
    static const char *const dict_dirs[] = { "", "../dictionaries/", "dictionaries/", "../", NULL };
    const char *end = data + len, *p = data;
    const char *mark = data;
    long mark_line = 1;
    char *include = NULL;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) break;
        if (!strncmp(lt, "<!--", 4)) {
            const char *q = memmem(lt, (size_t)(end - lt), "-->", 3);
            p = q ? q + 3 : end;
            continue;
        }
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (!gt) break;
        long line = line_at(data, lt, &mark, &mark_line);
        if (tag_is(lt, end, "Environment")) {
            const char *ee = memmem(gt, (size_t)(end - gt), "</Environment>", 14);
            if (!ee) ee = end;
            static const char *const tags[] = { "Verbfile", "Actorfile", "Agentfile", "Discardfile", "Issuefile", NULL };
            for (int i = 0; tags[i]; i++) {
                const char *v;
                size_t n;
                if (xml_inner(gt, ee, tags[i], &v, &n)) add_dict(c, v, n, line, dict_dirs);
            }
            const char *v;
            size_t n;
            if (xml_inner(gt, ee, "Include", &v, &n)) include = fm_arena_strndup(&c->s->arena, v, n);
            /* <Config> inside the environment sets the starting options */
            const char *q = gt;
            while ((q = memmem(q, (size_t)(ee - q), "<Config", 7))) {
                const char *qe = memchr(q, '>', (size_t)(ee - q));
                if (!qe) break;
                const char *o, *ov;
                size_t on, ovn;
                if (xml_attr(q, qe, "option", &o, &on) && xml_attr(q, qe, "value", &ov, &ovn)) set_option(c, o, on, ov, ovn);
                q = qe;
            }
            p = ee;
        } else if (tag_is(lt, end, "Config")) {
            const char *o, *ov;
            size_t on, ovn;
            if (xml_attr(lt, gt, "option", &o, &on) && xml_attr(lt, gt, "value", &ov, &ovn)) set_option(c, o, on, ov, ovn);
            else say(c, FM_WARNING, line, "<Config> without option/value");
            p = gt + 1;
        } else if (tag_is(lt, end, "Sentence")) {
            const char *se = memmem(gt, (size_t)(end - gt), "</Sentence>", 11);
            if (!se) { say(c, FM_WARNING, line, "<Sentence> not closed"); se = end; }
            petrarch_sentence(c, lt, gt, gt + 1, se, line, include);
            p = se < end ? se + 11 : end;
        } else p = gt + 1;
    }
    return 0;
}

/* ---- factum case files ---- */

static int read_cases(reader_ctx *c, const char *data, size_t len)
{
    static const char *const rel[] = { "", NULL };
    const char *p = data, *end = data + len;
    long line = 0;
    fm_vrecord *r = NULL;
    size_t ri = 0;
    int n_expect = 0;
    fm_buf text;
    fm_buf_init(&text);
#define CASE_END()                                                                                 \
    do {                                                                                           \
        if (r) {                                                                                   \
            r = &c->s->records.a[ri];                                                              \
            const char *t = text.data ? text.data : "";                                            \
            size_t tn = text.len;                                                                  \
            trim(&t, &tn);                                                                         \
            r->text = fm_arena_strndup(&c->s->arena, t, tn);                                       \
            r->text_len = tn;                                                                      \
            if (!tn) r->skip = "no text";                                                          \
            if (!n_expect) { say(c, FM_WARNING, line, "case %s: no '>' line", r->id); r->skip = "no expected events"; } \
            r = NULL;                                                                              \
        }                                                                                          \
    } while (0)
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *s = p;
        size_t n = (size_t)(e - p);
        line++;
        p = nl ? nl + 1 : end;
        trim(&s, &n);
        if (n && s[0] == '#') continue;
        if (!n) { CASE_END(); continue; }
        if (!r) {
            if (n > 5 && !strncmp(s, "dict:", 5)) {
                if (c->s->records.n) say(c, FM_WARNING, line, "dict: after the first case is ignored");
                else add_dict(c, s + 5, n - 5, line, rel);
                continue;
            }
            size_t k = 0;
            while (k < n && !isspace((unsigned char)s[k])) k++;
            const char *date = norm_date(c, s, k);
            const char *id = s + k;
            size_t idn = n - k;
            trim(&id, &idn);
            if (!date || !idn) { say(c, FM_WARNING, line, "expected a case header 'YYYY-MM-DD ID'"); continue; }
            ri = c->s->records.n;
            r = new_record(c, id, idn, line);
            if (!r) break;
            r->date = date;
            fm_buf_clear(&text);
            n_expect = 0;
            continue;
        }
        r = &c->s->records.a[ri];
        if (s[0] == '>') {
            s++; n--;
            trim(&s, &n);
            n_expect++;
            if (n == 4 && !strncasecmp(s, "none", 4)) { r->expect = FM_VX_NONE; continue; }
            const char *f[3];
            size_t fl[3];
            int nf = 0;
            size_t i = 0;
            while (i < n && nf < 4) {
                while (i < n && isspace((unsigned char)s[i])) i++;
                if (i == n) break;
                size_t st = i;
                while (i < n && !isspace((unsigned char)s[i])) i++;
                if (nf < 3) { f[nf] = s + st; fl[nf] = i - st; }
                nf++;
            }
            if (nf != 3) { say(c, FM_WARNING, line, "case %s: want '> SRC TGT CODE'", r->id); n_expect--; continue; }
            add_event(c, r, f[0], fl[0], f[1], fl[1], f[2], fl[2]);
        } else {
            if (n_expect) say(c, FM_WARNING, line, "case %s: text after '>' lines", r->id);
            if (text.len) fm_buf_addc(&text, ' ');
            fm_buf_add(&text, s, n);
        }
    }
    CASE_END();
#undef CASE_END
    int failed = text.failed;
    fm_buf_free(&text);
    return failed ? -1 : 0;
}

/* ---- reading a suite ---- */

static fm_validate_format sniff(const char *path, const char *data)
{
    size_t pl = strlen(path);
    if (pl >= 4 && !strcmp(path + pl - 4, ".xml")) return FM_VALIDATE_PETRARCH;
    if (strstr(data, "<Sentence") && strstr(data, "<EventCoding")) return FM_VALIDATE_PETRARCH;
    if (pl >= 8 && !strcmp(path + pl - 8, ".project")) return FM_VALIDATE_TABARI;
    if (strstr(data, "<textfile>")) return FM_VALIDATE_TABARI;
    if (strstr(data, "\n/*") || strstr(data, "\\n{")) return FM_VALIDATE_TABARI;
    return FM_VALIDATE_CASES;
}

fm_vsuite *fm_vsuite_read(const char *path, fm_validate_format format, fm_diag_fn diag, void *user)
{
    size_t len;
    char *data = read_all(path, &len, diag, user);
    if (!data) return NULL;
    fm_vsuite *s = calloc(1, sizeof *s);
    reader_ctx c;
    memset(&c, 0, sizeof c);
    if (!s) { free(data); if (diag) diag(user, FM_ERROR, path, "out of memory"); return NULL; }
    fm_arena_init(&s->arena, 1 << 16);
    s->path = fm_arena_strdup(&s->arena, path);
    c.s = s;
    c.diag = diag;
    c.user = user;
    c.file = s->path;
    dir_of(path, c.dir, sizeof c.dir);
    fm_buf_init(&c.options);
    fm_buf_init(&c.unsupported);
    s->format = format ? format : sniff(path, data);
    /* TABARI codes only dyads (no DEFAULT actors in this harness); PETRARCH's
     * require_dyad starts true; factum's own cases see every event */
    c.require_dyad = s->format != FM_VALIDATE_CASES;
    int rc = 0;
    if (s->format == FM_VALIDATE_TABARI && strstr(data, "<textfile>")) {
        /* a .project: its dictionaries, then its text file */
        const char *v;
        size_t n;
        project_dicts(&c, data);
        if (!project_value(data, "<textfile>", &v, &n)) rc = -1;
        else {
            char tp[8400];
            snprintf(tp, sizeof tp, "%s/%.*s", c.dir, (int)n, v);
            free(data);
            data = read_all(tp, &len, diag, user);
            if (!data) rc = -1;
            else c.file = s->path = fm_arena_strdup(&s->arena, tp);
        }
        if (!rc) rc = read_tabari(&c, data, len);
    } else if (s->format == FM_VALIDATE_TABARI) {
        find_project(&c, path);
        rc = read_tabari(&c, data, len);
    } else if (s->format == FM_VALIDATE_PETRARCH) {
        rc = read_petrarch(&c, data, len);
    } else {
        rc = read_cases(&c, data, len);
    }
    free(data);
    if (c.unsupported.len) s->unsupported = fm_arena_strdup(&s->arena, fm_buf_cstr(&c.unsupported));
    fm_buf_free(&c.options);
    fm_buf_free(&c.unsupported);
    for (size_t i = 0; i < s->records.n; i++) {
        fm_vrecord *r = &s->records.a[i];
        r->expected = r->n_expected ? &s->events.a[r->first_expected] : NULL;
        if (!r->text) r->text = "";
    }
    if (rc || s->arena.failed) {
        if (diag) diag(user, FM_ERROR, path, rc ? "cannot read the suite" : "out of memory");
        fm_vsuite_free(s);
        return NULL;
    }
    return s;
}

void fm_vsuite_free(fm_vsuite *s)
{
    if (!s) return;
    fm_vrecord_vec_free(&s->records);
    fm_vevent_vec_free(&s->events);
    fm_arena_free(&s->arena);
    free(s);
}

/* ---- comparing and reporting ---- */

static int same(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

/* An expected actor code against a produced one. PETRARCH writes "---" for
 * a missing actor and "---GOV" for an agent without a country, which factum
 * writes as no code and "GOV". */
static int same_actor(const char *expected, const char *produced)
{
    if (expected && !strncmp(expected, "---", 3)) {
        if (!expected[3]) return !produced || !produced[0];
        return produced && !strcmp(expected + 3, produced);
    }
    return same(expected, produced);
}

static const char *ev_target(const fm_event *e) { return e->has_target ? e->target.code : NULL; }

/* 1 if the event takes part in the comparison of record r */
static int counts(const fm_vrecord *r, const fm_event *e)
{
    return !r->require_dyad || (e->source.code && e->source.code[0] && ev_target(e) && ev_target(e)[0]);
}

int fm_validate_match(const fm_vrecord *r, const fm_event *ev, size_t n)
{
    size_t n_counted = 0;
    for (size_t i = 0; i < n; i++) n_counted += (size_t)counts(r, &ev[i]);
    if (r->expect != FM_VX_EVENTS || r->n_expected == 0) return n_counted == 0;
    for (size_t i = 0; i < n; i++) {
        if (!counts(r, &ev[i])) continue;
        int found = 0;
        for (size_t j = 0; j < r->n_expected && !found; j++) {
            const fm_vevent *x = &r->expected[j];
            found = same_actor(x->source, ev[i].source.code) && same_actor(x->target, ev_target(&ev[i])) && same(x->code, ev[i].code);
        }
        if (!found) return 0;
    }
    for (size_t j = 0; j < r->n_expected; j++) {
        const fm_vevent *x = &r->expected[j];
        int found = 0;
        for (size_t i = 0; i < n && !found; i++)
            found = counts(r, &ev[i]) && same_actor(x->source, ev[i].source.code) && same_actor(x->target, ev_target(&ev[i])) &&
                    same(x->code, ev[i].code);
        if (!found) return 0;
    }
    return 1;
}

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

static void print_failure(FILE *out, const fm_vrecord *r, const fm_event *ev, size_t n)
{
    static const char *const kinds[] = { "", "{---}", "{###}", "{+++}", "{error}" };
    fprintf(out, "FAIL %s: expected", r->id);
    if (r->expect != FM_VX_EVENTS || !r->n_expected) fprintf(out, " %s", r->expect ? kinds[r->expect] : "{---}");
    else
        for (size_t j = 0; j < r->n_expected; j++)
            fprintf(out, " {%s %s %s}", or_dash(r->expected[j].source), or_dash(r->expected[j].target), r->expected[j].code);
    fprintf(out, " produced");
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: the events compared; pass 1: those dropped for want of a dyad */
        int shown = 0;
        for (size_t i = 0; i < n; i++) {
            if (counts(r, &ev[i]) != !pass) continue;
            int dup = 0;
            for (size_t k = 0; k < i && !dup; k++)
                dup = counts(r, &ev[k]) == !pass && same(ev[k].source.code, ev[i].source.code) &&
                      same(ev_target(&ev[k]), ev_target(&ev[i])) && !strcmp(ev[k].code, ev[i].code);
            if (dup) continue;
            if (pass && !shown) fprintf(out, " (not a dyad, dropped:");
            fprintf(out, " {%s %s %s}", or_dash(ev[i].source.code), or_dash(ev_target(&ev[i])), ev[i].code);
            shown++;
        }
        if (!pass && !shown) fprintf(out, " {---}");
        if (pass && shown) fputc(')', out);
    }
    fprintf(out, "\n    %s: ", r->where);
    /* the text on one line, cut at 160 bytes (at a UTF-8 boundary) */
    size_t k = 0, lim = 160;
    for (; k < r->text_len && k < lim; k++) fputc(isspace((unsigned char)r->text[k]) ? ' ' : r->text[k], out);
    while (k < r->text_len && ((unsigned char)r->text[k] & 0xC0) == 0x80) fputc(r->text[k++], out);
    if (k < r->text_len) fputs(" ...", out);
    if (r->options) fprintf(out, "\n    options: %s", r->options);
    /* which dictionary rule gave each event: where a fix starts */
    for (size_t i = 0; i < n; i++)
        fprintf(out, "\n    rule: {%s %s %s} %s", or_dash(ev[i].source.code), or_dash(ev_target(&ev[i])), ev[i].code,
                ev[i].rule ? ev[i].rule : "");
    fputc('\n', out);
}

/* The value of key in a record's options ("k=v; k=v"), or NULL. */
static const char *option_value(const char *opts, const char *key, size_t *len)
{
    size_t kl = strlen(key);
    for (const char *p = opts; p && *p;) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > kl && !strncasecmp(p, key, kl) && p[kl] == '=') { *len = n - kl - 1; return p + kl + 1; }
        p = e ? e + 2 : p + n;
    }
    return NULL;
}

/* "NAME = 4" inside a COMMA value: the number after NAME (a whole word), or dflt. */
static int option_number(const char *v, size_t n, const char *name, int dflt)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl <= n; i++) {
        if (strncasecmp(v + i, name, nl) || (i && isalpha((unsigned char)v[i - 1])) ||
            (i + nl < n && isalpha((unsigned char)v[i + nl])))
            continue;
        size_t k = i + nl;
        while (k < n && (v[k] == ' ' || v[k] == '=' || v[k] == '[')) k++;   /* "MIN = 4", "VERBS[5]" */
        if (k < n && isdigit((unsigned char)v[k])) return atoi(v + k);
    }
    return dflt;
}

/* The "[CODE]" after word in a DEFAULT value ("SOURCE [DEFSRC] PRIOR TARGET
 * [DEFTAR] AFTER"); *flag is set when flag_word follows the code. */
static const char *default_code(fm_arena *a, const char *v, size_t n, const char *word, const char *flag_word,
                                int *flag)
{
    const char *end = v + n;
    const char *p = memmem(v, n, word, strlen(word));
    if (!p) return NULL;
    const char *b = memchr(p, '[', (size_t)(end - p)), *e = b ? memchr(b, ']', (size_t)(end - b)) : NULL;
    if (!b || !e) return NULL;
    const char *q = e + 1;
    while (q < end && (*q == ' ' || *q == ':')) q++;
    *flag = (size_t)(end - q) >= strlen(flag_word) && !strncasecmp(q, flag_word, strlen(flag_word));
    return fm_arena_strndup(a, b + 1, (size_t)(e - b - 1));
}

/* The coder options of one record: the run's own, then the suite's switches
 * in effect for it (CODE BY, MINIMUM WORDS, CONVERT AGENTS, DEFAULT, COMMA). */
static void record_options(fm_vsuite *s, const fm_vrecord *r, const fm_options *base, fm_options *o)
{
    if (base) *o = *base;
    else memset(o, 0, sizeof *o);
    if (s->format != FM_VALIDATE_TABARI) return;
    o->minimum_words = 8;                  /* TABARI's default */
    const char *opts = r->options, *v;
    size_t n;
    if ((v = option_value(opts, "CODE", &n))) {
        if (n >= 3 && !strncasecmp(v, "ALL", 3)) o->code_by = FM_CODE_ALL;
        else if (memmem(v, n, "SENTENCE", 8)) o->code_by = FM_CODE_BY_SENTENCE;
        else o->code_by = FM_CODE_BY_CLAUSE;
    }
    if ((v = option_value(opts, "MINIMUM_WORDS", &n))) o->minimum_words = atoi(v);
    if ((v = option_value(opts, "CONVERT_AGENT", &n)) || (v = option_value(opts, "CONVERT_AGENTS", &n)))
        o->convert_agents = n && toupper((unsigned char)v[0]) == 'T';
    if ((v = option_value(opts, "DEFAULT", &n))) {
        o->default_source = default_code(&s->arena, v, n, "SOURCE", "PRIOR", &o->default_source_prior);
        o->default_target = default_code(&s->arena, v, n, "TARGET", "AFTER", &o->default_target_after);
    }
    if ((v = option_value(opts, "COMPLEX", &n))) {
        o->complex_verbs = option_number(v, n, "VERBS", 0);
        o->complex_conj = option_number(v, n, "CONJ", 0);
        o->complex_actors = option_number(v, n, "ACTORS", 0);
        o->complex_noactprior = memmem(v, n, "NOACTPRIOR", 10) != NULL;
    }
    if ((v = option_value(opts, "COMMA", &n)) && n >= 3 && !strncasecmp(v, "OFF", 3)) {
        o->comma_off = 1;
    } else if (v) {
        o->comma_set = 1;
        o->comma_min = option_number(v, n, "MIN", 2);
        o->comma_max = option_number(v, n, "MAX", 10);
        o->comma_emin = option_number(v, n, "EMIN", 2);
        o->comma_emax = option_number(v, n, "EMAX", 10);
        o->comma_bmin = option_number(v, n, "BMIN", 128);
        o->comma_bmax = option_number(v, n, "BMAX", 0);
    }
}

/* TABARI's FORWARD format ("^^*****NNN*SSS": '^' leading blanks, '*' any
 * character, N the story's number, S the sentence's) applied to a record id:
 * 1 with *story and *sentence, 0 when the format is off or does not fit. */
static int forward_serial(const char *opts, const char *id, long *story, long *sentence)
{
    size_t n;
    const char *v = option_value(opts, "FORWARD", &n);
    if (!v || memmem(v, n, "OFF", 3)) return 0;
    while (n && *v == '^') { v++; n--; }   /* the record id is read without its leading blanks */
    *story = *sentence = 0;
    int have_n = 0, have_s = 0;
    size_t i = 0;
    for (; i < n && v[i] != ' ' && id[i]; i++) {
        if (v[i] != 'N' && v[i] != 'S') continue;
        if (!isdigit((unsigned char)id[i])) return 0;
        if (v[i] == 'N') { *story = *story * 10 + (id[i] - '0'); have_n = 1; }
        else { *sentence = *sentence * 10 + (id[i] - '0'); have_s = 1; }
    }
    return have_n && have_s && (i == n || v[i] == ' ');
}

static fm_lexicon *build_lexicon(const fm_vsuite *s, const fm_validate_options *opt, fm_diag_fn diag, void *user)
{
    fm_lexicon *lx = fm_lexicon_new(diag, user);
    if (!lx) return NULL;
    if (opt && opt->n_dicts) {
        for (int i = 0; i < opt->n_dicts; i++) fm_lexicon_load_path(lx, opt->dicts[i]);
    } else if (s->n_dicts) {
        for (int i = 0; i < s->n_dicts; i++) fm_lexicon_load_path(lx, s->dicts[i]);
    } else if (s->format == FM_VALIDATE_CASES) {
        fm_lexicon_load_default(lx);
    } else {
        if (diag) diag(user, FM_ERROR, s->path, "the suite names no dictionaries that could be found (use --dict)");
        fm_lexicon_free(lx);
        return NULL;
    }
    if (fm_lexicon_finish(lx)) { fm_lexicon_free(lx); return NULL; }
    return lx;
}

int fm_validate_file(const char *path, const fm_validate_options *opt, FILE *report,
                     fm_diag_fn diag, void *user, fm_validate_result *out)
{
    fm_validate_options none;
    memset(&none, 0, sizeof none);
    if (!opt) opt = &none;
    fm_vsuite *s = fm_vsuite_read(path, opt->format, diag, user);
    if (!s) return -1;
    fm_lexicon *lx = build_lexicon(s, opt, diag, user);
    fm_coder *coder = lx ? fm_coder_new(lx, opt->coder, diag, user) : NULL;
    if (!coder) {
        if (lx && diag) diag(user, FM_ERROR, path, "cannot make a coder");
        fm_lexicon_free(lx);
        fm_vsuite_free(s);
        return -1;
    }
    if (s->unsupported && diag) {
        char msg[1024];
        snprintf(msg, sizeof msg, "options the coder has no switch for (records run with its defaults): %s", s->unsupported);
        diag(user, FM_WARNING, s->path, msg);
    }
    fm_validate_result here = {0, 0, 0};
    const char *last_options = NULL;
    int options_set = 0, have_serial = 0, last_forward = 0;
    long last_story = 0, last_sentence = 0;
    for (size_t i = 0; i < s->records.n; i++) {
        const fm_vrecord *r = &s->records.a[i];
        if (opt->only && fnmatch(opt->only, r->id, 0) != 0) continue;
        if (r->skip && !(opt->all && !strncmp(r->skip, "after FINAL", 11))) {
            here.skipped++;
            if (opt->verbose) fprintf(report, "SKIP %s: %s\n", r->id, r->skip);
            continue;
        }
        fm_doc doc;
        memset(&doc, 0, sizeof doc);
        doc.id = r->id;
        doc.date = r->date;
        doc.text = r->text;
        doc.len = r->text_len;
        doc.where = r->where;
        /* FORWARD: the next sentence of the same story continues the record before it */
        long story, sentence;
        int serial = s->format == FM_VALIDATE_TABARI && forward_serial(r->options, r->id, &story, &sentence);
        int forward = serial && have_serial && story == last_story && sentence == last_sentence + 1;
        have_serial = serial;
        if (serial) { last_story = story; last_sentence = sentence; }
        if (!options_set || forward != last_forward || !r->options != !last_options ||
            (r->options && strcmp(r->options, last_options))) {
            fm_options o;
            record_options(s, r, opt->coder, &o);
            o.forward = forward;
            fm_coder_set_options(coder, &o);
            last_options = r->options;
            last_forward = forward;
            options_set = 1;
        }
        const fm_event *ev = NULL;
        size_t n = 0;
        if (fm_coder_code(coder, &doc, &ev, &n)) n = 0;
        if (fm_validate_match(r, ev, n)) {
            here.passed++;
            if (opt->verbose) fprintf(report, "ok %s\n", r->id);
        } else {
            here.failed++;
            print_failure(report, r, ev, n);
        }
    }
    int run = here.passed + here.failed;
    fprintf(report, "%s: %d passed, %d failed, %d skipped (%.1f%%)\n", s->path, here.passed, here.failed,
            here.skipped, run ? 100.0 * here.passed / run : 0.0);
    if (out) { out->passed += here.passed; out->failed += here.failed; out->skipped += here.skipped; }
    fm_coder_free(coder);
    fm_lexicon_free(lx);
    fm_vsuite_free(s);
    return 0;
}

void fm_validate_print_total(FILE *report, const fm_validate_result *r)
{
    if (r->skipped) fprintf(report, "%d passed, %d failed (%d skipped)\n", r->passed, r->failed, r->skipped);
    else fprintf(report, "%d passed, %d failed\n", r->passed, r->failed);
}
