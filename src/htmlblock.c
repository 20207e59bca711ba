/* htmlblock.c -- set-asides, figures and blocks.  See htmlblock.h.
 *
 * Three passes over the nodes by document index: top-down (parents come
 * before children) for what is set aside, bottom-up (reverse document
 * order visits children first) for the figures, then a walk in document
 * order, without recursion, that cuts the kept text into blocks.  The
 * walk's state -- the block being filled, the open block elements, whether
 * it is inside a link -- is its own struct, alive for one reading. */
#include "htmlblock.h"

#include "htmlhint.h"
#include "skein.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define MAX_OWNERS 512 /* open block elements tracked (the tree is at most 400 deep) */

/* clang-format off */
int skein__tag_is_block(uint16_t t) {
    switch (t) {
    case SKEIN__T_P: case SKEIN__T_DIV: case SKEIN__T_SECTION: case SKEIN__T_ARTICLE:
    case SKEIN__T_MAIN: case SKEIN__T_BLOCKQUOTE: case SKEIN__T_PRE: case SKEIN__T_LI:
    case SKEIN__T_UL: case SKEIN__T_OL: case SKEIN__T_DL: case SKEIN__T_DT: case SKEIN__T_DD:
    case SKEIN__T_H1: case SKEIN__T_H2: case SKEIN__T_H3: case SKEIN__T_H4: case SKEIN__T_H5:
    case SKEIN__T_H6: case SKEIN__T_TABLE: case SKEIN__T_TR: case SKEIN__T_TD: case SKEIN__T_TH:
    case SKEIN__T_CAPTION: case SKEIN__T_HEADER: case SKEIN__T_FOOTER: case SKEIN__T_NAV:
    case SKEIN__T_ASIDE: case SKEIN__T_FORM: case SKEIN__T_FIELDSET: case SKEIN__T_FIGURE:
    case SKEIN__T_FIGCAPTION: case SKEIN__T_ADDRESS: case SKEIN__T_CENTER: case SKEIN__T_DETAILS:
    case SKEIN__T_SUMMARY: case SKEIN__T_HR: case SKEIN__T_BODY: case SKEIN__T_HTML:
    case SKEIN__T_HGROUP: case SKEIN__T_TBODY: case SKEIN__T_THEAD: case SKEIN__T_TFOOT:
    case SKEIN__T_LEGEND: case SKEIN__T_DIALOG: case SKEIN__T_MENU:
        return 1;
    default:
        return 0;
    }
}
/* clang-format on */

/* clang-format off */
int skein__tag_is_paragraph(uint16_t t) {
    switch (t) {
    case SKEIN__T_P: case SKEIN__T_PRE: case SKEIN__T_LI: case SKEIN__T_TD:
    case SKEIN__T_BLOCKQUOTE: case SKEIN__T_H1: case SKEIN__T_H2: case SKEIN__T_H3:
    case SKEIN__T_H4: case SKEIN__T_H5: case SKEIN__T_H6: case SKEIN__T_DD: case SKEIN__T_DT:
        return 1;
    default:
        return 0;
    }
}
/* clang-format on */

/* Visible characters of a text node: bytes that start a character and are
 * not blanks. */
static uint32_t text_chars(const skein__node *x) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < x->len; i++) {
        unsigned char c = (unsigned char)x->text[i];
        n += (c & 0xC0) != 0x80 && c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f';
    }
    return n;
}

/* ---- Per page ---------------------------------------------------------------- */

/* Which elements hold an article body making up 40% or more of their text
 * (and 200 characters or more): a list of teasers each named
 * "article-text" guards nothing.  Hidden and dropped subtrees count for
 * nothing. */
static void guard(skein__blocks *b) {
    for (uint32_t i = b->d->nodes; i-- > 1;) { /* children before parents */
        const skein__node *x = b->nodes[i];
        skein__fig *f = &b->f[i], *p = &b->f[x->parent->index];
        if (f->hint & (SKEIN__HINT_DROP | SKEIN__HINT_HIDDEN)) continue;
        if (x->tag == SKEIN__T_TEXT) f->raw = text_chars(x);
        if ((f->hint & SKEIN__HINT_BODY) || x->tag == SKEIN__T_MAIN)
            f->body = SKEIN_MAX(f->body, f->raw);
        f->guarded = f->body >= 200 && f->body * 10 >= f->raw * 4;
        p->raw += f->raw;
        p->body = SKEIN_MAX(p->body, f->body);
    }
}

int skein__blocks_init(skein__blocks *b, const skein__dom *d) {
    memset(b, 0, sizeof(*b));
    b->d = d;
    skein__arena_init(&b->arena, 0);
    skein__sbuf_init(&b->text);
    if (!d->root) return SKEIN_OK;
    b->nodes = skein__arena_alloc(&b->arena, (size_t)d->nodes * sizeof(*b->nodes));
    b->f = skein__arena_zalloc(&b->arena, (size_t)d->nodes * sizeof(*b->f));
    if (!b->nodes || !b->f) return SKEIN_ENOMEM;
    for (const skein__node *x = d->root; x; x = skein__node_next(x, d->root)) {
        b->nodes[x->index] = x;
        b->f[x->index].hint = (uint16_t)skein__html_hint(x);
    }
    guard(b);
    return SKEIN_OK;
}

void skein__blocks_release(skein__blocks *b) {
    if (!b) return;
    free(b->v);
    skein__sbuf_release(&b->text);
    skein__arena_release(&b->arena);
    memset(b, 0, sizeof(*b));
}

/* ---- Set-asides and figures ---------------------------------------------------- */

/* Whether element x is set aside on its own account. */
static int sets_aside(const skein__blocks *b, const skein__node *x, int lenient) {
    const skein__fig *f = &b->f[x->index];
    if (x->tag == SKEIN__T_BODY || x->tag == SKEIN__T_HTML) return 0;
    if (f->hint & SKEIN__HINT_DROP) return 1;
    if (lenient) return 0;
    if (f->hint & SKEIN__HINT_HIDDEN) return 1;
    if ((f->hint & SKEIN__HINT_BODY) || f->guarded) return 0;
    return (f->hint & SKEIN__HINT_JUNK) != 0;
}

/* Whether x, its children counted, is an inline run of three links or more
 * with no text of its own: a hover card or "related" widget inside a
 * sentence ("Kristi Noem", then her full name and three headlines). */
static int is_link_run(const skein__fig *f, const skein__node *x) {
    return x->tag != SKEIN__T_TEXT && x->tag != SKEIN__T_A && !skein__tag_is_block(x->tag) &&
           f->chars && f->links == f->chars && f->anchors >= 3;
}

static void reset(skein__blocks *b, int lenient) {
    for (uint32_t i = 0; i < b->d->nodes; i++) {
        const skein__node *x = b->nodes[i];
        skein__fig *f = &b->f[i];
        f->chars = f->links = f->commas = f->anchors = f->para = 0;
        f->score = 0, f->scored = f->in_run = 0;
        f->removed = x->parent && (b->f[x->parent->index].removed ||
                                   (x->tag != SKEIN__T_TEXT && sets_aside(b, x, lenient)));
    }
}

/* Figures bottom-up.  Only the innermost run of links is set aside, so
 * the link that carries the sentence's own word ("Kristi Noem") stays. */
static void count(skein__blocks *b) {
    for (uint32_t i = b->d->nodes; i-- > 1;) {
        const skein__node *x = b->nodes[i];
        skein__fig *f = &b->f[i], *p = &b->f[x->parent->index];
        if (f->removed) continue;
        if (x->tag == SKEIN__T_TEXT) f->chars = text_chars(x);
        if (x->tag == SKEIN__T_A) f->links = f->chars, f->anchors++;
        if (is_link_run(f, x)) {
            p->in_run = 1;
            if (!f->in_run) {
                f->removed = 1;
                continue;
            }
        }
        p->chars += f->chars, p->links += f->links, p->anchors += f->anchors;
    }
}

/* ---- Blocks ---------------------------------------------------------------------- */

typedef struct walk {
    skein__blocks *b;
    size_t off; /* where the block being filled starts in b->text */
    uint32_t chars, links, commas, free_words;
    int space; /* a blank is pending */
    int gap;   /* the next character begins a word */
    int in_link;
    const skein__node *owners[MAX_OWNERS]; /* open block elements */
    int nowners;
    int failed;
} walk;

static void end_block(walk *w) {
    skein__blocks *b = w->b;
    if (w->chars && w->nowners) {
        if (b->n == b->cap && skein__grow((void **)&b->v, &b->cap, b->n + 1, sizeof(*b->v))) {
            w->failed = 1;
            return;
        }
        const skein__node *owner = w->owners[w->nowners - 1];
        b->v[b->n++] = (skein__block){w->off,    b->text.len - w->off, w->chars, w->links,
                                      w->commas, w->free_words,        owner};
        b->f[owner->index].commas += w->commas;
    } else {
        b->text.len = w->off; /* nothing but blanks */
    }
    w->off = b->text.len;
    w->chars = w->links = w->commas = w->free_words = 0;
    w->space = 0, w->gap = 1;
}

static int is_space(uint32_t cp) {
    return cp == ' ' || (cp >= 9 && cp <= 13) || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Characters dropped from the text: controls, zero-width space, BOM, soft hyphen. */
static int is_dropped(uint32_t cp) {
    return cp < 32 || (cp >= 0x7F && cp < 0xA0) || cp == 0x200B || cp == 0xFEFF || cp == 0xAD;
}

static int is_comma(uint32_t cp) {
    return cp == ',' || cp == 0x060C || cp == 0xFF0C || cp == 0x3001;
}

/* Appends one character to the block, folding blanks. */
static void add_char(walk *w, uint32_t cp, const char *bytes, size_t n) {
    sbuf *t = &w->b->text;
    if (is_space(cp)) {
        w->space = t->len > w->off, w->gap = 1;
        return;
    }
    if (is_dropped(cp)) return;
    if ((w->space && skein__sbuf_addc(t, ' ')) || skein__sbuf_add(t, bytes, n)) w->failed = 1;
    w->space = 0;
    w->chars++;
    w->links += w->in_link > 0;
    w->commas += is_comma(cp);
    w->free_words += w->gap && !w->in_link;
    w->gap = 0;
}

static void add_text(walk *w, const skein__node *x) {
    size_t i = 0;
    while (i < x->len && !w->failed) {
        size_t at = i;
        unsigned char c = (unsigned char)x->text[i];
        uint32_t cp = c < 0x80 ? (i++, c) : skein__utf8_next(x->text, x->len, &i);
        add_char(w, cp, x->text + at, i - at);
    }
}

/* Entering node x: 0 when it is skipped with its subtree. */
static int enter(walk *w, const skein__node *x) {
    if (w->b->f[x->index].removed) return 0;
    if (x->tag == SKEIN__T_TEXT) {
        add_text(w, x);
        return 1;
    }
    int block = skein__tag_is_block(x->tag);
    if (block || x->tag == SKEIN__T_BR) end_block(w);
    if (block && w->nowners < MAX_OWNERS) w->owners[w->nowners++] = x;
    if (x->tag == SKEIN__T_A) w->in_link++;
    return 1;
}

static void leave(walk *w, const skein__node *x) {
    if (x->tag == SKEIN__T_A) w->in_link--;
    if (!skein__tag_is_block(x->tag)) return;
    end_block(w);
    if (w->nowners && w->owners[w->nowners - 1] == x) w->nowners--;
}

/* Cuts the kept text into blocks, in document order, without recursion. */
static int cut(skein__blocks *b) {
    walk *w = calloc(1, sizeof(*w));
    if (!w) return SKEIN_ENOMEM;
    const skein__node *top = b->d->root, *x = top->first;
    w->b = b, w->owners[0] = top, w->nowners = 1, w->gap = 1;
    while (x && !w->failed) {
        if (enter(w, x)) {
            if (x->first) {
                x = x->first;
                continue;
            }
            leave(w, x);
        }
        while (x && !x->next) {
            x = x->parent;
            if (x == top)
                x = NULL;
            else
                leave(w, x);
        }
        if (x) x = x->next;
    }
    end_block(w);
    int failed = w->failed;
    free(w);
    return failed ? SKEIN_ENOMEM : SKEIN_OK;
}

int skein__blocks_read(skein__blocks *b, int lenient) {
    b->n = 0;
    skein__sbuf_reset(&b->text);
    if (!b->d->root) return SKEIN_OK;
    reset(b, lenient);
    count(b);
    return cut(b);
}
