/* context.c — the context stage: for each event of a sentence, when it
 * happened, where (and from where), who says so, in which mode and with which
 * counts. Each question is answered by its own module; this file only decides
 * which clause and which fallback apply. */
#include "coder.h"
#include "mode.h"
#include "quantities.h"
#include "time_normalize.h"
#include "verb_match.h"
#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>


void fm_context_begin_doc(fm_coder *c, const fm_doc *doc)
{
    memset(&c->geo_ctx, 0, sizeof c->geo_ctx);
    c->have_scene = 0;
    c->quiet.n = 0;
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
        /* "Maj. Gen. Tahsin al-Khafaji, spokesman for the Iraqi army": of the
         * actors in the speaker's words, the one of a country or an international
         * body, most specific (IRQMIL), speaks; a bare title (GOV) only when there
         * is nothing else */
        int best = -1;
        for (size_t k = 0; k < c->mentions.n; k++) {
            const fm_mention *m = &c->mentions.a[k];
            if (m->start < f->speaker_start || m->end > f->speaker_end || !m->code) continue;
            int affiliated = m->country || !strncmp(m->code, "IGO", 3) || !strncmp(m->code, "NGO", 3) ||
                             !strncmp(m->code, "IMG", 3);
            int sc = (affiliated ? 4 : 0) + (m->agent_only ? 0 : 2);
            if (best < 0 || sc > best || (sc == best && strlen(m->code) > strlen(a->code))) {
                best = sc;
                a->code = m->code;
            }
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

/* A state's own organ reports the state's act: "U.S. forces shot down two
 * drones, the U.S. Central Command said" is the United States' claim, not a
 * third party's report. The speaker and the source are both state actors
 * (government, military, police, intelligence) of one country. */
static int state_agent(const char *code)
{
    static const char *const AGENTS[] = { "GOV", "MIL", "COP", "SPY", NULL };
    if (!code || strlen(code) < 3 || !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3))
        return 0;
    if (strlen(code) == 3) return 1;                 /* the country itself: "Israel said" */
    for (int i = 0; AGENTS[i]; i++)
        if (!strncmp(code + 3, AGENTS[i], 3)) return 1;
    return 0;
}

static int own_account(const fm_event *ev)
{
    if (!ev->n_attribution) return 0;
    const char *sp = ev->attribution[0].code, *src = ev->source.code, *cc = ev->source.country;
    /* "Hamas said the group fired rockets": the speaker is the actor itself */
    if (sp && src && strlen(src) > 3 && !strcmp(sp, src)) return 1;
    /* the country from the source's own field: a bare agent ("GOV") names none */
    return sp && src && cc && state_agent(sp) && state_agent(src) && !strncmp(sp, cc, 3) && !strncmp(src, cc, 3);
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

/* "three days after the attack": the attack is the latest earlier event of the
 * document with a day-precise date; without one, the document date. */
static void earlier_event_date(const fm_coder *c, size_t k, fm_when *base)
{
    memset(base, 0, sizeof *base);
    base->year = c->doc_y, base->month = c->doc_m, base->day = c->doc_d;
    base->precision = FM_PREC_DOCUMENT;
    base->hour = base->minute = -1;
    for (size_t j = k; j-- > 0;) {
        const fm_event *e = &c->events.a[j];
        int y, m, d;
        if (!e->date_precision || (strcmp(e->date_precision, "day") && strcmp(e->date_precision, "time")))
            continue;
        if (fm_date_parse(e->date, &y, &m, &d) != 0) continue;
        base->year = y, base->month = m, base->day = d;
        base->precision = FM_PREC_DAY;
        return;
    }
}

/* 1 if the word w (upper case) occurs as a whole word in text[0..len), any case. */
static int has_word(const char *text, size_t len, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= len; i++)
        if ((i == 0 || !isalnum((unsigned char)text[i - 1])) && !strncasecmp(text + i, w, wl) &&
            (i + wl == len || !isalnum((unsigned char)text[i + wl])))
            return 1;
    return 0;
}

/* "On Saturday, an explosion at the Kalsu base killed one member ... A PMF commander said
 * the base was attacked, while the army said the blast was under investigation": a
 * definite noun phrase without an actor ("the base", "the blast") that names no date of
 * its own speaks of an event of the three sentences before it whose words hold its head
 * noun, or, for an incident noun, of the last act of force there. That event, or NULL. */
static const fm_event *antecedent_event(fm_coder *c, const fm_token *tok, size_t n, size_t k,
                                        const fm_event_tokens *et)
{
    const fm_event *ev = &c->events.a[k];
    size_t s = et->tgt_start, e = et->tgt_end;
    if (ev->has_target && ev->target.code) return NULL;
    if (s == e) s = et->src_start, e = et->src_end;
    if (s == e || e > n || !(fm_is_word(&tok[s], "THE") || fm_is_word(&tok[s], "THIS"))) return NULL;
    const char *head = tok[e - 1].norm;
    int incident = fm_synset_in_sentence(c, tok, n, "INCIDENT", e - 1);
    for (size_t j = k; j-- > 0;) {
        const fm_event *p = &c->events.a[j];
        if (p->sentence_index >= ev->sentence_index) continue;
        if (p->sentence_index + 3 < ev->sentence_index) break;
        /* (an act of force speaks of one: "claimed responsibility for the attacks" holds the
         * word but is the claim's, not the attacks' day) */
        if (ev->quad_class == 4 && p->quad_class != 4) continue;
        if (has_word(p->evidence, p->evidence_len, head) || (incident && p->quad_class == 4)) return p;
    }
    return NULL;
}

/* An act of force: CAMEO 18-20 (not the arrest or the charge that follows one) */
static int force_code(const char *code) { return code[0] == '2' || (code[0] == '1' && code[1] >= '8'); }

/* 1 if event p is dated to a day (or a time of one) */
static int dated_to_day(const fm_event *p)
{
    return p->date_precision && (!strcmp(p->date_precision, "day") || !strcmp(p->date_precision, "time"));
}

/* "six Mexican nationals were killed in the attack", nine sentences after "a gunman shot
 * shoppers on Saturday": an act of force whose clause speaks of "the attack" (the
 * incident after IN, FROM, DURING or BY THE) is of the last act of force the article
 * dated to a day, however far back. That event, or NULL. */
static const fm_event *incident_antecedent(fm_coder *c, const fm_token *tok, size_t n, size_t k,
                                           const fm_event_tokens *et)
{
    const fm_event *ev = &c->events.a[k];
    if (!force_code(ev->code)) return NULL;
    int named = 0;
    for (size_t i = et->clause_start; i + 2 < n && i + 2 <= et->clause_end && !named; i++)
        named = (fm_is_word(&tok[i], "IN") || fm_is_word(&tok[i], "FROM") || fm_is_word(&tok[i], "DURING") ||
                 fm_is_word(&tok[i], "BY")) &&
                fm_is_word(&tok[i + 1], "THE") && fm_synset_in_sentence(c, tok, n, "INCIDENT", i + 2);
    if (!named) return NULL;
    for (size_t j = k; j-- > 0;) {
        const fm_event *p = &c->events.a[j];
        if (p->sentence_index < ev->sentence_index && force_code(p->code) && dated_to_day(p)) return p;
    }
    return NULL;
}

/* "On Thursday ... an IT worker went on a stabbing spree, killing four. ... The attacker was
 * shot dead by police.": an act of force told in the past tense with no date of its own,
 * two sentences or less after an act of force dated to a day, goes on that day (the
 * narrative's; its report is later). That event, or NULL. */
static const fm_event *narrative_antecedent(const fm_coder *c, const fm_token *tok, size_t k,
                                            const fm_event_tokens *et)
{
    const fm_event *ev = &c->events.a[k];
    if (!force_code(ev->code)) return NULL;
    size_t v = et->verb_start;
    const fm_token *t = &tok[v];
    int past = (v > 0 && (fm_is_word(&tok[v - 1], "WAS") || fm_is_word(&tok[v - 1], "WERE"))) ||
               (t->norm_len > 3 && !memcmp(t->norm + t->norm_len - 2, "ED", 2));
    if (!past) return NULL;
    for (size_t j = k; j-- > 0;) {
        const fm_event *p = &c->events.a[j];
        if (p->sentence_index >= ev->sentence_index) continue;
        if (p->sentence_index + 2 < ev->sentence_index) break;
        if (force_code(p->code) && dated_to_day(p)) return p;
    }
    return NULL;
}

/* The year token right before token v that an article or a possessive opens ("the 1968
 * assassination", "Iran's 1979 seizure"), else 0. */
static int year_before_noun(const fm_token *tok, size_t n, size_t v)
{
    if (v < 2 || v >= n || tok[v - 1].kind != FM_TOK_NUMBER || tok[v - 1].norm_len != 4) return 0;
    if (!(fm_is_word(&tok[v - 2], "THE") || tok[v - 2].kind == FM_TOK_POSS)) return 0;
    int y = 0;
    for (size_t k = 0; k < 4; k++) {
        char d = tok[v - 1].norm[k];
        if (d < '0' || d > '9') return 0;
        y = y * 10 + (d - '0');
    }
    return y >= 1900 && y <= 2100 ? y : 0;
}

static int in_span(size_t i, size_t start, size_t end) { return i >= start && i < end; }

/* The comma that closes a sentence's opening "Following ..." / "After ..." phrase of
 * nouns (no verb of its own is checked: "After Israel struck Gaza," is a clause whose
 * date is its verb's anyway), or 0. */
static size_t opening_phrase_end(const fm_token *tok, size_t n)
{
    size_t i = 0;
    while (i < n && tok[i].kind != FM_TOK_WORD) i++;
    if (i + 1 >= n || !(fm_is_word(&tok[i], "FOLLOWING") || fm_is_word(&tok[i], "AFTER"))) return 0;
    if (fm_is_word(&tok[i + 1], "IS") || fm_is_word(&tok[i + 1], "ARE")) return 0;   /* "Following is the text of" */
    for (size_t k = i + 1; k < n && k < i + 30; k++)
        if (tok[k].kind == FM_TOK_PUNCT && tok[k].norm && !strcmp(tok[k].norm, ",")) return k;
    return 0;
}

/* A span after the verb counts the verb's own acts only when nothing between
 * them opens another phrase: "exchange fire despite a truce in place since
 * August", "are killed in attacks, bringing the total killed since Friday to
 * 104" are events; the span belongs to the truce or to the total. */
static int span_is_verbs(const fm_token *tok, size_t n, const fm_event_tokens *et, uint32_t span_start)
{
    size_t ts = et->verb_end;
    while (ts < n && tok[ts].start < span_start) ts++;
    for (size_t k = et->verb_end; k < ts; k++)
        if ((tok[k].kind == FM_TOK_PUNCT && !strcmp(tok[k].norm, ",")) || fm_is_word(&tok[k], "DESPITE") ||
            fm_is_word(&tok[k], "AMID"))
            return 0;
    return 1;
}

/* 1 if the article named the place's country before (or in) this sentence: a
 * town in a country the article never mentions is most often a misread name
 * ("Front", "Supreme", a person's first name), so it yields to one that is. */
static int country_in_article(const fm_coder *c, const fm_place *p)
{
    if (!p->country[0]) return 0;
    for (int k = 0; k < c->geo_ctx.n_countries && k < 32; k++)
        if (!strncmp(c->geo_ctx.countries[k], p->country, 2)) return 1;
    return 0;
}

/* 1 if the actor's country (alpha-3) is the place's: "forces in Cotonou" coded BEN. */
static int actor_in(const fm_coder *c, const char *alpha3, const fm_place *p)
{
    const char *a2 = alpha3 && c->geo ? fm_country_alpha2(c->geo, alpha3) : NULL;
    return a2 && p->country[0] && !strncmp(a2, p->country, 2);
}

static int place_rank(const fm_place *p)
{
    if (!p->precision || !strcmp(p->precision, "country")) return 0;
    return !strcmp(p->precision, "admin1") || !strcmp(p->precision, "region") ? 1 : 2;
}

/* "in the direction of Dobropillia, Donetsk Oblast", "in Lebanon's eastern Bekaa
 * Valley": a region or country right next to a finer place of the same country
 * only says where that place is; the finer place is the scene. */
static const fm_geo_mention *finer_place(const fm_geo_mention *loc, const fm_geo_mention *places, size_t np,
                                         const fm_geo_mention *origin)
{
    for (size_t p = 0; p < np; p++) {
        const fm_geo_mention *h = &places[p];
        if (h == loc || h == origin || strncmp(h->place.country, loc->place.country, 2) ||
            place_rank(&h->place) <= place_rank(&loc->place))
            continue;
        int before = h->tok_end <= loc->tok_start && loc->tok_start - h->tok_end <= 1;
        /* after it only when governed itself ("U.S. Secretary of State" is no town) */
        int after = h->tok_start >= loc->tok_end && h->tok_start - loc->tok_end <= 3 && h->prep[0] &&
                    strcmp(h->prep, "of");
        if (before || after) return h;
    }
    return loc;
}

/* The event's place, in this order: a place of the verb's clause outside the
 * actors' names, any other place of the sentence outside them, a place the
 * target itself is ("strikes Beirut", "invaded Ukraine"), the scene of an
 * earlier sentence, the launch point. Within each step a place in a country the
 * article names beats one in a country it never names. The origin is the place
 * "from" governs after the verb. */
/* 1 if token i is in the speaker of one of the event's attribution frames
 * ("U.S. president Donald Trump announces that six were killed") */
static int in_speaker(size_t i, const fm_attrib_frame *frames, const size_t *idx, size_t na)
{
    for (size_t j = 0; j < na; j++)
        if (in_span(i, frames[idx[j]].speaker_start, frames[idx[j]].speaker_end)) return 1;
    return 0;
}

/* "in Las Cruces sector, Valdivia, Antioquia Department": a town followed, after a comma, by
 * a region of another country only (an address that goes town, region) is a namesake of
 * the town the text means */
static int foreign_to_its_region(const fm_token *tok, const fm_geo_mention *places, size_t np,
                                 const fm_geo_mention *g)
{
    int foreign = 0;
    for (size_t p = 0; p < np; p++) {
        const fm_geo_mention *r = &places[p];
        if (r->tok_start < g->tok_end || r->tok_start > g->tok_end + 8 || !r->place.country[0]) continue;
        int comma = 0;
        for (size_t k = g->tok_end; k < r->tok_start && !comma; k++)
            comma = tok[k].kind == FM_TOK_PUNCT && tok[k].norm && tok[k].norm[0] == ',';
        if (!comma) continue;
        if (!strncmp(r->place.country, g->place.country, 2)) return 0;
        if (place_rank(&r->place) == 1) foreign = 1;
    }
    return foreign;
}

/* the prepositions that put a place where something happens */
static int in_near_at(const char *prep) { return !strcmp(prep, "in") || !strcmp(prep, "near") || !strcmp(prep, "at"); }

static int bare_source_country(const fm_coder *c, const fm_event *ev, const fm_geo_mention *g)
{
    if (!c->geo || !ev->source.country || !g->place.precision || strcmp(g->place.precision, "country")) return 0;
    const char *a2 = fm_country_alpha2(c->geo, ev->source.country);
    return a2 && !strncmp(a2, g->place.country, 2);
}

static const fm_geo_mention *choose_place(fm_coder *c, const fm_token *tok, size_t n, const fm_event *ev,
                                          const fm_event_tokens *et, const fm_geo_mention *places, size_t np,
                                          const fm_attrib_frame *frames, const size_t *idx, size_t na,
                                          const fm_geo_mention **origin_out, const fm_geo_mention **speaker_out)
{
    const fm_geo_mention *origin = NULL, *step[3][3] = { { NULL } }, *in_actor = NULL, *speaker = NULL;
    int article_has_countries = c->geo_ctx.n_countries > 0, has_locative = 0;
    for (size_t p = 0; p < np; p++)
        if (in_near_at(places[p].prep) || !strcmp(places[p].prep, "across")) has_locative = 1;
    for (size_t p = 0; p < np; p++) {
        const fm_geo_mention *g = &places[p];
        /* the speaker's country or town says where the speaker is, not where the
         * event was: the last resort of the caller's */
        if (in_speaker(g->tok_start, frames, idx, na)) {
            if (!speaker && !is_origin(tok, g)) speaker = g;
            continue;
        }
        /* "a U.S. military base", "Israeli troops": a country inside an actor's name is not the scene */
        int in_src = in_span(g->tok_start, et->src_start, et->src_end);
        int in_tgt = in_span(g->tok_start, et->tgt_start, et->tgt_end);
        int o = is_origin(tok, g);
        if (o && !origin && !in_src && !in_tgt && g->tok_start >= et->verb_start) { origin = g; continue; }
        if (o) continue;
        int s;
        /* "security forces in South Sudan", "forces in Cotonou": a place an actor's
         * own name locates, kept for when the sentence names no other */
        if ((in_src || in_tgt) && !in_actor && g->tok_start > (in_src ? et->src_start : et->tgt_start) &&
            in_near_at(g->prep) &&
            (!c->geo_ctx.n_countries || country_in_article(c, &g->place) ||
             actor_in(c, in_src ? ev->source.country : ev->target.country, &g->place)))
            in_actor = g;
        /* "airstrikes ... in Harouf and Qlayleh, Lebanon" read with Lebanon as the
         * source: a place governed by a locative preposition is the scene, not an actor */
        int whole = (in_src && g->tok_start == et->src_start && g->tok_end == et->src_end) ||
                    (in_tgt && g->tok_start == et->tgt_start && g->tok_end == et->tgt_end);
        int at_place = in_near_at(g->prep) ||
                       fm_after_place_of(c, tok, g->tok_start);   /* "off the coast of Venezuela" */
        if (whole && at_place) in_src = in_tgt = 0;
        if (in_src) continue;
        /* "Russia launches drone strikes across Ukraine, injuring at least one person": the
         * source's own country named bare before the verb is the actor of the sentence, not
         * where a later act of force in its clause happened, when a place after in / across / at
         * says where */
        if (!in_tgt && !g->prep[0] && g->tok_start < et->verb_start && force_code(ev->code) && has_locative &&
            bare_source_country(c, ev, g))
            continue;
        if (in_tgt) {
            /* only when the target is the place itself, not "Ukrainian soldiers" */
            if (g->tok_start != et->tgt_start || g->tok_end != et->tgt_end) continue;
            s = 2;
        } else {
            s = in_span(g->tok_start, et->clause_start, et->clause_end) ? 0 : 1;
        }
        /* "in Jenin" is a place whatever the article named before; a bare
         * capitalised word ("including Naama Levy") must fit the article */
        int locative = in_near_at(g->prep) ||
                       !strcmp(g->prep, "outside") || !strcmp(g->prep, "into") || !strcmp(g->prep, "across");
        /* "Russian forces target Kharkiv with drones": the place a use of force (CAMEO 18-20)
         * acts on is the scene */
        int force = (ev->code[0] == '1' && ev->code[1] >= '8') || ev->code[0] == '2';
        if (force && (s == 2 || g->tok_start == et->verb_end ||
                      (g->tok_start == et->verb_end + 1 && fm_is_word(&tok[et->verb_end], "THE"))))
            locative = 1;
        /* a region named in full ("West Bank", "Gaza Strip", "Kharkiv Oblast") is no misread word */
        int full_region = g->prep[0] && g->tok_end - g->tok_start >= 2 && g->place.precision &&
                          (!strcmp(g->place.precision, "admin1") || !strcmp(g->place.precision, "region"));
        int tier = !article_has_countries || country_in_article(c, &g->place) ? 0 : locative || full_region ? 1 : 2;
        /* "in Las Cruces sector, Valdivia, Antioquia Department": a town of another country than
         * every region the sentence names, in none the article names, is a namesake */
        if (place_rank(&g->place) == 2 && !country_in_article(c, &g->place) && foreign_to_its_region(tok, places, np, g))
            tier = 2;
        /* "near the Afghanistan border in Zhob, Pakistan": a country before BORDER names a side
         * of a border, a place of last resort */
        if (place_rank(&g->place) == 0 && g->tok_end < n &&
            (fm_is_word(&tok[g->tok_end], "BORDER") || fm_is_word(&tok[g->tok_end], "FRONTIER")))
            tier = 2;
        /* no preposition, not the target, in a country the article never names:
         * a name's word ("including Naama Levy", "five Thai nationals", "a MAGURA
         * drone"), not a scene; a wrong place is worse than none */
        if (tier == 2 && s != 2 && !g->prep[0]) continue;
        if (!step[s][tier]) step[s][tier] = g;
    }
    *origin_out = origin;
    *speaker_out = speaker;
    /* ("Iran condemned the Israeli airstrikes on Beirut": the place force was used on is
     * nearer the scene than a place outside the act's clause) */
    static const int order[2][3] = { { 0, 1, 2 }, { 0, 2, 1 } };
    for (int k = 0; k < 3; k++) {
        int s = order[force_code(ev->code)][k];
        if (step[s][0]) return finer_place(step[s][0], places, np, origin);
        if (step[s][1]) return finer_place(step[s][1], places, np, origin);
    }
    if (in_actor) return in_actor;
    if (c->have_scene) return &c->scene;
    for (int s = 0; s < 3; s++) if (step[s][2]) return step[s][2];
    if (origin) { *origin_out = NULL; return origin; }
    return NULL;
}

/* No place named: the target's country ("Israeli strikes kill 26 Palestinians"
 * happen in Palestine), else the source's own country when the event stays
 * inside it; never the source's country for an act against another country. */
static int country_fallback(fm_coder *c, const fm_event *ev, const fm_geo_mention *places, size_t np,
                            fm_place *out)
{
    if (!c->geo) return 0;
    const char *src = ev->source.country, *tgt = ev->has_target ? ev->target.country : NULL;
    /* "Israeli strikes kill 26 people": an attack with no target country may
     * well be abroad, so only the target's country says where it happened */
    /* (coercion by a state, CAMEO 17: arrests, bans, curfews, a state of emergency, and
     * restricting movement, 191: "Cambodia closes its airspace", is domestic unless it
     * names a foreign target) */
    int domestic = ((ev->code[0] == '1' && ev->code[1] == '7') || !strncmp(ev->code, "191", 3)) && src &&
                   ev->source.code && fm_state_actor(ev->source.code);
    /* (a protest, strike or riot, CAMEO 14, is where the protesters are) */
    int protest = ev->code[0] == '1' && ev->code[1] == '4';
    if (!tgt && ev->quad_class == 4 && !domestic && !protest) return 0;
    /* (an expulsion or a deportation, 166 and 174, is from the expeller's country: "the
     * Parliament of Iraq voted to expel United States troops" happened in Iraq) */
    int from_own = (!strncmp(ev->code, "166", 3) || !strncmp(ev->code, "174", 3)) && src;
    const char *pick = tgt && !from_own ? tgt : src;
    if (!pick) return 0;
    const char *a2 = fm_country_alpha2(c->geo, pick);
    if (!a2) return 0;
    /* the country must be one the article names: the actor may be a foreign
     * force, an exile or a diaspora, and then its country is not the scene */
    fm_place p;
    memset(&p, 0, sizeof p);
    memcpy(p.country, a2, 2);
    if (!country_in_article(c, &p)) return 0;
    /* the sentence names that country ("... in Aleppo Governorate, Syria"): that place */
    for (size_t k = 0; k < np; k++)
        if (!strncmp(places[k].place.country, a2, 2) && places[k].place.precision &&
            !strcmp(places[k].place.precision, "country")) {
            *out = places[k].place;
            return 1;
        }
    const char *name = ev->has_target && tgt && !from_own ? ev->target.name : ev->source.name;
    const char *text = ev->has_target && tgt && !from_own ? ev->target.text : ev->source.text;
    fm_place q;
    int found = (text && *text && fm_geo_lookup(c->geo, text, strlen(text), &c->geo_ctx, &q) &&
                 q.precision && !strcmp(q.precision, "country") && !strncmp(q.country, a2, 2)) ||
                (name && fm_geo_lookup(c->geo, name, strlen(name), &c->geo_ctx, &q) &&
                 q.precision && !strcmp(q.precision, "country") && !strncmp(q.country, a2, 2));
    /* "Palestinians", "THE STATE OF PALESTINE": no spelling of the country; its code is enough */
    if (!found && !(found = fm_geo_country(c->geo, a2, &q))) return 0;
    *out = q;
    out->start = out->end = 0;     /* inferred, not named */
    return 1;
}

/* Agents that belong to the country they act in: police, courts, rebels, protesters,
 * the president. Armed forces, spies and international bodies often act abroad. */
static const char *const DOMESTIC_AGENT[] = { "GOV", "COP", "JUD", "LEG", "OPP", "REB", "UAF", "CVL", "REF",
    "RAD", "LAB", "PTY", "CRM", "EDU", "HLH", "BUS", "MED", "AGR", "REL", "ELI", "INS", "SEP", "ENV", "HRI",
    NULL };

/* 1 if the actor is named only by a domestic agent and has no country yet. */
static int domestic_agent(const fm_actor *a)
{
    if (!a->code || a->country) return 0;
    for (const char *const *w = DOMESTIC_AGENT; *w; w++)
        if (a->code[0] == (*w)[0] && !strncmp(a->code, *w, 3)) return 1;   /* the first byte spares most calls */
    return 0;
}

/* "rebels in the Ivory Coast", "demonstrators in Baghdad", "refugees held in the
 * Jaffna peninsula": an actor the text names only by what it is, with no
 * nationality, is of the country where the event takes place (ICEWS's
 * "Police (Iraq)"); its code stays as the dictionary gave it. */
static void actor_country_of_place(const fm_coder *c, fm_actor *a, const fm_place *p)
{
    if (!c->geo || !p->country[0] || !domestic_agent(a)) return;
    const char *a3 = fm_country_alpha3(c->geo, p->country);
    if (a3) a->country = a3;
}

/* "Egyptian police opened fire on fundamentalist demonstrators", "a Kenyan court jailed
 * two activists": police and courts act at home, so a domestic agent they act on is of
 * their country when no place said otherwise. */
static void target_country_of_source(fm_event *ev)
{
    const char *sc = ev->source.code;
    if (!ev->has_target || !ev->source.country || !sc || strlen(sc) < 6 || !domestic_agent(&ev->target)) return;
    if (strncmp(sc + 3, "COP", 3) && strncmp(sc + 3, "JUD", 3)) return;
    ev->target.country = ev->source.country;
}

/* The target as a country alone: no words, no code. */
static void set_country_target(fm_event *ev, const char *alpha3)
{
    memset(&ev->target, 0, sizeof ev->target);
    ev->target.text = "";
    ev->target.country = alpha3;
    ev->has_target = 1;
}

/* "Thousands rallied in Lagos to protest the new law": a protest with no one named
 * as its target is aimed at the authorities of the country where it takes place
 * (CAMEO and ICEWS practice); the target is that country. */
static void protest_target(const fm_coder *c, fm_event *ev)
{
    if (ev->has_target || strncmp(ev->code, "14", 2) || !ev->location.country[0] || !c->geo) return;
    /* "the court blocks the plan", "the government bans rallies": the state is no protester */
    static const char *const STATE_BODY[] = { "GOV", "MIL", "JUD", "COP", "LEG", "SPY", "IGO", NULL };
    const char *sc = ev->source.code;
    for (const char *const *w = STATE_BODY; sc && *w; w++)
        if (!strncmp(sc, *w, 3) || (strlen(sc) >= 6 && strstr(sc + 3, *w))) return;
    const char *a3 = fm_country_alpha3(c->geo, ev->location.country);
    if (!a3) return;
    /* a country by its name ("Pakistan", "London") may be its state: only at home */
    if (sc && strlen(sc) == 3 && ev->source.country && strcmp(ev->source.country, a3)) return;
    set_country_target(ev, a3);
}

/* "Sudan lifted a state of emergency in West Darfur", "Algeria imposed a curfew in
 * Algiers": a restriction a state imposes or eases (CAMEO 081, 172) on a place of its own
 * named in the sentence, with no actor named as its target, acts on its own people. */
static void restriction_target(const fm_coder *c, fm_event *ev, const fm_geo_mention *loc)
{
    if (ev->has_target || !loc || loc == &c->scene || !c->geo || !loc->place.country[0]) return;
    if (strncmp(ev->code, "081", 3) && strncmp(ev->code, "172", 3)) return;
    const char *a3 = fm_country_alpha3(c->geo, loc->place.country);
    /* only a state at home: abroad the place may be where the restriction's victims are not */
    if (a3 && ev->source.country && !strcmp(ev->source.country, a3)) set_country_target(ev, a3);
}

enum { MAX_PLACES = 16 };

/* Reads a sentence's places: the countries it names join the article's (geo_ctx),
 * and out gets its places resolved with them. */
static size_t sentence_places(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n,
                              fm_geo_mention places[MAX_PLACES])
{
    if (!c->geo) return 0;
    size_t np = fm_geo_sentence(c->geo, doc->text, tok, n, &c->geo_ctx, &c->arena, places, MAX_PLACES);
    return np > MAX_PLACES ? MAX_PLACES : np;
}

/* A sentence with no event still sets the scene of the next ones ("Clashes escalate
 * near X, Syria. Turkish jets strike SDF positions."), and places the events before it
 * that have none ("Police seize a boat. The vessel was taken off the coast of Qaw
 * district, Somalia."); n_events: the document's events when it was coded. */
static void quiet_places(fm_coder *c, const fm_token *tok, const fm_geo_mention *places, size_t np, size_t n_events)
{
    for (size_t p = 0; p < np; p++) {
        const fm_geo_mention *g = &places[p];
        if (!g->place.precision || !strcmp(g->place.precision, "country") || is_origin(tok, g)) continue;
        if (c->geo_ctx.n_countries && !country_in_article(c, &g->place)) continue;
        c->scene = *g;
        c->have_scene = 1;
        break;
    }
    const fm_geo_mention *later = c->have_scene ? &c->scene : NULL;
    for (size_t k = 0; later && k < n_events; k++)
        if (!c->events.a[k].has_location) {     /* c->events holds this document's events only */
            set_place(&c->events.a[k].location, &later->place);
            c->events.a[k].has_location = 1;
        }
}

/* Most sentences code no event (Reuters: three in four), and what their places do
 * (above) matters only once a later sentence asks the gazetteer or has an event, or at
 * the document's end if an event has no place: reading them then, in order, gives the
 * same records as reading each at once, and the gazetteer scan of the sentences after
 * a document's last event is never done. The TABARI path codes compacted copies of
 * its sentences, so it reads each at once. */
void fm_context_catch_up(fm_coder *c, const fm_doc *doc)
{
    for (size_t q = 0; q < c->quiet.n; q++) {
        const fm_span *r = &c->sentence_tokens.a[c->quiet.a[q].si];
        const fm_token *tok = c->doc_tokens.a + r->start;
        size_t n = r->end - r->start;
        if (n > FM_SENTENCE_MAX_TOKENS) n = FM_SENTENCE_MAX_TOKENS;
        fm_geo_mention places[MAX_PLACES];
        size_t np = sentence_places(c, doc, tok, n, places);
        quiet_places(c, tok, places, np, c->quiet.a[q].n_events);
    }
    c->quiet.n = 0;
}

void fm_context_end_doc(fm_coder *c, const fm_doc *doc)
{
    for (size_t k = 0; k < c->events.n && c->quiet.n; k++)
        if (!c->events.a[k].has_location) fm_context_catch_up(c, doc);
    c->quiet.n = 0;
}

void fm_context_sentence(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                         size_t first_event, const fm_attrib_frame *frames, size_t n_frames)
{
    if (first_event == c->events.n && !c->lx->tabari_verbs && c->geo) {
        fm_quiet_sentence q = { si, first_event };
        if (!fm_quiet_vec_push(&c->quiet, q)) return;
    }
    fm_context_catch_up(c, doc);
    fm_geo_mention places[MAX_PLACES];
    size_t np = sentence_places(c, doc, tok, n, places);
    fm_when_set dates;            /* read once per sentence, on its first event */
    fm_quantity_set counts;
    dates.n = 0;
    int dates_read = 0;
    for (size_t k = first_event; k < c->events.n; k++) {
        fm_event *ev = &c->events.a[k];
        const fm_event_tokens *et = &c->evtok.a[k];
        size_t from = et->clause_start, to = et->clause_end;
        /* "Following Pakistani airstrikes in Kabul on October 9th, the Afghan Armed Forces
         * launch attacks": the opening phrase's date and places are its own act's */
        size_t opening = opening_phrase_end(tok, n);
        if (opening && et->verb_start > opening && from <= opening) from = opening + 1;

        /* who says so */
        size_t idx[FM_MAX_ATTRIBUTION];
        size_t na = fm_attribution_for(frames, n_frames, et->verb_start, et->verb_end, idx, FM_MAX_ATTRIBUTION);
        for (size_t j = 0; j < na && j < FM_MAX_ATTRIBUTION; j++) set_attribution(c, doc, ev, tok, n, &frames[idx[j]]);
        ev->mode = fm_mode_of_marked(doc->text, tok, c->marks, n, et->verb_start, et->verb_end, frames, n_frames);
        if (ev->mode == FM_MODE_REPORTED && own_account(ev)) ev->mode = FM_MODE_CLAIMED;

        /* when */
        fm_when w;
        const fm_event *prev;
        if (!dates_read) {
            fm_when_collect(tok, n, c->doc_y, c->doc_m, c->doc_d, &dates);
            fm_quantities_collect(tok, n, &counts);
            dates_read = 1;
        }
        int picked = fm_when_pick(&dates, tok, n, from, to, et->verb_start, &w);
        /* ("are killed in attacks, bringing the total killed since Friday to 104": the span is
         * the total's, and dates nothing of the verb's) */
        if (picked && w.is_span && !span_is_verbs(tok, n, et, w.start)) picked = 0;
        if (picked && opening && et->verb_start > opening && w.end <= tok[opening].start) picked = 0;
        if (picked) {
            if (w.relative_to_event) {
                fm_when base;
                earlier_event_date(c, k, &base);
                fm_when_relative_to(&w, &base);
            }
            fm_when_format(&w, ev->date);
            ev->date_precision = fm_date_precision_name(w.precision);
            /* "the attacks occurred at 4:00 A.M.": a time of day alone on an act told of
             * before is on that act's day */
            if (w.precision == FM_PREC_TIME && w.year == c->doc_y && w.month == c->doc_m && w.day == c->doc_d &&
                (prev = antecedent_event(c, tok, n, k, et)) != NULL && dated_to_day(prev))
                memcpy(ev->date, prev->date, sizeof ev->date);
            if (w.hour >= 0 && w.hour < 24 && w.minute >= 0 && w.minute < 60) {
                /* "%02u:%02u" by hand, not snprintf: both fields have two digits */
                unsigned h = (unsigned)w.hour % 24u, mi = (unsigned)w.minute % 60u;
                char hm[6] = { (char)('0' + h / 10), (char)('0' + h % 10), ':', (char)('0' + mi / 10),
                               (char)('0' + mi % 10), 0 };
                memcpy(ev->time, hm, sizeof hm);
            }
            /* tallies are not events */
            if (w.is_span && !c->opt.emit_spans) ev->code[0] = 0;
        } else if ((prev = antecedent_event(c, tok, n, k, et)) != NULL ||
                   (prev = incident_antecedent(c, tok, n, k, et)) != NULL ||
                   (prev = narrative_antecedent(c, tok, k, et)) != NULL) {
            memcpy(ev->date, prev->date, sizeof ev->date);
            memcpy(ev->time, prev->time, sizeof ev->time);
            ev->date_precision = prev->date_precision;
        } else {
            fm_date_format(c->doc_y, c->doc_m, c->doc_d, ev->date);
            ev->date_precision = "document";
        }
        /* "the 1968 assassination of", "the 2015 murder of": a year between an article and the
         * noun of the act dates that act, and no other verb of the sentence */
        int year = year_before_noun(tok, n, et->verb_start);
        if (year) {
            snprintf(ev->date, sizeof ev->date, "%04d", year);
            ev->date_precision = "year";
            ev->time[0] = 0;
        }

        /* where */
        const fm_geo_mention *origin = NULL, *speaker = NULL;
        fm_event_tokens own = *et;      /* (the opening phrase's places are outside the clause) */
        own.clause_start = from;
        const fm_geo_mention *loc = choose_place(c, tok, n, ev, &own, places, np, frames, idx, na, &origin, &speaker);
        fm_place fallback;
        if (!loc && country_fallback(c, ev, places, np, &fallback)) {
            ev->location = fallback;
            ev->has_location = 1;
        }
        /* "The U.S. Navy strikes a boat off Venezuela. Trump says six were killed by the
         * attack.": an act of force that names no place is where the one before it was */
        if (!loc && !ev->has_location && ev->quad_class == 4)
            for (size_t j = k; j-- > 0;)
                if (c->events.a[j].has_location && c->events.a[j].quad_class == 4) {
                    ev->location = c->events.a[j].location;
                    ev->has_location = 1;
                    break;
                }
        if (!loc && !ev->has_location && speaker) loc = speaker;   /* "Ecuador announces ... are killed" */
        if (loc) { set_place(&ev->location, &loc->place); ev->has_location = 1; }
        if (loc && loc != &c->scene && loc->place.precision && strcmp(loc->place.precision, "country")) {
            c->scene = *loc;        /* the scene of later sentences that name no place */
            c->have_scene = 1;
        }
        if (origin) { set_place(&ev->origin, &origin->place); ev->has_origin = 1; }
        if (ev->has_location) {
            actor_country_of_place(c, &ev->source, &ev->location);
            if (ev->has_target) actor_country_of_place(c, &ev->target, &ev->location);
            protest_target(c, ev);
            restriction_target(c, ev, loc);
        }
        target_country_of_source(ev);

        /* how many */
        fm_quantities_pick(&counts, doc->text, tok, n, from, to, &c->arena, &ev->quantities);
        /* the dead, the wounded and the munitions are counts of an act of force (CAMEO 14-20) or
         * of what a speaker says or denies of one: "He supported education ... massacres saw
         * thousands killed" gives the support none */
        if (ev->quad_class != 4 && strncmp(ev->code, "01", 2) && strncmp(ev->code, "11", 2)) {
            memset(&ev->quantities.killed, 0, sizeof ev->quantities.killed);
            memset(&ev->quantities.injured, 0, sizeof ev->quantities.injured);
            memset(&ev->quantities.munitions, 0, sizeof ev->quantities.munitions);
        }
    }
    if (first_event == c->events.n) quiet_places(c, tok, places, np, first_event);
    /* drop events that the date stage found to be tallies */
    size_t o = first_event;
    for (size_t k = first_event; k < c->events.n; k++) {
        if (!c->events.a[k].code[0]) continue;
        if (o != k) {   /* an event is large: moved only when one before it went */
            c->events.a[o] = c->events.a[k];
            c->evtok.a[o] = c->evtok.a[k];
        }
        o++;
    }
    c->events.n = c->evtok.n = o;
    (void)si;
}
