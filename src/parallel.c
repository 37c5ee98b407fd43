/* parallel.c — the worker pool of parallel.h: a ring of document slots filled
 * by the submitting thread, coded by whichever coder is free (the worker
 * threads, and the submitting thread itself while the ring is full), delivered
 * in ring order. Coders never print or call back the caller's diag themselves:
 * their messages are kept with the document and replayed at delivery. */
#include "parallel.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_EMPTY = 0, SLOT_READY, SLOT_DONE };

/* A document slot keeps its buffers from one document to the next; one that
 * grew past this is freed after delivery so memory stays flat in input size. */
#define SLOT_KEEP_BYTES (4u << 20)

typedef struct slot {
    int state;                 /* guarded by fm_pool.mu */
    fm_doc doc;                /* points into store */
    fm_buf store;
    int rc;
    fm_buf out, aux;
    fm_buf msgs;               /* per message: level byte, where NUL, msg NUL */
} slot;

typedef struct worker {
    struct fm_pool *pool;
    fm_coder *coder;
    slot *current;             /* the slot being coded, NULL outside coding */
    pthread_t thread;
    int started;
} worker;

struct fm_pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    slot *slots;
    size_t n_slots;
    uint64_t submitted, claimed, delivered;
    int stop;
    worker *workers;
    int n_workers;
    /* the submitting thread's own coder: with one thread per CPU, a submitter
     * that only waited would still wake once per document and take a CPU from
     * a worker each time; coding while the ring is full keeps every CPU busy */
    worker helper;
    fm_pool_render_fn render;
    fm_pool_deliver_fn deliver;
    void *user;
    fm_diag_fn diag;
    void *diag_user;
};

static void pool_diag(void *user, fm_diag_level level, const char *where, const char *msg)
{
    worker *w = user;
    fm_pool *p = w->pool;
    if (!w->current) {         /* fm_coder_new, on the thread that made the pool */
        if (p->diag) p->diag(p->diag_user, level, where, msg);
        return;
    }
    fm_buf *b = &w->current->msgs;
    fm_buf_addc(b, (char)level);
    fm_buf_add(b, where ? where : "", strlen(where ? where : "") + 1);
    fm_buf_add(b, msg ? msg : "", strlen(msg ? msg : "") + 1);
}

/* Codes and renders one claimed slot on w's coder (any thread). */
static void code_slot(worker *w, slot *s)
{
    fm_pool *p = w->pool;
    fm_buf_clear(&s->out);
    fm_buf_clear(&s->aux);
    fm_buf_clear(&s->msgs);
    w->current = s;
    const fm_event *ev = NULL;
    size_t n = 0;
    s->rc = fm_coder_code(w->coder, &s->doc, &ev, &n);
    if (p->render) p->render(p->user, &s->doc, s->rc, ev, s->rc ? 0 : n, &s->out, &s->aux);
    w->current = NULL;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    fm_pool *p = w->pool;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->claimed == p->submitted && !p->stop) pthread_cond_wait(&p->work, &p->mu);
        if (p->claimed == p->submitted) break;
        slot *s = &p->slots[p->claimed++ % p->n_slots];
        pthread_mutex_unlock(&p->mu);
        code_slot(w, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void shrink(fm_buf *b)
{
    if (b->cap > SLOT_KEEP_BYTES) fm_buf_free(b);
}

/* Delivers the oldest document if it is done (or, with wait, once it is).
 * Returns 1 if one was delivered. Only the submitting thread calls this. */
static int deliver_one(fm_pool *p, int wait)
{
    if (p->delivered == p->submitted) return 0;
    slot *s = &p->slots[p->delivered % p->n_slots];
    pthread_mutex_lock(&p->mu);
    while (s->state != SLOT_DONE) {
        if (!wait) { pthread_mutex_unlock(&p->mu); return 0; }
        pthread_cond_wait(&p->done, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);

    for (size_t i = 0; i < s->msgs.len;) {
        const char *where = s->msgs.data + i + 1;
        const char *msg = where + strlen(where) + 1;
        if (p->diag) p->diag(p->diag_user, (fm_diag_level)s->msgs.data[i], where, msg);
        i = (size_t)(msg + strlen(msg) + 1 - s->msgs.data);
    }
    if (p->deliver) p->deliver(p->user, &s->doc, s->rc, &s->out, &s->aux);
    shrink(&s->store);
    shrink(&s->out);
    shrink(&s->aux);
    shrink(&s->msgs);
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_EMPTY;
    p->delivered++;
    pthread_mutex_unlock(&p->mu);
    return 1;
}

/* The submitting thread codes the oldest unclaimed document, if any. Returns 1
 * if it did. Nobody else waits for a slot to be done, so no signal. */
static int help_one(fm_pool *p)
{
    pthread_mutex_lock(&p->mu);
    if (p->claimed == p->submitted) {
        pthread_mutex_unlock(&p->mu);
        return 0;
    }
    slot *s = &p->slots[p->claimed++ % p->n_slots];
    pthread_mutex_unlock(&p->mu);
    code_slot(&p->helper, s);
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_DONE;
    pthread_mutex_unlock(&p->mu);
    return 1;
}

/* Delivers the oldest document, coding queued ones here while it is not done
 * yet. Returns 0 when nothing is left to deliver. */
static int deliver_or_help(fm_pool *p)
{
    if (p->delivered == p->submitted) return 0;
    if (deliver_one(p, 0) || help_one(p)) return 1;
    return deliver_one(p, 1);
}

/* Offset of a copy of s in b, or SIZE_MAX for NULL. */
static size_t keep(fm_buf *b, const char *s, size_t n)
{
    if (!s) return SIZE_MAX;
    size_t at = b->len;
    fm_buf_add(b, s, n);
    fm_buf_addc(b, 0);
    return at;
}

static const char *at(const fm_buf *b, size_t off) { return off == SIZE_MAX ? NULL : b->data + off; }

static int copy_doc(slot *s, const fm_doc *d)
{
    fm_buf *b = &s->store;
    fm_buf_clear(b);
    size_t o_text = keep(b, d->text ? d->text : "", d->text ? d->len : 0);
    size_t o_id = keep(b, d->id, d->id ? strlen(d->id) : 0);
    size_t o_date = keep(b, d->date, d->date ? strlen(d->date) : 0);
    size_t o_title = keep(b, d->title, d->title ? strlen(d->title) : 0);
    size_t o_source = keep(b, d->source, d->source ? strlen(d->source) : 0);
    size_t o_url = keep(b, d->url, d->url ? strlen(d->url) : 0);
    size_t o_where = keep(b, d->where, d->where ? strlen(d->where) : 0);
    if (b->failed) { fm_buf_free(b); return -1; }
    s->doc.text = at(b, o_text);
    s->doc.len = d->text ? d->len : 0;
    s->doc.id = at(b, o_id);
    s->doc.date = at(b, o_date);
    s->doc.title = at(b, o_title);
    s->doc.source = at(b, o_source);
    s->doc.url = at(b, o_url);
    s->doc.where = at(b, o_where);
    return 0;
}

int fm_pool_submit(fm_pool *p, const fm_doc *doc)
{
    while (p->submitted - p->delivered == p->n_slots) deliver_or_help(p);
    slot *s = &p->slots[p->submitted % p->n_slots];
    if (copy_doc(s, doc)) {
        if (p->diag) p->diag(p->diag_user, FM_ERROR, doc->where ? doc->where : doc->id, "out of memory copying the document");
        return -1;
    }
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_READY;
    p->submitted++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    while (deliver_one(p, 0)) {}
    return 0;
}

void fm_pool_drain(fm_pool *p)
{
    while (deliver_or_help(p)) {}
}

void fm_pool_free(fm_pool *p)
{
    if (!p) return;
    fm_pool_drain(p);
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->n_workers; i++) {
        if (p->workers[i].started) pthread_join(p->workers[i].thread, NULL);
        fm_coder_free(p->workers[i].coder);
    }
    fm_coder_free(p->helper.coder);
    for (size_t i = 0; i < p->n_slots; i++) {
        fm_buf_free(&p->slots[i].store);
        fm_buf_free(&p->slots[i].out);
        fm_buf_free(&p->slots[i].aux);
        fm_buf_free(&p->slots[i].msgs);
    }
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->mu);
    free(p->workers);
    free(p->slots);
    free(p);
}

fm_pool *fm_pool_new(const fm_lexicon *lx, const fm_options *opt, int n_threads, fm_pool_render_fn render,
                     fm_pool_deliver_fn deliver, void *user, fm_diag_fn diag, void *diag_user)
{
    if (n_threads < 1) n_threads = 1;
    fm_pool *p = calloc(1, sizeof *p);
    if (!p) goto oom;
    /* enough queued documents that a long one (on the submitting thread too)
     * does not idle the other workers */
    p->n_slots = (size_t)n_threads * 16;
    p->slots = calloc(p->n_slots, sizeof *p->slots);
    /* n_threads - 1 are used: one more keeps calloc away from 0 */
    p->workers = calloc((size_t)n_threads, sizeof *p->workers);
    if (!p->slots || !p->workers) {
        free(p->slots);
        free(p->workers);
        free(p);
        goto oom;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    p->render = render;
    p->deliver = deliver;
    p->user = user;
    p->diag = diag;
    p->diag_user = diag_user;
    p->helper.pool = p;
    p->helper.coder = fm_coder_new(lx, opt, pool_diag, &p->helper);
    if (!p->helper.coder) {
        if (diag) diag(diag_user, FM_ERROR, "pool", "cannot make a coder");
        fm_pool_free(p);
        return NULL;
    }
    for (int i = 0; i < n_threads - 1; i++) {
        worker *w = &p->workers[i];
        w->pool = p;
        p->n_workers = i + 1;
        w->coder = fm_coder_new(lx, opt, pool_diag, w);
        if (!w->coder) {
            if (diag) diag(diag_user, FM_ERROR, "pool", "cannot make a coder for a worker thread");
            fm_pool_free(p);
            return NULL;
        }
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            if (diag) diag(diag_user, FM_ERROR, "pool", "cannot start a worker thread");
            fm_pool_free(p);
            return NULL;
        }
        w->started = 1;
    }
    return p;
oom:
    if (diag) diag(diag_user, FM_ERROR, "pool", "out of memory");
    return NULL;
}
