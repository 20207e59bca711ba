/* watch.c -- feeds followed into a store (skein_watcher): poll, read, fetch
 * each new item's page, add, remember.
 *
 * A poll is one conditional request for the feed (fetch.c), its items read
 * (feed.c), and for each item not seen before (store_feeds.c) its page
 * fetched and read (skein_html_article_parse), falling back to the feed's
 * own description; the article is added and committed with its item
 * marked seen, one item at a time, so a poll cut short loses nothing it
 * had added.  A failing feed backs off: it is skipped for the interval
 * doubled with each failure in a row, at most a day, and each failure is
 * one log line. */
#include "skein.h"

#include "date.h"
#include "error.h"
#include "feed.h"
#include "fetch.h"
#include "store_feeds.h"
#include "url.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FEED_CAP ((size_t)8 * 1024 * 1024) /* a feed over this is refused */
#define MAX_BACKOFF 86400.0                /* a failing feed is tried at least daily */
#define MAX_REDIRECTS 5

struct skein_watcher {
    skein_store *store;
    skein__fetcher *fetcher;
    skein_watch_config c;
};

void skein_watch_config_default(skein_watch_config *c) {
    if (!c) return;
    memset(c, 0, sizeof(*c));
    c->host_delay = 5;
    c->timeout = 30;
    c->interval = 900;
}

skein_watcher *skein_watcher_new(skein_store *s, const skein_watch_config *c, skein_error *err) {
    skein__error_clear(err);
    if (!s || !c || !(c->host_delay >= 0) || !(c->timeout > 0) || !(c->interval > 0)) {
        skein__fail(err, SKEIN_EINVAL, NULL,
                    "a watcher needs a store, a delay of 0 or more, a timeout and an interval "
                    "above 0");
        return NULL;
    }
    skein_watcher *w = calloc(1, sizeof(*w));
    skein__fetch_config fc = {c->allow_private, c->host_delay, c->timeout, MAX_REDIRECTS,
                              c->contact};
    if (!w || !(w->fetcher = skein__fetcher_new(&fc))) {
        free(w);
        skein__fail(err, SKEIN_EINTERNAL, NULL, "libcurl could not start");
        return NULL;
    }
    w->store = s;
    w->c = *c;
    w->c.contact = NULL; /* the fetcher kept it */
    return w;
}

void skein_watcher_free(skein_watcher *w) {
    if (!w) return;
    skein__fetcher_free(w->fetcher);
    free(w);
}

static void lock(skein_watcher *w, int on) {
    if (w->c.lock) w->c.lock(on, w->c.lock_ud);
    if (on && w->c.store) w->store = w->c.store(w->c.lock_ud);
}

static void logline(const skein_watcher *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void logline(const skein_watcher *w, const char *fmt, ...) {
    if (!w->c.log) return;
    char line[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    w->c.log(line, w->c.log_ud);
}

/* ---- one item ---------------------------------------------------------------------- */

/* The key an item is remembered by: its guid when it names itself
 * globally (an address, a URN), else the feed's address and the guid, else
 * its link, else the feed's address and its title. */
static int item_key(const char *feed, const skein__feed_item *it, sbuf *key) {
    skein__sbuf_reset(key);
    if (it->id && strchr(it->id, ':')) return skein__sbuf_adds(key, it->id);
    if (!it->id && it->url) return skein__sbuf_adds(key, it->url);
    const char *tail = it->id ? it->id : it->title ? it->title : it->text ? it->text : "";
    char h[24];
    snprintf(h, sizeof(h), "%016llx", (unsigned long long)skein__hash(tail, strlen(tail)));
    return skein__sbuf_adds(key, feed) || skein__sbuf_addc(key, '#') ||
           skein__sbuf_adds(key, it->id ? it->id : h);
}

/* `why` without the address it starts with, when that is `url`: the log
 * line names it already. */
static const char *unprefixed(const char *why, const char *url) {
    size_t n = strlen(url);
    return !strncmp(why, url, n) && why[n] == ':' && why[n + 1] == ' ' ? why + n + 2 : why;
}

/* Reads the item's page into *ha: 0, or -1 with why in `why`. */
static int read_page(skein_watcher *w, const char *url, skein_html_article *ha, char *why,
                     size_t cap) {
    skein__response r;
    skein__response_init(&r);
    skein_error e;
    int rc =
        skein__fetch(w->fetcher, url, NULL, NULL, SKEIN_HTML_MAX_BYTES, SKEIN__FETCH_CUT, &r, &e);
    if (!rc && (r.status < 200 || r.status > 299)) {
        snprintf(why, cap, "HTTP status %ld", r.status);
        rc = SKEIN_EIO;
    } else if (rc) {
        snprintf(why, cap, "%s", e.message);
    } else if ((rc = skein_html_article_parse(r.body.buf ? r.body.buf : "", r.body.len, r.url.buf,
                                              r.content_type, ha, &e))) {
        snprintf(why, cap, "unreadable page: %s", e.message);
    } else if (!ha->a.text || !*ha->a.text) {
        snprintf(why, cap, "no text found in the page%s", r.cut ? " (cut at its cap)" : "");
        skein_html_article_release(ha);
        rc = SKEIN_EEMPTY;
    } else if (r.cut || ha->cut) {
        logline(w, "item %s: the page is over %zu bytes: its start was read", url,
                (size_t)SKEIN_HTML_MAX_BYTES);
    }
    skein__response_release(&r);
    return rc ? -1 : 0;
}

/* Adds the article and marks the item seen, in one transaction. */
static int item_store(skein_watcher *w, const skein_article *a, const char *key, const char *feed,
                      skein_poll_stats *st, skein_error *err) {
    int64_t now = (int64_t)time(NULL);
    lock(w, 1);
    int rc = skein_store_add(w->store, a, NULL), kept = rc == SKEIN_OK;
    if (rc == SKEIN_EDB || rc == SKEIN_ENOMEM) {
        skein__fail(err, rc, NULL, "adding %s: %s", a->id, skein_store_errmsg(w->store));
    } else {
        if (rc && rc != SKEIN_EDUP) logline(w, "item %s: not added: %s", a->id, skein_strerror(rc));
        rc = skein__store_item_put(w->store, key, feed, kept || rc == SKEIN_EDUP ? a->id : NULL,
                                   now);
        if (!rc) rc = skein_store_commit(w->store);
        if (rc) skein__fail(err, rc, NULL, "storing %s: %s", a->id, skein_store_errmsg(w->store));
    }
    lock(w, 0);
    st->added += kept && !rc;
    return rc;
}

static int item_poll(skein_watcher *w, const char *feed, const skein__feed_item *it,
                     skein_poll_stats *st, sbuf *key, skein_error *err) {
    if (item_key(feed, it, key)) return skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory");
    lock(w, 1);
    int seen = skein__store_item_seen(w->store, key->buf);
    if (seen < 0) skein__fail(err, seen, NULL, "%s", skein_store_errmsg(w->store));
    lock(w, 0);
    if (seen < 0) return seen;
    if (seen) return st->seen++, SKEIN_OK;
    skein_html_article ha;
    char why[400] = "the item names no page";
    int page = it->url && read_page(w, it->url, &ha, why, sizeof(why)) == 0;
    if (!page && !it->text && !it->title) {
        logline(w, "item %s: nothing to add: %s, and the feed gives no description", key->buf, why);
        st->failed++;
        return SKEIN_OK; /* tried again at the next poll */
    }
    if (page && it->text && strlen(ha.a.text) < strlen(it->text)) {
        /* a teaser or paywall page says less than the feed's full content */
        skein_html_article_release(&ha);
        page = 0;
    } else if (!page) {
        const char *name = it->url ? it->url : key->buf;
        logline(w, "item %s: %s: the feed's description kept", name, unprefixed(why, name));
        st->fallbacks++;
    }
    char host[256] = "";
    skein__url_host(it->url ? it->url : feed, host, sizeof(host));
    skein_article a = {it->url ? it->url : key->buf,
                       it->title ? it->title
                       : page    ? ha.a.title
                                 : NULL,
                       page ? ha.a.text : it->text,
                       page ? ha.a.lang : NULL,
                       page && ha.a.source ? ha.a.source
                       : *host             ? host
                                           : NULL,
                       it->url,
                       it->published != SKEIN_NO_TIME ? it->published
                       : page                         ? ha.a.published
                                                      : SKEIN_NO_TIME};
    int rc = item_store(w, &a, key->buf, feed, st, err);
    if (page) skein_html_article_release(&ha);
    return rc;
}

/* ---- one feed ----------------------------------------------------------------------- */

/* Seconds the server asked to wait (Retry-After: seconds or an HTTP date);
 * 0 when it did not. */
static double retry_after(const char *v, int64_t now) {
    char *end;
    long secs = strtol(v, &end, 10);
    if (*v && !*end) return secs > 0 ? (double)secs : 0;
    int64_t t;
    return *v && !skein__date_parse(v, strlen(v), &t) && t > now ? (double)(t - now) : 0;
}

/* Records a failed poll: the back-off grows (to what the server asked, if
 * longer), the cause is kept and logged. */
static int feed_failed(skein_watcher *w, const char *url, skein__feed_state *fs, int64_t now,
                       int rc, const char *why, const char *retry) {
    fs->failures++;
    double wait = w->c.interval;
    for (int i = 1; i < fs->failures && wait < MAX_BACKOFF; i++) wait *= 2;
    wait = SKEIN_MIN(SKEIN_MAX(wait, retry_after(retry, now)), MAX_BACKOFF);
    fs->next_poll = now + (int64_t)wait;
    why = unprefixed(why, url);
    logline(w, "feed %s: %s (failure %d in a row; next try in %.0f s)", url, why, fs->failures,
            wait);
    lock(w, 1);
    int db = skein__store_feed_put(w->store, url, fs, now, why);
    lock(w, 0);
    return db ? db : rc;
}

/* Fetches and reads the feed: SKEIN_OK with *feed filled (or r->status 304). */
static int feed_read(skein_watcher *w, const char *url, const skein__feed_state *fs,
                     skein__response *r, skein__feed *feed, skein_error *err) {
    int rc = skein__fetch(w->fetcher, url, fs->etag, fs->last_modified, FEED_CAP, 0, r, err);
    if (rc || r->status == 304) return rc;
    if (r->status < 200 || r->status > 299)
        return skein__fail(err, SKEIN_EIO, NULL, "HTTP status %ld", r->status);
    rc = skein__feed_parse(r->body.buf ? r->body.buf : "", r->body.len, r->url.buf, feed, err);
    return rc;
}

int skein_watcher_poll(skein_watcher *w, const char *url, skein_poll_stats *stats,
                       skein_error *err) {
    skein_poll_stats local, *st = stats ? stats : &local;
    skein_error e_local;
    if (!err) err = &e_local; /* the cause is logged and kept in the store either way */
    memset(st, 0, sizeof(*st));
    skein__error_clear(err);
    if (!w || !url) return skein__fail(err, SKEIN_EINVAL, NULL, "no watcher or no address");
    int64_t now = (int64_t)time(NULL);
    skein__feed_state fs;
    lock(w, 1);
    int rc = skein__store_feed_get(w->store, url, &fs);
    if (rc && rc != SKEIN_ENOTFOUND) skein__fail(err, rc, NULL, "%s", skein_store_errmsg(w->store));
    lock(w, 0);
    if (rc && rc != SKEIN_ENOTFOUND) return rc;
    if (fs.next_poll > now) {
        st->backing_off = 1;
        logline(w, "feed %s: skipped: %d failures in a row, next try in %lld s", url, fs.failures,
                (long long)(fs.next_poll - now));
        return SKEIN_OK;
    }
    skein__response r;
    skein__response_init(&r);
    skein__feed feed = {0};
    rc = feed_read(w, url, &fs, &r, &feed, err);
    if (rc) {
        char why[sizeof(err->message)];
        snprintf(why, sizeof(why), "%s", err->message[0] ? err->message : skein_strerror(rc));
        rc = feed_failed(w, url, &fs, now, rc, why, r.retry_after);
    } else {
        st->not_modified = r.status == 304;
        st->items = feed.n;
        sbuf key;
        skein__sbuf_init(&key);
        for (size_t i = 0; !rc && i < feed.n; i++)
            rc = item_poll(w, url, &feed.items[i], st, &key, err);
        skein__sbuf_release(&key);
        if (!st->not_modified) {
            snprintf(fs.etag, sizeof(fs.etag), "%s", r.etag);
            snprintf(fs.last_modified, sizeof(fs.last_modified), "%s", r.last_modified);
        }
        fs.failures = 0, fs.next_poll = 0;
        lock(w, 1);
        if (!rc) rc = skein__store_feed_put(w->store, url, &fs, now, NULL);
        if (rc && !err->message[0]) skein__fail(err, rc, NULL, "%s", skein_store_errmsg(w->store));
        lock(w, 0);
    }
    skein__feed_release(&feed);
    skein__response_release(&r);
    return rc;
}
