/* rank.c -- how important a story told is, and why, in words.
 *
 * A reader ranks a story by how widely it is reported: how many distinct
 * texts (a wire copy run by several outlets counts once), how many outlets
 * wrote their own, in how many languages, whether it is growing, and how
 * recent it is.  The weight adds the natural logarithms of the texts and
 * the outlets, 0.7 of the languages' and half the growth's (above 1), and
 * ln 2 for each day of the last article's time since the epoch: a story a
 * day newer weighs as one with twice the texts, so the order of two stories
 * never changes as the clock moves and the list can be ordered by a stored
 * number.  Undated stories get no recency, and so come after dated ones.
 * The weight is kept in thousandths, an integer, so that both back ends
 * order and page it alike. */
#include "tell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROWING 2.0 /* growth from which a story is "growing" */
#define GROWING_FAST 4.0

/* Outlets with a text of their own: one pass over the members (a story of
 * many outlets and members is ranked at every commit that changes it). */
static size_t independent_outlets(const skein__told *t) {
    size_t n = 0;
    unsigned char *own = calloc(t->noutlets + 1, 1);
    for (size_t i = 0; own && i < t->s->size; i++) {
        size_t k = t->outlet_of[i];
        if (k < t->noutlets && !own[k] && (!t->original || t->original[i] == i)) own[k] = 1, n++;
    }
    if (own) return free(own), n;
    for (size_t k = 0; k < t->noutlets; k++) { /* no memory: the same count, slowly */
        int mine = 0;
        for (size_t i = 0; i < t->s->size && !mine; i++)
            mine = t->outlet_of[i] == k && (!t->original || t->original[i] == i);
        n += (size_t)mine;
    }
    return n;
}

static void add_reason(char *buf, size_t cap, const char *what) {
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", what);
}

void skein__story_rank(const skein__told *t, skein__rank *r) {
    memset(r, 0, sizeof(*r));
    for (size_t i = 0; i < t->s->size; i++) r->texts += !t->original || t->original[i] == i;
    r->outlets = t->outlet_of ? independent_outlets(t) : 0;
    r->languages = t->nlanguages;
    /* growth as of the story's own last article, not the clock of the commit
     * that wrote it: the same story ranks the same whenever it was written */
    r->growth = round(skein_story_growth(t->s, SKEIN_NO_TIME) * 1000) / 1000;
    double score = log((double)(r->texts ? r->texts : 1)) +
                   log((double)(r->outlets ? r->outlets : 1)) +
                   0.7 * log((double)(r->languages ? r->languages : 1)) +
                   (r->growth > 1 ? 0.5 * log(r->growth) : 0);
    if (t->s->last_seen != SKEIN_NO_TIME) score += (double)t->s->last_seen / 86400.0 * M_LN2;
    r->weight = llround(score * 1000);
    char part[48];
    size_t copies = t->s->size - r->texts;
    snprintf(part, sizeof(part), "%zu %s", r->outlets, r->outlets == 1 ? "outlet" : "outlets");
    add_reason(r->why, sizeof(r->why), part);
    if (r->languages > 1) {
        snprintf(part, sizeof(part), "%zu languages", r->languages);
        add_reason(r->why, sizeof(r->why), part);
    }
    if (r->texts > r->outlets) { /* more than one text of an outlet */
        snprintf(part, sizeof(part), "%zu articles", r->texts);
        add_reason(r->why, sizeof(r->why), part);
    }
    if (copies) {
        snprintf(part, sizeof(part), "%zu %s", copies, copies == 1 ? "copy" : "copies");
        add_reason(r->why, sizeof(r->why), part);
    }
    if (r->growth >= GROWING)
        add_reason(r->why, sizeof(r->why), r->growth >= GROWING_FAST ? "growing fast" : "growing");
}

int64_t skein__story_weight(const skein__told *t) {
    skein__rank r;
    skein__story_rank(t, &r);
    return r.weight;
}
