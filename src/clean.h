/* clean.h -- removes what scraping leaves in article text.
 *
 * Input must be valid UTF-8.  The cleaner drops control characters, folds
 * runs of blanks, drops boilerplate lines (photo credits "• © Reuters",
 * feedback and share buttons, bullet-only lines), and splits words a link
 * widget glued together ("PutinVladimir" -> "Putin Vladimir") where both
 * stand alone elsewhere in the text (a name in camel case, "BlackBerry",
 * stays whole).  Paragraph
 * breaks survive as a single '\n'.  An offset map takes positions in the
 * cleaned text back to the input, so that spans found in the one can be
 * shown in the other. */
#ifndef SKEIN_CLEAN_H
#define SKEIN_CLEAN_H

#include "util.h"

/* Where the cleaned text's bytes came from: anchors (clean offset, input
 * offset), one wherever the two stop moving together.  Embed it, init and
 * release it; skein__clean refills it. */
typedef struct skein__offmap {
    uint32_t *clean, *input;
    size_t n, cap;
} skein__offmap;
void skein__offmap_init(skein__offmap *m);
void skein__offmap_release(skein__offmap *m);
/* The input offset of clean offset `at` (a byte the cleaner copied). */
size_t skein__offmap_input(const skein__offmap *m, size_t at);

/* Writes the cleaned form of s[0..len) to `out` (which is reset first) and,
 * when `map` is not NULL, where each of its bytes came from.  Returns 0 or
 * -1 on ENOMEM. */
int skein__clean(const char *s, size_t len, sbuf *out, skein__offmap *map);

/* How well title s (may be NULL) reads as a headline: 0 not at all (empty,
 * a web address, a byline), 1 as a sentence or a paragraph (long, or a
 * sentence with its full stop), 2 as a title. */
int skein__title_quality(const char *s);

#endif
