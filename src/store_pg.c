/* store_pg.c -- the store on PostgreSQL: store_db.h's statements over libpq,
 * and the SQL that is PostgreSQL's alone.
 *
 * A statement is sent with its parameters when it is first stepped
 * (PQexecParams: text, blobs as bytea in binary; from its second time on,
 * prepared on the server once and only executed) and its rows are read from
 * the whole result; SQLite's `?`, `?N` and `:name` become $N once, when it
 * is prepared.  Rows come back as text; bytea columns are decoded on
 * demand.  Integers are BIGINT and reals DOUBLE PRECISION, so that what
 * is read back is what SQLite would give.
 *
 * Search is PostgreSQL's full-text search: a tsvector per line of a story's
 * search text (schema 9: rows keyed by story and line, so that a commit
 * adds the lines that joined) in the 'simple' configuration (words
 * lower-cased, no stemming: it suits every language alike) under a GIN
 * index; a query's words must all be there, each in some line of the story.
 *
 * The schema's version is the one row of skein_schema; a migration holds a
 * transaction-scoped advisory lock, so two processes opening a new database
 * at once do not both make it.  The writer holds a session-scoped advisory
 * lock: it goes with the connection, so a writer that dies (or loses its
 * connection) frees it for a standby. */
#include "store_pg.h"

#include "skein.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The writer's advisory lock ("skein" and 1); a migration's is "skein" and 2. */
#define LOCK_WRITER 0x736b65696e01LL
#define MAX_PARAMS 32
#define MAX_COLS 32

struct skein__pg {
    PGconn *conn;
    int64_t last_id;
    unsigned named; /* server-side statements prepared so far */
    char err[512];
};

struct skein__pgstmt {
    skein__pg *pg;
    char *sql;               /* with $N */
    int nparams, returning;  /* `returning`: one row that is the last id */
    int runs;                /* times sent; from the second, prepared on the server */
    char name[24];           /* its server-side name once prepared */
    char *names[MAX_PARAMS]; /* :name of each parameter, or NULL */
    char *vals[MAX_PARAMS];  /* bound values (NULL: SQL NULL) */
    int lens[MAX_PARAMS], fmts[MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    unsigned char *blobs[MAX_COLS]; /* bytea columns of this row, decoded */
    size_t bloblens[MAX_COLS];
};

/* The feed tables (store_feeds.c): in the schema, and the step from 5 to 6. */
#define PG_FEED_TABLES                                                                             \
    "CREATE TABLE feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"                      \
    "  failures BIGINT NOT NULL DEFAULT 0, next_poll BIGINT, polled BIGINT, error TEXT);"          \
    "CREATE TABLE feed_items(key TEXT PRIMARY KEY, feed TEXT NOT NULL, article TEXT,"              \
    "  seen BIGINT);"

/* A record's quote and article entries, one a row, and the record's head
 * after its quotes (schema 8). */
#define PG_STORY_ARTICLES                                                                          \
    "CREATE TABLE IF NOT EXISTS story_articles(story BIGINT NOT NULL, pos BIGINT NOT NULL,"        \
    "  entry TEXT NOT NULL, PRIMARY KEY(story, pos));"                                             \
    "CREATE TABLE IF NOT EXISTS story_quotes(story BIGINT NOT NULL, at BIGINT NOT NULL,"           \
    "  grp BIGINT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY(story, at));"                         \
    "ALTER TABLE stories ADD COLUMN IF NOT EXISTS report_mid TEXT;"

static const char *const pg_sql[SKEIN__Q_COUNT] = {
    [SKEIN__Q_SCHEMA] =
        "CREATE TABLE skein_schema(version INTEGER NOT NULL);"
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE options(name TEXT PRIMARY KEY, value DOUBLE PRECISION NOT NULL);"
        "CREATE TABLE articles("
        "  seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, story BIGINT,"
        "  title_in TEXT, text_in TEXT, lang_in TEXT, source TEXT, url TEXT, published BIGINT,"
        "  lang TEXT, title TEXT, notes BYTEA, added BIGINT);"
        "CREATE TABLE memberships("
        "  article TEXT PRIMARY KEY, story BIGINT NOT NULL, pos BIGINT NOT NULL);"
        "CREATE INDEX memberships_story ON memberships(story, pos);"
        "CREATE TABLE stories("
        "  id BIGINT PRIMARY KEY, title TEXT, size BIGINT NOT NULL,"
        "  first_seen BIGINT, last_seen BIGINT, report TEXT,"
        "  open INTEGER NOT NULL DEFAULT 0, langs TEXT, recency BIGINT NOT NULL DEFAULT 0,"
        "  summary TEXT, coverage TEXT, summary_nogrowth TEXT, weight BIGINT NOT NULL DEFAULT 0);"
        "CREATE INDEX stories_recency ON stories(recency DESC, id DESC);"
        "CREATE INDEX stories_weight ON stories(weight DESC, id DESC);"
        "CREATE TABLE events(story BIGINT NOT NULL, n BIGINT NOT NULL, title TEXT,"
        "  size BIGINT, first_seen BIGINT, last_seen BIGINT, PRIMARY KEY(story, n));"
        "CREATE TABLE names(story BIGINT NOT NULL, name TEXT NOT NULL, kind TEXT,"
        "  articles BIGINT, mentions BIGINT, aliases TEXT, key TEXT, spellings TEXT);"
        "CREATE INDEX names_story ON names(story);"
        "CREATE INDEX names_key ON names(key);"
        "CREATE TABLE quotes(story BIGINT NOT NULL, speaker TEXT, text TEXT, article TEXT,"
        "  lang TEXT, outlet TEXT, confidence DOUBLE PRECISION);"
        "CREATE INDEX quotes_story ON quotes(story);"
        "CREATE TABLE search(story BIGINT NOT NULL, body TSVECTOR NOT NULL,"
        "  n BIGINT NOT NULL DEFAULT 0, PRIMARY KEY(story, n));"
        "CREATE INDEX search_body ON search USING GIN(body);"
        "CREATE TABLE state(id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL,"
        "  engine BYTEA NOT NULL, saved BIGINT);" PG_FEED_TABLES PG_STORY_ARTICLES,
    [SKEIN__Q_BEGIN] = "BEGIN",
    [SKEIN__Q_BEGIN_MIGRATE] = "BEGIN; SELECT pg_advisory_xact_lock(126905100103170)",
    /* seq as SQLite gives it: one more than the last (one writer holds the lock) */
    [SKEIN__Q_ARTICLE] =
        "INSERT INTO articles(seq, id, story, title_in, text_in, lang_in, source, url, published,"
        " lang, title, notes, added) VALUES((SELECT coalesce(max(seq), 0) + 1 FROM articles),"
        " $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, extract(epoch FROM now())::bigint)"
        " RETURNING seq",
    [SKEIN__Q_MEMBER] = "INSERT INTO memberships VALUES($1, $2,"
                        " (SELECT coalesce(max(pos) + 1, 0) FROM memberships WHERE story = $2))"
                        " ON CONFLICT(article) DO UPDATE SET story = excluded.story,"
                        " pos = excluded.pos",
    [SKEIN__Q_MEMBER_KEEP] =
        "INSERT INTO memberships VALUES($1, $2,"
        " (SELECT coalesce(max(pos) + 1, 0) FROM memberships WHERE story = $2))"
        " ON CONFLICT DO NOTHING",
    [SKEIN__Q_STORY] =
        "INSERT INTO stories(id, title, size, first_seen, last_seen, report, open,"
        " langs, recency, summary, coverage, summary_nogrowth, weight, report_mid)"
        " VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        " ON CONFLICT(id) DO UPDATE SET title = excluded.title, size = excluded.size,"
        " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
        " report = excluded.report, open = excluded.open, langs = excluded.langs,"
        " recency = excluded.recency, summary = excluded.summary,"
        " coverage = excluded.coverage, summary_nogrowth = excluded.summary_nogrowth,"
        " weight = excluded.weight, report_mid = excluded.report_mid",
    [SKEIN__Q_SEARCH] = "INSERT INTO search(story, n, body) VALUES($1, $2,"
                        " to_tsvector('simple', $3::text))",
    [SKEIN__Q_SEARCH_DEL] = "DELETE FROM search WHERE story = $1 AND n >= $2 AND n < $3",
    [SKEIN__Q_SEARCH_GONE] = "DELETE FROM search WHERE story = $1 AND n = $2",
    [SKEIN__Q_STATE] = "INSERT INTO state VALUES(1, $1, $2, extract(epoch FROM now())::bigint)"
                       " ON CONFLICT(id) DO UPDATE SET seq = excluded.seq,"
                       " engine = excluded.engine, saved = excluded.saved",
    [SKEIN__Q_OPTION] = "INSERT INTO options VALUES($1, $2)"
                        " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    [SKEIN__Q_LANG_FILTER] = " AND strpos(langs, ',' || :lang::text || ',') > 0",
    /* a word without lexemes is passed over, as in one tsquery of all the words */
    [SKEIN__Q_WORDS_FILTER] =
        " AND (numnode(plainto_tsquery('simple', :q::text)) = 0 OR id IN (SELECT story"
        " FROM search WHERE body @@ plainto_tsquery('simple', :q::text)))",
    [SKEIN__Q_NOTE] = "INSERT INTO meta VALUES($1, $2)"
                      " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    /* a replica that has replayed all it received is not behind, however
     * long ago the primary last wrote */
    [SKEIN__Q_LAG] = "SELECT CASE WHEN NOT pg_is_in_recovery()"
                     " OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                     " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()),"
                     " 0) END",
    [SKEIN__Q_FEED_TABLES] = PG_FEED_TABLES,
    [SKEIN__Q_TO_7] = "ALTER TABLE names ADD COLUMN key TEXT;"
                      "ALTER TABLE names ADD COLUMN spellings TEXT;"
                      "CREATE INDEX names_key ON names(key);"
                      "ALTER TABLE stories ADD COLUMN weight BIGINT NOT NULL DEFAULT 0;"
                      "CREATE INDEX stories_weight ON stories(weight DESC, id DESC);",
    [SKEIN__Q_TO_8] = PG_STORY_ARTICLES,
    /* a story's one tsvector of schema 8 stays its line 0 until it is written again */
    [SKEIN__Q_TO_9] = "ALTER TABLE search RENAME COLUMN id TO story;"
                      "ALTER TABLE search ADD COLUMN n BIGINT NOT NULL DEFAULT 0;"
                      "ALTER TABLE search DROP CONSTRAINT search_pkey;"
                      "ALTER TABLE search ADD PRIMARY KEY(story, n);",
    [SKEIN__Q_REPORT] =
        "coalesce(report || coalesce((SELECT string_agg(entry, ',' ORDER BY q.grp, q.at)"
        " FROM story_quotes q WHERE q.story = stories.id), '') || report_mid"
        " || (SELECT string_agg(entry, ',' ORDER BY a.pos) FROM story_articles a"
        " WHERE a.story = stories.id) || ']}', report)",
};

const char *skein__pg_sql(skein__q q) { return pg_sql[q]; }

static void keep_error(skein__pg *pg, const char *what) {
    const char *m = what && *what ? what : PQerrorMessage(pg->conn);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--; /* libpq ends with a newline */
    snprintf(pg->err, sizeof(pg->err), "%.*s", (int)n, m);
}

static void quiet(void *ud, const char *message) { (void)ud, (void)message; }

/* TCP keepalives unless the connection string sets its own: after 10 s
 * without traffic a probe every 5 s, 3 unanswered and the connection is
 * dead; data unacknowledged for 30 s likewise.  A writer's machine or
 * network lost, its session (and so its lock) ends within about 30 s. */
static const char *const keep_keys[] = {"keepalives",
                                        "keepalives_idle",
                                        "keepalives_interval",
                                        "keepalives_count",
                                        "tcp_user_timeout",
                                        "dbname",
                                        NULL};
static const char *const keep_defaults[] = {"1", "10", "5", "3", "30000"};

/* The connection's value of libpq keyword `key` as a number (absent: 0). */
static int conn_setting(PQconninfoOption *opts, const char *key) {
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (!strcmp(o->keyword, key)) return o->val ? atoi(o->val) : 0;
    return 0;
}

/* The server's end of the same: PostgreSQL probes the client as the client
 * probes it (the connection's settings), so that it ends the session of a
 * client that is gone.  What the server's configuration sets is kept. */
static void keep_alive_server(skein__pg *pg) {
    PQconninfoOption *opts = PQconninfo(pg->conn);
    if (!opts) return;
    char sql[512];
    snprintf(sql, sizeof(sql),
             "SELECT set_config(s.name, v.value, false) FROM pg_settings s JOIN (VALUES"
             " ('tcp_keepalives_idle', '%d'), ('tcp_keepalives_interval', '%d'),"
             " ('tcp_keepalives_count', '%d'), ('tcp_user_timeout', '%d')) v(name, value)"
             " USING (name) WHERE s.source = 'default'",
             conn_setting(opts, "keepalives_idle"), conn_setting(opts, "keepalives_interval"),
             conn_setting(opts, "keepalives_count"), conn_setting(opts, "tcp_user_timeout"));
    if (conn_setting(opts, "keepalives")) PQclear(PQexec(pg->conn, sql));
    PQconninfoFree(opts);
}

skein__pg *skein__pg_open(const char *conninfo, int readonly) {
    skein__pg *pg = calloc(1, sizeof(*pg));
    if (!pg) return NULL;
    /* the defaults first: what the connection string says overrides them */
    const char *vals[sizeof(keep_keys) / sizeof(keep_keys[0])];
    memcpy(vals, keep_defaults, sizeof(keep_defaults));
    vals[5] = conninfo, vals[6] = NULL;
    pg->conn = PQconnectdbParams(keep_keys, vals, 1);
    PQsetNoticeProcessor(pg->conn, quiet, NULL); /* the library never prints */
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        keep_error(pg, NULL);
        return pg;
    }
    keep_alive_server(pg);
    PGresult *r = PQexec(pg->conn, readonly ? "SET client_min_messages = warning;"
                                              "SET default_transaction_read_only = on"
                                            : "SET client_min_messages = warning");
    if (PQresultStatus(r) != PGRES_COMMAND_OK) keep_error(pg, NULL);
    PQclear(r);
    return pg;
}

int skein__pg_ok(const skein__pg *pg) {
    return pg && PQstatus(pg->conn) == CONNECTION_OK && !pg->err[0];
}

void skein__pg_close(skein__pg *pg) {
    if (!pg) return;
    PQfinish(pg->conn); /* ends the session: its advisory locks go with it */
    free(pg);
}

const char *skein__pg_errmsg(const skein__pg *pg) { return pg->err[0] ? pg->err : "no error"; }

int64_t skein__pg_last_id(const skein__pg *pg) { return pg->last_id; }

/* A result that is an error keeps its message; 0 or -1. */
static int result_ok(skein__pg *pg, PGresult *r) {
    ExecStatusType t = PQresultStatus(r);
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) return 0;
    keep_error(pg, r ? PQresultErrorMessage(r) : NULL);
    return -1;
}

int skein__pg_exec(skein__pg *pg, const char *sql) {
    PGresult *r = PQexec(pg->conn, sql);
    int rc = result_ok(pg, r);
    PQclear(r);
    return rc;
}

/* The first column of the first row of `sql` as an integer (absent: 0). */
static int one_int(skein__pg *pg, const char *sql, int *v) {
    PGresult *r = PQexec(pg->conn, sql);
    int rc = result_ok(pg, r);
    *v = !rc && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? atoi(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return rc;
}

int skein__pg_version(skein__pg *pg, int *version) {
    int has = 0;
    *version = -1;
    if (one_int(pg,
                "SELECT count(*) FROM pg_tables WHERE tablename = 'skein_schema'"
                " AND schemaname = current_schema()",
                &has))
        return -1;
    if (!has) return *version = 0, 0;
    return one_int(pg, "SELECT max(version) FROM skein_schema", version);
}

int skein__pg_set_version(skein__pg *pg, int version) {
    char sql[96];
    snprintf(sql, sizeof(sql), "DELETE FROM skein_schema; INSERT INTO skein_schema VALUES(%d)",
             version);
    return skein__pg_exec(pg, sql);
}

int skein__pg_lock_writer(skein__pg *pg) {
    char sql[80];
    snprintf(sql, sizeof(sql), "SELECT pg_try_advisory_lock(%lld)", (long long)LOCK_WRITER);
    PGresult *r = PQexec(pg->conn, sql);
    int rc = result_ok(pg, r)                                         ? SKEIN_EDB
             : PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t") ? SKEIN_OK
                                                                      : SKEIN_EBUSY;
    PQclear(r);
    return rc;
}

/* ---- statements ------------------------------------------------------------- */

/* The number for parameter `name` (":lang"), given it if new. */
static int name_index(skein__pgstmt *st, const char *name, size_t n) {
    for (int i = 0; i < st->nparams; i++)
        if (st->names[i] && strlen(st->names[i]) == n && !strncmp(st->names[i], name, n))
            return i + 1;
    if (st->nparams == MAX_PARAMS || !(st->names[st->nparams] = strndup(name, n))) return -1;
    return ++st->nparams;
}

static int is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The next parameter at p (`?`, `?N`, `:name`, `$N`): its number, and the
 * characters it takes in *used; 0 when p holds none. */
static int param_at(skein__pgstmt *st, const char *p, size_t *used, int *next) {
    size_t n = 1;
    int num = 0;
    if (*p == '?' || *p == '$') {
        while (p[n] >= '0' && p[n] <= '9') num = num * 10 + (p[n++] - '0');
        if (n == 1 && *p == '$') return 0;
        if (n == 1) num = ++*next;
    } else if (*p == ':' && p[1] != ':' && is_name_char(p[1]) && (p[-1] != ':')) {
        while (is_name_char(p[n])) n++;
        num = name_index(st, p, n);
    } else {
        return 0;
    }
    *used = n;
    if (num > st->nparams && num <= MAX_PARAMS) st->nparams = num;
    if (num > *next) *next = num;
    return num;
}

/* st->sql: `sql` with every parameter written $N. */
static int translate(skein__pgstmt *st, const char *sql) {
    size_t len = strlen(sql);
    char *out = malloc(len * 4 + 16), *o = out;
    if (!out) return -1;
    int next = 0, quoted = 0;
    const char *p = sql;
    if (*p) *o++ = *p++; /* no statement opens with a parameter */
    while (*p) {
        size_t used = 0;
        int num = quoted ? 0 : param_at(st, p, &used, &next);
        if (num < 0 || num > MAX_PARAMS) return free(out), -1;
        if (!num) {
            if (*p == '\'') quoted = !quoted;
            *o++ = *p++;
            continue;
        }
        o += sprintf(o, "$%d", num);
        p += used;
    }
    *o = 0;
    st->sql = out;
    st->returning = strstr(out, " RETURNING ") != NULL;
    return 0;
}

int skein__pg_prepare(skein__pg *pg, const char *sql, skein__pgstmt **out) {
    skein__pgstmt *st = calloc(1, sizeof(*st));
    *out = NULL;
    if (!st) return keep_error(pg, "out of memory"), -1;
    st->pg = pg;
    st->row = -1;
    if (translate(st, sql)) {
        skein__pg_finalize(st);
        return keep_error(pg, "preparing a statement: too many parameters"), -1;
    }
    *out = st;
    return 0;
}

static void drop_row(skein__pgstmt *st) {
    for (int i = 0; i < MAX_COLS; i++) {
        if (st->blobs[i]) PQfreemem(st->blobs[i]);
        st->blobs[i] = NULL;
    }
}

void skein__pg_reset(skein__pgstmt *st) {
    if (!st) return;
    drop_row(st);
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
}

void skein__pg_clear_bindings(skein__pgstmt *st) {
    for (int i = 0; i < MAX_PARAMS; i++) free(st->vals[i]), st->vals[i] = NULL;
}

void skein__pg_finalize(skein__pgstmt *st) {
    if (!st) return;
    if (st->name[0] && PQstatus(st->pg->conn) == CONNECTION_OK) {
        char sql[48];
        snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
        PQclear(PQexec(st->pg->conn, sql));
    }
    skein__pg_reset(st);
    skein__pg_clear_bindings(st);
    for (int i = 0; i < MAX_PARAMS; i++) free(st->names[i]);
    free(st->sql);
    free(st);
}

const char *skein__pg_stmt_sql(const skein__pgstmt *st) { return st->sql; }

int skein__pg_param_index(const skein__pgstmt *st, const char *name) {
    for (int i = 0; i < st->nparams; i++)
        if (st->names[i] && !strcmp(st->names[i], name)) return i + 1;
    return 0;
}

void skein__pg_bind(skein__pgstmt *st, int i, const void *v, size_t n, int binary) {
    if (i < 1 || i > MAX_PARAMS) return;
    free(st->vals[i - 1]);
    st->vals[i - 1] = NULL;
    if (!v) return;
    if ((st->vals[i - 1] = malloc(n + 1))) {
        memcpy(st->vals[i - 1], v, n);
        st->vals[i - 1][n] = 0;
        st->lens[i - 1] = (int)n;
        st->fmts[i - 1] = binary;
    }
}

/* A statement sent again is prepared on the server once (parameter types
 * from their places: bytea for blobs) and from then on only executed; one
 * sent once costs one round trip, as before. */
static void prepare_named(skein__pgstmt *st) {
    snprintf(st->name, sizeof(st->name), "skein_%u", ++st->pg->named);
    PGresult *r = PQprepare(st->pg->conn, st->name, st->sql, st->nparams, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) st->name[0] = 0; /* sent whole each time */
    PQclear(r);
}

static int run(skein__pgstmt *st) {
    Oid types[MAX_PARAMS];
    for (int i = 0; i < st->nparams; i++)
        types[i] = st->vals[i] && st->fmts[i] ? 17 : 0; /* bytea */
    if (st->runs++ == 1) prepare_named(st);
    if (st->name[0])
        st->res = PQexecPrepared(st->pg->conn, st->name, st->nparams, (const char *const *)st->vals,
                                 st->lens, st->fmts, 0);
    else
        st->res = PQexecParams(st->pg->conn, st->sql, st->nparams, types,
                               (const char *const *)st->vals, st->lens, st->fmts, 0);
    if (result_ok(st->pg, st->res)) {
        PQclear(st->res);
        st->res = NULL;
        return -1;
    }
    st->nrows = PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
    if (st->returning && st->nrows == 1) {
        st->pg->last_id = strtoll(PQgetvalue(st->res, 0, 0), NULL, 10);
        st->nrows = 0;
    }
    return 0;
}

int skein__pg_step(skein__pgstmt *st) {
    drop_row(st);
    if (!st->res && run(st)) return -1;
    if (st->row + 1 >= st->nrows) return st->row = st->nrows, SKEIN__DB_DONE;
    st->row++;
    return SKEIN__DB_ROW;
}

static int has_col(const skein__pgstmt *st, int i) {
    return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res);
}

int skein__pg_column_null(skein__pgstmt *st, int i) {
    return !has_col(st, i) || PQgetisnull(st->res, st->row, i);
}

const char *skein__pg_column_text(skein__pgstmt *st, int i) {
    return skein__pg_column_null(st, i) ? NULL : PQgetvalue(st->res, st->row, i);
}

const void *skein__pg_column_blob(skein__pgstmt *st, int i, size_t *n) {
    *n = 0;
    if (skein__pg_column_null(st, i) || i >= MAX_COLS) return NULL;
    if (!st->blobs[i])
        st->blobs[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i),
                                       &st->bloblens[i]);
    *n = st->blobs[i] ? st->bloblens[i] : 0;
    return st->blobs[i];
}
