/* htmlhint.h -- what an element's tag, class, id, role and other
 * attributes say about the text in it: never text (scripts, form
 * controls), boilerplate (navigation, share bars, comments, cookie
 * banners, related links, captions), or the article itself.
 *
 * Class and id values are cut into words at punctuation and at lower-to-
 * upper case changes ("relatedArticles", "article__body", "story-text"),
 * and the words looked up in small sorted lists; words glued without a
 * break ("sharebar", "commentlist") are caught by a few stems searched
 * inside the value.  These are hints, not verdicts: the extractor weighs
 * them against how much of the page's text an element holds. */
#ifndef SKEIN_HTMLHINT_H
#define SKEIN_HTMLHINT_H

#include "dom.h"

enum {
    SKEIN__HINT_DROP = 1,   /* never article text: scripts, media, form controls, hidden */
    SKEIN__HINT_JUNK = 2,   /* boilerplate by tag, role, class or id */
    SKEIN__HINT_NEG = 4,    /* leans to boilerplate (a weaker sign than JUNK) */
    SKEIN__HINT_POS = 8,    /* leans to content ("content", "post", "article"...) */
    SKEIN__HINT_BODY = 16,  /* names an article body ("article-body", itemprop=articleBody) */
    SKEIN__HINT_HIDDEN = 32 /* hidden, aria-hidden or display:none */
};

/* The hints of element n (0 for a text node). */
unsigned skein__html_hint(const skein__node *n);

/* 1 when s[0..len) is, whole, one of the labels sites put between an
 * article's paragraphs: "Advertisement", "Advert", "Anzeige", "Реклама",
 * "إعلان", "Story continues below"...  Case and surrounding punctuation
 * do not matter. */
int skein__html_label(const char *s, size_t len);

#endif
