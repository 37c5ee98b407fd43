/* story_merge.h — the rules deciding whether two stored events describe the
 * same real-world event (used by fm_store_merge in story_merge.c). Pure
 * functions over a light copy of the indexed columns; no SQL here. */
#ifndef FM_STORY_MERGE_H
#define FM_STORY_MERGE_H
#include <stdint.h>
#include "store.h"

typedef struct fm_merge_event {
    const char *id, *doc_id, *doc_source, *doc_date;
    const char *root, *code, *mode, *precision, *date;
    const char *source_code, *source_country, *target_code, *target_country, *location_country;
    int64_t day_lo, day_hi;
    int dated, has_point;
    double lat, lon;
} fm_merge_event;

/* 1 for modes that say the event happened (asserted, reported, claimed). */
int fm_merge_is_report(const char *mode);
/* 1 for modes that say it did not (denied, negated). */
int fm_merge_is_denial(const char *mode);
/* 1 if a and b (from different documents) may describe the same event. */
int fm_merge_compatible(const fm_merge_event *a, const fm_merge_event *b, const fm_merge_options *opt);
#endif
