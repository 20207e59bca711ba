/* store_db.h -- the store's connection to its database, SQLite (a file) or
 * PostgreSQL (a connection string), through one small interface of prepared
 * statements, so that what the store does is written once.
 *
 * The interface follows SQLite's own: prepare, bind, step through rows,
 * read columns, reset.  Statements are written with SQLite's parameters
 * (`?`, `?N`, `:name`); the PostgreSQL side numbers them for libpq.  The
 * SQL that differs between the two (upserts, full-text search, the schema)
 * is asked of the back end by name (skein__db_sql): store_db.c holds
 * SQLite's, store_pg.c PostgreSQL's. */
#ifndef SKEIN_STORE_DB_H
#define SKEIN_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct skein__db skein__db;
typedef struct skein__stmt skein__stmt;

enum { SKEIN__DB_SQLITE = 1, SKEIN__DB_PG = 2 };
/* skein__db_step: a row to read, or the end (anything else: an error) */
enum { SKEIN__DB_ROW = 100, SKEIN__DB_DONE = 101 };

/* The statements whose SQL differs between the back ends. */
typedef enum skein__q {
    SKEIN__Q_SCHEMA,         /* the whole schema as it is now */
    SKEIN__Q_BEGIN,          /* a write transaction */
    SKEIN__Q_BEGIN_MIGRATE,  /* a write transaction no other migration runs beside */
    SKEIN__Q_ARTICLE,        /* a new article (11 parameters); its seq (skein__db_last_id) */
    SKEIN__Q_MEMBER,         /* a membership (?1 article, ?2 story), replacing */
    SKEIN__Q_MEMBER_KEEP,    /* likewise, keeping one there is */
    SKEIN__Q_STORY,          /* a story (12 parameters), replacing */
    SKEIN__Q_SEARCH,         /* a line search finds a story by (?1 story, ?2 its number, ?3 text) */
    SKEIN__Q_SEARCH_PENDING, /* where those wait for the commit (NULL: written at once) */
    SKEIN__Q_SEARCH_FLUSH,   /* what waits written, before the commit (NULL: none waits) */
    SKEIN__Q_SEARCH_DEL,     /* a story's lines written (?1 story, numbers ?2 to ?3, excluded) */
    SKEIN__Q_SEARCH_GONE,    /* a line no longer a story's (?1 story, ?2 number) */
    SKEIN__Q_SEARCH_DEL_PENDING, /* likewise waiting (NULL: none wait) */
    SKEIN__Q_STATE,              /* the checkpoint (seq, engine), replacing */
    SKEIN__Q_OPTION,             /* one option (name, value), replacing */
    SKEIN__Q_LANG_FILTER,        /* " AND <the story has language :lang>" */
    SKEIN__Q_WORDS_FILTER,       /* " AND <a line of the story has the word :q>" */
    SKEIN__Q_NOTE,               /* a row of meta (key, value), replacing */
    SKEIN__Q_LAG,                /* seconds behind the primary (one row, one column) */
    SKEIN__Q_FEED_TABLES,        /* the feed tables (schema 6), as the step from 5 to 6 adds them */
    SKEIN__Q_TO_7,               /* the step from 6 to 7: names' keys, stories' weights */
    SKEIN__Q_TO_8,               /* the step from 7 to 8: the records' article entries as rows */
    SKEIN__Q_TO_9,               /* the step from 8 to 9: search's rows keyed by story and line */
    SKEIN__Q_REPORT,             /* a stories row's whole record (an expression): its head and
                                  * its rows of story_articles, or the column alone without rows */
    SKEIN__Q_COUNT
} skein__q;

/* 1 when `path` names a PostgreSQL database (postgresql:// or postgres://). */
int skein__db_is_pg(const char *path);

/* Opens the database at `path` (a file, created unless `readonly`; or a
 * PostgreSQL connection string).  NULL only when out of memory; otherwise
 * check skein__db_ok, and skein__db_errmsg says why it failed.  Free with
 * skein__db_close (NULL accepted).  One thread at a time. */
skein__db *skein__db_open(const char *path, int readonly);
int skein__db_ok(const skein__db *db);
void skein__db_close(skein__db *db);
int skein__db_kind(const skein__db *db);
const char *skein__db_errmsg(const skein__db *db);
/* The back end's SQL for `q`. */
const char *skein__db_sql(const skein__db *db, skein__q q);

/* Runs SQL text (several statements, no parameters): 0, or -1. */
int skein__db_exec(skein__db *db, const char *sql);
/* The seq of the last article inserted (SKEIN__Q_ARTICLE). */
int64_t skein__db_last_id(const skein__db *db);
/* The rows the last UPDATE or DELETE changed (SQLite; -1 with PostgreSQL,
 * whose in-place writes are never asked about). */
int64_t skein__db_changes(const skein__db *db);
/* The schema version stored (0: a new, empty database); -1 on error.
 * Setting it belongs in the transaction of a migration. */
int skein__db_version(skein__db *db, int *version);
int skein__db_set_version(skein__db *db, int version);
/* Takes the one writer's lock, held until close: SKEIN_OK, SKEIN_EBUSY
 * when another handle (any process, any machine for PostgreSQL) holds it,
 * SKEIN_EIO / SKEIN_EDB when it cannot be asked. */
int skein__db_lock_writer(skein__db *db);

/* A statement; *st is new (skein__db_finalize).  0, or -1. */
int skein__db_prepare(skein__db *db, const char *sql, skein__stmt **st);
void skein__db_finalize(skein__stmt *st); /* NULL accepted */
/* SKEIN__DB_ROW, SKEIN__DB_DONE, or -1 (skein__db_errmsg says why). */
int skein__db_step(skein__stmt *st);
void skein__db_reset(skein__stmt *st);          /* to step again; bindings kept */
void skein__db_clear_bindings(skein__stmt *st); /* every parameter NULL */
const char *skein__db_stmt_sql(const skein__stmt *st);
/* The index (from 1) of parameter `name` (":lang"); 0 when there is none. */
int skein__db_param_index(const skein__stmt *st, const char *name);

/* Bindings are copied. */
void skein__db_bind_null(skein__stmt *st, int i);
void skein__db_bind_int64(skein__stmt *st, int i, int64_t v);
void skein__db_bind_double(skein__stmt *st, int i, double v);
void skein__db_bind_text(skein__stmt *st, int i, const char *v); /* NULL: SQL NULL */
/* n bytes of v, which stay as they are until the statement has been stepped
 * (SQLite reads them there rather than copying them first); not NULL. */
void skein__db_bind_text_kept(skein__stmt *st, int i, const char *v, size_t n);
void skein__db_bind_blob(skein__stmt *st, int i, const void *p, size_t n);
/* The same for a blob whose bytes stay as they are until the statement has
 * been stepped: SQLite reads them there (a checkpoint's MBs are not copied
 * first); PostgreSQL's parameters are copied as bind_blob's are. */
void skein__db_bind_blob_kept(skein__stmt *st, int i, const void *p, size_t n);

/* Columns of the row a step returned (from 0); the pointers live until the
 * next step or reset. */
int skein__db_column_null(skein__stmt *st, int i);
int64_t skein__db_column_int64(skein__stmt *st, int i);
double skein__db_column_double(skein__stmt *st, int i);
const char *skein__db_column_text(skein__stmt *st, int i); /* NULL for SQL NULL */
const void *skein__db_column_blob(skein__stmt *st, int i, size_t *n);

#endif
