/* fuzz_txt.c -- a .txt file of a folder input (tools/input.c): the bytes as
 * a file, then the article it makes as the engine reads it (clean, detect,
 * analyse, extract names, quotes and numbers). */
#include "skein.h"

#include "fuzz.h"
#include "input.h"

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
    if (rc == 1) {
        char *json = NULL;
        if (skein_engine_extract(engine, &ja.a, &json) == SKEIN_OK) {
            if (!json || json[0] != '{') abort();
            free(json);
        }
    }
    free(buf);
    return 0;
}
