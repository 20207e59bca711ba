/* serve_atom.c -- Atom feeds (RFC 4287) of `skein serve`: GET
 * /v1/stories.atom (the list, with the list's own arguments) and GET
 * /v1/stories/{id}.atom (one story's articles, newest first).
 *
 * A feed is made from the answer of the JSON route it mirrors, so the two
 * never disagree on what a query selects; serve_routes.c parses the
 * arguments once for both.  The XML is written by libxml2's xmlTextWriter
 * (escaping is its job); text is first cleared of the control characters
 * XML 1.0 cannot carry.  Ids do not depend on the server's address:
 * urn:skein:story:N, urn:skein:article:ID and, for a list, urn:skein:stories
 * with its arguments in a fixed order, so a feed reader keeps them across
 * moves.  An entry's <updated> is the story's (article's) latest time; the
 * store keeps no time of commit, so an undated one says 1970-01-01. */
#include "serve_atom.h"

#include "serve_http.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <xxhash.h>

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define MAX_ARGS 32
#define MAX_CONTRIBUTORS 20

typedef const xmlChar *X;

/* ---- the request: where links point, which arguments make the query ---------- */

typedef struct arg_list {
    const char *key[MAX_ARGS], *value[MAX_ARGS];
    size_t n;
} arg_list;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value) {
    (void)kind;
    arg_list *a = cls;
    if (a->n < MAX_ARGS && key && *key) a->key[a->n] = key, a->value[a->n++] = value ? value : "";
    return MHD_YES;
}

/* The request's arguments sorted by name (a feed's id must not depend on
 * the order a client wrote them in). */
static void args_of(struct MHD_Connection *c, arg_list *a) {
    a->n = 0;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, a);
    for (size_t i = 1; i < a->n; i++)
        for (size_t j = i; j > 0 && strcmp(a->key[j - 1], a->key[j]) > 0; j--) {
            const char *k = a->key[j], *v = a->value[j];
            a->key[j] = a->key[j - 1], a->value[j] = a->value[j - 1];
            a->key[j - 1] = k, a->value[j - 1] = v;
        }
}

static void pct(sbuf_t *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            sbuf_printf(b, "%c", *p);
        else
            sbuf_printf(b, "%%%02X", *p);
    }
}

/* "k=v&k=v" of the arguments: paging 0 without limit and cursor, 1 with
 * both, 2 with limit only (for the next page's link). */
static void query_string(sbuf_t *b, const arg_list *a, int paging) {
    int first = 1;
    for (size_t i = 0; i < a->n; i++) {
        if (paging != 1 && !strcmp(a->key[i], "cursor")) continue;
        if (!paging && !strcmp(a->key[i], "limit")) continue;
        sbuf_printf(b, "%s", first ? "" : "&");
        pct(b, a->key[i]);
        sbuf_printf(b, "=");
        pct(b, a->value[i]);
        first = 0;
    }
    if (!b->buf) sbuf_printf(b, "%s", ""); /* empty, not NULL */
}

/* http://HOST from the request's Host (when it is a plain host[:port]), else
 * the server's own address. */
static void base_of(struct MHD_Connection *c, const server *sv, char *buf, size_t n) {
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    int ok = host && *host && strlen(host) < 256;
    for (const char *p = host; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
             strchr(".-:[]", *p);
    if (ok)
        snprintf(buf, n, "http://%s", host);
    else
        snprintf(buf, n, "%s", sv->address);
}

/* ---- writing ------------------------------------------------------------------- */

typedef struct atom_w {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    int failed;
    const char *base;
    int64_t updated; /* the feed's: the latest of its entries' */
} atom_w;

static void chk(atom_w *a, int rc) {
    if (rc < 0) a->failed = 1;
}

/* `s` without the control characters XML 1.0 forbids (new; NULL on ENOMEM). */
static char *xml_clean(const char *s) {
    size_t n = strlen(s);
    char *o = malloc(n + 1), *q = o;
    if (!o) return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r') *q++ = (char)*p;
    *q = 0;
    return o;
}

static void start(atom_w *a, const char *name) { chk(a, xmlTextWriterStartElement(a->w, (X)name)); }
static void end(atom_w *a) { chk(a, xmlTextWriterEndElement(a->w)); }

static void attr(atom_w *a, const char *name, const char *value) {
    char *v = xml_clean(value);
    if (!v)
        a->failed = 1;
    else
        chk(a, xmlTextWriterWriteAttribute(a->w, (X)name, (X)v));
    free(v);
}

/* <name [xml:lang=lang]>text</name> */
static void text_el(atom_w *a, const char *name, const char *text, const char *lang) {
    char *t = xml_clean(text ? text : "");
    if (!t) {
        a->failed = 1;
        return;
    }
    start(a, name);
    if (lang && *lang && strcmp(lang, "und")) attr(a, "xml:lang", lang);
    chk(a, xmlTextWriterWriteString(a->w, (X)t));
    end(a);
    free(t);
}

static void time_el(atom_w *a, const char *name, int64_t t) {
    char buf[32];
    format_time(t == SKEIN_NO_TIME ? 0 : t, buf, sizeof(buf));
    text_el(a, name, buf, NULL);
}

/* <link rel= type= href=base+path/> (base NULL: href is whole). */
static void link_el(atom_w *a, const char *rel, const char *type, const char *base,
                    const char *path) {
    sbuf_t b = {0};
    sbuf_printf(&b, "%s%s", base ? base : "", path);
    if (!b.buf) {
        a->failed = 1;
        return;
    }
    start(a, "link");
    attr(a, "rel", rel);
    if (type) attr(a, "type", type);
    attr(a, "href", b.buf);
    end(a);
    free(b.buf);
}

static void person(atom_w *a, const char *role, const char *name) {
    start(a, role);
    text_el(a, "name", name, NULL);
    end(a);
}

static int begin_feed(atom_w *a, const char *base) {
    memset(a, 0, sizeof(*a));
    a->base = base;
    a->updated = SKEIN_NO_TIME;
    if (!(a->buf = xmlBufferCreate())) return -1;
    if (!(a->w = xmlNewTextWriterMemory(a->buf, 0))) {
        xmlBufferFree(a->buf);
        return -1;
    }
    chk(a, xmlTextWriterStartDocument(a->w, NULL, "UTF-8", NULL));
    start(a, "feed");
    attr(a, "xmlns", ATOM_NS);
    return 0;
}

/* The feed's head, written after its entries were measured. */
typedef struct feed_head {
    const char *id, *title, *title_lang, *subtitle;
    const char *self, *html, *json; /* paths under the base */
} feed_head;

static void write_head(atom_w *a, const feed_head *h) {
    text_el(a, "id", h->id, NULL);
    text_el(a, "title", h->title, h->title_lang);
    if (h->subtitle) text_el(a, "subtitle", h->subtitle, h->title_lang);
    time_el(a, "updated", a->updated);
    person(a, "author", "skein");
    text_el(a, "generator", "skein", NULL);
    link_el(a, "self", "application/atom+xml", a->base, h->self);
    link_el(a, "alternate", "text/html", a->base, h->html);
    link_el(a, "alternate", "application/json", a->base, h->json);
}

/* Ends the document into `out`: SKEIN_OK or SKEIN_ENOMEM. */
static int finish(atom_w *a, atom_doc *out) {
    memset(out, 0, sizeof(*out));
    end(a); /* feed */
    chk(a, xmlTextWriterEndDocument(a->w));
    xmlFreeTextWriter(a->w); /* flushes into the buffer */
    if (!a->failed) {
        size_t n = (size_t)xmlBufferLength(a->buf);
        if ((out->xml = malloc(n + 1))) {
            memcpy(out->xml, xmlBufferContent(a->buf), n);
            out->xml[n] = 0;
            out->len = n;
        }
    }
    xmlBufferFree(a->buf);
    if (!out->xml) return SKEIN_ENOMEM;
    snprintf(out->etag, sizeof(out->etag), "\"%016llx\"",
             (unsigned long long)XXH64(out->xml, out->len, 0));
    time_t t = (time_t)a->updated;
    struct tm tm;
    if (a->updated != SKEIN_NO_TIME && gmtime_r(&t, &tm))
        strftime(out->last_modified, sizeof(out->last_modified), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return SKEIN_OK;
}

/* ---- reading the JSON answers -------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int64_t jtime(const cJSON *o, const char *k) {
    const char *s = jstr(o, k);
    int64_t t = SKEIN_NO_TIME;
    if (!s || skein_parse_time(s, &t) != SKEIN_OK) return SKEIN_NO_TIME;
    return t;
}

static void note_updated(atom_w *a, int64_t t) {
    if (t != SKEIN_NO_TIME && (a->updated == SKEIN_NO_TIME || t > a->updated)) a->updated = t;
}

/* The lead's sentences as one text (new), or NULL. */
static char *lead_text(const cJSON *story) {
    const cJSON *lead = cJSON_GetObjectItemCaseSensitive(story, "lead"), *x;
    sbuf_t b = {0};
    cJSON_ArrayForEach(x, lead) {
        const char *t = jstr(x, "text");
        if (t && *t) sbuf_printf(&b, "%s%s", b.len ? " " : "", t);
    }
    return b.buf;
}

/* The headline in `lang` from a "headlines" map, or NULL. */
static const char *headline_in(const cJSON *story, const char *lang) {
    if (!lang || !*lang) return NULL;
    return jstr(cJSON_GetObjectItemCaseSensitive(story, "headlines"), lang);
}

/* ---- the list --------------------------------------------------------------------- */

/* A summary's headline in `lang`: its own map when it has one, else the
 * story record's (looked up only when the title is in another language). */
static char *list_headline(skein_store *st, const cJSON *s, const char *lang, uint64_t id,
                           const char **title_lang) {
    const char *own = jstr(s, "title_lang"), *h = headline_in(s, lang);
    if (h) return *title_lang = lang, strdup(h);
    if (!lang || !*lang || (own && !strcmp(own, lang))) return NULL;
    char *json = NULL;
    char *out = NULL;
    if (st && skein_store_story_json(st, id, &json) == SKEIN_OK) {
        cJSON *rec = cJSON_Parse(json);
        if ((h = headline_in(rec, lang))) *title_lang = lang, out = strdup(h);
        cJSON_Delete(rec);
    }
    free(json);
    return out;
}

static void story_entry(atom_w *a, skein_store *st, const cJSON *s, const char *lang) {
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(s, "story");
    if (!cJSON_IsNumber(idv)) return;
    uint64_t id = (uint64_t)idv->valuedouble;
    char path[96], urn[64];
    const char *tlang = jstr(s, "title_lang");
    char *head = list_headline(st, s, lang, id, &tlang);
    const char *title = head ? head : jstr(s, "title");
    char fallback[48];
    snprintf(fallback, sizeof(fallback), "Story %llu", (unsigned long long)id);
    int64_t first = jtime(s, "first_seen"), last = jtime(s, "last_seen");
    int64_t updated = last != SKEIN_NO_TIME ? last : first;
    start(a, "entry");
    snprintf(urn, sizeof(urn), "urn:skein:story:%llu", (unsigned long long)id);
    text_el(a, "id", urn, NULL);
    text_el(a, "title", title && *title ? title : fallback, tlang);
    time_el(a, "updated", updated);
    if (first != SKEIN_NO_TIME) time_el(a, "published", first);
    snprintf(path, sizeof(path), "/#/story/%llu", (unsigned long long)id);
    link_el(a, "alternate", "text/html", a->base, path);
    snprintf(path, sizeof(path), "/v1/stories/%llu", (unsigned long long)id);
    link_el(a, "alternate", "application/json", a->base, path);
    snprintf(path, sizeof(path), "/v1/stories/%llu.atom", (unsigned long long)id);
    link_el(a, "related", "application/atom+xml", a->base, path);
    char *lead = lead_text(s);
    if (lead) text_el(a, "summary", lead, jstr(s, "title_lang"));
    free(lead);
    const cJSON *x;
    size_t n = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                              s, "sources")) if (cJSON_IsString(x) && n++ < MAX_CONTRIBUTORS)
        person(a, "contributor", x->valuestring);
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(s, "languages")) {
        start(a, "category");
        attr(a, "term", x->string);
        end(a);
    }
    end(a);
    free(head);
}

/* A human line for the list's title: "q=dam, lang=de". */
static void describe(sbuf_t *b, const arg_list *args) {
    for (size_t i = 0; i < args->n; i++) {
        if (!strcmp(args->key[i], "limit") || !strcmp(args->key[i], "cursor")) continue;
        sbuf_printf(b, "%s%s=%s", b->len ? ", " : "", args->key[i], args->value[i]);
    }
}

/* The latest time of the list's stories. */
static int64_t list_updated(const cJSON *stories) {
    atom_w m = {.updated = SKEIN_NO_TIME};
    const cJSON *s;
    cJSON_ArrayForEach(s, stories) {
        int64_t last = jtime(s, "last_seen");
        note_updated(&m, last != SKEIN_NO_TIME ? last : jtime(s, "first_seen"));
    }
    return m.updated;
}

/* rel=next: the list's next page, when the JSON answer has a cursor. */
static void next_link(atom_w *a, const cJSON *doc, const char *key) {
    const char *next = jstr(doc, "next");
    if (!next) return;
    sbuf_t n = {0};
    sbuf_printf(&n, "/v1/stories.atom?%s%scursor=", key, *key ? "&" : "");
    pct(&n, next);
    if (n.buf)
        link_el(a, "next", "application/atom+xml", a->base, n.buf);
    else
        a->failed = 1;
    free(n.buf);
}

int atom_stories(struct MHD_Connection *c, const server *sv, skein_store *st, const char *json,
                 atom_doc *out) {
    memset(out, 0, sizeof(*out));
    cJSON *doc = cJSON_Parse(json);
    const cJSON *stories = cJSON_GetObjectItemCaseSensitive(doc, "stories"), *s;
    if (!cJSON_IsArray(stories)) {
        cJSON_Delete(doc);
        return doc ? SKEIN_EINVAL : SKEIN_ENOMEM;
    }
    arg_list args;
    args_of(c, &args);
    char base[320];
    base_of(c, sv, base, sizeof(base));
    const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    sbuf_t key = {0}, all = {0}, page = {0}, what = {0}, id = {0}, self = {0}, html = {0}, js = {0};
    query_string(&key, &args, 0);
    query_string(&all, &args, 1);
    query_string(&page, &args, 2);
    describe(&what, &args);
    if (key.buf && all.buf) {
        sbuf_printf(&id, "urn:skein:stories%s%s", *key.buf ? ":" : "", key.buf);
        sbuf_printf(&self, "/v1/stories.atom%s%s", *all.buf ? "?" : "", all.buf);
        sbuf_printf(&html, "/#/%s%s", *key.buf ? "?" : "", key.buf);
        sbuf_printf(&js, "/v1/stories%s%s", *all.buf ? "?" : "", all.buf);
    }
    char title[600];
    snprintf(title, sizeof(title), "skein: stories%s%.500s%s", what.buf ? " (" : "",
             what.buf ? what.buf : "", what.buf ? ")" : "");
    int rc = SKEIN_ENOMEM;
    atom_w a;
    if (key.buf && all.buf && page.buf && id.buf && self.buf && html.buf && js.buf &&
        !begin_feed(&a, base)) {
        a.updated = list_updated(stories);
        feed_head h = {id.buf, title, NULL, NULL, self.buf, html.buf, js.buf};
        write_head(&a, &h);
        next_link(&a, doc, page.buf); /* the query with its limit, a new cursor */
        cJSON_ArrayForEach(s, stories) story_entry(&a, st, s, lang);
        rc = finish(&a, out);
    }
    free(key.buf), free(all.buf), free(page.buf), free(what.buf), free(id.buf), free(self.buf),
        free(html.buf);
    free(js.buf);
    cJSON_Delete(doc);
    return rc;
}

/* ---- one story ------------------------------------------------------------------- */

/* Articles newest first; undated ones last, in their order. */
typedef struct dated {
    const cJSON *a;
    int64_t t;
    size_t i;
} dated;

static int newest_first(const void *x, const void *y) {
    const dated *a = x, *b = y;
    int an = a->t == SKEIN_NO_TIME, bn = b->t == SKEIN_NO_TIME;
    if (an != bn) return an - bn;
    if (!an && a->t != b->t) return a->t > b->t ? -1 : 1;
    return a->i < b->i ? 1 : -1; /* later arrivals first */
}

/* The article's original address when it is a web one (new), else NULL. */
static char *article_url(skein_store *st, const char *id) {
    char *json = NULL, *url = NULL;
    if (skein_store_article_json(st, id, &json) != SKEIN_OK) return NULL;
    cJSON *o = cJSON_Parse(json);
    const char *u = jstr(o, "url");
    if (u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8))) url = strdup(u);
    cJSON_Delete(o);
    free(json);
    return url;
}

static void article_entry(atom_w *a, skein_store *st, const cJSON *art, int64_t t) {
    const char *id = jstr(art, "id"), *title = jstr(art, "title"), *lang = jstr(art, "lang");
    const char *source = jstr(art, "source"), *snippet = jstr(art, "snippet");
    if (!id) return;
    sbuf_t urn = {0}, path = {0}, name = {0};
    sbuf_printf(&urn, "urn:skein:article:");
    pct(&urn, id);
    sbuf_printf(&path, "/v1/articles/");
    pct(&path, id);
    sbuf_printf(&name, "Article %s", id);
    if (!urn.buf || !path.buf || !name.buf) {
        a->failed = 1;
    } else {
        start(a, "entry");
        text_el(a, "id", urn.buf, NULL);
        text_el(a, "title", title && *title ? title : name.buf, lang);
        time_el(a, "updated", t != SKEIN_NO_TIME ? t : a->updated);
        if (t != SKEIN_NO_TIME) time_el(a, "published", t);
        char *url = article_url(st, id);
        if (url) link_el(a, "alternate", "text/html", NULL, url);
        free(url);
        link_el(a, "alternate", "application/json", a->base, path.buf);
        if (source && *source) person(a, "author", source);
        if (snippet && *snippet) text_el(a, "summary", snippet, lang);
        end(a);
    }
    free(urn.buf), free(path.buf), free(name.buf);
}

/* The story's articles with their times, newest first (new; *n of them). */
static dated *by_time(const cJSON *arts, size_t *n) {
    *n = (size_t)cJSON_GetArraySize(arts);
    dated *d = calloc(*n ? *n : 1, sizeof(*d));
    if (!d) return NULL;
    const cJSON *x;
    size_t i = 0;
    cJSON_ArrayForEach(x, arts) d[i].a = x, d[i].t = jtime(x, "published"), d[i].i = i, i++;
    qsort(d, *n, sizeof(*d), newest_first);
    return d;
}

int atom_story(struct MHD_Connection *c, const server *sv, skein_store *st, const char *json,
               atom_doc *out) {
    memset(out, 0, sizeof(*out));
    cJSON *rec = cJSON_Parse(json);
    const cJSON *idv = cJSON_GetObjectItemCaseSensitive(rec, "story");
    if (!cJSON_IsNumber(idv)) {
        cJSON_Delete(rec);
        return rec ? SKEIN_EINVAL : SKEIN_ENOMEM;
    }
    unsigned long long sid = (unsigned long long)idv->valuedouble;
    size_t n = 0;
    dated *d = by_time(cJSON_GetObjectItemCaseSensitive(rec, "articles"), &n);
    char base[320], id[64], self[64], html[64], js[64], fallback[48];
    base_of(c, sv, base, sizeof(base));
    const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    const char *title = headline_in(rec, lang), *tlang = title ? lang : jstr(rec, "title_lang");
    if (!title) title = jstr(rec, "title");
    snprintf(fallback, sizeof(fallback), "Story %llu", sid);
    snprintf(id, sizeof(id), "urn:skein:story:%llu:articles", sid);
    snprintf(self, sizeof(self), "/v1/stories/%llu.atom", sid);
    snprintf(html, sizeof(html), "/#/story/%llu", sid);
    snprintf(js, sizeof(js), "/v1/stories/%llu", sid);
    char *lead = lead_text(rec);
    int rc = SKEIN_ENOMEM;
    atom_w a;
    if (d && !begin_feed(&a, base)) {
        for (size_t i = 0; i < n; i++) note_updated(&a, d[i].t);
        if (a.updated == SKEIN_NO_TIME) a.updated = jtime(rec, "last_seen");
        feed_head h = {id, title && *title ? title : fallback, tlang, lead, self, html, js};
        write_head(&a, &h);
        for (size_t i = 0; i < n && i < ATOM_STORY_ENTRIES; i++)
            article_entry(&a, st, d[i].a, d[i].t);
        rc = finish(&a, out);
    }
    free(lead);
    free(d);
    cJSON_Delete(rec);
    return rc;
}

/* ---- conditional requests ------------------------------------------------------- */

static int etag_listed(const char *list, const char *etag) {
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (!strncmp(p, "W/", 2)) p += 2;
        if (*p == '*' || (!strncmp(p, etag, n) && (p[n] == 0 || p[n] == ',' || p[n] == ' ')))
            return 1;
        while (*p && *p != ',') p++;
    }
    return 0;
}

int atom_not_modified(struct MHD_Connection *c, const atom_doc *d) {
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (inm) return etag_listed(inm, d->etag);
    const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-Modified-Since");
    if (!ims || !d->last_modified[0]) return 0;
    time_t since = curl_getdate(ims, NULL), mod = curl_getdate(d->last_modified, NULL);
    return since != -1 && mod != -1 && mod <= since;
}
