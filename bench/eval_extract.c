/* eval_extract.c -- main-text extraction measured on the development pages
 * (../shared/data/extract): the article-extraction benchmark's metric,
 * checks of titles and dates, pages per second.
 *
 * usage: skein_eval_extract [--pages] [--dump KEY] [--out FILE] [--repeat N] DIR
 *   DIR holds ground-truth.json ({key: {"articleBody", "url"}}) and
 *   html/KEY.html.gz.  Prints one JSON line.  --pages: a line per page on
 *   stderr; --dump KEY: the text of the page(s) whose key starts so;
 *   --out FILE: the predictions in the benchmark's format; --repeat N:
 *   passes timed for speed (0: none).
 *
 * The metric is the benchmark's own (evaluate.py of the Scrapinghub
 * article-extraction benchmark): words are the runs of Unicode word
 * characters (Python's \w: letters, digits and numerals, '_'); a text's
 * shingles are its word 4-grams (a text of fewer words is one shingle);
 * per page, tp, fp and fn count shingles of truth and extraction
 * (multisets), each divided by their sum; precision is the mean over pages
 * of tp / (tp + fp) (1 when fp = fn = 0; pages with tp + fp = 0 left out),
 * recall likewise; F1 from the two means.  Figures are given for all pages
 * and for the two halves of the pages in key order (even and odd
 * positions), which is how the rules were tuned (even) and checked (odd).
 *
 * Titles and dates have no truth in this data; they are checked for
 * consistency with what the page itself states: the title against the
 * page's visible <h1>, the site-name cut of <title> against the headline
 * the page's JSON-LD or og:title gives, the chosen date against every
 * other source of a date the page has.  Speed is CPU time of
 * skein__html_read alone (gzip in, article out), files already in memory.
 *
 * This is a development tool, so it uses the library's internal headers. */
#include "skein.h"

#include "charset.h"
#include "dom.h"
#include "gunzip.h"
#include "html.h"
#include "htmlmeta.h"
#include "htmlscan.h"
#include "htmltitle.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>

typedef struct page {
    const char *key, *truth, *url;
    char *bytes;
    size_t len;
} page;

typedef struct sums {
    double p, r;
    size_t np, nr, pages;
} sums;

typedef struct checks {
    size_t titled, h1_pages, h1_agree, stated, tag_pages, tag_agree;
    size_t dated, multi_dated, dates_agree;
} checks;

/* ---- The metric ------------------------------------------------------------ */

/* Python's \w: str.isalnum() or '_'. */
static int is_word_char(uint32_t c) {
    if (c == '_') return 1;
    if (U_GET_GC_MASK(c) & U_GC_L_MASK) return 1;
    return u_getIntPropertyValue((UChar32)c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

/* Hashes of the words of s, into *words (grown). */
static size_t words_of(const char *s, uint64_t **words, size_t *cap) {
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len) {
            size_t k = j;
            if (!is_word_char(skein__utf8_next(s, len, &k))) break;
            j = k;
        }
        if (j > i) {
            if (skein__grow((void **)words, cap, n + 1, sizeof(uint64_t))) exit(1);
            (*words)[n++] = skein__hash(s + i, j - i);
            i = j;
        } else {
            skein__utf8_next(s, len, &i);
        }
    }
    return n;
}

/* Counts each 4-gram of words into m (key: hash of the gram, never 0). */
static void shingles(const uint64_t *w, size_t n, u64map *m) {
    size_t grams = n >= 4 ? n - 3 : (n ? 1 : 0);
    for (size_t i = 0; i < grams; i++) {
        size_t k = SKEIN_MIN(4, n - i);
        uint64_t h = skein__hash_salt(w + i, k * sizeof(uint64_t), 4);
        uint64_t *c = skein__u64map_upsert(m, h ? h : 1);
        if (!c) exit(1);
        (*c)++;
    }
}

/* The benchmark's tp, fp, fn of one page, normalised by their sum. */
static void match(const char *truth, const char *pred, double out[3]) {
    uint64_t *w = NULL;
    size_t cap = 0;
    u64map t, p;
    skein__u64map_init(&t), skein__u64map_init(&p);
    shingles(w, words_of(truth, &w, &cap), &t);
    shingles(w, words_of(pred, &w, &cap), &p);
    double tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < t.cap; i++) {
        if (!t.slots[i].key) continue;
        uint64_t *pc = skein__u64map_get(&p, t.slots[i].key), tc = t.slots[i].val, q = pc ? *pc : 0;
        tp += (double)SKEIN_MIN(tc, q), fn += tc > q ? (double)(tc - q) : 0;
        if (q > tc) fp += (double)(q - tc);
    }
    for (size_t i = 0; i < p.cap; i++)
        if (p.slots[i].key && !skein__u64map_get(&t, p.slots[i].key)) fp += (double)p.slots[i].val;
    double s = tp + fp + fn;
    out[0] = s > 0 ? tp / s : 0, out[1] = s > 0 ? fp / s : 0, out[2] = s > 0 ? fn / s : 0;
    skein__u64map_release(&t), skein__u64map_release(&p);
    free(w);
}

static void add_page(sums *s, const double m[3], double *prec, double *rec) {
    double tp = m[0], fp = m[1], fn = m[2];
    *prec = fp == 0 && fn == 0 ? 1 : tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
    *rec = fp == 0 && fn == 0 ? 1 : tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
    if (tp + fp > 0) s->p += *prec, s->np++;
    if (tp + fn > 0) s->r += *rec, s->nr++;
    s->pages++;
}

static void print_sums(const char *name, const sums *s) {
    double p = s->np ? s->p / (double)s->np : 0, r = s->nr ? s->r / (double)s->nr : 0;
    printf("\"%s\":{\"pages\":%zu,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}", name, s->pages,
           p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
}

/* ---- Titles and dates -------------------------------------------------------- */

/* Letters and digits of s, lower-cased, as UTF-8: quotes, dashes and
 * blanks of any kind do not make two titles differ. */
static void compact(const char *s, char *out, size_t cap) {
    size_t k = 0, len = s ? strlen(s) : 0, i = 0;
    while (i < len && k + 4 < cap) {
        uint32_t c = skein__utf8_next(s, len, &i);
        if (u_isalnum((UChar32)c)) k += skein__utf8_put((uint32_t)u_tolower((UChar32)c), out + k);
    }
    out[k] = 0;
}

static int same_text(const char *a, const char *b) {
    char x[1024], y[1024];
    compact(a, x, sizeof(x)), compact(b, y, sizeof(y));
    return x[0] && y[0] && strcmp(x, y) == 0;
}

/* Reads the page's metadata the way skein__html_read does. */
static int page_meta(const page *pg, skein__meta *m, sbuf *bufs) {
    const char *s = pg->bytes, *utf8;
    size_t len = pg->len, utf8_len;
    skein__charset cs;
    skein__dom d;
    if (skein__is_gzip(s, len)) {
        skein__gunzip(s, len, SKEIN__HTML_MAX_BYTES, &bufs[0]);
        s = bufs[0].buf, len = bufs[0].len;
    }
    if (skein__charset_to_utf8(s, len, NULL, &bufs[1], &utf8, &utf8_len, &cs)) return -1;
    skein__sbuf_reset(&bufs[2]);
    if (skein__scan_prune(utf8, utf8_len, &bufs[2])) return -1;
    int rc = skein__dom_parse(&d, bufs[2].buf, bufs[2].len, NULL);
    if (!rc) rc = skein__html_meta(&d, pg->url, m);
    skein__dom_release(&d);
    return rc;
}

static void check_title(const skein__page *p, const skein__meta *m, checks *c, int show) {
    c->titled += p->title != NULL;
    int h1_ok = m->h1 && p->title && same_text(m->h1, p->title);
    if (m->h1 && p->title) c->h1_pages++, c->h1_agree += h1_ok;
    if (show && m->h1 && p->title && !h1_ok)
        fprintf(stderr, "  title %s | h1 %s\n", p->title, m->h1);
    const char *stated = m->ld_headline ? m->ld_headline : m->og_title;
    if (!stated || !m->title_tag) return;
    char host[256];
    int have_host = p->url && skein__url_host(p->url, host, sizeof(host)) == 0;
    size_t s0 = 0, n0 = strlen(stated), s1 = 0, n1 = strlen(m->title_tag);
    skein__title_cut(stated, &s0, &n0, m->site_name, have_host ? host : NULL, 0);
    skein__title_cut(m->title_tag, &s1, &n1, m->site_name, have_host ? host : NULL, 1);
    char a[1024], b[1024];
    snprintf(a, sizeof(a), "%.*s", (int)n0, stated + s0);
    snprintf(b, sizeof(b), "%.*s", (int)n1, m->title_tag + s1);
    c->tag_pages++, c->tag_agree += same_text(a, b);
    if (show && !same_text(a, b)) fprintf(stderr, "  stated %s | <title> cut %s\n", a, b);
}

static int close_in_time(int64_t a, int64_t b) {
    return a == SKEIN_NO_TIME || llabs(a - b) <= 86400;
}

static void check_date(const skein__page *p, const skein__meta *m, checks *c, int show) {
    if (p->published == SKEIN_NO_TIME) return;
    c->dated++;
    int64_t others[] = {m->ld_published, m->og_published, m->time_published};
    int n = 0, ok = 1;
    for (int k = 0; k < 3; k++) {
        n += others[k] != SKEIN_NO_TIME;
        ok &= close_in_time(others[k], p->published);
    }
    if (n >= 2) c->multi_dated++, c->dates_agree += ok;
    if (show && n >= 2 && !ok)
        fprintf(stderr, "  date %lld | json-ld %lld og %lld time %lld\n", (long long)p->published,
                (long long)m->ld_published, (long long)m->og_published,
                (long long)m->time_published);
}

/* ---- Reading the data ---------------------------------------------------------- */

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    sbuf b;
    skein__sbuf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (skein__sbuf_add(&b, chunk, n)) exit(1);
    fclose(f);
    *len = b.len;
    return b.buf ? b.buf : calloc(1, 1);
}

static int cmp_page(const void *a, const void *b) {
    return strcmp(((const page *)a)->key, ((const page *)b)->key);
}

static page *load(const char *dir, cJSON **gt, size_t *n) {
    char path[4096];
    size_t len;
    snprintf(path, sizeof(path), "%s/ground-truth.json", dir);
    char *json = slurp(path, &len);
    *gt = json ? cJSON_ParseWithLength(json, len) : NULL;
    free(json);
    if (!cJSON_IsObject(*gt)) return NULL;
    page *pages = calloc((size_t)cJSON_GetArraySize(*gt) + 1, sizeof(page));
    const cJSON *e;
    *n = 0;
    cJSON_ArrayForEach(e, *gt) {
        const cJSON *body = cJSON_GetObjectItemCaseSensitive(e, "articleBody");
        const cJSON *url = cJSON_GetObjectItemCaseSensitive(e, "url");
        page *pg = &pages[*n];
        pg->key = e->string;
        pg->truth = cJSON_IsString(body) ? body->valuestring : "";
        pg->url = cJSON_IsString(url) ? url->valuestring : NULL;
        snprintf(path, sizeof(path), "%s/html/%s.html.gz", dir, pg->key);
        if ((pg->bytes = slurp(path, &pg->len)))
            (*n)++;
        else
            fprintf(stderr, "eval_extract: %s: cannot read\n", path);
    }
    qsort(pages, *n, sizeof(page), cmp_page);
    return pages;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Main ------------------------------------------------------------------ */

typedef struct args {
    const char *dir, *dump, *out;
    int pages, repeat;
} args;

static void print_page(const page *pg, const skein__page *p, double prec, double rec) {
    fprintf(stderr, "page %.8s P=%.3f R=%.3f words=%zu lang=%s source=%s date=%lld title=%s\n",
            pg->key, prec, rec, p->text ? strlen(p->text) : 0, p->lang ? p->lang : "-",
            p->source ? p->source : "-", (long long)p->published, p->title ? p->title : "-");
}

/* Adds {"articleBody": text} under the page's key: the benchmark's own
 * prediction format, for its evaluate.py. */
static void add_prediction(cJSON *pred, const char *key, const char *text) {
    cJSON *o = cJSON_AddObjectToObject(pred, key);
    if (o) cJSON_AddStringToObject(o, "articleBody", text ? text : "");
}

static void write_predictions(const cJSON *pred, const char *path) {
    char *s = cJSON_Print(pred);
    FILE *f = s ? fopen(path, "w") : NULL;
    if (f)
        fputs(s, f), fclose(f);
    else
        fprintf(stderr, "eval_extract: %s: cannot write\n", path);
    free(s);
}

static void score_all(const page *pages, size_t n, const args *a, sums s[3], checks *c) {
    cJSON *pred = cJSON_CreateObject();
    sbuf bufs[3];
    for (int k = 0; k < 3; k++) skein__sbuf_init(&bufs[k]);
    for (size_t i = 0; i < n; i++) {
        skein__page p;
        skein_error err;
        if (skein__html_read(pages[i].bytes, pages[i].len, NULL, pages[i].url, &p, &err)) {
            fprintf(stderr, "eval_extract: %s: %s\n", pages[i].key, err.message);
            continue;
        }
        double m[3], prec, rec;
        match(pages[i].truth, p.text ? p.text : "", m);
        add_page(&s[0], m, &prec, &rec);
        add_page(&s[1 + i % 2], m, &prec, &rec);
        if (a->pages) print_page(&pages[i], &p, prec, rec);
        if (a->dump && strncmp(pages[i].key, a->dump, strlen(a->dump)) == 0) printf("%s\n", p.text);
        add_prediction(pred, pages[i].key, p.text);
        skein__meta meta;
        if (page_meta(&pages[i], &meta, bufs) == 0)
            check_title(&p, &meta, c, a->pages), check_date(&p, &meta, c, a->pages);
        skein__meta_release(&meta);
        skein__page_release(&p);
    }
    for (int k = 0; k < 3; k++) skein__sbuf_release(&bufs[k]);
    if (a->out) write_predictions(pred, a->out);
    cJSON_Delete(pred);
}

static double speed(const page *pages, size_t n, int repeat, double *mb) {
    double t0 = cpu_now(), bytes = 0;
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < n; i++) {
            skein__page p;
            if (skein__html_read(pages[i].bytes, pages[i].len, NULL, pages[i].url, &p, NULL) == 0)
                skein__page_release(&p);
            bytes += (double)pages[i].len;
        }
    }
    double t = cpu_now() - t0;
    *mb = t > 0 ? bytes / t / 1e6 : 0;
    return t > 0 ? (double)n * repeat / t : 0;
}

static int parse_args(int argc, char **argv, args *a) {
    a->repeat = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pages") == 0)
            a->pages = 1;
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            a->dump = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            a->out = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            a->repeat = atoi(argv[++i]);
        else if (argv[i][0] != '-' && !a->dir)
            a->dir = argv[i];
        else
            return -1;
    }
    return a->dir && a->repeat >= 0 ? 0 : -1;
}

int main(int argc, char **argv) {
    args a = {0};
    if (parse_args(argc, argv, &a)) {
        fprintf(stderr,
                "usage: skein_eval_extract [--pages] [--dump KEY] [--out FILE] [--repeat N] DIR\n");
        return 2;
    }
    cJSON *gt = NULL;
    size_t n = 0;
    page *pages = load(a.dir, &gt, &n);
    if (!pages || !n) {
        fprintf(stderr, "eval_extract: %s: no pages\n", a.dir);
        return 1;
    }
    sums s[3] = {{0}};
    checks c = {0};
    score_all(pages, n, &a, s, &c);
    double mb = 0, pps = a.repeat ? speed(pages, n, a.repeat, &mb) : 0;
    printf("{");
    print_sums("all", &s[0]), printf(","), print_sums("even", &s[1]), printf(","),
        print_sums("odd", &s[2]);
    printf(",\"titles\":{\"pages_with_title\":%zu,\"h1_pages\":%zu,\"title_is_h1\":%zu,"
           "\"stated_pages\":%zu,\"title_tag_cut_is_stated\":%zu}",
           c.titled, c.h1_pages, c.h1_agree, c.tag_pages, c.tag_agree);
    printf(",\"dates\":{\"pages_with_date\":%zu,\"pages_with_2_sources\":%zu,\"agreeing\":%zu}",
           c.dated, c.multi_dated, c.dates_agree);
    printf(",\"pages_per_second\":%.0f,\"mb_per_second\":%.1f}\n", pps, a.repeat ? mb : 0);
    for (size_t i = 0; i < n; i++) free(pages[i].bytes);
    free(pages);
    cJSON_Delete(gt);
    return 0;
}
