/* train_speaker.c -- trains the speaker model (src/speaker_model.c) on quote
 * gold sets.
 *
 * usage: train_speaker --out FILE [--folds K] [--c C[,C...]] GOLD.jsonl ...
 *
 * GOLD is what `skein eval --quotes` reads: articles, each with its gold
 * quotes and their speakers (scripts/polnear.py writes PolNeAR's training
 * split so).  Each article goes through the engine as `skein extract` takes
 * it; the extractor's hook (extract.h) hands over every quote with the names
 * it may be said by and their features, made by the extractor's own code:
 * what the model learns from is what it sees at run time.  A quote found in
 * the gold set gives one row per candidate: positive for the nearest
 * mention of the gold speaker (quote_match.h), negative for the names that
 * are not the speaker's (the speaker's other mentions are left out); the
 * gold choice is what the extractor keeps for the quotes after it ("the
 * speaker before").
 *
 * The model is L2-regularised logistic regression (liblinear 2.3, from
 * Debian).  The cost C and the probability a speaker needs are chosen by
 * K-fold cross-validation over articles, on the share of quotes whose
 * speaker (or the absence of one) comes out right; then the model is trained
 * on all of them and written as C source. */
#include "engine.h"
#include "extract.h"
#include "quote_match.h"
#include "skein.h"
#include "speaker_model.h"

#include <cjson/cJSON.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE (16u << 20)
#define MAX_C 8
#define NTHETA 39 /* thresholds tried: 0.025 ... 0.975 */

typedef struct row {
    uint32_t group; /* the quote */
    uint8_t label;
    uint32_t feat, nfeat; /* in the feature pool */
} row;

typedef struct group {
    uint32_t row, nrows, fold;
    uint8_t gold_none; /* the gold speaker is unnamed */
} group;

typedef struct state {
    const cJSON *gold; /* the current article's gold quotes */
    char *used;
    uint32_t fold;
    row *rows;
    size_t nrows, rows_cap;
    uint16_t *feats;
    size_t nfeats, feats_cap;
    group *groups;
    size_t ngroups, groups_cap;
    size_t quotes_seen, quotes_matched, speaker_in_reach, gold_none;
} state;

static void die(const char *what) {
    fprintf(stderr, "train_speaker: %s\n", what);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return p;
    size_t n = *cap ? *cap : 256;
    while (n < need) n *= 2;
    p = realloc(p, n * size);
    if (!p) die("out of memory");
    *cap = n;
    return p;
}

static char *dup_n(const char *s, size_t n) {
    char *o = malloc(n + 1);
    if (!o) die("out of memory");
    memcpy(o, s, n);
    o[n] = 0;
    return o;
}

/* The extractor's hook: rows for a quote of the gold set, and the gold choice. */
static int on_quote(void *ud, const char *quote, size_t len, const skein__speaker_cand *cands,
                    size_t n) {
    state *st = ud;
    st->quotes_seen++;
    char *text = dup_n(quote, len);
    const cJSON *g, *hit = NULL;
    int i = 0;
    cJSON_ArrayForEach(g, st->gold) {
        const char *gt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "text"));
        if (!st->used[i] && gt && quote_text_match(gt, text)) {
            st->used[i] = 1, hit = g;
            break;
        }
        i++;
    }
    free(text);
    if (!hit || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(hit, "speaker_unknown"))) return -2;
    st->quotes_matched++;
    const char *speaker = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(hit, "speaker"));
    st->groups = grow(st->groups, &st->groups_cap, st->ngroups + 1, sizeof(*st->groups));
    group *gr = &st->groups[st->ngroups];
    *gr = (group){(uint32_t)st->nrows, (uint32_t)n, st->fold, speaker == NULL};
    st->gold_none += speaker == NULL;
    /* the gold speaker's nearest mention is the positive row; its others are left out */
    int pick = speaker ? -2 : -1;
    char *is_gold = calloc(n + 1, 1);
    if (!is_gold) die("out of memory");
    for (size_t k = 0; k < n && speaker; k++) {
        char *name = dup_n(cands[k].name, cands[k].len);
        is_gold[k] = (char)quote_speaker_match(speaker, name);
        free(name);
        if (is_gold[k] && (pick < 0 || cands[k].distance < cands[pick].distance)) pick = (int)k;
    }
    for (size_t k = 0; k < n; k++) {
        int label = (int)k == pick;
        if (is_gold[k] && !label) continue;
        st->rows = grow(st->rows, &st->rows_cap, st->nrows + 1, sizeof(*st->rows));
        st->feats =
            grow(st->feats, &st->feats_cap, st->nfeats + cands[k].nfeats + 1, sizeof(*st->feats));
        memcpy(st->feats + st->nfeats, cands[k].feats, cands[k].nfeats * sizeof(*st->feats));
        st->rows[st->nrows++] = (row){(uint32_t)st->ngroups, (uint8_t)label, (uint32_t)st->nfeats,
                                      (uint32_t)cands[k].nfeats};
        st->nfeats += cands[k].nfeats;
    }
    free(is_gold);
    gr->nrows = (uint32_t)(st->nrows - gr->row);
    st->speaker_in_reach += speaker && pick >= 0;
    st->ngroups++;
    return pick;
}

static void read_gold(state *st, skein_engine *e, const char *path, size_t *articles) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open a gold file");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    skein_error err;
    while ((n = getline(&line, &cap, f)) > 0) {
        cJSON *doc = cJSON_ParseWithLength(line, (size_t)n);
        skein_json_article ja;
        if (!doc || skein_json_article_parse(line, (size_t)n, &ja, &err)) {
            fprintf(stderr, "train_speaker: %s: a line is not an article, skipped\n", path);
            cJSON_Delete(doc);
            continue;
        }
        st->gold = cJSON_GetObjectItemCaseSensitive(doc, "quotes");
        st->used = calloc((size_t)cJSON_GetArraySize(st->gold) + 1, 1);
        if (!st->used) die("out of memory");
        skein_notes *notes = NULL;
        if (skein_engine_extract(e, &ja.a, &notes) != SKEIN_OK) die("an article failed");
        skein_notes_free(notes);
        free(st->used);
        skein_json_article_release(&ja);
        cJSON_Delete(doc);
        st->fold++;
        (*articles)++;
    }
    free(line);
    fclose(f);
}

/* ---- liblinear ------------------------------------------------------------------------ */

typedef struct lproblem {
    struct problem p;
    struct feature_node *nodes;
} lproblem;

/* The rows of the groups whose fold is not `fold` (all of them for fold < 0). */
static void make_problem(const state *st, int fold, int folds, lproblem *lp) {
    size_t rows = 0, nodes = 0;
    for (size_t g = 0; g < st->ngroups; g++) {
        const group *gr = &st->groups[g];
        if (fold >= 0 && (int)(gr->fold % (uint32_t)folds) == fold) continue;
        rows += gr->nrows;
        for (uint32_t r = 0; r < gr->nrows; r++) nodes += st->rows[gr->row + r].nfeat + 1;
    }
    lp->p.l = (int)rows, lp->p.n = (int)skein__speaker_nfeatures(), lp->p.bias = -1;
    lp->p.y = malloc((rows + 1) * sizeof(double));
    lp->p.x = malloc((rows + 1) * sizeof(*lp->p.x));
    lp->nodes = malloc((nodes + 1) * sizeof(*lp->nodes));
    if (!lp->p.y || !lp->p.x || !lp->nodes) die("out of memory");
    size_t i = 0, k = 0;
    for (size_t g = 0; g < st->ngroups; g++) {
        const group *gr = &st->groups[g];
        if (fold >= 0 && (int)(gr->fold % (uint32_t)folds) == fold) continue;
        for (uint32_t r = 0; r < gr->nrows; r++) {
            const row *rw = &st->rows[gr->row + r];
            lp->p.y[i] = rw->label ? 1 : -1;
            lp->p.x[i++] = &lp->nodes[k];
            /* liblinear wants increasing indices, from 1 */
            uint16_t f[64];
            uint32_t nf = rw->nfeat < 64 ? rw->nfeat : 64;
            memcpy(f, st->feats + rw->feat, nf * sizeof(*f));
            for (uint32_t a = 1; a < nf; a++)
                for (uint32_t b = a; b > 0 && f[b - 1] > f[b]; b--) {
                    uint16_t t = f[b];
                    f[b] = f[b - 1], f[b - 1] = t;
                }
            for (uint32_t a = 0; a < nf; a++)
                if (!a || f[a] != f[a - 1]) lp->nodes[k++] = (struct feature_node){f[a] + 1, 1};
            lp->nodes[k++] = (struct feature_node){-1, 0};
        }
    }
}

static void free_problem(lproblem *lp) { free(lp->p.y), free(lp->p.x), free(lp->nodes); }

static double *train_weights(const state *st, int fold, int folds, double c) {
    lproblem lp;
    make_problem(st, fold, folds, &lp);
    struct parameter par = {.solver_type = L2R_LR, .eps = 0.001, .C = c};
    const char *bad = check_parameter(&lp.p, &par);
    if (bad) die(bad);
    struct model *m = train(&lp.p, &par);
    size_t nf = skein__speaker_nfeatures();
    double *w = calloc(nf, sizeof(double));
    if (!w) die("out of memory");
    /* liblinear's w is for its first label; make it the positive class's */
    double sign = m->label[0] == 1 ? 1 : -1;
    for (size_t f = 0; f < nf && (int)f < m->nr_feature; f++) w[f] = sign * m->w[f];
    free_and_destroy_model(&m);
    free_problem(&lp);
    return w;
}

/* Right choices of the groups of `fold` at each threshold, into right[]. */
static void score_fold(const state *st, int fold, int folds, const double *w, size_t *right,
                       size_t *total) {
    for (size_t g = 0; g < st->ngroups; g++) {
        const group *gr = &st->groups[g];
        if ((int)(gr->fold % (uint32_t)folds) != fold) continue;
        double best = -1;
        int best_label = 0;
        for (uint32_t r = 0; r < gr->nrows; r++) {
            const row *rw = &st->rows[gr->row + r];
            double s = 0;
            for (uint32_t k = 0; k < rw->nfeat; k++) s += w[st->feats[rw->feat + k]];
            double p = 1 / (1 + exp(-s));
            if (p > best) best = p, best_label = rw->label;
        }
        for (int t = 0; t < NTHETA; t++) {
            double theta = 0.025 * (t + 1);
            int named = best >= theta;
            right[t] += named ? best_label : gr->gold_none;
        }
        (*total)++;
    }
}

static void write_model(const char *path, const double *w, double theta, const char *note) {
    FILE *f = fopen(path, "w");
    if (!f) die("cannot write the model");
    size_t nf = skein__speaker_nfeatures();
    fprintf(f,
            "/* speaker_model.c -- written by scripts/train_speaker.c (make train-speaker);\n"
            " * do not edit.  %s */\n"
            "#include \"speaker_model.h\"\n\n"
            "const uint64_t skein__speaker_model_layout = 0x%016llxull;\n"
            "const size_t skein__speaker_model_nfeatures = %zu;\n"
            "const float skein__speaker_model_threshold = %.3ff;\n"
            "const float skein__speaker_model_weights[%zu] = {\n",
            note, (unsigned long long)skein__speaker_layout(), nf, theta, nf);
    for (size_t i = 0; i < nf; i++) {
        char name[64];
        skein__speaker_feature_name(i, name, sizeof(name));
        fprintf(f, "    %.7ef, /* %s */\n", w[i], name);
    }
    fprintf(f, "};\n");
    if (fclose(f)) die("cannot write the model");
}

static void quiet(const char *s) { (void)s; }

int main(int argc, char **argv) {
    const char *out = NULL, *cs = "0.03,0.1,0.3,1,3";
    int folds = 5;
    int first = 1;
    for (; first < argc && argv[first][0] == '-' && argv[first][1] == '-'; first += 2) {
        if (first + 1 >= argc) die("an option needs a value");
        if (!strcmp(argv[first], "--out"))
            out = argv[first + 1];
        else if (!strcmp(argv[first], "--folds"))
            folds = atoi(argv[first + 1]);
        else if (!strcmp(argv[first], "--c"))
            cs = argv[first + 1];
        else
            die("usage: train_speaker --out FILE [--folds K] [--c C[,C...]] GOLD.jsonl ...");
    }
    if (!out || first >= argc || folds < 2)
        die("usage: train_speaker --out FILE [--folds K] [--c C,...] GOLD.jsonl ...");
    double c_list[MAX_C];
    int nc = 0;
    for (const char *p = cs; *p && nc < MAX_C;) {
        c_list[nc++] = strtod(p, (char **)&p);
        if (*p == ',') p++;
    }
    set_print_string_function(quiet);
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) die(err.message);
    state st;
    memset(&st, 0, sizeof(st));
    skein__extractor_on_speakers(skein__engine_extractor(e), on_quote, &st);
    size_t articles = 0;
    for (int i = first; i < argc; i++) read_gold(&st, e, argv[i], &articles);
    skein_engine_free(e);
    size_t named = st.quotes_matched - st.gold_none;
    printf("%zu articles, %zu quotes found, %zu in the gold set (%zu unnamed); the gold speaker "
           "among the candidates of %zu of %zu named (%.3f)\n",
           articles, st.quotes_seen, st.quotes_matched, st.gold_none, st.speaker_in_reach, named,
           named ? (double)st.speaker_in_reach / (double)named : 0);
    if (!st.ngroups) die("no quote of the gold sets was found");
    double best_c = c_list[0], best_theta = 0.5, best_acc = -1;
    for (int ci = 0; ci < nc; ci++) {
        size_t right[NTHETA] = {0}, total = 0;
        for (int fold = 0; fold < folds; fold++) {
            double *w = train_weights(&st, fold, folds, c_list[ci]);
            score_fold(&st, fold, folds, w, right, &total);
            free(w);
        }
        int bt = 0;
        for (int t = 1; t < NTHETA; t++)
            if (right[t] > right[bt]) bt = t;
        double acc = (double)right[bt] / (double)total;
        printf("C %g: %d-fold speaker accuracy %.4f at threshold %.3f\n", c_list[ci], folds, acc,
               0.025 * (bt + 1));
        if (acc > best_acc) best_acc = acc, best_c = c_list[ci], best_theta = 0.025 * (bt + 1);
    }
    double *w = train_weights(&st, -1, folds, best_c);
    char note[256];
    snprintf(note, sizeof(note),
             "Trained on %zu quotes of %zu articles; C %g, threshold %.3f; %d-fold accuracy "
             "%.4f.",
             st.ngroups, articles, best_c, best_theta, folds, best_acc);
    write_model(out, w, best_theta, note);
    printf("%s\nwritten to %s\n", note, out);
    free(w);
    free(st.rows), free(st.feats), free(st.groups);
    return 0;
}
