/* coder.h — the inside of fm_coder, shared by the stages of one document:
 * clause.c (lexicon matches, actors, verbs, subjects and objects), the event
 * builder in coder.c and context.c (date, place, attribution, mode, counts). */
#ifndef FM_CODER_H
#define FM_CODER_H
#include "factum.h"
#include "lexicon.h"
#include "text.h"
#include "vec.h"
#include "geo.h"
#include "attribution.h"
#include "wordlist.h"
#include <string.h>

/* An actor named in a sentence: a noun phrase that resolved to a code. */
typedef struct fm_mention {
    size_t start, end;      /* tokens */
    const char *code;       /* "IRQMIL", "COP", or NULL for a bare pronoun */
    const char *country;    /* ISO alpha-3 or NULL */
    const char *name;       /* canonical dictionary name or NULL */
    int next;               /* next member of a compound ("US and British forces"), -1 */
    int compound_head;      /* 1 on the first member of a compound */
    int pronoun;            /* he / she / they / it / the group: resolved by coreference */
    int agent_only;         /* "police", "rebels": no named actor */
    int actor_words;        /* words of the actor phrase itself (not its agent) when it may be a
                               personal name, 0 for an institution: 2+ names a person */
    int agent_prefix;       /* an agent coded [NGO~]: its code goes before an actor's */
    int implied;            /* TABARI's DEFAULT actor: a code without words (start = end = past the sentence) */
    int owned;              /* "the army": takes the country of an actor before it */
    int weapon;             /* "a drone strike", "a bomb": an attack named without its attacker (no code) */
    int modifier;           /* "military cooperation": an agent word modifying a noun, never an object */
    size_t reach;           /* a gapped actor ("DURTHANG ORC" in "Durthang and an Orc"): where its last
                               word ends (the mention covers its first part), else 0 */
} fm_mention;
FM_VEC(fm_mention_vec, fm_mention)

/* A verb found in a sentence. */
typedef struct fm_verb_hit {
    size_t start, end;      /* tokens */
    const fm_verb_form *form;
    int vform;              /* FM_VF_* of the word in the text (a stem's is read off its ending) */
    int passive;
    int joined_passive;     /* "are killed and 29 more injured": this participle shares the passive of
                               the verb before it (whose agent may stand after this one) */
    int speech;             /* fm_attrib_kind of a speech verb, else 0 */
    int subject;            /* mention index or -1 (resolved lazily) */
    int subject_done;
    int denied;             /* the -ing object of a denial ("denied targeting"): the denier is its subject;
                               the denial verb's index + 1, else 0 */
    int mode_from;          /* "denied targeting civilians and accused the army": the mode is that of the
                               verb with this index + 1 (the denial), not of the denied act; 0: its own */
    int speaker_act;        /* its subject is a speaker's, taken over from a coded speech verb ("claimed
                               responsibility for the attack, killing"): it may stand in a frame head */
} fm_verb_hit;
FM_VEC(fm_verb_vec_t, fm_verb_hit)

FM_VEC(fm_event_vec, fm_event)

/* A synset that has a member starting at a token, and the tokens its longest
 * member covers up to the sentence end (verb_match.c's per-sentence table). */
typedef struct fm_syn_hit { uint32_t set, len; } fm_syn_hit;
FM_VEC(fm_syn_hit_vec, fm_syn_hit)

/* Token positions of an event in its sentence, for the context stage. */
typedef struct fm_event_tokens {
    size_t verb_start, verb_end;
    size_t src_start, src_end, tgt_start, tgt_end;   /* start == end: none */
    size_t clause_start, clause_end;
    int priority;           /* FM_PRIORITY_*: TABARI's subordinate [023?] and dominant [111!] codes */
} fm_event_tokens;
enum { FM_PRIORITY_NORMAL = 0, FM_PRIORITY_SUBORDINATE, FM_PRIORITY_DOMINANT };
FM_VEC(fm_evtok_vec, fm_event_tokens)

/* A sentence that coded no event, its places not yet read (context.c): its index,
 * and the document's event count when it was coded (the events it may place). */
typedef struct fm_quiet_sentence { size_t si, n_events; } fm_quiet_sentence;
FM_VEC(fm_quiet_vec, fm_quiet_sentence)

/* A runaway "sentence" is coded on its first tokens only: bounded work. */
#define FM_SENTENCE_MAX_TOKENS 4096

/* What coreference remembers across sentences of a document. */
typedef struct fm_memory {
    fm_mention last_person, last_group, last_any;
    int have_person, have_group, have_any;
    size_t person_at, group_at, any_at;   /* sentence each was last named in */
    const char *last_state;     /* country of the last state actor named ("the army" of a later sentence) */
    fm_mention last_pair[2];    /* the last compound of two actors ("Israel and Iran"): "both countries" */
    int have_pair;
    size_t pair_at;
} fm_memory;

struct fm_coder {
    const fm_lexicon *lx;
    fm_options opt;
    fm_diag_fn diag;
    void *diag_user;
    fm_gazetteer *geo;          /* may be NULL: no places */
    fm_arena arena;             /* everything of one document */
    fm_span_vec sentences;
    fm_token_vec doc_tokens;    /* every sentence's tokens, read in one pass */
    fm_span_vec sentence_tokens;/* sentence i's tokens: doc_tokens[start, end) */
    fm_token_vec tokens;
    fm_tok_ids *ids; size_t ids_cap;
    fm_tok_memo_entry *tok_memo;   /* FM_TOK_MEMO_SIZE entries */
    fm_wclass_memo *wclass_memo;
    fm_wordlists wordlists;     /* word -> the rule files' word lists it is in */
    fm_word_marks *marks;       /* parallel to tokens (ids_cap of them): each token's lists */
    const fm_token *tokens_now;  /* the sentence being coded */
    const fm_attrib_frame *frames_now;   /* its attribution frames (none on the TABARI path) */
    size_t n_frames_now;
    fm_mention_vec mentions;
    fm_verb_vec_t verbs;
    fm_event_vec events;
    fm_evtok_vec evtok;         /* parallel to events */
    fm_memory memory;
    size_t sentence_now;        /* index of the sentence being coded: how far back memory reaches */
    /* verb_match.c's per-sentence tables, rebuilt when fm_find_verbs clears
     * syn_valid: which words and synsets the sentence holds (stamp arrays
     * indexed by word id and synset id: a word's is a byte, 45 KB for the
     * Phoenix set that stay in cache where 32-bit stamps were 180 KB; it
     * wraps every 255 sentences, and the array is cleared then), and each
     * token's synset hits. */
    int syn_valid;
    uint8_t word_stamp_now, *word_stamp;
    uint32_t stamp, *syn_stamp;
    size_t syn_from;            /* the hits of tokens >= syn_from are built */
    uint32_t *syn_off;          /* token i's hits: syn_hits.a[syn_off[i] .. syn_off[i] + syn_cnt[i]) */
    uint32_t *syn_cnt;
    size_t syn_tok_cap;
    fm_syn_hit_vec syn_hits;
    fm_geo_context geo_ctx;
    fm_quiet_vec quiet;         /* sentences whose places wait until something asks (context.c) */
    fm_geo_mention scene;       /* the last town-level place the document named */
    int have_scene;
    char fwd_prev[16], fwd_next[16];   /* FORWARD: the actor of the previous document, and of this one */
    int fwd_mention;            /* the forwarded actor as an implied mention of the sentence, or -1 */
    int32_t doc_date;           /* yyyymmdd */
    int doc_y, doc_m, doc_d;
    int date_known;
};

/* Sentence-level stages (clause.c). */
void fm_find_mentions(fm_coder *c, const fm_doc *doc, const fm_token *tok, size_t n);
void fm_find_verbs(fm_coder *c, const fm_token *tok, size_t n);
int fm_subject_of(fm_coder *c, const fm_token *tok, size_t n, size_t v);
int fm_weapon_subject(fm_coder *c, const fm_token *tok, size_t n, size_t v);
int fm_thing_subject(fm_coder *c, const fm_token *tok, size_t n, size_t v, const char *synset);
int fm_mention_at(const fm_coder *c, size_t start_min, size_t limit, int allow_gap, const fm_token *tok);
int fm_verb_at(const fm_coder *c, size_t i);   /* the verb hit covering token i, or -1 */
/* Inline: the coder tests words against literals millions of times a run, and
 * the first two bytes settle nearly every test without a strcmp call (the
 * first alone let through every "THE" asked for "TO", "TWO" or "THAT"; with a
 * literal w, the compiler folds the rest of a short word into byte tests). */
static inline int fm_is_word(const fm_token *t, const char *w)
{
    if (t->kind != FM_TOK_WORD || t->norm[0] != w[0]) return 0;
    if (!w[0]) return 1;
    return t->norm[1] == w[1] && (!w[1] || strcmp(t->norm + 2, w + 2) == 0);
}
/* code is TABARI's special code written with ch ("###" discard, "+++"
 * complex, "---" none): byte tests, where strcmp calls for every matched verb
 * and every mention added up. */
static inline int fm_code_is(const char *code, char ch)
{
    return code[0] == ch && code[1] == ch && code[2] == ch && !code[3];
}
int fm_state_actor(const char *code);   /* a country or a state body, not a rebel or civilian group */
int fm_is_aux(const fm_token *t);
int fm_after_preposition(const fm_coder *c, const fm_token *tok, size_t s);
int fm_after_place_of(const fm_coder *c, const fm_token *tok, size_t s);   /* "the coast of X" */
int fm_mention_aside(const fm_coder *c, const fm_token *tok, size_t from, int m, int source);
int fm_place_apposition(const fm_coder *c, const fm_token *tok, int m);   /* "in Harouf and Qlayleh, Lebanon" */
size_t fm_clause_end(const fm_coder *c, const fm_token *tok, size_t n, size_t v);
/* 1 if verb v is the infinitive of an intent noun with its own agent: "a plan by Israel to assassinate" */
int fm_intent_infinitive(const fm_coder *c, const fm_token *tok, size_t v);
size_t fm_clause_start(const fm_coder *c, const fm_token *tok, size_t v);

/* Context (context.c): fills date, place, attribution, mode and counts of the
 * events [first, c->events.n) coded from sentence si. */
void fm_context_sentence(fm_coder *c, const fm_doc *doc, size_t si, const fm_token *tok, size_t n,
                         size_t first_event, const fm_attrib_frame *frames, size_t n_frames);
void fm_context_begin_doc(fm_coder *c, const fm_doc *doc);
/* Reads the places of the quiet sentences still waiting, in order: call before asking
 * the gazetteer with c->geo_ctx, or the scene, in a sentence. */
void fm_context_catch_up(fm_coder *c, const fm_doc *doc);
/* The end of a document: the waiting sentences may still place earlier events. */
void fm_context_end_doc(fm_coder *c, const fm_doc *doc);
#endif
