/* test.h -- how skein's unit tests register with the one test runner.
 *
 * Each tests/test_<module>.c ends with SKEIN_TEST_GROUP(module, tests): a
 * constructor registers the group, so adding a test file needs no edit
 * anywhere else.  The runner (test_main.c) runs groups in name order. */
#ifndef SKEIN_TEST_H
#define SKEIN_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

void skein_test_register(const char *group, const struct CMUnitTest *tests, size_t n);

#define SKEIN_TEST_GROUP(name, array)                                                              \
    __attribute__((constructor)) static void skein_test_reg_##name(void) {                         \
        skein_test_register(#name, array, sizeof(array) / sizeof((array)[0]));                     \
    }

/* Directory of the project's own fixtures (tests/fixtures), set by the runner. */
extern const char *skein_test_fixtures;

/* Appends the articles of fixture file `name` to a[n..cap) and returns the
 * new count; fails the test on a bad line or no room.  `skip_uk` leaves out
 * Ukrainian reports: an engine that meets one loads the Hunspell dictionary,
 * which takes seconds per engine in sanitizer builds. */
struct skein_json_article;
size_t skein_test_load_articles(const char *name, struct skein_json_article *a, size_t n,
                                size_t cap, int skip_uk);

#endif
