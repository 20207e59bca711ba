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

/* Story s told through *memo, checked against a telling from scratch (the
 * same record, byte for byte); the memo's told record into *out. */
static void told_both(const skein_story *s, skein__tell_memo **memo, skein__told *out) {
    skein__told once;
    assert_int_equal(skein__story_tell(s, NULL, &once), SKEIN_OK);
    assert_int_equal(skein__story_tell_memo(s, NULL, memo, out), SKEIN_OK);
    char *a = skein__told_json(&once), *b = skein__told_json(out);
    int same = a && b && !strcmp(a, b);
    if (!same) fprintf(stderr, "%zu members:\n%s\n%s\n", s->size, a, b);
    free(a), free(b), skein__told_release(&once);
    assert_true(same);
}

/* The told entity of the name with last key k; NULL. */
static const skein__told_name *told_name(const skein__told *t, uint64_t k) {
    for (size_t i = 0; i < t->nnames; i++)
        if (t->names[i].last == k) return &t->names[i];
    return NULL;
}

/* Articles that join change what was told of the earlier ones: a name the
 * first article gives as a person is a place by most mentions once the
 * second joins, and the third's sentence, naming both names the story now
 * has in two articles, takes the lead from the first's.  Told through the
 * memo, each step is told as from scratch (nothing kept goes stale). */
static void memo_joining_changes_earlier(void **state) {
    (void)state;
    enum { JORDAN = 0x1001, SMITH = 0x2002 };
    static const char s0[] = "Jordan said on Monday that talks would go on for a week.";
    static const char s1[] = "Troops massed near Jordan, the border guard said.";
    static const char s2[] = "Smith flew to Jordan.";
    /* spans of the names in the sentences above (not in titles) */
    static const skein_span j0[] = {{0, 6, 0}}, j1[] = {{19, 25, 0}, {19, 25, 0}, {19, 25, 0}},
                            m1[] = {{0, 5, 1}}, j2[] = {{14, 20, 0}}, m2[] = {{0, 5, 0}};
    static const skein_name_note n0[] = {
        {"Jordan", SKEIN_KIND_PERSON, 1, 1, 0, NULL, {JORDAN}, 1, 0, j0}};
    static const skein_name_note n1[] = {
        {"Jordan", SKEIN_KIND_PLACE, 3, 1, 0, NULL, {JORDAN}, 1, 0, j1},
        {"Smith", SKEIN_KIND_PERSON, 1, 1, 0, NULL, {SMITH}, 1, 0, m1}};
    static const skein_name_note n2[] = {
        {"Smith", SKEIN_KIND_PERSON, 1, 1, 0, NULL, {SMITH}, 1, 0, m2},
        {"Jordan", SKEIN_KIND_PLACE, 1, 1, 0, NULL, {JORDAN}, 1, 0, j2}};
    static const skein_sentence_note t0[] = {{s0, {0, sizeof(s0) - 1, 0}}},
                                     t1[] = {{s1, {0, sizeof(s1) - 1, 0}}},
                                     t2[] = {{s2, {0, sizeof(s2) - 1, 0}}};
    skein_notes notes[3];
    memset(notes, 0, sizeof(notes));
    notes[0].names = n0, notes[0].nnames = 1, notes[0].sentences = t0, notes[0].nsentences = 1;
    notes[1].names = n1, notes[1].nnames = 2, notes[1].sentences = t1, notes[1].nsentences = 1;
    notes[2].names = n2, notes[2].nnames = 2, notes[2].sentences = t2, notes[2].nsentences = 1;
    const int64_t t = INT64_C(1700000000);
    const skein_member m[3] = {
        {"a0", "en", "one.example", "Jordan says talks go on", t, &notes[0]},
        {"a1", "en", "two.example", "Smith: troops at the border", t + 600, &notes[1]},
        {"a2", "en", "three.example", "Smith in Jordan", t + 1200, &notes[2]}};
    skein__tell_memo *memo = NULL;
    skein__told out;
    skein_story s = story_of(m, 1);
    told_both(&s, &memo, &out);
    assert_non_null(told_name(&out, JORDAN));
    assert_int_equal(told_name(&out, JORDAN)->kind, SKEIN_KIND_PERSON);
    assert_true(out.nlead >= 1 && out.lead[0].member == 0);
    skein__told_release(&out);
    s = story_of(m, 2); /* the second article: Jordan is a place by most mentions */
    told_both(&s, &memo, &out);
    assert_int_equal(told_name(&out, JORDAN)->kind, SKEIN_KIND_PLACE);
    skein__told_release(&out);
    s = story_of(m, 3); /* the third: its sentence names the two names of two articles */
    told_both(&s, &memo, &out);
    assert_int_equal(told_name(&out, SMITH)->articles, 2);
    assert_true(out.nlead >= 1 && out.lead[0].member == 2);
    skein__told_release(&out);
    skein__tell_memo_free(memo);
}

#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

static const struct CMUnitTest tests[] = {
    FX_TEST(memo_as_articles_join),
    FX_TEST(memo_other_members),
    FX_TEST(copies_as_members_join),
    cmocka_unit_test(memo_joining_changes_earlier),
};

SKEIN_TEST_GROUP(tell_memo, tests)
