/* extract.c -- names, quotes and numbers of one article.  See extract.h.
 *
 * Word lists (title words, speech verbs, organisation words) are per
 * language, folded like the analyzer's tokens, and looked up through one
 * hash table keyed by (language, word), so a token costs one probe. */
#include "extract.h"

#include "lexicon.h"
#include "numbers.h"
#include "stopwords.h"
#include "translit.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define MAX_MENTIONS 2000       /* name occurrences looked at per article */
#define MAX_KEYS 4              /* word keys kept per name */
#define AFTER_BYTES 160         /* attribution looked for after a quote ... */
#define BEFORE_BYTES 260        /* ... and before it, within its sentence */
#define TITLE_LOOKBACK 4        /* a title word this many tokens before a name */
#define VERB_AFTER_FINAL 3      /* after a quote that ends its sentence, the verb must come this soon */
#define MIN_QUOTE_WORDS 3
#define CONTINUED_BYTES 100     /* a quote this close after another, unattributed, continues it */
#define SHORT_QUOTED_BYTES 48   /* a quoted name or title inside an attribution */
#define ARABIC_SUBJECT_WORDS 8  /* how far after a verb an Arabic subject is looked for */

enum { W_TITLE = 1, W_VERB = 2, W_ORG = 4, W_PRON = 8, W_CALENDAR = 16, W_THAT = 32 };
enum { K_OTHER = SKEIN_KIND_OTHER, K_PERSON = SKEIN_KIND_PERSON, K_ORG = SKEIN_KIND_ORG, K_PLACE = SKEIN_KIND_PLACE };
enum { BY_NONE = SKEIN_BY_NONE, BY_VERB = SKEIN_BY_VERB, BY_PRONOUN = SKEIN_BY_PRONOUN, BY_COLON = SKEIN_BY_COLON,
       BY_CONTINUED = SKEIN_BY_CONTINUED };

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
     "owner lawyer engineer doctor inspector officer prosecutor"},
    {"en", W_VERB,
     "said says say told tells added adds stressed stresses noted notes explained explains "
     "declared warned warns insisted insists argued argues wrote writes stated commented "
     "emphasized emphasised asked replied continued recalled acknowledged announced believes "
     "according claimed claims urged remarked admitted suggested concluded tweeted posted "
     "confirmed cautioned predicted complained answered responded observed"},
    {"ar", W_THAT, "ان بان لان انه انها بانه بانها"},
    {"en", W_PRON, "he she they"},
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
     "authority bureau police navy command board"},
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
    {"es", W_ORG, "ministerio partido universidad instituto banco consejo comisión agencia gobierno"},
};

/* Languages whose lexicon tells names from words (lexicon.h). */
static int has_lexicon(const char *lang) {
    static const char *const l[] = {"ar", "de", "es", "fr", "ru"};
    for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++)
        if (!strcmp(lang, l[i])) return 1;
    return 0;
}

/* Arabic letter forms folded for matching: alef with hamza or madda -> alef,
 * taa marbuta -> haa, alef maqsura -> yaa.  In place; same length. */
static void arabic_fold(char *w, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)w[i + 1];
        if (a == 0xD8 && (b == 0xA2 || b == 0xA3 || b == 0xA5)) w[i + 1] = (char)0xA7;
        else if (a == 0xD8 && b == 0xA9) w[i] = (char)0xD9, w[i + 1] = (char)0x87;
        else if (a == 0xD9 && b == 0x89) w[i + 1] = (char)0x8A;
    }
}

static uint64_t word_key(const char *lang, const char *w, size_t n) {
    return skein__hash_salt(w, n, skein__hash(lang, strlen(lang)) | 1);
}

struct skein__extractor {
    skein__translit *tr;
    u64map words;  /* word_key -> W_* flags */
    u64map calendar_langs; /* languages whose month and weekday names are in `words` */
    u64map midcap; /* name hashes of capitalised words seen mid-sentence in the current text */
    u64map known;  /* name hashes of the words of the article's names of two words or more */
    /* the current article */
    struct mention *m;
    size_t nm, m_cap;
    struct quote *q;
    size_t nq, q_cap;
    struct number *num;
    size_t nnum, num_cap;
    sbuf strings; /* surfaces and quote texts of the article */
    char scratch[256];
    /* the notes made of them (skein__extract_finish) */
    skein_notes notes;
    skein_name_note *names;
    skein_quote_note *quotes;
    skein_number_note *numbers;
    skein_span *spans;
    int32_t *entry; /* mention -> its name in `names`, or -1 */
    size_t names_cap, quotes_cap, numbers_cap, spans_cap, entry_cap;
};

typedef struct mention {
    uint32_t str, len;      /* surface in x->strings */
    uint32_t tok, ntok;     /* token range (current text only) */
    uint64_t keys[MAX_KEYS]; /* words' keys; the last word's is always last */
    uint64_t alt;            /* the last word's key without an Arabic clitic, or 0 */
    uint8_t nkeys, kind, titled, weak, quoted;
    int32_t place;          /* gazetteer index + 1, 0 for none */
    int text_no;            /* which text of the article (0 title, 1...) */
    skein_span span;        /* in the text as given */
} mention;

typedef struct quote {
    uint32_t str, len;
    int32_t speaker;        /* mention index or -1 */
    uint8_t by;
    skein_span span;
} quote;

typedef struct number {
    char value[32];
    uint32_t str, len;
    uint32_t count;
} number;

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

skein__extractor *skein__extractor_new(void) {
    skein__extractor *x = calloc(1, sizeof(*x));
    if (!x) return NULL;
    skein__u64map_init(&x->words), skein__u64map_init(&x->midcap), skein__u64map_init(&x->calendar_langs), skein__u64map_init(&x->known);
    skein__sbuf_init(&x->strings);
    if (!(x->tr = skein__translit_new())) goto fail;
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        if (add_words(x, &lists[i])) goto fail;
    return x;
fail:
    skein__extractor_free(x);
    return NULL;
}

void skein__extractor_free(skein__extractor *x) {
    if (!x) return;
    skein__translit_free(x->tr);
    skein__u64map_release(&x->words), skein__u64map_release(&x->midcap), skein__u64map_release(&x->calendar_langs), skein__u64map_release(&x->known);
    free(x->m), free(x->q), free(x->num);
    free(x->names), free(x->quotes), free(x->numbers), free(x->spans), free(x->entry);
    skein__sbuf_release(&x->strings);
    free(x);
}

void skein__extract_begin(skein__extractor *x) {
    x->nm = x->nq = x->nnum = 0;
    skein__sbuf_reset(&x->strings);
    skein__u64map_clear(&x->known);
}

/* Adds the names of months and weekdays in `lang`, from ICU's CLDR data,
 * as W_CALENDAR words (a capitalised "Friday" or "December" is no name). */
static int load_calendar(skein__extractor *x, const char *lang) {
    uint64_t *done = skein__u64map_upsert(&x->calendar_langs, skein__hash(lang, strlen(lang)) | 1);
    if (!done) return -1;
    if (*done) return 0;
    *done = 1;
    UErrorCode err = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_NONE, UDAT_NONE, lang, NULL, 0, NULL, 0, &err);
    if (U_FAILURE(err)) return 0; /* no data for it: no calendar words */
    static const UDateFormatSymbolType types[] = {UDAT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_WEEKDAYS,
                                                  UDAT_STANDALONE_WEEKDAYS};
    int rc = 0;
    for (size_t t = 0; !rc && t < sizeof(types) / sizeof(types[0]); t++) {
        int32_t n = udat_countSymbols(f, types[t]);
        for (int32_t i = 0; !rc && i < n; i++) {
            UChar u[64], folded[64];
            err = U_ZERO_ERROR;
            int32_t len = udat_getSymbols(f, types[t], i, u, 64, &err);
            if (U_FAILURE(err) || len <= 0) continue;
            int32_t fl = u_strFoldCase(folded, 64, u, len, U_FOLD_CASE_DEFAULT, &err);
            int32_t n8 = 0;
            if (U_FAILURE(err) || !u_strToUTF8(x->scratch, (int32_t)sizeof(x->scratch) - 1, &n8, folded, fl, &err) ||
                U_FAILURE(err))
                continue;
            if (!strcmp(lang, "ar")) arabic_fold(x->scratch, (size_t)n8);
            uint64_t *v = skein__u64map_upsert(&x->words, word_key(lang, x->scratch, (size_t)n8));
            if (!v) rc = -1;
            else *v |= W_CALENDAR;
        }
    }
    udat_close(f);
    return rc;
}

/* ---- per-text context ------------------------------------------------------- */

typedef struct ctx {
    skein__extractor *x;
    const char *s;
    size_t len;
    const char *lang;
    const char *pool;
    const skein__tok *t;
    size_t n;
    int arabic_like; /* language of a script without case */
    int text_no;
    size_t m0;       /* first mention of this text */
    int is_title;
    const skein__offmap *map; /* offsets in `s` -> in the text as given */
} ctx;

/* Bytes [from, to) of the cleaned text as a span of the text as given. */
static skein_span span_of(const ctx *c, size_t from, size_t to) {
    skein_span sp = {(uint32_t)from, (uint32_t)to, (uint32_t)c->is_title};
    if (c->map && to > from)
        sp.start = (uint32_t)skein__offmap_input(c->map, from), sp.end = (uint32_t)skein__offmap_input(c->map, to - 1) + 1;
    return sp;
}

/* W_* flags of token i (0 when on no list). */
static int word_flags(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    const char *w = c->pool + t->norm;
    size_t n = t->norm_len;
    const char *lang = c->lang;
    if (!strcmp(lang, "und")) lang = "en";
    if (!c->arabic_like) {
        const uint64_t *v = skein__u64map_get(&c->x->words, word_key(lang, w, n));
        return v ? (int)*v : 0;
    }
    if (n >= sizeof(c->x->scratch)) return 0;
    char *b = c->x->scratch;
    memcpy(b, w, n);
    arabic_fold(b, n);
    const uint64_t *v = skein__u64map_get(&c->x->words, word_key(lang, b, n));
    if (v) return (int)*v;
    /* one leading wa-, fa-, bi- or li- (و ف ب ل) when two letters or more remain */
    unsigned char b0 = (unsigned char)b[0], b1 = (unsigned char)b[1];
    int clitic = (b0 == 0xD9 && (b1 == 0x88 || b1 == 0x81 || b1 == 0x84)) || (b0 == 0xD8 && b1 == 0xA8);
    if (n >= 6 && clitic && (v = skein__u64map_get(&c->x->words, word_key(lang, b + 2, n - 2)))) return (int)*v;
    /* al- (ال): "المساعد" is "مساعد" */
    if (n >= 8 && !memcmp(b, "\xD8\xA7\xD9\x84", 4) && (v = skein__u64map_get(&c->x->words, word_key(lang, b + 4, n - 4))))
        return (int)*v;
    return 0;
}

static UChar32 first_char(const char *w, size_t n) {
    if (!n) return -1;
    if ((unsigned char)w[0] < 0x80) return (unsigned char)w[0];
    UChar32 ch;
    int32_t i = 0;
    U8_NEXT(w, i, (int32_t)n, ch);
    return ch;
}

/* Length of the folded word without a possessive 's or '. */
static size_t bare_len(const char *w, size_t n) {
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') return n - 2;
    if (n > 1 && w[n - 1] == '\'') return n - 1;
    return n;
}

static int cap_token(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    return (t->flags & SKEIN_TOK_CAP) && !(t->flags & SKEIN_TOK_NUM) && t->norm_len > 1 &&
           !(word_flags(c, i) & W_CALENDAR);
}

/* A word of a caseless script that may be (part of) a name. */
static int caseless_name_token(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    if (t->flags & (SKEIN_TOK_STOP | SKEIN_TOK_NUM | SKEIN_TOK_CJK) || t->norm_len < 4) return 0;
    if (!(t->flags & (SKEIN_TOK_NAMELIKE | SKEIN_TOK_PLACE))) return 0;
    const char *w = c->pool + t->norm;
    UChar32 ch = first_char(w, t->norm_len);
    if (ch < 0x80 || !u_isalpha(ch)) return 0;
    if (!memcmp(w, "\xD9\x84\xD9\x84", 4)) return 0; /* li-l- "to the": a preposition's object */
    return !word_flags(c, i);
}

/* Copies s[0..n) into x->strings; its offset into *at.  0 or -1. */
static int keep_string(skein__extractor *x, const char *s, size_t n, uint32_t *at) {
    *at = (uint32_t)x->strings.len;
    return skein__sbuf_add(&x->strings, s, n) || skein__sbuf_addc(&x->strings, 0) ? -1 : 0;
}

/* Interlingual key of token i (0 for none); the second key of a word that
 * may carry an Arabic clitic into *alt. */
static uint64_t token_key(const ctx *c, size_t i, uint64_t *alt) {
    const skein__tok *t = &c->t[i];
    uint64_t k[2];
    size_t nk = skein__translit_keys(c->x->tr, c->pool + t->norm, bare_len(c->pool + t->norm, t->norm_len), k);
    if (alt) *alt = nk > 1 ? k[1] : 0;
    return nk ? k[0] : 0;
}

/* Records tokens [a, b) as a name. */
static int add_mention(ctx *c, size_t a, size_t b, int titled, uint32_t place) {
    skein__extractor *x = c->x;
    if (x->nm >= MAX_MENTIONS) return 0;
    if (skein__grow((void **)&x->m, &x->m_cap, x->nm + 1, sizeof(*x->m))) return -1;
    mention *m = &x->m[x->nm];
    memset(m, 0, sizeof(*m));
    const skein__tok *first = &c->t[a], *last = &c->t[b - 1];
    size_t from = first->off, to = last->off + last->len;
    if (to > c->len || from >= to) return 0;
    /* surface without a possessive: "Biden's", "Biden’s", "Lavrov'" */
    const char *sf = c->s + from;
    size_t n = to - from;
    if (n > 2 && sf[n - 1] == 's' && sf[n - 2] == '\'') n -= 2;
    else if (n > 4 && sf[n - 1] == 's' && !memcmp(sf + n - 4, "\xE2\x80\x99", 3)) n -= 4;
    if (keep_string(x, sf, n, &m->str)) return -1;
    m->len = (uint32_t)n;
    m->span = span_of(c, from, from + n);
    m->tok = (uint32_t)a, m->ntok = (uint32_t)(b - a);
    m->titled = (uint8_t)titled;
    m->place = (int32_t)place;
    m->text_no = c->text_no;
    if (place) {
        const char *id = skein__place_id(place);
        m->keys[0] = skein__hash_salt(id, strlen(id), 0x9D1ACE);
        m->nkeys = 1;
        m->kind = K_PLACE;
    } else {
        int org = 0;
        const char *w0 = c->pool + first->norm;
        int abbrev = b - a == 1 && memchr(w0, '.', first->norm_len);
        if (abbrev) /* "U.N", "U.S": abbreviations meet on their spelling, not their sound */
            m->keys[m->nkeys++] = skein__hash_salt(w0, first->norm_len, 0xAB);
        for (size_t i = a; i < b && !abbrev; i++) {
            if (m->nkeys < MAX_KEYS - 1 || i == b - 1) {
                uint64_t k = token_key(c, i, i == b - 1 ? &m->alt : NULL);
                if (k) m->keys[m->nkeys++] = k;
            }
            if ((c->t[i].flags & SKEIN_TOK_ALLCAPS) || (word_flags(c, i) & W_ORG)) org = 1;
        }
        if (!m->nkeys) return 0;
        for (size_t i = a; b - a > 1 && i < b; i++) {
            const char *w = c->pool + c->t[i].norm;
            if (!skein__u64map_upsert(&x->known, skein__hash(w, bare_len(w, c->t[i].norm_len)))) return -1;
        }
        m->kind = org ? K_ORG : titled ? K_PERSON : K_OTHER;
        m->weak = (uint8_t)(c->arabic_like && !titled);
    }
    x->nm++;
    return 0;
}

/* A title word among the few tokens before token a, within its sentence. */
static int titled_before(const ctx *c, size_t a) {
    for (size_t k = 1; k <= TITLE_LOOKBACK && k <= a; k++) {
        size_t i = a - k;
        if (word_flags(c, i) & W_TITLE) return 1;
        if (c->t[i].flags & SKEIN_TOK_SENT) break;
    }
    return 0;
}

/* The gazetteer place starting at token a within [a, b): its length in
 * tokens, place index + 1 in *place; 0 for none. */
static size_t place_at(const ctx *c, size_t a, size_t b, uint32_t *place) {
    *place = 0;
    if (!(c->t[a].flags & SKEIN_TOK_PLACE)) return 0;
    uint64_t stems[SKEIN_PLACE_MAX_WORDS];
    size_t m = SKEIN_MIN(b - a, SKEIN_PLACE_MAX_WORDS);
    for (size_t i = 0; i < m; i++) stems[i] = c->t[a + i].hash;
    for (size_t k = m; k >= 1; k--)
        if ((*place = skein__place_find(c->lang, stems, k))) return k;
    return 0;
}

/* Emits tokens [a, b) as names, gazetteer places split off ("МИД России
 * Сергей Лавров" -> МИД, Россия, Сергей Лавров).  `ok` vets each piece. */
static int emit_piece(ctx *c, size_t a, size_t b, int titled, int (*ok)(const ctx *, size_t, size_t)) {
    size_t from = a;
    for (size_t k = a; k < b;) {
        uint32_t place;
        size_t len = place_at(c, k, b, &place);
        if (!len) { k++; continue; }
        if (k > from && ok(c, from, k) && add_mention(c, from, k, titled || titled_before(c, from), 0)) return -1;
        if (add_mention(c, k, k + len, 0, place)) return -1;
        k += len, from = k;
    }
    if (from < b && ok(c, from, b) && add_mention(c, from, b, titled || titled_before(c, from), 0)) return -1;
    return 0;
}

/* A capitalised piece [a, b) of a run in a cased script, once title words
 * are cut: is it a name? */
/* 1 when every word of [a, b) was seen in a longer name of the article
 * ("Vogt" after "Heinrich Vogt"). */
static int known_words(const ctx *c, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) {
        const char *w = c->pool + c->t[i].norm;
        if (!skein__u64map_get(&c->x->known, skein__hash(w, bare_len(w, c->t[i].norm_len)))) return 0;
    }
    return 1;
}

static int cased_piece_ok(const ctx *c, size_t a, size_t b) {
    if (a >= b) return 0;
    const skein__tok *t = c->t;
    if (known_words(c, a, b)) return 1;
    /* right after or before a verb of saying ("dijo Lucía Pardo"), a run names the speaker */
    int speaks = (a > 0 && (word_flags(c, a - 1) & W_VERB)) || (b < c->n && (word_flags(c, b) & W_VERB));
    if (b - a == 1 && !(t[a].flags & SKEIN_TOK_ALLCAPS) && (word_flags(c, a) & W_ORG))
        return 0; /* "Ministry", "Council" alone name nothing */
    if (b - a == 1 && (t[a].flags & SKEIN_TOK_SENT) && !(t[a].flags & SKEIN_TOK_ALLCAPS)) {
        const char *w = c->pool + t[a].norm;
        int recurs = skein__u64map_get(&c->x->midcap, skein__hash(w, bare_len(w, t[a].norm_len))) != NULL;
        int verb_next = b < c->n && (word_flags(c, b) & W_VERB);
        if (!recurs && !verb_next) return 0;
    }
    if (!has_lexicon(c->lang) || (speaks && b - a > 1)) return 1;
    for (size_t i = a; i < b; i++)
        if (t[i].flags & (SKEIN_TOK_NAMELIKE | SKEIN_TOK_PLACE | SKEIN_TOK_ALLCAPS)) return 1;
    return 0;
}

/* A function word ("The", "In", "But"): long stopwords ("States" is one in
 * some lists) stay in names. */
static int short_stopword(const skein__tok *t) {
    return (t->flags & SKEIN_TOK_STOP) && !(t->flags & SKEIN_TOK_ALLCAPS) && t->norm_len <= 4;
}

static int names_cased(ctx *c) {
    const skein__tok *t = c->t;
    skein__u64map_clear(&c->x->midcap);
    for (size_t i = 0; i < c->n; i++)
        if (cap_token(c, i) && !(t[i].flags & SKEIN_TOK_SENT)) {
            const char *w = c->pool + t[i].norm;
            if (!skein__u64map_upsert(&c->x->midcap, skein__hash(w, bare_len(w, t[i].norm_len)))) return -1;
        }
    for (size_t i = 0; i < c->n;) {
        if (!cap_token(c, i)) { i++; continue; }
        size_t j = i + 1;
        while (j < c->n && cap_token(c, j) && (t[j].flags & SKEIN_TOK_ADJ)) j++;
        for (size_t k = i + 1; k < j; k++) { /* an acronym after a name is another name */
            if ((t[k].flags & SKEIN_TOK_ALLCAPS) && !(t[k - 1].flags & SKEIN_TOK_ALLCAPS)) {
                j = k;
                break;
            }
        }
        for (size_t k = i + 1; k < j; k++) /* a name said twice in a row: link-widget debris */
            for (size_t p = i; p < k; p++)
                if (t[k].hash == t[p].hash) {
                    j = k;
                    break;
                }
        size_t a = i, b = j;
        /* "The Kremlin", "In Moscow"; "...Putin The hidden": one short stopword off each end */
        if (a < b && short_stopword(&t[a])) a++;
        if (a < b && short_stopword(&t[b - 1]) && t[b - 1].norm_len <= 3) b--; /* not "Lang" */
        int titled = 0;
        for (size_t k = a; k < b; k++) {
            if (!(word_flags(c, k) & W_TITLE)) continue;
            if (emit_piece(c, a, k, 0, cased_piece_ok)) return -1;
            a = k + 1, titled = 1;
        }
        if (emit_piece(c, a, b, titled, cased_piece_ok)) return -1;
        i = j;
    }
    return 0;
}

static int any_piece(const ctx *c, size_t a, size_t b) {
    (void)c;
    return a < b;
}

static int names_caseless(ctx *c) {
    for (size_t i = 0; i < c->n;) {
        if (!caseless_name_token(c, i)) { i++; continue; }
        size_t j = i + 1;
        while (j < c->n && caseless_name_token(c, j) && (c->t[j].flags & SKEIN_TOK_ADJ)) j++;
        if (emit_piece(c, i, j, 0, any_piece)) return -1;
        i = j;
    }
    return 0;
}

/* ---- numbers ------------------------------------------------------------------- */

static int add_numbers(ctx *c) {
    skein__extractor *x = c->x;
    for (size_t i = 0; i < c->n; i++) {
        const skein__tok *t = &c->t[i], *next = i + 1 < c->n ? &c->t[i + 1] : NULL;
        if (!(t->flags & SKEIN_TOK_NUM)) continue;
        char v[32];
        size_t vn = skein__number_norm(c->pool + t->norm, t->norm_len, next ? c->pool + next->norm : NULL,
                                       next ? next->norm_len : 0, v);
        if (vn < 2) continue;
        number *hit = NULL;
        for (size_t k = 0; k < x->nnum && !hit; k++)
            if (!strcmp(x->num[k].value, v)) hit = &x->num[k];
        if (hit) { hit->count++; continue; }
        if (x->nnum >= SKEIN_MAX_NUMBERS) continue;
        if (skein__grow((void **)&x->num, &x->num_cap, x->nnum + 1, sizeof(*x->num))) return -1;
        number *nb = &x->num[x->nnum];
        memcpy(nb->value, v, vn + 1);
        size_t to = t->off + t->len; /* with the word it counts, if any */
        if (next && (next->flags & SKEIN_TOK_ADJ) && !(next->flags & (SKEIN_TOK_NUM | SKEIN_TOK_STOP)))
            to = next->off + next->len;
        if (to > c->len) continue;
        if (keep_string(x, c->s + t->off, to - t->off, &nb->str)) return -1;
        nb->len = (uint32_t)(to - t->off);
        nb->count = 1;
        x->nnum++;
    }
    return 0;
}

/* ---- quotes --------------------------------------------------------------------- */

enum { Q_NONE, Q_LDQ, Q_RDQ, Q_LOW, Q_LSQ, Q_RSQ, Q_LOWS, Q_LAQ, Q_RAQ, Q_STR, Q_CJKL, Q_CJKR };

/* The quotation mark at s[i], if any; its length into *n. */
static int mark_at(const char *s, size_t len, size_t i, size_t *n) {
    const unsigned char *p = (const unsigned char *)s + i;
    *n = 1;
    if (p[0] == '"') return Q_STR;
    if (p[0] == 0xC2 && i + 1 < len) {
        *n = 2;
        return p[1] == 0xAB ? Q_LAQ : p[1] == 0xBB ? Q_RAQ : Q_NONE;
    }
    if (i + 2 >= len) return Q_NONE;
    *n = 3;
    if (p[0] == 0xE2 && p[1] == 0x80) {
        switch (p[2]) {
        case 0x9C: return Q_LDQ;
        case 0x9D: return Q_RDQ;
        case 0x9E: return Q_LOW;
        case 0x98: return Q_LSQ;
        case 0x99: return Q_RSQ;
        case 0x9A: return Q_LOWS;
        default: return Q_NONE;
        }
    }
    if (p[0] == 0xE3 && p[1] == 0x80) return p[2] == 0x8C ? Q_CJKL : p[2] == 0x8D ? Q_CJKR : Q_NONE;
    return Q_NONE;
}

static int is_letter_at(const char *s, size_t len, size_t i) {
    if (i >= len) return 0;
    UChar32 ch;
    int32_t k = (int32_t)i;
    U8_NEXT(s, k, (int32_t)len, ch);
    return ch > 0 && u_isalnum(ch);
}

static int is_space_at(const char *s, size_t len, size_t i) {
    return i >= len || s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
}

/* Does mark `m` at s[i] close a quote opened with `open`? */
static int closes(int open, int m, const char *s, size_t len, size_t i, size_t mlen) {
    switch (open) {
    case Q_LDQ: return m == Q_RDQ;
    case Q_LOW: return m == Q_LDQ || m == Q_RDQ;
    case Q_LAQ: return m == Q_RAQ;
    case Q_RAQ: return m == Q_LAQ;
    case Q_STR: return m == Q_STR;
    case Q_LSQ: return m == Q_RSQ && !is_letter_at(s, len, i + mlen);
    case Q_LOWS: return m == Q_LSQ;
    case Q_CJKL: return m == Q_CJKR;
    default: return 0;
    }
}

static int opens(int m, const char *s, size_t len, size_t i, size_t mlen) {
    switch (m) {
    case Q_LDQ: case Q_LOW: case Q_LAQ: case Q_LOWS: case Q_CJKL: return 1;
    case Q_RAQ: return !is_space_at(s, len, i + mlen); /* German »...« */
    case Q_STR: return !is_space_at(s, len, i + mlen);
    case Q_LSQ: return !is_space_at(s, len, i + mlen) && (i == 0 || !is_letter_at(s, len, i - 1));
    default: return 0;
    }
}

/* First token at or after byte offset `off`. */
static size_t tok_at(const ctx *c, size_t off) {
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->t[mid].off < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

typedef struct span {
    size_t open, open_end, close, close_end; /* mark bytes */
} span;

static int sentence_end(char ch) { return ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ';'; }

/* Tokens of the attribution window after a quote: to the end of its sentence. */
static void window_after(const ctx *c, const span *q, size_t *ta, size_t *tb) {
    size_t i = q->close_end, end = SKEIN_MIN(c->len, q->close_end + AFTER_BYTES);
    int words = 0;
    for (; i < end; i++) {
        size_t ml;
        int m = mark_at(c->s, c->len, i, &ml);
        if (m != Q_NONE && m != Q_RSQ && words) {
            /* a quoted name inside the attribution (— сказал тренер «Волгаря» Медведев) is
             * stepped over; a quote of its own ends the window */
            size_t j = i + ml, ml2;
            while (j < end && j < i + SHORT_QUOTED_BYTES && !closes(m, mark_at(c->s, c->len, j, &ml2), c->s, c->len, j, ml2)) j++;
            if (j >= end || j >= i + SHORT_QUOTED_BYTES) break;
            i = j + ml2 - 1;
            continue;
        }
        if (sentence_end(c->s[i])) break; /* `"...". Next sentence` */
        if (is_letter_at(c->s, c->len, i)) words = 1;
    }
    *ta = tok_at(c, q->close_end), *tb = tok_at(c, i);
}

/* Tokens of the window before a quote: back to the start of its sentence. */
static void window_before(const ctx *c, const span *q, size_t prev_close, size_t *ta, size_t *tb) {
    size_t lo = q->open > BEFORE_BYTES ? q->open - BEFORE_BYTES : 0;
    if (lo < prev_close) lo = prev_close;
    size_t i = q->open;
    while (i > lo && !sentence_end(c->s[i - 1])) i--;
    *ta = tok_at(c, i), *tb = tok_at(c, q->open);
}

/* 1 when a comma follows the name: "Emily Horne, the council's spokesperson". */
static int apposition(const ctx *c, const mention *m) {
    const skein__tok *last = &c->t[m->tok + m->ntok - 1];
    size_t e = last->off + last->len;
    while (e < c->len && c->s[e] == ' ') e++;
    return e < c->len && c->s[e] == ',';
}

/* The mention fitting best as the speaker of a verb at token v, among the
 * mentions inside tokens [ta, tb): the nearest, people before others and
 * places last; after a quote, the name right after its closing mark
 * (`"...," Emily Horne, the council's spokesperson, said`).  -1 for none. */
static int32_t nearest_speaker(const ctx *c, size_t ta, size_t tb, size_t v, int after) {
    const skein__extractor *x = c->x;
    int32_t best = -1;
    long best_score = 0;
    for (size_t k = c->m0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        if (m->text_no != c->text_no || m->tok < ta || m->tok + m->ntok > tb) continue;
        long d = m->tok > v ? (long)(m->tok - v) : (long)(v - (m->tok + m->ntok - 1));
        long score = d * 2 + (m->kind == K_PLACE ? 30 : m->kind == K_ORG ? 12 : m->kind == K_PERSON || m->titled ? 0 : 4);
        if (after && m->tok <= ta + 1 && apposition(c, m)) score -= 10;
        if (best < 0 || score < best_score) best = (int32_t)k, best_score = score;
    }
    return best;
}

/* Whom "he said" means: in the quote's paragraph, outside quotes, the last
 * person's name (a speaker, or one with a title), else the last name of two
 * words, else the last name; before the paragraph, the last speaker.  -1. */
static int32_t last_person(const ctx *c, const span *q, int32_t last_speaker) {
    size_t para = q->open;
    while (para > 0 && c->s[para - 1] != '\n') para--;
    int32_t best = -1;
    int best_rank = 0;
    size_t before = tok_at(c, q->open);
    for (size_t k = c->x->nm; k-- > c->m0;) {
        const mention *m = &c->x->m[k];
        if (m->text_no != c->text_no || m->tok >= before || m->quoted || m->weak) continue;
        if (c->t[m->tok].off < para) break;
        if (m->kind == K_PLACE || m->kind == K_ORG) continue;
        int rank = m->kind == K_PERSON || m->titled ? 3 : m->ntok > 1 ? 2 : 1;
        if (rank > best_rank) best = (int32_t)k, best_rank = rank;
    }
    return best >= 0 ? best : last_speaker;
}

/* Arabic puts the verb first: "وقال وزير الاقتصاد رامي النجار إن ...",
 * "وأكد النجار: ...".  The subject ends before إن/أن, a word in li-l-, a
 * colon or another verb; its last two words (title words left out) name the
 * speaker.  Returns the mention (made when there is none), -1 or -2 on ENOMEM. */
static int32_t arabic_subject(ctx *c, size_t v, size_t wb) {
    size_t end = v + 1;
    while (end < wb && end < v + 1 + ARABIC_SUBJECT_WORDS) {
        const skein__tok *t = &c->t[end];
        if (word_flags(c, end) & (W_THAT | W_VERB)) break;
        if (t->norm_len >= 4 && !memcmp(c->pool + t->norm, "\xD9\x84\xD9\x84", 4)) break;
        if (t->flags & SKEIN_TOK_STOP) break; /* في، من، على... */
        end++;
        size_t gap_from = t->off + t->len, gap_to = end < c->n ? c->t[end].off : SKEIN_MIN(c->len, gap_from + 8);
        const char *g = c->s + gap_from;
        size_t gn = gap_to - gap_from;
        if (memchr(g, ':', gn) || memchr(g, ',', gn) || memmem(g, gn, "\xD8\x8C", 2)) break; /* : , ، */
    }
    size_t a = end > v + 3 ? end - 2 : v + 1;
    for (size_t i = a; i < end; i++)
        if (word_flags(c, i) & W_TITLE) a = i + 1;
    if (a >= end) return -1;
    for (size_t k = c->m0; k < c->x->nm; k++) { /* a name there already */
        mention *m = &c->x->m[k];
        if (m->text_no == c->text_no && m->tok >= a && m->tok < end && !m->place) {
            m->weak = 0;
            return (int32_t)k;
        }
    }
    size_t before = c->x->nm;
    if (add_mention(c, a, end, 1, 0)) return -2;
    if (c->x->nm == before) return -1;
    c->x->m[before].weak = 0, c->x->m[before].kind = K_PERSON;
    return (int32_t)before;
}

/* The first speech verb in tokens [ta, tb) (within `limit` tokens of ta when
 * limit > 0); n when none. */
static size_t find_verb(const ctx *c, size_t ta, size_t tb, size_t limit) {
    if (limit && tb > ta + limit) tb = ta + limit;
    for (size_t i = ta; i < tb; i++)
        if (word_flags(c, i) & W_VERB) return i;
    return c->n;
}

/* The last mention ending in tokens [ta, tb) right before a colon that
 * precedes the quote (`X: "..."`); -1 for none. */
static int32_t colon_speaker(const ctx *c, const span *q, size_t ta, size_t tb) {
    size_t i = q->open;
    while (i > 0 && c->s[i - 1] == ' ') i--;
    if (i == 0 || c->s[i - 1] != ':') return -1;
    int32_t best = -1;
    for (size_t k = c->m0; k < c->x->nm; k++) {
        const mention *m = &c->x->m[k];
        if (m->text_no == c->text_no && m->tok >= ta && m->tok + m->ntok <= tb && m->kind != K_PLACE && !m->weak)
            best = (int32_t)k;
    }
    return best;
}

static int add_quote(ctx *c, const span *q, int32_t speaker, int by) {
    skein__extractor *x = c->x;
    if (x->nq >= SKEIN_MAX_QUOTES) return 0;
    size_t a = q->open_end, b = q->close;
    while (a < b && is_space_at(c->s, c->len, a)) a++;
    while (b > a && is_space_at(c->s, c->len, b - 1)) b--;
    if (skein__grow((void **)&x->q, &x->q_cap, x->nq + 1, sizeof(*x->q))) return -1;
    quote *r = &x->q[x->nq];
    if (keep_string(x, c->s + a, b - a, &r->str)) return -1;
    r->len = (uint32_t)(b - a);
    r->span = span_of(c, a, b);
    r->speaker = speaker;
    r->by = (uint8_t)by;
    x->nq++;
    return 0;
}

/* Attributes the quote q (prev: the quote before it in this text, or NULL). */
static int attribute(ctx *c, const span *q, const span *prev, int32_t *last_speaker, int32_t prev_speaker) {
    size_t ta, tb, ba, bb;
    window_after(c, q, &ta, &tb);
    window_before(c, q, prev ? prev->close_end : 0, &ba, &bb);
    /* a quote that ends its sentence is followed by a new one, unless a verb comes at once */
    size_t k = q->close;
    while (k > q->open_end && is_space_at(c->s, c->len, k - 1)) k--;
    int final = k > q->open_end && (c->s[k - 1] == '.' || c->s[k - 1] == '!' || c->s[k - 1] == '?');
    int32_t sp = -1;
    int by = BY_NONE;
    size_t wa = ta, wb = tb; /* the window the verb is in */
    size_t v = find_verb(c, ta, tb, final ? VERB_AFTER_FINAL : 0);
    if (v < c->n) {
        by = BY_VERB;
    } else if ((v = find_verb(c, ba, bb, 0)) < c->n) {
        by = BY_VERB, wa = ba, wb = bb;
    } else if ((sp = colon_speaker(c, q, ba, bb)) >= 0) {
        by = BY_COLON;
    }
    if (by == BY_VERB && c->arabic_like && (sp = arabic_subject(c, v, wb)) == -2) return -1;
    if (by == BY_VERB && sp < 0) sp = nearest_speaker(c, wa, wb, v, wa == ta);
    if (by == BY_VERB) {
        /* "he added", "a-t-il ajouté", "сказал он", "said the mayor": whom the
         * text was last about, else the last speaker */
        int pron = 0;
        for (size_t p = v > wa + 2 ? v - 2 : wa; p <= v + 1 && p < wb; p++)
            pron |= p != v && (word_flags(c, p) & (W_PRON | W_TITLE));
        if (sp < 0 || (pron && sp >= 0 && !c->x->m[sp].titled && c->x->m[sp].kind != K_PERSON) || (pron && sp < 0)) {
            int32_t who = last_person(c, q, *last_speaker);
            if (who >= 0) sp = who, by = BY_PRONOUN;
        }
    }
    if (by == BY_NONE && prev && prev_speaker >= 0 && q->open - prev->close_end <= CONTINUED_BYTES &&
        !memchr(c->s + prev->close_end, '\n', q->open - prev->close_end))
        sp = prev_speaker, by = BY_CONTINUED;
    if (sp < 0) by = BY_NONE;
    if (sp >= 0) {
        *last_speaker = sp;
        if (c->x->m[sp].kind == K_OTHER) c->x->m[sp].kind = K_PERSON;
    }
    for (size_t m = c->m0; m < c->x->nm; m++) /* names inside the quote are not its speaker's */
        if (c->t[c->x->m[m].tok].off >= q->open_end && c->t[c->x->m[m].tok].off < q->close) c->x->m[m].quoted = 1;
    return add_quote(c, q, sp, by);
}

static size_t words_in(const ctx *c, size_t a, size_t b) { return tok_at(c, b) - tok_at(c, a); }

static int quotes(ctx *c) {
    const char *s = c->s;
    span prev = {0, 0, 0, 0}, cur = {0, 0, 0, 0};
    int have_prev = 0, open = Q_NONE;
    int32_t last_speaker = -1, prev_speaker = -1;
    for (size_t i = 0; i < c->len;) {
        if (open != Q_NONE && i - cur.open > SKEIN_MAX_QUOTE_BYTES) {
            i = cur.open_end; /* too long for a quote: look again after its mark */
            open = Q_NONE;
        }
        size_t ml;
        int m = mark_at(s, c->len, i, &ml);
        if (m == Q_NONE) { i++; continue; }
        if (open != Q_NONE && closes(open, m, s, c->len, i, ml)) {
            cur.close = i, cur.close_end = i + ml;
            open = Q_NONE;
            if (words_in(c, cur.open_end, cur.close) >= MIN_QUOTE_WORDS) {
                if (attribute(c, &cur, have_prev ? &prev : NULL, &last_speaker, prev_speaker)) return -1;
                prev_speaker = c->x->nq ? c->x->q[c->x->nq - 1].speaker : -1;
                prev = cur, have_prev = 1;
            }
        } else if (open != Q_NONE && m == open && m != Q_STR) {
            /* the same opening mark again: a quote running on into a new
             * paragraph (“...¶“...”), else the first was never closed */
            size_t k = i;
            while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t')) k--;
            if (!(k > 0 && s[k - 1] == '\n')) cur.open = i, cur.open_end = i + ml;
        } else if (open == Q_NONE && opens(m, s, c->len, i, ml)) {
            open = m, cur.open = i, cur.open_end = i + ml;
        }
        i += ml;
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
    ctx c = {x, s, len, lang, skein__analyzer_str(an, 0), t, n, 0, 0, x->nm, is_title, map};
    if (!n) return 0;
    for (size_t i = 0; i < x->nm; i++) c.text_no = SKEIN_MAX(c.text_no, x->m[i].text_no + 1);
    /* the script of the text: the first letters' */
    size_t cased = 0, caseless = 0;
    for (size_t i = 0; i < n && cased + caseless < 20; i++) {
        UChar32 ch = first_char(c.pool + t[i].norm, t[i].norm_len);
        if (ch < 0 || (t[i].flags & (SKEIN_TOK_NUM | SKEIN_TOK_CJK)) || !u_isalpha(ch)) continue;
        if (ch < 0x80 || u_hasBinaryProperty(ch, UCHAR_CASED)) cased++;
        else caseless++;
    }
    c.arabic_like = caseless > cased;
    if (load_calendar(x, !strcmp(lang, "und") ? "en" : lang)) return -1;
    int rc = 0;
    if (c.arabic_like) rc = names_caseless(&c);
    else if (!(is_title && mostly_capitalised(t, n))) rc = names_cased(&c);
    if (!rc) rc = add_numbers(&c);
    if (!rc && !is_title) rc = quotes(&c);
    return rc;
}

/* ---- the notes ------------------------------------------------------------------- */

/* The name entries: mentions with the same surface make one name, counted
 * and spanned once each, kind and strength from any of them. */
static int make_names(skein__extractor *x) {
    if (skein__grow((void **)&x->entry, &x->entry_cap, x->nm + 1, sizeof(*x->entry)) ||
        skein__grow((void **)&x->names, &x->names_cap, SKEIN_MIN(x->nm, SKEIN_MAX_NAMES) + 1, sizeof(*x->names)) ||
        skein__grow((void **)&x->spans, &x->spans_cap, x->nm + 1, sizeof(*x->spans)))
        return -1;
    size_t nnames = 0;
    for (size_t k = 0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        const char *sf = x->strings.buf + m->str;
        x->entry[k] = -1;
        for (size_t j = 0; j < k && x->entry[k] < 0; j++)
            if (x->entry[j] >= 0 && x->m[j].len == m->len && !memcmp(x->strings.buf + x->m[j].str, sf, m->len))
                x->entry[k] = x->entry[j];
        if (x->entry[k] >= 0) {
            skein_name_note *e = &x->names[x->entry[k]];
            e->count++;
            if (m->kind != K_OTHER && e->kind == SKEIN_KIND_OTHER) e->kind = (skein_kind)m->kind;
            if (!m->weak) e->weak = 0;
            continue;
        }
        if (nnames >= SKEIN_MAX_NAMES) continue;
        x->entry[k] = (int32_t)nnames;
        skein_name_note *e = &x->names[nnames++];
        memset(e, 0, sizeof(*e));
        e->name = sf, e->kind = (skein_kind)m->kind, e->count = 1, e->words = m->ntok, e->weak = m->weak;
        e->place = m->place ? skein__place_id((uint32_t)m->place) : NULL;
        memcpy(e->keys, m->keys, sizeof(e->keys));
        e->nkeys = m->nkeys, e->alt = m->alt;
    }
    /* each name's spans together, in the order of its mentions */
    size_t at = 0;
    for (size_t i = 0; i < nnames; i++) x->names[i].mentions = x->spans + at, at += x->names[i].count;
    for (size_t i = 0; i < nnames; i++) x->names[i].count = 0;
    for (size_t k = 0; k < x->nm; k++) {
        if (x->entry[k] < 0) continue;
        skein_name_note *e = &x->names[x->entry[k]];
        ((skein_span *)e->mentions)[e->count++] = x->m[k].span;
    }
    x->notes.names = x->names, x->notes.nnames = nnames;
    return 0;
}

/* The most complete name of the article that shares the last key of
 * mention k: "Lavrov" said -> "Sergei Lavrov". */
static int32_t fullest(const skein__extractor *x, int32_t k) {
    const mention *m = &x->m[k];
    uint64_t last = m->keys[m->nkeys - 1];
    int32_t best = k;
    for (size_t j = 0; j < x->nm; j++) {
        const mention *o = &x->m[j];
        if (!o->nkeys || o->place || o->keys[o->nkeys - 1] != last) continue;
        if (o->ntok > x->m[best].ntok) best = (int32_t)j;
    }
    return best;
}

static int make_quotes(skein__extractor *x) {
    if (skein__grow((void **)&x->quotes, &x->quotes_cap, x->nq + 1, sizeof(*x->quotes))) return -1;
    for (size_t k = 0; k < x->nq; k++) {
        const quote *q = &x->q[k];
        skein_quote_note *o = &x->quotes[k];
        *o = (skein_quote_note){x->strings.buf + q->str, NULL, -1, (skein_attribution)q->by, q->span};
        if (q->speaker < 0) continue;
        int32_t f = fullest(x, q->speaker);
        o->speaker = x->strings.buf + x->m[f].str;
        o->name = x->entry[f];
    }
    x->notes.quotes = x->quotes, x->notes.nquotes = x->nq;
    return 0;
}

static int make_numbers(skein__extractor *x) {
    if (skein__grow((void **)&x->numbers, &x->numbers_cap, x->nnum + 1, sizeof(*x->numbers))) return -1;
    for (size_t k = 0; k < x->nnum; k++)
        x->numbers[k] = (skein_number_note){x->num[k].value, x->strings.buf + x->num[k].str, x->num[k].count};
    x->notes.numbers = x->numbers, x->notes.nnumbers = x->nnum;
    return 0;
}

const skein_notes *skein__extract_finish(skein__extractor *x) {
    if (!x->strings.buf && skein__sbuf_adds(&x->strings, "")) return NULL;
    if (make_names(x) || make_quotes(x) || make_numbers(x)) return NULL;
    return &x->notes;
}
