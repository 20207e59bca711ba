/* htmlblock.h -- a page cut into blocks of text, with figures for every
 * element: what the main-text extractor (htmltext.h) reasons on.
 *
 * A block is a run of text between block-level boundaries (a paragraph, a
 * heading, a list item, a table cell, the text of a <div> between its
 * children, a line ended by <br>), its blanks folded; its owner is the
 * innermost block element holding it.  Before cutting, subtrees that are
 * never text (scripts, media, form controls) are set aside, and -- unless
 * the reading is lenient -- hidden ones and those whose tag, class, id or
 * role names boilerplate (htmlhint.h).  A boilerplate name is overruled on
 * an element that holds an article body (a class naming one, or <main>)
 * making up 40% or more of its text: there the name is a page layout's
 * ("has-sidebar", "elementor-widget-wrap").  An inline run of three links or
 * more with no text of its own -- a hover card inside a sentence -- is set
 * aside too.  Per element, the figures count the visible characters
 * (letters, digits, punctuation; not blanks), those inside links, commas
 * and links below, all after the set-asides. */
#ifndef SKEIN_HTMLBLOCK_H
#define SKEIN_HTMLBLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dom.h"
#include "util.h"

typedef struct skein__fig {
    /* per reading (skein__blocks_read resets them) */
    uint32_t chars;   /* visible characters below */
    uint32_t links;   /* of those, inside links */
    uint32_t commas;  /* commas in the blocks it owns */
    uint32_t anchors; /* <a> elements below */
    uint32_t para;    /* the extractor's: characters of prose blocks below */
    float score;      /* the extractor's: candidate score */
    uint8_t removed;  /* set aside, with its subtree */
    uint8_t scored;   /* the extractor's: 1 a candidate, 2 chosen */
    uint8_t in_run;   /* holds an inline run of links */
    /* per page (skein__blocks_init) */
    uint8_t guarded; /* holds an article body making up most of its text */
    uint16_t hint;   /* htmlhint.h */
    uint32_t raw;    /* visible characters below, only hidden parts and drops aside */
    uint32_t body;   /* most raw characters of an article body at or below it */
} skein__fig;

typedef struct skein__block {
    size_t off, len; /* its text: text.buf[off..off + len) */
    uint32_t chars, links, commas;
    uint32_t free_words;      /* words that begin outside links */
    const skein__node *owner; /* the innermost block element holding it */
} skein__block;

typedef struct skein__blocks {
    const skein__dom *d;
    const skein__node **nodes; /* by document index (node->index) */
    skein__fig *f;             /* by document index */
    skein__block *v;           /* the blocks, in document order */
    size_t n, cap;
    sbuf text;          /* the blocks' texts, one after the other */
    skein__arena arena; /* holds nodes and f */
} skein__blocks;

/* Readies b for page d (which must outlive it): hints and guards.  Returns
 * SKEIN_OK or SKEIN_ENOMEM; release b either way. */
int skein__blocks_init(skein__blocks *b, const skein__dom *d);

/* Sets aside, counts and cuts the page into blocks (replacing those of a
 * reading before).  `lenient`: hidden elements and boilerplate names are
 * not set aside.  SKEIN_OK or SKEIN_ENOMEM. */
int skein__blocks_read(skein__blocks *b, int lenient);

void skein__blocks_release(skein__blocks *b);

/* Tags that bound blocks; and of those, the paragraph-like ones (a block
 * of a <p> is part of something, a <div>'s own text may be the thing). */
int skein__tag_is_block(uint16_t tag);
int skein__tag_is_paragraph(uint16_t tag);

#endif
