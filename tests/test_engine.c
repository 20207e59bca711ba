/* test_engine.c -- the public engine: linking, determinism, errors, eviction,
 * similarity, and the small public helpers (analyze, langid, options).
 *
 * The articles are written for these tests: two unrelated events (a wildfire
 * near Marseille, a housing law in the Dutch parliament), three reports each,
 * interleaved the way a wire stream would deliver them. */
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skein.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define DAY INT64_C(86400)
#define T0 INT64_C(1690000000) /* 2023-07-22 */

static const skein_article fire[] = {
    {"f1", "Wildfire near Marseille forces thousands to evacuate",
     "A fast-moving wildfire near Marseille forced thousands of residents to evacuate on "
     "Tuesday as strong winds pushed the flames toward the suburbs. Firefighters in Marseille "
     "said more than 600 firefighters and six water bombers were fighting the blaze.",
     "en", "wire-a.example", NULL, T0},
    {"f2", "Marseille wildfire: firefighters battle flames as winds rise",
     "Firefighters battled a wildfire on the edge of Marseille through the night, the regional "
     "fire service said. Thousands of residents were evacuated as winds fanned the flames and "
     "water bombers flew over the hills above Marseille.",
     "en", "paper-b.example", NULL, T0 + 3600},
    {"f3", "Winds ease as Marseille wildfire is brought under control",
     "The wildfire that forced thousands to evacuate near Marseille was brought under control on "
     "Wednesday as the winds eased, firefighters said. Evacuated residents of the Marseille "
     "suburbs began returning home.",
     "en", NULL, NULL, T0 + DAY},
};

static const skein_article housing[] = {
    {"h1", "Dutch parliament approves housing law to cap rents",
     "The Dutch parliament approved a housing law on Tuesday that caps rents for middle-income "
     "tenants. Housing minister Hugo de Jonge said the law would make renting affordable for "
     "teachers and nurses in Amsterdam and Utrecht.",
     "en", "wire-a.example", NULL, T0 + 600},
    {"h2", "Rent cap law passes in the Netherlands",
     "Lawmakers in the Netherlands passed a law capping rents for middle-income tenants, after "
     "months of debate. Housing minister Hugo de Jonge said landlords in Amsterdam would have to "
     "lower rents under the new housing law.",
     "en", "paper-c.example", NULL, T0 + 7200},
    {"h3", "Landlords warn Dutch rent cap law will shrink supply",
     "Landlords warned that the rent cap law approved by the Dutch parliament would shrink the "
     "supply of rental housing. Housing minister Hugo de Jonge rejected the criticism and said "
     "tenants in Amsterdam and Utrecht would pay lower rents.",
     "en", "paper-b.example", NULL, T0 + DAY + 600},
};

/* ---- collecting closed stories ------------------------------------------------ */

#define MAX_STORIES 16
#define MAX_MEMBERS 8

typedef struct got_story {
    uint64_t id;
    char title[256];
    size_t size;
    char members[MAX_MEMBERS][16];
    char sources[MAX_MEMBERS][32]; /* "" for none */
    char langs[MAX_MEMBERS][8];
    char titles[MAX_MEMBERS][200];
    int64_t first, last;
} got_story;

typedef struct collect {
    got_story s[MAX_STORIES];
    size_t n;
} collect;

static void copy_str(char *dst, size_t cap, const char *src) {
    assert_true(strlen(src) < cap);
    memcpy(dst, src, strlen(src) + 1);
}

static void on_story(const skein_story *st, void *ud) {
    collect *c = ud;
    assert_true(c->n < MAX_STORIES);
    assert_true(st->size >= 1 && st->size <= MAX_MEMBERS);
    got_story *g = &c->s[c->n++];
    g->id = st->id;
    assert_non_null(st->title);
    copy_str(g->title, sizeof(g->title), st->title);
    g->size = st->size;
    g->first = st->first_seen;
    g->last = st->last_seen;
    for (size_t i = 0; i < st->size; i++) {
        copy_str(g->members[i], sizeof(g->members[i]), st->members[i].id);
        copy_str(g->sources[i], sizeof(g->sources[i]),
                 st->members[i].source ? st->members[i].source : "");
        copy_str(g->langs[i], sizeof(g->langs[i]), st->members[i].lang ? st->members[i].lang : "");
        copy_str(g->titles[i], sizeof(g->titles[i]),
                 st->members[i].title ? st->members[i].title : "");
    }
}

static skein_engine *new_engine(const skein_options *o, collect *c) {
    skein_error status = {1, "", NULL, 0, 0, 0, 0};
    skein_engine *e = skein_engine_new(o, &status);
    assert_non_null(e);
    assert_int_equal(status.code, SKEIN_OK);
    if (c) skein_engine_on_story(e, on_story, c);
    return e;
}

static uint64_t add(skein_engine *e, const skein_article *a) {
    uint64_t id = 0;
    int rc = skein_engine_add(e, a, &id);
    if (rc != SKEIN_OK) print_error("article %s: %s\n", a->id, skein_strerror(rc));
    assert_int_equal(rc, SKEIN_OK);
    assert_true(id >= 1);
    return id;
}

/* Adds the six articles interleaved; story ids into ids[6] (f1 h1 f2 h2 f3 h3). */
static void add_interleaved(skein_engine *e, uint64_t ids[6]) {
    for (size_t i = 0; i < 3; i++) {
        ids[2 * i] = add(e, &fire[i]);
        ids[2 * i + 1] = add(e, &housing[i]);
    }
}

static void expect_members(const got_story *g, const char *a, const char *b, const char *c) {
    assert_int_equal(g->size, 3);
    assert_string_equal(g->members[0], a);
    assert_string_equal(g->members[1], b);
    assert_string_equal(g->members[2], c);
}

/* ---- linking ---------------------------------------------------------------------- */

static void two_events_two_stories(void **state) {
    (void)state;
    collect c = {0};
    skein_engine *e = new_engine(NULL, &c);
    uint64_t ids[6];
    add_interleaved(e, ids);
    /* Ids count up from 1 in stream order: the fire opens 1, housing 2. */
    const uint64_t want[6] = {1, 2, 1, 2, 1, 2};
    for (size_t i = 0; i < 6; i++) assert_int_equal(ids[i], want[i]);
    assert_int_equal(skein_engine_open_stories(e), 2);
    assert_int_equal(c.n, 0); /* nothing closed before the flush */

    assert_int_equal(skein_engine_flush(e), SKEIN_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(skein_engine_open_stories(e), 0);
    assert_int_equal(c.s[0].id, 1); /* flushed in id order */
    assert_int_equal(c.s[1].id, 2);
    expect_members(&c.s[0], "f1", "f2", "f3");
    expect_members(&c.s[1], "h1", "h2", "h3");
    assert_string_equal(c.s[0].sources[0], "wire-a.example");
    assert_string_equal(c.s[0].sources[2], ""); /* f3 gave no source */
    /* Time span: earliest and latest member. */
    assert_int_equal(c.s[0].first, T0);
    assert_int_equal(c.s[0].last, T0 + DAY);
    assert_int_equal(c.s[1].first, T0 + 600);
    assert_int_equal(c.s[1].last, T0 + DAY + 600);
    /* The headline is one of the members' titles. */
    int found = 0;
    for (size_t i = 0; i < 3; i++) found |= strcmp(c.s[0].title, fire[i].title) == 0;
    assert_true(found);

    skein_stats st;
    skein_engine_get_stats(e, &st);
    assert_int_equal(st.articles, 6);
    assert_int_equal(st.stories, 2);
    assert_true(st.sec_analyze >= 0 && st.sec_link >= 0);
    /* A second flush has nothing left to close. */
    assert_int_equal(skein_engine_flush(e), SKEIN_OK);
    assert_int_equal(c.n, 2);
    skein_engine_free(e);
}

static void deterministic(void **state) {
    (void)state;
    collect c1 = {0}, c2 = {0};
    uint64_t ids1[6], ids2[6];
    skein_engine *e1 = new_engine(NULL, &c1);
    add_interleaved(e1, ids1);
    skein_engine_flush(e1);
    skein_engine_free(e1);
    skein_engine *e2 = new_engine(NULL, &c2);
    add_interleaved(e2, ids2);
    skein_engine_flush(e2);
    skein_engine_free(e2);
    assert_memory_equal(ids1, ids2, sizeof(ids1));
    assert_int_equal(c1.n, c2.n);
    for (size_t i = 0; i < c1.n; i++) {
        assert_int_equal(c1.s[i].id, c2.s[i].id);
        assert_string_equal(c1.s[i].title, c2.s[i].title);
        assert_int_equal(c1.s[i].size, c2.s[i].size);
        for (size_t k = 0; k < c1.s[i].size; k++)
            assert_string_equal(c1.s[i].members[k], c2.s[i].members[k]);
    }
}

/* Flush without a callback drops the stories; freeing with open stories is fine. */
static void no_callback(void **state) {
    (void)state;
    skein_engine *e = new_engine(NULL, NULL);
    add(e, &fire[0]);
    add(e, &housing[0]);
    assert_int_equal(skein_engine_open_stories(e), 2);
    assert_int_equal(skein_engine_flush(e), SKEIN_OK);
    assert_int_equal(skein_engine_open_stories(e), 0);
    add(e, &fire[1]); /* a new story after the flush, with the next id */
    skein_engine_free(e);
    skein_engine_free(NULL);
    assert_int_equal(skein_engine_flush(NULL), SKEIN_EINVAL);
    assert_int_equal(skein_engine_open_stories(NULL), 0);
}

/* Member records: the language tag normalised (or detected), the title
 * cleaned, or taken from the first line of the text when there is none. */
static void member_records(void **state) {
    (void)state;
    collect c = {0};
    skein_engine *e = new_engine(NULL, &c);
    skein_article a = fire[0];
    a.lang = "English";
    a.title = "  Wildfire\tnear   Marseille \xe2\x80\x94 live  ";
    add(e, &a);
    skein_article b = fire[1];
    b.lang = NULL; /* detected */
    b.title = "";
    b.text = "\n  Firefighters battle the Marseille wildfire overnight\nThousands of residents "
             "were evacuated as winds fanned the flames near Marseille.";
    add(e, &b);
    skein_article d = housing[0];
    d.lang = "xx-unknown"; /* not understood: detected */
    add(e, &d);
    skein_engine_flush(e);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.s[0].size, 2);
    assert_string_equal(c.s[0].langs[0], "en");
    assert_string_equal(c.s[0].langs[1], "en");
    assert_string_equal(c.s[1].langs[0], "en");
    assert_string_equal(c.s[0].titles[0], "Wildfire near Marseille \xe2\x80\x94 live");
    assert_string_equal(c.s[0].titles[1], "Firefighters battle the Marseille wildfire overnight");
    skein_engine_free(e);
}

/* A title-less article's headline is cut at 160 bytes, on a character boundary. */
static void long_text_headline(void **state) {
    (void)state;
    collect c = {0};
    skein_engine *e = new_engine(NULL, &c);
    char text[400];
    size_t n = 0;
    text[n++] = 'x';                   /* one byte, then 2-byte letters: a cut at */
    while (n + 2 < sizeof(text) - 1) { /* an even offset would split one */
        memcpy(text + n, "\xc3\xa9", 2);
        n += 2;
    }
    text[n] = 0;
    skein_article a = {"long", NULL, text, "fr", NULL, NULL, SKEIN_NO_TIME};
    add(e, &a);
    skein_engine_flush(e);
    assert_int_equal(c.n, 1);
    size_t len = strlen(c.s[0].title);
    assert_true(len <= 160 && len >= 150);
    assert_int_equal(len % 2, 1); /* 'x' plus whole letters */
    assert_memory_equal(c.s[0].title, text, len);
    skein_engine_free(e);
}

/* ---- errors ------------------------------------------------------------------------ */

static void expect_rejected(skein_engine *e, const skein_article *a, int want) {
    uint64_t id = 777;
    int rc = skein_engine_add(e, a, &id);
    if (rc != want)
        print_error("article %s: got %s\n", a->id ? a->id : "(null)", skein_strerror(rc));
    assert_int_equal(rc, want);
}

static void rejected_articles(void **state) {
    (void)state;
    collect c = {0};
    skein_engine *e = new_engine(NULL, &c);
    add(e, &fire[0]);
    add(e, &housing[0]);

    skein_article bad = fire[1];
    bad.id = NULL;
    expect_rejected(e, &bad, SKEIN_ENOID);
    bad.id = "";
    expect_rejected(e, &bad, SKEIN_ENOID);

    bad = (skein_article){"empty", "", "", "en", NULL, NULL, T0};
    expect_rejected(e, &bad, SKEIN_EEMPTY);
    bad = (skein_article){"null", NULL, NULL, NULL, NULL, NULL, SKEIN_NO_TIME};
    expect_rejected(e, &bad, SKEIN_EEMPTY);
    bad = (skein_article){"blank", "  \t ", "\n\n \x01 \n", NULL, NULL, NULL, SKEIN_NO_TIME};
    expect_rejected(e, &bad, SKEIN_EEMPTY);

    bad = fire[1];
    bad.id = "utf8-text";
    bad.text = "Firefighters in Marseille \xff\xfe said the fire spread.";
    expect_rejected(e, &bad, SKEIN_EUTF8);
    bad.id = "utf8-title";
    bad.text = fire[1].text;
    bad.title = "Marseille \xed\xa0\x80 wildfire";
    expect_rejected(e, &bad, SKEIN_EUTF8);
    bad.id = "utf8-source";
    bad.title = fire[1].title;
    bad.source = "\xc0\xaf";
    expect_rejected(e, &bad, SKEIN_EUTF8);

    /* A title over the 64 KiB field cap. */
    size_t big = 70 * 1024;
    char *title = malloc(big + 1);
    assert_non_null(title);
    for (size_t i = 0; i < big; i++) title[i] = (i % 6 == 5) ? ' ' : 'a';
    title[big] = 0;
    bad = fire[1];
    bad.id = "too-big";
    bad.title = title;
    expect_rejected(e, &bad, SKEIN_ETOOBIG);
    free(title);

    /* Same id as an article already linked, even with other content. */
    bad = housing[1];
    bad.id = "f1";
    expect_rejected(e, &bad, SKEIN_EDUP);

    assert_int_equal(skein_engine_add(NULL, &fire[1], NULL), SKEIN_EINVAL);
    assert_int_equal(skein_engine_add(e, NULL, NULL), SKEIN_EINVAL);

    /* Nothing changed: no story opened or closed, counts as before. */
    assert_int_equal(skein_engine_open_stories(e), 2);
    assert_int_equal(c.n, 0);
    skein_stats st;
    skein_engine_get_stats(e, &st);
    assert_int_equal(st.articles, 2);
    assert_int_equal(st.stories, 2);

    /* The next good articles go where they belong, and a rejected id is free. */
    assert_int_equal(add(e, &fire[1]), 1);
    assert_int_equal(add(e, &housing[1]), 2);
    skein_article again = fire[2];
    again.id = "utf8-text";
    assert_int_equal(add(e, &again), 1);
    skein_engine_flush(e);
    assert_int_equal(c.n, 2);
    expect_members(&c.s[0], "f1", "f2", "utf8-text");
    skein_engine_free(e);
}

/* ---- closing stories ---------------------------------------------------------------- */

static void window_eviction(void **state) {
    (void)state;
    skein_options o;
    skein_options_default(&o);
    o.window_days = 30;
    collect c = {0};
    skein_engine *e = new_engine(&o, &c);
    add(e, &fire[0]);
    add(e, &fire[1]);
    skein_article later = housing[0];
    later.published = T0 + 60 * DAY;
    assert_int_equal(add(e, &later), 2);
    /* The fire story idled 60 days > 30: closed by that add, before any flush. */
    assert_int_equal(c.n, 1);
    assert_int_equal(c.s[0].id, 1);
    assert_int_equal(c.s[0].size, 2);
    assert_string_equal(c.s[0].members[1], "f2");
    assert_int_equal(skein_engine_open_stories(e), 1);
    /* An article of the closed story now opens a new one. */
    skein_article late_fire = fire[2];
    late_fire.published = T0 + 61 * DAY;
    assert_int_equal(add(e, &late_fire), 3);
    skein_engine_flush(e);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.s[1].id, 2);
    assert_int_equal(c.s[2].id, 3);
    skein_engine_free(e);
}

/* Within the window nothing closes early. */
static void window_keeps_recent(void **state) {
    (void)state;
    skein_options o;
    skein_options_default(&o);
    o.window_days = 30;
    collect c = {0};
    skein_engine *e = new_engine(&o, &c);
    add(e, &fire[0]);
    skein_article later = housing[0];
    later.published = T0 + 20 * DAY;
    add(e, &later);
    assert_int_equal(c.n, 0);
    assert_int_equal(skein_engine_open_stories(e), 2);
    skein_engine_free(e);
}

static void max_active(void **state) {
    (void)state;
    skein_options o;
    skein_options_default(&o);
    o.max_active = 2;
    collect c = {0};
    skein_engine *e = new_engine(&o, &c);
    skein_article a = fire[0], b = housing[0];
    a.published = b.published = SKEIN_NO_TIME;
    add(e, &a);
    add(e, &b);
    assert_int_equal(c.n, 0);
    skein_article third = {"x1",
                           "Chess olympiad opens in Chennai",
                           "The chess olympiad opened in Chennai with teams from 180 countries "
                           "and a record number of grandmasters taking part.",
                           "en",
                           NULL,
                           NULL,
                           SKEIN_NO_TIME};
    assert_int_equal(add(e, &third), 3);
    /* Three open is one too many: the oldest, story 1, is closed. */
    assert_int_equal(c.n, 1);
    assert_int_equal(c.s[0].id, 1);
    assert_string_equal(c.s[0].members[0], "f1");
    assert_int_equal(skein_engine_open_stories(e), 2);
    /* Recency, not id, decides: touching story 2 makes story 3 the oldest. */
    skein_article h2 = housing[1];
    h2.published = SKEIN_NO_TIME;
    assert_int_equal(add(e, &h2), 2);
    skein_article fourth = {"x2",
                            "Comet visible to the naked eye this week",
                            "Astronomers said a newly found comet would be visible to the naked "
                            "eye in the northern sky before dawn this week.",
                            "en",
                            NULL,
                            NULL,
                            SKEIN_NO_TIME};
    assert_int_equal(add(e, &fourth), 4);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.s[1].id, 3);
    skein_engine_free(e);
}

/* ---- similarity ------------------------------------------------------------------- */

static double sim(const skein_article *a, const skein_article *b) {
    double s = -1;
    assert_int_equal(skein_similarity(a, b, &s), SKEIN_OK);
    assert_true(s >= 0 && s <= 1);
    return s;
}

static void similarity(void **state) {
    (void)state;
    double same = sim(&fire[0], &fire[0]);
    assert_true(same > 0.8);
    skein_article copy = fire[0];
    copy.id = "copy";
    assert_true(sim(&fire[0], &copy) > 0.8);
    double related = sim(&fire[0], &fire[1]);
    double unrelated = sim(&fire[0], &housing[0]);
    assert_true(unrelated < 0.1);
    assert_true(related > unrelated);
    assert_true(same >= related);
    /* Scoring does not depend on a previous call. */
    assert_true(sim(&fire[0], &housing[0]) == unrelated);

    /* Time: the same report a year later scores lower than the same day. */
    skein_article far = fire[0];
    far.published = T0 + 365 * DAY;
    assert_true(sim(&fire[0], &far) < same);

    double s;
    skein_article empty = {"e", "", "", NULL, NULL, NULL, SKEIN_NO_TIME};
    assert_int_equal(skein_similarity(&fire[0], &empty, &s), SKEIN_EEMPTY);
    skein_article bad = fire[1];
    bad.text = "\xff";
    assert_int_equal(skein_similarity(&bad, &fire[0], &s), SKEIN_EUTF8);
}

static void engine_similarity_learns(void **state) {
    (void)state;
    skein_engine *e = new_engine(NULL, NULL);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(skein_engine_observe(e, &fire[i]), SKEIN_OK);
        assert_int_equal(skein_engine_observe(e, &housing[i]), SKEIN_OK);
    }
    double related = -1, unrelated = -1;
    assert_int_equal(skein_engine_similarity(e, &fire[0], &fire[2], &related), SKEIN_OK);
    assert_int_equal(skein_engine_similarity(e, &fire[0], &housing[2], &unrelated), SKEIN_OK);
    assert_true(related >= 0 && related <= 1 && unrelated >= 0 && unrelated <= 1);
    assert_true(related > 0.2);
    assert_true(unrelated < 0.1);
    /* Observing links nothing. */
    assert_int_equal(skein_engine_open_stories(e), 0);
    assert_int_equal(skein_engine_similarity(e, NULL, &fire[0], &related), SKEIN_EINVAL);
    assert_int_equal(skein_engine_similarity(e, &fire[0], &fire[1], NULL), SKEIN_EINVAL);
    skein_engine_free(e);
}

/* ---- small public functions ------------------------------------------------------- */

static void analyze_api(void **state) {
    (void)state;
    skein_tokens *t = NULL;
    const char *s = "The talks were expanding";
    assert_int_equal(skein_analyze(s, strlen(s), "en", &t), SKEIN_OK);
    assert_non_null(t);
    assert_string_equal(skein_tokens_lang(t), "en");
    assert_int_equal(skein_tokens_count(t), 4);
    const char *stems[] = {"the", "talk", "were", "expand"};
    const int stop[] = {1, 0, 1, 0};
    for (size_t i = 0; i < 4; i++) {
        const skein_token *k = skein_tokens_get(t, i);
        assert_non_null(k);
        assert_string_equal(k->stem, stems[i]);
        assert_int_equal(k->stopword, stop[i]);
    }
    assert_string_equal(skein_tokens_get(t, 3)->norm, "expanding");
    assert_null(skein_tokens_get(t, 4));
    skein_tokens_free(t);

    /* Language tags are normalised; without one the language is detected. */
    const char *de = "Die Regierung hat am Mittwoch ein neues Gesetz beschlossen.";
    assert_int_equal(skein_analyze(de, strlen(de), "DE-at", &t), SKEIN_OK);
    assert_string_equal(skein_tokens_lang(t), "de");
    skein_tokens_free(t);
    assert_int_equal(skein_analyze(de, strlen(de), NULL, &t), SKEIN_OK);
    assert_string_equal(skein_tokens_lang(t), "de");
    assert_true(skein_tokens_count(t) >= 8);
    skein_tokens_free(t);

    assert_int_equal(skein_analyze("", 0, "en", &t), SKEIN_OK);
    assert_int_equal(skein_tokens_count(t), 0);
    skein_tokens_free(t);
    t = (skein_tokens *)&t;
    assert_int_equal(skein_analyze("ab\xff", 3, "en", &t), SKEIN_EUTF8);
    assert_null(t);
    assert_int_equal(skein_analyze(NULL, 0, "en", &t), SKEIN_EINVAL);
    assert_int_equal(skein_tokens_count(NULL), 0);
    assert_null(skein_tokens_get(NULL, 0));
    skein_tokens_free(NULL);
}

static void detect_language(void **state) {
    (void)state;
    const char *s = "The minister said on Monday that the new bridge would open to traffic "
                    "next spring, two years later than planned.";
    char code[8] = "";
    int reliable = 0;
    assert_int_equal(skein_detect_language(s, strlen(s), code, &reliable), SKEIN_OK);
    assert_string_equal(code, "en");
    assert_int_equal(reliable, 1);
}

static void options(void **state) {
    (void)state;
    skein_options o;
    memset(&o, 0xff, sizeof(o));
    skein_options_default(&o);
    assert_true(o.threshold > 0 && o.threshold < 1);
    assert_true(o.cross_threshold > 0 && o.cross_threshold < 1);
    assert_true(o.w_body >= 0 && o.w_title >= 0 && o.w_names >= 0);
    assert_true(o.w_body + o.w_title + o.w_names > 0);
    assert_true(o.time_scale_days > 0);
    assert_true(o.window_days >= 1);
    assert_true(o.top_features >= 1 && o.index_features >= 1);
    assert_true(o.index_features <= o.top_features);
    assert_true(o.max_candidates >= 1);
    assert_true(o.max_active >= 1000);
    assert_true(o.max_text_bytes >= 4096);

    skein_error status;
    skein_options bad = o;
    bad.threshold = 2.0;
    assert_null(skein_engine_new(&bad, &status));
    assert_int_equal(status.code, SKEIN_EINVAL);
    bad = o;
    bad.threshold = -0.1;
    assert_null(skein_engine_new(&bad, NULL));
    bad = o;
    bad.window_days = 0;
    assert_null(skein_engine_new(&bad, &status));
    assert_int_equal(status.code, SKEIN_EINVAL);
    bad = o;
    bad.max_active = 0;
    assert_null(skein_engine_new(&bad, &status));
    assert_int_equal(status.code, SKEIN_EINVAL);
    bad = o;
    bad.top_features = 0;
    assert_null(skein_engine_new(&bad, &status));
    assert_int_equal(status.code, SKEIN_EINVAL);

    /* The limits themselves are fine. */
    bad = o;
    bad.threshold = 1.0;
    skein_engine *e = skein_engine_new(&bad, &status);
    assert_non_null(e);
    skein_engine_free(e);

    assert_string_equal(skein_version(), SKEIN_VERSION);
    assert_string_equal(skein_strerror(SKEIN_OK), "ok");
    assert_string_equal(skein_strerror(SKEIN_EDUP), "duplicate id");
    assert_non_null(skein_strerror(-999));
    assert_true(strcmp(skein_strerror(SKEIN_EUTF8), skein_strerror(SKEIN_EPARSE)) != 0);
}

/* Every option is range-checked, NaN included: a NaN threshold would make
 * every article its own story. */
static void options_not_validated(void **state) {
    (void)state;

    skein_options o;
    skein_options_default(&o);
    skein_error status;
    o.threshold = NAN;
    assert_null(skein_engine_new(&o, &status));
    assert_int_equal(status.code, SKEIN_EINVAL);
    skein_options_default(&o);
    o.cross_threshold = 2.0;
    assert_null(skein_engine_new(&o, &status));
    skein_options_default(&o);
    o.window_days = NAN;
    assert_null(skein_engine_new(&o, &status));
    skein_options_default(&o);
    o.w_body = -1;
    assert_null(skein_engine_new(&o, &status));
}

/* The options table: every option by name, its default, its bounds. */
static void options_table(void **state) {
    (void)state;
    size_t n = 0;
    const skein_option_info *info = skein_option_list(&n);
    assert_true(n >= 18);
    skein_options o;
    skein_options_default(&o);
    for (size_t i = 0; i < n; i++) {
        double v = -1;
        assert_int_equal(skein_option_get(&o, info[i].name, &v), SKEIN_OK);
        assert_true(v == info[i].def);
        assert_true(info[i].min <= info[i].def && info[i].def <= info[i].max);
        assert_true(info[i].help && *info[i].help);
        skein_options c = o;
        /* the lowest value allowed: min itself, or (ABOVE) anything more */
        double low = info[i].above ? info[i].min + 1e-9 : info[i].min;
        assert_int_equal(skein_option_set(&c, info[i].name, low), SKEIN_OK);
        if (info[i].above)
            assert_int_equal(skein_option_set(&c, info[i].name, info[i].min), SKEIN_EINVAL);
        if (info[i].min > 0)
            assert_int_equal(skein_option_set(&c, info[i].name, info[i].min / 2), SKEIN_EINVAL);
        assert_int_equal(skein_option_set(&c, info[i].name, NAN), SKEIN_EINVAL);
        assert_int_equal(skein_option_set(&c, info[i].name, INFINITY), SKEIN_EINVAL);
        if (info[i].max < SKEIN_UNBOUNDED)
            assert_int_equal(skein_option_set(&c, info[i].name, info[i].max * 2 + 1), SKEIN_EINVAL);
        if (info[i].type != SKEIN_OPTION_DOUBLE)
            assert_int_equal(skein_option_set(&c, info[i].name, info[i].def + 0.5), SKEIN_EINVAL);
        assert_true(skein_option_get(&c, info[i].name, &v) == SKEIN_OK && v == low);
    }
    skein_error why;
    skein_options w = o;
    w.window_days = 0; /* an option out of its bounds is named, with its bounds */
    assert_null(skein_engine_new(&w, &why));
    assert_int_equal(why.code, SKEIN_EINVAL);
    assert_string_equal(why.field, "window_days");
    assert_string_equal(why.message, "option window_days is 0, not more than 0");
    assert_int_equal(skein_option_set(&o, "no_such_option", 1), SKEIN_EINVAL);
    assert_int_equal(skein_option_set(&o, "threshold", 0.4), SKEIN_OK);
    assert_true(o.threshold == 0.4);
    assert_int_equal(skein_option_set(&o, "max_text_bytes", 4096), SKEIN_OK);
    assert_true(o.max_text_bytes == 4096);
    assert_int_equal(skein_options_check(&o, NULL), SKEIN_OK);
    o.w_body = o.w_names = 0; /* nothing left to compare same-language reports by */
    assert_int_equal(skein_options_check(&o, &why), SKEIN_EINVAL);
    assert_string_equal(why.message,
                        "w_body and w_names are both 0: nothing to compare reports by");
    skein_tell_options t;
    skein_options_default(&o);
    skein_tell_options_default(&t);
    assert_true(t.event_gap_hours == o.event_gap_hours);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(two_events_two_stories),
    cmocka_unit_test(deterministic),
    cmocka_unit_test(no_callback),
    cmocka_unit_test(member_records),
    cmocka_unit_test(long_text_headline),
    cmocka_unit_test(rejected_articles),
    cmocka_unit_test(window_eviction),
    cmocka_unit_test(window_keeps_recent),
    cmocka_unit_test(max_active),
    cmocka_unit_test(similarity),
    cmocka_unit_test(engine_similarity_learns),
    cmocka_unit_test(analyze_api),
    cmocka_unit_test(detect_language),
    cmocka_unit_test(options),
    cmocka_unit_test(options_not_validated),
    cmocka_unit_test(options_table),
};

SKEIN_TEST_GROUP(engine, tests)
