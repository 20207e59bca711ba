/* cmd_names.c -- `skein names --db FILE [QUERY]`: people, places and
 * organisations across the stored stories, one entry per name across its
 * spellings and scripts (the HTTP API's /v1/names), as JSON lines or text;
 * or one name's stories and quotes (--key, /v1/names/{key}). */
#include "skein.h"

#include "cmds.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_text =
    "usage: skein names --db FILE [--text] [--limit N] [QUERY]\n"
    "       skein names --db FILE [--text] --key KEY\n\n"
    "Prints the people, places and organisations of the stories kept in a store,\n"
    "one JSON line each: one entry per name across its spellings and scripts\n"
    "(Putin, Путин, بوتين), with its key, kind, spellings and how many stories,\n"
    "articles and mentions have it, most stories first.  QUERY keeps the names\n"
    "with it in any spelling (any case), or with it as key.  The HTTP API's\n"
    "GET /v1/names?q=QUERY and GET /v1/names/KEY.\n\n"
    "options:\n"
    "  --db FILE             the store (a file, or a postgresql:// URI)\n"
    "  --text                a readable form instead of JSON lines\n"
    "  --limit N             at most N names (default 50, at most 1000)\n"
    "  --key KEY             the one name of key KEY: its spellings, its stories\n"
    "                        (latest first) and its quotes over time with story\n"
    "                        and outlet\n"
    "  --help                this help (also -h)\n";

static const char *str(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static void spellings_text(FILE *f, const cJSON *o) {
    const cJSON *it;
    int n = 0;
    fputs("  spellings:", f);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "spellings"))
        fprintf(f, "%s %s (%d)", n++ ? "," : "", str(it, "name"), (int)num(it, "count"));
    fputc('\n', f);
}

static void entry_text(FILE *f, const cJSON *o) {
    fprintf(f, "%s (%s): %d stor%s, %d articles, %d mentions; key %s\n", str(o, "name"),
            str(o, "kind"), (int)num(o, "stories"), num(o, "stories") == 1 ? "y" : "ies",
            (int)num(o, "articles"), (int)num(o, "mentions"), str(o, "key"));
    spellings_text(f, o);
}

static void page_text(FILE *f, const cJSON *o) {
    fprintf(f, "%s (%s); key %s\n", str(o, "name"), str(o, "kind"), str(o, "key"));
    spellings_text(f, o);
    const cJSON *it;
    fputs("  stories:\n", f);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "stories")) {
        const char *last = str(it, "last_seen");
        fprintf(f, "    story %d: %s (%d articles%s%s)\n", (int)num(it, "story"), str(it, "title"),
                (int)num(it, "size"), *last ? ", last " : "", last);
    }
    fputs("  quotes:\n", f);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "quotes")) {
        const char *when = str(it, "published");
        fprintf(f, "    %s%s\"%s\" (%s, story %d)\n", when, *when ? " " : "", str(it, "text"),
                str(it, "outlet"), (int)num(it, "story"));
    }
}

/* Prints json (an answer of the store) as JSON lines or text. */
static int print(const char *json, int text, int page) {
    cJSON *root = cJSON_Parse(json);
    if (!root) return SKEIN_ENOMEM;
    if (page) {
        if (text)
            page_text(stdout, root);
        else
            printf("%s\n", json);
    } else {
        const cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "names")) {
            if (text) {
                entry_text(stdout, it);
                continue;
            }
            char *line = cJSON_PrintUnformatted(it);
            if (line) printf("%s\n", line);
            free(line);
        }
    }
    cJSON_Delete(root);
    return ferror(stdout) ? SKEIN_EIO : SKEIN_OK;
}

int cmd_names(int argc, char **argv) {
    const char *db = NULL, *key = NULL, *query = NULL;
    int text = 0;
    long limit = 0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(o, "--text")) {
            text = 1;
        } else if (v && !strcmp(o, "--db")) {
            db = v, i++;
        } else if (v && !strcmp(o, "--key")) {
            key = v, i++;
        } else if (v && !strcmp(o, "--limit")) {
            char *end = NULL;
            limit = strtol(v, &end, 10), i++;
            if (end == v || *end || limit < 1 || limit > 1000) {
                fprintf(stderr, "skein names: --limit '%s' is no number from 1 to 1000\n", v);
                return 2;
            }
        } else if (o[0] != '-' && !query) {
            query = o;
        } else {
            fprintf(stderr, "skein names: unexpected '%s'\n%s", o, usage_text);
            return 2;
        }
    }
    if (!db || (key && query)) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (!strstr(db, "://") && access(db, R_OK) != 0) {
        fprintf(stderr, "skein names: cannot read %s\n", db);
        return 1;
    }
    skein_error err;
    skein_store *s = skein_store_new(db, 0, &err);
    if (!s) {
        fprintf(stderr, "skein names: cannot open %s\n", err.message);
        return 1;
    }
    char *json = NULL;
    int rc = key ? skein_store_name_json(s, key, &json)
                 : skein_store_names_json(s, query, (size_t)limit, &json);
    if (!rc) rc = print(json, text, key != NULL);
    if (rc == SKEIN_ENOTFOUND)
        fprintf(stderr, "skein names: no name of key '%s' in %s\n", key, db);
    else if (rc)
        fprintf(stderr, "skein names: %s: %s\n", skein_strerror(rc), skein_store_errmsg(s));
    free(json);
    skein_store_free(s);
    return rc ? 1 : 0;
}
