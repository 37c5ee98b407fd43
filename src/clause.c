/* clause.c — shallow syntax without a parser: actor noun phrases (actor +
 * agent, compounds, pronouns), verbs (nouns told apart by determiners and
 * capitals, passive voice), the subject and the object of a verb's clause. */
#include "coder.h"
#include "quantities.h"
#include "verb_match.h"
#include <stdint.h>
#include <string.h>

/* The word lists of the rules below, one bit each of a token's clause marks
 * (fm_clause_words at the end of this file names the arrays). */
enum {
    W_AUX, W_BE, W_ADVERB_GAP, W_DETERMINER, W_ARTICLE, W_PREPOSITION, W_NOUN_PREPOSITION, W_POSSESSIVE,
    W_PERSON_PRONOUN, W_GROUP_PRONOUN, W_GROUP_NOUN, W_SUBORDINATOR, W_ADVERBIAL_SUBORDINATOR,
    W_PARTICIPLE_PREPOSITION, W_HEDGE_PARTICIPLE, W_COME, W_BARE_PARTICIPLE, W_INSTITUTION_WORD,
    W_RELATION_NOUN, W_TITLE, W_COUNT_WORD, W_AMOUNT, W_WEAPON, W_PLACE_BEFORE_OF, W_ATTACK_NOUN, W_LOCATIVE,
    W_ING_HEAD, W_INTENT_NOUN, W_LISTS
};

/* t (a word or possessive token of the sentence being coded, c->tokens) is
 * in list: a bit of the marks the coder gave each token, not a scan */
static inline int in_list(const fm_coder *c, const fm_token *t, int list)
{
    return (int)(c->marks[t - c->tokens.a].in[FM_WL_CLAUSE] >> list & 1);
}

static const char *const AUX[] = { "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE",
    "HAD", "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "SHALL", "SHOULD", "MUST", "DO", "DOES", "DID",
    "GET", "GOT", "GETS", "'S", "'RE", "'VE", "'LL", "'D", NULL };
static const char *const BE[] = { "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "GET", "GOT", "GETS",
    "GOTTEN", "'S", "'RE", NULL };
static const char *const ADVERB_GAP[] = { "NOT", "N'T", "NEVER", "ALSO", "REPORTEDLY", "ALLEGEDLY", "THEN",
    "LATER", "ALREADY", "STILL", "RECENTLY", "REPEATEDLY", "FIRST", "JUST", "AGAIN", "PURPORTEDLY",
    "APPARENTLY", "SUBSEQUENTLY", "SUCCESSFULLY", "JOINTLY", "FORMALLY", "OFFICIALLY", "SIMULTANEOUSLY",
    "ALMOST", "NEARLY", "ONLY", "EVEN", "SOON", "EARLIER", "BRIEFLY", "FURTHER", "ONCE", NULL };
static const char *const DETERMINER[] = { "THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR",
    "THIS", "THESE", "THOSE", "EVERY", "EACH", "NO", "ANY", "'S", "SUCH", "ANOTHER", NULL };
/* TABARI's determiners: only an article makes a noun there ("recently raised its voice for"
 * codes VOICE) */
static const char *const ARTICLE[] = { "THE", "A", "AN", NULL };
static const char *const PREPOSITION[] = { "IN", "ON", "AT", "FROM", "NEAR", "INTO", "ACROSS", "AGAINST",
    "TOWARD", "TOWARDS", "OVER", "INSIDE", "OUTSIDE", "ALONG", "AROUND", "THROUGH", "UNDER", "WITHIN", NULL };
static const char *const NOUN_PREPOSITION[] = { "OF", "IN", "ON", "AT", "FROM", "WITH", "FOR", "AGAINST",
    "DURING", "AFTER", "BEFORE", "AMID", "DESPITE", NULL };
static const char *const POSSESSIVE[] = { "ITS", "THEIR", "HIS", "HER", NULL };
static const char *const PERSON_PRONOUN[] = { "HE", "SHE", "HIM", "HER", NULL };
static const char *const GROUP_PRONOUN[] = { "THEY", "THEM", "IT", "WE", NULL };
static const char *const GROUP_NOUN[] = { "GROUP", "FACTION", "MOVEMENT", "ORGANIZATION", "ORGANISATION",
    "MILITIA", "ALLIANCE", "COALITION", "GOVERNMENT", "MINISTRY", "ARMY", "COUNTRY", "KINGDOM", "REPUBLIC",
    NULL };

static const char *const SUBORDINATOR[] = { "THAT", "WHO", "WHOM", "WHICH", "AS", "WHILE", "WHEN", "WHERE",
    "IF", "BECAUSE", "SINCE", "UNTIL", "AFTER", "BEFORE", "ALTHOUGH", "THOUGH", "WHEREAS", NULL };

static const char *const ADVERBIAL_SUBORDINATOR[] = { "AS", "WHILE", "WHEN", "WHENEVER", "IF", "BECAUSE",
    "SINCE", "UNTIL", "ALTHOUGH", "THOUGH", "WHEREAS", "ONCE", "UNLESS", NULL };

static const char *const PARTICIPLE_PREPOSITION[] = { "AFTER", "BEFORE", "WHILE", "WHEN", "SINCE", "UPON",
    "WITHOUT", "DESPITE", "BY", NULL };

/* "are confirmed killed", "were reported wounded": a participle that hedges the passive after it */
static const char *const HEDGE_PARTICIPLE[] = { "CONFIRMED", "REPORTED", "BELIEVED", "FEARED", "PRESUMED",
    "THOUGHT", NULL };
static const char *const COME[] = { "COME", "CAME", "COMES", "COMING", NULL };

/* Past participles without -ED that head a phrase like "a hospital run by MSF". */
static const char *const BARE_PARTICIPLE[] = { "RUN", "HELD", "LED", "BUILT", "KEPT", "MADE", "TAKEN", "SET",
    "FOUGHT", "CHOSEN", "DRIVEN", "GIVEN", "SEEN", "SENT", "BROUGHT", "LEFT", "SHOT", "HIT", "LAID", "PAID", NULL };

static int ends_with(const fm_token *t, const char *suffix);

static int punct_between(const fm_token *tok, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) if (tok[k].kind == FM_TOK_PUNCT) return 1;
    return 0;
}
static int ly_adverb(const fm_token *t);
static int mention_ending_at(const fm_coder *c, size_t i);
static int place_list_start(const fm_coder *c, const fm_token *tok, int m, size_t *list_start);
static int reduced_relative(const fm_coder *c, const fm_token *tok, int v, const fm_verb_hit *h);
static int relative_verb(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h);
static size_t noun_relative_word(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h);
static int object_follows(const fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h);
static int plural_after_of(const fm_coder *c, const fm_token *tok, int v);

/* for callers with a bare token: the scan */
int fm_is_aux(const fm_token *t)
{
    return (t->kind == FM_TOK_WORD || t->kind == FM_TOK_POSS) && fm_wordlist_has(AUX, t->norm);
}

/* TABARI 5.4.1, a CAMEO rule: "former" right before the actor or the agent
 * of an actor-agent pair makes the agent an elite ("former Gondor prosecutors"
 * is GONELI). */
static const fm_agent_entry ELITE = { "ELI", 0 };

/* Compose an actor code with an agent: IRQ + MIL = IRQMIL (TABARI convention). */
static const char *compose(fm_coder *c, const char *actor, const fm_agent_entry *ag)
{
    if (!actor) return ag->code;
    if (!ag) return actor;
    size_t al = strlen(actor);
    if (al > 3 && strstr(actor + 3, ag->code)) return actor;
    if (ag->prefix && !strncmp(actor, ag->code, strlen(ag->code))) return actor;   /* NGM + [NGM~] */
    if (ag->prefix) return fm_arena_printf(&c->arena, "%s%s", ag->code, actor);
    return fm_arena_printf(&c->arena, "%s%s", actor, ag->code);
}

static const char *country_of(const fm_coder *c, const char *code)
{
    if (!code || !fm_lexicon_is_country(c->lx, code)) return NULL;
    return fm_arena_strndup((fm_arena *)&c->arena, code, 3);
}

/* Agent phrase at i; returns its length and the entry. */
static size_t agent_at(const fm_coder *c, size_t n, size_t i, const fm_agent_entry **ag)
{
    uint32_t v;
    size_t len = fm_trie_longest(&c->lx->agents, c->ids, n, i, &v);
    *ag = len ? &c->lx->agent_entries.a[v - 1] : NULL;
    return len;
}

static int gap_word_at(const fm_coder *c, const fm_gap_word *w, size_t i)
{
    const fm_tok_ids *ids = &c->ids[i];
    if (ids->exact == w->id) return 1;
    if (w->stem) for (int k = 0; k < ids->n_pre; k++) if (ids->pre[k] == w->id) return 1;
    return 0;
}

/* The end of the words w[0, nw) written from token i on, or 0. An
 * underscore in the text ("Dol_Amroth") joins words as a blank does. */
static size_t gap_part_end(const fm_coder *c, const fm_gap_word *w, uint32_t nw, size_t i, size_t n)
{
    for (uint32_t k = 0; k < nw; k++, i++) {
        if (k && i + 1 < n && c->tokens_now && !strcmp(c->tokens_now[i].norm, "_")) i++;
        if (i >= n || !gap_word_at(c, &w[k], i)) return 0;
    }
    return i;
}

/* Tokens of the first part of a gapped actor phrase at i whose later parts
 * follow in order before n (value: entry + 1), or 0. The first such phrase
 * of the file wins. */
static size_t gapped_at(const fm_coder *c, size_t n, size_t i, uint32_t *value, size_t *reach)
{
    const fm_lexicon *lx = c->lx;
    for (size_t g = 0; g < lx->gapped.n; g++) {
        const fm_gap_word *w = &lx->gap_words.a[lx->gapped.a[g].first];
        if (!gap_word_at(c, &w[0], i)) continue;   /* the first word turns away nearly every phrase */
        uint32_t nw = lx->gapped.a[g].n, k = 0, e = 1;
        while (e < nw && !w[e].part_start) e++;
        size_t pos = gap_part_end(c, w, e, i, n);
        if (!pos) continue;
        size_t first_len = pos - i;
        for (k = e; k < nw; k = e) {         /* the next part: anywhere after pos */
            e = k + 1;
            while (e < nw && !w[e].part_start) e++;
            size_t end = 0;
            for (size_t at = pos; at < n && !end; at++) end = gap_part_end(c, w + k, e - k, at, n);
            if (!end) break;
            pos = end;
        }
        if (k < nw) continue;
        *value = lx->gapped.a[g].entry + 1;
        *reach = pos;
        return first_len;
    }
    return 0;
}

static size_t actor_at_reach(const fm_coder *c, size_t n, size_t i, const fm_actor_entry **a, const char **code,
                             size_t *reach)
{
    uint32_t v = 0, gv = 0;
    size_t len = fm_trie_longest(&c->lx->actors, c->ids, n, i, &v), gend = 0;
    /* gapped phrases are few; look at them only where one's first word is written */
    uint32_t first;
    size_t glen = c->lx->gapped.n && fm_trie_longest(&c->lx->gapped_first, c->ids, n, i, &first)
                      ? gapped_at(c, n, i, &gv, &gend) : 0;
    *reach = 0;
    /* "the Prince of Dol_Amroth" (PRINCE DOL_AMROTH) over "Prince" alone; the whole
     * phrase written without a gap is the trie's longer match */
    if (glen && glen >= len && gv != v) { len = glen; v = gv; *reach = gend; }
    if (!len) return 0;
    /* "us", "un", "chad"-like words: a short one-word actor must be capitalised */
    if (len == 1 && c->tokens_now && !(c->tokens_now[i].flags & FM_TOKF_CAP) && c->tokens_now[i].norm_len <= 4)
        return 0;
    *a = &c->lx->actor_entries.a[v - 1];
    *code = fm_actor_code_on(*a, c->doc_date);
    if (*code && fm_code_is(*code, '-')) *code = NULL;
    return len;
}

static size_t actor_at(const fm_coder *c, size_t n, size_t i, const fm_actor_entry **a, const char **code)
{
    size_t reach;
    return actor_at_reach(c, n, i, a, code, &reach);
}

/* The start bits of the actor, gapped actor and agent tries: a token with
 * none of them starts no such phrase (most tokens), and is spared the
 * look-ups. 0 when a trie has no start bit (none is without one): then
 * every token is looked at. */
static unsigned mention_start_bits(const fm_lexicon *lx)
{
    if (!lx->actors.start_bit || !lx->agents.start_bit || (lx->gapped.n && !lx->gapped_first.start_bit)) return 0;
    return lx->actors.start_bit | lx->agents.start_bit | (lx->gapped.n ? lx->gapped_first.start_bit : 0u);
}

static void push_one(fm_coder *c, size_t start, size_t end, const char *code, const char *name, int agent_only)
{
    fm_mention m = { .start = start, .end = end, .code = code, .name = name, .next = -1,
                     .agent_only = agent_only };
    m.country = country_of(c, code);
    fm_mention_vec_push(&c->mentions, m);
}

/* A coded compound actor ("NORTH_AND_SOUTH_KOREA [KON/KOS]") is one mention
 * per code over the same words, chained like a parsed compound. */
static void push_mention(fm_coder *c, size_t start, size_t end, const char *code, const char *name, int agent_only)
{
    const char *slash = code ? strchr(code, '/') : NULL;
    if (!slash) { push_one(c, start, end, code, name, agent_only); return; }
    const char *p = code;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l) {
            if (p != code && c->mentions.n) c->mentions.a[c->mentions.n - 1].next = (int)c->mentions.n;
            push_one(c, start, end, fm_arena_strndup(&c->arena, p, l), name, agent_only);
        }
        if (!e) break;
        p = e + 1;
    }
}

static const char *const INSTITUTION_WORD[] = { "UNION", "NATIONS", "COUNCIL", "ORGANIZATION", "ORGANISATION",
    "PARTY", "FRONT", "ARMY", "FORCES", "FORCE", "MINISTRY", "GOVERNMENT", "COMMITTEE", "AGENCY", "BANK", "FUND",
    "COURT", "ASSOCIATION", "BRIGADES", "MOVEMENT", "LEAGUE", "COMMISSION", "STATES", "REPUBLIC", "KINGDOM",
    "GROUP", "CORPS", "GUARD", "GUARDS", "POLICE", "SERVICE", "OFFICE", "PARLIAMENT", "ASSEMBLY", "CONGRESS",
    "SENATE", "INSTITUTE", "AUTHORITY", "COMMUNITY", "ALLIANCE", "CROSS", "CRESCENT", "NETWORK", "NEWS", "TIMES",
    "COMPANY", "CORPORATION", "UNIVERSITY", "HOSPITAL", "EMIRATES", "ISLANDS", "COAST", "STRIP", "BANK",
    /* armed groups by name ("Islamic Jihad said it fired", "Kataib Hezbollah said it launched"): "it" */
    "STATE", "ISLAMIC", "JIHAD", "RESISTANCE", "BRIGADE", "BATTALION", "BATTALIONS", "MILITIA", "MILITIAS",
    "HEZBOLLAH", "HIZBOLLAH", "KATAIB", "COALITION", "LIBERATION", "MUJAHIDEEN", "TALIBAN", "QAEDA", "SHABAAB",
    "ANSAR", "JAMAAT", "JAISH", "TAHRIR", "CARTEL", "CLAN", "GANG", "COMMAND", "UNITS", "DIVISION", NULL };

/* Words of the actor phrase tok[s, e) when it may be a personal name (0 when
 * it names an institution: "European Union", "Red Cross"). */
static int name_words(const fm_coder *c, const fm_token *tok, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++) if (in_list(c, &tok[k], W_INSTITUTION_WORD)) return 0;
    return (int)(e - s);
}

/* tok[comma] is the first comma of a sentence that opens with a subordinator
 * ("As", "When", "After"), then an actor and a verb of the lexicon. */
static int opening_clause_comma(const fm_coder *c, const fm_token *tok, size_t comma)
{
    if (comma < 2 || !(in_list(c, &tok[0], W_ADVERBIAL_SUBORDINATOR) || fm_is_word(&tok[0], "AFTER") ||
                       fm_is_word(&tok[0], "BEFORE")))
        return 0;
    size_t verb = 0;
    for (size_t k = 1; k < comma; k++) {
        if (tok[k].kind == FM_TOK_PUNCT && !strcmp(tok[k].norm, ",")) return 0;
        uint32_t v;
        if (!verb && fm_trie_longest(&c->lx->verbs, c->ids, comma, k, &v)) verb = k;
    }
    /* with its own subject before the verb ("After Israel struck Gaza,"; not "After
     * repelling an ambush,", whose participle is the main clause's act) */
    for (size_t m = 0; verb && m < c->mentions.n; m++)
        if (c->mentions.a[m].start >= 1 && c->mentions.a[m].end <= verb) return 1;
    return 0;
}

/* "In Kyiv, police arrested", "Amid protests in Hong Kong, police fired": the comma at comma
 * closes a phrase a preposition opens the sentence with, when the actor after it is
 * followed by its verb (an auxiliary or a verb the lexicon knows); "In Iran, Iraq and
 * Syria," stays a list */
static int opening_phrase_comma(const fm_coder *c, const fm_token *tok, size_t n, size_t comma, const fm_mention *m2)
{
    if (comma < 2 || !(in_list(c, &tok[0], W_PREPOSITION) || in_list(c, &tok[0], W_NOUN_PREPOSITION)) ||
        m2->end >= n)
        return 0;
    for (size_t k = 1; k < comma; k++)
        if (tok[k].kind == FM_TOK_PUNCT) return 0;
    uint32_t v;
    return in_list(c, &tok[m2->end], W_AUX) || fm_trie_longest(&c->lx->verbs, c->ids, n, m2->end, &v) > 0;
}

/* "Neither Galadriel nor Gollum", "Arnor and the evil awful Gondor",
 * "Russia and its ally Belarus": a conjunction, then determiners and up to
 * two lower-case modifiers (no verb, adverb or preposition) before the next
 * actor in [from, to). */
static int modified_member(const fm_coder *c, const fm_token *tok, size_t from, size_t to)
{
    size_t p = from;
    if (p < to && tok[p].kind == FM_TOK_PUNCT && !strcmp(tok[p].norm, ",")) p++;
    if (p >= to || !(fm_is_word(&tok[p], "AND") || fm_is_word(&tok[p], "NOR"))) return 0;
    p++;
    if (p == to) return 1;   /* "X nor Y", ", and" handled above */
    size_t modifiers = 0;
    for (; p < to; p++) {
        const fm_token *t = &tok[p];
        if (in_list(c, t, W_DETERMINER)) continue;
        /* "other pro-federal forces": a hyphenated modifier is one */
        if (t->kind == FM_TOK_DASH && p > from && p + 1 < to && (tok[p + 1].flags & FM_TOKF_HYPHEN)) continue;
        uint32_t v;
        if (t->kind != FM_TOK_WORD || (t->flags & FM_TOKF_CAP) || in_list(c, t, W_AUX) || in_list(c, t, W_ADVERB_GAP) ||
            in_list(c, t, W_PREPOSITION) || in_list(c, t, W_NOUN_PREPOSITION) || fm_is_word(t, "AND") || fm_is_word(t, "THAT") ||
            fm_trie_longest(&c->lx->verbs, c->ids, to, p, &v) || (!(t->flags & FM_TOKF_HYPHEN) && ++modifiers > 2))
            return 0;
    }
    return 1;
}

static void drop_mention(fm_coder *c, size_t k)
{
    memmove(&c->mentions.a[k], &c->mentions.a[k + 1], (c->mentions.n - k - 1) * sizeof c->mentions.a[0]);
    c->mentions.n--;
    for (size_t j = 0; j < c->mentions.n; j++)
        if (c->mentions.a[j].next > (int)k) c->mentions.a[j].next--;
}

/* A bare agent m belongs to the state actor o: "its jets" of the Israeli military are ISRMIL */
static void take_state(fm_coder *c, fm_mention *m, const fm_mention *o)
{
    m->code = strstr(o->code + 3, m->code) ? o->code : fm_arena_printf(&c->arena, "%s%s", o->country, m->code);
    m->country = o->country;
    m->agent_only = 0;
}

/* Two mentions with no word between them name one actor: an agent written
 * before its actor ("MSF Arnor" -> NGOARN, "an MSF Arnor diplomat") takes the
 * actor's code, and a title before a name ("Bree President Romendacil",
 * "Iraqi Prime Minister Nouri al-Maliki") keeps the title's code, which says
 * more than the person's country, unless the person's code extends it. */
static void join_adjacent(fm_coder *c, const fm_token *tok)
{
    for (size_t k = 0; k + 1 < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k], *m2 = &c->mentions.a[k + 1];
        if (m->end != m2->start || m->pronoun || m2->pronoun || m->next >= 0 || m2->next >= 0 || !m->code ||
            !m2->code || m2->agent_only || m->owned)
            continue;
        if (tok[m2->start].kind != FM_TOK_WORD) continue;
        if (m->agent_only) {
            const fm_agent_entry ag = { m->code, m->agent_prefix };
            m->code = compose(c, m2->code, &ag);
            m->country = m2->country;
            m->name = m2->name;
            m->actor_words = m2->actor_words;
            m->agent_only = 0;
        } else if (strlen(m->code) > 3 && m->country && m2->country && !strncmp(m->code, m2->code, 3)) {
            if (strlen(m2->code) > strlen(m->code) && !strncmp(m2->code, m->code, strlen(m->code)))
                m->code = m2->code;
            m->name = m2->name;
            m->actor_words = m2->actor_words;
        } else {
            continue;
        }
        m->end = m2->end;
        drop_mention(c, k + 1);
        k--;   /* the joined mention may join the next one too */
    }
}

/* A country or one of its state bodies ("IRQ", "ISRMIL", "USAGOV"), not a
 * rebel, militia or civilian group of a country ("PAKREB"): only a state has
 * "the army" or "its jets". */
int fm_state_actor(const char *code)
{
    static const char *const NON_STATE[] = { "REB", "UAF", "OPP", "CRM", "INS", "SEP", "CVL", "REF", "MED", "BUS",
        "NGO", "EDU", "HLH", "LAB", "REL", "PTY", "IMG", NULL };
    /* the first byte before the call: every mention of a country asks this */
    for (size_t p = 3, len = strlen(code); p + 3 <= len; p += 3)
        for (const char *const *w = NON_STATE; *w; w++)
            if (code[p] == (*w)[0] && !strncmp(code + p, *w, 3)) return 0;
    return 1;
}

/* "expand military cooperation", "security talks": a lone agent word (no
 * actor, not a plural) before a noun of a relation between parties modifies
 * that noun; it names nobody. ("a police station", "army positions" may be
 * targets and stay.) */
static const char *const RELATION_NOUN[] = { "COOPERATION", "TIES", "RELATIONS", "AID", "ASSISTANCE", "EXERCISES",
    "DRILLS", "SUPPORT", "TALKS", "AGREEMENT", "AGREEMENTS", "PACT", "DEAL", "DEALS", "COORDINATION",
    "PARTNERSHIP", "SPENDING", "BUDGET", "DIALOGUE", "CONTACTS", "LINKS", "ALLIANCE", "TRAINING", "EXCHANGES",
    "CAPABILITIES", "DOCTRINE", "REFORM", "REFORMS", "SECTOR",
    /* "begins a military operation": the act itself, not a party to it */
    "OPERATION", "OPERATIONS", "OFFENSIVE", "CAMPAIGN", "INTERVENTION", "PRESENCE", "ACTION", "ACTIONS", NULL };
static int agent_modifier(const fm_coder *c, const fm_token *tok, size_t n, const fm_mention *m)
{
    if (!m->agent_only || m->pronoun || m->owned || m->end - m->start != 1 || m->end >= n) return 0;
    const fm_token *a = &tok[m->start], *t = &tok[m->end];
    if ((a->flags & FM_TOKF_CAP) || ends_with(a, "S")) return 0;
    return t->kind == FM_TOK_WORD && !(t->flags & FM_TOKF_CAP) && in_list(c, t, W_RELATION_NOUN);
}

/* "Hizbollah (Party of God) group", "the Islamic Salvation Front (FIS)": a parenthesis
 * right after an actor glosses it; a mention inside names nobody else. */
static void drop_glosses(fm_coder *c, const fm_token *tok, size_t n)
{
    for (size_t k = 1; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        size_t s = m->start;
        if (s < 2 || tok[s - 1].kind != FM_TOK_OPEN || mention_ending_at(c, s - 2) < 0) continue;
        size_t e = m->end;
        while (e < n && e < m->end + 4 && tok[e].kind == FM_TOK_WORD) e++;
        if (e < n && tok[e].kind == FM_TOK_CLOSE) { drop_mention(c, k); k--; }
    }
    /* "A Rapid Support Forces (RSF) drone strike": the agent after the gloss is the actor's */
    for (size_t k = 0; k + 1 < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k];
        const fm_mention *ag = &c->mentions.a[k + 1];
        size_t e = m->end;
        if (m->pronoun || m->agent_only || !m->code || m->next >= 0 || !ag->agent_only || !ag->code ||
            e >= n || tok[e].kind != FM_TOK_OPEN)
            continue;
        while (e < n && e < m->end + 6 && tok[e].kind != FM_TOK_CLOSE) e++;
        if (e >= n || tok[e].kind != FM_TOK_CLOSE || ag->start != e + 1) continue;
        const fm_agent_entry a = { ag->code, ag->agent_prefix };
        m->code = compose(c, m->code, &a);
        m->end = ag->end;
        drop_mention(c, k + 1);
    }
}

static const char *const TITLE[] = { "VICE", "DEPUTY", "ACTING", "INTERIM", "TRANSITIONAL", "PROVISIONAL",
    "NEW", "CHIEF", "SENIOR", "TOP", "ASSISTANT", "SPECIAL", "FIRST", "OUTGOING", "INCOMING", "CARETAKER",
    "MILITARY", "RULING", "HIGH", "SUPREME", "CONSTITUTIONAL", "FEDERAL", NULL };

/* "Taiwan's Vice Foreign Minister", "Iraq's interim government", "Nicaragua's Sandinista
 * government": words of rank or tenure between an actor and its agent, or after a
 * possessive one capitalised word that names no actor. Returns how many, or 0. */
static size_t title_modifiers(const fm_coder *c, const fm_token *tok, size_t n, size_t j, int after_poss)
{
    size_t k = j;
    while (k < n && k < j + 2 && in_list(c, &tok[k], W_TITLE)) k++;
    if (k == j && after_poss && tok[j].kind == FM_TOK_WORD && (tok[j].flags & FM_TOKF_CAP)) {
        const fm_actor_entry *a;
        const char *code;
        if (!actor_at(c, n, j, &a, &code)) k++;
    }
    return k - j;
}

/* "US-led coalition aircraft", "Vietnamese-led forces": a force led by a country is that
 * country's; returns where its agent starts (after "-led" and up to two plain words), or j
 * unchanged when no agent follows. */
static size_t led_agent(const fm_coder *c, const fm_token *tok, size_t n, size_t j)
{
    if (j + 1 >= n || !fm_is_word(&tok[j], "LED") || !(tok[j].flags & FM_TOKF_HYPHEN)) return j;
    const fm_agent_entry *ag;
    for (size_t k = j + 1; k < n && k <= j + 3; k++) {
        if (agent_at(c, n, k, &ag)) return k;
        if (tok[k].kind != FM_TOK_WORD || (tok[k].flags & FM_TOKF_CAP) || in_list(c, &tok[k], W_AUX) ||
            in_list(c, &tok[k], W_PREPOSITION) || in_list(c, &tok[k], W_NOUN_PREPOSITION) || fm_is_word(&tok[k], "AND"))
            return j;
        uint32_t v;
        if (fm_trie_longest(&c->lx->verbs, c->ids, n, k, &v)) return j;
    }
    return j;
}

/* Actor phrases, left to right, longest first: [actor] ['s] [agent...] or
 * [agent] [of actor], pronouns and definite group nouns; then compounds. */
/* "both countries", "the two sides": the two actors a compound named just before, in this
 * sentence or the two before it ("Israel and Iran ... as both countries continue to launch
 * attacks"), as a compound of their own over those words. */
static int word_in(const fm_token *t, const char *const *words);
static const char *const PAIR_NOUN[] = { "COUNTRIES", "SIDES", "NATIONS", "GOVERNMENTS", "ARMIES", "PARTIES",
    NULL };

/* Two named sides with codes of their own (of two countries, for "both countries") */
static int distinct_sides(const fm_mention *a, const fm_mention *b, int states)
{
    if (a->agent_only || b->agent_only || !strcmp(a->code, b->code)) return 0;
    return !states || (a->country && b->country && strcmp(a->country, b->country));
}

/* The tokens of a model designation at j, glued without a space and holding a digit ("F-16",
 * "Su-34", "MQ-9", "T-72"), else 0. */
static size_t model_designation(const fm_token *tok, size_t n, size_t j)
{
    if (j >= n || tok[j].kind == FM_TOK_PUNCT) return 0;
    size_t e = j + 1;
    while (e < n && e < j + 4 && tok[e].kind != FM_TOK_PUNCT &&
           (tok[e].start == tok[e - 1].end || (tok[e].flags & FM_TOKF_HYPHEN)))
        e++;
    for (size_t k = j; k < e; k++)
        if (tok[k].kind == FM_TOK_NUMBER || (tok[k].norm && strpbrk(tok[k].norm, "0123456789"))) return e - j;
    return 0;
}

static void both_sides(fm_coder *c, const fm_token *tok, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        size_t e;
        int states = fm_is_word(&tok[i + 1], "COUNTRIES") || fm_is_word(&tok[i + 2 < n ? i + 2 : i], "COUNTRIES") ||
                     fm_is_word(&tok[i + 1], "NATIONS") || fm_is_word(&tok[i + 2 < n ? i + 2 : i], "NATIONS");
        if (fm_is_word(&tok[i], "BOTH") && word_in(&tok[i + 1], PAIR_NOUN)) e = i + 2;
        else if (i + 2 < n && fm_is_word(&tok[i], "THE") && fm_is_word(&tok[i + 1], "TWO") && word_in(&tok[i + 2], PAIR_NOUN))
            e = i + 3;
        else continue;
        size_t p = 0;
        int taken = 0;
        for (; p < c->mentions.n && c->mentions.a[p].start < e; p++)
            if (c->mentions.a[p].end > i) taken = 1;
        if (taken) continue;
        fm_mention pair[2];
        int found = 0;
        for (size_t k = p; k-- > 0 && !found;) {
            const fm_mention *m = &c->mentions.a[k];
            if (m->next < 0 || m->pronoun || !m->code || m->implied) continue;
            const fm_mention *m2 = &c->mentions.a[m->next];
            if (m2->next >= 0 || m2->pronoun || !m2->code || m2->implied || m2->start == m->start) continue;
            if (!distinct_sides(m, m2, states)) continue;
            int head = 1;            /* (its first member: "A, B and C" is no pair) */
            for (size_t j = 0; j < k; j++) if (c->mentions.a[j].next == (int)k) head = 0;
            if (head) pair[0] = *m, pair[1] = *m2, found = 1;
        }
        if (!found && c->memory.have_pair && c->sentence_now - c->memory.pair_at <= 2 &&
            distinct_sides(&c->memory.last_pair[0], &c->memory.last_pair[1], states))
            pair[0] = c->memory.last_pair[0], pair[1] = c->memory.last_pair[1], found = 1;
        if (!found) continue;
        for (int j = 0; j < 2; j++) {
            pair[j].start = i, pair[j].end = e, pair[j].reach = 0, pair[j].owned = 0, pair[j].modifier = 0;
            pair[j].compound_head = j == 0;
            pair[j].next = j == 0 ? (int)p + 1 : -1;
        }
        if (fm_mention_vec_push(&c->mentions, pair[0]) || fm_mention_vec_push(&c->mentions, pair[1])) return;
        memmove(&c->mentions.a[p + 2], &c->mentions.a[p], (c->mentions.n - 2 - p) * sizeof c->mentions.a[0]);
        for (size_t k = 0; k < c->mentions.n; k++)
            if (c->mentions.a[k].next >= (int)p) c->mentions.a[k].next += 2;
        c->mentions.a[p] = pair[0];
        c->mentions.a[p + 1] = pair[1];
        i = e - 1;
    }
}

void fm_find_mentions(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n)
{
    c->mentions.n = 0;
    c->tokens_now = tok;
    const unsigned start_bits = mention_start_bits(c->lx);
    for (size_t i = 0; i < n;) {
        /* "US$590 million", "A$1 million": a currency, not the country */
        if (i + 1 < n && tok[i].kind == FM_TOK_WORD && tok[i + 1].start == tok[i].end && tok[i + 1].norm &&
            tok[i + 1].norm[0] == '$') {
            i++;
            continue;
        }
        const fm_actor_entry *a = NULL;
        const char *acode = NULL;
        const fm_agent_entry *ag = NULL;
        size_t reach = 0, la = 0, lg = 0;
        if (!start_bits || (c->ids[i].starts & start_bits)) {
            la = actor_at_reach(c, n, i, &a, &acode, &reach);
            lg = agent_at(c, n, i, &ag);
        }
        if (la && la >= lg) {
            size_t j = i + la;
            if (j < n && tok[j].kind == FM_TOK_POSS) j++;
            const fm_agent_entry *ag2 = NULL;
            /* "Arnor former security officials", "former Gondor prosecutors" */
            int former = i > 0 && fm_is_word(&tok[i - 1], "FORMER");
            if (j + 1 < n && fm_is_word(&tok[j], "FORMER") && agent_at(c, n, j + 1, &ag2)) { j++; former = 1; }
            if (!c->lx->tabari_verbs && acode) j = led_agent(c, tok, n, j);
            size_t lg2 = j < n ? agent_at(c, n, j, &ag2) : 0;
            if (!lg2 && acode && j < n && !c->lx->tabari_verbs) {
                size_t skip = title_modifiers(c, tok, n, j, j > i + la);
                if (skip && j + skip < n && (lg2 = agent_at(c, n, j + skip, &ag2))) j += skip;
                /* "Thai F-16 jets", "Russian Su-34 bombers": a model designation between them */
                skip = lg2 ? 0 : model_designation(tok, n, j);
                if (skip && j + skip < n && (lg2 = agent_at(c, n, j + skip, &ag2))) j += skip;
            }
            size_t first = c->mentions.n;
            int words = name_words(c, tok, i, i + la);
            if (lg2 && acode) {
                push_mention(c, i, j + lg2, compose(c, acode, former ? &ELITE : ag2), a->name, 0);
                i = j + lg2;
            } else {
                push_mention(c, i, i + la, acode, a->name, 0);
                i += la;
            }
            for (size_t k = first; k < c->mentions.n; k++) {
                c->mentions.a[k].actor_words = words;
                c->mentions.a[k].reach = reach;
            }
            if (!acode) c->mentions.n--;   /* a dictionary entry with no code on this date */
            continue;
        }
        if (lg) {
            size_t j = i + lg;
            /* "forces of Iraq", "the army of Sudan", "lawmakers in Fornost", "soldiers from Gondor";
             * not "withdraw its troops from Libya": a possessive's agent is its owner's */
            int owned = i > 0 && in_list(c, &tok[i - 1], W_POSSESSIVE);
            /* "a terror group based in Trinidad" */
            if (!c->lx->tabari_verbs && j + 2 < n && fm_is_word(&tok[j], "BASED") && fm_is_word(&tok[j + 1], "IN")) j++;
            if (j + 1 < n && !(owned && fm_is_word(&tok[j], "FROM")) &&
                (fm_is_word(&tok[j], "OF") || fm_is_word(&tok[j], "IN") || fm_is_word(&tok[j], "FROM"))) {
                size_t k = j + 1;
                if (k < n && fm_is_word(&tok[k], "THE")) k++;
                size_t la2 = k < n ? actor_at(c, n, k, &a, &acode) : 0;
                if (la2 && acode) {
                    size_t first = c->mentions.n;
                    int former = i > 0 && fm_is_word(&tok[i - 1], "FORMER");
                    push_mention(c, i, k + la2, compose(c, acode, former ? &ELITE : ag), a->name, 0);
                    int words = name_words(c, tok, k, k + la2);
                    for (size_t q = first; q < c->mentions.n; q++) c->mentions.a[q].actor_words = words;
                    i = k + la2;
                    continue;
                }
            }
            /* "pro-government coalition", "anti-government protesters": the agent is half of
             * an adjective, no actor */
            /* ("pro-government forces": the words after it may still be an agent) */
            /* (so is one after a count: "the 17-man Commission", "a three-man panel") */
            if (i > 0 && (tok[i].flags & FM_TOKF_HYPHEN) &&
                (fm_is_word(&tok[i - 1], "PRO") || fm_is_word(&tok[i - 1], "ANTI") || tok[i - 1].kind == FM_TOK_NUMBER ||
                 (tok[i - 1].wclass & FM_WC_NUMBER))) {
                i++;
                continue;
            }
            push_mention(c, i, j, ag->code, NULL, 1);
            c->mentions.a[c->mentions.n - 1].agent_prefix = ag->prefix;
            i = j;
            continue;
        }
        int person = in_list(c, &tok[i], W_PERSON_PRONOUN), group = in_list(c, &tok[i], W_GROUP_PRONOUN);
        if ((person || group) && !fm_is_word(&tok[i], "HER")) {
            fm_mention m = { .start = i, .end = i + 1, .next = -1, .pronoun = person ? 1 : 2 };
            fm_mention_vec_push(&c->mentions, m);
        } else if (i + 3 < n && !c->lx->tabari_verbs && fm_is_word(&tok[i], "THE") &&
                   in_list(c, &tok[i + 1], W_GROUP_NOUN) && fm_is_word(&tok[i + 2], "OF") &&
                   agent_at(c, n, i + 1, &ag) == 1 && actor_at(c, n, i + 3, &a, &acode) && acode) {
            /* "the government of Syria": the agent composes with the country after OF on the
             * next step, as "forces of Iraq" does */
            i++;
            continue;
        } else if (i + 1 < n && !c->lx->tabari_verbs && fm_is_word(&tok[i], "THE") &&
                   in_list(c, &tok[i + 1], W_GROUP_NOUN) && agent_at(c, n, i + 1, &ag) == 1) {
            /* "the army": an agent; it takes its country from an actor before it (below) */
            push_mention(c, i + 1, i + 2, ag->code, NULL, 1);
            c->mentions.a[c->mentions.n - 1].owned = 1;
            i += 2;
            continue;
        } else if (i + 1 < n && fm_is_word(&tok[i], "THE") && in_list(c, &tok[i + 1], W_GROUP_NOUN) &&
                   !actor_at(c, n, i + 1, &a, &acode)) {     /* "the Group of 77" is a name */
            fm_mention m = { .start = i + 1, .end = i + 2, .next = -1, .pronoun = 2 };
            fm_mention_vec_push(&c->mentions, m);
            i += 2;
            continue;
        }
        i++;
    }
    join_adjacent(c, tok);
    if (!c->lx->tabari_verbs) drop_glosses(c, tok, n);
    for (size_t k = 0; k < c->mentions.n; k++)
        c->mentions.a[k].modifier = agent_modifier(c, tok, n, &c->mentions.a[k]);
    /* compounds: "US and British forces", "Iran, Iraq and Syria" */
    for (size_t k = 0; k + 1 < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k], *m2 = &c->mentions.a[k + 1];
        if (m->pronoun || m2->pronoun) continue;
        size_t gap = m2->start - m->end;
        int joined = (gap == 1 && (fm_is_word(&tok[m->end], "AND") || tok[m->end].kind == FM_TOK_PUNCT)) ||
                     (gap == 2 && tok[m->end].kind == FM_TOK_PUNCT && fm_is_word(&tok[m->end + 1], "AND")) ||
                     modified_member(c, tok, m->end, m2->start);
        if (gap == 1 && tok[m->end].kind == FM_TOK_PUNCT && strcmp(tok[m->end].norm, ",") != 0) joined = 0;
        /* "According to SOHR, Turkish drones struck": the comma closes a frame head, no list */
        if (joined && tok[m->end].kind == FM_TOK_PUNCT && c->n_frames_now &&
            (fm_attribution_in_head(c->frames_now, c->n_frames_now, m->start) ||
             fm_attribution_in_head(c->frames_now, c->n_frames_now, m2->start)))
            joined = 0;
        /* "As they tried to storm parliament, police fired": the comma closes the opening
         * clause (a subordinator, then a verb before the comma), no list */
        if (joined && gap == 1 && tok[m->end].kind == FM_TOK_PUNCT && opening_clause_comma(c, tok, m->end)) joined = 0;
        if (joined && gap == 1 && tok[m->end].kind == FM_TOK_PUNCT && opening_phrase_comma(c, tok, n, m->end, m2)) joined = 0;
        if (!joined) continue;
        m->next = (int)k + 1;
        /* "US and British forces": the agent of the last applies to the bare actor */
        const fm_agent_entry *last_agent = NULL;   /* "British forces", not "Hamas" (PSEREB by name) */
        if (!m->agent_only && m->code && m2->code && m->country && m2->country && strlen(m->code) == 3 &&
            strlen(m2->code) > 3 && fm_is_word(&tok[m->end], "AND") && m2->end > m2->start + 1 &&
            agent_at(c, n, m2->end - 1, &last_agent))
            m->code = fm_arena_printf(&c->arena, "%s%s", m->code, m2->code + 3);
        /* "Iranian President Masoud Pezeshkian and Foreign Minister Abbas Araqchi":
         * a title after a named official's "and" is an office of the same country */
        else if (m2->agent_only && m2->code && !m->agent_only && m->country && m->actor_words >= 2 &&
                 m->code && strlen(m->code) > 3 && fm_is_word(&tok[m->end], "AND") && gap == 1) {
            m2->code = fm_arena_printf(&c->arena, "%s%s", m->country, m2->code);
            m2->country = m->country;
            m2->agent_only = 0;
        }
    }
    /* "the Israeli military said its jets", "Pakistan said the army": an agent
     * owned by a possessive pronoun or named as "the army" belongs to the
     * nearest country-coded actor before it */
    for (size_t k = 0; k < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k];
        if (!m->agent_only || !m->code || m->start == 0 || !(m->owned || in_list(c, &tok[m->start - 1], W_POSSESSIVE)))
            continue;
        for (size_t j = k; j-- > 0;) {
            const fm_mention *o = &c->mentions.a[j];
            if (o->pronoun || o->agent_only || !o->code) continue;
            /* "Hamas said its fighters": the fighters of a named group are the group */
            if (!m->owned && o->name && !fm_state_actor(o->code)) {
                m->code = o->code;
                m->country = o->country;
                m->name = o->name;
                m->agent_only = 0;
                break;
            }
            if (!o->country || !fm_state_actor(o->code)) continue;
            take_state(c, m, o);
            break;
        }
        /* none in this sentence: the state the document last named ("The Sudanese army said ...
         * The RSF accused the army") */
        if (m->agent_only && c->memory.last_state) {
            m->code = fm_arena_printf(&c->arena, "%s%s", c->memory.last_state, m->code);
            m->country = c->memory.last_state;
            m->agent_only = 0;
        }
    }
    /* "Russian missile and drone strikes": a state's adjective before two weapons joined by
     * AND is the owner of both; the bare agent of the second ("drone": MIL) takes it */
    for (size_t k = 1; k < c->mentions.n; k++) {
        fm_mention *m = &c->mentions.a[k];
        const fm_mention *o = &c->mentions.a[k - 1];
        if (!m->agent_only || !m->code || m->country || m->start < 3 || !fm_is_word(&tok[m->start - 1], "AND") ||
            !in_list(c, &tok[m->start - 2], W_WEAPON) || o->end != m->start - 2 || o->pronoun || o->agent_only ||
            !o->country || !o->code || !fm_state_actor(o->code))
            continue;
        take_state(c, m, o);
    }
    both_sides(c, tok, n);
    for (size_t k = 0; k < c->mentions.n; k++) {
        int head = 1;
        for (size_t j = 0; j < k; j++) if (c->mentions.a[j].next == (int)k) head = 0;
        c->mentions.a[k].compound_head = head;
    }
    (void)doc;
}

static int inside_mention(const fm_coder *c, size_t i)
{
    for (size_t k = 0; k < c->mentions.n; k++)
        if (i >= c->mentions.a[k].start && i < c->mentions.a[k].end && !c->mentions.a[k].pronoun) return 1;
    return 0;
}

/* inside_mention for a walk over i rising: the mentions of fm_find_mentions
 * (and an implied one past the sentence) stand in order of their starts, so
 * the ones that end before i are passed once for the whole walk. */
static int covered(const fm_coder *c, size_t *from, size_t i)
{
    const fm_mention *m = c->mentions.a;
    while (*from < c->mentions.n && m[*from].end <= i) ++*from;
    for (size_t k = *from; k < c->mentions.n && m[k].start <= i; k++)
        if (i < m[k].end && !m[k].pronoun) return 1;
    return 0;
}

/* Headlines capitalise every word; there capitals say nothing about nouns. */
static int title_case(const fm_token *tok, size_t n)
{
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (tok[i].kind != FM_TOK_WORD || tok[i].norm_len < 4) continue;
        words++;
        if (tok[i].flags & FM_TOKF_CAP) caps++;
    }
    return words >= 3 && caps * 10 >= words * 7;
}

static int ends_with(const fm_token *t, const char *suffix)
{
    size_t l = strlen(suffix);
    return t->norm_len > l + 2 && memcmp(t->norm + t->norm_len - l, suffix, l) == 0;
}

static int form_in_text(const fm_verb_form *f, const fm_token *t);

/* tok[i] is an -ED form glued by a hyphen to a word of three letters or more
 * that is no verb prefix: "Iran-backed", "US-led" ("US" too), "state-run";
 * not "re-entered", "counter-attacked". */
/* The first halves of a hyphenated verb ("re-take", "counter-attacking"): a prefix, no modifier */
static const char *const VERB_PREFIXES[] = { "PRE", "MIS", "OUT", "NON", "OVER", "UNDER", "COUNTER", "CROSS", "RE",
                                             "CO", "DE", "UN", "SELF", NULL };

static int word_in(const fm_token *t, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (fm_is_word(t, *w)) return 1;
    return 0;
}

static int glued_participle(const fm_token *tok, size_t i, const fm_verb_form *f)
{
    static const char *const *const prefixes = VERB_PREFIXES;
    int vf = form_in_text(f, &tok[i]);
    if (!(vf == FM_VF_ED || (vf == FM_VF_IRREG && ends_with(&tok[i], "ED"))) && !fm_is_word(&tok[i], "LED")) return 0;
    /* (the hyphen is no token: the word carries FM_TOKF_HYPHEN) */
    if (i == 0 || !(tok[i].flags & FM_TOKF_HYPHEN) || tok[i - 1].kind != FM_TOK_WORD) return 0;
    const fm_token *w = &tok[i - 1];
    if (w->norm_len < 2 || (w->norm_len == 2 && !(w->flags & FM_TOKF_ALLCAPS))) return 0;
    for (const char *const *p = prefixes; *p; p++)
        if (fm_is_word(w, *p)) return 0;
    return 1;
}

/* The length of "on Sunday", "on December 20" or "on 20 December" at tok[k] (tokens before
 * limit), or 0: a date adverbial, whose number is no count and whose name is no place */
static size_t on_date_at(const fm_token *tok, size_t limit, size_t k)
{
    if (k + 1 >= limit || !fm_is_word(&tok[k], "ON")) return 0;
    const fm_token *a = &tok[k + 1];
    if (a->wclass & FM_WC_WEEKDAY) return 2;
    if (k + 2 >= limit) return 0;
    const fm_token *b = &tok[k + 2];
    if (((a->wclass & FM_WC_MONTH) && b->kind == FM_TOK_NUMBER) || (a->kind == FM_TOK_NUMBER && (b->wclass & FM_WC_MONTH)))
        return 3;
    return 0;
}

/* The number at d is the day of "on December 20": a verb form after it is the verb ("the toll
 * in the attack on December 20 increases to six"), where "the December 20 attacks" (no ON)
 * keeps the count-noun reading. */
static int dated_adverbial(const fm_token *tok, size_t d)
{
    return d >= 2 && (tok[d - 1].wclass & FM_WC_MONTH) && on_date_at(tok, d + 1, d - 2) == 3;
}

/* tok[i, e) is KILLED / WOUNDED / INJURED / ARRESTED ... right after a mention whose first token
 * follows a count, and a preposition, a subordinator, punctuation or the end follows. */
static int counted_victim_participle(const fm_coder *c, const fm_token *tok, size_t n, size_t i, size_t e)
{
    static const char *const undergone[] = { "KILLED", "WOUNDED", "INJURED", "ARRESTED", "DETAINED", "ABDUCTED",
                                             "KIDNAPPED", "EXECUTED", NULL };
    int hit = 0;
    for (const char *const *w = undergone; *w && !hit; w++) hit = fm_is_word(&tok[i], *w);
    if (!hit) return 0;
    int m = i > 0 ? mention_ending_at(c, i - 1) : -1;
    if (m < 0) return 0;
    size_t s = c->mentions.a[m].start;
    /* ("hundreds of Taliban killed", "dozens of soldiers wounded": the count before OF) */
    if (s > 1 && fm_is_word(&tok[s - 1], "OF") && (tok[s - 2].kind == FM_TOK_NUMBER || (tok[s - 2].wclass & FM_WC_NUMBER)))
        s--;
    if (s == 0 || !(tok[s - 1].kind == FM_TOK_NUMBER || (tok[s - 1].wclass & FM_WC_NUMBER))) return 0;
    if (e >= n) return 1;
    const fm_token *t = &tok[e];
    /* ("46 people killed and 165 others injured": AND and another count) */
    if (fm_is_word(t, "AND") && e + 1 < n && (tok[e + 1].kind == FM_TOK_NUMBER || (tok[e + 1].wclass & FM_WC_NUMBER)))
        return 1;
    /* ("3,000 men killed or wounded": another participle of the toll) */
    if (fm_is_word(t, "OR") && e + 1 < n && (fm_is_word(&tok[e + 1], "WOUNDED") || fm_is_word(&tok[e + 1], "INJURED")))
        return 1;
    return t->kind == FM_TOK_PUNCT || in_list(c, t, W_PREPOSITION) || in_list(c, t, W_ADVERBIAL_SUBORDINATOR) ||
           fm_is_word(t, "BY");
}

/* tok[i, e) follows ", with" and a short noun phrase (up to four words or
 * numbers, no verb, preposition or punctuation) and takes no object: the end,
 * punctuation, a preposition or DEAD follows. Returns where the noun phrase
 * starts, or 0. */
static size_t with_participle(const fm_coder *c, const fm_token *tok, size_t n, size_t i, size_t e)
{
    if (e < n && tok[e].kind != FM_TOK_PUNCT && !in_list(c, &tok[e], W_PREPOSITION) && !fm_is_word(&tok[e], "BY") &&
        !fm_is_word(&tok[e], "DEAD"))
        return 0;
    for (size_t j = i, words = 0; j-- > 0 && words <= 4; words++) {
        const fm_token *t = &tok[j];
        /* (after a clause's comma: "talks with the union concluded in a deal" is a
         * subject's modifier and its verb) */
        if (fm_is_word(t, "WITH"))
            return words > 0 && j > 0 && tok[j - 1].kind == FM_TOK_PUNCT && !strcmp(tok[j - 1].norm, ",") ? j + 1 : 0;
        if ((t->kind != FM_TOK_WORD && t->kind != FM_TOK_NUMBER) || in_list(c, t, W_PREPOSITION) ||
            in_list(c, t, W_AUX) || fm_is_word(t, "AND"))
            return 0;
        if (c->verbs.n && c->verbs.a[c->verbs.n - 1].end > j) return 0;
    }
    return 0;
}

static int plural_common(const fm_token *t)
{
    return t->kind == FM_TOK_WORD && !(t->flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS)) && t->norm_len > 3 &&
           t->norm[t->norm_len - 1] == 'S' && t->norm[t->norm_len - 2] != 'S';
}

static int adjective_like(const fm_token *t)
{
    static const char *const ends[] = { "OUS", "IVE", "ABLE", "IBLE", "FUL", "LESS", "ICAL", NULL };
    /* -AL: "criminal charges", "formal talks", "international sanctions"; not the
     * nouns in -AL that head a subject ("the proposal calls for", "an official says") */
    static const char *const al_nouns[] = { "PROPOSAL", "OFFICIAL", "GENERAL", "RIVAL", "TRIBUNAL",
        "INDIVIDUAL", "CAPITAL", "ANIMAL", "JOURNAL", "MARSHAL", "ADMIRAL", "CARDINAL", "SIGNAL", "APPROVAL",
        "REFUSAL", "DENIAL", "WITHDRAWAL", "ARRIVAL", "TRIAL", "FESTIVAL", "PRINCIPAL", "NATIONAL",
        "HOSPITAL", "TERMINAL", "RITUAL", "CANAL", "PORTAL", "REVIVAL", "SURVIVAL", "RENEWAL", "REMOVAL",
        "DISPOSAL", "ORIGINAL", "MANUAL", "ARSENAL", "CORPORAL", "LOCAL", NULL };
    if (t->kind != FM_TOK_WORD || (t->flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS))) return 0;
    for (const char *const *e = ends; *e; e++)
        if (ends_with(t, *e)) return 1;
    if (t->norm_len < 5 || !ends_with(t, "AL")) return 0;
    for (const char *const *w = al_nouns; *w; w++)
        if (!strcmp(t->norm, *w)) return 0;
    return 1;
}

/* Plain adjectives and quantifiers of news nouns: "major fires", "several shipments" */
static int plain_adjective(const fm_token *t)
{
    static const char *const plain[] = { "MAJOR", "LARGE", "HUGE", "MASSIVE", "HEAVY", "FIERCE", "SEVERAL",
        "MANY", "MULTIPLE", "FRESH", "RENEWED", "DEADLY", "FATAL", "SEVERE", "MINOR", "SMALL", "BIG", NULL };
    return t->kind == FM_TOK_WORD && !(t->flags & FM_TOKF_CAP) && word_in(t, plain);
}

static int form_in_text(const fm_verb_form *f, const fm_token *t);

/* tok[i], an -S form of a verb, is a noun of a list or after an adjective:
 * ", bombs and", ", drones," after a plural and a comma; "dangerous arms". */
static int plural_in_list(const fm_token *tok, size_t n, size_t i, const fm_verb_form *f)
{
    int vf = form_in_text(f, &tok[i]);
    if (!(vf == FM_VF_S || (vf == FM_VF_IRREG && ends_with(&tok[i], "S")))) return 0;
    if (i > 0 && adjective_like(&tok[i - 1])) return 1;
    /* "a series of shootouts and encounters are reported": an -S form joined by AND to a
     * plural that a noun phrase opens, and followed by the auxiliary of a plural subject, is a
     * plural too ("Israel strikes and kills", "detains 346 foreigners and confiscates" are not) */
    if (i >= 3 && i + 1 < n && (fm_is_word(&tok[i + 1], "ARE") || fm_is_word(&tok[i + 1], "WERE") ||
                                fm_is_word(&tok[i + 1], "HAVE")) &&
        (fm_is_word(&tok[i - 1], "AND") || fm_is_word(&tok[i - 1], "OR")) && plural_common(&tok[i - 2]) &&
        (fm_is_word(&tok[i - 3], "OF") || fm_is_word(&tok[i - 3], "THE") || fm_is_word(&tok[i - 3], "THEIR") ||
         tok[i - 3].kind == FM_TOK_NUMBER || (tok[i - 3].wclass & FM_WC_NUMBER)))
        return 1;
    /* ("Hellfire missiles, artillery shells, and other ammunitions": a lower-case modifier
     * between the list's comma and the plural) */
    size_t m = i;
    if (i >= 3 && tok[i - 1].kind == FM_TOK_WORD && !(tok[i - 1].flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS)) &&
        tok[i - 2].kind == FM_TOK_PUNCT && !strcmp(tok[i - 2].norm, ","))
        m = i - 1;
    if (m < 2 || i + 1 >= n || tok[m - 1].kind != FM_TOK_PUNCT || strcmp(tok[m - 1].norm, ",")) return 0;
    const fm_token *next = &tok[i + 1];
    int listed = fm_is_word(next, "AND") || fm_is_word(next, "OR") ||
                 (next->kind == FM_TOK_PUNCT && !strcmp(next->norm, ","));
    return listed && plural_common(&tok[m - 2]);
}

/* The form of a verb occurrence: the dictionary's, or for a stem the ending. */
static int form_in_text(const fm_verb_form *f, const fm_token *t)
{
    if (f->form != FM_VF_STEM) return f->form;
    if (ends_with(t, "ING")) return FM_VF_ING;
    if (ends_with(t, "ED") || ends_with(t, "EN")) return FM_VF_ED;
    if (ends_with(t, "S")) return FM_VF_S;
    return FM_VF_BASE;
}


/* "launch a full-scale ground assault", "a drone strike":
 * a bare or -ing form after a determiner and up to three modifiers (no verb,
 * no named actor, the last not a plural: "the rebels launch" is a verb) is a
 * noun. */
static int noun_after_modifiers(const fm_coder *c, const fm_token *tok, size_t n, size_t i, const fm_verb_form *f)
{
    int vf = form_in_text(f, &tok[i]);
    if (vf == FM_VF_IRREG && ends_with(&tok[i], "ING")) vf = FM_VF_ING;   /* SHOOT {... SHOOTING} */
    /* "died of wounds sustained in": a plural right after the OF or FROM of a passive names its cause */
    if (vf == FM_VF_S && i > 0 && (fm_is_word(&tok[i - 1], "OF") || fm_is_word(&tok[i - 1], "FROM")) && c->verbs.n &&
        c->verbs.a[c->verbs.n - 1].passive && c->verbs.a[c->verbs.n - 1].end == i - 1)
        return 1;
    /* "killed five rebels in clashes", "died in clashes near Goma": no finite verb follows IN,
     * DURING or AMID; a plural of force there is a noun (but "killed in attacks by the Gulf
     * Clan", "in clashes between the army and the RSF", "in attacks on government positions"
     * are read from the actors after them) */
    static const char *const force_plurals[] = { "CLASHES", "ATTACKS", "STRIKES", "RAIDS", "AIRSTRIKES", "SHOOTINGS",
                                                 "BOMBINGS", "AMBUSHES", "BATTLES", "SKIRMISHES", NULL };
    if (vf == FM_VF_S && i > 0 && !f->multiword && word_in(&tok[i], force_plurals) &&
        (fm_is_word(&tok[i - 1], "IN") || fm_is_word(&tok[i - 1], "DURING") || fm_is_word(&tok[i - 1], "AMID")) &&
        !(i + 1 < n && (fm_is_word(&tok[i + 1], "BY") || fm_is_word(&tok[i + 1], "BETWEEN") ||
                        fm_is_word(&tok[i + 1], "WITH") || fm_is_word(&tok[i + 1], "ON") ||
                        fm_is_word(&tok[i + 1], "AGAINST"))))
        return 1;
    if (vf != FM_VF_BASE && vf != FM_VF_ING) return 0;
    /* ("her two-year-old child die of": no noun is written as these verbs; the cast: the
     * sentence's synset table is built on first use) */
    if (fm_synset_in_sentence((fm_coder *)c, tok, n, "UNDERGOV", i)) return 0;
    /* "the blast leaves seven dead": a dictionary head written with its -S ("LEAVES {LEFT
     * LEAVING}") before a count is the verb, not a plural noun after a modifier */
    if (vf == FM_VF_BASE && ends_with(&tok[i], "S") && !ends_with(&tok[i], "SS") &&
        i + 1 < n && (tok[i + 1].kind == FM_TOK_NUMBER || (tok[i + 1].wclass & FM_WC_NUMBER)))
        return 0;
    /* "the bomb hit a truck", "a missile hit the hospital": a verb whose past is its base, with
     * an object opening right after it, is that past ("a direct hit on" stays a noun) */
    static const char *const past_as_base[] = { "HIT", "CUT", "PUT", "SET", "SHUT", "SPREAD", "BURST", "CAST",
                                                "BEAT", "HURT", "LET", "SHED", "SPLIT", "THRUST", NULL };
    if (vf == FM_VF_BASE && i + 1 < n && word_in(&tok[i], past_as_base) &&
        (in_list(c, &tok[i + 1], W_DETERMINER) || tok[i + 1].kind == FM_TOK_NUMBER ||
         (tok[i + 1].kind == FM_TOK_WORD && (tok[i + 1].flags & FM_TOKF_CAP))))
        return 0;
    size_t words = 0;
    int agent_between = 0;
    for (size_t j = i; j-- > 0;) {
        const fm_token *t = &tok[j];
        if (in_list(c, t, W_DETERMINER)) return words > 0;
        /* "with air support from": a bare form after a preposition is a noun (a verb there is a gerund) */
        if (vf == FM_VF_BASE && !f->multiword &&
            (in_list(c, t, W_NOUN_PREPOSITION) || in_list(c, t, W_PREPOSITION) || fm_is_word(t, "BY")) && words <= 2 &&
            !agent_between &&
            !(c->verbs.n && c->verbs.a[c->verbs.n - 1].end > j))
            return 1;
        if (t->kind == FM_TOK_DASH) continue;
        /* "in an arson and mass shooting attack": nouns joined under one determiner, when no
         * actor or agent stands among them ("the army and police raid" is a verb) */
        if (fm_is_word(t, "AND") && words && !agent_between) continue;
        /* ("his first campaign rally": an adverb-like word right after a determiner modifies the noun) */
        int gap_adverb = in_list(c, t, W_ADVERB_GAP) && !(j > 0 && in_list(c, &tok[j - 1], W_DETERMINER));
        if (t->kind != FM_TOK_WORD || in_list(c, t, W_AUX) || gap_adverb || in_list(c, t, W_NOUN_PREPOSITION) ||
            in_list(c, t, W_PREPOSITION) || fm_is_word(t, "AND") || fm_is_word(t, "THAT") || fm_is_word(t, "TO") ||
            fm_is_word(t, "WHO") || fm_is_word(t, "WHICH") || in_list(c, t, W_COME))   /* "came under attack" */
            return 0;
        if (c->verbs.n && c->verbs.a[c->verbs.n - 1].end > j) return 0;
        for (size_t k = 0; k < c->mentions.n; k++) {
            const fm_mention *m = &c->mentions.a[k];
            if (j >= m->start && j < m->end && (!m->agent_only || m->pronoun)) return 0;
            if (j >= m->start && j < m->end) agent_between = 1;   /* "of people protest": a subject */
        }
        /* a plural right before the verb form is a subject ("the rebels launch"); "a press release" */
        if (j + 1 == i && ends_with(t, "S") && !ends_with(t, "SS")) return 0;
        /* "the Gaza Strip kill": a capitalised name ends its noun phrase (unless a headline
         * capitalises everything, where the word before the verb may be a plain noun) */
        if (j + 1 == i && (t->flags & FM_TOKF_CAP) && !(t->flags & FM_TOKF_ALLCAPS) && !title_case(tok, i + 1))
            return 0;
        if (!(t->flags & FM_TOKF_HYPHEN) && ++words > 3) return 0;
    }
    return 0;
}

/* A lower-case word ending in -LY ("fatally", "badly"; not "rally", "Italy"). */
static int ly_adverb(const fm_token *t)
{
    return t->kind == FM_TOK_WORD && !(t->flags & FM_TOKF_CAP) && t->norm_len >= 5 &&
           !strcmp(t->norm + t->norm_len - 2, "LY") && strcmp(t->norm, "RALLY") && strcmp(t->norm, "SUPPLY") &&
           strcmp(t->norm, "REPLY") && strcmp(t->norm, "APPLY");
}

static const char *const COUNT_WORD[] = { "MORE", "OTHERS", "OTHER", "SEVERAL", "DOZENS", "SCORES",
    "HUNDREDS", "THOUSANDS", "MANY", "FEW", "A", "AT", "LEAST", "ANOTHER", "NEARLY", "ALMOST", "OVER",
    "SOME", "ABOUT", "AROUND", "UP", "TO", NULL };

/* "three soldiers are killed and 29 more injured", "five people were killed, 20
 * wounded": a participle after AND or a comma and a count takes the passive of
 * the participle before them. */
/* (So does a past participle right after AND with no object after it: "were shot
 * and killed in an ambush", "was arrested and charged with murder"; "were attacked
 * and arrested five people" is active.) */
static int shares_passive(const fm_coder *c, const fm_token *tok, size_t n, size_t i, const fm_verb_hit *h)
{
    if (!c->verbs.n) return 0;
    const fm_verb_hit *p = &c->verbs.a[c->verbs.n - 1];
    if (p->end + 1 == i && p->passive && fm_is_word(&tok[p->end], "AND") &&
        (h->vform == FM_VF_ED || h->vform == FM_VF_IRREG))
        return h->end >= n || tok[h->end].kind == FM_TOK_PUNCT || in_list(c, &tok[h->end], W_PREPOSITION) ||
               in_list(c, &tok[h->end], W_NOUN_PREPOSITION);
    if (p->end + 1 >= i || i - p->end > 7) return 0;
    /* only a count between: "29 more", "two others", "at least 14 others" */
    for (size_t k = p->end + 1; k < i; k++) {
        fm_number num;
        if (tok[k].kind == FM_TOK_NUMBER || in_list(c, &tok[k], W_COUNT_WORD)) continue;
        if (fm_number_parse(tok, i, k, &num) && num.end > k) { k = num.end - 1; continue; }
        return 0;
    }
    const fm_token *j = &tok[p->end];
    return p->passive && (fm_is_word(j, "AND") || (j->kind == FM_TOK_PUNCT && !strcmp(j->norm, ",")));
}

static const char *const AMOUNT[] = { "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
    "TEN", "HALF", "ABOUT", "NEARLY", "ALMOST", NULL };

static int amount_word(const fm_coder *c, const fm_token *t)
{
    return t->kind == FM_TOK_NUMBER || in_list(c, t, W_AMOUNT);
}

static const char *const WEAPON[] = { "ROCKET", "MORTAR", "ARTILLERY", "TANK", "GUN", "MACHINE-GUN",
    "CANNON", "MISSILE", "SNIPER", "SMALL-ARMS", "ANTI-AIRCRAFT", "NAVAL", NULL };

static int weapon_word(const fm_coder *c, const fm_token *t)
{
    return in_list(c, t, W_WEAPON);
}

static int determined_head(const fm_coder *c, const fm_token *tok, size_t n, size_t i, const fm_verb_form *f)
{
    static const char *const singular[] = { "A", "AN", "ANY", "EACH", "EVERY", "ANOTHER", "NO", NULL };
    /* (its weapon's act stays a verb: "a Russian drone attack on Dnipro kills four" is 195) */
    static const char *const weapons[] = { "DRONE", "GRENADE", "BOMB", "SUICIDE", "AIR", "KNIFE", "RAMMING", NULL };
    /* (only the nouns the coder reads as acts by their nouns: "a Taiwanese boycott of", "a
     * Philippine request to" stay the verbs TABARI's dictionaries code them as) */
    static const char *const heads[] = { "ATTACK", "RAID", "AMBUSH", NULL };
    if (!word_in(&tok[i], heads) || form_in_text(f, &tok[i]) != FM_VF_BASE) return 0;
    int m = mention_ending_at(c, i - 1);
    if (m < 0 || c->mentions.a[m].pronoun || c->mentions.a[m].weapon || c->mentions.a[m].start == 0 ||
        weapon_word(c, &tok[i - 1]) || word_in(&tok[i - 1], weapons))
        return 0;
    const fm_token *d = &tok[c->mentions.a[m].start - 1];
    if (word_in(d, singular)) return 1;
    return fm_is_word(d, "THE") && i + 1 < n && (fm_is_word(&tok[i + 1], "ON") || fm_is_word(&tok[i + 1], "AGAINST"));
}

/* "threatened to cut water supplies to Syria": an -s form one to three plain words
 * after "to" + a verb's base form is the head noun of the infinitive's object (a
 * finite verb there would need a subject of its own). */
static int infinitive_object(const fm_coder *c, const fm_token *tok, size_t i)
{
    for (size_t j = i, words = 0; j-- > 1 && words < 3; words++) {
        const fm_token *t = &tok[j];
        if (t->kind != FM_TOK_WORD || (t->flags & FM_TOKF_CAP) || in_list(c, t, W_AUX) || in_list(c, t, W_PREPOSITION) ||
            in_list(c, t, W_NOUN_PREPOSITION) || in_list(c, t, W_SUBORDINATOR) || fm_is_word(t, "AND") || fm_is_word(t, "OR") ||
            fm_is_word(t, "TO") || fm_is_word(t, "NOT"))
            return 0;
        if (fm_is_word(&tok[j - 1], "TO")) return j + 1 < i && !in_list(c, t, W_DETERMINER);
    }
    return 0;
}

/* A BE at j, or after a prepositional phrase there ("killed in Mazraat Beit Jinn was"):
 * up to six words, no punctuation */
static int be_after(const fm_coder *c, const fm_token *tok, size_t n, size_t j)
{
    if (j < n && in_list(c, &tok[j], W_BE)) return 1;
    if (j >= n || !in_list(c, &tok[j], W_PREPOSITION)) return 0;
    for (size_t k = j + 1; k < n && k <= j + 6; k++) {
        if (tok[k].kind != FM_TOK_WORD || fm_is_word(&tok[k], "AND") || fm_is_word(&tok[k], "OR") ||
            fm_is_word(&tok[k], "BUT"))
            return 0;
        if (in_list(c, &tok[k], W_BE)) return 1;
    }
    return 0;
}

static int noun_preposition_before(const fm_token *t)
{
    static const char *const P[] = { "IN", "OF", "FOR", "ON", "UNDER", "WITHOUT", "AMID", "DESPITE", NULL };
    return word_in(t, P);
}

/* "against alleged Houthi targets", "in occupied territory": participles that, after a
 * preposition, are adjectives of the noun phrase */
static int hedge_participle(const fm_token *t)
{
    return fm_is_word(t, "ALLEGED") || fm_is_word(t, "SUSPECTED") || fm_is_word(t, "PURPORTED") ||
           fm_is_word(t, "OCCUPIED") || fm_is_word(t, "REPORTED");
}

/* A preposition of either list: "over", "near" (place) or "of", "for", "during" (noun) */
static int any_preposition(const fm_coder *c, const fm_token *t)
{
    return in_list(c, t, W_PREPOSITION) || in_list(c, t, W_NOUN_PREPOSITION);
}

/* What may stand before an adjectival hedge participle: AND, a comma, a count, a verb
 * just found (two finite verbs do not stand side by side) */
static int hedge_before(const fm_coder *c, const fm_token *t, size_t k)
{
    return fm_is_word(t, "AND") || fm_is_word(t, "INCLUDING") || fm_is_word(t, "OTHER") ||
           (t->kind == FM_TOK_PUNCT && !strcmp(t->norm, ",")) ||
           t->kind == FM_TOK_NUMBER || (t->wclass & FM_WC_NUMBER) ||
           (c->verbs.n && c->verbs.a[c->verbs.n - 1].end == k + 1 && !c->verbs.a[c->verbs.n - 1].speech);
}

static int ousted_office(const fm_coder *c, const fm_token *tok, size_t n, size_t i, const fm_verb_form *f)
{
    static const char *const OFFICE[] = { "PRESIDENT", "PRIME", "LEADER", "KING", "QUEEN", "RULER", "DICTATOR",
                                          "GOVERNMENT", "REGIME", "PREMIER", "MONARCH", "EMIR", "MAYOR", "GOVERNOR", NULL };
    int vf = form_in_text(f, &tok[i]);
    if ((vf != FM_VF_ED && vf != FM_VF_IRREG) || i + 1 >= n || !word_in(&tok[i + 1], OFFICE)) return 0;
    /* (not after AND or a comma: "stormed the palace and ousted President Bazoum", "a
     * Republican, urged President Reagan") */
    return i > 0 && (any_preposition(c, &tok[i - 1]) || fm_is_word(&tok[i - 1], "TO"));
}

void fm_find_verbs(fm_coder *c, const fm_token *tok, size_t n)
{
    c->verbs.n = 0;
    c->syn_valid = 0;          /* a new sentence: verb_match.c rebuilds its tables */
    int headline = -1;         /* title_case, asked only when a capitalised word needs it */
    size_t mk = 0;   /* mentions before mk end before i (the walk of covered) */
    const uint8_t vbit = c->lx->verbs.start_bit;
    for (size_t i = 0; i < n; i++) {
        /* a word that starts no verb phrase and is no speech verb is skipped
         * below anyway: its two bit tests are the cheapest of the skips, and
         * they pass over most tokens (covered() catches up on a later call) */
        if (vbit && !(c->ids[i].starts & vbit) && !(tok[i].wclass & FM_WC_SPEECH)) continue;
        if (tok[i].kind != FM_TOK_WORD || covered(c, &mk, i)) continue;
        /* "the restore", "its attack": a determiner makes a noun; tested before the
         * verb trie, which is the dearer question */
        if (i > 0 && in_list(c, &tok[i - 1], c->lx->tabari_verbs ? W_ARTICLE : W_DETERMINER)) continue;
        if (i > 0 && tok[i - 1].kind == FM_TOK_NUMBER && !dated_adverbial(tok, i - 1)) continue;
        uint32_t v;
        size_t len = fm_trie_longest(&c->lx->verbs, c->ids, n, i, &v);
        int speech = fm_speech_verb(&tok[i]);
        if (!len && !speech) continue;
        /* "sanctioned Iran over alleged plots", "in occupied territory": a participle right
         * after a preposition is an adjective (a verb there would be "-ing") */
        /* (only these: any other participle there still bounds the clause before it) */
        if (!c->lx->tabari_verbs && i > 0 && ends_with(&tok[i], "ED") &&
            any_preposition(c, &tok[i - 1]) &&
            (speech || hedge_participle(&tok[i])))
            continue;
        /* ("citing statements and alleged links", "investigate alleged embezzlement",
         * "including three alleged gunmen", "other alleged war crimes": a hedge participle
         * before a lower-case noun, after AND, OTHER, a comma, a count or a verb, is one too;
         * "and alleged that" is a verb) */
        /* (not "occupied": "closed and occupied by the army", "and occupied government buildings") */
        if (!c->lx->tabari_verbs && i > 0 && i + 1 < n && hedge_participle(&tok[i]) && !fm_is_word(&tok[i], "OCCUPIED") &&
            hedge_before(c, &tok[i - 1], i - 1) && tok[i + 1].kind == FM_TOK_WORD && !(tok[i + 1].flags & FM_TOKF_CAP) &&
            !fm_is_word(&tok[i + 1], "THAT") && !fm_is_word(&tok[i + 1], "BY") && !in_list(c, &tok[i + 1], W_DETERMINER) &&
            !any_preposition(c, &tok[i + 1]))
            continue;
        /* "guarding captured ISIS militants", "treating wounded soldiers": a participle between
         * an -ING verb and the noun it governs is an adjective of that noun */
        if (!c->lx->tabari_verbs && len == 1 && i > 0 && i + 1 < n && ends_with(&tok[i], "ED") &&
            tok[i - 1].kind == FM_TOK_WORD && tok[i - 1].norm_len > 4 && ends_with(&tok[i - 1], "ING") &&
            !(tok[i - 1].flags & FM_TOKF_CAP) && !in_list(c, &tok[i - 1], W_AUX) && !in_list(c, &tok[i - 1], W_BE) &&
            !fm_is_word(&tok[i - 1], "HAVING") && !fm_is_word(&tok[i - 1], "BEING") &&
            /* (not after an -ING noun that is the subject: "a car bombing killed five") */
            !in_list(c, &tok[i - 1], W_ATTACK_NOUN) && !(tok[i + 1].wclass & FM_WC_NUMBER) && tok[i + 1].kind == FM_TOK_WORD && !in_list(c, &tok[i + 1], W_DETERMINER) &&
            !any_preposition(c, &tok[i + 1]) && !fm_is_word(&tok[i + 1], "BY") && !fm_is_word(&tok[i + 1], "THAT") &&
            !in_list(c, &tok[i + 1], W_AUX))
            continue;
        /* "warned of an Israeli attack", "any Russian strike", "the Taliban attack on Kabul": a
         * bare form after an actor that a singular determiner opens, or before ON or AGAINST
         * after one THE opens, is that noun phrase's head */
        if (!c->lx->tabari_verbs && len == 1 && i > 0 && determined_head(c, tok, n, i, &c->lx->verb_forms.a[v - 1]))
            continue;
        /* "in support of", "in exchange for", "for protection": a bare form right after a
         * preposition is a noun (a verb there would be "-ing") */
        if (!c->lx->tabari_verbs && len == 1 && i > 0 && noun_preposition_before(&tok[i - 1]) &&
            form_in_text(&c->lx->verb_forms.a[v - 1], &tok[i]) == FM_VF_BASE)
            continue;
        /* "struck Hezbollah targets", "against Houthi targets": a plural right after the
         * actor a verb or a preposition governs is that phrase's head noun */
        if (!c->lx->tabari_verbs && len && c->verbs.n && i > 0 &&
            form_in_text(&c->lx->verb_forms.a[v - 1], &tok[i]) == FM_VF_S) {
            int m = mention_ending_at(c, i - 1);
            size_t ms = m >= 0 ? c->mentions.a[m].start : 0;
            while (ms > 0 && (in_list(c, &tok[ms - 1], W_DETERMINER) || hedge_participle(&tok[ms - 1]))) ms--;
            if (m >= 0 && !c->mentions.a[m].pronoun && ms > 0 &&
                ((c->verbs.a[c->verbs.n - 1].end == ms && !c->verbs.a[c->verbs.n - 1].speech) ||
                 in_list(c, &tok[ms - 1], W_PREPOSITION) ||   /* "against Houthi targets" */
                 /* "struck dozens of Hezbollah targets" */
                 (ms > 1 && fm_is_word(&tok[ms - 1], "OF") &&
                  (tok[ms - 2].kind == FM_TOK_NUMBER || (tok[ms - 2].wclass & FM_WC_NUMBER)))))
                continue;
        }
        /* "struck targets", "launched attacks", "says talks": an -S form right after a finite
         * verb is its object, a noun (two finite verbs do not stand side by side) */
        if (!c->lx->tabari_verbs && len == 1 && c->verbs.n && c->verbs.a[c->verbs.n - 1].end == i &&
            (c->verbs.a[c->verbs.n - 1].speech || c->verbs.a[c->verbs.n - 1].vform == FM_VF_ED ||
             c->verbs.a[c->verbs.n - 1].vform == FM_VF_S || c->verbs.a[c->verbs.n - 1].vform == FM_VF_IRREG) &&
            !c->verbs.a[c->verbs.n - 1].passive) {
            int vf = form_in_text(&c->lx->verb_forms.a[v - 1], &tok[i]);
            if (vf == FM_VF_S || (vf == FM_VF_IRREG && ends_with(&tok[i], "S"))) continue;
        }
        /* "weapons, fighter jets, bombs and dangerous arms": a plural in a list of plurals, or
         * after an adjective, is a noun (an adjective heads no subject) */
        if (!c->lx->tabari_verbs && len == 1 && plural_in_list(tok, n, i, &c->lx->verb_forms.a[v - 1])) continue;
        /* ("triggered major fires at a plant": a phrase verb's -S word after an adjective is a
         * noun too; an attack noun after one, "heavy clashes", still names its event) */
        if (!c->lx->tabari_verbs && len > 1 && i > 0 && (adjective_like(&tok[i - 1]) || plain_adjective(&tok[i - 1])) &&
            ends_with(&tok[i], "S") && !ends_with(&tok[i], "SS") && !in_list(c, &tok[i], W_ATTACK_NOUN))
            continue;
        /* "supporters of ousted prime minister Imran Khan": a participle between a preposition
         * and an office is an adjective */
        if (!c->lx->tabari_verbs && len == 1 && ousted_office(c, tok, n, i, &c->lx->verb_forms.a[v - 1])) continue;
        /* "rocket fire", "artillery and mortar fire": fire after a weapon is a noun */
        if (!c->lx->tabari_verbs && len && fm_is_word(&tok[i], "FIRE") && i > 0 && weapon_word(c, &tok[i - 1])) continue;
        /* ("an explosion and fire at a nightclub": fire joined to an attack noun is one too) */
        if (!c->lx->tabari_verbs && len && fm_is_word(&tok[i], "FIRE") && i > 1 && fm_is_word(&tok[i - 1], "AND") &&
            (weapon_word(c, &tok[i - 2]) || in_list(c, &tok[i - 2], W_ATTACK_NOUN)))
            continue;
        if (!c->lx->tabari_verbs && len && infinitive_object(c, tok, i)) {
            int vf = form_in_text(&c->lx->verb_forms.a[v - 1], &tok[i]);
            if (vf == FM_VF_S || (vf == FM_VF_IRREG && ends_with(&tok[i], "S"))) continue;   /* "supplies" */
        }
        /* "its long-threatened invasion": the second half of a hyphenated word
         * whose first half follows a determiner is a modifier of a noun */
        if (tok[i].flags & FM_TOKF_HYPHEN) {
            size_t j = i;
            while (j > 0 && (tok[j].flags & FM_TOKF_HYPHEN)) j--;
            if (j > 0 && in_list(c, &tok[j - 1], W_DETERMINER)) continue;
            /* "Iran-backed groups", "US-led forces", "Russian-occupied": a participle glued to
             * the word before it is an adjective */
            if (!c->lx->tabari_verbs && len == 1 && glued_participle(tok, i, &c->lx->verb_forms.a[v - 1])) continue;
            /* "a "life-threatening" storm surge", "record-breaking", "peace-keeping": an -ING
             * glued to a lower-case word is an adjective or a noun */
            if (!c->lx->tabari_verbs && len == 1 && ends_with(&tok[i], "ING") && i > 0 && tok[i - 1].kind == FM_TOK_WORD &&
                tok[i - 1].end == tok[i].start - 1 && !(tok[i - 1].flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS)) &&
                !word_in(&tok[i - 1], VERB_PREFIXES))
                continue;
        }
        if (!c->lx->tabari_verbs && len && noun_after_modifiers(c, tok, n, i, &c->lx->verb_forms.a[v - 1])) continue;
        /* "a vehicle ramming and stabbing attack": an -ING form before a bare singular head noun modifies it */
        if (!c->lx->tabari_verbs && len == 1 && i + 1 < n && ends_with(&tok[i], "ING") && in_list(c, &tok[i + 1], W_ING_HEAD))
            continue;
        /* TABARI's rule: a capitalised word inside a sentence is a noun, but in a
         * headline (title case, looked at here, where few words come) */
        if (i > 0 && (tok[i].flags & FM_TOKF_CAP) && !(tok[i].flags & FM_TOKF_ALLCAPS) &&
            tok[i - 1].kind != FM_TOK_QUOTE && !(tok[i - 1].kind == FM_TOK_PUNCT && strcmp(tok[i - 1].norm, ":") == 0)) {
            if (headline < 0) headline = title_case(tok, n);
            if (!headline) continue;
        }
        fm_verb_hit h = { .start = i, .end = i + (len ? len : 1), .subject = -1 };
        h.form = len ? &c->lx->verb_forms.a[v - 1] : NULL;
        h.speech = speech;
        h.vform = h.form ? form_in_text(h.form, &tok[h.start]) : FM_VF_BASE;
        /* "is hit by an airstrike", "was shot": a bare participle after BE is passive too */
        int bare_participle = h.form && h.vform == FM_VF_BASE && i > 0 && in_list(c, &tok[i - 1], W_BE) &&
                              in_list(c, &tok[i], W_BARE_PARTICIPLE);
        if (h.form && (h.vform == FM_VF_ED || h.vform == FM_VF_IRREG || bare_participle)) {
            size_t k = i;
            /* "was reportedly shot by", "is fatally shot by": adverbs between BE and the participle */
            /* ("are confirmed killed", "were reported killed": a hedge between them too) */
            size_t hedge = SIZE_MAX;
            /* ("were all killed", "were both injured": a floating quantifier too) */
            while (k > 0 && (in_list(c, &tok[k - 1], W_ADVERB_GAP) || ly_adverb(&tok[k - 1]) ||
                             fm_is_word(&tok[k - 1], "ALL") || fm_is_word(&tok[k - 1], "BOTH") ||
                             (k > 1 && in_list(c, &tok[k - 1], W_HEDGE_PARTICIPLE) && in_list(c, &tok[k - 2], W_BE)))) {
                if (in_list(c, &tok[k - 1], W_HEDGE_PARTICIPLE)) hedge = k - 1;
                k--;
            }
            if (k > 0 && in_list(c, &tok[k - 1], W_BE)) h.passive = 1;
            /* "including three civilians killed in Kyiv", "12 people wounded when": a casualty
             * participle right after a counted victim, before a preposition or the end, is passive */
            if (!h.passive && !c->lx->tabari_verbs && counted_victim_participle(c, tok, n, i, h.end)) h.passive = 1;
            /* "with one employee shot dead", "with two soldiers wounded": a participle after
             * WITH and its noun phrase is passive (the noun phrase is what it befell) */
            size_t wstart;
            if (!h.passive && !c->lx->tabari_verbs && (wstart = with_participle(c, tok, n, i, h.end))) {
                h.passive = 1;
                /* its subject is in that noun phrase, or there is none */
                h.subject_done = 1;
                h.subject = -1;
                for (size_t k = 0; k < c->mentions.n; k++)
                    if (c->mentions.a[k].start >= wstart && c->mentions.a[k].end <= i) h.subject = (int)k;
            }
            /* the hedge is part of this verb's group, no speech verb of its own */
            if (h.passive && hedge != SIZE_MAX && c->verbs.n && c->verbs.a[c->verbs.n - 1].start == hedge) c->verbs.n--;
            if (!h.passive && !c->lx->tabari_verbs && shares_passive(c, tok, n, i, &h)) h.passive = h.joined_passive = 1;
            /* "claims the person killed was a Hamas member": a participle between a noun and its
             * BE is passive (the noun is what it befell) */
            if (!h.passive && !c->lx->tabari_verbs && h.end == i + 1 &&
                (h.vform == FM_VF_ED || (h.vform == FM_VF_IRREG && !ends_with(&tok[i], "S"))) && i > 0 &&
                tok[i - 1].kind == FM_TOK_WORD && mention_ending_at(c, i - 1) >= 0 && be_after(c, tok, n, h.end))
                h.passive = 1;
            /* "a man accused of killing eleven people is fit", "eight men accused of being
             * collaborators": a charge's participle right before OF has no object; the noun
             * before it is the accused */
            if (!h.passive && !c->lx->tabari_verbs && h.speech == FM_ATTRIB_ACCUSE && h.vform == FM_VF_ED &&
                h.end == i + 1 && h.end < n && fm_is_word(&tok[h.end], "OF") && i > 0 && !in_list(c, &tok[i - 1], W_AUX) &&
                !in_list(c, &tok[i - 1], W_PERSON_PRONOUN) && !in_list(c, &tok[i - 1], W_GROUP_PRONOUN))   /* "that it accused of" */
                h.passive = 1;
            /* "troops, backed by close air support, enter": a participle right before BY is
             * passive without its BE (TABARI's rules want the BE) */
            if (!c->lx->tabari_verbs && h.end < n && fm_is_word(&tok[h.end], "BY") && !(tok[i].flags & FM_TOKF_HYPHEN) &&
                !(h.end + 1 < n && amount_word(c, &tok[h.end + 1])))     /* "shortened by one hour", "cut by 10%" */
                h.passive = 1;
        }
        /* "two soldiers died of their wounds": the subject of a verb of &UNDERGOV undergoes it */
        if (h.form && !c->lx->tabari_verbs && fm_synset_in_sentence(c, tok, n, "UNDERGOV", i)) h.passive = 1;
        /* "the blast is under investigation", "the convoy came under attack": an act the
         * subject undergoes, a passive without a participle */
        /* ("companies under investigation": without BE or COME the phrase modifies a noun) */
        if (h.form && fm_is_word(&tok[i], "UNDER")) {
            if (!(i > 0 && (in_list(c, &tok[i - 1], W_BE) || in_list(c, &tok[i - 1], W_COME)))) continue;
            h.passive = 1;
        }
        /* "Iraqi forces shelled": a plural or bare form right before a finite verb is a noun;
         * so are a plural before a bare form and a gerund before a finite one ("clashes
         * break out", "fighting intensifies"), which no verb is followed by */
        if (c->verbs.n) {
            fm_verb_hit *prev = &c->verbs.a[c->verbs.n - 1];
            int finite = h.vform == FM_VF_ED || h.vform == FM_VF_S || h.vform == FM_VF_IRREG;
            /* "strikes" is listed as an irregular form of STRIKE: still a plural-like -S */
            int plural = prev->vform == FM_VF_S || (prev->vform == FM_VF_IRREG && prev->end == prev->start + 1 &&
                                                    ends_with(&tok[prev->start], "S"));
            if (prev->end == i && prev->form && !prev->speech && h.form && !h.passive &&
                (((prev->vform == FM_VF_S || prev->vform == FM_VF_BASE) && finite) ||
                 (!c->lx->tabari_verbs && plural && h.vform == FM_VF_BASE) ||
                 (!c->lx->tabari_verbs && prev->vform == FM_VF_ING && (h.vform == FM_VF_S || h.vform == FM_VF_ED))))
                c->verbs.n--;
        }
        fm_verb_vec_t_push(&c->verbs, h);
        i = h.end - 1;
    }
}

/* The verb hit covering token i, or -1. */
int fm_verb_at(const fm_coder *c, size_t i)
{
    for (size_t k = 0; k < c->verbs.n; k++)
        if (i >= c->verbs.a[k].start && i < c->verbs.a[k].end) return (int)k;
    return -1;
}


/* "south of Baghdad", "the outskirts of Kyiv": OF there names a place; after
 * "hundreds of", "members of", "four of" the actor is the head of its phrase. */
static const char *const PLACE_BEFORE_OF[] = { "SOUTH", "NORTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST",
    "SOUTHEAST", "SOUTHWEST", "OUTSKIRTS", "CITY", "TOWN", "VILLAGE", "PROVINCE", "REGION", "DISTRICT", "AREA",
    "CAPITAL", "CENTER", "CENTRE", "PART", "PARTS", "OUTSIDE", "BORDER", "BORDERS", "SUBURB", "SUBURBS", "STREETS",
    "HEART", "COAST", "SHORES", "PORT", "GOVERNORATE", "OUT", "TERRITORY", "NORTHERN", "SOUTHERN", "EASTERN",
    "WESTERN", NULL };

/* 1 if token s follows "south of", "the coast of", "the outskirts of" */
int fm_after_place_of(const fm_coder *c, const fm_token *tok, size_t s)
{
    return s > 1 && fm_is_word(&tok[s - 1], "OF") && in_list(c, &tok[s - 2], W_PLACE_BEFORE_OF);
}

/* 1 if the noun phrase starting at token s is the object of a preposition
 * ("on 20 Russian companies", "the base south of Baghdad"). */
int fm_after_preposition(const fm_coder *c, const fm_token *tok, size_t s)
{
    while (s > 0 && (in_list(c, &tok[s - 1], W_DETERMINER) || tok[s - 1].kind == FM_TOK_NUMBER)) s--;
    return s > 0 && (in_list(c, &tok[s - 1], W_PREPOSITION) || fm_after_place_of(c, tok, s));
}

/* Singular nouns an -ING form right before them modifies ("a stabbing attack", "a
 * shooting incident", "a killing spree"): no verb takes one of them bare as its object. */
static const char *const ING_HEAD[] = { "ATTACK", "SPREE", "INCIDENT", "CAMPAIGN", "OPERATION", "RAID",
    "ASSAULT", "MISSION", "RAMPAGE", NULL };

/* Nouns of an act intended whose agent BY names the infinitive's subject: "a plan by
 * Israel to assassinate", "an attempt by the rebels to seize" */
static const char *const INTENT_NOUN[] = { "PLAN", "PLANS", "PLOT", "BID", "ATTEMPT", "ATTEMPTS", "EFFORT",
    "EFFORTS", "DECISION", "PROPOSAL", "MOVE", "ORDER", "THREAT", "THREATS", NULL };

static const char *const ATTACK_NOUN[] = { "BOMB", "BOMBS", "BOMBING", "BOMBINGS", "BLAST", "BLASTS",
    "EXPLOSION", "EXPLOSIONS", "STRIKE", "STRIKES", "AIRSTRIKE", "AIRSTRIKES", "MISSILE", "MISSILES", "ROCKET",
    "ROCKETS", "SHELL", "SHELLS", "SHELLING", "MORTAR", "MORTARS", "DRONE", "DRONES", "ATTACK", "ATTACKS",
    "GUNFIRE", "SHOOTING", "SHOOTINGS", "GRENADE", "GRENADES", "IED", "IEDS", "LANDMINE", "LANDMINES", "MINE",
    "EXPLOSIVE", "EXPLOSIVES", "AMBUSH", "RAID", "RAIDS", "CLASH", "CLASHES", "FIGHTING", "GUNMEN", "GUNMAN",
    "ASSAILANTS", "ATTACKERS", "SNIPER", "SNIPERS", "BOMBER", "BOMBERS", "SHELLFIRE", "BARRAGE", "STAMPEDE",
    "RIOT", "RIOTS", "SHOOTOUT", "SHOOTOUTS", "FIREFIGHT", "FIREFIGHTS", "GUNFIGHT", "GUNFIGHTS", "GUNBATTLE",
    "GUNBATTLES", "VIOLENCE", "HOSTILITIES", "BATTLES",
    /* an attacker named without a code: "a man kills 14 people" */
    "MAN", "MEN", "WOMAN", "SUSPECT", "SUSPECTS", "SHOOTER", "SHOOTERS", "ASSAILANT", "ATTACKER", "KNIFEMAN",
    "PERPETRATOR", "PERPETRATORS", "TEENAGER", "DRIVER", NULL };

/* Where "on December 20", "on 20 December" or "on Sunday" starts when it ends right before the
 * comma at e; 0 if no such date does. */
static size_t date_before_comma(const fm_token *tok, size_t e)
{
    for (size_t len = 2; len <= 3; len++)
        if (e >= len + 1 && on_date_at(tok, e, e - len) == len) return e - len;
    return 0;
}

/* "A drone strike on a market kills 5", "a bomb hits a truck": the attack or
 * weapon noun phrase just before verb v, as a mention without a code (the
 * attacker is not named); -1 if the subject is no such phrase. */
int fm_weapon_subject(fm_coder *c, const fm_token *tok, size_t n, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    size_t k = h->start;
    while (k > 0 && (in_list(c, &tok[k - 1], W_AUX) || in_list(c, &tok[k - 1], W_ADVERB_GAP))) k--;
    /* "An airstrike near a market in Injar, Tillabéri Region, Niger, kills": the address
     * closing the subject is no break in it */
    /* ("at a gas station in Georgetown, Guyana, killing": capitals that code as their
     * country are mentions, so the address is walked mention by mention) */
    for (size_t s = k; s > 2 && tok[s - 1].kind == FM_TOK_PUNCT && !strcmp(tok[s - 1].norm, ",");) {
        /* (", on December 20, increases": a date between commas too) */
        size_t ds = date_before_comma(tok, s - 1);
        if (ds) { k = s = ds; continue; }
        int pm = mention_ending_at(c, s - 2);
        size_t ls;
        if (pm < 0) break;
        if (place_list_start(c, tok, pm, &ls)) { k = ls; break; }
        const fm_mention *a = &c->mentions.a[pm];
        if (!a->code || !a->country || strlen(a->code) != 3) break;
        s = a->start;
        if (fm_after_preposition(c, tok, s)) { k = s; break; }
    }
    /* the head noun: right before the verb, or before a prepositional phrase ("strike on a market") */
    size_t head = SIZE_MAX, pp_head = SIZE_MAX;
    for (size_t j = k, seen = 0; j-- > 0 && seen < 14; seen++) {
        const fm_token *t = &tok[j];
        /* "the death toll in the attack rises": the attack a toll is of heads it, though after IN */
        if (fm_is_word(t, "TOLL") && pp_head != SIZE_MAX) { head = pp_head; break; }
        int vj = fm_verb_at(c, j);
        /* "a rocket launched from Cambodia killed": over the participle to its noun */
        if (vj >= 0 && reduced_relative(c, tok, vj, h)) { j = c->verbs.a[vj].start; continue; }
        /* "a wave of attacks against police results in": the plural after OF is the head noun */
        if (vj >= 0 && plural_after_of(c, tok, vj) && in_list(c, t, W_ATTACK_NOUN)) { head = j; break; }
        /* "heavy fighting is reported": a gerund or plural of an attack noun with no actor
         * before it heads the subject */
        if (vj >= 0 && in_list(c, t, W_ATTACK_NOUN) && c->verbs.a[vj].start == j && c->verbs.a[vj].end == j + 1 &&
            (c->verbs.a[vj].vform == FM_VF_ING || c->verbs.a[vj].vform == FM_VF_S) &&
            !(j > 0 && mention_ending_at(c, j - 1) >= 0)) {
            head = j;
            break;
        }
        /* "attacks in and near a camp": an AND between two prepositions joins them */
        if (fm_is_word(t, "AND") && j > 0 && j + 1 < n && in_list(c, &tok[j - 1], W_PREPOSITION) &&
            in_list(c, &tok[j + 1], W_PREPOSITION))
            continue;
        /* "a series of shootouts and encounters are reported": the attack noun a coordination
         * opens heads it */
        /* (a noun after the AND, not the verb itself: "killing a driver and injuring",
         * "detonating bombs and briefly seizing the town" join verbs) */
        if (fm_is_word(t, "AND") && j > 0 && j + 1 < k && !ly_adverb(&tok[j + 1]) && fm_verb_at(c, j + 1) < 0 &&
            in_list(c, &tok[j - 1], W_ATTACK_NOUN) && ends_with(&tok[j - 1], "S") && !fm_after_preposition(c, tok, j - 1)) {
            head = j - 1;
            break;
        }
        /* "after an airstrike that killed five people", "clashes which left hundreds dead": the
         * attack noun a relative pronoun right before the verb follows is its subject */
        if (j + 1 == k && j > 0 && (fm_is_word(t, "THAT") || fm_is_word(t, "WHICH")) &&
            in_list(c, &tok[j - 1], W_ATTACK_NOUN)) {
            head = j - 1;
            break;
        }
        if (t->kind == FM_TOK_PUNCT || t->kind == FM_TOK_QUOTE || vj >= 0 || fm_is_word(t, "THAT") ||
            fm_is_word(t, "AND"))
            break;
        if (in_list(c, t, W_ATTACK_NOUN)) {
            if (!fm_after_preposition(c, tok, j)) { head = j; break; }
            if (pp_head == SIZE_MAX) pp_head = j;
        }
    }
    if (head == SIZE_MAX) return -1;
    size_t start = head;
    /* its modifiers: "a suspected car bomb", "Israeli drone strikes" (an actor there is the subject anyway) */
    while (start > 0 && start + 4 > head && tok[start - 1].kind == FM_TOK_WORD && !in_list(c, &tok[start - 1], W_PREPOSITION) &&
           !in_list(c, &tok[start - 1], W_AUX) && fm_verb_at(c, start - 1) < 0 && !fm_is_word(&tok[start - 1], "THAT") &&
           !fm_is_word(&tok[start - 1], "AND") && !in_list(c, &tok[start - 1], W_NOUN_PREPOSITION) &&
           !in_list(c, &tok[start - 1], W_SUBORDINATOR) && !in_list(c, &tok[start], W_DETERMINER))   /* "an explosive" */
        start--;
    fm_mention m = { .start = start, .end = head + 1, .next = -1, .compound_head = 1, .weapon = 1 };
    if (fm_mention_vec_push(&c->mentions, m)) return -1;
    (void)n;
    return (int)c->mentions.n - 1;
}

/* "A PMF commander said the base was attacked", "the blast is under investigation": the
 * subject of a passive act in which no actor is named, when its head noun is one of the
 * lexicon's synset (&SITE, &INCIDENT), as a mention without a code; -1 if it is none. */
int fm_thing_subject(fm_coder *c, const fm_token *tok, size_t n, size_t v, const char *synset)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    size_t k = h->start;
    while (k > 0 && (in_list(c, &tok[k - 1], W_AUX) || in_list(c, &tok[k - 1], W_COME) || in_list(c, &tok[k - 1], W_ADVERB_GAP)))
        k--;
    if (k == h->start || k == 0) return -1;               /* no BE: no passive subject before it */
    size_t head = k - 1;
    const fm_token *t = &tok[head];
    if (t->kind != FM_TOK_WORD || (t->flags & FM_TOKF_CAP) || inside_mention(c, head) || fm_verb_at(c, head) >= 0)
        return -1;
    if (!fm_synset_in_sentence(c, tok, n, synset, head)) return -1;
    size_t start = head;
    while (start > 0 && start + 3 > head && tok[start - 1].kind == FM_TOK_WORD && !in_list(c, &tok[start], W_DETERMINER) &&
           !in_list(c, &tok[start - 1], W_PREPOSITION) && !in_list(c, &tok[start - 1], W_NOUN_PREPOSITION) &&
           !in_list(c, &tok[start - 1], W_AUX) && !in_list(c, &tok[start - 1], W_SUBORDINATOR) && fm_verb_at(c, start - 1) < 0 &&
           !fm_is_word(&tok[start - 1], "THAT") && !fm_is_word(&tok[start - 1], "AND") && !inside_mention(c, start - 1))
        start--;
    /* "the driver of the tanker was killed": a noun after a preposition heads no subject */
    /* ("after their bus was attacked": AFTER opens a clause there) */
    if (start > 0 && (in_list(c, &tok[start - 1], W_NOUN_PREPOSITION) || in_list(c, &tok[start - 1], W_PREPOSITION)) &&
        !in_list(c, &tok[start - 1], W_SUBORDINATOR))
        return -1;
    fm_mention m = { .start = start, .end = head + 1, .next = -1, .compound_head = 1, .weapon = 1 };
    if (fm_mention_vec_push(&c->mentions, m)) return -1;
    return (int)c->mentions.n - 1;
}

static int mention_ending_at(const fm_coder *c, size_t i)
{
    for (size_t k = 0; k < c->mentions.n; k++)
        if (c->mentions.a[k].end == i + 1) return (int)k;
    return -1;
}


/* said / told: attribution, no act of its own (deny, accuse, warn and claim are acts) */
static int say_verb(const fm_verb_hit *p)
{
    return p->speech && p->speech != FM_ATTRIB_DENY && p->speech != FM_ATTRIB_ACCUSE &&
           p->speech != FM_ATTRIB_WARN && p->speech != FM_ATTRIB_CLAIM;
}

/* h takes the subject of verb pv; a speaker's subject stays one. */
static int inherit_subject(fm_coder *c, const fm_token *tok, size_t n, fm_verb_hit *h, size_t pv)
{
    int s = fm_subject_of(c, tok, n, pv);
    const fm_verb_hit *p = &c->verbs.a[pv];
    h->subject = s;
    h->speaker_act = (p->speech && p->form && !say_verb(p)) || p->speaker_act || p->denied;
    /* "denied targeting civilians and killing ..." denies both; "... and accused the army" is the
     * denier's own act, in the denial's mode */
    if (p->denied && h->vform == FM_VF_ING) h->denied = p->denied;
    else if (p->denied) h->mode_from = p->denied;
    else h->mode_from = p->mode_from;
    return s;
}

/* tok[from, to) between a denial verb and an -ing form holds only adverbs and
 * "having" / "ever" ("denied ever having targeted"): the -ing form is its object. */
static int denied_gerund(const fm_coder *c, const fm_token *tok, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (!in_list(c, &tok[k], W_ADVERB_GAP) && !ly_adverb(&tok[k]) && !fm_is_word(&tok[k], "HAVING") &&
            !fm_is_word(&tok[k], "EVER") && !fm_is_word(&tok[k], "BEING"))
            return 0;
    return 1;
}

/* "troops, backed by close air support,", "rebels backed by Rwanda": a
 * passive participle with BY and without BE modifies the noun before it. */
static int reduced_passive(const fm_coder *c, const fm_token *tok, int v)
{
    const fm_verb_hit *p = &c->verbs.a[v];
    if (!p->passive || p->start == 0) return 0;
    size_t k = p->start;
    while (k > 0 && (in_list(c, &tok[k - 1], W_ADVERB_GAP) || ly_adverb(&tok[k - 1]))) k--;
    return k > 0 && !in_list(c, &tok[k - 1], W_BE);
}

/* "a rocket launched from Cambodia killed a villager": a participle right after a
 * plain noun, with the finite verb h after it and no joint between them, is a
 * reduced relative clause of the subject, not the subject's own verb. */
static int reduced_relative(const fm_coder *c, const fm_token *tok, int v, const fm_verb_hit *h)
{
    const fm_verb_hit *p = &c->verbs.a[v];
    /* the finite verb in the past only: a present -S form there is as often a plural noun
     * ("figures sentenced under corruption charges") */
    if (c->lx->tabari_verbs || p->passive || p->speech || p->vform != FM_VF_ED || p->start == 0 ||
        !(h->vform == FM_VF_ED || (h->vform == FM_VF_IRREG && !ends_with(&tok[h->start], "S"))))
        return 0;
    /* "funded through seized assets": a participle after a preposition is an adjective */
    if (h->start > 0 && (in_list(c, &tok[h->start - 1], W_PREPOSITION) || in_list(c, &tok[h->start - 1], W_NOUN_PREPOSITION) ||
                         in_list(c, &tok[h->start - 1], W_DETERMINER) || fm_is_word(&tok[h->start - 1], "BY")))
        return 0;
    const fm_token *before = &tok[p->start - 1];
    if (before->kind != FM_TOK_WORD || in_list(c, before, W_AUX) || in_list(c, before, W_ADVERB_GAP) || ly_adverb(before) ||
        fm_is_word(before, "TO") || fm_is_word(before, "AND") || in_list(c, before, W_SUBORDINATOR) ||
        in_list(c, before, W_PERSON_PRONOUN) || in_list(c, before, W_GROUP_PRONOUN) || mention_ending_at(c, p->start - 1) >= 0)
        return 0;
    for (size_t k = p->end; k < h->start; k++)
        if (tok[k].kind == FM_TOK_PUNCT || tok[k].kind == FM_TOK_QUOTE || fm_is_word(&tok[k], "AND") ||
            fm_is_word(&tok[k], "BUT") || in_list(c, &tok[k], W_SUBORDINATOR) || in_list(c, &tok[k], W_AUX))
            return 0;
    return 1;
}

/* "a wave of attacks", "a series of raids": a plural verb form right after OF is a
 * noun, the head of the phrase, whatever the verb makes of it elsewhere. */
static int plural_after_of(const fm_coder *c, const fm_token *tok, int v)
{
    const fm_verb_hit *p = &c->verbs.a[v];
    return !c->lx->tabari_verbs && p->start > 0 && p->end == p->start + 1 && fm_is_word(&tok[p->start - 1], "OF") &&
           (p->vform == FM_VF_S || (p->vform == FM_VF_IRREG && ends_with(&tok[p->start], "S")));
}

/* "a strike in Darnytskyi District, Kyiv, Ukraine, kills", "in Harouf and
 * Qlayleh, Lebanon": a bare country code after a comma that follows a list of
 * capitalised names after a preposition is a place in an address, not a party. */
/* 1 if token i is inside a mention coded as a bare country ("Khartoum", "Georgetown":
 * capitals code as their country), which an address may list like any place. */
static int country_name_at(const fm_coder *c, size_t i)
{
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *a = &c->mentions.a[k];
        if (i >= a->start && i < a->end && !a->pronoun)
            return a->code && a->country && strlen(a->code) == 3 && !a->agent_only;
    }
    return 0;
}

static int place_list_start(const fm_coder *c, const fm_token *tok, int m, size_t *list_start)
{
    const fm_mention *a = &c->mentions.a[m];
    if (!a->code || strlen(a->code) != 3 || !a->country || a->start < 3) return 0;
    size_t k = a->start;
    if (!(tok[k - 1].kind == FM_TOK_PUNCT && !strcmp(tok[k - 1].norm, ","))) return 0;
    size_t s = k - 1, words = 0, seen = 0;
    while (s > 0 && seen < 10 && (!inside_mention(c, s - 1) || country_name_at(c, s - 1))) {
        const fm_token *t = &tok[s - 1];
        /* (a day or a month is no place: "on Wednesday, Iran launched") */
        int name = t->kind == FM_TOK_WORD && (t->flags & FM_TOKF_CAP) && !(t->wclass & (FM_WC_WEEKDAY | FM_WC_MONTH));
        /* "Harouf and Qlayleh", "Kyiv, Ukraine": the joints of a list, between names only */
        int joint = words && (fm_is_word(t, "AND") || (t->kind == FM_TOK_PUNCT && !strcmp(t->norm, ",")));
        if (!name && !joint) break;
        if (joint && !(s > 1 && tok[s - 2].kind == FM_TOK_WORD && (tok[s - 2].flags & FM_TOKF_CAP))) break;
        words += name;
        s--;
        seen++;
    }
    if (!words || mention_ending_at(c, k - 2) >= 0) return 0;
    *list_start = s;
    return fm_after_preposition(c, tok, s);
}

static int place_apposition(const fm_coder *c, const fm_token *tok, int m)
{
    size_t s;
    return place_list_start(c, tok, m, &s);
}

int fm_place_apposition(const fm_coder *c, const fm_token *tok, int m) { return place_apposition(c, tok, m); }


static const char *const LOCATIVE[] = { "IN", "NEAR", "AT", NULL };

/* Mention m, which a pattern's '+' or '$' reached from token `from` over other
 * words, stands aside of the verb's parties when it is the agent of a
 * participle phrase ("captured a facility used by ISIL": ISIL captured
 * nothing) or, for a source, a place after in / near / at ("(IN $ ATTACKS)"
 * must not read "in Harouf and Qlayleh, Lebanon, ... the attacks"). */
int fm_mention_aside(const fm_coder *c, const fm_token *tok, size_t from, int m, int source)
{
    const fm_mention *a = &c->mentions.a[m];
    size_t d = a->start;
    while (d > from && in_list(c, &tok[d - 1], W_DETERMINER)) d--;
    if (d <= from) return 0;                    /* right where the pattern stands */
    if (d >= from + 2 && fm_is_word(&tok[d - 1], "BY")) {
        const fm_token *p = &tok[d - 2];
        int vk = fm_verb_at(c, d - 2);
        if (p->kind == FM_TOK_WORD && !(p->flags & FM_TOKF_CAP) &&
            ((vk >= 0 && c->verbs.a[vk].passive) || in_list(c, p, W_BARE_PARTICIPLE) ||
             (p->norm_len >= 4 && !memcmp(p->norm + p->norm_len - 2, "ED", 2))))   /* "used", "backed" */
            return 1;
    }
    if (source && a->country && a->code && strlen(a->code) == 3 && !a->agent_only &&
        (place_apposition(c, tok, m) || in_list(c, &tok[d - 1], W_LOCATIVE)))
        return 1;
    return 0;
}

/* "released two men accused of smuggling", "shortened the nightly curfew imposed in
 * Sudan": a participle right after the plain noun of a verb's object modifies that noun;
 * it has no subject of its own (the actor before the noun did not accuse or impose). */
/* "executes six prisoners accused of", "executes a person convicted of": the participle
 * right after a bare agent that a finite verb governs (a determiner or a count between)
 * modifies that agent, as a plain noun's would */
static int object_agent_participle(const fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h)
{
    /* (a participle: "strikes" is an irregular form of the lexicon, no participle; and one
     * that a preposition follows, which a finite verb's object would not: "alleges the bank
     * violated securities laws") */
    if (ends_with(&tok[h->start], "S") || h->end >= n ||
        !(fm_is_word(&tok[h->end], "OF") || fm_is_word(&tok[h->end], "FOR") || in_list(c, &tok[h->end], W_PREPOSITION)))
        return 0;
    int m = mention_ending_at(c, h->start - 1);
    if (m < 0 || !c->mentions.a[m].agent_only || c->mentions.a[m].pronoun || c->mentions.a[m].country) return 0;
    size_t ms = c->mentions.a[m].start;
    while (ms > 0 && (in_list(c, &tok[ms - 1], W_DETERMINER) || tok[ms - 1].kind == FM_TOK_NUMBER ||
                      (tok[ms - 1].wclass & FM_WC_NUMBER)))
        ms--;
    int vk = ms > 0 ? fm_verb_at(c, ms - 1) : -1;
    return vk >= 0 && c->verbs.a[vk].form && !c->verbs.a[vk].speech && c->verbs.a[vk].end == ms;
}

static int object_participle(const fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h)
{
    int participle = h->form ? h->vform == FM_VF_ED || h->vform == FM_VF_IRREG : ends_with(&tok[h->start], "ED");
    if (c->lx->tabari_verbs || (!h->form && !h->speech) || h->passive || !participle || h->start < 2) return 0;
    if (object_agent_participle(c, tok, n, h)) return 1;
    const fm_token *noun = &tok[h->start - 1];
    if (noun->kind != FM_TOK_WORD || (noun->flags & FM_TOKF_CAP) || in_list(c, noun, W_AUX) || in_list(c, noun, W_ADVERB_GAP) ||
        in_list(c, noun, W_DETERMINER) || in_list(c, noun, W_PREPOSITION) || in_list(c, noun, W_NOUN_PREPOSITION) ||
        in_list(c, noun, W_SUBORDINATOR) || ly_adverb(noun) || fm_is_word(noun, "AND") || fm_is_word(noun, "TO") ||
        inside_mention(c, h->start - 1) || fm_verb_at(c, h->start - 1) >= 0 || in_list(c, noun, W_PERSON_PRONOUN) ||
        in_list(c, noun, W_GROUP_PRONOUN))
        return 0;
    for (size_t k = h->start - 1, steps = 0; k-- > 0 && steps < 6; steps++) {
        const fm_token *t = &tok[k];
        int vk = fm_verb_at(c, k);
        /* "Hamas said the group fired rockets": after a speech verb, a participle with an
         * object of its own is the finite verb of what is said (one that modifies a noun
         * takes none: "said the men accused of smuggling were freed") */
        /* (so is one with an object after a relative clause's object: "soldiers who stormed
         * the village killed five people") */
        if (vk >= 0 && !c->verbs.a[vk].speech && relative_verb(c, tok, &c->verbs.a[vk]) && object_follows(c, tok, n, h))
            return 0;
        if (vk >= 0 && c->verbs.a[vk].speech && h->end < n &&
            (tok[h->end].kind == FM_TOK_NUMBER ||
             (tok[h->end].kind == FM_TOK_WORD && !in_list(c, &tok[h->end], W_PREPOSITION) &&
              !in_list(c, &tok[h->end], W_AUX) &&   /* "claims the person killed was a member" */
              !fm_is_word(&tok[h->end], "BY") && !fm_is_word(&tok[h->end], "AS"))))
            return 0;
        if (vk >= 0) return c->verbs.a[vk].form || c->verbs.a[vk].speech;
        if (t->kind != FM_TOK_WORD && t->kind != FM_TOK_NUMBER) return 0;
        /* "hand over to Uganda two men accused of": a prepositional object between */
        int m = mention_ending_at(c, k);
        if (m >= 0) {
            size_t ms = c->mentions.a[m].start;
            if (ms == 0 || !(fm_is_word(&tok[ms - 1], "TO") || fm_after_preposition(c, tok, ms))) return 0;
            k = ms - 1;
            continue;
        }
        if (inside_mention(c, k) || fm_is_word(t, "AND") || in_list(c, t, W_AUX) || in_list(c, t, W_SUBORDINATOR)) return 0;
    }
    return 0;
}

/* The actor before an apposition that ends with a comma at tok[b - 1] (b: the verb
 * phrase's first word): ", a key U.S. ally in the war against terrorism," opens with an
 * article and holds no verb; -1 if there is none. */
static int apposition_subject(const fm_coder *c, const fm_token *tok, size_t b)
{
    while (b > 0 && in_list(c, &tok[b - 1], W_AUX)) b--;
    if (b < 4 || tok[b - 1].kind != FM_TOK_PUNCT || strcmp(tok[b - 1].norm, ",")) return -1;
    for (size_t k = b - 1, words = 0; k-- > 1 && words < 15; words++) {
        const fm_token *t = &tok[k];
        if (fm_verb_at(c, k) >= 0 || (t->kind != FM_TOK_WORD && t->kind != FM_TOK_POSS && t->kind != FM_TOK_NUMBER &&
                                   !(t->kind == FM_TOK_PUNCT && !strcmp(t->norm, ",") && k > 0 &&
                                     mention_ending_at(c, k - 1) >= 0)))
            return -1;
        if (!(t->kind == FM_TOK_PUNCT && k + 1 < b && (fm_is_word(&tok[k + 1], "A") || fm_is_word(&tok[k + 1], "AN") ||
                                                       fm_is_word(&tok[k + 1], "THE"))))
            continue;
        int m = mention_ending_at(c, k - 1);
        if (m < 0 || c->mentions.a[m].pronoun) return -1;
        while (m > 0 && c->mentions.a[m - 1].next == m) m--;
        return fm_after_preposition(c, tok, c->mentions.a[m].start) ? -1 : m;
    }
    return -1;
}

/* "Iran, having vowed to react strongly after Monday's U.S. action, launched": a participle
 * phrase set off by commas right before the verb describes the actor before it; that
 * mention, or -1 */
static int participle_apposition_subject(const fm_coder *c, const fm_token *tok, size_t b)
{
    if (b < 4 || tok[b - 1].kind != FM_TOK_PUNCT || strcmp(tok[b - 1].norm, ",")) return -1;
    for (size_t k = b - 1, seen = 0; k-- > 1 && seen < 20; seen++) {
        const fm_token *t = &tok[k];
        if (t->kind == FM_TOK_PUNCT && (!strcmp(t->norm, ";") || !strcmp(t->norm, ":"))) return -1;
        if (!(t->kind == FM_TOK_PUNCT && !strcmp(t->norm, ","))) continue;
        int vk = fm_verb_at(c, k + 1);
        int opens = fm_is_word(&tok[k + 1], "HAVING") ||
                    (vk >= 0 && c->verbs.a[vk].start == k + 1 &&
                     (c->verbs.a[vk].vform == FM_VF_ING || c->verbs.a[vk].vform == FM_VF_ED ||
                      (c->verbs.a[vk].speech && ends_with(&tok[k + 1], "ING"))));
        if (!opens) return -1;
        int m = mention_ending_at(c, k - 1);
        if (m < 0 || c->mentions.a[m].pronoun) return -1;
        while (m > 0 && c->mentions.a[m - 1].next == m) m--;
        return fm_after_preposition(c, tok, c->mentions.a[m].start) ? -1 : m;
    }
    return -1;
}

/* Subject: the nearest actor to the left within the clause; across a
 * coordinating "and" it is the subject of the verb before. */
/* "IS claimed responsibility for a bombing which wounded several soldiers": a relative
 * clause on the act a claim of responsibility names is the claimant's act; the index of the
 * claim's verb, else -1. */
static int claimed_relative(const fm_coder *c, const fm_token *tok, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    size_t r = h->start;
    if (r < 2 || !(fm_is_word(&tok[r - 1], "WHICH") || fm_is_word(&tok[r - 1], "THAT"))) return -1;
    for (size_t pv = v; pv-- > 0;) {
        const fm_verb_hit *p = &c->verbs.a[pv];
        if (!p->form) continue;
        size_t f = p->end;
        /* ("claimed responsibility on Saturday for a roadside bomb that killed": its day between) */
        size_t fr = f + 1 < r && fm_is_word(&tok[f], "ON") && (tok[f + 1].wclass & FM_WC_WEEKDAY) ? f + 2 : f;
        if (fr < r && (fm_is_word(&tok[f - 1], "RESPONSIBILITY") || fm_is_word(&tok[f - 1], "CREDIT")) &&
            fm_is_word(&tok[fr], "FOR")) {
            f = fr;
            /* the claimed act is a noun phrase: no clause between it and the relative word */
            for (size_t k = f + 1; k + 1 < r; k++)
                if (in_list(c, &tok[k], W_SUBORDINATOR) || (tok[k].kind == FM_TOK_PUNCT && strcmp(tok[k].norm, ",") != 0))
                    return -1;
            return (int)pv;
        }
        return -1;    /* only the verb right before may be the claim */
    }
    return -1;
}

static int finite_form(const fm_verb_hit *h) { return h->form && (h->vform == FM_VF_ED || h->vform == FM_VF_S || h->vform == FM_VF_IRREG); }

/* Verb v (its group starting at pc, adverbs before it included) comes right after a
 * comma, the verb before it is finite with the same ending, neither speaks, and an
 * AND ends the series after v ("struck targets, destroyed a tunnel and killed two
 * militants"; "attacked Hamas, killed five fighters and": not Hamas). */
static int series_verb(const fm_coder *c, const fm_token *tok, size_t n, size_t v, size_t pc)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    if (v == 0 || pc < 2 || !finite_form(h) || h->passive || tok[pc - 1].kind != FM_TOK_PUNCT || strcmp(tok[pc - 1].norm, ","))
        return 0;
    const fm_verb_hit *p = &c->verbs.a[v - 1];
    if (h->speech || !finite_form(p) || p->passive || p->speech || (p->vform == FM_VF_S) != (h->vform == FM_VF_S))
        return 0;
    for (size_t k = h->end; k < n && k < h->end + 12; k++)
        if (fm_is_word(&tok[k], "AND")) return 1;
    return 0;
}

/* A verb right after WHO / WHICH / THAT (its auxiliaries and adverbs aside): a
 * relative clause's. */
static size_t relative_word(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h);
static int relative_verb(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h)
{
    return relative_word(c, tok, h) != SIZE_MAX;
}

/* Where the relative pronoun of verb h's relative clause stands; SIZE_MAX if h is no verb of one. */
static size_t relative_word(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h)
{
    size_t k = h->start;
    while (k > 0 && (in_list(c, &tok[k - 1], W_AUX) || in_list(c, &tok[k - 1], W_BE) ||
                     in_list(c, &tok[k - 1], W_ADVERB_GAP) || ly_adverb(&tok[k - 1])))
        k--;
    /* "a village that rebels had seized": the clause's own subject between */
    int m = k > 0 ? mention_ending_at(c, k - 1) : -1;
    if (m >= 0) {
        k = c->mentions.a[m].start;
        while (k > 0 && in_list(c, &tok[k - 1], W_DETERMINER)) k--;
    }
    if (k == 0) return SIZE_MAX;
    if (fm_is_word(&tok[k - 1], "WHO") || fm_is_word(&tok[k - 1], "WHICH")) return k - 1;
    /* THAT after a noun; after a verb ("said that rebels had seized") it opens what is said */
    return fm_is_word(&tok[k - 1], "THAT") && k > 1 && tok[k - 2].kind == FM_TOK_WORD && fm_verb_at(c, k - 2) < 0
               ? k - 1 : SIZE_MAX;
}

/* "an airstrike that killed five people hit Gaza": where the relative clause whose verb's
 * object mention m is starts (its relative pronoun); SIZE_MAX if m is no such object. */
static size_t relative_object_clause(const fm_coder *c, const fm_token *tok, int m)
{
    size_t s = c->mentions.a[m].start;
    if (c->mentions.a[m].pronoun) return SIZE_MAX;   /* "which states it targeted": its subject */
    while (s > 0 && (in_list(c, &tok[s - 1], W_DETERMINER) || tok[s - 1].kind == FM_TOK_NUMBER ||
                     (tok[s - 1].wclass & FM_WC_NUMBER)))
        s--;
    int vk = s > 0 ? fm_verb_at(c, s - 1) : -1;
    /* (not after a verb of saying, whose object is a clause: "which states it targeted") */
    if (vk < 0 || c->verbs.a[vk].end != s || c->verbs.a[vk].speech || (tok[c->verbs.a[vk].start].wclass & FM_WC_SPEECH))
        return SIZE_MAX;
    return noun_relative_word(c, tok, &c->verbs.a[vk]);
}

/* relative_word, where a THAT follows an actor or an attack noun ("the militia that", "an
 * airstrike that"): after other words it may open what is found or said ("finds that X
 * violated", with a verb the lexicon lacks) */
static size_t noun_relative_word(const fm_coder *c, const fm_token *tok, const fm_verb_hit *h)
{
    size_t rw = relative_word(c, tok, h);
    if (rw == SIZE_MAX || !fm_is_word(&tok[rw], "THAT")) return rw;
    return mention_ending_at(c, rw - 1) >= 0 || in_list(c, &tok[rw - 1], W_ATTACK_NOUN) ? rw : SIZE_MAX;
}

/* 1 if mention m is the agent of an intent noun whose infinitive is verb h: "a plan by
 * Israel to assassinate the supreme leader" (Israel would assassinate, not the one who
 * vetoed the plan; mode.c makes the act hypothetical). */
static int intent_agent(const fm_coder *c, const fm_token *tok, int m, const fm_verb_hit *h)
{
    const fm_mention *x = &c->mentions.a[m];
    if (x->weapon || h->start < 2 || x->end + 1 != h->start || !fm_is_word(&tok[h->start - 1], "TO")) return 0;
    size_t s = x->start;
    if (s > 0 && in_list(c, &tok[s - 1], W_ARTICLE)) s--;
    return s >= 2 && fm_is_word(&tok[s - 1], "BY") && in_list(c, &tok[s - 2], W_INTENT_NOUN);
}

int fm_intent_infinitive(const fm_coder *c, const fm_token *tok, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    if (h->start < 2) return 0;
    int m = mention_ending_at(c, h->start - 2);
    return m >= 0 && intent_agent(c, tok, m, h);
}

/* Where the name of mention m starts: "Nasser Hospital" is the agent "Hospital" after a
 * name's capitalised words the dictionaries do not hold (a hospital, a university, a
 * ministry named for someone); other mentions start where they start. */
static size_t name_start(const fm_coder *c, const fm_token *tok, int m)
{
    const fm_mention *x = &c->mentions.a[m];
    size_t s = x->start;
    if (!x->agent_only || x->pronoun || !(tok[s].flags & FM_TOKF_CAP)) return s;
    for (int w = 0; w < 3 && s > 1 && tok[s - 1].kind == FM_TOK_WORD && (tok[s - 1].flags & FM_TOKF_CAP) &&
                    !inside_mention(c, s - 1) && fm_verb_at(c, s - 1) < 0 && !in_list(c, &tok[s - 1], W_DETERMINER);
         w++)
        s--;
    return s;
}

/* 1 if mention m is whom a verb of telling right before it addresses ("told Reuters",
 * "informed the council") */
static int addressee(const fm_coder *c, const fm_token *tok, int m)
{
    /* (not WARNED: "warned Argentina may break off talks" names the subject) */
    static const char *const tell[] = { "TOLD", "TELL", "TELLS", "TELLING", "INFORMED", "INFORMS", "ASSURED",
                                        "ASSURES", "REMINDED", NULL };
    size_t s = c->mentions.a[m].start;
    while (s > 0 && in_list(c, &tok[s - 1], W_DETERMINER)) s--;
    if (s == 0 || fm_verb_at(c, s - 1) < 0) return 0;
    for (const char *const *w = tell; *w; w++)
        if (fm_is_word(&tok[s - 1], *w)) return 1;
    return 0;
}

/* 1 if mention m, one capitalised word coding a country, modifies an attack noun before the
 * verb at v and the gazetteer knows the word as a town ("a Kabul car bombing", "the Moscow
 * concert hall attack"): a capital there is the place, where "an Afghan car bombing" names
 * the attacker's country */
static int place_modifier(const fm_coder *c, const fm_token *tok, int m, size_t v)
{
    const fm_mention *a = &c->mentions.a[m];
    if (!c->geo || a->end != a->start + 1 || !a->code || strlen(a->code) != 3 || !a->country || a->agent_only ||
        !(tok[a->start].flags & FM_TOKF_CAP))
        return 0;
    int attack = 0;
    for (size_t k = a->end; k < v; k++) {
        if (tok[k].kind != FM_TOK_WORD || fm_verb_at(c, k) >= 0 || any_preposition(c, &tok[k])) return 0;
        attack |= in_list(c, &tok[k], W_ATTACK_NOUN);
    }
    fm_place p;
    /* (a town of the mention's own country: "Canadian" is also a town in Texas) */
    if (!attack || !fm_geo_lookup(c->geo, tok[a->start].norm, tok[a->start].norm_len, NULL, &p) || !p.precision ||
        strcmp(p.precision, "town") || !p.country[0])
        return 0;
    const char *a3 = fm_country_alpha3(c->geo, p.country);
    return a3 && !strcmp(a3, a->country);
}

/* 1 if a word or a number that may open an object follows verb h */
static int object_follows(const fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h)
{
    if (h->end >= n) return 0;
    const fm_token *t = &tok[h->end];
    return t->kind == FM_TOK_NUMBER || (t->kind == FM_TOK_WORD && !in_list(c, t, W_PREPOSITION) &&
                                        !in_list(c, t, W_SUBORDINATOR) && !in_list(c, t, W_AUX) &&
                                        !in_list(c, t, W_ADVERBIAL_SUBORDINATOR) && !fm_is_word(t, "BY"));
}

/* 1 unless h is a participle with no object after it ("which left Rushdie severely injured
 * while": the object's state, no verb of its own) */
static int verb_with_object(const fm_coder *c, const fm_token *tok, size_t n, const fm_verb_hit *h)
{
    return !(h->vform == FM_VF_ED || h->vform == FM_VF_IRREG) || object_follows(c, tok, n, h);
}

/* 1 if tok[a, b) is the object alone of a relative clause whose pronoun is at rw, so that
 * the verb at b is the main clause's: a noun phrase opened by a determiner, a number or an
 * actor, up to five words, no preposition or AND in it ("civilians who were killed in
 * massacres by", "liquidity which threatened money supply and inflation targets" are not);
 * after ", which" the clause closes with a comma ("the army, which shelled the town, killed") */
static int relative_clause_object(const fm_coder *c, const fm_token *tok, size_t rw, size_t a, size_t b)
{
    int comma = rw > 0 && tok[rw - 1].kind == FM_TOK_PUNCT && !strcmp(tok[rw - 1].norm, ",");
    if (comma) {
        if (b == 0 || tok[b - 1].kind != FM_TOK_PUNCT || strcmp(tok[b - 1].norm, ",")) return 0;
        b--;
    }
    if (a >= b || b - a > 5) return 0;
    if (!(in_list(c, &tok[a], W_DETERMINER) || tok[a].kind == FM_TOK_NUMBER || (tok[a].wclass & FM_WC_NUMBER) ||
          inside_mention(c, a)))
        return 0;
    for (size_t k = a; k < b; k++) {
        /* (its date aside: "which shelled the town on Friday, killed") */
        size_t dl = on_date_at(tok, b, k);
        if (dl) { k += dl - 1; continue; }
        if (any_preposition(c, &tok[k]) || fm_is_word(&tok[k], "AND") || tok[k].kind == FM_TOK_PUNCT) return 0;
    }
    return 1;
}

int fm_subject_of(fm_coder *c, const fm_token *tok, size_t n, size_t v)
{
    int claim = -1;
    fm_verb_hit *h = &c->verbs.a[v];
    if (h->subject_done) return h->subject;
    h->subject_done = 1;
    h->subject = -1;
    if ((claim = claimed_relative(c, tok, v)) >= 0) {
        inherit_subject(c, tok, n, h, (size_t)claim);
        h->speaker_act = 1;
        return h->subject;
    }
    /* ", killing three people", ", allegedly killing": a participle after a comma shares the
     * main verb's subject */
    size_t pc = h->start;
    while (pc > 0 && (in_list(c, &tok[pc - 1], W_ADVERB_GAP) || ly_adverb(&tok[pc - 1]))) pc--;
    /* (not a verb of a relative clause between: "attack soldiers who were dispatched to
     * the area, injuring four": the attackers injure) */
    if (h->form && h->vform == FM_VF_ING && pc > 0 && tok[pc - 1].kind == FM_TOK_PUNCT && v > 0) {
        size_t pv = v - 1;
        /* (nor a phrase a preposition opens: "in support of the government, killing") */
        while (pv > 0 && (relative_verb(c, tok, &c->verbs.a[pv]) ||
                          in_list(c, &tok[c->verbs.a[pv].start], W_PREPOSITION)))
            pv--;
        return inherit_subject(c, tok, n, h, pv);
    }
    /* "The army shelled the town, killed five people and wounded ten": a finite verb right
     * after the comma of a series shares the subject of the finite verb before it */
    if (series_verb(c, tok, n, v, pc)) return inherit_subject(c, tok, n, h, v - 1);
    /* "killed five militants after repelling an ambush", "After storming the camp, troops
     * killed": a participle right after a preposition has no subject of its own; it is
     * the main clause's */
    if (h->form && h->vform == FM_VF_ING && pc > 0 && in_list(c, &tok[pc - 1], W_PARTICIPLE_PREPOSITION)) {
        size_t pv = v;
        /* (nor a participle phrase between: "accept a ceasefire proposed by mediators after
         * capturing El Fasher" is the RSF's capture) */
        while (pv > 0 && (c->verbs.a[pv - 1].vform == FM_VF_ING || !c->verbs.a[pv - 1].form ||
                          (c->verbs.a[pv - 1].start > 0 && fm_is_word(&tok[c->verbs.a[pv - 1].start - 1], "TO")) ||
                          reduced_passive(c, tok, (int)pv - 1)))
            pv--;
        if (pv > 0) return inherit_subject(c, tok, n, h, pv - 1);
        /* "After storming the camp, troops killed": the verb after a phrase that opens the
         * sentence; else the usual search */
        int opens = pc == 1 || (pc > 1 && tok[pc - 2].kind == FM_TOK_PUNCT);
        if (opens && v + 1 < c->verbs.n && (h->subject = fm_subject_of(c, tok, n, v + 1)) >= 0) return h->subject;
    }
    /* "The RSF denied targeting civilians and accused the army": a verb right after
     * "and" shares the subject of the verb before, not the object between them */
    size_t b = h->start;
    while (b > 0 && (in_list(c, &tok[b - 1], W_ADVERB_GAP) || ly_adverb(&tok[b - 1]))) b--;
    if (b > 1 && (fm_is_word(&tok[b - 1], "AND") || fm_is_word(&tok[b - 1], "BUT")) && v > 0) {
        size_t pv = v - 1;
        const fm_verb_hit *p = &c->verbs.a[pv];
        int stop = 0;
        /* only the first verb's object may stand between: no clause of its own
         * ("said that soldiers sprayed people and opened fire", "as forces overwhelm") */
        for (size_t k = p->end; k + 1 < b; k++)
            if ((tok[k].kind == FM_TOK_PUNCT && strcmp(tok[k].norm, ",") != 0) || in_list(c, &tok[k], W_SUBORDINATOR)) stop = 1;
        if (!stop && p->end < b && !say_verb(p)) return inherit_subject(c, tok, n, h, pv);
    }
    if (object_participle(c, tok, n, h)) return h->subject;
    /* "Pakistan, a key U.S. ally in the war, has refused": an apposition closed by a comma
     * right before the verb describes the actor before it */
    int appo = apposition_subject(c, tok, b);
    if (appo < 0) appo = participle_apposition_subject(c, tok, b);
    if (appo >= 0) return h->subject = appo;
    /* "causing a desalination plant that supplies drinking water": a relative pronoun right
     * before the verb has the noun before it for subject; a noun no actor holds names none */
    if (b > 1 && (fm_is_word(&tok[b - 1], "THAT") || fm_is_word(&tok[b - 1], "WHICH") || fm_is_word(&tok[b - 1], "WHO"))) {
        size_t a = b - 1;
        if (a > 1 && tok[a - 1].kind == FM_TOK_PUNCT && !strcmp(tok[a - 1].norm, ",")) a--;
        /* ("PODEMOS candidate Venancio Mondlane, who": a name the dictionaries lack after an actor) */
        for (int w = 0; w < 3 && a > 1 && tok[a - 1].kind == FM_TOK_WORD && (tok[a - 1].flags & FM_TOKF_CAP) &&
                        mention_ending_at(c, a - 1) < 0 && fm_verb_at(c, a - 1) < 0;
             w++)
            a--;
        /* ("an operation that killed 40 militants": an attack's verb is its attacker's, found below) */
        int attack = in_list(c, &tok[a - 1], W_ATTACK_NOUN) || in_list(c, &tok[a - 1], W_ING_HEAD) ||
                     fm_is_word(&tok[a - 1], "OFFENSIVE") || fm_is_word(&tok[a - 1], "OPERATIONS");
        if (!attack && mention_ending_at(c, a - 1) < 0 && fm_verb_at(c, a - 1) < 0) return h->subject;
    }
    int saw_and = 0, by_agent = -1;
    for (size_t k = h->start; k-- > 0;) {
        const fm_token *t = &tok[k];
        if (t->kind == FM_TOK_PUNCT && (strcmp(t->norm, ";") == 0 || strcmp(t->norm, ":") == 0)) break;
        int m = mention_ending_at(c, k);
        if (m >= 0 && intent_agent(c, tok, m, h)) { h->subject = m; break; }
        if (m >= 0 && fm_after_preposition(c, tok, name_start(c, tok, m))) {
            k = c->mentions.a[m].start;     /* "a strike on a market in Sudan kills": not Sudan */
            continue;
        }
        /* (a participle with no object after it is the object's state: "which left Rushdie
         * severely injured while") */
        size_t rw = m >= 0 && verb_with_object(c, tok, n, h) ? relative_object_clause(c, tok, m) : SIZE_MAX;
        if (rw != SIZE_MAX) { k = rw; continue; }   /* the object of a relative clause is none */
        /* "a spokesperson told the Military Times the attack took place": whom a speaker tells
         * is no actor of what is told */
        /* (but "told ministries to curb spending", "warned Argentines against travelling": the
         * one told is the subject of an infinitive or a gerund) */
        if (m >= 0 && addressee(c, tok, m) && h->vform != FM_VF_ING && !(h->start > 0 && fm_is_word(&tok[h->start - 1], "TO")))
            break;
        /* "the perpetrator of the bar shooting that killed four is arrested": an attack
         * another verb took for its subject is nobody's subject here */
        if (m >= 0 && c->mentions.a[m].weapon) { k = c->mentions.a[m].start; continue; }
        /* "Russian troops, backed by Belarus, attacked": the agent of a participle phrase */
        if (m >= 0) {
            size_t b = c->mentions.a[m].start;
            /* "by heavy artillery", "by the army" */
            for (int w = 0; w < 2 && b > 1 && !fm_is_word(&tok[b - 1], "BY") && tok[b - 1].kind == FM_TOK_WORD &&
                            !(tok[b - 1].flags & FM_TOKF_CAP) && fm_verb_at(c, b - 1) < 0; w++)
                b--;
            int pv = b > 1 && fm_is_word(&tok[b - 1], "BY") ? fm_verb_at(c, b - 2) : -1;
            if (pv >= 0 && reduced_passive(c, tok, pv)) {
                if (by_agent < 0) by_agent = m;
                k = c->verbs.a[pv].start;
                continue;
            }
        }
        /* "a Kabul car bombing killed": a city before an attack noun is where, not who */
        if (m >= 0 && place_modifier(c, tok, m, h->start)) { k = c->mentions.a[m].start; continue; }
        if (m >= 0) {
            /* the head of a compound stands for all of it */
            while (m > 0 && c->mentions.a[m - 1].next == m) m--;
            /* "a strike in Kyiv, Ukraine, kills": a place list after a preposition is where */
            if (fm_after_preposition(c, tok, c->mentions.a[m].start) || place_apposition(c, tok, m)) {
                k = c->mentions.a[m].start;
                continue;
            }
            /* "Russian aircraft including helicopter gunships killed": the whole, not its example */
            size_t ms = c->mentions.a[m].start;
            while (ms > 0 && (in_list(c, &tok[ms - 1], W_DETERMINER) || tok[ms - 1].kind == FM_TOK_NUMBER ||
                              (tok[ms - 1].kind == FM_TOK_WORD && !(tok[ms - 1].flags & FM_TOKF_CAP) &&
                               !fm_is_word(&tok[ms - 1], "INCLUDING") && ms + 2 > c->mentions.a[m].start)))
                ms--;
            if (ms > 1 && fm_is_word(&tok[ms - 1], "INCLUDING")) {
                size_t e = ms - 1;
                if (e > 0 && tok[e - 1].kind == FM_TOK_PUNCT && !strcmp(tok[e - 1].norm, ",")) e--;
                int whole = e > 0 ? mention_ending_at(c, e - 1) : -1;
                if (whole >= 0 && !c->mentions.a[whole].pronoun &&
                    !fm_after_preposition(c, tok, c->mentions.a[whole].start)) {
                    while (whole > 0 && c->mentions.a[whole - 1].next == whole) whole--;
                    m = whole;
                }
            }
            h->subject = m;
            break;
        }
        if (fm_is_word(t, "AND") || fm_is_word(t, "BUT") || fm_is_word(t, "THEN")) saw_and = 1;
        int vk = fm_verb_at(c, k);
        if (vk >= 0) {
            fm_verb_hit *p = &c->verbs.a[vk];
            /* "X denied targeting civilians": the denied act is X's (its mode says denied) */
            if (p->speech == FM_ATTRIB_DENY && h->form && denied_gerund(c, tok, p->end, h->start) &&
                (h->vform == FM_VF_ING || (h->start > p->end && fm_is_word(&tok[h->start - 1], "HAVING")))) {
                h->subject = fm_subject_of(c, tok, n, (size_t)vk);
                h->denied = vk + 1;
                break;
            }
            /* "the RSF are accused of stealing": the accused of a passive charge is the
             * actor of the act charged (the charge's frame makes it reported) */
            if (p->speech == FM_ATTRIB_ACCUSE && p->passive && h->vform == FM_VF_ING && p->end + 1 == h->start &&
                (fm_is_word(&tok[p->end], "OF") || fm_is_word(&tok[p->end], "FOR"))) {
                h->subject = fm_subject_of(c, tok, n, (size_t)vk);
                break;
            }
            if (p->speech) break;                       /* "X said Y": X is no subject of Y's verb */
            /* "the army, which shelled the town, killed": over a relative clause to its noun
             * (only a verb and its object: "civilians who were killed in sectarian massacres
             * by" ends in a noun phrase, no verb) */
            size_t rw = noun_relative_word(c, tok, p);
            if (rw != SIZE_MAX && relative_clause_object(c, tok, rw, p->end, h->start) && verb_with_object(c, tok, n, h)) {
                k = rw;
                continue;
            }
            /* "Russian troops, backed by close air support, enter": a participle phrase */
            if (reduced_passive(c, tok, vk) || reduced_relative(c, tok, vk, h) || plural_after_of(c, tok, vk)) {
                k = p->start;
                continue;
            }
            /* (right before it or its adverbs: "decided to completely militarily occupy", "has
             * again appealed"; "further" before a noun is an adjective: "threatened further
             * attacks") */
            size_t hs = h->start;
            while (hs > k + 1 && !fm_is_word(&tok[hs - 1], "FURTHER") &&
                   (in_list(c, &tok[hs - 1], W_ADVERB_GAP) || ly_adverb(&tok[hs - 1])))
                hs--;
            if (saw_and || (k + 1 == hs)) { h->subject = fm_subject_of(c, tok, n, (size_t)vk); break; }
            /* "Israeli airstrikes across the Gaza Strip kill": a plural form after an actor and
             * followed by a prepositional phrase is the head noun of the subject, not a verb */
            if (p->vform == FM_VF_S && p->start > 0 && p->end < h->start && in_list(c, &tok[p->end], W_PREPOSITION)) {
                int before = mention_ending_at(c, p->start - 1);
                if (before >= 0) { h->subject = before; break; }
            }
            /* "A Russian drone attack on Dnipro kills": after "a" + an actor a bare form is
             * the head noun too (a verb there would say "attacks") */
            if (p->vform == FM_VF_BASE && p->start > 0 && p->end < h->start && in_list(c, &tok[p->end], W_PREPOSITION)) {
                int before = mention_ending_at(c, p->start - 1);
                size_t ms = before >= 0 ? c->mentions.a[before].start : 0;
                if (before >= 0 && ms > 0 && (fm_is_word(&tok[ms - 1], "A") || fm_is_word(&tok[ms - 1], "AN"))) {
                    h->subject = before;
                    break;
                }
            }
            /* "urged X to stop": handled by the object of the first verb; no subject here */
            break;
        }
        if (fm_is_word(t, "THAT") && k + 1 < h->start) break;   /* complement clause start */
        /* "surrender to the authorities as offensive operations resume": the clause an
         * adverbial subordinator opens has its own subject ("as part of the operation,
         * troops" has a comma and is no such clause) */
        if (in_list(c, t, W_ADVERBIAL_SUBORDINATOR) && k + 1 < h->start && !punct_between(tok, k + 1, h->start)) break;
        /* (and so does "after" or "before" before words and a finite verb with no actor
         * among them: "sentences eight people after a truck bomb killed five" is no
         * killing by the people sentenced) */
        if ((fm_is_word(t, "AFTER") || fm_is_word(t, "BEFORE")) && h->form && h->vform != FM_VF_ING &&
            k + 1 < h->start && !punct_between(tok, k + 1, h->start))
            break;
    }
    /* "a device left by cartel members detonates": no actor before the participle phrase;
     * its agent is the one who acts */
    if (h->subject < 0 && by_agent >= 0) h->subject = by_agent;
    return h->subject;
}

/* First mention starting in [start_min, limit); allow_gap 0: must start at
 * start_min (after determiners). */
int fm_mention_at(const fm_coder *c, size_t start_min, size_t limit, int allow_gap, const fm_token *tok)
{
    size_t s = start_min;
    if (!allow_gap) while (s < limit && in_list(c, &tok[s], W_DETERMINER)) s++;
    for (size_t k = 0; k < c->mentions.n; k++) {
        const fm_mention *m = &c->mentions.a[k];
        if (m->start < start_min || m->start >= limit || m->weapon) continue;
        if (!allow_gap && m->start > s) return -1;
        return (int)k;
    }
    return -1;
}

/* Where the clause of verb v starts, for the words of its patterns before
 * '*': after a semicolon or colon, a relative or subordinating word, or a
 * speech verb ("said the army struck" starts at "the"). */
size_t fm_clause_start(const fm_coder *c, const fm_token *tok, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    /* The last token before the verb where a say verb before it is the verb
     * (verb_at's, the first that covers it): found from the few say verbs;
     * asking verb_at of every token walked back over cost a scan of all verbs. */
    size_t at = 0;
    int said = -1;
    for (size_t j = 0; j < v; j++) {
        const fm_verb_hit *p = &c->verbs.a[j];
        if (!say_verb(p)) continue;
        for (size_t k = p->end < h->start ? p->end : h->start; k-- > p->start && (said < 0 || k > at);)
            if (fm_verb_at(c, k) == (int)j) { at = k; said = (int)j; break; }
    }
    for (size_t k = h->start; k-- > at;) {
        const fm_token *t = &tok[k];
        if (t->kind == FM_TOK_PUNCT && (strcmp(t->norm, ";") == 0 || strcmp(t->norm, ":") == 0)) return k + 1;
        /* ("a roadside bomb that killed": the attack noun a relative pronoun follows is the
         * subject its patterns name) */
        if (k > 0 && (fm_is_word(t, "THAT") || fm_is_word(t, "WHICH")) && in_list(c, &tok[k - 1], W_ATTACK_NOUN)) continue;
        if (in_list(c, t, W_SUBORDINATOR) && !fm_is_word(t, "AFTER") && !fm_is_word(t, "BEFORE")) return k + 1;
    }
    return said >= 0 ? c->verbs.a[said].end : 0;
}

/* ", with Iran warning", ", with one person killed": WITH at w opens an absolute phrase (a noun
 * and an -ING or -ED word, no comma between), not "with drones" or "with cruise missiles" */
static int absolute_with(const fm_token *tok, size_t n, size_t w)
{
    if (!fm_is_word(&tok[w], "WITH")) return 0;
    for (size_t k = w + 2; k < n && k <= w + 6; k++) {
        const fm_token *t = &tok[k];
        if (t->kind == FM_TOK_PUNCT) return 0;
        if (t->kind == FM_TOK_WORD && t->norm_len > 4 && !(t->flags & FM_TOKF_CAP) &&
            (ends_with(t, "ING") || ends_with(t, "ED")))
            return 1;
    }
    return 0;
}

/* Where the clause of verb v ends: the next verb that is not its infinitive
 * complement, a semicolon, a relative pronoun after a comma, or the end. */
size_t fm_clause_end(const fm_coder *c, const fm_token *tok, size_t n, size_t v)
{
    const fm_verb_hit *h = &c->verbs.a[v];
    /* fm_verb_at(k) for k rising from h->end: the verbs stand in order and do not
     * overlap, so a cursor over the later ones answers it (vk: -1 or w) */
    size_t w = v + 1;
    for (size_t k = h->end; k < n; k++) {
        const fm_token *t = &tok[k];
        while (w < c->verbs.n && c->verbs.a[w].end <= k) w++;
        if (t->kind == FM_TOK_PUNCT && strcmp(t->norm, ";") == 0) return k;
        /* "willing to impose sanctions if aid is blocked": a condition is a clause of its own */
        if (k > h->end && (fm_is_word(t, "IF") || fm_is_word(t, "UNLESS"))) return k;
        if (t->kind == FM_TOK_PUNCT && strcmp(t->norm, ",") == 0 && k + 1 < n &&
            (fm_is_word(&tok[k + 1], "WHO") || fm_is_word(&tok[k + 1], "WHICH") || fm_is_word(&tok[k + 1], "WHILE") ||
             /* ", with the latter confirming on Twitter": an absolute phrase is no part of the clause */
             absolute_with(tok, n, k + 1)))
            return k;
        /* "After Israel struck Gaza, Egypt and Qatar called": the opening clause ends at its comma */
        if (t->kind == FM_TOK_PUNCT && !c->lx->tabari_verbs && opening_clause_comma(c, tok, k)) return k;
        int vk = w < c->verbs.n && c->verbs.a[w].start <= k ? (int)w : -1;
        if (vk > (int)v) {
            /* the later words of an infinitive complement ("offered to hand over to Britain"):
             * its first word decided */
            size_t vs = c->verbs.a[vk].start;
            if (k != vs && vs > 0 && fm_is_word(&tok[vs - 1], "TO")) continue;
            /* "agreed to restore", "began shelling": the complement stays in the clause */
            if (k > 0 && fm_is_word(&tok[k - 1], "TO")) continue;
            /* "to help defend Saudi Arabia": help takes a bare infinitive */
            if (k > 0 && fm_is_word(&tok[k - 1], "HELP") && c->verbs.a[vk].vform == FM_VF_BASE) continue;
            if (c->verbs.a[vk].form && c->verbs.a[vk].vform == FM_VF_ING && k == h->end) continue;
            return k;
        }
    }
    return n;
}

/* The lists of W_*, for the coder's word table (wordlist.h). */
static const char *const *const CLAUSE_LISTS[W_LISTS] = {
    [W_AUX] = AUX, [W_BE] = BE, [W_ADVERB_GAP] = ADVERB_GAP, [W_DETERMINER] = DETERMINER, [W_ARTICLE] = ARTICLE,
    [W_PREPOSITION] = PREPOSITION, [W_NOUN_PREPOSITION] = NOUN_PREPOSITION, [W_POSSESSIVE] = POSSESSIVE,
    [W_PERSON_PRONOUN] = PERSON_PRONOUN, [W_GROUP_PRONOUN] = GROUP_PRONOUN, [W_GROUP_NOUN] = GROUP_NOUN,
    [W_SUBORDINATOR] = SUBORDINATOR, [W_ADVERBIAL_SUBORDINATOR] = ADVERBIAL_SUBORDINATOR,
    [W_PARTICIPLE_PREPOSITION] = PARTICIPLE_PREPOSITION, [W_HEDGE_PARTICIPLE] = HEDGE_PARTICIPLE, [W_COME] = COME,
    [W_BARE_PARTICIPLE] = BARE_PARTICIPLE, [W_INSTITUTION_WORD] = INSTITUTION_WORD,
    [W_RELATION_NOUN] = RELATION_NOUN, [W_TITLE] = TITLE, [W_COUNT_WORD] = COUNT_WORD, [W_AMOUNT] = AMOUNT,
    [W_WEAPON] = WEAPON, [W_PLACE_BEFORE_OF] = PLACE_BEFORE_OF, [W_ATTACK_NOUN] = ATTACK_NOUN,
    [W_LOCATIVE] = LOCATIVE, [W_ING_HEAD] = ING_HEAD, [W_INTENT_NOUN] = INTENT_NOUN,
};
/* in_list holds words and possessives ("'S") only */
const fm_wordlist_group fm_clause_words = { CLAUSE_LISTS, W_LISTS, 1u << FM_TOK_WORD | 1u << FM_TOK_POSS };
