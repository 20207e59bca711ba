/* fuzz_txt.c -- a .txt file of a folder input (tools/input.c): the bytes as
 * a file, then the article it makes as the engine reads it (clean, detect,
 * analyse, extract names, quotes and numbers). */
#include "skein.h"

#include "fuzz.h"
#include "input.h"

#include <stdlib.h>
#include <string.h>

static skein_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    engine = skein_engine_new(NULL, NULL);
    return fuzz_ready(engine != NULL, "the engine");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *buf = fuzz_copy(data, size);
    if (!buf) return 0;
    char id[64];
    skein_json_article ja;
    int rc = input_txt_article(buf, size, "fuzz.txt", id, sizeof(id), &ja);
    skein_notes *n = NULL;
    if (rc == 1 && skein_engine_extract(engine, &ja.a, &n) == SKEIN_OK) {
        /* every span lies in the text (or title) it names */
        size_t tl = ja.a.title ? strlen(ja.a.title) : 0, xl = ja.a.text ? strlen(ja.a.text) : 0;
        for (size_t i = 0; i < n->nnames; i++)
            for (uint32_t k = 0; k < n->names[i].count; k++) {
                const skein_span *s = &n->names[i].mentions[k];
                if (s->start > s->end || s->end > (s->title ? tl : xl)) abort();
            }
        for (size_t i = 0; i < n->nquotes; i++)
            if (n->quotes[i].span.start > n->quotes[i].span.end || n->quotes[i].span.end > xl)
                abort();
        char *json = NULL;
        if (skein_notes_json(n, &json) == SKEIN_OK && json[0] != '{') abort();
        free(json);
        skein_notes_free(n);
    }
    free(buf);
    return 0;
}
