/* export.c — see export.h. Reads the stored JSON record (jansson) and writes
 * one row per event in the chosen format; never prints, never touches the
 * store. The column mappings are documented in export.h. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export.h"

int fm_export_parse(const char *name, fm_export_format *out)
{
    static const char *const names[] = { "jsonl", "csv", "gdelt", "acled", "geojson" };
    for (int i = 0; i < 5; i++)
        if (!strcmp(name, names[i])) { *out = (fm_export_format)i; return 0; }
    return -1;
}

static const char csv_header[] =
    "id,date,date_precision,code,root,plover_event,quad_class,goldstein,mode,source_code,source_country,"
    "source_text,target_code,target_country,target_text,location_name,location_country,admin1,lat,lon,"
    "killed,injured,doc_id,doc_date,doc_source,url,evidence,story_id,story_documents,contested\n";
static const char acled_header[] =
    "event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,"
    "fatalities,notes,source\n";

void fm_export_begin(fm_export_format f, fm_buf *out)
{
    if (f == FM_EXPORT_CSV) fm_buf_adds(out, csv_header);
    else if (f == FM_EXPORT_ACLED) fm_buf_adds(out, acled_header);
    else if (f == FM_EXPORT_GEOJSON) fm_buf_adds(out, "{\"type\":\"FeatureCollection\",\"features\":[");
}

void fm_export_end(fm_export_format f, fm_buf *out)
{
    if (f == FM_EXPORT_GEOJSON) fm_buf_adds(out, "]}\n");
}

/* ---- reading the record ------------------------------------------------- */

static json_t *at(json_t *o, const char *k1, const char *k2)
{
    json_t *v = json_object_get(o, k1);
    return k2 ? json_object_get(v, k2) : v;
}

static const char *str(json_t *o, const char *k1, const char *k2)
{
    json_t *v = at(o, k1, k2);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int num(json_t *o, const char *k1, const char *k2, double *out)
{
    json_t *v = at(o, k1, k2);
    if (!json_is_number(v)) return 0;
    *out = json_number_value(v);
    return 1;
}

/* Counts are numbers; a count given in words ("dozens") is not one. */
static int count(json_t *o, const char *what, long long *out)
{
    json_t *v = at(o, "quantities", what);
    if (json_is_integer(v)) { *out = json_integer_value(v); return 1; }
    if (json_is_object(v) && json_is_integer(json_object_get(v, "value"))) {
        *out = json_integer_value(json_object_get(v, "value"));
        return 1;
    }
    return 0;
}

/* ---- cells ---------------------------------------------------------------- */

static void csv_cell(fm_buf *b, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) { fm_buf_adds(b, s); return; }
    fm_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"') fm_buf_addc(b, '"');
        fm_buf_addc(b, *s);
    }
    fm_buf_addc(b, '"');
}

/* Tab-separated cells cannot hold tabs or line breaks: they become spaces. */
static void tsv_cell(fm_buf *b, const char *s)
{
    if (!s) return;
    for (; *s; s++) fm_buf_addc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static const char *fmt_num(char *tmp, size_t n, json_t *o, const char *k1, const char *k2)
{
    double d;
    if (!num(o, k1, k2, &d)) return NULL;
    snprintf(tmp, n, "%.10g", d);
    return tmp;
}

static const char *fmt_count(char *tmp, size_t n, json_t *o, const char *what)
{
    long long v;
    if (!count(o, what, &v)) return NULL;
    snprintf(tmp, n, "%lld", v);
    return tmp;
}

/* ---- CSV ---------------------------------------------------------------------- */

static void write_csv(json_t *e, const fm_story_info *story, fm_buf *b)
{
    char t[8][40];
    const char *cells[30] = {
        str(e, "id", NULL), str(e, "date", NULL), str(e, "date_precision", NULL), str(e, "code", NULL),
        str(e, "root", NULL), str(e, "plover", "event"), fmt_num(t[0], 40, e, "quad_class", NULL),
        fmt_num(t[1], 40, e, "goldstein", NULL), str(e, "mode", NULL), str(e, "source", "code"),
        str(e, "source", "country"), str(e, "source", "text"), str(e, "target", "code"),
        str(e, "target", "country"), str(e, "target", "text"), str(e, "location", "name"),
        str(e, "location", "country"), str(e, "location", "admin1"), fmt_num(t[2], 40, e, "location", "lat"),
        fmt_num(t[3], 40, e, "location", "lon"), fmt_count(t[4], 40, e, "killed"), fmt_count(t[5], 40, e, "injured"),
        str(e, "doc", "id"), str(e, "doc", "date"), str(e, "doc", "source"), str(e, "doc", "url"),
        str(e, "evidence", NULL), story ? story->id : NULL, NULL, NULL,
    };
    if (story) {
        snprintf(t[6], 40, "%d", story->n_documents);
        snprintf(t[7], 40, "%d", story->contested);
        cells[28] = t[6];
        cells[29] = t[7];
    }
    for (int i = 0; i < 30; i++) {
        if (i) fm_buf_addc(b, ',');
        csv_cell(b, cells[i]);
    }
    fm_buf_addc(b, '\n');
}

/* ---- ACLED ------------------------------------------------------------------ */

typedef struct acled_type { const char *prefix, *type, *sub; } acled_type;

/* Longest CAMEO prefix wins; codes outside the table are strategic developments. */
static const acled_type acled_types[] = {
    { "14", "Protests", "Peaceful protest" },
    { "145", "Riots", "Violent demonstration" },
    { "171", "Strategic developments", "Looting/property destruction" },
    { "173", "Strategic developments", "Arrests" },
    { "175", "Violence against civilians", "Attack" },
    { "18", "Violence against civilians", "Attack" },
    { "181", "Violence against civilians", "Abduction/forced disappearance" },
    { "183", "Explosions/Remote violence", "Remote explosive/landmine/IED" },
    { "1831", "Explosions/Remote violence", "Suicide bomb" },
    { "19", "Battles", "Armed clash" },
    { "191", "Strategic developments", "Other" },
    { "192", "Battles", "Non-state actor overtakes territory" },
    { "194", "Explosions/Remote violence", "Shelling/artillery/missile attack" },
    { "195", "Explosions/Remote violence", "Air/drone strike" },
    { "20", "Violence against civilians", "Attack" },
    { "204", "Explosions/Remote violence", "Chemical weapon" },
};

static const acled_type *acled_of(const char *code)
{
    static const acled_type other = { "", "Strategic developments", "Other" };
    const acled_type *best = &other;
    size_t best_len = 0;
    if (!code) return best;
    for (size_t i = 0; i < sizeof acled_types / sizeof acled_types[0]; i++) {
        size_t n = strlen(acled_types[i].prefix);
        if (n > best_len && !strncmp(code, acled_types[i].prefix, n)) { best = &acled_types[i]; best_len = n; }
    }
    return best;
}

static const char *actor_label(json_t *e, const char *who)
{
    const char *s = str(e, who, "name");
    if (!s || !*s) s = str(e, who, "text");
    if (!s || !*s) s = str(e, who, "code");
    if (!s || !*s) s = str(e, who, "country");
    return s;
}

static void write_acled(json_t *e, fm_buf *b)
{
    const char *code = str(e, "code", NULL);
    const acled_type *t = acled_of(code);
    const char *sub = t->sub;
    const char *src = str(e, "source", "code");
    /* Who takes territory decides ACLED's sub-type. */
    if (code && !strncmp(code, "192", 3) && src && (strstr(src, "GOV") || strstr(src, "MIL")))
        sub = "Government regains territory";
    char tmp[4][40];
    long long killed = 0;
    count(e, "killed", &killed);
    snprintf(tmp[2], 40, "%lld", killed);
    const char *cells[13] = {
        str(e, "date", NULL), t->type, sub, actor_label(e, "source"), actor_label(e, "target"),
        str(e, "location", "country"), str(e, "location", "admin1"), str(e, "location", "name"),
        fmt_num(tmp[0], 40, e, "location", "lat"), fmt_num(tmp[1], 40, e, "location", "lon"), tmp[2],
        str(e, "evidence", NULL), str(e, "doc", "source"),
    };
    for (int i = 0; i < 13; i++) {
        if (i) fm_buf_addc(b, ',');
        csv_cell(b, cells[i]);
    }
    fm_buf_addc(b, '\n');
}

/* ---- GDELT 2.0 -------------------------------------------------------------- */

static int days_in_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365; }

/* The 10 actor columns: code, name, country, known group, ethnic, religion 1
 * and 2, type 1-3. Type codes are the 3-letter role parts after the country. */
static void gdelt_actor(json_t *e, const char *who, fm_buf *b)
{
    const char *code = str(e, who, "code"), *country = str(e, who, "country");
    const char *name = str(e, who, "name");
    if (!name || !*name) name = str(e, who, "text");
    char types[3][4] = { "", "", "" };
    if (code) {
        const char *rest = code;
        if (country && strlen(code) >= 3 && !strncmp(code, country, 3)) rest = code + 3;
        else if (strlen(code) >= 3 && !country) rest = code + 3;
        for (int i = 0; i < 3 && strlen(rest) >= 3; i++, rest += 3) memcpy(types[i], rest, 3);
    }
    tsv_cell(b, code);
    fm_buf_addc(b, '\t');
    tsv_cell(b, name);
    fm_buf_addc(b, '\t');
    tsv_cell(b, country);
    fm_buf_adds(b, "\t\t\t\t\t");   /* known group, ethnic, religion 1, religion 2 */
    for (int i = 0; i < 3; i++) {
        fm_buf_adds(b, types[i]);
        fm_buf_addc(b, '\t');
    }
}

/* The 8 geo columns: type, full name, country, ADM1, ADM2, lat, long, feature id. */
static void gdelt_geo(json_t *e, const char *which, fm_buf *b)
{
    json_t *g = json_object_get(e, which);
    if (!json_is_object(g)) {
        fm_buf_adds(b, "0\t\t\t\t\t\t\t\t");
        return;
    }
    const char *prec = str(e, which, "precision"), *cc = str(e, which, "country");
    int us = cc && !strcmp(cc, "US");
    int type = !prec ? 4 : !strcmp(prec, "country") ? 1 : !strcmp(prec, "admin1") ? (us ? 2 : 5) : (us ? 3 : 4);
    char tmp[3][40];
    const char *name = str(e, which, "name"), *admin1 = str(e, which, "admin1");
    fm_buf_printf(b, "%d\t", type);
    tsv_cell(b, name);
    if (admin1 && name && strcmp(admin1, name)) { fm_buf_adds(b, ", "); tsv_cell(b, admin1); }
    fm_buf_addc(b, '\t');
    tsv_cell(b, cc);
    fm_buf_addc(b, '\t');
    fm_buf_adds(b, "\t\t");   /* ADM1, ADM2: the record has names, not FIPS/GAUL codes */
    tsv_cell(b, fmt_num(tmp[0], 40, e, which, "lat"));
    fm_buf_addc(b, '\t');
    tsv_cell(b, fmt_num(tmp[1], 40, e, which, "lon"));
    fm_buf_addc(b, '\t');
    tsv_cell(b, fmt_num(tmp[2], 40, e, which, "geonameid"));
    fm_buf_addc(b, '\t');
}

static void write_gdelt(json_t *e, const fm_story_info *story, fm_buf *b)
{
    const char *id = str(e, "id", NULL), *date = str(e, "date", NULL), *code = str(e, "code", NULL);
    /* 1 GLOBALEVENTID: the first 15 hex digits of the event id, as a decimal number */
    char hex[16] = "";
    if (id) snprintf(hex, sizeof hex, "%.15s", id);
    fm_buf_printf(b, "%llu\t", strtoull(hex, NULL, 16));
    /* 2-5 SQLDATE, MonthYear, Year, FractionDate (a coarse date is its first day) */
    int y = 0, m = 1, d = 1;
    if (date) sscanf(date, "%d-%d-%d", &y, &m, &d);
    static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    int doy = before[(m >= 1 && m <= 12 ? m : 1) - 1] + d + (m > 2 && days_in_year(y) == 366);
    if (date) fm_buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", y, m, d, y, m, y, y + (doy - 0.5) / days_in_year(y));
    else fm_buf_adds(b, "\t\t\t\t");
    /* 6-25 actors */
    gdelt_actor(e, "source", b);
    gdelt_actor(e, "target", b);
    /* 26 IsRootEvent: coded from the lead sentence */
    double si = 1;
    num(e, "sentence", "index", &si);
    fm_buf_printf(b, "%d\t", si == 0);
    /* 27-29 EventCode, EventBaseCode, EventRootCode */
    tsv_cell(b, code);
    fm_buf_addc(b, '\t');
    if (code) fm_buf_printf(b, "%.3s", code);
    fm_buf_addc(b, '\t');
    tsv_cell(b, str(e, "root", NULL));
    fm_buf_addc(b, '\t');
    /* 30-35 QuadClass, GoldsteinScale, NumMentions, NumSources, NumArticles, AvgTone (not computed: 0) */
    char tmp[2][40];
    tsv_cell(b, fmt_num(tmp[0], 40, e, "quad_class", NULL));
    fm_buf_addc(b, '\t');
    tsv_cell(b, fmt_num(tmp[1], 40, e, "goldstein", NULL));
    if (story) fm_buf_printf(b, "\t%d\t%d\t%d\t0\t", story->n_mentions, story->n_sources, story->n_documents);
    else fm_buf_adds(b, "\t1\t1\t1\t0\t");
    /* 36-59 Actor1Geo, Actor2Geo (the record has no actor places), ActionGeo */
    gdelt_geo(e, "", b);
    gdelt_geo(e, "", b);
    gdelt_geo(e, "location", b);
    /* 60 DATEADDED (the document date, midnight), 61 SOURCEURL */
    const char *dd = str(e, "doc", "date");
    if (dd && strlen(dd) == 10) fm_buf_printf(b, "%.4s%.2s%.2s000000", dd, dd + 5, dd + 8);
    fm_buf_addc(b, '\t');
    const char *url = str(e, "doc", "url");
    tsv_cell(b, url ? url : str(e, "doc", "id"));
    fm_buf_addc(b, '\n');
}

/* ---- GeoJSON ------------------------------------------------------------------- */

static void write_geojson(json_t *e, const fm_story_info *story, size_t n, fm_buf *b)
{
    double lat, lon;
    if (n) fm_buf_addc(b, ',');
    fm_buf_adds(b, "\n{\"type\":\"Feature\",\"geometry\":");
    if (num(e, "location", "lat", &lat) && num(e, "location", "lon", &lon))
        fm_buf_printf(b, "{\"type\":\"Point\",\"coordinates\":[%.10g,%.10g]}", lon, lat);
    else
        fm_buf_adds(b, "null");
    fm_buf_adds(b, ",\"properties\":{");
    static const char *const keys[][3] = {
        { "id", "id", NULL }, { "date", "date", NULL }, { "code", "code", NULL }, { "root", "root", NULL },
        { "plover", "plover", "event" }, { "mode", "mode", NULL }, { "source", "source", "code" },
        { "source_country", "source", "country" }, { "target", "target", "code" },
        { "target_country", "target", "country" }, { "place", "location", "name" },
        { "country", "location", "country" }, { "doc_id", "doc", "id" }, { "url", "doc", "url" },
        { "evidence", "evidence", NULL },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (i) fm_buf_addc(b, ',');
        fm_buf_json_cstr(b, keys[i][0]);
        fm_buf_addc(b, ':');
        fm_buf_json_cstr(b, str(e, keys[i][1], keys[i][2]));
    }
    /* quad_class colours the map markers: a number, or null when absent. */
    json_t *qc = json_object_get(e, "quad_class");
    if (json_is_integer(qc)) fm_buf_printf(b, ",\"quad_class\":%d", (int)json_integer_value(qc));
    else fm_buf_adds(b, ",\"quad_class\":null");
    long long killed;
    if (count(e, "killed", &killed)) fm_buf_printf(b, ",\"killed\":%lld", killed);
    if (story)
        fm_buf_printf(b, ",\"story\":\"%s\",\"documents\":%d,\"contested\":%s", story->id, story->n_documents,
                      story->contested ? "true" : "false");
    fm_buf_adds(b, "}}");
}

int fm_export_event(fm_export_format f, const char *json, size_t len, const fm_story_info *story,
                    size_t n, fm_buf *out, fm_diag_fn diag, void *user)
{
    if (f == FM_EXPORT_JSONL) {
        fm_buf_add(out, json, len);
        if (!len || json[len - 1] != '\n') fm_buf_addc(out, '\n');
        return 0;
    }
    json_error_t err;
    json_t *e = json_loadb(json, len, 0, &err);
    if (!json_is_object(e)) {
        if (diag) {
            char where[48], msg[200];
            snprintf(where, sizeof where, "record %zu", n + 1);
            snprintf(msg, sizeof msg, "not an event record: %s", e ? "not an object" : err.text);
            diag(user, FM_ERROR, where, msg);
        }
        json_decref(e);
        return -1;
    }
    switch (f) {
    case FM_EXPORT_CSV: write_csv(e, story, out); break;
    case FM_EXPORT_GDELT: write_gdelt(e, story, out); break;
    case FM_EXPORT_ACLED: write_acled(e, out); break;
    case FM_EXPORT_GEOJSON: write_geojson(e, story, n, out); break;
    default: break;
    }
    json_decref(e);
    return 0;
}
