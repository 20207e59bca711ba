/* ner.c -- names from the trained tagger (skein_namer) and its scores on gold files
 * (skein_eval_ner).
 *
 * A namer is the analyzer and a tagger's scratch: the text is analysed,
 * tagged, and the BIO labels read back as spans of the text.  The evaluation
 * runs exactly that path over each gold sentence's text (conll.h) and
 * compares names two ways: spans (first token, last token, kind) per
 * sentence, and sets of (folded name, kind) per document, the way a reader
 * of a story sees the names of an article.  Set keys are 64-bit hashes. */
#include "skein.h"

#include "analyze.h"
#include "lexicon.h"
#include "conll.h"
#include "error.h"
#include "tagger.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS (1u << 20)

struct skein_namer {
    skein__analyzer *an;
    skein__tagger *tg;
    uint8_t *labels;
    size_t labels_cap;
    skein_name *names;
    size_t nnames, names_cap;
};

skein_namer *skein_namer_new(skein_error *err) {
    skein__error_clear(err);
    skein_namer *nm = calloc(1, sizeof(*nm));
    int rc = nm ? SKEIN_OK : SKEIN_ENOMEM;
    if (nm && !(nm->an = skein__analyzer_new(0, skein__lexicon_word_info))) rc = SKEIN_EINTERNAL;
    if (nm && rc == SKEIN_OK && !(nm->tg = skein__tagger_new())) rc = SKEIN_ENOMEM;
    if (rc == SKEIN_OK) return nm;
    skein__fail(err, rc, NULL, rc == SKEIN_EINTERNAL ? "ICU could not open its data" : NULL);
    skein_namer_free(nm);
    return NULL;
}

/* The public kind of a tagger's kind (SKEIN__KIND_*). */
static skein_kind public_kind(int k) {
    return k == SKEIN__KIND_PER   ? SKEIN_KIND_PERSON
           : k == SKEIN__KIND_ORG ? SKEIN_KIND_ORG
           : k == SKEIN__KIND_LOC ? SKEIN_KIND_PLACE
                                  : SKEIN_KIND_OTHER;
}

void skein_namer_free(skein_namer *nm) {
    if (!nm) return;
    skein__analyzer_free(nm->an);
    skein__tagger_free(nm->tg);
    free(nm->labels);
    free(nm->names);
    free(nm);
}

int skein_namer_has(const char *lang) { return skein__tagger_has(NULL, lang); }

/* ---- Spans from labels ------------------------------------------------------------ */

typedef struct span {
    size_t a, b; /* tokens [a, b) */
    int kind;
} span;

/* The span starting at token *i or later; 0 when there is none. */
static int next_span(const uint8_t *l, size_t n, size_t *i, span *out) {
    while (*i < n && l[*i] == SKEIN__TAG_O) (*i)++;
    if (*i >= n) return 0;
    int kind = SKEIN__TAG_KIND(l[*i]);
    size_t b = *i + 1;
    while (b < n && l[b] != SKEIN__TAG_O && !SKEIN__TAG_IS_B(l[b]) && SKEIN__TAG_KIND(l[b]) == kind)
        b++;
    *out = (span){*i, b, kind};
    *i = b;
    return 1;
}

static int tag_text(skein_namer *nm, const char *text, size_t len, const char *lang,
                    const skein__tok **t, size_t *n) {
    int rc = skein__analyze(nm->an, text, len, lang, MAX_TOKENS, t, n);
    if (rc) return rc;
    if (skein__grow((void **)&nm->labels, &nm->labels_cap, *n + 1, 1)) return SKEIN_ENOMEM;
    skein__tag(nm->tg, lang, text, len, skein__analyzer_str(nm->an, 0), *t, *n, nm->labels);
    return SKEIN_OK;
}

int skein_namer_find(skein_namer *nm, const char *text, size_t len, const char *lang,
                     const skein_name **names, size_t *n) {
    const skein__tok *t;
    size_t nt;
    *names = NULL, *n = 0;
    nm->nnames = 0;
    int rc = tag_text(nm, text, len, lang, &t, &nt);
    if (rc) return rc;
    span sp;
    for (size_t i = 0; next_span(nm->labels, nt, &i, &sp);) {
        if (skein__grow((void **)&nm->names, &nm->names_cap, nm->nnames + 1, sizeof(*nm->names)))
            return SKEIN_ENOMEM;
        size_t off = t[sp.a].off, end = t[sp.b - 1].off + t[sp.b - 1].len;
        nm->names[nm->nnames++] = (skein_name){off, end - off, public_kind(sp.kind)};
    }
    *names = nm->names, *n = nm->nnames;
    return SKEIN_OK;
}

/* ---- Evaluation ------------------------------------------------------------------- */

typedef struct scoring {
    skein_namer *nm;
    skein_engine *engine; /* scoring through the extractor */
    sbuf doc;             /* ... the current document's text */
    const skein__conll *c;
    const char *lang;
    int misc; /* score "other" names */
    uint8_t *gold;
    size_t gold_cap;
    u64map gset, pset; /* the current document's (name, kind) keys */
    size_t doc_hit[5], doc_gold[5], doc_pred[5];
    skein_ner_scores *out;
} scoring;

/* Key of the name made of tokens sp of the analysed sentence, without a
 * possessive ("Canada's" is Canada, as skein extract says it); 0 for a
 * "name" without a letter or digit ("@" before a handle in some corpora). */
static uint64_t name_key(const skein_namer *nm, const skein__tok *t, const span *sp) {
    uint64_t h = (uint64_t)sp->kind * 0x9E3779B97F4A7C15ull;
    int word = 0;
    for (size_t i = sp->a; i < sp->b; i++) {
        const char *w = skein__analyzer_str(nm->an, t[i].norm);
        size_t n = t[i].norm_len;
        if (i + 1 == sp->b && n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
            n -= 2;
        else if (i + 1 == sp->b && n > 1 && w[n - 1] == '\'')
            n -= 1;
        for (size_t k = 0; k < n && !word; k++) {
            unsigned char ch = (unsigned char)w[k];
            word = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
        }
        h = skein__hash_salt(w, n, h);
    }
    return !word ? 0 : h ? h : 1;
}

static int add_keys(scoring *sc, u64map *set, const uint8_t *l, const skein__tok *t, size_t n) {
    span sp;
    for (size_t i = 0; next_span(l, n, &i, &sp);) {
        if (!sc->misc && sp.kind == SKEIN__KIND_MISC) continue;
        uint64_t key = name_key(sc->nm, t, &sp);
        if (!key) continue;
        uint64_t *v = skein__u64map_upsert(set, key);
        if (!v) return SKEIN_ENOMEM;
        *v = (uint64_t)sp.kind;
    }
    return SKEIN_OK;
}

static void count_spans(scoring *sc, const uint8_t *g, const uint8_t *p, size_t n) {
    span a, b;
    size_t i = 0, j = 0;
    int more_g = next_span(g, n, &i, &a), more_p = next_span(p, n, &j, &b);
    while (more_g || more_p) {
        if (more_p && !sc->misc && b.kind == SKEIN__KIND_MISC) {
            more_p = next_span(p, n, &j, &b);
            continue;
        }
        if (more_g && more_p && a.a == b.a && a.b == b.b && a.kind == b.kind) sc->out->span.hit++;
        if (more_g && (!more_p || a.a <= b.a))
            sc->out->span.gold++, more_g = next_span(g, n, &i, &a);
        else
            sc->out->span.pred++, more_p = next_span(p, n, &j, &b);
    }
}

/* Ends a document: its sets counted, then emptied. */
static void end_doc(scoring *sc) {
    for (size_t k = 0; k < sc->gset.cap; k++)
        if (sc->gset.slots[k].key) sc->doc_gold[sc->gset.slots[k].val]++;
    for (size_t k = 0; k < sc->pset.cap; k++) {
        const u64slot *s = &sc->pset.slots[k];
        if (!s->key) continue;
        sc->doc_pred[s->val]++;
        if (skein__u64map_get(&sc->gset, s->key)) sc->doc_hit[s->val]++;
    }
    skein__u64map_clear(&sc->gset);
    skein__u64map_clear(&sc->pset);
}

/* The tagger's kind (SKEIN__KIND_*) of a public kind. */
static int tag_kind(skein_kind k) {
    return k == SKEIN_KIND_PERSON  ? SKEIN__KIND_PER
           : k == SKEIN_KIND_ORG   ? SKEIN__KIND_ORG
           : k == SKEIN_KIND_PLACE ? SKEIN__KIND_LOC
                                   : SKEIN__KIND_MISC;
}

/* The names skein_engine_extract gives the current document, into pset. */
static int extract_doc(scoring *sc) {
    if (!sc->doc.len) return SKEIN_OK;
    skein_article a = {"doc", NULL, sc->doc.buf, sc->lang, NULL, NULL, SKEIN_NO_TIME};
    skein_notes *notes = NULL;
    int rc = skein_engine_extract(sc->engine, &a, &notes);
    for (size_t i = 0; !rc && i < notes->nnames; i++) {
        const skein_name_note *x = &notes->names[i];
        int kind = tag_kind(x->kind);
        if (!sc->misc && kind == SKEIN__KIND_MISC) continue;
        const skein__tok *t;
        size_t n;
        if ((rc = skein__analyze(sc->nm->an, x->name, strlen(x->name), sc->lang, MAX_TOKENS, &t,
                                 &n)))
            break;
        span sp = {0, n, kind};
        uint64_t key = n ? name_key(sc->nm, t, &sp) : 0;
        uint64_t *v = key ? skein__u64map_upsert(&sc->pset, key) : NULL;
        if (key && !v)
            rc = SKEIN_ENOMEM;
        else if (v)
            *v = (uint64_t)kind;
    }
    skein_notes_free(notes);
    skein__sbuf_reset(&sc->doc);
    return rc == SKEIN_EEMPTY ? SKEIN_OK : rc;
}

static int score_sentence(scoring *sc, size_t k) {
    const skein__conll_sent *s = &sc->c->sents[k];
    const char *text = sc->c->text.buf + s->text;
    const skein__tok *t;
    size_t n;
    int rc = skein__analyze(sc->nm->an, text, s->len, sc->lang, MAX_TOKENS, &t, &n);
    if (rc) return rc;
    if (skein__grow((void **)&sc->nm->labels, &sc->nm->labels_cap, n + 1, 1) ||
        skein__grow((void **)&sc->gold, &sc->gold_cap, n + 1, 1))
        return SKEIN_ENOMEM;
    double t0 = skein__now();
    skein__tag(sc->nm->tg, sc->lang, text, s->len, skein__analyzer_str(sc->nm->an, 0), t, n,
               sc->nm->labels);
    sc->out->tag_seconds += skein__now() - t0;
    skein__conll_project(sc->c, k, t, n, sc->gold);
    sc->out->sentences++, sc->out->tokens += n;
    count_spans(sc, sc->gold, sc->nm->labels, n);
    rc = add_keys(sc, &sc->gset, sc->gold, t, n);
    if (sc->engine) /* the sentence joins the document the extractor reads */
        return rc || skein__sbuf_add(&sc->doc, text, s->len) || skein__sbuf_addc(&sc->doc, '\n')
                   ? SKEIN_ENOMEM
                   : rc;
    return rc ? rc : add_keys(sc, &sc->pset, sc->nm->labels, t, n);
}

static void prf(skein_ner_prf *x) {
    x->p = x->pred ? (double)x->hit / (double)x->pred : 1.0;
    x->r = x->gold ? (double)x->hit / (double)x->gold : 1.0;
    x->f1 = x->p + x->r > 0 ? 2 * x->p * x->r / (x->p + x->r) : 0;
}

static void finish_scores(scoring *sc) {
    skein_ner_scores *o = sc->out;
    for (int k = 1; k <= 4; k++) {
        skein_ner_prf *x = &o->doc_kind[public_kind(k)];
        *x = (skein_ner_prf){0, 0, 0, sc->doc_gold[k], sc->doc_pred[k], sc->doc_hit[k]};
        prf(x);
        o->doc.gold += sc->doc_gold[k], o->doc.pred += sc->doc_pred[k],
            o->doc.hit += sc->doc_hit[k];
    }
    prf(&o->doc);
    prf(&o->span);
}

static int score_file(scoring *sc, const skein_ner_options *opt) {
    int64_t doc = -1;
    for (size_t k = 0; k < sc->c->nsents; k++) {
        uint32_t d = sc->c->sents[k].doc;
        if (opt->every && d % opt->every != opt->part) continue;
        if ((int64_t)d != doc) {
            int rc = sc->engine && doc >= 0 ? extract_doc(sc) : SKEIN_OK;
            if (rc) return rc;
            if (doc >= 0) end_doc(sc);
            doc = d;
            sc->out->docs++;
        }
        int rc = score_sentence(sc, k);
        if (rc) return rc;
    }
    int rc = sc->engine && doc >= 0 ? extract_doc(sc) : SKEIN_OK;
    if (!rc && doc >= 0) end_doc(sc);
    return rc;
}

int skein_eval_ner(const char *path, const char *lang, const skein_ner_options *opt,
                   skein_ner_scores *out) {
    static const skein_ner_options all = {0, 0, 0, 0};
    if (!opt) opt = &all;
    if (!path || !lang || !out || (opt->every && opt->part >= opt->every)) return SKEIN_EINVAL;
    memset(out, 0, sizeof(*out));
    skein__conll c;
    skein__conll_init(&c);
    scoring sc = {.c = &c, .lang = lang, .out = out};
    skein__u64map_init(&sc.gset), skein__u64map_init(&sc.pset);
    int rc = skein__conll_read(&c, path, opt->doc_sentences);
    skein_error err;
    skein__sbuf_init(&sc.doc);
    if (rc == SKEIN_OK && !(sc.nm = skein_namer_new(&err))) rc = err.code;
    if (rc == SKEIN_OK && opt->extract && !(sc.engine = skein_engine_new(NULL, &err)))
        rc = err.code;
    sc.misc = out->misc_scored = c.kinds[SKEIN__KIND_MISC] > 0;
    if (rc == SKEIN_OK) rc = score_file(&sc, opt);
    if (rc == SKEIN_OK) finish_scores(&sc);
    skein_namer_free(sc.nm);
    skein_engine_free(sc.engine);
    skein__sbuf_release(&sc.doc);
    free(sc.gold);
    skein__u64map_release(&sc.gset), skein__u64map_release(&sc.pset);
    skein__conll_release(&c);
    return rc;
}
