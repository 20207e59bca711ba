/* months.h -- month names of a language, for dates written in text.
 *
 * The names come from ICU's calendar data for the language (format and
 * stand-alone forms, full and abbreviated: "ноября" and "ноябрь", "November"
 * and "Nov"), folded as the analyzer folds words (NFKC case fold), loaded the
 * first time a language is asked for.  A table is not thread-safe: each
 * featurizer keeps its own. */
#ifndef SKEIN_MONTHS_H
#define SKEIN_MONTHS_H

#include <stddef.h>

typedef struct skein__months skein__months;

/* NULL on ENOMEM or when ICU's case fold cannot be opened. */
skein__months *skein__months_new(void);
void skein__months_free(skein__months *m);

/* The month (1..12) folded word w[0..n) names in language `lang`, 0 when it
 * names none (or ICU has no calendar data for `lang`), -1 on ENOMEM. */
int skein__months_find(skein__months *m, const char *lang, const char *w, size_t n);

#endif
