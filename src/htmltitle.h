/* htmltitle.h -- a headline from what a page calls itself: the site's name
 * cut from "Headline | Site", "Site - Headline", "Headline - Section - Site".
 *
 * A title is cut into parts at the separators sites use (" | ", " - ",
 * " – ", " — ", " :: ", " » ", " · ", " • ", "|", and "_" as Chinese sites
 * write it).  A part naming the site -- its name as the page gives it, or
 * its host's main label ("thehill" for thehill.com; "The Hill" compares
 * equal) -- ends the headline with everything after it ("Headline | Site |
 * Section"); parts naming it at the start are dropped ("Site - Headline").
 * For a <title>, short last parts (four words at most, shorter than the
 * first) are dropped too: sections and sites under other names ("Headline |
 * World | News"), as <title> is written.  Headlines from og:title or
 * JSON-LD are cut only where a part names the site. */
#ifndef SKEIN_HTMLTITLE_H
#define SKEIN_HTMLTITLE_H

#include <stddef.h>

/* Cuts title[0..*len) in place: on return the headline is
 * title[*start..*start + *len).  `site` and `host` may be NULL; `is_tag`
 * is 1 for a <title>. */
void skein__title_cut(const char *title, size_t *start, size_t *len, const char *site,
                      const char *host, int is_tag);

#endif
