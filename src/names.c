/* names.c -- people, places and organisations across stories.
 *
 * Each story keeps its names as rows (story, name, kind, articles,
 * mentions, aliases), one per real-world name of that story: tell.c has
 * already joined its spellings and scripts (Putin, Путин, بوتين) on the
 * interlingual keys of their words.  Those keys make a name's key across
 * stories: 16 hex digits of the last word's key, after 16 of the first
 * word's when the name has one ("Vladimir Putin"), a place's gazetteer id's
 * key alone.  A story that only says "Putin" keeps the surname's key; the
 * full name's page takes those rows in too, as a lone surname joins the
 * full name within a story.  Each row also keeps its spellings case-folded
 * (ICU), one a line, for search by any part of any spelling.
 *
 * Everything printed is ordered here, in C, by numbers and bytes, so that
 * SQLite and PostgreSQL give the same answer to the byte. */
#include "store.h"

#include "tell.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucasemap.h>

#define NAMES_LIMIT 50    /* entries a search gives */
#define QUOTES_LIMIT 500  /* quotes a name's page gives, the latest */
#define STORIES_LIMIT 500 /* stories a name's page gives, the latest */
#define MAX_KEYS 2000     /* names a search looks at */

/* 16 lower-case hex digits of k into out (as "%016" PRIx64, without printf:
 * every names row and every told record prints its names' keys). */
static char *hex16(char *out, uint64_t k) {
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, k >>= 4) out[i] = hex[k & 15];
    return out + 16;
}

void skein__name_key(const skein__told_name *n, char out[33]) {
    char *p = out;
    if (n->first) p = hex16(p, n->first);
    *hex16(p, n->last) = 0;
}

/* s case-folded (ICU's default full folding, case map cm) appended to b. */
static int fold_into(UCaseMap *cm, sbuf *b, const char *s) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = (int32_t)strlen(s), cap = len * 3 + 4;
    char small[256], *tmp = cap <= (int32_t)sizeof(small) ? small : malloc((size_t)cap);
    int rc = -1;
    if (tmp) {
        int32_t n = ucasemap_utf8FoldCase(cm, tmp, cap, s, len, &err);
        rc = U_SUCCESS(err) ? skein__sbuf_add(b, tmp, (size_t)n) : skein__sbuf_adds(b, s);
    }
    if (tmp != small) free(tmp);
    return rc ? -1 : 0;
}

int skein__name_spellings(const skein__told_name *n, sbuf *b) {
    skein__sbuf_reset(b);
    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *cm = ucasemap_open(NULL, 0, &err); /* one for all the spellings */
    if (U_FAILURE(err)) return SKEIN_ENOMEM;
    int rc = fold_into(cm, b, n->name ? n->name : "");
    for (size_t k = 0; !rc && k < n->naliases; k++)
        rc = skein__sbuf_addc(b, '\n') || fold_into(cm, b, n->aliases[k].name);
    ucasemap_close(cm);
    return rc || skein__sbuf_addc(b, '\n') ? SKEIN_ENOMEM : SKEIN_OK;
}

int skein__name_bind(skein__stmt *st, int i, const skein__told_name *n) {
    char key[33];
    skein__name_key(n, key);
    skein__db_bind_text(st, i, key);
    sbuf sp;
    skein__sbuf_init(&sp);
    int rc = skein__name_spellings(n, &sp);
    if (!rc) skein__db_bind_text(st, i + 1, sp.buf);
    skein__sbuf_release(&sp);
    return rc;
}

/* ---- reading ------------------------------------------------------------------ */

static char *col_dup(skein__stmt *st, int i) {
    const char *t = skein__db_column_text(st, i);
    return strdup(t ? t : "");
}

static int valid_key(const char *k) {
    size_t n = strlen(k);
    if (n != 16 && n != 32) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'a' && k[i] <= 'f'))) return 0;
    return 1;
}

/* One entry of a search: a key and what its rows add up to. */
typedef struct found {
    char key[33];
    char *name; /* the spelling of its row with the most mentions */
    char *kind;
    size_t best, stories, articles, mentions;
    cJSON *spellings; /* {"spelling": count} */
} found;

static void found_release(found *f, size_t n) {
    for (size_t i = 0; i < n; i++) free(f[i].name), free(f[i].kind), cJSON_Delete(f[i].spellings);
    free(f);
}

/* A key's rows in an order of their own, not the table's (which rows a store
 * rewrote last): by story, and within a story as the story tells its names.
 * The display name and kind of a key are its rows' most mentioned, the first
 * in this order on a tie. */
#define NAME_ROWS_BY " story, articles DESC, mentions DESC"
#define NAME_ROWS_ORDER " ORDER BY" NAME_ROWS_BY

/* Adds the aliases (JSON text) of a row into the {"spelling": count} map. */
static void add_spellings(cJSON *map, const char *aliases) {
    cJSON *a = aliases ? cJSON_Parse(aliases) : NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, a) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(it, "count");
        if (!cJSON_IsString(name)) continue;
        double c = cJSON_IsNumber(count) ? count->valuedouble : 0;
        cJSON *have = cJSON_GetObjectItemCaseSensitive(map, name->valuestring);
        if (have)
            cJSON_SetNumberValue(have, have->valuedouble + c);
        else
            cJSON_AddNumberToObject(map, name->valuestring, c);
    }
    cJSON_Delete(a);
}

typedef struct spelling {
    const char *name;
    double count;
} spelling;

static int by_count(const void *a, const void *b) {
    const spelling *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* The map as [{"name","count"}...], most used first, then by bytes. */
static cJSON *spellings_array(const cJSON *map) {
    size_t n = (size_t)cJSON_GetArraySize(map), i = 0;
    spelling *v = calloc(n + 1, sizeof(*v));
    cJSON *arr = cJSON_CreateArray();
    if (!v || !arr) return free(v), arr;
    const cJSON *it;
    cJSON_ArrayForEach(it, map) v[i++] = (spelling){it->string, it->valuedouble};
    qsort(v, n, sizeof(*v), by_count);
    for (i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", v[i].name);
        cJSON_AddNumberToObject(o, "count", v[i].count);
        cJSON_AddItemToArray(arr, o);
    }
    free(v);
    return arr;
}

static int by_weight(const void *a, const void *b) {
    const found *x = a, *y = b;
    if (x->stories != y->stories) return x->stories < y->stories ? 1 : -1;
    if (x->mentions != y->mentions) return x->mentions < y->mentions ? 1 : -1;
    return strcmp(x->key, y->key);
}

/* Folds each lone-surname entry into the one full name of the results
 * with that last word, when there is exactly one. */
static int by_last_word(const void *a, const void *b, void *ctx) {
    const found *f = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(f[x].key + 16, f[y].key + 16);
    return c ? c : (x > y) - (x < y);
}

static size_t fold_lone(found *f, size_t n) {
    /* the full names (32 hex digits) sorted by their last word's key */
    size_t *full = malloc((n ? n : 1) * sizeof(*full)), nfull = 0;
    if (!full) return n; /* nothing folded: the entries as they are */
    for (size_t j = 0; j < n; j++)
        if (strlen(f[j].key) == 32) full[nfull++] = j;
    qsort_r(full, nfull, sizeof(*full), by_last_word, f);
    for (size_t i = 0; i < n; i++) {
        if (strlen(f[i].key) != 16) continue;
        size_t lo = 0, hi = nfull;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(f[full[mid]].key + 16, f[i].key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == nfull || strcmp(f[full[lo]].key + 16, f[i].key) ||
            (lo + 1 < nfull && !strcmp(f[full[lo + 1]].key + 16, f[i].key)))
            continue; /* none, or more than one full name with that last word */
        found *t = &f[full[lo]];
        t->stories += f[i].stories, t->articles += f[i].articles, t->mentions += f[i].mentions;
        const cJSON *it;
        cJSON_ArrayForEach(it, f[i].spellings) {
            cJSON *have = cJSON_GetObjectItemCaseSensitive(t->spellings, it->string);
            if (have)
                cJSON_SetNumberValue(have, have->valuedouble + it->valuedouble);
            else
                cJSON_AddNumberToObject(t->spellings, it->string, it->valuedouble);
        }
        f[i].key[0] = 0; /* gone */
    }
    free(full);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i].key[0]) {
            f[k++] = f[i];
            continue;
        }
        free(f[i].name), free(f[i].kind), cJSON_Delete(f[i].spellings);
    }
    return k;
}

/* Adds the row of `st` (key, name, kind, articles, mentions, aliases) to
 * its entry of f[0..*n). */
/* A name's display: the row with most mentions, ties to the smaller bytes.
 * Takes the name (column i) and kind (i + 1) of the current row when it
 * wins over *name, which had *best mentions. */
static void take_display(skein__stmt *st, int i, size_t mentions, char **name, char **kind,
                         size_t *best) {
    const char *nm = skein__db_column_text(st, i);
    if (*name && (mentions < *best || (mentions == *best && strcmp(nm ? nm : "", *name) >= 0)))
        return;
    free(*name), free(*kind);
    *name = col_dup(st, i), *kind = col_dup(st, i + 1), *best = mentions;
}

static int add_row(skein__stmt *st, found **f, size_t *n, size_t *cap) {
    const char *key = skein__db_column_text(st, 0);
    if (!key || strlen(key) > 32) return SKEIN_OK;
    /* rows come grouped by key (ORDER BY key, or one key a query) */
    size_t i = *n && !strcmp((*f)[*n - 1].key, key) ? *n - 1 : *n;
    if (i == *n) {
        if (skein__grow((void **)f, cap, *n + 1, sizeof(**f))) return SKEIN_ENOMEM;
        memset(&(*f)[i], 0, sizeof(**f));
        strcpy((*f)[i].key, key);
        if (!((*f)[i].spellings = cJSON_CreateObject())) return SKEIN_ENOMEM;
        (*n)++;
    }
    found *x = &(*f)[i];
    size_t articles = (size_t)skein__db_column_int64(st, 3);
    size_t mentions = (size_t)skein__db_column_int64(st, 4);
    take_display(st, 1, mentions, &x->name, &x->kind, &x->best);
    x->stories++, x->articles += articles, x->mentions += mentions;
    add_spellings(x->spellings, skein__db_column_text(st, 5));
    return SKEIN_OK;
}

/* Steps `st` to its end, each row through add_row, or (keys not NULL) each
 * row's first column into the key list; then resets it. */
static int each_row(skein_store *s, skein__stmt *st, found **f, size_t *n, size_t *cap,
                    char (**keys)[33], size_t *nkeys, size_t *kcap) {
    int rc = SKEIN_OK, step;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (!keys) {
            rc = add_row(st, f, n, cap);
            continue;
        }
        const char *k = skein__db_column_text(st, 0);
        if (!k || strlen(k) > 32) continue;
        size_t i = 0;
        while (i < *nkeys && strcmp((*keys)[i], k)) i++;
        if (i < *nkeys || *nkeys >= MAX_KEYS) continue;
        if (skein__grow((void **)keys, kcap, *nkeys + 1, sizeof(**keys))) rc = SKEIN_ENOMEM;
        if (!rc) strcpy((*keys)[(*nkeys)++], k);
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "searching names");
    skein__db_reset(st);
    return rc;
}

/* The keys whose rows match q (a spelling holds it, or it is the key), with
 * the full names of each lone surname found (sharing its last word's key). */
static int matching_keys(skein_store *s, const char *q, char (**keys)[33], size_t *n) {
    sbuf pat, folded;
    skein__sbuf_init(&pat), skein__sbuf_init(&folded);
    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *cm = ucasemap_open(NULL, 0, &err);
    int rc = U_FAILURE(err) || fold_into(cm, &folded, q) || !folded.buf ? SKEIN_ENOMEM : SKEIN_OK;
    ucasemap_close(cm);
    skein__sbuf_addc(&pat, '%');
    for (size_t i = 0; !rc && i < folded.len; i++) {
        char c = folded.buf[i];
        if (c == '%' || c == '_' || c == '\\') skein__sbuf_addc(&pat, '\\');
        skein__sbuf_addc(&pat, c);
    }
    if (skein__sbuf_addc(&pat, '%')) rc = SKEIN_ENOMEM;
    skein__stmt *st = NULL, *full = NULL;
    if (!rc && (skein__db_prepare(s->db,
                                  "SELECT DISTINCT key FROM names WHERE key IS NOT NULL"
                                  " AND (spellings LIKE ?1 ESCAPE '\\' OR key = ?2)",
                                  &st) ||
                skein__db_prepare(s->db,
                                  "SELECT DISTINCT key FROM names WHERE length(key) = 32"
                                  " AND substr(key, 17) = ?",
                                  &full)))
        rc = skein__store_fail(s, SKEIN_EDB, "searching names");
    size_t cap = 0;
    if (!rc) {
        skein__db_bind_text(st, 1, pat.buf), skein__db_bind_text(st, 2, q);
        rc = each_row(s, st, NULL, NULL, NULL, keys, n, &cap);
    }
    for (size_t i = 0, found_n = *n; !rc && i < found_n; i++) {
        if (strlen((*keys)[i]) != 16) continue;
        char lone[33];
        strcpy(lone, (*keys)[i]);
        skein__db_bind_text(full, 1, lone);
        rc = each_row(s, full, NULL, NULL, NULL, keys, n, &cap);
    }
    skein__db_finalize(st), skein__db_finalize(full);
    skein__sbuf_release(&pat), skein__sbuf_release(&folded);
    return rc;
}

int skein_store_names_json(skein_store *s, const char *q, size_t limit, char **json) {
    if (!s || !json) return SKEIN_EINVAL;
    *json = NULL;
    if (!limit || limit > 1000) limit = NAMES_LIMIT;
    found *f = NULL;
    size_t n = 0, cap = 0;
    skein__stmt *st = NULL;
    int rc = SKEIN_OK;
    if (q && *q) { /* the keys q finds, then all the rows of each */
        char(*keys)[33] = NULL;
        size_t nkeys = 0;
        rc = matching_keys(s, q, &keys, &nkeys);
        if (!rc && skein__db_prepare(s->db,
                                     "SELECT key, name, kind, articles, mentions, aliases"
                                     " FROM names WHERE key = ?" NAME_ROWS_ORDER,
                                     &st))
            rc = skein__store_fail(s, SKEIN_EDB, "searching names");
        for (size_t i = 0; !rc && i < nkeys; i++) {
            skein__db_bind_text(st, 1, keys[i]);
            rc = each_row(s, st, &f, &n, &cap, NULL, NULL, NULL);
        }
        free(keys);
    } else if (skein__db_prepare(s->db,
                                 "SELECT key, name, kind, articles, mentions, aliases FROM names"
                                 " WHERE key IS NOT NULL ORDER BY key," NAME_ROWS_BY,
                                 &st)) {
        rc = skein__store_fail(s, SKEIN_EDB, "searching names");
    } else {
        rc = each_row(s, st, &f, &n, &cap, NULL, NULL, NULL);
    }
    skein__db_finalize(st);
    if (!rc) n = fold_lone(f, n);
    if (!rc && n) qsort(f, n, sizeof(*f), by_weight);
    cJSON *o = rc ? NULL : cJSON_CreateObject();
    cJSON *arr = o ? cJSON_AddArrayToObject(o, "names") : NULL;
    for (size_t i = 0; arr && i < n && i < limit; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "key", f[i].key);
        cJSON_AddStringToObject(e, "name", f[i].name);
        cJSON_AddStringToObject(e, "kind", f[i].kind);
        cJSON_AddNumberToObject(e, "stories", (double)f[i].stories);
        cJSON_AddNumberToObject(e, "articles", (double)f[i].articles);
        cJSON_AddNumberToObject(e, "mentions", (double)f[i].mentions);
        cJSON_AddItemToObject(e, "spellings", spellings_array(f[i].spellings));
        cJSON_AddItemToArray(arr, e);
    }
    found_release(f, n);
    if (rc) return rc;
    *json = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return *json ? SKEIN_OK : SKEIN_ENOMEM;
}

/* ---- one name ------------------------------------------------------------------ */

typedef struct story_row {
    int64_t id, last_seen, size, articles, mentions;
    char *title;
} story_row;

static int by_last_seen(const void *a, const void *b) {
    const story_row *x = a, *y = b;
    if (x->last_seen != y->last_seen) return x->last_seen < y->last_seen ? 1 : -1;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

typedef struct quote_row {
    int64_t story, published;
    char *text, *article, *outlet, *lang, *speaker;
    double confidence;
} quote_row;

static int by_time(const void *a, const void *b) {
    const quote_row *x = a, *y = b;
    if (x->published != y->published) return x->published < y->published ? -1 : 1;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    int c = strcmp(x->article, y->article);
    return c ? c : strcmp(x->text, y->text);
}

/* The stories of the name's rows (keys k1, k2), into the entry. */
static int name_stories(skein_store *s, const char *k1, const char *k2, cJSON *o) {
    const char *sql = "SELECT s.id, s.title, s.size, s.last_seen, n.articles, n.mentions,"
                      " n.name, n.kind, n.aliases FROM names n JOIN stories s ON s.id = n.story"
                      " WHERE n.key = ?1 OR n.key = ?2"
                      " ORDER BY n.story, n.articles DESC, n.mentions DESC";
    skein__stmt *st;
    if (skein__db_prepare(s->db, sql, &st)) return skein__store_fail(s, SKEIN_EDB, "a name");
    skein__db_bind_text(st, 1, k1), skein__db_bind_text(st, 2, k2);
    story_row *r = NULL;
    size_t n = 0, cap = 0, best = 0;
    char *name = NULL, *kind = NULL;
    cJSON *map = cJSON_CreateObject();
    int rc = map ? SKEIN_OK : SKEIN_ENOMEM, step = SKEIN__DB_DONE;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)&r, &cap, n + 1, sizeof(*r))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        story_row *x = &r[n++];
        x->id = skein__db_column_int64(st, 0);
        x->title = skein__db_column_text(st, 1) ? col_dup(st, 1) : NULL;
        x->size = skein__db_column_int64(st, 2);
        x->last_seen = skein__col_time(st, 3);
        x->articles = skein__db_column_int64(st, 4);
        x->mentions = skein__db_column_int64(st, 5);
        take_display(st, 6, (size_t)x->mentions, &name, &kind, &best);
        add_spellings(map, skein__db_column_text(st, 8));
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "a name");
    skein__db_finalize(st);
    if (!rc && !n) rc = SKEIN_ENOTFOUND;
    if (!rc) {
        qsort(r, n, sizeof(*r), by_last_seen);
        cJSON_AddStringToObject(o, "name", name);
        cJSON_AddStringToObject(o, "kind", kind);
        cJSON_AddItemToObject(o, "spellings", spellings_array(map));
        cJSON *arr = cJSON_AddArrayToObject(o, "stories");
        for (size_t i = 0; arr && i < n && i < STORIES_LIMIT; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddNumberToObject(e, "story", (double)r[i].id);
            if (r[i].title)
                cJSON_AddStringToObject(e, "title", r[i].title);
            else
                cJSON_AddNullToObject(e, "title");
            cJSON_AddNumberToObject(e, "size", (double)r[i].size);
            skein__json_add_time(e, "last_seen", r[i].last_seen);
            cJSON_AddNumberToObject(e, "articles", (double)r[i].articles);
            cJSON_AddNumberToObject(e, "mentions", (double)r[i].mentions);
            cJSON_AddItemToArray(arr, e);
        }
    }
    for (size_t i = 0; i < n; i++) free(r[i].title);
    free(r), free(name), free(kind);
    cJSON_Delete(map);
    return rc;
}

/* The name's quotes (its rows' speakers in their stories), oldest first. */
static int name_quotes(skein_store *s, const char *k1, const char *k2, cJSON *o) {
    const char *sql =
        "SELECT q.story, a.published, q.text, q.article, q.outlet, q.lang, q.confidence,"
        " q.speaker FROM names n JOIN quotes q ON q.story = n.story AND q.speaker = n.name"
        " LEFT JOIN articles a ON a.id = q.article WHERE n.key = ?1 OR n.key = ?2";
    skein__stmt *st;
    if (skein__db_prepare(s->db, sql, &st)) return skein__store_fail(s, SKEIN_EDB, "a name");
    skein__db_bind_text(st, 1, k1), skein__db_bind_text(st, 2, k2);
    quote_row *r = NULL;
    size_t n = 0, cap = 0;
    int rc = SKEIN_OK, step = SKEIN__DB_DONE;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)&r, &cap, n + 1, sizeof(*r))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        quote_row *x = &r[n++];
        x->story = skein__db_column_int64(st, 0);
        x->published = skein__col_time(st, 1);
        x->text = col_dup(st, 2), x->article = col_dup(st, 3), x->outlet = col_dup(st, 4);
        x->lang = col_dup(st, 5), x->confidence = skein__db_column_double(st, 6);
        x->speaker = col_dup(st, 7);
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "a name");
    skein__db_finalize(st);
    if (!rc && n) qsort(r, n, sizeof(*r), by_time);
    cJSON *arr = rc ? NULL : cJSON_AddArrayToObject(o, "quotes");
    size_t from = n > QUOTES_LIMIT ? n - QUOTES_LIMIT : 0;
    for (size_t i = from; arr && i < n; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "text", r[i].text);
        cJSON_AddStringToObject(e, "speaker", r[i].speaker);
        cJSON_AddNumberToObject(e, "story", (double)r[i].story);
        cJSON_AddStringToObject(e, "article", r[i].article);
        cJSON_AddStringToObject(e, "outlet", r[i].outlet);
        cJSON_AddStringToObject(e, "lang", r[i].lang);
        skein__json_add_time(e, "published", r[i].published);
        cJSON_AddNumberToObject(e, "confidence", r[i].confidence);
        cJSON_AddItemToArray(arr, e);
    }
    for (size_t i = 0; i < n; i++)
        free(r[i].text), free(r[i].article), free(r[i].outlet), free(r[i].lang), free(r[i].speaker);
    free(r);
    return rc;
}

int skein_store_name_json(skein_store *s, const char *key, char **json) {
    if (!s || !key || !json) return SKEIN_EINVAL;
    *json = NULL;
    if (!valid_key(key)) return SKEIN_ENOTFOUND;
    /* a full name's page takes in the rows of its lone surname */
    const char *lone = strlen(key) == 32 ? key + 16 : key;
    cJSON *o = cJSON_CreateObject();
    if (!o) return SKEIN_ENOMEM;
    cJSON_AddStringToObject(o, "key", key);
    int rc = name_stories(s, key, lone, o);
    if (!rc) rc = name_quotes(s, key, lone, o);
    if (!rc) *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return rc ? rc : *json ? SKEIN_OK : SKEIN_ENOMEM;
}
