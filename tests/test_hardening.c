/* test_hardening.c -- what hostile input may not do: the limits on every
 * resource an input can inflate, each tried at its edge (README, "Limits"),
 * and the inputs the fuzz targets (fuzz/) once failed on, as regression
 * tests. */
#include "test.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "serve_http.h"
#include "skein.h"

/* ---- helpers ---------------------------------------------------------------- */

static char *repeat(const char *unit, size_t times, const char *tail) {
    size_t u = strlen(unit), t = tail ? strlen(tail) : 0;
    char *s = malloc(u * times + t + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++) memcpy(s + i * u, unit, u);
    if (t) memcpy(s + u * times, tail, t);
    s[u * times + t] = 0;
    return s;
}

/* The notes skein_engine_extract gives for one article. */
static char *extract(const skein_options *o, const char *title, const char *text) {
    skein_engine *e = skein_engine_new(o, NULL);
    assert_non_null(e);
    skein_article a = {"x", title, text, "en", NULL, NULL, SKEIN_NO_TIME};
    skein_notes *notes = NULL;
    char *json = NULL;
    assert_int_equal(skein_engine_extract(e, &a, &notes), SKEIN_OK);
    assert_int_equal(skein_notes_json(notes, &json), SKEIN_OK);
    skein_notes_free(notes);
    skein_engine_free(e);
    return json;
}

/* How many items the array `key` of the JSON object `json` holds. */
static size_t count_items(const char *json, const char *key) {
    cJSON *o = cJSON_Parse(json);
    assert_non_null(o);
    size_t n = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, key));
    cJSON_Delete(o);
    return n;
}

static int add(skein_engine *e, const char *id, const char *title, const char *text) {
    skein_article a = {id, title, text, "en", NULL, NULL, SKEIN_NO_TIME};
    return skein_engine_add(e, &a, NULL);
}

/* ---- fields ----------------------------------------------------------------- */

static void limit_field_bytes(void **state) {
    (void)state;
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    char *id = repeat("i", 4096, NULL); /* ids: 4096 bytes */
    assert_int_equal(add(e, id, "Talks", "Ministers met."), SKEIN_OK);
    free(id);
    id = repeat("j", 4097, NULL);
    assert_int_equal(add(e, id, "Talks", "Ministers met."), SKEIN_ETOOBIG);
    free(id);
    char *title = repeat("t", 64 * 1024, NULL); /* titles, sources, urls: 64 KiB */
    assert_int_equal(add(e, "t1", title, "Ministers met."), SKEIN_OK);
    free(title);
    title = repeat("t", 64 * 1024 + 1, NULL);
    assert_int_equal(add(e, "t2", title, "Ministers met."), SKEIN_ETOOBIG);
    skein_article a = {"u1", "Talks", "Ministers met.", NULL, NULL, title, SKEIN_NO_TIME};
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_ETOOBIG);
    a = (skein_article){"s1", "Talks", "Ministers met.", NULL, title, NULL, SKEIN_NO_TIME};
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_ETOOBIG);
    title[64 * 1024] = 0;
    a.source = title;
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_OK);
    a = (skein_article){"u2", "Talks", "Ministers met.", NULL, NULL, title, SKEIN_NO_TIME};
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_OK);
    free(title);
    char *lang = repeat("l", 65, NULL); /* language tags: 64 bytes */
    a = (skein_article){"l1", "Talks", "Ministers met.", lang, NULL, NULL, SKEIN_NO_TIME};
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_ETOOBIG);
    lang[64] = 0;
    a.id = "l2";
    assert_int_equal(skein_engine_add(e, &a, NULL), SKEIN_OK); /* unknown tag: detected */
    free(lang);
    skein_engine_free(e);
}

/* Texts are cut at max_text_bytes on a character boundary: "4242" ending on
 * the cap is read whole, one byte less and it is "424". */
static void limit_text_bytes(void **state) {
    (void)state;
    skein_options o;
    skein_options_default(&o);
    char *text = repeat("word ", 12, "4242"); /* 64 bytes */
    o.max_text_bytes = 64;
    char *json = extract(&o, "", text);
    assert_non_null(strstr(json, "\"value\":\"4242\""));
    free(json);
    o.max_text_bytes = 63;
    json = extract(&o, "", text);
    assert_null(strstr(json, "\"value\":\"4242\""));
    assert_non_null(strstr(json, "\"value\":\"424\""));
    free(json);
    free(text);
    /* a cap inside a character cuts before it: "4242" then "é" at bytes
     * 59-60; a cap of 60 keeps "4242" and drops the half "é" (else "4242"
     * would not be a number of its own, and the notes not valid UTF-8), a
     * cap of 58 gives "424" */
    text = repeat("word ", 11, "4242\xc3\xa9 7");
    for (size_t cap = 58; cap <= 60; cap++) {
        o.max_text_bytes = cap;
        json = extract(&o, "", text);
        cJSON *notes = cJSON_Parse(json);
        assert_non_null(notes);
        cJSON_Delete(notes);
        if ((strstr(json, "\"value\":\"4242\"") != NULL) != (cap >= 59))
            fail_msg("cap %zu: %s", cap, json);
        free(json);
    }
    free(text);
}

/* 20,000 tokens of a title and of a text are read; what follows is not. */
static void limit_tokens_per_field(void **state) {
    (void)state;
    char *title = repeat("ab ", 19999, "4242"); /* 60 KB: under the title's cap */
    char *json = extract(NULL, title, "");
    assert_non_null(strstr(json, "\"value\":\"4242\""));
    free(json);
    free(title);
    title = repeat("ab ", 20000, "4242");
    json = extract(NULL, title, "");
    assert_null(strstr(json, "4242"));
    free(json);
    free(title);
    char *text = repeat("word ", 19999, "4242");
    json = extract(NULL, "", text);
    assert_non_null(strstr(json, "\"value\":\"4242\""));
    free(json);
    free(text);
    text = repeat("word ", 20000, "4242");
    json = extract(NULL, "", text);
    assert_null(strstr(json, "4242"));
    free(json);
    free(text);
}

/* Names, quotes and numbers kept per article: 200, 60, 60. */
static void limit_notes_per_article(void **state) {
    (void)state;
    static const char *const syl[] = {"ba", "ko", "ri", "mu", "te", "la",
                                      "no", "vi", "sa", "de", "fu", "ga"};
    char *text = malloc(260 * 64);
    assert_non_null(text);
    size_t len = 0;
    for (int i = 0; i < 260; i++) {
        char first = (char)(syl[i % 12][0] - 'a' + 'A'),
             last = (char)(syl[(i / 12) % 12][0] - 'a' + 'A');
        len += (size_t)sprintf(text + len, "The council then heard from %c%s%s %c%s%s on Tuesday. ",
                               first, syl[i % 12] + 1, syl[(i / 7) % 12], last,
                               syl[(i / 12) % 12] + 1, syl[i % 5]);
    }
    char *json = extract(NULL, "Council", text);
    assert_int_equal(count_items(json, "names"), 200);
    free(json);
    len = 0;
    for (int i = 0; i < 80; i++)
        len += (size_t)sprintf(
            text + len, "\"Point number %d is what matters most here,\" said Anna Berg. ", i + 10);
    json = extract(NULL, "Talks", text);
    assert_int_equal(count_items(json, "quotes"), 60);
    assert_int_equal(count_items(json, "numbers"), 60);
    free(json);
    /* a quote spans at most 2,000 bytes from its opening mark to its closing one */
    for (size_t span = 2000; span <= 2001; span++) {
        len = (size_t)sprintf(text, "Talks went on. \"");
        for (size_t i = 1; i < span; i++) text[len++] = i % 2 || i == span - 1 ? 'a' : ' ';
        len += (size_t)sprintf(text + len, "\" said Anna Berg.");
        json = extract(NULL, "Talks", text);
        assert_int_equal(count_items(json, "quotes"), span == 2000 ? 1 : 0);
        free(json);
    }
    free(text);
}

/* ---- stories in memory --------------------------------------------------------- */

static size_t closed;
static void count_closed(const skein_story *s, void *ud) {
    (void)s, (void)ud;
    closed++;
}

static void limit_stories_in_memory(void **state) {
    (void)state;
    static const char *const texts[] = {
        "A volcano erupted near Grindavik and lava reached the road to the harbour.",
        "The central bank raised its key interest rate to fight inflation in the spring.",
        "The football club signed a young striker from the league's champions for a record fee.",
        "Scientists sequenced the genome of a rare orchid found in the mountains of Borneo.",
        "A cargo ship ran aground in the canal and blocked traffic for several days."};
    skein_options o;
    skein_options_default(&o);
    o.max_active = 3;
    skein_engine *e = skein_engine_new(&o, NULL);
    assert_non_null(e);
    skein_engine_on_story(e, count_closed, NULL);
    closed = 0;
    for (int i = 0; i < 5; i++) {
        char id[16];
        snprintf(id, sizeof(id), "s%d", i);
        assert_int_equal(add(e, id, "", texts[i]), SKEIN_OK);
        assert_true(skein_engine_open_stories(e) <= 3);
    }
    assert_int_equal(skein_engine_open_stories(e), 3);
    assert_int_equal(closed, 2); /* the oldest, closed (told) when the cap forced them out */
    skein_engine_flush(e);
    assert_int_equal(closed, 5);
    skein_engine_free(e);
}

/* ---- readers of the CLI and the server ------------------------------------------- */

/* input_read_line: a line of max bytes is read, one of max + 1 is dropped
 * (consumed), and the next line is read as usual. */
static void limit_line_bytes(void **state) {
    (void)state;
    char data[64];
    snprintf(data, sizeof(data), "%s\n%s\nok\n", "0123456789", "01234567890");
    FILE *f = fmemopen(data, strlen(data), "r");
    assert_non_null(f);
    char *buf = NULL;
    size_t cap = 0;
    assert_int_equal(input_read_line(f, &buf, &cap, 10), 10);
    assert_string_equal(buf, "0123456789");
    assert_int_equal(input_read_line(f, &buf, &cap, 10), -2);
    assert_int_equal(input_read_line(f, &buf, &cap, 10), 2);
    assert_string_equal(buf, "ok");
    assert_int_equal(input_read_line(f, &buf, &cap, 10), -1);
    fclose(f);
    /* lines longer than the buffer first made (read in runs as it grows), a
     * carriage return before the newline, one past max after growing, and a
     * last line without its newline */
    size_t big = 10000, max = big + 1; /* the first line with its '\r' */
    char *long_data = malloc(2 * big + 16);
    assert_non_null(long_data);
    memset(long_data, 'a', big);
    memcpy(long_data + big, "\r\n", 2);
    memset(long_data + big + 2, 'b', big + 2); /* one past max */
    memcpy(long_data + 2 * big + 4, "\nend", 4);
    f = fmemopen(long_data, 2 * big + 8, "r");
    assert_non_null(f);
    assert_int_equal(input_read_line(f, &buf, &cap, max), (long)big);
    assert_int_equal(strlen(buf), big);
    assert_int_equal(buf[big - 1], 'a');
    assert_int_equal(input_read_line(f, &buf, &cap, max), -2);
    assert_int_equal(input_read_line(f, &buf, &cap, max), 3);
    assert_string_equal(buf, "end");
    assert_int_equal(input_read_line(f, &buf, &cap, max), -1);
    fclose(f);
    free(long_data);
    free(buf);
}

static void txt_files(void **state) {
    (void)state;
    char id[8];
    skein_json_article ja;
    char ok[] = "\r\n  Dam breaks in Tyrol\r\nTwelve people are missing.";
    assert_int_equal(input_txt_article(ok, strlen(ok), "a-long-name.txt", id, sizeof(id), &ja), 1);
    assert_string_equal(ja.a.id, "a-long-"); /* cut to fit */
    assert_string_equal(ja.a.title, "Dam breaks in Tyrol");
    assert_string_equal(ja.a.text, "Twelve people are missing.");
    char nul[] = "Title\nText\0more";
    assert_int_equal(input_txt_article(nul, sizeof(nul) - 1, "b.txt", id, sizeof(id), &ja),
                     SKEIN_EUTF8);
    char empty[] = "";
    assert_int_equal(input_txt_article(empty, 0, "c.txt", id, sizeof(id), &ja), SKEIN_EEMPTY);
}

/* input_doc_parse, the one entry for a document's bytes: each kind gives
 * its articles, a bad part of JSON lines is an item of its own, and what
 * refuses a whole document says why. */
static void input_documents(void **state) {
    (void)state;
    input_doc d;
    skein_error err;
    const char page[] = "<!DOCTYPE html><html lang=\"en\"><head><title>Dam breaks</title></head>"
                        "<body><article><p>The dam above the valley broke on Monday and twelve "
                        "people are missing, the police said.</p></article></body></html>";
    assert_int_equal(input_doc_parse(page, strlen(page), INPUT_PAGE, NULL,
                                     "https://www.wire.example/dam#top", NULL, &d, &err),
                     SKEIN_OK);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].a.id, "https://www.wire.example/dam");
    assert_string_equal(d.items[0].a.source, "wire.example");
    input_doc_release(&d);
    /* no address: an id from the text, the same each time */
    char id[64];
    assert_int_equal(input_doc_parse(page, strlen(page), INPUT_PAGE, NULL, NULL, NULL, &d, &err),
                     SKEIN_OK);
    assert_int_equal(strncmp(d.items[0].a.id, "text:", 5), 0);
    snprintf(id, sizeof(id), "%s", d.items[0].a.id);
    input_doc_release(&d);
    assert_int_equal(input_doc_parse(page, strlen(page), INPUT_PAGE, NULL, NULL, NULL, &d, &err),
                     SKEIN_OK);
    assert_string_equal(d.items[0].a.id, id);
    input_doc_release(&d);
    /* JSON lines: the bad line is an item with its line and cause */
    const char lines[] = "{\"id\":\"a\",\"title\":\"x\"}\n\n{\"id\":\"b\" \"title\":\"y\"}\n"
                         "{\"title\":\"no id\",\"url\":\"https://a.example/c\"}\n";
    assert_int_equal(
        input_doc_parse(lines, strlen(lines), INPUT_JSON, "f.json", NULL, NULL, &d, &err),
        SKEIN_OK);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.items[0].status, SKEIN_OK);
    assert_int_equal(d.items[1].status, SKEIN_EPARSE);
    assert_int_equal(d.items[1].err.line, 3);
    assert_int_equal(d.items[1].err.column, 11);
    assert_string_equal(d.items[2].a.id, "https://a.example/c");
    input_doc_release(&d);
    /* an array in a .json file */
    const char arr[] =
        "[\n {\"id\": \"a\", \"title\": \"x\"},\n {\"id\": \"b\", \"title\": \"y\"}\n]\n";
    assert_int_equal(input_doc_parse(arr, strlen(arr), INPUT_JSON, "f.json", NULL, NULL, &d, &err),
                     SKEIN_OK);
    assert_int_equal(d.n, 2);
    input_doc_release(&d);
    /* refused whole, with the cause */
    const char html_txt[] = "\xef\xbb\xbf  <html><body>x</body></html>";
    assert_int_equal(
        input_doc_parse(html_txt, strlen(html_txt), INPUT_TEXT, "p.txt", NULL, NULL, &d, &err),
        SKEIN_EFORMAT);
    assert_string_equal(err.message, "looks like HTML: read it as a page (.html)");
    assert_null(d.items);
    const char bin[] = "Title\n\0\1";
    assert_int_equal(
        input_doc_parse(bin, sizeof(bin) - 1, INPUT_TEXT, "b.txt", NULL, NULL, &d, &err),
        SKEIN_EFORMAT);
    assert_string_equal(err.message, "binary data, not text (byte 6)");
    assert_int_equal(input_doc_parse(" \n\t", 3, INPUT_JSON, "e.json", NULL, NULL, &d, &err),
                     SKEIN_EEMPTY);
    const char pretty[] = "{\n  \"id\": \"a\",\n  \"date\": \"soon\"\n}\n";
    assert_int_equal(
        input_doc_parse(pretty, strlen(pretty), INPUT_JSON, "d.json", NULL, NULL, &d, &err),
        SKEIN_EFIELD);
    assert_string_equal(err.message, "\"date\" is no date skein reads: \"soon\"");
}

/* Found by fuzz_input: a .json file of JSON lines whose lines are all bad
 * was read line by line (each line an item with its cause) but the error of
 * the first reading, as one document, was left in err although the call
 * succeeded. */
static void fuzz_input_error_on_success(void **state) {
    (void)state;
    const char doc[] = "{\"id\":\"a\",\"text\":\"wo\xa9ld\"}\n<p>not json</p>\n";
    input_doc d;
    skein_error err;
    assert_int_equal(input_doc_parse(doc, strlen(doc), INPUT_JSON, "f.json", NULL, NULL, &d, &err),
                     SKEIN_OK);
    assert_int_equal(err.code, SKEIN_OK);
    assert_string_equal(err.message, "");
    assert_int_equal(d.n, 2);
    assert_int_equal(d.items[0].status, SKEIN_EUTF8);
    assert_int_equal(d.items[1].status, SKEIN_EPARSE);
    input_doc_release(&d);
}

/* A request body holds at most 100,000 articles: all of them or none. */
static void limit_body_items(void **state) {
    (void)state;
    const size_t max = 100000;
    char *body = malloc((max + 1) * 24 + 3);
    assert_non_null(body);
    size_t len = 0;
    for (size_t i = 0; i < max; i++) len += (size_t)sprintf(body + len, "{\"id\":\"a%zu\"}\n", i);
    skein_json_batch b;
    skein_error err;
    assert_int_equal(skein_json_batch_parse(body, len, max, &b, &err), 0);
    assert_int_equal(b.n, max);
    skein_json_batch_release(&b);
    len += (size_t)sprintf(body + len, "{\"id\":\"a%zu\"}\n", max);
    assert_int_equal(skein_json_batch_parse(body, len, max, &b, &err), SKEIN_ETOOBIG);
    assert_int_equal(err.line, max + 1);
    assert_non_null(strstr(err.message, "more than 100000 articles"));
    /* the same as one array */
    for (size_t items = max; items <= max + 1; items++) {
        len = 0;
        body[len++] = '[';
        for (size_t i = 0; i < items; i++)
            len += (size_t)sprintf(body + len, "%s{\"id\":%zu}", i ? "," : "", i);
        body[len++] = ']';
        int rc = skein_json_batch_parse(body, len, max, &b, &err);
        if (items == max) {
            assert_int_equal(rc, 0);
            assert_int_equal(b.n, max);
            skein_json_batch_release(&b);
        } else {
            assert_int_equal(rc, SKEIN_ETOOBIG);
            assert_int_equal(err.item, max + 1);
        }
    }
    free(body);
}

/* ---- what the fuzz targets found --------------------------------------------------- */

/* fuzz_json: a numeric id out of the range of integers was cast before it
 * was checked (undefined behaviour; UBSan stops the sanitizer build here). */
static void fuzz_json_id_out_of_range(void **state) {
    (void)state;
    static const char *const bad[] = {
        "{\"id\":22222222222222222222222222222222222222222222259.0000111111111111}",
        "{\"id\":1e300}", "{\"id\":-1e300}", "{\"id\":9007199254740993}", "{\"id\":1e19}"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        skein_json_article ja;
        skein_error err;
        assert_int_equal(skein_json_article_parse(bad[i], strlen(bad[i]), &ja, &err), SKEIN_EFIELD);
        assert_string_equal(err.field, "id");
    }
    skein_json_article ja;
    assert_int_equal(skein_json_article_parse("{\"id\":-9007199254740991}", 24, &ja, NULL),
                     SKEIN_OK);
    assert_string_equal(ja.a.id, "-9007199254740991");
    skein_json_article_release(&ja);
}

/* fuzz_json: the message naming where invalid JSON breaks read past the
 * end of an input that does not end in NUL (the bytes are copied to a block
 * of their exact size, so the sanitizer build sees any read past it). */
static void fuzz_json_message_in_bounds(void **state) {
    (void)state;
    static const char *const bad[] = {"{\"id\":\"a\",\"title\":tr", "{\"id\":\"a\",\"x\":[1,2,",
                                      "{\"id\":\"a\" ]"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t n = strlen(bad[i]);
        char *exact = malloc(n);
        assert_non_null(exact);
        memcpy(exact, bad[i], n);
        skein_json_article ja;
        skein_error err;
        assert_int_equal(skein_json_article_parse(exact, n, &ja, &err), SKEIN_EPARSE);
        assert_true(err.message[0] != 0);
        free(exact);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(fuzz_json_message_in_bounds),
    cmocka_unit_test(limit_field_bytes),
    cmocka_unit_test(limit_text_bytes),
    cmocka_unit_test(limit_tokens_per_field),
    cmocka_unit_test(limit_notes_per_article),
    cmocka_unit_test(limit_stories_in_memory),
    cmocka_unit_test(limit_line_bytes),
    cmocka_unit_test(txt_files),
    cmocka_unit_test(input_documents),
    cmocka_unit_test(fuzz_input_error_on_success),
    cmocka_unit_test(limit_body_items),
    cmocka_unit_test(fuzz_json_id_out_of_range),
};
SKEIN_TEST_GROUP(hardening, tests)
