/* cameo.h — the CAMEO event-code table: Goldstein value, quad class and the
 * PLOVER event/mode/context for each code, loaded from data/cameo/codes.tsv. */
#ifndef FM_CAMEO_H
#define FM_CAMEO_H
#include "factum.h"

typedef struct fm_cameo_code {
    char code[6];              /* "190", "1712", "0214" */
    double goldstein;
    int quad_class;            /* 1..4 */
    const char *plover_event;  /* "ASSAULT" */
    const char *plover_mode;   /* "" if none */
    const char *plover_context;/* "" if none */
    const char *name;          /* short name, e.g. "Use conventional military force" */
} fm_cameo_code;

typedef struct fm_cameo_table fm_cameo_table;

fm_cameo_table *fm_cameo_load(const char *path, fm_diag_fn diag, void *user);
/* Exact code, else the nearest parent ("1712" -> "171" -> "17"); NULL if unknown. */
const fm_cameo_code *fm_cameo_find(const fm_cameo_table *t, const char *code);
void fm_cameo_free(fm_cameo_table *t);
#endif
