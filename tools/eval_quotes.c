/* eval_quotes.c -- `skein eval --quotes GOLD`: quote extraction against a
 * gold set.
 *
 * GOLD is JSON lines of articles, each with "quotes": [{"speaker": name or
 * null, "text": the words between the marks}].  skein extracts each article
 * as `skein extract` does and matches its quotes to the gold ones, one to
 * one, in order, on their text and speaker as quote_match.h says.
 * A gold quote may say "speaker_unknown": true (the gold set could not tell
 * who said it): it counts for its text only.  Precision and recall are
 * printed for text alone and for speaker + text, overall and per language,
 * with how many quotes found were given a speaker with a confidence under
 * 0.5 ("uncertain", as the story page shows them) and how many of those were
 * right. */
#include "skein.h"

#include "eval_quotes.h"
#include "input.h"
#include "quote_match.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (16u << 20)
#define MAX_LANGS 32
#define LOW 0.5f /* the confidence under which a speaker is shown as uncertain */

typedef struct tally {
    char lang[8];
    size_t gold, pred, text_ok, both_ok;
    size_t unknown, unknown_found; /* gold quotes whose speaker is unknown; found */
    size_t low, low_ok;            /* found with a confidence under LOW, speaker right */
} tally;

static tally *tally_for(tally *t, size_t *n, const char *lang) {
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(t[i].lang, lang)) return &t[i];
    if (*n == MAX_LANGS) return &t[MAX_LANGS - 1];
    tally *x = &t[(*n)++];
    memset(x, 0, sizeof(*x));
    snprintf(x->lang, sizeof(x->lang), "%s", lang);
    return x;
}

static void add(size_t *a, size_t *b, size_t n) { *a += n, *b += n; }

/* Matches one article's predicted quotes to its gold ones. */
static void score_article(const cJSON *gold, const skein_notes *pred, tally *all, tally *lang) {
    int ng = cJSON_GetArraySize(gold), np = (int)pred->nquotes;
    char *used = calloc((size_t)np + 1, 1);
    if (!used) return;
    const cJSON *g;
    cJSON_ArrayForEach(g, gold) {
        const char *gt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "text"));
        const char *gs = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "speaker"));
        int unknown = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "speaker_unknown"));
        int text_hit = -1, both_hit = -1;
        for (int k = 0; k < np; k++) {
            const char *pt = pred->quotes[k].text, *ps = pred->quotes[k].speaker;
            if (!used[k] && gt && pt && quote_text_match(gt, pt)) {
                if (text_hit < 0) text_hit = k;
                if (both_hit < 0 && !unknown && quote_speaker_match(gs, ps)) both_hit = k;
            }
        }
        int hit = both_hit >= 0 ? both_hit : text_hit;
        if (hit >= 0) used[hit] = 1;
        add(&all->text_ok, &lang->text_ok, hit >= 0);
        add(&all->both_ok, &lang->both_ok, both_hit >= 0);
        add(&all->unknown, &lang->unknown, (size_t)unknown);
        add(&all->unknown_found, &lang->unknown_found, unknown && hit >= 0);
        if (hit >= 0 && !unknown && pred->quotes[hit].confidence < LOW) {
            add(&all->low, &lang->low, 1);
            add(&all->low_ok, &lang->low_ok, both_hit >= 0);
        }
    }
    add(&all->gold, &lang->gold, (size_t)ng);
    add(&all->pred, &lang->pred, (size_t)np);
    free(used);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0; }

/* Text scores count every quote; speaker scores leave out the gold quotes
 * whose speaker is unknown, and the quotes found for them. */
static void print_tally(const char *name, const tally *t) {
    size_t gold = t->gold - t->unknown, pred = t->pred - t->unknown_found;
    printf("\"%s\":{\"gold\":%zu,\"predicted\":%zu,\"text_p\":%.3f,\"text_r\":%.3f,"
           "\"speaker_unknown\":%zu,\"p\":%.3f,\"r\":%.3f,\"f1\":%.3f,"
           "\"uncertain\":{\"found\":%zu,\"right\":%zu}}",
           name, t->gold, t->pred, ratio(t->text_ok, t->pred), ratio(t->text_ok, t->gold),
           t->unknown, ratio(t->both_ok, pred), ratio(t->both_ok, gold),
           ratio(2 * t->both_ok, pred + gold), t->low, t->low_ok);
}

int eval_quotes(const char *path) {
    input *in = input_open(path, MAX_LINE, NULL);
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
