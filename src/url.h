/* url.h -- web addresses as the read stage needs them: a canonical link
 * resolved against the page's address, and the host that names an outlet.
 *
 * Only absolute http and https addresses come out; anything else (a
 * javascript: link, a relative link with nothing to resolve it against, a
 * host with characters no host has) is refused.  Resolution follows RFC
 * 3986 for the forms pages use: "//host/path", "/path", "path", "?query";
 * dot segments are not collapsed. */
#ifndef SKEIN_URL_H
#define SKEIN_URL_H

#include <stddef.h>

#include "util.h"

/* Appends to `out` (reset first) the absolute address `ref` names, read
 * relative to `base` (may be NULL).  Blanks around ref are ignored; a
 * fragment is dropped.  Returns 0, or -1 when there is no absolute http(s)
 * address (out is then empty) or on ENOMEM. */
int skein__url_resolve(const char *base, const char *ref, sbuf *out);

/* Writes into `host` (cap bytes) the outlet's host name of absolute
 * address `url`: lower-cased, without port or user, without a leading
 * "www.", "www2.", "m.", "mobile." or "amp." when a name of two labels or
 * more remains ("https://www.Reuters.com:443/x" -> "reuters.com").
 * Returns 0, or -1 when url has no usable host. */
int skein__url_host(const char *url, char *host, size_t cap);

#endif
