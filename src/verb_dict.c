/* verb_dict.c — loader for verb dictionaries: PETRARCH2 (synonym sets, verb
 * blocks "--- NAME [code] ---", verb lines with irregular forms, patterns) and
 * TABARI .verbs (each verb line opens its own block). Patterns are compiled to
 * element arrays that verb_match.c walks. */
#include "lexicon.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* One code of a bracket: alphanumerics with an optional '?' (subordinate) or
 * '!' (dominant) suffix, or TABARI's special codes "###" (discard), "+++"
 * (complex) and "---" (null, stored as ""). 0, or -1 when malformed. */
static int read_one_code(const char *p, size_t l, char out[8])
{
    out[0] = 0;
    if (l == 3 && (!memcmp(p, "###", 3) || !memcmp(p, "+++", 3))) { memcpy(out, p, 3); out[3] = 0; return 0; }
    if (l == 3 && !memcmp(p, "---", 3)) return 0;
    size_t body = l;
    if (body && (p[body - 1] == '?' || p[body - 1] == '!')) body--;
    if (body == 0 || body > 6) return -1;
    for (size_t i = 0; i < body; i++) if (!isalnum((unsigned char)p[i])) return -1;
    memcpy(out, p, l);
    out[l] = 0;
    return 0;
}

/* Reads "[190]", "[042:043]", "[---]", "[- - -]", "[025?]" at s; fills code/code2. */
static int parse_code(const char *s, size_t n, char code[8], char code2[8])
{
    code[0] = code2[0] = 0;
    const char *b = memchr(s, '[', n);
    if (!b) return -1;
    const char *e = memchr(b, ']', n - (size_t)(b - s));
    if (!e) return -1;
    char flat[32];
    size_t fl = 0;
    for (const char *p = b + 1; p < e && fl < sizeof flat - 1; p++)
        if (!isspace((unsigned char)*p)) flat[fl++] = *p;   /* "- - -" is "---" */
    const char *colon = memchr(flat, ':', fl);
    size_t l1 = colon ? (size_t)(colon - flat) : fl;
    /* "[:173]": only the reversed event (target -> source) */
    if (l1 && read_one_code(flat, l1, code)) return -1;
    if (!l1 && !colon) return -1;
    if (colon && read_one_code(colon + 1, fl - l1 - 1, code2)) code2[0] = 0;
    if (!strcmp(code2, "###") || !strcmp(code2, "+++")) code2[0] = 0;
    if (!code[0] && !colon && l1 == 3) strcpy(code, "---");
    return 0;
}

static uint32_t synset_new(fm_lexicon *lx, const char *name, size_t n)
{
    while (n && name[n - 1] == '_') n--;
    uint32_t id;
    if (fm_strmap_get(&lx->synset_names, name, n, &id)) return id;
    char *key = fm_arena_strndup(&lx->arena, name, n);
    fm_u32_vec empty = {0};
    if (!key || fm_u32list_vec_push(&lx->synsets, empty)) return UINT32_MAX;
    id = (uint32_t)lx->synsets.n - 1;
    fm_strmap_put(&lx->synset_names, key, n, id);
    return id;
}

/* What compiling a pattern side adds up: factum's specificity weight (words
 * count twice, slots once) and TABARI's length (letters and digits of the
 * fixed words; an alternative set counts its shortest member (TABARI tries
 * "RESISTANCE TO THE INVADING" before "RESIST { TO THE END | ... }"), a named synset
 * nothing: TABARI prefers "* DOLLAR" to "* &CURRENCY"). */
typedef struct side_stats {
    int weight, length;
    int min_stem;          /* shortest last word that may match as a stem */
    uint32_t alt_id[8];    /* the pattern's alternative sets, compiled beforehand */
    int alt_len[8], n_alt, next_alt;
} side_stats;

static int compile_side(fm_lexicon *lx, const char *s, size_t n, const char *file, long line, side_stats *st);

static int alnum_len(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++) k += isalnum((unsigned char)s[i]) != 0;
    return k;
}

/* Compiles one member of a synset (or of an alternative set) into elements and
 * records it as (first element, count); returns its TABARI length or -1. A
 * member is a small pattern itself: "AUSTRIAN FLORIN" (gap allowed),
 * "KRONER_" (exact), "MEMOS_ON_&TIETYPES" (another synset). */
static int synset_member(fm_lexicon *lx, uint32_t set, const char *w, size_t n, const char *file, long line)
{
    fm_trim(&w, &n);
    while (n && w[0] == '_') { w++; n--; }
    if (!n) return 0;
    size_t first = lx->elems.n;
    side_stats st = { .min_stem = 3 };
    int k = compile_side(lx, w, n, file, line, &st);
    if (k <= 0) { lx->elems.n = first; return k; }
    for (size_t e = first; e < lx->elems.n; e++)
        if (lx->elems.a[e].kind == FM_PE_SYN && lx->elems.a[e].id == set) {
            fm_lexicon_error(lx, file, line, "a synset member may not name its own synset");
            lx->elems.n = first;
            return -1;
        }
    if (fm_u32_vec_push(&lx->synsets.a[set], (uint32_t)first) ||
        fm_u32_vec_push(&lx->synsets.a[set], (uint32_t)(lx->elems.n - first)))
        return -1;
    return st.length;
}

/* ---- verb forms ---- */

static int is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

/* A TABARI root without '_' ("RESTOR [064]") is a stem: it matches every word
 * that starts with it, as in TABARI, down to three letters ("ACT"). */
static void add_stem_form(fm_lexicon *lx, uint32_t verb, const char *w, size_t n, const char *code,
                          const char *file, long line)
{
    fm_verb_form vf = { .verb = verb, .form = FM_VF_STEM };
    vf.multiword = memchr(w, '_', n) != NULL || memchr(w, ' ', n) != NULL;
    if (code) snprintf(vf.code, sizeof vf.code, "%s", code);
    if (fm_form_vec_push(&lx->verb_forms, vf)) return;
    fm_lexicon_add_phrase_stem(lx, &lx->verbs, w, n, (uint32_t)lx->verb_forms.n, file, line, 3);
}

static void add_form_as(fm_lexicon *lx, uint32_t verb, const char *w, size_t n, uint8_t form, const char *code,
                        const char *file, long line, int generated)
{
    fm_verb_form vf = { .verb = verb, .form = form, .generated = (uint8_t)generated };
    vf.multiword = memchr(w, '_', n) != NULL || memchr(w, ' ', n) != NULL;
    if (code) snprintf(vf.code, sizeof vf.code, "%s", code);
    if (fm_form_vec_push(&lx->verb_forms, vf)) return;
    char buf[256];
    if (n >= sizeof buf - 1) return;
    memcpy(buf, w, n);
    buf[n] = '_';       /* verb forms are exact words, never stems */
    uint32_t node = fm_lexicon_phrase_node(lx, &lx->verbs, buf, n + 1, file, line, 4);
    if (!node) return;
    /* the first entry wins, but a word the dictionary writes ("ATTACKED [223]" with its
     * own patterns) wins over an inflection made from an earlier root (ATTACK) */
    uint32_t old = lx->verbs.value.a[node];
    if (!old || (!generated && lx->verb_forms.a[old - 1].generated))
        lx->verbs.value.a[node] = (uint32_t)lx->verb_forms.n;
}

static void add_form(fm_lexicon *lx, uint32_t verb, const char *w, size_t n, uint8_t form, const char *code,
                     const char *file, long line)
{
    add_form_as(lx, verb, w, n, form, code, file, line, 0);
}

/* Regular inflections of the first word of w (the rest is kept: SET_UP -> SETS_UP). */
static void add_regular_forms(fm_lexicon *lx, uint32_t verb, const char *w, size_t n, const char *code,
                              const char *file, long line)
{
    size_t head = 0;
    while (head < n && w[head] != '_' && w[head] != ' ') head++;
    const char *rest = w + head;
    size_t rn = n - head;
    if (head < 2 || head > 60) return;
    char base[64], out[160];
    memcpy(base, w, head);
    base[head] = 0;
    char last = base[head - 1], prev = base[head - 2];
    int cvc = head >= 3 && head <= 4 && !is_vowel(last) && last != 'W' && last != 'X' && last != 'Y' &&
              is_vowel(prev) && !is_vowel(base[head - 3]);
    const char *s_suffix = (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S'))) ? "ES" : "S";
#define EMIT(form, fmt, ...) do { int k = snprintf(out, sizeof out, fmt "%.*s", __VA_ARGS__, (int)rn, rest); \
        if (k > 0 && (size_t)k < sizeof out) add_form_as(lx, verb, out, (size_t)k, form, code, file, line, 1); } while (0)
    if (last == 'Y' && !is_vowel(prev)) {
        EMIT(FM_VF_S, "%.*sIES", (int)head - 1, base);
        EMIT(FM_VF_ED, "%.*sIED", (int)head - 1, base);
        EMIT(FM_VF_ING, "%sING", base);
    } else if (last == 'E') {
        EMIT(FM_VF_S, "%sS", base);
        EMIT(FM_VF_ED, "%sD", base);
        if (prev == 'E') EMIT(FM_VF_ING, "%sING", base);
        else EMIT(FM_VF_ING, "%.*sING", (int)head - 1, base);
    } else {
        EMIT(FM_VF_S, "%s%s", base, s_suffix);
        EMIT(FM_VF_ED, "%sED", base);
        EMIT(FM_VF_ING, "%sING", base);
        if (cvc) {   /* STOP -> STOPPED; the undoubled form is harmless when wrong */
            EMIT(FM_VF_ED, "%s%cED", base, last);
            EMIT(FM_VF_ING, "%s%cING", base, last);
        }
    }
#undef EMIT
}

static uint8_t irregular_kind(const char *w, size_t n)
{
    size_t head = 0;
    while (head < n && w[head] != '_' && w[head] != ' ') head++;
    if (head > 3 && memcmp(w + head - 3, "ING", 3) == 0) return FM_VF_ING;
    return FM_VF_IRREG;
}

/* TABARI adds the endings S, ED, ES, EN and ING to an exact root ("BREAK_")
 * literally, besides the regular inflections. */
static void add_literal_endings(fm_lexicon *lx, uint32_t verb, const char *w, size_t n, const char *code,
                                const char *file, long line)
{
    static const struct { const char *end; uint8_t form; } E[] = {
        { "S", FM_VF_S }, { "ED", FM_VF_ED }, { "ES", FM_VF_S }, { "EN", FM_VF_ED }, { "ING", FM_VF_ING } };
    size_t head = 0;
    while (head < n && w[head] != '_' && w[head] != ' ') head++;
    char out[160];
    for (size_t k = 0; k < sizeof E / sizeof E[0]; k++) {
        int l = snprintf(out, sizeof out, "%.*s%s%.*s", (int)head, w, E[k].end, (int)(n - head), w + head);
        if (l > 0 && (size_t)l < sizeof out) add_form_as(lx, verb, out, (size_t)l, E[k].form, code, file, line, 1);
    }
}

/* A verb line: "HANG {HANGS HANGING HANGED HUNG} [code] # ..." or "+SHOOT_DOWN {...}".
 * tabari: the root is a stem unless it ends in '_' (TABARI .verbs). */
static void parse_verb_line(fm_lexicon *lx, uint32_t verb, const char *s, size_t n, const char *file, long line,
                            int tabari)
{
    char code[8] = "", code2[8] = "";
    const char *br = memchr(s, '[', n);
    if (br && parse_code(br, n - (size_t)(br - s), code, code2)) {
        fm_lexicon_error(lx, file, line, "malformed verb code");
        return;
    }
    size_t end = br ? (size_t)(br - s) : n;
    const char *brace = memchr(s, '{', end);
    size_t wl = brace ? (size_t)(brace - s) : end;
    const char *w = s;
    fm_trim(&w, &wl);
    if (wl && *w == '+') { w++; wl--; }
    int exact = wl && w[wl - 1] == '_';
    while (wl && w[wl - 1] == '_') wl--;
    if (!wl) { fm_lexicon_error(lx, file, line, "empty verb"); return; }
    const char *vcode = code[0] ? code : NULL;
    size_t first_form = lx->verb_forms.n;
    add_form(lx, verb, w, wl, FM_VF_BASE, vcode, file, line);
    if (tabari && !exact) add_stem_form(lx, verb, w, wl, vcode, file, line);
    if (tabari && exact) add_literal_endings(lx, verb, w, wl, vcode, file, line);
    if (brace) {
        const char *bend = memchr(brace, '}', end - (size_t)(brace - s));
        if (!bend) { fm_lexicon_error(lx, file, line, "unclosed '{' in verb forms"); return; }
        const char *p = brace + 1;
        while (p < bend) {
            while (p < bend && (isspace((unsigned char)*p) || *p == '+')) p++;
            const char *q = p;
            while (q < bend && !isspace((unsigned char)*q)) q++;
            size_t fl = (size_t)(q - p);
            while (fl && p[fl - 1] == '_') fl--;
            if (fl) add_form(lx, verb, p, fl, irregular_kind(p, fl), vcode, file, line);
            p = q;
        }
    } else {
        add_regular_forms(lx, verb, w, wl, vcode, file, line);
    }
    /* the line's paired code ("LEFT [032:033]") goes with every form it made */
    for (size_t k = first_form; k < lx->verb_forms.n; k++) memcpy(lx->verb_forms.a[k].code2, code2, sizeof code2);
}

/* TABARI's irregular forms on the line after the verb: "{ BROKE_ BROKEN_DOWN_ ACTUALITY }".
 * A form ending in '_' is an exact word; one without is a stem like a root. */
static void parse_form_line(fm_lexicon *lx, uint32_t verb, const char *s, size_t n, const char *file, long line)
{
    const char *p = s + 1, *e = memchr(s, '}', n);
    if (!e) { fm_lexicon_error(lx, file, line, "unclosed '{' in verb forms"); return; }
    while (p < e) {
        while (p < e && isspace((unsigned char)*p)) p++;
        const char *q = p;
        while (q < e && !isspace((unsigned char)*q)) q++;
        size_t fl = (size_t)(q - p);
        int exact = fl && p[fl - 1] == '_';
        while (fl && p[fl - 1] == '_') fl--;
        if (fl && exact) add_form(lx, verb, p, fl, irregular_kind(p, fl), NULL, file, line);
        else if (fl) add_stem_form(lx, verb, p, fl, NULL, file, line);
        p = q;
    }
}

/* ---- patterns ---- */

static int push_elem(fm_lexicon *lx, uint8_t kind, uint32_t id, int adjacent, int stem)
{
    fm_pat_elem e = { .kind = kind, .id = id, .adjacent = (uint8_t)adjacent, .stem = (uint8_t)stem };
    return fm_elem_vec_push(&lx->elems, e);
}

/* Pushes the words of one pattern token (which may hold '_' joins and
 * synsets: "MOST_CERTAINLY_&NEGATVAUXVRB_EVER"); returns the number of
 * elements or -1. first_adjacent: joined to what came before. */
static int push_words(fm_lexicon *lx, const char *w, size_t n, int first_adjacent, side_stats *st)
{
    int count = 0, adjacent = first_adjacent;
    size_t i = 0;
    while (i < n) {
        if (w[i] == '_') { adjacent = 1; i++; continue; }
        size_t j = i;
        while (j < n && w[j] != '_') j++;
        if (w[i] == '&') {
            uint32_t sid = synset_new(lx, w + i + 1, j - i - 1);
            if (sid == UINT32_MAX || push_elem(lx, FM_PE_SYN, sid, adjacent, 0)) return -1;
            count++;
            st->weight += 2;
            adjacent = 0;
            i = j;
            continue;
        }
        int exact = j < n;   /* a word followed by '_' must match exactly */
        size_t wend = j;
        /* "REAL~_PLEASANT": REAL may have any ending and PLEASANT follows at once (TABARI 5.5) */
        int wild = wend > i + 1 && w[wend - 1] == '~';
        if (wild) { wend--; exact = 0; }
        fm_token_vec toks = {0};
        if (fm_tokenize_phrase(w + i, wend - i, &lx->arena, &toks) == 0) {
            for (size_t k = 0; k < toks.n; k++) {
                uint32_t id = fm_lexicon_word(lx, toks.a[k].norm, toks.a[k].norm_len);
                int stem = !exact && k + 1 == toks.n && (wild || toks.a[k].norm_len >= st->min_stem);
                if (push_elem(lx, FM_PE_WORD, id, k ? 1 : adjacent, stem)) { fm_token_vec_free(&toks); return -1; }
                count++;
                st->weight += 2;
            }
        }
        fm_token_vec_free(&toks);
        st->length += alnum_len(w + i, wend - i);
        adjacent = 0;
        i = j;
    }
    return count;
}

/* TABARI alternatives "{ A | B_C | &SET_X }": an anonymous synset whose
 * members are the alternatives. Sets *id and *length (its shortest member);
 * returns 0 or -1. Compiled before the pattern so its elements stay contiguous. */
static int compile_alternatives(fm_lexicon *lx, const char *in, const char *e, const char *file, long line,
                                uint32_t *id, int *length)
{
    char name[32];
    int nl = snprintf(name, sizeof name, "{%zu}", lx->synsets.n);
    uint32_t sid = synset_new(lx, name, (size_t)nl);
    if (sid == UINT32_MAX) return -1;
    int shortest = -1;
    for (const char *p = in; p < e;) {
        const char *bar = memchr(p, '|', (size_t)(e - p));
        const char *ae = bar ? bar : e;
        const char *w = p;
        size_t wl = (size_t)(ae - p);
        fm_trim(&w, &wl);
        /* "{ GENEVA_ | ... }": the '_' only switches stemming off */
        int l = wl ? synset_member(lx, sid, w, wl, file, line) : 0;
        if (l < 0) { fm_lexicon_error(lx, file, line, "bad alternative"); return -1; }
        if (wl && (shortest < 0 || l < shortest)) shortest = l;
        p = bar ? bar + 1 : e;
    }
    *id = sid;
    *length = shortest < 0 ? 0 : shortest;
    return 0;
}

/* One side of '*': a list of space-separated tokens. */
static int compile_side(fm_lexicon *lx, const char *s, size_t n, const char *file, long line, side_stats *st)
{
    int count = 0;
    size_t i = 0;
    int pending_adjacent = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i])) i++;
        if (i >= n) break;
        char c = s[i];
        if (c == '(' || c == ')') { i++; continue; }               /* phrase brackets: order is what we keep */
        if (c == '{') {
            const char *close = memchr(s + i, '}', n - i);
            if (!close) { fm_lexicon_error(lx, file, line, "unclosed '{' in pattern"); return -1; }
            const char *in = s + i + 1;
            size_t inl = (size_t)(close - in);
            if (memchr(in, '|', inl)) {
                if (st->next_alt >= st->n_alt) { fm_lexicon_error(lx, file, line, "alternatives not allowed here"); return -1; }
                if (push_elem(lx, FM_PE_SYN, st->alt_id[st->next_alt], pending_adjacent, 0)) return -1;
                st->weight += 1;
                st->length += st->alt_len[st->next_alt++];
                count += 1;
                pending_adjacent = close + 1 < s + n && close[1] == '_';
                i = (size_t)(close - s) + 1 + (pending_adjacent ? 1 : 0);
                continue;
            }
            /* PETRARCH {A B}: a noun phrase made of these words, in order */
            int k = compile_side(lx, in, inl, file, line, st);
            if (k < 0) return -1;
            count += k;
            i = (size_t)(close - s) + 1;
            continue;
        }
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]) && s[j] != '(' && s[j] != ')' && s[j] != '{') j++;
        const char *w = s + i;
        size_t wl = j - i;
        int adj = pending_adjacent || (w[0] == '_');
        while (wl && w[0] == '_') { w++; wl--; }
        pending_adjacent = wl && w[wl - 1] == '_' && j < n && s[j] == '{';
        if (wl == 1 && (w[0] == '+' || w[0] == '$' || w[0] == '^' || w[0] == '%')) {
            uint8_t kind = w[0] == '+' ? FM_PE_TARGET : w[0] == '$' ? FM_PE_SOURCE : w[0] == '^' ? FM_PE_SKIP : FM_PE_COMPOUND;
            if (push_elem(lx, kind, 0, adj, 0)) return -1;
            count++;
            st->weight += 1;
        } else if (wl > 1 && (w[0] == '+' || w[0] == '$') && w[1] == '_') {   /* "+_WAS" style joins */
            uint8_t kind = w[0] == '+' ? FM_PE_TARGET : FM_PE_SOURCE;
            if (push_elem(lx, kind, 0, adj, 0)) return -1;
            st->weight += 1;
            int k = push_words(lx, w + 2, wl - 2, 1, st);
            if (k < 0) return -1;
            count += 1 + k;
        } else if (wl) {
            while (wl > 1 && w[wl - 1] == '_' && w[0] == '&') wl--;
            int k = push_words(lx, w, wl, adj, st);
            if (k < 0) return -1;
            count += k;
        }
        i = j;
    }
    return count;
}

static void parse_pattern(fm_lexicon *lx, uint32_t verb, const char *s, size_t n, const char *file, long line)
{
    fm_pattern p = { .verb = verb };
    const char *br = NULL;
    for (size_t i = n; i-- > 0;) if (s[i] == '[') { br = s + i; break; }
    if (!br || parse_code(br, n - (size_t)(br - s), p.code, p.code2)) {
        fm_lexicon_error(lx, file, line, "pattern without a valid [code]");
        return;
    }
    const char *body = s + 1;                 /* after '-' */
    size_t bl = (size_t)(br - body);
    fm_trim(&body, &bl);
    /* the verb: a '*' standing alone or joined by '_' */
    const char *star = NULL;
    for (size_t i = 0; i < bl; i++) if (body[i] == '*') { star = body + i; break; }
    if (!star) { fm_lexicon_error(lx, file, line, "pattern without '*'"); return; }
    p.text = fm_arena_printf(&lx->arena, "%.*s [%s%s%s]", (int)bl, body, p.code, p.code2[0] ? ":" : "", p.code2);
    side_stats st = { .min_stem = 4 };
    for (const char *q = body; q < body + bl && st.n_alt < 8; q++) {
        if (*q != '{') continue;
        const char *close = memchr(q, '}', (size_t)(body + bl - q));
        if (!close) break;
        if (memchr(q, '|', (size_t)(close - q)) &&
            compile_alternatives(lx, q + 1, close, file, line, &st.alt_id[st.n_alt], &st.alt_len[st.n_alt]))
            return;
        if (memchr(q, '|', (size_t)(close - q))) st.n_alt++;
        q = close;
    }
    size_t mark = lx->elems.n;
    p.pre = (uint32_t)lx->elems.n;
    size_t pre_len = (size_t)(star - body);
    /* "WAS_*": the last word before the star is adjacent to the verb; keep the '_' on it */
    int pre = compile_side(lx, body, pre_len, file, line, &st);
    if (pre < 0) { lx->elems.n = mark; return; }
    p.n_pre = (uint32_t)pre;
    p.pre_joined = pre > 0 && star[-1] == '_';
    p.post = (uint32_t)lx->elems.n;
    const char *after = star + 1;
    size_t al = bl - pre_len - 1;
    int adj_first = al && after[0] == '_';
    int post = compile_side(lx, after, al, file, line, &st);
    if (post < 0) { lx->elems.n = mark; return; }
    if (post > 0 && adj_first) lx->elems.a[p.post].adjacent = 1;
    p.n_post = (uint32_t)post;
    p.weight = st.weight;
    p.length = st.length;
    if (fm_pattern_vec_push(&lx->patterns, p)) return;
    lx->verb_entries.a[verb].n_patterns++;
}

static uint32_t new_block(fm_lexicon *lx, const char *name, size_t n, const char *code, const char *code2)
{
    fm_verb_entry v = {0};
    v.name = fm_arena_strndup(&lx->arena, name, n);
    if (code && strcmp(code, "---")) snprintf(v.code, sizeof v.code, "%s", code);
    if (code2) snprintf(v.code2, sizeof v.code2, "%s", code2);
    v.first_pattern = (uint32_t)lx->patterns.n;
    if (fm_verb_vec_push(&lx->verb_entries, v)) return UINT32_MAX;
    return (uint32_t)lx->verb_entries.n - 1;
}

int fm_dict_load_verbs(fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    /* PETRARCH files have "--- NAME [code] ---" block headers; TABARI files do not */
    int petrarch = 0;
    for (size_t i = 0; i + 4 < len; i++)
        if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "--- ", 4) == 0) { petrarch = 1; break; }
    if (!petrarch) lx->tabari_verbs = 1;
    fm_dict_lines it;
    fm_dict_lines_init(&it, lx, file, data, len);
    const char *s;
    size_t n;
    uint32_t verb = UINT32_MAX, synset = UINT32_MAX;
    int in_section = 0;   /* <TIME>, <SYNSETS>, ... */
    while (fm_dict_lines_next(&it, &s, &n)) {
        if (!n) continue;
        if (s[0] == '<') {
            if (n > 1 && s[1] == '/') in_section = 0;
            else in_section = (n >= 9 && memcmp(s, "<SYNSETS>", 9) == 0) ? 2 : (n >= 6 && memcmp(s, "<TIME>", 6) == 0) ? 3 : 1;
            continue;
        }
        if (in_section == 3) {
            /* <TIME>: a phrase coded [###] or [+++] ("KAN_WA_MA_KAN", "WHEN_PEACE_COMES")
             * rejects its sentence; the day shifts themselves change no event */
            const char *br = memchr(s, '[', n);
            if (br && s[0] != '-' && n - (size_t)(br - s) >= 4 && (!memcmp(br + 1, "###", 3) || !memcmp(br + 1, "+++", 3)))
                fm_lexicon_add_phrase(lx, &lx->discards, s, (size_t)(br - s), 1, file, it.lineno);
            continue;
        }
        if (in_section == 1) continue;          /* other sections are not coded */
        if (s[0] == '&') {
            size_t e = 1;
            while (e < n && !isspace((unsigned char)s[e])) e++;
            synset = synset_new(lx, s + 1, e - 1);
            verb = UINT32_MAX;
            continue;
        }
        if (s[0] == '~') continue;              /* transformations: applied by the coder's clause rules */
        if (n >= 3 && memcmp(s, "---", 3) == 0 && petrarch) {
            const char *p = s + 3, *e = s + n;
            while (p < e && (*p == ' ' || *p == '\t')) p++;
            const char *nm = p;
            while (p < e && !isspace((unsigned char)*p) && *p != '[') p++;
            char code[8] = "", code2[8] = "";
            const char *br = memchr(s, '[', n);
            if (br) parse_code(br, n - (size_t)(br - s), code, code2);
            verb = new_block(lx, nm, (size_t)(p - nm), code, code2);
            synset = UINT32_MAX;
            continue;
        }
        if (s[0] == '-' && n > 1 && (isspace((unsigned char)s[1]) || s[1] == '+' || s[1] == '$' || s[1] == '*')) {
            if (verb == UINT32_MAX) { fm_lexicon_error(lx, file, it.lineno, "pattern outside a verb block"); continue; }
            parse_pattern(lx, verb, s, n, file, it.lineno);
            continue;
        }
        if (s[0] == '+' && synset != UINT32_MAX && verb == UINT32_MAX) {
            synset_member(lx, synset, s + 1, n - 1, file, it.lineno);
            continue;
        }
        if (!petrarch) {
            /* TABARI: "VERB [code]" opens a block; "{FORMS}" alone continues the last verb */
            if (s[0] == '{' && verb != UINT32_MAX) { parse_form_line(lx, verb, s, n, file, it.lineno); continue; }
            const char *br = memchr(s, '[', n);
            size_t wl = br ? (size_t)(br - s) : n;
            const char *w = s;
            fm_trim(&w, &wl);
            char code[8] = "", code2[8] = "";
            if (br && parse_code(br, n - (size_t)(br - s), code, code2)) {
                fm_lexicon_error(lx, file, it.lineno, "malformed verb code");
                continue;
            }
            const char *brace = memchr(w, '{', wl);
            size_t nl = brace ? (size_t)(brace - w) : wl;
            while (nl && isspace((unsigned char)w[nl - 1])) nl--;
            verb = new_block(lx, w, nl, code, code2);
            synset = UINT32_MAX;
            if (verb != UINT32_MAX) parse_verb_line(lx, verb, s, n, file, it.lineno, 1);
            continue;
        }
        if (verb == UINT32_MAX) { fm_lexicon_error(lx, file, it.lineno, "verb outside a block"); continue; }
        parse_verb_line(lx, verb, s, n, file, it.lineno, 0);
    }
    fm_dict_lines_free(&it);
    return 0;
}

/* ---- the synset index (see fm_lexicon.syn_first) ---- */

/* fm_lexicon.syn_members: after the sets are marked, since an unindexed set
 * is matched member by member and has no place here. */
static int synset_members_build(fm_lexicon *lx)
{
    size_t nw = lx->n_words, ns = lx->synsets.n;
    lx->syn_mem_first = fm_arena_alloc(&lx->arena, (nw + 1) * sizeof *lx->syn_mem_first);
    if (!lx->syn_mem_first) return -1;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            uint32_t sum = 0;
            for (size_t w = 0; w <= nw; w++) { uint32_t k = lx->syn_mem_first[w]; lx->syn_mem_first[w] = sum; sum += k; }
            lx->syn_members = fm_arena_alloc(&lx->arena, (sum ? sum : 1) * sizeof *lx->syn_members);
            if (!lx->syn_members) return -1;
        }
        for (size_t s = 0; s < ns; s++) {
            if (lx->syn_unindexed[s]) continue;
            const fm_u32_vec *m = &lx->synsets.a[s];
            for (size_t k = 0; k + 1 < m->n; k += 2) {
                uint32_t w = lx->elems.a[m->a[k]].id;
                if (pass == 0) lx->syn_mem_first[w]++;
                else lx->syn_members[lx->syn_mem_first[w]++] = (fm_syn_member){ (uint32_t)s, m->a[k], m->a[k + 1] };
            }
        }
    }
    for (size_t w = nw; w > 0; w--) lx->syn_mem_first[w] = lx->syn_mem_first[w - 1];
    lx->syn_mem_first[0] = 0;
    /* and in the token masks, so that sentence tables pass the other tokens by */
    for (size_t w = 0; w < nw; w++) {
        if (lx->syn_mem_first[w] == lx->syn_mem_first[w + 1]) continue;
        while (lx->word_starts.n <= w)
            if (fm_u16_vec_push(&lx->word_starts, 0)) return -1;
        lx->word_starts.a[w] |= FM_STARTS_SYNSET << 8;
    }
    return 0;
}

int fm_synset_index_build(fm_lexicon *lx)
{
    size_t nw = lx->n_words, ns = lx->synsets.n;
    lx->syn_first = fm_arena_alloc(&lx->arena, (nw + 1) * sizeof *lx->syn_first);
    lx->syn_unindexed = fm_arena_alloc(&lx->arena, ns ? ns : 1);
    if (!lx->syn_first || !lx->syn_unindexed) return -1;
    /* two passes over the members: count per first word, then place (a synset
     * is listed once per word even when several members start with it) */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            uint32_t sum = 0;
            for (size_t w = 0; w <= nw; w++) { uint32_t k = lx->syn_first[w]; lx->syn_first[w] = sum; sum += k; }
            lx->syn_sets = fm_arena_alloc(&lx->arena, (sum ? sum : 1) * sizeof *lx->syn_sets);
            if (!lx->syn_sets) return -1;
        }
        for (size_t s = 0; s < ns; s++) {
            const fm_u32_vec *m = &lx->synsets.a[s];
            for (size_t k = 0; k + 1 < m->n; k += 2) {
                const fm_pat_elem *e = &lx->elems.a[m->a[k]];
                if (m->a[k + 1] == 0 || e->kind != FM_PE_WORD || e->id >= nw) { lx->syn_unindexed[s] = 1; continue; }
                int seen = 0;   /* an earlier member of s with the same first word */
                for (size_t j = 0; j < k && !seen; j += 2)
                    seen = m->a[j + 1] && lx->elems.a[m->a[j]].kind == FM_PE_WORD && lx->elems.a[m->a[j]].id == e->id;
                if (seen) continue;
                if (pass == 0) lx->syn_first[e->id]++;
                else lx->syn_sets[lx->syn_first[e->id]++] = (uint32_t)s;
            }
        }
    }
    /* placing moved each start to the next word's start: shift back */
    for (size_t w = nw; w > 0; w--) lx->syn_first[w] = lx->syn_first[w - 1];
    lx->syn_first[0] = 0;
    return synset_members_build(lx);
}

/* fm_lexicon.pattern_guard: a pattern's first fixed word, after the verb
 * before the words before it (the one most patterns fail on); n_words, the
 * stamp slot every sentence holds, when it has none. */
int fm_pattern_guards_build(fm_lexicon *lx)
{
    size_t np = lx->patterns.n;
    lx->pattern_guard = fm_arena_alloc(&lx->arena, (np ? np : 1) * sizeof *lx->pattern_guard);
    if (!lx->pattern_guard) return -1;
    for (size_t p = 0; p < np; p++) {
        const fm_pattern *pat = &lx->patterns.a[p];
        uint32_t guard = lx->n_words;
        for (uint32_t k = 0; k < pat->n_post + pat->n_pre && guard == lx->n_words; k++) {
            const fm_pat_elem *e = &lx->elems.a[k < pat->n_post ? pat->post + k : pat->pre + (k - pat->n_post)];
            if (e->kind == FM_PE_WORD && e->id < lx->n_words) guard = e->id;
        }
        lx->pattern_guard[p] = guard;
    }
    return 0;
}
