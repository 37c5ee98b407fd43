/* tokenize.re — the tokenizer: a re2c scanner over the bytes of a text range
 * that emits fm_tokens with document offsets and upper-case lookup forms. It
 * never allocates per token (norms go into the caller's arena) and never fails
 * on bad input: an invalid UTF-8 byte is a one-byte SYMBOL. */
#include "text.h"
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Abbreviations whose period belongs to the word. 'T': a title, also matched
 * in ALL CAPS; 'N': only before a number ("No. 10", not "he said no."). */
static const struct { const char *word; char kind; } abbreviations[] = {
    {"Adm", 'T'}, {"Amb", 'T'}, {"Brig", 'T'}, {"Capt", 'T'}, {"Cmdr", 'T'}, {"Col", 'T'},
    {"Cpl", 'T'}, {"Det", 'T'}, {"Dr", 'T'}, {"Drs", 'T'}, {"Fr", 'T'}, {"Gen", 'T'},
    {"Gens", 'T'}, {"Gov", 'T'}, {"Hon", 'T'}, {"Insp", 'T'}, {"Lt", 'T'}, {"Maj", 'T'},
    {"Messrs", 'T'}, {"Mr", 'T'}, {"Mrs", 'T'}, {"Ms", 'T'}, {"Pfc", 'T'}, {"Pres", 'T'},
    {"Prof", 'T'}, {"Pvt", 'T'}, {"Rep", 'T'}, {"Reps", 'T'}, {"Rev", 'T'}, {"Sen", 'T'},
    {"Sens", 'T'}, {"Sgt", 'T'}, {"Supt", 'T'}, {"Jr", 'T'}, {"Sr", 'T'}, {"St", 'T'},
    {"Jan", 0}, {"Feb", 0}, {"Mar", 0}, {"Apr", 0}, {"Jun", 0}, {"Jul", 0}, {"Aug", 0},
    {"Sep", 0}, {"Sept", 0}, {"Oct", 0}, {"Nov", 0}, {"Dec", 0},
    {"No", 'N'}, {"Nos", 'N'},
    {"Co", 0}, {"Corp", 0}, {"Inc", 0}, {"Ltd", 0}, {"Bros", 0}, {"Dept", 0}, {"Govt", 0},
    {"Ave", 0}, {"Blvd", 0}, {"Rd", 0}, {"Mt", 0}, {"Ft", 0}, {"Pt", 0}, {"Vol", 0},
    {"Ala", 0}, {"Ariz", 0}, {"Calif", 0}, {"Colo", 0}, {"Conn", 0}, {"Fla", 0}, {"Ill", 0},
    {"Kan", 0}, {"Ky", 0}, {"Md", 0}, {"Mass", 0}, {"Mich", 0}, {"Minn", 0}, {"Neb", 0},
    {"Nev", 0}, {"Okla", 0}, {"Ore", 0}, {"Pa", 0}, {"Tenn", 0}, {"Tex", 0}, {"Va", 0},
    {"Wis", 0}, {"Wyo", 0},
    {"approx", 0}, {"cf", 0}, {"est", 0}, {"etc", 0}, {"vs", 0}, {"al", 0},
};

typedef struct scanner {
    const char *text;           /* document base: offsets are relative to it */
    const unsigned char *lim;   /* end of the range being scanned */
    fm_arena *a;                /* NULL: no norms for words (the splitter's mode) */
    fm_token_vec *out;
    uint32_t prev_end;          /* UINT32_MAX before the first token: no token starts there */
    uint8_t prev_kind;
    int hyphen;                 /* a joining hyphen was dropped before the next token */
    int single_open;            /* an opening single quote waits for its closer */
    int phrase;                 /* dictionary phrase: case carries no meaning */
    int nodot;                  /* the word being emitted has no '.' in its norm */
    char *norm_cur, *norm_end;  /* room for ASCII norms, taken from the arena a chunk at a time */
    fm_wclass_memo *memo;       /* may be NULL */
    uint64_t key8;              /* the word being emitted: its norm as 8 zero-padded bytes (0: not so read) */
} scanner;

static int abbreviation_of(const unsigned char *up, size_t n);

static int is_abbreviation(const scanner *s, const unsigned char *w, size_t n, const unsigned char *after)
{
    if (n == 0 || n > 6) return 0;
    /* the one entry the word may be (the words differ in more than case):
     * found by a DFA over its ASCII upper case, not by a pass over the table */
    unsigned char up[8] = { 0 };   /* 8, zeroed: GCC cannot see that the DFA stops at n */
    for (size_t k = 0; k < n; k++) up[k] = (unsigned char)((unsigned)w[k] - 'a' < 26u ? w[k] - 32 : w[k]);
    int i = abbreviation_of(up, n);
    if (i < 0) return 0;
    const char *a = abbreviations[i].word;
    int same = memcmp(a, w, n) == 0;
    if (!same && (s->phrase || abbreviations[i].kind == 'T')) {
        same = strncasecmp(a, (const char *)w, n) == 0;
        /* outside dictionaries only the ALL CAPS spelling is accepted */
        for (size_t k = 0; same && !s->phrase && k < n; k++)
            if (w[k] >= 'a' && w[k] <= 'z') same = 0;
    }
    if (!same) return 0;
    if (abbreviations[i].kind == 'N') {   /* "No. 10": a number must follow */
        const unsigned char *p = after + 1;
        while (p < s->lim && *p == ' ') p++;
        return p > after + 1 && p < s->lim && *p >= '0' && *p <= '9';
    }
    return 1;
}

/* Starts p a word or a number? Used to tell a joining hyphen from a dash. */
static int word_start(const unsigned char *p, const unsigned char *lim)
{
    if (p >= lim) return 0;
    unsigned c = *p;
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    utf8proc_int32_t cp;
    if (utf8proc_iterate(p, lim - p, &cp) <= 0) return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

static uint16_t word_class(const char *norm, size_t len, int nodot);

/* word_class of a short ASCII word without dots, by its norm's 8 bytes. */
static inline uint16_t memo_word_class(fm_wclass_memo *m, uint64_t key, const char *norm, size_t len)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 52) & (FM_WCLASS_MEMO_SIZE - 1);
    if (m->key[i] != key) {
        m->key[i] = key;
        m->wclass[i] = word_class(norm, len, 1);
    }
    return m->wclass[i];
}

/* emit's body, inline in emit_word: a word is most tokens, and the call cost
 * about a third of what emitting does. */
static inline __attribute__((always_inline)) int push_token(scanner *s, uint8_t kind, const unsigned char *b,
                                                            const unsigned char *e, const char *norm,
                                                            size_t norm_len, uint8_t flags)
{
    fm_token t;
    if (kind != FM_TOK_WORD || !norm) t.wclass = 0;
    else if (s->memo && s->key8 && s->nodot) t.wclass = memo_word_class(s->memo, s->key8, norm, norm_len);
    else t.wclass = word_class(norm, norm_len, s->nodot);
    s->key8 = 0;
    t.start = (uint32_t)((const char *)b - s->text);
    t.end = (uint32_t)((const char *)e - s->text);
    t.norm = norm;
    t.norm_len = (uint16_t)(norm_len > 0xFFFF ? 0xFFFF : norm_len);
    if (s->prev_end == t.start) flags |= FM_TOKF_NOSPACE;
    if (s->hyphen && (kind == FM_TOK_WORD || kind == FM_TOK_NUMBER)) flags |= FM_TOKF_HYPHEN;
    t.flags = flags;
    t.kind = kind;
    s->hyphen = 0;
    s->prev_end = t.end;
    s->prev_kind = kind;
    return fm_token_vec_push(s->out, t);
}

static int emit(scanner *s, uint8_t kind, const unsigned char *b, const unsigned char *e,
                const char *norm, size_t norm_len, uint8_t flags)
{
    return push_token(s, kind, b, e, norm, norm_len, flags);
}

/* Room at s->norm_cur for the norm of n bytes of a token at b, and 8 bytes
 * more (short_ascii_word stores 8 at once); 0 on allocation failure. Norms
 * are packed into chunks: one arena call per few hundred words, not one per
 * word (and not zeroed: every byte up to the NUL is written). */
static int norm_room(scanner *s, const unsigned char *b, size_t n)
{
    if ((size_t)(s->norm_end - s->norm_cur) >= n + 8) return 1;
    /* the norms of the words left need at most 2 bytes per byte of text
     * left (a NUL per one-letter word): a short phrase takes no 4 KB */
    size_t left = 2 * (size_t)(s->lim - b) + 2;
    size_t chunk = left < 4096 ? left : 4096;
    if (chunk < n + 8) chunk = n + 8;
    s->norm_cur = fm_arena_alloc_raw(s->a, chunk);
    if (!s->norm_cur) { s->norm_end = NULL; return 0; }
    s->norm_end = s->norm_cur + chunk;
    return 1;
}

/* Upper-case lookup form of [b, e) into the arena; *len gets its length. */
static const char *make_norm(scanner *s, const unsigned char *b, const unsigned char *e, size_t *len)
{
    size_t n = (size_t)(e - b);
    *len = 0;
    if (!s->a) return NULL;
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++) ascii = b[i] < 0x80;
    if (ascii) {   /* (numbers, most of these): into the chunk of the word norms */
        if (n > 0xFFFF) n = 0xFFFF;
        if (!norm_room(s, b, n)) return NULL;
        char *d = s->norm_cur;
        for (size_t i = 0; i < n; i++) d[i] = (char)(b[i] >= 'a' && b[i] <= 'z' ? b[i] - 32 : b[i]);
        d[n] = 0;
        s->norm_cur += n + 1;
        *len = n;
        return d;
    }
    char small[256];
    size_t need = fm_fold_upper((const char *)b, n, small, sizeof small);
    if (need > 0xFFFF) need = 0xFFFF;
    char *d = fm_arena_alloc(s->a, need + 1);
    if (!d) return NULL;
    if (need < sizeof small) memcpy(d, small, need + 1);
    else {
        fm_fold_upper((const char *)b, n, d, need + 1);
        need = strlen(d);
    }
    *len = need;
    return d;
}

/* FM_TOKF_CAP / FM_TOKF_ALLCAPS from the letters of [b, e). */
static uint8_t case_flags(const unsigned char *b, const unsigned char *e)
{
    int letters = 0, upper = 0, first = -1;
    const unsigned char *p = b;
    while (p < e) {
        int up, low;
        if (*p < 0x80) {
            up = *p >= 'A' && *p <= 'Z';
            low = *p >= 'a' && *p <= 'z';
            p++;
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p, e - p, &cp);
            if (k <= 0) { p++; continue; }
            p += k;
            utf8proc_category_t cat = utf8proc_category(cp);
            up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            low = cat == UTF8PROC_CATEGORY_LL;
        }
        if (!up && !low) continue;
        letters++;
        upper += up;
        if (first < 0) first = up;
    }
    uint8_t f = 0;
    if (first == 1) f |= FM_TOKF_CAP;
    if (letters >= 2 && upper == letters) f |= FM_TOKF_ALLCAPS;
    return f;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* High bit set in each byte of w within [lo, hi]; w must hold ASCII bytes only
 * (then no sum carries into the next byte). */
static inline uint64_t bytes_in(uint64_t w, unsigned lo, unsigned hi)
{
    const uint64_t ones = 0x0101010101010101ull;
    return (w + ones * (0x80 - lo)) & ~(w + ones * (0x80 - hi - 1)) & ones * 0x80;
}

/* ascii_word for a word of at most 8 bytes with 8 readable bytes at b (most
 * words): the bytes are folded and classed as one 64-bit word, not one by one.
 * d has room for 8 bytes. */
static int short_ascii_word(scanner *s, const unsigned char *b, size_t n, char *d, const char **norm,
                            size_t *len, uint8_t *flags, uint8_t *kind)
{
    const uint64_t high = 0x8080808080808080ull;
    uint64_t w, keep = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    memcpy(&w, b, 8);
    w &= keep;   /* bytes past the word become NUL: no letter, no digit, and the norm's end */
    if (w & high) return 1;
    uint64_t lower = bytes_in(w, 'a', 'z'), upper = bytes_in(w, 'A', 'Z'), digit = bytes_in(w, '0', '9');
    uint64_t folded = w - (lower >> 2);   /* 0x80 >> 2 = 0x20, the case bit */
    memcpy(d, &folded, 8);
    s->key8 = folded;     /* never 0: the word has a first byte */
    d[n] = 0;
    s->norm_cur += n + 1;
    *norm = d;
    *len = n;
    uint8_t f = 0;
    if (!s->phrase) {
        uint64_t letters = lower | upper;
        if (upper & letters & (0 - letters)) f |= FM_TOKF_CAP;          /* the lowest letter byte is the first */
        if (!lower && (upper & (upper - 1))) f |= FM_TOKF_ALLCAPS;     /* two upper-case letters or more */
    }
    *flags = f;
    *kind = (digit | (~keep & high)) == high ? FM_TOK_NUMBER : FM_TOK_WORD;
    return 2;
}
#endif

/* The common case of emit_word: an ASCII word. Its norm is written straight
 * into the arena while the bytes are checked (make_norm checks, then copies);
 * a word with a non-ASCII byte leaves those few bytes unused in the arena.
 * Returns 2 when done (norm, case flags and kind set as make_norm, case_flags
 * and the digit test set them), 1 when the word is not ASCII (take the general
 * path), 0 on allocation failure. Needs an arena (the splitter makes no norms). */
static int ascii_word(scanner *s, const unsigned char *b, const unsigned char *e, const char **norm,
                      size_t *len, uint8_t *flags, uint8_t *kind)
{
    size_t n = (size_t)(e - b);
    unsigned hi = 0, n_up = 0, n_low = 0, n_digit = 0;
    if (n > 0xFFFF) return 1;
    if (!norm_room(s, b, n)) return 0;
    char *d = s->norm_cur;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n <= 8 && s->lim - b >= 8) return short_ascii_word(s, b, n, d, norm, len, flags, kind);
#endif
    /* one pass folds the bytes and counts what case_flags and the digit test
     * would count in two more */
    for (size_t i = 0; i < n; i++) {
        unsigned c = b[i];
        unsigned low = c - 'a' < 26u;
        hi |= c;
        n_low += low;
        n_up += c - 'A' < 26u;
        n_digit += c - '0' < 10u;
        d[i] = (char)(c - (low << 5));
    }
    d[n] = 0;
    if (hi & 0x80) return 1;
    s->norm_cur += n + 1;
    *norm = d;
    *len = n;
    uint8_t f = 0;
    if (!s->phrase) {
        const unsigned char *p = b;
        while (p < e && (*p | 32u) - 'a' >= 26u) p++;   /* the first letter */
        if (p < e && *p <= 'Z') f |= FM_TOKF_CAP;
        if (n_up + n_low >= 2 && n_low == 0) f |= FM_TOKF_ALLCAPS;
    }
    *flags = f;
    /* "1990's" reaches here through the word rule: its stem is a number */
    *kind = n_digit == n ? FM_TOK_NUMBER : FM_TOK_WORD;
    return 2;
}


/* A word [b, e): splits a possessive 's off, keeps the period of a known
 * abbreviation or a single initial ("J. Smith"), returns where scanning goes on. */
static const unsigned char *emit_word(scanner *s, const unsigned char *b, const unsigned char *e, int dotted)
{
    const unsigned char *poss = NULL;
    if (!dotted && e - b >= 3 && (e[-1] | 32) == 's') {
        if (e[-2] == '\'' && e - b >= 3) poss = e - 2;
        else if (e - b >= 5 && e[-4] == 0xE2 && e[-3] == 0x80 && e[-2] == 0x99) poss = e - 4;
    }
    const unsigned char *we = poss ? poss : e;
    int period = 0;
    if (!poss && e < s->lim && *e == '.' && (e + 1 >= s->lim || e[1] != '.')) {
        if ((dotted && e[-1] != '.') || (!dotted && we - b == 1 && *b >= 'A' && *b <= 'Z') || is_abbreviation(s, b, (size_t)(we - b), e)) {
            we = ++e;
            period = 1;
        }
    }
    size_t nlen;
    const char *norm;
    uint8_t f, kind;
    int got = s->a ? ascii_word(s, b, we, &norm, &nlen, &f, &kind) : 1;
    if (!got) return NULL;
    if (got == 1) {
        norm = make_norm(s, b, we, &nlen);
        if (s->a && !norm) return NULL;
        f = s->phrase ? 0 : case_flags(b, we);
        /* "1990's" reaches here through the word rule: its stem is a number */
        kind = FM_TOK_NUMBER;
        for (const unsigned char *p = b; p < we && kind == FM_TOK_NUMBER; p++)
            if (*p < '0' || *p > '9') kind = FM_TOK_WORD;
    }
    /* the word rule takes no '.' and ascii_word folds none in */
    s->nodot = got == 2 && !dotted && !period;
    int rc = push_token(s, kind, b, we, norm, nlen, f);
    s->nodot = 0;
    if (rc) return NULL;
    if (poss && emit(s, FM_TOK_POSS, poss, e, "'S", 2, 0)) return NULL;
    return e;
}

/* emit_word for a word plain_word_end found: ASCII letters and digits from a
 * letter on, followed by neither "'" nor "." (no possessive, no period, no
 * number). When it is short and the norm chunk has room, the norm, the case
 * flags and the kind follow from that with none of emit_word's tests: most
 * tokens of news text come this way. */
static inline __attribute__((always_inline)) const unsigned char *emit_plain_word(scanner *s, const unsigned char *b,
                                                                                  const unsigned char *e)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t n = (size_t)(e - b);
    if (!s->a || n > 16 || s->lim - b < 16 || (size_t)(s->norm_end - s->norm_cur) < n + 8)
        return emit_word(s, b, e, 0);
    /* the word as two 8-byte halves, the second empty for a short word */
    uint64_t w0, w1, lower1 = 0, upper1 = 0;
    char *d = s->norm_cur;
    memcpy(&w0, b, 8);
    if (n < 8) w0 &= (1ull << (8 * n)) - 1;   /* bytes past the word become NUL, the norm's end */
    else {   /* (only here: the empty second half of a short word has no letters to class) */
        memcpy(&w1, b + 8, 8);
        w1 &= n == 16 ? ~0ull : (1ull << (8 * (n - 8))) - 1;
        lower1 = bytes_in(w1, 'a', 'z');
        upper1 = bytes_in(w1, 'A', 'Z');
        uint64_t folded1 = w1 - (lower1 >> 2);
        memcpy(d + 8, &folded1, 8);
    }
    uint64_t lower0 = bytes_in(w0, 'a', 'z'), upper = bytes_in(w0, 'A', 'Z');
    uint64_t folded = w0 - (lower0 >> 2);
    memcpy(d, &folded, 8);   /* room: n + 8 bytes */
    d[n] = 0;
    s->norm_cur += n + 1;
    uint8_t f = 0;
    if (!s->phrase) {
        if (*b <= 'Z') f |= FM_TOKF_CAP;   /* the first byte is a letter */
        /* two upper-case letters or more, no lower-case one */
        if (!(lower0 | lower1) && ((upper & (upper - 1)) || (upper && upper1) || (upper1 & (upper1 - 1))))
            f |= FM_TOKF_ALLCAPS;
    }
    s->key8 = n <= 8 ? folded : 0;   /* never 0 for a short word: it has a first byte */
    s->nodot = 1;
    int rc = push_token(s, FM_TOK_WORD, b, e, d, n, f);
    s->nodot = 0;
    return rc ? NULL : e;
#else
    return emit_word(s, b, e, 0);
#endif
}

static int emit_copy(scanner *s, uint8_t kind, const unsigned char *b, const unsigned char *e)
{
    size_t nlen = 0;
    const char *norm = NULL;
    if (s->a) {
        norm = make_norm(s, b, e, &nlen);
        if (!norm) return -1;
    }
    return emit(s, kind, b, e, norm, nlen, 0);
}

/* A single quote or apostrophe after a word ending in s ("the rebels' base")
 * is a possessive unless a single-quoted phrase is open. */
static int emit_single_quote(scanner *s, const unsigned char *b, const unsigned char *e, int can_close)
{
    int attached = s->prev_end == (uint32_t)((const char *)b - s->text);
    if (can_close && attached && !s->single_open && s->prev_kind == FM_TOK_WORD &&
        (b[-1] | 32) == 's' && !word_start(e, s->lim))
        return emit(s, FM_TOK_POSS, b, e, "'S", 2, 0);
    if (attached && can_close) s->single_open = 0;
    else if (e < s->lim && *e != ' ') s->single_open = 1;
    return emit(s, FM_TOK_QUOTE, b, e, "'", 1, 0);
}

#define YYPEEK() (cur < lim ? *cur : 0)
#define YYSKIP() (++cur)
#define YYBACKUP() (mar = cur)
#define YYRESTORE() (cur = mar)

/* ASCII letters (2) and digits (1): the bytes of the common word. */
static const unsigned char ascii_alnum[256] = { ['0' ... '9'] = 1, ['A' ... 'Z'] = 2, ['a' ... 'z'] = 2 };

/* plain_word_end's answer for the first byte p after the letters and digits. */
static inline const unsigned char *plain_word_stop(const unsigned char *p, const unsigned char *lim)
{
    if (p == lim) return p;
    return *p < 0x80 && *p != '.' && *p != '\'' ? p : NULL;
}

/* The end of the word rule's match at p when p starts an ASCII word the DFA
 * would take whole: letters and digits up to an ASCII byte that can neither
 * go on with a word nor start "U.S." (a dot) or a contraction (an
 * apostrophe); NULL otherwise. The DFA marks a backup point per byte there. */
static inline const unsigned char *plain_word_end(const unsigned char *p, const unsigned char *lim)
{
    if (p >= lim || ascii_alnum[*p] != 2) return NULL;   /* a digit may start a number */
    p++;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: the lowest that is no ASCII letter or digit ends the word */
    while (lim - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t a = w & 0x7F7F7F7F7F7F7F7Full;   /* bytes_in wants ASCII: a non-ASCII byte is cleared by ~w */
        uint64_t ok = (bytes_in(a, '0', '9') | bytes_in(a, 'A', 'Z') | bytes_in(a, 'a', 'z')) & ~w;
        uint64_t stop = ~ok & 0x8080808080808080ull;
        if (stop) return plain_word_stop(p + (__builtin_ctzll(stop) >> 3), lim);
        p += 8;
    }
#endif
    while (p < lim && ascii_alnum[*p]) p++;
    return plain_word_stop(p, lim);
}

static int scan(scanner *s, const unsigned char *cur)
{
    const unsigned char *lim = s->lim, *mar = cur, *tok;
    for (;;) {
        /* the one blank between two words, as the ws rule would skip it
         * (its action does nothing), without a trip through the DFA */
        if (cur < lim && *cur == ' ') cur++;
        tok = cur;
        const unsigned char *we = plain_word_end(cur, lim);
        if (we) {
            if (!(cur = emit_plain_word(s, tok, we))) return -1;
            continue;
        }
        /*!re2c
        re2c:api = custom;
        re2c:yyfill:enable = 0;
        re2c:define:YYCTYPE = "unsigned char";
        re2c:encoding:utf8 = 1;

        ws    = [ \t\r\n\v\f\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF];
        lat   = [a-zA-Z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u1E00-\u1EFF\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A];
        mark  = [\u00AD\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u200C\u200D\u20D0-\u20FF\uFE20-\uFE2F];
        other = [\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386\u0388-\u03FF\u0400-\u0481\u048A-\u052F\u0531-\u0556\u0560-\u0588\u05D0-\u05EA\u05EF-\u05F2\u0620-\u064A\u0660-\u0669\u066E\u066F\u0671-\u06D3\u06D5\u06E5\u06E6\u06EE-\u06FF\u0750-\u077F\u08A0-\u08FF\u0900-\u0963\u0966-\u0DFF\u0E00-\u0E7F\u10A0-\u10FF\u1100-\u11FF\u1200-\u137F\u1F00-\u1FFF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFB1D-\uFB4F\uFB50-\uFBB1\uFBD3-\uFD3D\uFD50-\uFDFB\uFE70-\uFEFC\uFF10-\uFF19];
        wc    = lat | [0-9] | mark | other;
        apos  = ['\u2019\u02BC];
        word  = wc+ (apos wc+)*;
        dotted = [a-zA-Z] ("." [a-zA-Z])+ "."?;
        number = [0-9]+ ([.,:] [0-9]+)*;

        "\x00"  { if (tok >= lim) return 0;
                  if (emit(s, FM_TOK_SYMBOL, tok, cur, "\xEF\xBF\xBD", 3, 0)) return -1;
                  continue; }
        ws+     { continue; }
        number  { if (emit_copy(s, FM_TOK_NUMBER, tok, cur)) return -1; continue; }
        dotted  { if (!(cur = emit_word(s, tok, cur, 1))) return -1; continue; }
        word    { if (!(cur = emit_word(s, tok, cur, 0))) return -1; continue; }
        apos [sS] {
                  int attached = s->prev_end == (uint32_t)((const char *)tok - s->text);
                  if (attached && !word_start(cur, lim)) {
                      if (emit(s, FM_TOK_POSS, tok, cur, "'S", 2, 0)) return -1;
                      continue;
                  }
                  cur = tok + (*tok == '\'' ? 1 : 3);
                  if (emit_single_quote(s, tok, cur, 1)) return -1;
                  continue; }
        "..." | "\u2026" { if (emit(s, FM_TOK_PUNCT, tok, cur, "...", 3, 0)) return -1; continue; }
        "."  | "\u06D4" | "\u3002" | "\uFF0E"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, ".", 1, 0)) return -1; continue; }
        ","  | "\u060C" | "\u3001" | "\uFF0C"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, ",", 1, 0)) return -1; continue; }
        ";"  | "\u061B" | "\uFF1B"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, ";", 1, 0)) return -1; continue; }
        ":"  | "\uFF1A"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, ":", 1, 0)) return -1; continue; }
        "!"  | "\uFF01"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, "!", 1, 0)) return -1; continue; }
        "?"  | "\u061F" | "\uFF1F"
                { if (emit(s, FM_TOK_PUNCT, tok, cur, "?", 1, 0)) return -1; continue; }
        ["] | "``" | "''" | [\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]
                { if (emit(s, FM_TOK_QUOTE, tok, cur, "\"", 1, 0)) return -1; continue; }
        ['\u2019\u203A]
                { if (emit_single_quote(s, tok, cur, 1)) return -1; continue; }
        [`\u2018\u201A\u201B\u2039]
                { if (emit_single_quote(s, tok, cur, 0)) return -1; continue; }
        "("     { if (emit(s, FM_TOK_OPEN, tok, cur, "(", 1, 0)) return -1; continue; }
        "["     { if (emit(s, FM_TOK_OPEN, tok, cur, "[", 1, 0)) return -1; continue; }
        "{"     { if (emit(s, FM_TOK_OPEN, tok, cur, "{", 1, 0)) return -1; continue; }
        ")"     { if (emit(s, FM_TOK_CLOSE, tok, cur, ")", 1, 0)) return -1; continue; }
        "]"     { if (emit(s, FM_TOK_CLOSE, tok, cur, "]", 1, 0)) return -1; continue; }
        "}"     { if (emit(s, FM_TOK_CLOSE, tok, cur, "}", 1, 0)) return -1; continue; }
        "-" | [\u2010\u2011] {
                  /* "al-Qaeda", "US-led": the hyphen joins two words and is dropped */
                  int attached = s->prev_end == (uint32_t)((const char *)tok - s->text);
                  if (attached && (s->prev_kind == FM_TOK_WORD || s->prev_kind == FM_TOK_NUMBER) &&
                      word_start(cur, lim)) {
                      s->hyphen = 1;
                      continue;
                  }
                  if (emit(s, FM_TOK_DASH, tok, cur, "-", 1, 0)) return -1;
                  continue; }
        "-" "-"+ | [\u2012-\u2015\u2212\uFE58\uFE63\uFF0D]
                { if (emit(s, FM_TOK_DASH, tok, cur, "-", 1, 0)) return -1; continue; }
        [^]     { /* re2c's code points include surrogates: those are bad bytes too */
                  if (!fm_utf8_valid((const char *)tok, (size_t)(cur - tok), NULL)) {
                      cur = tok + 1;
                      if (emit(s, FM_TOK_SYMBOL, tok, cur, "\xEF\xBF\xBD", 3, 0)) return -1;
                      continue;
                  }
                  if (emit_copy(s, FM_TOK_SYMBOL, tok, cur)) return -1;
                  continue; }
        *       { if (emit(s, FM_TOK_SYMBOL, tok, cur, "\xEF\xBF\xBD", 3, 0)) return -1; continue; }
        */
    }
}

/* FM_WC_* of one word's lookup form w[0, n) without its dots ("DEC." is DEC):
 * one pass of a DFA over the word, the table being the rules below. A word
 * added to one of the lists text.h names must be added here. */
static uint16_t word_class_of(const unsigned char *w, size_t n)
{
    const unsigned char *cur = w, *lim = w + n, *mar = cur;
    (void)mar;
    /*!re2c
    re2c:api = custom;
    re2c:yyfill:enable = 0;
    re2c:define:YYCTYPE = "unsigned char";

        "A" "\x00" { return FM_WC_HEDGE | FM_WC_TIME | FM_WC_DET; }
        "ABOARD" "\x00" { return FM_WC_PREP; }
        "ABOUT" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "ABOVE" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "ACCUSE" "\x00" { return FM_WC_SPEECH; }
        "ACCUSED" "\x00" { return FM_WC_SPEECH; }
        "ACCUSES" "\x00" { return FM_WC_SPEECH; }
        "ACCUSING" "\x00" { return FM_WC_SPEECH; }
        "ACKNOWLEDGED" "\x00" { return FM_WC_SPEECH; }
        "ACROSS" "\x00" { return FM_WC_PREP; }
        "ADDED" "\x00" { return FM_WC_SPEECH; }
        "ADDING" "\x00" { return FM_WC_SPEECH; }
        "ADDS" "\x00" { return FM_WC_SPEECH; }
        "ADMITTED" "\x00" { return FM_WC_SPEECH; }
        "AFTER" "\x00" { return FM_WC_PREP | FM_WC_CONJ; }
        "AGAINST" "\x00" { return FM_WC_PREP; }
        "ALL" "\x00" { return FM_WC_DET; }
        "ALLEGED" "\x00" { return FM_WC_HEDGE; }
        "ALLEGEDLY" "\x00" { return FM_WC_HEDGE; }
        "ALMOST" "\x00" { return FM_WC_HEDGE; }
        "ALONG" "\x00" { return FM_WC_PREP; }
        "ALONGSIDE" "\x00" { return FM_WC_PREP; }
        "ALTHOUGH" "\x00" { return FM_WC_CONJ; }
        "AM" "\x00" { return FM_WC_AUX; }
        "AMID" "\x00" { return FM_WC_PREP; }
        "AMIDST" "\x00" { return FM_WC_PREP; }
        "AMONG" "\x00" { return FM_WC_PREP; }
        "AMONGST" "\x00" { return FM_WC_PREP; }
        "AN" "\x00" { return FM_WC_HEDGE | FM_WC_TIME | FM_WC_DET; }
        "AND" "\x00" { return FM_WC_CONJ; }
        "ANNOUNCED" "\x00" { return FM_WC_SPEECH; }
        "ANNOUNCES" "\x00" { return FM_WC_SPEECH; }
        "ANOTHER" "\x00" { return FM_WC_HEDGE | FM_WC_DET; }
        "ANY" "\x00" { return FM_WC_DET; }
        "APPARENTLY" "\x00" { return FM_WC_HEDGE; }
        "APPROXIMATELY" "\x00" { return FM_WC_HEDGE; }
        "APR" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "APRIL" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "ARE" "\x00" { return FM_WC_AUX; }
        "AROUND" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "ARREST" "\x00" { return FM_WC_COUNT; }
        "ARRESTED" "\x00" { return FM_WC_COUNT; }
        "ARRESTING" "\x00" { return FM_WC_COUNT; }
        "ARRESTS" "\x00" { return FM_WC_COUNT; }
        "AS" "\x00" { return FM_WC_HEDGE; }
        "ASSERTED" "\x00" { return FM_WC_SPEECH; }
        "AT" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "AUG" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "AUGUST" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "BE" "\x00" { return FM_WC_AUX; }
        "BECAUSE" "\x00" { return FM_WC_CONJ; }
        "BEEN" "\x00" { return FM_WC_AUX; }
        "BEFORE" "\x00" { return FM_WC_PREP | FM_WC_CONJ; }
        "BEHIND" "\x00" { return FM_WC_PREP; }
        "BEING" "\x00" { return FM_WC_AUX; }
        "BELOW" "\x00" { return FM_WC_PREP; }
        "BENEATH" "\x00" { return FM_WC_PREP; }
        "BESIDE" "\x00" { return FM_WC_PREP; }
        "BETWEEN" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "BEYOND" "\x00" { return FM_WC_PREP; }
        "BILLION" "\x00" { return FM_WC_NUMBER; }
        "BLAME" "\x00" { return FM_WC_SPEECH; }
        "BLAMED" "\x00" { return FM_WC_SPEECH; }
        "BLAMES" "\x00" { return FM_WC_SPEECH; }
        "BOTH" "\x00" { return FM_WC_DET; }
        "BUT" "\x00" { return FM_WC_CONJ; }
        "BY" "\x00" { return FM_WC_PREP; }
        "CAN" "\x00" { return FM_WC_MODAL; }
        "CAN'T" "\x00" { return FM_WC_MODAL; }
        "CANNOT" "\x00" { return FM_WC_MODAL; }
        "CLAIMED" "\x00" { return FM_WC_SPEECH; }
        "CLAIMING" "\x00" { return FM_WC_SPEECH; }
        "CLAIMS" "\x00" { return FM_WC_SPEECH; }
        "CLOSE" "\x00" { return FM_WC_HEDGE; }
        "COMING" "\x00" { return FM_WC_TIME; }
        "CONFIRMED" "\x00" { return FM_WC_SPEECH; }
        "CONFIRMS" "\x00" { return FM_WC_SPEECH; }
        "COULD" "\x00" { return FM_WC_MODAL; }
        "COULDN'T" "\x00" { return FM_WC_MODAL; }
        "COUNTLESS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "COUPLE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "DAY" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "DAYS" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "DEAD" "\x00" { return FM_WC_COUNT; }
        "DEATHS" "\x00" { return FM_WC_COUNT; }
        "DEC" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "DECADE" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "DECADES" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "DECEMBER" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "DECLARED" "\x00" { return FM_WC_SPEECH; }
        "DENIED" "\x00" { return FM_WC_SPEECH; }
        "DENIES" "\x00" { return FM_WC_SPEECH; }
        "DENYING" "\x00" { return FM_WC_SPEECH; }
        "DESPITE" "\x00" { return FM_WC_PREP; }
        "DETAIN" "\x00" { return FM_WC_COUNT; }
        "DETAINED" "\x00" { return FM_WC_COUNT; }
        "DETAINING" "\x00" { return FM_WC_COUNT; }
        "DETAINS" "\x00" { return FM_WC_COUNT; }
        "DETENTIONS" "\x00" { return FM_WC_COUNT; }
        "DID" "\x00" { return FM_WC_AUX; }
        "DIE" "\x00" { return FM_WC_COUNT; }
        "DIED" "\x00" { return FM_WC_COUNT; }
        "DO" "\x00" { return FM_WC_AUX; }
        "DOES" "\x00" { return FM_WC_AUX; }
        "DOWN" "\x00" { return FM_WC_PREP; }
        "DOZEN" "\x00" { return FM_WC_NUMBER; }
        "DOZENS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "DROWNED" "\x00" { return FM_WC_COUNT; }
        "DURING" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "EACH" "\x00" { return FM_WC_DET; }
        "EARLIER" "\x00" { return FM_WC_TIME; }
        "EARLY" "\x00" { return FM_WC_TIME; }
        "EIGHT" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "EIGHTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "EIGHTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "ELEVEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "EMPHASISED" "\x00" { return FM_WC_SPEECH; }
        "EMPHASIZED" "\x00" { return FM_WC_SPEECH; }
        "ESTIMATED" "\x00" { return FM_WC_HEDGE; }
        "EVERY" "\x00" { return FM_WC_DET; }
        "EXCEPT" "\x00" { return FM_WC_PREP; }
        "EXECUTED" "\x00" { return FM_WC_COUNT; }
        "EXECUTING" "\x00" { return FM_WC_COUNT; }
        "EXPLAINED" "\x00" { return FM_WC_SPEECH; }
        "FATALITIES" "\x00" { return FM_WC_COUNT; }
        "FEB" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "FEBRUARY" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "FEW" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FEWER" "\x00" { return FM_WC_HEDGE; }
        "FIFTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FIFTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FIVE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FOR" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "FORTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FOUR" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FOURTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "FRIDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "FROM" "\x00" { return FM_WC_PREP; }
        "HAD" "\x00" { return FM_WC_AUX; }
        "HAS" "\x00" { return FM_WC_AUX; }
        "HAVE" "\x00" { return FM_WC_AUX; }
        "HAVING" "\x00" { return FM_WC_AUX; }
        "HE" "\x00" { return FM_WC_PRONOUN; }
        "HER" "\x00" { return FM_WC_DET | FM_WC_PRONOUN; }
        "HERSELF" "\x00" { return FM_WC_PRONOUN; }
        "HIM" "\x00" { return FM_WC_PRONOUN; }
        "HIMSELF" "\x00" { return FM_WC_PRONOUN; }
        "HIS" "\x00" { return FM_WC_DET; }
        "HOUR" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "HOURS" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "HUNDRED" "\x00" { return FM_WC_NUMBER; }
        "HUNDREDS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "HURT" "\x00" { return FM_WC_COUNT; }
        "I" "\x00" { return FM_WC_PRONOUN; }
        "IF" "\x00" { return FM_WC_CONJ; }
        "IN" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "INJURE" "\x00" { return FM_WC_COUNT; }
        "INJURED" "\x00" { return FM_WC_COUNT; }
        "INJURES" "\x00" { return FM_WC_COUNT; }
        "INJURIES" "\x00" { return FM_WC_COUNT; }
        "INJURING" "\x00" { return FM_WC_COUNT; }
        "INSIDE" "\x00" { return FM_WC_PREP; }
        "INSISTED" "\x00" { return FM_WC_SPEECH; }
        "INSISTS" "\x00" { return FM_WC_SPEECH; }
        "INTO" "\x00" { return FM_WC_PREP; }
        "IS" "\x00" { return FM_WC_AUX; }
        "IT" "\x00" { return FM_WC_PRONOUN; }
        "ITS" "\x00" { return FM_WC_DET; }
        "ITSELF" "\x00" { return FM_WC_PRONOUN; }
        "JAN" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JANUARY" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JUL" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JULY" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JUN" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JUNE" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "JUST" "\x00" { return FM_WC_HEDGE; }
        "KILL" "\x00" { return FM_WC_COUNT; }
        "KILLED" "\x00" { return FM_WC_COUNT; }
        "KILLING" "\x00" { return FM_WC_COUNT; }
        "KILLS" "\x00" { return FM_WC_COUNT; }
        "LAST" "\x00" { return FM_WC_TIME; }
        "LATE" "\x00" { return FM_WC_TIME; }
        "LATER" "\x00" { return FM_WC_TIME; }
        "LESS" "\x00" { return FM_WC_HEDGE; }
        "LIKELY" "\x00" { return FM_WC_HEDGE; }
        "MAINTAINED" "\x00" { return FM_WC_SPEECH; }
        "MANY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "MAR" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "MARCH" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "MASSACRED" "\x00" { return FM_WC_COUNT; }
        "MASSACRING" "\x00" { return FM_WC_COUNT; }
        "MAY" "\x00" { return FM_WC_MONTH | FM_WC_MODAL | FM_WC_TIME; }
        "ME" "\x00" { return FM_WC_PRONOUN; }
        "MID" "\x00" { return FM_WC_TIME; }
        "MIDDAY" "\x00" { return FM_WC_TIME; }
        "MIDNIGHT" "\x00" { return FM_WC_TIME; }
        "MIGHT" "\x00" { return FM_WC_MODAL; }
        "MILLION" "\x00" { return FM_WC_NUMBER; }
        "MILLIONS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "MINUTE" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "MINUTES" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "MONDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "MONTH" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "MONTHS" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "MORE" "\x00" { return FM_WC_HEDGE; }
        "MUST" "\x00" { return FM_WC_MODAL; }
        "MY" "\x00" { return FM_WC_DET; }
        "NEAR" "\x00" { return FM_WC_PREP; }
        "NEARLY" "\x00" { return FM_WC_HEDGE; }
        "NEITHER" "\x00" { return FM_WC_NEGATION; }
        "NEVER" "\x00" { return FM_WC_NEGATION; }
        "NEXT" "\x00" { return FM_WC_TIME; }
        "NINE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "NINETEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "NINETY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "NO" "\x00" { return FM_WC_NEGATION | FM_WC_DET; }
        "NOBODY" "\x00" { return FM_WC_NEGATION; }
        "NONE" "\x00" { return FM_WC_NEGATION; }
        "NOON" "\x00" { return FM_WC_TIME; }
        "NOR" "\x00" { return FM_WC_NEGATION; }
        "NOT" "\x00" { return FM_WC_NEGATION; }
        "NOTED" "\x00" { return FM_WC_SPEECH; }
        "NOTHING" "\x00" { return FM_WC_NEGATION; }
        "NOV" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "NOVEMBER" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "NUMEROUS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "OCT" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "OCTOBER" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "OF" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "OFF" "\x00" { return FM_WC_PREP; }
        "ON" "\x00" { return FM_WC_PREP; }
        "ONE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "ONLY" "\x00" { return FM_WC_HEDGE; }
        "ONTO" "\x00" { return FM_WC_PREP; }
        "OR" "\x00" { return FM_WC_CONJ; }
        "OSTENSIBLY" "\x00" { return FM_WC_HEDGE; }
        "OUR" "\x00" { return FM_WC_DET; }
        "OUTSIDE" "\x00" { return FM_WC_PREP; }
        "OVER" "\x00" { return FM_WC_HEDGE | FM_WC_TIME | FM_WC_PREP; }
        "OVERNIGHT" "\x00" { return FM_WC_TIME; }
        "PAST" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "PERHAPS" "\x00" { return FM_WC_HEDGE; }
        "PERISHED" "\x00" { return FM_WC_COUNT; }
        "POSSIBLY" "\x00" { return FM_WC_HEDGE; }
        "PRESUMABLY" "\x00" { return FM_WC_HEDGE; }
        "PREVIOUS" "\x00" { return FM_WC_TIME; }
        "PROBABLY" "\x00" { return FM_WC_HEDGE; }
        "PURPORTED" "\x00" { return FM_WC_HEDGE; }
        "PURPORTEDLY" "\x00" { return FM_WC_HEDGE; }
        "QUOTED" "\x00" { return FM_WC_SPEECH; }
        "REITERATED" "\x00" { return FM_WC_SPEECH; }
        "REPORTED" "\x00" { return FM_WC_SPEECH; }
        "REPORTEDLY" "\x00" { return FM_WC_HEDGE; }
        "REPORTING" "\x00" { return FM_WC_SPEECH; }
        "REPORTS" "\x00" { return FM_WC_SPEECH; }
        "ROUGHLY" "\x00" { return FM_WC_HEDGE; }
        "SAID" "\x00" { return FM_WC_SPEECH; }
        "SATURDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "SAY" "\x00" { return FM_WC_SPEECH; }
        "SAYING" "\x00" { return FM_WC_SPEECH; }
        "SAYS" "\x00" { return FM_WC_SPEECH; }
        "SCORES" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SEP" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "SEPT" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "SEPTEMBER" "\x00" { return FM_WC_MONTH | FM_WC_TIME; }
        "SEVEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SEVENTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SEVENTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SEVERAL" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SHALL" "\x00" { return FM_WC_MODAL; }
        "SHE" "\x00" { return FM_WC_PRONOUN; }
        "SHOULD" "\x00" { return FM_WC_MODAL; }
        "SHOULDN'T" "\x00" { return FM_WC_MODAL; }
        "SINCE" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "SIX" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SIXTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SIXTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "SLAIN" "\x00" { return FM_WC_COUNT; }
        "SO" "\x00" { return FM_WC_TIME; }
        "SOME" "\x00" { return FM_WC_HEDGE | FM_WC_DET; }
        "STATED" "\x00" { return FM_WC_SPEECH; }
        "STRESSED" "\x00" { return FM_WC_SPEECH; }
        "SUCH" "\x00" { return FM_WC_DET; }
        "SUNDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "SUPPOSEDLY" "\x00" { return FM_WC_HEDGE; }
        "TELLING" "\x00" { return FM_WC_SPEECH; }
        "TELLS" "\x00" { return FM_WC_SPEECH; }
        "TEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "TENS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "THAT" "\x00" { return FM_WC_DET | FM_WC_CONJ; }
        "THE" "\x00" { return FM_WC_TIME | FM_WC_DET; }
        "THEIR" "\x00" { return FM_WC_DET; }
        "THEM" "\x00" { return FM_WC_PRONOUN; }
        "THEMSELVES" "\x00" { return FM_WC_PRONOUN; }
        "THESE" "\x00" { return FM_WC_DET; }
        "THEY" "\x00" { return FM_WC_PRONOUN; }
        "THIRTEEN" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "THIRTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "THIS" "\x00" { return FM_WC_TIME | FM_WC_DET; }
        "THOSE" "\x00" { return FM_WC_DET; }
        "THOUGH" "\x00" { return FM_WC_CONJ; }
        "THOUSAND" "\x00" { return FM_WC_NUMBER; }
        "THOUSANDS" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "THREE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "THROUGH" "\x00" { return FM_WC_PREP; }
        "THROUGHOUT" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "THURSDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "TO" "\x00" { return FM_WC_PREP; }
        "TODAY" "\x00" { return FM_WC_TIME; }
        "TOLD" "\x00" { return FM_WC_SPEECH; }
        "TOLL" "\x00" { return FM_WC_COUNT; }
        "TOMORROW" "\x00" { return FM_WC_TIME; }
        "TONIGHT" "\x00" { return FM_WC_TIME; }
        "TOWARD" "\x00" { return FM_WC_PREP; }
        "TOWARDS" "\x00" { return FM_WC_PREP; }
        "TUESDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "TWEETED" "\x00" { return FM_WC_SPEECH; }
        "TWELVE" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "TWENTY" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "TWO" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        "UNCONFIRMED" "\x00" { return FM_WC_HEDGE; }
        "UNDER" "\x00" { return FM_WC_HEDGE | FM_WC_PREP; }
        "UNLESS" "\x00" { return FM_WC_CONJ; }
        "UNTIL" "\x00" { return FM_WC_PREP; }
        "UP" "\x00" { return FM_WC_HEDGE; }
        "UPON" "\x00" { return FM_WC_PREP; }
        "UPWARDS" "\x00" { return FM_WC_HEDGE; }
        "US" "\x00" { return FM_WC_PRONOUN; }
        "VIA" "\x00" { return FM_WC_PREP; }
        "WARNED" "\x00" { return FM_WC_SPEECH; }
        "WARNS" "\x00" { return FM_WC_SPEECH; }
        "WAS" "\x00" { return FM_WC_AUX; }
        "WE" "\x00" { return FM_WC_PRONOUN; }
        "WEDNESDAY" "\x00" { return FM_WC_WEEKDAY | FM_WC_TIME; }
        "WEEK" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "WEEKS" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "WERE" "\x00" { return FM_WC_AUX; }
        "WHEN" "\x00" { return FM_WC_CONJ; }
        "WHERE" "\x00" { return FM_WC_CONJ; }
        "WHEREAS" "\x00" { return FM_WC_CONJ; }
        "WHICH" "\x00" { return FM_WC_CONJ; }
        "WHILE" "\x00" { return FM_WC_CONJ; }
        "WHO" "\x00" { return FM_WC_CONJ; }
        "WHOM" "\x00" { return FM_WC_CONJ; }
        "WHOSE" "\x00" { return FM_WC_CONJ; }
        "WILL" "\x00" { return FM_WC_MODAL; }
        "WITH" "\x00" { return FM_WC_PREP; }
        "WITHIN" "\x00" { return FM_WC_TIME | FM_WC_PREP; }
        "WITHOUT" "\x00" { return FM_WC_NEGATION | FM_WC_PREP; }
        "WON'T" "\x00" { return FM_WC_MODAL; }
        "WOULD" "\x00" { return FM_WC_MODAL; }
        "WOULDN'T" "\x00" { return FM_WC_MODAL; }
        "WOUND" "\x00" { return FM_WC_COUNT; }
        "WOUNDED" "\x00" { return FM_WC_COUNT; }
        "WOUNDING" "\x00" { return FM_WC_COUNT; }
        "WOUNDS" "\x00" { return FM_WC_COUNT; }
        "WROTE" "\x00" { return FM_WC_SPEECH; }
        "YEAR" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "YEARS" "\x00" { return FM_WC_TIME | FM_WC_UNIT; }
        "YESTERDAY" "\x00" { return FM_WC_TIME; }
        "YOU" "\x00" { return FM_WC_PRONOUN; }
        "YOUR" "\x00" { return FM_WC_DET; }
        "ZERO" "\x00" { return FM_WC_NUMBER | FM_WC_TIME; }
        * { return 0; }
    */
}

/* The index in abbreviations[] of the word whose upper case is up[0, n), or
 * -1. A word added to that table must be added here, at its index. */
static int abbreviation_of(const unsigned char *up, size_t n)
{
    const unsigned char *cur = up, *lim = up + n, *mar = cur;
    (void)mar;
    /*!re2c
    re2c:api = custom;
    re2c:yyfill:enable = 0;
    re2c:define:YYCTYPE = "unsigned char";

        "ADM" "\x00" { return 0; }
        "AMB" "\x00" { return 1; }
        "BRIG" "\x00" { return 2; }
        "CAPT" "\x00" { return 3; }
        "CMDR" "\x00" { return 4; }
        "COL" "\x00" { return 5; }
        "CPL" "\x00" { return 6; }
        "DET" "\x00" { return 7; }
        "DR" "\x00" { return 8; }
        "DRS" "\x00" { return 9; }
        "FR" "\x00" { return 10; }
        "GEN" "\x00" { return 11; }
        "GENS" "\x00" { return 12; }
        "GOV" "\x00" { return 13; }
        "HON" "\x00" { return 14; }
        "INSP" "\x00" { return 15; }
        "LT" "\x00" { return 16; }
        "MAJ" "\x00" { return 17; }
        "MESSRS" "\x00" { return 18; }
        "MR" "\x00" { return 19; }
        "MRS" "\x00" { return 20; }
        "MS" "\x00" { return 21; }
        "PFC" "\x00" { return 22; }
        "PRES" "\x00" { return 23; }
        "PROF" "\x00" { return 24; }
        "PVT" "\x00" { return 25; }
        "REP" "\x00" { return 26; }
        "REPS" "\x00" { return 27; }
        "REV" "\x00" { return 28; }
        "SEN" "\x00" { return 29; }
        "SENS" "\x00" { return 30; }
        "SGT" "\x00" { return 31; }
        "SUPT" "\x00" { return 32; }
        "JR" "\x00" { return 33; }
        "SR" "\x00" { return 34; }
        "ST" "\x00" { return 35; }
        "JAN" "\x00" { return 36; }
        "FEB" "\x00" { return 37; }
        "MAR" "\x00" { return 38; }
        "APR" "\x00" { return 39; }
        "JUN" "\x00" { return 40; }
        "JUL" "\x00" { return 41; }
        "AUG" "\x00" { return 42; }
        "SEP" "\x00" { return 43; }
        "SEPT" "\x00" { return 44; }
        "OCT" "\x00" { return 45; }
        "NOV" "\x00" { return 46; }
        "DEC" "\x00" { return 47; }
        "NO" "\x00" { return 48; }
        "NOS" "\x00" { return 49; }
        "CO" "\x00" { return 50; }
        "CORP" "\x00" { return 51; }
        "INC" "\x00" { return 52; }
        "LTD" "\x00" { return 53; }
        "BROS" "\x00" { return 54; }
        "DEPT" "\x00" { return 55; }
        "GOVT" "\x00" { return 56; }
        "AVE" "\x00" { return 57; }
        "BLVD" "\x00" { return 58; }
        "RD" "\x00" { return 59; }
        "MT" "\x00" { return 60; }
        "FT" "\x00" { return 61; }
        "PT" "\x00" { return 62; }
        "VOL" "\x00" { return 63; }
        "ALA" "\x00" { return 64; }
        "ARIZ" "\x00" { return 65; }
        "CALIF" "\x00" { return 66; }
        "COLO" "\x00" { return 67; }
        "CONN" "\x00" { return 68; }
        "FLA" "\x00" { return 69; }
        "ILL" "\x00" { return 70; }
        "KAN" "\x00" { return 71; }
        "KY" "\x00" { return 72; }
        "MD" "\x00" { return 73; }
        "MASS" "\x00" { return 74; }
        "MICH" "\x00" { return 75; }
        "MINN" "\x00" { return 76; }
        "NEB" "\x00" { return 77; }
        "NEV" "\x00" { return 78; }
        "OKLA" "\x00" { return 79; }
        "ORE" "\x00" { return 80; }
        "PA" "\x00" { return 81; }
        "TENN" "\x00" { return 82; }
        "TEX" "\x00" { return 83; }
        "VA" "\x00" { return 84; }
        "WIS" "\x00" { return 85; }
        "WYO" "\x00" { return 86; }
        "APPROX" "\x00" { return 87; }
        "CF" "\x00" { return 88; }
        "EST" "\x00" { return 89; }
        "ETC" "\x00" { return 90; }
        "VS" "\x00" { return 91; }
        "AL" "\x00" { return 92; }
        * { return -1; }
    */
}

/* out of line: inlined into push_token it grows every emit site, and GCC
 * then misreads buf as used uninitialized */
__attribute__((noinline)) static uint16_t word_class(const char *norm, size_t len, int nodot)
{
    unsigned char buf[24];
    size_t k = 0;
    uint16_t c = 0;
    if (len == 0) return 0;
    if (len < sizeof buf && nodot) c = word_class_of((const unsigned char *)norm, len);
    else if (len < sizeof buf) {   /* every listed word is shorter */
        for (size_t i = 0; i < len; i++)
            if (norm[i] != '.') buf[k++] = (unsigned char)norm[i];
        c = word_class_of(buf, k);
    }
    /* "didn't", "won't", "they'll", "he'd": the contracted forms are open lists */
    if (len >= 3 && (norm[len - 1] == 'T' && norm[len - 2] == '\'' && norm[len - 3] == 'N'))
        c |= FM_WC_NEGATION;
    if (len >= 5 && !memcmp(norm + len - 5, "N\xE2\x80\x99T", 5)) c |= FM_WC_NEGATION;
    if (len >= 3 && norm[len - 3] == '\'' && norm[len - 2] == 'L' && norm[len - 1] == 'L') c |= FM_WC_MODAL;
    if (len >= 2 && norm[len - 2] == '\'' && norm[len - 1] == 'D') c |= FM_WC_MODAL;
    return c;
}

uint16_t fm_word_class(const char *word)
{
    return word_class(word, strlen(word), strchr(word, '.') == NULL);
}

int fm_tokenize_memo(const char *text, uint32_t start, uint32_t end, fm_arena *a, fm_token_vec *out,
                     fm_wclass_memo *memo)
{
    if (!text || end <= start) return 0;
    scanner s = {0};
    s.text = text;
    s.lim = (const unsigned char *)text + end;
    s.a = a;
    s.out = out;
    s.memo = memo;
    s.prev_end = UINT32_MAX;   /* end <= UINT32_MAX: every token starts before it */
    return scan(&s, (const unsigned char *)text + start);
}

int fm_tokenize(const char *text, uint32_t start, uint32_t end, fm_arena *a, fm_token_vec *out)
{
    return fm_tokenize_memo(text, start, end, a, out, NULL);
}

int fm_tokenize_phrase(const char *phrase, size_t len, fm_arena *a, fm_token_vec *out)
{
    if (!phrase || len == 0) return 0;
    if (len > UINT32_MAX - 1) return -1;
    /* '_' stands for a space; the copy must outlive nothing but this call,
     * yet it lives in the arena so that phrase loading never touches malloc */
    char *copy = a ? fm_arena_alloc(a, len + 1) : malloc(len + 1);
    if (!copy) return -1;
    for (size_t i = 0; i < len; i++) copy[i] = phrase[i] == '_' ? ' ' : phrase[i];
    scanner s = {0};
    s.text = copy;
    s.lim = (const unsigned char *)copy + len;
    s.a = a;
    s.out = out;
    s.phrase = 1;
    s.prev_end = UINT32_MAX;   /* len < UINT32_MAX */
    int rc = scan(&s, (const unsigned char *)copy);
    if (!a) free(copy);
    return rc;
}
