/* cluster.h -- the linker: online, single-pass grouping of articles into stories.
 *
 * Each open story keeps a bounded centroid per subspace (sums of its members'
 * length-normalised term vectors, cut to the strongest features) and posts its
 * strongest features to an inverted index.  An article is scored against the
 * stories that share its strongest features: a weighted sum of per-subspace
 * cosines (IDF from the stream), times a time factor when dates are known.
 * It joins the best story at or above the threshold, or opens a new one.
 * Stories idle for longer than the window, or past the cap on open stories,
 * are closed and handed to a callback.  A story is looked at again when it
 * grows to 2^k articles and when it closes: split in two when its articles,
 * compared pair by pair, form two groups unlike each other (regroup.h), and
 * merged with the open story its centroid has come to meet; the articles
 * that move are reported (skein__linker_on_move).  Deterministic for the
 * same input. */
#ifndef SKEIN_CLUSTER_H
#define SKEIN_CLUSTER_H

#include "feature.h"
#include "skein.h"

typedef struct skein__linker skein__linker;

/* Copies `opt`.  NULL on ENOMEM. */
skein__linker *skein__linker_new(const skein_options *opt);
void skein__linker_free(skein__linker *l);
void skein__linker_on_close(skein__linker *l, skein_story_fn fn, void *ud);

/* Called when a second look at a story moves article `id` out of story
 * `from` into story `to`: a split (split_threshold) into a new story, or a
 * merge (merge_threshold) of two open stories.  The article being linked is
 * not reported (*story says where it went). */
typedef void (*skein__move_fn)(const char *id, uint64_t from, uint64_t to, void *ud);
void skein__linker_on_move(skein__linker *l, skein__move_fn fn, void *ud);
/* on (the default): a story is looked at again when it grows to 2^k members
 * and when it closes: split when its members form two groups (regroup.h),
 * merged with the open story its centroid meets at merge_threshold.  Off
 * for a caller that cannot move an article it has recorded. */
void skein__linker_regroup(skein__linker *l, int on);

/* Learns document frequencies from `d` (done by skein__linker_add too). */
int skein__linker_observe(skein__linker *l, const skein__doc *d);

/* Links document `d` (language `lang`, time `t` or SKEIN_NO_TIME) whose
 * record is `m` (strings copied).  *story gets the story joined or opened.
 * Learns document frequencies from `d` first. */
int skein__linker_add(skein__linker *l, const skein__doc *d, const char *lang, int64_t t,
                      const skein_member *m, uint64_t *story);

/* Similarity in [0,1] of `b` (language lb) to a story made of `a` (language
 * la) alone, using the frequencies learned so far, on the scale the linker
 * joins by: across languages, the cross-language score rescaled so that
 * its threshold meets the same-language one. */
double skein__linker_similarity(skein__linker *l, const skein__doc *a, int64_t ta, const char *la,
                                const skein__doc *b, int64_t tb, const char *lb);

/* Closes all open stories in id order. */
int skein__linker_flush(skein__linker *l);
size_t skein__linker_open(const skein__linker *l);
uint64_t skein__linker_stories(const skein__linker *l);

/* Articles linked so far: a stamp that orders the stories' last changes. */
uint64_t skein__linker_stamp(const skein__linker *l);
/* Calls fn for every open story an article joined after `stamp`, most
 * recently changed first (skein_story_fn; title is the headline, report NULL). */
int skein__linker_each_since(skein__linker *l, uint64_t stamp, skein_story_fn fn, void *ud);

/* Appends the linker's whole state (snap.h) to `b`: document frequencies,
 * open stories, the index.  Loading it into a new linker with the same
 * options gives one that links the rest of a stream exactly as this one
 * would.  With `notes_kept` the members' notes are left out, each marked
 * as kept by the caller (skein__notes_source).  SKEIN_OK or SKEIN_ENOMEM. */
int skein__linker_save(skein__linker *l, sbuf *b, int notes_kept);
struct snap_r;
struct skein__notes_source;
/* SKEIN_OK, SKEIN_EPARSE on a corrupt record, SKEIN_ENOMEM.  On failure the
 * linker is half loaded: free it.  version: of the engine state that holds
 * it (engine.c): 2 saved no member features (its stories are then never
 * split), 3 no headline dates (SKEIN_SUB_TDATE and on left empty) nor the
 * size of each story's last look (looked at again when it closes), 4 all.
 * `notes` gives the notes a save with notes_kept left out (NULL: none, and
 * such a state is refused, SKEIN_EPARSE, as is one it has no notes for;
 * its own failures are returned as they are). */
int skein__linker_load(skein__linker *l, struct snap_r *r, int version,
                       const struct skein__notes_source *notes);

#endif
