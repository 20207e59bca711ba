/* fetch.h -- web addresses fetched politely and safely (libcurl): feeds and
 * the pages their items name.
 *
 * Addresses come from feeds others write, so each one is checked: http and
 * https only; the address a name resolves to is checked as curl opens the
 * socket (CURLOPT_OPENSOCKETFUNCTION), on the first request and on every
 * redirect, which a fetcher follows itself, at most a few times.  Loopback,
 * private, link-local and unique-local addresses are refused unless the
 * caller allows private networks; cloud-metadata, unspecified, multicast
 * and reserved addresses are refused always.  No proxy is used.
 *
 * Politeness: one request to a host at a time, no sooner than `host_delay`
 * seconds after the last (longer when robots.txt asks with Crawl-delay);
 * robots.txt read once a day per host (its redirects followed) and obeyed; a User-Agent naming
 * skein and its version; conditional requests (ETag, Last-Modified).  Bodies are inflated by curl
 * as they arrive and capped after inflating: a body over its cap is cut or refused, never held
 * whole. */
#ifndef SKEIN_FETCH_H
#define SKEIN_FETCH_H

#include "skein.h"
#include "util.h"

#include <sys/socket.h>

/* Whether `sa` is an address skein may connect to.  Returns 0, or -1 with
 * the reason in why[0..cap) ("127.0.0.1 is a loopback address").  IPv4
 * inside IPv6 (::ffff:a.b.c.d, 64:ff9b::/96) is checked as IPv4.  No
 * traffic. */
int skein__addr_check(const struct sockaddr *sa, int allow_private, char *why, size_t cap);

/* Whether `path` (with its query) may be fetched under the robots.txt
 * text robots[0..len) for the user agent "skein": the group naming skein,
 * else the "*" group; the longest matching Allow/Disallow wins ('*' and '$'
 * as in RFC 9309).  *crawl_delay (may be NULL) gets the group's
 * Crawl-delay in seconds, 0 when none.  Returns 1 allowed, 0 not. */
int skein__robots_allows(const char *robots, size_t len, const char *path, double *crawl_delay);

typedef struct skein__fetch_config {
    int allow_private;   /* 1: loopback and private networks may be fetched */
    double host_delay;   /* seconds between two requests to one host */
    double timeout;      /* seconds one request may take in all */
    int max_redirects;   /* redirects followed before giving up */
    const char *contact; /* appended to the User-Agent, or NULL */
} skein__fetch_config;

typedef struct skein__fetcher skein__fetcher;

/* A fetcher with its own curl handle, per-host clock and robots.txt cache;
 * NULL on ENOMEM or when curl cannot start.  Not thread-safe: one thread
 * uses one fetcher.  `c` is copied. */
skein__fetcher *skein__fetcher_new(const skein__fetch_config *c);
void skein__fetcher_free(skein__fetcher *f);

/* What came back.  Embed it, skein__response_init / _release. */
typedef struct skein__response {
    long status;    /* the final HTTP status (200, 304, 404...) */
    sbuf body;      /* inflated, at most the cap */
    int cut;        /* 1: the body was over the cap and cut there */
    sbuf url;       /* the address that answered, after redirects */
    char etag[256]; /* the validators of the answer, "" when none */
    char last_modified[128];
    char content_type[128];
    char retry_after[64]; /* Retry-After as sent (seconds or an HTTP date), "" when none */
} skein__response;
void skein__response_init(skein__response *r);
void skein__response_release(skein__response *r);

#define SKEIN__FETCH_CUT 1 /* skein__fetch: a body over the cap is cut, not refused */

/* Fetches `url` into *r (reset first), following redirects, with
 * If-None-Match / If-Modified-Since when etag / last_modified are given
 * (NULL or "": none).  The body is capped at `cap` bytes after inflating:
 * cut there with SKEIN__FETCH_CUT in `flags`, else refused.  Waits for the
 * host's turn.  Returns SKEIN_OK with any HTTP status in r->status (304
 * included); SKEIN_EINVAL for an address refused (scheme, network,
 * robots.txt, too many redirects), SKEIN_ETOOBIG, SKEIN_EIO for a network
 * failure or timeout, SKEIN_ENOMEM; then err (may be NULL) says why,
 * naming the address. */
int skein__fetch(skein__fetcher *f, const char *url, const char *etag, const char *last_modified,
                 size_t cap, int flags, skein__response *r, skein_error *err);

#endif
