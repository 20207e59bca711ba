/* cmd_stories.c -- `skein stories --db FILE [--top N]`: the stored stories as
 * JSON lines, in id order or the N growing fastest. */
#include "skein.h"

#include "cmds.h"
#include "story_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_text =
    "usage: skein stories --db FILE [--top N]\n\n"
    "Prints every story kept in the store FILE (or postgresql:// URI) as one JSON\n"
    "line (the story record: headline, events, names, quotes, coverage), in id\n"
    "order.\n\n"
    "  --top N   only the N stories growing fastest: articles of the last 6 hours\n"
    "            against each story's own past rate, taken at the store's latest time\n"
    "            (\"growth\" in each record); ties by size, then id\n";

static void print_story(const skein_story *s, void *ud) { story_json_write((FILE *)ud, s); }

typedef struct ranked {
    uint64_t id;
    double growth;
    size_t size;
} ranked;

typedef struct ranking {
    ranked *r;
    size_t n, cap;
    int64_t now;
    int failed;
} ranking;

static void rank_story(const skein_story *s, void *ud) {
    ranking *k = ud;
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 64;
        ranked *p = realloc(k->r, cap * sizeof(*p));
        if (!p) {
            k->failed = 1;
            return;
        }
        k->r = p, k->cap = cap;
    }
    k->r[k->n++] = (ranked){s->id, skein_story_growth(s, k->now), s->size};
}

static int by_growth(const void *a, const void *b) {
    const ranked *x = a, *y = b;
    if (x->growth != y->growth) return x->growth < y->growth ? 1 : -1;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    return x->id < y->id ? -1 : 1;
}

typedef struct told {
    const skein_tell_options *o;
    int rc;
} told;

/* Tells a story again at the store's time, so that "growth" in the record is
 * the one it is ranked by. */
static void print_told(const skein_story *s, void *ud) {
    told *t = ud;
    char *report = NULL;
    skein_story copy = *s;
    if ((t->rc = skein_story_tell(s, t->o, &report)) == SKEIN_OK) copy.report = report;
    story_json_write(stdout, &copy);
    free(report);
}

static int top(skein_store *s, long n) {
    ranking k = {NULL, 0, 0, SKEIN_NO_TIME, 0};
    int rc = skein_store_latest(s, &k.now);
    if (!rc) rc = skein_store_each_story(s, rank_story, &k);
    if (!rc && k.failed) rc = SKEIN_ENOMEM;
    if (!rc) {
        if (k.n) qsort(k.r, k.n, sizeof(*k.r), by_growth);
        skein_tell_options o;
        skein_tell_options_default(&o);
        o.now = k.now;
        told t = {&o, SKEIN_OK};
        for (size_t i = 0; !rc && i < k.n && i < (size_t)n; i++)
            rc = skein_store_get_story(s, k.r[i].id, print_told, &t);
        if (!rc) rc = t.rc;
    }
    free(k.r);
    return rc;
}

int cmd_stories(int argc, char **argv) {
    const char *db = NULL;
    long n = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
        char *end = NULL;
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(argv[i], "--top") && i + 1 < argc &&
                 (n = strtol(argv[++i], &end, 10)) > 0 && !*end) {
        } else {
            fprintf(stderr, "skein stories: unexpected '%s'\n%s", argv[i], usage_text);
            return 2;
        }
    }
    if (!db) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (!strstr(db, "://") && access(db, R_OK) != 0) { /* a file, not a database's URI */
        fprintf(stderr, "skein stories: cannot read %s\n", db);
        return 1;
    }
    skein_error err;
    skein_store *s = skein_store_new(db, 0, &err);
    if (!s) {
        fprintf(stderr, "skein stories: cannot open %s\n", err.message);
        return 1;
    }
    int rc = n > 0 ? top(s, n) : skein_store_each_story(s, print_story, stdout);
    if (rc) fprintf(stderr, "skein stories: %s: %s\n", skein_strerror(rc), skein_store_errmsg(s));
    skein_store_free(s);
    return rc ? 1 : 0;
}
