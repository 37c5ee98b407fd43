/* text.h — the shapes shared by the sentence splitter and the tokenizer:
 * byte spans into the document and tokens with their lookup form. */
#ifndef FM_TEXT_H
#define FM_TEXT_H
#include <stdint.h>
#include <stddef.h>
#include "arena.h"
#include "vec.h"

typedef struct fm_span { uint32_t start, end; } fm_span;   /* [start, end) bytes */
FM_VEC(fm_span_vec, fm_span)

typedef enum fm_token_kind {
    FM_TOK_WORD = 1,   /* letters, digits inside words, apostrophes: "al", "Khafaji", "U.S.", "don't" */
    FM_TOK_NUMBER,     /* 5, 3.5, 1,000, 21:50, 2024 */
    FM_TOK_POSS,       /* possessive 's / ' (norm "'S") */
    FM_TOK_PUNCT,      /* , ; : . ! ? */
    FM_TOK_QUOTE,      /* " ' “ ” ‘ ’ « » */
    FM_TOK_OPEN,       /* ( [ { */
    FM_TOK_CLOSE,      /* ) ] } */
    FM_TOK_DASH,       /* - – — standing alone */
    FM_TOK_SYMBOL      /* anything else: % $ & / ... */
} fm_token_kind;

enum {
    FM_TOKF_CAP      = 1,   /* first letter is upper case in the text */
    FM_TOKF_ALLCAPS  = 2,   /* every letter upper case (and at least two letters) */
    FM_TOKF_HYPHEN   = 4,   /* joined to the previous token by a hyphen ("al-Qaeda" -> AL, QAEDA) */
    FM_TOKF_NOSPACE  = 8    /* no white space before this token */
};

/* Word classes of a word token (fm_token.wclass), set once by the tokenizer from
 * its const word table so that the stages after it test a bit instead of comparing
 * the norm with list after list. A class holds the words of the lists named here
 * (matched like fm_token_word_is: abbreviation dots ignored); a stage may still
 * compare the norm after the bit test, the bit only says "maybe one of these". */
enum {
    FM_WC_SPEECH   = 1 << 0,   /* fm_speech_verb's words: said, told, denied, accused, warned, reported ... */
    FM_WC_MONTH    = 1 << 1,   /* January .. December, Jan .. Dec, Sept */
    FM_WC_WEEKDAY  = 1 << 2,   /* Monday .. Sunday */
    FM_WC_NUMBER   = 1 << 3,   /* number words (zero .. ninety, hundred .. billion, dozen) and vague
                                  quantities (dozens, hundreds, several, many, numerous, tens, few, couple) */
    FM_WC_HEDGE    = 1 << 4,   /* first words of count hedges (at least, more than, nearly, a total of,
                                  as many as, up to ...) and hedges of a claim (reportedly, allegedly ...) */
    FM_WC_NEGATION = 1 << 5,   /* not, never, no, none, nor, nothing, without ...; any word ending in n't */
    FM_WC_MODAL    = 1 << 6,   /* will, would, could, may, might, shall, should, must, can ...; 'll, 'd */
    FM_WC_TIME     = 1 << 7,   /* a word a date or time expression may start with (today, last, since,
                                  week, the, a, in, over, number words, months, weekdays ...) */
    FM_WC_PREP     = 1 << 8,   /* prepositions: in, on, at, near, from, to, by, of, against ... */
    FM_WC_DET      = 1 << 9,   /* determiners and possessives: the, a, this, its, their, some, no ... */
    FM_WC_PRONOUN  = 1 << 10,  /* personal pronouns: he, she, it, they, him, them, us ... */
    FM_WC_AUX      = 1 << 11,  /* forms of be, have and do */
    FM_WC_CONJ     = 1 << 12,  /* conjunctions and clause openers: and, or, but, while, that, which, who, if ... */
    FM_WC_COUNT    = 1 << 13,  /* the words a count hangs on (quantities.c's active and after lists and
                                  TOLL): kill, killed, dead, wounded, arrested, detained ... */
    FM_WC_UNIT     = 1 << 14   /* time units of time_normalize's unit_at: minute(s) .. decade(s) */
};

typedef struct fm_token {
    uint32_t start, end;   /* byte offsets into the document text */
    const char *norm;      /* lookup form: NUL-terminated, upper case, accents removed
                              (ASCII-folded where possible); owned by the arena */
    uint16_t norm_len;
    uint8_t kind;          /* fm_token_kind */
    uint8_t flags;         /* FM_TOKF_* */
    uint16_t wclass;       /* FM_WC_* of a word token (0 for others and for norm-free tokens) */
} fm_token;
FM_VEC(fm_token_vec, fm_token)

/* Sentence spans of text[0, len): no leading/trailing white space; a dateline
 * ("BAGHDAD, April 22 (Reuters) -") is not part of the first sentence. */
int fm_sentence_split(const char *text, size_t len, fm_span_vec *out);

/* The word classes (FM_WC_*) of short words the tokenizer has seen, by their
 * norm's 8 bytes: the classifier's DFA runs once per distinct word, not once
 * per token. For one tokenizing thread at a time (a coder owns one); zeroed
 * memory is an empty memo. Only words whose norm the tokenizer wrote as 8
 * zero-padded bytes use it, so the key is the whole word. */
#define FM_WCLASS_MEMO_SIZE 4096
typedef struct fm_wclass_memo {
    uint64_t key[FM_WCLASS_MEMO_SIZE];     /* 0: empty */
    uint16_t wclass[FM_WCLASS_MEMO_SIZE];
} fm_wclass_memo;

/* fm_sentence_split and fm_tokenize of every sentence in one pass over the
 * text: appends the sentences' tokens (norms in a) to tokens, their spans to
 * out and, per sentence, its token index range [start, end) in tokens to
 * ranges. The tokens are those fm_tokenize gives for each sentence alone.
 * memo (may be NULL) is the caller's fm_wclass_memo. */
int fm_sentence_split_tokens(const char *text, size_t len, fm_arena *a, fm_token_vec *tokens,
                             fm_span_vec *out, fm_span_vec *ranges, fm_wclass_memo *memo);

/* A dateline at the start of text: sets *place (e.g. "BAGHDAD") and *outlet
 * (e.g. "Reuters", or {0,0}) and returns its length in bytes, else 0. */
size_t fm_dateline(const char *text, size_t len, fm_span *place, fm_span *outlet);

/* The FM_WC_* the tokenizer gives the word (an upper-case lookup form). The
 * scanners that skip tokens by a class bit test with it that their lists and
 * the class agree (fm_quantities_unclassed, fm_time_unclassed). */
uint16_t fm_word_class(const char *word);

/* Tokens of text[start, end), appended to out (offsets are document offsets). */
int fm_tokenize(const char *text, uint32_t start, uint32_t end, fm_arena *a, fm_token_vec *out);
/* The same, with the caller's memo of word classes (may be NULL). */
int fm_tokenize_memo(const char *text, uint32_t start, uint32_t end, fm_arena *a, fm_token_vec *out,
                     fm_wclass_memo *memo);

/* Lookup form of a dictionary phrase: the same folding as fm_tokenize applied to
 * a phrase where '_' stands for a space ("AL-NUSRA_FRONT_" -> AL NUSRA FRONT).
 * Appends tokens like fm_tokenize (offsets relative to phrase). */
int fm_tokenize_phrase(const char *phrase, size_t len, fm_arena *a, fm_token_vec *out);

/* Case-fold + accent-strip one UTF-8 string into dst (upper case); returns length. */
size_t fm_fold_upper(const char *s, size_t n, char *dst, size_t cap);

/* 1 if s[0,n) is valid UTF-8 (no overlong forms, no surrogates), else 0 and
 * *bad = offset of the first bad byte. */
int fm_utf8_valid(const char *s, size_t n, size_t *bad);
#endif
