/* regroup.c -- a story's members in two groups, or not.  See regroup.h. */
#include "regroup.h"

#include <stdlib.h>
#include <string.h>

/* Row i's best link to a later live group: the largest a[i][j] over live
 * j > i, the first such j on ties (best[i] < 0: none). */
static void row_best(const double *a, size_t n, const size_t *size, size_t i, double *best,
                     size_t *at) {
    best[i] = -1, at[i] = i;
    for (size_t j = i + 1; j < n; j++)
        if (size[j] && a[i * n + j] > best[i]) best[i] = a[i * n + j], at[i] = j;
}

int skein__regroup(const double *sim, size_t n, double link, size_t min_group,
                   unsigned char *side) {
    if (min_group < 1) min_group = 1;
    if (n < 2 || n < 2 * min_group) return 0;
    double *a = malloc(n * n * sizeof(*a)); /* mean similarity of group i to group j */
    size_t *size = malloc(n * sizeof(*size)), *of = malloc(n * sizeof(*of));
    double *best = malloc(n * sizeof(*best));
    size_t *at = malloc(n * sizeof(*at));
    if (!a || !size || !of || !best || !at) {
        free(a), free(size), free(of), free(best), free(at);
        return -1;
    }
    memcpy(a, sim, n * n * sizeof(*a));
    for (size_t i = 0; i < n; i++) size[i] = 1, of[i] = i; /* a group is named by its first */
    /* Each step merges the pair a scan of the live pairs in row order
     * would pick first at its largest value: the row of the first largest
     * row best, at that row's first best.  Rows keep their best, and a
     * merge updates only what it moved. */
    for (size_t i = 0; i < n; i++) row_best(a, n, size, i, best, at);
    for (;;) {
        size_t bi = 0, bj = 0;
        double top = -1;
        for (size_t i = 0; i < n; i++)
            if (size[i] && best[i] > top) top = best[i], bi = i, bj = at[i];
        if (bi == bj || top < link) break;
        for (size_t k = 0; k < n; k++) /* average link (Lance-Williams) */
            if (size[k] && k != bi && k != bj)
                a[bi * n + k] = a[k * n + bi] =
                    ((double)size[bi] * a[bi * n + k] + (double)size[bj] * a[bj * n + k]) /
                    (double)(size[bi] + size[bj]);
        size[bi] += size[bj], size[bj] = 0;
        for (size_t m = 0; m < n; m++)
            if (of[m] == bj) of[m] = bi;
        row_best(a, n, size, bi, best, at);
        for (size_t k = 0; k < n; k++) {
            if (!size[k] || k == bi) continue;
            if (at[k] == bj || (k < bi && at[k] == bi))
                row_best(a, n, size, k, best, at); /* its best is gone or moved */
            else if (k < bi &&
                     (a[k * n + bi] > best[k] || (a[k * n + bi] == best[k] && bi < at[k])))
                best[k] = a[k * n + bi], at[k] = bi;
        }
    }
    size_t g[2] = {n, n}; /* the two largest groups, the first's ties first */
    for (size_t i = 0; i < n; i++) {
        if (!size[i]) continue;
        if (g[0] == n || size[i] > size[g[0]])
            g[1] = g[0], g[0] = i;
        else if (g[1] == n || size[i] > size[g[1]])
            g[1] = i;
    }
    int split = g[1] != n && size[g[1]] >= min_group;
    if (split) {
        if (g[1] < g[0]) { /* side 0 is the group of member 0 (group 0) or nearer it */
            size_t t = g[0];
            g[0] = g[1], g[1] = t;
        }
        for (size_t m = 0; m < n; m++) {
            size_t c = of[m];
            side[m] = c == g[0] ? 0 : c == g[1] ? 1 : a[c * n + g[0]] >= a[c * n + g[1]] ? 0 : 1;
        }
        if (side[0]) /* member 0's group stays: it is side 0 */
            for (size_t m = 0; m < n; m++) side[m] = !side[m];
    }
    free(a), free(size), free(of), free(best), free(at);
    return split;
}

size_t skein__regroup_sample(size_t n, size_t k, size_t *idx) {
    if (k >= n) k = n;
    for (size_t j = 0; j < k; j++) idx[j] = k == n ? j : (size_t)((unsigned long long)j * n / k);
    return k;
}
