/* copies.c -- copies of one text among a story's members (copies.h).
 *
 * Two members are copies when their sketches (min-hashes of the text's word
 * shingles, extract_lead.c) agree on SKEIN__COPY_AGREE values or more; the
 * relation is closed over (a copy of a copy is a copy) with a union-find.
 * Members without a sketch (no text, or too short) copy nothing. */
#include "copies.h"

#include <stdlib.h>

static size_t root(size_t *up, size_t i) {
    while (up[i] != i) i = up[i] = up[up[i]];
    return i;
}

static int agree(const skein_notes *a, const skein_notes *b) {
    if (!a || !b || !a->sketch[0] || !b->sketch[0]) return 0;
    int n = 0;
    for (size_t k = 0; k < SKEIN_SKETCH; k++) n += a->sketch[k] == b->sketch[k];
    return n >= SKEIN__COPY_AGREE;
}

/* Is member a earlier than member b (published; undated after dated, then arrival)? */
static int earlier(const skein_story *s, size_t a, size_t b) {
    int64_t ta = s->members[a].published, tb = s->members[b].published;
    if (ta != tb) {
        if (ta == SKEIN_NO_TIME || tb == SKEIN_NO_TIME) return tb == SKEIN_NO_TIME;
        return ta < tb;
    }
    return a < b;
}

/* Two sketches that agree on SKEIN__COPY_AGREE values or more agree on
 * every value of at least one of BANDS bands (they differ in at most
 * SKEIN_SKETCH - SKEIN__COPY_AGREE places): only members that share a band
 * are compared. */
#define BANDS (SKEIN_SKETCH - SKEIN__COPY_AGREE + 1)

typedef struct banded {
    uint64_t h; /* the band's values, hashed */
    size_t m;
} banded;

static int cmp_banded(const void *x, const void *y) {
    const banded *a = x, *b = y;
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    return a->m < b->m ? -1 : a->m > b->m;
}

static uint64_t band_hash(const uint64_t *v, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t k = 0; k < n; k++) h = (h ^ v[k]) * 0x100000001B3ull, h ^= h >> 29;
    return h;
}

int skein__copies(const skein_story *s, size_t *original) {
    size_t n = s->size, *up = malloc((n + 1) * sizeof(*up));
    banded *b = malloc((n + 1) * sizeof(*b));
    if (!up || !b) return free(up), free(b), -1;
    for (size_t i = 0; i < n; i++) up[i] = i;
    for (size_t band = 0; band < BANDS; band++) {
        size_t from = band * SKEIN_SKETCH / BANDS, to = (band + 1) * SKEIN_SKETCH / BANDS, nb = 0;
        for (size_t i = 0; i < n; i++) {
            const skein_notes *x = s->members[i].notes;
            if (x && x->sketch[0]) b[nb++] = (banded){band_hash(x->sketch + from, to - from), i};
        }
        qsort(b, nb, sizeof(*b), cmp_banded);
        for (size_t lo = 0, hi; lo < nb; lo = hi) {
            for (hi = lo + 1; hi < nb && b[hi].h == b[lo].h; hi++) {
            }
            for (size_t p = lo + 1; p < hi; p++)
                for (size_t q = lo; q < p; q++) {
                    size_t ra = root(up, b[p].m), rb = root(up, b[q].m);
                    if (ra != rb && agree(s->members[b[p].m].notes, s->members[b[q].m].notes))
                        up[ra] = rb; /* a pair joined already is not compared again */
                }
        }
    }
    free(b);
    /* each group's original: its earliest member */
    for (size_t i = 0; i < n; i++) original[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t r = root(up, i);
        if (original[r] == (size_t)-1 || earlier(s, i, original[r])) original[r] = i;
    }
    for (size_t i = 0; i < n; i++) original[i] = original[root(up, i)];
    free(up);
    return 0;
}
