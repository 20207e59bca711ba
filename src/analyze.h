/* analyze.h -- turns a text into tokens: normalised, word-broken, stemmed.
 *
 * The text is converted to UTF-16 once and word-broken by ICU (dictionary
 * break for Chinese, Thai and the like).  Each word is folded with ICU's
 * NFKC_Casefold (ASCII words take a fast path with the same result), Arabic
 * vowel marks and tatweel are removed, and the word is stemmed.  Flags keep
 * what later stages need of the original: capitalisation, sentence starts,
 * whether only blanks separate a token from the one before. */
#ifndef SKEIN_ANALYZE_H
#define SKEIN_ANALYZE_H

#include "stem.h"
#include "util.h"

enum {
    SKEIN_TOK_CAP = 1,       /* first letter upper or title case in the original */
    SKEIN_TOK_ALLCAPS = 2,   /* two or more letters, all upper case */
    SKEIN_TOK_NUM = 4,       /* ICU says number */
    SKEIN_TOK_STOP = 8,      /* on the language's stopword list */
    SKEIN_TOK_SENT = 16,     /* first word of a sentence, line or quote */
    SKEIN_TOK_ADJ = 32,      /* only blanks since the previous token */
    SKEIN_TOK_CJK = 64,      /* ideographic or kana */
    SKEIN_TOK_PLACE = 128,   /* may start a place name (lexicon.h) */
    SKEIN_TOK_NAMELIKE = 256 /* untranslated or sounds like its translation */
};

typedef struct skein__tok {
    uint32_t norm, norm_len; /* folded form: offset/length in the analyzer's pool */
    uint32_t stem, stem_len; /* stem in the pool, when the analyzer keeps stems */
    uint64_t hash;           /* hash of the stem */
    uint64_t word_hash;      /* skein__hash of the folded form (word lists key on it) */
    uint32_t flags;
    uint32_t lex, lex_n; /* English stems: skein__analyzer_lex(an)[lex .. lex + lex_n) */
    uint32_t off, len;   /* the original word: bytes [off, off + len) of the text */
} skein__tok;

typedef struct skein__analyzer skein__analyzer;

/* NULL on failure (ICU could not open its data).  With keep_stems, each
 * token's stem string is kept in the pool (for inspection); the linker needs
 * only stem hashes and leaves it off.  `info` (may be NULL) says what the
 * interlingual tables know of each word: the engine passes the lexicon's
 * (skein__lexicon_word_info), so that this layer does not depend on it. */
skein__analyzer *skein__analyzer_new(int keep_stems, skein__word_info_fn info);
void skein__analyzer_free(skein__analyzer *an);

/* With `on`, every text that is not all ASCII is broken into words by ICU's
 * iterator, also those the analyzer breaks itself as ICU would (for tests
 * that compare the two). */
void skein__analyzer_icu_only(skein__analyzer *an, int on);

/* Analyses valid UTF-8 s[0..len) as language `lang`.  *toks points to *n
 * tokens owned by the analyzer, valid until its next call.  At most
 * `max_tokens` tokens are produced.  Returns SKEIN_OK or a skein_status. */
int skein__analyze(skein__analyzer *an, const char *s, size_t len, const char *lang,
                   size_t max_tokens, const skein__tok **toks, size_t *n);

/* NUL-terminated string at `off` in the analyzer's pool (valid as toks are). */
const char *skein__analyzer_str(const skein__analyzer *an, uint32_t off);
/* The English stem hashes the tokens' lex fields index (valid as toks are). */
const uint64_t *skein__analyzer_lex(const skein__analyzer *an);

#endif
