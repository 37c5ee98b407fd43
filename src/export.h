/* export.h — writers for query results: JSON Lines, CSV, the GDELT 2.0 event
 * table, ACLED-style rows and a GeoJSON FeatureCollection. Each takes an
 * event record (the JSON line of spec/event-record.md) and appends to a fm_buf. */
#ifndef FM_EXPORT_H
#define FM_EXPORT_H
#include <stddef.h>
#include "buf.h"
#include "factum.h"
#include "store.h"

typedef enum fm_export_format {
    FM_EXPORT_JSONL, FM_EXPORT_CSV, FM_EXPORT_GDELT, FM_EXPORT_ACLED, FM_EXPORT_GEOJSON
} fm_export_format;

/* "jsonl", "csv", "gdelt", "acled", "geojson"; 0 ok, -1 unknown. */
int fm_export_parse(const char *name, fm_export_format *out);

/* Header line (csv, acled), "{...,\"features\":[" (geojson), nothing else. */
void fm_export_begin(fm_export_format f, fm_buf *out);
/* One record. n is the 0-based number of the record in this output (the
 * GeoJSON writer needs it for commas). story may be NULL. Returns 0, or -1 if
 * json is not an event record (reported through diag as "record n"). */
int fm_export_event(fm_export_format f, const char *json, size_t len, const fm_story_info *story,
                    size_t n, fm_buf *out, fm_diag_fn diag, void *user);
void fm_export_end(fm_export_format f, fm_buf *out);
#endif
