/* eval.c -- scores a clustering against gold labels, and pair scores against human labels.
 *
 * Clusterings: labels are strings, so each side is first turned into dense
 * integer cluster ids by sorting (label, item) records and numbering the runs.
 * Sorting the (gold id, pred id) pairs then gives the contingency table as runs
 * too.  Every measure is a sum over cells or cluster sizes: pairwise counts are
 * sums of c*(c-1)/2, B-cubed is sum over cells of n_ij^2 / |cluster|, so the cost
 * is O(n log n) and no item pair is ever visited.
 *
 * Pair scores: Pearson is a two-pass mean/covariance.  AUC is the Mann-Whitney
 * statistic from one sort of the labelled pairs, tied scores sharing their mean
 * rank (a tie counts half).  The same sorted order gives the best threshold by
 * one sweep that moves a group of equal scores from "same" to "different".
 *
 * 0/0 conventions, chosen so that "nothing to get wrong" scores as perfect and
 * "nothing to tell apart" scores as chance:
 *   - pairwise precision is 1 when no pair is predicted together; recall is 1
 *     when no pair is together in gold; F1 is 0 when P + R is 0;
 *   - with no items, B-cubed P and R are 1;
 *   - Pearson is 0 with fewer than two pairs or zero variance on either side;
 *   - AUC is 0.5 unless there is at least one same and one different pair;
 *   - with no same/different pair, best_accuracy and best_threshold are 0. */
#include "skein.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Clusterings ---------------------------------------------------------- */

typedef struct label_ref {
    const char *label;
    size_t item;
} label_ref;

typedef struct cell_ref {
    size_t gold, pred;
} cell_ref;

static int cmp_label_ref(const void *a, const void *b) {
    const label_ref *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    if (c) return c;
    return (x->item > y->item) - (x->item < y->item);
}

static int cmp_cell_ref(const void *a, const void *b) {
    const cell_ref *x = a, *y = b;
    if (x->gold != y->gold) return x->gold < y->gold ? -1 : 1;
    return (x->pred > y->pred) - (x->pred < y->pred);
}

static uint64_t pairs_of(uint64_t c) { return c ? c * (c - 1) / 2 : 0; }

static int labels_valid(const char *const *labels, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!labels[i]) return 0;
    return 1;
}

/* Writes the dense cluster id of each item into ids[] (0, 1, ... in label
 * order) and adds the size of each cluster into sizes[], which must come
 * zeroed; returns the cluster count.  `refs` is scratch of n entries. */
static size_t number_clusters(const char *const *labels, size_t n, label_ref *refs, size_t *ids,
                              size_t *sizes) {
    if (!n) return 0;
    for (size_t i = 0; i < n; i++) refs[i] = (label_ref){labels[i], i};
    qsort(refs, n, sizeof(refs[0]), cmp_label_ref);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(refs[i].label, refs[i - 1].label) != 0) k++;
        ids[refs[i].item] = k;
        sizes[k]++;
    }
    return k + 1;
}

static double ratio_or(double num, double den, double if_zero) {
    return den > 0 ? num / den : if_zero;
}

static double harmonic(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

/* Walks the contingency table (cells sorted by gold, then pred id) and fills
 * the pairwise and B-cubed scores of `out`. */
static void score_cells(cell_ref *cells, size_t n, const size_t *gsize, const size_t *psize,
                        skein_cluster_scores *out) {
    uint64_t together = 0, pred_pairs = 0, gold_pairs = 0;
    double b3_p = 0, b3_r = 0;
    qsort(cells, n, sizeof(cells[0]), cmp_cell_ref);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && cmp_cell_ref(&cells[i], &cells[j]) == 0) j++;
        double c = (double)(j - i);
        together += pairs_of(j - i);
        b3_p += c * c / (double)psize[cells[i].pred];
        b3_r += c * c / (double)gsize[cells[i].gold];
        i = j;
    }
    for (size_t j = 0; j < out->pred_clusters; j++) pred_pairs += pairs_of(psize[j]);
    for (size_t j = 0; j < out->gold_clusters; j++) gold_pairs += pairs_of(gsize[j]);
    out->pair_p = ratio_or((double)together, (double)pred_pairs, 1);
    out->pair_r = ratio_or((double)together, (double)gold_pairs, 1);
    out->pair_f1 = harmonic(out->pair_p, out->pair_r);
    out->b3_p = ratio_or(b3_p, (double)n, 1);
    out->b3_r = ratio_or(b3_r, (double)n, 1);
    out->b3_f1 = harmonic(out->b3_p, out->b3_r);
}

/* gold, pred: n labels each, borrowed; may be NULL only when n is 0.
 * Returns SKEIN_EINVAL for a NULL array, label or `out`, SKEIN_ENOMEM when
 * scratch memory (8 words per item) cannot be had.  *out is written on success only. */
int skein_eval_clusters(const char *const *gold, const char *const *pred, size_t n,
                        skein_cluster_scores *out) {
    if (!out || (n && (!gold || !pred))) return SKEIN_EINVAL;
    if (!labels_valid(gold, n) || !labels_valid(pred, n)) return SKEIN_EINVAL;
    size_t m = n ? n : 1;
    label_ref *refs = calloc(m, sizeof(*refs));
    cell_ref *cells = calloc(m, sizeof(*cells));
    size_t *gid = calloc(m, sizeof(*gid)), *pid = calloc(m, sizeof(*pid));
    size_t *gsize = calloc(m, sizeof(*gsize)), *psize = calloc(m, sizeof(*psize));
    int rc = SKEIN_ENOMEM;
    if (refs && cells && gid && pid && gsize && psize) {
        *out = (skein_cluster_scores){.items = n};
        out->gold_clusters = number_clusters(gold, n, refs, gid, gsize);
        out->pred_clusters = number_clusters(pred, n, refs, pid, psize);
        for (size_t i = 0; i < n; i++) cells[i] = (cell_ref){gid[i], pid[i]};
        score_cells(cells, n, gsize, psize, out);
        rc = SKEIN_OK;
    }
    free(refs);
    free(cells);
    free(gid);
    free(pid);
    free(gsize);
    free(psize);
    return rc;
}

/* ---- Pair scores ---------------------------------------------------------- */

#define SAME_MAX 1.5
#define DIFFERENT_MIN 3.0

typedef struct scored {
    double score;
    int same; /* 1 same, 0 different */
} scored;

static int cmp_scored(const void *a, const void *b) {
    const scored *x = a, *y = b;
    return (x->score > y->score) - (x->score < y->score);
}

static int values_finite(const double *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
}

static double pearson(const double *x, const double *y, size_t n) {
    if (n < 2) return 0;
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += -y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = -y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx <= 0 || syy <= 0) return 0;
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

/* Mann-Whitney AUC of sorted `v`: the sum of the same pairs' (1-based, tie-
 * averaged) ranks, less its minimum, over same * different. */
static double auc_sorted(const scored *v, size_t n, size_t same, size_t different) {
    if (!same || !different) return 0.5;
    double rank_sum = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, same_here = 0;
        for (; j < n && v[j].score == v[i].score; j++) same_here += (size_t)v[j].same;
        rank_sum += (double)same_here * ((double)(i + 1) + (double)j) / 2;
        i = j;
    }
    double min_sum = (double)same * ((double)same + 1) / 2;
    return (rank_sum - min_sum) / ((double)same * (double)different);
}

/* A threshold above lo and at most hi, halfway when the doubles allow. */
static double midpoint(double lo, double hi) {
    double mid = lo + (hi - lo) / 2;
    return mid > lo ? mid : hi;
}

/* Sweeps thresholds up through sorted `v`.  A threshold between two distinct
 * scores is reported as their midpoint, the lowest as the lowest score, and
 * "everything different" as the next double above the highest score.  The
 * lowest threshold wins a tie. */
static void best_threshold(const scored *v, size_t n, size_t same, skein_pair_scores *out) {
    if (!n) return;
    size_t correct = same, best = same;
    double best_t = v[0].score;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        for (; j < n && v[j].score == v[i].score; j++)
            correct = v[j].same ? correct - 1 : correct + 1;
        if (correct > best) {
            best = correct;
            best_t = j < n ? midpoint(v[i].score, v[j].score) : nextafter(v[i].score, INFINITY);
        }
        i = j;
    }
    out->best_accuracy = (double)best / (double)n;
    out->best_threshold = best_t;
}

/* scores, labels: n values each, borrowed; may be NULL only when n is 0.
 * Returns SKEIN_EINVAL for a NULL array or `out`, or a value that is not
 * finite; SKEIN_ENOMEM when scratch memory cannot be had. */
int skein_eval_pairs(const double *scores, const double *labels, size_t n, skein_pair_scores *out) {
    if (!out || (n && (!scores || !labels))) return SKEIN_EINVAL;
    if (!values_finite(scores, n) || !values_finite(labels, n)) return SKEIN_EINVAL;
    scored *v = calloc(n ? n : 1, sizeof(*v));
    if (!v) return SKEIN_ENOMEM;
    *out = (skein_pair_scores){.pairs = n, .pearson = pearson(scores, labels, n)};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int same = labels[i] <= SAME_MAX;
        if (!same && labels[i] < DIFFERENT_MIN) continue;
        v[k++] = (scored){scores[i], same};
        out->same += (size_t)same;
    }
    out->different = k - out->same;
    qsort(v, k, sizeof(v[0]), cmp_scored);
    out->auc = auc_sorted(v, k, out->same, out->different);
    best_threshold(v, k, out->same, out);
    free(v);
    return SKEIN_OK;
}
