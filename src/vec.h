/* vec.h — typed growable arrays from one macro (the libpostal way).
 *   FM_VEC(fm_token_vec, fm_token)  declares struct + inline push/reserve/free.
 * Push returns 0, or -1 on allocation failure (the vector is left unchanged). */
#ifndef FM_VEC_H
#define FM_VEC_H
#include <stdlib.h>
#include <string.h>

#define FM_VEC(name, type)                                                     \
    typedef struct name { type *a; size_t n, cap; } name;                      \
    static inline int name##_reserve(name *v, size_t want)                     \
    {                                                                          \
        if (want <= v->cap) return 0;                                          \
        size_t cap = v->cap ? v->cap : 16;                                     \
        while (cap < want) cap *= 2;                                           \
        type *p = realloc(v->a, cap * sizeof(type));                           \
        if (!p) return -1;                                                     \
        v->a = p;                                                              \
        v->cap = cap;                                                          \
        return 0;                                                              \
    }                                                                          \
    static inline int name##_push(name *v, type x)                             \
    {                                                                          \
        if (v->n == v->cap && name##_reserve(v, v->n + 1)) return -1;          \
        v->a[v->n++] = x;                                                      \
        return 0;                                                              \
    }                                                                          \
    static inline void name##_free(name *v)                                    \
    {                                                                          \
        free(v->a);                                                            \
        v->a = NULL;                                                           \
        v->n = v->cap = 0;                                                     \
    }

#endif
