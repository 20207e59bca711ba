/* notes.h -- the binary form of an article's notes (skein_notes, skein.h),
 * which checkpoints and the store keep, and their JSON for the edges. */
#ifndef SKEIN_NOTES_H
#define SKEIN_NOTES_H

#include "skein.h"
#include "snap.h"

struct cJSON;

/* Appends notes `n` to `b`.  0 or -1 (ENOMEM). */
int skein__notes_save(sbuf *b, const skein_notes *n);

/* Reads notes written by skein__notes_save: a new block (skein_notes_free),
 * or NULL with r->err set when the bytes are not such notes (or ENOMEM). */
skein_notes *skein__notes_load(snap_r *r);

/* Where a checkpoint that left its members' notes out finds them: the
 * caller's copy of each article's notes, by article id (the store's log
 * holds them; they are most of a checkpoint's bytes).  get is asked for a
 * story's members in their order, story by story; it returns new notes
 * (skein_notes_free), or NULL with *rc SKEIN_EPARSE (none kept for `id`:
 * the checkpoint is unusable) or another code (its own failure). */
typedef struct skein__notes_source {
    skein_notes *(*get)(void *ud, uint64_t story, const char *id, int *rc);
    void *ud;
} skein__notes_source;

/* The notes as a new cJSON object (the JSON skein_notes_json prints). */
struct cJSON *skein__notes_cjson(const skein_notes *n);

#endif
