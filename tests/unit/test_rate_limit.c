/* test_rate_limit.c — the per-client token buckets of POST /api/code, on a
 * clock the test sets: bursts, refill, separate clients, a full table. */
#include "tap.h"
#include "rate_limit.h"

static unsigned take(fm_rate_limit *rl, const char *ip, double now)
{
    return fm_rate_limit_take(rl, ip, strlen(ip), now);
}

int main(void)
{
    TAP_OK(fm_rate_limit_new(0, 5, 0) == NULL, "a rate of 0 is refused");
    TAP_OK(fm_rate_limit_new(30, 0, 0) == NULL, "a burst of 0 is refused");
    /* 30 a minute = one every 2 s, 5 at once */
    fm_rate_limit *rl = fm_rate_limit_new(30, 5, 0);
    int allowed = 0;
    for (int i = 0; i < 5; i++) allowed += take(rl, "10.0.0.1", 100.0) == 0;
    TAP_OK(allowed == 5, "a burst of 5 is allowed at once (%d)", allowed);
    unsigned w = take(rl, "10.0.0.1", 100.0);
    TAP_OK(w == 2, "the 6th waits 2 s (one token every 2 s): %u", w);
    TAP_OK(take(rl, "10.0.0.2", 100.0) == 0, "another client has its own bucket");
    TAP_OK(take(rl, "10.0.0.1", 101.0) == 1, "1 s later: 1 s more to wait");
    TAP_OK(take(rl, "10.0.0.1", 102.1) == 0, "2.1 s later one more is allowed");
    TAP_OK(take(rl, "10.0.0.1", 102.2) != 0, "and only one");
    allowed = 0;
    for (int i = 0; i < 8; i++) allowed += take(rl, "10.0.0.1", 1000.0) == 0;
    TAP_OK(allowed == 5, "after a long pause the bucket is full again, not more (%d)", allowed);
    TAP_OK(take(rl, "10.0.0.1", 999.0) != 0, "a clock going backwards refills nothing");
    fm_rate_limit_free(rl);

    /* A table of 16 slots and 1000 clients: memory stays fixed, old clients
     * are forgotten, a client that keeps coming keeps its (empty) bucket. */
    rl = fm_rate_limit_new(1, 1, 16);
    TAP_OK(take(rl, "busy", 0) == 0, "a client's first request is allowed");
    int refused = 0;
    char ip[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(ip, sizeof ip, "192.168.%d.%d", i / 256, i % 256);
        take(rl, ip, 1 + i * 0.001);
        refused += take(rl, "busy", 1 + i * 0.001) != 0;
    }
    TAP_OK(refused == 1000, "a client seen on every request stays limited among 1000 others (%d)", refused);
    fm_rate_limit_free(rl);
    fm_rate_limit_free(NULL);
    return TAP_DONE();
}
