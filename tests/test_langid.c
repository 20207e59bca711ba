/* test_langid.c -- language detection and language-tag normalisation.
 *
 * The sentences are written for these tests (news-like, one or two lines);
 * the short Ukrainian one is the case CLD2 alone gets wrong. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "langid.h"
#include "skein.h"

static void expect_lang(const char *text, const char *want) {
    char code[8] = "";
    int rel = -1;
    assert_int_equal(skein_detect_language(text, strlen(text), code, &rel), SKEIN_OK);
    if (strcmp(code, want) != 0) print_error("text: %s\n", text);
    assert_string_equal(code, want);
    assert_true(rel == 0 || rel == 1);
}

static void expect_reliable(const char *text, const char *want) {
    char code[8] = "";
    int rel = 0;
    assert_int_equal(skein_detect_language(text, strlen(text), code, &rel), SKEIN_OK);
    assert_string_equal(code, want);
    assert_int_equal(rel, 1);
}

static void test_languages(void **state) {
    (void)state;
    expect_reliable("The city council voted on Tuesday to approve a new budget for public "
                    "schools, after months of debate over teacher salaries and repairs.",
                    "en");
    expect_reliable("أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة، وقال الوزير "
                    "إن المستشفى سيخدم أكثر من مليون مواطن.",
                    "ar");
    expect_reliable("Правительство объявило во вторник о новых мерах поддержки малого "
                    "бизнеса, которые вступят в силу в следующем месяце.",
                    "ru");
    expect_reliable("Уряд оголосив у вівторок про нові заходи підтримки малого бізнесу, "
                    "які наберуть чинності наступного місяця.",
                    "uk");
    expect_reliable("Die Bundesregierung hat am Mittwoch ein neues Gesetz zum Klimaschutz "
                    "beschlossen, das ab dem nächsten Jahr gelten soll.",
                    "de");
    expect_reliable("Le gouvernement a annoncé mercredi de nouvelles mesures pour soutenir "
                    "les agriculteurs touchés par la sécheresse de cet été.",
                    "fr");
    expect_reliable("El presidente del gobierno anunció el lunes un plan para construir "
                    "miles de viviendas asequibles en las principales ciudades del país.",
                    "es");
    expect_reliable("国家统计局周二公布的数据显示，今年第三季度国内生产总值同比增长百分之四点九。",
                    "zh");
}

/* Short texts where the letters, not CLD2, have to decide. */
static void test_short_texts(void **state) {
    (void)state;
    expect_lang("Київ отримав нові літаки", "uk");
    expect_lang("Їхні діти", "uk");
    expect_lang("Путин прилетел", "ru");
    expect_lang("بوتين", "ar");
    expect_lang("习近平", "zh");
    expect_lang("東京で大きな地震がありました。", "ja");
    expect_lang("서울에서 큰 지진이 발생했습니다.", "ko");
    expect_lang("Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "el");
    expect_lang("הממשלה הודיעה על צעדים חדשים.", "he");
    expect_lang("รัฐบาลประกาศมาตรการใหม่", "th");
}

static void test_empty_and_garbage(void **state) {
    (void)state;
    char code[8];
    int rel = 1;
    assert_int_equal(skein_detect_language("", 0, code, &rel), SKEIN_OK);
    assert_string_equal(code, "und");
    assert_int_equal(rel, 0);
    assert_int_equal(skein_detect_language(NULL, 0, code, NULL), SKEIN_OK);
    assert_string_equal(code, "und");
    assert_int_equal(skein_detect_language(NULL, 5, code, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_detect_language("abc", 3, NULL, NULL), SKEIN_EINVAL);
    expect_lang("12345 -- 67.89 !!! ???", "und");
    expect_lang("\xff\xfe\xfd\xc0\xc1\x80\x80\xed\xa0\x80\xf5\x80\x80\x80", "und");

    /* Invalid bytes inside a text do not hide its language. */
    expect_lang("The prime minister \xff\xfe said on Monday that the \xc0 government "
                "would \xed\xa0\x80 present its budget to parliament next week.",
                "en");

    /* Random bytes without NUL: any answer will do, but a well-formed one. */
    unsigned char junk[20000];
    unsigned x = 12345;
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof(junk); i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (unsigned char)(1 + (x >> 16) % 255);
        }
        size_t len = 1 + (size_t)round * 397;
        memset(code, 'x', sizeof(code));
        assert_int_equal(skein_detect_language((const char *)junk, len, code, &rel), SKEIN_OK);
        assert_true(strlen(code) >= 2 && strlen(code) <= 7);
    }
}

/* Only the first SKEIN__LANGID_MAX_BYTES bytes count. */
static void test_cap(void **state) {
    (void)state;
    const char *en = "Rescue teams searched through the night for survivors of the flood. ";
    const char *ru = "Спасатели всю ночь искали выживших после наводнения. ";
    size_t cap = 64 * 1024;
    char *big = malloc(cap);
    assert_non_null(big);
    size_t len = 0;
    while (len + strlen(en) < SKEIN__LANGID_MAX_BYTES + 100) {
        memcpy(big + len, en, strlen(en));
        len += strlen(en);
    }
    while (len + strlen(ru) < cap) {
        memcpy(big + len, ru, strlen(ru));
        len += strlen(ru);
    }
    char code[8];
    int rel = 0;
    assert_int_equal(skein_detect_language(big, len, code, &rel), SKEIN_OK);
    assert_string_equal(code, "en");
    assert_int_equal(rel, 1);

    /* A two-byte letter straddling the cap is dropped, not split. */
    memset(big, ' ', SKEIN__LANGID_MAX_BYTES - 1);
    for (size_t i = SKEIN__LANGID_MAX_BYTES - 1; i + 1 < cap; i += 2)
        memcpy(big + i, "\xd0\xb6", 2); /* ж */
    assert_int_equal(skein_detect_language(big, cap - 1, code, &rel), SKEIN_OK);
    assert_string_equal(code, "und");
    free(big);
}

static void expect_tag(const char *given, const char *want) {
    char code[8];
    if (skein__langid_normalize(given, code) != 0) print_error("tag: %s\n", given);
    assert_string_equal(code, want);
}

static void expect_bad_tag(const char *given) {
    char code[8];
    assert_int_equal(skein__langid_normalize(given, code), -1);
    assert_string_equal(code, "und");
}

static void test_normalize(void **state) {
    (void)state;
    expect_tag("en", "en");
    expect_tag("EN", "en");
    expect_tag("en-US", "en");
    expect_tag("en_GB", "en");
    expect_tag(" fr-CA ", "fr");
    expect_tag("zh-Hant-TW", "zh");
    expect_tag("eng", "en");
    expect_tag("ara", "ar");
    expect_tag("rus", "ru");
    expect_tag("ukr", "uk");
    expect_tag("zho", "zh");
    expect_tag("chi", "zh");
    expect_tag("deu", "de");
    expect_tag("ger", "de");
    expect_tag("fra", "fr");
    expect_tag("fre", "fr");
    expect_tag("SPA", "es");
    expect_tag("English", "en");
    expect_tag("german", "de");
    expect_tag("Ukrainian", "uk");
    expect_tag("español", "es");
    expect_tag("iw", "he");
    expect_tag("in", "id");
    expect_tag("uk-UA", "uk");
    expect_bad_tag(NULL);
    expect_bad_tag("");
    expect_bad_tag("-");
    expect_bad_tag("und");
    expect_bad_tag("xx");
    expect_bad_tag("q");
    expect_bad_tag("klingonish");
    expect_bad_tag("e1");
    expect_bad_tag("\xff\xfe");
    expect_bad_tag("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_languages),         cmocka_unit_test(test_short_texts),
    cmocka_unit_test(test_empty_and_garbage), cmocka_unit_test(test_cap),
    cmocka_unit_test(test_normalize),
};

SKEIN_TEST_GROUP(langid, tests)
