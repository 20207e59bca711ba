/* util.c -- hashing, buffers, a u64 map, clocks.  See util.h. */
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

double skein__now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

char *skein__strndup(const char *s, size_t len) {
    char *d = malloc(len + 1);
    if (!d) return NULL;
    if (len) memcpy(d, s, len);
    d[len] = 0;
    return d;
}

int skein__grow_slow(void **ptr, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) n *= 2;
    void *p = realloc(*ptr, n * elem);
    if (!p) return -1;
    *ptr = p;
    *cap = n;
    return 0;
}

long skein__table_find(const void *table, size_t n, size_t stride, const char *key) {
    size_t lo = 0, hi = n;
    unsigned char k0 = (unsigned char)key[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = *(const char *const *)((const char *)table + mid * stride);
        int c = (int)k0 - (unsigned char)name[0];
        if (!c) c = strcmp(key, name);
        if (!c) return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

void skein__sbuf_init(sbuf *b) { b->buf = NULL, b->len = b->cap = 0; }
void skein__sbuf_release(sbuf *b) { free(b->buf), skein__sbuf_init(b); }
void skein__sbuf_reset(sbuf *b) {
    b->len = 0;
    if (b->buf) b->buf[0] = 0;
}

int skein__sbuf_add(sbuf *b, const void *p, size_t len) {
    if (skein__sbuf_grow(b, len)) return -1;
    if (len) memcpy(b->buf + b->len, p, len);
    b->len += len;
    b->buf[b->len] = 0;
    return 0;
}

int skein__sbuf_adds(sbuf *b, const char *s) { return skein__sbuf_add(b, s, strlen(s)); }

void skein__u64map_init(u64map *m) { memset(m, 0, sizeof(*m)); }
void skein__u64map_release(u64map *m) {
    free(m->slots);
    skein__u64map_init(m);
}
/* A map cleared per article keeps the capacity of its largest article and
 * zeroed it all each time: one much larger than what it held is given a
 * table twice that instead (what it holds next is likely as many). */
void skein__u64map_clear(u64map *m) {
    if (m->cap > 64 && m->len * 8 < m->cap) {
        size_t cap = 16;
        while (cap < 2 * m->len) cap *= 2;
        u64slot *slots = calloc(cap, sizeof(*slots));
        if (slots) {
            free(m->slots);
            m->slots = slots, m->cap = cap, m->len = 0;
            return;
        }
    }
    if (m->slots) memset(m->slots, 0, m->cap * sizeof(*m->slots));
    m->len = 0;
}

/* As skein__u64map_get (util.h) finds it. */
static size_t slot_of(uint64_t key, size_t cap) { return skein__u64map_home(key, cap); }

static int rehash(u64map *m, size_t cap) {
    u64slot *slots = calloc(cap, sizeof(*slots));
    if (!slots) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key) continue;
        size_t j = slot_of(m->slots[i].key, cap);
        while (slots[j].key) j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots, m->cap = cap;
    return 0;
}

int skein__u64map_reserve(u64map *m, size_t n) {
    size_t cap = m->cap ? m->cap : 16;
    while (cap < 2 * n) cap *= 2;
    return cap > m->cap ? rehash(m, cap) : 0;
}

uint64_t *skein__u64map_upsert(u64map *m, uint64_t key) {
    if (!key) key = 1; /* 0 marks an empty slot; fold it onto 1 */
    if ((m->len + 1) * 4 > m->cap * 3 && rehash(m, m->cap ? m->cap * 2 : 16)) return NULL;
    size_t i = slot_of(key, m->cap);
    for (; m->slots[i].key; i = (i + 1) & (m->cap - 1))
        if (m->slots[i].key == key) return &m->slots[i].val;
    m->slots[i] = (u64slot){key, 0};
    m->len++;
    return &m->slots[i].val;
}

void skein__u64map_del(u64map *m, uint64_t key) {
    if (!key) key = 1;
    if (!m->cap) return;
    size_t i = slot_of(key, m->cap);
    while (m->slots[i].key != key) {
        if (!m->slots[i].key) return;
        i = (i + 1) & (m->cap - 1);
    }
    /* Backward-shift deletion keeps probe chains intact without tombstones. */
    size_t j = i;
    for (;;) {
        j = (j + 1) & (m->cap - 1);
        if (!m->slots[j].key) break;
        size_t home = slot_of(m->slots[j].key, m->cap);
        if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].key = 0;
    m->len--;
}

#define SORT_SMALL 24    /* runs this short are sorted by insertion */
#define SORT_MAX_BITS 12 /* at most 4096 buckets: the counts stay in L1 */

static void insertion_sort(uint64_t *v, size_t n) {
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

/* LSD radix sort by bytes through tmp, skipping bytes all keys share. */
static void radix_sort(uint64_t *v, uint64_t *tmp, size_t n) {
    uint64_t *src = v, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++) count[(src[i] >> shift) & 0xFF]++;
        if (count[(src[0] >> shift) & 0xFF] == n) continue; /* one bucket: nothing moves */
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = at, at += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst, dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof(*v));
}

void skein__sort_u64(uint64_t *v, uint64_t *tmp, size_t n) {
    if (n <= SORT_SMALL) {
        insertion_sort(v, n);
        return;
    }
    int bits = 1;
    while (bits < SORT_MAX_BITS && ((size_t)1 << bits) < n) bits++;
    uint32_t count[1u << SORT_MAX_BITS];
    size_t nb = (size_t)1 << bits;
    int shift = 64 - bits;
    memset(count, 0, nb * sizeof(*count));
    for (size_t i = 0; i < n; i++) count[v[i] >> shift]++;
    uint32_t at = 0;
    for (size_t b = 0; b < nb; b++) {
        uint32_t c = count[b];
        count[b] = at, at += c;
    }
    for (size_t i = 0; i < n; i++) tmp[count[v[i] >> shift]++] = v[i];
    /* count[b] is now the end of bucket b in tmp; v is free to be scratch */
    size_t start = 0;
    for (size_t b = 0; b < nb; b++) {
        size_t end = count[b], len = end - start;
        if (len > SORT_SMALL)
            radix_sort(tmp + start, v + start, len);
        else if (len > 1)
            insertion_sort(tmp + start, len);
        start = end;
    }
    memcpy(v, tmp, n * sizeof(*v));
}

#define MINHASH_SEED 0x9e3779b97f4a7c15ull

/* mins[j] for j in [from, k). */
static void minhash_plain(uint64_t *mins, size_t from, size_t k, const uint64_t *sh, size_t n) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = from; j < k; j++) {
            uint64_t v = skein__mix64(sh[i] ^ (MINHASH_SEED * (j + 1)));
            if (v < mins[j]) mins[j] = v;
        }
}

#if defined(__x86_64__) && defined(__GNUC__)
/* Eight seeds per vector: the mixer's two multiplies are one vpmullq each,
 * the minimum one vpminuq, so sixteen values cost what two did. */
__attribute__((target("avx512f,avx512dq"))) static void
minhash_avx512(uint64_t *mins, size_t k8, const uint64_t *sh, size_t n) {
    const __m512i c1 = _mm512_set1_epi64((long long)0xff51afd7ed558ccdull);
    const __m512i c2 = _mm512_set1_epi64((long long)0xc4ceb9fe1a85ec53ull);
    for (size_t j = 0; j < k8; j += 8) {
        uint64_t seeds[8];
        for (size_t l = 0; l < 8; l++) seeds[l] = MINHASH_SEED * (j + l + 1);
        __m512i seed = _mm512_loadu_si512(seeds), m = _mm512_loadu_si512(mins + j);
        for (size_t i = 0; i < n; i++) {
            __m512i h = _mm512_xor_si512(_mm512_set1_epi64((long long)sh[i]), seed);
            h = _mm512_mullo_epi64(_mm512_xor_si512(h, _mm512_srli_epi64(h, 33)), c1);
            h = _mm512_mullo_epi64(_mm512_xor_si512(h, _mm512_srli_epi64(h, 33)), c2);
            h = _mm512_xor_si512(h, _mm512_srli_epi64(h, 33));
            m = _mm512_min_epu64(m, h);
        }
        _mm512_storeu_si512(mins + j, m);
    }
}
#endif

void skein__minhash(uint64_t *mins, size_t k, const uint64_t *sh, size_t n, int simd) {
    size_t k8 = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (simd && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
        k8 = k & ~(size_t)7;
        minhash_avx512(mins, k8, sh, n);
    }
#else
    (void)simd;
#endif
    minhash_plain(mins, k8, k, sh, n);
}
