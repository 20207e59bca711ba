/* serve_atom.h -- Atom feeds (RFC 4287) of `skein serve`'s story list and of
 * one story's articles, made from the same answers as the JSON routes. */
#ifndef SKEIN_SERVE_ATOM_H
#define SKEIN_SERVE_ATOM_H

#include "serve_routes.h"

#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

/* A feed made: the document and what HTTP says about it. */
typedef struct atom_doc {
    char *xml; /* new (free() it); NULL on failure */
    size_t len;
    char etag[24];          /* "\"<xxh64 of the document>\"" */
    char last_modified[40]; /* HTTP date of the feed's <updated>; "" when unknown */
} atom_doc;

/* The list's feed: `json` is the page GET /v1/stories answers for the
 * request on connection `c` (its arguments are the feed's query).  Links
 * name the request's Host, else the server's address.  With ?lang= an
 * entry's title is the story's headline in that language (looked up in
 * `st` when the list does not carry it).  SKEIN_OK, or
 * SKEIN_EINVAL (json not a list) / SKEIN_ENOMEM with out->xml NULL. */
int atom_stories(struct MHD_Connection *c, const server *sv, skein_store *st, const char *json,
                 atom_doc *out);

/* One story's feed: `json` is its record (skein_store_story_json); its
 * newest ATOM_STORY_ENTRIES articles, newest first, each looked up in
 * `st` for its address.  Same returns as atom_stories. */
#define ATOM_STORY_ENTRIES 100
int atom_story(struct MHD_Connection *c, const server *sv, skein_store *st, const char *json,
               atom_doc *out);

/* 1 when the request's If-None-Match or (without one) If-Modified-Since
 * says the client has `d` already: the answer is 304. */
int atom_not_modified(struct MHD_Connection *c, const atom_doc *d);

#endif
