/* test_state.c -- engine checkpoints: a stream cut anywhere, saved, loaded
 * into a new engine and carried on gives the same stories as one run.
 *
 * The stream is the project's fixtures (tests/fixtures/crosslingual.jsonl,
 * events.jsonl, story.jsonl) in file order.  Runs compare everything the
 * caller sees: each article's story id and every closed story's told record. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "skein.h"
#include "util.h"

#define MAX_ARTICLES 128

typedef struct stream {
    skein_json_article a[MAX_ARTICLES];
    size_t n;
} stream;

static int stream_setup(void **state) {
    stream *s = calloc(1, sizeof(*s));
    if (!s) return -1;
    s->n = skein_test_load_articles("crosslingual.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    s->n = skein_test_load_articles("events.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    s->n = skein_test_load_articles("story.jsonl", s->a, s->n, MAX_ARTICLES, 1);
    *state = s;
    return 0;
}

static int stream_teardown(void **state) {
    stream *s = *state;
    for (size_t i = 0; i < s->n; i++) skein_json_article_release(&s->a[i]);
    free(s);
    return 0;
}

/* What a run shows: story ids per article, then closed stories' records;
 * and each article's notes as its story took them, by article id (what the
 * store's log keeps for a checkpoint that leaves notes out). */
typedef struct seen {
    sbuf out;
    const char *id[MAX_ARTICLES];
    skein_notes *notes[MAX_ARTICLES];
    size_t n;
    const char *missing; /* this id's notes are not given back, */
    int missing_rc;      /* with this code (0: SKEIN_EPARSE) */
} seen;

static void seen_release(seen *r) {
    for (size_t i = 0; i < r->n; i++) skein_notes_free(r->notes[i]);
    r->n = 0;
}

static skein_notes *kept_notes(void *ud, uint64_t story, const char *id, int *rc) {
    (void)story;
    const seen *r = ud;
    *rc = SKEIN_EPARSE;
    if (r->missing && !strcmp(r->missing, id)) {
        if (r->missing_rc) *rc = r->missing_rc;
        return NULL;
    }
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->id[i], id)) return skein_notes_copy(r->notes[i]);
    return NULL;
}

static void on_story(const skein_story *st, void *ud) {
    seen *r = ud;
    char head[64];
    snprintf(head, sizeof(head), "closed %llu size %zu\n", (unsigned long long)st->id, st->size);
    skein__sbuf_adds(&r->out, head);
    skein__sbuf_adds(&r->out, st->report ? st->report : "(no report)");
    skein__sbuf_addc(&r->out, '\n');
}

static skein_engine *engine(const skein_options *o, seen *r) {
    skein_error status;
    skein_engine *e = skein_engine_new(o, &status);
    assert_non_null(e);
    skein_engine_on_story(e, on_story, r);
    return e;
}

static void feed(skein_engine *e, const stream *s, size_t from, size_t to, seen *r) {
    for (size_t i = from; i < to; i++) {
        uint64_t id = 0;
        assert_int_equal(skein_engine_add(e, &s->a[i].a, &id), SKEIN_OK);
        const skein_notes *n = skein__engine_last(e)->notes;
        assert_true(r->n < MAX_ARTICLES);
        r->id[r->n] = s->a[i].a.id;
        r->notes[r->n++] = n ? skein_notes_copy(n) : NULL;
        char line[96];
        snprintf(line, sizeof(line), "%s -> %llu\n", s->a[i].a.id, (unsigned long long)id);
        skein__sbuf_adds(&r->out, line);
    }
}

/* One run, or two with a checkpoint at `cut` between them (cut == SIZE_MAX:
 * one), the checkpoint holding its members' notes or leaving them to `r`. */
static char *run(const stream *s, const skein_options *o, size_t cut, int notes_kept) {
    seen r = {0};
    skein__sbuf_init(&r.out);
    skein_engine *e = engine(o, &r);
    if (cut == SIZE_MAX) {
        feed(e, s, 0, s->n, &r);
    } else {
        feed(e, s, 0, cut, &r);
        sbuf blob;
        skein__sbuf_init(&blob);
        assert_int_equal(skein__engine_save(e, &blob, notes_kept), SKEIN_OK);
        skein_engine_free(e); /* open stories are dropped, not closed */
        e = engine(o, &r);
        skein__notes_source kept = {kept_notes, &r};
        assert_int_equal(skein__engine_load(e, blob.buf, blob.len, notes_kept ? &kept : NULL),
                         SKEIN_OK);
        skein__sbuf_release(&blob);
        feed(e, s, cut, s->n, &r);
    }
    assert_int_equal(skein_engine_flush(e), SKEIN_OK);
    skein_engine_free(e);
    seen_release(&r);
    return r.out.buf;
}

static void check_cuts(const stream *s, const skein_options *o) {
    char *whole = run(s, o, SIZE_MAX, 0);
    assert_non_null(strstr(whole, "closed"));
    const size_t cuts[] = {0, 1, 7, s->n / 2, s->n - 1, s->n};
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
        for (int kept = 0; kept < 2; kept++) {
            char *split = run(s, o, cuts[i], kept);
            if (strcmp(whole, split) != 0)
                fail_msg("cut at %zu, notes %s: runs differ", cuts[i], kept ? "kept" : "saved");
            free(split);
        }
    free(whole);
}

static void test_cut_anywhere_same_stories(void **state) {
    skein_options o;
    skein_options_default(&o);
    check_cuts(*state, &o);
}

/* Stories closing mid-stream (a short window, few open stories at once)
 * make the engine reuse slots and close from both sides of the cut. */
static void test_cut_with_closing_stories(void **state) {
    skein_options o;
    skein_options_default(&o);
    o.window_days = 2;
    o.max_active = 3;
    check_cuts(*state, &o);
}

static void save_some(const stream *s, sbuf *blob) {
    skein_error status;
    skein_engine *e = skein_engine_new(NULL, &status);
    seen r = {0};
    skein__sbuf_init(&r.out);
    skein_engine_on_story(e, on_story, &r);
    feed(e, s, 0, 12, &r);
    assert_int_equal(skein__engine_save(e, blob, 0), SKEIN_OK);
    skein_engine_free(e);
    seen_release(&r);
    skein__sbuf_release(&r.out);
}

/* A checkpoint that left its notes out is smaller, and is refused without
 * them: with no source, or one that lacks an article's notes (or has no
 * memory for them: then SKEIN_ENOMEM, not a damaged checkpoint). */
static void test_notes_left_out_must_come_back(void **state) {
    const stream *s = *state;
    seen r = {0};
    skein__sbuf_init(&r.out);
    skein_engine *e = engine(NULL, &r);
    feed(e, s, 0, 12, &r);
    sbuf whole, lean;
    skein__sbuf_init(&whole), skein__sbuf_init(&lean);
    assert_int_equal(skein__engine_save(e, &whole, 0), SKEIN_OK);
    assert_int_equal(skein__engine_save(e, &lean, 1), SKEIN_OK);
    skein_engine_free(e);
    assert_true(lean.len < whole.len);
    skein__notes_source kept = {kept_notes, &r};
    e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, lean.buf, lean.len, NULL), SKEIN_EPARSE);
    skein_engine_free(e);
    r.missing = s->a[5].a.id;
    e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, lean.buf, lean.len, &kept), SKEIN_EPARSE);
    skein_engine_free(e);
    r.missing_rc = SKEIN_ENOMEM;
    e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, lean.buf, lean.len, &kept), SKEIN_ENOMEM);
    skein_engine_free(e);
    r.missing = NULL;
    e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, lean.buf, lean.len, &kept), SKEIN_OK);
    assert_int_equal(skein_engine_add(e, &s->a[3].a, NULL), SKEIN_EDUP);
    skein_engine_free(e);
    seen_release(&r);
    skein__sbuf_release(&r.out), skein__sbuf_release(&whole), skein__sbuf_release(&lean);
}

static void test_load_refuses_other_options(void **state) {
    sbuf blob;
    skein__sbuf_init(&blob);
    save_some(*state, &blob);
    skein_options o;
    skein_options_default(&o);
    o.threshold += 0.01;
    skein_engine *e = skein_engine_new(&o, NULL);
    assert_int_equal(skein__engine_load(e, blob.buf, blob.len, NULL), SKEIN_EINVAL);
    skein_engine_free(e);
    skein__sbuf_release(&blob);
}

/* Every truncation and many single-byte flips are refused (the checksum),
 * never a crash; the untouched blob still loads. */
static void test_load_refuses_corrupt_blobs(void **state) {
    sbuf blob;
    skein__sbuf_init(&blob);
    save_some(*state, &blob);
    for (size_t n = 0; n < blob.len; n += 1 + n / 3) {
        skein_engine *e = skein_engine_new(NULL, NULL);
        assert_int_equal(skein__engine_load(e, blob.buf, n, NULL), SKEIN_EPARSE);
        skein_engine_free(e);
    }
    for (size_t at = 0; at < blob.len; at += 1 + blob.len / 97) {
        blob.buf[at] ^= 0x5a;
        skein_engine *e = skein_engine_new(NULL, NULL);
        assert_int_equal(skein__engine_load(e, blob.buf, blob.len, NULL), SKEIN_EPARSE);
        skein_engine_free(e);
        blob.buf[at] ^= 0x5a;
    }
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, blob.buf, blob.len, NULL), SKEIN_OK);
    skein_engine_free(e);
    skein__sbuf_release(&blob);
}

/* A loaded engine remembers the ids it had seen. */
static void test_loaded_engine_knows_seen_ids(void **state) {
    const stream *s = *state;
    sbuf blob;
    skein__sbuf_init(&blob);
    save_some(s, &blob);
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_int_equal(skein__engine_load(e, blob.buf, blob.len, NULL), SKEIN_OK);
    assert_int_equal(skein_engine_add(e, &s->a[3].a, NULL), SKEIN_EDUP);
    assert_int_equal(skein_engine_add(e, &s->a[12].a, NULL), SKEIN_OK);
    skein_engine_free(e);
    skein__sbuf_release(&blob);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_cut_anywhere_same_stories, stream_setup, stream_teardown),
    cmocka_unit_test_setup_teardown(test_cut_with_closing_stories, stream_setup, stream_teardown),
    cmocka_unit_test_setup_teardown(test_load_refuses_other_options, stream_setup, stream_teardown),
    cmocka_unit_test_setup_teardown(test_notes_left_out_must_come_back, stream_setup,
                                    stream_teardown),
    cmocka_unit_test_setup_teardown(test_load_refuses_corrupt_blobs, stream_setup, stream_teardown),
    cmocka_unit_test_setup_teardown(test_loaded_engine_knows_seen_ids, stream_setup,
                                    stream_teardown),
};

SKEIN_TEST_GROUP(state, tests)
