/* stem.h -- Snowball stemming and stopword look-up, per language, cached.
 *
 * One skein__stemset serves every language of a stream: it opens a Snowball
 * stemmer the first time a language is seen (libstemmer knows 29; others are
 * left unstemmed) and remembers each word's stem and stopword flag, because
 * news vocabulary repeats and a cache hit is several times cheaper than the
 * stemmer.  The cache is bounded: it is dropped whole when it fills up.
 * Not thread-safe: one stemset per engine. */
#ifndef SKEIN_STEM_H
#define SKEIN_STEM_H

#include "util.h"

typedef struct skein__stemset skein__stemset;

skein__stemset *skein__stemset_new(void);
void skein__stemset_free(skein__stemset *s);

/* Stems the lower-case word w[0..len) of language `lang` (ISO 639-1; NULL or
 * unknown: the word is its own stem).  Appends the stem and a NUL to `out`
 * and stores its offset in *off and its length in *stem_len; *stop is 1 when
 * the word is a stopword.  Returns 0 or -1 on ENOMEM. */
int skein__stem(skein__stemset *s, const char *lang, const char *w, size_t len, sbuf *out,
                size_t *off, size_t *stem_len, int *stop);

#endif
