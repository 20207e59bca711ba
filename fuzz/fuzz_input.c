/* fuzz_input.c -- a document as the CLI and the service read it
 * (tools/input.c, input_doc_parse): the first byte picks its kind (JSON
 * lines, a .json file, a page, a text), the rest are its bytes.  The JSON
 * checker that says where JSON breaks runs over the same bytes. */
#include "skein.h"

#include "fuzz.h"
#include "input.h"
#include "jsoncheck.h"

static const input_kind kinds[] = {INPUT_LINES, INPUT_JSON, INPUT_PAGE, INPUT_TEXT};

/* What every article read promises: an id, and valid UTF-8 strings (a
 * text's title and text are the engine's to check, as they come). */
static void check_article(const skein_article *a, int text) {
    if (!a->id || !*a->id) abort();
    const char *s[] = {a->id, a->lang, a->source, a->url, a->title, a->text};
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]) - (text ? 2 : 0); i++)
        if (s[i] && skein__utf8_check(s[i], strlen(s[i])) != strlen(s[i])) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!size) return 0;
    const char *doc = (const char *)data + 1;
    size_t len = size - 1;
    const char *expected = NULL;
    size_t at = skein__json_check(doc, len, &expected);
    if (at > len || (expected && !*expected)) abort();
    input_doc d;
    skein_error err;
    int rc = input_doc_parse(doc, len, kinds[data[0] % 4], "fuzz.txt",
                             data[0] & 4 ? "https://fuzz.example/a" : NULL, NULL, &d, &err);
    if (rc != err.code || rc > 0 || memchr(err.message, 0, sizeof(err.message)) == NULL) abort();
    for (size_t i = 0; !rc && i < d.n; i++) {
        if (d.items[i].status > 0) abort();
        if (d.items[i].status == SKEIN_OK)
            check_article(&d.items[i].a, kinds[data[0] % 4] == INPUT_TEXT);
    }
    input_doc_release(&d);
    return 0;
}
