/* geo.c — the gazetteer file (built by tools/build_gazetteer.js, mmap'd here,
 * never written) and place resolution: longest gazetteer names in a sentence's
 * tokens, disambiguated by the article's countries, dateline and population. */
#include "geo.h"
#include "strmap.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FM_GAZ_MAGIC "FMGAZ005"
#define FM_GAZ_HEADER 80        /* magic, then (offset, count) per section */
#define FM_GAZ_MAX_TOKENS 6      /* the builder drops longer names */
#define FM_GAZ_KEY_MAX 256
#define FM_GAZ_WORD_MAX 24       /* longer than any listed word (word_lists below) */
#define FM_GAZ_WORD_BITS 4096    /* fm_gazetteer.word_filter: a power of two */

/* Kinds, in the builder's order. */
enum { GAZ_TOWN, GAZ_POINT, GAZ_ADMIN1, GAZ_REGION, GAZ_COUNTRY, GAZ_DEMONYM };

/* On-disk records (little-endian, 8-byte aligned sections). */
typedef struct fm_gaz_entry {
    float lat, lon;
    uint32_t population, geonameid;
    uint32_t name, admin1;           /* offsets into the string section, 0 = none */
    char country[2];
    uint8_t kind;
    char feature_class;
    uint8_t curated, pad[3];
} fm_gaz_entry;
_Static_assert(sizeof(fm_gaz_entry) == 32, "gazetteer entry layout");

typedef struct fm_gaz_name { uint32_t key, first, count; } fm_gaz_name;
_Static_assert(sizeof(fm_gaz_name) == 12, "gazetteer name layout");

/* SEC_COMMON: indices (sorted) of the one-word names that are lower-case English
 * words ("Well", "Okay", "Republic"), from Debian's wamerican at build time.
 * SEC_FILTER: a bit set (u64 words, a power of two of them) with two bits for
 * each name key and each word prefix of one ("AL HOL " of "AL HOL CAMP"), both
 * in one u64 word: at fm_hash of the bytes, and at the low 6 bits of
 * filter_bit2 of it in the same word (see filter_hash_may_have).
 * SEC_NAME_HASH: open addressing on fm_hash of a name key (a power of two of
 * u32 slots, at most half full, linear probing): name index + 1 in the low 24
 * bits (0: empty), the hash's top 8 bits above them (see find_name). */
enum { SEC_ENTRIES, SEC_NAMES, SEC_POSTINGS, SEC_COUNTRIES, SEC_COUNTRY_ENTRY, SEC_STRINGS, SEC_COMMON, SEC_FILTER,
       SEC_NAME_HASH, SEC_COUNT };
_Static_assert(8 + 8 * SEC_COUNT == FM_GAZ_HEADER, "gazetteer header layout");

struct fm_gazetteer {
    void *map;
    size_t size;
    const fm_gaz_entry *entries;
    const fm_gaz_name *names;
    const uint32_t *postings;
    const char (*countries)[8];      /* "IQ\0IRQ\0\0", sorted by alpha-3 */
    const uint32_t *country_entry;
    const char *strings;
    const uint32_t *common;
    uint32_t n_entries, n_names, n_postings, n_countries, strings_len, n_common;
    fm_strmap stop;                  /* single-token names that are usually not places */
    fm_strmap words;                 /* word_lists: lower-case word -> its W_ bits */
    uint64_t word_filter[FM_GAZ_WORD_BITS / 64];   /* word_bit of each listed word */
    const uint32_t *name_hash;       /* SEC_NAME_HASH */
    uint32_t name_hash_mask;         /* slot count - 1 */
    /* SEC_FILTER: a span that starts no name is rejected by one or two
     * probes, without a search or making longer keys. */
    const uint64_t *filter;
    uint32_t filter_mask;            /* bit count - 1 */
    /* country record + 1 of each alpha-2 code "AA".."ZZ" (0: none); alpha2_ok
     * 0 when some code is not two capitals, and lookups scan the records */
    uint16_t alpha2_country[26 * 26];
    int alpha2_ok;
};

/* Capitalised words of news English that are also the names of some village:
 * one-token matches on these are not places. Countries are never listed.
 * Holidays and fasts are among them ("in Ramadan", "over Passover": some
 * GeoNames town's alternate name). */
static const char *const stop_words[] = {
    "ABU", "ADVENT", "AFTER", "AGENCY", "AHMED", "AIR", "AIRPORT", "AL", "ALI", "ALL", "ALSO", "AN", "AND",
    "ANOTHER", "APRIL", "ARMY", "AS", "ASHURA", "ASSAD", "AT", "AUGUST", "BASE", "BAY", "BE", "BEFORE", "BEST",
    "BIDEN", "BIN", "BORDER", "BRIDGE", "BUT", "BY", "CAMP", "CAPTAIN", "CENTRAL", "CHIEF", "CHILDREN",
    "CHRISTMAS", "CHURCH", "CITY", "COLONEL", "COMMAND", "COMMERCE", "CONGRESS", "COUNCIL", "COURT", "DAVID",
    "DECEMBER", "DEFENCE", "DEFENSE", "DR", "DURING", "EARLIER", "EAST", "EASTER", "EASTERN", "EID", "EL",
    "EMBASSY", "ENTERPRISE", "ERDOGAN", "EU", "FEBRUARY", "FOR", "FORCE", "FORCES", "FREEDOM", "FRIDAY", "FROM",
    "GEN", "GENERAL", "GEORGE", "GOOD", "GOVERNMENT", "GULF", "HAMAS", "HANUKKAH", "HASSAN", "HE", "HER",
    "HEZBOLLAH", "HIS", "HOPE", "HOSPITAL", "HOUSE", "HOUTHI", "HOUTHIS", "HOW", "HOWEVER", "HUSSEIN", "IBN",
    "IF", "IN", "INDEPENDENCE", "ISIL", "ISIS", "ISLAMIC", "IT", "ITS", "JAMES", "JANUARY", "JOHN", "JULY",
    "JUNE", "KING", "KURDISH", "LAKE", "LATER", "LAW", "LENT", "LIBERTY", "LT", "MAJOR", "MAN", "MANY", "MARCH",
    "MARIA", "MAY", "MEANWHILE", "MICHAEL", "MIDDLE", "MILITARY", "MINISTER", "MINISTRY", "MIRAGE", "MOHAMMED",
    "MONDAY", "MORE", "MOST", "MOUNT", "MR", "MRS", "MS", "MUHAMMAD", "MUHARRAM", "NATIONS", "NATO", "NAVY",
    "NETANYAHU", "NEW", "NO", "NORTH", "NORTHERN", "NOT", "NOVEMBER", "OCTOBER", "OF", "OFFICIAL", "OFFICIALS",
    "OLD", "OMAR", "ON", "OR", "OUR", "PARLIAMENT", "PASSOVER", "PAUL", "PEACE", "PENTECOST", "PEOPLE",
    "POLICE", "PORT", "PRESIDENT", "PRIME", "PRINCE", "PROGRESS", "PUTIN", "QUEEN", "RAMADAN", "REUTERS",
    "RIVER", "SABBATH", "SAID", "SAINT", "SATURDAY", "SAYS", "SCHOOL", "SEA", "SENATE", "SEPTEMBER", "SGT",
    "SHABBAT", "SHE", "SHEIKH", "SOME", "SOUTH", "SOUTHERN", "SPOKESMAN", "ST", "STATE", "SUNDAY", "TALIBAN",
    "THANKSGIVING", "THE", "THEIR", "THEY", "THIS", "THURSDAY", "TO", "TODAY", "TOWN", "TRUMP", "TUESDAY", "UN",
    "UNION", "UNITED", "UNITY", "UNIVERSITY", "VICTORY", "VILLAGE", "WE", "WEDNESDAY", "WEST", "WESTERN",
    "WHAT", "WHEN", "WHERE", "WHO", "WITH", "WOMAN", "YESTERDAY", "YOU", "ZELENSKIY", "ZELENSKY",
};

/* Names of organisations that are also some town's name ("Red Cross",
 * Kentucky): never a place, whatever their length. */
static const char *const stop_phrases[] = {
    "RED CROSS", "RED CRESCENT",
};

/* Words that may stand before a place name ("in", "near"...): reported as prep. */
static const char *const preps[] = {
    "in", "near", "at", "from", "to", "outside", "across", "into", "inside", "toward", "towards", "on",
    "around", "over", "between", "through", "off", "of", "by", "along", "within", "against", "via", "out",
    "with", "beyond", "behind", "past", "throughout",
};

/* Words between a preposition and its place that do not change it:
 * "in the northern town of Zummar", "at a base in north-eastern Syria". */
static const char *const fillers[] = {
    "the", "a", "an", "of", "town", "city", "village", "province", "region", "district", "camp", "area",
    "outskirts", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "nearby", "besieged", "occupied",
    "border", "frontline", "front-line", "port", "capital", "governorate", "suburb", "suburbs", "coastal",
};

/* Nouns of "the Lebanese city of Blida": the demonym before them names the country. */
static const char *const settlement_nouns[] = {
    "city", "town", "village", "province", "region", "district", "port", "capital", "governorate", "camp",
    "suburb", "neighbourhood", "neighborhood", "enclave", "border", "coastal", "villages", "towns", "cities",
};

static const char *const conjunctions[] = { "and", "or", "&" };

/* A lower-case last token that may end a name ("Nineveh province", "Rafah crossing"). */
static const char *const generic_last[] = {
    "province", "governorate", "region", "oblast", "district", "state", "crossing", "camp", "department",
    "prefecture", "municipality", "territory",
};

/* Arabic articles (and look-alikes), which keys write AL (key_append). */
static const char *const articles[] = {
    "al", "el", "ez", "az", "ad", "ed", "as", "es", "ar", "er", "an", "en", "ash", "esh", "at", "et", "ath",
    "adh", "ul",
};

/* Prepositions that let an English word be a place ("in Mobile", "near Split"). */
static const char *const where_preps[] = {
    "in", "near", "at", "from", "outside", "inside", "into", "around", "across", "toward", "towards", "through",
    "throughout", "off", "via", "beyond", "to", "between", "within",
};

/* Prepositions and nouns of a demonym that stands for its country ("in southern
 * Lebanese villages"): areas, not one named place ("the Yemeni capital Sanaa"
 * names Sanaa; "near the Syrian border" may be either side). */
static const char *const locative_preps[] = { "in", "near", "at", "across", "into", "inside", "outside", "throughout" };
static const char *const area_nouns[] = { "villages", "towns", "cities", "territory", "waters", "airspace", "soil",
                                          "countryside", "coast" };
static const char *const of_word[] = { "of" };

/* Every list above, as a bit of the value in fm_gazetteer.words: one lookup
 * tells which lists a word is in. The words are lower case. */
enum {
    W_PREP = 1 << 0, W_FILLER = 1 << 1, W_SETTLEMENT = 1 << 2, W_CONJ = 1 << 3, W_GENERIC_LAST = 1 << 4,
    W_ARTICLE = 1 << 5, W_WHERE = 1 << 6, W_LOCATIVE = 1 << 7, W_AREA = 1 << 8, W_OF = 1 << 9,
};

typedef struct word_list { const char *const *words; size_t n; unsigned bit; } word_list;
#define WORD_LIST(a, bit) { a, sizeof(a) / sizeof((a)[0]), bit }
static const word_list word_lists[] = {
    WORD_LIST(preps, W_PREP), WORD_LIST(fillers, W_FILLER), WORD_LIST(settlement_nouns, W_SETTLEMENT),
    WORD_LIST(conjunctions, W_CONJ), WORD_LIST(generic_last, W_GENERIC_LAST), WORD_LIST(articles, W_ARTICLE),
    WORD_LIST(where_preps, W_WHERE), WORD_LIST(locative_preps, W_LOCATIVE), WORD_LIST(area_nouns, W_AREA),
    WORD_LIST(of_word, W_OF),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void report(fm_diag_fn diag, void *user, fm_diag_level lvl, const char *where, const char *fmt, const char *arg)
{
    if (!diag) return;
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    diag(user, lvl, where, msg);
}

static uint32_t rd32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* ---- open / close ------------------------------------------------------ */

/* The filter's second bit for a key hash (its low 6 bits, in the word of the
 * first): a remix of all 32, as tools/build_gazetteer.js computes it. */
static uint32_t filter_bit2(uint32_t h) { h *= 0x85EBCA6Bu; return h ^ (h >> 15); }

/* 0 when no name key is key[0, klen) (with a trailing space: no name starts
 * with it); 1 is "maybe" (about 1% of absent keys). */
static int filter_hash_may_have(const fm_gazetteer *g, uint32_t h)
{
    if (!g->filter) return 1;
    uint32_t a = h & g->filter_mask;
    /* both bits in one word: one cache miss where two places cost two */
    uint64_t want = 1ull << (a & 63) | 1ull << (filter_bit2(h) & 63);
    return (g->filter[a >> 6] & want) == want;
}

/* Country codes by alpha-2, the first record of each as the scans found it. */
static void build_alpha2(fm_gazetteer *g)
{
    if (g->n_countries >= UINT16_MAX) return;
    for (uint32_t i = 0; i < g->n_countries; i++) {
        const char *c = g->countries[i];
        if (c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') return;
    }
    for (uint32_t i = g->n_countries; i-- > 0;)
        g->alpha2_country[(g->countries[i][0] - 'A') * 26 + (g->countries[i][1] - 'A')] = (uint16_t)(i + 1);
    g->alpha2_ok = 1;
}

/* The record index of alpha2 (case-insensitive), or -1. */
static long country_index(const fm_gazetteer *g, const char *alpha2)
{
    if (!g->alpha2_ok) {
        for (uint32_t i = 0; i < g->n_countries; i++)
            if (strncasecmp(alpha2, g->countries[i], 2) == 0) return i;
        return -1;
    }
    unsigned a = (unsigned char)(alpha2[0] & ~32) - 'A', b = (unsigned char)(alpha2[1] & ~32) - 'A';
    if (a >= 26 || b >= 26) return -1;
    return (long)g->alpha2_country[a * 26 + b] - 1;
}

static int check_layout(fm_gazetteer *g)
{
    const unsigned char *b = g->map;
    static const size_t rec[SEC_COUNT] = { 32, 12, 4, 8, 4, 1, 4, 8, 4 };
    const void *sec[SEC_COUNT];
    uint32_t cnt[SEC_COUNT];
    for (int i = 0; i < SEC_COUNT; i++) {
        uint32_t off = rd32(b + 8 + 8 * i);
        cnt[i] = rd32(b + 12 + 8 * i);
        if (off % 8 || off > g->size || (uint64_t)cnt[i] * rec[i] > g->size - off) return -1;
        sec[i] = b + off;
    }
    g->entries = sec[SEC_ENTRIES];            g->n_entries = cnt[SEC_ENTRIES];
    g->names = sec[SEC_NAMES];                g->n_names = cnt[SEC_NAMES];
    g->postings = sec[SEC_POSTINGS];          g->n_postings = cnt[SEC_POSTINGS];
    g->countries = sec[SEC_COUNTRIES];        g->n_countries = cnt[SEC_COUNTRIES];
    g->country_entry = sec[SEC_COUNTRY_ENTRY];
    g->strings = sec[SEC_STRINGS];            g->strings_len = cnt[SEC_STRINGS];
    g->common = sec[SEC_COMMON];              g->n_common = cnt[SEC_COMMON];
    /* no filter (count 0) is allowed: every probe says "maybe" */
    uint32_t words = cnt[SEC_FILTER];
    if (words & (words - 1) || words > (1u << 26)) return -1;
    g->filter = words ? sec[SEC_FILTER] : NULL;
    g->filter_mask = words ? (uint32_t)((uint64_t)words * 64 - 1) : 0;
    /* slots' indices are checked where they are read (find_name) */
    uint32_t slots = cnt[SEC_NAME_HASH];
    if (!slots || slots & (slots - 1) || slots / 2 < g->n_names || g->n_names >= (1u << 24) - 1) return -1;
    g->name_hash = sec[SEC_NAME_HASH];
    g->name_hash_mask = slots - 1;
    if (cnt[SEC_COUNTRY_ENTRY] != g->n_countries) return -1;
    if (!g->strings_len || g->strings[g->strings_len - 1] != '\0') return -1;
    /* The offsets and indices of names, postings and entries are checked
     * where they are read (find_name_hashed, entry_of, fill_place): a run
     * reads a few of the million records, and a pass over all of them here
     * cost more than all of a run's lookups. */
    for (uint32_t i = 0; i < g->n_countries; i++)
        if (g->country_entry[i] >= g->n_entries || g->countries[i][2] || g->countries[i][6]) return -1;
    for (uint32_t i = 0; i < g->n_common; i++)
        if (g->common[i] >= g->n_names || (i && g->common[i] <= g->common[i - 1])) return -1;
    return 0;
}

static unsigned char lower_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 32) : c; }

/* A word's bit in word_filter, from its first and last bytes (ASCII case
 * aside) and length: most words that word_kinds is asked about are in no
 * list, and are told so by this bit without a lookup. */
static unsigned word_bit(const char *s, size_t len)
{
    unsigned first = lower_ascii((unsigned char)s[0]), last = lower_ascii((unsigned char)s[len - 1]);
    return ((first * 31u + last) * 32u + (unsigned)len) & (FM_GAZ_WORD_BITS - 1);
}

/* The word lists into one map (a word in several lists gets all their bits),
 * and their bits into filter. */
static int build_words(fm_strmap *m, uint64_t *filter)
{
    for (size_t l = 0; l < COUNT(word_lists); l++)
        for (size_t i = 0; i < word_lists[l].n; i++) {
            const char *w = word_lists[l].words[i];
            size_t len = strlen(w);
            if (len == 0 || len > FM_GAZ_WORD_MAX) return -1;   /* word_kinds could never find it */
            unsigned b = word_bit(w, len);
            filter[b >> 6] |= (uint64_t)1 << (b & 63);
            uint32_t v = 0;
            fm_strmap_get(m, w, len, &v);
            if (fm_strmap_put(m, w, len, v | word_lists[l].bit) != 0) return -1;
        }
    return 0;
}

fm_gazetteer *fm_gazetteer_open(const char *path, fm_diag_fn diag, void *user)
{
    if (!path) path = getenv("FACTUM_GAZETTEER");
    if (!path || !*path) path = FM_BUILDDIR "/gazetteer.bin";
    const uint16_t one = 1;
    if (*(const unsigned char *)&one != 1) {
        report(diag, user, FM_ERROR, path, "%s: the gazetteer format is little-endian only", path);
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        report(diag, user, FM_ERROR, path, "cannot open gazetteer: %s (run make data)", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < FM_GAZ_HEADER || (uint64_t)st.st_size > UINT32_MAX) {
        close(fd);
        report(diag, user, FM_ERROR, path, "%s", "not a gazetteer file (size)");
        return NULL;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        report(diag, user, FM_ERROR, path, "cannot map gazetteer: %s", strerror(errno));
        return NULL;
    }
    fm_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        munmap(map, (size_t)st.st_size);
        report(diag, user, FM_ERROR, path, "%s", "out of memory");
        return NULL;
    }
    g->map = map;
    g->size = (size_t)st.st_size;
    if (memcmp(map, FM_GAZ_MAGIC, 8) != 0 || check_layout(g) != 0) {
        report(diag, user, FM_ERROR, path, "%s", "not a gazetteer file or a different version (rebuild with make data)");
        fm_gazetteer_close(g);
        return NULL;
    }
    build_alpha2(g);
    fm_strmap_init(&g->stop);
    for (size_t i = 0; i < COUNT(stop_words); i++)
        if (fm_strmap_put(&g->stop, stop_words[i], strlen(stop_words[i]), 1) != 0) {
            report(diag, user, FM_ERROR, path, "%s", "out of memory");
            fm_gazetteer_close(g);
            return NULL;
        }
    for (size_t i = 0; i < COUNT(stop_phrases); i++)
        if (fm_strmap_put(&g->stop, stop_phrases[i], strlen(stop_phrases[i]), 2) != 0) {
            report(diag, user, FM_ERROR, path, "%s", "out of memory");
            fm_gazetteer_close(g);
            return NULL;
        }
    fm_strmap_init(&g->words);
    if (build_words(&g->words, g->word_filter) != 0) {
        report(diag, user, FM_ERROR, path, "%s", "out of memory (or a listed word over FM_GAZ_WORD_MAX)");
        fm_gazetteer_close(g);
        return NULL;
    }
    return g;
}

void fm_gazetteer_close(fm_gazetteer *g)
{
    if (!g) return;
    fm_strmap_free(&g->stop);
    fm_strmap_free(&g->words);
    if (g->map) munmap(g->map, g->size);
    free(g);
}

/* ---- keys ---------------------------------------------------------------- */

/* The W_ bits of s[0, len), ASCII case aside: one hash lookup instead of a
 * pass over each list. */
static unsigned word_kinds(const fm_gazetteer *g, const char *s, size_t len)
{
    char low[FM_GAZ_WORD_MAX];
    if (len == 0 || len > sizeof low) return 0;
    unsigned b = word_bit(s, len);
    if (!(g->word_filter[b >> 6] >> (b & 63) & 1)) return 0;
    /* the key's hash as it is lowered, and the map's probe inline */
    uint32_t h = FM_HASH_SEED, v;
    for (size_t i = 0; i < len; i++) {
        low[i] = (char)lower_ascii((unsigned char)s[i]);
        h = fm_hash_byte(h, (unsigned char)low[i]);
    }
    return fm_strmap_get_hashed(&g->words, low, len, fm_hash_final(h), &v) ? v : 0;
}

/* Articles are two or three letters: the length rejects nearly every word
 * before the lookup. */
static int is_article(const fm_gazetteer *g, const char *s, size_t len)
{
    return (len == 2 || len == 3) && (word_kinds(g, s, len) & W_ARTICLE);
}

/* The key piece of one folded word: apostrophes, ayn/hamza letters and dots are
 * dropped, other ASCII punctuation splits. Returns length, or -1 when the word
 * holds letters the builder could not have indexed (non-Latin script). */
static int key_piece(const char *s, size_t n, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (o + 1 >= cap) return -1;
            dst[o++] = (char)c;
        } else if (c >= 'a' && c <= 'z') {
            if (o + 1 >= cap) return -1;
            dst[o++] = (char)(c - 32);
        } else if (c == '\'' || c == '.' || c == '`') {
            continue;
        } else if (c == 0xCA && i + 1 < n && (unsigned char)s[i + 1] >= 0xB9 && (unsigned char)s[i + 1] <= 0xBF) {
            i++;                                             /* U+02B9..U+02BF modifier letters */
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            i += 2;                                          /* ‘ ’ */
        } else if (c >= 0x80) {
            return -1;
        } else if (o && dst[o - 1] != ' ') {
            if (o + 1 >= cap) return -1;
            dst[o++] = ' ';
        }
    }
    while (o && dst[o - 1] == ' ') o--;
    return (int)o;
}

/* key_piece of a token's norm, which is most often its own piece already
 * (capitals and digits only): then *piece is the norm itself, not a copy. */
static int token_piece(const fm_token *t, char *buf, size_t cap, const char **piece)
{
    const char *s = t->norm;
    size_t n = t->norm_len, i = 0;
    while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) i++;
    if (i == n && n < cap) { *piece = s; return (int)n; }
    *piece = buf;
    return key_piece(s, n, buf, cap);
}

/* The word a key holds for piece: an article is AL unless last. */
static const char *key_word(const fm_gazetteer *g, const char *piece, size_t *plen, int last)
{
    if (!last && is_article(g, piece, *plen)) { *plen = 2; return "AL"; }
    return piece;
}

/* Appends word to key, space separated. */
static int key_append_word(char *key, size_t *klen, const char *word, size_t wlen)
{
    if (*klen + wlen + 2 > FM_GAZ_KEY_MAX) return -1;
    if (*klen) key[(*klen)++] = ' ';
    memcpy(key + *klen, word, wlen);
    *klen += wlen;
    key[*klen] = '\0';
    return 0;
}

/* Appends piece to key (space separated); articles become AL unless last. */
static int key_append(const fm_gazetteer *g, char *key, size_t *klen, const char *piece, size_t plen, int last)
{
    const char *w = key_word(g, piece, &plen, last);
    return key_append_word(key, klen, w, plen);
}

/* fm_hash's state (fm_hash_byte) carried over s[0, n): a key's hash grows
 * with it, so each prefix of a name is hashed once. */
static uint32_t hash_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = fm_hash_byte(h, (unsigned char)s[i]);
    return h;
}

/* key[0, klen) against the NUL-terminated name key s, bytewise (a shorter
 * prefix sorts first). One pass: most probes differ in the first bytes. */
static int key_cmp(const char *key, size_t klen, const char *s)
{
    for (size_t i = 0; i < klen; i++) {
        unsigned char a = (unsigned char)key[i], b = (unsigned char)s[i];
        if (!b) return 1;
        if (a != b) return a < b ? -1 : 1;
    }
    return s[klen] ? -1 : 0;
}

/* find_name with h = fm_hash(key, klen) known */
static const fm_gaz_name *find_name_hashed(const fm_gazetteer *g, const char *key, size_t klen, uint32_t h)
{
    if (!filter_hash_may_have(g, h)) return NULL;
    /* a slot whose tag (the hash's top 8 bits) differs is passed over without
     * reading its name; a bad index (a damaged file) ends the search */
    for (uint32_t i = h & g->name_hash_mask, left = g->name_hash_mask + 1; left--; i = (i + 1) & g->name_hash_mask) {
        uint32_t slot = g->name_hash[i], idx = slot & 0xFFFFFFu;
        if (!idx || idx > g->n_names) return NULL;
        if ((slot >> 24) != (h >> 24)) continue;
        /* the name's key and postings lie in their sections, or the file is damaged */
        const fm_gaz_name *nm = &g->names[idx - 1];
        if (nm->key >= g->strings_len || nm->first > g->n_postings || nm->count > g->n_postings - nm->first)
            return NULL;
        if (key_cmp(key, klen, g->strings + nm->key) == 0) return nm;
    }
    return NULL;
}

static const fm_gaz_name *find_name(const fm_gazetteer *g, const char *key, size_t klen)
{
    return find_name_hashed(g, key, klen, fm_hash(key, klen));
}

/* ---- ranking ------------------------------------------------------------- */

static int ctx_has(const fm_geo_context *ctx, const char cc[2])
{
    if (!ctx) return 0;
    for (int i = 0; i < ctx->n_countries && i < 32; i++)
        if (ctx->countries[i][0] == cc[0] && ctx->countries[i][1] == cc[1]) return 1;
    return 0;
}

/* What ranks the candidates of a name: the article's context and the countries
 * and regions the same sentence names ("Pokrovsk in the Donetsk region"). */
typedef struct rank {
    const fm_geo_context *ctx;
    char local[8][2];
    int n_local;
} rank;

/* Countries win over namesakes ("Jordan"); then the sentence's own countries,
 * the article's, the dateline's, curated entries, and last population (as a log,
 * so a town in the article's countries beats a foreign city unless that city is
 * far bigger). */
static double score(const fm_gaz_entry *e, const rank *r)
{
    double s = log10((double)e->population + 1.0);
    if (e->kind == GAZ_COUNTRY) s += 20;
    if (!r) return s;
    for (int i = 0; i < r->n_local; i++)
        if (!memcmp(r->local[i], e->country, 2)) { s += 5; break; }
    const fm_geo_context *ctx = r->ctx;
    if (ctx_has(ctx, e->country)) s += 4;
    if (ctx && ctx->has_dateline && !memcmp(e->country, ctx->dateline_country, 2)) s += 2;
    if (e->curated) s += 1;
    return s;
}

/* A bound score(e, r) stays below, without its log: log10(population + 1)
 * is less than the number of decimal digits of population + 1, and the
 * bonuses are whole numbers (their sum in double is exact). Most namesakes
 * are villages whose bound is under the best score so far: no log for them. */
static double score_bound(const fm_gaz_entry *e, const rank *r)
{
    uint64_t p = (uint64_t)e->population + 1;
    int b = 1;
    for (uint64_t ten = 10; ten <= p; ten *= 10) b++;
    if (e->kind == GAZ_COUNTRY) b += 20;
    if (r) {
        for (int i = 0; i < r->n_local; i++)
            if (!memcmp(r->local[i], e->country, 2)) { b += 5; break; }
        if (ctx_has(r->ctx, e->country)) b += 4;
        if (r->ctx && r->ctx->has_dateline && !memcmp(e->country, r->ctx->dateline_country, 2)) b += 2;
        if (e->curated) b += 1;
    }
    return b;
}

/* The entry of posting i of nm (i < nm->count, which find_name_hashed checked
 * against the postings), NULL when the file's index is bad. */
static const fm_gaz_entry *entry_of(const fm_gazetteer *g, const fm_gaz_name *nm, uint32_t i)
{
    uint32_t e = g->postings[nm->first + i];
    return e < g->n_entries ? &g->entries[e] : NULL;
}

/* Best entry of a name; kinds_mask selects what may match. */
static const fm_gaz_entry *best_entry(const fm_gazetteer *g, const fm_gaz_name *nm, const rank *r,
                                      unsigned kinds_mask)
{
    const fm_gaz_entry *best = NULL;
    double bs = -1;
    for (uint32_t i = 0; i < nm->count; i++) {
        const fm_gaz_entry *e = entry_of(g, nm, i);
        if (!e || !(kinds_mask & (1u << e->kind))) continue;
        if (best && score_bound(e, r) <= bs) continue;   /* its score cannot beat bs */
        double s = score(e, r);
        if (s > bs) { bs = s; best = e; }
    }
    return best;
}

/* Best entry of a name inside one country ("the Lebanese city of Blida"). */
static const fm_gaz_entry *best_entry_in(const fm_gazetteer *g, const fm_gaz_name *nm, const rank *r,
                                         unsigned kinds_mask, const char cc[2])
{
    const fm_gaz_entry *best = NULL;
    double bs = -1;
    for (uint32_t i = 0; i < nm->count; i++) {
        const fm_gaz_entry *e = entry_of(g, nm, i);
        if (!e || !(kinds_mask & (1u << e->kind)) || memcmp(e->country, cc, 2)) continue;
        double s = score(e, r);
        if (s > bs) { bs = s; best = e; }
    }
    return best;
}

static const char *precision_name(const fm_gaz_entry *e)
{
    switch (e->kind) {
    case GAZ_POINT: return "point";
    case GAZ_ADMIN1: return "admin1";
    case GAZ_REGION: return "region";
    case GAZ_COUNTRY: return "country";
    default: return "town";
    }
}

static void fill_place(const fm_gazetteer *g, const fm_gaz_entry *e, fm_arena *a, fm_place *p)
{
    memset(p, 0, sizeof *p);
    /* an offset past the strings (a damaged file) is no name */
    const char *name = e->name < g->strings_len ? g->strings + e->name : "";
    const char *admin1 = e->admin1 && e->admin1 < g->strings_len ? g->strings + e->admin1 : NULL;
    p->name = a ? fm_arena_strdup(a, name) : name;
    p->admin1 = admin1 && a ? fm_arena_strdup(a, admin1) : admin1;
    p->country[0] = e->country[0];
    p->country[1] = e->country[1];
    p->country[2] = '\0';
    /* float storage: round to 5 decimals (~1 m) so printed values stay short */
    p->lat = round((double)e->lat * 1e5) / 1e5;
    p->lon = round((double)e->lon * 1e5) / 1e5;
    p->geonameid = e->geonameid;
    p->precision = precision_name(e);
}

#define PLACE_KINDS ((1u << GAZ_TOWN) | (1u << GAZ_POINT) | (1u << GAZ_ADMIN1) | (1u << GAZ_REGION) | (1u << GAZ_COUNTRY))
#define CONTEXT_KINDS ((1u << GAZ_COUNTRY) | (1u << GAZ_DEMONYM))

/* ---- single names -------------------------------------------------------- */

/* Key of a free-text name: the one fold, then key pieces per word. */
static int key_of_text(const fm_gazetteer *g, const char *name, size_t len, char *key, size_t *klen)
{
    char folded[FM_GAZ_KEY_MAX * 2];
    if (len >= FM_GAZ_KEY_MAX) return -1;
    size_t fl = fm_fold_upper(name, len, folded, sizeof folded);
    if (fl >= sizeof folded) return -1;
    char piece[FM_GAZ_KEY_MAX];
    int pl = key_piece(folded, fl, piece, sizeof piece);
    if (pl <= 0) return -1;
    /* split into words so articles are canonicalised like token keys */
    *klen = 0;
    key[0] = '\0';
    size_t i = 0;
    while (i < (size_t)pl) {
        size_t j = i;
        while (j < (size_t)pl && piece[j] != ' ') j++;
        if (key_append(g, key, klen, piece + i, j - i, j >= (size_t)pl) != 0) return -1;
        i = j + 1;
    }
    return 0;
}

int fm_geo_lookup(const fm_gazetteer *g, const char *name, size_t len, const fm_geo_context *ctx, fm_place *out)
{
    char key[FM_GAZ_KEY_MAX];
    size_t klen;
    if (!g || !name || key_of_text(g, name, len, key, &klen) != 0) return 0;
    const fm_gaz_name *nm = find_name(g, key, klen);
    rank r = { .ctx = ctx };
    const fm_gaz_entry *e = nm ? best_entry(g, nm, &r, PLACE_KINDS) : NULL;
    if (!e) return 0;
    fill_place(g, e, NULL, out);
    return 1;
}

void fm_geo_context_dateline(const fm_gazetteer *g, const char *name, size_t len, fm_geo_context *ctx)
{
    fm_place p;
    if (!ctx || !fm_geo_lookup(g, name, len, NULL, &p)) return;
    memcpy(ctx->dateline_country, p.country, 3);
    ctx->dateline_lat = p.lat;
    ctx->dateline_lon = p.lon;
    ctx->has_dateline = 1;
}

/* ---- names in tokens ----------------------------------------------------- */

static int is_word(const fm_token *t) { return t->kind == FM_TOK_WORD || t->kind == FM_TOK_NUMBER; }
static int is_cap(const fm_token *t) { return t->kind == FM_TOK_WORD && (t->flags & (FM_TOKF_CAP | FM_TOKF_ALLCAPS)); }

/* A word token in one of the lists of kinds (W_ bits). */
static int tok_is_a(const fm_gazetteer *g, unsigned kinds, const char *text, const fm_token *t)
{
    return t->kind == FM_TOK_WORD && (word_kinds(g, text + t->start, t->end - t->start) & kinds);
}

/* The longest name starting at tok[i]: sets *len (tokens) and returns the name. */
static const fm_gaz_name *longest_at(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                                     size_t i, size_t *len)
{
    const fm_token *t0 = &tok[i];
    if (!is_word(t0) || !t0->norm) return NULL;
    /* "on October 6", "December 20": a month and its day are a date, whatever city an
     * alternate name calls "October 6" */
    if ((t0->wclass & FM_WC_MONTH) && i + 1 < n && tok[i + 1].kind == FM_TOK_NUMBER) return NULL;
    /* A name starts capitalised, or with a lower-case article before a capital ("al-Hol camp"). */
    int lead_article = 0;
    if (!is_cap(t0)) {
        if (i + 1 >= n || !is_cap(&tok[i + 1]) || !is_article(g, t0->norm, t0->norm_len))
            return NULL;
        lead_article = 1;
    }
    char piece_buf[FM_GAZ_MAX_TOKENS][64];
    const char *pieces[FM_GAZ_MAX_TOKENS];
    int plen[FM_GAZ_MAX_TOKENS];
    /* key pieces are made as the search grows: most names stop after one word */
    size_t m = 0;
    int more = 1;
#define NEXT_PIECE()                                                                                     \
    do {                                                                                                 \
        size_t k = i + m;                                                                                \
        more = 0;                                                                                        \
        if (m >= FM_GAZ_MAX_TOKENS || k >= n || !is_word(&tok[k]) || !tok[k].norm) break;                \
        /* glued without space or hyphen: not a separate word */                                         \
        if (k > i && tok[k].kind == FM_TOK_WORD && !(tok[k].flags & FM_TOKF_HYPHEN) &&                    \
            tok[k - 1].end == tok[k].start)                                                              \
            break;                                                                                       \
        int pl = token_piece(&tok[k], piece_buf[m], sizeof piece_buf[m], &pieces[m]);                    \
        if (pl <= 0) break;                                                                              \
        plen[m++] = pl;                                                                                  \
        more = 1;                                                                                        \
    } while (0)
    NEXT_PIECE();
    if (m == 0) return NULL;
    /* A name of L words starts with its first L-1 words and a space: stop
     * growing at the first such prefix the filter says no name has (a false
     * "maybe" only costs a search that fails), before making the next piece.
     * Most capitalised words start no longer name. */
    size_t reach = 1;
    /* pre holds the first pieces as every longer key starts (articles made AL);
     * pre_len[k]: its length after k pieces, so that the keys below reuse it;
     * h_pre[k]: the hash state of those bytes; bit k - 1 of al: the k-th
     * piece is an article written AL */
    char pre[FM_GAZ_KEY_MAX];
    size_t pre_len[FM_GAZ_MAX_TOKENS + 1];
    uint32_t h_pre[FM_GAZ_MAX_TOKENS + 1];
    unsigned al = 0;
    pre_len[0] = 0;
    h_pre[0] = FM_HASH_SEED;
    {
        size_t plen_sofar = 0;
        for (;;) {
            size_t wl = (size_t)plen[reach - 1];
            const char *w = key_word(g, pieces[reach - 1], &wl, 0);
            if (w != pieces[reach - 1]) al |= 1u << (reach - 1);
            if (key_append_word(pre, &plen_sofar, w, wl) != 0) break;
            pre_len[reach] = plen_sofar;
            h_pre[reach] = hash_more(h_pre[reach - 1], pre + pre_len[reach - 1], plen_sofar - pre_len[reach - 1]);
            if (plen_sofar + 1 >= FM_GAZ_KEY_MAX) break;
            pre[plen_sofar] = ' ';
            if (!filter_hash_may_have(g, fm_hash_final(fm_hash_byte(h_pre[reach], ' ')))) break;
            if (reach == m) {
                if (!more) break;
                NEXT_PIECE();
                if (reach == m) break;
            }
            reach++;
        }
    }
#undef NEXT_PIECE
    for (size_t L = reach; L >= 1; L--) {
        if (lead_article && L < 2) break;
        const fm_token *last = &tok[i + L - 1];
        if (!is_cap(last) && last->kind != FM_TOK_NUMBER && !tok_is_a(g, W_GENERIC_LAST, text, last))
            continue;
        /* the first L pieces went into pre above (L <= reach), and are the
         * key unless the last was an article made AL: then the article is
         * written over what follows the first L - 1, which no shorter key needs */
        size_t klen = pre_len[L];
        uint32_t h = h_pre[L];
        if (al >> (L - 1) & 1) {
            klen = pre_len[L - 1];
            if (key_append_word(pre, &klen, pieces[L - 1], (size_t)plen[L - 1]) != 0) continue;
            h = hash_more(h_pre[L - 1], pre + pre_len[L - 1], klen - pre_len[L - 1]);
        }
        const fm_gaz_name *nm = find_name_hashed(g, pre, klen, fm_hash_final(h));
        if (nm) { *len = L; return nm; }
    }
    return NULL;
}

static int has_kind(const fm_gazetteer *g, const fm_gaz_name *nm, int kind)
{
    for (uint32_t i = 0; i < nm->count; i++) {
        const fm_gaz_entry *e = entry_of(g, nm, i);
        if (e && e->kind == kind) return 1;
    }
    return 0;
}

/* A one-word name that is also a lower-case English word ("Well", "Okay",
 * "Four", "Republic", "Corona"): binary search of the sorted SEC_COMMON. */
static int common_word(const fm_gazetteer *g, const fm_gaz_name *nm)
{
    uint32_t idx = (uint32_t)(nm - g->names), lo = 0, hi = g->n_common;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->common[mid] == idx) return 1;
        if (g->common[mid] < idx) lo = mid + 1; else hi = mid;
    }
    return 0;
}

static size_t first_word(const fm_token *tok, size_t n)
{
    size_t i = 0;
    while (i < n && (tok[i].kind == FM_TOK_QUOTE || tok[i].kind == FM_TOK_OPEN || tok[i].kind == FM_TOK_DASH)) i++;
    return i;
}

/* The preposition governing a place at tok[i]: looks back over filler words. */
static void find_prep(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t i, char prep[12])
{
    prep[0] = '\0';
    for (size_t back = 0; i > 0 && back < 8; back++) {
        const fm_token *t = &tok[--i];
        if (t->kind != FM_TOK_WORD) return;   /* an "of" kept below stays the answer */
        size_t len = t->end - t->start;
        unsigned kinds = word_kinds(g, text + t->start, len);
        if (kinds & W_PREP) {
            /* "of" after fillers ("the town of") belongs to them: keep looking */
            if ((kinds & W_OF) && back == 0 && i > 0 && tok_is_a(g, W_FILLER, text, &tok[i - 1])) {
                memcpy(prep, "of", 3);   /* unless a real preposition comes before the fillers */
                continue;
            }
            for (size_t k = 0; k < len && k < 11; k++) {
                char c = text[t->start + k];
                prep[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
                prep[k + 1] = '\0';
            }
            return;
        }
        if (!(kinds & W_FILLER)) return;
    }
}

/* "in Harouf and Qlayleh, Lebanon.": a country or region closing a list of
 * names after a comma takes the preposition that opened the list. Only when
 * the list ends there, so "In Kyiv, Russia launched" leaves Russia alone. */
static void list_prep(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, size_t i, size_t end, char prep[12])
{
    if (i < 2 || tok[i - 1].kind != FM_TOK_PUNCT || text[tok[i - 1].start] != ',') return;
    if (end < n && !(tok[end].kind == FM_TOK_PUNCT || tok[end].kind == FM_TOK_CLOSE)) return;
    size_t k = i - 1;
    for (int steps = 0; k > 0 && steps < 10; steps++) {
        const fm_token *t = &tok[--k];
        if (t->kind == FM_TOK_PUNCT && text[t->start] == ',') continue;
        if (t->kind != FM_TOK_WORD) return;
        if (is_cap(t)) continue;
        unsigned kinds = word_kinds(g, text + t->start, t->end - t->start);
        if (kinds & W_CONJ) continue;
        if (kinds & W_PREP) { find_prep(g, text, tok, k + 1, prep); return; }
        if (!(kinds & W_FILLER)) return;
    }
}

struct memo;
static const fm_gaz_name *longest_memo_fwd(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                                           size_t i, size_t *len, struct memo *mm);

/* "the southern Lebanese city of Blida", "the Iraqi border town of Zummar":
 * the demonym before the settlement noun names the country. 1 and cc set when so. */
static int demonym_country(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, size_t i,
                           struct memo *mm, char cc[2])
{
    if (i < 3 || !tok_is_a(g, W_OF, text, &tok[i - 1]) || !tok_is_a(g, W_SETTLEMENT, text, &tok[i - 2]))
        return 0;
    size_t k = i - 3;
    if (k > 0 && tok_is_a(g, W_SETTLEMENT, text, &tok[k])) k--;
    size_t len = 0;
    const fm_gaz_name *nm = longest_memo_fwd(g, text, tok, n, k, &len, mm);
    if (!nm || len != 1) return 0;
    for (uint32_t j = 0; j < nm->count; j++) {
        const fm_gaz_entry *e = entry_of(g, nm, j);
        if (e && e->kind == GAZ_DEMONYM && e->country[0]) { memcpy(cc, e->country, 2); return 1; }
    }
    return 0;
}

/* longest_at depends on the tokens only, and a sentence is scanned two or
 * three times (countries, places, places again with its regions) plus a
 * look-ahead at each name: remember each position's answer. */
typedef struct memo_slot { const fm_gaz_name *nm; uint32_t len; } memo_slot;
/* starts: bit i set when tok[i] passes may_start, made once for the scans
 * (which skip to the next set bit instead of testing every token); NULL: no
 * bits, each scan tests the tokens itself */
/* done: bit i set once slot[i] holds the answer (the slots themselves are
 * not cleared for each sentence) */
typedef struct memo { memo_slot *slot; size_t n; uint64_t *starts, *done; } memo;

/* longest_at's own first test: a name starts capitalised, or with an article
 * of two or three letters before a capital. Most tokens start none. */
static inline int may_start(const fm_token *tok, size_t n, size_t i)
{
    const fm_token *t = &tok[i];
    if (!t->norm || (t->kind != FM_TOK_NUMBER && t->kind != FM_TOK_WORD)) return 0;
    return is_cap(t) || (i + 1 < n && is_cap(&tok[i + 1]) && t->norm_len >= 2 && t->norm_len <= 3);
}

/* The first token from i on that may start a name, or n. */
static inline size_t next_start(const fm_token *tok, size_t n, size_t i, const memo *mm)
{
    if (!mm || !mm->starts) {
        while (i < n && !may_start(tok, n, i)) i++;
        return i;
    }
    size_t w = i >> 6, words = (n + 63) >> 6;
    if (w >= words) return n;
    uint64_t bits = mm->starts[w] & (~(uint64_t)0 << (i & 63));
    while (!bits) {
        if (++w >= words) return n;
        bits = mm->starts[w];
    }
    return (w << 6) + (size_t)__builtin_ctzll(bits);
}

static const fm_gaz_name *longest_fill(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                                       size_t i, size_t *len, memo *mm)
{
    if (!mm || i >= mm->n) return longest_at(g, text, tok, n, i, len);
    memo_slot *s = &mm->slot[i];
    size_t l = 0;
    s->nm = longest_at(g, text, tok, n, i, &l);
    s->len = (uint32_t)l;
    mm->done[i >> 6] |= (uint64_t)1 << (i & 63);
    if (s->nm) *len = s->len;
    return s->nm;
}

/* The remembered answer inline (every token of every scan asks; the compiler
 * had stopped inlining it on its own), the search out of line. */
static inline __attribute__((always_inline)) const fm_gaz_name *
longest_memo(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, size_t i, size_t *len, memo *mm)
{
    /* longest_at's own first test, inline: most tokens start no name (lower
     * case, not an article of two or three letters before a capital); the
     * sentence's bit of it when there is one */
    if (mm && mm->starts ? !(mm->starts[i >> 6] >> (i & 63) & 1) : !may_start(tok, n, i)) return NULL;
    if (mm && i < mm->n && (mm->done[i >> 6] >> (i & 63) & 1)) {
        const memo_slot *s = &mm->slot[i];
        if (s->nm) *len = s->len;
        return s->nm;
    }
    return longest_fill(g, text, tok, n, i, len, mm);
}

/* The country of a demonym that stands for a place: after a locative
 * preposition (over fillers) and before a settlement noun ("in southern
 * Lebanese villages", "near the Syrian border"). NULL otherwise. */
static const fm_gaz_entry *demonym_place(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                                         size_t i, size_t len, const fm_gaz_name *nm)
{
    if (i + len >= n || !tok_is_a(g, W_AREA, text, &tok[i + len])) return NULL;
    char prep[12];
    find_prep(g, text, tok, i, prep);
    if (!(word_kinds(g, prep, strlen(prep)) & W_LOCATIVE)) return NULL;
    for (uint32_t j = 0; j < nm->count; j++) {
        const fm_gaz_entry *e = entry_of(g, nm, j);
        if (!e || e->kind != GAZ_DEMONYM || !e->country[0]) continue;
        for (uint32_t c = 0; c < g->n_countries; c++)
            if (!memcmp(g->countries[c], e->country, 2)) {
                const fm_gaz_entry *ce = &g->entries[g->country_entry[c]];
                return ce->kind == GAZ_COUNTRY ? ce : NULL;
            }
    }
    return NULL;
}

static const fm_gaz_name *longest_memo_fwd(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                                           size_t i, size_t *len, struct memo *mm)
{
    return longest_memo(g, text, tok, n, i, len, mm);
}

/* 1 if tok[k] opens the name of a facility a town gives its name to: "Airport", "International
 * Airport", "Air Base", "Airbase", "Port" */
static int facility_tail(const fm_token *tok, size_t n, size_t k)
{
    static const char *const one[] = { "AIRPORT", "AIRBASE", "AIRFIELD", "PORT", "SEAPORT", NULL };
    const fm_token *t = &tok[k];
    if (t->kind != FM_TOK_WORD || !t->norm) return 0;
    for (const char *const *w = one; *w; w++)
        if (!strcmp(t->norm, *w)) return 1;
    if (k + 1 < n && tok[k + 1].kind == FM_TOK_WORD && tok[k + 1].norm &&
        ((!strcmp(t->norm, "INTERNATIONAL") && !strcmp(tok[k + 1].norm, "AIRPORT")) ||
         (!strcmp(t->norm, "AIR") && !strcmp(tok[k + 1].norm, "BASE"))))
        return 1;
    return 0;
}

/* 1 if token t is one of the stop words (a day, a month, a title, a direction), or has no key */
static int stop_word(const fm_gazetteer *g, const fm_token *t)
{
    char key[FM_GAZ_KEY_MAX];
    int kl = key_piece(t->norm, t->norm_len, key, sizeof key);
    uint32_t v;
    return kl <= 0 || fm_strmap_get(&g->stop, key, (size_t)kl, &v);
}

/* "the Sky Meadow Country Club": a capitalised word right before the name that is no
 * preposition, filler or stop word (a direction, a day, a title) makes it a longer name's tail */
static int longer_name_before(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t i)
{
    const fm_token *p = &tok[i - 1];
    if (!is_cap(p) || p->end + 1 < tok[i].start || tok_is_a(g, W_PREP | W_FILLER, text, p) || !p->norm) return 0;
    return !stop_word(g, p);
}

/* "Santa Rosa de Lima Cartel gunmen", "New York Times": a name of several words
 * followed by a capitalised word that starts no place, is no unit or facility word
 * and no day or month (a stop word), or by "de"/"del" and such a word, is part of a
 * longer proper name. */
static int longer_name_after(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, size_t k, memo *mm)
{
    if (k < n && tok[k].kind == FM_TOK_WORD && tok[k].norm && !is_cap(&tok[k]) && k + 1 < n && is_cap(&tok[k + 1]) &&
        (!strcmp(tok[k].norm, "DE") || !strcmp(tok[k].norm, "DEL")))
        return 1;
    if (k >= n || !is_cap(&tok[k]) || (tok[k].flags & FM_TOKF_HYPHEN) || tok_is_a(g, W_GENERIC_LAST, text, &tok[k]) ||
        facility_tail(tok, n, k))
        return 0;
    if (stop_word(g, &tok[k])) return 0;
    size_t l2;
    return !longest_memo(g, text, tok, n, k, &l2, mm);
}

/* Places and country words of tok[0..n); mask selects kinds. ctx may be NULL. */
static size_t scan(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, const rank *r,
                   unsigned kinds_mask, fm_arena *a, fm_geo_mention *out, size_t cap, fm_geo_context *add_to,
                   memo *mm)
{
    const fm_geo_context *ctx = r ? r->ctx : NULL;
    size_t count = 0, start = first_word(tok, n);
    size_t prev_end = 0;   /* end of the previous match, to tell "Mosul Erbil" from "Vladimir Putin" */
    /* a token that may start no name is passed over (i++) like one that
     * starts none: the scan goes from one that may to the next */
    for (size_t i = 0; (i = next_start(tok, n, i, mm)) < n;) {
        size_t len = 0;
        const fm_gaz_name *nm = longest_memo(g, text, tok, n, i, &len, mm);
        if (nm && len > 1) {
            uint32_t v;
            const char *k = g->strings + nm->key;
            if (fm_strmap_get(&g->stop, k, strlen(k), &v)) { i += len; continue; }   /* "Red Cross" */
        }
        if (!add_to && nm && has_kind(g, nm, GAZ_DEMONYM)) {
            /* "Somali forces" names no place; "in southern Lebanese villages" does: the country */
            const fm_gaz_entry *c = demonym_place(g, text, tok, n, i, len, nm);
            if (c && count < cap) {
                fm_geo_mention *m = &out[count++];
                fill_place(g, c, a, &m->place);
                m->place.start = tok[i].start;
                m->place.end = tok[i + len - 1].end;
                m->tok_start = i;
                m->tok_end = i + len;
                find_prep(g, text, tok, i, m->prep);
            }
            i += len;
            continue;
        }
        const fm_gaz_entry *e = nm ? best_entry(g, nm, r, kinds_mask) : NULL;
        char dcc[2];
        if (e && !add_to && e->kind != GAZ_COUNTRY && memcmp(e->country, "\0", 1) &&
            demonym_country(g, text, tok, n, i, mm, dcc) && memcmp(e->country, dcc, 2)) {
            /* no namesake in the country the article says: no place, rather than a wrong one */
            e = best_entry_in(g, nm, r, kinds_mask, dcc);
            if (!e) { i += len; continue; }
        }
        if (!e) { i++; continue; }
        const fm_token *t = &tok[i];
        /* "US$3.8 billion", "A$50": a currency, not a place */
        if (len == 1 && i + 1 < n && tok[i + 1].start == t->end && tok[i + 1].norm && tok[i + 1].norm[0] == '$') {
            i++;
            continue;
        }
        if (len == 1 && e->kind != GAZ_COUNTRY && e->kind != GAZ_DEMONYM) {
            int ok = 1;
            char key[FM_GAZ_KEY_MAX];
            int kl = key_piece(t->norm, t->norm_len, key, sizeof key);
            uint32_t v;
            if (kl <= 0 || fm_strmap_get(&g->stop, key, (size_t)kl, &v)) ok = 0;
            /* two-letter words only as written in capitals ("UK", "US") */
            if (kl <= 2 && !(t->flags & FM_TOKF_ALLCAPS)) ok = 0;
            /* a word of English ("Well, ...", "Okay", "Four of them", "the Republic")
             * is a place only where a preposition puts it ("in Mobile", "near Split"),
             * unless it is a city of 300,000 (Shanghai, Mecca, Muscat, Nice) */
            if (ok && e->population < 300000 && !e->curated && common_word(g, nm)) {
                char prep[12];
                find_prep(g, text, tok, i, prep);
                if (!(word_kinds(g, prep, strlen(prep)) & W_WHERE)) ok = 0;
            }
            /* a capitalised first word may just be capitalised: only well-known or expected places */
            if (i == start && !(e->population >= 100000 || ctx_has(ctx, e->country) ||
                                (ctx && ctx->has_dateline && !memcmp(ctx->dateline_country, e->country, 2))))
                ok = 0;
            /* part of a longer proper name ("Vladimir Putin", "Gaza Health Ministry") */
            if (i > start && prev_end != i && is_cap(&tok[i - 1]) && tok[i - 1].end + 1 >= t->start &&
                !tok_is_a(g, W_PREP | W_FILLER, text, &tok[i - 1]))
                ok = 0;
            /* "Maarat al-Numan" when only "Numan" is known: a tail, not a place */
            if (i >= 2 && tok[i - 1].kind == FM_TOK_WORD && tok[i - 1].norm &&
                is_article(g, tok[i - 1].norm, tok[i - 1].norm_len) && is_cap(&tok[i - 2]))
                ok = 0;
            /* "ABS-CBN", "BBC-Arabic": an acronym glued to another capitalised piece names an outlet */
            if (i + 1 < n && (t->flags & FM_TOKF_ALLCAPS) && (tok[i + 1].flags & FM_TOKF_HYPHEN) &&
                is_cap(&tok[i + 1]))
                ok = 0;
            /* ("Antioquia Department", "Zhob District": a capitalised unit word ends the name) */
            /* (only where a preposition or a comma puts a place: not "Islamic State - Khorasan Province") */
            int unit_tail = i + 1 < n && i > 0 && tok_is_a(g, W_GENERIC_LAST, text, &tok[i + 1]) &&
                            !(i + 2 < n && is_cap(&tok[i + 2]) && !(tok[i + 2].flags & FM_TOKF_HYPHEN)) &&
                            (tok_is_a(g, W_PREP | W_FILLER, text, &tok[i - 1]) ||
                             (tok[i - 1].kind == FM_TOK_PUNCT && tok[i - 1].norm && tok[i - 1].norm[0] == ',')) &&
                            /* (a district's namesake in a country the article does not name is none:
                             * "Gopalganj District" of Bangladesh is not India's Gopalganj) */
                            (!ctx || !ctx->n_countries || ctx_has(ctx, e->country));
            /* ("Baghdad International Airport", "Kandahar Air Base", "Nasser Hospital" stays: a
             * town before the name of a facility in it is the facility's place) */
            if (!unit_tail && i + 1 < n && facility_tail(tok, n, i + 1)) unit_tail = 1;
            if (i + 1 < n && is_cap(&tok[i + 1]) && !(tok[i + 1].flags & FM_TOKF_HYPHEN) && !unit_tail) {
                size_t l2;
                if (!longest_memo(g, text, tok, n, i + 1, &l2, mm)) ok = 0;
            }
            if (!ok) { i++; continue; }
        } else if (len >= 2 && e->kind != GAZ_COUNTRY && e->kind != GAZ_DEMONYM &&
                   ((!tok_is_a(g, W_GENERIC_LAST, text, &tok[i + len - 1]) && longer_name_after(g, text, tok, n, i + len, mm)) ||
                    (i > start && prev_end != i && longer_name_before(g, text, tok, i)))) {
            /* ("at the Sky Meadow Country Club": the tail of a longer name, not the town Country Club) */
            /* (a name closed by its unit word is whole: "Sao Paulo state Orestes Quersia") */
            i += len;
            continue;
        }
        if (add_to) {
            int seen = 0;
            for (int k = 0; k < add_to->n_countries; k++)
                if (!memcmp(add_to->countries[k], e->country, 2)) seen = 1;
            if (!seen && add_to->n_countries < 32 && e->country[0]) {
                memcpy(add_to->countries[add_to->n_countries], e->country, 2);
                add_to->countries[add_to->n_countries++][2] = '\0';
            }
        } else if (count < cap) {
            fm_geo_mention *m = &out[count++];
            fill_place(g, e, a, &m->place);
            m->place.start = tok[i].start;
            m->place.end = tok[i + len - 1].end;
            m->tok_start = i;
            m->tok_end = i + len;
            find_prep(g, text, tok, i, m->prep);
            if (!m->prep[0] && (e->kind == GAZ_COUNTRY || e->kind == GAZ_ADMIN1 || e->kind == GAZ_REGION))
                list_prep(g, text, tok, n, i, i + len, m->prep);
            /* "in Sanaa and Hodeidah": a place joined to the previous one shares its preposition */
            if (!m->prep[0] && count >= 2 && i >= 2 && prev_end == i - 1 &&
                (tok[i - 1].kind == FM_TOK_PUNCT || tok_is_a(g, W_CONJ, text, &tok[i - 1])))
                memcpy(m->prep, out[count - 2].prep, sizeof m->prep);
        }
        i += len;
        prev_end = i;
    }
    return count;
}

void fm_geo_context_scan(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n, fm_geo_context *ctx)
{
    if (!g || !ctx || !tok) return;
    scan(g, text, tok, n, NULL, CONTEXT_KINDS, NULL, NULL, 0, ctx, NULL);
}

static size_t mentions(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                       const fm_geo_context *ctx, fm_arena *a, fm_geo_mention *out, size_t cap, memo *mm)
{
    rank r = { .ctx = ctx };
    size_t got = scan(g, text, tok, n, &r, PLACE_KINDS, a, out, cap, NULL, mm);
    /* Second pass: regions this sentence names decide its towns (its countries are in ctx). */
    for (size_t i = 0; i < got && r.n_local < 8; i++) {
        const fm_place *p = &out[i].place;
        if (p->country[0] && (!strcmp(p->precision, "admin1") || !strcmp(p->precision, "region")))
            memcpy(r.local[r.n_local++], p->country, 2);
    }
    if (!r.n_local) return got;
    return scan(g, text, tok, n, &r, PLACE_KINDS, a, out, cap, NULL, mm);
}

size_t fm_geo_mentions(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                       const fm_geo_context *ctx, fm_arena *a, fm_geo_mention *out, size_t cap)
{
    if (!g || !tok || !out || !cap) return 0;
    return mentions(g, text, tok, n, ctx, a, out, cap, NULL);
}

size_t fm_geo_sentence(const fm_gazetteer *g, const char *text, const fm_token *tok, size_t n,
                       fm_geo_context *ctx, fm_arena *a, fm_geo_mention *out, size_t cap)
{
    if (!g || !tok || !ctx) return 0;
    memo_slot local[128];
    uint64_t local_starts[2] = { 0, 0 }, local_done[2] = { 0, 0 };
    memo mm = { local, n, local_starts, local_done };
    if (n > 128) {
        size_t words = (n + 63) >> 6;
        mm.slot = a ? fm_arena_alloc_raw(a, n * sizeof *mm.slot) : NULL;
        mm.starts = a ? fm_arena_alloc(a, words * sizeof *mm.starts) : NULL;   /* zeroed */
        mm.done = a ? fm_arena_alloc(a, words * sizeof *mm.done) : NULL;
        if (!mm.slot || !mm.done) mm.n = 0;
    }
    if (mm.starts)
        for (size_t i = 0; i < n; i++)
            if (may_start(tok, n, i)) mm.starts[i >> 6] |= (uint64_t)1 << (i & 63);
    scan(g, text, tok, n, NULL, CONTEXT_KINDS, NULL, NULL, 0, ctx, &mm);
    if (!out || !cap) return 0;
    return mentions(g, text, tok, n, ctx, a, out, cap, &mm);
}

/* ---- ISO 3166-1 ----------------------------------------------------------- */

/* Country records are "IQ\0IRQ\0\0" (8 bytes, sorted by alpha-3), so both codes
 * can be returned in place. */
const char *fm_country_alpha2(const fm_gazetteer *g, const char *alpha3)
{
    if (!g || !alpha3 || strlen(alpha3) != 3) return NULL;
    char want[4];
    for (int k = 0; k < 4; k++) want[k] = (alpha3[k] >= 'a' && alpha3[k] <= 'z') ? (char)(alpha3[k] - 32) : alpha3[k];
    size_t lo = 0, hi = g->n_countries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(want, g->countries[mid] + 3, 3);
        if (c == 0) return g->countries[mid];
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return NULL;
}

int fm_geo_country(const fm_gazetteer *g, const char *alpha2, fm_place *out)
{
    if (!g || !alpha2 || strlen(alpha2) != 2) return 0;
    long i = country_index(g, alpha2);
    if (i < 0) return 0;
    const fm_gaz_entry *e = &g->entries[g->country_entry[i]];
    if (e->kind != GAZ_COUNTRY) return 0;
    fill_place(g, e, NULL, out);
    return 1;
}

const char *fm_country_alpha3(const fm_gazetteer *g, const char *alpha2)
{
    if (!g || !alpha2 || strlen(alpha2) != 2) return NULL;
    long i = country_index(g, alpha2);
    return i < 0 ? NULL : g->countries[i] + 3;
}
