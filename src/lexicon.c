/* lexicon.c — fm_lexicon: which loader reads which dictionary file, the
 * default lexicon, and the line reader every loader shares (comments,
 * Latin-1 lines, file:line errors). */
#include "lexicon.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FM_DATADIR
#define FM_DATADIR "data"
#endif

fm_lexicon *fm_lexicon_new(fm_diag_fn diag, void *user)
{
    fm_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) return NULL;
    fm_arena_init(&lx->arena, 1 << 20);
    lx->diag = diag;
    lx->diag_user = user;
    fm_strmap_init(&lx->words);
    fm_trie_init(&lx->actors);
    fm_trie_init(&lx->agents);
    fm_trie_init(&lx->verbs);
    fm_trie_init(&lx->discards);
    fm_trie_init(&lx->issues);
    fm_trie_init(&lx->gapped_first);
    /* the tries whose first words fm_tok_ids_of marks in each token */
    fm_trie *tries[] = { &lx->actors, &lx->agents, &lx->verbs, &lx->discards, &lx->issues, &lx->gapped_first };
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) tries[i]->start_bit = (uint8_t)(1u << i);
    fm_strmap_init(&lx->synset_names);
    fm_strmap_init(&lx->verb_names);
    fm_strmap_init(&lx->country_codes);
    return lx;
}

void fm_lexicon_free(fm_lexicon *lx)
{
    if (!lx) return;
    fm_token_vec_free(&lx->phrase_toks);
    fm_strmap_free(&lx->words);
    fm_u32_vec_free(&lx->word_len);
    free(lx->word_filter);
    free(lx->prefix_lens);
    fm_u16_vec_free(&lx->word_starts);
    fm_trie_free(&lx->actors);
    fm_trie_free(&lx->agents);
    fm_trie_free(&lx->verbs);
    fm_trie_free(&lx->discards);
    fm_trie_free(&lx->issues);
    fm_trie_free(&lx->gapped_first);
    for (size_t i = lx->n_arena_codes; i < lx->actor_entries.n; i++) free(lx->actor_entries.a[i].codes);
    fm_actor_vec_free(&lx->actor_entries);
    fm_gapped_vec_free(&lx->gapped);
    fm_gap_word_vec_free(&lx->gap_words);
    fm_agent_vec_free(&lx->agent_entries);
    fm_verb_vec_free(&lx->verb_entries);
    fm_form_vec_free(&lx->verb_forms);
    fm_pattern_vec_free(&lx->patterns);
    fm_elem_vec_free(&lx->elems);
    fm_issue_vec_free(&lx->issue_entries);
    for (size_t i = 0; i < lx->synsets.n; i++) fm_u32_vec_free(&lx->synsets.a[i]);
    fm_u32list_vec_free(&lx->synsets);
    fm_strmap_free(&lx->synset_names);
    fm_strmap_free(&lx->verb_names);
    fm_strmap_free(&lx->country_codes);
    fm_cameo_free(lx->cameo);
    fm_arena_free(&lx->arena);
    free(lx);
}

void fm_lexicon_error(fm_lexicon *lx, const char *file, long line, const char *fmt, ...)
{
    char where[512], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0) snprintf(where, sizeof where, "%s:%ld", file, line);
    else snprintf(where, sizeof where, "%s", file);
    lx->errors++;
    if (lx->diag) lx->diag(lx->diag_user, FM_WARNING, where, msg);
}

/* isspace in the C locale (factum never sets another), without its call */
static inline int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

void fm_trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) { (*s)++; (*n)--; }
    while (*n && is_space((*s)[*n - 1])) (*n)--;
}

void fm_dict_lines_init(fm_dict_lines *it, fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    memset(it, 0, sizeof *it);
    it->data = data;
    it->end = data + len;
    it->file = file;
    it->lx = lx;
}

void fm_dict_lines_free(fm_dict_lines *it) { free(it->fixed); it->fixed = NULL; }

/* Dictionaries of the 2000s mix Latin-1 into UTF-8 files: read such a line as Latin-1. */
static const char *fix_latin1(fm_dict_lines *it, const char *s, size_t *n)
{
    size_t bad;
    if (fm_utf8_valid(s, *n, &bad)) return s;
    if (it->fixed_cap < *n * 2 + 1) {
        char *p = realloc(it->fixed, *n * 2 + 1);
        if (!p) return s;
        it->fixed = p;
        it->fixed_cap = *n * 2 + 1;
    }
    size_t o = 0;
    for (size_t i = 0; i < *n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) it->fixed[o++] = (char)c;
        else { it->fixed[o++] = (char)(0xC0 | (c >> 6)); it->fixed[o++] = (char)(0x80 | (c & 0x3F)); }
    }
    *n = o;
    return it->fixed;
}

static const char *find_in(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++) if (memcmp(s + i, w, wl) == 0) return s + i;
    return NULL;
}

/* PETRARCH dictionaries wrap headers and notes in XML comments; a loader that
 * took "<!--" for a section tag would skip the whole file. 1: the line is all
 * comment; else the line (s, n) keeps what follows a comment closed on this line. */
static int skip_xml_comment(fm_dict_lines *it, const char **s, size_t *n)
{
    const char *p = *s;
    size_t m = *n;
    if (!it->in_xml_comment) {
        fm_trim(&p, &m);
        if (m < 4 || memcmp(p, "<!--", 4) != 0) return 0;
        p += 4; m -= 4;
        it->in_xml_comment = 1;
    }
    const char *close = find_in(p, m, "-->");
    if (!close) return 1;
    it->in_xml_comment = 0;
    *n = m - (size_t)(close + 3 - p);
    *s = close + 3;
    return 0;
}

int fm_dict_lines_next(fm_dict_lines *it, const char **line, size_t *len)
{
    if (it->data >= it->end) return 0;
    const char *s = it->data;
    const char *nl = memchr(s, '\n', (size_t)(it->end - s));
    const char *e = nl ? nl : it->end;
    it->data = nl ? nl + 1 : it->end;
    it->lineno++;
    size_t n = (size_t)(e - s);
    if (n && s[n - 1] == '\r') n--;
    if (skip_xml_comment(it, &s, &n)) { *line = s; *len = 0; return 1; }
    /* a comment starts at ';' anywhere, or '#' at the start or after white space */
    /* (the line up to its first ';' is searched for '#' only: memchr, not a loop per byte) */
    const char *semi = memchr(s, ';', n);
    if (semi) n = (size_t)(semi - s);
    for (const char *h = memchr(s, '#', n); h; h = memchr(h + 1, '#', n - (size_t)(h + 1 - s))) {
        size_t i = (size_t)(h - s);
        if (i == 0 || is_space(s[i - 1]) || s[i - 1] == ']') { n = i; break; }
        if (i + 1 >= n) break;
    }
    s = fix_latin1(it, s, &n);
    fm_trim(&s, &n);
    /* a line quoted whole (spreadsheet export) */
    if (n >= 2 && s[0] == '"') { s++; n--; if (s[n - 1] == '"') n--; }
    *line = s;
    *len = n;
    return 1;
}

int fm_lexicon_add_phrase(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, uint32_t value,
                          const char *file, long line)
{
    return fm_lexicon_add_phrase_stem(lx, t, phrase, len, value, file, line, 4);
}

int fm_lexicon_add_phrase_stem(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, uint32_t value,
                               const char *file, long line, size_t min_stem)
{
    uint32_t node = fm_lexicon_phrase_node(lx, t, phrase, len, file, line, min_stem);
    if (!node) return -1;
    if (!t->value.a[node]) t->value.a[node] = value;   /* first entry wins, as in TABARI */
    return 0;
}

uint32_t fm_lexicon_phrase_node(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, const char *file,
                                long line, size_t min_stem)
{
    fm_trim(&phrase, &len);
    if (!len) { fm_lexicon_error(lx, file, line, "empty phrase"); return 0; }
    int stem = phrase[len - 1] != '_';
    fm_token_vec toks = lx->phrase_toks;   /* its buffer, reused: one malloc for all phrases, not one each */
    toks.n = 0;
    int bad = fm_tokenize_phrase(phrase, len, &lx->arena, &toks) || toks.n == 0 || toks.n > 24;
    lx->phrase_toks = toks;
    if (bad) {
        fm_lexicon_error(lx, file, line, "cannot read phrase \"%.*s\"", (int)(len > 80 ? 80 : len), phrase);
        return 0;
    }
    uint32_t words[24];
    for (size_t i = 0; i < toks.n; i++) words[i] = fm_lexicon_word(lx, toks.a[i].norm, toks.a[i].norm_len);
    /* a single short word as a stem ("US", "UN") would match half the language */
    if (stem && toks.a[toks.n - 1].norm_len < min_stem) stem = 0;
    if (toks.a[toks.n - 1].kind != FM_TOK_WORD) stem = 0;
    return fm_trie_add(lx, t, words, toks.n, stem);
}

/* ---- which loader ---- */

typedef enum { K_UNKNOWN, K_SKIP, K_ACTORS, K_AGENTS, K_VERBS, K_DISCARDS, K_ISSUES, K_OPTIONS } dict_kind;

static int has(const char *s, const char *sub) { return strstr(s, sub) != NULL; }

static dict_kind kind_by_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char low[256];
    size_t i;
    for (i = 0; base[i] && i < sizeof low - 1; i++) low[i] = (char)tolower((unsigned char)base[i]);
    low[i] = 0;
    if (has(low, "readme") || has(low, "license") || has(low, "commit") || has(low, ".pdf") ||
        has(low, ".md") || has(low, ".project") || has(low, ".ini") || has(low, ".xml") ||
        has(low, ".text") || has(low, "preposition") || has(low, ".properties") || has(low, ".rng") ||
        has(low, ".tsv"))
        return K_SKIP;
    if (has(low, ".options")) return K_OPTIONS;
    if (has(low, "agent")) return K_AGENTS;
    if (has(low, "discard")) return K_DISCARDS;
    if (has(low, "issue")) return K_ISSUES;
    if (has(low, "verb")) return K_VERBS;
    if (has(low, "actor")) return K_ACTORS;
    return K_UNKNOWN;
}

static dict_kind kind_by_content(const char *data, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    int blocks = 0, agents = 0, codes = 0, tabs = 0;
    for (size_t i = 0; i < n; i++) {
        if ((i == 0 || data[i - 1] == '\n')) {
            if (i + 3 < n && memcmp(data + i, "---", 3) == 0) blocks++;
            if (data[i] == '\t') tabs++;
        }
        if (data[i] == '[' && i + 1 < n && (data[i + 1] == '~' || (i + 2 < n && data[i + 1] == ' ' && data[i + 2] == '~'))) agents++;
        if (data[i] == '[') codes++;
    }
    if (blocks) return K_VERBS;
    if (agents) return K_AGENTS;
    if (codes) return K_ACTORS;
    (void)tabs;
    return K_SKIP;
}

static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) { fclose(f); return -1; }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        cap *= 2;
        char *p = realloc(buf, cap);
        if (!p) { free(buf); fclose(f); errno = ENOMEM; return -1; }
        buf = p;
    }
    int err = ferror(f);
    fclose(f);
    if (err) { free(buf); return -1; }
    *out = buf;
    *len = n;
    return 0;
}

static int load_file(fm_lexicon *lx, const char *path, int from_dir)
{
    dict_kind k = kind_by_name(path);
    if (k == K_SKIP && from_dir) return 0;
    char *data;
    size_t len;
    if (read_file(path, &data, &len)) {
        fm_lexicon_error(lx, path, 0, "%s", strerror(errno));
        return 1;
    }
    int before = lx->errors;
    if (fm_lexicon_is_image(data, len)) {
        fm_lexicon_load_image(lx, path, data, len);
        free(data);
        return lx->errors - before;
    }
    if (lx->from_image) {
        fm_lexicon_error(lx, path, 0, "%s", "a compiled lexicon is loaded alone: no dictionary may be added to it");
        lx->image_failed = 1;
        free(data);
        return lx->errors - before;
    }
    if (k == K_UNKNOWN || k == K_SKIP) k = kind_by_content(data, len);
    switch (k) {
    case K_ACTORS: fm_dict_load_actors(lx, path, data, len); lx->have_actors = 1; break;
    case K_AGENTS: fm_dict_load_agents(lx, path, data, len); break;
    case K_VERBS: fm_dict_load_verbs(lx, path, data, len); lx->have_verbs = 1; break;
    case K_DISCARDS: fm_dict_load_discards(lx, path, data, len); break;
    case K_ISSUES: fm_dict_load_issues(lx, path, data, len); break;
    case K_OPTIONS: case K_SKIP: case K_UNKNOWN: break;
    }
    free(data);
    return lx->errors - before;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int fm_lexicon_load_path(fm_lexicon *lx, const char *path)
{
    struct stat st;
    if (stat(path, &st)) { fm_lexicon_error(lx, path, 0, "%s", strerror(errno)); return 1; }
    if (!S_ISDIR(st.st_mode)) return load_file(lx, path, 0);
    DIR *d = opendir(path);
    if (!d) { fm_lexicon_error(lx, path, 0, "%s", strerror(errno)); return 1; }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof *names);
            if (!p) break;
            names = p;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);   /* same order on every machine */
    int errors = 0;
    for (size_t i = 0; i < n; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        struct stat fs;
        if (names[i] && stat(full, &fs) == 0 && S_ISREG(fs.st_mode)) errors += load_file(lx, full, 1);
        free(names[i]);
    }
    free(names);
    return errors;
}

static const char *data_dir(void)
{
    const char *d = getenv("FACTUM_DATA");
    return d && *d ? d : FM_DATADIR;
}

int fm_lexicon_load_default(fm_lexicon *lx)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/lexicon", data_dir());
    return fm_lexicon_load_path(lx, p);
}

static int load_cameo(fm_lexicon *lx)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/cameo/codes.tsv", data_dir());
    lx->cameo = fm_cameo_load(p, lx->diag, lx->diag_user);
    return lx->cameo ? 0 : -1;
}

int fm_lexicon_finish(fm_lexicon *lx)
{
    if (lx->finished) return 0;
    if (lx->image_failed) return -1;
    lx->finished = 1;
    if (load_cameo(lx)) return -1;
    if (fm_synset_index_build(lx) || fm_pattern_guards_build(lx)) return -1;
    return lx->arena.failed ? -1 : 0;
}

const char *fm_actor_code_on(const fm_actor_entry *a, int32_t date)
{
    const char *undated = NULL;
    for (uint32_t i = 0; i < a->n_codes; i++) {
        const fm_dated_code *c = &a->codes[i];
        if (c->from == 0 && c->to == 99999999) { if (!undated) undated = c->code; continue; }
        if (date >= c->from && date <= c->to) return c->code;
    }
    return undated;
}

int fm_lexicon_is_country(const fm_lexicon *lx, const char *code)
{
    return code && strlen(code) >= 3 && fm_strmap_get(&lx->country_codes, code, 3, NULL);
}
