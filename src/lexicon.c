/* lexicon.c -- look-ups in the compiled-in interlingual tables.  See lexicon.h.
 *
 * The blob is read in place: sorted arrays searched by bisection.  Callers
 * look up each distinct word once (the stem cache keeps the answers), so
 * those tables need no hash index.  Place names are different: every
 * capitalised run that may start one is looked up at each length, several
 * times per article and mostly in vain, so they get an open-addressing
 * index built when the tables are first used (two slots per name, 8 bytes
 * each).  The person-name table is asked about every capitalised word the
 * tagger sees, so the generator lays it out as an open-addressing table
 * already: one probe, read in place. */
#include "lexicon.h"

#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Defined by the generated build/gen/lexicon_blob.S (the generator, which
 * runs before the tables exist, defines an empty one). */
extern const unsigned char skein__lexicon_blob[];
extern const unsigned char skein__lexicon_blob_end[];

typedef struct tables {
    const skein__lex_entry *lex;
    const uint64_t *targets;
    const uint64_t *first;
    const skein__place_name *names;
    const char *ids;
    const uint64_t *persons; /* 1 << h.person_bits slots, or NULL */
    skein__lexicon_header h;
    uint64_t *slots; /* the key's high half << 32 | index + 1 of the first name with
                        the key; 0: empty (a miss mostly costs one slot read) */
    int bits;        /* log2 of the number of slots; 0: no index (bisection) */
} tables;

static tables the;
static int present;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static size_t name_slot(uint64_t key, int bits) {
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* Builds t->slots over t->names (sorted by key: the first of equal keys is
 * the one bisection finds).  Without memory, look-ups bisect as before. */
static void index_names(tables *t) {
    t->slots = NULL, t->bits = 0;
    if (t->h.place_names == 0 || t->h.place_names > UINT32_MAX / 4) return;
    int bits = 1;
    while (((size_t)1 << bits) < 2 * (size_t)t->h.place_names) bits++;
    uint64_t *slots = calloc((size_t)1 << bits, sizeof(*slots));
    if (!slots) return;
    size_t mask = ((size_t)1 << bits) - 1;
    for (size_t i = 0; i < t->h.place_names; i++) {
        if (i > 0 && t->names[i].key == t->names[i - 1].key) continue;
        size_t s = name_slot(t->names[i].key, bits);
        while (slots[s]) s = (s + 1) & mask;
        slots[s] = (t->names[i].key & 0xFFFFFFFF00000000ull) | (uint64_t)(i + 1);
    }
    t->slots = slots, t->bits = bits;
}

/* Index of the first name with `key`, or place_names when there is none. */
static size_t name_find(const tables *t, uint64_t key);

/* Reads the blob's header and points into it; leaves `present` 0 when the
 * blob is missing or not what this code expects. */
static void load(void) {
    tables t;
    const unsigned char *b = skein__lexicon_blob, *e = skein__lexicon_blob_end;
    if (e < b || (size_t)(e - b) < sizeof(t.h)) return;
    memcpy(&t.h, b, sizeof(t.h));
    if (memcmp(t.h.magic, SKEIN_LEXICON_MAGIC, 8) != 0) return;
    size_t need = sizeof(t.h) + t.h.lex_entries * sizeof(skein__lex_entry) +
                  (t.h.lex_targets + t.h.place_first) * sizeof(uint64_t) +
                  t.h.place_names * sizeof(skein__place_name) + t.h.places * SKEIN_PLACE_ID_BYTES;
    if (t.h.person_bits > 30) return;
    size_t persons_at = (need + 7) & ~(size_t)7;
    if (t.h.person_bits) need = persons_at + ((size_t)1 << t.h.person_bits) * sizeof(uint64_t);
    if ((size_t)(e - b) < need || ((uintptr_t)b & 7)) return;
    const unsigned char *p = b + sizeof(t.h);
    t.lex = (const skein__lex_entry *)(const void *)p;
    p += t.h.lex_entries * sizeof(skein__lex_entry);
    t.targets = (const uint64_t *)(const void *)p;
    p += t.h.lex_targets * sizeof(uint64_t);
    t.first = (const uint64_t *)(const void *)p;
    p += t.h.place_first * sizeof(uint64_t);
    t.names = (const skein__place_name *)(const void *)p;
    p += t.h.place_names * sizeof(skein__place_name);
    t.ids = (const char *)p;
    t.persons = t.h.person_bits ? (const uint64_t *)(const void *)(b + persons_at) : NULL;
    index_names(&t);
    the = t;
    present = 1;
}

static const tables *get(void) {
    pthread_once(&once, load);
    return present ? &the : NULL;
}

/* Index of the first of n records of `size` bytes, sorted by the uint64_t
 * key they start with, whose key is not below `key` (n if none). */
static size_t lower_bound(const void *base, size_t n, size_t size, uint64_t key) {
    const unsigned char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t k;
        memcpy(&k, b + mid * size, sizeof(k));
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint64_t skein__lex_key(const char *lang, uint64_t stem) {
    return skein__hash_salt(lang, strlen(lang), stem) | 1;
}

size_t skein__lex_find(uint64_t key, uint64_t *out, int *sounds_alike) {
    const tables *t = get();
    *sounds_alike = 0;
    if (!t) return 0;
    size_t lo = lower_bound(t->lex, t->h.lex_entries, sizeof(*t->lex), key);
    if (lo == t->h.lex_entries || t->lex[lo].key != key) return 0;
    *sounds_alike = (t->lex[lo].n & SKEIN_LEX_SOUNDS_ALIKE) != 0;
    size_t n = SKEIN_MIN(t->lex[lo].n & ~SKEIN_LEX_SOUNDS_ALIKE, SKEIN_LEX_MAX);
    memcpy(out, t->targets + t->lex[lo].at, n * sizeof(*out));
    return n;
}

uint64_t skein__place_key(const char *lang, const uint64_t *stems, size_t n) {
    uint64_t h = skein__hash(lang, strlen(lang));
    for (size_t i = 0; i < n; i++) h = (h ^ stems[i]) * 0x100000001B3ull + (h >> 29);
    return h | 1;
}

uint64_t skein__known_name_key(const char *table, const uint64_t *stems, size_t n) {
    return skein__place_key(table, stems, n) ^ 0x4E414D45ull; /* apart from places */
}

int skein__place_starts(uint64_t stem) {
    const tables *t = get();
    if (!t) return 0;
    size_t lo = lower_bound(t->first, t->h.place_first, sizeof(*t->first), stem);
    return lo < t->h.place_first && t->first[lo] == stem;
}

void skein__lexicon_word_info(const char *lang, uint64_t stem, skein__word_info *out) {
    out->place = skein__place_starts(stem);
    if (lang && !strcmp(lang, "en")) { /* the pivot: a stem is its own concept */
        out->concepts[0] = stem, out->nconcepts = 1, out->name_like = 0;
        return;
    }
    int alike = 0;
    out->nconcepts = skein__lex_find(skein__lex_key(lang ? lang : "", stem), out->concepts, &alike);
    out->name_like = alike || !out->nconcepts;
}

static size_t name_find(const tables *t, uint64_t key) {
    if (!t->bits) return lower_bound(t->names, t->h.place_names, sizeof(*t->names), key);
    size_t mask = ((size_t)1 << t->bits) - 1;
    for (size_t s = name_slot(key, t->bits);; s = (s + 1) & mask) {
        uint64_t v = t->slots[s];
        if (!v) return t->h.place_names;
        size_t i = (size_t)(v & 0xFFFFFFFFu);
        if ((v ^ key) >> 32 == 0 && t->names[i - 1].key == key) return i - 1;
    }
}

/* The last answers of skein__place_find on this thread, direct-mapped by
 * key: the tagger, the name rules and the features ask about the same runs
 * of each text, and the index is too large for the caches (a probe is a
 * miss to memory, mostly in vain); a memo slot is one line of a 32 KB table.
 * Per thread, so no lock; answers never change (the tables are read-only).
 * Module state, against the rule of state in a context: the three callers
 * have no context in common, and the memo only ever repeats the index.  It
 * costs each thread 32 KB of thread-local storage, zeroed at its start. */
#define PLACE_MEMO_BITS 11
typedef struct place_memo {
    uint64_t key; /* 0: empty (keys are odd) */
    uint32_t place;
    uint32_t words;
} place_memo;
static _Thread_local place_memo place_memos[1u << PLACE_MEMO_BITS];

uint32_t skein__place_find(const char *lang, const uint64_t *stems, size_t n) {
    const tables *t = get();
    if (!t || n == 0 || n > SKEIN_PLACE_MAX_WORDS) return 0;
    uint64_t key = skein__place_key(lang, stems, n);
    place_memo *m = &place_memos[(key * 0x9E3779B97F4A7C15ull) >> (64 - PLACE_MEMO_BITS)];
    if (m->key == key && m->words == n) return m->place;
    size_t lo = name_find(t, key);
    uint32_t place = 0;
    if (lo < t->h.place_names && t->names[lo].key == key && t->names[lo].words == n)
        place = t->names[lo].place;
    *m = (place_memo){key, place, (uint32_t)n};
    return place;
}

const char *skein__place_id(uint32_t place) {
    const tables *t = get();
    if (!t || place == 0 || place > t->h.places) return "";
    return t->ids + (size_t)(place - 1) * SKEIN_PLACE_ID_BYTES;
}

static int by_id(const void *a, const void *b) { return strcmp(a, b); }

uint32_t skein__place_by_id(const char *id) {
    const tables *t = get();
    if (!t || !id || strlen(id) >= SKEIN_PLACE_ID_BYTES) return 0;
    const char *hit = bsearch(id, t->ids, t->h.places, SKEIN_PLACE_ID_BYTES, by_id);
    return hit ? (uint32_t)((size_t)(hit - t->ids) / SKEIN_PLACE_ID_BYTES) + 1 : 0;
}

uint64_t skein__person_salt(const char *lang) {
    return skein__hash_salt("person", 6, skein__hash(lang ? lang : "", lang ? strlen(lang) : 0));
}

unsigned skein__person_class(uint64_t salt, uint64_t stem) {
    const tables *t = get();
    if (!t || !t->persons) return 0;
    uint64_t key = skein__person_key(salt, stem) & ~7ull;
    unsigned bits = (unsigned)t->h.person_bits;
    size_t mask = ((size_t)1 << bits) - 1;
    for (size_t s = (size_t)(key >> (64 - bits));; s = (s + 1) & mask) {
        uint64_t v = t->persons[s];
        if (!v) return 0;
        if ((v & ~7ull) == key) return (unsigned)(v & 7);
    }
}

void skein__lexicon_info_get(skein__lexicon_info *info) {
    const tables *t = get();
    memset(info, 0, sizeof(*info));
    if (!t) return;
    info->lex_entries = t->h.lex_entries;
    info->lex_targets = t->h.lex_targets;
    info->place_names = t->h.place_names;
    info->places = t->h.places;
    info->person_words = t->h.person_words;
}
