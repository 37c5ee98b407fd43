/* geo.h — the gazetteer (built at build time from a GeoNames-derived npm data
 * set plus data/geo/additions.tsv, mmap'd at run time) and place resolution in
 * sentences: which places a sentence names, disambiguated by the countries the
 * article mentions, its dateline and population. */
#ifndef FM_GEO_H
#define FM_GEO_H
#include <stddef.h>
#include "factum.h"
#include "text.h"

typedef struct fm_gazetteer fm_gazetteer;

/* path NULL: the default build-time file. NULL on failure (reported). */
fm_gazetteer *fm_gazetteer_open(const char *path, fm_diag_fn diag, void *user);
void fm_gazetteer_close(fm_gazetteer *g);

/* Countries and places an article mentions, for disambiguation. */
typedef struct fm_geo_context {
    char countries[32][3];    /* ISO alpha-2, in order of first mention */
    int n_countries;
    char dateline_country[3];
    double dateline_lat, dateline_lon;
    int has_dateline;
} fm_geo_context;

/* A place named in a sentence. prep is the word before it in lower case
 * ("in", "near", "from", "at", "to", ...) or "" */
typedef struct fm_geo_mention {
    fm_place place;
    size_t tok_start, tok_end;  /* token range in the sentence */
    char prep[12];
} fm_geo_mention;

/* Adds the countries named in these tokens to ctx (call for every sentence
 * before resolving, in document order). */
void fm_geo_context_scan(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, fm_geo_context *ctx);
/* Sets the dateline place ("BAGHDAD") into ctx. */
void fm_geo_context_dateline(const fm_gazetteer *g, const char *name, size_t len, fm_geo_context *ctx);

/* Places named in tok[0..n), left to right, resolved with ctx; strings are
 * allocated in a. Returns the count written to out (at most cap). */
size_t fm_geo_mentions(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                       const fm_geo_context *ctx, fm_arena *a, fm_geo_mention *out, size_t cap);

/* fm_geo_context_scan then fm_geo_mentions on the same sentence, each name
 * looked up once for both. */
size_t fm_geo_sentence(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                       fm_geo_context *ctx, fm_arena *a, fm_geo_mention *out, size_t cap);

/* The best place called name (any spelling the gazetteer knows: "Mosul",
 * "Deir al-Zor", "Nineveh province") for ctx (may be NULL). 1 if found; the
 * strings of *out point into g and stay valid until fm_gazetteer_close. */
int fm_geo_lookup(const fm_gazetteer *g, const char *name, size_t len, const fm_geo_context *ctx, fm_place *out);

/* The country itself as a place (its name, capital's point, precision
 * "country") for an ISO alpha-2 code; 1 if the gazetteer has it. */
int fm_geo_country(const fm_gazetteer *g, const char *alpha2, fm_place *out);

/* ISO 3166-1: alpha-3 -> alpha-2 and back ("IRQ" <-> "IQ"); NULL if unknown. */
const char *fm_country_alpha2(const fm_gazetteer *g, const char *alpha3);
const char *fm_country_alpha3(const fm_gazetteer *g, const char *alpha2);
#endif
