/* bench_tagger.c -- speed of the name tagger alone: tokens per second on one core, and model load
 * time.
 *
 * usage: skein_bench_tagger FILE.conll LANG [SECONDS]
 *
 * The file's sentences are joined into one text (a line each), analysed once,
 * and the tokens tagged again and again for SECONDS (default 3) by
 * skein__tag, as a long article would be; the analyzer is left out of the
 * figure.  The load time is that of the first use of the models in this
 * process (they are read in place from the linked-in blob). */
#include "analyze.h"
#include "lexicon.h"
#include "conll.h"
#include "skein.h"
#include "tagger.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: skein_bench_tagger FILE.conll LANG [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 3 ? atof(argv[3]) : 3.0;
    double t0 = skein__now();
    skein__tagger *tg = skein__tagger_new();
    double load = skein__now() - t0;
    if (!tg || !skein__tagger_has(tg, argv[2])) {
        fprintf(stderr, "skein_bench_tagger: no model for %s\n", argv[2]);
        return 1;
    }
    skein__conll c;
    skein__conll_init(&c);
    if (skein__conll_read(&c, argv[1], 0) != SKEIN_OK) return 1;
    sbuf text;
    skein__sbuf_init(&text);
    for (size_t k = 0; k < c.nsents; k++)
        if (skein__sbuf_add(&text, c.text.buf + c.sents[k].text, c.sents[k].len) ||
            skein__sbuf_addc(&text, '\n'))
            return 1;
    skein__analyzer *an = skein__analyzer_new(0, skein__lexicon_word_info);
    const skein__tok *t;
    size_t n;
    if (!an || skein__analyze(an, text.buf, text.len, argv[2], SIZE_MAX, &t, &n) != SKEIN_OK)
        return 1;
    uint8_t *labels = malloc(n ? n : 1);
    if (!labels) return 1;
    size_t done = 0, names = 0;
    t0 = skein__now();
    double el = 0;
    while (el < seconds) {
        skein__tag(tg, argv[2], text.buf, text.len, skein__analyzer_str(an, 0), t, n, labels);
        done += n;
        el = skein__now() - t0;
    }
    for (size_t i = 0; i < n; i++) names += labels[i] && SKEIN__TAG_IS_B(labels[i]);
    printf("bench_tagger: %s %s: %zu tokens, %zu names; %.0f tokens/s on one core; models loaded "
           "in %.3f ms\n",
           argv[2], argv[1], n, names, (double)done / el, load * 1e3);
    free(labels);
    skein__analyzer_free(an);
    skein__sbuf_release(&text);
    skein__conll_release(&c);
    skein__tagger_free(tg);
    return 0;
}
