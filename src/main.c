/* main.c — the factum command line: a thin front end over libfactum. It
 * parses options, wires readers to the coder and the coder to stdout, prints
 * the library's messages to stderr and turns them into exit statuses:
 * 0 all went well, 1 usage error, 2 some input was skipped. */
#include "cli.h"
#include "reader.h"
#include "buf.h"
#include "parallel.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fm_cli_diag(void *user, fm_diag_level level, const char *where, const char *msg)
{
    fm_cli *c = user;
    c->warnings++;
    if (!c->quiet) fprintf(stderr, "factum: %s: %s%s\n", where ? where : "?", level == FM_ERROR ? "error: " : "", msg);
}

int fm_cli_usage(const char *cmd, const char *msg)
{
    fprintf(stderr, "factum %s: %s (see factum %s --help)\n", cmd, msg, cmd);
    return 1;
}

int fm_cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return -1;
    if (*end == 'K' || *end == 'k') { v <<= 10; end++; }
    else if (*end == 'M' || *end == 'm') { v <<= 20; end++; }
    else if (*end == 'G' || *end == 'g') { v <<= 30; end++; }
    if (*end || v < 1024 || v > (4ull << 30)) return -1;
    *out = (size_t)v;
    return 0;
}

int fm_cli_check_date(const char *s)
{
    int y, m, d;
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    return 0;
}

fm_lexicon *fm_cli_lexicon(fm_cli *cli, const char *const *dicts, int n_dicts)
{
    fm_lexicon *lx = fm_lexicon_new(fm_cli_diag, cli);
    if (!lx) { fprintf(stderr, "factum: out of memory\n"); return NULL; }
    /* a --dict that is not there is fatal: coding with half a lexicon would
     * silently give other events; malformed lines are only reported */
    for (int i = 0; i < n_dicts; i++) {
        if (access(dicts[i], R_OK) != 0) {
            fprintf(stderr, "factum: %s: %s\n", dicts[i], strerror(errno));
            fm_lexicon_free(lx);
            return NULL;
        }
    }
    if (n_dicts == 0) fm_lexicon_load_default(lx);
    for (int i = 0; i < n_dicts; i++) fm_lexicon_load_path(lx, dicts[i]);
    if (fm_lexicon_finish(lx)) {
        fm_lexicon_free(lx);
        fprintf(stderr, "factum: cannot load the lexicon\n");
        return NULL;
    }
    return lx;
}

#define on_diag fm_cli_diag
#define usage_error fm_cli_usage
typedef fm_cli cli;

/* ---- factum code ---- */

static const char CODE_HELP[] =
    "usage: factum code [options] [FILE...]\n"
    "Codes news articles into event records, one JSON object per line on stdout.\n"
    "FILEs (or stdin when none or '-') may be gzip-compressed.\n"
    "  --date YYYY-MM-DD    document date for plain-text input without one\n"
    "  --format F           auto (default), text, jsonl, petrarch, tabari\n"
    "  --dict PATH          load dictionaries from a directory or file (repeatable);\n"
    "                       without it factum's own default lexicon is used\n"
    "  --emit-spans         also code sentences about spans and tallies\n"
    "  --summary            print a summary (events per root, top actors, dates) to stderr\n"
    "  --max-record SIZE    skip (and report) records larger than SIZE bytes (K, M suffixes; default 16M)\n"
    "  -j, --jobs N         code on N threads (1..64, default 1); the output is the same\n"
    "                       bytes in the same order as with -j 1\n"
    "  -q, --quiet          no messages on stderr\n"
    "  -h, --help           this help\n"
    "Exit status: 0 all input coded, 1 usage error, 2 some input was skipped (reported on stderr).\n";

/* What the summary needs of one event, kept when events are coded on another
 * thread (they are gone by the time the document is delivered). */
typedef struct summary_row { char root[3]; char src[32], tgt[32]; int has_src, has_target; char date[11]; } summary_row;

typedef struct code_run {
    fm_cli *st;
    fm_cli_summary sum;
    int want_summary;
    long skipped;
    fm_buf out;
} code_run;

static void code_flush(code_run *r, int all)
{
    if (r->out.len > (all ? 0 : (size_t)1 << 16)) {
        fwrite(r->out.data, 1, r->out.len, stdout);
        fm_buf_clear(&r->out);
    }
}

/* on a worker thread */
static void code_render(void *user, const fm_doc *doc, int rc, const fm_event *ev, size_t n, fm_buf *out, fm_buf *aux)
{
    code_run *r = user;
    for (size_t i = 0; i < n; i++) {
        fm_event_write_json(&ev[i], doc, &out->data, &out->len, &out->cap);
        if (!r->want_summary) continue;
        summary_row row = { .has_src = ev[i].source.code != NULL, .has_target = ev[i].has_target };
        snprintf(row.root, sizeof row.root, "%s", ev[i].root);
        snprintf(row.src, sizeof row.src, "%s", ev[i].source.code ? ev[i].source.code : "");
        snprintf(row.tgt, sizeof row.tgt, "%s", ev[i].target.code ? ev[i].target.code : "");
        snprintf(row.date, sizeof row.date, "%s", ev[i].date);
        fm_buf_add(aux, &row, sizeof row);
    }
}

/* on the main thread, in input order */
static void code_deliver(void *user, const fm_doc *doc, int rc, const fm_buf *out, const fm_buf *aux)
{
    code_run *r = user;
    if (rc) { r->skipped++; return; }
    fm_buf_add(&r->out, out->data, out->len);
    for (size_t off = 0; off + sizeof(summary_row) <= aux->len; off += sizeof(summary_row)) {
        summary_row row;
        memcpy(&row, aux->data + off, sizeof row);
        fm_event ev = { .has_target = row.has_target };
        memcpy(ev.root, row.root, sizeof ev.root);
        memcpy(ev.date, row.date, sizeof ev.date);
        ev.source.code = row.has_src ? row.src : NULL;
        ev.target.code = row.tgt[0] ? row.tgt : NULL;
        fm_cli_summary_add(&r->sum, &ev);
    }
    code_flush(r, 0);
}

static int cmd_code(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "date", required_argument, 0, 'd' }, { "format", required_argument, 0, 'f' },
        { "dict", required_argument, 0, 'D' }, { "emit-spans", no_argument, 0, 'S' },
        { "summary", no_argument, 0, 's' }, { "jobs", required_argument, 0, 'j' },
        { "max-record", required_argument, 0, 'M' },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 } };
    cli st = {0};
    fm_reader_options ro = {0};
    fm_options co = {0};
    const char *dicts[64];
    int n_dicts = 0, jobs = 1, opt;
    code_run run = { .st = &st };
    fm_buf_init(&run.out);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qhj:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd':
            if (fm_cli_check_date(optarg)) return usage_error("code", "--date needs YYYY-MM-DD");
            ro.default_date = optarg;
            co.default_date = optarg;
            break;
        case 'f': if (fm_format_parse(optarg, &ro.format)) return usage_error("code", "unknown --format"); break;
        case 'D': if (n_dicts == 64) return usage_error("code", "too many --dict"); dicts[n_dicts++] = optarg; break;
        case 'S': co.emit_spans = 1; break;
        case 'M':
            if (fm_cli_parse_size(optarg, &ro.max_record)) return usage_error("code", "--max-record needs a size (e.g. 16M)");
            co.max_doc_bytes = ro.max_record;
            break;
        case 's': run.want_summary = 1; break;
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 64) return usage_error("code", "-j needs a number of threads from 1 to 64");
            jobs = (int)v;
            break;
        }
        case 'q': st.quiet = 1; break;
        case 'h': fputs(CODE_HELP, stdout); return 0;
        default: return usage_error("code", "unknown option");
        }
    }
    fm_lexicon *lx = fm_cli_lexicon(&st, dicts, n_dicts);
    if (!lx) return 2;
    /* -j 1 codes on this thread: no copies, no locks */
    fm_coder *coder = jobs == 1 ? fm_coder_new(lx, &co, on_diag, &st) : NULL;
    fm_pool *pool = jobs > 1 ? fm_pool_new(lx, &co, jobs, code_render, code_deliver, &run, on_diag, &st) : NULL;
    if (!coder && !pool) {
        fm_lexicon_free(lx);
        fprintf(stderr, "factum: cannot start coding\n");
        return 2;
    }
    int n_files = argc - optind;
    for (int fi = 0; fi < (n_files ? n_files : 1); fi++) {
        const char *path = n_files ? argv[optind + fi] : "-";
        fm_reader *r = fm_reader_open(path, &ro, on_diag, &st);
        if (!r) { run.skipped++; continue; }
        fm_doc doc;
        while (fm_reader_next(r, &doc) == 1) {
            run.sum.docs++;
            if (pool) {
                if (fm_pool_submit(pool, &doc)) run.skipped++;
                continue;
            }
            const fm_event *ev = NULL;
            size_t n = 0;
            if (fm_coder_code(coder, &doc, &ev, &n)) { run.skipped++; continue; }
            for (size_t i = 0; i < n; i++) {
                fm_event_write_json(&ev[i], &doc, &run.out.data, &run.out.len, &run.out.cap);
                if (run.want_summary) fm_cli_summary_add(&run.sum, &ev[i]);
            }
            code_flush(&run, 0);
        }
        /* the reader's messages and its skipped count are its own; the pool
         * only keeps documents in order, so drain before the next file */
        if (pool) fm_pool_drain(pool);
        run.skipped += (long)fm_reader_skipped(r);
        fm_reader_close(r);
    }
    fm_pool_free(pool);
    code_flush(&run, 1);
    fm_buf_free(&run.out);
    int write_failed = fflush(stdout) != 0 || ferror(stdout);
    if (write_failed) fprintf(stderr, "factum: writing output: %s\n", strerror(errno));
    if (run.want_summary) fm_cli_summary_print(&run.sum);
    fm_coder_free(coder);
    fm_lexicon_free(lx);
    return (run.skipped || write_failed) ? 2 : 0;
}

/* ---- factum compile ---- */

static const char COMPILE_HELP[] =
    "usage: factum compile -o FILE [--dict PATH]...\n"
    "Reads the dictionaries (factum's default lexicon without --dict) and writes them\n"
    "to FILE as a compiled lexicon, which 'factum code --dict FILE' (and every other\n"
    "command's --dict) loads without parsing them again. The file is for this build\n"
    "of factum: another build refuses it; compile again after changing a dictionary.\n"
    "  -o, --output FILE    the compiled lexicon to write\n"
    "  --dict PATH          a dictionary file or directory (repeatable)\n"
    "  -q, --quiet          no messages on stderr\n"
    "Exit status: 0 written, 1 usage error, 2 a dictionary could not be read or FILE written.\n";

static int cmd_compile(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, 0, 'o' }, { "dict", required_argument, 0, 'D' },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    cli st = {0};
    const char *dicts[64], *out = NULL;
    int n_dicts = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 'D': if (n_dicts == 64) return usage_error("compile", "too many --dict"); dicts[n_dicts++] = optarg; break;
        case 'q': st.quiet = 1; break;
        case 'h': fputs(COMPILE_HELP, stdout); return 0;
        default: return usage_error("compile", "unknown option");
        }
    }
    if (!out) return usage_error("compile", "-o FILE is required");
    if (optind < argc) return usage_error("compile", "dictionaries are named with --dict");
    fm_lexicon *lx = fm_cli_lexicon(&st, dicts, n_dicts);
    if (!lx) return 2;
    int rc = fm_lexicon_save(lx, out) ? 2 : 0;
    fm_lexicon_free(lx);
    return rc;
}

static const char MAIN_HELP[] =
    "usage: factum COMMAND [options] [FILE...]\n"
    "factum codes news text into event records (who did what to whom, where, when,\n"
    "according to whom) in CAMEO and PLOVER terms.\n"
    "commands:\n"
    "  code       code articles into JSON Lines event records\n"
    "  compile    write dictionaries as a compiled lexicon that loads without parsing\n"
    "  ingest     code articles into a store (SQLite file or PostgreSQL)\n"
    "  merge      link stored events of different documents into stories\n"
    "  query      events or stories from a store, as jsonl, csv, gdelt, acled or geojson\n"
    "  validate   run TABARI / PETRARCH validation records and factum case files\n"
    "  serve      HTTP API and a page with a map, a timeline and the evidence\n"
    "  version    print the version\n"
    "Run 'factum COMMAND --help' for a command's options.\n";

int main(int argc, char **argv)
{
    if (argc < 2) { fputs(MAIN_HELP, stderr); return 1; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) { fputs(MAIN_HELP, stdout); return 0; }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) { puts("factum " FACTUM_VERSION); return 0; }
    if (!strcmp(cmd, "code")) return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "compile")) return cmd_compile(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest")) return fm_cli_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query")) return fm_cli_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge")) return fm_cli_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return fm_cli_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return fm_cli_serve(argc - 1, argv + 1);
    fprintf(stderr, "factum: unknown command '%s'\n%s", cmd, MAIN_HELP);
    return 1;
}
