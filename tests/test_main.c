/* test_main.c -- runs every registered unit-test group (cmocka).
 *
 * usage: skein_test [GROUP|all [TEST-PATTERN]] | --list
 * An unknown group, or a pattern no test matches, fails the run.  Ends with
 * one line "N passed, N failed" for CI. */
#include "test.h"

#include <fnmatch.h>
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
    if (ngroups < sizeof(groups) / sizeof(groups[0])) groups[ngroups++] = (group){name, tests, n};
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const group *)a)->name, ((const group *)b)->name);
}

/* Tests of group g whose name matches the cmocka filter (* and ?). */
static size_t matching(const group *g, const char *pattern) {
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++) n += !pattern || fnmatch(pattern, g->tests[i].name, 0) == 0;
    return n;
}

int main(int argc, char **argv) {
    const char *only = argc > 1 && strcmp(argv[1], "all") ? argv[1] : NULL;
    const char *pattern = argc > 2 ? argv[2] : NULL;
    const char *env = getenv("SKEIN_FIXTURES");
    if (env) skein_test_fixtures = env;
    qsort(groups, ngroups, sizeof(groups[0]), by_name);
    if (only && !strcmp(only, "--list")) {
        for (size_t i = 0; i < ngroups; i++)
            for (size_t k = 0; k < groups[i].n; k++)
                printf("%s %s\n", groups[i].name, groups[i].tests[k].name);
        return 0;
    }
    if (pattern) cmocka_set_test_filter(pattern);

    size_t ran = 0, failed = 0;
    for (size_t i = 0; i < ngroups; i++) {
        if (only && strcmp(only, groups[i].name) != 0) continue;
        size_t n = matching(&groups[i], pattern);
        if (!n) continue;
        failed += (size_t)_cmocka_run_group_tests(groups[i].name, groups[i].tests, groups[i].n,
                                                  NULL, NULL);
        ran += n;
    }
    if (!ran) {
        fprintf(stderr, "skein_test: no test %s%s%s%s (skein_test --list names them)\n",
                only ? "in group " : "", only ? only : "", pattern ? " matches " : "",
                pattern ? pattern : "");
        printf("unit: 0 passed, 1 failed\n");
        return 1;
    }
    printf("unit: %zu passed, %zu failed\n", ran - failed, failed);
    return failed ? 1 : 0;
}
