/* test_feeds.c -- following feeds without the network: the address check
 * (every refused range, IPv4 inside IPv6, --allow-private), robots.txt
 * rules, the feed reader on the fixtures of each format and on hostile
 * ones, and the store's feed state.  No packet is sent. */
#include "test.h"

#include "feed.h"
#include "fetch.h"
#include "skein.h"
#include "store_feeds.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the address check ---------------------------------------------------------- */

/* skein__addr_check on the textual address `ip`; `why` gets the reason. */
static int check(const char *ip, int allow_private, char *why, size_t cap) {
    struct sockaddr_in in4 = {0};
    struct sockaddr_in6 in6 = {0};
    if (inet_pton(AF_INET, ip, &in4.sin_addr) == 1) {
        in4.sin_family = AF_INET;
        return skein__addr_check((const struct sockaddr *)&in4, allow_private, why, cap);
    }
    assert_int_equal(inet_pton(AF_INET6, ip, &in6.sin6_addr), 1);
    in6.sin6_family = AF_INET6;
    return skein__addr_check((const struct sockaddr *)&in6, allow_private, why, cap);
}

static void refused_as(const char *ip, int allow_private, const char *words) {
    char why[160] = "";
    if (check(ip, allow_private, why, sizeof(why)) != -1) fail_msg("%s was not refused", ip);
    if (!strstr(why, words)) fail_msg("%s: '%s' lacks '%s'", ip, why, words);
}

static void allowed(const char *ip, int allow_private) {
    char why[160] = "";
    if (check(ip, allow_private, why, sizeof(why)) != 0) fail_msg("%s was refused: %s", ip, why);
}

static void addresses_refused(void **state) {
    (void)state;
    refused_as("127.0.0.1", 0, "127.0.0.1 is a loopback address (--allow-private fetches it)");
    refused_as("127.8.9.10", 0, "loopback");
    refused_as("10.0.0.1", 0, "private");
    refused_as("10.255.255.255", 0, "private");
    refused_as("172.16.0.1", 0, "private");
    refused_as("172.31.255.254", 0, "private");
    refused_as("192.168.1.20", 0, "private");
    refused_as("169.254.3.4", 0, "link-local");
    refused_as("100.64.0.1", 0, "shared");
    refused_as("::1", 0, "::1 is a loopback address");
    refused_as("fc00::1", 0, "unique-local");
    refused_as("fd12:3456::1", 0, "unique-local");
    refused_as("fe80::1", 0, "link-local");
    refused_as("::ffff:127.0.0.1", 0, "loopback"); /* IPv4 inside IPv6 */
    refused_as("::ffff:10.1.2.3", 0, "private");
    refused_as("::ffff:169.254.169.254", 1, "cloud metadata");
    refused_as("64:ff9b::a00:1", 0, "private"); /* NAT64 of 10.0.0.1 */
    /* never, even on a local setup */
    refused_as("169.254.169.254", 1, "169.254.169.254 is a cloud metadata address");
    refused_as("fd00:ec2::254", 1, "cloud metadata");
    refused_as("0.0.0.0", 1, "unspecified");
    refused_as("::", 1, "unspecified");
    refused_as("224.0.0.1", 1, "multicast");
    refused_as("255.255.255.255", 1, "multicast or reserved");
    refused_as("ff02::1", 1, "multicast");
    char why[64];
    assert_int_equal(skein__addr_check(NULL, 1, why, sizeof(why)), -1);
}

static void addresses_allowed(void **state) {
    (void)state;
    allowed("8.8.8.8", 0);
    allowed("93.184.216.34", 0);
    allowed("172.15.255.255", 0); /* just outside 172.16/12 */
    allowed("172.32.0.1", 0);
    allowed("192.169.0.1", 0);
    allowed("169.253.1.1", 0);
    allowed("2001:4860:4860::8888", 0);
    allowed("::ffff:8.8.4.4", 0);
    allowed("fbff::1", 0); /* just outside fc00::/7 */
    /* --allow-private: loopback, private and link-local */
    allowed("127.0.0.1", 1);
    allowed("10.1.2.3", 1);
    allowed("192.168.0.1", 1);
    allowed("::1", 1);
    allowed("fd12::1", 1);
    allowed("fe80::1", 1);
}

/* ---- robots.txt -------------------------------------------------------------------- */

static void robots_rules(void **state) {
    (void)state;
    const char *r = "User-agent: otherbot\nDisallow: /\n\n"
                    "User-agent: *\nDisallow: /private/\nAllow: /private/open\n"
                    "Disallow: /*.pdf$\nCrawl-delay: 7\n";
    size_t n = strlen(r);
    double delay = 0;
    assert_int_equal(skein__robots_allows(r, n, "/news/a.html", &delay), 1);
    assert_true(delay == 7);
    assert_int_equal(skein__robots_allows(r, n, "/private/x.html", NULL), 0);
    assert_int_equal(skein__robots_allows(r, n, "/private/open/y.html", NULL), 1);
    assert_int_equal(skein__robots_allows(r, n, "/files/report.pdf", NULL), 0);
    assert_int_equal(skein__robots_allows(r, n, "/files/report.pdf?x=1", NULL), 1);
    /* a group naming skein replaces "*"; an empty Disallow allows all */
    const char *own = "User-agent: *\nDisallow: /\n\nUser-agent: Skein\nDisallow:\n";
    assert_int_equal(skein__robots_allows(own, strlen(own), "/a", NULL), 1);
    const char *all = "# nobody\nUser-agent: *\r\nDisallow: / # all of it\r\n";
    assert_int_equal(skein__robots_allows(all, strlen(all), "/a", NULL), 0);
    assert_int_equal(skein__robots_allows("", 0, "/a", NULL), 1);
    /* two agents in one group, rules after a blank line still theirs */
    const char *two = "User-agent: a\nUser-agent: skein\n\nDisallow: /x\n";
    assert_int_equal(skein__robots_allows(two, strlen(two), "/x/1", NULL), 0);
    assert_int_equal(skein__robots_allows(two, strlen(two), "/y", NULL), 1);
}

/* ---- the feed reader ----------------------------------------------------------------- */

#define BASE "http://outlet.test"

/* Fixture feeds/<name> with {{BASE}} replaced (the caller frees it). */
static char *feed_fixture(const char *name, size_t *len) {
    char path[512];
    snprintf(path, sizeof(path), "%s/feeds/%s", skein_test_fixtures, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char raw[16384];
    size_t n = fread(raw, 1, sizeof(raw) - 1, f);
    fclose(f);
    raw[n] = 0;
    char *out = malloc(2 * n + 1), *o = out;
    assert_non_null(out);
    for (const char *s = raw; *s;) {
        if (!strncmp(s, "{{BASE}}", 8)) {
            memcpy(o, BASE, strlen(BASE));
            o += strlen(BASE), s += 8;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    *len = (size_t)(o - out);
    return out;
}

static int parse_fixture(const char *name, skein__feed *feed, skein_error *err) {
    size_t len;
    char *doc = feed_fixture(name, &len);
    char base[128];
    snprintf(base, sizeof(base), BASE "/feeds/%s", name);
    int rc = skein__feed_parse(doc, len, base, feed, err);
    free(doc);
    return rc;
}

static void rss_feed(void **state) {
    (void)state;
    skein__feed f;
    skein_error err;
    assert_int_equal(parse_fixture("rss.xml", &f, &err), SKEIN_OK);
    assert_string_equal(f.kind, "rss");
    assert_int_equal(f.n, 2);
    assert_string_equal(f.items[0].url, BASE "/feeds/pages/rss-1.html");
    assert_string_equal(f.items[0].id, "courier-rss-1");
    assert_string_equal(f.items[0].title, "Harbour cranes return to Valmora port");
    assert_string_equal(f.items[0].text, "The northern quay reopened on Thursday.");
    assert_true(f.items[0].published == 1720773000);
    assert_true(f.items[1].published == 1720710300); /* +0200 */
    assert_string_equal(f.items[1].text, "A tram line to the campus, eleven stops.");
    skein__feed_release(&f);
}

static void atom_feed(void **state) {
    (void)state;
    skein__feed f;
    skein_error err;
    assert_int_equal(parse_fixture("atom.xml", &f, &err), SKEIN_OK);
    assert_string_equal(f.kind, "atom");
    assert_int_equal(f.n, 2);
    assert_string_equal(f.items[0].url, BASE "/feeds/pages/atom-1.html"); /* relative, alternate */
    assert_string_equal(f.items[0].id, "urn:example:orsen:atom-1");
    assert_string_equal(f.items[0].title, "Drought shrinks Lake Orsen to a record low");
    assert_true(f.items[0].published == 1721027520); /* published, not updated */
    assert_string_equal(f.items[1].url, BASE "/feeds/pages/atom-2.html");
    assert_true(f.items[1].published == 1720975200);
    assert_string_equal(f.items[1].text, "No ferry until September.");
    skein__feed_release(&f);
}

static void rdf_and_json_feeds(void **state) {
    (void)state;
    skein__feed f;
    skein_error err;
    assert_int_equal(parse_fixture("rdf.xml", &f, &err), SKEIN_OK);
    assert_string_equal(f.kind, "rdf");
    assert_int_equal(f.n, 1);
    assert_string_equal(f.items[0].url, BASE "/feeds/pages/rdf-1.html");
    assert_string_equal(f.items[0].id, BASE "/feeds/pages/rdf-1.html");
    assert_true(f.items[0].published == 1720645200);
    skein__feed_release(&f);
    assert_int_equal(parse_fixture("feed.json", &f, &err), SKEIN_OK);
    assert_string_equal(f.kind, "json");
    assert_int_equal(f.n, 1);
    assert_string_equal(f.items[0].id, "brenford-json-1");
    assert_string_equal(f.items[0].url, BASE "/feeds/pages/json-1.html");
    assert_string_equal(f.items[0].text, "Nineteenth-century newspapers, digitised.");
    assert_true(f.items[0].published == 1720857600);
    skein__feed_release(&f);
}

static void hostile_feeds(void **state) {
    (void)state;
    skein__feed f;
    skein_error err;
    assert_int_equal(parse_fixture("entities.xml", &f, &err), SKEIN_EINVAL);
    assert_non_null(strstr(err.message, "declares entities"));
    assert_int_equal(f.n, 0);
    assert_int_equal(parse_fixture("malformed.xml", &f, &err), SKEIN_EPARSE);
    assert_non_null(strstr(err.message, "malformed feed: line 10, column 1"));
    assert_int_equal(err.line, 10);
    /* an external DTD is not loaded: its entity stays unknown, the item empty */
    const char *ext = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/x.dtd\">"
                      "<rss><channel><item><title>&ext;</title></item></channel></rss>";
    assert_int_equal(skein__feed_parse(ext, strlen(ext), NULL, &f, &err), SKEIN_OK);
    assert_int_equal(f.n, 0);
    skein__feed_release(&f);
    const char *html = "\n<!DOCTYPE html><html><body>hi</body></html>";
    assert_int_equal(skein__feed_parse(html, strlen(html), NULL, &f, &err), SKEIN_EPARSE);
    assert_non_null(strstr(err.message, "not a feed: an HTML page"));
    const char *other = "<opml><body/></opml>";
    assert_int_equal(skein__feed_parse(other, strlen(other), NULL, &f, &err), SKEIN_EPARSE);
    assert_non_null(strstr(err.message, "the root element is <opml>"));
    const char *json = "{\"version\": \"https://jsonfeed.org/version/1\",\n \"items\": [}";
    assert_int_equal(skein__feed_parse(json, strlen(json), NULL, &f, &err), SKEIN_EPARSE);
    assert_non_null(strstr(err.message, "malformed JSON Feed: line 2"));
    const char *nover = "{\"items\": []}";
    assert_int_equal(skein__feed_parse(nover, strlen(nover), NULL, &f, &err), SKEIN_EPARSE);
    assert_int_equal(skein__feed_parse("  ", 2, NULL, &f, &err), SKEIN_EPARSE);
    /* links that are no web address are dropped; the item stays */
    const char *js = "<rss><channel><item><title>t</title><link>javascript:alert(1)</link>"
                     "</item></channel></rss>";
    assert_int_equal(skein__feed_parse(js, strlen(js), BASE "/", &f, &err), SKEIN_OK);
    assert_int_equal(f.n, 1);
    assert_null(f.items[0].url);
    skein__feed_release(&f);
    /* RSS 2.0: a guid is the address unless isPermaLink="false" */
    const char *guids = "<rss><channel><item><guid>https://outlet.test/p1</guid></item>"
                        "<item><guid isPermaLink=\"false\">https://outlet.test/p2</guid>"
                        "<title>t</title></item></channel></rss>";
    assert_int_equal(skein__feed_parse(guids, strlen(guids), NULL, &f, &err), SKEIN_OK);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.items[0].url, "https://outlet.test/p1");
    assert_null(f.items[1].url);
    skein__feed_release(&f);
    /* found by fuzz_feed (fuzz/regress/feed/scheme-case): a scheme in capitals
     * came out as written; one page, one id */
    const char *caps = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": "
                       "[{\"url\": \"hTtP://Outlet.test/a\"}]}";
    assert_int_equal(skein__feed_parse(caps, strlen(caps), NULL, &f, &err), SKEIN_OK);
    assert_string_equal(f.items[0].url, "http://Outlet.test/a");
    skein__feed_release(&f);
}

/* ---- the store's feed state ---------------------------------------------------------- */

static void store_feed_state(void **state) {
    (void)state;
    char path[] = "/tmp/skein-feeds-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    skein_error err;
    skein_store *s = skein_store_new(path, 0, &err);
    assert_non_null(s);
    skein__feed_state st;
    assert_int_equal(skein__store_feed_get(s, BASE "/rss", &st), SKEIN_ENOTFOUND);
    assert_int_equal(st.failures, 0);
    snprintf(st.etag, sizeof(st.etag), "\"abc\"");
    snprintf(st.last_modified, sizeof(st.last_modified), "Wed, 02 Dec 2026 06:00:00 GMT");
    st.failures = 2, st.next_poll = 1800000000;
    assert_int_equal(skein__store_feed_put(s, BASE "/rss", &st, 1700000000, "HTTP status 500"),
                     SKEIN_OK);
    assert_int_equal(skein__store_item_seen(s, "urn:x:1"), 0);
    assert_int_equal(skein__store_item_put(s, "urn:x:1", BASE "/rss", BASE "/a", 1700000000),
                     SKEIN_OK);
    skein_store_free(s);
    s = skein_store_new(path, 0, &err); /* a restart remembers */
    assert_non_null(s);
    skein__feed_state back;
    assert_int_equal(skein__store_feed_get(s, BASE "/rss", &back), SKEIN_OK);
    assert_string_equal(back.etag, "\"abc\"");
    assert_string_equal(back.last_modified, "Wed, 02 Dec 2026 06:00:00 GMT");
    assert_int_equal(back.failures, 2);
    assert_true(back.next_poll == 1800000000);
    assert_int_equal(skein__store_item_seen(s, "urn:x:1"), 1);
    assert_int_equal(skein__store_item_seen(s, "urn:x:2"), 0);
    skein_store_free(s);
    unlink(path);
    char side[sizeof(path) + 8];
    for (const char *ext = "-wal\0-shm\0.lock\0"; *ext; ext += strlen(ext) + 1) {
        snprintf(side, sizeof(side), "%s%s", path, ext);
        unlink(side);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(addresses_refused), cmocka_unit_test(addresses_allowed),
    cmocka_unit_test(robots_rules),      cmocka_unit_test(rss_feed),
    cmocka_unit_test(atom_feed),         cmocka_unit_test(rdf_and_json_feeds),
    cmocka_unit_test(hostile_feeds),     cmocka_unit_test(store_feed_state),
};

SKEIN_TEST_GROUP(feeds, tests)
