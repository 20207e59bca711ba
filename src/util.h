/* util.h -- small shared pieces: hashing, growable buffers, a string-keyed
 * map, clocks.
 *
 * Everything here depends on libc and xxHash only.  The map is open
 * addressing with linear probing; keys are copied into an owned pool so a
 * caller's buffers can be reused right away. */
#ifndef SKEIN_UTIL_H
#define SKEIN_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define SKEIN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define SKEIN_MAX(a, b) ((a) > (b) ? (a) : (b))

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

/* 64-bit hash of bytes (XXH3).  Inline: mostly short words, hashed per
 * token and per feature, where a call costs a good part of the hash. */
static inline uint64_t skein__hash(const void *p, size_t len) { return XXH3_64bits(p, len); }
/* Hash of bytes mixed with a small salt, e.g. a subspace number. */
static inline uint64_t skein__hash_salt(const void *p, size_t len, uint64_t salt) {
    return XXH3_64bits_withSeed(p, len, salt);
}

/* Monotonic seconds, for stage timing. */
double skein__now(void);

/* Copies `len` bytes of `s` into a new NUL-terminated string (NULL: ENOMEM). */
char *skein__strndup(const char *s, size_t len);

/* Index of `key` in a table of n items sorted by name (strcmp), each item
 * `stride` bytes and starting with its name (a const char *); -1 when
 * absent.  Cheaper than bsearch with strcmp: most steps compare one byte. */
long skein__table_find(const void *table, size_t n, size_t stride, const char *key);

/* Growable byte buffer, always NUL-terminated once anything was appended.
 * Embed it and call skein__sbuf_init/skein__sbuf_release. */
typedef struct sbuf {
    char *buf;
    size_t len, cap;
} sbuf;
void skein__sbuf_init(sbuf *b);
void skein__sbuf_release(sbuf *b);
void skein__sbuf_reset(sbuf *b);
int skein__sbuf_add(sbuf *b, const void *p, size_t len);
int skein__sbuf_adds(sbuf *b, const char *s);

/* Grows *ptr (an array of `elem`-byte items, capacity *cap) to hold `need`
 * items.  Returns 0 or -1 on ENOMEM (the array is left as it was).  Inline:
 * it is called for every token and every feature, and nearly always finds
 * the room there already. */
int skein__grow_slow(void **ptr, size_t *cap, size_t need, size_t elem);
static inline int skein__grow(void **ptr, size_t *cap, size_t need, size_t elem) {
    return need <= *cap ? 0 : skein__grow_slow(ptr, cap, need, elem);
}

/* Room for `extra` more bytes and the NUL. */
static inline int skein__sbuf_grow(sbuf *b, size_t extra) {
    return skein__grow((void **)&b->buf, &b->cap, b->len + extra + 1, 1);
}

static inline int skein__sbuf_addc(sbuf *b, char c) {
    if (b->len + 2 > b->cap) return skein__sbuf_add(b, &c, 1);
    b->buf[b->len++] = c;
    b->buf[b->len] = 0;
    return 0;
}

/* Sorts v[0..n) ascending through `tmp` (n entries).  Ids are hashes, so
 * their top bits spread them evenly: one pass deals them into about n
 * buckets by those bits and each bucket (a few keys) is sorted by insertion;
 * a bucket that holds many (keys alike at the top) is radix-sorted by bytes. */
void skein__sort_u64(uint64_t *v, uint64_t *tmp, size_t n);

/* A 64-bit mixer (MurmurHash3's finaliser): a bijection whose every output
 * bit depends on every input bit. */
static inline uint64_t skein__mix64(uint64_t h) {
    h ^= h >> 33, h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33, h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

/* Min-hashing: for each of the n hashes sh[i] and each j < k,
 * mins[j] = min(mins[j], skein__mix64(sh[i] ^ (0x9e3779b97f4a7c15 * (j + 1)))).
 * With `simd` and a processor with AVX-512 (DQ), eight values at a time
 * (the same values); 0: one at a time (tests compare the two). */
void skein__minhash(uint64_t *mins, size_t k, const uint64_t *sh, size_t n, int simd);

/* Map from 64-bit key to 64-bit value; key 0 is reserved (means empty).
 * Key and value share a slot, so a look-up touches one cache line. */
typedef struct u64slot {
    uint64_t key, val;
} u64slot;
typedef struct u64map {
    u64slot *slots;
    size_t cap, len; /* cap is a power of two */
} u64map;
void skein__u64map_init(u64map *m);
void skein__u64map_release(u64map *m);
/* Empties the map; a table far larger than what it held is made smaller. */
void skein__u64map_clear(u64map *m);
/* Makes room for `n` keys in all (at most half full then, so probes stay
 * short): no growing while they go in.  0 or -1 on ENOMEM. */
int skein__u64map_reserve(u64map *m, size_t n);
/* Pointer to the value for `key`, inserting 0 when absent (NULL on ENOMEM). */
uint64_t *skein__u64map_upsert(u64map *m, uint64_t key);
/* Pointer to the value for `key` or NULL when absent.  Inline: a probe per
 * token and per feature. */
/* The first slot key's probe reads (cap a power of two, not 0); stem.c's
 * table places its keys the same way. */
static inline size_t skein__u64map_home(uint64_t key, size_t cap) {
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}
static inline uint64_t *skein__u64map_get(const u64map *m, uint64_t key) {
    if (!key) key = 1;
    if (!m->cap) return NULL;
    for (size_t i = skein__u64map_home(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].key == key) return &m->slots[i].val;
        if (!m->slots[i].key) return NULL;
    }
}
/* Asks the cache for the slot where a look-up of `key` starts: a caller
 * probing a large table for many keys asks a few keys ahead, so that the
 * probes do not each wait on memory. */
static inline void skein__u64map_prefetch(const u64map *m, uint64_t key) {
    if (!key) key = 1;
    if (m->cap) __builtin_prefetch(&m->slots[skein__u64map_home(key, m->cap)]);
}
/* Removes `key` if present. */
void skein__u64map_del(u64map *m, uint64_t key);

#endif
