/* cli_serve.c — `factum serve`: options, the token file, signals. The server
 * itself is serve.c; this file prints (it is the program) and waits for
 * SIGINT/SIGTERM to stop it cleanly. */
#include "cli.h"
#include "serve.h"
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SERVE_HELP[] =
    "usage: factum serve --db PATH|postgres://... [options]\n"
    "Serves the store read-only over HTTP: a JSON API (/api/events, /api/events/ID,\n"
    "/api/stories, /api/stats, /api/events.geojson, POST /api/code) and a web page\n"
    "with a map, a timeline and the evidence of each event.\n"
    "  --db URL              SQLite file or PostgreSQL connection string (required)\n"
    "  --listen HOST:PORT    address to listen on (default 127.0.0.1:8080; port 0 = any free port)\n"
    "  --token-file FILE     require the token in FILE (first line): 'Authorization: Bearer TOKEN',\n"
    "                        or open the page once as /?token=TOKEN\n"
    "  --public              allow a non-loopback address without a token\n"
    "  --web DIR             the page's files (default: the source tree's web/)\n"
    "  --node-modules DIR    leaflet, world-atlas, ... (default: the source tree's node_modules/)\n"
    "  --max-body BYTES      largest POST /api/code body (default 262144)\n"
    "  --max-connections N   concurrent connections (default 64)\n"
    "  --timeout SECONDS     idle connection timeout (default 30)\n"
    "  --threads N           worker threads (default 4); at most N-1 code POSTed text at once\n"
    "  --code-rate N         POST /api/code requests a client may make a minute (default 30,\n"
    "                        10 at once); more get 429 with Retry-After\n"
    "  -q, --quiet           no messages on stderr\n"
    "  -h, --help            this help\n"
    "Stops on SIGINT or SIGTERM. Exit status: 0 stopped cleanly, 1 usage error, 2 could not start.\n";

/* Messages come from the server's threads: one line at a time. */
typedef struct serve_log { pthread_mutex_t lock; int quiet; } serve_log;

static void serve_diag(void *user, fm_diag_level level, const char *where, const char *msg)
{
    serve_log *log = user;
    if (log->quiet) return;
    pthread_mutex_lock(&log->lock);
    fprintf(stderr, "factum: %s: %s%s\n", where ? where : "?", level == FM_ERROR ? "error: " : "", msg);
    pthread_mutex_unlock(&log->lock);
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v == 0 || v > max) return -1;
    *out = v;
    return 0;
}

/* The first line of path, without surrounding white space; NULL on error. */
static char *read_token(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) return NULL;
    char line[256];
    char *tok = NULL;
    if (fgets(line, sizeof line, fp)) {
        char *s = line, *e = line + strlen(line);
        while (*s == ' ' || *s == '\t') s++;
        while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) *--e = 0;
        if (*s) tok = strdup(s);
    }
    fclose(fp);
    return tok;
}

int fm_cli_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, 0, 'b' }, { "listen", required_argument, 0, 'l' },
        { "token-file", required_argument, 0, 't' }, { "public", no_argument, 0, 'P' },
        { "web", required_argument, 0, 'w' }, { "node-modules", required_argument, 0, 'n' },
        { "max-body", required_argument, 0, 'B' }, { "max-connections", required_argument, 0, 'C' },
        { "timeout", required_argument, 0, 'T' }, { "threads", required_argument, 0, 'j' },
        { "code-rate", required_argument, 0, 'R' },
        { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    fm_serve_options so = { 0 };
    serve_log log = { PTHREAD_MUTEX_INITIALIZER, 0 };
    const char *token_file = NULL;
    unsigned long v;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'b': so.db = optarg; break;
        case 'l': so.listen = optarg; break;
        case 't': token_file = optarg; break;
        case 'P': so.public_ok = 1; break;
        case 'w': so.web_dir = optarg; break;
        case 'n': so.node_dir = optarg; break;
        case 'B': if (parse_count(optarg, 64ul << 20, &v)) return fm_cli_usage("serve", "--max-body needs 1..67108864");
                  so.max_body = v; break;
        case 'C': if (parse_count(optarg, 10000, &v)) return fm_cli_usage("serve", "--max-connections needs 1..10000");
                  so.max_connections = (unsigned)v; break;
        case 'T': if (parse_count(optarg, 3600, &v)) return fm_cli_usage("serve", "--timeout needs 1..3600 seconds");
                  so.timeout_s = (unsigned)v; break;
        case 'j': if (parse_count(optarg, 256, &v)) return fm_cli_usage("serve", "--threads needs 1..256");
                  so.threads = (unsigned)v; break;
        case 'R': if (parse_count(optarg, 1000000, &v)) return fm_cli_usage("serve", "--code-rate needs 1..1000000");
                  so.code_per_minute = (unsigned)v; break;
        case 'q': log.quiet = 1; break;
        case 'h': fputs(SERVE_HELP, stdout); return 0;
        default: return fm_cli_usage("serve", "unknown option");
        }
    }
    if (optind < argc) return fm_cli_usage("serve", "unexpected argument");
    if (!so.db) return fm_cli_usage("serve", "--db is required");
    if (so.listen && fm_serve_is_loopback(so.listen) < 0)
        return fm_cli_usage("serve", "--listen needs HOST:PORT or [IPv6]:PORT");
    char *token = NULL;
    if (token_file) {
        token = read_token(token_file);
        if (!token) {
            fprintf(stderr, "factum serve: cannot read a token from --token-file\n");
            return 1;
        }
        so.token = token;
    }
    /* Block the stop signals before the server's threads start, so they
     * inherit the mask and only sigwait below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    fm_server *srv = fm_serve_start(&so, serve_diag, &log);
    free(token);
    if (!srv) return 2;
    const char *listen = so.listen ? so.listen : "127.0.0.1:8080";
    const char *colon = strrchr(listen, ':');
    if (!log.quiet)
        fprintf(stderr, "factum serve: listening on http://%.*s:%u/\n", (int)(colon - listen), listen,
                fm_serve_port(srv));
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    fm_serve_stop(srv);
    if (!log.quiet) fprintf(stderr, "factum serve: stopped\n");
    pthread_mutex_destroy(&log.lock);
    return 0;
}
