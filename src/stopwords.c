/* stopwords.c -- look-ups in the compiled stopword lists.
 *
 * Lists are sorted at build time, so a look-up is a binary search over a few
 * hundred entries; callers cache per-token results where it matters. */
#include "stopwords.h"

#include <string.h>

const skein__stoplist *skein__stoplist_find(const char *lang) {
    if (!lang) return NULL;
    for (const skein__stoplist *l = skein__stoplists; l->lang; l++)
        if (strcmp(l->lang, lang) == 0) return l;
    return NULL;
}

static int cmp_n(const char *w, const char *s, size_t len) {
    int c = strncmp(w, s, len);
    if (c) return c;
    return w[len] ? 1 : 0;
}

int skein__stoplist_has(const skein__stoplist *list, const char *word, size_t len) {
    if (!list) return 0;
    size_t lo = 0, hi = list->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_n(list->words[mid], word, len);
        if (c == 0) return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
