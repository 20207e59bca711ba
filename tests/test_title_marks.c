/* test_title_marks.c -- a headline's names and subject as the featurizer
 * marks them (feature.h, SKEIN_SUB_TDATE): which capitalised words are
 * names, which name is the subject, and that each mark leads back to its
 * word in the body and title vectors.  Headlines and texts written here. */
#include "test.h"

#include "analyze.h"
#include "feature.h"
#include "lexicon.h"
#include "skein.h"

#include <string.h>

typedef struct marks {
    skein__analyzer *an;
    skein__featurizer *fz;
    skein__doc d;
} marks;

/* Features of one article, its headline's marks included, into m->d. */
static void featurize(marks *m, const char *lang, const char *title, const char *text) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(m->an, title, strlen(title), lang, 256, &t, &n), SKEIN_OK);
    assert_int_equal(skein__features_add_tokens(m->fz, m->an, t, n, lang, 1), 0);
    assert_int_equal(skein__features_add_title_marks(m->fz, m->an, t, n, lang), 0);
    assert_int_equal(skein__analyze(m->an, text, strlen(text), lang, 4096, &t, &n), SKEIN_OK);
    assert_int_equal(skein__features_add_tokens(m->fz, m->an, t, n, lang, 0), 0);
    assert_int_equal(skein__features_finish(m->fz, &m->d), 0);
}

/* 1 when vector v has feature id. */
static int has(const skein__fvec *v, uint64_t id) {
    for (size_t i = 0; i < v->n; i++)
        if (v->f[i].id == id) return 1;
    return 0;
}

/* The kind of mark `word` (one word, `lang`) has among m->d's marks:
 * SKEIN_MARK_SUBJECT when it has a subject mark, SKEIN_MARK_NAME a name
 * mark only, -1 none.  Every name mark found must lead back to the word's
 * body and title features. */
static int mark_of(marks *m, const char *lang, const char *word) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(m->an, word, strlen(word), lang, 4, &t, &n), SKEIN_OK);
    assert_int_equal(n, 1);
    skein__featurizer *fz = skein__featurizer_new();
    skein__doc one;
    skein__doc_init(&one); /* the word's own body and title ids, as a title */
    assert_int_equal(skein__features_add_tokens(fz, m->an, t, n, lang, 1), 0);
    assert_int_equal(skein__features_finish(fz, &one), 0);
    assert_int_equal(one.sub[SKEIN_SUB_BODY].n, 1);
    uint64_t body = one.sub[SKEIN_SUB_BODY].f[0].id, title = one.sub[SKEIN_SUB_TITLE].f[0].id;
    skein__doc_release(&one);
    skein__featurizer_free(fz);
    int kind = -1;
    const skein__fvec *v = &m->d.sub[SKEIN_SUB_TDATE];
    for (size_t i = 0; i < v->n; i++) {
        uint64_t as_body[2], as_title[2];
        int k = skein__title_mark(v->f[i].id, SKEIN_SUB_BODY, as_body);
        if (k == SKEIN_MARK_DAY) continue;
        assert_int_equal(skein__title_mark(v->f[i].id, SKEIN_SUB_TITLE, as_title), k);
        if (as_body[0] != body && as_body[1] != body) continue;
        assert_true(as_title[0] == title || as_title[1] == title);
        assert_true(has(&m->d.sub[SKEIN_SUB_BODY], body)); /* the doc's own word */
        kind = k == SKEIN_MARK_SUBJECT ? k : kind < 0 ? k : kind;
    }
    return kind;
}

static void headline_names_and_subject(void **state) {
    (void)state;
    marks m;
    m.an = skein__analyzer_new(0, skein__lexicon_word_info);
    m.fz = skein__featurizer_new();
    assert_non_null(m.an);
    assert_non_null(m.fz);
    skein__doc_init(&m.d);
    /* The first word is a name the text writes as one mid-sentence: the
     * subject; a name inside; a common noun capitalised as a quote's first
     * word and a month are none. */
    featurize(&m, "ru", "Лукашенко поздравил Токаева с юбилеем и наградил «Ветеранов» 8 ноября",
              "В пятницу президент Лукашенко направил Токаеву поздравление. Ветераны "
              "собрались в парке.");
    assert_int_equal(mark_of(&m, "ru", "Лукашенко"), SKEIN_MARK_SUBJECT);
    assert_int_equal(mark_of(&m, "ru", "Токаева"), SKEIN_MARK_NAME);
    assert_int_equal(mark_of(&m, "ru", "Ветеранов"), -1);
    assert_int_equal(mark_of(&m, "ru", "ноября"), -1);
    /* A first word the text never writes as a name is neither; the next
     * name is no subject (the subject is the run the headline opens with). */
    featurize(&m, "ru", "Погода в Бресте на выходные", "В Бресте пройдут дожди. Погода улучшится.");
    assert_int_equal(mark_of(&m, "ru", "Погода"), -1);
    assert_int_equal(mark_of(&m, "ru", "Бресте"), SKEIN_MARK_NAME);
    /* An opening run of names is the subject; a headline in title case has
     * names but no subject. */
    featurize(&m, "en", "Defence Ministry confirms readiness for pullback of forces near Zarechny",
              "A spokesman for the Defence Ministry said troops would leave Zarechny.");
    assert_int_equal(mark_of(&m, "en", "Defence"), SKEIN_MARK_SUBJECT);
    assert_int_equal(mark_of(&m, "en", "Ministry"), SKEIN_MARK_SUBJECT);
    assert_int_equal(mark_of(&m, "en", "Zarechny"), SKEIN_MARK_NAME);
    featurize(&m, "en", "Defence Ministry Confirms The Pullback Near Zarechny",
              "A spokesman for the Defence Ministry said troops would leave Zarechny.");
    assert_int_equal(mark_of(&m, "en", "Defence"), SKEIN_MARK_NAME);
    assert_int_equal(mark_of(&m, "en", "Zarechny"), SKEIN_MARK_NAME);
    skein__doc_release(&m.d);
    skein__featurizer_free(m.fz);
    skein__analyzer_free(m.an);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(headline_names_and_subject),
};

SKEIN_TEST_GROUP(title_marks, tests)
