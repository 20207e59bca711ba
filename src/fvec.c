/* fvec.c -- arithmetic of sparse vectors sorted by id.  See fvec.h.
 *
 * The linker's hottest loops: a query against each candidate story's
 * centroid, a member added to a centroid.  Two vectors are merged by id;
 * a vector much shorter than the other finds its entries there by
 * galloping.  Every path meets the shared entries in id order and adds
 * the same products in the same order, so the results are the same to the
 * bit whichever path runs (tests/test_fvec.c checks it against a plain
 * merge). */
#include "fvec.h"

#include "util.h"

#include <string.h>

/* A vector much shorter than the one it meets (a title's words against a
 * centroid's 200) finds its entries in the other by galloping rather than
 * walking all of it: the same entries met in the same order. */
#define GALLOP_RATIO 4

/* The first index at or after `from` of f[0..n) (sorted by id) whose id is
 * `id` or more, n when none: steps that double, then halving.  All before
 * lo have smaller ids; f[hi] has not (or hi is n or beyond). */
static size_t seek(const skein__feat *f, size_t from, size_t n, uint64_t id) {
    size_t lo = from, hi = from, step = 1;
    while (hi < n && f[hi].id < id) lo = hi + 1, hi += step, step *= 2;
    if (hi > n) hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

double skein__fvec_dot(const skein__fvec *q, const skein__fvec *c) {
    double s = 0;
    size_t i = 0, j = 0;
    if (q->n * GALLOP_RATIO < c->n) {
        for (; i < q->n && j < c->n; i++) {
            j = seek(c->f, j, c->n, q->f[i].id);
            if (j < c->n && c->f[j].id == q->f[i].id)
                s += (double)q->f[i].w * (double)c->f[j].w * (double)c->f[j].idf, j++;
        }
        return s;
    }
    while (i < q->n && j < c->n) { /* which side steps is a coin toss: no branch on it */
        uint64_t x = q->f[i].id, y = c->f[j].id;
        if (x == y) s += (double)q->f[i].w * (double)c->f[j].w * (double)c->f[j].idf;
        i += x <= y, j += y <= x;
    }
    return s;
}

int skein__fvec_add_scaled(skein__fvec *c, const skein__fvec *d, const skein__fvec *q, double scale,
                           skein__fvec *t) {
    if (skein__grow((void **)&t->f, &t->cap, c->n + d->n + 1, sizeof(*t->f))) return -1;
    const skein__feat *cf = c->f, *df = d->f, *qf = q->f;
    skein__feat *out = t->f;
    size_t i = 0, j = 0, k = 0, cn = c->n, dn = d->n;
    if (dn * GALLOP_RATIO < cn) /* few entries: the centroid's runs between them copied whole */
        for (; j < dn && i < cn; j++) {
            size_t r = seek(cf, i, cn, df[j].id);
            memcpy(out + k, cf + i, (r - i) * sizeof(*out)), k += r - i, i = r;
            if (i == cn) break;
            float w = (float)(df[j].w * scale);
            if (cf[i].id == df[j].id) w += cf[i++].w;
            out[k++] = (skein__feat){df[j].id, w, qf[j].idf};
        }
    while (i < cn && j < dn) { /* both sides left: one test of the ids per step */
        uint64_t a = cf[i].id, b = df[j].id;
        if (a < b) {
            out[k++] = cf[i++];
            continue;
        }
        float w = (float)(df[j].w * scale);
        if (a == b) w += cf[i++].w;
        out[k++] = (skein__feat){b, w, qf[j].idf};
        j++;
    }
    if (i < cn) memcpy(out + k, cf + i, (cn - i) * sizeof(*out)), k += cn - i;
    for (; j < dn; j++) out[k++] = (skein__feat){df[j].id, (float)(df[j].w * scale), qf[j].idf};
    t->n = k;
    skein__fvec swap = *c;
    *c = *t, *t = swap;
    return 0;
}
