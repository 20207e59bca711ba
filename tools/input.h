/* input.h -- what the CLI and the service read articles from: web pages,
 * JSON files, JSON lines, text files, folders of them, stdin.
 *
 * One entry point turns a document's bytes and its kind into articles
 * (input_doc_parse): `skein article`, `cluster`, `extract` and `serve` all
 * read through it, and so can a fetcher with a page in hand.  Files and
 * folders are iterated by input_open/input_next, an article at a time with
 * a location ("file:line[:column]") for messages; JSON lines are streamed,
 * lines over the cap skipped without being held in memory. */
#ifndef SKEIN_INPUT_H
#define SKEIN_INPUT_H

#include "skein.h"

#include <stdio.h>

/* What a file holds, by its name. */
typedef enum input_kind {
    INPUT_NONE,  /* no kind skein reads (a folder skips it) */
    INPUT_LINES, /* .jsonl, .ndjson, stdin, and any other name given on its own: JSON lines */
    INPUT_JSON,  /* .json: one article (pretty-printed or not), an array, or JSON lines */
    INPUT_PAGE,  /* .html, .htm, also gzipped (.html.gz): a web page */
    INPUT_TEXT   /* .txt: the first non-empty line the title, the rest the text */
} input_kind;

/* The kind of `name` by its extension; INPUT_NONE for none skein reads. */
input_kind input_kind_of(const char *name);

/* One article of a document, or why one part of it was skipped. */
typedef struct input_item {
    int status;      /* SKEIN_OK, or the status of the part skipped (err says why) */
    skein_article a; /* when status is SKEIN_OK; strings owned by the input_doc */
    skein_error err; /* err.line: the line in the document, 0 when not known */
} input_item;

/* A document read into articles.  Embed it, fill it with input_doc_parse,
 * release it with input_doc_release. */
typedef struct input_doc {
    input_item *items;
    size_t n;
    void *owned;
} input_doc;

/* Reads doc[0..len) of the given kind into out->items: a page or a text is
 * one article, a .json file one or more (an array; JSON lines, each line
 * apart, so a bad line loses only itself).  `name` (the file name, for a
 * text's id) and `url` (a page's address; may be NULL) and `content_type`
 * (a page's HTTP Content-Type; may be NULL) help.  An article without an id
 * gets skein_article_make_id's.  Returns SKEIN_OK (items may then hold
 * skipped parts), or the status that refuses the whole document with err
 * saying why: binary data, a page in a text file, an empty file, invalid
 * JSON with line, column and what was expected.  The caller keeps doc. */
int input_doc_parse(const char *doc, size_t len, input_kind kind, const char *name, const char *url,
                    const char *content_type, input_doc *out, skein_error *err);
void input_doc_release(input_doc *d);

typedef struct input input;

/* Opens `path` ("-" for stdin; a folder is walked for every file of a
 * kind skein reads, in path order).  `url` (may be NULL) is the address of
 * a lone page.  NULL with a message on stderr when it cannot be read. */
input *input_open(const char *path, size_t max_line, const char *url);
void input_close(input *in);

/* Reads the next article into *a (valid until the next call).  Returns 1
 * when one was read, 0 at the end, or a negative skein_status for a bad
 * record or file (skipped: call again), with its cause in *err.
 * input_where() tells where ("file", "file:line" or "file:line:column"). */
int input_next(input *in, const skein_article **a, skein_error *err);
const char *input_where(const input *in);

/* After the end: why nothing at all was read, in a few words ("x.jsonl is
 * empty", "folder d has no file skein reads ..."), or NULL when something
 * was (even a bad record). */
const char *input_nothing(const input *in);

/* Reads one line of at most `max` bytes into a growing buffer (*buf, *cap).
 * Returns its length, -1 at end of file, or -2 when the line was longer than
 * `max` (it is consumed and dropped).  The newline is not kept. */
long input_read_line(FILE *f, char **buf, size_t *cap, size_t max);

/* A .txt file's bytes buf[0..len) (NUL-terminated at len) as an article:
 * the first non-empty line is the title, the rest the text; the id is
 * `name` without ".txt", cut to fit id[id_cap].  Strings point into buf
 * (changed in place) and id.  1, or SKEIN_EEMPTY (no bytes), SKEIN_EUTF8
 * (NUL bytes: not text); other checks are the engine's. */
int input_txt_article(char *buf, size_t len, const char *name, char *id, size_t id_cap,
                      skein_json_article *ja);

#endif
