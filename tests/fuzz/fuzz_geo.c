/* fuzz_geo.c — libFuzzer harness for the gazetteer lookup (src/geo.h): the
 * input is a place name for fm_geo_lookup and the dateline, and a sentence
 * whose tokens go through the country scan and place resolution. Needs the
 * built gazetteer ($FACTUM_GAZETTEER or build/gazetteer.bin); without it the
 * harness says "no gazetteer" and exits 0 at start-up (run.sh: skip). */
#include "fuzz_common.h"
#include "geo.h"

static fm_gazetteer *gaz;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    gaz = fm_gazetteer_open(NULL, NULL, NULL);
    if (!gaz) {
        fprintf(stderr, "fuzz_geo: no gazetteer (set FACTUM_GAZETTEER); skipped\n");
        exit(0);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) return 0;
    const char *text = (const char *)data;
    fm_geo_context ctx;
    memset(&ctx, 0, sizeof ctx);
    fm_place p;
    if (fm_geo_lookup(gaz, text, size, NULL, &p)) {
        if (p.name) (void)strlen(p.name);
        if (p.admin1) (void)strlen(p.admin1);
    }
    fm_geo_context_dateline(gaz, text, size < 64 ? size : 64, &ctx);
    fm_arena a;
    fm_arena_init(&a, 1 << 14);
    fm_token_vec tok;
    memset(&tok, 0, sizeof tok);
    if (fm_tokenize(text, 0, (uint32_t)size, &a, &tok) == 0) {
        fm_geo_context_scan(gaz, text, tok.a, tok.n, &ctx);
        fm_geo_mention m[16];
        size_t k = fm_geo_mentions(gaz, text, tok.a, tok.n, &ctx, &a, m, 16);
        for (size_t i = 0; i < k; i++) {
            if (m[i].tok_start > m[i].tok_end || m[i].tok_end > tok.n) __builtin_trap();
            if (fm_geo_lookup(gaz, m[i].place.name, strlen(m[i].place.name), &ctx, &p) && p.name) (void)strlen(p.name);
        }
    }
    char a3[4];
    memcpy(a3, size >= 3 ? text : "IRQ", 3);
    a3[3] = 0;
    const char *a2 = fm_country_alpha2(gaz, a3);
    if (a2) (void)fm_country_alpha3(gaz, a2);
    fm_token_vec_free(&tok);
    fm_arena_free(&a);
    return 0;
}
