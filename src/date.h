/* date.h -- publication times as pages, feeds and crawler records write them, into Unix time.
 *
 * Metadata mostly holds ISO 8601 ("2019-11-19T13:03:00.000Z", "+0000",
 * "2019-11-19 13:03:00 -0500"); some holds RFC 822 ("Tue, 19 Nov 2019
 * 13:03:00 GMT"), Unix seconds or milliseconds, or English ("November 19,
 * 2019 1:03 PM EST").  A time without a zone is taken as UTC.  Years
 * outside 1990-2100 are refused: a page was not published then. */
#ifndef SKEIN_DATE_H
#define SKEIN_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Parses s[0..len) into Unix seconds in *out.  Returns 0, or -1 when it
 * is not a date this reads. */
int skein__date_parse(const char *s, size_t len, int64_t *out);

#endif
