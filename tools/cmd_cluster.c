/* cmd_cluster.c -- `skein cluster`: a stream of articles in, stories out.
 *
 * Reads every INPUT in order, feeds each article to one engine, and prints a
 * story as a JSON line when the engine closes it (idle past the window, or at
 * the end).  Bad records are reported with their location and skipped unless
 * --strict.  --db also writes the stories to a SQLite store. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_REASONS 16
#define DEFAULT_MAX_LINE (4u << 20)

typedef struct run {
    FILE *out, *assign;
    skein_store *store;
    int strict, progress, failed, text;
    size_t read, added, skipped, by_reason[N_REASONS];
    size_t stories;
} run;

static void usage(FILE *f) {
    skein_options o;
    skein_options_default(&o);
    fprintf(f,
            "usage: skein cluster [OPTIONS] [INPUT ...]\n\n"
            "Groups articles into stories and prints one JSON line per story.\n"
            "INPUT is a JSON-lines file, a folder of .txt files, or - for stdin (default).\n\n"
            "options:\n"
            "  --assignments FILE    write {\"id\",\"story\"} per article, in input order\n"
            "  --db FILE             also store articles and stories in SQLite FILE\n"
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
            o.threshold, o.cross_threshold, o.window_days, o.time_scale_days, DEFAULT_MAX_LINE,
            o.w_body, o.w_title, o.w_names, o.w_years, o.w_numbers, o.top_features);
}

static void on_story(const skein_story *s, void *ud) {
    run *r = ud;
    r->stories++;
    if ((r->text ? story_text_write(r->out, s) : story_json_write(r->out, s))) r->failed = 1;
    if (r->store && skein_store_put_story(r->store, s) != SKEIN_OK) r->failed = 1;
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
    fputs("{\"id\":", r->assign);
    json_write_string(r->assign, id);
    fprintf(r->assign, ",\"story\":%llu}\n", (unsigned long long)story);
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
        if (rc == 1 && (rc = skein_engine_add(e, &ja.a, &story)) == SKEIN_OK) {
            r->added++;
            assign(r, ja.a.id, story);
        } else {
            report(r, input_where(in), rc, field);
            stop = r->strict || rc == SKEIN_ENOMEM;
        }
        skein_json_article_release(&ja);
        progress(r);
        stop |= r->failed;
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
    fprintf(stderr, "%s; stories: %zu\n", *sep == ',' ? ")" : "", r->stories);
    if (!stats) return;
    skein_stats st;
    skein_engine_stats(e, &st);
    fprintf(stderr,
            "skein: seconds: clean %.3f, langid %.3f, analyze %.3f, features %.3f, link %.3f\n",
            st.sec_clean, st.sec_langid, st.sec_analyze, st.sec_features, st.sec_link);
}

enum { O_ASSIGN = 256, O_DB, O_STRICT, O_TH, O_XTH, O_WIN, O_TSCALE, O_MAXLINE, O_STATS, O_WEIGHTS,
       O_TOP, O_TEXT };

static const struct option long_opts[] = {
    {"assignments", required_argument, 0, O_ASSIGN}, {"db", required_argument, 0, O_DB},
    {"strict", no_argument, 0, O_STRICT},           {"threshold", required_argument, 0, O_TH},
    {"cross-threshold", required_argument, 0, O_XTH}, {"window-days", required_argument, 0, O_WIN},
    {"time-scale-days", required_argument, 0, O_TSCALE},
    {"max-line-bytes", required_argument, 0, O_MAXLINE}, {"stats", no_argument, 0, O_STATS},
    {"weights", required_argument, 0, O_WEIGHTS}, {"top-features", required_argument, 0, O_TOP},
    {"text", no_argument, 0, O_TEXT},
    {"help", no_argument, 0, 'h'},                  {0, 0, 0, 0}};

static int number(const char *s, double *out) {
    char *end;
    *out = strtod(s, &end);
    return *s && !*end ? 0 : -1;
}

typedef struct cli {
    const char *assign_path, *db_path;
    int stats;
    size_t max_line;
} cli;

/* Parses options into o and c; returns -1 to exit 0 (help), 2 on misuse. */
static int parse(int argc, char **argv, skein_options *o, cli *c, run *r) {
    int ch;
    double v;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        int bad = 0;
        switch (ch) {
        case O_ASSIGN: c->assign_path = optarg; break;
        case O_DB: c->db_path = optarg; break;
        case O_STRICT: r->strict = 1; break;
        case O_STATS: c->stats = 1; break;
        case O_TEXT: r->text = 1; break;
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

static int finish(run *r, skein_engine *e, int stats, int stopped) {
    if (!stopped || !r->strict) skein_engine_flush(e);
    if (r->store && skein_store_commit(r->store) != SKEIN_OK) r->failed = 1;
    summary(r, e, stats);
    return stopped || r->failed ? 1 : 0;
}

/* Opens a new store; one that already holds stories is refused, because
 * continuing a stream across runs is not supported yet. */
static int open_store(run *r, const char *path) {
    int status;
    uint64_t n = 0;
    if (!(r->store = skein_store_open(path, &status)) || (status = skein_store_count(r->store, &n))) {
        fprintf(stderr, "skein cluster: cannot open store %s: %s\n", path, skein_strerror(status));
        return 1;
    }
    if (n) {
        fprintf(stderr, "skein cluster: store %s already holds %llu stories; use a new file\n", path,
                (unsigned long long)n);
        return 1;
    }
    return skein_store_begin(r->store) ? 1 : 0;
}

int cmd_cluster(int argc, char **argv) {
    skein_options o;
    skein_options_default(&o);
    cli c = {NULL, NULL, 0, DEFAULT_MAX_LINE};
    run r = {0};
    r.out = stdout;
    int rc = parse(argc, argv, &o, &c, &r);
    if (rc) return rc < 0 ? 0 : rc;
    r.progress = isatty(STDERR_FILENO);
    int status;
    skein_engine *e = skein_engine_new(&o, &status);
    if (!e) {
        fprintf(stderr, "skein cluster: %s\n", skein_strerror(status));
        return 2;
    }
    if (c.assign_path && !(r.assign = fopen(c.assign_path, "w"))) {
        fprintf(stderr, "skein cluster: cannot write %s\n", c.assign_path);
        skein_engine_free(e);
        return 1;
    }
    if (c.db_path && open_store(&r, c.db_path)) rc = 1;
    skein_engine_on_story(e, on_story, &r);
    int stopped = rc;
    if (!rc && optind == argc) stopped = feed(&r, e, "-", c.max_line);
    for (int i = optind; !rc && !stopped && i < argc; i++) stopped = feed(&r, e, argv[i], c.max_line);
    if (!rc) rc = finish(&r, e, c.stats, stopped);
    skein_engine_free(e);
    skein_store_close(r.store);
    if (r.assign && fclose(r.assign)) rc = 1;
    return rc;
}
