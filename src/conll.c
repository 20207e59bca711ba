/* conll.c -- reads CoNLL named-entity files into sentence texts.  See conll.h.
 *
 * One pass over the lines: tokens are appended to the current sentence's
 * text with the spacing rules below, tags are turned into kinds and entity
 * starts (an I- that does not continue an entity of its kind opens one, which
 * reads IOB1 as well as IOB2). */
#include "conll.h"

#include "skein.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 8192
#define MIN_DOCS 10 /* a file with fewer documents is cut into pseudo-documents */

void skein__conll_init(skein__conll *c) {
    memset(c, 0, sizeof(*c));
    skein__sbuf_init(&c->text);
}

void skein__conll_release(skein__conll *c) {
    skein__sbuf_release(&c->text);
    free(c->toks);
    free(c->sents);
    memset(c, 0, sizeof(*c));
}

/* ---- Spacing ------------------------------------------------------------------ */

static int is_one_of(const char *w, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(w, list[i])) return 1;
    return 0;
}

/* No space before closing punctuation and English clitics. */
static int glues_left(const char *w) {
    static const char *const close[] = {
        ".",   ",",        ";",        ":",        "!",   "?",
        ")",   "]",        "}",        "%",        "»",   "\xE2\x80\x9D",
        "...", "\xD8\x8C", "\xD8\x9F", "\xD8\x9B", "n't", NULL};
    if (is_one_of(w, close)) return 1;
    return w[0] == '\'' && w[1] && strlen(w) <= 3; /* 's 're 'll 'd */
}

/* No space after opening brackets and quotes. */
static int glues_right(const char *w) {
    static const char *const open[] = {"(", "[", "{", "«", "\xE2\x80\x9C", "\xE2\x80\x9E",
                                       "¿", "¡", NULL};
    return is_one_of(w, open);
}

/* ---- Tags ---------------------------------------------------------------------- */

static uint8_t kind_of(const char *type) {
    if (!strcmp(type, "PER") || !strcmp(type, "PERS")) return SKEIN__KIND_PER;
    if (!strcmp(type, "ORG")) return SKEIN__KIND_ORG;
    if (!strcmp(type, "LOC")) return SKEIN__KIND_LOC;
    if (!strcmp(type, "MISC") || !strcmp(type, "OTH")) return SKEIN__KIND_MISC;
    return 0;
}

/* Reads tag into *kind and *begin ("B-X" 1, "I-X" 0, "O" kind 0). */
static void parse_tag(const char *tag, uint8_t *kind, int *begin) {
    *kind = 0, *begin = 0;
    if ((tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'E' || tag[0] == 'S') &&
        (tag[1] == '-' || tag[1] == '_')) {
        *kind = kind_of(tag + 2);
        *begin = tag[0] == 'B' || tag[0] == 'S';
    }
}

/* 1 when w has a letter or digit (any byte past ASCII counts as one). */
static int has_alnum(const char *w) {
    for (; *w; w++) {
        unsigned char ch = (unsigned char)*w;
        if ((ch | 32) >= 'a' && (ch | 32) <= 'z') return 1;
        if ((ch >= '0' && ch <= '9') || ch >= 0x80) return 1;
    }
    return 0;
}

/* ---- Reading ------------------------------------------------------------------- */

typedef struct reader {
    skein__conll *c;
    size_t doc_sentences;
    size_t sent_start;   /* first token of the open sentence */
    uint32_t text_start; /* its text in the pool */
    int open_quote, glue_next;
    size_t doc_base; /* pseudo-documents: first sentence of the file */
} reader;

static int end_sentence(reader *r) {
    skein__conll *c = r->c;
    if (c->ntoks == r->sent_start) return SKEIN_OK;
    if (skein__sbuf_addc(&c->text, 0)) return SKEIN_ENOMEM;
    if (skein__grow((void **)&c->sents, &c->sents_cap, c->nsents + 1, sizeof(*c->sents)))
        return SKEIN_ENOMEM;
    skein__conll_sent *s = &c->sents[c->nsents];
    s->text = r->text_start;
    s->len = (uint32_t)(c->text.len - 1 - r->text_start);
    s->tok = (uint32_t)r->sent_start, s->ntok = (uint32_t)(c->ntoks - r->sent_start);
    if (c->has_docs)
        s->doc = (uint32_t)(c->ndocs ? c->ndocs - 1 : 0);
    else
        s->doc = (uint32_t)(c->ndocs + (c->nsents - r->doc_base) / r->doc_sentences);
    c->nsents++;
    r->sent_start = c->ntoks;
    r->text_start = (uint32_t)c->text.len;
    r->open_quote = r->glue_next = 0;
    return SKEIN_OK;
}

/* Appends word w with its tag to the open sentence. */
static int add_token(reader *r, const char *w, const char *tag) {
    skein__conll *c = r->c;
    size_t wl = strlen(w);
    int quote = !strcmp(w, "\"");
    int first = c->ntoks == r->sent_start;
    if (skein__grow((void **)&c->toks, &c->toks_cap, c->ntoks + 1, sizeof(*c->toks)))
        return SKEIN_ENOMEM;
    skein__conll_tok *t = &c->toks[c->ntoks];
    const skein__conll_tok *prev = first ? NULL : &c->toks[c->ntoks - 1];
    int begin;
    parse_tag(tag, &t->kind, &begin);
    if (t->kind && !has_alnum(w) && (begin || !prev || prev->kind != t->kind))
        t->kind = 0; /* "@" B-PER before a handle: no name starts with punctuation */
    if (t->kind && (begin || !prev || prev->kind != t->kind)) begin = 1;
    /* a hyphen inside a name, split off by the corpus's tokeniser ("Saint - Gaudens") */
    int hyphen = !strcmp(w, "-") && t->kind && !begin;
    int glue = first || r->glue_next || glues_left(w) || (quote && r->open_quote) || hyphen;
    if (!glue && skein__sbuf_addc(&c->text, ' ')) return SKEIN_ENOMEM;
    t->off = (uint32_t)(c->text.len - r->text_start), t->len = (uint32_t)wl;
    if (skein__sbuf_add(&c->text, w, wl)) return SKEIN_ENOMEM;
    t->span = t->kind ? (begin ? (uint32_t)c->ntoks : prev->span) : (uint32_t)c->ntoks;
    if (t->kind && begin) c->kinds[t->kind]++;
    r->glue_next = glues_right(w) || (quote && !r->open_quote) || hyphen;
    if (quote) r->open_quote = !r->open_quote;
    c->ntoks++;
    return SKEIN_OK;
}

/* One line: "-DOCSTART-", blank, or "word ... TAG". */
static int read_line(reader *r, char *line) {
    line[strcspn(line, "\r\n")] = 0;
    if (!strncmp(line, "-DOCSTART-", 10)) {
        int rc = end_sentence(r);
        if (!r->c->has_docs) r->c->ndocs = 0;
        r->c->has_docs = 1;
        r->c->ndocs++;
        return rc;
    }
    char *tab = strrchr(line, '\t');
    if (!tab) tab = strrchr(line, ' ');
    if (!line[0] || !tab || tab == line) return end_sentence(r);
    *tab = 0;
    char *w = line, *end = strchr(line, '\t'); /* extra columns: the word is the first */
    if (end) *end = 0;
    return add_token(r, w, tab + 1);
}

int skein__conll_read(skein__conll *c, const char *path, size_t doc_sentences) {
    FILE *f = fopen(path, "r");
    if (!f) return SKEIN_EIO;
    reader r = {c,        doc_sentences ? doc_sentences : 10, c->ntoks, (uint32_t)c->text.len, 0, 0,
                c->nsents};
    size_t docs_before = c->ndocs;
    int had_docs = c->has_docs;
    c->has_docs = 0;
    char *line = malloc(MAX_LINE);
    int rc = line ? SKEIN_OK : SKEIN_ENOMEM;
    while (rc == SKEIN_OK && fgets(line, MAX_LINE, f)) rc = read_line(&r, line);
    if (rc == SKEIN_OK) rc = end_sentence(&r);
    if (rc == SKEIN_OK && ferror(f)) rc = SKEIN_EIO;
    free(line);
    fclose(f);
    if (c->has_docs && c->ndocs < MIN_DOCS) { /* one long document: pseudo-documents */
        for (size_t i = r.doc_base; i < c->nsents; i++)
            c->sents[i].doc = (uint32_t)(docs_before + (i - r.doc_base) / r.doc_sentences);
        c->has_docs = 0;
    }
    if (c->has_docs) {
        for (size_t i = r.doc_base; i < c->nsents; i++) c->sents[i].doc += (uint32_t)docs_before;
        c->ndocs += docs_before;
    } else if (c->nsents > r.doc_base) {
        c->ndocs = c->sents[c->nsents - 1].doc + 1;
    }
    c->has_docs |= had_docs;
    return rc;
}

void skein__conll_project(const skein__conll *c, size_t k, const skein__tok *t, size_t n,
                          uint8_t *labels) {
    const skein__conll_sent *s = &c->sents[k];
    const skein__conll_tok *ct = c->toks + s->tok;
    size_t j = 0;
    uint32_t prev_span = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        while (j + 1 < s->ntok && ct[j + 1].off <= t[i].off) j++;
        const skein__conll_tok *g = &ct[j];
        if (!g->kind || t[i].off >= g->off + g->len + 1) {
            labels[i] = SKEIN__TAG_O, prev_span = UINT32_MAX;
            continue;
        }
        labels[i] = (uint8_t)(g->kind * 2 - (g->span != prev_span));
        prev_span = g->span;
    }
}
