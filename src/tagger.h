/* tagger.h -- the trained name tagger: person, organisation, place, other.
 *
 * A linear model over hashed features of each token and its neighbours
 * (the folded word, its stem, prefixes and suffixes, the shape of the
 * surface, the analyzer's flags, gazetteer hits, given / family name and
 * nationality word hits, the punctuation around it)
 * scores nine BIO labels per token; a first-order Viterbi decoder picks the
 * best sequence under the BIO constraints (I-X only after B-X or I-X).
 * Weights are 16-bit integers in a table of 2^bits rows, one model per
 * language, trained by scripts/train_tagger.c and linked into the library as
 * one read-only blob (data/tagger/<lang>.model, no file to find at run time).
 *
 * The feature code below is the only one: the trainer calls the same
 * skein__tag_prepare / skein__tag_features on the same analyzer tokens.
 * Tagging allocates nothing: a text is cut into sentences (chunks of at
 * most SKEIN__TAG_MAX_CHUNK tokens) and each is decoded in the tagger's own
 * scratch.  The models are read-only and
 * shared; a skein__tagger is one thread's scratch. */
#ifndef SKEIN_TAGGER_H
#define SKEIN_TAGGER_H

#include "analyze.h"

#include <stddef.h>
#include <stdint.h>

/* Labels: O, then B and I of each kind.  The kind of label l is (l + 1) / 2. */
enum {
    SKEIN__TAG_O = 0,
    SKEIN__TAG_B_PER,
    SKEIN__TAG_I_PER,
    SKEIN__TAG_B_ORG,
    SKEIN__TAG_I_ORG,
    SKEIN__TAG_B_LOC,
    SKEIN__TAG_I_LOC,
    SKEIN__TAG_B_MISC,
    SKEIN__TAG_I_MISC,
    SKEIN__TAG_N
};
enum { SKEIN__KIND_NONE, SKEIN__KIND_PER, SKEIN__KIND_ORG, SKEIN__KIND_LOC, SKEIN__KIND_MISC };
#define SKEIN__TAG_KIND(l) (((l) + 1) / 2)
#define SKEIN__TAG_IS_B(l) ((l)&1)

#define SKEIN__TAG_MAX_CHUNK 256 /* tokens decoded at once */
#define SKEIN__TAG_MAX_FEATS 40  /* features of one token, at most */

typedef struct skein__tagger skein__tagger;

/* A tagger for one thread: NULL on ENOMEM.  The models it uses are the
 * compiled-in ones, loaded once per process (pthread_once). */
skein__tagger *skein__tagger_new(void);
void skein__tagger_free(skein__tagger *t);

/* 1 when a model for `lang` (ISO 639-1) is compiled in. */
int skein__tagger_has(const skein__tagger *t, const char *lang);

/* Labels the tokens t[0..n) that the analyzer made of text s (pool: the
 * analyzer's string pool, skein__analyzer_str(an, 0)): labels[i] gets a
 * SKEIN__TAG_* value.  Returns 1 when tagged, 0 when there is no model for
 * `lang` (all labels O).  Never allocates. */
int skein__tag(skein__tagger *t, const char *lang, const char *s, size_t len, const char *pool,
               const skein__tok *toks, size_t n, uint8_t *labels);

/* ---- What the trainer shares ------------------------------------------------ */

/* Per-token values of one chunk, computed once and combined into features. */
typedef struct skein__tag_unit {
    uint64_t word, stem, shape, pre[3], suf[4];
    uint32_t flags;     /* the analyzer's SKEIN_TOK_* */
    uint8_t gaz;        /* gazetteer class and position, 0 for none */
    uint8_t person;     /* SKEIN_PERSON_* bits of a word that may be a name (lexicon.h) */
    uint8_t gap_before; /* class of the characters between the previous token and this */
    uint8_t length;     /* length bucket */
    uint8_t may_name;   /* capitalised, or of a script without case */
} skein__tag_unit;

/* Sets u's word, pre, suf and length from the folded word w[0..n).  ASCII
 * words take a fast path; generic != 0 forces the general one (tests check
 * that both agree). */
void skein__tag_word_values(skein__tag_unit *u, const char *w, size_t n, int generic);

#define SKEIN__TAG_OPT_PERSONS 1u /* the model reads the person-name list (lexicon.h) */

typedef struct skein__tag_chunk {
    size_t n;
    uint32_t options; /* the model's SKEIN__TAG_OPT_*, set before skein__tag_prepare */
    uint8_t gap_end;  /* class of what follows the last token */
    skein__tag_unit u[SKEIN__TAG_MAX_CHUNK];
} skein__tag_chunk;

/* How many of the n tokens t[0..n) of text s the next chunk takes: up to the
 * next sentence start (a line break, or . ! ? not after an abbreviation), at
 * most SKEIN__TAG_MAX_CHUNK.  The trainer cuts its sentences the same way,
 * so a chunk's edges look alike in training and at run time. */
size_t skein__tag_chunk_len(const char *s, const skein__tok *t, size_t n);

/* Fills c from the tokens t[0..n) (n <= SKEIN__TAG_MAX_CHUNK) of text s[0..len). */
void skein__tag_prepare(skein__tag_chunk *c, const char *lang, const char *s, size_t len,
                        const char *pool, const skein__tok *t, size_t n);

/* skein__tag_prepare through the memo of tagger t, as skein__tag prepares
 * its chunks (for tests: the same units as without it, but for the pre and
 * suf of words the memo had, which it keeps only summed into weights). */
void skein__tag_prepare_memo(skein__tagger *t, skein__tag_chunk *c, const char *lang, const char *s,
                             size_t len, const char *pool, const skein__tok *toks, size_t n);

/* The hashed features of token i of c into out[SKEIN__TAG_MAX_FEATS]; returns
 * how many.  A model keeps the top `bits` bits of each as its row. */
size_t skein__tag_features(const skein__tag_chunk *c, size_t i, uint64_t *out);

/* The sums of weight rows skein__tag finds for the tokens toks[0..n) (n <=
 * SKEIN__TAG_MAX_CHUNK) taken as one chunk through the tagger's memo:
 * sums[i][l] for token i and label l, before the model's scale.  Rows of
 * features of one word come summed with the memo, others of few values
 * through tables.  Returns the chunk (t's own scratch; for tests: the
 * sums must be skein__tag_row_sum of the skein__tag_features of the tokens
 * prepared by skein__tag_prepare with its options), NULL when there is no
 * model for `lang`. */
const skein__tag_chunk *skein__tag_sums(skein__tagger *t, const char *lang, const char *s,
                                        size_t len, const char *pool, const skein__tok *toks,
                                        size_t n, int32_t (*sums)[SKEIN__TAG_N]);

/* The sum of the weight rows of the features f[0..nf) under the model of
 * `lang` into sum[SKEIN__TAG_N]; 0 when there is none. */
int skein__tag_row_sum(const char *lang, const uint64_t *f, size_t nf, int32_t *sum);

/* 1 when label `cur` may follow label `prev` (prev = SKEIN__TAG_N: chunk start). */
int skein__tag_allowed(int prev, int cur);

/* The best label sequence for emission scores emit[0..n) and transition
 * scores trans (as in the model header) into out[0..n).  mask (may be NULL)
 * limits token i to the labels whose bit is set in mask[i] (the trainer's
 * partial labels); bp is scratch for n rows. */
void skein__tag_viterbi(const float (*emit)[SKEIN__TAG_N], size_t n,
                        const float (*trans)[SKEIN__TAG_N], const uint16_t *mask,
                        uint8_t (*bp)[SKEIN__TAG_N], uint8_t *out);

/* The model file (data/tagger/<lang>.model): little-endian, 8-aligned.
 *   header; int16 weights[(1 << bits) * SKEIN__TAG_N] (row-major by feature row).
 * Scores are (sum of a token's feature rows) * scale + trans[prev + 1][cur]
 * (row 0 of trans: the chunk start). */
#define SKEIN__TAGGER_MAGIC "SKNTAG01"
#define SKEIN__TAG_FEATURE_SET 2 /* raise when the features change: old models are refused */
typedef struct skein__tagger_header {
    char magic[8];
    char lang[8];
    uint32_t feature_set, labels, bits, options; /* options: SKEIN__TAG_OPT_* */
    float scale;
    uint32_t pad;
    uint64_t size; /* bytes, header included */
    float trans[SKEIN__TAG_N + 1][SKEIN__TAG_N];
} skein__tagger_header;

#endif
