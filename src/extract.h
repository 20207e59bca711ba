/* extract.h -- what one article says: names, quotes with their speakers,
 * numbers.
 *
 * Runs on the analyzer's tokens (with their byte offsets in the text), right
 * after each analysis, and collects an article's notes over its title and
 * text:
 *
 * - names: in scripts with case, runs of capitalised words (a lone word that
 *   opens a sentence counts only when it recurs mid-sentence or a speech verb
 *   follows it; in languages with a lexicon, a run needs a word that no
 *   dictionary translates); title words ("President", "وزير", "министр") are
 *   cut off and mark the name as a person's.  In scripts without case, runs of
 *   words that no dictionary translates (or that sound like their
 *   translation), "weak" unless a title word or the gazetteer backs them.
 *   Gazetteer places become place names with the place's id.  Each name has
 *   the interlingual keys (translit.h) of its first and last word, so that
 *   "Vladimir Putin", "Putin" and "بوتين" can be merged into one entry.
 * - quotes: text in quotation marks (“” „“ «» »« "" ‘’) of three words or
 *   more, attributed by the speech verbs of the language found after the
 *   closing mark or before the opening one in the same sentence ("said X",
 *   "X told reporters:", "according to X", قال, заявил, sagte, a déclaré,
 *   dijo) to the nearest fitting name; a verb without a name ("he added",
 *   "the expert noted") points to the last speaker; a quote that follows
 *   another in the same paragraph with no attribution of its own continues
 *   it.  A quote with no speaker found is kept with speaker unknown.
 * - numbers: as numbers.h spells them, with the words they come with.
 *
 * The notes come out typed (skein_notes, skein.h), every name mention and
 * quote with its span in the text as the caller gave it (the cleaner's
 * offset map takes it there), for the story teller (tell.h).  Bounded per
 * article. */
#ifndef SKEIN_EXTRACT_H
#define SKEIN_EXTRACT_H

#include "analyze.h"
#include "clean.h"
#include "skein.h"
#include "util.h"

#define SKEIN_MAX_NAMES 200        /* distinct names kept per article */
#define SKEIN_MAX_QUOTES 60        /* quotes kept per article */
#define SKEIN_MAX_NUMBERS 60       /* distinct numbers kept per article */
#define SKEIN_MAX_QUOTE_BYTES 2000 /* from the opening mark to the closing one, at most */

typedef struct skein__extractor skein__extractor;

/* NULL on ENOMEM or when ICU's transliterator cannot be opened. */
skein__extractor *skein__extractor_new(void);
void skein__extractor_free(skein__extractor *x);

/* Starts the notes of a new article. */
void skein__extract_begin(skein__extractor *x);

/* Adds what the tokens t[0..n) of text s[0..len) in `lang` say (the tokens
 * the analyzer made of exactly that text).  Quotes are looked for in texts
 * only, not titles.  `map` (may be NULL) takes offsets in s to the text as
 * given, for spans.  0 or -1 (ENOMEM). */
int skein__extract_add(skein__extractor *x, const char *s, size_t len, const char *lang,
                       const skein__analyzer *an, const skein__tok *t, size_t n, int is_title,
                       const skein__offmap *map);

/* The article's notes; they point into the extractor and are valid until
 * its next skein__extract_begin.  NULL on ENOMEM. */
const skein_notes *skein__extract_finish(skein__extractor *x);

/* One name a quote's speaker may be, as the speaker model sees it. */
typedef struct skein__speaker_cand {
    const char *name; /* the mention as written */
    size_t len;
    const uint16_t *feats; /* its features: indices of the model's weights */
    size_t nfeats;
    uint32_t distance; /* from the quote: the attribution windows first, then in tokens */
} skein__speaker_cand;

/* For training the speaker model (scripts/train_speaker.c): called for each
 * quote with the names around it.  Returns the index of the candidate to
 * take as the speaker, -1 for none (an unnamed speaker), or -2 to let the
 * model choose. */
typedef int (*skein__speaker_hook)(void *ud, const char *quote, size_t len,
                                   const skein__speaker_cand *cands, size_t n);
void skein__extractor_on_speakers(skein__extractor *x, skein__speaker_hook fn, void *ud);

/* The speaker model's size and the names of its features (for the trainer). */
size_t skein__speaker_nfeatures(void);
void skein__speaker_feature_name(size_t f, char *buf, size_t n);

#endif
