/* serve_http.h -- the parts of `skein serve` that read what a client sends:
 * request bodies of articles, and a growable text buffer for answers.  Apart
 * from the server so that they can be tested and fuzzed on their own. */
#ifndef SKEIN_SERVE_HTTP_H
#define SKEIN_SERVE_HTTP_H

#include "skein.h"

#include <stdarg.h>
#include <stddef.h>

/* The articles of one request body, parsed and checked. */
typedef struct serve_batch {
    skein_json_article *items;
    size_t n;
} serve_batch;

/* Why a body was refused: a message, the field (or NULL) and the line (JSON
 * lines), array item or 0. */
typedef struct serve_error {
    char message[320];
    const char *field;
    long line;
} serve_error;

/* Parses a body of one JSON object, an array of objects, or JSON lines
 * (blank lines skipped) into articles.  The whole body is refused (-1, *err
 * set) at the first unusable item: bad JSON, not an object, invalid UTF-8,
 * no id, a field of the wrong type, no articles at all.  0 on success; then
 * release the batch. */
int serve_parse_body(const char *body, size_t len, serve_batch *out, serve_error *err);
void serve_batch_release(serve_batch *b);

/* A growable NUL-terminated text buffer; {0} is empty.  On ENOMEM the
 * buffer is released and stays NULL, so one check at the end suffices. */
typedef struct sbuf_t {
    char *buf;
    size_t len, cap;
    int failed;
} sbuf_t;
void sbuf_vprintf(sbuf_t *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The server of `skein serve` (tools/cmd_serve.c), startable in-process
 * (the HTTP fuzz target drives it): listens on cfg->listen ("HOST:PORT",
 * port 0: any free one) with threads of its own.  NULL with a message on
 * stderr on failure.  serve_stop() stops it and closes the store. */
typedef struct serve_config {
    const char *db, *listen, *token_file;
    size_t max_body;
    unsigned max_connections, timeout_s;
} serve_config;
typedef struct serve_server serve_server;
serve_server *serve_start(const serve_config *cfg);
unsigned serve_port(const serve_server *ss);
void serve_stop(serve_server *ss);

#endif
