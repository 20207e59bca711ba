/* cmd_stories.c -- `skein stories --db FILE`: the stored stories as JSON lines. */
#include "skein.h"

#include "cmds.h"
#include "story_json.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void print_story(const skein_story *s, void *ud) { story_json_write((FILE *)ud, s); }

int cmd_stories(int argc, char **argv) {
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: skein stories --db FILE\n\n"
                   "Prints every story kept in the store FILE as one JSON line, in id order.\n");
            return 0;
        }
        if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
        else {
            fprintf(stderr, "skein stories: unexpected '%s'\nusage: skein stories --db FILE\n", argv[i]);
            return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "usage: skein stories --db FILE\n");
        return 2;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "skein stories: cannot read %s\n", db);
        return 1;
    }
    int rc;
    skein_store *s = skein_store_open(db, &rc);
    if (!s) {
        fprintf(stderr, "skein stories: cannot open %s: %s\n", db, skein_strerror(rc));
        return 1;
    }
    rc = skein_store_each_story(s, print_story, stdout);
    skein_store_close(s);
    if (rc) fprintf(stderr, "skein stories: %s\n", skein_strerror(rc));
    return rc ? 1 : 0;
}
