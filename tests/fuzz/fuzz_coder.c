/* fuzz_coder.c — libFuzzer harness for the whole coding pipeline on one
 * article (sentence split, tokenizer, lexicon match, clauses, context, JSON
 * writer) with the default lexicon. Every event line written must parse as
 * JSON; a slow input is caught by libFuzzer's -timeout. */
#include "fuzz_common.h"
#include <jansson.h>

static fm_lexicon *lx;
static fm_coder *coder;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    lx = fm_lexicon_new(fuzz_diag, NULL);
    if (!lx || fm_lexicon_load_default(lx) || fm_lexicon_finish(lx)) {
        fprintf(stderr, "fuzz_coder: cannot load the default lexicon\n");
        exit(1);
    }
    static const fm_options o = { .default_date = "2024-04-22", .emit_spans = 1 };
    coder = fm_coder_new(lx, &o, fuzz_diag, NULL);
    if (!coder) exit(1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_doc doc = { .id = "fuzz", .date = "2024-04-22", .text = (const char *)data, .len = size, .where = "fuzz" };
    const fm_event *ev;
    size_t n;
    if (fm_coder_code(coder, &doc, &ev, &n)) return 0;
    char *out = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        len = 0;
        if (ev[i].evidence && (ev[i].evidence < doc.text || ev[i].evidence + ev[i].evidence_len > doc.text + size))
            __builtin_trap();   /* evidence must point into the document */
        if (fm_event_write_json(&ev[i], &doc, &out, &len, &cap)) continue;
        json_error_t err;
        json_t *j = json_loadb(out, len, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
        if (!j) {
            fprintf(stderr, "fuzz_coder: event %zu is not JSON: %s\n%.*s", i, err.text, (int)len, out);
            __builtin_trap();
        }
        json_decref(j);
    }
    free(out);
    return 0;
}
