/* query.c -- reading the store: stories with their members for the CLI, and
 * the HTTP API's answers as JSON.  Nothing here writes; a handle opened with
 * SKEIN_STORE_READONLY serves all of it while another handle ingests (WAL:
 * readers see the last commit and never wait for the writer). */
#include "store.h"

#include "notes.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 1000
#define GROWTH_HOURS 6

static char *col_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

static void free_members(skein_member *m, size_t n) {
    for (size_t i = 0; i < n; i++)
        free((char *)m[i].id), free((char *)m[i].lang), free((char *)m[i].source),
            free((char *)m[i].title), skein_notes_free((skein_notes *)m[i].notes);
    free(m);
}

/* The notes in column i (their binary form, notes.h); NULL when there are
 * none or they cannot be read. */
static skein_notes *col_notes(sqlite3_stmt *st, int i) {
    const void *blob = sqlite3_column_blob(st, i);
    if (!blob) return NULL;
    snap_r r;
    skein__snap_reader(&r, blob, (size_t)sqlite3_column_bytes(st, i));
    return skein__notes_load(&r);
}

/* The members of story `id` in arrival order; *out is new (free_members). */
static int load_members(skein_store *s, uint64_t id, int notes, skein_member **out, size_t *n) {
    sqlite3_stmt *st;
    const char *q = notes ? "SELECT a.id, a.lang, a.source, a.title, a.published, a.notes FROM memberships m "
                            "JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.pos"
                          : "SELECT a.id, a.lang, a.source, a.title, a.published, NULL FROM memberships m "
                            "JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.pos";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "reading a story's articles");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    skein_member *m = NULL;
    size_t len = 0, cap = 0;
    int rc = SKEIN_OK, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (skein__grow((void **)&m, &cap, len + 1, sizeof(*m))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        m[len++] = (skein_member){col_dup(st, 0), col_dup(st, 1), col_dup(st, 2), col_dup(st, 3),
                                  skein__col_time(st, 4), col_notes(st, 5)};
    }
    if (!rc && step != SQLITE_DONE) rc = skein__store_fail(s, SKEIN_EDB, "reading a story's articles");
    sqlite3_finalize(st);
    *out = m, *n = len;
    return rc;
}

/* Calls fn for each story row of the prepared statement `st` (columns id,
 * title, first_seen, last_seen, report); *found counts them. */
static int each_row(skein_store *s, sqlite3_stmt *st, skein_story_fn fn, void *ud, size_t *found) {
    int rc = SKEIN_OK, step = SQLITE_DONE;
    while (rc == SKEIN_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        uint64_t id = (uint64_t)sqlite3_column_int64(st, 0);
        skein_member *m = NULL;
        size_t n = 0;
        rc = load_members(s, id, 1, &m, &n);
        skein_story story = {id, (const char *)sqlite3_column_text(st, 1), n, m, skein__col_time(st, 2),
                             skein__col_time(st, 3), (const char *)sqlite3_column_text(st, 4)};
        if (rc == SKEIN_OK) fn(&story, ud), (*found)++;
        free_members(m, n);
    }
    if (!rc && step != SQLITE_DONE) rc = skein__store_fail(s, SKEIN_EDB, "reading stories");
    sqlite3_finalize(st);
    return rc;
}

int skein_store_each_story(skein_store *s, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    sqlite3_stmt *st;
    const char *q = "SELECT id, title, first_seen, last_seen, report FROM stories ORDER BY id";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "reading stories");
    size_t found = 0;
    return each_row(s, st, fn, ud, &found);
}

int skein_store_get_story(skein_store *s, uint64_t id, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    sqlite3_stmt *st;
    const char *q = "SELECT id, title, first_seen, last_seen, report FROM stories WHERE id = ?";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "reading a story");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    size_t found = 0;
    int rc = each_row(s, st, fn, ud, &found);
    return rc ? rc : found ? SKEIN_OK : SKEIN_ENOTFOUND;
}

static int one_int(skein_store *s, const char *q, int64_t *v) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "reading counts");
    int rc = sqlite3_step(st) == SQLITE_ROW ? SKEIN_OK : SKEIN_EDB;
    *v = rc == SKEIN_OK ? skein__col_time(st, 0) : SKEIN_NO_TIME;
    sqlite3_finalize(st);
    return rc;
}

int skein_store_latest(skein_store *s, int64_t *t) {
    if (!s || !t) return SKEIN_EINVAL;
    return one_int(s, "SELECT max(last_seen) FROM stories", t);
}

int skein_store_get_stats(skein_store *s, skein_store_stats *out) {
    if (!s || !out) return SKEIN_EINVAL;
    int64_t v[4];
    const char *q[4] = {"SELECT count(*) FROM articles", "SELECT count(*) FROM stories",
                        "SELECT count(*) FROM stories WHERE open", "SELECT coalesce(max(seq), 0) FROM state"};
    for (int i = 0; i < 4; i++) {
        int rc = one_int(s, q[i], &v[i]);
        if (rc) return rc;
    }
    *out = (skein_store_stats){(uint64_t)v[0], (uint64_t)v[1], (uint64_t)v[2], (uint64_t)v[3]};
    return SKEIN_OK;
}

/* ---- JSON answers ------------------------------------------------------------ */

/* A story's stored record, or SKEIN_ENOTFOUND; with `open`, the record
 * gets "open": true/false as its last member. */
static int story_column(skein_store *s, uint64_t id, int open, char **json) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT report, open FROM stories WHERE id = ?", -1, &st, NULL))
        return skein__store_fail(s, SKEIN_EDB, "reading a story");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int rc = SKEIN_ENOTFOUND;
    const char *report;
    if (sqlite3_step(st) == SQLITE_ROW && (report = (const char *)sqlite3_column_text(st, 0))) {
        size_t n = strlen(report);
        const char *flag = sqlite3_column_int(st, 1) ? ",\"open\":true}" : ",\"open\":false}";
        if (!open || n < 2 || report[n - 1] != '}') { /* as stored */
            rc = (*json = strdup(report)) ? SKEIN_OK : SKEIN_ENOMEM;
        } else if ((*json = malloc(n + strlen(flag)))) { /* the record is one object */
            memcpy(*json, report, n - 1);
            strcpy(*json + n - 1, flag);
            rc = SKEIN_OK;
        } else {
            rc = SKEIN_ENOMEM;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

int skein_store_story_json(skein_store *s, uint64_t id, char **json) {
    if (!s || !json) return SKEIN_EINVAL;
    *json = NULL;
    return story_column(s, id, 1, json);
}

int skein_store_coverage_json(skein_store *s, uint64_t id, char **json) {
    if (!s || !json) return SKEIN_EINVAL;
    *json = NULL;
    sqlite3_stmt *st;
    const char *q = "SELECT json_object('story', id, 'coverage', report -> '$.coverage') FROM stories"
                    " WHERE id = ? AND report IS NOT NULL";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "coverage");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    int step = sqlite3_step(st), rc = SKEIN_ENOTFOUND;
    if (step == SQLITE_ROW) rc = (*json = col_dup(st, 0)) ? SKEIN_OK : SKEIN_ENOMEM;
    else if (step != SQLITE_DONE) rc = skein__store_fail(s, SKEIN_EDB, "coverage");
    sqlite3_finalize(st);
    return rc;
}

static void add_time(cJSON *o, const char *key, int64_t t) {
    if (t == SKEIN_NO_TIME) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char buf[40];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
    cJSON_AddStringToObject(o, key, buf);
}

static void add_text(cJSON *o, const char *key, sqlite3_stmt *st, int i) {
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (v) cJSON_AddStringToObject(o, key, v);
    else cJSON_AddNullToObject(o, key);
}

int skein_store_article_json(skein_store *s, const char *id, char **json) {
    if (!s || !id || !json) return SKEIN_EINVAL;
    *json = NULL;
    sqlite3_stmt *st;
    const char *q = "SELECT id, story, lang, source, url, published, title, title_in, text_in, notes"
                    " FROM articles WHERE id = ?";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return skein__store_fail(s, SKEIN_EDB, "reading an article");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = SKEIN_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        cJSON *o = cJSON_CreateObject();
        add_text(o, "id", st, 0);
        cJSON_AddNumberToObject(o, "story", (double)sqlite3_column_int64(st, 1));
        add_text(o, "lang", st, 2);
        add_text(o, "source", st, 3);
        add_text(o, "url", st, 4);
        add_time(o, "published", skein__col_time(st, 5));
        add_text(o, "title", st, 6);
        add_text(o, "title_as_given", st, 7);
        add_text(o, "text", st, 8);
        skein_notes *notes = col_notes(st, 9);
        cJSON_AddItemToObject(o, "notes", notes ? skein__notes_cjson(notes) : cJSON_CreateNull());
        skein_notes_free(notes);
        *json = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        rc = *json ? SKEIN_OK : SKEIN_ENOMEM;
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- story lists ------------------------------------------------------------ */

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

/* "recency.id" -> both; -1 when malformed. */
static int parse_cursor(const char *c, int64_t *recency, int64_t *id) {
    char *end;
    long long r = strtoll(c, &end, 10);
    if (end == c || *end != '.') return -1;
    const char *p = end + 1;
    long long i = strtoll(p, &end, 10);
    if (end == p || *end || i <= 0) return -1;
    *recency = r, *id = i;
    return 0;
}

typedef struct growth_item {
    int64_t id;
    double growth;
    int64_t size;
} growth_item;

static int by_growth(const void *a, const void *b) {
    const growth_item *x = a, *y = b;
    if (x->growth != y->growth) return x->growth < y->growth ? 1 : -1;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    return x->id < y->id ? -1 : 1;
}

/* The story's growth at `now` from its members' times. */
static int growth_of(skein_store *s, uint64_t id, int64_t now, double *g) {
    skein_member *m = NULL;
    size_t n = 0;
    int rc = load_members(s, id, 0, &m, &n);
    if (!rc) {
        skein_story st = {id, NULL, n, m, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL};
        for (size_t i = 0; i < n; i++) {
            int64_t t = m[i].published;
            if (t == SKEIN_NO_TIME) continue;
            if (st.first_seen == SKEIN_NO_TIME || t < st.first_seen) st.first_seen = t;
            if (st.last_seen == SKEIN_NO_TIME || t > st.last_seen) st.last_seen = t;
        }
        *g = skein_story_growth(&st, now);
    }
    free_members(m, n);
    return rc;
}

/* Builds "SELECT id, summary, recency, size FROM stories WHERE ..." for q. */
static int build_select(const skein_story_query *q, sbuf *sql, sbuf *fts, int *bad_cursor,
                        int64_t *crec, int64_t *cid, int64_t now) {
    skein__sbuf_adds(sql, "SELECT id, summary, recency, size FROM stories WHERE 1");
    if (q->lang && *q->lang) skein__sbuf_adds(sql, " AND instr(langs, ',' || :lang || ',') > 0");
    if (q->since != SKEIN_NO_TIME) skein__sbuf_adds(sql, " AND last_seen >= :since");
    if (q->until != SKEIN_NO_TIME) skein__sbuf_adds(sql, " AND first_seen <= :until");
    if (q->q && *q->q) {
        if (fts_query(q->q, fts)) return -1;
        skein__sbuf_adds(sql, " AND id IN (SELECT rowid FROM search WHERE search MATCH :q)");
    }
    if (q->top) {
        /* only stories with reports in the last hours can be growing */
        if (now != SKEIN_NO_TIME) skein__sbuf_adds(sql, " AND last_seen >= :recent");
        return 0;
    }
    if (q->cursor && *q->cursor) {
        if (parse_cursor(q->cursor, crec, cid)) {
            *bad_cursor = 1;
            return -1;
        }
        skein__sbuf_adds(sql, " AND (recency < :crec OR (recency = :crec AND id < :cid))");
    }
    skein__sbuf_adds(sql, " ORDER BY recency DESC, id DESC LIMIT :limit");
    return 0;
}

static void bind_named(sqlite3_stmt *st, const char *name, int64_t v) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_int64(st, i, v);
}

/* Appends summary `text` (one object, as SQLite gives it back without its
 * growth) with `growth` as its last member. */
static int add_with_growth(sbuf *out, const char *text, double growth) {
    size_t n = strlen(text);
    cJSON *g = cJSON_CreateNumber(growth);
    char *num = g ? cJSON_PrintUnformatted(g) : NULL;
    cJSON_Delete(g);
    int rc = !num || n < 2 || text[n - 1] != '}' || skein__sbuf_add(out, text, n - 1) ||
             skein__sbuf_adds(out, n > 2 ? ",\"growth\":" : "\"growth\":") || skein__sbuf_adds(out, num) ||
             skein__sbuf_addc(out, '}');
    free(num);
    return rc ? SKEIN_ENOMEM : SKEIN_OK;
}

/* The summaries of the `limit` fastest growing of items[0..nitems), with
 * their growth at the store's time in place of the one stored. */
static int top_summaries(skein_store *s, growth_item *items, size_t nitems, size_t limit, sbuf *out, size_t *n) {
    if (nitems) qsort(items, nitems, sizeof(*items), by_growth);
    sqlite3_stmt *one = NULL;
    const char *q = "SELECT json_remove(summary, '$.growth') FROM stories WHERE id = ? AND summary IS NOT NULL";
    if (sqlite3_prepare_v2(s->db, q, -1, &one, NULL)) return skein__store_fail(s, SKEIN_EDB, "top stories");
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < nitems && i < limit; i++) {
        sqlite3_bind_int64(one, 1, items[i].id);
        int step = sqlite3_step(one);
        if (step == SQLITE_ROW) {
            if ((*n)++) skein__sbuf_addc(out, ',');
            rc = add_with_growth(out, (const char *)sqlite3_column_text(one, 0), items[i].growth);
        } else if (step != SQLITE_DONE) {
            rc = skein__store_fail(s, SKEIN_EDB, "top stories");
        }
        sqlite3_reset(one);
    }
    sqlite3_finalize(one);
    return rc;
}

int skein_store_query(skein_store *s, const skein_story_query *q, char **json) {
    if (!s || !q || !json) return SKEIN_EINVAL;
    *json = NULL;
    size_t limit = q->limit ? SKEIN_MIN(q->limit, (size_t)MAX_LIMIT) : DEFAULT_LIMIT;
    if (q->top) limit = SKEIN_MIN(q->top, (size_t)MAX_LIMIT);
    int64_t now = SKEIN_NO_TIME, crec = 0, cid = 0;
    int rc = q->top ? skein_store_latest(s, &now) : SKEIN_OK;
    if (rc) return rc;
    sbuf sql, fts;
    skein__sbuf_init(&sql), skein__sbuf_init(&fts);
    int bad_cursor = 0;
    sqlite3_stmt *st = NULL;
    if (build_select(q, &sql, &fts, &bad_cursor, &crec, &cid, now)) {
        rc = bad_cursor ? SKEIN_EINVAL : SKEIN_OK;
        if (!bad_cursor) *json = strdup("{\"stories\":[],\"next\":null}"); /* no words to find */
        if (!bad_cursor && !*json) rc = SKEIN_ENOMEM;
        goto done;
    }
    if (!sql.buf || sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL)) {
        rc = skein__store_fail(s, SKEIN_EDB, "listing stories");
        goto done;
    }
    int li = sqlite3_bind_parameter_index(st, ":lang");
    if (li) sqlite3_bind_text(st, li, q->lang, -1, SQLITE_STATIC);
    int qi = sqlite3_bind_parameter_index(st, ":q");
    if (qi) sqlite3_bind_text(st, qi, fts.buf, -1, SQLITE_STATIC);
    bind_named(st, ":since", q->since);
    bind_named(st, ":until", q->until);
    bind_named(st, ":crec", crec);
    bind_named(st, ":cid", cid);
    bind_named(st, ":limit", (int64_t)limit + 1);
    bind_named(st, ":recent", now == SKEIN_NO_TIME ? 0 : now - GROWTH_HOURS * 3600);

    sbuf out;
    skein__sbuf_init(&out);
    skein__sbuf_adds(&out, "{\"stories\":[");
    size_t n = 0;
    int64_t last_rec = 0, last_id = 0;
    int more = 0, step = SQLITE_DONE;
    growth_item *items = NULL;
    size_t nitems = 0, cap = 0;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (q->top) {
            double g = 0;
            if ((rc = growth_of(s, (uint64_t)id, now, &g))) break;
            if (skein__grow((void **)&items, &cap, nitems + 1, sizeof(*items))) {
                rc = SKEIN_ENOMEM;
                break;
            }
            items[nitems++] = (growth_item){id, g, sqlite3_column_int64(st, 3)};
            continue;
        }
        if (n == limit) {
            more = 1;
            break;
        }
        const char *summary = (const char *)sqlite3_column_text(st, 1);
        if (n++) skein__sbuf_addc(&out, ',');
        skein__sbuf_adds(&out, summary ? summary : "null");
        last_rec = sqlite3_column_int64(st, 2), last_id = id;
    }
    if (!rc && !more && step != SQLITE_DONE) rc = skein__store_fail(s, SKEIN_EDB, "listing stories"); /* e.g. a search the index refuses */
    sqlite3_finalize(st);
    st = NULL;
    if (!rc && q->top) rc = top_summaries(s, items, nitems, limit, &out, &n);
    free(items);
    if (more) {
        char c[64];
        snprintf(c, sizeof(c), "],\"next\":\"%" PRId64 ".%" PRId64 "\"}", last_rec, last_id);
        skein__sbuf_adds(&out, c);
    } else {
        skein__sbuf_adds(&out, "],\"next\":null}");
    }
    if (!rc && !out.buf) rc = SKEIN_ENOMEM;
    if (!rc) *json = out.buf;
    else skein__sbuf_release(&out);
done:
    sqlite3_finalize(st);
    skein__sbuf_release(&sql), skein__sbuf_release(&fts);
    return rc;
}
