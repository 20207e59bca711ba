/* fuzz_feed.c -- a feed as fetched (skein__feed_parse): RSS, RDF, Atom or
 * JSON Feed, or anything else.  The first byte picks the address the feed
 * came from, so relative links are resolved against several bases or none.
 * What the reader promises: a status with a message on failure, and on
 * success items whose strings are valid UTF-8, whose addresses are
 * absolute http(s), and no more of them than the cap. */
#include "feed.h"
#include "fuzz.h"

static const char *const bases[] = {NULL, "https://www.example.com/news/feed.xml",
                                    "http://example.org", "file:///etc/feed.xml"};

static void check_str(const char *s) {
    if (s && skein__utf8_check(s, strlen(s)) != strlen(s)) abort();
}

static void check(const skein__feed *f) {
    if (f->n > SKEIN__FEED_MAX_ITEMS || !f->kind) abort();
    for (size_t i = 0; i < f->n; i++) {
        const skein__feed_item *it = &f->items[i];
        check_str(it->id), check_str(it->title), check_str(it->text), check_str(it->url);
        if (it->url && strncmp(it->url, "http", 4) != 0) abort();
        if (!it->url && !it->title && !it->text) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    const char *base = bases[data[0] % (sizeof(bases) / sizeof(bases[0]))];
    skein__feed f;
    skein_error err;
    int rc = skein__feed_parse((const char *)data + 1, size - 1, base, &f, &err);
    if (err.code != rc) abort();
    if (rc == SKEIN_OK)
        check(&f);
    else if (rc >= 0 || !err.message[0] || f.n)
        abort();
    skein__feed_release(&f);
    return 0;
}
