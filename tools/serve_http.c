/* serve_http.c -- request bodies and answer buffers of `skein serve`. */
#include "serve_http.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 100000

void serve_batch_release(serve_batch *b) {
    for (size_t i = 0; i < b->n; i++) skein_json_article_release(&b->items[i]);
    free(b->items);
    b->items = NULL, b->n = 0;
}

static int fail(serve_error *err, long line, const char *field, const char *what, int rc) {
    err->line = line, err->field = field;
    snprintf(err->message, sizeof(err->message), "%s%s", what ? what : "",
             what ? "" : skein_strerror(rc));
    return -1;
}

/* Parses one item's JSON text as article number `line`. */
static int add_item(serve_batch *b, size_t cap, const char *json, size_t len, long line,
                    serve_error *err) {
    if (b->n == cap) return fail(err, line, NULL, "too many articles in one request", 0);
    skein_error e;
    int rc = skein_json_article_parse(json, len, &b->items[b->n], &e);
    if (rc && e.message[0]) {
        char what[sizeof(err->message)];
        snprintf(what, sizeof(what), "%s: %s", skein_strerror(rc), e.message);
        return fail(err, line, e.field, what, rc);
    }
    if (rc) return fail(err, line, e.field, NULL, rc);
    b->n++;
    return 0;
}

static int only_space(const char *p, const char *end) {
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return 0;
    return 1;
}

int serve_parse_body(const char *body, size_t len, serve_batch *out, serve_error *err) {
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += body[i] == '\n';
    size_t cap = lines < MAX_ITEMS ? lines : MAX_ITEMS;
    const char *end = NULL;
    cJSON *whole = cJSON_ParseWithLengthOpts(body, len, &end, 0);
    if (whole && end && only_space(end, body + len)) {
        int rc = 0;
        if (cJSON_IsArray(whole)) { /* items numbered from 1 as "line" */
            int n = cJSON_GetArraySize(whole);
            cap = (size_t)n < MAX_ITEMS ? (size_t)n + 1 : MAX_ITEMS;
            if (!(out->items = calloc(cap, sizeof(*out->items))))
                rc = fail(err, 0, NULL, "out of memory", 0);
            const cJSON *x;
            long i = 0;
            cJSON_ArrayForEach(x, whole) {
                i++;
                if (rc) break;
                char *text = cJSON_PrintUnformatted(x);
                rc = text ? add_item(out, cap, text, strlen(text), i, err)
                          : fail(err, i, NULL, "out of memory", 0);
                free(text);
            }
        } else {
            if (!(out->items = calloc(1, sizeof(*out->items))))
                rc = fail(err, 0, NULL, "out of memory", 0);
            else
                rc = add_item(out, 1, body, len, 0, err);
        }
        cJSON_Delete(whole);
        if (!rc && !out->n) rc = fail(err, 0, NULL, "no articles in the body", 0);
        if (rc) serve_batch_release(out);
        return rc;
    }
    cJSON_Delete(whole);
    /* JSON lines */
    if (!(out->items = calloc(cap, sizeof(*out->items))))
        return fail(err, 0, NULL, "out of memory", 0);
    const char *p = body, *stop = body + len;
    long line = 0;
    while (p < stop) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        const char *e = nl ? nl : stop;
        line++;
        if (!only_space(p, e) && add_item(out, cap, p, (size_t)(e - p), line, err)) {
            serve_batch_release(out);
            return -1;
        }
        p = nl ? nl + 1 : stop;
    }
    if (!out->n) {
        serve_batch_release(out);
        return fail(err, 0, NULL, "no articles in the body", 0);
    }
    return 0;
}

void sbuf_vprintf(sbuf_t *b, const char *fmt, va_list ap) {
    if (b->failed) return;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n < 0 || b->len + (size_t)n + 1 > b->cap) {
        size_t cap = n < 0 ? 0 : (b->len + (size_t)n + 1) * 2;
        char *p = cap ? realloc(b->buf, cap) : NULL;
        if (!p) {
            free(b->buf);
            b->buf = NULL, b->len = b->cap = 0, b->failed = 1;
            return;
        }
        b->buf = p, b->cap = cap;
    }
    vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
    b->len += (size_t)n;
}
