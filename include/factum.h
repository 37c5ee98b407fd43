/* factum.h — the public API of libfactum: news text in, event records out.
 *
 * Pipeline: read -> sentences -> tokens -> lexicon matches -> clauses -> events
 * -> context -> write. A fm_lexicon holds dictionaries; it is immutable once
 * fm_lexicon_finish() returns and may be shared by any number of threads. A
 * fm_coder holds per-thread scratch state; use one coder per thread. The
 * library never exits and never prints: every problem is reported through a
 * fm_diag_fn with a "file:line" or "record" location.
 */
#ifndef FACTUM_H
#define FACTUM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FACTUM_VERSION "0.1.0"

/* ---- diagnostics ------------------------------------------------------- */

typedef enum fm_diag_level { FM_WARNING = 1, FM_ERROR = 2 } fm_diag_level;

/* where: "file:line", "file: record 12 (id abc)", or a name; msg: one line. */
typedef void (*fm_diag_fn)(void *user, fm_diag_level level, const char *where, const char *msg);

/* ---- documents --------------------------------------------------------- */

typedef struct fm_doc {
    const char *id;       /* document id (never NULL once read) */
    const char *date;     /* "YYYY-MM-DD" document date, or NULL (unknown) */
    const char *title, *source, *url;   /* optional, may be NULL */
    const char *text;     /* article text, UTF-8 (not necessarily NUL-terminated) */
    size_t len;
    const char *where;    /* "file:line" of the record, for messages */
} fm_doc;

/* ---- events (the record of ../shared/spec/event-record.md) ------------- */

typedef enum fm_mode {
    FM_MODE_ASSERTED, FM_MODE_REPORTED, FM_MODE_CLAIMED,
    FM_MODE_DENIED, FM_MODE_NEGATED, FM_MODE_HYPOTHETICAL
} fm_mode;
const char *fm_mode_name(fm_mode m);

typedef struct fm_actor {
    const char *text;     /* as written (may be "" when implied) */
    const char *code;     /* CAMEO actor code or NULL */
    const char *country;  /* ISO 3166-1 alpha-3 or NULL */
    const char *name;     /* canonical name or NULL */
    uint32_t start, end;  /* byte offsets of text in the document (0,0 if none) */
} fm_actor;

typedef struct fm_place {
    const char *name;
    char country[3];      /* ISO 3166-1 alpha-2 ("" if unknown) */
    const char *admin1;
    double lat, lon;
    int64_t geonameid;    /* 0 = none */
    const char *precision;/* point, town, admin2, admin1, country, region */
    uint32_t start, end;  /* where the text names it */
} fm_place;

typedef struct fm_attribution { const char *text, *code, *via; } fm_attribution;

/* A stated count: value >= 0 when a number is given; text holds the words
 * ("dozens") when no number is given. set == 0 means not stated. */
typedef struct fm_count { int set; int64_t value; const char *text; } fm_count;
typedef struct fm_quantities { fm_count killed, injured, arrested, munitions, participants; } fm_quantities;

#define FM_MAX_ATTRIBUTION 4

typedef struct fm_event {
    char id[17];                       /* 16 hex digits */
    int sentence_index;
    uint32_t sentence_start, sentence_end;
    const char *evidence; size_t evidence_len;   /* points into the document text */
    char code[6], root[3];
    const char *plover_event, *plover_mode, *plover_context;
    int quad_class;
    double goldstein;
    fm_actor source, target;
    int has_target;
    fm_mode mode;
    fm_attribution attribution[FM_MAX_ATTRIBUTION];
    int n_attribution;
    char date[11];                     /* "2024-04-21", "2024-02", "2024" */
    const char *date_precision;        /* time, day, week, month, year, document */
    char time[6];                      /* "HH:MM" or "" */
    fm_place location, origin;
    int has_location, has_origin;
    fm_quantities quantities;
    const char *rule;
    uint32_t verb_start, verb_end;     /* the verb phrase, for highlighting */
    const char *const *issues;         /* issue codes of the sentence (PETRARCH issue coding), n_issues of them */
    int n_issues;
} fm_event;

/* ---- lexicon ----------------------------------------------------------- */

typedef struct fm_lexicon fm_lexicon;

fm_lexicon *fm_lexicon_new(fm_diag_fn diag, void *user);
/* factum's own default lexicon (compiled into the library). */
int fm_lexicon_load_default(fm_lexicon *lx);
/* A directory (every dictionary file in it, sorted by name) or one file. The
 * kind (TABARI .verbs/.actors/.agents/.options, PETRARCH verbs, Phoenix actors,
 * agents, discards, issues) is chosen by name, then by content. Malformed lines
 * are reported as file:line and skipped. Returns the number of errors. */
int fm_lexicon_load_path(fm_lexicon *lx, const char *path);
/* Compile into matchers; after this the lexicon is read-only. */
int fm_lexicon_finish(fm_lexicon *lx);
/* Writes a finished lexicon to path as a compiled lexicon, which
 * fm_lexicon_load_path reads back (alone, into a new lexicon) without parsing
 * the dictionaries again. The file is for this build of factum only: another
 * build refuses it. Returns 0, or -1 with a message through the diag. */
int fm_lexicon_save(fm_lexicon *lx, const char *path);
void fm_lexicon_free(fm_lexicon *lx);

/* ---- coding ------------------------------------------------------------ */

typedef struct fm_options {
    int emit_spans;       /* code sentences about spans/tallies (default 0: skip) */
    size_t max_doc_bytes; /* documents larger than this are skipped (0 = 64 MiB) */
    const char *default_date;  /* used when a document has no date (else today) */

    /* TABARI's switches (its .options file; validation records change them).
     * All zero means TABARI's defaults. They steer the TABARI sentence rules,
     * which apply when a TABARI .verbs dictionary is loaded. */
    int code_by;               /* FM_CODE_BY_CLAUSE: first event of each clause; _SENTENCE: first of
                                  the sentence; FM_CODE_ALL: every coded verb */
    int minimum_words;         /* sentences with fewer words (a comma counts) are not coded; 0: no limit */
    int convert_agents;        /* an agent without an actor is an actor coded "~REB" */
    const char *default_source, *default_target;   /* codes used when no actor is found, or NULL */
    int default_source_prior;  /* the default source whenever no actor precedes the verb */
    int default_target_after;  /* the default target whenever no actor follows the verb */
    int comma_off;             /* keep comma-delimited clauses */
    int comma_set;             /* the limits below replace TABARI's (MIN 2 MAX 10, EMIN 2 EMAX 10,
                                  BMIN 128 BMAX 0: the first phrase is never dropped) */
    int comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    int complex_verbs, complex_conj, complex_actors;   /* TABARI's COMPLEX: a sentence with this many verbs,
                                  conjunctions (not joining a compound) or actors yields no events; 0: off */
    int complex_noactprior;    /* COMPLEX NOACTPRIOR: nor one without an actor before its first verb */
    int forward;               /* TABARI's FORWARD: this document continues the one coded before it, and a
                                  pronoun before any actor of its first sentence stands for the first actor
                                  named in that document's last sentence (the caller checks the story) */
} fm_options;

enum { FM_CODE_BY_CLAUSE = 0, FM_CODE_BY_SENTENCE = 1, FM_CODE_ALL = 2 };

typedef struct fm_coder fm_coder;

fm_coder *fm_coder_new(const fm_lexicon *lx, const fm_options *opt, fm_diag_fn diag, void *user);
/* Replaces the coder's options (strings are copied only by pointer: they must
 * outlive the coder or the next call). Returns 0. */
int fm_coder_set_options(fm_coder *c, const fm_options *opt);
/* Codes one document. The events stay valid until the next call or free.
 * Returns 0, or -1 if the document was skipped (reported through diag). */
int fm_coder_code(fm_coder *c, const fm_doc *doc, const fm_event **events, size_t *n_events);
void fm_coder_free(fm_coder *c);

/* Appends one JSON line (with '\n') for ev of doc to *out (malloc'd, grown). */
int fm_event_write_json(const fm_event *ev, const fm_doc *doc, char **out, size_t *len, size_t *cap);

#ifdef __cplusplus
}
#endif
#endif
