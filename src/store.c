/* store.c -- the SQLite store: articles (with their notes), stories (with
 * their told reports), memberships.
 *
 * WAL journal; writes are batched by the caller between skein_store_begin and
 * skein_store_commit.  Statements are prepared once per handle.  The schema
 * version lives in PRAGMA user_version so later versions can migrate. */
#include "skein.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION 2

/* The schema as it is now; `migrations` take older stores there. */
static const char *const schema =
    "CREATE TABLE IF NOT EXISTS stories("
    "  id INTEGER PRIMARY KEY, title TEXT, size INTEGER NOT NULL,"
    "  first_seen INTEGER, last_seen INTEGER, report TEXT);"
    "CREATE TABLE IF NOT EXISTS articles("
    "  id TEXT PRIMARY KEY, lang TEXT, source TEXT, title TEXT, published INTEGER, notes TEXT);"
    "CREATE TABLE IF NOT EXISTS memberships("
    "  article TEXT PRIMARY KEY REFERENCES articles(id),"
    "  story INTEGER NOT NULL REFERENCES stories(id), pos INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS memberships_story ON memberships(story, pos);";

struct skein_store {
    sqlite3 *db;
    sqlite3_stmt *put_story, *put_article, *put_member;
};

/* migrations[v - 1] takes a store of version v to version v + 1. */
static const char *const migrations[] = {
    /* 1 -> 2: stories told (report), articles' notes */
    "ALTER TABLE stories ADD COLUMN report TEXT;"
    "ALTER TABLE articles ADD COLUMN notes TEXT;",
};

static int prepare(skein_store *s) {
    const char *q1 = "INSERT OR REPLACE INTO stories VALUES(?,?,?,?,?,?)";
    const char *q2 = "INSERT OR REPLACE INTO articles VALUES(?,?,?,?,?,?)";
    const char *q3 = "INSERT OR REPLACE INTO memberships VALUES(?,?,?)";
    return sqlite3_prepare_v2(s->db, q1, -1, &s->put_story, NULL) ||
           sqlite3_prepare_v2(s->db, q2, -1, &s->put_article, NULL) ||
           sqlite3_prepare_v2(s->db, q3, -1, &s->put_member, NULL);
}

static int migrate(sqlite3 *db) {
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL)) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > SCHEMA_VERSION) return -1; /* written by a newer skein */
    if (version == SCHEMA_VERSION) return 0;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) return -1;
    int rc = 0;
    if (version == 0) rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
    for (int v = version; !rc && v >= 1 && v < SCHEMA_VERSION; v++)
        rc = sqlite3_exec(db, migrations[v - 1], NULL, NULL, NULL);
    char set[64];
    snprintf(set, sizeof(set), "PRAGMA user_version = %d", SCHEMA_VERSION);
    if (!rc) rc = sqlite3_exec(db, set, NULL, NULL, NULL);
    if (rc) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) ? -1 : 0;
}

skein_store *skein_store_open(const char *path, int *status) {
    skein_store *s = calloc(1, sizeof(*s));
    int rc = SKEIN_ENOMEM;
    if (!s || !path) goto fail;
    rc = SKEIN_EDB;
    if (sqlite3_open(path, &s->db) != SQLITE_OK) goto fail;
    sqlite3_busy_timeout(s->db, 5000);
    if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL, NULL, NULL) ||
        migrate(s->db) || prepare(s))
        goto fail;
    if (status) *status = SKEIN_OK;
    return s;
fail:
    skein_store_close(s);
    if (status) *status = rc;
    return NULL;
}

void skein_store_close(skein_store *s) {
    if (!s) return;
    sqlite3_finalize(s->put_story);
    sqlite3_finalize(s->put_article);
    sqlite3_finalize(s->put_member);
    sqlite3_close(s->db);
    free(s);
}

int skein_store_begin(skein_store *s) {
    return sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) ? SKEIN_EDB : SKEIN_OK;
}

int skein_store_commit(skein_store *s) {
    return sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) ? SKEIN_EDB : SKEIN_OK;
}

int skein_store_count(skein_store *s, uint64_t *n) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM stories", -1, &st, NULL)) return SKEIN_EDB;
    int rc = sqlite3_step(st) == SQLITE_ROW ? SKEIN_OK : SKEIN_EDB;
    *n = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static void bind_time(sqlite3_stmt *st, int i, int64_t t) {
    if (t == SKEIN_NO_TIME) sqlite3_bind_null(st, i);
    else sqlite3_bind_int64(st, i, t);
}

static int run_stmt(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SKEIN_OK : SKEIN_EDB;
}

static int put_member(skein_store *s, uint64_t story, size_t pos, const skein_member *m) {
    bind_text(s->put_article, 1, m->id);
    bind_text(s->put_article, 2, m->lang);
    bind_text(s->put_article, 3, m->source);
    bind_text(s->put_article, 4, m->title);
    bind_time(s->put_article, 5, m->published);
    bind_text(s->put_article, 6, m->notes);
    int rc = run_stmt(s->put_article);
    if (rc) return rc;
    bind_text(s->put_member, 1, m->id);
    sqlite3_bind_int64(s->put_member, 2, (sqlite3_int64)story);
    sqlite3_bind_int64(s->put_member, 3, (sqlite3_int64)pos);
    return run_stmt(s->put_member);
}

int skein_store_put_story(skein_store *s, const skein_story *story) {
    if (!s || !story) return SKEIN_EINVAL;
    sqlite3_bind_int64(s->put_story, 1, (sqlite3_int64)story->id);
    bind_text(s->put_story, 2, story->title);
    sqlite3_bind_int64(s->put_story, 3, (sqlite3_int64)story->size);
    bind_time(s->put_story, 4, story->first_seen);
    bind_time(s->put_story, 5, story->last_seen);
    bind_text(s->put_story, 6, story->report);
    int rc = run_stmt(s->put_story);
    for (size_t i = 0; !rc && i < story->size; i++) rc = put_member(s, story->id, i, &story->members[i]);
    return rc;
}

static int64_t col_time(sqlite3_stmt *st, int i) {
    return sqlite3_column_type(st, i) == SQLITE_NULL ? SKEIN_NO_TIME : sqlite3_column_int64(st, i);
}

static char *col_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

static void free_members(skein_member *m, size_t n) {
    for (size_t i = 0; i < n; i++)
        free((char *)m[i].id), free((char *)m[i].lang), free((char *)m[i].source),
            free((char *)m[i].title), free((char *)m[i].notes);
    free(m);
}

/* Loads the members of story `id` into a new array (*out, *n). */
static int load_members(skein_store *s, uint64_t id, skein_member **out, size_t *n) {
    sqlite3_stmt *st;
    const char *q = "SELECT a.id, a.lang, a.source, a.title, a.published, a.notes FROM memberships m "
                    "JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.pos";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return SKEIN_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    skein_member *m = NULL;
    size_t len = 0, cap = 0;
    int rc = SKEIN_OK;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (len == cap) {
            skein_member *p = realloc(m, (cap = cap ? cap * 2 : 8) * sizeof(*m));
            if (!p) { rc = SKEIN_ENOMEM; break; }
            m = p;
        }
        m[len++] = (skein_member){col_dup(st, 0), col_dup(st, 1), col_dup(st, 2), col_dup(st, 3),
                                  col_time(st, 4), col_dup(st, 5)};
    }
    sqlite3_finalize(st);
    *out = m, *n = len;
    return rc;
}

/* Calls fn for each story row of the prepared statement `st` (columns id,
 * title, first_seen, last_seen, report); *found counts them. */
static int each_row(skein_store *s, sqlite3_stmt *st, skein_story_fn fn, void *ud, size_t *found) {
    int rc = SKEIN_OK, step;
    while (rc == SKEIN_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        uint64_t id = (uint64_t)sqlite3_column_int64(st, 0);
        skein_member *m = NULL;
        size_t n = 0;
        rc = load_members(s, id, &m, &n);
        skein_story story = {id, (const char *)sqlite3_column_text(st, 1), n, m, col_time(st, 2),
                             col_time(st, 3), (const char *)sqlite3_column_text(st, 4)};
        if (rc == SKEIN_OK) fn(&story, ud), (*found)++;
        free_members(m, n);
    }
    sqlite3_finalize(st);
    return rc;
}

int skein_store_each_story(skein_store *s, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    sqlite3_stmt *st;
    const char *q = "SELECT id, title, first_seen, last_seen, report FROM stories ORDER BY id";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return SKEIN_EDB;
    size_t found = 0;
    return each_row(s, st, fn, ud, &found);
}

int skein_store_get_story(skein_store *s, uint64_t id, skein_story_fn fn, void *ud) {
    if (!s || !fn) return SKEIN_EINVAL;
    sqlite3_stmt *st;
    const char *q = "SELECT id, title, first_seen, last_seen, report FROM stories WHERE id = ?";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL)) return SKEIN_EDB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    size_t found = 0;
    int rc = each_row(s, st, fn, ud, &found);
    return rc ? rc : found ? SKEIN_OK : SKEIN_ENOTFOUND;
}

int skein_store_latest(skein_store *s, int64_t *t) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT max(last_seen) FROM stories", -1, &st, NULL)) return SKEIN_EDB;
    int rc = sqlite3_step(st) == SQLITE_ROW ? SKEIN_OK : SKEIN_EDB;
    *t = rc == SKEIN_OK ? col_time(st, 0) : SKEIN_NO_TIME;
    sqlite3_finalize(st);
    return rc;
}
