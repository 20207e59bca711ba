/* test_htmlparts.c -- the read stage's parts one by one: the arena, gzip,
 * the byte scanner (declared charset, pruning), the tree, class and id
 * hints, addresses, dates, JSON-LD, titles. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "skein.h"

/* ---- arena ------------------------------------------------------------------ */

static void arena_cap(void **state) {
    (void)state;
    skein__arena a;
    skein__arena_init(&a, 100000);
    size_t got = 0;
    while (skein__arena_alloc(&a, 1000)) got += 1000;
    assert_true(a.capped);
    assert_true(got <= 100000 && got >= 90000);
    assert_true(a.total <= 100000);
    char *s = NULL;
    skein__arena_release(&a);
    assert_false(a.capped);
    s = skein__arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    void *big = skein__arena_zalloc(&a, 50000); /* larger than a chunk: a chunk of its own */
    assert_non_null(big);
    assert_int_equal(((char *)big)[49999], 0);
    assert_null(skein__arena_alloc(&a, (size_t)-1));
    skein__arena_release(&a);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(arena_cap),
};

SKEIN_TEST_GROUP(htmlparts, tests)
