/* months.c -- month names of a language, for dates written in text.  See months.h.
 *
 * One map holds every language loaded so far: a word's key is the hash of
 * the language and the folded name, its value the month; a language's own
 * key (its code alone, salted) marks it as loaded.  A name ICU gives with a
 * trailing period ("нояб.") is kept without it: the analyzer's words have
 * none. */
#include "months.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#define LOADED_SALT 0x6D6F6E7468730001ull

struct skein__months {
    u64map names;
    const UNormalizer2 *fold;
};

skein__months *skein__months_new(void) {
    skein__months *m = calloc(1, sizeof(*m));
    if (!m) return NULL;
    UErrorCode err = U_ZERO_ERROR;
    m->fold = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err)) {
        free(m);
        return NULL;
    }
    skein__u64map_init(&m->names);
    return m;
}

void skein__months_free(skein__months *m) {
    if (!m) return;
    skein__u64map_release(&m->names);
    free(m);
}

static uint64_t name_key(const char *lang, const char *w, size_t n) {
    uint64_t k = skein__hash_salt(w, n, skein__hash(lang, strlen(lang)));
    return k ? k : 1;
}

/* Adds ICU's symbol u[0..len) for month `month`; 0 or -1 on ENOMEM. */
static int add_name(skein__months *m, const char *lang, const UChar *u, int32_t len, int month) {
    UChar folded[64];
    char utf8[256];
    UErrorCode err = U_ZERO_ERROR;
    int32_t fl = unorm2_normalize(m->fold, u, len, folded, 64, &err);
    int32_t n8 = 0;
    if (U_FAILURE(err) || !u_strToUTF8(utf8, (int32_t)sizeof(utf8), &n8, folded, fl, &err) ||
        U_FAILURE(err) || n8 <= 0)
        return 0; /* too long to be a month: not one */
    while (n8 > 0 && utf8[n8 - 1] == '.') n8--;
    if (n8 < 3) return 0; /* "5." or a lone letter names nothing */
    uint64_t *v = skein__u64map_upsert(&m->names, name_key(lang, utf8, (size_t)n8));
    if (!v) return -1;
    if (!*v) *v = (uint64_t)month;
    return 0;
}

int skein__calendar_walk(const char *locale, const UDateFormatSymbolType *types, size_t ntypes,
                         skein__calendar_fn fn, void *ud) {
    UErrorCode err = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_NONE, UDAT_NONE, locale, NULL, 0, NULL, 0, &err);
    if (U_FAILURE(err)) return 0; /* no calendar data: no symbols */
    int rc = 0;
    for (size_t t = 0; !rc && t < ntypes; t++) {
        int32_t n = udat_countSymbols(f, types[t]);
        for (int32_t i = 0; !rc && i < n; i++) {
            UChar u[64];
            err = U_ZERO_ERROR;
            int32_t len = udat_getSymbols(f, types[t], i, u, 64, &err);
            if (U_SUCCESS(err) && len > 0) rc = fn(u, len, t, i, ud);
        }
    }
    udat_close(f);
    return rc;
}

typedef struct loading {
    skein__months *m;
    const char *lang;
} loading;

static int add_symbol(const UChar *u, int32_t len, size_t type, int32_t i, void *ud) {
    (void)type;
    const loading *ld = ud;
    return i < 12 ? add_name(ld->m, ld->lang, u, len, i + 1) : 0;
}

/* The Gregorian calendar's months whatever the language's own calendar
 * (Persian's is the solar one: its fifth month is no May). */
static int load(skein__months *m, const char *lang) {
    static const UDateFormatSymbolType types[] = {UDAT_MONTHS, UDAT_STANDALONE_MONTHS,
                                                  UDAT_SHORT_MONTHS, UDAT_STANDALONE_SHORT_MONTHS};
    char locale[64];
    snprintf(locale, sizeof(locale), "%.31s@calendar=gregorian", lang);
    loading ld = {m, lang};
    return skein__calendar_walk(locale, types, sizeof(types) / sizeof(types[0]), add_symbol, &ld);
}

int skein__months_find(skein__months *m, const char *lang, const char *w, size_t n) {
    uint64_t key = skein__hash_salt(lang, strlen(lang), LOADED_SALT) | 1;
    if (!skein__u64map_get(&m->names, key)) {
        if (load(m, lang)) return -1; /* tried again next time */
        uint64_t *done = skein__u64map_upsert(&m->names, key);
        if (!done) return -1;
        *done = 13; /* no month is 13: a language's own key never reads as one */
    }
    uint64_t *v = skein__u64map_get(&m->names, name_key(lang, w, n));
    return v && *v <= 12 ? (int)*v : 0;
}
