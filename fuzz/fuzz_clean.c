/* fuzz_clean.c -- the cleaner (src/clean.c) on any valid UTF-8: what comes
 * out is valid UTF-8 again and at most half as long again as what went in
 * (a split of glued words adds one space per word at most). */
#include "clean.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = fuzz_utf8(data, size);
    if (!s) return 0;
    sbuf out;
    skein__sbuf_init(&out);
    if (skein__clean(s, size, &out, NULL) == 0) {
        if (skein__utf8_check(out.buf ? out.buf : "", out.len) != out.len) abort();
        if (out.len > size + size / 2 + 1) abort();
    }
    skein__sbuf_release(&out);
    free(s);
    return 0;
}
