/* jsonld.h -- what a page's JSON-LD says about its article (schema.org):
 * headline, datePublished, publisher, inLanguage, url.
 *
 * Objects are found at the top of a script, in arrays, under "@graph" and
 * under "mainEntity"; the first object typed as an article (NewsArticle,
 * Article, BlogPosting, ReportageNewsArticle, LiveBlogPosting, anything
 * ending in "Article"...) gives the article's fields, a WebPage its
 * fallbacks, a WebSite or Organization the site's name.  Scripts are parsed
 * with cJSON after a raw line break in a string (common, and invalid JSON)
 * is made a blank; a script that still does not parse is skipped. */
#ifndef SKEIN_JSONLD_H
#define SKEIN_JSONLD_H

#include <stddef.h>

#include "arena.h"

/* Fields found so far; strings are NUL-terminated, in the arena given to
 * skein__jsonld_read, NULL when not found. */
typedef struct skein__ld {
    const char *headline, *published, *publisher, *lang, *url;
    const char *page_headline, *page_published; /* from a WebPage */
    const char *site;                           /* a WebSite's or Organization's name */
    int article;                                /* an article object was seen */
} skein__ld;

/* Reads one script's JSON-LD (json[0..len), not NUL-terminated) into ld,
 * filling only fields still NULL, so the first script that states a field
 * wins.  Returns 0, 1 when the script is not JSON (ld unchanged), -1 on
 * ENOMEM. */
int skein__jsonld_read(const char *json, size_t len, skein__arena *a, skein__ld *ld);

#endif
