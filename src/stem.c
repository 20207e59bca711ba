/* stem.c -- Snowball stemmers and stopword lists behind one cache.  See stem.h. */
#include "stem.h"

#include "stopwords.h"

#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 64
#define CACHE_MAX_BYTES (8u << 20) /* stem pool size at which the cache is dropped */
#define FRONT_SIZE 4096            /* direct-mapped front cache for frequent words */
#define MAX_WORD 256               /* longer words are not normalised or looked up */

/* Snowball's module names by ISO 639-1 code. */
static const char *const snowball_names[][2] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"nb", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},   {"sr", "serbian"},
    {"es", "spanish"},    {"sv", "swedish"},    {"ta", "tamil"},     {"tr", "turkish"},
    {"yi", "yiddish"},    {NULL, NULL}};

typedef struct lang_entry {
    char code[8];
    struct sb_stemmer *stemmer; /* NULL: no stemmer for this language */
    struct dictionary *lemmas;  /* Hunspell, for languages Snowball lacks */
    const skein__stoplist *stop;
    int arabic; /* normalise letters and clitics first */
} lang_entry;

typedef struct cached {
    uint64_t hash;                           /* of the stem */
    uint64_t concepts[SKEIN__WORD_CONCEPTS]; /* what the word-info hook said */
    uint32_t off;                            /* of the stem in the pool */
    uint16_t len;
    uint8_t stop;
    uint8_t nconcepts : 3, place : 1, name_like : 1;
} cached;

/* A front slot holds all a token needs of its word, so that a hit reads one
 * cache line: the entry itself is read only for concepts other than the
 * stem (an English stem is its own concept). */
enum { FRONT_STOP = 1, FRONT_PLACE = 2, FRONT_NAME_LIKE = 4, FRONT_SELF = 8 };
typedef struct front_slot {
    uint64_t key;  /* 0: empty */
    uint64_t hash; /* of the stem */
    uint32_t idx;  /* in `entries` */
    uint32_t off;  /* of the stem in the pool */
    uint16_t len;
    uint8_t bits; /* FRONT_* */
    uint8_t nconcepts;
} front_slot;

struct skein__stemset {
    lang_entry langs[MAX_LANGS];
    int nlangs;
    front_slot front[FRONT_SIZE]; /* small enough for L2: frequent words hit here */
    /* Every cached word, by key (hash of lang handle and word), open
     * addressing: a slot holds what a token needs, so that a word missed
     * by the front costs one cache miss here rather than a map probe and
     * then a read of its entry. */
    front_slot *table;
    size_t table_cap, table_len; /* cap: a power of two, or 0 */
    cached *entries;
    size_t nentries, entries_cap;
    sbuf pool;        /* NUL-terminated stems */
    size_t max_bytes; /* pool size at which the cache is dropped */
    skein__word_info_fn info;
};

/* Hunspell's dictionaries, shared by every stemset of the process: loading
 * the Ukrainian one takes ~1.5 G instructions (~0.4 s) and ~0.1 G to free,
 * which each analyzer (each thread) used to pay.  A dictionary is loaded
 * when the first stemset meets its language and freed with the last one
 * that uses it.  A Hunhandle is not safe to use from two threads at once
 * (its affix manager keeps scratch state), so calls take turns under the
 * dictionary's own lock; they are few, since each stemset caches the
 * stems it got.  Hunspell also keeps one table for all its UTF-8
 * dictionaries, made by the first one opened and freed with the last one
 * closed, unguarded: loading and freeing take turns under `hunspell_lock`,
 * which also guards the list. */
#define MAX_DICTS 4
typedef struct dictionary {
    char name[16]; /* e.g. "uk_UA" */
    Hunhandle *h;
    int refs;
    pthread_mutex_t use; /* held around each call on h */
} dictionary;

static pthread_mutex_t hunspell_lock = PTHREAD_MUTEX_INITIALIZER;
static dictionary dicts[MAX_DICTS];

static void dictionary_release(dictionary *d);

skein__stemset *skein__stemset_new(skein__word_info_fn info) {
    skein__stemset *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    s->info = info;
    s->max_bytes = CACHE_MAX_BYTES;
    skein__sbuf_init(&s->pool);
    return s;
}

void skein__stemset_set_limit(skein__stemset *s, size_t bytes) { s->max_bytes = bytes; }

void skein__stemset_free(skein__stemset *s) {
    if (!s) return;
    for (int i = 0; i < s->nlangs; i++) {
        if (s->langs[i].stemmer) sb_stemmer_delete(s->langs[i].stemmer);
        if (s->langs[i].lemmas) dictionary_release(s->langs[i].lemmas);
    }
    free(s->table);
    free(s->entries);
    skein__sbuf_release(&s->pool);
    free(s);
}

/* Hunspell's dictionary DICT (e.g. "uk_UA") from Debian's hunspell-* package,
 * loaded by the first caller and shared; NULL when it is not installed
 * (words are then left as they are) or all slots are taken. */
static dictionary *dictionary_open(const char *dict) {
    char aff[512], dic[512];
    snprintf(aff, sizeof(aff), "%s/%s.aff", SKEIN_HUNSPELL_DIR, dict);
    snprintf(dic, sizeof(dic), "%s/%s.dic", SKEIN_HUNSPELL_DIR, dict);
    dictionary *d = NULL;
    pthread_mutex_lock(&hunspell_lock);
    for (int i = 0; i < MAX_DICTS && !d; i++)
        if (dicts[i].refs && strcmp(dicts[i].name, dict) == 0) d = &dicts[i];
    for (int i = 0; i < MAX_DICTS && !d; i++) {
        if (dicts[i].refs) continue;
        FILE *f = fopen(dic, "rb");
        if (!f) break;
        fclose(f);
        Hunhandle *h = Hunspell_create(aff, dic);
        if (!h) break;
        d = &dicts[i];
        snprintf(d->name, sizeof(d->name), "%s", dict);
        d->h = h;
        pthread_mutex_init(&d->use, NULL);
    }
    if (d) d->refs++;
    pthread_mutex_unlock(&hunspell_lock);
    return d;
}

static void dictionary_release(dictionary *d) {
    pthread_mutex_lock(&hunspell_lock);
    if (--d->refs == 0) {
        Hunspell_destroy(d->h);
        pthread_mutex_destroy(&d->use);
        memset(d, 0, sizeof(*d));
    }
    pthread_mutex_unlock(&hunspell_lock);
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
    e->arabic = strcmp(e->code, "ar") == 0;
    if (!e->stemmer && strcmp(e->code, "uk") == 0) e->lemmas = dictionary_open("uk_UA");
    return s->nlangs++;
}

/* Arabic letters that vary in spelling, two bytes each in UTF-8. */
#define AR_ALEF "\xd8\xa7"
static int ar_letter(const char *p, const char *letter) {
    return p[0] == letter[0] && p[1] == letter[1];
}

/* Light Arabic normalisation into out[] (at least len + 1 bytes): alef with
 * hamza or madda and alef wasla become bare alef, alef maqsura becomes yaa,
 * taa marbuta becomes haa; then one clitic prefix goes: wa/fa/bi/ka + al-,
 * lil- or al- ("والمفاوضات" -> "مفاوضات"), as long as three letters are
 * left.  Snowball alone strips these only from long words, so "القمة" and
 * "قمة" would not meet.  Returns the new length. */
static size_t arabic_normalise(const char *w, size_t len, char *out) {
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        const char *p = w + i;
        if (i + 1 < len && (unsigned char)p[0] == 0xd8 &&
            ((unsigned char)p[1] == 0xa3 || (unsigned char)p[1] == 0xa5 ||
             (unsigned char)p[1] == 0xa2)) {
            memcpy(out + n, AR_ALEF, 2); /* أ إ آ */
        } else if (i + 1 < len && ar_letter(p, "\xd9\xb1")) {
            memcpy(out + n, AR_ALEF, 2); /* ٱ */
        } else if (i + 1 < len && ar_letter(p, "\xd9\x89")) {
            memcpy(out + n, "\xd9\x8a", 2); /* ى -> ي */
        } else if (i + 1 < len && ar_letter(p, "\xd8\xa9")) {
            memcpy(out + n, "\xd9\x87", 2); /* ة -> ه */
        } else {
            out[n++] = *p, i++;
            continue;
        }
        n += 2, i += 2;
    }
    out[n] = 0;
    static const char *const prefixes[] = {"\xd9\x88\xd8\xa7\xd9\x84",
                                           /* وال */ "\xd9\x81\xd8\xa7\xd9\x84", /* فال */
                                           "\xd8\xa8\xd8\xa7\xd9\x84",
                                           /* بال */ "\xd9\x83\xd8\xa7\xd9\x84", /* كال */
                                           "\xd9\x84\xd9\x84",
                                           /* لل */ "\xd8\xa7\xd9\x84", /* ال */
                                           NULL};
    for (int k = 0; prefixes[k]; k++) {
        size_t pl = strlen(prefixes[k]);
        if (n >= pl + 6 && memcmp(out, prefixes[k], pl) == 0) {
            memmove(out, out + pl, n - pl + 1);
            return n - pl;
        }
    }
    return n; /* a lone wa-, bi-, li- is Snowball's to judge */
}

/* Lower-cases the Cyrillic capitals (and ASCII) of UTF-8 s[0..n) in place. */
static void lower_cyrillic(char *s, size_t n) {
    unsigned char *c = (unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (c[i] >= 'A' && c[i] <= 'Z')
            c[i] += 32;
        else if (i + 1 < n && c[i] == 0xd0 && c[i + 1] >= 0x90 && c[i + 1] <= 0x9f)
            c[++i] += 0x20; /* А..П */
        else if (i + 1 < n && c[i] == 0xd0 && c[i + 1] >= 0xa0 && c[i + 1] <= 0xaf)
            c[i] = 0xd1, c[++i] -= 0x20; /* Р..Я */
        else if (i + 1 < n && c[i] == 0xd0 && c[i + 1] >= 0x80 && c[i + 1] <= 0x8f)
            c[i] = 0xd1, c[++i] += 0x10; /* Ѐ..Џ (Є І Ї) */
        else if (i + 1 < n && c[i] == 0xd2 && c[i + 1] == 0x90)
            c[++i] = 0x91; /* Ґ */
    }
}

/* The lemma Hunspell gives a lower-case word: the shortest of its stems
 * (ties: bytewise first), trying the capitalised word for proper nouns it
 * knows only with a capital ("україни" -> "Україна").  Lower-case bytes go
 * to out[] (MAX_WORD bytes); returns their length, 0 when it has none. */
static size_t hunspell_lemma(Hunhandle *h, const char *w, size_t len, char *out) {
    char word[MAX_WORD];
    memcpy(word, w, len);
    word[len] = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        char **list = NULL;
        int k = Hunspell_stem(h, &list, word);
        size_t best = 0;
        for (int i = 0; i < k; i++) {
            size_t l = strlen(list[i]);
            if (l == 0 || l >= MAX_WORD) continue;
            if (!best || l < best || (l == best && strcmp(list[i], out) < 0)) {
                memcpy(out, list[i], l + 1);
                best = l;
            }
        }
        if (list) Hunspell_free_list(h, &list, k);
        if (best) {
            lower_cyrillic(out, best);
            return best;
        }
        /* Capitalise a Cyrillic first letter (U+0430..U+044F, U+0450..U+045F). */
        unsigned char *c = (unsigned char *)word;
        if (len < 2) break;
        if (c[0] == 0xd0 && c[1] >= 0xb0 && c[1] <= 0xbf)
            c[1] -= 0x20;
        else if (c[0] == 0xd1 && c[1] >= 0x80 && c[1] <= 0x8f)
            c[0] = 0xd0, c[1] += 0x20;
        else if (c[0] == 0xd1 && c[1] >= 0x90 && c[1] <= 0x9f)
            c[0] = 0xd0, c[1] -= 0x10;
        else if (c[0] == 0xd2 && c[1] == 0x91)
            c[1] = 0x90; /* ґ */
        else
            break;
    }
    return 0;
}

/* Runs the stemmer (or copies the word) and caches the result; returns the
 * new entry's index or -1 on ENOMEM. */
static long compute(skein__stemset *s, const lang_entry *e, const char *w, size_t len) {
    char buf[MAX_WORD];
    const char *orig = w;
    size_t orig_len = len;
    if (len < MAX_WORD && e->arabic) {
        len = arabic_normalise(w, len, buf);
        w = buf;
    } else if (len < MAX_WORD && e->lemmas) {
        pthread_mutex_lock(&e->lemmas->use);
        size_t n = hunspell_lemma(e->lemmas->h, w, len, buf);
        pthread_mutex_unlock(&e->lemmas->use);
        if (n) w = buf, len = n;
    }
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
    c->stop = (uint8_t)skein__stoplist_has(e->stop, orig, orig_len);
    skein__word_info wi;
    memset(&wi, 0, sizeof(wi));
    if (s->info) s->info(e->code, c->hash, &wi);
    memcpy(c->concepts, wi.concepts, sizeof(c->concepts));
    c->nconcepts = (uint8_t)SKEIN_MIN(wi.nconcepts, (size_t)SKEIN__WORD_CONCEPTS);
    c->place = (uint8_t)(wi.place != 0), c->name_like = (uint8_t)(wi.name_like != 0);
    if (skein__sbuf_add(&s->pool, stem, n) || skein__sbuf_addc(&s->pool, 0)) return -1;
    return (long)s->nentries++;
}

/* Fills the front slot for `key` from entry `idx`. */
static void front_fill(front_slot *fs, uint64_t key, const cached *c, size_t idx) {
    fs->key = key, fs->hash = c->hash, fs->idx = (uint32_t)idx, fs->off = c->off;
    fs->len = c->len, fs->nconcepts = c->nconcepts;
    fs->bits = (uint8_t)((c->stop ? FRONT_STOP : 0) | (c->place ? FRONT_PLACE : 0) |
                         (c->name_like ? FRONT_NAME_LIKE : 0) |
                         (c->nconcepts == 1 && c->concepts[0] == c->hash ? FRONT_SELF : 0));
}

/* The front slot of `key` (direct-mapped) and its first table slot. */
static inline front_slot *front_of(const skein__stemset *s, uint64_t key) {
    return (front_slot *)&s->front[(key >> 20) & (FRONT_SIZE - 1)];
}

static inline size_t table_home(const skein__stemset *s, uint64_t key) {
    return skein__u64map_home(key, s->table_cap);
}

/* The table slot of `key`: its own, or the empty one where it goes. */
static front_slot *table_slot(const skein__stemset *s, uint64_t key) {
    size_t mask = s->table_cap - 1, i = table_home(s, key);
    while (s->table[i].key && s->table[i].key != key) i = (i + 1) & mask;
    return &s->table[i];
}

/* Room for one more key, the table at most three quarters full.  0 or -1. */
static int table_room(skein__stemset *s) {
    if ((s->table_len + 1) * 4 <= s->table_cap * 3) return 0;
    size_t cap = s->table_cap ? 2 * s->table_cap : 1024;
    front_slot *old = s->table;
    size_t old_cap = s->table_cap;
    s->table = calloc(cap, sizeof(*s->table));
    if (!s->table) {
        s->table = old;
        return -1;
    }
    s->table_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key) *table_slot(s, old[i].key) = old[i];
    free(old);
    return 0;
}

/* The language is mixed in after hashing: as XXH3's seed, languages opened
 * one after the other (seeds n and n + 1) gave the same key to short words
 * one bit apart (French "des", German "der"). */
skein__stem_key skein__stem_key_of(int lang, const char *w, size_t len) {
    uint64_t word_hash = skein__hash(w, len);
    return (skein__stem_key){(word_hash ^ (((uint64_t)lang + 1) * 0x9E3779B97F4A7C15ull)) |
                                 1, /* never 0: 0 is empty */
                             word_hash};
}

void skein__stem_prefetch(const skein__stemset *s, skein__stem_key k) {
    __builtin_prefetch(front_of(s, k.key));
    if (s->table) __builtin_prefetch(&s->table[table_home(s, k.key)]);
}

int skein__stem_keyed(skein__stemset *s, int lang, skein__stem_key k, const char *w, size_t len,
                      skein__stemmed *out) {
    if (s->pool.len > s->max_bytes) { /* bounded: drop the whole cache */
        if (s->table) memset(s->table, 0, s->table_cap * sizeof(*s->table));
        s->table_len = 0;
        memset(s->front, 0, sizeof(s->front));
        skein__sbuf_reset(&s->pool);
        s->nentries = 0;
    }
    uint64_t key = k.key;
    front_slot *fs = front_of(s, key);
    if (fs->key != key) {
        front_slot *ts = s->table ? table_slot(s, key) : NULL;
        if (!ts || !ts->key) {
            long idx = compute(s, &s->langs[lang], w, len);
            if (idx < 0 || table_room(s)) return -1;
            ts = table_slot(s, key);
            front_fill(ts, key, &s->entries[idx], (size_t)idx);
            s->table_len++;
        }
        *fs = *ts;
    }
    *out = (skein__stemmed){fs->hash,
                            k.word_hash,
                            s->pool.buf + fs->off,
                            fs->len,
                            fs->bits & FRONT_STOP,
                            fs->bits & FRONT_SELF ? &fs->hash : s->entries[fs->idx].concepts,
                            fs->nconcepts,
                            (fs->bits & FRONT_PLACE) != 0,
                            (fs->bits & FRONT_NAME_LIKE) != 0};
    return 0;
}

int skein__stem(skein__stemset *s, int lang, const char *w, size_t len, skein__stemmed *out) {
    if (lang < 0 || lang >= s->nlangs) lang = skein__stem_lang(s, NULL);
    return skein__stem_keyed(s, lang, skein__stem_key_of(lang, w, len), w, len, out);
}
