/* store.h -- the store's handle, shared by store.c (schema, ingest, writes)
 * and query.c (reads for the CLI and the HTTP API). */
#ifndef SKEIN_STORE_H
#define SKEIN_STORE_H

#include "skein.h"
#include "util.h"

#include "store_db.h"

struct skein_store {
    skein__db *db; /* SQLite or PostgreSQL (store_db.h) */
    int readonly;
    /* ingest (skein_store_start) */
    skein_engine *engine;
    skein_options opt;
    skein_story_fn on_story; /* the caller's, for stories closed by ingest */
    void *on_story_ud;
    skein__stmt *st_dup, *st_article, *st_member, *st_restory, *st_story, *st_del[3], *st_event,
        *st_name, *st_quote, *st_search, *st_member_keep, *st_entry, *st_entry_del, *st_qentry,
        *st_qentry_del, *st_search_del, *st_search_del_pending, *st_search_gone;
    /* SQLite: a names row changed in place, by rowid (store_write.c); NULL on PostgreSQL */
    skein__stmt *st_name_set, *st_name_counts, *st_name_drop;
    int in_txn, failed, replaying;
    int64_t replay_seq;        /* seq of the article being replayed */
    int64_t last_seq;          /* seq of the last article the engine linked */
    uint64_t stamp;            /* engine stamp at the last commit */
    uint64_t since_checkpoint; /* articles added since the last checkpoint */
    uint64_t checkpoint_every;
    uint64_t pending;           /* articles added, not yet committed */
    int rc_cb;                  /* first error inside a story callback */
    double sec_store, sec_tell; /* time writing (adds, commits) and telling open stories */
    sbuf notes_buf;             /* an article's notes in their binary form, to bind */
    u64map written;             /* open story id -> what was written of it (store_write.c) */
    sbuf row_buf;               /* a row's values, to hash */
    char errmsg[512];           /* the cause of the last failure (skein_store_errmsg) */
};

/* Runs a prepared write, then readies it for the next; SKEIN_EDB with
 * the database's message kept.  Runs SQL text, likewise (`what`: what was being
 * done, for the message). */
int skein__store_step(skein_store *s, skein__stmt *st);
int skein__store_exec(skein_store *s, const char *sql, const char *what);

/* store_schema.c: the schema's version now and in a file; taking a file to
 * it (in one transaction; the cause in errmsg on failure); the record of the
 * options a store was made with (SKEIN_ENOTFOUND: none yet). */
#define SKEIN__SCHEMA_VERSION 9
int skein__store_version(skein__db *db, int *version);
int skein__store_migrate(skein_store *s);
int skein__store_options_read(skein_store *s, skein_options *o);
int skein__store_options_write(skein_store *s, const skein_options *o);

/* store_write.c: the engine's callbacks for a story it closed (told as
 * `told`) and, at a commit, for an open story that changed; both write the
 * story and keep the first error in s->rc_cb. */
struct skein__told;
void skein__store_on_closed(const skein_story *st, const struct skein__told *told, void *ud);
void skein__store_on_changed(const skein_story *st, void *ud);
/* Forgets what was written of the open stories (all is written whole at
 * their next change): when a transaction was rolled back, and at the end. */
void skein__store_written_clear(skein_store *s);

/* Records why a call failed (for SKEIN_EDB: "what: the database's message") and
 * returns rc, so that `return skein__store_fail(s, SKEIN_EDB, "...")` both
 * keeps the cause and reports the failure. */
int skein__store_fail(skein_store *s, int rc, const char *what);

/* Binds `v` (NULL: SQL NULL) / a time (SKEIN_NO_TIME: NULL). */
void skein__bind_text(skein__stmt *st, int i, const char *v);
void skein__bind_time(skein__stmt *st, int i, int64_t t);
int64_t skein__col_time(skein__stmt *st, int i);
/* The notes in column i (their binary form, notes.h): new (skein_notes_free),
 * NULL when there are none or they cannot be read (query.c). */
skein_notes *skein__col_notes(skein__stmt *st, int i);
/* Adds time t to JSON object o (a cJSON *) under key as ISO 8601 UTC, or
 * null for SKEIN_NO_TIME or a time no calendar date holds (query.c). */
void skein__json_add_time(void *o, const char *key, int64_t t);

/* Binds name n's key across stories at parameter i and its folded spellings
 * at i + 1 (names.c).  SKEIN_OK or SKEIN_ENOMEM. */
struct skein__told_name;
int skein__name_bind(skein__stmt *st, int i, const struct skein__told_name *n);

#endif
