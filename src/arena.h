/* arena.h -- bump allocation for one document's scratch memory.
 *
 * A page's tree, its attribute values and the extractor's per-node figures
 * all die together, so they come from one arena: allocation is a pointer
 * bump, and releasing is freeing a short list of chunks.  Chunks grow
 * geometrically; a request larger than the current chunk gets a chunk of
 * its own.  An optional cap bounds the total, so hostile input cannot make
 * a document's scratch memory grow without bound.  Not thread-safe: one
 * arena per document, per thread. */
#ifndef SKEIN_ARENA_H
#define SKEIN_ARENA_H

#include <stddef.h>

typedef struct skein__chunk skein__chunk;

typedef struct skein__arena {
    skein__chunk *head; /* the chunk being filled; older ones follow */
    size_t used;        /* bytes used in head */
    size_t total;       /* bytes in all chunks */
    size_t cap;         /* most bytes the arena may hold (0: no cap) */
    int capped;         /* 1 once a request was refused for the cap */
} skein__arena;

/* Starts an empty arena holding at most `cap` bytes (0: no cap). */
void skein__arena_init(skein__arena *a, size_t cap);

/* Frees every chunk; the arena is empty (and usable) again. */
void skein__arena_release(skein__arena *a);

/* `n` bytes aligned for any object, or NULL (out of memory, or over the
 * cap: then a->capped is set).  The memory lives until skein__arena_release. */
void *skein__arena_alloc(skein__arena *a, size_t n);

/* Zeroed `n` bytes, as skein__arena_alloc. */
void *skein__arena_zalloc(skein__arena *a, size_t n);

/* A NUL-terminated copy of s[0..len) in the arena, or NULL. */
char *skein__arena_strndup(skein__arena *a, const char *s, size_t len);

#endif
