/* extract_lead.c -- an article's first sentences and a sketch of its text.
 *
 * Sentences: the text's first SKEIN_LEAD_SENTENCES sentences that can open a
 * story's lead: 40 to 320 bytes, not a byline ("By Jane Doe"), no web
 * address, not in capitals, with a letter in lower case; blanks folded.
 * The teller (tell.c) chooses a story's lead among its articles' sentences.
 *
 * Sketch: SKEIN_SKETCH min-hashes of the text's shingles of four words (the
 * analyzer's stems), each under its own seed: two articles whose sketches
 * agree on most values are copies of one text (the same wire story run by
 * several outlets); the share of values they agree on estimates the
 * shingles' Jaccard similarity.  A text of fewer than SHINGLE_WORDS words
 * has no sketch (all zero). */
#include "extract_int.h"

#include <string.h>

#define SENTENCE_MIN 40
#define SENTENCE_MAX 320
#define SHINGLE_WORDS 4

#define SHINGLE_BATCH 256 /* shingle hashes min-hashed at once */

static void sketch(ctx *c) {
    skein__extractor *x = c->x;
    size_t words = 0;
    for (size_t i = 0; i < c->n; i++) words += !(c->t[i].flags & SKEIN_TOK_NUM);
    if (words < SHINGLE_WORDS || x->sketched) return;
    x->sketched = 1;
    for (size_t j = 0; j < SKEIN_SKETCH; j++) x->sketch[j] = UINT64_MAX;
    uint64_t sh[SHINGLE_BATCH];
    size_t m = 0;
    for (size_t i = 0; i + SHINGLE_WORDS <= c->n; i++) {
        uint64_t h = 0;
        for (size_t k = 0; k < SHINGLE_WORDS; k++) h = skein__mix64(h ^ c->t[i + k].hash);
        sh[m++] = h;
        if (m == SHINGLE_BATCH) skein__minhash(x->sketch, SKEIN_SKETCH, sh, m, 1), m = 0;
    }
    skein__minhash(x->sketch, SKEIN_SKETCH, sh, m, 1);
    for (size_t j = 0; j < SKEIN_SKETCH; j++) x->sketch[j] |= 1; /* never zero */
}

/* Can bytes [a, b) of the text open a lead? */
static int lead_like(const char *s, size_t a, size_t b) {
    if (b - a < SENTENCE_MIN || b - a > SENTENCE_MAX) return 0;
    if (b - a > 3 && (!memcmp(s + a, "By ", 3) || !memcmp(s + a, "BY ", 3))) return 0;
    int lower = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] >= 'a' && s[i] <= 'z') lower = 1;
        if ((unsigned char)s[i] >= 0x80) lower = 1; /* other scripts: no case to check */
        if (i + 3 <= b && (!memcmp(s + i, "://", 3) || !memcmp(s + i, "www", 3))) return 0;
    }
    return lower;
}

static int keep(ctx *c, size_t a, size_t b) {
    skein__extractor *x = c->x;
    if (skein__grow((void **)&x->lead, &x->lead_cap, x->nlead + 1, sizeof(*x->lead))) return -1;
    lead *l = &x->lead[x->nlead];
    char *buf = x->scratch;
    size_t n = 0, at = x->strings.len;
    /* blanks folded, written through the scratch buffer in pieces */
    int blank = 0;
    for (size_t i = a; i < b; i++) {
        char ch = c->s[i];
        int is_blank = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (is_blank && blank) continue;
        blank = is_blank;
        buf[n++] = is_blank ? ' ' : ch;
        if (n == sizeof(x->scratch)) {
            if (skein__sbuf_add(&x->strings, buf, n)) return -1;
            n = 0;
        }
    }
    if (skein__sbuf_add(&x->strings, buf, n) || skein__sbuf_add(&x->strings, "", 1)) return -1;
    l->str = (uint32_t)at, l->len = (uint32_t)(x->strings.len - at - 1);
    l->span = span_of(c, a, b);
    x->nlead++;
    return 0;
}

int skein__lead(ctx *c) {
    sketch(c);
    size_t a = 0;
    for (size_t i = 0; i < c->len && c->x->nlead < SKEIN_LEAD_SENTENCES; i++) {
        int end = skein__sentence_end(c, i);
        if (!end && i + 1 < c->len) continue;
        size_t b = i + 1;
        for (;;) { /* a closing quotation mark after the full stop is the sentence's */
            if (b < c->len && c->s[b] == '"')
                b++;
            else if (b + 1 < c->len && !memcmp(c->s + b, "\xC2\xBB", 2))
                b += 2;
            else if (b + 2 < c->len &&
                     (!memcmp(c->s + b, "\xE2\x80\x9D", 3) || !memcmp(c->s + b, "\xE2\x80\x99", 3)))
                b += 3;
            else
                break;
        }
        i = b - 1;
        while (a < b && strchr(" \n\t,;:.-", c->s[a])) a++; /* debris: ".," */
        size_t e = b;
        while (e > a && (c->s[e - 1] == ' ' || c->s[e - 1] == '\n')) e--;
        if (e > a && lead_like(c->s, a, e) && keep(c, a, e)) return -1;
        a = b;
    }
    return 0;
}
