/* fuzz_reader.c — libFuzzer harness for the input readers (src/reader.h).
 * Built once per format (FUZZ_FORMAT = text, jsonl, petrarch, tabari) and once
 * as FUZZ_GZIP, where the input is gzip-compressed before auto-detection reads
 * it (first byte odd: the raw bytes are given as a possibly corrupt gzip). */
#include "fuzz_common.h"
#include "reader.h"
#include <zlib.h>

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT FM_FORMAT_AUTO
#endif

#ifdef FUZZ_GZIP
/* Compressing inside the harness lets the fuzzer mutate the content rather
 * than fight the CRC. */
static uint8_t *gzip_of(const uint8_t *data, size_t size, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    size_t cap = deflateBound(&z, size) + 64;
    uint8_t *out = malloc(cap);
    if (!out) { deflateEnd(&z); return NULL; }
    z.next_in = (Bytef *)data; z.avail_in = (uInt)size;
    z.next_out = out; z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) { free(out); return NULL; }
    return out;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *in = data;
    size_t n = size;
    uint8_t *owned = NULL;
#ifdef FUZZ_GZIP
    if (size && (data[0] & 1)) { in = data + 1; n = size - 1; }
    else if (!(owned = gzip_of(data, size, &n))) return 0;
    else in = owned;
#endif
    char path[64];
    int fd = fuzz_memfd(in, n, path);
    free(owned);
    if (fd < 0) return 0;
    /* A small record limit so the skip-oversize path is reachable. */
    fm_reader_options ro = { .format = FUZZ_FORMAT, .default_date = "2024-04-22", .max_record = 16384 };
    int msgs = 0;
    fm_reader *r = fm_reader_open(path, &ro, fuzz_diag, &msgs);
    if (r) {
        fm_doc doc;
        size_t total = 0;
        while (fm_reader_next(r, &doc) == 1) {
            /* Touch every byte the reader hands out so ASan checks the bounds. */
            for (size_t i = 0; i < doc.len; i++) total += (unsigned char)doc.text[i];
            total += strlen(doc.id) + (doc.date ? strlen(doc.date) : 0) + strlen(doc.where ? doc.where : "");
            if (doc.title) total += strlen(doc.title);
            if (doc.source) total += strlen(doc.source);
            if (doc.url) total += strlen(doc.url);
        }
        (void)fm_reader_skipped(r);
        fm_reader_close(r);
        (void)total;
    }
    close(fd);
    return 0;
}
