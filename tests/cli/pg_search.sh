#!/usr/bin/env bash
# pg_search.sh -- search keeps a story's text as rows of lines (schema 9):
# a PostgreSQL store of schema 8 (one tsvector a story) takes the step to 9
# when opened, each story's tsvector its line 0, and answers searches as
# before; with more articles it answers them as a SQLite store given the same
# runs, words of one line or of two.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
pg_need
pg_test_begin
pg_start main
pg=$(pg_url main)
psql() { "$PG_BIN/psql" -At -v ON_ERROR_STOP=1 -d "$pg" "$@"; }

cat "$SKEIN_FIXTURES/crosslingual.jsonl" "$SKEIN_FIXTURES/events.jsonl" >"$tmp/in"
head -n 20 "$tmp/in" >"$tmp/first"
tail -n +21 "$tmp/in" >"$tmp/rest"
"$SKEIN" cluster --db "$pg" "$tmp/first" >/dev/null 2>&1
"$SKEIN" cluster --db "$tmp/s.db" "$tmp/first" >/dev/null 2>&1

# Searches: the first word of each line of search, and that with the first
# word of the story's last line; those of ASCII letters and digits (both
# index them alike: PostgreSQL keeps diacritics), forty at most.
words() {
    sqlite3 "$tmp/s.db" "SELECT s.body, (SELECT body FROM search WHERE rowid = hi)
        FROM search s JOIN (SELECT rowid >> 32 story, max(rowid) hi FROM search
        GROUP BY rowid >> 32) l ON l.story = s.rowid >> 32 ORDER BY s.rowid" |
        awk -F'|' '{ split($1, a, " "); split($2, b, " "); print a[1]; print a[1] " " b[1] }' |
        grep -E '^[A-Za-z0-9 ]+$' | awk '!seen[$0]++' | head -n 40
}
# What each search lists, one line each.
answers() {
    while IFS= read -r q; do
        "$SKEIN" stories --db "$1" --q "$q" --limit 1000 | jq -c .story | tr '\n' ' '
        echo
    done <"$tmp/words"
}
words >"$tmp/words"
[ "$(wc -l <"$tmp/words")" -ge 6 ]
answers "$tmp/s.db" >"$tmp/lite"
[ "$(grep -c . "$tmp/lite")" -ge 6 ] # every search finds its story
answers "$pg" | cmp - "$tmp/lite"

# Back to schema 8: one tsvector a story.
psql -q -c "CREATE TABLE search8 AS SELECT story AS id,
      string_agg(body::text, ' ' ORDER BY n)::tsvector AS body FROM search GROUP BY story;
    DROP TABLE search; ALTER TABLE search8 RENAME TO search;
    ALTER TABLE search ADD PRIMARY KEY(id); ALTER TABLE search ALTER COLUMN body SET NOT NULL;
    CREATE INDEX search_body ON search USING GIN(body);
    UPDATE skein_schema SET version = 8;"

# Opened: at 9, each story's tsvector its line 0, the same answers.
answers "$pg" | cmp - "$tmp/lite"
[ "$(psql -c 'SELECT version FROM skein_schema')" = 9 ]
[ "$(psql -c 'SELECT count(*) FROM search WHERE n <> 0')" = 0 ]

# On with the rest: as a SQLite store given the same two runs.
"$SKEIN" cluster --db "$pg" "$tmp/rest" >/dev/null 2>&1
"$SKEIN" cluster --db "$tmp/s.db" "$tmp/rest" >/dev/null 2>&1
words >"$tmp/words"
answers "$tmp/s.db" >"$tmp/lite"
answers "$pg" | cmp - "$tmp/lite"
[ "$(psql -c 'SELECT count(*) > count(DISTINCT story) FROM search')" = t ] # stories of lines
echo "pg_search: a schema-8 PostgreSQL store's search taken to lines at 9, answering as SQLite's"
