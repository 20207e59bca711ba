/* test_notes.c -- an article's notes as a typed record (skein_notes): spans
 * in the text as given, copies, the binary form checkpoints and the store
 * keep (and refuse when damaged), the JSON printed at the edges.
 *
 * The texts are written for these tests. */
#include "test.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "notes.h"
#include "skein.h"

static skein_notes *extract(const char *lang, const char *title, const char *text) {
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    skein_article a = {"n1", title, text, lang, NULL, NULL, SKEIN_NO_TIME};
    skein_notes *n = NULL;
    assert_int_equal(skein_engine_extract(e, &a, &n), SKEIN_OK);
    skein_engine_free(e);
    assert_non_null(n);
    return n;
}

static const skein_name_note *name(const skein_notes *n, const char *s) {
    for (size_t i = 0; i < n->nnames; i++)
        if (!strcmp(n->names[i].name, s)) return &n->names[i];
    fail_msg("no name \"%s\"", s);
    return NULL;
}

/* Spans point into the text as it was given, even where the cleaner
 * changed it before it was read (blanks folded, a credit line dropped,
 * glued words split). */
static void spans_in_given_text(void **state) {
    (void)state;
    const char *title = "Mayor  Ana Ruiz visits the harbour";
    const char *text =
        "The harbour of Valparaiso reopened on Monday.\n"
        "\xe2\x80\xa2 \xc2\xa9 Reuters\n"
        "   \"We will rebuild every pier,\"   Ana Ruiz told reporters in Valparaiso.";
    skein_notes *n = extract("en", title, text);
    const skein_name_note *v = name(n, "Valparaiso");
    assert_int_equal(v->count, 2);
    for (uint32_t k = 0; k < v->count; k++) {
        assert_int_equal(v->mentions[k].title, 0);
        assert_memory_equal(text + v->mentions[k].start, "Valparaiso", 10);
        assert_int_equal(v->mentions[k].end - v->mentions[k].start, 10);
    }
    const skein_name_note *r = name(n, "Ana Ruiz");
    int in_title = 0, in_text = 0;
    for (uint32_t k = 0; k < r->count; k++) {
        const char *src = r->mentions[k].title ? title : text;
        in_title += r->mentions[k].title, in_text += !r->mentions[k].title;
        assert_memory_equal(src + r->mentions[k].start, "Ana Ruiz", 8);
    }
    assert_int_equal(in_title, 1);
    assert_int_equal(in_text, 1);
    assert_int_equal(n->nquotes, 1);
    const skein_quote_note *q = &n->quotes[0];
    assert_string_equal(q->text, "We will rebuild every pier,");
    assert_int_equal(q->span.end - q->span.start, strlen(q->text));
    assert_memory_equal(text + q->span.start, q->text, strlen(q->text));
    assert_string_equal(q->speaker, "Ana Ruiz");
    assert_int_equal(q->by, SKEIN_BY_VERB);
    assert_true(q->name >= 0 && (size_t)q->name < n->nnames);
    assert_string_equal(n->names[q->name].name, "Ana Ruiz");
    skein_notes_free(n);
}

static char *json_of(const skein_notes *n) {
    char *j = NULL;
    assert_int_equal(skein_notes_json(n, &j), SKEIN_OK);
    return j;
}

/* A copy, and the binary form read back, print the same JSON and hold a
 * quote's confidence to the bit (a story told again from notes read back
 * rounds it as one told from the first); damaged bytes (cut anywhere, or
 * one byte changed in a length) are refused. */
static void copy_and_binary_form(void **state) {
    (void)state;
    skein_notes *n =
        extract("en", "Talks in Geneva",
                "Sergei Lavrov met Antony Blinken in Geneva. \"We are prepared to talk,\" "
                "Lavrov said. Some 94,000 troops were counted.");
    assert_true(n->nnames >= 3 && n->nquotes == 1 && n->nnumbers >= 1);
    float confidence = nextafterf(0.9845f, 1.0f); /* not a whole number of millionths */
    ((skein_quote_note *)n->quotes)[0].confidence = confidence;
    char *want = json_of(n);
    skein_notes *c = skein_notes_copy(n);
    char *got = json_of(c);
    assert_string_equal(got, want);
    free(got);
    sbuf b;
    skein__sbuf_init(&b);
    assert_int_equal(skein__notes_save(&b, n), 0);
    snap_r r;
    skein__snap_reader(&r, b.buf, b.len);
    skein_notes *back = skein__notes_load(&r);
    assert_non_null(back);
    assert_false(r.err);
    assert_int_equal(r.at, b.len);
    assert_true(back->quotes[0].confidence == confidence);
    got = json_of(back);
    assert_string_equal(got, want);
    free(got);
    skein_notes_free(back);
    for (size_t cut = 0; cut < b.len; cut += 7) {
        skein__snap_reader(&r, b.buf, cut);
        back = skein__notes_load(&r);
        assert_null(back);
        assert_true(r.err);
    }
    b.buf[4] = (char)0x7f; /* the count of names, far beyond the bytes */
    skein__snap_reader(&r, b.buf, b.len);
    assert_null(skein__notes_load(&r));
    skein__sbuf_release(&b);
    skein_notes_free(c);
    skein_notes_free(n);
    free(want);
}

/* The JSON: spans as [start,end] pairs, title mentions apart, quote spans. */
static void json_spans(void **state) {
    (void)state;
    skein_notes *n = extract("en", "Berlin talks",
                             "Talks opened in Berlin. \"We expect a deal soon,\" Olaf Berg said.");
    char *j = json_of(n);
    cJSON *o = cJSON_Parse(j);
    assert_non_null(o);
    const cJSON *it, *berlin = NULL;
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(o, "names")) {
        if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(it, "name")), "Berlin")) berlin = it;
    }
    assert_non_null(berlin);
    const cJSON *m = cJSON_GetObjectItem(berlin, "mentions"),
                *t = cJSON_GetObjectItem(berlin, "title_mentions");
    assert_int_equal(cJSON_GetArraySize(m), 1);
    assert_int_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(m, 0), 0)->valueint, 16);
    assert_int_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(m, 0), 1)->valueint, 22);
    assert_int_equal(cJSON_GetArraySize(t), 1);
    assert_int_equal(cJSON_GetArrayItem(cJSON_GetArrayItem(t, 0), 0)->valueint, 0);
    const cJSON *q = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "quotes"), 0);
    assert_int_equal(cJSON_GetObjectItem(q, "start")->valueint, 25);
    assert_int_equal(cJSON_GetObjectItem(q, "end")->valueint,
                     25 + (int)strlen("We expect a deal soon,"));
    cJSON_Delete(o);
    free(j);
    skein_notes_free(n);
    assert_string_equal(skein_kind_name(SKEIN_KIND_ORG), "org");
    assert_string_equal(skein_kind_name((skein_kind)42), "other");
    assert_string_equal(skein_attribution_name(SKEIN_BY_COLON), "colon");
}

/* The names the tagger finds, as the extractor keeps them: a month or a
 * title that is a person's surname stays ("Theresa May", "Ken King"), a
 * weekday goes; initials said twice are no repeated word ("П. П."); a
 * capitalised word that a language's name shares a stem with in a
 * language that writes those in lower case is the place (Spanish
 * "Bosnia", not "bosnio"); a name too short to sound like anything is kept
 * ("Rai"); a word opening a sentence that the article also writes in lower
 * case is no name ("Krone rises..." and "the krone"); "Secretary of
 * State Antony Blinken" names Antony Blinken; "the Ambassador" alone is no
 * name; "European Central Bank" is an organisation; "U.S." and "UK" are
 * the countries. */
static void tagged_names_kept(void **state) {
    (void)state;
    skein_notes *n = extract("en", NULL,
                             "British Prime Minister Theresa May met Ken King in London on "
                             "Tuesday. May said the talks went well.");
    assert_int_equal(name(n, "Theresa May")->kind, SKEIN_KIND_PERSON);
    assert_int_equal(name(n, "Ken King")->kind, SKEIN_KIND_PERSON);
    for (size_t i = 0; i < n->nnames; i++) assert_string_not_equal(n->names[i].name, "Tuesday");
    skein_notes_free(n);
    n = extract("es", NULL, "La guerra en Bosnia termin\xc3\xb3 en 1995, dijo el ministro.");
    assert_int_equal(name(n, "Bosnia")->kind, SKEIN_KIND_PLACE);
    skein_notes_free(n);
    n = extract("ru", NULL,
                "\xd0\x9e\xd0\xbd \xd1\x83\xd1\x87\xd0\xb8\xd0\xbb\xd1\x81\xd1\x8f \xd0\xb2 "
                "\xd0\xbc\xd0\xb0\xd1\x81\xd1\x82\xd0\xb5\xd1\x80\xd1\x81\xd0\xba\xd0\xbe\xd0\xb9 "
                "\xd0\x9f. \xd0\x9f. "
                "\xd0\xa7\xd0\xb8\xd1\x81\xd1\x82\xd1\x8f\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb0.");
    assert_int_equal(
        name(n, "\xd0\x9f. \xd0\x9f. "
                "\xd0\xa7\xd0\xb8\xd1\x81\xd1\x82\xd1\x8f\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb0")
            ->kind,
        SKEIN_KIND_PERSON);
    skein_notes_free(n);
    n = extract("de", NULL,
                "Die Sch\xc3\xbcler sprechen mit Psychologen, aber Rai sagt, ihre Freunde helfen.");
    assert_true(name(n, "Rai")->nkeys > 0);
    skein_notes_free(n);
    /* a word that opens the title and that the text writes in lower case */
    n = extract("en", "Krone rises after Norges Bank rate decision",
                "The Norwegian krone strengthened on Thursday after Norges Bank raised its key "
                "interest rate to 4.5 percent.");
    for (size_t i = 0; i < n->nnames; i++) assert_string_not_equal(n->names[i].name, "Krone");
    assert_int_equal(name(n, "Norges Bank")->kind, SKEIN_KIND_ORG);
    skein_notes_free(n);
    /* a title's object is no part of the name after it */
    n = extract("en", NULL,
                "U.S. Secretary of State Antony Blinken met Sergey Lavrov in Geneva on Friday.");
    assert_int_equal(name(n, "Antony Blinken")->kind, SKEIN_KIND_PERSON);
    skein_notes_free(n);
    /* a title alone names no one, whatever kind the tagger gives it */
    n = extract("en", NULL,
                "The talks resumed on Monday, the Ambassador told reporters in Vienna.");
    for (size_t i = 0; i < n->nnames; i++) assert_string_not_equal(n->names[i].name, "Ambassador");
    assert_int_equal(name(n, "Vienna")->kind, SKEIN_KIND_PLACE);
    skein_notes_free(n);
    /* three words or more ending in an organisation's word, no place the
     * gazetteer knows: an organisation; two ("West Bank") may be a place */
    n = extract("en", NULL,
                "The European Central Bank raised rates in Frankfurt as troops entered the West "
                "Bank.");
    assert_int_equal(name(n, "European Central Bank")->kind, SKEIN_KIND_ORG);
    skein_notes_free(n);
    /* a country's abbreviation written as such is the country */
    n = extract("en", NULL,
                "The U.S. and the UK signed the deal in Geneva, officials told us on Monday.");
    assert_string_equal(name(n, "U.S")->place, "US");
    assert_string_equal(name(n, "UK")->place, "GB");
    for (size_t i = 0; i < n->nnames; i++) assert_string_not_equal(n->names[i].name, "us");
    skein_notes_free(n);
}

/* The name of kind `kind` called s, or NULL. */
static const skein_name_note *name_of_kind(const skein_notes *n, const char *s, skein_kind kind) {
    for (size_t i = 0; i < n->nnames; i++)
        if (!strcmp(n->names[i].name, s) && n->names[i].kind == kind) return &n->names[i];
    return NULL;
}

/* Rules around the tagger: a place's name with an event's word is the
 * event's ("Berlin Marathon"), a nationality word is no person ("Kenyan"),
 * a region's adjective alone no name ("European officials"), nor a
 * nationality word before titles ("American Secretary of State"), "U.N."
 * a body,
 * an Arabic place after li- is the place (لروسيا: Russia), an Arabic
 * adverb or loan noun is no name (احترازيا, تسونامي). */
static void tagged_names_rules(void **state) {
    (void)state;
    skein_notes *n = extract("en", NULL,
                             "Kenyan Peter Kiprono won the Berlin Marathon on Sunday. The Kenyan "
                             "said he was happy.");
    assert_null(name_of_kind(n, "Berlin Marathon", SKEIN_KIND_PLACE));
    assert_null(name_of_kind(n, "Kenyan", SKEIN_KIND_PERSON));
    assert_non_null(name_of_kind(n, "Peter Kiprono", SKEIN_KIND_PERSON));
    skein_notes_free(n);
    /* a region's adjective alone is no name; one that opens a place's is */
    n = extract("en", NULL,
                "Western leaders met in Geneva. European officials flew on to Western "
                "Australia.");
    for (size_t i = 0; i < n->nnames; i++) {
        assert_string_not_equal(n->names[i].name, "Western");
        assert_string_not_equal(n->names[i].name, "European");
    }
    assert_non_null(name_of_kind(n, "Western Australia", SKEIN_KIND_PLACE));
    skein_notes_free(n);
    /* a nationality word and titles name no one; "the U.N." is a body */
    n = extract("en", NULL,
                "The promise was made by the American Secretary of State James Baker. The U.N. "
                "would help, he said.");
    for (size_t i = 0; i < n->nnames; i++) assert_null(strstr(n->names[i].name, "Secretary"));
    assert_non_null(name_of_kind(n, "James Baker", SKEIN_KIND_PERSON));
    assert_non_null(name_of_kind(n, "U.N", SKEIN_KIND_ORG));
    skein_notes_free(n);
    n = extract("ar", NULL,
                "\xd8\xa3\xd8\xb1\xd8\xb3\xd9\x84\xd8\xaa \xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd9\x86 "
                "\xd9\x85\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa7\xd8\xaa "
                "\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 "
                "\xd8\xa7\xd8\xad\xd8\xaa\xd8\xb1\xd8\xa7\xd8\xb2\xd9\x8a\xd8\xa7\xd8\x8c "
                "\xd9\x88\xd9\x84\xd9\x85 \xd9\x8a\xd8\xb5\xd8\xaf\xd8\xb1 "
                "\xd8\xaa\xd8\xad\xd8\xb0\xd9\x8a\xd8\xb1 \xd9\x85\xd9\x86 "
                "\xd8\xaa\xd8\xb3\xd9\x88\xd9\x86\xd8\xa7\xd9\x85\xd9\x8a.");
    /* أرسلت الصين مساعدات لروسيا احترازيا، ولم يصدر تحذير من تسونامي. */
    assert_string_equal(name(n, "\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7")->place, "RU");
    for (size_t i = 0; i < n->nnames; i++) {
        assert_string_not_equal(n->names[i].name, "\xd8\xa7\xd8\xad\xd8\xaa\xd8\xb1\xd8\xa7"
                                                  "\xd8\xb2\xd9\x8a\xd8\xa7");
        assert_string_not_equal(n->names[i].name,
                                "\xd8\xaa\xd8\xb3\xd9\x88\xd9\x86\xd8\xa7\xd9\x85\xd9\x8a");
    }
    skein_notes_free(n);
}

/* The words at a name's edges: a place's last word makes a place ("Bov
 * Parish", which the tagger calls a person); a body's form or word ends a
 * body, with capitalised words the tagger left out ("Eberhard Faber
 * GmbH", "US Geological Survey" after "US" alone); a person's name runs
 * on past a hyphen ("Weiler-Kiderlen"); a German lower-case word at an
 * edge is none of the name ("Darius' hoch", "australische ..."); a name
 * ends at a sentence's full stop. */
static void tagged_names_edges(void **state) {
    (void)state;
    skein_notes *n =
        extract("en", NULL, "The fair was held in Bov Parish and in Seminole County last year.");
    assert_non_null(name_of_kind(n, "Bov Parish", SKEIN_KIND_PLACE));
    skein_notes_free(n);
    n = extract("en", NULL, "The pencils were made by Eberhard Faber GmbH in Nuremberg.");
    assert_non_null(name_of_kind(n, "Eberhard Faber GmbH", SKEIN_KIND_ORG));
    skein_notes_free(n);
    n = extract("en", NULL, "The quake was measured by the US Geological Survey on Monday.");
    assert_non_null(name_of_kind(n, "US Geological Survey", SKEIN_KIND_ORG));
    skein_notes_free(n);
    n = extract("de", NULL, "Der Minister traf Ali al-Nuaimi und Hedi Weiler-Kiderlen in Berlin.");
    assert_non_null(name_of_kind(n, "Hedi Weiler-Kiderlen", SKEIN_KIND_PERSON));
    skein_notes_free(n);
    n = extract("de", NULL,
                "Die Kurse von Darius' hoch und die australische Royal-Nationalpark Verwaltung.");
    assert_non_null(name_of_kind(n, "Darius", SKEIN_KIND_PERSON));
    for (size_t i = 0; i < n->nnames; i++) {
        assert_null(strstr(n->names[i].name, "hoch"));
        assert_null(strstr(n->names[i].name, "australische"));
    }
    skein_notes_free(n);
    /* a German noun saying what the name after it is: none of it, its kind */
    n = extract("de", NULL, "Der Artikel erschien im Magazin Slate und in der Zeitung Bild.");
    assert_non_null(name_of_kind(n, "Slate", SKEIN_KIND_ORG));
    for (size_t i = 0; i < n->nnames; i++) assert_null(strstr(n->names[i].name, "Magazin"));
    skein_notes_free(n);
    /* a capitalised word the tagger left out, glued by a hyphen to the
     * name it found after it, is part of it */
    n = extract("en", NULL, "The shipping firm Hapag-Lloyd reported a loss.");
    assert_non_null(name(n, "Hapag-Lloyd"));
    for (size_t i = 0; i < n->nnames; i++) assert_string_not_equal(n->names[i].name, "Lloyd");
    skein_notes_free(n);
    /* a given name said twice is kept; a full stop after a word ends a
     * name the tagger ran on into the next sentence */
    n = extract("en", NULL,
                "I love the jokes of Will Rogers and Zsa Zsa Gabor, said Tom. Putin Putin said.");
    assert_non_null(name_of_kind(n, "Zsa Zsa Gabor", SKEIN_KIND_PERSON));
    assert_non_null(name_of_kind(n, "Tom", SKEIN_KIND_PERSON));
    for (size_t i = 0; i < n->nnames; i++) assert_null(strstr(n->names[i].name, "Tom."));
    skein_notes_free(n);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(spans_in_given_text), cmocka_unit_test(tagged_names_kept),
    cmocka_unit_test(tagged_names_rules),  cmocka_unit_test(copy_and_binary_form),
    cmocka_unit_test(json_spans),          cmocka_unit_test(tagged_names_edges),
};

SKEIN_TEST_GROUP(notes, tests)
