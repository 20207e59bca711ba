/* story_json.h -- the JSON line printed for a story (cluster, stories). */
#ifndef SKEIN_STORY_JSON_H
#define SKEIN_STORY_JSON_H

#include "skein.h"

#include <stdio.h>

/* Writes one JSON line for `s` to `f`.  Returns 0 or -1. */
int story_json_write(FILE *f, const skein_story *s);

/* Writes a story for people: headline, size, languages, then one indented
 * line per article.  Returns 0 or -1. */
int story_text_write(FILE *f, const skein_story *s);

/* Writes `s` as a JSON string literal (quoted, escaped) to `f`. */
void json_write_string(FILE *f, const char *s);

/* Formats Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 32 bytes). */
void format_time(int64_t t, char *buf, size_t n);

#endif
