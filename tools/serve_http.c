/* serve_http.c -- answer buffers of `skein serve`. */
#include "serve_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sbuf_vprintf(sbuf_t *b, const char *fmt, va_list ap) {
    if (b->failed) return;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n < 0 || b->len + (size_t)n + 1 > b->cap) {
        size_t cap = n < 0 ? 0 : (b->len + (size_t)n + 1) * 2;
        char *p = cap ? realloc(b->buf, cap) : NULL;
        if (!p) {
            free(b->buf);
            b->buf = NULL, b->len = b->cap = 0, b->failed = 1;
            return;
        }
        b->buf = p, b->cap = cap;
    }
    vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
    b->len += (size_t)n;
}

void sbuf_printf(sbuf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}
