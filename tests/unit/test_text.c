/* test_text.c — the sentence splitter, dateline, tokenizer and UTF-8 folding:
 * data-driven cases from tests/cases/sentences.txt and tokens.txt (formats are
 * documented at the top of each file), plus C checks for offsets, bad bytes,
 * folding and, when ../shared is present, the real corpus. */
#include "text.h"
#include "tap.h"
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#define CASES FM_DATADIR "/../tests/cases/"
#define SHARED FM_DATADIR "/../../shared/"

/* Reads a whole file (NUL-terminated) or returns NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); b = NULL; }
            else b = nb;
        }
    }
    fclose(f);
    if (!b) return NULL;
    b[n] = 0;
    if (len) *len = n;
    return b;
}

/* Case files write invisible and invalid bytes as \xHH; "\\" is a backslash. */
static size_t unescape(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 3 < n + 0 && s[i + 1] == 'x') {
            unsigned v;
            char hex[3] = {s[i + 2], s[i + 3], 0};
            if (sscanf(hex, "%2x", &v) == 1) { out[o++] = (char)v; i += 3; continue; }
        }
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\\') { out[o++] = '\\'; i++; continue; }
        out[o++] = s[i];
    }
    out[o] = 0;
    return o;
}

/* A sentence as the case files write it: line breaks inside become "\n". */
static void show(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 3 < cap; i++) {
        if (s[i] == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
        else out[o++] = s[i];
    }
    out[o] = 0;
}

typedef struct line_reader { char *p; int lineno; } line_reader;

/* Next line (without '\n'), NULL at the end; the text is modified in place. */
static char *next_line(line_reader *r)
{
    if (!r->p || !*r->p) return NULL;
    char *s = r->p, *e = strchr(s, '\n');
    if (e) { *e = 0; r->p = e + 1; }
    else r->p = s + strlen(s);
    r->lineno++;
    size_t n = strlen(s);
    if (n && s[n - 1] == '\r') s[n - 1] = 0;
    return s;
}

/* ---- sentences.txt ------------------------------------------------------ */

static void check_sentences(void)
{
    char *data = slurp(CASES "sentences.txt", NULL);
    TAP_OK(data != NULL, "sentences.txt readable");
    if (!data) return;
    line_reader r = {data, 0};
    char *l;
    int cases = 0;
    for (;;) {
        /* input: lines up to "---" (comments and leading blank lines skipped) */
        static char input[16384];
        size_t in_len = 0;
        int start_line = 0;
        while ((l = next_line(&r)) && (l[0] == '#' || l[0] == 0)) {}
        if (!l) break;
        start_line = r.lineno;
        for (; l && strcmp(l, "---") != 0; l = next_line(&r)) {
            if (in_len) input[in_len++] = '\n';
            in_len += unescape(l, strlen(l), input + in_len);
        }
        if (!l) { TAP_OK(0, "sentences.txt:%d: case without ---", start_line); break; }
        /* expected: sentences up to "===" or the end; "dateline: PLACE|OUTLET" */
        static char want_buf[64][1024];
        char *want[64];
        int n_want = 0;
        const char *dateline = NULL;
        while ((l = next_line(&r)) && strcmp(l, "===") != 0) {
            if (strncmp(l, "dateline: ", 10) == 0) dateline = l + 10;
            else if (l[0] && n_want < 64 && strlen(l) < sizeof want_buf[0]) {
                unescape(l, strlen(l), want_buf[n_want]);
                want[n_want] = want_buf[n_want];
                n_want++;
            }
        }
        cases++;
        fm_span_vec v = {0};
        int rc = fm_sentence_split(input, in_len, &v);
        int same = rc == 0 && (int)v.n == n_want;
        char got[4096];
        for (size_t i = 0; same && i < v.n; i++) {
            show(input + v.a[i].start, v.a[i].end - v.a[i].start, got, sizeof got);
            same = strcmp(got, want[i]) == 0;
        }
        TAP_OK(same, "sentences.txt:%d: %d sentence(s)", start_line, n_want);
        if (!same) {
            for (size_t i = 0; i < v.n; i++) {
                show(input + v.a[i].start, v.a[i].end - v.a[i].start, got, sizeof got);
                printf("#   got  [%s]\n", got);
            }
            for (int i = 0; i < n_want; i++) printf("#   want [%s]\n", want[i]);
        }
        if (dateline) {
            fm_span place = {0, 0}, outlet = {0, 0};
            size_t d = fm_dateline(input, in_len, &place, &outlet);
            char desc[256];
            snprintf(desc, sizeof desc, "%.*s|%.*s", (int)(place.end - place.start), input + place.start,
                     (int)(outlet.end - outlet.start), input + outlet.start);
            TAP_STREQ(d ? desc : "(none)", dateline, "sentences.txt:%d: dateline", start_line);
        }
        fm_span_vec_free(&v);
    }
    printf("# %d sentence cases\n", cases);
    free(data);
}

/* ---- tokens.txt --------------------------------------------------------- */

static const char kind_codes[] = "?WNSPQOCDY";   /* indexed by fm_token_kind */

/* "NORM|K[flags]": K a kind code; flags c (cap), a (all caps), n (no space)
 * must be set when listed; h (hyphen) is always compared. */
static int token_matches(const fm_token *t, const char *item, char *why, size_t cap)
{
    const char *bar = strrchr(item, '|');
    if (!bar) { snprintf(why, cap, "bad item %s", item); return 0; }
    size_t nlen = (size_t)(bar - item);
    char norm[512];
    nlen = unescape(item, nlen, norm);
    if (t->norm_len != nlen || !t->norm || memcmp(t->norm, norm, nlen) != 0) {
        snprintf(why, cap, "norm %s, want %s", t->norm ? t->norm : "(null)", norm);
        return 0;
    }
    const char *k = strchr(kind_codes, bar[1]);
    if (!k || bar[1] == '?' || k - kind_codes != t->kind) {
        snprintf(why, cap, "%s: kind %c, want %c", norm, kind_codes[t->kind], bar[1]);
        return 0;
    }
    int want_h = 0;
    for (const char *f = bar + 2; *f; f++) {
        int bit = *f == 'c' ? FM_TOKF_CAP : *f == 'a' ? FM_TOKF_ALLCAPS : *f == 'n' ? FM_TOKF_NOSPACE
                : *f == 'h' ? FM_TOKF_HYPHEN : 0;
        if (*f == 'h') want_h = 1;
        if (!bit || !(t->flags & bit)) { snprintf(why, cap, "%s: flag %c missing", norm, *f); return 0; }
    }
    if (!want_h && (t->flags & FM_TOKF_HYPHEN)) { snprintf(why, cap, "%s: unexpected hyphen flag", norm); return 0; }
    return 1;
}

/* Offsets must be in range, non-empty, increasing and not overlapping. */
static int offsets_sane(const fm_token *t, size_t n, uint32_t start, uint32_t end)
{
    uint32_t prev = start;
    for (size_t i = 0; i < n; i++) {
        if (t[i].start < prev || t[i].end <= t[i].start || t[i].end > end) return 0;
        prev = t[i].end;
    }
    return 1;
}

static void check_tokens(void)
{
    char *data = slurp(CASES "tokens.txt", NULL);
    TAP_OK(data != NULL, "tokens.txt readable");
    if (!data) return;
    line_reader r = {data, 0};
    char *l, *input = NULL;
    int phrase = 0, in_line = 0, cases = 0;
    fm_arena a;
    fm_arena_init(&a, 0);
    while ((l = next_line(&r))) {
        if ((l[0] == '<' || l[0] == 'P') && l[1] == ' ') { input = l + 2; phrase = l[0] == 'P'; in_line = r.lineno; continue; }
        if (!(l[0] == '>' && l[1] == ' ') || !input) continue;
        static char text[8192];
        size_t n = unescape(input, strlen(input), text);
        fm_token_vec v = {0};
        int rc = phrase ? fm_tokenize_phrase(text, n, &a, &v) : fm_tokenize(text, 0, (uint32_t)n, &a, &v);
        char why[600] = "";
        int ok = rc == 0 && offsets_sane(v.a, v.n, 0, (uint32_t)n);
        if (!ok) snprintf(why, sizeof why, "rc %d or bad offsets", rc);
        size_t i = 0;
        for (char *item = strtok(l + 2, " "); ok && item; item = strtok(NULL, " "), i++) {
            if (i >= v.n) { snprintf(why, sizeof why, "too few tokens (%zu)", v.n); ok = 0; break; }
            ok = token_matches(&v.a[i], item, why, sizeof why);
        }
        if (ok && i != v.n) { snprintf(why, sizeof why, "%zu extra token(s), first %s", v.n - i, v.a[i].norm); ok = 0; }
        cases++;
        TAP_OK(ok, "tokens.txt:%d: %s", in_line, input);
        if (!ok) printf("#   %s\n", why);
        fm_token_vec_free(&v);
        fm_arena_reset(&a);
        input = NULL;
    }
    printf("# %d token cases\n", cases);
    fm_arena_free(&a);
    free(data);
}

/* ---- C checks ------------------------------------------------------------ */

static void check_fold(void)
{
    char d[64];
    struct { const char *in, *want; } f[] = {
        {"S\xC3\xA9l\xC3\xA9ka", "SELEKA"}, {"Ninaw\xC3\xA1", "NINAWA"}, {"\xC5\x81\xC3\xB3""d\xC5\xBA", "LODZ"},
        {"Sana\xE2\x80\x99""a", "SANA'A"}, {"Stra\xC3\x9F""e", "STRASSE"}, {"\xEF\xAC\x81re", "FIRE"},
        {"\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD", "\xD0\x9F\xD0\xA3\xD0\xA2\xD0\x98\xD0\x9D"},   /* Путин */
        {"\xC4\xB0stanbul", "ISTANBUL"}, {"Erdo\xC4\x9F""an", "ERDOGAN"}, {"\xC3\x98rsted", "ORSTED"},
        {"Ho\xC3\xA0ng", "HOANG"}, {"a\xFF""b", "A\xEF\xBF\xBD""B"}, {"", ""},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        size_t n = fm_fold_upper(f[i].in, strlen(f[i].in), d, sizeof d);
        TAP_OK(n == strlen(f[i].want), "fold length of %s", f[i].want);
        TAP_STREQ(d, f[i].want, "fold %s", f[i].want);
    }
    /* too small a buffer: the needed length comes back, the prefix ends on a character */
    size_t n = fm_fold_upper("S\xC3\xA9l\xC3\xA9ka", 8, d, 3);
    TAP_OK(n == 6 && strcmp(d, "SE") == 0, "fold into a short buffer keeps whole characters");
}

static void check_utf8(void)
{
    struct { const char *s; size_t n; int ok; size_t bad; } u[] = {
        {"plain ascii", 11, 1, 0}, {"S\xC3\xA9l\xC3\xA9ka", 8, 1, 0}, {"\xE2\x80\x9Cq\xE2\x80\x9D", 7, 1, 0},
        {"\xF0\x9F\x98\x80", 4, 1, 0}, {"ab\xFF", 3, 0, 2}, {"\xC0\xAF", 2, 0, 0},    /* overlong '/' */
        {"x\xED\xA0\x80", 4, 0, 1},                                               /* surrogate */
        {"\xE2\x80", 2, 0, 0}, {"\xF4\x90\x80\x80", 4, 0, 0}, {"ok\xC3", 3, 0, 2},
        {"\xE0\x80\x80", 3, 0, 0},
    };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
        size_t bad = 99;
        int ok = fm_utf8_valid(u[i].s, u[i].n, &bad);
        TAP_OK(ok == u[i].ok && (ok || bad == u[i].bad), "utf8 valid case %zu (bad at %zu)", i, bad);
    }
}

static void check_offsets(void)
{
    /* a range inside a document: offsets are document offsets */
    const char *doc = "XX \xE2\x80\x9CS\xC3\xA9l\xC3\xA9ka\xE2\x80\x9D fighters\xC2\xA0""attacked. YY";
    fm_arena a;
    fm_arena_init(&a, 0);
    fm_token_vec v = {0};
    uint32_t end = (uint32_t)strlen(doc) - 3;
    int rc = fm_tokenize(doc, 3, end, &a, &v);
    TAP_OK(rc == 0 && v.n == 6, "range tokenized into 6 tokens (%zu)", v.n);
    if (v.n == 6) {
        TAP_OK(v.a[0].start == 3 && v.a[0].end == 6, "curly quote spans 3 bytes at 3");
        TAP_OK(v.a[1].start == 6 && v.a[1].end == 14, "Seleka at [6,14)");
        TAP_OK(v.a[3].start == 18 && v.a[3].end == 26 && (v.a[3].flags & FM_TOKF_NOSPACE) == 0, "fighters after the quote with a space");
        TAP_OK(v.a[4].start == 28 && v.a[4].end == 36, "NBSP is white space: attacked at 28");
        TAP_OK(v.a[5].kind == FM_TOK_PUNCT && v.a[5].end == end, "final period is PUNCT and ends the range");
    }
    fm_token_vec_free(&v);

    /* the dictionary phrase and the text give the same tokens */
    fm_token_vec p = {0}, t = {0};
    fm_tokenize_phrase("AL-NUSRA_FRONT_", 15, &a, &p);
    fm_tokenize("the al-Nusra Front said", 4, 18, &a, &t);
    int same = p.n == 3 && t.n == 3;
    for (size_t i = 0; same && i < 3; i++)
        same = strcmp(p.a[i].norm, t.a[i].norm) == 0 && p.a[i].kind == t.a[i].kind &&
               (p.a[i].flags & FM_TOKF_HYPHEN) == (t.a[i].flags & FM_TOKF_HYPHEN);
    TAP_OK(same, "AL-NUSRA_FRONT_ tokenizes like \"al-Nusra Front\"");
    fm_token_vec_free(&p);
    fm_token_vec_free(&t);

    /* the splitter's mode: no arena, no norms for words, same tokens */
    fm_token_vec w = {0};
    rc = fm_tokenize("U.S. forces", 0, 11, NULL, &w);
    TAP_OK(rc == 0 && w.n == 2 && w.a[0].norm == NULL && w.a[0].end == 4, "tokenize without an arena");
    fm_token_vec_free(&w);
    fm_arena_free(&a);
}

/* Random and truncated bytes: no crash, sane offsets, every sentence trimmed. */
static void check_garbage(void)
{
    uint32_t seed = 12345;
    char buf[512];
    static const char pieces[][8] = {"U.S.", ". ", "\n", "\n\n", "\xE2\x80\x9C", "\xE2\x80\x99", "-", "3.5",
                                     "\xC3", "\xFF", "Gen.", " ", "\"", "(", ")", "al-", "'s", "..."};
    int bad = 0;
    fm_arena a;
    fm_arena_init(&a, 0);
    for (int round = 0; round < 2000; round++) {
        size_t n = 0;
        while (n < sizeof buf - 16) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0x7FFF;
            if (r % 3 == 0) buf[n++] = (char)(r >> 4);
            else {
                const char *p = pieces[(r >> 2) % (sizeof pieces / sizeof pieces[0])];
                size_t k = strlen(p);
                memcpy(buf + n, p, k);
                n += k;
            }
            if (r % 97 == 0) break;
        }
        fm_token_vec v = {0};
        if (fm_tokenize(buf, 0, (uint32_t)n, &a, &v) || !offsets_sane(v.a, v.n, 0, (uint32_t)n)) bad++;
        for (size_t i = 0; i < v.n; i++)
            if (!v.a[i].norm || strlen(v.a[i].norm) != v.a[i].norm_len) { bad++; break; }
        fm_token_vec_free(&v);
        fm_span_vec s = {0};
        if (fm_sentence_split(buf, n, &s)) bad++;
        uint32_t prev = 0;
        for (size_t i = 0; i < s.n; i++) {
            if (s.a[i].start < prev || s.a[i].end <= s.a[i].start || s.a[i].end > n) { bad++; break; }
            prev = s.a[i].end;
        }
        fm_span_vec_free(&s);
        fm_arena_reset(&a);
    }
    fm_arena_free(&a);
    TAP_OK(bad == 0, "2000 random buffers: no failure, sane offsets and norms (%d bad)", bad);
}

/* The shared corpus, when present: every sentence trimmed and in order, and
 * the tokenizer's throughput reported (the coder needs >= 15 MB/s overall). */
static void check_corpus(void)
{
    size_t len;
    char *data = slurp(SHARED "corpus/wikinews-2019-2020.jsonl", &len);
    if (!data) { printf("# skip corpus checks: ../shared not present\n"); return; }
    line_reader r = {data, 0};
    char *l;
    size_t docs = 0, sentences = 0, bytes = 0, tokens = 0, bad = 0;
    double t_split = 0, t_tok = 0;
    fm_arena a;
    fm_arena_init(&a, 0);
    while ((l = next_line(&r))) {
        json_t *j = json_loads(l, 0, NULL);
        const char *text = json_string_value(json_object_get(j, "text"));
        size_t n = json_string_length(json_object_get(j, "text"));
        if (text) {
            fm_span_vec s = {0};
            clock_t c0 = clock();
            if (fm_sentence_split(text, n, &s)) bad++;
            clock_t c1 = clock();
            for (size_t i = 0; i < s.n; i++) {
                const fm_span *sp = &s.a[i];
                if (sp->end <= sp->start || sp->end > n || (i && sp->start < s.a[i - 1].end) ||
                    text[sp->start] == ' ' || text[sp->end - 1] == ' ' || text[sp->end - 1] == '\n')
                    bad++;
                fm_token_vec v = {0};
                if (fm_tokenize(text, sp->start, sp->end, &a, &v)) bad++;
                tokens += v.n;
                fm_token_vec_free(&v);
            }
            t_tok += (double)(clock() - c1) / CLOCKS_PER_SEC;
            t_split += (double)(c1 - c0) / CLOCKS_PER_SEC;
            sentences += s.n;
            bytes += n;
            docs++;
            fm_span_vec_free(&s);
            fm_arena_reset(&a);
        }
        json_decref(j);
    }
    fm_arena_free(&a);
    TAP_OK(docs > 100 && bad == 0, "wikinews: %zu docs, %zu sentences, %zu tokens, %zu bad spans", docs, sentences, tokens, bad);
    TAP_OK(sentences > docs * 5, "wikinews: more than 5 sentences per article on average");
    double mb = bytes / 1e6;
    printf("# split %.1f MB/s, tokenize %.1f MB/s\n", t_split > 0 ? mb / t_split : 0, t_tok > 0 ? mb / t_tok : 0);
    free(data);
}

/* The word classes the tokenizer gives (text.h FM_WC_*): written by hand from the lists. */
static void check_word_classes(void)
{
    static const struct { const char *text; int tok; unsigned want; } cases[] = {
        {"Officials said", 1, FM_WC_SPEECH},
        {"on Dec. 5", 1, FM_WC_MONTH | FM_WC_TIME},
        {"in May", 1, FM_WC_MONTH | FM_WC_MODAL | FM_WC_TIME},
        {"on Sunday", 1, FM_WC_WEEKDAY | FM_WC_TIME},
        {"twenty-three", 0, FM_WC_NUMBER | FM_WC_TIME},
        {"dozens", 0, FM_WC_NUMBER | FM_WC_TIME},
        {"reportedly", 0, FM_WC_HEDGE},
        {"they didn't", 1, FM_WC_NEGATION},
        {"they won't", 1, FM_WC_NEGATION | FM_WC_MODAL},
        {"they'll", 0, FM_WC_MODAL},
        {"near Gaza", 0, FM_WC_PREP},
        {"near Gaza", 1, 0},
        {"Naama", 0, 0},
        {"its", 0, FM_WC_DET},
        {"them", 0, FM_WC_PRONOUN},
        {"were", 0, FM_WC_AUX},
        {"whereas", 0, FM_WC_CONJ},
        {"5", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_arena a;
        fm_arena_init(&a, 0);
        fm_token_vec v = {0};
        const char *t = cases[i].text;
        fm_tokenize(t, 0, (uint32_t)strlen(t), &a, &v);
        unsigned got = (size_t)cases[i].tok < v.n ? v.a[cases[i].tok].wclass : 0xFFFFu;
        TAP_OK(got == cases[i].want, "word class of token %d of '%s': 0x%x (want 0x%x)", cases[i].tok, t, got,
               cases[i].want);
        fm_token_vec_free(&v);
        fm_arena_free(&a);
    }
}

int main(void)
{
    check_sentences();
    check_tokens();
    check_fold();
    check_utf8();
    check_offsets();
    check_garbage();
    check_corpus();
    check_word_classes();
    return TAP_DONE();
}
