/* engine.c -- the public engine: clean -> detect -> analyze -> features -> link.
 *
 * The engine owns one of each stage and runs them in order for every article;
 * stages never call each other.  It rejects an article before changing any
 * state, so a bad article leaves the stream as if it had never come.  Ids
 * seen are remembered as 64-bit hashes to report duplicates. */
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

#include <stdlib.h>
#include <string.h>

#define LANGID_BYTES 768         /* title + start of text given to the detector */
#define TITLE_FALLBACK_BYTES 160 /* headline from the text when there is no title */
#define MAX_TOKENS 20000
#define IDS_GENERATION (1u << 20) /* ids remembered for duplicates: the last 1-2 M */

struct skein_engine {
    skein_options o;
    skein__analyzer *an;
    skein__featurizer *fz;
    skein__linker *link;
    skein__extractor *ex;
    skein__doc doc;
    const skein_notes *notes; /* the current article's notes, in the extractor (extract.h) */
    skein__offmap title_map, text_map; /* cleaned title and text -> as given, for spans */
    skein_story_fn on_story;           /* the caller's callback, behind the teller */
    void *on_story_ud;
    skein__told_fn on_told; /* or the store's, which takes the story told as a record */
    int64_t clock;          /* latest article time seen: the stream's "now" */
    skein_member last;      /* the article added last, as its story holds it */
    char last_lang[8];
    u64map ids, old_ids; /* two generations of id hashes: memory stays bounded */
    sbuf title, text, head;
    skein_stats st;
    skein_error err; /* why the last call failed (skein_engine_errmsg) */
};

skein_engine *skein_engine_new(const skein_options *opt, skein_error *err) {
    skein_options d;
    if (!opt) skein_options_default(&d), opt = &d;
    if (skein_options_check(opt, err) != SKEIN_OK) return NULL;
    skein_engine *e = calloc(1, sizeof(*e));
    if (!e) return skein__fail(err, SKEIN_ENOMEM, NULL, NULL), NULL;
    e->o = *opt;
    e->an = skein__analyzer_new(0, skein__lexicon_word_info);
    e->fz = skein__featurizer_new();
    e->link = skein__linker_new(opt);
    e->ex = skein__extractor_new();
    e->clock = SKEIN_NO_TIME;
    skein__offmap_init(&e->title_map), skein__offmap_init(&e->text_map);
    skein__doc_init(&e->doc);
    skein__u64map_init(&e->ids);
    skein__u64map_init(&e->old_ids);
    skein__sbuf_init(&e->title), skein__sbuf_init(&e->text), skein__sbuf_init(&e->head);
    if (e->an && e->fz && e->link && e->ex) return e;
    if (!e->an)
        skein__fail(err, SKEIN_EINTERNAL, NULL, "ICU could not open its data");
    else
        skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
    skein_engine_free(e);
    return NULL;
}

void skein_engine_free(skein_engine *e) {
    if (!e) return;
    skein__analyzer_free(e->an);
    skein__featurizer_free(e->fz);
    skein__linker_free(e->link);
    skein__extractor_free(e->ex);
    skein__offmap_release(&e->title_map), skein__offmap_release(&e->text_map);
    skein__doc_release(&e->doc);
    skein__u64map_release(&e->ids);
    skein__u64map_release(&e->old_ids);
    skein__sbuf_release(&e->title), skein__sbuf_release(&e->text), skein__sbuf_release(&e->head);
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
    if (skein__story_tell(s, &o, &t) == SKEIN_OK) told.report = report = skein__told_json(&t);
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

void skein__engine_on_told(skein_engine *e, skein__told_fn fn, void *ud) {
    e->on_story = NULL, e->on_story_ud = ud, e->on_told = fn;
    skein__linker_on_close(e->link, fn ? tell_story : NULL, e);
}

/* Field `name` (s, may be NULL) within `max` bytes and valid UTF-8; else
 * the status, with the cause in e->err. */
static int check_field(skein_engine *e, const char *name, const char *s, size_t max) {
    if (!s) return SKEIN_OK;
    size_t n = strnlen(s, max + 1);
    if (n > max)
        return skein__fail(&e->err, SKEIN_ETOOBIG, name, "\"%s\" is over its cap of %zu bytes",
                           name, max);
    size_t ok = skein__utf8_check(s, n);
    if (ok != n)
        return skein__fail(&e->err, SKEIN_EUTF8, name, "\"%s\" is not valid UTF-8 at byte %zu",
                           name, ok);
    return SKEIN_OK;
}

/* Checks everything that can make an article unusable, before any change. */
static int validate(skein_engine *e, const skein_article *a) {
    skein__error_clear(&e->err);
    if (!a->id || !*a->id) return skein__fail(&e->err, SKEIN_ENOID, "id", "the article has no id");
    const size_t small = 64 * 1024;
    int rc;
    if ((rc = check_field(e, "id", a->id, 4096)) || (rc = check_field(e, "lang", a->lang, 64)) ||
        (rc = check_field(e, "source", a->source, small)) ||
        (rc = check_field(e, "url", a->url, small)) ||
        (rc = check_field(e, "title", a->title, small)))
        return rc;
    return check_field(e, "text", a->text, SIZE_MAX - 1);
}

/* Cleans title and text into e->title / e->text (text cut to the cap); with
 * `notes`, where their bytes came from too. */
static int clean_fields(skein_engine *e, const skein_article *a, int notes) {
    const char *text = a->text ? a->text : "";
    size_t n = skein__utf8_cut(text, strlen(text), e->o.max_text_bytes);
    const char *title = a->title ? a->title : "";
    if (skein__clean(title, strlen(title), &e->title, notes ? &e->title_map : NULL) ||
        skein__clean(text, n, &e->text, notes ? &e->text_map : NULL))
        return SKEIN_ENOMEM;
    if (e->title.len || e->text.len) return SKEIN_OK;
    return skein__fail(&e->err, SKEIN_EEMPTY, NULL,
                       "neither the title nor the text has anything to read");
}

/* The language: a tag the caller gave and we understand, else detected. */
static void pick_language(skein_engine *e, const skein_article *a, char lang[8]) {
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

static int analyze_into(skein_engine *e, const sbuf *s, const char *lang, int is_title, int notes) {
    const skein__offmap *map = is_title ? &e->title_map : &e->text_map;
    if (!s->len) return SKEIN_OK;
    const skein__tok *t;
    size_t n;
    int rc = skein__analyze(e->an, s->buf, s->len, lang, MAX_TOKENS, &t, &n);
    if (rc) return rc;
    if (skein__features_add_tokens(e->fz, e->an, t, n, lang, is_title)) return SKEIN_ENOMEM;
    if (notes && skein__extract_add(e->ex, s->buf, s->len, lang, e->an, t, n, is_title, map))
        return SKEIN_ENOMEM;
    return SKEIN_OK;
}

/* clean -> detect -> analyze -> features for one article into e->doc, and
 * with `notes`, extract -> e->notes. */
static int build_doc(skein_engine *e, const skein_article *a, char lang[8], int notes) {
    double t0 = skein__now();
    int rc = clean_fields(e, a, notes);
    double t1 = skein__now();
    e->st.sec_clean += t1 - t0;
    if (rc) return rc;
    pick_language(e, a, lang);
    double t2 = skein__now();
    e->st.sec_langid += t2 - t1;
    if (notes) skein__extract_begin(e->ex);
    if ((rc = analyze_into(e, &e->title, lang, 1, notes)) ||
        (rc = analyze_into(e, &e->text, lang, 0, notes)))
        return rc;
    if (notes && !(e->notes = skein__extract_finish(e->ex))) return SKEIN_ENOMEM;
    double t3 = skein__now();
    e->st.sec_analyze += t3 - t2;
    rc = skein__features_finish(e->fz, &e->doc) ? SKEIN_ENOMEM : SKEIN_OK;
    e->st.sec_features += skein__now() - t3;
    return rc;
}

/* The title to show: the cleaned title, else the start of the text. */
static const char *display_title(skein_engine *e) {
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

int skein_engine_add(skein_engine *e, const skein_article *a, uint64_t *story_id) {
    if (!e || !a) return SKEIN_EINVAL;
    int rc = validate(e, a);
    if (rc) return rc;
    uint64_t key = skein__hash(a->id, strlen(a->id));
    if (seen_id(e, key))
        return skein__fail(&e->err, SKEIN_EDUP, "id", "an article with id \"%.*s\" came before",
                           (int)skein__utf8_cut(a->id, strlen(a->id), 200), a->id);
    char lang[8];
    /* notes are for telling closed stories: none when nobody listens */
    int notes = e->on_story || e->on_told;
    if ((rc = build_doc(e, a, lang, notes))) return rc;
    if (remember_id(e, key)) return SKEIN_ENOMEM;
    memcpy(e->last_lang, lang, sizeof(e->last_lang));
    skein_member m = {a->id,
                      e->last_lang,
                      a->source && *a->source ? a->source : NULL,
                      display_title(e),
                      a->published,
                      notes ? e->notes : NULL};
    e->last = m;
    if (a->published != SKEIN_NO_TIME && (e->clock == SKEIN_NO_TIME || a->published > e->clock))
        e->clock = a->published;
    double t0 = skein__now();
    rc = skein__linker_add(e->link, &e->doc, lang, a->published, &m, story_id);
    e->st.sec_link += skein__now() - t0;
    if (rc == SKEIN_OK) e->st.articles++;
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

void skein_engine_get_stats(const skein_engine *e, skein_stats *out) {
    *out = e->st;
    out->stories = skein__linker_stories(e->link);
}

int skein_engine_observe(skein_engine *e, const skein_article *a) {
    if (!e || !a) return SKEIN_EINVAL;
    char lang[8];
    int rc = validate(e, a);
    if (rc || (rc = build_doc(e, a, lang, 0))) return rc;
    return skein__linker_observe(e->link, &e->doc);
}

int skein_engine_extract(skein_engine *e, const skein_article *a, skein_notes **notes) {
    if (!e || !a || !notes) return SKEIN_EINVAL;
    *notes = NULL;
    char lang[8];
    int rc = validate(e, a);
    if (rc || (rc = build_doc(e, a, lang, 1))) return rc;
    return (*notes = skein_notes_copy(e->notes)) ? SKEIN_OK : SKEIN_ENOMEM;
}

int skein_engine_similarity(skein_engine *e, const skein_article *a, const skein_article *b,
                            double *score) {
    if (!e || !a || !b || !score) return SKEIN_EINVAL;
    char la[8], lb[8];
    skein__doc da;
    skein__doc_init(&da);
    int rc = validate(e, a);
    if (!rc) rc = validate(e, b);
    if (!rc) rc = build_doc(e, a, la, 0);
    if (!rc) {
        da = e->doc; /* take a's vectors; e->doc starts empty for b */
        skein__doc_init(&e->doc);
        rc = build_doc(e, b, lb, 0);
    }
    if (!rc)
        *score =
            skein__linker_similarity(e->link, &da, a->published, la, &e->doc, b->published, lb);
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

#define STATE_MAGIC 0x3265746174736b73ull /* "skstate2": notes typed, with spans */

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

int skein__engine_save(skein_engine *e, sbuf *b) {
    size_t start = b->len;
    int rc = skein__snap_u64(b, STATE_MAGIC);
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++)
        rc |= skein__snap_f64(b, skein__option_at(&e->o, i));
    rc |= skein__snap_i64(b, e->clock) | skein__snap_u64(b, e->st.articles) | save_ids(b, &e->ids) |
          save_ids(b, &e->old_ids);
    if (rc || skein__linker_save(e->link, b)) return SKEIN_ENOMEM;
    return skein__snap_u64(b, skein__hash(b->buf + start, b->len - start)) ? SKEIN_ENOMEM
                                                                           : SKEIN_OK;
}

int skein__engine_load(skein_engine *e, const void *blob, size_t n) {
    if (!e || !blob || e->st.articles || e->ids.len) return SKEIN_EINVAL;
    snap_r r;
    skein__snap_reader(&r, blob, n);
    if (n < 16) return SKEIN_EPARSE;
    r.at = n - 8; /* the checksum, last */
    if (skein__snap_get_u64(&r) != skein__hash(blob, n - 8)) return SKEIN_EPARSE;
    skein__snap_reader(&r, blob, n - 8);
    if (skein__snap_get_u64(&r) != STATE_MAGIC) return SKEIN_EPARSE;
    double want[SKEIN__NOPTIONS], got[SKEIN__NOPTIONS];
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++)
        want[i] = skein__option_at(&e->o, i), got[i] = skein__snap_get_f64(&r);
    if (r.err) return SKEIN_EPARSE;
    if (memcmp(want, got, sizeof(want)) != 0) return SKEIN_EINVAL;
    e->clock = skein__snap_get_i64(&r);
    e->st.articles = skein__snap_get_u64(&r);
    if (load_ids(&r, &e->ids) || load_ids(&r, &e->old_ids)) return SKEIN_ENOMEM;
    if (r.err) return SKEIN_EPARSE;
    int rc = skein__linker_load(e->link, &r);
    if (rc == SKEIN_OK && r.at != r.n) rc = SKEIN_EPARSE;
    return rc;
}

uint64_t skein__engine_stamp(const skein_engine *e) { return skein__linker_stamp(e->link); }

int skein__engine_each_since(skein_engine *e, uint64_t stamp, skein_story_fn fn, void *ud) {
    return skein__linker_each_since(e->link, stamp, fn, ud);
}

int64_t skein__engine_clock(const skein_engine *e) { return e->clock; }

const skein_member *skein__engine_last(const skein_engine *e) { return &e->last; }

skein__extractor *skein__engine_extractor(skein_engine *e) { return e->ex; }
