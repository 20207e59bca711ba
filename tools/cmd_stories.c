/* cmd_stories.c -- `skein stories --db FILE`: the stored stories as JSON
 * lines or as text, all in id order, or those a query picks (language,
 * words, time) in the order asked for (most recent, most important, fastest
 * growing). */
#include "skein.h"

#include "cmds.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_text =
    "usage: skein stories --db FILE [--text] [--lang CODE] [--q WORDS] [--since TIME]\n"
    "                     [--until TIME] [--sort id|recent|important|growing]\n"
    "                     [--limit N] [--top N]\n\n"
    "Prints the stories kept in the store FILE (or a postgresql:// URI), one JSON\n"
    "line each (the story record: headline, lead, events, names, quotes, coverage),\n"
    "by default all of them in id order.  The filters are the HTTP API's\n"
    "(GET /v1/stories):\n\n"
    "  --text         a readable form instead: headline, languages, times, articles\n"
    "  --lang CODE    only stories with an article in this language\n"
    "  --q WORDS      only stories whose titles, names or quotes have all these words\n"
    "  --since TIME   only stories whose last article is at or after TIME (ISO 8601)\n"
    "  --until TIME   only stories whose first article is at or before TIME\n"
    "  --sort ORDER   id (the default without filters), recent (last article first,\n"
    "                 the default with filters), important (distinct texts, outlets\n"
    "                 with their own, languages, growth, a day of recency worth twice\n"
    "                 the texts; each summary's \"why\" says it) or growing (articles\n"
    "                 of the last 6 hours against each story's own past rate, at the\n"
    "                 store's latest time; ties by size, then id)\n"
    "  --limit N      at most N stories (with a filter or --sort; 1000 at most for\n"
    "                 growing)\n"
    "  --top N        the N stories growing fastest: --sort growing --limit N\n";

typedef struct printer {
    int text;
    int rc;
    const skein_tell_options *o; /* tell again at this time (growing), or NULL */
} printer;

/* Prints one story; told again first when p->o is set, so that "growth" in
 * the record is the one it was ranked by. */
static void print_story(const skein_story *s, void *ud) {
    printer *p = ud;
    skein_story copy = *s;
    char *report = NULL;
    if (p->o && (p->rc = skein_story_tell(s, p->o, &report)) == SKEIN_OK) copy.report = report;
    if ((p->text ? story_text_write(stdout, &copy) : story_json_write(stdout, &copy)) && !p->rc)
        p->rc = SKEIN_EIO;
    free(report);
}

typedef struct picked {
    uint64_t *ids;
    size_t n, cap;
} picked;

/* Appends the ids of a page of summaries ({"stories":[{"story":N,...}...],
 * "next":...}); its "next" cursor into *next (new, or NULL). */
static int take_page(const char *json, picked *p, size_t limit, char **next) {
    cJSON *root = cJSON_Parse(json);
    if (!root) return SKEIN_ENOMEM;
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "stories")) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "story");
        if (!cJSON_IsNumber(id) || p->n >= limit) continue;
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 64;
            uint64_t *g = realloc(p->ids, cap * sizeof(*g));
            if (!g) {
                cJSON_Delete(root);
                return SKEIN_ENOMEM;
            }
            p->ids = g, p->cap = cap;
        }
        p->ids[p->n++] = (uint64_t)id->valuedouble;
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "next");
    *next = cJSON_IsString(c) && p->n < limit ? strdup(c->valuestring) : NULL;
    cJSON_Delete(root);
    return SKEIN_OK;
}

/* The ids the query picks, most recent first, page after page. */
static int pick_recent(skein_store *s, skein_story_query q, size_t limit, picked *p) {
    char *cursor = NULL;
    int rc = SKEIN_OK;
    do {
        char *json = NULL, *next = NULL;
        q.cursor = cursor, q.limit = 1000;
        if (!(rc = skein_store_query(s, &q, &json))) rc = take_page(json, p, limit, &next);
        free(json), free(cursor);
        cursor = next;
    } while (!rc && cursor);
    free(cursor);
    return rc;
}

static int pick_growing(skein_store *s, const skein_story_query *q, size_t limit, picked *p) {
    char *json = NULL, *next = NULL;
    int rc = skein_store_top(s, q, limit > 1000 ? 1000 : limit, &json);
    if (!rc) rc = take_page(json, p, limit, &next);
    free(json), free(next);
    return rc;
}

enum { SORT_ID, SORT_RECENT, SORT_GROWING, SORT_IMPORTANT };

/* Prints the stories a query picks, in its order. */
static int print_picked(skein_store *s, const skein_story_query *q, int sort, size_t limit,
                        int text) {
    picked p = {NULL, 0, 0};
    skein_story_query by = *q;
    by.order = sort == SORT_IMPORTANT ? SKEIN_ORDER_IMPORTANT : SKEIN_ORDER_RECENT;
    int rc = sort == SORT_GROWING ? pick_growing(s, q, limit, &p) : pick_recent(s, by, limit, &p);
    skein_tell_options o;
    skein_tell_options_default(&o);
    printer pr = {text, SKEIN_OK, NULL};
    if (!rc && sort == SORT_GROWING && !(rc = skein_store_latest(s, &o.now))) pr.o = &o;
    for (size_t i = 0; !rc && i < p.n; i++)
        if (!(rc = skein_store_get_story(s, p.ids[i], print_story, &pr))) rc = pr.rc;
    free(p.ids);
    return rc;
}

typedef struct args {
    const char *db;
    skein_story_query q;
    int sort, text, filtered;
    long limit;
} args;

static long count_arg(const char *v) {
    char *end = NULL;
    long n = strtol(v, &end, 10);
    return end != v && !*end && n > 0 ? n : -1;
}

/* One option at argv[*i] (its value after it): 0, or 2 with a message. */
static int parse_one(args *a, int argc, char **argv, int *i) {
    const char *o = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(o, "--text")) return a->text = 1, 0;
    if (!v) goto bad;
    ++*i;
    if (!strcmp(o, "--db")) return a->db = v, 0;
    if (!strcmp(o, "--lang")) return a->q.lang = v, a->filtered = 1, 0;
    if (!strcmp(o, "--q")) return a->q.q = v, a->filtered = 1, 0;
    if (!strcmp(o, "--since") || !strcmp(o, "--until")) {
        int64_t *t = o[2] == 's' ? &a->q.since : &a->q.until;
        if (skein_parse_time(v, t) != SKEIN_OK) {
            fprintf(stderr, "skein stories: %s '%s' is no ISO 8601 date or time\n", o, v);
            return 2;
        }
        return a->filtered = 1, 0;
    }
    if (!strcmp(o, "--sort")) {
        a->sort = !strcmp(v, "id")          ? SORT_ID
                  : !strcmp(v, "recent")    ? SORT_RECENT
                  : !strcmp(v, "growing")   ? SORT_GROWING
                  : !strcmp(v, "important") ? SORT_IMPORTANT
                                            : -1;
        if (a->sort >= 0) return 0;
        fprintf(stderr, "skein stories: --sort '%s': id, recent, important or growing\n", v);
        return 2;
    }
    if (!strcmp(o, "--limit") || !strcmp(o, "--top")) {
        if ((a->limit = count_arg(v)) < 0) {
            fprintf(stderr, "skein stories: %s '%s' is no positive number\n", o, v);
            return 2;
        }
        if (o[2] == 't') a->sort = SORT_GROWING;
        return 0;
    }
    --*i;
bad:
    fprintf(stderr, "skein stories: unexpected '%s'\n%s", o, usage_text);
    return 2;
}

int cmd_stories(int argc, char **argv) {
    args a = {NULL, {NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL, 0, NULL, 0}, -2, 0, 0, -1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
        int rc = parse_one(&a, argc, argv, &i);
        if (rc) return rc;
    }
    if (!a.db) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (a.sort == -2) a.sort = a.filtered ? SORT_RECENT : SORT_ID;
    if (a.sort == SORT_ID && (a.filtered || a.limit > 0)) {
        fprintf(stderr, "skein stories: --sort id lists every story: filters and --limit need "
                        "--sort recent, important or growing\n");
        return 2;
    }
    if (!strstr(a.db, "://") && access(a.db, R_OK) != 0) { /* a file, not a database's URI */
        fprintf(stderr, "skein stories: cannot read %s\n", a.db);
        return 1;
    }
    skein_error err;
    skein_store *s = skein_store_new(a.db, 0, &err);
    if (!s) {
        fprintf(stderr, "skein stories: cannot open %s\n", err.message);
        return 1;
    }
    printer all = {a.text, SKEIN_OK, NULL};
    size_t limit = a.limit > 0 ? (size_t)a.limit : (size_t)-1;
    int rc = a.sort == SORT_ID ? skein_store_each_story(s, print_story, &all)
                               : print_picked(s, &a.q, a.sort, limit, a.text);
    if (!rc) rc = all.rc;
    if (rc) fprintf(stderr, "skein stories: %s: %s\n", skein_strerror(rc), skein_store_errmsg(s));
    skein_store_free(s);
    return rc ? 1 : 0;
}
