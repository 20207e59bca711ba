/* jsondoc.h -- what the JSON readers share (reader.c: one article;
 * jsondoc.c: a document of them). */
#ifndef SKEIN_JSONDOC_H
#define SKEIN_JSONDOC_H

#include "skein.h"

#include <cjson/cJSON.h>

/* cJSON's parse, serialised: cJSON keeps the place of its last error in a
 * global it writes on every parse.  *end gets where the parse stopped (at
 * the error, on failure).  Every parse in the library goes through here. */
cJSON *skein__json_parse(const char *json, size_t len, const char **end);

/* An article from the parsed object `o`, which *out then owns (on failure
 * it is freed).  Status and cause as skein_json_article_parse. */
int skein__json_article_take(cJSON *o, skein_json_article *out, skein_error *err);

#endif
