/* cli_validate.c — `factum validate`: runs TABARI validation records, PETRARCH
 * unit-test records and factum case files, prints failures as expected vs
 * produced and ends with "N passed, M failed". */
#include "cli.h"
#include "validate.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char VALIDATE_HELP[] =
    "usage: factum validate [options] FILE...\n"
    "Codes validation records and compares with the events they expect.\n"
    "FILE: a TABARI Validate.text (or its .project), a PETRARCH <Sentence>/<EventCoding> XML file,\n"
    "or a factum case file (tests/cases/validate/).\n"
    "  --format auto|tabari|petrarch|cases\n"
    "  --dict PATH          use these dictionaries instead of the suite's own (repeatable)\n"
    "  --only GLOB          only records whose id matches\n"
    "  --all                TABARI: also the non-standard records after FINAL-01\n"
    "  -v, --verbose        also list the records that pass\n"
    "Exit status: 0 all passed, 1 usage error, 2 some records failed.\n";

int fm_cli_validate(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, 0, 'f' }, { "dict", required_argument, 0, 'D' },
        { "only", required_argument, 0, 'o' }, { "all", no_argument, 0, 'a' },
        { "verbose", no_argument, 0, 'v' }, { "quiet", no_argument, 0, 'q' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 } };
    fm_cli cli = {0};
    fm_validate_options vo = {0};
    const char *dicts[64];
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (!strcmp(optarg, "auto")) vo.format = FM_VALIDATE_AUTO;
            else if (!strcmp(optarg, "tabari")) vo.format = FM_VALIDATE_TABARI;
            else if (!strcmp(optarg, "petrarch")) vo.format = FM_VALIDATE_PETRARCH;
            else if (!strcmp(optarg, "cases")) vo.format = FM_VALIDATE_CASES;
            else return fm_cli_usage("validate", "unknown --format");
            break;
        case 'D': if (vo.n_dicts == 64) return fm_cli_usage("validate", "too many --dict"); dicts[vo.n_dicts++] = optarg; break;
        case 'o': vo.only = optarg; break;
        case 'a': vo.all = 1; break;
        case 'v': vo.verbose = 1; break;
        case 'q': cli.quiet = 1; break;
        case 'h': fputs(VALIDATE_HELP, stdout); return 0;
        default: return fm_cli_usage("validate", "unknown option");
        }
    }
    vo.dicts = dicts;
    if (optind >= argc) return fm_cli_usage("validate", "no FILE given");
    fm_validate_result total = {0};
    int broken = 0;
    for (int i = optind; i < argc; i++) {
        fm_validate_result r = {0};
        if (fm_validate_file(argv[i], &vo, stdout, fm_cli_diag, &cli, &r)) broken = 1;
        total.passed += r.passed;
        total.failed += r.failed;
        total.skipped += r.skipped;
    }
    fm_validate_print_total(stdout, &total);
    return (broken || total.failed) ? 2 : 0;
}
