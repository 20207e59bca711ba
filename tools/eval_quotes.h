/* eval_quotes.h -- `skein eval --quotes GOLD`: quote extraction measured
 * against a gold set of articles with their quotes. */
#ifndef SKEIN_EVAL_QUOTES_H
#define SKEIN_EVAL_QUOTES_H

/* Prints precision and recall (text alone; speaker + text) as one JSON
 * object.  Returns the exit status: 0, or 1 when nothing could be read. */
int eval_quotes(const char *path);

#endif
