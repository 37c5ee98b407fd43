/* phrase_trie.c — interned words and word-level tries, the matcher under every
 * dictionary (actors, agents, verbs, discards, issues). Lookup cost depends on
 * the phrase length, not on the dictionary size: one hash probe per edge. */
#include "lexicon.h"
#include <stdlib.h>
#include <string.h>

uint32_t fm_lexicon_word_find(const fm_lexicon *lx, const char *norm, size_t len)
{
    uint32_t id;
    return fm_strmap_get(&lx->words, norm, len, &id) ? id : FM_NO_WORD;
}

static inline uint32_t filter_bit(const fm_lexicon *lx, uint32_t hash)
{
    return (hash ^ hash >> 15) & lx->word_filter_mask;
}

/* 0 when no interned word has this fm_hash: the probe would fail. */
static inline int may_be_word(const fm_lexicon *lx, uint32_t hash)
{
    if (!lx->word_filter) return 1;
    uint32_t b = filter_bit(lx, hash);
    return lx->word_filter[b >> 6] >> (b & 63) & 1;
}

/* Rebuilds the word filter for want words from the map's stored hashes; on
 * allocation failure there is none (every probe is made). */
static void word_filter_grow(fm_lexicon *lx, size_t want)
{
    size_t bits = 4096;
    while (bits < 16 * want) bits *= 2;
    free(lx->word_filter);
    lx->word_filter = calloc(bits / 64, sizeof *lx->word_filter);
    lx->word_filter_mask = lx->word_filter ? (uint32_t)(bits - 1) : 0;
    if (!lx->word_filter) return;
    for (size_t i = 0; i < lx->words.cap; i++) {
        const fm_strmap_slot *sl = &lx->words.slots[i];
        if (!sl->key) continue;
        uint32_t b = filter_bit(lx, sl->hash);
        lx->word_filter[b >> 6] |= 1ull << (b & 63);
    }
}

/* The class in prefix_lens of a word whose first 4 bytes have fm_hash h4. */
static inline uint32_t prefix_class(const fm_lexicon *lx, uint32_t h4)
{
    return (h4 ^ h4 >> 15) & lx->prefix_lens_mask;
}

static void prefix_lens_add(fm_lexicon *lx, const char *key, size_t len)
{
    if (len >= 4 && len < 64 && lx->prefix_lens)
        lx->prefix_lens[prefix_class(lx, fm_hash(key, 4))] |= 1ull << len;
}

/* Rebuilds prefix_lens with room for want words; on allocation failure there
 * is none (every length is probed). */
static void prefix_lens_grow(fm_lexicon *lx, size_t want)
{
    size_t n = 4096;
    while (n < want) n *= 2;
    free(lx->prefix_lens);
    lx->prefix_lens = calloc(n, sizeof *lx->prefix_lens);
    lx->prefix_lens_mask = lx->prefix_lens ? (uint32_t)(n - 1) : 0;
    for (size_t i = 0; i < lx->words.cap; i++)
        if (lx->words.slots[i].key) prefix_lens_add(lx, lx->words.slots[i].key, lx->words.slots[i].len);
}

/* The lengths in [4, len) at which a word may end that the token's norm
 * starts with (h4: fm_hash of its first 4 bytes; len <= 64). */
static inline uint64_t prefix_lens_of(const fm_lexicon *lx, uint32_t h4, size_t len)
{
    uint64_t below = len >= 64 ? ~0ull : (1ull << len) - 1;
    uint64_t lens = lx->prefix_lens ? lx->prefix_lens[prefix_class(lx, h4)] : ~0ull;
    return lens & below & ~15ull;
}

uint32_t fm_lexicon_word(fm_lexicon *lx, const char *norm, size_t len)
{
    uint32_t id = fm_lexicon_word_find(lx, norm, len);
    if (id != FM_NO_WORD) return id;
    char *key = fm_arena_strndup(&lx->arena, norm, len);
    if (!key) return FM_NO_WORD;
    id = lx->n_words;
    if (fm_strmap_put(&lx->words, key, len, id) || fm_u32_vec_push(&lx->word_len, (uint32_t)len))
        return FM_NO_WORD;
    lx->n_words++;
    if (!lx->word_filter || 16 * (size_t)lx->n_words > (size_t)lx->word_filter_mask + 1)
        word_filter_grow(lx, lx->n_words);     /* the new word is in the map: included */
    else {
        uint32_t b = filter_bit(lx, fm_hash(key, len));
        lx->word_filter[b >> 6] |= 1ull << (b & 63);
    }
    if (!lx->prefix_lens || (size_t)lx->n_words > (size_t)lx->prefix_lens_mask + 1)
        prefix_lens_grow(lx, lx->n_words);     /* the new word is in the map: included */
    else
        prefix_lens_add(lx, key, len);
    return id;
}

void fm_lexicon_words_index(fm_lexicon *lx)
{
    /* on allocation failure either is left out: every probe is made, slower, not wrong */
    word_filter_grow(lx, lx->n_words);
    prefix_lens_grow(lx, lx->n_words);
}

void fm_trie_init(fm_trie *t)
{
    memset(t, 0, sizeof *t);
    t->n_nodes = 1;                 /* node 0 is the root */
    fm_u32_vec_push(&t->value, 0);
    fm_u32_vec_push(&t->mask, 0);
}

void fm_trie_free(fm_trie *t)
{
    free(t->edges);
    t->edges = NULL;
    t->edges_cap = t->n_edges = 0;
    fm_u32_vec_free(&t->value);
    fm_u32_vec_free(&t->mask);
    free(t->first);
    free(t->any);
    t->first = t->any = NULL;
    t->bits_words = 0;
}

static inline int has_bit(const uint64_t *bits, size_t n_words, uint32_t word, int stem)
{
    size_t b = (size_t)word << 1 | (stem ? 1u : 0u);
    return (b >> 6) < n_words && (bits[b >> 6] >> (b & 63) & 1);
}

/* Marks the edge (word, stem) in any, and in first for a root edge; -1 on allocation failure. */
static int mark_edge(fm_trie *t, uint32_t node, uint32_t word, int stem)
{
    size_t b = (size_t)word << 1 | (stem ? 1u : 0u);
    if ((b >> 6) >= t->bits_words) {
        size_t nw = t->bits_words ? t->bits_words : 64;
        while (nw <= (b >> 6)) nw *= 2;
        uint64_t *f = realloc(t->first, nw * sizeof *f);
        if (!f) return -1;
        t->first = f;
        uint64_t *a = realloc(t->any, nw * sizeof *a);
        if (!a) return -1;
        t->any = a;
        memset(f + t->bits_words, 0, (nw - t->bits_words) * sizeof *f);
        memset(a + t->bits_words, 0, (nw - t->bits_words) * sizeof *a);
        t->bits_words = nw;
    }
    t->any[b >> 6] |= 1ull << (b & 63);
    if (node == 0) t->first[b >> 6] |= 1ull << (b & 63);
    return 0;
}

static inline uint32_t edge_word(uint32_t word, int stem) { return word | (stem ? 0x80000000u : 0); }

/* Node and word mixed so that the edges of one node spread over the table. */
static inline size_t edge_slot(uint32_t node, uint32_t word, size_t mask)
{
    uint32_t h = (node * 0x9E3779B1u ^ word) * 0x85EBCA6Bu;
    return (h ^ h >> 16) & mask;
}

uint32_t fm_trie_child(const fm_trie *t, uint32_t node, uint32_t word, int stem)
{
    if (!t->edges_cap) return 0;
    uint32_t w = edge_word(word, stem);
    size_t mask = t->edges_cap - 1;
    for (size_t i = edge_slot(node, w, mask);; i = (i + 1) & mask) {
        const fm_trie_edge *e = &t->edges[i];
        if (!e->child) return 0;
        if (e->node == node && e->word == w) return e->child;
    }
}

static void edge_put(fm_trie_edge *edges, size_t cap, fm_trie_edge e)
{
    size_t i = edge_slot(e.node, e.word, cap - 1);
    while (edges[i].child) i = (i + 1) & (cap - 1);
    edges[i] = e;
}

/* Adds an edge known to be absent; -1 on allocation failure. */
static int edge_add(fm_trie *t, uint32_t node, uint32_t word, int stem, uint32_t child)
{
    if ((t->n_edges + 1) * 2 > t->edges_cap) {
        size_t cap = t->edges_cap ? t->edges_cap * 2 : 256;
        fm_trie_edge *edges = calloc(cap, sizeof *edges);
        if (!edges) return -1;
        for (size_t i = 0; i < t->edges_cap; i++)
            if (t->edges[i].child) edge_put(edges, cap, t->edges[i]);
        free(t->edges);
        t->edges = edges;
        t->edges_cap = cap;
    }
    fm_trie_edge e = { node, edge_word(word, stem), child };
    edge_put(t->edges, t->edges_cap, e);
    t->n_edges++;
    return 0;
}

/* Records in lx->word_starts that word (exact or stem) begins a phrase of t. */
static int mark_start(fm_lexicon *lx, const fm_trie *t, uint32_t word, int stem)
{
    if (word == FM_NO_WORD) return 0;
    while (lx->word_starts.n <= word)
        if (fm_u16_vec_push(&lx->word_starts, 0)) return -1;
    lx->word_starts.a[word] |= (uint16_t)(stem ? t->start_bit << 8 : t->start_bit);
    return 0;
}

uint32_t fm_trie_add(fm_lexicon *lx, fm_trie *t, const uint32_t *words, size_t n, int last_is_stem)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        int stem = last_is_stem && i + 1 == n;
        uint32_t child = fm_trie_child(t, node, words[i], stem);
        if (!child) {
            if (mark_edge(t, node, words[i], stem)) return 0;
            child = t->n_nodes++;
            if (edge_add(t, node, words[i], stem, child) || fm_u32_vec_push(&t->value, 0) ||
                fm_u32_vec_push(&t->mask, 0))
                return 0;
            t->mask.a[node] |= fm_trie_mask_bit(words[i], stem);
            if (node == 0 && t->start_bit && mark_start(lx, t, words[i], stem)) return 0;
        }
        node = child;
    }
    return node;
}

static inline unsigned word_starts(const fm_lexicon *lx, uint32_t word)
{
    return word < lx->word_starts.n ? lx->word_starts.a[word] : 0;
}

/* The tries a phrase may start in at a token with these readings (any root
 * edge of the exact word, stem edges of the prefixes), and the mask bits of
 * the edges longest_from tries for them. */
static void mark_starts(const fm_lexicon *lx, fm_tok_ids *out)
{
    unsigned e = word_starts(lx, out->exact), s = e | e >> 8;
    uint32_t bits = out->exact == FM_NO_WORD ? 0 : fm_trie_mask_bit(out->exact, 0) | fm_trie_mask_bit(out->exact, 1);
    for (int k = 0; k < out->n_pre; k++) {
        s |= word_starts(lx, out->pre[k]) >> 8;
        bits |= fm_trie_mask_bit(out->pre[k], 1);
    }
    out->starts = (uint8_t)s;
    out->edge_bits = bits;
}

void fm_tok_ids_of(const fm_lexicon *lx, const fm_token *t, fm_tok_ids *out)
{
    size_t len = t->norm_len;
    out->n_pre = 0;
    if (t->kind != FM_TOK_WORD || len > 64) {
        out->exact = fm_lexicon_word_find(lx, t->norm, len);
        if (t->kind == FM_TOK_WORD)
            for (size_t l = len; l-- > 3 && out->n_pre < 6;) {
                uint32_t id = fm_lexicon_word_find(lx, t->norm, l);
                if (id != FM_NO_WORD) out->pre[out->n_pre++] = id;
            }
        mark_starts(lx, out);
        return;
    }
    /* FNV-1a runs left to right: one pass gives the hash of every prefix,
     * where hashing each prefix afresh cost a pass per length */
    uint32_t hash[65], h = FM_HASH_SEED;
    const unsigned char *s = (const unsigned char *)t->norm;
    for (size_t i = 0; i < len; i++) { h = fm_hash_byte(h, s[i]); hash[i + 1] = fm_hash_final(h); }
    uint32_t id;
    out->exact = len && may_be_word(lx, hash[len]) && fm_strmap_get_hashed(&lx->words, t->norm, len, hash[len], &id)
                     ? id
               : len ? FM_NO_WORD : fm_lexicon_word_find(lx, t->norm, 0);
    /* proper prefixes, longest first; stems shorter than 3 letters mislead.
     * Of 4 letters or more: only at the lengths where a word with the same
     * first 4 bytes ends (most tokens have none or one such length). */
    uint64_t lens = len > 4 ? prefix_lens_of(lx, hash[4], len) : 0;
    while (lens && out->n_pre < 6) {
        size_t l = 63 - (size_t)__builtin_clzll(lens);
        lens &= ~(1ull << l);
        if (may_be_word(lx, hash[l]) && fm_strmap_get_hashed(&lx->words, t->norm, l, hash[l], &id))
            out->pre[out->n_pre++] = id;
    }
    if (len > 3 && out->n_pre < 6 && may_be_word(lx, hash[3]) &&
        fm_strmap_get_hashed(&lx->words, t->norm, 3, hash[3], &id))
        out->pre[out->n_pre++] = id;
    mark_starts(lx, out);
}

/* A cheap mix of a short key (its first and last bytes, read as at most two
 * loads each way) with its length and kind; never 0. */
static inline uint32_t memo_tag(const char *s, size_t len, unsigned kind)
{
    uint64_t x;
    if (len >= 8) x = fm_strmap_load8(s) * 0x9E3779B97F4A7C15ull ^ fm_strmap_load8(s + len - 8);
    else if (len >= 4) x = (uint64_t)fm_strmap_load4(s) << 32 | fm_strmap_load4(s + len - 4);
    else   /* 1 to 3 bytes: first, middle and last cover them all, with no loop */
        x = len ? (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[len >> 1] << 8 |
                      (unsigned char)s[len - 1]
                : 0;
    x = (x ^ (uint64_t)len << 56 ^ (uint64_t)kind << 48) * 0xD6E8FEB86659FD93ull;
    uint32_t h = (uint32_t)(x >> 32);
    return h ? h : 1;
}

/* a[0, len) == b[0, len) for a memo key (len <= 22): inline for the short
 * words and marks most tokens are, where a memcmp call cost more than the
 * rest of the look-up */
static inline int memo_same(const char *a, const char *b, size_t len)
{
    if (len >= 4 && len <= 16) return fm_strmap_same_key(a, b, len);
    if (len < 4)   /* first, middle and last: every byte of 1 to 3 */
        return len == 0 || (a[0] == b[0] && a[len >> 1] == b[len >> 1] && a[len - 1] == b[len - 1]);
    return memcmp(a, b, len) == 0;
}

static inline int memo_is(const fm_tok_memo_entry *e, uint32_t tag, const fm_token *t, size_t len)
{
    return e->tag == tag && e->len == len && e->kind == t->kind && memo_same(e->key, t->norm, len);
}

/* fm_tok_ids_memo past a miss in the first way: out of line, so that the
 * hit, nine tokens in ten, saves no registers for the lexicon probes. */
__attribute__((noinline)) static void memo_second(const fm_lexicon *lx, fm_tok_memo_entry *e, uint32_t tag,
                                                 const fm_token *t, size_t len, fm_tok_ids *out)
{
    if (memo_is(&e[1], tag, t, len)) {
        fm_tok_memo_entry hit = e[1];
        e[1] = e[0];
        e[0] = hit;
        *out = hit.ids;
        return;
    }
    fm_tok_ids_of(lx, t, out);
    e[1] = e[0];
    e[0].tag = tag;
    e[0].len = (uint8_t)len;
    e[0].kind = t->kind;
    memcpy(e[0].key, t->norm, len);
    e[0].ids = *out;
}

_Static_assert(sizeof(fm_tok_memo_entry) == 64, "a memo entry is one cache line");

/* Two ways per set, the more recent first: a word that collides with another
 * frequent one no longer evicts it at every turn (direct-mapped, one token in
 * seven missed; the misses are the dear lexicon probes). */
void fm_tok_ids_memo(const fm_lexicon *lx, fm_tok_memo_entry *memo, const fm_token *t, fm_tok_ids *out)
{
    size_t len = t->norm_len;
    if (len > sizeof memo->key) { fm_tok_ids_of(lx, t, out); return; }
    uint32_t tag = memo_tag(t->norm, len, t->kind);
    fm_tok_memo_entry *e = &memo[(tag & (FM_TOK_MEMO_SIZE / 2 - 1)) * 2];
    if (memo_is(&e[0], tag, t, len)) { *out = e[0].ids; return; }
    memo_second(lx, e, tag, t, len, out);
}

static size_t longest_from(const fm_trie *t, const fm_tok_ids *ids, size_t n, size_t i,
                           uint32_t node, size_t depth, uint32_t *value);

/* The edge (word, stem) from node, if any, followed: the phrase through it
 * replaces *best when longer. */
static inline void try_edge(const fm_trie *t, const uint64_t *bits, const fm_tok_ids *ids, size_t n, size_t i,
                            uint32_t node, size_t depth, uint32_t word, int stem, size_t *best, uint32_t *best_value)
{
    if (!has_bit(bits, t->bits_words, word, stem)) return;
    if (node && !(t->mask.a[node] & fm_trie_mask_bit(word, stem))) return;
    uint32_t child = fm_trie_child(t, node, word, stem);
    if (!child) return;
    uint32_t v = 0;
    /* a leaf, or a node with no edge for the next token's readings, ends the
     * phrase here: no call to learn that nothing follows */
    uint32_t next_bits = i + 1 < n ? ids[i + 1].edge_bits : 0;
    size_t len = t->mask.a[child] & next_bits ? longest_from(t, ids, n, i + 1, child, depth + 1, &v) : 0;
    if (len) { len += 1; }
    else if (t->value.a[child]) { len = 1; v = t->value.a[child]; }
    if (len > *best) { *best = len; *best_value = v; }
}

/* Depth-first: the longest phrase wins; among equal lengths the exact reading
 * (tried first: exact edge, stem edge of the word, then the prefixes' stem edges). */
static size_t longest_from(const fm_trie *t, const fm_tok_ids *ids, size_t n, size_t i,
                           uint32_t node, size_t depth, uint32_t *value)
{
    size_t best = 0;
    uint32_t best_value = 0;
    if (i < n && depth < 24) {
        const fm_tok_ids *ti = &ids[i];
        /* the first word of a phrase is the common miss: a bit test decides it */
        const uint64_t *bits = node ? t->any : t->first;
        if (ti->exact != FM_NO_WORD) {
            try_edge(t, bits, ids, n, i, node, depth, ti->exact, 0, &best, &best_value);
            try_edge(t, bits, ids, n, i, node, depth, ti->exact, 1, &best, &best_value);
        }
        for (int k = 0; k < ti->n_pre; k++)
            try_edge(t, bits, ids, n, i, node, depth, ti->pre[k], 1, &best, &best_value);
    }
    *value = best_value;
    return best;
}

/* Both bits of word in first (exact reading: bit 0, stem reading: bit 1); a
 * word past the table (FM_NO_WORD among them) has neither. */
static inline unsigned first_bits(const fm_trie *t, uint32_t word)
{
    size_t b = (size_t)word << 1;
    return (b >> 6) < t->bits_words ? (unsigned)(t->first[b >> 6] >> (b & 63)) & 3u : 0;
}

size_t fm_trie_longest_at(const fm_trie *t, const fm_tok_ids *ids, size_t n, size_t i, uint32_t *value)
{
    *value = 0;
    if (i >= n) return 0;
    /* most tokens start nothing in this trie: say so before any set-up (a
     * lexicon trie's bit in the token mask, tested inline, said it already) */
    const fm_tok_ids *ti = &ids[i];
    int may = t->start_bit || first_bits(t, ti->exact) != 0;
    for (int k = 0; k < ti->n_pre && !may; k++) may = first_bits(t, ti->pre[k]) & 2;
    if (!may) return 0;
    return longest_from(t, ids, n, i, 0, 0, value);
}
