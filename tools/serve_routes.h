/* serve_routes.h -- the server of `skein serve` as its routes see it:
 * what a running server holds (cmd_serve.c starts and stops it) and the two
 * calls libmicrohttpd makes for every request (serve_routes.c answers). */
#ifndef SKEIN_SERVE_ROUTES_H
#define SKEIN_SERVE_ROUTES_H

#include "skein.h"

#include "serve_commit.h"

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
    R_NAMES,
    R_NAME,
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

/* What a server does with the store (serve_role.c): writes it, waits to (a
 * standby: another server holds a shared store's writer lock), or only
 * reads it (--read-only). */
enum { ROLE_WRITER, ROLE_STANDBY, ROLE_READER };

typedef struct server {
    const char *db;
    char token[MAX_TOKEN];
    int has_token;
    size_t max_body;
    int shared;        /* the store is a PostgreSQL database others may write */
    char address[300]; /* where this server answers, as the writer tells others */
    pthread_mutex_t write_lock;
    skein_store *writer; /* NULL unless the role is ROLE_WRITER */
    atomic_int role;
    atomic_ulong takeovers; /* times this server became the writer after waiting */
    atomic_int stopping;
    int keeper_running;
    pthread_t keeper; /* a standby's: takes over when the writer's lock is free */
    unsigned threads; /* the articles of one commit are prepared on this many */
    pthread_key_t reader_key;
    serve_committer committer; /* posted articles, committed in groups */
    /* called after each commit of posted articles, under write_lock (which
     * also guards setting it): the webhooks' thread is woken */
    void (*on_commit)(void *ud);
    void *on_commit_ud;
    metrics m;
    time_t started;
} server;

/* serve_role.c: opens the writer into sv->writer: SKEIN_OK, SKEIN_EBUSY
 * (another writer holds the store), or another status with the cause in
 * `why` (n bytes).  Under write_lock, or before the server runs. */
int serve_writer_open(server *sv, uint64_t *replayed, char *why, size_t n);
/* Closes the writer (a failed one commits nothing) and opens it again: the
 * engine is restored from what was committed.  A shared store's writer
 * that cannot have it back waits as a standby.  Under write_lock. */
void serve_writer_reopen(server *sv);
/* The writer (NULL while there is none), opened again first when a commit
 * made through it elsewhere -- by the feeds' thread -- failed: a failed
 * store takes no more articles, and a commit with nothing pending tells so
 * at no cost.  Under write_lock. */
skein_store *serve_writer_mended(server *sv);
/* Tells the store where its writer answers (sv->address). */
void serve_writer_announce(server *sv);
/* The role's name ("writer", "standby", "reader"). */
const char *serve_role_name(const server *sv);
/* A shared store's standby loop: tries for the writer's lock every 200 ms
 * until it is this server's, then stays ready to take it again. */
int serve_keeper_start(server *sv);
void serve_keeper_stop(server *sv);

/* libmicrohttpd's access handler and completion callback (cls: the server). */
enum MHD_Result serve_handle(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls);
void serve_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                     enum MHD_RequestTerminationCode toe);

/* Closes a connection thread's read-only store handle (a pthread key's destructor). */
void serve_close_reader(void *p);

#endif
