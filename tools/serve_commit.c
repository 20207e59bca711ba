/* serve_commit.c -- group commit of `skein serve`: concurrent POSTs share
 * one commit.
 *
 * A commit costs an fsync and a re-telling of every story that changed,
 * whatever the number of articles in it, so committing each request on
 * its own caps a service fed one article a request at a few hundred
 * requests a second.  Here a request's thread queues its parsed articles
 * and waits; one committer thread takes everything pending, in arrival
 * order (up to GROUP_MAX_ARTICLES articles and GROUP_MAX_BYTES of bodies,
 * at least one request), prepares the articles on the server's threads,
 * links them in that order under the write lock, commits once, and only
 * then wakes each request with its own results.  A lone client is never
 * kept waiting for company: its request is committed at once, and the
 * requests that arrive during a commit form the next group.  But after a
 * commit that answered several requests, the committer waits a little
 * (up to LINGER_US) for as many to be queued again: else clients that
 * post one after another split into a large group and the one request that
 * came during its commit, committed alone -- measured in `make bench-serve`
 * (16 connections), groups of 15 and 1 alternated, two commits (two fsyncs,
 * two tellings of the changed stories) where one would do.
 *
 * A refused article (bad fields, a duplicate) changes nothing and is
 * answered in its own request only.  When the store fails while linking
 * (SKEIN_EDB, SKEIN_ENOMEM) nothing of the group is kept: the writer is
 * opened again (the engine restored from the last commit), the request
 * whose article failed is answered 503 and the others are linked again
 * once.  A failed commit fails the whole group with 503, as it did a lone
 * request: nothing of it was kept. */
#include "serve_commit.h"

#include "serve_http.h"
#include "serve_routes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GROUP_MAX_ARTICLES 1000
#define GROUP_MAX_BYTES (8u << 20)
#define LINGER_US 2000 /* at most, after a commit of several requests */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int serve_post_init(serve_post *p, const skein_article *arts, size_t n, size_t bytes) {
    memset(p, 0, sizeof(*p));
    p->arts = arts, p->n = n, p->bytes = bytes;
    if (!(p->results = calloc(n ? n : 1, sizeof(*p->results)))) return SKEIN_ENOMEM;
    if (pthread_cond_init(&p->cv, NULL)) {
        free(p->results);
        p->results = NULL;
        return SKEIN_ENOMEM;
    }
    return SKEIN_OK;
}

static void clear_results(serve_post *p) {
    for (size_t i = 0; i < p->n; i++) {
        free(p->results[i].reason);
        memset(&p->results[i], 0, sizeof(p->results[i]));
    }
    p->added = p->refused = 0;
}

void serve_post_release(serve_post *p) {
    if (!p->results) return;
    clear_results(p);
    free(p->results);
    p->results = NULL;
    pthread_cond_destroy(&p->cv);
}

/* ---- one group ------------------------------------------------------------------ */

/* Has the writer prepare the group's articles on the server's threads (the
 * adds that follow only link them).  A failure only costs time. */
static void prepare_group(server *sv, serve_post *g, size_t total) {
    if (sv->threads < 2 || total < 2) return;
    const skein_article **a = malloc(total * sizeof(*a));
    if (!a) return;
    size_t k = 0;
    for (serve_post *p = g; p; p = p->next)
        for (size_t i = 0; p->status != POST_FAILED && i < p->n; i++) a[k++] = &p->arts[i];
    skein_store_prepare_start(sv->writer, a, k, sv->threads);
    free(a); /* the engine keeps the articles' addresses, not the array */
}

/* Links one post's articles; SKEIN_EDB or SKEIN_ENOMEM stops it. */
static int link_post(server *sv, serve_post *p) {
    clear_results(p);
    for (size_t i = 0; i < p->n; i++) {
        serve_result *r = &p->results[i];
        r->rc = skein_store_add(sv->writer, &p->arts[i], &r->story);
        if (r->rc == SKEIN_EDB || r->rc == SKEIN_ENOMEM) return r->rc;
        if (r->rc == SKEIN_OK) {
            p->added++;
        } else {
            r->reason = strdup(skein_store_errmsg(sv->writer));
            p->refused++;
        }
    }
    return SKEIN_OK;
}

/* Links the group's posts that have not failed, in order, and commits
 * them.  *bad: the post whose article the store failed on (NULL when the
 * commit failed).  Under the write lock. */
static int link_group(server *sv, serve_post *g, serve_post **bad) {
    size_t total = 0;
    for (serve_post *p = g; p; p = p->next)
        if (p->status != POST_FAILED) total += p->n;
    *bad = NULL;
    if (!serve_writer_mended(sv)) serve_writer_reopen(sv); /* none since a failure */
    if (!sv->writer) return SKEIN_EDB;
    prepare_group(sv, g, total);
    int rc = SKEIN_OK;
    for (serve_post *p = g; !rc && p; p = p->next)
        if (p->status != POST_FAILED && (rc = link_post(sv, p))) *bad = p;
    skein_store_prepare_wait(sv->writer); /* before the articles are freed */
    return rc ? rc : skein_store_commit(sv->writer);
}

static void fail(serve_post *p, const char *why) {
    clear_results(p);
    p->status = POST_FAILED;
    snprintf(p->why, sizeof(p->why), "%s", why);
}

/* The stories changed by the commit that kept group g: the stories its
 * articles joined, in id order without repeats (stories the engine closed
 * meanwhile are reported through skein_store_on_story).  A notifier of
 * changed stories hooks in here: they are counted and sv->on_commit (the
 * webhooks') is called.  Under the write lock, so commits are seen in their
 * order. */
static void committed(server *sv, const uint64_t *stories, size_t n) {
    (void)stories;
    atomic_fetch_add(&sv->committer.stories, n);
    if (sv->on_commit) sv->on_commit(sv->on_commit_ud);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void group_committed(server *sv, serve_post *g) {
    size_t total = 0, n = 0, requests = 0;
    for (serve_post *p = g; p; p = p->next) total += p->status == POST_COMMITTED ? p->added : 0;
    uint64_t *ids = malloc((total ? total : 1) * sizeof(*ids));
    for (serve_post *p = g; ids && p; p = p->next)
        for (size_t i = 0; p->status == POST_COMMITTED && i < p->n; i++)
            if (p->results[i].rc == SKEIN_OK) ids[n++] = p->results[i].story;
    if (n) qsort(ids, n, sizeof(*ids), cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || ids[k - 1] != ids[i]) ids[k++] = ids[i];
    committed(sv, ids, k);
    free(ids);
    serve_committer *q = &sv->committer;
    for (serve_post *p = g; p; p = p->next)
        if (p->status == POST_COMMITTED) requests++, atomic_fetch_add(&q->articles, p->n);
    atomic_fetch_add(&q->commits, 1);
    atomic_fetch_add(&q->requests, requests);
    unsigned long big = atomic_load(&q->largest);
    while (requests > big && !atomic_compare_exchange_weak(&q->largest, &big, requests)) {
    }
}

/* Links and commits group g, or says why each post could not be. */
static void run_group(server *sv, serve_post *g) {
    double t0 = now_s();
    pthread_mutex_lock(&sv->write_lock);
    if (!sv->writer && atomic_load(&sv->role) != ROLE_WRITER) {
        for (serve_post *p = g; p; p = p->next) p->status = POST_NOT_WRITER;
        pthread_mutex_unlock(&sv->write_lock);
        return;
    }
    for (int attempt = 0;; attempt++) {
        serve_post *bad;
        int rc = link_group(sv, g, &bad);
        if (rc == SKEIN_OK) {
            for (serve_post *p = g; p; p = p->next)
                if (p->status != POST_FAILED) p->status = POST_COMMITTED;
            group_committed(sv, g);
            break;
        }
        char why[600] = "it could not be opened again";
        if (sv->writer) snprintf(why, sizeof(why), "%s", skein_store_errmsg(sv->writer));
        serve_writer_reopen(sv); /* nothing of the group is kept: restore the writer */
        if (bad) fail(bad, why);
        int others = 0;
        for (serve_post *p = g; p; p = p->next) others |= p->status != POST_FAILED;
        if (bad && attempt == 0 && others && sv->writer) continue;
        for (serve_post *p = g; p; p = p->next)
            if (p->status != POST_FAILED) fail(p, why);
        break;
    }
    pthread_mutex_unlock(&sv->write_lock);
    atomic_fetch_add(&sv->m.ingest_usec, (unsigned long)((now_s() - t0) * 1e6));
}

/* ---- the queue ------------------------------------------------------------------- */

/* Detaches the next group from the queue: the oldest post, then those
 * after it while the bounds allow.  Under q->lock, the queue not empty. */
static serve_post *take_group(serve_committer *q) {
    serve_post *g = q->head, *last = g;
    size_t arts = g->n, bytes = g->bytes;
    while (last->next && arts + last->next->n <= GROUP_MAX_ARTICLES &&
           bytes + last->next->bytes <= GROUP_MAX_BYTES) {
        last = last->next;
        arts += last->n, bytes += last->bytes;
    }
    q->head = last->next;
    if (!q->head) q->tail = NULL;
    last->next = NULL;
    size_t posts = 0;
    for (serve_post *p = g; p; p = p->next) posts++;
    q->queued -= posts;
    return g;
}

/* Waits until `answered` posts are queued (the clients the last commit
 * answered, posting again), at most until LINGER_US after that commit
 * answered them: a request after a quiet spell goes through at once.
 * Under q->lock. */
static void linger(serve_committer *q, size_t answered, const struct timespec *done) {
    struct timespec until = *done;
    until.tv_nsec += LINGER_US * 1000L;
    if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
    while (q->queued < answered && !q->stopping)
        if (pthread_cond_timedwait(&q->wake, &q->lock, &until) == ETIMEDOUT) break;
}

static void *committer(void *arg) {
    server *sv = arg;
    serve_committer *q = &sv->committer;
    size_t answered = 0;  /* posts of the last group */
    struct timespec done; /* when they were answered */
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->head && !q->stopping) pthread_cond_wait(&q->wake, &q->lock);
        if (!q->head) break;
        if (answered > 1) linger(q, answered, &done);
        serve_post *g = take_group(q);
        pthread_mutex_unlock(&q->lock);
        run_group(sv, g);
        pthread_mutex_lock(&q->lock);
        answered = 0;
        clock_gettime(CLOCK_MONOTONIC, &done);
        for (serve_post *p = g, *next; p; p = next) { /* p is the waiter's once done */
            next = p->next;
            p->done = 1;
            answered++;
            pthread_cond_signal(&p->cv);
        }
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

void serve_commit(server *sv, serve_post *p) {
    serve_committer *q = &sv->committer;
    p->next = NULL;
    p->done = 0;
    pthread_mutex_lock(&q->lock);
    if (q->tail)
        q->tail->next = p;
    else
        q->head = p;
    q->tail = p;
    q->queued++;
    pthread_cond_signal(&q->wake);
    while (!p->done) pthread_cond_wait(&p->cv, &q->lock);
    pthread_mutex_unlock(&q->lock);
}

int serve_committer_start(server *sv) {
    serve_committer *q = &sv->committer;
    pthread_condattr_t ca;
    q->head = q->tail = NULL, q->queued = 0;
    if (pthread_mutex_init(&q->lock, NULL)) return -1;
    if (pthread_condattr_init(&ca)) {
        pthread_mutex_destroy(&q->lock);
        return -1;
    }
    /* linger's deadline is on the monotonic clock */
    int bad = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) || pthread_cond_init(&q->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (bad) {
        pthread_mutex_destroy(&q->lock);
        return -1;
    }
    if (pthread_create(&q->thread, NULL, committer, sv)) {
        pthread_cond_destroy(&q->wake);
        pthread_mutex_destroy(&q->lock);
        return -1;
    }
    q->running = 1;
    return 0;
}

void serve_committer_stop(server *sv) {
    serve_committer *q = &sv->committer;
    if (!q->running) return;
    pthread_mutex_lock(&q->lock);
    q->stopping = 1;
    pthread_cond_signal(&q->wake);
    pthread_mutex_unlock(&q->lock);
    pthread_join(q->thread, NULL);
    pthread_cond_destroy(&q->wake);
    pthread_mutex_destroy(&q->lock);
    q->running = 0;
}

void serve_commit_metrics(server *sv, sbuf_t *b) {
    serve_committer *q = &sv->committer;
    sbuf_printf(
        b,
        "# HELP skein_commits_total Commits of posted articles (one for each group of "
        "requests).\n"
        "# TYPE skein_commits_total counter\nskein_commits_total %lu\n"
        "# HELP skein_commit_requests_total POST requests answered after a commit.\n"
        "# TYPE skein_commit_requests_total counter\nskein_commit_requests_total %lu\n"
        "# HELP skein_commit_articles_total Articles in those requests (added or refused).\n"
        "# TYPE skein_commit_articles_total counter\nskein_commit_articles_total %lu\n"
        "# HELP skein_commit_stories_total Stories changed, summed over commits.\n"
        "# TYPE skein_commit_stories_total counter\nskein_commit_stories_total %lu\n"
        "# HELP skein_commit_requests_max The most requests one commit has held.\n"
        "# TYPE skein_commit_requests_max gauge\nskein_commit_requests_max %lu\n",
        atomic_load(&q->commits), atomic_load(&q->requests), atomic_load(&q->articles),
        atomic_load(&q->stories), atomic_load(&q->largest));
}
