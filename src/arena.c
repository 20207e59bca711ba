/* arena.c -- bump allocation in growing chunks.  See arena.h. */
#include "arena.h"

#include "util.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK (16 * 1024)
#define LAST_GROWTH (4 * 1024 * 1024) /* chunks stop doubling past this */

struct skein__chunk {
    skein__chunk *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

void skein__arena_init(skein__arena *a, size_t cap) {
    memset(a, 0, sizeof(*a));
    a->cap = cap;
}

void skein__arena_release(skein__arena *a) {
    skein__chunk *c = a->head;
    while (c) {
        skein__chunk *next = c->next;
        free(c);
        c = next;
    }
    skein__arena_init(a, a->cap);
}

/* Adds a chunk of at least `n` bytes in front.  0 or -1. */
static int add_chunk(skein__arena *a, size_t n) {
    size_t size = a->head ? SKEIN_MIN(a->head->size * 2, LAST_GROWTH) : FIRST_CHUNK;
    if (size < n) size = n;
    if (a->cap) {
        if (a->total >= a->cap || n > a->cap - a->total) return a->capped = 1, -1;
        size = SKEIN_MIN(size, a->cap - a->total);
    }
    skein__chunk *c = malloc(sizeof(*c) + size);
    if (!c) return -1;
    c->next = a->head, c->size = size;
    a->head = c, a->used = 0, a->total += size;
    return 0;
}

/* n bytes at the next multiple of `align` (a power of two). */
static void *take(skein__arena *a, size_t n, size_t align) {
    if (n > SIZE_MAX / 2) return NULL;
    size_t at = a->head ? (a->used + align - 1) & ~(align - 1) : 0;
    if (!a->head || at > a->head->size || a->head->size - at < n) {
        if (add_chunk(a, n)) return NULL;
        at = 0;
    }
    a->used = at + n;
    return a->head->data + at;
}

void *skein__arena_alloc(skein__arena *a, size_t n) { return take(a, n, alignof(max_align_t)); }

void *skein__arena_zalloc(skein__arena *a, size_t n) {
    void *p = skein__arena_alloc(a, n);
    if (p) memset(p, 0, n);
    return p;
}

char *skein__arena_strndup(skein__arena *a, const char *s, size_t len) {
    char *d = take(a, len + 1, 1);
    if (!d) return NULL;
    if (len) memcpy(d, s, len);
    d[len] = 0;
    return d;
}
