/* fixtures_load.c -- reading the project's JSON-lines fixtures into articles
 * for the unit tests (test.h). */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "skein.h"

size_t skein_test_load_articles(const char *name, skein_json_article *a, size_t n, size_t cap,
                                int skip_uk) {
    char path[512], line[1 << 16];
    snprintf(path, sizeof(path), "%s/%s", skein_test_fixtures, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        assert_true(n < cap);
        assert_int_equal(skein_json_article_parse(line, strlen(line), &a[n], NULL), SKEIN_OK);
        if (skip_uk && a[n].a.lang && !strcmp(a[n].a.lang, "uk")) {
            skein_json_article_release(&a[n]);
            continue;
        }
        n++;
    }
    fclose(f);
    return n;
}
