/* input.c -- article sources for the CLI and the service.  See input.h.
 *
 * A file's kind comes from its name; a folder is walked (hidden entries
 * skipped) and read in path order so runs are repeatable.  JSON lines are
 * streamed; pages, .json and .txt files are read whole (pages up to the
 * page cap, the others up to the line cap) and handed to input_doc_parse.
 * Whatever refuses one record or file is reported and the rest read on:
 * a bad neighbour costs nothing good. */
#include "input.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_DEPTH 16 /* folders inside folders */
#define ID_CAP 4096

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcasecmp(s + n - m, suffix);
}

input_kind input_kind_of(const char *name) {
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return INPUT_LINES;
    if (ends_with(name, ".json")) return INPUT_JSON;
    if (ends_with(name, ".txt")) return INPUT_TEXT;
    static const char *const pages[] = {".html", ".htm", ".html.gz", ".htm.gz"};
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
        if (ends_with(name, pages[i])) return INPUT_PAGE;
    return INPUT_NONE;
}

/* Fills *err with code and a message; returns code. */
__attribute__((format(printf, 3, 4))) static int fail(skein_error *err, int code, const char *fmt,
                                                      ...) {
    memset(err, 0, sizeof(*err));
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return code;
}

/* ---- one document ------------------------------------------------------------- */

typedef struct doc_own {
    skein_json_batch batch;
    skein_json_article *lines;
    size_t nlines;
    skein_html_article page;
    char *text;
    char id[ID_CAP];
} doc_own;

void input_doc_release(input_doc *d) {
    if (!d) return;
    doc_own *o = d->owned;
    if (o) {
        skein_json_batch_release(&o->batch);
        for (size_t i = 0; i < o->nlines; i++) skein_json_article_release(&o->lines[i]);
        free(o->lines);
        skein_html_article_release(&o->page);
        free(o->text);
        free(o);
    }
    free(d->items);
    memset(d, 0, sizeof(*d));
}

static int only_blanks(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

/* The first NUL byte in the first 8 KiB, where text has none: its offset + 1, or 0. */
static size_t nul_at(const char *s, size_t len) {
    const char *p = memchr(s, 0, len < 8192 ? len : 8192);
    return p ? (size_t)(p - s) + 1 : 0;
}

/* A page's markup at the start of a text, after a BOM and blanks. */
static int looks_like_html(const char *s, size_t len) {
    size_t i = len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return (len - i >= 9 && !strncasecmp(s + i, "<!doctype", 9)) ||
           (len - i >= 5 && !strncasecmp(s + i, "<html", 5));
}

static input_item *add_item(input_doc *d, size_t *cap) {
    if (d->n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        input_item *p = realloc(d->items, c * sizeof(*p));
        if (!p) return NULL;
        d->items = p, *cap = c;
    }
    input_item *it = &d->items[d->n++];
    memset(it, 0, sizeof(*it));
    return it;
}

static int one(input_doc *d, const skein_article *a, skein_error *err) {
    size_t cap = 0;
    input_item *it = add_item(d, &cap);
    if (!it) return fail(err, SKEIN_ENOMEM, "out of memory");
    it->a = *a;
    return SKEIN_OK;
}

static int page_doc(const char *s, size_t len, const char *url, const char *type, input_doc *d,
                    skein_error *err) {
    doc_own *o = d->owned;
    size_t nul =
        len >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b ? 0 : nul_at(s, len);
    if (nul) return fail(err, SKEIN_EFORMAT, "binary data, not a page (byte %zu)", nul - 1);
    int rc = skein_html_article_parse(s, len, url, type, &o->page, err);
    if (rc) return rc;
    skein_article a = o->page.a;
    if (!a.id) {
        rc = skein_article_make_id(&a, o->id, sizeof(o->id));
        if (rc == SKEIN_ETOOBIG) return fail(err, rc, "the page's address is too long for an id");
        if (rc) return fail(err, SKEIN_EEMPTY, "no title or text found in the page");
        a.id = o->id;
    }
    return one(d, &a, err);
}

static int text_doc(const char *s, size_t len, const char *name, input_doc *d, skein_error *err) {
    doc_own *o = d->owned;
    size_t nul = nul_at(s, len);
    if (nul) return fail(err, SKEIN_EFORMAT, "binary data, not text (byte %zu)", nul - 1);
    if (looks_like_html(s, len))
        return fail(err, SKEIN_EFORMAT, "looks like HTML: read it as a page (.html)");
    if (!(o->text = malloc(len + 1))) return fail(err, SKEIN_ENOMEM, "out of memory");
    memcpy(o->text, s, len);
    o->text[len] = 0;
    const char *base = strrchr(name, '/');
    skein_json_article ja;
    int rc = input_txt_article(o->text, len, base ? base + 1 : name, o->id, sizeof(o->id), &ja);
    if (rc != 1) return fail(err, rc, "an empty file");
    return one(d, &ja.a, err);
}

/* JSON lines held in memory: each line an article or a skipped item. */
static int lines_doc(const char *s, size_t len, input_doc *d, skein_error *err) {
    doc_own *o = d->owned;
    size_t cap = 0, line = 0;
    for (const char *p = s, *end = s + len; p < end; p++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        line++;
        size_t n = (size_t)(nl - p);
        if (!only_blanks(p, n)) {
            skein_json_article *v = realloc(o->lines, (o->nlines + 1) * sizeof(*v));
            input_item *it = v ? add_item(d, &cap) : NULL;
            if (v) o->lines = v;
            if (!it) return fail(err, SKEIN_ENOMEM, "out of memory");
            it->status = skein_json_article_parse(p, n, &o->lines[o->nlines], &it->err);
            if (it->status == SKEIN_OK) it->a = o->lines[o->nlines++].a;
            it->err.line = line;
        }
        p = nl;
    }
    return SKEIN_OK;
}

/* Whether s[0..len) has two lines or more with text, one of them a JSON
 * object by itself: JSON lines, to be read line by line. */
static int object_lines(const char *s, size_t len) {
    size_t lines = 0;
    int object = 0;
    for (const char *p = s, *end = s + len; p < end; p++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        if (!only_blanks(p, (size_t)(nl - p))) {
            lines++;
            skein_json_article ja;
            skein_error e;
            if (!object && skein_json_article_parse(p, (size_t)(nl - p), &ja, &e) != SKEIN_EPARSE)
                object = 1;
            skein_json_article_release(&ja);
        }
        p = nl;
    }
    return lines >= 2 && object;
}

/* A .json file: one object or an array, all good or refused whole; JSON
 * lines (some line an object by itself) with each line apart, so that a bad
 * line loses only itself. */
static int json_doc(const char *s, size_t len, input_doc *d, skein_error *err) {
    doc_own *o = d->owned;
    int rc = skein_json_batch_parse(s, len, 1000000, &o->batch, err);
    if (rc && object_lines(s, len)) {
        skein_json_batch_release(&o->batch);
        return lines_doc(s, len, d, err);
    }
    if (rc) {
        size_t i = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        skein_json_article ja;
        if (i < len && s[i] == '{' && (rc = skein_json_article_parse(s, len, &ja, err)) == SKEIN_OK)
            skein_json_article_release(&ja); /* (cannot be: the batch refused it) */
        return rc;
    }
    size_t cap = 0;
    for (size_t k = 0; k < o->batch.n; k++) {
        input_item *it = add_item(d, &cap);
        if (!it) return fail(err, SKEIN_ENOMEM, "out of memory");
        it->a = o->batch.items[k].a;
    }
    return SKEIN_OK;
}

int input_doc_parse(const char *doc, size_t len, input_kind kind, const char *name, const char *url,
                    const char *content_type, input_doc *out, skein_error *err) {
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    if (only_blanks(doc, len)) return fail(err, SKEIN_EEMPTY, "an empty file");
    if (!(out->owned = calloc(1, sizeof(doc_own)))) return fail(err, SKEIN_ENOMEM, "out of memory");
    int rc;
    switch (kind) {
    case INPUT_PAGE: rc = page_doc(doc, len, url, content_type, out, err); break;
    case INPUT_TEXT: rc = text_doc(doc, len, name ? name : "text", out, err); break;
    case INPUT_JSON: rc = json_doc(doc, len, out, err); break;
    default: rc = lines_doc(doc, len, out, err); break;
    }
    if (rc)
        input_doc_release(out);
    else
        memset(err, 0, sizeof(*err)); /* (a first reading that failed may have filled it) */
    return rc;
}

/* ---- files and folders -------------------------------------------------------- */

struct input {
    const char *path, *url;
    size_t max_line;
    char **files; /* what a folder holds (or the one file), in path order */
    size_t nfiles, next_file, others, produced;
    int folder;
    FILE *f; /* the JSON-lines file being streamed, or NULL */
    const char *fname;
    size_t lineno;
    char *line;
    size_t line_cap;
    skein_json_article ja; /* the last article streamed */
    input_doc doc;         /* the file being read whole */
    size_t next_item;
    char where[1100];
    char nothing[1200];
};

static int by_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_file(input *in, size_t *cap, const char *path) {
    if (in->nfiles == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        char **p = realloc(in->files, c * sizeof(*p));
        if (!p) return -1;
        in->files = p, *cap = c;
    }
    if (!(in->files[in->nfiles] = strdup(path))) return -1;
    in->nfiles++;
    return 0;
}

static int walk(input *in, size_t *cap, const char *dir, int depth) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    char path[4096];
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        struct stat st;
        if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path) ||
            stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < MAX_DEPTH) walk(in, cap, path, depth + 1);
        } else if (input_kind_of(e->d_name) == INPUT_NONE) {
            in->others++;
        } else {
            rc = push_file(in, cap, path);
        }
    }
    closedir(d);
    return rc;
}

input *input_open(const char *path, size_t max_line, const char *url) {
    input *in = calloc(1, sizeof(*in));
    if (!in) return NULL;
    in->path = path, in->max_line = max_line, in->url = url;
    size_t cap = 0, n = strlen(path);
    char dir[4096];
    struct stat st;
    int rc;
    if (!strcmp(path, "-")) {
        in->path = "<stdin>";
        rc = push_file(in, &cap, "-");
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        in->folder = 1;
        while (n > 1 && path[n - 1] == '/') n--; /* "folder/" names the folder */
        snprintf(dir, sizeof(dir), "%.*s", (int)n, path);
        rc = walk(in, &cap, dir, 0);
        if (in->nfiles) qsort(in->files, in->nfiles, sizeof(*in->files), by_str);
    } else {
        FILE *f = fopen(path, "rb");
        rc = f ? push_file(in, &cap, path) : -1;
        if (f) fclose(f);
    }
    if (rc) {
        fprintf(stderr, "skein: cannot read %s: %s\n", path, strerror(errno));
        input_close(in);
        return NULL;
    }
    return in;
}

void input_close(input *in) {
    if (!in) return;
    if (in->f && in->f != stdin) fclose(in->f);
    for (size_t i = 0; i < in->nfiles; i++) free(in->files[i]);
    free(in->files);
    free(in->line);
    skein_json_article_release(&in->ja);
    input_doc_release(&in->doc);
    free(in);
}

const char *input_where(const input *in) { return in->where; }

const char *input_nothing(const input *in) {
    if (in->produced) return NULL;
    input *w = (input *)in; /* the message is built on demand */
    if (in->folder && !in->nfiles)
        snprintf(w->nothing, sizeof(w->nothing),
                 in->others ? "folder %s has no file skein reads (.html, .htm, .json, .jsonl, "
                              ".txt; pages also gzipped)"
                            : "folder %s is empty",
                 in->path);
    else
        snprintf(w->nothing, sizeof(w->nothing), "%s %s", in->path,
                 in->folder ? "holds only empty files" : "is empty");
    return w->nothing;
}

/* Makes room in *buf for one more byte and the NUL; -1 when it cannot. */
static int line_room(char **buf, size_t *cap, size_t n) {
    if (n + 2 <= *cap) return 0;
    size_t nc = *cap ? *cap * 2 : 4096;
    char *p = realloc(*buf, nc);
    if (!p) return -1;
    *buf = p, *cap = nc;
    return 0;
}

long input_read_line(FILE *f, char **buf, size_t *cap, size_t max) {
    size_t n = 0;
    int c = EOF, ended = 0;
    /* bytes are stored in runs as long as the buffer and max allow (a
     * byte-at-a-time loop with all the checks cost a few percent of
     * `skein cluster` on JSON lines) */
    while (!ended && n < max && !line_room(buf, cap, n)) {
        size_t lim = *cap - 1 < max ? *cap - 1 : max;
        char *b = *buf;
        while (n < lim && (c = getc_unlocked(f)) != EOF && c != '\n') b[n++] = (char)c;
        ended = n < lim; /* a newline or the end of the file */
    }
    if (!ended && (c = getc_unlocked(f)) != EOF && c != '\n') {
        /* longer than max (or no room): the rest is read and dropped */
        do c = getc_unlocked(f);
        while (c != EOF && c != '\n');
        return -2;
    }
    if (!n && c == EOF) return -1;
    if (n && (*buf)[n - 1] == '\r') n--;
    if (*buf) (*buf)[n] = 0;
    return (long)n;
}

int input_txt_article(char *buf, size_t len, const char *name, char *id, size_t id_cap,
                      skein_json_article *ja) {
    if (!len) return SKEIN_EEMPTY;
    if (strlen(buf) != len) return SKEIN_EUTF8; /* NUL bytes: binary */
    char *s = buf;
    while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t') s++;
    char *nl = strchr(s, '\n');
    char *text = nl ? nl + 1 : s + strlen(s);
    if (nl) {
        *nl = 0;
        if (nl > s && nl[-1] == '\r') nl[-1] = 0;
    }
    size_t idn = strlen(name);
    if (idn > 4 && !strcmp(name + idn - 4, ".txt")) idn -= 4;
    if (idn >= id_cap) idn = id_cap - 1;
    memcpy(id, name, idn);
    id[idn] = 0;
    memset(ja, 0, sizeof(*ja));
    ja->a = (skein_article){id, s, text, NULL, NULL, NULL, SKEIN_NO_TIME};
    return 1;
}

/* A file's bytes, at most cap + 1 of them (one more tells it is over). */
static char *slurp(const char *path, size_t cap, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, size = 0, got;
    char chunk[65536];
    while (n <= cap && (got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (n + got + 1 > size) {
            size = (n + got + 1) * 2;
            char *p = realloc(buf, size);
            if (!p) break;
            buf = p;
        }
        memcpy(buf + n, chunk, got);
        n += got;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || (!buf && n)) {
        free(buf);
        return NULL;
    }
    if (!buf && !(buf = calloc(1, 1))) return NULL;
    buf[n] = 0;
    *len = n;
    return buf;
}

static void set_where(input *in, const char *file, size_t line, size_t column) {
    int n = snprintf(in->where, sizeof(in->where), "%s", file);
    if (line && n > 0 && (size_t)n < sizeof(in->where))
        n += snprintf(in->where + n, sizeof(in->where) - (size_t)n, ":%zu", line);
    if (line && column && n > 0 && (size_t)n < sizeof(in->where))
        snprintf(in->where + n, sizeof(in->where) - (size_t)n, ":%zu", column);
}

/* Starts reading the next file: streamed, or whole into in->doc.  Returns
 * 0 when a file is ready, 1 when there is none left, or a status for a
 * file refused whole (err). */
static int open_next(input *in, skein_error *err) {
    if (in->next_file >= in->nfiles) return 1;
    const char *file = in->fname = in->files[in->next_file++];
    int std = !strcmp(file, "-");
    const char *shown = std ? "<stdin>" : file;
    input_kind kind = std ? INPUT_LINES : input_kind_of(file);
    set_where(in, shown, 0, 0);
    in->lineno = 0;
    if (kind == INPUT_LINES || kind == INPUT_NONE) {
        in->f = std ? stdin : fopen(file, "rb");
        if (!in->f) return fail(err, SKEIN_EIO, "cannot read: %s", strerror(errno));
        return 0;
    }
    size_t cap = kind == INPUT_PAGE ? SKEIN_HTML_MAX_BYTES : in->max_line, len = 0;
    char *buf = slurp(file, cap, &len);
    if (!buf) return fail(err, SKEIN_EIO, "cannot read: %s", strerror(errno));
    int rc = SKEIN_OK;
    if (kind != INPUT_PAGE && len > cap)
        rc = fail(err, SKEIN_ETOOBIG, "a file over %zu bytes (--max-line-bytes)", cap);
    else if (only_blanks(buf, len))
        rc = fail(err, SKEIN_EEMPTY, "an empty file");
    else
        rc = input_doc_parse(buf, len, kind, file, in->url, NULL, &in->doc, err);
    free(buf);
    in->next_item = 0;
    if (rc && err->line) set_where(in, shown, err->line, err->column);
    return rc;
}

/* Brackets opened minus closed in s[0..n), strings left out. */
static long depth_of(const char *s, size_t n) {
    long depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < n; i++) {
        if (in_string) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                in_string = 0;
        } else if (s[i] == '"') {
            in_string = 1;
        } else if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if (s[i] == '}' || s[i] == ']') {
            depth--;
        }
    }
    return depth;
}

/* After the first line of a pretty-printed object in JSON lines: its other
 * lines, consumed so the object is reported once ("file:FIRST-LAST"). */
static void skip_pretty(input *in) {
    size_t first = in->lineno;
    long depth = 1, n;
    while (depth > 0 &&
           (n = input_read_line(in->f, &in->line, &in->line_cap, in->max_line)) != -1) {
        in->lineno++;
        if (n >= 0) depth += depth_of(in->line, (size_t)n);
    }
    int k = snprintf(in->where, sizeof(in->where), "%s:%zu-%zu",
                     in->f == stdin ? "<stdin>" : in->fname, first, in->lineno);
    (void)k;
}

/* The next line of the streamed file; 0 when it ends. */
static int next_line(input *in, const skein_article **a, skein_error *err) {
    for (;;) {
        long n = input_read_line(in->f, &in->line, &in->line_cap, in->max_line);
        if (n == -1) return 0;
        in->lineno++;
        set_where(in, in->f == stdin ? "<stdin>" : in->fname, in->lineno, 0);
        if (n == -2) {
            snprintf(err->message, sizeof(err->message),
                     "a line longer than %zu bytes (--max-line-bytes)", in->max_line);
            return SKEIN_ETOOBIG;
        }
        if (only_blanks(in->line, (size_t)n)) continue;
        int rc = skein_json_article_parse(in->line, (size_t)n, &in->ja, err);
        if (rc && err->column)
            set_where(in, in->f == stdin ? "<stdin>" : in->fname, in->lineno, err->column);
        if (rc == SKEIN_EPARSE && !strncmp(err->message, "a pretty-printed", 16)) skip_pretty(in);
        if (rc == SKEIN_OK) *a = &in->ja.a;
        return rc == SKEIN_OK ? 1 : rc;
    }
}

/* The next item of the document read whole; 0 when there is none. */
static int next_item(input *in, const skein_article **a, skein_error *err) {
    if (in->next_item >= in->doc.n) return 0;
    input_item *it = &in->doc.items[in->next_item++];
    set_where(in, in->fname, it->status ? it->err.line : 0, it->status ? it->err.column : 0);
    if (it->status) {
        *err = it->err;
        return it->status;
    }
    *a = &it->a;
    return 1;
}

int input_next(input *in, const skein_article **a, skein_error *err) {
    memset(err, 0, sizeof(*err));
    skein_json_article_release(&in->ja);
    *a = NULL;
    for (;;) {
        int rc = in->f ? next_line(in, a, err) : next_item(in, a, err);
        if (rc) {
            in->produced++;
            return rc;
        }
        if (in->f && in->f != stdin) fclose(in->f);
        in->f = NULL;
        input_doc_release(&in->doc);
        if ((rc = open_next(in, err)) == 1) return 0;
        if (rc) {
            in->produced++;
            return rc;
        }
    }
}
