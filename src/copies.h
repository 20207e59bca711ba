/* copies.h -- which articles of a story are copies of one text (the same
 * wire story run by several outlets), from their notes' sketches. */
#ifndef SKEIN_COPIES_H
#define SKEIN_COPIES_H

#include "skein.h"

#include <stddef.h>

/* Sketches agreeing on at least this many of their SKEIN_SKETCH values are
 * of copies of one text (about 0.7 of their word shingles shared). */
#define SKEIN__COPY_AGREE 11

/* For each member of s, the member whose text it copies: the earliest
 * published of its group of copies (the first to arrive among undated
 * ones), itself when it has no copy or is that one.  `original` has
 * s->size entries.  0, or -1 on ENOMEM. */
int skein__copies(const skein_story *s, size_t *original);

#endif
