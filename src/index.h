/* index.h -- inverted index from features to the open stories that post them.
 *
 * A story posts a few of its strongest features; an article looks up its own
 * strongest features and gets the stories that share them, so the cost of
 * finding candidates depends on the article, not on how many stories exist.
 * Entries are deleted lazily: a lookup drops entries whose story is gone or no
 * longer posts the feature (the caller says which through `alive`), and a
 * sweep over all lists runs when stale entries pile up, which bounds memory. */
#ifndef SKEIN_INDEX_H
#define SKEIN_INDEX_H

#include "util.h"

typedef struct skein__index skein__index;

/* Tells whether story `story` still posts `feature`. */
typedef int (*skein__alive_fn)(uint64_t story, uint64_t feature, void *ud);

skein__index *skein__index_new(skein__alive_fn alive, void *ud);
void skein__index_free(skein__index *ix);

/* Adds `story` to the list of `feature`.  Returns 0 or -1 on ENOMEM. */
int skein__index_post(skein__index *ix, uint64_t feature, uint64_t story);

/* Calls fn(story, ud) for every live story posting `feature`, unless more
 * than `max_list` do (such a feature is too common to be a clue). */
void skein__index_lookup(skein__index *ix, uint64_t feature, size_t max_list,
                         void (*fn)(uint64_t story, void *ud), void *ud);

/* Entries currently held (live and stale), for tests and stats. */
size_t skein__index_entries(const skein__index *ix);

#endif
