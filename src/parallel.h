/* parallel.h — codes documents on N threads (one fm_coder each, one shared
 * read-only fm_lexicon): N - 1 workers plus the submitting thread, which codes
 * too while the queue is full. Results come back in input order on the
 * submitting thread, so output bytes do not depend on N. */
#ifndef FM_PARALLEL_H
#define FM_PARALLEL_H
#include "factum.h"
#include "buf.h"

typedef struct fm_pool fm_pool;

/* Runs on a worker thread right after doc was coded (rc as fm_coder_code):
 * turns the events, valid only now, into bytes in out (JSON lines, rows) and
 * aux (anything else the deliverer needs, e.g. summary rows). */
typedef void (*fm_pool_render_fn)(void *user, const fm_doc *doc, int rc, const fm_event *ev, size_t n,
                                  fm_buf *out, fm_buf *aux);
/* Runs on the submitting thread, once per document, in submission order. The
 * document's messages have been passed to diag just before. */
typedef void (*fm_pool_deliver_fn)(void *user, const fm_doc *doc, int rc, const fm_buf *out, const fm_buf *aux);

/* n_threads >= 1 coding threads, the caller's included. diag receives every message on the submitting thread
 * (coding messages in document order), so it need not be thread-safe.
 * Returns NULL (reported) when threads or coders cannot be made. */
fm_pool *fm_pool_new(const fm_lexicon *lx, const fm_options *opt, int n_threads, fm_pool_render_fn render,
                     fm_pool_deliver_fn deliver, void *user, fm_diag_fn diag, void *diag_user);
/* Copies doc (the caller may reuse its memory at once) and queues it. While
 * the queue is full, codes queued documents here and delivers finished ones.
 * Returns 0, or -1 if the copy could not be made (reported, doc not queued). */
int fm_pool_submit(fm_pool *p, const fm_doc *doc);
/* Waits for every queued document and delivers it. */
void fm_pool_drain(fm_pool *p);
/* Drains, stops the threads and frees everything. NULL is fine. */
void fm_pool_free(fm_pool *p);
#endif
