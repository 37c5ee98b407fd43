/* arena.c — see arena.h. Blocks are chained; a request larger than the block
 * size gets a block of its own so big strings never waste a whole block. */
#include "arena.h"
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fm_arena_block {
    fm_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void fm_arena_init(fm_arena *a, size_t block_size)
{
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
}

static fm_arena_block *block_new(size_t size)
{
    fm_arena_block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *fm_arena_alloc_raw(fm_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    if (a->limit && a->total + n > a->limit) { a->failed = 1; return NULL; }
    fm_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > a->block_size ? n : a->block_size;
        fm_arena_block *nb;
        if (size == a->block_size && a->spare) {
            nb = a->spare;
            a->spare = nb->next;
            nb->used = 0;
        } else {
            nb = block_new(size);
        }
        if (!nb) { a->failed = 1; return NULL; }
        if (b && n > a->block_size) {        /* big one: insert behind head, keep head's room */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *fm_arena_alloc(fm_arena *a, size_t n)
{
    void *p = fm_arena_alloc_raw(a, n);
    /* the rounded size: callers may rely on the padding being zero too */
    if (p) memset(p, 0, n ? (n + 7) & ~(size_t)7 : 8);
    return p;
}

char *fm_arena_strndup(fm_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) return NULL;      /* n + 1 would wrap to an empty allocation */
    char *p = fm_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *fm_arena_strdup(fm_arena *a, const char *s)
{
    return s ? fm_arena_strndup(a, s, strlen(s)) : NULL;
}

/* fm_arena_printf's formats are mostly names and codes joined ("%s [%s]",
 * "%s%s", "%.*s [%s%s%s]"): those are copied here, at a fraction of what
 * vsnprintf costs. Writes to out (NULL: only measures) and returns the length,
 * or -1 for anything else (another conversion, a NULL string), which then
 * goes to vsnprintf. */
static long join_strings(char *out, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%' || f[1] == '%') {
            if (out) out[n] = *f;
            n++;
            f += *f == '%';
            continue;
        }
        const char *s;
        size_t l;
        if (f[1] == 's') {
            s = va_arg(ap, const char *);
            if (!s) return -1;
            l = strlen(s);
            f += 1;
        } else if (f[1] == '.' && f[2] == '*' && f[3] == 's') {
            int prec = va_arg(ap, int);
            s = va_arg(ap, const char *);
            if (!s) return -1;
            l = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
            f += 3;
        } else {
            return -1;
        }
        if (out) memcpy(out + n, s, l);
        n += l;
    }
    if (n > (size_t)INT_MAX) return -1;
    if (out) out[n] = 0;
    return (long)n;
}

char *fm_arena_printf(fm_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    long j = join_strings(NULL, fmt, ap);
    va_end(ap);
    if (j >= 0) {
        char *p = fm_arena_alloc(a, (size_t)j + 1);
        if (!p) return NULL;
        va_start(ap, fmt);
        join_strings(p, fmt, ap);
        va_end(ap);
        return p;
    }
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = fm_arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void fm_arena_reset(fm_arena *a)
{
    /* keep normal blocks for the next document: coding many small documents
     * must not cost an allocation (and page faults) per document */
    fm_arena_block *b = a->head;
    while (b) {
        fm_arena_block *next = b->next;
        if (b->size == a->block_size) { b->used = 0; b->next = a->spare; a->spare = b; }
        else free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
    a->failed = 0;
}

static void free_chain(fm_arena_block *b)
{
    while (b) {
        fm_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void fm_arena_free(fm_arena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    a->head = a->spare = NULL;
    a->total = 0;
}
