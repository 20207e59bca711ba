/* gen_lexicon.c -- builds the interlingual tables of src/lexicon.h.
 *
 * Build-time tool: usage: gen_lexicon PAIRS.tsv PLACES.tsv CITIES.tsv PERSONS.tsv OUT.bin
 *
 *   PAIRS.tsv   LANG TAB FOREIGN TAB ENGLISH TAB RANK (gen_dict_pairs)
 *   PLACES.tsv  ID TAB LANG TAB NAME (gen_place_names)
 *   CITIES.tsv  GEONAMEID TAB COUNTRY TAB POPULATION TAB NAME, most populous
 *               first (data/places/cities.tsv, GeoNames)
 *   PERSONS.tsv CLASS TAB NAME TAB SOURCES, CLASS given, family or demonym
 *               (data/names/persons.tsv)
 *
 * Every word goes through skein's own analyzer, in its language, so the
 * tables hold exactly the stem hashes the pipeline computes at run time:
 * a foreign word maps to the English stems its dictionaries give it (up to
 * SKEIN_LEX_MAX, the best ranked and most often given first), a place name
 * becomes a run of stems with the id it names.  A run that names two
 * different places keeps the country if one is, else is dropped; so is a
 * one-word name shorter than three bytes or a short stopword.
 *
 * GeoNames' cities add the places CLDR has no name for (Piura, Jayapura),
 * under "geo:GEONAMEID", in the languages that write them in Latin letters
 * as GeoNames does.  CLDR's names come first: a city CLDR names in English
 * keeps CLDR's id in every language (so "Kyiv" in German text is still
 * كييف's city), a run CLDR already names in a language is left to CLDR, and
 * a one-word city name that is a word of the language (its dictionary
 * translates it, or English has it: "Nice", "Reading", "Essen" in German)
 * names no place there; a city whose name has accents is also known by
 * the name without them.  An Arabic one-word place name is also known
 * with li- before it.  The person-name list's one-word names go to the
 * tagged languages whose script they are written in (Latin names to en, de,
 * es, fr; Cyrillic to ru; Arabic to ar), a nationality word to its own
 * language only, and not when it names a place there ("Bermuda").  Any input may be empty (data not
 * installed): the tables are then smaller, not missing.  Output is deterministic. */
#include "analyze.h"
#include "lexicon.h"
#include "skein.h"
#include "translit.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#define MAX_LINE 4096

/* The tables are being made: the library this links with has none yet. */
const unsigned char skein__lexicon_blob[sizeof(skein__lexicon_header)];
const unsigned char skein__lexicon_blob_end[1];

static skein__analyzer *an;
static skein__translit *tr;

static void die(const char *what) {
    fprintf(stderr, "gen_lexicon: %s\n", what);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size) {
    if (skein__grow(&p, cap, need, size)) die("out of memory");
    return p;
}

/* Splits line (tabs, trailing newline dropped) into at most n fields. */
static size_t split(char *line, char **f, size_t n) {
    line[strcspn(line, "\r\n")] = 0;
    size_t k = 0;
    for (char *p = line; k < n;) {
        f[k++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0, p = tab + 1;
    }
    return k;
}

/* The language skein analyses `code` as: "zh_Hant" -> "zh", "pt_BR" -> "pt". */
static void base_lang(const char *code, char out[8]) {
    size_t n = strcspn(code, "_@-");
    if (n > 7) n = 7;
    memcpy(out, code, n);
    out[n] = 0;
}

static const skein__tok *analyze(const char *s, const char *lang, size_t *n) {
    const skein__tok *t;
    if (skein__analyze(an, s, strlen(s), lang, 16, &t, n) != SKEIN_OK) *n = 0;
    return t;
}

static int is_content(const skein__tok *t) {
    return !(t->flags & (SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
           (t->norm_len > 1 || (t->flags & SKEIN_TOK_CJK));
}

/* ---- the lexicon ---------------------------------------------------------- */

typedef struct pair {
    uint64_t key, target;
    uint32_t lang_bit; /* the foreign language, one bit per language seen */
    double score;
    int alike; /* the two words share a phonetic key */
} pair;

static int by_key_target(const void *a, const void *b) {
    const pair *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->target > y->target) - (x->target < y->target);
}

static int by_key_score(const void *a, const void *b) {
    const pair *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->target > y->target) - (x->target < y->target);
}

static pair *pairs;
static size_t npairs, pairs_cap;

/* English heads written in lower case somewhere (sorted before use).  A
 * head only ever capitalised is a name ("Kijów" -> "Kyiv"), not a word. */
static uint64_t *lower;
static size_t nlower, lower_cap;

/* English stems the lexicon gives that are words (in `lower`), sorted: a
 * city named like one is a word in English text. */
static uint64_t *english;
static size_t nenglish;

/* A bit per foreign language, in order of first sight (at most 32). */
static uint32_t lang_bit(const char *lang) {
    static char seen[32][8];
    static int n;
    for (int i = 0; i < n; i++)
        if (strcmp(seen[i], lang) == 0) return 1u << i;
    if (n == 32) return 0;
    strcpy(seen[n], lang);
    return 1u << n++;
}

/* One dictionary line: the foreign word must be one content word; the
 * English side's head (its last content word: "nuclear weapons" ->
 * "weapon") is the target. */
static void add_name(char **f);

static void add_pair(char **f) {
    if (!strncmp(f[0], "name:", 5)) {
        add_name(f);
        return;
    }
    char lang[8];
    base_lang(f[0], lang);
    size_t n;
    const skein__tok *t = analyze(f[1], lang, &n);
    /* A stopword may be one in one list only ("война" is in Russian's): the
     * entry costs nothing where the word is a stopword. */
    if (n != 1 || (t[0].flags & SKEIN_TOK_NUM) || t[0].norm_len < 2) return;
    uint64_t key = skein__lex_key(lang, t[0].hash);
    t = analyze(f[2], "en", &n);
    const skein__tok *head = NULL;
    for (size_t i = 0; i < n; i++)
        if (is_content(&t[i])) head = &t[i];
    if (!head) return;
    long rank = strtol(f[3], NULL, 10);
    uint64_t fk[2], ek[2];
    size_t nf = skein__translit_keys(tr, f[1], strlen(f[1]), fk);
    size_t ne = skein__translit_keys(tr, f[2], strlen(f[2]), ek);
    int alike = 0;
    for (size_t i = 0; i < nf; i++)
        for (size_t j = 0; j < ne; j++) alike |= fk[i] == ek[j];
    if (!(head->flags & SKEIN_TOK_CAP)) {
        lower = grow(lower, &lower_cap, nlower + 1, sizeof(*lower));
        lower[nlower++] = head->hash;
    }
    pairs = grow(pairs, &pairs_cap, npairs + 1, sizeof(*pairs));
    pairs[npairs++] =
        (pair){key, head->hash, lang_bit(lang), 1.0 / (double)(rank > 0 ? rank : 1), alike};
}

/* A known name of a language without case ("name:zh TAB 普京 TAB Vladimir
 * Putin"): the entry of its run of stems (ICU breaks 普京 into 普 and 京)
 * under "name:LANG" holds the interlingual keys
 * (translit.h) of the English name's words, its last word (the surname)
 * first, as a name written in Latin letters gets them. */
static void add_name(char **f) {
    char lang[8];
    base_lang(f[0] + 5, lang);
    size_t n;
    const skein__tok *t = analyze(f[1], lang, &n);
    if (n == 0 || n > SKEIN_PLACE_MAX_WORDS || strlen(f[1]) < 6)
        return; /* two characters or more */
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & SKEIN_TOK_CJK)) return;
        stems[i] = t[i].hash;
    }
    uint64_t key = skein__known_name_key(f[0], stems, n);
    t = analyze(f[2], "en", &n);
    const char *pool = skein__analyzer_str(an, 0);
    for (size_t i = n; i-- > 0;) {
        if (!is_content(&t[i])) continue;
        uint64_t k[2];
        size_t nk = skein__translit_keys(tr, pool + t[i].norm, t[i].norm_len, k);
        for (size_t j = 0; j < nk; j++) {
            pairs = grow(pairs, &pairs_cap, npairs + 1, sizeof(*pairs));
            pairs[npairs++] = (pair){key, k[j], 0, i + 1 == n ? 2.0 : 1.0, 0};
        }
    }
}

static int by_target(const void *a, const void *b) {
    uint64_t x = ((const pair *)a)->target, y = ((const pair *)b)->target;
    return (x > y) - (x < y);
}

/* Weighs each pair by how many languages' dictionaries reach its English
 * stem: a concept several languages translate to ("war": Krieg, guerre,
 * guerra, война, حرب) is a better pivot than a rare word one dictionary
 * gives ("werre", "unpeace"). */
static void weigh_by_languages(void) {
    qsort(pairs, npairs, sizeof(*pairs), by_target);
    for (size_t i = 0; i < npairs;) {
        size_t j = i;
        uint32_t bits = 0;
        while (j < npairs && pairs[j].target == pairs[i].target) bits |= pairs[j++].lang_bit;
        for (size_t x = i; x < j; x++) pairs[x].score *= 1 + __builtin_popcount(bits);
        i = j;
    }
}

/* Sums the scores of repeated (key, target) pairs, then keeps each key's
 * best SKEIN_LEX_MAX targets.  Returns the entries; targets in *out. */
static skein__lex_entry *build_lex(size_t *nentries, uint64_t **out, size_t *ntargets) {
    weigh_by_languages();
    qsort(pairs, npairs, sizeof(*pairs), by_key_target);
    size_t m = 0;
    for (size_t i = 0; i < npairs; i++) {
        if (m && pairs[m - 1].key == pairs[i].key && pairs[m - 1].target == pairs[i].target) {
            pairs[m - 1].score += pairs[i].score;
            pairs[m - 1].alike |= pairs[i].alike;
        } else
            pairs[m++] = pairs[i];
    }
    qsort(pairs, m, sizeof(*pairs), by_key_score);
    skein__lex_entry *e = NULL;
    size_t ne = 0, ecap = 0, nt = 0, tcap = 0;
    uint64_t *targets = NULL;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && pairs[j].key == pairs[i].key) j++;
        size_t k = j - i < SKEIN_LEX_MAX ? j - i : SKEIN_LEX_MAX;
        e = grow(e, &ecap, ne + 1, sizeof(*e));
        targets = grow(targets, &tcap, nt + k, sizeof(*targets));
        int alike = 0;
        for (size_t x = i; x < j; x++) alike |= pairs[x].alike;
        e[ne++] = (skein__lex_entry){pairs[i].key, (uint32_t)nt,
                                     (uint32_t)k | (alike ? SKEIN_LEX_SOUNDS_ALIKE : 0)};
        for (size_t x = 0; x < k; x++) targets[nt++] = pairs[i + x].target;
        i = j;
    }
    *nentries = ne, *out = targets, *ntargets = nt;
    return e;
}

/* ---- the gazetteer ---------------------------------------------------------- */

typedef struct place_ref {
    uint64_t key, first;
    char id[SKEIN_PLACE_ID_BYTES];
    uint32_t words;
    uint32_t rank; /* a GeoNames city's place in CITIES.tsv */
} place_ref;

static place_ref *names;
static size_t nnames, names_cap;

/* Languages whose names are kept: those skein stems or reads well, so a
 * name in a little-known language does not shadow a word of a big one. */
static int wanted_lang(const char *lang) {
    static const char *const keep[] = {
        "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "eu", "fa", "fi", "fr", "ga", "he",
        "hi", "hr", "hu", "hy", "id", "it", "ja", "ko", "lt", "nb", "ne", "nl", "no", "pl", "pt",
        "ro", "ru", "sk", "sl", "sr", "sv", "ta", "tr", "uk", "ur", "vi", "zh", NULL};
    for (int i = 0; keep[i]; i++)
        if (strcmp(keep[i], lang) == 0) return 1;
    return 0;
}

static void add_place(char **f);

/* An Arabic one-word place name also after li- ("to, for") and wa- ("and"):
 * Snowball strips bi- and al- but keeps the l of لروسيا (Russia) and the
 * w of وأوكرانيا (and Ukraine).  Not after a name that starts with al- or
 * the same letter (lil- is stripped). */
static void add_arabic_li(char **f, const char *lang, size_t words) {
    static const char *const clitic[] = {"\xD9\x84", "\xD9\x88"}, al[] = "\xD8\xA7\xD9\x84";
    static int inside; /* the variants get none of their own */
    if (inside || strcmp(lang, "ar") != 0 || words != 1 || !strncmp(f[2], al, 4)) return;
    inside = 1;
    for (size_t k = 0; k < 2; k++) {
        if (!strncmp(f[2], clitic[k], 2) || !strncmp(f[2], clitic[0], 2)) continue;
        char buf[MAX_LINE];
        if (snprintf(buf, sizeof buf, "%s%s", clitic[k], f[2]) >= (int)sizeof buf) continue;
        char *g[3] = {f[0], f[1], buf};
        add_place(g);
    }
    inside = 0;
}

static void add_place(char **f) {
    char lang[8];
    base_lang(f[1], lang);
    if (!wanted_lang(lang) || strlen(f[0]) >= SKEIN_PLACE_ID_BYTES) return;
    size_t n;
    const skein__tok *t = analyze(f[2], lang, &n);
    if (n == 0 || n > SKEIN_PLACE_MAX_WORDS) return;
    /* One short word that is a stopword ("Man", "In") names no place; long
     * stopwords are the lists' noise (Russian's holds "россия"). */
    if (n == 1 &&
        ((t[0].flags & SKEIN_TOK_NUM) || (t[0].norm_len < 3 && !(t[0].flags & SKEIN_TOK_CJK)) ||
         ((t[0].flags & SKEIN_TOK_STOP) && t[0].norm_len <= 4)))
        return;
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    for (size_t i = 0; i < n; i++) stems[i] = t[i].hash;
    names = grow(names, &names_cap, nnames + 1, sizeof(*names));
    place_ref *r = &names[nnames++];
    memset(r, 0, sizeof(*r));
    r->key = skein__place_key(lang, stems, n);
    r->first = stems[0];
    r->words = (uint32_t)n;
    strcpy(r->id, f[0]);
    add_arabic_li(f, lang, n);
}

/* Languages GeoNames' Latin spellings are added to. */
static const char *const geo_langs[] = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", NULL};

static int by_u64(const void *a, const void *b);

/* bsearch's comparison of a key with a table entry whose first member is
 * its uint64_t key (skein__lex_entry, place_ref). */
static int by_first_key(const void *key, const void *entry) {
    uint64_t x = *(const uint64_t *)key, y = *(const uint64_t *)entry;
    return (x > y) - (x < y);
}

/* Whether `lang` is a language of `country` (ISO 3166), among geo_langs. */
static int spoken_in(const char *lang, const char *country) {
    static const char *const where[][2] = {
        {"de", "DE AT CH LI LU"},
        {"fr", "FR BE CH LU MC"},
        {"es", "ES MX AR CO PE VE CL EC GT CU BO DO HN PY SV NI CR PA UY PR GQ"},
        {"it", "IT SM CH"},
        {"pt", "PT BR AO MZ"},
        {"nl", "NL BE SR"},
        {"pl", "PL"}};
    for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++)
        if (!strcmp(where[i][0], lang)) {
            const char *at = strstr(where[i][1], country);
            return strlen(country) == 2 && at && (at[2] == ' ' || at[2] == 0);
        }
    return 0;
}

/* A one-word name is a word of `lang` when its dictionary translates it,
 * or when English has it ("Reading"), except in the language of the city's
 * own country: French text writes Nice for the town, whatever the English
 * word is (which English words the lexicon holds moves with every
 * dictionary added). */
static int is_word(const char *lang, const char *country, uint64_t stem,
                   const skein__lex_entry *lex, size_t nlex) {
    if (!spoken_in(lang, country) && bsearch(&stem, english, nenglish, sizeof(*english), by_u64))
        return 1;
    if (!strcmp(lang, "en")) return 0;
    uint64_t key = skein__lex_key(lang, stem);
    return bsearch(&key, lex, nlex, sizeof(*lex), by_first_key) != NULL;
}

/* The CLDR name (sorted names[0..ncldr)) with this key, or NULL. */
static const place_ref *cldr_name(uint64_t key, size_t ncldr) {
    return bsearch(&key, names, ncldr, sizeof(*names), by_first_key);
}

/* The city name `name` in geo_langs, ranked by the city's place in the
 * file (most populous first); id may become CLDR's. */
static void add_city_spelling(const char *country, const char *name, char *id, uint32_t rank,
                              const skein__lex_entry *lex, size_t nlex, size_t ncldr) {
    for (int l = 0; geo_langs[l]; l++) {
        const char *lang = geo_langs[l];
        size_t n;
        const skein__tok *t = analyze(name, lang, &n);
        if (n == 0 || n > SKEIN_PLACE_MAX_WORDS) continue;
        if (n == 1 && ((t[0].flags & (SKEIN_TOK_NUM | SKEIN_TOK_STOP)) || t[0].norm_len < 3 ||
                       is_word(lang, country, t[0].hash, lex, nlex)))
            continue;
        uint64_t stems[SKEIN_PLACE_MAX_WORDS];
        for (size_t i = 0; i < n; i++) stems[i] = t[i].hash;
        uint64_t key = skein__place_key(lang, stems, n);
        const place_ref *had = cldr_name(key, ncldr);
        if (had) {
            /* CLDR's English name of this city lends its id to the rest. */
            if (l == 0 && !strncmp(had->id, "city:", 5)) strcpy(id, had->id);
            continue;
        }
        names = grow(names, &names_cap, nnames + 1, sizeof(*names));
        place_ref *r = &names[nnames++];
        memset(r, 0, sizeof(*r));
        r->key = key, r->first = stems[0], r->words = (uint32_t)n, r->rank = rank;
        strcpy(r->id, id);
    }
}

/* s without its accents ("Valparaíso" -> "Valparaiso": English and wire
 * copy drop them) into out; 0 when it has none or does not fit. */
static int without_accents(const char *s, char *out, size_t cap) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    UChar u[MAX_LINE], d[MAX_LINE];
    int32_t nu, nd = 0;
    u_strFromUTF8(u, MAX_LINE, &nu, s, -1, &e);
    if (U_FAILURE(e) || nu >= MAX_LINE) return 0;
    int32_t n = unorm2_normalize(nfd, u, nu, d, MAX_LINE, &e);
    if (U_FAILURE(e) || n >= MAX_LINE) return 0;
    for (int32_t i = 0; i < n; i++) /* combining diacritical marks */
        if (d[i] < 0x300 || d[i] > 0x36F) d[nd++] = d[i];
    if (nd == n) return 0;
    int32_t len;
    u_strToUTF8(out, (int32_t)cap, &len, d, nd, &e);
    return U_SUCCESS(e) && len < (int32_t)cap;
}

/* One city's names: its spelling and, when it has accents, the spelling
 * without them (a name two cities share goes to the more populous: the
 * "Valparaiso" of news is Valparaíso in Chile, not the town in Indiana). */
static void add_city(char **f, uint32_t rank, const skein__lex_entry *lex, size_t nlex,
                     size_t ncldr) {
    char id[SKEIN_PLACE_ID_BYTES], bare[MAX_LINE];
    if (snprintf(id, sizeof id, "geo:%s", f[0]) >= (int)sizeof id) return;
    /* the bare spelling first: when CLDR has the city under it ("Sao
     * Paulo"), its id goes to the accented spelling too */
    if (without_accents(f[3], bare, sizeof bare))
        add_city_spelling(f[1], bare, id, rank, lex, nlex, ncldr);
    add_city_spelling(f[1], f[3], id, rank, lex, nlex, ncldr);
}

static int by_key_rank(const void *a, const void *b) {
    const place_ref *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Adds GeoNames' cities after the resolved CLDR names names[0..ncldr),
 * sorted by key; a run two cities share goes to the more populous.
 * Returns how many names were added; names[] is left sorted by key. */
static size_t add_cities(const char *path, const skein__lex_entry *lex, size_t nlex,
                         const uint64_t *targets, size_t ntargets);

static int by_name_key(const void *a, const void *b) {
    const place_ref *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int by_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int by_id_string(const void *a, const void *b) { return strcmp(a, b); }

/* ---- the person-name list ------------------------------------------------------ */

/* The script of the first letter of s: 'L' Latin, 'C' Cyrillic, 'A' Arabic, 0 other. */
static char script_of(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (c < 0x80) return ((c | 32) >= 'a' && (c | 32) <= 'z') ? 'L' : 0;
    if ((c & 0xE0) == 0xC0)
        c = (c & 0x1F) << 6 | (p[1] & 0x3F);
    else if ((c & 0xF0) == 0xE0)
        c = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    else
        return 0;
    if (c < 0x250 || (c >= 0x1E00 && c < 0x1F00)) return 'L';
    if (c >= 0x400 && c < 0x530) return 'C';
    if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780)) return 'A';
    return 0;
}

/* The tagged languages and the script of their names. */
static const struct {
    const char *lang;
    char script;
} person_langs[] = {{"en", 'L'}, {"de", 'L'}, {"es", 'L'}, {"fr", 'L'}, {"ru", 'C'}, {"ar", 'A'}};

static uint64_t *persons; /* key & ~7 | class, one per (language, name, class) */
static size_t npersons, persons_cap;

/* Whether the one-word run `stem` names a place (not a language or people) in lang. */
static int names_place(const char *lang, uint64_t stem) {
    uint64_t key = skein__place_key(lang, &stem, 1);
    const place_ref *p = bsearch(&key, names, nnames, sizeof(*names), by_first_key);
    return p && strncmp(p->id, "lang:", 5) != 0;
}

static void add_person(char **f) {
    unsigned cls = !strcmp(f[0], "given")     ? SKEIN_PERSON_GIVEN
                   : !strcmp(f[0], "family")  ? SKEIN_PERSON_FAMILY
                   : !strcmp(f[0], "demonym") ? SKEIN_PERSON_DEMONYM
                                              : 0;
    char script = script_of(f[1]);
    if (!cls || !script) return;
    for (size_t l = 0; l < sizeof(person_langs) / sizeof(person_langs[0]); l++) {
        const char *lang = person_langs[l].lang;
        if (person_langs[l].script != script) continue;
        if (cls == SKEIN_PERSON_DEMONYM) {
            char own[24];
            snprintf(own, sizeof own, "nationality:%s", lang);
            const char *at = strstr(f[2], own);
            if (!at || (at[strlen(own)] != 0 && at[strlen(own)] != ',')) continue;
        }
        size_t n;
        const skein__tok *t = analyze(f[1], lang, &n);
        /* one word, not a stopword ("Will", "May" in English are, and stay words) */
        if (n != 1 || (t[0].flags & (SKEIN_TOK_NUM | SKEIN_TOK_STOP)) || t[0].norm_len < 2)
            continue;
        if (cls == SKEIN_PERSON_DEMONYM && names_place(lang, t[0].hash)) continue;
        uint64_t key = skein__person_key(skein__person_salt(lang), t[0].hash) & ~7ull;
        persons = grow(persons, &persons_cap, npersons + 1, sizeof(*persons));
        persons[npersons++] = key | cls;
    }
}

/* The open-addressing table of the person-name list (one slot per word and
 * language, classes merged), at most half full: *bits gets its log2 size,
 * *words the number of words. */
static uint64_t *person_table(uint64_t *bits, uint64_t *words) {
    *bits = 0, *words = 0;
    if (!npersons) return NULL;
    qsort(persons, npersons, sizeof(*persons), by_u64);
    size_t m = 0;
    for (size_t i = 0; i < npersons; i++) {
        if (m && (persons[m - 1] & ~7ull) == (persons[i] & ~7ull))
            persons[m - 1] |= persons[i] & 7;
        else
            persons[m++] = persons[i];
    }
    unsigned b = 4;
    while (((size_t)1 << b) < 2 * m) b++;
    uint64_t *slots = calloc((size_t)1 << b, sizeof(*slots));
    if (!slots) die("out of memory");
    size_t mask = ((size_t)1 << b) - 1;
    for (size_t i = 0; i < m; i++) {
        size_t s = (size_t)(persons[i] >> (64 - b));
        while (slots[s]) s = (s + 1) & mask;
        slots[s] = persons[i];
    }
    *bits = b, *words = m;
    return slots;
}

/* ---- output ----------------------------------------------------------------- */

static void put(FILE *f, const void *p, size_t n) {
    if (n && fwrite(p, 1, n, f) != n) die("write failed");
}

static void read_tsv(const char *path, size_t nf, void (*fn)(char **)) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "gen_lexicon: %s not readable; its table stays empty\n", path);
        return;
    }
    char line[MAX_LINE], *f[4];
    while (fgets(line, sizeof(line), in))
        if (split(line, f, nf) == nf) fn(f);
    fclose(in);
}

static size_t add_cities(const char *path, const skein__lex_entry *lex, size_t nlex,
                         const uint64_t *targets, size_t ntargets) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "gen_lexicon: %s not readable; no GeoNames cities\n", path);
        return 0;
    }
    qsort(lower, nlower, sizeof(*lower), by_u64);
    english = malloc((ntargets + 1) * sizeof(*english));
    if (!english) die("out of memory");
    nenglish = 0;
    for (size_t i = 0; i < ntargets; i++)
        if (bsearch(&targets[i], lower, nlower, sizeof(*lower), by_u64))
            english[nenglish++] = targets[i];
    qsort(english, nenglish, sizeof(*english), by_u64);
    size_t ncldr = nnames;
    char line[MAX_LINE], *f[4];
    uint32_t rank = 0;
    while (fgets(line, sizeof(line), in))
        if (split(line, f, 4) == 4) add_city(f, rank++, lex, nlex, ncldr);
    fclose(in);
    place_ref *geo = names + ncldr;
    size_t ngeo = nnames - ncldr, m = 0;
    qsort(geo, ngeo, sizeof(*geo), by_key_rank);
    for (size_t i = 0; i < ngeo; i++)
        if (!m || geo[m - 1].key != geo[i].key) geo[m++] = geo[i];
    nnames = ncldr + m;
    qsort(names, nnames, sizeof(*names), by_name_key);
    return m;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: gen_lexicon PAIRS.tsv PLACES.tsv CITIES.tsv PERSONS.tsv OUT.bin\n");
        return 2;
    }
    if (!(an = skein__analyzer_new(0, NULL)) || !(tr = skein__translit_new()))
        die("cannot open the analyzer (ICU data?)");
    read_tsv(argv[1], 4, add_pair);
    read_tsv(argv[2], 3, add_place);

    size_t nlex, ntargets;
    uint64_t *targets;
    skein__lex_entry *lex = build_lex(&nlex, &targets, &ntargets);

    /* Places: a run naming two ids keeps the country when just one is a
     * country ("روسي" stems both Russia and Russian: RU over lang:ru), else
     * is dropped; then the ids are numbered bytewise. */
    qsort(names, nnames, sizeof(*names), by_name_key);
    size_t kept = 0, ambiguous = 0;
    for (size_t i = 0; i < nnames;) {
        size_t j = i + 1;
        while (j < nnames && names[j].key == names[i].key) j++;
        size_t pick = i, countries = 0, ids_seen = 0;
        for (size_t x = i; x < j; x++) {
            if (x > i && strcmp(names[x].id, names[x - 1].id) == 0) continue;
            ids_seen++;
            if (!strchr(names[x].id, ':')) countries++, pick = x;
        }
        if (ids_seen == 1 || countries == 1) {
            names[kept++] = names[pick];
        } else {
            ambiguous++;
            if (getenv("GEN_LEXICON_VERBOSE"))
                for (size_t x = i; x < j; x++) fprintf(stderr, "ambiguous: %s\n", names[x].id);
        }
        i = j;
    }
    nnames = kept;
    size_t ncities = add_cities(argv[3], lex, nlex, targets, ntargets);
    kept = nnames;
    char(*ids)[SKEIN_PLACE_ID_BYTES] = calloc(kept + 1, SKEIN_PLACE_ID_BYTES);
    uint64_t *first = malloc((kept + 1) * sizeof(*first));
    if (!ids || !first) die("out of memory");
    for (size_t i = 0; i < kept; i++) memcpy(ids[i], names[i].id, SKEIN_PLACE_ID_BYTES);
    qsort(ids, kept, SKEIN_PLACE_ID_BYTES, by_id_string);
    size_t nids = 0;
    for (size_t i = 0; i < kept; i++)
        if (!nids || strcmp(ids[nids - 1], ids[i]) != 0)
            memmove(ids[nids++], ids[i], SKEIN_PLACE_ID_BYTES);
    for (size_t i = 0; i < kept; i++) first[i] = names[i].first;
    qsort(first, kept, sizeof(*first), by_u64);
    size_t nfirst = 0;
    for (size_t i = 0; i < kept; i++)
        if (!nfirst || first[nfirst - 1] != first[i]) first[nfirst++] = first[i];

    read_tsv(argv[4], 3, add_person);
    uint64_t person_bits, person_words;
    uint64_t *person_slots = person_table(&person_bits, &person_words);

    FILE *out = fopen(argv[5], "wb");
    if (!out) die("cannot write the output");
    skein__lexicon_header h;
    memset(&h, 0, sizeof(h));
    memcpy(h.magic, SKEIN_LEXICON_MAGIC, 8);
    h.lex_entries = nlex, h.lex_targets = ntargets, h.place_first = nfirst;
    h.place_names = kept, h.places = nids;
    h.person_bits = person_bits, h.person_words = person_words;
    put(out, &h, sizeof(h));
    put(out, lex, nlex * sizeof(*lex));
    put(out, targets, ntargets * sizeof(*targets));
    put(out, first, nfirst * sizeof(*first));
    for (size_t i = 0; i < kept; i++) {
        char(*hit)[SKEIN_PLACE_ID_BYTES] =
            bsearch(names[i].id, ids, nids, SKEIN_PLACE_ID_BYTES, by_id_string);
        skein__place_name pn = {names[i].key, (uint32_t)(hit - ids) + 1, names[i].words};
        put(out, &pn, sizeof(pn));
    }
    put(out, ids, nids * SKEIN_PLACE_ID_BYTES);
    static const char zeros[8];
    put(out, zeros, (8 - nids * SKEIN_PLACE_ID_BYTES % 8) % 8);
    if (person_bits) put(out, person_slots, ((size_t)1 << person_bits) * sizeof(*person_slots));
    if (fclose(out)) die("write failed");
    fprintf(stderr,
            "gen_lexicon: %zu words -> %zu English stems; %zu place names of %zu places "
            "(%zu ambiguous dropped, %zu from GeoNames' cities); %zu person-name words\n",
            nlex, ntargets, kept, nids, ambiguous, ncities, (size_t)person_words);
    free(lex), free(targets), free(pairs), free(english), free(lower), free(names), free(ids),
        free(first), free(persons), free(person_slots);
    skein__analyzer_free(an);
    skein__translit_free(tr);
    return 0;
}
