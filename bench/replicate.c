/* replicate.c -- a longer stream of real text from a short one, for make bench.
 *
 * usage: skein_replicate COPIES INPUT.jsonl [INPUT.jsonl ...] > STREAM.jsonl
 *
 * Writes every article of the inputs COPIES times, copy after copy.  Copy 0
 * is the article as it is; copy k > 0 gets the id "ID~k", and its text is
 * cut into sentences (one per line when the text has several lines, else
 * cut after . ! ? and their CJK and Arabic forms), one sentence dropped
 * and the others reordered (three sentences or more; else rotated), each k
 * its own way, and when the sentences cannot give enough orders one word is
 * dropped too: no two texts of the stream are the same, and every copy
 * still reads as the same news.  Deterministic: the same inputs give the same stream.
 * The other fields are kept as they are. */
#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SENTENCES 4096

typedef struct span {
    const char *s;
    size_t n;
} span;

/* Length of a sentence end at p ("." "!" "?" or a wide form, then a blank),
 * else 0. */
static size_t sentence_end(const char *p) {
    static const char *const ends[] = {"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f", "\xd8\x9f",
                                       "\xdb\x94"};
    if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n')) return 2;
    for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
        size_t n = strlen(ends[i]);
        if (!strncmp(p, ends[i], n)) return n + (p[n] == ' ');
    }
    return 0;
}

/* Cuts text into sentences (lines when it has more than two). */
static size_t split(const char *text, span *out, size_t max) {
    size_t lines = 1;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    size_t n = 0;
    const char *start = text;
    for (const char *p = text; *p && n + 1 < max;) {
        size_t end = lines > 2 ? (*p == '\n') : sentence_end(p);
        if (!end) {
            p++;
            continue;
        }
        p += end;
        out[n++] = (span){start, (size_t)(p - start)};
        start = p;
    }
    if (*start) out[n++] = (span){start, strlen(start)};
    return n;
}

/* How many texts the sentences alone can give: n! orders with one of n
 * dropped (three sentences or more), else n rotations; capped. */
static unsigned long variants(size_t n) {
    if (n < 3) return n ? n : 1;
    unsigned long c = 1;
    for (size_t i = 2; i <= n && c < 1000000; i++) c *= i;
    return c;
}

/* Order number v of the sentences: sentence v % n dropped, the others in
 * the (v / n)-th permutation (three or more); else rotated by v.  Writes
 * the indices kept into order, returns how many. */
static size_t arrange(size_t n, unsigned long v, size_t *order) {
    if (n < 3) {
        for (size_t i = 0; i < n; i++) order[i] = (i + v) % n;
        return n;
    }
    size_t m = 0, drop = v % n;
    for (size_t i = 0; i < n; i++)
        if (i != drop) order[m++] = i;
    unsigned long p = v / n;
    for (size_t i = 0; i < m && p; i++) { /* Lehmer code, digit by digit */
        size_t base = m - i, j = i + p % base;
        p /= base;
        size_t pick = order[j];
        memmove(order + i + 1, order + i, (j - i) * sizeof(*order));
        order[i] = pick;
    }
    return m;
}

/* Drops the w-th word (from 1, cycling) of s in place; w = 0 drops none. */
static void drop_word(char *s, unsigned long w) {
    size_t words = 0;
    for (char *p = s; *p; p++) words += (p == s || p[-1] == ' ') && *p != ' ';
    if (!w || words < 2) return;
    w = (w - 1) % words;
    char *p = s;
    for (size_t seen = 0; *p; p++)
        if ((p == s || p[-1] == ' ') && *p != ' ' && seen++ == w) break;
    char *end = p + strcspn(p, " ");
    memmove(p, end + (*end == ' '), strlen(end + (*end == ' ')) + 1);
}

/* The text of copy k: sentences reordered, one dropped, and for short
 * texts a word dropped too, so that every k gives its own text; malloc'd. */
static char *alter(const char *text, unsigned k) {
    static span sent[MAX_SENTENCES];
    static size_t order[MAX_SENTENCES];
    size_t n = split(text, sent, MAX_SENTENCES), len = strlen(text);
    char *out = malloc(len + n + 2), *w = out;
    if (!out) return NULL;
    unsigned long c = variants(n);
    size_t m = arrange(n, k % c, order);
    for (size_t i = 0; i < m; i++) {
        const span *x = &sent[order[i]];
        memcpy(w, x->s, x->n);
        w += x->n;
        /* the last sentence of the text may lack its blank or line end */
        if (x->n && x->s[x->n - 1] != ' ' && x->s[x->n - 1] != '\n') *w++ = ' ';
    }
    while (w > out && (w[-1] == ' ' || w[-1] == '\n')) w--;
    *w = 0;
    drop_word(out, k / c);
    return out;
}

/* Prints copy k of one article (a JSON object); 0, or -1 when not one. */
static int write_copy(const char *line, unsigned k) {
    cJSON *o = cJSON_Parse(line);
    if (!cJSON_IsObject(o)) return cJSON_Delete(o), -1;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (k && cJSON_IsString(id)) {
        char buf[4096];
        snprintf(buf, sizeof(buf), "%s~%u", id->valuestring, k);
        cJSON_ReplaceItemInObjectCaseSensitive(o, "id", cJSON_CreateString(buf));
    }
    if (k && cJSON_IsString(text)) {
        char *t = alter(text->valuestring, k);
        if (t) cJSON_ReplaceItemInObjectCaseSensitive(o, "text", cJSON_CreateString(t));
        free(t);
    }
    char *s = cJSON_PrintUnformatted(o);
    if (s) puts(s);
    free(s);
    cJSON_Delete(o);
    return s ? 0 : -1;
}

/* Reads all lines of the inputs into one array. */
static char **read_lines(int argc, char **argv, size_t *count) {
    char **v = NULL, *line = NULL;
    size_t n = 0, cap = 0, lcap = 0;
    for (int i = 0; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) return fprintf(stderr, "skein_replicate: cannot read %s\n", argv[i]), NULL;
        ssize_t len;
        while ((len = getline(&line, &lcap, f)) > 0) {
            if (n == cap && !(v = realloc(v, (cap = cap ? cap * 2 : 1024) * sizeof(*v)))) exit(1);
            if (!(v[n++] = strdup(line))) exit(1);
        }
        fclose(f);
    }
    free(line);
    *count = n;
    return v;
}

int main(int argc, char **argv) {
    if (argc < 3 || atoi(argv[1]) < 1) {
        fprintf(stderr, "usage: skein_replicate COPIES INPUT.jsonl [INPUT.jsonl ...]\n");
        return 2;
    }
    unsigned copies = (unsigned)atoi(argv[1]);
    size_t n = 0;
    char **lines = read_lines(argc - 2, argv + 2, &n);
    if (!lines) return 1;
    int rc = 0;
    for (unsigned k = 0; k < copies; k++)
        for (size_t i = 0; i < n; i++)
            if (write_copy(lines[i], k)) {
                fprintf(stderr, "skein_replicate: record %zu of the inputs is not a JSON object\n",
                        i + 1);
                rc = 1;
            }
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
    return rc;
}
