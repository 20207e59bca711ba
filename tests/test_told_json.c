/* test_told_json.c -- the story record and its parts as told_json.c prints
 * them directly are the bytes cJSON 1.7.15 prints for the same values
 * (cJSON_PrintUnformatted of the text parsed back: its string escapes, its
 * number forms), and the parts the store keeps put back together are the
 * record.
 *
 * The told stories are built by hand, so that every kind of field is there:
 * strings with quotes, backslashes, control bytes and non-ASCII text, NULL
 * strings (a key left out, or null), numbers that are integers, fractions,
 * negative, tiny and beyond an int, times and no time, empty lists and
 * objects. */
#include "test.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skein.h"
#include "tell.h"

#define T0 INT64_C(1700000000) /* 2023-11-14 */

/* `json` is what cJSON prints of it parsed back, byte for byte; frees it. */
static void as_cjson(char *json) {
    assert_non_null(json);
    cJSON *o = cJSON_Parse(json);
    if (!o) print_error("not JSON: %s\n", json);
    assert_non_null(o);
    char *again = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    assert_non_null(again);
    if (strcmp(json, again)) print_error("direct: %s\ncJSON:  %s\n", json, again);
    assert_string_equal(json, again);
    free(again), free(json);
}

static const skein_member members[] = {
    {"a\"1\\", "en", "Le Monde \xE2\x80\x94 \xC3\xBC", "Tab\there, line\nbreak, \x01 and \x1F", T0,
     NULL},
    {"b2", NULL, NULL, NULL, SKEIN_NO_TIME, NULL},
    {"c3", "ar", "x", "\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86 \"quoted\"", T0 + 7200, NULL},
};

static size_t ev0[] = {0, 2}, ev1[] = {1};
static skein__told_alias aliases[] = {
    {"Macron", "fr", 3}, {"\xD0\x9C\xD0\xB0\xD0\xBA\xD1\x80\xD0\xBE\xD0\xBD", "ru", 1}};
static unsigned char has_a[] = {1, 0}, has_b[] = {1, 1}, has_c[] = {0, 1};
static size_t outlet_of[] = {0, 1, 0}, copies[] = {0, 1, 0};
static const char *outlets[] = {"o\\1", "o2"};
static const char *sources[] = {"s1", NULL, "s\"2"};
static skein__told_headline headlines[] = {{"en", "Head \"q\" \\ /"}, {"ar", "\xD8\xB9"}};
static skein__told_count languages[] = {{"en", 2}, {"ar", 1}};

/* A story told with every kind of field; growth as given. */
static void full(skein_story *s, skein__told *t, skein__told_event *ev, skein__told_name *nm,
                 skein__told_quote *q, skein__told_row *rows, double growth) {
    *s = (skein_story){7, "Head", 3, members, T0, T0 + 7200, NULL};
    ev[0] = (skein__told_event){"\xC3\xA9v\xC3\xA9nement\r", T0, T0 + 7200, ev0, 2};
    ev[1] = (skein__told_event){NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, ev1, 1};
    nm[0] = (skein__told_name){"Macron", SKEIN_KIND_PERSON, 2, 4, aliases, 2, NULL, 1, 2};
    nm[1] = (skein__told_name){"Paris", SKEIN_KIND_PLACE, 1, 1, NULL, 0, "geo:2988507", 0, 3};
    /* by speaker (group), then those with none; `at`: the place in member order */
    q[0] = (skein__told_quote){"Macron", "\"We will\", he said\b\f", 0, 0.91234f, 0, 0};
    q[1] = (skein__told_quote){"Macron", "again", 2, 0.3f, 0, 2};
    q[2] = (skein__told_quote){NULL, "nobody \xE2\x80\x9Csaid\xE2\x80\x9D", 0, 0.5f, SIZE_MAX, 1};
    rows[0] = (skein__told_row){SKEIN__ROW_NAME, "Macron", has_a, 1, 0};
    rows[1] = (skein__told_row){SKEIN__ROW_QUOTE, "Macron", has_b, 2, 1};
    rows[2] = (skein__told_row){SKEIN__ROW_NUMBER, "1.5 %", has_c, 1, 2};
    memset(t, 0, sizeof(*t));
    t->s = s;
    t->title = "Head \"q\" \\ /", t->title_lang = "en";
    t->headlines = headlines, t->nheadlines = 2;
    t->languages = languages, t->nlanguages = 2;
    t->sources = sources, t->nsources = 3;
    t->growth = growth;
    t->events = ev, t->nevents = 2;
    t->names = nm, t->nnames = 2;
    t->quotes = q, t->nquotes = 3;
    t->outlets = outlets, t->noutlets = 2, t->outlet_of = outlet_of;
    t->rows = rows, t->nrows = 3;
    t->lead[0] = (skein__told_lead){"First \xE2\x80\xA6 sentence.", 2};
    t->lead[1] = (skein__told_lead){NULL, 0};
    t->nlead = 2;
    t->original = copies;
}

/* The record from the parts the store keeps: the head cut around the
 * quotes' entries (in the order of their group and place, which is the
 * told order), the entries joined by commas, "]}" (new text). */
static char *assembled(const skein__told *t) {
    size_t cut[3];
    char *head = skein__told_json_head(t, cut);
    assert_non_null(head);
    char *out = calloc(1, strlen(head) + 65536);
    assert_non_null(out);
    strncat(out, head, cut[0]);
    for (size_t k = 0; k < t->nquotes; k++) {
        char *e = skein__told_quote_json(t, k);
        assert_non_null(e);
        if (k) strcat(out, ",");
        strcat(out, e), free(e);
    }
    strcat(out, head + cut[0]);
    for (size_t i = 0; i < t->s->size; i++) {
        char *e = skein__told_article_json(t, i);
        assert_non_null(e);
        if (i) strcat(out, ",");
        strcat(out, e), free(e);
    }
    strcat(out, "]}");
    /* the coverage within the head is the coverage alone */
    char *cov = skein__told_coverage_json(t);
    assert_non_null(cov);
    assert_int_equal(strlen(cov), cut[2] - cut[1]);
    assert_memory_equal(cov, head + cut[1], cut[2] - cut[1]);
    free(cov), free(head);
    return out;
}

/* Every printed form of t is cJSON's, and the parts make the record. */
static void check_all(const skein__told *t) {
    char *whole = skein__told_json(t), *parts = assembled(t);
    assert_non_null(whole);
    assert_string_equal(parts, whole);
    free(parts);
    as_cjson(whole);
    for (int open = 0; open < 2; open++)
        for (int growth = 0; growth < 2; growth++)
            as_cjson(skein__told_summary_json(t, open, growth));
    as_cjson(skein__told_coverage_json(t));
    for (size_t k = 0; k < t->nquotes; k++) as_cjson(skein__told_quote_json(t, k));
    for (size_t i = 0; i < t->s->size; i++) as_cjson(skein__told_article_json(t, i));
    for (size_t i = 0; i < t->nnames; i++) as_cjson(skein__told_aliases_json(&t->names[i]));
}

static void every_field_as_cjson(void **state) {
    (void)state;
    static const double growths[] = {
        0, 1, 0.1, 1.0 / 3, 0.333333333333333, -2.5, 1e-7, 123456789012.0, 2.5e300};
    skein_story s;
    skein__told t;
    skein__told_event ev[2];
    skein__told_name nm[2];
    skein__told_quote q[3];
    skein__told_row rows[3];
    for (size_t g = 0; g < sizeof(growths) / sizeof(growths[0]); g++) {
        full(&s, &t, ev, nm, q, rows, growths[g]);
        check_all(&t);
    }
    /* the same with no copies and a title told as none */
    t.original = NULL, t.title = NULL;
    check_all(&t);
    char *json = skein__told_json(&t);
    assert_non_null(strstr(json, "\"title\":null"));
    assert_non_null(strstr(json, "\"uncertain\":true"));
    assert_non_null(strstr(json, "\\u0001"));
    free(json);
}

/* A story with nothing told but its one member: every list and object empty. */
static void empty_lists_as_cjson(void **state) {
    (void)state;
    skein_story s = {1, NULL, 1, members + 1, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
    size_t zero = 0;
    skein__told t;
    memset(&t, 0, sizeof(t));
    t.s = &s;
    t.outlets = outlets + 1, t.noutlets = 1, t.outlet_of = &zero;
    check_all(&t);
    char *json = skein__told_json(&t);
    assert_non_null(strstr(json, "\"headlines\":{},"));
    assert_non_null(strstr(json, "\"events\":[],\"names\":[],\"quotes\":[],"));
    free(json);
}

/* Strings are scanned eight bytes at a time: a byte to escape at every
 * place of a word, next to plain ASCII and UTF-8, is escaped as cJSON does. */
static void escapes_at_every_offset(void **state) {
    (void)state;
    static const char special[] = {'"', '\\', '\x01', '\n', '\x1F'};
    static const char filler[] = "ab\x7F \xC3\xA9xyz/\xE2\x80\x94 ~0123456789";
    for (size_t len = 1; len <= 24; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k <= sizeof(special); k++) {
                char id[32];
                memcpy(id, filler, len), id[len] = 0;
                if (k < sizeof(special)) id[at] = special[k]; /* k == its size: none */
                skein_member m = {id, "en", NULL, id, SKEIN_NO_TIME, NULL};
                skein_story st = {1, NULL, 1, &m, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
                skein__told t;
                memset(&t, 0, sizeof(t));
                t.s = &st;
                as_cjson(skein__told_article_json(&t, 0));
            }
}

/* A row's outlets among many: those it has, in the outlets' order, each as
 * the list of outlets prints it (eight bytes of the row at a time are
 * skipped where it has none). */
static void row_outlets_among_many(void **state) {
    (void)state;
    char names[20][16];
    const char *outlets20[20];
    for (int k = 0; k < 20; k++)
        snprintf(names[k], sizeof(names[k]), "o\"%d", k), outlets20[k] = names[k];
    outlets20[5] = NULL; /* an outlet with no name is not listed */
    unsigned char has[20] = {0};
    has[0] = has[5] = has[9] = has[17] = has[19] = 1;
    skein__told_row row = {SKEIN__ROW_NAME, "Macron", has, 5, 0};
    size_t zero = 0;
    skein_story st = {1, NULL, 1, members + 1, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
    skein__told t;
    memset(&t, 0, sizeof(t));
    t.s = &st;
    t.outlets = outlets20, t.noutlets = 20, t.outlet_of = &zero;
    t.rows = &row, t.nrows = 1;
    check_all(&t);
    char *json = skein__told_coverage_json(&t);
    assert_non_null(strstr(json,
                           "\"item\":\"Macron\",\"outlets\":[\"o\\\"0\",\"o\\\"9\",\"o\\\"17\","
                           "\"o\\\"19\"]}"));
    free(json);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(row_outlets_among_many),
    cmocka_unit_test(escapes_at_every_offset),
    cmocka_unit_test(every_field_as_cjson),
    cmocka_unit_test(empty_lists_as_cjson),
};

SKEIN_TEST_GROUP(told_json, tests)
