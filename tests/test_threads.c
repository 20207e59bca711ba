/* test_threads.c -- one engine per thread is safe: two engines (and two
 * stores) on two threads at once tell the same stories as one thread alone.
 *
 * The stream is the project's multilingual fixtures.  Each run writes every
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

typedef struct stream {
    skein_json_article a[MAX_ARTICLES];
    size_t n;
} stream;

typedef struct run {
    const stream *in;
    const char *db;  /* NULL: an engine alone; else a store at this path */
    char *out;       /* what was told, one story a line */
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

static void run_engine(run *r) {
    skein_engine *e = skein_engine_new(NULL, &r->rc);
    if (!e) return;
    skein_engine_on_story(e, on_story, r);
    for (size_t i = 0; i < r->in->n && !r->rc; i++) r->rc = skein_engine_add(e, &r->in->a[i].a, NULL);
    if (!r->rc) r->rc = skein_engine_flush(e);
    skein_engine_free(e);
}

static void run_store(run *r) {
    unlink(r->db);
    skein_store *s = skein_store_open(r->db, 0, &r->rc);
    if (!s) return;
    if (!(r->rc = skein_store_start(s, NULL, NULL))) {
        for (size_t i = 0; i < r->in->n && !r->rc; i++) r->rc = skein_store_add(s, &r->in->a[i].a, NULL);
        if (!r->rc) r->rc = skein_store_close_stories(s);
        if (!r->rc) r->rc = skein_store_each_story(s, on_story, r);
    }
    skein_store_close(s);
}

static void *run_thread(void *ud) {
    run *r = ud;
    if (r->db) run_store(r);
    else run_engine(r);
    return NULL;
}

static void load(stream *s) {
    s->n = 0;
    s->n = skein_test_load_articles("crosslingual.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    s->n = skein_test_load_articles("story.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    s->n = skein_test_load_articles("events.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    s->n = skein_test_load_articles("quotes_gold.jsonl", s->a, s->n, MAX_ARTICLES, 1);
}

static void release(stream *s) {
    for (size_t i = 0; i < s->n; i++) skein_json_article_release(&s->a[i]);
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

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(two_engines),
    cmocka_unit_test(two_stores),
};

SKEIN_TEST_GROUP(threads, tests)
