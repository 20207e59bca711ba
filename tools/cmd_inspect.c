/* cmd_inspect.c -- `skein langid` and `skein tokens`: what the pipeline sees
 * of a text, for debugging.  Text comes from arguments or, without them, from
 * stdin one line per text. */
#include "skein.h"

#include "cmds.h"
#include "input.h"
#include "story_json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TEXT (4u << 20)

static int print_langid(const char *text, const char *lang) {
    (void)lang; /* same signature as print_tokens; detection ignores hints */
    char code[8];
    int reliable = 0;
    int rc = skein_detect_language(text, strlen(text), code, &reliable);
    if (rc) {
        fprintf(stderr, "skein langid: %s\n", skein_strerror(rc));
        return 1;
    }
    printf("{\"lang\":\"%s\",\"reliable\":%s,\"text\":", code, reliable ? "true" : "false");
    json_write_string(stdout, text);
    printf("}\n");
    return 0;
}

static int print_tokens(const char *text, const char *lang) {
    skein_tokens *t;
    int rc = skein_analyze(text, strlen(text), lang, &t);
    if (rc) {
        fprintf(stderr, "skein tokens: %s\n", skein_strerror(rc));
        return 1;
    }
    printf("{\"lang\":\"%s\",\"tokens\":[", skein_tokens_lang(t));
    for (size_t i = 0; i < skein_tokens_count(t); i++) {
        const skein_token *k = skein_tokens_get(t, i);
        printf("%s{\"norm\":", i ? "," : "");
        json_write_string(stdout, k->norm);
        printf(",\"stem\":");
        json_write_string(stdout, k->stem);
        printf(k->stopword ? ",\"stop\":true}" : "}");
    }
    printf("]}\n");
    skein_tokens_free(t);
    return 0;
}

static int run(int argc, char **argv, const char *name, int (*fn)(const char *, const char *)) {
    const char *lang = NULL;
    int i = 1, any = 0, status = 0;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: skein %s [--lang CODE] [TEXT ...]\n\n"
                   "Prints one JSON line per TEXT (or per line of stdin when no TEXT is given)\n"
                   "showing what skein's pipeline sees: %s.\n",
                   name,
                   fn == print_langid ? "the detected language"
                                      : "language, tokens, stems, stopwords");
            return 0;
        }
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
            lang = argv[++i];
            continue;
        }
        status |= fn(argv[i], lang);
        any = 1;
    }
    if (any) return status;
    char *line = NULL;
    size_t cap = 0;
    long n;
    while ((n = input_read_line(stdin, &line, &cap, MAX_TEXT)) != -1)
        if (n > 0) status |= fn(line, lang);
    free(line);
    return status;
}

int cmd_langid(int argc, char **argv) { return run(argc, argv, "langid", print_langid); }
int cmd_tokens(int argc, char **argv) { return run(argc, argv, "tokens", print_tokens); }
