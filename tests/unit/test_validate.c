/* test_validate.c — the validation harness: reading TABARI, PETRARCH and case
 * files (with their quirks), the exact-set rule, the report format, and the
 * peers' real suites in ../shared when they are there (skipped otherwise). */
#define _GNU_SOURCE
#include "validate.h"
#include "tap.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int n_diag;
static void diag(void *u, fm_diag_level l, const char *w, const char *m)
{
    (void)u; (void)l;
    n_diag++;
    if (getenv("TEST_VERBOSE")) fprintf(stderr, "# diag %s: %s\n", w, m);
}

static char tmpdir[64];

static const char *write_tmp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

static const fm_vrecord *find(const fm_vsuite *s, const char *id)
{
    for (size_t i = 0; s && i < s->records.n; i++)
        if (!strcmp(s->records.a[i].id, id)) return &s->records.a[i];
    return NULL;
}

static char *ev_str(const fm_vrecord *r)
{
    static char b[512];
    size_t k = 0;
    b[0] = 0;
    for (size_t i = 0; r && i < r->n_expected && k < sizeof b - 64; i++)
        k += (size_t)snprintf(b + k, sizeof b - k, "%s{%s %s %s}", i ? " " : "", r->expected[i].source ? r->expected[i].source : "-",
                              r->expected[i].target ? r->expected[i].target : "-", r->expected[i].code);
    return b;
}

static void test_tabari(void)
{
    /* the quirks of Validate.text, in small */
    const char *text =
        "#####\n# banner\n#####\n\n"
        "950101  OPT-1\nOption record.\n/*\\n---\n\\n{ OPTION: SET: CONVERT AGENT = TRUE } */\n\n"
        "950103  DEMO-04\nDagolath's minister left for \nMinas Tirith.\n/*\\n------\n"
        "\\n[Paired events: {not an event here}]\n\\n{ DAG / GON / 032 } 950103\n\\n{ GON / DAG / 033 } 950103   */\n\n"
        "950116  SAMELINE\nFornost appealed for peace./*\n\\n{ FORGOVPRS / ITH / 095 } 950116 */\n\n"
        "9501201  SEVEN\nArnor agreed.\n/*\n\\n{---} */\n\n"
        "000102  MARK-07\nElrond said that Calimehtar attacked Gandalf /*\\n\n---\n\\n{ ELF / WIZ / 223 }*/\n\n"
        "830809  COMPLEX\nA long sentence.\n/*\n\\n{+++}\n\\n{ ERI / OSG / 223  }\n\\n{ OSG / ERI / 223 }*/\n\n"
        "950101  DISC\nA sports story.\n/*\n\\n{###} */\n\n"
        "950101  NOTCHK\nNot checked.\n/*\n-{ ARN / GON / 064 } */\n\n"
        "950101  NOCLOSE\nMinimum words.\n/*\n\\n{ OPTION: SET: MINIMUM WORDS = 4  */\n\n"
        "950101  NONE3\nNothing.\n/*\n\\n{ --- / --- / 000 } */\n\n"
        "950101  AGENTS\nGuerrillas restored ties.\n/*\n\\n{ ~REB / GON / 064 }\n\\n{ HOB / GON / 174L } */\n\n"
        "950101  OPT-2\nOption record.\n/*\n\\n{ OPTION: COMMA: OFF } */\n\n"
        "950101  AFTERCLOSE\nWhite House officials restored ties with Gondor and Arnor.\n/*\n\\n{ USAGOV / GON / 064 } */\n"
        "\\n{ USAGOV / ARN / 064 } */\n\n"
        "990101  FINAL-01\nThis is the end of the standard validation records.\n\\nPress Q.\n\n"
        "950112  AFTER-01\nGondor called for a boycott.\n/*\n\\n{ GON / OSG / 172 } */\n";
    const char *p = write_tmp("Mini.text", text);
    n_diag = 0;
    fm_vsuite *s = fm_vsuite_read(p, FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s != NULL, "tabari: mini suite read");
    if (!s) return;
    TAP_OK(s->format == FM_VALIDATE_TABARI, "tabari: sniffed as TABARI");
    TAP_OK(s->records.n == 12, "tabari: 12 records (option-only records are not tests), got %zu", s->records.n);
    TAP_OK(find(s, "OPT-1") == NULL, "tabari: OPTION-only record dropped");
    const fm_vrecord *r = find(s, "DEMO-04");
    TAP_STREQ(ev_str(r), "{DAG GON 032} {GON DAG 033}", "tabari: paired events, dates after braces ignored");
    TAP_STREQ(r ? r->date : NULL, "1995-01-03", "tabari: YYMMDD date");
    TAP_STREQ(r ? r->text : NULL, "Dagolath's minister left for  Minas Tirith.", "tabari: text lines joined by a blank, trimmed");
    TAP_STREQ(r ? r->options : NULL, "CONVERT_AGENT=TRUE", "tabari: option in effect recorded");
    r = find(s, "SAMELINE");
    TAP_STREQ(r ? r->text : NULL, "Fornost appealed for peace.", "tabari: '/*' on the text line ends the text");
    TAP_STREQ(ev_str(r), "{FORGOVPRS ITH 095}", "tabari: events of a same-line block");
    r = find(s, "SEVEN");
    TAP_OK(r && r->expect == FM_VX_NONE && r->n_expected == 0, "tabari: {---} no event");
    TAP_STREQ(r ? r->date : NULL, "1995-01-20", "tabari: 7-digit date read as YYMMDD");
    r = find(s, "MARK-07");
    TAP_STREQ(r ? r->text : NULL, "Elrond said that Calimehtar attacked Gandalf", "tabari: text up to '/*'");
    TAP_STREQ(ev_str(r), "{ELF WIZ 223}", "tabari: '*/' right after '}'");
    r = find(s, "COMPLEX");
    TAP_OK(r && r->expect == FM_VX_EVENTS && r->n_expected == 2, "tabari: {+++} then events: the events count");
    r = find(s, "DISC");
    TAP_OK(r && r->expect == FM_VX_DISCARD, "tabari: {###} discarded");
    r = find(s, "NOTCHK");
    TAP_OK(r && r->skip != NULL, "tabari: -{...} only: skipped");
    r = find(s, "NOCLOSE");
    TAP_OK(r == NULL, "tabari: option with a missing '}' still read as an option record");
    r = find(s, "NONE3");
    TAP_OK(r && r->expect == FM_VX_NONE, "tabari: { --- / --- / 000 } means no event");
    r = find(s, "AGENTS");
    TAP_STREQ(ev_str(r), "{~REB GON 064} {HOB GON 174L}", "tabari: agent-only and lettered codes kept exactly");
    TAP_STREQ(r ? r->options : NULL, "CONVERT_AGENT=TRUE; MINIMUM_WORDS=4", "tabari: options accumulate");
    r = find(s, "AFTERCLOSE");
    TAP_STREQ(ev_str(r), "{USAGOV GON 064} {USAGOV ARN 064}", "tabari: an event line after '*/' (before a blank line) counts");
    TAP_STREQ(r ? r->options : NULL, "CONVERT_AGENT=TRUE; MINIMUM_WORDS=4; COMMA=OFF", "tabari: COMMA: OFF is kept as a switch");
    r = find(s, "FINAL-01");
    TAP_OK(r && r->skip, "tabari: FINAL-01 has no expectation: skipped");
    r = find(s, "AFTER-01");
    TAP_OK(r && r->skip && !strncmp(r->skip, "after FINAL", 11), "tabari: records after FINAL-01 skipped");
    TAP_OK(r && r->require_dyad, "tabari: only dyads count");
    TAP_OK(!s->unsupported || !strstr(s->unsupported, "CONVERT_AGENT"), "tabari: switches the coder has are not listed as unsupported");
    fm_vsuite_free(s);
}

static void test_petrarch(void)
{
    const char *xml =
        "<Validation>\n<!-- <Sentence id=\"COMMENTED\"> -->\n"
        "<Environment>\n  <Verbfile>none.verbs</Verbfile>\n"
        "  <Include>valid DEMO ERROR</Include>\n"
        "  <Config option=\"stop_on_error\" value=\"True\"></Config>\n</Environment>\n<Sentences>\n"
        "<Sentence date=\"19950112\" id=\"DEMO-22\" category=\"DEMO\" sentence=\"true\">\n"
        "<!-- <EventCoding sourcecode=\"NO\" targetcode=\"NO\" eventcode=\"000\"> -->\n"
        "<EventCoding sourcecode=\"ERI\" targetcode=\"OSG\" eventcode=\"223\"></EventCoding>\n"
        "<EventCoding sourcecode='\"INJURY TOLL\"' targetcode=\"OSG\" eventcode=\"223\"></EventCoding>\n"
        "<Text>\nEriador's toll has risen &amp; more.\n</Text>\n<Parse>(ROOT (S (NP (NNP Eriador))))</Parse>\n</Sentence>\n"
        "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
        "<Sentence date = \"20090101\" category=\"DEMO\" sentence=\"true\" id =\"AFP-4\">\n"
        "<EventCoding noevents = \"True\"></EventCoding>\n<Text>They issued a statement.</Text>\n</Sentence>\n"
        "<Config option=\"require_dyad\" value=\"True\"></Config>\n"
        "<Sentence date=\"19950101\" id=\"ERR-1\" category=\"ERROR\"><EventCoding error=\"dateline\"></EventCoding>"
        "<Text>CEBU CITY: -- x</Text></Sentence>\n"
        "<Sentence date=\"19950101\" id=\"ERR-2\" category=\"ERROR\"><EventCoding error=\"bad_input_parse\"></EventCoding>"
        "<Text>Arnor restores ties.</Text></Sentence>\n"
        "<Sentence date=\"19950101\" id=\"DISC-4\" category=\"ERROR\"><EventCoding error=\"sentencediscard\"></EventCoding>"
        "<Text>The Cup.</Text></Sentence>\n"
        "<Sentence date=\"19950101\" id=\"AG-1\" category=\"AGENTS\"><EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"010\">"
        "</EventCoding><Text>x</Text></Sentence>\n"
        "<Sentence date=\"19920102\" id=\"PAT-6\" category=\"DEMO\">\n<!-- { HOB / GON / 111 } -->\n<Text>Gollum was in an accord.</Text></Sentence>\n"
        "</Sentences>\n</Validation>\n";
    const char *p = write_tmp("mini.xml", xml);
    n_diag = 0;
    fm_vsuite *s = fm_vsuite_read(p, FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s != NULL, "petrarch: mini suite read");
    if (!s) return;
    TAP_OK(s->format == FM_VALIDATE_PETRARCH, "petrarch: sniffed");
    TAP_OK(s->records.n == 7, "petrarch: 7 sentences (commented one ignored), got %zu", s->records.n);
    TAP_OK(find(s, "COMMENTED") == NULL, "petrarch: <Sentence> inside a comment ignored");
    const fm_vrecord *r = find(s, "DEMO-22");
    TAP_STREQ(ev_str(r), "{ERI OSG 223} {\"INJURY TOLL\" OSG 223}", "petrarch: single-quoted attribute with '\"' inside");
    TAP_STREQ(r ? r->text : NULL, "Eriador's toll has risen & more.", "petrarch: text trimmed, &amp; decoded");
    TAP_STREQ(r ? r->date : NULL, "1995-01-12", "petrarch: YYYYMMDD date");
    TAP_OK(r && r->require_dyad && r->options == NULL, "petrarch: require_dyad starts true; stop_on_error not shown");
    r = find(s, "AFP-4");
    TAP_OK(r && r->expect == FM_VX_NONE, "petrarch: noevents = \"True\" with spaces around '='");
    TAP_STREQ(r ? r->date : NULL, "2009-01-01", "petrarch: date = \"...\" with spaces");
    TAP_OK(r && !r->require_dyad, "petrarch: <Config require_dyad=false> applies to the next sentences");
    r = find(s, "ERR-1");
    TAP_OK(r && r->expect == FM_VX_ERROR && !r->skip && r->require_dyad, "petrarch: error=dateline expects no events");
    r = find(s, "ERR-2");
    TAP_OK(r && r->skip, "petrarch: error=bad_input_parse skipped (parse trees are not read)");
    r = find(s, "DISC-4");
    TAP_OK(r && r->expect == FM_VX_DISCARD, "petrarch: sentencediscard");
    r = find(s, "AG-1");
    TAP_OK(r && r->skip && strstr(r->skip, "AGENTS"), "petrarch: category not in <Include> skipped");
    r = find(s, "PAT-6");
    TAP_OK(r && r->expect == FM_VX_NONE && !r->skip, "petrarch: no <EventCoding> means no events");
    TAP_OK(s->n_dicts == 0 && n_diag >= 1, "petrarch: missing dictionary reported");
    fm_vsuite_free(s);
}

static fm_event mk(const char *src, const char *tgt, const char *code)
{
    fm_event e;
    memset(&e, 0, sizeof e);
    e.source.code = src;
    e.target.code = tgt;
    e.has_target = tgt != NULL;
    snprintf(e.code, sizeof e.code, "%s", code);
    return e;
}

static void test_match(void)
{
    fm_vevent want[2] = { { "ARN", "GON", "064" }, { "GON", "ARN", "033" } };
    fm_vrecord r;
    memset(&r, 0, sizeof r);
    r.expected = want;
    r.n_expected = 2;
    fm_event ev[4] = { mk("GON", "ARN", "033"), mk("ARN", "GON", "064"), mk("ARN", "GON", "064"), mk("ARN", NULL, "190") };
    TAP_OK(fm_validate_match(&r, ev, 2), "match: same set in another order");
    TAP_OK(fm_validate_match(&r, ev, 3), "match: duplicates do not matter");
    TAP_OK(!fm_validate_match(&r, ev, 1), "match: a missing event fails");
    TAP_OK(!fm_validate_match(&r, ev, 4), "match: an extra event fails");
    r.require_dyad = 1;
    TAP_OK(fm_validate_match(&r, ev, 4), "match: require_dyad ignores an event without target");
    fm_event e2 = mk("ARN", "GON", "0641");
    TAP_OK(!fm_validate_match(&r, &e2, 1), "match: codes compare exactly (0641 is not 064)");
    r.require_dyad = 0;
    fm_vevent one = { "ARN", NULL, "190" };
    r.expected = &one;
    r.n_expected = 1;
    TAP_OK(fm_validate_match(&r, &ev[3], 1), "match: no target matches no target");
    fm_event e3 = mk("ARN", "GON", "190");
    TAP_OK(!fm_validate_match(&r, &e3, 1), "match: a target where none is expected fails");
    r.n_expected = 0;
    r.expect = FM_VX_NONE;
    TAP_OK(fm_validate_match(&r, ev, 0), "match: {---} and nothing produced");
    TAP_OK(!fm_validate_match(&r, ev, 1), "match: {---} and an event produced fails");
    /* PETRARCH's notation: "---" is no actor, "---GOV" an agent without a country */
    fm_vevent said = { "---GOV", "---", "023" };
    r.expect = FM_VX_EVENTS;
    r.expected = &said;
    r.n_expected = 1;
    fm_event e4 = mk("GOV", NULL, "023"), e5 = mk("BREGOV", NULL, "023"), e6 = mk("GOV", "ARN", "023");
    TAP_OK(fm_validate_match(&r, &e4, 1), "match: {---GOV --- 023} is an agent alone, without target");
    TAP_OK(!fm_validate_match(&r, &e5, 1), "match: ---GOV is not BREGOV");
    TAP_OK(!fm_validate_match(&r, &e6, 1), "match: --- is no target, not any target");
}

static void test_cases_file(void)
{
    n_diag = 0;
    fm_vsuite *s = fm_vsuite_read("tests/cases/validate/basic.txt", FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s != NULL, "cases: basic.txt read");
    if (!s) return;
    TAP_OK(s->format == FM_VALIDATE_CASES, "cases: sniffed as a case file");
    TAP_OK(s->records.n == 97, "cases: 97 cases, got %zu", s->records.n);
    TAP_OK(n_diag == 0, "cases: no complaints, got %d", n_diag);
    size_t skipped = 0, none = 0;
    for (size_t i = 0; i < s->records.n; i++) {
        skipped += s->records.a[i].skip != NULL;
        none += s->records.a[i].expect == FM_VX_NONE;
    }
    TAP_OK(skipped == 0 && none == 17, "cases: none skipped, 17 no-event cases");
    const fm_vrecord *r = find(s, "aid-03");
    TAP_STREQ(ev_str(r), "{JPN SYR 073} {JPN TUR 073}", "cases: two expected events");
    TAP_STREQ(r ? r->date : NULL, "2024-03-12", "cases: date");
    TAP_OK(r && !r->require_dyad, "cases: every event counts");
    fm_vsuite_free(s);

    /* the report format, with expectations no coder meets */
    const char *p = write_tmp("bad.txt",
        "# two cases\n2024-01-02 bad-01\nArnor and Gondor, with a line\nthat continues.\n> XXX YYY 999\n> XXX - 998\n\n"
        "2024-01-02 bad-02\nNo expectation here.\n\n"
        "nonsense header\n");
    char *out = NULL;
    size_t len = 0;
    FILE *rep = open_memstream(&out, &len);
    fm_validate_result res = { 1, 1, 1 };
    n_diag = 0;
    int rc = fm_validate_file(p, NULL, rep, diag, NULL, &res);
    fm_validate_print_total(rep, &res);
    fclose(rep);
    TAP_OK(rc == 0, "report: file ran");
    TAP_OK(res.passed == 1 && res.failed == 2 && res.skipped == 2, "report: counts added to the caller's (%d %d %d)",
           res.passed, res.failed, res.skipped);
    TAP_OK(out && strstr(out, "FAIL bad-01: expected {XXX YYY 999} {XXX - 998} produced "), "report: FAIL line");
    TAP_OK(out && strstr(out, "bad.txt:2: Arnor and Gondor, with a line that continues."), "report: where and text");
    TAP_OK(out && strstr(out, ": 0 passed, 1 failed, 1 skipped (0.0%)\n"), "report: per-file line");
    TAP_OK(out && strstr(out, "\n1 passed, 2 failed (2 skipped)\n"), "report: total line");
    TAP_OK(n_diag >= 2, "report: case without '>' and bad header reported");
    free(out);
}

static void test_shared(void)
{
    const char *sh = getenv("FACTUM_SHARED") ? getenv("FACTUM_SHARED") : "../shared";
    char p[1024];
    struct stat st;
    snprintf(p, sizeof p, "%s/peers/tabari/validation/Validate.text", sh);
    if (stat(p, &st) != 0) {
        printf("ok %d - # SKIP peers' suites: %s not found\n", ++tap_n, sh);
        return;
    }
    n_diag = 0;
    fm_vsuite *s = fm_vsuite_read(p, FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s != NULL, "shared: Validate.text read");
    if (s) {
        size_t run = 0, after = 0;
        for (size_t i = 0; i < s->records.n; i++) {
            const fm_vrecord *r = &s->records.a[i];
            if (!r->skip) run++;
            else if (!strncmp(r->skip, "after FINAL", 11)) after++;
        }
        TAP_OK(s->records.n == 316, "shared: 316 TABARI records, got %zu", s->records.n);
        TAP_OK(run == 306 && after == 7, "shared: 306 standard records run, 7 after FINAL-01 (got %zu, %zu)", run, after);
        TAP_OK(s->n_dicts == 4, "shared: Validate.project found: actors, verbs, agents, options (%d)", s->n_dicts);
        TAP_STREQ(ev_str(find(s, "DEMO-08")), "{ARNGOV ITHGOVPRS 032} {OSG ITHGOVPRS 032} {GON ITHGOVPRS 032}", "shared: DEMO-08");
        TAP_STREQ(ev_str(find(s, "PATTERN-32d")), "{ITH DOL 162}", "shared: header with trailing space");
        const fm_vrecord *r = find(s, "YYYY-01");
        TAP_STREQ(r ? r->date : NULL, "2015-06-07", "shared: YYYYMMDD header");
        fm_vsuite_free(s);
    }
    snprintf(p, sizeof p, "%s/peers/tabari/validation/Validate.project", sh);
    s = fm_vsuite_read(p, FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s && s->records.n == 316 && s->n_dicts == 4, "shared: the .project reads the same suite");
    fm_vsuite_free(s);

    snprintf(p, sizeof p, "%s/peers/petrarch2/text/PETR.UnitTest.records.xml", sh);
    s = fm_vsuite_read(p, FM_VALIDATE_AUTO, diag, NULL);
    TAP_OK(s != NULL, "shared: PETR.UnitTest.records.xml read");
    if (!s) return;
    size_t skipped = 0, none = 0, events = 0;
    for (size_t i = 0; i < s->records.n; i++) {
        skipped += s->records.a[i].skip != NULL;
        none += s->records.a[i].expect != FM_VX_EVENTS;
        events += s->records.a[i].n_expected;
    }
    TAP_OK(s->records.n == 198, "shared: 198 PETRARCH sentences, got %zu", s->records.n);
    TAP_OK(skipped == 4, "shared: 4 skipped (2 categories not included, 2 bad parse trees), got %zu", skipped);
    TAP_OK(s->n_dicts == 4, "shared: <Environment> dictionaries found in ../dictionaries (%d)", s->n_dicts);
    TAP_OK(none == 16 && events == 258, "shared: 16 no-event sentences, 258 expected events (got %zu, %zu)", none, events);
    TAP_STREQ(ev_str(find(s, "ACTOR-02")),
              "{\"GRYFFINDOR HEAD MINERVA MCGONAGALL\" GON 032} {GON \"GRYFFINDOR HEAD MINERVA MCGONAGALL\" 033}",
              "shared: quoted new-actor codes");
    const fm_vrecord *r = find(s, "AFP0909010096-4");
    TAP_OK(r && r->expect == FM_VX_NONE && r->date && !strcmp(r->date, "2009-01-01"), "shared: id after category, spaces around '='");
    fm_vsuite_free(s);
}

/* "test_validate --run FILE...": the harness as a command, for
 * tests/t_validate.sh while `factum validate` is not wired in main.c. */
static void run_diag(void *u, fm_diag_level l, const char *w, const char *m)
{
    (void)u;
    fprintf(stderr, "%s: %s%s\n", w, l == FM_ERROR ? "error: " : "", m);
}

static int run_files(int argc, char **argv)
{
    fm_validate_result res = { 0, 0, 0 };
    int bad = 0;
    for (int i = 0; i < argc; i++)
        if (fm_validate_file(argv[i], NULL, stdout, run_diag, NULL, &res)) bad = 1;
    fm_validate_print_total(stdout, &res);
    return bad;
}

/* Each record is coded with the TABARI switches in effect for it: MINIMUM
 * WORDS (default 8), DEFAULT source/target, CODE BY SENTENCE, COMMA. */
static void test_record_options(void)
{
    write_tmp("Opt.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
    write_tmp("Opt.verbs", "RESTOR [064]\n");
    write_tmp("Opt.project", "Options test\n<actorsfile> Opt.actors\n<verbsfile> Opt.verbs\n<textfile> Opt.text\n");
    write_tmp("Opt.text",
        "950101 SHORT\nArnor restored ties with Gondor.\n/*\n\\n{---} */\n\n"
        "950101 SET-MIN\nLowering the minimum.\n/*\n\\n{ OPTION: SET: MINIMUM WORDS = 4 } */\n\n"
        "950101 SHORT-OK\nArnor restored ties with Gondor.\n/*\n\\n{ ARN / GON / 064 } */\n\n"
        "950101 SET-DEF\nDefaults.\n/*\n\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER } */\n\n"
        "950101 DEF-SRC\nFxrnost restored ties with Gondor.\n/*\n\\n{ DEFSRC / GON / 064 } */\n\n"
        "950101 DEF-TGT\nArnor restored its old ties.\n/*\n\\n{ ARN / DEFTAR / 064 } */\n\n"
        "950101 DEF-OFF\nNo defaults.\n/*\n\\n{ OPTION: DEFAULT: OFF } */\n\n"
        "950101 BY-CLAUSE\nArnor restored ties with Gondor today and Gondor restored ties with Arnor.\n/*\n"
        "\\n{ ARN / GON / 064 }\n\\n{ GON / ARN / 064 } */\n\n"
        "950101 SET-SENT\nBy sentence.\n/*\n\\n{ OPTION: SET: CODE BY SENTENCE } */\n\n"
        "950101 BY-SENT\nArnor restored ties with Gondor today and Gondor restored ties with Arnor.\n/*\n"
        "\\n{ ARN / GON / 064 } */\n\n");
    char path[256];
    snprintf(path, sizeof path, "%s/Opt.project", tmpdir);
    char *out = NULL;
    size_t len = 0;
    FILE *rep = open_memstream(&out, &len);
    fm_validate_result res = { 0, 0, 0 };
    fm_validate_options vo;
    memset(&vo, 0, sizeof vo);
    vo.verbose = 1;
    int rc = fm_validate_file(path, &vo, rep, diag, NULL, &res);
    fclose(rep);
    TAP_OK(rc == 0, "options: suite ran");
    TAP_OK(out && strstr(out, "ok SHORT\n"), "options: a 5-word sentence is below TABARI's 8 words");
    TAP_OK(out && strstr(out, "ok SHORT-OK\n"), "options: MINIMUM WORDS = 4 lets it through");
    TAP_OK(out && strstr(out, "ok DEF-SRC\n"), "options: DEFAULT SOURCE when no actor precedes the verb");
    TAP_OK(out && strstr(out, "ok DEF-TGT\n"), "options: DEFAULT TARGET when no actor follows the verb");
    TAP_OK(out && strstr(out, "ok BY-CLAUSE\n"), "options: CODE BY CLAUSE codes each clause");
    TAP_OK(out && strstr(out, "ok BY-SENT\n"), "options: CODE BY SENTENCE stops at the first event");
    if (out && res.failed) printf("# %s", out);
    free(out);
}

/* TABARI's dictionary rules on a small TABARI-format dictionary of its own
 * (gapped actor phrases, '^', 'WORD_*', three-letter stems, alternative set
 * lengths, <TIME> discards, articles, 'XXXX~_YYYY', written forms over
 * inflections, agent plurals, FORMER, passive BY after a modifier): every
 * case must pass. */
static void test_tabari_rules(void)
{
    char *out = NULL;
    size_t len = 0;
    FILE *rep = open_memstream(&out, &len);
    fm_validate_result res = { 0, 0, 0 };
    n_diag = 0;
    int rc = fm_validate_file("tests/cases/validate/tabari_rules.txt", NULL, rep, diag, NULL, &res);
    fclose(rep);
    TAP_OK(rc == 0 && n_diag == 0, "tabari rules: dictionaries and cases read (%d complaints)", n_diag);
    TAP_OK(res.passed == 17 && res.failed == 0, "tabari rules: 17 of 17 pass (%d passed, %d failed)", res.passed, res.failed);
    if (res.failed && out) printf("# %s", out);
    free(out);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--run")) return run_files(argc - 2, argv + 2);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fm_validate_XXXXXX");
    if (!mkdtemp(tmpdir)) { printf("not ok 1 - mkdtemp\n1..1\n"); return 1; }
    test_tabari();
    test_petrarch();
    test_match();
    test_cases_file();
    test_tabari_rules();
    test_record_options();
    test_shared();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("# could not remove %s\n", tmpdir);
    return TAP_DONE();
}
