/* error.c -- filling a caller's skein_error.  See error.h. */
#include "error.h"

#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void skein__error_clear(skein_error *err) {
    if (err) memset(err, 0, sizeof(*err));
}

int skein__fail(skein_error *err, int code, const char *field, const char *fmt, ...) {
    if (!err) return code;
    err->code = code;
    err->field = field;
    err->message[0] = 0;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
        /* a message cut at its size ends on a whole character (and is UTF-8 throughout) */
        err->message[skein__utf8_check(err->message, strlen(err->message))] = 0;
    }
    return code;
}

void skein__error_at(skein_error *err, const char *input, size_t len, size_t offset) {
    if (!err) return;
    if (offset > len) offset = len;
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (input[i] == '\n')
            line++, column = 1;
        else if (((unsigned char)input[i] & 0xC0) != 0x80)
            column++; /* not a continuation byte */
    }
    err->line = line, err->column = column, err->offset = offset;
}
