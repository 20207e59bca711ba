/* input.h -- reading articles for the CLI: JSON lines, .txt folders, stdin.
 *
 * Each input yields articles one at a time with a location ("file:line") for
 * messages.  Lines over the cap are skipped without being held in memory. */
#ifndef SKEIN_INPUT_H
#define SKEIN_INPUT_H

#include "skein.h"

#include <stdio.h>

typedef struct input input;

/* Opens `path` ("-" for stdin; a directory for a folder of .txt files).
 * NULL with a message on stderr on failure. */
input *input_open(const char *path, size_t max_line);
void input_close(input *in);

/* Reads the next article into *ja.  Returns 1 when one was read, 0 at the
 * end, or a negative skein_status for a bad record (skipped: call again),
 * with its cause in *err.  input_where() tells where ("file:line", or
 * "file:line:column" when the cause has a column). */
int input_next(input *in, skein_json_article *ja, skein_error *err);
const char *input_where(const input *in);

/* Reads one line of at most `max` bytes into a growing buffer (*buf, *cap).
 * Returns its length, -1 at end of file, or -2 when the line was longer than
 * `max` (it is consumed and dropped).  The newline is not kept. */
long input_read_line(FILE *f, char **buf, size_t *cap, size_t max);

/* A .txt file's bytes buf[0..len) (NUL-terminated at len) as an article:
 * the first non-empty line is the title, the rest the text; the id is
 * `name` without ".txt", cut to fit id[id_cap].  Strings point into buf
 * (changed in place) and id.  1, or SKEIN_EEMPTY (no bytes), SKEIN_EUTF8
 * (NUL bytes: not text); other checks are the engine's. */
int input_txt_article(char *buf, size_t len, const char *name, char *id, size_t id_cap,
                      skein_json_article *ja);

#endif
