/* charset.h -- a page's bytes as valid UTF-8, whatever charset it came in.
 *
 * Which charset follows the HTML standard's order: a byte-order mark; the
 * charset of the HTTP Content-Type; a <meta> declaration in the first 1024
 * bytes; then the bytes themselves -- valid UTF-8 is taken as UTF-8, other
 * bytes go to ICU's detector (ucsdet, markup filtered out).  Labels are
 * read as browsers read them (iso-8859-1 means windows-1252, gb2312 and gbk
 * mean GB18030).  A label that contradicts the bytes loses: a page declared
 * windows-1251 whose bytes are valid UTF-8 is UTF-8 (but for charsets
 * written in ASCII bytes: ISO-2022, UTF-7, HZ), and a page declared UTF-8
 * whose bytes mostly are not is detected.
 * Conversion is ICU's (ucnv); bytes that do not convert become U+FFFD, and
 * NUL bytes are dropped (the HTML parser would stop at one).  Thread-safe:
 * each call opens its own converter and detector. */
#ifndef SKEIN_CHARSET_H
#define SKEIN_CHARSET_H

#include <stddef.h>

#include "util.h"

/* Where the charset came from. */
typedef enum skein__charset_from {
    SKEIN__CS_BOM,     /* a byte-order mark */
    SKEIN__CS_HEADER,  /* the HTTP Content-Type */
    SKEIN__CS_META,    /* <meta charset> or http-equiv */
    SKEIN__CS_VALID,   /* no usable label; the bytes are valid UTF-8 */
    SKEIN__CS_DETECTED /* ICU's detector */
} skein__charset_from;

typedef struct skein__charset {
    char name[40]; /* the charset converted from, e.g. "windows-1256" */
    skein__charset_from from;
} skein__charset;

/* Converts in[0..len) to UTF-8.  `content_type` is the HTTP header's value
 * or NULL.  On success *text (len *text_len, not NUL-terminated when it
 * points into `in`) is valid UTF-8 without NUL bytes: it points into `in`
 * when the bytes were that already (a UTF-8 BOM skipped), else into `buf`
 * (reset first; the caller owns and releases it).  `cs` says what was
 * used.  Returns SKEIN_OK, SKEIN_ENOMEM, or SKEIN_EINTERNAL when ICU fails
 * (an unknown label is not an error: the bytes are detected instead). */
int skein__charset_to_utf8(const char *in, size_t len, const char *content_type, sbuf *buf,
                           const char **text, size_t *text_len, skein__charset *cs);

#endif
