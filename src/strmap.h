/* strmap.h — the one hash table: byte-string keys to a 32-bit value, open
 * addressing, keys owned by the caller (usually an arena). */
#ifndef FM_STRMAP_H
#define FM_STRMAP_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct fm_strmap_slot { const char *key; uint32_t len, hash, value; } fm_strmap_slot;
typedef struct fm_strmap { fm_strmap_slot *slots; size_t cap, count; } fm_strmap;

uint32_t fm_hash(const void *p, size_t n);
/* fm_hash one byte at a time (FNV-1a), so that the hashes of every prefix of a
 * key come out of one pass: h = FM_HASH_SEED; h = fm_hash_byte(h, c)...;
 * fm_hash_final(h) equals fm_hash of the bytes so far. */
#define FM_HASH_SEED 2166136261u
static inline uint32_t fm_hash_byte(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }
static inline uint32_t fm_hash_final(uint32_t h) { return h ? h : 1; }
void fm_strmap_init(fm_strmap *m);
void fm_strmap_free(fm_strmap *m);
/* insert or overwrite; returns 0 or -1 on allocation failure */
int fm_strmap_put(fm_strmap *m, const char *key, size_t len, uint32_t value);
/* returns 1 and sets *value if present */
int fm_strmap_get(const fm_strmap *m, const char *key, size_t len, uint32_t *value);

/* The slot of key (hash: its fm_hash), or the empty slot where it would go.
 * Inline with the look-up below: the matchers probe the map several times
 * per token, and a call costs about what a probe does. */
static inline uint64_t fm_strmap_load8(const char *p) { uint64_t x; memcpy(&x, p, 8); return x; }
static inline uint32_t fm_strmap_load4(const char *p) { uint32_t x; memcpy(&x, p, 4); return x; }

/* Keys of 4 to 16 bytes (trie edges, most words) compare as two loads that
 * may overlap, never reading past either key; a memcmp call cost more. */
static inline __attribute__((always_inline)) int fm_strmap_same_key(const char *a, const char *b, size_t len)
{
    if (len >= 8 && len <= 16)
        return fm_strmap_load8(a) == fm_strmap_load8(b) &&
               fm_strmap_load8(a + len - 8) == fm_strmap_load8(b + len - 8);
    if (len >= 4 && len < 8)
        return fm_strmap_load4(a) == fm_strmap_load4(b) &&
               fm_strmap_load4(a + len - 4) == fm_strmap_load4(b + len - 4);
    return memcmp(a, b, len) == 0;
}

static inline __attribute__((always_inline)) fm_strmap_slot *fm_strmap_find(const fm_strmap *m, const char *key,
                                                                             size_t len, uint32_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    for (;;) {
        fm_strmap_slot *s = &m->slots[i];
        /* hash is never 0, so an empty slot (hash 0) never passes the first test */
        if (s->hash == h && s->len == len && fm_strmap_same_key(s->key, key, len)) return s;
        if (!s->key) return s;
        i = (i + 1) & mask;
    }
}

/* fm_strmap_get with the key's fm_hash already known. */
static inline int fm_strmap_get_hashed(const fm_strmap *m, const char *key, size_t len, uint32_t hash,
                                       uint32_t *value)
{
    if (!m->cap) return 0;
    fm_strmap_slot *s = fm_strmap_find(m, key, len, hash);
    if (!s->key) return 0;
    if (value) *value = s->value;
    return 1;
}
#endif
