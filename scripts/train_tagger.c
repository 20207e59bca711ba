/* train_tagger.c -- trains a name-tagger model (src/tagger.h) from CoNLL files.
 *
 * usage: train_tagger --lang L --out FILE [--bits B] [--epochs E]
 *                     [--every K --part P] [--algo perceptron|liblinear] [--c C]
 *                     [--seed S] [--runs R] [--no-persons] FILE[:w=WEIGHT][:nomisc] ...
 *
 * Each sentence of each file is read as the evaluation reads it (conll.h:
 * its text as a page prints it), analysed by skein's own analyzer, its gold
 * spans carried over to the analyzer's tokens, and its features made by the
 * tagger's own code (skein__tag_prepare / skein__tag_features): what the
 * model learns from is exactly what it sees at run time.  Documents whose
 * number % K == P are kept out (the held-out part skein eval --ner scores).
 *
 * Two learners, chosen by measurement (data/tagger/README.md):
 *  - perceptron: averaged structured perceptron over the Viterbi decoder,
 *    epochs over a shuffled order; WEIGHT repeats a file's sentences (a
 *    fraction samples them); "nomisc" marks a corpus without an "other"
 *    class, whose O tokens may be B/I-MISC: its target is then the best
 *    sequence the current weights allow within the gold labels (MISC masked);
 *  - liblinear: L2-regularised logistic regression per token (liblinear 2.3
 *    from Debian) with the gold previous label as a feature, whose weights
 *    become the emission and transition scores of the same decoder.
 * --no-persons trains (and marks) a model that does not read the
 * person-name list (SKEIN__TAG_OPT_PERSONS off): a language where it does
 * not help keeps its model of before.  The weights are scaled to 16-bit
 * integers and written with the header of tagger.h.  Prints the held-out span F1 of each file it
 * trained on. */
#include "conll.h"
#include "lexicon.h"
#include "skein.h"
#include "tagger.h"
#include "util.h"

#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 16
#define N SKEIN__TAG_N

typedef struct file_opt {
    const char *path;
    double weight;
    int nomisc;
} file_opt;

typedef struct args {
    const char *lang, *out, *algo;
    unsigned bits, epochs, seed, runs, options;
    size_t every, part;
    double c;
    file_opt files[MAX_FILES];
    size_t nfiles;
} args;

/* A chunk of a training sentence: its tokens' labels and feature rows. */
typedef struct sent {
    uint32_t tok, n; /* tokens [tok, tok + n) of the corpus arrays */
    uint16_t file;
    uint8_t heldout, nomisc;
} sent;

typedef struct corpus {
    sent *s;
    size_t ns, s_cap;
    uint8_t *gold;  /* per token */
    uint32_t *rows; /* per token, nf feature rows */
    size_t ntok, gold_cap, rows_cap;
    size_t nf; /* features per token */
} corpus;

static void die(const char *what) {
    fprintf(stderr, "train_tagger: %s\n", what);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size) {
    if (skein__grow(&p, cap, need, size)) die("out of memory");
    return p;
}

/* ---- Reading the corpora --------------------------------------------------------- */

typedef struct builder {
    const args *a;
    corpus *co;
    skein__analyzer *an;
    skein__tag_chunk chunk;
    uint8_t *labels;
    size_t labels_cap;
} builder;

static void add_chunk(builder *b, const char *text, size_t len, const skein__tok *t, size_t n,
                      const uint8_t *labels, uint16_t file, int heldout, int nomisc) {
    corpus *co = b->co;
    b->chunk.options = b->a->options;
    skein__tag_prepare(&b->chunk, b->a->lang, text, len, skein__analyzer_str(b->an, 0), t, n);
    co->gold = grow(co->gold, &co->gold_cap, co->ntok + n, 1);
    co->rows = grow(co->rows, &co->rows_cap, (co->ntok + n) * co->nf, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        uint64_t f[SKEIN__TAG_MAX_FEATS];
        size_t k = skein__tag_features(&b->chunk, i, f);
        if (k != co->nf) die("feature count changed");
        for (size_t j = 0; j < k; j++)
            co->rows[(co->ntok + i) * co->nf + j] = (uint32_t)(f[j] >> (64 - b->a->bits));
        co->gold[co->ntok + i] = labels[i];
    }
    co->s = grow(co->s, &co->s_cap, co->ns + 1, sizeof(*co->s));
    co->s[co->ns++] =
        (sent){(uint32_t)co->ntok, (uint32_t)n, file, (uint8_t)heldout, (uint8_t)nomisc};
    co->ntok += n;
}

static void add_file(builder *b, uint16_t file) {
    const file_opt *fo = &b->a->files[file];
    skein__conll c;
    skein__conll_init(&c);
    if (skein__conll_read(&c, fo->path, 0) != SKEIN_OK) die("cannot read a corpus file");
    for (size_t k = 0; k < c.nsents; k++) {
        const skein__conll_sent *s = &c.sents[k];
        const char *text = c.text.buf + s->text;
        const skein__tok *t;
        size_t n;
        if (skein__analyze(b->an, text, s->len, b->a->lang, 1u << 20, &t, &n) != SKEIN_OK) continue;
        b->labels = grow(b->labels, &b->labels_cap, n + 1, 1);
        skein__conll_project(&c, k, t, n, b->labels);
        int heldout = b->a->every && s->doc % b->a->every == b->a->part;
        for (size_t a = 0; a < n;) {
            size_t m = skein__tag_chunk_len(text, t + a, n - a);
            add_chunk(b, text, s->len, t + a, m, b->labels + a, file, heldout, fo->nomisc);
            a += m;
        }
    }
    fprintf(stderr, "train_tagger: %s: %zu sentences, %zu documents\n", fo->path, c.nsents,
            c.ndocs);
    skein__conll_release(&c);
}

static void read_corpora(const args *a, corpus *co) {
    uint64_t probe[SKEIN__TAG_MAX_FEATS];
    skein__tag_chunk one = {0};
    one.n = 1;
    co->nf = skein__tag_features(&one, 0, probe);
    builder b = {a, co, skein__analyzer_new(0, skein__lexicon_word_info), {0}, NULL, 0};
    if (!b.an) die("cannot open the analyzer");
    for (size_t f = 0; f < a->nfiles; f++) add_file(&b, (uint16_t)f);
    skein__analyzer_free(b.an);
    free(b.labels);
}

/* ---- Scoring a sentence ---------------------------------------------------------- */

typedef struct weights {
    float *w; /* rows x N */
    float trans[N + 1][N];
    size_t rows;
} weights;

static void emit(const weights *m, const corpus *co, const sent *s, float (*e)[N]) {
    for (size_t i = 0; i < s->n; i++) {
        const uint32_t *r = co->rows + (s->tok + i) * co->nf;
        for (int l = 0; l < N; l++) e[i][l] = 0;
        for (size_t j = 0; j < co->nf; j++)
            for (int l = 0; l < N; l++) e[i][l] += m->w[(size_t)r[j] * N + l];
    }
}

static float emit_buf[SKEIN__TAG_MAX_CHUNK][N];
static uint8_t bp_buf[SKEIN__TAG_MAX_CHUNK][N];

static void decode(const weights *m, const corpus *co, const sent *s, const uint16_t *mask,
                   uint8_t *out) {
    emit(m, co, s, emit_buf);
    skein__tag_viterbi((const float(*)[N])emit_buf, s->n, (const float(*)[N])m->trans, mask, bp_buf,
                       out);
}

/* ---- Averaged perceptron ------------------------------------------------------------ */

typedef struct perceptron {
    weights m;
    float *u; /* sum of c * update, for averaging */
    float tu[N + 1][N];
    double c;
} perceptron;

static void update(perceptron *p, const corpus *co, const sent *s, const uint8_t *gold,
                   const uint8_t *pred) {
    for (size_t i = 0; i < s->n; i++) {
        int gp = i ? gold[i - 1] + 1 : 0, pp = i ? pred[i - 1] + 1 : 0;
        if (gold[i] != pred[i]) {
            const uint32_t *r = co->rows + (s->tok + i) * co->nf;
            for (size_t j = 0; j < co->nf; j++) {
                size_t g = (size_t)r[j] * N + gold[i], q = (size_t)r[j] * N + pred[i];
                p->m.w[g] += 1, p->u[g] += (float)p->c;
                p->m.w[q] -= 1, p->u[q] -= (float)p->c;
            }
        }
        if (gold[i] != pred[i] || gp != pp) {
            p->m.trans[gp][gold[i]] += 1, p->tu[gp][gold[i]] += (float)p->c;
            p->m.trans[pp][pred[i]] -= 1, p->tu[pp][pred[i]] -= (float)p->c;
        }
    }
}

/* The target of sentence s: its gold labels, or for a corpus without
 * "other" names the best sequence that keeps gold names and lets O be MISC. */
static void target(const perceptron *p, const corpus *co, const sent *s, uint8_t *out) {
    const uint8_t *g = co->gold + s->tok;
    if (!s->nomisc) {
        memcpy(out, g, s->n);
        return;
    }
    uint16_t mask[SKEIN__TAG_MAX_CHUNK];
    for (size_t i = 0; i < s->n; i++)
        mask[i] = (uint16_t)(1u << g[i] | (g[i] == SKEIN__TAG_O
                                               ? 1u << SKEIN__TAG_B_MISC | 1u << SKEIN__TAG_I_MISC
                                               : 0));
    decode(&p->m, co, s, mask, out);
}

static uint64_t rng_state;
static uint64_t rnd(void) {
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return rng_state;
}

/* This epoch's order: each training sentence `weight` times (a fraction by chance), shuffled. */
static size_t epoch_order(const args *a, const corpus *co, uint32_t **order, size_t *cap) {
    size_t n = 0;
    for (size_t i = 0; i < co->ns; i++) {
        if (co->s[i].heldout) continue;
        double w = a->files[co->s[i].file].weight;
        size_t times = (size_t)w + ((double)(rnd() % 1000000) / 1e6 < w - floor(w));
        for (size_t k = 0; k < times; k++) {
            *order = grow(*order, cap, n + 1, sizeof(**order));
            (*order)[n++] = (uint32_t)i;
        }
    }
    for (size_t i = n; i > 1; i--) {
        size_t j = rnd() % i;
        uint32_t t = (*order)[i - 1];
        (*order)[i - 1] = (*order)[j], (*order)[j] = t;
    }
    return n;
}

static void average(perceptron *p) {
    for (size_t k = 0; k < p->m.rows * N; k++) p->m.w[k] -= p->u[k] / (float)p->c;
    for (int i = 0; i <= N; i++)
        for (int l = 0; l < N; l++) p->m.trans[i][l] -= p->tu[i][l] / (float)p->c;
}

static void train_perceptron(const args *a, const corpus *co, weights *out) {
    perceptron p = {0};
    p.m.rows = (size_t)1 << a->bits;
    p.m.w = calloc(p.m.rows * N, sizeof(float));
    p.u = calloc(p.m.rows * N, sizeof(float));
    if (!p.m.w || !p.u) die("out of memory");
    p.c = 1;
    uint32_t *order = NULL;
    size_t cap = 0;
    uint8_t gold[SKEIN__TAG_MAX_CHUNK], pred[SKEIN__TAG_MAX_CHUNK];
    for (unsigned e = 0; e < a->epochs; e++) {
        size_t n = epoch_order(a, co, &order, &cap), wrong = 0;
        for (size_t k = 0; k < n; k++) {
            const sent *s = &co->s[order[k]];
            decode(&p.m, co, s, NULL, pred);
            target(&p, co, s, gold);
            if (memcmp(gold, pred, s->n)) update(&p, co, s, gold, pred), wrong++;
            p.c++;
        }
        fprintf(stderr, "train_tagger: epoch %u: %zu of %zu sentences wrong\n", e + 1, wrong, n);
    }
    average(&p);
    free(p.u);
    free(order);
    *out = p.m;
}

/* `runs` perceptrons, each over its own shuffled orders (seeds seed,
 * seed + 1, ...), averaged: one model of the same size and speed whose
 * weights depend less on one order of the sentences. */
static void train_perceptrons(const args *a, const corpus *co, weights *out) {
    for (unsigned r = 0; r < a->runs; r++) {
        rng_state = 0x9E3779B97F4A7C15ull * (a->seed + r + 1);
        weights m;
        train_perceptron(a, co, &m);
        if (!r) {
            *out = m;
            continue;
        }
        for (size_t k = 0; k < m.rows * N; k++) out->w[k] += m.w[k];
        for (int i = 0; i <= N; i++)
            for (int l = 0; l < N; l++) out->trans[i][l] += m.trans[i][l];
        free(m.w);
    }
    for (size_t k = 0; k < out->rows * N; k++) out->w[k] /= (float)a->runs;
    for (int i = 0; i <= N; i++)
        for (int l = 0; l < N; l++) out->trans[i][l] /= (float)a->runs;
}

/* ---- liblinear ------------------------------------------------------------------------ */

static void no_print(const char *s) { (void)s; }

/* One liblinear problem: each training token with its features and its gold
 * previous label (feature rows + 1 + prev: prev N is the chunk start). */
static void train_liblinear(const args *a, const corpus *co, weights *out) {
    size_t rows = (size_t)1 << a->bits, ntok = 0;
    for (size_t i = 0; i < co->ns; i++) ntok += co->s[i].heldout ? 0 : co->s[i].n;
    struct problem pr = {0};
    pr.l = (int)ntok, pr.n = (int)(rows + N + 2), pr.bias = -1;
    pr.y = malloc(ntok * sizeof(double));
    pr.x = malloc(ntok * sizeof(struct feature_node *));
    struct feature_node *nodes = malloc(ntok * (co->nf + 2) * sizeof(*nodes));
    if (!pr.y || !pr.x || !nodes) die("out of memory");
    size_t t = 0;
    for (size_t i = 0; i < co->ns; i++) {
        const sent *s = &co->s[i];
        for (size_t k = 0; !s->heldout && k < s->n; k++, t++) {
            struct feature_node *x = nodes + t * (co->nf + 2);
            const uint32_t *r = co->rows + (s->tok + k) * co->nf;
            size_t m = 0;
            for (size_t j = 0; j < co->nf; j++) x[m++] = (struct feature_node){(int)r[j] + 1, 1.0};
            int prev = k ? co->gold[s->tok + k - 1] : N;
            x[m++] = (struct feature_node){(int)(rows + 1 + (size_t)prev), 1.0};
            /* liblinear wants increasing indices; repeated rows are summed */
            for (size_t p = 1; p < m; p++)
                for (size_t q = p; q > 0 && x[q - 1].index > x[q].index; q--) {
                    struct feature_node tmp = x[q];
                    x[q] = x[q - 1], x[q - 1] = tmp;
                }
            size_t w = 0;
            for (size_t p = 0; p < m; p++) {
                if (w && x[w - 1].index == x[p].index)
                    x[w - 1].value += 1;
                else
                    x[w++] = x[p];
            }
            x[w] = (struct feature_node){-1, 0};
            pr.x[t] = x, pr.y[t] = co->gold[s->tok + k];
        }
    }
    struct parameter par = {0};
    par.solver_type = L2R_LR, par.C = a->c, par.eps = 0.01;
    set_print_string_function(no_print);
    const char *err = check_parameter(&pr, &par);
    if (err) die(err);
    struct model *lm = train(&pr, &par);
    out->rows = rows;
    out->w = calloc(rows * N, sizeof(float));
    if (!out->w) die("out of memory");
    int nc = get_nr_class(lm), labels[N], seen[N] = {0};
    get_labels(lm, labels);
    for (int ci = 0; ci < nc; ci++) seen[labels[ci]] = 1;
    for (int l = 0; l < N; l++) /* a label no token had is never chosen */
        for (int prev = 0; !seen[l] && prev <= N; prev++) out->trans[prev][l] = -1e4f;
    for (int ci = 0; ci < nc; ci++) {
        for (size_t r = 0; r < rows; r++)
            out->w[r * N + labels[ci]] = (float)get_decfun_coef(lm, (int)r + 1, ci);
        for (int prev = 0; prev <= N; prev++)
            out->trans[prev == N ? 0 : prev + 1][labels[ci]] =
                (float)get_decfun_coef(lm, (int)(rows + 1) + prev, ci);
    }
    free_and_destroy_model(&lm);
    free(nodes), free(pr.x), free(pr.y);
}

/* ---- Writing and checking ------------------------------------------------------------- */

/* Rounds the weights to 16-bit integers in place (w becomes q * scale). */
static float quantise(weights *m, int16_t *q) {
    float top = 0;
    for (size_t k = 0; k < m->rows * N; k++) top = fmaxf(top, fabsf(m->w[k]));
    float scale = top > 0 ? top / 32767.0f : 1.0f;
    for (size_t k = 0; k < m->rows * N; k++) {
        q[k] = (int16_t)lrintf(m->w[k] / scale);
        m->w[k] = (float)q[k] * scale;
    }
    return scale;
}

static void write_model(const args *a, weights *m) {
    int16_t *q = malloc(m->rows * N * sizeof(*q));
    if (!q) die("out of memory");
    skein__tagger_header h = {0};
    memcpy(h.magic, SKEIN__TAGGER_MAGIC, 8);
    snprintf(h.lang, sizeof(h.lang), "%s", a->lang);
    h.feature_set = SKEIN__TAG_FEATURE_SET, h.labels = N, h.bits = a->bits;
    h.options = a->options;
    h.scale = quantise(m, q);
    h.size = sizeof(h) + m->rows * N * sizeof(*q);
    memcpy(h.trans, m->trans, sizeof(h.trans));
    FILE *f = fopen(a->out, "wb");
    if (!f || fwrite(&h, sizeof(h), 1, f) != 1 ||
        fwrite(q, sizeof(*q), m->rows * N, f) != m->rows * N || fclose(f))
        die("cannot write the model");
    free(q);
}

typedef struct counts {
    size_t gold, pred, hit, toks, right;
} counts;

static void count_spans(const uint8_t *g, const uint8_t *p, size_t n, counts *c) {
    for (size_t i = 0; i < n; i++) {
        c->toks++, c->right += g[i] == p[i];
        int gb = g[i] && (SKEIN__TAG_IS_B(g[i])), pb = p[i] && (SKEIN__TAG_IS_B(p[i]));
        c->gold += gb, c->pred += pb;
        if (!gb || !pb || g[i] != p[i]) continue;
        size_t j = i + 1;
        while (j < n && g[j] == p[j] && g[j] && !SKEIN__TAG_IS_B(g[j])) j++;
        int g_ends = j >= n || !g[j] || SKEIN__TAG_IS_B(g[j]),
            p_ends = j >= n || !p[j] || SKEIN__TAG_IS_B(p[j]);
        c->hit += g_ends && p_ends;
    }
}

/* Held-out span F1 per file, with the weights as written (quantised). */
static void report(const args *a, const corpus *co, const weights *m) {
    for (size_t f = 0; f < a->nfiles; f++) {
        counts c = {0};
        uint8_t pred[SKEIN__TAG_MAX_CHUNK];
        for (size_t i = 0; i < co->ns; i++) {
            const sent *s = &co->s[i];
            if (!s->heldout || s->file != f) continue;
            decode(m, co, s, NULL, pred);
            if (s->nomisc)
                for (size_t k = 0; k < s->n; k++)
                    if (SKEIN__TAG_KIND(pred[k]) == SKEIN__KIND_MISC) pred[k] = SKEIN__TAG_O;
            count_spans(co->gold + s->tok, pred, s->n, &c);
        }
        double p = c.pred ? (double)c.hit / (double)c.pred : 0,
               r = c.gold ? (double)c.hit / (double)c.gold : 0;
        printf("%s held-out %s: tokens %zu, accuracy %.4f, spans P %.4f R %.4f F1 %.4f\n", a->lang,
               a->files[f].path, c.toks, c.toks ? (double)c.right / (double)c.toks : 0, p, r,
               p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
}

/* ---- Arguments ------------------------------------------------------------------------ */

static void file_arg(args *a, char *spec) {
    if (a->nfiles == MAX_FILES) die("too many files");
    file_opt *f = &a->files[a->nfiles++];
    *f = (file_opt){spec, 1.0, 0};
    for (char *p = strchr(spec, ':'); p; p = strchr(p + 1, ':')) {
        *p = 0;
        if (!strncmp(p + 1, "w=", 2))
            f->weight = atof(p + 3);
        else if (!strncmp(p + 1, "nomisc", 6))
            f->nomisc = 1;
        else
            die("unknown file option");
    }
}

static void parse_args(int argc, char **argv, args *a) {
    *a = (args){.algo = "perceptron",
                .bits = 17,
                .epochs = 10,
                .seed = 1,
                .runs = 1,
                .c = 0.5,
                .options = SKEIN__TAG_OPT_PERSONS};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(o, "--lang") && more)
            a->lang = argv[++i];
        else if (!strcmp(o, "--out") && more)
            a->out = argv[++i];
        else if (!strcmp(o, "--algo") && more)
            a->algo = argv[++i];
        else if (!strcmp(o, "--bits") && more)
            a->bits = (unsigned)atoi(argv[++i]);
        else if (!strcmp(o, "--epochs") && more)
            a->epochs = (unsigned)atoi(argv[++i]);
        else if (!strcmp(o, "--seed") && more)
            a->seed = (unsigned)atoi(argv[++i]);
        else if (!strcmp(o, "--runs") && more)
            a->runs = (unsigned)atoi(argv[++i]);
        else if (!strcmp(o, "--every") && more)
            a->every = (size_t)atoi(argv[++i]);
        else if (!strcmp(o, "--part") && more)
            a->part = (size_t)atoi(argv[++i]);
        else if (!strcmp(o, "--c") && more)
            a->c = atof(argv[++i]);
        else if (!strcmp(o, "--no-persons"))
            a->options &= ~SKEIN__TAG_OPT_PERSONS;
        else if (o[0] == '-')
            die("unknown option (see the usage at the top of scripts/train_tagger.c)");
        else
            file_arg(a, argv[i]);
    }
    if (!a->lang || !a->out || !a->nfiles) die("need --lang, --out and at least one file");
    if (a->bits < 10 || a->bits > 24 || (a->every && a->part >= a->every) || a->runs < 1)
        die("bad --bits, --runs, --every or --part");
}

int main(int argc, char **argv) {
    args a;
    parse_args(argc, argv, &a);
    rng_state = 0x9E3779B97F4A7C15ull * (a.seed + 1);
    corpus co = {0};
    double t0 = skein__now();
    read_corpora(&a, &co);
    fprintf(stderr, "train_tagger: %zu chunks, %zu tokens, %zu features each (%.1f s)\n", co.ns,
            co.ntok, co.nf, skein__now() - t0);
    weights m = {0};
    if (!strcmp(a.algo, "liblinear"))
        train_liblinear(&a, &co, &m);
    else if (!strcmp(a.algo, "perceptron"))
        train_perceptrons(&a, &co, &m);
    else
        die("--algo is perceptron or liblinear");
    write_model(&a, &m);
    fprintf(stderr, "train_tagger: trained in %.1f s\n", skein__now() - t0);
    report(&a, &co, &m);
    free(m.w), free(co.s), free(co.gold), free(co.rows);
    return 0;
}
