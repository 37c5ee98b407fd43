/* main.c — the factum command line: a thin front end over libfactum. */
#include <stdio.h>
#include "factum.h"
int main(void) { puts("factum " FACTUM_VERSION); return 0; }
