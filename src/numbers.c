/* numbers.c -- one spelling for numbers across languages.  See numbers.h. */
#include "numbers.h"

#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* Multiplier words, folded, with their power of ten.  A word matches when it
 * starts with the stem (тысяч matches тысячи, тысяча); the longest stem
 * wins (Italian milioni is a million, not Spanish mil).  Each stem's length
 * is counted by the compiler: the list is read for every number of every
 * text. */
#define M(stem, exp)                                                                               \
    { stem, sizeof(stem) - 1, exp }
static const struct {
    const char *stem;
    size_t len;
    int exp;
} multipliers[] = {
    M("thousand", 3), M("тысяч", 3),   M("ألف", 3),      M("آلاف", 3),    M("الف", 3),
    M("tausend", 3),  M("mille", 3),   M("mil", 3),      M("тис", 3),     M("million", 6),
    M("миллион", 6),  M("мільйон", 6), M("مليون", 6),    M("millón", 6),  M("millones", 6),
    M("mio", 6),      M("billion", 9), M("миллиард", 9), M("мільярд", 9), M("مليار", 9),
    M("milliard", 9), M("mrd", 9),     M("bn", 9),       M("mln", 6),     M("млн", 6),
    M("млрд", 9),     M("milion", 6),  M("milhão", 6),   M("milhõ", 6),   M("miljo", 6),
    M("milyon", 6),   M("miliard", 9), M("miljard", 9),  M("milyar", 9),  {NULL, 0, 0}};
#undef M

/* The power of ten of the longest multiplier stem w starts with, or 0. */
static int multiplier(const char *w, size_t len) {
    size_t best = 0;
    int exp = 0;
    for (int i = 0; w && multipliers[i].stem; i++) {
        size_t n = multipliers[i].len;
        if (n > best && len >= n && w[0] == multipliers[i].stem[0] &&
            memcmp(w, multipliers[i].stem, n) == 0 && len - n <= 6)
            best = n, exp = multipliers[i].exp;
    }
    return exp;
}

/* Digit value of ASCII or Arabic-Indic (U+0660..9, U+06F0..9) digits, or -1. */
static int digit(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 0x660 && c <= 0x669) return (int)(c - 0x660);
    if (c >= 0x6F0 && c <= 0x6F9) return (int)(c - 0x6F0);
    return -1;
}

static int is_sep(uint32_t c) {
    return c == ',' || c == '.' || c == '\'' || c == 0x66B || c == 0x66C || c == 0x202F ||
           c == 0xA0;
}

/* Splits w into digit runs (digits in `d`, run lengths in `runs`). */
static int split(const char *w, size_t len, char *d, size_t *nd, size_t *runs, size_t *nruns) {
    size_t i = 0;
    *nd = *nruns = 0;
    runs[0] = 0;
    while (i < len) {
        uint32_t c = skein__utf8_next(w, len, &i);
        int v = digit(c);
        if (v >= 0) {
            if (*nd >= 24) return -1;
            d[(*nd)++] = (char)('0' + v);
            runs[*nruns]++;
        } else if (is_sep(c) && runs[*nruns] > 0 && *nruns < 7) {
            runs[++*nruns] = 0;
        } else {
            return -1;
        }
    }
    if (*nd == 0 || runs[*nruns] == 0) return -1;
    (*nruns)++;
    return 0;
}

size_t skein__number_norm(const char *w, size_t len, const char *next, size_t next_len, char *out) {
    char d[25];
    size_t nd, runs[8], nruns;
    if (split(w, len, d, &nd, runs, &nruns)) return 0;
    int grouped = nruns > 1;
    for (size_t r = 1; r < nruns; r++) grouped &= runs[r] == 3;
    size_t int_digits =
        (nruns == 2 && !grouped) ? runs[0] : nd; /* one non-group separator: decimal */
    int exp = multiplier(next, next_len);
    /* Scale by moving the decimal point right, padding with zeros. */
    char buf[40];
    size_t n = 0, point = int_digits + (size_t)exp;
    for (size_t i = 0; i < nd || i < point; i++) {
        if (i == point && i < nd) buf[n++] = '.';
        buf[n++] = i < nd ? d[i] : '0';
    }
    while (n > 1 && memchr(buf, '.', n) && (buf[n - 1] == '0' || buf[n - 1] == '.')) n--;
    size_t lead = 0; /* leading zeros, keeping "0.5" */
    while (lead + 1 < n && buf[lead] == '0' && buf[lead + 1] != '.') lead++;
    n -= lead;
    if (n >= 32) return 0;
    memcpy(out, buf + lead, n);
    out[n] = 0;
    return n;
}
