/* test_tagger.c -- the trained name tagger: labels on sentences written for these tests, the
 * decoder's rules, threads.
 *
 * Each sentence is analysed as the pipeline does it and its labels compared
 * with what a reader would mark (one letter per token: O, P person, G
 * organisation, L place, M other; lower case for a name's following words).
 * The sentences were written for skein, not taken from any corpus. */
#include "test.h"

#include "analyze.h"
#include "lexicon.h"
#include "skein.h"
#include "tagger.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tagged {
    skein__analyzer *an;
    skein__tagger *tg;
    const skein__tok *t;
    size_t n;
    uint8_t labels[4096];
    char letters[4097];
} tagged;

/* One letter per label: O, then B/I of PER, ORG, LOC, MISC. */
static const char letter[SKEIN__TAG_N] = {'O', 'P', 'p', 'G', 'g', 'L', 'l', 'M', 'm'};

static int tag(tagged *x, const char *lang, const char *text) {
    if (!x->an) x->an = skein__analyzer_new(0, skein__lexicon_word_info);
    if (!x->tg) x->tg = skein__tagger_new();
    assert_non_null(x->an);
    assert_non_null(x->tg);
    assert_int_equal(skein__analyze(x->an, text, strlen(text), lang, 4096, &x->t, &x->n), SKEIN_OK);
    int rc = skein__tag(x->tg, lang, text, strlen(text), skein__analyzer_str(x->an, 0), x->t, x->n,
                        x->labels);
    for (size_t i = 0; i < x->n; i++) x->letters[i] = letter[x->labels[i]];
    x->letters[x->n] = 0;
    return rc;
}

static void release(tagged *x) {
    skein__analyzer_free(x->an);
    skein__tagger_free(x->tg);
}

static void expect(const char *lang, const char *text, const char *want) {
    tagged x = {0};
    assert_int_equal(tag(&x, lang, text), 1);
    if (strcmp(x.letters, want))
        fprintf(stderr, "%s: \"%s\"\n  got  %s\n  want %s\n", lang, text, x.letters, want);
    assert_string_equal(x.letters, want);
    release(&x);
}

static void test_models_compiled_in(void **state) {
    (void)state;
    static const char *const langs[] = {"en", "de", "es", "fr", "ru", "ar"};
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
        if (!skein_namer_has(langs[i])) fprintf(stderr, "no model for %s\n", langs[i]);
        assert_true(skein_namer_has(langs[i]));
    }
    assert_true(skein_namer_has("en-GB"));
    assert_false(skein_namer_has("xx"));
    assert_false(skein_namer_has(""));
}

static void test_english(void **state) {
    (void)state;
    expect("en", "Angela Merkel met Emmanuel Macron in Paris.", "PpOPpOL");
    expect("en", "The talks between Russia and NATO ended in Geneva on Friday.", "OOOLOGOOLOO");
}

static void test_german(void **state) {
    (void)state;
    expect("de", "Bundeskanzler Olaf Scholz reiste am Montag nach Berlin.", "OPpOOOOL");
}

static void test_spanish(void **state) {
    (void)state;
    expect("es", "El presidente Pedro Sánchez viajó ayer a Madrid.", "OOPpOOOL");
}

static void test_french(void **state) {
    (void)state;
    expect("fr", "Emmanuel Macron a rencontré Angela Merkel à Berlin.", "PpOOPpOL");
}

static void test_russian(void **state) {
    (void)state;
    expect("ru", "Владимир Путин прилетел в Пекин.", "PpOOL");
}

static void test_arabic(void **state) {
    (void)state;
    expect("ar", "وصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة", "OOOPpOL");
}

/* No model: every label O, and 0 returned. */
static void test_no_model(void **state) {
    (void)state;
    tagged x = {0};
    assert_int_equal(tag(&x, "xx", "Angela Merkel met Emmanuel Macron in Paris."), 0);
    assert_string_equal(x.letters, "OOOOOOO");
    release(&x);
}

/* Whatever the text, the labels are valid BIO: I-X only after B-X or I-X. */
static void test_valid_bio(void **state) {
    (void)state;
    static const char *const texts[] = {
        "of of of the The THE 123 , . Paris-based NATO's U.S.",
        "Ministry Of Foreign Affairs Of The Russian Federation Says",
        "\xD9\x88\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xA9 "
        "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xB1\xD8\xAC\xD9\x8A\xD8\xA9"};
    const char *langs[] = {"en", "de", "ru", "ar", "fr"};
    for (size_t k = 0; k < sizeof(langs) / sizeof(langs[0]); k++)
        for (size_t j = 0; j < sizeof(texts) / sizeof(texts[0]); j++) {
            tagged x = {0};
            tag(&x, langs[k], texts[j]);
            for (size_t i = 0; i < x.n; i++)
                assert_true(skein__tag_allowed(i ? x.labels[i - 1] : SKEIN__TAG_N, x.labels[i]));
            release(&x);
        }
}

/* A text longer than one chunk is tagged whole: the sentence at its end gets
 * the same labels as on its own. */
static void test_long_text(void **state) {
    (void)state;
    const char *tail = "Angela Merkel met Emmanuel Macron in Paris.";
    size_t cap = 12000;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = 0;
    while (len + 200 < cap)
        len += (size_t)snprintf(text + len, cap - len,
                                "The weather was fine and the market was quiet. ");
    snprintf(text + len, cap - len, "%s", tail);
    tagged x = {0};
    assert_int_equal(tag(&x, "en", text), 1);
    assert_true(x.n > 2 * SKEIN__TAG_MAX_CHUNK);
    assert_string_equal(x.letters + x.n - 7, "PpOPpOL");
    release(&x);
    free(text);
}

/* The decoder alone: emissions that prefer I-PER at the start still give a
 * valid sequence, and a mask limits each token to its labels. */
static void test_viterbi_rules(void **state) {
    (void)state;
    float emit[3][SKEIN__TAG_N] = {{0}}, trans[SKEIN__TAG_N + 1][SKEIN__TAG_N] = {{0}};
    uint8_t bp[3][SKEIN__TAG_N], out[3];
    emit[0][SKEIN__TAG_I_PER] = 5, emit[1][SKEIN__TAG_I_PER] = 5, emit[2][SKEIN__TAG_O] = 1;
    skein__tag_viterbi((const float(*)[SKEIN__TAG_N])emit, 3, (const float(*)[SKEIN__TAG_N])trans,
                       NULL, bp, out);
    assert_int_equal(out[0], SKEIN__TAG_B_PER);
    assert_int_equal(out[1], SKEIN__TAG_I_PER);
    assert_int_equal(out[2], SKEIN__TAG_O);
    uint16_t mask[3] = {1u << SKEIN__TAG_O, 1u << SKEIN__TAG_B_LOC, 1u << SKEIN__TAG_I_LOC};
    skein__tag_viterbi((const float(*)[SKEIN__TAG_N])emit, 3, (const float(*)[SKEIN__TAG_N])trans,
                       mask, bp, out);
    assert_int_equal(out[0], SKEIN__TAG_O);
    assert_int_equal(out[1], SKEIN__TAG_B_LOC);
    assert_int_equal(out[2], SKEIN__TAG_I_LOC);
}

/* The decoder as first written: all nine predecessors of every label, in
 * order, the first of equal scores kept.  The tagger's decoder skips the
 * ones a label forbids and takes eight labels at once; it must pick the
 * same path and the same back-pointers. */
static void reference_viterbi(const float (*emit)[SKEIN__TAG_N], size_t n,
                              const float (*trans)[SKEIN__TAG_N], const uint16_t *mask,
                              uint8_t (*bp)[SKEIN__TAG_N], uint8_t *out) {
    float d[SKEIN__TAG_N], nd[SKEIN__TAG_N];
    for (int l = 0; l < SKEIN__TAG_N; l++)
        d[l] = skein__tag_allowed(SKEIN__TAG_N, l) && (!mask || mask[0] >> l & 1)
                   ? emit[0][l] + trans[0][l]
                   : -INFINITY;
    for (size_t i = 1; i < n; i++) {
        for (int l = 0; l < SKEIN__TAG_N; l++) {
            float best = -INFINITY;
            int arg = 0;
            for (int p = 0; p < SKEIN__TAG_N; p++) {
                float v = d[p] + (skein__tag_allowed(p, l) ? trans[p + 1][l] : -INFINITY);
                if (p == 0 || v > best) best = v, arg = p;
            }
            nd[l] = !mask || mask[i] >> l & 1 ? best + emit[i][l] : -INFINITY;
            bp[i][l] = (uint8_t)arg;
        }
        memcpy(d, nd, sizeof(d));
    }
    int l = 0;
    for (int k = 1; k < SKEIN__TAG_N; k++)
        if (d[k] > d[l]) l = k;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)l;
        if (i) l = bp[i][l];
    }
}

/* Random scores on a coarse grid (so that ties are common), with and
 * without masks (some ruling out every label of a token). */
static void test_viterbi_like_reference(void **state) {
    (void)state;
    enum { T = 40 };
    static float emit[T][SKEIN__TAG_N], trans[SKEIN__TAG_N + 1][SKEIN__TAG_N];
    static uint8_t bp[T][SKEIN__TAG_N], bp_ref[T][SKEIN__TAG_N];
    uint8_t out[T], out_ref[T];
    uint16_t mask[T];
    unsigned seed = 11;
    size_t differ = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n = 1 + (size_t)round % T;
        for (int p = 0; p <= SKEIN__TAG_N; p++)
            for (int l = 0; l < SKEIN__TAG_N; l++)
                seed = seed * 1103515245u + 12345u, trans[p][l] = (float)((seed >> 16) % 7) - 3;
        for (size_t i = 0; i < n; i++) {
            for (int l = 0; l < SKEIN__TAG_N; l++)
                seed = seed * 1103515245u + 12345u, emit[i][l] = (float)((seed >> 16) % 5) * 0.5f;
            seed = seed * 1103515245u + 12345u;
            mask[i] = (uint16_t)((seed >> 12) & 0x1FF);
        }
        const uint16_t *m = round % 2 ? mask : NULL;
        skein__tag_viterbi((const float(*)[SKEIN__TAG_N])emit, n,
                           (const float(*)[SKEIN__TAG_N])trans, m, bp, out);
        reference_viterbi((const float(*)[SKEIN__TAG_N])emit, n,
                          (const float(*)[SKEIN__TAG_N])trans, m, bp_ref, out_ref);
        assert_memory_equal(out, out_ref, n);
        for (size_t i = 1; i < n; i++) assert_memory_equal(bp[i], bp_ref[i], SKEIN__TAG_N);
        differ += out[0] != out[n - 1];
    }
    assert_true(differ > 100); /* the paths were not all alike */
}

/* A folded word's hashes: the fast path for ASCII words and the general
 * one agree, whatever the length (none to past the longest affix). */
static void test_word_values_ascii(void **state) {
    (void)state;
    const char *words[] = {"",
                           "a",
                           "of",
                           "the",
                           "news",
                           "mayor",
                           "o'brien",
                           "u.s.",
                           "well-known",
                           "2024",
                           "x_y",
                           "reporters",
                           "internationalisation"};
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        skein__tag_unit fast, slow;
        memset(&fast, 0, sizeof(fast));
        memset(&slow, 0xff, sizeof(slow));
        skein__tag_word_values(&fast, words[k], strlen(words[k]), 0);
        skein__tag_word_values(&slow, words[k], strlen(words[k]), 1);
        assert_true(fast.word == slow.word);
        assert_memory_equal(fast.pre, slow.pre, sizeof(fast.pre));
        assert_memory_equal(fast.suf, slow.suf, sizeof(fast.suf));
        assert_int_equal(fast.length, slow.length);
    }
    /* and the affixes are the word's own: "news" and "newt" share three
     * first letters, "news" and "mews" three last */
    skein__tag_unit a, b;
    skein__tag_word_values(&a, "news", 4, 0);
    skein__tag_word_values(&b, "newt", 4, 0);
    assert_true(a.pre[2] == b.pre[2] && a.word != b.word && a.suf[0] != b.suf[0]);
    skein__tag_word_values(&b, "mews", 4, 0);
    assert_true(a.suf[2] == b.suf[2] && a.suf[3] != b.suf[3] && a.pre[0] != b.pre[0]);
}

/* A tagger remembers short words' values between texts: a word seen before
 * in another case, or a longer word sharing its first bytes, must not lend
 * its values.  After texts with the same words written otherwise, the
 * units the tagger prepares (through its memo) are those prepared without
 * (but for the affixes' hashes, which the memo keeps summed into weights:
 * test_sums_like_features). */
static void test_memo_like_fresh(void **state) {
    (void)state;
    const char *warm[] = {"APPLE SAID MAY BE US TURKEY CHINA WILL JORDAN SAID.",
                          "apple said may be us turkey china will jordan said.",
                          "Apples mayor usher turkeys chinatown willow jordanian."};
    const char *last = "Apple said in May that the US and Turkey, China and Jordan will talk. "
                       "Will Jordan meet the mayor of China, Maine? apple may turkey us";
    tagged x = {0};
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof(warm) / sizeof(warm[0]); k++) tag(&x, "en", warm[k]);
    tag(&x, "en", last);
    size_t n = SKEIN_MIN(x.n, (size_t)SKEIN__TAG_MAX_CHUNK);
    static skein__tag_chunk with, without;
    const char *pool = skein__analyzer_str(x.an, 0);
    skein__tag_prepare_memo(x.tg, &with, "en", last, strlen(last), pool, x.t, n);
    skein__tag_prepare(&without, "en", last, strlen(last), pool, x.t, n);
    assert_int_equal(with.n, without.n);
    for (size_t i = 0; i < n; i++) {
        const skein__tag_unit *a = &with.u[i], *b = &without.u[i];
        assert_true(a->word == b->word && a->shape == b->shape && a->stem == b->stem);
        assert_int_equal(a->length, b->length);
        assert_int_equal(a->may_name, b->may_name);
        assert_int_equal(a->flags, b->flags);
        assert_int_equal(a->gaz, b->gaz);
        assert_int_equal(a->gap_before, b->gap_before);
    }
    release(&x);
}

/* The weight rows the tagger sums for a token, those of one word taken
 * summed from its memo and others through tables, are those of the
 * features of the token prepared without a memo, token by token: after texts that fill the memo
 * with the same words written otherwise, in English (whose model reads the person-name list) and
 * Russian, and again after the memo's words were summed under the other language's model. */
static void test_sums_like_features(void **state) {
    (void)state;
    const char *warm[] = {"APPLE SAID MAY BE US TURKEY CHINA WILL JORDAN SAID.",
                          "apple said may be us turkey china will jordan said.",
                          "Apples mayor usher turkeys chinatown willow jordanian."};
    const char *last[] = {
        "Apple said in May that the US and Turkey, China and Jordan will talk "
        "(Will Jordan meet the mayor of China, Maine?) \"apple\" may: turkey us",
        "Владимир Путин прилетел в Пекин, сказал Иван Иванович Петров. apple may"};
    const char *lang[] = {"en", "ru"};
    tagged x = {0};
    for (int round = 0; round < 2; round++)
        for (size_t l = 0; l < 2; l++) {
            for (size_t k = 0; k < sizeof(warm) / sizeof(warm[0]); k++) tag(&x, lang[l], warm[k]);
            tag(&x, lang[1 - l], last[1 - l]);
            tag(&x, lang[l], last[l]);
            static int32_t sums[SKEIN__TAG_MAX_CHUNK][SKEIN__TAG_N];
            const skein__tag_chunk *c =
                skein__tag_sums(x.tg, lang[l], last[l], strlen(last[l]),
                                skein__analyzer_str(x.an, 0), x.t, x.n, sums);
            assert_non_null(c);
            assert_int_equal(c->n, x.n);
            static skein__tag_chunk fresh;
            fresh.options = c->options;
            skein__tag_prepare(&fresh, lang[l], last[l], strlen(last[l]),
                               skein__analyzer_str(x.an, 0), x.t, x.n);
            for (size_t i = 0; i < c->n; i++) {
                uint64_t f[SKEIN__TAG_MAX_FEATS];
                int32_t want[SKEIN__TAG_N];
                size_t nf = skein__tag_features(&fresh, i, f);
                assert_int_equal(skein__tag_row_sum(lang[l], f, nf, want), 1);
                assert_memory_equal(sums[i], want, sizeof(want));
            }
        }
    release(&x);
}

/* The public namer: spans of the text with their kinds. */
static void test_namer_spans(void **state) {
    (void)state;
    skein_namer *nm = skein_namer_new(NULL);
    assert_non_null(nm);
    const char *text = "Angela Merkel met Emmanuel Macron in Paris.";
    const skein_name *names;
    size_t n;
    assert_int_equal(skein_namer_find(nm, text, strlen(text), "en", &names, &n), SKEIN_OK);
    assert_int_equal(n, 3);
    assert_int_equal(names[0].off, 0);
    assert_int_equal(names[0].len, strlen("Angela Merkel"));
    assert_int_equal(names[0].kind, SKEIN_KIND_PERSON);
    assert_int_equal(names[2].off, strlen("Angela Merkel met Emmanuel Macron in "));
    assert_int_equal(names[2].len, 5);
    assert_int_equal(names[2].kind, SKEIN_KIND_PLACE);
    skein_namer_free(nm);
}

/* A line break after a sentence's last word ends it the way the end of a
 * text does (the trainer's sentences are texts of their own): the same
 * features, so the same labels in an article as alone. */
static void test_line_end_as_text_end(void **state) {
    (void)state;
    const char *alone = "Talks with Mozart", *in_text = "Talks with Mozart\nThe next line.";
    const char *lines[] = {alone, in_text};
    uint8_t gap[2];
    for (int k = 0; k < 2; k++) {
        tagged x = {0};
        tag(&x, "en", lines[k]);
        size_t n = skein__tag_chunk_len(lines[k], x.t, x.n);
        assert_int_equal(n, 3);
        static skein__tag_chunk c;
        skein__tag_prepare(&c, "en", lines[k], strlen(lines[k]), skein__analyzer_str(x.an, 0), x.t,
                           n);
        gap[k] = c.gap_end;
        release(&x);
    }
    assert_int_equal(gap[0], gap[1]);
}

/* The scores' keys: a "name" of punctuation alone ("@" tagged apart from
 * the handle after it) is no name, a possessive is no part of one, and a
 * hyphen the corpus split off inside a name is read glued ("Saint -
 * Gaudens" is Saint-Gaudens).  tests/fixtures/ner/marks.conll: three
 * sentences (one pseudo-document, as a file of fewer than ten documents
 * is read), gold names BethAnne17, Canada's, Saint - Gaudens, Canada. */
static void test_eval_keys(void **state) {
    (void)state;
    char path[4096];
    snprintf(path, sizeof(path), "%s/ner/marks.conll", skein_test_fixtures);
    skein_ner_options opt = {0, 0, 0, 0};
    skein_ner_scores s;
    assert_int_equal(skein_eval_ner(path, "en", &opt, &s), SKEIN_OK);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.doc.gold, 3); /* bethanne17, canada, saint-gaudens */
    assert_int_equal(s.doc_kind[SKEIN_KIND_PERSON].gold, 1);
    assert_int_equal(s.doc_kind[SKEIN_KIND_PLACE].gold, 2);
    assert_int_equal(s.span.gold, 4);
    opt.extract = 1;
    skein_ner_scores x;
    assert_int_equal(skein_eval_ner(path, "en", &opt, &x), SKEIN_OK);
    assert_int_equal(x.doc.gold, 3);
    /* "Canada's", which the extractor says "Canada", meets the gold "Canada" */
    assert_true(x.doc_kind[SKEIN_KIND_PLACE].hit >= 1);
}

/* Two taggers on two threads give the labels one gives alone. */
typedef struct job {
    const char *lang, *text;
    char letters[64];
} job;

static void *run_job(void *p) {
    job *j = p;
    for (int k = 0; k < 200; k++) {
        tagged x = {0};
        tag(&x, j->lang, j->text);
        size_t n =
            strlen(x.letters) < sizeof(j->letters) ? strlen(x.letters) : sizeof(j->letters) - 1;
        memcpy(j->letters, x.letters, n);
        j->letters[n] = 0;
        release(&x);
    }
    return NULL;
}

static void test_two_threads(void **state) {
    (void)state;
    job a = {"en", "Angela Merkel met Emmanuel Macron in Paris.", ""};
    job b = {"ru", "Владимир Путин прилетел в Пекин.", ""};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, run_job, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, run_job, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    assert_string_equal(a.letters, "PpOPpOL");
    assert_string_equal(b.letters, "PpOOL");
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_models_compiled_in),
    cmocka_unit_test(test_english),
    cmocka_unit_test(test_german),
    cmocka_unit_test(test_spanish),
    cmocka_unit_test(test_french),
    cmocka_unit_test(test_russian),
    cmocka_unit_test(test_arabic),
    cmocka_unit_test(test_no_model),
    cmocka_unit_test(test_valid_bio),
    cmocka_unit_test(test_long_text),
    cmocka_unit_test(test_viterbi_rules),
    cmocka_unit_test(test_viterbi_like_reference),
    cmocka_unit_test(test_word_values_ascii),
    cmocka_unit_test(test_memo_like_fresh),
    cmocka_unit_test(test_sums_like_features),
    cmocka_unit_test(test_namer_spans),
    cmocka_unit_test(test_line_end_as_text_end),
    cmocka_unit_test(test_eval_keys),
    cmocka_unit_test(test_two_threads),
};

SKEIN_TEST_GROUP(tagger, tests)
