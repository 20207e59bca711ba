/* serve_role.c -- which server writes a shared store: one writer, standbys
 * that take over.
 *
 * A PostgreSQL store is written by one server at a time: the writer holds
 * the database's advisory lock for as long as its connection lives
 * (store_pg.c).  Another `skein serve` on the same store finds the lock
 * taken and waits as a standby: it answers reads, refuses writes with 503,
 * and its keeper thread asks for the lock every 200 ms.  When the writer
 * dies (kill -9, its machine lost, its connection cut) PostgreSQL ends its
 * session and frees the lock; the standby takes it, loads the last
 * checkpoint and links the articles committed after it, as any restart
 * does, and answers writes from then on.  A writer whose connection fails
 * gives its handle up and waits likewise (it reconnects when the database
 * is back, unless another took over meanwhile).  A SQLite store has one
 * machine and no standby: its writer is the server. */
#include "serve_routes.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEEPER_MS 200

int serve_writer_open(server *sv, uint64_t *replayed, char *why, size_t n) {
    skein_error err;
    char where[256];
    skein_store *w = skein_store_new(sv->db, 0, &err);
    if (!w) return snprintf(why, n, "cannot open store %s", err.message), err.code;
    int rc = skein_store_start(w, NULL, replayed);
    if (rc) {
        snprintf(why, n, "cannot go on with store %s: %s",
                 skein_store_where(sv->db, where, sizeof(where)),
                 *skein_store_errmsg(w) ? skein_store_errmsg(w) : skein_strerror(rc));
        skein_store_free(w);
        return rc;
    }
    sv->writer = w;
    atomic_store(&sv->role, ROLE_WRITER);
    return SKEIN_OK;
}

void serve_writer_reopen(server *sv) {
    skein_store_free(sv->writer);
    sv->writer = NULL;
    char why[800];
    if (serve_writer_open(sv, NULL, why, sizeof(why)) && sv->shared)
        atomic_store(&sv->role, ROLE_STANDBY);
}

skein_store *serve_writer_mended(server *sv) {
    if (sv->writer && skein_store_commit(sv->writer) == SKEIN_EDB) serve_writer_reopen(sv);
    return sv->writer;
}

void serve_writer_announce(server *sv) {
    if (sv->writer && sv->address[0] && sv->shared &&
        skein_store_set_note(sv->writer, "writer", sv->address))
        fprintf(stderr, "skein serve: cannot tell the store where its writer is: %s\n",
                skein_store_errmsg(sv->writer));
}

const char *serve_role_name(const server *sv) {
    static const char *const names[] = {"writer", "standby", "reader"};
    int r = atomic_load(&sv->role);
    return r >= 0 && r <= ROLE_READER ? names[r] : "unknown";
}

/* One try for the writer's lock, under write_lock. */
static void try_take_over(server *sv, int *said) {
    uint64_t replayed = 0;
    char why[600];
    int rc = serve_writer_open(sv, &replayed, why, sizeof(why));
    if (rc == SKEIN_OK) {
        atomic_fetch_add(&sv->takeovers, 1);
        serve_writer_announce(sv);
        fprintf(stderr, "skein serve: now the writer (linked %" PRIu64 " articles again)\n",
                replayed);
        *said = 0;
    } else if (rc != SKEIN_EBUSY && !*said) { /* said once, until it mends */
        fprintf(stderr, "skein serve: standby: %s\n", why);
        *said = 1;
    }
}

static void *keeper(void *p) {
    server *sv = p;
    int said = 0;
    struct timespec pause = {0, KEEPER_MS * 1000000L};
    while (!atomic_load(&sv->stopping)) {
        nanosleep(&pause, NULL);
        if (atomic_load(&sv->role) != ROLE_STANDBY) continue;
        pthread_mutex_lock(&sv->write_lock);
        if (!sv->writer && !atomic_load(&sv->stopping)) try_take_over(sv, &said);
        pthread_mutex_unlock(&sv->write_lock);
    }
    return NULL;
}

int serve_keeper_start(server *sv) {
    if (sv->keeper_running) return 0;
    if (pthread_create(&sv->keeper, NULL, keeper, sv)) return -1;
    sv->keeper_running = 1;
    return 0;
}

void serve_keeper_stop(server *sv) {
    atomic_store(&sv->stopping, 1);
    if (sv->keeper_running) pthread_join(sv->keeper, NULL);
    sv->keeper_running = 0;
}
