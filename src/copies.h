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

/* The same, kept between calls for a story whose members only join: each
 * call compares only the members that joined since with those before (a
 * copy's group does not depend on the order pairs are met in).  *m NULL: a
 * new one.  The caller forgets it (skein__copies_forget) when the members
 * it read are no longer s's first. */
typedef struct skein__copies_memo skein__copies_memo;
int skein__copies_update(skein__copies_memo **m, const skein_story *s, size_t *original);
void skein__copies_forget(skein__copies_memo *m);
void skein__copies_memo_free(skein__copies_memo *m);

#endif
