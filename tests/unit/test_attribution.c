/* test_attribution.c — attribution frames and event modes on real wire
 * sentences: the cases are data (tests/cases/attribution.txt, mode.txt), each a
 * sentence, the verb to ask about and the hand-written expected answer. */
#include "tap.h"
#include "attribution.h"
#include "mode.h"
#include "text.h"
#include "arena.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

static const char *mode_name(fm_mode m)
{
    static const char *const names[] = { "asserted", "reported", "claimed", "denied", "negated",
                                         "hypothetical" };
    return (unsigned)m < 6 ? names[m] : "?";
}

typedef struct sentence {
    fm_arena arena;
    fm_token_vec tok;
    const char *text;
    fm_attrib_frame frames[16];
    size_t n_frames;
} sentence;

static int sentence_open(sentence *s, const char *text)
{
    memset(s, 0, sizeof *s);
    fm_arena_init(&s->arena, 4096);
    s->text = text;
    if (fm_tokenize(text, 0, (uint32_t)strlen(text), &s->arena, &s->tok) != 0) return -1;
    s->n_frames = fm_attribution_frames(text, s->tok.a, s->tok.n, s->frames, 16);
    if (s->n_frames > 16) s->n_frames = 16;
    return 0;
}

static void sentence_close(sentence *s)
{
    fm_token_vec_free(&s->tok);
    fm_arena_free(&s->arena);
}

/* Text of tokens [a, b) as written, or "-" when empty. */
static const char *span_text(const sentence *s, size_t a, size_t b, char *out, size_t cap)
{
    if (b <= a || b > s->tok.n) { snprintf(out, cap, "-"); return out; }
    size_t st = s->tok.a[a].start, en = s->tok.a[b - 1].end;
    snprintf(out, cap, "%.*s", (int)(en - st), s->text + st);
    return out;
}

/* Finds the token range of words ("carried out"), the k-th occurrence. */
static int find_words(const sentence *s, const char *words, int nth, size_t *vs, size_t *ve)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", words);
    char *w[8];
    int nw = 0;
    for (char *p = strtok(buf, " "); p && nw < 8; p = strtok(NULL, " ")) w[nw++] = p;
    if (nw == 0) return -1;
    int seen = 0;
    for (size_t i = 0; i + (size_t)nw <= s->tok.n; i++) {
        int ok = 1;
        for (int k = 0; k < nw && ok; k++) {
            const fm_token *t = &s->tok.a[i + (size_t)k];
            ok = strlen(w[k]) == t->end - t->start && strncasecmp(w[k], s->text + t->start, t->end - t->start) == 0;
        }
        if (ok && ++seen == nth) { *vs = i; *ve = i + (size_t)nw; return 0; }
    }
    return -1;
}

static char *trim(char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ')) p[--n] = 0;
    return p;
}

typedef struct kase {
    char sentence[1024], verb[128], mode[32], speaker[256], via[128], speaker2[256], via2[128];
    int nth, line;
} kase;

static void run_case(const char *file, const kase *c)
{
    sentence s;
    if (sentence_open(&s, c->sentence) != 0) {
        TAP_OK(0, "%s:%d tokenizes", file, c->line);
        sentence_close(&s);
        return;
    }
    size_t vs, ve;
    if (find_words(&s, c->verb, c->nth, &vs, &ve) != 0) {
        TAP_OK(0, "%s:%d verb \"%s\" found", file, c->line, c->verb);
        sentence_close(&s);
        return;
    }
    size_t idx[4];
    size_t m = fm_attribution_for(s.frames, s.n_frames, vs, ve, idx, 4);
    if (m > 4) m = 4;
    char got_sp[256] = "-", got_via[128] = "-", got_sp2[256] = "-", got_via2[128] = "-";
    if (m > 0) {
        const fm_attrib_frame *f = &s.frames[idx[0]];
        span_text(&s, f->speaker_start, f->speaker_end, got_sp, sizeof got_sp);
        span_text(&s, f->via_start, f->via_end, got_via, sizeof got_via);
    }
    if (m > 1) {
        const fm_attrib_frame *f = &s.frames[idx[1]];
        span_text(&s, f->speaker_start, f->speaker_end, got_sp2, sizeof got_sp2);
        span_text(&s, f->via_start, f->via_end, got_via2, sizeof got_via2);
    }
    fm_mode mode = fm_mode_of(s.text, s.tok.a, s.tok.n, vs, ve, s.frames, s.n_frames);
    if (c->mode[0])
        TAP_STREQ(mode_name(mode), c->mode, "%s:%d mode of \"%s\"", file, c->line, c->verb);
    if (c->speaker[0])
        TAP_STREQ(got_sp, c->speaker, "%s:%d speaker for \"%s\"", file, c->line, c->verb);
    if (c->via[0]) TAP_STREQ(got_via, c->via, "%s:%d via for \"%s\"", file, c->line, c->verb);
    if (c->speaker2[0])
        TAP_STREQ(got_sp2, c->speaker2, "%s:%d outer speaker for \"%s\"", file, c->line, c->verb);
    if (c->via2[0]) TAP_STREQ(got_via2, c->via2, "%s:%d outer via for \"%s\"", file, c->line, c->verb);
    /* the speaker is never where the reported event's actors come from */
    for (size_t k = 0; k < m; k++) {
        const fm_attrib_frame *f = &s.frames[idx[k]];
        TAP_OK(f->speaker_end <= vs || f->speaker_start >= ve || f->speaker_start == f->speaker_end,
               "%s:%d speaker does not overlap the verb", file, c->line);
    }
    sentence_close(&s);
}

/* Case file format: blocks separated by blank lines; the first line is the
 * sentence, then "verb WORDS [#N]", "mode M", "speaker TEXT", "via TEXT",
 * "speaker2 TEXT", "via2 TEXT" ("-" = none). '#' lines are comments. */
static int run_file(const char *name)
{
    char path[1024];
    FILE *fp = NULL;
    const char *dirs[] = { "tests/cases", FM_DATADIR "/../tests/cases" };
    for (size_t i = 0; i < 2 && !fp; i++) {
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        fp = fopen(path, "r");
    }
    if (!fp) { TAP_OK(0, "open %s", name); return 0; }
    char line[2048];
    kase c;
    int have = 0, lineno = 0, cases = 0;
    memset(&c, 0, sizeof c);
    for (;;) {
        char *r = fgets(line, sizeof line, fp);
        lineno++;
        char *p = r ? trim(line) : NULL;
        if (!r || !*p) {
            if (have) {
                if (c.nth == 0) c.nth = 1;
                run_case(name, &c);
                cases++;
            }
            have = 0;
            memset(&c, 0, sizeof c);
            if (!r) break;
            continue;
        }
        if (*p == '#') continue;
        if (!have) {
            snprintf(c.sentence, sizeof c.sentence, "%s", p);
            c.line = lineno;
            have = 1;
            continue;
        }
        char *sp = strchr(p, ' ');
        if (!sp) { TAP_OK(0, "%s:%d malformed line", name, lineno); continue; }
        *sp = 0;
        char *val = trim(sp + 1);
        if (strcmp(p, "verb") == 0) {
            char *hash = strchr(val, '#');
            if (hash) { c.nth = atoi(hash + 1); *hash = 0; val = trim(val); }
            snprintf(c.verb, sizeof c.verb, "%s", val);
        } else if (strcmp(p, "mode") == 0) snprintf(c.mode, sizeof c.mode, "%s", val);
        else if (strcmp(p, "speaker") == 0) snprintf(c.speaker, sizeof c.speaker, "%s", val);
        else if (strcmp(p, "via") == 0) snprintf(c.via, sizeof c.via, "%s", val);
        else if (strcmp(p, "speaker2") == 0) snprintf(c.speaker2, sizeof c.speaker2, "%s", val);
        else if (strcmp(p, "via2") == 0) snprintf(c.via2, sizeof c.via2, "%s", val);
        else TAP_OK(0, "%s:%d unknown key %s", name, lineno, p);
    }
    fclose(fp);
    return cases;
}

static void test_api(void)
{
    sentence s;
    /* speech verbs are told apart from events */
    sentence_open(&s, "Police said rebels attacked and denied, warned, accused.");
    TAP_OK(fm_speech_verb(&s.tok.a[1]) == FM_ATTRIB_SAY, "SAID is a SAY verb");
    TAP_OK(fm_speech_verb(&s.tok.a[3]) == 0, "ATTACKED is not a speech verb");
    TAP_OK(fm_speech_verb(&s.tok.a[5]) == FM_ATTRIB_DENY, "DENIED is a DENY verb");
    TAP_OK(fm_speech_verb(&s.tok.a[7]) == FM_ATTRIB_WARN, "WARNED is a WARN verb");
    TAP_OK(fm_speech_verb(&s.tok.a[9]) == FM_ATTRIB_ACCUSE, "ACCUSED is an ACCUSE verb");
    TAP_OK(fm_speech_verb(NULL) == 0, "NULL token is no speech verb");
    sentence_close(&s);

    /* head tokens are off limits for the reported event's actors */
    sentence_open(&s, "Rockets hit the base, two Iraqi security sources told Reuters.");
    TAP_OK(s.n_frames == 1, "one frame (got %zu)", s.n_frames);
    TAP_OK(s.n_frames && s.frames[0].kind == FM_ATTRIB_SAY, "a SAY frame");
    TAP_OK(!fm_attribution_in_head(s.frames, s.n_frames, 0), "\"Rockets\" is in the reported clause");
    TAP_OK(fm_attribution_in_head(s.frames, s.n_frames, 6), "\"Iraqi\" is in the head");
    TAP_OK(fm_attribution_in_head(s.frames, s.n_frames, 10), "\"Reuters\" is in the head");
    TAP_OK(s.n_frames && s.frames[0].scope_start == 0 && s.frames[0].scope_end == 4,
           "scope is \"Rockets hit the base\"");
    TAP_STREQ(fm_attrib_kind_name(FM_ATTRIB_ACCORDING_TO), "according_to", "kind names");
    size_t len = 0;
    TAP_OK(fm_outlet_at(s.tok.a, s.tok.n, 10, &len) && len == 1, "Reuters is an outlet");
    TAP_OK(!fm_outlet_at(s.tok.a, s.tok.n, 0, &len), "Rockets is no outlet");
    sentence_close(&s);

    /* more frames than room: the count is still right, nothing written past cap */
    sentence_open(&s, "A said B said C said D said E attacked.");
    fm_attrib_frame one[2];
    memset(one, 0x5a, sizeof one);
    size_t got = fm_attribution_frames(s.text, s.tok.a, s.tok.n, one, 1);
    TAP_OK(got == 4, "four frames counted with cap 1 (got %zu)", got);
    unsigned char *guard = (unsigned char *)&one[1];
    TAP_OK(guard[0] == 0x5a && guard[sizeof one[1] - 1] == 0x5a, "nothing written past cap");
    TAP_OK(fm_attribution_frames(s.text, s.tok.a, 0, one, 1) == 0, "no tokens, no frames");
    TAP_OK(fm_attribution_frames(s.text, NULL, 5, one, 1) == 0, "NULL tokens, no frames");
    TAP_OK(fm_mode_of(s.text, s.tok.a, s.tok.n, 99, 100, NULL, 0) == FM_MODE_ASSERTED,
           "verb out of range is asserted, no crash");
    sentence_close(&s);

    /* a verb inside more frames than the caller has room for: at most cap
     * written and returned, the innermost kept (the attack is what E said) */
    sentence_open(&s, "A said B said C said D said E attacked.");
    size_t idx[3] = { 99, 99, 99 };
    got = fm_attribution_for(s.frames, s.n_frames, 9, 10, idx, 2);
    TAP_OK(got == 2, "two of four frames returned with cap 2 (got %zu)", got);
    TAP_OK(idx[2] == 99, "nothing written past cap");
    TAP_OK(got == 2 && s.frames[idx[0]].scope_start == 8 && s.frames[idx[1]].scope_start == 6,
           "innermost first: D said (E attacked), then C said (D said E attacked)");
    TAP_OK(fm_attribution_for(s.frames, s.n_frames, 9, 10, idx, 0) == 0, "cap 0 writes nothing");
    sentence_close(&s);
}

/* Every word of a real corpus asked for its mode: no crash, no sanitizer
 * report. Skipped when ../shared is absent. */
static void test_corpus(void)
{
    const char *paths[] = { "../shared/corpus/wikinews-2019-2020.jsonl",
                            FM_DATADIR "/../../shared/corpus/wikinews-2019-2020.jsonl" };
    FILE *fp = NULL;
    for (size_t i = 0; i < 2 && !fp; i++) fp = fopen(paths[i], "r");
    if (!fp) { printf("ok %d - # SKIP corpus smoke test: ../shared absent\n", ++tap_n); return; }
    char *line = NULL;
    size_t cap = 0, sentences = 0, frames = 0;
    ssize_t len;
    int lines = 0;
    while ((len = getline(&line, &cap, fp)) > 0 && lines++ < 300) {
        fm_span_vec sv = {0};
        if (fm_sentence_split(line, (size_t)len, &sv) != 0) { fm_span_vec_free(&sv); continue; }
        fm_arena a;
        fm_arena_init(&a, 1 << 16);
        for (size_t k = 0; k < sv.n; k++) {
            fm_token_vec tv = {0};
            fm_arena_reset(&a);
            if (fm_tokenize(line, sv.a[k].start, sv.a[k].end, &a, &tv) == 0) {
                fm_attrib_frame fr[32];
                size_t nf = fm_attribution_frames(line, tv.a, tv.n, fr, 32);
                if (nf > 32) nf = 32;
                frames += nf;
                for (size_t f = 0; f < nf; f++)
                    if (fr[f].scope_end > tv.n || fr[f].speaker_end > tv.n || fr[f].via_end > tv.n)
                        frames = (size_t)-1 / 2;   /* out of range: fails below */
                for (size_t v = 0; v < tv.n; v++)
                    (void)fm_mode_of(line, tv.a, tv.n, v, v + 1, fr, nf);
                sentences++;
            }
            fm_token_vec_free(&tv);
        }
        fm_arena_free(&a);
        fm_span_vec_free(&sv);
    }
    free(line);
    fclose(fp);
    TAP_OK(sentences > 100 && frames > 10 && frames < (size_t)-1 / 4,
           "corpus smoke test: %zu sentences, %zu frames, ranges inside the sentence", sentences, frames);
}

int main(void)
{
    test_api();
    int a = run_file("attribution.txt");
    int m = run_file("mode.txt");
    TAP_OK(a + m >= 80, "at least 80 hand-checked cases (%d + %d)", a, m);
    test_corpus();
    return TAP_DONE();
}
