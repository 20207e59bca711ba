/* test_speakers.c -- who said each quote: the trained model fits the
 * features this build computes, and the attributions the story page
 * promises come out right on texts written for these tests (the subject of
 * the verb of saying, an apposition, a pronoun pointing back past a name in
 * an adverbial, an unnamed speaker left unnamed, a news agency that only
 * reported the words), with a confidence; titles in quotation marks are no
 * quotes. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "skein.h"
#include "speaker_model.h"

static skein_notes *extract_lang(const char *text, const char *lang) {
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    skein_article a = {"q1", "Talks", text, lang, NULL, NULL, SKEIN_NO_TIME};
    skein_notes *n = NULL;
    assert_int_equal(skein_engine_extract(e, &a, &n), SKEIN_OK);
    skein_engine_free(e);
    assert_non_null(n);
    return n;
}

static skein_notes *extract(const char *text) { return extract_lang(text, "en"); }

/* The speaker of the quote starting with `start`: its last word must be
 * `who` (NULL: no speaker). */
static void expect(const skein_notes *n, const char *start, const char *who) {
    for (size_t i = 0; i < n->nquotes; i++) {
        const skein_quote_note *q = &n->quotes[i];
        if (strncmp(q->text, start, strlen(start))) continue;
        assert_true(q->confidence >= 0 && q->confidence <= 1);
        if (!who) {
            if (q->speaker) fail_msg("\"%s\": said by %s, expected no one", start, q->speaker);
            return;
        }
        if (!q->speaker) fail_msg("\"%s\": no speaker, expected %s", start, who);
        const char *last = strrchr(q->speaker, ' ');
        last = last ? last + 1 : q->speaker;
        if (strcmp(last, who)) fail_msg("\"%s\": said by %s, expected %s", start, q->speaker, who);
        assert_int_not_equal(q->by, SKEIN_BY_NONE);
        return;
    }
    fail_msg("no quote \"%s\"", start);
}

/* Texts that name no one: their quotes are nobody's, whether the
 * extractor is new or has just read a text full of names (what it knew of
 * that text's names is not read for these). */
static void texts_without_names(void **state) {
    (void)state;
    static const char *const texts[] = {
        "the strike went on and on.\n\n\u201cWe will never give up on fair pay,\u201d he said on "
        "Monday.",
        "\u201cWe will not move,\u201d the union said.",
        "workers at the gate carried signs demanding \u201cfair pay now\u201d and "
        "\u201cno cuts.\u201d"};
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
            skein_notes *n = NULL;
            if (round) { /* after a text with names and a quote of each */
                skein_article named = {"n",
                                       "Talks",
                                       "Maria Lopez met Tom Berg in Lyon. "
                                       "\u201cWe agreed on the wage terms today,\u201d Lopez said. "
                                       "\u201cNot before the vote next week,\u201d Berg said.",
                                       "en",
                                       NULL,
                                       NULL,
                                       SKEIN_NO_TIME};
                assert_int_equal(skein_engine_extract(e, &named, &n), SKEIN_OK);
                expect(n, "We agreed", "Lopez");
                skein_notes_free(n);
            }
            skein_article a = {"q", "Talks", texts[i], "en", NULL, NULL, SKEIN_NO_TIME};
            assert_int_equal(skein_engine_extract(e, &a, &n), SKEIN_OK);
            assert_true(n->nquotes >= 1);
            for (size_t q = 0; q < n->nquotes; q++) assert_null(n->quotes[q].speaker);
            skein_notes_free(n);
        }
    skein_engine_free(e);
}

static void model_fits_the_features(void **state) {
    (void)state;
    assert_true(skein__speaker_model_layout == skein__speaker_layout());
    assert_int_equal(skein__speaker_model_nfeatures, skein__speaker_nfeatures());
    assert_true(skein__speaker_model_threshold > 0 && skein__speaker_model_threshold < 1);
}

static void subject_not_adverbial(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Secretary of State Antony Blinken will meet Russian Foreign Minister Sergey Lavrov in "
        "Stockholm on Thursday.\n\n"
        "Blinken spoke to reporters in Riga before the talks.\n\n"
        "“We are prepared to impose severe costs on Russia for any further aggression,” he "
        "added ahead of his meeting with Lavrov.\n\n"
        "“There is a distinct possibility of an invasion next month,” Emily Horne, the White "
        "House spokesperson, said on Friday.\n\n"
        "“The talks were long and difficult, but useful,” officials said after the meeting.");
    expect(n, "We are prepared", "Blinken");
    expect(n, "There is a distinct", "Horne");
    expect(n, "The talks were long", NULL);
    skein_notes_free(n);
}

static void agency_only_reported(void **state) {
    (void)state;
    skein_notes *n =
        extract("President Vladimir Putin spoke at the Kremlin on Tuesday, according to The "
                "Associated Press.\n\n"
                "“We need legally binding guarantees of our security,” Putin said, according to "
                "The Associated Press.\n\n"
                "Moscow wants the alliance to stop its expansion to the east.");
    expect(n, "We need legally", "Putin");
    skein_notes_free(n);
}

static void titles_are_no_quotes(void **state) {
    (void)state;
    skein_notes *n = extract("The senator appeared on “Face the Nation” on Sunday and on “Meet "
                             "the Press Daily” on Monday, then left for Iowa.");
    assert_int_equal(n->nquotes, 0);
    skein_notes_free(n);
}

/* The number of quotes in a text of one straight-quoted passage of plain
 * words whose closing mark lies `close` bytes after its opening one. */
static size_t quotes_closing_at(size_t close) {
    char *text = malloc(close + 2);
    assert_non_null(text);
    text[0] = '"';
    for (size_t i = 1; i < close; i++) text[i] = i % 6 == 0 ? ' ' : 'w';
    text[close - 1] = 'w';
    text[close] = '"', text[close + 1] = 0;
    skein_notes *n = extract(text);
    size_t q = n->nquotes;
    skein_notes_free(n);
    free(text);
    return q;
}

/* A quote is at most SKEIN_MAX_QUOTE_BYTES from mark to mark, however
 * far the scan for marks skips plain text; the marks of a quote after a
 * long unclosed one are still found. */
static void quote_length_limit(void **state) {
    (void)state;
    assert_int_equal(quotes_closing_at(SKEIN_MAX_QUOTE_BYTES), 1);
    assert_int_equal(quotes_closing_at(SKEIN_MAX_QUOTE_BYTES + 1), 0);
    assert_int_equal(quotes_closing_at(SKEIN_MAX_QUOTE_BYTES - 7), 1);
    size_t pad = SKEIN_MAX_QUOTE_BYTES + 500;
    const char *tail = " \u201cWe will win this state,\u201d Sanders said.";
    char *text = malloc(pad + strlen(tail) + 1);
    assert_non_null(text);
    text[0] = '"';
    for (size_t i = 1; i < pad; i++) text[i] = i % 7 == 0 ? ' ' : 'v';
    strcpy(text + pad, tail);
    skein_notes *n = extract(text);
    expect(n, "We will win", "Sanders");
    skein_notes_free(n);
    free(text);
}

/* "Salvatierra" alone, after "Ernesto Salvatierra", is that person, though
 * a town in Mexico has the name. */
static void surname_not_town(void **state) {
    (void)state;
    skein_engine *e = skein_engine_new(NULL, NULL);
    assert_non_null(e);
    const char *text = "El alcalde Ernesto Salvatierra habló el lunes. \"Hemos construido más\", "
                       "dijo el alcalde. Salvatierra presumió de los resultados.";
    skein_article a = {"s1", "Debate", text, "es", NULL, NULL, SKEIN_NO_TIME};
    skein_notes *n = NULL;
    assert_int_equal(skein_engine_extract(e, &a, &n), SKEIN_OK);
    int found = 0;
    for (size_t i = 0; i < n->nnames; i++) {
        if (strcmp(n->names[i].name, "Salvatierra")) continue;
        found = 1;
        assert_int_not_equal(n->names[i].kind, SKEIN_KIND_PLACE);
        assert_null(n->names[i].place);
    }
    assert_true(found);
    skein_notes_free(n);
    skein_engine_free(e);
}

/* "Sanders responds ...": a person's last word alone, opening a sentence
 * where the tagger sees no name, is the person named in full before. */
static void surname_alone_opens_sentence(void **state) {
    (void)state;
    skein_notes *n =
        extract("Bernie Sanders met Hillary Clinton in Des Moines on Monday.\n\n"
                "Sanders responds to his critics with \u201cWe will win this state\u201d "
                "in every speech.");
    expect(n, "We will win", "Sanders");
    skein_notes_free(n);
}

/* A dateline's dash ends a name; a title and initials with full stops
 * after the verb of saying still make the speaker. */
static void dateline_and_initials(void **state) {
    (void)state;
    skein_notes *n =
        extract("PORTLAND \xE2\x80\x95 Gordon Pratt's toll plan is a swindle, councillors "
                "said Friday.\n\n\"This is a sorry week for the city,\" said Rep. "
                "J.T. Haverford (D-Ore.), chair of the transit panel.");
    for (size_t i = 0; i < n->nnames; i++)
        if (strstr(n->names[i].name, "PORTLAND") && strstr(n->names[i].name, "Pratt"))
            fail_msg("one name across a dateline's dash: %s", n->names[i].name);
    for (size_t i = 0; i < n->nnames; i++) /* the initials are Haverford's, no one else's */
        if (!strncmp(n->names[i].name, "J.T", 3) && !strstr(n->names[i].name, "Haverford"))
            fail_msg("initials alone as a name: %s", n->names[i].name);
    expect(n, "This is a sorry week", "Haverford");
    skein_notes_free(n);
}

/* A role word saying the quote ("...,” the expert noted) points back to
 * the person last given that role, else, for a title word, to the person
 * the text was last about: not left unnamed, not the body in the role's
 * phrase ("an expert at the RISS"). */
static void role_word_points_back(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Moscow and Washington will hold talks in Geneva next week.\n\n"
        "“The United States views Russia as a rival and uses Ukraine to contain it,” explained "
        "Sergei Ermakov, an expert at the RISS Research Coordination Center.\n\n"
        "At the same time, he pointed out that no one in the alliance is in a hurry to accept "
        "Ukraine.\n\n"
        "“The idea of open doors was put forward back in 2008. Since then, nothing has "
        "happened,” the expert noted.\n\nThe talks begin on Monday.");
    expect(n, "The idea of open doors", "Ermakov");
    skein_notes_free(n);
    n = extract("Pavel Feldman, deputy director of the Institute for Strategic Studies, said "
                "Washington would not give way.\n\n"
                "According to Sergei Ermakov, the very basis of NATO is the need for constant "
                "expansion.\n\n"
                "“The logic of the existence of this alliance envisages that it will constantly "
                "expand,” the analyst concluded.");
    expect(n, "The logic of the existence", "Ermakov");
    skein_notes_free(n);
}

/* "According to X" before a quote names X, the head of its phrase ("Jane
 * Porter of Monmouth University"), not the body after it; "according to
 * him" names whom the text was about. */
static void according_to(void **state) {
    (void)state;
    skein_notes *n =
        extract("Governor Ann Lee spoke first at the rally. “We will win this state,” Lee said.\n\n"
                "According to Jane Porter of Monmouth University, “the suburbs are moving faster "
                "than anyone expected.”\n\nLee did not comment on the polls.");
    expect(n, "We will win", "Lee");
    expect(n, "the suburbs are moving", "Porter");
    skein_notes_free(n);
    /* "according to him": whom the text was about, past a name inside the clause */
    n = extract("State Department spokesman Ned Price spoke to reporters on Monday.\n\n"
                "“We have made it clear that the doors of the alliance are open,” Price said.\n\n"
                "In this regard, he noted, Ukraine's claims to membership are justified and "
                "supported by Washington, despite Moscow's discontent.\n\n"
                "According to him, the expansion of NATO is due to \"the policy that the United "
                "States has been pursuing for many years.\"\n\nThe talks begin on Monday.");
    expect(n, "the policy that", "Price");
    skein_notes_free(n);
}

/* A thing or someone unnamed saying the quote ("...," the campaign video
 * says) leaves it unnamed, not given to the person named before. */
static void unnamed_thing_says(void **state) {
    (void)state;
    skein_notes *n = extract("Mayor Tom Reyes opened the new bridge over the river on Monday.\n\n"
                             "\xE2\x80\x9CWe will never give up on this city,\xE2\x80\x9D the "
                             "campaign video says over pictures of the old harbour.\n\n"
                             "Reyes did not comment.");
    expect(n, "We will never give up", NULL);
    skein_notes_free(n);
}

/* Arabic: a verb of saying with no subject after it carries its own ("and
 * he warned that"): the person first named in the sentence before (the
 * subject of its verb), never the country named after "that". */
static void arabic_verb_own_subject(void **state) {
    (void)state;
    skein_notes *n = extract_lang(
        "\xD9\x88\xD8\xA7\xD9\x84\xD8\xAA\xD9\x82\xD9\x89 " /* والتقى */
        "\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 "
        "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xA7\xD8\xB1\xD8\xAC\xD9\x8A\xD8\xA9 " /* وزير
                                                                               الخارجية
                                                                             */
        "\xD8\xA7\xD9\x84\xD8\xA3\xD8\xB1\xD8\xAF\xD9\x86\xD9\x8A "         /* الأردني */
        "\xD8\xA3\xD9\x8A\xD9\x85\xD9\x86 "
        "\xD8\xA7\xD9\x84\xD8\xB5\xD9\x81\xD8\xAF\xD9\x8A " /* أيمن الصفدي */
        "\xD8\xA8\xD9\x86\xD8\xB8\xD9\x8A\xD8\xB1\xD9\x87 "
        "\xD8\xA7\xD9\x84\xD9\x81\xD8\xB1\xD9\x86\xD8\xB3\xD9\x8A " /* بنظيره الفرنسي */
        "\xD9\x81\xD9\x8A \xD8\xA8\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xB3 "          /* في باريس */
        "\xD9\x8A\xD9\x88\xD9\x85 \xD8\xA7\xD9\x84\xD8\xA3\xD8\xAD\xD8\xAF. " /* يوم
                                                                                 الأحد.
                                                                               */
        "\xD9\x88\xD8\xAD\xD8\xB0\xD8\xB1 \xD9\x85\xD9\x86 \xD8\xA3\xD9\x86 " /* وحذر من
                                                                                 أن */
        "\xD9\x81\xD8\xB1\xD9\x86\xD8\xB3\xD8\xA7 "                           /* فرنسا */
        "\xD9\x88\xD8\xA3\xD9\x84\xD9\x85\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7 "   /* وألمانيا
                                                                               */
        "\"\xD8\xB3\xD8\xAA\xD9\x88\xD8\xA7\xD8\xAC\xD9\x87\xD8\xA7\xD9\x86 " /* "ستواجهان
                                                                               */
        "\xD8\xB5\xD8\xB9\xD9\x88\xD8\xA8\xD8\xA7\xD8\xAA "
        "\xD9\x83\xD8\xA8\xD9\x8A\xD8\xB1\xD8\xA9 " /* صعوبات كبيرة */
        "\xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD8\xB4\xD8\xAA\xD8\xA7\xD8\xA1\" " /* في
                                                                                  الشتاء"
                                                                                */
        "\xD8\xA5\xD8\xB0\xD8\xA7 \xD9\x84\xD9\x85 "                           /* إذا لم */
        "\xD8\xAA\xD8\xAA\xD9\x81\xD9\x82\xD8\xA7.",                           /* تتفقا. */
        "ar");
    int found = 0;
    for (size_t i = 0; i < n->nquotes; i++) {
        if (!n->quotes[i].speaker) fail_msg("the quote was given no speaker");
        /* أيمن: the speaker is the minister, by his first name at least */
        if (strncmp(n->quotes[i].speaker, "\xD8\xA3\xD9\x8A\xD9\x85\xD9\x86", 8))
            fail_msg("the quote was given to %s", n->quotes[i].speaker);
        found++;
    }
    assert_int_equal(found, 1);
    skein_notes_free(n);
}

/* "According to the adviser, X told ..." before a quote: the words are the
 * adviser's account, given to the person last called the adviser, not to X. */
static void according_to_a_role(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Jane Ortiz, a senior adviser at the Treasury, briefed reporters on Monday.\n\n"
        "According to the adviser, Governor Paul Stone also told the council that the state would "
        "\"raise the budget for schools by a tenth next year.\"\n\nThe council meets again in "
        "May.");
    expect(n, "raise the budget", "Ortiz");
    skein_notes_free(n);
}

/* A straight opening mark closed by a curly one, as editing leaves quotes
 * ("...” Reyes said), is a quote; a stray straight mark before a curly
 * quote in another paragraph opens none. */
static void mixed_marks(void **state) {
    (void)state;
    skein_notes *n = extract("Mayor Tom Reyes opened the new bridge over the river on Monday.\n\n"
                             "\"We can rebuild the old harbour wall by the spring,\xE2\x80\x9D "
                             "Reyes told reporters.\n\n"
                             "\"At the hall, the council asked about the budget.\n\n"
                             "\xE2\x80\x9CThe money is there for the schools,\xE2\x80\x9D the "
                             "mayor said.");
    expect(n, "We can rebuild the old", "Reyes");
    for (size_t i = 0; i < n->nquotes; i++)
        if (strstr(n->quotes[i].text, "the council asked") ||
            strstr(n->quotes[i].text, "told reporters"))
            fail_msg("a quote runs past its marks: %s", n->quotes[i].text);
    skein_notes_free(n);
}

/* "...,” the recruitment video states: "states" in lower case says the
 * quote, and the video is no one named; the line after it in the same
 * paragraph stays unnamed too. */
static void video_states(void **state) {
    (void)state;
    skein_notes *n = extract(
        "“We will not give up a single village,” Governor Anna Pike said on Monday.\n\n"
        "A recruitment video from 2015 was shared widely online this week.\n\n"
        "“None of us chose to be soldiers,” the recruitment video states over pictures of the "
        "river. “But all of us will defend our homes.”\n\nThe United States sent no comment.");
    expect(n, "We will not give up", "Pike");
    expect(n, "None of us chose", NULL);
    expect(n, "But all of us", NULL);
    skein_notes_free(n);
}

/* "...,” the president said: the person the text was last about, found
 * three paragraphs back past a pronoun's paragraph with someone else in it
 * ("BBC host John Reed"), not a body near the role word ("according to the
 * Norwegian president, the Atlantic Council ..."); a name that modifies
 * the word after it opening a sentence ("Sokol's offer") is no subject. */
static void role_word_looks_back(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Anna Marsh opened the summit in Oslo on Monday.\n\n"
        "“We will not accept new tariffs. The creation of such threats for us is the red line, "
        "and we will answer it,” Marsh said.\n\n"
        "On the whole, according to the Norwegian president, the Atlantic Council is a “relic "
        "of the old times” and its current mission is “not very clear.”\n\n"
        "In an interview with BBC host John Reed in June, she noted that the European Union "
        "ignored promises regarding the fishing rights, since they were not written in any "
        "treaty.\n\n"
        "“They promised us a fair deal and gave us nothing.\n\nWe need everything in "
        "writing,” the president said.");
    expect(n, "They promised us", "Marsh");
    skein_notes_free(n);
    n = extract("Pavel Dorn, deputy director of the Institute for Northern Studies, spoke in Riga "
                "after President Ivan Sokol made his offer.\n\n"
                "“The alliance will keep growing,” Dorn explained.\n\n"
                "Dorn also believes that no quick deal should be expected.\n\n"
                "Sokol's offer will be read as a bluff in Washington, the interlocutor of the "
                "radio believes.\n\n"
                "“There is no reason to believe that the talks will bring a treaty,” the expert "
                "noted.");
    expect(n, "There is no reason", "Dorn");
    skein_notes_free(n);
}

/* A name that modifies the person after it by the verb ("said Hale ally
 * Tom Birch", "Marquette pollster Ann Kerr said") is not the speaker; the
 * person is. */
static void name_modifies_speaker(void **state) {
    (void)state;
    skein_notes *n = extract("Senator Joan Hale won the primary in Ohio on Tuesday.\n\n"
                             "“Ohio voters know her work,” said Hale ally Tom Birch. “She will "
                             "win again in the fall.”\n\n"
                             "“Education is the main driver among voters in this state,” "
                             "Marquette pollster Ann Kerr said.");
    expect(n, "Ohio voters know", "Birch");
    expect(n, "She will win again", "Birch");
    expect(n, "Education is the main", "Kerr");
    skein_notes_free(n);
}

/* Dates in quotation marks are no words said ("2016-06-29", "March 9,
 * 2016"); numbers among words are ("90 to 95 percent"). */
static void dates_are_no_quotes(void **state) {
    (void)state;
    skein_notes *n = extract("Mayor Tom Reyes said the bridge was “90 to 95 percent” finished. "
                             "His post was dated \"2016-06-29\" and the letter “March 9, 2016” in "
                             "the file.");
    int percent = 0;
    for (size_t i = 0; i < n->nquotes; i++) {
        if (strstr(n->quotes[i].text, "2016")) fail_msg("a date as a quote: %s", n->quotes[i].text);
        percent += !strncmp(n->quotes[i].text, "90 to 95", 8);
    }
    assert_int_equal(percent, 1);
    skein_notes_free(n);
}

/* A quote right after one said by someone unnamed ("a Hale campaign
 * spokesman said"), in its paragraph and with no attribution of its own, goes
 * on in the same voice: no one named. */
static void unnamed_voice_goes_on(void **state) {
    (void)state;
    skein_notes *n =
        extract("Governor Joan Hale met the party's leaders in Columbus on Monday, and "
                "Hale said she would lead the convention.\n\n"
                "\"It's the nominee's party,\" a Hale campaign spokesman said. \"She "
                "gets to set the rules, and the others can work harder next time.\"\n\n"
                "Hale did not comment.");
    expect(n, "It's the nominee", NULL);
    expect(n, "She gets to set", NULL);
    skein_notes_free(n);
}

/* Arabic "وقال المساعد" ("and the aide said") after "أحد كبار مساعدي
 * الوزير" ("one of the minister's senior aides"): the aide is someone
 * unnamed, not the minister named before; after "مساعد الوزير خالد يوسف"
 * ("the minister's aide Khalid Yousef") it is he.  "يوم الأحد" (on Sunday)
 * is no "one". */
static void arabic_unnamed_aide(void **state) {
    (void)state;
    skein_notes *n = extract_lang(
        "والتقى وزير المالية أحمد سالم بالصحفيين في عمان يوم الأحد. وقال أحد كبار مساعدي "
        "الوزير إن الحكومة ستدرس الخطة الجديدة. وقال المساعد إن الوزارة ستطلب \"دعما إضافيا "
        "من البرلمان في هذا العام\" قبل الصيف.",
        "ar");
    expect(n, "دعما إضافيا", NULL);
    skein_notes_free(n);
    n = extract_lang("والتقى وزير المالية أحمد سالم بالصحفيين في عمان يوم الأحد. وقال مساعد "
                     "الوزير خالد يوسف إن الحكومة ستدرس الخطة الجديدة. وقال المساعد إن الوزارة "
                     "ستطلب \"دعما إضافيا من البرلمان في هذا العام\" قبل الصيف.",
                     "ar");
    expect(n, "دعما إضافيا", "يوسف");
    skein_notes_free(n);
}

/* "...,” the Kremlin's press service explained: a body's own office is the
 * speaker, a name of its own; a person's office ("Ryan's office said")
 * speaks for the person. */
static void body_office_speaks(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Moscow wants the alliance to stop its expansion to the east.\n\n"
        "“Russia needs reliable written guarantees of its security,” the Kremlin’s press service "
        "explained on Friday.\n\n"
        "House Speaker Paul Ryan met the nominee on Thursday.\n\n"
        "“The meeting was a first step toward unity,” Ryan’s office said in a statement.");
    expect(n, "Russia needs reliable", "service");
    expect(n, "The meeting was", "Ryan");
    skein_notes_free(n);
}

/* A quote inside a sentence opened by a name, with no attribution of its
 * own, is the subject's, not a name in its object ("accuses the mayor of");
 * a clause of another subject ("and Jones says") or a name the opening one
 * modifies ("Hale campaign workers") keeps it from the subject. */
static void sentence_subject_says(void **state) {
    (void)state;
    skein_notes *n = extract(
        "The council met on Monday to vote on the budget.\n\n"
        "Senator Maria Lopez accuses Mayor Tom Brennan of “hiding the true cost of the new bridge” "
        "and Councillor Dave Jones says the city is “running out of money fast.”\n\n"
        "Maria Lopez denounced Brennan’s plan as “a gift to the builders and nobody else” and "
        "walked "
        "out.\n\n"
        "Helen Hale thanked her supporters.\n\n"
        "Hale campaign workers carried signs reading “no more closed doors at city hall” on "
        "Monday.\n\n"
        "Harbor Board Chairman Dave Reed delivered a blunt message to Brennan: “It is time to stop "
        "promising what the town cannot pay for.”\n\n"
        "The Harbor Board has asked Mayor Tom Brennan to “stop the dredging at once and wait for "
        "the survey” before winter.\n\n"
        "In line with most of the town, Republican mayoral hopeful Sen. Dave Reed was also "
        "critical of the plan, telling the Harbor Gazette: “The bridge is a promise the town "
        "cannot pay for.”\n\n"
        "Republican mayoral hopeful Dave Reed defended his treasurer as an “honest man and a "
        "careful bookkeeper” on Tuesday, one day after the treasurer was questioned by the "
        "police.\n\n"
        "On Saturday, Helen Hale issued a statement saying that Brennan was “a remarkable mayor "
        "and "
        "a friend of the harbor.”");
    expect(n, "hiding the true cost", "Lopez");
    expect(n, "It is time to stop", "Reed");
    expect(n, "stop the dredging", "Board");
    expect(n, "The bridge is a promise", "Reed");
    expect(n, "honest man and", "Reed");
    expect(n, "a remarkable mayor", "Hale");
    expect(n, "running out of money", "Jones");
    expect(n, "a gift to the builders", "Lopez");
    expect(n, "no more closed", NULL);
    skein_notes_free(n);
}

/* The same sentences with someone unnamed as their subject ("A
 * spokeswoman for the board", "Hale protesters") keep the quote unnamed;
 * a name modifying a person's title gives the quote to that person ("Hale
 * adviser Tom Reed"). */
static void sentence_subject_unnamed(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Helen Hale met the Harbor Board on Monday.\n\n"
        "A spokeswoman for the Harbor Board emailed reporters, arguing that the new rules were "
        "“fair to every fisherman in the county.”\n\n"
        "Hale protesters interrupted the meeting, shouting “no deal without a public vote” until "
        "noon.\n\n"
        "Hale adviser Tom Reed said the board’s offer was “far too little and far too late.”");
    expect(n, "fair to every fisherman", NULL);
    expect(n, "no deal without", NULL);
    expect(n, "far too little", "Reed");
    skein_notes_free(n);
}

/* "said Alderman Walter J. Pruitt": a title the tagger names apart
 * from the person right after it gives the quote to that person, found by
 * the verb as the title was. */
static void title_run_before_person(void **state) {
    (void)state;
    skein_notes *n =
        extract("The city council voted on the harbor plan on Monday.\n\n"
                "“We have come to a point where the old answers will not do,” said Alderman Walter "
                "J. Pruitt, whose ward takes in the docks.");
    expect(n, "We have come to a point", "Pruitt");
    assert_int_equal(n->quotes[0].by, SKEIN_BY_VERB);
    skein_notes_free(n);
}

/* A quote opening its sentence, then a person's name and a verb the word
 * lists do not know ("“...?” Hale pressed"), is that person's, not the
 * speaker of the quote before. */
static void named_after_unknown_verb(void **state) {
    (void)state;
    skein_notes *n =
        extract("The mayor took questions from the host on Monday.\n\n"
                "“We will build the bridge next year,” Mayor Tom Brennan said.\n\n"
                "“Would the tolls pay for all of it?” Helen Hale pressed, leaning forward.");
    expect(n, "We will build", "Brennan");
    expect(n, "Would the tolls", "Hale");
    skein_notes_free(n);
}

/* "...," one Hale campaign source said: the name by the verb modifies the
 * unnamed subject's noun; "...," the Hale campaign said is Hale's. */
static void name_modifies_unnamed(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Helen Hale spoke at the harbor on Monday.\n\n"
        "“It is the candidate's race to win,” one Hale campaign source said.\n\n"
        "“Of the thirty thousand emails the office provided, most went to the board,” a Hale "
        "campaign spokesman said.\n\n"
        "Tom Brennan did not answer questions.\n\n"
        "“We will not debate him before October,” the Hale campaign said in a statement.");
    expect(n, "It is the candidate", NULL);
    expect(n, "Of the thirty thousand", NULL);
    expect(n, "We will not debate", "Hale");
    skein_notes_free(n);
}

/* "“...,” he said": a person's name, not a body's named since. */
static void he_is_a_person(void **state) {
    (void)state;
    skein_notes *n = extract("Councillor Dave Reed spoke on Monday.\n\n"
                             "The Harbor Police Department then voted against the plan, and the "
                             "Harbor Police Department closed its doors.\n\n"
                             "“We are not done yet,” he said.");
    expect(n, "We are not done yet", "Reed");
    skein_notes_free(n);
}

/* "“...,” he said": the subject of the last sentence naming its subject, past a sentence the
 * pronoun opens, not a name often named that stands in an object or after "when"; a quote's
 * own attribution before it ends the looking back ("“...,” said Brennan. “...,” he added"). */
static void he_is_the_subject(void **state) {
    (void)state;
    static const char *const lead = "Governor Peter Walsh opened the harbor bridge debate on "
                                    "Monday. Walsh has promised the bridge for years, and Walsh "
                                    "said the money was there.\n\n";
    static const char *const rest[] = {
        "Tom Brennan, the harbor board chair, had long worked closely with Governor Peter "
        "Walsh. But on Sunday he finally broke with Walsh over the bridge.\n\n"
        "“We cannot wait another ten years for this,” he told the crowd.",
        "Tom Brennan also did not sound hopeful when Walsh asked whether the council would pay "
        "for it.\n\n"
        "“The one thing I know is that the money is not there,” he said.",
        "“We will build the bridge next year,” said Tom Brennan, the board chair.\n\n"
        "“It will take two years at most,” he added."};
    static const char *const starts[] = {"We cannot wait", "The one thing", "It will take"};
    for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), "%s%s", lead, rest[i]);
        skein_notes *n = extract(text);
        expect(n, starts[i], "Brennan");
        skein_notes_free(n);
    }
}

/* "He is pointing to the “...” Walsh had": "he" opening the quote's sentence points back to
 * the subject of the sentence before, said with the confidence shown as certain. */
static void he_opens_the_sentence(void **state) {
    (void)state;
    skein_notes *n = extract("Governor Peter Walsh opened the harbor bridge debate on Monday. "
                             "Walsh has promised the bridge for years, and Walsh said the money "
                             "was there.\n\n"
                             "Tom Brennan is swinging hard at Walsh in the debate.\n\n"
                             "He is pointing to the “kind of problems” Walsh had answering "
                             "questions about the bridge.");
    expect(n, "kind of problems", "Brennan");
    for (size_t i = 0; i < n->nquotes; i++)
        if (!strncmp(n->quotes[i].text, "kind of", 7)) assert_true(n->quotes[i].confidence >= 0.5f);
    skein_notes_free(n);
}

/* "He called it a “...”" in a text that names no one: no speaker, and no reading of names
 * that are not there. */
static void he_with_no_names(void **state) {
    (void)state;
    skein_notes *n = extract("The strike crossed a line for the government. He called it a “clear "
                             "and present danger” to the region, and “...,” he said.");
    expect(n, "clear and present", NULL);
    skein_notes_free(n);
}

/* Someone unnamed right after the quote ("a reporter could be heard asking Walsh", "some
 * protesters chanted", "a council staffer in the room wondered") says it, not a name before or
 * inside it. */
static void unnamed_right_after(void **state) {
    (void)state;
    skein_notes *n = extract("Governor Peter Walsh spoke at the harbor on Monday, and Tom "
                             "Brennan, the board chair, answered him.\n\n"
                             "“Should the bridge be built this year?” a reporter could be heard "
                             "asking Walsh after the meeting.\n\n"
                             "“Hey, hey! Ho, ho! Peter Walsh has got to go!” some protesters "
                             "chanted outside the hall.\n\n"
                             "“Will he be the next governor?” a council staffer in the room "
                             "wondered.\n\n"
                             "“We will build it,” Brennan said.");
    expect(n, "Should the bridge", NULL);
    expect(n, "Hey, hey!", NULL);
    expect(n, "Will he be", NULL);
    expect(n, "We will build it", "Brennan");
    skein_notes_free(n);
}

/* "said Reed’s top harbor policy aide Tom Hale": the aide, whom the possessive name modifies,
 * with "Reed’s" one token. */
static void said_possessive_aide(void **state) {
    (void)state;
    skein_notes *n = extract("The board said this month that Reed had been “extremely careless” "
                             "with the harbor money.\n\n"
                             "“This has to be the first time a governor has asked another state "
                             "to pay for his bridge,” said Reed’s top harbor policy aide Tom "
                             "Hale.");
    expect(n, "This has to be", "Hale");
    skein_notes_free(n);
}

/* "Asked a direct question ..., Brennan said, “...”": the verb opening the sentence is no
 * "said a source"; "Said Brennan, “...”" still is his. */
static void asked_opens_the_sentence(void **state) {
    (void)state;
    skein_notes *n = extract("Governor Peter Walsh spoke on Sunday.\n\n"
                             "Asked a direct question about the bridge in the debate, Brennan "
                             "said, \"I do take responsibility.\"\n\n"
                             "The board made a mistake, Brennan has said. Said Brennan, \"To "
                             "think one slip of ours cost the harbor its bridge is hard to "
                             "bear.\"");
    expect(n, "I do take", "Brennan");
    expect(n, "To think one slip", "Brennan");
    skein_notes_free(n);
}

/* A quote ending its paragraph and a byline after it ("- Hale.") is the
 * byline's, not the speaker of the quote before. */
static void dash_byline(void **state) {
    (void)state;
    skein_notes *n = extract("Mayor Tom Brennan and Helen Hale debated on Monday.\n\n"
                             "“We will build the bridge next year,” Brennan said.\n\n"
                             "“The idea that I would close the harbor is simply false.”\n\n"
                             "- Helen Hale.\n\n"
                             "Hale overstates the case, the record shows.\n\n"
                             "Dave Reed, the council spokesman, said in a statement. “Every vote "
                             "was counted twice, and the result stands.”");
    expect(n, "We will build", "Brennan");
    expect(n, "The idea that I would", "Hale");
    expect(n, "Every vote was counted", "Reed");
    skein_notes_free(n);
}

/* The speaker's name in full must be `who`. */
static void expect_full(const skein_notes *n, const char *start, const char *who) {
    for (size_t i = 0; i < n->nquotes; i++) {
        const skein_quote_note *q = &n->quotes[i];
        if (strncmp(q->text, start, strlen(start))) continue;
        if (!q->speaker || strcmp(q->speaker, who))
            fail_msg("\"%s\": said by %s, expected %s", start, q->speaker ? q->speaker : "no one",
                     who);
        return;
    }
    fail_msg("no quote \"%s\"", start);
}

/* A surname said alone is written out as the article's fullest name with that surname, not as
 * another that only sounds like it ("Frank" is not "Dana French", "Reed" not "Harold Reid"). */
static void surname_spelt_alike(void **state) {
    (void)state;
    skein_notes *n = extract("The historian Tessa Frank and the columnist Dana French spoke "
                             "at the library on Monday, with Senator Harold Reid in the front "
                             "row and the strategist Simon Reed beside him.\n\n"
                             "“Work till you drop or go to jail,” Frank writes.\n\n"
                             "“The plan is dead for this year,” Reed said.");
    expect_full(n, "Work till you drop", "Tessa Frank");
    expect_full(n, "The plan is dead", "Simon Reed");
    skein_notes_free(n);
}

/* A verb of saying that is no attribution of the quote leaves no unnamed subject to speak
 * for it: one inside an apposition far before the quote ("a shipping consultancy called ..."),
 * one with another verb of saying between it and the quote ("a message posted Sunday, Lentz
 * said"), or one after a quote that does not end as an attributed one ("without reporters
 * asking him"); the sentence's subject says it. */
static void verb_not_attribution(void **state) {
    (void)state;
    skein_notes *n =
        extract("The port's trade with its neighbours has doubled in five years.\n\n"
                "But Ruth Okafor, at a shipping consultancy called Harbor Partners, argues that "
                "as the port's cargo from the whole coast grows, \"its political weight will "
                "surely rise,\" too.\n\n"
                "Mayor Marcus Halloran spoke to the council on Monday.\n\n"
                "Tired, Halloran said he \"cannot cross the square\" without reporters asking him "
                "about the vote.\n\n"
                "In a Facebook message posted Sunday, Lentz said he has had \"deep differences "
                "of opinion\" with Halloran.");
    expect(n, "its political weight", "Okafor");
    expect(n, "deep differences", "Lentz");
    expect(n, "cannot cross the square", "Halloran");
    skein_notes_free(n);
}

/* An adverb between a pronoun and its verb of saying ("she so firmly rejected") leaves the
 * pronoun the verb's subject: no one unnamed. */
static void adverb_before_verb(void **state) {
    (void)state;
    skein_notes *n = extract("Mayor Dana Bloomfield has led the town for a decade.\n\n"
                             "Now Bloomfield says she is so troubled by the tone of the race -- "
                             "\"an insult to every voter in this town\" -- that she is weighing "
                             "what she so firmly rejected.");
    expect(n, "an insult to every voter", "Bloomfield");
    skein_notes_free(n);
}

/* A short phrase opening a sentence before its subject, with no name or verb in it ("Just a
 * few weeks ago, ..."), is passed over to find the subject "he told" points back to. */
static void opening_phrase_passed(void **state) {
    (void)state;
    skein_notes *n = extract(
        "\"The members will come around,\" said Hal Denning, who ran the supporters' club in "
        "2009 and is one of its new vice chairs. \"You can feel it at every match.\"\n\n"
        "Just a few weeks ago, Ohio builder Carl Brandvold voiced alarm at the prospect of "
        "Dario Lentz as chairman. \"I kept telling myself the board would never allow "
        "it,\" he told the Harbor Gazette in March.");
    expect(n, "I kept telling myself", "Brandvold");
    skein_notes_free(n);
}

/* A quote hanging on a participle ("..., saying “...”") is the sentence's subject's: one whose
 * verb the word lists miss but an object follows ("Nina Hale threw her support behind Paul
 * Grant ..., saying"), and one whose sentence holds a title in quotation marks before the
 * quote ("visited the show “Morning Edition”"), which is no quote with an attribution of its
 * own. */
static void participle_after_object(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Governor Nina Hale threw her support behind Senator Paul Grant (D-Ohio) on Wednesday, "
        "saying the state at last needs a “real builder of bridges in the state house.”\n\n"
        "Senator Paul Grant visited the radio show “Morning Edition” to discuss his recent remarks "
        "about his rival, Governor Tom Reyes, saying “on his worst day” he would still be “a "
        "better governor than any of them.”");
    expect(n, "on his worst day", "Grant");
    expect(n, "real builder of bridges", "Hale");
    skein_notes_free(n);
}

/* "he said" may point back to a man whose name a "her" follows that is someone else's ("with
 * Mayor Marcus Halloran by her side"): only "he" and "she" tell a name's gender there. */
static void possessive_tells_no_gender(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Governor Anne Lutz spoke at the old market hall on Sunday, with Mayor Marcus Halloran by "
        "her side.\n\n"
        "Halloran, once a crane driver on the docks, had long been close to Senator Ray Okonjo. "
        "But on Sunday he at last gave Lutz his full backing.\n\n"
        "“We need a leader who has been tested, a leader who does not back down,” he said.");
    expect(n, "We need a leader", "Halloran");
    skein_notes_free(n);
}

/* "he" goes on meaning whom it meant for the quote before, when that quote's "he" said it and
 * the sentence before is that quote ("“...,” he said introducing Lutz as a “... nerve.” ¶
 * “...!” he told the cheering crowd"); and "he told Mercado" is never Mercado's. */
static void same_voice_not_told(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Governor Anne Lutz spoke at the old market hall on Sunday, with Mayor Marcus Halloran by "
        "her side.\n\n"
        "Halloran, once a crane driver on the docks, had long been close to Senator Ray Okonjo. "
        "But on Sunday he at last gave Lutz his full backing.\n\n"
        "“We need a leader who does not back down,” he said, introducing Lutz to Ray Okonjo as "
        "a “tireless friend of the docks. She has patience and she has nerve.”\n\n"
        "“Pull on your boots, because we have a harbor to win back!” he told the cheering "
        "crowd.\n\n"
        "Later that week, radio host Gil Mercado asked Coach Dario Lentz how tall the new stand "
        "would be.\n\n"
        "“I think it could reach 20 or 25 metres,” he told Mercado, to applause from the "
        "fans.");
    expect(n, "Pull on your boots", "Halloran");
    expect(n, "I think it could reach", "Lentz");
    skein_notes_free(n);
}

/* A surname right after a straight closing mark, before the quote's verb of saying, that the
 * tagger did not take for a name (it opens a sentence there) is the speaker when the text
 * names a person so elsewhere: "“...,” Lentz said, referring to Ibarra" is not Ibarra's. */
static void untagged_surname_after(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Coach Dario Lentz looked irritated when Rafael Ibarra hinted that the club could not "
        "win the league. It was a jab that Lentz could not let pass.\n\n"
        "\"For the record, we have won nine matches. They have won two or three,\" Lentz said, "
        "referring to Ibarra.");
    expect(n, "For the record", "Lentz");
    skein_notes_free(n);
}

/* A surname opening a sentence that the tagger took for no name is that sentence's subject
 * when the text names a person so elsewhere ("Little, who was at the meeting, said that
 * “...”"). */
static void untagged_surname_opens(void **state) {
    (void)state;
    skein_notes *n = extract(
        "School board president Dana Little welcomed Otto Brandt to the district on Monday.\n\n"
        "Little, who was at the meeting on Wednesday, said that \"Brandt made a fortune from "
        "the old schools and walked away from every debt he had.\"");
    expect(n, "Brandt made a fortune", "Little");
    skein_notes_free(n);
}

/* A sentence opened by someone unnamed keeps its quote unnamed when the names after the
 * subject are a verb's objects ("A clerk emailed Voss the roster ... “...”"). */
static void unnamed_subject_object_name(void **state) {
    (void)state;
    skein_notes *n =
        extract("Club secretary Greta Voss kept the rosters for the cup draw in 2019.\n\n"
                "A clerk emailed Voss the roster of club delegates under the subject line "
                "“Delegates at the cup draw.” They included coaches and scouts.");
    expect(n, "Delegates at the", NULL);
    skein_notes_free(n);
}

/* A verb after a quote that does not attribute it ("the “kind of problems” Grant had
 * answering questions") leaves "she" opening the quote's sentence its subject. */
static void pronoun_before_unattributing_verb(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Senator Anne Lutz is swinging hard at Paul Grant in the opening round of the debate.\n\n"
        "Lutz is pointing to a recent interview Grant gave to the sports desk of the Harbor "
        "Gazette.\n\n"
        "She is noting the “kind of problems” Grant had answering questions about the stadium "
        "budget and saying he had no figures on ticket prices.");
    expect(n, "kind of problems", "Lutz");
    skein_notes_free(n);
}

/* The subject after two opening phrases says the quote its sentence holds ("On Tuesday,
 * after staying silent ..., Okafor appeared ... and formally backed Hale, saying, “...”"). */
static void two_opening_phrases(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Councillor Ruth Okafor and Governor Nina Hale met on Friday.\n\n"
        "On Tuesday, after staying silent all through the race for the nomination, Okafor "
        "appeared with Gil Mercado and formally backed Hale, saying, “I think a builder at the "
        "helm is just what this state is missing.”");
    expect(n, "I think a builder", "Okafor");
    skein_notes_free(n);
}

/* "As X put it" before a quote in its sentence: X says it, the person after a possessor
 * ("As The Gazette's Lena Marchetti puts it, Lentz is trying to hand the board “...”"). */
static void as_x_put_it(void **state) {
    (void)state;
    skein_notes *n = extract(
        "The club's board met Coach Dario Lentz's choice of captain on Thursday.\n\n"
        "As Ivo Brandt, the No. 2 on the board, put it: “This player will not wear the "
        "armband. So there is no point in holding a vote.”\n\n"
        "As The Gazette's Lena Marchetti puts it, Lentz is trying to hand the board “a choice "
        "it cannot say no to.”");
    expect(n, "a choice it cannot", "Marchetti");
    expect(n, "This player will not", "Brandt");
    skein_notes_free(n);
}

/* A name ending the phrase right after the quote's verb, a few describing words before it,
 * says the quote, however the phrase's first word reads ("“...,” said undecided Labour voter
 * Mabel Quint"). */
static void name_heads_phrase_after_verb(void **state) {
    (void)state;
    skein_notes *n =
        extract("Councillor Ivo Brandt held a town hall in Eastfield on Saturday.\n\n"
                "“I can't tell yet which way he leans on the new school,” said undecided Labour "
                "voter Mabel Quint of Eastfield, before the meeting in the gym.");
    expect(n, "I can't tell yet", "Quint");
    skein_notes_free(n);
}

/* A quote right after one said by someone unnamed, only the rest of that attribution's
 * sentence between them however long, goes on in the same voice. */
static void unnamed_voice_long_attribution(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Greta Voss ran the port authority for six years.\n\n"
        "Voss was never one for \"asking her deputies what they thought before a big "
        "call,\" said one former manager who spoke on condition of anonymity because he still "
        "does business with the port. \"Once she had settled on a plan, there was no talking "
        "her out of it.\"");
    expect(n, "Once she had settled", NULL);
    skein_notes_free(n);
}

/* "“...,” he said" after a sentence whose opening phrase holds places and a phrase of time set
 * off by commas ("At a meeting in Dover, Delaware, on Friday evening, Brandvold ..."): its
 * subject, past them, the one the pronoun points back to, whatever "he said" inside the sentence
 * says of the ports; not the speaker of the quote before. */
static void pronoun_past_places(void **state) {
    (void)state;
    static const char *const lead =
        "Hal Denning filed a motion in the county court on Monday. \"There is no ground for "
        "this at all,\" Denning said in the motion.\n\n";
    static const char *const rest[] = {
        "At a meeting in Dover, Delaware, on Friday evening, Carl Brandvold put the islands on a "
        "list of ports. \"We are letting ships in from everywhere,\" he said.",
        "At a meeting in Dover, on Friday evening, Carl Brandvold put the islands on a list of "
        "ports he said had shipped arms to the rebels. \"We are letting ships in from "
        "everywhere,\" he said."};
    for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), "%s%s", lead, rest[i]);
        skein_notes *n = extract(text);
        expect(n, "We are letting ships", "Brandvold");
        skein_notes_free(n);
    }
}

/* "On Sunday, she said ... Tom Berg had called her. ¶ “...,” she said": the pronoun opening the
 * sentence after its opening phrase is the quote's own; whom it points back to stands in the
 * sentence before, not the name in its object. */
static void pronoun_after_opening_phrase(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Lena Ortiz sued the harbor board in May, and the board's chairman, Tom Berg, refused to "
        "settle.\n\nOn Sunday, she said for the first time that Tom Berg had called her in "
        "June.\n\n\"He called my office and asked me to drop it,\" she said.");
    expect(n, "He called my office", "Ortiz");
    skein_notes_free(n);
}

/* A quote inside a clause of its own after a comma ("..., while Hal Denning ... proposed we
 * “...”", "..., but Berg said that the “...”") is that clause's subject's, not the sentence's
 * subject's nor a name after a later "said". */
static void clause_subject_says(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Governor Ada Ruiz on Monday signed an order to block the plan, while Hal Denning, the "
        "former mayor, proposed we \"wake up and smell the coffee\" and said House Speaker Tom "
        "Berg should resign.\n\nRuiz argued that a chair who does not answer questions cannot "
        "lead the port, but Berg said that the \"stakes in this vote are too high\" for Denning "
        "to be chair.");
    expect(n, "wake up and smell", "Denning");
    expect(n, "stakes in this vote", "Berg");
    skein_notes_free(n);
}

/* A sentence opened by someone unnamed ("Another source familiar with ...", "One harbor source
 * said ...") says its quote, whichever names stand after a preposition or modify a noun in it,
 * though the verb's subject reads as a bare noun ("thinking said", "source said"). */
static void unnamed_opener_says(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Ada Ruiz runs the port.\n\nAnother source familiar with Berg\u2019s thinking said, "
        "\u201cWe are not there yet.\u201d\n\nOne harbor source said Ruiz aides would be "
        "\u201cfurious\u201d if the plan is dropped because \u201cmany earlier plans were dropped "
        "with far less reason.\u201d");
    expect(n, "We are not there", NULL);
    expect(n, "many earlier plans", NULL);
    skein_notes_free(n);
}

/* A sentence opened by a phrase of time with a number ("Two weeks after ...") is not opened by
 * someone unnamed: "as she angrily said, “...”" there is the woman named before. */
static void time_phrase_not_unnamed(void **state) {
    (void)state;
    skein_notes *n = extract("Two weeks after Ada Ruiz lost her temper at a hearing, pointing at a "
                             "clerk as she angrily said, \u201cI am so tired of these delays at "
                             "the port,\u201d Tom Berg hit back at her on Monday.");
    expect(n, "I am so tired", "Ruiz");
    skein_notes_free(n);
}

/* "she" right after an opening phrase that names a show ("On the Harbor Hour on Tuesday, she
 * replied ... by saying, “...”") is the sentence's subject: the woman named before, not the man
 * whose message she answered. */
static void pronoun_after_named_phrase(void **state) {
    (void)state;
    skein_notes *n =
        extract("Ada Ruiz quit the harbor board in March, and Tom Berg took her seat.\n\nOn the "
                "Harbor Hour on Tuesday, she replied to one of Berg\u2019s messages by saying, "
                "\u201cSeriously, just stop it.\u201d");
    expect(n, "Seriously, just stop", "Ruiz");
    skein_notes_free(n);
}

/* Labels riding on a name are no speakers: a party and state in parentheses ("Senator Ada Lund
 * (D-Del.), said ..."), a generational suffix the tagger named apart ("Brent Kessler III"); a
 * name the tagger cut at its initial ("Dana M." | "Reid") is said by the person it goes on to
 * name. */
static void labels_and_initials(void **state) {
    (void)state;
    static const char *const texts[] = {
        "Senator Ada Lund (D-Del.), said after a lunch on Tuesday that she had not read the plan, "
        "but called it a \u201cstarting point for our talks.\u201d",
        "\u201cYes, I back the plan,\u201d Brent Kessler III, founder of the harbor fund, tells "
        "the Gazette.",
        "\u201cIt is time for the council to act,\u201d Harbor Chief Dana M. Reid (D-Del.) said in "
        "a statement."};
    static const char *const starts[] = {"starting point", "Yes, I back", "It is time"};
    static const char *const who[] = {"Lund", "Kessler", "Reid"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        skein_notes *n = extract(texts[i]);
        expect(n, starts[i], who[i]);
        skein_notes_free(n);
    }
}

/* The one a sentence calls what its quote says ("... and called Harbor Nurses United “a true
 * friend ...”") is spoken of, not the speaker, under any of its mentions. */
static void called_is_spoken_of(void **state) {
    (void)state;
    skein_notes *n = extract(
        "Harbor Nurses United paid for a bus tour of the county. At a rally on Sunday Ruiz thanked "
        "its members \u201cfor their help this year\u201d and called Harbor Nurses United \u201ca "
        "true friend of our campaign, and we are grateful.\u201d");
    expect(n, "a true friend", "Ruiz");
    skein_notes_free(n);
}

/* ... but one called, thanked or accused in a sentence before may say the quote after it. */
static void called_then_says(void **state) {
    (void)state;
    static const char *const texts[] = {
        "The mayor called Ruiz on Tuesday. \u201cWe talked for an hour,\u201d Ruiz said.",
        "Lund thanked Ruiz. \u201cIt was fair,\u201d Ruiz said.",
        "Berg accused Ruiz of lying. \u201cI never lied to anyone,\u201d Ruiz told reporters."};
    static const char *const starts[] = {"We talked", "It was fair", "I never lied"};
    for (size_t i = 0; i < 3; i++) {
        skein_notes *n = extract(texts[i]);
        expect(n, starts[i], "Ruiz");
        skein_notes_free(n);
    }
}

/* A clause a lone comma closed before the quote is not the quote's ("..., while Ada Ruiz
 * listened, that ..."): the sentence's subject said it. */
static void clause_closed_before_quote(void **state) {
    (void)state;
    skein_notes *n = extract("Tom Berg told reporters on Monday, while Ada Ruiz listened, that "
                             "the plan was \u201cdead on arrival in this form.\u201d");
    expect(n, "dead on arrival", "Berg");
    skein_notes_free(n);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(dateline_and_initials),
    cmocka_unit_test(surname_not_town),
    cmocka_unit_test(model_fits_the_features),
    cmocka_unit_test(texts_without_names),
    cmocka_unit_test(subject_not_adverbial),
    cmocka_unit_test(agency_only_reported),
    cmocka_unit_test(titles_are_no_quotes),
    cmocka_unit_test(quote_length_limit),
    cmocka_unit_test(role_word_points_back),
    cmocka_unit_test(according_to),
    cmocka_unit_test(unnamed_thing_says),
    cmocka_unit_test(arabic_verb_own_subject),
    cmocka_unit_test(according_to_a_role),
    cmocka_unit_test(mixed_marks),
    cmocka_unit_test(video_states),
    cmocka_unit_test(role_word_looks_back),
    cmocka_unit_test(name_modifies_speaker),
    cmocka_unit_test(dates_are_no_quotes),
    cmocka_unit_test(unnamed_voice_goes_on),
    cmocka_unit_test(arabic_unnamed_aide),
    cmocka_unit_test(body_office_speaks),
    cmocka_unit_test(sentence_subject_says),
    cmocka_unit_test(sentence_subject_unnamed),
    cmocka_unit_test(title_run_before_person),
    cmocka_unit_test(named_after_unknown_verb),
    cmocka_unit_test(name_modifies_unnamed),
    cmocka_unit_test(he_is_a_person),
    cmocka_unit_test(he_is_the_subject),
    cmocka_unit_test(he_opens_the_sentence),
    cmocka_unit_test(he_with_no_names),
    cmocka_unit_test(unnamed_right_after),
    cmocka_unit_test(said_possessive_aide),
    cmocka_unit_test(asked_opens_the_sentence),
    cmocka_unit_test(dash_byline),
    cmocka_unit_test(surname_alone_opens_sentence),
    cmocka_unit_test(surname_spelt_alike),
    cmocka_unit_test(verb_not_attribution),
    cmocka_unit_test(adverb_before_verb),
    cmocka_unit_test(opening_phrase_passed),
    cmocka_unit_test(participle_after_object),
    cmocka_unit_test(possessive_tells_no_gender),
    cmocka_unit_test(same_voice_not_told),
    cmocka_unit_test(untagged_surname_after),
    cmocka_unit_test(untagged_surname_opens),
    cmocka_unit_test(unnamed_subject_object_name),
    cmocka_unit_test(pronoun_before_unattributing_verb),
    cmocka_unit_test(two_opening_phrases),
    cmocka_unit_test(as_x_put_it),
    cmocka_unit_test(name_heads_phrase_after_verb),
    cmocka_unit_test(unnamed_voice_long_attribution),
    cmocka_unit_test(pronoun_past_places),
    cmocka_unit_test(pronoun_after_opening_phrase),
    cmocka_unit_test(clause_subject_says),
    cmocka_unit_test(unnamed_opener_says),
    cmocka_unit_test(time_phrase_not_unnamed),
    cmocka_unit_test(pronoun_after_named_phrase),
    cmocka_unit_test(labels_and_initials),
    cmocka_unit_test(called_is_spoken_of),
    cmocka_unit_test(called_then_says),
    cmocka_unit_test(clause_closed_before_quote),
};

SKEIN_TEST_GROUP(speakers, tests)
