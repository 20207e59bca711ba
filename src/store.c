/* store.c -- the store's handle: opening, ingest, replay, checkpoints.
 *
 * The articles table is the log: every accepted article as it came, in
 * arrival order (seq).  Everything else is derived from it -- memberships,
 * stories told, their events, names and quotes, the search index -- and so
 * is the engine: a checkpoint (the engine's whole state, engine.h) names the
 * last seq it includes, and starting again loads it and links the articles
 * after it once more.  Linking is deterministic, so the stories come out as
 * if the stream had never stopped.  The log holds each article's notes, so
 * the checkpoint leaves them out and loading reads them back (notes_log):
 * they were most of its bytes, and writing it holds every commit waiting.
 * Without a usable checkpoint (none yet, another version's, other options,
 * notes the log lacks) the whole log is replayed.
 *
 * Writes go in one transaction per commit: the articles added, the stories
 * they changed (told again), a checkpoint when due.  An article counts as
 * stored only once that transaction is committed; WAL with synchronous=FULL
 * (SQLite) or PostgreSQL's own commit makes it survive a crash of the
 * process or the machine.  All of this is the same for both databases: the
 * SQL that differs is store_db.h's.
 *
 * What the file holds and how older files are migrated is
 * store_schema.c's; how a story told is written, store_write.c's. */
#include "store.h"

#include "engine.h"
#include "error.h"
#include "notes.h"
#include "options.h"
#include "tell.h"
#include "utf8.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLAY_BATCH 2000
/* The writer's page cache (SQLite), in KiB: a commit's pages (a thousand
 * articles, the stories they changed told again) stay in memory until it is
 * written, rather than spilling to the log and being written there again. */
#define WRITER_CACHE_KB "65536"

void skein__bind_text(skein__stmt *st, int i, const char *v) { skein__db_bind_text(st, i, v); }

void skein__bind_time(skein__stmt *st, int i, int64_t t) {
    if (t == SKEIN_NO_TIME)
        skein__db_bind_null(st, i);
    else
        skein__db_bind_int64(st, i, t);
}

int64_t skein__col_time(skein__stmt *st, int i) {
    return skein__db_column_null(st, i) ? SKEIN_NO_TIME : skein__db_column_int64(st, i);
}

int skein__store_fail(skein_store *s, int rc, const char *what) {
    if (!s) return rc;
    if (rc == SKEIN_EDB && s->db)
        snprintf(s->errmsg, sizeof(s->errmsg), "%s: %s", what, skein__db_errmsg(s->db));
    else
        snprintf(s->errmsg, sizeof(s->errmsg), "%s: %s", what, skein_strerror(rc));
    return rc;
}

const char *skein_store_errmsg(const skein_store *s) { return s ? s->errmsg : "no store"; }

/* Runs a prepared write, then readies it for the next.  SKEIN_EDB with
 * the database's message kept. */
int skein__store_step(skein_store *s, skein__stmt *st) {
    int rc = skein__db_step(st);
    int out =
        rc == SKEIN__DB_DONE ? SKEIN_OK : skein__store_fail(s, SKEIN_EDB, skein__db_stmt_sql(st));
    skein__db_reset(st);
    skein__db_clear_bindings(st);
    return out;
}

int skein__store_exec(skein_store *s, const char *sql, const char *what) {
    return skein__db_exec(s->db, sql) == 0 ? SKEIN_OK : skein__store_fail(s, SKEIN_EDB, what);
}

const char *skein_store_where(const char *path, char *buf, size_t n) {
    if (!buf || !n) return "";
    if (!path) path = "(no path)";
    const char *scheme = strstr(path, "://"), *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    if (!skein__db_is_pg(path) || !colon) /* no password in it */
        snprintf(buf, n, "%s", path);
    else
        snprintf(buf, n, "%.*s:***%s", (int)(colon - path), path, at);
    return buf;
}

/* Why a store could not be opened, into err: the database's words, and
 * what the store's schema says.  An older store is read once a writer has
 * migrated it: a read-only handle (or a replica, which cannot be written)
 * waits for that. */
static void open_failed(skein_store *s, skein_error *err, const char *path) {
    int version = -1;
    if (s && s->db && !s->errmsg[0] && skein__store_version(s->db, &version) == 0 &&
        version > SKEIN__SCHEMA_VERSION)
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "written by a newer skein (schema %d; this one reads up to %d)", version,
                 SKEIN__SCHEMA_VERSION);
    else if (s && s->db && !s->errmsg[0] && version >= 0 && version != SKEIN__SCHEMA_VERSION)
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "schema %d (this skein: %d): read once a writer has migrated it (a "
                 "replica: its primary's writer)",
                 version, SKEIN__SCHEMA_VERSION);
    else if (s && s->db && s->errmsg[0] && skein__store_version(s->db, &version) == 0 &&
             version > 0 && version < SKEIN__SCHEMA_VERSION) {
        char why[sizeof(s->errmsg)];
        snprintf(why, sizeof(why), "%s", s->errmsg);
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "schema %d (this skein: %d) cannot be migrated here: %.120s; a replica is "
                 "migrated by its primary's writer",
                 version, SKEIN__SCHEMA_VERSION, why);
    } else if (s && s->db && !s->errmsg[0])
        snprintf(s->errmsg, sizeof(s->errmsg), "%s", skein__db_errmsg(s->db));
    char where[256];
    skein__fail(err, s ? SKEIN_EDB : SKEIN_ENOMEM, NULL, "%s: %s",
                skein_store_where(path, where, sizeof(where)),
                s && s->errmsg[0] ? s->errmsg : "out of memory");
}

skein_store *skein_store_new(const char *path, int flags, skein_error *err) {
    skein__error_clear(err);
    skein_store *s = calloc(1, sizeof(*s));
    if (!s || !path) goto fail;
    s->readonly = (flags & SKEIN_STORE_READONLY) != 0;
    s->checkpoint_every = SKEIN_STORE_CHECKPOINT_EVERY;
    if (!(s->db = skein__db_open(path, s->readonly))) goto fail;
    if (!skein__db_ok(s->db)) {
        snprintf(s->errmsg, sizeof(s->errmsg), "%s", skein__db_errmsg(s->db));
        goto fail;
    }
    int lite = skein__db_kind(s->db) == SKEIN__DB_SQLITE;
    if (s->readonly) {
        int version;
        if (skein__store_version(s->db, &version) || version != SKEIN__SCHEMA_VERSION) goto fail;
    } else if ((lite && skein__store_exec(s, "PRAGMA journal_mode=WAL", "setting the journal")) ||
               (lite && skein__store_exec(s, "PRAGMA synchronous=FULL", "setting the journal")) ||
               (lite && skein__store_exec(s, "PRAGMA secure_delete=FAST", "setting deletes")) ||
               (lite &&
                skein__store_exec(s, "PRAGMA cache_size=-" WRITER_CACHE_KB, "setting the cache")) ||
               skein__store_migrate(s)) {
        goto fail;
    }
    return s;
fail:
    open_failed(s, err, path);
    skein_store_free(s);
    return NULL;
}

static void finalize_all(skein_store *s) {
    skein__stmt **all[] = {&s->st_dup,
                           &s->st_article,
                           &s->st_member,
                           &s->st_restory,
                           &s->st_story,
                           &s->st_del[0],
                           &s->st_del[1],
                           &s->st_del[2],
                           &s->st_event,
                           &s->st_name,
                           &s->st_quote,
                           &s->st_search,
                           &s->st_member_keep,
                           &s->st_entry,
                           &s->st_entry_del,
                           &s->st_qentry,
                           &s->st_qentry_del,
                           &s->st_search_del,
                           &s->st_search_del_pending,
                           &s->st_search_gone,
                           &s->st_name_set,
                           &s->st_name_counts,
                           &s->st_name_drop};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        skein__db_finalize(*all[i]);
        *all[i] = NULL;
    }
}

void skein_store_free(skein_store *s) {
    if (!s) return;
    if (s->engine && !s->failed) {
        if (s->since_checkpoint)
            skein_store_checkpoint(s);
        else
            skein_store_commit(s);
    }
    if (s->in_txn) skein__db_exec(s->db, "ROLLBACK");
    finalize_all(s);
    skein_engine_free(s->engine);
    skein__sbuf_release(&s->notes_buf);
    skein__store_written_clear(s);
    skein__u64map_release(&s->written);
    skein__sbuf_release(&s->row_buf);
    skein__db_close(s->db); /* releases the writer's lock */
    free(s);
}

/* ---- ingest ------------------------------------------------------------- */

/* The writer's statements: SQL both databases take, or the back end's
 * (`q`, when sql is NULL). */
static int prepare_ingest(skein_store *s) {
    static const struct {
        size_t off;
        skein__q q;
        const char *sql;
    } q[] = {
        {offsetof(skein_store, st_dup), 0, "SELECT 1 FROM articles WHERE id = ?"},
        {offsetof(skein_store, st_article), SKEIN__Q_ARTICLE, NULL},
        {offsetof(skein_store, st_member), SKEIN__Q_MEMBER, NULL},
        {offsetof(skein_store, st_member_keep), SKEIN__Q_MEMBER_KEEP, NULL},
        {offsetof(skein_store, st_restory), 0,
         "UPDATE articles SET story = ?2, lang = ?3, title = ?4, notes = ?5 WHERE seq = ?1"},
        {offsetof(skein_store, st_story), SKEIN__Q_STORY, NULL},
        {offsetof(skein_store, st_del[0]), 0, "DELETE FROM events WHERE story = ?"},
        {offsetof(skein_store, st_del[1]), 0, "DELETE FROM names WHERE story = ?"},
        {offsetof(skein_store, st_del[2]), 0, "DELETE FROM quotes WHERE story = ?"},
        {offsetof(skein_store, st_event), 0, "INSERT INTO events VALUES(?,?,?,?,?,?)"},
        {offsetof(skein_store, st_name), 0, "INSERT INTO names VALUES(?,?,?,?,?,?,?,?)"},
        {offsetof(skein_store, st_quote), 0, "INSERT INTO quotes VALUES(?,?,?,?,?,?,?)"},
        {offsetof(skein_store, st_entry), 0, "INSERT INTO story_articles VALUES(?,?,?)"},
        {offsetof(skein_store, st_entry_del), 0,
         "DELETE FROM story_articles WHERE story = ? AND pos >= ?"},
        {offsetof(skein_store, st_qentry), 0, "INSERT INTO story_quotes VALUES(?,?,?,?)"},
        {offsetof(skein_store, st_qentry_del), 0,
         "DELETE FROM story_quotes WHERE story = ? AND at >= ?"},
        {offsetof(skein_store, st_search), SKEIN__Q_SEARCH, NULL},
        {offsetof(skein_store, st_search_del), SKEIN__Q_SEARCH_DEL, NULL},
        {offsetof(skein_store, st_search_gone), SKEIN__Q_SEARCH_GONE, NULL},
    };
    const char *pending = skein__db_sql(s->db, SKEIN__Q_SEARCH_PENDING);
    if (pending && skein__store_exec(s, pending, "preparing the writer's statements"))
        return SKEIN_EDB;
    const char *del_pending = skein__db_sql(s->db, SKEIN__Q_SEARCH_DEL_PENDING);
    if (del_pending && skein__db_prepare(s->db, del_pending, &s->st_search_del_pending))
        return skein__store_fail(s, SKEIN_EDB, "preparing the writer's statements");
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        skein__stmt **st = (skein__stmt **)((char *)s + q[i].off);
        const char *sql = q[i].sql ? q[i].sql : skein__db_sql(s->db, q[i].q);
        if (skein__db_prepare(s->db, sql, st))
            return skein__store_fail(s, SKEIN_EDB, "preparing the writer's statements");
    }
    /* a names row changed where it is (SQLite's rowid): the whole row, or
     * its counts and spellings alone, which no index holds; never a row of
     * another story (?9), whatever rowid the writer remembers */
    if (skein__db_kind(s->db) == SKEIN__DB_SQLITE &&
        (skein__db_prepare(
             s->db,
             "UPDATE names SET name = ?2, kind = ?3, articles = ?4, mentions = ?5,"
             " aliases = ?6, key = ?7, spellings = ?8 WHERE rowid = ?1 AND story = ?9",
             &s->st_name_set) ||
         skein__db_prepare(s->db,
                           "UPDATE names SET articles = ?4, mentions = ?5, aliases = ?6,"
                           " spellings = ?8 WHERE rowid = ?1 AND story = ?9",
                           &s->st_name_counts) ||
         skein__db_prepare(s->db, "DELETE FROM names WHERE rowid = ?1 AND story = ?2",
                           &s->st_name_drop)))
        return skein__store_fail(s, SKEIN_EDB, "preparing the writer's statements");
    return SKEIN_OK;
}

static int begin(skein_store *s) {
    if (s->in_txn) return SKEIN_OK;
    if (skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_BEGIN), "starting a transaction"))
        return SKEIN_EDB;
    s->in_txn = 1;
    return SKEIN_OK;
}

static char *meta_get(skein_store *s, const char *key) {
    skein__stmt *st;
    char *v = NULL;
    if (skein__db_prepare(s->db, "SELECT value FROM meta WHERE key = ?", &st)) return NULL;
    skein__db_bind_text(st, 1, key);
    if (skein__db_step(st) == SKEIN__DB_ROW && skein__db_column_text(st, 0))
        v = strdup(skein__db_column_text(st, 0));
    skein__db_finalize(st);
    return v;
}

/* The log's notes for a checkpoint that left them out (skein__notes_source):
 * a story's members read in one query in their order (memberships.pos), a
 * round trip a story rather than an article on PostgreSQL; an article that
 * is not the next row there is read by its id. */
typedef struct notes_log {
    skein_store *s;
    skein__stmt *by_story, *by_id;
    uint64_t story; /* the story by_story reads (0: none) */
    int row;        /* by_story stands on a row */
} notes_log;

static const char *const notes_by_story =
    "SELECT m.article, a.notes FROM memberships m JOIN articles a ON a.id = m.article"
    " WHERE m.story = ? ORDER BY m.pos";
static const char *const notes_by_id = "SELECT id, notes FROM articles WHERE id = ?";

/* Steps by_story to its next row (g->row: one is there).  0, or -1 when the
 * database failed. */
static int next_row(notes_log *g) {
    int step = skein__db_step(g->by_story);
    g->row = step == SKEIN__DB_ROW;
    return step == SKEIN__DB_ROW || step == SKEIN__DB_DONE ? 0 : -1;
}

static skein_notes *logged_notes(void *ud, uint64_t story, const char *id, int *rc) {
    notes_log *g = ud;
    skein_notes *n = NULL;
    *rc = SKEIN_EPARSE; /* when n is NULL below: none logged, or their bytes (or memory) failed */
    if (story != g->story) {
        skein__db_reset(g->by_story);
        skein__db_bind_int64(g->by_story, 1, (int64_t)story);
        g->story = story;
        if (next_row(g)) goto failed;
    }
    const char *at = g->row ? skein__db_column_text(g->by_story, 0) : NULL;
    if (at && !strcmp(at, id)) {
        n = skein__col_notes(g->by_story, 1);
        if (next_row(g)) goto failed;
        return n;
    }
    skein__db_bind_text(g->by_id, 1, id);
    int step = skein__db_step(g->by_id);
    if (step == SKEIN__DB_ROW) n = skein__col_notes(g->by_id, 1);
    skein__db_reset(g->by_id);
    skein__db_clear_bindings(g->by_id);
    if (step == SKEIN__DB_ROW || step == SKEIN__DB_DONE) return n;
failed:
    skein_notes_free(n);
    g->story = 0, g->row = 0;
    return *rc = skein__store_fail(g->s, SKEIN_EDB, "reading a checkpoint's notes"), NULL;
}

/* Loads the checkpoint into s->engine; *seq gets the last seq it includes
 * (0 and a fresh engine without a usable one). */
static int load_checkpoint(skein_store *s, int64_t *seq) {
    *seq = 0;
    skein__stmt *st = NULL;
    notes_log log = {s, NULL, NULL, 0, 0};
    if (skein__db_prepare(s->db, "SELECT seq, engine FROM state WHERE id = 1", &st) ||
        skein__db_prepare(s->db, notes_by_story, &log.by_story) ||
        skein__db_prepare(s->db, notes_by_id, &log.by_id)) {
        skein__db_finalize(st), skein__db_finalize(log.by_story);
        return skein__store_fail(s, SKEIN_EDB, "loading the checkpoint");
    }
    skein__notes_source notes = {logged_notes, &log};
    int rc = SKEIN_OK, step = skein__db_step(st);
    if (step == SKEIN__DB_ROW) {
        size_t n = 0;
        const void *blob = skein__db_column_blob(st, 1, &n);
        int r = blob ? skein__engine_load(s->engine, blob, n, &notes) : SKEIN_EPARSE;
        if (r == SKEIN_OK) {
            *seq = skein__db_column_int64(st, 0);
        } else if (r == SKEIN_EPARSE || r == SKEIN_EINVAL) {
            /* another version's (or damaged): start over from the whole log */
            skein_error err;
            skein_engine_free(s->engine);
            if (!(s->engine = skein_engine_new(&s->opt, &err)))
                rc = skein__store_fail(s, err.code, "loading the checkpoint");
        } else {
            rc = r;
        }
    } else if (step != SKEIN__DB_DONE) {
        rc = skein__store_fail(s, SKEIN_EDB, "loading the checkpoint");
    }
    skein__db_finalize(log.by_story), skein__db_finalize(log.by_id);
    skein__db_finalize(st);
    return rc;
}

static int add_inner(skein_store *s, const skein_article *a, uint64_t *story);

/* Links again every article after `seq`, committing in batches. */
static int replay(skein_store *s, int64_t seq, uint64_t *count) {
    skein__stmt *st;
    const char *q = "SELECT seq, id, title_in, text_in, lang_in, source, url, published"
                    " FROM articles WHERE seq > ? ORDER BY seq";
    if (skein__db_prepare(s->db, q, &st))
        return skein__store_fail(s, SKEIN_EDB, "reading the article log");
    skein__db_bind_int64(st, 1, seq);
    int rc = SKEIN_OK, step = SKEIN__DB_DONE;
    s->replaying = 1;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        skein_article a = {skein__db_column_text(st, 1), skein__db_column_text(st, 2),
                           skein__db_column_text(st, 3), skein__db_column_text(st, 4),
                           skein__db_column_text(st, 5), skein__db_column_text(st, 6),
                           skein__col_time(st, 7)};
        s->replay_seq = skein__db_column_int64(st, 0);
        int r = add_inner(s, &a, NULL);
        if (r == SKEIN_ENOMEM || r == SKEIN_EDB) rc = r;
        /* other refusals cannot happen to a stored article; it stays unlinked */
        if (!r) (*count)++;
        if (!rc && s->pending >= REPLAY_BATCH) rc = skein_store_commit(s);
    }
    if (!rc && step != SKEIN__DB_DONE)
        rc = skein__store_fail(s, SKEIN_EDB,
                               "reading the article log"); /* not the end of the log: an error */
    skein__db_finalize(st);
    s->replaying = 0;
    return rc;
}

/* One writer per store: an advisory lock (store_db.h), held until close.
 * SKEIN_EBUSY when another handle (any process) holds it. */
static int lock_writer(skein_store *s) {
    int rc = skein__db_lock_writer(s->db);
    if (rc == SKEIN_EDB) skein__store_fail(s, rc, "taking the writer's lock");
    return rc;
}

static int start(skein_store *s, const skein_options *opt, uint64_t *replayed);

int skein_store_start(skein_store *s, const skein_options *opt, uint64_t *replayed) {
    if (replayed) *replayed = 0;
    if (!s || s->readonly || s->engine || s->failed) return SKEIN_EINVAL;
    int rc = start(s, opt, replayed);
    if (rc) s->failed = 1; /* a half-started handle takes no articles */
    return rc;
}

static int start(skein_store *s, const skein_options *opt, uint64_t *replayed) {
    int lrc = lock_writer(s);
    if (lrc) return lrc;
    char *replayable = meta_get(s, "replayable");
    int old = replayable && strcmp(replayable, "0") == 0;
    free(replayable);
    if (old)
        return snprintf(s->errmsg, sizeof(s->errmsg),
                        "made by a skein that kept no article texts (schema 1 "
                        "or 2): its stories are read, not continued"),
               SKEIN_EINVAL;
    skein_options o;
    int rc = skein__store_options_read(s, &o), stored = rc == SKEIN_OK;
    if (rc == SKEIN_ENOTFOUND) { /* a new store: the options given, or the defaults */
        rc = SKEIN_OK;
        if (opt)
            o = *opt;
        else
            skein_options_default(&o);
    }
    /* options given for a store made with others: refused (but for the
     * second look's, which a store does not take: it never moves an article
     * it has written) */
    const skein_option_info *info = skein_option_list(NULL);
    for (size_t i = 0; !rc && stored && opt && i < SKEIN__NOPTIONS; i++)
        if (skein__option_at(opt, i) != skein__option_at(&o, i) &&
            strcmp(info[i].name, "split_threshold") && strcmp(info[i].name, "merge_threshold"))
            rc = SKEIN_EINVAL,
            snprintf(s->errmsg, sizeof(s->errmsg),
                     "made with %s %.15g, not %.15g: give its "
                     "options, or none, or use a new store",
                     info[i].name, skein__option_at(&o, i), skein__option_at(opt, i));
    skein_error err;
    if (!rc && opt && skein_options_check(opt, &err))
        rc = SKEIN_EINVAL, snprintf(s->errmsg, sizeof(s->errmsg), "%s", err.message);
    if (rc) return rc;
    s->opt = o;
    if (!(s->engine = skein_engine_new(&o, &err)))
        return snprintf(s->errmsg, sizeof(s->errmsg), "%s", err.message), err.code;
    if ((rc = prepare_ingest(s))) return rc;
    rc = begin(s);
    if (!rc) rc = skein__store_options_write(s, &o);
    if (!rc) rc = skein__store_exec(s, "COMMIT", "writing the options");
    s->in_txn = 0;
    int64_t seq = 0;
    uint64_t n = 0;
    if (!rc) rc = load_checkpoint(s, &seq);
    s->last_seq = seq;
    if (!rc)
        skein__engine_on_told(s->engine, skein__store_on_closed, s),
            skein__engine_regroup(s->engine, 0), /* it does not move stored articles */
            s->stamp = skein__engine_stamp(s->engine);
    if (!rc && seq == 0) { /* from the start: what was derived is made again */
        rc = begin(s);
        if (!rc)
            rc = skein__store_exec(
                s,
                "DELETE FROM memberships; DELETE FROM stories; DELETE FROM events;"
                "DELETE FROM names; DELETE FROM quotes; DELETE FROM search;"
                "DELETE FROM story_articles; DELETE FROM story_quotes;",
                "clearing what is made again");
    }
    if (!rc) rc = replay(s, seq, &n);
    if (!rc) rc = n ? skein_store_checkpoint(s) : skein_store_commit(s);
    if (replayed) *replayed = n;
    return rc;
}

int skein_store_set_note(skein_store *s, const char *key, const char *value) {
    if (!s || !key || s->readonly) return SKEIN_EINVAL;
    skein__stmt *st;
    const char *sql =
        value ? skein__db_sql(s->db, SKEIN__Q_NOTE) : "DELETE FROM meta WHERE key = ?";
    if (skein__db_prepare(s->db, sql, &st))
        return skein__store_fail(s, SKEIN_EDB, "writing a note");
    skein__db_bind_text(st, 1, key);
    if (value) skein__db_bind_text(st, 2, value);
    int rc = skein__store_step(s, st); /* outside a transaction: committed at once */
    skein__db_finalize(st);
    return rc;
}

void skein_store_on_story(skein_store *s, skein_story_fn fn, void *ud) {
    s->on_story = fn, s->on_story_ud = ud;
}

void skein_store_checkpoint_every(skein_store *s, uint64_t n) {
    if (s) s->checkpoint_every = n ? n : 1;
}

static int is_dup(skein_store *s, const char *id) {
    skein__db_bind_text(s->st_dup, 1, id);
    int found = skein__db_step(s->st_dup) == SKEIN__DB_ROW;
    skein__db_reset(s->st_dup);
    skein__db_clear_bindings(s->st_dup);
    return found;
}

/* Binds notes n (NULL: SQL NULL) in their binary form (notes.h).  0 or -1
 * (ENOMEM). */
static int bind_notes(skein_store *s, skein__stmt *st, int i, const skein_notes *n) {
    skein__sbuf_reset(&s->notes_buf);
    if (!n) return skein__db_bind_null(st, i), 0;
    if (skein__notes_save(&s->notes_buf, n)) return -1;
    skein__db_bind_blob(st, i, s->notes_buf.buf, s->notes_buf.len);
    return 0;
}

/* Links an article and writes it (new) or its links (replaying). */
static int add_inner(skein_store *s, const skein_article *a, uint64_t *story) {
    int rc = begin(s);
    if (rc) return rc;
    if (!s->replaying && a->id && is_dup(s, a->id))
        return snprintf(s->errmsg, sizeof(s->errmsg), "the store holds an article with id \"%.*s\"",
                        (int)skein__utf8_cut(a->id, strlen(a->id), 200), a->id),
               SKEIN_EDUP;
    uint64_t sid = 0;
    s->rc_cb = SKEIN_OK;
    double t0 = skein__now();
    rc = skein_engine_add(s->engine, a, &sid);
    s->sec_store -= skein__now() - t0; /* the engine's time is not the store's */
    if (rc) {
        /* out of memory may strike after the engine changed: start again from
         * what was committed; the other refusals come before any change */
        if (rc == SKEIN_ENOMEM || rc == SKEIN_EINTERNAL || s->rc_cb) s->failed = 1;
        if (!s->failed || !s->errmsg[0])
            snprintf(s->errmsg, sizeof(s->errmsg), "%s", skein_engine_errmsg(s->engine));
        return s->failed ? SKEIN_EDB : rc;
    }
    const skein_member *m = skein__engine_last(s->engine);
    skein__stmt *st;
    if (s->replaying) {
        st = s->st_restory;
        skein__db_bind_int64(st, 1, s->replay_seq);
        skein__db_bind_int64(st, 2, (int64_t)sid);
        skein__bind_text(st, 3, m->lang);
        skein__bind_text(st, 4, m->title);
        if (bind_notes(s, st, 5, m->notes)) rc = SKEIN_ENOMEM;
    } else {
        st = s->st_article;
        skein__bind_text(st, 1, a->id);
        skein__db_bind_int64(st, 2, (int64_t)sid);
        skein__bind_text(st, 3, a->title);
        skein__bind_text(st, 4, a->text);
        skein__bind_text(st, 5, a->lang);
        skein__bind_text(st, 6, a->source && *a->source ? a->source : NULL);
        skein__bind_text(st, 7, a->url);
        skein__bind_time(st, 8, a->published);
        skein__bind_text(st, 9, m->lang);
        skein__bind_text(st, 10, m->title);
        if (bind_notes(s, st, 11, m->notes)) rc = SKEIN_ENOMEM;
    }
    if (!rc)
        rc = skein__store_step(s, st);
    else
        skein__db_reset(st), skein__db_clear_bindings(st);
    if (!rc) s->last_seq = s->replaying ? s->replay_seq : skein__db_last_id(s->db);
    if (!rc) { /* replaying, a stored membership is kept with its position */
        skein__stmt *ms = s->replaying ? s->st_member_keep : s->st_member;
        skein__db_bind_text(ms, 1, a->id);
        skein__db_bind_int64(ms, 2, (int64_t)sid);
        rc = skein__store_step(s, ms);
    }
    if (!rc) rc = s->rc_cb;
    if (rc) {          /* the engine took the article but the store did not: start again */
        s->failed = 1; /* the cause is in errmsg already */
        return s->errmsg[0] ? SKEIN_EDB : skein__store_fail(s, SKEIN_EDB, "writing an article");
    }
    s->pending++;
    s->since_checkpoint++;
    if (story) *story = sid;
    return SKEIN_OK;
}

int skein_store_add(skein_store *s, const skein_article *a, uint64_t *story) {
    if (!s || !a || !s->engine || s->replaying) return SKEIN_EINVAL;
    if (s->failed) return SKEIN_EDB; /* as before: errmsg says why */
    double t0 = skein__now();
    int rc = add_inner(s, a, story);
    s->sec_store += skein__now() - t0;
    return rc;
}

int skein_store_prepare_start(skein_store *s, const skein_article *const *a, size_t n,
                              unsigned threads) {
    if (!s || !s->engine || s->replaying) return SKEIN_EINVAL;
    return skein_engine_prepare_start(s->engine, a, n, threads);
}

void skein_store_prepare_wait(skein_store *s) {
    if (s) skein_engine_prepare_wait(s->engine);
}

int skein_store_stage_stats(skein_store *s, skein_stats *out) {
    if (!s || !out || !s->engine) return SKEIN_EINVAL;
    skein_engine_get_stats(s->engine, out);
    out->sec_tell += s->sec_tell;
    out->sec_store = s->sec_store;
    return SKEIN_OK;
}

static int save_checkpoint(skein_store *s) {
    sbuf b;
    skein__sbuf_init(&b);
    int rc = skein__engine_save(s->engine, &b, 1); /* the log keeps each article's notes */
    skein__stmt *st = NULL;
    if (!rc && skein__db_prepare(s->db, skein__db_sql(s->db, SKEIN__Q_STATE), &st))
        rc = skein__store_fail(s, SKEIN_EDB, "writing a checkpoint");
    if (!rc) {
        skein__db_bind_int64(st, 1, s->last_seq);      /* the last article the engine has linked */
        skein__db_bind_blob_kept(st, 2, b.buf, b.len); /* b outlives the step */
        rc = skein__db_step(st) == SKEIN__DB_DONE
                 ? SKEIN_OK
                 : skein__store_fail(s, SKEIN_EDB, "writing a checkpoint");
    } else if (rc == SKEIN_ENOMEM) {
        skein__store_fail(s, rc, "writing a checkpoint");
    }
    skein__db_finalize(st);
    skein__sbuf_release(&b);
    if (!rc) s->since_checkpoint = 0;
    return rc;
}

/* Commits; with `checkpoint` 1 always writes one, 0 when due. */
static int commit_inner(skein_store *s, int checkpoint);

/* Commits; the time, less the telling, is the store's. */
static int commit(skein_store *s, int checkpoint) {
    if (!s || !s->engine) return SKEIN_EINVAL;
    if (s->failed) return SKEIN_EDB; /* as before: errmsg says why */
    double t0 = skein__now(), told = s->sec_tell;
    int rc = commit_inner(s, checkpoint);
    s->sec_store += skein__now() - t0 - (s->sec_tell - told);
    return rc;
}

static int commit_inner(skein_store *s, int checkpoint) {
    int rc = SKEIN_OK;
    if (checkpoint && !s->in_txn) rc = begin(s);
    if (!s->in_txn) return rc;
    s->rc_cb = SKEIN_OK;
    if (!rc) rc = skein__engine_each_since(s->engine, s->stamp, skein__store_on_changed, s);
    if (!rc) rc = s->rc_cb;
    const char *flush = skein__db_sql(s->db, SKEIN__Q_SEARCH_FLUSH);
    if (!rc && flush) rc = skein__store_exec(s, flush, "writing what search finds");
    if (!rc && (checkpoint || s->since_checkpoint >= s->checkpoint_every)) rc = save_checkpoint(s);
    if (!rc) rc = skein__store_exec(s, "COMMIT", "committing");
    if (rc) {
        skein__db_exec(s->db, "ROLLBACK");
        skein__store_written_clear(s);
        s->failed = 1; /* the engine is ahead of the store now */
    }
    s->in_txn = 0;
    s->pending = 0;
    s->stamp = skein__engine_stamp(s->engine);
    return rc;
}

int skein_store_commit(skein_store *s) { return commit(s, 0); }
int skein_store_checkpoint(skein_store *s) { return commit(s, 1); }

int skein_store_close_stories(skein_store *s) {
    if (!s || !s->engine) return SKEIN_EINVAL;
    if (s->failed) return SKEIN_EDB; /* as before: errmsg says why */
    int rc = begin(s);
    s->rc_cb = SKEIN_OK;
    if (!rc) rc = skein_engine_flush(s->engine);
    if (!rc) rc = s->rc_cb;
    if (rc) {
        s->failed = 1;
        return rc;
    }
    return skein_store_checkpoint(s);
}
