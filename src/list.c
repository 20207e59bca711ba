/* list.c -- lists of stories for the HTTP API and the CLI: a page of the
 * most recent or the most important (with a cursor for the next), or the
 * fastest growing.
 *
 * Both take the same filters (language, time, words), which the database
 * applies: the language through the story's ",en,ar," column, the words
 * through the full-text index over titles, names and quotes (FTS5 in
 * SQLite, a tsvector in PostgreSQL; store_db.h).  Each story is listed by its
 * summary as written when it was last told; growth, which moves with the
 * clock, is taken again at the store's latest time for the top list and put
 * at the end of the summary written without it. */
#include "store.h"

#include "util.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 1000
#define GROWTH_HOURS 6

/* An FTS5 query of the user's words, each a quoted string (no operators). */
static int fts_query(const char *q, sbuf *out) {
    const char *p = q;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (!*p) break;
        if (out->len) skein__sbuf_addc(out, ' ');
        skein__sbuf_addc(out, '"');
        for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
            if (*p == '"') skein__sbuf_addc(out, '"');
            skein__sbuf_addc(out, *p);
        }
        skein__sbuf_addc(out, '"');
    }
    return out->len ? 0 : -1;
}

/* A cursor names its order and the last story of its page: "recency.id"
 * (most recent first) or "w" "weight.id" (most important first).  -1 when
 * malformed or of the other order: a page of one order does not go on from
 * a place in the other. */
static int parse_cursor(const char *c, int order, int64_t *key, int64_t *id) {
    int important = *c == 'w';
    if (important != (order == SKEIN_ORDER_IMPORTANT)) return -1;
    c += important;
    char *end;
    long long r = strtoll(c, &end, 10);
    if (end == c || *end != '.') return -1;
    const char *p = end + 1;
    long long i = strtoll(p, &end, 10);
    if (end == p || *end || i <= 0) return -1;
    *key = r, *id = i;
    return 0;
}

static void bind_named(skein__stmt *st, const char *name, int64_t v) {
    int i = skein__db_param_index(st, name);
    if (i) skein__db_bind_int64(st, i, v);
}

/* "SELECT id, summary, recency|weight FROM stories WHERE <filters of q>" + tail,
 * prepared with the filters bound (named parameters of `tail` are bound by
 * the caller).  SKEIN_ENOTFOUND when the words hold nothing to find. */
static int select_filtered(skein_store *s, const skein_story_query *q, const char *tail,
                           skein__stmt **st) {
    sbuf sql, fts;
    skein__sbuf_init(&sql), skein__sbuf_init(&fts);
    int rc = SKEIN_OK;
    skein__sbuf_adds(&sql, q->order == SKEIN_ORDER_IMPORTANT
                               ? "SELECT id, summary, weight FROM stories WHERE 1 = 1"
                               : "SELECT id, summary, recency FROM stories WHERE 1 = 1");
    if (q->lang && *q->lang) skein__sbuf_adds(&sql, skein__db_sql(s->db, SKEIN__Q_LANG_FILTER));
    if (q->since != SKEIN_NO_TIME) skein__sbuf_adds(&sql, " AND last_seen >= :since");
    if (q->until != SKEIN_NO_TIME) skein__sbuf_adds(&sql, " AND first_seen <= :until");
    if (q->q && *q->q) {
        if (fts_query(q->q, &fts)) rc = SKEIN_ENOTFOUND;
        skein__sbuf_adds(&sql, skein__db_sql(s->db, SKEIN__Q_WORDS_FILTER));
    }
    skein__sbuf_adds(&sql, tail);
    if (!rc && (!sql.buf || (!fts.buf && q->q && *q->q))) rc = SKEIN_ENOMEM;
    if (!rc && skein__db_prepare(s->db, sql.buf, st))
        rc = skein__store_fail(s, SKEIN_EDB, "listing stories");
    if (!rc) {
        int li = skein__db_param_index(*st, ":lang"), qi = skein__db_param_index(*st, ":q");
        if (li) skein__db_bind_text(*st, li, q->lang);
        /* FTS5 takes the quoted words; PostgreSQL, the words as given */
        int lite = skein__db_kind(s->db) == SKEIN__DB_SQLITE;
        if (qi) skein__db_bind_text(*st, qi, lite ? fts.buf : q->q);
        bind_named(*st, ":since", q->since);
        bind_named(*st, ":until", q->until);
    }
    skein__sbuf_release(&sql), skein__sbuf_release(&fts);
    return rc;
}

static int empty_list(char **json) {
    return (*json = strdup("{\"stories\":[],\"next\":null}")) ? SKEIN_OK : SKEIN_ENOMEM;
}

/* Closes a list "{"stories":[..." with its cursor (NULL: none) into *json. */
static int finish_list(sbuf *out, int rc, const char *next, char **json) {
    if (!rc && next)
        rc = skein__sbuf_adds(out, "],\"next\":\"") || skein__sbuf_adds(out, next) ||
                     skein__sbuf_adds(out, "\"}")
                 ? SKEIN_ENOMEM
                 : SKEIN_OK;
    else if (!rc)
        rc = skein__sbuf_adds(out, "],\"next\":null}") ? SKEIN_ENOMEM : SKEIN_OK;
    if (!rc)
        *json = out->buf;
    else
        skein__sbuf_release(out);
    return rc;
}

int skein_store_query(skein_store *s, const skein_story_query *q, char **json) {
    if (!s || !q || !json) return SKEIN_EINVAL;
    *json = NULL;
    size_t limit = q->limit ? SKEIN_MIN(q->limit, (size_t)MAX_LIMIT) : DEFAULT_LIMIT;
    int64_t crec = 0, cid = 0;
    int after = q->cursor && *q->cursor;
    if (after && parse_cursor(q->cursor, q->order, &crec, &cid)) return SKEIN_EINVAL;
    skein__stmt *st = NULL;
    static const char *const tails[2][2] = {
        {" ORDER BY recency DESC, id DESC LIMIT :limit",
         " AND (recency < :crec OR (recency = :crec AND id < :cid))"
         " ORDER BY recency DESC, id DESC LIMIT :limit"},
        {" ORDER BY weight DESC, id DESC LIMIT :limit",
         " AND (weight < :crec OR (weight = :crec AND id < :cid))"
         " ORDER BY weight DESC, id DESC LIMIT :limit"}};
    int rc = select_filtered(s, q, tails[q->order == SKEIN_ORDER_IMPORTANT][after], &st);
    if (rc == SKEIN_ENOTFOUND) return empty_list(json); /* no words to find */
    if (rc) return rc;
    bind_named(st, ":crec", crec);
    bind_named(st, ":cid", cid);
    bind_named(st, ":limit", (int64_t)limit + 1);
    sbuf out;
    skein__sbuf_init(&out);
    skein__sbuf_adds(&out, "{\"stories\":[");
    size_t n = 0;
    int64_t last_rec = 0, last_id = 0;
    int more = 0, step = SKEIN__DB_DONE;
    while ((step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (n == limit) {
            more = 1;
            break;
        }
        const char *summary = skein__db_column_text(st, 1);
        if (n++) skein__sbuf_addc(&out, ',');
        skein__sbuf_adds(&out, summary ? summary : "null");
        last_rec = skein__db_column_int64(st, 2), last_id = skein__db_column_int64(st, 0);
    }
    if (!more && step != SKEIN__DB_DONE)
        rc = skein__store_fail(s, SKEIN_EDB,
                               "listing stories"); /* e.g. a search the index refuses */
    skein__db_finalize(st);
    char next[64];
    snprintf(next, sizeof(next), "%s%" PRId64 ".%" PRId64,
             q->order == SKEIN_ORDER_IMPORTANT ? "w" : "", last_rec, last_id);
    return finish_list(&out, rc, more ? next : NULL, json);
}

/* ---- the fastest growing ------------------------------------------------------ */

typedef struct growth_item {
    int64_t id;
    double growth;
    size_t size;
} growth_item;

static int by_growth(const void *a, const void *b) {
    const growth_item *x = a, *y = b;
    if (x->growth != y->growth) return x->growth < y->growth ? 1 : -1;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    return x->id < y->id ? -1 : 1;
}

/* Story `id`'s growth at `now`, from its articles' times (st: the prepared
 * "times of a story's articles"); its size into item. */
static int growth_of(skein_store *s, skein__stmt *st, int64_t now, growth_item *item) {
    skein_member *m = NULL;
    size_t n = 0, cap = 0;
    int rc = SKEIN_OK, step;
    skein__db_bind_int64(st, 1, item->id);
    while ((step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)&m, &cap, n + 1, sizeof(*m))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        m[n++] = (skein_member){"", NULL, NULL, NULL, skein__col_time(st, 0), NULL};
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "top stories");
    skein__db_reset(st);
    skein_story story = {(uint64_t)item->id, NULL, n, m, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
    if (!rc) item->growth = skein_story_growth(&story, now), item->size = n;
    free(m);
    return rc;
}

/* Appends summary `text` (one object, as written without its growth) with
 * `growth` as its last member. */
static int add_with_growth(sbuf *out, const char *text, double growth) {
    size_t n = strlen(text);
    cJSON *g = cJSON_CreateNumber(growth);
    char *num = g ? cJSON_PrintUnformatted(g) : NULL;
    cJSON_Delete(g);
    int rc = !num || n < 2 || text[n - 1] != '}' || skein__sbuf_add(out, text, n - 1) ||
             skein__sbuf_adds(out, n > 2 ? ",\"growth\":" : "\"growth\":") ||
             skein__sbuf_adds(out, num) || skein__sbuf_addc(out, '}');
    free(num);
    return rc ? SKEIN_ENOMEM : SKEIN_OK;
}

/* The summaries of the `limit` fastest growing of items[0..nitems), with
 * their growth at the store's time in place of the one stored. */
static int top_summaries(skein_store *s, growth_item *items, size_t nitems, size_t limit,
                         sbuf *out) {
    if (nitems) qsort(items, nitems, sizeof(*items), by_growth);
    skein__stmt *one = NULL;
    const char *q =
        "SELECT summary_nogrowth FROM stories WHERE id = ? AND summary_nogrowth IS NOT NULL";
    if (skein__db_prepare(s->db, q, &one)) return skein__store_fail(s, SKEIN_EDB, "top stories");
    int rc = SKEIN_OK;
    for (size_t i = 0, n = 0; !rc && i < nitems && i < limit; i++) {
        skein__db_bind_int64(one, 1, items[i].id);
        int step = skein__db_step(one);
        if (step == SKEIN__DB_ROW) {
            if (n++) skein__sbuf_addc(out, ',');
            rc = add_with_growth(out, skein__db_column_text(one, 0), items[i].growth);
        } else if (step != SKEIN__DB_DONE) {
            rc = skein__store_fail(s, SKEIN_EDB, "top stories");
        }
        skein__db_reset(one);
    }
    skein__db_finalize(one);
    return rc;
}

/* Growth of every story the filters let through that had an article in the
 * last hours before `now` (only those can be growing), into *items. */
static int growing(skein_store *s, const skein_story_query *q, int64_t now, growth_item **items,
                   size_t *n) {
    skein__stmt *st = NULL, *times = NULL;
    int rc = select_filtered(s, q, now == SKEIN_NO_TIME ? "" : " AND last_seen >= :recent", &st);
    if (rc) return rc;
    bind_named(st, ":recent", now == SKEIN_NO_TIME ? 0 : now - GROWTH_HOURS * 3600);
    const char *tq = "SELECT a.published FROM memberships m JOIN articles a ON a.id = m.article "
                     "WHERE m.story = ?";
    if (skein__db_prepare(s->db, tq, &times)) rc = skein__store_fail(s, SKEIN_EDB, "top stories");
    size_t cap = 0;
    int step = SKEIN__DB_DONE;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)items, &cap, *n + 1, sizeof(**items))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        growth_item *it = &(*items)[*n];
        it->id = skein__db_column_int64(st, 0);
        if (!(rc = growth_of(s, times, now, it))) (*n)++;
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "top stories");
    skein__db_finalize(st), skein__db_finalize(times);
    return rc;
}

int skein_store_top(skein_store *s, const skein_story_query *q, size_t n, char **json) {
    if (!s || !q || !json || !n) return SKEIN_EINVAL;
    *json = NULL;
    int64_t now = SKEIN_NO_TIME;
    int rc = skein_store_latest(s, &now);
    if (rc) return rc;
    growth_item *items = NULL;
    size_t nitems = 0;
    rc = growing(s, q, now, &items, &nitems);
    if (rc == SKEIN_ENOTFOUND) rc = SKEIN_OK, nitems = 0; /* no words to find */
    sbuf out;
    skein__sbuf_init(&out);
    if (!rc) rc = skein__sbuf_adds(&out, "{\"stories\":[") ? SKEIN_ENOMEM : SKEIN_OK;
    if (!rc) rc = top_summaries(s, items, nitems, SKEIN_MIN(n, (size_t)MAX_LIMIT), &out);
    free(items);
    return finish_list(&out, rc, NULL, json);
}
