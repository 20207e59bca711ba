/* cmd_cluster.c -- `skein cluster`: a stream of articles in, stories out.
 *
 * Reads every INPUT in order, feeds each article to one engine, and prints a
 * story as a JSON line when the engine closes it (idle past the window, or at
 * the end).  Bad records are reported with their location and skipped unless
 * --strict.
 *
 * With --db the store runs the engine: it goes on with the stories a previous
 * run left open (same ids), commits every --commit-every articles, and keeps
 * stories open at the end (printed, marked open) for the next run.  Articles
 * already in the store are counted, not linked again, so a run cut short can
 * simply be started again on the same input.  --assignments lines are written
 * only for committed articles: they are the acknowledgements. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_REASONS 16
#define DEFAULT_MAX_LINE 4194304

#define DEFAULT_COMMIT_EVERY 1000
#define STR_(x) #x
#define STR(x) STR_(x)

typedef struct run {
    FILE *out, *assign;
    skein_store *store;
    int strict, progress, failed, text;
    size_t read, added, skipped, stored_before, by_reason[N_REASONS];
    size_t stories;
    size_t commit_every;
    /* with --db: the stories touched, and assignments not yet committed */
    uint64_t *touched, *closed;
    size_t ntouched, touched_cap, nclosed, closed_cap;
    char *acks;
    size_t acks_len, acks_cap;
    char nothing[1200]; /* why an input gave nothing to read, the first one */
} run;

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { interrupted = sig; }

/* The command's own options; the linker's come from skein_option_list(). */
enum { O_ASSIGN, O_DB, O_COMMIT, O_CKPT, O_CLOSE, O_STRICT, O_MAXLINE, O_TEXT, O_STATS, N_OWN };
static const struct own_option {
    const char *name, *arg, *help;
} own[N_OWN] = {
    {"assignments", "FILE",
     "write {\"id\",\"story\"} per article, in input order (with --db: appended, once committed)"},
    {"db", "FILE",
     "keep articles and stories in the SQLite store FILE and go on with the stories a previous run "
     "left there"},
    {"commit-every", "N",
     "with --db, commit (and acknowledge) every N articles (default " STR(
         DEFAULT_COMMIT_EVERY) ")"},
    {"checkpoint-every", "N",
     "with --db, save the engine every N articles (default " STR(
         SKEIN_STORE_CHECKPOINT_EVERY) "): a restart links at most that many again"},
    {"close", NULL, "with --db, close every open story at the end"},
    {"strict", NULL, "stop at the first bad record (exit status 1)"},
    {"max-line-bytes", "N", "longer lines are skipped (default " STR(DEFAULT_MAX_LINE) ")"},
    {"text", NULL, "print stories for people instead of JSON lines"},
    {"stats", NULL, "print per-stage timings to stderr at the end"},
};
#define LINKER_OPT 512 /* getopt value of linker option i: LINKER_OPT + i */

/* "--cross-threshold" of "cross_threshold", into buf. */
static const char *flag_name(const char *name, char *buf, size_t n) {
    size_t i = 0;
    for (; name[i] && i + 1 < n; i++) buf[i] = name[i] == '_' ? '-' : name[i];
    buf[i] = 0;
    return buf;
}

/* One help line: "  --flag ARG", then `help` wrapped at 80 columns. */
static void usage_line(FILE *f, const char *flag, const char *arg, const char *help) {
    char head[64];
    snprintf(head, sizeof(head), "--%s%s%s", flag, arg ? " " : "", arg ? arg : "");
    int col = fprintf(f, "  %-22s", head);
    if (col > 24) fprintf(f, "\n%24s", ""), col = 24;
    for (const char *w = help; *w;) {
        size_t n = strcspn(w, " ");
        if (col + 1 + (int)n > 80 && col > 24) fprintf(f, "\n%24s", ""), col = 24;
        col += fprintf(f, "%s%.*s", col > 24 ? " " : "", (int)n, w);
        w += n;
        while (*w == ' ') w++;
    }
    fputc('\n', f);
}

/* The help of linker option i, with its default and bounds. */
static void usage_option(FILE *f, const skein_option_info *o) {
    char flag[64], help[512], b[96];
    skein_option_bounds(o, b, sizeof(b));
    snprintf(help, sizeof(help), "%s (default %.15g; %s)", o->help, o->def, b);
    usage_line(f, flag_name(o->name, flag, sizeof(flag)),
               o->type == SKEIN_OPTION_DOUBLE ? "X" : "N", help);
}

static void usage(FILE *f) {
    fprintf(f, "usage: skein cluster [OPTIONS] [INPUT ...]\n\n"
               "Groups articles into stories and prints one JSON line per story.\n"
               "INPUT is a JSON-lines file (.jsonl; - for stdin, the default), a web page\n"
               "(.html, .htm, gzipped too), an article as JSON (.json), a text (.txt), or a\n"
               "folder of them (README, \"Formats\").  A run that adds nothing exits 1.\n\n"
               "options:\n");
    for (int i = 0; i < N_OWN; i++) usage_line(f, own[i].name, own[i].arg, own[i].help);
    usage_line(f, "help", NULL, "this help (also -h)");
    fprintf(f, "\nlinker options (a store keeps those it was made with):\n");
    size_t n;
    const skein_option_info *info = skein_option_list(&n);
    for (size_t i = 0; i < n; i++) usage_option(f, &info[i]);
}

/* Appends x to *v (growing); sets r->failed on ENOMEM. */
static void push_id(run *r, uint64_t **v, size_t *n, size_t *cap, uint64_t x) {
    if (*n && (*v)[*n - 1] == x) return;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        uint64_t *p = realloc(*v, c * sizeof(*p));
        if (!p) {
            r->failed = 1;
            return;
        }
        *v = p, *cap = c;
    }
    (*v)[(*n)++] = x;
}

static void on_story(const skein_story *s, void *ud) {
    run *r = ud;
    r->stories++;
    if (r->store) push_id(r, &r->closed, &r->nclosed, &r->closed_cap, s->id);
    if ((r->text ? story_text_write(r->out, s) : story_json_write(r->out, s))) r->failed = 1;
}

/* One bad record: where, what (the status), and why in words when known. */
static void report(run *r, const char *where, int rc, const skein_error *err) {
    r->skipped++;
    r->by_reason[(size_t)(-rc) % N_REASONS]++;
    if (err->message[0])
        fprintf(stderr, "skein: %s: skipped: %s: %s\n", where, skein_strerror(rc), err->message);
    else if (err->field)
        fprintf(stderr, "skein: %s: skipped: %s (field \"%s\")\n", where, skein_strerror(rc),
                err->field);
    else
        fprintf(stderr, "skein: %s: skipped: %s\n", where, skein_strerror(rc));
}

/* Why the engine (or the store) refused an article, as an error. */
static void refused(run *r, const skein_engine *e, skein_error *err) {
    snprintf(err->message, sizeof(err->message), "%s",
             r->store ? skein_store_errmsg(r->store) : skein_engine_errmsg(e));
    err->field = NULL;
}

static void progress(run *r) {
    if (r->progress && r->read % 1000 == 0)
        fprintf(stderr, "\rskein: %zu articles, %zu stories closed", r->read, r->stories);
}

static void assign(run *r, const char *id, uint64_t story) {
    if (!r->assign) return;
    if (!r->store) {
        fputs("{\"id\":", r->assign);
        json_write_string(r->assign, id);
        fprintf(r->assign, ",\"story\":%llu}\n", (unsigned long long)story);
        return;
    }
    /* held until committed */
    char *line = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&line, &len);
    if (!m) {
        r->failed = 1;
        return;
    }
    fputs("{\"id\":", m);
    json_write_string(m, id);
    fprintf(m, ",\"story\":%llu}\n", (unsigned long long)story);
    fclose(m);
    if (r->acks_len + len + 1 > r->acks_cap) {
        size_t cap = (r->acks_len + len + 1) * 2;
        char *p = realloc(r->acks, cap);
        if (!p)
            r->failed = 1;
        else
            r->acks = p, r->acks_cap = cap;
    }
    if (!r->failed) memcpy(r->acks + r->acks_len, line, len), r->acks_len += len;
    free(line);
}

/* Commits the store, then acknowledges what it holds now. */
static int commit(run *r) {
    int rc = skein_store_commit(r->store);
    if (rc) {
        fprintf(stderr, "skein cluster: commit failed: %s: %s\n", skein_strerror(rc),
                skein_store_errmsg(r->store));
        r->failed = 1;
        return 1;
    }
    if (r->assign && r->acks_len) {
        fwrite(r->acks, 1, r->acks_len, r->assign);
        if (fflush(r->assign)) r->failed = 1;
    }
    r->acks_len = 0;
    return 0;
}

static int add(run *r, skein_engine *e, const skein_article *a, uint64_t *story) {
    if (!r->store) return skein_engine_add(e, a, story);
    int rc = skein_store_add(r->store, a, story);
    if (rc == SKEIN_OK) push_id(r, &r->touched, &r->ntouched, &r->touched_cap, *story);
    return rc;
}

/* Feeds one input to the engine; returns 0, or 1 to stop (strict, I/O). */
static int feed(run *r, skein_engine *e, const char *path, size_t max_line) {
    input *in = input_open(path, max_line, NULL);
    if (!in) return 1;
    const skein_article *a;
    skein_error err;
    int rc, stop = 0;
    while (!stop && (rc = input_next(in, &a, &err)) != 0) {
        r->read++;
        uint64_t story = 0;
        int read = rc == 1;
        if (read && (rc = add(r, e, a, &story)) == SKEIN_OK) {
            r->added++;
            assign(r, a->id, story);
            if (r->store && r->added % r->commit_every == 0) commit(r);
        } else if (rc == SKEIN_EDUP && r->store) {
            r->stored_before++; /* from an earlier run: not an error */
        } else {
            if (read) refused(r, e, &err);
            report(r, input_where(in), rc, &err);
            stop = r->strict || rc == SKEIN_ENOMEM || rc == SKEIN_EDB;
        }
        progress(r);
        stop |= r->failed || interrupted;
    }
    const char *why = input_nothing(in);
    if (why && !r->nothing[0]) snprintf(r->nothing, sizeof(r->nothing), "%s", why);
    input_close(in);
    return stop;
}

static void summary(const run *r, const skein_engine *e, int stats) {
    if (r->progress) fputc('\n', stderr);
    fprintf(stderr, "skein: read %zu, added %zu, skipped %zu", r->read, r->added, r->skipped);
    const char *sep = " (";
    for (int i = 1; i < N_REASONS; i++) {
        if (!r->by_reason[i]) continue;
        fprintf(stderr, "%s%s: %zu", sep, skein_strerror(-i), r->by_reason[i]);
        sep = ", ";
    }
    if (r->stored_before)
        fprintf(stderr, "%salready stored: %zu", sep, r->stored_before), sep = ", ";
    fprintf(stderr, "%s; stories: %zu", *sep == ',' ? ")" : "", r->stories);
    if (r->store) fprintf(stderr, " closed, %zu open", r->ntouched);
    fputc('\n', stderr);
    if (!stats) return;
    if (!e) {
        fputs("skein: --stats: no per-stage timings with --db (the store runs the engine)\n",
              stderr);
        return;
    }
    skein_stats st;
    skein_engine_get_stats(e, &st);
    fprintf(stderr,
            "skein: seconds: clean %.3f, langid %.3f, analyze %.3f, features %.3f, link %.3f\n",
            st.sec_clean, st.sec_langid, st.sec_analyze, st.sec_features, st.sec_link);
}

static int number(const char *s, double *out) {
    char *end;
    *out = strtod(s, &end);
    return *s && !*end ? 0 : -1;
}

/* A run given input that added nothing fails, with the reason in a line. */
static int nothing_added(const run *r) {
    if (r->nothing[0] && !r->read)
        fprintf(stderr, "skein cluster: nothing added: %s\n", r->nothing);
    else
        fprintf(stderr, "skein cluster: nothing added: %zu read, all skipped\n", r->read);
    return 1;
}

typedef struct cli {
    const char *assign_path, *db_path;
    int stats, linker_opts, close;
    size_t max_line;
    uint64_t checkpoint_every;
} cli;

/* getopt's table: the command's options, the linker's, help.  *flags
 * holds the linker options' flag names; free both. */
static struct option *long_options(char **flags) {
    size_t n;
    const skein_option_info *info = skein_option_list(&n);
    struct option *lo = calloc(N_OWN + n + 2, sizeof(*lo));
    char *names = *flags = calloc(n, 64);
    if (!lo || !names) return NULL;
    for (int i = 0; i < N_OWN; i++)
        lo[i] =
            (struct option){own[i].name, own[i].arg ? required_argument : no_argument, 0, 256 + i};
    for (size_t i = 0; i < n; i++)
        lo[N_OWN + i] = (struct option){flag_name(info[i].name, names + 64 * i, 64),
                                        required_argument, 0, LINKER_OPT + (int)i};
    lo[N_OWN + n] = (struct option){"help", no_argument, 0, 'h'};
    return lo;
}

/* One of the command's own options (index i) with its argument. */
static int own_option(int i, const char *arg, cli *c, run *r) {
    double v = 1;
    int bad = own[i].arg && (number(arg, &v) || v < 1);
    switch (i) {
    case O_ASSIGN: c->assign_path = arg, bad = 0; break;
    case O_DB: c->db_path = arg, bad = 0; break;
    case O_STRICT: r->strict = 1; break;
    case O_STATS: c->stats = 1; break;
    case O_TEXT: r->text = 1; break;
    case O_CLOSE: c->close = 1; break;
    case O_CKPT: c->checkpoint_every = (uint64_t)v; break;
    case O_COMMIT: r->commit_every = (size_t)v; break;
    case O_MAXLINE: c->max_line = (size_t)v; break;
    }
    return bad;
}

/* Parses options into o and c; returns -1 to exit 0 (help), 2 on misuse. */
static int parse(int argc, char **argv, skein_options *o, cli *c, run *r) {
    char *flags = NULL;
    struct option *lo = long_options(&flags);
    int ch, rc = lo ? 0 : 2;
    const skein_option_info *info = skein_option_list(NULL);
    optind = 1;
    while (!rc && (ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        double v;
        if (ch == 'h') {
            usage(stdout);
            rc = -1;
        } else if (ch >= LINKER_OPT) {
            c->linker_opts = 1;
            if (number(optarg, &v) || skein_option_set(o, info[ch - LINKER_OPT].name, v)) {
                char b[96];
                skein_option_bounds(&info[ch - LINKER_OPT], b, sizeof(b));
                fprintf(stderr, "skein cluster: bad value '%s' for --%s (%s%s)\n", optarg,
                        lo[N_OWN + ch - LINKER_OPT].name, b,
                        info[ch - LINKER_OPT].type == SKEIN_OPTION_DOUBLE ? "" : ", whole");
                rc = 2;
            }
        } else if (ch >= 256 && ch < 256 + N_OWN) {
            if (own_option(ch - 256, optarg, c, r)) {
                fprintf(stderr, "skein cluster: bad value '%s' for --%s\n", optarg,
                        own[ch - 256].name);
                rc = 2;
            }
        } else {
            usage(stderr);
            rc = 2;
        }
    }
    free(lo);
    free(flags);
    return rc;
}

static void print_open(const skein_story *s, void *ud) {
    run *r = ud;
    if ((r->text ? story_text_write(r->out, s) : story_json_write(r->out, s))) r->failed = 1;
}

static int by_id(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int contains(const uint64_t *v, size_t n, uint64_t x) {
    return n && bsearch(&x, v, n, sizeof(*v), by_id) != NULL;
}

/* Sorts v[0..*n) and drops repeats. */
static void sort_unique(uint64_t *v, size_t *n) {
    if (!*n) return;
    qsort(v, *n, sizeof(*v), by_id);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[k - 1]) v[k++] = v[i];
    *n = k;
}

/* With --db: commits, then prints the stories this run touched that are
 * still open, in id order (those closed were printed as they closed). */
static void finish_store(run *r, int close) {
    if (close && skein_store_close_stories(r->store)) r->failed = 1;
    if (commit(r)) return;
    sort_unique(r->touched, &r->ntouched);
    sort_unique(r->closed, &r->nclosed);
    size_t open = 0;
    for (size_t i = 0; i < r->ntouched; i++) {
        if (contains(r->closed, r->nclosed, r->touched[i])) continue;
        open++;
        if (skein_store_get_story(r->store, r->touched[i], print_open, r)) r->failed = 1;
    }
    r->ntouched = open;
}

static int finish(run *r, skein_engine *e, int stats, int stopped, int close) {
    if (r->store)
        finish_store(r, close);
    else if (!stopped || !r->strict)
        skein_engine_flush(e);
    summary(r, e, stats);
    return stopped || r->failed ? 1 : 0;
}

/* Opens the store and readies it to go on with its stream. */
static int open_store(run *r, const cli *c, const skein_options *o) {
    int status;
    uint64_t replayed = 0;
    skein_error err;
    if (!(r->store = skein_store_new(c->db_path, 0, &err))) {
        fprintf(stderr, "skein cluster: cannot open store %s\n", err.message);
        return 1;
    }
    if (c->checkpoint_every) skein_store_checkpoint_every(r->store, c->checkpoint_every);
    if ((status = skein_store_start(r->store, c->linker_opts ? o : NULL, &replayed))) {
        fprintf(stderr, "skein cluster: cannot go on with store %s: %s\n", c->db_path,
                *skein_store_errmsg(r->store) ? skein_store_errmsg(r->store)
                                              : skein_strerror(status));
        return 1;
    }
    if (replayed)
        fprintf(stderr, "skein cluster: %s: linked %llu articles again after the last checkpoint\n",
                c->db_path, (unsigned long long)replayed);
    skein_store_on_story(r->store, on_story, r);
    return 0;
}

int cmd_cluster(int argc, char **argv) {
    skein_options o;
    skein_options_default(&o);
    cli c = {NULL, NULL, 0, 0, 0, DEFAULT_MAX_LINE, 0};
    run r = {0};
    r.out = stdout;
    r.commit_every = DEFAULT_COMMIT_EVERY;
    int rc = parse(argc, argv, &o, &c, &r);
    if (rc) return rc < 0 ? 0 : rc;
    r.progress = isatty(STDERR_FILENO);
    skein_error err;
    skein_engine *e = NULL; /* without a store; with one, the store runs the engine */
    if (!c.db_path && !(e = skein_engine_new(&o, &err))) {
        fprintf(stderr, "skein cluster: %s: %s\n", skein_strerror(err.code), err.message);
        return 2;
    }
    /* with a store, acknowledgements of earlier runs are kept: append */
    if (c.assign_path && !(r.assign = fopen(c.assign_path, c.db_path ? "a" : "w"))) {
        fprintf(stderr, "skein cluster: cannot write %s\n", c.assign_path);
        skein_engine_free(e);
        return 1;
    }
    struct sigaction sa = {0}; /* before the store starts: a stop waits for the replay */
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    if (c.db_path && open_store(&r, &c, &o)) rc = 1;
    if (e) skein_engine_on_story(e, on_story, &r);
    int stopped = rc;
    if (!rc && optind == argc) stopped = feed(&r, e, "-", c.max_line);
    for (int i = optind; !rc && !stopped && i < argc; i++)
        stopped = feed(&r, e, argv[i], c.max_line);
    if (!rc) rc = finish(&r, e, c.stats, stopped, c.close);
    if (!rc && !stopped && !r.added && !r.stored_before) rc = nothing_added(&r);
    if (interrupted) fprintf(stderr, "skein cluster: interrupted; what was committed is kept\n");
    skein_engine_free(e);
    skein_store_free(r.store);
    free(r.touched);
    free(r.closed);
    free(r.acks);
    if (r.assign && fclose(r.assign)) rc = 1;
    return rc;
}
