/* actor_dict.c — loaders for the noun dictionaries: TABARI / Phoenix actors
 * (synonyms, date-restricted codes), agents (substitution sets, plurals,
 * prefix/suffix codes), discards and issues. */
#include "lexicon.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* yymmdd or yyyymmdd -> yyyymmdd; two-digit years below 30 are 20xx. */
static int32_t parse_date(const char *s, size_t n)
{
    fm_trim(&s, &n);   /* "[HOBGOV 950601 - 990815]" */
    if (n != 6 && n != 8) return -1;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (n == 6) v += (v / 10000 < 30 ? 20000000 : 19000000);
    return v;
}

static int add_code(fm_lexicon *lx, fm_actor_entry *a, const char *code, size_t clen, int32_t from, int32_t to)
{
    fm_dated_code *p = realloc(a->codes, (a->n_codes + 1) * sizeof *p);
    if (!p) return -1;
    a->codes = p;
    p[a->n_codes].code = fm_arena_strndup(&lx->arena, code, clen);
    p[a->n_codes].from = from;
    p[a->n_codes].to = to;
    a->n_codes++;
    if (clen >= 3 && clen <= 6 && code[0] != '-' && isupper((unsigned char)code[0])) {
        /* remember 3-letter country-ish prefixes of plain country entries */
        if (clen == 3) fm_strmap_put(&lx->country_codes, p[a->n_codes - 1].code, 3, 1);
    }
    return 0;
}

/* Parses "[CODE]", "[CODE yymmdd-yymmdd]", "[CODE >yymmdd]", "[CODE < yymmdd]"
 * (one or several) from s; returns the number read, -1 on a malformed one. */
static int parse_codes(fm_lexicon *lx, fm_actor_entry *a, const char *s, size_t n, const char *file, long line)
{
    int count = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (isspace((unsigned char)s[i]) || s[i] == '"')) i++;
        if (i >= n) break;
        if (s[i] != '[') { fm_lexicon_error(lx, file, line, "expected '[' in codes \"%.*s\"", (int)(n > 60 ? 60 : n), s); return -1; }
        const char *close = memchr(s + i, ']', n - i);
        if (!close) { fm_lexicon_error(lx, file, line, "unclosed '['"); return -1; }
        const char *p = s + i + 1, *e = close;
        while (p < e && isspace((unsigned char)*p)) p++;
        const char *code = p;
        while (p < e && !isspace((unsigned char)*p) && *p != '>' && *p != '<') p++;
        size_t clen = (size_t)(p - code);
        while (p < e && isspace((unsigned char)*p)) p++;
        int32_t from = 0, to = 99999999;
        if (p < e) {
            char op = *p;
            if (op == '>' || op == '<') {
                p++;
                while (p < e && isspace((unsigned char)*p)) p++;
                int32_t d = parse_date(p, (size_t)(e - p));
                /* a typo in a date must not lose the actor: keep the code, undated */
                if (d < 0) fm_lexicon_error(lx, file, line, "bad date in \"%.*s\": code kept without it", (int)(close - s - i + 1), s + i);
                else if (op == '>') from = d;
                else to = d;
            } else {
                const char *dash = memchr(p, '-', (size_t)(e - p));
                const char *de = e;
                while (de > p && isspace((unsigned char)de[-1])) de--;
                int32_t d1 = dash ? parse_date(p, (size_t)(dash - p)) : -1;
                int32_t d2 = dash ? parse_date(dash + 1, (size_t)(de - dash - 1)) : -1;
                if (d1 < 0 || d2 < 0)
                    fm_lexicon_error(lx, file, line, "bad date range in \"%.*s\": code kept without it", (int)(close - s - i + 1), s + i);
                else { from = d1; to = d2; }
            }
        }
        if (clen == 0) { fm_lexicon_error(lx, file, line, "empty code"); return -1; }
        if (a && add_code(lx, a, code, clen, from, to)) return -1;
        count++;
        i = (size_t)(close - s) + 1;
    }
    return count;
}

static fm_actor_entry *new_actor(fm_lexicon *lx, const char *name, size_t len, uint32_t *index)
{
    fm_actor_entry e = {0};
    char *nm = fm_arena_strndup(&lx->arena, name, len);
    if (nm) for (char *c = nm; *c; c++) if (*c == '_') *c = ' ';
    if (nm) { size_t l = strlen(nm); while (l && nm[l - 1] == ' ') nm[--l] = 0; }
    e.name = nm;
    if (fm_actor_vec_push(&lx->actor_entries, e)) return NULL;
    *index = (uint32_t)lx->actor_entries.n - 1;
    return &lx->actor_entries.a[*index];
}

/* A phrase with a blank between words ("PRINCE DOL_AMROTH") is also kept as
 * a gapped phrase: its parts in order, anything between them. */
static void add_gapped(fm_lexicon *lx, const char *ph, size_t n, uint32_t entry)
{
    fm_trim(&ph, &n);
    int blank = 0;
    for (size_t i = 0; i < n; i++) blank |= ph[i] == ' ' || ph[i] == '\t';
    if (!blank) return;
    fm_gapped_actor g = { entry, (uint32_t)lx->gap_words.n, 0 };
    for (size_t i = 0; i < n;) {
        while (i < n && (ph[i] == ' ' || ph[i] == '\t')) i++;
        size_t j = i;
        while (j < n && ph[j] != ' ' && ph[j] != '\t') j++;
        if (j == i) break;
        int stem = ph[j - 1] != '_';
        fm_token_vec toks = {0};
        if (fm_tokenize_phrase(ph + i, j - i, &lx->arena, &toks) == 0) {
            for (size_t k = 0; k < toks.n; k++) {
                fm_gap_word w = { fm_lexicon_word(lx, toks.a[k].norm, toks.a[k].norm_len),
                                  (uint8_t)(stem && k + 1 == toks.n && toks.a[k].norm_len >= 4 &&
                                            toks.a[k].kind == FM_TOK_WORD), (uint8_t)(k == 0) };
                if (fm_gap_word_vec_push(&lx->gap_words, w) == 0) g.n++;
            }
        }
        fm_token_vec_free(&toks);
        i = j;
    }
    if (!g.n) return;
    fm_gapped_vec_push(&lx->gapped, g);
    /* gapped_at looks at a phrase only where its first word is written */
    const fm_gap_word *w0 = &lx->gap_words.a[g.first];
    uint32_t node = fm_trie_add(lx, &lx->gapped_first, &w0->id, 1, w0->stem);
    if (node) lx->gapped_first.value.a[node] = 1;
}

/* TABARI's ENT matches ENTIAN: a three-letter name is a stem too (one- and
 * two-letter ones, US and UN, are not; lower-case short words never name an actor). */
enum { ACTOR_MIN_STEM = 3 };

int fm_dict_load_actors(fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    fm_dict_lines it;
    fm_dict_lines_init(&it, lx, file, data, len);
    const char *s;
    size_t n;
    uint32_t cur = UINT32_MAX;
    int in_class = 0;   /* <NOUN> ... </NOUN>: word classes, not actors */
    while (fm_dict_lines_next(&it, &s, &n)) {
        if (!n) continue;
        if (s[0] == '<') {
            /* "<! -- note -->" (a comment a space away from XML's) opens no class */
            if (n > 1 && s[1] == '!') continue;
            if (n > 1 && s[1] == '/') in_class = 0;
            else in_class = 1;
            continue;
        }
        if (in_class) continue;
        if (s[0] == '[') {                      /* codes for the current entry */
            if (cur == UINT32_MAX) { fm_lexicon_error(lx, file, it.lineno, "codes without an actor"); continue; }
            parse_codes(lx, &lx->actor_entries.a[cur], s, n, file, it.lineno);
            continue;
        }
        if (s[0] == '+') {                      /* synonym of the current entry */
            if (cur == UINT32_MAX) { fm_lexicon_error(lx, file, it.lineno, "synonym without an actor"); continue; }
            const char *br = memchr(s, '[', n);
            size_t plen = br ? (size_t)(br - s) - 1 : n - 1;
            if (br) parse_codes(lx, &lx->actor_entries.a[cur], br, n - (size_t)(br - s), file, it.lineno);
            fm_lexicon_add_phrase_stem(lx, &lx->actors, s + 1, plen, cur + 1, file, it.lineno, ACTOR_MIN_STEM);
            add_gapped(lx, s + 1, plen, cur);
            continue;
        }
        const char *br = memchr(s, '[', n);
        size_t plen = br ? (size_t)(br - s) : n;
        const char *ph = s;
        fm_trim(&ph, &plen);
        if (!plen) { fm_lexicon_error(lx, file, it.lineno, "missing actor phrase"); continue; }
        fm_actor_entry *a = new_actor(lx, ph, plen, &cur);
        if (!a) { fm_lexicon_error(lx, file, it.lineno, "out of memory"); break; }
        if (br && parse_codes(lx, a, br, n - (size_t)(br - s), file, it.lineno) < 0) {
            cur = UINT32_MAX;   /* a malformed entry: skip its synonyms too */
            continue;
        }
        fm_lexicon_add_phrase_stem(lx, &lx->actors, ph, plen, cur + 1, file, it.lineno, ACTOR_MIN_STEM);
        add_gapped(lx, ph, plen, cur);
    }
    fm_dict_lines_free(&it);
    return 0;
}

/* ---- agents ---- */

typedef struct subst_set { const char *name; size_t name_len; const char *items; size_t items_len; } subst_set;

/* Expands one "!SET!" occurrence of phrase (recursively) and adds each result. */
static void add_agent_phrase(fm_lexicon *lx, const char *ph, size_t n, uint32_t value, const subst_set *sets,
                             size_t n_sets, const char *file, long line, int depth, int exact)
{
    const char *b = memchr(ph, '!', n);
    const char *e = b ? memchr(b + 1, '!', n - (size_t)(b - ph) - 1) : NULL;
    if (!b || !e || depth > 3) {
        char buf[520];
        if (exact && n && ph[n - 1] != '_' && n + 1 < sizeof buf) {   /* "DIPLOMAT" is not "DIPLOMATIC" */
            memcpy(buf, ph, n);
            buf[n] = '_';
            fm_lexicon_add_phrase(lx, &lx->agents, buf, n + 1, value, file, line);
        } else {
            fm_lexicon_add_phrase(lx, &lx->agents, ph, n, value, file, line);
        }
        return;
    }
    size_t nl = (size_t)(e - b + 1);
    for (size_t k = 0; k < n_sets; k++) {
        if (sets[k].name_len != nl || memcmp(sets[k].name, b, nl)) continue;
        const char *it = sets[k].items, *end = it + sets[k].items_len;
        while (it < end) {
            const char *comma = memchr(it, ',', (size_t)(end - it));
            const char *ie = comma ? comma : end;
            const char *w = it;
            size_t wl = (size_t)(ie - it);
            fm_trim(&w, &wl);
            char buf[512];
            size_t pre = (size_t)(b - ph), post = n - (size_t)(e + 1 - ph);
            if (wl && pre + wl + post < sizeof buf) {
                memcpy(buf, ph, pre);
                memcpy(buf + pre, w, wl);
                memcpy(buf + pre + wl, e + 1, post);
                add_agent_phrase(lx, buf, pre + wl + post, value, sets, n_sets, file, line, depth + 1, exact);
            }
            it = comma ? comma + 1 : end;
        }
        return;
    }
    fm_lexicon_error(lx, file, line, "unknown substitution set %.*s", (int)nl, b);
}

int fm_dict_load_agents(fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    fm_dict_lines it;
    fm_dict_lines_init(&it, lx, file, data, len);
    subst_set sets[64];
    size_t n_sets = 0;
    /* PETRARCH agents (XML or '#' comments, "{PLURALS}", "!SET! =") match whole
     * words; TABARI's are stems unless they end in '_' */
    int exact = 0;
    for (size_t i = 0; i + 1 < len && !exact; i++)
        if (i == 0 || data[i - 1] == '\n')
            exact = data[i] == '#' || (data[i] == '<' && data[i + 1] == '!') || (data[i] == '!' && memchr(data + i, '=', len - i));
    if (!exact && memchr(data, '{', len)) exact = 1;
    const char *s;
    size_t n;
    while (fm_dict_lines_next(&it, &s, &n)) {
        if (!n) continue;
        if (s[0] == '!' && memchr(s, '=', n)) {         /* !SET! = A, B, C */
            const char *eq = memchr(s, '=', n);
            const char *e = memchr(s + 1, '!', n - 1);
            if (!eq || !e || e > eq || n_sets == 64) { fm_lexicon_error(lx, file, it.lineno, "malformed substitution set"); continue; }
            /* lines are transient: keep the set's text in the arena */
            char *copy = fm_arena_strndup(&lx->arena, s, n);
            if (!copy) break;
            sets[n_sets].name = copy;
            sets[n_sets].name_len = (size_t)(e - s + 1);
            sets[n_sets].items = copy + (eq - s) + 1;
            sets[n_sets].items_len = n - (size_t)(eq - s) - 1;
            n_sets++;
            continue;
        }
        const char *br = memchr(s, '[', n);
        const char *close = br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
        if (!br || !close) { fm_lexicon_error(lx, file, it.lineno, "agent without [code]"); continue; }
        const char *c = br + 1, *ce = close;
        while (c < ce && isspace((unsigned char)*c)) c++;
        while (ce > c && isspace((unsigned char)ce[-1])) ce--;
        fm_agent_entry ag = {0};
        if (c < ce && *c == '~') { c++; }
        else if (ce > c && ce[-1] == '~') { ce--; ag.prefix = 1; }
        else { fm_lexicon_error(lx, file, it.lineno, "agent code needs '~': [%.*s]", (int)(close - br - 1), br + 1); continue; }
        ag.code = fm_arena_strndup(&lx->arena, c, (size_t)(ce - c));
        if (!ag.code || fm_agent_vec_push(&lx->agent_entries, ag)) break;
        uint32_t value = (uint32_t)lx->agent_entries.n;
        /* phrase, then optional {PLURAL FORMS} */
        const char *brace = memchr(s, '{', (size_t)(br - s));
        const char *pe = brace ? brace : br;
        size_t plen = (size_t)(pe - s);
        const char *ph = s;
        fm_trim(&ph, &plen);
        if (!plen) { fm_lexicon_error(lx, file, it.lineno, "missing agent phrase"); continue; }
        add_agent_phrase(lx, ph, plen, value, sets, n_sets, file, it.lineno, 0, exact);
        if (brace) {
            const char *bend = memchr(brace, '}', (size_t)(br - brace));
            if (!bend) { fm_lexicon_error(lx, file, it.lineno, "unclosed '{'"); continue; }
            const char *w = brace + 1;
            while (w < bend) {
                while (w < bend && isspace((unsigned char)*w)) w++;
                const char *we = w;
                while (we < bend && !isspace((unsigned char)*we)) we++;
                if (we > w) add_agent_phrase(lx, w, (size_t)(we - w), value, sets, n_sets, file, it.lineno, 0, exact);
                w = we;
            }
        } else if (!exact && plen > 2 && ph[plen - 1] == '_' && ph[plen - 2] != '=' && ph[plen - 2] != '_') {
            /* TABARI 5.2.3: the final word of an agent takes a regular plural S even
             * after the underscore ("GUERRILLA_" codes "guerrillas") */
            char buf[512];
            if (plen + 2 < sizeof buf) {
                memcpy(buf, ph, plen - 1);
                buf[plen - 1] = 'S';
                buf[plen] = '_';
                add_agent_phrase(lx, buf, plen + 1, value, sets, n_sets, file, it.lineno, 0, exact);
            }
        } else if (plen > 1 && ph[plen - 1] != '_') {
            /* regular plural, as PETRARCH does for agents without explicit plurals */
            char buf[512];
            if (plen + 3 < sizeof buf) {
                /* the English rule: -ES after S X Z CH SH, consonant + Y -> -IES, else -S */
                char last = (char)toupper((unsigned char)ph[plen - 1]), prev = (char)toupper((unsigned char)ph[plen - 2]);
                size_t bl = plen;
                memcpy(buf, ph, plen);
                if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S'))) {
                    buf[bl++] = 'E'; buf[bl++] = 'S';
                } else if (last == 'Y' && !strchr("AEIOU", prev)) {
                    buf[bl - 1] = 'I'; buf[bl++] = 'E'; buf[bl++] = 'S';
                } else {
                    buf[bl++] = 'S';
                }
                add_agent_phrase(lx, buf, bl, value, sets, n_sets, file, it.lineno, 0, exact);
            }
        }
    }
    fm_dict_lines_free(&it);
    return 0;
}

int fm_dict_load_discards(fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    fm_dict_lines it;
    fm_dict_lines_init(&it, lx, file, data, len);
    const char *s;
    size_t n;
    while (fm_dict_lines_next(&it, &s, &n)) {
        if (!n || s[0] == '<') continue;
        /* TABARI marks the kind of discard with [###] / [+++]; the phrase is what matters */
        const char *br = memchr(s, '[', n);
        size_t plen = br ? (size_t)(br - s) : n;
        const char *ph = s;
        fm_trim(&ph, &plen);
        if (plen) fm_lexicon_add_phrase(lx, &lx->discards, ph, plen, 1, file, it.lineno);
    }
    fm_dict_lines_free(&it);
    return 0;
}

int fm_dict_load_issues(fm_lexicon *lx, const char *file, const char *data, size_t len)
{
    fm_dict_lines it;
    fm_dict_lines_init(&it, lx, file, data, len);
    const char *s;
    size_t n;
    while (fm_dict_lines_next(&it, &s, &n)) {
        if (!n || s[0] == '<') continue;
        /* "~a head start": a phrase that is not the issue its words would name
         * (an exclusion, no code): matched like the others, it covers them */
        int exclusion = s[0] == '~';
        if (exclusion) s++, n--;
        const char *br = exclusion ? s + n : memchr(s, '[', n);
        const char *close = exclusion ? br : br ? memchr(br, ']', n - (size_t)(br - s)) : NULL;
        if (!br || !close) { fm_lexicon_error(lx, file, it.lineno, "issue phrase without [CODE]"); continue; }
        fm_issue_entry ie = { exclusion ? NULL : fm_arena_strndup(&lx->arena, br + 1, (size_t)(close - br - 1)) };
        if (fm_issue_vec_push(&lx->issue_entries, ie)) break;
        /* "n:word" marks a noun reading; the phrase words are what we match */
        char buf[512];
        size_t o = 0;
        for (const char *p = s; p < br && o < sizeof buf - 1; p++) {
            if (p + 1 < br && p[1] == ':' && (*p == 'n' || *p == 'v' || *p == 'a')) { p++; continue; }
            buf[o++] = (*p == ' ' || *p == '+') ? '_' : *p;
        }
        while (o && buf[o - 1] == '_') o--;
        if (o) fm_lexicon_add_phrase(lx, &lx->issues, buf, o, (uint32_t)lx->issue_entries.n, file, it.lineno);
    }
    fm_dict_lines_free(&it);
    return 0;
}
