/* test_regroup.c -- unit tests of skein__regroup (a story's members in two
 * groups, or not) on similarity matrices built by hand. */
#include "test.h"

#include "regroup.h"

#include <stddef.h>

/* sim[i][j] = in when i and j are in the same block (block[i]), else out. */
static void blocks(double *sim, size_t n, const int *block, double in, double out) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) sim[i * n + j] = block[i] == block[j] ? in : out;
}

/* Two blocks of 6 alike at 0.5 within, 0.2 across: split along the blocks,
 * member 0's block on side 0 however the blocks interleave. */
static void two_blocks_split(void **state) {
    (void)state;
    const int block[12] = {1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1};
    double sim[12 * 12];
    unsigned char side[12];
    blocks(sim, 12, block, 0.5, 0.2);
    assert_int_equal(skein__regroup(sim, 12, 0.3, 5, side), 1);
    for (size_t i = 0; i < 12; i++) assert_int_equal(side[i], block[i] != block[0]);
}

/* One block alike at 0.5 throughout: no split. */
static void one_block_stays(void **state) {
    (void)state;
    const int block[12] = {0};
    double sim[12 * 12];
    unsigned char side[12];
    blocks(sim, 12, block, 0.5, 0.5);
    assert_int_equal(skein__regroup(sim, 12, 0.3, 5, side), 0);
}

/* Two blocks whose cross similarity (0.35) is above the line: they stay. */
static void alike_enough_stays(void **state) {
    (void)state;
    const int block[12] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    double sim[12 * 12];
    unsigned char side[12];
    blocks(sim, 12, block, 0.6, 0.35);
    assert_int_equal(skein__regroup(sim, 12, 0.3, 5, side), 0);
}

/* A group under min_group does not split the story off (8 + 4). */
static void small_group_stays(void **state) {
    (void)state;
    const int block[12] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    double sim[12 * 12];
    unsigned char side[12];
    blocks(sim, 12, block, 0.5, 0.1);
    assert_int_equal(skein__regroup(sim, 12, 0.3, 5, side), 0);
    assert_int_equal(skein__regroup(sim, 12, 0.3, 4, side), 1);
    for (size_t i = 0; i < 12; i++) assert_int_equal(side[i], block[i]);
}

/* A third, small group joins the side it is nearer on average: blocks of 5
 * and 5, and two members (10, 11) alike to each other, nearer block 1. */
static void stragglers_join_nearer(void **state) {
    (void)state;
    const size_t n = 12;
    const int block[12] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2};
    double sim[12 * 12];
    unsigned char side[12];
    blocks(sim, n, block, 0.6, 0.05);
    for (size_t i = 10; i < 12; i++)
        for (size_t j = 5; j < 10; j++) sim[i * n + j] = sim[j * n + i] = 0.2;
    assert_int_equal(skein__regroup(sim, n, 0.3, 5, side), 1);
    for (size_t i = 0; i < n; i++) assert_int_equal(side[i], i >= 5);
}

/* Too few members for two groups of min_group: no look at all. */
static void too_small(void **state) {
    (void)state;
    const int block[9] = {0, 0, 0, 0, 1, 1, 1, 1, 1};
    double sim[9 * 9];
    unsigned char side[9];
    blocks(sim, 9, block, 0.5, 0.0);
    assert_int_equal(skein__regroup(sim, 9, 0.3, 5, side), 0);
}

/* A sample of k of n members: distinct, increasing, member 0 first, spread
 * over the whole story (the last pick in its last k-th); all n when k >= n. */
static void sample_spread(void **state) {
    (void)state;
    size_t idx[64];
    const size_t ns[] = {65, 100, 257, 1000, 100003};
    for (size_t t = 0; t < sizeof(ns) / sizeof(ns[0]); t++) {
        size_t n = ns[t];
        assert_int_equal(skein__regroup_sample(n, 64, idx), 64);
        assert_int_equal(idx[0], 0);
        for (size_t j = 1; j < 64; j++) {
            assert_true(idx[j] > idx[j - 1]);
            assert_true(idx[j] - idx[j - 1] <= n / 64 + 1);
        }
        assert_true(idx[63] >= n - n / 64 - 1 && idx[63] < n);
    }
    assert_int_equal(skein__regroup_sample(12, 64, idx), 12);
    for (size_t j = 0; j < 12; j++) assert_int_equal(idx[j], j);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(two_blocks_split),       cmocka_unit_test(one_block_stays),
    cmocka_unit_test(alike_enough_stays),     cmocka_unit_test(small_group_stays),
    cmocka_unit_test(stragglers_join_nearer), cmocka_unit_test(too_small),
    cmocka_unit_test(sample_spread),
};

SKEIN_TEST_GROUP(regroup, tests)
