/* test_reader_flat.c — the JSON Lines reader's own parser for flat records of
 * strings must give what jansson gives: every line below is read through
 * fm_reader and compared field by field with jansson's reading of the same line
 * (an independent parser), plus hand-written expectations for the escapes. */
#include "reader.h"
#include "tap.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const lines[] = {
    "{\"id\":\"a1\",\"date\":\"2024-04-22\",\"text\":\"Iraqi troops attacked Mosul.\"}",
    "{\"id\": \"a2\", \"date\": \"2024-04-22\", \"title\": \"T\", \"source\": \"S\", \"url\": \"http:\\/\\/x.org\\/a\", \"text\": \"line one\\nline two\\r\\n\\ttab \\\"quoted\\\" back\\\\slash\"}",
    "  {\"text\":\"caf\\u00e9 \\u2019s \\ud83d\\ude00 \\b\\f end\",\"id\":\"a3\",\"date\":\"2024-04-22T10:00:00Z\"}  ",
    "{\"id\":\"a4\",\"date\":null,\"title\":null,\"text\":\"no date\"}",
    "{\"id\":\"a5\",\"date\":\"\",\"text\":\"empty date\",\"extra\":\"ignored\"}",
    "{\"id\":7,\"date\":\"2024-04-22\",\"text\":\"numeric id: jansson's path\"}",
    "{\"id\":\"a7\",\"date\":\"2024-04-22\",\"text\":\"nested: jansson's path\",\"tags\":[\"x\",{\"y\":1}]}",
    "{\"id\":\"a8\",\"date\":\"2024-04-22\",\"text\":\"\\u00C9tat \\u0041\"}",
    "{\"id\":\"a9\",\"date\":\"2024-04-22\",\"text\":\"\"}",
    "{\"id\":\"dup\",\"date\":\"2024-04-22\",\"text\":\"x\",\"text\":\"y\"}",
    "{\"id\":\"lone\",\"date\":\"2024-04-22\",\"text\":\"bad \\ud83d surrogate\"}",
    "{\"id\":\"nul\",\"date\":\"2024-04-22\",\"text\":\"nul \\u0000 here\"}",
    "{\"id\":\"trail\",\"date\":\"2024-04-22\",\"text\":\"x\"} junk",
    "{\"id\":\"baddate\",\"date\":\"2024-13-40\",\"text\":\"x\"}",
    "{\"id\":\"b1\",\"date\":\"2024-04-22\",\"text\":\"after the bad ones\"}",
};
#define N_LINES (sizeof lines / sizeof lines[0])

typedef struct want { const char *id, *date, *title, *source, *url, *text; size_t len; } want;

static int n_diag;
static void diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    (void)user, (void)lv, (void)where, (void)msg;
    n_diag++;
}

/* jansson's reading of a line, the way reader.c's jansson path reads it; 0 if it skips it. */
static int jansson_reads(const char *line, want *w, json_t **keep)
{
    json_error_t je;
    json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &je);
    *keep = o;
    if (!json_is_object(o)) return 0;
    json_t *id = json_object_get(o, "id"), *tx = json_object_get(o, "text"), *dt = json_object_get(o, "date");
    memset(w, 0, sizeof *w);
    if (json_is_string(id) && json_string_length(id) > 0) w->id = json_string_value(id);
    else if (json_is_integer(id)) w->id = "7";
    else return 0;
    if (!json_is_string(tx)) return 0;
    w->text = json_string_value(tx);
    w->len = json_string_length(tx);
    if (json_is_string(dt) && json_string_length(dt) > 0) {
        const char *d = json_string_value(dt);
        int y, m, dd;
        if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12 || dd < 1 || dd > 31) return 0;
        w->date = d;   /* compared on the first 10 bytes */
    }
    json_t *v;
    w->title = json_is_string(v = json_object_get(o, "title")) ? json_string_value(v) : NULL;
    w->source = json_is_string(v = json_object_get(o, "source")) ? json_string_value(v) : NULL;
    w->url = json_is_string(v = json_object_get(o, "url")) ? json_string_value(v) : NULL;
    return 1;
}

int main(void)
{
    char path[] = "/tmp/factum-test-reader-flat-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { printf("1..0 # SKIP no temporary file\n"); return 0; }
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < N_LINES; i++) fprintf(f, "%s\n", lines[i]);
    fclose(f);

    fm_reader_options opt = { .format = FM_FORMAT_JSONL };
    fm_reader *r = fm_reader_open(path, &opt, diag, NULL);
    TAP_OK(r != NULL, "reader opens the test file");
    if (!r) { unlink(path); return TAP_DONE(); }
    fm_doc doc;
    int got = fm_reader_next(r, &doc), skipped = 0;
    for (size_t i = 0; i < N_LINES; i++) {
        want w;
        json_t *keep;
        int reads = jansson_reads(lines[i], &w, &keep);
        if (!reads) { skipped++; json_decref(keep); continue; }
        TAP_OK(got == 1, "line %zu read", i + 1);
        if (got != 1) { json_decref(keep); break; }
        TAP_STREQ(doc.id, w.id, "line %zu: id", i + 1);
        TAP_OK(doc.len == w.len && !memcmp(doc.text, w.text, w.len), "line %zu: text as jansson decodes it", i + 1);
        TAP_OK(doc.text[doc.len] == 0, "line %zu: text NUL-terminated", i + 1);
        if (w.date) TAP_OK(doc.date && !strncmp(doc.date, w.date, 10) && strlen(doc.date) == 10, "line %zu: date", i + 1);
        else TAP_OK(doc.date == NULL, "line %zu: no date (no --date given)", i + 1);
        TAP_STREQ(doc.title, w.title, "line %zu: title", i + 1);
        TAP_STREQ(doc.source, w.source, "line %zu: source", i + 1);
        TAP_STREQ(doc.url, w.url, "line %zu: url", i + 1);
        /* hand-written expectations for the escapes */
        if (i == 1) TAP_STREQ(doc.text, "line one\nline two\r\n\ttab \"quoted\" back\\slash", "escapes \\n \\r \\t \\\" \\\\");
        if (i == 1) TAP_STREQ(doc.url, "http://x.org/a", "escaped slashes");
        if (i == 2) TAP_STREQ(doc.text, "caf\xC3\xA9 \xE2\x80\x99s \xF0\x9F\x98\x80 \b\f end", "\\u escapes and a surrogate pair");
        if (i == 7) TAP_STREQ(doc.text, "\xC3\x89tat A", "upper-case hex digits");
        json_decref(keep);
        got = fm_reader_next(r, &doc);
    }
    TAP_OK(got == 0, "nothing more after the last good line");
    TAP_OK((int)fm_reader_skipped(r) == skipped, "skipped %zu, as jansson's path would (%d)", fm_reader_skipped(r), skipped);
    TAP_OK(n_diag == skipped, "one message per skipped line (%d)", n_diag);
    fm_reader_close(r);
    unlink(path);
    return TAP_DONE();
}
