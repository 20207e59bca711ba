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
 * only for committed articles: they are the acknowledgements.
 *
 * With --threads N > 1 it reads records in batches of BATCH and has the
 * engine prepare each batch on N threads (skein_engine_prepare_start) while
 * it adds the batch before, one article at a time in input order: the output
 * is the same as with one thread. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_REASONS 16
#define DEFAULT_MAX_LINE 4194304

#define DEFAULT_COMMIT_EVERY 1000
/* Records read ahead for the threads.  With 256, batches whose linking
 * outlasted their preparation left a core idle more often (ECB+ x20, two
 * threads: 512 runs 5% faster than 256; 1,024 no faster than 512).  Two
 * batches are held at once: at most 2 x 512 records of --max-line-bytes. */
#define BATCH 512
#define STR_(x) #x
#define STR(x) STR_(x)

/* One record read ahead: the article, or why it could not be read. */
typedef struct slot {
    skein_article a; /* the article read (rc 1) */
    skein_error err;
    int rc;      /* input_next's */
    char *where; /* input_where's, owned */
    char *copy;  /* a's strings, copied when it is kept past the next read */
} slot;

typedef struct run {
    FILE *out, *assign;
    skein_store *store;
    int strict, progress, failed, text;
    unsigned threads;
    slot *batch; /* two batches of BATCH */
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
enum {
    O_ASSIGN,
    O_DB,
    O_COMMIT,
    O_CKPT,
    O_CLOSE,
    O_STRICT,
    O_MAXLINE,
    O_TEXT,
    O_STATS,
    O_THREADS,
    N_OWN
};
static const struct own_option {
    const char *name, *arg, *help;
} own[N_OWN] = {
    {"assignments", "FILE",
     "write {\"id\",\"story\"} per article, in input order, and a later line for an article a "
     "story's split or merge moves (with --db: appended, once committed; no splits or merges)"},
    {"db", "FILE",
     "keep articles and stories in the store FILE (SQLite; or a postgresql:// URI) and go on with "
     "the stories a previous run left there"},
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
    {"stats", NULL,
     "print per-stage timings to stderr at the end (stages done per article: CPU seconds summed "
     "over the threads)"},
    {"threads", "N",
     "prepare articles (checks, cleaning, language, analysis, extraction) on N threads, reading "
     "up to " STR(BATCH) " records ahead; linking stays one step in input order, and the output is "
                         "the same for every N (default: the cores; 1 reads one record at a time)"},
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

/* A story's split or merge moved an article already assigned: a later line
 * says so. */
static void on_moved(const char *id, uint64_t story, void *ud) { assign(ud, id, story); }

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

/* One record read: added, or reported; returns 1 to stop (strict, I/O). */
static int handle(run *r, skein_engine *e, slot *x) {
    r->read++;
    uint64_t story = 0;
    int read = x->rc == 1, rc = x->rc, stop = 0;
    if (read && (rc = add(r, e, &x->a, &story)) == SKEIN_OK) {
        r->added++;
        assign(r, x->a.id, story);
        if (r->store && r->added % r->commit_every == 0) commit(r);
    } else if (rc == SKEIN_EDUP && r->store) {
        r->stored_before++; /* from an earlier run: not an error */
    } else {
        if (read) refused(r, e, &x->err);
        report(r, x->where ? x->where : "?", rc, &x->err);
        stop = r->strict || rc == SKEIN_ENOMEM || rc == SKEIN_EDB;
    }
    progress(r);
    return stop || r->failed || interrupted;
}

/* Waits for the batch the workers prepare. */
static void prepare_wait(run *r, skein_engine *e) {
    if (r->store)
        skein_store_prepare_wait(r->store);
    else
        skein_engine_prepare_wait(e);
}

/* Has the engine start preparing the articles read in b[0..n) on the
 * threads (after the batch before is done).  A failure here only costs
 * time: each article is then done as it is added. */
static void prepare(run *r, skein_engine *e, slot *b, size_t n) {
    const skein_article *a[BATCH];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (b[i].rc == 1) a[k++] = &b[i].a;
    if (k < 2) {
        prepare_wait(r, e);
        return;
    }
    if (r->store)
        skein_store_prepare_start(r->store, a, k, r->threads);
    else
        skein_engine_prepare_start(e, a, k, r->threads);
}

/* Copies the strings of x's article into x->copy, so that it outlives the
 * next read.  0, or -1 when out of memory. */
static int own_strings(slot *x) {
    const char **f[] = {&x->a.id, &x->a.title, &x->a.text, &x->a.lang, &x->a.source, &x->a.url};
    size_t n = 0;
    for (size_t i = 0; i < 6; i++) n += *f[i] ? strlen(*f[i]) + 1 : 0;
    char *w = x->copy = malloc(n ? n : 1);
    if (!w) return -1;
    for (size_t i = 0; i < 6; i++) {
        if (!*f[i]) continue;
        size_t len = strlen(*f[i]) + 1;
        memcpy(w, *f[i], len);
        *f[i] = w, w += len;
    }
    return 0;
}

/* Reads up to `want` records into b; sets *end at the end of the input.
 * An article lives until the next read, so it is copied when more than one
 * is held at once. */
static size_t read_batch(input *in, slot *b, size_t want, int *end) {
    size_t n = 0;
    while (n < want) {
        slot *x = &b[n];
        const skein_article *a = NULL;
        if ((x->rc = input_next(in, &a, &x->err)) == 0) {
            *end = 1;
            break;
        }
        if (x->rc == 1) x->a = *a;
        x->where = strdup(input_where(in));
        x->copy = NULL;
        if (want > 1 && x->rc == 1 && own_strings(x)) {
            memset(&x->err, 0, sizeof(x->err));
            x->rc = SKEIN_ENOMEM;
        }
        n++;
    }
    return n;
}

/* Feeds one input to the engine; returns 0, or 1 to stop (strict, I/O). */
static int feed(run *r, skein_engine *e, const char *path, size_t max_line) {
    input *in = input_open(path, max_line, NULL);
    if (!in) return 1;
    /* one record at a time with one thread; else a batch is read and
     * prepared while the one before is added */
    size_t want = r->threads > 1 ? BATCH : 1;
    int stop = 0, end = 0;
    slot *cur = r->batch, *next = r->batch + BATCH;
    size_t ncur = read_batch(in, cur, want, &end);
    prepare(r, e, cur, ncur);
    while (ncur) {
        size_t nnext = 0;
        if (want > 1 && !stop && !end) {
            nnext = read_batch(in, next, want, &end);
            prepare(r, e, next, nnext); /* waits for cur's first */
        }
        for (size_t i = 0; i < ncur && !stop; i++) stop = handle(r, e, &cur[i]);
        /* cur's articles may still be read by the workers unless next's
         * preparation, which waits for cur's, was started; next's are
         * freed unread after a stop */
        if (stop || nnext == 0) prepare_wait(r, e);
        for (size_t i = 0; i < ncur; i++) free(cur[i].where), free(cur[i].copy);
        if (want == 1 && !stop && !end) nnext = read_batch(in, next, want, &end);
        slot *t = cur;
        cur = next, next = t, ncur = nnext;
    }
    prepare_wait(r, e);
    const char *why = input_nothing(in);
    if (why && !r->nothing[0]) snprintf(r->nothing, sizeof(r->nothing), "%s", why);
    input_close(in);
    return stop;
}

/* --stats: seconds per stage, with or without a store. */
static void stage_times(const run *r, const skein_engine *e) {
    skein_stats st;
    if (r->store ? skein_store_stage_stats(r->store, &st) : (skein_engine_get_stats(e, &st), 0))
        return;
    fprintf(stderr,
            "skein: seconds: clean %.3f, langid %.3f, analyze %.3f, extract %.3f, features %.3f, "
            "link %.3f, tell %.3f, store %.3f (threads: %u)\n",
            st.sec_clean, st.sec_langid, st.sec_analyze, st.sec_extract, st.sec_features,
            st.sec_link, st.sec_tell, st.sec_store, r->threads);
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
    if (stats) stage_times(r, e);
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
    case O_THREADS:
        bad |= v > 64;
        r->threads = (unsigned)v;
        break;
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
        char where[256];
        fprintf(stderr, "skein cluster: cannot go on with store %s: %s\n",
                skein_store_where(c->db_path, where, sizeof(where)),
                *skein_store_errmsg(r->store) ? skein_store_errmsg(r->store)
                                              : skein_strerror(status));
        return 1;
    }
    char where[256];
    if (replayed)
        fprintf(stderr,
                "skein cluster: %s: linked %llu articles again after the last usable checkpoint\n",
                skein_store_where(c->db_path, where, sizeof(where)), (unsigned long long)replayed);
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
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    r.threads = cores < 1 ? 1 : cores > 64 ? 64 : (unsigned)cores;
    int rc = parse(argc, argv, &o, &c, &r);
    if (rc) return rc < 0 ? 0 : rc;
    if (!(r.batch = calloc(2 * BATCH, sizeof(*r.batch)))) {
        fprintf(stderr, "skein cluster: out of memory\n");
        return 1;
    }
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
    if (e) skein_engine_on_story(e, on_story, &r), skein_engine_on_move(e, on_moved, &r);
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
    free(r.batch);
    if (r.assign && fclose(r.assign)) rc = 1;
    return rc;
}
