/* fuzz_checkpoint.c -- the checkpoint decoder (skein__engine_load): what a
 * store reads back from its file, damaged or of another build.  The input is
 * a checkpoint without its checksum; the target appends the right one, so
 * the fuzzer reaches the decoder behind it.  A checkpoint that loads must
 * leave an engine that takes articles and tells its stories.  A store's
 * checkpoint leaves its articles' notes to the log: here the log has empty
 * notes for ids of even length and none for the others. */
#include "engine.h"
#include "fuzz.h"
#include "snap.h"

static skein_notes *logged(void *ud, uint64_t story, const char *id, int *rc) {
    (void)ud, (void)story;
    static const skein_notes empty;
    *rc = SKEIN_EPARSE;
    return strlen(id) % 2 ? NULL : skein_notes_copy(&empty);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sbuf b;
    skein__sbuf_init(&b);
    if (skein__sbuf_add(&b, data, size) || skein__snap_u64(&b, skein__hash(data, size))) {
        skein__sbuf_release(&b);
        return 0;
    }
    skein_engine *e = skein_engine_new(NULL, NULL);
    skein__notes_source log = {logged, NULL};
    if (e && skein__engine_load(e, b.buf, b.len, &log) == SKEIN_OK) {
        skein_engine_on_story(e, fuzz_tell, NULL);
        static const char *const texts[] = {
            "Ministers met in Geneva on Tuesday to talk about the ceasefire.",
            "Les ministres se sont réunis à Genève mardi."};
        for (int i = 0; i < 2; i++) {
            char id[32];
            snprintf(id, sizeof(id), "fuzz-checkpoint-%d", i);
            skein_article a = {id, "Talks in Geneva", texts[i], NULL, NULL, NULL, SKEIN_NO_TIME};
            skein_engine_add(e, &a, NULL);
        }
        skein_engine_flush(e);
    }
    skein_engine_free(e);
    skein__sbuf_release(&b);
    return 0;
}
