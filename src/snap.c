/* snap.c -- checkpoint encoding.  See snap.h. */
#include "snap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define NULL_LEN UINT64_MAX

int skein__snap_str(sbuf *b, const char *s) {
    if (!s) return skein__snap_u64(b, NULL_LEN);
    size_t n = strlen(s);
    return skein__snap_u64(b, n) || skein__snap_put(b, s, n) ? -1 : 0;
}

void skein__snap_reader(snap_r *r, const void *p, size_t n) {
    r->p = p, r->n = n, r->at = 0, r->err = 0;
}

uint64_t skein__snap_get_u64(snap_r *r) {
    if (r->err || r->n - r->at < 8) {
        r->err = 1;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)r->p[r->at + (size_t)i] << (8 * i);
    r->at += 8;
    return v;
}

int64_t skein__snap_get_i64(snap_r *r) { return (int64_t)skein__snap_get_u64(r); }

uint32_t skein__snap_get_u32(snap_r *r) {
    if (r->err || r->n - r->at < 4) {
        r->err = 1;
        return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v |= (uint32_t)r->p[r->at + (size_t)i] << (8 * i);
    r->at += 4;
    return v;
}

float skein__snap_get_f32(snap_r *r) {
    uint32_t u = skein__snap_get_u32(r);
    float v;
    memcpy(&v, &u, 4);
    return v;
}

double skein__snap_get_f64(snap_r *r) {
    uint64_t u = skein__snap_get_u64(r);
    double v;
    memcpy(&v, &u, 8);
    return v;
}

char *skein__snap_get_str(snap_r *r) {
    uint64_t n = skein__snap_get_u64(r);
    if (r->err || n == NULL_LEN) return NULL;
    if (n > r->n - r->at) {
        r->err = 1;
        return NULL;
    }
    char *s = skein__strndup((const char *)r->p + r->at, (size_t)n);
    if (!s) r->err = 1;
    r->at += (size_t)n;
    return s;
}

size_t skein__snap_get_count(snap_r *r, size_t min_bytes) {
    uint64_t n = skein__snap_get_u64(r);
    if (r->err) return 0;
    if (min_bytes && n > (r->n - r->at) / min_bytes) {
        r->err = 1;
        return 0;
    }
    return (size_t)n;
}

/* Room in b for a checkpoint about as large as the last one, in huge pages
 * where the system gives them on request.  A checkpoint is MBs (7 for
 * ECB+ x20, its notes left to the log) written once into fresh memory while
 * the store's writer waits, and taking that memory 4 KB at a time (a page
 * fault and a cleared page each) cost more than encoding it.  Failing only
 * costs time. */
void skein__snap_reserve(sbuf *b, size_t n) {
    if (n < (4u << 20) || skein__sbuf_grow(b, n + n / 8)) return;
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = 2u << 20;
    uintptr_t lo = ((uintptr_t)(b->buf + b->len) + huge - 1) & ~(huge - 1);
    uintptr_t hi = (uintptr_t)(b->buf + b->cap) & ~(huge - 1);
    if (hi > lo) madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
}
