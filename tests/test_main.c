/* test_main.c -- runs every registered unit-test group (cmocka).
 *
 * usage: skein_test [GROUP [TEST-PATTERN]]
 * Ends with one line "N passed, N failed" for CI. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct group {
    const char *name;
    const struct CMUnitTest *tests;
    size_t n;
} group;

static group groups[64];
static size_t ngroups;
const char *skein_test_fixtures = "tests/fixtures";

void skein_test_register(const char *name, const struct CMUnitTest *tests, size_t n) {
    if (ngroups < sizeof(groups) / sizeof(groups[0]))
        groups[ngroups++] = (group){name, tests, n};
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const group *)a)->name, ((const group *)b)->name);
}

int main(int argc, char **argv) {
    const char *only = argc > 1 ? argv[1] : NULL;
    const char *env = getenv("SKEIN_FIXTURES");
    if (env) skein_test_fixtures = env;
    if (argc > 2) cmocka_set_test_filter(argv[2]);
    qsort(groups, ngroups, sizeof(groups[0]), by_name);

    size_t ran = 0, failed = 0;
    for (size_t i = 0; i < ngroups; i++) {
        if (only && strcmp(only, groups[i].name) != 0) continue;
        failed += (size_t)_cmocka_run_group_tests(groups[i].name, groups[i].tests, groups[i].n,
                                                  NULL, NULL);
        ran += groups[i].n;
    }
    if (argc > 2) {
        printf("unit: %zu failed (filtered run)\n", failed);
    } else {
        printf("unit: %zu passed, %zu failed\n", ran - failed, failed);
    }
    return failed ? 1 : 0;
}
