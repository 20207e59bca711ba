/* feed.h -- a feed's items: RSS 2.0, RSS 1.0 (RDF), Atom (libxml2) and JSON
 * Feed (cJSON), read into one typed list.
 *
 * Feeds are written by others: XML is parsed with no network access, no DTD
 * loaded and no entity expanded; a feed that declares entities (the "billion
 * laughs") is refused outright.  Elements are matched by their local names,
 * so namespace prefixes do not matter.  Links are resolved against the
 * feed's address; only http(s) addresses are kept.  Titles and descriptions
 * that hold HTML come out as plain text. */
#ifndef SKEIN_FEED_H
#define SKEIN_FEED_H

#include "skein.h"

#include <stddef.h>
#include <stdint.h>

/* Items read from one feed at most; the rest are left. */
#define SKEIN__FEED_MAX_ITEMS 2000

typedef struct skein__feed_item {
    char *id;          /* guid / id / rdf:about as the feed writes it, or NULL */
    char *url;         /* the item's page, absolute http(s), or NULL */
    char *title;       /* plain text, or NULL */
    char *text;        /* the description (summary, content) as plain text, or NULL */
    int64_t published; /* Unix seconds, or SKEIN_NO_TIME */
} skein__feed_item;

typedef struct skein__feed {
    const char *kind; /* "rss", "rdf", "atom", "json" (static) */
    skein__feed_item *items;
    size_t n;
} skein__feed;

/* Reads the feed doc[0..len) into *out (its strings owned by it); `base`
 * (may be NULL) is the feed's address, for relative links.  Returns
 * SKEIN_OK (a feed of no item included), SKEIN_EPARSE when it is no feed
 * or malformed (err says where: line and column of the XML or JSON),
 * SKEIN_EINVAL when it declares entities, SKEIN_ENOMEM.  Release *out with
 * skein__feed_release either way.  Thread-safe. */
int skein__feed_parse(const char *doc, size_t len, const char *base, skein__feed *out,
                      skein_error *err);
void skein__feed_release(skein__feed *f);

#endif
