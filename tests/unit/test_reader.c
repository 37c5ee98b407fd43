/* test_reader.c — the input readers on hand-written files (tests/cases/reader)
 * and on bad input made here at run time (binary, invalid UTF-8, NUL, a 50 MB
 * line, deep JSON, truncated gzip): good records around a bad one survive. */
#define _GNU_SOURCE
#include "reader.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CASES FM_DATADIR "/../tests/cases/reader"
#define SHARED FM_DATADIR "/../../shared"

/* ---- collecting what a reader returns ---------------------------------- */

#define MAX_DOCS 400
#define MAX_MSGS 64

typedef struct got {
    int n;
    char *id[MAX_DOCS], *date[MAX_DOCS], *text[MAX_DOCS], *where[MAX_DOCS];
    char *title[MAX_DOCS], *source[MAX_DOCS], *url[MAX_DOCS];
    size_t skipped;
    int n_msgs;
    char msg[MAX_MSGS][600];
    int opened;
} got;

static void collect_diag(void *user, fm_diag_level level, const char *where, const char *msg)
{
    got *g = user;
    if (g->n_msgs < MAX_MSGS) snprintf(g->msg[g->n_msgs], sizeof g->msg[0], "%s: %s", where, msg);
    g->n_msgs++;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void release(got *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->id[i]); free(g->date[i]); free(g->text[i]); free(g->where[i]);
        free(g->title[i]); free(g->source[i]); free(g->url[i]);
    }
    memset(g, 0, sizeof *g);
}

static void read_all(got *g, const char *path, fm_format format, const char *date, size_t max_record)
{
    release(g);
    fm_reader_options opt = { format, date, max_record };
    fm_reader *r = fm_reader_open(path, &opt, collect_diag, g);
    if (!r) return;
    g->opened = 1;
    fm_doc d;
    while (fm_reader_next(r, &d)) {
        if (g->n == MAX_DOCS) continue;
        g->id[g->n] = dup_or_null(d.id);
        g->date[g->n] = dup_or_null(d.date);
        g->text[g->n] = strndup(d.text, d.len);
        g->where[g->n] = dup_or_null(d.where);
        g->title[g->n] = dup_or_null(d.title);
        g->source[g->n] = dup_or_null(d.source);
        g->url[g->n] = dup_or_null(d.url);
        g->n++;
    }
    g->skipped = fm_reader_skipped(r);
    fm_reader_close(r);
}

static const char *id_at(const got *g, int i) { return i < g->n ? g->id[i] : "(none)"; }
static const char *date_at(const got *g, int i) { return i < g->n ? g->date[i] : "(none)"; }
static const char *text_at(const got *g, int i) { return i < g->n ? g->text[i] : "(none)"; }
static const char *where_at(const got *g, int i) { return i < g->n ? g->where[i] : "(none)"; }

static int ends_with(const char *s, const char *tail)
{
    size_t n = s ? strlen(s) : 0, k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

/* 1 if some message contains every one of the (up to three) strings. */
static int said(const got *g, const char *a, const char *b, const char *c)
{
    for (int i = 0; i < g->n_msgs && i < MAX_MSGS; i++)
        if (strstr(g->msg[i], a) && (!b || strstr(g->msg[i], b)) && (!c || strstr(g->msg[i], c))) return 1;
    for (int i = 0; i < g->n_msgs && i < MAX_MSGS; i++) printf("#   message: %s\n", g->msg[i]);
    return 0;
}

/* ---- temporary files ---------------------------------------------------- */

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, name);
    return path[k];
}

static void write_file(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(tmp_path(name), "wb");
    if (!f) return;
    fwrite(data, 1, n, f);
    fclose(f);
}

static void write_str(const char *name, const char *s) { write_file(name, s, strlen(s)); }

static void write_gz(const char *name, const void *data, size_t n)
{
    gzFile z = gzopen(tmp_path(name), "wb");
    if (!z) return;
    gzwrite(z, data, (unsigned)n);
    gzclose(z);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len + 1);
    *n = fread(s, 1, (size_t)len, f);
    s[*n] = 0;
    fclose(f);
    return s;
}

/* ---- formats ------------------------------------------------------------ */

static void test_format_parse(void)
{
    fm_format f = FM_FORMAT_TEXT;
    TAP_OK(fm_format_parse("auto", &f) == 0 && f == FM_FORMAT_AUTO, "format auto");
    TAP_OK(fm_format_parse("text", &f) == 0 && f == FM_FORMAT_TEXT, "format text");
    TAP_OK(fm_format_parse("jsonl", &f) == 0 && f == FM_FORMAT_JSONL, "format jsonl");
    TAP_OK(fm_format_parse("petrarch", &f) == 0 && f == FM_FORMAT_PETRARCH, "format petrarch");
    TAP_OK(fm_format_parse("tabari", &f) == 0 && f == FM_FORMAT_TABARI, "format tabari");
    TAP_OK(fm_format_parse("csv", &f) != 0 && fm_format_parse(NULL, &f) != 0, "unknown format rejected");
}

static void check_articles(const got *g, const char *label)
{
    TAP_OK(g->n == 4, "%s: four good records (got %d)", label, g->n);
    TAP_STREQ(id_at(g, 0), "a1", "%s: first id", label);
    TAP_STREQ(date_at(g, 0), "2024-04-22", "%s: first date", label);
    TAP_STREQ(text_at(g, 0), "Rockets hit a base near Zummar.", "%s: first text", label);
    TAP_STREQ(g->n ? g->title[0] : NULL, "Rockets", "%s: title", label);
    TAP_STREQ(g->n ? g->source[0] : NULL, "Reuters", "%s: source", label);
    TAP_STREQ(g->n ? g->url[0] : NULL, "https://example.org/a1", "%s: url", label);
    TAP_STREQ(id_at(g, 1), "a4", "%s: a4 after four bad lines", label);
    TAP_STREQ(text_at(g, 1), "Line two\nwith an escape: caf\xc3\xa9.", "%s: escapes decoded", label);
    TAP_OK(ends_with(where_at(g, 1), "articles.jsonl:5") || ends_with(where_at(g, 1), "articles.jsonl.gz:5"),
           "%s: where of a4 (%s)", label, where_at(g, 1));
    TAP_STREQ(id_at(g, 2), "a5", "%s: a5 without a date", label);
    TAP_OK(g->n > 2 && g->date[2] == NULL, "%s: a5 date is NULL", label);
    TAP_STREQ(id_at(g, 3), "a8", "%s: a8 after the blank line", label);
    TAP_STREQ(date_at(g, 3), "2024-04-26", "%s: timestamp cut to the day", label);
    TAP_OK(ends_with(where_at(g, 3), ":11"), "%s: where of a8 (%s)", label, where_at(g, 3));
    TAP_OK(g->skipped == 6, "%s: six records skipped (got %zu)", label, g->skipped);
}

static void test_jsonl(void)
{
    got g = {0};
    read_all(&g, CASES "/articles.jsonl", FM_FORMAT_JSONL, NULL, 0);
    check_articles(&g, "jsonl");
    TAP_OK(said(&g, "articles.jsonl:2: malformed JSON", NULL, NULL), "malformed line reported at line 2");
    TAP_OK(said(&g, "articles.jsonl:3: ", "no \"id\"", NULL), "missing id reported");
    TAP_OK(said(&g, "articles.jsonl:4: ", "a3", "invalid date \"2024-02-30\""), "invalid date reported");
    TAP_OK(said(&g, "articles.jsonl:7: ", "not a JSON object", NULL), "array line reported");
    TAP_OK(said(&g, "articles.jsonl:8: ", "a6", "no \"text\""), "missing text reported");
    TAP_OK(said(&g, "articles.jsonl:9: ", "duplicate", NULL), "duplicate key reported");
    TAP_OK(g.n_msgs == 6, "one message per bad record (got %d)", g.n_msgs);

    /* auto-detected, through gzip, and with --date filling the missing date */
    size_t n;
    char *s = slurp(CASES "/articles.jsonl", &n);
    write_gz("articles.jsonl.gz", s, n);
    read_all(&g, tmp_path("articles.jsonl.gz"), FM_FORMAT_AUTO, "2020-01-02", 0);
    TAP_OK(g.n == 4 && g.skipped == 6, "gzip + auto: same records (got %d, skipped %zu)", g.n, g.skipped);
    TAP_STREQ(date_at(&g, 2), "2020-01-02", "default date fills a record without one");
    TAP_STREQ(date_at(&g, 0), "2024-04-22", "default date does not override a record's date");
    TAP_STREQ(text_at(&g, 3), "Timestamped.", "gzip: last text");

    /* a truncated gzip stream: the records before the cut are still read */
    char *many = malloc(200000);
    size_t len = 0;
    for (int i = 0; len < 190000; i++)
        len += (size_t)sprintf(many + len, "{\"id\":\"t%d\",\"text\":\"Sentence number %d of many.\"}\n", i, i);
    write_gz("trunc.jsonl.gz", many, len);
    size_t zn;
    char *z = slurp(tmp_path("trunc.jsonl.gz"), &zn);
    write_file("trunc.jsonl.gz", z, zn / 2);
    read_all(&g, tmp_path("trunc.jsonl.gz"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n > 100, "truncated gzip: records before the cut read (%d)", g.n);
    TAP_STREQ(id_at(&g, 0), "t0", "truncated gzip: first id");
    TAP_OK(said(&g, "trunc.jsonl.gz", "read error", NULL), "truncated gzip: read error reported");
    free(z);
    free(many);
    free(s);
    release(&g);
}

static void test_jsonl_bad_bytes(void)
{
    got g = {0};
    static const char bad[] =
        "{\"id\":\"g1\",\"date\":\"2024-01-01\",\"text\":\"First good.\"}\n"
        "{\"id\":\"u1\",\"date\":\"2024-01-01\",\"text\":\"bad \xff byte\"}\n"
        "{\"id\":\"z1\",\"date\":\"2024-01-01\",\"text\":\"nul \0 byte\"}\n"
        "{\"id\":\"s1\",\"text\":\"lone surrogate \\ud800\"}\n"
        "{\"id\":\"g2\",\"date\":\"2024-01-02\",\"text\":\"Second good.\"}\n";
    write_file("bad.jsonl", bad, sizeof bad - 1);
    read_all(&g, tmp_path("bad.jsonl"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 2, "bad bytes: two good records (got %d)", g.n);
    TAP_STREQ(id_at(&g, 0), "g1", "bad bytes: g1");
    TAP_STREQ(id_at(&g, 1), "g2", "bad bytes: g2");
    TAP_STREQ(text_at(&g, 1), "Second good.", "bad bytes: g2 text");
    TAP_OK(g.skipped == 3, "bad bytes: three skipped (got %zu)", g.skipped);
    TAP_OK(said(&g, "bad.jsonl:2: invalid UTF-8 at byte 44 (record id u1)", NULL, NULL), "invalid UTF-8: line, byte and id");
    TAP_OK(said(&g, "bad.jsonl:3: ", "NUL", "record id z1"), "NUL byte: line and id");
    TAP_OK(said(&g, "bad.jsonl:4: ", "malformed JSON", NULL), "escaped lone surrogate rejected");

    /* deep nesting and a large (but allowed) record that is not an object */
    FILE *f = fopen(tmp_path("deep.jsonl"), "wb");
    fputs("{\"id\":\"d0\",\"text\":\"Before.\"}\n{\"id\":\"deep\",\"text\":\"x\",\"n\":", f);
    for (int i = 0; i < 200000; i++) fputc('[', f);
    for (int i = 0; i < 200000; i++) fputc(']', f);
    fputs("}\n[", f);
    for (int i = 0; i < 300000; i++) fputs("1,", f);
    fputs("1]\n{\"id\":\"d1\",\"text\":\"After.\"}\n", f);
    fclose(f);
    read_all(&g, tmp_path("deep.jsonl"), FM_FORMAT_JSONL, NULL, 0);
    TAP_OK(g.n == 2 && g.skipped == 2, "deep/huge JSON: both skipped, both neighbours read (%d, %zu)", g.n, g.skipped);
    TAP_STREQ(id_at(&g, 1), "d1", "deep JSON: record after it");
    TAP_OK(said(&g, "deep.jsonl:2: record is nested deeper than 64 levels", NULL, NULL), "deep JSON reported at its line");
    TAP_OK(said(&g, "deep.jsonl:3: record has more than 100000 JSON values", NULL, NULL), "huge JSON refused before parsing");

    /* a 50 MB line between two good ones, with the default 16 MiB limit */
    f = fopen(tmp_path("long.jsonl"), "wb");
    fputs("{\"id\":\"l0\",\"date\":\"2024-05-01\",\"text\":\"Before the long line.\"}\n{\"id\":\"long\",\"text\":\"", f);
    static char block[1 << 16];
    memset(block, 'a', sizeof block);
    for (int i = 0; i < 800; i++) fwrite(block, 1, sizeof block, f);   /* 52 MB */
    fputs("\"}\n{\"id\":\"l1\",\"date\":\"2024-05-02\",\"text\":\"After the long line.\"}\n", f);
    fclose(f);
    read_all(&g, tmp_path("long.jsonl"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 2 && g.skipped == 1, "50 MB line: skipped, neighbours read (%d, %zu)", g.n, g.skipped);
    TAP_STREQ(id_at(&g, 0), "l0", "50 MB line: record before");
    TAP_STREQ(id_at(&g, 1), "l1", "50 MB line: record after");
    TAP_STREQ(text_at(&g, 1), "After the long line.", "50 MB line: text after");
    TAP_OK(ends_with(where_at(&g, 1), "long.jsonl:3"), "50 MB line: line count kept (%s)", where_at(&g, 1));
    TAP_OK(said(&g, "long.jsonl:2: record longer than 16777216 bytes", NULL, NULL), "50 MB line reported");
    unlink(tmp_path("long.jsonl"));

    /* a small limit applies the same way */
    read_all(&g, CASES "/articles.jsonl", FM_FORMAT_JSONL, NULL, 100);
    TAP_OK(g.n == 3 && said(&g, "articles.jsonl:1: record longer than 100 bytes", NULL, NULL),
           "max_record 100: the long first line is skipped (%d)", g.n);
    release(&g);
}

/* ---- plain text ---------------------------------------------------------- */

static void test_text(void)
{
    got g = {0};
    read_all(&g, CASES "/dated_us.txt", FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 1 && g.skipped == 0 && g.n_msgs == 0, "text: one document");
    TAP_STREQ(id_at(&g, 0), "dated_us.txt", "text: id is the base name");
    TAP_STREQ(date_at(&g, 0), "2024-04-22", "text: \"Date: April 22, 2024\"");
    TAP_STREQ(text_at(&g, 0), "BAGHDAD, April 21 (Reuters) - Five rockets were fired.\n", "text: Date line not in the text");
    TAP_STREQ(where_at(&g, 0), CASES "/dated_us.txt:2", "text: where is the first text line");

    read_all(&g, CASES "/dated_eu.txt", FM_FORMAT_TEXT, NULL, 0);
    TAP_STREQ(date_at(&g, 0), "2024-04-22", "text: \"Date: 22 April 2024\"");
    TAP_STREQ(text_at(&g, 0), "Erbil, Iraq - Talks resumed.\n", "text: text after the Date line");

    read_all(&g, CASES "/dated_eu.txt", FM_FORMAT_TEXT, "2023-01-02", 0);
    TAP_STREQ(date_at(&g, 0), "2023-01-02", "text: --date wins over the Date line");
    TAP_STREQ(text_at(&g, 0), "Erbil, Iraq - Talks resumed.\n", "text: Date line still removed");

    read_all(&g, CASES "/2024-03-05-report.txt", FM_FORMAT_AUTO, NULL, 0);
    TAP_STREQ(date_at(&g, 0), "2024-03-05", "text: date from the file name");
    TAP_STREQ(text_at(&g, 0), "Talks resumed in Baghdad on Monday.\n", "text: whole file");

    write_str("plain.txt", "\n\nNo date anywhere.\nSecond line.\n");
    read_all(&g, tmp_path("plain.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 1 && g.date[0] == NULL, "text: no date gives NULL");
    TAP_STREQ(text_at(&g, 0), "No date anywhere.\nSecond line.\n", "text: leading blank lines dropped");

    write_str("iso.txt", "Date: 2024-04-22\r\nText with CRLF.\r\n");
    read_all(&g, tmp_path("iso.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_STREQ(date_at(&g, 0), "2024-04-22", "text: ISO Date line with CRLF");
    TAP_STREQ(text_at(&g, 0), "Text with CRLF.\r\n", "text: CRLF text kept");

    write_str("baddate.txt", "Date: sometime soon\nText.\n");
    read_all(&g, tmp_path("baddate.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 1 && g.date[0] == NULL && said(&g, "baddate.txt:1", "cannot read the date", NULL),
           "text: unreadable Date line warned, document kept");

    write_str("badutf.txt", "Line one.\nLine two.\nThird \xc3\x28 line.\n");
    read_all(&g, tmp_path("badutf.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 0 && g.skipped == 1, "text: invalid UTF-8 skips the document");
    TAP_OK(said(&g, "badutf.txt:3: invalid UTF-8 at byte 7 (record id badutf.txt)", NULL, NULL),
           "text: invalid UTF-8 reported with line and byte");

    unsigned char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (unsigned char)(i * 7 + 3);
    bin[5] = 0;
    bin[0] = 'A';
    write_file("blob.bin", bin, sizeof bin);
    read_all(&g, tmp_path("blob.bin"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 0 && g.skipped == 1 && g.n_msgs == 1 && said(&g, "blob.bin: binary input", NULL, NULL),
           "binary file (auto): one message, skipped");
    read_all(&g, tmp_path("blob.bin"), FM_FORMAT_TEXT, NULL, 0);
    TAP_OK(g.n == 0 && g.skipped == 1 && g.n_msgs == 1, "binary file (text): one message, skipped");

    write_str("empty.txt", "");
    read_all(&g, tmp_path("empty.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.opened && g.n == 0 && g.skipped == 1 && g.n_msgs == 1 && said(&g, "empty.txt: empty input", NULL, NULL),
           "empty file: one message, counted as skipped");
    write_str("blank.jsonl", "\n  \n\t\n");
    read_all(&g, tmp_path("blank.jsonl"), FM_FORMAT_JSONL, NULL, 0);
    TAP_OK(g.n == 0 && g.skipped == 1 && said(&g, "blank.jsonl: empty input", NULL, NULL), "white-space-only file is empty");

    read_all(&g, tmp_path("no-such-file.txt"), FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(!g.opened && g.n_msgs == 1, "missing file: open returns NULL with one message");
    TAP_OK(said(&g, "no-such-file.txt: No such file or directory", NULL, NULL), "missing file: message names the path");
    read_all(&g, tmpdir, FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(!g.opened && said(&g, "Is a directory", NULL, NULL), "a directory is refused");

    write_str("big.txt", "Date: 2024-01-01\nThis document is longer than the limit of forty bytes.\n");
    read_all(&g, tmp_path("big.txt"), FM_FORMAT_TEXT, NULL, 40);
    TAP_OK(g.n == 0 && g.skipped == 1 && said(&g, "big.txt: document longer than 40 bytes", NULL, NULL),
           "text: document over max_record skipped");
    release(&g);
}

static void test_stdin(void)
{
    got g = {0};
    int saved = dup(0);
    FILE *f = fopen(CASES "/dated_eu.txt", "rb");
    if (!f || saved < 0) { TAP_OK(0, "stdin: setup"); return; }
    dup2(fileno(f), 0);
    read_all(&g, "-", FM_FORMAT_AUTO, NULL, 0);
    dup2(saved, 0);
    close(saved);
    fclose(f);
    TAP_STREQ(id_at(&g, 0), "stdin", "stdin: id");
    TAP_STREQ(date_at(&g, 0), "2024-04-22", "stdin: date");
    TAP_STREQ(where_at(&g, 0), "stdin:2", "stdin: where");
    release(&g);
}

/* ---- PETRARCH XML -------------------------------------------------------- */

static void test_petrarch(void)
{
    got g = {0};
    read_all(&g, CASES "/sentences.xml", FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 3, "xml: three good sentences (got %d)", g.n);
    TAP_STREQ(id_at(&g, 0), "S1", "xml: spaces around '='");
    TAP_STREQ(date_at(&g, 0), "2015-08-05", "xml: date converted");
    TAP_STREQ(text_at(&g, 0), "Police & soldiers met in Caf\xc3\xa9 Z\xc3\xbcrich <today>.", "xml: entities decoded, trimmed");
    TAP_STREQ(g.n ? g.source[0] : NULL, "AFP", "xml: source attribute");
    TAP_STREQ(where_at(&g, 0), CASES "/sentences.xml:9", "xml: where is the <Sentence> line");
    TAP_STREQ(id_at(&g, 1), "S2", "xml: single-quoted attributes");
    TAP_STREQ(text_at(&g, 1), "Rebels said \"no\" 'twice' &lol3;.", "xml: DTD entity left unexpanded");
    TAP_STREQ(id_at(&g, 2), "S6", "xml: good sentence after three bad ones");
    TAP_STREQ(text_at(&g, 2), "Raw <b> & stuff", "xml: CDATA kept raw");
    TAP_OK(g.skipped == 3, "xml: three skipped (got %zu)", g.skipped);
    TAP_OK(said(&g, "sentences.xml:18: ", "no id", NULL), "xml: missing id reported");
    TAP_OK(said(&g, "sentences.xml:19: ", "S4", "invalid date"), "xml: invalid date reported");
    TAP_OK(said(&g, "sentences.xml:20: ", "S5", "no <Text>"), "xml: missing Text reported");

    static const char bad[] =
        "<Sentences>\n<Sentence id=\"x1\" date=\"20010101\">\n<Text>\nok one\n</Text></Sentence>\n"
        "<Sentence id=\"x2\" date=\"20010102\">\n<Text>\nbad \xe2\x82 bytes\n</Text></Sentence>\n"
        "<Sentence id=\"x3\" date=\"20010103\"><Text>" "a very long sentence that goes past the limit of the reader" "</Text></Sentence>\n"
        "<Sentence id=\"x4\" date=\"20010104\"><Text>ok four</Text></Sentence>\n"
        "<Sentence id=\"x5\" date=\"20010105\"><Text>never closed\n";
    write_str("bad.xml", bad);
    read_all(&g, tmp_path("bad.xml"), FM_FORMAT_PETRARCH, NULL, 80);
    TAP_OK(g.n == 2, "xml bad: two good sentences (got %d)", g.n);
    TAP_STREQ(id_at(&g, 0), "x1", "xml bad: x1");
    TAP_STREQ(text_at(&g, 0), "ok one", "xml bad: x1 text");
    TAP_STREQ(id_at(&g, 1), "x4", "xml bad: x4 after a bad one and a long one");
    TAP_STREQ(date_at(&g, 1), "2001-01-04", "xml bad: x4 date");
    TAP_OK(g.skipped == 3, "xml bad: three skipped (got %zu)", g.skipped);
    TAP_OK(said(&g, "bad.xml:8: invalid UTF-8 at byte 5 (record id x2)", NULL, NULL), "xml bad: invalid UTF-8 line and byte");
    TAP_OK(said(&g, "bad.xml:10: sentence longer than 80 bytes", NULL, NULL), "xml bad: long sentence");
    TAP_OK(said(&g, "bad.xml:12: unterminated <Sentence>", NULL, NULL), "xml bad: unterminated at end");

    /* real PETRARCH files, when the shared checkout is next to the repository */
    if (access(SHARED "/peers/petrarch2/text/GigaWord.sample.PETR.xml", R_OK) == 0) {
        read_all(&g, SHARED "/peers/petrarch2/text/GigaWord.sample.PETR.xml", FM_FORMAT_AUTO, NULL, 0);
        TAP_OK(g.n == 76 && g.skipped == 0 && g.n_msgs == 0, "GigaWord sample: 76 sentences (got %d)", g.n);
        TAP_STREQ(id_at(&g, 0), "AFP0808020625_4", "GigaWord sample: first id");
        TAP_STREQ(date_at(&g, 0), "2008-08-04", "GigaWord sample: first date");
        TAP_OK(g.n && strncmp(g.text[0], "The stopover came as the US leader", 34) == 0, "GigaWord sample: first text");
        read_all(&g, SHARED "/peers/petrarch2/text/PETR.UnitTest.records.xml", FM_FORMAT_AUTO, NULL, 0);
        TAP_OK(g.n == 198 && g.skipped == 0, "PETRARCH unit records: 198 sentences (got %d, skipped %zu)", g.n, g.skipped);
        TAP_STREQ(id_at(&g, 0), "DEMO-01", "PETRARCH unit records: first id");
        TAP_STREQ(date_at(&g, 0), "1995-01-01", "PETRARCH unit records: first date");
    } else {
        printf("ok %d - # SKIP no ../shared\n", ++tap_n);
    }
    release(&g);
}

/* ---- TABARI records ------------------------------------------------------ */

static void test_tabari(void)
{
    got g = {0};
    read_all(&g, CASES "/records.tabari", FM_FORMAT_AUTO, NULL, 0);
    TAP_OK(g.n == 6, "tabari: six good records (got %d)", g.n);
    TAP_STREQ(id_at(&g, 0), "T-01", "tabari: first id");
    TAP_STREQ(date_at(&g, 0), "1995-01-01", "tabari: 95 is 1995");
    TAP_STREQ(text_at(&g, 0), "Arnor is about to restore full diplomatic ties with Gondor almost\n"
              "five years after crowds trashed its embassy.", "tabari: comment lines are not text");
    TAP_STREQ(where_at(&g, 0), CASES "/records.tabari:5", "tabari: where is the header line");
    TAP_STREQ(date_at(&g, 1), "2029-12-31", "tabari: 29 is 2029");
    TAP_STREQ(text_at(&g, 1), "Gondor accused Mordor of aggression.  Rohan agreed.", "tabari: mid-line comment removed");
    TAP_STREQ(date_at(&g, 2), "2030-12-31", "tabari: 30 is 2030");
    TAP_STREQ(date_at(&g, 3), "1931-01-01", "tabari: 31 is 1931");
    TAP_STREQ(id_at(&g, 4), "T-06", "tabari: record after a bad date");
    TAP_STREQ(date_at(&g, 4), "2015-06-07", "tabari: eight-digit date");
    TAP_STREQ(text_at(&g, 4), "Eight digit date.", "tabari: trailing comment dropped");
    TAP_STREQ(id_at(&g, 5), "T-08", "tabari: last record without a blank line");
    TAP_STREQ(text_at(&g, 5), "Last record without a trailing blank line.", "tabari: last text");
    TAP_OK(g.skipped == 2, "tabari: two skipped (got %zu)", g.skipped);
    TAP_OK(said(&g, "records.tabari:20: ", "T-05", "9501201"), "tabari: seven-digit date reported");
    TAP_OK(said(&g, "records.tabari:28: ", "T-07", "950230"), "tabari: February 30 reported");

    static const char bad[] =
        "950101  B-01\nGood one.\n\n"
        "950102  B-02\nFirst line fine.\nSecond \xc3 bad.\n\n"
        "stray prose outside a record\nmore prose\n\n"
        "950103  B-03\nGood three.\n";
    write_str("bad.tabari", bad);
    read_all(&g, tmp_path("bad.tabari"), FM_FORMAT_TABARI, NULL, 0);
    TAP_OK(g.n == 2, "tabari bad: two good records (got %d)", g.n);
    TAP_STREQ(id_at(&g, 1), "B-03", "tabari bad: record after the bad ones");
    TAP_STREQ(text_at(&g, 1), "Good three.", "tabari bad: its text");
    TAP_OK(g.skipped == 2, "tabari bad: two skipped (got %zu)", g.skipped);
    TAP_OK(said(&g, "bad.tabari:6: invalid UTF-8 at byte 8 (record id B-02)", NULL, NULL), "tabari bad: invalid UTF-8 line and byte");
    TAP_OK(said(&g, "bad.tabari:8: text outside a TABARI record", NULL, NULL), "tabari bad: stray text reported once");

    if (access(SHARED "/peers/tabari/validation/Validate.text", R_OK) == 0) {
        read_all(&g, SHARED "/peers/tabari/validation/Validate.text", FM_FORMAT_AUTO, NULL, 0);
        TAP_OK(g.n >= 330, "Validate.text: records read (%d, skipped %zu)", g.n, g.skipped);
        TAP_STREQ(id_at(&g, 0), "START-00", "Validate.text: first id");
        TAP_STREQ(date_at(&g, 0), "2000-01-01", "Validate.text: 00 is 2000");
        TAP_STREQ(id_at(&g, 2), "DEMO-02", "Validate.text: third id");
        TAP_OK(g.n > 2 && strncmp(g.text[2], "Arnor is about To Restore", 25) == 0 && !strstr(g.text[2], "{"),
               "Validate.text: text without the comment");
        int yyyy = -1;
        for (int i = 0; i < g.n; i++) if (strcmp(g.id[i], "YYYY-02") == 0) yyyy = i;
        TAP_STREQ(date_at(&g, yyyy < 0 ? g.n : yyyy), "1914-07-24", "Validate.text: eight-digit date 19140724");
        read_all(&g, SHARED "/peers/tabari/validation/TABARI.Demo.text", FM_FORMAT_AUTO, NULL, 0);
        TAP_OK(g.n == 46 && g.skipped == 0, "TABARI.Demo.text: \"950101*INTRO\" header sniffed, 46 records (got %d)", g.n);
        TAP_STREQ(id_at(&g, 1), "DEMO-01", "TABARI.Demo.text: second id");
    } else {
        printf("ok %d - # SKIP no ../shared\n", ++tap_n);
    }
    release(&g);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fm_reader_XXXXXX");
    if (!mkdtemp(tmpdir)) { printf("not ok 1 - mkdtemp\n1..1\n"); return 1; }
    test_format_parse();
    test_jsonl();
    test_jsonl_bad_bytes();
    test_text();
    test_stdin();
    test_petrarch();
    test_tabari();
    static const char *const made[] = { "articles.jsonl.gz", "trunc.jsonl.gz", "bad.jsonl", "deep.jsonl", "long.jsonl",
        "plain.txt", "iso.txt", "baddate.txt", "badutf.txt", "blob.bin", "empty.txt", "blank.jsonl", "big.txt",
        "bad.xml", "bad.tabari" };
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) unlink(tmp_path(made[i]));
    rmdir(tmpdir);
    return TAP_DONE();
}
