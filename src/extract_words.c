/* extract_words.c -- the extractor's word lists: title words, verbs of
 * saying (and of telling someone), prepositions, "that", articles and
 * determiners, organisation words, the words that end a body's or a
 * place's name ("Inc", "County") or that say in German what the name
 * after them is ("Berg", "Verein"), pronouns, and the months and
 * weekdays of each language (from ICU's CLDR data); and, by its ending
 * alone, whether an English lower-case word reads as a verb.
 *
 * Words are folded like the analyzer's tokens (Arabic letter forms too) and
 * kept in one hash table keyed by (language, word), so a token costs one
 * probe (two for a word with a possessive 's); Arabic tokens are looked
 * up again without one leading clitic or al-. */
#include "extract_int.h"

#include "months.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

/* ---- word lists ------------------------------------------------------------ */

typedef struct wordlist {
    const char *lang;
    int flag;
    const char *words; /* space-separated, folded */
} wordlist;

static const wordlist lists[] = {
    {"en", W_TITLE,
     "president vice prime minister secretary spokesman spokeswoman spokesperson mr mrs ms dr "
     "sen gen chancellor director chief ambassador adviser advisor aide expert analyst official "
     "foreign defense defence general king queen prince princess pope governor mayor senator "
     "deputy chairman chairwoman commissioner envoy leader premier sheikh emir president-elect "
     "professor prof judge colonel captain lieutenant sergeant commander rep state interior "
     "justice finance economy health attorney speaker manager coach executive ceo founder "
     "owner lawyer engineer doctor inspector officer prosecutor gov lt col sgt capt rev maj det "
     "dep supt insp cmdr adm brig cpl pvt sheriff detective trooper constable "
     "superintendent pastor bishop archbishop cardinal rabbi imam reverend"},
    {"en", W_VERB,
     "said says say told tells added adds stressed stresses noted notes explained explains "
     "declared warned warns insisted insists argued argues wrote writes stated commented "
     "emphasized emphasised asked replied continued recalled acknowledged announced believes "
     "according claimed claims urged remarked admitted suggested concluded tweeted posted "
     "confirmed cautioned predicted complained answered responded observed saying adding "
     "noting telling writing arguing explaining warning insisting asserted asserts contended "
     "countered quipped joked vowed pledged promised boasted lamented conceded retorted "
     "reiterated recounted testified maintained alleged charged proclaimed mused wondered "
     "agreed disagreed acknowledges announces thinks thought believed pointed blasted slammed "
     "shot fired demanded pleaded described predicted reported reports admits suggests "
     "concedes contends counters laments vows recalls questioned asks asking vowed touted touts "
     "talks talked calls called calling labeled labelled dubbed branded praised praises "
     "criticized criticised accused accuses blamed mocked derided hailed applauded lauded "
     "dismissed denied denies rejected recalled remarks spoke speaks speaking"},
    {"en", W_MALE, "he his him himself mr"},
    {"en", W_FEMALE, "she her hers herself mrs ms spokeswoman chairwoman congresswoman"},
    {"ru", W_MALE, "он его ему им"},
    {"ru", W_FEMALE, "она её ее ей"},
    {"uk", W_MALE, "він його йому"},
    {"uk", W_FEMALE, "вона її їй"},
    {"fr", W_MALE, "il lui"},
    {"fr", W_FEMALE, "elle"},
    {"es", W_MALE, "él"},
    {"es", W_FEMALE, "ella"},
    {"de", W_MALE, "er ihm"},
    {"en", W_TELL, "told tells telling"},
    {"en", W_PREP,
     "with of for to by about at on from against alongside ahead after before than toward "
     "towards like including over between among into under via without within behind near "
     "across around upon despite during unlike beside besides amid versus"},
    {"de", W_PREP,
     "mit von vom für zu zum zur bei beim über an am auf aus gegen nach vor neben zwischen "
     "unter durch ohne um gegenüber"},
    {"fr", W_PREP,
     "avec de du des pour à au aux par sur contre après avant entre sous chez sans vers "
     "auprès"},
    {"es", W_PREP, "con de del para a al por sobre contra tras ante entre bajo sin hacia"},
    {"ru", W_PREP, "с со к ко от о об обо на в во у за перед после между под над без для по при"},
    {"uk", W_PREP, "з із зі до від про на в у за перед після між під над без для по при"},
    {"ar", W_THAT, "ان بان لان انه انها بانه بانها"},
    {"en", W_THAT, "that whether"},
    {"de", W_THAT, "dass ob"},
    {"fr", W_THAT, "que qu"},
    {"es", W_THAT, "que"},
    {"ru", W_THAT, "что чтобы"},
    {"uk", W_THAT, "що щоб"},
    {"en", W_INDEF, "a an one another some several many two three four few other"},
    {"de", W_INDEF, "ein eine einer einem einen eines mehrere einige viele zwei drei"},
    {"fr", W_INDEF, "un une des plusieurs certains deux trois"},
    {"es", W_INDEF, "un una unos unas varios varias algunos algunas dos tres"},
    {"en", W_DEF, "the this that these those his her their its our"},
    {"de", W_DEF, "der die das dem den des dieser diese dieses sein seine ihr ihre"},
    {"fr", W_DEF, "le la les l ce cette ces son sa ses leur leurs"},
    {"es", W_DEF, "el la los las este esta estos estas su sus"},
    {"en", W_PRON, "he she they him them"},
    {"ru", W_PRON, "он она они"},
    {"uk", W_PRON, "він вона вони"},
    {"de", W_PRON, "er sie"},
    {"fr", W_PRON, "il elle ils elles"},
    {"es", W_PRON, "él ella ellos"},
    {"en", W_ORG,
     "ministry organization organisation alliance institute university council union party "
     "bank agency committee court company corporation corp inc group association foundation "
     "department office army forces parliament senate congress center centre commission "
     "service news times post press kremlin government federation fund league club assembly "
     "authority bureau police navy command board u.n un"},
    {"en", W_ORGEND,
     "inc corp corporation ltd llc plc co gmbh ag fc afc cf sa nv party university college "
     "school academy institute foundation association society bank company group airlines "
     "airways motors press journal gazette sentinel tribune herald services systems "
     "technologies industries holdings partners laboratories labs records studios survey "
     "telegraph magazine network television tv radio broadcasting pictures entertainment media "
     "solutions pharmaceuticals energy petroleum oil electric insurance securities investments "
     "brothers bros communications telecom patrol guard"},
    {"en", W_REGION_ADJ,
     "european western eastern northern southern asian african arab latin nordic "
     "transatlantic"},
    {"en", W_PLACEEND, /* not "bay", "city": "Tampa Bay", "Manchester City" are teams too */
     "county parish province township river lake mountains island islands valley street "
     "avenue road lane creek blvd boulevard highway sea ocean gulf airport base hills"},
    {"de", W_ORGEND,
     "gmbh ag kg se ev fc sv tsv vfb vfl ssv partei stiftung verein konzern gruppe verlag "
     "zeitung"},
    {"de", W_SAYS_PLACE,
     "berg fluss stadt gemeinde dorf insel landkreis bezirk provinz region bundesland "
     "hauptstadt stadtteil ortsteil gebirge see"},
    {"de", W_SAYS_ORG,
     "magazin zeitung zeitschrift sender fernsehsender radiosender firma unternehmen konzern "
     "verein sportverein fußballverein klub band gruppe partei"},
    {"de", W_SAYS_OTHER, "film roman album schiff buch lied oper serie"},
    {"fr", W_ORGEND, "sa sarl fc parti fondation association groupe"},
    {"es", W_ORGEND, "sa sl fc cf cd partido fundación asociación grupo"},
    {"ar", W_TITLE,
     "الرئيس رئيس وزير الوزير الامين الامينه المتحدث المتحدثه السيد السيده السفير مستشار "
     "المستشار الجنرال الملك الامير الشيخ النائب المدير مدير زعيم المستشاره الناطق الخبير "
     "المحلل العاهل ولي نائب قائد المرشد الوزيره وزيره رئيسه الرئيسه المبعوث مساعد"},
    {"ar", W_VERB,
     "قال قالت يقول تقول اضاف اضافت يضيف اكد اكدت يؤكد صرح صرحت اعلن اعلنت اوضح اوضحت حذر "
     "حذرت تابع تابعت وفقا وفق حسب بحسب لافتا مشيرا مشيره رد ردت كتب كتبت اعتبر اعتبرت شدد "
     "شددت ذكر ذكرت اشار اشارت يرى ترى بالقول مضيفا مضيفه متابعا موضحا موضحه معتبرا مؤكدا "
     "مؤكده"},
    {"ru", W_TITLE,
     "президент министр премьер премьер-министр генсек генеральный секретарь глава спикер "
     "пресс-секретарь господин госпожа эксперт аналитик директор посол канцлер председатель "
     "замминистра заместитель советник помощник представитель представительница губернатор "
     "мэр сенатор депутат генерал командующий политолог глава"},
    {"ru", W_VERB,
     "заявил заявила заявили сказал сказала сказали отметил отметила отметили подчеркнул "
     "подчеркнула добавил добавила сообщил сообщила пояснил пояснила считает уверен уверена "
     "говорит заявляет признал признала написал написала словам указал указала предупредил "
     "предупредила ответил ответила рассказал рассказала объяснил объяснила констатировал "
     "заключил уточнил уточнила заметил заметила признался призналась заверил заверила "
     "пообещал пообещала"},
    {"ru", W_ORG,
     "министерство мид правительство партия университет институт совет союз комитет агентство "
     "банк служба кремль"},
    {"uk", W_TITLE,
     "президент міністр прем'єр-міністр генсек секретар голова речник речниця посол експерт "
     "аналітик директор радник представник генерал"},
    {"uk", W_VERB,
     "заявив заявила сказав сказала зазначив зазначила наголосив наголосила додав додала "
     "повідомив повідомила словами пояснив пояснила вважає"},
    {"de", W_TITLE,
     "präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin "
     "außenminister außenministerin verteidigungsminister herr frau sprecher sprecherin "
     "generalsekretär chef chefin experte expertin regierungssprecher botschafter dr "
     "bürgermeister bürgermeisterin vorsitzende vorsitzender professor professorin direktor "
     "direktorin analyst analystin"},
    {"de", W_VERB,
     "sagte sagt sagten erklärte erklärt betonte betont so meinte fügte warnte schrieb "
     "kritisierte forderte teilte zufolge laut sprach berichtete ergänzte unterstrich "
     "bekräftigte räumte versicherte warf konterte mahnte"},
    {"de", W_ORG,
     "ministerium regierung partei universität institut bank verband gericht bundestag "
     "kommission agentur"},
    {"fr", W_TITLE,
     "président présidente ministre m mme porte-parole secrétaire chancelier chancelière "
     "directeur directrice expert experte analyste ambassadeur général premier conseiller "
     "conseillère maire sénateur député professeur"},
    {"fr", W_VERB,
     "déclaré dit affirmé ajouté souligné expliqué estimé indiqué assuré selon déclare affirme "
     "ajoute souligne explique estime indique assure répondu averti insisté précisé confié "
     "lancé martelé déclarait affirmait dénoncé reconnu prévenu salué regretté jugé rappelé "
     "promis"},
    {"fr", W_ORG, "ministère parti université institut banque conseil commission agence"},
    {"es", W_TITLE,
     "presidente presidenta ministro ministra señor señora portavoz secretario secretaria "
     "canciller director directora experto experta analista embajador embajadora general "
     "asesor asesora alcalde alcaldesa senador senadora diputado diputada profesor profesora"},
    {"es", W_VERB,
     "dijo afirmó declaró según señaló aseguró añadió explicó indicó agregó subrayó destacó "
     "advirtió sostuvo manifestó dice afirma asegura explica comentó insistió apuntó recalcó "
     "precisó sentenció reconoció defendió criticó lamentó prometió"},
    {"es", W_ORG,
     "ministerio partido universidad instituto banco consejo comisión agencia gobierno"},
};

/* Languages whose lexicon tells names from words (lexicon.h). */
int skein__has_lexicon(const char *lang) {
    static const char *const l[] = {"ar", "de", "es", "fr", "ru"};
    for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++) /* asked per name: first bytes first */
        if (lang[0] == l[i][0] && !strcmp(lang, l[i])) return 1;
    return 0;
}

/* Arabic letter forms folded for matching: alef with hamza or madda -> alef,
 * taa marbuta -> haa, alef maqsura -> yaa.  In place; same length. */
static void arabic_fold(char *w, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)w[i + 1];
        if (a == 0xD8 && (b == 0xA2 || b == 0xA3 || b == 0xA5))
            w[i + 1] = (char)0xA7;
        else if (a == 0xD8 && b == 0xA9)
            w[i] = (char)0xD9, w[i + 1] = (char)0x87;
        else if (a == 0xD9 && b == 0x89)
            w[i + 1] = (char)0x8A;
    }
}

/* The salt of language `lang`'s keys: found once per text, not per token. */
static uint64_t lang_salt(const char *lang) { return skein__hash(lang, strlen(lang)) | 1; }

/* A word's key: its hash (the analyzer's, of the folded form: a token
 * brings it) mixed with its language's salt. */
static uint64_t salted(uint64_t word_hash, uint64_t salt) { return word_hash ^ salt; }

static uint64_t word_key(const char *lang, const char *w, size_t n) {
    return salted(skein__hash(w, n), lang_salt(lang));
}

static int add_words(skein__extractor *x, const wordlist *wl) {
    const char *p = wl->words;
    while (*p) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        size_t n = (size_t)(e - p);
        if (n && n < sizeof(x->scratch)) {
            memcpy(x->scratch, p, n);
            if (!strcmp(wl->lang, "ar")) arabic_fold(x->scratch, n);
            uint64_t *v = skein__u64map_upsert(&x->words, word_key(wl->lang, x->scratch, n));
            if (!v) return -1;
            *v |= (uint64_t)wl->flag;
        }
        p = e;
    }
    return 0;
}

/* Most tokens are on no list: a look-up that misses walks the probe chain
 * to an empty slot, so the table is kept at most a quarter full (~1,000
 * words, 64 KB) for short chains. */
static int spread(skein__extractor *x) {
    return skein__u64map_reserve(&x->words, 2 * x->words.len);
}

int skein__words_load(skein__extractor *x) {
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        if (add_words(x, &lists[i])) return -1;
    return spread(x);
}

typedef struct calendar_ctx {
    skein__extractor *x;
    const char *lang;
} calendar_ctx;

static int add_calendar_word(const UChar *u, int32_t len, size_t type, int32_t i, void *ud) {
    (void)i;
    calendar_ctx *cc = ud;
    skein__extractor *x = cc->x;
    UChar folded[64];
    UErrorCode err = U_ZERO_ERROR;
    int32_t fl = u_strFoldCase(folded, 64, u, len, U_FOLD_CASE_DEFAULT, &err);
    int32_t n8 = 0;
    if (U_FAILURE(err) ||
        !u_strToUTF8(x->scratch, (int32_t)sizeof(x->scratch) - 1, &n8, folded, fl, &err) ||
        U_FAILURE(err))
        return 0;
    if (!strcmp(cc->lang, "ar")) arabic_fold(x->scratch, (size_t)n8);
    uint64_t *v = skein__u64map_upsert(&x->words, word_key(cc->lang, x->scratch, (size_t)n8));
    if (!v) return -1;
    *v |= W_CALENDAR | (type >= 2 ? W_WEEKDAY : 0);
    return 0;
}

/* Adds the names of months and weekdays in `lang`, from ICU's CLDR data,
 * as W_CALENDAR words (a capitalised "Friday" or "December" is no name). */
int skein__words_calendar(skein__extractor *x, const char *lang) {
    uint64_t *done = skein__u64map_upsert(&x->calendar_langs, skein__hash(lang, strlen(lang)) | 1);
    if (!done) return -1;
    if (*done) return 0;
    *done = 1;
    static const UDateFormatSymbolType types[] = {UDAT_MONTHS, UDAT_STANDALONE_MONTHS,
                                                  UDAT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS};
    calendar_ctx cc = {x, lang};
    if (skein__calendar_walk(lang, types, sizeof(types) / sizeof(types[0]), add_calendar_word, &cc))
        return -1;
    return spread(x);
}

static int lookup_flags(const ctx *c, size_t i, uint64_t salt);

/* The salt of the text's keys ("und" reads as English). */
static uint64_t text_salt(const ctx *c) {
    return lang_salt(strcmp(c->lang, "und") ? c->lang : "en");
}

/* W_* flags of token i (0 when on no list), looked up. */
int skein__word_flags_lookup(const ctx *c, size_t i) { return lookup_flags(c, i, text_salt(c)); }

int skein__word_flags_fill(ctx *c) {
    skein__extractor *x = c->x;
    if (skein__grow((void **)&x->wflags, &x->wflags_cap, c->n + 1, sizeof(*x->wflags))) return -1;
    uint64_t salt = text_salt(c);
    for (size_t i = 0; i < c->n; i++) x->wflags[i] = lookup_flags(c, i, salt);
    c->flags_ready = 1;
    return 0;
}

/* The flags of token i from the lists (keys salted with `salt`, the
 * text's): one probe, more for Arabic clitics. */
static int lookup_flags(const ctx *c, size_t i, uint64_t salt) {
    const skein__tok *t = &c->t[i];
    const char *w = c->pool + t->norm;
    size_t n = t->norm_len;
    if (!c->arabic_like) {
        const uint64_t *v = skein__u64map_get(&c->x->words, salted(t->word_hash, salt));
        if (!v && n > 2 && w[n - 1] == 's' && w[n - 2] == '\'') /* "Sheriff's" is "Sheriff" */
            v = skein__u64map_get(&c->x->words, salted(skein__hash(w, n - 2), salt));
        return v ? (int)*v : 0;
    }
    if (n >= sizeof(c->x->scratch)) return 0;
    char *b = c->x->scratch;
    memcpy(b, w, n);
    arabic_fold(b, n);
    const uint64_t *v = skein__u64map_get(&c->x->words, salted(skein__hash(b, n), salt));
    if (v) return (int)*v;
    /* one leading wa-, fa-, bi- or li- (و ف ب ل) when two letters or more remain */
    unsigned char b0 = (unsigned char)b[0], b1 = (unsigned char)b[1];
    int clitic =
        (b0 == 0xD9 && (b1 == 0x88 || b1 == 0x81 || b1 == 0x84)) || (b0 == 0xD8 && b1 == 0xA8);
    if (n >= 6 && clitic &&
        (v = skein__u64map_get(&c->x->words, salted(skein__hash(b + 2, n - 2), salt))))
        return (int)*v;
    /* al- (ال): "المساعد" is "مساعد" */
    if (n >= 8 && !memcmp(b, "\xD8\xA7\xD9\x84", 4) &&
        (v = skein__u64map_get(&c->x->words, salted(skein__hash(b + 4, n - 4), salt))))
        return (int)*v;
    return 0;
}

/* ---- word shapes ----------------------------------------------------------- */

/* Does the lower-case word at token i read as a verb in the past or the third
 * person ("Hollande denounced", "Cruz accuses"), not as a noun a name
 * modifies ("Sanders protesters", "Clinton officials", "Clinton campaign")? */
int skein__verb_like(const ctx *c, size_t i) {
    if (i >= c->n || c->t[i].len < 4) return 0;
    const char *w = c->s + c->t[i].off;
    size_t n = c->t[i].len;
    if (!memcmp(w + n - 2, "ed", 2)) return 1;
    if (w[n - 1] != 's') return 0;
    static const char *const nouns[] = {"rs", "ts", "ls", "ns", "ss", "ies"};
    for (size_t k = 0; k < sizeof(nouns) / sizeof(nouns[0]); k++) {
        size_t l = strlen(nouns[k]);
        if (!memcmp(w + n - l, nouns[k], l)) return 0;
    }
    return 1;
}
