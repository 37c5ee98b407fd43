/* test_issues.c — PETRARCH-style issue coding: an issues dictionary (the
 * Phoenix.IssueCoding.txt format: "<ISSUE ...>" blocks, "phrase [CODE]",
 * "n:" word marks, "~phrase" exclusions) is loaded beside the default lexicon
 * and every event of a sentence carries the issues its words name. */
#include "tap.h"
#include "factum.h"
#include <stdlib.h>
#include <unistd.h>

static int n_diag;
static void diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    (void)user; (void)lv;
    n_diag++;
    printf("# diag %s: %s\n", where ? where : "?", msg);
}

static const char ISSUES[] =
    "# a small issues file in the Phoenix format, written for this test\n"
    "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
    "n:teacher [TEACHERS]\n"
    "n:kindergarten [EARLY_CHILDHOOD_EDUCATION]\n"
    "head start [EARLY_CHILDHOOD_EDUCATION]\n"
    "~a head start\n"
    "</ISSUE>\n"
    "<ISSUE CATEGORY=\"ENERGY\" TYPE=\"ALL\">\n"
    "oil field [OIL]\n"
    "</ISSUE>\n";

/* The issues of the first event of text, joined by spaces ("" for none, "-" for no event). */
static const char *issues_of(fm_coder *c, const char *text, char *buf, size_t cap)
{
    fm_doc doc = { .id = "t", .date = "2024-04-22", .text = text, .len = strlen(text), .where = "t" };
    const fm_event *ev;
    size_t n;
    if (fm_coder_code(c, &doc, &ev, &n) || n == 0) return "-";
    buf[0] = 0;
    for (int i = 0; i < ev[0].n_issues; i++) {
        if (i) strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, ev[0].issues[i], cap - strlen(buf) - 1);
    }
    return buf;
}

int main(void)
{
    char dir[] = "/tmp/factum-issues-XXXXXX", path[256];
    if (!mkdtemp(dir)) { TAP_OK(0, "mkdtemp"); return TAP_DONE(); }
    snprintf(path, sizeof path, "%s/Test.IssueCoding.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { TAP_OK(0, "write %s", path); return TAP_DONE(); }
    fputs(ISSUES, f);
    fclose(f);

    fm_lexicon *lx = fm_lexicon_new(diag, NULL);
    TAP_OK(lx && fm_lexicon_load_default(lx) == 0, "default lexicon");
    n_diag = 0;
    TAP_OK(fm_lexicon_load_path(lx, path) == 0 && n_diag == 0, "issues file loads, exclusion included, no complaint");
    TAP_OK(fm_lexicon_finish(lx) == 0, "lexicon compiled");
    fm_options o = { .default_date = "2024-04-22" };
    fm_coder *c = fm_coder_new(lx, &o, diag, NULL);
    char buf[256];
    TAP_STREQ(issues_of(c, "Police arrested a teacher in Basra on Monday.", buf, sizeof buf), "TEACHERS",
              "a plural-free noun phrase names its issue");
    TAP_STREQ(issues_of(c, "Protesters demanded that the government pay teachers and build kindergartens.", buf, sizeof buf),
              "TEACHERS EARLY_CHILDHOOD_EDUCATION", "plurals match, each issue once, in text order");
    TAP_STREQ(issues_of(c, "Rebels attacked an oil field near Kirkuk.", buf, sizeof buf), "OIL",
              "a two-word phrase");
    TAP_STREQ(issues_of(c, "Police arrested the director of the Head Start programme.", buf, sizeof buf),
              "EARLY_CHILDHOOD_EDUCATION", "'head start' names its issue");
    TAP_STREQ(issues_of(c, "Police arrested a protest leader who had a head start on them.", buf, sizeof buf), "",
              "an exclusion ('~a head start') covers the phrase inside it");
    TAP_STREQ(issues_of(c, "Iraqi forces shelled a village near Mosul.", buf, sizeof buf), "",
              "a sentence naming no issue has none");

    /* the JSON record carries them, only when there are some */
    const char *text = "Rebels attacked an oil field near Kirkuk.";
    fm_doc doc = { .id = "t", .date = "2024-04-22", .text = text, .len = strlen(text), .where = "t" };
    const fm_event *ev;
    size_t n;
    char *out = NULL;
    size_t len = 0, cap = 0;
    if (fm_coder_code(c, &doc, &ev, &n) == 0 && n) fm_event_write_json(&ev[0], &doc, &out, &len, &cap);
    TAP_OK(out && strstr(out, "\"issues\":[\"OIL\"]"), "JSON: \"issues\":[\"OIL\"]");
    free(out);
    fm_coder_free(c);
    fm_lexicon_free(lx);

    /* without an issues dictionary the record has no issues key */
    lx = fm_lexicon_new(diag, NULL);
    fm_lexicon_load_default(lx);
    fm_lexicon_finish(lx);
    c = fm_coder_new(lx, &o, diag, NULL);
    out = NULL; len = cap = 0;
    if (fm_coder_code(c, &doc, &ev, &n) == 0 && n) fm_event_write_json(&ev[0], &doc, &out, &len, &cap);
    TAP_OK(out && !strstr(out, "\"issues\""), "JSON: no issues key without an issues dictionary");
    free(out);
    fm_coder_free(c);
    fm_lexicon_free(lx);
    unlink(path);
    rmdir(dir);
    return TAP_DONE();
}
