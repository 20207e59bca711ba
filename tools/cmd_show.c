/* cmd_show.c -- `skein show STORY`: one story told for people (or as JSON):
 * headline, languages, outlets, events, names, quotes by speaker, coverage.
 *
 * The story comes from a store (--db: told again, so --lang also picks the
 * names' spellings) or from the JSON lines `skein cluster` printed. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (64u << 20)
#define QUOTE_CHARS 240 /* quotes longer than this are cut in the text view */
#define LEAD_CHARS 400  /* and so are the lead's sentences */
#define ALIASES_SHOWN 6

static const char *const usage_text =
    "usage: skein show STORY [--db FILE | FILE] [--json] [--lang CODE]\n\n"
    "Prints story number STORY: its headline, languages, outlets, events (bursts of\n"
    "reports), names (one entry per name across spellings and scripts), quotes by\n"
    "speaker, and the coverage matrix: which outlet reports which name, quote and\n"
    "number, what all report and what only one does.\n\n"
    "  --db FILE    read the story from the store FILE or postgresql:// URI (skein\n"
    "               cluster --db)\n"
    "  FILE         else read it from the JSON lines skein cluster printed ('-': stdin,\n"
    "               the default)\n"
    "  --json       print the story record as one JSON line instead\n"
    "  --lang CODE  the reader's language: the headline (and, from a store, names) in it\n"
    "               when the story has an article in it\n";

static char *from_store(const char *db, uint64_t id, const char *lang) {
    char where[256];
    skein_error err;
    skein_store *s = skein_store_new(db, 0, &err);
    if (!s) {
        fprintf(stderr, "skein show: cannot open %s\n", err.message);
        return NULL;
    }
    char *report = NULL;
    int rc = story_told_again(s, id, lang, &report);
    if (rc == SKEIN_ENOTFOUND)
        fprintf(stderr, "skein show: %s has no story %llu\n",
                skein_store_where(db, where, sizeof(where)), (unsigned long long)id);
    else if (rc)
        fprintf(stderr, "skein show: %s: %s\n", skein_strerror(rc), skein_store_errmsg(s));
    skein_store_free(s);
    return report;
}

/* The JSON line of story `id` among the lines of `path`. */
static char *from_lines(const char *path, uint64_t id) {
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        fprintf(stderr, "skein show: cannot read %s\n", path);
        return NULL;
    }
    char *buf = NULL, *hit = NULL;
    size_t cap = 0;
    long n;
    while (!hit && (n = input_read_line(f, &buf, &cap, MAX_LINE)) != -1) {
        if (n < 0) continue;
        cJSON *o = cJSON_ParseWithLength(buf, (size_t)n);
        const cJSON *sid = cJSON_GetObjectItemCaseSensitive(o, "story");
        if (cJSON_IsNumber(sid) && (uint64_t)sid->valuedouble == id) hit = strdup(buf);
        cJSON_Delete(o);
    }
    free(buf);
    if (f != stdin) fclose(f);
    if (!hit) fprintf(stderr, "skein show: no story %llu in %s\n", (unsigned long long)id, path);
    return hit;
}

static const char *str(const cJSON *o, const char *k) {
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
    return v ? v : "";
}

static double num(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const cJSON *get(const cJSON *o, const char *k) {
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* Code points of UTF-8 s (display width, near enough). */
static size_t width(const char *s) {
    size_t w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(size_t n) {
    while (n--) putchar(' ');
}

/* s cut to at most `max` code points, with "..." when cut. */
static void put_cut(const char *s, size_t max) {
    size_t w = 0;
    const char *p = s;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && w++ == max) break;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    if (*p) fputs("...", stdout);
}

static void date_of(const char *iso, char out[11]) {
    snprintf(out, 11, "%s", iso && *iso ? iso : "undated");
}

static void show_head(const cJSON *r) {
    printf("Story %.0f: %s\n", num(r, "story"), str(r, "title"));
    printf("  %.0f article%s; languages:", num(r, "size"), num(r, "size") == 1 ? "" : "s");
    const cJSON *l;
    cJSON_ArrayForEach(l, get(r, "languages")) printf(" %s %.0f", l->string, l->valuedouble);
    const cJSON *outs = get(get(r, "coverage"), "outlets");
    printf("; outlets: %d", cJSON_GetArraySize(outs));
    char a[11], b[11];
    date_of(str(r, "first_seen"), a), date_of(str(r, "last_seen"), b);
    if (strcmp(a, "undated")) printf("; %s .. %s", a, b);
    printf("; growth %.2f\n", num(r, "growth"));
    const cJSON *h;
    cJSON_ArrayForEach(h, get(r, "headlines")) {
        if (strcmp(h->string, str(r, "title_lang")))
            printf("  [%s] %s\n", h->string, h->valuestring);
    }
    const cJSON *s;
    int first = 1;
    cJSON_ArrayForEach(s, get(r, "lead")) {
        printf(first ? "\n  " : " ");
        put_cut(str(s, "text"), LEAD_CHARS);
        first = 0;
    }
    if (!first) putchar('\n');
    const cJSON *c;
    cJSON_ArrayForEach(c, get(r, "copies"))
        printf("  one text run by %.0f outlets: %s and %d cop%s\n", num(c, "outlets"),
               str(c, "original"), cJSON_GetArraySize(get(c, "copies")),
               cJSON_GetArraySize(get(c, "copies")) == 1 ? "y" : "ies");
}

static void show_events(const cJSON *r) {
    printf("\nEvents\n");
    const cJSON *e;
    cJSON_ArrayForEach(e, get(r, "events")) {
        char a[11], b[11];
        date_of(str(e, "first_seen"), a), date_of(str(e, "last_seen"), b);
        printf("  %.0f. %s", num(e, "event"), a);
        if (strcmp(a, b)) printf(" .. %s", b);
        printf("  (%.0f article%s)  %s\n", num(e, "size"), num(e, "size") == 1 ? "" : "s",
               str(e, "title"));
    }
}

static void show_names(const cJSON *r) {
    printf("\nNames\n");
    const cJSON *n;
    cJSON_ArrayForEach(n, get(r, "names")) {
        printf("  %s (%s): %.0f article%s, %.0f mention%s", str(n, "name"), str(n, "kind"),
               num(n, "articles"), num(n, "articles") == 1 ? "" : "s", num(n, "mentions"),
               num(n, "mentions") == 1 ? "" : "s");
        const cJSON *a;
        int shown = 0;
        cJSON_ArrayForEach(a, get(n, "aliases")) {
            if (!strcmp(str(a, "name"), str(n, "name"))) continue;
            if (shown == ALIASES_SHOWN) {
                printf(", ...");
                break;
            }
            printf("%s%s", shown++ ? ", " : "; also ", str(a, "name"));
        }
        putchar('\n');
    }
}

static void show_quotes(const cJSON *r) {
    printf("\nQuotes\n");
    const cJSON *q;
    const char *last = NULL;
    int unknown_told = 0;
    cJSON_ArrayForEach(q, get(r, "quotes")) {
        const char *sp = cJSON_GetStringValue(get(q, "speaker"));
        if (sp && (!last || strcmp(sp, last))) printf("  %s\n", sp);
        if (!sp && !unknown_told) printf("  (speaker unknown)\n"), unknown_told = 1;
        last = sp;
        printf("    \"");
        put_cut(str(q, "text"), QUOTE_CHARS);
        printf("\" (%s, %s%s)\n", str(q, "outlet"), str(q, "lang"),
               cJSON_IsTrue(get(q, "uncertain")) ? "; speaker uncertain" : "");
    }
}

static void show_coverage(const cJSON *r) {
    const cJSON *c = get(r, "coverage"), *outs = get(c, "outlets"), *o;
    int n = cJSON_GetArraySize(outs);
    printf("\nCoverage\n");
    int k = 0;
    cJSON_ArrayForEach(o, outs) {
        printf("  %c = %s\n", k < 26 ? 'A' + k : '*', o->valuestring);
        k++;
    }
    size_t w = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, get(c, "rows")) w =
        (w > width(str(row, "item")) + strlen(str(row, "kind")) + 1
             ? w
             : width(str(row, "item")) + strlen(str(row, "kind")) + 1);
    pad(w + 4);
    for (k = 0; k < n; k++) printf(" %c", k < 26 ? 'A' + k : '*');
    putchar('\n');
    cJSON_ArrayForEach(row, get(c, "rows")) {
        printf("  %s %s", str(row, "kind"), str(row, "item"));
        pad(w + 2 - width(str(row, "item")) - strlen(str(row, "kind")) - 1);
        k = 0;
        cJSON_ArrayForEach(o, outs) {
            int has = 0;
            const cJSON *h;
            cJSON_ArrayForEach(h, get(row, "outlets")) has |=
                !strcmp(h->valuestring, o->valuestring);
            printf(" %c", has ? 'x' : '.');
            k++;
        }
        putchar('\n');
    }
    const cJSON *it;
    if (cJSON_GetArraySize(get(c, "shared"))) {
        printf("  Reported by all:");
        int first = 1;
        cJSON_ArrayForEach(it, get(c, "shared")) {
            printf("%s %s %s", first ? "" : ",", str(it, "kind"), str(it, "item"));
            first = 0;
        }
        putchar('\n');
    }
    const cJSON *only;
    cJSON_ArrayForEach(only, get(c, "only")) {
        printf("  Only %s:", only->string);
        int first = 1;
        cJSON_ArrayForEach(it, only) {
            printf("%s %s %s", first ? "" : ",", str(it, "kind"), str(it, "item"));
            first = 0;
        }
        putchar('\n');
    }
}

static int show_text(const char *report, const char *lang) {
    cJSON *r = cJSON_Parse(report);
    if (!r) {
        fprintf(stderr, "skein show: the story record is not JSON\n");
        return 1;
    }
    /* from JSON lines, --lang can only pick the headline */
    const char *h = lang ? cJSON_GetStringValue(get(get(r, "headlines"), lang)) : NULL;
    if (h && strcmp(lang, str(r, "title_lang"))) {
        cJSON_ReplaceItemInObjectCaseSensitive(r, "title", cJSON_CreateString(h));
        cJSON_ReplaceItemInObjectCaseSensitive(r, "title_lang", cJSON_CreateString(lang));
    }
    show_head(r);
    show_events(r);
    show_names(r);
    show_quotes(r);
    show_coverage(r);
    cJSON_Delete(r);
    return 0;
}

enum { O_DB = 256, O_JSON, O_LANG };
static const struct option long_opts[] = {{"db", required_argument, 0, O_DB},
                                          {"json", no_argument, 0, O_JSON},
                                          {"lang", required_argument, 0, O_LANG},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};

int cmd_show(int argc, char **argv) {
    const char *db = NULL, *lang = NULL;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage_text, stdout); return 0;
        case O_DB: db = optarg; break;
        case O_JSON: json = 1; break;
        case O_LANG: lang = optarg; break;
        default: fputs(usage_text, stderr); return 2;
        }
    }
    char *end = NULL;
    unsigned long long id = optind < argc ? strtoull(argv[optind], &end, 10) : 0;
    if (optind >= argc || !end || *end || !id || argc - optind > 2 || (db && argc - optind > 1)) {
        fputs(usage_text, stderr);
        return 2;
    }
    char *report =
        db ? from_store(db, id, lang) : from_lines(optind + 1 < argc ? argv[optind + 1] : "-", id);
    if (!report) return 1;
    int rc = 0;
    if (json)
        puts(report);
    else
        rc = show_text(report, lang);
    free(report);
    return rc;
}
