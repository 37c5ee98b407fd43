/* export.h — writers for query results: JSON Lines, CSV, the GDELT 2.0 event
 * table, ACLED-style rows and a GeoJSON FeatureCollection. Each takes an
 * event record (the JSON line of spec/event-record.md) and appends to a fm_buf. */
#ifndef FM_EXPORT_H
#define FM_EXPORT_H
#include <stddef.h>
#include "buf.h"
#include "factum.h"
#include "store.h"

/* Mappings.
 * csv: id,date,date_precision,code,root,plover_event,quad_class,goldstein,mode,
 *   source_code,source_country,source_text,target_code,target_country,target_text,
 *   location_name,location_country,admin1,lat,lon,killed,injured,doc_id,doc_date,
 *   doc_source,url,evidence,story_id,story_documents,contested (RFC 4180 quoting).
 * gdelt (GDELT 2.0 event table, 61 tab-separated columns, no header):
 *   1 GLOBALEVENTID = first 15 hex digits of id as a decimal; 2 SQLDATE, 3 MonthYear,
 *   4 Year, 5 FractionDate from date (a month/year date counts as its first day);
 *   6-15 Actor1 = source, 16-25 Actor2 = target: Code, Name (name, else text),
 *   CountryCode (alpha-3), KnownGroup/Ethnic/Religion1/Religion2 empty, Type1-3 =
 *   the 3-letter parts of the code after the country; 26 IsRootEvent = sentence
 *   index 0; 27 EventCode, 28 EventBaseCode (3 digits), 29 EventRootCode,
 *   30 QuadClass, 31 GoldsteinScale; 32 NumMentions, 33 NumSources, 34 NumArticles
 *   from the story (1,1,1 without one); 35 AvgTone 0 (not computed);
 *   36-43 Actor1Geo and 44-51 Actor2Geo: type 0, empty (the record has no actor
 *   places); 52-59 ActionGeo = location: Type (1 country, 2/5 US state/admin1,
 *   3/4 US/world town or point), FullName "name, admin1", CountryCode = ISO alpha-2
 *   (GDELT uses FIPS 10-4: a known difference), ADM1/ADM2 codes empty, Lat, Long,
 *   FeatureID = geonameid; 60 DATEADDED = document date at 000000; 61 SOURCEURL =
 *   doc url, else doc id.
 * acled: event_date,event_type,sub_event_type,actor1,actor2,country (ISO alpha-2),
 *   admin1,location,latitude,longitude,fatalities (killed, else 0),notes (evidence),
 *   source; event types from the CAMEO code (14 protests, 145 riots, 18/20
 *   violence against civilians, 183 explosions, 19 battles, 194/195 shelling and air
 *   strikes, 171/173 strategic developments, else "Strategic developments/Other").
 * geojson: a FeatureCollection; Point [lon, lat] of location (or null geometry),
 *   properties id, date, code, root, plover, mode, source, source_country, target,
 *   target_country, place, country, doc_id, url, evidence, quad_class (1-4 or null),
 *   killed, story, documents, contested. */
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
