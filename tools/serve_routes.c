/* serve_routes.c -- the routes of `skein serve`: what each request gets.
 *
 * Reads go to a read-only store handle of their connection's thread (WAL:
 * they see the last commit and never wait for a writer).  Posted articles
 * are parsed and checked outside any lock, then linked and committed by the
 * one writer handle, with those of the requests posted meanwhile
 * (serve_commit.c): a 200 answer means the articles are committed.  If a
 * commit fails, the writer is opened again, which restores the engine from
 * what was committed.  A standby (serve_role.c) answers reads and refuses
 * writes with 503.
 *
 * Routes (README, "HTTP API"): GET / (the page, app.js, style.css),
 * /healthz, /metrics, /v1/stories, /v1/stories/{id}, /v1/stories/{id}/coverage,
 * /v1/articles/{id}, /v1/names, /v1/names/{key}; POST /v1/articles with the
 * token; the Atom feeds /v1/stories.atom and /v1/stories/{id}.atom
 * (serve_atom.c). */
#include "serve_routes.h"

#include "input.h"
#include "serve_atom.h"
#include "serve_http.h"
#include "story_json.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const char skein_web_index_html[], skein_web_index_html_end[];
extern const char skein_web_app_js[], skein_web_app_js_end[];
extern const char skein_web_style_css[], skein_web_style_css_end[];

#define MAX_ITEMS 100000 /* articles in one request */

static const double buckets[NBUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,   0.25,   0.5,   1,    2.5,   5};
static const char *const route_names[NROUTES] = {"page",  "healthz",  "metrics", "stories",
                                                 "story", "coverage", "article", "post_articles",
                                                 "names", "name",     "other"};
static const int codes[NCODES] = {200, 400, 401, 404, 405, 413, 415, 500, 503};

typedef struct request {
    double t0;
    int route, status;
    char *body;
    size_t len, cap;
    int too_big, want_body, page; /* page: the body is a web page (text/html) */
    char etag[24], modified[40];  /* validators of the answer (feeds), "" for none */
} request;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void serve_close_reader(void *p) { skein_store_free(p); }

/* This thread's read-only handle (opened on first use); when it cannot be
 * opened, why in `why`, if given: what the store's schema says (an older
 * one waits for its writer), never the database's address. */
static skein_store *reader(server *sv, char *why, size_t n) {
    skein_store *r = pthread_getspecific(sv->reader_key);
    skein_error err;
    if (!r && (r = skein_store_new(sv->db, SKEIN_STORE_READONLY, &err)))
        pthread_setspecific(sv->reader_key, r);
    if (!r && why) {
        char where[256];
        size_t w = strlen(skein_store_where(sv->db, where, sizeof(where)));
        const char *m = strncmp(err.message, where, w) || err.message[w] != ':'
                            ? err.message
                            : err.message + w + 2;
        if (strncmp(m, "schema ", 7) && strncmp(m, "written by a newer skein", 24)) m = NULL;
        snprintf(why, n, "the store cannot be read%s%s", m ? ": " : "", m ? m : "");
    }
    return r;
}

#define CSP                                                                                        \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static enum MHD_Result reply(struct MHD_Connection *c, request *rq, int status, const char *type,
                             const void *body, size_t len, enum MHD_ResponseMemoryMode mode) {
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE) free((void *)body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* The page runs only its own script and style, in no one's frame. */
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (status == 405)
        MHD_add_response_header(r, "Allow", rq->route == R_POST ? "POST" : "GET, HEAD");
    if (status == 401) MHD_add_response_header(r, "WWW-Authenticate", "Bearer");
    if (rq->etag[0]) MHD_add_response_header(r, "ETag", rq->etag);
    if (rq->modified[0]) MHD_add_response_header(r, "Last-Modified", rq->modified);
    rq->status = status;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *c, request *rq, int status, char *json) {
    if (!json)
        return reply(c, rq, 500, "application/json", "{\"error\":\"out of memory\",\"status\":500}",
                     38, MHD_RESPMEM_PERSISTENT);
    return reply(c, rq, status, "application/json", json, strlen(json), MHD_RESPMEM_MUST_FREE);
}

/* {"error": msg, "status": status[, "field": field][, "line": line]} */
static enum MHD_Result send_error(struct MHD_Connection *c, request *rq, int status,
                                  const char *msg, const char *field, long line) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", msg);
    cJSON_AddNumberToObject(o, "status", status);
    if (field) cJSON_AddStringToObject(o, "field", field);
    if (line > 0) cJSON_AddNumberToObject(o, "line", (double)line);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return send_json(c, rq, status, json);
}

static int status_of(int rc) {
    return rc == SKEIN_ENOTFOUND ? 404 : rc == SKEIN_EINVAL ? 400 : rc == SKEIN_ENOMEM ? 503 : 500;
}

/* ---- GET -------------------------------------------------------------------- */

static int parse_id(const char *s, uint64_t *id) {
    char *end;
    if (*s < '1' || *s > '9') return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > INT64_MAX) return -1;
    *id = v;
    return 0;
}

static const char *arg(struct MHD_Connection *c, const char *name) {
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

static int arg_count(struct MHD_Connection *c, const char *name, size_t max, size_t *out) {
    const char *v = arg(c, name);
    if (!v) return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (!*v || *end || errno || n < 1 || n > max) return -1;
    *out = (size_t)n;
    return 0;
}

static int arg_time(struct MHD_Connection *c, const char *name, int64_t *out) {
    const char *v = arg(c, name);
    *out = SKEIN_NO_TIME;
    return v && skein_parse_time(v, out) != SKEIN_OK ? -1 : 0;
}

/* An Atom feed made from a JSON answer (consumed): 200, or 304 when the
 * client has it already. */
static enum MHD_Result send_atom(struct MHD_Connection *c, request *rq, int rc, atom_doc *d) {
    if (rc) return send_error(c, rq, status_of(rc), skein_strerror(rc), NULL, 0);
    snprintf(rq->etag, sizeof(rq->etag), "%s", d->etag);
    snprintf(rq->modified, sizeof(rq->modified), "%s", d->last_modified);
    if (atom_not_modified(c, d)) {
        free(d->xml);
        return reply(c, rq, 304, "application/atom+xml; charset=utf-8", "", 0,
                     MHD_RESPMEM_PERSISTENT);
    }
    return reply(c, rq, 200, "application/atom+xml; charset=utf-8", d->xml, d->len,
                 MHD_RESPMEM_MUST_FREE);
}

/* GET /v1/stories, and its Atom feed (atom: /v1/stories.atom). */
static enum MHD_Result get_stories(struct MHD_Connection *c, request *rq, server *sv,
                                   skein_store *st, int atom) {
    skein_story_query q = {arg(c, "lang"),   SKEIN_NO_TIME,     SKEIN_NO_TIME, arg(c, "q"), 0,
                           arg(c, "cursor"), SKEIN_ORDER_RECENT};
    size_t top = 0;
    const char *sort = arg(c, "sort");
    if (sort && strcmp(sort, "recent") && strcmp(sort, "important") && strcmp(sort, "growing"))
        return send_error(c, rq, 400, "sort must be recent, important or growing", "sort", 0);
    if (sort && !strcmp(sort, "important")) q.order = SKEIN_ORDER_IMPORTANT;
    if (arg_count(c, "limit", 1000, &q.limit))
        return send_error(c, rq, 400, "limit must be a whole number from 1 to 1000", "limit", 0);
    if (arg_count(c, "top", 1000, &top))
        return send_error(c, rq, 400, "top must be a whole number from 1 to 1000", "top", 0);
    if (arg_time(c, "since", &q.since))
        return send_error(c, rq, 400, "since must be an ISO 8601 date or time", "since", 0);
    if (arg_time(c, "until", &q.until))
        return send_error(c, rq, 400, "until must be an ISO 8601 date or time", "until", 0);
    char *json = NULL;
    if (!top && sort && !strcmp(sort, "growing")) top = q.limit ? q.limit : 50;
    int rc = top ? skein_store_top(st, &q, top, &json) : skein_store_query(st, &q, &json);
    if (rc == SKEIN_EINVAL)
        return send_error(c, rq, 400, "cursor is not one this server gave for this sort", "cursor",
                          0);
    if (rc == SKEIN_EFIELD) return send_error(c, rq, 400, skein_store_errmsg(st), "q", 0);
    if (rc) return send_error(c, rq, status_of(rc), skein_strerror(rc), NULL, 0);
    if (atom) {
        atom_doc d;
        rc = atom_stories(c, sv, st, json, &d);
        free(json);
        return send_atom(c, rq, rc, &d);
    }
    return send_json(c, rq, 200, json);
}

static enum MHD_Result get_story(struct MHD_Connection *c, request *rq, server *sv, skein_store *st,
                                 const char *rest) {
    char idbuf[32];
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    int coverage = slash && strcmp(slash, "/coverage") == 0;
    int atom = !slash && n > 5 && !strcmp(rest + n - 5, ".atom"); /* /v1/stories/{id}.atom */
    if (atom) n -= 5;
    uint64_t id;
    if ((slash && !coverage) || n >= sizeof(idbuf))
        return send_error(c, rq, 404, "no such resource", NULL, 0);
    memcpy(idbuf, rest, n);
    idbuf[n] = 0;
    if (parse_id(idbuf, &id)) return send_error(c, rq, 404, "no such story", NULL, 0);
    rq->route = coverage ? R_COVERAGE : R_STORY;
    char *json = NULL;
    const char *lang = coverage || atom ? NULL : arg(c, "lang");
    int rc = coverage ? skein_store_coverage_json(st, id, &json)
             : lang   ? story_told_again(st, id, lang, &json) /* headline, lead, names in it */
                      : skein_store_story_json(st, id, &json);
    if (rc == SKEIN_ENOTFOUND) return send_error(c, rq, 404, "no such story", NULL, 0);
    if (rc) return send_error(c, rq, status_of(rc), skein_strerror(rc), NULL, 0);
    if (atom) {
        atom_doc d;
        rc = atom_story(c, sv, st, json, &d);
        free(json);
        return send_atom(c, rq, rc, &d);
    }
    return send_json(c, rq, 200, json);
}

static enum MHD_Result get_article(struct MHD_Connection *c, request *rq, skein_store *st,
                                   const char *id) {
    char *json = NULL;
    int rc = *id ? skein_store_article_json(st, id, &json) : SKEIN_ENOTFOUND;
    if (rc == SKEIN_ENOTFOUND) return send_error(c, rq, 404, "no such article", NULL, 0);
    if (rc) return send_error(c, rq, status_of(rc), skein_strerror(rc), NULL, 0);
    return send_json(c, rq, 200, json);
}

/* /v1/names?q=&limit= (a search), /v1/names/{key} (one name). */
static enum MHD_Result get_names(struct MHD_Connection *c, request *rq, skein_store *st,
                                 const char *key) {
    size_t limit = 0;
    if (!key && arg_count(c, "limit", 1000, &limit))
        return send_error(c, rq, 400, "limit must be a whole number from 1 to 1000", "limit", 0);
    char *json = NULL;
    int rc = key ? skein_store_name_json(st, key, &json)
                 : skein_store_names_json(st, arg(c, "q"), limit, &json);
    if (rc == SKEIN_ENOTFOUND) return send_error(c, rq, 404, "no such name", NULL, 0);
    if (rc) return send_error(c, rq, status_of(rc), skein_strerror(rc), NULL, 0);
    return send_json(c, rq, 200, json);
}

static enum MHD_Result get_metrics(struct MHD_Connection *c, request *rq, server *sv,
                                   skein_store *st) {
    sbuf_t b = {0};
    metrics *m = &sv->m;
    sbuf_printf(&b,
                "# HELP skein_http_requests_total HTTP requests answered, by route and status.\n"
                "# TYPE skein_http_requests_total counter\n");
    for (int r = 0; r < NROUTES; r++)
        for (size_t k = 0; k < NCODES; k++) {
            unsigned long v = atomic_load(&m->requests[r][k]);
            if (v)
                sbuf_printf(&b, "skein_http_requests_total{route=\"%s\",code=\"%d\"} %lu\n",
                            route_names[r], codes[k], v);
        }
    sbuf_printf(&b,
                "# HELP skein_http_request_duration_seconds Time to answer a request, by route.\n"
                "# TYPE skein_http_request_duration_seconds histogram\n");
    for (int r = 0; r < NROUTES; r++) {
        unsigned long total = 0;
        for (size_t k = 0; k <= NBUCKETS; k++) total += atomic_load(&m->hist[r][k]);
        if (!total) continue;
        unsigned long cum = 0;
        for (size_t k = 0; k < NBUCKETS; k++) {
            cum += atomic_load(&m->hist[r][k]);
            sbuf_printf(&b,
                        "skein_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
                        route_names[r], buckets[k], cum);
        }
        sbuf_printf(&b,
                    "skein_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
                    route_names[r], total);
        sbuf_printf(&b, "skein_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
                    route_names[r], (double)atomic_load(&m->usec_sum[r]) / 1e6);
        sbuf_printf(&b, "skein_http_request_duration_seconds_count{route=\"%s\"} %lu\n",
                    route_names[r], total);
    }
    sbuf_printf(
        &b,
        "# HELP skein_articles_posted_total Articles received through POST /v1/articles.\n"
        "# TYPE skein_articles_posted_total counter\nskein_articles_posted_total %lu\n"
        "# HELP skein_articles_added_total Articles linked and committed.\n"
        "# TYPE skein_articles_added_total counter\nskein_articles_added_total %lu\n"
        "# HELP skein_articles_duplicate_total Articles refused as already stored.\n"
        "# TYPE skein_articles_duplicate_total counter\nskein_articles_duplicate_total %lu\n"
        "# HELP skein_articles_rejected_total Articles refused as unusable (bad JSON, fields, "
        "empty).\n"
        "# TYPE skein_articles_rejected_total counter\nskein_articles_rejected_total %lu\n"
        "# HELP skein_ingest_seconds_total Time spent linking and committing posted articles.\n"
        "# TYPE skein_ingest_seconds_total counter\nskein_ingest_seconds_total %.6f\n",
        atomic_load(&m->posted), atomic_load(&m->added), atomic_load(&m->duplicates),
        atomic_load(&m->rejected), (double)atomic_load(&m->ingest_usec) / 1e6);
    skein_store_stats k;
    if (skein_store_get_stats(st, &k) == SKEIN_OK)
        sbuf_printf(
            &b,
            "# HELP skein_store_articles Articles in the store.\n# TYPE skein_store_articles "
            "gauge\n"
            "skein_store_articles %" PRIu64 "\n"
            "# HELP skein_store_stories Stories in the store.\n# TYPE skein_store_stories gauge\n"
            "skein_store_stories %" PRIu64 "\n"
            "# HELP skein_store_open_stories Stories that can still grow.\n"
            "# TYPE skein_store_open_stories gauge\nskein_store_open_stories %" PRIu64 "\n",
            k.articles, k.stories, k.open_stories);
    sbuf_printf(&b,
                "# HELP skein_role What this server does with the store (1 for its role).\n"
                "# TYPE skein_role gauge\nskein_role{role=\"%s\"} 1\n"
                "# HELP skein_takeovers_total Times this server became the writer after waiting as "
                "a standby.\n"
                "# TYPE skein_takeovers_total counter\nskein_takeovers_total %lu\n",
                serve_role_name(sv), atomic_load(&sv->takeovers));
    serve_commit_metrics(sv, &b);
    double lag = 0;
    if (skein_store_lag(st, &lag) == SKEIN_OK)
        sbuf_printf(
            &b,
            "# HELP skein_replication_lag_seconds How far the store this server reads is "
            "behind its primary (0 when caught up).\n"
            "# TYPE skein_replication_lag_seconds gauge\nskein_replication_lag_seconds %.3f\n",
            lag);
    sbuf_printf(&b,
                "# HELP skein_uptime_seconds Seconds since the server started.\n# TYPE "
                "skein_uptime_seconds gauge\n"
                "skein_uptime_seconds %ld\n",
                (long)(time(NULL) - sv->started));
    if (!b.buf) return send_error(c, rq, 503, "out of memory", NULL, 0);
    return reply(c, rq, 200, "text/plain; version=0.0.4; charset=utf-8", b.buf, b.len,
                 MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result page(struct MHD_Connection *c, request *rq, const char *url) {
    const char *start = NULL, *end = NULL, *type = NULL;
    if (!strcmp(url, "/") || !strcmp(url, "/index.html"))
        start = skein_web_index_html, end = skein_web_index_html_end,
        type = "text/html; charset=utf-8";
    else if (!strcmp(url, "/app.js"))
        start = skein_web_app_js, end = skein_web_app_js_end,
        type = "text/javascript; charset=utf-8";
    else if (!strcmp(url, "/style.css"))
        start = skein_web_style_css, end = skein_web_style_css_end,
        type = "text/css; charset=utf-8";
    if (!start) return send_error(c, rq, 404, "no such resource", NULL, 0);
    return reply(c, rq, 200, type, start, (size_t)(end - start), MHD_RESPMEM_PERSISTENT);
}

/* ---- POST /v1/articles -------------------------------------------------------- */

static int token_ok(server *sv, struct MHD_Connection *c) {
    if (!sv->has_token) return 0;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    const char *given = NULL;
    if (h && !strncasecmp(h, "Bearer ", 7)) given = h + 7;
    if (!given) given = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Skein-Token");
    if (!given) return 0;
    size_t n = strlen(sv->token), m = strlen(given);
    unsigned char diff = (unsigned char)(n != m);
    for (size_t i = 0; i < n; i++) diff |= (unsigned char)(sv->token[i] ^ (i < m ? given[i] : 0));
    return diff == 0;
}

/* A web page's types: the body is read as a page. */
static int page_type(const char *ct) {
    if (!ct) return 0;
    static const char *const ok[] = {"text/html", "application/xhtml+xml"};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        size_t n = strlen(ok[i]);
        if (!strncasecmp(ct, ok[i], n) && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ')) return 1;
    }
    return 0;
}

static int json_type(const char *ct) {
    if (!ct) return 0;
    static const char *const ok[] = {"application/json", "application/x-ndjson",
                                     "application/jsonl", "application/x-jsonlines",
                                     "application/jsonlines"};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        size_t n = strlen(ok[i]);
        if (!strncasecmp(ct, ok[i], n) && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ')) return 1;
    }
    return 0;
}

/* 400 for a body refused: the status's name and the cause, the field, and
 * where: line and column in the body, the article's number. */
static enum MHD_Result send_refusal(struct MHD_Connection *c, request *rq, int rc,
                                    const skein_error *err) {
    cJSON *o = cJSON_CreateObject();
    char msg[sizeof(err->message) + 64];
    snprintf(msg, sizeof(msg), "%s%s%s", skein_strerror(rc), err->message[0] ? ": " : "",
             err->message);
    cJSON_AddStringToObject(o, "error", msg);
    cJSON_AddNumberToObject(o, "status", 400);
    if (err->field) cJSON_AddStringToObject(o, "field", err->field);
    if (err->line) cJSON_AddNumberToObject(o, "line", (double)err->line);
    if (err->column) cJSON_AddNumberToObject(o, "column", (double)err->column);
    if (err->item) cJSON_AddNumberToObject(o, "item", (double)err->item);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return send_json(c, rq, 400, json);
}

/* 503 from a standby or a reader, with the writer's address when the store
 * knows it. */
static enum MHD_Result not_writer(struct MHD_Connection *c, request *rq, server *sv) {
    skein_store *st = reader(sv, NULL, 0);
    char *addr = NULL;
    if (st) skein_store_get_note(st, "writer", &addr);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error",
                            atomic_load(&sv->role) == ROLE_READER
                                ? "this server only reads the store (--read-only): send writes "
                                  "to the writer; nothing of this request was kept"
                                : "this server is a standby: another server writes the store; "
                                  "nothing of this request was kept");
    cJSON_AddNumberToObject(o, "status", 503);
    if (addr) cJSON_AddStringToObject(o, "writer", addr);
    free(addr);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return send_json(c, rq, 503, json);
}

/* The posted articles: a JSON document's, or a page's (its address from
 * ?url=, its charset from the Content-Type).  *arts points into what
 * batch or doc own. */
static int posted(struct MHD_Connection *c, request *rq, skein_json_batch *batch, input_doc *doc,
                  skein_article **arts, size_t *n, skein_error *err) {
    memset(batch, 0, sizeof(*batch));
    memset(doc, 0, sizeof(*doc));
    const char *body = rq->body ? rq->body : "";
    int rc;
    if (rq->page) {
        rc = input_doc_parse(body, rq->len, INPUT_PAGE, NULL, arg(c, "url"),
                             MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"), doc,
                             err);
        *n = doc->n;
    } else {
        rc = skein_json_batch_parse(body, rq->len, MAX_ITEMS, batch, err);
        *n = batch->n;
    }
    if (rc) return rc;
    if (!(*arts = calloc(*n ? *n : 1, sizeof(**arts)))) return SKEIN_ENOMEM;
    for (size_t i = 0; i < *n; i++) (*arts)[i] = rq->page ? doc->items[i].a : batch->items[i].a;
    return SKEIN_OK;
}

/* The answer to a post whose articles were committed: each article's id
 * with its story, or why it was refused. */
static enum MHD_Result send_results(struct MHD_Connection *c, request *rq, server *sv,
                                    const serve_post *p) {
    cJSON *out = cJSON_CreateObject(), *results = cJSON_CreateArray();
    for (size_t i = 0; i < p->n; i++) {
        const serve_result *r = &p->results[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", p->arts[i].id);
        if (r->rc == SKEIN_OK) {
            cJSON_AddNumberToObject(x, "story", (double)r->story);
        } else {
            cJSON_AddStringToObject(x, "error", skein_strerror(r->rc));
            cJSON_AddStringToObject(x, "reason", r->reason ? r->reason : "");
            atomic_fetch_add(r->rc == SKEIN_EDUP ? &sv->m.duplicates : &sv->m.rejected, 1);
        }
        cJSON_AddItemToArray(results, x);
    }
    atomic_fetch_add(&sv->m.added, p->added);
    cJSON_AddNumberToObject(out, "added", (double)p->added);
    cJSON_AddNumberToObject(out, "refused", (double)p->refused);
    cJSON_AddItemToObject(out, "articles", results);
    char *json = cJSON_PrintUnformatted(out);
    cJSON_Delete(out);
    return send_json(c, rq, 200, json);
}

/* Parses the posted articles here, then has them committed with those of
 * the requests posted meanwhile (serve_commit.c) and answers after. */
static enum MHD_Result post_articles(struct MHD_Connection *c, request *rq, server *sv) {
    skein_json_batch batch;
    input_doc doc;
    skein_error err;
    skein_article *arts = NULL;
    size_t n = 0;
    int prc = posted(c, rq, &batch, &doc, &arts, &n, &err);
    if (prc) {
        skein_json_batch_release(&batch);
        input_doc_release(&doc);
        atomic_fetch_add(&sv->m.rejected, 1);
        return send_refusal(c, rq, prc, &err);
    }
    atomic_fetch_add(&sv->m.posted, n);
    serve_post p;
    enum MHD_Result ok;
    if (serve_post_init(&p, arts, n, rq->len)) {
        ok = send_error(c, rq, 503, "out of memory; nothing of this request was kept", NULL, 0);
    } else {
        serve_commit(sv, &p);
        if (p.status == POST_NOT_WRITER) {
            ok = not_writer(c, rq, sv);
        } else if (p.status == POST_FAILED) {
            char msg[700];
            snprintf(msg, sizeof(msg),
                     "the store could not commit; nothing of this request was kept (%s)", p.why);
            ok = send_error(c, rq, 503, msg, NULL, 0);
        } else {
            ok = send_results(c, rq, sv, &p);
        }
        serve_post_release(&p);
    }
    free(arts);
    skein_json_batch_release(&batch);
    input_doc_release(&doc);
    return ok;
}

/* ---- dispatch ------------------------------------------------------------------ */

static int route_of(const char *url) {
    if (!strcmp(url, "/") || !strcmp(url, "/index.html") || !strcmp(url, "/app.js") ||
        !strcmp(url, "/style.css"))
        return R_PAGE;
    if (!strcmp(url, "/healthz")) return R_HEALTH;
    if (!strcmp(url, "/metrics")) return R_METRICS;
    if (!strcmp(url, "/v1/stories") || !strcmp(url, "/v1/stories.atom")) return R_STORIES;
    if (!strncmp(url, "/v1/stories/", 12)) return R_STORY;
    if (!strcmp(url, "/v1/articles")) return R_POST;
    if (!strncmp(url, "/v1/articles/", 13)) return R_ARTICLE;
    if (!strcmp(url, "/v1/names")) return R_NAMES;
    if (!strncmp(url, "/v1/names/", 10)) return R_NAME;
    return R_OTHER;
}

enum MHD_Result serve_handle(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls) {
    (void)version;
    server *sv = cls;
    request *rq = *con_cls;
    if (!rq) { /* first call: headers only */
        if (!(rq = calloc(1, sizeof(*rq)))) return MHD_NO;
        rq->t0 = now_s();
        rq->route = route_of(url);
        *con_cls = rq;
        if (!strcmp(method, "POST") && rq->route == R_POST) {
            const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
            if (!token_ok(sv, c))
                return send_error(c, rq, 401,
                                  sv->has_token
                                      ? "missing or wrong token"
                                      : "writes are off: start the server with --token-file",
                                  NULL, 0);
            const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
            rq->page = page_type(ct);
            if (!rq->page && !json_type(ct))
                return send_error(c, rq, 415,
                                  "send application/json (one object or an array), "
                                  "application/x-ndjson (JSON lines) or text/html (a web page; "
                                  "?url= its address)",
                                  NULL, 0);
            if (len && strtoull(len, NULL, 10) > sv->max_body)
                return send_error(c, rq, 413, "request body over the cap (--max-body-bytes)", NULL,
                                  0);
            rq->want_body = 1; /* only an authorised post's body is kept */
        }
        return MHD_YES;
    }
    if (rq->status) { /* answered already (an error before the body): drop the body */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!rq->want_body) {
            /* dropped */
        } else if (rq->too_big || rq->len + *upload_size > sv->max_body) {
            rq->too_big = 1;
        } else {
            if (rq->len + *upload_size + 1 > rq->cap) {
                size_t cap = (rq->len + *upload_size + 1) * 2;
                if (cap > sv->max_body + 1) cap = sv->max_body + 1;
                char *p = realloc(rq->body, cap);
                if (!p) return MHD_NO;
                rq->body = p, rq->cap = cap;
            }
            memcpy(rq->body + rq->len, upload, *upload_size);
            rq->len += *upload_size;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int post = !strcmp(method, "POST");
    if (rq->route == R_OTHER) return send_error(c, rq, 404, "no such resource", NULL, 0);
    if (rq->route == R_POST) {
        if (!post) return send_error(c, rq, 405, "POST articles here", NULL, 0);
        if (rq->too_big)
            return send_error(c, rq, 413, "request body over the cap (--max-body-bytes)", NULL, 0);
        return post_articles(c, rq, sv);
    }
    if (!get) return send_error(c, rq, 405, "only GET here", NULL, 0);
    if (rq->route == R_PAGE) return page(c, rq, url);
    char why[600];
    skein_store *st = reader(sv, why, sizeof(why));
    if (!st) return send_error(c, rq, 503, why, NULL, 0);
    switch (rq->route) {
    case R_HEALTH: {
        char *h = malloc(64);
        if (!h) return send_error(c, rq, 503, "out of memory", NULL, 0);
        int n = snprintf(h, 64, "{\"status\":\"ok\",\"role\":\"%s\"}", serve_role_name(sv));
        return reply(c, rq, 200, "application/json", h, (size_t)n, MHD_RESPMEM_MUST_FREE);
    }
    case R_METRICS: return get_metrics(c, rq, sv, st);
    case R_STORIES: return get_stories(c, rq, sv, st, !strcmp(url, "/v1/stories.atom"));
    case R_STORY: return get_story(c, rq, sv, st, url + 12);
    case R_NAMES: return get_names(c, rq, st, NULL);
    case R_NAME: return get_names(c, rq, st, url + 10);
    default: return get_article(c, rq, st, url + 13);
    }
}

void serve_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                     enum MHD_RequestTerminationCode toe) {
    (void)c, (void)toe;
    server *sv = cls;
    request *rq = *con_cls;
    if (!rq) return;
    double dt = now_s() - rq->t0;
    size_t k = 0;
    while (k < NCODES && codes[k] != rq->status) k++;
    if (k < NCODES) atomic_fetch_add(&sv->m.requests[rq->route][k], 1);
    size_t b = 0;
    while (b < NBUCKETS && dt > buckets[b]) b++;
    atomic_fetch_add(&sv->m.hist[rq->route][b], 1);
    atomic_fetch_add(&sv->m.usec_sum[rq->route], (unsigned long)(dt * 1e6));
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}
