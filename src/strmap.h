/* strmap.h — the one hash table: byte-string keys to a 32-bit value, open
 * addressing, keys owned by the caller (usually an arena). */
#ifndef FM_STRMAP_H
#define FM_STRMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct fm_strmap_slot { const char *key; uint32_t len, hash, value; } fm_strmap_slot;
typedef struct fm_strmap { fm_strmap_slot *slots; size_t cap, count; } fm_strmap;

uint32_t fm_hash(const void *p, size_t n);
void fm_strmap_init(fm_strmap *m);
void fm_strmap_free(fm_strmap *m);
/* insert or overwrite; returns 0 or -1 on allocation failure */
int fm_strmap_put(fm_strmap *m, const char *key, size_t len, uint32_t value);
/* returns 1 and sets *value if present */
int fm_strmap_get(const fm_strmap *m, const char *key, size_t len, uint32_t *value);
#endif
