/* store.c -- the SQLite store: schema and migrations, ingest, checkpoints.
 *
 * The articles table is the log: every accepted article as it came, in
 * arrival order (seq).  Everything else is derived from it -- memberships,
 * stories told, their events, names and quotes, the search index -- and so
 * is the engine: a checkpoint (the engine's whole state, engine.h) names the
 * last seq it includes, and starting again loads it and links the articles
 * after it once more.  Linking is deterministic, so the stories come out as
 * if the stream had never stopped.  Without a usable checkpoint (none yet,
 * another version's, other options) the whole log is replayed.
 *
 * Writes go in one transaction per commit: the articles added, the stories
 * they changed (told again), a checkpoint when due.  An article counts as
 * stored only once that transaction is committed; WAL with synchronous=FULL
 * makes a commit survive a crash of the process or the machine. */
#include "store.h"

#include "engine.h"
#include "error.h"
#include "notes.h"
#include "options.h"
#include "tell.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION 4
#define REPLAY_BATCH 2000

/* The schema as it is now; `migrations` take older stores there. */
static const char *const schema =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    /* the log: articles as they came, and what the engine made of them */
    "CREATE TABLE articles("
    "  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, story INTEGER,"
    "  title_in TEXT, text_in TEXT, lang_in TEXT, source TEXT, url TEXT, published INTEGER,"
    "  lang TEXT, title TEXT, notes BLOB, added INTEGER);"
    "CREATE TABLE memberships("
    "  article TEXT PRIMARY KEY, story INTEGER NOT NULL, pos INTEGER NOT NULL);"
    "CREATE INDEX memberships_story ON memberships(story, pos);"
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY, title TEXT, size INTEGER NOT NULL,"
    "  first_seen INTEGER, last_seen INTEGER, report TEXT,"
    "  open INTEGER NOT NULL DEFAULT 0, langs TEXT, recency INTEGER NOT NULL DEFAULT 0,"
    "  summary TEXT);"
    "CREATE INDEX stories_recency ON stories(recency DESC, id DESC);"
    "CREATE TABLE events(story INTEGER NOT NULL, n INTEGER NOT NULL, title TEXT,"
    "  size INTEGER, first_seen INTEGER, last_seen INTEGER, PRIMARY KEY(story, n));"
    "CREATE TABLE names(story INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT,"
    "  articles INTEGER, mentions INTEGER, aliases TEXT);"
    "CREATE INDEX names_story ON names(story);"
    "CREATE TABLE quotes(story INTEGER NOT NULL, speaker TEXT, text TEXT, article TEXT,"
    "  lang TEXT, outlet TEXT);"
    "CREATE INDEX quotes_story ON quotes(story);"
    "CREATE VIRTUAL TABLE search USING fts5(body, tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE state(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL,"
    "  engine BLOB NOT NULL, saved INTEGER);";

/* migrations[v - 1] takes a store of version v to version v + 1.  Stores
 * before 3 kept no article texts: they are read, not continued (meta
 * "replayable" = 0). */
static const char *const migrations[] = {
    /* 1 -> 2: stories told (report), articles' notes */
    "ALTER TABLE stories ADD COLUMN report TEXT;"
    "ALTER TABLE articles ADD COLUMN notes TEXT;",
    /* 2 -> 3: the article log, story summaries, events, names, quotes, search, state */
    "ALTER TABLE articles RENAME TO articles2;"
    "ALTER TABLE stories RENAME TO stories2;"
    "DROP INDEX IF EXISTS memberships_story;"
    "ALTER TABLE memberships RENAME TO memberships2;"
    "%SCHEMA%"
    "INSERT INTO articles(id, story, source, published, lang, title, notes)"
    "  SELECT a.id, m.story, a.source, a.published, a.lang, a.title, a.notes"
    "  FROM articles2 a LEFT JOIN memberships2 m ON m.article = a.id ORDER BY m.story, m.pos;"
    "INSERT INTO memberships SELECT article, story, pos FROM memberships2;"
    "INSERT INTO stories(id, title, size, first_seen, last_seen, report, recency)"
    "  SELECT id, title, size, first_seen, last_seen, report,"
    "  coalesce(last_seen, -9223372036854775807) FROM stories2;"
    "DROP TABLE articles2; DROP TABLE stories2; DROP TABLE memberships2;"
    "INSERT INTO meta VALUES('replayable', '0');",
    /* 3 -> 4: notes kept typed (notes.h) instead of as JSON: renote() */
    "",
};

void skein__bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void skein__bind_time(sqlite3_stmt *st, int i, int64_t t) {
    if (t == SKEIN_NO_TIME)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}

int64_t skein__col_time(sqlite3_stmt *st, int i) {
    return sqlite3_column_type(st, i) == SQLITE_NULL ? SKEIN_NO_TIME : sqlite3_column_int64(st, i);
}

int skein__store_fail(skein_store *s, int rc, const char *what) {
    if (!s) return rc;
    if (rc == SKEIN_EDB && s->db)
        snprintf(s->errmsg, sizeof(s->errmsg), "%s: %s", what, sqlite3_errmsg(s->db));
    else
        snprintf(s->errmsg, sizeof(s->errmsg), "%s: %s", what, skein_strerror(rc));
    return rc;
}

const char *skein_store_errmsg(const skein_store *s) { return s ? s->errmsg : "no store"; }

/* Runs a prepared write, then readies it for the next.  SKEIN_EDB with
 * SQLite's message kept. */
static int step_done(skein_store *s, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_DONE ? SKEIN_OK : skein__store_fail(s, SKEIN_EDB, sqlite3_sql(st));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return out;
}

static int exec(sqlite3 *db, const char *sql) {
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Runs migration text, with %SCHEMA% standing for the current schema. */
static int exec_migration(sqlite3 *db, const char *m) {
    const char *at = strstr(m, "%SCHEMA%");
    if (!at) return exec(db, m);
    sbuf b;
    skein__sbuf_init(&b);
    int rc = skein__sbuf_add(&b, m, (size_t)(at - m)) || skein__sbuf_adds(&b, schema) ||
                     skein__sbuf_adds(&b, at + strlen("%SCHEMA%"))
                 ? -1
                 : exec(db, b.buf);
    skein__sbuf_release(&b);
    return rc;
}

static int user_version(sqlite3 *db, int *version) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL)) return -1;
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return *version < 0 ? -1 : 0;
}

static int stored_options(skein_store *s, skein_options *o);

/* Notes of the article in row `st` (columns id, title_in, text_in, lang_in),
 * made again by `e`, into `b` (empty when it kept no text). */
static int notes_again(skein_engine *e, sqlite3_stmt *st, sbuf *b) {
    skein__sbuf_reset(b);
    skein_article a = {(const char *)sqlite3_column_text(st, 1),
                       (const char *)sqlite3_column_text(st, 2),
                       (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4),
                       NULL,
                       NULL,
                       SKEIN_NO_TIME};
    if (!a.id || (!a.title && !a.text)) return SKEIN_OK;
    skein_notes *n = NULL;
    int rc = skein_engine_extract(e, &a, &n);
    if (rc == SKEIN_OK && skein__notes_save(b, n)) rc = SKEIN_ENOMEM;
    skein_notes_free(n);
    return rc == SKEIN_ENOMEM ? rc : SKEIN_OK; /* an article it refuses keeps no notes */
}

/* 3 -> 4: every article's notes made again from its text, with the options
 * the store was made with; articles of schema 1 and 2 kept no text, and so
 * keep no notes. */
static int renote(skein_store *s) {
    skein_options o;
    int rc = stored_options(s, &o);
    if (rc == SKEIN_ENOTFOUND) rc = SKEIN_OK;
    skein_engine *e = rc ? NULL : skein_engine_new(&o, &rc);
    sqlite3_stmt *rd = NULL, *wr = NULL;
    if (e &&
        (sqlite3_prepare_v2(s->db, "SELECT seq, id, title_in, text_in, lang_in FROM articles", -1,
                            &rd, NULL) ||
         sqlite3_prepare_v2(s->db, "UPDATE articles SET notes = ? WHERE seq = ?", -1, &wr, NULL)))
        rc = skein__store_fail(s, SKEIN_EDB, "migrating notes");
    sbuf b;
    skein__sbuf_init(&b);
    while (!rc && sqlite3_step(rd) == SQLITE_ROW) {
        if ((rc = notes_again(e, rd, &b))) break;
        if (b.len)
            sqlite3_bind_blob64(wr, 1, b.buf, b.len, SQLITE_STATIC);
        else
            sqlite3_bind_null(wr, 1);
        sqlite3_bind_int64(wr, 2, sqlite3_column_int64(rd, 0));
        rc = step_done(s, wr);
    }
    skein__sbuf_release(&b);
    sqlite3_finalize(rd), sqlite3_finalize(wr);
    skein_engine_free(e);
    return rc;
}

static int migrate(skein_store *s) {
    sqlite3 *db = s->db;
    int version;
    if (user_version(db, &version) == 0 && version == SCHEMA_VERSION) return 0; /* no lock taken */
    if (exec(db, "BEGIN IMMEDIATE")) return -1;
    /* read inside the write lock: two processes opening a new file at once */
    if (user_version(db, &version) || version > SCHEMA_VERSION) {
        exec(db, "ROLLBACK"); /* unreadable, or written by a newer skein */
        return -1;
    }
    int rc = 0;
    if (version == 0) rc = exec(db, schema);
    for (int v = version; !rc && v >= 1 && v < SCHEMA_VERSION; v++)
        rc = exec_migration(db, migrations[v - 1]);
    if (!rc && version >= 1 && version < 4) rc = renote(s) ? -1 : 0;
    char set[64];
    snprintf(set, sizeof(set), "PRAGMA user_version = %d", SCHEMA_VERSION);
    if (!rc && version != SCHEMA_VERSION) rc = exec(db, set);
    if (rc) {
        exec(db, "ROLLBACK");
        return -1;
    }
    return exec(db, "COMMIT");
}

/* Why a store could not be opened, into err: SQLite's words, and what the
 * file's schema says. */
static void open_failed(skein_store *s, skein_error *err, const char *path) {
    int version = -1;
    if (s && s->db && !s->errmsg[0] && user_version(s->db, &version) == 0 &&
        version > SCHEMA_VERSION)
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "written by a newer skein (schema %d; this one reads up to %d)", version,
                 SCHEMA_VERSION);
    else if (s && s->db && !s->errmsg[0] && version >= 0 && version != SCHEMA_VERSION)
        snprintf(s->errmsg, sizeof(s->errmsg), "schema %d: open it once for writing to migrate it",
                 version);
    else if (s && s->db && !s->errmsg[0])
        snprintf(s->errmsg, sizeof(s->errmsg), "%s", sqlite3_errmsg(s->db));
    skein__fail(err, s ? SKEIN_EDB : SKEIN_ENOMEM, NULL, "%s: %s", path ? path : "(no path)",
                s && s->errmsg[0] ? s->errmsg : "out of memory");
}

skein_store *skein_store_new(const char *path, int flags, skein_error *err) {
    skein__error_clear(err);
    skein_store *s = calloc(1, sizeof(*s));
    if (!s || !path) goto fail;
    s->readonly = (flags & SKEIN_STORE_READONLY) != 0;
    s->checkpoint_every = SKEIN_STORE_CHECKPOINT_EVERY;
    s->lock_fd = -1;
    int oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) goto fail;
    sqlite3_busy_timeout(s->db, 10000);
    if (s->readonly) {
        int version;
        if (user_version(s->db, &version) || version != SCHEMA_VERSION) goto fail;
    } else if (exec(s->db, "PRAGMA journal_mode=WAL") || exec(s->db, "PRAGMA synchronous=FULL") ||
               migrate(s)) {
        goto fail;
    }
    return s;
fail:
    open_failed(s, err, path);
    skein_store_free(s);
    return NULL;
}

static void finalize_all(skein_store *s) {
    sqlite3_stmt **all[] = {&s->st_dup,        &s->st_article, &s->st_member, &s->st_restory,
                            &s->st_story,      &s->st_del[0],  &s->st_del[1], &s->st_del[2],
                            &s->st_event,      &s->st_name,    &s->st_quote,  &s->st_search,
                            &s->st_member_keep};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        sqlite3_finalize(*all[i]);
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
    if (s->in_txn) exec(s->db, "ROLLBACK");
    finalize_all(s);
    skein_engine_free(s->engine);
    skein__sbuf_release(&s->notes_buf);
    if (s->lock_fd >= 0) close(s->lock_fd); /* releases the writer's lock */
    sqlite3_close(s->db);
    free(s);
}

/* ---- writing stories ---------------------------------------------------- */

/* ",en,ar,": the story's languages, for LIKE filters. */
static int langs_of(const skein__told *t, sbuf *b) {
    skein__sbuf_reset(b);
    int rc = skein__sbuf_addc(b, ',');
    for (size_t i = 0; i < t->nlanguages; i++)
        rc |= skein__sbuf_adds(b, t->languages[i].lang) | skein__sbuf_addc(b, ',');
    return rc;
}

static int add_line(sbuf *b, const char *s) {
    return s ? skein__sbuf_adds(b, s) | skein__sbuf_addc(b, '\n') : 0;
}

/* What search finds a story by: titles, names and their aliases, speakers,
 * quotes. */
static int search_body(const skein__told *t, sbuf *b) {
    skein__sbuf_reset(b);
    int rc = skein__sbuf_adds(b, "");
    for (size_t i = 0; i < t->s->size; i++) rc |= add_line(b, t->s->members[i].title);
    for (size_t i = 0; i < t->nnames; i++)
        for (size_t k = 0; k < t->names[i].naliases; k++)
            rc |= add_line(b, t->names[i].aliases[k].name);
    for (size_t i = 0; i < t->nquotes; i++) rc |= add_line(b, t->quotes[i].text);
    return rc;
}

static int write_events(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nevents; i++) {
        sqlite3_stmt *st = s->st_event;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        skein__bind_text(st, 3, t->events[i].title);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)t->events[i].size);
        skein__bind_time(st, 5, t->events[i].first);
        skein__bind_time(st, 6, t->events[i].last);
        rc = step_done(s, st);
    }
    return rc;
}

static int write_names(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nnames; i++) {
        const skein__told_name *n = &t->names[i];
        sqlite3_stmt *st = s->st_name;
        char *aliases = skein__told_aliases_json(n);
        if (!aliases) return SKEIN_ENOMEM;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
        skein__bind_text(st, 2, n->name ? n->name : "");
        skein__bind_text(st, 3, skein_kind_name(n->kind));
        sqlite3_bind_int64(st, 4, (sqlite3_int64)n->articles);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)n->mentions);
        skein__bind_text(st, 6, aliases);
        free(aliases);
        rc = step_done(s, st);
    }
    return rc;
}

static int write_quotes(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nquotes; i++) {
        const skein__told_quote *q = &t->quotes[i];
        const skein_member *m = &t->s->members[q->member];
        sqlite3_stmt *st = s->st_quote;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
        skein__bind_text(st, 2, q->speaker);
        skein__bind_text(st, 3, q->text);
        skein__bind_text(st, 4, m->id);
        skein__bind_text(st, 5, skein__member_lang(m));
        skein__bind_text(st, 6, t->outlets[t->outlet_of[q->member]]);
        rc = step_done(s, st);
    }
    return rc;
}

static int write_parts(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (int i = 0; i < 3 && !rc; i++) {
        sqlite3_bind_int64(s->st_del[i], 1, (sqlite3_int64)id);
        rc = step_done(s, s->st_del[i]);
    }
    if (!rc) rc = write_events(s, id, t);
    if (!rc) rc = write_names(s, id, t);
    if (!rc) rc = write_quotes(s, id, t);
    return rc;
}

/* Writes story `st`, told as `t` and printed as `report`, open or closed,
 * with its parts. */
static int write_story(skein_store *s, const skein_story *st, const skein__told *t,
                       const char *report, int open) {
    char *summary = skein__told_summary_json(t, open);
    sbuf langs, body;
    skein__sbuf_init(&langs), skein__sbuf_init(&body);
    int rc = !summary || !report || langs_of(t, &langs) || search_body(t, &body) ? SKEIN_ENOMEM
                                                                                 : SKEIN_OK;
    sqlite3_stmt *q = s->st_story;
    sqlite3_bind_int64(q, 1, (sqlite3_int64)st->id);
    skein__bind_text(q, 2, t->title ? t->title : st->title);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)st->size);
    skein__bind_time(q, 4, st->first_seen);
    skein__bind_time(q, 5, st->last_seen);
    skein__bind_text(q, 6, report);
    sqlite3_bind_int(q, 7, open);
    skein__bind_text(q, 8, langs.buf);
    sqlite3_bind_int64(q, 9, st->last_seen == SKEIN_NO_TIME ? -INT64_MAX : st->last_seen);
    skein__bind_text(q, 10, summary);
    if (!rc)
        rc = step_done(s, q);
    else
        sqlite3_reset(q), sqlite3_clear_bindings(q);
    if (!rc) rc = write_parts(s, st->id, t);
    if (!rc) {
        sqlite3_bind_int64(s->st_search, 1, (sqlite3_int64)st->id);
        skein__bind_text(s->st_search, 2, body.buf);
        rc = step_done(s, s->st_search);
    }
    free(summary);
    skein__sbuf_release(&langs), skein__sbuf_release(&body);
    return rc;
}

/* The engine closed a story and told it: write it for good. */
static void on_closed(const skein_story *st, const skein__told *t, void *ud) {
    skein_store *s = ud;
    int rc = t ? write_story(s, st, t, st->report, 0)
               : skein__store_fail(s, SKEIN_ENOMEM, "telling a story");
    if (rc && !s->rc_cb) s->rc_cb = rc;
    if (!rc && s->on_story && !s->replaying) s->on_story(st, s->on_story_ud);
}

/* An open story changed: tell it and write it.  Growth is taken at its own
 * last article (queries take it again at their time), so what is written
 * depends on the stream alone, not on where commits fell. */
static void on_changed(const skein_story *st, void *ud) {
    skein_store *s = ud;
    skein_tell_options o;
    skein_tell_options_default(&o);
    o.event_gap_hours = s->opt.event_gap_hours;
    skein__told t;
    int rc = skein__story_tell(st, &o, &t);
    char *report = rc ? NULL : skein__told_json(&t);
    if (!rc) rc = report ? write_story(s, st, &t, report, 1) : SKEIN_ENOMEM;
    free(report);
    skein__told_release(&t);
    if (rc && !s->rc_cb) s->rc_cb = rc;
}

/* ---- ingest ------------------------------------------------------------- */

static int prepare_ingest(skein_store *s) {
    static const struct {
        size_t off;
        const char *sql;
    } q[] = {
        {offsetof(skein_store, st_dup), "SELECT 1 FROM articles WHERE id = ?"},
        {offsetof(skein_store, st_article),
         "INSERT INTO articles(id, story, title_in, text_in, lang_in, source, url, published,"
         " lang, title, notes, added) VALUES(?,?,?,?,?,?,?,?,?,?,?, CAST(strftime('%s') AS "
         "INTEGER))"},
        {offsetof(skein_store, st_member), "INSERT OR REPLACE INTO memberships VALUES(?1, ?2,"
                                           " (SELECT count(*) FROM memberships WHERE story = ?2))"},
        {offsetof(skein_store, st_member_keep),
         "INSERT OR IGNORE INTO memberships VALUES(?1, ?2,"
         " (SELECT count(*) FROM memberships WHERE story = ?2))"},
        {offsetof(skein_store, st_restory),
         "UPDATE articles SET story = ?2, lang = ?3, title = ?4, notes = ?5 WHERE seq = ?1"},
        {offsetof(skein_store, st_story),
         "INSERT OR REPLACE INTO stories(id, title, size, first_seen, last_seen, report, open,"
         " langs, recency, summary) VALUES(?,?,?,?,?,?,?,?,?,?)"},
        {offsetof(skein_store, st_del[0]), "DELETE FROM events WHERE story = ?"},
        {offsetof(skein_store, st_del[1]), "DELETE FROM names WHERE story = ?"},
        {offsetof(skein_store, st_del[2]), "DELETE FROM quotes WHERE story = ?"},
        {offsetof(skein_store, st_event), "INSERT INTO events VALUES(?,?,?,?,?,?)"},
        {offsetof(skein_store, st_name), "INSERT INTO names VALUES(?,?,?,?,?,?)"},
        {offsetof(skein_store, st_quote), "INSERT INTO quotes VALUES(?,?,?,?,?,?)"},
        {offsetof(skein_store, st_search),
         "INSERT OR REPLACE INTO search(rowid, body) VALUES(?,?)"},
    };
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        sqlite3_stmt **st = (sqlite3_stmt **)((char *)s + q[i].off);
        if (sqlite3_prepare_v2(s->db, q[i].sql, -1, st, NULL))
            return skein__store_fail(s, SKEIN_EDB, "preparing the writer's statements");
    }
    return SKEIN_OK;
}

static int begin(skein_store *s) {
    if (s->in_txn) return SKEIN_OK;
    if (exec(s->db, "BEGIN IMMEDIATE"))
        return skein__store_fail(s, SKEIN_EDB, "starting a transaction");
    s->in_txn = 1;
    return SKEIN_OK;
}

static char *meta_get(skein_store *s, const char *key) {
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL))
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

static int meta_set(skein_store *s, const char *key, const char *value) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta VALUES(?, ?)", -1, &st, NULL))
        return skein__store_fail(s, SKEIN_EDB, "writing the store's settings");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? SKEIN_OK : SKEIN_EDB;
    sqlite3_finalize(st);
    return rc;
}

/* The linker options as JSON, one number per option of the table. */
static char *options_json(const skein_options *o) {
    const skein_option_info *info = skein_option_list(NULL);
    cJSON *j = cJSON_CreateObject();
    for (size_t i = 0; j && i < SKEIN__NOPTIONS; i++)
        cJSON_AddNumberToObject(j, info[i].name, skein__option_at(o, i));
    char *out = j ? cJSON_PrintUnformatted(j) : NULL;
    cJSON_Delete(j);
    return out;
}

/* The options the store was made with (meta "options"): each one SQLite
 * finds in the record, the default for one the record lacks (made before
 * the option existed).  SKEIN_ENOTFOUND for a store without the record. */
static int stored_options(skein_store *s, skein_options *o) {
    const skein_option_info *info = skein_option_list(NULL);
    sqlite3_stmt *st;
    const char *q = "SELECT json_extract(value, '$.' || ?) FROM meta WHERE key = 'options'";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL))
        return skein__store_fail(s, SKEIN_EDB, "reading the options the store was made with");
    skein_options_default(o);
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < SKEIN__NOPTIONS; i++) {
        sqlite3_bind_text(st, 1, info[i].name, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_DONE)
            rc = SKEIN_ENOTFOUND;
        else if (step != SQLITE_ROW)
            rc = skein__store_fail(s, SKEIN_EDB, "reading the options the store was made with");
        else if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
                 skein__option_set_at(o, i, sqlite3_column_double(st, 0)))
            rc = skein__store_fail(
                s, SKEIN_EDB,
                "reading the options the store was made with"); /* out of its bounds: not a record
                                                                   this library wrote */
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Loads the checkpoint into s->engine; *seq gets the last seq it includes
 * (0 and a fresh engine without a usable one). */
static int load_checkpoint(skein_store *s, int64_t *seq) {
    *seq = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT seq, engine FROM state WHERE id = 1", -1, &st, NULL))
        return skein__store_fail(s, SKEIN_EDB, "loading the checkpoint");
    int rc = SKEIN_OK, step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(st, 1);
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        int r = blob ? skein__engine_load(s->engine, blob, n) : SKEIN_EPARSE;
        if (r == SKEIN_OK) {
            *seq = sqlite3_column_int64(st, 0);
        } else if (r == SKEIN_EPARSE || r == SKEIN_EINVAL) {
            /* another version's (or damaged): start over from the whole log */
            skein_engine_free(s->engine);
            s->engine = skein_engine_new(&s->opt, &rc);
        } else {
            rc = r;
        }
    } else if (step != SQLITE_DONE) {
        rc = skein__store_fail(s, SKEIN_EDB, "loading the checkpoint");
    }
    sqlite3_finalize(st);
    return rc;
}

static int add_inner(skein_store *s, const skein_article *a, uint64_t *story);

/* Links again every article after `seq`, committing in batches. */
static int replay(skein_store *s, int64_t seq, uint64_t *count) {
    sqlite3_stmt *st;
    const char *q = "SELECT seq, id, title_in, text_in, lang_in, source, url, published"
                    " FROM articles WHERE seq > ? ORDER BY seq";
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL))
        return skein__store_fail(s, SKEIN_EDB, "reading the article log");
    sqlite3_bind_int64(st, 1, seq);
    int rc = SKEIN_OK, step = SQLITE_DONE;
    s->replaying = 1;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        skein_article a = {(const char *)sqlite3_column_text(st, 1),
                           (const char *)sqlite3_column_text(st, 2),
                           (const char *)sqlite3_column_text(st, 3),
                           (const char *)sqlite3_column_text(st, 4),
                           (const char *)sqlite3_column_text(st, 5),
                           (const char *)sqlite3_column_text(st, 6),
                           skein__col_time(st, 7)};
        s->replay_seq = sqlite3_column_int64(st, 0);
        int r = add_inner(s, &a, NULL);
        if (r == SKEIN_ENOMEM || r == SKEIN_EDB) rc = r;
        /* other refusals cannot happen to a stored article; it stays unlinked */
        if (!r) (*count)++;
        if (!rc && s->pending >= REPLAY_BATCH) rc = skein_store_commit(s);
    }
    if (!rc && step != SQLITE_DONE)
        rc = skein__store_fail(s, SKEIN_EDB,
                               "reading the article log"); /* not the end of the log: an error */
    sqlite3_finalize(st);
    s->replaying = 0;
    return rc;
}

/* One writer per store: an advisory lock on a file beside it, held until
 * close.  SKEIN_EBUSY when another handle (any process) holds it. */
static int lock_writer(skein_store *s) {
    const char *path = sqlite3_db_filename(s->db, "main");
    if (!path || !*path) return SKEIN_OK; /* in memory */
    sbuf p;
    skein__sbuf_init(&p);
    if (skein__sbuf_adds(&p, path) || skein__sbuf_adds(&p, "-writer")) {
        skein__sbuf_release(&p);
        return SKEIN_ENOMEM;
    }
    s->lock_fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    skein__sbuf_release(&p);
    if (s->lock_fd < 0) return SKEIN_EIO;
    return flock(s->lock_fd, LOCK_EX | LOCK_NB) ? SKEIN_EBUSY : SKEIN_OK;
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
    int rc = stored_options(s, &o), stored = rc == SKEIN_OK;
    if (rc == SKEIN_ENOTFOUND) { /* a new store: the options given, or the defaults */
        rc = SKEIN_OK;
        if (opt)
            o = *opt;
        else
            skein_options_default(&o);
    }
    /* options given for a store made with others: refused */
    const skein_option_info *info = skein_option_list(NULL);
    for (size_t i = 0; !rc && stored && opt && i < SKEIN__NOPTIONS; i++)
        if (skein__option_at(opt, i) != skein__option_at(&o, i))
            rc = SKEIN_EINVAL,
            snprintf(s->errmsg, sizeof(s->errmsg),
                     "made with %s %.15g, not %.15g: give its "
                     "options, or none, or use a new store",
                     info[i].name, skein__option_at(&o, i), skein__option_at(opt, i));
    if (!rc && opt && skein_options_check(opt))
        rc = SKEIN_EINVAL, snprintf(s->errmsg, sizeof(s->errmsg), "options out of their bounds");
    if (rc) return rc;
    s->opt = o;
    if (!(s->engine = skein_engine_new(&o, &rc))) return rc;
    if ((rc = prepare_ingest(s))) return rc;
    char *json = options_json(&o);
    if (!json) return SKEIN_ENOMEM;
    rc = begin(s);
    if (!rc) rc = meta_set(s, "options", json);
    free(json);
    if (!rc) rc = exec(s->db, "COMMIT") ? SKEIN_EDB : SKEIN_OK;
    s->in_txn = 0;
    int64_t seq = 0;
    uint64_t n = 0;
    if (!rc) rc = load_checkpoint(s, &seq);
    s->last_seq = seq;
    if (!rc)
        skein__engine_on_told(s->engine, on_closed, s), s->stamp = skein__engine_stamp(s->engine);
    if (!rc && seq == 0) { /* from the start: what was derived is made again */
        rc = begin(s);
        if (!rc && exec(s->db, "DELETE FROM memberships; DELETE FROM stories; DELETE FROM events;"
                               "DELETE FROM names; DELETE FROM quotes; DELETE FROM search;"))
            rc = skein__store_fail(s, SKEIN_EDB, "clearing what is made again");
    }
    if (!rc) rc = replay(s, seq, &n);
    if (!rc) rc = n ? skein_store_checkpoint(s) : skein_store_commit(s);
    if (replayed) *replayed = n;
    return rc;
}

void skein_store_on_story(skein_store *s, skein_story_fn fn, void *ud) {
    s->on_story = fn, s->on_story_ud = ud;
}

void skein_store_checkpoint_every(skein_store *s, uint64_t n) {
    if (s) s->checkpoint_every = n ? n : 1;
}

static int is_dup(skein_store *s, const char *id) {
    sqlite3_bind_text(s->st_dup, 1, id, -1, SQLITE_STATIC);
    int found = sqlite3_step(s->st_dup) == SQLITE_ROW;
    sqlite3_reset(s->st_dup);
    sqlite3_clear_bindings(s->st_dup);
    return found;
}

/* Binds notes n (NULL: SQL NULL) in their binary form (notes.h).  0 or -1
 * (ENOMEM). */
static int bind_notes(skein_store *s, sqlite3_stmt *st, int i, const skein_notes *n) {
    skein__sbuf_reset(&s->notes_buf);
    if (!n) return sqlite3_bind_null(st, i), 0;
    if (skein__notes_save(&s->notes_buf, n)) return -1;
    sqlite3_bind_blob64(st, i, s->notes_buf.buf, s->notes_buf.len, SQLITE_STATIC);
    return 0;
}

/* Links an article and writes it (new) or its links (replaying). */
static int add_inner(skein_store *s, const skein_article *a, uint64_t *story) {
    int rc = begin(s);
    if (rc) return rc;
    if (!s->replaying && a->id && is_dup(s, a->id))
        return snprintf(s->errmsg, sizeof(s->errmsg),
                        "the store holds an article with id \"%.200s\"", a->id),
               SKEIN_EDUP;
    uint64_t sid = 0;
    s->rc_cb = SKEIN_OK;
    if ((rc = skein_engine_add(s->engine, a, &sid))) {
        /* out of memory may strike after the engine changed: start again from
         * what was committed; the other refusals come before any change */
        if (rc == SKEIN_ENOMEM || rc == SKEIN_EINTERNAL || s->rc_cb) s->failed = 1;
        if (!s->failed || !s->errmsg[0])
            snprintf(s->errmsg, sizeof(s->errmsg), "%s", skein_engine_errmsg(s->engine));
        return s->failed ? SKEIN_EDB : rc;
    }
    const skein_member *m = skein__engine_last(s->engine);
    sqlite3_stmt *st;
    if (s->replaying) {
        st = s->st_restory;
        sqlite3_bind_int64(st, 1, s->replay_seq);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)sid);
        skein__bind_text(st, 3, m->lang);
        skein__bind_text(st, 4, m->title);
        if (bind_notes(s, st, 5, m->notes)) rc = SKEIN_ENOMEM;
    } else {
        st = s->st_article;
        skein__bind_text(st, 1, a->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)sid);
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
        rc = step_done(s, st);
    else
        sqlite3_reset(st), sqlite3_clear_bindings(st);
    if (!rc) s->last_seq = s->replaying ? s->replay_seq : sqlite3_last_insert_rowid(s->db);
    if (!rc) { /* replaying, a stored membership is kept with its position */
        sqlite3_stmt *ms = s->replaying ? s->st_member_keep : s->st_member;
        sqlite3_bind_text(ms, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ms, 2, (sqlite3_int64)sid);
        rc = step_done(s, ms);
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
    return add_inner(s, a, story);
}

static int save_checkpoint(skein_store *s) {
    sbuf b;
    skein__sbuf_init(&b);
    int rc = skein__engine_save(s->engine, &b);
    sqlite3_stmt *st = NULL;
    const char *q = "INSERT OR REPLACE INTO state VALUES(1, ?, ?, CAST(strftime('%s') AS INTEGER))";
    if (!rc && sqlite3_prepare_v2(s->db, q, -1, &st, NULL))
        rc = skein__store_fail(s, SKEIN_EDB, "writing a checkpoint");
    if (!rc) {
        sqlite3_bind_int64(st, 1, s->last_seq); /* the last article the engine has linked */
        sqlite3_bind_blob64(st, 2, b.buf, b.len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SKEIN_OK : SKEIN_EDB;
    }
    sqlite3_finalize(st);
    skein__sbuf_release(&b);
    if (!rc) s->since_checkpoint = 0;
    return rc;
}

/* Commits; with `checkpoint` 1 always writes one, 0 when due. */
static int commit(skein_store *s, int checkpoint) {
    if (!s || !s->engine) return SKEIN_EINVAL;
    if (s->failed) return SKEIN_EDB; /* as before: errmsg says why */
    int rc = SKEIN_OK;
    if (checkpoint && !s->in_txn) rc = begin(s);
    if (!s->in_txn) return rc;
    s->rc_cb = SKEIN_OK;
    if (!rc) rc = skein__engine_each_since(s->engine, s->stamp, on_changed, s);
    if (!rc) rc = s->rc_cb;
    if (!rc && (checkpoint || s->since_checkpoint >= s->checkpoint_every)) rc = save_checkpoint(s);
    if (!rc && exec(s->db, "COMMIT")) rc = skein__store_fail(s, SKEIN_EDB, "committing");
    if (rc) {
        exec(s->db, "ROLLBACK");
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
