/* coder.c — fm_coder: one document through the pipeline. Sentences ->
 * tokens -> lexicon matches -> clauses -> events -> context. Events are built
 * here from a verb's code, its subject and its object; nothing is printed. */
#include "coder.h"
#include "cameo.h"
#include "verb_match.h"
#include "time_normalize.h"
#include "quantities.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *fm_mode_name(fm_mode m)
{
    static const char *const names[] = { "asserted", "reported", "claimed", "denied", "negated", "hypothetical" };
    return (unsigned)m < 6 ? names[m] : "asserted";
}

fm_coder *fm_coder_new(const fm_lexicon *lx, const fm_options *opt, fm_diag_fn diag, void *user)
{
    if (!lx || !lx->finished) return NULL;
    fm_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->lx = lx;
    if (opt) c->opt = *opt;
    if (!c->opt.max_doc_bytes) c->opt.max_doc_bytes = 64u << 20;
    c->diag = diag;
    c->diag_user = user;
    fm_arena_init(&c->arena, 256 * 1024);
    c->geo = fm_gazetteer_open(NULL, NULL, NULL);   /* no gazetteer: events simply have no place */
    c->tok_memo = calloc(FM_TOK_MEMO_SIZE, sizeof *c->tok_memo);
    c->wclass_memo = calloc(1, sizeof *c->wclass_memo);
    if (!c->tok_memo || !c->wclass_memo || fm_wordlists_init(&c->wordlists, lx)) { fm_coder_free(c); return NULL; }
    return c;
}

int fm_coder_set_options(fm_coder *c, const fm_options *opt)
{
    size_t max = c->opt.max_doc_bytes;
    if (opt) c->opt = *opt;
    else memset(&c->opt, 0, sizeof c->opt);
    if (!c->opt.max_doc_bytes) c->opt.max_doc_bytes = max;
    return 0;
}

void fm_coder_free(fm_coder *c)
{
    if (!c) return;
    fm_arena_free(&c->arena);
    fm_span_vec_free(&c->sentences);
    fm_token_vec_free(&c->doc_tokens);
    fm_span_vec_free(&c->sentence_tokens);
    fm_token_vec_free(&c->tokens);
    free(c->ids);
    free(c->tok_memo);
    free(c->wclass_memo);
    free(c->marks);
    fm_wordlists_free(&c->wordlists);
    fm_mention_vec_free(&c->mentions);
    fm_verb_vec_t_free(&c->verbs);
    fm_event_vec_free(&c->events);
    fm_evtok_vec_free(&c->evtok);
    fm_quiet_vec_free(&c->quiet);
    free(c->word_stamp);
    free(c->syn_stamp);
    free(c->syn_off);
    free(c->syn_cnt);
    fm_syn_hit_vec_free(&c->syn_hits);
    fm_gazetteer_close(c->geo);
    free(c);
}

static void report(fm_coder *c, const fm_doc *doc, const char *msg)
{
    if (c->diag) c->diag(c->diag_user, FM_WARNING, doc->where ? doc->where : doc->id, msg);
}

/* 64-bit FNV-1a over the fields that identify an event, so ids do not depend
 * on which file, shard or order the document came in. The bytes hashed are
 * "id|sentence|verb|code|source|target|source start", cut as a 512-byte
 * snprintf buffer cut it (511 bytes and its NUL), so ids stay what they were;
 * hashed as they are made, since this runs for every event. */
typedef struct id_hash { uint64_t h; size_t n; } id_hash;

static void id_bytes(id_hash *x, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++, x->n++)
        if (x->n < 511) { x->h ^= (unsigned char)s[i]; x->h *= 1099511628211ull; }
}

static void id_uint(id_hash *x, unsigned long v, int sep)
{
    char d[24];
    size_t k = sizeof d;
    do { d[--k] = (char)('0' + v % 10); v /= 10; } while (v);
    if (sep) d[--k] = '|';
    id_bytes(x, d + k, sizeof d - k);
}

static void id_str(id_hash *x, const char *s, int sep)
{
    if (sep) id_bytes(x, "|", 1);
    id_bytes(x, s, strlen(s));
}

static void event_id(const fm_doc *doc, const fm_event *ev, char out[17])
{
    id_hash x = { 1469598103934665603ull, 0 };
    id_str(&x, doc->id ? doc->id : "(null)", 0);
    if (ev->sentence_index < 0) { id_bytes(&x, "|-", 2); id_uint(&x, (unsigned long)-(long)ev->sentence_index, 0); }
    else id_uint(&x, (unsigned long)ev->sentence_index, 1);
    id_uint(&x, ev->verb_start, 1);
    id_str(&x, ev->code, 1);
    id_str(&x, ev->source.code ? ev->source.code : "", 1);
    id_str(&x, ev->target.code ? ev->target.code : "", 1);
    id_uint(&x, ev->source.start, 1);
    if (x.n >= 512) x.h *= 1099511628211ull;   /* its NUL byte (h ^= 0, then the multiply) */
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) out[i] = hex[(x.h >> (60 - 4 * i)) & 15];
    out[16] = '\0';
}

/* The actor as written (w, tokens of this sentence) with the code of what it
 * stands for (r: itself, or the antecedent of a pronoun from any sentence). */
static fm_actor actor_of(fm_coder *c, const fm_doc *doc, const fm_token *tok, const fm_mention *w,
                         const fm_mention *r)
{
    fm_actor a = { .text = "" };
    if (!w || !r) return a;
    if (w->implied) { a.code = r->code; return a; }   /* a DEFAULT actor: no words */
    a.start = tok[w->start].start;
    a.end = tok[w->end - 1].end;
    a.text = fm_arena_strndup(&c->arena, doc->text + a.start, a.end - a.start);
    a.code = r->code;
    a.country = r->country;
    a.name = r->name;
    return a;
}

/* A named actor with an individual's name is a person; the rest are groups. */
static int is_person(const fm_mention *m)
{
    return m->name && !m->agent_only && m->code && strlen(m->code) >= 6 && m->actor_words >= 2;
}

/* How many sentences back a pronoun may find its antecedent: further on, an
 * article has moved to other people (a quoted expert, an interviewee, a later
 * paragraph) and the last actor named is a guess. */
enum { MEMORY_REACH = 2, PERSON_REACH = 4 };   /* "he" / "she" agree with a person only: they reach further */

static int recent(const fm_coder *c, int have, size_t at, size_t reach)
{
    return have && c->sentence_now - at <= reach;
}

static int singular_it(const fm_token *t) { return fm_is_word(t, "IT") || fm_is_word(t, "ITS") || fm_is_word(t, "ITSELF"); }

/* "the group", "the faction", "the militia": words for an organisation that is no state */
static int nonstate_group_word(const fm_token *t)
{
    return fm_is_word(t, "GROUP") || fm_is_word(t, "FACTION") || fm_is_word(t, "MOVEMENT") ||
           fm_is_word(t, "MILITIA") || fm_is_word(t, "ORGANIZATION") || fm_is_word(t, "ORGANISATION");
}

/* A common noun in the plural ("militants", "forces"; not "Houthis", not "press"). */
static int plural_noun(const fm_token *t)
{
    return t->kind == FM_TOK_WORD && !(t->flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS)) && t->norm_len > 3 &&
           t->norm[t->norm_len - 1] == 'S' && t->norm[t->norm_len - 2] != 'S';
}

static int single_person_noun(const fm_token *t)
{
    return fm_is_word(t, "MAN") || fm_is_word(t, "WOMAN") || fm_is_word(t, "PERSON") || fm_is_word(t, "CHILD") ||
           fm_is_word(t, "BOY") || fm_is_word(t, "GIRL");
}

/* Pronouns and "the group" stand for the nearest compatible actor named
 * before them in the same sentence ("Hamas said it fired"), else for the last
 * one named in one of the few sentences before. */
static const fm_mention *resolve(fm_coder *c, const fm_mention *m)
{
    if (!m || !m->pronoun) return m;
    if (m >= c->mentions.a && m < c->mentions.a + c->mentions.n) {
        for (size_t k = (size_t)(m - c->mentions.a); k-- > 0;) {
            const fm_mention *a = &c->mentions.a[k];
            if (a->pronoun || !a->code || a->implied || a->weapon || a->end > m->start) continue;
            /* "imposed sanctions on Russian companies that it accused": not a prepositional object */
            if (c->tokens_now && fm_after_preposition(c, c->tokens_now, a->start)) continue;
            /* "detains dozens of Islamic State militants, whom it alleges": "it" is no plural noun */
            if (c->tokens_now && singular_it(&c->tokens_now[m->start]) && plural_noun(&c->tokens_now[a->end - 1])) continue;
            /* "the Houthis release a video of the crew of the Greek-operated ship, which the
             * group attacked": "the group" is no country */
            if (c->tokens_now && nonstate_group_word(&c->tokens_now[m->start]) && a->country &&
                !strcmp(a->code, a->country))
                continue;
            /* "soldiers killed one man as they barred": "they" is no single person named by a noun */
            if (c->tokens_now && (fm_is_word(&c->tokens_now[m->start], "THEY") || fm_is_word(&c->tokens_now[m->start], "THEM")) &&
                a->agent_only && a->end == a->start + 1 && single_person_noun(&c->tokens_now[a->start]))
                continue;
            if ((m->pronoun == 1) == is_person(a)) return a;
            /* "the leader of the Houthis Abdul-Malik al-Houthi announces that the group will":
             * a rebel leader's group is the one his code names */
            if (c->tokens_now && nonstate_group_word(&c->tokens_now[m->start]) && is_person(a) && !fm_state_actor(a->code))
                return a;
        }
    }
    /* "we" outside its speaker's sentence is an interviewee, the writer or the
     * researchers of a study, not the last actor the article named */
    if (c->tokens_now && fm_is_word(&c->tokens_now[m->start], "WE")) return NULL;
    const fm_memory *mem = &c->memory;
    if (m->pronoun == 1 && recent(c, mem->have_person, mem->person_at, PERSON_REACH)) return &mem->last_person;
    if (m->pronoun == 2 && recent(c, mem->have_group, mem->group_at, MEMORY_REACH)) return &mem->last_group;
    /* with no person named lately, "he" may be "the president" or "a man" (an agent), or
     * one name with a role ("Biden" USAELI), but never a country or an institution;
     * "it" and "they" never a person */
    const fm_mention *any = &mem->last_any;
    if (m->pronoun == 1 && recent(c, mem->have_any, mem->any_at, MEMORY_REACH) &&
        (any->agent_only || (any->name && any->actor_words >= 1 && strlen(any->code) >= 6)))
        return any;
    return NULL;
}

/* send, deploy, dispatch, order: the verbs whose object a state sends out as its own */
static int starts_with_any(const fm_token *t, const char *const *stems)
{
    for (const char *const *p = stems; *p; p++)
        if (t->norm && !strncmp(t->norm, *p, strlen(*p))) return 1;
    return 0;
}

static int sending_verb(const fm_token *t)
{
    static const char *const stems[] = { "SEND", "SENT", "DEPLOY", "DISPATCH", "ORDER", "MOBILI", NULL };
    return starts_with_any(t, stems);
}

/* launch, carry out, conduct, mount: the light verbs of an attack named by its weapon */
static int launching_verb(const fm_token *t)
{
    static const char *const stems[] = { "LAUNCH", "CARRY", "CARRIE", "CONDUCT", "MOUNT", NULL };
    return starts_with_any(t, stems);
}

/* Mention obj (agent only, no country: "warplanes", "troops") takes the country of
 * the state actor sender, when there is one. */
static void own_sent_forces(fm_coder *c, int obj, int sender)
{
    if (sender < 0 || obj == sender) return;
    fm_mention *m = &c->mentions.a[obj];
    const fm_mention *s = resolve(c, &c->mentions.a[sender]);
    if (!m->agent_only || m->country || !m->code || m->pronoun || !s || !s->country || !s->code ||
        !fm_state_actor(s->code) || strncmp(m->code, "MIL", 3))
        return;
    m->code = fm_arena_printf(&c->arena, "%s%s", s->country, m->code);
    m->country = s->country;
    m->agent_only = 0;
}

/* Both mentions resolve to actors of one country: a leader touring his own
 * country hosts nobody ("Xi Jinping visits Lhasa"), so no paired event. */
static int same_country(fm_coder *c, int a, int b)
{
    const fm_mention *x = resolve(c, &c->mentions.a[a]), *y = resolve(c, &c->mentions.a[b]);
    return x && y && x->country && y->country && !strcmp(x->country, y->country);
}

static void remember(fm_coder *c, const fm_mention *m)
{
    if (!m || m->pronoun || !m->code) return;
    if (m->country && fm_state_actor(m->code)) c->memory.last_state = m->country;
    c->memory.last_any = *m;
    c->memory.have_any = 1;
    c->memory.any_at = c->sentence_now;
    if (is_person(m)) {
        c->memory.last_person = *m;
        c->memory.have_person = 1;
        c->memory.person_at = c->sentence_now;
    } else {
        c->memory.last_group = *m;
        c->memory.have_group = 1;
        c->memory.group_at = c->sentence_now;
    }
}

/* The sentence's last compound of exactly two named actors, for a later "both countries". */
static void remember_pair(fm_coder *c)
{
    for (size_t k = c->mentions.n; k-- > 0;) {
        const fm_mention *m = &c->mentions.a[k];
        if (!m->compound_head || m->next < 0 || m->pronoun || !m->code || m->implied) continue;
        const fm_mention *m2 = &c->mentions.a[m->next];
        if (m2->next >= 0 || m2->pronoun || !m2->code || m2->implied) continue;
        if (m->start == m2->start) continue;       /* one phrase with two codes, no pair of sides */
        c->memory.last_pair[0] = *m;
        c->memory.last_pair[1] = *m2;
        c->memory.have_pair = 1;
        c->memory.pair_at = c->sentence_now;
        return;
    }
}

static int same_event(const fm_event *a, const fm_event *b)
{
    return strcmp(a->code, b->code) == 0 && a->sentence_index == b->sentence_index &&
           !strcmp(a->source.code ? a->source.code : "", b->source.code ? b->source.code : "") &&
           !strcmp(a->target.code ? a->target.code : "", b->target.code ? b->target.code : "");
}

/* kill, injure, wound: the verbs of a casualty toll */
static int toll_verb(const fm_token *t)
{
    return !strncmp(t->norm, "KILL", 4) || !strncmp(t->norm, "INJUR", 5) || !strncmp(t->norm, "WOUND", 5);
}

static void add_event(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, const char *code,
                      const fm_mention *src_w, const fm_mention *src, const fm_mention *tgt_w,
                      const fm_mention *tgt, const fm_verb_hit *h, const char *rule,
                      size_t clause_start, size_t clause_end, int priority)
{
    const fm_span *s = &c->sentences.a[si];
    fm_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sentence_index = (int)si;
    ev.sentence_start = s->start;
    ev.sentence_end = s->end;
    ev.evidence = doc->text + s->start;
    ev.evidence_len = s->end - s->start;
    size_t cl = strnlen(code, sizeof ev.code - 1);   /* ev is zeroed: the copies end in NUL */
    memcpy(ev.code, code, cl);
    memcpy(ev.root, code, cl < 2 ? cl : 2);
    const fm_cameo_code *cc = fm_cameo_find(c->lx->cameo, code);
    if (cc) {
        ev.plover_event = cc->plover_event;
        ev.plover_mode = cc->plover_mode;
        ev.plover_context = cc->plover_context;
        ev.quad_class = cc->quad_class;
        ev.goldstein = cc->goldstein;
    }
    ev.source = actor_of(c, doc, tok, src_w, src);
    ev.target = actor_of(c, doc, tok, tgt_w, tgt);
    ev.has_target = tgt != NULL;
    ev.mode = FM_MODE_ASSERTED;
    ev.rule = rule;
    ev.verb_start = tok[h->start].start;
    ev.verb_end = tok[h->end - 1].end;
    for (size_t k = 0; k < c->events.n; k++) if (same_event(&c->events.a[k], &ev)) return;
    /* "an explosion killed one member of the PMF and wounded eight others": a verb with no
     * target of its own that repeats an act of the sentence by the same source adds nothing
     * (nor does a plain 190 after the kind of attack: "a suicide bomber kills one person
     * [183] and wounds three others") */
    for (size_t k = 0; !ev.has_target && toll_verb(&tok[h->start]) && k < c->events.n; k++) {
        const fm_event *e = &c->events.a[k];
        if (!e->has_target || e->sentence_index != ev.sentence_index) continue;
        /* (of this sentence, so its verb tokens index tok) */
        int kind_of_attack = !strncmp(e->code, "18", 2) || !strncmp(e->code, "193", 3) ||
                             !strncmp(e->code, "194", 3) || !strncmp(e->code, "195", 3);
        int same_act = !strcmp(e->code, ev.code) ||
                       (!strcmp(ev.code, "190") && kind_of_attack && toll_verb(&tok[c->evtok.a[k].verb_start]));
        if (same_act &&
            !strcmp(e->source.code ? e->source.code : "", ev.source.code ? ev.source.code : "") &&
            !strcmp(e->source.text ? e->source.text : "", ev.source.text ? ev.source.text : ""))
            return;
    }
    event_id(doc, &ev, ev.id);
    fm_event_tokens et = { h->start, h->end, 0, 0, 0, 0, clause_start, clause_end, priority };
    /* (a weapon without an attacker too: "the attacks occurred at 4:00" may speak of attacks before) */
    if (src_w && (src || src_w->weapon) && !src_w->implied) { et.src_start = src_w->start; et.src_end = src_w->end; }
    if (tgt_w && tgt && !tgt_w->implied) { et.tgt_start = tgt_w->start; et.tgt_end = tgt_w->end; }
    if (fm_event_vec_push(&c->events, ev) == 0) fm_evtok_vec_push(&c->evtok, et);
}

/* Every source x every target of the compounds. */
static void add_events(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, const char *code,
                       int src, int tgt, const fm_verb_hit *h, const char *rule, size_t cs, size_t ce, int priority)
{
    for (int s = src; ; ) {
        const fm_mention *sw = s >= 0 ? &c->mentions.a[s] : NULL, *sm = resolve(c, sw);
        for (int t = tgt; ; ) {
            const fm_mention *tw = t >= 0 ? &c->mentions.a[t] : NULL, *tm = resolve(c, tw);
            /* an actor acting on itself is no event: the same words, or what a pronoun
             * stands for; two sides with one code ("Jubaland forces clashed with the
             * Somali army") are two actors. TABARI's rules drop any same code. */
            int self = sw == tw || sm == tm ||
                       (sm && tm && sm->code && tm->code && strcmp(sm->code, tm->code) == 0 &&
                        (c->lx->tabari_verbs || (sm->name && tm->name && !strcmp(sm->name, tm->name)) ||
                         (sw && sw->pronoun) || (tw && tw->pronoun)));
            if (!self)
                add_event(c, doc, si, tok, code, sw, sm, tw, tm, h, rule, cs, ce, priority);
            if (t < 0 || c->mentions.a[t].next < 0) break;
            t = c->mentions.a[t].next;
        }
        if (s < 0 || c->mentions.a[s].next < 0) break;
        s = c->mentions.a[s].next;
    }
}

/* 1 if the phrase at s follows "in", "at" or "near" (a determiner between). */
static int place_preposition(const fm_token *tok, size_t s)
{
    if (s > 0 && fm_is_word(&tok[s - 1], "THE")) s--;
    return s > 0 && (fm_is_word(&tok[s - 1], "IN") || fm_is_word(&tok[s - 1], "AT") || fm_is_word(&tok[s - 1], "NEAR"));
}

/* A bare agent that bears no arms: civilians, workers, students, passengers ("CVL", "LAB") */
static int unarmed_agent(const fm_mention *m)
{
    static const char *const armed[] = { "MIL", "REB", "COP", "UAF", "SPY", "INS", "CRM", "SEP", "RAD", NULL };
    if (!m->agent_only || !m->code) return 0;
    for (size_t k = 0; armed[k]; k++) if (strstr(m->code, armed[k])) return 0;
    return 1;
}

/* 1 if mention b follows mention a over OF (and an article): "a faction of the ADF" */
static int of_joined(const fm_coder *c, const fm_token *tok, const fm_mention *a, const fm_mention *b)
{
    size_t k = a->end;
    /* (over the rest of a's phrase: "an Islamic State-affiliated faction of", no verb) */
    for (size_t w = 0; w < 3 && k < b->start && !fm_is_word(&tok[k], "OF"); w++, k++) {
        if ((tok[k].kind != FM_TOK_WORD && tok[k].kind != FM_TOK_SYMBOL) || (tok[k].flags & FM_TOKF_CAP)) return 0;
        for (size_t v = 0; v < c->verbs.n; v++)
            if (k >= c->verbs.a[v].start && k < c->verbs.a[v].end) return 0;
    }
    if (b->start <= k || !fm_is_word(&tok[k], "OF")) return 0;
    k++;
    if (k < b->start && fm_is_word(&tok[k], "THE")) k++;
    return k == b->start;
}

/* The object: the first actor after the verb in its clause, not after "by"
 * in a passive clause (that one is the source). */
static int object_of(fm_coder *c, const fm_token *tok, size_t from, size_t to, int passive,
                     const fm_attrib_frame *frames, size_t nf, int place_only)
{
    /* "denied that it had supplied": the object is a clause, not an actor */
    if (from > 0 && from < to && fm_is_word(&tok[from], "THAT") &&
        (fm_speech_verb(&tok[from - 1]) || fm_plain_speech_verb(tok, to, from - 1)))
        return -1;
    /* "denounced as an ugly crime Serbia's suppression of": an "as" complement right after
     * the verb comes before its object */
    if (from + 1 < to && fm_is_word(&tok[from], "AS")) {
        size_t k = from + 1, words = 0;
        while (k < to && words < 5 && tok[k].kind == FM_TOK_WORD && !(tok[k].flags & FM_TOKF_CAP) &&
               !fm_is_word(&tok[k], "TO") && !fm_is_word(&tok[k], "OF") && !fm_is_word(&tok[k], "BY"))
            k++, words++;
        if (k < to && words > 0 && tok[k].kind == FM_TOK_WORD && (tok[k].flags & FM_TOKF_CAP)) from = k;
    }
    /* "take control of Al-Kamlin as they advance": a subordinate clause holds no object */
    for (size_t k = from; k < to; k++)
        if (fm_is_word(&tok[k], "AS") || fm_is_word(&tok[k], "WHILE") || fm_is_word(&tok[k], "WHEN") ||
            fm_is_word(&tok[k], "BECAUSE") || fm_is_word(&tok[k], "SINCE") || fm_is_word(&tok[k], "UNTIL") ||
            fm_is_word(&tok[k], "ALTHOUGH") || fm_is_word(&tok[k], "WHEREAS") ||
            /* "clashes break out in Zawiya after the attempted assassination of a commander" */
            fm_is_word(&tok[k], "AFTER") || fm_is_word(&tok[k], "BEFORE") || fm_is_word(&tok[k], "AMID") ||
            fm_is_word(&tok[k], "DESPITE")) { to = k; break; }
    size_t agent_end = SIZE_MAX;
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (m->start < from || m->start >= to) continue;
        /* "..., Lebanese state media said" (not a head that holds the verb itself) */
        if (fm_attribution_in_head(frames, nf, m->start) && !(from > 0 && fm_attribution_in_head(frames, nf, from - 1)))
            break;
        if (!m->compound_head || m->weapon || m->modifier) continue;
        /* "on the sidelines of the SCO summit": an actor naming a gathering is no party to the act */
        if (m->end < to && (fm_is_word(&tok[m->end], "SUMMIT") || fm_is_word(&tok[m->end], "SUMMITS") ||
                            fm_is_word(&tok[m->end], "CONFERENCE") || fm_is_word(&tok[m->end], "FORUM")))
            continue;
        if (passive && m->start > 0 && fm_is_word(&tok[m->start - 1], "BY")) continue;
        /* "held talks in Addis Ababa": a place after in / at / near is where, not whom
         * (a pattern that wants it says "(IN +)") */
        if (place_only && !m->agent_only && m->country && place_preposition(tok, m->start)) continue;
        /* "clashes break out in Zawiya, Tripolitania, Libya": the country closing an address is where */
        if (fm_place_apposition(c, tok, (int)k)) continue;
        /* "raids by the Taliban": the agent of a noun verb, its article between, is no object */
        size_t d = m->start;
        if (d > from + 1 && (fm_is_word(&tok[d - 1], "THE") || fm_is_word(&tok[d - 1], "A") || fm_is_word(&tok[d - 1], "AN")))
            d--;
        /* (with its words after it: "by an Israeli Arab assailant" is one agent) */
        if ((d > 0 && fm_is_word(&tok[d - 1], "BY") && d - 1 == from) || m->start == agent_end) {
            agent_end = m->end;
            continue;
        }
        return (int)k;
    }
    return -1;
}

/* 1 if mention m is what the source acts with rather than on, the troops it sends or
 * withdraws or the guns it fires: armed forces with no country ("4,000 troops",
 * "artillery") or its own, owned by a possessive ("its troops"). */
static int theme_mention(fm_coder *c, const fm_token *tok, int m, int src)
{
    const fm_mention *a = &c->mentions.a[m];
    if (a->pronoun || !a->code) return 0;
    if (a->agent_only && !a->country && !strncmp(a->code, "MIL", 3)) return 1;
    if (a->start == 0 || src < 0) return 0;
    const fm_token *p = &tok[a->start - 1];
    if (!(fm_is_word(p, "ITS") || fm_is_word(p, "THEIR") || fm_is_word(p, "HIS") || fm_is_word(p, "HER"))) return 0;
    /* "dismissed its ambassador to the US": only armed forces are what the source acts with */
    if (strlen(a->code) < 6 || strncmp(a->code + 3, "MIL", 3)) return 0;
    const fm_mention *s = resolve(c, &c->mentions.a[src]);
    return s && s->country && a->country && !strcmp(s->country, a->country);
}

/* "launched drones at the base", "fired artillery at the town", "send fighter jets
 * to the region": a weapon the agents list codes as military (DRONE [~MIL]),
 * sent by the source with no owner named, is what the act is done with, not
 * whom it is done to. */
static const char *const WEAPON_PLATFORM[] = { "DRONE", "DRONES", "JET", "JETS", "WARPLANE", "WARPLANES",
    "HELICOPTER", "HELICOPTERS", "AIRCRAFT", "WARSHIP", "WARSHIPS", "GUNSHIP", "GUNSHIPS", "ARTILLERY", NULL };

static int weapon_platform(const fm_coder *c, const fm_token *tok, int m)
{
    const fm_mention *a = &c->mentions.a[m];
    if (!a->agent_only || a->country || a->pronoun || a->end == 0) return 0;
    for (const char *const *w = WEAPON_PLATFORM; *w; w++)
        if (fm_is_word(&tok[a->end - 1], *w)) return 1;
    return 0;
}

/* The actor governed by a preposition right after theme mention m ("withdraw its troops
 * from Lebanon", "contribute troops to a force in Liberia", "launched artillery and
 * rocket fire against Kampuchean camps"): a list of plain words may follow the theme,
 * and a few modifiers stand between the preposition and the actor. -1 if none. */
static int recipient_after(const fm_coder *c, const fm_token *tok, int m, size_t to, int conflict)
{
    size_t k = c->mentions.a[m].end, words = 0;
    for (; k < to && words < 8; k++, words++) {
        const fm_token *t = &tok[k];
        if (fm_is_word(t, "AGAINST") || (!conflict && (fm_is_word(t, "TO") || fm_is_word(t, "FROM") ||
                                                       fm_is_word(t, "INTO"))))
            break;
        int plain = t->kind == FM_TOK_WORD || (t->kind == FM_TOK_PUNCT && !strcmp(t->norm, ","));
        if (!plain || fm_is_aux(t) || fm_after_preposition(c, tok, k + 1) || fm_is_word(t, "OF") || fm_is_word(t, "WITH") ||
            fm_is_word(t, "FOR") || fm_is_word(t, "BY"))
            return -1;
        for (size_t v = 0; v < c->verbs.n; v++) if (k >= c->verbs.a[v].start && k < c->verbs.a[v].end) return -1;
    }
    if (k >= to || words >= 8) return -1;
    for (size_t gap = 1; gap <= 6 && k + gap < to; gap++) {
        size_t at = k + gap;
        for (size_t j = 0; j < c->mentions.n; j++) {
            const fm_mention *a = &c->mentions.a[j];
            if (a->start == at && a->compound_head && a->code && !a->pronoun && !a->weapon) return (int)j;
        }
        const fm_token *t = &tok[at];
        if (t->kind == FM_TOK_DASH) continue;     /* "peace-keeping" */
        if (t->kind != FM_TOK_WORD || fm_is_word(t, "OF") || fm_is_word(t, "WITH") || fm_is_word(t, "IN") ||
            fm_is_word(t, "ON") || fm_is_word(t, "AT") || fm_is_word(t, "AND") || fm_is_word(t, "FROM") ||
            fm_is_word(t, "TO") || fm_is_word(t, "INTO") || fm_is_word(t, "FOR") || fm_is_word(t, "BY") ||
            fm_is_aux(t))
            return -1;
        /* a verb between: another clause ("troops to fly home from Germany" stops at "from" above) */
        for (size_t v = 0; v < c->verbs.n; v++) if (at >= c->verbs.a[v].start && at < c->verbs.a[v].end) return -1;
    }
    return -1;
}

/* Words that may stand between a conflict verb and a place it acts on:
 * "take Al-Kamlin", "enter the town of Sudzha", "strikes on the city of Kharkiv". */
static const char *const PLACE_OBJECT_GAP[] = { "THE", "A", "AN", "OF", "ON", "INTO", "AGAINST", "UPON", "TOWN",
    "CITY", "VILLAGE", "SETTLEMENT", "CAPITAL", "PORT", "OUTSKIRTS", "STRATEGIC", "KEY", "NEARBY", "BORDER",
    "REGIONAL", "PROVINCIAL", "EASTERN", "WESTERN", "NORTHERN", "SOUTHERN", NULL };

static int place_gap_word(const fm_token *t)
{
    for (const char *const *w = PLACE_OBJECT_GAP; *w; w++) if (fm_is_word(t, *w)) return 1;
    return 0;
}

/* 1 if token i is inside an actor mention of the sentence */
static int in_mention(const fm_coder *c, size_t i)
{
    for (size_t m = 0; m < c->mentions.n; m++)
        if (c->mentions.a[m].start <= i && i < c->mentions.a[m].end) return 1;
    return 0;
}

/* The place a conflict verb acts on when its object names no actor ("Israel
 * strikes Beirut", "the army takes Al-Kamlin"): a mention coded with the
 * place's country, pushed last (the caller pops it), or -1. */
/* The gazetteer's place that starts at token k into *out ("Kabul", not "Assad"): 1, else 0 */
static int gazetteer_place_at(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n, size_t k,
                              fm_geo_mention *out)
{
    if (!c->geo) return 0;
    fm_context_catch_up(c, doc);
    fm_geo_mention places[4];
    size_t np = fm_geo_mentions(c->geo, doc->text, tok, n, &c->geo_ctx, &c->arena, places, 4);
    for (size_t p = 0; p < np && p < 4; p++)
        if (places[p].tok_start == k) { *out = places[p]; return 1; }
    return 0;
}

static int place_object(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n, size_t from, size_t to)
{
    if (!c->geo || from >= to) return -1;
    size_t k = from;
    while (k < to && place_gap_word(&tok[k])) k++;
    if (k >= to || tok[k].kind != FM_TOK_WORD || !(tok[k].flags & FM_TOKF_CAP)) return -1;
    if (in_mention(c, k)) return -1;   /* an actor: not mine */
    fm_geo_mention g;
    if (!gazetteer_place_at(c, doc, tok, n, k, &g)) return -1;
    const char *a3 = g.place.country[0] ? fm_country_alpha3(c->geo, g.place.country) : NULL;
    if (!a3) return -1;
    fm_mention pm = { .start = g.tok_start, .end = g.tok_end, .code = a3, .country = a3, .next = -1, .compound_head = 1 };
    if (fm_mention_vec_push(&c->mentions, pm)) return -1;
    return (int)c->mentions.n - 1;
}

/* "M23 captures Kamanyola, ... Democratic Republic of the Congo", "Russian forces have
 * captured Rozlyv in Donetsk Oblast, Ukraine", "capture all of Bahri": an arrest (173) or
 * an abduction (181) is of people; what a verb takes is ground (192) when its direct
 * object, right after it, is a place the gazetteer knows and the target is that place or
 * its country (an actor coded with the country alone). Not "detained in Tehran": a place
 * after a preposition is where, and a passive's object is its subject. */
static const char *const CAPTURE_OBJECT_GAP[] = { "THE", "A", "AN", "OF", "ALL", "ENTIRETY", "MOST", "MUCH", "PART",
    "PARTS", "TOWN", "CITY", "VILLAGE", "SETTLEMENT", "CAPITAL", "PORT", "STRATEGIC", "KEY", "NEARBY", "BORDER",
    "EASTERN", "WESTERN", "NORTHERN", "SOUTHERN", "CENTRAL", NULL };

static int object_is_place(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n, const fm_verb_hit *h,
                           int tgt)
{
    const fm_mention *m = &c->mentions.a[tgt];
    /* only a verb that codes by what it takes (CAPTURE [---]): ARREST [173] is of people */
    if (!h->form || h->form->code[0] || c->lx->verb_entries.a[h->form->verb].code[0]) return 0;
    /* (the target is the place's country, or whom it is taken from: "captures Sange, South
     * Kivu, from the Congolese government") */
    int from = 0;
    for (size_t k = m->start; k-- > h->end && k + 8 > m->start && !from;) {
        if (tok[k].kind == FM_TOK_PUNCT) break;
        from = fm_is_word(&tok[k], "FROM");
    }
    if (!c->geo || h->passive || m->pronoun || m->implied || !m->code || (!from && (m->agent_only || strlen(m->code) != 3)))
        return 0;
    size_t k = h->end;
    for (int gap = 0; k < n && gap < 6; k++, gap++) {
        int in_gap = 0;
        for (const char *const *w = CAPTURE_OBJECT_GAP; *w && !in_gap; w++) in_gap = fm_is_word(&tok[k], *w);
        if (!in_gap) break;
    }
    if (k >= n || m->start < k) return 0;
    fm_context_catch_up(c, doc);
    fm_geo_mention places[16];
    size_t np = fm_geo_mentions(c->geo, doc->text, tok, n, &c->geo_ctx, &c->arena, places, 16);
    if (np > 16) np = 16;
    for (size_t p = 0; p < np; p++)
        if (places[p].tok_start == k) return 1;
    /* a name the gazetteer lacks, placed by what follows it: "capture Kamanyola in South
     * Kivu", "capture Heglig, Sudan's largest oilfield" (one capitalised word no actor
     * holds, then a comma or IN and a known place; two are more often a person's name) */
    size_t e = k;
    if (e < n && tok[e].kind == FM_TOK_WORD && (tok[e].flags & FM_TOKF_CAP) && !in_mention(c, e)) e++;
    if (e == k || e + 1 >= n || !(fm_is_word(&tok[e], "IN") || (tok[e].kind == FM_TOK_PUNCT && !strcmp(tok[e].norm, ","))))
        return 0;
    for (size_t p = 0; p < np; p++)
        if (places[p].tok_start == e + 1) return 1;
    return 0;
}

static int is_comma(const fm_token *t) { return t->kind == FM_TOK_PUNCT && t->norm[0] == ',' && !t->norm[1]; }

/* "Biden attacked Trump for his remarks", "Netanyahu attacks Erdogan over Gaza": one
 * political actor (a government, a leader, a party, a legislature, a court) attacking
 * another for, over or on something, or "calling" him something, does it in words (CAMEO 111,
 * criticize). Armed forces, rebels and bare countries keep the attack. */
static int political_role(const fm_mention *m)
{
    static const char *const ROLES[] = { "GOV", "ELI", "LEG", "OPP", "PTY", "JUD", NULL };
    if (!m || !m->code || m->agent_only || strlen(m->code) < 6) return 0;
    for (const char *const *r = ROLES; *r; r++)
        if (!strncmp(m->code + strlen(m->code) - 3, *r, 3)) return 1;
    return 0;
}

static int verbal_attack(fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h, int src, int tgt)
{
    if (src < 0 || strncmp(tok[h->start].norm, "ATTACK", 6) || h->passive) return 0;
    const fm_mention *t = &c->mentions.a[tgt];
    if (!political_role(resolve(c, &c->mentions.a[src])) || !political_role(resolve(c, t))) return 0;
    size_t e = t->end;
    if (e < n && (fm_is_word(&tok[e], "FOR") || fm_is_word(&tok[e], "OVER") || fm_is_word(&tok[e], "ON") ||
                  fm_is_word(&tok[e], "AS")))
        return 1;
    return e + 1 < n && is_comma(&tok[e]) &&
           (fm_is_word(&tok[e + 1], "CALLING") || fm_is_word(&tok[e + 1], "SAYING") ||
            fm_is_word(&tok[e + 1], "ACCUSING"));
}

/* "harbour workers said they will strike for 24 hours", "teachers struck": STRIKE by
 * workers, teachers or doctors is a work stoppage, not an attack */
static int labour_strike(const fm_token *tok, size_t n, const fm_verb_hit *h, const fm_mention *sm)
{
    static const char *const WORKERS[] = { "EDU", "MED", "HLH", NULL };
    if (!sm || !sm->code || (strncmp(tok[h->start].norm, "STRIK", 5) && strcmp(tok[h->start].norm, "STRUCK")))
        return 0;
    /* (but workers and unions strike a plant or a company: "voted to strike the Iowa Beef
     * plant") */
    if (strstr(sm->code, "LAB")) return 1;
    /* (a school's or a hospital's stoppage has no object: "a school bus strikes a guard
     * rail" is no strike) */
    if (h->end < n && (fm_is_word(&tok[h->end], "A") || fm_is_word(&tok[h->end], "AN") ||
                       fm_is_word(&tok[h->end], "THE") || fm_is_word(&tok[h->end], "ITS")))
        return 0;
    for (const char *const *w = WORKERS; *w; w++)
        if (strstr(sm->code, *w)) return 1;
    return 0;
}

/* CAMEO roots of acts two parties do together: intend to cooperate (03),
 * consult (04), cooperate (05, 06), fight (19). */
static int mutual_code(const char *code)
{
    return code[0] == '0' && code[1] >= '3' && code[1] <= '6' ? 1 : code[0] == '1' && code[1] == '9';
}

static int has_synset(const fm_coder *c, const char *name)
{
    uint32_t set;
    return fm_strmap_get(&c->lx->synset_names, name, strlen(name), &set);
}

/* Of the uses of force only fighting is mutual ("Israel and Hamas clash"; "the army
 * and police raid a village" raid it together): a lexicon with a &MUTUALV set
 * names those verbs; without one (other projects' dictionaries) every 19 is. */
static int mutual_fight(fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h, const char *code)
{
    uint32_t set;
    if (!(code[0] == '1' && code[1] == '9') || !fm_strmap_get(&c->lx->synset_names, "MUTUALV", 7, &set)) return 1;
    return fm_synset_in_sentence(c, tok, n, "MUTUALV", h->start);
}

/* "China, Iran and Russia have pledged funds": a pledge, promise, vow or offer is made
 * to a third party, never by the members of a compound to each other (unlike
 * "agreed to"). */
static int one_sided_intent(const fm_token *verb)
{
    static const char *const STEMS[] = { "PLEDG", "PROMIS", "VOW", "OFFER", "PROPOS", "COMMIT", NULL };
    for (const char *const *p = STEMS; *p; p++)
        if (!strncmp(verb->norm, *p, strlen(*p))) return 1;
    return 0;
}

/* "Neither Israel nor Hamas", "Israel or Hamas": members that each act alone. */
static int alternative_compound(const fm_coder *c, const fm_token *tok, int m)
{
    const fm_mention *a = &c->mentions.a[m];
    if (a->start > 0 && (fm_is_word(&tok[a->start - 1], "NEITHER") || fm_is_word(&tok[a->start - 1], "EITHER")))
        return 1;
    for (; a->next >= 0; a = &c->mentions.a[a->next])
        for (size_t k = a->end; k < c->mentions.a[a->next].start; k++)
            if (fm_is_word(&tok[k], "NOR") || fm_is_word(&tok[k], "OR")) return 1;
    return 0;
}

/* "Russian companies that it accused of ...": in an object relative clause
 * the noun the clause hangs on is the verb's object. subj is the clause's
 * subject; returns the mention before THAT / WHOM / WHICH (up to two words
 * of its noun phrase between them), or -1. */
static int relative_object(const fm_coder *c, const fm_token *tok, int subj)
{
    size_t s = c->mentions.a[subj].start;
    if (s < 2 || !(fm_is_word(&tok[s - 1], "THAT") || fm_is_word(&tok[s - 1], "WHOM") || fm_is_word(&tok[s - 1], "WHICH")))
        return -1;
    size_t rel = s - 1;
    for (size_t gap = 0; gap <= 2 && gap < rel; gap++) {
        size_t end = rel - gap;            /* the mention ends here (exclusive) */
        const fm_token *t = &tok[end - 1];
        for (size_t k = 0; k < c->mentions.n; k++) {
            const fm_mention *m = &c->mentions.a[k];
            if (m->end == end && (int)k != subj && !m->pronoun && !m->weapon && m->code) {
                while (k > 0 && c->mentions.a[k - 1].next == (int)k) k--;   /* a compound's head */
                return (int)k;
            }
        }
        /* only the words of a noun phrase may stand between: no verb, no punctuation */
        if (t->kind != FM_TOK_WORD || fm_is_aux(t) || fm_speech_verb(t) || (t->flags & FM_TOKF_CAP)) return -1;
        for (size_t v = 0; v < c->verbs.n; v++)
            if (end - 1 >= c->verbs.a[v].start && end - 1 < c->verbs.a[v].end) return -1;
    }
    return -1;
}

/* "by armed gangs", "by unidentified gunmen": a lower-case modifier the lexicon does not
 * know (or reads as a verb) between BY and the agent */
static int agent_modifier_word(const fm_token *t)
{
    return t->kind == FM_TOK_WORD && !(t->flags & FM_TOKF_CAP) && t->norm_len > 2 &&
           !(t->wclass & (FM_WC_PREP | FM_WC_CONJ | FM_WC_AUX | FM_WC_NEGATION | FM_WC_PRONOUN | FM_WC_MODAL |
                          FM_WC_NUMBER | FM_WC_TIME | FM_WC_SPEECH));
}

static int participle_between(const fm_token *tok, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (tok[k].kind == FM_TOK_WORD && tok[k].norm_len > 3 && !strcmp(tok[k].norm + tok[k].norm_len - 2, "ED"))
            return 1;
    return 0;
}

/* the words a part of a group is named by before OF: "members of", "some of", "leaders of" */
static int part_word(const fm_token *t)
{
    static const char *const w[] = { "MEMBERS", "MEMBER", "SOME", "MANY", "MOST", "ONE", "LEADERS", "DOZENS",
                                     "HUNDREDS", "THOUSANDS", "SCORES", "UNITS", "ELEMENTS", "FIGHTERS", NULL };
    for (const char *const *p = w; *p; p++)
        if (fm_is_word(t, *p)) return 1;
    return 0;
}

static int by_agent(fm_coder *c, const fm_token *tok, size_t from, size_t to, size_t n)
{
    for (size_t k = from; k < to && k + 1 < n; k++) {
        if (!fm_is_word(&tok[k], "BY")) continue;
        /* "an airstrike on Mogok, Myanmar, controlled by the TNLA": a participle set off by
         * a comma describes the noun before it; its agent is no attacker */
        if (k > from + 1 && is_comma(&tok[k - 2]) && participle_between(tok, k - 1, k)) continue;
        int m = fm_mention_at(c, k + 1, to, 0, tok);
        if (m >= 0) return m;
        /* "condemned by members of the European Union", "by some of the rebels": the part
         * stands for its whole */
        size_t p = k + 1;
        if (p < n && fm_is_word(&tok[p], "THE")) p++;
        if (p + 1 < n && (part_word(&tok[p]) || tok[p].kind == FM_TOK_NUMBER || (tok[p].wclass & FM_WC_NUMBER)) &&
            fm_is_word(&tok[p + 1], "OF") &&
            (m = fm_mention_at(c, p + 2, to, 0, tok)) >= 0)
            return m;
        /* (the modifier may have closed the clause: look up to two words past it; not into
         * a compound, "anti-government protesters", nor past a participle the BY may belong
         * to, "killed at a silo operated by a waste company") */
        if (participle_between(tok, from, k)) continue;
        size_t j = k + 1;
        /* ("by Thames Valley Police": a name no actor holds before an agent word) */
        while (j + 1 < n && j < k + 3 &&
               (agent_modifier_word(&tok[j]) ||
                (tok[j].kind == FM_TOK_WORD && (tok[j].flags & FM_TOKF_CAP) && !in_mention(c, j))) &&
               !(tok[j + 1].flags & FM_TOKF_HYPHEN)) {
            j++;
            if ((m = fm_mention_at(c, j, n, 0, tok)) >= 0) return m;
        }
    }
    return -1;
}

/* ---- acts named by their nouns ------------------------------------------------------- */

/* Nouns of acts and the verbs they name ("the killings of", "the hijacking of"): English
 * morphology, not a dictionary's, so the loaded dictionary's verb codes the act. Not the
 * nouns of states or plans ("occupation", "release", "deployment" of troops announced),
 * whose OF phrase rarely says an act took place. */
typedef struct nominal { const char *noun, *verb, *agent; int place_only, on_ok, attack, between, by_only; } nominal;
static const nominal NOMINALS[] = {
    { "KILLING", "KILL", "BY", 0, 0, 0, 0, 0 }, { "KILLINGS", "KILL", "BY", 0, 0, 0, 0, 0 }, { "MURDER", "MURDER", "BY", 0, 0, 0, 0, 0 },
    { "MURDERS", "MURDER", "BY", 0, 0, 0, 0, 0 }, { "ASSASSINATION", "ASSASSINATE", "BY", 0, 0, 0, 0, 0 }, { "ARREST", "ARREST", "BY", 0, 0, 0, 0, 0 },
    { "ARRESTS", "ARREST", "BY", 0, 0, 0, 0, 0 }, { "DETENTION", "DETAIN", "BY", 0, 0, 0, 0, 0 }, { "CAPTURE", "CAPTURE", "BY", 0, 0, 0, 0, 0 },
    { "ABDUCTION", "ABDUCT", "BY", 0, 0, 0, 0, 0 }, { "ABDUCTIONS", "ABDUCT", "BY", 0, 0, 0, 0, 0 }, { "KIDNAPPING", "KIDNAP", "BY", 0, 0, 0, 0, 0 },
    { "KIDNAPPINGS", "KIDNAP", "BY", 0, 0, 0, 0, 0 }, { "HIJACKING", "HIJACK", "BY", 0, 0, 0, 0, 0 }, { "BOMBING", "BOMB", "BY", 0, 0, 0, 0, 0 },
    { "BOMBINGS", "BOMB", "BY", 0, 0, 0, 0, 0 }, { "SHELLING", "SHELL", "BY", 0, 0, 0, 0, 0 }, { "BOMBARDMENT", "BOMBARD", "BY", 0, 0, 0, 0, 0 },
    { "EXECUTION", "EXECUTE", "BY", 0, 0, 0, 0, 0 }, { "EXECUTIONS", "EXECUTE", "BY", 0, 0, 0, 0, 0 }, { "DEMOLITION", "DEMOLISH", "BY", 0, 0, 0, 0, 0 },
    { "DEMOLITIONS", "DEMOLISH", "BY", 0, 0, 0, 0, 0 }, { "DESTRUCTION", "DESTROY", "BY", 0, 0, 0, 0, 0 }, { "SEIZURE", "SEIZE", "BY", 0, 0, 0, 0, 0 },
    { "EXPULSION", "EXPEL", "BY", 0, 0, 0, 0, 0 }, { "BEHEADING", "BEHEAD", "BY", 0, 0, 0, 0, 0 }, { "STABBING", "STAB", "BY", 0, 0, 0, 0, 0 },
    { "MASSACRE", "MASSACRE", "BY", 0, 0, 0, 0, 0 }, { "SHOOTING", "SHOOT", "BY", 0, 0, 0, 0, 0 }, { "SHOOTINGS", "SHOOT", "BY", 0, 0, 0, 0, 0 },
    /* "the fall of Bukavu to M23 rebels": a town taken, its taker after TO (not "the fall of
     * the government", which names no town) */
    { "FALL", "CAPTURE", "TO", 1, 0, 0, 0, 0 },
    /* "a fuel blockade by JNIM insurgents", "Israel's blockade on humanitarian aid", "the siege of
     * El Fasher by the RSF": ON too, for what is cut off */
    { "BLOCKADE", "BLOCKADE", "BY", 0, 1, 0, 0, 0 }, { "SIEGE", "BESIEGE", "BY", 0, 1, 0, 0, 0 },
    /* Attacks by their nouns: the victim after ON or AGAINST, the attacker after BY or as the
     * owner alone ("the Indian attacks", "the STC offensive", "attacks against Christians by
     * Boko Haram"); OF names no victim of these ("the attacks of October 7"). */
    { "ATTACK", "ATTACK", "BY", 0, 1, 1, 0, 0 }, { "ATTACKS", "ATTACK", "BY", 0, 1, 1, 0, 0 },
    { "OFFENSIVE", "ATTACK", "BY", 0, 1, 1, 0, 0 }, { "RAID", "RAID", "BY", 0, 1, 1, 0, 0 }, { "RAIDS", "RAID", "BY", 0, 1, 1, 0, 0 },
    { "AMBUSH", "AMBUSH", "BY", 0, 1, 1, 0, 0 }, { "AIRSTRIKE", "BOMB", "BY", 0, 1, 1, 0, 0 }, { "AIRSTRIKES", "BOMB", "BY", 0, 1, 1, 0, 0 },
    /* "affected by the fighting between the RSF and the army", "clashes between Druze militias
     * and Bedouin tribes": the sides after BETWEEN, as the verb's own pattern binds them */
    { "FIGHTING", "FIGHT", "BY", 0, 0, 0, 1, 0 }, { "CLASHES", "CLASH", "BY", 0, 0, 0, 1, 0 },
    { "CLASH", "CLASH", "BY", 0, 0, 0, 1, 0 }, { "BATTLES", "BATTLE", "BY", 0, 0, 0, 1, 0 },
    /* "a military incursion by India is imminent": an invasion BY its agent only (alone or
     * with an owner, "the Russian invasion of Ukraine", it names a war or a feared move) */
    { "INCURSION", "INVADE", "BY", 0, 0, 0, 0, 1 }, { "INCURSIONS", "INVADE", "BY", 0, 0, 0, 0, 1 },
    { "INVASION", "INVADE", "BY", 0, 0, 0, 0, 1 },
    { NULL, NULL, NULL, 0, 0, 0, 0, 0 } };

/* Words before the noun that say the act did not (yet) happen: "calls for the arrest of",
 * "a warrant for the arrest of", "leading to the arrest of", "demand the killing of",
 * "threatened the kidnapping of", "the attempted assassination of" (the verb before it is
 * coded on its own: a call, a demand, a threat). */
static const char *const UNREAL_BEFORE_FOR[] = { "CALL", "CALLS", "CALLED", "CALLING", "WARRANT", "WARRANTS",
    "APPEAL", "APPEALS", "APPEALED", "PRESSED", "PUSHED", "PLAN", "PLANS", "PLOT", "PLOTS", "REWARD", "DEMAND",
    "DEMANDS", NULL };
static const char *const UNREAL_GOVERNORS[] = { "DEMAND", "DEMANDS", "DEMANDED", "DEMANDING", "PLAN", "PLANS",
    "PLANNED", "PLANNING", "THREATEN", "THREATENS", "THREATENED", "THREATENING", "SEEK", "SEEKS", "SEEKING",
    "SOUGHT", "URGE", "URGES", "URGED", "URGING", "PROPOSE", "PROPOSES", "PROPOSED", "PREVENT", "PREVENTS",
    "PREVENTED", "FOIL", "FOILS", "FOILED", "THWART", "THWARTS", "THWARTED", "AVERT", "AVERTED", "PLOTTED",
    "PLOTTING", "ORDER", "ORDERS", "ORDERED", "ORDERING", "CEASE", "CEASES", "CEASED", "HALT", "HALTS", "HALTED",
    "STOP", "STOPS", "STOPPED", "SUSPEND", "SUSPENDS", "SUSPENDED", "AUTHORIZE", "AUTHORIZES", "AUTHORIZED", "APPROVE",
    "APPROVES", "APPROVED", "PREPARE", "PREPARES", "PREPARED", "PREPARING", "END", "ENDS", "ENDED", "ENDING", NULL };
/* "warned of an Israeli attack", "fears of a Russian offensive" */
static const char *const UNREAL_BEFORE_OF[] = { "WARN", "WARNS", "WARNED", "WARNING", "WARNINGS", "FEAR", "FEARS",
    "FEARED", "RISK", "RISKS", "THREAT", "THREATS", "POSSIBILITY", "PROSPECT", "DANGER", "SPECTRE", "SPECTER", NULL };
static const char *const UNREAL_MODIFIERS[] = { "ATTEMPTED", "FAILED", "FOILED", "THWARTED", "PLANNED", "POSSIBLE",
    "POTENTIAL", "FUTURE", "ANY", "IMMINENT", "EXPECTED", "ANTICIPATED", NULL };

static int word_in_list(const fm_token *t, const char *const *list)
{
    if (t->kind != FM_TOK_WORD) return 0;
    for (size_t k = 0; list[k]; k++) if (list[k][0] == t->norm[0] && !strcmp(list[k], t->norm)) return 1;
    return 0;
}

static int nominal_unreal(const fm_token *tok, size_t i)
{
    size_t k = i;
    while (k > 0 && i - k < 3 && tok[k - 1].kind == FM_TOK_WORD && !fm_is_word(&tok[k - 1], "THE") &&
           !fm_is_word(&tok[k - 1], "A") && !fm_is_word(&tok[k - 1], "AN") && !fm_is_word(&tok[k - 1], "FOR") &&
           !fm_is_word(&tok[k - 1], "TO") && !word_in_list(&tok[k - 1], UNREAL_GOVERNORS)) {
        if (word_in_list(&tok[k - 1], UNREAL_MODIFIERS)) return 1;
        k--;
    }
    if (k > 0 && (fm_is_word(&tok[k - 1], "THE") || fm_is_word(&tok[k - 1], "A") || fm_is_word(&tok[k - 1], "AN"))) k--;
    if (k == 0) return 0;
    if (word_in_list(&tok[k - 1], UNREAL_GOVERNORS)) return 1;
    if (k >= 2 && fm_is_word(&tok[k - 1], "FOR") && word_in_list(&tok[k - 2], UNREAL_BEFORE_FOR)) return 1;
    if (k >= 2 && fm_is_word(&tok[k - 1], "OF") && word_in_list(&tok[k - 2], UNREAL_BEFORE_OF)) return 1;
    if (k >= 3 && fm_is_word(&tok[k - 1], "TO") && fm_is_word(&tok[k - 2], "END") &&
        (fm_is_word(&tok[k - 3], "AN") || fm_is_word(&tok[k - 3], "THE")))
        return 1;   /* "calls for an end to the Israeli offensive" */
    if (k >= 2 && fm_is_word(&tok[k - 1], "TO") && (fm_is_word(&tok[k - 2], "LEADING") || fm_is_word(&tok[k - 2], "LEAD") ||
                                                    fm_is_word(&tok[k - 2], "LEADS")))
        return 1;
    return 0;
}

static const nominal *nominal_of(const fm_token *t)
{
    if (t->kind != FM_TOK_WORD || t->norm_len < 4) return NULL;
    for (size_t k = 0; NOMINALS[k].noun; k++)
        if (NOMINALS[k].noun[0] == t->norm[0] && !strcmp(NOMINALS[k].noun, t->norm)) return &NOMINALS[k];
    return NULL;
}

static int any_preposition_word(const fm_token *t)
{
    static const char *const preps[] = { "BY", "IN", "ON", "AT", "FROM", "TO", "WITH", "FOR", "AFTER", "BEFORE",
        "DURING", "NEAR", "OVER", "AMID", "SINCE", NULL };
    return word_in_list(t, preps);
}

/* The actor right after word w at from ("the fall of Bukavu to M23 rebels"). */
static int agent_after(fm_coder *c, const fm_token *tok, size_t from, size_t to, const char *w)
{
    if (from >= to || !fm_is_word(&tok[from], w)) return -1;
    return fm_mention_at(c, from + 1, to, 0, tok);
}

/* The actor of the OF phrase at from: the first mention within a few words of it, past
 * articles, counts and adjectives ("of 132 Alawite civilians", "of unarmed protesters"). */
static int of_object(const fm_coder *c, const fm_token *tok, size_t n, size_t from)
{
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (m->start < from || m->weapon) continue;
        if (m->start > from + 4) return -1;
        for (size_t j = from; j < m->start; j++)
            if ((tok[j].kind != FM_TOK_WORD && tok[j].kind != FM_TOK_NUMBER) || fm_is_word(&tok[j], "BY") ||
                fm_is_word(&tok[j], "IN") || fm_is_word(&tok[j], "ON") || fm_is_word(&tok[j], "AT") ||
                fm_is_word(&tok[j], "AND") || fm_is_word(&tok[j], "FROM") || fm_is_word(&tok[j], "TO"))
                return -1;
        return m->start < n ? (int)k : -1;
    }
    return -1;
}

/* Whom "its" or "their" at p stands for: the nearest actor before it in the sentence, as
 * resolve() finds a pronoun's (not one after a preposition, "the entirety of Gaza City
 * amidst its renewed offensive"; not a plural for "its"). None from earlier sentences:
 * "The Grayback was short on torpedoes from its recent attack" names no attacker. */
static const char *const PARTY_NOUNS[] = { "CEASEFIRE", "TRUCE", "WAR", "CONFLICT", "BORDER", "DEAL",
    "AGREEMENT", "TALKS", "NEGOTIATIONS", "RELATIONS", "TIES", "PEACE", "SUMMIT", NULL };
static int possessive_antecedent(const fm_coder *c, const fm_token *tok, size_t p)
{
    int its = fm_is_word(&tok[p], "ITS");
    for (size_t k = c->mentions.n; k-- > 0;) {
        const fm_mention *a = &c->mentions.a[k];
        if (a->end > p || a->weapon || a->implied || (!a->code && !a->pronoun) || a->pronoun == 1) continue;
        if (fm_after_preposition(c, tok, a->start)) continue;
        if (its && !a->pronoun && plural_noun(&tok[a->end - 1])) continue;
        /* ("the group will monitor the Israel–Hamas ceasefire and continue its attacks": the
         * parties a war or a truce is named by are no one's antecedent) */
        size_t e = a->end;      /* "Israel–Hamas", "Russia-Ukraine": the pair's end */
        const fm_mention *b = k + 1 < c->mentions.n ? &c->mentions.a[k + 1] : NULL;
        if (b && ((tok[e].kind == FM_TOK_DASH && b->start == e + 1) || (b->start == e && (tok[e].flags & FM_TOKF_HYPHEN))))
            e = b->end;
        if (e < p && word_in_list(&tok[e], PARTY_NOUNS)) continue;
        return (int)k;
    }
    return -1;
}

/* The owner named before the noun: "Israel's killing of", "the Israeli demolition of",
 * "the police killings of". */
static int actor_ending_at(const fm_coder *c, size_t end)
{
    for (size_t k = c->mentions.n; k-- > 0;)
        if (c->mentions.a[k].end == end && !c->mentions.a[k].weapon) return (int)k;
    return -1;
}

static int nominal_owner(const fm_coder *c, const fm_token *tok, size_t i)
{
    size_t end = i;
    if (end > 0 && tok[end - 1].kind == FM_TOK_POSS) end--;
    int o = actor_ending_at(c, end);
    if (o >= 0) return o;
    if (i > 0 && (fm_is_word(&tok[i - 1], "ITS") || fm_is_word(&tok[i - 1], "THEIR"))) return possessive_antecedent(c, tok, i - 1);
    /* "Israel's renewed offensive", "amidst its renewed offensive": a possessive owner
     * before one or two modifiers */
    static const char *const stop[] = { "AND", "OR", "THE", "A", "AN", "OF", "NO", "ANY", "ALL", NULL };
    for (size_t k = i, w = 0; w < 2 && k > 1; w++) {
        const fm_token *t = &tok[--k];
        if (t->kind != FM_TOK_WORD || (t->flags & FM_TOKF_CAP) || in_mention(c, k) || any_preposition_word(t) ||
            word_in_list(t, stop))
            return -1;
        if (tok[k - 1].kind == FM_TOK_POSS) return actor_ending_at(c, k - 1);
        if (fm_is_word(&tok[k - 1], "ITS") || fm_is_word(&tok[k - 1], "THEIR")) return possessive_antecedent(c, tok, k - 1);
    }
    return -1;
}

/* "the January 6 attack", "the October 7 attacks": a month and day after THE name a past
 * event, not an act of the sentence's day. */
static int named_date_before(const fm_token *tok, size_t i)
{
    for (size_t k = i; k >= 3 && i - k < 3; k--)
        if (tok[k - 1].kind == FM_TOK_NUMBER && (tok[k - 2].wclass & FM_WC_MONTH) && fm_is_word(&tok[k - 3], "THE"))
            return 1;
    return 0;
}

/* "a heart attack", "the constitutional attack by", "a charm offensive": no use of force. */
static int figurative_attack(const fm_token *tok, size_t i)
{
    static const char *const words[] = { "HEART", "PANIC", "ASTHMA", "ANXIETY", "SHARK", "DOG", "VERBAL",
        "CONSTITUTIONAL", "POLITICAL", "LEGAL", "RHETORICAL", "PERSONAL", "SCATHING", "STINGING", "BLISTERING",
        "CHARM", "DIPLOMATIC", "MEDIA", "PROPAGANDA", "SALES", "MARKETING", "LEGISLATIVE", "CURRENCY",
        "SPECULATIVE", "PRICE", "TAKEOVER", "BEAR", NULL };
    return i > 0 && word_in_list(&tok[i - 1], words);
}

/* "mass killings and other alleged war crimes by the RSF": BY after a list of nouns. */
static int by_after_list(const fm_coder *c, const fm_token *tok, size_t n, size_t i)
{
    if (i + 2 >= n || !fm_is_word(&tok[i + 1], "AND")) return 0;
    for (size_t k = i + 2; k < n && k < i + 7; k++) {
        if (fm_is_word(&tok[k], "BY")) return 1;
        if (tok[k].kind != FM_TOK_WORD || any_preposition_word(&tok[k]) || fm_verb_at(c, k) >= 0 || in_mention(c, k))
            return 0;
    }
    return 0;
}

/* An attack noun with its owner and nothing after it that makes it a modifier: "the
 * Indian attacks to be", "the STC offensive." (not "attack helicopters", "offensive
 * operations", "its renewed offensive", whose owner is a pronoun). */
static int attack_noun_alone(const fm_coder *c, const fm_token *tok, size_t n, size_t i)
{
    /* (a named owner: "all military attacks" names no attacker) */
    int o = nominal_owner(c, tok, i);
    if (o < 0 || c->mentions.a[o].agent_only) return 0;
    if (i + 1 >= n || tok[i + 1].kind != FM_TOK_WORD) return 1;
    const fm_token *t = &tok[i + 1];
    static const char *const after[] = { "AND", "OR", "THAT", "WHICH", "WHO", "TO", "A", "AN", "THE", "HAS", "HAVE", "HAD", "IS", "ARE",
        "WAS", "WERE", "WILL", "WOULD", "COULD", "MAY", "MIGHT", NULL };
    return any_preposition_word(t) || word_in_list(t, after) || fm_verb_at(c, i + 1) >= 0;
}

/* The code of nominal nom at verb hit p (token i; its clause to ce, its OF phrase to oe):
 * the verb's patterns, or the town the OF phrase names ("the capture of Omdurman", "the fall
 * of Kabul"), whose mention *town the caller drops again. */
static int nominal_code(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n, const nominal *nom,
                        size_t p, size_t i, size_t ce, size_t oe, fm_verb_match *vm, int *town)
{
    int of = fm_is_word(&tok[i + 1], "OF");
    int obj = c->verbs.a[p].subject;
    int ok = !nom->place_only && fm_verb_match_code(c, tok, n, p, i, ce, vm);
    /* (a pattern's '+' is the OF phrase's actor or none: "the capture of Beled Hawo by
     * Jubaland forces" binds no captive) */
    if (ok && vm->pattern && vm->target >= 0 && vm->target != obj && !nom->between) ok = 0;
    if (ok && nom->between && !(vm->pattern && vm->source >= 0 && vm->target >= 0)) ok = 0;   /* both sides named */
    if (ok) return 1;
    /* "the capture of Omdurman": a town by its name, as "captured Omdurman" (a place_only
     * noun's town is its whole OF phrase: not "the fall of the Saigon government") */
    if (of && (obj < 0 || nom->place_only) && (*town = place_object(c, doc, tok, n, i + 2, oe)) >= 0) {
        if (!(nom->place_only && c->mentions.a[*town].end != oe) && fm_verb_town_code(c, p, vm)) return 1;
        c->mentions.n--;
        *town = -1;
    }
    /* ("the fall of Kabul": a capital the actor dictionary codes as its country) */
    const fm_mention *om = obj >= 0 ? &c->mentions.a[obj] : NULL;
    fm_geo_mention g;
    return nom->place_only && om && om->end == oe && om->country && om->code && strlen(om->code) == 3 &&
           !om->agent_only && gazetteer_place_at(c, doc, tok, n, om->start, &g) && fm_verb_town_code(c, p, vm);
}

/* "the Houthis claimed responsibility for a missile attack on a Greek-owned ship": whoever
 * claims an attack claims to be its attacker (the claim's mode says it is their word). */
static int responsible_claimant(fm_coder *c, const fm_token *tok, size_t n, const fm_attrib_frame *frames,
                                size_t nf, size_t i)
{
    for (size_t f = 0; f < nf; f++) {
        const fm_attrib_frame *fr = &frames[f];
        if (fr->kind != FM_ATTRIB_CLAIM || i < fr->scope_start || i >= fr->scope_end || fr->cue + 1 >= n ||
            !fm_is_word(&tok[fr->cue + 1], "RESPONSIBILITY") || fr->speaker_end <= fr->speaker_start)
            continue;
        /* (the phrase's head, its last actor: "Yemen's Houthi movement") */
        int head = -1;
        for (size_t k = 0; k < c->mentions.n; k++)
            if (c->mentions.a[k].start >= fr->speaker_start && c->mentions.a[k].end <= fr->speaker_end &&
                !c->mentions.a[k].weapon)
                head = (int)k;
        if (head >= 0) return head;
    }
    return -1;
}

/* The event of nominal nom at verb hit p with code vm: its agent after BY (or TO), else
 * its owner before the noun; whom the OF phrase names, or the town. */
static void nominal_event(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                          const fm_attrib_frame *frames, size_t nf, size_t first, const nominal *nom, size_t p,
                          size_t ce, size_t oe, const fm_verb_match *vmp, int town)
{
    const fm_verb_match vm = *vmp;
    size_t i = c->verbs.a[p].start;
    /* (an attack's BY comes before any verb: "an airstrike on a hospital run by MSF") */
    size_t be = ce;
    for (size_t k = i + 1; nom->attack && k < ce; k++)
        if (fm_verb_at(c, k) >= 0) { be = k; break; }
    int src = vm.source >= 0 ? vm.source : nom->agent[0] == 'B' ? by_agent(c, tok, i + 1, be, n)
                                                                 : agent_after(c, tok, oe, ce, nom->agent);
    if (src < 0) src = nominal_owner(c, tok, i);
    int tgt = vm.target >= 0 ? vm.target : town >= 0 ? town : c->verbs.a[p].subject;
    if (src >= 0 && fm_attribution_in_head(frames, nf, c->mentions.a[src].start)) src = -1;
    if (tgt >= 0 && fm_attribution_in_head(frames, nf, c->mentions.a[tgt].start)) tgt = -1;
    if (src < 0 && nom->attack) src = responsible_claimant(c, tok, n, frames, nf, i);
    /* ("An attack on a warship is a cause for war", "its recent attack on Japanese cargo
     * ships", "the attacks on U.S. citizens": an attack noun without its attacker speaks of
     * attacks in general or of one told before) */
    if (src < 0 && nom->attack) return;
    if (src == tgt) tgt = -1;
    const fm_mention *sm = src >= 0 ? resolve(c, &c->mentions.a[src]) : NULL;
    const fm_mention *tm = tgt >= 0 ? resolve(c, &c->mentions.a[tgt]) : NULL;
    /* "ordered the arrest of X", "announced the capture of": a pattern of the verb whose
     * clause holds the noun coded the act already */
    int told = 0;
    for (size_t k = first; k < c->events.n && !told; k++)
        told = !strncmp(c->events.a[k].code, vm.code, 2) && c->evtok.a[k].verb_end <= i &&
               i < c->evtok.a[k].clause_end;
    /* ("Israeli airstrikes on Gaza killed 12 people", "70 are killed in Israeli airstrikes":
     * an attack noun in a sentence that coded a use of force names that act again) */
    /* (not when the sentence has the attacker's act already: "a woman was killed when a home
     * was hit by a Pakistani airstrike" coded PAK's hit) */
    int filled = 0;
    for (size_t k = first; nom->attack && sm && sm->code && k < c->events.n && !filled; k++)
        filled = c->events.a[k].source.code && !strcmp(c->events.a[k].source.code, sm->code) &&
                 strcmp(c->events.a[k].code, "192");   /* (not "occupied Palestine": a state, no attack) */
    for (size_t k = first; nom->attack && k < c->events.n && !(filled && told); k++) {
        fm_event *e = &c->events.a[k];
        if (!((e->code[0] == '1' && e->code[1] >= '8') || e->code[0] == '2')) continue;
        told = 1;
        /* ("a man is killed ... during an Israeli attack": the toll that names no killer
         * takes the attack's owner) */
        if (!filled && (filled = !e->source.code && (!e->source.text || !e->source.text[0]) && sm && sm->code &&
                                 tgt < 0 && (!e->target.code || strcmp(e->target.code, sm->code)))) {
            e->source = actor_of(c, doc, tok, &c->mentions.a[src], sm);
            c->evtok.a[k].src_start = c->mentions.a[src].start;
            c->evtok.a[k].src_end = c->mentions.a[src].end;
            event_id(doc, e, e->id);
        }
    }
    if (!told && ((sm && sm->code) || (tm && (tm->code || tgt == town)))) {
        const char *rule = vm.pattern ? vm.rule
                                      : fm_arena_printf(&c->arena, "%s, named by its noun [%s]", vm.rule ? vm.rule : "", vm.code);
        add_events(c, doc, si, tok, vm.code, src, tgt, &c->verbs.a[p], rule, i, ce, FM_PRIORITY_NORMAL);
    }
}

/* "the killings of 132 civilians", "the hijacking of the Jaffar Express by the BLA", "Israel's
 * killing of seven aid workers": an act named by its noun, OF before whom it befell, codes as
 * its verb would in a passive, the agent after BY, else the owner before the noun. Whoever
 * reports, condemns or confirms the act is neither. Only acts of material conflict. */
static void code_nominals(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                          const fm_attrib_frame *frames, size_t nf, size_t first)
{
    for (size_t i = 1; i + 1 < n; i++) {
        /* (or BY right after it: "reported mass killings by the RSF"; ON, for some) */
        int of = fm_is_word(&tok[i + 1], "OF"), on = fm_is_word(&tok[i + 1], "ON");
        const nominal *nom = nominal_of(&tok[i]);
        if (!nom) continue;
        if (nom->between != fm_is_word(&tok[i + 1], "BETWEEN")) continue;
        if (nom->between) of = on = 0;
        if (nom->by_only && !fm_is_word(&tok[i + 1], "BY")) continue;
        if (nom->by_only) of = on = 0;
        if (nom->attack && fm_is_word(&tok[i + 1], "AGAINST")) on = 1;
        if (nom->attack && (of || named_date_before(tok, i) || figurative_attack(tok, i))) continue;
        if (!of && !on && !nom->between && !fm_is_word(&tok[i + 1], "BY") && !by_after_list(c, tok, n, i) &&
            !(nom->attack && attack_noun_alone(c, tok, n, i)))
            continue;
        const char *lemma = nom->verb;
        if ((!of && nom->place_only) || (on && !nom->on_ok) || (tok[i].flags & FM_TOKF_CAP) || fm_verb_at(c, i) >= 0 || in_mention(c, i) ||
            nominal_unreal(tok, i))
            continue;
        fm_token ft = tok[i];
        ft.norm = lemma;
        ft.norm_len = (uint16_t)strlen(lemma);
        fm_tok_ids ids;
        fm_tok_ids_of(c->lx, &ft, &ids);
        uint32_t fv;
        if (!fm_trie_longest_at(&c->lx->verbs, &ids, 1, 0, &fv) || !fv) continue;
        /* the hit stands among the sentence's verbs while it is matched: clause ends and
         * patterns look at them in order; it leaves again, so no other verb sees it */
        size_t p = 0;
        while (p < c->verbs.n && c->verbs.a[p].start < i) p++;
        /* (not "on behalf of Hamas") */
        int victim = of || (on && nom->attack && !(i + 2 < n && fm_is_word(&tok[i + 2], "BEHALF"))) ? of_object(c, tok, n, i + 2) : -1;
        fm_verb_hit h = { .start = i, .end = i + 1, .subject = victim, .subject_done = 1,
                          .passive = !nom->between, .vform = FM_VF_BASE, .form = &c->lx->verb_forms.a[fv - 1] };
        if (fm_verb_vec_t_push(&c->verbs, h)) return;
        memmove(&c->verbs.a[p + 1], &c->verbs.a[p], (c->verbs.n - 1 - p) * sizeof c->verbs.a[0]);
        c->verbs.a[p] = h;
        /* (its words end at the noun phrase's comma: "After the capture of Omdurman, Sudanese
         * forces find" names no captor) */
        size_t ce = fm_clause_end(c, tok, n, p);
        for (size_t k = i + 2; k < ce; k++)
            if (tok[k].kind == FM_TOK_PUNCT) { ce = k; break; }
        size_t oe = i + 2;      /* the OF phrase: to a break, a preposition, AND or a verb */
        while (oe < ce && tok[oe].kind != FM_TOK_PUNCT && !fm_is_word(&tok[oe], "AND") &&
               !any_preposition_word(&tok[oe]) && fm_verb_at(c, oe) < 0)
            oe++;
        fm_verb_match vm;
        int town = -1, ok = nominal_code(c, doc, tok, n, nom, p, i, ce, oe, &vm, &town);
        int force = ok && !vm.discard && !vm.complex && vm.code[0] &&
                    ((vm.code[0] == '1' && vm.code[1] >= '5') || vm.code[0] == '2');
        if (force) nominal_event(c, doc, si, tok, n, frames, nf, first, nom, p, ce, oe, &vm, town);
        if (town >= 0) c->mentions.n--;
        memmove(&c->verbs.a[p], &c->verbs.a[p + 1], (c->verbs.n - 1 - p) * sizeof c->verbs.a[0]);
        c->verbs.n--;
    }
}

/* TABARI's discard [###] and complex [+++] codes on actors: a sentence naming
 * such an actor (a sports club, an ambiguous place) yields no events. */
static int special_actor(const fm_coder *c)
{
    for (size_t k = 0; k < c->mentions.n; k++) {
        const char *code = c->mentions.a[k].code;
        if (code && (fm_code_is(code, '#') || fm_code_is(code, '+'))) return 1;
    }
    return 0;
}

/* Dominant events push out the others of the sentence; subordinate ones
 * ("said [023?]") stay only when nothing else was coded. */
static void keep_by_priority(fm_coder *c, size_t first)
{
    int have[3] = { 0, 0, 0 };
    for (size_t k = first; k < c->events.n; k++) have[c->evtok.a[k].priority] = 1;
    int keep = have[FM_PRIORITY_DOMINANT] ? FM_PRIORITY_DOMINANT
             : have[FM_PRIORITY_NORMAL] ? FM_PRIORITY_NORMAL : FM_PRIORITY_SUBORDINATE;
    size_t o = first;
    for (size_t k = first; k < c->events.n; k++) {
        if (c->evtok.a[k].priority != keep) continue;
        c->events.a[o] = c->events.a[k];
        c->evtok.a[o] = c->evtok.a[k];
        o++;
    }
    c->events.n = c->evtok.n = o;
}

/* "At least 82 Palestinians are killed in Israeli strikes": the toll (no attacker,
 * its victims) and the attack noun after it in its clause (its attacker, no victim)
 * are one event, the attack's code with the toll's victims. */
static void join_toll_to_attack(fm_coder *c, const fm_doc *doc, size_t first)
{
    for (size_t k = first; k < c->events.n; k++) {
        fm_event *toll = &c->events.a[k];
        const fm_event_tokens *tt = &c->evtok.a[k];
        if (strncmp(toll->code, "19", 2) || toll->source.code || (toll->source.text && *toll->source.text) ||
            !toll->has_target || !toll->target.code)
            continue;
        for (size_t j = first; j < c->events.n; j++) {
            fm_event *atk = &c->events.a[j];
            const fm_event_tokens *at = &c->evtok.a[j];
            /* (an attack: 190, 193-195, or mass violence 20x; not a blockade 191 or an occupation 192) */
            int mass = !strncmp(atk->code, "20", 2);
            if (j == k || (!mass && (strncmp(atk->code, "19", 2) || atk->code[2] == '1' || atk->code[2] == '2')) ||
                !atk->source.code || atk->has_target ||
                at->verb_start < tt->verb_end || at->verb_start > tt->clause_end)
                continue;
            /* an "attack" whose subject is the victims themselves is no attacker */
            if (at->src_start < tt->verb_start || !strcmp(atk->source.code, toll->target.code)) continue;
            toll->source = atk->source;
            snprintf(toll->code, sizeof toll->code, "%s", atk->code);
            toll->plover_event = atk->plover_event, toll->plover_mode = atk->plover_mode;
            toll->plover_context = atk->plover_context;
            toll->goldstein = atk->goldstein, toll->quad_class = atk->quad_class;
            toll->rule = atk->rule;
            c->evtok.a[k].src_start = at->src_start, c->evtok.a[k].src_end = at->src_end;
            event_id(doc, toll, toll->id);
            memmove(&c->events.a[j], &c->events.a[j + 1], (c->events.n - j - 1) * sizeof c->events.a[0]);
            memmove(&c->evtok.a[j], &c->evtok.a[j + 1], (c->evtok.n - j - 1) * sizeof c->evtok.a[0]);
            c->events.n--, c->evtok.n--;
            if (j < k) k--;
            break;
        }
    }
}

/* The act a speaker denies ("denied targeting civilians") is denied whatever
 * frames the context stage saw; an act of the denier joined to its denial
 * ("... and accused the army") takes the denial's mode. */
static void fix_denial_modes(fm_coder *c, size_t first)
{
    for (size_t k = first; k < c->events.n; k++) {
        const fm_verb_hit *h = NULL;
        for (size_t v = 0; v < c->verbs.n && !h; v++)
            if (c->verbs.a[v].start == c->evtok.a[k].verb_start) h = &c->verbs.a[v];
        if (!h) continue;
        if (h->denied) { c->events.a[k].mode = FM_MODE_DENIED; continue; }
        if (!h->mode_from || h->mode_from > (int)c->verbs.n) continue;
        size_t from = c->verbs.a[h->mode_from - 1].start;
        c->events.a[k].mode = FM_MODE_ASSERTED;
        for (size_t j = first; j < c->events.n; j++)
            if (c->evtok.a[j].verb_start == from) { c->events.a[k].mode = c->events.a[j].mode; break; }
    }
}

/* "declared on Tuesday that", "said today": the words of a day between a verb and its complement */
static size_t skip_when_words(const fm_token *tok, size_t n, size_t k)
{
    static const char *const WHEN[] = { "ON", "TODAY", "YESTERDAY", "TONIGHT", "MONDAY", "TUESDAY", "WEDNESDAY",
        "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "LAST", "THIS", "WEEK", "NIGHT", "MORNING", "EVENING",
        "AFTERNOON", NULL };
    for (size_t steps = 0; k < n && steps < 3; steps++, k++) {
        int hit = 0;
        for (const char *const *w = WHEN; *w && !hit; w++) hit = fm_is_word(&tok[k], *w);
        if (!hit) break;
    }
    return k;
}

/* "its demand", "their call", "the demand": a possessive or "the" and a noun of demand at k */
static int demand_noun(const fm_token *tok, size_t n, size_t k)
{
    if (k + 1 >= n) return 0;
    const fm_token *d = &tok[k], *w = &tok[k + 1];
    int det = fm_is_word(d, "ITS") || fm_is_word(d, "THEIR") || fm_is_word(d, "HIS") || fm_is_word(d, "HER") ||
              fm_is_word(d, "THE");
    return det && (fm_is_word(w, "DEMAND") || fm_is_word(w, "DEMANDS") || fm_is_word(w, "CALL") ||
                   fm_is_word(w, "INSISTENCE"));
}

/* "X said (that) Y must withdraw": saying what another must do is a demand
 * (CAMEO 100) of the speaker on Y, whatever Y's act is coded as. */
static void say_must(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    size_t k = skip_when_words(tok, n, h->end);
    /* "reiterated its demand today that Israel ease restrictions": the demand is named */
    int demand = demand_noun(tok, n, k);
    if (demand) k = skip_when_words(tok, n, k + 2);
    if (k < n && fm_is_word(&tok[k], "THAT")) k++;
    else if (demand) return;
    int y = fm_mention_at(c, k, n, 0, tok);
    if (y < 0 || c->mentions.a[y].pronoun) return;
    int last = y;
    while (c->mentions.a[last].next >= 0) last = c->mentions.a[last].next;
    size_t e = c->mentions.a[last].end;
    int must = demand || (e < n && (fm_is_word(&tok[e], "MUST") || fm_is_word(&tok[e], "SHOULD")));
    if (!must && e + 1 < n && fm_is_word(&tok[e + 1], "TO"))
        must = fm_is_word(&tok[e], "HAS") || fm_is_word(&tok[e], "HAVE") || fm_is_word(&tok[e], "NEEDS") ||
               fm_is_word(&tok[e], "NEED");
    if (!must) return;
    int x = fm_subject_of(c, tok, n, v);
    if (x < 0 || x == y) return;
    size_t ce = fm_clause_end(c, tok, n, v);
    add_events(c, doc, si, tok, "100", x, y, h, "SAY ... + MUST [100]", 0, ce, FM_PRIORITY_NORMAL);
}

/* "one person is killed and four more are injured by airstrikes", "shot and
 * killed by gunmen": two passives
 * joined by AND, a count and BE share the agent written after the second. */
static int toll_count_word(const fm_token *t)
{
    static const char *const words[] = { "OVER", "ABOUT", "AROUND", "NEARLY", "ALMOST", "AT", "LEAST", "SOME",
        "SEVERAL", "DOZENS", "SCORES", "HUNDREDS", "MANY", "UP", "TO", "MORE", "THAN", NULL };
    for (const char *const *w = words; *w; w++)
        if (fm_is_word(t, *w)) return 1;
    return 0;
}

static int toll_joined(const fm_token *tok, const fm_verb_hit *h, const fm_verb_hit *next)
{
    if (!next->passive || next->start <= h->end || !fm_is_word(&tok[h->end], "AND")) return 0;
    /* (with nothing between: "are shot and killed by gunmen") */
    for (size_t k = h->end + 1; k < next->start; k++) {
        const fm_token *t = &tok[k];
        if (t->kind == FM_TOK_NUMBER || fm_is_aux(t) || fm_is_word(t, "MORE") || fm_is_word(t, "OTHERS") ||
            fm_is_word(t, "OTHER") || fm_is_word(t, "ANOTHER") ||   /* "and another two are injured" */
            toll_count_word(t) ||                                    /* "and over twenty others" */
            (fm_is_word(t, "OF") && k > h->end + 1))                 /* "and dozens of others" */
            continue;
        fm_number num;
        if (fm_number_parse(tok, next->start, k, &num) && num.end > k) { k = num.end - 1; continue; }
        return 0;
    }
    return 1;
}

/* A verb after "to" or a perfect "to have" ("claimed to have taken the village"): an
 * infinitive, whose subject is that of the verb it completes. */
/* "tells reporters that Israel and Iran ... as both countries continue to launch attacks": a
 * clause of its own between a verb and an infinitive; the infinitive does not complete it */
static int clause_between(const fm_token *tok, size_t from, size_t to)
{
    static const char *const OPENERS[] = { "THAT", "AS", "WHILE", "WHEN", "BECAUSE", "SINCE", "UNTIL", "ALTHOUGH",
                                           "THOUGH", "WHEREAS", "IF", "UNLESS", "AFTER", "BEFORE", NULL };
    for (size_t k = from; k < to; k++) {
        if (tok[k].kind == FM_TOK_QUOTE || (tok[k].kind == FM_TOK_PUNCT && !strcmp(tok[k].norm, ";"))) return 1;
        /* ("as part of the movement to protest", "as a way to": AS before a noun phrase opens none) */
        if (fm_is_word(&tok[k], "AS") && k + 1 < to &&
            (fm_is_word(&tok[k + 1], "PART") || fm_is_word(&tok[k + 1], "A") || fm_is_word(&tok[k + 1], "AN") ||
             fm_is_word(&tok[k + 1], "THE") || fm_is_word(&tok[k + 1], "WELL")))
            continue;
        for (const char *const *w = OPENERS; *w; w++)
            if (fm_is_word(&tok[k], *w)) return 1;
    }
    return 0;
}

static int infinitive(const fm_token *tok, size_t s)
{
    if (s > 0 && fm_is_word(&tok[s - 1], "TO")) return 1;
    return s > 1 && fm_is_word(&tok[s - 1], "HAVE") && fm_is_word(&tok[s - 2], "TO");
}

/* A coded actor right after the verb (an article between at most) against a pattern's
 * target inside a later AGAINST or TO phrase ("visits Washington to attend meetings with
 * the IMF": Washington is visited) */
static int direct_object_first(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h, int obj, int pat)
{
    if (obj < 0 || pat < 0 || obj == pat) return 0;
    const fm_mention *o = &c->mentions.a[obj], *p = &c->mentions.a[pat];
    size_t at = h->end;
    if (at < o->start && fm_is_word(&tok[at], "THE")) at++;
    if (o->start != at || !o->code || o->agent_only || o->weapon || o->pronoun) return 0;
    /* (a state or its government only: troops or captives are what is sent or handed over,
     * "orders Malawian troops to withdraw to", "sent Russian troops to Syria") */
    size_t cl = strlen(o->code);
    if (cl != 3 && !(cl == 6 && (!strcmp(o->code + 3, "GOV") || !strcmp(o->code + 3, "LEG")))) return 0;
    if (p->start <= o->end) return 0;
    for (size_t k = o->end; k < p->start; k++) {
        if (fm_is_word(&tok[k], "AGAINST")) return 1;
        /* (TO of an infinitive, not the recipient's: "hand back Macao to China") */
        size_t r = k + 1;
        if (r < p->start && fm_is_word(&tok[r], "THE")) r++;
        if (fm_is_word(&tok[k], "TO") && r != p->start) return 1;
    }
    return 0;
}

static int reflexive(const fm_token *t)
{
    return fm_is_word(t, "HIMSELF") || fm_is_word(t, "HERSELF") || fm_is_word(t, "THEMSELVES") ||
           fm_is_word(t, "ITSELF") || fm_is_word(t, "ONESELF");
}

static void code_sentence(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n)
{
    fm_attrib_frame frames[16];
    c->sentence_now = si;
    size_t nf = fm_attribution_frames_marked(doc->text, tok, c->marks, n, frames, 16);
    if (nf > 16) nf = 16;
    c->frames_now = frames;
    c->n_frames_now = nf;
    fm_find_mentions(c, doc, tok, n);
    fm_find_verbs(c, tok, n);
    size_t first_event = c->events.n;
    int rejected = special_actor(c);
    for (size_t v = 0; v < c->verbs.n && !rejected; v++) {
        fm_verb_hit *h = &c->verbs.a[v];
        /* said / told / reported: attribution, not events, unless the dictionary
         * codes the verb ("SAID [023]") or a pattern of it ("announced a ceasefire") */
        int say = h->speech && h->speech != FM_ATTRIB_DENY && h->speech != FM_ATTRIB_ACCUSE &&
                  h->speech != FM_ATTRIB_WARN && h->speech != FM_ATTRIB_CLAIM;
        if (say) say_must(c, doc, si, tok, n, v);
        if (say && !h->form) continue;
        /* "agreed to restore": the complement verb was folded into this clause */
        if (v > 0 && h->start > 0 && fm_is_word(&tok[h->start - 1], "TO") && !fm_intent_infinitive(c, tok, v)) {
            const fm_verb_hit *p = &c->verbs.a[v - 1];
            if (p->form && fm_clause_end(c, tok, n, v - 1) > h->start) {
                fm_verb_match pm;
                if (fm_verb_match_code(c, tok, n, v - 1, 0, fm_clause_end(c, tok, n, v - 1), &pm)) continue;
            }
        }
        size_t ce = fm_clause_end(c, tok, n, v);
        fm_verb_match vm;
        size_t cs = fm_clause_start(c, tok, v);
        if (!fm_verb_match_code(c, tok, n, v, cs, ce, &vm)) {
            /* "captured Pokrovsk": a town by its name is what the verb's "(THE TOWN)" pattern means */
            if (h->passive || object_of(c, tok, h->end, ce, 0, frames, nf, 0) >= 0) continue;
            int town = place_object(c, doc, tok, n, h->end, ce);
            if (town < 0) continue;
            c->mentions.n--;
            if (!fm_verb_town_code(c, v, &vm)) continue;
        }
        if (vm.discard || vm.complex) { rejected = 1; break; }
        /* "before killing himself", "blew themselves up": an act on oneself is no
         * event between two actors (the objects after it are not its) */
        if (h->end < n && reflexive(&tok[h->end]) && !vm.pattern) continue;
        int subj = fm_subject_of(c, tok, n, v);
        /* an infinitive takes the subject of the verb it completes */
        int claimed_own = 0;   /* "Russian forces claimed to have taken X": the claimant is the actor */
        if (subj < 0 && infinitive(tok, h->start) && v > 0 && !clause_between(tok, c->verbs.a[v - 1].end, h->start)) {
            int obj = object_of(c, tok, c->verbs.a[v - 1].end, h->start, 0, frames, nf, 0);
            subj = obj >= 0 ? obj : fm_subject_of(c, tok, n, v - 1);
            claimed_own = obj < 0 && c->verbs.a[v - 1].speech == FM_ATTRIB_CLAIM;
        }
        /* "Israel sent warplanes to strike Hodeidah": forces sent with no owner named are
         * the sender's */
        if (subj >= 0 && v > 0 && infinitive(tok, h->start) && sending_verb(&tok[c->verbs.a[v - 1].start]))
            own_sent_forces(c, subj, fm_subject_of(c, tok, n, v - 1));
        /* "Russian forces launch drone strikes, killing": the weapon a state launches, subject
         * of the attack noun's verb, is the state's own */
        if (subj >= 0 && v > 0 && c->verbs.a[v - 1].end == c->mentions.a[subj].start &&
            launching_verb(&tok[c->verbs.a[v - 1].start]))
            own_sent_forces(c, subj, fm_subject_of(c, tok, n, v - 1));
        int src = subj, tgt;
        if (h->passive) {
            src = by_agent(c, tok, h->end, ce, n);
            /* "four soldiers are killed and 12 more injured by militants": one agent for both */
            if (src < 0 && v + 1 < c->verbs.n && c->verbs.a[v + 1].start == ce &&
                (c->verbs.a[v + 1].joined_passive || toll_joined(tok, h, &c->verbs.a[v + 1]))) {
                size_t ne = fm_clause_end(c, tok, n, v + 1);
                src = by_agent(c, tok, c->verbs.a[v + 1].end, ne, n);
                /* (or the attack a pattern of the second names: "three are killed and two
                 * injured in Israeli airstrikes" is one toll of those airstrikes) */
                fm_verb_match nm;
                int coded = src < 0 && !vm.pattern && fm_verb_match_code(c, tok, n, v + 1, ce, ne, &nm);
                /* (and a pattern of the second that codes nothing, a disaster's, holds for both:
                 * "five are killed and twelve injured in a fire at a hostel") */
                if (src < 0 && !vm.pattern && !coded && nm.pattern) continue;
                if (coded && nm.pattern && nm.source >= 0 && !nm.discard && !nm.complex) {
                    src = nm.source;
                    nm.target = -1;     /* the victims are this verb's subject */
                    vm = nm;
                }
            }
            tgt = subj;
        } else {
            /* talks and agreements in a place: the place is where, not whom (a visit's
             * place is whom it visits: "arrived in Tehran") */
            int talk = vm.code[0] == '0' && (vm.code[1] == '3' || vm.code[1] == '4') && strncmp(vm.code, "042", 3) &&
                       strncmp(vm.code, "043", 3);
            tgt = object_of(c, tok, h->end, ce, 0, frames, nf, talk);
        }
        if (tgt < 0 && !h->passive && subj >= 0) tgt = relative_object(c, tok, subj);
        if (tgt >= 0 && !h->passive && theme_mention(c, tok, tgt, subj)) {
            int conflict = (vm.code[0] == '1' && vm.code[1] >= '5') || vm.code[0] == '2';
            int r = recipient_after(c, tok, tgt, ce, conflict);
            if (r >= 0) tgt = r;
            else if (weapon_platform(c, tok, tgt)) tgt = -1;     /* "send fighter jets to the region": no one's */
            /* ("orders the deployment of troops to Portland": the troops posted are no target) */
            else if (vm.code[0] == '1' && vm.code[1] == '5') tgt = -1;
        }
        /* "injured in a drone attack by the RSF": a pattern's source that is a weapon
         * yields to the passive's named agent */
        /* (or a bare agent, "a drone", where the agent is an actor) */
        const fm_mention *pm = vm.source >= 0 ? &c->mentions.a[vm.source] : NULL;
        if (pm && !(h->passive && src >= 0 && src != vm.source && (pm->weapon || pm->agent_only) &&
                    !c->mentions.a[src].weapon && !c->mentions.a[src].agent_only))
            src = vm.source;
        /* in a passive clause the subject is the target: a '+' after the verb
         * ("shelled (+ WITH ARTILLERY)") names no victim */
        /* (but "sanctioned Iran over plots against dissidents": an actor named right after
         * the verb is its object, and the pattern's AGAINST phrase is the plots') */
        if (vm.target >= 0 && !(h->passive && tgt >= 0) && !direct_object_first(c, tok, h, tgt, vm.target))
            tgt = vm.target;
        /* (a pattern's '+' too: "send + &WEAPON" on "send weapons, fighter jets, ... arms") */
        if (tgt >= 0 && !h->passive && weapon_platform(c, tok, tgt)) tgt = -1;
        /* "Gondor and Osgiliath delayed their meeting", "the Philippines and the EU agree":
         * with no object, the members of a compound subject act on each other when
         * the act is one two sides do together (consult, cooperate, fight) */
        /* (a fight, not an act a pattern names: "the army and police begin offensive
         * operations" are on one side) */
        if (tgt < 0 && src >= 0 && c->mentions.a[src].next >= 0 && !h->passive && mutual_code(vm.code) &&
            !(vm.code[0] == '0' && vm.code[1] == '3' && one_sided_intent(&tok[h->start])) &&
            !(vm.pattern && vm.pattern->n_post && vm.code[0] == '1') && mutual_fight(c, tok, n, h, vm.code) &&
            !alternative_compound(c, tok, src))
            tgt = src;
        /* a head that holds this verb itself ("Hamas executes eight men accused of ...": the
         * accusation has no speaker) says nothing about its actors */
        int verb_in_head = fm_attribution_in_head(frames, nf, h->start);
        if (src >= 0 && fm_attribution_in_head(frames, nf, c->mentions.a[src].start) && !h->speech && !h->denied &&
            !h->speaker_act && !verb_in_head && !claimed_own)
            src = -1;
        if (tgt >= 0 && fm_attribution_in_head(frames, nf, c->mentions.a[tgt].start) && !h->speech && !verb_in_head)
            tgt = -1;
        if (src == tgt && !mutual_code(vm.code)) tgt = -1;
        /* "raids by a faction of the Allied Democratic Forces": an actor joined by OF to the
         * source's words names the source's group, not whom it acts on */
        if (src >= 0 && tgt >= 0 && of_joined(c, tok, &c->mentions.a[src], &c->mentions.a[tgt])) tgt = -1;
        /* "take control of Al-Kamlin as they advance": a pronoun that stands for the
         * source is no target; the event keeps its source alone */
        if (src >= 0 && tgt >= 0 && tgt != src && c->mentions.a[tgt].pronoun) {
            const fm_mention *a = resolve(c, &c->mentions.a[src]), *b = resolve(c, &c->mentions.a[tgt]);
            if (a && b && a->country && (a == b || (a->code && b->code && !strcmp(a->code, b->code)))) tgt = -1;
        }
        /* no actor, no event; a passive attack with no named attacker keeps an unknown
         * source, and so does an attack named by its weapon ("a bomb hits a truck") */
        int material_conflict = (vm.code[0] == '1' && vm.code[1] >= '5') || vm.code[0] == '2';
        if (src < 0 && material_conflict && !h->passive) {
            src = fm_weapon_subject(c, tok, n, v);
            /* "this airstrike is later confirmed to have killed": the weapon of the verb completed */
            if (src < 0 && v > 0 && infinitive(tok, h->start)) src = fm_weapon_subject(c, tok, n, v - 1);
            if (src >= 0) { h->subject = src; if (tgt == src) tgt = -1; }
        }
        /* "several mortars were fired toward the airport": a passive pattern that names the
         * weapon before the verb has it as its (uncoded) source when no actor is named */
        if (src < 0 && material_conflict && h->passive && vm.pattern && vm.pattern->n_pre) {
            /* "a drone strike is carried out": a bare agent inside the weapon's words is no victim */
            int w = tgt < 0 || c->mentions.a[tgt].agent_only ? fm_weapon_subject(c, tok, n, v) : -1;
            if (w >= 0 && tgt >= 0 && c->mentions.a[tgt].start >= c->mentions.a[w].start &&
                c->mentions.a[tgt].end <= c->mentions.a[w].end)
                tgt = -1;
            if (w >= 0 && tgt < 0) { src = w; h->subject = src; }
        }
        int place_tgt = -1;
        /* "a PMF commander said the base was attacked", "the blast is under investigation":
         * with no actor on either side, the site or attack a passive's subject names is the
         * target, without a code (only with a lexicon that lists sites) */
        int investigate = vm.code[0] == '0' && vm.code[1] == '9';
        /* (what a storm or a quake destroys is no target of an attack) */
        /* (of the material conflict, only force, seizure and destruction: 17-20, not "built up") */
        int force = vm.code[0] == '2' || (vm.code[0] == '1' && vm.code[1] >= '7');
        const char *thing = force ? "SITE" : investigate ? "INCIDENT" : NULL;
        /* ("the hotel was destroyed by armed gangs": with the agent named too) */
        if (tgt < 0 && h->passive && thing && has_synset(c, thing) &&
            !fm_synset_in_sentence(c, tok, n, "DISASTER", SIZE_MAX) && !fm_synset_in_sentence(c, tok, n, "MISHAP", SIZE_MAX))
            place_tgt = tgt = fm_thing_subject(c, tok, n, v, thing);
        if (tgt < 0 && src >= 0 && material_conflict && !h->passive) {
            place_tgt = tgt = place_object(c, doc, tok, n, h->end, ce);
            const fm_mention *sr = resolve(c, &c->mentions.a[src]);
            /* "Sudanese forces take Al-Kamlin": a place of the source's own country is where, not whom */
            if (tgt >= 0 && sr && sr->country && !strcmp(sr->country, c->mentions.a[tgt].country)) tgt = -1;
        }
        const fm_mention *sm = src >= 0 ? resolve(c, &c->mentions.a[src]) : NULL;
        if (sm && sm->weapon && !material_conflict) { if (place_tgt >= 0) c->mentions.n--; continue; }
        /* "one person is killed and five are injured when a balloon crashes": a toll with
         * no attacker in a sentence about an accident or a disaster */
        /* (or with unarmed people as its subject: "a truck carrying passengers fell off a ravine,
         * killing 16") */
        if (material_conflict && !vm.pattern && (!sm || !sm->code || unarmed_agent(sm)) &&
            fm_synset_in_sentence(c, tok, n, "TOLLV", h->start) && fm_synset_in_sentence(c, tok, n, "MISHAP", SIZE_MAX)) {
            if (place_tgt >= 0) c->mentions.n--;
            continue;
        }
        if (!sm && !(h->passive && (material_conflict || (investigate && tgt == place_tgt)) && tgt >= 0)) { if (place_tgt >= 0) c->mentions.n--; continue; }
        const char *rule = vm.pattern ? vm.rule
                                      : fm_arena_printf(&c->arena, "%s [%s]", vm.rule ? vm.rule : "", vm.code);
        int prio = vm.dominant ? FM_PRIORITY_DOMINANT : vm.subordinate ? FM_PRIORITY_SUBORDINATE : FM_PRIORITY_NORMAL;
        const char *code = vm.code;
        if (tgt >= 0 && (!strcmp(code, "173") || !strcmp(code, "181")) && object_is_place(c, doc, tok, n, h, tgt))
            code = "192", rule = fm_arena_printf(&c->arena, "%s, of a place [192]", rule);
        if (tgt >= 0 && !vm.pattern && !strcmp(code, "190") && verbal_attack(c, tok, n, h, src, tgt))
            code = "111", rule = fm_arena_printf(&c->arena, "%s, in words [111]", rule);
        if (!strcmp(code, "190") && labour_strike(tok, n, h, sm))
            code = "143", rule = fm_arena_printf(&c->arena, "%s, by workers [143]", rule);
        if (code[0]) add_events(c, doc, si, tok, code, src, tgt, h, rule, 0, ce, prio);
        if (vm.code2[0] && tgt >= 0 && src >= 0 && !same_country(c, src, tgt))   /* visit / host: the paired event */
            add_events(c, doc, si, tok, vm.code2, tgt, src, h, rule, 0, ce, prio);
        if (place_tgt >= 0) c->mentions.n--;            /* the place names nobody for later verbs */
    }
    if (!rejected && !c->lx->tabari_verbs) code_nominals(c, doc, si, tok, n, frames, nf, first_event);
    if (rejected) c->events.n = c->evtok.n = first_event;
    keep_by_priority(c, first_event);
    join_toll_to_attack(c, doc, first_event);
    for (size_t k = 0; k < c->mentions.n; k++) remember(c, resolve(c, &c->mentions.a[k]));
    remember_pair(c);
    /* the subject of the sentence's first verb is whom a later "they" or "he" most
     * likely means ("The protesters clashed with the police ... As they tried"):
     * remembered last, over the objects named after it */
    for (size_t v = 0; v < c->verbs.n; v++) {
        const fm_verb_hit *h = &c->verbs.a[v];
        if (!h->subject_done || h->subject < 0 || (size_t)h->subject >= c->mentions.n) continue;
        remember(c, resolve(c, &c->mentions.a[h->subject]));
        break;
    }
    fm_context_sentence(c, doc, si, tok, n, first_event, frames, nf);
    fix_denial_modes(c, first_event);
    c->frames_now = NULL;      /* frames lives on this stack frame */
    c->n_frames_now = 0;
}


/* ---- TABARI's sentence rules (used with TABARI .verbs dictionaries) ----
 * The clause logic of the TABARI manual (ch. 5.8, 7.6-7.9): comma-delimited
 * nonrestrictive clauses are dropped, the sentence is cut into clauses at
 * conjunctions, the first coded verb of each clause gives its event, the
 * source is the first actor of the sentence before the verb (kept across
 * clauses), the target the first actor after the verb with another code. */


static size_t words_between(const fm_token *tok, size_t a, size_t b)
{
    size_t w = 0;
    for (size_t k = a; k < b; k++) w += tok[k].kind == FM_TOK_WORD || tok[k].kind == FM_TOK_NUMBER;
    return w;
}

/* A comma inside a list of actors ("Arnor, Osgiliath and Gondor") is no clause mark. */
static int comma_in_compound(const fm_coder *c, size_t k)
{
    for (size_t m = 0; m < c->mentions.n; m++) {
        const fm_mention *a = &c->mentions.a[m];
        if (a->next >= 0 && a->end <= k && c->mentions.a[a->next].start > k) return 1;
    }
    return 0;
}

/* TABARI's mentions: a lone agent ("police") is no actor unless CONVERT
 * AGENTS is on, and then it is coded "~COP". */
static void tabari_mentions(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n)
{
    fm_find_mentions(c, doc, tok, n);
    for (size_t k = 0; k < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k];
        if (!m->agent_only || !m->code) continue;
        m->code = c->opt.convert_agents ? fm_arena_printf(&c->arena, "~%s", m->code) : NULL;
    }
}

/* 1 if a phrase of w words may be dropped under the limits (lo, hi]. */
static int comma_len_ok(size_t w, int lo, int hi) { return (int)w > lo && (int)w <= hi; }

/* Removes "..., in remarks published on Monday, ..." and a short tail after
 * the last comma (TABARI's COMMA limits: MIN/MAX inside, BMIN/BMAX for the
 * phrase that opens the sentence, EMIN/EMAX for the one that ends it);
 * returns the new token count (tokens and ids compacted). */
static size_t drop_comma_clauses(fm_coder *c, const fm_doc *doc, fm_token *tok, size_t n)
{
    const fm_options *o = &c->opt;
    if (o->comma_off) return n;
    int mn = o->comma_set ? o->comma_min : 2, mx = o->comma_set ? o->comma_max : 10;
    int emn = o->comma_set ? o->comma_emin : 2, emx = o->comma_set ? o->comma_emax : 10;
    int bmn = o->comma_set ? o->comma_bmin : 128, bmx = o->comma_set ? o->comma_bmax : 0;
    tabari_mentions(c, doc, tok, n);
    size_t commas[64], nc = 0;
    for (size_t k = 0; k < n && nc < 64; k++) if (is_comma(&tok[k]) && !comma_in_compound(c, k)) commas[nc++] = k;
    if (!nc) return n;
    unsigned char *drop = fm_arena_alloc(&c->arena, n);
    if (!drop) return n;
    memset(drop, 0, n);
    size_t i = 0;
    int last_closes = 0;     /* the last comma closed a dropped clause: it opens no tail */
    if (comma_len_ok(words_between(tok, 0, commas[0]), bmn, bmx)) memset(drop, 1, commas[0] + 1);
    while (i + 1 < nc) {
        size_t a = commas[i], b = commas[i + 1], w = words_between(tok, a + 1, b);
        if (comma_len_ok(w, mn, mx)) {
            memset(drop + a, 1, b - a);          /* keep the closing comma */
            if (i + 2 == nc) last_closes = 1;
            i += 1;
            continue;
        }
        i++;
    }
    size_t last = commas[nc - 1], end = n;
    while (end > last + 1 && tok[end - 1].kind == FM_TOK_PUNCT) end--;
    size_t w = words_between(tok, last + 1, end);
    if (!drop[last] && !last_closes && comma_len_ok(w, emn, emx)) memset(drop + last, 1, end - last);
    size_t o2 = 0;
    for (size_t k = 0; k < n; k++) {
        if (drop[k]) continue;
        tok[o2] = tok[k];
        c->ids[o2] = c->ids[k];
        c->marks[o2] = c->marks[k];
        o2++;
    }
    return o2;
}

static int is_conjunction(const fm_token *t)
{
    return fm_is_word(t, "AND") || fm_is_word(t, "BUT") || fm_is_word(t, "OR") || fm_is_word(t, "NOR");
}

/* Clause boundaries: conjunctions that do not join two actors of a compound
 * nor two verbs ("shot and killed"). */
static int clause_break(const fm_coder *c, const fm_token *tok, size_t n, size_t k)
{
    if (!is_conjunction(&tok[k])) return 0;
    if (comma_in_compound(c, k)) return 0;
    for (size_t v = 0; v < c->verbs.n; v++)
        if (c->verbs.a[v].end == k && k + 1 < n) {
            for (size_t w = 0; w < c->verbs.n; w++) if (c->verbs.a[w].start == k + 1) return 0;
        }
    return 1;
}

/* HE, SHE, IT: the first actor of the sentence; THEY, THEM: the first
 * compound, else the first actor (TABARI 7.7). */
static int tabari_pronoun(const fm_coder *c, const fm_token *tok, int m)
{
    if (m < 0 || !c->mentions.a[m].pronoun) return m;
    int first = -1, compound = -1;
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *a = &c->mentions.a[k];
        if (a->pronoun || !a->code || !a->compound_head) continue;
        if (first < 0) first = (int)k;
        if (compound < 0 && a->next >= 0) compound = (int)k;
    }
    const fm_token *t = &tok[c->mentions.a[m].start];
    if ((fm_is_word(t, "THEY") || fm_is_word(t, "THEM")) && compound >= 0) return compound;
    if (first >= 0 && c->mentions.a[first].start < c->mentions.a[m].start) return first;
    return c->fwd_mention;      /* before any actor: the one forwarded from the previous text, if any */
}

static const char *mention_code(const fm_coder *c, int m) { return m >= 0 ? c->mentions.a[m].code : NULL; }

static int same_code(const fm_coder *c, int a, int b)
{
    const char *x = mention_code(c, a), *y = mention_code(c, b);
    return x && y && !strcmp(x, y);
}

/* First coded actor (compound head) in [from, to) with a code other than avoid's. */
static int first_actor(const fm_coder *c, const fm_token *tok, size_t from, size_t to, int avoid)
{
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (m->start < from || m->start >= to || !m->compound_head) continue;
        int r = tabari_pronoun(c, tok, (int)k);
        if (r < 0 || !mention_code(c, r)) continue;
        if (avoid >= 0 && same_code(c, r, avoid)) continue;
        return r;
    }
    return -1;
}

/* TABARI 7.9: WAS / WERE / BEEN one or two words before the verb and BY right after it,
 * or after one modifier ("was opposed earlier by", PASV-04). */
static int tabari_passive(const fm_token *tok, size_t n, const fm_verb_hit *h)
{
    size_t b = h->end;
    if (b + 1 < n && tok[b].kind == FM_TOK_WORD && !(tok[b].flags & FM_TOKF_CAP) && fm_is_word(&tok[b + 1], "BY")) b++;
    if (b >= n || !fm_is_word(&tok[b], "BY")) return 0;
    for (size_t d = 1; d <= 2 && d <= h->start; d++) {
        const fm_token *t = &tok[h->start - d];
        if (fm_is_word(t, "WAS") || fm_is_word(t, "WERE") || fm_is_word(t, "BEEN")) return 1;
    }
    return 0;
}

/* A DEFAULT actor (TABARI's DEFAULT: SOURCE [code] TARGET [code]) as a mention
 * without words; -1 when there is no default. */
static int implied_actor(fm_coder *c, const char *code, size_t n)
{
    if (!code || !code[0]) return -1;
    fm_mention m = { .start = n + 1, .end = n + 1, .code = code, .next = -1, .implied = 1 };
    if (fm_mention_vec_push(&c->mentions, m)) return -1;
    return (int)c->mentions.n - 1;
}

/* The head of compound m alone (a copy without its other members), or -1. */
static int compound_head_alone(fm_coder *c, int m)
{
    fm_mention one = c->mentions.a[m];
    one.next = -1;
    if (fm_mention_vec_push(&c->mentions, one)) return -1;
    return (int)c->mentions.n - 1;
}

/* One TABARI event of verb v: pattern slots first, then the default searches. */
static int tabari_event(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n, size_t v,
                        const fm_verb_match *vm, size_t lo, size_t hi, int *source)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    const fm_options *o = &c->opt;
    int src = tabari_pronoun(c, tok, vm->source), tgt = tabari_pronoun(c, tok, vm->target);
    int src_after = 0, subject = -1;
    if (src < 0) {
        src = *source >= 0 && *source < (int)c->mentions.n && c->mentions.a[*source].start < h->start
                  ? *source : first_actor(c, tok, 0, h->start, tgt);
        if (src < 0 && o->default_source && o->default_source_prior) src = implied_actor(c, o->default_source, n);
        /* with a DEFAULT source TABARI is greedy: the subject may follow the verb */
        if (src < 0 && o->default_source) { src = first_actor(c, tok, h->end, n, tgt); src_after = src >= 0; }
    }
    if (tgt < 0) {
        size_t from = src_after ? c->mentions.a[src].start + 1 : h->end;
        tgt = first_actor(c, tok, from, n, src);
        /* "Fxrnost is about to restore ties with Gondor and Bree" with a DEFAULT source:
         * the compound after the verb is split, its head the source, the rest the target */
        if (tgt < 0 && src_after && c->mentions.a[src].next >= 0) {
            int head = compound_head_alone(c, src);
            if (head >= 0) { tgt = c->mentions.a[src].next; src = head; }
        }
        if (tgt < 0 && o->default_target && o->default_target_after) tgt = implied_actor(c, o->default_target, n);
        /* before the verb: in its clause first ("and then it requested that Elrond assist") */
        if (tgt < 0) tgt = first_actor(c, tok, lo, h->start, src);
        /* a gapped actor of an earlier clause whose last word is in this one (DEBUG-01) */
        for (size_t k = 0; tgt < 0 && k < c->mentions.n; k++) {
            const fm_mention *m = &c->mentions.a[k];
            if (m->reach > lo && m->reach <= h->start && m->start < lo && m->code && !same_code(c, (int)k, src))
                tgt = (int)k;
        }
        /* "Gondor and Osgiliath have postponed (% HAVE POSTPONED *)": a compound a pattern
         * names acts on itself both ways; one found by the search is split, its head
         * the source of the rest ("Bree and Arnor are about to restore ties") */
        if (tgt < 0 && src >= 0 && c->mentions.a[src].next >= 0) {
            int head = vm->source >= 0 || !o->default_target ? -1 : compound_head_alone(c, src);
            if (head >= 0) { tgt = c->mentions.a[src].next; src = head; }
            else tgt = src;
        }
        if (tgt < 0) tgt = implied_actor(c, o->default_target, n);
        if (vm->source < 0 && vm->target < 0 && tabari_passive(tok, n, h)) { int t = src; src = tgt; tgt = t; subject = t; }
    }
    if (src < 0) src = implied_actor(c, o->default_source, n);
    if (src < 0) return 0;
    /* "Eriador was opposed by Osgiliath ... by its resumption of ties": the subject
     * of a passive, not its agent, stays the source of the clauses after it */
    *source = subject >= 0 ? subject : src;
    /* "Eriador has been received by courier money from Osgiliath (+ * MONEY $)": a source a
     * pattern finds after the verb is no subject; the target before it stays one (CODEBY-11) */
    if (subject < 0 && vm->source >= 0 && tgt >= 0 && !c->mentions.a[src].implied && !c->mentions.a[tgt].implied &&
        c->mentions.a[src].start > h->start && c->mentions.a[tgt].start < h->start)
        *source = tgt;
    const char *rule = vm->pattern ? vm->rule : fm_arena_printf(&c->arena, "%s [%s]", vm->rule ? vm->rule : "", vm->code);
    int prio = vm->dominant ? FM_PRIORITY_DOMINANT : vm->subordinate ? FM_PRIORITY_SUBORDINATE : FM_PRIORITY_NORMAL;
    if (vm->code[0]) add_events(c, doc, si, tok, vm->code, src, tgt, h, rule, lo, hi, prio);
    if (vm->code2[0] && tgt >= 0) add_events(c, doc, si, tok, vm->code2, tgt, src, h, rule, lo, hi, prio);
    return 1;
}


/* Codes the first coded verb of clause [lo, hi) (every one with CODE ALL);
 * *source carries the source across clauses. Returns 1 if the clause gave
 * an event, -1 if the sentence must be dropped (discard or complex code). */
static int code_clause_tabari(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                              size_t lo, size_t hi, int *source)
{
    /* an actor right after the conjunction starts a new subject */
    if (lo > 0) {
        int m = fm_mention_at(c, lo, hi, 0, tok);
        if (m >= 0) *source = mention_code(c, tabari_pronoun(c, tok, m)) ? tabari_pronoun(c, tok, m) : -1;
    }
    int have_sub = 0, coded = 0;
    fm_verb_match sub;
    size_t sub_v = 0;
    for (size_t v = 0; v < c->verbs.n; v++) {
        fm_verb_hit *h = &c->verbs.a[v];
        if (h->start < lo || h->start >= hi) continue;
        fm_verb_match vm;
        if (!fm_verb_match_code(c, tok, n, v, lo, hi, &vm)) continue;
        if (vm.discard || vm.complex) return -1;
        /* CODE ALL reads one clause, but "... but Dagolath promised" still starts a new
         * subject: an actor right after a clause conjunction before this verb (CODEBY-03) */
        if (c->opt.code_by == FM_CODE_ALL)
            for (size_t k = v > 0 ? c->verbs.a[v - 1].end : lo; k + 1 < h->start; k++) {
                if (!is_conjunction(&tok[k]) || comma_in_compound(c, k)) continue;
                int m = fm_mention_at(c, k + 1, h->start, 0, tok);
                if (m >= 0 && mention_code(c, tabari_pronoun(c, tok, m))) *source = tabari_pronoun(c, tok, m);
            }
        if (vm.subordinate) {               /* kept only if the clause has nothing else */
            if (!have_sub) { sub = vm; sub_v = v; have_sub = 1; }
            continue;
        }
        int r = tabari_event(c, doc, si, tok, n, v, &vm, lo, hi, source);
        if (c->opt.code_by != FM_CODE_ALL) return r;
        coded |= r;
    }
    if (coded) return 1;
    if (have_sub) return tabari_event(c, doc, si, tok, n, sub_v, &sub, lo, hi, source);
    if (*source < 0) *source = first_actor(c, tok, lo, hi, -1);
    return 0;
}

/* TABARI's FORWARD (manual 8.4): a pronoun before any actor of a text's first
 * sentence stands for the first actor of the previous text, its actor code
 * without the agent ("Fornost President ..." then "He has also asked" -> FOR). */
static void forward_actors(fm_coder *c, size_t si, size_t n)
{
    c->fwd_mention = -1;
    if (si == 0 && c->opt.forward && c->fwd_prev[0]) {
        char *code = fm_arena_strndup(&c->arena, c->fwd_prev, strlen(c->fwd_prev));
        c->fwd_mention = code ? implied_actor(c, code, n) : -1;
    }
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (m->pronoun || m->implied || !m->code) continue;
        snprintf(c->fwd_next, sizeof c->fwd_next, "%s", m->country ? m->country : m->code);
        break;
    }
}

/* TABARI's COMPLEX filter (manual 8.7): 1 if the sentence has too many verbs,
 * conjunctions (not those of a compound) or actors, or no actor before its
 * first verb, for the limits in effect. */
static int too_complex(const fm_coder *c, const fm_token *tok, size_t n)
{
    const fm_options *o = &c->opt;
    size_t verbs = 0, conj = 0, actors = 0, first_verb = n;
    for (size_t v = 0; v < c->verbs.n; v++) {
        const fm_verb_form *f = c->verbs.a[v].form;
        if (!f) continue;
        verbs++;
        /* "On accord Gondor repelled": a null-coded verb is no first verb */
        const char *code = f->code[0] ? f->code : c->lx->verb_entries.a[f->verb].code;
        if (first_verb == n && code[0] && !fm_code_is(code, '-')) first_verb = c->verbs.a[v].start;
    }
    for (size_t k = 0; k < n; k++) conj += is_conjunction(&tok[k]) && !comma_in_compound(c, k);
    int prior = 0;
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (!m->code || m->implied) continue;
        actors++;
        prior |= m->start < first_verb;
    }
    return (o->complex_verbs > 0 && verbs >= (size_t)o->complex_verbs) ||
           (o->complex_conj > 0 && conj >= (size_t)o->complex_conj) ||
           (o->complex_actors > 0 && actors >= (size_t)o->complex_actors) ||
           (o->complex_noactprior && verbs && !prior);
}

static void code_sentence_tabari(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n)
{
    c->sentence_now = si;
    tabari_mentions(c, doc, tok, n);
    forward_actors(c, si, n);
    fm_find_verbs(c, tok, n);
    size_t first_event = c->events.n;
    int source = -1, rejected = special_actor(c) || too_complex(c, tok, n);
    size_t lo = 0;
    int all = c->opt.code_by == FM_CODE_ALL, by_sentence = c->opt.code_by == FM_CODE_BY_SENTENCE;
    for (size_t k = 0; k <= n && !rejected; k++) {
        /* CODE ALL reads the sentence as one clause */
        if (k < n && (all || !clause_break(c, tok, n, k))) continue;
        int r = code_clause_tabari(c, doc, si, tok, n, lo, k, &source);
        if (r < 0) rejected = 1;
        if (r > 0 && by_sentence) break;
        lo = k + 1;
    }
    if (rejected) c->events.n = c->evtok.n = first_event;
    keep_by_priority(c, first_event);
    fm_context_sentence(c, doc, si, tok, n, first_event, NULL, 0);
}

/* TABARI's MINIMUM WORDS: words and numbers count, and so does a comma. */
static size_t sentence_words(const fm_token *tok, size_t n)
{
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        w += tok[k].kind == FM_TOK_WORD || tok[k].kind == FM_TOK_NUMBER || is_comma(&tok[k]);
    return w;
}

static int discarded(const fm_coder *c, size_t n)
{
    if (c->lx->discards.n_nodes <= 1) return 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t v;
        if (fm_trie_longest(&c->lx->discards, c->ids, n, i, &v)) return 1;
    }
    return 0;
}

/* PETRARCH's issue coding: the issues a sentence's words name (longest
 * phrases first, an exclusion covering its words), each once, in text order.
 * Every event of the sentence carries them. */
#define FM_MAX_ISSUES 8
static void set_issues(fm_coder *c, size_t n, size_t first_event)
{
    const fm_lexicon *lx = c->lx;
    const char *found[FM_MAX_ISSUES];
    int k = 0;
    for (size_t i = 0; i < n && k < FM_MAX_ISSUES;) {
        uint32_t v;
        size_t len = fm_trie_longest(&lx->issues, c->ids, n, i, &v);
        if (!len || v == 0 || v > lx->issue_entries.n) { i++; continue; }
        const char *code = lx->issue_entries.a[v - 1].code;
        int seen = !code;
        for (int j = 0; j < k && !seen; j++) seen = !strcmp(found[j], code);
        if (!seen) found[k++] = code;
        i += len;
    }
    if (!k) return;
    const char **list = fm_arena_alloc(&c->arena, (size_t)k * sizeof *list);
    if (!list) return;
    memcpy(list, found, (size_t)k * sizeof *list);
    for (size_t e = first_event; e < c->events.n; e++) {
        c->events.a[e].issues = list;
        c->events.a[e].n_issues = k;
    }
}

static void set_doc_date(fm_coder *c, const fm_doc *doc)
{
    int y, m, d;
    const char *date = doc->date ? doc->date : c->opt.default_date;
    c->date_known = date && fm_date_parse(date, &y, &m, &d) == 0;
    if (!c->date_known) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        y = tm.tm_year + 1900; m = tm.tm_mon + 1; d = tm.tm_mday;
    }
    c->doc_y = y; c->doc_m = m; c->doc_d = d;
    c->doc_date = y * 10000 + m * 100 + d;
}

int fm_coder_code(fm_coder *c, const fm_doc *doc, const fm_event **events, size_t *n_events)
{
    *events = NULL;
    *n_events = 0;
    fm_arena_reset(&c->arena);
    c->events.n = c->evtok.n = 0;
    memset(&c->memory, 0, sizeof c->memory);
    if (doc->len > c->opt.max_doc_bytes) {
        report(c, doc, "document larger than the size limit: skipped");
        return -1;
    }
    set_doc_date(c, doc);
    c->sentences.n = c->doc_tokens.n = c->sentence_tokens.n = 0;
    if (fm_sentence_split_tokens(doc->text, doc->len, &c->arena, &c->doc_tokens, &c->sentences, &c->sentence_tokens,
                                 c->wclass_memo)) {
        report(c, doc, "out of memory");
        return -1;
    }
    fm_context_begin_doc(c, doc);
    memcpy(c->fwd_prev, c->fwd_next, sizeof c->fwd_prev);
    c->fwd_next[0] = 0;
    c->fwd_mention = -1;
    for (size_t si = 0; si < c->sentences.n; si++) {
        /* a copy: the TABARI comma rule compacts a sentence's tokens in place */
        const fm_span *r = &c->sentence_tokens.a[si];
        c->tokens.n = 0;
        if (fm_token_vec_reserve(&c->tokens, r->end - r->start)) { report(c, doc, "out of memory"); return -1; }
        memcpy(c->tokens.a, c->doc_tokens.a + r->start, (r->end - r->start) * sizeof *c->tokens.a);
        c->tokens.n = r->end - r->start;
        size_t n = c->tokens.n;
        if (n > FM_SENTENCE_MAX_TOKENS) n = FM_SENTENCE_MAX_TOKENS;
        if (n > c->ids_cap) {
            fm_tok_ids *p = realloc(c->ids, n * sizeof *p);
            if (p) c->ids = p;
            fm_word_marks *mk = realloc(c->marks, n * sizeof *mk);
            if (mk) c->marks = mk;
            if (!p || !mk) { report(c, doc, "out of memory"); return -1; }
            c->ids_cap = n;
        }
        for (size_t i = 0; i < n; i++) fm_tok_ids_memo(c->lx, c->tok_memo, &c->tokens.a[i], &c->ids[i]);
        fm_wordlists_mark(&c->wordlists, c->tokens.a, c->ids, n, c->marks);
        if (discarded(c, n)) continue;
        if (c->opt.minimum_words > 0 && sentence_words(c->tokens.a, n) < (size_t)c->opt.minimum_words) continue;
        size_t first_event = c->events.n, all_n = n;
        if (c->lx->tabari_verbs) {
            n = drop_comma_clauses(c, doc, c->tokens.a, n);
            code_sentence_tabari(c, doc, si, c->tokens.a, n);
        } else {
            code_sentence(c, doc, si, c->tokens.a, n);
        }
        if (c->events.n > first_event && c->lx->issues.n_nodes > 1) set_issues(c, all_n, first_event);
    }
    fm_context_end_doc(c, doc);
    if (c->arena.failed) { report(c, doc, "out of memory while coding: skipped"); return -1; }
    *events = c->events.a;
    *n_events = c->events.n;
    return 0;
}
