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
#include <string.h>

/* Writers: 0 or -1 on ENOMEM.  A NULL string is written apart from "".
 * They are inline: a checkpoint is millions of them (7 MB for a store of
 * ECB+ x20's 19,640 articles; 52 MB when it held their notes), written
 * while the store's writer waits; with a call, a growth check and a byte
 * loop each, saving an engine of 40,000 articles took 333 million
 * instructions, 99 million so (callgrind, skein__engine_save). */
int skein__snap_str(sbuf *b, const char *s);
/* Room in b for n more bytes (the last checkpoint's size), in huge pages
 * where the system gives them on request; failing only costs time. */
void skein__snap_reserve(sbuf *b, size_t n);

/* Appends n bytes; b keeps its NUL (sbuf's promise). */
static inline int skein__snap_put(sbuf *b, const void *p, size_t n) {
    if (b->cap - b->len <= n) return skein__sbuf_add(b, p, n); /* grows (or no buffer yet) */
    memcpy(b->buf + b->len, p, n);
    b->len += n;
    b->buf[b->len] = 0;
    return 0;
}

/* Little-endian whatever the host: on a little-endian one the value's own
 * bytes (gcc does not merge the byte loop into one store). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SKEIN__SNAP_LE(x, v) memcpy((x), &(v), sizeof(v))
#else
#define SKEIN__SNAP_LE(x, v)                                                                       \
    for (size_t i_ = 0; i_ < sizeof(v); i_++) (x)[i_] = (unsigned char)((v) >> (8 * i_))
#endif

static inline int skein__snap_u64(sbuf *b, uint64_t v) {
    unsigned char x[8];
    SKEIN__SNAP_LE(x, v);
    return skein__snap_put(b, x, 8);
}

static inline int skein__snap_u32(sbuf *b, uint32_t v) {
    unsigned char x[4];
    SKEIN__SNAP_LE(x, v);
    return skein__snap_put(b, x, 4);
}

static inline int skein__snap_i64(sbuf *b, int64_t v) { return skein__snap_u64(b, (uint64_t)v); }

static inline int skein__snap_f32(sbuf *b, float v) {
    uint32_t u;
    memcpy(&u, &v, 4);
    return skein__snap_u32(b, u);
}

static inline int skein__snap_f64(sbuf *b, double v) {
    uint64_t u;
    memcpy(&u, &v, 8);
    return skein__snap_u64(b, u);
}

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
