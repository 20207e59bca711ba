/* store_feeds.c -- the feed tables of a store: feeds (validators, back-off,
 * the last failure) and feed_items (every item seen, and the article it
 * became).
 *
 * Small and rarely called (once per feed and item polled), so each call
 * prepares its statement.  The SQL is the same in both back ends: SQLite
 * and PostgreSQL both take INSERT ... ON CONFLICT ... DO UPDATE. */
#include "store_feeds.h"

#include "store.h"

#include <stdio.h>
#include <string.h>

/* Prepares `sql` on the store; SKEIN_EDB with the cause kept. */
static int prepare(skein_store *s, const char *sql, skein__stmt **st, const char *what) {
    if (!s || !s->db) return SKEIN_EINVAL;
    return skein__db_prepare(s->db, sql, st) ? skein__store_fail(s, SKEIN_EDB, what) : SKEIN_OK;
}

static void copy_col(skein__stmt *st, int i, char *dst, size_t cap) {
    const char *v = skein__db_column_text(st, i);
    snprintf(dst, cap, "%s", v ? v : "");
}

int skein__store_feed_get(skein_store *s, const char *url, skein__feed_state *out) {
    memset(out, 0, sizeof(*out));
    skein__stmt *st;
    int rc = prepare(s, "SELECT etag, last_modified, failures, next_poll FROM feeds WHERE url = ?",
                     &st, "reading a feed's state");
    if (rc) return rc;
    skein__db_bind_text(st, 1, url);
    int step = skein__db_step(st);
    if (step == SKEIN__DB_ROW) {
        copy_col(st, 0, out->etag, sizeof(out->etag));
        copy_col(st, 1, out->last_modified, sizeof(out->last_modified));
        out->failures = (int)skein__db_column_int64(st, 2);
        out->next_poll = skein__db_column_int64(st, 3);
    }
    rc = step == SKEIN__DB_ROW    ? SKEIN_OK
         : step == SKEIN__DB_DONE ? SKEIN_ENOTFOUND
                                  : skein__store_fail(s, SKEIN_EDB, "reading a feed's state");
    skein__db_finalize(st);
    return rc;
}

int skein__store_feed_put(skein_store *s, const char *url, const skein__feed_state *in, int64_t now,
                          const char *error) {
    skein__stmt *st;
    int rc = prepare(s,
                     "INSERT INTO feeds VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                     "etag = excluded.etag, last_modified = excluded.last_modified, "
                     "failures = excluded.failures, next_poll = excluded.next_poll, "
                     "polled = excluded.polled, error = excluded.error",
                     &st, "writing a feed's state");
    if (rc) return rc;
    skein__db_bind_text(st, 1, url);
    skein__db_bind_text(st, 2, in->etag[0] ? in->etag : NULL);
    skein__db_bind_text(st, 3, in->last_modified[0] ? in->last_modified : NULL);
    skein__db_bind_int64(st, 4, in->failures);
    skein__db_bind_int64(st, 5, in->next_poll);
    skein__db_bind_int64(st, 6, now);
    skein__db_bind_text(st, 7, error);
    rc = skein__store_step(s, st);
    skein__db_finalize(st);
    return rc;
}

int skein__store_item_seen(skein_store *s, const char *key) {
    skein__stmt *st;
    int rc = prepare(s, "SELECT 1 FROM feed_items WHERE key = ?", &st, "reading the items seen");
    if (rc) return rc;
    skein__db_bind_text(st, 1, key);
    int step = skein__db_step(st);
    rc = step == SKEIN__DB_ROW    ? 1
         : step == SKEIN__DB_DONE ? 0
                                  : skein__store_fail(s, SKEIN_EDB, "reading the items seen");
    skein__db_finalize(st);
    return rc;
}

int skein__store_item_put(skein_store *s, const char *key, const char *feed, const char *article,
                          int64_t now) {
    skein__stmt *st;
    int rc = prepare(s,
                     "INSERT INTO feed_items VALUES(?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                     "feed = excluded.feed, article = excluded.article, seen = excluded.seen",
                     &st, "marking an item seen");
    if (rc) return rc;
    skein__db_bind_text(st, 1, key);
    skein__db_bind_text(st, 2, feed);
    skein__db_bind_text(st, 3, article);
    skein__db_bind_int64(st, 4, now);
    rc = skein__store_step(s, st);
    skein__db_finalize(st);
    return rc;
}
