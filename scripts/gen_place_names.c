/* gen_place_names.c -- lists the names of places and languages in every language.
 *
 * Build-time tool.  News names the same country differently in each language
 * (Russia, Россия, روسيا, 俄罗斯, Russland, Росія); this program prints every such
 * name next to one language-independent id so the engine can map them together.
 *
 * Usage:  gen_place_names [ISO_CODES_JSON LOCALE_DIR] > places.tsv
 *
 * Sources:
 *   - ICU (CLDR data), for every locale ICU ships:
 *       region names of the ISO 3166 codes from uloc_getISOCountries() plus EU
 *       and UN, with the CLDR short and variant forms ("UK", "Ivory Coast");
 *       names of the ISO 639-1 languages ("Russian", "русский", "الروسية");
 *       time-zone exemplar cities ("Kyiv", "Киев", "كييف").
 *   - Debian iso-codes: the English names, official names and common names in
 *     ISO_CODES_JSON (default /usr/share/iso-codes/json/iso_3166-1.json) and
 *     their translations in LOCALE_DIR/<lang>/LC_MESSAGES/iso_3166-1.mo
 *     (default LOCALE_DIR /usr/share/locale).  Missing files are skipped with
 *     a note on stderr.
 *
 * Output: UTF-8 lines "ID<TAB>LANG<TAB>NAME", deduplicated, sorted bytewise.
 *   ID    "RU" (ISO 3166-1 alpha-2, or the CLDR region code EU, UN, XK...),
 *         "lang:ru" (ISO 639-1 language) or "city:Europe/Kiev" (ICU zone id);
 *   LANG  language of the name: ICU language code, with the script only when
 *         it is not the language's usual one ("zh" is Simplified, "zh_Hant",
 *         "sr" is Cyrillic, "sr_Latn");
 *   NAME  the name as the source spells it, minus parenthesised parts
 *         ("Congo (DRC)" -> "Congo"), Arabic vowel marks (U+064B..U+065F,
 *         U+0670) and tatweel (U+0640), with spaces collapsed; at most 80 bytes,
 *         never empty or equal to the code.
 * Within one language a name shared by several regions is left out (Congo,
 * once "(DRC)" and "(Republic)" are cut), as is a city named like a region
 * (Kuwait, Djibouti); names shared with a language ("Nepal"/"Nepali" in Thai)
 * or by two languages (Norwegian: no, nb, nn) are kept. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucal.h>
#include <unicode/udata.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#define PROG "gen_place_names"
#define MAX_NAME 80  /* longer names (in bytes) are dropped */
#define NAME_BUF 512 /* scratch size for one name */
#define MO_BUF 4096  /* scratch size for one .mo string */
#define LABEL_BUF 64 /* scratch size for a language label */

#define ICU_REGION_TREE U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region"
#define ICU_ZONE_TREE U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "zone"

static const char *default_iso_json = "/usr/share/iso-codes/json/iso_3166-1.json";
static const char *default_locale_dir = "/usr/share/locale";

/* Region codes CLDR names that are not in uloc_getISOCountries(). */
static const char *const extra_regions[] = {"EU", "UN"};

/* ------------------------------------------------------------------------ */
/* Utilities                                                                */
/* ------------------------------------------------------------------------ */

static void die(const char *what) {
    fprintf(stderr, PROG ": %s\n", what);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) die("out of memory");
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True if an ICU call succeeded and, for string output, terminated it. */
static int icu_ok(UErrorCode err) {
    return U_SUCCESS(err) && err != U_STRING_NOT_TERMINATED_WARNING;
}

static void icu_check(UErrorCode err, const char *what) {
    if (!icu_ok(err)) {
        fprintf(stderr, PROG ": %s: %s\n", what, u_errorName(err));
        exit(1);
    }
}

/* Reads a whole file; NULL (errno set) if it cannot.  *size gets its length;
 * the buffer is NUL-terminated as well. */
static char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    long n;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = xmalloc((size_t)n + 1);
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
            errno = EIO;
        } else {
            buf[n] = 0;
            *size = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* Strict UTF-8 check: no overlong forms, surrogates or code points past
 * U+10FFFF. */
static int valid_utf8(const char *str) {
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s, need;
        uint32_t cp;
        if (c < 0x80) {
            s++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, cp = c & 0x07;
        else
            return 0;
        for (unsigned i = 1; i <= need; i++) {
            if ((s[i] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (s[i] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return 0;
        s += need + 1;
    }
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Name cleaning and output                                                 */
/* ------------------------------------------------------------------------ */

static char **lines;
static size_t nlines, lines_cap;

/* Length of a parenthesis (ASCII or fullwidth) at p, 0 if none; *delta gets
 * +1 for an opening one and -1 for a closing one. */
static size_t paren_len(const unsigned char *p, int *delta) {
    if (p[0] == '(' || p[0] == ')') {
        *delta = p[0] == '(' ? 1 : -1;
        return 1;
    }
    if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x88 || p[2] == 0x89)) { /* U+FF08, U+FF09 */
        *delta = p[2] == 0x88 ? 1 : -1;
        return 3;
    }
    return 0;
}

/* Length of an Arabic vowel mark or tatweel at p, 0 if none.  All of them
 * are two-byte sequences D9 xx. */
static size_t arabic_mark_len(const unsigned char *p) {
    if (p[0] != 0xD9) return 0;
    if (p[1] == 0x80 ||                   /* U+0640 tatweel */
        (p[1] >= 0x8B && p[1] <= 0x9F) || /* U+064B..U+065F harakat */
        p[1] == 0xB0)                     /* U+0670 superscript alef */
        return 2;
    return 0;
}

/* Length of a space-like character at p (ASCII controls and space, U+00A0,
 * U+202F), 0 if none. */
static size_t space_len(const unsigned char *p) {
    if (p[0] <= 0x20 || p[0] == 0x7F) return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) return 3;
    return 0;
}

/* Copies name into out (cap bytes) cleaned as the file header describes.
 * Returns the length, or -1 if the result is unusable (unbalanced
 * parentheses, too long, not UTF-8). */
static int clean_name(const char *name, char *out, size_t cap) {
    const unsigned char *p = (const unsigned char *)name;
    size_t n = 0, k;
    int depth = 0, delta = 0, space = 0;

    while (*p) {
        if ((k = paren_len(p, &delta))) {
            depth += delta;
            if (depth < 0) return -1;
            space = n > 0;
            p += k;
        } else if (depth > 0) {
            p++;
        } else if ((k = arabic_mark_len(p))) {
            p += k;
        } else if ((k = space_len(p))) {
            space = n > 0;
            p += k;
        } else {
            if (n + 3 > cap) return -1;
            if (space) out[n++] = ' ';
            space = 0;
            out[n++] = (char)*p++;
        }
    }
    out[n] = 0;
    if (depth != 0 || !valid_utf8(out)) return -1;
    return (int)n;
}

/* Records one output line if the cleaned name is usable. */
static void emit(const char *id, const char *lang, const char *name) {
    char clean[NAME_BUF];
    int n = clean_name(name, clean, sizeof clean);
    if (n <= 0 || n > MAX_NAME) return;

    const char *code = strchr(id, ':');
    code = code ? code + 1 : id;
    if (strcasecmp(clean, code) == 0 || strcasecmp(clean, id) == 0) return;

    size_t len = strlen(id) + strlen(lang) + (size_t)n + 3;
    char *line = xmalloc(len);
    snprintf(line, len, "%s\t%s\t%s", id, lang, clean);
    if (nlines == lines_cap) {
        lines_cap = lines_cap ? lines_cap * 2 : 65536;
        lines = xrealloc(lines, lines_cap * sizeof(*lines));
    }
    lines[nlines++] = line;
}

/* emit() for an ICU UTF-16 string. */
static void emit_u(const char *id, const char *lang, const UChar *name, int32_t len) {
    char buf[NAME_BUF];
    UErrorCode err = U_ZERO_ERROR;
    u_strToUTF8(buf, (int32_t)sizeof buf, NULL, name, len, &err);
    if (icu_ok(err)) emit(id, lang, buf);
}

/* "LANG<TAB>NAME" part of a line. */
static const char *lang_and_name(const char *line) { return strchr(line, '\t') + 1; }

static int is_region_line(const char *line) {
    return memchr(line, ':', strcspn(line, "\t")) == NULL;
}

static int cmp_by_name(const void *a, const void *b) {
    const char *x = **(char **const *)a, *y = **(char **const *)b;
    int c = strcmp(lang_and_name(x), lang_and_name(y));
    return c ? c : strcmp(x, y);
}

/* Drops lines that would make a name ambiguous within one language: a city
 * named like a region (Kuwait, Djibouti, Aruba: the region wins) and a name
 * shared by several regions (Congo, once "(DRC)" is gone).  Dropped lines
 * are emptied. */
static void drop_ambiguous(void) {
    char ***byname = xmalloc((nlines ? nlines : 1) * sizeof(*byname));
    for (size_t i = 0; i < nlines; i++) byname[i] = &lines[i];
    qsort(byname, nlines, sizeof(*byname), cmp_by_name);

    for (size_t start = 0, end; start < nlines; start = end) {
        size_t nregion = 0;
        for (end = start; end < nlines &&
                          strcmp(lang_and_name(*byname[start]), lang_and_name(*byname[end])) == 0;
             end++)
            nregion += is_region_line(*byname[end]);
        if (end - start < 2 || nregion == 0) continue;
        for (size_t i = start; i < end; i++) {
            char *line = *byname[i];
            int region = is_region_line(line);
            if ((region && nregion > 1) || (!region && strncmp(line, "city:", 5) == 0)) line[0] = 0;
        }
    }
    free(byname);
}

/* Sorts, deduplicates, disambiguates and prints the recorded lines.
 * Returns 0 or -1. */
static int print_lines(void) {
    size_t n = 0;
    qsort(lines, nlines, sizeof(*lines), cmp_str);
    for (size_t i = 0; i < nlines; i++) {
        if (n && strcmp(lines[i], lines[n - 1]) == 0)
            free(lines[i]);
        else
            lines[n++] = lines[i];
    }
    nlines = n;
    drop_ambiguous();
    for (size_t i = 0; i < nlines; i++) {
        if (!lines[i][0]) continue;
        fputs(lines[i], stdout);
        putchar('\n');
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

/* ------------------------------------------------------------------------ */
/* Language labels                                                          */
/* ------------------------------------------------------------------------ */

/* Reduces a locale id to the LANG column: the language, plus the script when
 * it is not the one the language usually has.  zh_Hant_TW -> zh_Hant,
 * zh_CN -> zh, sr_Latn_RS -> sr_Latn, pt_BR -> pt, mo -> ro.  Returns 0, or
 * -1 if ICU cannot parse the id. */
static int lang_label(const char *locale, char *out, size_t cap) {
    char tag[ULOC_FULLNAME_CAPACITY], canon[ULOC_FULLNAME_CAPACITY];
    char full[ULOC_FULLNAME_CAPACITY], usual[ULOC_FULLNAME_CAPACITY];
    char lang[ULOC_LANG_CAPACITY], script[ULOC_SCRIPT_CAPACITY];
    char usual_script[ULOC_SCRIPT_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;

    /* The round trip through a BCP 47 tag replaces deprecated codes. */
    uloc_toLanguageTag(locale, tag, (int32_t)sizeof tag, 0, &err);
    if (icu_ok(err)) uloc_forLanguageTag(tag, canon, (int32_t)sizeof canon, NULL, &err);
    if (icu_ok(err)) uloc_addLikelySubtags(canon, full, (int32_t)sizeof full, &err);
    if (icu_ok(err)) uloc_getLanguage(full, lang, (int32_t)sizeof lang, &err);
    if (icu_ok(err)) uloc_getScript(full, script, (int32_t)sizeof script, &err);
    if (icu_ok(err)) uloc_addLikelySubtags(lang, usual, (int32_t)sizeof usual, &err);
    if (icu_ok(err)) uloc_getScript(usual, usual_script, (int32_t)sizeof usual_script, &err);
    if (!icu_ok(err) || !lang[0] || strcmp(lang, "und") == 0) return -1;

    int n = script[0] && strcmp(script, usual_script) != 0
                ? snprintf(out, cap, "%s_%s", lang, script)
                : snprintf(out, cap, "%s", lang);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* Script for a gettext locale modifier ("sr@latin"), NULL if it is not one. */
static const char *modifier_script(const char *modifier) {
    static const char *const map[][2] = {
        {"latin", "Latn"}, {"Latn", "Latn"}, {"iqtelif", "Latn"},    {"cyrillic", "Cyrl"},
        {"Cyrl", "Cyrl"},  {"shaw", "Shaw"}, {"devanagari", "Deva"}, {"arabic", "Arab"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(modifier, map[i][0]) == 0) return map[i][1];
    return NULL;
}

/* lang_label() for a gettext locale directory name: "pt_BR", "sr@latin",
 * "zh_TW".  Modifiers other than scripts ("ca@valencia") are ignored. */
static int dir_lang_label(const char *dir, char *out, size_t cap) {
    char base[LABEL_BUF], locale[LABEL_BUF];
    const char *at = strchr(dir, '@');
    size_t n = at ? (size_t)(at - dir) : strlen(dir);
    if (n == 0 || n >= sizeof base) return -1;
    memcpy(base, dir, n);
    base[n] = 0;

    const char *script = at ? modifier_script(at + 1) : NULL;
    int len;
    if (script) {
        size_t lang_len = strcspn(base, "_"); /* "xx_YY@latin" -> "xx_Latn_YY" */
        len = snprintf(locale, sizeof locale, "%.*s_%s%s", (int)lang_len, base, script,
                       base + lang_len);
    } else {
        len = snprintf(locale, sizeof locale, "%s", base);
    }
    if (len < 0 || (size_t)len >= sizeof locale) return -1;
    return lang_label(locale, out, cap);
}

/* ------------------------------------------------------------------------ */
/* ICU: regions and languages                                               */
/* ------------------------------------------------------------------------ */

static const char **regions; /* region codes worth naming */
static size_t nregions;
static const char **languages; /* two-letter language codes worth naming */
static size_t nlanguages;

/* True if ICU has an English name for the region, i.e. it is a real one. */
static int region_is_named(const char *code) {
    char id[16];
    UChar name[NAME_BUF];
    UErrorCode err = U_ZERO_ERROR;
    snprintf(id, sizeof id, "und_%s", code);
    int32_t n = uloc_getDisplayCountry(id, "en", name, NAME_BUF, &err);
    if (!icu_ok(err) || err == U_USING_DEFAULT_WARNING || n <= 0) return 0;
    char utf8[NAME_BUF];
    u_strToUTF8(utf8, (int32_t)sizeof utf8, NULL, name, n, &err);
    return icu_ok(err) && strcmp(utf8, code) != 0;
}

static int language_is_named(const char *code) {
    UChar name[NAME_BUF];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayLanguage(code, "en", name, NAME_BUF, &err);
    if (!icu_ok(err) || err == U_USING_DEFAULT_WARNING || n <= 0) return 0;
    char utf8[NAME_BUF];
    u_strToUTF8(utf8, (int32_t)sizeof utf8, NULL, name, n, &err);
    return icu_ok(err) && strcmp(utf8, code) != 0;
}

static void load_icu_codes(void) {
    const char *const *iso = uloc_getISOCountries();
    size_t n = 0;
    while (iso[n]) n++;
    size_t nextra = sizeof extra_regions / sizeof extra_regions[0];
    regions = xmalloc((n + nextra) * sizeof(*regions));
    for (size_t i = 0; i < n + nextra; i++) {
        const char *code = i < n ? iso[i] : extra_regions[i - n];
        if (strlen(code) == 2 && region_is_named(code)) regions[nregions++] = code;
    }

    iso = uloc_getISOLanguages();
    for (n = 0; iso[n]; n++) {
    }
    languages = xmalloc(n * sizeof(*languages));
    for (size_t i = 0; i < n; i++)
        if (strlen(iso[i]) == 2 && language_is_named(iso[i])) languages[nlanguages++] = iso[i];

    if (nregions == 0 || nlanguages == 0) die("ICU knows no regions or languages");
}

static void icu_region_names(const char *locale, const char *label) {
    for (size_t i = 0; i < nregions; i++) {
        char id[16];
        UChar name[NAME_BUF];
        UErrorCode err = U_ZERO_ERROR;
        snprintf(id, sizeof id, "und_%s", regions[i]);
        int32_t n = uloc_getDisplayCountry(id, locale, name, NAME_BUF, &err);
        if (icu_ok(err) && err != U_USING_DEFAULT_WARNING) emit_u(regions[i], label, name, n);
    }
}

static int is_region(const char *code) {
    for (size_t i = 0; i < nregions; i++)
        if (strcmp(regions[i], code) == 0) return 1;
    return 0;
}

/* The CLDR alternative forms: "Countries%short" (UK, Bosnia) and
 * "Countries%variant" (Ivory Coast, Czech Republic). */
static void icu_region_variants(const char *locale, const char *label) {
    static const char *const tables[] = {"Countries%short", "Countries%variant"};
    UErrorCode err = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_open(ICU_REGION_TREE, locale, &err);
    if (!icu_ok(err) || err == U_USING_DEFAULT_WARNING) {
        ures_close(bundle);
        return;
    }
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        UErrorCode terr = U_ZERO_ERROR;
        UResourceBundle *table = ures_getByKey(bundle, tables[t], NULL, &terr);
        while (icu_ok(terr) && ures_hasNext(table)) {
            const char *key = NULL;
            int32_t len = 0;
            const UChar *name = ures_getNextString(table, &len, &key, &terr);
            if (icu_ok(terr) && key && is_region(key)) emit_u(key, label, name, len);
        }
        ures_close(table);
    }
    ures_close(bundle);
}

static void icu_language_names(const char *locale, const char *label) {
    for (size_t i = 0; i < nlanguages; i++) {
        char id[16];
        UChar name[NAME_BUF];
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayLanguage(languages[i], locale, name, NAME_BUF, &err);
        if (!icu_ok(err) || err == U_USING_DEFAULT_WARNING) continue;
        snprintf(id, sizeof id, "lang:%s", languages[i]);
        emit_u(id, label, name, n);
    }
}

/* ------------------------------------------------------------------------ */
/* ICU: exemplar cities of the time zones                                   */
/* ------------------------------------------------------------------------ */

static char **zones; /* canonical zone ids that stand for a place, sorted */
static size_t nzones;

static void load_zones(void) {
    UErrorCode err = U_ZERO_ERROR;
    UEnumeration *en =
        ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &err);
    icu_check(err, "ucal_openTimeZoneIDEnumeration");
    int32_t count = uenum_count(en, &err);
    icu_check(err, "uenum_count");
    zones = xmalloc(((size_t)count + 1) * sizeof(*zones));

    const char *id;
    int32_t len;
    while ((id = uenum_next(en, &len, &err)) != NULL && nzones < (size_t)count)
        if (strncmp(id, "Etc/", 4) != 0 && strstr(id, "Unknown") == NULL)
            zones[nzones++] = xstrdup(id);
    icu_check(err, "uenum_next");
    uenum_close(en);
    qsort(zones, nzones, sizeof(*zones), cmp_str);
}

static int is_zone(const char *id) {
    return bsearch(&id, zones, nzones, sizeof(*zones), cmp_str) != NULL;
}

/* Turns a zoneStrings key ("Europe:Kiev") into "city:" plus the canonical
 * zone id.  Returns 0, or -1 for metazones, Etc zones and unknown keys. */
static int zone_city_id(const char *key, char *out, size_t cap) {
    char id[ULOC_FULLNAME_CAPACITY];
    size_t n = strlen(key);
    if (n >= sizeof id || strncmp(key, "meta:", 5) == 0) return -1;
    for (size_t i = 0; i <= n; i++) id[i] = key[i] == ':' ? '/' : key[i];

    if (!is_zone(id)) { /* maybe an alias of a canonical zone */
        UChar uid[ULOC_FULLNAME_CAPACITY], canon[ULOC_FULLNAME_CAPACITY];
        UErrorCode err = U_ZERO_ERROR;
        u_uastrncpy(uid, id, ULOC_FULLNAME_CAPACITY);
        int32_t len =
            ucal_getCanonicalTimeZoneID(uid, -1, canon, ULOC_FULLNAME_CAPACITY, NULL, &err);
        if (!icu_ok(err) || len <= 0 || len >= (int32_t)sizeof id) return -1;
        u_austrncpy(id, canon, (int32_t)sizeof id);
        id[len] = 0;
        if (!is_zone(id)) return -1;
    }
    int len = snprintf(out, cap, "city:%s", id);
    return len > 0 && (size_t)len < cap ? 0 : -1;
}

/* Opens the zoneStrings table of a locale's zone bundle, or returns NULL if
 * the locale has none of its own (only root's). */
static UResourceBundle *open_zone_strings(const char *locale, int allow_root) {
    UErrorCode err = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_open(ICU_ZONE_TREE, locale, &err);
    UResourceBundle *table = ures_getByKey(bundle, "zoneStrings", NULL, &err);
    ures_close(bundle);
    if (icu_ok(err)) {
        const char *actual = ures_getLocaleByType(table, ULOC_ACTUAL_LOCALE, &err);
        if (icu_ok(err) && actual && (allow_root || strcmp(actual, "root") != 0)) return table;
    }
    ures_close(table);
    return NULL;
}

static void icu_city_names(const char *locale, const char *label) {
    UResourceBundle *table = open_zone_strings(locale, 0), *zone = NULL;
    if (!table) return;
    UErrorCode err = U_ZERO_ERROR;
    while (icu_ok(err) && ures_hasNext(table)) {
        zone = ures_getNextResource(table, zone, &err);
        if (!icu_ok(err) || ures_getType(zone) != URES_TABLE) continue;
        char id[ULOC_FULLNAME_CAPACITY + 8];
        if (zone_city_id(ures_getKey(zone), id, sizeof id) < 0) continue;
        UErrorCode cerr = U_ZERO_ERROR;
        int32_t len = 0;
        const UChar *city = ures_getStringByKey(zone, "ec", &len, &cerr);
        if (icu_ok(cerr)) emit_u(id, label, city, len);
    }
    ures_close(zone);
    ures_close(table);
}

static int has_exemplar(UResourceBundle *table, const char *key) {
    UErrorCode err = U_ZERO_ERROR;
    UResourceBundle *zone = ures_getByKey(table, key, NULL, &err);
    int32_t len = 0;
    if (icu_ok(err)) ures_getStringByKey(zone, "ec", &len, &err);
    ures_close(zone);
    return icu_ok(err) && len > 0;
}

/* English leaves out the exemplar city when it is the zone id's last part
 * ("Europe/Paris") and root holds a few ("Asia/Calcutta" -> "Kolkata"); the
 * loop over locales saw only en's own, so add the others here. */
static void english_city_names(void) {
    UResourceBundle *en = open_zone_strings("en", 0), *root = open_zone_strings("root", 1);
    if (!en || !root) die("no zoneStrings for en or root in ICU");

    for (size_t i = 0; i < nzones; i++) {
        char key[ULOC_FULLNAME_CAPACITY], city[ULOC_FULLNAME_CAPACITY],
            id[ULOC_FULLNAME_CAPACITY + 8];
        size_t n = strlen(zones[i]);
        if (n >= sizeof key) continue;
        for (size_t k = 0; k <= n; k++) key[k] = zones[i][k] == '/' ? ':' : zones[i][k];
        if (has_exemplar(en, key)) continue;
        snprintf(id, sizeof id, "city:%s", zones[i]);

        UErrorCode err = U_ZERO_ERROR;
        UResourceBundle *zone = ures_getByKey(root, key, NULL, &err);
        int32_t len = 0;
        const UChar *name = icu_ok(err) ? ures_getStringByKey(zone, "ec", &len, &err) : NULL;
        if (icu_ok(err) && name) {
            emit_u(id, "en", name, len);
        } else {
            const char *last = strrchr(zones[i], '/');
            snprintf(city, sizeof city, "%s", last ? last + 1 : zones[i]);
            for (char *p = city; *p; p++)
                if (*p == '_') *p = ' ';
            emit(id, "en", city);
        }
        ures_close(zone);
    }
    ures_close(en);
    ures_close(root);
}

static void icu_names(void) {
    int32_t count = uloc_countAvailable();
    for (int32_t i = 0; i < count; i++) {
        const char *locale = uloc_getAvailable(i);
        char label[LABEL_BUF];
        if (!locale || lang_label(locale, label, sizeof label) < 0) {
            fprintf(stderr, PROG ": note: skipping ICU locale %s\n", locale ? locale : "?");
            continue;
        }
        icu_region_names(locale, label);
        icu_region_variants(locale, label);
        icu_language_names(locale, label);
        icu_city_names(locale, label);
    }
    english_city_names();
}

/* ------------------------------------------------------------------------ */
/* Debian iso-codes                                                         */
/* ------------------------------------------------------------------------ */

struct iso_name {
    const char *english; /* msgid in the catalogues */
    const char *code;
};

static cJSON *iso_root;
static struct iso_name *iso_names;
static size_t niso_names;

static int cmp_iso_name(const void *a, const void *b) {
    return strcmp(((const struct iso_name *)a)->english, ((const struct iso_name *)b)->english);
}

/* Emits the English names in the JSON file and remembers them as msgids.
 * Returns 0, or -1 (with a note) if the file is missing or unreadable. */
static int load_iso_json(const char *path) {
    static const char *const fields[] = {"name", "official_name", "common_name"};
    size_t size;
    char *text = slurp(path, &size);
    if (!text) {
        fprintf(stderr, PROG ": note: skipping iso-codes: %s: %s\n", path, strerror(errno));
        return -1;
    }
    iso_root = cJSON_Parse(text);
    free(text);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(iso_root, "3166-1");
    if (!cJSON_IsArray(list)) {
        fprintf(stderr, PROG ": note: skipping iso-codes: %s: not an ISO 3166-1 list\n", path);
        cJSON_Delete(iso_root);
        iso_root = NULL;
        return -1;
    }

    size_t cap = (size_t)cJSON_GetArraySize(list) * 3;
    iso_names = xmalloc((cap ? cap : 1) * sizeof(*iso_names));
    const cJSON *entry;
    cJSON_ArrayForEach(entry, list) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(entry, "alpha_2");
        if (!cJSON_IsString(code) || strlen(code->valuestring) != 2) continue;
        for (size_t f = 0; f < 3; f++) {
            const cJSON *name = cJSON_GetObjectItemCaseSensitive(entry, fields[f]);
            if (!cJSON_IsString(name) || !name->valuestring[0] || niso_names == cap) continue;
            emit(code->valuestring, "en", name->valuestring);
            iso_names[niso_names].english = name->valuestring;
            iso_names[niso_names++].code = code->valuestring;
        }
    }
    qsort(iso_names, niso_names, sizeof(*iso_names), cmp_iso_name);
    return 0;
}

static const char *iso_code_for(const char *english) {
    struct iso_name key = {english, NULL};
    const struct iso_name *hit =
        bsearch(&key, iso_names, niso_names, sizeof(*iso_names), cmp_iso_name);
    return hit ? hit->code : NULL;
}

/* A gettext catalogue loaded in memory. */
struct mo_file {
    const unsigned char *data;
    size_t size;
    int big_endian;
    uint32_t count;                   /* number of strings */
    uint32_t originals, translations; /* offsets of the two tables */
};

static uint32_t mo_word(const struct mo_file *mo, size_t off) {
    const unsigned char *p = mo->data + off;
    return mo->big_endian
               ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Reads the header of a .mo file.  Returns 0, or -1 if it is not one. */
static int mo_open(struct mo_file *mo, const char *data, size_t size) {
    mo->data = (const unsigned char *)data;
    mo->size = size;
    if (size < 20) return -1;
    mo->big_endian = 0;
    if (mo_word(mo, 0) != 0x950412de) {
        mo->big_endian = 1;
        if (mo_word(mo, 0) != 0x950412de) return -1;
    }
    mo->count = mo_word(mo, 8);
    mo->originals = mo_word(mo, 12);
    mo->translations = mo_word(mo, 16);
    if (mo->count > size / 8 || mo->originals > size - (size_t)mo->count * 8 ||
        mo->translations > size - (size_t)mo->count * 8)
        return -1;
    return 0;
}

/* Copies string i of a table into out: 0 if done, 1 if too long for out,
 * -1 if the file is corrupt.  Only the first of NUL-separated plural forms
 * is kept. */
static int mo_string(const struct mo_file *mo, uint32_t table, uint32_t i, char *out, size_t cap) {
    size_t entry = (size_t)table + (size_t)i * 8;
    uint32_t len = mo_word(mo, entry), off = mo_word(mo, entry + 4);
    if (off > mo->size || len > mo->size - off) return -1;
    if (len >= cap) return 1;
    memcpy(out, mo->data + off, len);
    out[len] = 0;
    return 0;
}

/* True unless the catalogue header names a charset other than UTF-8. */
static int mo_header_is_utf8(const char *header) {
    const char *cs = strstr(header, "charset=");
    if (!cs) return 1;
    cs += strlen("charset=");
    size_t n = strcspn(cs, " ;\n");
    return (n == 5 && strncasecmp(cs, "UTF-8", 5) == 0) ||
           (n == 4 && strncasecmp(cs, "UTF8", 4) == 0);
}

static void load_mo(const char *path, const char *label) {
    size_t size;
    char *data = slurp(path, &size);
    if (!data) {
        if (errno != ENOENT && errno != ENOTDIR)
            fprintf(stderr, PROG ": note: skipping %s: %s\n", path, strerror(errno));
        return;
    }
    struct mo_file mo;
    if (mo_open(&mo, data, size) < 0) {
        fprintf(stderr, PROG ": note: skipping %s: not a .mo file\n", path);
        free(data);
        return;
    }
    for (uint32_t i = 0; i < mo.count; i++) {
        char msgid[MO_BUF], msgstr[MO_BUF];
        int r = mo_string(&mo, mo.originals, i, msgid, sizeof msgid);
        if (r == 0) r = mo_string(&mo, mo.translations, i, msgstr, sizeof msgstr);
        if (r < 0) {
            fprintf(stderr, PROG ": note: %s is corrupt; rest skipped\n", path);
            break;
        }
        if (r > 0) continue;
        if (!msgid[0]) { /* the header */
            if (!mo_header_is_utf8(msgstr)) {
                fprintf(stderr, PROG ": note: skipping %s: not UTF-8\n", path);
                break;
            }
            continue;
        }
        const char *english = strchr(msgid, '\004'); /* drop a msgctxt */
        const char *code = iso_code_for(english ? english + 1 : msgid);
        if (code && msgstr[0]) emit(code, label, msgstr);
    }
    free(data);
}

static void load_iso_translations(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, PROG ": note: skipping iso-codes translations: %s: %s\n", dir,
                strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char label[LABEL_BUF], path[4096];
        if (e->d_name[0] == '.') continue;
        int n = snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/iso_3166-1.mo", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path) continue;
        if (dir_lang_label(e->d_name, label, sizeof label) < 0) {
            FILE *f = fopen(path, "rb");
            if (f) {
                fprintf(stderr, PROG ": note: skipping %s: unknown language\n", path);
                fclose(f);
            }
            continue;
        }
        load_mo(path, label);
    }
    closedir(d);
}

/* ------------------------------------------------------------------------ */

static void free_all(void) {
    for (size_t i = 0; i < nlines; i++) free(lines[i]);
    free(lines);
    for (size_t i = 0; i < nzones; i++) free(zones[i]);
    free(zones);
    free(regions);
    free(languages);
    free(iso_names);
    cJSON_Delete(iso_root);
}

int main(int argc, char **argv) {
    if (argc != 1 && argc != 3) {
        fprintf(stderr, "usage: " PROG " [ISO_CODES_JSON LOCALE_DIR] > places.tsv\n");
        return 2;
    }
    const char *iso_json = argc == 3 ? argv[1] : default_iso_json;
    const char *locale_dir = argc == 3 ? argv[2] : default_locale_dir;

    /* Where ICU lacks a locale it would fall back to the default one, which
     * would label English names as another language; root has no names. */
    UErrorCode err = U_ZERO_ERROR;
    uloc_setDefault("und", &err);
    icu_check(err, "uloc_setDefault");

    load_icu_codes();
    load_zones();
    icu_names();
    if (load_iso_json(iso_json) == 0) load_iso_translations(locale_dir);

    int rc = print_lines() == 0 ? 0 : 1;
    if (rc) fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
    free_all();
    return rc;
}
