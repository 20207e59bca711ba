/* conll.h -- named-entity files in CoNLL form, read into sentence texts.
 *
 * A file is "token TAB tag" lines (the tag in the last column, IOB2 or IOB1
 * over PER/ORG/LOC/MISC; PERS and OTH are read as PER and MISC, other types
 * as O), blank lines between sentences and "-DOCSTART-" lines between
 * documents.  Each sentence becomes a text the way a page would print it
 * (no space before closing punctuation and clitics, none after opening
 * brackets and quotes), with each token's offset in it, so the tagger is
 * trained and scored on the tokens the analyzer makes of real text.  Gold
 * spans are carried over to analyzer tokens by skein__conll_project.
 * Files without document marks, or with fewer than ten documents, are cut
 * into pseudo-documents of `doc_sentences` sentences.  Used by the trainer and by skein_eval_ner.
 */
#ifndef SKEIN_CONLL_H
#define SKEIN_CONLL_H

#include "analyze.h"
#include "util.h"

typedef struct skein__conll_tok {
    uint32_t off, len; /* bytes in the sentence text */
    uint32_t span;     /* index (in the file) of the token opening its entity */
    uint8_t kind;      /* SKEIN__KIND_* (tagger.h), 0 outside names */
} skein__conll_tok;

typedef struct skein__conll_sent {
    uint32_t text, len; /* the sentence text: bytes [text, text + len) of the pool */
    uint32_t tok, ntok; /* its tokens */
    uint32_t doc;       /* document number, from 0 */
} skein__conll_sent;

typedef struct skein__conll {
    sbuf text; /* sentence texts, each NUL-terminated */
    skein__conll_tok *toks;
    size_t ntoks, toks_cap;
    skein__conll_sent *sents;
    size_t nsents, sents_cap;
    size_t ndocs;
    int has_docs;    /* the file marks documents */
    size_t kinds[5]; /* gold entities per SKEIN__KIND_* */
} skein__conll;

void skein__conll_init(skein__conll *c);
void skein__conll_release(skein__conll *c);

/* Appends the sentences of the file at `path`.  Returns SKEIN_OK, SKEIN_EIO
 * (unreadable) or SKEIN_ENOMEM. */
int skein__conll_read(skein__conll *c, const char *path, size_t doc_sentences);

/* The gold labels (SKEIN__TAG_*) of the analyzer tokens t[0..n) of sentence
 * k's text: each token takes the kind of the CoNLL token it starts in; B
 * where the entity changes. */
void skein__conll_project(const skein__conll *c, size_t k, const skein__tok *t, size_t n,
                          uint8_t *labels);

#endif
