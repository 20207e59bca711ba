/* html.c -- the read stage for web pages: the steps in order, and the
 * public skein_html_article_parse.  See html.h.
 *
 * Buffers are the call's own: the inflated page, the converted page, the
 * pruned page, the tree (an arena), the metadata (an arena).  What the
 * page keeps is copied out into malloc'd strings at the end, each checked
 * to be valid UTF-8 (repaired with U+FFFD if not, which the steps before
 * should never leave).  The language is checked against the text's. */
#include "html.h"

#include "charset.h"
#include "dom.h"
#include "error.h"
#include "gunzip.h"
#include "htmlmeta.h"
#include "htmlscan.h"
#include "htmltext.h"
#include "skein.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Buffers of one read. */
typedef struct reading {
    sbuf inflated, converted, pruned, text;
    skein__dom dom;
    skein__meta meta;
    skein_error *err;
} reading;

static int fail(reading *r, int rc, const char *msg) {
    return skein__fail(r->err, rc, NULL, "%s", msg);
}

/* The page's bytes after inflating a gzip body, cut at the cap. */
static int raw_bytes(reading *r, const char **s, size_t *len, skein__page *p) {
    if (!skein__is_gzip(*s, *len)) {
        if (*len > SKEIN__HTML_MAX_BYTES) *len = SKEIN__HTML_MAX_BYTES, p->cut = 1;
        return SKEIN_OK;
    }
    int rc = skein__gunzip(*s, *len, SKEIN__HTML_MAX_BYTES, &r->inflated);
    if (rc == SKEIN_ENOMEM) return fail(r, rc, "out of memory inflating the page");
    if (rc == SKEIN_EPARSE && r->inflated.len == 0) return fail(r, rc, "not gzip data");
    if (rc != SKEIN_OK) p->cut = 1; /* over the cap, or a gzip stream that ends early */
    *s = r->inflated.buf, *len = r->inflated.len;
    return SKEIN_OK;
}

/* A malloc'd valid UTF-8 copy of s (NULL stays NULL); 0 or -1. */
static int copy_out(char **dst, const char *s) {
    *dst = NULL;
    if (!s) return 0;
    size_t n = strlen(s);
    if (skein__utf8_check(s, n) == n) return (*dst = skein__strndup(s, n)) ? 0 : -1;
    sbuf b;
    skein__sbuf_init(&b);
    for (size_t i = 0; i < n;) {
        char enc[4];
        uint32_t cp = skein__utf8_next(s, n, &i);
        if (skein__sbuf_add(&b, enc, skein__utf8_put(cp, enc))) return skein__sbuf_release(&b), -1;
    }
    *dst = b.buf ? b.buf : skein__strndup("", 0);
    return *dst ? 0 : -1;
}

/* Languages a detector may take one for the other: the markup is trusted
 * between them. */
static int close_languages(const char *a, const char *b) {
    static const char *const groups[] = {"id ms",    "hr sr bs",    "da no nb nn", "cs sk",
                                         "ru uk be", "es gl ca pt", "zh ja"};
    for (size_t k = 0; k < sizeof(groups) / sizeof(groups[0]); k++)
        if (strstr(groups[k], a) && strstr(groups[k], b)) return 1;
    return 0;
}

/* The language: the markup's, unless the text, long enough, is reliably
 * another (a site's template says lang="de" above an English article);
 * what the text is detected as when the markup says nothing.  A check
 * reads the first 1,024 bytes of text, a detection up to 4,096. */
static int page_lang(const reading *r, skein__page *p) {
    const char *stated = r->meta.lang;
    char code[8];
    int reliable = 0;
    size_t need = stated ? 400 : 200;
    size_t len = stated ? skein__utf8_cut(r->text.buf, r->text.len, 1024) : r->text.len;
    if (r->text.len >= need &&
        skein_detect_language(r->text.buf, len, code, &reliable) == SKEIN_OK && reliable &&
        strcmp(code, "und") != 0 && !(stated && close_languages(stated, code)))
        return copy_out(&p->lang, code);
    return copy_out(&p->lang, stated);
}

static int fill_page(reading *r, const char *url, skein__page *p) {
    char host[256];
    const char *address = r->meta.url;
    if (copy_out(&p->title, r->meta.title) || copy_out(&p->text, r->text.buf ? r->text.buf : "") ||
        copy_out(&p->url, address) || copy_out(&p->site_name, r->meta.site_name) || page_lang(r, p))
        return fail(r, SKEIN_ENOMEM, "out of memory");
    if (!address) address = url;
    if (address && skein__url_host(address, host, sizeof(host)) == 0 && copy_out(&p->source, host))
        return fail(r, SKEIN_ENOMEM, "out of memory");
    p->published = r->meta.published;
    return SKEIN_OK;
}

static int read_page(reading *r, const char *s, size_t len, const char *content_type,
                     const char *url, skein__page *p) {
    int rc = raw_bytes(r, &s, &len, p);
    if (rc) return rc;
    skein__charset cs;
    const char *utf8;
    size_t utf8_len;
    rc = skein__charset_to_utf8(s, len, content_type, &r->converted, &utf8, &utf8_len, &cs);
    if (rc)
        return fail(r, rc,
                    rc == SKEIN_ENOMEM ? "out of memory converting the page"
                                       : "ICU could not convert the page");
    snprintf(p->charset, sizeof(p->charset), "%s", cs.name);
    if (skein__scan_prune(utf8, utf8_len, &r->pruned))
        return fail(r, SKEIN_ENOMEM, "out of memory");
    rc = skein__dom_parse(&r->dom, r->pruned.buf, r->pruned.len, r->err);
    if (rc) return rc;
    if (r->dom.cut) p->cut = 1;
    if (skein__html_meta(&r->dom, url, &r->meta)) return fail(r, SKEIN_ENOMEM, "out of memory");
    skein__text_hints hints = {r->meta.title};
    if (skein__html_text(&r->dom, &hints, &r->text)) return fail(r, SKEIN_ENOMEM, "out of memory");
    return fill_page(r, url, p);
}

int skein__html_read(const char *bytes, size_t len, const char *content_type, const char *url,
                     skein__page *out, skein_error *err) {
    skein__error_clear(err);
    if (!out) return skein__fail(err, SKEIN_EINVAL, NULL, "no article to fill");
    memset(out, 0, sizeof(*out));
    out->published = SKEIN_NO_TIME;
    reading r;
    memset(&r, 0, sizeof(r));
    r.err = err;
    if (!bytes && len) return fail(&r, SKEIN_EINVAL, "no bytes");
    int rc = read_page(&r, bytes ? bytes : "", len, content_type, url, out);
    if (rc == SKEIN_OK && out->cut)
        fail(&r, SKEIN_OK, "page over its size cap: only its start was read");
    skein__sbuf_release(&r.inflated);
    skein__sbuf_release(&r.converted);
    skein__sbuf_release(&r.pruned);
    skein__sbuf_release(&r.text);
    skein__dom_release(&r.dom);
    skein__meta_release(&r.meta);
    if (rc) skein__page_release(out);
    return rc;
}

void skein__page_release(skein__page *p) {
    if (!p) return;
    free(p->title);
    free(p->text);
    free(p->lang);
    free(p->source);
    free(p->url);
    free(p->site_name);
    memset(p, 0, sizeof(*p));
    p->published = SKEIN_NO_TIME;
}

/* ---- Public ---------------------------------------------------------------- */

int skein_html_article_parse(const char *html, size_t len, const char *url,
                             const char *content_type, skein_html_article *out, skein_error *err) {
    skein__error_clear(err);
    if (!out) return skein__fail(err, SKEIN_EINVAL, NULL, "no article to fill");
    memset(out, 0, sizeof(*out));
    out->a.published = SKEIN_NO_TIME;
    skein__page *p = malloc(sizeof(*p));
    if (!p) return skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory");
    int rc = skein__html_read(html, len, content_type, url, p, err);
    if (rc) {
        free(p);
        return rc;
    }
    out->owned = p;
    out->a = (skein_article){p->url, p->title, p->text, p->lang, p->source, p->url, p->published};
    out->site_name = p->site_name;
    out->charset = p->charset;
    out->cut = p->cut;
    return SKEIN_OK;
}

void skein_html_article_release(skein_html_article *ha) {
    if (!ha) return;
    skein__page_release(ha->owned);
    free(ha->owned);
    memset(ha, 0, sizeof(*ha));
    ha->a.published = SKEIN_NO_TIME;
}
