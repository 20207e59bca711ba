/* test_fvec.c -- the sparse-vector arithmetic the linker uses gives, to the
 * bit, what a plain merge of the two vectors by id gives, whichever of its
 * paths runs: one vector far shorter than the other (found by galloping),
 * both alike, one empty, none shared, all shared.
 *
 * Vectors are drawn from a fixed generator; the reference merges are
 * written here, the obvious way. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "fvec.h"
#include "util.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

/* n entries with ids drawn from [0, span) (distinct, ascending), weights in
 * (0, 1], idf in [1, 9). */
static void draw(skein__fvec *v, size_t n, uint64_t span) {
    v->f = calloc(n + 1, sizeof(*v->f));
    v->cap = n + 1, v->n = 0;
    assert_non_null(v->f);
    uint64_t id = 0;
    for (size_t i = 0; i < n && id < span; i++) {
        id += 1 + next() % (span / (n + 1) + 1);
        v->f[v->n++] = (skein__feat){id, (float)((next() % 1000 + 1) / 1000.0),
                                     (float)(1 + (next() % 8000) / 1000.0)};
    }
}

static double plain_dot(const skein__fvec *q, const skein__fvec *c) {
    double s = 0;
    for (size_t i = 0, j = 0; i < q->n && j < c->n;) {
        if (q->f[i].id < c->f[j].id)
            i++;
        else if (q->f[i].id > c->f[j].id)
            j++;
        else
            s += (double)q->f[i].w * (double)c->f[j].w * (double)c->f[j].idf, i++, j++;
    }
    return s;
}

/* c + scale * d into out (room for c->n + d->n), q's idf for d's entries. */
static size_t plain_add(const skein__fvec *c, const skein__fvec *d, const skein__fvec *q,
                        double scale, skein__feat *out) {
    size_t i = 0, j = 0, k = 0;
    while (i < c->n || j < d->n) {
        if (j == d->n || (i < c->n && c->f[i].id < d->f[j].id)) {
            out[k++] = c->f[i++];
            continue;
        }
        float w = (float)(d->f[j].w * scale);
        if (i < c->n && c->f[i].id == d->f[j].id) w += c->f[i++].w;
        out[k++] = (skein__feat){d->f[j].id, w, q->f[j].idf};
        j++;
    }
    return k;
}

/* One pair of sizes (na, nb) over ids of `span`, both ways round. */
static void check_pair(size_t na, size_t nb, uint64_t span) {
    skein__fvec a, b, q, tmp = {0};
    draw(&a, na, span), draw(&b, nb, span);
    q.n = b.n, q.cap = b.n + 1, q.f = calloc(q.cap, sizeof(*q.f));
    assert_non_null(q.f);
    for (size_t i = 0; i < b.n; i++)
        q.f[i] = (skein__feat){b.f[i].id, b.f[i].w * 2, b.f[i].idf + 1};
    double d1 = skein__fvec_dot(&a, &b), d2 = plain_dot(&a, &b);
    assert_memory_equal(&d1, &d2, sizeof(d1));
    d1 = skein__fvec_dot(&b, &a), d2 = plain_dot(&b, &a);
    assert_memory_equal(&d1, &d2, sizeof(d1));
    skein__feat *want = calloc(a.n + b.n + 1, sizeof(*want));
    assert_non_null(want);
    size_t k = plain_add(&a, &b, &q, 0.37, want);
    assert_int_equal(skein__fvec_add_scaled(&a, &b, &q, 0.37, &tmp), 0);
    assert_int_equal(a.n, k);
    for (size_t i = 0; i < k; i++) {
        assert_true(a.f[i].id == want[i].id);
        assert_memory_equal(&a.f[i].w, &want[i].w, sizeof(float));
        assert_memory_equal(&a.f[i].idf, &want[i].idf, sizeof(float));
    }
    free(want), free(a.f), free(b.f), free(q.f), free(tmp.f);
}

static void same_as_a_plain_merge(void **state) {
    (void)state;
    /* short against long (galloping), alike, empty, sparse and dense ids */
    static const size_t sizes[][2] = {{1, 200},   {3, 200}, {10, 41}, {49, 200}, {51, 200},
                                      {200, 200}, {0, 50},  {50, 0},  {1, 1},    {7, 3000}};
    static const uint64_t spans[] = {64, 400, 100000};
    for (size_t r = 0; r < 20; r++)
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
            for (size_t s = 0; s < sizeof(spans) / sizeof(spans[0]); s++)
                check_pair(sizes[i][0], sizes[i][1], spans[s]);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(same_as_a_plain_merge),
};
SKEIN_TEST_GROUP(fvec, tests)
