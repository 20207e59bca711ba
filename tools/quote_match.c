/* quote_match.c -- when a found quote is a gold one, and its speaker the
 * gold speaker (quote_match.h). */
#include "quote_match.h"

#include <stdlib.h>
#include <string.h>

/* Letters and digits of s, ASCII lower-cased, into a new string. */
static char *squeeze(const char *s) {
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    if (!o) return NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c >= 0x80) {
            /* keep letters of other scripts; drop typographic punctuation (U+2000..U+206F) and
             * Latin-1 punctuation */
            if (c[0] == 0xE2 && c[1] >= 0x80 && c[1] <= 0x81 && c[2]) {
                c += 2;
                continue;
            }
            if (c[0] == 0xC2 && c[1]) {
                c += 1;
                continue;
            }
            *p++ = (char)*c;
        } else if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z')) {
            *p++ = (char)*c;
        } else if (*c >= 'A' && *c <= 'Z') {
            *p++ = (char)(*c + 32);
        }
    }
    *p = 0;
    return o;
}

int quote_text_match(const char *gold, const char *pred) {
    char *a = squeeze(gold), *b = squeeze(pred);
    int ok = 0;
    if (a && b && *a && *b) {
        size_t na = strlen(a), nb = strlen(b);
        const char *big = na >= nb ? a : b, *small = na >= nb ? b : a;
        size_t ns = na < nb ? na : nb, nbig = na >= nb ? na : nb;
        ok = !strcmp(a, b) || (strstr(big, small) && ns * 10 >= nbig * 8);
    }
    free(a), free(b);
    return ok;
}

/* Is [b, e) a generational suffix ("Jr", "Sr", "II", "III", "IV"), which
 * is no surname: "L. Brent Bozell III" is the text's Bozell? */
static int suffix_word(const char *b, const char *e) {
    static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv"};
    size_t n = (size_t)(e - b);
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        if (strlen(suffixes[i]) != n) continue;
        size_t k = 0;
        while (k < n && (b[k] | 0x20) == suffixes[i][k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

/* The last word of a name, generational suffixes left out, ASCII
 * lower-cased and with its apostrophes straight (a transcript's "PENCE:" is
 * Mike Pence; CoreNLP's O'Donnell is the text's O’Donnell), into buf (at
 * most cap - 1 bytes); its length. */
static size_t last_word(const char *s, char *buf, size_t cap) {
    const char *e = s + strlen(s), *b;
    for (;;) {
        while (e > s && (e[-1] == ' ' || e[-1] == '.' || e[-1] == ',')) e--;
        b = e;
        while (b > s && b[-1] != ' ') b--;
        if (b == s || !suffix_word(b, e)) break;
        e = b;
    }
    size_t n = 0;
    for (const char *p = b; p < e && n + 1 < cap; p++) {
        if (e - p >= 3 && !memcmp(p, "\xE2\x80\x99", 3)) {
            buf[n++] = '\'', p += 2;
            continue;
        }
        buf[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
    }
    buf[n] = 0;
    return n;
}

static size_t code_points(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

int quote_speaker_match(const char *gold, const char *pred) {
    if (!gold || !pred) return !gold && !pred;
    char a[256], b[256];
    size_t na = last_word(gold, a, sizeof(a)), nb = last_word(pred, b, sizeof(b));
    size_t common = 0, cp = 0;
    while (common < na && common < nb && a[common] == b[common]) {
        cp += ((unsigned char)a[common] & 0xC0) != 0x80;
        common++;
    }
    size_t ca = code_points(a, na), cb = code_points(b, nb), shorter = ca < cb ? ca : cb;
    if (na == nb && common == na) return 1;
    return shorter >= 4 && cp + 2 >= (ca > cb ? ca : cb) && cp >= 3;
}
