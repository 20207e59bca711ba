/* reader.c -- the read stage: one JSON object becomes one skein_article.
 *
 * cJSON does the parsing; this file maps field names (skein's and
 * news-please's), checks types and UTF-8, and parses dates.  Line splitting
 * and size caps belong to the caller, which knows where the bytes came from. */
#include "skein.h"

#include "date.h"
#include "error.h"
#include "jsoncheck.h"
#include "jsondoc.h"
#include "url.h"
#include "utf8.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field names, first match wins: skein's, news-please's, trafilatura's.
 * A description is the text only when there is no other. */
static const char *const f_title[] = {"title", NULL};
static const char *const f_text[] = {"text", "maintext", "raw_text", "body", "description", NULL};
static const char *const f_lang[] = {"lang", "language", NULL};
static const char *const f_url[] = {"url", NULL};
static const char *const f_time[] = {"published", "date_publish", "date", NULL};
/* The outlet: a host name.  trafilatura's "source" is the page's address
 * and its "source-hostname" the site's name; both give way to a host. */
static const char *const f_source[] = {"source", "source_domain", "hostname", NULL};

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_from_civil(int y, int m, int d, int64_t *out) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && is_leap(y))) return -1;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = era * 146097 + doe - 719468;
    return 0;
}

/* Reads exactly n digits at *p into *v, advancing *p.  0 or -1. */
static int digits(const char **p, int n, int *v) {
    *v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return -1;
        *v = *v * 10 + (c - '0');
    }
    *p += n;
    return 0;
}

/* "[T ]HH:MM[:SS][.fff]" into h, mi, sec; leaves *p after it. */
static int parse_clock(const char **p, int *h, int *mi, int *sec) {
    if (**p != 'T' && **p != ' ') return 0;
    (*p)++;
    if (digits(p, 2, h) || *(*p)++ != ':' || digits(p, 2, mi)) return -1;
    if (**p == ':' && ((*p)++, digits(p, 2, sec))) return -1;
    if (**p == '.' || **p == ',')
        for ((*p)++; **p >= '0' && **p <= '9'; (*p)++) {
        }
    return *h <= 23 && *mi <= 59 && *sec <= 60 ? 0 : -1;
}

/* "Z", "+HH:MM", "+HHMM", "+HH" or nothing, as seconds east of UTC. */
static int parse_offset(const char **p, int64_t *off) {
    *off = 0;
    if (**p == 'Z') return (*p)++, 0;
    if (**p != '+' && **p != '-') return 0;
    int sign = *(*p)++ == '-' ? -1 : 1, oh, om = 0;
    if (digits(p, 2, &oh)) return -1;
    if (**p == ':') (*p)++;
    if (**p >= '0' && **p <= '9' && digits(p, 2, &om)) return -1;
    if (oh > 14 || om > 59) return -1;
    *off = sign * (int64_t)(oh * 3600 + om * 60);
    return 0;
}

int skein_parse_time(const char *s, int64_t *out) {
    if (!s || !out) return SKEIN_EINVAL;
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    int64_t off, days;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' || digits(&p, 2, &d))
        return SKEIN_EFIELD;
    if (parse_clock(&p, &h, &mi, &sec) || parse_offset(&p, &off) || *p ||
        days_from_civil(y, mo, d, &days))
        return SKEIN_EFIELD;
    *out = days * 86400 + h * 3600 + mi * 60 + sec - off;
    return SKEIN_OK;
}

static const cJSON *find(const cJSON *o, const char *const *names, const char **name) {
    for (; *names; names++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, *names);
        if (v && !cJSON_IsNull(v)) {
            *name = *names;
            return v;
        }
    }
    return NULL;
}

static const char *type_name(const cJSON *v) {
    return cJSON_IsString(v)   ? "a string"
           : cJSON_IsNumber(v) ? "a number"
           : cJSON_IsBool(v)   ? "a boolean"
           : cJSON_IsArray(v)  ? "an array"
           : cJSON_IsObject(v) ? "an object"
                               : "null";
}

/* A string field: NULL when absent; error when not a string or bad UTF-8. */
static int get_str(const cJSON *o, const char *const *names, const char **out, skein_error *err) {
    const char *name = names[0];
    const cJSON *v = find(o, names, &name);
    *out = NULL;
    if (!v) return SKEIN_OK;
    if (!cJSON_IsString(v))
        return skein__fail(err, SKEIN_EFIELD, name, "\"%s\" is %s, not a string", name,
                           type_name(v));
    size_t n = strlen(v->valuestring), ok = skein__utf8_check(v->valuestring, n);
    if (ok != n)
        return skein__fail(err, SKEIN_EUTF8, name, "\"%s\" is not valid UTF-8 at byte %zu", name,
                           ok);
    *out = v->valuestring;
    return SKEIN_OK;
}

/* The id: a non-empty string, or an integer turned into its decimal text.
 * *out is NULL when the record has none (absent or null). */
static int get_id(cJSON *o, const char **out, skein_error *err) {
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
    *out = NULL;
    if (!v || cJSON_IsNull(v)) return SKEIN_OK;
    if (cJSON_IsNumber(v)) { /* integers only, and only those a double holds exactly */
        double x = v->valuedouble;
        if (!(x > -9007199254740992.0 && x < 9007199254740992.0) || x != (double)(int64_t)x)
            return skein__fail(err, SKEIN_EFIELD, "id",
                               "\"id\" is a number that is no exact integer");
        char buf[32];
        snprintf(buf, sizeof(buf), "%lld", (long long)x);
        cJSON *s = cJSON_CreateString(buf);
        if (!s) return skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
        cJSON_ReplaceItemInObjectCaseSensitive(o, "id", s);
        v = s;
    }
    if (!cJSON_IsString(v))
        return skein__fail(err, SKEIN_EFIELD, "id", "\"id\" is %s, not a string", type_name(v));
    if (!*v->valuestring) return skein__fail(err, SKEIN_ENOID, "id", "\"id\" is empty");
    size_t n = strlen(v->valuestring), ok = skein__utf8_check(v->valuestring, n);
    if (ok != n)
        return skein__fail(err, SKEIN_EUTF8, "id", "\"id\" is not valid UTF-8 at byte %zu", ok);
    *out = v->valuestring;
    return SKEIN_OK;
}

/* A date as a number: Unix seconds or milliseconds (as the date reader
 * takes them), else seconds in years 0..9999. */
static int number_time(double x, const char *name, int64_t *out, skein_error *err) {
    char buf[32];
    if (x >= 0 && x < 1e14 && x == (double)(int64_t)x) {
        int n = snprintf(buf, sizeof(buf), "%lld", (long long)x);
        if (skein__date_parse(buf, (size_t)n, out) == 0) return SKEIN_OK;
    }
    if (!(x > -62167219200.0 && x < 253402300800.0))
        return skein__fail(err, SKEIN_EFIELD, name,
                           "\"%s\" is out of range for Unix seconds: %.17g", name, x);
    *out = (int64_t)x;
    return SKEIN_OK;
}

static int get_time(const cJSON *o, int64_t *out, skein_error *err) {
    const char *name = f_time[0], *s;
    *out = SKEIN_NO_TIME;
    const cJSON *v = find(o, f_time, &name);
    if (!v) return SKEIN_OK;
    if (cJSON_IsNumber(v)) return number_time(v->valuedouble, name, out, err);
    if (!cJSON_IsString(v))
        return skein__fail(err, SKEIN_EFIELD, name, "\"%s\" is %s, not a date", name, type_name(v));
    s = v->valuestring;
    size_t n = strlen(s);
    if (n && skein__date_parse(s, n, out) != 0)
        return skein__fail(err, SKEIN_EFIELD, name, "\"%s\" is no date skein reads: \"%.*s\"", name,
                           (int)skein__utf8_cut(s, n, 40), s);
    return SKEIN_OK;
}

static int looks_like_url(const char *s) { return s && strstr(s, "://") != NULL; }

/* Adds a string the record did not have under a name no record uses; the
 * object owns it.  Returns it, or NULL on ENOMEM. */
static const char *add_own(cJSON *o, const char *name, const char *value) {
    cJSON *v = cJSON_AddStringToObject(o, name, value);
    return v ? v->valuestring : NULL;
}

/* The page's address: "url", else trafilatura's "source" when it is one. */
static int get_url(cJSON *o, const char **out, skein_error *err) {
    static const char *const f_source_url[] = {"source", NULL};
    const char *src = NULL;
    int rc = get_str(o, f_url, out, err);
    if (rc || *out) return rc;
    if ((rc = get_str(o, f_source_url, &src, err))) return rc;
    if (looks_like_url(src)) *out = src;
    return SKEIN_OK;
}

/* A host name as an address's host is written ("www.Wire.example" ->
 * "wire.example"); a name that is no host ("Reuters") is kept. */
static int host_name(cJSON *o, const char **name, skein_error *err) {
    char url[300], host[256];
    if (strpbrk(*name, " /:@") || !strchr(*name, '.') || strlen(*name) > 250) return SKEIN_OK;
    snprintf(url, sizeof(url), "http://%s/", *name);
    if (skein__url_host(url, host, sizeof(host)) || !strcmp(host, *name)) return SKEIN_OK;
    if (!(*name = add_own(o, "\x01host", host))) return skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
    return SKEIN_OK;
}

/* The outlet as a host name: the first of source, source_domain,
 * hostname that is no address; else the host of one; else the site's
 * name ("source-hostname"). */
static int get_source(cJSON *o, const char *url, const char **out, skein_error *err) {
    static const char *const f_site[] = {"source-hostname", NULL};
    const char *addr = NULL;
    for (const char *const *f = f_source; *f; f++) {
        const char *const one[] = {*f, NULL};
        int rc = get_str(o, one, out, err);
        if (rc) return rc;
        if (*out && *out[0] && !looks_like_url(*out)) return host_name(o, out, err);
        if (*out && !addr && looks_like_url(*out)) addr = *out;
    }
    char host[256];
    if ((addr && !skein__url_host(addr, host, sizeof(host))) ||
        (url && !skein__url_host(url, host, sizeof(host)))) {
        if (!(*out = add_own(o, "\x01source", host)))
            return skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
        return SKEIN_OK;
    }
    return get_str(o, f_site, out, err);
}

int skein_article_make_id(const skein_article *a, char *id, size_t cap) {
    if (!a || !id || !cap) return SKEIN_EINVAL;
    *id = 0;
    sbuf b;
    skein__sbuf_init(&b);
    int rc = SKEIN_OK;
    if (a->url && skein__url_resolve(NULL, a->url, &b) == 0 && b.len) {
        if (b.len >= cap)
            rc = SKEIN_ETOOBIG;
        else
            memcpy(id, b.buf, b.len + 1);
    } else if ((a->title && *a->title) || (a->text && *a->text)) {
        uint64_t h = skein__hash(a->title ? a->title : "", a->title ? strlen(a->title) : 0);
        h = skein__hash_salt(a->text ? a->text : "", a->text ? strlen(a->text) : 0, h);
        if (snprintf(id, cap, "text:%016llx", (unsigned long long)h) >= (int)cap)
            rc = SKEIN_ETOOBIG, *id = 0;
    } else {
        rc = SKEIN_ENOID;
    }
    skein__sbuf_release(&b);
    return rc;
}

/* A record with no id gets one from its address, else its text. */
static int default_id(cJSON *o, skein_article *a, skein_error *err) {
    char id[4096];
    int rc = skein_article_make_id(a, id, sizeof(id));
    if (rc == SKEIN_ENOID)
        return skein__fail(err, SKEIN_ENOID, "id",
                           "no \"id\", and no address or text to make one from");
    if (rc == SKEIN_ETOOBIG)
        return skein__fail(err, SKEIN_ETOOBIG, "url",
                           "no \"id\", and the address is too long "
                           "to be one");
    if (!(a->id = add_own(o, "\x01id", id))) return skein__fail(err, SKEIN_ENOMEM, NULL, NULL);
    return SKEIN_OK;
}

static int fill(cJSON *o, skein_article *a, skein_error *err) {
    int rc;
    if ((rc = get_id(o, &a->id, err))) return rc;
    if ((rc = get_str(o, f_title, &a->title, err)) || (rc = get_str(o, f_text, &a->text, err)) ||
        (rc = get_str(o, f_lang, &a->lang, err)) || (rc = get_url(o, &a->url, err)) ||
        (rc = get_source(o, a->url, &a->source, err)))
        return rc;
    if (!a->id && (rc = default_id(o, a, err))) return rc;
    return get_time(o, &a->published, err);
}

/* cJSON keeps the place of its last error in a global it writes on every
 * parse: parses are serialised so that engines on several threads (and
 * servers' connection threads) do not race on it. */
static pthread_mutex_t cjson_lock = PTHREAD_MUTEX_INITIALIZER;

cJSON *skein__json_parse(const char *json, size_t len, const char **end) {
    pthread_mutex_lock(&cjson_lock);
    cJSON *o = cJSON_ParseWithLengthOpts(json, len, end, 0);
    pthread_mutex_unlock(&cjson_lock);
    return o;
}

static size_t skip_space(const char *s, size_t len, size_t i) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    return i;
}

/* What input that is no JSON object is instead, as SKEIN_EPARSE with its
 * cause; `o` is what cJSON made of it (NULL: invalid JSON, broken at
 * `bad`), `rest` where text follows a whole value. */
/* 2 when json[0..len) ends inside a string, 1 with a bracket still open, 0
 * else: input cut short, or an object spread over lines (cJSON reports the
 * first at the string's start, the second at the last byte, like a wrong
 * last byte). */
static int ends_open(const char *json, size_t len) {
    long depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return in_string ? 2 : depth > 0;
}

/* Where the first bad byte of binary input is: a NUL, or invalid UTF-8. */
static int binary(const char *json, size_t len, skein_error *err) {
    const char *nul = memchr(json, 0, len);
    size_t valid = skein__utf8_check(json, len), at = valid;
    if (!nul && valid == len) return 0;
    if (nul && (size_t)(nul - json) < valid) at = (size_t)(nul - json);
    skein__fail(err, SKEIN_EPARSE, NULL, "binary data, not text (byte %zu)", at);
    skein__error_at(err, json, len, at);
    return 1;
}

/* What input that is no JSON object is instead, as SKEIN_EPARSE with its
 * cause; `o` is what cJSON made of it (NULL: invalid JSON, broken at
 * `bad`), `rest` where text follows a whole value. */
static int diagnose(const char *json, size_t len, const cJSON *o, const char *bad, size_t rest,
                    skein_error *err) {
    size_t first = skip_space(json, len, 0);
    if (binary(json, len, err)) return SKEIN_EPARSE;
    if (first == len) return skein__fail(err, SKEIN_EPARSE, NULL, "an empty line");
    if (json[first] == '<')
        return skein__fail(err, SKEIN_EPARSE, NULL, "looks like HTML: read it as a page (.html)");
    if (o && cJSON_IsArray(o))
        return skein__fail(err, SKEIN_EPARSE, NULL,
                           "a JSON array: JSON lines take one object per line");
    if (o && !cJSON_IsObject(o))
        return skein__fail(err, SKEIN_EPARSE, NULL, "a JSON %s, not an object",
                           cJSON_IsString(o)   ? "string"
                           : cJSON_IsNumber(o) ? "number"
                                               : "literal");
    if (o) {
        skein__fail(err, SKEIN_EPARSE, NULL, "text after the JSON object");
        return skein__error_at(err, json, len, rest), SKEIN_EPARSE;
    }
    if (json[first] == '{' && skip_space(json, len, first + 1) == len)
        return skein__fail(err, SKEIN_EPARSE, NULL,
                           "a pretty-printed JSON object: use a .json file or JSON lines");
    const char *expected = NULL;
    size_t at = skein__json_check(json, len, &expected);
    if (!expected) /* cJSON refused what the grammar takes: its place, no expectation */
        at = bad && bad >= json && bad <= json + len ? (size_t)(bad - json) : len;
    if (at >= len && ends_open(json, len)) {
        skein__fail(err, SKEIN_EPARSE, NULL,
                    "the JSON ends before its object does (cut short, or spread over lines?): "
                    "expected %s",
                    expected ? expected : "more");
        return skein__error_at(err, json, len, len), SKEIN_EPARSE;
    }
    const char *nl = memchr(json + at, '\n', len - at); /* the snippet stays on its line */
    size_t shown = skein__utf8_cut(json + at, nl ? (size_t)(nl - (json + at)) : len - at, 12);
    while (shown && (json[at + shown - 1] == '\r' || json[at + shown - 1] == ' ')) shown--;
    skein__fail(err, SKEIN_EPARSE, NULL, "invalid JSON at '%.*s'%s%s", (int)shown, json + at,
                expected ? ": expected " : "", expected ? expected : "");
    skein__error_at(err, json, len, at);
    return SKEIN_EPARSE;
}

int skein_json_article_parse(const char *json, size_t len, skein_json_article *out,
                             skein_error *err) {
    skein__error_clear(err);
    if (!json || !out) return skein__fail(err, SKEIN_EINVAL, NULL, NULL);
    memset(out, 0, sizeof(*out));
    out->a.published = SKEIN_NO_TIME;
    const char *end = NULL;
    /* a NUL byte cuts a JSON string short in cJSON's hands: refused first */
    cJSON *o = memchr(json, 0, len) ? NULL : skein__json_parse(json, len, &end);
    size_t rest = o ? skip_space(json, len, (size_t)(end - json)) : 0;
    if (!cJSON_IsObject(o) || rest != len) {
        int rc = diagnose(json, len, o, end, rest, err);
        cJSON_Delete(o);
        return rc;
    }
    return skein__json_article_take(o, out, err);
}

int skein__json_article_take(cJSON *o, skein_json_article *out, skein_error *err) {
    memset(out, 0, sizeof(*out));
    out->a.published = SKEIN_NO_TIME;
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return skein__fail(err, SKEIN_EPARSE, NULL, "not a JSON object");
    }
    out->owned = o;
    int rc = fill(o, &out->a, err);
    if (rc) skein_json_article_release(out);
    return rc;
}

void skein_json_article_release(skein_json_article *ja) {
    if (!ja) return;
    cJSON_Delete(ja->owned);
    memset(ja, 0, sizeof(*ja));
    ja->a.published = SKEIN_NO_TIME;
}
