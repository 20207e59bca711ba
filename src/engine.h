/* engine.h -- what the store needs of the engine beyond skein.h: checkpoints
 * of its whole state, and the open stories that changed since a point. */
#ifndef SKEIN_ENGINE_H
#define SKEIN_ENGINE_H

#include "extract.h"
#include "notes.h"
#include "skein.h"
#include "tell.h"
#include "util.h"

/* The store's callback for closed stories: the story with its report, and
 * the record it was printed from (NULL when telling failed: out of memory). */
typedef void (*skein__told_fn)(const skein_story *s, const skein__told *told, void *ud);
/* Like skein_engine_on_story, in place of it. */
void skein__engine_on_told(skein_engine *e, skein__told_fn fn, void *ud);
/* Whether stories are split and merged on a second look (on by default);
 * the store turns it off: it does not move articles it has written. */
void skein__engine_regroup(skein_engine *e, int on);

/* Appends a checkpoint of the engine to `b`: its options, clock, the ids it
 * has seen and the linker's state.  With `notes_kept` its stories' articles'
 * notes are left out: the caller keeps them by article id and gives them
 * back to skein__engine_load (notes.h).  SKEIN_OK or SKEIN_ENOMEM. */
int skein__engine_save(skein_engine *e, sbuf *b, int notes_kept);

/* Restores a checkpoint into `e`, which must be new (no article added) and
 * made with the same options.  SKEIN_EINVAL when the options differ,
 * SKEIN_EPARSE when the blob is corrupt or of another version, or left notes
 * out that `notes` (NULL: none) does not give, SKEIN_ENOMEM, or the code of
 * a failure of `notes` (SKEIN_EDB: the store's).
 * On failure `e` is unusable: free it. */
int skein__engine_load(skein_engine *e, const void *blob, size_t n,
                       const skein__notes_source *notes);

/* A stamp of the engine's progress (articles linked), and the open stories
 * an article joined after a stamp, most recently changed first, as the
 * callback sees them (report NULL: tell them with skein_story_tell). */
uint64_t skein__engine_stamp(const skein_engine *e);
int skein__engine_each_since(skein_engine *e, uint64_t stamp, skein_story_fn fn, void *ud);

/* The stream's "now": the latest article time seen (SKEIN_NO_TIME). */
int64_t skein__engine_clock(const skein_engine *e);

/* The article skein_engine_add took last as its story holds it: language
 * used, title shown, notes.  Valid until the next call on the engine; the id,
 * source and url are the caller's. */
const skein_member *skein__engine_last(const skein_engine *e);

/* The engine's extractor (for the speaker model's trainer: its hook).  The
 * thread that waits for a prepare also prepares articles with it, so a hook
 * set there sees those articles, not the workers': set none while preparing
 * on threads. */
skein__extractor *skein__engine_extractor(skein_engine *e);

#endif
