/* store_feeds.c -- the feed tables of a store: feeds (validators, back-off,
 * the last failure) and feed_items (every item seen, and the article it
 * became).
 *
 * Small and rarely called (once per feed and item polled), so each call
 * prepares its statement. */
#include "store_feeds.h"

#include "store.h"

#include <stdio.h>
#include <string.h>

/* Prepares `sql` on the store; SKEIN_EDB with the cause kept. */
static int prepare(skein_store *s, const char *sql, sqlite3_stmt **st, const char *what) {
    if (!s || !s->db) return SKEIN_EINVAL;
    return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) ? skein__store_fail(s, SKEIN_EDB, what)
                                                        : SKEIN_OK;
}

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t cap) {
    const unsigned char *v = sqlite3_column_text(st, i);
    snprintf(dst, cap, "%s", v ? (const char *)v : "");
}

int skein__store_feed_get(skein_store *s, const char *url, skein__feed_state *out) {
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT etag, last_modified, failures, next_poll FROM feeds WHERE url = ?",
                     &st, "reading a feed's state");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        copy_col(st, 0, out->etag, sizeof(out->etag));
        copy_col(st, 1, out->last_modified, sizeof(out->last_modified));
        out->failures = sqlite3_column_int(st, 2);
        out->next_poll = sqlite3_column_int64(st, 3);
    }
    rc = step == SQLITE_ROW    ? SKEIN_OK
         : step == SQLITE_DONE ? SKEIN_ENOTFOUND
                               : skein__store_fail(s, SKEIN_EDB, "reading a feed's state");
    sqlite3_finalize(st);
    return rc;
}

int skein__store_feed_put(skein_store *s, const char *url, const skein__feed_state *in, int64_t now,
                          const char *error) {
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT OR REPLACE INTO feeds VALUES(?, ?, ?, ?, ?, ?, ?)", &st,
                     "writing a feed's state");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
    skein__bind_text(st, 2, in->etag[0] ? in->etag : NULL);
    skein__bind_text(st, 3, in->last_modified[0] ? in->last_modified : NULL);
    sqlite3_bind_int(st, 4, in->failures);
    sqlite3_bind_int64(st, 5, in->next_poll);
    sqlite3_bind_int64(st, 6, now);
    skein__bind_text(st, 7, error);
    rc = skein__store_step(s, st);
    sqlite3_finalize(st);
    return rc;
}

int skein__store_item_seen(skein_store *s, const char *key) {
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT 1 FROM feed_items WHERE key = ?", &st, "reading the items seen");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    rc = step == SQLITE_ROW    ? 1
         : step == SQLITE_DONE ? 0
                               : skein__store_fail(s, SKEIN_EDB, "reading the items seen");
    sqlite3_finalize(st);
    return rc;
}

int skein__store_item_put(skein_store *s, const char *key, const char *feed, const char *article,
                          int64_t now) {
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT OR REPLACE INTO feed_items VALUES(?, ?, ?, ?)", &st,
                     "marking an item seen");
    if (rc) return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, feed, -1, SQLITE_STATIC);
    skein__bind_text(st, 3, article);
    sqlite3_bind_int64(st, 4, now);
    rc = skein__store_step(s, st);
    sqlite3_finalize(st);
    return rc;
}
