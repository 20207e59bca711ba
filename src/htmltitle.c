/* htmltitle.c -- site names cut from titles.  See htmltitle.h.
 *
 * Parts are compared "compactly": ASCII letters and digits lower-cased,
 * every other ASCII byte dropped, other bytes kept, so "The Hill",
 * "TheHill" and "thehill" are one name. */
#include "htmltitle.h"

#include <string.h>

#define MAX_PARTS 16

typedef struct part {
    size_t start, len;
} part;

/* The compact form of s[0..n) into out (cap bytes); its length. */
static size_t compact(const char *s, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
            out[k++] = (char)c;
    }
    out[k] = 0;
    return k;
}

/* Length of the separator at t[i], 0 when there is none. */
static size_t separator(const char *t, size_t n, size_t i) {
    static const char *const seps[] = {" | ",  " - ",        " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                       " :: ", " \xc2\xbb ", " \xc2\xb7 ",     " \xe2\x80\xa2 ",
                                       "|",    "_"};
    for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
        size_t m = strlen(seps[k]);
        if (i + m <= n && memcmp(t + i, seps[k], m) == 0) return m;
    }
    return 0;
}

/* Cuts t[0..n) into parts at separators; returns how many. */
static int split(const char *t, size_t n, part *parts) {
    int np = 0;
    size_t from = 0;
    for (size_t i = 0; i < n && np < MAX_PARTS - 1;) {
        size_t m = separator(t, n, i);
        if (!m) {
            i++;
            continue;
        }
        parts[np++] = (part){from, i - from};
        i += m, from = i;
    }
    parts[np++] = (part){from, n - from};
    return np;
}

/* The host's main label: the label before the public suffix, taken as
 * the last label, or the last two when the one before the last is short
 * ("thehill" of "thehill.com", "bbc" of "news.bbc.co.uk"). */
static size_t host_label(const char *host, char *out, size_t cap) {
    if (!host) return 0;
    const char *dots[8];
    int nd = 0;
    for (const char *p = host; *p && nd < 8; p++)
        if (*p == '.') dots[nd++] = p;
    if (!nd) return compact(host, strlen(host), out, cap);
    int end = nd - 1; /* the dot before the top-level label */
    if (nd >= 2 && host + strlen(host) - dots[nd - 1] <= 3 && dots[nd - 1] - dots[nd - 2] <= 4)
        end = nd - 2;
    const char *from = end > 0 ? dots[end - 1] + 1 : host;
    return compact(from, (size_t)(dots[end] - from), out, cap);
}

/* 1 when part p of t names the site. */
static int names_site(const char *t, part p, const char *site_c, size_t site_n, const char *label,
                      size_t label_n) {
    char c[256];
    size_t n = compact(t + p.start, p.len, c, sizeof(c));
    if (!n) return 0;
    if (site_n && (strcmp(c, site_c) == 0 || (n >= 4 && strstr(site_c, c)) || strstr(c, site_c)))
        return 1;
    return label_n >= 3 && strstr(c, label) != NULL;
}

static size_t words(const char *s, size_t n) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* A short last part: four words at most and shorter than the first part
 * (a section, or the site under a name the page does not give). */
static int is_short_tail(const char *t, const part *parts, int first, int last) {
    return last > first && words(t + parts[last].start, parts[last].len) <= 4 &&
           parts[last].len < parts[first].len;
}

void skein__title_cut(const char *title, size_t *start, size_t *len, const char *site,
                      const char *host, int is_tag) {
    part parts[MAX_PARTS];
    const char *t = title + *start;
    int np = split(t, *len, parts), first = 0, last = np - 1;
    char site_c[256], label[128];
    size_t site_n = site ? compact(site, strlen(site), site_c, sizeof(site_c)) : 0;
    size_t label_n = host_label(host, label, sizeof(label));
    /* "Headline | Site | Section": the first part after the headline naming the site ends it */
    for (int k = 1; k <= last; k++) {
        if (names_site(t, parts[k], site_c, site_n, label, label_n)) {
            last = k - 1;
            break;
        }
    }
    while (last > first && names_site(t, parts[first], site_c, site_n, label, label_n)) first++;
    while (is_tag && is_short_tail(t, parts, first, last)) last--;
    size_t from = parts[first].start, to = parts[last].start + parts[last].len;
    *start += from;
    *len = to - from;
}
