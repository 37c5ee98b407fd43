/* attribution.h — who says so: speech and attribution frames in one sentence
 * ("X said (that) ...", "..., X told Reuters.", "according to X", "a statement
 * by X", "reported by state media"). Works on token ranges only; it never codes
 * actors (the event coder does) and never makes a speaker the source of the
 * event it reports. */
#ifndef FM_ATTRIBUTION_H
#define FM_ATTRIBUTION_H
#include <stddef.h>
#include "text.h"
#include "wordlist.h"

typedef enum fm_attrib_kind {
    FM_ATTRIB_SAY = 1,       /* said, told, added, confirmed, insisted, ... */
    FM_ATTRIB_ACCORDING_TO,  /* "according to X" */
    FM_ATTRIB_STATEMENT,     /* "a statement by X said", "according to a statement from X" */
    FM_ATTRIB_REPORT,        /* "state media reported", "reported by SANA", "X quoted Y as saying" */
    FM_ATTRIB_CLAIM,         /* "claimed responsibility for", "announced" */
    FM_ATTRIB_DENY,          /* "denied", "rejected claims that", "called the reports fabricated" */
    FM_ATTRIB_ACCUSE,        /* "accused X of", "blamed X for" */
    FM_ATTRIB_WARN           /* "warned (that)" */
} fm_attrib_kind;
const char *fm_attrib_kind_name(int kind);

/* One frame. Token indexes are into the sentence's tokens; an empty range has
 * start == end. The head of the frame (speaker, via and cue) is never part of
 * the reported clause; scope is the clause the frame vouches for. When an
 * outlet itself is the speaker ("SANA reported"), speaker and via are the same
 * range. */
typedef struct fm_attrib_frame {
    size_t speaker_start, speaker_end;   /* "two Iraqi security sources", may be empty */
    size_t via_start, via_end;           /* "Reuters", "Telegram", "a statement", may be empty */
    size_t cue;                          /* the speech verb, "according", "called", "took" */
    size_t scope_start, scope_end;       /* the reported clause */
    int kind;                            /* fm_attrib_kind */
} fm_attrib_frame;

/* The frames of tok[0, n) (one sentence), in text order of their cue. At most
 * cap are written to out; returns how many were found (may exceed cap). text is
 * the document the token offsets point into (may be NULL: norms are used). */
size_t fm_attribution_frames(const char *text, const fm_token *tok, size_t n,
                             fm_attrib_frame *out, size_t cap);
/* The same with each token's word-list marks (wordlist.h; mk[i] those of
 * tok[i], or NULL), so that a list test is a bit test: the coder's way. */
size_t fm_attribution_frames_marked(const char *text, const fm_token *tok, const fm_word_marks *mk, size_t n,
                                    fm_attrib_frame *out, size_t cap);

/* Indexes into frames[] of the frames whose scope holds the verb
 * [verb_start, verb_end), innermost (smallest scope) first; a frame never
 * covers its own cue. Returns how many it wrote (at most cap; a verb inside
 * more frames than that keeps the innermost). */
size_t fm_attribution_for(const fm_attrib_frame *frames, size_t n_frames,
                          size_t verb_start, size_t verb_end, size_t *idx, size_t cap);

/* 1 if token i belongs to the head of some frame (speaker, via, cue, "according
 * to"): the coder must not take an actor of a reported event from there. */
int fm_attribution_in_head(const fm_attrib_frame *frames, size_t n_frames, size_t i);

/* The fm_attrib_kind of a speech verb token (SAID, TOLD, DENIED, CLAIMED,
 * ACCUSED, WARNED, REPORTED, ...), else 0. SAY and REPORT verbs are not events
 * in their own right; DENY (CAMEO 016), ACCUSE and WARN are. */
int fm_speech_verb_listed(const fm_token *t);
/* The fm_attrib_kind of a plain present speech verb before THAT ("groups report that",
 * "officials confirm that"), else 0. */
int fm_plain_speech_verb(const fm_token *tok, size_t n, size_t i);
/* Inline: it runs on most tokens of a sentence, several times, and the
 * tokenizer's class bit settles nearly all of them without a call. */
static inline int fm_speech_verb(const fm_token *t)
{
    return t && t->kind == FM_TOK_WORD && (t->wclass & FM_WC_SPEECH) ? fm_speech_verb_listed(t) : 0;
}

/* 1 if t is a news outlet or channel name start ("Reuters", "AFP", "Telegram");
 * *len gets the number of tokens of the name (e.g. 2 for "Associated Press"). */
int fm_outlet_at(const fm_token *tok, size_t n, size_t i, size_t *len);
#endif
