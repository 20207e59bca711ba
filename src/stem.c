/* stem.c -- Snowball stemmers and stopword lists behind one cache.  See stem.h. */
#include "stem.h"

#include "stopwords.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 64
#define CACHE_MAX_BYTES (8u << 20) /* stem pool size at which the cache is dropped */
#define FRONT_SIZE 4096             /* direct-mapped front cache for frequent words */

/* Snowball's module names by ISO 639-1 code. */
static const char *const snowball_names[][2] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},      {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},      {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"},  {"nb", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},
    {"es", "spanish"},    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
    {"yi", "yiddish"},    {NULL, NULL}};

typedef struct lang_entry {
    char code[8];
    struct sb_stemmer *stemmer;     /* NULL: no stemmer for this language */
    const skein__stoplist *stop;
} lang_entry;

typedef struct cached {
    uint64_t hash;   /* of the stem */
    uint32_t off;    /* of the stem in the pool */
    uint16_t len;
    uint16_t stop;
} cached;

typedef struct front_slot {
    uint64_t key;
    uint64_t idx;
} front_slot;

struct skein__stemset {
    lang_entry langs[MAX_LANGS];
    int nlangs;
    front_slot front[FRONT_SIZE]; /* small enough for L2: frequent words hit here */
    u64map cache;    /* hash(lang handle, word) -> index in `entries` */
    cached *entries;
    size_t nentries, entries_cap;
    sbuf pool;       /* NUL-terminated stems */
};

skein__stemset *skein__stemset_new(void) {
    skein__stemset *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    u64map_init(&s->cache);
    sbuf_init(&s->pool);
    return s;
}

void skein__stemset_free(skein__stemset *s) {
    if (!s) return;
    for (int i = 0; i < s->nlangs; i++)
        if (s->langs[i].stemmer) sb_stemmer_delete(s->langs[i].stemmer);
    u64map_release(&s->cache);
    free(s->entries);
    sbuf_release(&s->pool);
    free(s);
}

static const char *snowball_name(const char *code) {
    for (int i = 0; snowball_names[i][0]; i++)
        if (strcmp(snowball_names[i][0], code) == 0) return snowball_names[i][1];
    return NULL;
}

int skein__stem_lang(skein__stemset *s, const char *lang) {
    if (!lang || !*lang) lang = "und";
    for (int i = 0; i < s->nlangs; i++)
        if (strcmp(s->langs[i].code, lang) == 0) return i;
    if (s->nlangs == MAX_LANGS) return 0; /* full: share the first language's entry */
    lang_entry *e = &s->langs[s->nlangs];
    memset(e, 0, sizeof(*e));
    strncpy(e->code, lang, sizeof(e->code) - 1);
    const char *name = snowball_name(e->code);
    e->stemmer = name ? sb_stemmer_new(name, "UTF_8") : NULL;
    e->stop = skein__stoplist_find(e->code);
    return s->nlangs++;
}

/* Runs the stemmer (or copies the word) and caches the result; returns the
 * new entry's index or -1 on ENOMEM. */
static long compute(skein__stemset *s, const lang_entry *e, const char *w, size_t len) {
    const char *stem = w;
    size_t n = len;
    if (e->stemmer) {
        const sb_symbol *r = sb_stemmer_stem(e->stemmer, (const sb_symbol *)w, (int)len);
        if (r) stem = (const char *)r, n = (size_t)sb_stemmer_length(e->stemmer);
    }
    while (n > 1 && stem[n - 1] == '\'') n--; /* "putin'" left by a possessive */
    if (n > 255) n = 255;
    if (skein__grow((void **)&s->entries, &s->entries_cap, s->nentries + 1, sizeof(*s->entries)))
        return -1;
    cached *c = &s->entries[s->nentries];
    c->hash = skein__hash(stem, n);
    c->off = (uint32_t)s->pool.len;
    c->len = (uint16_t)n;
    c->stop = (uint16_t)skein__stoplist_has(e->stop, w, len);
    if (sbuf_add(&s->pool, stem, n) || sbuf_addc(&s->pool, 0)) return -1;
    return (long)s->nentries++;
}

int skein__stem(skein__stemset *s, int lang, const char *w, size_t len, skein__stemmed *out) {
    if (lang < 0 || lang >= s->nlangs) lang = skein__stem_lang(s, NULL);
    if (s->pool.len > CACHE_MAX_BYTES) { /* bounded: drop the whole cache */
        u64map_clear(&s->cache);
        memset(s->front, 0, sizeof(s->front));
        sbuf_reset(&s->pool);
        s->nentries = 0;
    }
    uint64_t key = skein__hash_salt(w, len, (uint64_t)lang + 1) | 1; /* never 0: 0 is empty */
    front_slot *fs = &s->front[(key >> 20) & (FRONT_SIZE - 1)];
    uint64_t *slot = fs->key == key ? &fs->idx : u64map_get(&s->cache, key);
    long idx = slot ? (long)*slot : compute(s, &s->langs[lang], w, len);
    if (idx < 0) return -1;
    if (!slot) {
        uint64_t *ins = u64map_upsert(&s->cache, key);
        if (!ins) return -1;
        *ins = (uint64_t)idx;
    }
    fs->key = key, fs->idx = (uint64_t)idx;
    const cached *c = &s->entries[idx];
    *out = (skein__stemmed){c->hash, s->pool.buf + c->off, c->len, c->stop};
    return 0;
}
