/* snap.h -- a flat binary encoding for checkpoints of the engine's state.
 *
 * Writers append fixed-size little-endian integers, floats and doubles (by
 * their bit patterns, so a value reads back exactly), and length-prefixed
 * strings to an sbuf.  The reader checks every length against what is left
 * and latches an error flag instead of failing at each call: decode a whole
 * record, then test r->err once.  Counts are checked against the bytes left,
 * so a corrupt length cannot make a reader allocate more than the blob. */
#ifndef SKEIN_SNAP_H
#define SKEIN_SNAP_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

/* Writers: 0 or -1 on ENOMEM.  A NULL string is written apart from "". */
int skein__snap_u64(sbuf *b, uint64_t v);
int skein__snap_u32(sbuf *b, uint32_t v);
int skein__snap_i64(sbuf *b, int64_t v);
int skein__snap_f32(sbuf *b, float v);
int skein__snap_f64(sbuf *b, double v);
int skein__snap_str(sbuf *b, const char *s);

typedef struct snap_r {
    const unsigned char *p;
    size_t n, at;
    int err;
} snap_r;

void skein__snap_reader(snap_r *r, const void *p, size_t n);
uint64_t skein__snap_get_u64(snap_r *r);
uint32_t skein__snap_get_u32(snap_r *r);
int64_t skein__snap_get_i64(snap_r *r);
float skein__snap_get_f32(snap_r *r);
double skein__snap_get_f64(snap_r *r);
/* A new string (NULL when NULL was written or on error: see r->err). */
char *skein__snap_get_str(snap_r *r);
/* A count of items of at least `min_bytes` each still to read; 0 and the
 * error flag set when the rest of the blob cannot hold that many. */
size_t skein__snap_get_count(snap_r *r, size_t min_bytes);

#endif
