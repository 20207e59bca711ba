/* langid_cld2.cc -- the C++ shim that lets langid.c call CLD2.
 *
 * CLD2 has only a C++ interface, so this file wraps one call in an extern "C"
 * function and does nothing else: the script checks, the cap and the input
 * cleaning live in langid.c.  We call the "Ext...CheckUTF8" variant because it
 * may answer UNKNOWN_LANGUAGE (the plain variants answer ENGLISH when unsure)
 * and because it stops at the first byte CLD2 does not accept instead of
 * reading garbage; if that happens we detect on the valid prefix.  CLD2's
 * language codes are reduced to ISO 639-1 here.  No exception leaves the
 * shim. */
#include <cstdio> /* CLD2's header uses FILE without including it */
#include <cstring>
#include <exception>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "langid.h"

namespace {

/* CLD2 still uses a few withdrawn ISO 639 codes. */
struct code_pair {
    const char *cld2, *iso;
};
const code_pair kRenamed[] = {
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"},
};

void set_und(char code[8]) { std::memcpy(code, "und", 4); }

/* Writes the ISO 639-1 form of a CLD2 code: region and script subtags are
 * dropped ("zh-Hant" -> "zh", "sr-ME" -> "sr"), placeholders ("un", "xxx",
 * "xx-Latn", "zzb", the unused numeric slots) become "und". */
void to_iso(const char *cld2, char code[8]) {
    set_und(code);
    if (!cld2) return;
    size_t n = std::strcspn(cld2, "-");
    if (n < 2 || n > 3) return;
    for (size_t i = 0; i < n; i++)
        if (cld2[i] < 'a' || cld2[i] > 'z') return;
    if (std::strncmp(cld2, "un", n) == 0 || std::strncmp(cld2, "xx", 2) == 0 ||
        std::strncmp(cld2, "zz", 2) == 0 || std::strncmp(cld2, "tlh", n) == 0)
        return;
    for (const code_pair &p : kRenamed) {
        if (n == 2 && std::strncmp(cld2, p.cld2, 2) == 0) {
            std::memcpy(code, p.iso, 3);
            return;
        }
    }
    std::memcpy(code, cld2, n);
    code[n] = '\0';
}

CLD2::Language detect(const char *text, int len, bool *reliable, int *valid) {
    CLD2::CLDHints hints = {NULL, NULL, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language lang3[3];
    int percent3[3];
    double score3[3];
    int text_bytes = 0;
    return CLD2::ExtDetectLanguageSummaryCheckUTF8(text, len, true, &hints, 0, lang3, percent3,
                                                   score3, NULL, &text_bytes, reliable, valid);
}

} // namespace

extern "C" int skein__cld2_detect(const char *text, size_t len, char code[8], int *reliable) {
    if (!code) return -1;
    set_und(code);
    if (reliable) *reliable = 0;
    if (!text || len == 0) return 0;
    if (len > (size_t)SKEIN__LANGID_MAX_BYTES) len = SKEIN__LANGID_MAX_BYTES;
    try {
        bool rel = false;
        int valid = (int)len;
        CLD2::Language lang = detect(text, (int)len, &rel, &valid);
        if (valid >= 0 && valid < (int)len) {
            /* An invalid byte stopped CLD2: look at what came before it. */
            rel = false;
            lang = valid > 0 ? detect(text, valid, &rel, &valid) : CLD2::UNKNOWN_LANGUAGE;
        }
        to_iso(CLD2::LanguageCode(lang), code);
        if (reliable) *reliable = rel && std::strcmp(code, "und") != 0;
        return 0;
    } catch (...) {
        set_und(code);
        if (reliable) *reliable = 0;
        return -1;
    }
}
