/* extract.c -- names, quotes and numbers of one article, as its notes.
 * See extract.h.
 *
 * The extractor runs the parts over each text of an article (title, text):
 * word lists (extract_words.c), names (extract_names.c), quotes
 * (extract_quotes.c), numbers here; then groups the mentions into the
 * article's typed notes. */
#include "extract_int.h"

#include "lexicon.h"
#include "numbers.h"
#include "tagger.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>

skein__extractor *skein__extractor_new(void) {
    skein__extractor *x = calloc(1, sizeof(*x));
    if (!x) return NULL;
    skein__u64map_init(&x->words), skein__u64map_init(&x->midcap),
        skein__u64map_init(&x->calendar_langs), skein__u64map_init(&x->known),
        skein__u64map_init(&x->lower);
    skein__sbuf_init(&x->strings);
    if (!(x->tr = skein__translit_new()) || !(x->tagger = skein__tagger_new())) goto fail;
    if (skein__words_load(x)) goto fail;
    return x;
fail:
    skein__extractor_free(x);
    return NULL;
}

void skein__extractor_free(skein__extractor *x) {
    if (!x) return;
    skein__translit_free(x->tr);
    skein__tagger_free(x->tagger);
    free(x->labels);
    skein__u64map_release(&x->words), skein__u64map_release(&x->midcap),
        skein__u64map_release(&x->calendar_langs), skein__u64map_release(&x->known),
        skein__u64map_release(&x->lower);
    free(x->m), free(x->q), free(x->num);
    free(x->names), free(x->quotes), free(x->numbers), free(x->spans), free(x->entry);
    free(x->spans_q), free(x->para), free(x->wflags), free(x->verbs), free(x->minfo);
    free(x->feats), free(x->cands), free(x->mstarts), free(x->nextp), free(x->order),
        free(x->bytok), free(x->lead), free(x->sentences);
    skein__sbuf_release(&x->strings);
    free(x);
}

void skein__extract_begin(skein__extractor *x) {
    x->nm = x->nq = x->nnum = x->nlead = 0;
    x->sketched = 0;
    memset(x->sketch, 0, sizeof(x->sketch));
    skein__sbuf_reset(&x->strings);
    skein__u64map_clear(&x->known);
    skein__u64map_clear(&x->lower);
}

/* ---- numbers ------------------------------------------------------------------- */

static int add_numbers(ctx *c) {
    skein__extractor *x = c->x;
    for (size_t i = 0; i < c->n; i++) {
        const skein__tok *t = &c->t[i], *next = i + 1 < c->n ? &c->t[i + 1] : NULL;
        if (!(t->flags & SKEIN_TOK_NUM)) continue;
        char v[32];
        size_t vn =
            skein__number_norm(c->pool + t->norm, t->norm_len, next ? c->pool + next->norm : NULL,
                               next ? next->norm_len : 0, v);
        if (vn < 2) continue;
        number *hit = NULL;
        for (size_t k = 0; k < x->nnum && !hit; k++)
            if (!strcmp(x->num[k].value, v)) hit = &x->num[k];
        if (hit) {
            hit->count++;
            continue;
        }
        if (x->nnum >= SKEIN_MAX_NUMBERS) continue;
        if (skein__grow((void **)&x->num, &x->num_cap, x->nnum + 1, sizeof(*x->num))) return -1;
        number *nb = &x->num[x->nnum];
        memcpy(nb->value, v, vn + 1);
        size_t to = t->off + t->len; /* with the word it counts, if any */
        if (next && (next->flags & SKEIN_TOK_ADJ) &&
            !(next->flags & (SKEIN_TOK_NUM | SKEIN_TOK_STOP)))
            to = next->off + next->len;
        if (to > c->len) continue;
        if (skein__keep_string(x, c->s + t->off, to - t->off, &nb->str)) return -1;
        nb->len = (uint32_t)(to - t->off);
        nb->count = 1;
        x->nnum++;
    }
    return 0;
}

/* ---- the article ----------------------------------------------------------------- */

static int mostly_capitalised(const skein__tok *t, size_t n) {
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].flags & SKEIN_TOK_NUM) continue;
        words++;
        caps += (t[i].flags & SKEIN_TOK_CAP) ? 1 : 0;
    }
    return words >= 4 && caps * 10 >= words * 6;
}

int skein__extract_add(skein__extractor *x, const char *s, size_t len, const char *lang,
                       const skein__analyzer *an, const skein__tok *t, size_t n, int is_title,
                       const skein__offmap *map) {
    ctx c = {x, s, len, lang, skein__analyzer_str(an, 0), t, n, 0, 0, x->nm, is_title, map, 0};
    if (!n) return 0;
    for (size_t i = 0; i < x->nm; i++) c.text_no = SKEIN_MAX(c.text_no, x->m[i].text_no + 1);
    /* the script of the text: the first letters' */
    size_t cased = 0, caseless = 0;
    for (size_t i = 0; i < n && cased + caseless < 20; i++) {
        UChar32 ch = first_char(c.pool + t[i].norm, t[i].norm_len);
        if (ch < 0 || (t[i].flags & (SKEIN_TOK_NUM | SKEIN_TOK_CJK)) || !u_isalpha(ch)) continue;
        if (ch < 0x80 || u_hasBinaryProperty(ch, UCHAR_CASED))
            cased++;
        else
            caseless++;
    }
    c.arabic_like = caseless > cased;
    if (skein__words_calendar(x, !strcmp(lang, "und") ? "en" : lang) || skein__word_flags_fill(&c))
        return -1;
    int rc = 0, headline = is_title && mostly_capitalised(t, n);
    int tagged = !headline && skein__tagger_has(x->tagger, lang);
    if (tagged && skein__grow((void **)&x->labels, &x->labels_cap, n + 1, 1)) return -1;
    if (tagged) skein__tag(x->tagger, lang, s, len, c.pool, t, n, x->labels);
    if (tagged)
        rc = skein__names_tagged(&c, x->labels);
    else if (c.arabic_like)
        rc = skein__names_caseless(&c);
    else if (!headline)
        rc = skein__names_cased(&c);
    if (!rc) rc = add_numbers(&c);
    if (!rc && !is_title) rc = skein__quotes(&c);
    if (!rc && !is_title) rc = skein__lead(&c);
    return rc;
}

/* ---- the notes ------------------------------------------------------------------- */

/* A name's kind: the one most of its mentions have, a person, an
 * organisation or a place before "other" (which is also what the rules say
 * when they cannot tell); on a tie, the earlier mention's.  The place and
 * keys are those of its first mention of that kind ("Abra" the province
 * twice and a person once is the province). */
static void name_kinds(skein__extractor *x, size_t nnames) {
    uint16_t votes[SKEIN_MAX_NAMES][SKEIN_KIND_PLACE + 1];
    int32_t first[SKEIN_MAX_NAMES][SKEIN_KIND_PLACE + 1];
    memset(votes, 0, sizeof(votes[0]) * nnames);
    for (size_t k = x->nm; k-- > 0;) { /* backwards: first[] ends on the first mention */
        if (x->entry[k] < 0) continue;
        int kind = x->m[k].kind <= SKEIN_KIND_PLACE ? x->m[k].kind : SKEIN_KIND_OTHER;
        votes[x->entry[k]][kind]++;
        first[x->entry[k]][kind] = (int32_t)k;
    }
    for (size_t i = 0; i < nnames; i++) {
        int best = SKEIN_KIND_OTHER;
        for (int kd = 0; kd <= SKEIN_KIND_PLACE; kd++) {
            if (kd == SKEIN_KIND_OTHER || !votes[i][kd]) continue;
            if (best == SKEIN_KIND_OTHER || votes[i][kd] > votes[i][best] ||
                (votes[i][kd] == votes[i][best] && first[i][kd] < first[i][best]))
                best = kd;
        }
        skein_name_note *e = &x->names[i];
        const mention *m = &x->m[first[i][best]];
        e->kind = (skein_kind)best;
        e->place = m->place ? skein__place_id((uint32_t)m->place) : NULL;
        memcpy(e->keys, m->keys, sizeof(e->keys));
        e->nkeys = m->nkeys, e->alt = m->alt, e->words = m->ntok;
    }
}

/* The name entries: mentions with the same surface make one name, counted
 * and spanned once each, kind and strength from any of them. */
static int make_names(skein__extractor *x) {
    if (skein__grow((void **)&x->entry, &x->entry_cap, x->nm + 1, sizeof(*x->entry)) ||
        skein__grow((void **)&x->names, &x->names_cap, SKEIN_MIN(x->nm, SKEIN_MAX_NAMES) + 1,
                    sizeof(*x->names)) ||
        skein__grow((void **)&x->spans, &x->spans_cap, x->nm + 1, sizeof(*x->spans)))
        return -1;
    size_t nnames = 0;
    for (size_t k = 0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        const char *sf = x->strings.buf + m->str;
        x->entry[k] = -1;
        if (m->dropped) continue;
        for (size_t j = 0; j < k && x->entry[k] < 0; j++)
            if (x->entry[j] >= 0 && x->m[j].len == m->len &&
                !memcmp(x->strings.buf + x->m[j].str, sf, m->len))
                x->entry[k] = x->entry[j];
        if (x->entry[k] >= 0) {
            skein_name_note *e = &x->names[x->entry[k]];
            e->count++;
            if (!m->weak) e->weak = 0;
            continue;
        }
        if (nnames >= SKEIN_MAX_NAMES) continue;
        x->entry[k] = (int32_t)nnames;
        skein_name_note *e = &x->names[nnames++];
        memset(e, 0, sizeof(*e));
        e->name = sf, e->kind = (skein_kind)m->kind, e->count = 1, e->words = m->ntok,
        e->weak = m->weak;
        e->place = m->place ? skein__place_id((uint32_t)m->place) : NULL;
        memcpy(e->keys, m->keys, sizeof(e->keys));
        e->nkeys = m->nkeys, e->alt = m->alt;
    }
    name_kinds(x, nnames);
    /* each name's spans together, in the order of its mentions */
    size_t at = 0;
    for (size_t i = 0; i < nnames; i++)
        x->names[i].mentions = x->spans + at, at += x->names[i].count;
    for (size_t i = 0; i < nnames; i++) x->names[i].count = 0;
    for (size_t k = 0; k < x->nm; k++) {
        if (x->entry[k] < 0) continue;
        skein_name_note *e = &x->names[x->entry[k]];
        ((skein_span *)e->mentions)[e->count++] = x->m[k].span;
    }
    x->notes.names = x->names, x->notes.nnames = nnames;
    return 0;
}

/* The last word of mention m's surface: its start into *w, its length. */
static size_t last_word(const skein__extractor *x, const mention *m, const char **w) {
    const char *s = x->strings.buf + m->str, *e = s + m->len, *p = e;
    while (p > s && p[-1] != ' ') p--;
    *w = p;
    return (size_t)(e - p);
}

static int ascii(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* Do mentions m and o, which share their last key (how their last words sound: "Lavrov",
 * "Лавров", "Лаврова"), end in one surname?  Two surnames in plain ASCII must also be spelt
 * alike, case aside: "Frank" is no "French", "Emara" no "Oumar". */
static int spelt_alike(const skein__extractor *x, const mention *m, const mention *o) {
    const char *a, *b;
    size_t na = last_word(x, m, &a), nb = last_word(x, o, &b);
    return !ascii(a, na) || !ascii(b, nb) || (na == nb && !strncasecmp(a, b, na));
}

/* The most complete name of the article that shares the surname of
 * mention k: "Lavrov" said -> "Sergei Lavrov". */
static int32_t fullest(const skein__extractor *x, int32_t k) {
    const mention *m = &x->m[k];
    uint64_t last = m->keys[m->nkeys - 1];
    int32_t best = k;
    for (size_t j = 0; j < x->nm; j++) {
        const mention *o = &x->m[j];
        if (!o->nkeys || o->place || o->keys[o->nkeys - 1] != last || o->ntok <= x->m[best].ntok ||
            !spelt_alike(x, m, o))
            continue;
        best = (int32_t)j;
    }
    return best;
}

static int make_quotes(skein__extractor *x) {
    if (skein__grow((void **)&x->quotes, &x->quotes_cap, x->nq + 1, sizeof(*x->quotes))) return -1;
    for (size_t k = 0; k < x->nq; k++) {
        const quote *q = &x->q[k];
        skein_quote_note *o = &x->quotes[k];
        *o = (skein_quote_note){x->strings.buf + q->str,  NULL,    -1,
                                (skein_attribution)q->by, q->span, q->confidence};
        if (q->speaker < 0) continue;
        int32_t f = fullest(x, q->speaker);
        o->speaker = x->strings.buf + x->m[f].str;
        o->name = x->entry[f];
    }
    x->notes.quotes = x->quotes, x->notes.nquotes = x->nq;
    return 0;
}

static int make_numbers(skein__extractor *x) {
    if (skein__grow((void **)&x->numbers, &x->numbers_cap, x->nnum + 1, sizeof(*x->numbers)))
        return -1;
    for (size_t k = 0; k < x->nnum; k++)
        x->numbers[k] =
            (skein_number_note){x->num[k].value, x->strings.buf + x->num[k].str, x->num[k].count};
    x->notes.numbers = x->numbers, x->notes.nnumbers = x->nnum;
    return 0;
}

static int make_sentences(skein__extractor *x) {
    if (skein__grow((void **)&x->sentences, &x->sentences_cap, x->nlead + 1, sizeof(*x->sentences)))
        return -1;
    for (size_t k = 0; k < x->nlead; k++)
        x->sentences[k] = (skein_sentence_note){x->strings.buf + x->lead[k].str, x->lead[k].span};
    x->notes.sentences = x->sentences, x->notes.nsentences = x->nlead;
    memcpy(x->notes.sketch, x->sketch, sizeof(x->sketch));
    return 0;
}

const skein_notes *skein__extract_finish(skein__extractor *x) {
    if (!x->strings.buf && skein__sbuf_adds(&x->strings, "")) return NULL;
    if (make_names(x) || make_quotes(x) || make_numbers(x) || make_sentences(x)) return NULL;
    return &x->notes;
}
