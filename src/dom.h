/* dom.h -- an HTML page as a tree: libxml2's HTML parser, built into an
 * arena.
 *
 * libxml2 does the HTML work (tokenizing, entities, implied and misnested
 * tags); its SAX events build a small tree of our own instead of an xmlDoc:
 * one arena per page, nodes of 64 bytes, only the attributes some stage
 * reads, no script or style bodies but JSON-LD.  Measured on the 91
 * development pages (CPU time, two runs on a shared machine): libxml2's own
 * tree (htmlReadMemory, xmlFreeDoc) from the pages as they are, 348-425
 * pages/s; from the pages pruned of script and style bodies (htmlscan.h),
 * 515-635; this tree from the pruned pages, 790-1036, about 2.4 times the
 * first.  XPath would need libxml2's tree; the few queries the stages make
 * are walks over this one instead.
 *
 * The parser runs with HTML_PARSE_NONET (no network), HTML_PARSE_NOERROR
 * and HTML_PARSE_NOWARNING (the library never prints), HTML_PARSE_RECOVER
 * (a script ends at its own end tag), HTML_PARSE_IGNORE_ENC (the bytes are
 * UTF-8 already, charset.h) and without XML_PARSE_NOENT or DTD loading:
 * the HTML parser knows only HTML's named character references, and a
 * document type's internal subset declares nothing.  Trees are walked
 * without recursion, so depth costs no stack. */
#ifndef SKEIN_DOM_H
#define SKEIN_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "skein.h"
#include "util.h"

/* Tags the stages tell apart; every other element is SKEIN__T_OTHER. */
typedef enum skein__tag {
    SKEIN__T_TEXT = 0, /* a text node, not an element */
    SKEIN__T_OTHER,
    SKEIN__T_A,
    SKEIN__T_ABBR,
    SKEIN__T_ADDRESS,
    SKEIN__T_AREA,
    SKEIN__T_ARTICLE,
    SKEIN__T_ASIDE,
    SKEIN__T_AUDIO,
    SKEIN__T_B,
    SKEIN__T_BASE,
    SKEIN__T_BLOCKQUOTE,
    SKEIN__T_BODY,
    SKEIN__T_BR,
    SKEIN__T_BUTTON,
    SKEIN__T_CANVAS,
    SKEIN__T_CAPTION,
    SKEIN__T_CENTER,
    SKEIN__T_CITE,
    SKEIN__T_CODE,
    SKEIN__T_DD,
    SKEIN__T_DEL,
    SKEIN__T_DETAILS,
    SKEIN__T_DIALOG,
    SKEIN__T_DIV,
    SKEIN__T_DL,
    SKEIN__T_DT,
    SKEIN__T_EM,
    SKEIN__T_EMBED,
    SKEIN__T_FIELDSET,
    SKEIN__T_FIGCAPTION,
    SKEIN__T_FIGURE,
    SKEIN__T_FONT,
    SKEIN__T_FOOTER,
    SKEIN__T_FORM,
    SKEIN__T_H1,
    SKEIN__T_H2,
    SKEIN__T_H3,
    SKEIN__T_H4,
    SKEIN__T_H5,
    SKEIN__T_H6,
    SKEIN__T_HEAD,
    SKEIN__T_HEADER,
    SKEIN__T_HGROUP,
    SKEIN__T_HR,
    SKEIN__T_HTML,
    SKEIN__T_I,
    SKEIN__T_IFRAME,
    SKEIN__T_IMG,
    SKEIN__T_INPUT,
    SKEIN__T_INS,
    SKEIN__T_LABEL,
    SKEIN__T_LEGEND,
    SKEIN__T_LI,
    SKEIN__T_LINK,
    SKEIN__T_MAIN,
    SKEIN__T_MAP,
    SKEIN__T_MARK,
    SKEIN__T_MATH,
    SKEIN__T_MENU,
    SKEIN__T_META,
    SKEIN__T_NAV,
    SKEIN__T_NOSCRIPT,
    SKEIN__T_OBJECT,
    SKEIN__T_OL,
    SKEIN__T_OPTION,
    SKEIN__T_P,
    SKEIN__T_PICTURE,
    SKEIN__T_PRE,
    SKEIN__T_Q,
    SKEIN__T_S,
    SKEIN__T_SCRIPT,
    SKEIN__T_SECTION,
    SKEIN__T_SELECT,
    SKEIN__T_SMALL,
    SKEIN__T_SOURCE,
    SKEIN__T_SPAN,
    SKEIN__T_STRONG,
    SKEIN__T_STYLE,
    SKEIN__T_SUB,
    SKEIN__T_SUMMARY,
    SKEIN__T_SUP,
    SKEIN__T_SVG,
    SKEIN__T_TABLE,
    SKEIN__T_TBODY,
    SKEIN__T_TD,
    SKEIN__T_TEMPLATE,
    SKEIN__T_TEXTAREA,
    SKEIN__T_TFOOT,
    SKEIN__T_TH,
    SKEIN__T_THEAD,
    SKEIN__T_TIME,
    SKEIN__T_TITLE,
    SKEIN__T_TR,
    SKEIN__T_U,
    SKEIN__T_UL,
    SKEIN__T_VIDEO,
    SKEIN__T_COUNT
} skein__tag;

/* The attributes kept; all others are dropped while the tree is built. */
typedef enum skein__attr_id {
    SKEIN__A_ARIA_HIDDEN,
    SKEIN__A_CHARSET,
    SKEIN__A_CLASS,
    SKEIN__A_CONTENT,
    SKEIN__A_DATETIME,
    SKEIN__A_HIDDEN,
    SKEIN__A_HREF,
    SKEIN__A_HTTP_EQUIV,
    SKEIN__A_ID,
    SKEIN__A_ITEMPROP,
    SKEIN__A_ITEMTYPE,
    SKEIN__A_LANG,
    SKEIN__A_NAME,
    SKEIN__A_PROPERTY,
    SKEIN__A_REL,
    SKEIN__A_ROLE,
    SKEIN__A_STYLE,
    SKEIN__A_TYPE,
    SKEIN__A_COUNT
} skein__attr_id;

typedef struct skein__attr {
    const char *value; /* NUL-terminated, in the arena ("" for a bare attribute) */
    uint32_t len;
    uint8_t id; /* skein__attr_id */
} skein__attr;

typedef struct skein__node skein__node;
struct skein__node {
    skein__node *parent, *first, *last, *next;
    const char *text;   /* text nodes: the characters, NUL-terminated (not normalised) */
    skein__attr *attrs; /* elements: the kept attributes */
    uint32_t len;       /* text nodes: bytes of text */
    uint32_t index;     /* position in document order, 0 for the root */
    uint16_t tag;       /* skein__tag; SKEIN__T_TEXT for text */
    uint8_t nattrs;
    uint8_t depth; /* nesting depth, saturating at 255 */
};

typedef struct skein__dom {
    skein__arena arena; /* owns every node and string */
    skein__node *root;  /* the document: an element with tag SKEIN__T_OTHER */
    uint32_t nodes;     /* nodes in the tree, root included */
    int cut;            /* 1 when a cap stopped the tree early (nodes or memory) */
} skein__dom;

/* Most nodes one page's tree may hold; a tree that reaches it ends there. */
#define SKEIN__DOM_MAX_NODES 1000000u

/* Parses `len` bytes of valid UTF-8 HTML (charset.h) into d.  Returns
 * SKEIN_OK (a tree cut at a cap is still OK, with d->cut set), SKEIN_ENOMEM
 * or SKEIN_ETOOBIG (over 2 GiB); then `err` (may be NULL) says why.  Release d with
 * skein__dom_release in every case.  Thread-safe: each call has its own parser context. */
int skein__dom_parse(skein__dom *d, const char *html, size_t len, skein_error *err);

/* Frees the tree.  Accepts a zeroed or released dom. */
void skein__dom_release(skein__dom *d);

/* The value of attribute `id` of element n, or NULL (*len, may be NULL,
 * gets its length). */
const char *skein__node_attr(const skein__node *n, skein__attr_id id, size_t *len);

/* Document order without recursion: the node after n (descending into
 * it), and the node after n's subtree; NULL past the end of `top`'s
 * subtree. */
skein__node *skein__node_next(const skein__node *n, const skein__node *top);
skein__node *skein__node_skip(const skein__node *n, const skein__node *top);

/* Appends the text under n to `out`, runs of ASCII blanks folded into one
 * space, none at either end.  0, or -1 on ENOMEM. */
int skein__node_text(const skein__node *n, sbuf *out);

/* Appends s[0..len) to `out` with HTML character references decoded
 * ("&amp;", "&#8217;", "&#x263A;", "&nbsp;"): for metadata a site escaped
 * twice (og:title="Don&amp;#8217;t" reads "Don&#8217;t" once parsed).  A
 * reference that names nothing, or no character, stays as it is.  0, or
 * -1 on ENOMEM. */
int skein__html_unescape(const char *s, size_t len, sbuf *out);

/* The tag of an element named `name` (lower case), SKEIN__T_OTHER if none. */
skein__tag skein__tag_of(const char *name);

#endif
