/* extract_speakers.c -- who said each quote: the names around it, scored by a trained model.
 *
 * The candidates of a quote are the names of its text outside any quote, from up to four
 * paragraphs before it to the end of the sentence after it (and a little into the next one),
 * labels riding on a name left out (a party and state in parentheses, "(D-Del.)"; a generational
 * suffix named apart, "III").  Each is described by binary features: where it stands against the
 * quote (the attribution window before or after it, earlier in the paragraph, paragraphs back)
 * and how far, its rank among the names there, a verb of saying next to it ("X said", "said X",
 * "X, the ..., said") and whether that is the verb the quote hangs on, a verb of telling before
 * it ("told CNN": the one spoken to), a preposition before it ("ahead of his meeting with X"), a
 * possessive after it, whether it opens its sentence, whether it is the person the text was last
 * about when a pronoun says the quote ("he said"), whether it said the quote before, what the
 * rules of extract_quotes.c chose, its kind, its title and how often the article names it.
 *
 * The model (speaker_model.c, written by scripts/train_speaker.c) is a logistic regression over
 * those features.  The best-scoring candidate is the speaker when its probability reaches the
 * model's threshold; else the speaker is left unnamed ("officials said").  A few rules then
 * stand over the model: a quote that goes on in the voice of an unnamed speaker just before it,
 * in its paragraph and with no attribution of its own, stays unnamed; a name that modifies the
 * person after it by the quote's verb gives way to that person ("said Clinton ally James
 * Carville", "said Senate Minority Whip Dick Durbin"), and one that modifies the unnamed
 * subject's noun is not the speaker ("said one Trump confidant"); a quote someone unnamed says
 * right after it stays unnamed ("“...?” a reporter asked": unnamed_after); a body's office
 * saying it is the body ("the Kremlin's press service"); "he said" goes to a person, the subject
 * of the last sentence that names its subject rather than a name in an object ("Walsh ... had
 * close ties to Joe Biden. But on Sunday he ... “...,” he said": pronoun_subject), the same
 * person as the quote before when that quote's "he" said it (same_voice), never the one "he
 * told" (told_object).  Where the sentence reads plainly, it decides: a quote inside a sentence
 * with no attribution of its own is the sentence's subject's ("Ted Cruz accuses Obama of
 * “...”"), or stays unnamed when that subject is someone unnamed ("A spokeswoman for the board
 * emailed reporters, arguing “...”"); a name right after a quote before a verb the word lists
 * lack ("“...?” Hannity pressed"), a capitalised word there the tagger left unnamed but the text
 * names a person by ("“...,” Trump said": untagged_after), "As X put it" opening its sentence, a
 * byline after it ("- Sanders.") or the subject of the sentence of saying before it is its
 * speaker; the one a sentence calls what its quote says ("called Ruiz “...”") is not its
 * speaker by a mention before the quote.  A name the tagger cut at an initial ("Dana M." |
 * "Reid") gives way to the person's name after it.  The probability is the quote's confidence.  The
 * model was trained on English, a script with case; in scripts without case (Arabic) the rules'
 * choice stands, with a fixed confidence by how it was found, as it does when the model was written
 * for another layout of the features (the tests catch that). */
#include "extract_int.h"
#include "speaker_model.h"

#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CANDS 48
#define MAX_FEATS 40    /* features of one candidate */
#define BACK_TOKENS 300 /* how far before a quote a name is looked for */
#define BACK_PARAS 4
#define NEXT_TOKENS 30   /* ... and after the attribution window, in its paragraph */
#define MAX_ROLE_KEYS 16 /* names a role word was given to, kept per quote */
#define ROLE_PARAS 3     /* how many paragraphs back "the president said" looks for its person */
#define PRONOUN_PARAS 2  /* and "he said" */
/* a quote this close after another, with no attribution, goes on in its voice */
#define CONTINUED_BYTES 100
/* ... or, with a sentence of attribution between, this close */
#define CONTINUED_MAX 300
/* the least confidence of a speaker (or none) found by the sentence readings below
 * (sentence_subject, previous_subject, named_after, byline_after; since, pronoun_subject,
 * same_voice, untagged_after, as_put_it, whose counts are in their commits): shown as certain; on
 * PolNeAR's training split they are right on 49 of 53 quotes whose gold speaker is known (the
 * sentence's subject 23 of 27, the unnamed subject 11 of 11, the name after the quote 7 of 7,
 * the byline 5 of 5, the sentence before 3 of 3) */
#define SUBJECT_CONFIDENCE 0.5f
/* how far before a quote its verb of saying may stand and still attribute it */
#define VERB_REACH 8
/* the longest phrase before a sentence's subject read as opening it (opening_phrase) */
#define OPENING_TOKENS 8
/* how many places and phrases of time set off by commas after it (pronoun_subject) */
#define OPENING_PARTS 3
/* how far before a quote "As X put it" opening its sentence is looked for */
#define AS_REACH 40

/* ---- the layout of the features ----------------------------------------------------- */

enum { R_BEFORE, R_AFTER, R_SENT, R_PARA1, R_PARA2, R_FAR, R_NEXT, REG_N };
enum { V_NONE, V_BEFORE, V_AFTER, V_APPOS, V_TELL, VADJ_N };
#define DIST_N 10
#define RANK_N 4
#define QV_N 3
#define PRANK_N 5
#define LAST_N 3
#define KIND_N 4
#define COUNT_N 3
#define BY_N 6
/* where a name stands against the quote's verb of saying, in its window */
enum { QR_NONE, QR_JUST_BEFORE, QR_APPOS, QR_BEFORE, QR_JUST_AFTER, QR_AFTER, QREL_N };
/* what stands next to the quote's verb in a subject's place */
enum { QS_NOVERB, QS_NAME, QS_PRON, QS_DEF, QS_INDEF, QS_BARE, QS_OTHER, QSUBJ_N };
/* what opens the sentence a quote is in: the quote itself, a pronoun, a name */
enum { QO_QUOTE, QO_PRON, QO_NAME, QO_OTHER, QOPEN_N };
/* a gendered pronoun for the quote's speaker against the gender the text gives a name */
enum { G_NONE, G_AGREE, G_DISAGREE, G_UNKNOWN, GENDER_N };
/* what follows a name: a title word, a lower-case word, a possessive */
enum { PM_NONE, PM_TITLE, PM_WORD, PM_POSS, POSTMOD_N };

/* template, its size */
#define SPEAKER_FEATURES(X)                                                                        \
    X(BIAS, 1)                                                                                     \
    X(REG_DIST, REG_N *DIST_N)                                                                     \
    X(REG_RANK, REG_N *RANK_N)                                                                     \
    X(REG_VADJ, REG_N *VADJ_N)                                                                     \
    X(REG_VADJ_QVERB, REG_N *VADJ_N)                                                               \
    X(REG_QV_PRON, REG_N *QV_N * 2)                                                                \
    X(REG_KIND, REG_N *KIND_N)                                                                     \
    X(REG_PREP, REG_N)                                                                             \
    X(REG_SSTART, REG_N)                                                                           \
    X(REG_POSTMOD, REG_N *POSTMOD_N)                                                               \
    X(QREL_SIDE_TELL, QREL_N * 3 * 2)                                                              \
    X(QREL_QSUBJ, QREL_N *QSUBJ_N)                                                                 \
    X(QREL_THAT, QREL_N)                                                                           \
    X(QREL_FIRST, QREL_N * 2)                                                                      \
    X(REG_FIRST, REG_N)                                                                            \
    X(QSUBJ_LAST, QSUBJ_N *LAST_N)                                                                 \
    X(QOPEN_PRANK, QOPEN_N *PRANK_N)                                                               \
    X(QOPEN_SRANK, QOPEN_N *PRANK_N)                                                               \
    X(QOPEN_REG_FIRST, QOPEN_N *REG_N * 2)                                                         \
    X(GENDER_QV, GENDER_N *QV_N)                                                                   \
    X(ROLE, 2)                                                                                     \
    X(ANTE_REG, 3 * REG_N)                                                                         \
    X(DASH, 2)                                                                                     \
    X(QREL_PREP, QREL_N)                                                                           \
    X(REG_APPOS, REG_N)                                                                            \
    X(REG_VBETWEEN, REG_N)                                                                         \
    X(REG_QSTART, REG_N * 2)                                                                       \
    X(LAST_QV_QSTART, LAST_N *QV_N * 2)                                                            \
    X(PRON_PRANK, 2 * PRANK_N)                                                                     \
    X(QV_PRANK, QV_N *PRANK_N)                                                                     \
    X(PRON_SRANK, 2 * PRANK_N)                                                                     \
    X(QV_SRANK, QV_N *PRANK_N)                                                                     \
    X(RULE, BY_N)                                                                                  \
    X(KIND_TITLED, KIND_N * 2)                                                                     \
    X(COUNT, COUNT_N)                                                                              \
    X(WEAK, 1)                                                                                     \
    X(LONG, 1)                                                                                     \
    X(PAREN, 1)

enum {
#define X(name, size) F_##name, F_##name##_END = F_##name + (size)-1,
    SPEAKER_FEATURES(X)
#undef X
        F_N
};

static const struct {
    const char *name;
    unsigned first, size;
} templates[] = {
#define X(name, size) {#name, F_##name, (size)},
    SPEAKER_FEATURES(X)
#undef X
};

size_t skein__speaker_nfeatures(void) { return F_N; }

void skein__speaker_feature_name(size_t f, char *buf, size_t n) {
    for (size_t i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
        if (f >= templates[i].first && f < templates[i].first + templates[i].size) {
            snprintf(buf, n, "%s[%zu]", templates[i].name, f - templates[i].first);
            return;
        }
    snprintf(buf, n, "?%zu", f);
}

/* A fingerprint of the layout: the templates' names and sizes. */
uint64_t skein__speaker_layout(void) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < sizeof(templates) / sizeof(templates[0]); i++) {
        for (const char *p = templates[i].name; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ templates[i].size) * 1099511628211ull;
    }
    return h;
}

/* ---- candidates ------------------------------------------------------------------------ */

typedef struct cand {
    int32_t m;
    uint8_t region, vadj, vadj_qverb, prep, sstart, postmod, appos, vbetween, paren;
    uint8_t qrel, thatcl, first, gender, role, count;
    uint8_t ante; /* 1: what "he said" points back to, 2: what "He ..." opening the sentence does,
                     3: not it */
    uint8_t dash; /* 1: right after the quote past a dash ("...” ― Martha Aguilar"), 2: before its
                     opening colon or dash */
    uint32_t dist;
    uint8_t rank, prank, srank, last;
    uint64_t key;
    uint16_t *f;
    size_t nf;
    float p;
} cand;

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

static uint64_t key_of(const mention *m) { return m->keys[m->nkeys ? m->nkeys - 1 : 0]; }

/* The W_* flags of token i, read once per text (prepare). */
static int wflags(const ctx *c, size_t i) { return c->x->wflags[i]; }

/* The bytes between token i - 1 and token i. */
static const char *gap(const ctx *c, size_t i, size_t *n) {
    size_t from = i ? c->t[i - 1].off + c->t[i - 1].len : 0, to = i < c->n ? c->t[i].off : c->len;
    *n = to > from ? to - from : 0;
    return c->s + from;
}

/* The set of bytes `chars` (a string constant of at most 12 characters, all
 * below 64) and NUL, as bits of one constant the compiler folds, so that
 * gap_has tests a bit per gap byte rather than calling strchr (which also
 * matches a NUL, hence bit 0). */
#define CHAR_BIT_AT(chars, k)                                                                      \
    ((k) + 1 < sizeof(chars) ? 1ull << ((chars)[(k) + 1 < sizeof(chars) ? (k) : 0] & 63) : 0)
#define CHAR_SET(chars)                                                                            \
    (1ull | CHAR_BIT_AT(chars, 0) | CHAR_BIT_AT(chars, 1) | CHAR_BIT_AT(chars, 2) |                \
     CHAR_BIT_AT(chars, 3) | CHAR_BIT_AT(chars, 4) | CHAR_BIT_AT(chars, 5) |                       \
     CHAR_BIT_AT(chars, 6) | CHAR_BIT_AT(chars, 7) | CHAR_BIT_AT(chars, 8) |                       \
     CHAR_BIT_AT(chars, 9) | CHAR_BIT_AT(chars, 10) | CHAR_BIT_AT(chars, 11))

/* Does the gap before token i hold a byte of `set` (CHAR_SET)? */
static int gap_has(const ctx *c, size_t i, uint64_t set) {
    size_t n;
    const unsigned char *g = (const unsigned char *)gap(c, i, &n);
    for (size_t k = 0; k < n; k++)
        if (g[k] < 64 && (set >> g[k] & 1)) return 1;
    return 0;
}

/* What a name's mention says apart from any quote: the verb of saying next
 * to it and how, whether it opens its sentence or is its first name, what
 * follows and precedes it, how often the article names it. */
typedef struct minfo {
    uint8_t vadj, sstart, postmod, first, appos, paren, prep, count;
    uint8_t person;         /* one of the name's mentions is a person's */
    int8_t gender, sgender; /* sgender: by "he" and "she" alone, in the text's language
                             * (gender_evidence) */
    uint32_t verb;
} minfo;

/* gap_has(c, i, CHAR_SET("\n")) for a text without a NUL, by one memchr
 * per newline rather than a look at every gap byte: *nl is the first newline
 * at or after *from, an earlier token's gap start (c->len for none). */
static int newline_before(const ctx *c, size_t i, size_t *nl, size_t *from) {
    size_t a = c->t[i - 1].off + c->t[i - 1].len, b = i < c->n ? c->t[i].off : c->len;
    if (b <= a) return 0;
    if (a < *from || *nl < a) {
        const char *q = memchr(c->s + a, '\n', c->len - a);
        *nl = q ? (size_t)(q - c->s) : c->len, *from = a;
    }
    return *nl < b;
}

/* Each token's paragraph and flags, into x->para and x->wflags; the count
 * of verbs of saying before each token, into x->verbs; what the text says
 * of each name's gender, into the mentions' minfo: a title ("Mr", "Mrs")
 * before a mention, and the first gendered pronoun after a person's mention
 * before the next person's ("Walsh, a former labor leader, ... But on
 * Sunday he ..."), summed over the name's mentions.  0 or -1. */
static int prepare(ctx *c) {
    skein__extractor *x = c->x;
    if (skein__grow((void **)&x->para, &x->para_cap, c->n + 1, sizeof(*x->para)) ||
        skein__grow((void **)&x->wflags, &x->wflags_cap, c->n + 1, sizeof(*x->wflags)) ||
        skein__grow((void **)&x->verbs, &x->verbs_cap, c->n + 1, sizeof(*x->verbs)))
        return -1;
    uint32_t p = 0, v = 0;
    size_t nl = 0, nl_from = SIZE_MAX;
    int no_nul = strnlen(c->s, c->len) == c->len;
    for (size_t i = 0; i < c->n; i++) {
        if (i && (no_nul ? newline_before(c, i, &nl, &nl_from) : gap_has(c, i, CHAR_SET("\n"))))
            p++;
        x->para[i] = p;
        if (!c->flags_ready) x->wflags[i] = skein__word_flags(c, i);
        x->verbs[i] = v;
        v += (x->wflags[i] & W_VERB) != 0;
    }
    x->verbs[c->n] = v;
    x->nminfo = SIZE_MAX; /* ensure_info runs for every text, names or none */
    return 0;
}

static const char *const word_he[] = {"he"}, *const word_she[] = {"she"},
                         *const word_him[] = {"him"}; /* word_in's lists */
static int word_in(const ctx *c, size_t i, const char *const *words, size_t n);
/* The rules that read English words ("As X put it", "-ly" adverbs, an object's
 * determiner after a verb) run on English text alone. */
static int english(const ctx *c) { return c->lang && !strcmp(c->lang, "en"); }

static int person(const mention *m) { return m->kind == SKEIN_KIND_PERSON || m->titled; }

/* The gender the text gives mention k itself (see prepare); into *strict, the same read by
 * the language's "he" or "she" alone (il/elle, он/она, ...), a possessive or an object being
 * as often someone else's ("with Mayor Marty Walsh by her side"). */
static int gender_evidence(const ctx *c, size_t k, int *strict) {
    const skein__extractor *x = c->x;
    const mention *m = &x->m[k];
    int g = 0, loose = 0;
    if (m->tok > 0) {
        int f = wflags(c, m->tok - 1);
        if (f & W_TITLE) g = (f & W_MALE) ? 2 : (f & W_FEMALE) ? -2 : 0;
    }
    *strict = g;
    size_t b = m->tok + m->ntok, next = b < c->n ? x->nextp[b] : c->n;
    for (size_t i = b; person(m) && i < next && i < b + 20 && x->para[i] == x->para[m->tok]; i++) {
        int f = wflags(c, i);
        if ((f & W_TITLE) || !(f & (W_MALE | W_FEMALE))) continue;
        int s = (f & W_MALE) ? 1 : -1;
        if (!loose) loose = s;
        if ((f & W_PRON) && !word_in(c, i, word_him, 1)) { /* the language's "he", "she" */
            *strict = g + s;
            break;
        }
    }
    return g + loose;
}

/* The gender the pronoun of a quote's attribution gives its speaker: 1
 * for "he", -1 for "she", 0 for none. */
static int quote_gender(const ctx *c, const rule_pick *r, size_t s0, int qopen, size_t *pron) {
    size_t v = r->verb, a = v < c->n ? (v > 2 ? v - 2 : 0) : c->n, b = v < c->n ? v + 2 : 0;
    *pron = c->n;
    for (size_t i = a; i < b && i < c->n; i++) {
        int f = wflags(c, i);
        if (f & W_PRON) *pron = i;
        if ((f & W_PRON) && (f & (W_MALE | W_FEMALE))) return (f & W_MALE) ? 1 : -1;
    }
    if (qopen == QO_PRON) {
        int f = wflags(c, s0);
        *pron = s0;
        return (f & W_MALE) ? 1 : (f & W_FEMALE) ? -1 : 0;
    }
    return 0;
}

/* The name a pronoun at token `pron` (gender g: 1 he, -1 she, 0 either)
 * points back to: the last person of a fitting gender in a subject's place
 * (opening a sentence, before a verb of saying, first named in a sentence)
 * within `paras` paragraphs before pron's, else the last person of a
 * fitting gender.  For a role word (`role`: "...,” the president said) only
 * a mention typed as a person counts (another mention of its name may be
 * typed so: Washington), and not one that modifies the word after it ("the
 * Russian president", "Putin's initiative"): that is no subject.  Its key,
 * or 0. */
static uint64_t antecedent(const ctx *c, size_t pron, int g, uint32_t paras, int role) {
    const skein__extractor *x = c->x;
    uint64_t any = 0;
    for (size_t i = x->nbytok; i-- > 0;) {
        const mention *m = &x->m[x->bytok[i]];
        const minfo *mi = &x->minfo[x->bytok[i]];
        if (m->tok >= pron || m->quoted || !mi->person) continue;
        if (x->para[pron] - x->para[m->tok] > paras) break;
        if (role && (m->kind != SKEIN_KIND_PERSON || mi->postmod != PM_NONE)) continue;
        if (g && mi->gender && mi->gender != g) continue;
        if (mi->sstart || mi->first || mi->vadj == V_AFTER || mi->vadj == V_APPOS) return key_of(m);
        if (!any) any = key_of(m);
    }
    return any;
}

/* What opens the sentence the quote is in (its first token into *s0). */
static int quote_opening(const ctx *c, size_t open_tok, size_t *s0) {
    *s0 = open_tok;
    if (open_tok == 0 || open_tok >= c->n || gap_has(c, open_tok, CHAR_SET(".!?\n")))
        return QO_QUOTE;
    size_t k = open_tok - 1;
    while (k > 0 && !(c->t[k].flags & SKEIN_TOK_SENT) && !gap_has(c, k, CHAR_SET("\n"))) k--;
    *s0 = k;
    if (wflags(c, k) & W_PRON) return QO_PRON;
    for (size_t j = c->m0; j < c->x->nm; j++) {
        const mention *m = &c->x->m[j];
        if (m->text_no == c->text_no && !m->quoted && m->tok <= k && k < m->tok + m->ntok)
            return QO_NAME;
    }
    return QO_OTHER;
}

static unsigned bucket(uint32_t d) {
    static const uint32_t upto[DIST_N - 1] = {0, 1, 2, 4, 7, 12, 20, 40, 80};
    for (unsigned i = 0; i < DIST_N - 1; i++)
        if (d <= upto[i]) return i;
    return DIST_N - 1;
}

/* A verb of saying next to mention m: before it ("said X", "told X"), after
 * it ("X said", "X has said"), or after an apposition or a parenthesis ("X,
 * the council's spokesperson, said"); the verb's token into *verb. */
static int verb_next_to(const ctx *c, const mention *m, size_t *verb) {
    size_t a = m->tok, b = m->tok + m->ntok;
    for (size_t k = a; k-- > 0 && k + 3 >= a;) {
        if (gap_has(c, k + 1, CHAR_SET(".!?;\n\""))) break;
        int f = wflags(c, k);
        if (f & (W_VERB | W_TELL)) return *verb = k, (f & W_TELL) ? V_TELL : V_BEFORE;
    }
    for (size_t k = b; k < c->n && k < b + 3; k++) {
        if (gap_has(c, k, CHAR_SET(",.!?;\n("))) break;
        if (wflags(c, k) & (W_VERB | W_TELL)) return *verb = k, V_AFTER;
    }
    if (b < c->n && gap_has(c, b, CHAR_SET(",("))) {
        for (size_t k = b + 1; k < c->n && k < b + 25; k++) {
            if (gap_has(c, k, CHAR_SET(".!?;\n"))) break;
            if (!gap_has(c, k, CHAR_SET(",)"))) continue;
            for (size_t j = k; j < c->n && j < k + 2; j++)
                if (wflags(c, j) & (W_VERB | W_TELL)) return *verb = j, V_APPOS;
        }
    }
    return V_NONE;
}

/* Does mention m open its sentence (title words before it count as its own)? */
static int opens_sentence(const ctx *c, const mention *m) {
    size_t k = m->tok;
    while (k > 0 && !gap_has(c, k, CHAR_SET(",.!?;:\n")) && (wflags(c, k - 1) & W_TITLE)) k--;
    return (c->t[k].flags & SKEIN_TOK_SENT) != 0;
}

static int possessive_after(const ctx *c, const mention *m) {
    const skein__tok *l = &c->t[m->tok + m->ntok - 1];
    size_t e = l->off + l->len;
    if (e + 1 < c->len && c->s[e] == '\'' && c->s[e + 1] == 's') return 1;
    return e + 3 < c->len && !memcmp(c->s + e, "\xE2\x80\x99s", 4);
}

/* Does mention m's last token end in a possessive of its own ("Clinton’s" as one token)? */
static int in_token_possessive(const ctx *c, const mention *m) {
    const skein__tok *l = &c->t[m->tok + m->ntok - 1];
    const char *e = c->s + l->off + l->len;
    return (l->len > 2 && e[-1] == 's' && e[-2] == '\'') ||
           (l->len > 4 && e[-1] == 's' && !memcmp(e - 4, "\xE2\x80\x99", 3));
}

/* What follows mention m: a title word ("South Carolina Gov."), a
 * lower-case word it modifies ("Sanders supporter", "Clinton campaign"), a
 * possessive ("Trump's"). */
static int post_modifier(const ctx *c, const mention *m) {
    if (possessive_after(c, m)) return PM_POSS;
    size_t b = m->tok + m->ntok;
    if (b >= c->n || gap_has(c, b, CHAR_SET(",.!?;:()\n\""))) return PM_NONE;
    int f = wflags(c, b);
    if (f & W_TITLE) return PM_TITLE;
    if (!(c->t[b].flags & (SKEIN_TOK_CAP | SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
        !(f & (W_VERB | W_TELL | W_PREP | W_THAT)))
        return PM_WORD;
    return PM_NONE;
}

/* Is there no punctuation between tokens a and b (a < b)? */
static int joined(const ctx *c, size_t a, size_t b) {
    for (size_t k = a + 1; k <= b; k++)
        if (gap_has(c, k, CHAR_SET(",.!?;:()\n\""))) return 0;
    return 1;
}

/* Is token i one of the words `words` (lower case, its normalised form)? */
static int word_in(const ctx *c, size_t i, const char *const *words, size_t n) {
    const char *w = c->pool + c->t[i].norm;
    size_t len = c->t[i].norm_len;
    for (size_t k = 0; k < n; k++)
        if (len == strlen(words[k]) && !memcmp(w, words[k], len)) return 1;
    return 0;
}

/* Is token i a verb by its form or an auxiliary ("has", "will", "also")?  The word lists know
 * only verbs of saying; "-ed", "-s" and "-ing" say enough of the rest. */
static int verb_form(const ctx *c, size_t i) {
    static const char *const aux[] = {"is",    "was",   "has",  "had",   "have",  "will",
                                      "would", "could", "can",  "may",   "might", "should",
                                      "must",  "did",   "does", "do",    "also",  "then",
                                      "later", "were",  "are",  "never", "still", "just"};
    if (i >= c->n || (c->t[i].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM))) return 0;
    const skein__tok *t = &c->t[i];
    if (t->len > 4 && !memcmp(c->s + t->off + t->len - 3, "ing", 3)) return 2;
    if ((wflags(c, i) & (W_VERB | W_TELL)) || skein__verb_like(c, i)) return 1;
    return word_in(c, i, aux, sizeof(aux) / sizeof(aux[0]));
}

/* Is mention m inside another's clause: a verb or a preposition before its phrase ("was close
 * to Deputy Mayor Ana Ruiz", "threw her weight behind Councillor Tom Berg", "referring to
 * Berg"), title words and capitalised words of its phrase passed over?  Not after a verb of
 * saying ("said Trump": the speaker may follow the verb), nor after a conjunction ("while Mike
 * Huckabee proposed"). */
static int in_object(const ctx *c, const mention *m) {
    static const char *const conj[] = {"and",     "but",    "while",    "as", "when",
                                       "because", "though", "although", "if", "after",
                                       "before",  "since",  "until"};
    size_t k = m->tok;
    while (k > 0 && !(c->t[k].flags & SKEIN_TOK_SENT) && joined(c, k - 1, k) &&
           ((wflags(c, k - 1) & (W_TITLE | W_DEF)) || (c->t[k - 1].flags & SKEIN_TOK_CAP)))
        k--;
    if (k == 0 || (c->t[k].flags & SKEIN_TOK_SENT) || !joined(c, k - 1, k) ||
        word_in(c, k - 1, conj, sizeof(conj) / sizeof(conj[0])))
        return 0;
    int f = wflags(c, k - 1);
    return !(f & W_VERB) && ((f & (W_PREP | W_TELL)) || verb_form(c, k - 1));
}

/* Where mention m stands against the quote's verb, if both are in one
 * attribution window [wa, wb). */
static int verb_relation(const ctx *c, const mention *m, const rule_pick *r, size_t wa, size_t wb,
                         size_t verb_of_m, int vadj) {
    size_t v = r->verb, a = m->tok, b = m->tok + m->ntok;
    if (v >= c->n || a < wa || b > wb || v < wa || v >= wb) return QR_NONE;
    if (b <= v) {
        if (v - b <= 2 && joined(c, b - 1, v)) return QR_JUST_BEFORE;
        return vadj == V_APPOS && verb_of_m == v ? QR_APPOS : QR_BEFORE;
    }
    return a - v <= 3 && joined(c, v, a) ? QR_JUST_AFTER : QR_AFTER;
}

/* Is there a "that" between the verb and mention m ("said that Trump...")? */
static int after_that(const ctx *c, const mention *m, size_t v) {
    if (v >= c->n || m->tok <= v) return 0;
    for (size_t k = v + 1; k < m->tok; k++)
        if (wflags(c, k) & W_THAT) return 1;
    return 0;
}

/* Is m the first name of its sentence (names in quotes left out)? */
static int first_in_sentence(const ctx *c, size_t k) {
    const mention *m = &c->x->m[k];
    size_t s0 = m->tok;
    while (s0 > 0 && !(c->t[s0].flags & SKEIN_TOK_SENT)) s0--;
    return c->x->mstarts[m->tok] == c->x->mstarts[s0];
}

/* Is token i a lower-case adverb ("angrily", "reportedly", "so", "also")? */
static int adverb(const ctx *c, size_t i) {
    static const char *const words[] = {"so",    "also",  "then", "later", "never", "still", "just",
                                        "often", "again", "now",  "once",  "even",  "first"};
    const skein__tok *t = &c->t[i];
    if (!english(c) || t->flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM) || wflags(c, i)) return 0;
    if (t->len > 4 && !memcmp(c->s + t->off + t->len - 2, "ly", 2)) return 1;
    return word_in(c, i, words, sizeof(words) / sizeof(words[0]));
}

/* Does only the rest of one sentence stand between quotes a and b, an attribution however
 * long ("“...,” said a dock worker who asked that his name be kept out of print for fear of
 * losing shifts. “...”"), at most CONTINUED_MAX bytes? */
static int one_sentence_between(const ctx *c, const qspan *a, const qspan *b) {
    if (b->open < a->close_end || b->open - a->close_end > CONTINUED_MAX) return 0;
    size_t from = tok_at(c, a->close_end), to = tok_at(c, b->open);
    for (size_t i = from + 1; i < to; i++)
        if (gap_has(c, i, CHAR_SET(".!?\n\""))) return 0;
    return 1;
}

/* What stands in a subject's place next to the quote's verb: a name, a
 * pronoun ("he said"), someone unnamed ("a source said", "officials
 * said", "the spokesman said"). */
static int verb_subject(const ctx *c, const rule_pick *r, size_t *head) {
    size_t v = r->verb;
    *head = c->n;
    if (v >= c->n) return QS_NOVERB;
    const skein__extractor *x = c->x;
    int before = v > 0 && joined(c, v - 1, v);
    size_t w = before ? v - 1 : v + 1; /* "X said", else "said X" */
    if (w >= c->n || (!before && !joined(c, v, w))) return QS_OTHER;
    /* adverbs between the subject and its verb: "she angrily said", "he so categorically
     * dismissed", "Trump reportedly told" */
    for (size_t i = 0;
         before && i < 2 && w > 0 && adverb(c, w) && joined(c, w - 1, w) &&
         (adverb(c, w - 1) || (wflags(c, w - 1) & W_PRON) || (c->t[w - 1].flags & SKEIN_TOK_CAP));
         i++)
        w--;
    /* "Asked a direct question about this, Clinton said, “...”": a phrase opening the
     * sentence, not "said a source" */
    if (!before && (c->t[v].flags & SKEIN_TOK_SENT) && (c->t[v].flags & SKEIN_TOK_CAP) &&
        (wflags(c, w) & W_INDEF))
        return QS_OTHER;
    for (size_t k = c->m0; k < x->nm; k++)
        if (x->m[k].text_no == c->text_no && x->m[k].tok <= w && w < x->m[k].tok + x->m[k].ntok)
            return QS_NAME;
    int f = wflags(c, w);
    if (f & W_PRON) return QS_PRON;
    if ((f & W_THAT) && !before) return QS_OTHER; /* "said that the rules ...": what was said */
    if ((f & (W_INDEF | W_DEF)) && !before && w + 1 < c->n && joined(c, w, w + 1))
        *head = w + 1; /* "said the expert" */
    if (f & W_INDEF) return QS_INDEF;
    if (f & W_DEF) return QS_DEF;
    if (c->t[w].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM | SKEIN_TOK_STOP)) return QS_OTHER;
    *head = w; /* "the expert noted" */
    /* a lower-case word: its determiner, a few words back */
    for (size_t k = w, i = 0; before && k-- > 0 && i < 4 && joined(c, k, k + 1); i++) {
        int g = wflags(c, k);
        if (g & W_INDEF) return QS_INDEF;
        if (g & W_DEF) return QS_DEF;
    }
    return QS_BARE;
}

/* "...," the video voice-over states; "...," the statement said: the
 * subject of the quote's verb after it is a thing or someone unnamed, a
 * definite article and one to four lower-case words that are no title, no
 * pronoun and no name.  Its last word's token (for role_holders), else
 * c->n. */
static size_t unnamed_subject(const ctx *c, const qspan *q, const rule_pick *r) {
    size_t v = r->verb, from = tok_at(c, q->close_end);
    if (r->verb_side != 1 || v >= c->n || v <= from || !joined(c, v - 1, v)) return c->n;
    const skein__extractor *x = c->x;
    for (size_t k = v, words = 0; k-- > from && words < 5 && joined(c, k, k + 1); words++) {
        int f = wflags(c, k);
        if (words && (f & W_DEF) && !(f & W_PRON)) return v - 1;
        if (f & (W_TITLE | W_PRON | W_VERB | W_TELL | W_DEF | W_INDEF | W_PREP | W_THAT) ||
            (c->t[k].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM)) || x->mstarts[k + 1] != x->mstarts[k])
            return c->n;
    }
    return c->n;
}

/* The names the role word at token `head` was given to before the quote
 * ("Sergei Ermakov, an expert at the RISS" ... "the expert noted"; "RT
 * analyst Feldman"), as keys into keys[] (at most MAX_ROLE_KEYS), places
 * left out; how many.  The last person (typed so) among them, else the last of them,
 * into *last (0 for none); whether one is a person, into *persons. */
static size_t role_holders(const ctx *c, size_t head, size_t open_tok, size_t back, uint64_t *keys,
                           uint64_t *last, int *persons) {
    const skein__extractor *x = c->x;
    uint64_t role = c->t[head].hash;
    size_t n = 0, last_tok = 0;
    *last = 0, *persons = 0;
    for (size_t j = c->m0; j < x->nm && n < MAX_ROLE_KEYS; j++) {
        const mention *m = &x->m[j];
        if (m->text_no != c->text_no || m->quoted || m->tok >= open_tok || m->place ||
            m->kind == SKEIN_KIND_PLACE)
            continue;
        size_t a = m->tok >= back ? m->tok - back : 0, b = SKEIN_MIN(c->n, m->tok + m->ntok + 8);
        for (size_t i = a; i < b; i++) {
            if (i >= m->tok && i < m->tok + m->ntok) continue;
            if (i > m->tok && gap_has(c, i, CHAR_SET(".!?;\n"))) break;
            if (i != head && c->t[i].hash == role) {
                keys[n++] = key_of(m);
                int who = m->kind == SKEIN_KIND_PERSON;
                if (who > *persons || (who == *persons && m->tok >= last_tok))
                    *last = key_of(m), last_tok = m->tok, *persons = who;
                break;
            }
        }
    }
    return n;
}

/* The minfo of every mention of the text, into x->minfo (again when names
 * were added since).  0 or -1. */
static int by_key(const void *a, const void *b, void *ud) {
    const mention *m = ud;
    uint64_t ka = key_of(&m[*(const uint32_t *)a]), kb = key_of(&m[*(const uint32_t *)b]);
    return ka < kb ? -1 : ka > kb;
}

static int by_tok(const void *a, const void *b, void *ud) {
    const mention *m = ud;
    uint32_t ta = m[*(const uint32_t *)a].tok, tb = m[*(const uint32_t *)b].tok;
    return ta < tb ? -1 : ta > tb;
}

static int ensure_info(ctx *c) {
    skein__extractor *x = c->x;
    if (x->nminfo == x->nm) return 0;
    if (skein__grow((void **)&x->minfo, &x->minfo_cap, x->nm + 1, sizeof(*x->minfo)) ||
        skein__grow((void **)&x->mstarts, &x->mstarts_cap, c->n + 1, sizeof(*x->mstarts)) ||
        skein__grow((void **)&x->nextp, &x->nextp_cap, c->n + 1, sizeof(*x->nextp)) ||
        skein__grow((void **)&x->order, &x->order_cap, x->nm + 1, sizeof(*x->order)) ||
        skein__grow((void **)&x->bytok, &x->bytok_cap, x->nm + 1, sizeof(*x->bytok)))
        return -1;
    /* unquoted names starting before each token; the next person's name from each */
    memset(x->mstarts, 0, (c->n + 1) * sizeof(*x->mstarts));
    for (size_t i = 0; i <= c->n; i++) x->nextp[i] = (uint32_t)c->n;
    for (size_t k = c->m0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        if (m->text_no != c->text_no || m->tok >= c->n) continue;
        if (!m->quoted) x->mstarts[m->tok + 1]++;
        if (person(m) && m->tok < x->nextp[m->tok]) x->nextp[m->tok] = m->tok;
    }
    for (size_t i = 1; i <= c->n; i++) x->mstarts[i] += x->mstarts[i - 1];
    for (size_t i = c->n; i-- > 0;)
        if (x->nextp[i + 1] < x->nextp[i]) x->nextp[i] = x->nextp[i + 1];
    for (size_t k = c->m0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        minfo *mi = &x->minfo[k];
        size_t a = m->tok, b = m->tok + m->ntok, verb = c->n;
        memset(mi, 0, sizeof(*mi));
        if (m->text_no != c->text_no) continue;
        mi->vadj = (uint8_t)verb_next_to(c, m, &verb);
        mi->verb = (uint32_t)verb;
        mi->prep = a > 0 && !gap_has(c, a, CHAR_SET(",.!?;:\n")) && (wflags(c, a - 1) & W_PREP);
        mi->sstart = (uint8_t)opens_sentence(c, m);
        mi->postmod = (uint8_t)post_modifier(c, m);
        mi->first = (uint8_t)first_in_sentence(c, k);
        mi->appos = b < c->n && gap_has(c, b, CHAR_SET(","));
        mi->paren = gap_has(c, a, CHAR_SET("("));
        int strict = 0;
        mi->gender = m->quoted ? 0 : (int8_t)gender_evidence(c, k, &strict);
        mi->sgender = m->quoted ? 0 : (int8_t)strict;
    }
    /* the text's mentions in the order of the text */
    x->nbytok = 0;
    for (size_t k = c->m0; k < x->nm; k++)
        if (x->m[k].text_no == c->text_no) x->bytok[x->nbytok++] = (uint32_t)k;
    qsort_r(x->bytok, x->nbytok, sizeof(*x->bytok), by_tok, x->m);
    /* per name (the article's mentions grouped by key): mentions, gender summed */
    for (size_t i = 0; i < x->nm; i++) x->order[i] = (uint32_t)i;
    qsort_r(x->order, x->nm, sizeof(*x->order), by_key, x->m);
    for (size_t a = 0, b; a < x->nm; a = b) {
        uint64_t key = key_of(&x->m[x->order[a]]);
        int g = 0, sg = 0, who = 0;
        for (b = a; b < x->nm && key_of(&x->m[x->order[b]]) == key; b++) {
            if (x->order[b] >= c->m0) g += x->minfo[x->order[b]].gender;
            if (x->order[b] >= c->m0) sg += x->minfo[x->order[b]].sgender;
            who |= person(&x->m[x->order[b]]);
        }
        size_t count = b - a;
        for (size_t i = a; i < b; i++) {
            if (x->order[i] < c->m0) continue;
            minfo *mi = &x->minfo[x->order[i]];
            mi->count = (uint8_t)(count <= 1 ? 0 : count <= 3 ? 1 : 2);
            mi->gender = (int8_t)(g > 0 ? 1 : g < 0 ? -1 : 0);
            mi->sgender = (int8_t)(sg > 0 ? 1 : sg < 0 ? -1 : 0);
            mi->person = (uint8_t)who;
        }
    }
    x->nminfo = x->nm;
    return 0;
}

/* Is there a dash (— – ―, or "-" alone) in bytes [from, the start of token t)? */
static int dash_between(const ctx *c, size_t from, size_t t) {
    size_t to = t < c->n ? c->t[t].off : c->len;
    for (size_t i = from; i < to; i++) {
        const unsigned char *p = (const unsigned char *)c->s + i;
        if (p[0] == 0xE2 && i + 2 < to && p[1] == 0x80 && p[2] >= 0x93 && p[2] <= 0x95) return 1;
        if (p[0] == '-' && (i == 0 || p[-1] == ' ') && i + 1 < to && p[1] == ' ') return 1;
    }
    return 0;
}

static int is_before(const cand *cd) { return cd->region != R_AFTER && cd->region != R_NEXT; }

static int nearer(const cand *a, const cand *b) { return a->dist < b->dist; }

/* The candidate of key `key` nearest before the quote; nc when none. */
static size_t nearest_before(const cand *cs, size_t nc, uint64_t key) {
    size_t found = nc;
    for (size_t i = 0; i < nc; i++)
        if (cs[i].key == key && is_before(&cs[i]) && (found == nc || nearer(&cs[i], &cs[found])))
            found = i;
    return found;
}

static int is_person(const skein__extractor *x, const cand *cd) { return x->minfo[cd->m].person; }

/* A person in a subject's place: opening the sentence or before a verb of saying. */
static int is_subject(const skein__extractor *x, const cand *cd) {
    return is_person(x, cd) && (cd->sstart || cd->vadj == V_AFTER || cd->vadj == V_APPOS);
}

/* Is cs[j] the nearest mention of its name in its region? (a name counts once) */
static int first_of_name(const cand *cs, size_t nc, size_t j) {
    for (size_t k = 0; k < nc; k++)
        if (k != j && cs[k].key == cs[j].key && cs[k].region == cs[j].region &&
            (nearer(&cs[k], &cs[j]) || (cs[k].dist == cs[j].dist && k < j)))
            return 0;
    return 1;
}

/* Is mention m a label that names no one but rides on the name before it: a party and state in
 * parentheses ("Tom Berg (D-Del.)", "(R-N.Y.)"), or a generational suffix the tagger named apart
 * ("Brent Hale III")? */
static int label_mention(const ctx *c, const mention *m) {
    static const char *const suffixes[] = {"ii", "iii", "iv", "jr", "sr"};
    const char *w = c->x->strings.buf + m->str;
    if (m->tok == 0) return 0;
    if (m->len >= 3 && m->len <= 14 && strchr("DRI", w[0]) && w[1] == '-' && w[2] >= 'A' &&
        w[2] <= 'Z') {
        for (size_t i = 3; i < m->len; i++) /* a state's name or its abbreviation */
            if (!((w[i] | 0x20) >= 'a' && (w[i] | 0x20) <= 'z') && w[i] != '.' && w[i] != ' ')
                return 0;
        return gap_has(c, m->tok, CHAR_SET("(")) && gap_has(c, m->tok + m->ntok, CHAR_SET(")"));
    }
    return m->ntok == 1 && (c->t[m->tok - 1].flags & SKEIN_TOK_CAP) &&
           !gap_has(c, m->tok, CHAR_SET(".!?;:()\n\"")) &&
           word_in(c, m->tok, suffixes, sizeof(suffixes) / sizeof(suffixes[0]));
}

/* The names quote q may be said by, described; how many into *n.  prev: the
 * speaker of the quote before, prev_near: whether that one is in the same
 * paragraph.  -1 on ENOMEM. */
static int candidates(ctx *c, const qspan *q, const rule_pick *r, int32_t prev, int prev_near,
                      size_t *n) {
    skein__extractor *x = c->x;
    size_t open_tok = tok_at(c, q->open), after_tok = tok_at(c, q->close_end);
    uint32_t qpara = open_tok < c->n ? x->para[open_tok] : (c->n ? x->para[c->n - 1] : 0);
    uint64_t prev_key = prev >= 0 ? key_of(&x->m[prev]) : 0;
    size_t nc = 0;
    if (skein__grow((void **)&x->cands, &x->cands_cap, MAX_CANDS, sizeof(*x->cands))) return -1;
    cand *cs = x->cands;
    for (size_t k = c->m0; k < x->nm; k++) {
        const mention *m = &x->m[k];
        if (m->text_no != c->text_no || m->quoted || label_mention(c, m)) continue;
        size_t a = m->tok, b = m->tok + m->ntok;
        cand cd;
        memset(&cd, 0, sizeof(cd));
        if (a >= after_tok) {
            if (a < r->after_to)
                cd.region = R_AFTER;
            else if (a < r->after_to + NEXT_TOKENS && x->para[a] == x->para[after_tok - 1])
                cd.region = R_NEXT;
            else
                continue;
            cd.dist = (uint32_t)(a - after_tok);
            cd.vbetween = x->verbs[a] > x->verbs[after_tok];
        } else if (b <= open_tok) {
            uint32_t back = qpara - x->para[a];
            if (a >= r->before_from)
                cd.region = R_BEFORE;
            else if (open_tok - a > BACK_TOKENS || back > BACK_PARAS)
                continue;
            else
                cd.region = back == 0 ? R_SENT : back == 1 ? R_PARA1 : back == 2 ? R_PARA2 : R_FAR;
            cd.dist = (uint32_t)(open_tok - b);
            cd.vbetween = x->verbs[open_tok] > x->verbs[b];
        } else {
            continue; /* inside the quote */
        }
        const minfo *mi = &x->minfo[k];
        size_t verb = mi->verb;
        cd.m = (int32_t)k;
        cd.key = key_of(m);
        cd.vadj = mi->vadj;
        cd.vadj_qverb = cd.vadj != V_NONE && verb == r->verb;
        cd.prep = mi->prep, cd.sstart = mi->sstart, cd.postmod = mi->postmod, cd.first = mi->first;
        cd.count = mi->count;
        if (r->verb_side == 1)
            cd.qrel = (uint8_t)verb_relation(c, m, r, after_tok, r->after_to, verb, cd.vadj);
        else if (r->verb_side == 2)
            cd.qrel = (uint8_t)verb_relation(c, m, r, r->before_from, open_tok, verb, cd.vadj);
        cd.thatcl = cd.qrel != QR_NONE && after_that(c, m, r->verb);
        cd.appos = mi->appos, cd.paren = mi->paren;
        cd.dash = cd.region == R_AFTER && cd.dist == 0 && dash_between(c, q->close_end, a) ? 1 : 0;
        cd.last = prev_key && cd.key == prev_key ? (prev_near ? 1 : 2) : 0;
        if (nc < MAX_CANDS) {
            cs[nc++] = cd;
        } else { /* keep the nearest */
            size_t far = 0;
            for (size_t i = 1; i < nc; i++)
                if (cs[i].dist > cs[far].dist) far = i;
            if (cs[far].dist > cd.dist) cs[far] = cd;
        }
    }
    /* ranks: distinct names nearer in the same region; people, and people in
     * a subject's place, between the name and the quote */
    uint8_t first[MAX_CANDS];
    for (size_t j = 0; j < nc; j++) first[j] = (uint8_t)first_of_name(cs, nc, j);
    for (size_t i = 0; i < nc; i++) {
        unsigned rank = 0, prank = 0, srank = 0;
        int before = is_before(&cs[i]);
        for (size_t j = 0; j < nc; j++) {
            if (cs[j].key == cs[i].key || !first[j]) continue;
            if (cs[j].region == cs[i].region && nearer(&cs[j], &cs[i])) rank++;
            if (!before || !is_before(&cs[j]) || x->m[cs[j].m].tok < x->m[cs[i].m].tok) continue;
            prank += is_person(x, &cs[j]);
            srank += is_subject(x, &cs[j]);
        }
        cs[i].rank = (uint8_t)SKEIN_MIN(rank, RANK_N - 1);
        cs[i].prank =
            (uint8_t)(before && is_person(x, &cs[i]) ? SKEIN_MIN(prank, PRANK_N - 2) : PRANK_N - 1);
        cs[i].srank = (uint8_t)(before && is_subject(x, &cs[i]) ? SKEIN_MIN(srank, PRANK_N - 2)
                                                                : PRANK_N - 1);
    }
    *n = nc;
    return 0;
}

/* The features of candidate cd of quote q, into f; how many. */
static size_t features(const ctx *c, const qspan *q, const rule_pick *r, unsigned qsubj,
                       unsigned qopen, const cand *cd, uint16_t *f) {
    const skein__extractor *x = c->x;
    const mention *m = &x->m[cd->m];
    size_t n = 0;
    unsigned reg = cd->region, qv = (unsigned)r->verb_side, pron = r->pron != 0;
    size_t k = q->open;
    while (k > 0 && (c->s[k - 1] == ' ' || c->s[k - 1] == '\t')) k--;
    unsigned qstart = k == 0 || c->s[k - 1] == '\n';
    unsigned kind = m->kind < KIND_N ? m->kind : 0;
    f[n++] = F_BIAS;
    f[n++] = (uint16_t)(F_REG_DIST + reg * DIST_N + bucket(cd->dist));
    f[n++] = (uint16_t)(F_REG_RANK + reg * RANK_N + cd->rank);
    f[n++] = (uint16_t)(F_REG_VADJ + reg * VADJ_N + cd->vadj);
    if (cd->vadj_qverb) f[n++] = (uint16_t)(F_REG_VADJ_QVERB + reg * VADJ_N + cd->vadj);
    f[n++] = (uint16_t)(F_REG_QV_PRON + (reg * QV_N + qv) * 2 + pron);
    f[n++] = (uint16_t)(F_REG_KIND + reg * KIND_N + kind);
    if (cd->prep) f[n++] = (uint16_t)(F_REG_PREP + reg);
    if (cd->sstart) f[n++] = (uint16_t)(F_REG_SSTART + reg);
    f[n++] = (uint16_t)(F_REG_POSTMOD + reg * POSTMOD_N + cd->postmod);
    unsigned tell = r->verb < c->n && (wflags(c, r->verb) & W_TELL);
    f[n++] = (uint16_t)(F_QREL_SIDE_TELL + (cd->qrel * 3 + qv) * 2 + tell);
    f[n++] = (uint16_t)(F_QREL_QSUBJ + cd->qrel * QSUBJ_N + qsubj);
    if (cd->thatcl) f[n++] = (uint16_t)(F_QREL_THAT + cd->qrel);
    f[n++] = (uint16_t)(F_QREL_FIRST + cd->qrel * 2 + cd->first);
    if (cd->first) f[n++] = (uint16_t)(F_REG_FIRST + reg);
    f[n++] = (uint16_t)(F_QSUBJ_LAST + qsubj * LAST_N + cd->last);
    f[n++] = (uint16_t)(F_QOPEN_PRANK + qopen * PRANK_N + cd->prank);
    f[n++] = (uint16_t)(F_QOPEN_SRANK + qopen * PRANK_N + cd->srank);
    f[n++] = (uint16_t)(F_QOPEN_REG_FIRST + (qopen * REG_N + reg) * 2 + cd->first);
    if (cd->gender != G_NONE) f[n++] = (uint16_t)(F_GENDER_QV + cd->gender * QV_N + qv);
    if (cd->role) f[n++] = (uint16_t)(F_ROLE + (cd->role == 2 || cd->role == 3));
    if (cd->ante) f[n++] = (uint16_t)(F_ANTE_REG + (cd->ante - 1) * REG_N + reg);
    if (cd->dash) f[n++] = (uint16_t)(F_DASH + cd->dash - 1);
    if (cd->prep) f[n++] = (uint16_t)(F_QREL_PREP + cd->qrel);
    if (cd->appos) f[n++] = (uint16_t)(F_REG_APPOS + reg);
    if (cd->vbetween) f[n++] = (uint16_t)(F_REG_VBETWEEN + reg);
    f[n++] = (uint16_t)(F_REG_QSTART + reg * 2 + qstart);
    f[n++] = (uint16_t)(F_LAST_QV_QSTART + (cd->last * QV_N + qv) * 2 + qstart);
    f[n++] = (uint16_t)(F_PRON_PRANK + pron * PRANK_N + cd->prank);
    f[n++] = (uint16_t)(F_QV_PRANK + qv * PRANK_N + cd->prank);
    f[n++] = (uint16_t)(F_PRON_SRANK + pron * PRANK_N + cd->srank);
    f[n++] = (uint16_t)(F_QV_SRANK + qv * PRANK_N + cd->srank);
    if (r->speaker == cd->m) f[n++] = (uint16_t)(F_RULE + (unsigned)r->by);
    f[n++] = (uint16_t)(F_KIND_TITLED + kind * 2 + (m->titled != 0));
    f[n++] = (uint16_t)(F_COUNT + cd->count);
    if (m->weak) f[n++] = F_WEAK;
    if (m->ntok > 1) f[n++] = F_LONG;
    if (cd->paren) f[n++] = F_PAREN;
    return n;
}

/* Is cd the name that ends the phrase right after the quote's verb, a few describing words
 * before it and no punctuation ("said undecided Republican voter Stephanie Hooton"): the
 * verb's subject, however its first word reads? */
static int heads_after_verb(const ctx *c, const rule_pick *r, const cand *cd) {
    const mention *m = &c->x->m[cd->m];
    size_t v = r->verb;
    if (r->verb_side != 1 || v >= c->n || m->tok <= v || m->tok > v + 5 || !joined(c, v, m->tok) ||
        cd->postmod == PM_POSS)
        return 0;
    for (size_t i = v + 1; i < m->tok; i++)
        if (wflags(c, i) & (W_VERB | W_TELL | W_PREP | W_THAT | W_PRON | W_INDEF | W_DEF))
            return 0; /* not "said a source close to Trump" */
    return 1;
}

/* The person a name chosen as speaker modifies, in one phrase with it:
 * "said Clinton ally James Carville", "Marquette pollster Charles
 * Franklin", "Clinton's top aide Jake Sullivan" (a possessive, a title or
 * lower-case words between, no punctuation), or a person's name right
 * after it, the two a title and a name ("said Senate Minority Whip Dick
 * Durbin").  The candidate's index: that
 * person's, else `best` itself. */
static size_t np_head(const ctx *c, const cand *cs, size_t nc, size_t best) {
    const skein__extractor *x = c->x;
    const mention *m = &x->m[cs[best].m];
    /* a title the tagger named apart from the person right after it: "said Senate
     * Minority Whip Dick Durbin", "said Alderman William D. Burns" */
    int run = cs[best].postmod == PM_NONE && !in_token_possessive(c, m); /* "Clinton’s" */
    if (cs[best].qrel == QR_NONE) return best;
    size_t end = m->tok + m->ntok, head = best;
    for (size_t i = 0; i < nc; i++) {
        const mention *h = &x->m[cs[i].m];
        if (h->tok < end || h->tok > end + 5 || (run && h->tok != end) ||
            h->kind != SKEIN_KIND_PERSON || cs[i].qrel == QR_NONE || !joined(c, end - 1, h->tok) ||
            x->verbs[h->tok] != x->verbs[end])
            continue;
        if (cs[best].qrel != QR_JUST_AFTER && cs[i].qrel != QR_JUST_BEFORE) continue;
        if (head == best || h->tok < x->m[cs[head].m].tok) head = i;
    }
    return head;
}

/* Does a sentence start at token i: a paragraph's first word, or a
 * capitalised one after a full stop that closes no title or initial ("Dr.",
 * "U.S.")?  The analyzer's sentence starts also come after colons and
 * quotation marks. */
static int sentence_starts(const ctx *c, size_t i) {
    if (i == 0 || gap_has(c, i, CHAR_SET("\n"))) return 1;
    return gap_has(c, i, CHAR_SET(".!?")) && (c->t[i].flags & SKEIN_TOK_CAP) &&
           !(wflags(c, i - 1) & W_TITLE) && c->t[i - 1].len >= 3;
}

/* Is token i a word opening a clause of its own after a comma ("while",
 * "but", "whereas", "although", "though")? */
static int clause_word(const ctx *c, size_t i) {
    static const char *const words[] = {"while", "but", "whereas", "although", "though"};
    const char *w = c->s + c->t[i].off;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (c->t[i].len == strlen(words[k]) && !memcmp(w, words[k], c->t[i].len)) return 1;
    return 0;
}

/* Is there a quotation mark in bytes [a, b)? ("...", “ ”, « ») */
static int quote_mark_between(const ctx *c, size_t a, size_t b) {
    for (size_t i = a; i < b && i < c->len; i++) {
        const unsigned char *p = (const unsigned char *)c->s + i;
        if (*p == '"') return 1;
        if (i + 2 < c->len && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x9C && p[2] <= 0x9F)
            return 1;
        if (i + 1 < c->len && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) return 1;
    }
    return 0;
}

/* Is the verb of saying after quote q its attribution: does the verb end
 * its clause ("Obama “felt ...” climate change, Axelrod said."), or the
 * quote end as one attributed after it does (ends_as_said), not as a
 * phrase taken into the sentence ("denounced them as “hurtful” and warned
 * of ...")? */
static int ends_as_said(const ctx *c, const qspan *q);
static int attributed_after(const ctx *c, const qspan *q, const rule_pick *r) {
    size_t v = r->verb;
    if (v + 1 >= r->after_to || gap_has(c, v + 1, CHAR_SET(".,;:!?\n"))) return 1;
    return ends_as_said(c, q);
}

/* Does quote q end as one attributed after it does: on a comma, "!", "?" or
 * a dash inside its closing mark, or a comma after it ("“...,” X said")? */
static int ends_as_said(const ctx *c, const qspan *q) {
    size_t k = q->close;
    while (k > q->open_end && (c->s[k - 1] == ' ' || c->s[k - 1] == '\t')) k--;
    if (k > q->open_end && strchr(",!?-", c->s[k - 1])) return 1;
    if (k >= q->open_end + 3 && (unsigned char)c->s[k - 3] == 0xE2 &&
        (unsigned char)c->s[k - 2] == 0x80 && (unsigned char)c->s[k - 1] >= 0x93 &&
        (unsigned char)c->s[k - 1] <= 0x95)
        return 1;
    return q->close_end < c->len && c->s[q->close_end] == ',';
}

/* Does another subject's clause stand in tokens [from, to): a verb of
 * saying by another name than `key` ("Ted Cruz accuses Obama of “...” and
 * Donald Trump says he's “...”", "Trump, Sexton said, has created a “...”";
 * not by an object, "denounced Trump's remarks as"), by a pronoun
 * ("AT&T just finished ..., she said, to “...”"), or a word opening a
 * clause of its own ("..., while Mike Huckabee proposed “...”", "..., but
 * by Sunday the speech had been reframed to “...”")?  With g (1 "he", -1 "she"), that
 * pronoun is the subject `key` names again, no other ("Brandvold named the ports he said
 * had shipped arms": pronoun_subject), else 0. */
static int other_subject(const ctx *c, const cand *cs, size_t nc, uint64_t key, int g, size_t from,
                         size_t to) {
    const skein__extractor *x = c->x;
    for (size_t i = 0; i < nc; i++) {
        uint32_t v = x->minfo[cs[i].m].verb;
        const mention *o = &x->m[cs[i].m];
        if (cs[i].key != key && cs[i].vadj == V_AFTER && v >= from && v < to &&
            cs[i].postmod != PM_POSS &&
            !(o->tok > from && joined(c, o->tok - 1, o->tok) &&
              !(c->t[o->tok - 1].flags & SKEIN_TOK_CAP) && !(wflags(c, o->tok - 1) & W_THAT)))
            return 1;
    }
    for (size_t i = from + 1; i < to; i++)
        if ((wflags(c, i) & (W_VERB | W_TELL)) && (wflags(c, i - 1) & W_PRON) &&
            joined(c, i - 1, i) && !(wflags(c, i - 1) & W_DEF) &&
            !(g && word_in(c, i - 1, g > 0 ? word_he : word_she, 1)))
            return 1;
    for (size_t i = from; i < to; i++)
        if ((gap_has(c, i, CHAR_SET(",;")) || i == from) && clause_word(c, i)) return 1;
    return 0;
}

/* Is token i a noun that makes a name before it the name of the speaker
 * ("the Clinton campaign", "Ryan's office": a body's head noun)? */
static int org_head(const ctx *c, size_t i) {
    static const char *const heads[] = {"campaign", "camp",  "team",      "administration",
                                        "office",   "staff", "government"};
    if (i >= c->n) return 0;
    if (wflags(c, i) & W_ORG) return 1;
    const char *w = c->s + c->t[i].off;
    for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
        if (c->t[i].len == strlen(heads[k]) && !memcmp(w, heads[k], c->t[i].len)) return 1;
    return 0;
}

/* The first token at or after i that is a word, not the "s" of a possessive. */
static size_t word_after(const ctx *c, size_t i) {
    while (i < c->n && c->t[i].len <= 2 && c->s[c->t[i].off + c->t[i].len - 1] == 's') i++;
    return i;
}

/* A person's name right after quote q, before a verb the word lists do not
 * hold as one of saying, the quote opening its sentence (the caller sees
 * to that) and ending as one attributed after it does
 * ("“It happens, doesn't it?” Halloran went on", "“Is that final?”
 * Mercado pressed"): the candidate's index, else nc.  Not a name
 * modifying a plural noun ("“...!” Lentz supporters chanted"). */
static size_t named_after(const ctx *c, const qspan *q, const cand *cs, size_t nc) {
    const skein__extractor *x = c->x;
    if (!ends_as_said(c, q)) return nc;
    for (size_t i = 0; i < nc; i++) {
        const mention *m = &x->m[cs[i].m];
        size_t w = m->tok + m->ntok;
        if (cs[i].region != R_AFTER || cs[i].dist != 0 || !x->minfo[cs[i].m].person ||
            m->kind == SKEIN_KIND_PLACE || cs[i].postmod != PM_WORD || w >= c->n)
            continue;
        const skein__tok *t = &c->t[w];
        if (skein__verb_like(c, w) || c->s[t->off + t->len - 1] != 's') return i;
    }
    return nc;
}

/* "“...?” a reporter can be heard asking Trump", "“...,” a welcome message on the website
 * reads", "“...!” some protesters chanted", "“...,” reads a Wednesday editorial in ...": right
 * after quote q (a comma at most between), a phrase opened by "a", "one", "some" (maybe after
 * the verb), no punctuation in it, and a verb within eight words: someone unnamed says it. */
static int unnamed_after(const ctx *c, const qspan *q) {
    if (!ends_as_said(c, q)) return 0;
    size_t t = tok_at(c, q->close_end);
    if (t + 1 >= c->n) return 0;
    for (size_t i = q->close_end; i < c->t[t].off; i++)
        if (c->s[i] != ' ' && c->s[i] != ',') return 0;
    if (verb_form(c, t) == 1 && joined(c, t, t + 1)) t++; /* "reads a ..." */
    if (!(wflags(c, t) & W_INDEF) || (c->t[t].flags & SKEIN_TOK_CAP)) return 0;
    for (size_t i = t + 1; i < c->n && i <= t + 8; i++) {
        if (!joined(c, i - 1, i)) return 0;
        if (verb_form(c, i) == 1 || (wflags(c, i) & (W_VERB | W_TELL))) return 1;
    }
    return 0;
}

/* The nearest candidate that is a person's name ending in the word at token t, else nc. */
static size_t surname_at(const ctx *c, const cand *cs, size_t nc, size_t t) {
    const skein__extractor *x = c->x;
    const skein__tok *w = &c->t[t];
    size_t found = nc;
    for (size_t i = 0; i < nc; i++) {
        const mention *m = &x->m[cs[i].m];
        const skein__tok *l = &c->t[m->tok + m->ntok - 1];
        if (!x->minfo[cs[i].m].person || m->kind == SKEIN_KIND_PLACE || l->len != w->len ||
            memcmp(c->s + l->off, c->s + w->off, w->len))
            continue;
        if (found == nc || nearer(&cs[i], &cs[found])) found = i;
    }
    return found;
}

/* "“..., ” Trump said" where the tagger named no one after the closing mark (a word opening
 * a sentence after a straight mark reads as no name): capitalised words right after quote q
 * and before its verb of saying, none of them a name or a word the lists know, the last one
 * spelt as the last word of a person's name the text gives elsewhere.  That name's nearest
 * candidate, else nc. */
static size_t untagged_after(const ctx *c, const qspan *q, const rule_pick *r, const cand *cs,
                             size_t nc) {
    const skein__extractor *x = c->x;
    size_t v = r->verb, a = tok_at(c, q->close_end);
    if (r->verb_side != 1 || v >= c->n || v <= a || v - a > 3 || !ends_as_said(c, q) ||
        x->mstarts[v] != x->mstarts[a] || !joined(c, a, v))
        return nc;
    for (size_t i = a; i < v; i++)
        if (!(c->t[i].flags & SKEIN_TOK_CAP) || wflags(c, i)) return nc;
    return surname_at(c, cs, nc, v - 1);
}

/* "As Ada Brandt, the council's deputy leader, put it: “...”", "As the Herald's Joan
 * Pike puts it, the mayor wants the board “...”": a sentence opened by "as", a
 * name (the person after it when it is a possessor) and, before the quote that opens at
 * token open_tok, its verb of saying or "put it"; that name's candidate, else nc. */
static size_t as_put_it(const ctx *c, size_t open_tok, const cand *cs, size_t nc) {
    static const char *const as[] = {"as"}, *const put[] = {"put", "puts"}, *const it[] = {"it"};
    const skein__extractor *x = c->x;
    if (!english(c) || open_tok == 0 || open_tok >= c->n) return nc;
    /* a capitalised "As" not far back first (cheap), then that it opens the quote's sentence */
    size_t s0 = c->n;
    for (size_t i = open_tok; i-- > 0 && i + AS_REACH >= open_tok;)
        if ((c->t[i].flags & SKEIN_TOK_CAP) && word_in(c, i, as, 1)) {
            s0 = i;
            break;
        }
    if (s0 == c->n || !sentence_starts(c, s0)) return nc;
    for (size_t i = s0 + 1; i < open_tok; i++)
        if (sentence_starts(c, i)) return nc;
    size_t found = nc;
    for (size_t i = 0; i < nc; i++) {
        const mention *m = &x->m[cs[i].m];
        if (m->tok > s0 && m->tok <= s0 + 3 && (found == nc || m->tok < x->m[cs[found].m].tok))
            found = i;
    }
    if (found == nc || x->m[cs[found].m].kind == SKEIN_KIND_PLACE) return nc;
    if (cs[found].postmod == PM_POSS || in_token_possessive(c, &x->m[cs[found].m])) {
        /* "The Post's Ruth Marcus" */
        size_t e = x->m[cs[found].m].tok + x->m[cs[found].m].ntok, holder = nc;
        for (size_t i = 0; i < nc; i++)
            if (x->m[cs[i].m].tok >= e && x->m[cs[i].m].tok <= e + 2 && x->minfo[cs[i].m].person)
                holder = i;
        if (holder == nc) return nc;
        found = holder;
    }
    const minfo *mi = &x->minfo[cs[found].m];
    if (mi->verb < open_tok && (mi->vadj == V_AFTER || mi->vadj == V_APPOS)) return found;
    for (size_t i = x->m[cs[found].m].tok + 1; i + 1 < open_tok && i < s0 + 16; i++)
        if (word_in(c, i, put, 2) && word_in(c, i + 1, it, 1)) return found;
    return nc;
}

/* A quote ending its paragraph, the next one a dash and a person's name
 * ("“...”\n\n- Sanders.", "“...”\n\n— President Obama, tweeting after the
 * speech."): a byline saying who said it.  The name's mention, else -1. */
static int32_t byline_after(const ctx *c, const qspan *q) {
    const skein__extractor *x = c->x;
    size_t i = q->close_end;
    while (i < c->len && (c->s[i] == ' ' || c->s[i] == '\t' || c->s[i] == '.')) i++;
    if (i >= c->len || c->s[i] != '\n') return -1;
    while (i < c->len && (c->s[i] == '\n' || c->s[i] == ' ' || c->s[i] == '\t')) i++;
    const unsigned char *p = (const unsigned char *)c->s + i;
    if (i < c->len && *p == '-')
        i++;
    else if (i + 2 < c->len && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x93 && p[2] <= 0x95)
        i += 3;
    else
        return -1;
    size_t t = tok_at(c, i);
    for (size_t j = 0; j < x->nbytok; j++) {
        const mention *m = &x->m[x->bytok[j]];
        if (m->tok < t) continue;
        if (m->tok > t + 2 || m->quoted ||
            (m->kind != SKEIN_KIND_PERSON && !x->minfo[x->bytok[j]].person))
            return -1;
        for (size_t k = t; k < m->tok; k++) /* only title words before it */
            if (!(wflags(c, k) & W_TITLE)) return -1;
        return (int32_t)x->bytok[j];
    }
    return -1;
}

enum { SUBJ_NONE, SUBJ_NAMED, SUBJ_UNNAMED };

/* Who is the subject of the sentence quote q stands inside of (of its clause opened by
 * "while", "but", ... after a comma, when the quote stands in one), the quote
 * having no attribution of its own (none after it, "according to" or a
 * role before it; it does not open the sentence; no other quote stands
 * between the sentence's start and it, a title in quotation marks may; no
 * other subject's clause, as other_subject says):
 *   - SUBJ_NAMED, the candidate into *who: the person or body whose name
 *     opens the sentence, title words and places before it ("Tom Berg
 *     accuses the board of “...”", "Ohio Councillor Tom Berg said he would
 *     make the port “...”", "The Dockers' Union has asked the council to
 *     “...”"), or the person it modifies ("Berg's lawyer, Ada Brandt, said
 *     the claim was “...”", "Berg adviser Joan Pike said the councillor's
 *     “...”");
 *   - SUBJ_UNNAMED: someone unnamed, a sentence opening on "a", "one",
 *     "some" ("A spokeswoman for the committee emailed reporters, arguing
 *     “...”") or a name modifying a plural noun that is no body's head,
 *     before a verb ("Sanders protesters interrupted her, shouting “...”",
 *     as PolNeAR has them);
 *   - SUBJ_NONE: no such reading; the model's choice stands. */
static int subject_of(const ctx *c, const cand *cs, size_t nc, size_t s0, size_t open_tok, int g,
                      size_t *who);

/* Does token i open a phrase of time, place or circumstance before a
 * sentence's subject ("In ..., X said", "While ..., X said", "Asked ..., X
 * said")?  Not "To X, Y is ...", "As X put it," nor "According to X,". */
static int intro_word(const ctx *c, size_t i) {
    static const char *const words[] = {"in",     "on",      "at",    "during",   "after",
                                        "before", "while",   "when",  "although", "though",
                                        "since",  "despite", "asked", "speaking", "responding",
                                        "later",  "earlier"};
    const char *w = c->pool + c->t[i].norm;
    size_t n = c->t[i].norm_len;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
        if (n == strlen(words[k]) && !memcmp(w, words[k], n)) return 1;
    return 0;
}

/* Is a place's name all of a phrase set off by commas from token t ("..., Delaware, on
 * Friday"), not the start of a subject's ("..., Ohio builder Carl Brandvold said")? */
static int place_at(const ctx *c, const cand *cs, size_t nc, size_t t) {
    for (size_t i = 0; i < nc; i++) {
        const mention *m = &c->x->m[cs[i].m];
        size_t e = m->tok + m->ntok;
        if (m->tok == t && (m->place || m->kind == SKEIN_KIND_PLACE) && e < c->n &&
            gap_has(c, e, CHAR_SET(",")))
            return 1;
    }
    return 0;
}

/* Does the sentence of tokens [s0, e) open on a phrase before its subject: one opened by an
 * intro_word, or a short one up to a comma with no name, verb of saying, participle or pronoun
 * in it ("Only last spring, Ohio builder Carl Brandvold voiced alarm ... “...,” he
 * told")?  (For pronoun_subject; sentence_subject keeps to intro_word: no gain there on
 * PolNeAR's training split.) */
static int opening_phrase(const ctx *c, size_t s0, size_t e) {
    if (intro_word(c, s0)) return 1;
    for (size_t t = s0; t < e && t < s0 + OPENING_TOKENS; t++) {
        if (t > s0 && gap_has(c, t, CHAR_SET(","))) return 1;
        if (t > s0 && gap_has(c, t, CHAR_SET(".!?;:()\n\""))) return 0;
        if (c->x->mstarts[t + 1] != c->x->mstarts[t] || verb_form(c, t) == 2 ||
            (wflags(c, t) & (W_VERB | W_TELL | W_PRON | W_THAT)))
            return 0;
    }
    return 0;
}

/* A quote opening its sentence with no attribution at all, right after a
 * sentence of its paragraph that holds a verb of saying and no quote ("Sam
 * Lau, the party's spokesman, said in a statement. “...”"): that
 * sentence's subject, as sentence_subject reads it. */
static int previous_subject(const ctx *c, const qspan *q, const cand *cs, size_t nc,
                            size_t open_tok, size_t *who) {
    if (open_tok < 2 || gap_has(c, open_tok, CHAR_SET("\n")) ||
        !gap_has(c, open_tok, CHAR_SET(".!?:")))
        return SUBJ_NONE;
    size_t s0 = open_tok - 1;
    while (s0 > 0 && !sentence_starts(c, s0)) s0--;
    if (c->x->verbs[open_tok] == c->x->verbs[s0] || quote_mark_between(c, c->t[s0].off, q->open))
        return SUBJ_NONE;
    return subject_of(c, cs, nc, s0, open_tok, 0, who);
}

/* Is token i inside one of quotes spans[0..k) (the quotes before the current one)? */
static int in_quotes(const ctx *c, const qspan *spans, size_t k, size_t i) {
    size_t off = c->t[i].off;
    for (size_t j = k; j-- > 0;)
        if (off >= spans[j].open && off < spans[j].close_end) return 1;
    return 0;
}

/* Does the sentence of tokens [s0, e) open on "he" (g 1) or "she" (g -1), maybe after a
 * conjunction and a short phrase of time ("He then ...", "But on Sunday he ...")? */
static int pronoun_opens(const ctx *c, size_t s0, size_t e, int g) {
    static const char *const conj[] = {"but", "and", "so", "yet", "then", "still"};
    size_t to = word_in(c, s0, conj, sizeof(conj) / sizeof(conj[0])) ? s0 + 4 : s0 + 1;
    for (size_t i = s0; i < e && i < to; i++) {
        if (i > s0 && (gap_has(c, i, CHAR_SET(",;:")) || verb_form(c, i))) return 0;
        if (word_in(c, i, g > 0 ? word_he : word_she, 1)) return 1;
        if (c->x->mstarts[i + 1] != c->x->mstarts[i]) return 0; /* a name first */
    }
    return 0;
}

/* The gender of "he" or "she" as the subject of the sentence of tokens [s0, open_tok) a quote
 * stands in: opening it ("She followed that by saying “...”") or right after its opening
 * phrase ("On CBS the day before, she stated, “...”"), which may name a place or a show when a
 * preposition opens it ("On the Harbor Hour on Tuesday, she replied ..."); 0 for none. */
static int sentence_pronoun(const ctx *c, size_t s0, size_t open_tok) {
    if (pronoun_opens(c, s0, open_tok, 1)) return 1;
    if (pronoun_opens(c, s0, open_tok, -1)) return -1;
    int intro = intro_word(c, s0); /* names in a phrase of time or place: no subjects */
    for (size_t t = s0 + 1; t + 1 < open_tok; t++) {
        if ((!intro && c->x->mstarts[t] != c->x->mstarts[s0]) ||
            gap_has(c, t, CHAR_SET(".!?;:\n\"")))
            return 0;
        if (!gap_has(c, t, CHAR_SET(","))) continue;
        if (!verb_form(c, t + 1) || !joined(c, t, t + 1)) return 0;
        return word_in(c, t, word_he, 1) ? 1 : word_in(c, t, word_she, 1) ? -1 : 0;
    }
    return 0;
}

/* Is the name of key `key` the one the quote's verb of telling is said to ("“...,” he told
 * Hannity": whoever "he" is, not Hannity)? */
static int told_object(const ctx *c, const rule_pick *r, uint64_t key) {
    const skein__extractor *x = c->x;
    size_t v = r->verb;
    if (v >= c->n || !(wflags(c, v) & W_TELL)) return 0;
    for (size_t j = 0; j < x->nbytok; j++) {
        const mention *m = &x->m[x->bytok[j]];
        if (m->tok > v && m->tok <= v + 2 && key_of(m) == key && joined(c, v, m->tok)) return 1;
    }
    return 0;
}

/* Is "he" (g 1) or "she" (g -1) among the words of its sentence before quote q (twelve at
 * most) or the few after it, the pronoun that attributes it ("he said introducing Clinton as a
 * “...”", "“...,” he said")? */
static int pronoun_near(const ctx *c, const qspan *q, int g) {
    size_t a = tok_at(c, q->open), b = tok_at(c, q->close_end);
    for (size_t i = a; i-- > 0 && i + 12 >= a && !gap_has(c, i + 1, CHAR_SET(".!?\n"));)
        if (word_in(c, i, g > 0 ? word_he : word_she, 1)) return 1;
    for (size_t i = b; i < c->n && i < b + 3; i++)
        if (word_in(c, i, g > 0 ? word_he : word_she, 1)) return 1;
    return 0;
}

/* The sentence at token s0 lies in the quote just before quote k, whose speaker `prev` a
 * pronoun gave ("“...,” he said introducing Clinton as a “... grit.” ¶ “...!” he told the
 * cheering crowd"): the same pronoun goes on meaning the same person, unless the text says
 * that person is of the other gender.  SUBJ_NAMED with prev's nearest candidate before the
 * quote into *who, else SUBJ_NONE.  (prev_by: how prev was found; the quote itself may be
 * past those an article keeps.) */
static int same_voice(const ctx *c, const qspan *spans, size_t k, const cand *cs, size_t nc,
                      size_t s0, int32_t prev, int prev_by, int g, size_t *who) {
    const skein__extractor *x = c->x;
    if (k == 0 || prev < 0 || prev_by != SKEIN_BY_PRONOUN || c->t[s0].off < spans[k - 1].open ||
        c->t[s0].off >= spans[k - 1].close_end || x->minfo[prev].sgender == -g ||
        !pronoun_near(c, &spans[k - 1], g))
        return SUBJ_NONE;
    size_t found = nearest_before(cs, nc, key_of(&x->m[prev]));
    if (found == nc) return SUBJ_NONE;
    *who = found;
    return SUBJ_NAMED;
}

/* "...,” he said, the quote opening its sentence (or "He adds, “...”"): whom the pronoun
 * (gender g) points back to is the subject of the last sentence before it that names its
 * subject, sentences opened by the same pronoun passed over, after an opening phrase too
 * ("However, he ...", "When the host asked Ruiz ..., he ..."), none of them a quote ("Pike, a
 * former union organiser, was close to Deputy Mayor Ana Ruiz. On Sunday he at last backed
 * Berg in public. “...,” he said": Pike, not Ruiz), within PRONOUN_PARAS paragraphs.  A place
 * or phrase of time set off by commas after the opening phrase is passed over ("At a rally in
 * Dover, Delaware, on Friday, Pike ..."), and the same pronoun later in the sentence is its
 * subject again ("Pike named the ports he said had ...").  SUBJ_NAMED with the candidate into *who
 * when it is a person of no other gender; else SUBJ_NONE. */
static int pronoun_subject(const ctx *c, const qspan *spans, size_t k, const cand *cs, size_t nc,
                           size_t end, int g, int32_t prev, int prev_by, size_t *who) {
    const skein__extractor *x = c->x;
    size_t open_tok = tok_at(c, spans[k].open);
    if (open_tok >= c->n) return SUBJ_NONE;
    uint32_t para = x->para[open_tok];
    while (end > 0) {
        size_t s0 = end - 1;
        while (s0 > 0 && !sentence_starts(c, s0)) s0--;
        if (para - x->para[s0] > PRONOUN_PARAS) return SUBJ_NONE;
        if (in_quotes(c, spans, k, s0)) /* a quote's own attribution */
            return same_voice(c, spans, k, cs, nc, s0, prev, prev_by, g, who);
        if (pronoun_opens(c, s0, end, g)) {
            end = s0;
            continue;
        }
        size_t i = nc;
        int reading = subject_of(c, cs, nc, s0, end, g, &i);
        int opening = reading == SUBJ_NONE && opening_phrase(c, s0, end);
        /* the clause after the opening phrase; a place or a phrase of time set off by commas
         * within it passed over ("At a meeting in Dover, Delaware, on Friday, Pike ...") */
        int same = 0; /* the clause's subject is the quote's pronoun: "When ..., he ..." */
        for (size_t t = s0 + 1, parts = 0; opening && t < end && parts < OPENING_PARTS; t++) {
            if (!gap_has(c, t, CHAR_SET(","))) continue;
            if (place_at(c, cs, nc, t) || (!(c->t[t].flags & SKEIN_TOK_CAP) && intro_word(c, t))) {
                parts++;
                continue;
            }
            if (c->t[t].flags & SKEIN_TOK_CAP) reading = subject_of(c, cs, nc, t, end, g, &i);
            same = word_in(c, t, g > 0 ? word_he : word_she, 1);
            break;
        }
        if (same) {
            end = s0;
            continue;
        }
        if (reading != SUBJ_NAMED || !x->minfo[cs[i].m].person || cs[i].prep ||
            in_object(c, &x->m[cs[i].m]) || x->m[cs[i].m].kind == SKEIN_KIND_ORG ||
            x->minfo[cs[i].m].sgender == -g)
            return SUBJ_NONE;
        *who = i;
        return SUBJ_NAMED;
    }
    return SUBJ_NONE;
}

static int sentence_subject(const ctx *c, const qspan *spans, size_t k, const rule_pick *r,
                            const cand *cs, size_t nc, size_t open_tok, size_t *who) {
    const qspan *q = &spans[k];
    if ((r->verb_side == 1 && attributed_after(c, q, r)) || open_tok == 0 || r->according ||
        r->role < c->n)
        return SUBJ_NONE;
    size_t s0 = open_tok - 1;
    while (s0 > 0 && !sentence_starts(c, s0)) s0--;
    /* another quote of the sentence before it has its own attribution; a title or a word in
     * quotation marks, which is no quote ("visited NBC’s “Today”"), has none */
    if (k > 0 && spans[k - 1].close_end > c->t[s0].off) return SUBJ_NONE;
    /* the quote in a clause of its own after a comma ("Ruiz signed the order, while Hal
     * Denning, the former mayor, proposed we “...”"): that clause's subject, not the
     * sentence's; not a clause a lone comma closed before the quote ("Berg told reporters,
     * while Ruiz listened, that ...") */
    for (size_t t = open_tok, commas = 0; t-- > s0 + 1;) {
        if (!gap_has(c, t, CHAR_SET(",;"))) continue;
        if (commas % 2 == 0 && clause_word(c, t) && t + 1 < open_tok &&
            (c->t[t + 1].flags & SKEIN_TOK_CAP))
            return subject_of(c, cs, nc, t + 1, open_tok, 0, who);
        commas++;
    }
    int reading = subject_of(c, cs, nc, s0, open_tok, 0, who);
    if (reading != SUBJ_NONE || !intro_word(c, s0)) return reading;
    /* after an opening phrase, the first clause of its own: "On the road, Pike calls the
     * board “...”", "While not every claim Berg makes holds up, Brandt said Berg is
     * “...”"; past a second opening phrase too ("On Thursday, after keeping out of it
     * ..., Ruiz appeared ... and backed Berg, saying, “...”") */
    for (size_t t = s0 + 1, phrases = 1; t < open_tok; t++) {
        if (!gap_has(c, t, CHAR_SET(","))) continue;
        if (phrases < 2 && !(c->t[t].flags & SKEIN_TOK_CAP) && intro_word(c, t)) {
            phrases++;
            continue;
        }
        return (c->t[t].flags & SKEIN_TOK_CAP) && !dash_between(c, c->t[s0].off, t)
                   ? subject_of(c, cs, nc, t, open_tok, 0, who)
                   : SUBJ_NONE;
    }
    return SUBJ_NONE;
}

/* Is token i a verb by what follows it, an object's determiner or pronoun ("Carly Fiorina
 * threw her support behind ...", "Walsh gave the crowd ..."): the forms verb_like misses, not a
 * noun the name modifies ("Trump adviser Jason Miller")? */
static int verb_before_object(const ctx *c, size_t i) {
    static const char *const words[] = {"her", "his", "their", "its",  "the", "a",  "an",
                                        "our", "my",  "him",   "them", "us",  "me", "your"};
    return english(c) && i + 1 < c->n && !(c->t[i].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM)) &&
           joined(c, i, i + 1) && word_in(c, i + 1, words, sizeof(words) / sizeof(words[0]));
}

/* Is token i a unit of time ("Two weeks after ...", "A year ago, ..."): with the number
 * before it, a phrase of time opening a sentence, no one unnamed? */
static int time_span(const ctx *c, size_t i) {
    static const char *const units[] = {"minute", "minutes", "hour",   "hours",  "day",
                                        "days",   "week",    "weeks",  "month",  "months",
                                        "year",   "years",   "decade", "decades"};
    return english(c) && i < c->n && word_in(c, i, units, sizeof(units) / sizeof(units[0]));
}

/* The subject of the sentence (or clause) of tokens [s0, open_tok) before a
 * quote, as sentence_subject says; g as other_subject takes it (0: none). */
static int subject_of(const ctx *c, const cand *cs, size_t nc, size_t s0, size_t open_tok, int g,
                      size_t *who) {
    const skein__extractor *x = c->x;
    if ((wflags(c, s0) & W_INDEF) && (c->t[s0].flags & SKEIN_TOK_CAP) && !time_span(c, s0 + 1)) {
        /* no name in a subject's place after it: every one follows a preposition, modifies
         * a word or is a verb's object ("A spokeswoman for the committee", "One Clinton
         * aide", "A staffer emailed Mills") */
        for (size_t i = 0; i < nc; i++) {
            const mention *m = &x->m[cs[i].m];
            if (m->tok > s0 && m->tok < open_tok && !cs[i].prep && cs[i].postmod == PM_NONE &&
                !(m->tok > s0 + 2 && in_object(c, m))) /* "A staffer emailed Mills" */
                return SUBJ_NONE;
        }
        return other_subject(c, cs, nc, 0, g, s0, open_tok) ? SUBJ_NONE : SUBJ_UNNAMED;
    }
    size_t found = nc;
    for (size_t i = 0; i < nc; i++) {
        const mention *m = &x->m[cs[i].m];
        if (m->tok < s0 || m->tok >= open_tok || m->tok > s0 + 4) continue;
        if (found == nc || m->tok < x->m[cs[found].m].tok) found = i;
    }
    if (found == nc) {
        /* "Priebus, who ..., acknowledged that he had only “...”": a surname opening the
         * sentence that the tagger took for no name */
        size_t who_is = (c->t[s0].flags & SKEIN_TOK_CAP) && !wflags(c, s0) &&
                                x->mstarts[s0 + 1] == x->mstarts[s0] && s0 + 1 < open_tok
                            ? surname_at(c, cs, nc, s0)
                            : nc;
        if (who_is == nc || other_subject(c, cs, nc, cs[who_is].key, g, s0 + 1, open_tok))
            return SUBJ_NONE;
        *who = who_is;
        return SUBJ_NAMED;
    }
    /* whatever stands before it is a title in one phrase with it: title words, places and
     * capitalised words, a title word last ("Texas Sen. Ted Cruz", "Senate Majority Leader
     * Mitch McConnell") */
    /* "The American Legion has asked ..." */
    int the = x->m[cs[found].m].tok == s0 + 1 && (wflags(c, s0) & W_DEF) &&
              x->m[cs[found].m].kind == SKEIN_KIND_ORG && joined(c, s0, s0 + 1);
    for (size_t k = s0 + (size_t)the, t = x->m[cs[found].m].tok; k < t; k++) {
        int f = wflags(c, k), in_place = 0, named = 0;
        if (k > s0 && !joined(c, k - 1, k)) return SUBJ_NONE;
        for (size_t j = 0; j < nc && !(f & W_TITLE); j++) {
            const mention *p = &x->m[cs[j].m];
            int in = p->tok <= k && k < p->tok + p->ntok;
            in_place |= in && p->kind == SKEIN_KIND_PLACE, named |= in;
        }
        int lower = !(c->t[k].flags & (SKEIN_TOK_CAP | SKEIN_TOK_STOP | SKEIN_TOK_NUM));
        if (f & (W_VERB | W_TELL | W_PREP | W_DEF | W_PRON | W_THAT | W_INDEF)) return SUBJ_NONE;
        if (!(f & W_TITLE) && !in_place &&
            (named || (lower && (k == s0 || skein__verb_like(c, k))) ||
             (!lower && (!(c->t[k].flags & SKEIN_TOK_CAP) || k + 1 == t))))
            return SUBJ_NONE;
    }
    /* a title the tagger named apart from the person right after it: "Harbor Board Chairman
     * Dave Reed", "Republican Presidential hopeful Sen. Ted Cruz" */
    size_t after = found;
    for (size_t i = 0, e = x->m[cs[found].m].tok + x->m[cs[found].m].ntok; i < nc; i++) {
        const mention *h = &x->m[cs[i].m];
        /* title words and their modifiers between, no verb, no punctuation but a title's
         * full stop ("Sen.") */
        int title = h->tok >= e && h->tok <= e + 4;
        for (size_t k = e; title && k < h->tok; k++)
            title &= !(wflags(c, k) & (W_VERB | W_TELL | W_THAT | W_PREP | W_DEF | W_PRON)) &&
                     !skein__verb_like(c, k);
        for (size_t k = e; title && k <= h->tok; k++)
            title &= !gap_has(c, k, CHAR_SET(",;:!?()\n\"")) &&
                     (!gap_has(c, k, CHAR_SET(".")) || (wflags(c, k - 1) & W_TITLE));
        if (h->kind == SKEIN_KIND_PERSON && title &&
            (h->tok == e || x->m[cs[found].m].kind != SKEIN_KIND_PERSON) &&
            (after == found || h->tok < x->m[cs[after].m].tok) && cs[found].postmod != PM_POSS)
            after = i;
    }
    found = after;
    const mention *m = &x->m[cs[found].m];
    if (m->kind == SKEIN_KIND_PLACE || m->place) return SUBJ_NONE;
    if ((m->tok != s0 + (size_t)the || (m->kind != SKEIN_KIND_ORG && !m->titled)) &&
        m->kind != SKEIN_KIND_PERSON)
        return SUBJ_NONE; /* not "Workers carried placards reading “...”" */
    size_t e = m->tok + m->ntok, noun = word_after(c, e);
    int pm = cs[found].postmod;
    if (pm == PM_TITLE || pm == PM_POSS ||
        (pm == PM_WORD && !skein__verb_like(c, e) && !verb_before_object(c, e))) {
        /* the person the name modifies: "Circuit Court Judge David McKeague", "Trump's
         * attorney, Alan Garten,", "Trump senior communications adviser Jason Miller" */
        size_t holder = found;
        for (size_t i = 0; i < nc; i++) {
            const mention *h = &x->m[cs[i].m];
            if (h->tok > e && h->tok <= noun + 4 && h->kind == SKEIN_KIND_PERSON &&
                x->verbs[h->tok] == x->verbs[e] &&
                (holder == found || h->tok < x->m[cs[holder].m].tok))
                holder = i;
        }
        if (holder == found) {
            /* "Sanders protesters interrupted her, shouting “...”": a plural noun, then a verb;
             * the noun may end a compound ("Hale campaign workers carried signs") */
            if (pm == PM_WORD && noun + 2 < open_tok && !skein__verb_like(c, noun + 1) &&
                !(c->t[noun + 1].flags & (SKEIN_TOK_CAP | SKEIN_TOK_STOP | SKEIN_TOK_NUM)) &&
                !wflags(c, noun + 1) && joined(c, noun, noun + 1) && !org_head(c, noun + 1))
                noun++;
            if (pm != PM_WORD || noun + 1 >= open_tok || org_head(c, noun) ||
                c->s[c->t[noun].off + c->t[noun].len - 1] != 's' ||
                !skein__verb_like(c, noun + 1) || !joined(c, noun, noun + 1))
                return SUBJ_NONE;
            return other_subject(c, cs, nc, 0, g, noun, open_tok) ? SUBJ_NONE : SUBJ_UNNAMED;
        }
        found = holder, m = &x->m[cs[found].m];
    }
    if (other_subject(c, cs, nc, cs[found].key, g, m->tok + m->ntok, open_tok)) return SUBJ_NONE;
    *who = found;
    return SUBJ_NAMED;
}

/* "...,” the Kremlin's press service explained: a body's own office says
 * the quote, a name of its own.  Chosen candidate cd names a body (no
 * person: "Ryan's office" speaks for Ryan) and is followed by its
 * possessive, one to three lower-case words ending in an organisation word
 * and the quote's verb at token v; the mention made of all that, or -1;
 * -2 on ENOMEM. */
static int32_t body_of(ctx *c, const cand *cd, size_t v) {
    skein__extractor *x = c->x;
    const mention *m = &x->m[cd->m];
    size_t a = m->tok, b = m->tok + m->ntok;
    const skein__tok *l = &c->t[b - 1];
    const char *e = c->s + l->off + l->len;
    int poss = cd->postmod == PM_POSS || (l->len > 2 && e[-1] == 's' && e[-2] == '\'') ||
               (l->len > 4 && e[-1] == 's' && !memcmp(e - 4, "\xE2\x80\x99", 3));
    if (!poss || x->minfo[cd->m].person || v >= c->n || v <= b || v > b + 3 ||
        !joined(c, b - 1, v) || !(wflags(c, v - 1) & W_ORG))
        return -1;
    for (size_t i = b; i < v; i++)
        if (c->t[i].flags & (SKEIN_TOK_CAP | SKEIN_TOK_NUM)) return -1;
    size_t before = x->nm;
    if (skein__add_mention(c, a, v, 0, 0)) return -2;
    if (x->nm == before) return -1;
    x->m[before].kind = SKEIN_KIND_ORG;
    return (int32_t)before;
}

/* Is the quote's verb of saying its attribution, so that the verb's subject says it: after
 * the quote, as attributed_after says (not "..." without reporters asking him"); before it,
 * within VERB_REACH tokens and no other quotation mark or verb of saying between ("a
 * shipping broker called Marlow & Finch argues that ... widen, "...": the broker's "called" is
 * no attribution)? */
static int verb_attributes(const ctx *c, const qspan *q, const rule_pick *r) {
    if (r->verb_side == 1) return attributed_after(c, q, r);
    size_t v = r->verb, open_tok = tok_at(c, q->open);
    if (v >= c->n || v >= open_tok) return 1;
    return open_tok - v <= VERB_REACH && !quote_mark_between(c, c->t[v].off, q->open) &&
           c->x->verbs[open_tok] ==
               c->x->verbs[v + 1]; /* not "a message posted Friday, Cruz said" */
}

/* Is a pronoun "he" or "she" in the subject's place by the quote's verb
 * ("he said", "said she"; qsubj QS_PRON)? */
static int subject_gender(const ctx *c, const rule_pick *r, unsigned qsubj) {
    size_t v = r->verb;
    if (qsubj != QS_PRON || v >= c->n) return 0;
    size_t w = v > 0 && joined(c, v - 1, v) ? v - 1 : v + 1;
    return w < c->n && (wflags(c, w) & W_PRON) && (wflags(c, w) & (W_MALE | W_FEMALE));
}

/* Is mention m the object of a verb that names or judges someone ("called Ruiz “...”",
 * "accuses Berg of “...”", "thanked Lund for “...”"), title words between: the one spoken of,
 * not the speaker? */
static int called_object(const ctx *c, const mention *m) {
    static const char *const verbs[] = {
        "call",     "called",    "calls",      "calling",    "dubbed",     "labeled",
        "labelled", "branded",   "accused",    "accuses",    "accusing",   "praised",
        "praises",  "praising",  "thanked",    "thanks",     "thanking",   "attacked",
        "attacks",  "attacking", "criticized", "criticizes", "criticised", "blasted",
        "slammed",  "mocked",    "described",  "describes",  "describing", "urged"};
    size_t k = m->tok;
    if (!english(c)) return 0;
    for (size_t i = 0; i < 4 && k > 0 && joined(c, k - 1, k) && (wflags(c, k - 1) & W_TITLE); i++)
        k--;
    return k > 0 && joined(c, k - 1, k) &&
           word_in(c, k - 1, verbs, sizeof(verbs) / sizeof(verbs[0]));
}

void skein__extractor_on_speakers(skein__extractor *x, skein__speaker_hook fn, void *ud) {
    x->hook = fn, x->hook_ud = ud;
}

/* Whether the compiled-in model was trained on these features: worked out
 * once, for all the threads that prepare articles. */
static int fits;
static pthread_once_t fits_once = PTHREAD_ONCE_INIT;
static void check_fits(void) {
    fits = skein__speaker_model_layout == skein__speaker_layout() &&
           skein__speaker_model_nfeatures == F_N;
}
static int model_fits(void) {
    pthread_once(&fits_once, check_fits);
    return fits;
}

/* A sentence reading's answer: mention m (-1: someone unnamed) said it, found `how`, as sure as
 * the model's p but never shown as uncertain (SUBJECT_CONFIDENCE at least).  0. */
static int take(int32_t m, int how, float p, int32_t *speaker, int *by, float *confidence) {
    *speaker = m, *by = how, *confidence = p > SUBJECT_CONFIDENCE ? p : SUBJECT_CONFIDENCE;
    return 0;
}

static int pick(ctx *c, const qspan *spans, size_t k, const rule_pick *r, int32_t prev, int prev_by,
                int32_t *speaker, int *by, float *confidence);

/* The person's name after mention `sp` when sp is a person's and ends on an initial the
 * tagger cut the name at ("Harry M." | "Reed" of "Harry M. Reed (D-Del.)"), the two one space
 * apart on a line; else sp. */
static int32_t past_initial(const ctx *c, int32_t sp) {
    if (sp < 0) return sp;
    const skein__extractor *x = c->x;
    const mention *m = &x->m[sp];
    size_t b = m->tok + m->ntok, n;
    int person = m->kind == SKEIN_KIND_PERSON ||
                 (x->nminfo == x->nm && x->minfo[sp].person); /* minfo: the model's path */
    if (b >= c->n || !person) return sp;
    const skein__tok *l = &c->t[b - 1];
    const char *g = gap(c, b, &n);
    int initial = l->len == 1 ? n == 2 && g[0] == '.' && g[1] == ' '
                              : l->len == 2 && c->s[l->off + 1] == '.' && n == 1 && g[0] == ' ';
    if (!(l->flags & SKEIN_TOK_CAP) || !initial) return sp;
    for (size_t j = c->m0; j < x->nm; j++)
        if (x->m[j].tok == b && x->m[j].text_no == c->text_no && !x->m[j].quoted &&
            x->m[j].kind == SKEIN_KIND_PERSON)
            return (int32_t)j;
    return sp;
}

int skein__speaker_pick(ctx *c, const qspan *spans, size_t k, const rule_pick *r, int32_t prev,
                        int prev_by, int32_t *speaker, int *by, float *confidence) {
    int rc = pick(c, spans, k, r, prev, prev_by, speaker, by, confidence);
    if (!rc) *speaker = past_initial(c, *speaker);
    return rc;
}

static int pick(ctx *c, const qspan *spans, size_t k, const rule_pick *r, int32_t prev, int prev_by,
                int32_t *speaker, int *by, float *confidence) {
    skein__extractor *x = c->x;
    *speaker = r->speaker, *by = r->speaker >= 0 ? r->by : SKEIN_BY_NONE;
    if (!x->hook && (!model_fits() || c->arabic_like)) {
        /* the model knows scripts with case: elsewhere the rules' choice, a
         * confidence by how it was found */
        static const float prior[] = {0.5f, 0.75f, 0.5f, 0.75f, 0.6f, 0.5f};
        *confidence = prior[*by];
        return 0;
    }
    *confidence = 0.5f;
    if ((k == 0 && prepare(c)) || ensure_info(c)) return -1;
    size_t nc;
    int prev_near = k > 0 && x->para[SKEIN_MIN(tok_at(c, spans[k - 1].open), c->n - 1)] ==
                                 x->para[SKEIN_MIN(tok_at(c, spans[k].open), c->n - 1)];
    if (candidates(c, &spans[k], r, prev, prev_near, &nc)) return -1;
    if (skein__grow((void **)&x->feats, &x->feats_cap, nc * MAX_FEATS + 1, sizeof(*x->feats)))
        return -1;
    cand *cs = x->cands;
    size_t head;
    unsigned qsubj = (unsigned)verb_subject(c, r, &head);
    size_t s0;
    int qopen = quote_opening(c, tok_at(c, spans[k].open), &s0);
    size_t pron;
    int qg = quote_gender(c, r, s0, qopen, &pron);
    uint64_t ante = pron < c->n ? antecedent(c, pron, qg, PRONOUN_PARAS, 0) : 0;
    uint64_t roles[MAX_ROLE_KEYS];
    uint64_t last_holder = 0;
    int person_holder = 0;
    size_t nroles = head < c->n ? role_holders(c, head, tok_at(c, spans[k].open), 4, roles,
                                               &last_holder, &person_holder)
                                : 0;
    /* a person's role word ("the president said"): whom the text was last about */
    uint64_t role_ante = head < c->n && qsubj == QS_DEF && (wflags(c, head) & W_TITLE)
                             ? antecedent(c, tok_at(c, spans[k].open), 0, ROLE_PARAS, 1)
                             : 0;
    for (size_t i = 0; i < nc; i++) {
        int g = x->minfo[cs[i].m].gender;
        cs[i].gender = (uint8_t)(!qg                   ? G_NONE
                                 : !g                  ? G_UNKNOWN
                                 : (g > 0) == (qg > 0) ? G_AGREE
                                                       : G_DISAGREE);
        cs[i].ante = !ante ? 0 : cs[i].key == ante ? (pron == s0 ? 2 : 1) : 3;
        /* 1: a role by the verb; 2: given to this name; 3: to this name last (people
         * first); 4: given to no person before, and this is whom the text was last about
         * ("...,” the president said) */
        cs[i].role = head < c->n;
        for (size_t j = 0; j < nroles; j++)
            if (roles[j] == cs[i].key) cs[i].role = roles[j] == last_holder ? 3 : 2;
        if (role_ante && cs[i].key == role_ante && cs[i].role != 3) cs[i].role = 4;
        cs[i].f = x->feats + i * MAX_FEATS;
        cs[i].nf = features(c, &spans[k], r, qsubj, (unsigned)qopen, &cs[i], cs[i].f);
    }
    if (x->hook) {
        skein__speaker_cand hc[MAX_CANDS];
        for (size_t i = 0; i < nc; i++) {
            const mention *m = &x->m[cs[i].m];
            static const uint32_t order[REG_N] = {1, 0, 2, 4, 5, 6, 3};
            hc[i] = (skein__speaker_cand){x->strings.buf + m->str, m->len, cs[i].f, cs[i].nf,
                                          order[cs[i].region] * 100000u + cs[i].dist};
        }
        const qspan *q = &spans[k];
        int pick = x->hook(x->hook_ud, c->s + q->open_end, q->close - q->open_end, hc, nc);
        if (pick >= 0 && (size_t)pick < nc) {
            *speaker = cs[pick].m, *confidence = 1;
            return 0;
        }
        if (pick == -1) {
            *speaker = -1, *by = SKEIN_BY_NONE, *confidence = 1;
            return 0;
        }
    }
    /* "...," the video states. "...": a quote right after one said by someone
     * unnamed, with no attribution of its own, goes on in the same voice */
    int unnamed_before = x->unnamed_before;
    x->unnamed_before = 0;
    if (unnamed_before && prev_near && r->by == SKEIN_BY_NONE &&
        (spans[k].open - spans[k - 1].close_end <= CONTINUED_BYTES ||
         one_sentence_between(c, &spans[k - 1], &spans[k]))) {
        *speaker = -1, *by = SKEIN_BY_NONE, *confidence = 1;
        x->unnamed_before = 1;
        return 0;
    }
    if (!model_fits()) return 0;
    size_t best = nc, fit = nc;
    int he = subject_gender(c, r, qsubj);
    /* the one the quote's sentence calls what the quote says ("called Ruiz “...”") is spoken of,
     * under any of its mentions before the quote; one after it may still say it ("Ruiz said") */
    uint64_t called = 0;
    for (size_t i = 0; i < nc; i++)
        if (cs[i].region == R_BEFORE && cs[i].dist <= 3 && called_object(c, &x->m[cs[i].m]))
            called = cs[i].key;
    for (size_t i = 0; i < nc; i++) {
        double s = 0;
        for (size_t j = 0; j < cs[i].nf; j++) s += skein__speaker_model_weights[cs[i].f[j]];
        int spoken_of = called && cs[i].key == called && is_before(&cs[i]);
        cs[i].p = spoken_of ? 0 : (float)(1 / (1 + exp(-s)));
        if (best == nc || cs[i].p > cs[best].p) best = i;
        const mention *m = &x->m[cs[i].m];
        int who = m->kind == SKEIN_KIND_PERSON ||
                  (m->kind == SKEIN_KIND_OTHER && x->minfo[cs[i].m].person);
        if (he && who && !told_object(c, r, cs[i].key) && (fit == nc || cs[i].p > cs[fit].p))
            fit = i;
    }
    size_t untagged = untagged_after(c, &spans[k], r, cs, nc);
    if (untagged < nc) {
        return take(cs[untagged].m, SKEIN_BY_VERB, cs[untagged].p, speaker, by, confidence);
    }
    /* "he said", "she said": the best name that is a person's */
    if (he && fit < nc) best = fit;
    /* "he said" with no name by the verb: the subject of the last sentence naming its subject
     * ("Carl Brandvold, 49, ..., said ... He came to the meeting, though he has yet to decide
     * between Berg and Councillor Ana Ruiz. “...,” he said": Brandvold), not the name
     * nearest the quote inside an object; "he" or "she" opening the quote's sentence too
     * (sentence_pronoun).  On PolNeAR's training split 13 more quotes right (723 -> 710
     * errors); most it loses are the gold set's own slips */
    size_t subj = nc;
    /* a verb after the quote that is no attribution of it, or has no subject of its own ("”
     * adding, “"), leaves the sentence's own pronoun its subject */
    int after_own = r->verb_side == 1 && qsubj != QS_OTHER && attributed_after(c, &spans[k], r);
    int pg = !nc                                             ? 0
             : he && (qopen == QO_QUOTE || qopen == QO_PRON) ? qg
             : qopen != QO_QUOTE && !after_own ? sentence_pronoun(c, s0, tok_at(c, spans[k].open))
                                               : 0;
    if (pg &&
        (best == nc || (cs[best].qrel != QR_JUST_BEFORE && cs[best].qrel != QR_JUST_AFTER &&
                        cs[best].qrel != QR_APPOS)) &&
        pronoun_subject(c, spans, k, cs, nc, qopen == QO_QUOTE ? tok_at(c, spans[k].open) : s0, pg,
                        prev, prev_by, &subj) == SUBJ_NAMED &&
        !told_object(c, r, cs[subj].key)) {
        return take(cs[subj].m, SKEIN_BY_PRONOUN, cs[subj].p, speaker, by, confidence);
    }
    /* "“...?” a reporter asked": someone unnamed, whoever the text named before (on PolNeAR's
     * training split 5 quotes mended, 3 lost where the gold set took "another New Hampshire
     * Republican" for a name) */
    if (qopen == QO_QUOTE && r->verb_side != 2 && unnamed_after(c, &spans[k])) {
        x->unnamed_before = 1;
        return take(-1, SKEIN_BY_NONE, best < nc ? 1 - cs[best].p : 1, speaker, by, confidence);
    }
    /* a name right after the role word ("dijo la alcaldesa, Pilar Ordóñez") */
    int named_role = 0;
    for (size_t i = 0; i < nc && head < c->n; i++)
        named_role |= x->m[cs[i].m].tok > head && x->m[cs[i].m].tok <= head + 4;
    /* the rules outrank the model where they read the sentence plainly: the name
     * after "according to" before the quote (or whom "according to him" points
     * back to); the person last given the role word
     * that says the quote ("...,” the expert noted), unless a name stands by the verb */
    size_t pick = nc;
    if (r->according == 1 && r->speaker >= 0) {
        for (size_t i = 0; i < nc; i++)
            if (cs[i].m == r->speaker) pick = i;
    } else if (r->according == 2 && (ante || r->speaker >= 0)) {
        pick = nearest_before(cs, nc, ante ? ante : key_of(&x->m[r->speaker]));
    } else if (qsubj == QS_DEF && (person_holder || role_ante) && best < nc && !named_role &&
               cs[best].qrel != QR_JUST_BEFORE && cs[best].qrel != QR_JUST_AFTER &&
               cs[best].qrel != QR_APPOS) {
        for (size_t i = 0; i < nc; i++)
            if (cs[i].role == 3 && person_holder && cs[i].region != R_FAR &&
                cs[i].region != R_NEXT && (pick == nc || nearer(&cs[i], &cs[pick])))
                pick = i;
        for (size_t i = 0; i < nc && pick == nc; i++)
            if (cs[i].role == 4 && is_before(&cs[i]) && x->m[cs[i].m].kind == SKEIN_KIND_PERSON)
                pick = i;
    }
    if (r->according == 0 && r->role < c->n && pick == nc) {
        /* "according to the adviser to the American leader, Biden told ...": the person
         * last given that role ("adviser to the US President Jake Sullivan") */
        uint64_t keys[MAX_ROLE_KEYS], last;
        int persons;
        if (role_holders(c, r->role, tok_at(c, spans[k].open), 6, keys, &last, &persons) && persons)
            pick = nearest_before(cs, nc, last);
    }
    if (pick < nc) { /* confident as the model is, and not shown as uncertain */
        const cand *b = &cs[pick];
        *speaker = b->m, *confidence = b->p > 0.5f ? b->p : 0.5f;
        *by = r->according == 1 ? r->by : SKEIN_BY_PRONOUN; /* a pronoun or title word */
        return 0;
    }
    /* a quote inside a sentence opened by a name, with no attribution of its own: that
     * name is its subject's, whichever other names the sentence holds */
    /* "a source said “...”": the verb's subject is someone unnamed; not "X issued a statement
     * saying “...”" */
    int participle = r->verb < c->n && c->t[r->verb].len > 4 &&
                     !memcmp(c->s + c->t[r->verb].off + c->t[r->verb].len - 3, "ing", 3);
    int reading = SUBJ_NONE;
    if (qopen != QO_QUOTE && !participle && (qsubj == QS_INDEF || qsubj == QS_BARE)) {
        /* ... and where the verb's subject reads as a bare noun ("source said") or an indefinite
         * one, someone unnamed opening the sentence ("Another source familiar with Berg's
         * thinking said, “...”", "One harbor source said Ruiz aides would be ... because “...”") */
        if (sentence_subject(c, spans, k, r, cs, nc, tok_at(c, spans[k].open), &subj) ==
            SUBJ_UNNAMED)
            reading = SUBJ_UNNAMED;
    } else if (qopen != QO_QUOTE && !(qsubj == QS_DEF && !participle)) {
        reading = sentence_subject(c, spans, k, r, cs, nc, tok_at(c, spans[k].open), &subj);
    }
    if (reading == SUBJ_NAMED && (best == nc || cs[best].key != cs[subj].key ||
                                  cs[best].p < skein__speaker_model_threshold)) {
        const cand *s = &cs[subj];
        int how = s->vadj_qverb && (s->vadj == V_AFTER || s->vadj == V_APPOS) ? SKEIN_BY_VERB
                                                                              : SKEIN_BY_CONTEXT;
        return take(s->m, how, s->p, speaker, by, confidence);
    }
    size_t as = as_put_it(c, tok_at(c, spans[k].open), cs, nc);
    if (as < nc) return take(cs[as].m, SKEIN_BY_VERB, cs[as].p, speaker, by, confidence);
    int32_t byline = byline_after(c, &spans[k]);
    if (byline >= 0) {
        *speaker = byline, *by = SKEIN_BY_COLON, *confidence = SUBJECT_CONFIDENCE;
        for (size_t i = 0; i < nc; i++)
            if (cs[i].m == byline && cs[i].p > *confidence) *confidence = cs[i].p;
        return 0;
    }
    size_t after = r->verb_side == 1 || qopen != QO_QUOTE ? nc : named_after(c, &spans[k], cs, nc);
    if (after < nc) return take(cs[after].m, SKEIN_BY_VERB, cs[after].p, speaker, by, confidence);
    if (reading == SUBJ_NONE && qopen == QO_QUOTE && r->by == SKEIN_BY_NONE && !r->verb_side &&
        previous_subject(c, &spans[k], cs, nc, tok_at(c, spans[k].open), &subj) == SUBJ_NAMED &&
        (best == nc || cs[best].key != cs[subj].key || cs[best].p < skein__speaker_model_threshold))
        return take(cs[subj].m, SKEIN_BY_CONTEXT, cs[subj].p, speaker, by, confidence);
    if (reading == SUBJ_UNNAMED)
        return take(-1, SKEIN_BY_NONE, best < nc ? 1 - cs[best].p : 1, speaker, by, confidence);
    /* "...," officials said; "...," a source said: the verb's subject is
     * someone unnamed, whoever the text named before (unless a name stands
     * by the verb or right after the quote: "...," Emily Horne, the
     * spokesperson said) */
    int unnamed =
        ((r->verb_side == 1 && qsubj == QS_BARE) || (r->verb_side && qsubj == QS_INDEF)) &&
        verb_attributes(c, &spans[k], r);
    if (!unnamed && !nroles && !role_ante) {
        size_t thing = unnamed_subject(c, &spans[k], r);
        uint64_t keys[MAX_ROLE_KEYS], last;
        int persons;
        unnamed = thing < c->n &&
                  !role_holders(c, thing, tok_at(c, spans[k].open), 4, keys, &last, &persons);
    }
    /* a name by the verb modifying the unnamed subject's noun is not it: "one Trump campaign
     * source said", "said one Trump confidant", "a Clinton campaign spokesman said" (but "the
     * Clinton campaign said" is Clinton's) */
    size_t best_end = best < nc ? x->m[cs[best].m].tok + x->m[cs[best].m].ntok : 0;
    int modifier = best < nc && cs[best].postmod == PM_WORD &&
                   (!org_head(c, word_after(c, best_end)) ||
                    /* "a Clinton campaign spokesman said": the noun by the verb */
                    (head < c->n && head > best_end && head <= best_end + 3 && !org_head(c, head) &&
                     !(c->t[head].flags & SKEIN_TOK_CAP)));
    if (best == nc || cs[best].p < skein__speaker_model_threshold ||
        (unnamed && (modifier || (cs[best].qrel != QR_JUST_BEFORE &&
                                  cs[best].qrel != QR_JUST_AFTER && cs[best].qrel != QR_APPOS &&
                                  !(cs[best].region == R_AFTER && cs[best].dist == 0 &&
                                    cs[best].postmod != PM_POSS) &&
                                  !heads_after_verb(c, r, &cs[best]))))) {
        if (reading == SUBJ_NAMED) /* the sentence's subject, the model's choice too */
            return take(cs[subj].m, SKEIN_BY_CONTEXT, cs[subj].p, speaker, by, confidence);
        *speaker = -1, *by = SKEIN_BY_NONE;
        *confidence = best == nc ? 1 : 1 - cs[best].p;
        x->unnamed_before = unnamed;
        return 0;
    }
    /* the person the chosen name modifies says it as sure and as found as the name */
    const cand *chosen = &cs[best];
    best = np_head(c, cs, nc, best);
    const cand *b = &cs[best];
    *speaker = b->m, *confidence = b->p > chosen->p ? b->p : chosen->p;
    int32_t body = body_of(c, b, r->verb);
    if (body == -2) return -1;
    if (body >= 0) *speaker = body;
    if (r->speaker >= 0 && key_of(&x->m[r->speaker]) == b->key && r->by != SKEIN_BY_NONE)
        *by = r->by;
    else if ((b->vadj != V_NONE && b->vadj != V_TELL && b->vadj_qverb) ||
             (chosen != b && chosen->vadj != V_NONE && chosen->vadj != V_TELL &&
              chosen->vadj_qverb))
        *by = SKEIN_BY_VERB;
    else if (r->pron)
        *by = SKEIN_BY_PRONOUN;
    else if (b->last)
        *by = SKEIN_BY_CONTINUED;
    else
        *by = SKEIN_BY_CONTEXT;
    return 0;
}
