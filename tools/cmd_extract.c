/* cmd_extract.c -- `skein extract`: what each article says (names, quotes,
 * numbers), one JSON line per article, without linking. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LINE (16u << 20)

static const char *const usage_text =
    "usage: skein extract [FILE ...]\n\n"
    "Prints, for each article of the FILEs (read as `skein cluster` reads them: JSON\n"
    "lines, pages, .json, .txt, folders; stdin with no FILE or '-'), one JSON line:\n"
    "its id, then its names (with kind, count, interlingual keys and the byte spans\n"
    "of their mentions in the text as given, \"mentions\": [[start,end],...]),\n"
    "quotes (speaker, text, how the speaker was found, \"start\"/\"end\" in the\n"
    "text) and numbers, as the story teller sees them.  Bad records are reported on\n"
    "stderr and skipped.\n";

static int extract_one(skein_engine *e, const skein_article *a) {
    skein_notes *notes = NULL;
    char *json = NULL;
    int rc = skein_engine_extract(e, a, &notes);
    if (!rc) rc = skein_notes_json(notes, &json);
    skein_notes_free(notes);
    if (rc) return rc;
    fputs("{\"id\":", stdout); /* the id first, then the notes' members */
    json_write_string(stdout, a->id);
    printf(",%s\n", json + 1);
    free(json);
    return SKEIN_OK;
}

int cmd_extract(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "skein extract: unknown option '%s'\n%s", argv[i], usage_text);
            return 2;
        }
    int rc;
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) {
        fprintf(stderr, "skein extract: %s: %s\n", skein_strerror(err.code), err.message);
        return 1;
    }
    int status = 0;
    char *stdin_only[] = {"-"};
    char **paths = argc > 1 ? argv + 1 : stdin_only;
    int npaths = argc > 1 ? argc - 1 : 1;
    for (int p = 0; p < npaths; p++) {
        input *in = input_open(paths[p], MAX_LINE, NULL);
        if (!in) {
            status = 1;
            continue;
        }
        const skein_article *a;
        while ((rc = input_next(in, &a, &err)) != 0) {
            int read = rc == 1;
            if (read && (rc = extract_one(e, a)) != SKEIN_OK)
                snprintf(err.message, sizeof(err.message), "%s", skein_engine_errmsg(e)),
                    err.field = NULL;
            if (rc != SKEIN_OK) {
                fprintf(stderr, "skein extract: %s: %s%s%s%s%s\n", input_where(in),
                        skein_strerror(rc), err.message[0] ? ": " : "", err.message,
                        !err.message[0] && err.field ? ": " : "",
                        !err.message[0] && err.field ? err.field : "");
                status = 1;
            }
        }
        input_close(in);
    }
    skein_engine_free(e);
    return status;
}
