/* htmlmeta.h -- what a page states about itself: headline, publication
 * time, language, canonical address, the outlet's name.
 *
 * Sources, best first:
 *   headline   JSON-LD headline of the article object, og:title,
 *              twitter:title, <title>, the first <h1>; the site's name cut
 *              from each (htmltitle.h)
 *   published  JSON-LD datePublished, article:published_time and the
 *              other meta names sites use (og:, dc., parsely, sailthru),
 *              itemprop=datePublished, a <time datetime> in the article,
 *              then the first one anywhere (date.h)
 *   language   <html lang>, Content-Language, og:locale, JSON-LD
 *              inLanguage; normalised to ISO 639-1
 *   url        <link rel=canonical>, og:url, JSON-LD url; resolved
 *              against the address the page was fetched from
 *   site name  og:site_name, JSON-LD publisher, application-name,
 *              a JSON-LD WebSite's name
 * The raw values of the main sources are kept too, so that they can be
 * checked against each other (tools/eval_extract.c). */
#ifndef SKEIN_HTMLMETA_H
#define SKEIN_HTMLMETA_H

#include <stdint.h>

#include "arena.h"
#include "dom.h"

typedef struct skein__meta {
    skein__arena arena; /* owns every string below */
    const char *title;  /* the headline, site name cut; NULL when none */
    const char *site_name;
    const char *url;   /* absolute http(s) */
    const char *lang;  /* ISO 639-1 */
    int64_t published; /* SKEIN_NO_TIME when none */
    /* as stated, for checks */
    const char *title_tag, *og_title, *ld_headline, *h1;
    int64_t ld_published, og_published, time_published;
} skein__meta;

/* Reads d's metadata into m.  `url` (may be NULL) is where the page was
 * fetched, for relative links and the outlet's host.  Returns SKEIN_OK or
 * SKEIN_ENOMEM; release m with skein__meta_release either way. */
int skein__html_meta(const skein__dom *d, const char *url, skein__meta *m);

void skein__meta_release(skein__meta *m);

#endif
