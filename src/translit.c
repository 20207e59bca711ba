/* translit.c -- transliteration and phonetic keys.  See translit.h. */
#include "translit.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define MAX_WORD 64          /* UTF-16 units; longer words give no key */
#define CACHE_MAX (1u << 18) /* cached words before the cache is dropped */

struct skein__translit {
    UTransliterator *tr;
    u64map cache; /* hash(word) -> key hash + 1 (1: no key) */
};

skein__translit *skein__translit_new(void) {
    skein__translit *t = calloc(1, sizeof(*t));
    if (!t) return NULL;
    UErrorCode err = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, "Any-Latin; Latin-ASCII");
    t->tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err)) {
        skein__translit_free(t);
        return NULL;
    }
    skein__u64map_init(&t->cache);
    return t;
}

void skein__translit_free(skein__translit *t) {
    if (!t) return;
    if (t->tr) utrans_close(t->tr);
    skein__u64map_release(&t->cache);
    free(t);
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* The digraphs that spell one sound across transliteration schemes. */
static char digraph(char a, char b) {
    if (b != 'h' && !(a == 'c' && b == 'k')) return 0;
    switch (a) {
    case 'g': return 'g';
    case 'k': return 'k';
    case 's': return 's';
    case 't': return 't';
    case 'p': return 'f';
    case 'z': return 'z';
    case 'c': return 'k';
    default: return 0;
    }
}

static char merge(char c) {
    switch (c) {
    case 'p': return 'b';
    case 'v': return 'f';
    case 'c':
    case 'q': return 'k';
    default: return c;
    }
}

size_t skein__phonetic_key(const char *w, size_t len, int arabic, char *out, size_t cap) {
    char letters[MAX_WORD * 2];
    size_t n = 0;
    for (size_t i = 0; i < len && n < sizeof(letters); i++) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c >= 'a' && c <= 'z') letters[n++] = c;
    }
    size_t i = 0, k = 0;
    if (arabic && n > 4 && letters[0] == 'a' && letters[1] == 'l') i = 2;
    for (; i < n && k + 1 < cap; i++) {
        char c = letters[i], d = i + 1 < n ? digraph(c, letters[i + 1]) : 0;
        if (c == 't' && i + 2 < n && letters[i + 1] == 's' && letters[i + 2] == 'h')
            c = 'k', i += 2; /* Arabic writes "ch" as tsh: تشيلي, Chile */
        else if (d)
            c = d, i++;
        c = merge(c);
        if (k == 0)
            c = is_vowel(c) ? 'a' : c;
        else if (is_vowel(c) || c == 'y' || c == 'w' || c == 'j')
            continue;
        if (k > 0 && out[k - 1] == c) continue;
        out[k++] = c;
    }
    out[k] = 0;
    return k >= 2 ? k : 0;
}

/* Transliterates w into ASCII `out`; returns its length or 0. */
static size_t to_ascii(skein__translit *t, const char *w, size_t len, char *out, size_t cap,
                       int *arabic) {
    UChar u[MAX_WORD * 4];
    int32_t n = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, MAX_WORD, &n, w, (int32_t)len, &err);
    if (U_FAILURE(err) || n == 0) return 0;
    UChar32 c0;
    int32_t at = 0;
    U16_NEXT(u, at, n, c0);
    *arabic = uscript_getScript(c0, &err) == USCRIPT_ARABIC;
    int32_t limit = n;
    utrans_transUChars(t->tr, u, &n, (int32_t)(sizeof(u) / sizeof(u[0])), 0, &limit, &err);
    int32_t m = 0;
    if (U_SUCCESS(err)) u_strToUTF8(out, (int32_t)cap - 1, &m, u, n, &err);
    if (U_FAILURE(err)) return 0;
    out[m] = 0;
    return (size_t)m;
}

static uint64_t compute(skein__translit *t, const char *w, size_t len) {
    int ascii = 1, arabic = 0;
    for (size_t i = 0; i < len && ascii; i++) ascii = (unsigned char)w[i] < 0x80;
    char buf[MAX_WORD * 4], key[32];
    size_t n = len;
    const char *src = w;
    if (!ascii) {
        n = to_ascii(t, w, len, buf, sizeof(buf), &arabic);
        src = buf;
    }
    size_t k = n ? skein__phonetic_key(src, n, arabic, key, sizeof(key)) : 0;
    return k ? skein__hash(key, k) | 1 : 0;
}

/* Arabic clitics: a leading و or ف (and, so), then ب ل ك (in, for, like)
 * before the article ال.  Each Arabic letter is two bytes in UTF-8.  Returns
 * 1 when something was stripped. */
static int strip_arabic_clitics(const char **w, size_t *len) {
    static const char *const conj[] = {"\xD9\x88", "\xD9\x81"};             /* و ف */
    static const char *const prep[] = {"\xD8\xA8", "\xD9\x84", "\xD9\x83"}; /* ب ل ك */
    const char *start = *w;
    unsigned char lead = (unsigned char)**w;
    if (lead != 0xD8 && lead != 0xD9) return 0; /* not an Arabic letter of those */
    for (int i = 0; i < 2; i++)
        if (*len >= 8 && memcmp(*w, conj[i], 2) == 0) *w += 2, *len -= 2;
    for (int i = 0; i < 3; i++)
        if (*len >= 10 && memcmp(*w, prep[i], 2) == 0 && memcmp(*w + 2, "\xD8\xA7\xD9\x84", 4) == 0)
            *w += 2, *len -= 2;
    return *w != start;
}

/* The cached key of exactly w[0..len). */
static uint64_t cached_key(skein__translit *t, const char *w, size_t len) {
    if (t->cache.len > CACHE_MAX) skein__u64map_clear(&t->cache);
    uint64_t h = skein__hash(w, len);
    uint64_t *v = skein__u64map_get(&t->cache, h);
    if (v) return *v - 1;
    uint64_t key = compute(t, w, len);
    if ((v = skein__u64map_upsert(&t->cache, h))) *v = key + 1;
    return key;
}

size_t skein__translit_keys(skein__translit *t, const char *w, size_t len, uint64_t keys[2]) {
    if (len == 0 || len > MAX_WORD) return 0;
    size_t n = 0;
    if ((keys[n] = cached_key(t, w, len))) n++;
    /* A leading clitic cannot be told from a name's first letter (فالبارايسو,
     * واشنطن), so a word that may carry one gives both keys. */
    if (strip_arabic_clitics(&w, &len) && (keys[n] = cached_key(t, w, len)) &&
        (!n || keys[n] != keys[0]))
        n++;
    return n;
}
