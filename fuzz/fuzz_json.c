/* fuzz_json.c -- the JSON-lines reader: one line of a stream or one item of
 * a posted body, as skein_json_article_parse takes it. */
#include "skein.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    skein_json_article ja;
    skein_error err;
    int rc = skein_json_article_parse((const char *)data, size, &ja, &err);
    if (rc != err.code || (err.line && err.offset > size) ||
        memchr(err.message, 0, sizeof(err.message)) == NULL)
        abort(); /* the error says what was returned, where within the input, in a terminated
                    message */
    if (rc == SKEIN_OK) {
        /* what the reader promises: an id, and strings that are valid UTF-8 */
        if (!ja.a.id || !*ja.a.id) abort();
        const char *s[] = {ja.a.id, ja.a.title, ja.a.text, ja.a.lang, ja.a.source, ja.a.url};
        for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
            if (s[i] && skein__utf8_check(s[i], strlen(s[i])) != strlen(s[i])) abort();
        skein_json_article_release(&ja);
    } else if (rc >= 0) {
        abort();
    }
    return 0;
}
