/* lexicon.h — the inside of fm_lexicon: interned words, phrase tries over
 * tokens, and the dictionary entries they lead to (actors with dated codes,
 * agents, verbs with their patterns, synonym sets, discards, issues).
 * Everything lives in the lexicon's arena and is read-only after finish. */
#ifndef FM_LEXICON_H
#define FM_LEXICON_H
#include <stdint.h>
#include "factum.h"
#include "arena.h"
#include "strmap.h"
#include "text.h"
#include "vec.h"
#include "cameo.h"

#define FM_NO_WORD UINT32_MAX

FM_VEC(fm_u32_vec, uint32_t)
FM_VEC(fm_u16_vec, uint16_t)
FM_VEC(fm_u8_vec, uint8_t)

/* A trie whose edges are words: edge key (node, word, stem) -> child. A node's
 * value is an index+1 into the owner's entry array (0: not a phrase end).
 * stem = 1 on the last word of a phrase without a trailing '_': it also matches
 * longer words that start with it (TABARI's convention: IRAQI matches IRAQIS). */
/* One edge: (node, word | stem << 31) -> child; child 0 marks an empty slot
 * (the root is no one's child). The key sits in the slot, so a probe reads
 * one cache line where a string-keyed map also read the key it points to. */
typedef struct fm_trie_edge { uint32_t node, word, child; } fm_trie_edge;

typedef struct fm_trie {
    fm_trie_edge *edges;   /* open addressing, power-of-two size, <= 50% full */
    size_t edges_cap, n_edges;
    fm_u32_vec value;      /* per node */
    /* per node: a bit per edge out of it, at fm_trie_mask_bit of the edge's word
     * (0: a leaf, no longer phrase goes on). Most edges a match asks for are
     * not there; the node's 4 bytes say so without a probe of the edge table. */
    fm_u32_vec mask;
    uint32_t n_nodes;
    /* Bit (word << 1 | stem) is set when an edge of the root (first) or of any
     * node (any) carries that word: most tokens start no phrase, and a bit test
     * is far cheaper than the hash probe it saves. Grown by fm_trie_add. */
    uint64_t *first, *any;
    size_t bits_words;     /* 64-bit words in each of first and any */
    /* This trie's bit in fm_tok_ids.starts (a trie of the lexicon), or 0 for a
     * trie the token masks do not cover. */
    uint8_t start_bit;
} fm_trie;

/* ---- entries ---- */

typedef struct fm_dated_code {
    const char *code;
    int32_t from, to;      /* yyyymmdd, inclusive; 0 / 99999999 when open */
} fm_dated_code;

typedef struct fm_actor_entry {
    const char *name;      /* the block's first (canonical) phrase, readable */
    fm_dated_code *codes;
    uint32_t n_codes;
} fm_actor_entry;
FM_VEC(fm_actor_vec, fm_actor_entry)

/* TABARI's actor phrases with a blank ("DURTHANG ORC", "PRINCE DOL_AMROTH"):
 * the blank-separated parts must come in order, with any words between them
 * ("the Prince of Dol_Amroth", "Al \"The Weasel\" Gore"). Words of all such
 * phrases are in fm_lexicon.gap_words; a part starts where part_start is 1. */
typedef struct fm_gap_word { uint32_t id; uint8_t stem, part_start; } fm_gap_word;
FM_VEC(fm_gap_word_vec, fm_gap_word)
typedef struct fm_gapped_actor { uint32_t entry, first, n; } fm_gapped_actor;
FM_VEC(fm_gapped_vec, fm_gapped_actor)

typedef struct fm_agent_entry {
    const char *code;      /* "MIL", "GOV" */
    int prefix;            /* [MIL~]: code goes before the actor's */
} fm_agent_entry;
FM_VEC(fm_agent_vec, fm_agent_entry)

enum fm_pat_kind {
    FM_PE_WORD = 1,   /* a word (exact or stem) */
    FM_PE_SYN,        /* &SYNSET, or TABARI alternatives { A | B } (an anonymous synset) */
    FM_PE_SOURCE,     /* $ */
    FM_PE_TARGET,     /* + */
    FM_PE_SKIP,       /* ^ : one noun phrase */
    FM_PE_COMPOUND    /* % : compound actor */
};

typedef struct fm_pat_elem {
    uint8_t kind;
    uint8_t adjacent;      /* joined to the previous element by '_' */
    uint8_t stem;          /* word may be a prefix of the token */
    uint32_t id;           /* word id or synset id */
} fm_pat_elem;
FM_VEC(fm_elem_vec, fm_pat_elem)

typedef struct fm_pattern {
    uint32_t verb;         /* verb block */
    uint32_t pre, n_pre;   /* elements (in fm_lexicon.elems), pre in text order */
    uint32_t post, n_post;
    char code[8], code2[8];/* code2: the paired event's code ("042:043"), or ""; a code may end in
                              '?' (subordinate) or '!' (dominant), or be "###" / "+++" (discard, complex) */
    const char *text;      /* the pattern as written, for "rule" */
    int weight;            /* specificity: words and slots */
    int length;            /* TABARI's length: letters of the fixed words (longest first wins) */
    uint8_t pre_joined;    /* "GENERAL_*", "WAS_*": the last element before '*' ends right at the verb */
} fm_pattern;
FM_VEC(fm_pattern_vec, fm_pattern)

typedef struct fm_verb_entry {
    const char *name;      /* block name / primary verb */
    char code[8];          /* default code, "" for [---] */
    char code2[8];         /* paired code of "MEET [031:031]", or "" */
    uint32_t first_pattern, n_patterns;
    uint32_t next_same;    /* chain of blocks sharing forms (index+1) */
} fm_verb_entry;
FM_VEC(fm_verb_vec, fm_verb_entry)

/* verb form phrases map to this */
typedef struct fm_verb_form {
    uint32_t verb;         /* verb block */
    uint8_t form;          /* FM_VF_* */
    uint8_t multiword;     /* "SHOOT DOWN", "KILLED AND" */
    char code[8];          /* the verb line's own code ("MURDER [190]"), "" = block's */
    char code2[8];         /* its paired code ("LEFT [032:033]") */
    uint8_t generated;     /* a regular inflection the loader made, not a word the dictionary wrote */
} fm_verb_form;
FM_VEC(fm_form_vec, fm_verb_form)
enum { FM_VF_BASE = 0, FM_VF_S, FM_VF_ED, FM_VF_ING, FM_VF_IRREG,
       FM_VF_STEM };   /* a TABARI root without '_': the form is read off the word in the text */

typedef struct fm_issue_entry { const char *code; } fm_issue_entry;   /* code NULL: an exclusion ("~a head start") */
/* One member of an indexed synset: elements elems[elem .. elem + n) of set. */
typedef struct fm_syn_member { uint32_t set, elem, n; } fm_syn_member;
FM_VEC(fm_issue_vec, fm_issue_entry)

FM_VEC(fm_u32list_vec, fm_u32_vec)

struct fm_lexicon {
    fm_arena arena;
    fm_diag_fn diag;
    void *diag_user;
    int errors;
    int finished;

    fm_strmap words;        /* folded word -> id */
    uint32_t n_words;
    fm_u32_vec word_len;    /* id -> length (for stems) */
    /* A bit per hash class of the interned words (bit fm_word_filter_bit of a
     * word's fm_hash): a token's prefixes are mostly no word, and a clear bit
     * says so without the probe. Grown with the words, at most 1/16 full. */
    uint64_t *word_filter;
    uint32_t word_filter_mask;   /* bits - 1 */
    /* The lengths (bit L, 4 <= L < 64) of the interned words, per hash class of
     * their first 4 bytes: a token's prefix of length L can be a word only if
     * its class has bit L, so most of the prefix probes are never made. Grown
     * with the words (no more words than entries); NULL: every length may be. */
    uint64_t *prefix_lens;
    uint32_t prefix_lens_mask;   /* entries - 1 */
    /* id -> the tries (their start_bit) whose root has an edge of that word:
     * exact edges in the low byte, stem edges in the high byte; ids past the
     * end start nothing. Kept by fm_trie_add; FM_STARTS_SYNSET (high byte:
     * exact word or prefix alike) is added by fm_synset_index_build. */
    fm_u16_vec word_starts;

    fm_trie actors, agents, verbs, discards, issues;
    fm_actor_vec actor_entries;
    fm_gapped_vec gapped;   /* actor phrases with gaps (above), in file order */
    fm_gap_word_vec gap_words;
    fm_trie gapped_first;   /* the first words of the gapped phrases (value 1): most tokens start none */
    fm_agent_vec agent_entries;
    fm_verb_vec verb_entries;
    fm_form_vec verb_forms;
    fm_pattern_vec patterns;
    fm_elem_vec elems;
    fm_issue_vec issue_entries;

    fm_strmap synset_names; /* "&MILITARY" -> synset id */
    fm_u32list_vec synsets; /* synset id -> its members as (first element, element count)
                               pairs in elems; a member is matched like a small pattern */
    fm_strmap verb_names;   /* block name -> verb index */

    /* Synsets by the first word of their members, so that a sentence looks up
     * only the synsets its words can start (built by finish, in the arena):
     * word w starts members of the synsets syn_sets[syn_first[w] .. syn_first[w + 1]).
     * A synset with a member that starts with a slot or another synset is
     * unindexed (syn_unindexed[s] = 1) and is always matched member by member. */
    uint32_t *syn_first, *syn_sets;
    uint8_t *syn_unindexed;
    /* The members themselves by first word (indexed synsets only, by set id):
     * syn_members[syn_mem_first[w] .. syn_mem_first[w + 1]). A big synset has
     * hundreds of members and a token starts a few, so the sentence table
     * tries those, not every member of every synset its words start. */
    uint32_t *syn_mem_first;
    fm_syn_member *syn_members;
    /* pattern index -> a word the pattern needs (n_words: none), so that a
     * sentence without it passes the pattern by with one look-up (finish). */
    uint32_t *pattern_guard;

    fm_strmap country_codes;/* 3-letter CAMEO country codes seen in actor files */
    fm_token_vec phrase_toks;  /* fm_lexicon_phrase_node's scratch tokens */
    fm_cameo_table *cameo;
    int have_verbs, have_actors;
    int image_failed;       /* a compiled lexicon could not be read: finish fails rather than code with part of it */
    int from_image;         /* a compiled lexicon was read: nothing may be added to it */
    size_t n_arena_codes;   /* the first n_arena_codes actor entries (a compiled lexicon's) have their codes in the arena */
    int tabari_verbs;       /* a TABARI .verbs file was read: TABARI's default actor search */
};

/* ---- words and tries (phrase_trie.c) ---- */
uint32_t fm_lexicon_word(fm_lexicon *lx, const char *norm, size_t len);        /* intern */
uint32_t fm_lexicon_word_find(const fm_lexicon *lx, const char *norm, size_t len);
/* Rebuilds the word filter and prefix lengths from the word map (a lexicon
 * read from an image). */
void fm_lexicon_words_index(fm_lexicon *lx);
void fm_trie_init(fm_trie *t);
void fm_trie_free(fm_trie *t);
/* Adds a phrase (already tokenized) ending in a stem or exact word; returns the
 * end node (its value may already be set: synonyms share entries). */
uint32_t fm_trie_add(fm_lexicon *lx, fm_trie *t, const uint32_t *words, size_t n, int last_is_stem);
uint32_t fm_trie_child(const fm_trie *t, uint32_t node, uint32_t word, int stem);
/* The bit of fm_trie.mask for an edge of word (exact or stem). */
static inline uint32_t fm_trie_mask_bit(uint32_t word, int stem)
{
    return 1u << ((word * 0x9E3779B1u + (stem ? 0x7F4A7C15u : 0u)) >> 27);
}

/* Candidate word ids of a token: its exact id, then the ids of its proper
 * prefixes that are known words (for stems), longest first. */
/* starts: the start_bit of every lexicon trie with a root edge for one of
 * those readings (exact or stem), so that most tokens are passed over by a
 * mask test before any trie is looked at. edge_bits: the fm_trie_mask_bit of
 * every reading a trie walk tries (the exact word, exact and as a stem; each
 * prefix as a stem): a node whose mask shares no bit with them has no edge
 * for the token, which one AND tells before a walk goes down to it. */
typedef struct fm_tok_ids {
    uint32_t exact;
    uint32_t pre[6];
    uint32_t edge_bits;
    uint8_t n_pre, starts;
} fm_tok_ids;
/* The bit of starts (no trie's) for a token whose words start a member of an
 * indexed synset (fm_lexicon.syn_mem_first): the others have no synset hits. */
#define FM_STARTS_SYNSET 0x80u
void fm_tok_ids_of(const fm_lexicon *lx, const fm_token *t, fm_tok_ids *out);

/* A memo of fm_tok_ids_of for one coder (no sharing between threads), two-way
 * set-associative by the token's norm and kind: the frequent words of news text are
 * looked up over and over, and their lexicon slots and prefixes are scattered
 * over megabytes of table where this is one cache line per word. Words of
 * more than 22 bytes are not kept. Zeroed memory is an empty memo. */
#define FM_TOK_MEMO_SIZE 8192
typedef struct fm_tok_memo_entry {
    uint32_t tag;          /* 0: empty */
    uint8_t len, kind;
    char key[22];          /* with the ids, 64 bytes: one cache line */
    fm_tok_ids ids;
} fm_tok_memo_entry;
void fm_tok_ids_memo(const fm_lexicon *lx, fm_tok_memo_entry *memo, const fm_token *t, fm_tok_ids *out);

size_t fm_trie_longest_at(const fm_trie *t, const fm_tok_ids *ids, size_t n, size_t i, uint32_t *value);
/* Longest phrase of t starting at token i: returns its length in tokens (0 if
 * none) and the value (entry index + 1) in *value. Inline: it is asked of
 * every token for every trie, and the mask answers nearly all of them. */
static inline size_t fm_trie_longest(const fm_trie *t, const fm_tok_ids *ids, size_t n, size_t i, uint32_t *value)
{
    if (i >= n || (t->start_bit && !(ids[i].starts & t->start_bit))) { *value = 0; return 0; }
    return fm_trie_longest_at(t, ids, n, i, value);
}

/* ---- a compiled lexicon (lexicon_image.c) ---- */
/* 1 if data starts like a compiled lexicon. */
int fm_lexicon_is_image(const char *data, size_t len);
/* The checksum of a compiled lexicon's pool and body, as its header holds it. */
uint32_t fm_lexicon_image_sum(const void *pool, size_t pool_len, const void *body, size_t body_len);
/* Reads a compiled lexicon into lx, which must be empty; 0, or -1 with a message
 * for path (then lx->image_failed is set and fm_lexicon_finish fails). */
int fm_lexicon_load_image(fm_lexicon *lx, const char *path, const char *data, size_t len);

/* ---- loading (dict_*.c) ---- */
void fm_lexicon_error(fm_lexicon *lx, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds "PHRASE_WITH_UNDERSCORES" to trie t with value; returns 0 or -1. */
int fm_lexicon_add_phrase(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, uint32_t value,
                          const char *file, long line);
/* The same with the shortest last word that may be a stem (fm_lexicon_add_phrase: 4). */
int fm_lexicon_add_phrase_stem(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, uint32_t value,
                               const char *file, long line, size_t min_stem);
/* The trie node of the phrase (made if new; its value untouched), or 0 on an error. */
uint32_t fm_lexicon_phrase_node(fm_lexicon *lx, fm_trie *t, const char *phrase, size_t len, const char *file,
                                long line, size_t min_stem);
int fm_dict_load_actors(fm_lexicon *lx, const char *file, const char *data, size_t len);
int fm_dict_load_agents(fm_lexicon *lx, const char *file, const char *data, size_t len);
int fm_dict_load_verbs(fm_lexicon *lx, const char *file, const char *data, size_t len);
int fm_dict_load_discards(fm_lexicon *lx, const char *file, const char *data, size_t len);
/* Builds the synset index above (verb_dict.c); returns 0 or -1. */
int fm_synset_index_build(fm_lexicon *lx);
/* Builds fm_lexicon.pattern_guard (verb_dict.c); returns 0 or -1. */
int fm_pattern_guards_build(fm_lexicon *lx);
int fm_dict_load_issues(fm_lexicon *lx, const char *file, const char *data, size_t len);

/* Actor code valid on a date (yyyymmdd); NULL if none. */
const char *fm_actor_code_on(const fm_actor_entry *a, int32_t date);
/* 1 if the first three letters of code name a country. */
int fm_lexicon_is_country(const fm_lexicon *lx, const char *code);

/* ---- reading dictionary files line by line (lexicon.c) ---- */
typedef struct fm_dict_lines {
    const char *data, *end, *file;
    long lineno;
    fm_lexicon *lx;
    char *fixed; size_t fixed_cap;   /* Latin-1 lines transcoded to UTF-8 */
    int in_xml_comment;              /* inside a "<!-- ... -->" spanning lines */
} fm_dict_lines;
void fm_dict_lines_init(fm_dict_lines *it, fm_lexicon *lx, const char *file, const char *data, size_t len);
/* Next line without its newline and without a trailing comment (from ';' or
 * '#' when at start or after white space); XML comments "<!-- -->" (PETRARCH
 * files), even across lines, read as empty lines. 1 if there is one. */
int fm_dict_lines_next(fm_dict_lines *it, const char **line, size_t *len);
void fm_dict_lines_free(fm_dict_lines *it);
/* Trims white space in place (pointer and length). */
void fm_trim(const char **s, size_t *n);
#endif
