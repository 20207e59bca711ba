/* fuzz_article.c -- the whole way of stream lines: the JSON reader, then the
 * engine (clean, detect, analyse, extract names, quotes and numbers, link),
 * then the stories told.  The input may hold several lines (a small stream).
 * One engine serves every input (a new one costs too much per run), with
 * few stories in memory so that closing them is exercised too; ids are made
 * from the input and the line (the id itself is fuzz_json's business), so
 * articles are linked, not refused as duplicates, and a replay gives the same
 * ids.  Every input ends with a flush, so each starts from no open story;
 * what stays between inputs is the engine's word counts, clock and ids. */
#include "skein.h"

#include "fuzz.h"
#include "util.h"

static skein_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    skein_options o;
    skein_options_default(&o);
    o.max_active = 4;
    fuzz_ready((engine = skein_engine_new(&o, NULL)) != NULL, "the engine");
    skein_engine_on_story(engine, fuzz_tell, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        skein_json_article ja;
        if (skein_json_article_parse(p, n, &ja, NULL) == SKEIN_OK) {
            char id[32];
            snprintf(id, sizeof(id), "%016llx-%zu", (unsigned long long)skein__hash(data, size),
                     (size_t)(p - (const char *)data));
            ja.a.id = id;
            skein_engine_add(engine, &ja.a, NULL);
            skein_json_article_release(&ja);
        }
        p += n + 1;
    }
    skein_engine_flush(engine);
    return 0;
}
