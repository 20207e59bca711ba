/* fetch.c -- web addresses fetched politely and safely (libcurl).
 *
 * One curl easy handle per fetcher, reset before each request so its
 * connections are kept.  Redirects are followed here, not by curl, so that
 * each hop is checked like the first: its scheme, robots.txt and the host's
 * turn; the address each connection goes to is checked as the socket is
 * opened, after curl resolved the name, so a name that resolves to a
 * private address (or a second lookup that does) cannot slip through.
 * Hosts (host:port) keep a small table: when they may be asked again and
 * what their robots.txt says. */
#include "fetch.h"

#include "error.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define ROBOTS_CAP ((size_t)512 * 1024) /* robots.txt read up to this (Google reads 500 KiB) */
#define ROBOTS_KEEP 86400.0             /* seconds a robots.txt is trusted */
#define ROBOTS_RETRY 600.0              /* seconds before asking a failing host again */
#define MAX_CRAWL_DELAY 60.0            /* a Crawl-delay above this is taken as this */
#define MAX_HOSTS 4096                  /* hosts remembered; the oldest go first */

/* ---- the address check ------------------------------------------------------------ */

enum { ADDR_PUBLIC, ADDR_PRIVATE, ADDR_NEVER };

/* Class of IPv4 address `a` (host order), with its kind in words. */
static int v4_class(uint32_t a, const char **kind) {
    uint8_t b0 = (uint8_t)(a >> 24), b1 = (uint8_t)(a >> 16);
    if (a == 0xA9FEA9FEu) return *kind = "a cloud metadata address", ADDR_NEVER;
    if (b0 == 0) return *kind = "an unspecified address", ADDR_NEVER;
    if (b0 >= 224) return *kind = "a multicast or reserved address", ADDR_NEVER;
    if (b0 == 127) return *kind = "a loopback address", ADDR_PRIVATE;
    if (b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168))
        return *kind = "a private address", ADDR_PRIVATE;
    if (b0 == 100 && (b1 & 0xC0) == 64) return *kind = "a shared (carrier) address", ADDR_PRIVATE;
    if (b0 == 169 && b1 == 254) return *kind = "a link-local address", ADDR_PRIVATE;
    if (b0 == 192 && b1 == 0 && (uint8_t)(a >> 8) == 0)
        return *kind = "an IETF protocol address", ADDR_PRIVATE;
    if (b0 == 198 && (b1 & 0xFE) == 18) return *kind = "a benchmarking address", ADDR_PRIVATE;
    return *kind = "", ADDR_PUBLIC;
}

static int v6_class(const uint8_t *b, uint32_t *v4, const char **kind) {
    static const uint8_t metadata[16] = {0xfd, 0, 0x0e, 0xc2, 0, 0, 0,    0,
                                         0,    0, 0,    0,    0, 0, 0x02, 0x54};
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t zero[15] = {0};
    *v4 = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15];
    if (!memcmp(b, mapped, 12) || !memcmp(b, nat64, 12)) return -1; /* IPv4 inside */
    if (!memcmp(b, metadata, 16)) return *kind = "a cloud metadata address", ADDR_NEVER;
    if (!memcmp(b, zero, 15) && b[15] == 1) return *kind = "a loopback address", ADDR_PRIVATE;
    if (!memcmp(b, zero, 12)) return *kind = "an unspecified address", ADDR_NEVER;
    if (b[0] == 0xff) return *kind = "a multicast address", ADDR_NEVER;
    if ((b[0] & 0xfe) == 0xfc) return *kind = "a unique-local (private) address", ADDR_PRIVATE;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return *kind = "a link-local address", ADDR_PRIVATE;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return *kind = "a site-local address", ADDR_PRIVATE;
    return *kind = "", ADDR_PUBLIC;
}

int skein__addr_check(const struct sockaddr *sa, int allow_private, char *why, size_t cap) {
    char text[INET6_ADDRSTRLEN] = "?";
    const char *kind = "not an internet address";
    int cls = ADDR_NEVER;
    if (sa && sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
        cls = v4_class(ntohl(in->sin_addr.s_addr), &kind);
    } else if (sa && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
        uint32_t v4;
        cls = v6_class(in6->sin6_addr.s6_addr, &v4, &kind);
        if (cls < 0) cls = v4_class(v4, &kind);
    }
    if (cls == ADDR_PUBLIC || (cls == ADDR_PRIVATE && allow_private)) return 0;
    if (why && cap)
        snprintf(why, cap, "%s is %s%s", text, kind,
                 cls == ADDR_PRIVATE ? " (--allow-private fetches it)" : "");
    return -1;
}

/* ---- robots.txt --------------------------------------------------------------------- */

/* Whether robots pattern p[0..n) matches the start of `path` ('*' any run,
 * '$' the end). */
static int robots_match(const char *p, size_t n, const char *path) {
    if (n == 0) return 1;
    if (*p == '*') {
        for (const char *s = path;; s++) {
            if (robots_match(p + 1, n - 1, s)) return 1;
            if (!*s) return 0;
        }
    }
    if (*p == '$' && n == 1) return *path == 0;
    return *path == *p && robots_match(p + 1, n - 1, path + 1);
}

typedef struct robots_walk {
    int group;      /* 0 outside a group, 1 in a group of other agents, 2 in ours */
    int in_agents;  /* reading a group's User-agent lines */
    int specific;   /* a group naming skein was seen: "*" groups no longer count */
    size_t best[2]; /* longest Allow / Disallow match in our groups, +1 (0: none) */
    size_t best_any[2];
    double delay, delay_any;
} robots_walk;

static void robots_agent(robots_walk *w, const char *v, size_t n) {
    int ours = (n >= 5 && !strncasecmp(v, "skein", 5)) ? 2 : (n == 1 && *v == '*') ? 1 : 0;
    if (!w->in_agents) w->group = 0;
    w->in_agents = 1;
    if (ours == 2) w->specific = 1;
    if (ours > w->group) w->group = ours;
}

static void robots_rule(robots_walk *w, const char *key, const char *v, size_t n,
                        const char *path) {
    w->in_agents = 0;
    if (!w->group) return;
    size_t *best = w->group == 2 ? w->best : w->best_any;
    if (!strcasecmp(key, "crawl-delay")) {
        double d = atof(v);
        if (d > 0) *(w->group == 2 ? &w->delay : &w->delay_any) = d;
        return;
    }
    int allow = !strcasecmp(key, "allow");
    if (!allow && strcasecmp(key, "disallow")) return;
    if (n == 0) return; /* "Disallow:" with nothing: all allowed */
    if (robots_match(v, n, path) && n + 1 > best[allow]) best[allow] = n + 1;
}

int skein__robots_allows(const char *robots, size_t len, const char *path, double *crawl_delay) {
    robots_walk w = {0};
    const char *end = robots + len;
    for (const char *s = robots; s < end;) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        const char *hash = memchr(s, '#', (size_t)(eol - s));
        const char *stop = hash ? hash : eol, *colon = memchr(s, ':', (size_t)(stop - s));
        char key[32];
        if (colon && (size_t)(colon - s) < sizeof(key)) {
            size_t kn = (size_t)(colon - s);
            memcpy(key, s, kn);
            while (kn && (key[kn - 1] == ' ' || key[kn - 1] == '\t')) kn--;
            key[kn] = 0;
            const char *v = colon + 1;
            while (v < stop && (*v == ' ' || *v == '\t')) v++;
            size_t vn = (size_t)(stop - v);
            while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t' || v[vn - 1] == '\r')) vn--;
            char val[1024];
            vn = SKEIN_MIN(vn, sizeof(val) - 1);
            memcpy(val, v, vn);
            val[vn] = 0;
            const char *k = key + strspn(key, " \t\xef\xbb\xbf");
            if (!strcasecmp(k, "user-agent"))
                robots_agent(&w, val, vn);
            else
                robots_rule(&w, k, val, vn, path);
        }
        s = eol + 1;
    }
    size_t *best = w.specific ? w.best : w.best_any;
    if (crawl_delay) *crawl_delay = w.specific ? w.delay : w.delay_any;
    return best[1] >= best[0] || best[0] == 0; /* the longer rule wins; a tie allows */
}

/* ---- the fetcher ------------------------------------------------------------------ */

typedef struct host {
    char name[272]; /* host:port */
    double next;    /* skein__now() from which it may be asked again */
    double delay;   /* its Crawl-delay, 0 when none */
    char *robots;   /* its robots.txt (NULL: not read yet, or none) */
    size_t robots_len;
    int robots_state; /* 0 unknown, 1 read (or none: all allowed), 2 unreadable */
    double robots_until;
} host;

struct skein__fetcher {
    CURL *curl;
    skein__fetch_config c;
    char user_agent[160];
    host *hosts;
    size_t nhosts, cap;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ok;
static void curl_start(void) { curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

skein__fetcher *skein__fetcher_new(const skein__fetch_config *c) {
    pthread_once(&curl_once, curl_start);
    if (!curl_ok || !c) return NULL;
    skein__fetcher *f = calloc(1, sizeof(*f));
    if (!f || !(f->curl = curl_easy_init())) {
        free(f);
        return NULL;
    }
    f->c = *c;
    f->c.contact = NULL; /* not kept: the caller's string */
    snprintf(f->user_agent, sizeof(f->user_agent), "skein/%s (news story engine%s%.100s)",
             skein_version(), c->contact ? "; +" : "", c->contact ? c->contact : "");
    return f;
}

void skein__fetcher_free(skein__fetcher *f) {
    if (!f) return;
    for (size_t i = 0; i < f->nhosts; i++) free(f->hosts[i].robots);
    free(f->hosts);
    curl_easy_cleanup(f->curl);
    free(f);
}

void skein__response_init(skein__response *r) {
    memset(r, 0, sizeof(*r));
    skein__sbuf_init(&r->body);
    skein__sbuf_init(&r->url);
}

void skein__response_release(skein__response *r) {
    skein__sbuf_release(&r->body);
    skein__sbuf_release(&r->url);
    memset(r, 0, sizeof(*r));
}

static void response_reset(skein__response *r) {
    r->status = 0;
    r->cut = 0;
    skein__sbuf_reset(&r->body);
    r->etag[0] = r->last_modified[0] = r->content_type[0] = r->retry_after[0] = 0;
}

/* The parts of absolute address `url` a request needs: "host:port" and the
 * origin ("https://host:port"), the path with its query.  -1 when curl
 * cannot read it or it is not http(s). */
static int url_parts(const char *url, char *hostport, size_t hcap, char *origin, size_t ocap,
                     sbuf *path) {
    CURLU *u = curl_url();
    char *scheme = NULL, *h = NULL, *port = NULL, *p = NULL, *q = NULL;
    int rc = -1;
    if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
        !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) && !curl_url_get(u, CURLUPART_HOST, &h, 0) &&
        !curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) &&
        !curl_url_get(u, CURLUPART_PATH, &p, 0) &&
        (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https"))) {
        curl_url_get(u, CURLUPART_QUERY, &q, 0);
        snprintf(hostport, hcap, "%s:%s", h, port);
        snprintf(origin, ocap, "%s://%s:%s", scheme, h, port);
        for (char *c = hostport; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        skein__sbuf_reset(path);
        rc = skein__sbuf_adds(path, p) ||
                     (q && (skein__sbuf_addc(path, '?') || skein__sbuf_adds(path, q)))
                 ? -1
                 : 0;
    }
    curl_free(scheme), curl_free(h), curl_free(port), curl_free(p), curl_free(q);
    curl_url_cleanup(u);
    return rc;
}

static host *host_get(skein__fetcher *f, const char *name) {
    for (size_t i = 0; i < f->nhosts; i++)
        if (!strcmp(f->hosts[i].name, name)) return &f->hosts[i];
    if (f->nhosts == MAX_HOSTS) { /* forget the first: rarely reached, never unsafe */
        free(f->hosts[0].robots);
        memmove(f->hosts, f->hosts + 1, (f->nhosts - 1) * sizeof(host));
        f->nhosts--;
    }
    if (skein__grow((void **)&f->hosts, &f->cap, f->nhosts + 1, sizeof(host))) return NULL;
    host *h = &f->hosts[f->nhosts++];
    memset(h, 0, sizeof(*h));
    snprintf(h->name, sizeof(h->name), "%s", name);
    return h;
}

/* Waits until host `h` may be asked again. */
static void wait_turn(const host *h) {
    double left = h->next - skein__now();
    if (left <= 0) return;
    struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* ---- one request ---------------------------------------------------------------------- */

typedef struct req {
    skein__response *r;
    size_t cap;
    int cut_ok, too_big;
    int allow_private, refused;
    char why[160];
} req;

static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a) {
    req *q = ud;
    (void)purpose;
    if (skein__addr_check(&a->addr, q->allow_private, q->why, sizeof(q->why))) {
        q->refused = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static size_t on_body(char *p, size_t size, size_t n, void *ud) {
    req *q = ud;
    size_t len = size * n, room = q->cap - SKEIN_MIN(q->cap, q->r->body.len);
    if (len > room) {
        if (q->cut_ok && !skein__sbuf_add(&q->r->body, p, room)) q->r->cut = 1;
        q->too_big = !q->cut_ok;
        return 0; /* stops the transfer */
    }
    return skein__sbuf_add(&q->r->body, p, len) ? 0 : len;
}

/* Copies header value line[0..n) into dst if the line is `name: value`. */
static void header_value(const char *line, size_t n, const char *name, char *dst, size_t cap) {
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) || line[k] != ':') return;
    const char *v = line + k + 1;
    size_t vn = n - k - 1;
    while (vn && (*v == ' ' || *v == '\t')) v++, vn--;
    while (vn && (v[vn - 1] == '\r' || v[vn - 1] == '\n' || v[vn - 1] == ' ')) vn--;
    if (vn >= cap) return; /* a validator too long to send back is no validator */
    memcpy(dst, v, vn);
    dst[vn] = 0;
}

static size_t on_header(char *line, size_t size, size_t n, void *ud) {
    req *q = ud;
    size_t len = size * n;
    if (len > 5 && !strncmp(line, "HTTP/", 5))
        q->r->etag[0] = q->r->last_modified[0] = q->r->retry_after[0] = 0;
    header_value(line, len, "etag", q->r->etag, sizeof(q->r->etag));
    header_value(line, len, "last-modified", q->r->last_modified, sizeof(q->r->last_modified));
    header_value(line, len, "retry-after", q->r->retry_after, sizeof(q->r->retry_after));
    return len;
}

static void set_options(skein__fetcher *f, req *q, const char *url, struct curl_slist *hdr,
                        char *errbuf) {
    CURL *c = f->curl;
    long total = (long)(f->c.timeout * 1000);
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROXY, ""); /* no proxy from the environment */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, q);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, q);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, q);
    curl_easy_setopt(c, CURLOPT_USERAGENT, f->user_agent);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* every coding curl inflates */
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, SKEIN_MIN(total, 10000L));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    if (!q->cut_ok) curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)q->cap);
}

/* One request, no redirect followed: *location gets the redirect's target
 * (curl's, absolute) or NULL. */
static int request(skein__fetcher *f, host *h, const char *url, const char *etag,
                   const char *last_modified, size_t cap, int flags, skein__response *r,
                   char **location, skein_error *err) {
    req q = {r, cap, (flags & SKEIN__FETCH_CUT) != 0, 0, f->c.allow_private, 0, ""};
    char errbuf[CURL_ERROR_SIZE] = "", line[400];
    struct curl_slist *hdr = NULL, *more;
    if (etag && *etag) {
        snprintf(line, sizeof(line), "If-None-Match: %s", etag);
        if ((more = curl_slist_append(hdr, line))) hdr = more;
    }
    if (last_modified && *last_modified) {
        snprintf(line, sizeof(line), "If-Modified-Since: %s", last_modified);
        if ((more = curl_slist_append(hdr, line))) hdr = more;
    }
    response_reset(r);
    wait_turn(h);
    set_options(f, &q, url, hdr, errbuf);
    CURLcode cc = curl_easy_perform(f->curl);
    h->next = skein__now() + SKEIN_MAX(f->c.host_delay, SKEIN_MIN(h->delay, MAX_CRAWL_DELAY));
    curl_slist_free_all(hdr);
    *location = NULL;
    if (q.refused && cc != CURLE_OK)
        return skein__fail(err, SKEIN_EINVAL, NULL, "%s: refused: %s", url, q.why);
    if (q.too_big || cc == CURLE_FILESIZE_EXCEEDED)
        return skein__fail(err, SKEIN_ETOOBIG, NULL, "%s: refused: over %zu bytes", url, cap);
    if (cc != CURLE_OK && !(cc == CURLE_WRITE_ERROR && r->cut))
        return skein__fail(err, cc == CURLE_OUT_OF_MEMORY ? SKEIN_ENOMEM : SKEIN_EIO, NULL,
                           "%s: %s", url, *errbuf ? errbuf : curl_easy_strerror(cc));
    char *ct = NULL, *loc = NULL;
    curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct);
    snprintf(r->content_type, sizeof(r->content_type), "%s", ct ? ct : "");
    if (r->status >= 300 && r->status < 400 && r->status != 304 &&
        curl_easy_getinfo(f->curl, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
        *location = strdup(loc);
    return SKEIN_OK;
}

/* ---- robots.txt, read once per host ------------------------------------------------ */

static int follow(skein__fetcher *f, const char *url, const char *etag, const char *last_modified,
                  size_t cap, int flags, int robots, skein__response *r, skein_error *err);

/* Reads the robots.txt of host `name` (at `origin`), following its
 * redirects (RFC 9309), into the host's entry. */
static int robots_read(skein__fetcher *f, const char *name, const char *origin, skein_error *err) {
    char url[424];
    snprintf(url, sizeof(url), "%.400s/robots.txt", origin);
    skein__response r;
    skein__response_init(&r);
    int rc = follow(f, url, NULL, NULL, ROBOTS_CAP, SKEIN__FETCH_CUT, 0, &r, err);
    host *h = host_get(f, name); /* looked up again: following may have moved the table */
    if (!h) {
        skein__response_release(&r);
        return skein__fail(err, SKEIN_ENOMEM, NULL, "%s: out of memory", url);
    }
    free(h->robots);
    h->robots = NULL, h->robots_len = 0, h->delay = 0;
    double now = skein__now();
    if (rc == SKEIN_OK && r.status >= 200 && r.status < 300) {
        h->robots = r.body.buf, h->robots_len = r.body.len;
        r.body.buf = NULL, r.body.len = r.body.cap = 0;
        skein__robots_allows(h->robots ? h->robots : "", h->robots_len, "/", &h->delay);
    } else if (rc == SKEIN_OK && r.status >= 300 && r.status < 500) {
        /* none: everything allowed */
    } else {
        /* a refused address is refused again at each request, in its own words */
        if (rc != SKEIN_EINVAL) h->robots_state = 2, h->robots_until = now + ROBOTS_RETRY;
        if (rc == SKEIN_OK) rc = skein__fail(err, SKEIN_EIO, NULL, "%s: status %ld", url, r.status);
        skein__response_release(&r);
        return rc;
    }
    h->robots_state = 1, h->robots_until = now + ROBOTS_KEEP;
    skein__response_release(&r);
    return SKEIN_OK;
}

/* Whether robots.txt lets skein fetch `path` of host `name`: SKEIN_OK, or
 * SKEIN_EINVAL (disallowed, or the address refused) / SKEIN_EIO (the file
 * could not be read) with a message. */
static int robots_check(skein__fetcher *f, const char *name, const char *origin, const char *url,
                        const char *path, skein_error *err) {
    double now = skein__now();
    host *h = host_get(f, name);
    if (h && (h->robots_state == 0 || now >= h->robots_until)) {
        skein_error e;
        int rc = robots_read(f, name, origin, &e);
        const char *why = strstr(e.message, "refused: ");
        if (rc == SKEIN_EINVAL && why) /* the host's address is refused */
            return skein__fail(err, rc, NULL, "%s: %s", url, why);
        if (rc)
            return skein__fail(err, SKEIN_EIO, NULL,
                               "%s: not fetched: robots.txt could not be read (%s)", url,
                               e.message);
        h = host_get(f, name);
    }
    if (!h) return skein__fail(err, SKEIN_ENOMEM, NULL, "%s: out of memory", url);
    if (h->robots_state == 2)
        return skein__fail(err, SKEIN_EIO, NULL, "%s: not fetched: robots.txt could not be read",
                           url);
    if (h->robots && !skein__robots_allows(h->robots, h->robots_len, path, NULL))
        return skein__fail(err, SKEIN_EINVAL, NULL, "%s: not fetched: robots.txt disallows it",
                           url);
    return SKEIN_OK;
}

/* ---- following redirects -------------------------------------------------------------- */

static int is_redirect(long status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* skein__fetch, with robots.txt asked (robots 1) or not (robots.txt itself). */
static int follow(skein__fetcher *f, const char *url, const char *etag, const char *last_modified,
                  size_t cap, int flags, int robots, skein__response *r, skein_error *err) {
    char *cur = strdup(url), hostport[272], origin[400];
    sbuf path;
    skein__sbuf_init(&path);
    int rc = cur ? SKEIN_OK : SKEIN_ENOMEM;
    for (int hop = 0; !rc; hop++) {
        host *h;
        char *loc = NULL;
        if (url_parts(cur, hostport, sizeof(hostport), origin, sizeof(origin), &path)) {
            rc = skein__fail(err, SKEIN_EINVAL, NULL,
                             "%.300s: refused: only http and https addresses are fetched", cur);
        } else if (robots && (rc = robots_check(f, hostport, origin, cur, path.buf, err))) {
            /* err says why */
        } else if (!(h = host_get(f, hostport))) {
            rc = skein__fail(err, SKEIN_ENOMEM, NULL, "%.300s: out of memory", cur);
        } else if (!(rc = request(f, h, cur, hop ? NULL : etag, hop ? NULL : last_modified, cap,
                                  flags, r, &loc, err))) {
            if (!is_redirect(r->status) || !loc) break;
            if (hop >= f->c.max_redirects)
                rc = skein__fail(err, SKEIN_EINVAL, NULL, "%s: refused: more than %d redirects",
                                 url, f->c.max_redirects);
            free(cur);
            cur = loc, loc = NULL;
        }
        free(loc);
    }
    skein__sbuf_reset(&r->url);
    if (cur && skein__sbuf_adds(&r->url, cur) && !rc) rc = SKEIN_ENOMEM;
    free(cur);
    skein__sbuf_release(&path);
    return rc;
}

int skein__fetch(skein__fetcher *f, const char *url, const char *etag, const char *last_modified,
                 size_t cap, int flags, skein__response *r, skein_error *err) {
    skein__error_clear(err);
    if (!f || !url || !r || !cap) return skein__fail(err, SKEIN_EINVAL, NULL, "no address");
    return follow(f, url, etag, last_modified, cap, flags, 1, r, err);
}
