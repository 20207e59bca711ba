/* test_htmlparts.c -- the read stage's parts one by one: the arena, gzip,
 * the byte scanner (declared charset, pruning), the tree, class and id
 * hints, addresses, dates, JSON-LD, titles. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "gunzip.h"
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

/* ---- gzip --------------------------------------------------------------------- */

/* "hello hello hello\n" gzipped by gzip(1) -n. */
static const unsigned char hello_gz[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9,
    0x57, 0xc8, 0x40, 0x90, 0x5c, 0x00, 0x3b, 0x7c, 0x8a, 0xdf, 0x12, 0x00, 0x00, 0x00};

static void gunzip_members(void **state) {
    (void)state;
    sbuf out;
    sbuf_init(&out);
    assert_true(skein__is_gzip((const char *)hello_gz, sizeof(hello_gz)));
    assert_false(skein__is_gzip("<html>", 6));
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 1000, &out), SKEIN_OK);
    assert_string_equal(out.buf, "hello hello hello\n");
    /* two members, as gzip(1) writes when files are concatenated */
    unsigned char two[2 * sizeof(hello_gz)];
    memcpy(two, hello_gz, sizeof(hello_gz)), memcpy(two + sizeof(hello_gz), hello_gz, sizeof(hello_gz));
    assert_int_equal(skein__gunzip((const char *)two, sizeof(two), 1000, &out), SKEIN_OK);
    assert_int_equal(out.len, 36);
    /* the cap, at its edge: 18 bytes fit in 18, not in 17 */
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 18, &out), SKEIN_OK);
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 17, &out), SKEIN_ETOOBIG);
    assert_int_equal(out.len, 17);
    /* cut short, and corrupt */
    assert_int_equal(skein__gunzip((const char *)hello_gz, 20, 1000, &out), SKEIN_EPARSE);
    unsigned char bad[sizeof(hello_gz)];
    memcpy(bad, hello_gz, sizeof(bad));
    bad[12] ^= 0xff;
    assert_int_equal(skein__gunzip((const char *)bad, sizeof(bad), 1000, &out), SKEIN_EPARSE);
    sbuf_release(&out);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(arena_cap),
    cmocka_unit_test(gunzip_members),
};

SKEIN_TEST_GROUP(htmlparts, tests)
