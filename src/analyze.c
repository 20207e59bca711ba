/* analyze.c -- normalise, word-break and stem a text.  See analyze.h.
 *
 * Cost matters here: this stage sees every byte of every article.  The text
 * is converted to UTF-16 once; the break iterator is opened once per analyzer
 * and re-pointed at each text; ASCII words (most of Latin-script news) skip
 * ICU normalisation because NFKC_Casefold of ASCII is plain lower-casing.
 * ASCII texts, and texts ASCII but for Latin-1 letters, curly quotes,
 * dashes and a few signs (most of the rest of English news), are broken
 * into words by a table of ICU's classes for those characters rather than
 * by the iterator. */
#include "analyze.h"

#include "skein.h"
#include "stem.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#define MAX_WORD_UNITS 64 /* longer "words" (URLs, garbage) are skipped */

struct skein__analyzer {
    UBreakIterator *brk;
    const UNormalizer2 *fold;
    skein__stemset *stems;
    UChar *u16;
    size_t u16_cap;
    skein__tok *toks;
    size_t ntoks, toks_cap;
    sbuf pool;     /* folded words (and stems) of the current text */
    uint64_t *lex; /* tokens' English stems */
    size_t nlex, lex_cap;
    sbuf word; /* scratch: one folded word in UTF-8 */
    int keep_stems;
    int lang;            /* stemmer handle for the current text */
    int icu_only;        /* every non-ASCII text through ICU's break iterator (tests) */
    uint16_t lower[128]; /* an ASCII unit's lower case, | FOLD_LOWER for a-z */
};
#define FOLD_LOWER 0x100

skein__analyzer *skein__analyzer_new(int keep_stems, skein__word_info_fn info) {
    skein__analyzer *an = calloc(1, sizeof(*an));
    if (!an) return NULL;
    an->keep_stems = keep_stems;
    for (unsigned c = 0; c < 128; c++)
        an->lower[c] = (uint16_t)(c >= 'A' && c <= 'Z'   ? c + 32
                                  : c >= 'a' && c <= 'z' ? c | FOLD_LOWER
                                                         : c);
    UErrorCode err = U_ZERO_ERROR;
    an->fold = unorm2_getNFKCCasefoldInstance(&err);
    an->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
    an->stems = skein__stemset_new(info);
    skein__sbuf_init(&an->pool);
    skein__sbuf_init(&an->word);
    if (U_FAILURE(err) || !an->stems) {
        skein__analyzer_free(an);
        return NULL;
    }
    return an;
}

void skein__analyzer_free(skein__analyzer *an) {
    if (!an) return;
    if (an->brk) ubrk_close(an->brk);
    skein__stemset_free(an->stems);
    free(an->u16);
    free(an->toks);
    free(an->lex);
    skein__sbuf_release(&an->pool);
    skein__sbuf_release(&an->word);
    free(an);
}

void skein__analyzer_icu_only(skein__analyzer *an, int on) { an->icu_only = on; }

const char *skein__analyzer_str(const skein__analyzer *an, uint32_t off) {
    return an->pool.buf + off;
}

const uint64_t *skein__analyzer_lex(const skein__analyzer *an) { return an->lex; }

/* Arabic harakat, Quranic marks, superscript alef, tatweel: dropped. */
static int is_arabic_mark(UChar c) {
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
           c == 0x0640;
}

/* Appends w[0..n) as UTF-8 to an->word, dropping Arabic marks and mapping
 * typographic apostrophes to ASCII. */
static int put_folded(skein__analyzer *an, const UChar *w, int32_t n) {
    /* room for the whole word at once: a UTF-16 unit is at most 3 bytes of
     * UTF-8, a pair 4 */
    if (skein__sbuf_grow(&an->word, 3 * (size_t)n)) return -1;
    sbuf *b = &an->word;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(w, i, n, c);
        if (c < 0x10000 && is_arabic_mark((UChar)c)) continue;
        if (c == 0x2019 || c == 0x02BC || c == 0x2018) c = '\'';
        b->len += skein__utf8_put((uint32_t)c, b->buf + b->len);
    }
    b->buf[b->len] = 0;
    return 0;
}

/* Folds the word w[0..n) into an->word. */
static int fold_word(skein__analyzer *an, const UChar *w, int32_t n) {
    skein__sbuf_reset(&an->word);
    int ascii = 1;
    for (int32_t i = 0; i < n && ascii; i++) ascii = w[i] < 0x80;
    if (ascii) {
        if (skein__sbuf_grow(&an->word, (size_t)n)) return -1;
        for (int32_t i = 0; i < n; i++) {
            UChar c = w[i];
            an->word.buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        an->word.len = (size_t)n;
        an->word.buf[n] = 0;
        return 0;
    }
    UErrorCode err = U_ZERO_ERROR;
    /* Most words of running text are folded already (lower case, composed):
     * ICU's quick check says so at a fraction of normalising, and then the
     * normal form is the word itself. */
    if (unorm2_spanQuickCheckYes(an->fold, w, n, &err) == n && U_SUCCESS(err))
        return put_folded(an, w, n);
    err = U_ZERO_ERROR;
    UChar tmp[MAX_WORD_UNITS * 4];
    int32_t m =
        unorm2_normalize(an->fold, w, n, tmp, (int32_t)(sizeof(tmp) / sizeof(tmp[0])), &err);
    if (U_FAILURE(err)) return put_folded(an, w, n); /* overflow: keep unfolded */
    return put_folded(an, tmp, m);
}

/* Flags from the original casing of w[0..n); ASCII words skip ICU. */
static uint32_t case_flags(const UChar *w, int32_t n) {
    int ascii = 1, upper = 0, lower = 0;
    for (int32_t i = 0; i < n && ascii; i++) {
        UChar c = w[i];
        ascii = c < 0x80;
        upper += c >= 'A' && c <= 'Z';
        lower += c >= 'a' && c <= 'z';
    }
    if (ascii) {
        if (!(w[0] >= 'A' && w[0] <= 'Z')) return 0;
        return SKEIN_TOK_CAP | (!lower && upper >= 2 ? SKEIN_TOK_ALLCAPS : 0);
    }
    UChar32 c0;
    int32_t i = 0;
    U16_NEXT(w, i, n, c0);
    uint32_t f = (u_isupper(c0) || u_istitle(c0)) ? SKEIN_TOK_CAP : 0;
    if (!f || n < 2) return f;
    int letters = 0;
    for (i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(w, i, n, c);
        if (u_islower(c)) return f;
        letters += u_isalpha(c) ? 1 : 0;
    }
    return letters >= 2 ? f | SKEIN_TOK_ALLCAPS : f;
}

/* Flags from the gap between the previous token and this one. */
static uint32_t gap_flags(const UChar *u, int32_t from, int32_t to, int first) {
    if (first) return SKEIN_TOK_SENT;
    uint32_t f = SKEIN_TOK_ADJ;
    for (int32_t i = from; i < to; i++) {
        UChar c = u[i];
        if (c == ' ' || c == 0xA0) continue;
        f &= ~(uint32_t)SKEIN_TOK_ADJ;
        if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';' || c == '"' ||
            c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x3002 || c == 0x061F ||
            c == 0x2022)
            f |= SKEIN_TOK_SENT;
    }
    return f;
}

/* 1 when no byte of s[0..len) is above 0x7F: eight bytes tested at once. */
static int is_ascii(const char *s, size_t len) {
    uint64_t high = 0, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) memcpy(&w, s + i, 8), high |= w;
    for (; i < len; i++) high |= (unsigned char)s[i];
    return !(high & 0x8080808080808080ull);
}

/* With `ascii` (no byte above 0x7F), each byte is its own UTF-16 unit. */
static int to_utf16(skein__analyzer *an, const char *s, size_t len, int ascii, int32_t *n16) {
    if (len > (size_t)INT32_MAX / 2) return SKEIN_ETOOBIG;
    if (skein__grow((void **)&an->u16, &an->u16_cap, len + 1, sizeof(UChar))) return SKEIN_ENOMEM;
    if (ascii) {
        size_t i = 0;
#if defined(__SSE2__)
        const __m128i zero = _mm_setzero_si128();
        for (; i + 16 <= len; i += 16) { /* sixteen bytes widened at once */
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            _mm_storeu_si128((__m128i *)(void *)(an->u16 + i), _mm_unpacklo_epi8(b, zero));
            _mm_storeu_si128((__m128i *)(void *)(an->u16 + i + 8), _mm_unpackhi_epi8(b, zero));
        }
#endif
        for (; i < len; i++) an->u16[i] = (UChar)(unsigned char)s[i];
        an->u16[len] = 0;
        *n16 = (int32_t)len;
        return SKEIN_OK;
    }
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8WithSub(an->u16, (int32_t)an->u16_cap, n16, s, (int32_t)len, 0xFFFD, NULL, &err);
    return U_FAILURE(err) ? SKEIN_EUTF8 : SKEIN_OK;
}

/* UTF-8 length of the UTF-16 units u[from..to) (pairs counted once). */
static uint32_t utf8_span(const UChar *u, int32_t from, int32_t to) {
    uint32_t n = 0;
    for (int32_t i = from; i < to; i++) {
        UChar c = u[i];
        if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (U16_IS_LEAD(c) && i + 1 < to && U16_IS_TRAIL(u[i + 1]))
            n += 4, i++;
        else
            n += 3;
    }
    return n;
}

/* Folds the ASCII word w[0..n) into the pool (lower-cased, NUL-terminated)
 * and returns its case flags, or returns -1 without adding to the pool when
 * the word is not ASCII.  One pass does what fold_word and case_flags do. */
static int64_t fold_ascii(skein__analyzer *an, const UChar *w, int32_t n) {
    if (skein__sbuf_grow(&an->pool, (size_t)n + 1)) return -2;
    /* one pass, written past the pool's end and kept only when all ASCII;
     * a table gives each unit's lower case and whether it is a lower-case
     * letter */
    char *o = an->pool.buf + an->pool.len;
    UChar any = 0;
    unsigned seen = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = w[i];
        unsigned e = an->lower[c & 0x7F];
        any |= c;
        seen |= e;
        o[i] = (char)e;
    }
    if (any >= 0x80) {
        o[0] = 0; /* the pool ends with a NUL, as before */
        return -1;
    }
    o[n] = 0;
    an->pool.len += (size_t)n + 1;
    an->pool.buf[an->pool.len] = 0;
    if (!(w[0] >= 'A' && w[0] <= 'Z')) return 0;
    if (seen & FOLD_LOWER) return SKEIN_TOK_CAP;
    int upper = 0; /* no lower case: all capitals when two letters or more */
    for (int32_t i = 0; i < n && upper < 2; i++) upper += w[i] >= 'A' && w[i] <= 'Z';
    return SKEIN_TOK_CAP | (upper >= 2 ? SKEIN_TOK_ALLCAPS : 0);
}

/* Adds the word u[a..b) with rule status `status` as a token, folded; its
 * stem comes after the text's last word (stem_tokens). */
static int add_token(skein__analyzer *an, const UChar *u, int32_t a, int32_t b, int32_t status,
                     uint32_t flags) {
    if (an->ntoks == an->toks_cap &&
        skein__grow((void **)&an->toks, &an->toks_cap, an->ntoks + 1, sizeof(*an->toks)))
        return SKEIN_ENOMEM;
    skein__tok *t = &an->toks[an->ntoks];
    t->norm = (uint32_t)an->pool.len;
    int64_t cf = fold_ascii(an, u + a, b - a);
    if (cf == -2) return SKEIN_ENOMEM;
    if (cf == -1) {
        if (fold_word(an, u + a, b - a)) return SKEIN_ENOMEM;
        if (skein__sbuf_add(&an->pool, an->word.buf, an->word.len + 1)) return SKEIN_ENOMEM;
        cf = case_flags(u + a, b - a);
    }
    t->norm_len = (uint32_t)(an->pool.len - t->norm - 1);
    t->flags = flags | (uint32_t)cf;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) t->flags |= SKEIN_TOK_NUM;
    if (status >= UBRK_WORD_KANA) t->flags |= SKEIN_TOK_CJK;
    an->ntoks++;
    return SKEIN_OK;
}

/* Stems token t (its word's key k) and adds what the stemmer says. */
static int stem_token(skein__analyzer *an, skein__tok *t, skein__stem_key k) {
    skein__stemmed st;
    if (skein__stem_keyed(an->stems, an->lang, k, an->pool.buf + t->norm, t->norm_len, &st))
        return SKEIN_ENOMEM;
    t->stem = t->stem_len = 0;
    if (an->keep_stems) {
        t->stem = (uint32_t)an->pool.len, t->stem_len = (uint32_t)st.len;
        if (skein__sbuf_add(&an->pool, st.stem, st.len + 1)) return SKEIN_ENOMEM;
    }
    t->hash = st.hash, t->word_hash = st.word_hash;
    t->flags |= (st.stop ? SKEIN_TOK_STOP : 0) | (st.place ? SKEIN_TOK_PLACE : 0) |
                (st.name_like ? SKEIN_TOK_NAMELIKE : 0);
    t->lex = (uint32_t)an->nlex, t->lex_n = (uint32_t)st.nconcepts;
    if (st.nconcepts) {
        if (an->nlex + st.nconcepts > an->lex_cap &&
            skein__grow((void **)&an->lex, &an->lex_cap, an->nlex + st.nconcepts, sizeof(*an->lex)))
            return SKEIN_ENOMEM;
        for (size_t i = 0; i < st.nconcepts; i++) an->lex[an->nlex + i] = st.concepts[i];
        an->nlex += st.nconcepts;
    }
    return SKEIN_OK;
}

/* Stems the text's tokens in order, each word's cache slots fetched
 * STEM_AHEAD words before they are read: the look-ups' misses overlap
 * instead of each stalling in turn. */
#define STEM_AHEAD 8
static int stem_tokens(skein__analyzer *an) {
    skein__stem_key k[STEM_AHEAD];
    size_t n = an->ntoks;
    for (size_t i = 0; i < n && i < STEM_AHEAD; i++) {
        const skein__tok *t = &an->toks[i];
        k[i] = skein__stem_key_of(an->lang, an->pool.buf + t->norm, t->norm_len);
        skein__stem_prefetch(an->stems, k[i]);
    }
    for (size_t i = 0; i < n; i++) {
        skein__stem_key cur = k[i % STEM_AHEAD];
        if (i + STEM_AHEAD < n) {
            const skein__tok *t = &an->toks[i + STEM_AHEAD];
            skein__stem_key next =
                skein__stem_key_of(an->lang, an->pool.buf + t->norm, t->norm_len);
            skein__stem_prefetch(an->stems, next);
            k[i % STEM_AHEAD] = next;
        }
        int rc = stem_token(an, &an->toks[i], cur);
        if (rc) return rc;
    }
    return SKEIN_OK;
}

/* ASCII word breaking without ICU, and of texts that are ASCII but for a
 * few characters of Latin-script news (near_ascii).  ICU 72's word rules
 * (UAX #29 as CLDR's root tailors it) give ASCII these classes: letters (and '@'), digits,
 * '_' (joins letters and digits on both sides), '.' and '\'' (join two
 * letters or two digits), ',' and ';' (join two digits); every other byte
 * (':' included) stands alone and is no word.  A word's rule status is its
 * last unit's: a letter's is UBRK_WORD_LETTER, a digit's UBRK_WORD_NUMBER,
 * a final '_' takes the unit before it (a digit's: number, else letter), a
 * lone '_' is no word.  tests/test_text.c checks this against ICU itself. */
enum { W_OTHER, W_LETTER, W_DIGIT, W_EXTEND, W_MIDNUMLET, W_MIDNUM };

/* The classes of the ASCII units as a table: two look-ups per unit on the
 * hot path of every Latin-script text. */
static const uint8_t ascii_word_class[128] = {
    ['a' ... 'z'] = W_LETTER, ['A' ... 'Z'] = W_LETTER, ['@'] = W_LETTER,
    ['0' ... '9'] = W_DIGIT,  ['_'] = W_EXTEND,         ['.'] = W_MIDNUMLET,
    ['\''] = W_MIDNUMLET,     [','] = W_MIDNUM,         [';'] = W_MIDNUM};

/* Beyond ASCII, the units near_ascii lets through: Latin-1 letters, and the
 * single quotes U+2018 and U+2019 (MidNumLet, as '.'); the rest of them
 * stand alone. */
static inline int word_class(UChar c) {
    if (c < 128) return ascii_word_class[c];
    if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) return W_LETTER;
    return c == 0x2018 || c == 0x2019 ? W_MIDNUMLET : W_OTHER;
}

#define IS_WORD_CLASS(k) ((k) >= W_LETTER && (k) <= W_EXTEND)

/* The next word of the ASCII text u[0..n) at or after *at: its units
 * [*a, *b) and rule status; 0 when there is none.  *at moves past it. */
static int ascii_next_word(const UChar *u, int32_t n, int32_t *at, int32_t *a, int32_t *b,
                           int32_t *status) {
    int32_t i = *at;
    for (;;) {
        while (i < n && !IS_WORD_CLASS(word_class(u[i]))) i++;
        if (i >= n) {
            *at = n;
            return 0;
        }
        int32_t start = i;
        int c;
        for (;;) {
            /* a run of word units (most of a word), then u[i]'s class */
            while (i + 1 < n && IS_WORD_CLASS(word_class(u[i + 1]))) i++;
            c = word_class(u[i]);
            if (i + 2 < n && (c == W_LETTER || c == W_DIGIT) && word_class(u[i + 2]) == c) {
                int d = word_class(u[i + 1]);
                if (d == W_MIDNUMLET || (d == W_MIDNUM && c == W_DIGIT)) {
                    i += 2; /* "U.S", "1,000": u[i] is of class c again */
                    continue;
                }
            }
            break;
        }
        int last = c;
        i++;
        if (last == W_EXTEND) {
            if (i - start == 1) continue; /* a lone '_' */
            last = word_class(u[i - 2]) == W_DIGIT ? W_DIGIT : W_LETTER;
        }
        *a = start, *b = i, *at = i;
        *status = last == W_DIGIT ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
        return 1;
    }
}

/* 1 when the UTF-8 text s[0..len) holds only ASCII and these: Latin-1
 * letters (U+00C0..U+00FF but for the signs U+00D7 and U+00F7), the single
 * quotes U+2018 and U+2019, and U+00A0, U+00A3, U+00AB, U+00BB, U+2013,
 * U+2014, U+201C, U+201D, U+2026, U+20AC, which ICU's word rules leave
 * standing alone (Other).  Then ascii_next_word breaks it as ICU would
 * (text/analyze_near_ascii_like_icu); anything else (marks that attach,
 * other scripts, bad UTF-8) goes to ICU. */
static int near_ascii(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint64_t w;
        if (i + 8 <= len && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ull))) {
            i += 8;
            continue;
        }
        unsigned char b = u[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        if (b == 0xC2 && i + 1 < len) { /* U+0080..U+00BF */
            unsigned char c = u[i + 1];
            if (c != 0xA0 && c != 0xA3 && c != 0xAB && c != 0xBB) return 0;
            i += 2;
        } else if (b == 0xC3 && i + 1 < len) { /* U+00C0..U+00FF */
            unsigned char c = u[i + 1];
            if (c < 0x80 || c > 0xBF || c == 0x97 || c == 0xB7) return 0;
            i += 2;
        } else if (b == 0xE2 && i + 2 < len && u[i + 1] == 0x80) { /* U+2000..U+203F */
            unsigned char c = u[i + 2];
            if (c != 0x93 && c != 0x94 && c != 0x98 && c != 0x99 && c != 0x9C && c != 0x9D &&
                c != 0xA6)
                return 0;
            i += 3;
        } else if (b == 0xE2 && i + 2 < len && u[i + 1] == 0x82 && u[i + 2] == 0xAC) { /* € */
            i += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Adds the words of the text u[0..n16) that is ASCII (one unit a byte,
 * `one_byte`) or near_ascii. */
static int analyze_ascii(skein__analyzer *an, int32_t n16, size_t max_tokens, int one_byte) {
    int32_t at = 0, a, b, status, prev_end = 0, at16 = 0;
    uint32_t at8 = 0; /* byte offset of unit at16 */
    while (an->ntoks < max_tokens && ascii_next_word(an->u16, n16, &at, &a, &b, &status)) {
        if (b - a > MAX_WORD_UNITS) continue;
        /* most gaps: one space (what gap_flags says of it, without the call) */
        uint32_t gf = an->ntoks && a - prev_end == 1 && an->u16[prev_end] == ' '
                          ? SKEIN_TOK_ADJ
                          : gap_flags(an->u16, prev_end, a, an->ntoks == 0);
        prev_end = b;
        int rc = add_token(an, an->u16, a, b, status, gf);
        if (rc) return rc;
        skein__tok *t = &an->toks[an->ntoks - 1];
        if (one_byte) {
            t->off = (uint32_t)a, t->len = (uint32_t)(b - a);
            continue;
        }
        t->off = at8 + utf8_span(an->u16, at16, a);
        t->len = utf8_span(an->u16, a, b);
        at16 = b, at8 = t->off + t->len;
    }
    return SKEIN_OK;
}

int skein__analyze(skein__analyzer *an, const char *s, size_t len, const char *lang,
                   size_t max_tokens, const skein__tok **toks, size_t *n) {
    an->ntoks = 0;
    an->nlex = 0;
    skein__sbuf_reset(&an->pool);
    *toks = NULL, *n = 0;
    int ascii = is_ascii(s, len);
    int32_t n16 = 0;
    int rc = to_utf16(an, s, len, ascii, &n16);
    if (rc) return rc;
    an->lang = skein__stem_lang(an->stems, lang);
    if (ascii || (!an->icu_only && near_ascii(s, len))) {
        if ((rc = analyze_ascii(an, n16, max_tokens, ascii)) || (rc = stem_tokens(an))) return rc;
        *toks = an->toks, *n = an->ntoks;
        return SKEIN_OK;
    }
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(an->brk, an->u16, n16, &err);
    if (U_FAILURE(err)) return SKEIN_EINTERNAL;
    int32_t prev_end = 0, a = ubrk_first(an->brk), at16 = 0;
    uint32_t at8 = 0; /* byte offset of u16 index at16 */
    for (int32_t b = ubrk_next(an->brk); b != UBRK_DONE && an->ntoks < max_tokens;
         a = b, b = ubrk_next(an->brk)) {
        int32_t status = ubrk_getRuleStatus(an->brk);
        if (status < UBRK_WORD_NONE_LIMIT || b - a > MAX_WORD_UNITS) continue;
        uint32_t gf = gap_flags(an->u16, prev_end, a, an->ntoks == 0);
        prev_end = b;
        if ((rc = add_token(an, an->u16, a, b, status, gf))) return rc;
        skein__tok *t = &an->toks[an->ntoks - 1];
        if (ascii) { /* one byte per unit */
            t->off = (uint32_t)a, t->len = (uint32_t)(b - a);
            continue;
        }
        t->off = at8 + utf8_span(an->u16, at16, a);
        t->len = utf8_span(an->u16, a, b);
        at16 = b, at8 = t->off + t->len;
    }
    if ((rc = stem_tokens(an))) return rc;
    *toks = an->toks, *n = an->ntoks;
    return SKEIN_OK;
}
