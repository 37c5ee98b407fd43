/* test_store.c — the event store on SQLite (always) and PostgreSQL (when
 * FACTUM_TEST_PG holds a conninfo, see tests/t_store_pg.sh): idempotent
 * ingest, replacement, queries, stories, crash safety, concurrent workers. */
#define _GNU_SOURCE
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "export.h"
#include "store.h"
#include "tap.h"

static int n_errors;
static char all_messages[4096];
static void diag(void *user, fm_diag_level lv, const char *where, const char *msg)
{
    if (lv == FM_ERROR) n_errors++;
    size_t n = strlen(all_messages);
    snprintf(all_messages + n, sizeof all_messages - n, "%s: %s\n", where, msg);
    if (!user) printf("# %s: %s\n", where, msg);
}

/* ---- hand-made events ---------------------------------------------------- */

typedef struct test_doc {
    fm_doc doc;
    fm_event ev[3];
    size_t n;
} test_doc;

static fm_event event(const char *id, const char *code, fm_mode mode, const char *date,
                      const char *src_code, const char *src_country, const char *tgt_code, const char *tgt_country,
                      const char *place, const char *cc, double lat, double lon)
{
    fm_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.id, sizeof e.id, "%s", id);
    snprintf(e.code, sizeof e.code, "%s", code);
    snprintf(e.root, sizeof e.root, "%.2s", code);
    e.plover_event = code[0] == '1' && code[1] >= '8' ? "ASSAULT" : code[0] == '0' && code[1] == '4' ? "CONSULT" : "OTHER";
    e.quad_class = code[0] == '1' && code[1] >= '8' ? 4 : 1;
    e.goldstein = code[0] == '1' && code[1] >= '8' ? -10.0 : 1.0;
    e.mode = mode;
    snprintf(e.date, sizeof e.date, "%s", date);
    e.date_precision = strlen(date) == 10 ? "day" : strlen(date) == 7 ? "month" : "year";
    e.source = (fm_actor){ "", src_code, src_country, NULL, 0, 0 };
    if (tgt_code || tgt_country) {
        e.target = (fm_actor){ tgt_code ? tgt_code : "", tgt_code, tgt_country, NULL, 0, 0 };
        e.has_target = 1;
    }
    if (place) {
        e.has_location = 1;
        e.location.name = place;
        memcpy(e.location.country, cc, 2);
        e.location.lat = lat;
        e.location.lon = lon;
        e.location.precision = "town";
    }
    e.sentence_index = 0;
    e.sentence_start = 0;
    e.sentence_end = 10;
    return e;
}

static test_doc docs[6];
static const char *const doc_texts[6] = {
    "Rockets were fired from Zummar at a US base, two Iraqi security sources told Reuters.",
    "An Iraqi drone struck a US base near Zummar on Sunday, AP reported.",
    "Kataib Hezbollah denied firing rockets at the US base near Zummar.",
    "The US Secretary of State met his French counterpart in Paris.",
    "Militants fired rockets at a US base in Zummar in March.",
    "Iraqi officials said they would consider talks.",
};

static void make_docs(void)
{
    static const char *const ids[6] = { "rtr-1", "ap-2", "aj-3", "afp-4", "rtr-5", "rtr-6" };
    static const char *const sources[6] = { "Reuters", "AP", "Al Jazeera", "AFP", "Reuters", "Reuters" };
    static const char *const dates[6] = { "2024-04-22", "2024-04-22", "2024-04-23", "2024-04-21", "2024-03-02", "2024-04-22" };
    for (int i = 0; i < 6; i++) {
        memset(&docs[i], 0, sizeof docs[i]);
        docs[i].doc = (fm_doc){ ids[i], dates[i], NULL, sources[i], NULL, doc_texts[i], strlen(doc_texts[i]), "test" };
    }
    docs[0].ev[0] = event("a000000000000001", "190", FM_MODE_REPORTED, "2024-04-21", NULL, "IRQ", "USAMIL", "USA",
                          "Zummar", "IQ", 36.6, 42.4);
    docs[0].ev[0].attribution[0] = (fm_attribution){ "two Iraqi security sources", "IRQSEC", "Reuters" };
    docs[0].ev[0].n_attribution = 1;
    docs[0].ev[0].quantities.killed = (fm_count){ 1, 2, NULL };
    docs[0].n = 1;
    /* 7 km away, another code of the same family, same day */
    docs[1].ev[0] = event("b000000000000002", "195", FM_MODE_ASSERTED, "2024-04-21", "IRQ", "IRQ", "USAMIL", "USA",
                          "Zummar", "IQ", 36.65, 42.45);
    docs[1].n = 1;
    docs[2].ev[0] = event("c000000000000003", "190", FM_MODE_DENIED, "2024-04-21", "IRQMIL", "IRQ", "USAMIL", "USA",
                          "Zummar", "IQ", 36.6, 42.4);
    docs[2].n = 1;
    docs[3].ev[0] = event("d000000000000004", "042", FM_MODE_ASSERTED, "2024-04-21", "USAGOV", "USA", "FRAGOV", "FRA",
                          "Paris", "FR", 48.8566, 2.3522);
    docs[3].ev[0].source.text = "US Secretary of State";
    docs[3].ev[1] = event("d000000000000005", "036", FM_MODE_HYPOTHETICAL, "2024-04", "USAGOV", "USA", "FRAGOV", "FRA",
                          NULL, NULL, 0, 0);
    docs[3].ev[1].sentence_index = 1;
    docs[3].ev[1].sentence_start = 11;
    docs[3].ev[1].sentence_end = 20;
    docs[3].n = 2;
    /* same place and actors, but six weeks earlier */
    docs[4].ev[0] = event("0e00000000000006", "190", FM_MODE_ASSERTED, "2024-03-01", NULL, "IRQ", "USAMIL", "USA",
                          "Zummar", "IQ", 36.6, 42.4);
    docs[4].n = 1;
    docs[5].n = 0;   /* a document with no events is still stored (and not re-coded) */
}

static int put(fm_store *s, int i)
{
    char hash[17];
    fm_store_doc_hash(&docs[i].doc, hash);
    return fm_store_put_doc(s, &docs[i].doc, hash, docs[i].ev, NULL, docs[i].n);
}

/* ---- query collection -------------------------------------------------- */

static int collect(void *user, const fm_store_row *r)
{
    fm_buf *b = user;
    fm_buf_adds(b, r->event_id);
    if (r->story) fm_buf_printf(b, "@%s/%d/%d/%d/%d/%d/%d", r->story->id, r->story->n_events, r->story->n_documents,
                                r->story->n_sources, r->story->n_mentions, r->story->n_denials, r->story->contested);
    fm_buf_addc(b, ' ');
    return 0;
}

static const char *run_query(fm_store *s, const fm_query *q, fm_buf *b)
{
    fm_buf_clear(b);
    fm_buf_adds(b, "");
    if (fm_store_query(s, q, collect, b) < 0) return "(error)";
    if (b->len && b->data[b->len - 1] == ' ') b->data[--b->len] = 0;
    return fm_buf_cstr(b);
}

static void dump_all(fm_store *s, fm_buf *out)
{
    fm_buf tmp;
    fm_buf_init(&tmp);
    fm_query q = { 0 };
    fm_buf_clear(out);
    fm_buf_adds(out, run_query(s, &q, &tmp));
    q.stories = 1;
    fm_buf_adds(out, " | ");
    fm_buf_adds(out, run_query(s, &q, &tmp));
    fm_buf_free(&tmp);
}

static int collect_count(void *user, const char *key, int64_t n)
{
    fm_buf *b = user;
    fm_buf_printf(b, "%s%s=%lld", b->len ? " " : "", key ? key : "NULL", (long long)n);
    return 0;
}

static const char *run_count(fm_store *s, const fm_query *q, const char *by, fm_buf *b)
{
    fm_buf_clear(b);
    fm_buf_adds(b, "");
    if (fm_store_count_by(s, q, by, collect_count, b) < 0) return "(error)";
    return fm_buf_cstr(b);
}

static int collect_event(void *user, const fm_store_event *ev)
{
    fm_buf *b = user;
    fm_buf_printf(b, "%s%s:%s:%s:%s", b->len ? " " : "", ev->event_id, ev->relation ? ev->relation : "-",
                  ev->doc_id, ev->source ? ev->source : "-");
    /* the record is the stored line of this event */
    if (!strstr(ev->json, ev->event_id) || strlen(ev->json) != ev->json_len) fm_buf_adds(b, "(bad json)");
    return 0;
}

static int collect_story(void *user, const char *relation, const fm_story_info *st)
{
    fm_buf *b = user;
    fm_buf_printf(b, "%s%s:%s/%d/%d", b->len ? " " : "", relation, st->id, st->n_events, st->n_denials);
    return 0;
}

/* The store functions serve.c uses, on the scenario's store after its merge. */
static void lookups(fm_store *s, const char *label)
{
    fm_buf b;
    fm_buf_init(&b);
    fm_query q = { 0 };
    TAP_STREQ(run_count(s, &q, NULL, &b), "NULL=6", "%s: count_by NULL is the total", label);
    TAP_STREQ(run_count(s, &q, "root", &b), "03=1 04=1 19=4", "%s: count_by root", label);
    TAP_STREQ(run_count(s, &q, "date", &b), "2024-03-01=1 2024-04=1 2024-04-21=4", "%s: count_by date", label);
    TAP_STREQ(run_count(s, &q, "quad_class", &b), "1=2 4=4", "%s: count_by quad_class (as text)", label);
    q = (fm_query){ .code = "19" };
    TAP_STREQ(run_count(s, &q, "mode", &b), "asserted=2 denied=1 reported=1", "%s: count_by mode with a filter", label);
    q = (fm_query){ .stories = 1 };
    TAP_STREQ(run_count(s, &q, "root", &b), "04=1 19=2", "%s: count_by over stories", label);
    q = (fm_query){ .near = 1, .lat = 36.6, .lon = 42.4, .km = 5 };
    TAP_STREQ(run_count(s, &q, "source_country", &b), "IRQ=3", "%s: count_by with near (distance checked)", label);
    TAP_STREQ(run_count(s, &q, NULL, &b), "NULL=3", "%s: total with near", label);
    q = (fm_query){ .near = 1, .lat = 0, .lon = 0, .km = 5 };
    TAP_STREQ(run_count(s, &q, NULL, &b), "NULL=0", "%s: total with near and nothing in reach", label);
    q = (fm_query){ .has_bbox = 1, .bbox = { 42.3, 36.55, 42.42, 36.62 } };
    TAP_STREQ(run_count(s, &q, "location_country", &b), "IQ=3", "%s: count_by with bbox", label);
    n_errors = 0;
    q = (fm_query){ 0 };
    TAP_STREQ(run_count(s, &q, "json; DROP TABLE events", &b), "(error)", "%s: count_by an unknown column is refused", label);
    TAP_OK(n_errors == 1 && fm_store_count(s, "events") == 6, "%s: reported, nothing run", label);

    fm_buf_clear(&b);
    int found = fm_store_get_event(s, "a000000000000001", collect_event, &b);
    TAP_OK(found == 1, "%s: get_event finds a stored event", label);
    TAP_STREQ(fm_buf_cstr(&b), "a000000000000001:-:rtr-1:Reuters", "%s: with its document", label);
    found = fm_store_get_event(s, "ffffffffffffffff", collect_event, &b);
    TAP_OK(found == 0, "%s: get_event of an unknown id is 0", label);
    fm_buf_clear(&b);
    long n = fm_store_event_stories(s, "c000000000000003", collect_story, &b);
    TAP_OK(n == 1, "%s: the denial denies one story", label);
    TAP_STREQ(fm_buf_cstr(&b), "denial:a000000000000001/2/1", "%s: event_stories of the denial", label);
    fm_buf_clear(&b);
    fm_store_event_stories(s, "b000000000000002", collect_story, &b);
    TAP_STREQ(fm_buf_cstr(&b), "member:a000000000000001/2/1", "%s: event_stories of a member", label);
    fm_buf_clear(&b);
    n = fm_store_story_events(s, "a000000000000001", 0, collect_event, &b);
    TAP_STREQ(fm_buf_cstr(&b), "a000000000000001:member:rtr-1:Reuters b000000000000002:member:ap-2:AP "
              "c000000000000003:denial:aj-3:Al Jazeera", "%s: story_events: members and the denial, by date and id", label);
    fm_buf_clear(&b);
    n = fm_store_story_events(s, "a000000000000001", 2, collect_event, &b);
    TAP_OK(n == 2, "%s: story_events honours its limit", label);
    n = fm_store_story_events(s, "0000000000000000", 0, collect_event, &b);
    TAP_OK(n == 0, "%s: story_events of no story is empty", label);
    fm_buf_free(&b);
}

/* A read-only handle reads everything and writes nothing. */
static void read_only(const char *url, const char *label)
{
    n_errors = 0;
    fm_store *s = fm_store_open_readonly(url, diag, (void *)1);
    TAP_OK(s != NULL && n_errors == 0, "%s: read-only open", label);
    if (!s) return;
    fm_buf b;
    fm_buf_init(&b);
    fm_query q = { .code = "195" };
    TAP_STREQ(run_query(s, &q, &b), "b000000000000002@a000000000000001/2/3/3/3/1/1", "%s: read-only: queries work", label);
    int rc = fm_store_begin(s);
    TAP_OK(rc == -1 && n_errors == 1 && strstr(all_messages, "read-only"), "%s: read-only: begin refused", label);
    rc = put(s, 0);
    TAP_OK(rc == -1, "%s: read-only: put_doc refused", label);
    fm_merge_options mo = { 0 };
    rc = fm_store_merge(s, &mo);
    TAP_OK(rc == -1, "%s: read-only: merge refused", label);
    /* Even SQL that slips past the API cannot write. */
    rc = s->be->exec(s, "DELETE FROM stories");
    TAP_OK(rc == -1 && fm_store_count(s, "stories") == 3, "%s: read-only: the connection refuses writes", label);
    fm_buf_free(&b);
    fm_store_close(s);
}

/* ---- the scenario, for either backend ------------------------------------ */

static void scenario(const char *url, const char *label, fm_buf *result)
{
    fm_store *s = fm_store_open(url, diag, NULL);
    TAP_OK(s != NULL, "%s: open", label);
    if (!s) return;
    TAP_OK(fm_store_schema_version(s) == 1, "%s: schema version 1", label);

    /* TAP_OK evaluates its condition twice: calls go before it. */
    int rc = fm_store_begin(s);
    TAP_OK(rc == 0, "%s: begin batch", label);
    int stored = 0;
    for (int i = 0; i < 6; i++) stored += put(s, i) == FM_STORE_STORED;
    rc = fm_store_commit(s);
    TAP_OK(rc == 0, "%s: commit batch", label);
    TAP_OK(stored == 6, "%s: six documents stored (%d)", label, stored);
    TAP_OK(fm_store_count(s, "documents") == 6, "%s: 6 documents", label);
    TAP_OK(fm_store_count(s, "events") == 6, "%s: 6 events", label);
    TAP_OK(fm_store_count(s, "sentences") == 6, "%s: 6 sentences (one per distinct sentence index)", label);
    TAP_OK(fm_store_count(s, "attributions") == 1, "%s: 1 attribution", label);

    char hash[17];
    fm_store_doc_hash(&docs[0].doc, hash);
    TAP_OK(fm_store_has_doc(s, "rtr-1", hash) == 1, "%s: has_doc with same hash", label);
    TAP_OK(fm_store_has_doc(s, "rtr-1", "0000000000000000") == 0, "%s: has_doc with another hash", label);
    TAP_OK(fm_store_has_doc(s, "nope", hash) == 0, "%s: has_doc of unknown id", label);

    /* re-ingest: nothing changes */
    int unchanged = 0;
    fm_store_begin(s);
    for (int i = 0; i < 6; i++) unchanged += put(s, i) == FM_STORE_UNCHANGED;
    fm_store_commit(s);
    TAP_OK(unchanged == 6, "%s: re-ingest leaves all six alone", label);
    TAP_OK(fm_store_count(s, "events") == 6 && fm_store_count(s, "documents") == 6, "%s: counts unchanged", label);

    /* new content under a known id replaces the old coding */
    test_doc changed = docs[5];
    changed.doc.text = "Iraqi officials said they held talks with Iran.";
    changed.doc.len = strlen(changed.doc.text);
    changed.ev[0] = event("f000000000000007", "040", FM_MODE_ASSERTED, "2024-04-22", "IRQGOV", "IRQ", "IRN", "IRN",
                          NULL, NULL, 0, 0);
    changed.n = 1;
    fm_store_doc_hash(&changed.doc, hash);
    rc = fm_store_put_doc(s, &changed.doc, hash, changed.ev, NULL, 1);
    TAP_OK(rc == FM_STORE_STORED, "%s: changed document re-stored", label);
    TAP_OK(fm_store_count(s, "events") == 7 && fm_store_count(s, "documents") == 6, "%s: 7 events after replacement", label);
    fm_store_doc_hash(&docs[5].doc, hash);
    rc = fm_store_put_doc(s, &docs[5].doc, hash, NULL, NULL, 0);
    TAP_OK(rc == FM_STORE_STORED, "%s: original content back", label);
    TAP_OK(fm_store_count(s, "events") == 6, "%s: its events gone again", label);

    /* queries */
    fm_buf b;
    fm_buf_init(&b);
    fm_query q = { 0 };
    TAP_STREQ(run_query(s, &q, &b),
              "0e00000000000006 d000000000000005 a000000000000001 b000000000000002 c000000000000003 d000000000000004",
              "%s: all events by date (a month sorts at its first day), then id", label);
    q = (fm_query){ .code = "19" };
    TAP_STREQ(run_query(s, &q, &b), "0e00000000000006 a000000000000001 b000000000000002 c000000000000003",
              "%s: --code 19", label);
    q = (fm_query){ .code = "195" };
    TAP_STREQ(run_query(s, &q, &b), "b000000000000002", "%s: --code 195", label);
    q = (fm_query){ .from = "2024-04", .to = "2024-04-21" };
    TAP_STREQ(run_query(s, &q, &b), "a000000000000001 b000000000000002 c000000000000003 d000000000000004",
              "%s: --from 2024-04 --to 2024-04-21 (the month-precise event is not inside)", label);
    q = (fm_query){ .from = "2024-04", .to = "2024-04" };
    TAP_OK(strstr(run_query(s, &q, &b), "d000000000000005") != NULL, "%s: --from/--to 2024-04 holds the month event", label);
    q = (fm_query){ .actor = "USAGOV" };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000005 d000000000000004", "%s: --actor USAGOV", label);
    q = (fm_query){ .actor = "IRQ" };
    TAP_STREQ(run_query(s, &q, &b), "b000000000000002 c000000000000003", "%s: --actor IRQ (code prefix)", label);
    q = (fm_query){ .actor = "secretary of" };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000004", "%s: --actor by words, any case", label);
    q = (fm_query){ .actor = "100%" };
    TAP_STREQ(run_query(s, &q, &b), "", "%s: --actor with LIKE metacharacters matches literally", label);
    q = (fm_query){ .country = "FR" };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000004", "%s: --country FR (location)", label);
    q = (fm_query){ .country = "FRA" };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000005 d000000000000004", "%s: --country FRA (actors)", label);
    q = (fm_query){ .mode = "denied" };
    TAP_STREQ(run_query(s, &q, &b), "c000000000000003", "%s: --mode denied", label);
    q = (fm_query){ .plover = "CONSULT" };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000004", "%s: --plover CONSULT", label);
    q = (fm_query){ .near = 1, .lat = 36.6, .lon = 42.4, .km = 5 };
    TAP_STREQ(run_query(s, &q, &b), "0e00000000000006 a000000000000001 c000000000000003",
              "%s: --near 36.6,42.4,5 (the point 7 km away is out)", label);
    q = (fm_query){ .near = 1, .lat = 36.6, .lon = 42.4, .km = 10, .limit = 2, .offset = 1 };
    TAP_STREQ(run_query(s, &q, &b), "a000000000000001 b000000000000002", "%s: --near with paging", label);
    q = (fm_query){ .limit = 2, .offset = 2 };
    TAP_STREQ(run_query(s, &q, &b), "a000000000000001 b000000000000002", "%s: paging limit 2 offset 2", label);
    q = (fm_query){ .offset = 5 };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000004", "%s: offset without limit", label);
    n_errors = 0;
    q = (fm_query){ .from = "2024-13" };
    long nq = fm_store_query(s, &q, collect, &b);
    TAP_OK(nq == -1 && n_errors == 1, "%s: bad date reported", label);

    /* stories */
    fm_merge_options mo = { 0 };
    int changes = fm_store_merge(s, &mo);
    TAP_OK(changes == 3, "%s: merge wrote 3 stories (%d)", label, changes);
    TAP_OK(fm_store_count(s, "stories") == 3, "%s: 3 stories (the threat is in none)", label);
    q = (fm_query){ .stories = 1 };
    TAP_STREQ(run_query(s, &q, &b),
              "0e00000000000006@0e00000000000006/1/1/1/1/0/0 "
              "a000000000000001@a000000000000001/2/3/3/3/1/1 "
              "d000000000000004@d000000000000004/1/1/1/1/0/0",
              "%s: stories: the two reports merged, the denial linked and contested", label);
    q = (fm_query){ .code = "19" };
    TAP_STREQ(run_query(s, &q, &b),
              "0e00000000000006@0e00000000000006/1/1/1/1/0/0 "
              "a000000000000001@a000000000000001/2/3/3/3/1/1 "
              "b000000000000002@a000000000000001/2/3/3/3/1/1 c000000000000003",
              "%s: events carry their story; the denial is not a member", label);
    changes = fm_store_merge(s, &mo);
    TAP_OK(changes == 0, "%s: merging again changes nothing", label);
    q = (fm_query){ .has_bbox = 1, .bbox = { 42.3, 36.55, 42.42, 36.62 } };
    TAP_STREQ(run_query(s, &q, &b), "0e00000000000006@0e00000000000006/1/1/1/1/0/0 a000000000000001@a000000000000001/2/3/3/3/1/1 c000000000000003",
              "%s: bbox around Zummar (the point at 36.65,42.45 is out)", label);
    q.limit = 1;
    q.offset = 1;
    TAP_STREQ(run_query(s, &q, &b), "a000000000000001@a000000000000001/2/3/3/3/1/1", "%s: bbox pages in SQL", label);
    q = (fm_query){ .has_bbox = 1, .bbox = { 42.45, 36.65, 42.45, 36.65 } };
    TAP_STREQ(run_query(s, &q, &b), "b000000000000002@a000000000000001/2/3/3/3/1/1", "%s: bbox edges are inside", label);
    q = (fm_query){ .has_bbox = 1, .bbox = { 0, 40, -170, 50 } };
    TAP_STREQ(run_query(s, &q, &b), "d000000000000004@d000000000000004/1/1/1/1/0/0", "%s: a bbox across the 180th meridian (Paris)", label);
    q = (fm_query){ .has_bbox = 1, .bbox = { 3, 40, 170, 50 } };
    TAP_STREQ(run_query(s, &q, &b), "", "%s: a bbox of the same latitudes without Paris", label);
    lookups(s, label);
    dump_all(s, result);
    fm_buf_free(&b);
    fm_store_close(s);
}

/* Same documents, reverse order, merging after each: the same stories. */
static void reverse_order(const char *url, const char *label, const char *want)
{
    fm_store *s = fm_store_open(url, diag, NULL);
    if (!s) { TAP_OK(0, "%s: open", label); return; }
    fm_merge_options mo = { 0 };
    for (int i = 5; i >= 0; i--) {
        put(s, i);
        fm_store_merge(s, &mo);
    }
    fm_buf b;
    fm_buf_init(&b);
    dump_all(s, &b);
    TAP_STREQ(fm_buf_cstr(&b), want, "%s: reverse ingest order, merging incrementally: same events and stories", label);
    fm_buf_free(&b);
    fm_store_close(s);
}

/* ---- merges over a date range ---------------------------------------------- */

static int merge_range(fm_store *s, const char *from, const char *to)
{
    fm_merge_options mo = { 0 };
    mo.from = from;
    mo.to = to;
    return fm_store_merge(s, &mo);
}

/* Three reports a day apart each: one story only when the range widens. */
static test_doc chain[3];

static void make_chain(void)
{
    static const char *const ids[3] = { "chain-1", "chain-2", "chain-3" };
    static const char *const days[3] = { "2024-06-10", "2024-06-11", "2024-06-12" };
    static const char *const eids[3] = { "7000000000000003", "7000000000000001", "7000000000000002" };
    for (int i = 0; i < 3; i++) {
        memset(&chain[i], 0, sizeof chain[i]);
        chain[i].doc = (fm_doc){ ids[i], days[i], NULL, i ? "AP" : "AFP", NULL, ids[i], strlen(ids[i]), "test" };
        chain[i].ev[0] = event(eids[i], "193", FM_MODE_ASSERTED, days[i], "SYRMIL", "SYR", "SYRREB", "SYR",
                               "Idlib", "SY", 35.93, 36.63);
        chain[i].n = 1;
    }
}

static void ranged(const char *url, const char *label, const char *want)
{
    fm_store *s = fm_store_open(url, diag, NULL);
    if (!s) { TAP_OK(0, "%s: open for ranged merges", label); return; }
    for (int i = 0; i < 6; i++) put(s, i);
    s->be->exec(s, "DELETE FROM story_links");
    s->be->exec(s, "DELETE FROM stories");
    int n = merge_range(s, "2024-04-21", "2024-04-21");
    TAP_OK(n == 2 && fm_store_count(s, "stories") == 2, "%s: merge of 2024-04-21 writes its 2 stories (%d)", label, n);
    n = merge_range(s, "2024-04-21", "2024-04-21");
    TAP_OK(n == 0, "%s: again: nothing changes", label);
    n = merge_range(s, "2024-03", "2024-03");
    TAP_OK(n == 1 && fm_store_count(s, "stories") == 3, "%s: merge of 2024-03 adds the March story", label);
    n = merge_range(s, NULL, NULL);
    TAP_OK(n == 0, "%s: a merge of everything then changes nothing (%d)", label, n);
    fm_buf b;
    fm_buf_init(&b);
    dump_all(s, &b);
    TAP_STREQ(fm_buf_cstr(&b), want, "%s: per-range merges give the stories of one merge", label);

    /* the chain: a merge of its middle day takes in the days on each side */
    make_chain();
    for (int i = 0; i < 3; i++) {
        char hash[17];
        fm_store_doc_hash(&chain[i].doc, hash);
        fm_store_put_doc(s, &chain[i].doc, hash, chain[i].ev, NULL, 1);
    }
    n = merge_range(s, "2024-06-11", "2024-06-11");
    TAP_OK(n == 1 && fm_store_count(s, "stories") == 4, "%s: merge of 2024-06-11 writes one story (%d)", label, n);
    fm_buf_clear(&b);
    fm_store_event_stories(s, "7000000000000003", collect_story, &b);
    TAP_STREQ(fm_buf_cstr(&b), "member:7000000000000001/3/0",
              "%s: the range widened to the whole chain (06-10 is in it)", label);
    n = merge_range(s, NULL, NULL);
    TAP_OK(n == 0, "%s: a merge of everything agrees", label);
    /* 06-12 is re-coded as another kind of event: its old story reaches
     * 06-10, so a merge of 06-12 alone must rewrite the story whole. */
    test_doc changed = chain[2];
    changed.doc.text = "chain-3, re-coded";
    changed.doc.len = strlen(changed.doc.text);
    changed.ev[0] = event("7000000000000004", "042", FM_MODE_ASSERTED, "2024-06-12", "SYRGOV", "SYR", "RUSGOV", "RUS",
                          "Idlib", "SY", 35.93, 36.63);
    char hash[17];
    fm_store_doc_hash(&changed.doc, hash);
    fm_store_put_doc(s, &changed.doc, hash, changed.ev, NULL, 1);
    n = merge_range(s, "2024-06-12", "2024-06-12");
    fm_buf_clear(&b);
    fm_store_event_stories(s, "7000000000000003", collect_story, &b);
    TAP_STREQ(fm_buf_cstr(&b), "member:7000000000000001/2/0", "%s: a stored story crossing the edge is rewritten whole", label);
    n = merge_range(s, NULL, NULL);
    TAP_OK(n == 0, "%s: and a merge of everything agrees again (%d)", label, n);
    n_errors = 0;
    n = merge_range(s, "2024-05", "2024-04");
    TAP_OK(n == -1 && n_errors == 1, "%s: a range that ends before it starts is refused", label);
    n = merge_range(s, "2024-13", NULL);
    TAP_OK(n == -1 && n_errors == 2, "%s: a bad date is refused", label);
    fm_buf_free(&b);
    fm_store_close(s);
}

/* ---- many synthetic documents (crash and concurrency tests) --------------- */

static void synth(int i, fm_doc *doc, fm_event *ev, char *id, char *text, char *hash)
{
    sprintf(id, "syn-%04d", i);
    sprintf(text, "Synthetic report number %d about a clash near Mosul.", i);
    *doc = (fm_doc){ id, "2024-05-01", NULL, i % 2 ? "Reuters" : "AP", NULL, text, strlen(text), "synth" };
    char eid[17];
    sprintf(eid, "%016x", 0x5000 + i);
    ev[0] = event(eid, "190", FM_MODE_ASSERTED, "2024-04-30", "IRQMIL", "IRQ", "ISL", NULL, "Mosul", "IQ", 36.34, 43.13);
    ev[0].sentence_end = 20;
    fm_store_doc_hash(doc, hash);
}

static int ingest_synth(fm_store *s, int n, int batch)
{
    for (int i = 0; i < n; i += batch) {
        if (fm_store_begin(s)) return -1;
        for (int k = i; k < i + batch && k < n; k++) {
            fm_doc doc;
            fm_event ev[1];
            char id[16], text[96], hash[17];
            synth(k, &doc, ev, id, text, hash);
            int rc = fm_store_put_doc(s, &doc, hash, ev, NULL, 1);
            if (rc < 0) { fm_store_rollback(s); return -1; }
            if (rc == FM_STORE_BUSY) {
                /* Another worker holds it: store it again after this batch. */
                fm_store_commit(s);
                usleep(1000);
                if (fm_store_begin(s)) return -1;
                k--;
            }
        }
        if (fm_store_commit(s)) return -1;
    }
    return 0;
}

static void crash_test(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/crash.db", dir);
    int killed_mid = 0, rc;
    for (int round = 0; round < 3; round++) {
        fflush(stdout);   /* else the child repeats what is buffered */
        pid_t pid = fork();
        if (pid == 0) {
            fm_store *s = fm_store_open(path, diag, (void *)1);
            if (!s) _exit(2);
            for (;;) ingest_synth(s, 400, 7);   /* killed from outside */
        }
        struct timespec ts = { 0, (long)(30 + 40 * round) * 1000000L };
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        killed_mid += WIFSIGNALED(st);
    }
    TAP_OK(killed_mid == 3, "crash: writer killed with -9 three times");
    sqlite3 *db;
    int ok = 0;
    if (sqlite3_open(path, &db) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) ok = !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
    }
    TAP_OK(ok, "crash: PRAGMA integrity_check is ok");
    fm_store *s = fm_store_open(path, diag, NULL);
    rc = s ? ingest_synth(s, 400, 7) : -1;
    TAP_OK(rc == 0, "crash: the same ingest runs again");
    if (s) {
        TAP_OK(fm_store_count(s, "documents") == 400 && fm_store_count(s, "events") == 400 &&
               fm_store_count(s, "sentences") == 400, "crash: exactly the events of a clean run");
        fm_store_close(s);
    }
}

static void concurrent_workers(const char *url, const char *label)
{
    enum { WORKERS = 4, DOCS = 120 };
    pid_t pid[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
        fflush(stdout);
        pid[w] = fork();
        if (pid[w] == 0) {
            fm_store *s = fm_store_open(url, diag, NULL);
            if (!s) { fflush(stdout); _exit(2); }
            int rc = ingest_synth(s, DOCS, 5 + w);
            fm_merge_options mo = { 0 };
            if (rc == 0 && fm_store_merge(s, &mo) < 0) rc = -1;
            fm_store_close(s);
            fflush(stdout);
            _exit(rc ? 1 : 0);
        }
    }
    int clean = 0;
    for (int w = 0; w < WORKERS; w++) {
        int st;
        waitpid(pid[w], &st, 0);
        clean += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    TAP_OK(clean == WORKERS, "%s: %d workers ingesting the same documents at once all succeed", label, WORKERS);
    fm_store *s = fm_store_open(url, diag, NULL);
    if (!s) { TAP_OK(0, "%s: reopen", label); return; }
    TAP_OK(fm_store_count(s, "documents") == DOCS && fm_store_count(s, "events") == DOCS,
           "%s: no duplicates after concurrent ingest", label);
    TAP_OK(fm_store_count(s, "stories") == 1, "%s: the synthetic clash reports form one story", label);
    fm_store_close(s);
}

/* ---- exports ---------------------------------------------------------------- */

static void export_tests(void);

int main(void)
{
    make_docs();
    char dir[] = "/tmp/factum-store-XXXXXX";
    if (!mkdtemp(dir)) { TAP_OK(0, "mkdtemp"); return TAP_DONE(); }
    char path[512], path2[512], conc[512];
    snprintf(path, sizeof path, "%s/a.db", dir);
    snprintf(path2, sizeof path2, "%s/b.db", dir);
    snprintf(conc, sizeof conc, "%s/c.db", dir);

    fm_buf lite, lite_rev;
    fm_buf_init(&lite);
    fm_buf_init(&lite_rev);
    scenario(path, "sqlite", &lite);
    read_only(path, "sqlite");
    reverse_order(path2, "sqlite", fm_buf_cstr(&lite));
    ranged(path2, "sqlite", fm_buf_cstr(&lite));

    n_errors = 0;
    char missing[600];
    snprintf(missing, sizeof missing, "%s/missing.db", dir);
    fm_store *ro = fm_store_open_readonly(missing, diag, (void *)1);
    TAP_OK(ro == NULL && n_errors == 1 && access(missing, F_OK) != 0, "read-only open of a missing file fails, creates nothing");
    snprintf(missing, sizeof missing, "%s/other.db", dir);
    sqlite3 *other;
    if (sqlite3_open(missing, &other) == SQLITE_OK) {
        sqlite3_exec(other, "CREATE TABLE t (x)", NULL, NULL, NULL);
        sqlite3_close(other);
    }
    n_errors = 0;
    all_messages[0] = 0;
    ro = fm_store_open_readonly(missing, diag, (void *)1);
    TAP_OK(ro == NULL && n_errors == 1 && strstr(all_messages, "not a factum store"), "read-only open of another database fails");

    n_errors = 0;
    fm_store *bad = fm_store_open("/nonexistent-dir/x.db", diag, (void *)1);
    TAP_OK(bad == NULL && n_errors > 0, "open failure is reported, not fatal");

    crash_test(dir);
    concurrent_workers(conc, "sqlite");

    const char *pg = getenv("FACTUM_TEST_PG");
    if (pg && *pg) {
        fm_buf pgout;
        fm_buf_init(&pgout);
        scenario(pg, "postgresql", &pgout);
        TAP_STREQ(fm_buf_cstr(&pgout), fm_buf_cstr(&lite), "postgresql: same events and stories as sqlite");
        read_only(pg, "postgresql");
        const char *pg2 = getenv("FACTUM_TEST_PG2");
        if (pg2 && *pg2) {
            reverse_order(pg2, "postgresql", fm_buf_cstr(&lite));
            ranged(pg2, "postgresql", fm_buf_cstr(&lite));
        }
        const char *pg3 = getenv("FACTUM_TEST_PG3");
        if (pg3 && *pg3) concurrent_workers(pg3, "postgresql");
        n_errors = 0;
        all_messages[0] = 0;
        fm_store *nope = fm_store_open("postgresql://factum:s3cretpw@127.0.0.1:1/none", diag, (void *)1);
        TAP_OK(nope == NULL && n_errors > 0, "postgresql: connection failure reported");
        TAP_OK(strstr(all_messages, "s3cretpw") == NULL && strstr(all_messages, "127.0.0.1") != NULL,
               "postgresql: the message names the host, never the password");
        fm_buf_free(&pgout);
    } else {
        printf("# FACTUM_TEST_PG not set: PostgreSQL part skipped (tests/t_store_pg.sh runs it)\n");
    }
    export_tests();

    fm_buf_free(&lite);
    fm_buf_free(&lite_rev);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("# could not remove %s\n", dir);
    return TAP_DONE();
}

static const char record[] =
    "{\"id\":\"0000000000000ff0\",\"doc\":{\"id\":\"a1\",\"date\":\"2024-04-22\",\"source\":\"Reuters\",\"url\":null},"
    "\"sentence\":{\"index\":2,\"start\":418,\"end\":561},"
    "\"evidence\":\"On Sunday, at least five rockets were fired ...\",\"code\":\"190\",\"root\":\"19\","
    "\"plover\":{\"event\":\"ASSAULT\",\"mode\":\"\",\"context\":\"military\"},\"quad_class\":4,\"goldstein\":-10.0,"
    "\"source\":{\"text\":\"\",\"code\":null,\"country\":\"IRQ\",\"name\":null},"
    "\"target\":{\"text\":\"US military base\",\"code\":\"USAMIL\",\"country\":\"USA\",\"name\":null},"
    "\"mode\":\"reported\",\"attribution\":[{\"text\":\"two Iraqi security sources\",\"code\":\"IRQSEC\",\"via\":\"Reuters\"}],"
    "\"date\":\"2024-04-21\",\"date_precision\":\"day\",\"time\":null,"
    "\"location\":{\"name\":\"Zummar\",\"country\":\"IQ\",\"admin1\":\"Nineveh\",\"lat\":36.6,\"lon\":42.4,"
    "\"geonameid\":null,\"precision\":\"town\"},\"quantities\":{\"munitions\":5,\"killed\":3},\"rule\":\"FIRE * AT + [190]\"}";

static const char *field(const char *line, int k, char *out, size_t cap)   /* 1-based tab field */
{
    const char *p = line;
    for (int i = 1; i < k && p; i++) { p = strchr(p, '\t'); if (p) p++; }
    if (!p) return "(none)";
    size_t n = strcspn(p, "\t\n");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
    return out;
}

static void export_tests(void)
{
    fm_buf b;
    fm_buf_init(&b);
    fm_story_info story = { "0000000000000ff0", 2, 2, 2, 3, 1, "2024-04-22", "2024-04-23", 1 };
    fm_export_format f;
    int rc = fm_export_parse("gdelt", &f);
    TAP_OK(rc == 0 && f == FM_EXPORT_GDELT, "export: format names parse");
    rc = fm_export_parse("xml", &f);
    TAP_OK(rc == -1, "export: unknown format refused");

    fm_export_begin(FM_EXPORT_CSV, &b);
    fm_export_event(FM_EXPORT_CSV, record, strlen(record), &story, 0, &b, diag, NULL);
    const char *nl = strchr(fm_buf_cstr(&b), '\n');
    TAP_STREQ(nl ? nl + 1 : "",
              "0000000000000ff0,2024-04-21,day,190,19,ASSAULT,4,-10,reported,,IRQ,,USAMIL,USA,US military base,"
              "Zummar,IQ,Nineveh,36.6,42.4,3,,a1,2024-04-22,Reuters,,"
              "\"On Sunday, at least five rockets were fired ...\",0000000000000ff0,2,1\n",
              "export: csv row, quoted where it holds a comma");

    fm_buf_clear(&b);
    fm_export_event(FM_EXPORT_ACLED, record, strlen(record), NULL, 0, &b, diag, NULL);
    TAP_STREQ(fm_buf_cstr(&b),
              "2024-04-21,Battles,Armed clash,IRQ,US military base,IQ,Nineveh,Zummar,36.6,42.4,3,"
              "\"On Sunday, at least five rockets were fired ...\",Reuters\n", "export: acled row");

    fm_buf_clear(&b);
    fm_export_event(FM_EXPORT_GDELT, record, strlen(record), &story, 0, &b, diag, NULL);
    const char *line = fm_buf_cstr(&b);
    int tabs = 0;
    for (const char *p = line; *p; p++) tabs += *p == '\t';
    TAP_OK(tabs == 60, "export: gdelt row has 61 columns (%d)", tabs + 1);
    char c[64];
    TAP_STREQ(field(line, 1, c, sizeof c), "255", "export: gdelt GLOBALEVENTID from the id");
    TAP_STREQ(field(line, 2, c, sizeof c), "20240421", "export: gdelt SQLDATE");
    TAP_STREQ(field(line, 3, c, sizeof c), "202404", "export: gdelt MonthYear");
    TAP_STREQ(field(line, 8, c, sizeof c), "IRQ", "export: gdelt Actor1CountryCode");
    TAP_STREQ(field(line, 16, c, sizeof c), "USAMIL", "export: gdelt Actor2Code");
    TAP_STREQ(field(line, 17, c, sizeof c), "US military base", "export: gdelt Actor2Name");
    TAP_STREQ(field(line, 23, c, sizeof c), "MIL", "export: gdelt Actor2Type1Code");
    TAP_STREQ(field(line, 26, c, sizeof c), "0", "export: gdelt IsRootEvent (third sentence)");
    TAP_STREQ(field(line, 27, c, sizeof c), "190", "export: gdelt EventCode");
    TAP_STREQ(field(line, 29, c, sizeof c), "19", "export: gdelt EventRootCode");
    TAP_STREQ(field(line, 31, c, sizeof c), "-10", "export: gdelt GoldsteinScale");
    TAP_STREQ(field(line, 32, c, sizeof c), "3", "export: gdelt NumMentions from the story");
    TAP_STREQ(field(line, 34, c, sizeof c), "2", "export: gdelt NumArticles from the story");
    TAP_STREQ(field(line, 36, c, sizeof c), "0", "export: gdelt Actor1Geo_Type unknown");
    TAP_STREQ(field(line, 52, c, sizeof c), "4", "export: gdelt ActionGeo_Type world city");
    TAP_STREQ(field(line, 53, c, sizeof c), "Zummar, Nineveh", "export: gdelt ActionGeo_FullName");
    TAP_STREQ(field(line, 57, c, sizeof c), "36.6", "export: gdelt ActionGeo_Lat");
    TAP_STREQ(field(line, 58, c, sizeof c), "42.4", "export: gdelt ActionGeo_Long");
    TAP_STREQ(field(line, 60, c, sizeof c), "20240422000000", "export: gdelt DATEADDED");
    TAP_STREQ(field(line, 61, c, sizeof c), "a1", "export: gdelt SOURCEURL falls back to the doc id");

    fm_buf_clear(&b);
    fm_export_begin(FM_EXPORT_GEOJSON, &b);
    fm_export_event(FM_EXPORT_GEOJSON, record, strlen(record), NULL, 0, &b, diag, NULL);
    fm_export_event(FM_EXPORT_GEOJSON, record, strlen(record), &story, 1, &b, diag, NULL);
    fm_export_end(FM_EXPORT_GEOJSON, &b);
    json_error_t err;
    json_t *g = json_loadb(b.data, b.len, 0, &err);
    json_t *feats = json_object_get(g, "features");
    TAP_OK(json_is_array(feats) && json_array_size(feats) == 2, "export: geojson FeatureCollection of 2");
    json_t *coord = json_object_get(json_object_get(json_array_get(feats, 0), "geometry"), "coordinates");
    TAP_OK(json_real_value(json_array_get(coord, 0)) == 42.4 && json_real_value(json_array_get(coord, 1)) == 36.6,
           "export: geojson coordinates are [lon, lat]");
    json_t *props = json_object_get(json_array_get(feats, 1), "properties");
    TAP_STREQ(json_string_value(json_object_get(props, "story")), "0000000000000ff0", "export: geojson story id");
    TAP_OK(json_is_true(json_object_get(props, "contested")), "export: geojson contested flag");
    TAP_OK(json_integer_value(json_object_get(props, "quad_class")) == 4, "export: geojson quad_class");
    json_decref(g);

    n_errors = 0;
    fm_buf_clear(&b);
    rc = fm_export_event(FM_EXPORT_CSV, "{not json", 9, NULL, 4, &b, diag, (void *)1);
    TAP_OK(rc == -1 && n_errors == 1 && b.len == 0, "export: a broken record is reported, nothing written");
    fm_buf_clear(&b);
    rc = fm_export_event(FM_EXPORT_JSONL, record, strlen(record), NULL, 0, &b, diag, NULL);
    TAP_OK(rc == 0 && b.len == strlen(record) + 1 && b.data[b.len - 1] == '\n', "export: jsonl is the record and a newline");
    fm_buf_free(&b);
}
