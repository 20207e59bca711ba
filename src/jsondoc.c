/* jsondoc.c -- a JSON document of articles, as a posted body or a .json
 * file holds them: one object, an array of objects, or JSON lines.
 *
 * The document is parsed whole first; when that fails and it has several
 * lines, it is read as JSON lines, each line an article.  All of it is
 * taken, or none: the first unusable article refuses the document, and the
 * error says which one (the item of an array, the line of JSON lines) and
 * why, with the line and column where a JSON error lies in the document. */
#include "error.h"
#include "jsondoc.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int only_space(const char *p, const char *end) {
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return 0;
    return 1;
}

void skein_json_batch_release(skein_json_batch *b) {
    if (!b) return;
    for (size_t i = 0; i < b->n; i++) skein_json_article_release(&b->items[i]);
    free(b->items);
    b->items = NULL, b->n = 0;
}

/* Room for n more articles in b (at most max in all). */
static int room(skein_json_batch *b, size_t *cap, size_t n, size_t max, skein_error *err) {
    if (b->n + n > max)
        return skein__fail(err, SKEIN_ETOOBIG, NULL, "more than %zu articles in one document", max);
    if (skein__grow((void **)&b->items, cap, b->n + n, sizeof(*b->items)))
        return skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
    return SKEIN_OK;
}

/* The items of a parsed array, each an article (item numbers from 1). */
static int take_array(cJSON *arr, skein_json_batch *b, size_t max, skein_error *err) {
    size_t cap = 0, item = 0;
    int rc = room(b, &cap, (size_t)cJSON_GetArraySize(arr), max, err);
    if (rc == SKEIN_ETOOBIG) err->item = max + 1; /* the first one over */
    while (!rc && arr->child) {
        cJSON *x = cJSON_DetachItemViaPointer(arr, arr->child);
        item++;
        if ((rc = skein__json_article_take(x, &b->items[b->n], err)))
            err->item = item;
        else
            b->n++;
    }
    return rc;
}

/* The lines of doc[0..len) as articles (blank lines skipped). */
static int take_lines(const char *doc, size_t len, skein_json_batch *b, size_t max,
                      skein_error *err) {
    size_t cap = 0, line = 0;
    for (const char *p = doc, *stop = doc + len; p < stop;) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p)), *e = nl ? nl : stop;
        line++;
        if (!only_space(p, e)) {
            int rc = room(b, &cap, 1, max, err);
            if (!rc) rc = skein_json_article_parse(p, (size_t)(e - p), &b->items[b->n], err);
            if (rc) {
                err->line = line, err->item = b->n + 1;
                err->offset += (size_t)(p - doc);
                return rc;
            }
            b->n++;
        }
        p = nl ? nl + 1 : stop;
    }
    return SKEIN_OK;
}

/* 1 when the document is one object spread over lines (its first line does
 * not hold a whole object): its own JSON error is the one to tell. */
static int one_object(const char *doc, size_t len) {
    const char *nl = memchr(doc, '\n', len);
    size_t i = 0;
    while (i < len && (doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\r' || doc[i] == '\n')) i++;
    if (!nl || i == len || doc[i] != '{') return 0;
    skein_json_article ja;
    if (skein_json_article_parse(doc, (size_t)(nl - doc), &ja, NULL) != SKEIN_OK) return 1;
    skein_json_article_release(&ja);
    return 0;
}

int skein_json_batch_parse(const char *doc, size_t len, size_t max, skein_json_batch *out,
                           skein_error *err) {
    skein__error_clear(err);
    if (!doc || !out) return skein__fail(err, SKEIN_EINVAL, NULL, NULL);
    memset(out, 0, sizeof(*out));
    const char *end = NULL;
    cJSON *whole = memchr(doc, 0, len) ? NULL : skein__json_parse(doc, len, &end);
    int rc;
    if (whole && only_space(end, doc + len)) {
        if (cJSON_IsArray(whole))
            rc = take_array(whole, out, max ? max : 1, err);
        else if (!(rc = room(out, &(size_t){0}, 1, max ? max : 1, err))) {
            rc = skein__json_article_take(whole, &out->items[0], err);
            whole = NULL, out->n = rc ? 0 : 1;
            if (rc) err->item = 1;
        }
        cJSON_Delete(whole);
    } else if (one_object(doc, len)) {
        cJSON_Delete(whole);
        skein_json_article ja;
        if (!(rc = skein_json_article_parse(doc, len, &ja, err)))
            skein_json_article_release(&ja);
        else
            err->item = 1; /* (it cannot parse whole when the document did not) */
    } else {
        cJSON_Delete(whole);
        rc = take_lines(doc, len, out, max ? max : 1, err);
    }
    if (!rc && !out->n) rc = skein__fail(err, SKEIN_EEMPTY, NULL, "no articles in the document");
    if (rc) skein_json_batch_release(out);
    return rc;
}
