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

typedef struct fm_token {
    uint32_t start, end;   /* byte offsets into the document text */
    const char *norm;      /* lookup form: NUL-terminated, upper case, accents removed
                              (ASCII-folded where possible); owned by the arena */
    uint16_t norm_len;
    uint8_t kind;          /* fm_token_kind */
    uint8_t flags;         /* FM_TOKF_* */
} fm_token;
FM_VEC(fm_token_vec, fm_token)

/* Sentence spans of text[0, len): no leading/trailing white space; a dateline
 * ("BAGHDAD, April 22 (Reuters) -") is not part of the first sentence. */
int fm_sentence_split(const char *text, size_t len, fm_span_vec *out);

/* fm_sentence_split and fm_tokenize of every sentence in one pass over the
 * text: appends the sentences' tokens (norms in a) to tokens, their spans to
 * out and, per sentence, its token index range [start, end) in tokens to
 * ranges. The tokens are those fm_tokenize gives for each sentence alone. */
int fm_sentence_split_tokens(const char *text, size_t len, fm_arena *a, fm_token_vec *tokens,
                             fm_span_vec *out, fm_span_vec *ranges);

/* A dateline at the start of text: sets *place (e.g. "BAGHDAD") and *outlet
 * (e.g. "Reuters", or {0,0}) and returns its length in bytes, else 0. */
size_t fm_dateline(const char *text, size_t len, fm_span *place, fm_span *outlet);

/* Tokens of text[start, end), appended to out (offsets are document offsets). */
int fm_tokenize(const char *text, uint32_t start, uint32_t end, fm_arena *a, fm_token_vec *out);

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
