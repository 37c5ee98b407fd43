/* reader.h — input readers: plain text, JSON Lines, PETRARCH <Sentence> XML and
 * TABARI text records, gzip or not (by magic number). One record at a time, in
 * bounded memory; a bad record is reported (file:line) and skipped, never fatal
 * for the records after it. */
#ifndef FM_READER_H
#define FM_READER_H
#include <stddef.h>
#include "factum.h"

typedef enum fm_format {
    FM_FORMAT_AUTO = 0, FM_FORMAT_TEXT, FM_FORMAT_JSONL, FM_FORMAT_PETRARCH, FM_FORMAT_TABARI
} fm_format;

int fm_format_parse(const char *name, fm_format *out);   /* "auto", "text", ... ; 0 ok */

typedef struct fm_reader fm_reader;

typedef struct fm_reader_options {
    fm_format format;
    const char *default_date;   /* --date, or NULL */
    size_t max_record;          /* bytes; larger records are skipped (0 = 16 MiB) */
} fm_reader_options;

/* path NULL or "-" reads stdin. On failure to open returns NULL after
 * reporting "path: message" through diag. */
fm_reader *fm_reader_open(const char *path, const fm_reader_options *opt, fm_diag_fn diag, void *user);
/* 1: *doc holds the next record (valid until the next call); 0: end of input. */
int fm_reader_next(fm_reader *r, fm_doc *doc);
size_t fm_reader_skipped(const fm_reader *r);   /* records reported and skipped */
void fm_reader_close(fm_reader *r);
#endif
