/* watch.h -- following feeds, as `skein watch` and `skein serve --feeds`
 * share it: the feeds file, the options, rounds of polls, and a thread that
 * runs them beside the server. */
#ifndef SKEIN_WATCH_H
#define SKEIN_WATCH_H

#include "skein.h"

#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

/* The options both commands take (getopt_long values). */
enum { W_FEEDS = 300, W_INTERVAL, W_ALLOW_PRIVATE, W_DELAY, W_TIMEOUT, W_CONTACT };
#define WATCH_LONG_OPTIONS                                                                         \
    {"feeds", required_argument, 0, W_FEEDS}, {"interval", required_argument, 0, W_INTERVAL},      \
        {"allow-private", no_argument, 0, W_ALLOW_PRIVATE},                                        \
        {"delay", required_argument, 0, W_DELAY}, {"timeout", required_argument, 0, W_TIMEOUT}, {  \
        "contact", required_argument, 0, W_CONTACT                                                 \
    }

typedef struct watch_opts {
    const char *feeds; /* the feeds file, or NULL */
    skein_watch_config wc;
} watch_opts;

/* The defaults; then one option (a W_* value and its argument): 0, or -1
 * with the fault printed as `cmd`'s. */
void watch_opts_init(watch_opts *o);
int watch_option(watch_opts *o, int ch, const char *arg, const char *cmd);

/* The feeds file: one address a line, blank lines and '#' comments
 * skipped.  A line that is no http(s) address is reported with its number
 * and skipped.  Returns the number of feeds (0: none usable, reported),
 * or -1 when the file cannot be read.  *urls is owned: watch_feeds_free. */
long watch_feeds_read(const char *path, const char *cmd, char ***urls);
void watch_feeds_free(char **urls, long n);

/* What rounds of polls did, summed. */
typedef struct watch_totals {
    size_t polled, added, errors, rounds;
} watch_totals;

/* Polls every feed once with `w`, adding to *t; `stop` (may be NULL) ends
 * it early when set.  `progress`: a line on stderr after each feed.  A
 * failure of the store (SKEIN_EDB, SKEIN_ENOMEM: printed, and returned)
 * ends the round: the store takes nothing more until it is opened again. */
int watch_round(skein_watcher *w, char **urls, long n, watch_totals *t, int progress,
                atomic_int *stop);

/* Polls the feeds of `o` every interval on a thread of its own into the
 * store writer(ud) gives at each use (the server's writer, which a failure
 * or a takeover replaces; none while NULL), taking `lock` around each use.
 * NULL when it cannot start (printed). */
typedef struct watch_thread watch_thread;
watch_thread *watch_thread_start(const watch_opts *o, skein_store *(*writer)(void *ud), void *ud,
                                 pthread_mutex_t *lock);
void watch_thread_stop(watch_thread *t);

#endif
