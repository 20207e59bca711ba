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
#define DEFAULT_MAX_LINE (4u << 20)

#define DEFAULT_COMMIT_EVERY 1000

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
} run;

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { interrupted = sig; }

static void usage(FILE *f) {
    skein_options o;
    skein_options_default(&o);
    fprintf(f,
            "usage: skein cluster [OPTIONS] [INPUT ...]\n\n"
            "Groups articles into stories and prints one JSON line per story.\n"
            "INPUT is a JSON-lines file, a folder of .txt files, or - for stdin (default).\n\n"
            "options:\n"
            "  --assignments FILE    write {\"id\",\"story\"} per article, in input order (with\n                        --db: appended, once committed)\n"
            "  --db FILE             keep articles and stories in the SQLite store FILE and\n"
            "                        go on with the stories a previous run left there\n"
            "  --commit-every N      with --db, commit (and acknowledge) every N articles\n"
            "                        (default %d)\n"
            "  --close               with --db, close every open story at the end\n"
            "  --checkpoint-every N  with --db, save the engine every N articles (default\n"
            "                        20000): a restart links at most that many again\n"
            "  --strict              stop at the first bad record (exit status 1)\n"
            "  --threshold X         similarity needed to join a story (default %.2f)\n"
            "  --cross-threshold X   same, across languages (default %.2f)\n"
            "  --window-days D       close stories idle this long in stream time (default %.0f)\n"
            "  --time-scale-days D   similarity halves this far from a story (default %.0f)\n"
            "  --max-line-bytes N    longer lines are skipped (default %u)\n"
            "  --weights B,T,N,Y,U   weights of the body, title, name, year and number\n"
            "                        cosines (default %g,%g,%g,%g,%g)\n"
            "  --top-features N      features kept per story and subspace (default %d)\n"
            "  --text                print stories for people instead of JSON lines\n"
            "  --stats               print per-stage timings to stderr at the end\n"
            "  -h, --help            this help\n",
            DEFAULT_COMMIT_EVERY, o.threshold, o.cross_threshold, o.window_days, o.time_scale_days, DEFAULT_MAX_LINE,
            o.w_body, o.w_title, o.w_names, o.w_years, o.w_numbers, o.top_features);
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

static void report(run *r, const char *where, int rc, const char *field) {
    r->skipped++;
    r->by_reason[(size_t)(-rc) % N_REASONS]++;
    if (field)
        fprintf(stderr, "skein: %s: skipped: %s (field \"%s\")\n", where, skein_strerror(rc), field);
    else
        fprintf(stderr, "skein: %s: skipped: %s\n", where, skein_strerror(rc));
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
        if (!p) r->failed = 1;
        else r->acks = p, r->acks_cap = cap;
    }
    if (!r->failed) memcpy(r->acks + r->acks_len, line, len), r->acks_len += len;
    free(line);
}

/* Commits the store, then acknowledges what it holds now. */
static int commit(run *r) {
    int rc = skein_store_commit(r->store);
    if (rc) {
        fprintf(stderr, "skein cluster: commit failed: %s\n", skein_strerror(rc));
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
    input *in = input_open(path, max_line);
    if (!in) return 1;
    skein_json_article ja;
    const char *field;
    int rc, stop = 0;
    while (!stop && (rc = input_next(in, &ja, &field)) != 0) {
        r->read++;
        uint64_t story = 0;
        if (rc == 1 && (rc = add(r, e, &ja.a, &story)) == SKEIN_OK) {
            r->added++;
            assign(r, ja.a.id, story);
            if (r->store && r->added % r->commit_every == 0) commit(r);
        } else if (rc == SKEIN_EDUP && r->store) {
            r->stored_before++; /* from an earlier run: not an error */
        } else {
            report(r, input_where(in), rc, field);
            stop = r->strict || rc == SKEIN_ENOMEM || rc == SKEIN_EDB;
        }
        skein_json_article_release(&ja);
        progress(r);
        stop |= r->failed || interrupted;
    }
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
    if (r->stored_before) fprintf(stderr, "%salready stored: %zu", sep, r->stored_before), sep = ", ";
    fprintf(stderr, "%s; stories: %zu", *sep == ',' ? ")" : "", r->stories);
    if (r->store) fprintf(stderr, " closed, %zu open", r->ntouched);
    fputc('\n', stderr);
    if (!stats) return;
    if (!e) {
        fputs("skein: --stats: no per-stage timings with --db (the store runs the engine)\n", stderr);
        return;
    }
    skein_stats st;
    skein_engine_stats(e, &st);
    fprintf(stderr,
            "skein: seconds: clean %.3f, langid %.3f, analyze %.3f, features %.3f, link %.3f\n",
            st.sec_clean, st.sec_langid, st.sec_analyze, st.sec_features, st.sec_link);
}

enum { O_ASSIGN = 256, O_DB, O_STRICT, O_TH, O_XTH, O_WIN, O_TSCALE, O_MAXLINE, O_STATS, O_WEIGHTS,
       O_TOP, O_TEXT, O_COMMIT, O_CLOSE, O_CKPT };

static const struct option long_opts[] = {
    {"assignments", required_argument, 0, O_ASSIGN}, {"db", required_argument, 0, O_DB},
    {"strict", no_argument, 0, O_STRICT},           {"threshold", required_argument, 0, O_TH},
    {"cross-threshold", required_argument, 0, O_XTH}, {"window-days", required_argument, 0, O_WIN},
    {"time-scale-days", required_argument, 0, O_TSCALE},
    {"max-line-bytes", required_argument, 0, O_MAXLINE}, {"stats", no_argument, 0, O_STATS},
    {"weights", required_argument, 0, O_WEIGHTS}, {"top-features", required_argument, 0, O_TOP},
    {"text", no_argument, 0, O_TEXT}, {"commit-every", required_argument, 0, O_COMMIT},
    {"close", no_argument, 0, O_CLOSE}, {"checkpoint-every", required_argument, 0, O_CKPT},
    {"help", no_argument, 0, 'h'},                  {0, 0, 0, 0}};

static int number(const char *s, double *out) {
    char *end;
    *out = strtod(s, &end);
    return *s && !*end ? 0 : -1;
}

typedef struct cli {
    const char *assign_path, *db_path;
    int stats, linker_opts, close;
    size_t max_line;
    uint64_t checkpoint_every;
} cli;

/* Parses options into o and c; returns -1 to exit 0 (help), 2 on misuse. */
static int parse(int argc, char **argv, skein_options *o, cli *c, run *r) {
    int ch;
    double v;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        int bad = 0;
        if (ch == O_TH || ch == O_XTH || ch == O_WIN || ch == O_TSCALE || ch == O_TOP || ch == O_WEIGHTS)
            c->linker_opts = 1;
        switch (ch) {
        case O_ASSIGN: c->assign_path = optarg; break;
        case O_DB: c->db_path = optarg; break;
        case O_STRICT: r->strict = 1; break;
        case O_STATS: c->stats = 1; break;
        case O_TEXT: r->text = 1; break;
        case O_CLOSE: c->close = 1; break;
        case O_CKPT: bad = number(optarg, &v) || v < 1; c->checkpoint_every = (uint64_t)v; break;
        case O_COMMIT: bad = number(optarg, &v) || v < 1; r->commit_every = (size_t)v; break;
        case O_TH: bad = number(optarg, &o->threshold); break;
        case O_XTH: bad = number(optarg, &o->cross_threshold); break;
        case O_WIN: bad = number(optarg, &o->window_days); break;
        case O_TSCALE: bad = number(optarg, &o->time_scale_days); break;
        case O_MAXLINE: bad = number(optarg, &v) || v < 1; c->max_line = (size_t)v; break;
        case O_TOP: bad = number(optarg, &v) || v < 1; o->top_features = (int)v; break;
        case O_WEIGHTS:
            bad = sscanf(optarg, "%lf,%lf,%lf,%lf,%lf", &o->w_body, &o->w_title, &o->w_names,
                         &o->w_years, &o->w_numbers) != 5;
            break;
        case 'h': usage(stdout); return -1;
        default: usage(stderr); return 2;
        }
        if (bad) {
            fprintf(stderr, "skein cluster: bad value '%s'\n", optarg);
            return 2;
        }
    }
    return 0;
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
    if (r->store) finish_store(r, close);
    else if (!stopped || !r->strict) skein_engine_flush(e);
    summary(r, e, stats);
    return stopped || r->failed ? 1 : 0;
}

/* Opens the store and readies it to go on with its stream. */
static int open_store(run *r, const cli *c, const skein_options *o) {
    int status;
    uint64_t replayed = 0;
    if (!(r->store = skein_store_open(c->db_path, 0, &status))) {
        fprintf(stderr, "skein cluster: cannot open store %s: %s\n", c->db_path, skein_strerror(status));
        return 1;
    }
    if (c->checkpoint_every) skein_store_checkpoint_every(r->store, c->checkpoint_every);
    if ((status = skein_store_start(r->store, c->linker_opts ? o : NULL, &replayed))) {
        if (status == SKEIN_EINVAL)
            fprintf(stderr, "skein cluster: store %s was made with other linker options (or these "
                            "are out of range), or by an older skein that kept no texts; use a new "
                            "file\n", c->db_path);
        else
            fprintf(stderr, "skein cluster: cannot start store %s: %s\n", c->db_path, skein_strerror(status));
        return 1;
    }
    if (replayed) fprintf(stderr, "skein cluster: %s: linked %llu articles again after the last checkpoint\n",
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
    int status;
    skein_engine *e = NULL; /* without a store; with one, the store runs the engine */
    if (!c.db_path && !(e = skein_engine_new(&o, &status))) {
        fprintf(stderr, "skein cluster: %s\n", skein_strerror(status));
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
    for (int i = optind; !rc && !stopped && i < argc; i++) stopped = feed(&r, e, argv[i], c.max_line);
    if (!rc) rc = finish(&r, e, c.stats, stopped, c.close);
    if (interrupted) fprintf(stderr, "skein cluster: interrupted; what was committed is kept\n");
    skein_engine_free(e);
    skein_store_close(r.store);
    free(r.touched);
    free(r.closed);
    free(r.acks);
    if (r.assign && fclose(r.assign)) rc = 1;
    return rc;
}
