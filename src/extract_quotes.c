/* extract_quotes.c -- the quotes of one text and their speakers.
 *
 * Text in quotation marks of three words or more; the speaker is found by a
 * verb of saying after the closing mark or before the opening one in the
 * same sentence (the nearest fitting name, an apposition, the Arabic
 * subject after its verb), a pronoun or title word pointing back to the last
 * person, a colon after a name; a quote that follows another in the same
 * paragraph with no attribution of its own continues it. */
#include "extract_int.h"

#include <string.h>
#include <unicode/uchar.h>

#define AFTER_BYTES 160    /* attribution looked for after a quote ... */
#define BEFORE_BYTES 260   /* ... and before it, within its sentence */
#define VERB_AFTER_FINAL 3 /* after a quote ending its sentence, a verb this soon */
#define MIN_QUOTE_WORDS 3
#define TITLE_WORDS 8          /* quoted words in title case, up to so many, are a title */
#define CONTINUED_BYTES 100    /* a quote this close after another, unattributed, continues it */
#define SHORT_QUOTED_BYTES 48  /* a quoted name or title inside an attribution */
#define ARABIC_SUBJECT_WORDS 8 /* how far after a verb an Arabic subject is looked for */

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

static UChar32 first_of(const char *s, size_t len, size_t i) {
    UChar32 ch;
    int32_t k = (int32_t)i;
    U8_NEXT(s, k, (int32_t)len, ch);
    return ch;
}

/* Does mark `m` at s[i] close a quote opened with `open`? */
static int closes(int open, int m, const char *s, size_t len, size_t i, size_t mlen) {
    switch (open) {
    case Q_LDQ: /* “...” and, in machine-translated text, “..." */
        return m == Q_RDQ ||
               (m == Q_STR && !(i + mlen < len && u_isupper(first_of(s, len, i + mlen))));
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
    case Q_LDQ:
    case Q_LOW:
    case Q_LAQ:
    case Q_LOWS:
    case Q_CJKL: return 1;
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
        if (c->t[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does a sentence end at s[i]?  A full stop after an initial, an
 * abbreviation or a short title ("U.S.", "J.", "Gov.", "Mr.") or before a
 * lower-case word does not end one. */
int skein__sentence_end(const ctx *c, size_t i) {
    char ch = c->s[i];
    if (ch == '!' || ch == '?' || ch == '\n' || ch == ';') return 1;
    if (ch != '.') return 0;
    if (i + 1 < c->len &&
        ((c->s[i + 1] >= '0' && c->s[i + 1] <= '9') || (c->s[i + 1] >= 'a' && c->s[i + 1] <= 'z')))
        return 0; /* "4.5", "e.g." */
    size_t b = i;
    while (b > 0 && (unsigned char)c->s[b - 1] > ' ' && c->s[b - 1] != '.' && c->s[b - 1] != '(' &&
           c->s[b - 1] != '"')
        b--;
    size_t n = i - b;
    if (n == 0 || (b > 0 && c->s[b - 1] == '.')) return n == 0 ? 1 : 0;                /* "U.S." */
    if (n == 1 && (c->s[b] & 0x80) == 0 && c->s[b] >= 'A' && c->s[b] <= 'Z') return 0; /* "J." */
    if (n <= 4) { /* "Gov.", "Sen.", "Mr." */
        size_t t = tok_at(c, b);
        if (t < c->n && c->t[t].off == b && (skein__word_flags(c, t) & W_TITLE)) return 0;
    }
    size_t k = i + 1;
    while (k < c->len && c->s[k] == ' ') k++;
    return !(k < c->len && c->s[k] >= 'a' && c->s[k] <= 'z');
}

/* Tokens of the attribution window after a quote: to the end of its sentence. */
static void window_after(const ctx *c, const qspan *q, size_t *ta, size_t *tb) {
    size_t i = q->close_end, end = SKEIN_MIN(c->len, q->close_end + AFTER_BYTES);
    int words = 0;
    for (; i < end; i++) {
        size_t ml;
        int m = mark_at(c->s, c->len, i, &ml);
        if (m != Q_NONE && m != Q_RSQ && words) {
            /* a quoted name inside the attribution (— сказал тренер «Волгаря» Медведев) is
             * stepped over; a quote of its own ends the window */
            size_t j = i + ml, ml2;
            while (j < end && j < i + SHORT_QUOTED_BYTES &&
                   !closes(m, mark_at(c->s, c->len, j, &ml2), c->s, c->len, j, ml2))
                j++;
            if (j >= end || j >= i + SHORT_QUOTED_BYTES) break;
            i = j + ml2 - 1;
            continue;
        }
        if (skein__sentence_end(c, i)) break; /* `"...". Next sentence` */
        if (is_letter_at(c->s, c->len, i)) words = 1;
    }
    *ta = tok_at(c, q->close_end), *tb = tok_at(c, i);
}

/* Tokens of the window before a quote: back to the start of its sentence. */
static void window_before(const ctx *c, const qspan *q, size_t prev_close, size_t *ta, size_t *tb) {
    size_t lo = q->open > BEFORE_BYTES ? q->open - BEFORE_BYTES : 0;
    if (lo < prev_close) lo = prev_close;
    size_t i = q->open;
    while (i > lo && !skein__sentence_end(c, i - 1)) i--;
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
        long score = d * 2 + (m->kind == SKEIN_KIND_PLACE                 ? 30
                              : m->kind == SKEIN_KIND_ORG                 ? 12
                              : m->kind == SKEIN_KIND_PERSON || m->titled ? 0
                                                                          : 4);
        if (after && m->tok <= ta + 1 && apposition(c, m)) score -= 10;
        if (best < 0 || score < best_score) best = (int32_t)k, best_score = score;
    }
    return best;
}

/* Whom "he said" means: in the quote's paragraph, outside quotes, the last
 * person's name (a speaker, or one with a title), else the last name of two
 * words, else the last name; before the paragraph, the last speaker.  -1. */
static int32_t last_person(const ctx *c, const qspan *q, int32_t last_speaker) {
    size_t para = q->open;
    while (para > 0 && c->s[para - 1] != '\n') para--;
    int32_t best = -1;
    int best_rank = 0;
    size_t before = tok_at(c, q->open);
    for (size_t k = c->x->nm; k-- > c->m0;) {
        const mention *m = &c->x->m[k];
        if (m->text_no != c->text_no || m->tok >= before || m->quoted || m->weak) continue;
        if (c->t[m->tok].off < para) break;
        if (m->kind == SKEIN_KIND_PLACE || m->kind == SKEIN_KIND_ORG) continue;
        int rank = m->kind == SKEIN_KIND_PERSON || m->titled ? 3 : m->ntok > 1 ? 2 : 1;
        if (rank > best_rank) best = (int32_t)k, best_rank = rank;
    }
    return best >= 0 ? best : last_speaker;
}

/* The bytes of Arabic token i without a leading و and al- ("والمساعد" ->
 * "مساعد"), into *n. */
static const char *arabic_stem(const ctx *c, size_t i, size_t *n) {
    const char *w = c->pool + c->t[i].norm;
    *n = c->t[i].norm_len;
    if (*n > 4 && !memcmp(w, "\xD9\x88", 2)) w += 2, *n -= 2;         /* و */
    if (*n > 6 && !memcmp(w, "\xD8\xA7\xD9\x84", 4)) w += 4, *n -= 4; /* ال */
    return w;
}

/* Is token i "one" ("أحد", "إحدى": "one of the aides"; "الأحد" is Sunday)? */
static int arabic_one(const ctx *c, size_t i) {
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    if (n > 4 && !memcmp(w, "\xD9\x88", 2)) w += 2, n -= 2; /* و */
    static const char *const ones[] = {"\xD8\xA3\xD8\xAD\xD8\xAF", "\xD8\xA7\xD8\xAD\xD8\xAF",
                                       "\xD8\xA5\xD8\xAD\xD8\xAF\xD9\x89",
                                       "\xD8\xA7\xD8\xAD\xD8\xAF\xD9\x89"};
    for (size_t k = 0; k < sizeof(ones) / sizeof(ones[0]); k++)
        if (strlen(ones[k]) == n && !memcmp(w, ones[k], n)) return 1;
    return 0;
}

/* "وقال المساعد" ("and the aide said") after "أحد كبار مساعدي ..." ("one of
 * the senior aides of ..."): the title word at token `role`, alone as the
 * subject of the verb at token v, was last used before of someone unnamed,
 * "one of" the holders; the aide is that unnamed one, not whoever the text
 * named last. */
static int unnamed_role(const ctx *c, size_t role, size_t v) {
    size_t n, wn;
    const char *stem = arabic_stem(c, role, &n);
    if (n < 6) return 0; /* three letters at least */
    for (size_t i = v; i-- > 0 && i + 300 > v;) {
        const char *w = arabic_stem(c, i, &wn);
        if (wn < n || memcmp(w, stem, n)) continue;
        for (size_t k = i; k-- > 0 && k + 3 >= i;)
            if (arabic_one(c, k)) return 1;
        return 0;
    }
    return 0;
}

/* Arabic puts the verb first: "وقال وزير الاقتصاد رامي النجار إن ...",
 * "وأكد النجار: ...".  The subject ends before إن/أن, a word in li-l-, a
 * colon or another verb; its last two words (title words left out) name the
 * speaker.  Returns the mention (made when there is none); -1 for a title
 * word alone ("وقال الوزير"), -3 when no word stands there (the verb's own
 * subject: "وحذر من أن ..."), -4 when the words name no one ("وقال المساعد
 * إن": someone unnamed); -2 on ENOMEM. */
static int32_t arabic_subject(ctx *c, size_t v, size_t wb) {
    size_t end = v + 1;
    while (end < wb && end < v + 1 + ARABIC_SUBJECT_WORDS) {
        const skein__tok *t = &c->t[end];
        if (skein__word_flags(c, end) & (W_THAT | W_VERB)) break;
        if (t->norm_len >= 4 && !memcmp(c->pool + t->norm, "\xD9\x84\xD9\x84", 4)) break;
        if (t->flags & SKEIN_TOK_STOP) break; /* في، من، على... */
        end++;
        size_t gap_from = t->off + t->len,
               gap_to = end < c->n ? c->t[end].off : SKEIN_MIN(c->len, gap_from + 8);
        const char *g = c->s + gap_from;
        size_t gn = gap_to - gap_from;
        if (memchr(g, ':', gn) || memchr(g, ',', gn) || memmem(g, gn, "\xD8\x8C", 2))
            break; /* : , ، */
    }
    size_t a = end > v + 3 ? end - 2 : v + 1;
    for (size_t i = a; i < end; i++)
        if (skein__word_flags(c, i) & W_TITLE) a = i + 1;
    if (end == v + 1) return -3; /* no subject: the verb's own ("وحذر من أن ...") */
    if (a >= end) return unnamed_role(c, end - 1, v) ? -4 : -1;
    for (size_t k = c->m0; k < c->x->nm; k++) { /* a name there already */
        mention *m = &c->x->m[k];
        if (m->text_no == c->text_no && m->tok >= a && m->tok < end && !m->place) {
            m->weak = 0;
            return (int32_t)k;
        }
    }
    size_t before = c->x->nm;
    if (skein__add_mention(c, a, end, 1, 0)) return -2;
    if (c->x->nm == before) return -4; /* words that name no one: "وقال المساعد إن" */
    c->x->m[before].weak = 0, c->x->m[before].kind = SKEIN_KIND_PERSON;
    return (int32_t)before;
}

/* The subject an Arabic verb of saying carries in itself ("وحذر من أن ...",
 * "and he warned that ..."): the first person named in the sentence before
 * the verb's, in its paragraph ("والتقى وزير الخارجية أنتوني بلينكن بوزير
 * الخارجية الروسي سيرغي لافروف": Blinken, not Lavrov), else -1. */
static int32_t arabic_own_subject(const ctx *c, size_t v) {
    size_t s = v;
    while (s > 0 && !(c->t[s].flags & SKEIN_TOK_SENT)) s--;
    if (s == 0 || memchr(c->s + c->t[s - 1].off, '\n', c->t[s].off - c->t[s - 1].off)) return -1;
    size_t p = s - 1;
    while (p > 0 && !(c->t[p].flags & SKEIN_TOK_SENT)) p--;
    int32_t best = -1;
    for (size_t k = c->m0; k < c->x->nm; k++) {
        const mention *m = &c->x->m[k];
        if (m->text_no != c->text_no || m->tok < p || m->tok >= s || m->quoted ||
            (m->kind != SKEIN_KIND_PERSON && !m->titled))
            continue;
        if (best < 0 || m->tok < c->x->m[best].tok) best = (int32_t)k;
    }
    return best;
}

/* English "states" in lower case ("...,” the voice-over states): a verb of
 * saying that the word lists cannot hold, as "the United States" would be
 * one. */
static int states_at(const ctx *c, size_t i) {
    return c->t[i].norm_len == 6 && !(c->t[i].flags & SKEIN_TOK_CAP) && c->lang &&
           !strcmp(c->lang, "en") && !memcmp(c->pool + c->t[i].norm, "states", 6);
}

/* The first speech verb in tokens [ta, tb) (within `limit` tokens of ta when
 * limit > 0); n when none. */
static size_t find_verb(const ctx *c, size_t ta, size_t tb, size_t limit) {
    if (limit && tb > ta + limit) tb = ta + limit;
    for (size_t i = ta; i < tb; i++)
        if ((skein__word_flags(c, i) & W_VERB) || states_at(c, i)) return i;
    return c->n;
}

/* The last mention ending in tokens [ta, tb) right before a colon that
 * precedes the quote (`X: "..."`); -1 for none. */
static int32_t colon_speaker(const ctx *c, const qspan *q, size_t ta, size_t tb) {
    size_t i = q->open;
    while (i > 0 && c->s[i - 1] == ' ') i--;
    if (i == 0 || c->s[i - 1] != ':') return -1;
    int32_t best = -1;
    for (size_t k = c->m0; k < c->x->nm; k++) {
        const mention *m = &c->x->m[k];
        if (m->text_no == c->text_no && m->tok >= ta && m->tok + m->ntok <= tb &&
            m->kind != SKEIN_KIND_PLACE && !m->weak)
            best = (int32_t)k;
    }
    return best;
}

/* The name right after a dash that follows the quote ("...” ― Martha
 * Aguilar", "...” - AP"), in tokens [ta, tb); -1 for none. */
static int32_t dash_speaker(const ctx *c, const qspan *q, size_t ta, size_t tb) {
    if (ta >= tb || ta >= c->n) return -1;
    size_t i = q->close_end, to = c->t[ta].off;
    int dash = 0;
    for (; i < to; i++) {
        const unsigned char *p = (const unsigned char *)c->s + i;
        if (p[0] == 0xE2 && i + 2 < to && p[1] == 0x80 && p[2] >= 0x93 && p[2] <= 0x95)
            dash = 1, i += 2;
        else if (p[0] == '-')
            dash = 1;
        else if (p[0] != ' ' && p[0] != '\t')
            return -1;
    }
    for (size_t k = c->m0; dash && k < c->x->nm; k++)
        if (c->x->m[k].text_no == c->text_no && c->x->m[k].tok == ta) return (int32_t)k;
    return -1;
}

/* Is there punctuation between token i - 1 and token i (any byte of a
 * character past ASCII there counts: "،", "“", a no-break space)? */
static int is_punct_gap(const ctx *c, size_t i) {
    size_t from = c->t[i - 1].off + c->t[i - 1].len, to = i < c->n ? c->t[i].off : c->len;
    for (size_t k = from; k < to; k++)
        if (strchr(",.;:!?()\"", c->s[k]) || (unsigned char)c->s[k] >= 0x80) return 1;
    return 0;
}

/* Is token i a word that names a source after it: "according (to)", "selon",
 * "según", "laut", "(по) словам", "وفقا", "بحسب"? */
static int according_at(const ctx *c, size_t i) {
    if (i >= c->n) return 0;
    static const char *const words[] = {"according",
                                        "selon",
                                        "según",
                                        "segun",
                                        "laut",
                                        "zufolge",
                                        "словам",
                                        "слов",
                                        "\xD9\x88\xD9\x81\xD9\x82\xD8\xA7",         /* وفقا */
                                        "\xD9\x88\xD9\x88\xD9\x81\xD9\x82\xD8\xA7", /* ووفقا */
                                        "\xD8\xA8\xD8\xAD\xD8\xB3\xD8\xA8",         /* بحسب */
                                        "\xD9\x88\xD8\xA8\xD8\xAD\xD8\xB3\xD8\xA8", /* وبحسب */
                                        "\xD8\xAD\xD8\xB3\xD8\xA8",                 /* حسب */
                                        "\xD9\x88\xD8\xAD\xD8\xB3\xD8\xA8"};        /* وحسب */
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (strlen(words[k]) == n && !memcmp(w, words[k], n)) return 1;
    return 0;
}

/* Is token i a pronoun a source word takes ("according to him", "selon
 * lui", "según ella", "laut ihm", "по его словам")? */
static int object_pronoun(const ctx *c, size_t i) {
    static const char *const words[] = {"him",  "her",   "them", "lui", "elle",  "eux", "él",
                                        "ella", "ellos", "ihm",  "ihr", "ihnen", "его", "её",
                                        "ее",   "их",    "нему", "ней", "ним"};
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (strlen(words[k]) == n && !memcmp(w, words[k], n)) return 1;
    return 0;
}

/* "According to X, “...”", "Selon X, « ... »", "ووفقا للخبير X، فإن "..."": the
 * first source word in tokens [ta, tb) before the quote, into *v, and the
 * name it gives: the first name within a few words of it, none of them
 * punctuation, at the end of its phrase or before a preposition ("according
 * to the Russian president": no name; "según el politólogo Andrés Cabrera,
 * de ...", "according to Jane Porter of Monmouth University"); a pronoun right after it
 * ("according to him"): *pron set.  The name, or -1. */
static int32_t according_speaker(const ctx *c, size_t ta, size_t tb, size_t *v, int *pron,
                                 size_t *role) {
    for (size_t i = ta; i < tb; i++) {
        if (!according_at(c, i)) continue;
        *v = i;
        /* "according to the adviser to the American leader, ...": a role word, no name */
        for (size_t j = i + 1; j < tb && j <= i + 3 && !is_punct_gap(c, j); j++) {
            if (skein__word_flags(c, j) & (W_DEF | W_PREP)) continue;
            if (!(c->t[j].flags & (SKEIN_TOK_CAP | SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
                (skein__word_flags(c, j - 1) & W_DEF))
                *role = j;
            break;
        }
        for (size_t j = i > ta ? i - 1 : i + 1; j < tb && j <= i + 2; j++)
            if (j != i && ((skein__word_flags(c, j) & W_PRON) || object_pronoun(c, j)))
                return *pron = 1, -1;
        int32_t first = -1; /* the first name after the source word */
        for (size_t k = c->m0; k < c->x->nm; k++) {
            const mention *m = &c->x->m[k];
            if (m->text_no == c->text_no && m->tok > i && m->tok <= i + 6 &&
                m->tok + m->ntok <= tb && (first < 0 || m->tok < c->x->m[first].tok))
                first = (int32_t)k;
        }
        if (first < 0) return -1;
        const mention *m = &c->x->m[first];
        size_t e = m->tok + m->ntok;
        if (m->kind == SKEIN_KIND_PLACE || m->place) return -1;
        for (size_t j = i + 1; j <= m->tok; j++)
            if (is_punct_gap(c, j)) return -1;
        /* the end of the phrase, or a place or body after it ("Jane Porter of Monmouth") */
        return e >= tb || is_punct_gap(c, e) || (skein__word_flags(c, e) & W_PREP) ? first : -1;
    }
    return -1;
}

/* What the rules say of quote q (prev: the quote before it in this text, or
 * NULL): a verb of saying after it or before it and the name fitting it, a
 * pronoun pointing back, a colon after a name, or the quote before
 * continued.  -1 on ENOMEM. */
static int rules(ctx *c, const qspan *q, const qspan *prev, int32_t last_speaker,
                 int32_t prev_speaker, rule_pick *r) {
    size_t ta, tb, ba, bb;
    window_after(c, q, &ta, &tb);
    window_before(c, q, prev ? prev->close_end : 0, &ba, &bb);
    *r = (rule_pick){-1, SKEIN_BY_NONE, c->n, 0, 0, tb, ba, 0, c->n};
    /* a quote that ends its sentence is followed by a new one, unless a verb comes at once */
    size_t k = q->close;
    while (k > q->open_end && is_space_at(c->s, c->len, k - 1)) k--;
    int final = k > q->open_end && (c->s[k - 1] == '.' || c->s[k - 1] == '!' || c->s[k - 1] == '?');
    int32_t sp = -1;
    size_t wa = ta, wb = tb; /* the window the verb is in */
    size_t v = find_verb(c, ta, tb, final ? VERB_AFTER_FINAL : 0);
    if (v < c->n) {
        r->by = SKEIN_BY_VERB, r->verb_side = 1;
    } else if ((v = find_verb(c, ba, bb, 0)) < c->n) {
        r->by = SKEIN_BY_VERB, r->verb_side = 2, wa = ba, wb = bb;
    } else if ((sp = colon_speaker(c, q, ba, bb)) >= 0 || (sp = dash_speaker(c, q, ta, tb)) >= 0) {
        r->by = SKEIN_BY_COLON;
    }
    /* "according to X" before the quote, with no verb (or as its verb: "según"): X, or
     * whom "according to him" points back to */
    int according = 0, according_pron = 0;
    if (r->by == SKEIN_BY_NONE ||
        (r->by == SKEIN_BY_VERB && r->verb_side == 2 && according_at(c, v))) {
        size_t av = c->n;
        int32_t asp = according_speaker(c, r->by == SKEIN_BY_NONE ? ba : v, bb, &av,
                                        &according_pron, &r->role);
        if (asp >= 0 || according_pron) {
            according = 1, sp = asp, v = av, wa = ba, wb = bb;
            r->by = SKEIN_BY_VERB, r->verb_side = 2;
            if (according_pron) {
                int32_t who = last_person(c, q, last_speaker);
                r->pron = 1;
                if (who >= 0) sp = who, r->by = SKEIN_BY_PRONOUN;
            }
        }
    }
    r->according = !according ? 0 : according_pron ? 2 : sp >= 0;
    r->verb = v;
    int unnamed = 0;
    if (r->by == SKEIN_BY_VERB && !according && c->arabic_like) {
        if ((sp = arabic_subject(c, v, wb)) == -2) return -1;
        if (sp == -3 && (sp = arabic_own_subject(c, v)) >= 0) r->pron = 1, r->by = SKEIN_BY_PRONOUN;
        unnamed = sp == -4;
        /* the names after the verb's إن/أن are what was said, not who said it */
        for (size_t i = v + 1; sp < 0 && wa == ba && i < wb; i++)
            if (skein__word_flags(c, i) & W_THAT) wb = i;
    }
    if (unnamed) {
        r->speaker = -1, r->by = SKEIN_BY_NONE;
        return 0;
    }
    if (r->by == SKEIN_BY_VERB && sp < 0 && !according)
        sp = nearest_speaker(c, wa, wb, v, wa == ta);
    if (r->by == SKEIN_BY_VERB && !according) {
        /* "he added", "a-t-il ajouté", "сказал он", "said the mayor": whom the
         * text was last about, else the last speaker */
        for (size_t p = v > wa + 2 ? v - 2 : wa; p <= v + 1 && p < wb; p++)
            r->pron |= p != v && (skein__word_flags(c, p) & (W_PRON | W_TITLE));
        if (sp < 0 || (r->pron && !c->x->m[sp].titled && c->x->m[sp].kind != SKEIN_KIND_PERSON)) {
            int32_t who = last_person(c, q, last_speaker);
            if (who >= 0) sp = who, r->by = SKEIN_BY_PRONOUN;
        }
    }
    if (r->by == SKEIN_BY_NONE && prev && prev_speaker >= 0 &&
        q->open - prev->close_end <= CONTINUED_BYTES &&
        !memchr(c->s + prev->close_end, '\n', q->open - prev->close_end))
        sp = prev_speaker, r->by = SKEIN_BY_CONTINUED;
    if (sp < 0 && r->by != SKEIN_BY_VERB) r->by = SKEIN_BY_NONE;
    r->speaker = sp;
    return 0;
}

static int add_quote(ctx *c, const qspan *q, int32_t speaker, int by, float confidence) {
    skein__extractor *x = c->x;
    if (x->nq >= SKEIN_MAX_QUOTES) return 0;
    size_t a = q->open_end, b = q->close;
    while (a < b && is_space_at(c->s, c->len, a)) a++;
    while (b > a && is_space_at(c->s, c->len, b - 1)) b--;
    if (skein__grow((void **)&x->q, &x->q_cap, x->nq + 1, sizeof(*x->q))) return -1;
    quote *r = &x->q[x->nq];
    if (skein__keep_string(x, c->s + a, b - a, &r->str)) return -1;
    r->len = (uint32_t)(b - a);
    r->span = span_of(c, a, b);
    r->speaker = speaker;
    r->by = (uint8_t)by;
    r->confidence = confidence;
    x->nq++;
    return 0;
}

/* Are bytes [a, b) words said: MIN_QUOTE_WORDS tokens or more, two of
 * them no numbers ("90 to 95 percent" is; a date, "2016-06-29", "March 9,
 * 2016", is not)? */
static int enough_words(const ctx *c, size_t a, size_t b) {
    size_t ta = tok_at(c, a), tb = tok_at(c, b), words = 0;
    for (size_t i = ta; i < tb && words < 2; i++) words += !(c->t[i].flags & SKEIN_TOK_NUM);
    return tb - ta >= MIN_QUOTE_WORDS && words >= 2;
}

static int is_and(const ctx *c, size_t i) {
    static const char *const ands[] = {"and", "or", "und", "et", "y", "и", "і"};
    const char *w = c->pool + c->t[i].norm;
    for (size_t k = 0; k < sizeof(ands) / sizeof(ands[0]); k++)
        if (strlen(ands[k]) == c->t[i].norm_len && !memcmp(w, ands[k], c->t[i].norm_len)) return 1;
    return 0;
}

/* Is the quoted text [a, b) the title of a work or a show rather than
 * words said ("Face the Nation," "State of the Union.")?  A few words, each
 * capitalised, a number, an article, a preposition or "and", the first
 * capitalised, none a verb. */
static int title_like(const ctx *c, size_t a, size_t b) {
    if (c->arabic_like) return 0;
    size_t ta = tok_at(c, a), tb = tok_at(c, b), caps = 0;
    if (tb - ta > TITLE_WORDS || ta >= tb || !(c->t[ta].flags & SKEIN_TOK_CAP)) return 0;
    for (size_t i = ta; i < tb; i++) {
        uint32_t f = c->t[i].flags;
        if (skein__word_flags(c, i) & (W_VERB | W_PRON)) return 0;
        if (f & SKEIN_TOK_CAP)
            caps++;
        else if (!(f & SKEIN_TOK_NUM) && !(skein__word_flags(c, i) & (W_PREP | W_DEF | W_INDEF)) &&
                 !is_and(c, i))
            return 0;
    }
    return caps >= 2;
}

/* "...” closed with another mark than it opened with, as editing leaves
 * it: a curly closing mark ends a straight-quoted run in its paragraph with
 * no curly opening mark inside (a stray " before a “quoted” passage opens
 * nothing then). */
static int mixed_close(const ctx *c, const qspan *cur, int open, int m, size_t i) {
    if (open != Q_STR || m != Q_RDQ) return 0;
    size_t n = i - cur->open_end;
    const char *from = c->s + cur->open_end;
    return !memchr(from, '\n', n) && !memmem(from, n, "\xE2\x80\x9C", 3);
}

/* 1 when the 8 bytes at p may hold a mark's first byte: a '"' or a byte
 * above 0x7F (the test for a zero byte of w ^ '"'... may err towards 1). */
static int may_hold_mark(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, sizeof w);
    uint64_t q = w ^ (ones * '"');
    return (((q - ones) & ~q) | w) & highs ? 1 : 0;
}

/* The first byte at or after s[i], before `end`, that may begin a quotation
 * mark (mark_at above): '"' or the lead byte of U+00AB/BB, U+2018-201E or
 * U+300C/D.  Most of a text is none: 8 bytes of plain ASCII at a time are
 * passed over, far cheaper than asking mark_at at every byte. */
static size_t next_mark(const char *s, size_t i, size_t end) {
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        while (i + 8 <= end && !may_hold_mark(p + i)) i += 8;
        size_t stop = SKEIN_MIN(end, i + 8);
        for (; i < stop; i++)
            if (p[i] == '"' || p[i] == 0xC2 || p[i] == 0xE2 || p[i] == 0xE3) return i;
        if (i >= end) return end;
    }
}

/* The quotes of the text, marks and all: text in quotation marks of
 * MIN_QUOTE_WORDS words or more, not a title.  Into x->spans_q; 0 or -1. */
static int find_quotes(ctx *c) {
    const char *s = c->s;
    skein__extractor *x = c->x;
    qspan cur = {0, 0, 0, 0};
    int open = Q_NONE;
    x->nspans = 0;
    for (size_t i = 0; i < c->len;) {
        if (open != Q_NONE && i - cur.open > SKEIN_MAX_QUOTE_BYTES) {
            i = cur.open_end; /* too long for a quote: look again after its mark */
            open = Q_NONE;
        }
        /* an open quote stops the skip where it grows too long, as above */
        size_t stop =
            open != Q_NONE ? SKEIN_MIN(c->len, cur.open + SKEIN_MAX_QUOTE_BYTES + 1) : c->len;
        i = next_mark(s, i, stop);
        if (i == stop) continue;
        size_t ml;
        int m = mark_at(s, c->len, i, &ml);
        if (m == Q_NONE) {
            i++;
            continue;
        }
        if (open != Q_NONE &&
            (closes(open, m, s, c->len, i, ml) || mixed_close(c, &cur, open, m, i))) {
            cur.close = i, cur.close_end = i + ml;
            open = Q_NONE;
            if (enough_words(c, cur.open_end, cur.close) &&
                !title_like(c, cur.open_end, cur.close)) {
                if (skein__grow((void **)&x->spans_q, &x->spans_q_cap, x->nspans + 1,
                                sizeof(*x->spans_q)))
                    return -1;
                x->spans_q[x->nspans++] = cur;
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

int skein__quotes(ctx *c) {
    skein__extractor *x = c->x;
    if (find_quotes(c)) return -1;
    const qspan *q = x->spans_q;
    /* names inside quotes are not their speakers' */
    for (size_t m = c->m0; m < x->nm; m++) {
        size_t off = c->t[x->m[m].tok].off, lo = 0, hi = x->nspans;
        while (lo < hi) { /* the first quote closing after the name */
            size_t mid = (lo + hi) / 2;
            if (q[mid].close <= off)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < x->nspans && q[lo].open_end <= off) x->m[m].quoted = 1;
    }
    int32_t last_speaker = -1, prev_speaker = -1;
    int prev_by = SKEIN_BY_NONE;
    for (size_t k = 0; k < x->nspans; k++) {
        rule_pick r;
        if (rules(c, &q[k], k ? &q[k - 1] : NULL, last_speaker, prev_speaker, &r)) return -1;
        int32_t sp;
        int by;
        float confidence;
        if (skein__speaker_pick(c, q, k, &r, prev_speaker, prev_by, &sp, &by, &confidence))
            return -1;
        if (sp >= 0) {
            last_speaker = sp;
            if (x->m[sp].kind == SKEIN_KIND_OTHER) x->m[sp].kind = SKEIN_KIND_PERSON;
        }
        prev_speaker = sp, prev_by = by;
        if (add_quote(c, &q[k], sp, by, confidence)) return -1;
    }
    return 0;
}
