/* reader.c — input readers (see reader.h): byte input through zlib (gzip or
 * plain, by magic number), format sniffing, and one parser per format. Holds at
 * most one record in memory; a bad record is reported and skipped, never fatal. */
#define _GNU_SOURCE
#include "reader.h"
#include "arena.h"
#include "buf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zlib.h>

#define CHUNK (64 * 1024)
#define DEFAULT_MAX_RECORD ((size_t)16 << 20)
#define MAX_TAG 65536      /* an XML start tag longer than this is not a PETRARCH tag */

struct fm_reader {
    gzFile gz;
    char *name;              /* path as given, or "stdin" */
    char *base;              /* text-mode document id */
    char *default_date;      /* validated --date, or NULL */
    fm_format format;        /* resolved: never AUTO after the first fm_reader_next */
    size_t max_record;
    fm_diag_fn diag;
    void *user;

    unsigned char *chunk;
    size_t chunk_len, chunk_pos;
    int eof;
    unsigned long line;      /* line number of the next unread byte (1-based) */

    int primed, done;
    size_t skipped;
    fm_buf rec, aux;         /* the current record, and scratch (tags, decoded text) */
    fm_arena arena;          /* strings of the current record */
    json_t *json;            /* the current JSON record (doc->text points into it) */
    int tabari_junk;         /* inside a run of TABARI lines outside any record */
};

/* ---- messages ---------------------------------------------------------- */

static void say(fm_reader *r, fm_diag_level lv, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void say(fm_reader *r, fm_diag_level lv, const char *where, const char *fmt, ...)
{
    if (!r->diag) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->diag(r->user, lv, where, msg);
}

/* A message about a record starting (or going wrong) at line: counts a skip. */
static void skip_at(fm_reader *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void skip_at(fm_reader *r, unsigned long line, const char *fmt, ...)
{
    r->skipped++;
    if (!r->diag) return;
    char where[512], msg[512];
    if (line) snprintf(where, sizeof where, "%s:%lu", r->name, line);
    else snprintf(where, sizeof where, "%s", r->name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->diag(r->user, FM_ERROR, where, msg);
}

/* Record ids in messages: short, printable, so a hostile id cannot garble a log line. */
static const char *show_id(const char *id, size_t n, char out[72])
{
    if (!id) return "?";
    size_t k = 0;
    for (size_t i = 0; i < n && k < 64; i++)
        out[k++] = ((unsigned char)id[i] < 0x20 || id[i] == 0x7f) ? '?' : id[i];
    if (n > 64) { memcpy(out + k, "...", 3); k += 3; }
    out[k] = 0;
    return out;
}

/* ---- byte input -------------------------------------------------------- */

/* Appends the next block to the chunk (moving unread bytes to the front);
 * returns 0 at end of input. A read error is reported once and ends input. */
static int refill(fm_reader *r)
{
    if (r->eof) return 0;
    if (r->chunk_pos > 0) {
        memmove(r->chunk, r->chunk + r->chunk_pos, r->chunk_len - r->chunk_pos);
        r->chunk_len -= r->chunk_pos;
        r->chunk_pos = 0;
    }
    if (r->chunk_len == CHUNK) return 1;
    int n = gzread(r->gz, r->chunk + r->chunk_len, (unsigned)(CHUNK - r->chunk_len));
    if (n <= 0) {
        int err = 0;
        const char *what = gzerror(r->gz, &err);
        if (n < 0 || (err != Z_OK && err != Z_STREAM_END))
            say(r, FM_ERROR, r->name, "read error: %s", what && *what ? what : "unknown");
        r->eof = 1;
        return 0;
    }
    r->chunk_len += (size_t)n;
    return 1;
}

static inline int next_byte(fm_reader *r)
{
    if (r->chunk_pos == r->chunk_len) {
        r->chunk_pos = r->chunk_len = 0;
        if (!refill(r)) return -1;
    }
    int c = r->chunk[r->chunk_pos++];
    if (c == '\n') r->line++;
    return c;
}

/* One line into out (without '\n' or a trailing '\r'). A line longer than
 * max_record is not kept: *overlong is set and the rest of it is discarded
 * as it streams past. Returns 0 at end of input. */
static int read_line(fm_reader *r, fm_buf *out, int *overlong)
{
    fm_buf_clear(out);
    *overlong = 0;
    int any = 0;
    for (;;) {
        if (r->chunk_pos == r->chunk_len) {
            r->chunk_pos = r->chunk_len = 0;
            if (!refill(r)) break;
        }
        const unsigned char *s = r->chunk + r->chunk_pos;
        size_t avail = r->chunk_len - r->chunk_pos;
        const unsigned char *nl = memchr(s, '\n', avail);
        size_t n = nl ? (size_t)(nl - s) : avail;
        any = 1;
        if (!*overlong) {
            if (out->len + n > r->max_record) *overlong = 1;
            else fm_buf_add(out, s, n);
        }
        r->chunk_pos += n;
        if (nl) {
            r->chunk_pos++;
            r->line++;
            break;
        }
    }
    if (*overlong) fm_buf_clear(out);
    if (out->len && out->data[out->len - 1] == '\r') out->data[--out->len] = 0;
    if (out->data) out->data[out->len] = 0;
    return any;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return 0;
    return 1;
}

/* ---- checks and dates -------------------------------------------------- */

/* 1 if s[0,n) is UTF-8 without NUL bytes; else *bad = offset of the first bad byte. */
/* SWAR tests on 8 bytes at once (news text is mostly ASCII): a byte of x that
 * is zero, or equal to the byte b. */
#define FM_ONES 0x0101010101010101ull
#define FM_HIGHS 0x8080808080808080ull
static inline uint64_t zero_byte(uint64_t x) { return (x - FM_ONES) & ~x & FM_HIGHS; }
static inline uint64_t byte_is(uint64_t x, unsigned char b) { return zero_byte(x ^ (FM_ONES * b)); }

/* The length of the run of ASCII bytes other than NUL at s[0, n), which need
 * no decoding: as plain_run below, sixteen or eight bytes at a time. */
static size_t ascii_run(const char *s, size_t n)
{
    size_t k = 0;
#ifdef __SSE2__
    for (; k + 16 <= n; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, _mm_setzero_si128())));
        if (m) return k + (size_t)__builtin_ctz(m);
    }
#endif
    for (uint64_t x; k + 8 <= n; k += 8) {
        memcpy(&x, s + k, 8);
        if ((x & FM_HIGHS) || zero_byte(x)) break;
    }
    while (k < n && (unsigned char)s[k] - 1u < 0x7Fu) k++;
    return k;
}

static int utf8_clean(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        i += ascii_run(s + i, n - i);
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];   /* NUL or the lead byte of a sequence */
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = c ? utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp) : -1;
        if (k <= 0) { *bad = i; return 0; }
        i += (size_t)k;
    }
    return 1;
}

/* Reports the bad byte of a record whose text s starts at line first. */
static void skip_bad_utf8(fm_reader *r, unsigned long first, const char *s, size_t bad,
                          const char *id, size_t id_len)
{
    unsigned long line = first;
    size_t col = 0;
    for (size_t i = 0; i < bad; i++) {
        if (s[i] == '\n') { line++; col = 0; }
        else col++;
    }
    char idb[72];
    skip_at(r, line, "%s at byte %zu (record id %s) — skipped",
            s[bad] ? "invalid UTF-8" : "invalid UTF-8 (NUL byte)", col + 1, show_id(id, id_len, idb));
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int valid_ymd(int y, int m, int d)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
    return d <= days[m - 1] + (m == 2 && leap(y));
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int put_ymd(int y, int m, int d, char out[11])
{
    if (!valid_ymd(y, m, d)) return 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = out[7] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
    return 1;
}

/* "YYYY-MM-DD", optionally followed by a time ("T10:00:00Z" or " 10:00"). */
static int parse_iso(const char *s, size_t n, char out[11])
{
    if (n < 10 || s[4] != '-' || s[7] != '-') return 0;
    if (n > 10 && s[10] != 'T' && s[10] != ' ') return 0;
    return put_ymd(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), out);
}

static int month_number(const char *s, size_t n)
{
    static const char *const names[] = { "january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december" };
    if (n > 0 && s[n - 1] == '.') n--;
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        if ((n == full || n == 3 || (m == 8 && n == 4)) && strncasecmp(s, names[m], n) == 0) return m + 1;
    }
    return 0;
}

/* The date of a "Date:" line: ISO, "April 22, 2024" or "22 April 2024". */
static int parse_human_date(const char *s, size_t n, char out[11])
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (parse_iso(s, n, out)) return 1;
    const char *w[4];
    size_t wl[4];
    int k = 0;
    for (size_t i = 0; i < n && k < 4;) {
        while (i < n && (isspace((unsigned char)s[i]) || s[i] == ',')) i++;
        if (i == n) break;
        w[k] = s + i;
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]) && s[j] != ',') j++;
        wl[k++] = j - i;
        i = j;
    }
    if (k != 3) return 0;
    int y = wl[2] == 4 ? digits(w[2], 4) : -1;
    int m = month_number(w[0], wl[0]), d = -1;
    if (m && wl[1] <= 2) d = digits(w[1], wl[1]);                  /* April 22, 2024 */
    else if ((m = month_number(w[1], wl[1])) && wl[0] <= 2) d = digits(w[0], wl[0]);   /* 22 April 2024 */
    return m && d > 0 && y > 0 && put_ymd(y, m, d, out);
}

/* A YYYY-MM-DD inside a file name ("2024-04-22-reuters.txt"). */
static int date_in_name(const char *s, char out[11])
{
    size_t n = strlen(s);
    for (size_t i = 0; i + 10 <= n; i++) {
        if ((i > 0 && isdigit((unsigned char)s[i - 1])) || (i + 10 < n && isdigit((unsigned char)s[i + 10])))
            continue;
        if (parse_iso(s + i, 10, out)) return 1;
    }
    return 0;
}

/* ---- open / close ------------------------------------------------------ */

int fm_format_parse(const char *name, fm_format *out)
{
    static const char *const names[] = { "auto", "text", "jsonl", "petrarch", "tabari" };
    for (int i = 0; i < 5; i++)
        if (name && strcmp(name, names[i]) == 0) { *out = (fm_format)i; return 0; }
    if (name && (strcmp(name, "json") == 0 || strcmp(name, "ndjson") == 0)) { *out = FM_FORMAT_JSONL; return 0; }
    if (name && strcmp(name, "xml") == 0) { *out = FM_FORMAT_PETRARCH; return 0; }
    return -1;
}

fm_reader *fm_reader_open(const char *path, const fm_reader_options *opt, fm_diag_fn diag, void *user)
{
    int use_stdin = !path || strcmp(path, "-") == 0;
    const char *name = use_stdin ? "stdin" : path;
    char err[256];
    int fd = use_stdin ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        fd = -1;
        errno = EISDIR;
    }
    if (fd < 0) {
        if (diag) diag(user, FM_ERROR, name, strerror_r(errno, err, sizeof err));
        return NULL;
    }
    fm_reader *r = calloc(1, sizeof *r);
    if (r) {
        r->name = strdup(name);
        r->chunk = malloc(CHUNK);
    }
    if (!r || !r->name || !r->chunk) {
        if (diag) diag(user, FM_ERROR, name, "out of memory");
        close(fd);
        if (r) { free(r->name); free(r->chunk); free(r); }
        return NULL;
    }
    r->diag = diag;
    r->user = user;
    r->line = 1;
    r->format = opt ? opt->format : FM_FORMAT_AUTO;
    r->max_record = opt && opt->max_record ? opt->max_record : DEFAULT_MAX_RECORD;
    const char *slash = strrchr(name, '/');
    r->base = strdup(slash ? slash + 1 : name);
    fm_buf_init(&r->rec);
    fm_buf_init(&r->aux);
    fm_arena_init(&r->arena, 4096);
    if (opt && opt->default_date) {
        char d[11];
        if (parse_human_date(opt->default_date, strlen(opt->default_date), d)) r->default_date = strdup(d);
        else say(r, FM_WARNING, name, "ignoring invalid date \"%s\" (want YYYY-MM-DD)", opt->default_date);
    }
    r->gz = gzdopen(fd, "rb");
    if (!r->base || !r->gz) {
        if (!r->gz) close(fd);
        say(r, FM_ERROR, name, "out of memory");
        fm_reader_close(r);
        return NULL;
    }
    gzbuffer(r->gz, CHUNK);
    return r;
}

void fm_reader_close(fm_reader *r)
{
    if (!r) return;
    if (r->gz) gzclose(r->gz);
    if (r->json) json_decref(r->json);
    fm_buf_free(&r->rec);
    fm_buf_free(&r->aux);
    fm_arena_free(&r->arena);
    free(r->chunk);
    free(r->name);
    free(r->base);
    free(r->default_date);
    free(r);
}

size_t fm_reader_skipped(const fm_reader *r) { return r ? r->skipped : 0; }

/* ---- sniffing ---------------------------------------------------------- */

/* A TABARI record header: at least six digits, then the id ("950101  DEMO-02";
 * TABARI's own demo file also has "950101*INTRO"). */
static int tabari_header(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && isdigit((unsigned char)s[i])) i++;
    if (i < 6 || i == n) return 0;
    if (s[i] == '*') return 1;
    if (!isspace((unsigned char)s[i])) return 0;
    while (i < n && isspace((unsigned char)s[i]) && s[i] != '\n') i++;
    return i < n && !isspace((unsigned char)s[i]);
}

/* Skips leading white space (and a UTF-8 BOM), looks at what follows. Returns
 * 0 when the input holds nothing but white space. */
static int prime(fm_reader *r)
{
    int bom_checked = 0;
    for (;;) {
        if (r->chunk_len - r->chunk_pos < 4096 && !r->eof) refill(r);
        if (!bom_checked && r->chunk_len - r->chunk_pos >= 3 &&
            memcmp(r->chunk + r->chunk_pos, "\xEF\xBB\xBF", 3) == 0)
            r->chunk_pos += 3;
        bom_checked = 1;
        while (r->chunk_pos < r->chunk_len && isspace(r->chunk[r->chunk_pos])) {
            if (r->chunk[r->chunk_pos] == '\n') r->line++;
            r->chunk_pos++;
        }
        if (r->chunk_pos < r->chunk_len) return 1;
        if (r->eof) return 0;
    }
}

static fm_format sniff(fm_reader *r)
{
    const char *s = (const char *)r->chunk + r->chunk_pos;
    size_t n = r->chunk_len - r->chunk_pos;
    if (s[0] == '{') return FM_FORMAT_JSONL;
    if (s[0] == '<') return FM_FORMAT_PETRARCH;
    if (memchr(s, 0, n)) return FM_FORMAT_TEXT;   /* binary: the text reader says so once */
    /* TABARI files often open with '#' banner lines; look past them. */
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (!blank(s + i, e - i)) {
            if (s[i] != '#') return tabari_header(s + i, e - i) ? FM_FORMAT_TABARI : FM_FORMAT_TEXT;
        }
        i = e + 1;
    }
    return FM_FORMAT_TEXT;
}

/* ---- record helpers ---------------------------------------------------- */

static void new_record(fm_reader *r, fm_doc *doc)
{
    fm_arena_reset(&r->arena);
    if (r->json) { json_decref(r->json); r->json = NULL; }
    memset(doc, 0, sizeof *doc);
}

/* "name:line", what fm_arena_printf "%s:%lu" made, by hand: it is asked
 * once per record and vsnprintf cost a tenth of reading one. */
static const char *where_at(fm_reader *r, unsigned long line)
{
    char digits[24];
    char *p = digits + sizeof digits;
    do { *--p = (char)('0' + line % 10); line /= 10; } while (line);
    size_t nl = strlen(r->name), nd = (size_t)(digits + sizeof digits - p);
    char *out = fm_arena_alloc(&r->arena, nl + 1 + nd + 1);
    if (!out) return NULL;
    memcpy(out, r->name, nl);
    out[nl] = ':';
    memcpy(out + nl + 1, p, nd);
    out[nl + 1 + nd] = 0;
    return out;
}

/* ---- plain text: the whole input is one document ----------------------- */

static int next_text(fm_reader *r, fm_doc *doc)
{
    r->done = 1;
    unsigned long first = r->line;
    size_t nul_scan = r->chunk_len - r->chunk_pos;
    const void *z = memchr(r->chunk + r->chunk_pos, 0, nul_scan);
    if (z) {
        skip_at(r, 0, "binary input (NUL byte at offset %zu) — skipped",
                (size_t)((const unsigned char *)z - r->chunk));
        return 0;
    }
    fm_buf_clear(&r->rec);
    while (r->chunk_pos < r->chunk_len || refill(r)) {
        size_t n = r->chunk_len - r->chunk_pos;
        if (r->rec.len + n > r->max_record) {
            skip_at(r, 0, "document longer than %zu bytes — skipped", r->max_record);
            return 0;
        }
        fm_buf_add(&r->rec, r->chunk + r->chunk_pos, n);
        r->chunk_pos = r->chunk_len = 0;
        if (r->rec.failed) {
            skip_at(r, 0, "out of memory — skipped");
            return 0;
        }
    }
    const char *s = r->rec.data;
    size_t n = r->rec.len, bad;
    if (!utf8_clean(s, n, &bad)) {
        skip_bad_utf8(r, first, s, bad, r->base, strlen(r->base));
        return 0;
    }
    char date[11] = "";
    if (n >= 5 && strncasecmp(s, "date:", 5) == 0) {
        const char *nl = memchr(s, '\n', n);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (!parse_human_date(s + 5, e - 5, date)) {
            char where[300];
            snprintf(where, sizeof where, "%s:%lu", r->name, first);
            say(r, FM_WARNING, where, "cannot read the date \"%.*s\"", (int)(e - 5 > 100 ? 100 : e - 5), s + 5);
            date[0] = 0;
        }
        s += nl ? e + 1 : e;
        n -= nl ? e + 1 : e;
        first++;
    }
    new_record(r, doc);
    if (r->default_date) doc->date = r->default_date;
    else if (date[0] || date_in_name(r->base, date)) doc->date = fm_arena_strdup(&r->arena, date);
    doc->id = strcmp(r->name, "stdin") == 0 ? "stdin" : r->base;
    doc->text = s;
    doc->len = n;
    doc->where = where_at(r, first);
    return 1;
}

/* ---- JSON Lines -------------------------------------------------------- */

/* The "id" of a line jansson cannot parse, for the message only. */
static const char *guess_id(const char *s, size_t n, size_t *len)
{
    const char *p = memmem(s, n, "\"id\"", 4);
    if (!p) return NULL;
    p += 4;
    const char *e = s + n;
    while (p < e && (*p == ' ' || *p == ':' || *p == '\t')) p++;
    if (p == e || *p != '"') return NULL;
    p++;
    const char *q = memchr(p, '"', (size_t)(e - p));
    if (!q) return NULL;
    *len = (size_t)(q - p);
    return p;
}

/* jansson builds a node per value: a 16 MiB line of "[1,1,1,..." would take
 * hundreds of MB. An article has a few dozen values and shallow nesting, so
 * the shape is checked before parsing; returns NULL or what is wrong. */
#define JSON_MAX_DEPTH 64
#define JSON_MAX_VALUES 100000

static const char *json_shape_bad(const char *s, size_t n)
{
    int in_str = 0, depth = 0;
    size_t values = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            uint64_t x;
            /* inside a string only '\\' and '"' matter: skip eight bytes without them */
            if (i + 8 <= n && (memcpy(&x, s + i, 8), !(byte_is(x, '\\') | byte_is(x, '"')))) { i += 7; continue; }
            if (c == '\\') i++;
            else if (c == '"') in_str = 0;
            continue;
        }
        if (c == '"') in_str = 1;
        else if (c == '{' || c == '[') {
            if (++depth > JSON_MAX_DEPTH) return "is nested deeper than 64 levels";
            values++;
        } else if (c == '}' || c == ']') depth--;
        else if (c == ',' || c == ':') values++;
        if (values > JSON_MAX_VALUES) return "has more than 100000 JSON values";
    }
    return NULL;
}

static const char *json_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The fast path: a flat object whose values are all strings or null, with no
 * escape jansson would treat specially. jansson builds a node per value and
 * copies every string; an article line needs neither. Anything unusual (a
 * number, nesting, a duplicate or escaped key, \u0000, a surrogate, a control
 * byte, a bad date) returns 0 and the line goes through jansson, so every
 * message about a bad record stays the one jansson's path gives. */
#define FLAT_MAX_KEYS 16

typedef struct flat_str { const char *raw; size_t raw_len; int set, is_null; } flat_str;

static int is_json_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* The length of the run of plain string bytes (no quote, backslash or
 * control byte) at s[0, n): sixteen at a time where SSE2 is there (every
 * x86-64), eight elsewhere, then one by one up to the byte that ends it. */
static size_t plain_run(const char *s, size_t n)
{
    size_t k = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), ctl = _mm_set1_epi8((char)0xE0);
    for (; k + 16 <= n; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                    _mm_cmpeq_epi8(_mm_and_si128(x, ctl), _mm_setzero_si128()));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m) return k + (size_t)__builtin_ctz(m);
    }
#endif
    for (uint64_t x; k + 8 <= n; k += 8) {
        memcpy(&x, s + k, 8);
        if (byte_is(x, '"') | byte_is(x, '\\') | ((x - FM_ONES * 0x20) & ~x & FM_HIGHS)) break;
    }
    while (k < n && s[k] != '"' && s[k] != '\\' && (unsigned char)s[k] >= 0x20) k++;
    return k;
}

/* The string whose opening quote is at s[*i]: checks it and sets *i past the
 * closing quote; *escaped when it holds a backslash. 0 if it is not plain. */
static int flat_scan_string(const char *s, size_t n, size_t *i, int *escaped)
{
    size_t k = *i + 1;
    *escaped = 0;
    while (k < n) {
        k += plain_run(s + k, n - k);
        if (k >= n) break;
        unsigned char c = (unsigned char)s[k];
        if (c == '"') { *i = k + 1; return 1; }
        if (c < 0x20) return 0;
        *escaped = 1;      /* (what else ends a run: a backslash) */
        if (k + 1 >= n) return 0;
        char e = s[k + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            k += 2;
            continue;
        }
        unsigned u, lo;
        if (e != 'u' || k + 6 > n || !hex4(s + k + 2, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF)) return 0;
        k += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (k + 6 > n || s[k] != '\\' || s[k + 1] != 'u' || !hex4(s + k + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            k += 6;
        }
    }
    return 0;
}

/* Decodes a string checked by flat_scan_string (raw: between the quotes). */
static char *flat_decode(fm_arena *a, const char *raw, size_t n, size_t *len)
{
    char *out = fm_arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t k = 0; k < n;) {
        const char *bs = memchr(raw + k, '\\', n - k);
        size_t run = bs ? (size_t)(bs - (raw + k)) : n - k;
        memcpy(out + o, raw + k, run);
        o += run, k += run;
        if (k >= n) break;
        char e = raw[k + 1];
        k += 2;
        switch (e) {
        case 'b': out[o++] = '\b'; continue;
        case 'f': out[o++] = '\f'; continue;
        case 'n': out[o++] = '\n'; continue;
        case 'r': out[o++] = '\r'; continue;
        case 't': out[o++] = '\t'; continue;
        case 'u': break;
        default: out[o++] = e; continue;
        }
        unsigned u = 0, lo = 0;   /* hex4 sets them; validated before this decoder runs */
        hex4(raw + k, &u);
        k += 4;
        if (u >= 0xD800 && u <= 0xDBFF) {
            hex4(raw + k + 2, &lo);
            k += 6;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (u < 0x80) out[o++] = (char)u;
        else if (u < 0x800) {
            out[o++] = (char)(0xC0 | (u >> 6));
            out[o++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            out[o++] = (char)(0xE0 | (u >> 12));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (u & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (u >> 18));
            out[o++] = (char)(0x80 | ((u >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (u & 0x3F));
        }
    }
    out[o] = 0;
    *len = o;
    return out;
}

static const char *flat_value(fm_arena *a, const flat_str *f, size_t *len)
{
    *len = 0;
    if (!f->set || f->is_null) return NULL;
    return flat_decode(a, f->raw, f->raw_len, len);
}

/* 1 and *doc filled (strings in r->arena, reset by the caller) for a plain
 * article line; 0: let jansson read it. */
static int flat_record(fm_reader *r, const char *s, size_t n, unsigned long line, fm_doc *doc)
{
    static const char *const names[6] = { "id", "date", "title", "source", "url", "text" };
    flat_str f[6];
    const char *key[FLAT_MAX_KEYS];
    size_t key_len[FLAT_MAX_KEYS], nk = 0;
    memset(f, 0, sizeof f);
    size_t i = 0;
    while (i < n && is_json_ws(s[i])) i++;
    if (i >= n || s[i] != '{') return 0;
    i++;
    for (;;) {
        while (i < n && is_json_ws(s[i])) i++;
        if (i >= n || s[i] != '"' || nk == FLAT_MAX_KEYS) return 0;
        size_t ks = i;
        int esc;
        if (!flat_scan_string(s, n, &i, &esc) || esc) return 0;
        const char *k = s + ks + 1;
        size_t kl = i - ks - 2;
        for (size_t j = 0; j < nk; j++)
            if (key_len[j] == kl && !memcmp(key[j], k, kl)) return 0;    /* duplicate: jansson says so */
        key[nk] = k, key_len[nk] = kl, nk++;
        while (i < n && is_json_ws(s[i])) i++;
        if (i >= n || s[i] != ':') return 0;
        i++;
        while (i < n && is_json_ws(s[i])) i++;
        if (i >= n) return 0;
        flat_str v;
        memset(&v, 0, sizeof v);
        v.set = 1;
        if (s[i] == '"') {
            size_t vs = i;
            if (!flat_scan_string(s, n, &i, &esc)) return 0;
            v.raw = s + vs + 1, v.raw_len = i - vs - 2;
        } else if (n - i >= 4 && !memcmp(s + i, "null", 4)) {
            v.is_null = 1;
            i += 4;
        } else {
            return 0;
        }
        for (int m = 0; m < 6; m++)
            if (strlen(names[m]) == kl && !memcmp(names[m], k, kl)) f[m] = v;
        while (i < n && is_json_ws(s[i])) i++;
        if (i >= n) return 0;
        if (s[i] == ',') { i++; continue; }
        if (s[i] != '}') return 0;
        i++;
        break;
    }
    while (i < n && is_json_ws(s[i])) i++;
    if (i != n) return 0;
    /* id and text plain strings, date empty, absent, null or a valid ISO date */
    if (!f[0].set || f[0].is_null || f[0].raw_len == 0 || !f[5].set || f[5].is_null) return 0;
    size_t len, idl;
    const char *id = flat_value(&r->arena, &f[0], &idl);
    if (!id || idl == 0 || strlen(id) != idl) return 0;
    const char *date = NULL;
    if (f[1].set && !f[1].is_null) {
        const char *d = flat_value(&r->arena, &f[1], &len);
        char iso[11];
        if (!d) return 0;
        if (len > 0) {
            if (!parse_iso(d, len, iso)) return 0;
            date = fm_arena_strdup(&r->arena, iso);
            if (!date) return 0;
        } else {
            date = r->default_date;
        }
    } else {
        date = r->default_date;
    }
    doc->text = flat_value(&r->arena, &f[5], &doc->len);
    if (!doc->text) return 0;
    doc->id = id;
    doc->date = date;
    doc->title = flat_value(&r->arena, &f[2], &len);
    doc->source = flat_value(&r->arena, &f[3], &len);
    doc->url = flat_value(&r->arena, &f[4], &len);
    doc->where = where_at(r, line);
    return !r->arena.failed;
}

static int next_jsonl(fm_reader *r, fm_doc *doc)
{
    int overlong;
    char idb[72];
    for (;;) {
        unsigned long line = r->line;
        if (!read_line(r, &r->rec, &overlong)) break;
        if (overlong) { skip_at(r, line, "record longer than %zu bytes — skipped", r->max_record); continue; }
        if (r->rec.failed) { skip_at(r, line, "out of memory — skipped"); r->rec.failed = 0; continue; }
        const char *s = r->rec.data;
        size_t n = r->rec.len, bad;
        if (!n || blank(s, n)) continue;
        if (!utf8_clean(s, n, &bad)) {
            size_t il = 0;
            const char *id = guess_id(s, n, &il);
            skip_bad_utf8(r, line, s, bad, id, il);
            continue;
        }
        new_record(r, doc);
        if (flat_record(r, s, n, line, doc)) return 1;
        /* only what jansson is to read needs its shape checked: a flat record (one
         * object of at most FLAT_MAX_KEYS string or null values) always passes,
         * so most lines are spared that pass */
        const char *shape = json_shape_bad(s, n);
        if (shape) { skip_at(r, line, "record %s — skipped", shape); continue; }
        json_error_t je;
        json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
        if (!o) { skip_at(r, line, "malformed JSON at column %d: %s — skipped", je.column, je.text); continue; }
        if (!json_is_object(o)) {
            json_decref(o);
            skip_at(r, line, "record is not a JSON object — skipped");
            continue;
        }
        new_record(r, doc);
        r->json = o;
        json_t *idv = json_object_get(o, "id");
        const char *id = NULL;
        if (json_is_string(idv) && json_string_length(idv) > 0) id = json_string_value(idv);
        else if (json_is_integer(idv))
            id = fm_arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(idv));
        if (!id) { skip_at(r, line, "record has no \"id\" — skipped"); continue; }
        size_t idl = strlen(id);
        json_t *tv = json_object_get(o, "text");
        if (!json_is_string(tv)) {
            skip_at(r, line, "record id %s has no \"text\" — skipped", show_id(id, idl, idb));
            continue;
        }
        json_t *dv = json_object_get(o, "date");
        char date[11];
        if (json_is_string(dv) && json_string_length(dv) > 0) {
            if (!parse_iso(json_string_value(dv), json_string_length(dv), date)) {
                char shown[72];
                skip_at(r, line, "record id %s: invalid date \"%s\" (want YYYY-MM-DD) — skipped",
                        show_id(id, idl, idb), show_id(json_string_value(dv), json_string_length(dv), shown));
                continue;
            }
            doc->date = fm_arena_strdup(&r->arena, date);
        } else if (dv && !json_is_null(dv) && !json_is_string(dv)) {
            skip_at(r, line, "record id %s: \"date\" is not a string — skipped", show_id(id, idl, idb));
            continue;
        } else {
            doc->date = r->default_date;
        }
        doc->id = id;
        doc->text = json_string_value(tv);
        doc->len = json_string_length(tv);
        doc->title = json_str(o, "title");
        doc->source = json_str(o, "source");
        doc->url = json_str(o, "url");
        doc->where = where_at(r, line);
        return 1;
    }
    r->done = 1;
    return 0;
}

/* ---- PETRARCH <Sentence> XML ------------------------------------------- */

/* Consumes input up to and including pat (at most 15 bytes); 0 if input ends first. */
static int skip_past(fm_reader *r, const char *pat)
{
    size_t k = strlen(pat), have = 0;
    char win[16];
    int c;
    while ((c = next_byte(r)) >= 0) {
        if (have == k) memmove(win, win + 1, --have);
        win[have++] = (char)c;
        if (have == k && memcmp(win, pat, k) == 0) return 1;
    }
    return 0;
}

/* After "<!": a comment, a CDATA section or a declaration (<!DOCTYPE with its
 * internal subset, <!ENTITY ...>). Declarations are skipped, never expanded. */
static int skip_markup_decl(fm_reader *r)
{
    int c = next_byte(r);
    if (c == '-') {
        if ((c = next_byte(r)) == '-') return skip_past(r, "-->");
    } else if (c == '[') {
        return skip_past(r, "]]>");
    }
    int depth = 0;
    for (; c >= 0; c = next_byte(r)) {
        if (c == '[') depth++;
        else if (c == ']' && depth > 0) depth--;
        else if (c == '>' && depth == 0) return 1;
    }
    return 0;
}

/* Appends the UTF-8 of an XML character reference or predefined entity at
 * s[0] == '&' to out; returns bytes consumed, or 0 to copy '&' literally
 * (unknown names are never looked up: no DTD entity is expanded). */
static size_t xml_entity(const char *s, size_t n, fm_buf *out)
{
    static const struct { const char *name; char c; } predefined[] = {
        { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' } };
    for (size_t i = 0; i < 5; i++) {
        size_t k = strlen(predefined[i].name);
        if (n > k && memcmp(s + 1, predefined[i].name, k) == 0) { fm_buf_addc(out, predefined[i].c); return k + 1; }
    }
    if (n < 4 || s[1] != '#') return 0;
    int hex = s[2] == 'x' || s[2] == 'X';
    size_t i = hex ? 3 : 2;
    long cp = 0;
    size_t start = i;
    for (; i < n && i < start + 8; i++) {
        int c = (unsigned char)s[i], v;
        if (isdigit(c)) v = c - '0';
        else if (hex && isxdigit(c)) v = (tolower(c) - 'a') + 10;
        else break;
        cp = cp * (hex ? 16 : 10) + v;
    }
    if (i == start || i >= n || s[i] != ';' || cp == 0 || !utf8proc_codepoint_valid((utf8proc_int32_t)cp)) return 0;
    utf8proc_uint8_t enc[4];
    fm_buf_add(out, enc, (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, enc));
    return i + 1;
}

/* Character data s[0,n) into out: entities decoded, CDATA kept, tags dropped. */
static void xml_chars(const char *s, size_t n, fm_buf *out)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            size_t k = xml_entity(s + i, n - i, out);
            if (k) { i += k; continue; }
        } else if (s[i] == '<') {
            if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
                const char *e = memmem(s + i + 9, n - i - 9, "]]>", 3);
                size_t stop = e ? (size_t)(e - s) : n;
                fm_buf_add(out, s + i + 9, stop - i - 9);
                i = e ? stop + 3 : n;
            } else {
                const char *e = memchr(s + i, '>', n - i);
                i = e ? (size_t)(e - s) + 1 : n;
            }
            continue;
        }
        fm_buf_addc(out, s[i++]);
    }
}

/* One attribute value of the start tag in tag[0,n) (single or double quoted,
 * spaces allowed around '='), decoded, in the record arena; NULL if absent. */
static const char *xml_attr(fm_reader *r, const char *tag, size_t n, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < n;) {
        while (i < n && (isspace((unsigned char)tag[i]) || tag[i] == '/')) i++;
        size_t a = i;
        while (i < n && !isspace((unsigned char)tag[i]) && tag[i] != '=' && tag[i] != '/') i++;
        size_t al = i - a;
        while (i < n && isspace((unsigned char)tag[i])) i++;
        if (i == n || tag[i] != '=') { if (al == 0) i++; continue; }
        i++;
        while (i < n && isspace((unsigned char)tag[i])) i++;
        size_t v, vl;
        if (i < n && (tag[i] == '"' || tag[i] == '\'')) {
            char q = tag[i++];
            const char *e = memchr(tag + i, q, n - i);
            v = i;
            vl = e ? (size_t)(e - (tag + i)) : n - i;
            i = v + vl + 1;
        } else {
            v = i;
            while (i < n && !isspace((unsigned char)tag[i])) i++;
            vl = i - v;
        }
        if (al == nl && memcmp(tag + a, name, nl) == 0) {
            fm_buf_clear(&r->aux);
            xml_chars(tag + v, vl, &r->aux);
            return fm_arena_strndup(&r->arena, r->aux.data ? r->aux.data : "", r->aux.len);
        }
    }
    return NULL;
}

/* "20150805" or "2015-08-05" into out; 0 if not a valid date. */
static int parse_compact_date(const char *s, char out[11])
{
    size_t n = strlen(s);
    if (n == 8) return put_ymd(digits(s, 4), digits(s + 4, 2), digits(s + 6, 2), out);
    return parse_iso(s, n, out);
}

/* Reads the rest of a <Sentence start tag into aux, then its content up to
 * </Sentence> into rec (bounded). Returns 1 ok, 0 skip (reported), -1 end. */
static int xml_collect(fm_reader *r, unsigned long line, int *self_closing)
{
    static const char end_tag[] = "</Sentence";
    const size_t k = sizeof end_tag - 1;
    int c, quote = 0, prev = 0;
    fm_buf_clear(&r->aux);
    fm_buf_clear(&r->rec);
    while ((c = next_byte(r)) >= 0) {
        if (quote) { if (c == quote) quote = 0; }
        else if (c == '"' || c == '\'') quote = c;
        else if (c == '>') break;
        if (r->aux.len < MAX_TAG) fm_buf_addc(&r->aux, (char)c);
        prev = c;
    }
    if (c < 0) { skip_at(r, line, "unterminated <Sentence> tag at end of input — skipped"); return -1; }
    *self_closing = prev == '/';
    if (*self_closing) return 1;
    size_t tag_len = r->aux.len;
    int overlong = 0;
    size_t have = 0;
    char win[16];
    while ((c = next_byte(r)) >= 0) {
        if (!overlong) {
            if (r->rec.len >= r->max_record) overlong = 1;
            else fm_buf_addc(&r->rec, (char)c);
        }
        if (have == k) memmove(win, win + 1, --have);
        win[have++] = (char)c;
        if (have == k && memcmp(win, end_tag, k) == 0) {
            int t = next_byte(r);
            if (t == '>' || (t >= 0 && isspace(t))) {
                if (t != '>') skip_past(r, ">");
                break;
            }
            have = 0;
            if (!overlong && t >= 0) fm_buf_addc(&r->rec, (char)t);
        }
    }
    if (c < 0) { skip_at(r, line, "unterminated <Sentence> at end of input — skipped"); return -1; }
    if (overlong) { skip_at(r, line, "sentence longer than %zu bytes — skipped", r->max_record); return 0; }
    if (r->rec.failed || r->aux.failed) {
        r->rec.failed = r->aux.failed = 0;
        skip_at(r, line, "out of memory — skipped");
        return 0;
    }
    r->rec.len -= k;
    r->rec.data[r->rec.len] = 0;
    r->aux.len = tag_len;
    return 1;
}

/* Finds <Text>...</Text> in the collected content. */
static int xml_text_span(const char *s, size_t n, size_t *b, size_t *e)
{
    for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), "<Text", 5)) != NULL; p += 5) {
        size_t i = (size_t)(p - s) + 5;
        if (i < n && (s[i] == '>' || isspace((unsigned char)s[i]))) {
            const char *gt = memchr(s + i, '>', n - i);
            if (!gt) return 0;
            *b = (size_t)(gt - s) + 1;
            const char *end = memmem(s + *b, n - *b, "</Text>", 7);
            if (!end) return 0;
            *e = (size_t)(end - s);
            return 1;
        }
    }
    return 0;
}

static int next_petrarch(fm_reader *r, fm_doc *doc)
{
    char name[16], idb[72];
    int c;
    while ((c = next_byte(r)) >= 0) {
        if (c != '<') continue;
        unsigned long line = r->line;
        c = next_byte(r);
        if (c == '!') { skip_markup_decl(r); continue; }
        if (c == '?') { skip_past(r, "?>"); continue; }
        size_t nl = 0;
        while (c >= 0 && (isalnum(c) || c == '_' || c == ':' || c == '-' || c == '.')) {
            if (nl < sizeof name - 1) name[nl++] = (char)c;
            else nl = sizeof name;   /* too long to be "Sentence" */
            c = next_byte(r);
        }
        if (nl >= sizeof name) nl = 0;
        name[nl] = 0;
        if (strcmp(name, "Sentence") != 0 || !(c == '>' || c == '/' || isspace(c))) {
            if (c != '>' && c >= 0) skip_past(r, ">");
            continue;
        }
        if (c == '>') { r->chunk_pos--; }   /* let xml_collect see the end of the tag */
        else if (c == '/') { r->chunk_pos--; }
        int self_closing = 0;
        unsigned long content_line = r->line;
        int got = xml_collect(r, line, &self_closing);
        if (got < 0) break;
        if (got == 0) continue;
        new_record(r, doc);
        /* xml_attr decodes into aux: the tag moves to the arena first */
        size_t tag_len = r->aux.len;
        const char *tag = fm_arena_strndup(&r->arena, r->aux.data ? r->aux.data : "", tag_len);
        const char *id = xml_attr(r, tag, tag_len, "id");
        const char *date_attr = xml_attr(r, tag, tag_len, "date");
        const char *source = xml_attr(r, tag, tag_len, "source");
        if (!id || !*id) { skip_at(r, line, "<Sentence> has no id — skipped"); continue; }
        size_t idl = strlen(id);
        if (self_closing) { skip_at(r, line, "<Sentence> id %s has no <Text> — skipped", show_id(id, idl, idb)); continue; }
        char date[11];
        if (date_attr && *date_attr) {
            if (!parse_compact_date(date_attr, date)) {
                char shown[72];
                skip_at(r, line, "<Sentence> id %s: invalid date \"%s\" (want YYYYMMDD) — skipped",
                        show_id(id, idl, idb), show_id(date_attr, strlen(date_attr), shown));
                continue;
            }
            doc->date = fm_arena_strdup(&r->arena, date);
        } else {
            doc->date = r->default_date;
        }
        size_t bad, b, e;
        if (!utf8_clean(r->rec.data, r->rec.len, &bad)) {
            skip_bad_utf8(r, content_line, r->rec.data, bad, id, idl);
            continue;
        }
        if (!xml_text_span(r->rec.data, r->rec.len, &b, &e)) {
            skip_at(r, line, "<Sentence> id %s has no <Text> — skipped", show_id(id, idl, idb));
            continue;
        }
        fm_buf_clear(&r->aux);
        xml_chars(r->rec.data + b, e - b, &r->aux);
        const char *t = r->aux.data ? r->aux.data : "";
        size_t tl = r->aux.len;
        while (tl && isspace((unsigned char)*t)) t++, tl--;
        while (tl && isspace((unsigned char)t[tl - 1])) tl--;
        doc->id = id;
        doc->source = source;
        doc->text = t;
        doc->len = tl;
        doc->where = where_at(r, line);
        return 1;
    }
    r->done = 1;
    return 0;
}

/* ---- TABARI text records ----------------------------------------------- */

/* Appends line s[0,n) to rec without its comments; *in_comment carries a
 * comment across lines. */
static void tabari_add_line(fm_buf *rec, const char *s, size_t n, int *in_comment)
{
    size_t start = rec->len;
    if (rec->len) fm_buf_addc(rec, '\n');
    size_t body = rec->len;
    for (size_t i = 0; i < n;) {
        if (*in_comment) {
            const char *e = memmem(s + i, n - i, "*/", 2);
            if (!e) break;
            *in_comment = 0;
            i = (size_t)(e - s) + 2;
        } else {
            const char *b = memmem(s + i, n - i, "/*", 2);
            size_t stop = b ? (size_t)(b - s) : n;
            fm_buf_add(rec, s + i, stop - i);
            if (!b) break;
            *in_comment = 1;
            i = stop + 2;
        }
    }
    while (rec->len > body && isspace((unsigned char)rec->data[rec->len - 1])) rec->len--;
    if (rec->len == body) rec->len = start;   /* nothing but comment or blanks */
    if (rec->data) rec->data[rec->len] = 0;
}

static int next_tabari(fm_reader *r, fm_doc *doc)
{
    int overlong;
    char idb[72];
    for (;;) {
        unsigned long line = r->line;
        if (!read_line(r, &r->aux, &overlong)) break;
        const char *s = r->aux.data ? r->aux.data : "";
        size_t n = r->aux.len;
        if (!overlong && blank(s, n)) { r->tabari_junk = 0; continue; }
        if (!overlong && s[0] == '#') continue;
        if (overlong || !isdigit((unsigned char)s[0])) {
            if (!r->tabari_junk)
                skip_at(r, line, "text outside a TABARI record (want a \"YYMMDD ID\" header line) — skipped");
            r->tabari_junk = 1;
            continue;
        }
        /* header: date digits, then the id */
        size_t nd = 0;
        while (nd < n && isdigit((unsigned char)s[nd])) nd++;
        char date[11] = "";
        int date_ok = 0;
        if (nd == 6) {
            int yy = digits(s, 2);
            date_ok = put_ymd(yy <= 30 ? 2000 + yy : 1900 + yy, digits(s + 2, 2), digits(s + 4, 2), date);
        } else if (nd == 8) {
            date_ok = put_ymd(digits(s, 4), digits(s + 4, 2), digits(s + 6, 2), date);
        }
        size_t i = nd;
        while (i < n && isspace((unsigned char)s[i])) i++;
        size_t ie = n;
        while (ie > i && isspace((unsigned char)s[ie - 1])) ie--;
        new_record(r, doc);
        const char *id = fm_arena_strndup(&r->arena, s + i, ie - i);
        char datestr[24];
        snprintf(datestr, sizeof datestr, "%.*s", (int)(nd > 20 ? 20 : nd), s);
        /* body: lines up to a blank line */
        fm_buf_clear(&r->rec);
        int in_comment = 0, too_long = 0;
        unsigned long bad_line = 0;
        size_t bad_col = 0;
        int bad_nul = 0;
        for (;;) {
            unsigned long bl = r->line;
            if (!read_line(r, &r->aux, &overlong)) break;
            const char *t = r->aux.data ? r->aux.data : "";
            size_t tn = r->aux.len, bad;
            if (!overlong && blank(t, tn)) break;
            if (overlong || r->rec.len + tn + 1 > r->max_record) { too_long = 1; continue; }
            if (!bad_line && !utf8_clean(t, tn, &bad)) { bad_line = bl; bad_col = bad + 1; bad_nul = t[bad] == 0; }
            if (!too_long && !bad_line) tabari_add_line(&r->rec, t, tn, &in_comment);
        }
        size_t idl = strlen(id);
        if (!idl) { skip_at(r, line, "TABARI record has no id — skipped"); continue; }
        if (!date_ok) {
            skip_at(r, line, "TABARI record id %s: invalid date \"%s\" (want YYMMDD or YYYYMMDD) — skipped",
                    show_id(id, idl, idb), datestr);
            continue;
        }
        if (too_long) { skip_at(r, line, "record id %s longer than %zu bytes — skipped", show_id(id, idl, idb), r->max_record); continue; }
        if (bad_line) {
            skip_at(r, bad_line, "%s at byte %zu (record id %s) — skipped",
                    bad_nul ? "invalid UTF-8 (NUL byte)" : "invalid UTF-8", bad_col, show_id(id, idl, idb));
            continue;
        }
        if (r->rec.failed) { r->rec.failed = 0; skip_at(r, line, "out of memory — skipped"); continue; }
        doc->id = id;
        doc->date = fm_arena_strdup(&r->arena, date);
        doc->text = r->rec.data ? r->rec.data : "";
        doc->len = r->rec.len;
        doc->where = where_at(r, line);
        return 1;
    }
    r->done = 1;
    return 0;
}

/* ---- dispatch ---------------------------------------------------------- */

int fm_reader_next(fm_reader *r, fm_doc *doc)
{
    if (!r || !doc || r->done) return 0;
    if (!r->primed) {
        r->primed = 1;
        if (!prime(r)) {
            skip_at(r, 0, "empty input");
            r->done = 1;
            return 0;
        }
        if (r->format == FM_FORMAT_AUTO) r->format = sniff(r);
    }
    switch (r->format) {
    case FM_FORMAT_JSONL: return next_jsonl(r, doc);
    case FM_FORMAT_PETRARCH: return next_petrarch(r, doc);
    case FM_FORMAT_TABARI: return next_tabari(r, doc);
    default: return next_text(r, doc);
    }
}
