/* api.c -- the small public functions: status names, version, and the
 * stand-alone analyzer behind `skein tokens`. */
#include "skein.h"

#include "analyze.h"
#include "langid.h"
#include "lexicon.h"
#include "utf8.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *skein_strerror(int status) {
    switch (status) {
    case SKEIN_OK: return "ok";
    case SKEIN_ENOMEM: return "out of memory";
    case SKEIN_EINVAL: return "invalid argument";
    case SKEIN_EPARSE: return "not a JSON object";
    case SKEIN_EUTF8: return "invalid UTF-8";
    case SKEIN_ETOOBIG: return "over the size cap";
    case SKEIN_ENOID: return "no id";
    case SKEIN_EEMPTY: return "no text";
    case SKEIN_EDUP: return "duplicate id";
    case SKEIN_EIO: return "input/output error";
    case SKEIN_EDB: return "store error";
    case SKEIN_EFIELD: return "field of the wrong type";
    case SKEIN_EINTERNAL: return "internal library error";
    case SKEIN_ENOTFOUND: return "not found";
    case SKEIN_EBUSY: return "store busy: another process writes to it";
    case SKEIN_EFORMAT: return "wrong kind of file";
    default: return "unknown status";
    }
}

const char *skein_version(void) { return SKEIN_VERSION; }

struct skein_tokens {
    skein_token *toks;
    size_t n;
    char lang[8];
    char *pool;
};

static int copy_tokens(skein__analyzer *an, const skein__tok *t, size_t n, skein_tokens *out) {
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += t[i].norm_len + t[i].stem_len + 2;
    out->toks = calloc(n ? n : 1, sizeof(*out->toks));
    out->pool = malloc(bytes ? bytes : 1);
    if (!out->toks || !out->pool) return SKEIN_ENOMEM;
    char *p = out->pool;
    for (size_t i = 0; i < n; i++) {
        memcpy(p, skein__analyzer_str(an, t[i].norm), t[i].norm_len + 1);
        out->toks[i].norm = p, p += t[i].norm_len + 1;
        memcpy(p, skein__analyzer_str(an, t[i].stem), t[i].stem_len + 1);
        out->toks[i].stem = p, p += t[i].stem_len + 1;
        out->toks[i].stopword = (t[i].flags & SKEIN_TOK_STOP) != 0;
    }
    out->n = n;
    return SKEIN_OK;
}

int skein_analyze(const char *text, size_t len, const char *lang, skein_tokens **out) {
    if (!text || !out) return SKEIN_EINVAL;
    *out = NULL;
    if (skein__utf8_check(text, len) != len) return SKEIN_EUTF8;
    skein_tokens *r = calloc(1, sizeof(*r));
    skein__analyzer *an = skein__analyzer_new(1, skein__lexicon_word_info);
    int rc = (!r || !an) ? SKEIN_ENOMEM : SKEIN_OK;
    if (!rc && !(lang && *lang && skein__langid_normalize(lang, r->lang) == 0))
        rc = skein_detect_language(text, len, r->lang, NULL);
    const skein__tok *t = NULL;
    size_t n = 0;
    if (!rc) rc = skein__analyze(an, text, len, r->lang, (size_t)-1, &t, &n);
    if (!rc) rc = copy_tokens(an, t, n, r);
    skein__analyzer_free(an);
    if (rc) {
        skein_tokens_free(r);
        return rc;
    }
    *out = r;
    return SKEIN_OK;
}

size_t skein_tokens_count(const skein_tokens *t) { return t ? t->n : 0; }
const skein_token *skein_tokens_get(const skein_tokens *t, size_t i) {
    return t && i < t->n ? &t->toks[i] : NULL;
}
const char *skein_tokens_lang(const skein_tokens *t) { return t ? t->lang : NULL; }

void skein_tokens_free(skein_tokens *t) {
    if (!t) return;
    free(t->toks);
    free(t->pool);
    free(t);
}
