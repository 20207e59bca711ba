#!/usr/bin/env bash
# pg_schema.sh -- a PostgreSQL store of schema 5 (tests/fixtures/pg-store-v5.sql,
# as an older skein wrote it) on a server of the test's own, with a streaming
# replica: before its writer migrates it, a `serve --read-only` on the
# replica answers 503 saying why and `stories` on the replica says it cannot
# migrate there; opened by skein on the primary it takes the steps to the
# current schema (from 5 to 6: the feed tables) with every row it held
# unchanged, the reader on the replica reads it without a restart, and more
# articles clustered into it join it.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/lib/pg.sh"
. "$here/lib/serve.sh"
pg_need
pg_test_begin
pg_start main
pg_createdb main old
pg=$(pg_url main old)
# the schema this skein writes (a new SQLite store's)
"$SKEIN" cluster --db "$tmp/new.db" /dev/null >/dev/null 2>&1 || true # nothing to add: exit 1
cur=$(sqlite3 "$tmp/new.db" 'PRAGMA user_version')
[ "$cur" -ge 6 ]
psql() { "$PG_BIN/psql" -At -v ON_ERROR_STOP=1 -d "$1" "${@:2}"; }
psql "$pg" -q -f "$SKEIN_FIXTURES/pg-store-v5.sql" >/dev/null
[ "$(psql "$pg" -c 'SELECT version FROM skein_schema')" = 5 ]
[ "$(psql "$pg" -c "SELECT count(*) FROM pg_tables WHERE tablename IN ('feeds', 'feed_items')")" = 0 ]
# every row the store holds, table by table, in one order: the columns of
# schema 5 (later steps add columns, and the one to 7 tells every story
# again, so a story's report and search text may gain what 7 tells)
rows() {
    local t
    for t in "*:articles" "*:memberships" "id, title, size, first_seen, last_seen, open:stories" \
        "*:events" "story, name, kind, articles, mentions:names" \
        "story, speaker, text, article, lang, outlet:quotes" "*:state" "*:meta" "*:options"; do
        echo "== $t"
        psql "$pg" -c "SELECT ${t%%:*} FROM ${t##*:} ORDER BY 1, 2" | sort
    done
}
rows >"$tmp/before"
[ "$(grep -c . "$tmp/before")" -gt 40 ]

# Its writer has not migrated it yet: the replica's reader says why.
pg_replica replica main
rep=$(pg_url replica old)
start_server "$rep" --read-only
pids+=("$server_pid")
[ "$(status GET /v1/stories)" = 503 ]
jq -e --arg want "the store cannot be read: schema 5 (this skein: $cur): read once a writer has migrated it" \
    '.error | startswith($want)' "$tmp/body" >/dev/null || { echo "the reader's 503:"; cat "$tmp/body"; exit 1; }
! grep -q "$(pg_port replica)" "$tmp/body" # no database address in an answer
rc=0
"$SKEIN" stories --db "$rep" >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" = 1 ]
grep -q "schema 5 (this skein: $cur) cannot be migrated here: .*read-only transaction; a replica is migrated by its primary's writer" "$tmp/err" ||
    { echo "stories on the replica:"; cat "$tmp/err"; exit 1; }

# Opened on the primary: at the current schema, the feed tables there, every old row unchanged.
"$SKEIN" stories --db "$pg" >"$tmp/stories"
[ "$(psql "$pg" -c 'SELECT version FROM skein_schema')" = "$cur" ]
[ "$(psql "$pg" -c "SELECT count(*) FROM pg_tables WHERE tablename IN ('feeds', 'feed_items')")" = 2 ]
rows >"$tmp/after"
cmp "$tmp/before" "$tmp/after"
# the stories read back are the ones stored
[ "$(wc -l <"$tmp/stories")" = 3 ]
jq -r '"\(.story)|\(.title)"' "$tmp/stories" | cmp - <(psql "$pg" -c 'SELECT id, title FROM stories ORDER BY id')

# The reader on the replica reads it, without a restart, once it has the step.
for _ in $(seq 100); do
    [ "$(status GET /v1/stories)" = 200 ] && break
    sleep 0.1
done
[ "$(jq '.stories | length' "$tmp/body")" = 3 ]
stop_server

# More articles into it: stored, linked, the old ones where they were.
tail -n 6 "$SKEIN_FIXTURES/events.jsonl" | "$SKEIN" cluster --db "$pg" >/dev/null 2>"$tmp/err"
grep -q 'read 6, added 6, skipped 0' "$tmp/err"
[ "$(psql "$pg" -c 'SELECT count(*) FROM articles')" = 12 ]
[ "$(psql "$pg" -c 'SELECT count(*) FROM memberships')" = 12 ]
for id in $(tail -n 6 "$SKEIN_FIXTURES/events.jsonl" | jq -r .id); do
    [ "$(psql "$pg" -c "SELECT count(*) FROM memberships WHERE article = '$id'")" = 1 ]
done
[ "$(psql "$pg" -c 'SELECT sum(size) FROM stories')" = 12 ]
grep '^== \*:articles' -A 6 "$tmp/before" | tail -n 6 >"$tmp/old.articles"
psql "$pg" -c 'SELECT * FROM articles WHERE seq <= 6 ORDER BY 1, 2' | sort | cmp - "$tmp/old.articles"
[ "$(psql "$pg" -c 'SELECT version FROM skein_schema')" = "$cur" ]
echo "pg_schema: a schema-5 PostgreSQL store migrated to $cur, its rows kept, its replica's reader waiting for it"
