/* fuzz_analyze.c -- language detection and the analyzer (normalise,
 * word-break, stem, stopwords, lexicon) on any valid UTF-8.  The first byte
 * picks the language, as a stream's "lang" field would; 0 detects it. */
#include "analyze.h"
#include "lexicon.h"
#include "fuzz.h"
#include "skein.h"

static skein__analyzer *an;
static const char *const langs[] = {"en", "ar", "de", "fr", "es", "ru", "uk", "it", "pt", "nl",
                                    "tr", "el", "zh", "ja", "ko", "hi", "fa", "he", "pl", "xx"};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    an = skein__analyzer_new(1, skein__lexicon_word_info);
    return fuzz_ready(an != NULL, "the analyzer");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    char *s = fuzz_utf8(data + 1, size - 1);
    if (!s) return 0;
    size_t n = size - 1;
    char code[8] = "und";
    const char *lang = NULL;
    size_t pick = data[0] % (sizeof(langs) / sizeof(langs[0]) + 1);
    if (pick == 0) {
        if (skein_detect_language(s, n, code, NULL) != SKEIN_OK) abort();
        lang = code;
    } else {
        lang = langs[pick - 1];
    }
    const skein__tok *t = NULL;
    size_t nt = 0;
    if (skein__analyze(an, s, n, lang, 5000, &t, &nt) == SKEIN_OK) {
        if (nt > 5000) abort();
        for (size_t i = 0; i < nt; i++) /* every token points inside the text */
            if ((size_t)t[i].off + t[i].len > n) abort();
    }
    free(s);
    return 0;
}
