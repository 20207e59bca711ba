/* test_store.c -- the SQLite store: ingest, going on after a stop or a
 * crash, duplicates, options, readers beside a writer, the API's queries,
 * migrations from older schemas.
 *
 * The articles are the project's fixtures (crosslingual.jsonl, events.jsonl).
 * Each test works on its own temporary file (mkstemp) and removes it and
 * SQLite's -wal/-shm companions afterwards. */
#include "test.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "skein.h"

#define MAX_ARTICLES 64

typedef struct fix {
    char path[64];
    skein_json_article a[MAX_ARTICLES];
    size_t n;
    uint64_t want[MAX_ARTICLES]; /* each article's story in one engine run */
} fix;

static void no_op(const skein_story *s, void *ud) { (void)s, (void)ud; }

static int setup(void **state) {
    fix *f = calloc(1, sizeof(*f));
    if (!f) return -1;
    f->n = skein_test_load_articles("crosslingual.jsonl", f->a, f->n, MAX_ARTICLES, 1);
    f->n = skein_test_load_articles("events.jsonl", f->a, f->n, MAX_ARTICLES, 1);
    skein_engine *e = skein_engine_new(NULL, NULL);
    skein_engine_on_story(e, no_op, NULL);
    for (size_t i = 0; i < f->n; i++)
        assert_int_equal(skein_engine_add(e, &f->a[i].a, &f->want[i]), SKEIN_OK);
    skein_engine_free(e);
    snprintf(f->path, sizeof(f->path), "/tmp/skein-store-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd); /* an empty file: SQLite makes it a database */
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fix *f = *state;
    char p[80];
    unlink(f->path);
    snprintf(p, sizeof(p), "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", f->path);
    unlink(p);
    snprintf(p, sizeof(p), "%s-writer", f->path);
    unlink(p);
    for (size_t i = 0; i < f->n; i++) skein_json_article_release(&f->a[i]);
    free(f);
    return 0;
}

static void run_sql(const char *path, const char *script, char **out);

static skein_store *open_ok(const char *path, int flags) {
    skein_error err;
    skein_store *s = skein_store_new(path, flags, &err);
    if (!s) print_error("%s\n", err.message);
    assert_non_null(s);
    assert_int_equal(err.code, SKEIN_OK);
    return s;
}

static skein_store *started(const char *path, uint64_t *replayed) {
    skein_store *s = open_ok(path, 0);
    assert_int_equal(skein_store_start(s, NULL, replayed), SKEIN_OK);
    return s;
}

static void add_range(fix *f, skein_store *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        uint64_t id = 0;
        assert_int_equal(skein_store_add(s, &f->a[i].a, &id), SKEIN_OK);
        assert_int_equal(id, f->want[i]);
    }
}

/* Every article is stored in the story one engine run gives it, in order. */
typedef struct check {
    fix *f;
    size_t members;
} check;

static void check_members(const skein_story *st, void *ud) {
    check *c = ud;
    assert_non_null(st->report);
    for (size_t i = 0; i < st->size; i++) {
        size_t k = 0;
        while (k < c->f->n && strcmp(c->f->a[k].a.id, st->members[i].id) != 0) k++;
        assert_true(k < c->f->n);
        assert_int_equal(c->f->want[k], st->id);
        assert_non_null(st->members[i].notes);
        c->members++;
    }
}

static void assert_stored_as_one_run(fix *f, const char *path) {
    skein_store *s = open_ok(path, SKEIN_STORE_READONLY);
    check c = {f, 0};
    assert_int_equal(skein_store_each_story(s, check_members, &c), SKEIN_OK);
    assert_int_equal(c.members, f->n);
    skein_store_free(s);
}

static void ingest_and_read(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_stats c;
    assert_int_equal(skein_store_get_stats(s, &c), SKEIN_OK);
    assert_true(c.stories >= 4);
    skein_store_free(s);
    assert_stored_as_one_run(f, f->path);
}

/* Stopped anywhere and started again: the same stories, the same ids. */
static void goes_on_after_stop(void **state) {
    fix *f = *state;
    const size_t cuts[] = {1, 13, 30};
    size_t from = 0;
    for (size_t i = 0; i <= 3; i++) {
        size_t to = i < 3 ? cuts[i] : f->n;
        uint64_t replayed = 99;
        skein_store *s = started(f->path, &replayed);
        assert_int_equal(replayed, 0); /* closed cleanly: a checkpoint covers all */
        add_range(f, s, from, to);
        skein_store_free(s);
        from = to;
    }
    assert_stored_as_one_run(f, f->path);
}

/* A process that commits and dies without closing: the next start links
 * the committed articles after the last checkpoint again, and goes on. */
static void goes_on_after_crash(void **state) {
    fix *f = *state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        skein_store *s = skein_store_new(f->path, 0, NULL);
        if (!s || skein_store_start(s, NULL, NULL)) _exit(3);
        skein_store_checkpoint_every(s, 10);
        for (size_t i = 0; i < 25; i++) {
            if (skein_store_add(s, &f->a[i].a, NULL)) _exit(4);
            if (i == 19 && skein_store_commit(s)) _exit(5); /* a checkpoint is due: written */
        }
        if (skein_store_commit(s)) _exit(5);                                   /* 5 since: none */
        for (size_t i = 25; i < 30; i++) skein_store_add(s, &f->a[i].a, NULL); /* never committed */
        raise(SIGKILL); /* no close: killed (nothing runs after it, not even a leak checker) */
        _exit(6);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status)) fail_msg("the child stopped early: exit %d", WEXITSTATUS(status));
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    uint64_t replayed = 0;
    skein_store *s = started(f->path, &replayed);
    assert_int_equal(replayed, 5); /* the checkpoint holds 20 of the 25 committed */
    skein_store_stats c;
    assert_int_equal(skein_store_get_stats(s, &c), SKEIN_OK);
    assert_int_equal(c.articles, 25);
    add_range(f, s, 25, f->n);
    skein_store_free(s);
    assert_stored_as_one_run(f, f->path);
}

static void duplicates_and_options(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, 3);
    assert_int_equal(skein_store_add(s, &f->a[1].a, NULL), SKEIN_EDUP);
    skein_store_free(s);
    s = started(f->path, NULL);
    assert_int_equal(skein_store_add(s, &f->a[2].a, NULL), SKEIN_EDUP);
    skein_article empty = {"new-one", "", "", NULL, NULL, NULL, SKEIN_NO_TIME};
    assert_int_equal(skein_store_add(s, &empty, NULL), SKEIN_EEMPTY);
    skein_store_free(s);

    /* other linker options than the store was made with are refused */
    skein_options o;
    skein_options_default(&o);
    s = open_ok(f->path, 0);
    o.threshold = 0.5;
    assert_int_equal(skein_store_start(s, &o, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_store_add(s, &f->a[4].a, NULL), SKEIN_EINVAL);
    skein_store_free(s);
    s = open_ok(f->path, 0);
    skein_options_default(&o);
    assert_int_equal(skein_store_start(s, &o, NULL), SKEIN_OK);
    skein_store_free(s);

    /* a read-only handle takes no articles */
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    assert_int_equal(skein_store_start(s, NULL, NULL), SKEIN_EINVAL);
    skein_store_free(s);
}

/* One writer at a time; the next may start once it is closed. */
static void one_writer(void **state) {
    fix *f = *state;
    skein_store *w = started(f->path, NULL);
    skein_store *other = open_ok(f->path, 0);
    assert_int_equal(skein_store_start(other, NULL, NULL), SKEIN_EBUSY);
    assert_int_not_equal(skein_store_add(other, &f->a[0].a, NULL), SKEIN_OK);
    skein_store_free(other);
    add_range(f, w, 0, 5);
    skein_store_free(w);
    w = started(f->path, NULL);
    add_range(f, w, 5, 10);
    skein_store_free(w);
    char lock[96];
    snprintf(lock, sizeof(lock), "%s-writer", f->path);
    unlink(lock);
}

/* A reader sees the last commit while the writer holds a transaction. */
static void reader_beside_writer(void **state) {
    fix *f = *state;
    skein_store *w = started(f->path, NULL);
    add_range(f, w, 0, 10);
    assert_int_equal(skein_store_commit(w), SKEIN_OK);
    add_range(f, w, 10, 20); /* in the writer's open transaction */
    skein_store *r = open_ok(f->path, SKEIN_STORE_READONLY);
    skein_store_stats c;
    assert_int_equal(skein_store_get_stats(r, &c), SKEIN_OK);
    assert_int_equal(c.articles, 10);
    assert_int_equal(skein_store_commit(w), SKEIN_OK);
    assert_int_equal(skein_store_get_stats(r, &c), SKEIN_OK);
    assert_int_equal(c.articles, 20);
    skein_store_free(r);
    skein_store_free(w);
}

static cJSON *query(skein_store *s, const skein_story_query *q) {
    char *json = NULL;
    assert_int_equal(skein_store_query(s, q, &json), SKEIN_OK);
    cJSON *j = cJSON_Parse(json);
    free(json);
    assert_non_null(j);
    return j;
}

static skein_story_query all(void) {
    return (skein_story_query){NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL, 0, NULL, 0};
}

/* Pages of 2 walk every story once, most recent first. */
static void query_pages(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    skein_store_free(s);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    skein_store_stats counts;
    assert_int_equal(skein_store_get_stats(s, &counts), SKEIN_OK);
    uint64_t total = counts.stories;
    skein_story_query q = all();
    q.limit = 2;
    char cursor[64] = "";
    size_t seen = 0;
    double last = 1e300;
    for (int page = 0; page < 100; page++) {
        q.cursor = *cursor ? cursor : NULL;
        cJSON *j = query(s, &q);
        const cJSON *st;
        cJSON_ArrayForEach(st, cJSON_GetObjectItem(j, "stories")) {
            seen++;
            assert_non_null(cJSON_GetObjectItem(st, "title"));
            assert_non_null(cJSON_GetObjectItem(st, "events"));
            const char *ls = cJSON_GetStringValue(cJSON_GetObjectItem(st, "last_seen"));
            int64_t t = SKEIN_NO_TIME;
            if (ls) assert_int_equal(skein_parse_time(ls, &t), SKEIN_OK);
            assert_true((double)t <= last);
            last = (double)t;
        }
        const char *next = cJSON_GetStringValue(cJSON_GetObjectItem(j, "next"));
        if (next) snprintf(cursor, sizeof(cursor), "%s", next);
        cJSON_Delete(j);
        if (!next) break;
    }
    assert_int_equal(seen, total);
    q.cursor = "not-a-cursor";
    char *json = NULL;
    assert_int_equal(skein_store_query(s, &q, &json), SKEIN_EINVAL);
    assert_null(json);
    skein_store_free(s);
}

static size_t count_stories(skein_store *s, const skein_story_query *q) {
    cJSON *j = query(s, q);
    size_t n = (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(j, "stories"));
    cJSON_Delete(j);
    return n;
}

static void query_filters_and_documents(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    skein_store_free(s);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    skein_story_query q = all();
    size_t everything = count_stories(s, &q);
    q.lang = "ar";
    size_t arabic = count_stories(s, &q);
    assert_true(arabic >= 1 && arabic < everything);
    q = all();
    q.q = "Piura"; /* the Peru earthquake, in a title */
    assert_int_equal(count_stories(s, &q), 1);
    q.q = "\"Piura\" OR *"; /* the user's words are words, not FTS syntax */
    assert_int_equal(count_stories(s, &q), 0);
    q = all();
    q.since = INT64_C(4102444800); /* 2100 */
    assert_int_equal(count_stories(s, &q), 0);
    /* the fastest growing: at most n, growth never rising down the list,
     * the filters applied */
    q = all();
    char *top = NULL;
    assert_int_equal(skein_store_top(s, &q, 3, &top), SKEIN_OK);
    cJSON *t = cJSON_Parse(top);
    const cJSON *it;
    double prev = 1e300;
    int listed = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(t, "stories")) {
        double g = cJSON_GetNumberValue(cJSON_GetObjectItem(it, "growth"));
        assert_true(g <= prev);
        prev = g, listed++;
    }
    assert_true(listed >= 1 && listed <= 3);
    cJSON_Delete(t);
    free(top);
    q.q = "Piura";
    assert_int_equal(skein_store_top(s, &q, 3, &top), SKEIN_OK);
    t = cJSON_Parse(top);
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(t, "stories")) <= 1);
    cJSON_Delete(t);
    free(top);
    assert_int_equal(skein_store_top(s, &q, 0, &top), SKEIN_EINVAL);

    char *json = NULL;
    assert_int_equal(skein_store_story_json(s, f->want[0], &json), SKEIN_OK);
    cJSON *j = cJSON_Parse(json);
    assert_int_equal((uint64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(j, "story")), f->want[0]);
    assert_non_null(cJSON_GetObjectItem(j, "names"));
    assert_true(cJSON_IsBool(cJSON_GetObjectItem(j, "open")));
    cJSON_Delete(j);
    free(json);
    assert_int_equal(skein_store_coverage_json(s, f->want[0], &json), SKEIN_OK);
    assert_non_null(strstr(json, "\"outlets\""));
    free(json);
    assert_int_equal(skein_store_article_json(s, f->a[0].a.id, &json), SKEIN_OK);
    j = cJSON_Parse(json);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(j, "text")), f->a[0].a.text);
    assert_int_equal((uint64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(j, "story")), f->want[0]);
    cJSON_Delete(j);
    free(json);
    assert_int_equal(skein_store_story_json(s, 99999, &json), SKEIN_ENOTFOUND);
    assert_int_equal(skein_store_article_json(s, "no-such", &json), SKEIN_ENOTFOUND);
    skein_store_free(s);
}

static void errors(void **state) {
    fix *f = *state;
    skein_store *s = open_ok(f->path, 0);
    assert_int_equal(skein_store_each_story(s, NULL, NULL), SKEIN_EINVAL);
    assert_int_equal(skein_store_add(s, &f->a[0].a, NULL), SKEIN_EINVAL); /* not started */
    assert_int_equal(skein_store_commit(s), SKEIN_EINVAL);
    skein_store_free(s);
    skein_store_free(NULL);

    /* A file that is not a database is refused. */
    FILE *out = fopen(f->path, "w");
    assert_non_null(out);
    for (int i = 0; i < 200; i++) fputs("plain text, certainly not an SQLite database file\n", out);
    fclose(out);
    skein_error err;
    assert_null(skein_store_new(f->path, 0, &err));
    assert_int_equal(err.code, SKEIN_EDB);
    assert_non_null(strstr(err.message, "file is not a database")); /* SQLite's words */
    assert_null(skein_store_new("/nonexistent-skein-dir/x/store.db", 0, &err));
    assert_int_equal(err.code, SKEIN_EDB);
    assert_non_null(strstr(err.message, "unable to open database file"));
    assert_null(skein_store_new(NULL, 0, NULL));
}

/* A store call that fails says why: SQLite's words, the options a store was
 * made with. */
static void errors_say_why(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    assert_string_equal(skein_store_errmsg(s), "");
    add_range(f, s, 0, 3);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    assert_int_equal(skein_store_add(s, &f->a[0].a, NULL), SKEIN_EDUP);
    assert_non_null(strstr(skein_store_errmsg(s), "holds an article with id"));
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    run_sql(f->path, "DROP TABLE events", NULL); /* pulled from under the writer */
    add_range(f, s, 3, 4);
    assert_int_equal(skein_store_commit(s), SKEIN_EDB);
    if (!strstr(skein_store_errmsg(s), "no such table: events"))
        print_error("%s\n", skein_store_errmsg(s));
    assert_non_null(strstr(skein_store_errmsg(s), "no such table: events"));
    assert_int_equal(skein_store_add(s, &f->a[5].a, NULL),
                     SKEIN_EDB); /* refused from now on, same cause */
    assert_non_null(strstr(skein_store_errmsg(s), "no such table: events"));
    skein_store_free(s);
    unlink(f->path);
    s = started(f->path, NULL);
    skein_store_free(s);
    skein_options o;
    skein_options_default(&o);
    o.threshold = 0.5;
    s = open_ok(f->path, 0);
    assert_int_equal(skein_store_start(s, &o, NULL), SKEIN_EINVAL);
    assert_non_null(strstr(skein_store_errmsg(s), "made with threshold 0.31, not 0.5"));
    skein_store_free(s);
}

static void sql(const char *path, const char *script) {
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\"", path, script);
    assert_int_equal(system(cmd), 0);
}

static void have_sqlite3_shell(void) {
    if (system("command -v sqlite3 >/dev/null 2>&1") != 0) skip();
}

/* The checkpoint reads its open stories' articles' notes back from the log:
 * with them there the next start links nothing again; with one of them
 * gone (or damaged) it is refused, and the whole log linked again gives
 * the same stories, the notes written again on the way. */
static void checkpoint_reads_notes_from_the_log(void **state) {
    fix *f = *state;
    have_sqlite3_shell();
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, 20);
    skein_store_free(s); /* a checkpoint at the 20th */
    uint64_t replayed = 99;
    skein_store_free(started(f->path, &replayed));
    assert_int_equal(replayed, 0);
    sql(f->path, "UPDATE articles SET notes = NULL WHERE seq = 7;"
                 "UPDATE articles SET notes = x'0400' WHERE seq = 19");
    replayed = 0;
    s = started(f->path, &replayed);
    assert_int_equal(replayed, 20);
    add_range(f, s, 20, f->n);
    skein_store_free(s);
    assert_stored_as_one_run(f, f->path);
    replayed = 99;
    skein_store_free(started(f->path, &replayed));
    assert_int_equal(replayed, 0);
}

static void read_old(const skein_story *st, void *ud) {
    size_t *n = ud;
    assert_int_equal(st->id, 4);
    assert_int_equal(st->size, 1);
    assert_string_equal(st->members[0].id, "o1");
    (*n)++;
}

/* Stores of schema 1 and 2 are migrated when opened: their stories are read
 * as before; they kept no texts, so they cannot be continued. */
static void migrates_old_schemas(void **state) {
    fix *f = *state;
    have_sqlite3_shell();
    for (int version = 1; version <= 2; version++) {
        unlink(f->path);
        sql(f->path,
            "CREATE TABLE stories(id INTEGER PRIMARY KEY, title TEXT, size INTEGER NOT NULL,"
            " first_seen INTEGER, last_seen INTEGER);"
            "CREATE TABLE articles(id TEXT PRIMARY KEY, lang TEXT, source TEXT, title TEXT, "
            "published INTEGER);"
            "CREATE TABLE memberships(article TEXT PRIMARY KEY, story INTEGER NOT NULL, pos "
            "INTEGER NOT NULL);"
            "CREATE INDEX memberships_story ON memberships(story, pos);"
            "INSERT INTO stories VALUES(4,'Old',1,NULL,NULL);"
            "INSERT INTO articles VALUES('o1','en',NULL,'Old',NULL); INSERT INTO memberships "
            "VALUES('o1',4,0);"
            "PRAGMA user_version=1;");
        if (version == 2)
            sql(f->path, "ALTER TABLE stories ADD COLUMN report TEXT; ALTER TABLE articles ADD "
                         "COLUMN notes TEXT;"
                         "UPDATE stories SET report = '{\\\"story\\\":4}'; PRAGMA user_version=2;");
        skein_store *s = open_ok(f->path, 0);
        size_t n = 0;
        assert_int_equal(skein_store_get_story(s, 4, read_old, &n), SKEIN_OK);
        assert_int_equal(n, 1);
        assert_int_equal(skein_store_start(s, NULL, NULL), SKEIN_EINVAL);
        skein_store_free(s);
        s = open_ok(f->path, SKEIN_STORE_READONLY); /* migrated for good */
        skein_store_free(s);
    }
}

/* Runs `script` on the file at `path` (SQLite's own API); with `out`, the
 * first column of the last row, as new text ("" for NULL). */
static void run_sql(const char *path, const char *script, char **out) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    const char *tail = script;
    while (tail && *tail) {
        assert_int_equal(sqlite3_prepare_v2(db, tail, -1, &st, &tail), SQLITE_OK);
        if (!st) break;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            if (out)
                free(*out), *out = strdup(sqlite3_column_text(st, 0)
                                              ? (const char *)sqlite3_column_text(st, 0)
                                              : "");
        assert_int_equal(rc, SQLITE_DONE);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

/* The names rows of story `id` in the store at `path`, as one text. */
static char *names_of(const char *path, uint64_t id) {
    char sql[200], *out = NULL;
    snprintf(sql, sizeof(sql),
             "SELECT group_concat(name || ' ' || kind || ' ' || articles, ';') FROM "
             "(SELECT * FROM names WHERE story = %llu ORDER BY rowid)",
             (unsigned long long)id);
    run_sql(path, sql, &out);
    return out;
}

/* Names rows gone behind the writer's back (another connection deleted
 * them): the next commit's in-place writes find nothing to change, and the
 * story's names are written whole, as one run writes them. */
static void names_rewritten_when_gone(void **state) {
    fix *f = *state;
    uint64_t id = f->want[f->n - 1];
    size_t before = 0;
    for (size_t i = 0; i + 1 < f->n; i++) before += f->want[i] == id;
    assert_true(before >= 1); /* the last article joins a story written before */
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    char *want = names_of(f->path, id);
    assert_true(strchr(want, ';')); /* two names or more */
    teardown(state);
    assert_int_equal(setup(state), 0);
    f = *state;

    s = started(f->path, NULL);
    add_range(f, s, 0, f->n - 1);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    char sql[80];
    snprintf(sql, sizeof(sql), "DELETE FROM names WHERE story = %llu", (unsigned long long)id);
    run_sql(f->path, sql, NULL);
    add_range(f, s, f->n - 1, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    char *got = names_of(f->path, id);
    assert_string_equal(got, want);
    free(want), free(got);
}

static void collect_reports(const skein_story *st, void *ud) {
    char **all = ud;
    size_t n = *all ? strlen(*all) : 0, m = strlen(st->report ? st->report : "-");
    char *p = realloc(*all, n + m + 2);
    assert_non_null(p);
    memcpy(p + n, st->report ? st->report : "-", m);
    p[n + m] = '\n', p[n + m + 1] = 0;
    *all = p;
}

/* The fixture file `name` as text (new, free()). */
static char *fixture_text(const char *name) {
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", skein_test_fixtures, name);
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    long n = ftell(in);
    rewind(in);
    char *t = malloc((size_t)n + 1);
    assert_non_null(t);
    assert_int_equal(fread(t, 1, (size_t)n, in), (size_t)n);
    t[n] = 0;
    fclose(in);
    return t;
}

/* A store of schema 3 as the skein of that time wrote it (with options of
 * its own): its options become rows, each story's coverage a column of its
 * own (the same as in its record), each article's notes typed with spans;
 * the store goes on with its options and tells the stories a new store
 * tells of the same stream. */
static void migrates_schema_3(void **state) {
    fix *f = *state;
    char *dump = fixture_text("store-v3.sql");
    unlink(f->path);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, dump, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(dump);
    char *old_report = NULL, *text = NULL;
    run_sql(f->path, "SELECT report FROM stories ORDER BY id LIMIT 1", &old_report);

    skein_store *s = open_ok(f->path, 0); /* migrates */
    skein_store_free(s);
    run_sql(f->path, "PRAGMA user_version", &text);
    assert_string_equal(text, "9");
    run_sql(f->path,
            "SELECT group_concat(name || '=' || value) FROM options WHERE name IN ('threshold', "
            "'top_features')",
            &text);
    assert_string_equal(text, "threshold=0.35,top_features=300.0");
    run_sql(f->path, "SELECT count(*) FROM meta WHERE key = 'options'", &text);
    assert_string_equal(text, "0");
    run_sql(f->path, "SELECT count(*) FROM articles WHERE typeof(notes) != 'blob'", &text);
    assert_string_equal(text, "0");

    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *json = NULL;
    assert_int_equal(skein_store_article_json(s, "e1", &json), SKEIN_OK);
    assert_non_null(strstr(json, "\"mentions\":[["));
    free(json);
    cJSON *r = cJSON_Parse(old_report);
    char *want = cJSON_PrintUnformatted(cJSON_GetObjectItem(r, "coverage")), *got = NULL;
    assert_int_equal(skein_store_coverage_json(
                         s, (uint64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(r, "story")), &got),
                     SKEIN_OK);
    assert_non_null(strstr(got, want));
    free(want), free(got);
    cJSON_Delete(r);
    skein_store_free(s);

    skein_options other;
    skein_options_default(&other);
    s = open_ok(f->path, 0);
    assert_int_equal(skein_store_start(s, &other, NULL), SKEIN_EINVAL);
    assert_non_null(strstr(skein_store_errmsg(s), "made with threshold 0.35, not 0.31"));
    skein_store_free(s);
    uint64_t replayed = 0;
    char *migrated = NULL, *fresh = NULL;
    s = started(f->path, &replayed); /* its own options; the old checkpoint: all linked again */
    assert_int_equal(replayed, 6);
    assert_int_equal(skein_store_each_story(s, collect_reports, &migrated), SKEIN_OK);
    skein_store_free(s);

    char path2[80];
    snprintf(path2, sizeof(path2), "%s-fresh", f->path);
    unlink(path2);
    skein_options o;
    skein_options_default(&o);
    o.threshold = 0.35, o.top_features = 300;
    s = open_ok(path2, 0);
    assert_int_equal(skein_store_start(s, &o, NULL), SKEIN_OK);
    skein_json_article ev[16];
    size_t nev = skein_test_load_articles("events.jsonl", ev, 0, 16, 0);
    for (size_t i = 0; i < 6 && i < nev; i++)
        assert_int_equal(skein_store_add(s, &ev[i].a, NULL), SKEIN_OK);
    for (size_t i = 0; i < nev; i++) skein_json_article_release(&ev[i]);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    assert_int_equal(skein_store_each_story(s, collect_reports, &fresh), SKEIN_OK);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    const char *ext[] = {"", "-wal", "-shm", "-writer"};
    for (int i = 0; i < 4; i++) {
        char p[96];
        snprintf(p, sizeof(p), "%s%s", path2, ext[i]);
        unlink(p);
    }
    free(migrated), free(fresh), free(text), free(old_report);
}

/* A store of schema 8 taken back to 7's records: each story's record whole
 * in its row (SQLite's group_concat keeps the order of the subquery). */
#define WHOLE_RECORDS                                                                              \
    "UPDATE stories SET report = report || coalesce((SELECT group_concat(entry, ',') FROM"         \
    "  (SELECT entry FROM story_quotes q WHERE q.story = stories.id ORDER BY q.grp, q.at)), '')"   \
    "  || report_mid || (SELECT group_concat(entry, ',') FROM (SELECT entry"                       \
    "  FROM story_articles a WHERE a.story = stories.id ORDER BY a.pos)) || ']}'"                  \
    "  WHERE id IN (SELECT story FROM story_articles);"                                            \
    "DROP TABLE story_articles; DROP TABLE story_quotes;"                                          \
    "ALTER TABLE stories DROP COLUMN report_mid;" SEARCH_8

/* A store of schema 9 taken back to 8's search: each story's text one row,
 * rowid its id, its lines one after the other. */
#define SEARCH_8                                                                                   \
    "CREATE VIRTUAL TABLE search8 USING fts5(body, tokenize='unicode61 remove_diacritics 2');"     \
    "INSERT INTO search8(rowid, body) SELECT rowid >> 32, group_concat(body, char(10)) || "        \
    "char(10)"                                                                                     \
    "  FROM (SELECT rowid, body FROM search ORDER BY rowid) GROUP BY rowid >> 32;"                 \
    "DROP TABLE search; ALTER TABLE search8 RENAME TO search;"

/* Every story's record as the API answers it, one a line (new text). */
static char *records(skein_store *s) {
    char *all = NULL;
    assert_int_equal(skein_store_each_story(s, collect_reports, &all), SKEIN_OK);
    for (uint64_t id = 1; id < 200; id++) {
        char *json = NULL;
        int rc = skein_store_story_json(s, id, &json);
        if (rc == SKEIN_ENOTFOUND) continue;
        assert_int_equal(rc, SKEIN_OK);
        skein_story copy = {.id = id, .report = json};
        collect_reports(&copy, &all);
        free(json);
    }
    return all;
}

/* A store of schema 7 (each story's record whole in its row) takes the step
 * to 8 when opened for writing: its records are kept as a head and rows of
 * article entries, read back byte for byte as they were, and the store goes
 * on with more articles to the records a store written at 8 from the start
 * holds. */
static void migrates_schema_7(void **state) {
    fix *f = *state;
    size_t half = f->n / 2;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, half);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *fresh = records(s), *text = NULL;
    skein_store_free(s);
    assert_non_null(strstr(fresh, "\"articles\":[{\"id\":"));
    run_sql(f->path, WHOLE_RECORDS "PRAGMA user_version = 7;", NULL);
    run_sql(f->path, "SELECT count(*) FROM stories WHERE report NOT LIKE '%]}'", &text);
    assert_string_equal(text, "0");
    assert_null(skein_store_new(f->path, SKEIN_STORE_READONLY, NULL)); /* not yet migrated */
    s = open_ok(f->path, 0);                                           /* migrates */
    skein_store_free(s);
    run_sql(f->path, "PRAGMA user_version", &text);
    assert_string_equal(text, "9");
    run_sql(f->path,
            "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM story_articles)"
            " OR report NOT LIKE '%\"quotes\":[' OR report_mid NOT LIKE '],\"coverage\":%'"
            " OR report_mid NOT LIKE '%\"articles\":['",
            &text);
    assert_string_equal(text, "0");
    run_sql(f->path, "SELECT count(*) > 0 FROM story_quotes", &text); /* the fixtures quote */
    assert_string_equal(text, "1");
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *migrated = records(s);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    free(migrated), free(fresh);

    /* on with the other half, against a store given all at once */
    s = started(f->path, NULL);
    add_range(f, s, half, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    migrated = records(s);
    skein_store_free(s);
    char path2[80];
    snprintf(path2, sizeof(path2), "%s-fresh", f->path);
    unlink(path2);
    s = started(path2, NULL);
    add_range(f, s, 0, half);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    add_range(f, s, half, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    fresh = records(s);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    const char *ext[] = {"", "-wal", "-shm", "-writer"};
    for (int i = 0; i < 4; i++) {
        char p[96];
        snprintf(p, sizeof(p), "%s%s", path2, ext[i]);
        unlink(p);
    }
    free(migrated), free(fresh), free(text);
}

/* The list by importance, all of it, as JSON text (new). */
static char *important(skein_store *s) {
    skein_story_query q = all();
    q.order = SKEIN_ORDER_IMPORTANT, q.limit = 1000;
    char *json = NULL;
    assert_int_equal(skein_store_query(s, &q, &json), SKEIN_OK);
    return json;
}

/* A store of schema 6 (the current one without names' keys and spellings,
 * stories' weights and their reasons) takes the step to 7 when opened for
 * writing: its stories are told again, and list by importance exactly as a
 * store written at 7 does, with their reasons. */
static void migrates_schema_6(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *fresh = important(s), *text = NULL;
    skein_store_free(s);
    cJSON *list = cJSON_Parse(fresh);
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(list, "stories")) > 3);
    assert_non_null(strstr(fresh, "\"why\":\""));
    cJSON_Delete(list);
    run_sql(f->path,
            WHOLE_RECORDS
            "DROP INDEX names_key; DROP INDEX stories_weight;"
            "ALTER TABLE names DROP COLUMN key; ALTER TABLE names DROP COLUMN spellings;"
            "ALTER TABLE stories DROP COLUMN weight;"
            "UPDATE stories SET summary = json_remove(summary, '$.why'),"
            " summary_nogrowth = json_remove(summary_nogrowth, '$.why');"
            "PRAGMA user_version = 6;",
            NULL);
    run_sql(f->path, "SELECT count(*) FROM stories WHERE summary LIKE '%\"why\"%'", &text);
    assert_string_equal(text, "0");
    assert_null(skein_store_new(f->path, SKEIN_STORE_READONLY, NULL)); /* not yet migrated */
    s = open_ok(f->path, 0);                                           /* migrates */
    skein_store_free(s);
    run_sql(f->path, "PRAGMA user_version", &text);
    assert_string_equal(text, "9");
    run_sql(f->path, "SELECT count(*) FROM names WHERE key IS NULL OR spellings IS NULL", &text);
    assert_string_equal(text, "0");
    run_sql(f->path, "SELECT count(*) FROM stories WHERE weight = 0", &text);
    assert_string_equal(text, "0");
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *migrated = important(s);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    free(fresh), free(migrated), free(text);
}

/* Searches of a store's words: for each story, the first word of its first
 * line, and that with the first word of its last line (words of two lines). */
typedef struct searches {
    char q[64][80];
    uint64_t story[64];
    size_t n;
} searches;

static void first_word(const char *line, char *out, size_t cap) {
    size_t n = 0;
    while (*line == ' ') line++;
    while (line[n] && line[n] != ' ' && line[n] != '\n' && n + 1 < cap) n++;
    memcpy(out, line, n), out[n] = 0;
}

static void searches_of(const char *path, searches *x) {
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT rowid >> 32, min(rowid), max(rowid) FROM search"
                                        " GROUP BY rowid >> 32 ORDER BY 1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_stmt *line = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT body FROM search WHERE rowid = ?", -1, &line, NULL),
        SQLITE_OK);
    x->n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && x->n + 2 <= 64) {
        char w[2][36];
        for (int k = 0; k < 2; k++) {
            sqlite3_bind_int64(line, 1, sqlite3_column_int64(st, 1 + k));
            assert_int_equal(sqlite3_step(line), SQLITE_ROW);
            first_word((const char *)sqlite3_column_text(line, 0), w[k], sizeof(w[k]));
            sqlite3_reset(line);
        }
        uint64_t id = (uint64_t)sqlite3_column_int64(st, 0);
        snprintf(x->q[x->n], sizeof(x->q[0]), "%s", w[0]);
        x->story[x->n++] = id;
        snprintf(x->q[x->n], sizeof(x->q[0]), "%s %s", w[0], w[1]);
        x->story[x->n++] = id;
    }
    sqlite3_finalize(st), sqlite3_finalize(line);
    sqlite3_close(db);
    assert_true(x->n >= 6);
}

/* What each search of x lists, one list a line (new text); each lists the
 * story its words were taken from. */
static char *answers(skein_store *s, const searches *x) {
    char *lists = NULL;
    for (size_t i = 0; i < x->n; i++) {
        skein_story_query q = all();
        q.q = x->q[i], q.limit = 1000;
        char *json = NULL;
        assert_int_equal(skein_store_query(s, &q, &json), SKEIN_OK);
        char id[32];
        snprintf(id, sizeof(id), "\"story\":%llu,", (unsigned long long)x->story[i]);
        assert_non_null(strstr(json, id));
        skein_story copy = {.report = json};
        collect_reports(&copy, &lists);
        free(json);
    }
    return lists;
}

/* A store of schema 8 (search: one row a story, its whole text) takes the
 * step to 9 when opened for writing: each story's text becomes its line 0,
 * found by the same searches; going on with more articles, it keeps each
 * story's lines once, and answers searches (also of words from two lines)
 * as a store written at 9 from the start does. */
static void migrates_schema_8(void **state) {
    fix *f = *state;
    size_t half = f->n / 2;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, half);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    searches x;
    searches_of(f->path, &x);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *fresh = answers(s, &x), *text = NULL;
    skein_store_free(s);
    run_sql(f->path, SEARCH_8 "PRAGMA user_version = 8;", NULL);
    run_sql(f->path, "SELECT count(*) > 0 FROM search WHERE rowid < 1000", &text);
    assert_string_equal(text, "1");
    assert_null(skein_store_new(f->path, SKEIN_STORE_READONLY, NULL)); /* not yet migrated */
    s = open_ok(f->path, 0);                                           /* migrates */
    skein_store_free(s);
    run_sql(f->path, "PRAGMA user_version", &text);
    assert_string_equal(text, "9");
    run_sql(f->path, "SELECT count(*) FROM search WHERE rowid % 4294967296 != 0", &text);
    assert_string_equal(text, "0"); /* each story's text its line 0 */
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *migrated = answers(s, &x);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    free(migrated), free(fresh);

    /* on with the other half, against a store given all at once */
    s = started(f->path, NULL);
    add_range(f, s, half, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    char path2[80];
    snprintf(path2, sizeof(path2), "%s-fresh", f->path);
    unlink(path2);
    s = started(path2, NULL);
    add_range(f, s, 0, half);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    add_range(f, s, half, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    searches_of(path2, &x);
    run_sql(path2,
            "SELECT count(*) FROM (SELECT 1 FROM search GROUP BY rowid >> 32, body"
            " HAVING count(*) > 1)",
            &text);
    assert_string_equal(text, "0"); /* a line once per story */
    run_sql(path2, "SELECT count(*) > count(DISTINCT rowid >> 32) FROM search", &text);
    assert_string_equal(text, "1"); /* stories of many lines */
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    migrated = answers(s, &x);
    char *rec_migrated = records(s);
    skein_store_free(s);
    s = open_ok(path2, SKEIN_STORE_READONLY);
    fresh = answers(s, &x);
    char *rec_fresh = records(s);
    skein_store_free(s);
    assert_string_equal(migrated, fresh);
    assert_string_equal(rec_migrated, rec_fresh);
    const char *ext[] = {"", "-wal", "-shm", "-writer"};
    for (int i = 0; i < 4; i++) {
        char p[96];
        snprintf(p, sizeof(p), "%s%s", path2, ext[i]);
        unlink(p);
    }
    free(migrated), free(fresh), free(rec_migrated), free(rec_fresh), free(text);
}

/* Story id from of a store's rows renumbered `to` (SQL for run_sql). */
static void renumber_story(const char *path, unsigned long long from, unsigned long long to) {
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "UPDATE stories SET id = %llu WHERE id = %llu;"
             "UPDATE events SET story = %llu WHERE story = %llu;"
             "UPDATE names SET story = %llu WHERE story = %llu;"
             "UPDATE quotes SET story = %llu WHERE story = %llu;"
             "UPDATE memberships SET story = %llu WHERE story = %llu;"
             "UPDATE story_articles SET story = %llu WHERE story = %llu;"
             "UPDATE story_quotes SET story = %llu WHERE story = %llu;"
             "INSERT INTO search(rowid, body) SELECT %llu, body FROM search WHERE rowid = %llu;"
             "DELETE FROM search WHERE rowid = %llu;",
             to, from, to, from, to, from, to, from, to, from, to, from, to, from, to, from, from);
    run_sql(path, sql, NULL);
}

/* The step from 8 to 9 takes story ids from 2^31 on (a line's rowid keeps
 * an id's 32 bits, wrapping to negative rowids): such a story is found by
 * its words afterwards; an id beyond 32 bits is refused with its number. */
static void migrates_large_story_ids(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    char *text = NULL;
    run_sql(f->path, SEARCH_8 "PRAGMA user_version = 8;", NULL);
    run_sql(f->path, "SELECT max(id) FROM stories", &text);
    unsigned long long last = strtoull(text, NULL, 10), big = 3000000000ull;
    renumber_story(f->path, last, big);
    /* a word of its title, to search */
    run_sql(f->path, "SELECT title FROM stories WHERE id = 3000000000", &text);
    char word[64] = "";
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " ,.:;'\"!?()-");
        if (n > strlen(word) && n < sizeof(word)) memcpy(word, p, n), word[n] = 0;
        p += n ? n : 1;
    }
    assert_true(strlen(word) >= 3);
    s = open_ok(f->path, 0); /* migrates */
    skein_store_free(s);
    run_sql(f->path, "PRAGMA user_version", &text);
    assert_string_equal(text, "9");
    run_sql(f->path, "SELECT count(*) FROM search WHERE rowid >> 32 & 4294967295 = 3000000000",
            &text);
    assert_string_equal(text, "1");
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    skein_story_query q = all();
    q.q = word, q.limit = 1000;
    char *json = NULL;
    assert_int_equal(skein_store_query(s, &q, &json), SKEIN_OK);
    char was[48]; /* the rows were renumbered, not the JSON they keep: it names the old id */
    snprintf(was, sizeof(was), "\"story\":%llu,", last);
    assert_non_null(strstr(json, was));
    free(json);
    q.q = "zzqxjv", json = NULL; /* and a word of no story finds none */
    assert_int_equal(skein_store_query(s, &q, &json), SKEIN_OK);
    assert_null(strstr(json, was));
    free(json);
    skein_store_free(s);

    /* beyond 32 bits: refused, naming the story */
    run_sql(f->path, SEARCH_8 "PRAGMA user_version = 8;", NULL);
    renumber_story(f->path, 1, 5000000000ull);
    skein_error err;
    assert_null(skein_store_new(f->path, 0, &err));
    assert_non_null(strstr(err.message, "story 5000000000"));
    free(text);
}

/* The first entry's key of a names search (new text), or NULL when none. */
static char *first_key(skein_store *s, const char *q) {
    char *json = NULL, *key = NULL;
    assert_int_equal(skein_store_names_json(s, q, 0, &json), SKEIN_OK);
    cJSON *o = cJSON_Parse(json);
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "names"), 0);
    if (first) key = strdup(cJSON_GetStringValue(cJSON_GetObjectItem(first, "key")));
    cJSON_Delete(o), free(json);
    return key;
}

/* A key's display name and kind do not hang on the order the table holds
 * its rows in (which rows a store wrote last, in place or not): two stories
 * telling "Zed" as often, as an organisation in the first and a place in the
 * second, give the same answer whichever row was written first. */
static void names_ties_in_any_row_order(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    static const char *const rows[2] = {
        "INSERT INTO names VALUES(1, 'Zed', 'org', 1, 5,"
        " '[{\"name\":\"Zed\",\"lang\":\"en\",\"count\":5}]', 'ffffffffffffff0f', 'zed');",
        "INSERT INTO names VALUES(2, 'Zed', 'place', 1, 5,"
        " '[{\"name\":\"Zed\",\"lang\":\"en\",\"count\":5}]', 'ffffffffffffff0f', 'zed');"};
    char *answer[2][2] = {{NULL, NULL}, {NULL, NULL}};
    for (int order = 0; order < 2; order++) {
        char sql[512];
        snprintf(sql, sizeof(sql), "DELETE FROM names WHERE key = 'ffffffffffffff0f';%s%s",
                 rows[order], rows[!order]);
        run_sql(f->path, sql, NULL);
        s = open_ok(f->path, SKEIN_STORE_READONLY);
        assert_int_equal(skein_store_names_json(s, "zed", 0, &answer[order][0]), SKEIN_OK);
        assert_int_equal(skein_store_names_json(s, NULL, 1000, &answer[order][1]), SKEIN_OK);
        skein_store_free(s);
    }
    assert_non_null(strstr(answer[0][0], "\"kind\":\"org\"")); /* story 1's, the first */
    assert_string_equal(answer[0][0], answer[1][0]);
    assert_string_equal(answer[0][1], answer[1][1]);
    for (int i = 0; i < 4; i++) free(answer[i / 2][i % 2]);
}

/* One name across spellings and scripts: Macron, Макрон and ماكرون (the
 * fixtures' Brasília story in French, Russian and Arabic) reach one key, and
 * its page lists the story with its spellings. */
static void names_across_scripts(void **state) {
    fix *f = *state;
    skein_store *s = started(f->path, NULL);
    add_range(f, s, 0, f->n);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    skein_store_free(s);
    s = open_ok(f->path, SKEIN_STORE_READONLY);
    char *latin = first_key(s, "macron"), *cyrillic = first_key(s, "Макрон"),
         *arabic = first_key(s, "ماكرون");
    assert_non_null(latin);
    assert_non_null(cyrillic);
    assert_non_null(arabic);
    assert_string_equal(latin, cyrillic);
    assert_string_equal(latin, arabic);
    char *none = first_key(s, "no such name anywhere");
    assert_null(none);
    char *json = NULL;
    assert_int_equal(skein_store_name_json(s, latin, &json), SKEIN_OK);
    assert_non_null(strstr(json, "\"spellings\":[{"));
    assert_non_null(strstr(json, "Макрон"));
    assert_non_null(strstr(json, "\"stories\":[{\"story\":"));
    free(json);
    assert_int_equal(skein_store_name_json(s, "0123456789abcdef", &json), SKEIN_ENOTFOUND);
    assert_int_equal(skein_store_name_json(s, "not a key", &json), SKEIN_ENOTFOUND);
    skein_store_free(s);
    free(latin), free(cyrillic), free(arabic);
}

/* Notes every handle reads (where the writer answers), a file's replication
 * lag (none), and a connection URI as messages show it (no password). */
static void notes_lag_and_where(void **state) {
    fix *f = *state;
    skein_store *w = open_ok(f->path, 0);
    char *v = NULL;
    assert_int_equal(skein_store_get_note(w, "writer", &v), SKEIN_ENOTFOUND);
    assert_int_equal(skein_store_set_note(w, "writer", "http://10.0.0.5:8080"), SKEIN_OK);
    skein_store *r = open_ok(f->path, SKEIN_STORE_READONLY);
    assert_int_equal(skein_store_get_note(r, "writer", &v), SKEIN_OK);
    assert_string_equal(v, "http://10.0.0.5:8080");
    free(v);
    assert_int_equal(skein_store_set_note(r, "writer", "elsewhere"), SKEIN_EINVAL);
    assert_int_equal(skein_store_set_note(w, "writer", NULL), SKEIN_OK);
    assert_int_equal(skein_store_get_note(r, "writer", &v), SKEIN_ENOTFOUND);
    double lag = -1;
    assert_int_equal(skein_store_lag(r, &lag), SKEIN_OK);
    assert_true(lag == 0);
    skein_store_free(r);
    skein_store_free(w);
    char buf[128];
    assert_string_equal(
        skein_store_where("postgresql://u:secret@h:5432/db?sslmode=require", buf, sizeof(buf)),
        "postgresql://u:***@h:5432/db?sslmode=require");
    assert_string_equal(skein_store_where("postgres://u@h/db", buf, sizeof(buf)),
                        "postgres://u@h/db");
    assert_string_equal(skein_store_where("/tmp/a:b@c.db", buf, sizeof(buf)), "/tmp/a:b@c.db");
    assert_string_equal(skein_store_where("postgresql://u:pw@h/db", buf, 16), "postgresql://u:");
}

/* The writer's log (WAL) is copied back into the database file while the
 * store stays open, by the store's own thread: the commits that filled it
 * past 1,000 pages do not copy it themselves (SQLite's automatic checkpoint
 * is replaced), so without that thread the file would stay as it was made
 * until the log reached 16,000 pages or the store was closed. */
static void log_copied_back_while_open(void **state) {
    fix *f = *state;
    skein_store *s = open_ok(f->path, 0);
    assert_int_equal(skein_store_start(s, NULL, NULL), SKEIN_OK);
    assert_int_equal(skein_store_commit(s), SKEIN_OK);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    off_t made = st.st_size;
    /* articles kept as posted: ~200 KB each (spaces the cleaning drops), so
     * that 24 of them, a commit each, fill ~1,200 pages of log */
    size_t pad = 200000;
    char *text = malloc(pad + 1);
    assert_non_null(text);
    memset(text, ' ', pad);
    text[pad] = 0;
    for (size_t i = 0; i < 24; i++) {
        skein_article a = f->a[i % f->n].a;
        char id[32];
        snprintf(id, sizeof(id), "padded-%zu", i);
        size_t n = strlen(f->a[i % f->n].a.text);
        memcpy(text, f->a[i % f->n].a.text, n < pad ? n : pad);
        a.id = id, a.text = text;
        assert_int_equal(skein_store_add(s, &a, NULL), SKEIN_OK);
        assert_int_equal(skein_store_commit(s), SKEIN_OK);
        memset(text, ' ', pad);
    }
    free(text);
    /* guaranteed copied: what the log held when it passed its first 1,000
     * pages (~20 articles); what is committed after a checkpoint that
     * copied all may stay in the log while the store is open */
    int copied = 0;
    for (int tries = 0; tries < 200 && !copied; tries++) { /* up to 10 s */
        assert_int_equal(stat(f->path, &st), 0);
        copied = st.st_size >= made + (off_t)(10 * pad);
        if (!copied) usleep(50000);
    }
    assert_true(copied);
    skein_store_free(s);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(log_copied_back_while_open, setup, teardown),
    cmocka_unit_test_setup_teardown(ingest_and_read, setup, teardown),
    cmocka_unit_test_setup_teardown(names_rewritten_when_gone, setup, teardown),
    cmocka_unit_test_setup_teardown(goes_on_after_stop, setup, teardown),
    cmocka_unit_test_setup_teardown(checkpoint_reads_notes_from_the_log, setup, teardown),
    cmocka_unit_test_setup_teardown(goes_on_after_crash, setup, teardown),
    cmocka_unit_test_setup_teardown(duplicates_and_options, setup, teardown),
    cmocka_unit_test_setup_teardown(one_writer, setup, teardown),
    cmocka_unit_test_setup_teardown(reader_beside_writer, setup, teardown),
    cmocka_unit_test_setup_teardown(query_pages, setup, teardown),
    cmocka_unit_test_setup_teardown(query_filters_and_documents, setup, teardown),
    cmocka_unit_test_setup_teardown(errors, setup, teardown),
    cmocka_unit_test_setup_teardown(errors_say_why, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_old_schemas, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_schema_3, setup, teardown),
    cmocka_unit_test_setup_teardown(notes_lag_and_where, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_schema_6, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_schema_7, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_schema_8, setup, teardown),
    cmocka_unit_test_setup_teardown(migrates_large_story_ids, setup, teardown),
    cmocka_unit_test_setup_teardown(names_across_scripts, setup, teardown),
    cmocka_unit_test_setup_teardown(names_ties_in_any_row_order, setup, teardown),
};

SKEIN_TEST_GROUP(store, tests)
