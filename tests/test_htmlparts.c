/* test_htmlparts.c -- the read stage's parts one by one: the arena, gzip,
 * the byte scanner (declared charset, pruning), the tree, class and id
 * hints, addresses, dates, JSON-LD, titles. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "charset.h"
#include "dom.h"
#include "gunzip.h"
#include "date.h"
#include "htmlhint.h"
#include "htmlscan.h"
#include "htmltitle.h"
#include "jsonld.h"
#include "skein.h"
#include "url.h"

/* ---- arena ------------------------------------------------------------------ */

static void arena_cap(void **state) {
    (void)state;
    skein__arena a;
    skein__arena_init(&a, 100000);
    size_t got = 0;
    while (skein__arena_alloc(&a, 1000)) got += 1000;
    assert_true(a.capped);
    assert_true(got <= 100000 && got >= 90000);
    assert_true(a.total <= 100000);
    char *s = NULL;
    skein__arena_release(&a);
    assert_false(a.capped);
    s = skein__arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    void *big = skein__arena_zalloc(&a, 50000); /* larger than a chunk: a chunk of its own */
    assert_non_null(big);
    assert_int_equal(((char *)big)[49999], 0);
    assert_null(skein__arena_alloc(&a, (size_t)-1));
    skein__arena_release(&a);
}

/* ---- gzip --------------------------------------------------------------------- */

/* "hello hello hello\n" gzipped by gzip(1) -n. */
static const unsigned char hello_gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
                                         0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x90, 0x5c,
                                         0x00, 0x3b, 0x7c, 0x8a, 0xdf, 0x12, 0x00, 0x00, 0x00};

static void gunzip_members(void **state) {
    (void)state;
    sbuf out;
    skein__sbuf_init(&out);
    assert_true(skein__is_gzip((const char *)hello_gz, sizeof(hello_gz)));
    assert_false(skein__is_gzip("<html>", 6));
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 1000, &out), SKEIN_OK);
    assert_string_equal(out.buf, "hello hello hello\n");
    /* two members, as gzip(1) writes when files are concatenated */
    unsigned char two[2 * sizeof(hello_gz)];
    memcpy(two, hello_gz, sizeof(hello_gz)),
        memcpy(two + sizeof(hello_gz), hello_gz, sizeof(hello_gz));
    assert_int_equal(skein__gunzip((const char *)two, sizeof(two), 1000, &out), SKEIN_OK);
    assert_int_equal(out.len, 36);
    /* the cap, at its edge: 18 bytes fit in 18, not in 17 */
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 18, &out), SKEIN_OK);
    assert_int_equal(skein__gunzip((const char *)hello_gz, sizeof(hello_gz), 17, &out),
                     SKEIN_ETOOBIG);
    assert_int_equal(out.len, 17);
    /* cut short, and corrupt */
    assert_int_equal(skein__gunzip((const char *)hello_gz, 20, 1000, &out), SKEIN_EPARSE);
    unsigned char bad[sizeof(hello_gz)];
    memcpy(bad, hello_gz, sizeof(bad));
    bad[12] ^= 0xff;
    assert_int_equal(skein__gunzip((const char *)bad, sizeof(bad), 1000, &out), SKEIN_EPARSE);
    skein__sbuf_release(&out);
}

/* ---- the byte scanner -------------------------------------------------------- */

static const char *meta_charset(const char *html) {
    static char label[64];
    return skein__scan_meta_charset(html, strlen(html), label, sizeof(label)) ? label : NULL;
}

static void scan_charset(void **state) {
    (void)state;
    assert_string_equal(meta_charset("<html><head><meta charset=koi8-r></head>"), "koi8-r");
    assert_string_equal(meta_charset("<META CHARSET=' UTF-8 '>"), "UTF-8");
    assert_string_equal(
        meta_charset(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"),
        "windows-1256");
    assert_string_equal(
        meta_charset("<meta content='text/html;charset=\"gb2312\"' http-equiv=content-type>"),
        "gb2312");
    assert_null(meta_charset("<!-- <meta charset=koi8-r> --><p>text</p>")); /* in a comment */
    assert_null(meta_charset("<meta name=description content=\"charset=koi8-r\">"));
    assert_null(meta_charset("<p title='<meta charset=koi8-r>'>x</p>")); /* in an attribute value */
    char far[2048];
    memset(far, ' ', sizeof(far));
    memcpy(far + 1100, "<meta charset=koi8-r>", 21);
    far[sizeof(far) - 1] = 0;
    assert_null(meta_charset(far)); /* past the first 1024 bytes */
    char label[64];
    assert_true(skein__scan_content_type_charset("text/html; charset=ISO-8859-1", 29, label,
                                                 sizeof(label)));
    assert_string_equal(label, "ISO-8859-1");
    assert_false(skein__scan_content_type_charset("text/html", 9, label, sizeof(label)));
}

static char *pruned(const char *html) {
    static char out[1024];
    sbuf b;
    skein__sbuf_init(&b);
    assert_int_equal(skein__scan_prune(html, strlen(html), &b), 0);
    snprintf(out, sizeof(out), "%s", b.buf ? b.buf : "");
    skein__sbuf_release(&b);
    return out;
}

static void scan_prune(void **state) {
    (void)state;
    assert_string_equal(
        pruned("<p>a</p><script>if (a < b) document.write('</div>');</script><p>b</p>"),
        "<p>a</p><script></script><p>b</p>");
    assert_string_equal(pruned("<SCRIPT type=text/javascript>x</scriptx></SCRIPT >y"),
                        "<SCRIPT type=text/javascript></SCRIPT >y");
    assert_string_equal(pruned("<script type=\"application/ld+json\">{\"a\":1}</script>"),
                        "<script type=\"application/ld+json\">{\"a\":1}</script>");
    assert_string_equal(pruned("<style>p{}</style>a<!-- c -->b<!-->c<!--->d"),
                        "<style></style>abcd");
    assert_string_equal(pruned("<!DOCTYPE html><?xml x?><p>a</p>"), "<p>a</p>");
    assert_string_equal(pruned("a <b c='>' d=\"<script>\">x</b> 1 < 2"),
                        "a <b c='>' d=\"<script>\">x</b> 1 < 2");
    assert_string_equal(pruned("<p>a</p><script>never closed"), "<p>a</p><script>");
    assert_string_equal(pruned("<!-- never closed <p>a</p>"), "");
}

/* ---- charsets -------------------------------------------------------------------- */

/* Converts s and checks where the charset came from and what came out. */
static void convert(const char *s, size_t len, const char *ct, const char *name,
                    skein__charset_from from, const char *want) {
    sbuf buf;
    skein__sbuf_init(&buf);
    const char *text;
    size_t n;
    skein__charset cs;
    assert_int_equal(skein__charset_to_utf8(s, len, ct, &buf, &text, &n, &cs), SKEIN_OK);
    assert_string_equal(cs.name, name);
    assert_int_equal(cs.from, from);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(text, want, n);
    if (from == SKEIN__CS_VALID && buf.len == 0) assert_ptr_equal(text, s); /* no copy */
    skein__sbuf_release(&buf);
}

static void charsets(void **state) {
    (void)state;
    convert("plain ascii", 11, NULL, "utf-8", SKEIN__CS_VALID, "plain ascii");
    convert("\xef\xbb\xbf<p>\xc3\xa9</p>", 12, NULL, "utf-8", SKEIN__CS_BOM, "<p>\xc3\xa9</p>");
    /* the header beats the page, the page beats nothing; iso-8859-1 means windows-1252 */
    convert("<meta charset=koi8-r>\x80", 22, "text/html; charset=iso-8859-1", "windows-1252",
            SKEIN__CS_HEADER, "<meta charset=koi8-r>\xe2\x82\xac");
    convert("<meta charset=koi8-r>\xf0", 22, NULL, "koi8-r", SKEIN__CS_META,
            "<meta charset=koi8-r>\xd0\x9f");
    convert("<meta charset=gbk>\xb0\xa1", 20, NULL, "gb18030", SKEIN__CS_META,
            "<meta charset=gbk>\xe5\x95\x8a");
    /* a page cannot declare UTF-16 in bytes it had to be read in to say so */
    convert("<meta charset=utf-16>ok", 23, NULL, "utf-8", SKEIN__CS_META,
            "<meta charset=utf-16>ok");
    /* NUL bytes go, a stray byte becomes U+FFFD */
    convert("<meta charset=utf-8>a\0b\xff"
            "c",
            25, NULL, "utf-8", SKEIN__CS_META,
            "<meta charset=utf-8>ab\xef\xbf\xbd"
            "c");
    /* a label that is no name (found by fuzz_html): as if there were none */
    sbuf buf;
    skein__sbuf_init(&buf);
    const char *text;
    size_t n;
    skein__charset cs;
    const char *odd = "<meta charset=\"koi8-r\x96\x96\">\xf0";
    assert_int_equal(skein__charset_to_utf8(odd, strlen(odd), NULL, &buf, &text, &n, &cs),
                     SKEIN_OK);
    assert_int_equal(cs.from, SKEIN__CS_DETECTED);
    assert_null(strchr(cs.name, '\x96'));
    skein__sbuf_release(&buf);
    /* a label nobody knows: the bytes are detected */
    convert("<meta charset=no-such-charset>abc", 33, NULL, "utf-8", SKEIN__CS_VALID,
            "<meta charset=no-such-charset>abc");
}

/* ---- the tree ----------------------------------------------------------------- */

static void dom_tree(void **state) {
    (void)state;
    const char *html =
        "<html lang=de><body><div class='a b' id=x data-drop=1><p>One &amp; <b>two</b>"
        "<p>three</div><script type=application/ld+json>{\"k\":1}</script></body>";
    skein__dom d;
    assert_int_equal(skein__dom_parse(&d, html, strlen(html), NULL), SKEIN_OK);
    const skein__node *htm = d.root->first, *div = NULL, *script = NULL;
    assert_int_equal(htm->tag, SKEIN__T_HTML);
    assert_string_equal(skein__node_attr(htm, SKEIN__A_LANG, NULL), "de");
    for (const skein__node *x = d.root; x; x = skein__node_next(x, d.root)) {
        if (x->tag == SKEIN__T_DIV) div = x;
        if (x->tag == SKEIN__T_SCRIPT) script = x;
    }
    assert_non_null(div);
    size_t len;
    assert_string_equal(skein__node_attr(div, SKEIN__A_CLASS, &len), "a b");
    assert_int_equal(len, 3);
    assert_string_equal(skein__node_attr(div, SKEIN__A_ID, NULL), "x");
    assert_int_equal(div->nattrs, 2); /* data-drop is not kept */
    /* the first <p> is closed by the second; both are children of the div */
    assert_int_equal(div->first->tag, SKEIN__T_P);
    assert_int_equal(div->first->next->tag, SKEIN__T_P);
    sbuf t;
    skein__sbuf_init(&t);
    assert_int_equal(skein__node_text(div, &t), 0);
    assert_string_equal(t.buf, "One & twothree");
    assert_non_null(script);
    assert_string_equal(script->first->text, "{\"k\":1}");
    skein__sbuf_release(&t);
    skein__dom_release(&d);
    skein__dom_release(&d);
    /* references in metadata escaped twice */
    sbuf u;
    skein__sbuf_init(&u);
    const char *twice = "Don&#8217;t &amp; won&#x2019;t&nbsp;&bogus; &#0; &#xD800; & &#65";
    assert_int_equal(skein__html_unescape(twice, strlen(twice), &u), 0);
    assert_string_equal(u.buf, "Don\u2019t & won\u2019t\u00a0&bogus; &#0; &#xD800; & &#65");
    skein__sbuf_release(&u);
    /* depth: 5000 nested elements build, and walking them needs no stack */
    sbuf deep;
    skein__sbuf_init(&deep);
    for (int i = 0; i < 5000; i++) skein__sbuf_adds(&deep, "<div>");
    skein__sbuf_adds(&deep, "bottom");
    assert_int_equal(skein__dom_parse(&d, deep.buf, deep.len, NULL), SKEIN_OK);
    uint32_t n = 0;
    for (const skein__node *x = d.root; x; x = skein__node_next(x, d.root)) n++;
    assert_int_equal(n, d.nodes);
    skein__dom_release(&d);
    skein__sbuf_release(&deep);
}

/* ---- hints -------------------------------------------------------------------- */

static unsigned hint_of(const char *html) {
    skein__dom d;
    assert_int_equal(skein__dom_parse(&d, html, strlen(html), NULL), SKEIN_OK);
    const skein__node *x = d.root;
    while (x && x->tag != SKEIN__T_DIV && x->tag != SKEIN__T_NAV && x->tag != SKEIN__T_SCRIPT)
        x = skein__node_next(x, d.root);
    assert_non_null(x);
    unsigned h = skein__html_hint(x);
    skein__dom_release(&d);
    return h;
}

static void hints(void **state) {
    (void)state;
    assert_true(hint_of("<div class=relatedArticles>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<div class='c-article__body'>") & SKEIN__HINT_BODY);
    assert_true(hint_of("<div itemprop=articleBody>") & SKEIN__HINT_BODY);
    assert_false(hint_of("<div class='article-body share-enabled'>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<div class='visually-hidden'>") & SKEIN__HINT_JUNK);
    assert_false(hint_of("<div class='hidden-xs'>") & SKEIN__HINT_JUNK);          /* responsive */
    assert_false(hint_of("<div class='field-label-hidden'>") & SKEIN__HINT_JUNK); /* the label is */
    assert_false(hint_of("<div class='social-media-embed'>") & SKEIN__HINT_JUNK); /* a tweet */
    assert_true(hint_of("<div class='image-embed-caption'>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<div class=sharebar>") & SKEIN__HINT_JUNK); /* glued */
    assert_true(hint_of("<div id=cookie-banner>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<div role=navigation>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<div style='display: none'>") & SKEIN__HINT_HIDDEN);
    assert_true(hint_of("<div hidden>") & SKEIN__HINT_HIDDEN);
    assert_true(hint_of("<nav>") & SKEIN__HINT_JUNK);
    assert_true(hint_of("<script>") & SKEIN__HINT_DROP);
    assert_true(hint_of("<div class=entry-content>") & SKEIN__HINT_POS);
    assert_int_equal(hint_of("<div class='row col-md-8'>"), 0);
    /* words from all over the table: a table out of order loses some */
    static const char *const body[] = {"article-body",  "blog_content", "field-name-body",
                                       "newsCopy",      "post-text",    "story__body",
                                       "entry-content", "bodyText"};
    for (size_t k = 0; k < sizeof(body) / sizeof(body[0]); k++) {
        char html[128];
        snprintf(html, sizeof(html), "<div class='%s'>", body[k]);
        if (!(hint_of(html) & SKEIN__HINT_BODY)) fail_msg("%s is an article body", body[k]);
    }
    static const char *const junk[] = {"ad",       "adsbygoogle", "breadcrumbs", "consent",
                                       "disqus",   "gdpr",        "masthead",    "newsletter",
                                       "outbrain", "popup",       "related",     "sidebar",
                                       "taboola",  "widgets",     "toolbar"};
    for (size_t k = 0; k < sizeof(junk) / sizeof(junk[0]); k++) {
        char html[128];
        snprintf(html, sizeof(html), "<div id='%s'>", junk[k]);
        if (!(hint_of(html) & SKEIN__HINT_JUNK)) fail_msg("%s is boilerplate", junk[k]);
    }
    assert_true(hint_of("<div class='prose'>") & SKEIN__HINT_POS);
    assert_true(hint_of("<div class='teaser'>") & SKEIN__HINT_NEG);
    assert_true(skein__html_label("Advertisement", 13));
    assert_true(skein__html_label(" ADVERTISEMENT: ", 16));
    assert_true(skein__html_label("Реклама", strlen("Реклама")));
    assert_false(skein__html_label("Advertisement sales fell", 24));
}

/* ---- addresses ------------------------------------------------------------------ */

static const char *resolve(const char *base, const char *ref) {
    static char out[512];
    sbuf b;
    skein__sbuf_init(&b);
    int rc = skein__url_resolve(base, ref, &b);
    snprintf(out, sizeof(out), "%s", rc ? "(none)" : b.buf);
    skein__sbuf_release(&b);
    return out;
}

static void url_resolve(void **state) {
    (void)state;
    const char *base = "https://www.example.com/news/2021/story.html?x=1#top";
    assert_string_equal(resolve(base, "/a/b"), "https://www.example.com/a/b");
    assert_string_equal(resolve(base, "//cdn.example.org/c"), "https://cdn.example.org/c");
    assert_string_equal(resolve(base, "other.html"),
                        "https://www.example.com/news/2021/other.html");
    assert_string_equal(resolve(base, "?page=2"),
                        "https://www.example.com/news/2021/story.html?page=2");
    assert_string_equal(resolve("https://example.com", "x"), "https://example.com/x");
    assert_string_equal(resolve(NULL, "  HTTP://Example.com/a#frag  "), "HTTP://Example.com/a");
    assert_string_equal(resolve(NULL, "/relative"), "(none)");
    assert_string_equal(resolve(base, "javascript:alert(1)"), "(none)");
    assert_string_equal(resolve(base, "ftp://example.com/x"), "(none)");
    assert_string_equal(resolve(base, "https://exa mple.com/"), "(none)");
    assert_string_equal(resolve(base, "https:///path"), "(none)");
}

static const char *host(const char *url) {
    static char h[256];
    return skein__url_host(url, h, sizeof(h)) ? "(none)" : h;
}

static void url_host(void **state) {
    (void)state;
    assert_string_equal(host("https://www.Reuters.com:443/world"), "reuters.com");
    assert_string_equal(host("http://user:pw@m.bbc.co.uk/news"), "bbc.co.uk");
    assert_string_equal(host("https://edition.cnn.com"), "edition.cnn.com");
    assert_string_equal(host("https://www.com/"), "www.com"); /* one label would be left */
    assert_string_equal(host("https://example.com./x"), "example.com");
    assert_string_equal(host("https://пример.рф/x"), "пример.рф");
    assert_string_equal(host("https://bad_host!/"), "(none)");
    assert_string_equal(host("www.example.com"), "(none)");
    assert_string_equal(host(NULL), "(none)");
}

/* ---- dates ------------------------------------------------------------------------ */

static int64_t date(const char *s) {
    int64_t t;
    return skein__date_parse(s, strlen(s), &t) ? -1 : t;
}

static void dates(void **state) {
    (void)state;
    const int64_t noon = INT64_C(1638532800); /* 2021-12-03T12:00:00Z */
    assert_int_equal(date("2021-12-03T12:00:00Z"), noon);
    assert_int_equal(date("2021-12-03T12:00:00.000Z"), noon);
    assert_int_equal(date("2021-12-03T13:00:00+01:00"), noon);
    assert_int_equal(date("2021-12-03T07:00:00-0500"), noon);
    assert_int_equal(date("2021-12-03 07:00:00 -05:00"), noon);
    assert_int_equal(date(" 2021-12-03T12:00Z\n"), noon);
    assert_int_equal(date("2021/12/03 12:00:00"), noon);
    assert_int_equal(date("2021-12-03"), noon - 12 * 3600);
    assert_int_equal(date("Fri, 03 Dec 2021 12:00:00 GMT"), noon);
    assert_int_equal(date("03 Dec 2021 07:00:00 EST"), noon);
    assert_int_equal(date("December 3, 2021 7:00 AM EST"), noon);
    assert_int_equal(date("Dec. 3, 2021 12:00 pm"), noon);
    assert_int_equal(date("1638532800"), noon);
    assert_int_equal(date("1638532800000"), noon);
    assert_int_equal(date("1970-01-01T00:00:00Z"), -1); /* before any web page */
    assert_int_equal(date("2021-13-03"), -1);
    assert_int_equal(date("2021-02-30"), -1);
    assert_int_equal(date("yesterday"), -1);
    assert_int_equal(date(""), -1);
    assert_int_equal(date("2021-12-03T25:00:00Z"), -1);
}

/* ---- JSON-LD ---------------------------------------------------------------------- */

static void jsonld(void **state) {
    (void)state;
    skein__arena a;
    skein__arena_init(&a, 0);
    skein__ld ld;
    memset(&ld, 0, sizeof(ld));
    const char *site = "{\"@type\":\"WebSite\",\"name\":\"Example Site\"}";
    assert_int_equal(skein__jsonld_read(site, strlen(site), &a, &ld), 0);
    const char *graph =
        "{\"@graph\":[{\"@type\":[\"Thing\",\"http://schema.org/NewsArticle\"],"
        "\"headline\":\"A headline\nover two lines\",\"datePublished\":\"2021-12-03\","
        "\"publisher\":[{\"@type\":\"Organization\",\"name\":\"Example News\"}],"
        "\"inLanguage\":{\"name\":\"English\",\"alternateName\":\"en\"}}]}";
    assert_int_equal(skein__jsonld_read(graph, strlen(graph), &a, &ld), 0);
    assert_true(ld.article);
    assert_string_equal(ld.headline, "A headline over two lines");
    assert_string_equal(ld.published, "2021-12-03");
    assert_string_equal(ld.publisher, "Example News");
    assert_string_equal(ld.lang, "English");
    assert_string_equal(ld.site, "Example Site");
    /* the first script to state a field wins */
    const char *later =
        "[{\"@type\":\"BlogPosting\",\"headline\":\"Another\",\"url\":\"https://x.example/\"}]";
    assert_int_equal(skein__jsonld_read(later, strlen(later), &a, &ld), 0);
    assert_string_equal(ld.headline, "A headline over two lines");
    assert_string_equal(ld.url, "https://x.example/");
    assert_int_equal(skein__jsonld_read("{not json", 9, &a, &ld), 1);
    /* nesting deeper than the walk goes is ignored, not followed */
    char deep[4096] = "";
    for (int i = 0; i < 200; i++) strcat(deep, "{\"@graph\":");
    strcat(deep, "{\"@type\":\"NewsArticle\",\"headline\":\"Deep\"}");
    for (int i = 0; i < 200; i++) strcat(deep, "}");
    memset(&ld, 0, sizeof(ld));
    assert_int_equal(skein__jsonld_read(deep, strlen(deep), &a, &ld), 0);
    assert_null(ld.headline);
    skein__arena_release(&a);
}

/* ---- titles ----------------------------------------------------------------------- */

static const char *cut(const char *title, const char *site, const char *host_name, int is_tag) {
    static char out[256];
    size_t start = 0, len = strlen(title);
    skein__title_cut(title, &start, &len, site, host_name, is_tag);
    snprintf(out, sizeof(out), "%.*s", (int)len, title + start);
    return out;
}

static void titles(void **state) {
    (void)state;
    assert_string_equal(cut("Bridge reopens | The Daily Example", "The Daily Example", NULL, 1),
                        "Bridge reopens");
    assert_string_equal(cut("The Hill - Bridge reopens", NULL, "thehill.com", 0), "Bridge reopens");
    assert_string_equal(cut("Bridge reopens - City - CNN", NULL, "edition.cnn.com", 1),
                        "Bridge reopens");
    assert_string_equal(cut("Bridge reopens - City - CNN", NULL, "edition.cnn.com", 0),
                        "Bridge reopens - City");
    assert_string_equal(cut("Classificação NASCAR | Autoracing | F1", NULL, "autoracing.com.br", 0),
                        "Classificação NASCAR");
    assert_string_equal(cut("Storm damage bill grows | World | News", NULL, "express.co.uk", 1),
                        "Storm damage bill grows");
    assert_string_equal(
        cut("Milan Design Week 2018 | Michael Anastassiades' light installation", NULL, NULL, 1),
        "Milan Design Week 2018 | Michael Anastassiades' light installation");
    assert_string_equal(cut("Bridge reopens after storm - City News", NULL, NULL, 1),
                        "Bridge reopens after storm");
    assert_string_equal(cut("Biden - Trump debate set for Tuesday", NULL, NULL, 0),
                        "Biden - Trump debate set for Tuesday");
    assert_string_equal(
        cut("Biden - Trump debate set for Tuesday | Reuters", NULL, "reuters.com", 1),
        "Biden - Trump debate set for Tuesday");
    assert_string_equal(cut("莫斯科要求安全保障_示例新闻网", NULL, NULL, 1), "莫斯科要求安全保障");
    assert_string_equal(cut("Only a headline", "Site", "site.com", 1), "Only a headline");
    assert_string_equal(cut("BBC News", NULL, "bbc.co.uk", 1),
                        "BBC News"); /* never cut to nothing */
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(arena_cap),  cmocka_unit_test(gunzip_members), cmocka_unit_test(scan_charset),
    cmocka_unit_test(scan_prune), cmocka_unit_test(charsets),       cmocka_unit_test(dom_tree),
    cmocka_unit_test(hints),      cmocka_unit_test(url_resolve),    cmocka_unit_test(url_host),
    cmocka_unit_test(dates),      cmocka_unit_test(jsonld),         cmocka_unit_test(titles),
};

SKEIN_TEST_GROUP(htmlparts, tests)
