/* dom.c -- libxml2's HTML SAX events into an arena tree.  See dom.h.
 *
 * The builder keeps the open element and a buffer of pending characters;
 * a text node is made when the next tag comes, so a run of text split
 * across entity references and libxml2's internal chunks is one node.
 * Tag and attribute names come from libxml2 lower-cased and are looked up
 * in sorted tables.  Past SKEIN__DOM_MAX_DEPTH open elements, deeper ones
 * are not built (their text goes to the deepest one built); past the
 * node or memory cap the parser is stopped and the tree kept as it is. */
#include "dom.h"

#include "error.h"
#include "skein.h"
#include "utf8.h"
#include "util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 400

typedef struct name_id {
    const char *name;
    int id;
} name_id;

/* Sorted by name (strcmp). */
/* clang-format off */
static const name_id tags[] = {
    {"a", SKEIN__T_A}, {"abbr", SKEIN__T_ABBR}, {"address", SKEIN__T_ADDRESS},
    {"area", SKEIN__T_AREA}, {"article", SKEIN__T_ARTICLE}, {"aside", SKEIN__T_ASIDE},
    {"audio", SKEIN__T_AUDIO}, {"b", SKEIN__T_B}, {"base", SKEIN__T_BASE},
    {"blockquote", SKEIN__T_BLOCKQUOTE}, {"body", SKEIN__T_BODY}, {"br", SKEIN__T_BR},
    {"button", SKEIN__T_BUTTON}, {"canvas", SKEIN__T_CANVAS}, {"caption", SKEIN__T_CAPTION},
    {"center", SKEIN__T_CENTER}, {"cite", SKEIN__T_CITE}, {"code", SKEIN__T_CODE},
    {"dd", SKEIN__T_DD}, {"del", SKEIN__T_DEL}, {"details", SKEIN__T_DETAILS},
    {"dialog", SKEIN__T_DIALOG}, {"div", SKEIN__T_DIV}, {"dl", SKEIN__T_DL}, {"dt", SKEIN__T_DT},
    {"em", SKEIN__T_EM}, {"embed", SKEIN__T_EMBED}, {"fieldset", SKEIN__T_FIELDSET},
    {"figcaption", SKEIN__T_FIGCAPTION}, {"figure", SKEIN__T_FIGURE}, {"font", SKEIN__T_FONT},
    {"footer", SKEIN__T_FOOTER}, {"form", SKEIN__T_FORM}, {"h1", SKEIN__T_H1},
    {"h2", SKEIN__T_H2}, {"h3", SKEIN__T_H3}, {"h4", SKEIN__T_H4}, {"h5", SKEIN__T_H5},
    {"h6", SKEIN__T_H6}, {"head", SKEIN__T_HEAD}, {"header", SKEIN__T_HEADER},
    {"hgroup", SKEIN__T_HGROUP}, {"hr", SKEIN__T_HR}, {"html", SKEIN__T_HTML}, {"i", SKEIN__T_I},
    {"iframe", SKEIN__T_IFRAME}, {"img", SKEIN__T_IMG}, {"input", SKEIN__T_INPUT},
    {"ins", SKEIN__T_INS}, {"label", SKEIN__T_LABEL}, {"legend", SKEIN__T_LEGEND},
    {"li", SKEIN__T_LI}, {"link", SKEIN__T_LINK}, {"main", SKEIN__T_MAIN}, {"map", SKEIN__T_MAP},
    {"mark", SKEIN__T_MARK}, {"math", SKEIN__T_MATH}, {"menu", SKEIN__T_MENU},
    {"meta", SKEIN__T_META}, {"nav", SKEIN__T_NAV}, {"noscript", SKEIN__T_NOSCRIPT},
    {"object", SKEIN__T_OBJECT}, {"ol", SKEIN__T_OL}, {"option", SKEIN__T_OPTION},
    {"p", SKEIN__T_P}, {"picture", SKEIN__T_PICTURE}, {"pre", SKEIN__T_PRE}, {"q", SKEIN__T_Q},
    {"s", SKEIN__T_S}, {"script", SKEIN__T_SCRIPT}, {"section", SKEIN__T_SECTION},
    {"select", SKEIN__T_SELECT}, {"small", SKEIN__T_SMALL}, {"source", SKEIN__T_SOURCE},
    {"span", SKEIN__T_SPAN}, {"strong", SKEIN__T_STRONG}, {"style", SKEIN__T_STYLE},
    {"sub", SKEIN__T_SUB}, {"summary", SKEIN__T_SUMMARY}, {"sup", SKEIN__T_SUP},
    {"svg", SKEIN__T_SVG}, {"table", SKEIN__T_TABLE}, {"tbody", SKEIN__T_TBODY},
    {"td", SKEIN__T_TD}, {"template", SKEIN__T_TEMPLATE}, {"textarea", SKEIN__T_TEXTAREA},
    {"tfoot", SKEIN__T_TFOOT}, {"th", SKEIN__T_TH}, {"thead", SKEIN__T_THEAD},
    {"time", SKEIN__T_TIME}, {"title", SKEIN__T_TITLE}, {"tr", SKEIN__T_TR}, {"u", SKEIN__T_U},
    {"ul", SKEIN__T_UL}, {"video", SKEIN__T_VIDEO},
};
/* clang-format on */

/* Sorted by name (strcmp). */
/* clang-format off */
static const name_id attr_names[] = {
    {"aria-hidden", SKEIN__A_ARIA_HIDDEN}, {"charset", SKEIN__A_CHARSET},
    {"class", SKEIN__A_CLASS}, {"content", SKEIN__A_CONTENT}, {"datetime", SKEIN__A_DATETIME},
    {"hidden", SKEIN__A_HIDDEN}, {"href", SKEIN__A_HREF}, {"http-equiv", SKEIN__A_HTTP_EQUIV},
    {"id", SKEIN__A_ID}, {"itemprop", SKEIN__A_ITEMPROP}, {"itemtype", SKEIN__A_ITEMTYPE},
    {"lang", SKEIN__A_LANG}, {"name", SKEIN__A_NAME}, {"property", SKEIN__A_PROPERTY},
    {"rel", SKEIN__A_REL}, {"role", SKEIN__A_ROLE}, {"style", SKEIN__A_STYLE},
    {"type", SKEIN__A_TYPE},
};
/* clang-format on */

static int lookup(const name_id *table, size_t n, const char *name) {
    long k = skein__table_find(table, n, sizeof(*table), name);
    return k < 0 ? -1 : table[k].id;
}

skein__tag skein__tag_of(const char *name) {
    int id = lookup(tags, sizeof(tags) / sizeof(tags[0]), name);
    return id < 0 ? SKEIN__T_OTHER : (skein__tag)id;
}

/* ---- Building ------------------------------------------------------------ */

typedef struct builder {
    skein__dom *d;
    xmlParserCtxtPtr ctxt;
    skein__node *cur;  /* the open element new nodes go into */
    sbuf text;         /* characters not yet made a text node */
    unsigned depth;    /* open elements built */
    unsigned overflow; /* open elements past MAX_DEPTH, not built */
    int failed;        /* out of memory */
} builder;

/* Stops the parse: the tree stays as it is, marked cut (or failed). */
static void stop(builder *b, int nomem) {
    if (nomem)
        b->failed = 1;
    else
        b->d->cut = 1;
    xmlStopParser(b->ctxt);
}

static skein__node *new_node(builder *b, uint16_t tag) {
    if (b->d->nodes >= SKEIN__DOM_MAX_NODES) return stop(b, 0), NULL;
    skein__node *n = skein__arena_zalloc(&b->d->arena, sizeof(*n));
    if (!n) return stop(b, !b->d->arena.capped), NULL;
    n->tag = tag;
    n->index = b->d->nodes++;
    n->parent = b->cur;
    n->depth = (uint8_t)SKEIN_MIN(b->depth + 1, 255u);
    if (b->cur->last)
        b->cur->last->next = n;
    else
        b->cur->first = n;
    b->cur->last = n;
    return n;
}

/* Makes the pending characters a text node of the open element. */
static void flush_text(builder *b) {
    if (!b->text.len) return;
    skein__node *n = new_node(b, SKEIN__T_TEXT);
    char *s = n ? skein__arena_strndup(&b->d->arena, b->text.buf, b->text.len) : NULL;
    if (n && !s) stop(b, !b->d->arena.capped);
    if (s) n->text = s, n->len = (uint32_t)b->text.len;
    skein__sbuf_reset(&b->text);
}

/* Copies the kept attributes of atts (name, value, ..., NULL) into n. */
static void keep_attrs(builder *b, skein__node *n, const xmlChar **atts) {
    int ids[64], k = 0;
    const char *vals[64];
    for (size_t i = 0; atts && atts[i] && k < 64; i += 2) {
        int id =
            lookup(attr_names, sizeof(attr_names) / sizeof(attr_names[0]), (const char *)atts[i]);
        if (id >= 0) ids[k] = id, vals[k++] = atts[i + 1] ? (const char *)atts[i + 1] : "";
    }
    if (!k) return;
    n->attrs = skein__arena_alloc(&b->d->arena, (size_t)k * sizeof(*n->attrs));
    if (!n->attrs) return stop(b, !b->d->arena.capped);
    for (int i = 0; i < k; i++) {
        size_t len = strlen(vals[i]);
        if (len > UINT32_MAX) len = UINT32_MAX;
        char *v = skein__arena_strndup(&b->d->arena, vals[i], len);
        if (!v) return stop(b, !b->d->arena.capped);
        n->attrs[n->nattrs++] = (skein__attr){v, (uint32_t)len, (uint8_t)ids[i]};
    }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
    builder *b = ((xmlParserCtxtPtr)ctx)->_private;
    flush_text(b);
    if (b->failed || b->d->cut) return;
    if (b->depth >= MAX_DEPTH) {
        b->overflow++;
        return;
    }
    skein__node *n = new_node(b, (uint16_t)skein__tag_of((const char *)name));
    if (!n) return;
    keep_attrs(b, n, atts);
    b->cur = n;
    b->depth++;
}

static void on_end(void *ctx, const xmlChar *name) {
    builder *b = ((xmlParserCtxtPtr)ctx)->_private;
    (void)name; /* libxml2 balances its events: an end closes the open element */
    flush_text(b);
    if (b->overflow) {
        b->overflow--;
        return;
    }
    if (b->cur->parent) b->cur = b->cur->parent, b->depth--;
}

/* 1 when characters in element n are kept: everywhere but in scripts and
 * styles, and in those only for JSON-LD. */
static int keeps_text(const skein__node *n) {
    if (n->tag == SKEIN__T_STYLE) return 0;
    if (n->tag != SKEIN__T_SCRIPT) return 1;
    const char *type = skein__node_attr(n, SKEIN__A_TYPE, NULL);
    return type && strstr(type, "ld+json") != NULL;
}

static void on_chars(void *ctx, const xmlChar *s, int len) {
    builder *b = ((xmlParserCtxtPtr)ctx)->_private;
    if (b->failed || b->d->cut || len <= 0 || !keeps_text(b->cur)) return;
    if (skein__sbuf_add(&b->text, s, (size_t)len)) stop(b, 1);
}

static void on_error(void *ctx, xmlErrorPtr e) { (void)ctx, (void)e; }

/* ---- Parsing ------------------------------------------------------------- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

static void set_handler(htmlSAXHandler *h) {
    memset(h, 0, sizeof(*h));
    h->startElement = on_start;
    h->endElement = on_end;
    h->characters = on_chars;
    h->ignorableWhitespace = on_chars;
    h->cdataBlock = on_chars;
    h->serror = on_error;
    h->initialized = XML_SAX2_MAGIC;
}

int skein__dom_parse(skein__dom *d, const char *html, size_t len, skein_error *err) {
    memset(d, 0, sizeof(*d));
    skein__arena_init(&d->arena, (size_t)32 * 1024 * 1024 + 8 * len);
    if (len > INT32_MAX) return skein__fail(err, SKEIN_ETOOBIG, NULL, "page too large to parse");
    pthread_once(&init_once, init_libxml);
    d->root = skein__arena_zalloc(&d->arena, sizeof(*d->root));
    if (!d->root) return skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory building the tree");
    d->root->tag = SKEIN__T_OTHER;
    d->nodes = 1;
    builder b = {.d = d, .cur = d->root};
    skein__sbuf_init(&b.text);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt || !ctxt->sax) {
        htmlFreeParserCtxt(ctxt);
        return skein__fail(err, SKEIN_ENOMEM, NULL, "libxml2: no parser context");
    }
    set_handler(ctxt->sax);
    ctxt->_private = &b;
    b.ctxt = ctxt;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_IGNORE_ENC;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, len ? html : "", (int)len, NULL, "UTF-8", opts);
    flush_text(&b);
    xmlFreeDoc(doc); /* none is built with these handlers; freed should one be */
    htmlFreeParserCtxt(ctxt);
    skein__sbuf_release(&b.text);
    if (b.failed) return skein__fail(err, SKEIN_ENOMEM, NULL, "out of memory building the tree");
    return SKEIN_OK;
}

void skein__dom_release(skein__dom *d) {
    if (!d) return;
    skein__arena_release(&d->arena);
    memset(d, 0, sizeof(*d));
}

/* ---- Reading ------------------------------------------------------------- */

const char *skein__node_attr(const skein__node *n, skein__attr_id id, size_t *len) {
    for (unsigned i = 0; i < n->nattrs; i++) {
        if (n->attrs[i].id == id) {
            if (len) *len = n->attrs[i].len;
            return n->attrs[i].value;
        }
    }
    if (len) *len = 0;
    return NULL;
}

skein__node *skein__node_skip(const skein__node *n, const skein__node *top) {
    for (; n && n != top; n = n->parent)
        if (n->next) return n->next;
    return NULL;
}

skein__node *skein__node_next(const skein__node *n, const skein__node *top) {
    if (n->first) return n->first;
    return skein__node_skip(n, top);
}

/* Appends s[0..len) folding blanks; *space carries a pending blank, which
 * is written only after something since `start`. */
static int add_folded(sbuf *out, const char *s, size_t len, int *space, size_t start) {
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            *space = 1;
            continue;
        }
        if (*space && out->len > start && skein__sbuf_addc(out, ' ')) return -1;
        *space = 0;
        if (skein__sbuf_addc(out, c)) return -1;
    }
    return 0;
}

int skein__node_text(const skein__node *n, sbuf *out) {
    int space = 0;
    size_t start = out->len;
    if (n->tag == SKEIN__T_TEXT) return add_folded(out, n->text, n->len, &space, start);
    for (const skein__node *x = n->first; x; x = skein__node_next(x, n)) {
        if (x->tag == SKEIN__T_TEXT && add_folded(out, x->text, x->len, &space, start)) return -1;
        if (out->len - start > 65536) break; /* enough for any title or date */
    }
    return 0;
}

/* The code point a reference at s[0..len) ("&...;") names, and its length
 * in *n; 0 when it names none. */
static uint32_t reference(const char *s, size_t len, size_t *n) {
    const char *semi = memchr(s, ';', SKEIN_MIN(len, 40));
    if (!semi || semi - s < 3) return 0;
    *n = (size_t)(semi - s) + 1;
    char name[40];
    memcpy(name, s + 1, *n - 2);
    name[*n - 2] = 0;
    if (name[0] != '#') {
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
        return e ? e->value : 0;
    }
    int hex = name[1] == 'x' || name[1] == 'X';
    char *end;
    unsigned long v = strtoul(name + 1 + hex, &end, hex ? 16 : 10);
    if (*end || end == name + 1 + hex || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    return (uint32_t)v;
}

int skein__html_unescape(const char *s, size_t len, sbuf *out) {
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t plain = amp ? (size_t)(amp - (s + i)) : len - i, n = 0;
        if (skein__sbuf_add(out, s + i, plain)) return -1;
        i += plain;
        if (i >= len) break;
        uint32_t cp = reference(s + i, len - i, &n);
        char enc[4];
        if (cp) {
            if (skein__sbuf_add(out, enc, skein__utf8_put(cp, enc))) return -1;
            i += n;
        } else {
            if (skein__sbuf_addc(out, '&')) return -1;
            i++;
        }
    }
    return 0;
}
