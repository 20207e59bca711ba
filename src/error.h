/* error.h -- filling a caller's skein_error (skein.h): the status, the cause
 * in words, and where in the input. */
#ifndef SKEIN_ERROR_H
#define SKEIN_ERROR_H

#include "skein.h"

/* Clears *err (NULL: nothing to do). */
void skein__error_clear(skein_error *err);

/* Fills *err (may be NULL) with code, field and a printf-style message;
 * returns code. */
int skein__fail(skein_error *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets where: byte `offset` of input[0..len), as line and column (columns
 * count characters from 1). */
void skein__error_at(skein_error *err, const char *input, size_t len, size_t offset);

#endif
