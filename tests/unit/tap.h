/* tap.h — the unit-test harness: TAP lines ("ok N - name" / "not ok N - name")
 * read by tests/run.sh. A test binary exits non-zero if any check failed. */
#ifndef FM_TAP_H
#define FM_TAP_H
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_OK(cond, ...)                                                      \
    do {                                                                       \
        int ok_ = (cond) ? 1 : 0; /* once: cond may have side effects */     \
        tap_n++;                                                               \
        if (ok_) printf("ok %d - ", tap_n);                                    \
        else { printf("not ok %d - ", tap_n); tap_failed++; }                  \
        printf(__VA_ARGS__);                                                   \
        printf("\n");                                                          \
        if (!ok_) printf("#   at %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
    } while (0)

#define TAP_STREQ(got, want, ...)                                              \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;               \
        TAP_OK(same_, __VA_ARGS__);                                            \
        if (!same_) printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

#define TAP_DONE() (printf("1..%d\n", tap_n), tap_failed ? 1 : 0)
#endif
