/* clean.h -- removes what scraping leaves in article text.
 *
 * Input must be valid UTF-8.  The cleaner drops control characters, folds
 * runs of blanks, drops boilerplate lines (photo credits "• © Reuters",
 * feedback and share buttons, bullet-only lines), and splits words a link
 * widget glued together ("PutinVladimir" -> "Putin Vladimir").  Paragraph
 * breaks survive as a single '\n'. */
#ifndef SKEIN_CLEAN_H
#define SKEIN_CLEAN_H

#include "util.h"

/* Appends the cleaned form of s[0..len) to `out` (which is reset first).
 * Returns 0 or -1 on ENOMEM. */
int skein__clean(const char *s, size_t len, sbuf *out);

#endif
