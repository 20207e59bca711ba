/* feed.c -- a feed's items: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed.
 *
 * A document starting with '{' is read as JSON Feed (cJSON); anything else
 * as XML with libxml2, strictly (a malformed feed is refused with the line
 * and column libxml2 stopped at) and safely: XML_PARSE_NONET, no
 * XML_PARSE_DTDLOAD and no XML_PARSE_NOENT, and the SAX entity declaration
 * handler stops the parser, so a feed declaring entities is refused before
 * any is used.  The root element names the format; each item's fields are
 * found by local name, the first of several candidates in order of
 * preference (pubDate before updated).  HTML in a description is read by
 * libxml2's HTML parser (no network) and its text kept. */
#include "feed.h"

#include "date.h"
#include "error.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TEXT_CAP ((size_t)1 << 20) /* a description is kept up to this many bytes */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

/* ---- plain text out of HTML ------------------------------------------------------ */

static int is_block(const char *name) {
    static const char *const blocks[] = {"p",  "br", "div", "li", "h1",         "h2",     "h3",
                                         "h4", "h5", "h6",  "tr", "blockquote", "section"};
    for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
        if (!strcmp(name, blocks[i])) return 1;
    return 0;
}

/* Appends s with runs of blanks as one space (a newline kept as one). */
static int add_collapsed(sbuf *b, const char *s) {
    for (; *s && b->len < TEXT_CAP; s++) {
        int blank = *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n';
        char last = b->len ? b->buf[b->len - 1] : '\n';
        if (!blank) {
            if (skein__sbuf_addc(b, *s)) return -1;
        } else if (last != ' ' && last != '\n') {
            if (skein__sbuf_addc(b, ' ')) return -1;
        }
    }
    return 0;
}

static int add_newline(sbuf *b) {
    while (b->len && b->buf[b->len - 1] == ' ') b->buf[--b->len] = 0;
    return b->len && b->buf[b->len - 1] != '\n' ? skein__sbuf_addc(b, '\n') : 0;
}

static int html_walk(const xmlNode *n, sbuf *b, int depth) {
    for (; n && depth < 200; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && add_collapsed(b, (const char *)n->content)) return -1;
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (!strcmp(name, "script") || !strcmp(name, "style")) continue;
            int block = is_block(name);
            if ((block && add_newline(b)) || html_walk(n->children, b, depth + 1) ||
                (block && add_newline(b)))
                return -1;
        }
    }
    return 0;
}

/* s as plain text (NULL when it holds none); HTML read when it has markup. */
static char *plain_text(const char *s) {
    if (!s) return NULL;
    sbuf b;
    skein__sbuf_init(&b);
    int rc = 0;
    if (!strpbrk(s, "<&")) {
        rc = add_collapsed(&b, s);
    } else {
        size_t len = strlen(s);
        htmlDocPtr doc = htmlReadMemory(s, (int)SKEIN_MIN(len, (size_t)16 << 20), NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING);
        if (doc) rc = html_walk(xmlDocGetRootElement(doc), &b, 0);
        xmlFreeDoc(doc);
    }
    while (b.len && (b.buf[b.len - 1] == ' ' || b.buf[b.len - 1] == '\n')) b.buf[--b.len] = 0;
    if (rc || !b.len) {
        skein__sbuf_release(&b);
        return NULL;
    }
    b.len = skein__utf8_cut(b.buf, b.len, SKEIN_MIN(b.len, TEXT_CAP)); /* whole characters */
    b.buf[b.len] = 0;
    return b.buf;
}

/* ---- items ------------------------------------------------------------------------------ */

static int item_add(skein__feed *f, size_t *cap, skein__feed_item *it) {
    if (f->n >= SKEIN__FEED_MAX_ITEMS) return 0;
    if (skein__grow((void **)&f->items, cap, f->n + 1, sizeof(*it))) return -1;
    f->items[f->n++] = *it;
    return 0;
}

static void item_release(skein__feed_item *it) {
    free(it->id), free(it->url), free(it->title), free(it->text);
    memset(it, 0, sizeof(*it));
}

void skein__feed_release(skein__feed *f) {
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) item_release(&f->items[i]);
    free(f->items);
    memset(f, 0, sizeof(*f));
}

/* The absolute http(s) address `ref` names (NULL when none). */
static char *resolve(const char *base, const char *ref) {
    if (!ref) return NULL;
    sbuf b;
    skein__sbuf_init(&b);
    if (skein__url_resolve(base, ref, &b) || !b.len) {
        skein__sbuf_release(&b);
        return NULL;
    }
    for (char *c = b.buf; *c && *c != ':'; c++) /* "HTTP://" as "http://": one id per page */
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
    return b.buf;
}

static char *trimmed(const char *s) {
    if (!s) return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    return n ? skein__strndup(s, n) : NULL;
}

static int64_t date_of(const char *s) {
    int64_t t;
    return s && !skein__date_parse(s, strlen(s), &t) ? t : SKEIN_NO_TIME;
}

/* ---- XML: RSS, RDF, Atom ------------------------------------------------------------ */

/* The text of the first child of `item` named one of `names` (NULL-ended,
 * in order of preference); the caller frees it. */
static char *child_text(const xmlNode *item, const char *const *names) {
    for (; *names; names++)
        for (const xmlNode *c = item->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, *names)) {
                xmlChar *t = xmlNodeGetContent(c);
                if (!t) continue;
                char *s = trimmed((const char *)t);
                xmlFree(t);
                if (s) return s;
            }
    return NULL;
}

static char *attr(const xmlNode *n, const char *name) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? trimmed((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* Atom's <link>: rel="alternate" or none, else the first with an href. */
static char *atom_link(const xmlNode *entry) {
    char *any = NULL;
    for (const xmlNode *c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "link")) continue;
        char *rel = attr(c, "rel"), *href = attr(c, "href");
        int alternate = !rel || !strcmp(rel, "alternate");
        free(rel);
        if (href && alternate) {
            free(any);
            return href;
        }
        if (!any)
            any = href;
        else
            free(href);
    }
    return any;
}

/* RSS 2.0: a <guid> is the item's address unless isPermaLink="false". */
static int guid_is_link(const xmlNode *item) {
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "guid")) continue;
        char *perma = attr(c, "isPermaLink");
        int link = !perma || strcmp(perma, "false");
        free(perma);
        return link;
    }
    return 0;
}

static int xml_item(skein__feed *f, size_t *cap, const xmlNode *n, const char *base) {
    static const char *const title[] = {"title", NULL};
    static const char *const link[] = {"link", NULL};
    static const char *const id[] = {"guid", "id", NULL};
    static const char *const date[] = {"pubDate", "published", "date", "issued",
                                       "updated", "modified",  NULL};
    static const char *const text[] = {"encoded", "content", "description", "summary", NULL};
    skein__feed_item it = {0};
    char *t = child_text(n, title), *d = child_text(n, text), *l = NULL, *when;
    it.title = plain_text(t);
    it.text = plain_text(d);
    free(t), free(d);
    l = !strcmp(f->kind, "atom") ? atom_link(n) : child_text(n, link);
    if (!l && !strcmp(f->kind, "rdf")) l = attr(n, "about");
    it.url = resolve(base, l);
    free(l);
    it.id = child_text(n, id);
    if (!it.id && !strcmp(f->kind, "rdf")) it.id = attr(n, "about");
    if (!it.url && it.id && guid_is_link(n)) it.url = resolve(base, it.id);
    when = child_text(n, date);
    it.published = date_of(when);
    free(when);
    if (!it.url && !it.title && !it.text) return item_release(&it), 0;
    if (item_add(f, cap, &it)) return item_release(&it), -1;
    return 0;
}

/* Items of the format `root` names: RSS's under <channel>, RDF's beside it,
 * Atom's entries. */
static int xml_items(skein__feed *f, const xmlNode *root, const char *base) {
    const char *r = (const char *)root->name, *want = "item";
    const xmlNode *parent = root;
    if (!strcmp(r, "rss")) {
        f->kind = "rss";
        for (parent = root->children; parent; parent = parent->next)
            if (parent->type == XML_ELEMENT_NODE && !strcmp((const char *)parent->name, "channel"))
                break;
        if (!parent) return 0;
    } else if (!strcmp(r, "RDF")) {
        f->kind = "rdf";
    } else if (!strcmp(r, "feed")) {
        f->kind = "atom", want = "entry";
    } else {
        return 1;
    }
    size_t cap = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, want) &&
            xml_item(f, &cap, c, base))
            return -1;
    return 0;
}

/* The SAX entity declaration: a feed that declares one is refused, and
 * the parser stopped before the declaration is used. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content) {
    xmlParserCtxtPtr ctxt = ctx;
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    *(int *)ctxt->_private = 1;
    xmlStopParser(ctxt);
}

static int parse_xml(const char *doc, size_t len, const char *base, skein__feed *out,
                     skein_error *err) {
    pthread_once(&init_once, init_libxml);
    if (len > INT32_MAX) return skein__fail(err, SKEIN_ETOOBIG, NULL, "the feed is too large");
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory");
    int entities = 0;
    ctxt->_private = &entities;
    ctxt->sax->entityDecl = on_entity_decl;
    xmlDocPtr d = xmlCtxtReadMemory(ctxt, doc, (int)len, base, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA);
    int rc = SKEIN_OK;
    if (entities || (d && d->intSubset && d->intSubset->entities)) {
        rc = skein__fail(err, SKEIN_EINVAL, NULL,
                         "the feed declares entities (<!ENTITY>): refused, as entity expansion "
                         "can blow up");
    } else if (!d) {
        const xmlError *e = &ctxt->lastError;
        char msg[160];
        snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "not well-formed");
        msg[strcspn(msg, "\n")] = 0;
        rc = skein__fail(err, SKEIN_EPARSE, NULL, "malformed feed: line %d, column %d: %s", e->line,
                         e->int2, msg);
        if (err)
            err->line = (size_t)SKEIN_MAX(e->line, 0), err->column = (size_t)SKEIN_MAX(e->int2, 0);
    } else {
        xmlNodePtr root = xmlDocGetRootElement(d);
        int r = root ? xml_items(out, root, base) : 1;
        if (r < 0) rc = skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory");
        if (r > 0)
            rc = skein__fail(err, SKEIN_EPARSE, NULL,
                             "not a feed: the root element is <%s> (RSS, RDF, Atom or JSON Feed "
                             "expected)",
                             root ? (const char *)root->name : "none");
    }
    xmlFreeDoc(d);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* ---- JSON Feed ------------------------------------------------------------------------ */

static const char *jstr(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

static int json_item(skein__feed *f, size_t *cap, const cJSON *o, const char *base) {
    skein__feed_item it = {0};
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    char num[32];
    if (cJSON_IsNumber(id)) snprintf(num, sizeof(num), "%.0f", id->valuedouble);
    it.id = trimmed(cJSON_IsNumber(id) ? num : jstr(o, "id"));
    const char *url = jstr(o, "url") ? jstr(o, "url") : jstr(o, "external_url");
    it.url = resolve(base, url);
    it.title = plain_text(jstr(o, "title"));
    const char *text = jstr(o, "content_text") ? jstr(o, "content_text") : jstr(o, "content_html");
    it.text = plain_text(text ? text : jstr(o, "summary"));
    const char *when =
        jstr(o, "date_published") ? jstr(o, "date_published") : jstr(o, "date_modified");
    it.published = date_of(when);
    if (!it.url && !it.title && !it.text) return item_release(&it), 0;
    if (item_add(f, cap, &it)) return item_release(&it), -1;
    return 0;
}

static int parse_json(const char *doc, size_t len, const char *base, skein__feed *out,
                      skein_error *err) {
    if (skein__utf8_check(doc, len) != len)
        return skein__fail(err, SKEIN_EPARSE, NULL, "malformed JSON Feed: not valid UTF-8");
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(doc, len, &end, 0);
    if (!root) {
        skein__fail(err, SKEIN_EPARSE, NULL, "malformed JSON Feed");
        skein__error_at(err, doc, len, end ? (size_t)(end - doc) : 0);
        if (err)
            snprintf(err->message, sizeof(err->message),
                     "malformed JSON Feed: line %zu, column %zu", err->line, err->column);
        return SKEIN_EPARSE;
    }
    const char *version = jstr(root, "version");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    int rc = SKEIN_OK;
    out->kind = "json";
    if (!version || strncmp(version, "https://jsonfeed.org/version/", 29) ||
        !cJSON_IsArray(items)) {
        rc = skein__fail(err, SKEIN_EPARSE, NULL,
                         "not a JSON Feed: no \"version\" of jsonfeed.org or no \"items\" array");
    } else {
        size_t cap = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, items) {
            if (cJSON_IsObject(it) && json_item(out, &cap, it, base)) {
                rc = skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory");
                break;
            }
        }
    }
    cJSON_Delete(root);
    return rc;
}

int skein__feed_parse(const char *doc, size_t len, const char *base, skein__feed *out,
                      skein_error *err) {
    skein__error_clear(err);
    if (!out) return skein__fail(err, SKEIN_EINVAL, NULL, "no feed");
    memset(out, 0, sizeof(*out));
    if (!doc) return skein__fail(err, SKEIN_EINVAL, NULL, "no feed");
    size_t i = 0;
    if (len >= 3 && !memcmp(doc, "\xef\xbb\xbf", 3)) i = 3;
    while (i < len && (doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\r' || doc[i] == '\n')) i++;
    if (i == len) return skein__fail(err, SKEIN_EPARSE, NULL, "not a feed: the document is empty");
    if ((len - i >= 14 && !strncasecmp(doc + i, "<!doctype html", 14)) ||
        (len - i >= 5 && !strncasecmp(doc + i, "<html", 5)))
        return skein__fail(err, SKEIN_EPARSE, NULL,
                           "not a feed: an HTML page (RSS, RDF, Atom or JSON Feed expected)");
    int rc = doc[i] == '{' ? parse_json(doc + i, len - i, base, out, err)
                           : parse_xml(doc, len, base, out, err);
    if (rc) skein__feed_release(out);
    return rc;
}
