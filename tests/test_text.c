/* test_text.c -- the text layer: UTF-8 checks, the cleaner, the analyzer, stoplists.
 *
 * Byte sequences are spelled out with \x escapes so each case says exactly
 * which rule of UTF-8 it breaks.  Analyzer cases look at single tokens by
 * position, so a failure names the word that came out wrong. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analyze.h"
#include "lexicon.h"
#include "clean.h"
#include "skein.h"
#include "stopwords.h"
#include "utf8.h"
#include "util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- UTF-8 ---------------------------------------------------------------- */

static size_t check(const char *s) { return skein__utf8_check(s, strlen(s)); }

static void utf8_valid(void **state) {
    (void)state;
    const char *ok[] = {
        "",
        "plain ascii",
        "caf\xc3\xa9",                      /* é, 2 bytes */
        "\xe2\x82\xac 5",                   /* €, 3 bytes */
        "\xf0\x9f\x98\x80",                 /* U+1F600, 4 bytes */
        "\xc2\x80",                         /* U+0080, smallest 2-byte */
        "\xe0\xa0\x80",                     /* U+0800, smallest 3-byte */
        "\xed\x9f\xbf",                     /* U+D7FF, just below the surrogates */
        "\xee\x80\x80",                     /* U+E000, just above them */
        "\xf0\x90\x80\x80",                 /* U+10000, smallest 4-byte */
        "\xf4\x8f\xbf\xbf",                 /* U+10FFFF, the last code point */
        "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", /* Київ */
    };
    for (size_t i = 0; i < N(ok); i++) {
        if (check(ok[i]) != strlen(ok[i])) print_error("case %zu\n", i);
        assert_int_equal(check(ok[i]), strlen(ok[i]));
    }
}

static void utf8_invalid(void **state) {
    (void)state;
    /* Each string is "ab" followed by one bad sequence: the check must point at
     * offset 2, the first byte of that sequence. */
    const char *bad[] = {
        "ab\xc0\xaf",         /* overlong '/' (2 bytes) */
        "ab\xc1\xbf",         /* overlong, C1 lead */
        "ab\xe0\x80\xaf",     /* overlong '/' (3 bytes) */
        "ab\xe0\x9f\xbf",     /* overlong U+07FF */
        "ab\xf0\x80\x80\xaf", /* overlong '/' (4 bytes) */
        "ab\xf0\x8f\xbf\xbf", /* overlong U+FFFF */
        "ab\xed\xa0\x80",     /* U+D800, high surrogate */
        "ab\xed\xbf\xbf",     /* U+DFFF, low surrogate */
        "ab\xf4\x90\x80\x80", /* U+110000 */
        "ab\xf5\x80\x80\x80", /* lead byte past F4 */
        "ab\xff",             /* never valid */
        "ab\xfe",             /* never valid */
        "ab\x80",             /* lone continuation byte */
        "ab\xc3",             /* truncated 2-byte at the end */
        "ab\xe2\x82",         /* truncated 3-byte at the end */
        "ab\xf0\x9f\x98",     /* truncated 4-byte at the end */
        "ab\xe2\x82x",        /* truncated 3-byte before ASCII */
        "ab\xc3\xc3\xa9",     /* lead byte where a continuation belongs */
    };
    for (size_t i = 0; i < N(bad); i++) {
        if (check(bad[i]) != 2) print_error("case %zu\n", i);
        assert_int_equal(check(bad[i]), 2);
    }
    /* The error is found after valid multi-byte text, at its own offset. */
    assert_int_equal(check("\xc3\xa9\xe2\x82\xac\xff"), 5);
    /* A truncated sequence is only truncated with respect to `len`. */
    assert_int_equal(skein__utf8_check("\xc3\xa9", 1), 0);
    assert_int_equal(skein__utf8_check("x\xe2\x82\xac", 3), 1);
}

static void utf8_decode_and_put(void **state) {
    (void)state;
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff";
    size_t len = strlen(s), i = 0;
    const uint32_t want[] = {'a', 0xE9, 0x20AC, 0x1F600, 0xFFFD};
    const size_t after[] = {1, 3, 6, 10, 11};
    for (size_t k = 0; k < N(want); k++) {
        assert_int_equal(skein__utf8_next(s, len, &i), want[k]);
        assert_int_equal(i, after[k]);
    }
    char buf[4];
    for (size_t k = 0; k < 4; k++) {
        size_t n = skein__utf8_put(want[k], buf);
        assert_int_equal(n, after[k] - (k ? after[k - 1] : 0));
        assert_memory_equal(buf, s + (k ? after[k - 1] : 0), n);
    }
}

static void utf8_cut(void **state) {
    (void)state;
    /* "a" é(2) €(3) 😀(4): boundaries at 0, 1, 3, 6, 10. */
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    size_t len = strlen(s);
    const size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10};
    for (size_t max = 0; max <= len; max++) {
        if (skein__utf8_cut(s, len, max) != want[max]) print_error("max %zu\n", max);
        assert_int_equal(skein__utf8_cut(s, len, max), want[max]);
    }
    assert_int_equal(skein__utf8_cut(s, len, 1000), len);
    assert_int_equal(skein__utf8_cut("abc", 3, 2), 2);
}

/* ---- Cleaner ----------------------------------------------------------------- */

/* Cleans s and compares with want. */
static void expect_clean(const char *s, const char *want) {
    sbuf b;
    skein__sbuf_init(&b);
    assert_int_equal(skein__clean(s, strlen(s), &b, NULL), 0);
    const char *got = b.len ? b.buf : "";
    if (strcmp(got, want) != 0) print_error("input: %s\n", s);
    assert_string_equal(got, want);
    assert_int_equal(b.len, strlen(want));
    /* with a map: the same text, and every byte but the blanks it folded or
     * put in comes from the input byte the map names */
    sbuf m;
    skein__sbuf_init(&m);
    skein__offmap map;
    skein__offmap_init(&map);
    assert_int_equal(skein__clean(s, strlen(s), &m, &map), 0);
    assert_string_equal(m.len ? m.buf : "", got);
    for (size_t j = 0; j < m.len; j++) {
        if (m.buf[j] == ' ' || m.buf[j] == '\n') continue;
        size_t at = skein__offmap_input(&map, j);
        if (at >= strlen(s) || s[at] != m.buf[j])
            print_error("input: %s\nbyte %zu of the output\n", s, j);
        assert_true(at < strlen(s) && s[at] == m.buf[j]);
    }
    skein__offmap_release(&map);
    skein__sbuf_release(&m);
    skein__sbuf_release(&b);
}

static void clean_controls_and_blanks(void **state) {
    (void)state;
    expect_clean("Hello\x01\x07world\x7f!", "Hello world!");
    expect_clean("one \t\t  two\xc2\xa0\xc2\xa0three", "one two three");
    expect_clean("zero\xe2\x80\x8bwidth\xef\xbb\xbf here", "zerowidth here");
    expect_clean("   leading and trailing   ", "leading and trailing");
    expect_clean("first\n\n\n  second\r\nthird", "first\nsecond\nthird");
    expect_clean("\xe2\x80\x83wide\xe3\x80\x80space", "wide space");
}

static void clean_furniture_lines(void **state) {
    (void)state;
    expect_clean("Rescuers reached the village.\n\xe2\x80\xa2 \xc2\xa9 Reuters\nThe road reopened.",
                 "Rescuers reached the village.\nThe road reopened.");
    expect_clean("\xd0\x9c\xd1\x96\xd1\x81\xd1\x82\xd0\xbe \xd0\xbe\xd1\x82\xd1\x80\xd0\xb8\xd0\xbc"
                 "\xd0\xb0\xd0\xbb\xd0\xbe \xd1\x81\xd0\xb2\xd1\x96\xd1\x82\xd0\xbb\xd0\xbe.\n"
                 "\xd0\xb2\xd0\xb0\xd1\x88 \xd0\xb2\xd1\x96\xd0\xb4\xd0\xb3\xd1\x83\xd0\xba:",
                 "\xd0\x9c\xd1\x96\xd1\x81\xd1\x82\xd0\xbe \xd0\xbe\xd1\x82\xd1\x80\xd0\xb8\xd0\xbc"
                 "\xd0\xb0\xd0\xbb\xd0\xbe \xd1\x81\xd0\xb2\xd1\x96\xd1\x82\xd0\xbb\xd0\xbe.");
    expect_clean("The vote passed.\nAdvertisement\nIt was close.",
                 "The vote passed.\nIt was close.");
    expect_clean("The vote passed.\nREAD MORE: other news", "The vote passed.");
    expect_clean("Line one\n\xe2\x80\xa2 \xe2\x80\xa2 \xe2\x80\xa2\nLine two",
                 "Line one\nLine two");
    /* A long paragraph that mentions a copyright sign is text, not a credit. */
    const char *para = "The museum said the painting, \xc2\xa9 its estate, would travel to three "
                       "cities next year and return to the capital after a long restoration.";
    expect_clean(para, para);
}

/* Furniture lines match in any case and script ("Ваш відгук:"). */
static void clean_furniture_any_case(void **state) {
    (void)state;

    expect_clean(
        "Body text.\n\xd0\x92\xd0\xb0\xd1\x88 \xd0\xb2\xd1\x96\xd0\xb4\xd0\xb3\xd1\x83\xd0\xba:",
        "Body text.");
}

/* A glued pair is split when both its words stand alone in the text (a link
 * widget's debris repeats the page); a name in camel case is kept whole. */
static void clean_glued_words(void **state) {
    (void)state;
    expect_clean("Vladimir Putin met reporters.\nPutinVladimir\nMore from Putin",
                 "Vladimir Putin met reporters.\nPutin Vladimir\nMore from Putin");
    expect_clean("Joe Biden spoke. Related: said BidenJoe",
                 "Joe Biden spoke. Related: said Biden Joe");
    expect_clean("Antony Blinken met the US envoy. BlinkenUS", /* a run of capitals after it */
                 "Antony Blinken met the US envoy. Blinken US");
    /* one word of the pair alone, or neither: a name written so */
    expect_clean("PutinVladimir met reporters", "PutinVladimir met reporters");
    expect_clean("BlackBerry shares fell as Black Friday sales began",
                 "BlackBerry shares fell as Black Friday sales began");
    expect_clean("PolitiFact rated the claim; WikiLeaks and JavaScript too",
                 "PolitiFact rated the claim; WikiLeaks and JavaScript too");
    /* a glued run does not vouch for its own words ("PutinVladimir" twice) */
    expect_clean("PutinVladimir and PutinVladimir", "PutinVladimir and PutinVladimir");
    /* three glued: each split stands on its own pair */
    expect_clean("Putin. Vladimir. Moscow. PutinVladimirMoscow",
                 "Putin. Vladimir. Moscow. Putin Vladimir Moscow");
    /* a word runs to the next glue point, not to any capital ("Mc", "De") */
    expect_clean("Trump and McConnell met. TrumpMcConnell",
                 "Trump and McConnell met. Trump McConnell");
    expect_clean("Biden, DeSantis. BidenDeSantis", "Biden, DeSantis. Biden DeSantis");
    /* letters of any script belong to the word; a quote mark does not */
    expect_clean("M\xc3\xbcller and Vladimir. M\xc3\xbcllerVladimir",
                 "M\xc3\xbcller and Vladimir. M\xc3\xbcller Vladimir");
    expect_clean("Putin\xe2\x80\x99s aide Vladimir. PutinVladimir",
                 "Putin\xe2\x80\x99s aide Vladimir. Putin Vladimir");
    expect_clean("Vladimir. PutinVladimir; Putinist", "Vladimir. PutinVladimir; Putinist");
    expect_clean("the new iPhone", "the new iPhone");
    expect_clean("McDonald and MacBook", "McDonald and MacBook");
    expect_clean("eBay PayPal YouTube", "eBay PayPal YouTube");
}

static void clean_empty_and_garbage(void **state) {
    (void)state;
    expect_clean("", "");
    expect_clean("   \t  ", "");
    expect_clean("\x01\x02\x03\n\x1b\x7f", "");
    expect_clean("\xe2\x80\xa2\xe2\x80\x94 \xc2\xa9\n ... --- !!!\n\xe2\x80\x8b", "");
}

/* ---- Analyzer ------------------------------------------------------------------ */

typedef struct analysis {
    skein__analyzer *an;
    const skein__tok *t;
    size_t n;
} analysis;

static analysis analyze(const char *s, const char *lang) {
    analysis a = {skein__analyzer_new(1, skein__lexicon_word_info), NULL, 0};
    assert_non_null(a.an);
    assert_int_equal(skein__analyze(a.an, s, strlen(s), lang, 1000, &a.t, &a.n), SKEIN_OK);
    return a;
}

static const char *norm(const analysis *a, size_t i) {
    assert_true(i < a->n);
    return skein__analyzer_str(a->an, a->t[i].norm);
}

static const char *stem(const analysis *a, size_t i) {
    assert_true(i < a->n);
    return skein__analyzer_str(a->an, a->t[i].stem);
}

static void analyze_english(void **state) {
    (void)state;
    analysis a = analyze("The talks were expanding", "en");
    assert_int_equal(a.n, 4);
    const char *norms[] = {"the", "talks", "were", "expanding"};
    const char *stems[] = {"the", "talk", "were", "expand"};
    const int stop[] = {1, 0, 1, 0};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(norm(&a, i), norms[i]);
        assert_string_equal(stem(&a, i), stems[i]);
        assert_int_equal(strlen(stem(&a, i)), a.t[i].stem_len);
        assert_int_equal(strlen(norm(&a, i)), a.t[i].norm_len);
        assert_int_equal((a.t[i].flags & SKEIN_TOK_STOP) != 0, stop[i]);
    }
    /* Equal stems hash equal; different stems differ. */
    skein__analyzer_free(a.an);
    a = analyze("talk talks talking walked", "en");
    assert_int_equal(a.n, 4);
    assert_true(a.t[0].hash == a.t[1].hash && a.t[1].hash == a.t[2].hash);
    assert_true(a.t[0].hash != a.t[3].hash);
    assert_string_equal(stem(&a, 3), "walk");
    skein__analyzer_free(a.an);
}

static void analyze_nfkc_casefold(void **state) {
    (void)state;
    analysis a = analyze("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 Stra\xc3\x9f"
                         "e",
                         NULL); /* ＡＢＣ Straße */
    assert_int_equal(a.n, 2);
    assert_string_equal(norm(&a, 0), "abc");
    assert_string_equal(norm(&a, 1), "strasse");
    assert_true(a.t[0].flags & SKEIN_TOK_CAP);
    skein__analyzer_free(a.an);
    /* Cyrillic capitals fold too: "КИЇВ" -> "київ". */
    a = analyze("\xd0\x9a\xd0\x98\xd0\x87\xd0\x92", "uk");
    assert_int_equal(a.n, 1);
    assert_string_equal(norm(&a, 0), "\xd0\xba\xd0\xb8\xd1\x97\xd0\xb2");
    assert_true(a.t[0].flags & SKEIN_TOK_ALLCAPS);
    skein__analyzer_free(a.an);
}

/* ICU's NFKC_Casefold of the UTF-8 s[0..n) into out (NUL-terminated). */
static void icu_casefold(const char *s, size_t n, char *out, size_t cap) {
    UChar in[256], folded[1024];
    int32_t nin = 0, nf = 0, n8 = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(in, 256, &nin, s, (int32_t)n, &err);
    const UNormalizer2 *fold = unorm2_getNFKCCasefoldInstance(&err);
    nf = unorm2_normalize(fold, in, nin, folded, 1024, &err);
    u_strToUTF8(out, (int32_t)cap, &n8, folded, nf, &err);
    assert_false(U_FAILURE(err));
}

/* The analyzer takes a word ICU's quick check finds folded as it is, and
 * normalises the others: both give ICU's NFKC_Casefold.  Words in several
 * scripts, folded and not (capitals, a decomposed accent, a ligature,
 * full-width letters, title-case digraphs), none with the marks or
 * apostrophes the analyzer maps on its own. */
static void analyze_folded_like_icu(void **state) {
    (void)state;
    const char *text =
        "\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac "  /* Ελληνικά */
        "\xce\x95\xce\x9b\xce\x9b\xce\x97\xce\x9d\xce\x99\xce\x9a\xce\x86 "  /* ΕΛΛΗΝΙΚΆ */
        "\xce\xbf\xce\xb4\xcf\x8c\xcf\x82 \xce\x9f\xce\x94\xce\x8c\xce\xa3 " /* οδός ΟΔΌΣ */
        "Stra\xc3\x9f"
        "e stra\xc3\x9f"
        "e \xef\xac\x81le "                     /* Straße straße ﬁle */
        "\xef\xbc\xa1\xef\xbc\xa2\xef\xbd\x83 " /* ＡＢｃ */
        "\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 \xd0\xba\xd0\xb8\xd1\x97\xd0\xb2 " /* Київ київ */
        "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90 "                  /* МОСКВА */
        "\xc4\xb0stanbul \xc4\xb1stanbul caf\xc3\xa9 cafe\xcc\x81 " /* İstanbul ıstanbul café café
                                                                     */
        "\xc3\x85ngstr\xc3\xb6m \xe2\x84\xab \xc7\x85"
        "ebra \xc7\x84 \xc7\x86 "                      /* Ångström Å ǅebra Ǆ ǆ */
        "\xc5\x92uvre \xc5\x93uvre \xc5\xb8 \xc3\xbf " /* Œuvre œuvre Ÿ ÿ */
        "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d " /* مرحبا שלום
                                                                                      */
        "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87"; /* नमस्ते */
    analysis a = analyze(text, NULL);
    size_t same = 0, changed = 0;
    for (size_t i = 0; i < a.n; i++) {
        char want[1024];
        icu_casefold(text + a.t[i].off, a.t[i].len, want, sizeof(want));
        assert_string_equal(norm(&a, i), want);
        int kept = strlen(want) == a.t[i].len && !memcmp(want, text + a.t[i].off, a.t[i].len);
        same += kept, changed += !kept;
    }
    assert_true(a.n >= 25);
    assert_true(same >= 8 && changed >= 8); /* both ways were taken */
    skein__analyzer_free(a.an);
}

static void analyze_arabic_marks(void **state) {
    (void)state;
    /* "كَتَبَ" (kataba with three fathas) and "الطالـــب" (with three tatweels)
     * fold to the bare letters "كتب" and "الطالب". */
    analysis a = analyze("\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e "
                         "\xd8\xa7\xd9\x84\xd8\xb7\xd8\xa7\xd9\x84\xd9\x80\xd9\x80\xd9\x80\xd8\xa8",
                         "ar");
    assert_int_equal(a.n, 2);
    assert_string_equal(norm(&a, 0), "\xd9\x83\xd8\xaa\xd8\xa8");
    assert_string_equal(norm(&a, 1), "\xd8\xa7\xd9\x84\xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8");
    /* Neither mark (U+064E) nor tatweel (U+0640) is left anywhere. */
    for (size_t i = 0; i < a.n; i++) {
        assert_null(strstr(norm(&a, i), "\xd9\x8e"));
        assert_null(strstr(norm(&a, i), "\xd9\x80"));
        assert_null(strstr(stem(&a, i), "\xd9\x80"));
    }
    skein__analyzer_free(a.an);
}

/* All words of `s` (language `lang`) have the same stem. */
static void assert_one_stem(const char *s, const char *lang, size_t words) {
    analysis a = analyze(s, lang);
    assert_int_equal(a.n, words);
    for (size_t i = 1; i < a.n; i++) {
        if (a.t[i].hash != a.t[0].hash)
            fail_msg("%s: \"%s\" -> %s but \"%s\" -> %s", lang, norm(&a, 0), stem(&a, 0),
                     norm(&a, i), stem(&a, i));
    }
    skein__analyzer_free(a.an);
}

static void analyze_arabic_clitics(void **state) {
    (void)state;
    /* المفاوضات, والمفاوضات, مفاوضات (the talks, and the talks, talks). */
    assert_one_stem(
        "\xd8\xa7\xd9\x84\xd9\x85\xd9\x81\xd8\xa7\xd9\x88\xd8\xb6\xd8\xa7\xd8\xaa "
        "\xd9\x88\xd8\xa7\xd9\x84\xd9\x85\xd9\x81\xd8\xa7\xd9\x88\xd8\xb6\xd8\xa7\xd8\xaa "
        "\xd9\x85\xd9\x81\xd8\xa7\xd9\x88\xd8\xb6\xd8\xa7\xd8\xaa",
        "ar", 3);
    /* قمة, القمة, والقمة, للقمة, قمه: taa marbuta and a short word. */
    assert_one_stem("\xd9\x82\xd9\x85\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x82\xd9\x85\xd8\xa9 "
                    "\xd9\x88\xd8\xa7\xd9\x84\xd9\x82\xd9\x85\xd8\xa9 "
                    "\xd9\x84\xd9\x84\xd9\x82\xd9\x85\xd8\xa9 \xd9\x82\xd9\x85\xd9\x87",
                    "ar", 5);
    /* أوكرانيا, اوكرانيا, إوكرانيا: the alef's hamza does not matter. */
    assert_one_stem("\xd8\xa3\xd9\x88\xd9\x83\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7 "
                    "\xd8\xa7\xd9\x88\xd9\x83\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7 "
                    "\xd8\xa5\xd9\x88\xd9\x83\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7",
                    "ar", 3);
    /* A stopword keeps its flag: في (in). */
    analysis a = analyze("\xd9\x81\xd9\x8a", "ar");
    assert_int_equal(a.n, 1);
    assert_true(a.t[0].flags & SKEIN_TOK_STOP);
    skein__analyzer_free(a.an);
}

static void analyze_ukrainian_lemmas(void **state) {
    (void)state;
    FILE *f = fopen("/usr/share/hunspell/uk_UA.dic", "rb");
    if (!f) skip(); /* hunspell-uk is installed by make's set-up */
    fclose(f);
    /* Зеленського, Зеленський, Зеленському; України, Україна, Україні. */
    assert_one_stem(
        "\xd0\x97\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xbe\xd0\xb3\xd0\xbe "
        "\xd0\x97\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb8\xd0\xb9 "
        "\xd0\x97\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xbe\xd0\xbc\xd1\x83",
        "uk", 3);
    assert_one_stem("\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb8 "
                    "\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0 "
                    "\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd1\x96",
                    "uk", 3);
    /* переговорів -> переговори, the lemma, in lower case. */
    analysis a = analyze(
        "\xd0\x9f\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd1\x96\xd0\xb2",
        "uk");
    assert_int_equal(a.n, 1);
    assert_string_equal(
        stem(&a, 0),
        "\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd0\xb8");
    skein__analyzer_free(a.an);
}

static void analyze_chinese(void **state) {
    (void)state;
    /* 国家统计局周二公布的数据显示: one run of ideographs, no spaces. */
    const char *s = "\xe5\x9b\xbd\xe5\xae\xb6\xe7\xbb\x9f\xe8\xae\xa1\xe5\xb1\x80\xe5\x91\xa8"
                    "\xe4\xba\x8c\xe5\x85\xac\xe5\xb8\x83\xe7\x9a\x84\xe6\x95\xb0\xe6\x8d\xae"
                    "\xe6\x98\xbe\xe7\xa4\xba";
    analysis a = analyze(s, "zh");
    assert_true(a.n >= 4);
    size_t total = 0;
    for (size_t i = 0; i < a.n; i++) {
        assert_true(a.t[i].flags & SKEIN_TOK_CJK);
        assert_true(a.t[i].norm_len < strlen(s));
        total += a.t[i].norm_len;
    }
    assert_int_equal(total, strlen(s));                           /* the words cover the text */
    assert_string_equal(norm(&a, 0), "\xe5\x9b\xbd\xe5\xae\xb6"); /* 国家 */
    skein__analyzer_free(a.an);
}

static void analyze_flags(void **state) {
    (void)state;
    /* "farmers. They": a sentence break; "NATO said": blanks only; an opening
     * quote starts a quotation. */
    analysis a =
        analyze("Officials in Paris met 300 farmers. They left. NATO said \"quickly\".", "en");
    assert_int_equal(a.n, 11);
    const char *norms[] = {"officials", "in",   "paris", "met",  "300",    "farmers",
                           "they",      "left", "nato",  "said", "quickly"};
    for (size_t i = 0; i < a.n; i++) assert_string_equal(norm(&a, i), norms[i]);
    const uint32_t F =
        SKEIN_TOK_CAP | SKEIN_TOK_SENT | SKEIN_TOK_ADJ | SKEIN_TOK_NUM | SKEIN_TOK_ALLCAPS;
    const uint32_t want[] = {
        SKEIN_TOK_CAP | SKEIN_TOK_SENT,                     /* Officials: first word */
        SKEIN_TOK_ADJ,                                      /* in */
        SKEIN_TOK_CAP | SKEIN_TOK_ADJ,                      /* Paris */
        SKEIN_TOK_ADJ,                                      /* met */
        SKEIN_TOK_NUM | SKEIN_TOK_ADJ,                      /* 300 */
        SKEIN_TOK_ADJ,                                      /* farmers */
        SKEIN_TOK_CAP | SKEIN_TOK_SENT,                     /* They: after ". " */
        SKEIN_TOK_ADJ,                                      /* left */
        SKEIN_TOK_CAP | SKEIN_TOK_ALLCAPS | SKEIN_TOK_SENT, /* NATO */
        SKEIN_TOK_ADJ,                                      /* said */
        SKEIN_TOK_SENT,                                     /* quickly: after an opening quote */
    };
    for (size_t i = 0; i < a.n; i++) {
        if ((a.t[i].flags & F) != want[i]) print_error("token %zu (%s)\n", i, norm(&a, i));
        assert_int_equal(a.t[i].flags & F, want[i]);
    }
    assert_true(a.t[1].flags & SKEIN_TOK_STOP);  /* in */
    assert_false(a.t[2].flags & SKEIN_TOK_STOP); /* paris */
    skein__analyzer_free(a.an);
}

static void analyze_limits(void **state) {
    (void)state;
    skein__analyzer *an = skein__analyzer_new(1, skein__lexicon_word_info);
    assert_non_null(an);
    const skein__tok *t = NULL;
    size_t n = 99;
    assert_int_equal(skein__analyze(an, "", 0, "en", 100, &t, &n), SKEIN_OK);
    assert_int_equal(n, 0);
    assert_int_equal(skein__analyze(an, " , . ! ", 7, "en", 100, &t, &n), SKEIN_OK);
    assert_int_equal(n, 0);
    const char *s = "one two three four five six";
    assert_int_equal(skein__analyze(an, s, strlen(s), "en", 3, &t, &n), SKEIN_OK);
    assert_int_equal(n, 3);
    assert_string_equal(skein__analyzer_str(an, t[2].norm), "three");
    /* The analyzer is reusable: a second text replaces the first. */
    assert_int_equal(skein__analyze(an, "seven", 5, "en", 100, &t, &n), SKEIN_OK);
    assert_int_equal(n, 1);
    assert_string_equal(skein__analyzer_str(an, t[0].norm), "seven");
    /* A "word" longer than the analyzer's cap is skipped, its neighbours kept. */
    char big[400];
    memcpy(big, "before ", 7);
    memset(big + 7, 'x', 300);
    memcpy(big + 307, " after", 7);
    assert_int_equal(skein__analyze(an, big, strlen(big), "en", 100, &t, &n), SKEIN_OK);
    assert_int_equal(n, 2);
    assert_string_equal(skein__analyzer_str(an, t[1].norm), "after");
    skein__analyzer_free(an);
    skein__analyzer_free(NULL);
}

/* All-ASCII texts are word-broken without ICU: each must give the tokens
 * ICU gives, which a non-ASCII word appended forces.  Every string of one
 * and two ASCII units, every one of three and four over the characters the
 * rules tell apart, and random longer ones. */
static void analyze_ascii_like_icu(void **state) {
    (void)state;
    skein__analyzer *fast = skein__analyzer_new(1, skein__lexicon_word_info),
                    *icu = skein__analyzer_new(1, skein__lexicon_word_info);
    assert_non_null(fast);
    assert_non_null(icu);
    skein__analyzer_icu_only(icu, 1);
    const char *al = "aZ@19_.',;: -\n\"#";
    size_t na = strlen(al), checked = 0;
    unsigned seed = 7;
    for (int round = 0; round < 3; round++) {
        size_t total = round == 0   ? 127 + 127 * 127
                       : round == 1 ? na * na * na + na * na * na * na
                                    : 3000;
        for (size_t x = 0; x < total; x++) {
            char s[96], u[100];
            size_t len = 0, y = x;
            if (round == 0) {
                len = x < 127 ? 1 : 2, y = x < 127 ? x : x - 127;
                for (size_t k = 0; k < len; k++) s[k] = (char)(1 + y % 127), y /= 127;
            } else if (round == 1) {
                len = x < na * na * na ? 3 : 4, y = x < na * na * na ? x : x - na * na * na;
                for (size_t k = 0; k < len; k++) s[k] = al[y % na], y /= na;
            } else {
                seed = seed * 1103515245u + 12345u;
                len = 1 + (seed >> 16) % 90;
                for (size_t k = 0; k < len; k++) {
                    seed = seed * 1103515245u + 12345u;
                    unsigned r = seed >> 16;
                    s[k] = r % 3 ? al[(r / 3) % na] : (char)(1 + (r / 3) % 127);
                }
            }
            memcpy(u, s, len);
            memcpy(u + len, " \xc3\xa9", 3);
            const skein__tok *t, *v;
            size_t nt, nv;
            assert_int_equal(skein__analyze(fast, s, len, "en", 1000, &t, &nt), SKEIN_OK);
            assert_int_equal(skein__analyze(icu, u, len + 3, "en", 1000, &v, &nv), SKEIN_OK);
            assert_int_equal(nv, nt + 1);
            for (size_t i = 0; i < nt; i++) {
                assert_int_equal(t[i].off, v[i].off);
                assert_int_equal(t[i].len, v[i].len);
                assert_int_equal(t[i].flags, v[i].flags);
                assert_string_equal(skein__analyzer_str(fast, t[i].norm),
                                    skein__analyzer_str(icu, v[i].norm));
            }
            checked++;
        }
    }
    assert_true(checked > 40000);
    skein__analyzer_free(fast);
    skein__analyzer_free(icu);
}

/* Texts that are ASCII but for Latin-1 letters, curly quotes, dashes and a
 * few signs are broken into words without ICU: the same tokens (bytes,
 * flags, folded words, stems) as ICU's iterator gives, on every string of
 * up to three pieces and on random strings, a piece a character or a
 * short word.  Pieces outside that set (U+00D7, U+00B7, U+00AD, a
 * combining accent, U+2024) send the text to ICU. */
static void analyze_near_ascii_like_icu(void **state) {
    (void)state;
    skein__analyzer *fast = skein__analyzer_new(1, skein__lexicon_word_info),
                    *icu = skein__analyzer_new(1, skein__lexicon_word_info);
    assert_non_null(fast);
    assert_non_null(icu);
    skein__analyzer_icu_only(icu, 1);
    static const char *const piece[] = {
        "a", "Z", "9", "_", ".", "'", ",", ";", ":", " ", "-", "\n", "\"", "#", "don", "12", "U.S",
        "\xc3\xa9", "\xc3\x89", "\xc3\xbf", "\xc3\x80", "\xc3\x9f", "\xc3\xb8", "Caf\xc3\xa9",
        "Ma\xc3\xaftre", "\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x9c", "\xe2\x80\x9d",
        "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\xa6", "\xc2\xa0", "\xc2\xab", "\xc2\xbb",
        "\xc2\xa3", "\xe2\x82\xac",
        /* outside the set: the last five */
        "\xc3\x97", "\xc2\xb7", "\xc2\xad", "e\xcc\x81", "\xe2\x80\xa4"};
    size_t np = sizeof(piece) / sizeof(piece[0]), checked = 0;
    unsigned seed = 11;
    for (int round = 0; round < 2; round++) {
        size_t total = round == 0 ? np + np * np + np * np * np : 4000;
        for (size_t x = 0; x < total; x++) {
            char s[400];
            size_t len = 0, y = x, k = 1;
            if (round == 0) {
                if (y >= np) y -= np, k = 2;
                if (k == 2 && y >= np * np) y -= np * np, k = 3;
                for (size_t j = 0; j < k; j++) {
                    const char *p = piece[y % np];
                    memcpy(s + len, p, strlen(p)), len += strlen(p), y /= np;
                }
            } else {
                seed = seed * 1103515245u + 12345u;
                k = 1 + (seed >> 16) % 40;
                for (size_t j = 0; j < k; j++) {
                    seed = seed * 1103515245u + 12345u;
                    /* the pieces outside the set one time in ten */
                    size_t m = x % 10 ? np - 5 : np;
                    const char *p = piece[(seed >> 16) % m];
                    memcpy(s + len, p, strlen(p)), len += strlen(p);
                }
            }
            const skein__tok *t, *v;
            size_t nt, nv;
            assert_int_equal(skein__analyze(fast, s, len, "fr", 1000, &t, &nt), SKEIN_OK);
            assert_int_equal(skein__analyze(icu, s, len, "fr", 1000, &v, &nv), SKEIN_OK);
            assert_int_equal(nt, nv);
            for (size_t i = 0; i < nt; i++) {
                assert_int_equal(t[i].off, v[i].off);
                assert_int_equal(t[i].len, v[i].len);
                assert_int_equal(t[i].flags, v[i].flags);
                assert_true(t[i].hash == v[i].hash);
                assert_string_equal(skein__analyzer_str(fast, t[i].norm),
                                    skein__analyzer_str(icu, v[i].norm));
            }
            checked++;
        }
    }
    assert_true(checked > 60000);
    skein__analyzer_free(fast);
    skein__analyzer_free(icu);
}

/* ---- Stoplists ------------------------------------------------------------------- */

static void stoplist_lookups(void **state) {
    (void)state;
    const skein__stoplist *en = skein__stoplist_find("en");
    assert_non_null(en);
    assert_string_equal(en->lang, "en");
    assert_true(en->count > 50);
    assert_true(skein__stoplist_has(en, "the", 3));
    assert_true(skein__stoplist_has(en, "and", 3));
    assert_false(skein__stoplist_has(en, "parliament", 10));
    assert_false(skein__stoplist_has(en, "", 0));
    /* Only the first len bytes count: "then" cut to 3 is "the". */
    assert_true(skein__stoplist_has(en, "then", 3));
    assert_false(skein__stoplist_has(en, "thx", 3));
    assert_false(skein__stoplist_has(NULL, "the", 3));
    assert_null(skein__stoplist_find("xx"));
    assert_null(skein__stoplist_find(NULL));
    const skein__stoplist *de = skein__stoplist_find("de");
    assert_non_null(de);
    assert_true(skein__stoplist_has(de, "und", 3));
    assert_false(skein__stoplist_has(de, "bundestag", 9));
    const skein__stoplist *ru = skein__stoplist_find("ru");
    assert_non_null(ru);
    assert_true(skein__stoplist_has(ru, "\xd0\xb8", 2)); /* "и" */
}

/* Every list is sorted bytewise, NULL-terminated after `count` words. */
static void stoplists_sorted(void **state) {
    (void)state;
    size_t lists = 0;
    for (const skein__stoplist *l = skein__stoplists; l->lang; l++, lists++) {
        assert_non_null(l->words);
        assert_null(l->words[l->count]);
        for (size_t i = 1; i < l->count; i++) {
            if (strcmp(l->words[i - 1], l->words[i]) >= 0)
                print_error("%s: '%s' before '%s'\n", l->lang, l->words[i - 1], l->words[i]);
            assert_true(strcmp(l->words[i - 1], l->words[i]) < 0);
        }
        /* Every word is found by the binary search. */
        for (size_t i = 0; i < l->count; i++)
            assert_true(skein__stoplist_has(l, l->words[i], strlen(l->words[i])));
    }
    assert_true(lists >= 10);
}

/* How well a title reads as a headline, lengths in characters: a Cyrillic
 * headline is no sentence for its bytes, and the full stop that makes a
 * long title a sentence is its last byte, not the byte at its length in
 * characters. */
static void title_quality_in_characters(void **state) {
    (void)state;
    assert_int_equal(skein__title_quality(NULL), 0);
    assert_int_equal(skein__title_quality(""), 0);
    assert_int_equal(skein__title_quality("http : / / www . example . com / news / a"), 0);
    assert_int_equal(skein__title_quality("By Jane Doe"), 0);
    /* 62 characters, 111 bytes */
    assert_int_equal(skein__title_quality("Погода на 16 ноября: в Заречье ожидаются дождь и "
                                          "сильный ветер"),
                     2);
    /* 69 characters, 128 bytes, a sentence's full stop */
    assert_int_equal(skein__title_quality("Правительство одобрило план ремонта дорог в "
                                          "регионе на следующий год."),
                     1);
    /* 72 characters, 78 bytes: byte 71 is the dot of "U.S." */
    assert_int_equal(skein__title_quality("Kyiv’s allies “meet” in Brussels as winter nears, "
                                          "pledging more U.S. aid"),
                     2);
    char longer[200];
    memset(longer, 'a', 120);
    longer[120] = 0;
    assert_int_equal(skein__title_quality(longer), 1);
}

/* ---- sorting ids ------------------------------------------------------------ */

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* skein__sort_u64 against qsort on keys of several shapes: hashes (spread
 * at the top), small integers (one top bucket: the radix path), many
 * repeats, keys alike but for one middle byte, and sizes on each side of
 * the insertion-sort and bucket limits. */
static void sort_u64_like_qsort(void **state) {
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 5, 24, 25, 26, 100, 1000, 4097, 9000, 40000};
    size_t max = 40000;
    uint64_t *v = malloc(max * sizeof(*v)), *want = malloc(max * sizeof(*v)),
             *tmp = malloc(max * sizeof(*v));
    assert_non_null(v), assert_non_null(want), assert_non_null(tmp);
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int shape = 0; shape < 5; shape++) {
        for (size_t k = 0; k < N(sizes); k++) {
            size_t n = sizes[k];
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
                uint64_t key = shape == 0   ? x
                               : shape == 1 ? x % 1000
                               : shape == 2 ? skein__hash(&(uint64_t){x % 7}, 8)
                               : shape == 3 ? 0x0123456700000000ull | ((x & 0xFF) << 16)
                                            : (x & 0xFFFF000000000000ull) | (x >> 60);
                v[i] = want[i] = key;
            }
            if (n) qsort(want, n, sizeof(*want), cmp_u64);
            skein__sort_u64(v, tmp, n);
            for (size_t i = 0; i < n; i++) {
                if (v[i] != want[i]) fail_msg("shape %d, n %zu: differs at %zu", shape, n, i);
            }
        }
    }
    free(v), free(want), free(tmp);
}

/* skein__minhash with and without SIMD, and against the formula written
 * out here, on hashes of several counts and sketch widths (16, and widths
 * that leave lanes to the plain loop).  On a processor without AVX-512 both
 * runs take the plain path. */
static void minhash_simd_like_plain(void **state) {
    (void)state;
    static const size_t counts[] = {0, 1, 3, 8, 255, 256, 1000};
    static const size_t widths[] = {16, 8, 13, 5};
    uint64_t sh[1000], x = 0x0123456789abcdefull;
    for (size_t i = 0; i < N(sh); i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        sh[i] = i % 5 == 4 ? sh[i / 2] : x; /* some repeats */
    }
    for (size_t w = 0; w < N(widths); w++)
        for (size_t c = 0; c < N(counts); c++) {
            size_t k = widths[w], n = counts[c];
            uint64_t plain[16], simd[16], want[16];
            for (size_t j = 0; j < k; j++) plain[j] = simd[j] = want[j] = UINT64_MAX - j;
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < k; j++) {
                    uint64_t h = sh[i] ^ (0x9e3779b97f4a7c15ull * (j + 1));
                    h ^= h >> 33, h *= 0xff51afd7ed558ccdull;
                    h ^= h >> 33, h *= 0xc4ceb9fe1a85ec53ull;
                    h ^= h >> 33;
                    if (h < want[j]) want[j] = h;
                }
            skein__minhash(plain, k, sh, n, 0);
            skein__minhash(simd, k, sh, n, 1);
            for (size_t j = 0; j < k; j++) {
                if (plain[j] != want[j]) fail_msg("plain, k %zu n %zu: value %zu", k, n, j);
                if (simd[j] != want[j]) fail_msg("simd, k %zu n %zu: value %zu", k, n, j);
            }
        }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(title_quality_in_characters),
    cmocka_unit_test(analyze_ascii_like_icu),
    cmocka_unit_test(analyze_near_ascii_like_icu),
    cmocka_unit_test(utf8_valid),
    cmocka_unit_test(utf8_invalid),
    cmocka_unit_test(utf8_decode_and_put),
    cmocka_unit_test(utf8_cut),
    cmocka_unit_test(clean_controls_and_blanks),
    cmocka_unit_test(clean_furniture_lines),
    cmocka_unit_test(clean_furniture_any_case),
    cmocka_unit_test(clean_glued_words),
    cmocka_unit_test(clean_empty_and_garbage),
    cmocka_unit_test(analyze_english),
    cmocka_unit_test(analyze_nfkc_casefold),
    cmocka_unit_test(analyze_folded_like_icu),
    cmocka_unit_test(analyze_arabic_marks),
    cmocka_unit_test(analyze_arabic_clitics),
    cmocka_unit_test(analyze_ukrainian_lemmas),
    cmocka_unit_test(analyze_chinese),
    cmocka_unit_test(analyze_flags),
    cmocka_unit_test(analyze_limits),
    cmocka_unit_test(stoplist_lookups),
    cmocka_unit_test(stoplists_sorted),
    cmocka_unit_test(sort_u64_like_qsort),
    cmocka_unit_test(minhash_simd_like_plain),
};

SKEIN_TEST_GROUP(text, tests)
