/* engine.c -- the public engine: clean -> detect -> analyze -> features -> link.
 *
 * The engine owns one of each stage and runs them in order for every article;
 * stages never call each other.  It rejects an article before changing any
 * state, so a bad article leaves the stream as if it had never come.  Ids
 * seen are remembered as 64-bit hashes to report duplicates.
 *
 * What is done for one article alone (checks, cleaning, language, analysis,
 * features, extraction) needs no state of the stream: a `prep` holds what it
 * needs, one per thread.  skein_engine_prepare_start runs it for a batch of
 * articles on worker threads while this thread goes on linking the batch
 * before; skein_engine_add takes each article's result in order and links
 * it, so what is linked, and how, does not depend on the number of threads.
 * Waiting for the workers, this thread prepares what they have not taken
 * yet (with its own prep), rather than wait idle.
 * Two batches at most: the one being added (sets[cur]) and the one the
 * workers prepare (sets[!cur]); the workers touch nothing else but their
 * own prep. */
#include "skein.h"

#include "engine.h"
#include "error.h"

#include "analyze.h"
#include "clean.h"
#include "cluster.h"
#include "extract.h"
#include "feature.h"
#include "langid.h"
#include "lexicon.h"
#include "options.h"
#include "snap.h"
#include "tell.h"
#include "utf8.h"
#include "util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define LANGID_BYTES 768         /* title + start of text given to the detector */
#define TITLE_FALLBACK_BYTES 160 /* headline from the text when there is no title */
#define MAX_TOKENS 20000
#define IDS_GENERATION (1u << 20) /* ids remembered for duplicates: the last 1-2 M */

#define MAX_THREADS 64

/* One article from checks to extraction: the stages' state, per thread. */
typedef struct prep {
    skein__analyzer *an;
    skein__featurizer *fz;
    skein__extractor *ex;
    skein__doc doc;
    const skein_notes *notes; /* the current article's notes, in the extractor (extract.h) */
    skein__offmap title_map, text_map; /* cleaned title and text -> as given, for spans */
    sbuf title, text, head;
    skein_stats st; /* the per-article stages' times */
} prep;

/* An article prepared ahead (skein_engine_prepare), waiting to be linked. */
typedef struct ready {
    const skein_article *a; /* the caller's, as given to skein_engine_prepare_start */
    int checked, rc;        /* validate's status; then build_doc's */
    skein_error err;
    char lang[8];
    skein__doc doc;
    skein_notes *notes; /* owned */
    char *title;        /* the title to show, owned */
} ready;

/* The articles of one prepare; the next to take from at `at`. */
typedef struct batch {
    ready *r;
    size_t n, at, cap;
} batch;

/* The workers' common state: they take articles of b one by one. */
typedef struct prepare_job {
    batch *b;
    const skein_options *o;
    int notes;
    atomic_size_t next; /* the next article to take */
} prepare_job;

typedef struct worker_arg {
    prepare_job *job;
    prep *p;
} worker_arg;

struct skein_engine {
    skein_options o;
    prep main;     /* for articles not prepared ahead, and the workers' batch while waiting */
    prep *workers; /* one per worker thread, made when first needed */
    size_t nworkers;
    batch sets[2]; /* sets[cur]: being added; sets[!cur]: the workers', while `running` */
    int cur, running;
    prepare_job job;
    pthread_t tid[MAX_THREADS];
    worker_arg arg[MAX_THREADS];
    size_t started; /* worker threads of the running job */
    skein__linker *link;
    const skein_notes *notes; /* the current article's notes */
    skein_story_fn on_story;  /* the caller's callback, behind the teller */
    void *on_story_ud;
    skein__told_fn on_told; /* or the store's, which takes the story told as a record */
    skein_move_fn on_move;  /* articles moved by a story's split */
    void *on_move_ud;
    int64_t clock;     /* latest article time seen: the stream's "now" */
    skein_member last; /* the article added last, as its story holds it */
    char last_lang[8];
    u64map ids, old_ids; /* two generations of id hashes: memory stays bounded */
    sbuf shown;          /* the title shown of the article added last */
    size_t saved_len;    /* the last checkpoint's size, saved or loaded (0: none yet) */
    skein_stats st;
    skein_error err; /* why the last call failed (skein_engine_errmsg) */
};

/* Opens the stages of p: SKEIN_OK, SKEIN_EINTERNAL (ICU) or SKEIN_ENOMEM. */
static int prep_init(prep *p) {
    memset(p, 0, sizeof(*p));
    p->an = skein__analyzer_new(0, skein__lexicon_word_info);
    p->fz = skein__featurizer_new();
    p->ex = skein__extractor_new();
    skein__offmap_init(&p->title_map), skein__offmap_init(&p->text_map);
    skein__doc_init(&p->doc);
    skein__sbuf_init(&p->title), skein__sbuf_init(&p->text), skein__sbuf_init(&p->head);
    if (!p->an) return SKEIN_EINTERNAL;
    return p->fz && p->ex ? SKEIN_OK : SKEIN_ENOMEM;
}

static void prep_release(prep *p) {
    skein__analyzer_free(p->an);
    skein__featurizer_free(p->fz);
    skein__extractor_free(p->ex);
    skein__offmap_release(&p->title_map), skein__offmap_release(&p->text_map);
    skein__doc_release(&p->doc);
    skein__sbuf_release(&p->title), skein__sbuf_release(&p->text), skein__sbuf_release(&p->head);
}

skein_engine *skein_engine_new(const skein_options *opt, skein_error *err) {
    skein_options d;
    if (!opt) skein_options_default(&d), opt = &d;
    if (skein_options_check(opt, err) != SKEIN_OK) return NULL;
    skein_engine *e = calloc(1, sizeof(*e));
    if (!e) return skein__fail(err, SKEIN_ENOMEM, NULL, NULL), NULL;
    e->o = *opt;
    int rc = prep_init(&e->main);
    e->link = skein__linker_new(opt);
    e->clock = SKEIN_NO_TIME;
    skein__u64map_init(&e->ids);
    skein__u64map_init(&e->old_ids);
    skein__sbuf_init(&e->shown);
    if (rc == SKEIN_OK && e->link) return e;
    if (rc == SKEIN_EINTERNAL)
        skein__fail(err, SKEIN_EINTERNAL, NULL, "ICU could not open its data");
    else
        skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
    skein_engine_free(e);
    return NULL;
}

static void batch_clear(batch *b) {
    for (size_t i = 0; i < b->n; i++) {
        ready *r = &b->r[i];
        skein__doc_release(&r->doc);
        skein_notes_free(r->notes);
        free(r->title);
    }
    b->n = b->at = 0;
}

void skein_engine_free(skein_engine *e) {
    if (!e) return;
    skein_engine_prepare_wait(e);
    for (int i = 0; i < 2; i++) batch_clear(&e->sets[i]), free(e->sets[i].r);
    prep_release(&e->main);
    for (size_t i = 0; i < e->nworkers; i++) prep_release(&e->workers[i]);
    free(e->workers);
    skein__linker_free(e->link);
    skein__u64map_release(&e->ids);
    skein__u64map_release(&e->old_ids);
    skein__sbuf_release(&e->shown);
    free(e);
}

/* The linker closed a story: tell it, then hand it to the caller. */
static void tell_story(const skein_story *s, void *ud) {
    skein_engine *e = ud;
    skein_tell_options o;
    skein_tell_options_default(&o);
    o.now = e->clock;
    o.event_gap_hours = e->o.event_gap_hours;
    skein__told t;
    skein_story told = *s;
    char *report = NULL;
    double t0 = skein__now();
    if (skein__story_tell(s, &o, &t) == SKEIN_OK) told.report = report = skein__told_json(&t);
    e->st.sec_tell += skein__now() - t0;
    if (e->on_told)
        e->on_told(&told, told.report ? &t : NULL, e->on_story_ud);
    else
        e->on_story(&told, e->on_story_ud);
    free(report);
    skein__told_release(&t);
}

void skein_engine_on_story(skein_engine *e, skein_story_fn fn, void *ud) {
    e->on_story = fn, e->on_story_ud = ud, e->on_told = NULL;
    skein__linker_on_close(e->link, fn ? tell_story : NULL, e);
}

static void moved(const char *id, uint64_t from, uint64_t to, void *ud) {
    skein_engine *e = ud;
    (void)from;
    if (e->on_move) e->on_move(id, to, e->on_move_ud);
}

void skein_engine_on_move(skein_engine *e, skein_move_fn fn, void *ud) {
    if (!e) return;
    e->on_move = fn, e->on_move_ud = ud;
    skein__linker_on_move(e->link, fn ? moved : NULL, e);
}

void skein__engine_regroup(skein_engine *e, int on) { skein__linker_regroup(e->link, on); }

void skein__engine_on_told(skein_engine *e, skein__told_fn fn, void *ud) {
    e->on_story = NULL, e->on_story_ud = ud, e->on_told = fn;
    skein__linker_on_close(e->link, fn ? tell_story : NULL, e);
}

/* Field `name` (s, may be NULL) within `max` bytes and valid UTF-8; else
 * the status, with the cause in e->err. */
static int check_field(skein_error *err, const char *name, const char *s, size_t max) {
    if (!s) return SKEIN_OK;
    size_t n = strnlen(s, max + 1);
    if (n > max)
        return skein__fail(err, SKEIN_ETOOBIG, name, "\"%s\" is over its cap of %zu bytes", name,
                           max);
    size_t ok = skein__utf8_check(s, n);
    if (ok != n)
        return skein__fail(err, SKEIN_EUTF8, name, "\"%s\" is not valid UTF-8 at byte %zu", name,
                           ok);
    return SKEIN_OK;
}

/* Checks everything that can make an article unusable, before any change. */
static int validate(skein_error *err, const skein_article *a) {
    skein__error_clear(err);
    if (!a->id || !*a->id) return skein__fail(err, SKEIN_ENOID, "id", "the article has no id");
    const size_t small = 64 * 1024;
    int rc;
    if ((rc = check_field(err, "id", a->id, 4096)) ||
        (rc = check_field(err, "lang", a->lang, 64)) ||
        (rc = check_field(err, "source", a->source, small)) ||
        (rc = check_field(err, "url", a->url, small)) ||
        (rc = check_field(err, "title", a->title, small)))
        return rc;
    return check_field(err, "text", a->text, SIZE_MAX - 1);
}

/* Cleans title and text into p->title / p->text (text cut to `max`); with
 * `notes`, where their bytes came from too. */
static int clean_fields(prep *p, const skein_article *a, size_t max, int notes, skein_error *err) {
    const char *text = a->text ? a->text : "";
    size_t n = skein__utf8_cut(text, strlen(text), max);
    const char *title = a->title ? a->title : "";
    if (skein__clean(title, strlen(title), &p->title, notes ? &p->title_map : NULL) ||
        skein__clean(text, n, &p->text, notes ? &p->text_map : NULL))
        return SKEIN_ENOMEM;
    if (p->title.len || p->text.len) return SKEIN_OK;
    return skein__fail(err, SKEIN_EEMPTY, NULL,
                       "neither the title nor the text has anything to read");
}

/* The language: a tag the caller gave and we understand, else detected. */
static void pick_language(prep *e, const skein_article *a, char lang[8]) {
    if (a->lang && *a->lang && skein__langid_normalize(a->lang, lang) == 0) return;
    sbuf *b = &e->head;
    skein__sbuf_reset(b);
    skein__sbuf_add(b, e->title.buf ? e->title.buf : "", e->title.len);
    skein__sbuf_addc(b, '\n');
    size_t room = LANGID_BYTES > b->len ? LANGID_BYTES - b->len : 0;
    skein__sbuf_add(b, e->text.buf ? e->text.buf : "",
                    skein__utf8_cut(e->text.buf, e->text.len, room));
    if (!b->buf || skein_detect_language(b->buf, b->len, lang, NULL) != SKEIN_OK)
        strcpy(lang, "und");
}

/* Analysis of one field, then its features and (with `notes`) what it
 * says; each stage's time into p->st. */
static int analyze_into(prep *e, const sbuf *s, const char *lang, int is_title, int notes) {
    const skein__offmap *map = is_title ? &e->title_map : &e->text_map;
    if (!s->len) return SKEIN_OK;
    const skein__tok *t;
    size_t n;
    double t0 = skein__now();
    int rc = skein__analyze(e->an, s->buf, s->len, lang, MAX_TOKENS, &t, &n);
    double t1 = skein__now();
    e->st.sec_analyze += t1 - t0;
    if (rc) return rc;
    rc = skein__features_add_tokens(e->fz, e->an, t, n, lang, is_title);
    /* A date in a headline is the event's; in an address or a first
     * sentence standing in for a title it is as likely when it was put
     * online or something the report looks back on. */
    if (!rc && is_title && skein__title_quality(s->buf) == 2)
        rc = skein__features_add_title_marks(e->fz, e->an, t, n, lang);
    double t2 = skein__now();
    e->st.sec_features += t2 - t1;
    if (rc) return SKEIN_ENOMEM;
    if (notes) rc = skein__extract_add(e->ex, s->buf, s->len, lang, e->an, t, n, is_title, map);
    e->st.sec_extract += skein__now() - t2;
    return rc ? SKEIN_ENOMEM : SKEIN_OK;
}

/* clean -> detect -> analyze -> features for one article into p->doc, and
 * with `notes`, extract -> p->notes.  The cause of a refusal into err. */
static int build_doc(prep *p, const skein_options *o, const skein_article *a, char lang[8],
                     int notes, skein_error *err) {
    double t0 = skein__now();
    int rc = clean_fields(p, a, o->max_text_bytes, notes, err);
    double t1 = skein__now();
    p->st.sec_clean += t1 - t0;
    if (rc) return rc;
    pick_language(p, a, lang);
    double t2 = skein__now();
    p->st.sec_langid += t2 - t1;
    if (notes) skein__extract_begin(p->ex);
    if ((rc = analyze_into(p, &p->title, lang, 1, notes)) ||
        (rc = analyze_into(p, &p->text, lang, 0, notes)))
        return rc;
    double t3 = skein__now();
    if (notes && !(p->notes = skein__extract_finish(p->ex))) return SKEIN_ENOMEM;
    double t4 = skein__now();
    p->st.sec_extract += t4 - t3;
    rc = skein__features_finish(p->fz, &p->doc) ? SKEIN_ENOMEM : SKEIN_OK;
    p->st.sec_features += skein__now() - t4;
    return rc;
}

/* The title to show: the cleaned title, else the start of the text. */
static const char *display_title(prep *e) {
    if (e->title.len) return e->title.buf;
    size_t n = 0;
    while (n < e->text.len && e->text.buf[n] != '\n') n++;
    n = skein__utf8_cut(e->text.buf, n, TITLE_FALLBACK_BYTES);
    skein__sbuf_reset(&e->head);
    if (skein__sbuf_add(&e->head, e->text.buf, n)) return "";
    return e->head.buf;
}

static int seen_id(const skein_engine *e, uint64_t key) {
    return skein__u64map_get(&e->ids, key) || skein__u64map_get(&e->old_ids, key);
}

/* Remembers an id; the older generation is dropped when the newer fills. */
static int remember_id(skein_engine *e, uint64_t key) {
    if (e->ids.len >= IDS_GENERATION) {
        skein__u64map_release(&e->old_ids);
        e->old_ids = e->ids;
        skein__u64map_init(&e->ids);
    }
    return skein__u64map_upsert(&e->ids, key) ? 0 : -1;
}

/* `a` among the batch's articles not taken yet, in order (those the caller
 * skipped are passed by); NULL when not there. */
static ready *find_ready(batch *b, const skein_article *a) {
    for (size_t i = b->at; i < b->n; i++)
        if (b->r[i].a == a) {
            b->at = i + 1;
            return &b->r[i];
        }
    return NULL;
}

/* The article prepared ahead for `a`, if any: in the batch being added,
 * else in the one the workers prepare (waited for, then added). */
static ready *take_ready(skein_engine *e, const skein_article *a) {
    ready *r = find_ready(&e->sets[e->cur], a);
    if (r || !e->running) return r;
    skein_engine_prepare_wait(e);
    return find_ready(&e->sets[e->cur], a);
}

/* Notes of the article, its language, its features and its title to show,
 * from the article prepared ahead or built now; the status. */
static int get_doc(skein_engine *e, const skein_article *a, ready *r, int notes, char lang[8],
                   const skein__doc **doc, const char **title) {
    if (r) {
        if (r->rc) return e->err = r->err, r->rc;
        memcpy(lang, r->lang, 8);
        e->notes = r->notes;
        *doc = &r->doc;
        *title = r->title;
        return SKEIN_OK;
    }
    int rc = build_doc(&e->main, &e->o, a, lang, notes, &e->err);
    if (rc) return rc;
    e->notes = e->main.notes;
    *doc = &e->main.doc;
    *title = display_title(&e->main);
    return SKEIN_OK;
}

int skein_engine_add(skein_engine *e, const skein_article *a, uint64_t *story_id) {
    if (!e || !a) return SKEIN_EINVAL;
    ready *r = take_ready(e, a);
    int rc = r ? (e->err = r->err, r->checked) : validate(&e->err, a);
    if (rc) return rc;
    uint64_t key = skein__hash(a->id, strlen(a->id));
    if (seen_id(e, key))
        return skein__fail(&e->err, SKEIN_EDUP, "id", "an article with id \"%.*s\" came before",
                           (int)skein__utf8_cut(a->id, strlen(a->id), 200), a->id);
    char lang[8];
    /* notes are for telling closed stories: none when nobody listens */
    int notes = e->on_story || e->on_told;
    const skein__doc *doc = NULL;
    const char *title = "";
    if ((rc = get_doc(e, a, r, notes, lang, &doc, &title))) return rc;
    skein__sbuf_reset(&e->shown);
    if (skein__sbuf_adds(&e->shown, title) || remember_id(e, key)) return SKEIN_ENOMEM;
    memcpy(e->last_lang, lang, sizeof(e->last_lang));
    skein_member m = {a->id,        e->last_lang, a->source && *a->source ? a->source : NULL,
                      e->shown.buf, a->published, notes ? e->notes : NULL};
    e->last = m;
    if (a->published != SKEIN_NO_TIME && (e->clock == SKEIN_NO_TIME || a->published > e->clock))
        e->clock = a->published;
    double t0 = skein__now();
    rc = skein__linker_add(e->link, doc, lang, a->published, &m, story_id);
    e->st.sec_link += skein__now() - t0;
    if (rc == SKEIN_OK) e->st.articles++;
    return rc;
}

/* ---- preparing articles on threads ---------------------------------------- */

/* Checks and builds one article with p into r. */
static void prepare_one(prep *p, const skein_options *o, ready *r, int notes) {
    skein__error_clear(&r->err);
    if ((r->checked = validate(&r->err, r->a))) return;
    if ((r->rc = build_doc(p, o, r->a, r->lang, notes, &r->err))) return;
    r->doc = p->doc; /* moved: p->doc starts empty for the next */
    skein__doc_init(&p->doc);
    r->title = strdup(display_title(p));
    r->notes = notes ? skein_notes_copy(p->notes) : NULL;
    if (!r->title || (notes && !r->notes)) r->rc = SKEIN_ENOMEM;
}

/* Takes articles of the job one after the other until none is left. */
static void prepare_run(prepare_job *j, prep *p) {
    size_t i;
    while ((i = atomic_fetch_add(&j->next, 1)) < j->b->n)
        prepare_one(p, j->o, &j->b->r[i], j->notes);
}

static void *prepare_thread(void *ud) {
    worker_arg *w = ud;
    prepare_run(w->job, w->p);
    return NULL;
}

/* Makes sure there are at least n worker preps. */
static int grow_workers(skein_engine *e, size_t n) {
    if (n <= e->nworkers) return SKEIN_OK;
    prep *w = realloc(e->workers, n * sizeof(*w));
    if (!w) return SKEIN_ENOMEM;
    e->workers = w;
    while (e->nworkers < n) {
        int rc = prep_init(&w[e->nworkers]);
        if (rc) return prep_release(&w[e->nworkers]), rc;
        e->nworkers++;
    }
    return SKEIN_OK;
}

/* Readies b for the n articles a. */
static int batch_reset(batch *b, const skein_article *const *a, size_t n) {
    batch_clear(b);
    if (n > b->cap) {
        ready *r = realloc(b->r, n * sizeof(*r));
        if (!r) return SKEIN_ENOMEM;
        b->r = r, b->cap = n;
    }
    memset(b->r, 0, n * sizeof(*b->r));
    for (size_t i = 0; i < n; i++) skein__doc_init(&b->r[i].doc), b->r[i].a = a[i];
    b->n = n;
    return SKEIN_OK;
}

void skein_engine_prepare_wait(skein_engine *e) {
    if (!e) return;
    if (!e->running) { /* what the last batch left (a duplicate not added) is stale now */
        batch_clear(&e->sets[e->cur]);
        return;
    }
    /* this thread takes what the workers have not yet, rather than wait
     * idle for them: the articles come out the same whoever prepares them */
    prepare_run(&e->job, &e->main);
    for (size_t t = 0; t < e->started; t++) pthread_join(e->tid[t], NULL);
    e->running = 0, e->started = 0;
    batch_clear(&e->sets[e->cur]); /* what was not taken of it is done as it comes */
    e->cur = !e->cur;
}

int skein_engine_prepare_start(skein_engine *e, const skein_article *const *a, size_t n,
                               unsigned threads) {
    if (!e || (n && !a)) return SKEIN_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!a[i]) return SKEIN_EINVAL;
    skein_engine_prepare_wait(e);
    if (threads < 1) threads = 1;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    if (threads > n) threads = n ? (unsigned)n : 1;
    batch *b = &e->sets[!e->cur];
    int rc = batch_reset(b, a, n);
    if (!rc) rc = grow_workers(e, threads);
    if (rc) return batch_clear(b), rc;
    e->job.b = b, e->job.o = &e->o, e->job.notes = e->on_story || e->on_told;
    atomic_store(&e->job.next, 0);
    e->running = 1;
    for (size_t t = 0; t < threads; t++) {
        e->arg[t] = (worker_arg){&e->job, &e->workers[t]};
        if (pthread_create(&e->tid[t], NULL, prepare_thread, &e->arg[t])) break;
        e->started = t + 1;
    }
    if (!e->started) prepare_run(&e->job, &e->workers[0]); /* no thread: done here */
    return SKEIN_OK;
}

int skein_engine_prepare(skein_engine *e, const skein_article *const *a, size_t n,
                         unsigned threads) {
    int rc = skein_engine_prepare_start(e, a, n, threads);
    skein_engine_prepare_wait(e);
    return rc;
}

const char *skein_engine_errmsg(const skein_engine *e) {
    if (!e) return "no engine";
    return e->err.message[0] ? e->err.message : e->err.code ? skein_strerror(e->err.code) : "";
}

int skein_engine_flush(skein_engine *e) { return e ? skein__linker_flush(e->link) : SKEIN_EINVAL; }

size_t skein_engine_open_stories(const skein_engine *e) {
    return e ? skein__linker_open(e->link) : 0;
}

static void add_times(skein_stats *to, const skein_stats *from) {
    to->sec_clean += from->sec_clean, to->sec_langid += from->sec_langid;
    to->sec_analyze += from->sec_analyze, to->sec_extract += from->sec_extract;
    to->sec_features += from->sec_features;
}

void skein_engine_get_stats(const skein_engine *e, skein_stats *out) {
    *out = e->st;
    add_times(out, &e->main.st);
    for (size_t i = 0; i < e->nworkers; i++) add_times(out, &e->workers[i].st);
    out->stories = skein__linker_stories(e->link);
}

int skein_engine_observe(skein_engine *e, const skein_article *a) {
    if (!e || !a) return SKEIN_EINVAL;
    char lang[8];
    int rc = validate(&e->err, a);
    if (rc || (rc = build_doc(&e->main, &e->o, a, lang, 0, &e->err))) return rc;
    return skein__linker_observe(e->link, &e->main.doc);
}

int skein_engine_extract(skein_engine *e, const skein_article *a, skein_notes **notes) {
    if (!e || !a || !notes) return SKEIN_EINVAL;
    *notes = NULL;
    char lang[8];
    int rc = validate(&e->err, a);
    if (rc || (rc = build_doc(&e->main, &e->o, a, lang, 1, &e->err))) return rc;
    return (*notes = skein_notes_copy(e->main.notes)) ? SKEIN_OK : SKEIN_ENOMEM;
}

int skein_engine_similarity(skein_engine *e, const skein_article *a, const skein_article *b,
                            double *score) {
    if (!e || !a || !b || !score) return SKEIN_EINVAL;
    char la[8], lb[8];
    skein__doc da;
    skein__doc_init(&da);
    prep *p = &e->main;
    int rc = validate(&e->err, a);
    if (!rc) rc = validate(&e->err, b);
    if (!rc) rc = build_doc(p, &e->o, a, la, 0, &e->err);
    if (!rc) {
        da = p->doc; /* take a's vectors; p->doc starts empty for b */
        skein__doc_init(&p->doc);
        rc = build_doc(p, &e->o, b, lb, 0, &e->err);
    }
    if (!rc)
        *score =
            skein__linker_similarity(e->link, &da, a->published, la, &p->doc, b->published, lb);
    skein__doc_release(&da);
    return rc;
}

int skein_similarity(const skein_article *a, const skein_article *b, double *score) {
    skein_error err;
    skein_engine *e = skein_engine_new(NULL, &err);
    if (!e) return err.code;
    int rc = skein_engine_observe(e, a);
    if (!rc) rc = skein_engine_observe(e, b);
    if (!rc) rc = skein_engine_similarity(e, a, b, score);
    skein_engine_free(e);
    return rc;
}

/* ---- checkpoints ---------------------------------------------------------- */

/* "skstate5": headlines' names and subjects beside their dates in
 * SKEIN_SUB_TDATE (a version that reads dates alone there must refuse it) */
#define STATE_MAGIC 0x3565746174736b73ull
/* "skstate4": headlines' dates (SKEIN_SUB_TDATE), stories' last looks; still
 * read (its stories' headlines then name no one) */
#define STATE_MAGIC4 0x3465746174736b73ull
/* "skstate3": members keep their features, no title dates; still read */
#define STATE_MAGIC3 0x3365746174736b73ull
/* "skstate2": no split_threshold nor merge_threshold among the options,
 * members without their features (a store's: it keeps none); still read */
#define STATE_MAGIC2 0x3265746174736b73ull

static int save_ids(sbuf *b, const u64map *m) {
    if (skein__snap_u64(b, m->len)) return -1;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && skein__snap_u64(b, m->slots[i].key)) return -1;
    return 0;
}

static int load_ids(snap_r *r, u64map *m) {
    size_t n = skein__snap_get_count(r, 8);
    for (size_t i = 0; i < n && !r->err; i++) {
        uint64_t key = skein__snap_get_u64(r);
        if (!key)
            r->err = 1;
        else if (!skein__u64map_upsert(m, key))
            return -1;
    }
    return 0;
}

int skein__engine_save(skein_engine *e, sbuf *b, int notes_kept) {
    size_t start = b->len;
    skein__snap_reserve(b, e->saved_len);
    int rc = skein__snap_u64(b, STATE_MAGIC);
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++)
        rc |= skein__snap_f64(b, skein__option_at(&e->o, i));
    rc |= skein__snap_i64(b, e->clock) | skein__snap_u64(b, e->st.articles) | save_ids(b, &e->ids) |
          save_ids(b, &e->old_ids);
    if (rc || skein__linker_save(e->link, b, notes_kept)) return SKEIN_ENOMEM;
    if (skein__snap_u64(b, skein__hash(b->buf + start, b->len - start))) return SKEIN_ENOMEM;
    e->saved_len = b->len - start;
    return SKEIN_OK;
}

int skein__engine_load(skein_engine *e, const void *blob, size_t n,
                       const skein__notes_source *notes) {
    if (!e || !blob || e->st.articles || e->ids.len) return SKEIN_EINVAL;
    snap_r r;
    skein__snap_reader(&r, blob, n);
    if (n < 16) return SKEIN_EPARSE;
    r.at = n - 8; /* the checksum, last */
    if (skein__snap_get_u64(&r) != skein__hash(blob, n - 8)) return SKEIN_EPARSE;
    skein__snap_reader(&r, blob, n - 8);
    uint64_t magic = skein__snap_get_u64(&r);
    if (magic != STATE_MAGIC && magic != STATE_MAGIC4 && magic != STATE_MAGIC3 &&
        magic != STATE_MAGIC2)
        return SKEIN_EPARSE;
    int v2 = magic == STATE_MAGIC2;
    const skein_option_info *info = skein_option_list(NULL);
    double want[SKEIN__NOPTIONS], got[SKEIN__NOPTIONS];
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++) {
        want[i] = skein__option_at(&e->o, i);
        /* version 2 had neither: they are taken as they are set now */
        int new_in_3 =
            !strcmp(info[i].name, "split_threshold") || !strcmp(info[i].name, "merge_threshold");
        got[i] = v2 && new_in_3 ? want[i] : skein__snap_get_f64(&r);
    }
    if (r.err) return SKEIN_EPARSE;
    if (memcmp(want, got, sizeof(want)) != 0) return SKEIN_EINVAL;
    e->clock = skein__snap_get_i64(&r);
    e->st.articles = skein__snap_get_u64(&r);
    if (load_ids(&r, &e->ids) || load_ids(&r, &e->old_ids)) return SKEIN_ENOMEM;
    if (r.err) return SKEIN_EPARSE;
    int rc = skein__linker_load(e->link, &r,
                                magic == STATE_MAGIC || magic == STATE_MAGIC4 ? 4
                                : v2                                          ? 2
                                                                              : 3,
                                notes);
    if (rc == SKEIN_OK && r.at != r.n) rc = SKEIN_EPARSE;
    if (rc == SKEIN_OK) e->saved_len = n;
    return rc;
}

uint64_t skein__engine_stamp(const skein_engine *e) { return skein__linker_stamp(e->link); }

int skein__engine_each_since(skein_engine *e, uint64_t stamp, skein_story_fn fn, void *ud) {
    return skein__linker_each_since(e->link, stamp, fn, ud);
}

int64_t skein__engine_clock(const skein_engine *e) { return e->clock; }

const skein_member *skein__engine_last(const skein_engine *e) { return &e->last; }

skein__extractor *skein__engine_extractor(skein_engine *e) { return e->main.ex; }
