/* test_threads.c -- one engine per thread is safe: two engines (and two
 * stores) on two threads at once tell the same stories as one thread alone;
 * and one engine preparing articles on several threads
 * (skein_engine_prepare) answers and tells the same as without.
 *
 * The stream is the project's multilingual fixtures, read by each run as
 * JSON lines (the reader runs on the threads too).  Each run writes every
 * story it closes (id, size, the story told) into a text; the texts of the
 * concurrent runs must equal the text of the run made alone.  Under
 * ThreadSanitizer (`make tsan`) this also shows that nothing the library
 * keeps is shared between engines without a lock. */
#include "test.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "skein.h"

#define MAX_ARTICLES 128

/* The fixtures' lines; each run parses them itself, as a stream would. */
typedef struct stream {
    char *lines[MAX_ARTICLES];
    size_t n;
} stream;

typedef struct run {
    const stream *in;
    const char *db; /* NULL: an engine alone; else a store at this path */
    char *out;      /* what was told, one story a line */
    size_t len;
    int rc;
} run;

static void append(run *r, const char *s) {
    size_t n = strlen(s);
    char *p = realloc(r->out, r->len + n + 2);
    if (!p) {
        r->rc = SKEIN_ENOMEM;
        return;
    }
    memcpy(p + r->len, s, n);
    p[r->len + n] = '\n';
    p[r->len + n + 1] = 0;
    r->out = p, r->len += n + 1;
}

static void on_story(const skein_story *s, void *ud) {
    run *r = ud;
    char head[64];
    snprintf(head, sizeof(head), "%llu %zu", (unsigned long long)s->id, s->size);
    append(r, head);
    append(r, s->report ? s->report : "(not told)");
}

/* Line i of the stream, read into ja (Ukrainian reports too: the engine
 * then loads the Hunspell dictionary on its thread). */
static int read_line(run *r, size_t i, skein_json_article *ja) {
    const char *line = r->in->lines[i];
    return (r->rc = skein_json_article_parse(line, strlen(line), ja, NULL)) == SKEIN_OK;
}

static void run_engine(run *r) {
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) {
        r->rc = err.code;
        return;
    }
    skein_engine_on_story(e, on_story, r);
    for (size_t i = 0; i < r->in->n && !r->rc; i++) {
        skein_json_article ja;
        if (!read_line(r, i, &ja)) continue;
        r->rc = skein_engine_add(e, &ja.a, NULL);
        skein_json_article_release(&ja);
    }
    if (!r->rc) r->rc = skein_engine_flush(e);
    skein_engine_free(e);
}

static void run_store(run *r) {
    unlink(r->db);
    skein_error err;
    skein_store *s = skein_store_new(r->db, 0, &err);
    if (!s) {
        r->rc = err.code;
        return;
    }
    if (!(r->rc = skein_store_start(s, NULL, NULL))) {
        for (size_t i = 0; i < r->in->n && !r->rc; i++) {
            skein_json_article ja;
            if (!read_line(r, i, &ja)) continue;
            r->rc = skein_store_add(s, &ja.a, NULL);
            skein_json_article_release(&ja);
        }
        if (!r->rc) r->rc = skein_store_close_stories(s);
        if (!r->rc) r->rc = skein_store_each_story(s, on_story, r);
    }
    skein_store_free(s);
}

static void *run_thread(void *ud) {
    run *r = ud;
    if (r->db)
        run_store(r);
    else
        run_engine(r);
    return NULL;
}

static void load_file(stream *s, const char *name) {
    char path[512], line[1 << 16];
    snprintf(path, sizeof(path), "%s/%s", skein_test_fixtures, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof(line), f) && s->n < MAX_ARTICLES) s->lines[s->n++] = strdup(line);
    fclose(f);
}

static void load(stream *s) {
    s->n = 0;
    load_file(s, "crosslingual.jsonl");
    load_file(s, "story.jsonl");
    load_file(s, "events.jsonl");
    load_file(s, "quotes_gold.jsonl");
}

static void release(stream *s) {
    for (size_t i = 0; i < s->n; i++) free(s->lines[i]);
}

/* Runs `alone` on this thread, then a and b on two threads at once. */
static void compare(run *alone, run *a, run *b) {
    run_thread(alone);
    assert_int_equal(alone->rc, SKEIN_OK);
    assert_non_null(alone->out);
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, run_thread, a), 0);
    assert_int_equal(pthread_create(&tb, NULL, run_thread, b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    assert_int_equal(a->rc, SKEIN_OK);
    assert_int_equal(b->rc, SKEIN_OK);
    assert_string_equal(a->out, alone->out);
    assert_string_equal(b->out, alone->out);
    free(alone->out), free(a->out), free(b->out);
}

static void two_engines(void **state) {
    (void)state;
    static stream s;
    load(&s);
    assert_true(s.n >= 50);
    run alone = {&s, NULL, NULL, 0, 0}, a = alone, b = alone;
    compare(&alone, &a, &b);
    release(&s);
}

static void two_stores(void **state) {
    (void)state;
    static stream s;
    load(&s);
    char p0[64], p1[64], p2[64];
    snprintf(p0, sizeof(p0), "/tmp/skein-threads-%d-0.db", (int)getpid());
    snprintf(p1, sizeof(p1), "/tmp/skein-threads-%d-1.db", (int)getpid());
    snprintf(p2, sizeof(p2), "/tmp/skein-threads-%d-2.db", (int)getpid());
    run alone = {&s, p0, NULL, 0, 0}, a = {&s, p1, NULL, 0, 0}, b = {&s, p2, NULL, 0, 0};
    compare(&alone, &a, &b);
    const char *paths[] = {p0, p1, p2};
    for (int i = 0; i < 3; i++) {
        char extra[80];
        unlink(paths[i]);
        snprintf(extra, sizeof(extra), "%s-writer", paths[i]), unlink(extra);
        snprintf(extra, sizeof(extra), "%s-wal", paths[i]), unlink(extra);
        snprintf(extra, sizeof(extra), "%s-shm", paths[i]), unlink(extra);
    }
    release(&s);
}

/* The stream through one engine, prepared ahead in batches of `batch` on
 * `threads` threads (0: not prepared); every status and story into r->out.
 * An article is skipped in each batch to show that skipping is allowed. */
static void run_prepared(run *r, unsigned threads, size_t batch) {
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    skein_engine_on_story(e, on_story, r);
    skein_json_article ja[32];
    const skein_article *a[32];
    assert_true(batch <= 32);
    for (size_t at = 0; at < r->in->n; at += batch) {
        size_t n = 0;
        for (size_t i = at; i < at + batch && i < r->in->n; i++) {
            const char *line = r->in->lines[i];
            assert_int_equal(skein_json_article_parse(line, strlen(line), &ja[n], NULL), SKEIN_OK);
            a[n] = &ja[n].a, n++;
        }
        if (threads) assert_int_equal(skein_engine_prepare(e, a, n, threads), SKEIN_OK);
        for (size_t i = 0; i < n; i++) {
            char line[64];
            uint64_t story = 0;
            int rc = i == 1 ? 99 : skein_engine_add(e, a[i], &story);
            snprintf(line, sizeof(line), "%zu: %d %llu %s", at + i, rc, (unsigned long long)story,
                     rc && rc != 99 ? skein_engine_errmsg(e) : "");
            append(r, line);
            skein_json_article_release(&ja[i]);
        }
    }
    assert_int_equal(skein_engine_flush(e), SKEIN_OK);
    skein_stats st;
    skein_engine_get_stats(e, &st);
    assert_true(st.sec_analyze > 0 && st.sec_extract > 0 && st.sec_tell > 0);
    skein_engine_free(e);
}

/* Refusals (nothing to read, a duplicate) and stories come out the
 * same, whatever the threads. */
static void prepared(void **state) {
    (void)state;
    static stream s;
    load(&s);
    s.lines[s.n++] = strdup("{\"id\":\"blank\",\"title\":\" \",\"text\":\"\"}");
    s.lines[s.n++] = strdup(s.lines[0]); /* its id came before */
    run alone = {&s, NULL, NULL, 0, 0};
    run_prepared(&alone, 0, 7);
    assert_non_null(alone.out);
    assert_non_null(strstr(alone.out, "came before"));
    const unsigned threads[] = {1, 2, 4};
    for (size_t i = 0; i < 3; i++) {
        run r = {&s, NULL, NULL, 0, 0};
        run_prepared(&r, threads[i], 7);
        assert_string_equal(r.out, alone.out);
        free(r.out);
    }
    free(alone.out);
    release(&s);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(two_engines),
    cmocka_unit_test(prepared),
    cmocka_unit_test(two_stores),
};

SKEIN_TEST_GROUP(threads, tests)
