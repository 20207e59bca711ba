/* test_regroup.c -- unit tests of skein__regroup (a story's members in two
 * groups, or not) on similarity matrices built by hand. */
#include "test.h"

#include "regroup.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/* The agglomeration done the plain way, as a check of the one that keeps
 * each row's best: every step scans all live pairs in row order for the
 * first largest; then the same two largest groups and sides. */
static int regroup_plain(const double *sim, size_t n, double link, size_t min_group,
                         unsigned char *side) {
    if (n < 2 || n < 2 * min_group) return 0;
    double *a = malloc(n * n * sizeof(*a));
    size_t *size = malloc(n * sizeof(*size)), *of = malloc(n * sizeof(*of));
    assert_non_null(a), assert_non_null(size), assert_non_null(of);
    memcpy(a, sim, n * n * sizeof(*a));
    for (size_t i = 0; i < n; i++) size[i] = 1, of[i] = i;
    for (;;) {
        size_t bi = 0, bj = 0;
        double best = -1;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; size[i] && j < n; j++)
                if (size[j] && a[i * n + j] > best) best = a[i * n + j], bi = i, bj = j;
        if (bi == bj || best < link) break;
        for (size_t k = 0; k < n; k++)
            if (size[k] && k != bi && k != bj)
                a[bi * n + k] = a[k * n + bi] =
                    ((double)size[bi] * a[bi * n + k] + (double)size[bj] * a[bj * n + k]) /
                    (double)(size[bi] + size[bj]);
        size[bi] += size[bj], size[bj] = 0;
        for (size_t m = 0; m < n; m++)
            if (of[m] == bj) of[m] = bi;
    }
    size_t g[2] = {n, n};
    for (size_t i = 0; i < n; i++) {
        if (!size[i]) continue;
        if (g[0] == n || size[i] > size[g[0]])
            g[1] = g[0], g[0] = i;
        else if (g[1] == n || size[i] > size[g[1]])
            g[1] = i;
    }
    int split = g[1] != n && size[g[1]] >= min_group;
    if (split) {
        if (g[1] < g[0]) {
            size_t t = g[0];
            g[0] = g[1], g[1] = t;
        }
        for (size_t m = 0; m < n; m++) {
            size_t c = of[m];
            side[m] = c == g[0] ? 0 : c == g[1] ? 1 : a[c * n + g[0]] >= a[c * n + g[1]] ? 0 : 1;
        }
        if (side[0])
            for (size_t m = 0; m < n; m++) side[m] = !side[m];
    }
    free(a), free(size), free(of);
    return split;
}

/* Random symmetric matrices of few distinct values (ties everywhere), some
 * made of blocks: the same answer and sides as the plain agglomeration. */
static void same_as_plain_scan(void **state) {
    (void)state;
    enum { MAXN = 64 };
    static double sim[MAXN * MAXN];
    unsigned char side[MAXN], side_plain[MAXN];
    unsigned seed = 12345;
    int splits = 0;
    for (int round = 0; round < 1000; round++) {
        size_t n = 10 + (size_t)(round % 55);
        int levels = 2 + round % 7;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i; j < n; j++) {
                seed = seed * 1103515245u + 12345u;
                double v = (double)((seed >> 16) % (unsigned)levels) / levels;
                if (round % 3 == 0) v = v / 4 + ((i % 2) == (j % 2) ? 0.5 : 0.1); /* blocks */
                sim[i * n + j] = sim[j * n + i] = v;
            }
        double link = 0.2 + 0.1 * (round % 4);
        size_t min_group = 2 + (size_t)(round % 4);
        memset(side, 7, sizeof(side)), memset(side_plain, 7, sizeof(side_plain));
        int got = skein__regroup(sim, n, link, min_group, side);
        int want = regroup_plain(sim, n, link, min_group, side_plain);
        assert_int_equal(got, want);
        if (want == 1) assert_memory_equal(side, side_plain, n), splits++;
    }
    assert_true(splits > 20); /* the rounds do exercise splits */
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(two_blocks_split),       cmocka_unit_test(one_block_stays),
    cmocka_unit_test(alike_enough_stays),     cmocka_unit_test(small_group_stays),
    cmocka_unit_test(stragglers_join_nearer), cmocka_unit_test(too_small),
    cmocka_unit_test(sample_spread),          cmocka_unit_test(same_as_plain_scan),
};

SKEIN_TEST_GROUP(regroup, tests)
