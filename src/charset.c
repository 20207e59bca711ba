/* charset.c -- which charset, then bytes to UTF-8 (ICU).  See charset.h.
 *
 * The common case costs one validation pass and no copy: most pages are
 * UTF-8 and say so, or say nothing.  Otherwise the label is mapped as the
 * Encoding Standard maps it, checked against the bytes, and the bytes go
 * through ucnv_toAlgorithmic (any charset ICU knows -> UTF-8 in one call);
 * a final pass drops NUL bytes and replaces anything still invalid. */
#include "charset.h"

#include "htmlscan.h"
#include "skein.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#define DETECT_BYTES (64 * 1024) /* the detector reads no more of a page */

/* Labels the Encoding Standard reads as another charset than ICU would. */
/* clang-format off */
static const char *const label_map[][2] = {
    {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"}, {"latin1", "windows-1252"},
    {"l1", "windows-1252"},         {"ascii", "windows-1252"},     {"us-ascii", "windows-1252"},
    {"iso_8859-1", "windows-1252"}, {"cp819", "windows-1252"},     {"ibm819", "windows-1252"},
    {"cp1252", "windows-1252"},     {"x-cp1252", "windows-1252"},  {"gb2312", "gb18030"},
    {"gbk", "gb18030"},             {"x-gbk", "gb18030"},          {"gb_2312-80", "gb18030"},
    {"gb_2312", "gb18030"},         {"chinese", "gb18030"},        {"csgb2312", "gb18030"},
    {"cp936", "gb18030"},           {"windows-936", "gb18030"},    {"iso-8859-9", "windows-1254"},
    {"latin5", "windows-1254"},     {"iso8859-9", "windows-1254"}, {"tis-620", "windows-874"},
    {"iso-8859-11", "windows-874"}, {"euc-kr", "windows-949"},     {"ks_c_5601-1987", "windows-949"},
    {"korean", "windows-949"},      {"utf8", "utf-8"},             {"unicode-1-1-utf-8", "utf-8"},
    {"x-sjis", "shift_jis"},        {"sjis", "shift_jis"},         {"ms_kanji", "shift_jis"},
};
/* clang-format on */

/* 1 for a byte a charset's name may hold. */
static int name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == ':' || c == '+';
}

/* Lower-cases and maps a label into `name`; "" when it is unusable (too
 * long for any charset's name, or holding what no name holds). */
static void normalize_label(const char *label, char name[40]) {
    size_t n = 0;
    for (; label[n] && n < 39; n++) {
        char c = label[n];
        name[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (!name_char(name[n])) break;
    }
    name[n] = 0;
    if (label[n]) name[0] = 0;
    for (size_t i = 0; i < sizeof(label_map) / sizeof(label_map[0]); i++) {
        if (strcmp(name, label_map[i][0]) == 0) {
            strcpy(name, label_map[i][1]);
            return;
        }
    }
}

static int is_utf8_name(const char *name) { return strcmp(name, "utf-8") == 0; }

/* The charset a BOM names, and its length; 0 when there is none. */
static size_t bom(const char *s, size_t len, char name[40]) {
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return strcpy(name, "utf-8"), 3;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return strcpy(name, "utf-16be"), 2;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return strcpy(name, "utf-16le"), 2;
    return 0;
}

/* The label the page or its header gives, normalised into cs (name "" and
 * from SKEIN__CS_VALID when there is none). */
static void declared(const char *s, size_t len, const char *content_type, skein__charset *cs) {
    char label[64];
    cs->name[0] = 0, cs->from = SKEIN__CS_VALID;
    if (content_type && skein__scan_content_type_charset(content_type, strlen(content_type), label,
                                                         sizeof(label))) {
        normalize_label(label, cs->name);
        cs->from = SKEIN__CS_HEADER;
    }
    if (!cs->name[0] && skein__scan_meta_charset(s, len, label, sizeof(label))) {
        normalize_label(label, cs->name);
        cs->from = SKEIN__CS_META;
        /* a page cannot declare UTF-16 in bytes it had to be read in */
        if (strncmp(cs->name, "utf-16", 6) == 0) strcpy(cs->name, "utf-8");
    }
    if (!cs->name[0]) cs->from = SKEIN__CS_VALID;
}

/* Counts what a UTF-8 check of s[0..len) finds: invalid sequences, bytes of
 * valid non-ASCII sequences, NUL bytes. */
typedef struct utf8_counts {
    size_t invalid, multibyte, nul; /* multibyte: valid sequences of 2 to 4 bytes */
} utf8_counts;

/* Length of the run of ASCII bytes other than NUL at the start of s,
 * rounded down to whole 8-byte words: the fast path of count_utf8. */
static size_t ascii_words(const char *s, size_t len) {
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & high) || ((w - ones) & ~w & high)) break; /* a high bit or a zero byte */
    }
    return i;
}

static void count_utf8(const char *s, size_t len, utf8_counts *c) {
    memset(c, 0, sizeof(*c));
    size_t i = 0;
    while (i < len) {
        i += ascii_words(s + i, len - i);
        if (i >= len) break;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            c->nul += b == 0, i++;
            continue;
        }
        size_t j = i;
        skein__utf8_next(s, len, &j);
        if (j - i == 1)
            c->invalid++; /* a byte >= 0x80 alone is never valid */
        else
            c->multibyte++;
        i = j;
    }
}

/* Appends s[0..len) to out as valid UTF-8: NUL bytes dropped, each byte
 * that starts no valid sequence replaced by U+FFFD. */
static int repair(const char *s, size_t len, sbuf *out) {
    size_t i = 0;
    while (i < len) {
        size_t ok = skein__utf8_check(s + i, len - i);
        const char *nul = ok ? memchr(s + i, 0, ok) : NULL;
        if (nul) ok = (size_t)(nul - (s + i));
        if (skein__sbuf_add(out, s + i, ok)) return SKEIN_ENOMEM;
        i += ok;
        if (i >= len) break;
        if (s[i] && skein__sbuf_add(out, "\xEF\xBF\xBD", 3)) return SKEIN_ENOMEM;
        i++;
    }
    return SKEIN_OK;
}

/* ICU's best guess for s[0..len) into cs (windows-1252 when it has none). */
static void detect(const char *s, size_t len, const char *hint, skein__charset *cs) {
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&st);
    const char *name = NULL;
    if (U_SUCCESS(st)) {
        ucsdet_setText(d, s, (int32_t)SKEIN_MIN(len, DETECT_BYTES), &st);
        ucsdet_enableInputFilter(d, 1);
        if (hint && *hint) ucsdet_setDeclaredEncoding(d, hint, -1, &st);
        const UCharsetMatch *m = U_SUCCESS(st) ? ucsdet_detect(d, &st) : NULL;
        name = m && U_SUCCESS(st) ? ucsdet_getName(m, &st) : NULL;
        if (U_FAILURE(st)) name = NULL;
    }
    normalize_label(name ? name : "windows-1252", cs->name);
    if (!cs->name[0]) strcpy(cs->name, "windows-1252");
    cs->from = SKEIN__CS_DETECTED;
    ucsdet_close(d);
}

/* Converts s[0..len) from cs->name to UTF-8 into buf (raw ICU output).
 * SKEIN_OK, SKEIN_EINVAL when ICU knows no such charset, SKEIN_ENOMEM,
 * SKEIN_EINTERNAL. */
static int convert(const char *s, size_t len, const char *name, sbuf *buf) {
    if (len > INT32_MAX / 4) return SKEIN_ETOOBIG;
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &st);
    if (U_FAILURE(st)) return SKEIN_EINVAL;
    size_t cap = 3 * len + 16; /* no charset gives more than 3 bytes of UTF-8 per byte */
    int rc = skein__sbuf_grow(buf, cap) ? SKEIN_ENOMEM : SKEIN_OK;
    if (rc == SKEIN_OK) {
        int32_t n =
            ucnv_toAlgorithmic(UCNV_UTF8, cnv, buf->buf, (int32_t)cap, s, (int32_t)len, &st);
        if (U_SUCCESS(st) && n >= 0 && (size_t)n <= cap)
            buf->len = (size_t)n;
        else
            rc = SKEIN_EINTERNAL;
    }
    ucnv_close(cnv);
    return rc;
}

/* Charsets written in ASCII bytes only: their bytes are valid UTF-8 too,
 * but do not mean what UTF-8 would make of them. */
static int seven_bit(const char *name) {
    return strncmp(name, "iso-2022", 8) == 0 || strcmp(name, "utf-7") == 0 ||
           strcmp(name, "hz-gb-2312") == 0;
}

/* Settles the charset: a label that contradicts the bytes loses. */
static void choose(const char *s, size_t len, const utf8_counts *c, skein__charset *cs) {
    if (cs->from == SKEIN__CS_BOM) return;
    int utf8 = is_utf8_name(cs->name);
    /* declared UTF-8: a few stray bytes are repaired; mostly invalid is another charset */
    if (utf8 && (c->invalid < 4 || c->invalid <= c->multibyte)) return;
    if (!utf8 && cs->name[0] && !c->invalid && !seven_bit(cs->name)) {
        strcpy(cs->name, "utf-8"); /* valid UTF-8 (or plain ASCII) despite the label */
        cs->from = SKEIN__CS_VALID;
        return;
    }
    if (!utf8 && cs->name[0]) return;
    detect(s, len, cs->name, cs);
}

int skein__charset_to_utf8(const char *in, size_t len, const char *content_type, sbuf *buf,
                           const char **text, size_t *text_len, skein__charset *cs) {
    skein__sbuf_reset(buf);
    size_t skip = bom(in, len, cs->name);
    cs->from = SKEIN__CS_BOM;
    if (!skip) declared(in, len, content_type, cs);
    in += skip, len -= skip;
    utf8_counts c;
    count_utf8(in, len, &c);
    if (!cs->name[0] && !c.invalid) strcpy(cs->name, "utf-8");
    choose(in, len, &c, cs);
    if (is_utf8_name(cs->name) && !c.invalid && !c.nul) {
        *text = in, *text_len = len;
        return SKEIN_OK;
    }
    sbuf raw;
    skein__sbuf_init(&raw);
    int rc = SKEIN_OK;
    if (!is_utf8_name(cs->name)) {
        rc = convert(in, len, cs->name, &raw);
        if (rc == SKEIN_EINVAL && cs->from != SKEIN__CS_DETECTED) { /* a label ICU does not know */
            detect(in, len, NULL, cs);
            rc = convert(in, len, cs->name, &raw);
        }
        if (rc == SKEIN_EINVAL) { /* a charset ICU detects but has no table for (IBM420_ltr) */
            strcpy(cs->name, "windows-1252");
            rc = convert(in, len, cs->name, &raw);
        }
        if (rc == SKEIN_OK) in = raw.buf ? raw.buf : "", len = raw.len;
    }
    if (rc == SKEIN_OK) rc = repair(in, len, buf);
    skein__sbuf_release(&raw);
    if (rc == SKEIN_OK && skein__sbuf_grow(buf, 0)) rc = SKEIN_ENOMEM;
    if (rc == SKEIN_OK) buf->buf[buf->len] = 0;
    if (rc != SKEIN_OK) return rc == SKEIN_EINVAL ? SKEIN_EINTERNAL : rc;
    *text = buf->buf, *text_len = buf->len;
    return SKEIN_OK;
}
