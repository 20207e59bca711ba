/* index.h -- inverted index from features to the open stories that post them.
 *
 * A story posts a few of its strongest features; an article looks up its own
 * strongest features and gets the stories that share them, so the cost of
 * finding candidates depends on the article, not on how many stories exist.
 * Entries are opaque 64-bit values the caller chooses (story handles).  They
 * are deleted lazily: a lookup drops entries the caller's `alive` says are
 * stale, and a sweep over all lists runs when stale entries pile up, which
 * bounds memory. */
#ifndef SKEIN_INDEX_H
#define SKEIN_INDEX_H

#include "util.h"

typedef struct skein__index skein__index;

/* Tells whether an entry is still live. */
typedef int (*skein__alive_fn)(uint64_t entry, void *ud);

skein__index *skein__index_new(skein__alive_fn alive, void *ud);
void skein__index_free(skein__index *ix);

/* Adds `entry` to the list of `feature`.  Returns 0 or -1 on ENOMEM. */
int skein__index_post(skein__index *ix, uint64_t feature, uint64_t entry);

/* Calls fn(entry, ud) for every live entry of `feature`, unless there are
 * more than `max_list` (such a feature is too common to be a clue). */
void skein__index_lookup(skein__index *ix, uint64_t feature, size_t max_list,
                         void (*fn)(uint64_t entry, void *ud), void *ud);

/* Asks the cache for where `feature`'s list is found: a caller about to
 * look up many features asks for all first, so that their probes of the
 * table overlap rather than each waiting on memory. */
void skein__index_prefetch(const skein__index *ix, uint64_t feature);

/* Appends the live entries of every list to `out` (snap.h); dead entries
 * are dropped first, so `alive` must already answer for the entries.
 * 0 or -1 on ENOMEM. */
int skein__index_save(skein__index *ix, sbuf *out);
/* Posts what skein__index_save wrote into an empty index.  0, or -1 on a
 * corrupt record (r->err set) or ENOMEM. */
struct snap_r;
int skein__index_load(skein__index *ix, struct snap_r *r);

#endif
