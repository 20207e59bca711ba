/* notes.c -- what one article says, as one typed record (skein_notes in
 * skein.h): copies, the binary form checkpoints and the store keep, and the
 * JSON the edges print.
 *
 * A skein_notes is one block of memory: the header, then the names, quotes,
 * numbers and mention spans as arrays, then the strings, so that a copy is
 * one allocation and freeing it is one free().  Nothing in the library reads
 * the JSON back: the binary form (notes.h) is what comes back from a store
 * or a checkpoint. */
#include "notes.h"

#include "utf8.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* first word of the binary form (1: quotes without confidence; 2: no
 * sentences, no sketch; 2 and 3: confidence in millionths, which reads back
 * other than it was, so that stories told again after a restart could
 * round it otherwise; 4: its bits) */
#define NOTES_VERSION 4
#define MAX_KEYS 4
#define CONFIDENCE_SCALE 1000000.0f /* versions 2 and 3 */

const char *skein_kind_name(skein_kind k) {
    static const char *const names[] = {"other", "person", "org", "place"};
    return (unsigned)k < 4 ? names[k] : names[0];
}

const char *skein_attribution_name(skein_attribution a) {
    static const char *const names[] = {"none", "verb", "pronoun", "colon", "continued", "context"};
    return (unsigned)a <= SKEIN_BY_CONTEXT ? names[a] : names[0];
}

void skein_notes_free(skein_notes *n) { free(n); }

/* ---- copies --------------------------------------------------------------- */

static size_t str_size(const char *s) { return s ? strlen(s) + 1 : 0; }

/* Bytes of the block that holds n: header and arrays (8-aligned), spans,
 * strings. */
static size_t block_size(const skein_notes *n, size_t *spans) {
    size_t size = sizeof(skein_notes) + n->nnames * sizeof(skein_name_note) +
                  n->nquotes * sizeof(skein_quote_note) + n->nnumbers * sizeof(skein_number_note) +
                  n->nsentences * sizeof(skein_sentence_note);
    *spans = 0;
    for (size_t i = 0; i < n->nnames; i++) {
        *spans += n->names[i].count;
        size += str_size(n->names[i].name) + str_size(n->names[i].place);
    }
    for (size_t i = 0; i < n->nquotes; i++)
        size += str_size(n->quotes[i].text) + str_size(n->quotes[i].speaker);
    for (size_t i = 0; i < n->nnumbers; i++)
        size += str_size(n->numbers[i].value) + str_size(n->numbers[i].text);
    for (size_t i = 0; i < n->nsentences; i++) size += str_size(n->sentences[i].text);
    return size + *spans * sizeof(skein_span);
}

/* Copies string s to *pool (advancing it); NULL stays NULL. */
static const char *put(char **pool, const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *d = memcpy(*pool, s, n);
    *pool += n;
    return d;
}

skein_notes *skein_notes_copy(const skein_notes *n) {
    if (!n) return NULL;
    size_t nspans;
    unsigned char *b = malloc(block_size(n, &nspans));
    if (!b) return NULL;
    skein_notes *o = (skein_notes *)b;
    skein_name_note *names = (skein_name_note *)(o + 1);
    skein_quote_note *quotes = (skein_quote_note *)(names + n->nnames);
    skein_number_note *numbers = (skein_number_note *)(quotes + n->nquotes);
    skein_sentence_note *sentences = (skein_sentence_note *)(numbers + n->nnumbers);
    skein_span *spans = (skein_span *)(sentences + n->nsentences);
    char *pool = (char *)(spans + nspans);
    *o = (skein_notes){names,       n->nnames, quotes,        n->nquotes, numbers,
                       n->nnumbers, sentences, n->nsentences, {0}};
    memcpy(o->sketch, n->sketch, sizeof(o->sketch));
    for (size_t i = 0; i < n->nnames; i++) {
        names[i] = n->names[i];
        names[i].name = put(&pool, n->names[i].name);
        names[i].place = put(&pool, n->names[i].place);
        names[i].mentions = spans;
        if (n->names[i].count)
            memcpy(spans, n->names[i].mentions, n->names[i].count * sizeof(*spans));
        spans += n->names[i].count;
    }
    for (size_t i = 0; i < n->nquotes; i++) {
        quotes[i] = n->quotes[i];
        quotes[i].text = put(&pool, n->quotes[i].text);
        quotes[i].speaker = put(&pool, n->quotes[i].speaker);
    }
    for (size_t i = 0; i < n->nnumbers; i++) {
        numbers[i] = n->numbers[i];
        numbers[i].value = put(&pool, n->numbers[i].value);
        numbers[i].text = put(&pool, n->numbers[i].text);
    }
    for (size_t i = 0; i < n->nsentences; i++) {
        sentences[i] = n->sentences[i];
        sentences[i].text = put(&pool, n->sentences[i].text);
    }
    return o;
}

/* ---- binary form ------------------------------------------------------------- */

static int save_span(sbuf *b, const skein_span *s) {
    return skein__snap_u32(b, s->start) | skein__snap_u32(b, s->end) | skein__snap_u32(b, s->title);
}

int skein__notes_save(sbuf *b, const skein_notes *n) {
    int rc = skein__snap_u32(b, NOTES_VERSION) | skein__snap_u64(b, n->nnames);
    for (size_t i = 0; i < n->nnames; i++) {
        const skein_name_note *x = &n->names[i];
        rc |= skein__snap_str(b, x->name) | skein__snap_u32(b, (uint32_t)x->kind) |
              skein__snap_u32(b, x->words) | skein__snap_u32(b, (uint32_t)x->weak) |
              skein__snap_str(b, x->place) | skein__snap_u64(b, x->alt) |
              skein__snap_u32(b, x->nkeys);
        if (x->nkeys > MAX_KEYS) return -1; /* caller-made notes: more keys than a name holds */
        for (uint32_t k = 0; k < x->nkeys; k++) rc |= skein__snap_u64(b, x->keys[k]);
        rc |= skein__snap_u64(b, x->count);
        for (uint32_t k = 0; k < x->count; k++) rc |= save_span(b, &x->mentions[k]);
    }
    rc |= skein__snap_u64(b, n->nquotes);
    for (size_t i = 0; i < n->nquotes; i++) {
        const skein_quote_note *q = &n->quotes[i];
        rc |= skein__snap_str(b, q->text) | skein__snap_str(b, q->speaker) |
              skein__snap_u32(b, (uint32_t)q->name) | skein__snap_u32(b, (uint32_t)q->by) |
              save_span(b, &q->span) | skein__snap_f32(b, q->confidence);
    }
    rc |= skein__snap_u64(b, n->nnumbers);
    for (size_t i = 0; i < n->nnumbers; i++)
        rc |= skein__snap_str(b, n->numbers[i].value) | skein__snap_str(b, n->numbers[i].text) |
              skein__snap_u32(b, n->numbers[i].count);
    rc |= skein__snap_u64(b, n->nsentences);
    for (size_t i = 0; i < n->nsentences; i++)
        rc |= skein__snap_str(b, n->sentences[i].text) | save_span(b, &n->sentences[i].span);
    for (size_t i = 0; i < SKEIN_SKETCH; i++) rc |= skein__snap_u64(b, n->sketch[i]);
    return rc ? -1 : 0;
}

/* What a load reads into before the block is made: arrays of their own. */
typedef struct loading {
    uint32_t version;
    skein_notes n;
    skein_name_note *names;
    skein_quote_note *quotes;
    skein_number_note *numbers;
    skein_sentence_note *sentences;
    skein_span *spans;
    char **strs;
    size_t nstrs, strs_cap;
} loading;

static const char *load_str(snap_r *r, loading *l) {
    char *s = skein__snap_get_str(r);
    if (s && skein__utf8_check(s, strlen(s)) != strlen(s)) { /* the library writes only UTF-8 */
        free(s);
        r->err = 1;
        return NULL;
    }
    if (s && skein__grow((void **)&l->strs, &l->strs_cap, l->nstrs + 1, sizeof(*l->strs))) {
        free(s);
        r->err = 1;
        return NULL;
    }
    if (s) l->strs[l->nstrs++] = s;
    return s;
}

static skein_span load_span(snap_r *r) {
    skein_span s;
    s.start = skein__snap_get_u32(r), s.end = skein__snap_get_u32(r),
    s.title = skein__snap_get_u32(r);
    if (s.end < s.start || s.title > 1) r->err = 1;
    return s;
}

static void load_name(snap_r *r, loading *l, skein_name_note *x, size_t *spans) {
    x->name = load_str(r, l);
    x->kind = (skein_kind)skein__snap_get_u32(r);
    x->words = skein__snap_get_u32(r);
    x->weak = (int)skein__snap_get_u32(r);
    x->place = load_str(r, l);
    x->alt = skein__snap_get_u64(r);
    x->nkeys = skein__snap_get_u32(r);
    if (!x->name || (unsigned)x->kind > SKEIN_KIND_PLACE || x->nkeys > MAX_KEYS) r->err = 1;
    for (uint32_t k = 0; k < x->nkeys && !r->err; k++) x->keys[k] = skein__snap_get_u64(r);
    size_t count = skein__snap_get_count(r, 12), at = *spans;
    skein_span *grown = r->err ? NULL : realloc(l->spans, (at + count + 1) * sizeof(*l->spans));
    if (!grown) {
        r->err = 1;
        return;
    }
    l->spans = grown;
    for (size_t k = 0; k < count; k++) l->spans[at + k] = load_span(r);
    x->count = (uint32_t)count, *spans += count;
}

static void load_all(snap_r *r, loading *l) {
    size_t nnames = skein__snap_get_count(r, 40), spans = 0;
    l->names = calloc(nnames + 1, sizeof(*l->names));
    if (!l->names) return (void)(r->err = 1);
    for (size_t i = 0; i < nnames && !r->err; i++) load_name(r, l, &l->names[i], &spans);
    size_t nquotes = skein__snap_get_count(r, 36); /* two strings, two words, a span... */
    if (r->err || !(l->quotes = calloc(nquotes + 1, sizeof(*l->quotes)))) return (void)(r->err = 1);
    for (size_t i = 0; i < nquotes && !r->err; i++) {
        skein_quote_note *q = &l->quotes[i];
        q->text = load_str(r, l), q->speaker = load_str(r, l);
        q->name = (int32_t)skein__snap_get_u32(r),
        q->by = (skein_attribution)skein__snap_get_u32(r);
        q->span = load_span(r);
        q->confidence = l->version >= 4   ? skein__snap_get_f32(r)
                        : l->version >= 2 ? (float)skein__snap_get_u32(r) / CONFIDENCE_SCALE
                                          : 1;
        if (!q->text || q->name < -1 || q->name >= (int32_t)nnames ||
            (unsigned)q->by > SKEIN_BY_CONTEXT || !(q->confidence >= 0 && q->confidence <= 1))
            r->err = 1;
    }
    size_t nnumbers = skein__snap_get_count(r, 20);
    if (r->err || !(l->numbers = calloc(nnumbers + 1, sizeof(*l->numbers))))
        return (void)(r->err = 1);
    for (size_t i = 0; i < nnumbers && !r->err; i++) {
        skein_number_note *x = &l->numbers[i];
        x->value = load_str(r, l), x->text = load_str(r, l), x->count = skein__snap_get_u32(r);
        if (!x->value || !x->text) r->err = 1;
    }
    size_t nsentences = l->version >= 3 ? skein__snap_get_count(r, 20) : 0;
    if (r->err || !(l->sentences = calloc(nsentences + 1, sizeof(*l->sentences))))
        return (void)(r->err = 1);
    for (size_t i = 0; i < nsentences && !r->err; i++) {
        l->sentences[i].text = load_str(r, l), l->sentences[i].span = load_span(r);
        if (!l->sentences[i].text) r->err = 1;
    }
    for (size_t i = 0, at = 0; i < nnames && !r->err; at += l->names[i++].count)
        l->names[i].mentions = l->spans + at;
    l->n = (skein_notes){l->names, nnames,       l->quotes,  nquotes, l->numbers,
                         nnumbers, l->sentences, nsentences, {0}};
    for (size_t i = 0; l->version >= 3 && i < SKEIN_SKETCH && !r->err; i++)
        l->n.sketch[i] = skein__snap_get_u64(r);
}

skein_notes *skein__notes_load(snap_r *r) {
    loading l;
    memset(&l, 0, sizeof(l));
    l.version = skein__snap_get_u32(r);
    if (l.version < 1 || l.version > NOTES_VERSION) r->err = 1;
    if (!r->err) load_all(r, &l);
    skein_notes *n = r->err ? NULL : skein_notes_copy(&l.n);
    if (!r->err && !n) r->err = 1;
    for (size_t i = 0; i < l.nstrs; i++) free(l.strs[i]);
    free(l.strs), free(l.names), free(l.quotes), free(l.numbers), free(l.sentences), free(l.spans);
    return n;
}

/* ---- JSON ------------------------------------------------------------------------- */

static void hex_key(uint64_t k, char out[17]) {
    snprintf(out, 17, "%016llx", (unsigned long long)k);
}

/* [[start,end],...] of the mentions in the title (title 1) or the text. */
static cJSON *spans_json(const skein_name_note *x, uint32_t title) {
    cJSON *arr = cJSON_CreateArray();
    for (uint32_t k = 0; arr && k < x->count; k++) {
        if (x->mentions[k].title != title) continue;
        cJSON *s = cJSON_CreateArray();
        cJSON_AddItemToArray(s, cJSON_CreateNumber(x->mentions[k].start));
        cJSON_AddItemToArray(s, cJSON_CreateNumber(x->mentions[k].end));
        cJSON_AddItemToArray(arr, s);
    }
    return arr;
}

static cJSON *name_json(const skein_name_note *x) {
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON_AddStringToObject(o, "name", x->name);
    cJSON_AddStringToObject(o, "kind", skein_kind_name(x->kind));
    cJSON_AddNumberToObject(o, "count", x->count);
    cJSON *keys = cJSON_AddArrayToObject(o, "keys");
    char h[17];
    for (uint32_t i = 0; keys && i < x->nkeys && i < MAX_KEYS; i++) {
        hex_key(x->keys[i], h);
        cJSON_AddItemToArray(keys, cJSON_CreateString(h));
    }
    if (x->alt) hex_key(x->alt, h), cJSON_AddStringToObject(o, "alt", h);
    cJSON_AddNumberToObject(o, "words", x->words);
    if (x->place) cJSON_AddStringToObject(o, "place", x->place);
    if (x->weak) cJSON_AddTrueToObject(o, "weak");
    cJSON_AddItemToObject(o, "mentions", spans_json(x, 0));
    cJSON *in_title = spans_json(x, 1);
    if (cJSON_GetArraySize(in_title))
        cJSON_AddItemToObject(o, "title_mentions", in_title);
    else
        cJSON_Delete(in_title);
    return o;
}

static cJSON *quote_json(const skein_quote_note *q) {
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    if (q->speaker)
        cJSON_AddStringToObject(o, "speaker", q->speaker);
    else
        cJSON_AddNullToObject(o, "speaker");
    if (q->name >= 0) cJSON_AddNumberToObject(o, "name", q->name);
    cJSON_AddStringToObject(o, "text", q->text);
    cJSON_AddStringToObject(o, "by", skein_attribution_name(q->by));
    cJSON_AddNumberToObject(o, "confidence", round(q->confidence * 1000) / 1000);
    cJSON_AddNumberToObject(o, "start", q->span.start);
    cJSON_AddNumberToObject(o, "end", q->span.end);
    return o;
}

cJSON *skein__notes_cjson(const skein_notes *n) {
    cJSON *o = cJSON_CreateObject();
    cJSON *names = cJSON_AddArrayToObject(o, "names");
    for (size_t i = 0; names && i < n->nnames; i++)
        cJSON_AddItemToArray(names, name_json(&n->names[i]));
    cJSON *quotes = cJSON_AddArrayToObject(o, "quotes");
    for (size_t i = 0; quotes && i < n->nquotes; i++)
        cJSON_AddItemToArray(quotes, quote_json(&n->quotes[i]));
    cJSON *nums = cJSON_AddArrayToObject(o, "numbers");
    for (size_t i = 0; nums && i < n->nnumbers; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(nums, e);
        cJSON_AddStringToObject(e, "value", n->numbers[i].value);
        cJSON_AddStringToObject(e, "text", n->numbers[i].text);
        cJSON_AddNumberToObject(e, "count", n->numbers[i].count);
    }
    cJSON *sents = cJSON_AddArrayToObject(o, "sentences");
    for (size_t i = 0; sents && i < n->nsentences; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(sents, e);
        cJSON_AddStringToObject(e, "text", n->sentences[i].text);
        cJSON_AddNumberToObject(e, "start", n->sentences[i].span.start);
        cJSON_AddNumberToObject(e, "end", n->sentences[i].span.end);
    }
    if (n->sketch[0]) { /* 16 hex digits a value */
        char hex[SKEIN_SKETCH * 16 + 1];
        for (size_t i = 0; i < SKEIN_SKETCH; i++)
            snprintf(hex + 16 * i, 17, "%016llx", (unsigned long long)n->sketch[i]);
        cJSON_AddStringToObject(o, "sketch", hex);
    }
    return o;
}

int skein_notes_json(const skein_notes *n, char **json) {
    if (!n || !json) return SKEIN_EINVAL;
    cJSON *o = skein__notes_cjson(n);
    *json = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return *json ? SKEIN_OK : SKEIN_ENOMEM;
}
