/* test_tell_memo.c -- a story told as its articles join, with what was read
 * of its members kept between tellings (skein__story_tell_memo, as the store
 * tells an open story at each commit), is told as if read at once
 * (skein__story_tell): the same record, byte for byte, at every step.
 *
 * The story is the project's fixtures (tests/fixtures: seven languages,
 * names across scripts, quotes, events, copies of one text), their notes
 * from skein_engine_extract; some texts come twice from other outlets, so
 * that copies are found across steps. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copies.h"
#include "skein.h"
#include "tell.h"

#define CAP 160

typedef struct fx {
    skein_engine *e;
    skein_json_article a[CAP];
    size_t na;
    skein_member m[CAP];
    skein_notes *notes[CAP];
    size_t n;
    skein__tell_memo *memo;
} fx;

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof(*f));
    if (!f) return -1;
    skein_error status = {1, "", NULL, 0, 0, 0, 0};
    if (!(f->e = skein_engine_new(NULL, &status))) return free(f), -1;
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx *f = *state;
    for (size_t i = 0; i < f->n; i++) skein_notes_free(f->notes[i]);
    for (size_t i = 0; i < f->na; i++) skein_json_article_release(&f->a[i]);
    skein__tell_memo_free(f->memo);
    skein_engine_free(f->e);
    free(f);
    return 0;
}

/* Members from the fixtures, in file order; every fifth text again, later,
 * from another outlet (a copy).  How many. */
static size_t members(fx *f) {
    static const char *files[] = {"story.jsonl", "crosslingual.jsonl", "quotes_gold.jsonl",
                                  "events.jsonl"};
    for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++)
        f->na = skein_test_load_articles(files[k], f->a, f->na, CAP, 1);
    size_t copies = f->na / 5;
    for (size_t i = 0; i < f->na + copies && f->n < CAP; i++) {
        const skein_article *a = &f->a[i < f->na ? i : (i - f->na) * 5].a;
        skein_notes *n = NULL;
        assert_int_equal(skein_engine_extract(f->e, a, &n), SKEIN_OK);
        f->notes[f->n] = n;
        f->m[f->n] = (skein_member){
            a->id, a->lang, i < f->na ? a->source : "copydesk.example", a->title, a->published, n};
        f->n++;
    }
    return f->n;
}

static skein_story story_of(const skein_member *m, size_t n) {
    skein_story s = {7, NULL, n, m, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
    for (size_t i = 0; i < n; i++) {
        int64_t t = m[i].published;
        if (t == SKEIN_NO_TIME) continue;
        if (s.first_seen == SKEIN_NO_TIME || t < s.first_seen) s.first_seen = t;
        if (s.last_seen == SKEIN_NO_TIME || t > s.last_seen) s.last_seen = t;
    }
    if (n) s.title = m[0].title;
    return s;
}

/* Story s told from scratch and through memo f->memo: the same record. */
static void same_told(fx *f, const skein_story *s, const char *step) {
    skein__told once, memo;
    assert_int_equal(skein__story_tell(s, NULL, &once), SKEIN_OK);
    assert_int_equal(skein__story_tell_memo(s, NULL, &f->memo, &memo), SKEIN_OK);
    char *a = skein__told_json(&once), *b = skein__told_json(&memo);
    int same = a && b && !strcmp(a, b);
    if (!same) fprintf(stderr, "at %s (%zu members):\n%s\n%s\n", step, s->size, a, b);
    free(a), free(b);
    skein__told_release(&once), skein__told_release(&memo);
    assert_true(same);
}

/* Articles joining one, two, three... at a time: each telling reads only
 * those that joined, and says what a telling of all says. */
static void memo_as_articles_join(void **state) {
    fx *f = *state;
    size_t n = members(f);
    assert_true(n >= 60);
    skein__told t;
    skein_story all = story_of(f->m, n);
    assert_int_equal(skein__story_tell(&all, NULL, &t), SKEIN_OK);
    size_t copied = 0;
    for (size_t i = 0; i < n; i++) copied += t.original[i] != i;
    assert_true(copied >= 5); /* the copies are found */
    assert_true(t.nnames >= 10 && t.nquotes >= 10);
    skein__told_release(&t);
    for (size_t size = 0, step = 1; size < n; step++) {
        size = size + step < n ? size + step : n;
        skein_story s = story_of(f->m, size);
        same_told(f, &s, "a step");
    }
    skein_story s = story_of(f->m, n); /* told again, nothing new */
    same_told(f, &s, "again");
}

/* Members that are no longer the memo's first (another story, fewer, in
 * another order): read again from the start, told as at once. */
static void memo_other_members(void **state) {
    fx *f = *state;
    size_t n = members(f);
    skein_story s = story_of(f->m, n);
    same_told(f, &s, "all");
    s = story_of(f->m, n / 2);
    same_told(f, &s, "fewer");
    skein_member r[CAP];
    for (size_t i = 0; i < n; i++) r[i] = f->m[n - 1 - i];
    s = story_of(r, n);
    same_told(f, &s, "reversed");
    s = story_of(r + 3, n - 3);
    same_told(f, &s, "another story");
}

/* Copies found as members join are the copies found at once. */
static void copies_as_members_join(void **state) {
    fx *f = *state;
    size_t n = members(f), once[CAP], step[CAP];
    skein__copies_memo *m = NULL;
    for (size_t size = 1; size <= n; size += 7) {
        skein_story s = story_of(f->m, size);
        assert_int_equal(skein__copies(&s, once), 0);
        assert_int_equal(skein__copies_update(&m, &s, step), 0);
        assert_memory_equal(once, step, size * sizeof(*once));
    }
    skein__copies_memo_free(m);
}

#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

static const struct CMUnitTest tests[] = {
    FX_TEST(memo_as_articles_join),
    FX_TEST(memo_other_members),
    FX_TEST(copies_as_members_join),
};

SKEIN_TEST_GROUP(tell_memo, tests)
