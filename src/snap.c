/* snap.c -- checkpoint encoding.  See snap.h. */
#include "snap.h"

#include <stdlib.h>
#include <string.h>

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
