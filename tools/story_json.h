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

/* Story `id` of store `st` told again, for a reader of `lang` (its headline,
 * lead and names in that language when one of its articles is in it; NULL:
 * the majority's), its growth as of the store's latest article: the record
 * into *out (malloc'd).  SKEIN_OK, SKEIN_ENOTFOUND (no such story) or the
 * store's or the teller's code. */
int story_told_again(skein_store *st, uint64_t id, const char *lang, char **out);

/* Formats Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" into buf (>= 32 bytes). */
void format_time(int64_t t, char *buf, size_t n);

#endif
