/* test_stemcache.c -- the stem cache gives what stemming afresh gives.
 *
 * The words of the multilingual fixtures, in text order and with their
 * repeats, are stemmed by three stemsets: one with the default cache, one
 * whose cache is dropped every few hundred bytes of stems (so words are
 * evicted and stemmed again), and one that caches nothing.  Every field of
 * every answer must agree, and so must the analyzer's tokens (its own cached
 * stemset) with the uncached answers.  The analyzer's byte offsets are
 * checked too, as they are taken from ASCII texts without counting. */
#include "test.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "lexicon.h"
#include "skein.h"
#include "stem.h"
#include "stopwords.h"

#define MAX_ARTICLES 256
#define MAX_WORDS 200000

typedef struct word {
    const char *lang;
    char *w;
    size_t len;
} word;

typedef struct answer {
    uint64_t hash;
    char stem[256];
    size_t len;
    int stop, place, name_like;
    uint64_t concepts[SKEIN__WORD_CONCEPTS];
    size_t nconcepts;
} answer;

static void stem_one(skein__stemset *s, const word *w, answer *a) {
    skein__stemmed st;
    assert_int_equal(skein__stem(s, skein__stem_lang(s, w->lang), w->w, w->len, &st), 0);
    assert_true(st.len < sizeof(a->stem));
    assert_true(st.nconcepts <= SKEIN__WORD_CONCEPTS);
    memset(a, 0, sizeof(*a));
    a->hash = st.hash, a->len = st.len, a->stop = st.stop;
    a->place = st.place, a->name_like = st.name_like, a->nconcepts = st.nconcepts;
    memcpy(a->stem, st.stem, st.len);
    assert_int_equal(strlen(st.stem), st.len);
    memcpy(a->concepts, st.concepts, st.nconcepts * sizeof(*st.concepts));
}

/* What the stemset said of w, checked against the sources it caches: the
 * stem's hash, the stopword list, the word-info hook. */
static void assert_sources(const answer *a, const word *w) {
    if (a->hash != skein__hash(a->stem, a->len))
        fail_msg("%s \"%s\": hash is not the stem's", w->lang, w->w);
    int stop = skein__stoplist_has(skein__stoplist_find(w->lang), w->w, w->len);
    if (a->stop != stop) fail_msg("%s \"%s\": stop %d, list %d", w->lang, w->w, a->stop, stop);
    skein__word_info wi;
    memset(&wi, 0, sizeof(wi));
    skein__lexicon_word_info(w->lang, a->hash, &wi);
    if (a->nconcepts != wi.nconcepts || a->place != !!wi.place || a->name_like != !!wi.name_like ||
        memcmp(a->concepts, wi.concepts, wi.nconcepts * sizeof(uint64_t)))
        fail_msg("%s \"%s\": concepts %zu place %d name_like %d, lexicon %zu %d %d", w->lang, w->w,
                 a->nconcepts, a->place, a->name_like, wi.nconcepts, wi.place, wi.name_like);
}

static void assert_same(const answer *got, const answer *want, const word *w, const char *which) {
    if (got->hash != want->hash || strcmp(got->stem, want->stem) || got->len != want->len ||
        got->stop != want->stop || got->place != want->place || got->name_like != want->name_like ||
        got->nconcepts != want->nconcepts ||
        memcmp(got->concepts, want->concepts, sizeof(got->concepts)))
        fail_msg("%s: %s \"%.*s\": stem \"%s\" stop %d place %d name_like %d concepts %zu, "
                 "uncached: \"%s\" stop %d place %d name_like %d concepts %zu",
                 which, w->lang, (int)w->len, w->w, got->stem, got->stop, got->place,
                 got->name_like, got->nconcepts, want->stem, want->stop, want->place,
                 want->name_like, want->nconcepts);
}

static void stem_cache_matches_uncached(void **state) {
    (void)state;
    skein_json_article *arts = calloc(MAX_ARTICLES, sizeof(*arts));
    word *words = calloc(MAX_WORDS, sizeof(*words));
    assert_non_null(arts);
    assert_non_null(words);
    size_t na = skein_test_load_articles("crosslingual.jsonl", arts, 0, MAX_ARTICLES, 1);
    na = skein_test_load_articles("events.jsonl", arts, na, MAX_ARTICLES, 1);
    na = skein_test_load_articles("story.jsonl", arts, na, MAX_ARTICLES, 1);

    skein__stemset *fresh = skein__stemset_new(skein__lexicon_word_info);
    skein__stemset *cached = skein__stemset_new(skein__lexicon_word_info);
    skein__stemset *small = skein__stemset_new(skein__lexicon_word_info);
    skein__analyzer *an = skein__analyzer_new(1, skein__lexicon_word_info);
    assert_non_null(fresh);
    assert_non_null(cached);
    assert_non_null(small);
    assert_non_null(an);
    skein__stemset_set_limit(fresh, 0);
    skein__stemset_set_limit(small, 300);

    size_t nw = 0, ascii_texts = 0;
    for (size_t i = 0; i < na; i++) {
        const skein_article *a = &arts[i].a;
        const char *texts[] = {a->title, a->text};
        for (size_t k = 0; k < 2; k++) {
            const char *s = texts[k];
            if (!s || !*s) continue;
            const skein__tok *t;
            size_t n;
            assert_int_equal(skein__analyze(an, s, strlen(s), a->lang, 100000, &t, &n), SKEIN_OK);
            int ascii = 1;
            for (const char *p = s; *p && ascii; p++) ascii = (unsigned char)*p < 0x80;
            ascii_texts += (size_t)ascii;
            for (size_t j = 0; j < n; j++) {
                word w = {a->lang,
                          skein__strndup(skein__analyzer_str(an, t[j].norm), t[j].norm_len),
                          t[j].norm_len};
                assert_non_null(w.w);
                /* The analyzer's token agrees with stemming afresh. */
                answer want;
                stem_one(fresh, &w, &want);
                if (t[j].hash != want.hash ||
                    strcmp(skein__analyzer_str(an, t[j].stem), want.stem) ||
                    !!(t[j].flags & SKEIN_TOK_STOP) != want.stop ||
                    !!(t[j].flags & SKEIN_TOK_PLACE) != want.place ||
                    !!(t[j].flags & SKEIN_TOK_NAMELIKE) != want.name_like ||
                    t[j].lex_n != want.nconcepts ||
                    memcmp(skein__analyzer_lex(an) + t[j].lex, want.concepts,
                           want.nconcepts * sizeof(uint64_t)))
                    fail_msg("analyzer: %s \"%s\": stem \"%s\", uncached \"%s\"", w.lang, w.w,
                             skein__analyzer_str(an, t[j].stem), want.stem);
                /* Offsets: the token's bytes, lower-cased, are its folded form. */
                if (ascii) {
                    assert_true(t[j].off + t[j].len <= strlen(s));
                    assert_int_equal(t[j].len, t[j].norm_len);
                    for (uint32_t b = 0; b < t[j].len; b++) {
                        char c = s[t[j].off + b];
                        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                        assert_int_equal(c, w.w[b]);
                    }
                }
                assert_true(nw < MAX_WORDS);
                words[nw++] = w;
            }
        }
    }
    assert_true(nw > 1000);
    assert_true(ascii_texts > 10);

    /* Two passes: the second finds every word cached (or evicted, in `small`). */
    size_t distinct_hits = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nw; i++) {
            answer want, got;
            stem_one(fresh, &words[i], &want);
            assert_sources(&want, &words[i]);
            stem_one(cached, &words[i], &got);
            assert_same(&got, &want, &words[i], "cached");
            stem_one(small, &words[i], &got);
            assert_same(&got, &want, &words[i], "small cache");
            distinct_hits += want.nconcepts > 0 && want.concepts[0] != want.hash;
        }
    /* The fixtures hold words whose concepts are not their own stem (the
     * cache's slower path) as well as English ones. */
    assert_true(distinct_hits > 0);

    for (size_t i = 0; i < nw; i++) free(words[i].w);
    for (size_t i = 0; i < na; i++) skein_json_article_release(&arts[i]);
    skein__analyzer_free(an);
    skein__stemset_free(fresh);
    skein__stemset_free(cached);
    skein__stemset_free(small);
    free(words);
    free(arts);
}

/* ---- Ukrainian: one Hunspell dictionary for the process ------------------- */

typedef struct uk_job {
    skein__stemset *s;
    const word *words;
    const answer *want;
    size_t n, differ, failed;
} uk_job;

/* Stems every word with its own stemset (no cache: each word goes to
 * Hunspell) and counts answers that differ from `want`; no asserts off the
 * test's thread. */
static void *uk_thread(void *arg) {
    uk_job *j = arg;
    int lang = skein__stem_lang(j->s, "uk");
    for (size_t i = 0; i < j->n; i++) {
        skein__stemmed st;
        if (skein__stem(j->s, lang, j->words[i].w, j->words[i].len, &st)) {
            j->failed++;
            continue;
        }
        j->differ += st.hash != j->want[i].hash || strcmp(st.stem, j->want[i].stem) != 0;
    }
    return NULL;
}

/* The Ukrainian dictionary is loaded once and shared by every stemset: two
 * threads stemming at once through it get what one stemset alone got; it
 * outlives the stemset that loaded it while others use it, and loads again
 * after the last one freed it. */
static void uk_dictionary_shared(void **state) {
    (void)state;
    skein_json_article *arts = calloc(MAX_ARTICLES, sizeof(*arts));
    word *words = calloc(MAX_WORDS, sizeof(*words));
    answer *want = calloc(MAX_WORDS, sizeof(*want));
    assert_non_null(arts), assert_non_null(words), assert_non_null(want);
    size_t na = skein_test_load_articles("crosslingual.jsonl", arts, 0, MAX_ARTICLES, 0);
    skein__analyzer *an = skein__analyzer_new(1, skein__lexicon_word_info);
    skein__stemset *one = skein__stemset_new(skein__lexicon_word_info);
    assert_non_null(an), assert_non_null(one);
    skein__stemset_set_limit(one, 0);
    size_t nw = 0, lemmatised = 0;
    for (size_t i = 0; i < na; i++) {
        const skein_article *a = &arts[i].a;
        if (!a->lang || strcmp(a->lang, "uk") != 0 || !a->text) continue;
        const skein__tok *t;
        size_t n;
        assert_int_equal(skein__analyze(an, a->text, strlen(a->text), "uk", 100000, &t, &n),
                         SKEIN_OK);
        for (size_t j = 0; j < n && nw < MAX_WORDS; j++, nw++) {
            words[nw] =
                (word){"uk", skein__strndup(skein__analyzer_str(an, t[j].norm), t[j].norm_len),
                       t[j].norm_len};
            assert_non_null(words[nw].w);
            stem_one(one, &words[nw], &want[nw]);
            lemmatised += strcmp(want[nw].stem, words[nw].w) != 0;
        }
    }
    assert_true(nw > 100);
    char dic[512];
    snprintf(dic, sizeof(dic), "%s/uk_UA.dic", SKEIN_HUNSPELL_DIR);
    FILE *f = fopen(dic, "rb");
    if (f) { /* installed: Hunspell did give lemmas */
        fclose(f);
        assert_true(lemmatised > nw / 4);
    }

    uk_job jobs[2];
    pthread_t tid[2];
    for (int k = 0; k < 2; k++) {
        jobs[k] = (uk_job){skein__stemset_new(skein__lexicon_word_info), words, want, nw, 0, 0};
        assert_non_null(jobs[k].s);
        skein__stemset_set_limit(jobs[k].s, 0);
        skein__stem_lang(jobs[k].s, "uk");
    }
    /* The stemset and the analyzer that loaded it go; the threads' keep it. */
    skein__stemset_free(one);
    skein__analyzer_free(an);
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_create(&tid[k], NULL, uk_thread, &jobs[k]), 0);
    for (int k = 0; k < 2; k++) {
        pthread_join(tid[k], NULL);
        assert_int_equal(jobs[k].failed, 0);
        if (jobs[k].differ) fail_msg("thread %d: %zu of %zu stems differ", k, jobs[k].differ, nw);
        skein__stemset_free(jobs[k].s);
    }
    /* All gone: the next stemset loads it again. */
    uk_job again = {skein__stemset_new(skein__lexicon_word_info), words, want, nw, 0, 0};
    assert_non_null(again.s);
    uk_thread(&again);
    assert_int_equal(again.failed, 0);
    assert_int_equal(again.differ, 0);
    skein__stemset_free(again.s);

    for (size_t i = 0; i < nw; i++) free(words[i].w);
    for (size_t i = 0; i < na; i++) skein_json_article_release(&arts[i]);
    free(words), free(want), free(arts);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(stem_cache_matches_uncached),
    cmocka_unit_test(uk_dictionary_shared),
};
SKEIN_TEST_GROUP(stemcache, tests);
