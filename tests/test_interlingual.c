/* test_interlingual.c -- name keys across scripts, numbers across spellings,
 * and articles in several languages about one event linked into one story. */
#include "test.h"

#include "analyze.h"
#include "lexicon.h"
#include "months.h"
#include "numbers.h"
#include "skein.h"
#include "translit.h"

#include <string.h>

/* The word's first key (its key as written). */
static uint64_t key(skein__translit *t, const char *w) {
    uint64_t k[2] = {0, 0};
    skein__translit_keys(t, w, strlen(w), k);
    return k[0];
}

/* The word's key once a leading clitic is stripped (its second key). */
static uint64_t key_stripped(skein__translit *t, const char *w) {
    uint64_t k[2] = {0, 0};
    return skein__translit_keys(t, w, strlen(w), k) == 2 ? k[1] : 0;
}

/* Each row: spellings of one name in Latin, Cyrillic and Arabic script. */
static void keys_meet_across_scripts(void **state) {
    (void)state;
    static const char *const rows[][4] = {
        {"putin", "путин", "بوتين", NULL},
        {"nato", "нато", "ناتو", NULL},
        {"biden", "байден", "بايدن", NULL},
        {"blinken", "блинкен", "بلينكن", NULL},
        {"lavrov", "лавров", "لافروف", NULL},
        {"stoltenberg", "столтенберг", "ستولتنبرغ", NULL},
        {"zelensky", "зеленский", "зеленський", "زيلينسكي"},
        {"kremlin", "الكرملين", NULL, NULL},
        {"valparaíso", "valparaiso", "فالبارايسو", NULL},
        {"chile", "تشيلي", NULL, NULL},
        {"ukraine", "украина", "أوكرانيا", NULL},
    };
    skein__translit *t = skein__translit_new();
    assert_non_null(t);
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        uint64_t k0 = key(t, rows[r][0]);
        assert_true(k0 != 0);
        for (int i = 1; i < 4 && rows[r][i]; i++) {
            if (key(t, rows[r][i]) != k0) fail_msg("%s and %s differ", rows[r][0], rows[r][i]);
        }
    }
    /* Different names stay apart; cached answers equal fresh ones. */
    assert_true(key(t, "putin") != key(t, "biden"));
    assert_true(key(t, "lavrov") != key(t, "kremlin"));
    assert_true(key(t, "بوتين") == key_stripped(t, "وبوتين"));       /* clitic و (and) */
    assert_true(key(t, "الكرملين") == key_stripped(t, "بالكرملين")); /* ب + ال */
    assert_int_equal(key(t, "a"), 0);                                /* too short for a key */
    skein__translit_free(t);
}

static void phonetic_rules(void **state) {
    (void)state;
    char out[32];
    assert_int_equal(skein__phonetic_key("bwtyn", 5, 1, out, sizeof(out)), 3);
    assert_string_equal(out, "btn");
    skein__phonetic_key("alkrmlyn", 8, 1, out, sizeof(out)); /* al- goes in Arabic only */
    assert_string_equal(out, "krmln");
    skein__phonetic_key("albert", 6, 0, out, sizeof(out));
    assert_string_equal(out, "albrt");
    skein__phonetic_key("Ukraine", 7, 0, out, sizeof(out)); /* first vowel kept as 'a' */
    assert_string_equal(out, "akrn");
    assert_int_equal(skein__phonetic_key("Oo", 2, 0, out, sizeof(out)), 0);
}

static void number(const char *w, const char *next, const char *want) {
    char out[32];
    size_t n = skein__number_norm(w, strlen(w), next, next ? strlen(next) : 0, out);
    if (!want) {
        assert_int_equal(n, 0);
        return;
    }
    if (n == 0 || strcmp(out, want) != 0)
        fail_msg("%s %s -> %s, want %s", w, next ? next : "", n ? out : "-", want);
}

static void numbers_one_spelling(void **state) {
    (void)state;
    number("94,000", NULL, "94000");
    number("94", "thousand", "94000");
    number("94", "ألف", "94000");
    number("٩٤", "ألف", "94000");
    number("94", "тысячи", "94000");
    number("6,1", NULL, "6.1");
    number("6.1", NULL, "6.1");
    number("1.5", "million", "1500000");
    number("2,5", "млн", "2500000");
    number("3", "mil", "3000");
    number("3", "milioni", "3000000");     /* it */
    number("3", "milionów", "3000000");    /* pl */
    number("3", "milhões", "3000000");     /* pt */
    number("3", "miljoen", "3000000");     /* nl */
    number("3", "milyon", "3000000");      /* tr */
    number("3", "miliardi", "3000000000"); /* it */
    number("3", "miljard", "3000000000");  /* nl, sv */
    number("12.345.678", NULL, "12345678");
    number("0.25", NULL, "0.25");
    number("0,25", NULL, "0.25");
    number("2021", "year", "2021");
    number("2:02", NULL, NULL);
    number("", NULL, NULL);
}

/* The project's own sample: one earthquake reported in five languages, one
 * rate decision in five, unrelated news apart. */
static const skein_article quake[] = {
    {"q-en", "Strong earthquake shakes Valparaiso",
     "A magnitude 6.1 earthquake struck off Valparaiso in Chile on Tuesday. Chile's disaster "
     "agency ordered an evacuation of the coast.",
     "en", NULL, NULL, SKEIN_NO_TIME},
    {"q-es", "Sismo de magnitud 6,1 sacude Valparaíso",
     "Un sismo de magnitud 6,1 sacudió Valparaíso, en Chile, el martes. La oficina de emergencias "
     "de Chile ordenó evacuar la costa.",
     "es", NULL, NULL, SKEIN_NO_TIME},
    {"q-de", "Erdbeben der Stärke 6,1 erschüttert Valparaíso",
     "Ein Erdbeben der Stärke 6,1 hat am Dienstag Valparaíso in Chile erschüttert. Die Behörde "
     "ordnete die Räumung der Küste an.",
     "de", NULL, NULL, SKEIN_NO_TIME},
    {"q-ar", "زلزال بقوة 6.1 درجة يضرب فالبارايسو",
     "ضرب زلزال بقوة 6.1 درجة مدينة فالبارايسو في تشيلي يوم الثلاثاء وأمرت السلطات في تشيلي بإخلاء "
     "الساحل.",
     "ar", NULL, NULL, SKEIN_NO_TIME},
    {"r-en", "Kiprono wins Berlin Marathon",
     "Kenyan runner Peter Kiprono won the Berlin Marathon on Sunday in 2:02:11, ahead of Tadesse "
     "Bekele.",
     "en", NULL, NULL, SKEIN_NO_TIME},
    {"r-ru", "Кипроно выиграл Берлинский марафон",
     "Кенийский бегун Питер Кипроно выиграл в воскресенье Берлинский марафон, опередив Тадессе "
     "Бекеле.",
     "ru", NULL, NULL, SKEIN_NO_TIME},
};

typedef struct ids {
    uint64_t story[8];
} ids;

static void cross_lingual_stories(void **state) {
    (void)state;
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    ids got = {{0}};
    for (size_t i = 0; i < sizeof(quake) / sizeof(quake[0]); i++)
        assert_int_equal(skein_engine_add(e, &quake[i], &got.story[i]), SKEIN_OK);
    for (int i = 1; i < 4; i++) assert_true(got.story[i] == got.story[0]); /* one quake story */
    assert_true(got.story[4] != got.story[0]);                             /* the race apart */
    assert_true(got.story[5] == got.story[4]);                             /* ru joins en */
    skein_engine_free(e);
}

/* The lexicon's English stems of `word` in `lang` hold those of `english`. */
static int translates_to(skein__analyzer *an, const char *word, const char *lang,
                         const char *english) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(an, english, strlen(english), "en", 4, &t, &n), SKEIN_OK);
    assert_int_equal(n, 1);
    uint64_t want = t[0].hash;
    assert_int_equal(skein__analyze(an, word, strlen(word), lang, 4, &t, &n), SKEIN_OK);
    assert_int_equal(n, 1);
    const uint64_t *lex = skein__analyzer_lex(an);
    for (uint32_t i = 0; i < t[0].lex_n; i++)
        if (lex[t[0].lex + i] == want) return 1;
    return 0;
}

static void lexicon_pivots_to_english(void **state) {
    (void)state;
    skein__lexicon_info info;
    skein__lexicon_info_get(&info);
    if (info.lex_entries == 0) skip(); /* built without the dictd packages */
    assert_true(info.lex_targets >= info.lex_entries);
    skein__analyzer *an = skein__analyzer_new(0, skein__lexicon_word_info);
    assert_non_null(an);
    /* war: guerre, Krieg, guerra, война, حرب (inflected, with clitics). */
    assert_true(translates_to(an, "guerre", "fr", "war"));
    assert_true(translates_to(an, "Krieg", "de", "war"));
    assert_true(translates_to(an, "guerra", "es", "war"));
    assert_true(translates_to(an, "войны", "ru", "war"));
    /* الزلزال (the earthquake) */
    assert_true(translates_to(an, "\xd8\xa7\xd9\x84\xd8\xb2\xd9\x84\xd8\xb2\xd8\xa7\xd9\x84", "ar",
                              "earthquake"));
    assert_true(translates_to(an, "Erdbeben", "de", "earthquake"));
    assert_true(translates_to(an,
                              "\xd0\xb7\xd0\xb5\xd0\xbc\xd0\xbb\xd0\xb5\xd1\x82\xd1\x80\xd1\x8f\xd1"
                              "\x81\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5",
                              "ru", "earthquake")); /* землетрясение */
    /* The WikDict dictionaries: Polish, Italian, Dutch, Portuguese, Turkish,
     * Czech, Greek (σεισμός), Hungarian, Finnish, Swedish. */
    assert_true(translates_to(an, "wojna", "pl", "war"));
    assert_true(translates_to(an, "guerra", "it", "war"));
    assert_true(translates_to(an, "oorlog", "nl", "war"));
    assert_true(translates_to(an, "guerras", "pt", "war"));
    assert_true(translates_to(an, "deprem", "tr", "earthquake"));
    assert_true(translates_to(an, "válka", "cs", "war"));
    assert_true(translates_to(an, "\xcf\x83\xce\xb5\xce\xb9\xcf\x83\xce\xbc\xcf\x8c\xcf\x82", "el",
                              "earthquake"));
    assert_true(translates_to(an, "háború", "hu", "war"));
    assert_true(translates_to(an, "sota", "fi", "war"));
    assert_true(translates_to(an, "krig", "sv", "war"));
    /* Ukrainian through Russian (apertium-rus-ukr): війни, землетрусу. */
    assert_true(translates_to(an, "\xd0\xb2\xd1\x96\xd0\xb9\xd0\xbd\xd0\xb8", "uk", "war"));
    assert_true(translates_to(an,
                              "\xd0\xb7\xd0\xb5\xd0\xbc\xd0\xbb\xd0\xb5\xd1\x82\xd1\x80\xd1"
                              "\x83\xd1\x81\xd1\x83",
                              "uk", "earthquake"));
    /* JMdict's common words: 地震 (earthquake), 戦争 (war). */
    assert_true(translates_to(an, "\xe5\x9c\xb0\xe9\x9c\x87", "ja", "earthquake"));
    assert_true(translates_to(an, "\xe6\x88\xa6\xe4\xba\x89", "ja", "war"));
    /* CC-CEDICT: 地震 (earthquake), 戰爭 (war, traditional) */
    assert_true(translates_to(an, "\xe5\x9c\xb0\xe9\x9c\x87", "zh", "earthquake"));
    assert_true(translates_to(an, "\xe6\x88\xb0\xe7\x88\xad", "zh", "war"));
    /* An English word is its own concept; a word is not another's. */
    assert_true(translates_to(an, "wars", "en", "war"));
    assert_false(translates_to(an, "Frieden", "de", "war"));
    skein__analyzer_free(an);
}

/* 1 when the Chinese word's known-name entry holds the key of `latin`. */
static int known_name_has(skein__analyzer *an, skein__translit *tr, const char *word,
                          const char *latin) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(an, word, strlen(word), "zh", 4, &t, &n), SKEIN_OK);
    assert_true(n >= 1 && n <= SKEIN_PLACE_MAX_WORDS);
    uint64_t stems[SKEIN_PLACE_MAX_WORDS], keys[SKEIN_LEX_MAX];
    for (size_t i = 0; i < n; i++) stems[i] = t[i].hash;
    int alike;
    size_t nk = skein__lex_find(skein__known_name_key("name:zh", stems, n), keys, &alike);
    uint64_t want = key(tr, latin);
    for (size_t i = 0; i < nk; i++)
        if (keys[i] == want) return 1;
    return 0;
}

/* Chinese names meet their Latin and Cyrillic spellings through CC-CEDICT's
 * names, not through their sound (普京 is read Pujing). */
static void known_names_meet(void **state) {
    (void)state;
    skein__lexicon_info info;
    skein__lexicon_info_get(&info);
    if (info.lex_entries == 0) skip(); /* built without the dictionaries */
    skein__analyzer *an = skein__analyzer_new(0, skein__lexicon_word_info);
    skein__translit *tr = skein__translit_new();
    assert_non_null(an);
    assert_non_null(tr);
    assert_true(known_name_has(an, tr, "\xe6\x99\xae\xe4\xba\xac", "putin"));  /* 普京 */
    assert_true(known_name_has(an, tr, "\xe6\x99\xae\xe4\xba\xac", "путин"));  /* 普京 */
    assert_true(known_name_has(an, tr, "\xe6\x8b\x9c\xe7\x99\xbb", "biden"));  /* 拜登 */
    assert_false(known_name_has(an, tr, "\xe6\x8b\x9c\xe7\x99\xbb", "putin")); /* 拜登 */
    assert_false(known_name_has(an, tr, "\xe5\x9c\xb0\xe9\x9c\x87", "putin")); /* 地震 */
    skein__translit_free(tr);
    skein__analyzer_free(an);
}

/* The place id the words of `name` in `lang` make, or "" for none. */
static const char *place_of(skein__analyzer *an, const char *name, const char *lang) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(an, name, strlen(name), lang, 8, &t, &n), SKEIN_OK);
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    if (n == 0 || n > SKEIN_PLACE_MAX_WORDS || !(t[0].flags & SKEIN_TOK_PLACE)) return "";
    for (size_t i = 0; i < n; i++) stems[i] = t[i].hash;
    return skein__place_id(skein__place_find(lang, stems, n));
}

/* An analyzer with the lexicon's word information; skips the test when the
 * build has no gazetteer. */
static skein__analyzer *gazetteer_analyzer(void) {
    skein__lexicon_info info;
    skein__lexicon_info_get(&info);
    if (info.places == 0) skip();
    skein__analyzer *an = skein__analyzer_new(0, skein__lexicon_word_info);
    assert_non_null(an);
    return an;
}

static void gazetteer_one_id_per_place(void **state) {
    (void)state;
    skein__analyzer *an = gazetteer_analyzer();
    /* Russia in six languages and three scripts, inflected too. */
    assert_string_equal(place_of(an, "Russia", "en"), "RU");
    assert_string_equal(place_of(an, "Russland", "de"), "RU");
    assert_string_equal(place_of(an, "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd0\xb8", "ru"),
                        "RU"); /* России */
    assert_string_equal(place_of(an, "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x96\xd1\x8f", "uk"),
                        "RU"); /* Росія */
    assert_string_equal(place_of(an, "\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", "ar"),
                        "RU"); /* روسيا */
    assert_string_equal(place_of(an, "\xe4\xbf\x84\xe7\xbd\x97\xe6\x96\xaf", "zh"),
                        "RU"); /* 俄罗斯 */
    /* Several words; a city; a language name. */
    assert_string_equal(place_of(an, "United States", "en"), "US");
    assert_string_equal(place_of(an, "Arabie saoudite", "fr"), "SA");
    assert_string_equal(place_of(an, "Kyiv", "en"), "city:Europe/Kiev");
    assert_string_equal(place_of(an, "\xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2", "ru"),
                        "city:Europe/Kiev"); /* Киев */
    assert_string_equal(
        place_of(an, "\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9", "ru"),
        "lang:ru"); /* русский */
    /* Ordinary words are no place. */
    assert_string_equal(place_of(an, "yesterday", "en"), "");
    assert_string_equal(place_of(an, "Haus", "de"), "");
    skein__analyzer_free(an);
}

/* GeoNames' cities beyond CLDR: under their GeoNames id in the Latin-script
 * languages; CLDR's id for a city CLDR names; never a word of the language. */
static void gazetteer_geonames_cities(void **state) {
    (void)state;
    skein__analyzer *an = gazetteer_analyzer();
    assert_string_equal(place_of(an, "Piura", "en"), "geo:3693528");
    assert_string_equal(place_of(an, "Piura", "es"), "geo:3693528");
    assert_string_equal(place_of(an, "Banda Aceh", "de"), "geo:1215502");
    /* Kyiv in German text: CLDR's city, as Киев and كييف are. */
    assert_string_equal(place_of(an, "Kyiv", "de"), "city:Europe/Kiev");
    /* A word of the language names no town there, only elsewhere. */
    assert_string_equal(place_of(an, "Nice", "en"), "");
    assert_string_equal(place_of(an, "Nice", "fr"), "geo:2990440");
    assert_string_equal(place_of(an, "Essen", "de"), "");
    /* Not in scripts GeoNames' spelling does not use. */
    assert_string_equal(place_of(an, "Piura", "ru"), "");
    /* A name without its accents is the city's too, and the more populous
     * city's when another has it as its own: Valparaiso is in Chile. */
    assert_string_equal(place_of(an, "Valpara\xc3\xadso", "es"), "geo:3868626");
    assert_string_equal(place_of(an, "Valparaiso", "en"), "geo:3868626");
    assert_string_equal(place_of(an, "Sao Paulo", "en"), place_of(an, "S\xc3\xa3o Paulo", "en"));
    skein__analyzer_free(an);
}

/* An Arabic place after li- ("to") or wa- ("and"), which Snowball leaves
 * on the word: لروسيا is Russia, وأوكرانيا Ukraine; a word that only
 * looks like one is no place. */
static void gazetteer_arabic_clitics(void **state) {
    (void)state;
    skein__analyzer *an = gazetteer_analyzer();
    assert_string_equal(place_of(an, "\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7", "ar"),
                        "RU"); /* لروسيا */
    assert_string_equal(place_of(an,
                                 "\xd9\x88\xd8\xa3\xd9\x88\xd9\x83\xd8\xb1\xd8\xa7\xd9\x86"
                                 "\xd9\x8a\xd8\xa7",
                                 "ar"),
                        "UA"); /* وأوكرانيا */
    assert_string_equal(
        place_of(an, "\xd8\xa3\xd9\x88\xd9\x83\xd8\xb1\xd8\xa7\xd9\x86\xd9\x8a\xd8\xa7", "ar"),
        "UA"); /* أوكرانيا */
    assert_string_equal(place_of(an, "\xd9\x84\xd8\xb1\xd8\xb5\xd8\xaf", "ar"), ""); /* لرصد */
    skein__analyzer_free(an);
}

/* The SKEIN_PERSON_* classes of one word in `lang`, as the tagger asks. */
static unsigned person_class_of(skein__analyzer *an, const char *word, const char *lang) {
    const skein__tok *t;
    size_t n;
    assert_int_equal(skein__analyze(an, word, strlen(word), lang, 8, &t, &n), SKEIN_OK);
    assert_int_equal(n, 1);
    return skein__person_class(skein__person_salt(lang), t[0].hash);
}

/* The person-name list: given and family names in the languages of their
 * script, inflected forms through their stem, nationality words in their
 * own language only; ordinary words and stopwords are none. */
static void person_names_list(void **state) {
    (void)state;
    skein__lexicon_info info;
    skein__lexicon_info_get(&info);
    if (info.person_words == 0) skip();
    skein__analyzer *an = skein__analyzer_new(0, skein__lexicon_word_info);
    assert_non_null(an);
    assert_true(person_class_of(an, "Anna", "de") & SKEIN_PERSON_GIVEN);
    assert_true(person_class_of(an, "Schmidt", "de") & SKEIN_PERSON_FAMILY);
    assert_true(person_class_of(an, "Schmidt", "en") & SKEIN_PERSON_FAMILY);
    assert_int_equal(person_class_of(an, "Kenyan", "en"), SKEIN_PERSON_DEMONYM);
    assert_int_equal(person_class_of(an, "Kenyans", "en"), SKEIN_PERSON_DEMONYM);
    assert_int_equal(person_class_of(an, "Kenyan", "de"), 0);
    /* Иванову, Владимира: the case forms of Иванова, Владимир */
    assert_true(
        person_class_of(an, "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd1\x83", "ru") &
        SKEIN_PERSON_FAMILY);
    assert_true(person_class_of(an,
                                "\xd0\x92\xd0\xbb\xd0\xb0\xd0\xb4\xd0\xb8\xd0\xbc\xd0\xb8"
                                "\xd1\x80\xd0\xb0",
                                "ru") &
                SKEIN_PERSON_GIVEN);
    assert_true(person_class_of(an, "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "ar") &
                SKEIN_PERSON_GIVEN);                        /* محمد */
    assert_int_equal(person_class_of(an, "Anna", "ru"), 0); /* not in Cyrillic text */
    assert_int_equal(person_class_of(an, "yesterday", "en"), 0);
    assert_int_equal(person_class_of(an, "Will", "en"), 0); /* a stopword */
    skein__analyzer_free(an);
}

/* Month names from ICU's calendar data, as the analyzer folds words: the
 * forms a date takes ("8 ноября", "8 November", "Nov. 8", "8 mai"). */
static void months_by_language(void **state) {
    (void)state;
    skein__months *m = skein__months_new();
    assert_non_null(m);
    static const struct {
        const char *lang, *word;
        int month;
    } cases[] = {
        {"ru", "ноября", 11}, {"ru", "ноябрь", 11}, {"ru", "мая", 5},  {"en", "november", 11},
        {"en", "nov", 11},    {"en", "may", 5},     {"de", "märz", 3}, {"fr", "août", 8},
        {"es", "enero", 1},   {"ar", "نوفمبر", 11}, {"ru", "ноя", 0},  {"en", "ноября", 0},
        {"en", "weather", 0}, {"de", "mai", 5},     {"xx", "mai", 0},  {"en", "", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = skein__months_find(m, cases[i].lang, cases[i].word, strlen(cases[i].word));
        if (got != cases[i].month)
            fail_msg("%s %s: month %d, want %d", cases[i].lang, cases[i].word, got, cases[i].month);
    }
    skein__months_free(m);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(months_by_language),         cmocka_unit_test(gazetteer_geonames_cities),
    cmocka_unit_test(keys_meet_across_scripts),   cmocka_unit_test(phonetic_rules),
    cmocka_unit_test(numbers_one_spelling),       cmocka_unit_test(cross_lingual_stories),
    cmocka_unit_test(lexicon_pivots_to_english),  cmocka_unit_test(known_names_meet),
    cmocka_unit_test(gazetteer_one_id_per_place), cmocka_unit_test(gazetteer_arabic_clitics),
    cmocka_unit_test(person_names_list),
};

SKEIN_TEST_GROUP(interlingual, tests)
