/* serve_routes.h -- the server of `skein serve` as its routes see it:
 * what a running server holds (cmd_serve.c starts and stops it) and the two
 * calls libmicrohttpd makes for every request (serve_routes.c answers). */
#ifndef SKEIN_SERVE_ROUTES_H
#define SKEIN_SERVE_ROUTES_H

#include "skein.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define MAX_TOKEN 512

/* ---- metrics ---------------------------------------------------------------- */

#define NBUCKETS 12 /* latency histogram buckets (serve_routes.c) */
enum {
    R_PAGE,
    R_HEALTH,
    R_METRICS,
    R_STORIES,
    R_STORY,
    R_COVERAGE,
    R_ARTICLE,
    R_POST,
    R_OTHER,
    NROUTES
};
#define NCODES 9 /* statuses counted (serve_routes.c) */

typedef struct metrics {
    atomic_ulong requests[NROUTES][NCODES];
    atomic_ulong hist[NROUTES][NBUCKETS + 1];
    atomic_ulong usec_sum[NROUTES];
    atomic_ulong posted, added, duplicates, rejected, ingest_usec;
} metrics;

/* ---- the server ------------------------------------------------------------- */

typedef struct server {
    const char *db;
    char token[MAX_TOKEN];
    int has_token;
    size_t max_body;
    pthread_mutex_t write_lock;
    skein_store *writer;
    unsigned threads; /* articles of one POST are prepared on this many */
    pthread_key_t reader_key;
    metrics m;
    time_t started;
} server;

/* libmicrohttpd's access handler and completion callback (cls: the server). */
enum MHD_Result serve_handle(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls);
void serve_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                     enum MHD_RequestTerminationCode toe);

/* Closes a connection thread's read-only store handle (a pthread key's destructor). */
void serve_close_reader(void *p);

#endif
