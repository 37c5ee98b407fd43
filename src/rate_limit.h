/* rate_limit.h — per-client token buckets: each client (a byte-string key,
 * e.g. its IP address) may take `burst` requests at once and then one every
 * 60/per_minute seconds. A fixed table: memory does not grow with the number
 * of clients; when it is full the client seen longest ago is forgotten (and
 * starts again with a full bucket). Thread-safe per handle. */
#ifndef FM_RATE_LIMIT_H
#define FM_RATE_LIMIT_H
#include <stddef.h>

typedef struct fm_rate_limit fm_rate_limit;

/* per_minute > 0, burst > 0; slots is the table size (0 = 1024). NULL when out of memory. */
fm_rate_limit *fm_rate_limit_new(double per_minute, double burst, size_t slots);
void fm_rate_limit_free(fm_rate_limit *rl);
/* Takes one request for key at time now (seconds, monotonic): 0 when allowed,
 * else the whole seconds to wait before the next one is (>= 1). Keys longer
 * than 16 bytes are cut to their first 16. */
unsigned fm_rate_limit_take(fm_rate_limit *rl, const void *key, size_t key_len, double now);
#endif
