/* lexicon_image.c — a compiled lexicon: the finished tables of fm_lexicon
 * written to one file, read back without tokenizing a dictionary phrase or
 * interning a word. `factum compile` writes it; --dict FILE reads it like any
 * dictionary (by its magic), alone in its lexicon.
 *
 * The file is this build's memory layout, not an exchange format: the header
 * names the layout (FM_IMAGE_MAGIC, the sizes of the records copied whole), a
 * checksum (fm_lexicon_image_sum) covers the rest, and any other build or a damaged file is
 * refused with a message, never read. Strings are offsets into one pool;
 * hash maps and tries are their slot arrays as they were, so a loaded lexicon
 * codes the same bytes as the one that was saved. What fm_lexicon_finish
 * derives (synset index, pattern guards, the CAMEO table) it derives again. */
#include "lexicon.h"
#include "buf.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Change the number whenever a record the body copies whole (fm_trie_edge,
 * fm_verb_entry, fm_verb_form, fm_pattern, fm_pat_elem, fm_gap_word,
 * fm_gapped_actor, the trie mask) changes its fields: the size check in the
 * header only catches a change of size. */
#define FM_IMAGE_MAGIC "FMLEX004"   /* 003: a checksum of our own for CRC-32; 004: four lanes, the word indexes saved */

/* ---- the checksum ---------------------------------------------------------- */

/* Four Fletcher sums over 64-bit words, word k in lane k % 4 (each 32-byte
 * block of a buffer, the last one padded with zeros): a lane's a is the sum
 * of its words, its b the sum of the running a, so a changed word changes an
 * a and a moved one a b. It guards against a damaged or truncated file, not
 * against a forger, at about a tenth of the instructions CRC-32 spent on each
 * byte of a large lexicon (read at every start); the lanes are two SSE2 adds
 * a block where SSE2 is there, and sum the same without it. */
typedef struct sum64 { uint64_t a[4], b[4]; } sum64;

static void sum_blocks(sum64 *s, const unsigned char *p, size_t n_blocks)
{
#ifdef __SSE2__
    __m128i a01 = _mm_loadu_si128((const __m128i *)(const void *)s->a), a23 = _mm_loadu_si128((const __m128i *)(const void *)(s->a + 2));
    __m128i b01 = _mm_loadu_si128((const __m128i *)(const void *)s->b), b23 = _mm_loadu_si128((const __m128i *)(const void *)(s->b + 2));
    for (; n_blocks; n_blocks--, p += 32) {
        a01 = _mm_add_epi64(a01, _mm_loadu_si128((const __m128i *)(const void *)p));
        a23 = _mm_add_epi64(a23, _mm_loadu_si128((const __m128i *)(const void *)(p + 16)));
        b01 = _mm_add_epi64(b01, a01);
        b23 = _mm_add_epi64(b23, a23);
    }
    _mm_storeu_si128((__m128i *)(void *)s->a, a01);
    _mm_storeu_si128((__m128i *)(void *)(s->a + 2), a23);
    _mm_storeu_si128((__m128i *)(void *)s->b, b01);
    _mm_storeu_si128((__m128i *)(void *)(s->b + 2), b23);
#else
    for (; n_blocks; n_blocks--, p += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, p + 8 * k, 8);
            s->a[k] += w;
            s->b[k] += s->a[k];
        }
#endif
}

static void sum_add(sum64 *s, const unsigned char *p, size_t n)
{
    sum_blocks(s, p, n / 32);
    if (n % 32) {
        unsigned char last[32] = { 0 };
        memcpy(last, p + n / 32 * 32, n % 32);
        sum_blocks(s, last, 1);
    }
}

uint32_t fm_lexicon_image_sum(const void *pool, size_t pool_len, const void *body, size_t body_len)
{
    sum64 s;
    memset(&s, 0, sizeof s);
    sum_add(&s, pool, pool_len);
    sum_add(&s, body, body_len);
    /* all 512 bits folded into the 32 the header holds */
    uint64_t h = 0;
    for (int k = 0; k < 4; k++) {
        h = (h ^ s.a[k]) * 0x9E3779B97F4A7C15u;
        h = (h ^ s.b[k]) * 0x9E3779B97F4A7C15u;
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* ---- writing ------------------------------------------------------------- */

typedef struct wr { fm_buf body, pool; } wr;

static void put(wr *w, const void *p, size_t n) { fm_buf_add(&w->body, p, n); }
static void put_u32(wr *w, uint32_t v) { put(w, &v, sizeof v); }
static void put_u64(wr *w, uint64_t v) { put(w, &v, sizeof v); }
/* a string as its pool offset + 1 (0: NULL) */
static void put_str(wr *w, const char *s)
{
    if (!s) { put_u32(w, 0); return; }
    put_u32(w, (uint32_t)w->pool.len + 1);
    fm_buf_add(&w->pool, s, strlen(s) + 1);
}
/* n records of size bytes each, copied whole */
static void put_array(wr *w, const void *a, size_t n, size_t size)
{
    put_u64(w, n);
    if (n) put(w, a, n * size);
}

static void put_map(wr *w, const fm_strmap *m)
{
    put_u64(w, m->cap);
    put_u64(w, m->count);
    for (size_t i = 0; i < m->cap; i++) {
        const fm_strmap_slot *s = &m->slots[i];
        if (!s->key) { put_u32(w, 0); continue; }
        /* keys need not end in NUL where they sit: the pool copy does */
        put_u32(w, (uint32_t)w->pool.len + 1);
        fm_buf_add(&w->pool, s->key, s->len);
        fm_buf_addc(&w->pool, '\0');
        put_u32(w, s->len);
        put_u32(w, s->hash);
        put_u32(w, s->value);
    }
}

static void put_trie(wr *w, const fm_trie *t)
{
    put_u32(w, t->n_nodes);
    put_u32(w, t->start_bit);
    put_u64(w, t->n_edges);
    put_array(w, t->edges, t->edges_cap, sizeof *t->edges);
    put_array(w, t->value.a, t->value.n, sizeof *t->value.a);
    put_array(w, t->mask.a, t->mask.n, sizeof *t->mask.a);
    put_array(w, t->first, t->bits_words, sizeof *t->first);
    put_array(w, t->any, t->bits_words, sizeof *t->any);
}

static void put_body(wr *w, const fm_lexicon *lx)
{
    put_u32(w, (uint32_t)lx->have_verbs);
    put_u32(w, (uint32_t)lx->have_actors);
    put_u32(w, (uint32_t)lx->tabari_verbs);
    put_u32(w, lx->n_words);
    put_map(w, &lx->words);
    put_array(w, lx->word_len.a, lx->word_len.n, sizeof *lx->word_len.a);
    put_array(w, lx->word_starts.a, lx->word_starts.n, sizeof *lx->word_starts.a);
    /* the word indexes too: deriving them again (fm_lexicon_words_index) hashed
     * every word at each start (none: the reader derives them) */
    put_array(w, lx->word_filter, lx->word_filter ? ((size_t)lx->word_filter_mask + 1) / 64 : 0,
              sizeof *lx->word_filter);
    put_array(w, lx->prefix_lens, lx->prefix_lens ? (size_t)lx->prefix_lens_mask + 1 : 0, sizeof *lx->prefix_lens);
    const fm_trie *tries[] = { &lx->actors, &lx->agents, &lx->verbs, &lx->discards, &lx->issues, &lx->gapped_first };
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) put_trie(w, tries[i]);
    put_u64(w, lx->actor_entries.n);
    for (size_t i = 0; i < lx->actor_entries.n; i++) {
        const fm_actor_entry *a = &lx->actor_entries.a[i];
        put_str(w, a->name);
        put_u32(w, a->n_codes);
        for (uint32_t k = 0; k < a->n_codes; k++) {
            put_str(w, a->codes[k].code);
            put_u32(w, (uint32_t)a->codes[k].from);
            put_u32(w, (uint32_t)a->codes[k].to);
        }
    }
    put_array(w, lx->gapped.a, lx->gapped.n, sizeof *lx->gapped.a);
    put_array(w, lx->gap_words.a, lx->gap_words.n, sizeof *lx->gap_words.a);
    put_u64(w, lx->agent_entries.n);
    for (size_t i = 0; i < lx->agent_entries.n; i++) {
        put_str(w, lx->agent_entries.a[i].code);
        put_u32(w, (uint32_t)lx->agent_entries.a[i].prefix);
    }
    put_u64(w, lx->verb_entries.n);
    for (size_t i = 0; i < lx->verb_entries.n; i++) {
        fm_verb_entry v = lx->verb_entries.a[i];
        put_str(w, v.name);
        v.name = NULL;                 /* the record without its pointer */
        put(w, &v, sizeof v);
    }
    put_array(w, lx->verb_forms.a, lx->verb_forms.n, sizeof *lx->verb_forms.a);
    put_u64(w, lx->patterns.n);
    for (size_t i = 0; i < lx->patterns.n; i++) {
        fm_pattern p = lx->patterns.a[i];
        put_str(w, p.text);
        p.text = NULL;
        put(w, &p, sizeof p);
    }
    put_array(w, lx->elems.a, lx->elems.n, sizeof *lx->elems.a);
    put_u64(w, lx->issue_entries.n);
    for (size_t i = 0; i < lx->issue_entries.n; i++) put_str(w, lx->issue_entries.a[i].code);
    put_map(w, &lx->synset_names);
    put_u64(w, lx->synsets.n);
    for (size_t i = 0; i < lx->synsets.n; i++)
        put_array(w, lx->synsets.a[i].a, lx->synsets.a[i].n, sizeof *lx->synsets.a[i].a);
    put_map(w, &lx->verb_names);
    put_map(w, &lx->country_codes);
}

/* The header: magic, then the sizes of the records the body copies whole (a
 * build that lays them out otherwise refuses the file), then the pool and body
 * lengths and the checksum of pool and body. */
static void header_sizes(uint32_t out[8])
{
    out[0] = (uint32_t)sizeof(fm_trie_edge);
    out[1] = (uint32_t)sizeof(fm_verb_entry);
    out[2] = (uint32_t)sizeof(fm_verb_form);
    out[3] = (uint32_t)sizeof(fm_pattern);
    out[4] = (uint32_t)sizeof(fm_pat_elem);
    out[5] = (uint32_t)sizeof(fm_gap_word);
    out[6] = (uint32_t)sizeof(fm_gapped_actor);
    out[7] = (uint32_t)sizeof(fm_strmap_slot);
}

int fm_lexicon_save(fm_lexicon *lx, const char *path)
{
    if (!lx->finished) { fm_lexicon_error(lx, path, 0, "%s", "the lexicon is not finished: nothing to save"); return -1; }
    wr w;
    fm_buf_init(&w.body);
    fm_buf_init(&w.pool);
    put_body(&w, lx);
    int rc = -1;
    if (w.body.failed || w.pool.failed) { fm_lexicon_error(lx, path, 0, "%s", "out of memory"); goto out; }
    if (w.pool.len >= UINT32_MAX) { fm_lexicon_error(lx, path, 0, "%s", "too many strings for a compiled lexicon"); goto out; }
    uint32_t sizes[8];
    header_sizes(sizes);
    uint64_t lens[2] = { w.pool.len, w.body.len };
    uint32_t sum = fm_lexicon_image_sum(w.pool.data, w.pool.len, w.body.data, w.body.len);
    /* written beside the target and renamed: a reader never sees half a file */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) { fm_lexicon_error(lx, tmp, 0, "%s", strerror(errno)); goto out; }
    int ok = fwrite(FM_IMAGE_MAGIC, 1, 8, f) == 8 && fwrite(sizes, sizeof sizes, 1, f) == 1 &&
             fwrite(lens, sizeof lens, 1, f) == 1 && fwrite(&sum, sizeof sum, 1, f) == 1 &&
             (!w.pool.len || fwrite(w.pool.data, w.pool.len, 1, f) == 1) &&
             (!w.body.len || fwrite(w.body.data, w.body.len, 1, f) == 1);
    if (fclose(f) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        fm_lexicon_error(lx, path, 0, "cannot write: %s", strerror(errno));
        remove(tmp);
        goto out;
    }
    rc = 0;
out:
    fm_buf_free(&w.body);
    fm_buf_free(&w.pool);
    return rc;
}

/* ---- reading ------------------------------------------------------------- */

typedef struct rd {
    const unsigned char *p, *end;
    const char *pool;
    size_t pool_len;
    int bad;
} rd;

static void get(rd *r, void *dst, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) { r->bad = 1; memset(dst, 0, n); return; }
    memcpy(dst, r->p, n);
    r->p += n;
}
static uint32_t get_u32(rd *r) { uint32_t v; get(r, &v, sizeof v); return v; }
static uint64_t get_u64(rd *r) { uint64_t v; get(r, &v, sizeof v); return v; }
static const char *get_str(rd *r)
{
    uint32_t off = get_u32(r);
    if (!off) return NULL;
    if (off - 1 >= r->pool_len) { r->bad = 1; return NULL; }
    return r->pool + off - 1;
}
/* A record count: at most one record per byte left (a larger count is a damaged file). */
static uint64_t get_count(rd *r)
{
    uint64_t n = get_u64(r);
    if (n > (uint64_t)(r->end - r->p)) r->bad = 1;
    return r->bad ? 0 : n;
}

/* The dated codes of the na actor entries at r, counted on a copy of the
 * reader (each entry: its name, the count, 12 bytes a code). A count past the
 * data stops the counting; the reading after it refuses the file. */
static size_t count_codes(rd r, uint64_t na)
{
    size_t total = 0;
    for (uint64_t i = 0; i < na && !r.bad; i++) {
        (void)get_u32(&r);
        uint32_t n = get_u32(&r);
        if (n > (size_t)(r.end - r.p) / 12) break;
        r.p += (size_t)n * 12;
        total += n;
    }
    return total;
}

/* n records into a fresh malloc'd array (NULL for none); *n_out = n */
static void *get_array(rd *r, size_t size, size_t *n_out)
{
    uint64_t n = get_u64(r);
    *n_out = 0;
    if (r->bad || !n) return NULL;
    if (n > (uint64_t)(r->end - r->p) / size) { r->bad = 1; return NULL; }
    void *a = malloc((size_t)n * size);
    if (!a) { r->bad = 1; return NULL; }
    get(r, a, (size_t)n * size);
    *n_out = (size_t)n;
    return a;
}

static void get_map(rd *r, fm_strmap *m)
{
    uint64_t cap = get_u64(r), count = get_u64(r);
    if (r->bad) return;
    fm_strmap_free(m);
    if (!cap && !count) return;            /* a map nothing was put in */
    if (cap & (cap - 1) || cap > (uint64_t)(r->end - r->p) || count >= cap) { r->bad = 1; return; }
    fm_strmap_slot *slots = calloc((size_t)cap, sizeof *slots);
    if (!slots) { r->bad = 1; return; }
    for (size_t i = 0; i < cap && !r->bad; i++) {
        const char *key = get_str(r);
        if (!key) continue;
        slots[i].key = key;
        slots[i].len = get_u32(r);
        slots[i].hash = get_u32(r);
        slots[i].value = get_u32(r);
        if (slots[i].len > r->pool_len - (size_t)(key - r->pool)) r->bad = 1;
    }
    m->slots = slots;
    m->cap = (size_t)cap;
    m->count = (size_t)count;
}

/* A power-of-two count of entries of an index, or 0 (then r->bad when it was not). */
static size_t index_entries(rd *r, size_t n)
{
    if (n & (n - 1) || n > UINT32_MAX / 64) { r->bad = 1; return 0; }
    return n;
}

/* The word filter and the prefix lengths as saved; either may be absent, and
 * load_image derives what is (fm_lexicon_words_index). */
static void get_word_indexes(rd *r, fm_lexicon *lx)
{
    size_t n;
    free(lx->word_filter);
    lx->word_filter = get_array(r, sizeof *lx->word_filter, &n);
    lx->word_filter_mask = index_entries(r, n) ? (uint32_t)(n * 64 - 1) : 0;
    free(lx->prefix_lens);
    lx->prefix_lens = get_array(r, sizeof *lx->prefix_lens, &n);
    lx->prefix_lens_mask = index_entries(r, n) ? (uint32_t)(n - 1) : 0;
}

static void get_trie(rd *r, fm_trie *t)
{
    size_t n;
    fm_trie_free(t);
    fm_trie_init(t);
    free(t->value.a);
    free(t->mask.a);
    t->value.a = NULL; t->value.n = t->value.cap = 0;
    t->mask.a = NULL; t->mask.n = t->mask.cap = 0;
    t->n_nodes = get_u32(r);
    t->start_bit = (uint8_t)get_u32(r);
    t->n_edges = (size_t)get_u64(r);
    t->edges = get_array(r, sizeof *t->edges, &t->edges_cap);
    t->value.a = get_array(r, sizeof *t->value.a, &n);
    t->value.n = t->value.cap = n;
    t->mask.a = get_array(r, sizeof *t->mask.a, &n);
    t->mask.n = t->mask.cap = n;
    size_t nf, na;
    t->first = get_array(r, sizeof *t->first, &nf);
    t->any = get_array(r, sizeof *t->any, &na);
    t->bits_words = nf;
    /* what matching indexes without a check: node ids below the node count */
    if (nf != na || t->value.n != t->n_nodes || t->mask.n != t->n_nodes ||
        (t->edges_cap & (t->edges_cap - 1)) || t->n_edges >= t->edges_cap + (t->edges_cap == 0))
        r->bad = 1;
    for (size_t i = 0; i < t->edges_cap && !r->bad; i++)
        if (t->edges[i].child && (t->edges[i].child >= t->n_nodes || t->edges[i].node >= t->n_nodes)) r->bad = 1;
}

static void get_body(rd *r, fm_lexicon *lx)
{
    size_t n;
    lx->have_verbs = (int)get_u32(r);
    lx->have_actors = (int)get_u32(r);
    lx->tabari_verbs = (int)get_u32(r);
    lx->n_words = get_u32(r);
    get_map(r, &lx->words);
    lx->word_len.a = get_array(r, sizeof *lx->word_len.a, &n);
    lx->word_len.n = lx->word_len.cap = n;
    if (n != lx->n_words) r->bad = 1;
    lx->word_starts.a = get_array(r, sizeof *lx->word_starts.a, &n);
    lx->word_starts.n = lx->word_starts.cap = n;
    get_word_indexes(r, lx);
    fm_trie *tries[] = { &lx->actors, &lx->agents, &lx->verbs, &lx->discards, &lx->issues, &lx->gapped_first };
    for (size_t i = 0; i < sizeof tries / sizeof *tries && !r->bad; i++) get_trie(r, tries[i]);
    uint64_t na = get_count(r);
    /* the codes of tens of thousands of entries: one arena block, not a calloc
     * each (a dictionary read later adds codes only to entries of its own, so
     * none of these is ever grown) */
    size_t n_codes = count_codes(*r, na), used = 0;
    fm_dated_code *codes = n_codes ? fm_arena_alloc(&lx->arena, n_codes * sizeof *codes) : NULL;
    if (n_codes && !codes) r->bad = 1;
    for (uint64_t i = 0; i < na && !r->bad; i++) {
        fm_actor_entry a = { 0 };
        a.name = get_str(r);
        a.n_codes = get_u32(r);
        if (a.n_codes > (size_t)(r->end - r->p) / 12 || a.n_codes > n_codes - used) { r->bad = 1; break; }
        a.codes = a.n_codes ? codes + used : NULL;
        used += a.n_codes;
        for (uint32_t k = 0; k < a.n_codes; k++) {
            a.codes[k].code = get_str(r);
            a.codes[k].from = (int32_t)get_u32(r);
            a.codes[k].to = (int32_t)get_u32(r);
        }
        if (fm_actor_vec_push(&lx->actor_entries, a)) r->bad = 1;
    }
    lx->n_arena_codes = lx->actor_entries.n;
    lx->gapped.a = get_array(r, sizeof *lx->gapped.a, &n);
    lx->gapped.n = lx->gapped.cap = n;
    lx->gap_words.a = get_array(r, sizeof *lx->gap_words.a, &n);
    lx->gap_words.n = lx->gap_words.cap = n;
    uint64_t ng = get_count(r);
    for (uint64_t i = 0; i < ng && !r->bad; i++) {
        fm_agent_entry a;
        a.code = get_str(r);
        a.prefix = (int)get_u32(r);
        if (fm_agent_vec_push(&lx->agent_entries, a)) r->bad = 1;
    }
    uint64_t nv = get_count(r);
    for (uint64_t i = 0; i < nv && !r->bad; i++) {
        const char *name = get_str(r);
        fm_verb_entry v;
        get(r, &v, sizeof v);
        v.name = name;
        if (fm_verb_vec_push(&lx->verb_entries, v)) r->bad = 1;
    }
    lx->verb_forms.a = get_array(r, sizeof *lx->verb_forms.a, &n);
    lx->verb_forms.n = lx->verb_forms.cap = n;
    uint64_t np = get_count(r);
    for (uint64_t i = 0; i < np && !r->bad; i++) {
        const char *text = get_str(r);
        fm_pattern p;
        get(r, &p, sizeof p);
        p.text = text;
        if (fm_pattern_vec_push(&lx->patterns, p)) r->bad = 1;
    }
    lx->elems.a = get_array(r, sizeof *lx->elems.a, &n);
    lx->elems.n = lx->elems.cap = n;
    uint64_t ni = get_count(r);
    for (uint64_t i = 0; i < ni && !r->bad; i++) {
        fm_issue_entry e = { get_str(r) };
        if (fm_issue_vec_push(&lx->issue_entries, e)) r->bad = 1;
    }
    get_map(r, &lx->synset_names);
    uint64_t ns = get_count(r);
    for (uint64_t i = 0; i < ns && !r->bad; i++) {
        fm_u32_vec v = { 0 };
        v.a = get_array(r, sizeof *v.a, &n);
        v.n = v.cap = n;
        if (fm_u32list_vec_push(&lx->synsets, v)) { free(v.a); r->bad = 1; }
    }
    get_map(r, &lx->verb_names);
    get_map(r, &lx->country_codes);
    if (r->p != r->end) r->bad = 1;
}

/* Every index the matchers follow without a check, checked once here: a file
 * that passed its checksum may still have been written by hand, and a bad index
 * must be a refusal, not a read out of bounds. 0 if all hold. */
static int trie_values_in(const fm_trie *t, size_t n_entries)
{
    for (uint32_t i = 0; i < t->n_nodes; i++)
        if (t->value.a[i] > n_entries) return -1;
    /* an edge's word (with its stem bit) must lie in the bit tables the matcher tests first */
    for (size_t i = 0; i < t->edges_cap; i++) {
        const fm_trie_edge *e = &t->edges[i];
        if (!e->child) continue;
        size_t b = (size_t)(e->word & 0x7FFFFFFFu) << 1 | (e->word >> 31);
        if ((b >> 6) >= t->bits_words) return -1;
    }
    return 0;
}

static int elems_in(const fm_lexicon *lx, uint32_t first, uint32_t n)
{
    if (first > lx->elems.n || n > lx->elems.n - first) return -1;
    for (uint32_t k = first; k < first + n; k++) {
        const fm_pat_elem *e = &lx->elems.a[k];
        if (e->kind == FM_PE_WORD && e->id >= lx->n_words && e->id != FM_NO_WORD) return -1;
        if (e->kind == FM_PE_SYN && e->id >= lx->synsets.n) return -1;
    }
    return 0;
}

static int map_values_below(const fm_strmap *m, size_t n)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && m->slots[i].value >= n) return -1;
    return 0;
}

static int check_indices(const fm_lexicon *lx)
{
    if (map_values_below(&lx->words, lx->n_words) || map_values_below(&lx->synset_names, lx->synsets.n) ||
        map_values_below(&lx->verb_names, lx->verb_entries.n))
        return -1;
    if (trie_values_in(&lx->actors, lx->actor_entries.n) || trie_values_in(&lx->agents, lx->agent_entries.n) ||
        trie_values_in(&lx->verbs, lx->verb_forms.n) || trie_values_in(&lx->discards, 1) ||
        trie_values_in(&lx->issues, lx->issue_entries.n) || trie_values_in(&lx->gapped_first, 1))
        return -1;
    for (size_t i = 0; i < lx->gapped.n; i++) {
        const fm_gapped_actor *g = &lx->gapped.a[i];
        if (g->entry >= lx->actor_entries.n || g->first > lx->gap_words.n || g->n > lx->gap_words.n - g->first)
            return -1;
    }
    for (size_t i = 0; i < lx->gap_words.n; i++)
        if (lx->gap_words.a[i].id >= lx->n_words) return -1;
    for (size_t i = 0; i < lx->verb_forms.n; i++)
        if (lx->verb_forms.a[i].verb >= lx->verb_entries.n) return -1;
    for (size_t i = 0; i < lx->verb_entries.n; i++) {
        const fm_verb_entry *v = &lx->verb_entries.a[i];
        if (v->first_pattern > lx->patterns.n || v->n_patterns > lx->patterns.n - v->first_pattern ||
            v->next_same > lx->verb_entries.n || memchr(v->code, 0, sizeof v->code) == NULL ||
            memchr(v->code2, 0, sizeof v->code2) == NULL)
            return -1;
    }
    for (size_t i = 0; i < lx->patterns.n; i++) {
        const fm_pattern *p = &lx->patterns.a[i];
        if (p->verb >= lx->verb_entries.n || elems_in(lx, p->pre, p->n_pre) || elems_in(lx, p->post, p->n_post) ||
            memchr(p->code, 0, sizeof p->code) == NULL || memchr(p->code2, 0, sizeof p->code2) == NULL)
            return -1;
    }
    for (size_t i = 0; i < lx->verb_forms.n; i++)
        if (memchr(lx->verb_forms.a[i].code, 0, sizeof lx->verb_forms.a[i].code) == NULL ||
            memchr(lx->verb_forms.a[i].code2, 0, sizeof lx->verb_forms.a[i].code2) == NULL)
            return -1;
    for (size_t i = 0; i < lx->synsets.n; i++) {
        const fm_u32_vec *m = &lx->synsets.a[i];
        if (m->n % 2) return -1;
        for (size_t k = 0; k + 1 < m->n; k += 2)
            if (elems_in(lx, m->a[k], m->a[k + 1])) return -1;
    }
    return 0;
}

/* Any version's magic ("FMLEX" and three digits): a file of another version
 * is refused with a message below, where read as a dictionary it gave no
 * entries and not a word of warning. */
int fm_lexicon_is_image(const char *data, size_t len)
{
    return len >= 8 && memcmp(data, FM_IMAGE_MAGIC, 5) == 0 && data[5] >= '0' && data[5] <= '9' &&
           data[6] >= '0' && data[6] <= '9' && data[7] >= '0' && data[7] <= '9';
}

static int load_image(fm_lexicon *lx, const char *path, const char *data, size_t len);

int fm_lexicon_load_image(fm_lexicon *lx, const char *path, const char *data, size_t len)
{
    int rc = load_image(lx, path, data, len);
    if (rc) lx->image_failed = 1;     /* part of it may be in: fm_lexicon_finish refuses */
    return rc;
}

static int load_image(fm_lexicon *lx, const char *path, const char *data, size_t len)
{
    /* the tables are taken whole: nothing may have been loaded before */
    if (lx->n_words || lx->actor_entries.n || lx->verb_entries.n || lx->agent_entries.n || lx->finished ||
        lx->from_image) {
        fm_lexicon_error(lx, path, 0, "%s", "a compiled lexicon is loaded alone (no other --dict, no default lexicon)");
        return -1;
    }
    uint32_t want[8], got[8];
    uint64_t lens[2];
    uint32_t sum_file;
    size_t head = 8 + sizeof got + sizeof lens + sizeof sum_file;
    header_sizes(want);
    if (len < head) goto bad;
    memcpy(got, data + 8, sizeof got);
    memcpy(lens, data + 8 + sizeof got, sizeof lens);
    memcpy(&sum_file, data + 8 + sizeof got + sizeof lens, sizeof sum_file);
    if (memcmp(data, FM_IMAGE_MAGIC, 8) != 0 || memcmp(got, want, sizeof want) != 0) {
        fm_lexicon_error(lx, path, 0, "%s", "compiled by another build of factum: compile it again");
        return -1;
    }
    if (lens[0] > len - head || lens[1] != len - head - lens[0]) goto bad;
    if (fm_lexicon_image_sum(data + head, (size_t)lens[0], data + head + lens[0], (size_t)lens[1]) != sum_file)
        goto bad;
    /* the strings live in the arena, as they do when dictionaries are read */
    /* (not zeroed: every byte is copied over, and the NUL after them set) */
    char *pool = fm_arena_alloc_raw(&lx->arena, (size_t)lens[0] + 1);
    if (!pool) { fm_lexicon_error(lx, path, 0, "%s", "out of memory"); return -1; }
    memcpy(pool, data + head, (size_t)lens[0]);
    pool[lens[0]] = '\0';
    rd r = { (const unsigned char *)data + head + lens[0], (const unsigned char *)data + len, pool, (size_t)lens[0], 0 };
    get_body(&r, lx);
    if (r.bad || check_indices(lx)) goto bad;
    if (!lx->word_filter || !lx->prefix_lens) fm_lexicon_words_index(lx);
    lx->from_image = 1;
    return 0;
bad:
    /* the checksum held and the reader still went wrong: a file of another layout
     * that kept the sizes; either way nothing of it may be used */
    fm_lexicon_error(lx, path, 0, "%s", "not a complete compiled lexicon (truncated or damaged): compile it again");
    return -1;
}
