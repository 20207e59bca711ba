/* store_feeds.h -- what a store keeps of the feeds it follows (skein watch):
 * each feed's validators (ETag, Last-Modified) and back-off, and every item
 * seen, so that a restart fetches nothing twice.
 *
 * Writes join the store's open transaction when there is one (an item is
 * marked seen in the transaction that adds its article) and commit on their
 * own otherwise.  Not thread-safe: the store's writer handle, one thread at
 * a time. */
#ifndef SKEIN_STORE_FEEDS_H
#define SKEIN_STORE_FEEDS_H

#include "skein.h"

#include <stdint.h>

typedef struct skein__feed_state {
    char etag[256];          /* "" when none */
    char last_modified[128]; /* "" when none */
    int failures;            /* failed polls in a row */
    int64_t next_poll;       /* Unix seconds before which it is not polled (back-off), or 0 */
} skein__feed_state;

/* Reads feed `url`'s state into *st: SKEIN_OK, SKEIN_ENOTFOUND (never
 * polled: *st zeroed) or SKEIN_EDB. */
int skein__store_feed_get(skein_store *s, const char *url, skein__feed_state *st);

/* Writes feed `url`'s state after a poll at `now`; `error` (may be NULL) is
 * why it failed.  SKEIN_OK or SKEIN_EDB. */
int skein__store_feed_put(skein_store *s, const char *url, const skein__feed_state *st, int64_t now,
                          const char *error);

/* 1 when item `key` was seen, 0 when not; SKEIN_EDB. */
int skein__store_item_seen(skein_store *s, const char *key);

/* Marks item `key` of `feed` seen at `now`, with the id of the article it
 * became (NULL: none).  SKEIN_OK or SKEIN_EDB. */
int skein__store_item_put(skein_store *s, const char *key, const char *feed, const char *article,
                          int64_t now);

#endif
