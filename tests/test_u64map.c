/* test_u64map.c -- the u64 map holds what was put in it, whatever its
 * table's size: grown key by key, made room for at once (reserve), or
 * made smaller when cleared after holding many keys.
 *
 * Keys are drawn from a fixed generator and checked against a plain array
 * that records the same operations: every key put in is found with its
 * value, keys never put in are not, and deleting keeps the others. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define KEYS 5000

/* The i-th key of round r: distinct, never 0. */
static uint64_t key_of(size_t r, size_t i) { return skein__mix64((r << 32 | i) + 1) | 1; }

/* Puts n keys of round r into m (value key ^ r), checks each is found, and
 * that keys of round r + 1000 are not. */
static void fill_and_check(u64map *m, size_t r, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = skein__u64map_upsert(m, key_of(r, i));
        assert_non_null(v);
        *v = key_of(r, i) ^ r;
    }
    assert_int_equal(m->len, n);
    for (size_t i = 0; i < n; i++) {
        uint64_t *v = skein__u64map_get(m, key_of(r, i));
        assert_non_null(v);
        assert_true(*v == (key_of(r, i) ^ r));
    }
    for (size_t i = 0; i < n; i++) assert_null(skein__u64map_get(m, key_of(r + 1000, i)));
}

static void grown_and_reserved_alike(void **state) {
    (void)state;
    u64map a, b;
    skein__u64map_init(&a), skein__u64map_init(&b);
    assert_int_equal(skein__u64map_reserve(&b, KEYS), 0);
    size_t cap = b.cap;
    assert_true(cap >= 2 * KEYS);
    fill_and_check(&a, 1, KEYS);
    fill_and_check(&b, 1, KEYS);
    assert_int_equal(b.cap, cap); /* room made: no growing */
    /* reserving again keeps the contents */
    assert_int_equal(skein__u64map_reserve(&a, 4 * KEYS), 0);
    for (size_t i = 0; i < KEYS; i++) assert_non_null(skein__u64map_get(&a, key_of(1, i)));
    /* deleting every other key keeps the rest */
    for (size_t i = 0; i < KEYS; i += 2) skein__u64map_del(&b, key_of(1, i));
    for (size_t i = 0; i < KEYS; i++)
        assert_true((skein__u64map_get(&b, key_of(1, i)) != NULL) == (i % 2 == 1));
    skein__u64map_release(&a), skein__u64map_release(&b);
}

static void clear_shrinks_and_keeps_working(void **state) {
    (void)state;
    u64map m;
    skein__u64map_init(&m);
    fill_and_check(&m, 2, KEYS);
    size_t big = m.cap;
    skein__u64map_clear(&m); /* full when cleared: stays as large */
    assert_int_equal(m.len, 0);
    assert_int_equal(m.cap, big);
    for (size_t i = 0; i < KEYS; i++) assert_null(skein__u64map_get(&m, key_of(2, i)));
    fill_and_check(&m, 3, 10);
    skein__u64map_clear(&m); /* ten keys in a large table: made smaller */
    assert_true(m.cap < big);
    assert_int_equal(m.len, 0);
    for (size_t i = 0; i < 10; i++) assert_null(skein__u64map_get(&m, key_of(3, i)));
    /* rounds of various sizes, cleared in between: always what was put in */
    size_t sizes[] = {7, 3000, 1, 0, 500, KEYS, 40};
    for (size_t r = 0; r < sizeof(sizes) / sizeof(sizes[0]); r++) {
        fill_and_check(&m, 10 + r, sizes[r]);
        skein__u64map_clear(&m);
        assert_int_equal(m.len, 0);
    }
    skein__u64map_release(&m);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(grown_and_reserved_alike),
    cmocka_unit_test(clear_shrinks_and_keeps_working),
};
SKEIN_TEST_GROUP(u64map, tests)
