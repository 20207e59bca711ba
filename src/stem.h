/* stem.h -- Snowball stemming and stopword look-up, per language, cached.
 *
 * One skein__stemset serves every language of a stream: it opens a Snowball
 * stemmer the first time a language is seen (libstemmer knows 29; others are
 * left unstemmed) and remembers each word's stem and stopword flag, because
 * news vocabulary repeats and a cache hit is several times cheaper than the
 * stemmer.  The cache is bounded: it is dropped whole when it fills up.
 * Not thread-safe: one stemset per engine (per thread).  Hunspell's
 * dictionaries (Ukrainian) are loaded once per process and shared by all
 * stemsets, their calls taking turns under a lock. */
#ifndef SKEIN_STEM_H
#define SKEIN_STEM_H

#include "util.h"

typedef struct skein__stemset skein__stemset;

/* Where Hunspell's dictionaries are (Ukrainian: uk_UA.aff and .dic). */
#ifndef SKEIN_HUNSPELL_DIR
#define SKEIN_HUNSPELL_DIR "/usr/share/hunspell"
#endif

/* What the tables above the text layer (lexicon.h) know of a stem, asked
 * once per distinct word and cached with its stem. */
#define SKEIN__WORD_CONCEPTS 3
typedef struct skein__word_info {
    uint64_t concepts[SKEIN__WORD_CONCEPTS]; /* its English stems */
    size_t nconcepts;
    int place;     /* a place name starts with it */
    int name_like; /* no dictionary translates it, or it sounds like its translation */
} skein__word_info;
/* Fills *out for stem hash `stem` of language `lang` (zeroed before). */
typedef void (*skein__word_info_fn)(const char *lang, uint64_t stem, skein__word_info *out);

/* `info` (may be NULL: words have no concepts, place or name flags) is
 * asked about each new word. */
skein__stemset *skein__stemset_new(skein__word_info_fn info);
void skein__stemset_free(skein__stemset *s);
/* The cache is dropped whole once its stems pass `bytes` (default 8 MB); 0
 * caches nothing, every word is stemmed again (for tests). */
void skein__stemset_set_limit(skein__stemset *s, size_t bytes);

/* What the stemmer says of one word.  `stem` points into the stemset and is
 * valid until its next call. */
typedef struct skein__stemmed {
    uint64_t hash;      /* skein__hash of the stem */
    uint64_t word_hash; /* skein__hash of the word as given */
    const char *stem;   /* NUL-terminated */
    size_t len;
    int stop;                 /* 1 when the word is on the language's stopword list */
    const uint64_t *concepts; /* what the word-info hook said (skein__word_info) */
    size_t nconcepts;
    int place;
    int name_like;
} skein__stemmed;

/* The handle of language `lang` (ISO 639-1; NULL, empty or unknown: words
 * are their own stems), opening its stemmer on first use.  Resolve it once
 * per text, not per word. */
int skein__stem_lang(skein__stemset *s, const char *lang);

/* Stems the lower-case word w[0..len) of language handle `lang` into *out.
 * Returns 0 or -1 on ENOMEM. */
int skein__stem(skein__stemset *s, int lang, const char *w, size_t len, skein__stemmed *out);

/* skein__stem in two steps, for a caller with many words at once: the
 * word's key first (a hash; `lang` a handle skein__stem_lang gave), so that
 * its cache slots can be fetched from memory (skein__stem_prefetch) a few
 * words before skein__stem_keyed reads them.  A missed slot costs a cache
 * miss per word otherwise: most of the look-up's time on real text.
 * skein__stem_keyed trusts `lang` to be a valid handle and `k` to be of
 * that handle and w (skein__stem checks the handle). */
typedef struct skein__stem_key {
    uint64_t key;       /* of the language and the word */
    uint64_t word_hash; /* skein__hash of the word */
} skein__stem_key;
skein__stem_key skein__stem_key_of(int lang, const char *w, size_t len);
void skein__stem_prefetch(const skein__stemset *s, skein__stem_key k);
int skein__stem_keyed(skein__stemset *s, int lang, skein__stem_key k, const char *w, size_t len,
                      skein__stemmed *out);

#endif
