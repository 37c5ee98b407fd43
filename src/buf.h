/* buf.h — growable byte buffer: the one way factum builds output text (JSON,
 * CSV, messages). Allocation failure is sticky in ->failed; callers check once. */
#ifndef FM_BUF_H
#define FM_BUF_H
#include <stddef.h>
#include <string.h>

typedef struct fm_buf {
    char *data;
    size_t len, cap;
    int failed;
} fm_buf;

void fm_buf_init(fm_buf *b);
void fm_buf_free(fm_buf *b);
void fm_buf_clear(fm_buf *b);
/* the slow path of fm_buf_reserve: grows the buffer (or fails, stickily) */
int fm_buf_grow(fm_buf *b, size_t extra);

/* The adders are inline: output is built of many short pieces (keys, codes,
 * literals whose length the compiler knows), where a call each cost more than
 * the copy. */
static inline int fm_buf_reserve(fm_buf *b, size_t extra)
{
    if (!b->failed && b->len + extra + 1 <= b->cap) return 0;
    return fm_buf_grow(b, extra);
}

static inline void fm_buf_add(fm_buf *b, const void *p, size_t n)
{
    if (fm_buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);   /* p may be NULL when n is 0 (an empty buffer's data) */
    b->len += n;
    b->data[b->len] = 0;
}

static inline void fm_buf_adds(fm_buf *b, const char *s) { fm_buf_add(b, s, strlen(s)); }

static inline void fm_buf_addc(fm_buf *b, char c)
{
    if (fm_buf_reserve(b, 1)) return;
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
void fm_buf_printf(fm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* JSON string literal with quotes; invalid UTF-8 bytes become U+FFFD. NULL -> null */
void fm_buf_json_str(fm_buf *b, const char *s, size_t n);
void fm_buf_json_cstr(fm_buf *b, const char *s);
const char *fm_buf_cstr(fm_buf *b);   /* NUL-terminated view (not counted in len) */
#endif
