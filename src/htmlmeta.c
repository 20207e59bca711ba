/* htmlmeta.c -- a page's metadata, gathered in one walk, then chosen.
 * See htmlmeta.h.
 *
 * The walk notes what each source says (pointers into the tree, or into
 * the arena for texts and JSON-LD); the choice then takes the first source
 * that gives a usable value.  Dates are parsed as they are chosen, so a
 * source whose date does not parse gives way to the next. */
#include "htmlmeta.h"

#include "date.h"
#include "htmltitle.h"
#include "jsonld.h"
#include "langid.h"
#include "skein.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#include <string.h>
#include <strings.h>

/* Meta names that carry the publication time, best first. */
static const char *const date_names[] = {
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "pubdate",
    "article.published",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
};
#define NDATES (sizeof(date_names) / sizeof(date_names[0]))

typedef struct found {
    const char *html_lang, *content_lang, *og_locale;
    const char *og_title, *twitter_title, *og_site, *app_name, *og_url, *canonical;
    const char *dates[NDATES];
    const char *itemprop_date, *time_article, *time_any;
    const skein__node *title_tag, *h1;
    skein__ld ld;
    int failed;
} found;

/* ---- The walk -------------------------------------------------------------- */

static void note(const char **slot, const char *v) {
    if (!*slot && v && *v) *slot = v;
}

/* A <meta name|property|itemprop=KEY content=VALUE>. */
static void read_meta(found *f, const skein__node *x) {
    const char *v = skein__node_attr(x, SKEIN__A_CONTENT, NULL);
    const char *key = skein__node_attr(x, SKEIN__A_PROPERTY, NULL);
    if (!key) key = skein__node_attr(x, SKEIN__A_NAME, NULL);
    if (!key) key = skein__node_attr(x, SKEIN__A_ITEMPROP, NULL);
    const char *equiv = skein__node_attr(x, SKEIN__A_HTTP_EQUIV, NULL);
    if (equiv && strcasecmp(equiv, "content-language") == 0) note(&f->content_lang, v);
    if (!key || !v) return;
    if (strcasecmp(key, "og:title") == 0)
        note(&f->og_title, v);
    else if (strcasecmp(key, "twitter:title") == 0)
        note(&f->twitter_title, v);
    else if (strcasecmp(key, "og:site_name") == 0)
        note(&f->og_site, v);
    else if (strcasecmp(key, "application-name") == 0)
        note(&f->app_name, v);
    else if (strcasecmp(key, "og:url") == 0)
        note(&f->og_url, v);
    else if (strcasecmp(key, "og:locale") == 0)
        note(&f->og_locale, v);
    for (size_t k = 0; k < NDATES; k++)
        if (strcasecmp(key, date_names[k]) == 0) note(&f->dates[k], v);
}

/* 1 when x is inside an <article> or <main>. */
static int in_article(const skein__node *x) {
    for (; x; x = x->parent)
        if (x->tag == SKEIN__T_ARTICLE || x->tag == SKEIN__T_MAIN) return 1;
    return 0;
}

static void read_time(found *f, const skein__node *x) {
    const char *v = skein__node_attr(x, SKEIN__A_DATETIME, NULL);
    if (!v) return;
    if (in_article(x)) note(&f->time_article, v);
    note(&f->time_any, v);
}

static void read_script(found *f, const skein__node *x, skein__arena *a) {
    const char *type = skein__node_attr(x, SKEIN__A_TYPE, NULL);
    if (!type || !strstr(type, "ld+json") || !x->first || x->first->tag != SKEIN__T_TEXT) return;
    if (skein__jsonld_read(x->first->text, x->first->len, a, &f->ld) < 0) f->failed = 1;
}

static void read_link(found *f, const skein__node *x) {
    const char *rel = skein__node_attr(x, SKEIN__A_REL, NULL);
    if (rel && strcasecmp(rel, "canonical") == 0)
        note(&f->canonical, skein__node_attr(x, SKEIN__A_HREF, NULL));
}

/* An element whose itemprop is datePublished (other than a <meta>). */
static void read_itemprop(found *f, const skein__node *x) {
    const char *p = skein__node_attr(x, SKEIN__A_ITEMPROP, NULL);
    if (!p || strcmp(p, "datePublished") != 0) return;
    const char *v = skein__node_attr(x, SKEIN__A_DATETIME, NULL);
    if (!v) v = skein__node_attr(x, SKEIN__A_CONTENT, NULL);
    note(&f->itemprop_date, v);
}

static void visit(found *f, const skein__node *x, skein__arena *a) {
    switch (x->tag) {
    case SKEIN__T_HTML: note(&f->html_lang, skein__node_attr(x, SKEIN__A_LANG, NULL)); break;
    case SKEIN__T_META: read_meta(f, x); return;
    case SKEIN__T_LINK: read_link(f, x); return;
    case SKEIN__T_TIME: read_time(f, x); break;
    case SKEIN__T_SCRIPT: read_script(f, x, a); return;
    case SKEIN__T_TITLE:
        if (!f->title_tag) f->title_tag = x;
        return;
    case SKEIN__T_H1:
        if (!f->h1) f->h1 = x;
        break;
    default: break;
    }
    if (x->nattrs) read_itemprop(f, x);
}

/* ---- The choice ------------------------------------------------------------ */

/* A copy of s in the arena: references decoded (metadata is often escaped
 * twice), blanks folded and trimmed; NULL when empty or out of memory
 * (*failed set). */
static const char *folded(skein__meta *m, const char *s, int *failed) {
    if (!s) return NULL;
    sbuf raw, b;
    skein__sbuf_init(&raw), skein__sbuf_init(&b);
    skein__node tmp = {0};
    if (skein__html_unescape(s, skein__utf8_cut(s, strlen(s), 65536), &raw)) *failed = 1;
    tmp.tag = SKEIN__T_TEXT, tmp.text = raw.buf ? raw.buf : "", tmp.len = (uint32_t)raw.len;
    if (!*failed && skein__node_text(&tmp, &b)) *failed = 1;
    const char *r = b.len && !*failed ? skein__arena_strndup(&m->arena, b.buf, b.len) : NULL;
    if (b.len && !r) *failed = 1;
    skein__sbuf_release(&raw), skein__sbuf_release(&b);
    return r;
}

static const char *node_text(skein__meta *m, const skein__node *x, int *failed) {
    if (!x) return NULL;
    sbuf b;
    skein__sbuf_init(&b);
    if (skein__node_text(x, &b)) *failed = 1;
    size_t n = b.len ? skein__utf8_cut(b.buf, b.len, 4096) : 0; /* enough for any title */
    const char *r = n ? skein__arena_strndup(&m->arena, b.buf, n) : NULL;
    if (n && !r) *failed = 1;
    skein__sbuf_release(&b);
    return r;
}

/* The headline: the first source that gives one, site name cut. */
static const char *choose_title(skein__meta *m, const found *f, const char *host, int *failed) {
    const char *cands[] = {m->ld_headline, m->og_title, folded(m, f->twitter_title, failed),
                           m->title_tag,   m->h1,       folded(m, f->ld.page_headline, failed)};
    for (size_t k = 0; k < sizeof(cands) / sizeof(cands[0]); k++) {
        const char *t = cands[k];
        if (!t) continue;
        size_t start = 0, len = strlen(t);
        skein__title_cut(t, &start, &len, m->site_name, host, cands[k] == m->title_tag);
        if (len) return skein__arena_strndup(&m->arena, t + start, len);
    }
    return NULL;
}

static int64_t date_of(const char *s) {
    int64_t t;
    return s && skein__date_parse(s, strlen(s), &t) == 0 ? t : SKEIN_NO_TIME;
}

static int64_t choose_date(const found *f) {
    int64_t t = date_of(f->ld.published);
    for (size_t k = 0; k < NDATES && t == SKEIN_NO_TIME; k++) t = date_of(f->dates[k]);
    if (t == SKEIN_NO_TIME) t = date_of(f->itemprop_date);
    if (t == SKEIN_NO_TIME) t = date_of(f->time_article);
    if (t == SKEIN_NO_TIME) t = date_of(f->ld.page_published);
    if (t == SKEIN_NO_TIME) t = date_of(f->time_any);
    return t;
}

static const char *choose_lang(skein__meta *m, const found *f) {
    const char *tags[] = {f->html_lang, f->content_lang, f->og_locale, f->ld.lang};
    char code[8];
    for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++)
        if (tags[k] && skein__langid_normalize(tags[k], code) == 0)
            return skein__arena_strndup(&m->arena, code, strlen(code));
    return NULL;
}

static const char *choose_url(skein__meta *m, const found *f, const char *fetched) {
    const char *refs[] = {f->canonical, f->og_url, f->ld.url, fetched};
    sbuf b;
    skein__sbuf_init(&b);
    const char *r = NULL;
    for (size_t k = 0; k < sizeof(refs) / sizeof(refs[0]) && !r; k++)
        if (refs[k] && skein__url_resolve(fetched, refs[k], &b) == 0)
            r = skein__arena_strndup(&m->arena, b.buf, b.len);
    skein__sbuf_release(&b);
    return r;
}

static void choose(skein__meta *m, const found *f, const char *fetched, int *failed) {
    m->site_name = folded(m,
                          f->og_site        ? f->og_site
                          : f->ld.publisher ? f->ld.publisher
                          : f->app_name     ? f->app_name
                                            : f->ld.site,
                          failed);
    m->url = choose_url(m, f, fetched);
    char host[256];
    int have_host = m->url && skein__url_host(m->url, host, sizeof(host)) == 0;
    m->title_tag = node_text(m, f->title_tag, failed);
    m->h1 = node_text(m, f->h1, failed);
    m->og_title = folded(m, f->og_title, failed);
    m->ld_headline = f->ld.article ? folded(m, f->ld.headline, failed) : NULL;
    m->title = choose_title(m, f, have_host ? host : NULL, failed);
    m->lang = choose_lang(m, f);
    m->published = choose_date(f);
    m->ld_published = date_of(f->ld.published);
    m->og_published = date_of(f->dates[0]);
    m->time_published = date_of(f->time_article ? f->time_article : f->time_any);
}

int skein__html_meta(const skein__dom *d, const char *url, skein__meta *m) {
    memset(m, 0, sizeof(*m));
    skein__arena_init(&m->arena, 0);
    m->published = m->ld_published = m->og_published = m->time_published = SKEIN_NO_TIME;
    if (!d->root) return SKEIN_OK;
    found f;
    memset(&f, 0, sizeof(f));
    for (const skein__node *x = d->root; x && !f.failed; x = skein__node_next(x, d->root))
        if (x->tag != SKEIN__T_TEXT) visit(&f, x, &m->arena);
    int failed = f.failed;
    if (!failed) choose(m, &f, url, &failed);
    return failed ? SKEIN_ENOMEM : SKEIN_OK;
}

void skein__meta_release(skein__meta *m) {
    if (!m) return;
    skein__arena_release(&m->arena);
    memset(m, 0, sizeof(*m));
}
