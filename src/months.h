/* months.h -- month names of a language, for dates written in text, and
 * ICU's calendar symbols for whoever needs them.
 *
 * The names come from ICU's Gregorian calendar data for the language
 * (format and stand-alone forms, full and abbreviated: "ноября" and
 * "ноябрь", "November" and "Nov"), folded as the analyzer folds words (NFKC
 * case fold), loaded the first time a language is asked for.  A table is
 * not thread-safe: each featurizer keeps its own. */
#ifndef SKEIN_MONTHS_H
#define SKEIN_MONTHS_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/udat.h>

typedef struct skein__months skein__months;

/* NULL on ENOMEM or when ICU's case fold cannot be opened. */
skein__months *skein__months_new(void);
void skein__months_free(skein__months *m);

/* The month (1..12) folded word w[0..n) names in language `lang`, 0 when it
 * names none (or ICU has no calendar data for `lang`), -1 on ENOMEM. */
int skein__months_find(skein__months *m, const char *lang, const char *w, size_t n);

/* Calls fn(name, len, type, i, ud) for each symbol of ICU's calendar data
 * for `locale` ("ru", "fa@calendar=gregorian") of types[0..ntypes): type
 * is the index in types, i the symbol's (0 for January or Sunday).  Names
 * over 63 UTF-16 units are skipped.  Returns 0, or the first non-zero fn
 * returns; no data for the locale is no symbol. */
typedef int (*skein__calendar_fn)(const UChar *name, int32_t len, size_t type, int32_t i, void *ud);
int skein__calendar_walk(const char *locale, const UDateFormatSymbolType *types, size_t ntypes,
                         skein__calendar_fn fn, void *ud);

#endif
