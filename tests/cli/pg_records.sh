#!/usr/bin/env bash
# pg_records.sh -- a PostgreSQL store of schema 7 (each story's record whole
# in its row) takes the step to 8 when its writer opens it: every record is
# kept as its head and rows of its quotes' and articles' entries, and reads
# back byte for byte as before (`stories`, `show --json`); more articles
# clustered into it give the records a SQLite store given the whole stream
# in the same two runs holds.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
pg_need
pg_test_begin
pg_start main
pg=$(pg_url main)
psql() { "$PG_BIN/psql" -At -v ON_ERROR_STOP=1 -d "$pg" "$@"; }

in="$SKEIN_FIXTURES/crosslingual.jsonl" # stories with quotes
head -n 16 "$in" >"$tmp/first"
tail -n +17 "$in" >"$tmp/rest"
"$SKEIN" cluster --db "$pg" "$tmp/first" >/dev/null 2>&1
"$SKEIN" cluster --db "$tmp/s.db" "$tmp/first" >/dev/null 2>&1
records() {
    "$SKEIN" stories --db "$1"
    for id in $("$SKEIN" stories --db "$1" | jq -r .story); do "$SKEIN" show "$id" --json --db "$1"; done
}
records "$pg" >"$tmp/before"
[ "$(grep -c '"quotes":\[{' "$tmp/before")" -gt 0 ] # the records have quotes to split
[ "$(psql -c 'SELECT count(*) FROM story_quotes')" -gt 0 ]

# Back to schema 7: each record whole, no rows of entries.
psql -q -c "UPDATE stories SET report = report || coalesce((SELECT string_agg(entry, ','
      ORDER BY q.grp, q.at) FROM story_quotes q WHERE q.story = stories.id), '') || report_mid
      || (SELECT string_agg(entry, ',' ORDER BY a.pos) FROM story_articles a
      WHERE a.story = stories.id) || ']}';
    DROP TABLE story_articles; DROP TABLE story_quotes; ALTER TABLE stories DROP COLUMN report_mid;
    CREATE TABLE search8 AS SELECT story AS id,
      string_agg(body::text, ' ' ORDER BY n)::tsvector AS body FROM search GROUP BY story;
    DROP TABLE search; ALTER TABLE search8 RENAME TO search;
    ALTER TABLE search ADD PRIMARY KEY(id); ALTER TABLE search ALTER COLUMN body SET NOT NULL;
    CREATE INDEX search_body ON search USING GIN(body);
    UPDATE skein_schema SET version = 7;"
[ "$(psql -c "SELECT count(*) FROM stories WHERE report NOT LIKE '%]}'")" = 0 ]

# Opened: at 9, every record split and read as it was.
records "$pg" >"$tmp/after"
[ "$(psql -c 'SELECT version FROM skein_schema')" = 9 ]
[ "$(psql -c 'SELECT count(*) FROM stories WHERE report_mid IS NULL OR id NOT IN
      (SELECT story FROM story_articles)')" = 0 ]
[ "$(psql -c 'SELECT count(*) FROM story_quotes')" -gt 0 ]
cmp "$tmp/before" "$tmp/after"

# On with the rest: as a SQLite store given the same two runs.
"$SKEIN" cluster --db "$pg" "$tmp/rest" >/dev/null 2>&1
"$SKEIN" cluster --db "$tmp/s.db" "$tmp/rest" >/dev/null 2>&1
records "$pg" >"$tmp/pg.records"
records "$tmp/s.db" | cmp - "$tmp/pg.records"
[ "$(grep -c . "$tmp/pg.records")" -gt 3 ]
echo "pg_records: a schema-7 PostgreSQL store split at 8, its records read as before and continued"
