/* fuzz.h -- what the fuzz targets share (libFuzzer, `make fuzz`).
 *
 * Each target is one LLVMFuzzerTestOneInput over the bytes a place of skein
 * takes from outside.  A crash, a sanitizer report, a leak or a timeout is a
 * finding; each found becomes a regression test (tests/test_hardening.c). */
#ifndef SKEIN_FUZZ_H
#define SKEIN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skein.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* libFuzzer ignores what LLVMFuzzerInitialize returns: a target that could
 * not set up stops here rather than run with nothing behind it. */
static inline int fuzz_ready(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "fuzz: cannot set up %s\n", what);
        exit(1);
    }
    return 0;
}

/* A story-closed callback that tells each story (and drops the telling):
 * the targets that go through the engine exercise telling too. */
static inline void fuzz_tell(const skein_story *st, void *ud) {
    (void)ud;
    char *json = NULL;
    if (skein_story_tell(st, NULL, &json) == SKEIN_OK) free(json);
}

/* A NUL-terminated copy of data (the readers take C strings too). */
static inline char *fuzz_copy(const uint8_t *data, size_t size) {
    char *s = malloc(size + 1);
    if (s) memcpy(s, data, size), s[size] = 0;
    return s;
}

/* A copy of data made valid UTF-8 (each byte that starts no valid sequence
 * becomes '?'), for the parts whose contract is valid UTF-8 in. */
static inline char *fuzz_utf8(const uint8_t *data, size_t size) {
    char *s = fuzz_copy(data, size);
    if (!s) return NULL;
    size_t i = 0;
    while (i < size) {
        size_t ok = skein__utf8_check(s + i, size - i);
        i += ok;
        if (i < size) s[i++] = '?';
    }
    return s;
}

#endif
