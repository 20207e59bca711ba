/* told_json.c -- a story told (tell.h) as JSON: the story record that
 * `cluster`, `show --json` and the HTTP API print, the short form a list
 * shows, and a name's aliases as the store keeps them.
 *
 * Only printing happens here; the record's keys and their order are the
 * README's ("Story records"). */
#include "tell.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>
#include <time.h>

static cJSON *time_json(int64_t t) {
    if (t == SKEIN_NO_TIME) return cJSON_CreateNull();
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
        return cJSON_CreateNull();
    return cJSON_CreateString(buf);
}

static cJSON *str_json(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

const char *skein__row_kind_name(skein__row_kind k) {
    return k == SKEIN__ROW_NAME ? "name" : k == SKEIN__ROW_QUOTE ? "quote" : "number";
}

static cJSON *headlines_json(const skein__told *t) {
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < t->nheadlines; i++)
        cJSON_AddStringToObject(o, t->headlines[i].lang, t->headlines[i].title);
    return o;
}

static cJSON *languages_json(const skein__told *t) {
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < t->nlanguages; i++)
        cJSON_AddNumberToObject(o, t->languages[i].lang, (double)t->languages[i].count);
    return o;
}

static cJSON *sources_json(const skein__told *t) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < t->nsources; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(t->sources[i]));
    return a;
}

/* Events; `articles` 0 leaves out their articles and titles (the short form). */
static cJSON *events_json(const skein__told *t, int full) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < t->nevents; i++) {
        const skein__told_event *e = &t->events[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToArray(arr, o);
        if (full) {
            cJSON_AddNumberToObject(o, "event", (double)i + 1);
            cJSON_AddItemToObject(o, "title", str_json(e->title));
            cJSON_AddNumberToObject(o, "size", (double)e->size);
        }
        cJSON_AddItemToObject(o, "first_seen", time_json(e->first));
        cJSON_AddItemToObject(o, "last_seen", time_json(e->last));
        if (!full) {
            cJSON_AddNumberToObject(o, "size", (double)e->size);
            continue;
        }
        cJSON *ids = cJSON_AddArrayToObject(o, "articles");
        for (size_t k = 0; ids && k < e->size; k++)
            cJSON_AddItemToArray(ids, cJSON_CreateString(t->s->members[e->members[k]].id));
    }
    return arr;
}

static cJSON *aliases_cjson(const skein__told_name *n) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t k = 0; arr && k < n->naliases; k++) {
        cJSON *a = cJSON_CreateObject();
        if (!a) break;
        cJSON_AddStringToObject(a, "name", n->aliases[k].name);
        cJSON_AddStringToObject(a, "lang", n->aliases[k].lang);
        cJSON_AddNumberToObject(a, "count", (double)n->aliases[k].count);
        cJSON_AddItemToArray(arr, a);
    }
    return arr;
}

char *skein__told_aliases_json(const skein__told_name *n) {
    cJSON *a = aliases_cjson(n);
    char *out = a ? cJSON_PrintUnformatted(a) : NULL;
    cJSON_Delete(a);
    return out;
}

static cJSON *names_json(const skein__told *t) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < t->nnames; i++) {
        const skein__told_name *n = &t->names[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "name", n->name);
        cJSON_AddStringToObject(o, "kind", skein_kind_name(n->kind));
        cJSON_AddNumberToObject(o, "articles", (double)n->articles);
        cJSON_AddNumberToObject(o, "mentions", (double)n->mentions);
        cJSON_AddItemToObject(o, "aliases", aliases_cjson(n));
        if (n->place) cJSON_AddStringToObject(o, "place", n->place);
        char key[33];
        skein__name_key(n, key);
        cJSON_AddStringToObject(o, "key", key);
    }
    return arr;
}

static cJSON *quotes_json(const skein__told *t) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t k = 0; arr && k < t->nquotes; k++) {
        const skein__told_quote *q = &t->quotes[k];
        const skein_member *m = &t->s->members[q->member];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToObject(o, "speaker", str_json(q->speaker));
        cJSON_AddNumberToObject(o, "confidence", round(q->confidence * 1000) / 1000);
        if (q->speaker && q->confidence < SKEIN_SPEAKER_SURE) cJSON_AddTrueToObject(o, "uncertain");
        cJSON_AddStringToObject(o, "text", q->text);
        cJSON_AddStringToObject(o, "article", m->id);
        cJSON_AddStringToObject(o, "lang", skein__member_lang(m));
        cJSON_AddStringToObject(o, "outlet", t->outlets[t->outlet_of[q->member]]);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static cJSON *row_item(const skein__told_row *w) {
    cJSON *it = cJSON_CreateObject();
    cJSON_AddStringToObject(it, "kind", skein__row_kind_name(w->kind));
    cJSON_AddStringToObject(it, "item", w->item);
    return it;
}

/* What all outlets report, and what only one does (with two outlets or more). */
static void shared_only(const skein__told *t, const skein__told_row *w, cJSON *shared,
                        cJSON *only) {
    if (t->noutlets < 2) return;
    if (w->n == t->noutlets) {
        cJSON_AddItemToArray(shared, row_item(w));
    } else if (w->n == 1) {
        size_t k = 0;
        while (!w->has[k]) k++;
        cJSON *list = cJSON_GetObjectItemCaseSensitive(only, t->outlets[k]);
        if (!list) list = cJSON_AddArrayToObject(only, t->outlets[k]);
        cJSON_AddItemToArray(list, row_item(w));
    }
}

static cJSON *coverage_json(const skein__told *t) {
    cJSON *o = cJSON_CreateObject();
    cJSON *outs = cJSON_AddArrayToObject(o, "outlets"), *arr = cJSON_AddArrayToObject(o, "rows");
    cJSON *shared = cJSON_AddArrayToObject(o, "shared"), *only = cJSON_AddObjectToObject(o, "only");
    if (!outs || !arr || !shared || !only) return o;
    for (size_t k = 0; k < t->noutlets; k++)
        cJSON_AddItemToArray(outs, cJSON_CreateString(t->outlets[k]));
    for (size_t i = 0; i < t->nrows; i++) {
        const skein__told_row *w = &t->rows[i];
        cJSON *e = row_item(w), *has = cJSON_CreateArray();
        if (!e || !has) {
            cJSON_Delete(e), cJSON_Delete(has);
            break;
        }
        for (size_t k = 0; k < t->noutlets; k++)
            if (w->has[k]) cJSON_AddItemToArray(has, cJSON_CreateString(t->outlets[k]));
        cJSON_AddItemToObject(e, "outlets", has);
        cJSON_AddItemToArray(arr, e);
        shared_only(t, w, shared, only);
    }
    return o;
}

#define SNIPPET_MAX 280 /* bytes of an article's snippet, cut on a word */

/* The article's first sentence that is not its title, cut to SNIPPET_MAX
 * bytes on a word ("…" at the cut); NULL when its notes have none. */
static cJSON *snippet_json(const skein_member *m) {
    const skein_notes *n = m->notes;
    for (size_t i = 0; n && i < n->nsentences; i++) {
        const char *s = n->sentences[i].text;
        if (!s || !*s || (m->title && !strcmp(s, m->title))) continue;
        size_t len = strlen(s);
        if (len <= SNIPPET_MAX) return cJSON_CreateString(s);
        size_t keep = SNIPPET_MAX - 3;
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) keep--;
        size_t word = keep;
        while (word > SNIPPET_MAX / 2 && s[word] != ' ') word--;
        if (s[word] == ' ') keep = word;
        char buf[SNIPPET_MAX + 4];
        memcpy(buf, s, keep);
        memcpy(buf + keep, "\xE2\x80\xA6", 4);
        return cJSON_CreateString(buf);
    }
    return NULL;
}

static cJSON *articles_json(const skein__told *t) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < t->s->size; i++) {
        const skein_member *m = &t->s->members[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToObject(o, "id", cJSON_CreateString(m->id));
        cJSON_AddItemToObject(o, "lang", str_json(m->lang));
        cJSON_AddItemToObject(o, "source", str_json(m->source));
        cJSON_AddItemToObject(o, "title", str_json(m->title));
        if (m->published != SKEIN_NO_TIME)
            cJSON_AddItemToObject(o, "published", time_json(m->published));
        if (t->original && t->original[i] != i)
            cJSON_AddStringToObject(o, "copy_of", t->s->members[t->original[i]].id);
        cJSON *snip = snippet_json(m);
        if (snip) cJSON_AddItemToObject(o, "snippet", snip);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The lead's sentences with the article each comes from. */
static cJSON *lead_json(const skein__told *t) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < t->nlead; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddStringToObject(o, "text", t->lead[i].text);
        cJSON_AddStringToObject(o, "article", t->s->members[t->lead[i].member].id);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* Groups of copies of one text: the original, its copies, the outlets that ran it. */
static cJSON *copies_json(const skein__told *t) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && t->original && i < t->s->size; i++) {
        if (t->original[i] != i) continue;
        cJSON *copies = NULL;
        size_t outlets = 1;
        for (size_t j = 0; j < t->s->size; j++) {
            if (j == i || t->original[j] != i) continue;
            if (!copies && !(copies = cJSON_CreateArray())) break;
            cJSON_AddItemToArray(copies, cJSON_CreateString(t->s->members[j].id));
            int seen = t->outlet_of[j] == t->outlet_of[i];
            for (size_t k = 0; k < j && !seen; k++)
                seen = t->original[k] == i && k != i && t->outlet_of[k] == t->outlet_of[j];
            outlets += !seen;
        }
        if (!copies) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "original", t->s->members[i].id);
        cJSON_AddItemToObject(o, "copies", copies);
        cJSON_AddNumberToObject(o, "outlets", (double)outlets);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The head both forms share: story ... sources, and growth unless `growth` is 0. */
static cJSON *head_json(const skein__told *t, int full, int growth) {
    const skein_story *s = t->s;
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON_AddNumberToObject(o, "story", (double)s->id);
    cJSON_AddItemToObject(o, "title", str_json(t->title));
    cJSON_AddStringToObject(o, "title_lang", t->title_lang);
    if (full) cJSON_AddItemToObject(o, "headlines", headlines_json(t));
    cJSON_AddNumberToObject(o, "size", (double)s->size);
    if (full)
        cJSON_AddItemToObject(o, "languages", languages_json(t)),
            cJSON_AddItemToObject(o, "sources", sources_json(t));
    cJSON_AddItemToObject(o, "first_seen", time_json(s->first_seen));
    cJSON_AddItemToObject(o, "last_seen", time_json(s->last_seen));
    if (!full)
        cJSON_AddItemToObject(o, "languages", languages_json(t)),
            cJSON_AddItemToObject(o, "sources", sources_json(t));
    if (growth) cJSON_AddNumberToObject(o, "growth", t->growth);
    cJSON_AddItemToObject(o, "lead", lead_json(t));
    return o;
}

static char *print(cJSON *o) {
    char *out = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return out;
}

char *skein__told_json(const skein__told *t) {
    cJSON *o = head_json(t, 1, 1);
    if (!o) return NULL;
    cJSON_AddItemToObject(o, "events", events_json(t, 1));
    cJSON_AddItemToObject(o, "names", names_json(t));
    cJSON_AddItemToObject(o, "quotes", quotes_json(t));
    cJSON_AddItemToObject(o, "coverage", coverage_json(t));
    cJSON_AddItemToObject(o, "copies", copies_json(t));
    cJSON_AddItemToObject(o, "articles", articles_json(t));
    return print(o);
}

char *skein__told_summary_json(const skein__told *t, int open, int growth) {
    cJSON *o = head_json(t, 0, growth);
    if (!o) return NULL;
    cJSON_AddItemToObject(o, "events", events_json(t, 0));
    cJSON_AddBoolToObject(o, "open", open);
    skein__rank r;
    skein__story_rank(t, &r);
    cJSON_AddStringToObject(o, "why", r.why);
    return print(o);
}

char *skein__told_coverage_json(const skein__told *t) { return print(coverage_json(t)); }
