/* serve_http.h -- the parts of `skein serve` apart from its routes: a
 * growable text buffer for answers, and the server startable in-process
 * (the HTTP fuzz target drives it).  Request bodies are read by the
 * library (skein_json_batch_parse). */
#ifndef SKEIN_SERVE_HTTP_H
#define SKEIN_SERVE_HTTP_H

#include "skein.h"

#include <stdarg.h>
#include <stddef.h>

/* A growable NUL-terminated text buffer; {0} is empty.  On ENOMEM the
 * buffer is released and stays NULL, so one check at the end suffices. */
typedef struct sbuf_t {
    char *buf;
    size_t len, cap;
    int failed;
} sbuf_t;
void sbuf_vprintf(sbuf_t *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sbuf_printf(sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The server of `skein serve` (tools/cmd_serve.c), startable in-process
 * (the HTTP fuzz target drives it): listens on cfg->listen ("HOST:PORT",
 * port 0: any free one) with threads of its own.  NULL with a message on
 * stderr on failure.  serve_stop() stops it and closes the store. */
typedef struct serve_config {
    const char *db, *listen, *token_file;
    size_t max_body;
    unsigned max_connections, timeout_s;
    int read_only;         /* --read-only: no writer, writes get 503 */
    const char *advertise; /* --advertise: this server's address for others (NULL: its own) */
    unsigned threads;      /* for the articles of one commit (0: one) */
} serve_config;
typedef struct serve_server serve_server;
serve_server *serve_start(const serve_config *cfg);
unsigned serve_port(const serve_server *ss);
void serve_stop(serve_server *ss);

#endif
