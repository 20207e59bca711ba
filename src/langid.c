/* langid.c -- which language a text is in: CLD2, settled by letter scripts.
 *
 * One pass over at most SKEIN__LANGID_MAX_BYTES of the text decodes UTF-8,
 * counts letters per script and copies the text into a stack buffer that CLD2
 * can safely read: invalid bytes and control characters become spaces, so
 * arbitrary bytes never reach CLD2.  Scripts used by one language (Greek,
 * Hebrew, Thai, Hangul, kana...) decide without CLD2.  For Cyrillic, Arabic
 * and Han text CLD2 is asked first and the script corrects it where it is
 * known to be weak: і ї є ґ mean Ukrainian, and when CLD2 has no answer (short
 * text) the script's main language is taken, unflagged as reliable.  Latin
 * and other text is CLD2's call alone.  No heap, no state: thread-safe. */
#include "langid.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "skein.h"

/* Fewer letters than this and a script-only answer is not called reliable. */
#define SCRIPT_RELIABLE_LETTERS 10

typedef enum script {
    SC_NONE, /* not a letter: digits, punctuation, symbols, marks */
    SC_LATIN,
    SC_CYRILLIC,
    SC_ARABIC,
    SC_HAN,
    SC_KANA,
    SC_HANGUL,
    SC_GREEK,
    SC_HEBREW,
    SC_THAI,
    SC_GEORGIAN,
    SC_ARMENIAN,
    SC_OTHER, /* letters of scripts CLD2 sorts out alone (Devanagari...) */
    SC_COUNT
} script;

/* What one pass over the text found. */
typedef struct scan {
    char buf[SKEIN__LANGID_MAX_BYTES]; /* cleaned copy of the text, for CLD2 */
    size_t len;
    size_t letters[SC_COUNT];
    size_t uk_letters; /* і ї є ґ in either case */
} scan;

/* ---- UTF-8 and scripts -------------------------------------------------- */

/* Decodes one strict UTF-8 character (no overlongs, no surrogates, at most
 * U+10FFFF) from s[0..n).  Returns its length, or 0 if s does not start with
 * one. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2, c = s[0] & 0x1F, min = 0x80;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, c = s[0] & 0x0F, min = 0x800;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, c = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

/* Characters CLD2 should not see: controls (bar tab and newlines) and
 * noncharacters. */
static int is_unwanted(uint32_t c) {
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    if (c >= 0x7F && c <= 0x9F) return 1;
    if (c >= 0xFDD0 && c <= 0xFDEF) return 1;
    return (c & 0xFFFE) == 0xFFFE;
}

typedef struct range {
    uint32_t lo, hi;
    script sc;
} range;

/* Sorted, non-overlapping; code points in no range count as SC_OTHER when
 * above U+024F and as SC_NONE below. */
static const range ranges[] = {
    {0x0000, 0x0040, SC_NONE},     {0x0041, 0x005A, SC_LATIN},    {0x005B, 0x0060, SC_NONE},
    {0x0061, 0x007A, SC_LATIN},    {0x007B, 0x00BF, SC_NONE},     {0x00C0, 0x00D6, SC_LATIN},
    {0x00D7, 0x00D7, SC_NONE},     {0x00D8, 0x00F6, SC_LATIN},    {0x00F7, 0x00F7, SC_NONE},
    {0x00F8, 0x02AF, SC_LATIN},    {0x02B0, 0x036F, SC_NONE},     {0x0370, 0x03FF, SC_GREEK},
    {0x0400, 0x052F, SC_CYRILLIC}, {0x0530, 0x058F, SC_ARMENIAN}, {0x0590, 0x05FF, SC_HEBREW},
    {0x0600, 0x065F, SC_ARABIC},   {0x0660, 0x0669, SC_NONE},     {0x066A, 0x06EF, SC_ARABIC},
    {0x06F0, 0x06F9, SC_NONE},     {0x06FA, 0x06FF, SC_ARABIC},   {0x0750, 0x077F, SC_ARABIC},
    {0x08A0, 0x08FF, SC_ARABIC},   {0x0E00, 0x0E7F, SC_THAI},     {0x10A0, 0x10FF, SC_GEORGIAN},
    {0x1100, 0x11FF, SC_HANGUL},   {0x1AB0, 0x1AFF, SC_NONE},     {0x1DC0, 0x1DFF, SC_NONE},
    {0x1E00, 0x1EFF, SC_LATIN},    {0x1F00, 0x1FFF, SC_GREEK},    {0x2000, 0x2BFF, SC_NONE},
    {0x2D00, 0x2D2F, SC_GEORGIAN}, {0x2E00, 0x303F, SC_NONE},     {0x3040, 0x30FA, SC_KANA},
    {0x30FB, 0x30FB, SC_NONE},     {0x30FC, 0x30FF, SC_KANA},     {0x3130, 0x318F, SC_HANGUL},
    {0x3190, 0x31EF, SC_NONE},     {0x31F0, 0x31FF, SC_KANA},     {0x3200, 0x33FF, SC_NONE},
    {0x3400, 0x4DBF, SC_HAN},      {0x4DC0, 0x4DFF, SC_NONE},     {0x4E00, 0x9FFF, SC_HAN},
    {0xAC00, 0xD7AF, SC_HANGUL},   {0xE000, 0xF8FF, SC_NONE},     {0xF900, 0xFAFF, SC_HAN},
    {0xFB1D, 0xFB4F, SC_HEBREW},   {0xFB50, 0xFDFF, SC_ARABIC},   {0xFE00, 0xFE6F, SC_NONE},
    {0xFE70, 0xFEFF, SC_ARABIC},   {0xFF00, 0xFF20, SC_NONE},     {0xFF21, 0xFF3A, SC_LATIN},
    {0xFF3B, 0xFF40, SC_NONE},     {0xFF41, 0xFF5A, SC_LATIN},    {0xFF5B, 0xFF65, SC_NONE},
    {0xFF66, 0xFF9F, SC_KANA},     {0xFFA0, 0xFFDC, SC_HANGUL},   {0xFFDD, 0xFFFF, SC_NONE},
    {0x1F000, 0x1FFFF, SC_NONE},   {0x20000, 0x3134F, SC_HAN},    {0xE0000, 0x10FFFF, SC_NONE},
};

static script script_of(uint32_t c) {
    size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < ranges[mid].lo)
            hi = mid;
        else if (c > ranges[mid].hi)
            lo = mid + 1;
        else
            return ranges[mid].sc;
    }
    return SC_OTHER;
}

static int is_uk_letter(uint32_t c) {
    return c == 0x0456 || c == 0x0406 || c == 0x0457 || c == 0x0407 || /* і ї */
           c == 0x0454 || c == 0x0404 || c == 0x0491 || c == 0x0490;   /* є ґ */
}

/* Fills `s` from at most SKEIN__LANGID_MAX_BYTES bytes of text: the copy
 * stops before the first character that would not fit whole. */
static void scan_text(scan *s, const unsigned char *text, size_t len) {
    memset(s->letters, 0, sizeof(s->letters));
    s->uk_letters = 0;
    s->len = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t c = 0;
        size_t n = utf8_decode(text + i, len - i, &c);
        if (s->len + (n ? n : 1) > sizeof(s->buf)) break;
        if (n == 0 || is_unwanted(c)) {
            s->buf[s->len++] = ' ';
            i += n ? n : 1;
            continue;
        }
        memcpy(s->buf + s->len, text + i, n);
        s->len += n;
        i += n;
        s->letters[script_of(c)]++;
        s->uk_letters += (size_t)is_uk_letter(c);
    }
}

/* The script with the most letters, SC_NONE when there are no letters. */
static script dominant_script(const scan *s) {
    script best = SC_NONE;
    for (int sc = SC_NONE + 1; sc < SC_COUNT; sc++)
        if (s->letters[sc] > s->letters[best]) best = (script)sc;
    return best;
}

/* ---- Deciding ----------------------------------------------------------- */

/* Is `code` one of the space-separated codes in `list`? */
static int in_list(const char *code, const char *list) {
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        size_t m = strcspn(p, " ");
        if (m == n && memcmp(p, code, n) == 0) return 1;
        p += m;
        p += strspn(p, " ");
    }
    return 0;
}

/* Languages CLD2 may rightly name for text mostly in these scripts. */
#define CYRILLIC_LANGS "ru uk be bg mk sr kk ky tg tt mn ba os ab uz az"
#define ARABIC_LANGS "ar fa ur ps ku sd ug ks"

/* The answer for scripts used by a single language; NULL for the others. */
static const char *single_language(script sc) {
    switch (sc) {
    case SC_KANA: return "ja";
    case SC_HANGUL: return "ko";
    case SC_GREEK: return "el";
    case SC_HEBREW: return "he";
    case SC_THAI: return "th";
    case SC_GEORGIAN: return "ka";
    case SC_ARMENIAN: return "hy";
    default: return NULL;
    }
}

/* Settles CLD2's answer `cld` (verdict *rel) with the script counts.  Returns
 * `cld` or a code with static storage.  Where the letters prove a language
 * (і ї є ґ, kana, Han) *rel is also true when there are enough letters; a
 * fallback taken only because CLD2 had no fitting answer is never reliable. */
static const char *settle(const scan *s, script sc, const char *cld, int *rel) {
    const char *fix = NULL;
    int proof = 1;
    if (sc == SC_CYRILLIC) {
        /* Belarusian and Kazakh also write і: let CLD2 keep those. */
        if (s->uk_letters && !in_list(cld, "be kk")) {
            fix = "uk";
        } else if (!in_list(cld, CYRILLIC_LANGS)) {
            fix = "ru";
            proof = 0;
        }
    } else if (sc == SC_ARABIC) {
        if (!in_list(cld, ARABIC_LANGS)) {
            fix = "ar";
            proof = 0;
        }
    } else if (sc == SC_HAN) {
        int sure_zh = *rel && strcmp(cld, "zh") == 0;
        if (s->letters[SC_KANA] && !sure_zh)
            fix = "ja";
        else if (!in_list(cld, "zh ja"))
            fix = "zh";
    }
    if (!fix) return cld; /* Latin and the rest: CLD2 decides */
    int script_rel = proof && s->letters[sc] >= SCRIPT_RELIABLE_LETTERS;
    if (strcmp(fix, cld) == 0) {
        *rel = *rel || script_rel;
        return cld;
    }
    *rel = script_rel;
    return fix;
}

static void set_code(char code[8], const char *value) {
    size_t n = strlen(value);
    assert(n < 8);
    memcpy(code, value, n + 1);
}

int skein_detect_language(const char *text, size_t len, char code[8], int *reliable) {
    if (reliable) *reliable = 0;
    if (!code) return SKEIN_EINVAL;
    set_code(code, "und");
    if (!text && len) return SKEIN_EINVAL;
    if (len == 0) return SKEIN_OK;

    scan s;
    scan_text(&s, (const unsigned char *)text, len);
    script sc = dominant_script(&s);
    if (sc == SC_NONE) return SKEIN_OK;
    const char *only = single_language(sc);
    if (only) {
        set_code(code, only);
        /* Japanese mixes kanji with its kana: both count as its letters. */
        size_t n = s.letters[sc] + (sc == SC_KANA ? s.letters[SC_HAN] : 0);
        if (reliable) *reliable = n >= SCRIPT_RELIABLE_LETTERS;
        return SKEIN_OK;
    }

    char cld[8];
    int rel = 0;
    int failed = skein__cld2_detect(s.buf, s.len, cld, &rel);
    set_code(code, settle(&s, sc, cld, &rel));
    if (reliable) *reliable = rel;
    return failed ? SKEIN_EINTERNAL : SKEIN_OK;
}

/* ---- Caller-given tags -------------------------------------------------- */

/* Every ISO 639-1 code. */
static const char iso639_1[] =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch "
    "co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga "
    "gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja "
    "jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv "
    "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or "
    "os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
    "vo wa wo xh yi yo za zh zu";

typedef struct alias {
    const char *from, *to;
} alias;

/* ISO 639-2 (T and B), a few 639-3 macrolanguage members, withdrawn 639-1
 * codes, and names in English or in the language itself. */
static const alias aliases[] = {
    {"iw", "he"},
    {"in", "id"},
    {"ji", "yi"},
    {"jw", "jv"},
    {"mo", "ro"},
    {"eng", "en"},
    {"ara", "ar"},
    {"arb", "ar"},
    {"rus", "ru"},
    {"ukr", "uk"},
    {"zho", "zh"},
    {"chi", "zh"},
    {"cmn", "zh"},
    {"yue", "zh"},
    {"deu", "de"},
    {"ger", "de"},
    {"fra", "fr"},
    {"fre", "fr"},
    {"spa", "es"},
    {"ita", "it"},
    {"por", "pt"},
    {"nld", "nl"},
    {"dut", "nl"},
    {"pol", "pl"},
    {"tur", "tr"},
    {"fas", "fa"},
    {"per", "fa"},
    {"pes", "fa"},
    {"heb", "he"},
    {"jpn", "ja"},
    {"kor", "ko"},
    {"ell", "el"},
    {"gre", "el"},
    {"hin", "hi"},
    {"urd", "ur"},
    {"swe", "sv"},
    {"nor", "no"},
    {"nob", "nb"},
    {"dan", "da"},
    {"fin", "fi"},
    {"ces", "cs"},
    {"cze", "cs"},
    {"ron", "ro"},
    {"rum", "ro"},
    {"hun", "hu"},
    {"bul", "bg"},
    {"srp", "sr"},
    {"hrv", "hr"},
    {"bel", "be"},
    {"kaz", "kk"},
    {"ind", "id"},
    {"msa", "ms"},
    {"may", "ms"},
    {"vie", "vi"},
    {"tha", "th"},
    {"cat", "ca"},
    {"slk", "sk"},
    {"slo", "sk"},
    {"slv", "sl"},
    {"lit", "lt"},
    {"lav", "lv"},
    {"est", "et"},
    {"kat", "ka"},
    {"geo", "ka"},
    {"hye", "hy"},
    {"arm", "hy"},
    {"ben", "bn"},
    {"tam", "ta"},
    {"swa", "sw"},
    {"tgl", "tl"},
    {"fil", "tl"},
    {"english", "en"},
    {"arabic", "ar"},
    {"russian", "ru"},
    {"ukrainian", "uk"},
    {"chinese", "zh"},
    {"mandarin", "zh"},
    {"german", "de"},
    {"french", "fr"},
    {"spanish", "es"},
    {"italian", "it"},
    {"portuguese", "pt"},
    {"dutch", "nl"},
    {"polish", "pl"},
    {"turkish", "tr"},
    {"persian", "fa"},
    {"farsi", "fa"},
    {"hebrew", "he"},
    {"japanese", "ja"},
    {"korean", "ko"},
    {"greek", "el"},
    {"hindi", "hi"},
    {"deutsch", "de"},
    {"francais", "fr"},
    {"fran\xc3\xa7"
     "ais",
     "fr"},
    {"espanol", "es"},
    {"espa\xc3\xb1ol", "es"},
    {"\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9", "ru"}, /* русский */
    {"\xd1\x83\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb0",
     "uk"},                                                             /* українська */
    {"\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9", "ar"}, /* العربية */
    {"\xe4\xb8\xad\xe6\x96\x87", "zh"},                                 /* 中文 */
};

/* Longest tag we look at; longer input is not a language tag. */
#define MAX_TAG 32

int skein__langid_normalize(const char *given, char code[8]) {
    if (!code) return -1;
    set_code(code, "und");
    if (!given) return -1;
    given += strspn(given, " \t");
    /* The primary subtag, lower-cased (ASCII only: names like "Русский"
     * must be given in lower case). */
    char tag[MAX_TAG + 1];
    size_t n = strcspn(given, "-_ \t.@");
    if (n == 0 || n > MAX_TAG) return -1;
    for (size_t i = 0; i < n; i++) {
        char c = given[i];
        tag[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    tag[n] = '\0';
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (tag[0] == aliases[i].from[0] && strcmp(tag, aliases[i].from) == 0) {
            set_code(code, aliases[i].to);
            return 0;
        }
    }
    if (n != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z') return -1;
    if (!in_list(tag, iso639_1)) return -1;
    set_code(code, tag);
    return 0;
}
