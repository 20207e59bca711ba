/* list.c -- lists of stories for the HTTP API and the CLI: a page of the
 * most recent or the most important (with a cursor for the next), or the
 * fastest growing.
 *
 * Both take the same filters (language, time, words), which the database
 * applies: the language through the story's ",en,ar," column, the words
 * through the full-text index over titles, names and quotes (FTS5 in
 * SQLite, a tsvector in PostgreSQL; store_db.h), whose rows are lines keyed
 * by story: a story has the words when each word is in one of its lines.  Each story is listed by
 * its summary as written when it was last told; growth, which moves with the clock, is taken again
 * at the store's latest time for the top list and put at the end of the summary written without it.
 */
#include "store.h"

#include "utf8.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 1000
#define GROWTH_HOURS 6

/* Words a search takes at most (each is a parameter of its own). */
#define MAX_WORDS 16

/* 1 when word w[0..n) has a letter or a digit, that is something the index
 * holds (FTS5's unicode61 and PostgreSQL's parser both drop the rest); a
 * word without one is passed over, as one query of all the words did. */
static int has_token(const char *w, size_t n) {
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)skein__utf8_next(w, n, &i);
        int8_t k = u_charType(c);
        if (k == U_UPPERCASE_LETTER || k == U_LOWERCASE_LETTER || k == U_TITLECASE_LETTER ||
            k == U_MODIFIER_LETTER || k == U_OTHER_LETTER || k == U_DECIMAL_DIGIT_NUMBER ||
            k == U_LETTER_NUMBER || k == U_OTHER_NUMBER || k == U_PRIVATE_USE_CHAR)
            return 1;
    }
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The user's words that hold something to find, each one term, NUL-ended
 * one after the other in *out: for FTS5 a quoted string (no operators), for
 * PostgreSQL the word as given.  Their number, -1 when there are more than
 * MAX_WORDS, -2 on ENOMEM. */
static int search_terms(const char *q, int fts, sbuf *out) {
    int n = 0, oom = 0;
    for (const char *p = q; *p;) {
        while (is_space(*p)) p++;
        const char *w = p;
        while (*p && !is_space(*p)) p++;
        if (p == w || !has_token(w, (size_t)(p - w))) continue;
        if (n++ == MAX_WORDS) return -1;
        if (fts) oom |= skein__sbuf_addc(out, '"');
        for (const char *c = w; c < p; c++) {
            if (fts && *c == '"') oom |= skein__sbuf_addc(out, '"');
            oom |= skein__sbuf_addc(out, *c);
        }
        if (fts) oom |= skein__sbuf_addc(out, '"');
        oom |= skein__sbuf_addc(out, 0);
    }
    return oom ? -2 : n;
}

/* The words filter for term i: the back end's, with :q named :q<i>. */
static void add_words_filter(sbuf *sql, const char *filter, int i) {
    char name[16];
    snprintf(name, sizeof(name), ":q%d", i);
    for (const char *p = filter, *at; *p; p = at + 2) {
        if (!(at = strstr(p, ":q"))) {
            skein__sbuf_adds(sql, p);
            break;
        }
        skein__sbuf_add(sql, p, (size_t)(at - p));
        skein__sbuf_adds(sql, name);
    }
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
 * the caller).  A story has the words when each is in some line of its
 * search text (rows keyed by story: store_write.c).  SKEIN_ENOTFOUND when
 * the words hold nothing to find; SKEIN_EINVAL when there are too many. */
static int select_filtered(skein_store *s, const skein_story_query *q, const char *tail,
                           skein__stmt **st) {
    sbuf sql, terms;
    skein__sbuf_init(&sql), skein__sbuf_init(&terms);
    int rc = SKEIN_OK, nterms = 0;
    /* FTS5 takes the quoted words; PostgreSQL, the words as given */
    int lite = skein__db_kind(s->db) == SKEIN__DB_SQLITE;
    skein__sbuf_adds(&sql, q->order == SKEIN_ORDER_IMPORTANT
                               ? "SELECT id, summary, weight FROM stories WHERE 1 = 1"
                               : "SELECT id, summary, recency FROM stories WHERE 1 = 1");
    if (q->lang && *q->lang) skein__sbuf_adds(&sql, skein__db_sql(s->db, SKEIN__Q_LANG_FILTER));
    if (q->since != SKEIN_NO_TIME) skein__sbuf_adds(&sql, " AND last_seen >= :since");
    if (q->until != SKEIN_NO_TIME) skein__sbuf_adds(&sql, " AND first_seen <= :until");
    if (q->q && *q->q) {
        nterms = search_terms(q->q, lite, &terms);
        if (nterms == -2)
            rc = SKEIN_ENOMEM;
        else if (nterms < 0)
            rc = SKEIN_EFIELD,
            snprintf(s->errmsg, sizeof(s->errmsg), "q: a search takes at most %d words", MAX_WORDS);
        else if (nterms == 0)
            rc = SKEIN_ENOTFOUND;
        for (int i = 0; i < nterms; i++)
            add_words_filter(&sql, skein__db_sql(s->db, SKEIN__Q_WORDS_FILTER), i);
    }
    skein__sbuf_adds(&sql, tail);
    if (!rc && (!sql.buf || (nterms && !terms.buf))) rc = SKEIN_ENOMEM;
    if (!rc && skein__db_prepare(s->db, sql.buf, st))
        rc = skein__store_fail(s, SKEIN_EDB, "listing stories");
    if (!rc) {
        int li = skein__db_param_index(*st, ":lang");
        if (li) skein__db_bind_text(*st, li, q->lang);
        const char *term = terms.buf;
        for (int i = 0; i < nterms; i++, term += strlen(term) + 1) {
            char name[16];
            snprintf(name, sizeof(name), ":q%d", i);
            int qi = skein__db_param_index(*st, name);
            if (qi) skein__db_bind_text(*st, qi, term);
        }
        bind_named(*st, ":since", q->since);
        bind_named(*st, ":until", q->until);
    }
    skein__sbuf_release(&sql), skein__sbuf_release(&terms);
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
