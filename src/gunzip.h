/* gunzip.h -- gzip-compressed bytes (a page as some servers and archives
 * keep it) inflated with zlib, never past a cap.
 *
 * A gzip bomb inflates a thousandfold: the output is bounded as it is
 * written, not checked afterwards.  Concatenated members are read one after
 * the other, as gzip(1) does. */
#ifndef SKEIN_GUNZIP_H
#define SKEIN_GUNZIP_H

#include <stddef.h>

#include "util.h"

/* 1 when s[0..len) starts with the gzip magic bytes 1f 8b. */
int skein__is_gzip(const char *s, size_t len);

/* Inflates the gzip data in[0..len) into `out` (reset first), at most `cap`
 * bytes.  Returns SKEIN_OK; SKEIN_ETOOBIG when the output reached the cap
 * (out holds its first `cap` bytes); SKEIN_EPARSE when the data is corrupt
 * or ends early (out holds what came before the fault); SKEIN_ENOMEM. */
int skein__gunzip(const char *in, size_t len, size_t cap, sbuf *out);

#endif
