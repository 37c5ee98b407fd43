/* serve.h — `factum serve`: an HTTP API over an event store (read-only) and
 * the web page (map, timeline, evidence), on libmicrohttpd. The server owns
 * its store handle, lexicon and coder; it never prints (diag callback only). */
#ifndef FM_SERVE_H
#define FM_SERVE_H
#include <stddef.h>
#include "factum.h"

typedef struct fm_serve_options {
    const char *db;              /* store: SQLite path or postgres:// URL (required) */
    const char *listen;          /* "HOST:PORT", "[V6]:PORT" (default 127.0.0.1:8080; port 0 = any) */
    const char *token;           /* when set, every request needs it (Bearer header, cookie or ?token= on /) */
    int public_ok;               /* 1: a non-loopback address without a token is allowed */
    const char *web_dir;         /* index.html, app.js, style.css (default: the repo's web/) */
    const char *node_dir;        /* node_modules with leaflet etc. (default: the repo's node_modules/) */
    size_t max_body;             /* POST /api/code body limit (0 = 256 KiB) */
    unsigned max_connections;    /* 0 = 64 */
    unsigned timeout_s;          /* idle connection timeout (0 = 30 s) */
    unsigned threads;            /* worker threads (0 = 4) */
    unsigned code_per_minute;    /* POST /api/code requests a client may make a minute (0 = 30) */
    unsigned code_burst;         /* ... of which at once (0 = 10, or code_per_minute if smaller) */
} fm_serve_options;

typedef struct fm_server fm_server;

/* Opens the store, loads the default lexicon and the page's files, starts
 * listening. NULL on failure (reported through diag). Refuses a non-loopback
 * address without a token unless public_ok. */
fm_server *fm_serve_start(const fm_serve_options *opt, fm_diag_fn diag, void *user);
/* The port actually bound (useful with port 0). */
unsigned fm_serve_port(const fm_server *srv);
/* Stops listening, waits for requests in flight, frees everything. */
void fm_serve_stop(fm_server *srv);

/* Address parsing shared with the CLI: 1 when "HOST:PORT" names a loopback
 * address, 0 when not, -1 when it cannot be parsed. */
int fm_serve_is_loopback(const char *listen);
#endif
