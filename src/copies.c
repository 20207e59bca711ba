/* copies.c -- copies of one text among a story's members (copies.h).
 *
 * Two members are copies when their sketches (min-hashes of the text's word
 * shingles, extract_lead.c) agree on SKEIN__COPY_AGREE values or more; the
 * relation is closed over (a copy of a copy is a copy) with a union-find.
 * Members without a sketch (no text, or too short) copy nothing.  Kept
 * between calls (skein__copies_update), a story's groups grow with the
 * members that join: each is compared once with those before it. */
#include "copies.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

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

static uint64_t band_hash(const uint64_t *v, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t k = 0; k < n; k++) h = (h ^ v[k]) * 0x100000001B3ull, h ^= h >> 29;
    return h;
}

/* What was read of a story's members: their groups as a union-find, and
 * per band each band's value -> the last member with it, the members with
 * one value chained from there. */
struct skein__copies_memo {
    size_t n; /* members read */
    size_t *up, up_cap;
    size_t *chain, chain_cap; /* [member * BANDS + band]: the member before with the value + 1 */
    u64map last[BANDS];       /* a band's value -> its last member + 1 */
};

void skein__copies_forget(skein__copies_memo *m) {
    if (!m) return;
    for (size_t band = 0; band < BANDS; band++) skein__u64map_clear(&m->last[band]);
    m->n = 0;
}

void skein__copies_memo_free(skein__copies_memo *m) {
    if (!m) return;
    for (size_t band = 0; band < BANDS; band++) skein__u64map_release(&m->last[band]);
    free(m->up), free(m->chain), free(m);
}

/* Member i compared with the members before it that share a band with it. */
static int copies_add(skein__copies_memo *m, const skein_story *s, size_t i) {
    if (skein__grow((void **)&m->up, &m->up_cap, i + 1, sizeof(*m->up)) ||
        skein__grow((void **)&m->chain, &m->chain_cap, (i + 1) * BANDS, sizeof(*m->chain)))
        return -1;
    m->up[i] = i;
    size_t *chain = m->chain + i * BANDS;
    memset(chain, 0, BANDS * sizeof(*chain));
    const skein_notes *x = s->members[i].notes;
    if (!x || !x->sketch[0]) return 0;
    for (size_t band = 0; band < BANDS; band++) {
        size_t from = band * SKEIN_SKETCH / BANDS, to = (band + 1) * SKEIN_SKETCH / BANDS;
        uint64_t h = band_hash(x->sketch + from, to - from);
        uint64_t *last = skein__u64map_upsert(&m->last[band], h ? h : 1);
        if (!last) return -1;
        for (size_t q = (size_t)*last; q; q = m->chain[(q - 1) * BANDS + band]) {
            size_t ra = root(m->up, i), rb = root(m->up, q - 1);
            if (ra != rb && agree(x, s->members[q - 1].notes))
                m->up[ra] = rb; /* a pair joined already is not compared again */
        }
        chain[band] = (size_t)*last;
        *last = (uint64_t)i + 1;
    }
    return 0;
}

int skein__copies_update(skein__copies_memo **pm, const skein_story *s, size_t *original) {
    if (!*pm && !(*pm = calloc(1, sizeof(**pm)))) return -1;
    skein__copies_memo *m = *pm;
    if (m->n > s->size) skein__copies_forget(m);
    for (size_t i = m->n; i < s->size; i++) {
        if (copies_add(m, s, i)) return skein__copies_forget(m), -1;
        m->n = i + 1;
    }
    size_t n = s->size, *up = m->up;
    /* each group's original: its earliest member */
    for (size_t i = 0; i < n; i++) original[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t r = root(up, i);
        if (original[r] == (size_t)-1 || earlier(s, i, original[r])) original[r] = i;
    }
    for (size_t i = 0; i < n; i++) original[i] = original[root(up, i)];
    return 0;
}

int skein__copies(const skein_story *s, size_t *original) {
    skein__copies_memo *m = NULL;
    int rc = skein__copies_update(&m, s, original);
    skein__copies_memo_free(m);
    return rc;
}
