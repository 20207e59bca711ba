/* htmltext.c -- the main text: the best-scoring part of the page, its
 * boilerplate filtered.  See htmltext.h.
 *
 * On the blocks of htmlblock.h: every prose block (25 characters or more,
 * at most half links) scores its nearest five ancestors -- 1, plus its
 * commas, plus a point per 100 characters up to 3 -- a paragraph's parent
 * in full, the next ancestor half, then a third, a sixth, a ninth.  A
 * candidate starts from its tag (a <div> 5, a list -3, a heading -5) and
 * what its names say (an article body +50, content-like +25, boilerplate
 * -25), and ends multiplied by its share of text outside links.  The best
 * one is widened to the outermost wrapper holding the same text, and its
 * siblings join it when they score a fifth as well, are made like it (tag
 * and class) and hold prose of their own with few links (an article cut in
 * two by a figure), or are paragraphs.
 * Inside the choice a block is dropped when it is mostly links, a label
 * ("Advertisement"), the headline (the page's <h1>, or the title its
 * metadata gives), or inside a link-heavy or short boilerplate-named part.
 * The weights are readability's, the rest was measured on the development
 * pages (bench/eval_extract.c). */
#include "htmltext.h"

#include "htmlblock.h"
#include "htmlhint.h"
#include "skein.h"

#include <string.h>

#define PROSE_CHARS 25  /* shorter blocks do not score */
#define SCORE_LEVELS 5  /* ancestors a block scores */
#define RETRY_CHARS 250 /* less text than this: read again, leniently */
#define NEG_CHARS 200   /* a part this short named like boilerplate is dropped */

typedef struct ctx {
    skein__blocks b;
    char title[512]; /* the headline, compacted */
    size_t title_len;
} ctx;

/* ---- Scores ------------------------------------------------------------------ */

/* A candidate's starting score by its tag, as readability weighs them. */
/* clang-format off */
static float tag_score(uint16_t t) {
    switch (t) {
    case SKEIN__T_DIV: case SKEIN__T_ARTICLE: case SKEIN__T_SECTION: case SKEIN__T_MAIN: return 5;
    case SKEIN__T_PRE: case SKEIN__T_TD: case SKEIN__T_BLOCKQUOTE: return 3;
    case SKEIN__T_ADDRESS: case SKEIN__T_OL: case SKEIN__T_UL: case SKEIN__T_DL: case SKEIN__T_DD:
    case SKEIN__T_DT: case SKEIN__T_LI: case SKEIN__T_FORM: return -3;
    case SKEIN__T_H1: case SKEIN__T_H2: case SKEIN__T_H3: case SKEIN__T_H4: case SKEIN__T_H5:
    case SKEIN__T_H6: case SKEIN__T_TH: return -5;
    default: return 0;
    }
}
/* clang-format on */

/* What class, id and role say, as a score. */
static float hint_score(unsigned h) {
    float s = 0;
    if (h & SKEIN__HINT_BODY) s += 50;
    if (h & SKEIN__HINT_POS) s += 25;
    if (h & (SKEIN__HINT_NEG | SKEIN__HINT_JUNK)) s -= 25;
    return s;
}

static float link_density(const skein__fig *f) {
    return f->chars ? (float)f->links / (float)f->chars : 0;
}

/* Adds s to candidate x, first giving it its starting score. */
static void score_node(ctx *c, const skein__node *x, float s) {
    skein__fig *f = &c->b.f[x->index];
    if (!f->scored) {
        f->scored = 1;
        f->score = tag_score(x->tag) + hint_score(f->hint);
    }
    f->score += s;
}

static int is_prose(const skein__block *k) {
    return k->chars >= PROSE_CHARS && k->links * 2 <= k->chars;
}

static void score_blocks(ctx *c) {
    for (size_t i = 0; i < c->b.n; i++) {
        const skein__block *k = &c->b.v[i];
        if (!is_prose(k)) continue;
        for (const skein__node *x = k->owner; x; x = x->parent) c->b.f[x->index].para += k->chars;
        float s = 1.0f + (float)k->commas + (float)SKEIN_MIN(k->chars / 100, 3u);
        const skein__node *x = skein__tag_is_paragraph(k->owner->tag) ? k->owner->parent : k->owner;
        for (int level = 0; x && x != c->b.d->root && level < SCORE_LEVELS;
             level++, x = x->parent) {
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            score_node(c, x, s / div);
        }
    }
}

/* ---- The choice ---------------------------------------------------------------- */

/* The candidate with the best score after link density, or NULL. */
static const skein__node *best_candidate(const ctx *c, float *best) {
    const skein__node *top = NULL;
    *best = 0;
    for (uint32_t i = 1; i < c->b.d->nodes; i++) {
        const skein__fig *f = &c->b.f[i];
        if (!f->scored || f->removed) continue;
        float s = f->score * (1.0f - link_density(f));
        if (!top || s > *best) top = c->b.nodes[i], *best = s;
    }
    return top;
}

/* Whether two elements are made alike: one tag, one class value. */
static int same_kind(const skein__node *a, const skein__node *b) {
    const char *x = skein__node_attr(a, SKEIN__A_CLASS, NULL),
               *y = skein__node_attr(b, SKEIN__A_CLASS, NULL);
    return a->tag == b->tag && x && y && strcmp(x, y) == 0;
}

/* Whether sibling x of the chosen candidate belongs to the article too: it
 * scores a fifth as well; or it is made like the candidate and holds prose
 * of its own with few links (an article cut in two by a figure or an
 * advertisement); or it is a paragraph. */
static int joins(const ctx *c, const skein__node *x, const skein__node *top, float best) {
    const skein__fig *f = &c->b.f[x->index];
    if (f->removed || !f->chars) return 0;
    float ld = link_density(f);
    if (f->scored && f->score * (1.0f - ld) >= SKEIN_MAX(10.0f, best * 0.2f)) return 1;
    if (f->para >= 200 && f->para * 10 >= c->b.f[top->index].para && ld < 0.3f && same_kind(x, top))
        return 1;
    if (x->tag != SKEIN__T_P) return 0;
    return (f->chars > 80 && ld < 0.25f) || (f->chars <= 80 && ld == 0 && f->commas);
}

/* The candidate's outermost ancestor holding the same text (95% of it): a
 * wrapper says nothing new, but its siblings may be the rest of the
 * article. */
static const skein__node *widen(const ctx *c, const skein__node *top) {
    const skein__node *p;
    while ((p = top->parent) && p != c->b.d->root && p->tag != SKEIN__T_BODY &&
           c->b.f[top->index].chars * 20 >= c->b.f[p->index].chars * 19)
        top = p;
    return top;
}

/* Marks the chosen subtrees (scored = 2): the candidate and the siblings
 * that join it; the whole page when nothing scored. */
static void choose(ctx *c) {
    float best;
    const skein__node *top = best_candidate(c, &best);
    if (!top || !top->parent) {
        c->b.f[0].scored = 2;
        return;
    }
    top = widen(c, top);
    for (const skein__node *x = top->parent->first; x; x = x->next)
        if (x == top || joins(c, x, top, best)) c->b.f[x->index].scored = 2;
}

/* ---- The text ------------------------------------------------------------------- */

/* The chosen subtree holding element x, or NULL. */
static const skein__node *chosen_root(const ctx *c, const skein__node *x) {
    for (; x; x = x->parent)
        if (c->b.f[x->index].scored == 2) return x;
    return NULL;
}

/* Whether a block is mostly links: a list of them, or a line that only
 * points elsewhere ("Read more: ...").  Prose with many links still has
 * words of its own: 25 characters, or three words. */
static int is_link_block(const skein__block *k) {
    if (k->links * 5 > k->chars * 4) return 1;
    return k->links * 2 > k->chars && k->chars - k->links < 25 && k->free_words < 3;
}

/* Letters and digits of s[0..n), ASCII lower-cased, other bytes kept. */
static size_t compact(const char *s, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z')
            out[k++] = (char)(ch + 32);
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
            out[k++] = (char)ch;
    }
    out[k] = 0;
    return k;
}

/* Whether a block repeats the page's headline. */
static int is_title(const ctx *c, const skein__block *k) {
    char t[512];
    if (!c->title_len || k->len > 2 * c->title_len + 16) return 0;
    size_t n = compact(c->b.text.buf + k->off, k->len, t, sizeof(t));
    return n == c->title_len && memcmp(t, c->title, n) == 0;
}

/* Whether a block inside the chosen subtree `root` is article text. */
static int keep_block(const ctx *c, const skein__block *k, const skein__node *root) {
    if (is_link_block(k) || skein__html_label(c->b.text.buf + k->off, k->len)) return 0;
    if (k->owner->tag == SKEIN__T_H1 || is_title(c, k))
        return 0; /* the headline is not body text */
    for (const skein__node *x = k->owner; x && x != root; x = x->parent) {
        const skein__fig *f = &c->b.f[x->index];
        if (x == k->owner && skein__tag_is_paragraph(x->tag)) continue; /* judged as a block */
        if (link_density(f) > 0.5f) return 0;
        if ((f->hint & SKEIN__HINT_NEG) && f->chars < NEG_CHARS) return 0;
    }
    return 1;
}

static int write_text(const ctx *c, sbuf *out) {
    for (size_t i = 0; i < c->b.n; i++) {
        const skein__block *k = &c->b.v[i];
        const skein__node *root = chosen_root(c, k->owner);
        if (!root || !keep_block(c, k, root)) continue;
        if (out->len && skein__sbuf_addc(out, '\n')) return SKEIN_ENOMEM;
        if (skein__sbuf_add(out, c->b.text.buf + k->off, k->len)) return SKEIN_ENOMEM;
    }
    return SKEIN_OK;
}

/* One reading of the page, strict or lenient, into out (reset first). */
static int extract(ctx *c, int lenient, sbuf *out) {
    skein__sbuf_reset(out);
    int rc = skein__blocks_read(&c->b, lenient);
    if (rc) return rc;
    score_blocks(c);
    choose(c);
    return write_text(c, out);
}

/* The lenient reading replaces out when it finds more text. */
static int retry(ctx *c, sbuf *out) {
    sbuf second;
    skein__sbuf_init(&second);
    int rc = extract(c, 1, &second);
    if (rc == SKEIN_OK && second.len > out->len) {
        skein__sbuf_release(out);
        *out = second;
    } else {
        skein__sbuf_release(&second);
    }
    return rc;
}

int skein__html_text(const skein__dom *d, const skein__text_hints *hints, sbuf *out) {
    ctx c;
    memset(&c, 0, sizeof(c));
    if (hints && hints->title)
        c.title_len = compact(hints->title, strlen(hints->title), c.title, sizeof(c.title));
    skein__sbuf_reset(out);
    int rc = skein__blocks_init(&c.b, d);
    if (rc == SKEIN_OK && d->root) rc = extract(&c, 0, out);
    if (rc == SKEIN_OK && d->root && out->len < RETRY_CHARS) rc = retry(&c, out);
    if (rc == SKEIN_OK && skein__sbuf_grow(out, 0)) rc = SKEIN_ENOMEM;
    if (rc == SKEIN_OK) out->buf[out->len] = 0;
    skein__blocks_release(&c.b);
    return rc;
}
