/* event_json.c — one event as one line of JSON, in the field order of
 * ../shared/spec/event-record.md. Unknown values are null, never invented. */
#include "factum.h"
#include "buf.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void key(fm_buf *b, const char *k, int first)
{
    if (!first) fm_buf_addc(b, ',');
    fm_buf_json_cstr(b, k);
    fm_buf_addc(b, ':');
}

static void str_or_null(fm_buf *b, const char *s)
{
    if (s) fm_buf_json_cstr(b, s);
    else fm_buf_adds(b, "null");
}

static void actor(fm_buf *b, const fm_actor *a)
{
    fm_buf_adds(b, "{\"text\":");
    fm_buf_json_cstr(b, a->text ? a->text : "");
    fm_buf_adds(b, ",\"code\":");
    str_or_null(b, a->code);
    fm_buf_adds(b, ",\"country\":");
    str_or_null(b, a->country);
    fm_buf_adds(b, ",\"name\":");
    str_or_null(b, a->name);
    fm_buf_addc(b, '}');
}

static void place(fm_buf *b, const fm_place *p)
{
    fm_buf_adds(b, "{\"name\":");
    str_or_null(b, p->name);
    fm_buf_adds(b, ",\"country\":");
    str_or_null(b, p->country[0] ? p->country : NULL);
    fm_buf_adds(b, ",\"admin1\":");
    str_or_null(b, p->admin1);
    fm_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f,\"geonameid\":", p->lat, p->lon);
    if (p->geonameid > 0) fm_buf_printf(b, "%lld", (long long)p->geonameid);
    else fm_buf_adds(b, "null");
    fm_buf_adds(b, ",\"precision\":");
    str_or_null(b, p->precision);
    fm_buf_addc(b, '}');
}

static void count(fm_buf *b, const char *name, const fm_count *c, int *first)
{
    if (!c->set) return;
    key(b, name, *first);
    *first = 0;
    if (c->value >= 0) fm_buf_printf(b, "%lld", (long long)c->value);
    else fm_buf_json_cstr(b, c->text ? c->text : "unspecified");
}

static void write_event(fm_buf *b, const fm_event *ev, const fm_doc *doc)
{
    fm_buf_adds(b, "{\"id\":");
    fm_buf_json_cstr(b, ev->id);
    fm_buf_adds(b, ",\"doc\":{\"id\":");
    fm_buf_json_cstr(b, doc->id);
    fm_buf_adds(b, ",\"date\":");
    str_or_null(b, doc->date);
    fm_buf_adds(b, ",\"source\":");
    str_or_null(b, doc->source);
    fm_buf_adds(b, ",\"url\":");
    str_or_null(b, doc->url);
    fm_buf_printf(b, "},\"sentence\":{\"index\":%d,\"start\":%u,\"end\":%u}", ev->sentence_index, ev->sentence_start,
                  ev->sentence_end);
    key(b, "evidence", 0);
    fm_buf_json_str(b, ev->evidence, ev->evidence_len);
    key(b, "code", 0);
    fm_buf_json_cstr(b, ev->code);
    key(b, "root", 0);
    fm_buf_json_cstr(b, ev->root);
    fm_buf_adds(b, ",\"plover\":{\"event\":");
    str_or_null(b, ev->plover_event);
    fm_buf_adds(b, ",\"mode\":");
    fm_buf_json_cstr(b, ev->plover_mode ? ev->plover_mode : "");
    fm_buf_adds(b, ",\"context\":");
    fm_buf_json_cstr(b, ev->plover_context ? ev->plover_context : "");
    fm_buf_addc(b, '}');
    if (ev->quad_class) fm_buf_printf(b, ",\"quad_class\":%d", ev->quad_class);
    else fm_buf_adds(b, ",\"quad_class\":null");
    if (ev->quad_class && isfinite(ev->goldstein)) fm_buf_printf(b, ",\"goldstein\":%.1f", ev->goldstein);
    else fm_buf_adds(b, ",\"goldstein\":null");
    key(b, "source", 0);
    actor(b, &ev->source);
    key(b, "target", 0);
    if (ev->has_target) actor(b, &ev->target);
    else fm_buf_adds(b, "null");
    key(b, "mode", 0);
    fm_buf_json_cstr(b, fm_mode_name(ev->mode));
    key(b, "attribution", 0);
    fm_buf_addc(b, '[');
    for (int i = 0; i < ev->n_attribution; i++) {
        const fm_attribution *a = &ev->attribution[i];
        if (i) fm_buf_addc(b, ',');
        fm_buf_adds(b, "{\"text\":");
        fm_buf_json_cstr(b, a->text ? a->text : "");
        fm_buf_adds(b, ",\"code\":");
        str_or_null(b, a->code);
        fm_buf_adds(b, ",\"via\":");
        str_or_null(b, a->via);
        fm_buf_addc(b, '}');
    }
    fm_buf_addc(b, ']');
    key(b, "date", 0);
    str_or_null(b, ev->date[0] ? ev->date : NULL);
    key(b, "date_precision", 0);
    str_or_null(b, ev->date_precision);
    key(b, "time", 0);
    str_or_null(b, ev->time[0] ? ev->time : NULL);
    key(b, "location", 0);
    if (ev->has_location) place(b, &ev->location);
    else fm_buf_adds(b, "null");
    if (ev->has_origin) { key(b, "origin", 0); place(b, &ev->origin); }
    key(b, "quantities", 0);
    fm_buf_addc(b, '{');
    int first = 1;
    count(b, "killed", &ev->quantities.killed, &first);
    count(b, "injured", &ev->quantities.injured, &first);
    count(b, "arrested", &ev->quantities.arrested, &first);
    count(b, "munitions", &ev->quantities.munitions, &first);
    count(b, "participants", &ev->quantities.participants, &first);
    fm_buf_addc(b, '}');
    key(b, "rule", 0);
    str_or_null(b, ev->rule);
    /* not in the contract's table, which allows more fields: the verb as written, for highlighting */
    if (ev->verb_end > ev->verb_start && ev->verb_end <= doc->len) {
        key(b, "verb", 0);
        fm_buf_adds(b, "{\"text\":");
        fm_buf_json_str(b, doc->text + ev->verb_start, ev->verb_end - ev->verb_start);
        fm_buf_printf(b, ",\"start\":%u,\"end\":%u}", ev->verb_start, ev->verb_end);
    }
    fm_buf_adds(b, "}\n");
}

int fm_event_write_json(const fm_event *ev, const fm_doc *doc, char **out, size_t *len, size_t *cap)
{
    fm_buf b = { *out, *len, *cap, 0 };
    write_event(&b, ev, doc);
    *out = b.data;
    *len = b.len;
    *cap = b.cap;
    return b.failed ? -1 : 0;
}
