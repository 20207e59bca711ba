/* input.c -- article sources for the CLI.  See input.h.
 *
 * A folder is read in file-name order so runs are repeatable; a .txt file's
 * name (without .txt) is the id, its first non-empty line the title. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct input {
    FILE *f;
    const char *path;
    size_t max_line, lineno;
    char *line;
    size_t line_cap;
    char **files; /* folder mode */
    size_t nfiles, next_file;
    char *file_buf; /* folder mode: the current file's bytes */
    char where[1024];
    char id_buf[512];
};

static int by_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && !strcmp(s + n - m, suffix);
}

static int list_folder(input *in) {
    DIR *d = opendir(in->path);
    if (!d) return -1;
    struct dirent *e;
    size_t cap = 0;
    while ((e = readdir(d))) {
        if (!ends_with(e->d_name, ".txt")) continue;
        if (in->nfiles == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(in->files, cap * sizeof(*p));
            if (!p) break;
            in->files = p;
        }
        if (!(in->files[in->nfiles] = strdup(e->d_name))) break;
        in->nfiles++;
    }
    closedir(d);
    if (in->nfiles) qsort(in->files, in->nfiles, sizeof(*in->files), by_str);
    return 0;
}

input *input_open(const char *path, size_t max_line) {
    input *in = calloc(1, sizeof(*in));
    if (!in) return NULL;
    in->path = path, in->max_line = max_line;
    struct stat st;
    if (strcmp(path, "-") == 0) {
        in->f = stdin;
        in->path = "<stdin>";
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (list_folder(in) == 0) return in;
    } else {
        in->f = fopen(path, "rb");
    }
    if (!in->f) {
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
    free(in->file_buf);
    free(in);
}

const char *input_where(const input *in) { return in->where; }

long input_read_line(FILE *f, char **buf, size_t *cap, size_t max) {
    size_t n = 0;
    int c, over = 0, any = 0;
    while ((c = getc_unlocked(f)) != EOF) {
        any = 1;
        if (c == '\n') break;
        if (over) continue;
        if (n >= max) {
            over = 1;
            continue;
        }
        if (n + 2 > *cap) {
            size_t nc = *cap ? *cap * 2 : 4096;
            char *p = realloc(*buf, nc);
            if (!p) {
                over = 1;
                continue;
            }
            *buf = p, *cap = nc;
        }
        (*buf)[n++] = (char)c;
    }
    if (!any) return -1;
    if (over) return -2;
    if (n && (*buf)[n - 1] == '\r') n--;
    if (*buf) (*buf)[n] = 0;
    return (long)n;
}

/* Folder mode: the next .txt file as an article (title = first line). */
static int next_file(input *in, skein_json_article *ja) {
    if (in->next_file >= in->nfiles) return 0;
    const char *name = in->files[in->next_file++];
    snprintf(in->where, sizeof(in->where), "%s/%s", in->path, name);
    FILE *f = fopen(in->where, "rb");
    if (!f) return SKEIN_EIO;
    free(in->file_buf);
    in->file_buf = NULL;
    size_t cap = 0, len = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 && len <= in->max_line) {
        char *p = realloc(in->file_buf, cap = len + got + 1);
        if (!p) break;
        in->file_buf = p;
        memcpy(p + len, chunk, got);
        len += got;
    }
    fclose(f);
    if (len > in->max_line)
        return SKEIN_ETOOBIG; /* (folder mode: no message room needed; the status says it) */
    if (!in->file_buf) return SKEIN_EEMPTY;
    in->file_buf[len] = 0;
    return input_txt_article(in->file_buf, len, name, in->id_buf, sizeof(in->id_buf), ja);
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

int input_next(input *in, skein_json_article *ja, skein_error *err) {
    memset(err, 0, sizeof(*err));
    if (!in->f) return next_file(in, ja);
    for (;;) {
        long n = input_read_line(in->f, &in->line, &in->line_cap, in->max_line);
        if (n == -1) return 0;
        in->lineno++;
        snprintf(in->where, sizeof(in->where), "%s:%zu", in->path, in->lineno);
        if (n == -2) {
            snprintf(err->message, sizeof(err->message),
                     "a line longer than %zu bytes (--max-line-bytes)", in->max_line);
            return SKEIN_ETOOBIG;
        }
        size_t i = 0;
        while (i < (size_t)n && (in->line[i] == ' ' || in->line[i] == '\t')) i++;
        if (i == (size_t)n) continue; /* blank line */
        int rc = skein_json_article_parse(in->line, (size_t)n, ja, err);
        if (rc && err->column) /* where on the line */
            snprintf(in->where + strlen(in->where), sizeof(in->where) - strlen(in->where), ":%zu",
                     err->column);
        return rc == SKEIN_OK ? 1 : rc;
    }
}
