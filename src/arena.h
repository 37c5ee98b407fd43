/* arena.h — bump allocator owning everything made while coding one document or
 * loading one dictionary. Freed in one call; never returns NULL to callers that
 * check fm_arena_failed() once at the end (allocation failure is sticky). */
#ifndef FM_ARENA_H
#define FM_ARENA_H
#include <stddef.h>

typedef struct fm_arena_block fm_arena_block;
typedef struct fm_arena {
    fm_arena_block *head;
    fm_arena_block *spare;   /* emptied blocks kept by reset for reuse */
    size_t block_size;
    size_t total;      /* bytes handed out, for memory caps */
    size_t limit;      /* 0 = unlimited */
    int failed;
} fm_arena;

void fm_arena_init(fm_arena *a, size_t block_size);
void *fm_arena_alloc(fm_arena *a, size_t n);            /* 8-byte aligned, zeroed */
/* The same, not zeroed: for bytes the caller writes at once (token norms). */
void *fm_arena_alloc_raw(fm_arena *a, size_t n);
char *fm_arena_strndup(fm_arena *a, const char *s, size_t n);
char *fm_arena_strdup(fm_arena *a, const char *s);
char *fm_arena_printf(fm_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fm_arena_reset(fm_arena *a);                        /* keep first block, drop the rest */
void fm_arena_free(fm_arena *a);
#endif
