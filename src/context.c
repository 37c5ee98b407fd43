/* context.c — the context stage: for each event of a sentence, when it
 * happened, where (and from where), who says so, in which mode and with which
 * counts. Each question is answered by its own module; this file only decides
 * which clause and which fallback apply. */
#include "coder.h"
#include "mode.h"
#include "quantities.h"
#include "time_normalize.h"
#include <stdio.h>
#include <string.h>


void fm_context_begin_doc(fm_coder *c, const fm_doc *doc)
{
    memset(&c->geo_ctx, 0, sizeof c->geo_ctx);
    c->have_scene = 0;
    fm_span place, outlet;
    if (c->geo && fm_dateline(doc->text, doc->len, &place, &outlet) && place.end > place.start)
        fm_geo_context_dateline(c->geo, doc->text + place.start, place.end - place.start, &c->geo_ctx);
}

static void set_attribution(fm_coder *c, const fm_doc *doc, fm_event *ev, const fm_token *tok, size_t n,
                            const fm_attrib_frame *f)
{
    if (ev->n_attribution >= FM_MAX_ATTRIBUTION) return;
    fm_attribution *a = &ev->attribution[ev->n_attribution];
    memset(a, 0, sizeof *a);
    if (f->speaker_end > f->speaker_start && f->speaker_end <= n) {
        uint32_t s = tok[f->speaker_start].start, e = tok[f->speaker_end - 1].end;
        a->text = fm_arena_strndup(&c->arena, doc->text + s, e - s);
        for (size_t k = 0; k < c->mentions.n; k++) {
            const fm_mention *m = &c->mentions.a[k];
            if (m->start >= f->speaker_start && m->end <= f->speaker_end && m->code) { a->code = m->code; break; }
        }
    }
    if (f->via_end > f->via_start && f->via_end <= n) {
        uint32_t s = tok[f->via_start].start, e = tok[f->via_end - 1].end;
        a->via = fm_arena_strndup(&c->arena, doc->text + s, e - s);
    }
    if (!a->text && !a->via) return;
    if (!a->text) a->text = "";
    ev->n_attribution++;
}

static void set_place(fm_place *dst, const fm_place *src) { *dst = *src; }

/* "fired from the Iraqi town of Zummar": the launch point is the place that
 * "from" governs, however many words ("the Iraqi town of") stand between. */
static int is_origin(const fm_token *tok, const fm_geo_mention *g)
{
    if (!strcmp(g->prep, "from")) return 1;
    for (size_t k = g->tok_start, steps = 0; k-- > 0 && steps < 6; steps++) {
        const fm_token *t = &tok[k];
        if (fm_is_word(t, "FROM")) return 1;
        if (t->kind != FM_TOK_WORD || fm_is_word(t, "AT") || fm_is_word(t, "IN") || fm_is_word(t, "ON") ||
            fm_is_word(t, "NEAR") || fm_is_word(t, "TO") || fm_is_word(t, "INTO"))
            return 0;
    }
    return 0;
}

void fm_context_sentence(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                         size_t first_event, const fm_attrib_frame *frames, size_t n_frames)
{
    static const size_t MAX_PLACES = 16;
    fm_geo_mention places[16];
    size_t np = 0;
    if (c->geo) {
        fm_geo_context_scan(c->geo, doc->text, tok, n, &c->geo_ctx);
        np = fm_geo_mentions(c->geo, doc->text, tok, n, &c->geo_ctx, &c->arena, places, MAX_PLACES);
        if (np > MAX_PLACES) np = MAX_PLACES;
    }
    for (size_t k = first_event; k < c->events.n; k++) {
        fm_event *ev = &c->events.a[k];
        const fm_event_tokens *et = &c->evtok.a[k];
        size_t from = et->clause_start, to = et->clause_end;

        /* who says so */
        size_t idx[FM_MAX_ATTRIBUTION];
        size_t na = fm_attribution_for(frames, n_frames, et->verb_start, et->verb_end, idx, FM_MAX_ATTRIBUTION);
        for (size_t j = 0; j < na && j < FM_MAX_ATTRIBUTION; j++) set_attribution(c, doc, ev, tok, n, &frames[idx[j]]);
        ev->mode = fm_mode_of(doc->text, tok, n, et->verb_start, et->verb_end, frames, n_frames);

        /* when */
        fm_when w;
        if (fm_when_find(doc->text, tok, n, from, to, c->doc_y, c->doc_m, c->doc_d, &w)) {
            fm_when_format(&w, ev->date);
            ev->date_precision = fm_date_precision_name(w.precision);
            if (w.hour >= 0 && w.hour < 24 && w.minute >= 0 && w.minute < 60)
                snprintf(ev->time, sizeof ev->time, "%02u:%02u", (unsigned)w.hour % 24u, (unsigned)w.minute % 60u);
            if (w.is_span && !c->opt.emit_spans) ev->code[0] = 0;   /* tallies are not events */
        } else {
            snprintf(ev->date, sizeof ev->date, "%04d-%02d-%02d", c->doc_y, c->doc_m, c->doc_d);
            ev->date_precision = "document";
        }

        /* where: a place in the clause ("in", "near", "at"), the origin after "from" */
        const fm_geo_mention *loc = NULL, *origin = NULL;
        for (size_t p = 0; p < np; p++) {
            const fm_geo_mention *g = &places[p];
            /* "a U.S. military base": a country inside an actor's name is not the scene */
            if ((g->tok_start >= et->src_start && g->tok_start < et->src_end) ||
                (g->tok_start >= et->tgt_start && g->tok_start < et->tgt_end))
                continue;
            int o = is_origin(tok, g);
            if (o && !origin && g->tok_start >= et->verb_start) { origin = g; continue; }
            if (!loc && g->tok_start >= from && g->tok_start < to && !o) loc = g;
        }
        for (size_t p = 0; p < np && !loc; p++) {
            const fm_geo_mention *g = &places[p];
            int in_actor = (g->tok_start >= et->src_start && g->tok_start < et->src_end) ||
                           (g->tok_start >= et->tgt_start && g->tok_start < et->tgt_end);
            if (g != origin && !in_actor) loc = g;
        }
        if (!loc && c->have_scene) { loc = &c->scene; }
        if (!loc && origin) { loc = origin; origin = NULL; }
        if (loc) { set_place(&ev->location, &loc->place); ev->has_location = 1; }
        if (loc && loc != &c->scene && loc->place.precision && strcmp(loc->place.precision, "country")) {
            c->scene = *loc;        /* the scene of later sentences that name no place */
            c->have_scene = 1;
        }
        if (origin) { set_place(&ev->origin, &origin->place); ev->has_origin = 1; }

        /* how many */
        fm_quantities_find(doc->text, tok, n, from, to, &c->arena, &ev->quantities);
    }
    /* drop events that the date stage found to be tallies */
    size_t o = first_event;
    for (size_t k = first_event; k < c->events.n; k++) {
        if (!c->events.a[k].code[0]) continue;
        c->events.a[o] = c->events.a[k];
        c->evtok.a[o] = c->evtok.a[k];
        o++;
    }
    c->events.n = c->evtok.n = o;
    (void)si;
}
