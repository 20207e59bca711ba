/* url.c -- resolving links and naming hosts.  See url.h.
 *
 * An address is split into scheme, authority and the rest by hand: the
 * forms are few and a full RFC 3986 parser would buy nothing here. */
#include "url.h"

#include <string.h>
#include <strings.h>

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Length of the scheme of s ("https" in "https://..."), 0 when s has none. */
static size_t scheme_len(const char *s) {
    size_t i = 0;
    if (!((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z')) return 0;
    while ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') i++;
    while (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
           s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

static int is_http(const char *s, size_t n) {
    return (n == 4 && strncasecmp(s, "http", 4) == 0) ||
           (n == 5 && strncasecmp(s, "https", 5) == 0);
}

/* Offset of the end of the authority that starts at s[i] (after "//"). */
static size_t authority_end(const char *s, size_t i) { return i + strcspn(s + i, "/?#"); }

/* Appends s[0..n) without its fragment and trailing blanks; 0 or -1. */
static int add_clean(sbuf *out, const char *s, size_t n) {
    const char *hash = memchr(s, '#', n);
    if (hash) n = (size_t)(hash - s);
    while (n && is_blank(s[n - 1])) n--;
    for (size_t i = 0; i < n; i++) /* an address holds no blanks or controls */
        if ((unsigned char)s[i] <= ' ') return -1;
    return skein__sbuf_add(out, s, n);
}

/* The part of base up to (not including) its path: "https://host". */
static size_t origin_len(const char *base) {
    size_t s = scheme_len(base);
    if (!s || base[s + 1] != '/' || base[s + 2] != '/') return 0;
    return authority_end(base, s + 3);
}

/* Resolves a relative reference (no scheme) against an absolute base. */
static int resolve_relative(const char *base, const char *ref, sbuf *out) {
    size_t origin = base ? origin_len(base) : 0;
    if (!origin || !is_http(base, scheme_len(base))) return -1;
    size_t s = scheme_len(base);
    if (ref[0] == '/' && ref[1] == '/')
        return skein__sbuf_add(out, base, s + 1) || add_clean(out, ref, strlen(ref));
    if (ref[0] == '/')
        return skein__sbuf_add(out, base, origin) || add_clean(out, ref, strlen(ref));
    size_t path_end = origin + strcspn(base + origin, "?#");
    if (ref[0] == '?' || ref[0] == 0)
        return skein__sbuf_add(out, base, path_end) || add_clean(out, ref, strlen(ref));
    size_t dir = path_end;
    while (dir > origin && base[dir - 1] != '/') dir--;
    if (dir == origin)
        return skein__sbuf_add(out, base, origin) || skein__sbuf_addc(out, '/') ||
               add_clean(out, ref, strlen(ref));
    return skein__sbuf_add(out, base, dir) || add_clean(out, ref, strlen(ref));
}

int skein__url_resolve(const char *base, const char *ref, sbuf *out) {
    skein__sbuf_reset(out);
    if (!ref) return -1;
    while (is_blank(*ref)) ref++;
    size_t s = scheme_len(ref);
    int rc;
    if (s)
        rc = is_http(ref, s) ? add_clean(out, ref, strlen(ref)) : -1;
    else
        rc = resolve_relative(base, ref, out);
    char host[256];
    if (rc || skein__url_host(out->buf, host, sizeof(host))) {
        skein__sbuf_reset(out);
        return -1;
    }
    return 0;
}

/* 1 when host[0..n) holds only what a host name holds. */
static int host_chars_ok(const char *h, size_t n) {
    if (!n || h[0] == '.' || h[0] == '-') return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (!((c | 32) >= 'a' && (c | 32) <= 'z') && !(c >= '0' && c <= '9') && c != '.' &&
            c != '-' && c != '_' && c < 0x80)
            return 0;
    }
    return 1;
}

/* Drops one leading label that names no outlet, when two labels remain. */
static const char *strip_prefix(const char *h) {
    static const char *const prefixes[] = {"www.", "www2.", "www3.", "m.", "mobile.", "amp."};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(h, prefixes[i], n) == 0 && strchr(h + n, '.')) return h + n;
    }
    return h;
}

int skein__url_host(const char *url, char *host, size_t cap) {
    size_t s = url ? scheme_len(url) : 0;
    if (!s || url[s + 1] != '/' || url[s + 2] != '/' || !cap) return -1;
    size_t a = s + 3, e = authority_end(url, a);
    const char *at = memchr(url + a, '@', e - a);
    if (at) a = (size_t)(at - url) + 1;
    size_t n = strcspn(url + a, ":/?#");
    if (n > e - a) n = e - a;
    while (n && url[a + n - 1] == '.') n--; /* "example.com." */
    if (!host_chars_ok(url + a, n) || n >= cap) return -1;
    char low[256];
    if (n >= sizeof(low)) return -1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(url[a + i] >= 'A' && url[a + i] <= 'Z' ? url[a + i] + 32 : url[a + i]);
    low[n] = 0;
    const char *h = strip_prefix(low);
    memmove(host, h, strlen(h) + 1);
    return 0;
}
