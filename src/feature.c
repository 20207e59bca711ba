/* feature.c -- article vectors and document frequencies.  See feature.h.
 *
 * Feature ids are collected into a flat array per subspace, sorted, and
 * counted in runs: no per-document hash table to clear, and the result comes
 * out sorted by id, the order the linker's merge-joins want. */
#include "feature.h"

#include "lexicon.h"
#include "months.h"
#include "numbers.h"
#include "translit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Subspace salts keep identical stems in different subspaces apart. */
static const uint64_t salt[SKEIN_NSUB] = {
    0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull,
    0x27D4EB2F165667C5ull, 0x85EBCA77C2B2AE63ull, 0xD6E8FEB86659FD93ull,
    0xA0761D6478BD642Full, 0xD6E8FEB86659FD93ull, /* CKEYS: same ids as KEYS */
    0x94D049BB133111EBull};

typedef struct idlist {
    uint64_t *v;
    size_t n, cap;
} idlist;

#define TF_TABLE 64     /* term frequencies whose weight is looked up, not computed */
#define PENDING_NAMES 8 /* a headline's words that may be names (add_title_names) */

struct skein__featurizer {
    idlist ids[SKEIN_NSUB];
    idlist scratch;       /* radix sort buffer */
    float tf_w[TF_TABLE]; /* 1 + ln tf of the small tf values */
    skein__translit *tr;
    skein__months *months;
    /* a headline's words capitalised as the first of a sentence or quote:
     * names only if the text has them as names (add_title_names), resolved
     * by skein__features_finish */
    uint64_t pending_mark[PENDING_NAMES], pending_name[PENDING_NAMES];
    int pending_subject[PENDING_NAMES]; /* and the headline's subject */
    size_t npending;
};

void skein__fvec_release(skein__fvec *v) {
    free(v->f);
    memset(v, 0, sizeof(*v));
}

/* The order skein__feat_top selects by: heavier first, then smaller id. */
static int before(const skein__feat *a, const skein__feat *b) {
    return a->w > b->w || (a->w == b->w && a->id < b->id);
}

static void swap_feat(skein__feat *a, skein__feat *b) {
    skein__feat t = *a;
    *a = *b, *b = t;
}

void skein__feat_top(skein__feat *f, size_t n, size_t k) {
    if (k >= n || k == 0) return;
    size_t lo = 0, hi = n, target = k - 1;
    while (lo + 1 < hi) { /* quickselect: put the rank-`target` entry in place */
        swap_feat(&f[lo + (hi - lo) / 2], &f[hi - 1]);
        size_t store = lo;
        for (size_t i = lo; i + 1 < hi; i++)
            if (before(&f[i], &f[hi - 1])) swap_feat(&f[i], &f[store++]);
        swap_feat(&f[store], &f[hi - 1]);
        if (store == target) return;
        if (store < target)
            lo = store + 1;
        else
            hi = store;
    }
}

int skein__fvec_copy(skein__fvec *dst, const skein__fvec *src) {
    if (skein__grow((void **)&dst->f, &dst->cap, src->n ? src->n : 1, sizeof(*dst->f))) return -1;
    if (src->n) memcpy(dst->f, src->f, src->n * sizeof(*src->f));
    dst->n = src->n;
    return 0;
}

void skein__doc_init(skein__doc *d) { memset(d, 0, sizeof(*d)); }
void skein__doc_release(skein__doc *d) {
    for (int s = 0; s < SKEIN_NSUB; s++) skein__fvec_release(&d->sub[s]);
}

skein__featurizer *skein__featurizer_new(void) {
    skein__featurizer *fz = calloc(1, sizeof(*fz));
    for (size_t tf = 1; fz && tf < TF_TABLE; tf++) fz->tf_w[tf] = (float)(1.0 + log((double)tf));
    if (fz && (!(fz->tr = skein__translit_new()) || !(fz->months = skein__months_new()))) {
        skein__featurizer_free(fz);
        return NULL;
    }
    return fz;
}

void skein__featurizer_free(skein__featurizer *fz) {
    if (!fz) return;
    for (int s = 0; s < SKEIN_NSUB; s++) free(fz->ids[s].v);
    free(fz->scratch.v);
    skein__translit_free(fz->tr);
    skein__months_free(fz->months);
    free(fz);
}

static int push(idlist *l, uint64_t id) {
    if (skein__grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v))) return -1;
    l->v[l->n++] = id;
    return 0;
}

uint64_t skein__title_as_body(uint64_t title_id) {
    return title_id ^ salt[SKEIN_SUB_TITLE] ^ salt[SKEIN_SUB_BODY];
}

int skein__title_date_day(uint64_t tdate_id) {
    static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    uint64_t v = tdate_id ^ salt[SKEIN_SUB_TDATE];
    int month = (int)(v / 32), day = (int)(v % 32);
    if (v >= 13 * 32 || month < 1 || day < 1) return 0;
    int d = before[month - 1] + day;
    return d > 365 ? 365 : d;
}

static int push_feat(skein__featurizer *fz, int sub, uint64_t hash) {
    return push(&fz->ids[sub], hash ^ salt[sub]);
}

/* A headline's names are kept in SKEIN_SUB_TDATE as their words (stem
 * hashes) under this salt, the lowest bit telling a name (0) from the
 * name the headline opens with, its subject (1): no day of the month has
 * such an id, and the word's own lowest bit is lost (its two candidates are
 * looked up). */
#define TITLE_NAME_SALT 0x5BD1E9955BD1E995ull

static uint64_t name_mark(uint64_t word_hash, int kind) {
    return (((word_hash ^ TITLE_NAME_SALT) & ~(uint64_t)1) | (uint64_t)kind) ^
           salt[SKEIN_SUB_TDATE];
}

int skein__title_mark(uint64_t mark_id, int sub, uint64_t ids[2]) {
    if (skein__title_date_day(mark_id)) return SKEIN_MARK_DAY;
    uint64_t v = mark_id ^ salt[SKEIN_SUB_TDATE];
    uint64_t h = (v & ~(uint64_t)1) ^ TITLE_NAME_SALT;
    ids[0] = h ^ salt[sub], ids[1] = (h ^ 1) ^ salt[sub];
    return v & 1 ? SKEIN_MARK_SUBJECT : SKEIN_MARK_NAME;
}

/* A token that carries meaning: not a stopword, not a lone Latin letter. */
static int is_content(const skein__tok *t) {
    if (t->flags & SKEIN_TOK_STOP) return 0;
    return t->norm_len > 1 || (t->flags & SKEIN_TOK_CJK);
}

static int is_name_token(const skein__tok *t) {
    return (t->flags & SKEIN_TOK_CAP) && !(t->flags & SKEIN_TOK_NUM) && t->norm_len > 1;
}

/* Hash of a name token: its folded form, unstemmed (stemming mangles names),
 * without a possessive "'s" or "'". */
static uint64_t name_hash(const skein__tok *t, const char *pool) {
    const char *w = pool + t->norm;
    size_t n = t->norm_len;
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
        n -= 2;
    else if (n > 1 && w[n - 1] == '\'')
        n -= 1;
    else
        return t->word_hash; /* the whole folded form's, taken by the analyzer */
    return skein__hash(w, n);
}

static UChar32 first_char(const skein__tok *t, const char *pool);

#define VARIANTS 4        /* other spellings of one name tried for keys */
#define VARIANT_BYTES 128 /* longer names get none */

typedef struct variants {
    char w[VARIANTS][VARIANT_BYTES];
    size_t len[VARIANTS], n;
} variants;

static void add_variant(variants *v, const char *a, size_t an, const char *b, size_t bn) {
    if (v->n == VARIANTS || an + bn >= VARIANT_BYTES) return;
    memcpy(v->w[v->n], a, an);
    memcpy(v->w[v->n] + an, b, bn);
    v->len[v->n++] = an + bn;
}

static int ends_with(const char *w, size_t n, const char *end) {
    size_t e = strlen(end);
    return n > e && memcmp(w + n - e, end, e) == 0;
}

/* Greek writes b, d, g of other languages as μπ, ντ, γκ (Μπάιντεν, Ερντογάν,
 * Γκουτέρες) and inflects a name's ending away from the -s other scripts
 * keep (του Μητσοτάκη, Mitsotakis): the spelling with β, δ, γ, and each
 * spelling with a final ς when it has none. */
static void greek_variants(const char *w, size_t n, variants *v) {
    static const char *const from[] = {"\xce\xbc\xcf\x80", "\xce\xbd\xcf\x84", "\xce\xb3\xce\xba"};
    static const char *const to[] = {"\xce\xb2", "\xce\xb4", "\xce\xb3"}; /* β δ γ */
    char plain[VARIANT_BYTES];
    size_t m = 0;
    if (n >= VARIANT_BYTES) return;
    for (size_t i = 0; i < n;) {
        int k = 0;
        while (k < 3 && !(i + 4 <= n && memcmp(w + i, from[k], 4) == 0)) k++;
        if (k < 3) {
            memcpy(plain + m, to[k], 2), m += 2, i += 4;
        } else {
            plain[m++] = w[i++];
        }
    }
    int changed = m != n;
    if (changed) add_variant(v, plain, m, "", 0);
    if (!ends_with(w, n, "\xcf\x82")) { /* ς */
        add_variant(v, w, n, "\xcf\x82", 2);
        if (changed) add_variant(v, plain, m, "\xcf\x82", 2);
    }
}

/* Hebrew glues and, the, in, to, from, that, as (ו ה ב ל מ ש כ) to the
 * word after: the word without its first letter, when three remain. */
static void hebrew_variants(const char *w, size_t n, variants *v) {
    static const char prefix[] = {'\x95', '\x94', '\x91', '\x9c', '\x9e', '\xa9', '\x9b'};
    if (n < 8 || (unsigned char)w[0] != 0xD7 || !memchr(prefix, w[1], sizeof(prefix))) return;
    add_variant(v, w + 2, n - 2, "", 0);
}

/* Korean glues its particles to the name (푸틴은, 바이든의, 트럼프에게): the
 * word without one, when two syllables remain. */
static void korean_variants(const char *w, size_t n, variants *v) {
    static const char *const particles[] = {"\xec\x97\x90\xec\x84\x9c",
                                            "\xec\x97\x90\xea\xb2\x8c",
                                            "\xec\x9c\xbc\xeb\xa1\x9c",
                                            "\xea\xbb\x98\xec\x84\x9c",
                                            "\xec\x9d\x80",
                                            "\xeb\x8a\x94",
                                            "\xec\x9d\xb4",
                                            "\xea\xb0\x80",
                                            "\xec\x9d\x84",
                                            "\xeb\xa5\xbc",
                                            "\xec\x9d\x98",
                                            "\xec\x97\x90",
                                            "\xec\x99\x80",
                                            "\xea\xb3\xbc",
                                            "\xeb\x8f\x84",
                                            "\xeb\xa1\x9c",
                                            NULL};
    /* 에서 에게 으로 께서 은 는 이 가 을 를 의 에 와 과 도 로 */
    for (int k = 0; particles[k]; k++) {
        size_t e = strlen(particles[k]);
        if (n >= e + 6 && ends_with(w, n, particles[k])) {
            add_variant(v, w, n - e, "", 0);
            return;
        }
    }
}

/* The interlingual key of a token, if it has one, into subspace `sub`; a
 * name in Greek, Hebrew or Korean letters also the keys of its other
 * spellings (above), each key once. */
static int add_key(skein__featurizer *fz, const skein__tok *t, const char *pool, int sub) {
    uint64_t keys[2 + 2 * VARIANTS];
    const char *w = pool + t->norm;
    size_t n = skein__translit_keys(fz->tr, w, t->norm_len, keys);
    variants v;
    v.n = 0;
    UChar32 c = (unsigned char)w[0] >= 0x80 ? first_char(t, pool) : 0;
    if (ublock_getCode(c) == UBLOCK_GREEK)
        greek_variants(w, t->norm_len, &v);
    else if (ublock_getCode(c) == UBLOCK_HEBREW)
        hebrew_variants(w, t->norm_len, &v);
    else if (ublock_getCode(c) == UBLOCK_HANGUL_SYLLABLES)
        korean_variants(w, t->norm_len, &v);
    for (size_t i = 0; i < v.n; i++) {
        uint64_t more[2];
        size_t m = skein__translit_keys(fz->tr, v.w[i], v.len[i], more);
        for (size_t j = 0; j < m; j++) {
            size_t x = 0;
            while (x < n && keys[x] != more[j]) x++;
            if (x == n) keys[n++] = more[j];
        }
    }
    for (size_t i = 0; i < n; i++)
        if (push_feat(fz, sub, keys[i])) return -1;
    return 0;
}

/* A run of Chinese tokens from t[0] the lexicon knows as a name (普 京:
 * "Vladimir Putin", from CC-CEDICT), longest first: the keys the name's
 * English words have, so it meets the name written in any other script
 * (sound alone would not: Pujing).  Returns the tokens it spans, 0, -1. */
static long add_known_name(skein__featurizer *fz, const skein__tok *t, size_t n) {
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    size_t m = 0;
    while (m < n && m < SKEIN_PLACE_MAX_WORDS && (t[m].flags & SKEIN_TOK_CJK)) {
        stems[m] = t[m].hash;
        m++;
    }
    for (size_t k = m; k >= 1; k--) {
        uint64_t keys[SKEIN_LEX_MAX];
        int alike;
        size_t nk = skein__lex_find(skein__known_name_key("name:zh", stems, k), keys, &alike);
        for (size_t i = 0; i < nk; i++)
            if (push_feat(fz, SKEIN_SUB_KEYS, keys[i])) return -1;
        if (nk) return (long)k;
    }
    return 0;
}

/* The first code point of the token's folded form (-1 if malformed). */
static UChar32 first_char(const skein__tok *t, const char *pool) {
    const unsigned char *w = (const unsigned char *)pool + t->norm;
    if (w[0] < 0x80) return w[0];
    UChar32 c;
    int32_t i = 0;
    U8_NEXT(w, i, (int32_t)t->norm_len, c);
    return c;
}

/* 1 when the token's first letter is of a script with case (Latin, Cyrillic,
 * Greek...), where a name is written with a capital. */
static int in_cased_script(const skein__tok *t, const char *pool) {
    UChar32 c = first_char(t, pool);
    return (c >= 0 && c < 0x80) || (c > 0 && u_hasBinaryProperty(c, UCHAR_CASED));
}

/* Place names of the gazetteer starting at t[0] (longest first): the
 * place's id as a key.  Returns how many tokens it spans, 0 for none, -1. */
static long add_place(skein__featurizer *fz, const skein__tok *t, size_t n, const char *lang,
                      const char *pool) {
    if (!(t[0].flags & SKEIN_TOK_CAP) && in_cased_script(&t[0], pool))
        return 0; /* "turkey", "chad": words; "Turkey", "Chad": places */
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    size_t m = SKEIN_MIN(n, SKEIN_PLACE_MAX_WORDS);
    for (size_t i = 0; i < m; i++) {
        if (i && !(t[i].flags & SKEIN_TOK_ADJ)) {
            m = i;
            break;
        }
        stems[i] = t[i].hash;
    }
    for (size_t k = m; k >= 1; k--) {
        uint32_t place = skein__place_find(lang, stems, k);
        if (!place) continue;
        const char *id = skein__place_id(place);
        if (push_feat(fz, SKEIN_SUB_KEYS, skein__hash_salt(id, strlen(id), 0x9D1ACE))) return -1;
        return (long)k;
    }
    return 0;
}

/* A word of a script without case (Arabic, Hebrew...): any word may be a
 * name, so every content word gets a key.  CJK is left to the lexicon. */
static int is_caseless_word(const skein__tok *t, const char *pool) {
    if (t->flags & (SKEIN_TOK_NUM | SKEIN_TOK_CJK | SKEIN_TOK_STOP) || t->norm_len < 4) return 0;
    UChar32 c = first_char(t, pool);
    return c >= 0x80 && u_isalpha(c) && !u_hasBinaryProperty(c, UCHAR_CASED);
}

/* How a language's names count in the names subspace (compared within one
 * language only, so both sides normalise alike): as written, by their stem
 * (the language declines names: Merkels, Erdoğan'ı), or by a Cyrillic
 * name's stem (cyrillic_name_hash). */
enum { NAMES_AS_WRITTEN, NAMES_STEMMED, NAMES_CYRILLIC };

static int names_mode(const char *lang) {
    static const char stemmed[] = " pl cs sk sl hr sr bs lt lv fi et hu tr de ";
    static const char cyrillic[] = " ru uk be ";
    char code[8];
    size_t n = strlen(lang);
    if (n < 2 || n > 3) return NAMES_AS_WRITTEN;
    code[0] = ' ';
    memcpy(code + 1, lang, n);
    code[n + 1] = ' ', code[n + 2] = 0;
    return strstr(cyrillic, code)  ? NAMES_CYRILLIC
           : strstr(stemmed, code) ? NAMES_STEMMED
                                   : NAMES_AS_WRITTEN;
}

/* Strips the longest of `ends` (UTF-8, NULL-terminated) from w[0..*n) when
 * at least `keep` bytes remain. */
static void strip_end(const char *w, size_t *n, const char *const *ends, size_t keep) {
    size_t best = 0;
    for (int i = 0; ends[i]; i++) {
        size_t e = strlen(ends[i]);
        if (e > best && *n >= keep + e && memcmp(w + *n - e, ends[i], e) == 0) best = e;
    }
    *n -= best;
}

/* A Russian, Ukrainian or Belarusian name without its case ending, so that
 * Путин, Путина, Путиным; Силуанов, Силуанова; Захарова, Захаровой; Москва,
 * Москве meet (Snowball stems Силуанов to силуан but Силуанова to
 * силуанов): the case or adjective ending and a last vowel, then a
 * surname's -ов/-ев/-ин/-ын, then any last vowels, each only while two
 * letters remain. */
static uint64_t cyrillic_name_hash(const char *w, size_t n) {
    static const char *const cases[] = {"\xd1\x8b\xd0\xbc\xd0\xb8",
                                        "\xd0\xb8\xd0\xbc\xd0\xb8", /* ыми ими */
                                        "\xd0\xbe\xd0\xb3\xd0\xbe",
                                        "\xd0\xb5\xd0\xb3\xd0\xbe", /* ого его */
                                        "\xd0\xbe\xd0\xbc\xd1\x83",
                                        "\xd0\xb5\xd0\xbc\xd1\x83", /* ому ему */
                                        "\xd0\xbe\xd0\xb9",
                                        "\xd0\xb5\xd0\xb9",
                                        "\xd0\xb8\xd0\xb9",
                                        "\xd1\x8b\xd0\xb9", /* ой ей ий ый */
                                        "\xd1\x83\xd1\x8e",
                                        "\xd0\xb0\xd1\x8f",
                                        "\xd1\x8b\xd0\xbc",
                                        "\xd0\xb8\xd0\xbc", /* ую ая ым им */
                                        "\xd0\xbe\xd0\xbc",
                                        "\xd0\xb5\xd0\xbc",
                                        "\xd1\x8b\xd1\x85",
                                        "\xd0\xb8\xd1\x85", /* ом ем ых их */
                                        "\xd0\xbe\xd1\x8e",
                                        "\xd0\xb5\xd1\x8e", /* ою ею */
                                        NULL};
    static const char *const surname[] = {"\xd0\xbe\xd0\xb2", "\xd0\xb5\xd0\xb2",
                                          "\xd1\x91\xd0\xb2", "\xd0\xb8\xd0\xbd",
                                          "\xd1\x8b\xd0\xbd", NULL}; /* ов ев ёв ин ын */
    static const char *const vowels[] = {
        "\xd0\xb0", "\xd0\xb5", "\xd1\x91", "\xd0\xb8", "\xd0\xbe", "\xd1\x83", /* а е ё и о у */
        "\xd1\x8b", "\xd1\x8d", "\xd1\x8e", "\xd1\x8f", "\xd0\xb9", "\xd1\x8c", /* ы э ю я й ь */
        "\xd1\x96", "\xd1\x97", "\xd1\x94", "\xd1\x9e", NULL};                  /* і ї є ў */
    strip_end(w, &n, cases, 4);
    strip_end(w, &n, vowels, 4);
    strip_end(w, &n, surname, 4);
    for (size_t before = 0; before != n;) {
        before = n;
        strip_end(w, &n, vowels, 4);
    }
    return skein__hash(w, n);
}

/* The hash a name token counts by in the names subspace, by `mode`. */
static uint64_t name_token_hash(const skein__tok *t, const char *pool, int mode) {
    if (mode == NAMES_STEMMED) return t->hash;
    if (mode == NAMES_CYRILLIC && (unsigned char)pool[t->norm] >= 0x80)
        return cyrillic_name_hash(pool + t->norm, t->norm_len);
    return name_hash(t, pool);
}

/* Names: runs of capitalised tokens separated by blanks only.  A stopword
 * opening a run ("The Kremlin") is dropped; a lone capitalised word that
 * opens a sentence is dropped (a real name recurs mid-sentence).  With
 * `mode` (names_mode) a token may count by its stem. */
static int add_names(skein__featurizer *fz, const skein__tok *t, size_t n, const char *pool,
                     int mode) {
    for (size_t i = 0; i < n;) {
        if (!is_name_token(&t[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && is_name_token(&t[j]) && (t[j].flags & SKEIN_TOK_ADJ)) j++;
        size_t a = i;
        while (a < j && (t[a].flags & SKEIN_TOK_STOP)) a++;
        int lone_initial = (j - a == 1) && (t[a].flags & SKEIN_TOK_SENT);
        if (a < j && !lone_initial) {
            uint64_t phrase = 0;
            for (size_t k = a; k < j; k++) {
                uint64_t h = name_token_hash(&t[k], pool, mode);
                if (!(t[k].flags & SKEIN_TOK_STOP) &&
                    (push_feat(fz, SKEIN_SUB_NAMES, h) || add_key(fz, &t[k], pool, SKEIN_SUB_KEYS)))
                    return -1;
                phrase = phrase * 0x100000001B3ull ^ h;
            }
            if (j - a > 1 && push_feat(fz, SKEIN_SUB_NAMES, phrase)) return -1;
        }
        i = j;
    }
    return 0;
}

static int is_year(const char *v, size_t n) {
    return n == 4 && ((v[0] == '1' && v[1] == '9') || (v[0] == '2' && v[1] == '0'));
}

/* Numbers, in one spelling across languages (numbers.h): years apart, other
 * numbers of two or more characters.  `next` is the token after, if any. */
static int add_number(skein__featurizer *fz, const skein__tok *t, const skein__tok *next,
                      const char *pool) {
    char v[32];
    size_t n = skein__number_norm(pool + t->norm, t->norm_len, next ? pool + next->norm : NULL,
                                  next ? next->norm_len : 0, v);
    if (!n) return 0;
    uint64_t h = skein__hash(v, n);
    if (is_year(v, n)) return push_feat(fz, SKEIN_SUB_YEAR, h);
    return n >= 2 ? push_feat(fz, SKEIN_SUB_NUM, h) : 0;
}

/* The day of the month number token t is (1..31, written as digits), else 0. */
static int day_of(const skein__tok *t, const char *pool) {
    const char *v = pool + t->norm;
    if (!(t->flags & SKEIN_TOK_NUM) || t->norm_len < 1 || t->norm_len > 2) return 0;
    int d = 0;
    for (uint32_t i = 0; i < t->norm_len; i++) {
        if (v[i] < '0' || v[i] > '9') return 0;
        d = d * 10 + (v[i] - '0');
    }
    return d >= 1 && d <= 31 ? d : 0;
}

/* The month token t names in `lang` (1..12), else 0; -1 on ENOMEM. */
static int month_of(skein__featurizer *fz, const skein__tok *t, const char *lang,
                    const char *pool) {
    if (t->flags & SKEIN_TOK_NUM) return 0;
    return skein__months_find(fz->months, lang, pool + t->norm, t->norm_len);
}

/* 1 when the headline is written in title case (half or more of its
 * content words of four bytes or more capitalised, as English headlines
 * often are; a headline with no such word counts as one): its first word
 * is then no sign of its subject. */
static int title_case(const skein__tok *t, size_t n) {
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_content(&t[i]) || (t[i].flags & SKEIN_TOK_NUM) || t[i].norm_len < 4) continue;
        words++;
        caps += (t[i].flags & SKEIN_TOK_CAP) != 0;
    }
    return 2 * caps >= words;
}

/* Keeps the mark of name t (its subject mark too with `subject`), or when
 * it is capitalised only as a sentence's or a quote's first word, waits
 * for the text to show it as a name (skein__features_finish). */
static int add_title_name(skein__featurizer *fz, const skein__tok *t, int pending, int subject,
                          const char *pool, int mode) {
    if (pending) {
        if (fz->npending == PENDING_NAMES) return 0;
        fz->pending_mark[fz->npending] = t->hash;
        fz->pending_subject[fz->npending] = subject;
        fz->pending_name[fz->npending++] = name_token_hash(t, pool, mode) ^ salt[SKEIN_SUB_NAMES];
        return 0;
    }
    if (push(&fz->ids[SKEIN_SUB_TDATE], name_mark(t->hash, 0))) return -1;
    return subject ? push(&fz->ids[SKEIN_SUB_TDATE], name_mark(t->hash, 1)) : 0;
}

/* The names of a headline (capitalised content words, months aside) as
 * marks, and the run of them it opens with as its subject ("Мэрия
 * сообщила ...", "Путин сообщил ...") unless it is in title case.  A word
 * that opens it, or a quote in it, alone is capitalised by that rule, so
 * it waits until the text shows it as a name (Лукашенко in "Лукашенко
 * встретился с ..." is one, and a film's title in quotation marks; Погода
 * in "Погода в Минске" is not). */
static int add_title_names(skein__featurizer *fz, const skein__tok *t, size_t n, const char *lang,
                           const char *pool) {
    int mode = names_mode(lang), opening = !title_case(t, n);
    for (size_t i = 0; i < n; i++) {
        int name = is_name_token(&t[i]) && is_content(&t[i]);
        if (name) { /* a month's name is part of a date, not of who or where */
            int month = month_of(fz, &t[i], lang, pool);
            if (month < 0) return -1;
            name = month == 0;
        }
        int next = i + 1 < n && is_name_token(&t[i + 1]) && (t[i + 1].flags & SKEIN_TOK_ADJ);
        int in_run = next || (i > 0 && is_name_token(&t[i - 1]) && (t[i].flags & SKEIN_TOK_ADJ));
        if (name && add_title_name(fz, &t[i], (t[i].flags & SKEIN_TOK_SENT) && !in_run, opening,
                                   pool, mode))
            return -1;
        opening = opening && name && next; /* the subject is the opening run */
    }
    return 0;
}

int skein__features_add_title_marks(skein__featurizer *fz, const skein__analyzer *an,
                                    const skein__tok *t, size_t n, const char *lang) {
    const char *pool = skein__analyzer_str(an, 0);
    fz->npending = 0; /* none left by an article that failed before finishing */
    if (add_title_names(fz, t, n, lang, pool)) return -1;
    for (size_t i = 0; i < n; i++) {
        int day = day_of(&t[i], pool), month = 0;
        if (!day) continue;
        if (i + 1 < n) month = month_of(fz, &t[i + 1], lang, pool);
        if (!month && i > 0) month = month_of(fz, &t[i - 1], lang, pool);
        if (month < 0) return -1;
        if (month && push_feat(fz, SKEIN_SUB_TDATE, (uint64_t)(month * 32 + day))) return -1;
    }
    return 0;
}

int skein__features_add_tokens(skein__featurizer *fz, const skein__analyzer *an,
                               const skein__tok *t, size_t n, const char *lang, int is_title) {
    const char *pool = skein__analyzer_str(an, 0);
    const uint64_t *lex = skein__analyzer_lex(an);
    size_t place_end = 0; /* tokens before it belong to a place name found */
    size_t name_end = 0;  /* and to a known Chinese name */
    int zh = strcmp(lang, "zh") == 0;
    for (size_t i = 0; i < n; i++) {
        if (zh && i >= name_end && (t[i].flags & SKEIN_TOK_CJK)) {
            long k = add_known_name(fz, &t[i], n - i);
            if (k < 0) return -1;
            name_end = i + (size_t)k;
        }
        if (i >= place_end && (t[i].flags & SKEIN_TOK_PLACE)) {
            long k = add_place(fz, &t[i], n - i, lang, pool);
            if (k < 0) return -1;
            place_end = i + (size_t)k;
        }
        if (t[i].flags & SKEIN_TOK_NUM) {
            if (add_number(fz, &t[i], i + 1 < n ? &t[i + 1] : NULL, pool)) return -1;
            continue;
        }
        if (!is_content(&t[i])) continue;
        if (push_feat(fz, SKEIN_SUB_BODY, t[i].hash)) return -1;
        for (uint32_t k = 0; k < t[i].lex_n; k++)
            if (push_feat(fz, SKEIN_SUB_LEX, lex[t[i].lex + k])) return -1;
        /* A word the dictionaries translate into something that does not
         * sound like it is taken for a word, not a name. */
        if ((t[i].flags & SKEIN_TOK_NAMELIKE) && is_caseless_word(&t[i], pool) &&
            add_key(fz, &t[i], pool, SKEIN_SUB_CKEYS))
            return -1;
        if (is_title && push_feat(fz, SKEIN_SUB_TITLE, t[i].hash)) return -1;
    }
    return add_names(fz, t, n, pool, names_mode(lang));
}

/* Ids -> (id, 1 + ln tf) runs, sorted by id. */
static int count_runs(const float *tf_w, idlist *l, idlist *scratch, skein__fvec *out) {
    out->n = 0;
    if (!l->n) return 0;
    if (skein__grow((void **)&scratch->v, &scratch->cap, l->n, sizeof(*scratch->v))) return -1;
    skein__sort_u64(l->v, scratch->v, l->n);
    if (skein__grow((void **)&out->f, &out->cap, l->n, sizeof(*out->f))) return -1;
    for (size_t i = 0; i < l->n;) {
        size_t j = i + 1;
        while (j < l->n && l->v[j] == l->v[i]) j++;
        /* most ids occur once: 1 + ln 1 is exactly 1, without the call; a
         * few times, the same value from the table */
        float tf = j - i == 1         ? 1.0f
                   : j - i < TF_TABLE ? tf_w[j - i]
                                      : (float)(1.0 + log((double)(j - i)));
        out->f[out->n++] = (skein__feat){l->v[i], tf, 0};
        i = j;
    }
    l->n = 0;
    return 0;
}

/* 1 when the names collected so far include feature id `id`. */
static int has_name(const skein__featurizer *fz, uint64_t id) {
    const idlist *l = &fz->ids[SKEIN_SUB_NAMES];
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == id) return 1;
    return 0;
}

int skein__features_finish(skein__featurizer *fz, skein__doc *d) {
    for (size_t i = 0; i < fz->npending; i++) {
        if (!has_name(fz, fz->pending_name[i])) continue;
        uint64_t w = fz->pending_mark[i];
        if (push(&fz->ids[SKEIN_SUB_TDATE], name_mark(w, 0)) ||
            (fz->pending_subject[i] && push(&fz->ids[SKEIN_SUB_TDATE], name_mark(w, 1)))) {
            fz->npending = 0;
            return -1;
        }
    }
    fz->npending = 0;
    for (int s = 0; s < SKEIN_NSUB; s++)
        if (count_runs(fz->tf_w, &fz->ids[s], &fz->scratch, &d->sub[s])) return -1;
    return 0;
}

void skein__dfs_init(skein__dfs *s) {
    skein__u64map_init(&s->df);
    s->docs = 0;
    s->memo = calloc(SKEIN_IDF_MEMO, sizeof(*s->memo)); /* NULL: computed each time */
}

void skein__dfs_release(skein__dfs *s) {
    skein__u64map_release(&s->df);
    free(s->memo);
    s->memo = NULL;
}

int skein__dfs_prune(skein__dfs *s, size_t max) {
    if (s->df.len <= max) return 0;
    u64map kept;
    skein__u64map_init(&kept);
    for (size_t i = 0; i < s->df.cap; i++) {
        const u64slot *e = &s->df.slots[i];
        if (!e->key || e->val < 2) continue;
        uint64_t *v = skein__u64map_upsert(&kept, e->key);
        if (!v) {
            skein__u64map_release(&kept);
            return -1;
        }
        *v = e->val;
    }
    skein__u64map_release(&s->df);
    s->df = kept;
    return 0;
}

static double idf_value(uint64_t docs, uint64_t df) {
    return log(((double)docs + 1.0) / ((double)df + 1.0)) + 1.0;
}

double skein__idf_compute(const skein__dfs *s, uint64_t df) {
    if (!s->memo || df >= SKEIN_IDF_MEMO) return idf_value(s->docs, df);
    skein__idf_memo *m = &s->memo[df];
    m->idf = idf_value(s->docs, df), m->at = s->docs + 1;
    return m->idf;
}
