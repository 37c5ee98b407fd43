/* test_event_json.c — the numbers of an event line (sentence offsets, quad
 * class, Goldstein, lat/lon, geonameid, counts, verb offsets) as written by
 * fm_event_write_json: rounding, signs and negative zero, checked by hand. */
#include "factum.h"
#include "tap.h"
#include <stdlib.h>
#include <string.h>

/* The event line for ev, or NULL; the caller frees it. */
static char *line_of(const fm_event *ev, const fm_doc *doc)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    if (fm_event_write_json(ev, doc, &out, &len, &cap)) { free(out); return NULL; }
    char *z = realloc(out, len + 1);
    if (!z) { free(out); return NULL; }
    z[len] = 0;
    return z;
}

/* The value after "key": in line, up to the next ',' or '}' (static buffer). */
static const char *field(const char *line, const char *key)
{
    static char v[64];
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = line ? strstr(line, pat) : NULL;
    if (!p) return NULL;
    p += strlen(pat);
    size_t n = strcspn(p, ",}");
    if (n >= sizeof v) n = sizeof v - 1;
    memcpy(v, p, n);
    v[n] = 0;
    return v;
}

static void place_case(double lat, double lon, const char *want_lat, const char *want_lon)
{
    const char *text = "Troops attacked the town.";
    fm_doc doc = { .id = "d1", .text = text, .len = strlen(text) };
    fm_event ev = { .id = "0123456789abcdef", .code = "190", .root = "19", .has_location = 1,
                    .location = { .name = "X", .lat = lat, .lon = lon } };
    char *line = line_of(&ev, &doc);
    TAP_STREQ(field(line, "lat"), want_lat, "lat %.17g is written %s", lat, want_lat);
    TAP_STREQ(field(line, "lon"), want_lon, "lon %.17g is written %s", lon, want_lon);
    free(line);
}

static void goldstein_case(double g, const char *want)
{
    fm_doc doc = { .id = "d1", .text = "", .len = 0 };
    fm_event ev = { .id = "0123456789abcdef", .code = "190", .root = "19", .quad_class = 4, .goldstein = g };
    char *line = line_of(&ev, &doc);
    TAP_STREQ(field(line, "goldstein"), want, "goldstein %.17g is written %s", g, want);
    free(line);
}

int main(void)
{
    const char *text = "Rebels killed 12 soldiers near Goma.";
    fm_doc doc = { .id = "doc-7", .date = "2024-05-01", .text = text, .len = strlen(text) };
    fm_event ev = {
        .id = "0123456789abcdef", .sentence_index = 3, .sentence_start = 1024, .sentence_end = 4294967295u,
        .evidence = text, .evidence_len = strlen(text), .code = "190", .root = "19", .quad_class = 4,
        .goldstein = -10.0, .has_location = 1,
        .location = { .name = "Goma", .country = "CD", .lat = -1.67409, .lon = 29.22845, .geonameid = 216281 },
        .verb_start = 7, .verb_end = 13,
    };
    ev.quantities.killed = (fm_count){ .set = 1, .value = 12 };
    ev.quantities.arrested = (fm_count){ .set = 1, .value = 0 };
    char *line = line_of(&ev, &doc);
    TAP_OK(line != NULL, "an event is written");
    TAP_OK(line && strstr(line, "\"sentence\":{\"index\":3,\"start\":1024,\"end\":4294967295}") != NULL,
           "sentence index and offsets, the largest uint32 included");
    TAP_STREQ(field(line, "quad_class"), "4", "quad class");
    TAP_STREQ(field(line, "goldstein"), "-10.0", "goldstein -10 has one decimal");
    TAP_STREQ(field(line, "lat"), "-1.6741", "negative latitude rounds to 4 decimals");
    TAP_STREQ(field(line, "lon"), "29.2284", "29.22845 is stored just below the half: rounds down, as printf");
    TAP_STREQ(field(line, "geonameid"), "216281", "geonameid");
    TAP_OK(line && strstr(line, "\"quantities\":{\"killed\":12,\"arrested\":0}") != NULL, "counts, zero included");
    TAP_OK(line && strstr(line, "\"verb\":{\"text\":\"killed\",\"start\":7,\"end\":13}") != NULL, "verb offsets");
    free(line);

    place_case(0.0, -0.0, "0.0000", "-0.0000");
    place_case(-0.00004, 0.00004, "-0.0000", "0.0000");        /* rounds to zero, keeps printf's sign */
    place_case(90.0, -180.0, "90.0000", "-180.0000");
    place_case(51.5073509, -0.1277583, "51.5074", "-0.1278");
    place_case(0.00005, -0.00005, "0.0001", "-0.0001");       /* the doubles are a hair above the half */
    place_case(0.00015, 1.00005, "0.0001", "1.0001");         /* a hair below; a hair above */
    place_case(179.99995, 1e10, "180.0000", "10000000000.0000");

    goldstein_case(3.4, "3.4");
    goldstein_case(-2.0, "-2.0");
    goldstein_case(0.25, "0.2");                              /* an exact half rounds to even, as printf */
    goldstein_case(0.35, "0.3");                              /* 0.35 is stored just below the half */
    goldstein_case(-0.04, "-0.0");
    goldstein_case(7.0, "7.0");
    return TAP_DONE();
}
