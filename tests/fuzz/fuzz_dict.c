/* fuzz_dict.c — libFuzzer harness for the dictionary loaders: the input is one
 * dictionary file whose name (FUZZ_DICT_NAME: "fuzz.verbs", "fuzz.actors",
 * "fuzz.agents", "fuzz.dict" = kind by content, ...) picks the loader; the
 * lexicon is then finished and codes a fixed article, so the patterns it built
 * are matched too. */
#include "fuzz_common.h"
#include <errno.h>

#ifndef FUZZ_DICT_NAME
#define FUZZ_DICT_NAME "fuzz.dict"
#endif

static const char ARTICLE[] =
    "BAGHDAD, April 22 (Reuters) - Iraqi troops attacked Islamic State militants near Mosul on Sunday, "
    "two security sources said. The United States condemned the attack and Iran denied it had sent "
    "weapons. Protesters demonstrated in Baghdad; police arrested 12 people.";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    setenv("FACTUM_GAZETTEER", "/nonexistent/gazetteer.bin", 1);   /* places are not what is fuzzed here */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_tmpdir();
    if (!dir) return 0;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, FUZZ_DICT_NAME);
    if (fuzz_write_file(path, data, size)) return 0;
    int msgs = 0;
    fm_lexicon *lx = fm_lexicon_new(fuzz_diag, &msgs);
    if (!lx) return 0;
    fm_lexicon_load_path(lx, path);
    if (fm_lexicon_finish(lx) == 0) {
        fm_options o = { .default_date = "2024-04-22" };
        fm_coder *c = fm_coder_new(lx, &o, fuzz_diag, &msgs);
        if (c) {
            fm_doc doc = { .id = "fuzz", .date = "2024-04-22", .text = ARTICLE, .len = sizeof ARTICLE - 1, .where = "fuzz" };
            const fm_event *ev;
            size_t n;
            char *out = NULL;
            size_t len = 0, cap = 0;
            if (fm_coder_code(c, &doc, &ev, &n) == 0)
                for (size_t i = 0; i < n; i++) fm_event_write_json(&ev[i], &doc, &out, &len, &cap);
            free(out);
            fm_coder_free(c);
        }
    }
    fm_lexicon_free(lx);
    unlink(path);
    return 0;
}
