/* eval_quotes.c -- `skein eval --quotes GOLD`: quote extraction against a
 * gold set.
 *
 * GOLD is JSON lines of articles, each with "quotes": [{"speaker": name or
 * null, "text": the words between the marks}].  skein extracts each article
 * as `skein extract` does and matches its quotes to the gold ones, one to
 * one, in order:
 *   - text: equal once both are cut to letters and digits (case folded for
 *     ASCII), or one holds the other and is at least 80% of its length;
 *   - speaker: both unknown, or both known and their last words agree (on
 *     all but the last two letters, for inflected names: Кравцова, Кравцов).
 * Precision and recall are printed for text alone and for speaker + text,
 * overall and per language. */
#include "skein.h"

#include "eval_quotes.h"
#include "input.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (16u << 20)
#define MAX_LANGS 32

typedef struct tally {
    char lang[8];
    size_t gold, pred, text_ok, both_ok;
} tally;

/* Letters and digits of s, ASCII lower-cased, into a new string. */
static char *squeeze(const char *s) {
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    if (!o) return NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c >= 0x80) {
            /* keep letters of other scripts; drop typographic punctuation (U+2000..U+206F) and
             * Latin-1 punctuation */
            if (c[0] == 0xE2 && c[1] >= 0x80 && c[1] <= 0x81 && c[2]) {
                c += 2;
                continue;
            }
            if (c[0] == 0xC2 && c[1]) {
                c += 1;
                continue;
            }
            *p++ = (char)*c;
        } else if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z')) {
            *p++ = (char)*c;
        } else if (*c >= 'A' && *c <= 'Z') {
            *p++ = (char)(*c + 32);
        }
    }
    *p = 0;
    return o;
}

static int text_match(const char *gold, const char *pred) {
    char *a = squeeze(gold), *b = squeeze(pred);
    int ok = 0;
    if (a && b && *a && *b) {
        size_t na = strlen(a), nb = strlen(b);
        const char *big = na >= nb ? a : b, *small = na >= nb ? b : a;
        size_t ns = na < nb ? na : nb, nbig = na >= nb ? na : nb;
        ok = !strcmp(a, b) || (strstr(big, small) && ns * 10 >= nbig * 8);
    }
    free(a), free(b);
    return ok;
}

/* The last word of a name, as a pointer into it and a length. */
static const char *last_word(const char *s, size_t *n) {
    const char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '.')) e--;
    const char *b = e;
    while (b > s && b[-1] != ' ') b--;
    *n = (size_t)(e - b);
    return b;
}

static size_t code_points(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static int speaker_match(const char *gold, const char *pred) {
    if (!gold || !pred) return !gold && !pred;
    size_t na, nb;
    const char *a = last_word(gold, &na), *b = last_word(pred, &nb);
    size_t common = 0, cp = 0;
    while (common < na && common < nb && a[common] == b[common]) {
        cp += ((unsigned char)a[common] & 0xC0) != 0x80;
        common++;
    }
    size_t ca = code_points(a, na), cb = code_points(b, nb), shorter = ca < cb ? ca : cb;
    if (na == nb && common == na) return 1;
    return shorter >= 4 && cp + 2 >= (ca > cb ? ca : cb) && cp >= 3;
}

static tally *tally_for(tally *t, size_t *n, const char *lang) {
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(t[i].lang, lang)) return &t[i];
    if (*n == MAX_LANGS) return &t[MAX_LANGS - 1];
    tally *x = &t[(*n)++];
    memset(x, 0, sizeof(*x));
    snprintf(x->lang, sizeof(x->lang), "%s", lang);
    return x;
}

/* Matches one article's predicted quotes to its gold ones. */
static void score_article(const cJSON *gold, const skein_notes *pred, tally *all, tally *lang) {
    int ng = cJSON_GetArraySize(gold), np = (int)pred->nquotes;
    char *used = calloc((size_t)np + 1, 1);
    if (!used) return;
    const cJSON *g;
    cJSON_ArrayForEach(g, gold) {
        const char *gt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "text"));
        const char *gs = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "speaker"));
        int text_hit = -1, both_hit = -1;
        for (int k = 0; k < np; k++) {
            const char *pt = pred->quotes[k].text, *ps = pred->quotes[k].speaker;
            if (!used[k] && gt && pt && text_match(gt, pt)) {
                if (text_hit < 0) text_hit = k;
                if (both_hit < 0 && speaker_match(gs, ps)) both_hit = k;
            }
        }
        int hit = both_hit >= 0 ? both_hit : text_hit;
        if (hit >= 0) used[hit] = 1;
        all->text_ok += hit >= 0, lang->text_ok += hit >= 0;
        all->both_ok += both_hit >= 0, lang->both_ok += both_hit >= 0;
    }
    all->gold += (size_t)ng, lang->gold += (size_t)ng;
    all->pred += (size_t)np, lang->pred += (size_t)np;
    free(used);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0; }

static void print_tally(const char *name, const tally *t) {
    printf("\"%s\":{\"gold\":%zu,\"predicted\":%zu,\"text_p\":%.3f,\"text_r\":%.3f,"
           "\"p\":%.3f,\"r\":%.3f,\"f1\":%.3f}",
           name, t->gold, t->pred, ratio(t->text_ok, t->pred), ratio(t->text_ok, t->gold),
           ratio(t->both_ok, t->pred), ratio(t->both_ok, t->gold),
           ratio(2 * t->both_ok, t->pred + t->gold));
}

int eval_quotes(const char *path) {
    input *in = input_open(path, MAX_LINE);
    if (!in) return 1;
    int rc;
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) {
        fprintf(stderr, "skein eval: %s: %s\n", skein_strerror(err.code), err.message);
        input_close(in);
        return 1;
    }
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : NULL;
    tally all, langs[MAX_LANGS];
    memset(&all, 0, sizeof(all));
    size_t nlangs = 0, articles = 0;
    char *line = NULL;
    size_t cap = 0;
    long n;
    /* the gold quotes are read from the same lines as the articles */
    while (f && (n = input_read_line(f, &line, &cap, MAX_LINE)) != -1) {
        if (n <= 0) continue;
        cJSON *gold = cJSON_ParseWithLength(line, (size_t)n);
        skein_json_article ja;
        int arc = skein_json_article_parse(line, (size_t)n, &ja, &err);
        if (!gold || arc) {
            fprintf(stderr, "skein eval: %s: a line is not an article%s%s\n", path,
                    err.message[0] ? ": " : "",
                    err.message[0] ? err.message
                    : err.field    ? err.field
                                   : "");
            cJSON_Delete(gold);
            if (!arc) skein_json_article_release(&ja);
            continue;
        }
        skein_notes *notes = NULL;
        if ((rc = skein_engine_extract(e, &ja.a, &notes)) == SKEIN_OK) {
            const char *lang = ja.a.lang ? ja.a.lang : "und";
            score_article(cJSON_GetObjectItemCaseSensitive(gold, "quotes"), notes, &all,
                          tally_for(langs, &nlangs, lang));
            articles++;
        } else {
            fprintf(stderr, "skein eval: %s: article %s: %s\n", path, ja.a.id, skein_strerror(rc));
        }
        skein_notes_free(notes);
        skein_json_article_release(&ja);
        cJSON_Delete(gold);
    }
    free(line);
    if (f) fclose(f);
    input_close(in);
    skein_engine_free(e);
    if (!articles) {
        fprintf(stderr, "skein eval: no article with quotes in %s\n", path);
        return 1;
    }
    printf("{\"articles\":%zu,\"by_lang\":{", articles);
    for (size_t i = 0; i < nlangs; i++) {
        if (i) putchar(',');
        print_tally(langs[i].lang, &langs[i]);
    }
    printf("},");
    print_tally("all", &all);
    printf("}\n");
    return 0;
}
