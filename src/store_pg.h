/* store_pg.h -- the PostgreSQL back end of store_db.h (store_pg.c): the same
 * calls, on a libpq connection.  Only store_db.c calls these. */
#ifndef SKEIN_STORE_PG_H
#define SKEIN_STORE_PG_H

#include "store_db.h"

typedef struct skein__pg skein__pg;
typedef struct skein__pgstmt skein__pgstmt;

skein__pg *skein__pg_open(const char *conninfo, int readonly);
int skein__pg_ok(const skein__pg *pg);
void skein__pg_close(skein__pg *pg);
const char *skein__pg_errmsg(const skein__pg *pg);
const char *skein__pg_sql(skein__q q);
int skein__pg_exec(skein__pg *pg, const char *sql);
int64_t skein__pg_last_id(const skein__pg *pg);
int skein__pg_version(skein__pg *pg, int *version);
int skein__pg_set_version(skein__pg *pg, int version);
int skein__pg_lock_writer(skein__pg *pg);

int skein__pg_prepare(skein__pg *pg, const char *sql, skein__pgstmt **st);
void skein__pg_finalize(skein__pgstmt *st);
int skein__pg_step(skein__pgstmt *st);
void skein__pg_reset(skein__pgstmt *st);
void skein__pg_clear_bindings(skein__pgstmt *st);
const char *skein__pg_stmt_sql(const skein__pgstmt *st);
int skein__pg_param_index(const skein__pgstmt *st, const char *name);
/* v NULL: SQL NULL; binary: n bytes as bytea, else text */
void skein__pg_bind(skein__pgstmt *st, int i, const void *v, size_t n, int binary);
int skein__pg_column_null(skein__pgstmt *st, int i);
const char *skein__pg_column_text(skein__pgstmt *st, int i);
const void *skein__pg_column_blob(skein__pgstmt *st, int i, size_t *n);

#endif
