/* cli_store.c — `factum ingest` and `factum query`: the command-line faces of
 * the store. Ingest codes documents and stores them one transaction per batch
 * (so a kill at any moment loses at most the open batch, which a re-run
 * redoes); query filters the store and writes one of the export formats. */
#include "cli.h"
#include "export.h"
#include "reader.h"
#include "store.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct ingest_stats {
    long docs, stored, unchanged, events;
    double bytes, total_bytes;
    double t0;
} ingest_stats;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(const ingest_stats *st, int final)
{
    double dt = now_s() - st->t0;
    double rate = dt > 0 ? st->docs / dt : 0;
    double left = (st->total_bytes > st->bytes && st->bytes > 0) ? dt * (st->total_bytes - st->bytes) / st->bytes : 0;
    fprintf(stderr, "\r%ld documents, %.1f MB, %ld events, %.0f docs/s, %.0fs left   %s", st->docs, st->bytes / 1e6,
            st->events, rate, left, final ? "\n" : "");
}

static const char INGEST_HELP[] =
    "usage: factum ingest --db PATH|postgres://... [options] [FILE...]\n"
    "Codes documents and stores documents, sentences, events and attributions, then links\n"
    "reports of one event into stories. Re-ingesting the same documents changes nothing.\n"
    "  --db URL             SQLite file (default factum.db) or a PostgreSQL connection string\n"
    "  --date, --format, --dict, --emit-spans, --max-record   as for factum code\n"
    "  --batch N            documents per transaction (default 500)\n"
    "  --no-merge           do not link stories after ingesting\n"
    "  --summary            print events per root, top actors and dates of what was stored\n"
    "  --progress / --quiet progress on stderr (default: only when stderr is a terminal);\n"
    "                       --quiet also drops the closing count line (errors are always shown)\n";

int fm_cli_ingest(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, 0, 'b' }, { "date", required_argument, 0, 'd' },
        { "format", required_argument, 0, 'f' }, { "dict", required_argument, 0, 'D' },
        { "emit-spans", no_argument, 0, 'S' }, { "batch", required_argument, 0, 'n' },
        { "no-merge", no_argument, 0, 'M' }, { "progress", no_argument, 0, 'p' },
        { "quiet", no_argument, 0, 'q' }, { "summary", no_argument, 0, 's' }, { "help", no_argument, 0, 'h' },
        { "max-record", required_argument, 0, 'R' },
        { 0, 0, 0, 0 } };
    fm_cli cli = {0};
    fm_cli_summary sum = {0};
    int want_summary = 0;
    fm_reader_options ro = {0};
    fm_options co = {0};
    const char *db = "factum.db", *dicts[64];
    int n_dicts = 0, merge = 1, show = isatty(2), quiet = 0, opt;
    long batch = 500;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'b': db = optarg; break;
        case 'd': if (fm_cli_check_date(optarg)) return fm_cli_usage("ingest", "--date needs YYYY-MM-DD");
                  ro.default_date = co.default_date = optarg; break;
        case 'f': if (fm_format_parse(optarg, &ro.format)) return fm_cli_usage("ingest", "unknown --format"); break;
        case 'D': if (n_dicts == 64) return fm_cli_usage("ingest", "too many --dict"); dicts[n_dicts++] = optarg; break;
        case 'S': co.emit_spans = 1; break;
        case 'n': batch = atol(optarg); if (batch < 1) return fm_cli_usage("ingest", "--batch needs a positive number"); break;
        case 'M': merge = 0; break;
        case 'p': show = 1; break;
        case 's': want_summary = 1; break;
        case 'R':
            if (fm_cli_parse_size(optarg, &ro.max_record)) return fm_cli_usage("ingest", "--max-record needs a size (e.g. 16M)");
            co.max_doc_bytes = ro.max_record;
            break;
        case 'q': show = 0; quiet = 1; break;   /* progress and summary only: errors are always shown */
        case 'h': fputs(INGEST_HELP, stdout); return 0;
        default: return fm_cli_usage("ingest", "unknown option");
        }
    }
    fm_lexicon *lx = fm_cli_lexicon(&cli, dicts, n_dicts);
    if (!lx) return 2;
    fm_store *store = fm_store_open(db, fm_cli_diag, &cli);
    if (!store) { fm_lexicon_free(lx); return 2; }
    fm_coder *coder = fm_coder_new(lx, &co, fm_cli_diag, &cli);
    ingest_stats st = { .t0 = now_s() };
    int n_files = argc - optind;
    for (int i = 0; i < n_files; i++) {
        struct stat sb;
        if (stat(argv[optind + i], &sb) == 0) st.total_bytes += (double)sb.st_size;
    }
    long skipped = 0, in_batch = 0;
    int failed = fm_store_begin(store) != 0;
    char **json = NULL;
    size_t json_cap = 0;
    char *line = NULL;
    size_t llen = 0, lcap = 0;
    for (int fi = 0; fi < (n_files ? n_files : 1) && !failed; fi++) {
        fm_reader *r = fm_reader_open(n_files ? argv[optind + fi] : "-", &ro, fm_cli_diag, &cli);
        if (!r) { skipped++; continue; }
        fm_doc doc;
        while (!failed && fm_reader_next(r, &doc) == 1) {
            st.docs++;
            st.bytes += (double)doc.len;
            char hash[17];
            fm_store_doc_hash(&doc, hash);
            if (fm_store_has_doc(store, doc.id, hash) == 1) { st.unchanged++; continue; }
            const fm_event *ev;
            size_t n;
            if (fm_coder_code(coder, &doc, &ev, &n)) { skipped++; continue; }
            if (n > json_cap) {
                char **p = realloc(json, n * sizeof *p);
                if (!p) { failed = 1; break; }
                json = p;
                json_cap = n;
            }
            /* one buffer for all lines of the document; pointers fixed up after it stops moving */
            llen = 0;
            size_t offs[4096];
            size_t nn = n < 4096 ? n : 4096;
            for (size_t k = 0; k < nn; k++) {
                offs[k] = llen;
                fm_event_write_json(&ev[k], &doc, &line, &llen, &lcap);
                line[llen - 1] = 0;        /* the store takes lines without '\n' */
            }
            for (size_t k = 0; k < nn; k++) json[k] = line + offs[k];
            int rc = fm_store_put_doc(store, &doc, hash, ev, (const char *const *)json, nn);
            if (rc < 0) { failed = 1; break; }
            if (rc == FM_STORE_STORED) { st.stored++; st.events += (long)nn; }
            if (want_summary) { sum.docs++; for (size_t k = 0; k < nn; k++) fm_cli_summary_add(&sum, &ev[k]); }
            if (rc == FM_STORE_BUSY) skipped++;   /* another worker holds it; it stores it */
            if (++in_batch >= batch) {
                if (fm_store_commit(store) || fm_store_begin(store)) failed = 1;
                in_batch = 0;
                if (show) progress(&st, 0);
            }
        }
        skipped += (long)fm_reader_skipped(r);
        fm_reader_close(r);
    }
    if (!failed && fm_store_commit(store)) failed = 1;
    if (failed) fm_store_rollback(store);
    if (!failed && merge) {
        fm_merge_options mo = {0};
        if (fm_store_merge(store, &mo) < 0) failed = 1;
    }
    if (show) progress(&st, 1);
    if (!quiet)
        fprintf(stderr, "factum: %ld documents read, %ld stored, %ld unchanged, %ld events stored in %s\n", st.docs,
                st.stored, st.unchanged, st.events, db);
    if (want_summary) fm_cli_summary_print(&sum);
    free(json);
    free(line);
    fm_coder_free(coder);
    fm_store_close(store);
    fm_lexicon_free(lx);
    return (failed || skipped) ? 2 : 0;
}

/* ---- merge ---- */

static const char MERGE_HELP[] =
    "usage: factum merge --db PATH|postgres://... [--from D] [--to D] [--km K] [--days N]\n"
    "Links the stored events of different documents that report one real-world event into\n"
    "stories (what ingest does at its end); for the last step of a cluster run.\n"
    "  --km K     places at most K km apart (default 50)\n"
    "  --days N   dates at most N days apart (default 1)\n"
    "  --from D, --to D   merge only stories of events dated in the range (YYYY[-MM[-DD]]),\n"
    "             widened so that no story crosses its edges\n";

int fm_cli_merge(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, 0, 'b' }, { "km", required_argument, 0, 'k' },
        { "days", required_argument, 0, 'd' }, { "from", required_argument, 0, 'F' },
        { "to", required_argument, 0, 'T' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    fm_cli cli = {0};
    fm_merge_options mo = {0};
    const char *db = "factum.db";
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'b': db = optarg; break;
        case 'k': mo.max_km = atof(optarg); if (mo.max_km <= 0) return fm_cli_usage("merge", "--km needs a positive number"); break;
        case 'd': mo.window_days = atoi(optarg); if (mo.window_days < 0) return fm_cli_usage("merge", "--days needs a number"); break;
        case 'F': mo.from = optarg; break;
        case 'T': mo.to = optarg; break;
        case 'h': fputs(MERGE_HELP, stdout); return 0;
        default: return fm_cli_usage("merge", "unknown option");
        }
    }
    fm_store *store = fm_store_open(db, fm_cli_diag, &cli);
    if (!store) return 2;
    int rc = fm_store_merge(store, &mo) < 0 ? 2 : 0;
    fm_store_close(store);
    return rc;
}

/* ---- query ---- */

typedef struct query_out { fm_export_format fmt; fm_buf buf; size_t n; fm_cli *cli; } query_out;

static int on_row(void *user, const fm_store_row *row)
{
    query_out *q = user;
    fm_export_event(q->fmt, row->json, row->json_len, row->story, q->n++, &q->buf, fm_cli_diag, q->cli);
    if (q->buf.len > (1 << 16)) { fwrite(q->buf.data, 1, q->buf.len, stdout); fm_buf_clear(&q->buf); }
    return 0;
}

static const char QUERY_HELP[] =
    "usage: factum query --db PATH|postgres://... [filters] [--format F]\n"
    "Events (or stories) from the store, sorted by date.\n"
    "  --from D --to D      event dates (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "  --actor CODE|TEXT    source or target code prefix, or words of its text\n"
    "  --country ISO        alpha-3: source/target country; alpha-2: location country\n"
    "  --code PREFIX        CAMEO code prefix;  --plover TYPE;  --mode M\n"
    "  --near LAT,LON,KM    events within KM of a point\n"
    "  --bbox W,S,E,N       events inside a box (longitudes W..E, latitudes S..N)\n"
    "  --stories            one row per story\n"
    "  --limit N --offset N paging\n"
    "  --format F           jsonl (default), csv, gdelt, acled, geojson\n";

int fm_cli_query(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, 0, 'b' }, { "from", required_argument, 0, 'F' }, { "to", required_argument, 0, 'T' },
        { "actor", required_argument, 0, 'a' }, { "country", required_argument, 0, 'c' },
        { "code", required_argument, 0, 'C' }, { "plover", required_argument, 0, 'P' },
        { "mode", required_argument, 0, 'm' }, { "near", required_argument, 0, 'N' },
        { "bbox", required_argument, 0, 'B' },
        { "stories", no_argument, 0, 's' }, { "limit", required_argument, 0, 'l' },
        { "offset", required_argument, 0, 'o' }, { "format", required_argument, 0, 'f' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    fm_cli cli = {0};
    fm_query q = {0};
    query_out out = { .fmt = FM_EXPORT_JSONL, .cli = &cli };
    const char *db = "factum.db";
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'b': db = optarg; break;
        case 'F': q.from = optarg; break;
        case 'T': q.to = optarg; break;
        case 'a': q.actor = optarg; break;
        case 'c': q.country = optarg; break;
        case 'C': q.code = optarg; break;
        case 'P': q.plover = optarg; break;
        case 'm': q.mode = optarg; break;
        case 'N':
            if (sscanf(optarg, "%lf,%lf,%lf", &q.lat, &q.lon, &q.km) != 3 || q.km <= 0)
                return fm_cli_usage("query", "--near needs LAT,LON,KM");
            q.near = 1;
            break;
        case 'B':
            if (sscanf(optarg, "%lf,%lf,%lf,%lf", &q.bbox[0], &q.bbox[1], &q.bbox[2], &q.bbox[3]) != 4)
                return fm_cli_usage("query", "--bbox needs MINLON,MINLAT,MAXLON,MAXLAT");
            q.has_bbox = 1;
            break;
        case 's': q.stories = 1; break;
        case 'l': q.limit = (size_t)atol(optarg); break;
        case 'o': q.offset = (size_t)atol(optarg); break;
        case 'f': if (fm_export_parse(optarg, &out.fmt)) return fm_cli_usage("query", "unknown --format"); break;
        case 'h': fputs(QUERY_HELP, stdout); return 0;
        default: return fm_cli_usage("query", "unknown option");
        }
    }
    fm_store *store = fm_store_open(db, fm_cli_diag, &cli);
    if (!store) return 2;
    fm_buf_init(&out.buf);
    fm_export_begin(out.fmt, &out.buf);
    long rows = fm_store_query(store, &q, on_row, &out);
    fm_export_end(out.fmt, &out.buf);
    fwrite(out.buf.data ? out.buf.data : "", 1, out.buf.len, stdout);
    fm_buf_free(&out.buf);
    fm_store_close(store);
    if (rows < 0) return cli.warnings ? 1 : 2;   /* a bad filter is a usage error */
    return 0;
}
