/* fuzz_body.c -- the body of POST /v1/articles (tools/serve_http.c): one
 * object, an array of objects, or JSON lines; all taken or all refused. */
#include "fuzz.h"
#include "serve_http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *body = fuzz_copy(data, size); /* the server hands a NUL-terminated body */
    if (!body) return 0;
    serve_batch b;
    serve_error err;
    if (serve_parse_body(body, size, &b, &err) == 0) {
        if (!b.n) abort();
        for (size_t i = 0; i < b.n; i++)
            if (!b.items[i].a.id || !*b.items[i].a.id) abort();
        serve_batch_release(&b);
    } else if (!err.message[0] || strlen(err.message) >= sizeof(err.message)) {
        abort();
    }
    free(body);
    return 0;
}
