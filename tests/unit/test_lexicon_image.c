/* test_lexicon_image.c — the compiled lexicon (lexicon_image.c) from the inside:
 * factum's default lexicon saved and read back codes a short article into the
 * same events; a file whose bytes were changed and whose checksum was then made to
 * fit again (what no accident does, but a hand or a bug may) is refused or
 * read, never read out of bounds (the suite also runs this under ASan); one
 * loaded beside another dictionary is refused. */
#include "lexicon.h"
#include "tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEAD 60    /* magic 8, record sizes 32, pool and body lengths 16, checksum 4 */

static const char *ARTICLE =
    "Rockets were fired from the border town of Zummar at a US base in north-eastern Syria on Sunday, "
    "two security sources told Reuters. The Islamic Resistance in Iraq said it had launched drones at the "
    "base. Iraqi police arrested three men in Mosul on Monday.";

static void quiet(void *user, fm_diag_level level, const char *where, const char *msg)
{
    (void)user; (void)level; (void)where; (void)msg;
}

/* The events of ARTICLE as "code source target" lines, or NULL when the lexicon does not finish. */
static char *code_article(fm_lexicon *lx)
{
    if (fm_lexicon_finish(lx)) return NULL;
    fm_coder *c = fm_coder_new(lx, NULL, quiet, NULL);
    if (!c) return NULL;
    fm_doc d = { .id = "t", .date = "2025-03-02", .text = ARTICLE, .len = strlen(ARTICLE) };
    const fm_event *ev;
    size_t n = 0;
    char *out = calloc(1, 4096);
    if (out && fm_coder_code(c, &d, &ev, &n) == 0)
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(out);
            snprintf(out + l, 4096 - l, "%s %s %s\n", ev[i].code, ev[i].source.code ? ev[i].source.code : "-",
                     ev[i].target.code ? ev[i].target.code : "-");
        }
    fm_coder_free(c);
    return out;
}

static int read_all(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *data = malloc((size_t)n);
    int ok = *data && fread(*data, 1, (size_t)n, f) == (size_t)n;
    fclose(f);
    *len = (size_t)n;
    return ok ? 0 : -1;
}

int main(void)
{
    char path[] = "/tmp/factum-image-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { printf("not ok 1 - mkstemp\n1..1\n"); return 1; }
    close(fd);

    fm_lexicon *src = fm_lexicon_new(quiet, NULL);
    fm_lexicon_load_default(src);
    char *want = code_article(src);
    TAP_OK(want && strlen(want) > 0, "the default lexicon codes the article:\n%s", want ? want : "");
    TAP_OK(fm_lexicon_save(src, path) == 0, "fm_lexicon_save writes %s", path);

    fm_lexicon *img = fm_lexicon_new(quiet, NULL);
    TAP_OK(fm_lexicon_load_path(img, path) == 0, "the compiled lexicon loads");
    char *got = code_article(img);
    TAP_OK(got && want && strcmp(got, want) == 0, "... and codes the same events:\n%s", got ? got : "(none)");
    free(got);
    fm_lexicon_free(img);

    fm_lexicon *two = fm_lexicon_new(quiet, NULL);
    fm_lexicon_load_default(two);
    TAP_OK(fm_lexicon_load_path(two, path) != 0 && fm_lexicon_finish(two) != 0,
           "beside the default lexicon: refused, and the lexicon does not finish");
    fm_lexicon_free(two);

    /* changed bytes with a checksum that fits them again */
    char *data = NULL;
    size_t len = 0;
    int read_ok = read_all(path, &data, &len) == 0 && len > HEAD;
    TAP_OK(read_ok, "the file reads back (%zu bytes)", len);
    int refused = 0, read_back = 0, coded = 0, finish_refused = 0;
    unsigned seed = 12345;
    char *buf = read_ok ? malloc(len) : NULL;
    for (int trial = 0; buf && trial < 300; trial++) {
        memcpy(buf, data, len);
        int flips = 1 + trial % 4;
        for (int k = 0; k < flips; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = HEAD + (seed >> 8) % (len - HEAD);
            seed = seed * 1103515245u + 12345u;
            buf[pos] = (char)(seed >> 16);
        }
        uint64_t pool_len;
        memcpy(&pool_len, buf + HEAD - 20, 8);
        uint32_t sum = fm_lexicon_image_sum(buf + HEAD, pool_len, buf + HEAD + pool_len, len - HEAD - pool_len);
        memcpy(buf + HEAD - 4, &sum, 4);
        fm_lexicon *lx = fm_lexicon_new(quiet, NULL);
        if (fm_lexicon_load_image(lx, "changed", buf, len) != 0) {
            refused++;
            if (fm_lexicon_finish(lx) != 0) finish_refused++;   /* and a half-read lexicon frees cleanly */
        } else {
            read_back++;
            char *o = code_article(lx);
            if (o) coded++;
            free(o);
        }
        fm_lexicon_free(lx);
    }
    TAP_OK(refused + read_back == 300 && refused > 100,
           "300 changed files: %d refused, %d read (%d of them coded the article), none read out of bounds",
           refused, read_back, coded);
    TAP_OK(finish_refused == refused, "a refused file leaves a lexicon that does not finish (%d of %d)",
           finish_refused, refused);
    /* a truncated file, at every length of the header and a few of the body */
    int trunc_refused = 0, trunc_n = 0;
    for (size_t l = 0; read_ok && l < len; l = l < HEAD + 8 ? l + 1 : l * 3 / 2) {
        fm_lexicon *lx = fm_lexicon_new(quiet, NULL);
        trunc_n++;
        if (fm_lexicon_load_image(lx, "short", data, l) != 0) trunc_refused++;
        fm_lexicon_free(lx);
    }
    TAP_OK(trunc_n > 0 && trunc_refused == trunc_n, "%d truncated files: all refused", trunc_n);
    free(buf);
    free(data);
    free(want);
    fm_lexicon_free(src);
    unlink(path);
    return TAP_DONE();
}
