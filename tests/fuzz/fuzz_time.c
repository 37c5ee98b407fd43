/* fuzz_time.c — libFuzzer harness for the date normalizer (src/time_normalize.h):
 * the first four bytes choose a document date (including years and days far
 * out of range), the rest is a sentence whose tokens fm_when_find reads. */
#include "fuzz_common.h"
#include "time_normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || size > 65536) return 0;
    /* Years 0..4095 and months/days past their ends: the normalizer must
     * never index a table with them. */
    int y = ((data[0] << 8) | data[1]) & 0x0fff, m = data[2] % 16, d = data[3] % 40;
    const char *text = (const char *)data + 4;
    size_t n = size - 4;
    fm_arena a;
    fm_arena_init(&a, 1 << 14);
    fm_token_vec tok;
    memset(&tok, 0, sizeof tok);
    if (fm_tokenize(text, 0, (uint32_t)n, &a, &tok) == 0 && tok.n) {
        fm_when w, base = {0};
        int have_base = 0;
        /* Every window, as the coder asks for each verb's clause. */
        for (size_t from = 0; from < tok.n; from += 1 + tok.n / 8) {
            size_t to = from + 1 + (tok.n - from) / 2;
            if (fm_when_find(text, tok.a, tok.n, from, to, y, m, d, &w)) {
                char out[11];
                if (w.relative_to_event && have_base) fm_when_relative_to(&w, &base);
                fm_when_format(&w, out);
                if (strlen(out) > 10) __builtin_trap();
                if (!w.relative_to_event) { base = w; have_base = 1; }
            }
        }
    }
    /* The civil-date helpers on the raw text as a NUL-terminated string. */
    char s[32];
    size_t k = n < sizeof s - 1 ? n : sizeof s - 1;
    memcpy(s, text, k);
    s[k] = 0;
    int yy, mm, dd;
    if (fm_date_parse(s, &yy, &mm, &dd) == 0) {
        fm_date_add_days(&yy, &mm, &dd, (int)(int8_t)data[0] * 1000);
        (void)fm_date_weekday(yy, mm, dd);
    }
    fm_token_vec_free(&tok);
    fm_arena_free(&a);
    return 0;
}
