/* skein.c -- the command-line tool: dispatches to one subcommand per file. */
#include "skein.h"

#include "cmds.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *about;
} cmds[] = {
    {"cluster", cmd_cluster, "group a stream of articles into stories"},
    {"stories", cmd_stories, "print the stories kept in a store (--db), or the top ones"},
    {"names", cmd_names, "people, places and organisations across the stored stories (--db)"},
    {"show", cmd_show, "print one story: headline, events, names, quotes, coverage"},
    {"serve", cmd_serve, "serve a store: HTTP JSON API and web page (--db)"},
    {"article", cmd_article,
     "what skein reads from each input (pages, records, text), one JSON line each"},
    {"watch", cmd_watch, "follow outlets' feeds into a store (--feeds, --db)"},
    {"extract", cmd_extract, "names, quotes and numbers of each article, without linking"},
    {"similar", cmd_similar, "similarity of article pairs, as the linker scores them"},
    {"eval", cmd_eval, "score a clustering or pair scores against gold labels"},
    {"langid", cmd_langid, "show the language detected for texts"},
    {"tokens", cmd_tokens, "show the tokens and stems the pipeline sees"},
};

static void usage(FILE *f) {
    fprintf(f, "usage: skein COMMAND [OPTIONS] [ARGS]\n\n"
               "skein groups news articles from many outlets and languages into stories.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        fprintf(f, "  %-9s %s\n", cmds[i].name, cmds[i].about);
    fprintf(f, "\n'skein COMMAND --help' tells more; 'skein --version' the version.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("skein %s\n", skein_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (!strcmp(argv[1], cmds[i].name)) return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "skein: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
