/* test_eval.c -- unit tests of skein_eval_clusters and skein_eval_pairs on hand-worked cases.
 *
 * Every expected value below is worked out in the comment beside it, so a
 * failure points at either the code or the arithmetic, never at a magic number. */
#include "test.h"

#include "skein.h"

#include <math.h>
#include <stddef.h>

#define EPS 1e-9
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void assert_near(double got, double want) {
    if (fabs(got - want) > EPS) fail_msg("got %.12f, want %.12f", got, want);
}

static void assert_clusters(const skein_cluster_scores *s, double pp, double pr, double pf,
                            double bp, double br, double bf) {
    assert_near(s->pair_p, pp);
    assert_near(s->pair_r, pr);
    assert_near(s->pair_f1, pf);
    assert_near(s->b3_p, bp);
    assert_near(s->b3_r, br);
    assert_near(s->b3_f1, bf);
}

static skein_cluster_scores eval_clusters(const char *const *gold, const char *const *pred,
                                          size_t n) {
    skein_cluster_scores s;
    assert_int_equal(skein_eval_clusters(gold, pred, n, &s), SKEIN_OK);
    assert_int_equal(s.items, n);
    return s;
}

static skein_pair_scores eval_pairs(const double *scores, const double *labels, size_t n) {
    skein_pair_scores s;
    assert_int_equal(skein_eval_pairs(scores, labels, n, &s), SKEIN_OK);
    assert_int_equal(s.pairs, n);
    return s;
}

/* ---- Clusterings ---------------------------------------------------------- */

static void perfect_clustering_scores_one(void **state) {
    (void)state;
    /* Different names for the same partition: only grouping matters. */
    const char *gold[] = {"a", "b", "a", "c", "b"};
    const char *pred[] = {"7", "x", "7", "y", "x"};
    skein_cluster_scores s = eval_clusters(gold, pred, N(gold));
    assert_clusters(&s, 1, 1, 1, 1, 1, 1);
    assert_int_equal(s.gold_clusters, 3);
    assert_int_equal(s.pred_clusters, 3);
}

static void all_singletons(void **state) {
    (void)state;
    /* Gold {1,2}{3}: one gold pair, none predicted.  Pairwise P = 1 (nothing
     * predicted together), R = 0/1, F1 = 0.  B-cubed P = 1; R = (1/2 + 1/2 +
     * 1)/3 = 2/3; F1 = 2 * 2/3 / (5/3) = 4/5. */
    const char *gold[] = {"a", "a", "b"};
    const char *pred[] = {"1", "2", "3"};
    skein_cluster_scores s = eval_clusters(gold, pred, N(gold));
    assert_clusters(&s, 1, 0, 0, 1, 2.0 / 3, 0.8);
    assert_int_equal(s.pred_clusters, 3);
    assert_int_equal(s.gold_clusters, 2);
}

static void singletons_on_both_sides(void **state) {
    (void)state;
    /* No pair anywhere: nothing to get wrong. */
    const char *gold[] = {"a", "b", "c"};
    const char *pred[] = {"1", "2", "3"};
    skein_cluster_scores s = eval_clusters(gold, pred, N(gold));
    assert_clusters(&s, 1, 1, 1, 1, 1, 1);
}

static void all_in_one_cluster(void **state) {
    (void)state;
    /* Gold {1,2}{3}, pred {1,2,3}.  Pairwise: 1 of 3 predicted pairs is gold,
     * P = 1/3, R = 1, F1 = 2 * 1/3 / (4/3) = 1/2.  B-cubed P = (2/3 + 2/3 +
     * 1/3)/3 = 5/9, R = 1, F1 = 2 * 5/9 / (14/9) = 5/7. */
    const char *gold[] = {"a", "a", "b"};
    const char *pred[] = {"x", "x", "x"};
    skein_cluster_scores s = eval_clusters(gold, pred, N(gold));
    assert_clusters(&s, 1.0 / 3, 1, 0.5, 5.0 / 9, 1, 5.0 / 7);
    assert_int_equal(s.pred_clusters, 1);
}

static void worked_example(void **state) {
    (void)state;
    /* Items 1..6, gold a={1,2,3} b={4,5} c={6}, pred x={1,2} y={3,4,5,6}.
     * Cells: (a,x)=2 (a,y)=1 (b,y)=2 (c,y)=1.
     * Pairwise: together = 1 + 1 = 2; predicted pairs = 1 + 6 = 7; gold pairs
     * = 3 + 1 = 4.  P = 2/7, R = 1/2, F1 = (2/7) / (11/14) = 4/11.
     * B-cubed P per item: 1, 1, 1/4, 2/4, 2/4, 1/4 -> 3.5/6 = 7/12.
     * B-cubed R per item: 2/3, 2/3, 1/3, 1, 1, 1 -> (14/3)/6 = 7/9.
     * F1 = 2 * 7/12 * 7/9 / (7/12 + 7/9) = 2/3.
     * Labels are separate arrays so equal labels are not equal pointers. */
    char a1[] = "a", a2[] = "a", a3[] = "a", b1[] = "b", b2[] = "b", c1[] = "c";
    char x1[] = "x", x2[] = "x", y1[] = "y", y2[] = "y", y3[] = "y", y4[] = "y";
    const char *gold[] = {b1, a1, c1, a2, b2, a3}; /* items 4, 1, 6, 3, 5, 2 */
    const char *pred[] = {y2, x1, y3, y4, y1, x2};
    skein_cluster_scores s = eval_clusters(gold, pred, N(gold));
    assert_clusters(&s, 2.0 / 7, 0.5, 4.0 / 11, 7.0 / 12, 7.0 / 9, 2.0 / 3);
    assert_int_equal(s.gold_clusters, 3);
    assert_int_equal(s.pred_clusters, 2);
}

static void clusters_bad_arguments(void **state) {
    (void)state;
    const char *gold[] = {"a", "b"};
    const char *pred[] = {"x", NULL};
    skein_cluster_scores s;
    assert_int_equal(skein_eval_clusters(NULL, gold, 2, &s), SKEIN_EINVAL);
    assert_int_equal(skein_eval_clusters(gold, NULL, 2, &s), SKEIN_EINVAL);
    assert_int_equal(skein_eval_clusters(gold, gold, 2, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_eval_clusters(gold, pred, 2, &s), SKEIN_EINVAL);
}

static void clusters_empty(void **state) {
    (void)state;
    skein_cluster_scores s = eval_clusters(NULL, NULL, 0);
    assert_clusters(&s, 1, 1, 1, 1, 1, 1);
    assert_int_equal(s.gold_clusters, 0);
    assert_int_equal(s.pred_clusters, 0);
}

/* ---- Pair scores ---------------------------------------------------------- */

static void pairs_perfect_separation(void **state) {
    (void)state;
    /* Same pairs score 0.8, 0.9; different 0.1, 0.2: every threshold in
     * (0.2, 0.8] is right on all four, reported as the midpoint 0.5. */
    const double scores[] = {0.9, 0.1, 0.8, 0.2};
    const double labels[] = {1, 4, 1, 4};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.auc, 1);
    assert_near(s.best_accuracy, 1);
    assert_near(s.best_threshold, 0.5);
    assert_true(s.pearson > 0.9);
    assert_int_equal(s.same, 2);
    assert_int_equal(s.different, 2);
}

static void pairs_reversed(void **state) {
    (void)state;
    /* Everything on the wrong side: AUC 0, and no threshold beats calling all
     * pairs "same" (2 of 4); the lowest threshold, 0.1, wins the tie. */
    const double scores[] = {0.1, 0.9, 0.2, 0.8};
    const double labels[] = {1, 4, 1, 4};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.auc, 0);
    assert_near(s.best_accuracy, 0.5);
    assert_near(s.best_threshold, 0.1);
    assert_true(s.pearson < -0.9);
}

static void pairs_all_tied(void **state) {
    (void)state;
    const double scores[] = {0.5, 0.5, 0.5, 0.5};
    const double labels[] = {1, 4, 1, 4};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.auc, 0.5);
    assert_near(s.pearson, 0); /* zero variance of the scores */
    assert_near(s.best_accuracy, 0.5);
}

static void pairs_partial_tie(void **state) {
    (void)state;
    /* Same {0.3, 0.7} vs different {0.3, 0.1}: of the 4 same/different
     * comparisons three are won and one tied, AUC = 3.5/4.  Best threshold
     * 0.5 (between 0.3 and 0.7) gets same 0.7 and both different: 3 of 4;
     * 0.2 gets both same and different 0.1: also 3 of 4, and is lower. */
    const double scores[] = {0.3, 0.7, 0.3, 0.1};
    const double labels[] = {1, 1, 4, 4};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.auc, 0.875);
    assert_near(s.best_accuracy, 0.75);
    assert_near(s.best_threshold, 0.2);
}

static void pairs_pearson_worked(void **state) {
    (void)state;
    /* x = 0, .5, 1; y = -label = -4, -1, -1.  dx = -.5, 0, .5; dy = -2, 1, 1.
     * sxy = 1.5, sxx = .5, syy = 6: r = 1.5 / sqrt(3) = sqrt(3)/2. */
    const double scores[] = {0, 0.5, 1};
    const double labels[] = {4, 1, 1};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.pearson, sqrt(3) / 2);
}

static void pairs_pearson_counts_every_pair(void **state) {
    (void)state;
    /* The label-2.5 pair is neither same nor different but counts for
     * Pearson: y = -4, -2.5, -1 is linear in x = 0, .5, 1, so r = 1. */
    const double scores[] = {0, 0.5, 1};
    const double labels[] = {4, 2.5, 1};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.pearson, 1);
    assert_int_equal(s.same + s.different, 2);
}

static void pairs_middle_labels_ignored(void **state) {
    (void)state;
    /* Label 2 and 2.5 are neither same nor different. */
    const double scores[] = {0.9, 0.5, 0.4, 0.1};
    const double labels[] = {1, 2, 2.5, 3};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_int_equal(s.same, 1);
    assert_int_equal(s.different, 1);
    assert_near(s.auc, 1);
}

static void pairs_one_class(void **state) {
    (void)state;
    /* No different pair: AUC is chance; calling all same is right on both. */
    const double scores[] = {0.2, 0.6};
    const double labels[] = {1, 1};
    skein_pair_scores s = eval_pairs(scores, labels, N(scores));
    assert_near(s.auc, 0.5);
    assert_near(s.best_accuracy, 1);
    assert_near(s.best_threshold, 0.2);
}

static void pairs_bad_arguments(void **state) {
    (void)state;
    const double v[] = {0.5, 1};
    const double bad[] = {0.5, NAN};
    skein_pair_scores s;
    assert_int_equal(skein_eval_pairs(NULL, v, 2, &s), SKEIN_EINVAL);
    assert_int_equal(skein_eval_pairs(v, NULL, 2, &s), SKEIN_EINVAL);
    assert_int_equal(skein_eval_pairs(v, v, 2, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_eval_pairs(bad, v, 2, &s), SKEIN_EINVAL);
    assert_int_equal(skein_eval_pairs(v, bad, 2, &s), SKEIN_EINVAL);
}

static void pairs_empty(void **state) {
    (void)state;
    skein_pair_scores s = eval_pairs(NULL, NULL, 0);
    assert_near(s.pearson, 0);
    assert_near(s.auc, 0.5);
    assert_near(s.best_accuracy, 0);
    assert_int_equal(s.same + s.different, 0);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(perfect_clustering_scores_one),
    cmocka_unit_test(all_singletons),
    cmocka_unit_test(singletons_on_both_sides),
    cmocka_unit_test(all_in_one_cluster),
    cmocka_unit_test(worked_example),
    cmocka_unit_test(clusters_bad_arguments),
    cmocka_unit_test(clusters_empty),
    cmocka_unit_test(pairs_perfect_separation),
    cmocka_unit_test(pairs_reversed),
    cmocka_unit_test(pairs_all_tied),
    cmocka_unit_test(pairs_partial_tie),
    cmocka_unit_test(pairs_pearson_worked),
    cmocka_unit_test(pairs_pearson_counts_every_pair),
    cmocka_unit_test(pairs_middle_labels_ignored),
    cmocka_unit_test(pairs_one_class),
    cmocka_unit_test(pairs_bad_arguments),
    cmocka_unit_test(pairs_empty),
};

SKEIN_TEST_GROUP(eval, tests)
