/* text_fold.c — UTF-8 helpers for lookup forms: validation and the one case
 * fold (upper case, compatibility-decomposed, Latin accents stripped) that both
 * the tokenizer and the dictionaries use. Must not allocate: callers own dst. */
#include "text.h"
#include <string.h>
#include <utf8proc.h>

int fm_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes at a time: dictionaries and news are mostly ASCII */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned c = p[i];
        if (c < 0x80) { i++; continue; }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;      /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;        /* overlong */
            if (c == 0xED) hi = 0x9F;        /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;        /* overlong */
            if (c == 0xF4) hi = 0x8F;        /* above U+10FFFF */
        } else goto fail;
        if (n - i <= need) goto fail;
        if (p[i + 1] < lo || p[i + 1] > hi) goto fail;
        for (size_t k = 2; k <= need; k++)
            if ((p[i + k] & 0xC0) != 0x80) goto fail;
        i += need + 1;
    }
    return 1;
fail:
    if (bad) *bad = i;
    return 0;
}

/* Letters NFKD leaves alone but a reader of English news would spell in ASCII
 * ("Łódź" -> LODZ, "Ørsted" -> ORSTED). Facts about letters, kept sorted. */
static const struct { int32_t cp; const char *ascii; } latin_extra[] = {
    {0x00C6, "AE"}, {0x00D0, "D"},  {0x00D8, "O"},  {0x00DE, "TH"}, {0x00DF, "SS"},
    {0x00E6, "AE"}, {0x00F0, "D"},  {0x00F8, "O"},  {0x00FE, "TH"}, {0x0110, "D"},
    {0x0111, "D"},  {0x0126, "H"},  {0x0127, "H"},  {0x0131, "I"},  {0x0141, "L"},
    {0x0142, "L"},  {0x0152, "OE"}, {0x0153, "OE"}, {0x0166, "T"},  {0x0167, "T"},
};

static const char *latin_ascii(int32_t cp)
{
    size_t lo = 0, hi = sizeof latin_extra / sizeof latin_extra[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (latin_extra[mid].cp == cp) return latin_extra[mid].ascii;
        if (latin_extra[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Apostrophe look-alikes fold to ASCII so "Sana’a" and "Sana'a" match. */
static int is_apostrophe(int32_t cp)
{
    return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB || cp == 0x2032 ||
           cp == 0x00B4 || cp == 0x0060;
}

/* Combining marks are dropped after Latin, Greek and Cyrillic letters (accents),
 * and Arabic vowel signs are dropped everywhere (lookup ignores them); marks of
 * other scripts (Indic vowel signs) are part of the spelling and stay. */
static int drop_mark(int32_t cp, int32_t base)
{
    if (cp >= 0x064B && cp <= 0x065F) return 1;
    if (cp == 0x0670) return 1;
    const utf8proc_property_t *pr = utf8proc_get_property(cp);
    if (pr->category != UTF8PROC_CATEGORY_MN) return 0;
    return base < 0x0530;
}

/* Appends n bytes at *o if they fit; the needed length is counted anyway. */
static void put(char *dst, size_t cap, size_t *o, const char *b, size_t n)
{
    if (*o + n < cap) memcpy(dst + *o, b, n);
    *o += n;
}

/* Returns the folded length (like snprintf, it may exceed cap - 1: then dst
 * holds a prefix cut at a character boundary). dst is NUL-terminated if cap > 0. */
size_t fm_fold_upper(const char *s, size_t n, char *dst, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, i = 0, fit = 0;   /* fit: length of the prefix that fits whole */
    int32_t base = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {             /* ASCII fast path */
            char u = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            if (c == '`') u = '\'';
            put(dst, cap, &o, &u, 1);
            if (o < cap) fit = o;
            base = (int32_t)c;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {               /* invalid byte: U+FFFD, never copy the raw byte */
            put(dst, cap, &o, "\xEF\xBF\xBD", 3);
            if (o < cap) fit = o;
            i++;
            continue;
        }
        i += (size_t)k;
        if (is_apostrophe(cp)) {
            put(dst, cap, &o, "'", 1);
            if (o < cap) fit = o;
            continue;
        }
        utf8proc_int32_t dec[32];
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 32, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
        if (nd <= 0 || nd > 32) { dec[0] = cp; nd = 1; }
        for (utf8proc_ssize_t d = 0; d < nd; d++) {
            int32_t x = dec[d];
            if (d > 0 || utf8proc_get_property(x)->category == UTF8PROC_CATEGORY_MN) {
                if (drop_mark(x, base)) continue;
            }
            const char *ascii = latin_ascii(x);
            if (ascii) {
                put(dst, cap, &o, ascii, strlen(ascii));
                base = 'A';
                continue;
            }
            if (utf8proc_get_property(x)->category != UTF8PROC_CATEGORY_MN) base = x;
            x = utf8proc_toupper(x);
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t ne = utf8proc_encode_char(x, enc);
            put(dst, cap, &o, (const char *)enc, (size_t)ne);
        }
        if (o < cap) fit = o;
    }
    if (cap) dst[o < cap ? o : fit] = 0;
    return o;
}
