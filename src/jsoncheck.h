/* jsoncheck.h -- where JSON text breaks, and what was expected there.
 *
 * cJSON says only where it stopped; a reader of a bad record wants to
 * know what should have come instead ("',' or '}'", "a key in double
 * quotes"), the way a compiler says it. */
#ifndef SKEIN_JSONCHECK_H
#define SKEIN_JSONCHECK_H

#include <stddef.h>

/* Checks that s[0..len) is one JSON value with only blanks around it.
 * Returns len when it is; else the offset of the first byte that cannot
 * be there (len when the text ends too soon), with *expected (static) saying
 * what could have come instead. */
size_t skein__json_check(const char *s, size_t len, const char **expected);

#endif
