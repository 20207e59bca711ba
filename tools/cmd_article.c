/* cmd_article.c -- `skein article`: what skein reads from each input, one
 * JSON line per article, before anything is clustered.
 *
 * Inputs go through the same reader as `cluster` (input.h): pages, .json
 * records, JSON lines, .txt files, folders of them, stdin.  Bad records are
 * reported on stderr and the rest printed; a run that printed nothing
 * although it was given input exits 1 with the reason. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LINE (16u << 20)

static const char *const usage_text =
    "usage: skein article [--url URL] [INPUT ...]\n\n"
    "Prints what skein reads from each INPUT, one JSON line per article: id, url,\n"
    "title, text, published (UTC), lang (detected when the input gives none),\n"
    "source (the outlet's host name) and where it was read.  INPUTs are read as\n"
    "`skein cluster` reads them (README, \"Formats\"); stdin with none or '-'.\n\n"
    "  --url URL   the address a saved page was fetched from (a lone page)\n";

static void write_time(int64_t t) {
    if (t == SKEIN_NO_TIME) {
        fputs("null", stdout);
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[64];
    if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "\"%Y-%m-%dT%H:%M:%SZ\"", &tm)) {
        printf("%lld", (long long)t);
        return;
    }
    fputs(buf, stdout);
}

static void field(const char *name, const char *value) {
    printf(",\"%s\":", name);
    if (value)
        json_write_string(stdout, value);
    else
        fputs("null", stdout);
}

static void print_article(const skein_article *a, const char *where) {
    char lang[8] = "";
    if ((!a->lang || !*a->lang)) {
        const char *s = a->text && *a->text ? a->text : a->title ? a->title : "";
        if (skein_detect_language(s, strlen(s), lang, NULL) != SKEIN_OK) lang[0] = 0;
    }
    fputs("{\"id\":", stdout);
    json_write_string(stdout, a->id);
    field("url", a->url);
    field("title", a->title);
    field("text", a->text);
    fputs(",\"published\":", stdout);
    write_time(a->published);
    field("lang", a->lang && *a->lang ? a->lang : lang[0] ? lang : NULL);
    field("source", a->source);
    field("from", where);
    fputs("}\n", stdout);
}

static void report(const char *where, int rc, const skein_error *err) {
    fprintf(stderr, "skein article: %s: skipped: %s", where, skein_strerror(rc));
    if (err->message[0])
        fprintf(stderr, ": %s", err->message);
    else if (err->field)
        fprintf(stderr, " (field \"%s\")", err->field);
    fputc('\n', stderr);
}

/* Prints the articles of one input; counts them and the skipped. */
static int one_input(const char *path, const char *url, size_t *printed, size_t *read,
                     char *nothing, size_t cap) {
    input *in = input_open(path, MAX_LINE, url);
    if (!in) return 1;
    const skein_article *a;
    skein_error err;
    int rc;
    while ((rc = input_next(in, &a, &err)) != 0) {
        (*read)++;
        if (rc == 1) {
            print_article(a, input_where(in));
            (*printed)++;
        } else {
            report(input_where(in), rc, &err);
        }
    }
    const char *why = input_nothing(in);
    if (why && !*nothing) snprintf(nothing, cap, "%s", why);
    input_close(in);
    return 0;
}

int cmd_article(int argc, char **argv) {
    static const struct option opts[] = {
        {"url", required_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'}, {0}};
    const char *url = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'u') {
            url = optarg;
        } else if (c == 'h') {
            fputs(usage_text, stdout);
            return 0;
        } else {
            fputs(usage_text, stderr);
            return 2;
        }
    }
    char *stdin_only[] = {"-"};
    char **paths = optind < argc ? argv + optind : stdin_only;
    int n = optind < argc ? argc - optind : 1, status = 0;
    size_t printed = 0, read = 0;
    char nothing[1200] = "";
    for (int i = 0; i < n; i++)
        status |= one_input(paths[i], url, &printed, &read, nothing, sizeof(nothing));
    if (fflush(stdout)) status = 1;
    if (!printed && !status) {
        if (nothing[0] && !read)
            fprintf(stderr, "skein article: nothing read: %s\n", nothing);
        else
            fprintf(stderr, "skein article: nothing read: %zu read, all skipped\n", read);
        status = 1;
    }
    return status;
}
