/* cli_summary.c — the short summary `make run` and --summary print: events
 * per CAMEO root, the most frequent actors and the date range. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void fm_cli_summary_add(fm_cli_summary *s, const fm_event *ev)
{
    s->events++;
    int r = atoi(ev->root);
    if (r >= 1 && r <= 20) { snprintf(s->roots[r].key, sizeof s->roots[r].key, "%s", ev->root); s->roots[r].n++; }
    const char *codes[2] = { ev->source.code, ev->has_target ? ev->target.code : NULL };
    for (int k = 0; k < 2; k++) {
        if (!codes[k]) continue;
        int i;
        for (i = 0; i < s->n_actors; i++) if (!strcmp(s->actors[i].key, codes[k])) break;
        if (i == s->n_actors && s->n_actors < 64) snprintf(s->actors[s->n_actors++].key, 24, "%s", codes[k]);
        if (i < 64) s->actors[i].n++;
    }
    if (ev->date[0]) {
        if (!s->first[0] || strcmp(ev->date, s->first) < 0) snprintf(s->first, sizeof s->first, "%s", ev->date);
        if (!s->last[0] || strcmp(ev->date, s->last) > 0) snprintf(s->last, sizeof s->last, "%s", ev->date);
    }
}

static int by_count(const void *a, const void *b)
{
    const fm_cli_tally *x = a, *y = b;
    return x->n != y->n ? (y->n > x->n ? 1 : -1) : strcmp(x->key, y->key);
}

void fm_cli_summary_print(fm_cli_summary *s)
{
    static const char *const root_names[21] = { "", "make statement", "appeal", "express intent to cooperate",
        "consult", "diplomatic cooperation", "material cooperation", "provide aid", "yield", "investigate",
        "demand", "disapprove", "reject", "threaten", "protest", "exhibit force posture", "reduce relations",
        "coerce", "assault", "fight", "mass violence" };
    fprintf(stderr, "%ld documents, %ld events", s->docs, s->events);
    if (s->first[0]) fprintf(stderr, ", dated %s .. %s", s->first, s->last);
    fprintf(stderr, "\nevents per CAMEO root:\n");
    for (int r = 1; r <= 20; r++)
        if (s->roots[r].n) fprintf(stderr, "  %02d %-28s %ld\n", r, root_names[r], s->roots[r].n);
    qsort(s->actors, (size_t)s->n_actors, sizeof s->actors[0], by_count);
    fprintf(stderr, "top actors:");
    for (int i = 0; i < s->n_actors && i < 8; i++) fprintf(stderr, " %s (%ld)", s->actors[i].key, s->actors[i].n);
    fprintf(stderr, "\n");
}

