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

int skein__copies(const skein_story *s, size_t *original) {
    size_t n = s->size, *up = malloc((n + 1) * sizeof(*up));
    if (!up) return -1;
    for (size_t i = 0; i < n; i++) up[i] = i;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (agree(s->members[i].notes, s->members[j].notes)) {
                size_t a = root(up, i), b = root(up, j);
                if (a != b) up[a] = b;
            }
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
