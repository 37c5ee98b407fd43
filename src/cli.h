/* cli.h — what the command-line files (main.c, cli_*.c) share: printing the
 * library's messages, usage errors, loading the lexicon the options name.
 * These files are the program, not the library: only they print and exit. */
#ifndef FM_CLI_H
#define FM_CLI_H
#include "factum.h"

typedef struct fm_cli { int warnings; int quiet; } fm_cli;

void fm_cli_diag(void *user, fm_diag_level level, const char *where, const char *msg);
int fm_cli_usage(const char *cmd, const char *msg);        /* prints, returns 1 */
int fm_cli_check_date(const char *s);                       /* 0 if YYYY-MM-DD */
int fm_cli_parse_size(const char *s, size_t *out);          /* "16M" -> bytes; 0 ok */
/* Default lexicon when n_dicts == 0; NULL (reported) on failure. */
fm_lexicon *fm_cli_lexicon(fm_cli *cli, const char *const *dicts, int n_dicts);

typedef struct fm_cli_tally { char key[24]; long n; } fm_cli_tally;
typedef struct fm_cli_summary {
    long docs, events;
    fm_cli_tally roots[21];
    fm_cli_tally actors[64]; int n_actors;
    char first[11], last[11];
} fm_cli_summary;
void fm_cli_summary_add(fm_cli_summary *s, const fm_event *ev);
void fm_cli_summary_print(fm_cli_summary *s);

int fm_cli_ingest(int argc, char **argv);
int fm_cli_query(int argc, char **argv);
int fm_cli_merge(int argc, char **argv);
int fm_cli_serve(int argc, char **argv);
int fm_cli_validate(int argc, char **argv);
#endif
