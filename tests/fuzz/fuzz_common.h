/* fuzz_common.h — what the libFuzzer harnesses share: a silent diag callback,
 * turning fuzz bytes into a file a path-taking API can open, and the repo's
 * data paths. Harness code, not library code: it may keep process state. */
#ifndef FM_FUZZ_COMMON_H
#define FM_FUZZ_COMMON_H
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "factum.h"

/* Messages are the expected outcome of bad input; only crashes, leaks and
 * sanitizer reports count, so the harness stays quiet. */
static inline void fuzz_diag(void *user, fm_diag_level level, const char *where, const char *msg)
{
    (void)level; (void)where; (void)msg;
    if (user) (*(int *)user)++;
}

/* The input as an anonymous in-memory file: /proc/self/fd/N is a path every
 * reader accepts, and nothing touches the disk. Returns the fd, -1 on error. */
static inline int fuzz_memfd(const uint8_t *data, size_t size, char path[64])
{
    int fd = memfd_create("fuzz", MFD_CLOEXEC);
    if (fd < 0) return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) { close(fd); return -1; }
        off += (size_t)w;
    }
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

/* A private scratch directory for harnesses that need a real file name. */
static inline const char *fuzz_tmpdir(void)
{
    static char dir[128];
    if (!dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/factum-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(dir)) { dir[0] = 0; return NULL; }
    }
    return dir;
}

static inline int fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, size, f) == size;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}
#endif
