/* store_db.c -- the store's statements on SQLite, and the hand-over to
 * PostgreSQL (store_pg.c) for a connection string.
 *
 * The SQLite side is SQLite's own calls, one for one.  What SQLite alone
 * says -- INSERT OR REPLACE, FTS5, BEGIN IMMEDIATE -- is in `lite_sql`; the
 * schema and its migrations are store_schema.c's.  The writer's lock is an
 * flock on a file beside the store ("FILE-writer").
 *
 * The writer's WAL is copied back into the database file (a checkpoint) by
 * a thread of its own on a connection of its own, not by the commit that
 * filled it: SQLite's automatic checkpoint ran inside COMMIT, so one commit
 * in ~15 of `skein serve`'s (those past 1,000 pages of WAL) held its
 * requests for the copy and its two fsyncs (6-9 ms typical, up to 54 ms).
 * A passive checkpoint lets the writer go on appending meanwhile.  SQLite
 * starts the WAL over only when a transaction begins after a checkpoint
 * has copied all of it, which a writer that begins again at once rarely
 * lets the thread do: past WAL_INLINE pages the commit copies what the
 * thread has not yet (little: it keeps up) and the next transaction
 * starts the WAL over.  So the WAL file grows to ~WAL_INLINE pages (64 MB;
 * `skein cluster --db` on ECB+ x20: 75 MB, 52 MB before) and stays so until
 * the store is closed, when it is removed as before. */
#include "store_db.h"

#include "skein.h"
#include "store_pg.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* WAL pages after which a checkpoint is asked for (SQLite's default for its
 * automatic one), and after which the commit does it itself */
#define WAL_BACKGROUND 1000
#define WAL_INLINE 16000

/* The writer's checkpointing thread, started at the first checkpoint due. */
typedef struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int due, stopping, running;
    char *path;
} wal_keeper;

struct skein__db {
    int kind;
    sqlite3 *lite;
    int lock_fd; /* the writer's lock, or -1 */
    skein__pg *pg;
    wal_keeper *wal;
};

struct skein__stmt {
    skein__db *db;
    sqlite3_stmt *lite;
    skein__pgstmt *pg;
};

static const char *const lite_sql[SKEIN__Q_COUNT] = {
    [SKEIN__Q_SCHEMA] = NULL, /* store_schema.c's, with its migrations */
    [SKEIN__Q_BEGIN] = "BEGIN IMMEDIATE",
    [SKEIN__Q_BEGIN_MIGRATE] = "BEGIN IMMEDIATE",
    [SKEIN__Q_ARTICLE] =
        "INSERT INTO articles(id, story, title_in, text_in, lang_in, source, url, published,"
        " lang, title, notes, added) VALUES(?,?,?,?,?,?,?,?,?,?,?, CAST(strftime('%s') AS "
        "INTEGER))",
    /* an article's place: after the story's last (its index on (story, pos)
     * answers at once, where a count read all the story's rows) */
    [SKEIN__Q_MEMBER] = "INSERT OR REPLACE INTO memberships VALUES(?1, ?2,"
                        " (SELECT coalesce(max(pos) + 1, 0) FROM memberships WHERE story = ?2))",
    [SKEIN__Q_MEMBER_KEEP] =
        "INSERT OR IGNORE INTO memberships VALUES(?1, ?2,"
        " (SELECT coalesce(max(pos) + 1, 0) FROM memberships WHERE story = ?2))",
    /* short: a failure's message quotes it, and the database's cause after it */
    [SKEIN__Q_STORY] = "REPLACE INTO stories(id,title,size,first_seen,last_seen,report,open,"
                       "langs,recency,summary,coverage,summary_nogrowth,weight,report_mid)"
                       " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    /* FTS5 (of SQLite 3.40) writes what a statement added to the index as a
     * segment of its own: a story's text written at once costs a segment
     * (and the merging of segments) per story, so a commit's texts wait in
     * a table of the connection's own and go in with one statement */
    /* a story's lines are rowids story << 32 | n (store_schema.c), the 64
     * bits of a story id below 2^32 and a line number below 2^32 (ids from
     * 2^31 on are negative rowids: `rowid >> 32 & 4294967295` is the id);
     * they wait for the commit, as do the lines gone, and go into FTS5 in
     * one statement (SQLite 3.40's FTS5 writes a segment per statement) */
    [SKEIN__Q_SEARCH] = "INSERT OR REPLACE INTO temp.search_pending VALUES(?1 << 32 | ?2, ?3)",
    [SKEIN__Q_SEARCH_PENDING] =
        "CREATE TEMP TABLE IF NOT EXISTS search_pending(id INTEGER PRIMARY KEY, body TEXT);"
        "CREATE TEMP TABLE IF NOT EXISTS search_gone(id INTEGER PRIMARY KEY)",
    [SKEIN__Q_SEARCH_FLUSH] =
        "DELETE FROM temp.search_pending WHERE id IN (SELECT id FROM temp.search_gone);"
        "DELETE FROM search WHERE rowid IN (SELECT id FROM temp.search_gone);"
        "DELETE FROM temp.search_gone;"
        "INSERT INTO search(rowid, body) SELECT id, body FROM temp.search_pending ORDER BY id;"
        "DELETE FROM temp.search_pending",
    [SKEIN__Q_SEARCH_DEL] = "DELETE FROM search WHERE rowid >= (?1 << 32 | ?2)"
                            " AND rowid <= (?1 << 32 | ?3 - 1)",
    [SKEIN__Q_SEARCH_GONE] = "INSERT OR IGNORE INTO temp.search_gone VALUES(?1 << 32 | ?2)",
    [SKEIN__Q_SEARCH_DEL_PENDING] = "DELETE FROM temp.search_pending"
                                    " WHERE id >= (?1 << 32 | ?2) AND id <= (?1 << 32 | ?3 - 1)",
    [SKEIN__Q_STATE] =
        "INSERT OR REPLACE INTO state VALUES(1, ?, ?, CAST(strftime('%s') AS INTEGER))",
    [SKEIN__Q_OPTION] = "INSERT OR REPLACE INTO options VALUES(?, ?)",
    [SKEIN__Q_LANG_FILTER] = " AND instr(langs, ',' || :lang || ',') > 0",
    [SKEIN__Q_WORDS_FILTER] =
        " AND id IN (SELECT rowid >> 32 & 4294967295 FROM search WHERE search MATCH :q)",
    [SKEIN__Q_NOTE] = "INSERT OR REPLACE INTO meta VALUES(?, ?)",
    [SKEIN__Q_LAG] = "SELECT 0.0", /* one file, no replica */
    [SKEIN__Q_FEED_TABLES] = NULL, /* in store_schema.c's schema and migrations */
    [SKEIN__Q_TO_7] = NULL,        /* likewise */
    [SKEIN__Q_TO_8] = NULL,        /* likewise */
    [SKEIN__Q_TO_9] = NULL,        /* likewise */
    /* SQLite does not promise the order in which group_concat takes its
     * rows: skein_list (below) orders them by its keys itself */
    [SKEIN__Q_REPORT] = "coalesce(report || coalesce((SELECT skein_list(q.grp, q.at, entry)"
                        " FROM story_quotes q WHERE q.story = stories.id), '')"
                        " || report_mid || (SELECT skein_list(a.pos, 0, entry)"
                        " FROM story_articles a WHERE a.story = stories.id) || ']}', report)",
};

/* ---- skein_list(k1, k2, entry): a record's list in key order --------------- */

/* The entries of a record's list (a story's quotes or articles, one a row)
 * joined with ',' in the order of their keys (k1, then k2), whatever order
 * the rows come in; NULL when there are none, as group_concat.  A list is
 * at most a story's quotes or articles, so all are held until the end. */
typedef struct list_item {
    int64_t k1, k2;
    char *text;
    size_t len;
} list_item;

typedef struct list_agg {
    list_item *v;
    size_t n, cap;
    int failed;
} list_agg;

static void list_step(sqlite3_context *cx, int argc, sqlite3_value **argv) {
    (void)argc;
    list_agg *a = sqlite3_aggregate_context(cx, sizeof(*a));
    if (!a) return sqlite3_result_error_nomem(cx);
    if (a->failed || sqlite3_value_type(argv[2]) == SQLITE_NULL) return; /* as group_concat */
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        list_item *v = realloc(a->v, cap * sizeof(*v));
        if (!v) return (void)(a->failed = 1);
        a->v = v, a->cap = cap;
    }
    const unsigned char *t = sqlite3_value_text(argv[2]);
    size_t len = (size_t)sqlite3_value_bytes(argv[2]);
    list_item *it = &a->v[a->n];
    if (!t || !(it->text = malloc(len + 1))) return (void)(a->failed = 1);
    memcpy(it->text, t, len + 1);
    it->len = len, it->k1 = sqlite3_value_int64(argv[0]), it->k2 = sqlite3_value_int64(argv[1]);
    a->n++;
}

static int cmp_list_item(const void *x, const void *y) {
    const list_item *a = x, *b = y;
    if (a->k1 != b->k1) return a->k1 < b->k1 ? -1 : 1;
    return a->k2 < b->k2 ? -1 : a->k2 > b->k2;
}

static void list_final(sqlite3_context *cx) {
    list_agg *a = sqlite3_aggregate_context(cx, 0);
    if (!a || (!a->n && !a->failed)) {
        sqlite3_result_null(cx);
    } else {
        size_t len = 0;
        for (size_t i = 0; i < a->n; i++) len += a->v[i].len + 1;
        char *out = a->failed ? NULL : malloc(len ? len : 1);
        if (!out) {
            sqlite3_result_error_nomem(cx);
        } else {
            qsort(a->v, a->n, sizeof(*a->v), cmp_list_item);
            char *p = out;
            for (size_t i = 0; i < a->n; i++) {
                if (i) *p++ = ',';
                memcpy(p, a->v[i].text, a->v[i].len), p += a->v[i].len;
            }
            sqlite3_result_text64(cx, out, (sqlite3_uint64)(p - out), free, SQLITE_UTF8);
        }
    }
    for (size_t i = 0; a && i < a->n; i++) free(a->v[i].text);
    if (a) free(a->v);
}

/* ---- the writer's checkpoints ------------------------------------------------ */

/* A connection of the thread's own; NULL when it cannot be had now (the
 * thread tries again at the next checkpoint due; until then the commits
 * checkpoint past WAL_INLINE).  The busy timeout lets its first read wait
 * out the writer's lock rather than fail on it. */
static sqlite3 *keeper_open(const char *path) {
    sqlite3 *c = NULL;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(c, 1000) != SQLITE_OK ||
        sqlite3_exec(c, "PRAGMA synchronous=FULL; SELECT 1 FROM sqlite_master LIMIT 1", NULL, NULL,
                     NULL) != SQLITE_OK) {
        sqlite3_close(c);
        return NULL;
    }
    return c;
}

static void *keeper_run(void *arg) {
    wal_keeper *k = arg;
    sqlite3 *c = NULL;
    pthread_mutex_lock(&k->lock);
    for (;;) {
        while (!k->due && !k->stopping) pthread_cond_wait(&k->wake, &k->lock);
        if (k->stopping) break;
        k->due = 0;
        pthread_mutex_unlock(&k->lock);
        /* passive: copies what no reader still needs, never waits; the
         * writer's next commit starts the WAL over once all is copied */
        if (!c) c = keeper_open(k->path);
        if (c) sqlite3_wal_checkpoint_v2(c, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&k->lock);
    }
    pthread_mutex_unlock(&k->lock);
    sqlite3_close(c);
    return NULL;
}

/* Starts k's thread; 0 when it runs. */
static int keeper_start(wal_keeper *k) {
    if (pthread_mutex_init(&k->lock, NULL)) return -1;
    if (pthread_cond_init(&k->wake, NULL)) {
        pthread_mutex_destroy(&k->lock);
        return -1;
    }
    if (pthread_create(&k->thread, NULL, keeper_run, k)) {
        pthread_cond_destroy(&k->wake);
        pthread_mutex_destroy(&k->lock);
        return -1;
    }
    k->running = 1;
    return 0;
}

static void keeper_stop(wal_keeper *k) {
    if (!k) return;
    if (k->running) {
        pthread_mutex_lock(&k->lock);
        k->stopping = 1;
        pthread_cond_signal(&k->wake);
        pthread_mutex_unlock(&k->lock);
        pthread_join(k->thread, NULL);
        pthread_cond_destroy(&k->wake);
        pthread_mutex_destroy(&k->lock);
    }
    free(k->path);
    free(k);
}

/* SQLite's hook after each commit of the writer, `pages` in the WAL. */
static int on_wal(void *arg, sqlite3 *lite, const char *name, int pages) {
    skein__db *db = arg;
    wal_keeper *k = db->wal;
    if (pages >= WAL_INLINE || (pages >= WAL_BACKGROUND && !k->running && keeper_start(k))) {
        sqlite3_wal_checkpoint_v2(lite, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    } else if (pages >= WAL_BACKGROUND) {
        pthread_mutex_lock(&k->lock);
        k->due = 1;
        pthread_cond_signal(&k->wake);
        pthread_mutex_unlock(&k->lock);
    }
    return SQLITE_OK; /* a checkpoint that could not run is tried again later */
}

/* The writer's checkpoints go to a thread of their own (SQLite's automatic
 * ones stay where it cannot be had). */
static void keep_wal(skein__db *db, const char *path) {
    if (!(db->wal = calloc(1, sizeof(*db->wal)))) return;
    if (!(db->wal->path = strdup(path))) {
        free(db->wal);
        db->wal = NULL;
        return;
    }
    sqlite3_wal_hook(db->lite, on_wal, db); /* replaces the automatic checkpoint */
}

int skein__db_is_pg(const char *path) {
    return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

skein__db *skein__db_open(const char *path, int readonly) {
    skein__db *db = calloc(1, sizeof(*db));
    if (!db) return NULL;
    db->lock_fd = -1;
    if (skein__db_is_pg(path)) {
        db->kind = SKEIN__DB_PG;
        if (!(db->pg = skein__pg_open(path, readonly))) return free(db), NULL;
        return db;
    }
    db->kind = SKEIN__DB_SQLITE;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &db->lite, flags | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
        sqlite3_busy_timeout(db->lite, 10000);
    /* a failure leaves its code on the handle, so skein__db_ok refuses the
     * open with SQLite's message */
    if (db->lite)
        sqlite3_create_function_v2(db->lite, "skein_list", 3, SQLITE_UTF8, NULL, NULL, list_step,
                                   list_final, NULL);
    return db;
}

int skein__db_ok(const skein__db *db) {
    if (!db) return 0;
    return db->pg ? skein__pg_ok(db->pg) : sqlite3_errcode(db->lite) == SQLITE_OK;
}

void skein__db_close(skein__db *db) {
    if (!db) return;
    keeper_stop(db->wal); /* before the writer's connection, whose close checkpoints last */
    if (db->lock_fd >= 0) close(db->lock_fd); /* releases the writer's lock */
    skein__pg_close(db->pg);
    sqlite3_close(db->lite);
    free(db);
}

int skein__db_kind(const skein__db *db) { return db->kind; }

const char *skein__db_errmsg(const skein__db *db) {
    if (!db) return "out of memory";
    return db->pg ? skein__pg_errmsg(db->pg) : sqlite3_errmsg(db->lite);
}

const char *skein__db_sql(const skein__db *db, skein__q q) {
    return db->pg ? skein__pg_sql(q) : lite_sql[q];
}

int skein__db_exec(skein__db *db, const char *sql) {
    if (db->pg) return skein__pg_exec(db->pg, sql);
    return sqlite3_exec(db->lite, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int64_t skein__db_last_id(const skein__db *db) {
    return db->pg ? skein__pg_last_id(db->pg) : sqlite3_last_insert_rowid(db->lite);
}

int64_t skein__db_changes(const skein__db *db) {
    return db->pg ? -1 : (int64_t)sqlite3_changes64(db->lite);
}

int skein__db_version(skein__db *db, int *version) {
    if (db->pg) return skein__pg_version(db->pg, version);
    sqlite3_stmt *st;
    *version = -1;
    if (sqlite3_prepare_v2(db->lite, "PRAGMA user_version", -1, &st, NULL)) return -1;
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return *version < 0 ? -1 : 0;
}

int skein__db_set_version(skein__db *db, int version) {
    if (db->pg) return skein__pg_set_version(db->pg, version);
    char set[64];
    snprintf(set, sizeof(set), "PRAGMA user_version = %d", version);
    return skein__db_exec(db, set);
}

int skein__db_lock_writer(skein__db *db) {
    if (db->pg) return skein__pg_lock_writer(db->pg);
    const char *path = sqlite3_db_filename(db->lite, "main");
    if (!path || !*path) return SKEIN_OK; /* in memory */
    size_t n = strlen(path);
    char *p = malloc(n + 8);
    if (!p) return SKEIN_ENOMEM;
    memcpy(p, path, n);
    memcpy(p + n, "-writer", 8);
    db->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(p);
    if (db->lock_fd < 0) return SKEIN_EIO;
    if (flock(db->lock_fd, LOCK_EX | LOCK_NB)) return SKEIN_EBUSY;
    if (!db->wal) keep_wal(db, path);
    return SKEIN_OK;
}

/* ---- statements ------------------------------------------------------------- */

int skein__db_prepare(skein__db *db, const char *sql, skein__stmt **st) {
    *st = calloc(1, sizeof(**st));
    if (!*st) return -1;
    (*st)->db = db;
    int rc = db->pg ? skein__pg_prepare(db->pg, sql, &(*st)->pg)
             : sqlite3_prepare_v2(db->lite, sql, -1, &(*st)->lite, NULL) ? -1
                                                                         : 0;
    if (rc) skein__db_finalize(*st), *st = NULL;
    return rc;
}

void skein__db_finalize(skein__stmt *st) {
    if (!st) return;
    sqlite3_finalize(st->lite);
    skein__pg_finalize(st->pg);
    free(st);
}

int skein__db_step(skein__stmt *st) {
    if (st->pg) return skein__pg_step(st->pg);
    int rc = sqlite3_step(st->lite);
    return rc == SQLITE_ROW ? SKEIN__DB_ROW : rc == SQLITE_DONE ? SKEIN__DB_DONE : -1;
}

void skein__db_reset(skein__stmt *st) {
    if (st->pg)
        skein__pg_reset(st->pg);
    else
        sqlite3_reset(st->lite);
}

void skein__db_clear_bindings(skein__stmt *st) {
    if (st->pg)
        skein__pg_clear_bindings(st->pg);
    else
        sqlite3_clear_bindings(st->lite);
}

const char *skein__db_stmt_sql(const skein__stmt *st) {
    return st->pg ? skein__pg_stmt_sql(st->pg) : sqlite3_sql(st->lite);
}

int skein__db_param_index(const skein__stmt *st, const char *name) {
    return st->pg ? skein__pg_param_index(st->pg, name)
                  : sqlite3_bind_parameter_index(st->lite, name);
}

void skein__db_bind_null(skein__stmt *st, int i) {
    if (st->pg)
        skein__pg_bind(st->pg, i, NULL, 0, 0);
    else
        sqlite3_bind_null(st->lite, i);
}

void skein__db_bind_int64(skein__stmt *st, int i, int64_t v) {
    if (!st->pg) {
        sqlite3_bind_int64(st->lite, i, v);
        return;
    }
    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%lld", (long long)v);
    skein__pg_bind(st->pg, i, buf, (size_t)n, 0);
}

void skein__db_bind_double(skein__stmt *st, int i, double v) {
    if (!st->pg) {
        sqlite3_bind_double(st->lite, i, v);
        return;
    }
    char buf[40];
    int n = snprintf(buf, sizeof(buf), "%.17g", v);
    skein__pg_bind(st->pg, i, buf, (size_t)n, 0);
}

void skein__db_bind_text(skein__stmt *st, int i, const char *v) {
    if (st->pg)
        skein__pg_bind(st->pg, i, v, v ? strlen(v) : 0, 0);
    else if (v)
        sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->lite, i);
}

void skein__db_bind_text_kept(skein__stmt *st, int i, const char *v, size_t n) {
    if (st->pg)
        skein__pg_bind(st->pg, i, v, n, 0);
    else if (n <= INT_MAX)
        sqlite3_bind_text(st->lite, i, v, (int)n, SQLITE_STATIC);
    else
        sqlite3_bind_text64(st->lite, i, v, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void skein__db_bind_blob(skein__stmt *st, int i, const void *p, size_t n) {
    if (st->pg)
        skein__pg_bind(st->pg, i, p ? p : "", n, 1);
    else
        sqlite3_bind_blob64(st->lite, i, p, n, SQLITE_TRANSIENT);
}

void skein__db_bind_blob_kept(skein__stmt *st, int i, const void *p, size_t n) {
    if (st->pg)
        skein__db_bind_blob(st, i, p, n); /* libpq's parameters are copied here anyway */
    else
        sqlite3_bind_blob64(st->lite, i, p, n, SQLITE_STATIC);
}

int skein__db_column_null(skein__stmt *st, int i) {
    return st->pg ? skein__pg_column_null(st->pg, i)
                  : sqlite3_column_type(st->lite, i) == SQLITE_NULL;
}

int64_t skein__db_column_int64(skein__stmt *st, int i) {
    if (!st->pg) return sqlite3_column_int64(st->lite, i);
    const char *t = skein__pg_column_text(st->pg, i);
    return t ? strtoll(t, NULL, 10) : 0;
}

double skein__db_column_double(skein__stmt *st, int i) {
    if (!st->pg) return sqlite3_column_double(st->lite, i);
    const char *t = skein__pg_column_text(st->pg, i);
    return t ? strtod(t, NULL) : 0;
}

const char *skein__db_column_text(skein__stmt *st, int i) {
    return st->pg ? skein__pg_column_text(st->pg, i)
                  : (const char *)sqlite3_column_text(st->lite, i);
}

const void *skein__db_column_blob(skein__stmt *st, int i, size_t *n) {
    if (st->pg) return skein__pg_column_blob(st->pg, i, n);
    const void *p = sqlite3_column_blob(st->lite, i);
    *n = (size_t)sqlite3_column_bytes(st->lite, i);
    return p;
}
