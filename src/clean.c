/* clean.c -- strips scrape debris from article text, and tells whether a
 * title reads as a headline.  See clean.h.
 *
 * Works line by line: each line is rebuilt code point by code point (controls
 * and odd blanks folded, glued words split), then judged as a whole; lines
 * judged to be page furniture are dropped.  The rules are generic on purpose:
 * no outlet's markup is special-cased.
 *
 * Glued words: a link widget that drops the space between two words leaves
 * "PutinVladimir", which reads like a name written in camel case
 * ("BlackBerry", "WikiLeaks", "PolitiFact").  The two are told apart by the
 * rest of the text: a glued pair is split only when both its words stand
 * alone somewhere in the text (debris repeats what the page says: "Putin",
 * "Vladimir"; "Politi" and "Fact" never stand alone). */
#include "clean.h"

#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Short lines that are page furniture in many outlets' markup. */
static const char *const furniture[] = {
    "advertisement", "read more",     "share this", "share on",  "subscribe",  "sign up",
    "click here",    "follow us",     "related:",   "see also",  "ваш відгук", "ваш отзыв",
    "реклама",       "читайте также", "إعلان",      "اقرأ أيضا", NULL};

static int is_blank(uint32_t c) {
    return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

static int is_dropped(uint32_t c) {
    return (c < 0x20) || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x200B && c <= 0x200F) ||
           c == 0xFEFF || c == 0xFFFD || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* "PutinVladimir": a lower-case run of three or more, then Capital + lower;
 * "BlinkenUS ": then an upper-case run that ends the word. */
static int glued_at(const char *s, size_t len, size_t i, size_t lower_run) {
    if (lower_run < 3 || i + 1 >= len || !is_upper(s[i])) return 0;
    if (is_lower(s[i + 1])) return 1;
    size_t j = i;
    while (j < len && is_upper(s[j])) j++;
    return j - i >= 2 && (j == len || !(is_lower(s[j]) || (unsigned char)s[j] >= 0x80));
}

/* Is the code point starting at s[i] (of s[0..len)) a letter?  Its length
 * goes to *n.  ASCII letters without decoding; any script's letters too
 * ("Müller"). */
static int letter_at(const char *s, size_t len, size_t i, size_t *n) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *n = 1;
        return is_lower((char)b) || is_upper((char)b);
    }
    size_t j = i;
    uint32_t c = skein__utf8_next(s, len, &j);
    *n = j - i;
    return u_isalpha((UChar32)c) != 0;
}

/* The start of the code point that ends at s[i] (i > 0), stepping back
 * over continuation bytes. */
static size_t back_one(const char *s, size_t i) {
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    return j;
}

/* The words that stand alone in a text: each whole run of letters ("Putin"
 * in "Putin's", not in "PutinVladimir"), as spans of the text in an open
 * addressing set.  Built at the first glue point a text has, once: most
 * texts have none. */
typedef struct alone {
    const char *text;
    size_t len;
    uint32_t (*slot)[2]; /* offset and length of a run; length 0: empty */
    size_t mask;
    int built;
} alone;

static size_t alone_find(const alone *a, const char *w, size_t n) {
    size_t k = (size_t)skein__hash(w, n) & a->mask;
    for (;; k = (k + 1) & a->mask) {
        const uint32_t *e = a->slot[k];
        if (!e[1] || (e[1] == n && !memcmp(a->text + e[0], w, n))) return k;
    }
}

static int alone_build(alone *a) {
    size_t runs = 0, n;
    for (size_t i = 0; i < a->len;) { /* count the runs, to size the set */
        int in = 0;
        while (i < a->len && letter_at(a->text, a->len, i, &n)) i += n, in = 1;
        runs += (size_t)in;
        if (i < a->len && !in) i += n;
    }
    size_t cap = 16;
    while (cap < 2 * runs) cap *= 2;
    if (!(a->slot = calloc(cap, sizeof(*a->slot)))) return -1;
    a->mask = cap - 1, a->built = 1;
    for (size_t i = 0; i < a->len;) {
        size_t from = i;
        while (i < a->len && letter_at(a->text, a->len, i, &n)) i += n;
        if (i == from) {
            i += n;
            continue;
        }
        uint32_t *e = a->slot[alone_find(a, a->text + from, i - from)];
        e[0] = (uint32_t)from, e[1] = (uint32_t)(i - from);
    }
    return 0;
}

/* Does word w[0..n) stand alone somewhere in the text?  -1: out of memory. */
static int stands_alone(alone *a, const char *w, size_t n) {
    if (!a->built && alone_build(a)) return -1;
    return a->slot[alone_find(a, w, n)][1] != 0;
}

/* Is s[i] of a line s[0..len) a glue point: a capital after a lower-case
 * run of three or more ("PutinVladimir"), not after a short one ("McDonald",
 * "DeSantis")? */
static int glue_point(const char *s, size_t len, size_t i) {
    if (!is_upper(s[i]) || i < 3) return 0;
    size_t run = 0;
    while (run < i && is_lower(s[i - 1 - run])) run++;
    return glued_at(s, len, i, run);
}

/* Is the glue point at s[i] of a line (glued_at says it may be one) a split,
 * its word before and its word after both standing alone in the text?  A
 * word runs to the end of its letters or to another glue point
 * ("TrumpMcConnell": "Trump", "McConnell").  -1: out of memory. */
static int split_here(alone *a, const char *s, size_t len, size_t i) {
    size_t from = i, n;
    while (from > 0 && (from == i || !glue_point(s, len, from))) {
        size_t prev = back_one(s, from);
        if (!letter_at(s, len, prev, &n)) break;
        from = prev;
    }
    size_t to = i + 1;
    while (to < len && letter_at(s, len, to, &n) && !glue_point(s, len, to)) to += n;
    int before = stands_alone(a, s + from, i - from);
    if (before <= 0) return before;
    return stands_alone(a, s + i, to - i);
}

void skein__offmap_init(skein__offmap *m) { memset(m, 0, sizeof(*m)); }

void skein__offmap_release(skein__offmap *m) {
    free(m->clean), free(m->input);
    skein__offmap_init(m);
}

/* Byte `at` of the cleaned text comes from byte `from` of the input, and
 * the bytes after it from the bytes after that, until the next anchor.
 * Anchors at or past `at` (of a line dropped since) give way. */
static int anchor(skein__offmap *m, size_t at, size_t from) {
    if (!m) return 0;
    while (m->n && m->clean[m->n - 1] >= at) m->n--;
    if (m->n && m->input[m->n - 1] + (at - m->clean[m->n - 1]) == from) return 0; /* in step */
    size_t cap = m->cap;
    if (skein__grow((void **)&m->clean, &cap, m->n + 1, sizeof(*m->clean)) ||
        skein__grow((void **)&m->input, &m->cap, m->n + 1, sizeof(*m->input)))
        return -1;
    m->clean[m->n] = (uint32_t)at, m->input[m->n] = (uint32_t)from;
    m->n++;
    return 0;
}

size_t skein__offmap_input(const skein__offmap *m, size_t at) {
    size_t lo = 0, hi = m->n; /* the last anchor at or before `at` */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->clean[mid] <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? m->input[lo - 1] + (at - m->clean[lo - 1]) : at;
}

/* Keeps the map in step before a byte of input `from` is copied to output
 * `at`: an anchor when the two have moved apart since the last byte copied
 * (`delta`: output minus input offset then). */
static int follow(skein__offmap *m, ptrdiff_t *delta, size_t at, size_t from) {
    ptrdiff_t d = (ptrdiff_t)at - (ptrdiff_t)from;
    if (d == *delta) return 0;
    *delta = d;
    return anchor(m, at, from);
}

/* Rebuilds line s[0..len) (at byte `base` of the input) into `out`: blanks
 * folded, controls dropped, glued words split.  Plain ASCII letters and
 * digits, most of the bytes, are copied without decoding.  With `map`,
 * records where the copied bytes came from. */
static int rebuild_line(const char *s, size_t len, size_t base, sbuf *out, skein__offmap *map,
                        alone *words) {
    if (skein__sbuf_grow(out, len + len / 2 + 1))
        return -1; /* a split adds one byte per word at most */
    char *o = out->buf + out->len;
    size_t i = 0, lower_run = 0;
    ptrdiff_t delta = PTRDIFF_MIN;
    int space = 1; /* drop leading blanks */
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (lower_run >= 3 && glued_at(s, len, i, lower_run)) {
            int split = split_here(words, s, len, i);
            if (split < 0) return -1;
            if (split) *o++ = ' ';
        }
        if (b > 0x20 && b < 0x7F) { /* fast path: a run of printable ASCII */
            if (map && follow(map, &delta, (size_t)(o - out->buf), base + i)) return -1;
            space = 0;
            for (;;) { /* input and output move in step: the map needs no anchor */
                lower_run = is_lower((char)b) ? lower_run + 1 : 0;
                *o++ = (char)b, i++;
                /* lower case after lower case (most of a word): no glue to
                 * look for, only the range to test */
                if (lower_run)
                    while (i < len && is_lower(s[i])) *o++ = s[i++], lower_run++;
                if (i == len) break;
                b = (unsigned char)s[i];
                if (!(b > 0x20 && b < 0x7F) ||
                    (lower_run >= 3 && is_upper((char)b) && glued_at(s, len, i, lower_run)))
                    break; /* the loop's head splits it, or not */
            }
            continue;
        }
        if (b == ' ') { /* the commonest blank, without decoding */
            lower_run = 0, i++;
            if (!space) *o++ = ' ';
            space = 1;
            continue;
        }
        size_t start = i;
        uint32_t c = skein__utf8_next(s, len, &i);
        lower_run = 0;
        if (is_blank(c) || (c < 0x20 && c != 0)) {
            if (!space) *o++ = ' ';
            space = 1;
        } else if (!is_dropped(c)) {
            if (map && follow(map, &delta, (size_t)(o - out->buf), base + start)) return -1;
            memcpy(o, s + start, i - start);
            o += i - start, space = 0;
        }
    }
    while (o > out->buf + out->len && o[-1] == ' ') o--;
    out->len = (size_t)(o - out->buf);
    out->buf[out->len] = 0;
    return 0;
}

static int has_word_char(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        uint32_t c = skein__utf8_next(s, len, &i);
        if (c >= 0x80 && !(c >= 0x2000 && c <= 0x2BFF) && c != 0xA9 && c != 0xAE) return 1;
        if (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 1;
        if (c >= '0' && c <= '9') return 1;
    }
    return 0;
}

/* 1 when s starts with the lower-case `prefix`, ignoring case in any script. */
static int starts_with_folded(const char *s, size_t len, const char *prefix) {
    size_t i = 0, j = 0, plen = strlen(prefix);
    while (j < plen) {
        if (i >= len) return 0;
        uint32_t a = (uint32_t)u_tolower((UChar32)skein__utf8_next(s, len, &i));
        if (a != skein__utf8_next(prefix, plen, &j)) return 0;
    }
    return 1;
}

static int is_furniture(const char *s, size_t len) {
    if (!has_word_char(s, len)) return 1;
    if (len < 100 && memmem(s, len, "\xC2\xA9", 2)) return 1; /* © credit line */
    if (len > 48) return 0;
    for (const char *const *f = furniture; *f; f++)
        if (starts_with_folded(s, len, *f)) return 1;
    return 0;
}

int skein__clean(const char *s, size_t len, sbuf *out, skein__offmap *map) {
    skein__sbuf_reset(out);
    if (map) map->n = 0;
    if (skein__sbuf_grow(out, len)) return -1;
    alone words = {.text = s, .len = len};
    int rc = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        const char *cr = memchr(s + i, '\r', end - i);
        if (cr) end = (size_t)(cr - s);
        size_t mark = out->len;
        if (mark && (rc = skein__sbuf_addc(out, '\n'))) break;
        size_t line_at = out->len;
        if ((rc = rebuild_line(s + i, end - i, i, out, map, &words))) break;
        /* rebuild_line may have moved the buffer; mark is an offset, still valid */
        if (out->len == line_at || is_furniture(out->buf + line_at, out->len - line_at)) {
            out->len = mark;
            out->buf[mark] = 0;
        }
        i = end + 1;
    }
    free(words.slot);
    return rc ? -1 : 0;
}

int skein__title_quality(const char *s) {
    if (!s || !*s) return 0;
    /* lengths in characters: a Cyrillic headline is no longer than a Latin one */
    size_t bytes = strlen(s), n = 0;
    for (size_t i = 0; i < bytes; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    if (strstr(s, "://") || strstr(s, "www.") || strstr(s, "www .") || strstr(s, "http :") ||
        strstr(s, "https :") || strstr(s, " / / ") || strstr(s, " . com") || strstr(s, ".html"))
        return 0;
    if (n < 60 && (!strncmp(s, "By ", 3) || !strncmp(s, "BY ", 3))) return 0;
    if (n > 100 || (n > 60 && s[bytes - 1] == '.')) return 1;
    return 2;
}
