/* jsonld.c -- schema.org article fields from JSON-LD.  See jsonld.h.
 *
 * The walk is bounded in depth (MAX_DEPTH) so a hostile script cannot
 * make it recurse without end; cJSON bounds its own nesting. */
#include "jsonld.h"

#include "util.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8

typedef enum kind { K_OTHER, K_ARTICLE, K_PAGE, K_SITE } kind;

typedef struct walk {
    skein__arena *a;
    skein__ld *ld;
    int failed;
} walk;

/* The kind one @type name ("NewsArticle", "http://schema.org/BlogPosting"). */
static kind kind_of_name(const char *t) {
    const char *slash = strrchr(t, '/');
    if (slash) t = slash + 1;
    size_t n = strlen(t);
    if ((n >= 7 && strcmp(t + n - 7, "Article") == 0) || strcmp(t, "BlogPosting") == 0 ||
        strcmp(t, "LiveBlogPosting") == 0 || strcmp(t, "Report") == 0 ||
        strcmp(t, "SocialMediaPosting") == 0)
        return K_ARTICLE;
    if (strcmp(t, "WebPage") == 0 || strcmp(t, "ItemPage") == 0) return K_PAGE;
    if (strcmp(t, "WebSite") == 0 || strcmp(t, "Organization") == 0 ||
        strcmp(t, "NewsMediaOrganization") == 0)
        return K_SITE;
    return K_OTHER;
}

/* The kind of an object by its @type (a string or an array of strings). */
static kind kind_of(const cJSON *o) {
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsString(t)) return kind_of_name(t->valuestring);
    kind best = K_OTHER;
    const cJSON *e;
    cJSON_ArrayForEach(e, t) {
        kind k = cJSON_IsString(e) ? kind_of_name(e->valuestring) : K_OTHER;
        if (k != K_OTHER && (best == K_OTHER || k < best)) best = k;
    }
    return best;
}

/* A string field, or the "name" (else "alternateName") of an object, or
 * the first of an array of those. */
static const char *text_of(const cJSON *v, int depth) {
    if (!v || depth > 2) return NULL;
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsArray(v)) return text_of(cJSON_GetArrayItem(v, 0), depth + 1);
    if (!cJSON_IsObject(v)) return NULL;
    const char *s = text_of(cJSON_GetObjectItemCaseSensitive(v, "name"), depth + 1);
    return s ? s : text_of(cJSON_GetObjectItemCaseSensitive(v, "alternateName"), depth + 1);
}

/* Sets *slot to a copy of field `name` of o when *slot is still NULL. */
static void take(walk *w, const char **slot, const cJSON *o, const char *name) {
    if (*slot) return;
    const char *s = text_of(cJSON_GetObjectItemCaseSensitive(o, name), 0);
    if (!s || !*s) return;
    char *copy = skein__arena_strndup(w->a, s, strlen(s));
    if (!copy) w->failed = 1;
    *slot = copy;
}

static void read_article(walk *w, const cJSON *o) {
    skein__ld *ld = w->ld;
    ld->article = 1;
    take(w, &ld->headline, o, "headline");
    take(w, &ld->headline, o, "name");
    take(w, &ld->published, o, "datePublished");
    take(w, &ld->published, o, "dateCreated");
    take(w, &ld->publisher, o, "publisher");
    take(w, &ld->lang, o, "inLanguage");
    take(w, &ld->url, o, "url");
}

static void visit(walk *w, const cJSON *v, int depth);

static void visit_object(walk *w, const cJSON *o, int depth) {
    switch (kind_of(o)) {
    case K_ARTICLE: read_article(w, o); break;
    case K_PAGE:
        take(w, &w->ld->page_headline, o, "headline");
        take(w, &w->ld->page_headline, o, "name");
        take(w, &w->ld->page_published, o, "datePublished");
        take(w, &w->ld->lang, o, "inLanguage");
        break;
    case K_SITE: take(w, &w->ld->site, o, "name"); break;
    default: break;
    }
    visit(w, cJSON_GetObjectItemCaseSensitive(o, "@graph"), depth + 1);
    visit(w, cJSON_GetObjectItemCaseSensitive(o, "mainEntity"), depth + 1);
}

static void visit(walk *w, const cJSON *v, int depth) {
    if (!v || depth > MAX_DEPTH || w->failed) return;
    if (cJSON_IsObject(v)) {
        visit_object(w, v, depth);
        return;
    }
    const cJSON *e;
    if (cJSON_IsArray(v)) cJSON_ArrayForEach(e, v) visit(w, e, depth + 1);
}

int skein__jsonld_read(const char *json, size_t len, skein__arena *a, skein__ld *ld) {
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    for (size_t i = 0; i < len; i++) /* raw line breaks and tabs in strings are invalid JSON */
        copy[i] = json[i] == '\n' || json[i] == '\r' || json[i] == '\t' ? ' ' : json[i];
    copy[len] = 0;
    cJSON *root = cJSON_ParseWithLength(copy, len);
    free(copy);
    if (!root) return 1;
    walk w = {a, ld, 0};
    visit(&w, root, 0);
    cJSON_Delete(root);
    return w.failed ? -1 : 0;
}
