/* tell.c -- a story told from its members' notes (extract.h).
 *
 * Names: the members' name entries become one entry per real-world name.
 * Places meet on their gazetteer id.  Other names meet on the interlingual
 * key of their last word (Putin, Путин, بوتين): full names ("Vladimir
 * Putin") are told apart by their first word's key, and a lone surname
 * joins the full name it most often stands for.  Words of scripts without
 * case that only may be names ("weak") join a name when one of their keys
 * is its last word's; else they need two articles to stand alone.
 *
 * Events: members in time order; a pause longer than the event gap starts a
 * new event.  An undated member joins the event of the member before it in
 * arrival order.
 *
 * Centrality, for headlines: the article-counts of the names a member
 * mentions, over the square root of how many it mentions, so that the
 * article naming the story's main actors and few others comes first. */
#include "skein.h"

#include "util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GROWTH_WINDOW 6        /* hours */
#define MAX_NAMES_OUT 60
#define MAX_ROWS_OUT 40        /* coverage rows per kind */

/* ---- growth ------------------------------------------------------------------- */

double skein_story_growth(const skein_story *s, int64_t now) {
    if (!s || !s->size) return 0;
    if (now == SKEIN_NO_TIME) now = s->last_seen;
    if (now == SKEIN_NO_TIME) return 0;
    const int64_t w = GROWTH_WINDOW * 3600;
    int64_t first = INT64_MAX;
    size_t recent = 0, past = 0;
    for (size_t i = 0; i < s->size; i++) {
        int64_t t = s->members[i].published;
        if (t == SKEIN_NO_TIME || t > now) continue;
        if (t > now - w) recent++;
        else past++, first = SKEIN_MIN(first, t);
    }
    if (!recent) return 0;
    double past_hours = past ? (double)SKEIN_MAX(now - w - first, w) / 3600.0 : 0;
    double expected = past ? (double)past / past_hours * GROWTH_WINDOW : 0;
    return (double)recent / (expected + 1.0);
}

/* ---- the notes, read back ------------------------------------------------------ */

typedef struct entry {      /* one name entry of one member */
    size_t member;
    const char *name, *place;
    int kind;               /* K_* */
    int count, words, weak;
    uint64_t keys[4], alt;
    int nkeys;
    int entity;
    int alias;              /* shown as a spelling of its entity */
} entry;

enum { K_OTHER, K_PERSON, K_ORG, K_PLACE };
static const char *const kind_names[] = {"other", "person", "org", "place"};

typedef struct entity {
    int kind;
    uint64_t first, last;   /* keys: first word (0: none), last word; place: id key */
    size_t articles, mentions;
    int weak;
    int latin;              /* made by a name in Latin script */
    const char *display;
    double rank;
} entity;

typedef struct teller {
    const skein_story *s;
    skein_tell_options o;
    cJSON **notes;          /* parsed notes per member (NULL entries allowed) */
    entry *e;
    size_t ne;
    size_t *member_entry;   /* first entry of member i; member_entry[size] = ne */
    entity *ent;
    size_t nent;
    size_t *by_ent;         /* entries grouped by entity, in entry order: */
    size_t *ent_start;      /* entity i's are by_ent[ent_start[i] .. ent_start[i + 1]) */
    char **outlets;         /* outlet of member i (borrowed) */
    size_t *outlet_of;      /* member -> outlet index */
    size_t noutlets;
    const char **outlet_names;
    double *centrality;
    const char *major_lang;
} teller;

static uint64_t parse_key(const cJSON *v) {
    return cJSON_IsString(v) ? strtoull(v->valuestring, NULL, 16) : 0;
}

static int kind_of(const char *k) {
    for (int i = 0; i < 4; i++)
        if (k && !strcmp(k, kind_names[i])) return i;
    return K_OTHER;
}

static int read_notes(teller *t) {
    const skein_story *s = t->s;
    t->notes = calloc(s->size + 1, sizeof(*t->notes));
    t->member_entry = calloc(s->size + 1, sizeof(*t->member_entry));
    if (!t->notes || !t->member_entry) return -1;
    size_t cap = 0;
    for (size_t i = 0; i < s->size; i++) {
        t->member_entry[i] = t->ne;
        if (!s->members[i].notes) continue;
        cJSON *n = t->notes[i] = cJSON_Parse(s->members[i].notes);
        const cJSON *names = cJSON_GetObjectItemCaseSensitive(n, "names"), *it;
        cJSON_ArrayForEach(it, names) {
            if (skein__grow((void **)&t->e, &cap, t->ne + 1, sizeof(*t->e))) return -1;
            entry *e = &t->e[t->ne];
            memset(e, 0, sizeof(*e));
            e->member = i;
            e->name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "name"));
            e->place = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "place"));
            e->kind = kind_of(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "kind")));
            const cJSON *c = cJSON_GetObjectItemCaseSensitive(it, "count");
            const cJSON *w = cJSON_GetObjectItemCaseSensitive(it, "words");
            e->count = cJSON_IsNumber(c) ? c->valueint : 1;
            e->words = cJSON_IsNumber(w) ? w->valueint : 1;
            e->weak = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "weak"));
            e->alt = parse_key(cJSON_GetObjectItemCaseSensitive(it, "alt"));
            const cJSON *k;
            cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(it, "keys")) {
                if (e->nkeys < 4) e->keys[e->nkeys++] = parse_key(k);
            }
            e->entity = -1;
            if (e->name && e->nkeys) t->ne++;
        }
    }
    t->member_entry[s->size] = t->ne;
    return 0;
}

/* ---- names ------------------------------------------------------------------- */

static int script_latin(const char *s) { return s && (unsigned char)s[0] < 0x80; }

static int new_entity(teller *t, size_t *cap, const entry *e, uint64_t first, uint64_t last) {
    if (skein__grow((void **)&t->ent, cap, t->nent + 1, sizeof(*t->ent))) return -1;
    t->ent[t->nent] = (entity){e->kind, first, last, 0, 0, e->weak, script_latin(e->name), NULL, 0};
    return (int)t->nent++;
}

static uint64_t last_key(const entry *e) { return e->keys[e->nkeys - 1]; }
static uint64_t first_key(const entry *e) { return e->nkeys > 1 && e->words > 1 ? e->keys[0] : 0; }

/* Entries in the order they claim entities: places, full names, lone
 * words, then weak ones; more mentions first. */
static int claim_order(const entry *a, const entry *b) {
    int ra = a->place ? 0 : a->weak ? 3 : first_key(a) ? 1 : 2;
    int rb = b->place ? 0 : b->weak ? 3 : first_key(b) ? 1 : 2;
    if (ra != rb) return ra - rb;
    return b->count - a->count;
}

static int cmp_claim(const void *x, const void *y, void *ctx) {
    const entry *e = ((const teller *)ctx)->e;
    int c = claim_order(&e[*(const size_t *)x], &e[*(const size_t *)y]);
    if (c) return c;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* The entity whose last key is k, preferring the most mentioned; -1. */
static int entity_by_last(const teller *t, uint64_t k, int strong_only) {
    int best = -1;
    for (size_t i = 0; k && i < t->nent; i++) {
        const entity *x = &t->ent[i];
        if (x->kind == K_PLACE || x->last != k || (strong_only && x->weak)) continue;
        if (best < 0 || x->mentions > t->ent[best].mentions) best = (int)i;
    }
    return best;
}

static int build_entities(teller *t) {
    size_t cap = 0, *order = malloc((t->ne ? t->ne : 1) * sizeof(*order));
    if (!order) return -1;
    for (size_t i = 0; i < t->ne; i++) order[i] = i;
    qsort_r(order, t->ne, sizeof(*order), cmp_claim, t);
    for (size_t r = 0; r < t->ne; r++) {
        entry *e = &t->e[order[r]];
        int id = -1;
        if (e->place) {
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].kind == K_PLACE && t->ent[i].last == e->keys[0]) id = (int)i;
            if (id < 0 && (id = new_entity(t, &cap, e, 0, e->keys[0])) < 0) goto fail;
        } else if (!e->weak && first_key(e)) {
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].first == first_key(e) && t->ent[i].last == last_key(e)) id = (int)i;
            /* in another script, a first name may not sound the same (Jens, ينس) */
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].first && t->ent[i].last == last_key(e) && t->ent[i].latin != script_latin(e->name))
                    id = (int)i;
            if (id < 0 && (id = new_entity(t, &cap, e, first_key(e), last_key(e))) < 0) goto fail;
        } else {
            id = entity_by_last(t, last_key(e), 0);
            if (id < 0) id = entity_by_last(t, e->alt, 0);
            for (int k = e->nkeys - 2; e->weak && id < 0 && k >= 0; k--) id = entity_by_last(t, e->keys[k], 1);
            if (id < 0 && (id = new_entity(t, &cap, e, 0, last_key(e))) < 0) goto fail;
        }
        e->entity = id;
        entity *x = &t->ent[id];
        /* a weak run that joined by one of its inner words is no spelling of the name */
        e->alias = !e->weak || e->words == 1 || last_key(e) == x->last || e->alt == x->last;
        x->mentions += (size_t)e->count;
        if (!e->weak) x->weak = 0;
        static const int priority[] = {0, 1, 2, 3}; /* other < person < org < place */
        if (priority[e->kind] > priority[x->kind]) x->kind = e->kind;
    }
    free(order);
    /* entries grouped by entity (a counting sort, stable), then articles per entity */
    t->ent_start = calloc(t->nent + 2, sizeof(*t->ent_start));
    t->by_ent = malloc((t->ne ? t->ne : 1) * sizeof(*t->by_ent));
    if (!t->ent_start || !t->by_ent) return -1;
    for (size_t k = 0; k < t->ne; k++) t->ent_start[t->e[k].entity + 2]++;
    for (size_t i = 2; i < t->nent + 2; i++) t->ent_start[i] += t->ent_start[i - 1];
    for (size_t k = 0; k < t->ne; k++) t->by_ent[t->ent_start[t->e[k].entity + 1]++] = k;
    for (size_t i = 0; i < t->nent; i++) {
        size_t last_member = (size_t)-1;
        for (size_t p = t->ent_start[i]; p < t->ent_start[i + 1]; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (e->member != last_member) t->ent[i].articles++, last_member = e->member;
        }
    }
    return 0;
fail:
    free(order);
    return -1;
}

/* 1 when name entity i is worth telling: backed by a strong entry or by
 * two articles. */
static int entity_shown(const teller *t, size_t i) {
    return !t->ent[i].weak || t->ent[i].articles >= 2;
}

/* The display form: the most frequent full form in the reader's language
 * (else the story's majority language, else Latin script, else any). */
static void pick_displays(teller *t, const char *lang) {
    for (size_t i = 0; i < t->nent; i++) {
        const char *best = NULL;
        long best_score = -1;
        const size_t from = t->ent_start[i], to = t->ent_start[i + 1];
        for (size_t p = from; p < to; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (!e->alias) continue;
            const char *ml = t->s->members[e->member].lang;
            long score = 0;
            /* the form counts summed over articles */
            for (size_t q = from; q < to; q++)
                if (!strcmp(t->e[t->by_ent[q]].name, e->name)) score += t->e[t->by_ent[q]].count;
            if (e->words > 1) score *= 4;
            if (ml && lang && !strcmp(ml, lang)) score += 1000000;
            else if (script_latin(e->name)) score += 1000;
            if (score > best_score) best = e->name, best_score = score;
        }
        t->ent[i].display = best ? best : "";
    }
}

static int cmp_entity_rank(const void *x, const void *y) {
    const entity *a = *(entity *const *)x, *b = *(entity *const *)y;
    if (a->articles != b->articles) return a->articles < b->articles ? 1 : -1;
    if (a->mentions != b->mentions) return a->mentions < b->mentions ? 1 : -1;
    return strcmp(a->display, b->display);
}

/* Entities in the order they are told (NULL-terminated list in *out). */
static entity **ranked_entities(teller *t, size_t *n) {
    entity **r = malloc((t->nent + 1) * sizeof(*r));
    if (!r) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < t->nent; i++)
        if (entity_shown(t, i)) r[k++] = &t->ent[i];
    qsort(r, k, sizeof(*r), cmp_entity_rank);
    *n = k;
    return r;
}

/* ---- centrality, headline -------------------------------------------------------- */

static void centrality(teller *t) {
    for (size_t m = 0; m < t->s->size; m++) {
        double sum = 0;
        size_t distinct = 0;
        for (size_t k = t->member_entry[m]; k < t->member_entry[m + 1]; k++) {
            const entity *x = &t->ent[t->e[k].entity];
            if (!entity_shown(t, (size_t)(x - t->ent))) continue;
            sum += (double)x->articles, distinct++;
        }
        t->centrality[m] = distinct ? sum / sqrt((double)distinct) : 0;
    }
}

static const char *lang_of(const skein_member *m) { return m->lang ? m->lang : "und"; }

/* The most central member in language `lang` (any when NULL); -1 if none. */
static long central_member(const teller *t, const char *lang, const size_t *subset, size_t nsub) {
    long best = -1;
    for (size_t k = 0; k < nsub; k++) {
        size_t m = subset ? subset[k] : k;
        if (lang && strcmp(lang_of(&t->s->members[m]), lang)) continue;
        if (!t->s->members[m].title || !*t->s->members[m].title) continue;
        if (best < 0 || t->centrality[m] > t->centrality[best]) best = (long)m;
    }
    return best;
}

static const char *majority_lang(const skein_story *s) {
    const char *best = "und";
    size_t best_n = 0;
    for (size_t i = 0; i < s->size; i++) {
        size_t n = 0;
        for (size_t j = 0; j < s->size; j++) n += !strcmp(lang_of(&s->members[i]), lang_of(&s->members[j]));
        if (n > best_n) best = lang_of(&s->members[i]), best_n = n;
    }
    return best;
}

/* ---- JSON pieces ------------------------------------------------------------------ */

static cJSON *time_json(int64_t t) {
    if (t == SKEIN_NO_TIME) return cJSON_CreateNull();
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm)) return cJSON_CreateNull();
    return cJSON_CreateString(buf);
}

static cJSON *str_json(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

static int outlets(teller *t) {
    const skein_story *s = t->s;
    t->outlet_of = calloc(s->size + 1, sizeof(*t->outlet_of));
    t->outlet_names = calloc(s->size + 1, sizeof(*t->outlet_names));
    if (!t->outlet_of || !t->outlet_names) return -1;
    for (size_t i = 0; i < s->size; i++) {
        const char *o = s->members[i].source ? s->members[i].source : s->members[i].id;
        size_t k = 0;
        while (k < t->noutlets && strcmp(t->outlet_names[k], o)) k++;
        if (k == t->noutlets) t->outlet_names[t->noutlets++] = o;
        t->outlet_of[i] = k;
    }
    return 0;
}

static cJSON *names_json(teller *t, entity **r, size_t n) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n && i < MAX_NAMES_OUT; i++) {
        entity *x = r[i];
        int id = (int)(x - t->ent);
        cJSON *o = cJSON_CreateObject(), *aliases = cJSON_CreateArray();
        if (!o || !aliases) {
            cJSON_Delete(o), cJSON_Delete(aliases);
            break;
        }
        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "name", x->display);
        cJSON_AddStringToObject(o, "kind", kind_names[x->kind]);
        cJSON_AddNumberToObject(o, "articles", (double)x->articles);
        cJSON_AddNumberToObject(o, "mentions", (double)x->mentions);
        cJSON_AddItemToObject(o, "aliases", aliases);
        for (size_t p = t->ent_start[id]; p < t->ent_start[id + 1]; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (!e->alias) continue;
            const char *ml = lang_of(&t->s->members[e->member]);
            cJSON *a = NULL, *it;
            cJSON_ArrayForEach(it, aliases) {
                if (!strcmp(cJSON_GetObjectItemCaseSensitive(it, "name")->valuestring, e->name)) a = it;
            }
            if (a) {
                cJSON *c = cJSON_GetObjectItemCaseSensitive(a, "count");
                cJSON_SetNumberValue(c, c->valuedouble + e->count);
                continue;
            }
            a = cJSON_CreateObject();
            if (!a) break;
            cJSON_AddStringToObject(a, "name", e->name);
            cJSON_AddStringToObject(a, "lang", ml);
            cJSON_AddNumberToObject(a, "count", e->count);
            cJSON_AddItemToArray(aliases, a);
        }
        if (x->kind == K_PLACE) {
            for (size_t p = t->ent_start[id]; p < t->ent_start[id + 1]; p++)
                if (t->e[t->by_ent[p]].place) {
                    cJSON_AddStringToObject(o, "place", t->e[t->by_ent[p]].place);
                    break;
                }
        }
    }
    return arr;
}

/* The entity told for the speaker of quote q of member m; NULL if none. */
static const entity *speaker_entity(const teller *t, size_t m, const cJSON *q) {
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(q, "name");
    if (!cJSON_IsNumber(name)) return NULL;
    const cJSON *names = cJSON_GetObjectItemCaseSensitive(t->notes[m], "names");
    const char *nm = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(names, name->valueint), "name"));
    for (size_t k = t->member_entry[m]; nm && k < t->member_entry[m + 1]; k++)
        if (!strcmp(t->e[k].name, nm)) {
            size_t id = (size_t)t->e[k].entity;
            return entity_shown(t, id) ? &t->ent[id] : NULL;
        }
    return NULL;
}

static const char *speaker_name(const teller *t, size_t m, const cJSON *q) {
    const entity *x = speaker_entity(t, m, q);
    return x ? x->display : cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "speaker"));
}

typedef struct qref {
    size_t m, group, at;
    const cJSON *q;
    const char *speaker;
} qref;

static int cmp_qref(const void *x, const void *y) {
    const qref *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return a->at < b->at ? -1 : 1;
}

/* Quotes by speaker (speakers in order of their first quote), then those
 * whose speaker is unknown. */
static cJSON *quotes_json(teller *t) {
    qref *r = NULL;
    size_t n = 0, cap = 0;
    for (size_t m = 0; m < t->s->size; m++) {
        const cJSON *q;
        cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(t->notes[m], "quotes")) {
            if (!cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "text"))) continue;
            if (skein__grow((void **)&r, &cap, n + 1, sizeof(*r))) {
                free(r);
                return NULL;
            }
            const char *sp = speaker_name(t, m, q);
            size_t g = sp ? n : (size_t)-1;
            for (size_t k = 0; sp && k < n; k++)
                if (r[k].speaker && !strcmp(r[k].speaker, sp)) {
                    g = r[k].group;
                    break;
                }
            r[n] = (qref){m, g, n, q, sp};
            n++;
        }
    }
    if (n) qsort(r, n, sizeof(*r), cmp_qref);
    cJSON *arr = cJSON_CreateArray();
    for (size_t k = 0; arr && k < n; k++) {
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToObject(o, "speaker", str_json(r[k].speaker));
        cJSON_AddStringToObject(o, "text", cJSON_GetObjectItemCaseSensitive(r[k].q, "text")->valuestring);
        cJSON_AddStringToObject(o, "article", t->s->members[r[k].m].id);
        cJSON_AddStringToObject(o, "lang", lang_of(&t->s->members[r[k].m]));
        cJSON_AddStringToObject(o, "outlet", t->outlet_names[t->outlet_of[r[k].m]]);
        cJSON_AddItemToArray(arr, o);
    }
    free(r);
    return arr;
}

/* ---- coverage -------------------------------------------------------------------- */

typedef struct row {
    const char *kind, *item;
    unsigned char *has;     /* per outlet */
    size_t n;               /* outlets that have it */
    size_t order;
} row;

typedef struct rows {
    row *r;
    size_t n, cap;
    size_t noutlets;
} rows;

static row *row_get(rows *rs, const char *kind, const char *item) {
    for (size_t i = 0; i < rs->n; i++)
        if (!strcmp(rs->r[i].kind, kind) && !strcmp(rs->r[i].item, item)) return &rs->r[i];
    if (skein__grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r))) return NULL;
    row *r = &rs->r[rs->n];
    r->kind = kind, r->item = item, r->n = 0, r->order = rs->n;
    if (!(r->has = calloc(rs->noutlets, 1))) return NULL;
    rs->n++;
    return r;
}

static int row_mark(rows *rs, const char *kind, const char *item, size_t outlet) {
    row *r = row_get(rs, kind, item);
    if (!r) return -1;
    if (!r->has[outlet]) r->has[outlet] = 1, r->n++;
    return 0;
}

static int kind_rank(const char *k) { return !strcmp(k, "name") ? 0 : !strcmp(k, "quote") ? 1 : 2; }

static int cmp_row(const void *x, const void *y) {
    const row *a = x, *b = y;
    int ka = kind_rank(a->kind), kb = kind_rank(b->kind);
    if (ka != kb) return ka - kb;
    if (a->n != b->n) return a->n < b->n ? 1 : -1;
    return a->order < b->order ? -1 : 1;
}

static cJSON *coverage_json(teller *t, entity **r, size_t nr) {
    rows rs = {NULL, 0, 0, t->noutlets};
    cJSON *o = NULL;
    int rc = 0;
    for (size_t i = 0; !rc && i < nr && i < MAX_ROWS_OUT; i++) {
        int id = (int)(r[i] - t->ent);
        for (size_t p = t->ent_start[id]; !rc && p < t->ent_start[id + 1]; p++)
            rc = row_mark(&rs, "name", r[i]->display, t->outlet_of[t->e[t->by_ent[p]].member]);
    }
    for (size_t m = 0; !rc && m < t->s->size; m++) {
        const cJSON *q;
        cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(t->notes[m], "quotes")) {
            const char *sp = speaker_name(t, m, q);
            if (sp && (rc = row_mark(&rs, "quote", sp, t->outlet_of[m]))) break;
        }
        const cJSON *nb;
        cJSON_ArrayForEach(nb, cJSON_GetObjectItemCaseSensitive(t->notes[m], "numbers")) {
            const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(nb, "value"));
            if (v && (rc = row_mark(&rs, "number", v, t->outlet_of[m]))) break;
        }
    }
    if (rc) goto done;
    if (rs.n) qsort(rs.r, rs.n, sizeof(*rs.r), cmp_row);
    o = cJSON_CreateObject();
    cJSON *outs = cJSON_AddArrayToObject(o, "outlets"), *arr = cJSON_AddArrayToObject(o, "rows");
    cJSON *shared = cJSON_AddArrayToObject(o, "shared"), *only = cJSON_AddObjectToObject(o, "only");
    if (!outs || !arr || !shared || !only) goto done;
    for (size_t k = 0; k < t->noutlets; k++) cJSON_AddItemToArray(outs, cJSON_CreateString(t->outlet_names[k]));
    size_t per_kind[3] = {0, 0, 0};
    for (size_t i = 0; i < rs.n; i++) {
        row *w = &rs.r[i];
        if (per_kind[kind_rank(w->kind)]++ >= MAX_ROWS_OUT) continue;
        cJSON *e = cJSON_CreateObject(), *has = cJSON_CreateArray();
        if (!e || !has) {
            cJSON_Delete(e), cJSON_Delete(has);
            break;
        }
        cJSON_AddStringToObject(e, "kind", w->kind);
        cJSON_AddStringToObject(e, "item", w->item);
        for (size_t k = 0; k < t->noutlets; k++)
            if (w->has[k]) cJSON_AddItemToArray(has, cJSON_CreateString(t->outlet_names[k]));
        cJSON_AddItemToObject(e, "outlets", has);
        cJSON_AddItemToArray(arr, e);
        if (t->noutlets < 2) continue;
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "kind", w->kind);
        cJSON_AddStringToObject(it, "item", w->item);
        if (w->n == t->noutlets) {
            cJSON_AddItemToArray(shared, it);
        } else if (w->n == 1) {
            size_t k = 0;
            while (!w->has[k]) k++;
            cJSON *list = cJSON_GetObjectItemCaseSensitive(only, t->outlet_names[k]);
            if (!list) list = cJSON_AddArrayToObject(only, t->outlet_names[k]);
            cJSON_AddItemToArray(list, it);
        } else {
            cJSON_Delete(it);
        }
    }
done:
    for (size_t i = 0; i < rs.n; i++) free(rs.r[i].has);
    free(rs.r);
    return o;
}

/* ---- events ------------------------------------------------------------------------ */

static int cmp_time(const void *x, const void *y, void *ctx) {
    const skein_story *s = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int64_t ta = s->members[a].published, tb = s->members[b].published;
    if (ta != tb) return ta < tb ? -1 : 1;
    return a < b ? -1 : 1;
}

static cJSON *events_json(teller *t, const char *lang) {
    const skein_story *s = t->s;
    size_t n = s->size, *order = malloc((n + 1) * sizeof(*order)), *event = calloc(n + 1, sizeof(*event));
    cJSON *arr = cJSON_CreateArray();
    if (!order || !event || !arr) goto fail;
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        if (s->members[i].published != SKEIN_NO_TIME) order[nd++] = i;
    qsort_r(order, nd, sizeof(*order), cmp_time, (void *)s);
    const double gap = t->o.event_gap_hours * 3600.0;
    size_t nev = 0;
    for (size_t k = 0; k < nd; k++) {
        if (k == 0 || (double)(s->members[order[k]].published - s->members[order[k - 1]].published) > gap) nev++;
        event[order[k]] = nev;
    }
    if (!nev) nev = 1;
    size_t prev = 1; /* undated: the event of the member before in arrival order */
    for (size_t i = 0; i < n; i++) {
        if (s->members[i].published == SKEIN_NO_TIME) event[i] = prev;
        prev = event[i];
    }
    for (size_t ev = 1; ev <= nev; ev++) {
        size_t m = 0;
        int64_t first = SKEIN_NO_TIME, last = SKEIN_NO_TIME;
        for (size_t i = 0; i < n; i++) {
            if (event[i] != ev) continue;
            order[m++] = i;
            int64_t ti = s->members[i].published;
            if (ti == SKEIN_NO_TIME) continue;
            if (first == SKEIN_NO_TIME || ti < first) first = ti;
            if (last == SKEIN_NO_TIME || ti > last) last = ti;
        }
        if (!m) continue;
        cJSON *o = cJSON_CreateObject(), *ids = cJSON_CreateArray();
        if (!o || !ids) {
            cJSON_Delete(o), cJSON_Delete(ids);
            goto fail;
        }
        cJSON_AddNumberToObject(o, "event", (double)cJSON_GetArraySize(arr) + 1);
        long c = central_member(t, lang, order, m);
        if (c < 0) c = central_member(t, NULL, order, m);
        cJSON_AddItemToObject(o, "title", str_json(c >= 0 ? s->members[c].title : NULL));
        cJSON_AddNumberToObject(o, "size", (double)m);
        cJSON_AddItemToObject(o, "first_seen", time_json(first));
        cJSON_AddItemToObject(o, "last_seen", time_json(last));
        for (size_t k = 0; k < m; k++) cJSON_AddItemToArray(ids, cJSON_CreateString(s->members[order[k]].id));
        cJSON_AddItemToObject(o, "articles", ids);
        cJSON_AddItemToArray(arr, o);
    }
    free(order), free(event);
    return arr;
fail:
    free(order), free(event);
    cJSON_Delete(arr);
    return NULL;
}

/* ---- the story ------------------------------------------------------------------------ */

static cJSON *languages_json(const skein_story *s) {
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < s->size; i++) {
        cJSON *c = cJSON_GetObjectItemCaseSensitive(o, lang_of(&s->members[i]));
        if (c) cJSON_SetNumberValue(c, c->valuedouble + 1);
        else cJSON_AddNumberToObject(o, lang_of(&s->members[i]), 1);
    }
    return o;
}

static cJSON *articles_json(const teller *t) {
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < t->s->size; i++) {
        const skein_member *m = &t->s->members[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) break;
        cJSON_AddItemToObject(o, "id", cJSON_CreateString(m->id));
        cJSON_AddItemToObject(o, "lang", str_json(m->lang));
        cJSON_AddItemToObject(o, "source", str_json(m->source));
        cJSON_AddItemToObject(o, "title", str_json(m->title));
        if (m->published != SKEIN_NO_TIME) cJSON_AddItemToObject(o, "published", time_json(m->published));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *story_json(teller *t) {
    const skein_story *s = t->s;
    size_t nr = 0;
    entity **r = ranked_entities(t, &nr);
    cJSON *o = cJSON_CreateObject();
    if (!r || !o) {
        free(r);
        cJSON_Delete(o);
        return NULL;
    }
    /* headline: the reader's language if the story has it, else its majority's */
    const char *hl = t->major_lang;
    if (t->o.lang) {
        for (size_t i = 0; i < s->size; i++)
            if (!strcmp(lang_of(&s->members[i]), t->o.lang)) hl = t->o.lang;
    }
    long head = central_member(t, hl, NULL, s->size);
    cJSON_AddNumberToObject(o, "story", (double)s->id);
    const char *title = head >= 0 ? s->members[head].title : s->title;
    if (s->title && head >= 0 && !strcmp(hl, t->major_lang)) {
        /* the linker's central member, when it is in the headline's language */
        for (size_t i = 0; i < s->size; i++)
            if (s->members[i].title && !strcmp(s->members[i].title, s->title) &&
                !strcmp(lang_of(&s->members[i]), hl))
                title = s->title;
    }
    cJSON_AddItemToObject(o, "title", str_json(title));
    cJSON_AddStringToObject(o, "title_lang", hl);
    cJSON *heads = cJSON_AddObjectToObject(o, "headlines");
    for (size_t i = 0; heads && i < s->size; i++) {
        const char *l = lang_of(&s->members[i]);
        if (cJSON_GetObjectItemCaseSensitive(heads, l)) continue;
        long c = !strcmp(l, hl) ? -2 : central_member(t, l, NULL, s->size);
        if (c == -2) cJSON_AddStringToObject(heads, l, title ? title : "");
        else if (c >= 0) cJSON_AddStringToObject(heads, l, s->members[c].title);
    }
    cJSON_AddNumberToObject(o, "size", (double)s->size);
    cJSON_AddItemToObject(o, "languages", languages_json(s));
    cJSON *srcs = cJSON_AddArrayToObject(o, "sources");
    for (size_t i = 0; srcs && i < s->size; i++) {
        const char *src = s->members[i].source;
        int seen = !src;
        for (size_t j = 0; j < i && !seen; j++) seen = s->members[j].source && !strcmp(s->members[j].source, src);
        if (!seen) cJSON_AddItemToArray(srcs, cJSON_CreateString(src));
    }
    cJSON_AddItemToObject(o, "first_seen", time_json(s->first_seen));
    cJSON_AddItemToObject(o, "last_seen", time_json(s->last_seen));
    double g = skein_story_growth(s, t->o.now);
    cJSON_AddNumberToObject(o, "growth", round(g * 1000) / 1000);
    cJSON_AddItemToObject(o, "events", events_json(t, hl));
    cJSON_AddItemToObject(o, "names", names_json(t, r, nr));
    cJSON_AddItemToObject(o, "quotes", quotes_json(t));
    cJSON_AddItemToObject(o, "coverage", coverage_json(t, r, nr));
    cJSON_AddItemToObject(o, "articles", articles_json(t));
    free(r);
    return o;
}

static void teller_release(teller *t) {
    for (size_t i = 0; t->notes && i < t->s->size; i++) cJSON_Delete(t->notes[i]);
    free(t->notes), free(t->member_entry), free(t->e), free(t->ent), free(t->by_ent), free(t->ent_start);
    free(t->outlet_of), free(t->outlet_names), free(t->centrality);
}

int skein_story_tell(const skein_story *s, const skein_tell_options *o, char **json) {
    if (!s || !json) return SKEIN_EINVAL;
    *json = NULL;
    teller t;
    memset(&t, 0, sizeof(t));
    t.s = s;
    skein_tell_options_default(&t.o);
    if (o) t.o.lang = o->lang, t.o.now = o->now;
    if (o && o->event_gap_hours > 0) t.o.event_gap_hours = o->event_gap_hours;
    int rc = SKEIN_ENOMEM;
    if (read_notes(&t) || build_entities(&t) || outlets(&t)) goto done;
    if (!(t.centrality = calloc(s->size + 1, sizeof(double)))) goto done;
    t.major_lang = majority_lang(s);
    pick_displays(&t, t.o.lang ? t.o.lang : t.major_lang);
    centrality(&t);
    cJSON *root = story_json(&t);
    if (!root) goto done;
    *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (*json) rc = SKEIN_OK;
done:
    teller_release(&t);
    return rc;
}
