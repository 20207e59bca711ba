/* langid.h -- language identification: CLD2 plus letter-script checks.
 *
 * skein_detect_language() (declared in skein.h, defined in langid.c) is the
 * entry point: it cleans and caps the text, counts letters by script, asks
 * CLD2 and settles the answer with the script counts where CLD2 is weak
 * (short Ukrainian, short Cyrillic/Arabic/Chinese text).  Codes are ISO 639-1
 * ("en", "uk", "zh"...), a 639-3 code for the few languages without one
 * ("haw", "ceb"), or "und".  All functions here are thread-safe: they keep no
 * state and CLD2's tables are read-only.  This header is also included by the
 * C++ shim langid_cld2.cc, so it must stay plain C with no other includes. */
#ifndef SKEIN_LANGID_H
#define SKEIN_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Detection looks at no more than this many bytes of a text (cut on a
 * character boundary): CLD2 is sure long before that, and it bounds the cost. */
#define SKEIN__LANGID_MAX_BYTES 4096

/* Normalises a caller-given language tag to an ISO 639-1 code in `code`
 * (at least 8 bytes): "EN", "en-US", "en_GB", "eng", "zho"/"chi", "ger",
 * "English", "Deutsch"...  Withdrawn codes are renamed ("iw" -> "he").
 * Returns 0 when the tag was understood, -1 otherwise (NULL, empty, "und",
 * unknown); on -1 `code` holds "und".  `given` is borrowed, NUL-terminated. */
int skein__langid_normalize(const char *given, char code[8]);

/* The CLD2 shim (langid_cld2.cc), for langid.c only.  Detects the language of
 * `len` bytes of UTF-8 (at most SKEIN__LANGID_MAX_BYTES are read; the caller
 * should pass valid UTF-8 -- invalid bytes end the text CLD2 looks at).
 * Writes the ISO 639-1 code or "und" into `code` and sets *reliable (may be
 * NULL) to CLD2's confidence.  Returns 0, or -1 if CLD2 threw (code "und").
 * Thread-safe. */
int skein__cld2_detect(const char *text, size_t len, char code[8], int *reliable);

#ifdef __cplusplus
}
#endif
#endif /* SKEIN_LANGID_H */
