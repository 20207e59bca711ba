/* numbers.h -- numbers written differently in different languages, made one.
 *
 * "94,000", "94 000", "94 thousand", "94 тысячи", "94 ألف" and "٩٤ ألف" all
 * become "94000"; "6,1" and "6.1" become "6.1".  A group separator is a comma,
 * dot, apostrophe or thin space followed by exactly three digits; any other
 * single separator is a decimal mark.  Multiplier words (thousand, million,
 * billion in the languages skein stems) scale the number before them. */
#ifndef SKEIN_NUMBERS_H
#define SKEIN_NUMBERS_H

#include <stddef.h>

/* Normalises the number token w[0..len) (ASCII or Arabic-Indic digits),
 * scaled by the word after it, `next` (folded, may be NULL), into out
 * (at least 32 bytes).  Returns its length, or 0 when w is not a number. */
size_t skein__number_norm(const char *w, size_t len, const char *next, size_t next_len, char *out);

#endif
