/* feature.h -- sparse feature vectors of an article, and stream statistics.
 *
 * An article becomes one sparse vector per subspace: body terms (title and
 * text stems), title terms, names (capitalised runs and their tokens), years
 * (19xx, 20xx), other numbers, and interlingual keys (translit.h) of names,
 * and of all words in scripts without case, where names cannot be told
 * apart.  Years and numbers tell apart two events of the same kind (two
 * earthquakes, two elections) that words cannot; keys and numbers carry
 * across languages.  Feature ids are 64-bit hashes salted by subspace, so one
 * document-frequency table serves all subspaces.  Weights here are term
 * frequencies (1 + ln tf); IDF is applied by the linker with the document
 * frequencies learned from the stream so far. */
#ifndef SKEIN_FEATURES_H
#define SKEIN_FEATURES_H

#include "analyze.h"
#include "util.h"

enum {
    SKEIN_SUB_BODY,
    SKEIN_SUB_TITLE,
    SKEIN_SUB_NAMES,
    SKEIN_SUB_YEAR,
    SKEIN_SUB_NUM,
    SKEIN_SUB_KEYS,  /* interlingual: phonetic keys of names in any script, place ids */
    SKEIN_SUB_LEX,   /* interlingual: English stems, of English words or from the lexicon */
    SKEIN_SUB_CKEYS, /* keys of all words of scripts without case; the linker keeps those
                      * it has seen as names (into KEYS) and drops the rest */
    SKEIN_SUB_TDATE, /* marks of a headline: the days of the month it names ("8 November"):
                      * not compared, but two titles naming only other days tell of other
                      * events; and its names and subject (skein__title_mark) */
    SKEIN_NSUB
};

typedef struct skein__feat {
    uint64_t id;
    float w;
    float idf; /* the feature's IDF when it was weighed (linker only) */
} skein__feat;

/* A sparse vector sorted by id. */
typedef struct skein__fvec {
    skein__feat *f;
    size_t n, cap;
} skein__fvec;

void skein__fvec_release(skein__fvec *v);

/* Reorders f[0..n) so that its first k entries are the k largest by weight
 * (ties: smaller id first), in no particular order.  O(n) on average. */
void skein__feat_top(skein__feat *f, size_t n, size_t k);

/* The body feature id of the word a title feature id stands for (every
 * title word is a body word too, under another subspace salt). */
uint64_t skein__title_as_body(uint64_t title_id);
/* The day of a common year (1..365; 29 February is 60, as 1 March) a
 * SKEIN_SUB_TDATE feature id stands for, 0 when it stands for none. */
int skein__title_date_day(uint64_t tdate_id);
/* What a SKEIN_SUB_TDATE mark stands for: a day (SKEIN_MARK_DAY), a name
 * in the headline, or the name it opens with (its subject); for a name,
 * the two feature ids in subspace `sub` its word may have (one of them). */
enum { SKEIN_MARK_DAY, SKEIN_MARK_NAME, SKEIN_MARK_SUBJECT };
int skein__title_mark(uint64_t mark_id, int sub, uint64_t ids[2]);
int skein__fvec_copy(skein__fvec *dst, const skein__fvec *src);

typedef struct skein__doc {
    skein__fvec sub[SKEIN_NSUB];
} skein__doc;

void skein__doc_init(skein__doc *d);
void skein__doc_release(skein__doc *d);

typedef struct skein__featurizer skein__featurizer;
/* NULL on ENOMEM or when ICU's transliterator cannot be opened. */
skein__featurizer *skein__featurizer_new(void);
void skein__featurizer_free(skein__featurizer *fz);
/* Collects features of the tokens `an` produced last from a text in `lang`
 * (title: is_title = 1)
 * until skein__features_finish turns them into a document.  0 or -1. */
int skein__features_add_tokens(skein__featurizer *fz, const skein__analyzer *an,
                               const skein__tok *t, size_t n, const char *lang, int is_title);
/* Collects a headline's marks: the days of the month it names, a day
 * beside a month name either way round ("8 ноября", "Nov. 8", "8.
 * November"), and its names and subject, from the tokens `an` produced last (SKEIN_SUB_TDATE).  A
 * lone capitalised first word counts as a name only when the text (added before
 * skein__features_finish) has it as one.  0 or -1. */
int skein__features_add_title_marks(skein__featurizer *fz, const skein__analyzer *an,
                                    const skein__tok *t, size_t n, const char *lang);
/* Moves the collected features into `d` (cleared first) and resets fz. */
int skein__features_finish(skein__featurizer *fz, skein__doc *d);

/* Document frequencies learned from the stream.  memo: the IDF of each
 * small document frequency as last computed, with the count of documents
 * it was computed at (plus one; 0: none), so that the articles and
 * centroids weighed while `docs` stands still take one log() per distinct
 * frequency rather than one per feature (NULL: no memo).  The memo is
 * written by reads through a const table, so a table with a memo is read by
 * one thread at a time (the linker's, which owns it). */
#define SKEIN_IDF_MEMO 2048
typedef struct skein__idf_memo {
    double idf;
    uint64_t at;
} skein__idf_memo;
typedef struct skein__dfs {
    u64map df;
    uint64_t docs;
    skein__idf_memo *memo;
} skein__dfs;
void skein__dfs_init(skein__dfs *s);
void skein__dfs_release(skein__dfs *s);
/* Bounds the table: once it holds more than `max` features, those seen in
 * only one document are forgotten (their IDF barely moves).  0 or -1. */
int skein__dfs_prune(skein__dfs *s, size_t max);
/* IDF from a document frequency, with s->docs documents seen: from the
 * memo when it has it (inline: once per feature weighed), else computed
 * (and kept in the memo when df is small). */
double skein__idf_compute(const skein__dfs *s, uint64_t df);
static inline double skein__idf_of(const skein__dfs *s, uint64_t df) {
    if (s->memo && df < SKEIN_IDF_MEMO && s->memo[df].at == s->docs + 1) return s->memo[df].idf;
    return skein__idf_compute(s, df);
}
/* Inverse document frequency of a feature id. */
static inline double skein__idf(const skein__dfs *s, uint64_t id) {
    const uint64_t *c = skein__u64map_get(&s->df, id);
    return skein__idf_of(s, c ? *c : 0);
}

#endif
