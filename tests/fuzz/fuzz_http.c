/* fuzz_http.c — libFuzzer harness for the HTTP API's query-string and body
 * parsing (src/serve.c): those parsers are static and run on libmicrohttpd
 * connections, so the harness starts a real server on loopback over a small
 * SQLite store and sends each input as a request. FUZZ_HTTP_BODY: the input is
 * the body of POST /api/code; else byte 0 picks the endpoint and the rest is
 * its query string (or event id). A 5xx answer or no answer is a failure. */
#include "fuzz_common.h"
#include "serve.h"
#include "store.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

static fm_server *srv;
static unsigned port;

static const char *const ARTICLES[] = {
    "BAGHDAD, April 21 (Reuters) - At least five rockets were fired from the town of Zummar at a US military "
    "base in northeastern Syria on Sunday, two Iraqi security sources told Reuters.",
    "Iraqi troops attacked Islamic State militants near Mosul on Sunday. Iran denied it had sent weapons.",
    "Protesters demonstrated in Basra on Monday; police arrested 12 people, officials said.",
};

/* A few stored events so that the list, bbox and story code paths run. */
static int seed_store(const char *db)
{
    fm_lexicon *lx = fm_lexicon_new(fuzz_diag, NULL);
    if (!lx || fm_lexicon_load_default(lx) || fm_lexicon_finish(lx)) return -1;
    fm_options o = { .default_date = "2024-04-22" };
    fm_coder *c = fm_coder_new(lx, &o, fuzz_diag, NULL);
    fm_store *s = fm_store_open(db, fuzz_diag, NULL);
    if (!c || !s || fm_store_begin(s)) return -1;
    for (size_t d = 0; d < sizeof ARTICLES / sizeof *ARTICLES; d++) {
        char id[8];
        snprintf(id, sizeof id, "a%zu", d);
        fm_doc doc = { .id = id, .date = "2024-04-22", .text = ARTICLES[d], .len = strlen(ARTICLES[d]), .where = id };
        const fm_event *ev;
        size_t n;
        if (fm_coder_code(c, &doc, &ev, &n)) continue;
        char *buf = NULL, *json[64];
        size_t len = 0, cap = 0, offs[64];
        if (n > 64) n = 64;
        for (size_t i = 0; i < n; i++) {
            offs[i] = len;
            fm_event_write_json(&ev[i], &doc, &buf, &len, &cap);
            buf[len - 1] = 0;
        }
        for (size_t i = 0; i < n; i++) json[i] = buf + offs[i];
        char hash[17];
        fm_store_doc_hash(&doc, hash);
        fm_store_put_doc(s, &doc, hash, ev, (const char *const *)json, n);
        free(buf);
    }
    fm_merge_options mo = {0};
    int rc = fm_store_commit(s) || fm_store_merge(s, &mo) < 0;
    fm_store_close(s);
    fm_coder_free(c);
    fm_lexicon_free(lx);
    return rc ? -1 : 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *dir = fuzz_tmpdir();
    static char db[256];
    if (!dir) exit(1);
    snprintf(db, sizeof db, "%s/fuzz.db", dir);
    if (seed_store(db)) { fprintf(stderr, "fuzz_http: cannot seed %s\n", db); exit(1); }
    fm_serve_options so = { .db = db, .listen = "127.0.0.1:0", .max_body = 65536, .threads = 2,
                             /* the fuzzer posts thousands a second: no rate limit */
                             .code_per_minute = 4000000000u, .code_burst = 4000000000u };
    srv = fm_serve_start(&so, fuzz_diag, NULL);
    if (!srv) { fprintf(stderr, "fuzz_http: server did not start\n"); exit(1); }
    port = fm_serve_port(srv);
    return 0;
}

#ifndef FUZZ_HTTP_BODY
/* Bytes that cannot stand in a request target are sent percent-encoded, so
 * the server's parsers see them decoded; '%', '&' and '=' pass as they are so
 * bad escapes and odd pairings reach libmicrohttpd and then factum. */
static size_t encode_target(const uint8_t *s, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = 0;
    for (size_t i = 0; i < n && k + 3 < cap; i++) {
        uint8_t c = s[i];
        if (c <= 0x20 || c >= 0x7f || c == '#' || c == '?' || c == '"' || c == '\\') {
            out[k++] = '%'; out[k++] = hex[c >> 4]; out[k++] = hex[c & 15];
        } else out[k++] = (char)c;
    }
    out[k] = 0;
    return k;
}
#endif

/* libFuzzer's timeout timer (SIGALRM, without SA_RESTART) interrupts the
 * harness's own reads and writes: an EINTR is retried, not taken for a server
 * that did not answer. */
static int write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return 0;
        s += w;
        n -= (size_t)w;
    }
    return 1;
}

static void request(const char *head, size_t head_len, const uint8_t *body, size_t body_len)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a)) { close(fd); return; }
    int ok = write_all(fd, head, head_len) && write_all(fd, body, body_len);
    /* Keep the head of the answer; read the rest of it into scratch. */
    char reply[4096], rest[4096];
    size_t got = 0;
    ssize_t r;
    while (ok) {
        r = got < sizeof reply ? read(fd, reply + got, sizeof reply - got) : read(fd, rest, sizeof rest);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (got < sizeof reply) got += (size_t)r;
    }
    close(fd);
    if (!ok) return;
    if (got < 12 || memcmp(reply, "HTTP/1.", 7) != 0) {
        fprintf(stderr, "fuzz_http: no answer (%zu bytes) to %.*s\n", got, (int)head_len, head);
        __builtin_trap();
    }
    if (reply[9] == '5') {
        fprintf(stderr, "fuzz_http: server error for %.*s\n%.*s\n", (int)head_len, head, (int)(got < 400 ? got : 400), reply);
        __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char head[32768];
#ifdef FUZZ_HTTP_BODY
    if (size > 65536) return 0;
    int n = snprintf(head, sizeof head,
                     "POST /api/code?date=2024-04-22 HTTP/1.0\r\nContent-Type: text/plain\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n", size);
    request(head, (size_t)n, data, size);
#else
    static char target[24576];
    if (size < 1 || size > 8000) return 0;
    static const char *const paths[] = { "/api/events?", "/api/events.geojson?", "/api/stories?", "/api/stats?",
                                         "/api/events/", "/api/code?" };
    unsigned which = data[0] % 6;
    encode_target(data + 1, size - 1, target, sizeof target);
    int post = which == 5;
    int n = snprintf(head, sizeof head, "%s %s%s HTTP/1.0\r\n%sConnection: close\r\n\r\n%s", post ? "POST" : "GET",
                     paths[which], target, post ? "Content-Length: 28\r\n" : "", post ? "Iraqi troops attacked Mosul." : "");
    if (n > 0 && (size_t)n < sizeof head) request(head, (size_t)n, NULL, 0);
#endif
    return 0;
}
