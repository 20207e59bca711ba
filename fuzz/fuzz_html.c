/* fuzz_html.c -- a web page as fetched (skein_html_article_parse): any bytes,
 * gzipped or not, in any charset.  The first byte picks the Content-Type
 * and fetch address the page comes with, so header charsets and relative
 * links are tried too.  What the reader promises: a status, valid UTF-8
 * strings, text no longer than the page may inflate to, an outlet that is
 * a host name and an address that is http(s). */
#include "skein.h"

#include "fuzz.h"

static const char *const content_types[] = {NULL,
                                            "text/html; charset=windows-1256",
                                            "text/html; charset=koi8-r",
                                            "text/html;charset=gb2312",
                                            "text/html; charset=utf-16",
                                            "text/html; charset=bogus"};
static const char *const urls[] = {NULL, "https://www.example.com/news/a.html",
                                   "http://m.example.org", "file:///etc/passwd"};

static void check(const skein_html_article *ha) {
    const char *s[] = {ha->a.id,     ha->a.title, ha->a.text,    ha->a.lang,
                       ha->a.source, ha->a.url,   ha->site_name, ha->charset};
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
        if (s[i] && skein__utf8_check(s[i], strlen(s[i])) != strlen(s[i])) abort();
    if (!ha->a.text || strlen(ha->a.text) > 8u * 1024 * 1024) abort();
    if (ha->a.source && strchr(ha->a.source, '/')) abort();
    if (ha->a.url && strncmp(ha->a.url, "http", 4) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    unsigned pick = data[0];
    const char *ct = content_types[pick % (sizeof(content_types) / sizeof(content_types[0]))];
    const char *url = urls[(pick / 8) % (sizeof(urls) / sizeof(urls[0]))];
    skein_html_article ha;
    skein_error err;
    int rc = skein_html_article_parse((const char *)data + 1, size - 1, url, ct, &ha, &err);
    if (err.code != rc) abort();
    if (rc == SKEIN_OK) {
        check(&ha);
        skein_html_article_release(&ha);
    } else if (rc >= 0 || !err.message[0]) {
        abort();
    }
    return 0;
}
