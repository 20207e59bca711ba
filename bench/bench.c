/* bench.c -- articles/second and memory of the whole pipeline and each stage.
 *
 * usage: skein_bench [-n ARTICLES] [-o STREAM.jsonl] [-g 1]
 *
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

int main(int argc, char **argv) {
    uint64_t n = 100000;
    const char *out = NULL;
    int only_write = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-n"))
            n = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "-o"))
            out = argv[i + 1];
        else if (!strcmp(argv[i], "-g"))
            only_write = atoi(argv[i + 1]);
    }
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
