/* cmd_eval.c -- `skein eval`: scores a clustering, or pair scores, against gold labels.
 *
 * Both modes read two JSON-lines files into arrays of (key, value) records,
 * sort each by key (first line first) to drop duplicate keys (in --pred a
 * later line for an id is a move, a story split after the article joined it:
 * the last line counts) and to join the two files by binary search, then hand plain arrays to
 * skein_eval_clusters or skein_eval_pairs and print one JSON object.  Bad lines are reported on
 * stderr with file and line number and skipped; only an unreadable file, an
 * allocation failure or nothing left to evaluate stops the command. */
#include "skein.h"
#include "cmds.h"
#include "eval_ner.h"
#include "eval_quotes.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROG "skein eval"

static const char usage_text[] =
    "usage: skein eval --gold GOLD --pred PRED\n"
    "       skein eval --pairs PAIRS --scores SCORES\n"
    "       skein eval --quotes GOLD\n"
    "       skein eval --ner FILE --lang L [--every K --part P] [--doc-sentences N]\n"
    "                  [--through tagger|extract]\n"
    "\n"
    "Scores a clustering against gold labels, or pair scores against human labels,\n"
    "and prints one JSON object on stdout.  Files are JSON lines; '-' is stdin.\n"
    "\n"
    "  --gold GOLD      lines {\"id\":..,\"cluster\":..}: the items evaluated\n"
    "  --pred PRED      lines {\"id\":..,\"story\":..}; a gold item missing here\n"
    "                   is its own cluster (counted in \"missing\"), other ids ignored;\n"
    "                   a later line for an id moves it (a story split)\n"
    "  --pairs PAIRS    lines {\"pair\":..,\"label\":1..4} (1 same story, 4 different);\n"
    "                   figures also per pair of languages (\"a\":{\"lang\":..},\"b\":..)\n"
    "  --scores SCORES  lines {\"pair\":..,\"score\":0..1}; pairs without a score are\n"
    "                   counted in \"missing\" and left out\n"
    "  --quotes GOLD    articles with their gold quotes, {..,\"quotes\":[{\"speaker\":..,\n"
    "                   \"text\":..}]}: precision and recall of the quotes skein extracts\n"
    "                   (text alone, and speaker + text), overall and per language\n"
    "  --ner FILE       a CoNLL file of gold names (token TAB tag, IOB over PER ORG\n"
    "                   LOC MISC, -DOCSTART- between documents): typed names per\n"
    "                   document (sets of name and kind) and exact spans, P/R/F1,\n"
    "                   of the name tagger for --lang L; --every K --part P scores\n"
    "                   only documents whose number %% K is P; files without (ten)\n"
    "                   documents are cut every --doc-sentences N sentences (10);\n"
    "                   --through extract scores the names skein extract gives (the\n"
    "                   tagger with the rules around it) instead of the tagger alone\n"
    "  --help           this text\n"
    "\n"
    "Ids and labels may be strings or numbers.  Bad lines are reported on stderr\n"
    "and skipped; a repeated id keeps its first line.\n"
    "Exit status: 0 done, 1 unreadable file or nothing to evaluate, 2 bad usage.\n";

/* One usable line: its key, its value as text or number, and where it was. */
typedef struct record {
    char *key;
    char *text;
    char *langs; /* pairs: "en-ru", the languages of the two sides, sorted */
    double num;
    size_t line;
} record;

/* The records of one file and what to read from each line. */
typedef struct records {
    const char *path;
    const char *key_field;
    const char *value_field;
    int numeric; /* value must be a finite number (else: string or number) */
    int langs;   /* read the languages of sides "a" and "b" */
    int moves;   /* a repeated key is a move: its last line counts */
    record *v;
    size_t n, cap;
} records;

typedef struct eval_args {
    const char *gold, *pred, *pairs, *scores, *quotes;
    const char *ner, *lang, *every, *part, *doc_sentences, *through;
    int help;
} eval_args;

/* ---- Reading -------------------------------------------------------------- */

static void records_release(records *r) {
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].key);
        free(r->v[i].text);
        free(r->v[i].langs);
    }
    free(r->v);
    r->v = NULL;
    r->n = r->cap = 0;
}

static int records_push(records *r, record rec) {
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        record *v = realloc(r->v, cap * sizeof(*v));
        if (!v) return -1;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = rec;
    return 0;
}

/* Decimal text of a JSON number: integers without a fraction, others with
 * the fewest digits that read back the same. */
static char *number_text(double d) {
    char buf[64];
    if (d == floor(d) && fabs(d) < 1e15) {
        snprintf(buf, sizeof(buf), "%.0f", d);
    } else {
        snprintf(buf, sizeof(buf), "%.15g", d);
        if (strtod(buf, NULL) != d) snprintf(buf, sizeof(buf), "%.17g", d);
    }
    return strdup(buf);
}

/* Text of a string or number field into *out (caller frees).  Returns 0, 1
 * when the field is absent or of another type (*why says which), -1 on ENOMEM. */
static int field_text(const cJSON *obj, const char *name, char **out, const char **why) {
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!f || cJSON_IsNull(f)) {
        *why = "missing";
        return 1;
    }
    if (cJSON_IsString(f)) {
        *out = strdup(f->valuestring);
    } else if (cJSON_IsNumber(f) && isfinite(f->valuedouble)) {
        *out = number_text(f->valuedouble);
    } else {
        *why = "not a string or number";
        return 1;
    }
    return *out ? 0 : -1;
}

static int field_number(const cJSON *obj, const char *name, double *out, const char **why) {
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!f || cJSON_IsNull(f)) {
        *why = "missing";
        return 1;
    }
    if (!cJSON_IsNumber(f) || !isfinite(f->valuedouble)) {
        *why = "not a finite number";
        return 1;
    }
    *out = f->valuedouble;
    return 0;
}

static void bad_line(const records *r, size_t line, const char *field, const char *why) {
    if (field)
        fprintf(stderr, "%s: %s:%zu: field \"%s\" %s, line skipped\n", PROG, r->path, line, field,
                why);
    else
        fprintf(stderr, "%s: %s:%zu: %s, line skipped\n", PROG, r->path, line, why);
}

/* The language of side `name` of a pair ("und" when not given). */
static const char *side_lang(const cJSON *obj, const char *name) {
    const cJSON *side = cJSON_GetObjectItemCaseSensitive(obj, name);
    const cJSON *lang = cJSON_GetObjectItemCaseSensitive(side, "lang");
    if (!cJSON_IsString(lang) || !lang->valuestring[0] || strlen(lang->valuestring) > 16)
        return "und";
    return lang->valuestring;
}

/* "xx-yy" of the pair's two languages, in byte order; NULL on ENOMEM. */
static char *pair_langs(const cJSON *obj) {
    const char *x = side_lang(obj, "a"), *y = side_lang(obj, "b");
    if (strcmp(x, y) > 0) {
        const char *t = x;
        x = y, y = t;
    }
    char *s = malloc(strlen(x) + strlen(y) + 2);
    if (s) sprintf(s, "%s-%s", x, y);
    return s;
}

/* Fills *rec from a parsed object.  Returns 0, 1 for a bad line (reported),
 * -1 on ENOMEM. */
static int object_record(const records *r, const cJSON *obj, record *rec) {
    const char *why = NULL;
    int rc = field_text(obj, r->key_field, &rec->key, &why);
    if (rc) {
        if (rc > 0) bad_line(r, rec->line, r->key_field, why);
        return rc;
    }
    if (r->numeric)
        rc = field_number(obj, r->value_field, &rec->num, &why);
    else
        rc = field_text(obj, r->value_field, &rec->text, &why);
    if (rc > 0) bad_line(r, rec->line, r->value_field, why);
    if (!rc && r->langs && !(rec->langs = pair_langs(obj))) rc = -1;
    if (rc) {
        free(rec->key);
        free(rec->text);
        rec->key = rec->text = NULL;
    }
    return rc;
}

static int blank(const char *s) { return s[strspn(s, " \t\r\n")] == '\0'; }

/* Parses one line into a record appended to r.  Returns 0 (also for a bad
 * or blank line, which is skipped) or -1 on ENOMEM. */
static int read_line(records *r, const char *line, size_t len, size_t lineno) {
    if (strlen(line) != len) {
        bad_line(r, lineno, NULL, "NUL byte in line");
        return 0;
    }
    if (blank(line)) return 0;
    cJSON *obj = cJSON_ParseWithOpts(line, NULL, 1);
    if (!cJSON_IsObject(obj)) {
        bad_line(r, lineno, NULL, obj ? "not a JSON object" : "not JSON");
        cJSON_Delete(obj);
        return 0;
    }
    record rec = {.line = lineno};
    int rc = object_record(r, obj, &rec);
    cJSON_Delete(obj);
    if (rc) return rc > 0 ? 0 : -1;
    if (records_push(r, rec) == 0) return 0;
    free(rec.key);
    free(rec.text);
    return -1;
}

/* Reads every line of r->path into r.  Returns 0, or 1 after reporting an
 * unreadable file or an allocation failure. */
static int read_records(records *r) {
    int is_stdin = strcmp(r->path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(r->path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", PROG, r->path, strerror(errno));
        return 1;
    }
    char *line = NULL;
    size_t size = 0, lineno = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &size, f)) >= 0)
        rc = read_line(r, line, (size_t)len, ++lineno);
    if (rc) fprintf(stderr, "%s: %s: out of memory\n", PROG, r->path);
    if (!rc && ferror(f)) {
        fprintf(stderr, "%s: %s: read error: %s\n", PROG, r->path, strerror(errno));
        rc = 1;
    }
    free(line);
    if (!is_stdin) fclose(f);
    return rc ? 1 : 0;
}

/* ---- Joining -------------------------------------------------------------- */

static int cmp_record(const void *a, const void *b) {
    const record *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return (x->line > y->line) - (x->line < y->line);
}

static int cmp_key_record(const void *key, const void *rec) {
    return strcmp(key, ((const record *)rec)->key);
}

/* Sorts r by key and drops every repeat of a key but its first line (its
 * last with moves). */
static void records_sort_unique(records *r) {
    if (!r->n) return;
    qsort(r->v, r->n, sizeof(r->v[0]), cmp_record);
    size_t k = 0;
    for (size_t i = 1; i < r->n; i++) {
        if (strcmp(r->v[i].key, r->v[k].key) != 0) {
            r->v[++k] = r->v[i];
            continue;
        }
        if (r->moves) { /* the later line replaces the earlier */
            record old = r->v[k];
            r->v[k] = r->v[i], r->v[i] = old;
        } else
            fprintf(stderr, "%s: %s:%zu: %s \"%s\" already on line %zu, line skipped\n", PROG,
                    r->path, r->v[i].line, r->key_field, r->v[i].key, r->v[k].line);
        free(r->v[i].key);
        free(r->v[i].text);
        free(r->v[i].langs);
    }
    r->n = k + 1;
}

static const record *records_find(const records *r, const char *key) {
    return r->n ? bsearch(key, r->v, r->n, sizeof(r->v[0]), cmp_key_record) : NULL;
}

/* "<tag><text>", so predicted stories ('=') and missing items' own clusters
 * ('#' + id) can never share a label. */
static char *tagged(char tag, const char *text) {
    size_t len = strlen(text);
    char *s = malloc(len + 2);
    if (!s) return NULL;
    s[0] = tag;
    memcpy(s + 1, text, len + 1);
    return s;
}

static void free_strings(char **v, size_t n) {
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

/* ---- The two modes -------------------------------------------------------- */

/* Builds the predicted label of every gold item into labels[] (caller frees). */
static int predicted_labels(const records *gold, const records *pred, char **labels,
                            size_t *missing) {
    for (size_t i = 0; i < gold->n; i++) {
        const record *p = records_find(pred, gold->v[i].key);
        labels[i] = p ? tagged('=', p->text) : tagged('#', gold->v[i].key);
        if (!labels[i]) return -1;
        *missing += !p;
    }
    return 0;
}

static int score_clusters(const records *gold, const records *pred) {
    size_t n = gold->n, missing = 0;
    const char **g = calloc(n ? n : 1, sizeof(*g));
    char **p = calloc(n ? n : 1, sizeof(*p));
    skein_cluster_scores s;
    int rc = g && p && predicted_labels(gold, pred, p, &missing) == 0 ? SKEIN_OK : SKEIN_ENOMEM;
    for (size_t i = 0; rc == SKEIN_OK && i < n; i++) g[i] = gold->v[i].text;
    if (rc == SKEIN_OK) rc = skein_eval_clusters(g, (const char *const *)p, n, &s);
    free(g);
    free_strings(p, n);
    if (rc != SKEIN_OK) {
        fprintf(stderr, "%s: %s\n", PROG, skein_strerror(rc));
        return 1;
    }
    printf("{\"items\":%zu,\"gold_clusters\":%zu,\"pred_clusters\":%zu,\"missing\":%zu,"
           "\"pairwise\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f},"
           "\"bcubed\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}}\n",
           s.items, s.gold_clusters, s.pred_clusters, missing, s.pair_p, s.pair_r, s.pair_f1,
           s.b3_p, s.b3_r, s.b3_f1);
    return 0;
}

/* Copies the score and label of every pair of languages `langs` (NULL:
 * any) that has a score into sv[], lv[] (room for pairs->n each); returns
 * how many, and counts the pairs without a score in *missing. */
static size_t join_pairs(const records *pairs, const records *scores, const char *langs, double *sv,
                         double *lv, size_t *missing) {
    size_t n = 0;
    for (size_t i = 0; i < pairs->n; i++) {
        if (langs && strcmp(pairs->v[i].langs, langs) != 0) continue;
        const record *sc = records_find(scores, pairs->v[i].key);
        if (!sc) {
            (*missing)++;
            continue;
        }
        sv[n] = sc->num;
        lv[n++] = pairs->v[i].num;
    }
    return n;
}

/* x as printed with 4 decimals, never as "-0.0000". */
static double tidy(double x) { return fabs(x) < 5e-5 ? 0 : x; }

static void print_pair_scores(const skein_pair_scores *s) {
    printf("\"pearson\":%.4f,\"auc\":%.4f,\"best_accuracy\":%.4f,\"best_threshold\":%.4f",
           tidy(s->pearson), s->auc, s->best_accuracy, s->best_threshold);
}

/* Prints "by_lang":{"en-en":{...},"en-ru":{...}}: the figures per pair of
 * languages, in byte order of the pairs.  Returns a skein_status. */
static int print_by_lang(const records *pairs, const records *scores, double *sv, double *lv) {
    printf("\"by_lang\":{");
    const char *done = NULL; /* the last pair of languages printed */
    for (int first = 1;; first = 0) {
        const char *next = NULL;
        for (size_t i = 0; i < pairs->n; i++) {
            const char *g = pairs->v[i].langs;
            if ((!done || strcmp(g, done) > 0) && (!next || strcmp(g, next) < 0)) next = g;
        }
        if (!next) break;
        size_t missing = 0, n = join_pairs(pairs, scores, next, sv, lv, &missing);
        skein_pair_scores s;
        int rc = n ? skein_eval_pairs(sv, lv, n, &s) : SKEIN_OK;
        if (rc != SKEIN_OK) return rc;
        printf("%s\"%s\":{\"pairs\":%zu,\"same\":%zu,\"different\":%zu,\"missing\":%zu",
               first ? "" : ",", next, n ? s.pairs : 0, n ? s.same : 0, n ? s.different : 0,
               missing);
        if (n) printf(","), print_pair_scores(&s);
        printf("}");
        done = next;
    }
    printf("},");
    return SKEIN_OK;
}

static int score_pairs(const records *pairs, const records *scores) {
    size_t n = 0, missing = 0;
    double *sv = calloc(pairs->n ? pairs->n : 1, sizeof(*sv));
    double *lv = calloc(pairs->n ? pairs->n : 1, sizeof(*lv));
    skein_pair_scores s;
    int rc = sv && lv ? SKEIN_OK : SKEIN_ENOMEM;
    if (rc == SKEIN_OK) n = join_pairs(pairs, scores, NULL, sv, lv, &missing);
    if (rc == SKEIN_OK && n > 0) rc = skein_eval_pairs(sv, lv, n, &s);
    if (rc == SKEIN_OK && n > 0) {
        printf("{\"pairs\":%zu,\"same\":%zu,\"different\":%zu,\"missing\":%zu,", s.pairs, s.same,
               s.different, missing);
        rc = print_by_lang(pairs, scores, sv,
                           lv); /* before the overall figures, which end the line */
        print_pair_scores(&s);
        printf("}\n");
    }
    free(sv);
    free(lv);
    if (rc != SKEIN_OK) {
        fprintf(stderr, "%s: %s\n", PROG, skein_strerror(rc));
        return 1;
    }
    if (n == 0) {
        fprintf(stderr, "%s: no pair of %s has a score in %s\n", PROG, pairs->path, scores->path);
        return 1;
    }
    return 0;
}

/* Reads both files, then scores them with `score`.  Returns the exit status. */
static int run(records *a, records *b, int (*score)(const records *, const records *)) {
    int rc = read_records(a);
    if (!rc) rc = read_records(b);
    if (!rc && a->n == 0) {
        fprintf(stderr, "%s: %s: nothing to evaluate\n", PROG, a->path);
        rc = 1;
    }
    if (!rc) {
        records_sort_unique(a);
        records_sort_unique(b);
        rc = score(a, b);
    }
    records_release(a);
    records_release(b);
    return rc;
}

/* ---- Arguments ------------------------------------------------------------ */

/* Matches "--name VALUE" or "--name=VALUE" at argv[*i]; 1 when it matched
 * (advancing *i past a separate value), -1 when the value is missing. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **out) {
    size_t len = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, len) != 0) return 0;
    if (arg[len] == '=') {
        *out = arg + len + 1;
        return 1;
    }
    if (arg[len] != '\0') return 0;
    if (*i + 1 >= argc) return -1;
    *out = argv[++*i];
    return 1;
}

static int usage_error(const char *msg, const char *arg) {
    fprintf(stderr, "%s: %s%s\nTry 'skein eval --help'.\n", PROG, msg, arg ? arg : "");
    return 2;
}

static int parse_option(int argc, char **argv, int *i, eval_args *a) {
    static const char *const names[] = {"--gold",   "--pred",          "--pairs",  "--scores",
                                        "--quotes", "--ner",           "--lang",   "--every",
                                        "--part",   "--doc-sentences", "--through"};
    const char **slots[] = {&a->gold, &a->pred,  &a->pairs, &a->scores,        &a->quotes, &a->ner,
                            &a->lang, &a->every, &a->part,  &a->doc_sentences, &a->through};
    if (strcmp(argv[*i], "--help") == 0 || strcmp(argv[*i], "-h") == 0) {
        a->help = 1;
        return 0;
    }
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        int m = option_value(argc, argv, i, names[k], slots[k]);
        if (m < 0) return usage_error("missing value for ", names[k]);
        if (m > 0) return 0;
    }
    return usage_error("unknown argument ", argv[*i]);
}

/* Checks that exactly one mode is given whole.  Returns 0 or 2. */
static int check_mode(const eval_args *a) {
    int clusters = a->gold || a->pred, pairs = a->pairs || a->scores;
    if (clusters && pairs) return usage_error("give --gold/--pred or --pairs/--scores", NULL);
    if (!clusters && !pairs) return usage_error("nothing to do", NULL);
    if (clusters && !(a->gold && a->pred)) return usage_error("need --gold and --pred", NULL);
    if (pairs && !(a->pairs && a->scores)) return usage_error("need --pairs and --scores", NULL);
    const char *x = clusters ? a->gold : a->pairs, *y = clusters ? a->pred : a->scores;
    if (strcmp(x, "-") == 0 && strcmp(y, "-") == 0)
        return usage_error("only one file can be stdin", NULL);
    return 0;
}

/* A count option's value into *out (absent: 0).  0, or 2 after a usage error. */
static int count_value(const char *name, const char *v, size_t *out) {
    char *end;
    *out = 0;
    if (!v) return 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || v[0] == '-' || x > 1000000) return usage_error("bad count for ", name);
    *out = (size_t)x;
    return 0;
}

static int run_ner(const eval_args *a) {
    if (a->gold || a->pred || a->pairs || a->scores || a->quotes)
        return usage_error("--ner goes alone", NULL);
    if (!a->lang) return usage_error("--ner needs --lang", NULL);
    size_t every, part, docs;
    int rc = count_value("--every", a->every, &every);
    if (!rc) rc = count_value("--part", a->part, &part);
    if (!rc) rc = count_value("--doc-sentences", a->doc_sentences, &docs);
    int extract = a->through && !strcmp(a->through, "extract");
    if (!rc && a->through && !extract && strcmp(a->through, "tagger"))
        rc = usage_error("--through takes tagger or extract, not ", a->through);
    return rc ? rc : eval_ner(a->ner, a->lang, every, part, docs, extract);
}

int cmd_eval(int argc, char **argv) {
    eval_args a = {0};
    for (int i = 1; i < argc && !a.help; i++) {
        int rc = parse_option(argc, argv, &i, &a);
        if (rc) return rc;
    }
    if (a.help) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (a.ner) return run_ner(&a);
    if (a.lang || a.every || a.part || a.doc_sentences || a.through)
        return usage_error("--lang, --every, --part go with --ner", NULL);
    if (a.quotes) {
        if (a.gold || a.pred || a.pairs || a.scores)
            return usage_error("--quotes goes alone", NULL);
        return eval_quotes(a.quotes);
    }
    int rc = check_mode(&a);
    if (rc) return rc;
    if (a.gold) {
        records gold = {.path = a.gold, .key_field = "id", .value_field = "cluster"};
        records pred = {.path = a.pred, .key_field = "id", .value_field = "story", .moves = 1};
        return run(&gold, &pred, score_clusters);
    }
    records pairs = {
        .path = a.pairs, .key_field = "pair", .value_field = "label", .numeric = 1, .langs = 1};
    records scores = {.path = a.scores, .key_field = "pair", .value_field = "score", .numeric = 1};
    return run(&pairs, &scores, score_pairs);
}
