/* test_reader.c -- JSON articles in (skein's and news-please's field names), dates.
 *
 * Expected Unix times are worked out in the comments: 2021-12-03T00:00:00Z is
 * 1638489600 (18964 days after 1970-01-01), so noon that day is 1638532800. */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "skein.h"

#define DAY_20211203 INT64_C(1638489600)
#define NOON_20211203 (DAY_20211203 + 12 * 3600)

/* Parses json, expecting status `want` and (for errors) field `want_field`. */
static int parse(const char *json, skein_json_article *ja, const char **field) {
    skein_error err;
    int rc = skein_json_article_parse(json, strlen(json), ja, &err);
    if (field) *field = err.field;
    assert_int_equal(err.code, rc);
    return rc;
}

static void expect_error(const char *json, int want, const char *want_field) {
    skein_json_article ja;
    const char *field = "unset";
    int rc = parse(json, &ja, &field);
    if (rc != want) print_error("json: %s\n", json);
    assert_int_equal(rc, want);
    if (want_field)
        assert_string_equal(field, want_field);
    else
        assert_null(field);
    /* A failed parse leaves nothing to release, and releasing is harmless. */
    assert_null(ja.owned);
    skein_json_article_release(&ja);
}

static void all_fields(void **state) {
    (void)state;
    const char *json =
        "{\"id\":\"a-1\",\"title\":\"Floods in Valencia\",\"text\":\"Heavy rain "
        "flooded streets.\",\"lang\":\"en\",\"source\":\"wire.example\","
        "\"url\":\"https://wire.example/a-1\",\"published\":\"2021-12-03T12:00:00Z\","
        "\"extra\":[1,2,{\"ignored\":true}]}";
    skein_json_article ja;
    const char *field = "unset";
    assert_int_equal(parse(json, &ja, &field), SKEIN_OK);
    assert_null(field);
    assert_string_equal(ja.a.id, "a-1");
    assert_string_equal(ja.a.title, "Floods in Valencia");
    assert_string_equal(ja.a.text, "Heavy rain flooded streets.");
    assert_string_equal(ja.a.lang, "en");
    assert_string_equal(ja.a.source, "wire.example");
    assert_string_equal(ja.a.url, "https://wire.example/a-1");
    assert_int_equal(ja.a.published, NOON_20211203);
    assert_non_null(ja.owned);
    skein_json_article_release(&ja);
    assert_null(ja.owned);
    assert_null(ja.a.id);
    assert_int_equal(ja.a.published, SKEIN_NO_TIME);
    skein_json_article_release(NULL);
}

static void news_please_names(void **state) {
    (void)state;
    const char *json = "{\"id\":\"np\",\"title\":\"T\",\"maintext\":\"Body of the article.\","
                       "\"language\":\"de\",\"date_publish\":\"2021-12-03 12:00:00\","
                       "\"source_domain\":\"zeitung.example\"}";
    skein_json_article ja;
    assert_int_equal(parse(json, &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.text, "Body of the article.");
    assert_string_equal(ja.a.lang, "de");
    assert_string_equal(ja.a.source, "zeitung.example");
    assert_int_equal(ja.a.published, NOON_20211203);
    assert_null(ja.a.url);
    skein_json_article_release(&ja);

    /* skein's own names win over news-please's; a null falls through. */
    json = "{\"id\":\"np2\",\"text\":\"mine\",\"maintext\":\"theirs\",\"lang\":null,"
           "\"language\":\"fr\",\"source\":\"a.example\",\"source_domain\":\"b.example\"}";
    assert_int_equal(parse(json, &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.text, "mine");
    assert_string_equal(ja.a.lang, "fr");
    assert_string_equal(ja.a.source, "a.example");
    assert_null(ja.a.title);
    assert_int_equal(ja.a.published, SKEIN_NO_TIME);
    skein_json_article_release(&ja);
}

static void ids(void **state) {
    (void)state;
    skein_json_article ja;
    assert_int_equal(parse("{\"id\":12345,\"title\":\"x\"}", &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.id, "12345");
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":-7,\"title\":\"x\"}", &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.id, "-7");
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":\"\xd0\xb0\xd0\xb1\",\"title\":\"x\"}", &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.id, "\xd0\xb0\xd0\xb1");
    skein_json_article_release(&ja);

    expect_error("{\"id\":null}", SKEIN_ENOID, "id"); /* nothing to make one from */
    expect_error("{\"id\":\"\",\"title\":\"x\"}", SKEIN_ENOID, "id");
    expect_error("{\"id\":true,\"title\":\"x\"}", SKEIN_EFIELD, "id");
    expect_error("{\"id\":[\"a\"],\"title\":\"x\"}", SKEIN_EFIELD, "id");
}

/* A record without an id gets one from its address (without the
 * fragment), else from its title and text: the same record twice has the
 * same id, two different texts two ids. */
static void made_ids(void **state) {
    (void)state;
    skein_json_article ja;
    char a[64], b[64];
    assert_int_equal(parse("{\"url\":\"https://news.example/a-1#top\",\"title\":\"x\"}", &ja, NULL),
                     SKEIN_OK);
    assert_string_equal(ja.a.id, "https://news.example/a-1");
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":null,\"title\":\"no id here\",\"text\":\"t\"}", &ja, NULL),
                     SKEIN_OK);
    assert_int_equal(strncmp(ja.a.id, "text:", 5), 0);
    snprintf(a, sizeof(a), "%s", ja.a.id);
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"title\":\"no id here\",\"text\":\"t\"}", &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.id, a);
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"title\":\"no id here\",\"text\":\"u\"}", &ja, NULL), SKEIN_OK);
    snprintf(b, sizeof(b), "%s", ja.a.id);
    skein_json_article_release(&ja);
    assert_string_not_equal(a, b);
    skein_article art = {NULL, NULL, NULL, NULL, NULL, "ftp://x.example/", SKEIN_NO_TIME};
    assert_int_equal(skein_article_make_id(&art, a, sizeof(a)), SKEIN_ENOID);
    art.url = "https://news.example/a-very-long-address-that-does-not-fit-in-sixty-four-bytes/x";
    assert_int_equal(skein_article_make_id(&art, a, sizeof(a)), SKEIN_ETOOBIG);
}

/* Crawler records as they are: news-please's and trafilatura's, with the
 * outlet as a host name and their dates. */
static void crawler_records(void **state) {
    (void)state;
    skein_json_article ja;
    const char *np = "{\"authors\":[\"A. Writer\"],\"date_download\":null,"
                     "\"date_publish\":\"2021-12-03 12:00:00\",\"description\":\"Short.\","
                     "\"image_url\":null,\"language\":\"en\",\"maintext\":null,"
                     "\"source_domain\":\"www.wire.example\",\"title\":\"T\","
                     "\"url\":\"https://www.wire.example/a\"}";
    assert_int_equal(parse(np, &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.id, "https://www.wire.example/a");
    assert_string_equal(ja.a.text, "Short."); /* the description when there is no maintext */
    assert_string_equal(ja.a.source, "wire.example"); /* the host as an address names it */
    assert_int_equal(ja.a.published, NOON_20211203);
    skein_json_article_release(&ja);
    const char *tf = "{\"title\":\"T\",\"author\":null,\"hostname\":\"daily.example\","
                     "\"date\":\"2021-12-03\",\"source\":\"https://www.daily.example/p?x=1\","
                     "\"source-hostname\":\"The Daily\",\"id\":null,\"language\":null,"
                     "\"raw_text\":\"raw\",\"text\":\"body\"}";
    assert_int_equal(parse(tf, &ja, NULL), SKEIN_OK);
    assert_string_equal(ja.a.url, "https://www.daily.example/p?x=1");
    assert_string_equal(ja.a.id, "https://www.daily.example/p?x=1");
    assert_string_equal(ja.a.source, "daily.example");
    assert_string_equal(ja.a.text, "body");
    assert_null(ja.a.lang);
    assert_int_equal(ja.a.published, DAY_20211203);
    skein_json_article_release(&ja);
    /* no hostname: the host of the address given as the source */
    assert_int_equal(
        parse("{\"id\":\"a\",\"source\":\"https://www.Daily.example:8080/p\"}", &ja, NULL),
        SKEIN_OK);
    assert_string_equal(ja.a.source, "daily.example");
    skein_json_article_release(&ja);
    /* feeds' dates and epochs in milliseconds */
    assert_int_equal(parse("{\"id\":\"a\",\"date\":\"Fri, 03 Dec 2021 12:00:00 GMT\"}", &ja, NULL),
                     SKEIN_OK);
    assert_int_equal(ja.a.published, NOON_20211203);
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":\"a\",\"published\":1638532800000}", &ja, NULL), SKEIN_OK);
    assert_int_equal(ja.a.published, NOON_20211203);
    skein_json_article_release(&ja);
}

/* Numeric ids must be integers a double holds exactly: 1.5 and 2.4 must not
 * both become "2", and 1e300 is no id. */
static void fractional_id(void **state) {
    (void)state;

    expect_error("{\"id\":1.5,\"title\":\"x\"}", SKEIN_EFIELD, "id");
    expect_error("{\"id\":1e300,\"title\":\"x\"}", SKEIN_EFIELD, "id");
}

/* A numeric "published" outside years 0..9999 is refused, not cast. */
static void published_out_of_range(void **state) {
    (void)state;

    expect_error("{\"id\":\"a\",\"published\":1e300}", SKEIN_EFIELD, "published");
    expect_error("{\"id\":\"a\",\"published\":-1e30}", SKEIN_EFIELD, "published");
}

static void wrong_types(void **state) {
    (void)state;
    expect_error("{\"id\":\"a\",\"title\":42}", SKEIN_EFIELD, "title");
    expect_error("{\"id\":\"a\",\"title\":\"t\",\"text\":{\"p\":1}}", SKEIN_EFIELD, "text");
    expect_error("{\"id\":\"a\",\"maintext\":[\"x\"]}", SKEIN_EFIELD, "maintext");
    expect_error("{\"id\":\"a\",\"lang\":false}", SKEIN_EFIELD, "lang");
    expect_error("{\"id\":\"a\",\"source_domain\":1}", SKEIN_EFIELD, "source_domain");
    expect_error("{\"id\":\"a\",\"url\":[]}", SKEIN_EFIELD, "url");
    expect_error("{\"id\":\"a\",\"published\":true}", SKEIN_EFIELD, "published");
    expect_error("{\"id\":\"a\",\"published\":\"yesterday\"}", SKEIN_EFIELD, "published");
    expect_error("{\"id\":\"a\",\"date_publish\":\"2021-13-01\"}", SKEIN_EFIELD, "date_publish");
}

static void published_forms(void **state) {
    (void)state;
    skein_json_article ja;
    assert_int_equal(parse("{\"id\":\"a\",\"published\":1638532800}", &ja, NULL), SKEIN_OK);
    assert_int_equal(ja.a.published, NOON_20211203);
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":\"a\",\"published\":\"\"}", &ja, NULL), SKEIN_OK);
    assert_int_equal(ja.a.published, SKEIN_NO_TIME);
    skein_json_article_release(&ja);
    assert_int_equal(parse("{\"id\":\"a\",\"date_publish\":\"2021-12-03\"}", &ja, NULL), SKEIN_OK);
    assert_int_equal(ja.a.published, DAY_20211203);
    skein_json_article_release(&ja);
}

static void not_an_object(void **state) {
    (void)state;
    expect_error("not json at all", SKEIN_EPARSE, NULL);
    expect_error("[{\"id\":\"a\"}]", SKEIN_EPARSE, NULL);
    expect_error("\"just a string\"", SKEIN_EPARSE, NULL);
    expect_error("42", SKEIN_EPARSE, NULL);
    expect_error("", SKEIN_EPARSE, NULL);
    expect_error("{\"id\":\"a\",", SKEIN_EPARSE, NULL);
    expect_error("{\"id\":\"a\",\"title\":\"\\ud800\"}", SKEIN_EPARSE, NULL); /* lone surrogate */

    /* `len` bounds the parse: the closing brace past it is not seen. */
    const char *json = "{\"id\":\"a\"}";
    skein_json_article ja;
    assert_int_equal(skein_json_article_parse(json, strlen(json) - 1, &ja, NULL), SKEIN_EPARSE);
    assert_int_equal(skein_json_article_parse(NULL, 3, &ja, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_json_article_parse(json, strlen(json), NULL, NULL), SKEIN_EINVAL);
}

/* What a line that is no JSON object is, in words, and where it breaks. */
static void expect_message(const char *json, size_t len, int want, const char *part,
                           size_t column) {
    skein_json_article ja;
    skein_error err;
    int rc = skein_json_article_parse(json, len ? len : strlen(json), &ja, &err);
    if (!strstr(err.message, part)) print_error("got \"%s\", want \"%s\"\n", err.message, part);
    assert_int_equal(rc, want);
    assert_int_equal(err.code, want);
    assert_non_null(strstr(err.message, part));
    assert_int_equal(err.column, column);
}

static void bad_line_messages(void **state) {
    (void)state;
    expect_message("\x89PNG\r\n\x1a\n\0\0", 10, SKEIN_EPARSE, "binary data, not text (byte 0)", 1);
    expect_message("{\"id\":\"a\0\"}", 11, SKEIN_EPARSE, "binary data, not text (byte 8)", 9);
    expect_message("<!DOCTYPE html><html>", 0, SKEIN_EPARSE,
                   "looks like HTML: read it as a page (.html)", 0);
    expect_message("[{\"id\":\"a\"}]", 0, SKEIN_EPARSE, "a JSON array", 0);
    expect_message("{", 0, SKEIN_EPARSE,
                   "a pretty-printed JSON object: use a .json file or JSON lines", 0);
    expect_message("{\"id\":\"b\",\"title\":\"x", 0, SKEIN_EPARSE, "ends before its object does",
                   21);
    expect_message("{\"id\":\"b\",", 0, SKEIN_EPARSE, "ends before its object does", 11);
    expect_message("{\"id\":\"a\"]", 0, SKEIN_EPARSE,
                   "invalid JSON at ']': expected ',' or '}' after a member of the object", 10);
    expect_message("}", 0, SKEIN_EPARSE, "invalid JSON at '}': expected a value", 1);
    expect_message("{\"id\": \"a\", \"title\": tru}", 0, SKEIN_EPARSE,
                   "invalid JSON at 'tru}': expected true", 22);
    expect_message("{\"id\" \"a\"}", 0, SKEIN_EPARSE, "at '\"a\"}': expected ':' after the key", 7);
    expect_message("{\"id\":\"a\",}", 0, SKEIN_EPARSE,
                   "at '}': expected a key in double quotes (no ',' before '}')", 11);
    expect_message("{id:1}", 0, SKEIN_EPARSE, "at 'id:1}': expected a key in double quotes or '}'",
                   2);
    expect_message("{\"id\":\"a\",\"t\":\"x\\q\"}", 0, SKEIN_EPARSE, "expected an escape", 18);
    expect_message("[1,]", 0, SKEIN_EPARSE, "at ']': expected a value", 4);
    expect_message("{\"id\":\"a\"} {\"id\":\"b\"}", 0, SKEIN_EPARSE, "text after the JSON object",
                   12);
    expect_message("42", 0, SKEIN_EPARSE, "a JSON number", 0);
    expect_message("{\"id\":\"a\",\"published\":\"yesterday\"}", 0, SKEIN_EFIELD,
                   "no date skein reads: \"yesterday\"", 0);
    expect_message("{\"id\":\"a\",\"title\":7}", 0, SKEIN_EFIELD,
                   "\"title\" is a number, not a string", 0);
    expect_message("{\"id\":\"a\",\"text\":\"ab\xff\"}", 0, SKEIN_EUTF8,
                   "\"text\" is not valid UTF-8 at byte 2", 0);
    /* a whole pretty-printed file breaks on its line and column */
    const char *pretty = "{\n  \"id\": \"a\",\n  \"title\": \"Café\" x\n}";
    skein_json_article ja;
    skein_error err;
    assert_int_equal(skein_json_article_parse(pretty, strlen(pretty), &ja, &err), SKEIN_EPARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 19); /* characters, not bytes: é is one */
}

/* What was expected where JSON breaks: numbers, literals, arrays, nesting. */
static void expected_messages(void **state) {
    (void)state;
    expect_message("{\"id\":\"a\",\"n\":-}", 0, SKEIN_EPARSE, "at '}': expected a digit", 16);
    expect_message("{\"id\":\"a\",\"ok\":nul}", 0, SKEIN_EPARSE, "at 'nul}': expected null", 16);
    expect_message("{\"id\":\"a\",\"t\":[1 2]}", 0, SKEIN_EPARSE,
                   "at '2]}': expected ',' or ']' after an item of the array", 18);
    expect_message("{\"id\":\"a\",\"t\":[}", 0, SKEIN_EPARSE, "at '}': expected a value or ']'",
                   16);
    /* nesting deeper than cJSON and the checker follow is said so */
    static char deep[2300];
    size_t n = (size_t)snprintf(deep, sizeof(deep), "{\"id\":\"a\",\"t\":");
    memset(deep + n, '[', 1100), memset(deep + n + 1100, ']', 1100);
    memcpy(deep + n + 2200, "}", 2);
    skein_json_article ja;
    skein_error err;
    assert_int_equal(skein_json_article_parse(deep, strlen(deep), &ja, &err), SKEIN_EPARSE);
    assert_non_null(strstr(err.message, "expected less nesting (over 512 levels)"));
    assert_int_equal(err.column, n + 512); /* the bracket that opens level 513 */
}

/* Text after the JSON object makes the line bad. */
static void trailing_garbage(void **state) {
    (void)state;

    expect_error("{\"id\":\"a\",\"title\":\"x\"} trailing words", SKEIN_EPARSE, NULL);
}

static void invalid_utf8(void **state) {
    (void)state;
    /* cJSON copies raw bytes into strings; the reader must catch them. */
    expect_error("{\"id\":\"a\",\"title\":\"bad \xff byte\"}", SKEIN_EUTF8, "title");
    expect_error("{\"id\":\"a\",\"text\":\"overlong \xc0\xaf slash\"}", SKEIN_EUTF8, "text");
    expect_error("{\"id\":\"a\",\"maintext\":\"surrogate \xed\xa0\x80\"}", SKEIN_EUTF8, "maintext");
    expect_error("{\"id\":\"a\",\"source\":\"cut \xe2\x82\"}", SKEIN_EUTF8, "source");
    expect_error("{\"id\":\"\xfe\xfe\",\"title\":\"x\"}", SKEIN_EUTF8, "id");
}

/* ---- skein_parse_time -------------------------------------------------------- */

static void expect_time(const char *s, int64_t want) {
    int64_t got = 0;
    int rc = skein_parse_time(s, &got);
    if (rc != SKEIN_OK || got != want) print_error("time: '%s'\n", s);
    assert_int_equal(rc, SKEIN_OK);
    assert_int_equal(got, want);
}

static void expect_bad_time(const char *s) {
    int64_t got = 12345;
    int rc = skein_parse_time(s, &got);
    if (rc == SKEIN_OK) print_error("accepted: '%s'\n", s);
    assert_int_equal(rc, SKEIN_EFIELD);
}

static void parse_time_good(void **state) {
    (void)state;
    expect_time("1970-01-01T00:00:00Z", 0);
    expect_time("1969-12-31T23:59:59Z", -1);
    expect_time("2000-03-01", 951868800); /* after a leap day of a /400 year */
    expect_time("2021-12-03", DAY_20211203);
    expect_time("2021-12-03T12:00:00Z", NOON_20211203);
    expect_time("2021-12-03 12:00:00", NOON_20211203);
    expect_time("2021-12-03T12:00Z", NOON_20211203);
    expect_time("2021-12-03T12:00:00.123456Z", NOON_20211203);
    expect_time("2021-12-03T12:00:00,5", NOON_20211203);
    expect_time("2021-12-03T12:00:59", NOON_20211203 + 59);
    /* 12:00 at +03:00 is 09:00 UTC; at -05:30 it is 17:30 UTC. */
    expect_time("2021-12-03T12:00:00+03:00", NOON_20211203 - 3 * 3600);
    expect_time("2021-12-03T12:00:00+0300", NOON_20211203 - 3 * 3600);
    expect_time("2021-12-03T12:00:00-05:30", NOON_20211203 + 5 * 3600 + 1800);
    expect_time("2021-12-03T12:00:00.250+01:00", NOON_20211203 - 3600);
    expect_time("2024-02-29T00:00:00Z", 1709164800);
}

static void parse_time_bad(void **state) {
    (void)state;
    expect_bad_time("");
    expect_bad_time("yesterday");
    expect_bad_time("2021-13-01");
    expect_bad_time("2021-00-10");
    expect_bad_time("2021-12-00");
    expect_bad_time("2021-12-32");
    expect_bad_time("2021-1-01");
    expect_bad_time("21-12-03");
    expect_bad_time("2021/12/03");
    expect_bad_time(" 2021-12-03");
    expect_bad_time("2021-12-03T");
    expect_bad_time("2021-12-03T12");
    expect_bad_time("2021-12-03T24:00:00Z");
    expect_bad_time("2021-12-03T12:60:00Z");
    expect_bad_time("2021-12-03T12:00:00Zjunk");
    expect_bad_time("2021-12-03T12:00:00 +03:00");
    expect_bad_time("2021-12-03T12:00:00+");
    int64_t t;
    assert_int_equal(skein_parse_time(NULL, &t), SKEIN_EINVAL);
    assert_int_equal(skein_parse_time("2021-12-03", NULL), SKEIN_EINVAL);
}

/* Impossible dates and clock values are refused. */
static void parse_time_impossible_dates(void **state) {
    (void)state;

    expect_bad_time("2021-02-31");
    expect_bad_time("2021-04-31");
    expect_bad_time("2021-02-29");
    expect_bad_time("2021-12-03T-1:00");
    expect_bad_time("2021-12-03T12:-5");
    expect_bad_time("2021-12-03T12:00:00+99:00");
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(all_fields),
    cmocka_unit_test(bad_line_messages),
    cmocka_unit_test(news_please_names),
    cmocka_unit_test(ids),
    cmocka_unit_test(fractional_id),
    cmocka_unit_test(published_out_of_range),
    cmocka_unit_test(wrong_types),
    cmocka_unit_test(published_forms),
    cmocka_unit_test(not_an_object),
    cmocka_unit_test(trailing_garbage),
    cmocka_unit_test(invalid_utf8),
    cmocka_unit_test(parse_time_good),
    cmocka_unit_test(expected_messages),
    cmocka_unit_test(made_ids),
    cmocka_unit_test(crawler_records),
    cmocka_unit_test(parse_time_bad),
    cmocka_unit_test(parse_time_impossible_dates),
};

SKEIN_TEST_GROUP(reader, tests)
