/* stopwords.h -- per-language stopword lists, compiled in at build time.
 *
 * The lists come from the stopwords-iso package (see scripts/gen_stopwords.c);
 * words are normalised like the analyzer's tokens (lower case) and each list
 * is NULL-terminated and sorted bytewise. */
#ifndef SKEIN_STOPWORDS_H
#define SKEIN_STOPWORDS_H

#include <stddef.h>

typedef struct skein__stoplist {
    const char *lang;         /* ISO 639-1 */
    const char *const *words; /* sorted, NULL-terminated */
    size_t count;
} skein__stoplist;

/* Terminated by an entry with lang == NULL. */
extern const skein__stoplist skein__stoplists[];

/* Returns the list for `lang`, or NULL when there is none. */
const skein__stoplist *skein__stoplist_find(const char *lang);

/* 1 when the NUL-terminated `word` is on `list`; list may be NULL. */
int skein__stoplist_has(const skein__stoplist *list, const char *word, size_t len);

#endif
