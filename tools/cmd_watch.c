/* cmd_watch.c -- `skein watch`: outlets' feeds followed into a store, and
 * the parts `skein serve --feeds` shares (watch.h).
 *
 * The library does the fetching, reading and remembering
 * (skein_watcher_poll); this file reads the feeds file, runs rounds of
 * polls -- once (--once, for cron and tests) or every --interval seconds
 * until SIGINT or SIGTERM -- prints each failure as a line and, on a
 * terminal, the progress. */
#include "skein.h"

#include "cmds.h"
#include "watch.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- options and the feeds file ---------------------------------------------------- */

void watch_opts_init(watch_opts *o) {
    memset(o, 0, sizeof(*o));
    skein_watch_config_default(&o->wc);
}

/* A number of seconds in [lo, hi]: 0, or -1. */
static int seconds(const char *arg, double lo, double hi, double *out) {
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= lo && v <= hi)) return -1;
    *out = v;
    return 0;
}

int watch_option(watch_opts *o, int ch, const char *arg, const char *cmd) {
    int bad = 0;
    switch (ch) {
    case W_FEEDS: o->feeds = arg; break;
    case W_INTERVAL: bad = seconds(arg, 1, 7 * 86400.0, &o->wc.interval); break;
    case W_ALLOW_PRIVATE: o->wc.allow_private = 1; break;
    case W_DELAY: bad = seconds(arg, 0, 3600, &o->wc.host_delay); break;
    case W_TIMEOUT: bad = seconds(arg, 0.1, 3600, &o->wc.timeout); break;
    case W_CONTACT: o->wc.contact = arg; break;
    default: return -1;
    }
    if (bad) fprintf(stderr, "skein %s: bad value '%s' (a number of seconds in range)\n", cmd, arg);
    return bad ? -1 : 0;
}

static int is_http(const char *s) {
    return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

/* The line without its blanks, comment and end (in place); NULL if none. */
static char *line_address(char *line) {
    line[strcspn(line, "#\r\n")] = 0;
    while (*line == ' ' || *line == '\t') line++;
    size_t n = strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = 0;
    return *line ? line : NULL;
}

long watch_feeds_read(const char *path, const char *cmd, char ***urls) {
    *urls = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "skein %s: cannot read feeds file %s: %s\n", cmd, path, strerror(errno));
        return -1;
    }
    char *line = NULL, **v = NULL;
    size_t cap = 0, lineno = 0;
    long n = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *a = line_address(line), **more;
        if (!a) continue;
        if (!is_http(a) || strpbrk(a, " \t")) {
            fprintf(stderr, "skein %s: %s:%zu: not a feed address (http:// or https://): %.200s\n",
                    cmd, path, lineno, a);
            continue;
        }
        if (!(more = realloc(v, (size_t)(n + 1) * sizeof(*v))) || !(more[n] = strdup(a))) {
            if (more) v = more;
            fprintf(stderr, "skein %s: out of memory\n", cmd);
            break;
        }
        v = more, n++;
    }
    free(line);
    fclose(f);
    if (n == 0) fprintf(stderr, "skein %s: %s lists no feed address\n", cmd, path);
    *urls = v;
    return n;
}

void watch_feeds_free(char **urls, long n) {
    for (long i = 0; i < n; i++) free(urls[i]);
    free(urls);
}

/* ---- rounds --------------------------------------------------------------------------- */

static void show_progress(const watch_totals *t, long n, long i) {
    fprintf(stderr, "\r\033[Kround %zu: %ld/%ld feeds polled, %zu new articles, %zu errors",
            t->rounds + 1, i, n, t->added, t->errors);
    fflush(stderr);
}

int watch_round(skein_watcher *w, char **urls, long n, watch_totals *t, int progress,
                atomic_int *stop) {
    int failed = SKEIN_OK;
    for (long i = 0; i < n && !failed && !(stop && *stop); i++) {
        skein_poll_stats st;
        skein_error err;
        int rc = skein_watcher_poll(w, urls[i], &st, &err);
        t->polled += !st.backing_off && !rc;
        t->added += st.added;
        t->errors += (rc != SKEIN_OK) + st.failed;
        if (rc == SKEIN_EDB || rc == SKEIN_ENOMEM) {
            fprintf(stderr, "skein: %s\n", err.message);
            failed = rc;
        }
        if (progress) show_progress(t, n, i + 1);
    }
    if (progress) fputc('\n', stderr);
    t->rounds++;
    return failed;
}

/* ---- beside the server (skein serve --feeds) ---------------------------------------- */

struct watch_thread {
    pthread_t tid;
    pthread_mutex_t *store_lock;
    skein_store *(*writer)(void *ud); /* the server's, which a failure or a takeover replaces */
    void *writer_ud;
    pthread_mutex_t mu; /* guards stop, with wake */
    pthread_cond_t wake;
    int stop;
    atomic_int stopping; /* read by a round between feeds */
    skein_watcher *w;
    char **urls;
    long n;
    double interval;
};

static void store_lock(int on, void *ud) {
    watch_thread *t = ud;
    if (on)
        pthread_mutex_lock(t->store_lock);
    else
        pthread_mutex_unlock(t->store_lock);
}

/* The server's writer now (the store lock is held). */
static skein_store *current_writer(void *ud) {
    watch_thread *t = ud;
    return t->writer(t->writer_ud);
}

static void serve_log(const char *line, void *ud) {
    (void)ud;
    fprintf(stderr, "skein serve: %s\n", line);
}

static void *watch_main(void *arg) {
    watch_thread *t = arg;
    watch_totals tot = {0};
    pthread_mutex_lock(&t->mu);
    while (!t->stop) {
        pthread_mutex_unlock(&t->mu);
        size_t added = tot.added, errors = tot.errors;
        /* a failed store ends the round; the next asks for the writer again
         * (the server opens it again after a failure) */
        (void)watch_round(t->w, t->urls, t->n, &tot, 0, &t->stopping);
        fprintf(stderr, "skein serve: feeds polled: %zu new articles, %zu errors\n",
                tot.added - added, tot.errors - errors);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)t->interval;
        pthread_mutex_lock(&t->mu);
        while (!t->stop && pthread_cond_timedwait(&t->wake, &t->mu, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

watch_thread *watch_thread_start(const watch_opts *o, skein_store *(*writer)(void *ud), void *ud,
                                 pthread_mutex_t *lock) {
    watch_thread *t = calloc(1, sizeof(*t));
    if (!t) return NULL;
    t->n = watch_feeds_read(o->feeds, "serve", &t->urls);
    t->store_lock = lock;
    t->writer = writer, t->writer_ud = ud;
    t->interval = o->wc.interval;
    skein_watch_config wc = o->wc;
    wc.log = serve_log;
    wc.lock = store_lock, wc.lock_ud = t, wc.store = current_writer;
    skein_error err;
    pthread_mutex_lock(lock);
    skein_store *store = writer(ud);
    pthread_mutex_unlock(lock);
    if (t->n > 0 && !(t->w = skein_watcher_new(store, &wc, &err)))
        fprintf(stderr, "skein serve: %s\n", err.message);
    if (!t->w) {
        watch_feeds_free(t->urls, t->n > 0 ? t->n : 0);
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->wake, NULL);
    if (pthread_create(&t->tid, NULL, watch_main, t)) {
        fprintf(stderr, "skein serve: cannot start the feeds' thread\n");
        skein_watcher_free(t->w);
        watch_feeds_free(t->urls, t->n);
        free(t);
        return NULL;
    }
    return t;
}

void watch_thread_stop(watch_thread *t) {
    if (!t) return;
    pthread_mutex_lock(&t->mu);
    t->stop = 1, t->stopping = 1;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->mu);
    pthread_join(t->tid, NULL);
    skein_watcher_free(t->w);
    watch_feeds_free(t->urls, t->n);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->mu);
    free(t);
}

/* ---- skein watch -------------------------------------------------------------------- */

static atomic_int stop_flag; /* lock-free: set by the signal handler */
static void on_signal(int sig) {
    (void)sig;
    stop_flag = 1;
}

static void log_line(const char *line, void *ud) {
    const int *progress = ud;
    fprintf(stderr, "%sskein watch: %s\n", *progress ? "\r\033[K" : "", line);
}

/* The options, as --help and the README's table (tests/cli/options_doc.sh)
 * say them. */
static const char *const option_help[][2] = {
    {"--feeds FILE", "the feed addresses, one a line (# starts a comment; a line that is no "
                     "http(s) address is reported with its number and skipped)"},
    {"--db FILE", "the store the articles go to (created if missing; one writer at a time)"},
    {"--once", "poll every feed once and exit (status 1 when no feed could be polled)"},
    {"--interval SECONDS", "time between two rounds of polls, and the unit of a failing "
                           "feed's back-off (default 900)"},
    {"--allow-private", "let addresses on loopback, private and link-local networks be "
                        "fetched, for a local setup and tests (metadata addresses stay refused)"},
    {"--delay SECONDS", "the least time between two requests to one host (default 5; a "
                        "larger robots.txt Crawl-delay, up to 60, wins)"},
    {"--timeout SECONDS", "the most one request may take, connecting included (default 30; "
                          "connecting at most 10)"},
    {"--contact TEXT", "an address for site owners, added to the User-Agent"},
    {"--help", "this help (also -h)"},
};

static void usage(FILE *f) {
    fprintf(f, "usage: skein watch --feeds FILE --db FILE [OPTIONS]\n\n"
               "Follows the feeds (RSS, RDF, Atom, JSON Feed) listed in FILE: each new item's\n"
               "page is fetched and read, or the feed's description kept, and the article\n"
               "added to the store.\n\noptions:\n");
    for (size_t i = 0; i < sizeof(option_help) / sizeof(option_help[0]); i++) {
        int col = fprintf(f, "  %-20s  ", option_help[i][0]);
        const char *sep = "";
        for (const char *w = option_help[i][1]; *w; sep = " ") {
            int n = (int)strcspn(w, " ");
            if (*sep && col + 1 + n > 80) col = fprintf(f, "\n%24s", "") - 1, sep = "";
            col += fprintf(f, "%s%.*s", sep, n, w);
            w += n + (w[n] == ' ');
        }
        fputc('\n', f);
    }
}

/* Sleeps `secs` seconds, waking early when stop_flag is set. */
static void nap(double secs) {
    for (double left = secs; left > 0 && !stop_flag; left -= 0.2) {
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static int run(const watch_opts *o, const char *db, int once, char **urls, long n) {
    skein_error err;
    uint64_t replayed = 0;
    char where[512];
    skein_store_where(db, where, sizeof(where)); /* a URI's password as *** */
    skein_store *s = skein_store_new(db, 0, &err);
    if (!s) {
        fprintf(stderr, "skein watch: cannot open the store: %s\n", err.message);
        return 1;
    }
    if (skein_store_start(s, NULL, &replayed)) {
        fprintf(stderr, "skein watch: cannot go on with store %s: %s\n", where,
                skein_store_errmsg(s));
        skein_store_free(s);
        return 1;
    }
    int progress = isatty(STDERR_FILENO);
    skein_watch_config wc = o->wc;
    wc.log = log_line, wc.log_ud = &progress;
    skein_watcher *w = skein_watcher_new(s, &wc, &err);
    if (!w) {
        fprintf(stderr, "skein watch: %s\n", err.message);
        skein_store_free(s);
        return 1;
    }
    watch_totals t = {0};
    do {
        if (watch_round(w, urls, n, &t, progress, &stop_flag)) break; /* the store failed */
        if (!once) nap(o->wc.interval);
    } while (!once && !stop_flag);
    skein_watcher_free(w);
    skein_store_free(s);
    fprintf(stderr, "skein watch: %zu feed%s polled, %zu new article%s, %zu error%s\n", t.polled,
            t.polled == 1 ? "" : "s", t.added, t.added == 1 ? "" : "s", t.errors,
            t.errors == 1 ? "" : "s");
    if (t.polled) return 0;
    fprintf(stderr, "skein watch: no feed could be polled (each failed or is backing off)\n");
    return 1;
}

int cmd_watch(int argc, char **argv) {
    enum { O_DB = 256, O_ONCE };
    static const struct option opts[] = {WATCH_LONG_OPTIONS,
                                         {"db", required_argument, 0, O_DB},
                                         {"once", no_argument, 0, O_ONCE},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    watch_opts o;
    watch_opts_init(&o);
    const char *db = NULL;
    int once = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (ch == O_DB)
            db = optarg;
        else if (ch == O_ONCE)
            once = 1;
        else if (ch == 'h')
            return usage(stdout), 0;
        else if (ch == '?' || watch_option(&o, ch, optarg, "watch"))
            return usage(stderr), 2;
    }
    if (!o.feeds || !db || optind != argc) return usage(stderr), 2;
    char **urls;
    long n = watch_feeds_read(o.feeds, "watch", &urls);
    if (n <= 0) {
        watch_feeds_free(urls, 0);
        return 1;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int status = run(&o, db, once, urls, n);
    watch_feeds_free(urls, n);
    return status;
}
