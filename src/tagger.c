/* tagger.c -- features, model look-up and Viterbi decoding of the name tagger.  See tagger.h.
 *
 * Cost per token: one pass over its bytes (hashes of the word, its affixes
 * and its shape), 17 look-ups of an 18-byte weight row and five sums of
 * rows, and an 81-step Viterbi column.  Values are hashed with a small
 * inline FNV-1a and combined with the template number by a 64-bit
 * finaliser, so a feature is one multiply-xor chain and never a string.
 * Of a token's 39 features, the 17 of one word (its own or a neighbour's),
 * the bias, and those of its stem, length, flags and capitalised word
 * have their rows summed once per word and model and kept in the memo;
 * those of few values (neighbours' flags, classes) take their keys from
 * tables made with the models, so 6 features are mixed per token.  The
 * sums are of integers, so the same in any order.  The models are walked
 * once per process (pthread_once) from the blob the build links in. */
#include "tagger.h"

#include "lexicon.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#define MAX_MODELS 16
#define SHAPE_MAX 12 /* shape characters kept */
#define GAP_SCAN 8   /* bytes looked at after a chunk's last token */
#define FLAG_MASK                                                                                  \
    (SKEIN_TOK_CAP | SKEIN_TOK_ALLCAPS | SKEIN_TOK_NUM | SKEIN_TOK_STOP | SKEIN_TOK_SENT |         \
     SKEIN_TOK_CJK | SKEIN_TOK_PLACE | SKEIN_TOK_NAMELIKE)

/* Defined by the generated build/gen/tagger_blob.S: the model files, each
 * 8-aligned, one after the other. */
extern const unsigned char skein__tagger_blob[];
extern const unsigned char skein__tagger_blob_end[];

/* Transition scores by label (tr[cur][prev], -inf where not allowed),
 * the same by predecessor for labels 0..7 (col[prev][cur], one vector) and,
 * for each label, the predecessors 1..8 that are allowed. */
typedef float v8f __attribute__((vector_size(32)));
typedef int32_t v8i32 __attribute__((vector_size(32)));
typedef uint8_t v32u8 __attribute__((vector_size(32)));
typedef uint8_t v8u8 __attribute__((vector_size(8)));
typedef int16_t v8i16 __attribute__((vector_size(16)));
typedef struct trellis {
    v8f col[SKEIN__TAG_N];
    float tr[SKEIN__TAG_N][SKEIN__TAG_N];
    uint8_t cand[SKEIN__TAG_N][SKEIN__TAG_N - 1];
    int ncand[SKEIN__TAG_N];
} trellis;

/* The sums of a word's weight rows by where the word is (see part_of). */
enum { P_SELF, P_M1, P_P1, P_M2, P_P2, NPARTS };
typedef int32_t parts[NPARTS][SKEIN__TAG_N];

typedef struct model {
    const skein__tagger_header *h;
    const int16_t *w;
    trellis g;  /* of h->trans, made once */
    parts edge; /* of edge_unit, made once */
} model;

static model models[MAX_MODELS];
static size_t nmodels;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void pick_sum_rows(void);
static void tables_init(void);
static void trellis_init(trellis *g, const float (*trans)[SKEIN__TAG_N]);

/* Feature templates, in the order of a token's features. */
enum {
    F_BIAS,
    F_W0,
    F_WM1,
    F_WP1,
    F_WM2,
    F_WP2,
    F_STEM,
    F_SH0,
    F_SHM1,
    F_SHP1,
    F_SH3,
    F_PRE1,
    F_PRE2,
    F_PRE3,
    F_SUF1,
    F_SUF2,
    F_SUF3,
    F_SUF4,
    F_FL0,
    F_FLM1,
    F_FLP1,
    F_WM1W0,
    F_W0WP1,
    F_GAZ0,
    F_GAZM1,
    F_GAZP1,
    F_LEN,
    F_GAPB,
    F_GAPA,
    F_WM1SH0,
    F_SH0WP1,
    F_W0CAP,
    F_SUF3M1,
    F_SUF3P1,
    F_GAPSH,
    F_PER0,
    F_PERM1,
    F_PERP1,
    F_PER3
};

/* The features of a token that depend on one word alone, its own or a
 * neighbour's (the folded word and its surface).  A key is a feature's top
 * 32 bits (a model keeps at most the top 24 as its row).  Their weight rows
 * are summed once per word and model, in five parts by the position of the
 * token scored (P_* below: the word's own, or it as the word before, after,
 * two before, two after), and the parts kept in the short-word memo: a
 * token adds five parts instead of seventeen rows. */
enum {
    K_W0,
    K_WM1,
    K_WP1,
    K_WM2,
    K_WP2,
    K_SH0,
    K_SHM1,
    K_SHP1,
    K_PRE1,
    K_PRE2,
    K_PRE3,
    K_SUF1,
    K_SUF2,
    K_SUF3,
    K_SUF4,
    K_SUF3M1,
    K_SUF3P1,
    NKEYS
};
/* The part each key's row goes to.  P_SELF also takes the rows of the
 * bias, the stem (the analyzer's, of the folded word in the text's
 * language), the length bucket with the case flags, the flags and the word
 * with its capital and sentence-start flags; the memo compares the stem
 * and flags too, and keeps P_SELF with and without SKEIN_TOK_SENT. */
static const uint8_t part_of[NKEYS] = {
    [K_W0] = P_SELF,   [K_WM1] = P_M1,    [K_WP1] = P_P1,    [K_WM2] = P_M2,    [K_WP2] = P_P2,
    [K_SH0] = P_SELF,  [K_SHM1] = P_M1,   [K_SHP1] = P_P1,   [K_PRE1] = P_SELF, [K_PRE2] = P_SELF,
    [K_PRE3] = P_SELF, [K_SUF1] = P_SELF, [K_SUF2] = P_SELF, [K_SUF3] = P_SELF, [K_SUF4] = P_SELF,
    [K_SUF3M1] = P_M1, [K_SUF3P1] = P_P1};

/* A direct-mapped memo of the values of words of at most 16 bytes as
 * written and folded (nearly all of running text): the bytes themselves,
 * zero-padded, are the key, so a hit is the same word, never a collision.
 * 8,192 slots of 288 bytes (2.4 MB a tagger): on ECB+ one word in six
 * misses (one in three with 2,048 slots of words of 8 bytes at most), and
 * a miss costs some 1,500 instructions (hashes, shape, 24 rows summed); a
 * hit saves 22 look-ups in the model's 2.4 MB table. */
#define MEMO_BITS 13
#define MEMO_MAX 16  /* bytes of a word kept in a key */
#define MEMO_AHEAD 4 /* tokens whose memo slots are asked for ahead */
typedef struct memo_slot {
    uint64_t surface[2], norm[2]; /* the bytes, zero-padded */
    uint8_t surface_len;          /* 0: empty */
    uint8_t norm_len, length, caseless;
    uint32_t flags; /* the token's FLAG_MASK flags but SKEIN_TOK_SENT */
    uint64_t word, shape, stem;
    const void *model;               /* whose rows `part` sums; NULL: none */
    parts part;                      /* P_SELF for a token without SKEIN_TOK_SENT */
    int32_t self_sent[SKEIN__TAG_N]; /* P_SELF with it */
} memo_slot;

struct skein__tagger {
    memo_slot memo[1 << MEMO_BITS];
    skein__tag_chunk c;
    /* the parts of unit i at i + 2, the edge's at 0, 1, n + 2, n + 3: a
     * neighbour's are found without asking whether it is there */
    parts part[SKEIN__TAG_MAX_CHUNK + 4];
    const int16_t *rows[SKEIN__TAG_MAX_CHUNK][SKEIN__TAG_MAX_FEATS];
    float emit[SKEIN__TAG_MAX_CHUNK][SKEIN__TAG_N];
    uint8_t bp[SKEIN__TAG_MAX_CHUNK][SKEIN__TAG_N];
};

/* ---- Models ------------------------------------------------------------------ */

static int header_ok(const skein__tagger_header *h, size_t room) {
    if (room < sizeof(*h) || memcmp(h->magic, SKEIN__TAGGER_MAGIC, 8) != 0) return 0;
    if (h->feature_set != SKEIN__TAG_FEATURE_SET || h->labels != SKEIN__TAG_N) return 0;
    if (h->bits < 10 || h->bits > 24 || h->size > room) return 0;
    size_t need = sizeof(*h) + ((size_t)1 << h->bits) * SKEIN__TAG_N * sizeof(int16_t);
    return h->size >= need && memchr(h->lang, 0, sizeof(h->lang)) != NULL;
}

/* Walks the blob; a model that does not fit this code ends the walk. */
static void load(void) {
    const unsigned char *p = skein__tagger_blob, *e = skein__tagger_blob_end;
    while (p < e && nmodels < MAX_MODELS && !((uintptr_t)p & 7)) {
        const skein__tagger_header *h = (const skein__tagger_header *)(const void *)p;
        if (!header_ok(h, (size_t)(e - p))) break;
        models[nmodels].h = h;
        models[nmodels].w = (const int16_t *)(const void *)(p + sizeof(*h));
        trellis_init(&models[nmodels].g, (const float(*)[SKEIN__TAG_N])h->trans);
        nmodels++;
        p += (h->size + 7) & ~(uint64_t)7;
    }
    pick_sum_rows();
    tables_init();
}

/* "en", "en-GB" and "en_GB" all find the model "en". */
static const model *find_model(const char *lang) {
    pthread_once(&once, load);
    if (!lang) return NULL;
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < nmodels; i++)
        if (strlen(models[i].h->lang) == n && !memcmp(models[i].h->lang, lang, n))
            return &models[i];
    return NULL;
}

skein__tagger *skein__tagger_new(void) {
    pthread_once(&once, load);
    return calloc(1, sizeof(skein__tagger));
}

void skein__tagger_free(skein__tagger *t) { free(t); }

int skein__tagger_has(const skein__tagger *t, const char *lang) {
    (void)t;
    return find_model(lang) != NULL;
}

/* ---- Per-token values ------------------------------------------------------------ */

#define FNV_BASIS 0xcbf29ce484222325ull

/* FNV-1a of p[0..n) continued from state h. */
static inline uint64_t fnv_more(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static inline uint64_t fnv(const void *p, size_t n) { return fnv_more(FNV_BASIS, p, n); }

/* A feature: template number and value, mixed (splitmix64's finaliser). */
static inline uint64_t fx(unsigned tpl, uint64_t v) {
    v ^= (uint64_t)(tpl + 1) * 0x9E3779B97F4A7C15ull;
    v ^= v >> 30, v *= 0xBF58476D1CE4E5B9ull;
    v ^= v >> 27, v *= 0x94D049BB133111EBull;
    return v ^ (v >> 31);
}

/* A feature's key: its top 32 bits. */
static inline uint32_t key_of(unsigned tpl, uint64_t v) { return (uint32_t)(fx(tpl, v) >> 32); }

static inline uint64_t pair(uint64_t a, uint64_t b) { return a * 0x9E3779B97F4A7C15ull ^ b; }

static char shape_class(UChar32 c) {
    if (c >= 0x0621 && c <= 0x064A) return 'a'; /* Arabic letters, without ICU */
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') return 'X';
        if (c >= 'a' && c <= 'z') return 'x';
        if (c >= '0' && c <= '9') return 'd';
        return (c == '-' || c == '.' || c == '\'' || c == '&' || c == '/') ? (char)c : 'p';
    }
    if (u_isupper(c) || u_istitle(c)) return 'X';
    if (u_islower(c)) return 'x';
    if (u_isdigit(c)) return 'd';
    return u_isalpha(c) ? 'a' : 'p';
}

/* Shape of the surface w[0..n): character classes, runs collapsed ("Xx",
 * "X.X.", "Xx-Xx", "d", "a" for letters of scripts without case). */
static uint64_t shape_of(const char *w, size_t n, int *caseless) {
    char sh[SHAPE_MAX];
    size_t k = 0;
    int cased = 0, other = 0;
    for (int32_t i = 0; i < (int32_t)n && k < SHAPE_MAX;) {
        UChar32 c = (unsigned char)w[i];
        if (c < 0x80)
            i++; /* ASCII: no decoding */
        else
            U8_NEXT((const uint8_t *)w, i, (int32_t)n, c);
        char cl = c < 0 ? 'p' : shape_class(c);
        cased |= cl == 'X' || cl == 'x', other |= cl == 'a';
        if (!k || sh[k - 1] != cl) sh[k++] = cl;
    }
    *caseless = other && !cased;
    return fnv(sh, k);
}

/* Byte length of the first k characters of w[0..n). */
static size_t prefix_bytes(const char *w, size_t n, int k) {
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)w[i] & 0xC0) == 0x80) i++;
        k--;
    }
    return i;
}

/* Byte offset where the last k characters of w[0..n) start. */
static size_t suffix_start(const char *w, size_t n, int k) {
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)w[i] & 0xC0) == 0x80) i--;
        k--;
    }
    return i;
}

static uint8_t length_bucket(size_t chars) {
    static const uint8_t b[11] = {0, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7};
    return chars < 10 ? b[chars] : 7;
}

/* The folded word's values: its hash, the hashes of its first 1..3 and
 * last 1..4 characters, its length bucket.  The prefixes' hashes are the
 * states the word's own FNV-1a passes through (FNV reads left to right), so
 * the word is read once for all four; an ASCII word (one byte a character)
 * needs no scan for character boundaries.  `generic` takes the boundary
 * scan whatever the bytes (for the test that both agree). */
void skein__tag_word_values(skein__tag_unit *u, const char *w, size_t n, int generic) {
    size_t pre[3], suf[4], chars = 0;
    unsigned char high = 0;
    for (size_t i = 0; i < n; i++) high |= (unsigned char)w[i];
    if (high < 0x80 && !generic) {
        for (size_t k = 0; k < 3; k++) pre[k] = SKEIN_MIN(k + 1, n);
        for (size_t k = 0; k < 4; k++) suf[k] = n > k + 1 ? n - k - 1 : 0;
        chars = n;
    } else {
        for (int k = 0; k < 3; k++) pre[k] = prefix_bytes(w, n, k + 1);
        for (int k = 0; k < 4; k++) suf[k] = suffix_start(w, n, k + 1);
        for (size_t i = 0; i < n; i++) chars += ((unsigned char)w[i] & 0xC0) != 0x80;
    }
    uint64_t h = FNV_BASIS;
    size_t at = 0;
    for (int k = 0; k < 3; k++) {
        h = fnv_more(h, w + at, pre[k] - at);
        at = pre[k];
        u->pre[k] = h;
    }
    u->word = fnv_more(h, w + at, n - at);
    for (int k = 0; k < 4; k++) u->suf[k] = fnv(w + suf[k], n - suf[k]);
    u->length = length_bucket(chars);
}

/* Class of the characters g[0..n) between two tokens, one pass: the
 * strongest mark wins (line break, sentence end, bracket, quote, comma,
 * colon, dash, other punctuation, nothing).  Letters and digits of
 * neighbouring words, when the range reaches them, are ignored. */
static uint8_t gap_class(const char *g, size_t n) {
    static const uint8_t rank[10] = {0, 8, 4, 7, 6, 3, 9, 0, 5, 2}; /* class -> strength */
    if (n == 1 && g[0] == ' ') return 0; /* most gaps: one space, no mark */
    uint8_t best = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)g[i], b1 = i + 1 < n ? (unsigned char)g[i + 1] : 0;
        unsigned char b2 = i + 2 < n ? (unsigned char)g[i + 2] : 0;
        uint8_t c = 0;
        if (b == '\n')
            c = 6;
        else if (b == '.' || b == '!' || b == '?' || (b == 0xD8 && b1 == 0x9F) ||
                 (b == 0xE3 && b1 == 0x80 && b2 == 0x82))
            c = 1;
        else if (b == '(' || b == ')' || b == '[' || b == ']')
            c = 3;
        else if (b == '"' || (b == 0xC2 && (b1 == 0xAB || b1 == 0xBB)) ||
                 (b == 0xE2 && b1 == 0x80 && b2 >= 0x9C && b2 <= 0x9E))
            c = 4;
        else if (b == ',' || (b == 0xD8 && b1 == 0x8C))
            c = 2;
        else if (b == ':' || b == ';')
            c = 8;
        else if (b == '-' || (b == 0xE2 && b1 == 0x80 && (b2 == 0x93 || b2 == 0x94)))
            c = 5;
        else if (b < 0x80 && b > ' ' && !((b | 32) >= 'a' && (b | 32) <= 'z') &&
                 !(b >= '0' && b <= '9'))
            c = 9;
        if (rank[c] > rank[best]) best = c;
    }
    return best;
}

/* The bytes p[0..n) (n <= 8) as a number, zero-padded: byte i at bits
 * 8i.  Little-endian, two loads that may overlap (the bytes they share land
 * on the same bits) instead of a loop over the bytes. */
static inline uint64_t short_key(const char *p, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4), memcpy(&b, p + n - 4, 4);
        return a | (uint64_t)b << (8 * (n - 4));
    }
    if (n >= 2) {
        uint16_t a, b;
        memcpy(&a, p, 2), memcpy(&b, p + n - 2, 2);
        return a | (uint64_t)b << (8 * (n - 2));
    }
    return n ? (unsigned char)p[0] : 0;
#else
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++) k |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return k;
#endif
}

/* The bytes p[0..n) (n <= 16) as two numbers, zero-padded. */
static inline void word_key(const char *p, size_t n, uint64_t *k) {
    if (n <= 8) {
        k[0] = short_key(p, n), k[1] = 0;
        return;
    }
    k[0] = short_key(p, 8), k[1] = short_key(p + 8, n - 8);
}

/* The values of a word from its folded form w[0..n) and its surface. */
static void word_of(skein__tag_unit *u, const char *w, size_t n, const char *surface, size_t len,
                    int *caseless) {
    skein__tag_word_values(u, w, n, 0);
    u->shape = shape_of(surface, len, caseless);
}

/* The keys of the word of unit u (the K_* above). */
static void word_keys(const skein__tag_unit *u, uint32_t *k) {
    k[K_W0] = key_of(F_W0, u->word);
    k[K_WM1] = key_of(F_WM1, u->word);
    k[K_WP1] = key_of(F_WP1, u->word);
    k[K_WM2] = key_of(F_WM2, u->word);
    k[K_WP2] = key_of(F_WP2, u->word);
    k[K_SH0] = key_of(F_SH0, u->shape);
    k[K_SHM1] = key_of(F_SHM1, u->shape);
    k[K_SHP1] = key_of(F_SHP1, u->shape);
    for (int j = 0; j < 3; j++) k[K_PRE1 + j] = key_of(F_PRE1 + (unsigned)j, u->pre[j]);
    for (int j = 0; j < 4; j++) k[K_SUF1 + j] = key_of(F_SUF1 + (unsigned)j, u->suf[j]);
    k[K_SUF3M1] = key_of(F_SUF3M1, u->suf[2]);
    k[K_SUF3P1] = key_of(F_SUF3P1, u->suf[2]);
}

static uint32_t bias_key; /* of F_BIAS, made with the models */

/* Adds the weight row of key k under model m to sum. */
static inline void add_row(int32_t *sum, const model *m, uint32_t k) {
    const int16_t *row = m->w + (size_t)(k >> (32 - m->h->bits)) * SKEIN__TAG_N;
    for (int l = 0; l < SKEIN__TAG_N; l++) sum[l] += row[l];
}

/* The parts of the word of unit u under model m: labels 0..7 of a row
 * widened and added as one vector, the ninth apart (integer sums). */
/* Adds row `row` to the sums acc (labels 0..7) and *last (label 8). */
static inline void add_row_v(v8i32 *acc, int32_t *last, const int16_t *row) {
    v8i16 h;
    memcpy(&h, row, sizeof(h));
    *acc += __builtin_convertvector(h, v8i32), *last += row[8];
}

static void word_parts(const model *m, const skein__tag_unit *u, parts p, int32_t *self_sent) {
    uint32_t k[NKEYS];
    word_keys(u, k);
    unsigned shift = 32 - m->h->bits;
#define ROW(key) (m->w + (size_t)((key) >> shift) * SKEIN__TAG_N)
    v8i32 acc[NPARTS];
    int32_t last[NPARTS];
    memset(acc, 0, sizeof(acc));
    memset(last, 0, sizeof(last));
    uint32_t cf = u->flags & (SKEIN_TOK_CAP | SKEIN_TOK_ALLCAPS);
    add_row_v(&acc[P_SELF], &last[P_SELF], ROW(bias_key));
    add_row_v(&acc[P_SELF], &last[P_SELF], ROW(key_of(F_STEM, u->stem)));
    add_row_v(&acc[P_SELF], &last[P_SELF], ROW(key_of(F_LEN, pair(u->length, cf))));
#pragma GCC unroll 17
    for (int j = 0; j < NKEYS; j++) add_row_v(&acc[part_of[j]], &last[part_of[j]], ROW(k[j]));
    /* the flags' and the word-and-capital's rows, without and with
     * SKEIN_TOK_SENT: with self_sent, both (P_SELF without), else as the
     * token has it */
    v8i32 self = acc[P_SELF];
    int32_t self_last = last[P_SELF];
    uint32_t sent = self_sent ? 0 : u->flags & SKEIN_TOK_SENT;
    for (int v = 0; v < (self_sent ? 2 : 1); v++, sent = SKEIN_TOK_SENT) {
        uint32_t fl = (u->flags & ~(uint32_t)SKEIN_TOK_SENT) | sent;
        v8i32 a = self;
        int32_t l = self_last;
        add_row_v(&a, &l, ROW(key_of(F_FL0, fl)));
        add_row_v(&a, &l,
                  ROW(key_of(F_W0CAP, pair(u->word, fl & (SKEIN_TOK_CAP | SKEIN_TOK_SENT)))));
        if (v) {
            memcpy(self_sent, &a, sizeof(a));
            self_sent[8] = l;
        } else {
            acc[P_SELF] = a, last[P_SELF] = l;
        }
    }
#undef ROW
    for (int q = 0; q < NPARTS; q++) {
        memcpy(p[q], &acc[q], sizeof(acc[q]));
        p[q][8] = last[q];
    }
}
/* 1 when a word of n folded bytes written in len goes through the memo. */
static inline int memo_fits(size_t n, size_t len) {
    return n <= MEMO_MAX && len <= MEMO_MAX && len;
}

/* The memo slot of a word (folded w[0..n), surface[0..len), both at most
 * MEMO_MAX bytes), its keys into ks and kn. */
static inline size_t memo_index(const char *w, size_t n, const char *surface, size_t len,
                                uint64_t *ks, uint64_t *kn) {
    word_key(surface, len, ks), word_key(w, n, kn);
    uint64_t h = (ks[0] ^ (kn[0] * 0x9E3779B97F4A7C15ull) ^ (ks[1] * 0xC2B2AE3D27D4EB4Full) ^
                  (kn[1] * 0x165667B19E3779F9ull)) *
                 0xBF58476D1CE4E5B9ull;
    return (size_t)(h >> (64 - MEMO_BITS));
}

/* Asks for the memo slot of token t a few tokens before word_memo reads it:
 * the memo is larger than the caches, and most of a slot's cost was its
 * misses, one token after the other. */
static inline void memo_prefetch(const memo_slot *memo, const char *s, const char *pool,
                                 const skein__tok *t) {
    if (!memo_fits(t->norm_len, t->len)) return;
    uint64_t ks[2], kn[2];
    const char *m =
        (const char *)&memo[memo_index(pool + t->norm, t->norm_len, s + t->off, t->len, ks, kn)];
    for (size_t b = 0; b < sizeof(memo_slot); b += 64) __builtin_prefetch(m + b);
}

/* word_of, with a model mo the word's parts under mo into p; through the
 * memo (NULL: none) for words short enough when there is a model.  A word
 * the memo has keeps its affixes' hashes only summed in its parts: u->pre
 * and u->suf are not set. */
static void word_memo(memo_slot *memo, const model *mo, skein__tag_unit *u,
                      int32_t (*p)[SKEIN__TAG_N], const char *w, size_t n, const char *surface,
                      size_t len, int *caseless) {
    if (!memo || !mo || !memo_fits(n, len)) {
        word_of(u, w, n, surface, len, caseless);
        if (mo) word_parts(mo, u, p, NULL);
        return;
    }
    uint64_t ks[2], kn[2];
    memo_slot *m = &memo[memo_index(w, n, surface, len, ks, kn)];
    uint32_t flags = u->flags & ~(uint32_t)SKEIN_TOK_SENT;
    if (m->surface_len != len || m->norm_len != n || m->surface[0] != ks[0] ||
        m->norm[0] != kn[0] || m->surface[1] != ks[1] || m->norm[1] != kn[1] || m->model != mo ||
        m->stem != u->stem || m->flags != flags) { /* new, or of another language */
        int cl;
        word_of(u, w, n, surface, len, &cl);
        memcpy(m->surface, ks, sizeof(ks)), memcpy(m->norm, kn, sizeof(kn));
        m->surface_len = (uint8_t)len, m->norm_len = (uint8_t)n;
        m->length = u->length, m->caseless = (uint8_t)cl;
        m->word = u->word, m->shape = u->shape, m->stem = u->stem, m->flags = flags;
        word_parts(mo, u, m->part, m->self_sent);
        m->model = mo;
    } else { /* pre and suf are left: the parts have what they give */
        u->word = m->word, u->shape = m->shape, u->length = m->length;
    }
    *caseless = m->caseless;
    memcpy(p, m->part, sizeof(parts));
    if (u->flags & SKEIN_TOK_SENT) memcpy(p[P_SELF], m->self_sent, sizeof(m->self_sent));
}
static void unit_words(memo_slot *memo, const model *mo, skein__tag_unit *u,
                       int32_t (*p)[SKEIN__TAG_N], const char *s, const char *pool,
                       const skein__tok *t) {
    int caseless;
    u->stem = t->hash;
    u->flags = t->flags & FLAG_MASK;
    word_memo(memo, mo, u, p, pool + t->norm, t->norm_len, s + t->off, t->len, &caseless);
    u->may_name = caseless || (t->flags & SKEIN_TOK_CAP);
    u->gaz = 0, u->person = 0;
}

/* Class of a gazetteer id: country, language or people, city, other. */
static uint8_t place_class(const char *id) {
    if (!strncmp(id, "lang:", 5)) return 1;
    if (!strncmp(id, "city:", 5)) return 2;
    if (strlen(id) == 2) return 3;
    return 4;
}

/* 1 when tokens i and i + 1 are joined by a hyphen alone. */
static int hyphened(const char *s, const skein__tok *t, size_t i) {
    size_t a = t[i].off + t[i].len;
    return t[i + 1].off == a + 1 && s[a] == '-';
}

/* Marks the longest gazetteer name starting at each token that may start
 * one.  Only runs that start and end with a capitalised word (or one of a
 * script without case) are looked up: lower-case "new" or "south" start
 * place names too, but not in running text.  A run glued by a hyphen to a
 * word outside it is part of another name ("Marchand-Roy" names no town
 * of Roy). */
static void gazetteer(skein__tag_chunk *c, const char *lang, const char *s, const skein__tok *t,
                      size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & SKEIN_TOK_PLACE) || c->u[i].gaz || !c->u[i].may_name) continue;
        if (i > 0 && hyphened(s, t, i - 1)) continue;
        uint64_t stems[SKEIN_PLACE_MAX_WORDS];
        size_t most = SKEIN_MIN(n - i, (size_t)SKEIN_PLACE_MAX_WORDS);
        for (size_t k = 0; k < most; k++) stems[k] = t[i + k].hash;
        for (size_t k = most; k > 0; k--) {
            if (!c->u[i + k - 1].may_name || (i + k < n && hyphened(s, t, i + k - 1))) continue;
            uint32_t p = skein__place_find(lang, stems, k);
            if (!p) continue;
            uint8_t cl = place_class(skein__place_id(p));
            for (size_t j = 0; j < k; j++) c->u[i + j].gaz = (uint8_t)(1 + cl * 2 + (j > 0));
            break;
        }
    }
}

/* Marks the words of the person-name list (given and family names) among
 * those that may be names: lower-case "will" or "rose" is a word.  The
 * list's nationality words are left out: as a feature they did not help
 * (data/tagger/README.md); the extractor uses them. */
static void persons(skein__tag_chunk *c, const char *lang, const skein__tok *t, size_t n) {
    uint64_t salt = skein__person_salt(lang);
    for (size_t i = 0; i < n; i++)
        if (c->u[i].may_name && !(t[i].flags & SKEIN_TOK_NUM))
            c->u[i].person =
                (uint8_t)(skein__person_class(salt, t[i].hash) & ~SKEIN_PERSON_DEMONYM);
}

/* 1 when token i starts a new sentence: a line break before it, or a
 * sentence mark that does not follow an abbreviation ("Mr.", "U.S.", "J.").
 * *gap gets the class of what separates it from token i - 1. */
static inline int sentence_starts(const char *s, const skein__tok *t, size_t i, uint8_t *gap) {
    const skein__tok *p = &t[i - 1];
    size_t a = p->off + p->len;
    /* most gaps: one space (gap_class's first test, without the call) */
    uint8_t g = t[i].off - a == 1 && s[a] == ' ' ? 0 : gap_class(s + a, t[i].off - a);
    *gap = g;
    if (g == 6) return 1;
    if (g != 1 || !(t[i].flags & SKEIN_TOK_SENT)) return 0;
    if (memchr(s + p->off, '.', p->len)) return 0;
    return !((p->flags & SKEIN_TOK_CAP) && p->len <= 3);
}

/* skein__tag_chunk_len, keeping the gap classes it finds on the way in
 * gaps[1..returned) (what prepare needs: they are found once). */
static size_t chunk_len(const char *s, const skein__tok *t, size_t n,
                        uint8_t gaps[SKEIN__TAG_MAX_CHUNK]) {
    size_t most = SKEIN_MIN(n, (size_t)SKEIN__TAG_MAX_CHUNK);
    for (size_t i = 1; i < most; i++)
        if (sentence_starts(s, t, i, &gaps[i])) return i;
    return most;
}

size_t skein__tag_chunk_len(const char *s, const skein__tok *t, size_t n) {
    uint8_t gaps[SKEIN__TAG_MAX_CHUNK];
    return chunk_len(s, t, n, gaps);
}

/* skein__tag_prepare with the gap classes before tokens 1..n-1 known;
 * with a model mo (and a memo), the units' parts under mo into part (laid
 * out as skein__tagger's). */
static void prepare(skein__tag_chunk *c, memo_slot *memo, const model *mo, parts *part,
                    const char *lang, const char *s, size_t len, const char *pool,
                    const skein__tok *t, size_t n, const uint8_t *gaps) {
    c->n = n;
    if (memo && mo)
        for (size_t i = 0; i < n && i < MEMO_AHEAD; i++) memo_prefetch(memo, s, pool, &t[i]);
    for (size_t i = 0; i < n; i++) {
        if (memo && mo && i + MEMO_AHEAD < n) memo_prefetch(memo, s, pool, &t[i + MEMO_AHEAD]);
        unit_words(memo, mo, &c->u[i], mo ? part[i + 2] : NULL, s, pool, &t[i]);
        c->u[i].gap_before = i ? gaps[i] : 7;
    }
    if (mo) {
        memcpy(part[0], mo->edge, sizeof(parts));
        memcpy(part[1], mo->edge, sizeof(parts));
        memcpy(part[n + 2], mo->edge, sizeof(parts));
        memcpy(part[n + 3], mo->edge, sizeof(parts));
    }
    /* what follows the last token up to a line break: a line ends a text
     * the way the trainer's sentences end (nothing after: the edge) */
    size_t end = n ? t[n - 1].off + t[n - 1].len : 0, stop = end;
    while (stop < len && stop - end < GAP_SCAN && s[stop] != '\n') stop++;
    uint8_t g = gap_class(s + end, stop - end);
    c->gap_end = (uint8_t)(!g && (stop >= len || s[stop] == '\n') ? 7 : g);
    gazetteer(c, lang, s, t, n);
    if (c->options & SKEIN__TAG_OPT_PERSONS) persons(c, lang, t, n);
}

/* skein__tag_prepare with the memo `memo` (NULL: none). */
static void prepare_alone(skein__tag_chunk *c, memo_slot *memo, const model *mo, parts *part,
                          const char *lang, const char *s, size_t len, const char *pool,
                          const skein__tok *t, size_t n) {
    uint8_t gaps[SKEIN__TAG_MAX_CHUNK];
    for (size_t i = 1; i < n; i++) {
        size_t from = t[i - 1].off + t[i - 1].len;
        gaps[i] = gap_class(s + from, t[i].off - from);
    }
    prepare(c, memo, mo, part, lang, s, len, pool, t, n, gaps);
}

void skein__tag_prepare(skein__tag_chunk *c, const char *lang, const char *s, size_t len,
                        const char *pool, const skein__tok *t, size_t n) {
    prepare_alone(c, NULL, NULL, NULL, lang, s, len, pool, t, n);
}

void skein__tag_prepare_memo(skein__tagger *t, skein__tag_chunk *c, const char *lang, const char *s,
                             size_t len, const char *pool, const skein__tok *toks, size_t n) {
    prepare_alone(c, t->memo, find_model(lang), t->part, lang, s, len, pool, toks, n);
}

/* ---- Features ------------------------------------------------------------------ */

static const skein__tag_unit edge_unit = {.word = 0x5eed0001,
                                          .stem = 0x5eed0002,
                                          .shape = 0x5eed0003,
                                          .pre = {1, 2, 3},
                                          .suf = {4, 5, 6, 7},
                                          .flags = 0x80000000u,
                                          .gap_before = 7};

static const skein__tag_unit *at(const skein__tag_chunk *c, size_t i, long d) {
    long j = (long)i + d;
    return j < 0 || j >= (long)c->n ? &edge_unit : &c->u[j];
}

#define NFEATS (F_PER3 + 1)
_Static_assert(NFEATS <= SKEIN__TAG_MAX_FEATS, "features of a token");

/* The values of token i's features before mixing: v[k] is feature k's
 * value under template k (fx(k, v[k]) is the feature). */
static inline __attribute__((always_inline)) void raw_features(const skein__tag_chunk *c, size_t i,
                                                               uint64_t *v) {
    const skein__tag_unit *u = &c->u[i], *m1 = at(c, i, -1), *p1 = at(c, i, 1);
    const skein__tag_unit *m2 = at(c, i, -2), *p2 = at(c, i, 2);
    uint8_t gap_after = i + 1 < c->n ? c->u[i + 1].gap_before : c->gap_end;
    v[F_BIAS] = 0;
    v[F_W0] = u->word;
    v[F_WM1] = m1->word;
    v[F_WP1] = p1->word;
    v[F_WM2] = m2->word;
    v[F_WP2] = p2->word;
    v[F_STEM] = u->stem;
    v[F_SH0] = u->shape;
    v[F_SHM1] = m1->shape;
    v[F_SHP1] = p1->shape;
    v[F_SH3] = pair(pair(m1->shape, u->shape), p1->shape);
    for (int j = 0; j < 3; j++) v[F_PRE1 + j] = u->pre[j];
    for (int j = 0; j < 4; j++) v[F_SUF1 + j] = u->suf[j];
    v[F_FL0] = u->flags;
    v[F_FLM1] = m1->flags;
    v[F_FLP1] = p1->flags;
    v[F_WM1W0] = pair(m1->word, u->word);
    v[F_W0WP1] = pair(u->word, p1->word);
    v[F_GAZ0] = u->gaz;
    v[F_GAZM1] = m1->gaz;
    v[F_GAZP1] = p1->gaz;
    v[F_LEN] = pair(u->length, u->flags & (SKEIN_TOK_CAP | SKEIN_TOK_ALLCAPS));
    v[F_GAPB] = u->gap_before;
    v[F_GAPA] = gap_after;
    v[F_WM1SH0] = pair(m1->word, u->shape);
    v[F_SH0WP1] = pair(u->shape, p1->word);
    v[F_W0CAP] = pair(u->word, u->flags & (SKEIN_TOK_CAP | SKEIN_TOK_SENT));
    v[F_SUF3M1] = m1->suf[2];
    v[F_SUF3P1] = p1->suf[2];
    v[F_GAPSH] = pair(pair(u->gap_before, gap_after), u->shape);
    v[F_PER0] = pair(u->person, u->gaz);
    v[F_PERM1] = m1->person;
    v[F_PERP1] = p1->person;
    v[F_PER3] = (uint64_t)m1->person << 16 | (uint64_t)u->person << 8 | p1->person;
}

/* The features of token i; inlined where the tagger turns them into rows. */
static inline __attribute__((always_inline)) size_t features(const skein__tag_chunk *c, size_t i,
                                                             uint64_t *f) {
    uint64_t v[NFEATS];
    raw_features(c, i, v);
#pragma GCC unroll 40
    for (unsigned k = 0; k < NFEATS; k++) f[k] = fx(k, v[k]);
    return NFEATS;
}

size_t skein__tag_features(const skein__tag_chunk *c, size_t i, uint64_t *f) {
    return features(c, i, f);
}

/* The keys of features whose values take few forms (neighbours' flags,
 * gazetteer and person classes, gap classes), made once per process: a
 * look-up instead of mixing.  A value outside a table is mixed as before. */
#define FLAG_KEYS 512                    /* the flags of FLAG_MASK fit below */
static uint32_t flag_keys[2][FLAG_KEYS]; /* F_FLM1, F_FLP1 */
static uint32_t gaz_keys[3][256];        /* F_GAZ0, F_GAZM1, F_GAZP1 */
static uint32_t gap_keys[2][256];        /* F_GAPB, F_GAPA */
static uint32_t person_keys[2][256];     /* F_PERM1, F_PERP1 */
static uint32_t per0_keys[4][16];        /* F_PER0 by person and gazetteer class */
static uint32_t per3_keys[4][4][4];      /* F_PER3 by the three person classes */
_Static_assert((FLAG_MASK) < FLAG_KEYS, "flags index flag_keys");

static void tables_init(void) {
    bias_key = key_of(F_BIAS, 0);
    for (size_t m = 0; m < nmodels; m++) word_parts(&models[m], &edge_unit, models[m].edge, NULL);
    for (uint32_t v = 0; v < FLAG_KEYS; v++)
        for (unsigned j = 0; j < 2; j++) flag_keys[j][v] = key_of(F_FLM1 + j, v);
    for (uint32_t v = 0; v < 256; v++) {
        for (unsigned j = 0; j < 3; j++) gaz_keys[j][v] = key_of(F_GAZ0 + j, v);
        for (unsigned j = 0; j < 2; j++) gap_keys[j][v] = key_of(F_GAPB + j, v);
        person_keys[0][v] = key_of(F_PERM1, v);
        person_keys[1][v] = key_of(F_PERP1, v);
    }
    for (uint64_t p = 0; p < 4; p++)
        for (uint64_t g = 0; g < 16; g++) per0_keys[p][g] = key_of(F_PER0, pair(p, g));
    for (uint64_t a = 0; a < 4; a++)
        for (uint64_t b = 0; b < 4; b++)
            for (uint64_t d = 0; d < 4; d++)
                per3_keys[a][b][d] = key_of(F_PER3, a << 16 | b << 8 | d);
}

static inline uint32_t flag_key(unsigned j, uint32_t flags) {
    return flags < FLAG_KEYS ? flag_keys[j][flags] : key_of(F_FLM1 + j, flags);
}

/* The features of a token that are not in its words' parts: their rows
 * are looked up per token. */
#define NROWS 17
_Static_assert(NROWS + NKEYS + 5 == NFEATS,
               "rows, parts, bias, stem, length, flags, word and capital are every feature");

/* The keys of those features of token i of the chunk t prepared: the top
 * 32 bits of what features() gives. */
static inline __attribute__((always_inline)) void row_keys(const skein__tagger *t, size_t i,
                                                           uint32_t *k) {
    const skein__tag_chunk *c = &t->c;
    const skein__tag_unit *u = &c->u[i], *m1 = at(c, i, -1), *p1 = at(c, i, 1);
    uint8_t gap_after = i + 1 < c->n ? c->u[i + 1].gap_before : c->gap_end;
    k[0] = key_of(F_SH3, pair(pair(m1->shape, u->shape), p1->shape));
    k[1] = flag_key(0, m1->flags);
    k[2] = flag_key(1, p1->flags);
    k[3] = key_of(F_WM1W0, pair(m1->word, u->word));
    k[4] = key_of(F_W0WP1, pair(u->word, p1->word));
    k[5] = gaz_keys[0][u->gaz];
    k[6] = gaz_keys[1][m1->gaz];
    k[7] = gaz_keys[2][p1->gaz];
    k[8] = gap_keys[0][u->gap_before];
    k[9] = gap_keys[1][gap_after];
    k[10] = key_of(F_WM1SH0, pair(m1->word, u->shape));
    k[11] = key_of(F_SH0WP1, pair(u->shape, p1->word));
    k[12] = key_of(F_GAPSH, pair(pair(u->gap_before, gap_after), u->shape));
    k[13] = u->person < 4 && u->gaz < 16 ? per0_keys[u->person][u->gaz]
                                         : key_of(F_PER0, pair(u->person, u->gaz));
    k[14] = person_keys[0][m1->person];
    k[15] = person_keys[1][p1->person];
    k[16] =
        (m1->person | u->person | p1->person) < 4
            ? per3_keys[m1->person][u->person][p1->person]
            : key_of(F_PER3, (uint64_t)m1->person << 16 | (uint64_t)u->person << 8 | p1->person);
}

/* The parts token i adds: its word's own, and its neighbours' as such. */
static inline const int32_t *token_part(const skein__tagger *t, size_t i, int q) {
    static const int8_t at_d[NPARTS] = {
        [P_SELF] = 0, [P_M1] = -1, [P_P1] = 1, [P_M2] = -2, [P_P2] = 2};
    return t->part[(long)i + 2 + at_d[q]][q];
}

/* ---- Decoding ------------------------------------------------------------------ */

int skein__tag_allowed(int prev, int cur) {
    if (cur == SKEIN__TAG_O || SKEIN__TAG_IS_B(cur)) return 1;
    return prev != SKEIN__TAG_N && prev != SKEIN__TAG_O &&
           SKEIN__TAG_KIND(prev) == SKEIN__TAG_KIND(cur);
}

static int ok(const uint16_t *mask, size_t i, int l) { return !mask || (mask[i] >> l & 1); }

/* The best predecessor of a label: the first p in 0, cand[0..nc) with the
 * highest d[p] + tr[p].  Only candidates whose transition is not -inf are
 * listed (a sum with -inf never beats the start, d[0] + tr[0]), so the
 * result is that of trying all nine in order. */
static inline __attribute__((always_inline)) int
best_prev(const float *d, const float *tr, const uint8_t *cand, int nc, float *best_out) {
    float best = d[0] + tr[0];
    int arg = 0;
    for (int k = 0; k < nc; k++) {
        int p = cand[k];
        float v = d[p] + tr[p];
        if (v > best) best = v, arg = p;
    }
    *best_out = best;
    return arg;
}

static void trellis_init(trellis *g, const float (*trans)[SKEIN__TAG_N]) {
    for (int l = 0; l < SKEIN__TAG_N; l++) {
        g->ncand[l] = 0;
        for (int p = 0; p < SKEIN__TAG_N; p++) {
            g->tr[l][p] = skein__tag_allowed(p, l) ? trans[p + 1][l] : -INFINITY;
            if (p && g->tr[l][p] != -INFINITY) g->cand[l][g->ncand[l]++] = (uint8_t)p;
            if (l < 8) g->col[p][l] = g->tr[l][p];
        }
    }
}

/* Steps 1..n-1 of the decoder, d holding the scores of step 0 and then of
 * the last.  Labels 0..7 are decoded side by side: for each predecessor p
 * in order, a lane takes d[p] + tr[p] where it beats the lane's best so far
 * (the first of equals stays, as label by label); -inf, where p may not
 * precede, never beats.  Label 8 goes on its own.  Compiled twice, like
 * sum_chunk_rows, and each with and without a mask (tagging has none). */
static inline __attribute__((always_inline)) void
decode_steps(const trellis *g, const float (*emit)[SKEIN__TAG_N], size_t n, const uint16_t *mask,
             uint8_t (*bp)[SKEIN__TAG_N], float *d) {
    for (size_t i = 1; i < n; i++) {
        /* a knock-out in four rounds rather than eight in a row: the later
         * of two wins only when strictly higher, so the first best stays */
        v8f v[SKEIN__TAG_N];
        v8i32 arg[SKEIN__TAG_N];
#pragma GCC unroll 9
        for (int p = 0; p < SKEIN__TAG_N; p++) {
            v[p] = d[p] + g->col[p]; /* the scalar goes to every lane */
            arg[p] = (v8i32){p, p, p, p, p, p, p, p};
        }
#pragma GCC unroll 4
        for (int step = 1; step < SKEIN__TAG_N; step *= 2)
#pragma GCC unroll 4
            for (int p = 0; p + step < SKEIN__TAG_N; p += 2 * step) {
                v8i32 m = v[p + step] > v[p];
                v[p] = (v8f)(((v8i32)v[p + step] & m) | ((v8i32)v[p] & ~m));
                arg[p] = (arg[p + step] & m) | (arg[p] & ~m);
            }
        v8f best = v[0];
        float b8;
        int a8 = best_prev(d, g->tr[8], g->cand[8], g->ncand[8], &b8);
        if (!mask) { /* every label allowed: the column at once */
            v8f e;
            memcpy(&e, emit[i], sizeof(e));
            best += e;
            memcpy(d, &best, sizeof(best));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the low byte of each lane (labels fit in one): one shuffle
             * (__builtin_shufflevector: gcc 12 and clang alike) */
            v8u8 a =
                __builtin_shufflevector((v32u8)arg[0], (v32u8)arg[0], 0, 4, 8, 12, 16, 20, 24, 28);
            memcpy(bp[i], &a, 8);
#else
            for (int l = 0; l < 8; l++) bp[i][l] = (uint8_t)arg[0][l];
#endif
        } else {
            for (int l = 0; l < 8; l++) {
                d[l] = ok(mask, i, l) ? best[l] + emit[i][l] : -INFINITY;
                bp[i][l] = (uint8_t)arg[0][l];
            }
        }
        d[8] = ok(mask, i, 8) ? b8 + emit[i][8] : -INFINITY;
        bp[i][8] = (uint8_t)a8;
    }
}

static void decode_plain(const trellis *g, const float (*emit)[SKEIN__TAG_N], size_t n,
                         const uint16_t *mask, uint8_t (*bp)[SKEIN__TAG_N], float *d) {
    if (mask) /* the trainer's partial labels */
        decode_steps(g, emit, n, mask, bp, d);
    else
        decode_steps(g, emit, n, NULL, bp, d);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) static void decode_avx2(const trellis *g,
                                                        const float (*emit)[SKEIN__TAG_N], size_t n,
                                                        const uint16_t *mask,
                                                        uint8_t (*bp)[SKEIN__TAG_N], float *d) {
    if (mask) /* the trainer's partial labels */
        decode_steps(g, emit, n, mask, bp, d);
    else
        decode_steps(g, emit, n, NULL, bp, d);
}
#endif

/* Whether the processor has AVX2, set once with the models' loading: the
 * AVX2 variants give the same results as the plain ones, with fewer
 * instructions. */
static int have_avx2;

/* skein__tag_viterbi with the trellis of trans made. */
static void viterbi(const trellis *g, const float (*emit)[SKEIN__TAG_N], size_t n,
                    const float (*trans)[SKEIN__TAG_N], const uint16_t *mask,
                    uint8_t (*bp)[SKEIN__TAG_N], uint8_t *out) {
    if (!n) return;
    float d[SKEIN__TAG_N];
    for (int l = 0; l < SKEIN__TAG_N; l++)
        d[l] = skein__tag_allowed(SKEIN__TAG_N, l) && ok(mask, 0, l) ? emit[0][l] + trans[0][l]
                                                                     : -INFINITY;
#if defined(__x86_64__) && defined(__GNUC__)
    if (have_avx2)
        decode_avx2(g, emit, n, mask, bp, d);
    else
#endif
        decode_plain(g, emit, n, mask, bp, d);
    int l = 0;
    for (int k = 1; k < SKEIN__TAG_N; k++)
        if (d[k] > d[l]) l = k;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)l;
        if (i) l = bp[i][l];
    }
}

void skein__tag_viterbi(const float (*emit)[SKEIN__TAG_N], size_t n,
                        const float (*trans)[SKEIN__TAG_N], const uint16_t *mask,
                        uint8_t (*bp)[SKEIN__TAG_N], uint8_t *out) {
    pthread_once(&once, load);
    trellis g;
    trellis_init(&g, trans);
    viterbi(&g, emit, n, trans, mask, bp, out);
}

/* The sum of n weight rows, label by label: the first eight labels as one
 * vector (eight 16-bit weights widened and added at once), the ninth
 * apart.  Integer sums, so the same as label by label, only faster.  The
 * body is compiled twice: for the baseline x86-64 (SSE2, where widening
 * takes several instructions) and for AVX2 (one), picked once per process
 * by what the processor has. */
_Static_assert(SKEIN__TAG_N == 9, "sum_rows adds eight labels at once, then the ninth");

static inline __attribute__((always_inline)) void sum_chunk_rows(skein__tagger *t, float scale) {
    for (size_t i = 0; i < t->c.n; i++) {
        const int16_t *const *rows = t->rows[i];
        v8i32 acc = {0, 0, 0, 0, 0, 0, 0, 0};
        int32_t last = 0;
        for (size_t j = 0; j < NROWS; j++) {
            v8i16 h;
            memcpy(&h, rows[j], sizeof(h));
            acc += __builtin_convertvector(h, v8i32);
            last += rows[j][8];
        }
        for (int q = 0; q < NPARTS; q++) {
            const int32_t *p = token_part(t, i, q);
            v8i32 h;
            memcpy(&h, p, sizeof(h));
            acc += h;
            last += p[8];
        }
        for (int l = 0; l < 8; l++) t->emit[i][l] = (float)acc[l] * scale;
        t->emit[i][8] = (float)last * scale;
    }
}

static void sum_rows_plain(skein__tagger *t, float scale) { sum_chunk_rows(t, scale); }

#if defined(__x86_64__) && defined(__GNUC__)
/* With AVX2 the widening is one instruction (vpmovsxwd), which GCC's
 * vector extension does not find by itself. */
__attribute__((target("avx2"))) static void sum_rows_avx2(skein__tagger *t, float scale) {
    for (size_t i = 0; i < t->c.n; i++) {
        const int16_t *const *rows = t->rows[i];
        __m256i acc = _mm256_setzero_si256();
        int32_t last = 0, sum[8];
#pragma GCC unroll 4
        for (size_t j = 0; j < NROWS; j++) {
            __m128i h = _mm_loadu_si128((const __m128i *)(const void *)rows[j]);
            acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(h));
            last += rows[j][8];
        }
#pragma GCC unroll 5
        for (int q = 0; q < NPARTS; q++) {
            const int32_t *p = token_part(t, i, q);
            acc = _mm256_add_epi32(acc, _mm256_loadu_si256((const __m256i *)(const void *)p));
            last += p[8];
        }
        _mm256_storeu_si256((__m256i *)(void *)sum, acc);
        for (int l = 0; l < 8; l++) t->emit[i][l] = (float)sum[l] * scale;
        t->emit[i][8] = (float)last * scale;
    }
}
#endif

static void (*sum_rows)(skein__tagger *, float) = sum_rows_plain;

/* Called once, with the models' loading.  SKEIN_NO_SIMD in the environment
 * keeps the plain code, as a processor without AVX2 runs it (the tests
 * compare the two). */
static void pick_sum_rows(void) {
#if defined(__x86_64__) && defined(__GNUC__)
    have_avx2 = __builtin_cpu_supports("avx2") && !getenv("SKEIN_NO_SIMD");
    if (have_avx2) sum_rows = sum_rows_avx2;
#endif
}

/* The weight rows of each token's features under model m, prefetched. */
static void feature_rows(skein__tagger *t, const model *m) {
    unsigned shift = 32 - m->h->bits; /* of a key, the top 32 bits of a feature */
    for (size_t i = 0; i < t->c.n; i++) {
        uint32_t k[NROWS];
        row_keys(t, i, k);
#pragma GCC unroll 40
        for (size_t j = 0; j < NROWS; j++) {
            const int16_t *row = m->w + (size_t)(k[j] >> shift) * SKEIN__TAG_N;
            t->rows[i][j] = row;
            __builtin_prefetch(row);
            __builtin_prefetch(row + SKEIN__TAG_N - 1);
        }
    }
}

/* Emission scores of each token of the prepared chunk under model m.  The
 * rows of the whole chunk are found (and prefetched) first and summed after,
 * so the table's cache misses overlap instead of coming one by one. */
static void emissions(skein__tagger *t, const model *m) {
    feature_rows(t, m);
    sum_rows(t, m->h->scale);
}

const skein__tag_chunk *skein__tag_sums(skein__tagger *t, const char *lang, const char *s,
                                        size_t len, const char *pool, const skein__tok *toks,
                                        size_t n, int32_t (*sums)[SKEIN__TAG_N]) {
    const model *m = find_model(lang);
    if (!m) return NULL;
    t->c.options = m->h->options;
    prepare_alone(&t->c, t->memo, m, t->part, lang, s, len, pool, toks,
                  SKEIN_MIN(n, (size_t)SKEIN__TAG_MAX_CHUNK));
    feature_rows(t, m);
    sum_rows(t, 1.0f); /* sums of 16-bit weights: exact in a float */
    for (size_t i = 0; i < t->c.n; i++)
        for (int l = 0; l < SKEIN__TAG_N; l++) sums[i][l] = (int32_t)t->emit[i][l];
    return &t->c;
}

int skein__tag_row_sum(const char *lang, const uint64_t *f, size_t nf, int32_t *sum) {
    const model *m = find_model(lang);
    if (!m) return 0;
    memset(sum, 0, SKEIN__TAG_N * sizeof(*sum));
    for (size_t j = 0; j < nf; j++) add_row(sum, m, (uint32_t)(f[j] >> 32));
    return 1;
}

int skein__tag(skein__tagger *t, const char *lang, const char *s, size_t len, const char *pool,
               const skein__tok *toks, size_t n, uint8_t *labels) {
    const model *m = find_model(lang);
    if (!m) {
        memset(labels, SKEIN__TAG_O, n);
        return 0;
    }
    uint8_t gaps[SKEIN__TAG_MAX_CHUNK];
    for (size_t a = 0; a < n;) {
        size_t k = chunk_len(s, toks + a, n - a, gaps);
        t->c.options = m->h->options;
        prepare(&t->c, t->memo, m, t->part, lang, s, len, pool, toks + a, k, gaps);
        emissions(t, m);
        viterbi(&m->g, (const float(*)[SKEIN__TAG_N])t->emit, k, m->h->trans, NULL, t->bp,
                labels + a);
        a += k;
    }
    return 1;
}
