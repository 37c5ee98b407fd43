/* rate_limit.c — per-client token buckets in a fixed open-addressed table
 * (see rate_limit.h). A bucket holds up to `burst` tokens and refills at
 * per_minute/60 tokens a second; a request takes one. */
#include "rate_limit.h"
#include "strmap.h"
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 16
#define PROBES 8                  /* slots looked at per key before evicting */

typedef struct bucket {
    unsigned char key[KEY_MAX];
    unsigned char len;            /* 0: free slot */
    double tokens, last;
} bucket;

struct fm_rate_limit {
    pthread_mutex_t lock;
    double rate, burst;           /* tokens a second, bucket size */
    size_t n;
    bucket *slots;
};

fm_rate_limit *fm_rate_limit_new(double per_minute, double burst, size_t slots)
{
    if (!(per_minute > 0) || !(burst > 0)) return NULL;
    fm_rate_limit *rl = calloc(1, sizeof *rl);
    if (!rl) return NULL;
    rl->n = slots ? slots : 1024;
    rl->slots = calloc(rl->n, sizeof *rl->slots);
    if (!rl->slots) { free(rl); return NULL; }
    rl->rate = per_minute / 60.0;
    rl->burst = burst;
    pthread_mutex_init(&rl->lock, NULL);
    return rl;
}

void fm_rate_limit_free(fm_rate_limit *rl)
{
    if (!rl) return;
    pthread_mutex_destroy(&rl->lock);
    free(rl->slots);
    free(rl);
}

/* The key's bucket, or the probed slot to reuse for it: a free one, else the
 * one touched longest ago. */
static bucket *find(fm_rate_limit *rl, const unsigned char *key, size_t len, int *found)
{
    size_t h = fm_hash(key, len) % rl->n;
    bucket *victim = NULL;
    for (size_t i = 0; i < PROBES && i < rl->n; i++) {
        bucket *b = &rl->slots[(h + i) % rl->n];
        if (b->len == len && !memcmp(b->key, key, len)) { *found = 1; return b; }
        if (!b->len) { if (!victim || victim->len) victim = b; continue; }
        if (!victim || (victim->len && b->last < victim->last)) victim = b;
    }
    *found = 0;
    return victim;
}

unsigned fm_rate_limit_take(fm_rate_limit *rl, const void *key, size_t key_len, double now)
{
    if (key_len > KEY_MAX) key_len = KEY_MAX;
    if (key_len == 0) key_len = 1;   /* an unknown client still gets one shared bucket */
    unsigned char k[KEY_MAX] = { 0 };
    memcpy(k, key, key_len);
    pthread_mutex_lock(&rl->lock);
    int found;
    bucket *b = find(rl, k, key_len, &found);
    if (!found) {
        memcpy(b->key, k, key_len);
        b->len = (unsigned char)key_len;
        b->tokens = rl->burst;
        b->last = now;
    } else if (now > b->last) {
        b->tokens = fmin(rl->burst, b->tokens + (now - b->last) * rl->rate);
        b->last = now;
    }
    unsigned wait = 0;
    if (b->tokens >= 1) b->tokens -= 1;
    else wait = (unsigned)fmin(86400, ceil((1 - b->tokens) / rl->rate));
    pthread_mutex_unlock(&rl->lock);
    return wait;
}
