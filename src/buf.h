/* buf.h — growable byte buffer: the one way factum builds output text (JSON,
 * CSV, messages). Allocation failure is sticky in ->failed; callers check once. */
#ifndef FM_BUF_H
#define FM_BUF_H
#include <stddef.h>

typedef struct fm_buf {
    char *data;
    size_t len, cap;
    int failed;
} fm_buf;

void fm_buf_init(fm_buf *b);
void fm_buf_free(fm_buf *b);
void fm_buf_clear(fm_buf *b);
int fm_buf_reserve(fm_buf *b, size_t extra);
void fm_buf_add(fm_buf *b, const void *p, size_t n);
void fm_buf_adds(fm_buf *b, const char *s);
void fm_buf_addc(fm_buf *b, char c);
void fm_buf_printf(fm_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* JSON string literal with quotes; invalid UTF-8 bytes become U+FFFD. NULL -> null */
void fm_buf_json_str(fm_buf *b, const char *s, size_t n);
void fm_buf_json_cstr(fm_buf *b, const char *s);
const char *fm_buf_cstr(fm_buf *b);   /* NUL-terminated view (not counted in len) */
#endif
