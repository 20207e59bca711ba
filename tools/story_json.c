/* story_json.c -- a story as one JSON line: the told story (skein_story_tell)
 * when it has one, else story, title, size, languages (counts), sources,
 * first_seen, last_seen, articles (id, lang, source, title). */
#include "story_json.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void format_time(int64_t t, char *buf, size_t n) {
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm)) snprintf(buf, n, "?");
}

void json_write_string(FILE *f, const char *s) {
    putc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            putc(*p, f);
    }
    putc('"', f);
}

static cJSON *time_or_null(int64_t t) {
    if (t == SKEIN_NO_TIME) return cJSON_CreateNull();
    char buf[32];
    format_time(t, buf, sizeof(buf));
    return cJSON_CreateString(buf);
}

static cJSON *str_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

/* Languages with their member counts, in order of first appearance. */
static cJSON *languages(const skein_story *s) {
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < s->size; i++) {
        const char *l = s->members[i].lang ? s->members[i].lang : "und";
        cJSON *c = cJSON_GetObjectItemCaseSensitive(o, l);
        if (c)
            cJSON_SetNumberValue(c, c->valuedouble + 1);
        else
            cJSON_AddNumberToObject(o, l, 1);
    }
    return o;
}

static cJSON *sources(const skein_story *s) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < s->size; i++) {
        const char *src = s->members[i].source;
        if (!src) continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = s->members[j].source && !strcmp(s->members[j].source, src);
        if (!seen) cJSON_AddItemToArray(a, cJSON_CreateString(src));
    }
    return a;
}

static cJSON *articles(const skein_story *s) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < s->size; i++) {
        const skein_member *m = &s->members[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToObject(o, "id", cJSON_CreateString(m->id));
        cJSON_AddItemToObject(o, "lang", str_or_null(m->lang));
        cJSON_AddItemToObject(o, "source", str_or_null(m->source));
        cJSON_AddItemToObject(o, "title", str_or_null(m->title));
        if (m->published != SKEIN_NO_TIME)
            cJSON_AddItemToObject(o, "published", time_or_null(m->published));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

int story_text_write(FILE *f, const skein_story *s) {
    cJSON *langs = languages(s);
    if (!langs) return -1;
    fprintf(f, "story %llu: %s\n  %zu article%s;", (unsigned long long)s->id,
            s->title ? s->title : "", s->size, s->size == 1 ? "" : "s");
    const cJSON *l;
    cJSON_ArrayForEach(l, langs) fprintf(f, " %s %d", l->string, (int)l->valuedouble);
    cJSON_Delete(langs);
    if (s->first_seen != SKEIN_NO_TIME) {
        char a[32], b[32];
        format_time(s->first_seen, a, sizeof(a)), format_time(s->last_seen, b, sizeof(b));
        fprintf(f, "; %s .. %s", a, b);
    }
    fputc('\n', f);
    for (size_t i = 0; i < s->size; i++) {
        const skein_member *m = &s->members[i];
        fprintf(f, "    [%s] %s%s%s%s\n", m->lang ? m->lang : "und", m->title ? m->title : "",
                m->source ? " (" : "", m->source ? m->source : "", m->source ? ")" : "");
    }
    return fputc('\n', f) == EOF ? -1 : 0;
}

int story_json_write(FILE *f, const skein_story *s) {
    if (s->report) return fprintf(f, "%s\n", s->report) < 0 ? -1 : 0; /* the story told */
    cJSON *o = cJSON_CreateObject();
    if (!o) return -1;
    cJSON_AddNumberToObject(o, "story", (double)s->id);
    cJSON_AddItemToObject(o, "title", str_or_null(s->title));
    cJSON_AddNumberToObject(o, "size", (double)s->size);
    cJSON_AddItemToObject(o, "languages", languages(s));
    cJSON_AddItemToObject(o, "sources", sources(s));
    cJSON_AddItemToObject(o, "first_seen", time_or_null(s->first_seen));
    cJSON_AddItemToObject(o, "last_seen", time_or_null(s->last_seen));
    cJSON_AddItemToObject(o, "articles", articles(s));
    char *txt = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!txt) return -1;
    int rc = fprintf(f, "%s\n", txt) < 0 ? -1 : 0;
    free(txt);
    return rc;
}

typedef struct told_again {
    const skein_tell_options *o;
    char *report;
    int rc;
} told_again;

static void tell_again(const skein_story *s, void *ud) {
    told_again *t = ud;
    t->rc = skein_story_tell(s, t->o, &t->report);
}

int story_told_again(skein_store *st, uint64_t id, const char *lang, char **out) {
    skein_tell_options o;
    skein_tell_options_default(&o);
    o.lang = lang;
    int64_t now;
    if (skein_store_latest(st, &now) == SKEIN_OK) o.now = now;
    told_again t = {&o, NULL, SKEIN_OK};
    int rc = skein_store_get_story(st, id, tell_again, &t);
    if (!rc) rc = t.rc;
    if (rc) free(t.report), t.report = NULL;
    *out = t.report;
    return rc;
}
