/* serve_commit.h -- group commit of `skein serve`: the articles of
 * concurrent POSTs linked and committed together, each request answered
 * after the commit that holds its articles (serve_commit.c). */
#ifndef SKEIN_SERVE_COMMIT_H
#define SKEIN_SERVE_COMMIT_H

#include "skein.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct server;
struct sbuf_t;

/* One article's outcome: rc SKEIN_OK with the story it joined, or why it
 * was refused (rc as skein_store_add's, reason the store's words). */
typedef struct serve_result {
    int rc;
    uint64_t story;
    char *reason; /* NULL for SKEIN_OK; owned by the post */
} serve_result;

/* What became of a post's articles. */
enum {
    POST_COMMITTED,  /* every article has its result, durable when refused or not */
    POST_NOT_WRITER, /* this server does not write the store: nothing was kept */
    POST_FAILED      /* the store could not link or commit: nothing was kept (why) */
};

/* One request's articles on their way to a commit.  The caller owns it and
 * the articles; serve_commit() fills the rest. */
typedef struct serve_post {
    const skein_article *arts; /* n, linked in this order */
    size_t n, bytes;           /* bytes: the request body's, to bound a group */
    serve_result *results;     /* n */
    size_t added, refused;
    int status;    /* POST_* */
    char why[600]; /* POST_FAILED: the store's words */
    int done;
    pthread_cond_t cv;
    struct serve_post *next;
} serve_post;

/* The queue of posts waiting for the committer thread, and its counters. */
typedef struct serve_committer {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    serve_post *head, *tail;
    size_t queued; /* posts in the queue */
    int stopping, running;
    pthread_t thread;
    atomic_ulong commits, requests, articles, stories, largest;
} serve_committer;

/* Readies p for arts[0..n) (bytes: the body's size); SKEIN_ENOMEM. */
int serve_post_init(serve_post *p, const skein_article *arts, size_t n, size_t bytes);
/* Frees what p holds (not the articles). */
void serve_post_release(serve_post *p);

/* Queues p and waits until its articles are committed, or refused as a
 * whole (p->status).  Any thread; the server's committer runs the group. */
void serve_commit(struct server *sv, serve_post *p);

/* Starts and stops the committer thread.  Stop only once no request can
 * still queue (after the HTTP daemon is stopped); accepts a server whose
 * committer never started. */
int serve_committer_start(struct server *sv);
void serve_committer_stop(struct server *sv);

/* The committer's counters in Prometheus' text format, appended to b. */
void serve_commit_metrics(struct server *sv, struct sbuf_t *b);

#endif
