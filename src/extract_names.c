/* extract_names.c -- the names of one text.
 *
 * In scripts with case, runs of capitalised words (a lone word that opens a
 * sentence counts only when it recurs mid-sentence or a speech verb follows
 * it; in languages with a lexicon, a run needs a word that no dictionary
 * translates); title words are cut off and mark a person.  In scripts
 * without case, runs of words that no dictionary translates, "weak" unless
 * something backs them.  Gazetteer places are split off as places.
 *
 * Where the trained tagger has a model, its names are read with the rules
 * that still help at their edges (titles, calendar words, lower-case words,
 * initials, hyphens, the words that end a body's or a place's name), the
 * text's persons named in full give their kind to their surnames alone,
 * and in English capitalised runs it left out are taken when their last
 * word says what they are ("Abacus Technologies", "Seminole County"). */
#include "extract_int.h"

#include "lexicon.h"
#include "tagger.h"

#include <string.h>
#include <unicode/uchar.h>

#define MAX_MENTIONS 2000 /* name occurrences looked at per article */
#define TITLE_LOOKBACK 4  /* a title word this many tokens before a name */

/* Length of the folded word without a possessive 's or '. */
static size_t bare_len(const char *w, size_t n) {
    if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') return n - 2;
    if (n > 1 && w[n - 1] == '\'') return n - 1;
    return n;
}

static inline int cap_token(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    return (t->flags & SKEIN_TOK_CAP) && !(t->flags & SKEIN_TOK_NUM) && t->norm_len > 1 &&
           !(skein__word_flags(c, i) & W_CALENDAR);
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
    return !skein__word_flags(c, i);
}

/* Copies s[0..n) into x->strings; its offset into *at.  0 or -1. */
int skein__keep_string(skein__extractor *x, const char *s, size_t n, uint32_t *at) {
    *at = (uint32_t)x->strings.len;
    return skein__sbuf_add(&x->strings, s, n) || skein__sbuf_addc(&x->strings, 0) ? -1 : 0;
}

/* Interlingual key of token i (0 for none); the second key of a word that
 * may carry an Arabic clitic into *alt. */
static uint64_t token_key(const ctx *c, size_t i, uint64_t *alt) {
    const skein__tok *t = &c->t[i];
    uint64_t k[2];
    size_t nk = skein__translit_keys(c->x->tr, c->pool + t->norm,
                                     bare_len(c->pool + t->norm, t->norm_len), k);
    if (alt) *alt = nk > 1 ? k[1] : 0;
    return nk ? k[0] : 0;
}

/* Records tokens [a, b) as a name. */
int skein__add_mention(ctx *c, size_t a, size_t b, int titled, uint32_t place) {
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
    if (n > 2 && sf[n - 1] == 's' && sf[n - 2] == '\'')
        n -= 2;
    else if (n > 4 && sf[n - 1] == 's' && !memcmp(sf + n - 4, "\xE2\x80\x99", 3))
        n -= 4;
    if (skein__keep_string(x, sf, n, &m->str)) return -1;
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
        m->kind = SKEIN_KIND_PLACE;
        /* how a one-word place sounds: a spelling the gazetteer lacks
         * (Инсбрука for Innsbruck, a GeoNames city in Latin letters only)
         * joins it; a word of a longer one would not ("Kong") */
        if (b - a == 1) m->alt = token_key(c, a, NULL);
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
            if ((c->t[i].flags & SKEIN_TOK_ALLCAPS) || (skein__word_flags(c, i) & W_ORG)) org = 1;
        }
        if (!m->nkeys && !c->arabic_like && skein__tagger_has(x->tagger, c->lang)) {
            /* a name too short to sound like anything ("Rai", "Li"): its spelling */
            uint64_t h = 0x5E11;
            for (size_t i = a; i < b; i++) {
                const char *w = c->pool + c->t[i].norm;
                h = skein__hash_salt(w, bare_len(w, c->t[i].norm_len), h);
            }
            m->keys[m->nkeys++] = h | 1;
        }
        if (!m->nkeys) return 0;
        for (size_t i = a; b - a > 1 && i < b; i++) {
            const char *w = c->pool + c->t[i].norm;
            if (!skein__u64map_upsert(&x->known, skein__hash(w, bare_len(w, c->t[i].norm_len))))
                return -1;
        }
        m->kind = org ? SKEIN_KIND_ORG : titled ? SKEIN_KIND_PERSON : SKEIN_KIND_OTHER;
        m->weak = (uint8_t)(c->arabic_like && !titled);
    }
    x->nm++;
    return 0;
}

/* A title word among the few tokens before token a, within its sentence. */
static int titled_before(const ctx *c, size_t a) {
    for (size_t k = 1; k <= TITLE_LOOKBACK && k <= a; k++) {
        size_t i = a - k;
        if (skein__word_flags(c, i) & W_TITLE) return 1;
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
static int emit_piece(ctx *c, size_t a, size_t b, int titled,
                      int (*ok)(const ctx *, size_t, size_t)) {
    size_t from = a;
    for (size_t k = a; k < b;) {
        uint32_t place;
        size_t len = place_at(c, k, b, &place);
        if (!len) {
            k++;
            continue;
        }
        if (k > from && ok(c, from, k) &&
            skein__add_mention(c, from, k, titled || titled_before(c, from), 0))
            return -1;
        if (skein__add_mention(c, k, k + len, 0, place)) return -1;
        k += len, from = k;
    }
    if (from < b && ok(c, from, b) &&
        skein__add_mention(c, from, b, titled || titled_before(c, from), 0))
        return -1;
    return 0;
}

/* A capitalised piece [a, b) of a run in a cased script, once title words
 * are cut: is it a name? */
/* The capitalised words the text has in mid-sentence, into x->midcap.  0 or -1. */
static int fill_midcap(ctx *c) {
    const skein__tok *t = c->t;
    skein__u64map_clear(&c->x->midcap);
    for (size_t i = 0; i < c->n; i++)
        if (cap_token(c, i) && !(t[i].flags & SKEIN_TOK_SENT)) {
            const char *w = c->pool + t[i].norm;
            if (!skein__u64map_upsert(&c->x->midcap, skein__hash(w, bare_len(w, t[i].norm_len))))
                return -1;
        }
    return 0;
}

static int midcap_has(const ctx *c, size_t i) {
    const char *w = c->pool + c->t[i].norm;
    return skein__u64map_get(&c->x->midcap, skein__hash(w, bare_len(w, c->t[i].norm_len))) != NULL;
}

/* 1 when every word of [a, b) was seen in a longer name of the article
 * ("Vogt" after "Heinrich Vogt"). */
static int known_words(const ctx *c, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) {
        const char *w = c->pool + c->t[i].norm;
        if (!skein__u64map_get(&c->x->known, skein__hash(w, bare_len(w, c->t[i].norm_len))))
            return 0;
    }
    return 1;
}

static int cased_piece_ok(const ctx *c, size_t a, size_t b) {
    if (a >= b) return 0;
    const skein__tok *t = c->t;
    if (known_words(c, a, b)) return 1;
    /* right after or before a verb of saying ("dijo Lucía Pardo"), a run names the speaker */
    int speaks = (a > 0 && (skein__word_flags(c, a - 1) & W_VERB)) ||
                 (b < c->n && (skein__word_flags(c, b) & W_VERB));
    if (b - a == 1 && !(t[a].flags & SKEIN_TOK_ALLCAPS) && (skein__word_flags(c, a) & W_ORG))
        return 0; /* "Ministry", "Council" alone name nothing */
    if (b - a == 1 && (t[a].flags & SKEIN_TOK_SENT) && !(t[a].flags & SKEIN_TOK_ALLCAPS)) {
        int recurs = midcap_has(c, a);
        int verb_next = b < c->n && (skein__word_flags(c, b) & W_VERB);
        if (!recurs && !verb_next) return 0;
    }
    if (!skein__has_lexicon(c->lang) || (speaks && b - a > 1)) return 1;
    for (size_t i = a; i < b; i++)
        if (t[i].flags & (SKEIN_TOK_NAMELIKE | SKEIN_TOK_PLACE | SKEIN_TOK_ALLCAPS)) return 1;
    return 0;
}

/* A function word ("The", "In", "But"): long stopwords ("States" is one in
 * some lists) stay in names. */
static int short_stopword(const skein__tok *t) {
    return (t->flags & SKEIN_TOK_STOP) && !(t->flags & SKEIN_TOK_ALLCAPS) && t->norm_len <= 4;
}

int skein__names_cased(ctx *c) {
    const skein__tok *t = c->t;
    if (fill_midcap(c)) return -1;
    for (size_t i = 0; i < c->n;) {
        if (!cap_token(c, i)) {
            i++;
            continue;
        }
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
            if (!(skein__word_flags(c, k) & W_TITLE)) continue;
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

int skein__names_caseless(ctx *c) {
    for (size_t i = 0; i < c->n;) {
        if (!caseless_name_token(c, i)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < c->n && caseless_name_token(c, j) && (c->t[j].flags & SKEIN_TOK_ADJ)) j++;
        if (emit_piece(c, i, j, 0, any_piece)) return -1;
        i = j;
    }
    return 0;
}

/* ---- names the tagger found ------------------------------------------------------- */

static uint64_t word_hash(const ctx *c, size_t i) {
    const char *w = c->pool + c->t[i].norm;
    return skein__hash(w, bare_len(w, c->t[i].norm_len)) | 1;
}

/* A one-word name that only opens a sentence ("Lava from the eruption...",
 * "Krone rises...") is no name when the article writes the word in lower
 * case too: the title's lower-case words are kept for its text, and each
 * text is read for the words of the openers so far. */
static int drop_common_openers(ctx *c) {
    skein__extractor *x = c->x;
    uint64_t open[64];
    size_t nopen = 0;
    for (size_t k = 0; k < x->nm && nopen < 64; k++)
        if (x->m[k].opener && !x->m[k].dropped) open[nopen++] = x->m[k].opener;
    for (size_t i = 0; i < c->n && (nopen || c->is_title); i++) {
        if (c->t[i].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM | SKEIN_TOK_CJK | SKEIN_TOK_STOP))
            continue; /* "will", "may": a name's lower-case twin may be a function word */
        uint64_t h = word_hash(c, i);
        if (c->is_title && !skein__u64map_upsert(&x->lower, h)) return -1;
        for (size_t k = 0; k < nopen; k++)
            if (open[k] == h) {
                for (size_t m = 0; m < x->nm; m++)
                    if (x->m[m].opener == h) x->m[m].dropped = 1;
                open[k] = open[--nopen];
                break;
            }
    }
    for (size_t k = 0; k < x->nm; k++)
        if (x->m[k].opener && skein__u64map_get(&x->lower, x->m[k].opener)) x->m[k].dropped = 1;
    return 0;
}

/* 1 when token i is a lone letter ("П." in "П. П. Чистякова"): said twice in
 * a row it is no link-widget debris. */
static int initial(const ctx *c, size_t i) {
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    return n && (size_t)U8_LENGTH(first_char(w, n)) == n;
}

/* 1 when the last word of a person's name [a, b) of two words or more is
 * a title or month word that is the surname here ("Theresa May", "Ken
 * King"): not a weekday, no number after it ("May 5"). */
static int surname_kept(const ctx *c, size_t a, size_t b, skein_kind kind) {
    if (kind != SKEIN_KIND_PERSON || b - a < 2 || (skein__word_flags(c, b - 1) & W_WEEKDAY))
        return 0;
    if (skein__word_flags(c, b - 2) & (W_TITLE | W_CALENDAR)) return 0;
    return b >= c->n || !(c->t[b].flags & SKEIN_TOK_NUM);
}

/* 1 when the text's language writes the names of languages in lower case
 * ("bosnio") and token a, capitalised in mid-sentence, matched one only
 * by its stem: Spanish "Bosnia" is the country. */
static int lower_case_languages(const ctx *c, size_t a) {
    static const char *const capitalised[] = {"en", "de", "nl", "lb", NULL};
    if ((c->t[a].flags & (SKEIN_TOK_CAP | SKEIN_TOK_SENT)) != SKEIN_TOK_CAP) return 0;
    for (size_t i = 0; capitalised[i]; i++)
        if (!strcmp(c->lang, capitalised[i])) return 0;
    return 1;
}

/* A name the tagger found, tokens [a, b) of kind `kind` (skein_kind),
 * with the rules that still help: title words and calendar words at its
 * edges cut off ("President", "Tuesday"), a "The" at its end ("...Putin
 * The hidden", a link widget's debris), a
 * name said twice in a row cut (link-widget debris), a place the gazetteer
 * knows given its id, a language's name ("Russian") no place.  Its
 * kind is the tagger's: overriding it by word lists or the gazetteer
 * measured worse on the development sets (German typed F1 0.61 -> 0.55). */
/* 1 when tokens [a, b) are all title words: "Ambassador", "the Minister"
 * name no one by themselves, whatever kind the tagger gave them. */
static int only_titles(const ctx *c, size_t a, size_t b) {
    for (size_t k = a; k < b; k++)
        if (!(skein__word_flags(c, k) & W_TITLE)) return 0;
    return 1;
}

/* The country an English abbreviation written as such names ("U.S.", "US",
 * "UK", "UAE"), as place index + 1, else 0.  Case counts: the gazetteer's
 * names are folded and cannot hold "US" beside the pronoun "us". */
static uint32_t abbreviated_country(const ctx *c, size_t a, size_t b) {
    static const char *const abbr[][2] = {{"US", "US"},  {"U.S", "US"},   {"U.S.", "US"},
                                          {"USA", "US"}, {"U.S.A", "US"}, {"U.S.A.", "US"},
                                          {"UK", "GB"},  {"U.K", "GB"},   {"U.K.", "GB"},
                                          {"UAE", "AE"}, {"U.A.E", "AE"}, {"U.A.E.", "AE"}};
    if (strcmp(c->lang, "en") != 0) return 0;
    size_t from = c->t[a].off, to = c->t[b - 1].off + c->t[b - 1].len;
    if (to < c->len && c->s[to] == '.') to++; /* "U.S." keeps its last dot out of the word */
    for (size_t i = 0; i < sizeof(abbr) / sizeof(abbr[0]); i++) {
        size_t n = strlen(abbr[i][0]);
        if ((to - from == n || to - from == n + 1) && !memcmp(c->s + from, abbr[i][0], n) &&
            (to - from == n || c->s[from + n] == '.'))
            return skein__place_by_id(abbr[i][1]);
    }
    return 0;
}

/* Words that make a place's name an event's ("Berlin Marathon", "Australian
 * Open", "Чемпионат мира"), folded, in any language: the run is "other". */
static int event_word(const ctx *c, size_t i) {
    static const char *const words[] = {"marathon",
                                        "olympics",
                                        "olympiad",
                                        "games",
                                        "cup",
                                        "open",
                                        "festival",
                                        "summit",
                                        "championship",
                                        "championships",
                                        "prix",
                                        "expo",
                                        "biennale",
                                        "tournament",
                                        "rally",
                                        "grand-prix",
                                        "marathons",
                                        "olympia",
                                        "spiele",
                                        "gipfel",
                                        "meisterschaft",
                                        "meisterschaften",
                                        "festspiele",
                                        "maratón",
                                        "juegos",
                                        "cumbre",
                                        "mundial",
                                        "campeonato",
                                        "copa",
                                        "sommet",
                                        "jeux",
                                        "championnat",
                                        "coupe",
                                        "марафон",
                                        "олимпиада",
                                        "саммит",
                                        "чемпионат",
                                        "кубок",
                                        "фестиваль",
                                        "игры",
                                        "\xD9\x85\xD8\xA7\xD8\xB1\xD8\xA7\xD8\xAB\xD9\x88\xD9\x86",
                                        NULL};
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    for (size_t k = 0; words[k]; k++)
        if (strlen(words[k]) == n && !memcmp(words[k], w, n)) return 1;
    /* German compounds: "Berlin-Marathon" is one word in some texts */
    return !strcmp(c->lang, "de") && n > 9 && !memcmp(w + n - 8, "marathon", 8);
}

/* 1 when the place-kind run [a, b) that the gazetteer does not name whole
 * is an event: one of its words is an event's. */
static int event_name(const ctx *c, size_t a, size_t b) {
    for (size_t k = a; k < b; k++)
        if (event_word(c, k)) return 1;
    return 0;
}

/* 1 when the one word at a is a nationality word only ("Kenyan",
 * "Äthiopier"): a people, never a person. */
static int demonym_only(const ctx *c, size_t a) {
    return skein__person_class(skein__person_salt(c->lang), c->t[a].hash) == SKEIN_PERSON_DEMONYM;
}

/* 1 when the one Arabic word at a is a common word the tagger takes for a
 * place or an "other" name: an adverb in -يا or a loan noun of news that no
 * dictionary here translates and that looks like a place's name
 * (احترازيا "as a precaution", حاليا "currently", تسونامي "tsunami").  Any
 * word the dictionaries translate (رسميا "officially") was tried too: it
 * cost ar-anercorp 0.02 of doc F1 through extract (names such words are). */
static int arabic_word(const ctx *c, size_t a) {
    static const char *const words[] = {
        "\xD8\xA7\xD8\xAD\xD8\xAA\xD8\xB1\xD8\xA7\xD8\xB2\xD9\x8A\xD8\xA7", /* احترازيا */
        "\xD8\xAD\xD8\xA7\xD9\x84\xD9\x8A\xD8\xA7",                         /* حاليا */
        "\xD8\xAA\xD8\xB3\xD9\x88\xD9\x86\xD8\xA7\xD9\x85\xD9\x8A",         /* تسونامي */
        NULL};
    const skein__tok *t = &c->t[a];
    if (!c->arabic_like || strcmp(c->lang, "ar") != 0) return 0;
    const char *w = c->pool + t->norm;
    for (size_t k = 0; words[k]; k++)
        if (strlen(words[k]) == t->norm_len && !memcmp(words[k], w, t->norm_len)) return 1;
    return 0;
}

/* 1 when token i is a word in lower case, with no capital inside
 * ("hoch", not "iPhone") and no digit, in a language that writes every
 * word of a name but particles with a capital (English, German: not
 * "Министерство обороны", "Organisation des Nations unies"). */
static int lower_word(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    if ((strcmp(c->lang, "en") && strcmp(c->lang, "de")) ||
        (t->flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM | SKEIN_TOK_ALLCAPS)))
        return 0;
    if (skein__has_lexicon(c->lang) && (t->flags & SKEIN_TOK_NAMELIKE))
        return 0; /* a word no dictionary knows: "Luzenské údolí" */
    const char *w = c->s + t->off;
    UChar32 ch = first_char(w, t->len);
    if (!u_islower(ch)) return 0;
    for (size_t k = 1; k < t->len; k++)
        if ((w[k] >= 'A' && w[k] <= 'Z') || (w[k] >= '0' && w[k] <= '9')) return 0;
    return 1;
}

/* 1 when the words p and k of the name [a, b) are its first word said
 * twice before another ("Zsa Zsa Gabor", "Boutros Boutros-Ghali"): a given
 * name, not a name repeated by a link widget ("Putin Putin"). */
static int doubled_given_name(const ctx *c, size_t a, size_t b, size_t p, size_t k) {
    return p == a && k == a + 1 && b >= a + 3 && c->t[a + 2].hash != c->t[a].hash;
}

/* 1 when token i is a particle that may open a name ("von der Leyen",
 * "van Gogh", "bin Salman"), whatever the stopword list of the text's
 * language says. */
static int particle(const ctx *c, size_t i) {
    static const char *const words[] = {"von", "van", "der", "den", "de",  "da",  "di",
                                        "du",  "la",  "le",  "del", "dos", "al",  "el",
                                        "bin", "ibn", "ben", "ter", "zu",  "ten", NULL};
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    for (size_t k = 0; words[k]; k++)
        if (strlen(words[k]) == n && !memcmp(words[k], w, n)) return 1;
    return 0;
}

/* 1 when a word of [a, b) is capitalised. */
static int any_capital(const ctx *c, size_t a, size_t b) {
    for (size_t k = a; k < b; k++)
        if (c->t[k].flags & SKEIN_TOK_CAP) return 1;
    return 0;
}

/* The kind that the words at the edges of a name [a, b) of two words or
 * more give it, else `kind`: a place's last word ("Seminole County", "Bov
 * Parish") makes a place of a person or a body; a body's form or kind
 * ("Eberhard Faber GmbH", "Abacus Technologies", "FC Bayern") a body of a
 * person or an "other" name. */
static skein_kind edge_kind(const ctx *c, size_t a, size_t b, skein_kind kind) {
    if (b < a + 2) return kind;
    int last = skein__word_flags(c, b - 1), first = skein__word_flags(c, a);
    if ((last & W_PLACEEND) && kind != SKEIN_KIND_PLACE) return SKEIN_KIND_PLACE;
    if (kind != SKEIN_KIND_PERSON && kind != SKEIN_KIND_OTHER) return kind;
    if ((last & (W_ORGEND | W_ORG)) || ((first & W_ORGEND) && c->t[a].norm_len <= 3))
        return SKEIN_KIND_ORG;
    return kind;
}

static int tagged_name(ctx *c, size_t a, size_t b, skein_kind kind) {
    const skein__tok *t = c->t;
    int titled = 0;
    /* an organisation's or a place's title word is its own ("Secretaria de
     * Estado", "General Santos"); a person's is cut off */
    int cut = W_CALENDAR | (kind == SKEIN_KIND_ORG || kind == SKEIN_KIND_PLACE ? 0 : W_TITLE);
    while (a < b && (skein__word_flags(c, a) & cut))
        titled |= (skein__word_flags(c, a) & W_TITLE) != 0, a++;
    while (a < b && (skein__word_flags(c, b - 1) & cut) && !surname_kept(c, a, b, kind)) b--;
    /* "Berg Lusen", "Magazin Slate": a German noun that says what the name
     * after it is, is none of it, and gives it its kind */
    if (b > a + 1 && (c->t[a + 1].flags & SKEIN_TOK_CAP) && !strcmp(c->lang, "de")) {
        int says = skein__word_flags(c, a);
        if (says & (W_SAYS_PLACE | W_SAYS_ORG | W_SAYS_OTHER))
            kind = says & W_SAYS_PLACE ? SKEIN_KIND_PLACE
                   : says & W_SAYS_ORG ? SKEIN_KIND_ORG
                                       : SKEIN_KIND_OTHER,
            a++;
    }
    /* "Kenyan Peter Kiprono": a nationality word before a person's name is none of it */
    while (kind == SKEIN_KIND_PERSON && b > a + 1 && demonym_only(c, a)) a++;
    if (a + 1 < b && t[b - 1].norm_len == 3 && !memcmp(c->pool + t[b - 1].norm, "the", 3))
        b--; /* "...Putin The hidden": a sentence glued to a name */
    /* "Darius' hoch", "australische Royal-Nationalpark": a lower-case word
     * at the edge of a name is none of it, but for a particle or a
     * function word that opens one ("von Brücke", "de Gaulle") */
    if (any_capital(c, a, b)) { /* "san francisco" in a text in lower case stays */
        while (b > a + 1 && lower_word(c, b - 1)) b--;
        while (b > a + 1 && lower_word(c, a) && !(t[a].flags & SKEIN_TOK_STOP) && !particle(c, a))
            a++;
    }
    for (size_t k = a + 1; k < b; k++)
        for (size_t p = a; p < k; p++)
            if (t[k].hash == t[p].hash && !initial(c, k) && !doubled_given_name(c, a, b, p, k))
                b = k;
    /* "Secretary of State Antony Blinken": the title's object is no part
     * of the person's name */
    if ((kind == SKEIN_KIND_PERSON || kind == SKEIN_KIND_ORG) && b >= a + 3 && a >= 2 &&
        short_stopword(&t[a - 1]) && (skein__word_flags(c, a - 2) & W_TITLE)) {
        int plain = 1; /* "Bank of England" after "Head of" stays whole */
        for (size_t k = a; k < b; k++) plain &= !short_stopword(&t[k]);
        if (plain) a = b - 2, kind = SKEIN_KIND_PERSON, titled = 1;
    }
    /* "the American Secretary of State James Baker": a nationality word
     * and titles name no one */
    if (a >= b || only_titles(c, a, b) ||
        (b > a + 1 && demonym_only(c, a) && only_titles(c, a + 1, b)))
        return 0;
    /* "Kremlin" said as a person: a word of organisations' names alone */
    if (kind == SKEIN_KIND_PERSON && b == a + 1 && (skein__word_flags(c, a) & W_ORG))
        kind = SKEIN_KIND_ORG;
    kind = edge_kind(c, a, b, kind);
    titled |= titled_before(c, a);
    uint32_t place = 0;
    if (kind != SKEIN_KIND_PLACE || place_at(c, a, b, &place) != b - a) place = 0;
    if (kind == SKEIN_KIND_PLACE && !place) place = abbreviated_country(c, a, b);
    /* "the U.N.", "the Kremlin" taken for places: a word of bodies' names
     * alone that the gazetteer does not name is a body */
    if (kind == SKEIN_KIND_PLACE && !place && b == a + 1 && (skein__word_flags(c, a) & W_ORG))
        kind = SKEIN_KIND_ORG;
    /* "European Central Bank", "North Atlantic Alliance" taken for places:
     * a name the gazetteer does not know that ends in an organisation's
     * word is an organisation */
    if (kind == SKEIN_KIND_PLACE && !place &&
        ((b >= a + 3 && (skein__word_flags(c, b - 1) & W_ORG)) ||
         (b >= a + 2 && (skein__word_flags(c, b - 1) & W_ORGEND))))
        kind = SKEIN_KIND_ORG;
    if (place && !strncmp(skein__place_id(place), "lang:", 5)) /* "Ukrainian": a language's name */
        place = 0, kind = lower_case_languages(c, a) ? kind : SKEIN_KIND_OTHER;
    if (kind == SKEIN_KIND_PLACE && !place && b > a + 1 && event_name(c, a, b))
        kind = SKEIN_KIND_OTHER;
    if (kind == SKEIN_KIND_PERSON && b == a + 1 && demonym_only(c, a)) kind = SKEIN_KIND_OTHER;
    /* "European officials", "Western leaders": an adjective alone that no
     * gazetteer names is no name */
    if (b == a + 1 && !place && (skein__word_flags(c, a) & W_REGION_ADJ)) return 0;
    if ((kind == SKEIN_KIND_PLACE || kind == SKEIN_KIND_OTHER) && !place && b == a + 1 &&
        arabic_word(c, a))
        return 0;
    size_t before = c->x->nm;
    if (skein__add_mention(c, a, b, titled, place)) return -1;
    if (c->x->nm == before) return 0;
    mention *m = &c->x->m[before];
    m->kind = (uint8_t)kind;
    m->weak = 0;
    if (b - a == 1 && (t[a].flags & (SKEIN_TOK_SENT | SKEIN_TOK_CAP | SKEIN_TOK_ALLCAPS)) ==
                          (SKEIN_TOK_SENT | SKEIN_TOK_CAP))
        m->opener = word_hash(c, a);
    return 0;
}

/* 1 when token i is a word of three letters or more, no title and no
 * abbreviation ("Tom", not "Rep", "St", "U.S", "Sgt": a Latin word without
 * a vowel is one): a full stop after it ends a sentence. */
static int full_word(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    const char *w = c->s + t->off;
    size_t letters = 0;
    int vowel = 0, latin = 1;
    for (size_t k = 0; k < t->len; k++) {
        if (w[k] == '.') return 0;
        letters += ((unsigned char)w[k] & 0xC0) != 0x80;
        latin &= (unsigned char)w[k] < 0x80;
        vowel |= w[k] != 0 && strchr("aeiouyAEIOUY", w[k]) != NULL;
    }
    return letters >= 3 && (vowel || !latin) && !(skein__word_flags(c, i) & W_TITLE) &&
           !(t->flags & SKEIN_TOK_ALLCAPS);
}

/* Does the gap before token j end a name ("U.S.,” Zucker said": a comma
 * and a quotation mark between two names; a new line, a parenthesis, a
 * dash set apart or a colon: a dateline, a speaker's label)? */
static int breaks_name(const ctx *c, size_t j) {
    const skein__tok *p = &c->t[j - 1];
    const char *g = c->s + p->off + p->len, *e = c->s + c->t[j].off;
    for (; g < e; g++) {
        unsigned char ch = (unsigned char)*g;
        if (ch == ';' || ch == '(' || ch == ')' || ch == '"' || ch == '\n' || ch == 0xAB ||
            ch == 0xBB)
            return 1;
        if (ch == 0xE2 && g + 2 < e && g[1] == (char)0x80 &&
            ((unsigned char)g[2] >= 0x9C && (unsigned char)g[2] <= 0x9F))
            return 1; /* “ ” „ ‟ */
        if (ch == 0xE2 && g + 2 < e && g[1] == (char)0x80 &&
            ((unsigned char)g[2] >= 0x93 && (unsigned char)g[2] <= 0x95))
            return 1; /* – — ―: "WASHINGTON ― Donald Trump" */
        if (ch == ':' || (ch == '-' && g > c->s && g[-1] == ' '))
            return 1; /* "PENCE: ...", "A - B" */
        if ((ch == '!' || ch == '?' || (ch == '.' && full_word(c, j - 1))) && g + 1 < e &&
            g[1] == ' ')
            return 1; /* "... said Tom. Putin said": a sentence ends */
    }
    return 0;
}

/* Could token i, untagged, be (part of) a name that speaks? */
static int speaking_word(const ctx *c, const uint8_t *labels, size_t i) {
    if (skein__has_lexicon(c->lang) && !(c->t[i].flags & SKEIN_TOK_NAMELIKE))
        return 0; /* a word the dictionaries translate: "sagte Experte" */
    return labels[i] == SKEIN__TAG_O && (c->t[i].flags & SKEIN_TOK_CAP) &&
           !(c->t[i].flags & (SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
           !(skein__word_flags(c, i) & (W_PRON | W_TITLE | W_CALENDAR | W_VERB | W_PREP));
}

/* Only blanks before token i, or the full stop of an abbreviation or
 * initials ("Rep. G.K. Butterfield"): the two may belong to one name. */
static int name_gap(const ctx *c, size_t i) {
    if (c->t[i].flags & SKEIN_TOK_ADJ) return 1;
    const skein__tok *p = &c->t[i - 1];
    const char *g = c->s + p->off + p->len, *e = c->s + c->t[i].off;
    if (g >= e || *g != '.') return 0;
    for (g++; g < e; g++)
        if (*g != ' ') return 0;
    return p->len <= 3 || memchr(c->s + p->off, '.', p->len) != NULL ||
           (skein__word_flags(c, i - 1) & W_TITLE);
}

/* Words [a, b) next to a verb of saying, as a name: a person's when two
 * words or more, of unknown kind when one, which must be capitalised in
 * mid-sentence too when it opens a sentence ("Scientists said" names no
 * one). */
static int speaking_name(ctx *c, size_t a, size_t b) {
    if (b - a == 1 && (c->t[a].flags & SKEIN_TOK_SENT) && !midcap_has(c, a)) return 0;
    return tagged_name(c, a, b, b - a > 1 ? SKEIN_KIND_PERSON : SKEIN_KIND_OTHER);
}

/* Capitalised words right before or after a verb of saying that the tagger
 * left out ("...," Hale said; said Kuleba): a quote's speaker may be one. */
static int speaking_names(ctx *c, const uint8_t *labels) {
    for (size_t v = 0; v < c->n; v++) {
        if (!(skein__word_flags(c, v) & W_VERB)) continue;
        size_t a = v;
        while (a > 0 && v - a < 3 && speaking_word(c, labels, a - 1) &&
               (a == v || (c->t[a].flags & SKEIN_TOK_ADJ)))
            a--;
        if (a < v && (c->t[v].flags & SKEIN_TOK_ADJ) && speaking_name(c, a, v)) return -1;
        size_t a2 = v + 1; /* "said Rep. G.K. Butterfield": past the titles */
        while (a2 < c->n && a2 - v <= 2 && labels[a2] == SKEIN__TAG_O &&
               (skein__word_flags(c, a2) & W_TITLE) && (a2 == v + 1 || name_gap(c, a2)))
            a2++;
        if (a2 > v + 1 && (a2 >= c->n || !name_gap(c, a2))) a2 = v + 1;
        size_t b = a2;
        while (b < c->n && b - a2 < 3 && speaking_word(c, labels, b) && (b == a2 || name_gap(c, b)))
            b++;
        /* "said Rep. G.K. Butterfield" with "Butterfield" tagged: the
         * initials are that name's, which took them in already */
        int opens_tagged = b > a2 && b < c->n && labels[b] != SKEIN__TAG_O && name_gap(c, b);
        if (b > a2 && !opens_tagged && speaking_name(c, v + 1, b)) return -1;
    }
    return 0;
}

/* End of the tagged name starting at token i (labels[i] is not O). */
static size_t tagged_end(const ctx *c, const uint8_t *labels, size_t i) {
    int k = SKEIN__TAG_KIND(labels[i]);
    size_t j = i + 1;
    while (j < c->n && labels[j] != SKEIN__TAG_O && !SKEIN__TAG_IS_B(labels[j]) &&
           SKEIN__TAG_KIND(labels[j]) == k && !breaks_name(c, j))
        j++;
    return j;
}

/* 1 when tokens i and i + 1 are joined by a hyphen alone. */
static int hyphen_glued(const ctx *c, size_t i) {
    const skein__tok *p = &c->t[i];
    size_t a = p->off + p->len;
    return c->t[i + 1].off == a + 1 && c->s[a] == '-';
}

/* A person's name the tagger ended at token j, before a double-barrelled
 * surname it left out ("Sabine Krämer-Holtz"): the end past it. */
static size_t double_barrel_end(const ctx *c, const uint8_t *labels, size_t j) {
    /* "Ali al-Nuaimi", "Hedi Weiler-Kiderlen" with the part after the
     * hyphen left out; not a word the dictionaries know ("Merkel-Regierung") */
    while (j < c->n && labels[j] == SKEIN__TAG_O && cap_token(c, j) && hyphen_glued(c, j - 1) &&
           (!skein__has_lexicon(c->lang) || (c->t[j].flags & SKEIN_TOK_NAMELIKE)))
        j++;
    size_t k = j;
    while (k + 1 < c->n && labels[k] == SKEIN__TAG_O && labels[k + 1] == SKEIN__TAG_O &&
           cap_token(c, k) && cap_token(c, k + 1) && hyphen_glued(c, k))
        k++;
    return k > j && (c->t[j].flags & SKEIN_TOK_ADJ) ? k + 1 : j;
}

/* 1 when token i is the letter of an American party ("D-N.J.", "R-Utah"):
 * before a place the tagger found, no part of its name. */
static int party(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    return t->len == 1 && (c->s[t->off] == 'D' || c->s[t->off] == 'R' || c->s[t->off] == 'I');
}

/* The start of a name the tagger began at token i after a capitalised
 * word or a capital letter it left out, glued to it by a hyphen
 * ("T-Mobile", "Coca-Cola", "Baden-Württemberg"); not a word the
 * dictionaries know ("Regierungs-"). */
static size_t hyphen_start(const ctx *c, const uint8_t *labels, size_t i) {
    while (i > 0 && labels[i - 1] == SKEIN__TAG_O && hyphen_glued(c, i - 1) &&
           (cap_token(c, i - 1) || ((c->t[i - 1].flags & SKEIN_TOK_CAP) &&
                                    !(party(c, i - 1) && labels[i] == SKEIN__TAG_B_LOC))) &&
           !(c->t[i - 1].flags & SKEIN_TOK_NUM) &&
           (!skein__has_lexicon(c->lang) || (c->t[i - 1].flags & SKEIN_TOK_NAMELIKE)))
        i--;
    return i;
}

#define MAX_SURNAMES 64

/* The last words of the text's tagged persons of two words or more. */
static size_t surnames(const ctx *c, const uint8_t *labels, uint64_t *out) {
    size_t n = 0;
    for (size_t i = 0; i < c->n;) {
        if (labels[i] == SKEIN__TAG_O) {
            i++;
            continue;
        }
        size_t j = tagged_end(c, labels, i);
        if (j - i > 1 && SKEIN__TAG_KIND(labels[i]) == 1 && n < MAX_SURNAMES &&
            !hyphen_glued(c, j - 2)) /* not "German" of "Franco-German" */
            out[n++] = c->t[j - 1].hash;
        i = j;
    }
    return n;
}

/* 1 when token i is a capitalised word the tagger left out, standing
 * alone: no capitalised word it left out on either side, and no noun after
 * it that it modifies ("Hale campaign workers"). */
static int lone_cap(const ctx *c, const uint8_t *labels, size_t i) {
    if (labels[i] != SKEIN__TAG_O || !cap_token(c, i) ||
        (c->t[i].flags & (SKEIN_TOK_STOP | SKEIN_TOK_NUM)))
        return 0;
    if (i + 1 < c->n && (c->t[i + 1].flags & SKEIN_TOK_ADJ) &&
        !(c->t[i + 1].flags & (SKEIN_TOK_CAP | SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
        !skein__verb_like(c, i + 1))
        return 0;
    if (i > 0 && labels[i - 1] == SKEIN__TAG_O && cap_token(c, i - 1) &&
        (c->t[i].flags & SKEIN_TOK_ADJ) && !(c->t[i].flags & SKEIN_TOK_SENT))
        return 0;
    return i + 1 >= c->n || labels[i + 1] != SKEIN__TAG_O || !cap_token(c, i + 1) ||
           !(c->t[i + 1].flags & SKEIN_TOK_ADJ);
}

/* "Bernie Sanders ... Sanders responds": a person's last word alone, which
 * the tagger left out (most often where it opens a sentence), is that
 * person again. */
static int surnames_alone(ctx *c, const uint8_t *labels, const uint64_t *sur, size_t nsur) {
    for (size_t i = 0; nsur && i < c->n; i++) {
        if (!lone_cap(c, labels, i)) continue;
        for (size_t s = 0; s < nsur; s++)
            if (sur[s] == c->t[i].hash) {
                if (tagged_name(c, i, i + 1, SKEIN_KIND_PERSON)) return -1;
                break;
            }
    }
    return 0;
}

/* 1 when tokens [a, b) are all initials with their full stops ("G.K.",
 * "J."): a capital letter or two with a dot after (the Russian
 * preposition "В" before a place is no initial). */
static int only_initials(const ctx *c, size_t a, size_t b) {
    for (size_t k = a; k < b; k++) {
        const skein__tok *t = &c->t[k];
        size_t end = t->off + t->len;
        if (!(t->flags & SKEIN_TOK_CAP) || end >= c->len || c->s[end] != '.') return 0;
        if (!initial(c, k) && !(t->norm_len <= 4 && memchr(c->pool + t->norm, '.', t->norm_len)))
            return 0;
    }
    return a < b;
}

/* A person's initials the tagger ended before the name they open ("Rep.
 * G.K. Butterfield" tagged "G.K" and "Butterfield"): the end of the name
 * after them, else j. */
static size_t after_initials(const ctx *c, const uint8_t *labels, size_t i, size_t j) {
    while (i < j && (skein__word_flags(c, i) & W_TITLE)) i++; /* "Rep." */
    if (j >= c->n || labels[j] == SKEIN__TAG_O || !only_initials(c, i, j) || !name_gap(c, j))
        return j;
    return tagged_end(c, labels, j);
}

/* Initials the tagger left out before the name at i ("G.K. Butterfield"
 * with only "Butterfield" tagged): the start of the name with them, else i. */
static size_t before_initials(const ctx *c, const uint8_t *labels, size_t i) {
    size_t k = i;
    while (k > 0 && labels[k - 1] == SKEIN__TAG_O && only_initials(c, k - 1, k) && name_gap(c, k))
        k--;
    return k;
}

/* 1 when the one-word person [a, a + 1) is said as a modifier after "a",
 * "one" ("a Hale campaign spokesman"): someone unnamed speaks there. */
static int attributive(const ctx *c, size_t a) {
    return a > 0 && a + 1 < c->n && (skein__word_flags(c, a - 1) & W_INDEF) &&
           (c->t[a + 1].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM | SKEIN_TOK_ADJ)) == SKEIN_TOK_ADJ;
}

/* An English name the tagger ended at token j before capitalised words it left
 * out that end in a body's word ("Enron" Wholesale Services, "Eberhard
 * Faber" GmbH): the end past them, else j. */
static size_t body_tail_end(const ctx *c, const uint8_t *labels, size_t j) {
    if (strcmp(c->lang, "en")) return j; /* German nouns are capitalised: "Regierung" */
    for (size_t k = j; k < c->n && k < j + 3; k++) {
        if (labels[k] != SKEIN__TAG_O || !cap_token(c, k) || !(c->t[k].flags & SKEIN_TOK_ADJ) ||
            short_stopword(&c->t[k]))
            return j;
        if (skein__word_flags(c, k) & (W_ORGEND | W_ORG)) return k + 1;
    }
    return j;
}

/* The kind that its edge words alone give a capitalised run [a, b) that
 * the tagger left out (edge_kind), or -1 when they give none. */
static int run_kind(const ctx *c, size_t a, size_t b) {
    skein_kind kind = edge_kind(c, a, b, SKEIN_KIND_OTHER);
    return kind == SKEIN_KIND_OTHER ? -1 : (int)kind;
}

/* 1 when token i opens a sentence with a word that is no name's: a
 * function word ("While", "About") or a shouted label ("SOURCE",
 * "BREAKING"). */
static int sentence_opener(const ctx *c, size_t i) {
    const skein__tok *t = &c->t[i];
    return (t->flags & SKEIN_TOK_SENT) &&
           ((t->flags & SKEIN_TOK_STOP) || ((t->flags & SKEIN_TOK_ALLCAPS) && t->norm_len >= 5));
}

/* Capitalised runs that the tagger left out, typed by their edge words
 * alone (a body's or a place's last word, a body's short form first). */
static int untagged_runs(ctx *c, const uint8_t *labels) {
    if (strcmp(c->lang, "en")) return 0;
    for (size_t i = 0; i < c->n;) {
        if (labels[i] != SKEIN__TAG_O || !(c->t[i].flags & SKEIN_TOK_CAP)) { /* most words */
            i++;
            continue;
        }
        /* not the tail of a longer capitalised run ("All Souls College") */
        int tail = i > 0 && (c->t[i].flags & SKEIN_TOK_ADJ) && (c->t[i - 1].flags & SKEIN_TOK_CAP);
        if (!cap_token(c, i) || tail || short_stopword(&c->t[i]) ||
            (skein__word_flags(c, i) & (W_TITLE | W_PRON)) || sentence_opener(c, i)) {
            i++;
            continue;
        }
        size_t j = i + 1; /* up to a title word: "Seminole County Sheriff Don Eslinger" */
        while (j < c->n && labels[j] == SKEIN__TAG_O && cap_token(c, j) &&
               (c->t[j].flags & SKEIN_TOK_ADJ) && !short_stopword(&c->t[j]) &&
               !(skein__word_flags(c, j) & W_TITLE))
            j++;
        /* opening a sentence, two words are a name when the first is
         * capitalised in mid-sentence too ("Bad Service" is not) */
        if ((c->t[i].flags & SKEIN_TOK_SENT) && j - i < 3 && !midcap_has(c, i)) {
            i = j;
            continue;
        }
        int shouted = 1; /* "BREAKING NEWS": a headline's words, no name */
        for (size_t k = i; k < j; k++) shouted &= (c->t[k].flags & SKEIN_TOK_ALLCAPS) != 0;
        int kind = shouted ? -1 : run_kind(c, i, j);
        if (kind >= 0 && tagged_name(c, i, j, (skein_kind)kind)) return -1;
        i = j;
    }
    return 0;
}

int skein__names_tagged(ctx *c, const uint8_t *labels) {
    static const skein_kind kinds[] = {SKEIN_KIND_OTHER, SKEIN_KIND_PERSON, SKEIN_KIND_ORG,
                                       SKEIN_KIND_PLACE, SKEIN_KIND_OTHER};
    uint64_t sur[MAX_SURNAMES];
    size_t nsur = surnames(c, labels, sur);
    if (!c->arabic_like && fill_midcap(c)) return -1;
    for (size_t i = 0; i < c->n;) {
        if (labels[i] == SKEIN__TAG_O) {
            i++;
            continue;
        }
        skein_kind kind = kinds[SKEIN__TAG_KIND(labels[i])];
        size_t j = tagged_end(c, labels, i);
        if (kind == SKEIN_KIND_PERSON && j == i + 1 && attributive(c, i)) {
            i = j;
            continue;
        }
        if (kind == SKEIN_KIND_PERSON) j = after_initials(c, labels, i, j);
        if (kind != SKEIN_KIND_ORG && before_initials(c, labels, i) < i)
            i = before_initials(c, labels, i), kind = SKEIN_KIND_PERSON;
        if (kind == SKEIN_KIND_PERSON) j = double_barrel_end(c, labels, j);
        i = hyphen_start(c, labels, i);
        size_t tail = body_tail_end(c, labels, j);
        if (tail > j) j = tail, kind = SKEIN_KIND_ORG;
        /* "Ernesto Salvatierra ... Salvatierra said": the person named in
         * full before, not the town the gazetteer knows by that name nor
         * a body or an "other" name (Arabic names end in a tribe's or a
         * place's name that stands alone for them) */
        for (size_t s = 0; kind != SKEIN_KIND_PERSON && j - i == 1 && !c->arabic_like &&
                           !demonym_only(c, i) && s < nsur;
             s++)
            if (sur[s] == c->t[i].hash) kind = SKEIN_KIND_PERSON;
        if (tagged_name(c, i, j, kind)) return -1;
        i = j;
    }
    if (surnames_alone(c, labels, sur, nsur) || untagged_runs(c, labels)) return -1;
    if (c->arabic_like) return 0;
    return drop_common_openers(c) ? -1 : speaking_names(c, labels);
}
