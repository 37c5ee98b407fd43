/* buf.c — see buf.h. */
#include "buf.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void fm_buf_init(fm_buf *b) { memset(b, 0, sizeof *b); }
void fm_buf_free(fm_buf *b) { free(b->data); memset(b, 0, sizeof *b); }
void fm_buf_clear(fm_buf *b) { b->len = 0; }

int fm_buf_grow(fm_buf *b, size_t extra)
{
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) { b->failed = 1; return -1; }
    b->data = p;
    b->cap = cap;
    return 0;
}

void fm_buf_printf(fm_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { fm_buf_add(b, small, (size_t)n); return; }
    if (fm_buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 if invalid/overlong/surrogate. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

/* High bit set in each byte of w that JSON output must not copy as it is: a
 * control byte, a non-ASCII byte, '"' or '\\' (marks above the first such byte
 * may be spurious: callers only look at the lowest). */
static inline uint64_t special_bytes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    /* x - 1 borrows into the high bit of a zero byte, x - 0x20 of a byte below 0x20 */
    return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | w) & high;
}

#if defined(__SSE2__)
/* special_bytes for 16 bytes, exactly (no spurious marks): a signed byte below
 * 0x20 is a control byte or a non-ASCII one */
static inline __m128i special_bytes16(__m128i v, __m128i quote, __m128i backslash, __m128i space)
{
    return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space));
}
#endif

static int plain_byte(unsigned c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/* Copies the bytes of p[0, n) that JSON takes as they are, up to the first
 * that needs care, to d (room for n bytes); returns how many. A word at a
 * time: 8 bytes, the last word overlapping the one before it, and under 8
 * bytes two words of 4 that may overlap, so that a plain string (most are:
 * codes, names, dates) costs a few loads and stores whatever its length. A
 * store may write bytes past the count, within the n of room. Inline in
 * json_str: most strings are one short run, and the call cost a tenth of it. */
static inline __attribute__((always_inline)) size_t copy_plain(char *d, const unsigned char *p, size_t n)
{
#if defined(__SSE2__)
    /* 16 bytes at a time where the vector unit is there (every x86-64): the
     * evidence and the other long strings are most of an event's bytes */
    if (n >= 16) {
        const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
        size_t i = 0;
        for (;;) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            _mm_storeu_si128((__m128i *)(void *)(d + i), v);
            unsigned m = (unsigned)_mm_movemask_epi8(special_bytes16(v, quote, backslash, space));
            if (m) return i + (size_t)__builtin_ctz(m);
            i += 16;
            if (i + 16 > n) break;
        }
        if (i == n) return n;
        /* the last 1 to 15 bytes as the final 16, as below for words of 8 */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16));
        _mm_storeu_si128((__m128i *)(void *)(d + n - 16), v);
        unsigned m = (unsigned)_mm_movemask_epi8(special_bytes16(v, quote, backslash, space)) >> (16 - (n - i));
        return m ? i + (size_t)__builtin_ctz(m) : n;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 8) {
        size_t i = 0;
        for (;;) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            memcpy(d + i, &w, 8);
            uint64_t m = special_bytes(w);
            if (m) return i + ((size_t)__builtin_ctzll(m) >> 3);
            i += 8;
            if (i + 8 > n) break;
        }
        if (i == n) return n;
        /* the last 1 to 7 bytes as the final 8: the bytes before them are
         * plain, so the lowest mark past them is the first byte that is not */
        uint64_t w;
        memcpy(&w, p + n - 8, 8);
        memcpy(d + n - 8, &w, 8);
        uint64_t m = special_bytes(w) >> (8 * (8 - (n - i)));
        return m ? i + ((size_t)__builtin_ctzll(m) >> 3) : n;
    }
    if (n >= 4) {
        /* bytes 0-3 and n-4..n-1 side by side in one word: a byte of the
         * overlap that needs care marks the low half first */
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        memcpy(d, &lo, 4);
        memcpy(d + n - 4, &hi, 4);
        uint64_t m = special_bytes(lo | (uint64_t)hi << 32);
        if (!m) return n;
        size_t k = (size_t)__builtin_ctzll(m) >> 3;
        return k < 4 ? k : n - 8 + k;
    }
#endif
    size_t k = 0;
    while (k < n && plain_byte(p[k])) { d[k] = (char)p[k]; k++; }
    return k;
}

/* The escape of the byte (or UTF-8 sequence) at *p, which is not plain, at d
 * (room for 6); returns the end of what it wrote and moves *p past it. */
static char *put_escape(char *d, const unsigned char **p, const unsigned char *end)
{
    static const char hex[] = "0123456789abcdef";
    unsigned c = **p;
    if (c == '"' || c == '\\') { *d++ = '\\'; *d++ = (char)c; }
    else if (c == '\n') { *d++ = '\\'; *d++ = 'n'; }
    else if (c == '\t') { *d++ = '\\'; *d++ = 't'; }
    else if (c == '\r') { *d++ = '\\'; *d++ = 'r'; }
    else if (c < 0x20) {
        memcpy(d, "\\u00", 4);
        d[4] = hex[c >> 4];
        d[5] = hex[c & 15];
        d += 6;
    } else if (c >= 0x80) {
        size_t l = utf8_valid_len(*p, (size_t)(end - *p));
        if (l) { memcpy(d, *p, l); *p += l; return d + l; }
        memcpy(d, "\xEF\xBF\xBD", 3);
        d += 3;
    } else {
        *d++ = (char)c;   /* plain after all (copy_plain never stops at one) */
    }
    (*p)++;
    return d;
}

/* fm_buf_json_str's body, in both callers: most strings are short, and a
 * second call per string cost as much as copying it */
static inline __attribute__((always_inline)) void json_str(fm_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    /* Bytes are written in place, not through fm_buf_add per run: most strings
     * need no escape, so room for them and both quotes is made once, and more
     * only at an escape (which writes at most 6 bytes for one it consumes). */
    if (fm_buf_reserve(b, n + 2)) return;
    char *d = b->data + b->len;
    *d++ = '"';
    for (;;) {
        size_t k = copy_plain(d, p, (size_t)(end - p));
        d += k;
        p += k;
        if (p == end) break;
        b->len = (size_t)(d - b->data);
        if (fm_buf_reserve(b, 6 + (size_t)(end - p) + 1)) return;
        d = put_escape(b->data + b->len, &p, end);
    }
    *d++ = '"';
    b->len = (size_t)(d - b->data);
    *d = 0;
}

void fm_buf_json_str(fm_buf *b, const char *s, size_t n)
{
    if (!s) fm_buf_add(b, "null", 4);
    else json_str(b, s, n);
}

void fm_buf_json_cstr(fm_buf *b, const char *s)
{
    if (!s) fm_buf_add(b, "null", 4);
    else json_str(b, s, strlen(s));
}

const char *fm_buf_cstr(fm_buf *b)
{
    if (fm_buf_reserve(b, 0)) return "";
    b->data[b->len] = 0;
    return b->data;
}
