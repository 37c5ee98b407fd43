/* validate.h — `factum validate`: runs validation suites (TABARI Validate.text
 * records, PETRARCH <Sentence>/<EventCoding> XML, factum's own case files)
 * through the coder and compares each record's expected set of (source,
 * target, code) with the produced set. Reads suites; never prints except to
 * the FILE the caller hands in, never exits.
 *
 * factum case files (tests/cases/validate/ *.txt):
 *   # comment
 *   2024-04-22 protest-01              header: document date and case id
 *   Kenyan students protested ...      the text (one or more lines)
 *   > KENEDU KENGOV 141                an expected event: SRC TGT CODE ("-": no target)
 *   > none                             or: no event may be coded
 *   (blank line ends the case)
 *   dict: PATH                         before any case: load PATH instead of the default lexicon
 */
#ifndef FM_VALIDATE_H
#define FM_VALIDATE_H
#include <stdio.h>
#include "factum.h"
#include "arena.h"
#include "vec.h"

typedef enum fm_validate_format {
    FM_VALIDATE_AUTO = 0,   /* by name, then content */
    FM_VALIDATE_TABARI,     /* Validate.text (or its .project) */
    FM_VALIDATE_PETRARCH,   /* PETR.UnitTest.records.xml */
    FM_VALIDATE_CASES       /* factum case file */
} fm_validate_format;

typedef struct fm_validate_options {
    fm_validate_format format;
    const char *const *dicts;   /* n_dicts paths: used instead of the suite's own dictionaries */
    int n_dicts;
    const char *only;           /* fnmatch pattern on record ids: run only these (NULL: all) */
    int verbose;                /* also print "ok ID" for records that pass */
    int all;                    /* TABARI: also run the records after FINAL-01 (non-standard) */
    const fm_options *coder;    /* passed to fm_coder_new (NULL: defaults) */
} fm_validate_options;

typedef struct fm_validate_result { int passed, failed, skipped; } fm_validate_result;

/* Runs every record of the suite in path and prints each failure to report as
 *   FAIL id: expected {SRC TGT CODE} ... produced {SRC TGT CODE} ...
 * followed by an indented "file:line: text" line, then one line
 *   path: N passed, M failed, K skipped (P.P%)
 * Counts are ADDED to *out (so a caller can sum several files). Returns 0, or
 * -1 when the suite or its dictionaries cannot be read (reported via diag). */
int fm_validate_file(const char *path, const fm_validate_options *opt, FILE *report,
                     fm_diag_fn diag, void *user, fm_validate_result *out);

/* The closing line: "N passed, M failed" (plus ", K skipped" when K > 0). */
void fm_validate_print_total(FILE *report, const fm_validate_result *r);

/* ---- the parsed suite (for tests and tools) ---- */

/* One expected event; target NULL when the record expects none. */
typedef struct fm_vevent { const char *source, *target, *code; } fm_vevent;
FM_VEC(fm_vevent_vec, fm_vevent)

typedef enum fm_vexpect {
    FM_VX_EVENTS = 0,   /* exactly the events listed */
    FM_VX_NONE,         /* {---}, noevents="True", "> none" */
    FM_VX_DISCARD,      /* {###}, error="sentencediscard"/"storydiscard": no events */
    FM_VX_COMPLEX,      /* {+++}: TABARI rejects the sentence as complex: no events */
    FM_VX_ERROR         /* PETRARCH error="dateline" etc.: no events */
} fm_vexpect;

typedef struct fm_vrecord {
    const char *id;
    const char *date;          /* "YYYY-MM-DD" or NULL */
    const char *text;          /* NUL-terminated, entities decoded */
    size_t text_len;
    const char *where;         /* "file:line" of the header */
    fm_vexpect expect;
    const fm_vevent *expected; /* valid once the suite is read */
    size_t n_expected;
    size_t first_expected;     /* index into the suite's events, while reading */
    const char *skip;          /* non-NULL: why the record is not run */
    const char *options;       /* options in effect ("new_actor_length=4; ..."), or NULL */
    int require_dyad;          /* produced events without source and target code are ignored */
} fm_vrecord;
FM_VEC(fm_vrecord_vec, fm_vrecord)

typedef struct fm_vsuite {
    fm_arena arena;
    fm_validate_format format;
    const char *path;
    const char *dicts[8];      /* the suite's own dictionary files */
    int n_dicts;
    fm_vrecord_vec records;
    fm_vevent_vec events;
    const char *unsupported;   /* option names the coder has no switch for, or NULL */
} fm_vsuite;

/* Reads (but does not run) a suite; NULL after reporting through diag. */
fm_vsuite *fm_vsuite_read(const char *path, fm_validate_format format, fm_diag_fn diag, void *user);
void fm_vsuite_free(fm_vsuite *s);

/* 1 when the produced events give exactly the expected set (duplicates and
 * order do not matter; a missing target matches only a missing target; with
 * r->require_dyad, events lacking a source or target code are left out). */
int fm_validate_match(const fm_vrecord *r, const fm_event *ev, size_t n);
#endif
