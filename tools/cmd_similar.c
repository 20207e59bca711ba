/* cmd_similar.c -- `skein similar`: pair similarities as the linker scores them.
 *
 *   skein similar A.json B.json      one score for two articles (JSON objects)
 *   skein similar --pairs FILE       {"pair","score"} per {"pair","a":{..},"b":{..}} line
 *
 * With --pairs, document frequencies are first learned from every article in
 * the file, as the linker would have learned them from a stream of them. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (16u << 20)

static void usage(FILE *f) {
    fprintf(f, "usage: skein similar A.json B.json\n"
               "       skein similar --pairs FILE\n\n"
               "Prints the similarity in [0,1] the linker gives article B against a story\n"
               "made of article A; for two languages, the cross-language score on the same\n"
               "scale (it joins at 0.31 either way with the default thresholds).  A pairs\n"
               "file has lines {\"pair\":ID,\"a\":{...},\"b\":{...}};\n"
               "the output has lines {\"pair\":ID,\"score\":X}.\n");
}

/* The whole file (an object may span lines); NULL when unreadable or huge. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && size < (long)MAX_LINE && fseek(f, 0, SEEK_SET) == 0 &&
            (buf = malloc((size_t)size + 1))) {
            *len = fread(buf, 1, (size_t)size, f);
            buf[*len] = 0;
        }
    }
    fclose(f);
    return buf;
}

static int two_files(const char *pa, const char *pb) {
    size_t la = 0, lb = 0;
    char *ta = slurp(pa, &la), *tb = slurp(pb, &lb);
    skein_json_article a, b;
    skein_error err = {0};
    const char *bad = pa;
    int rc = SKEIN_EIO;
    if (ta && tb && !(rc = skein_json_article_parse(ta, la, &a, &err))) {
        bad = pb;
        if (!(rc = skein_json_article_parse(tb, lb, &b, &err))) {
            double score = 0;
            rc = skein_similarity(&a.a, &b.a, &score);
            if (!rc) printf("{\"score\":%.4f}\n", score);
            skein_json_article_release(&b);
        }
        skein_json_article_release(&a);
    }
    if (rc)
        fprintf(stderr, "skein similar: %s: %s%s%s%s%s\n", bad, skein_strerror(rc),
                err.message[0] ? ": " : "", err.message,
                !err.message[0] && err.field ? " in field " : "",
                !err.message[0] && err.field ? err.field : "");
    free(ta), free(tb);
    return rc ? 1 : 0;
}

typedef struct pair {
    char *id;
    skein_json_article a, b;
} pair;

/* Parses "a" and "b" of one pair line.  Returns 0 or a skein_status. */
static int parse_pair(const cJSON *o, pair *p, skein_error *err) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "pair");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "a");
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, "b");
    err->field = !id ? "pair" : !cJSON_IsObject(a) ? "a" : !cJSON_IsObject(b) ? "b" : NULL;
    if (err->field) return SKEIN_EFIELD;
    p->id = cJSON_PrintUnformatted(id);
    char *ta = cJSON_PrintUnformatted(a), *tb = cJSON_PrintUnformatted(b);
    int rc = (!p->id || !ta || !tb) ? SKEIN_ENOMEM : SKEIN_OK;
    if (!rc && (rc = skein_json_article_parse(ta, strlen(ta), &p->a, err)) == SKEIN_OK &&
        (rc = skein_json_article_parse(tb, strlen(tb), &p->b, err)) != SKEIN_OK)
        skein_json_article_release(&p->a);
    free(ta), free(tb);
    if (rc) free(p->id), p->id = NULL;
    return rc;
}

static int read_pairs(const char *path, pair **out, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "skein similar: cannot read %s\n", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0, len = 0, pcap = 0;
    long got;
    pair *ps = NULL;
    while ((got = input_read_line(f, &line, &cap, MAX_LINE)) != -1) {
        lineno++;
        cJSON *o = got >= 0 ? cJSON_ParseWithLength(line, (size_t)got) : NULL;
        skein_error err = {0};
        pair p = {0};
        int rc = got == -2            ? SKEIN_ETOOBIG
                 : !cJSON_IsObject(o) ? SKEIN_EPARSE
                                      : parse_pair(o, &p, &err);
        cJSON_Delete(o);
        if (rc) {
            if (got != 0)
                fprintf(stderr, "skein similar: %s:%zu: skipped: %s%s%s%s%s\n", path, lineno,
                        skein_strerror(rc), err.message[0] ? ": " : "", err.message,
                        !err.message[0] && err.field ? " in field " : "",
                        !err.message[0] && err.field ? err.field : "");
            continue;
        }
        if (len == pcap) {
            pair *q = realloc(ps, (pcap = pcap ? pcap * 2 : 64) * sizeof(*ps));
            if (!q) break;
            ps = q;
        }
        ps[len++] = p;
    }
    free(line);
    fclose(f);
    *out = ps, *n = len;
    return 0;
}

static int pairs_file(const char *path) {
    pair *ps;
    size_t n;
    if (read_pairs(path, &ps, &n)) return 1;
    int rc = SKEIN_OK;
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) rc = err.code;
    for (size_t i = 0; e && i < n; i++) {
        skein_engine_observe(e, &ps[i].a.a);
        skein_engine_observe(e, &ps[i].b.a);
    }
    for (size_t i = 0; e && i < n; i++) {
        double score = 0;
        if ((rc = skein_engine_similarity(e, &ps[i].a.a, &ps[i].b.a, &score)))
            fprintf(stderr, "skein similar: pair %s: %s\n", ps[i].id, skein_strerror(rc));
        else
            printf("{\"pair\":%s,\"score\":%.4f}\n", ps[i].id, score);
    }
    for (size_t i = 0; i < n; i++) {
        free(ps[i].id);
        skein_json_article_release(&ps[i].a);
        skein_json_article_release(&ps[i].b);
    }
    free(ps);
    skein_engine_free(e);
    return e ? 0 : 1;
}

int cmd_similar(int argc, char **argv) {
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--pairs")) return pairs_file(argv[2]);
    if (argc == 3 && argv[1][0] != '-') return two_files(argv[1], argv[2]);
    usage(stderr);
    return 2;
}
