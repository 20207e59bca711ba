/* htmltext.h -- the main text of a page: the article's paragraphs, without
 * navigation, share bars, related links, cookie banners, captions,
 * comments and the rest of what surrounds it.
 *
 * The method is that of readability-style extractors, measured and tuned
 * on the development pages (bench/eval_extract.c): the page is cut into
 * blocks with what never is text and what is named as boilerplate set
 * aside (htmlblock.h); prose blocks score their nearest ancestors by
 * length and punctuation; the best-scoring ancestor, weighed by how much of
 * its text is links and by what its class and id say, is the article,
 * joined by siblings that score or read as well; inside it, link-heavy
 * parts, labels and the headline are dropped.  When that leaves too little
 * text the page is read again without the names set aside: a class name
 * can be wrong, a tag rarely is. */
#ifndef SKEIN_HTMLTEXT_H
#define SKEIN_HTMLTEXT_H

#include "dom.h"
#include "util.h"

/* What the page's metadata tells the extractor (htmlmeta.h); any may be NULL. */
typedef struct skein__text_hints {
    const char *title; /* the headline: a block repeating it is not body text */
} skein__text_hints;

/* Appends the main text of d to `out` (reset first): valid UTF-8, blanks
 * folded, one paragraph per line ('\n' between paragraphs, none at the
 * end; "" when the page has none).  `hints` may be NULL.  Returns SKEIN_OK
 * or SKEIN_ENOMEM. */
int skein__html_text(const skein__dom *d, const skein__text_hints *hints, sbuf *out);

#endif
