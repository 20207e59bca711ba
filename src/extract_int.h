/* extract_int.h -- what the parts of the extractor share (extract.c: the
 * article and its notes; extract_words.c: word lists; extract_names.c:
 * names; extract_quotes.c: quotes and their speakers).  Internal to them. */
#ifndef SKEIN_EXTRACT_INT_H
#define SKEIN_EXTRACT_INT_H

#include "extract.h"
#include "translit.h"

#include <unicode/utf8.h>

#define MAX_KEYS 4 /* word keys kept per name */

enum {
    W_TITLE = 1,
    W_VERB = 2, /* of saying */
    W_ORG = 4,
    W_PRON = 8,
    W_CALENDAR = 16,
    W_THAT = 32,   /* a clause of what was said follows */
    W_PREP = 64,   /* a preposition: a name after it is no subject */
    W_TELL = 128,  /* a verb whose object is the one spoken to ("told CNN") */
    W_INDEF = 256, /* "a", "one", "some": an unnamed someone follows */
    W_DEF = 512,   /* "the", "his": someone named before may follow */
    W_MALE = 1024, /* "he", "Mr": a man */
    W_FEMALE = 2048,
    W_WEEKDAY = 4096, /* a calendar word that names a day of the week */
    W_ORGEND =
        8192, /* a company's or club's form ("Inc", "GmbH", "FC"): a name with it is a body's */
    W_PLACEEND =
        16384, /* a place's last word ("County", "River"): a name ending in it is a place */
    /* a German noun that says what the name after it is ("Berg Lusen",
     * "Magazin Slate", "Film Titanic"): a place, a body, something else */
    W_SAYS_PLACE = 32768,
    W_SAYS_ORG = 65536,
    W_SAYS_OTHER = 131072,
    /* an English adjective of a region or a side ("European", "Western"):
     * alone, no name; it may open one ("Western Australia") */
    W_REGION_ADJ = 262144
};

struct skein__extractor {
    skein__translit *tr;
    struct skein__tagger *tagger; /* the trained name tagger (tagger.h) */
    uint8_t *labels;              /* its labels for the current text */
    size_t labels_cap;
    u64map words;          /* word_key -> W_* flags */
    u64map calendar_langs; /* languages whose month and weekday names are in `words` */
    u64map midcap; /* name hashes of capitalised words seen mid-sentence in the current text */
    u64map known;  /* name hashes of the words of the article's names of two words or more */
    u64map lower;  /* name hashes of the words the article's title writes in lower case */
    /* the current article */
    struct mention *m;
    size_t nm, m_cap;
    struct quote *q;
    size_t nq, q_cap;
    struct number *num;
    size_t nnum, num_cap;
    struct qspan *spans_q; /* the quotes of the current text */
    size_t nspans, spans_q_cap;
    uint32_t *para; /* the current text's paragraph of each token */
    size_t para_cap;
    int *wflags;         /* the current text's W_* flags of each token */
    uint32_t *verbs;     /* verbs of saying before each token */
    struct minfo *minfo; /* what each mention says apart from any quote (extract_speakers.c) */
    uint32_t *mstarts;   /* unquoted names starting before each token */
    uint32_t *nextp;     /* the first token of the next person's name from each token */
    uint32_t *order;     /* the article's mentions by key */
    uint32_t *bytok;     /* the current text's mentions in the order of the text */
    size_t wflags_cap, verbs_cap, minfo_cap, nminfo, mstarts_cap, nextp_cap, order_cap;
    size_t bytok_cap, nbytok;
    uint16_t *feats; /* the speaker model's features of the current quote's candidates */
    size_t feats_cap;
    struct cand *cands;
    size_t cands_cap;
    skein__speaker_hook hook; /* training: skein__extractor_on_speakers */
    void *hook_ud;
    int unnamed_before; /* the quote before was said by someone unnamed ("officials said") */
    struct lead *lead;  /* the article's first sentences (extract_lead.c) */
    size_t nlead, lead_cap;
    uint64_t sketch[SKEIN_SKETCH];
    int sketched; /* the sketch is of a text */
    sbuf strings; /* surfaces and quote texts of the article */
    char scratch[256];
    /* the notes made of them (skein__extract_finish) */
    skein_notes notes;
    skein_name_note *names;
    skein_quote_note *quotes;
    skein_number_note *numbers;
    skein_sentence_note *sentences;
    skein_span *spans;
    int32_t *entry; /* mention -> its name in `names`, or -1 */
    size_t names_cap, quotes_cap, numbers_cap, spans_cap, entry_cap, sentences_cap;
};

typedef struct mention {
    uint32_t str, len;       /* surface in x->strings */
    uint32_t tok, ntok;      /* token range (current text only) */
    uint64_t keys[MAX_KEYS]; /* words' keys; the last word's is always last */
    uint64_t alt;            /* the last word's key without an Arabic clitic, or 0 */
    uint8_t nkeys, kind, titled, weak, quoted, dropped;
    uint64_t opener; /* a one-word name opening a sentence: its word's hash, else 0 */
    int32_t place;   /* gazetteer index + 1, 0 for none */
    int text_no;     /* which text of the article (0 title, 1...) */
    skein_span span; /* in the text as given */
} mention;

typedef struct quote {
    uint32_t str, len;
    int32_t speaker; /* mention index or -1 */
    uint8_t by;
    float confidence;
    skein_span span;
} quote;

typedef struct lead {
    uint32_t str, len;
    skein_span span;
} lead;

typedef struct number {
    char value[32];
    uint32_t str, len;
    uint32_t count;
} number;

/* ---- per-text context ------------------------------------------------------- */

typedef struct ctx {
    skein__extractor *x;
    const char *s;
    size_t len;
    const char *lang;
    const char *pool;
    const skein__tok *t;
    size_t n;
    int arabic_like; /* language of a script without case */
    int text_no;
    size_t m0; /* first mention of this text */
    int is_title;
    const skein__offmap *map; /* offsets in `s` -> in the text as given */
    int flags_ready;          /* x->wflags holds every token's W_* flags */
} ctx;

/* Bytes [from, to) of the cleaned text as a span of the text as given. */
static inline skein_span span_of(const ctx *c, size_t from, size_t to) {
    skein_span sp = {(uint32_t)from, (uint32_t)to, (uint32_t)c->is_title};
    if (c->map && to > from)
        sp.start = (uint32_t)skein__offmap_input(c->map, from),
        sp.end = (uint32_t)skein__offmap_input(c->map, to - 1) + 1;
    return sp;
}

static inline UChar32 first_char(const char *w, size_t n) {
    if (!n) return -1;
    if ((unsigned char)w[0] < 0x80) return (unsigned char)w[0];
    UChar32 ch;
    int32_t i = 0;
    U8_NEXT(w, i, (int32_t)n, ch);
    return ch;
}

/* extract_words.c: the word lists into x (0 or -1 on ENOMEM); month and
 * weekday names of `lang` (ICU's CLDR) added once; W_* flags of token i;
 * every token's flags looked up once into x->wflags (after the calendar
 * of the text's language is in; then skein__word_flags reads them there;
 * 0 or -1); whether `lang` has a lexicon that tells names from words. */
int skein__words_load(skein__extractor *x);
int skein__words_calendar(skein__extractor *x, const char *lang);
int skein__word_flags_lookup(const ctx *c, size_t i);
int skein__word_flags_fill(ctx *c);
/* Inline: the extractors ask for each token's flags many times over. */
static inline int skein__word_flags(const ctx *c, size_t i) {
    return c->flags_ready ? c->x->wflags[i] : skein__word_flags_lookup(c, i);
}
int skein__has_lexicon(const char *lang);

/* extract_names.c: the names of a text in a script with case, or without;
 * tokens [a, b) recorded as a name (titled: a title word named a person;
 * place: gazetteer index + 1).  0 or -1 (ENOMEM). */
int skein__names_cased(ctx *c);
int skein__names_caseless(ctx *c);
/* The names the tagger labelled (labels[i]: SKEIN__TAG_* of token i). */
int skein__names_tagged(ctx *c, const uint8_t *labels);
int skein__add_mention(ctx *c, size_t a, size_t b, int titled, uint32_t place);

/* Copies s[0..n) into x->strings; its offset into *at.  0 or -1. */
int skein__keep_string(skein__extractor *x, const char *s, size_t n, uint32_t *at);

/* extract_words.c: does the lower-case word at token i read as a verb
 * ("Hollande denounced", "Cruz accuses"), not as a noun a name modifies
 * ("Clinton campaign")? */
int skein__verb_like(const ctx *c, size_t i);

/* extract_quotes.c: the quotes of a text with their speakers.  0 or -1. */
int skein__quotes(ctx *c);
/* Does a sentence end at byte i of the text (not after an initial, an
 * abbreviation or a title, not before a lower-case word)? */
int skein__sentence_end(const ctx *c, size_t i);

/* extract_lead.c: the text's first sentences and its sketch.  0 or -1. */
int skein__lead(ctx *c);

/* ---- speakers (extract_speakers.c) ---------------------------------------------- */

/* A quote's marks: bytes [open, open_end) and [close, close_end). */
typedef struct qspan {
    size_t open, open_end, close, close_end;
} qspan;

/* What the rules of extract_quotes.c found for a quote. */
typedef struct rule_pick {
    int32_t speaker;    /* a mention, or -1 */
    int by;             /* SKEIN_BY_* */
    size_t verb;        /* the verb of saying's token, or c->n */
    int verb_side;      /* 1: after the quote, 2: before it, 0: none */
    int pron;           /* a pronoun or title word next to the verb ("he said") */
    size_t after_to;    /* the attribution window after the quote ends at this token */
    size_t before_from; /* ... and the one before it starts at this one */
    int according; /* a source word before the quote: 1 "according to X", 2 "according to him" */
    size_t role;   /* "according to the adviser ...": the role word's token, else c->n */
} rule_pick;

/* The speaker of quote `k` of `spans` (the text's quotes) chosen among the names around it by
 * the trained model (src/speaker_model.c), from what the rules found and
 * the speaker of the quote before (`prev`, a mention or -1, found as
 * `prev_by` says).  The mention (or -1: unnamed) into *speaker, how into
 * *by, the model's confidence into *confidence.  0, or -1 on ENOMEM. */
int skein__speaker_pick(ctx *c, const qspan *spans, size_t k, const rule_pick *r, int32_t prev,
                        int prev_by, int32_t *speaker, int *by, float *confidence);

#endif
