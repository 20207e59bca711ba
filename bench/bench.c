/* bench.c -- articles/second and memory of the whole pipeline and each stage.
 *
 * usage: skein_bench [-n ARTICLES] [-o STREAM.jsonl] [-g 1]
 *        skein_bench -i STREAM.jsonl [-t THREADS] [-d STORE.db]
 *
 * With -i, the stream is real text (bench/replicate.c makes it long): its
 * lines are read into memory, then parsed and added as `skein cluster`
 * does, prepared ahead on THREADS threads (default 1) in batches of 512,
 * and with -d through a store that commits every 1,000 articles.  Prints
 * articles/s and microseconds per article for the whole and for each stage
 * (extraction, telling and the store included), the cost per article over
 * the tenth of the stream that ends at 10%, 50% and 100%, the CPU time per
 * article in each tenth (flat is the goal), and the peak memory.
 *
 * Without -i: *
 * Generates a deterministic synthetic stream (pseudo-words from syllables,
 * Zipf-distributed background vocabulary, events with their own names and
 * terms, ~3 KB texts, 2,000 articles per day of stream time), writes it as
 * JSON lines when -o is given, then runs it through the library: JSON parse
 * (read stage) and skein_engine_add (clean, langid, analyze, features, link).
 * Prints one line per stage and the resident memory at each quarter of the
 * stream, so growth over the stream is visible.  With -g 1 it only writes
 * the stream (bench/scale.sh feeds a long one to the CLI). */
#include "skein.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define VOCAB 50000
#define EVENTS_LIVE 400
#define WORDS_PER_TEXT 430
#define PER_DAY 2000

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t next(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static char vocab[VOCAB][16];
static double zipf_cdf[VOCAB];

static void make_word(char *w, size_t cap, uint64_t seed, int capital) {
    static const char *syl[] = {"ka",  "lo",  "mer", "tan", "si", "ve",  "ru", "dor", "pe",  "na",
                                "gri", "sto", "li",  "an",  "ko", "bel", "ta", "mi",  "zor", "en"};
    size_t n = 2 + seed % 3, len = 0;
    for (size_t i = 0; i < n && len + 4 < cap; i++) {
        const char *s = syl[(seed >> (4 + i * 5)) % 20];
        len += (size_t)snprintf(w + len, cap - len, "%s", s);
    }
    if (capital) w[0] = (char)(w[0] - 32);
}

static void setup(void) {
    double sum = 0;
    for (int i = 0; i < VOCAB; i++) {
        make_word(vocab[i], sizeof(vocab[i]), (uint64_t)i * 2654435761u + 7, 0);
        sum += 1.0 / (i + 1);
        zipf_cdf[i] = sum;
    }
    for (int i = 0; i < VOCAB; i++) zipf_cdf[i] /= sum;
}

static const char *zipf_word(void) {
    double u = (double)(next() % 1000000) / 1e6;
    int lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zipf_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return vocab[lo];
}

typedef struct event {
    char names[4][20];
    const char *terms[24];
} event;

static void make_event(event *e, uint64_t id) {
    for (int i = 0; i < 4; i++)
        make_word(e->names[i], sizeof(e->names[i]), id * 31 + (uint64_t)i, 1);
    for (int i = 0; i < 24; i++) e->terms[i] = vocab[100 + next() % (VOCAB - 100)];
}

/* Appends a JSON string body (our words need no escaping). */
static size_t put(char *buf, size_t at, size_t cap, const char *s) {
    size_t n = strlen(s);
    if (at + n + 1 >= cap) return at;
    memcpy(buf + at, s, n);
    return at + n;
}

static size_t make_article(char *buf, size_t cap, uint64_t i, const event *ev, int64_t day0) {
    size_t at = (size_t)snprintf(buf, cap,
                                 "{\"id\":\"a%llu\",%s\"source\":\"outlet%llu.example\","
                                 "\"published\":%lld,\"title\":\"",
                                 (unsigned long long)i, i % 5 ? "\"lang\":\"en\"," : "",
                                 (unsigned long long)(i % 50),
                                 (long long)(day0 + (int64_t)i * 86400 / PER_DAY));
    for (int w = 0; w < 9; w++) {
        at = put(buf, at, cap, w % 3 == 0 ? ev->names[next() % 4] : ev->terms[next() % 24]);
        at = put(buf, at, cap, " ");
    }
    at = put(buf, at, cap, "\",\"text\":\"");
    for (int w = 0; w < WORDS_PER_TEXT; w++) {
        uint64_t r = next() % 100;
        const char *word = r < 6    ? ev->names[next() % 4]
                           : r < 30 ? ev->terms[next() % 24]
                                    : zipf_word();
        at = put(buf, at, cap, word);
        at = put(buf, at, cap, w % 18 == 17 ? ". " : " ");
    }
    return put(buf, at, cap, "\"}");
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f && fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    if (f) fclose(f);
    return resident * 4;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The process's CPU seconds (all its threads), which what else runs on the
 * machine moves less than the clock. */
static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- real text (-i) ------------------------------------------------------ */

#define REAL_BATCH 512 /* as `skein cluster` reads ahead */
#define REAL_COMMIT 1000

typedef struct lines {
    char **v;
    size_t n, bytes;
} lines;

static int read_lines(const char *path, lines *l) {
    FILE *f = fopen(path, "r");
    if (!f) return fprintf(stderr, "skein_bench: cannot read %s\n", path), -1;
    char *line = NULL;
    size_t cap = 0, vcap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (l->n == vcap &&
            !(l->v = realloc(l->v, (vcap = vcap ? vcap * 2 : 4096) * sizeof(char *))))
            return -1;
        if (!(l->v[l->n++] = strdup(line))) return -1;
        l->bytes += (size_t)len;
    }
    free(line);
    fclose(f);
    return 0;
}

typedef struct real_run {
    skein_engine *e;
    skein_store *st;
    unsigned threads;
    double t_read;
    uint64_t ok, refused;
} real_run;

typedef struct parsed {
    skein_json_article ja[REAL_BATCH];
    const skein_article *a[REAL_BATCH];
    size_t n;
} parsed;

/* Adds the articles of p in order (committing every REAL_COMMIT). */
static int real_add(real_run *r, parsed *p) {
    for (size_t i = 0; i < p->n; i++) {
        int rc =
            r->st ? skein_store_add(r->st, p->a[i], NULL) : skein_engine_add(r->e, p->a[i], NULL);
        if (rc == SKEIN_OK)
            r->ok++;
        else
            r->refused++;
        if (r->st && rc == SKEIN_OK && r->ok % REAL_COMMIT == 0 && skein_store_commit(r->st))
            return -1;
    }
    return 0;
}

/* One batch as `skein cluster` does it: parsed (timed as the read stage),
 * its prepare started, then the batch before added while it runs.  n = 0
 * adds the last batch. */
static int real_batch(real_run *r, char **v, size_t n) {
    static parsed pb[2];
    static int cur;
    parsed *next = &pb[!cur];
    double t0 = now();
    next->n = 0;
    for (size_t i = 0; i < n; i++)
        if (skein_json_article_parse(v[i], strlen(v[i]), &next->ja[next->n], NULL) == SKEIN_OK)
            next->a[next->n] = &next->ja[next->n].a, next->n++;
    r->refused += n - next->n;
    r->t_read += now() - t0;
    if (r->threads > 1 && r->st)
        skein_store_prepare_start(r->st, next->a, next->n, r->threads);
    else if (r->threads > 1)
        skein_engine_prepare_start(r->e, next->a, next->n, r->threads);
    int rc = real_add(r, &pb[cur]);
    for (size_t i = 0; i < pb[cur].n; i++) skein_json_article_release(&pb[cur].ja[i]);
    pb[cur].n = 0;
    cur = !cur;
    return rc;
}

static void real_stats(const real_run *r, skein_stats *st) {
    if (r->st)
        skein_store_stage_stats(r->st, st);
    else
        skein_engine_get_stats(r->e, st);
}

/* The seconds of each stage after the read, as real_report lists them. */
static void stage_secs(const skein_stats *st, double secs[8]) {
    double v[] = {st->sec_clean,    st->sec_langid, st->sec_analyze, st->sec_extract,
                  st->sec_features, st->sec_link,   st->sec_tell,    st->sec_store};
    memcpy(secs, v, sizeof(v));
}

/* tenth_n[i]: the articles linked in the window of tenth i (a batch is
 * added while the next one is read, so a window lags its tenth by a batch). */
static void real_report(const real_run *r, size_t n, size_t bytes, double total,
                        const double tenth[10], const double tenth_cpu[10],
                        const double tenth_stage[10][8], const double tenth_n[10]) {
    skein_stats st;
    real_stats(r, &st);
    printf("bench: %zu articles (%llu linked), %.0f bytes/article, %llu stories, %u thread%s%s\n",
           n, (unsigned long long)r->ok, (double)bytes / (double)n, (unsigned long long)st.stories,
           r->threads, r->threads > 1 ? "s" : "", r->st ? ", with the store" : "");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    printf("bench: %-9s %9.0f articles/s %9.1f us/article (%.2f s by the clock; %.0f articles "
           "per CPU second, reading the file included)\n",
           "pipeline", (double)n / total, 1e6 * total / (double)n, total, (double)n / cpu);
    const char *names[] = {"read",     "clean", "langid", "analyze", "extract",
                           "features", "link",  "tell",   "store"};
    double secs[9];
    secs[0] = r->t_read;
    stage_secs(&st, secs + 1);
    for (int i = 0; i < 9; i++) {
        if (i == 8 && !r->st) continue;
        printf("bench: %-9s %9.0f articles/s %9.1f us/article (%.2f s)", names[i],
               secs[i] > 0 ? (double)n / secs[i] : 0.0, 1e6 * secs[i] / (double)n, secs[i]);
        if (i) /* the stage's cost in the first and last tenth (done on this thread or ahead) */
            printf(", first/last tenth %.1f/%.1f", 1e6 * tenth_stage[0][i - 1] / tenth_n[0],
                   1e6 * tenth_stage[9][i - 1] / tenth_n[9]);
        printf("\n");
    }
    printf("bench: us/article over the tenth ending at 10%%: %.1f, 50%%: %.1f, 100%%: %.1f "
           "(last/first %.2f)\n",
           1e6 * tenth[0] / tenth_n[0], 1e6 * tenth[4] / tenth_n[4], 1e6 * tenth[9] / tenth_n[9],
           (tenth[9] / tenth_n[9]) / (tenth[0] / tenth_n[0]));
    printf("bench: CPU us/article by tenth:");
    for (int i = 0; i < 10; i++) printf(" %.0f", 1e6 * tenth_cpu[i] / tenth_n[i]);
    printf(" (last/first %.2f)\n", (tenth_cpu[9] / tenth_n[9]) / (tenth_cpu[0] / tenth_n[0]));
}

/* Stories are told, as for `skein cluster`, and then dropped. */
static void drop_story(const skein_story *s, void *ud) { (void)s, (void)ud; }

static int real_text(const char *path, unsigned threads, const char *db) {
    lines l = {0};
    if (read_lines(path, &l) || !l.n) return 1;
    real_run r = {0};
    r.threads = threads;
    skein_error err;
    if (db) {
        remove(db);
        if (!(r.st = skein_store_new(db, 0, &err)) || skein_store_start(r.st, NULL, NULL))
            return fprintf(stderr, "skein_bench: cannot start the store %s\n", db), 1;
    } else if (!(r.e = skein_engine_new(NULL, &err))) {
        return 1;
    } else {
        skein_engine_on_story(r.e, drop_story, NULL);
    }
    double tenth[10] = {0}, tenth_cpu[10] = {0}, start = now(), mark = start, cpu_mark = cpu_now();
    double tenth_stage[10][8] = {{0}}, stage_mark[8] = {0}, tenth_n[10] = {0};
    uint64_t added_mark = 0;
    size_t next_tenth = 1;
    for (size_t at = 0; at < l.n;) {
        size_t n = l.n - at < REAL_BATCH ? l.n - at : REAL_BATCH;
        if (r.st) { /* a batch never crosses a commit */
            size_t left = REAL_COMMIT - r.ok % REAL_COMMIT;
            if (n > left) n = left;
        }
        size_t end = at + n, cut = next_tenth * l.n / 10;
        if (next_tenth <= 10 && end > cut && cut > at) n = cut - at, end = cut;
        if (real_batch(&r, l.v + at, n)) return 1;
        at = end;
        while (next_tenth <= 10 && at >= next_tenth * l.n / 10) {
            double t = now(), c = cpu_now();
            tenth[next_tenth - 1] = t - mark, mark = t;
            tenth_cpu[next_tenth - 1] = c - cpu_mark, cpu_mark = c;
            tenth_n[next_tenth - 1] = r.ok > added_mark ? (double)(r.ok - added_mark) : 1;
            added_mark = r.ok;
            skein_stats st;
            double secs[8];
            real_stats(&r, &st);
            stage_secs(&st, secs);
            for (int i = 0; i < 8; i++)
                tenth_stage[next_tenth - 1][i] = secs[i] - stage_mark[i], stage_mark[i] = secs[i];
            next_tenth++;
        }
    }
    if (real_batch(&r, NULL, 0) || real_batch(&r, NULL, 0)) return 1; /* the last two */
    if (r.st && skein_store_commit(r.st)) return 1;
    if (r.e) skein_engine_flush(r.e);
    real_report(&r, l.n, l.bytes, now() - start, tenth, tenth_cpu, tenth_stage, tenth_n);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench: peak rss %ld KB\n", ru.ru_maxrss);
    skein_engine_free(r.e);
    skein_store_free(r.st);
    for (size_t i = 0; i < l.n; i++) free(l.v[i]);
    free(l.v);
    return 0;
}

int main(int argc, char **argv) {
    uint64_t n = 100000;
    const char *out = NULL, *in = NULL, *db = NULL;
    int only_write = 0;
    unsigned threads = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-n"))
            n = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "-o"))
            out = argv[i + 1];
        else if (!strcmp(argv[i], "-g"))
            only_write = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-i"))
            in = argv[i + 1];
        else if (!strcmp(argv[i], "-d"))
            db = argv[i + 1];
        else if (!strcmp(argv[i], "-t"))
            threads = (unsigned)atoi(argv[i + 1]);
    }
    if (in) return real_text(in, threads ? threads : 1, db);
    setup();
    FILE *fo = out ? fopen(out, "w") : NULL;
    static event live[EVENTS_LIVE];
    for (int i = 0; i < EVENTS_LIVE; i++) make_event(&live[i], (uint64_t)i);
    uint64_t next_event = EVENTS_LIVE;
    skein_engine *e = skein_engine_new(NULL, NULL);
    if (!e) return 1;
    static char buf[1 << 16];
    double t_read = 0, t_add = 0;
    uint64_t bytes = 0, ok = 0;
    for (uint64_t i = 0; i < n; i++) {
        if (next() % 8 == 0)
            make_event(&live[next() % EVENTS_LIVE], next_event++); /* news moves on */
        size_t len = make_article(buf, sizeof(buf), i, &live[next() % EVENTS_LIVE], 1700000000);
        if (fo) fprintf(fo, "%.*s\n", (int)len, buf);
        bytes += len;
        if (only_write) continue;
        double t0 = now();
        skein_json_article ja;
        if (skein_json_article_parse(buf, len, &ja, NULL) != SKEIN_OK) return 1;
        double t1 = now();
        ok += skein_engine_add(e, &ja.a, NULL) == SKEIN_OK;
        t_add += now() - t1, t_read += t1 - t0;
        skein_json_article_release(&ja);
        if ((i + 1) % (n / 4 ? n / 4 : 1) == 0)
            printf("bench: after %8llu articles: rss %6ld KB, open stories %zu\n",
                   (unsigned long long)(i + 1), rss_kb(), skein_engine_open_stories(e));
    }
    if (only_write) {
        skein_engine_free(e);
        return fo && fclose(fo) == 0 ? 0 : 1;
    }
    skein_stats st;
    skein_engine_get_stats(e, &st);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double total = t_read + t_add;
    printf("bench: %llu articles (%llu linked), %.0f bytes/article average, %llu stories\n",
           (unsigned long long)n, (unsigned long long)ok, (double)bytes / (double)n,
           (unsigned long long)st.stories);
    printf("bench: %-9s %10.0f articles/s  (%.2f s)\n", "pipeline", (double)n / total, total);
    const char *names[] = {"read", "clean", "langid", "analyze", "features", "link"};
    double secs[] = {t_read,         st.sec_clean,    st.sec_langid,
                     st.sec_analyze, st.sec_features, st.sec_link};
    for (int i = 0; i < 6; i++)
        printf("bench: %-9s %10.0f articles/s  (%.2f s)\n", names[i], (double)n / secs[i], secs[i]);
    printf("bench: peak rss %ld KB\n", ru.ru_maxrss);
    skein_engine_free(e);
    if (fo) fclose(fo);
    return 0;
}
