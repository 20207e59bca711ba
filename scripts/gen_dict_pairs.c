/* gen_dict_pairs.c -- extracts word translation pairs from dictd dictionaries.
 *
 * Build-time tool: reads Debian's bilingual dictd dictionaries from DICTDIR
 * (normally /usr/share/dictd) and prints foreign -> English word pairs:
 *
 *     gen_dict_pairs DICTDIR [UKR_RUS.att] > pairs.tsv
 *
 * Dictionaries used (a missing one is skipped with a note on stderr):
 *
 *     freedict-ara-eng, freedict-deu-eng, freedict-fra-eng, freedict-spa-eng
 *         foreign headword -> English translations
 *     freedict-eng-ara, mueller7 (English -> Russian)
 *         English headword -> foreign translations; the pair is inverted
 *     UKR_RUS.att (optional): apertium-rus-ukr's Ukrainian -> Russian
 *         dictionary as `lt-print ukr-rus.autobil.bin` dumps it; a
 *         Ukrainian word takes the English of its Russian translations
 *         (see "Ukrainian through Russian" below)
 *
 * Each dictionary is NAME.index (lines "headword TAB offset TAB length", the
 * numbers in dictd's base64) plus NAME.dict.dz (dictzip, i.e. gzip) holding
 * the entry texts.  The whole text is inflated into memory and sliced.
 *
 * Output, one pair a line, sorted bytewise by (LANG, FOREIGN, RANK, ENGLISH),
 * no two lines with the same (LANG, FOREIGN, ENGLISH), all valid UTF-8:
 *
 *     LANG TAB FOREIGN TAB ENGLISH TAB RANK
 *
 *   LANG     ar, de, es, fr, ru, uk, ... (dicts[] below)
 *   FOREIGN  one word exactly as the dictionary spells it (case and Arabic
 *            vowel marks kept), no digits, at most 40 bytes
 *   ENGLISH  one word or a two-word phrase, without labels, part-of-speech
 *            tags, pronunciations or remarks; lowercased for the Arabic
 *            dictionaries, which capitalise every English word
 *   RANK     1 for the headword's first translation, 2 for the next, ...
 *
 * Ranks count the translations of one headword in order.  A headword may
 * have several entries (freedict-deu-eng gives every sense its own entry, in
 * no useful order); those are taken main sense first, judged by the number
 * of examples, then by size.  At most MAX_PER_ENTRY translations are taken
 * from one entry.  Per dictionary, stderr gets the number of entries read
 * and of pairs written (after removing duplicates). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAX_WORD_BYTES 40 /* longest foreign or English word kept */
#define MAX_EN_WORDS 2    /* longest English phrase kept, in words */
#define MAX_PER_ENTRY 4   /* translations taken from one entry */

enum script { SCRIPT_LATIN, SCRIPT_ARABIC, SCRIPT_CYRILLIC, SCRIPT_GREEK, SCRIPT_JAPANESE };
enum layout { LAYOUT_FREEDICT, LAYOUT_MUELLER, LAYOUT_PIVOT };

struct dict_spec {
    const char *name;   /* NAME.index and NAME.dict.dz in DICTDIR */
    const char *lang;   /* code of the non-English side */
    enum script script; /* script of the non-English side */
    enum layout layout;
    int inverted;      /* headwords are English */
    int lower_english; /* every English word is capitalised: undo it */
    int split_camel;   /* English phrases glued as "AsiaMinor" */
};

static const struct dict_spec dicts[] = {
    {"freedict-ara-eng", "ar", SCRIPT_ARABIC, LAYOUT_FREEDICT, 0, 1, 0},
    {"freedict-eng-ara", "ar", SCRIPT_ARABIC, LAYOUT_FREEDICT, 1, 1, 0},
    {"freedict-deu-eng", "de", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-fra-eng", "fr", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-spa-eng", "es", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 1},
    {"mueller7", "ru", SCRIPT_CYRILLIC, LAYOUT_MUELLER, 1, 0, 0},
    /* WikDict's dictionaries, in the layout of freedict-deu-eng */
    {"freedict-ces-eng", "cs", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-dan-eng", "da", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-ell-eng", "el", SCRIPT_GREEK, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-fin-eng", "fi", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-hrv-eng", "hr", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-hun-eng", "hu", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-ita-eng", "it", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-lit-eng", "lt", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-nld-eng", "nl", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-pol-eng", "pl", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-por-eng", "pt", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-slk-eng", "sk", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-slv-eng", "sl", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-swe-eng", "sv", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    {"freedict-tur-eng", "tr", SCRIPT_LATIN, LAYOUT_FREEDICT, 0, 0, 0},
    /* JMdict's common words (see parse_freedict) */
    {"freedict-jpn-eng", "ja", SCRIPT_JAPANESE, LAYOUT_FREEDICT, 0, 0, 0},
    /* English -> them, inverted, where the other way is small */
    {"freedict-eng-ces", "cs", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-ita", "it", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-nld", "nl", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-pol", "pl", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-por", "pt", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-swe", "sv", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    {"freedict-eng-tur", "tr", SCRIPT_LATIN, LAYOUT_FREEDICT, 1, 0, 0},
    /* not a dictd dictionary: Ukrainian through Russian (pivot_ukrainian) */
    {"apertium-ukr-rus", "uk", SCRIPT_CYRILLIC, LAYOUT_PIVOT, 0, 0, 0},
};
#define NDICTS (sizeof(dicts) / sizeof(dicts[0]))

/* ---- memory ---------------------------------------------------------- */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...) {
    va_list ap;
    fputs("gen_dict_pairs: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory (%zu bytes)", n);
    return p;
}

static void *xmalloc(size_t n) { return xrealloc(NULL, n); }

/* Makes room for need elements in array v of capacity cap. */
#define ALLOC_GROW(v, need, cap)                                                                   \
    do {                                                                                           \
        if ((need) > (cap)) {                                                                      \
            size_t n_ = (cap) ? (cap) : 16;                                                        \
            while (n_ < (need)) n_ *= 2;                                                           \
            (v) = xrealloc((v), n_ * sizeof(*(v)));                                                \
            (cap) = n_;                                                                            \
        }                                                                                          \
    } while (0)

/* A growing, always NUL-terminated byte buffer. */
struct buf {
    char *p;
    size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n) {
    ALLOC_GROW(b->p, b->len + n + 1, b->cap);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_addch(struct buf *b, char c) { buf_add(b, &c, 1); }

static void buf_reset(struct buf *b) {
    b->len = 0;
    if (b->p) b->p[0] = '\0';
}

/* Strings that live until arena_reset() or arena_free().  Blocks are kept
 * on reset and reused: those after cur hold nothing live. */
#define ARENA_BLOCK (1u << 20)

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
};

struct arena {
    struct arena_block *first, *cur;
};

static char *arena_strndup(struct arena *a, const char *s, size_t n) {
    struct arena_block *b = a->cur;
    while (b && b->size - b->used < n + 1) {
        b = b->next;
        if (b) b->used = 0;
    }
    if (!b) {
        size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        b = xmalloc(sizeof(*b) + size);
        b->used = 0;
        b->size = size;
        b->next = a->cur ? a->cur->next : NULL;
        if (a->cur)
            a->cur->next = b;
        else
            a->first = b;
    }
    a->cur = b;
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_reset(struct arena *a) {
    a->cur = a->first;
    if (a->cur) a->cur->used = 0;
}

static void arena_free(struct arena *a) {
    struct arena_block *b = a->first;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->first = a->cur = NULL;
}

struct strlist {
    const char **v;
    size_t n, cap;
};

static void strlist_push(struct strlist *l, const char *s) {
    ALLOC_GROW(l->v, l->n + 1, l->cap);
    l->v[l->n++] = s;
}

static int strlist_has(const struct strlist *l, const char *s) {
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0) return 1;
    return 0;
}

/* ---- files ----------------------------------------------------------- */

/* Reads a whole file into a NUL-terminated buffer; NULL if it can't be
 * opened. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) buf_add(&b, chunk, n);
    if (ferror(f)) die("%s: read error", path);
    fclose(f);
    buf_add(&b, "", 0);
    *len = b.len;
    return b.p;
}

/* Inflates a whole .dict.dz (dictzip is gzip) into memory. */
static char *read_gzip(const char *path, size_t *len) {
    gzFile f = gzopen(path, "rb");
    if (!f) return NULL;
    gzbuffer(f, 1 << 17);
    size_t cap = 1 << 24, n = 0;
    char *p = xmalloc(cap);
    for (;;) {
        if (cap - n < (1 << 20)) p = xrealloc(p, cap *= 2);
        size_t room = cap - n - 1;
        int got = gzread(f, p + n, (unsigned)(room < (1u << 30) ? room : (1u << 30)));
        if (got < 0) {
            int err;
            const char *msg = gzerror(f, &err);
            die("%s: %s", path, msg);
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    gzclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}

/* ---- the index ------------------------------------------------------- */

struct idx_entry {
    const char *key;
    size_t off, len;
};

/* Decodes dictd's base64 number (A-Za-z0-9+/, most significant first). */
static int b64_number(const char *s, size_t *out) {
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t v = 0;
    if (!*s || strlen(s) > 10) return -1;
    for (; *s; s++) {
        const char *d = strchr(digits, *s);
        if (!d || !*d) return -1;
        v = v * 64 + (size_t)(d - digits);
    }
    *out = v;
    return 0;
}

static int is_meta_key(const char *key) {
    return strncmp(key, "00-database", 11) == 0 || strncmp(key, "00database", 10) == 0;
}

/* Splits the index text in place into entries pointing into the dict text;
 * meta entries and malformed lines are left out. */
static struct idx_entry *parse_index(char *text, size_t dict_len, size_t *count, size_t *bad) {
    struct idx_entry *v = NULL;
    size_t n = 0, cap = 0;
    *bad = 0;
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        size_t off, len;
        if (t2) {
            *t1 = *t2 = '\0';
            char *cr = strchr(t2 + 1, '\r');
            if (cr) *cr = '\0';
        }
        if (!t2 || b64_number(t1 + 1, &off) || b64_number(t2 + 1, &len) || off > dict_len ||
            len > dict_len - off) {
            if (*line) (*bad)++;
        } else if (!is_meta_key(line)) {
            ALLOC_GROW(v, n + 1, cap);
            v[n++] = (struct idx_entry){line, off, len};
        }
        if (!end) break;
        line = end + 1;
    }
    *count = n;
    return v;
}

static int cmp_idx(const void *a, const void *b) {
    const struct idx_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* ---- UTF-8 and letters ----------------------------------------------- */

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length, or 0
 * if it is malformed, overlong, a surrogate or beyond U+10FFFF. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    uint32_t c = s[0];
    size_t len;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, c &= 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, c &= 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, c &= 0x07;
    else
        return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

static int valid_utf8(const char *s) {
    size_t n = strlen(s);
    uint32_t c;
    for (size_t i = 0, k; i < n; i += k)
        if (!(k = utf8_decode((const unsigned char *)s + i, n - i, &c))) return 0;
    return 1;
}

static int is_kanji(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005;
}

static int is_letter(uint32_t c, enum script sc) {
    switch (sc) {
    case SCRIPT_LATIN:
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
               (c >= 0x1E00 && c <= 0x1EFF);
    case SCRIPT_ARABIC: /* letters and vowel marks; no digits, punctuation
                         * or tatweel (only "الـ"-like clitic forms have it) */
        return (c >= 0x620 && c <= 0x65F && c != 0x640) || (c >= 0x66E && c <= 0x6D3) ||
               (c >= 0x6D5 && c <= 0x6DC) || (c >= 0x6DF && c <= 0x6E8) ||
               (c >= 0x6EA && c <= 0x6FF && !(c >= 0x6F0 && c <= 0x6F9)) ||
               (c >= 0x750 && c <= 0x77F) || (c >= 0x8A0 && c <= 0x8FF) ||
               (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
    case SCRIPT_CYRILLIC: return (c >= 0x400 && c <= 0x4FF) || c == 0x301;
    case SCRIPT_GREEK:
        return (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) ||
               (c >= 0x1F00 && c <= 0x1FFF) || c == 0x301;
    case SCRIPT_JAPANESE: /* kanji, kana, 々, the long vowel mark */
        return is_kanji(c) || (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF);
    }
    return 0;
}

/* Letters of script sc, with single hyphens inside, and apostrophes:
 * ' for Latin, ' ’ ʼ too when `curly`. */
static int letters_inside(const char *s, size_t n, enum script sc, int curly) {
    int prev_letter = 0;
    uint32_t c;
    if (n == 0 || n > MAX_WORD_BYTES) return 0;
    for (size_t i = 0, k; i < n; i += k) {
        k = utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (!k) return 0;
        if (is_letter(c, sc)) {
            prev_letter = 1;
        } else if (c == '-' || c == 0x2010 || (c == '\'' && (sc == SCRIPT_LATIN || curly)) ||
                   (curly && (c == 0x2019 || c == 0x2BC))) {
            if (!prev_letter || i + k == n) return 0;
            prev_letter = 0;
        } else {
            return 0;
        }
    }
    return 1;
}

/* One word of script sc: letters, with single hyphens (and for Latin
 * apostrophes) inside. */
static int valid_word(const char *s, size_t n, enum script sc) {
    return letters_inside(s, n, sc, 0);
}

/* ---- cleaning dictionary text ---------------------------------------- */

/* Where the bracket opened at s[i] closes (brackets nest), or -1. */
static long bracket_end(const char *s, size_t n, size_t i) {
    int depth = 0;
    for (size_t j = i; j < n; j++) {
        if (s[j] == '(' || s[j] == '[' || s[j] == '{')
            depth++;
        else if ((s[j] == ')' || s[j] == ']' || s[j] == '}') && --depth == 0)
            return (long)j;
    }
    return -1;
}

/* Byte length of a list separator at s[i] (, ; and the Arabic comma and
 * semicolon), else 0. */
static size_t separator_len(const char *s, size_t n, size_t i) {
    const unsigned char *u = (const unsigned char *)s;
    if (s[i] == ',' || s[i] == ';') return 1;
    if (u[i] == 0xD8 && i + 1 < n && (u[i + 1] == 0x8C || u[i + 1] == 0x9B)) return 2;
    return 0;
}

#define SENSE_MARK '\001' /* mueller7: a numbered sense starts here */
#define GROUP_MARK '\002' /* mueller7: a semicolon */

/* Copies s to out as one alternative per line, leaving out remarks in
 * (...), [...] and {...}.  Freedict text also loses " /pronunciations/" and
 * everything from a <pos tag> to the next separator (text glued to a tag is
 * an abbreviation: "edition <n>ed.").  Mueller text loses its "_labels."
 * and has SENSE_MARK and GROUP_MARK (for ';') lines. */
static void split_alternatives(const char *s, size_t n, enum layout layout, struct buf *out) {
    int dropping = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        size_t sep = separator_len(s, n, i);
        const char *close;
        long e;
        if (sep || c == SENSE_MARK) {
            buf_addch(out, '\n');
            if (c == SENSE_MARK)
                buf_add(out, "\001\n", 2);
            else if (c == ';' && layout == LAYOUT_MUELLER)
                buf_add(out, "\002\n", 2);
            dropping = 0;
            i += sep ? sep : 1;
        } else if (c == '(' || c == '[' || c == '{') {
            e = bracket_end(s, n, i);
            buf_addch(out, ' ');
            i = e < 0 ? i + 1 : (size_t)e + 1;
        } else if (dropping) {
            i++;
        } else if (layout == LAYOUT_FREEDICT && c == '<' &&
                   (close = memchr(s + i, '>', n - i)) != NULL) {
            dropping = 1;
            i = (size_t)(close - s) + 1;
        } else if (layout == LAYOUT_FREEDICT && c == '/' && (i == 0 || s[i - 1] == ' ') &&
                   (close = memchr(s + i + 1, '/', n - i - 1)) != NULL) {
            i = (size_t)(close - s) + 1;
        } else if (layout == LAYOUT_MUELLER && c == '_') {
            while (i < n && s[i] != ' ' && s[i] != '.' && s[i] != SENSE_MARK) i++;
            if (i < n && s[i] == '.') i++;
            buf_addch(out, ' ');
        } else {
            buf_addch(out, c);
            i++;
        }
    }
}

/* Is the code point at s[i] punctuation to trim off an alternative? */
static size_t trim_len(const char *s, size_t n, size_t i) {
    static const char *const marks[] = {"\xc2\xab",     "\xc2\xbb",     "\xe2\x80\x9c",
                                        "\xe2\x80\x9d", "\xe2\x80\x9e", NULL};
    if (s[i] && strchr(" \t\"!?:", s[i])) return 1;
    for (int k = 0; marks[k]; k++) {
        size_t m = strlen(marks[k]);
        if (i + m <= n && memcmp(s + i, marks[k], m) == 0) return m;
    }
    return 0;
}

/* Copies an alternative to out with runs of spaces made single and quotes,
 * ! ? : trimmed at both ends. */
static void normalize_piece(const char *s, size_t n, struct buf *out) {
    buf_reset(out);
    size_t k;
    while (n > 0 && (k = trim_len(s, n, 0)) > 0) s += k, n -= k;
    for (;;) { /* trailing marks: try each length a mark can have */
        size_t m = 0;
        for (size_t back = 1; back <= 3 && back <= n && !m; back++)
            if (trim_len(s, n, n - back) == back) m = back;
        if (!m) break;
        n -= m;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            if (out->len && out->p[out->len - 1] != ' ') buf_addch(out, ' ');
        } else {
            buf_addch(out, s[i]);
        }
    }
}

/* A foreign word: one word of the dictionary's script, kept as written. */
static int accept_foreign(const struct dict_spec *d, const char *s) {
    return valid_word(s, strlen(s), d->script);
}

/* Ding's placeholders for objects, left out of English phrases. */
static int is_placeholder(const char *w, size_t n) {
    static const char *const ph[] = {"sth.", "sb.", "sb.'s", "sth.'s", "so.", NULL};
    for (int i = 0; ph[i]; i++)
        if (strlen(ph[i]) == n && memcmp(ph[i], w, n) == 0) return 1;
    return 0;
}

/* Rewrites an English alternative in place into the form printed, or
 * returns 0 if it isn't one or two plain English words. */
static int accept_english(const struct dict_spec *d, struct buf *piece, struct buf *tmp) {
    buf_reset(tmp);
    const char *s = piece->p;
    int words = 0;
    while (*s) {
        size_t n = strcspn(s, " ");
        if (n && !is_placeholder(s, n)) {
            if (!valid_word(s, n, SCRIPT_LATIN)) return 0;
            if (tmp->len) buf_addch(tmp, ' ');
            for (size_t i = 0; i < n; i++) {
                char c = s[i];
                if (i + 3 <= n && memcmp(s + i, "\xe2\x80\x90", 3) == 0) {
                    buf_addch(tmp, '-'); /* U+2010 HYPHEN */
                    i += 2;
                    continue;
                }
                if (d->split_camel && i > 0 && c >= 'A' && c <= 'Z' && s[i - 1] >= 'a' &&
                    s[i - 1] <= 'z') {
                    buf_addch(tmp, ' ');
                    words++;
                }
                if (d->lower_english && c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
                buf_addch(tmp, c);
            }
            words++;
        }
        s += n;
        while (*s == ' ') s++;
    }
    if (words == 0 || words > MAX_EN_WORDS) return 0;
    buf_reset(piece);
    buf_add(piece, tmp->p, tmp->len);
    return 1;
}

/* An English headword of eng->foreign dictionaries: a single word that is
 * not an abbreviation (no dots, at most one capital, two letters or more). */
static int accept_english_head(const struct dict_spec *d, struct buf *w, struct buf *tmp) {
    int caps = 0;
    if (w->len < 2 || strchr(w->p, ' ') || !valid_word(w->p, w->len, SCRIPT_LATIN)) return 0;
    for (const char *s = w->p; *s; s++) caps += *s >= 'A' && *s <= 'Z';
    if (caps > 1) return 0;
    return accept_english(d, w, tmp);
}

/* ---- parsing entries ------------------------------------------------- */

struct entry {
    size_t off, size;
    size_t examples;      /* quoted example lines */
    struct strlist heads; /* headwords, already accepted */
    struct strlist trans; /* translations in order, accepted, unique */
};

struct ctx {
    const struct dict_spec *d;
    struct arena scratch; /* strings of the current group of entries */
    struct buf alts, piece, tmp, joined;
};

static size_t leading_spaces(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    return i;
}

/* Quoted alternatives are examples or figurative uses. */
static int is_quoted(const char *s, size_t n) {
    size_t i = leading_spaces(s, n);
    return (i < n && s[i] == '"') || (i + 1 < n && memcmp(s + i, "\xc2\xab", 2) == 0);
}

/* Runs each line of text (alternatives, as split_alternatives makes them)
 * through the checks for a headword or a translation and keeps the good
 * ones in list. */
static void collect(struct ctx *c, const char *text, int english, int head, struct strlist *list) {
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n");
        if (!(n == 1 && (s[0] == SENSE_MARK || s[0] == GROUP_MARK)) && !is_quoted(s, n)) {
            normalize_piece(s, n, &c->piece);
            int ok;
            if (c->piece.len == 0)
                ok = 0;
            else if (!english)
                ok = accept_foreign(c->d, c->piece.p);
            else if (head)
                ok = accept_english_head(c->d, &c->piece, &c->tmp);
            else
                ok = accept_english(c->d, &c->piece, &c->tmp);
            if (ok && !strlist_has(list, c->piece.p))
                strlist_push(list, arena_strndup(&c->scratch, c->piece.p, c->piece.len));
        }
        s += n;
        if (*s) s++;
    }
}

/* JMdict (freedict-jpn-eng) marks the words common in newspapers and word
 * lists on the headword line ("[news1]", "[ichi1]", "[spec2]", "[gai1]",
 * "[nf02]"); the lexicon takes those only (about one entry in six, the rest
 * would double its size for rare words). */
static int japanese_common(const char *s, size_t n) {
    static const char *const marks[] = {"[news", "[ichi", "[spec", "[gai", "[nf", NULL};
    for (int k = 0; marks[k]; k++) {
        size_t ml = strlen(marks[k]);
        for (size_t i = 0; i + ml <= n; i++)
            if (memcmp(s + i, marks[k], ml) == 0) return 1;
    }
    return 0;
}

/* A Japanese entry's headwords with kanji, when it has some: the kana ones
 * are then readings (ちかく: near, perception, the earth's crust), which a
 * text writes in kanji. */
static void kanji_heads_only(struct strlist *heads) {
    size_t kept = 0;
    int any = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t h = 0; h < heads->n; h++) {
            const unsigned char *w = (const unsigned char *)heads->v[h];
            size_t n = strlen(heads->v[h]);
            int kanji = 0;
            uint32_t c;
            for (size_t i = 0, k; i < n && (k = utf8_decode(w + i, n - i, &c)); i += k)
                kanji |= is_kanji(c);
            if (pass == 0)
                any |= kanji;
            else if (kanji || !any)
                heads->v[kept++] = heads->v[h];
        }
    heads->n = kept;
}

/* Freedict layout: a headword line ("Haus /hˈaʊs/ <neut, n, sg>"), then
 * translation lines, possibly numbered ("1. time, while"); examples,
 * notes, synonyms and cross-references come after, indented or as "see:",
 * and end the translations. */
static void parse_freedict(struct ctx *c, const char *body, size_t len, struct entry *e) {
    const struct dict_spec *d = c->d;
    const char *end = body + len;
    int first = 1, done = 0;
    for (const char *line = body; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        size_t sp = leading_spaces(line, n);
        const char *s = line + sp;
        size_t m = n - sp;
        line += n + 1;
        if (first) {
            first = 0;
            if (d->script == SCRIPT_JAPANESE && !japanese_common(s, m)) return;
            buf_reset(&c->alts);
            split_alternatives(s, m, d->layout, &c->alts);
            collect(c, c->alts.p, d->inverted, 1, &e->heads);
            if (d->script == SCRIPT_JAPANESE) kanji_heads_only(&e->heads);
            if (e->heads.n == 0) return;
            continue;
        }
        if (sp >= 3 || (m >= 4 && memcmp(s, "see:", 4) == 0)) done = 1;
        if (done) {
            e->examples += sp >= 3 && m > 0 && s[0] == '"';
            continue;
        }
        size_t k = 0;
        while (k < m && s[k] >= '0' && s[k] <= '9') k++;
        if (k > 0 && k < m && s[k] == '.') s += k + 1, m -= k + 1;
        for (size_t i = 0; i + 3 <= m; i++) /* "word - explanation" */
            if (memcmp(s + i, " - ", 3) == 0) m = i;
        buf_reset(&c->alts);
        split_alternatives(s, m, d->layout, &c->alts);
        collect(c, c->alts.p, !d->inverted, 0, &e->trans);
    }
}

/* Length of a mueller7 sense number at the start of a line: "1." (part of
 * speech), "1)" or "_I" (homonym) start a sense; "а)" (Cyrillic letter:
 * sub-sense or meanings of a phrase) returns 0 with *sub set. */
static size_t sense_number(const char *s, size_t n, int *sub) {
    size_t k = 0;
    *sub = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9') k++;
    if (k > 0 && k < n && (s[k] == ')' || s[k] == '.')) return k + 1;
    if (n >= 2 && s[0] == '_' && s[1] == 'I') {
        k = 1;
        while (k < n && (s[k] == 'I' || s[k] == 'V')) k++;
        if (k == n || s[k] == ' ' || s[k] == '_' || s[k] == '[') return k;
    }
    if (n >= 3 && ((unsigned char)s[0] == 0xD0 || (unsigned char)s[0] == 0xD1) && s[2] == ')')
        *sub = 1;
    return 0;
}

/* The first word of s: returns where it starts, its length in *len. */
static const char *first_word(const char *s, size_t n, size_t *len) {
    size_t i = leading_spaces(s, n), w = i;
    while (w < n && s[w] != ' ') w++;
    *len = w - i;
    return s + i;
}

static int word_in(const char *w, size_t n, const char *const *list) {
    for (int k = 0; list[k]; k++)
        if (strlen(list[k]) == n && memcmp(w, list[k], n) == 0) return 1;
    return 0;
}

/* Is Russian alternative s a clause explaining the one before it, prev,
 * rather than another translation: "время, когда начинают петь петухи",
 * "тот, кто принимает", "человек, всецело преданный делу", "человек,
 * увиливающий"? */
static int explains(const char *prev, size_t pn, const char *s, size_t n) {
    static const char *const relative[] = {"кто",     "когда",    "который", "которая", "которое",
                                           "которые", "которого", "которой", "которым", "где",
                                           "куда",    "откуда",   "что",     "чтобы",   "если",
                                           "чей",     "чья",      "чьё",     "чьи",     NULL};
    static const char *const generic[] = {
        "тот",     "та",       "то",       "те",    "человек", "лицо",       "люди",
        "мужчина", "женщина",  "предмет",  "вещь",  "место",   "устройство", "приспособление",
        "прибор",  "животное", "растение", "птица", "рыба",    "судно",      NULL};
    static const char *const participle[] = {"щий",   "щая",   "щее",   "щие", "щийся",
                                             "щаяся", "щееся", "щиеся", NULL};
    size_t wn, pw;
    const char *w = first_word(s, n, &wn), *p = first_word(prev, pn, &pw);

    if (word_in(w, wn, relative)) return 1;
    if (!word_in(p, pw, generic)) return 0;
    if (w + wn + leading_spaces(w + wn, n - (size_t)(w - s) - wn) < s + n)
        return 1; /* more than one word */
    for (int k = 0; participle[k]; k++) {
        size_t e = strlen(participle[k]);
        if (wn > e + 2 && memcmp(w + wn - e, participle[k], e) == 0) return 1;
    }
    return 0;
}

/* Blanks out the alternatives (one a line, senses started by SENSE_MARK
 * lines) that aren't translations: everything in a sense from the first
 * alternative with Latin letters on (examples, idioms, references); a
 * word a clause after a comma explains ("время, когда начинают петь
 * петухи"). */
static void keep_translations(char *text) {
    int active = 0;
    char *prev = NULL;
    for (char *s = text; *s;) {
        size_t m = strcspn(s, "\n");
        if (m == 1 && s[0] == SENSE_MARK) {
            active = 1;
            prev = NULL;
        } else if (m == 1 && s[0] == GROUP_MARK) {
            prev = NULL;
        } else {
            int latin = 0;
            for (size_t i = 0; i < m; i++)
                latin |= (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
            if (latin) active = 0;
            if (!active) {
                memset(s, ' ', m);
            } else if (prev && explains(prev, (size_t)(s - 1 - prev), s, m)) {
                memset(prev, ' ', (size_t)(s - 1 - prev));
            }
            prev = active ? s : NULL;
        }
        s += m;
        if (*s) s++;
    }
}

/* Mueller layout: the English headword on the first line, then wrapped
 * text where numbered senses start lines.  A sense's translations are its
 * Russian alternatives up to the first one with Latin letters in it (an
 * example, an idiom or a reference), which ends the sense. */
static void parse_mueller(struct ctx *c, const char *body, size_t len, struct entry *e) {
    const char *end = body + len, *nl = memchr(body, '\n', len);
    size_t n = nl ? (size_t)(nl - body) : len;
    buf_reset(&c->alts);
    buf_add(&c->alts, body, n);
    collect(c, c->alts.p, 1, 1, &e->heads);
    if (e->heads.n == 0 || !nl) return;

    buf_reset(&c->joined);
    buf_addch(&c->joined, SENSE_MARK);
    for (const char *line = nl + 1; line < end;) {
        const char *next = memchr(line, '\n', (size_t)(end - line));
        size_t m = next ? (size_t)(next - line) : (size_t)(end - line);
        size_t sp = leading_spaces(line, m), k;
        int sub;
        const char *s = line + sp;
        m -= sp;
        line += sp + m + 1;
        if ((k = sense_number(s, m, &sub)) > 0) {
            buf_addch(&c->joined, SENSE_MARK);
            s += k, m -= k;
        } else if (sub) {
            buf_addch(&c->joined, ';');
            s += 3, m -= 3;
        }
        buf_addch(&c->joined, ' ');
        buf_add(&c->joined, s, m);
    }
    buf_reset(&c->alts);
    split_alternatives(c->joined.p, c->joined.len, LAYOUT_MUELLER, &c->alts);

    keep_translations(c->alts.p);
    collect(c, c->alts.p, 0, 0, &e->trans);
}

/* ---- pairs ----------------------------------------------------------- */

struct pair {
    const char *foreign, *english;
    int rank;
    const char *lang;
    unsigned char dict; /* index into dicts[] of the source */
};

static struct pair *pairs;
static size_t npairs, pairs_cap;
static struct arena pair_strings;

static void add_pair(size_t dict, const char *foreign, const char *english, int rank) {
    ALLOC_GROW(pairs, npairs + 1, pairs_cap);
    pairs[npairs++] = (struct pair){arena_strndup(&pair_strings, foreign, strlen(foreign)),
                                    arena_strndup(&pair_strings, english, strlen(english)), rank,
                                    dicts[dict].lang, (unsigned char)dict};
}

/* Order for removing duplicates: equal (lang, foreign, english) together,
 * best rank first. */
static int cmp_pair_key(const void *a, const void *b) {
    const struct pair *x = a, *y = b;
    int c = strcmp(x->lang, y->lang);
    if (!c) c = strcmp(x->foreign, y->foreign);
    if (!c) c = strcmp(x->english, y->english);
    if (!c) c = x->rank - y->rank;
    if (!c) c = x->dict - y->dict;
    return c;
}

static int cmp_pair_out(const void *a, const void *b) {
    const struct pair *x = a, *y = b;
    int c = strcmp(x->lang, y->lang);
    if (!c) c = strcmp(x->foreign, y->foreign);
    if (!c) c = x->rank - y->rank;
    if (!c) c = strcmp(x->english, y->english);
    return c;
}

/* ---- one dictionary -------------------------------------------------- */

/* A headword of one entry; a group's units are sorted so that a headword's
 * entries come together, main senses first: those with the most examples,
 * then the largest. */
struct unit {
    const char *head;
    const struct entry *e;
};

static int cmp_unit(const void *a, const void *b) {
    const struct unit *x = a, *y = b;
    int c = strcmp(x->head, y->head);
    if (c) return c;
    if (x->e->examples != y->e->examples) return x->e->examples > y->e->examples ? -1 : 1;
    if (x->e->size != y->e->size) return x->e->size > y->e->size ? -1 : 1;
    return x->e->off < y->e->off ? -1 : x->e->off > y->e->off;
}

struct group_state {
    struct entry *entries;
    size_t nentries, entries_cap;
    struct unit *units;
    size_t nunits, units_cap;
    struct strlist seen;
};

/* Parses the entries of one index key (dup offsets already removed) and
 * adds their pairs, ranking each headword's translations in order. */
static void process_group(struct ctx *c, size_t dict, const char *text, const struct idx_entry *ix,
                          size_t n, struct group_state *g) {
    arena_reset(&c->scratch);
    ALLOC_GROW(g->entries, n, g->entries_cap);
    for (size_t i = g->nentries; i < n; i++) memset(&g->entries[i], 0, sizeof(g->entries[i]));
    if (n > g->nentries) g->nentries = n;
    g->nunits = 0;
    for (size_t i = 0; i < n; i++) {
        struct entry *e = &g->entries[i];
        e->off = ix[i].off;
        e->size = ix[i].len;
        e->heads.n = e->trans.n = 0;
        e->examples = 0;
        if (c->d->layout == LAYOUT_MUELLER)
            parse_mueller(c, text + e->off, e->size, e);
        else
            parse_freedict(c, text + e->off, e->size, e);
        if (e->trans.n == 0) continue;
        for (size_t h = 0; h < e->heads.n; h++) {
            ALLOC_GROW(g->units, g->nunits + 1, g->units_cap);
            g->units[g->nunits++] = (struct unit){e->heads.v[h], e};
        }
    }
    if (g->nunits) qsort(g->units, g->nunits, sizeof(*g->units), cmp_unit);
    int rank = 0;
    for (size_t u = 0; u < g->nunits; u++) {
        const struct unit *un = &g->units[u];
        if (u == 0 || strcmp(un->head, g->units[u - 1].head) != 0) {
            rank = 0;
            g->seen.n = 0;
        }
        int taken = 0;
        for (size_t t = 0; t < un->e->trans.n && taken < MAX_PER_ENTRY; t++) {
            const char *tr = un->e->trans.v[t];
            if (strlist_has(&g->seen, tr)) continue;
            strlist_push(&g->seen, tr);
            taken++;
            if (c->d->inverted)
                add_pair(dict, tr, un->head, ++rank);
            else
                add_pair(dict, un->head, tr, ++rank);
        }
    }
}

static void free_group_state(struct group_state *g) {
    for (size_t i = 0; i < g->nentries; i++) {
        free(g->entries[i].heads.v);
        free(g->entries[i].trans.v);
    }
    free(g->entries);
    free(g->units);
    free(g->seen.v);
}

/* Reads one dictionary and adds its pairs; returns the number of entries
 * read, or -1 if the dictionary isn't there. */
static long read_dict(const char *dir, size_t dict) {
    const struct dict_spec *d = &dicts[dict];
    size_t plen = strlen(dir) + strlen(d->name) + 16;
    char *path = xmalloc(plen);

    snprintf(path, plen, "%s/%s.dict.dz", dir, d->name);
    size_t text_len, index_len;
    char *text = read_gzip(path, &text_len);
    if (!text) {
        fprintf(stderr, "gen_dict_pairs: %s: missing, skipped\n", path);
        free(path);
        return -1;
    }
    snprintf(path, plen, "%s/%s.index", dir, d->name);
    char *index = read_file(path, &index_len);
    if (!index) {
        fprintf(stderr, "gen_dict_pairs: %s: missing, skipped\n", path);
        free(text);
        free(path);
        return -1;
    }

    size_t n, bad;
    struct idx_entry *ix = parse_index(index, text_len, &n, &bad);
    if (bad) fprintf(stderr, "gen_dict_pairs: %s: %zu bad index lines\n", path, bad);
    if (n) qsort(ix, n, sizeof(*ix), cmp_idx);

    struct ctx c = {.d = d};
    struct group_state g = {0};
    long entries = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, k = i;
        while (j < n && strcmp(ix[j].key, ix[i].key) == 0) {
            if (k == i || ix[j].off != ix[k - 1].off || ix[j].len != ix[k - 1].len) ix[k++] = ix[j];
            j++;
        }
        process_group(&c, dict, text, ix + i, k - i, &g);
        entries += (long)(k - i);
        i = j;
    }

    free_group_state(&g);
    arena_free(&c.scratch);
    free(c.alts.p);
    free(c.piece.p);
    free(c.tmp.p);
    free(c.joined.p);
    free(ix);
    free(index);
    free(text);
    free(path);
    return entries;
}

/* ---- Ukrainian through Russian ------------------------------------------ */

/* apertium-rus-ukr has no Ukrainian -> English dictionary, but a Ukrainian
 * -> Russian one (ukr-rus.autobil.bin, ~11,000 lemmas), which lt-print
 * dumps as AT&T text: sections split by "--" lines, arcs "FROM TAB TO TAB
 * IN TAB OUT TAB WEIGHT", final states "STATE TAB WEIGHT", symbols one
 * letter, a <tag> or ε.  Each path from state 0 to a final state is one
 * entry, "відповідь<n><f><nn>" : "ответ<n><m><nn>"; its lemmas are the
 * letters before the first tag on either side.  A Ukrainian lemma then
 * takes the English of its Russian lemmas (mueller7's, ё read as е), the
 * rank of the English word among the Russian word's plus the Russian
 * word's place among the Ukrainian word's. */

struct att_arc {
    uint32_t from, to;
    const char *in, *out;
    size_t order; /* in the file: a state's arcs keep it */
};

struct att {
    struct att_arc *arcs;
    size_t narcs, cap;
    size_t *first;          /* arcs of state s: arcs[first[s] .. first[s + 1]) */
    unsigned char *final;   /* per state */
    unsigned char *on_path; /* per state, while walking */
    uint32_t nstates;
};

static int cmp_arc(const void *a, const void *b) {
    const struct att_arc *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* A superscript digit homonyms are numbered with ("верх¹"): left out. */
static int is_superscript(const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    return (u[0] == 0xC2 && (u[1] == 0xB2 || u[1] == 0xB3 || u[1] == 0xB9) && !u[2]) ||
           (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xB0 && u[2] <= 0xB9 && !u[3]);
}

static int is_tag(const char *s) { return s[0] == '<' && s[1] != '\0'; }

static int is_epsilon(const char *s) { return strcmp(s, "\xce\xb5") == 0 || strcmp(s, "@0@") == 0; }

/* A lemma of letters (Cyrillic on the Ukrainian side) with single hyphens
 * and apostrophes (' ’ ʼ: "об'єкт") inside. */
static int valid_lemma(const char *s, size_t n) { return letters_inside(s, n, SCRIPT_CYRILLIC, 1); }

struct lemma_pair {
    const char *uk, *ru;
    size_t order; /* of discovery */
};

static int cmp_lemma_pair(const void *a, const void *b) {
    const struct lemma_pair *x = a, *y = b;
    int c = strcmp(x->uk, y->uk);
    return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

struct walk {
    struct att *t;
    struct buf in, out;
    int in_done, out_done;
    struct lemma_pair *found;
    size_t nfound, found_cap;
    struct arena strings;
};

/* Walks every path from state s; lemmas end at their side's first tag.  A
 * path whose Ukrainian lemma can no longer be a word is given up. */
static void walk_paths(struct walk *w, uint32_t s) {
    struct att *t = w->t;
    if (t->final[s] && w->in.len && w->out.len && valid_lemma(w->in.p, w->in.len) &&
        valid_lemma(w->out.p, w->out.len)) {
        ALLOC_GROW(w->found, w->nfound + 1, w->found_cap);
        w->found[w->nfound] =
            (struct lemma_pair){arena_strndup(&w->strings, w->in.p, w->in.len),
                                arena_strndup(&w->strings, w->out.p, w->out.len), w->nfound};
        w->nfound++;
    }
    t->on_path[s] = 1;
    for (size_t a = t->first[s]; a < t->first[s + 1]; a++) {
        const struct att_arc *arc = &t->arcs[a];
        if (t->on_path[arc->to]) continue;
        size_t in_len = w->in.len, out_len = w->out.len;
        int in_done = w->in_done, out_done = w->out_done, dead = 0;
        if (is_tag(arc->in))
            w->in_done = 1;
        else if (!w->in_done && !is_epsilon(arc->in) && !is_superscript(arc->in)) {
            buf_add(&w->in, arc->in, strlen(arc->in));
            uint32_t c;
            dead = w->in.len > MAX_WORD_BYTES ||
                   (utf8_decode((const unsigned char *)arc->in, strlen(arc->in), &c) && c < 0x80 &&
                    c != '-' && c != '\'');
        }
        if (is_tag(arc->out))
            w->out_done = 1;
        else if (!w->out_done && !is_epsilon(arc->out) && !is_superscript(arc->out))
            buf_add(&w->out, arc->out, strlen(arc->out));
        if (!dead && w->out.len <= MAX_WORD_BYTES) walk_paths(w, arc->to);
        w->in.len = in_len, w->out.len = out_len;
        if (w->in.p) w->in.p[in_len] = '\0';
        if (w->out.p) w->out.p[out_len] = '\0';
        w->in_done = in_done, w->out_done = out_done;
    }
    t->on_path[s] = 0;
}

/* Walks one section's arcs (t->arcs, read) and empties it. */
static void walk_section(struct walk *w, struct att *t) {
    if (t->narcs == 0) return;
    qsort(t->arcs, t->narcs, sizeof(*t->arcs), cmp_arc);
    t->first = xrealloc(t->first, ((size_t)t->nstates + 2) * sizeof(*t->first));
    t->on_path = xrealloc(t->on_path, (size_t)t->nstates + 1);
    memset(t->on_path, 0, (size_t)t->nstates + 1);
    for (size_t s = 0, a = 0; s <= t->nstates + 1; s++) {
        while (a < t->narcs && t->arcs[a].from < s) a++;
        t->first[s] = a;
    }
    w->t = t;
    walk_paths(w, 0);
    t->narcs = 0;
}

/* Reads lt-print's dump at path into "UK TAB RU" lines; dies on a line it
 * cannot read (naming it). */
static void read_att(const char *path, struct walk *w) {
    size_t len;
    char *text = read_file(path, &len);
    if (!text) die("%s: cannot read", path);
    struct att t = {0};
    size_t lineno = 0;
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (end) *end = '\0';
        lineno++;
        char *f[5];
        int nf = 0;
        for (char *p = line; nf < 5;) {
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        if (strcmp(line, "--") == 0) {
            walk_section(w, &t);
            memset(t.final, 0, (size_t)t.nstates + 1);
            t.nstates = 0;
        } else if (*line) {
            char *e1, *e2 = NULL;
            unsigned long from = strtoul(f[0], &e1, 10), to = 0;
            if (nf >= 4) to = strtoul(f[1], &e2, 10);
            if (*e1 || (nf >= 4 && *e2) || (nf != 1 && nf != 2 && nf != 4 && nf != 5) ||
                from > 50000000 || to > 50000000)
                die("%s:%zu: not an AT&T arc or final state", path, lineno);
            uint32_t top = (uint32_t)(from > to ? from : to);
            if (top + 1 > t.nstates) {
                size_t old = t.nstates ? (size_t)t.nstates + 1 : 0;
                t.final = xrealloc(t.final, (size_t)top + 2);
                memset(t.final + old, 0, (size_t)top + 2 - old);
                t.nstates = top + 1;
            }
            if (nf <= 2) {
                t.final[from] = 1;
            } else {
                ALLOC_GROW(t.arcs, t.narcs + 1, t.cap);
                t.arcs[t.narcs] = (struct att_arc){
                    (uint32_t)from, (uint32_t)to, arena_strndup(&w->strings, f[2], strlen(f[2])),
                    arena_strndup(&w->strings, f[3], strlen(f[3])), t.narcs};
                t.narcs++;
            }
        }
        if (!end) break;
        line = end + 1;
    }
    walk_section(w, &t);
    free(t.arcs);
    free(t.first);
    free(t.final);
    free(t.on_path);
    free(text);
}

/* s with ё/Ё as е/Е, in the arena. */
static const char *fold_yo(struct arena *a, const char *s) {
    char *r = arena_strndup(a, s, strlen(s));
    for (char *p = r; p[0] && p[1]; p++) {
        unsigned char *u = (unsigned char *)p;
        if (u[0] == 0xD1 && u[1] == 0x91)
            u[0] = 0xD0, u[1] = 0xB5;
        else if (u[0] == 0xD0 && u[1] == 0x81)
            u[1] = 0x95;
    }
    return r;
}

struct ru_pair {
    const char *ru, *english;
    int rank;
};

static int cmp_ru_pair(const void *a, const void *b) {
    const struct ru_pair *x = a, *y = b;
    int c = strcmp(x->ru, y->ru);
    return c ? c : x->rank - y->rank;
}

/* Adds the Ukrainian pairs of the dump at path through the Russian pairs
 * read so far; returns the number of Ukrainian lemmas read. */
static long pivot_ukrainian(const char *path, size_t dict) {
    struct walk w = {0};
    read_att(path, &w);

    struct arena folded = {0};
    struct ru_pair *ru = NULL;
    size_t nru = 0, ru_cap = 0;
    for (size_t i = 0; i < npairs; i++)
        if (strcmp(pairs[i].lang, "ru") == 0) {
            ALLOC_GROW(ru, nru + 1, ru_cap);
            ru[nru++] = (struct ru_pair){fold_yo(&folded, pairs[i].foreign), pairs[i].english,
                                         pairs[i].rank};
        }
    if (nru) qsort(ru, nru, sizeof(*ru), cmp_ru_pair);

    /* A Ukrainian lemma's Russian lemmas are numbered in the order found. */
    if (w.nfound) qsort(w.found, w.nfound, sizeof(*w.found), cmp_lemma_pair);
    long lemmas = 0;
    for (size_t i = 0; i < w.nfound;) {
        size_t j = i;
        while (j < w.nfound && strcmp(w.found[j].uk, w.found[i].uk) == 0) j++;
        lemmas++;
        int nth = 0;
        for (size_t k = i; k < j; k++) {
            int again = 0;
            for (size_t x = i; x < k; x++) again |= strcmp(w.found[x].ru, w.found[k].ru) == 0;
            if (again) continue;
            const char *want = fold_yo(&folded, w.found[k].ru);
            size_t lo = 0, hi = nru;
            while (lo < hi) { /* the first pair of that Russian word */
                size_t mid = (lo + hi) / 2;
                if (strcmp(ru[mid].ru, want) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t r = lo; r < nru && strcmp(ru[r].ru, want) == 0; r++)
                add_pair(dict, w.found[k].uk, ru[r].english, ru[r].rank + nth);
            nth++;
        }
        i = j;
    }
    free(ru);
    arena_free(&folded);
    arena_free(&w.strings);
    free(w.found);
    free(w.in.p);
    free(w.out.p);
    return lemmas;
}

int main(int argc, char **argv) {
    long entries[NDICTS];
    size_t written[NDICTS] = {0};

    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: gen_dict_pairs DICTDIR [UKR_RUS.att] > pairs.tsv\n");
        return 2;
    }
    for (size_t i = 0; i < NDICTS; i++)
        entries[i] = dicts[i].layout == LAYOUT_PIVOT ? -1 : read_dict(argv[1], i);
    for (size_t i = 0; i < NDICTS; i++)
        if (dicts[i].layout == LAYOUT_PIVOT && argc == 3) entries[i] = pivot_ukrainian(argv[2], i);

    if (npairs) qsort(pairs, npairs, sizeof(*pairs), cmp_pair_key);
    size_t kept = 0;
    for (size_t i = 0; i < npairs; i++) {
        if (kept && strcmp(pairs[kept - 1].lang, pairs[i].lang) == 0 &&
            strcmp(pairs[kept - 1].foreign, pairs[i].foreign) == 0 &&
            strcmp(pairs[kept - 1].english, pairs[i].english) == 0)
            continue;
        pairs[kept++] = pairs[i];
    }
    if (kept) qsort(pairs, kept, sizeof(*pairs), cmp_pair_out);

    for (size_t i = 0; i < kept; i++) {
        const struct pair *p = &pairs[i];
        if (!valid_utf8(p->foreign) || !valid_utf8(p->english)) continue;
        printf("%s\t%s\t%s\t%d\n", p->lang, p->foreign, p->english, p->rank);
        written[p->dict]++;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) die("write error on stdout");

    for (size_t i = 0; i < NDICTS; i++)
        if (entries[i] >= 0)
            fprintf(stderr, "gen_dict_pairs: %-18s %s: %ld entries read, %zu pairs written\n",
                    dicts[i].name, dicts[i].lang, entries[i], written[i]);
    free(pairs);
    arena_free(&pair_strings);
    return 0;
}
