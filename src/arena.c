/* arena.c — see arena.h. Blocks are chained; a request larger than the block
 * size gets a block of its own so big strings never waste a whole block. */
#include "arena.h"
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

void *fm_arena_alloc(fm_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    if (a->limit && a->total + n > a->limit) { a->failed = 1; return NULL; }
    fm_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > a->block_size ? n : a->block_size;
        fm_arena_block *nb = block_new(size);
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
    memset(p, 0, n);
    return p;
}

char *fm_arena_strndup(fm_arena *a, const char *s, size_t n)
{
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

char *fm_arena_printf(fm_arena *a, const char *fmt, ...)
{
    va_list ap;
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
    fm_arena_block *b = a->head;
    if (!b) return;
    /* keep the last (oldest) block of normal size: it is the one reused */
    fm_arena_block *keep = NULL;
    while (b) {
        fm_arena_block *next = b->next;
        if (!keep && b->size == a->block_size) keep = b;
        else free(b);
        b = next;
    }
    if (keep) { keep->next = NULL; keep->used = 0; }
    a->head = keep;
    a->total = 0;
    a->failed = 0;
}

void fm_arena_free(fm_arena *a)
{
    fm_arena_block *b = a->head;
    while (b) {
        fm_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
