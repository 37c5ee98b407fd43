/* test_fast_paths.c — the word-at-a-time paths of buf.c (JSON escaping eight
 * bytes at a time) and tokenize.re (short ASCII words folded as one 64-bit
 * word, norms packed into chunks) and arena.c (fm_arena_printf joining strings
 * without vsnprintf): each must give what the slow path gives. */
#include "arena.h"
#include "buf.h"
#include "text.h"
#include "tap.h"
#include <stdlib.h>
#include <string.h>

static void json_is(const char *in, size_t n, const char *want, const char *name)
{
    fm_buf b;
    fm_buf_init(&b);
    fm_buf_add(&b, "x", 1);   /* escaping appends: the prefix stays */
    fm_buf_json_str(&b, in, n);
    TAP_STREQ(fm_buf_cstr(&b), want, "json: %s", name);
    TAP_OK(b.len == strlen(want), "json: %s: length %zu", name, b.len);
    fm_buf_free(&b);
}

static void test_json(void)
{
    json_is("", 0, "x\"\"", "empty");
    json_is("ab", 2, "x\"ab\"", "two plain bytes");
    json_is("a\"", 2, "x\"a\\\"\"", "quote as the second of two");
    json_is("USA", 3, "x\"USA\"", "three plain bytes");
    json_is("abcde\"g", 7, "x\"abcde\\\"g\"", "quote in the last four of seven");
    json_is("ab\ncd", 5, "x\"ab\\ncd\"", "newline in the overlap of five");
    json_is("abcd", 4, "x\"abcd\"", "four plain bytes");
    json_is("abcdefgh", 8, "x\"abcdefgh\"", "eight plain bytes");
    json_is("abcdefghijklmnopqrstuvwxyz0123456789ABCD", 40, "x\"abcdefghijklmnopqrstuvwxyz0123456789ABCD\"", "forty plain bytes");
    json_is("abcdefghijklmnopqrst\"vwxyz0123456789ABCD", 40, "x\"abcdefghijklmnopqrst\\\"vwxyz0123456789ABCD\"", "quote as the 21st of forty");
    json_is("abcdefghijklmnopqrstuvwxyz012345678\xc3\xa9", 37, "x\"abcdefghijklmnopqrstuvwxyz012345678\xc3\xa9\"", "UTF-8 in the last 16");
    json_is("abcdefghijklmnopq", 17, "x\"abcdefghijklmnopq\"", "seventeen plain bytes");
    json_is("abcdefg\"ijk", 11, "x\"abcdefg\\\"ijk\"", "quote as the eighth byte");
    json_is("\\bcdefghijk", 11, "x\"\\\\bcdefghijk\"", "backslash as the first byte");
    json_is("abc\ndef\tghij\rk", 14, "x\"abc\\ndef\\tghij\\rk\"", "newline, tab, return inside a run");
    json_is("abcdefgh\x01zzzzzzzz\x1f", 18, "x\"abcdefgh\\u0001zzzzzzzz\\u001f\"", "control bytes after 8 and at the end");
    json_is("Caf\xc3\xa9 au lait, s'il", 19, "x\"Caf\xc3\xa9 au lait, s'il\"", "valid UTF-8 copied");
    json_is("abcdefg\xff" "abcdefgh", 16, "x\"abcdefg\xef\xbf\xbd" "abcdefgh\"", "invalid byte as the eighth");
    json_is("abcdefg\xed\xa0\x80zz", 12, "x\"abcdefg\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdzz\"", "surrogate: three replacements");
    json_is("\x7f~ !#$%&()*+,-./0123", 20, "x\"\x7f~ !#$%&()*+,-./0123\"", "DEL and punctuation are plain");
    /* every one of 128 escapes in a row: the room grows at each */
    char many[128];
    memset(many, '"', sizeof many);
    fm_buf b;
    fm_buf_init(&b);
    fm_buf_json_str(&b, many, sizeof many);
    TAP_OK(b.len == 2 + 2 * sizeof many && !b.failed, "json: 128 quotes escaped, got length %zu", b.len);
    fm_buf_free(&b);
}

/* tokens of text (an exact-size heap copy, so ASan sees a read past its end) */
static void toks(const char *text, int phrase, fm_arena *a, fm_token_vec *v)
{
    size_t n = strlen(text);
    char *copy = malloc(n);
    memcpy(copy, text, n);
    v->n = 0;
    if (phrase) fm_tokenize_phrase(copy, n, a, v);
    else fm_tokenize(copy, 0, (uint32_t)n, a, v);
    free(copy);
}

static void test_words(void)
{
    fm_arena a;
    fm_arena_init(&a, 0);
    fm_token_vec v = {0};

    toks("Iraqi forces attacked Mosul", 0, &a, &v);
    TAP_OK(v.n == 4, "words: four tokens, got %zu", v.n);
    TAP_STREQ(v.n > 0 ? v.a[0].norm : NULL, "IRAQI", "words: 'Iraqi' folded");
    TAP_OK(v.n > 0 && v.a[0].flags == FM_TOKF_CAP, "words: 'Iraqi' capitalised, not all caps");
    TAP_STREQ(v.n > 2 ? v.a[2].norm : NULL, "ATTACKED", "words: an 8-byte word folded");
    TAP_OK(v.n > 2 && v.a[2].flags == 0, "words: 'attacked' lower case");
    TAP_STREQ(v.n > 3 ? v.a[3].norm : NULL, "MOSUL", "words: a word ending the text (under 8 bytes left)");

    toks("NATO and ISIS met UN envoy I", 0, &a, &v);
    TAP_OK(v.n == 7 && v.a[0].flags == (FM_TOKF_CAP | FM_TOKF_ALLCAPS), "words: 'NATO' all caps");
    TAP_OK(v.n == 7 && v.a[1].flags == 0 && v.a[1].wclass & FM_WC_CONJ, "words: 'and' lower case, a conjunction");
    TAP_OK(v.n == 7 && v.a[4].flags == (FM_TOKF_CAP | FM_TOKF_ALLCAPS), "words: two-letter 'UN' all caps");
    TAP_OK(v.n == 7 && v.a[6].flags == FM_TOKF_CAP, "words: one-letter 'I' capitalised, not all caps");

    toks("in 1990's the 12345678 x9y McDONALD", 0, &a, &v);
    TAP_OK(v.n == 7, "words: seven tokens, got %zu", v.n);
    TAP_OK(v.n == 7 && v.a[1].kind == FM_TOK_NUMBER && v.a[2].kind == FM_TOK_POSS, "words: '1990's' a number and a possessive");
    TAP_OK(v.n == 7 && v.a[4].kind == FM_TOK_NUMBER, "words: eight digits a number");
    TAP_OK(v.n == 7 && v.a[5].kind == FM_TOK_WORD && v.a[5].flags == 0, "words: 'x9y' a lower-case word");
    TAP_OK(v.n == 7 && v.a[6].flags == FM_TOKF_CAP, "words: 'McDONALD' capitalised, not all caps");
    TAP_STREQ(v.n == 7 ? v.a[6].norm : NULL, "MCDONALD", "words: 'McDONALD' folded");
    TAP_OK(v.n == 7 && v.a[3].wclass & FM_WC_DET, "words: 'the' a determiner");

    toks("Mr. Smith vs. Jones, U.S. officials", 0, &a, &v);
    TAP_STREQ(v.n > 0 ? v.a[0].norm : NULL, "MR.", "words: an abbreviation keeps its period");
    TAP_OK(v.n > 0 && v.a[0].kind == FM_TOK_WORD, "words: 'Mr.' a word");
    TAP_STREQ(v.n > 5 ? v.a[5].norm : NULL, "U.S.", "words: 'U.S.' dotted");

    toks("Al-Nusra_Front_", 1, &a, &v);
    TAP_OK(v.n == 3 && v.a[0].flags == 0 && v.a[1].flags == FM_TOKF_HYPHEN, "phrase: no case flags, a hyphen joint");
    TAP_STREQ(v.n == 3 ? v.a[2].norm : NULL, "FRONT", "phrase: '_' parts a word");

    /* many words: the norms span several chunks and all stay intact */
    char text[60000];
    size_t n = 0;
    for (int i = 0; i < 6000; i++) n += (size_t)snprintf(text + n, sizeof text - n, "w%d ", i % 97);
    toks(text, 0, &a, &v);
    int intact = v.n == 6000;
    for (size_t i = 0; intact && i < v.n; i++) {
        char want[16];
        snprintf(want, sizeof want, "W%d", (int)(i % 97));
        intact = strcmp(v.a[i].norm, want) == 0;
    }
    TAP_OK(intact, "words: 6000 norms intact across chunks");

    fm_token_vec_free(&v);
    fm_arena_free(&a);
}

static void test_arena_printf(void)
{
    fm_arena a;
    fm_arena_init(&a, 0);
    const char *volatile none = NULL;   /* volatile: the compiler must not see the NULL */
    TAP_STREQ(fm_arena_printf(&a, "%s [%s]", "attack", "190"), "attack [190]", "printf: two strings joined");
    TAP_STREQ(fm_arena_printf(&a, "~%s", "GOV"), "~GOV", "printf: a prefix");
    TAP_STREQ(fm_arena_printf(&a, "%.*s [%s%s%s]", 5, "FIGHT WITH", "190", ":", "193"), "FIGHT [190:193]",
              "printf: a precision cuts the string");
    TAP_STREQ(fm_arena_printf(&a, "%.*s|", 9, "abc"), "abc|", "printf: a precision past the end");
    TAP_STREQ(fm_arena_printf(&a, "%.*s|", -1, "abc"), "abc|", "printf: a negative precision is none");
    TAP_STREQ(fm_arena_printf(&a, "100%% %s", "sure"), "100% sure", "printf: %% is a percent sign");
    TAP_STREQ(fm_arena_printf(&a, "%s", ""), "", "printf: the empty string");
    TAP_STREQ(fm_arena_printf(&a, "%s-%d-%02u", "n", -3, 7u), "n--3-07", "printf: other conversions (vsnprintf)");
    char want[16];
    snprintf(want, sizeof want, "[%s]", none);
    TAP_STREQ(fm_arena_printf(&a, "[%s]", none), want, "printf: a NULL string as vsnprintf writes it");
    fm_arena_free(&a);
}

int main(void)
{
    test_json();
    test_arena_printf();
    test_words();
    return TAP_DONE();
}
