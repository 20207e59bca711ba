/* eval_ner.h -- `skein eval --ner FILE --lang L`: the name tagger measured
 * against a CoNLL file of gold names. */
#ifndef SKEIN_EVAL_NER_H
#define SKEIN_EVAL_NER_H

#include <stddef.h>

/* Scores the documents of `path` (all, or those whose number % every ==
 * part when every > 0) and prints one JSON object.  Returns the exit status:
 * 0, 1 when the file cannot be read or the language has no model, 2 for bad
 * options. */
int eval_ner(const char *path, const char *lang, size_t every, size_t part, size_t doc_sentences,
             int extract);

#endif
