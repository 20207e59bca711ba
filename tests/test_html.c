/* test_html.c -- web pages in, articles out (skein_html_article_parse):
 * the project's own fixture pages (tests/fixtures/html, see its README):
 * boilerplate left out, metadata read, charsets converted, gzip inflated,
 * caps held, hostile pages refused or read safely, two threads at once. */
#include "test.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "html.h"
#include "skein.h"
#include "utf8.h"
#include "util.h"

/* 2021-12-03T08:30:00Z: 18964 days after 1970-01-01, plus 8.5 hours. */
#define NEWS_TIME INT64_C(1638520200)

static char *load(const char *name, size_t *len) {
    char path[1024];
    snprintf(path, sizeof(path), "%s/html/%s", skein_test_fixtures, name);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 4096 > cap) buf = realloc(buf, cap = 2 * cap + 8192);
        assert_non_null(buf);
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Reads fixture `name` into ha, expecting SKEIN_OK. */
static void read_fixture(const char *name, const char *url, const char *content_type,
                         skein_html_article *ha) {
    size_t len;
    char *page = load(name, &len);
    skein_error err;
    int rc = skein_html_article_parse(page, len, url, content_type, ha, &err);
    if (rc != SKEIN_OK) fail_msg("%s: %s (%s)", name, skein_strerror(rc), err.message);
    free(page);
}

static int valid_utf8(const char *s) { return !s || skein__utf8_check(s, strlen(s)) == strlen(s); }

static void assert_has(const char *text, const char *what) {
    if (!strstr(text, what)) fail_msg("expected \"%s\" in:\n%s", what, text);
}

static void assert_lacks(const char *text, const char *what) {
    if (strstr(text, what)) fail_msg("did not expect \"%s\" in:\n%s", what, text);
}

static size_t count_char(const char *s, char c) {
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

/* ---- a news page ------------------------------------------------------------ */

static void news_text(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("news.html", NULL, NULL, &ha);
    const char *t = ha.a.text;
    assert_has(t, "The harbour bridge reopened to traffic on Friday morning");
    assert_has(t, "were finished two days ahead of schedule");
    assert_has(t, "who met President Vladimir Putin on the quay last year.");
    assert_has(t, "What changes for drivers");
    assert_has(t, "signed by more than 8,000 residents.");
    static const char *const boilerplate[] = {
        "We use cookies",    /* cookie banner */
        "Sport",             /* navigation */
        "Share on Facebook", /* share bar */
        "Vladimir Vladimirovich Putin",
        "The hidden blessing", /* the widget in a sentence */
        "Storm damage bill",   /* related stories */
        "About time too",      /* comments */
        "Workers check",
        "Reuters", /* caption and credit */
        "Advertisement",
        "Mayor resigns",       /* sidebar */
        "All rights reserved", /* footer */
        "By Ada Example",      /* byline */
        "not text",
        "STYLE TEXT",                                 /* script and style bodies */
        "Harbour bridge reopens after storm repairs", /* the headline */
    };
    for (size_t i = 0; i < sizeof(boilerplate) / sizeof(boilerplate[0]); i++)
        assert_lacks(t, boilerplate[i]);
    assert_int_equal(count_char(t, '\n'), 5); /* six paragraphs, one per line */
    assert_true(t[strlen(t) - 1] != '\n');
    assert_true(valid_utf8(t));
    skein_html_article_release(&ha);
    assert_null(ha.owned);
    assert_null(ha.a.text);
    skein_html_article_release(&ha);
    skein_html_article_release(NULL);
}

static void news_metadata(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("news.html", "https://www.example-news.com/city/harbour-bridge-reopens", NULL,
                 &ha);
    assert_string_equal(ha.a.title, "Harbour bridge reopens after storm repairs");
    assert_int_equal(ha.a.published, NEWS_TIME); /* JSON-LD's time, not og's +01:00 one */
    assert_string_equal(ha.a.lang, "en");
    assert_string_equal(ha.a.source, "example-news.com");
    /* the relative canonical link, resolved; its fragment dropped */
    assert_string_equal(ha.a.url,
                        "https://www.example-news.com/city/harbour-bridge-reopens?ref=canon");
    assert_string_equal(ha.a.id, ha.a.url);
    assert_string_equal(ha.site_name, "The Daily Example");
    assert_string_equal(ha.charset, "utf-8");
    assert_int_equal(ha.cut, 0);
    skein_html_article_release(&ha);
}

static void gzip_page(void **state) {
    (void)state;
    skein_html_article plain, gz;
    read_fixture("news.html", NULL, NULL, &plain);
    read_fixture("news.html.gz", NULL, NULL, &gz);
    assert_string_equal(gz.a.text, plain.a.text);
    assert_string_equal(gz.a.title, plain.a.title);
    assert_int_equal(gz.cut, 0);
    skein_html_article_release(&plain);
    skein_html_article_release(&gz);
}

/* ---- charsets ------------------------------------------------------------------ */

static void arabic_windows_1256(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("ar-windows-1256.html", NULL, NULL, &ha);
    assert_string_equal(ha.charset, "windows-1256");
    assert_has(ha.a.text, "طالبت موسكو يوم الجمعة بضمانات قانونية");
    assert_has(ha.a.text, "حول خفض التوتر.");
    assert_lacks(ha.a.text, "شارك على فيسبوك");
    assert_string_equal(ha.a.title, "موسكو تطالب بضمانات أمنية");
    assert_string_equal(ha.a.lang, "ar"); /* no lang in the markup: detected */
    skein_html_article_release(&ha);
}

static void russian_koi8_r(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("ru-koi8-r.html", NULL, NULL, &ha);
    assert_string_equal(ha.charset, "koi8-r");
    assert_has(ha.a.text, "Москва в пятницу потребовала юридических гарантий");
    assert_has(ha.a.text, "о снижении напряжённости.");
    assert_lacks(ha.a.text, "ничего нового");
    assert_string_equal(ha.a.title, "Москва потребовала гарантий безопасности");
    skein_html_article_release(&ha);
}

static void russian_windows_1251_undeclared(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("ru-windows-1251-undeclared.html", NULL, NULL, &ha);
    assert_string_equal(ha.charset, "windows-1251"); /* found by ICU's detector */
    assert_has(ha.a.text, "Москва в пятницу потребовала юридических гарантий");
    assert_string_equal(ha.a.lang, "ru");
    skein_html_article_release(&ha);
    /* the HTTP header names it too */
    read_fixture("ru-windows-1251-undeclared.html", NULL, "text/html; Charset=\"Windows-1251\"",
                 &ha);
    assert_string_equal(ha.charset, "windows-1251");
    assert_has(ha.a.text, "Заместитель министра заявил");
    skein_html_article_release(&ha);
}

static void chinese_gb18030(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("zh-gb18030.html", NULL, NULL, &ha);
    assert_string_equal(ha.charset, "gb18030"); /* the page says gb2312 */
    assert_has(ha.a.text, "莫斯科星期五要求获得法律保证");
    assert_has(ha.a.text, "古汉字𠀀也能正确显示"); /* a four-byte GB18030 character */
    assert_lacks(ha.a.text, "版权所有");
    assert_string_equal(ha.a.title, "莫斯科要求安全保障");
    assert_string_equal(ha.a.lang, "zh");
    skein_html_article_release(&ha);
}

static int read_bytes(const char *bytes, size_t len, skein_html_article *ha) {
    skein_error err;
    return skein_html_article_parse(bytes, len, NULL, NULL, ha, &err);
}

static void utf8_fixes(void **state) {
    (void)state;
    skein_html_article ha;
    /* declared UTF-8, with a stray byte and a NUL: U+FFFD and nothing */
    const char bad[] = "<meta charset=utf-8><html><body><p>Caf\xe9 cr\xc3\xa8me and a NUL\0 byte, "
                       "in an otherwise valid "
                       "page about coffee and cream and pastries.</p></body></html>";
    assert_int_equal(read_bytes(bad, sizeof(bad) - 1, &ha), SKEIN_OK);
    assert_has(ha.a.text, "Caf\xef\xbf\xbd cr\xc3\xa8me and a NUL byte");
    assert_true(valid_utf8(ha.a.text));
    skein_html_article_release(&ha);
    /* UTF-8 bytes under a windows-1251 label: the bytes win */
    const char *mislabelled = "<meta charset=windows-1251><p>Привет, мир: это UTF-8.</p>";
    assert_int_equal(read_bytes(mislabelled, strlen(mislabelled), &ha), SKEIN_OK);
    assert_has(ha.a.text, "Привет, мир");
    assert_string_equal(ha.charset, "utf-8");
    skein_html_article_release(&ha);
    /* UTF-16LE with its byte-order mark */
    const char u16[] =
        "\xff\xfe<\0p\0>\0\x1f\x04\x40\x04\x38\x04\x32\x04\x35\x04\x42\x04<\0/\0p\0>\0";
    assert_int_equal(read_bytes(u16, sizeof(u16) - 1, &ha), SKEIN_OK);
    assert_string_equal(ha.a.text, "Привет");
    assert_string_equal(ha.charset, "utf-16le");
    skein_html_article_release(&ha);
}

/* ---- pages with little or nothing ------------------------------------------- */

static void no_metadata(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("nometa.html", "https://m.giornale.example.it/citta/traffico", NULL, &ha);
    assert_null(ha.a.title);
    assert_null(ha.site_name);
    assert_int_equal(ha.a.published, SKEIN_NO_TIME);
    assert_string_equal(ha.a.url, "https://m.giornale.example.it/citta/traffico");
    assert_string_equal(ha.a.source, "giornale.example.it");
    assert_string_equal(ha.a.lang, "it"); /* detected from the text */
    assert_has(ha.a.text, "Il consiglio comunale ha approvato");
    assert_lacks(ha.a.text, "Archivio");
    skein_html_article_release(&ha);
    /* no address at all: no id, no url, no outlet */
    read_fixture("nometa.html", NULL, NULL, &ha);
    assert_null(ha.a.id);
    assert_null(ha.a.url);
    assert_null(ha.a.source);
    skein_html_article_release(&ha);
    /* an empty page is a page without text */
    assert_int_equal(read_bytes("", 0, &ha), SKEIN_OK);
    assert_string_equal(ha.a.text, "");
    skein_html_article_release(&ha);
    /* a fetch address that is not http(s) names nothing */
    assert_int_equal(skein_html_article_parse("<p>x</p>", 8, "file:///etc/passwd", NULL, &ha, NULL),
                     SKEIN_OK);
    assert_null(ha.a.url);
    assert_null(ha.a.source);
    skein_html_article_release(&ha);
}

/* Fixture `name` behind an <html lang=...> of our choosing: its language. */
static char *language_under(const char *name, const char *lang) {
    size_t len;
    char *page = load(name, &len);
    sbuf b;
    skein__sbuf_init(&b);
    skein__sbuf_adds(&b, "<html lang=\"");
    skein__sbuf_adds(&b, lang);
    skein__sbuf_adds(&b, "\">");
    skein__sbuf_add(&b, page, len);
    free(page);
    skein_html_article ha;
    assert_int_equal(read_bytes(b.buf, b.len, &ha), SKEIN_OK);
    char *got = ha.a.lang ? strdup(ha.a.lang) : NULL;
    skein_html_article_release(&ha);
    skein__sbuf_release(&b);
    return got;
}

static void language_checked(void **state) {
    (void)state;
    /* a template's lang="en" above an Italian article: the text wins */
    char *lang = language_under("nometa.html", "en");
    assert_string_equal(lang, "it");
    free(lang);
    /* between languages a detector may confuse, the markup stays */
    lang = language_under("ru-windows-1251-undeclared.html", "uk");
    assert_string_equal(lang, "uk");
    free(lang);
    lang = language_under("ru-windows-1251-undeclared.html", "ru-RU");
    assert_string_equal(lang, "ru");
    free(lang);
}

static void entity_expansion(void **state) {
    (void)state;
    skein_html_article ha;
    read_fixture("entities.html", NULL, NULL, &ha);
    assert_lacks(ha.a.text, "AAAAAAAA"); /* nothing declared expands */
    assert_lacks(ha.a.text, "root:");    /* no file is read */
    assert_has(ha.a.text, "expand entities: &d; and to read a file: &secret;");
    assert_has(ha.a.text, "references & é é ☺ still count"); /* HTML's own do */
    assert_true(strlen(ha.a.text) < 1000);
    skein_html_article_release(&ha);
}

/* xorshift: the same garbage on every run */
static uint32_t next_rand(uint32_t *s) {
    *s ^= *s << 13, *s ^= *s >> 17, *s ^= *s << 5;
    return *s;
}

static void garbage_bytes(void **state) {
    (void)state;
    uint32_t seed = 2463534242u;
    static const size_t sizes[] = {1, 2, 3, 17, 1000, 65536, 300000};
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        for (int variant = 0; variant < 3; variant++) {
            char *b = malloc(sizes[k]);
            assert_non_null(b);
            for (size_t i = 0; i < sizes[k]; i++) {
                uint32_t r = next_rand(&seed);
                b[i] = variant == 2 ? "<>/!-=\"' ap&;#x\n"[r % 16] : (char)r;
            }
            if (variant == 1 && sizes[k] >= 2)
                b[0] = 0x1f, b[1] = (char)0x8b; /* gzip magic, no gzip */
            skein_html_article ha;
            skein_error err;
            int rc = skein_html_article_parse(b, sizes[k], NULL, NULL, &ha, &err);
            if (rc != SKEIN_OK && rc != SKEIN_EPARSE)
                fail_msg("size %zu variant %d: %s", sizes[k], variant, err.message);
            assert_int_equal(err.code, rc);
            if (variant == 1 && sizes[k] >= 2) {
                assert_int_equal(rc, SKEIN_EPARSE);
                assert_string_equal(err.message, "not gzip data");
            } else {
                assert_int_equal(rc, SKEIN_OK);
                assert_true(valid_utf8(ha.a.text) && valid_utf8(ha.a.title) &&
                            valid_utf8(ha.a.lang));
                skein_html_article_release(&ha);
            }
            free(b);
        }
    }
}

/* ---- caps ---------------------------------------------------------------------- */

/* gzip of `n` bytes of a paragraph repeated. */
static unsigned char *gzip_of_repeat(size_t n, size_t *out_len) {
    const char *unit = "<p>The same sentence again and again, to fill the page.</p>\n";
    size_t u = strlen(unit), cap = n / 100 + 65536;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    z_stream z;
    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_out = out, z.avail_out = (uInt)cap;
    for (size_t done = 0; done < n; done += u) {
        z.next_in = (Bytef *)(uintptr_t)unit, z.avail_in = (uInt)u;
        assert_int_equal(deflate(&z, Z_NO_FLUSH), Z_OK);
    }
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static void gzip_bomb(void **state) {
    (void)state;
    size_t len;
    unsigned char *gz = gzip_of_repeat(64u << 20, &len); /* 64 MiB in about 100 KB */
    skein_html_article ha;
    skein_error err;
    assert_int_equal(skein_html_article_parse((char *)gz, len, NULL, NULL, &ha, &err), SKEIN_OK);
    assert_int_equal(ha.cut, 1);
    assert_int_equal(err.code, SKEIN_OK);
    assert_has(err.message, "size cap");
    assert_true(strlen(ha.a.text) <= SKEIN__HTML_MAX_BYTES);
    assert_has(ha.a.text, "The same sentence again");
    skein_html_article_release(&ha);
    free(gz);
}

static void gzip_truncated(void **state) {
    (void)state;
    size_t len;
    char *gz = load("news.html.gz", &len);
    skein_html_article ha;
    skein_error err;
    assert_int_equal(skein_html_article_parse(gz, len * 2 / 3, NULL, NULL, &ha, &err), SKEIN_OK);
    assert_int_equal(ha.cut, 1); /* what came before the end is read */
    assert_has(ha.a.text, "The harbour bridge reopened");
    skein_html_article_release(&ha);
    free(gz);
}

static void plain_cap(void **state) {
    (void)state;
    size_t n = SKEIN__HTML_MAX_BYTES + 4096, u = 64;
    char *page = malloc(n);
    assert_non_null(page);
    for (size_t i = 0; i < n; i += u)
        memcpy(page + i, "<p>A paragraph of sixty-four bytes, give or take a few ones.</p>\n",
               SKEIN_MIN(u, n - i));
    skein_html_article ha;
    skein_error err;
    assert_int_equal(skein_html_article_parse(page, n, NULL, NULL, &ha, &err), SKEIN_OK);
    assert_int_equal(ha.cut, 1);
    assert_has(err.message, "size cap");
    skein_html_article_release(&ha);
    /* at the cap itself nothing is cut */
    assert_int_equal(skein_html_article_parse(page, SKEIN__HTML_MAX_BYTES, NULL, NULL, &ha, &err),
                     SKEIN_OK);
    assert_int_equal(ha.cut, 0);
    assert_int_equal(err.code, SKEIN_OK);
    assert_string_equal(err.message, "");
    skein_html_article_release(&ha);
    free(page);
}

static void bad_arguments(void **state) {
    (void)state;
    skein_html_article ha;
    skein_error err;
    assert_int_equal(skein_html_article_parse(NULL, 10, NULL, NULL, &ha, &err), SKEIN_EINVAL);
    assert_int_equal(err.code, SKEIN_EINVAL);
    assert_string_equal(err.message, "no bytes");
    assert_int_equal(skein_html_article_parse("x", 1, NULL, NULL, NULL, &err), SKEIN_EINVAL);
    assert_int_equal(err.code, SKEIN_EINVAL);
    assert_int_equal(skein_html_article_parse(NULL, 0, NULL, NULL, &ha, NULL), SKEIN_OK);
    skein_html_article_release(&ha);
}

/* ---- threads ------------------------------------------------------------------- */

typedef struct job {
    const char *name;
    char *expected;
    int ok;
} job;

static void *read_many(void *arg) {
    job *j = arg;
    size_t len;
    char path[1024];
    snprintf(path, sizeof(path), "%s/html/%s", skein_test_fixtures, j->name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *page = malloc(1 << 16);
    len = page ? fread(page, 1, 1 << 16, f) : 0;
    fclose(f);
    j->ok = page != NULL;
    for (int i = 0; i < 40 && j->ok; i++) {
        skein_html_article ha;
        if (skein_html_article_parse(page, len, NULL, NULL, &ha, NULL) != SKEIN_OK)
            j->ok = 0;
        else
            j->ok = strcmp(ha.a.text, j->expected) == 0, skein_html_article_release(&ha);
    }
    free(page);
    return NULL;
}

static void two_threads(void **state) {
    (void)state;
    job jobs[2] = {{"news.html.gz", NULL, 0}, {"zh-gb18030.html", NULL, 0}};
    pthread_t t[2];
    for (int k = 0; k < 2; k++) {
        skein_html_article ha;
        read_fixture(jobs[k].name, NULL, NULL, &ha);
        jobs[k].expected = strdup(ha.a.text);
        skein_html_article_release(&ha);
    }
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_create(&t[k], NULL, read_many, &jobs[k]), 0);
    for (int k = 0; k < 2; k++) pthread_join(t[k], NULL);
    for (int k = 0; k < 2; k++) {
        assert_true(jobs[k].ok);
        free(jobs[k].expected);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(news_text),        cmocka_unit_test(news_metadata),
    cmocka_unit_test(gzip_page),        cmocka_unit_test(arabic_windows_1256),
    cmocka_unit_test(russian_koi8_r),   cmocka_unit_test(russian_windows_1251_undeclared),
    cmocka_unit_test(chinese_gb18030),  cmocka_unit_test(utf8_fixes),
    cmocka_unit_test(no_metadata),      cmocka_unit_test(language_checked),
    cmocka_unit_test(entity_expansion), cmocka_unit_test(garbage_bytes),
    cmocka_unit_test(gzip_bomb),        cmocka_unit_test(gzip_truncated),
    cmocka_unit_test(plain_cap),        cmocka_unit_test(bad_arguments),
    cmocka_unit_test(two_threads),
};

SKEIN_TEST_GROUP(html, tests)
