/* cmd_serve.c -- `skein serve`: the store as a service, an HTTP JSON API and
 * a web page (libmicrohttpd).
 *
 * This file is the server's life: the command line, the token, the
 * address, starting libmicrohttpd (one thread per connection) with the
 * writer's store handle and the committer of posted articles
 * (serve_commit.c), and stopping on SIGTERM or Ctrl-C with a checkpoint.
 * What each request gets is serve_routes.c's; the feeds it follows are
 * watch.c's, the webhooks it calls serve_webhook.c's. */
#include "skein.h"

#include "cmds.h"
#include "serve_http.h"
#include "serve_routes.h"
#include "serve_webhook.h"
#include "watch.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_MAX_BODY (16u << 20)
#define DEFAULT_MAX_CONNECTIONS 256
#define DEFAULT_TIMEOUT_S 30

/* ---- command line ---------------------------------------------------------------- */

static void usage(FILE *f) {
    fprintf(
        f,
        "usage: skein serve --db FILE [--listen HOST:PORT] [--token-file FILE] [--feeds FILE]\n\n"
        "Serves the store FILE: a JSON API under /v1 and a web page at /.  Articles\n"
        "posted to /v1/articles are linked into stories and committed before the answer.\n\n"
        "options:\n"
        "  --db FILE              the store (created if missing): a SQLite file, or a\n"
        "                         PostgreSQL URI (postgresql://USER@HOST:PORT/DB)\n"
        "  --listen HOST:PORT     where to listen (default %s; port 0: any free port)\n"
        "  --token-file FILE      the token POST requests must send (Authorization: Bearer\n"
        "                         TOKEN); without it the server takes no articles\n"
        "  --max-body-bytes N     larger request bodies get 413 (default %u)\n"
        "  --max-connections N    connections at once (default %d); more wait their turn\n"
        "  --timeout-seconds N    a connection idle this long is closed (default %d)\n"
        "  --read-only            only read the store (a replica, say): no writer; writes\n"
        "                         get 503 with the writer's address when it is known\n"
        "  --advertise URL        where others send writes while this server is a\n"
        "                         PostgreSQL store's writer (default: http://LISTEN)\n"
        "  --threads N            the articles of one commit (the POSTs that came\n"
        "                         together) are prepared on N threads before they are\n"
        "                         linked in order (default: the cores)\n"
        "  --feeds FILE           also follow these feeds into the store, as skein watch\n"
        "                         does (with its --interval, --allow-private, --delay,\n"
        "                         --timeout and --contact); the writer only\n"
        "  --webhook URL          POST a JSON event to URL when a story is created or\n"
        "                         grows (up to %d of them; the writer only; README, \"Webhooks\")\n"
        "  --webhook-secret-file FILE  the key the events are signed with (HMAC-SHA256 in\n"
        "                         X-Skein-Signature); default: the --token-file token\n"
        "  --webhook-growth X     also an event when a story's growth reaches X (the\n"
        "                         list's growth score; default: none)\n"
        "  -h, --help             this help\n",
        DEFAULT_LISTEN, DEFAULT_MAX_BODY, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT_S,
        WEBHOOK_MAX_URLS);
}

static int read_token(server *sv, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "skein serve: cannot read token file %s\n", path);
        return -1;
    }
    char buf[MAX_TOKEN + 2];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = 0;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) buf[--n] = 0;
    if (n < 8 || n >= MAX_TOKEN || strpbrk(buf, "\r\n")) {
        fprintf(stderr, "skein serve: the token in %s must be one line of 8 to %d characters\n",
                path, MAX_TOKEN - 1);
        return -1;
    }
    memcpy(sv->token, buf, n + 1);
    sv->has_token = 1;
    return 0;
}

static int resolve(const char *listen, struct sockaddr_storage *ss, socklen_t *len) {
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof(host)) return -1;
    size_t n = (size_t)(colon - listen);
    memcpy(host, listen, n);
    host[n] = 0;
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']')
        memmove(host, host + 1, n - 2), host[n - 2] = 0;
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
    if (getaddrinfo(*host ? host : NULL, colon + 1, &hints, &res) || !res) return -1;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

enum {
    O_DB = 256,
    O_LISTEN,
    O_TOKEN,
    O_MAXBODY,
    O_MAXCONN,
    O_TIMEOUT,
    O_READONLY,
    O_ADVERTISE,
    O_THREADS
};
static void wake_hooks(void *ud) { webhook_notify(ud); }

/* The writer the feeds' thread stores into, mended after a failure. */
static skein_store *feeds_writer(void *ud) { return serve_writer_mended(ud); }

/* Commits wake the webhooks' thread (hooks NULL: nothing to wake). */
static void set_on_commit(server *sv, webhook *hooks) {
    pthread_mutex_lock(&sv->write_lock);
    sv->on_commit = hooks ? wake_hooks : NULL;
    sv->on_commit_ud = hooks;
    pthread_mutex_unlock(&sv->write_lock);
}

static const struct option long_opts[] = {{"db", required_argument, 0, O_DB},
                                          {"listen", required_argument, 0, O_LISTEN},
                                          {"token-file", required_argument, 0, O_TOKEN},
                                          {"max-body-bytes", required_argument, 0, O_MAXBODY},
                                          {"max-connections", required_argument, 0, O_MAXCONN},
                                          {"timeout-seconds", required_argument, 0, O_TIMEOUT},
                                          {"read-only", no_argument, 0, O_READONLY},
                                          {"advertise", required_argument, 0, O_ADVERTISE},
                                          {"threads", required_argument, 0, O_THREADS},
                                          WATCH_LONG_OPTIONS,
                                          WEBHOOK_LONG_OPTIONS,
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};

struct serve_server {
    server sv;
    struct MHD_Daemon *d;
    unsigned port;
};

serve_server *serve_start(const serve_config *cfg) {
    struct sockaddr_storage addr;
    socklen_t addrlen;
    if (resolve(cfg->listen, &addr, &addrlen)) {
        fprintf(stderr, "skein serve: cannot listen on '%s' (want HOST:PORT)\n", cfg->listen);
        return NULL;
    }
    serve_server *ss = calloc(1, sizeof(*ss)); /* large (metrics) */
    if (!ss) {
        fprintf(stderr, "skein serve: out of memory\n");
        return NULL;
    }
    server *sv = &ss->sv;
    sv->db = cfg->db;
    sv->max_body = cfg->max_body;
    sv->threads = cfg->threads ? cfg->threads : 1;
    if (cfg->token_file && read_token(sv, cfg->token_file)) {
        free(ss);
        return NULL;
    }
    uint64_t replayed = 0;
    char why[800], where[256];
    sv->shared = strstr(sv->db, "://") != NULL; /* a database's URI, not a file */
    int status = cfg->read_only ? SKEIN_OK : serve_writer_open(sv, &replayed, why, sizeof(why));
    if (cfg->read_only) {
        atomic_store(&sv->role, ROLE_READER);
    } else if (status == SKEIN_EBUSY && sv->shared) {
        atomic_store(&sv->role, ROLE_STANDBY);
        fprintf(stderr,
                "skein serve: standby: another server writes %s; taking over when it goes\n",
                skein_store_where(sv->db, where, sizeof(where)));
    } else if (status) {
        fprintf(stderr, "skein serve: %s\n", why);
        free(ss);
        return NULL;
    }
    if (replayed)
        fprintf(stderr,
                "skein serve: linked %" PRIu64 " articles again after the last usable checkpoint\n",
                replayed);
    pthread_mutex_init(&sv->write_lock, NULL);
    pthread_key_create(&sv->reader_key, serve_close_reader);
    sv->started = time(NULL);
    if (serve_committer_start(sv)) {
        fprintf(stderr, "skein serve: cannot start the committer's thread\n");
        serve_stop(ss);
        return NULL;
    }
    if (sv->shared && !cfg->read_only && serve_keeper_start(sv)) {
        fprintf(stderr, "skein serve: cannot start the standby's thread\n");
        serve_stop(ss);
        return NULL;
    }
    ss->d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
            (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, serve_handle, sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_NOTIFY_COMPLETED, serve_completed, sv, MHD_OPTION_CONNECTION_LIMIT,
        cfg->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_s, MHD_OPTION_END);
    if (!ss->d) {
        fprintf(stderr, "skein serve: cannot listen on %s: %s\n", cfg->listen, strerror(errno));
        serve_stop(ss);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(ss->d, MHD_DAEMON_INFO_BIND_PORT);
    ss->port = info ? info->port : 0;
    if (cfg->advertise)
        snprintf(sv->address, sizeof(sv->address), "%s", cfg->advertise);
    else
        snprintf(sv->address, sizeof(sv->address), "http://%.*s:%u",
                 (int)(strrchr(cfg->listen, ':') - cfg->listen), cfg->listen, ss->port);
    pthread_mutex_lock(&sv->write_lock);
    serve_writer_announce(sv);
    pthread_mutex_unlock(&sv->write_lock);
    return ss;
}

unsigned serve_port(const serve_server *ss) { return ss->port; }

void serve_stop(serve_server *ss) {
    if (!ss) return;
    server *sv = &ss->sv;
    if (ss->d) MHD_stop_daemon(ss->d); /* no request waits for a commit after this */
    serve_committer_stop(sv);
    serve_keeper_stop(sv);
    pthread_mutex_lock(&sv->write_lock);
    skein_store_free(sv->writer); /* commits and writes a checkpoint */
    sv->writer = NULL;
    pthread_mutex_unlock(&sv->write_lock);
    pthread_key_delete(sv->reader_key);
    pthread_mutex_destroy(&sv->write_lock);
    free(ss);
}

int cmd_serve(int argc, char **argv) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    serve_config cfg = {NULL,
                        DEFAULT_LISTEN,
                        NULL,
                        DEFAULT_MAX_BODY,
                        DEFAULT_MAX_CONNECTIONS,
                        DEFAULT_TIMEOUT_S,
                        0,
                        NULL,
                        cores < 1    ? 1
                        : cores > 64 ? 64
                                     : (unsigned)cores};
    watch_opts wo;
    watch_opts_init(&wo);
    webhook_opts ho = {0};
    int ch;
    optind = 1;
    const char *feed_opt = NULL; /* a feeds' option given, which needs --feeds */
    int li = -1;
    while ((ch = getopt_long(argc, argv, "h", long_opts, &li)) != -1) {
        char *end = NULL;
        if (ch >= W_FEEDS && ch <= W_CONTACT) {
            if (watch_option(&wo, ch, optarg, "serve")) return 2;
            if (ch != W_FEEDS && li >= 0) feed_opt = long_opts[li].name;
            continue;
        }
        if (ch >= WH_URL && ch <= WH_GROWTH) {
            if (webhook_option(&ho, ch, optarg)) return 2;
            continue;
        }
        switch (ch) {
        case O_DB: cfg.db = optarg; break;
        case O_LISTEN: cfg.listen = optarg; break;
        case O_TOKEN: cfg.token_file = optarg; break;
        case O_READONLY: cfg.read_only = 1; break;
        case O_ADVERTISE: cfg.advertise = optarg; break;
        case O_MAXBODY:
            cfg.max_body = strtoull(optarg, &end, 10);
            if (*end || cfg.max_body < 1) goto bad;
            break;
        case O_MAXCONN:
            cfg.max_connections = (unsigned)strtoul(optarg, &end, 10);
            if (*end || cfg.max_connections < 1) goto bad;
            break;
        case O_TIMEOUT:
            cfg.timeout_s = (unsigned)strtoul(optarg, &end, 10);
            if (*end || cfg.timeout_s < 1) goto bad;
            break;
        case O_THREADS:
            cfg.threads = (unsigned)strtoul(optarg, &end, 10);
            if (*end || cfg.threads < 1 || cfg.threads > 64) goto bad;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        continue;
    bad:
        fprintf(stderr, "skein serve: bad value '%s'\n", optarg);
        return 2;
    }
    if (!cfg.db || optind != argc) {
        usage(stderr);
        return 2;
    }
    if (feed_opt && !wo.feeds) {
        fprintf(stderr, "skein serve: --%s is an option of the feeds: it needs --feeds\n",
                feed_opt);
        return 2;
    }
    if (!ho.n && (ho.secret_file || ho.growth > 0)) {
        fprintf(stderr, "skein serve: --webhook-secret-file and --webhook-growth need --webhook\n");
        return 2;
    }
    if (ho.n && cfg.read_only) {
        fprintf(stderr, "skein serve: --webhook needs the store's writer; this server only reads "
                        "(--read-only)\n");
        return 2;
    }
    struct sockaddr_storage addr;
    socklen_t addrlen;
    if (resolve(cfg.listen, &addr, &addrlen)) {
        fprintf(stderr, "skein serve: cannot listen on '%s' (want HOST:PORT)\n", cfg.listen);
        return 2;
    }
    /* signals go to the main thread only, which waits for them below */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    serve_server *ss = serve_start(&cfg);
    if (!ss) return 1;
    watch_thread *feeds = NULL;
    pthread_mutex_lock(&ss->sv.write_lock);
    int writing = ss->sv.writer != NULL;
    pthread_mutex_unlock(&ss->sv.write_lock);
    if (wo.feeds && !writing) {
        fprintf(stderr, "skein serve: --feeds needs the store's writer; this server %s\n",
                cfg.read_only ? "only reads (--read-only)" : "waits as a standby");
        serve_stop(ss);
        return 1;
    }
    /* the webhooks first: libcurl's global set-up is theirs before the
     * feeds' thread may run its own */
    webhook *hooks = NULL; /* a standby's waits until it writes */
    if (ho.n && !(hooks = webhook_start(&ho, &ss->sv))) {
        serve_stop(ss);
        return 1;
    }
    set_on_commit(&ss->sv, hooks);
    if (wo.feeds && !(feeds = watch_thread_start(&wo, feeds_writer, &ss->sv, &ss->sv.write_lock))) {
        set_on_commit(&ss->sv, NULL);
        webhook_stop(hooks);
        serve_stop(ss);
        return 1;
    }
    char host[256], where[256];
    snprintf(host, sizeof(host), "%.*s", (int)(strrchr(cfg.listen, ':') - cfg.listen), cfg.listen);
    fprintf(stderr, "skein serve: listening on http://%s:%u/ (store %s%s)\n",
            *host ? host : "0.0.0.0", ss->port, skein_store_where(cfg.db, where, sizeof(where)),
            cfg.read_only      ? "; read only: --read-only"
            : ss->sv.has_token ? ""
                               : "; read only: no --token-file");
    fflush(stderr);
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "skein serve: stopping (signal %d)\n", sig);
    set_on_commit(&ss->sv, NULL);
    webhook_stop(hooks);
    watch_thread_stop(feeds);
    serve_stop(ss);
    return 0;
}
