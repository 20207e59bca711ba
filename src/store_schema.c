/* store_schema.c -- what a store file holds: its tables, their versions and
 * the migrations between them, and the record of the options a store was
 * made with.
 *
 * The version is SQLite's user_version (PostgreSQL: store_pg.c).  A
 * migration runs inside one write transaction, so two processes opening an
 * old store at once cannot both migrate it, and a migration that fails
 * leaves the store as it was.  PostgreSQL stores began at schema 5, made
 * whole from the back end's schema, and take the step from 5 to 6 as
 * SQLite's do; SQLite's walk from 1 is below.  The
 * step from 2 to 3 builds the current schema from scratch (%SCHEMA%) and so
 * ends the walk; the step from 3 to 4 turns JSON the older skein wrote into
 * typed columns and rows (SQLite's JSON functions read that legacy text
 * once) and makes every article's notes again from its text (renote); the
 * step from 5 to 6 adds the tables of the feeds followed; the step from 6
 * to 7 gives names their key across stories and stories their weight, both
 * filled by telling every stored story again (retell); the step from 7 to 8
 * keeps each record's lists of quotes and articles as rows beside its head
 * (split_records), so that a commit appends what joined a story; the step
 * from 8 to 9 keys search's rows by story and line (rowid story << 32 on in
 * SQLite, story and n in PostgreSQL), so that a commit indexes the lines
 * that joined a story: a story's one row of schema 8 stays its line 0 until
 * the story is written again. */
#include "store.h"

#include "notes.h"
#include "options.h"
#include "tell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The feed tables (store_feeds.c), in the schema and in the step from 5 to 6. */
#define FEED_TABLES                                                                                \
    "CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"                      \
    "  failures INTEGER NOT NULL DEFAULT 0, next_poll INTEGER, polled INTEGER, error TEXT);"       \
    "CREATE TABLE feed_items(key TEXT PRIMARY KEY, feed TEXT NOT NULL, article TEXT,"              \
    "  seen INTEGER);"

/* A record's two growing lists, one entry a row (schema 8): its articles in
 * the order of the list, its quotes by their place in member order (grp:
 * their speaker's group, which orders the list first).  A commit appends the
 * entries of the articles that joined a story instead of writing its whole
 * record again. */
#define STORY_ARTICLES                                                                             \
    "CREATE TABLE IF NOT EXISTS story_articles(story INTEGER NOT NULL, pos INTEGER NOT NULL,"      \
    "  entry TEXT NOT NULL, PRIMARY KEY(story, pos)) WITHOUT ROWID;"                               \
    "CREATE TABLE IF NOT EXISTS story_quotes(story INTEGER NOT NULL, at INTEGER NOT NULL,"         \
    "  grp INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY(story, at)) WITHOUT ROWID;"

/* The full-text index of stories' search text (store_write.c). */
#define SEARCH_TABLE(name)                                                                         \
    "CREATE VIRTUAL TABLE " name " USING fts5(body, tokenize='unicode61 remove_diacritics 2');"

/* The schema as it is now; `migrations` take older stores there. */
static const char *const schema =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    /* the options the store was made with, one number each */
    "CREATE TABLE options(name TEXT PRIMARY KEY, value REAL NOT NULL);"
    /* the log: articles as they came, and what the engine made of them */
    "CREATE TABLE articles("
    "  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, story INTEGER,"
    "  title_in TEXT, text_in TEXT, lang_in TEXT, source TEXT, url TEXT, published INTEGER,"
    "  lang TEXT, title TEXT, notes BLOB, added INTEGER);"
    "CREATE TABLE memberships("
    "  article TEXT PRIMARY KEY, story INTEGER NOT NULL, pos INTEGER NOT NULL);"
    "CREATE INDEX memberships_story ON memberships(story, pos);"
    /* a story told: the record (its head: report up to its quotes' entries,
     * report_mid from them to its articles' entries; those are rows of their
     * own), its coverage alone, its list entry with and without its growth
     * (which the top list takes again) */
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY, title TEXT, size INTEGER NOT NULL,"
    "  first_seen INTEGER, last_seen INTEGER, report TEXT,"
    "  open INTEGER NOT NULL DEFAULT 0, langs TEXT, recency INTEGER NOT NULL DEFAULT 0,"
    "  summary TEXT, coverage TEXT, summary_nogrowth TEXT, weight INTEGER NOT NULL DEFAULT 0,"
    "  report_mid TEXT);"
    "CREATE INDEX stories_recency ON stories(recency DESC, id DESC);"
    "CREATE INDEX stories_weight ON stories(weight DESC, id DESC);"
    "CREATE TABLE events(story INTEGER NOT NULL, n INTEGER NOT NULL, title TEXT,"
    "  size INTEGER, first_seen INTEGER, last_seen INTEGER, PRIMARY KEY(story, n));"
    "CREATE TABLE names(story INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT,"
    "  articles INTEGER, mentions INTEGER, aliases TEXT, key TEXT, spellings TEXT);"
    "CREATE INDEX names_story ON names(story);"
    "CREATE INDEX names_key ON names(key);"
    "CREATE TABLE quotes(story INTEGER NOT NULL, speaker TEXT, text TEXT, article TEXT,"
    "  lang TEXT, outlet TEXT, confidence REAL);"
    "CREATE INDEX quotes_story ON quotes(story);"
    /* what search finds a story by: its lines, rowid story << 32 on (schema 9) */
    SEARCH_TABLE(
        "search") "CREATE TABLE state(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL,"
                  "  engine BLOB NOT NULL, saved INTEGER);"
    /* feeds followed: each feed's validators and back-off, each item seen */
    FEED_TABLES
        /* a story record's article entries, one a row (its head: stories.report) */
        STORY_ARTICLES;

/* migrations[v - 1] takes a store of version v to version v + 1.  Stores
 * before 3 kept no article texts: they are read, not continued (meta
 * "replayable" = 0). */
static const char *const migrations[] = {
    /* 1 -> 2: stories told (report), articles' notes */
    "ALTER TABLE stories ADD COLUMN report TEXT;"
    "ALTER TABLE articles ADD COLUMN notes TEXT;",
    /* 2 -> 3 (and on to the current schema): the article log, story summaries, events,
     * names, quotes, search, state */
    "ALTER TABLE articles RENAME TO articles2;"
    "ALTER TABLE stories RENAME TO stories2;"
    "DROP INDEX IF EXISTS memberships_story;"
    "ALTER TABLE memberships RENAME TO memberships2;"
    "%SCHEMA%"
    "INSERT INTO articles(id, story, source, published, lang, title)"
    "  SELECT a.id, m.story, a.source, a.published, a.lang, a.title"
    "  FROM articles2 a LEFT JOIN memberships2 m ON m.article = a.id ORDER BY m.story, m.pos;"
    "INSERT INTO memberships SELECT article, story, pos FROM memberships2;"
    "INSERT INTO stories(id, title, size, first_seen, last_seen, report, recency, coverage)"
    "  SELECT id, title, size, first_seen, last_seen, report,"
    "  coalesce(last_seen, -9223372036854775807), json_extract(report, '$.coverage') FROM stories2;"
    "DROP TABLE articles2; DROP TABLE stories2; DROP TABLE memberships2;"
    "INSERT INTO meta VALUES('replayable', '0');",
    /* 3 -> 4: the options as rows, a story's coverage and growth apart from its record,
     * notes typed (renote) */
    "CREATE TABLE options(name TEXT PRIMARY KEY, value REAL NOT NULL);"
    "INSERT INTO options SELECT j.key, j.value FROM meta m, json_each(m.value) j"
    "  WHERE m.key = 'options';"
    "DELETE FROM meta WHERE key = 'options';"
    "ALTER TABLE stories ADD COLUMN coverage TEXT;"
    "ALTER TABLE stories ADD COLUMN summary_nogrowth TEXT;"
    "UPDATE stories SET coverage = json_extract(report, '$.coverage'),"
    "  summary_nogrowth = json_remove(summary, '$.growth');",
    /* 4 -> 5: how sure each quote's speaker is */
    "ALTER TABLE quotes ADD COLUMN confidence REAL;",
    /* 5 -> 6: feeds followed (skein watch) */
    FEED_TABLES,
    /* 6 -> 7: each name's key across stories and its spellings folded, each
     * story's weight for the list by importance (filled by retell) */
    "ALTER TABLE names ADD COLUMN key TEXT;"
    "ALTER TABLE names ADD COLUMN spellings TEXT;"
    "CREATE INDEX names_key ON names(key);"
    "ALTER TABLE stories ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX stories_weight ON stories(weight DESC, id DESC);",
    /* 7 -> 8: records' quote and article entries as rows (filled by split_records) */
    STORY_ARTICLES "ALTER TABLE stories ADD COLUMN report_mid TEXT;",
    /* 8 -> 9: search's rows keyed by story and line, a story's one row its line 0
     * (story << 32: ids from 2^31 on wrap to negative rowids, as store_db.c
     * keys them; larger ids are refused before, by search_ids_fit) */
    SEARCH_TABLE("search9") "INSERT INTO search9(rowid, body)"
                            "  SELECT rowid << 32, body FROM search ORDER BY rowid;"
                            "DROP TABLE search;"
                            "ALTER TABLE search9 RENAME TO search;",
};

int skein__store_version(skein__db *db, int *version) { return skein__db_version(db, version); }

/* Before the step from 8 to 9 (SQLite): every story id in search fits the
 * 32 bits a line's rowid keeps for it; else the step is refused, saying
 * which story. */
static int search_ids_fit(skein_store *s) {
    skein__stmt *st;
    if (skein__db_prepare(s->db, "SELECT max(rowid) FROM search", &st))
        return skein__store_fail(s, SKEIN_EDB, "migrating the store");
    int step = skein__db_step(st);
    int64_t max = step == SKEIN__DB_ROW ? skein__db_column_int64(st, 0) : 0;
    skein__db_finalize(st);
    if (step != SKEIN__DB_ROW) return skein__store_fail(s, SKEIN_EDB, "migrating the store");
    if (max <= INT64_C(4294967295)) return SKEIN_OK;
    snprintf(s->errmsg, sizeof(s->errmsg),
             "migrating the store: story %lld: search keys story ids up to 4294967295",
             (long long)max);
    return SKEIN_EINVAL;
}

/* Runs migration text, with %SCHEMA% standing for the current schema. */
static int exec_migration(skein_store *s, const char *m) {
    const char *at = strstr(m, "%SCHEMA%");
    if (!at) return skein__store_exec(s, m, "migrating the store");
    sbuf b;
    skein__sbuf_init(&b);
    int rc = skein__sbuf_add(&b, m, (size_t)(at - m)) || skein__sbuf_adds(&b, schema) ||
                     skein__sbuf_adds(&b, at + strlen("%SCHEMA%"))
                 ? skein__store_fail(s, SKEIN_ENOMEM, "migrating the store")
                 : skein__store_exec(s, b.buf, "migrating the store");
    skein__sbuf_release(&b);
    return rc;
}

/* ---- the options record ----------------------------------------------------- */

int skein__store_options_read(skein_store *s, skein_options *o) {
    const skein_option_info *info = skein_option_list(NULL);
    skein__stmt *st;
    if (skein__db_prepare(s->db, "SELECT name, value FROM options", &st))
        return skein__store_fail(s, SKEIN_EDB, "reading the options the store was made with");
    skein_options_default(o);
    int rc = SKEIN_ENOTFOUND, step;
    while ((step = skein__db_step(st)) == SKEIN__DB_ROW && rc != SKEIN_EDB) {
        const char *name = skein__db_column_text(st, 0);
        double v = skein__db_column_double(st, 1);
        size_t i = 0;
        while (i < SKEIN__NOPTIONS && (!name || strcmp(info[i].name, name))) i++;
        if (i == SKEIN__NOPTIONS) continue; /* an option this skein no longer has */
        rc = SKEIN_OK;
        if (skein__option_set_at(o, i, v) == SKEIN_OK) continue;
        char bounds[96];
        skein_option_bounds(&info[i], bounds, sizeof(bounds));
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "the store was made with %s %.15g, which this skein takes "
                 "only as %s",
                 info[i].name, v, bounds);
        rc = SKEIN_EDB;
    }
    if (rc != SKEIN_EDB && step != SKEIN__DB_DONE && step != SKEIN__DB_ROW)
        rc = skein__store_fail(s, SKEIN_EDB, "reading the options the store was made with");
    skein__db_finalize(st);
    return rc;
}

int skein__store_options_write(skein_store *s, const skein_options *o) {
    const skein_option_info *info = skein_option_list(NULL);
    skein__stmt *st;
    if (skein__db_prepare(s->db, skein__db_sql(s->db, SKEIN__Q_OPTION), &st))
        return skein__store_fail(s, SKEIN_EDB, "writing the options");
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < SKEIN__NOPTIONS; i++) {
        skein__db_bind_text(st, 1, info[i].name);
        skein__db_bind_double(st, 2, skein__option_at(o, i));
        rc = skein__store_step(s, st);
    }
    skein__db_finalize(st);
    return rc;
}

/* ---- notes made again (3 -> 4) ------------------------------------------------ */

/* Notes of the article in row `st` (columns id, title_in, text_in, lang_in),
 * made again by `e`, into `b` (empty when it kept no text). */
static int notes_again(skein_engine *e, skein__stmt *st, sbuf *b) {
    skein__sbuf_reset(b);
    skein_article a = {skein__db_column_text(st, 1),
                       skein__db_column_text(st, 2),
                       skein__db_column_text(st, 3),
                       skein__db_column_text(st, 4),
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

/* Every article's notes made again from its text, with the options the
 * store was made with; articles of schema 1 and 2 kept no text, and so keep
 * no notes. */
static int renote(skein_store *s) {
    skein_options o;
    skein_error err;
    int rc = skein__store_options_read(s, &o);
    if (rc == SKEIN_ENOTFOUND) rc = SKEIN_OK;
    skein_engine *e = rc ? NULL : skein_engine_new(&o, &err);
    if (!rc && !e) rc = skein__store_fail(s, err.code, "migrating notes");
    skein__stmt *rd = NULL, *wr = NULL;
    if (e && (skein__db_prepare(s->db, "SELECT seq, id, title_in, text_in, lang_in FROM articles",
                                &rd) ||
              skein__db_prepare(s->db, "UPDATE articles SET notes = ? WHERE seq = ?", &wr)))
        rc = skein__store_fail(s, SKEIN_EDB, "migrating notes");
    sbuf b;
    skein__sbuf_init(&b);
    int step = SKEIN__DB_DONE;
    while (!rc && (step = skein__db_step(rd)) == SKEIN__DB_ROW) {
        if ((rc = notes_again(e, rd, &b))) break;
        if (b.len)
            skein__db_bind_blob(wr, 1, b.buf, b.len);
        else
            skein__db_bind_null(wr, 1);
        skein__db_bind_int64(wr, 2, skein__db_column_int64(rd, 0));
        rc = skein__store_step(s, wr);
    }
    if (!rc && step != SKEIN__DB_DONE) rc = skein__store_fail(s, SKEIN_EDB, "migrating notes");
    if (rc == SKEIN_ENOMEM) skein__store_fail(s, rc, "migrating notes");
    skein__sbuf_release(&b);
    skein__db_finalize(rd), skein__db_finalize(wr);
    skein_engine_free(e);
    return rc;
}

/* ---- stories told again (6 -> 7) ---------------------------------------------- */

typedef struct retelling {
    skein_store *s;
    skein__stmt *open, *story, *name;
    skein_tell_options o;
    int rc;
} retelling;

/* Story st told again: its weight, its list entries (with their reasons)
 * and its names' keys and spellings, as a story written now has them. */
static void retell_one(const skein_story *st, void *ud) {
    retelling *r = ud;
    if (r->rc) return;
    int open = 0;
    skein__db_bind_int64(r->open, 1, (int64_t)st->id);
    if (skein__db_step(r->open) == SKEIN__DB_ROW) open = (int)skein__db_column_int64(r->open, 0);
    skein__db_reset(r->open);
    skein__told t;
    int rc = skein__story_tell(st, &r->o, &t);
    char *summary = rc ? NULL : skein__told_summary_json(&t, open, 1);
    char *bare = rc ? NULL : skein__told_summary_json(&t, open, 0);
    if (!rc && (!summary || !bare)) rc = SKEIN_ENOMEM;
    if (!rc) {
        skein__rank k;
        skein__story_rank(&t, &k);
        skein__db_bind_int64(r->story, 1, k.weight);
        skein__db_bind_text(r->story, 2, summary);
        skein__db_bind_text(r->story, 3, bare);
        skein__db_bind_int64(r->story, 4, (int64_t)st->id);
        rc = skein__store_step(r->s, r->story);
    }
    for (size_t i = 0; !rc && i < t.nnames; i++) {
        if ((rc = skein__name_bind(r->name, 1, &t.names[i]))) break;
        skein__db_bind_int64(r->name, 3, (int64_t)st->id);
        skein__db_bind_text(r->name, 4, t.names[i].name ? t.names[i].name : "");
        rc = skein__store_step(r->s, r->name);
    }
    free(summary), free(bare);
    skein__told_release(&t);
    r->rc = rc;
}

/* Every stored story told again from its articles' notes (retell_one). */
static int retell(skein_store *s) {
    skein_options opt;
    int rc = skein__store_options_read(s, &opt);
    if (rc == SKEIN_ENOTFOUND) rc = SKEIN_OK;
    if (rc) return rc;
    retelling r = {s, NULL, NULL, NULL, {0}, SKEIN_OK};
    skein_tell_options_default(&r.o);
    r.o.event_gap_hours = opt.event_gap_hours;
    if (skein__db_prepare(s->db, "SELECT open FROM stories WHERE id = ?", &r.open) ||
        skein__db_prepare(s->db,
                          "UPDATE stories SET weight = ?1, summary = ?2, summary_nogrowth = ?3"
                          " WHERE id = ?4",
                          &r.story) ||
        skein__db_prepare(s->db,
                          "UPDATE names SET key = ?1, spellings = ?2"
                          " WHERE story = ?3 AND name = ?4",
                          &r.name))
        rc = skein__store_fail(s, SKEIN_EDB, "telling the stories again");
    if (!rc) rc = skein_store_each_story(s, retell_one, &r);
    if (!rc) rc = r.rc;
    if (rc == SKEIN_ENOMEM) skein__store_fail(s, rc, "telling the stories again");
    skein__db_finalize(r.open), skein__db_finalize(r.story), skein__db_finalize(r.name);
    return rc;
}

/* ---- records split (7 -> 8) ---------------------------------------------------- */

typedef struct record {
    int64_t id;
    char *report;
} record;

/* The stories' records, whole, into *out (read before any is written). */
static int read_records(skein_store *s, record **out, size_t *n) {
    skein__stmt *st;
    *out = NULL, *n = 0;
    if (skein__db_prepare(s->db, "SELECT id, report FROM stories WHERE report IS NOT NULL", &st))
        return skein__store_fail(s, SKEIN_EDB, "splitting the records");
    size_t cap = 0;
    int rc = SKEIN_OK, step;
    while (!rc && (step = skein__db_step(st)) == SKEIN__DB_ROW) {
        if (skein__grow((void **)out, &cap, *n + 1, sizeof(**out)))
            rc = skein__store_fail(s, SKEIN_ENOMEM, "splitting the records");
        else if (!((*out)[*n].report = strdup(skein__db_column_text(st, 1))))
            rc = skein__store_fail(s, SKEIN_ENOMEM, "splitting the records");
        else
            (*out)[(*n)++].id = skein__db_column_int64(st, 0);
    }
    if (!rc && step != SKEIN__DB_DONE)
        rc = skein__store_fail(s, SKEIN_EDB, "splitting the records");
    skein__db_finalize(st);
    return rc;
}

/* Where record r's head is cut: after `,"quotes":[` (q), at the
 * `],"coverage":` that ends that list (c), after the last `,"articles":[`
 * (a; the events' lists come before it).  Inside a string a quote is
 * escaped, so these are the record's own keys.  0: a record without them
 * (written before records had them). */
static int record_cuts(const char *r, size_t *q, size_t *c, size_t *a) {
    static const char kq[] = ",\"quotes\":[", kc[] = "],\"coverage\":", ka[] = ",\"articles\":[";
    const char *pq = strstr(r, kq), *pc = pq ? strstr(pq, kc) : NULL, *pa = NULL;
    for (const char *p = pc; p && (p = strstr(p, ka)); p++) pa = p;
    size_t n = strlen(r);
    if (!pa || n < 2 || strcmp(r + n - 2, "]}")) return 0;
    *q = (size_t)(pq - r) + strlen(kq), *c = (size_t)(pc - r), *a = (size_t)(pa - r) + strlen(ka);
    return 1;
}

/* Record r kept as its head and each list's entries as one row (as the
 * record held them, joined by commas); a record without the lists (written
 * before records had them) is kept whole, without rows. */
static int split_one(skein_store *s, skein__stmt **st, record *r) {
    size_t q, c, a, n = strlen(r->report);
    if (!record_cuts(r->report, &q, &c, &a)) return SKEIN_OK;
    char *x = r->report;
    x[n - 2] = 0; /* the articles' entries end before "]}" */
    skein__db_bind_int64(st[0], 1, r->id);
    skein__db_bind_text(st[0], 2, x + a);
    int rc = skein__store_step(s, st[0]);
    x[a] = 0;
    skein__db_bind_text(st[2], 2, x + c);
    x[c] = 0;
    if (!rc && c > q) { /* the quotes' entries, when it has quotes */
        skein__db_bind_int64(st[1], 1, r->id);
        skein__db_bind_text(st[1], 2, x + q);
        rc = skein__store_step(s, st[1]);
    }
    x[q] = 0;
    skein__db_bind_text(st[2], 1, x);
    skein__db_bind_int64(st[2], 3, r->id);
    if (!rc) return skein__store_step(s, st[2]);
    skein__db_reset(st[2]), skein__db_clear_bindings(st[2]);
    return rc;
}

/* Every stored record split into its head and its lists' entries. */
static int split_records(skein_store *s) {
    record *r = NULL;
    size_t n = 0;
    int rc = read_records(s, &r, &n);
    skein__stmt *st[3] = {NULL, NULL, NULL};
    if (!rc && (skein__db_prepare(s->db, "INSERT INTO story_articles VALUES(?, 0, ?)", &st[0]) ||
                skein__db_prepare(s->db, "INSERT INTO story_quotes VALUES(?, 0, 0, ?)", &st[1]) ||
                skein__db_prepare(
                    s->db, "UPDATE stories SET report = ?, report_mid = ? WHERE id = ?", &st[2])))
        rc = skein__store_fail(s, SKEIN_EDB, "splitting the records");
    for (size_t i = 0; !rc && i < n; i++) rc = split_one(s, st, &r[i]);
    for (size_t i = 0; i < n; i++) free(r[i].report);
    free(r);
    for (int i = 0; i < 3; i++) skein__db_finalize(st[i]);
    return rc;
}

/* ---- migrating ------------------------------------------------------------------- */

/* The steps from `version` to the current schema, in the open transaction. */
static int walk(skein_store *s, int version) {
    int lite = skein__db_kind(s->db) == SKEIN__DB_SQLITE;
    if (version == 0)
        return skein__store_exec(s, lite ? schema : skein__db_sql(s->db, SKEIN__Q_SCHEMA),
                                 "making the store");
    int rc = SKEIN_OK;
    if (!lite && version == 5) { /* PostgreSQL stores began at schema 5 */
        rc =
            skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_FEED_TABLES), "migrating the store");
        version = 6;
    }
    if (!lite && version >= 6 && version <= 8) {
        if (!rc && version == 6)
            rc = skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_TO_7), "migrating the store");
        if (!rc && version <= 7)
            rc = skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_TO_8), "migrating the store");
        if (!rc && version <= 7) rc = split_records(s);
        if (!rc)
            rc = skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_TO_9), "migrating the store");
        return rc || version != 6 ? rc : retell(s);
    }
    if (!lite)
        return snprintf(s->errmsg, sizeof(s->errmsg), "schema %d: no PostgreSQL store has it",
                        version),
               SKEIN_EDB;
    for (int v = version; !rc && v < SKEIN__SCHEMA_VERSION; v++) {
        if (v == 8) rc = search_ids_fit(s);
        if (!rc) rc = exec_migration(s, migrations[v - 1]);
        if (strstr(migrations[v - 1], "%SCHEMA%")) break; /* built as it is now */
    }
    if (!rc && version < 4) rc = renote(s);
    if (!rc && version < 8) rc = split_records(s);
    if (!rc && version < 7) rc = retell(s); /* the step to 8 tells nothing again */
    return rc;
}

int skein__store_migrate(skein_store *s) {
    int version;
    if (skein__store_version(s->db, &version) == 0 && version == SKEIN__SCHEMA_VERSION)
        return SKEIN_OK;
    int rc = skein__store_exec(s, skein__db_sql(s->db, SKEIN__Q_BEGIN_MIGRATE),
                               "opening the store for its migration");
    if (rc) return rc;
    /* read inside the write lock: two processes opening a new file at once */
    if (skein__store_version(s->db, &version))
        rc = skein__store_fail(s, SKEIN_EDB, "reading the store's version");
    else if (version > SKEIN__SCHEMA_VERSION)
        rc = SKEIN_EDB, snprintf(s->errmsg, sizeof(s->errmsg),
                                 "written by a newer skein (schema %d; this one reads up to %d)",
                                 version, SKEIN__SCHEMA_VERSION);
    if (!rc) rc = walk(s, version);
    if (!rc && skein__db_set_version(s->db, SKEIN__SCHEMA_VERSION))
        rc = skein__store_fail(s, SKEIN_EDB, "migrating the store");
    if (!rc) rc = skein__store_exec(s, "COMMIT", "migrating the store");
    if (rc) skein__db_exec(s->db, "ROLLBACK"); /* the cause is kept in errmsg */
    return rc;
}
