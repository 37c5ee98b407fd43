/* test_serve.c — unit checks of the server's start-up rules (listen address,
 * loopback, token, store) and, with --serve, a small driver that runs the
 * server for tests/t_serve.sh until `factum serve` is wired into main.c. */
#include "serve.h"
#include "tap.h"
#include <signal.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct seen { int errors; char last[256]; } seen;

static void diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    seen *s = user;
    if (lv == FM_ERROR) s->errors++;
    snprintf(s->last, sizeof s->last, "%s", msg);
}

static void print_diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    fprintf(stderr, "test_serve: %s: %s\n", where, msg);
}

/* test_serve --serve DB LISTEN [TOKEN]: prints the port on stdout, stops on SIGTERM. */
static int drive(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: test_serve --serve DB LISTEN [TOKEN]\n"); return 1; }
    fm_serve_options o = { 0 };
    o.db = argv[2];
    o.listen = argv[3];
    o.token = argc > 4 ? argv[4] : NULL;
    o.max_body = 64 * 1024;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    fm_server *srv = fm_serve_start(&o, print_diag, NULL);
    if (!srv) return 2;
    printf("%u\n", fm_serve_port(srv));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    fm_serve_stop(srv);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--serve")) return drive(argc, argv);

    TAP_OK(fm_serve_is_loopback("127.0.0.1:8080") == 1, "127.0.0.1 is loopback");
    TAP_OK(fm_serve_is_loopback("127.3.4.5:0") == 1, "all of 127/8 is loopback");
    TAP_OK(fm_serve_is_loopback("[::1]:8080") == 1, "[::1] is loopback");
    TAP_OK(fm_serve_is_loopback("0.0.0.0:8080") == 0, "0.0.0.0 is not loopback");
    TAP_OK(fm_serve_is_loopback("10.1.2.3:80") == 0, "10.1.2.3 is not loopback");
    TAP_OK(fm_serve_is_loopback("[::]:80") == 0, "[::] is not loopback");
    TAP_OK(fm_serve_is_loopback("127.0.0.1") == -1, "an address without a port is refused");
    TAP_OK(fm_serve_is_loopback("127.0.0.1:70000") == -1, "a port above 65535 is refused");
    TAP_OK(fm_serve_is_loopback("127.0.0.1:8x") == -1, "a port with letters is refused");
    TAP_OK(fm_serve_is_loopback("[::1:80") == -1, "an unclosed IPv6 bracket is refused");

    char dir[] = "/tmp/factum-test-serve-XXXXXX";
    if (!mkdtemp(dir)) { TAP_OK(0, "mkdtemp"); return TAP_DONE(); }
    char db[256];
    snprintf(db, sizeof db, "%s/s.db", dir);

    seen s = { 0 };
    fm_serve_options o = { 0 };
    o.db = db;
    o.listen = "0.0.0.0:0";
    fm_server *srv = fm_serve_start(&o, diag, &s);
    TAP_OK(!srv && s.errors == 1, "a non-loopback address without a token does not start");
    TAP_OK(strstr(s.last, "--token-file") != NULL, "and the message says how to fix it");

    o.listen = "127.0.0.1:0";
    o.db = NULL;
    s.errors = 0;
    srv = fm_serve_start(&o, diag, &s);
    TAP_OK(!srv && s.errors == 1, "no store: does not start");

    o.db = db;
    o.token = "has space";
    s.errors = 0;
    srv = fm_serve_start(&o, diag, &s);
    TAP_OK(!srv && s.errors == 1, "a token with a space is refused");

    o.token = NULL;
    o.web_dir = dir;          /* no page files here: warnings, still serves the API */
    o.node_dir = dir;
    s.errors = 0;
    srv = fm_serve_start(&o, diag, &s);
    TAP_OK(srv != NULL && s.errors == 0, "starts on 127.0.0.1:0 with a new store");
    TAP_OK(srv && fm_serve_port(srv) > 0, "and reports the port it bound (%u)", srv ? fm_serve_port(srv) : 0);
    fm_serve_stop(srv);

    o.listen = "0.0.0.0:0";
    o.token = "0123456789abcdef";
    s.errors = 0;
    srv = fm_serve_start(&o, diag, &s);
    TAP_OK(srv != NULL, "a non-loopback address with a token starts");
    fm_serve_stop(srv);

    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) TAP_OK(0, "cleanup");
    return TAP_DONE();
}
