/* eval_ner.c -- `skein eval --ner FILE --lang L`: typed names per document and spans, as JSON.
 *
 * All the work is skein_eval_ner's (the library reads the file, tags each
 * sentence's text and compares); this prints its figures and the tagger's
 * speed (tokens per second of tagging alone, the analyzer left out). */
#include "eval_ner.h"

#include "skein.h"

#include <stdio.h>

static void print_prf(const char *name, const skein_ner_prf *x) {
    printf("\"%s\":{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f,\"gold\":%zu,\"pred\":%zu,\"hit\":%zu}", name,
           x->p, x->r, x->f1, x->gold, x->pred, x->hit);
}

int eval_ner(const char *path, const char *lang, size_t every, size_t part, size_t doc_sentences,
             int extract) {
    if (every && part >= every) {
        fprintf(stderr, "skein eval: --part must be below --every\n");
        return 2;
    }
    if (!skein_namer_has(lang)) {
        fprintf(stderr, "skein eval: no name-tagger model for language '%s'\n", lang);
        return 1;
    }
    skein_ner_options opt = {every, part, doc_sentences, extract};
    skein_ner_scores s;
    int rc = skein_eval_ner(path, lang, &opt, &s);
    if (rc != SKEIN_OK) {
        fprintf(stderr, "skein eval: %s: %s\n", path, skein_strerror(rc));
        return 1;
    }

    printf("{\"lang\":\"%s\",\"docs\":%zu,\"sentences\":%zu,\"tokens\":%zu,\"other_scored\":%s,",
           lang, s.docs, s.sentences, s.tokens, s.misc_scored ? "true" : "false");
    print_prf("doc", &s.doc);
    printf(",");
    print_prf("span", &s.span);
    printf(",\"doc_by_kind\":{");
    for (int k = 0; k < 4; k++) {
        print_prf(skein_kind_name((skein_kind)k), &s.doc_kind[k]);
        printf(k < 3 ? "," : "}");
    }
    printf(",\"tag_tokens_per_second\":%.0f}\n",
           s.tag_seconds > 0 ? (double)s.tokens / s.tag_seconds : 0);
    return 0;
}
