/* utf8.h -- UTF-8 validation, decoding and safe cutting.
 *
 * The JSON parser does not check UTF-8, so every text entering skein passes
 * through skein__utf8_check first; everything downstream may assume valid
 * UTF-8.  Overlong forms, surrogates and code points past U+10FFFF are
 * invalid. */
#ifndef SKEIN_UTF8_H
#define SKEIN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns `len` when s[0..len) is valid UTF-8, else the offset of the first
 * byte of the first invalid sequence. */
size_t skein__utf8_check(const char *s, size_t len);

/* Decodes one code point at s[*i], advancing *i.  Invalid bytes decode as
 * U+FFFD and advance by one. */
uint32_t skein__utf8_next(const char *s, size_t len, size_t *i);

/* Writes the UTF-8 form of `cp` into out (4 bytes); returns its length. */
size_t skein__utf8_put(uint32_t cp, char out[4]);

/* Largest n <= max such that s[0..n) ends on a character boundary. */
size_t skein__utf8_cut(const char *s, size_t len, size_t max);

#endif
