/* utf8.c -- UTF-8 validation, decoding, cutting.  See utf8.h. */
#include "utf8.h"

#include <string.h>

/* Length of the sequence starting at s[i] when valid, else 0. */
static size_t seq_len(const unsigned char *s, size_t len, size_t i) {
    unsigned c = s[i];
    if (c < 0x80) return 1;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!n || c > 0xF4 || i + n > len) return 0;
    for (size_t k = 1; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80) return 0;
    unsigned c1 = s[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0; /* overlong */
    if (c == 0xED && c1 > 0x9F) return 0; /* surrogate */
    if (c == 0xF0 && c1 < 0x90) return 0; /* overlong */
    if (c == 0xF4 && c1 > 0x8F) return 0; /* > U+10FFFF */
    return n;
}

size_t skein__utf8_check(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII, most of news text, eight bytes at a time */
        uint64_t w;
        while (i + 8 <= len && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ull))) i += 8;
        if (i == len) break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = seq_len(u, len, i);
        if (!n) return i;
        i += n;
    }
    return len;
}

uint32_t skein__utf8_next(const char *s, size_t len, size_t *i) {
    const unsigned char *u = (const unsigned char *)s;
    size_t n = seq_len(u, len, *i);
    uint32_t c = u[*i];
    if (!n) {
        (*i)++;
        return 0xFFFD;
    }
    if (n == 1) {
        (*i)++;
        return c;
    }
    c &= 0x3Fu >> (n - 1);
    for (size_t k = 1; k < n; k++) c = (c << 6) | (u[*i + k] & 0x3F);
    *i += n;
    return c;
}

size_t skein__utf8_put(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t skein__utf8_cut(const char *s, size_t len, size_t max) {
    if (len <= max) return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}
