/* fuzz_body.c -- a JSON document of articles as skein_json_batch_parse
 * reads it (the body of POST /v1/articles): one object, an array of
 * objects, or JSON lines; all taken or all refused. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *body = fuzz_copy(data, size); /* the server hands a NUL-terminated body */
    if (!body) return 0;
    skein_json_batch b;
    skein_error err;
    int rc = skein_json_batch_parse(body, size, 100000, &b, &err);
    if (rc != err.code || (err.line && err.offset > size)) abort();
    if (rc == 0) {
        if (!b.n) abort();
        for (size_t i = 0; i < b.n; i++)
            if (!b.items[i].a.id || !*b.items[i].a.id) abort();
    } else if (rc > 0 || (!err.message[0] && !err.field && rc == SKEIN_EPARSE)) {
        abort(); /* a refusal says why */
    }
    skein_json_batch_release(&b);
    free(body);
    return 0;
}
