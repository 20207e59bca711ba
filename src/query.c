/* query.c -- reading the store: stories with their members for the CLI, one
 * story, its coverage or one article as the HTTP API answers them, counts.
 * Nothing here writes; a handle opened with SKEIN_STORE_READONLY serves all
 * of it while another handle ingests (WAL: readers see the last commit and
 * never wait for the writer).  Lists of stories are list.c's. */
#include "store.h"

#include "notes.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *col_dup(skein__stmt *st, int i) {
    const char *t = skein__db_column_text(st, i);
    return t ? strdup(t) : NULL;
}

static void free_members(skein_member *m, size_t n) {
    for (size_t i = 0; i < n; i++)
        free((char *)m[i].id), free((char *)m[i].lang), free((char *)m[i].source),
            free((char *)m[i].title), skein_notes_free((skein_notes *)m[i].notes);
    free(m);
}

skein_notes *skein__col_notes(skein__stmt *st, int i) {
    size_t len = 0;
    const void *blob = skein__db_column_blob(st, i, &len);
    if (!blob) return NULL;
    snap_r r;
    skein__snap_reader(&r, blob, len);
    skein_notes *n = skein__notes_load(&r);
    if (n && r.at != r.n) skein_notes_free(n), n = NULL; /* bytes after the notes: not notes */
    return n;
}

/* The members of story `id` in arrival order; *out is new (free_members). */
static int load_members(skein_store *s, uint64_t id, int notes, skein_member **out, size_t *n) {
    skein__stmt *st;
    const char *q =
        notes ? "SELECT a.id, a.lang, a.source, a.title, a.published, a.notes FROM memberships m "
                "JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.pos"
              : "SELECT a.id, a.lang, a.source, a.title, a.published, NULL FROM memberships m "
                "JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.pos";
    if (skein__db_prepare(s->db, q, &st))
        return skein__store_fail(s, SKEIN_EDB, "reading a story's articles");
    skein__db_bind_int64(st, 1, (int64_t)id);
    skein_member *m = NULL;
    size_t len = 0, cap = 0;
    int rc = SKEIN_OK, step;
    while ((step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)&m, &cap, len + 1, sizeof(*m))) {
            rc = SKEIN_ENOMEM;
            break;
        }
        m[len++] = (skein_member){col_dup(st, 0), col_dup(st, 1),         col_dup(st, 2),
                                  col_dup(st, 3), skein__col_time(st, 4), skein__col_notes(st, 5)};
    }
    if (!rc && step != SKEIN__DB_DONE)
        rc = skein__store_fail(s, SKEIN_EDB, "reading a story's articles");
    skein__db_finalize(st);
    *out = m, *n = len;
    return rc;
}

/* Calls fn for each story row of the prepared statement `st` (columns id,
 * title, first_seen, last_seen, report); *found counts them. */
static int each_row(skein_store *s, skein__stmt *st, skein_story_fn fn, void *ud, size_t *found) {
    int rc = SKEIN_OK, step = SKEIN__DB_DONE;
    while (rc == SKEIN_OK && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        uint64_t id = (uint64_t)skein__db_column_int64(st, 0);
        skein_member *m = NULL;
        size_t n = 0;
        rc = load_members(s, id, 1, &m, &n);
        skein_story story = {id,
                             skein__db_column_text(st, 1),
                             n,
                             m,
                             skein__col_time(st, 2),
                             skein__col_time(st, 3),
                             skein__db_column_text(st, 4)};
        if (rc == SKEIN_OK) fn(&story, ud), (*found)++;
        free_members(m, n);
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "reading stories");
    skein__db_finalize(st);
    return rc;
}

int skein_store_each_story(skein_store *s, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    skein__stmt *st;
    char q[512];
    snprintf(q, sizeof(q), "SELECT id, title, first_seen, last_seen, %s FROM stories ORDER BY id",
             skein__db_sql(s->db, SKEIN__Q_REPORT));
    if (skein__db_prepare(s->db, q, &st)) return skein__store_fail(s, SKEIN_EDB, "reading stories");
    size_t found = 0;
    return each_row(s, st, fn, ud, &found);
}

int skein_store_get_story(skein_store *s, uint64_t id, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    skein__stmt *st;
    char q[512];
    snprintf(q, sizeof(q), "SELECT id, title, first_seen, last_seen, %s FROM stories WHERE id = ?",
             skein__db_sql(s->db, SKEIN__Q_REPORT));
    if (skein__db_prepare(s->db, q, &st)) return skein__store_fail(s, SKEIN_EDB, "reading a story");
    skein__db_bind_int64(st, 1, (int64_t)id);
    size_t found = 0;
    int rc = each_row(s, st, fn, ud, &found);
    return rc ? rc : found ? SKEIN_OK : SKEIN_ENOTFOUND;
}

static int one_int(skein_store *s, const char *q, int64_t *v) {
    skein__stmt *st;
    if (skein__db_prepare(s->db, q, &st)) return skein__store_fail(s, SKEIN_EDB, "reading counts");
    int rc = skein__db_step(st) == SKEIN__DB_ROW
                 ? SKEIN_OK
                 : skein__store_fail(s, SKEIN_EDB, "reading counts");
    *v = rc == SKEIN_OK ? skein__col_time(st, 0) : SKEIN_NO_TIME;
    skein__db_finalize(st);
    return rc;
}

int skein_store_get_note(skein_store *s, const char *key, char **value) {
    if (!s || !key || !value) return SKEIN_EINVAL;
    *value = NULL;
    skein__stmt *st;
    if (skein__db_prepare(s->db, "SELECT value FROM meta WHERE key = ?", &st))
        return skein__store_fail(s, SKEIN_EDB, "reading a note");
    skein__db_bind_text(st, 1, key);
    int step = skein__db_step(st), rc = SKEIN_ENOTFOUND;
    if (step == SKEIN__DB_ROW && skein__db_column_text(st, 0))
        rc = (*value = strdup(skein__db_column_text(st, 0))) ? SKEIN_OK : SKEIN_ENOMEM;
    else if (step != SKEIN__DB_ROW && step != SKEIN__DB_DONE)
        rc = skein__store_fail(s, SKEIN_EDB, "reading a note");
    skein__db_finalize(st);
    return rc;
}

int skein_store_lag(skein_store *s, double *seconds) {
    if (!s || !seconds) return SKEIN_EINVAL;
    *seconds = 0;
    skein__stmt *st;
    if (skein__db_prepare(s->db, skein__db_sql(s->db, SKEIN__Q_LAG), &st))
        return skein__store_fail(s, SKEIN_EDB, "asking the replica's lag");
    int rc = skein__db_step(st) == SKEIN__DB_ROW ? SKEIN_OK
                                                 : skein__store_fail(s, SKEIN_EDB,
                                                                     "asking the "
                                                                     "replica's lag");
    if (!rc) *seconds = skein__db_column_double(st, 0);
    skein__db_finalize(st);
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
                        "SELECT count(*) FROM stories WHERE open",
                        "SELECT coalesce(max(seq), 0) FROM state"};
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
    skein__stmt *st;
    char q[512];
    snprintf(q, sizeof(q), "SELECT %s, open FROM stories WHERE id = ?",
             skein__db_sql(s->db, SKEIN__Q_REPORT));
    if (skein__db_prepare(s->db, q, &st)) return skein__store_fail(s, SKEIN_EDB, "reading a story");
    skein__db_bind_int64(st, 1, (int64_t)id);
    int rc = SKEIN_ENOTFOUND;
    const char *report;
    if (skein__db_step(st) == SKEIN__DB_ROW && (report = skein__db_column_text(st, 0))) {
        size_t n = strlen(report);
        const char *flag = skein__db_column_int64(st, 1) ? ",\"open\":true}" : ",\"open\":false}";
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
    skein__db_finalize(st);
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
    skein__stmt *st;
    const char *q = "SELECT coverage FROM stories WHERE id = ? AND report IS NOT NULL";
    if (skein__db_prepare(s->db, q, &st)) return skein__store_fail(s, SKEIN_EDB, "reading a story");
    skein__db_bind_int64(st, 1, (int64_t)id);
    int step = skein__db_step(st), rc = SKEIN_ENOTFOUND;
    if (step == SKEIN__DB_ROW) { /* {"story":ID,"coverage":...} from the pieces as written */
        const char *cov = skein__db_column_text(st, 0);
        size_t n = (cov ? strlen(cov) : 4) + 64;
        rc = (*json = malloc(n)) ? SKEIN_OK : SKEIN_ENOMEM;
        if (*json)
            snprintf(*json, n, "{\"story\":%llu,\"coverage\":%s}", (unsigned long long)id,
                     cov ? cov : "null");
    } else if (step != SKEIN__DB_DONE) {
        rc = skein__store_fail(s, SKEIN_EDB, "reading a story");
    }
    skein__db_finalize(st);
    return rc;
}

void skein__json_add_time(void *obj, const char *key, int64_t t) {
    cJSON *o = obj;
    char buf[40];
    time_t tt = (time_t)t;
    struct tm tm;
    if (t == SKEIN_NO_TIME || !gmtime_r(&tt, &tm) ||
        !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    cJSON_AddStringToObject(o, key, buf);
}

static void add_text(cJSON *o, const char *key, skein__stmt *st, int i) {
    const char *v = skein__db_column_text(st, i);
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

int skein_store_article_json(skein_store *s, const char *id, char **json) {
    if (!s || !id || !json) return SKEIN_EINVAL;
    *json = NULL;
    skein__stmt *st;
    const char *q =
        "SELECT id, story, lang, source, url, published, title, title_in, text_in, notes"
        " FROM articles WHERE id = ?";
    if (skein__db_prepare(s->db, q, &st))
        return skein__store_fail(s, SKEIN_EDB, "reading an article");
    skein__db_bind_text(st, 1, id);
    int rc = SKEIN_ENOTFOUND;
    if (skein__db_step(st) == SKEIN__DB_ROW) {
        cJSON *o = cJSON_CreateObject();
        add_text(o, "id", st, 0);
        cJSON_AddNumberToObject(o, "story", (double)skein__db_column_int64(st, 1));
        add_text(o, "lang", st, 2);
        add_text(o, "source", st, 3);
        add_text(o, "url", st, 4);
        skein__json_add_time(o, "published", skein__col_time(st, 5));
        add_text(o, "title", st, 6);
        add_text(o, "title_as_given", st, 7);
        add_text(o, "text", st, 8);
        skein_notes *notes = skein__col_notes(st, 9);
        cJSON_AddItemToObject(o, "notes", notes ? skein__notes_cjson(notes) : cJSON_CreateNull());
        skein_notes_free(notes);
        *json = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        rc = *json ? SKEIN_OK : SKEIN_ENOMEM;
    }
    skein__db_finalize(st);
    return rc;
}
